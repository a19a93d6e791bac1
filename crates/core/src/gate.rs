//! The gate: the one function every plan passes on its way in, whatever brought it (a
//! file opened, a share link, the browser's library, the command line, a CSV layout read
//! back, a budget import, an older version's upgrade).
//!
//! Parsing and upgrading are the readers' business (`io`); what the gate adds is the
//! same for all of them, in this order: the shape check and the limits
//! ([`crate::reports::validate::shape_errors`]), then a full computation of the plan. A
//! plan that fails either step is refused with every finding and its place, so nothing
//! downstream indexes a plan that was not checked, and every plan handed on computes.

use crate::calc::Engine;
use crate::model::Plan;
use crate::reports::validate::{shape_errors, Finding, Location, Severity};

/// A plan the gate refused: why, with each place. Never empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub findings: Vec<Finding>,
}

/// Checks `plan` and hands it back only if it is safe to open: its shape is sound, every
/// figure is within the limits, and it computes exactly. Normalises what a hand-edited file may shuffle (a scenario's changes, notes and kept
/// calculations, each looked up in order).
pub fn admit(mut plan: Plan) -> Result<Plan, Refused> {
    for s in &mut plan.scenarios {
        crate::order::sort_by_key(&mut s.changes, |c| c.key);
    }
    crate::order::sort_by_key(&mut plan.notes, |n| n.at);
    crate::order::sort_by_key(&mut plan.expressions, |e| (e.scenario, e.key));
    let findings = shape_errors(&plan);
    if !findings.is_empty() {
        return Err(Refused { findings });
    }
    let findings = computation_errors(plan.clone());
    if findings.is_empty() {
        Ok(plan)
    } else {
        Err(Refused { findings })
    }
}

/// Why the baseline cannot be computed exactly, if it cannot. Scenarios and proposals are
/// not refused here: an edit of the baseline can push a scenario past exact range, and a
/// plan the app saved must always reopen; their views report such a failure in place.
fn computation_errors(plan: Plan) -> Vec<Finding> {
    match Engine::new(plan) {
        Ok(_) => Vec::new(),
        Err(e) => vec![Finding {
            severity: Severity::Error,
            location: Location::Plan,
            message: format!("the plan cannot be calculated exactly: {e}"),
            blocks_editing: true,
        }],
    }
}
