//! Commands: the edits that one user action means (create a scenario, promote it, start a
//! proposal), built from the plan as it is. Each is one undoable step when applied.

use crate::edit::Edit;
use crate::model::scenario::{read, unused_name};
use crate::model::*;

/// A new, empty scenario (or a copy of `from`'s differences) at the end of the list.
pub fn create_scenario(plan: &Plan, name: &str, from: Option<ScenarioId>) -> Option<Edit> {
    let mut scenario = match from {
        Some(id) => plan.scenarios.iter().find(|s| s.id == id)?.clone(),
        None => Scenario::new(ScenarioId(0), name),
    };
    scenario.name = name.to_string();
    let mut next = plan.next_id;
    // Ids used up: no scenario, rather than ids wrapping round to ones in use.
    let mut fresh = || {
        let id = next;
        next = next.checked_add(1)?;
        Some(id)
    };
    scenario.id = ScenarioId(fresh()?);
    if from.is_some() {
        // A copy's added rows need ids of their own.
        let mut renumber = std::collections::HashMap::new();
        for o in &mut scenario.added_outputs {
            o.id = OutputId(fresh()?);
            for l in &mut o.lines {
                let id = LineId(fresh()?);
                renumber.insert(l.id, id);
                l.id = id;
            }
        }
        for a in &mut scenario.added_lines {
            let id = LineId(fresh()?);
            renumber.insert(a.line.id, id);
            a.line.id = id;
        }
        for c in &mut scenario.changes {
            if let Key::Value { line, .. } | Key::Rate { line } = &mut c.key {
                if let Some(id) = renumber.get(line) {
                    *line = *id;
                }
            }
        }
        crate::order::sort_by_key(&mut scenario.changes, |c| c.key);
    }
    Some(Edit::InsertScenario {
        index: plan.scenarios.len(),
        scenario: Box::new(scenario),
    })
}

/// Makes a scenario the baseline, as one undoable edit. Its rows join the baseline and its
/// figures replace the baseline's. The scenario's place is taken by "Former baseline",
/// which holds the baseline's old figures (and blanks for the rows added), so nothing is
/// lost. Other scenarios keep their own changes and follow the new baseline elsewhere,
/// as they follow any baseline edit.
pub fn promote(plan: &Plan, id: ScenarioId) -> Option<Edit> {
    let index = plan.scenarios.iter().position(|s| s.id == id)?;
    let s = &plan.scenarios[index];
    let n = plan.years.len();
    // The scenario goes first: the ids of its rows then pass to the baseline.
    let mut edits = vec![Edit::RemoveScenario { scenario: id }];
    let mut former = Scenario::new(
        ScenarioId(plan.next_id),
        &unused_name(plan, &format!("Former baseline (before {})", s.name)),
    );
    former.note = format!(
        "The baseline as it was before \u{201c}{}\u{201d} was promoted.",
        s.name
    );
    let blank_years = |former: &mut Scenario, line: &Line| {
        for year in 0..n {
            former.set(
                Key::Value {
                    line: line.id,
                    year,
                },
                Some(None),
            );
        }
    };
    for added in &s.added_lines {
        let output = plan.output(added.output)?;
        edits.push(Edit::InsertLine {
            output: added.output,
            index: output.lines.len().saturating_add(
                edits
                    .iter()
                    .filter(
                        |e| matches!(e, Edit::InsertLine { output, .. } if *output == added.output),
                    )
                    .count(),
            ),
            line: added.line.clone(),
        });
        blank_years(&mut former, &added.line);
    }
    for (k, output) in s.added_outputs.iter().enumerate() {
        edits.push(Edit::InsertOutput {
            index: plan.outputs.len().saturating_add(k),
            output: output.clone(),
            results: Vec::new(),
            kpis: Vec::new(),
            risk_links: Vec::new(),
        });
        for line in &output.lines {
            blank_years(&mut former, line);
        }
    }
    for c in &s.changes {
        let Some(old) = read(plan, c.key).or_else(|| s.adds_line_key(c.key).then_some(None)) else {
            continue; // stale: its row is gone from the baseline
        };
        edits.push(Edit::SetFigure {
            key: c.key,
            value: c.value,
        });
        if !s.adds_line_key(c.key) {
            former.set(c.key, Some(old));
        }
    }
    edits.push(Edit::InsertScenario {
        index,
        scenario: Box::new(former),
    });
    Some(Edit::Batch(edits))
}

/// A new proposal for the plan, with a fresh id, at the end of its list.
pub fn create_proposal(plan: &Plan, title: &str) -> Edit {
    Edit::InsertProposal {
        index: plan.proposals.len(),
        proposal: Box::new(Proposal::new(ProposalId(plan.next_id), title)),
    }
}
