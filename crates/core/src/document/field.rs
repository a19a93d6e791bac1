//! What a user can type into: a [`CellKey`] names one field of the plan (a figure of a
//! line and year, a text, a type, a share, a KPI figure, a proposal's quantity or rate),
//! stable across reordering, regrouping and collapsing. Text typed into a field that could
//! not be used is a [`Draft`] kept under its key, so it stays where it was typed, with the
//! reason, until the user fixes or clears it; drafts are part of the document's history.

use crate::model::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which field of a target: a grid column (a year, the label, the type) or a KPI figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Col {
    Label,
    /// Grade or category of a line, org unit of an output.
    Type,
    Rate,
    Year(usize),
    Biennium(usize),
    Period,
}

/// What an editable cell changes: stable across reordering and regrouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Objective(ObjectiveId),
    Output(OutputId),
    Line(LineId),
    Grade(GradeId),
    /// A ceiling's amount (with [`Col::Period`]).
    Ceiling(CeilingId),
    /// The standard costs' yearly escalation (with [`Col::Rate`]).
    Escalation,
    /// An output's share in an objective: a cell of the linkage matrix.
    Link(OutputId, ObjectiveId),
    /// A KPI's target for a year (with [`Col::Year`]).
    KpiTarget(KpiId),
    /// A KPI's actual for a year (with [`Col::Year`]).
    KpiActual(KpiId),
    /// A KPI's baseline value.
    KpiBaseline(KpiId),
    /// A unit rate of a proposal.
    ProposalRate(ProposalId, RateKind),
    /// A figure of a proposal's cost item (by the item's number).
    ProposalItem(ProposalId, u32, ItemFigure),
    /// An income line's rate (a driver such as the value of the contributory unit): the
    /// baseline's, or a scenario's own (blank there follows the baseline).
    Driver(Option<ScenarioId>, IncomeId),
}

/// Which figure of a proposal's cost item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemFigure {
    Days,
    Languages,
    Interpreters,
    Pages,
    Months,
    Trips,
    Amount,
}

impl CellKey {
    /// The key of a field that has no column of its own.
    pub fn of(target: Target) -> CellKey {
        CellKey {
            target,
            col: Col::Label,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellKey {
    pub target: Target,
    pub col: Col,
}

/// Text typed into a cell that could not be used, kept visible with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub text: String,
    pub error: String,
}

pub type Drafts = HashMap<CellKey, Draft>;
