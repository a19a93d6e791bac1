//! Edits: typed changes to a plan, applied through one function.
//!
//! [`Engine::apply`] checks an edit, applies it, updates only the rollups it touches, and
//! returns the edit that undoes it. An edit that fails leaves the plan and its rollups
//! exactly as they were. [`crate::document::Document`] keeps the history; an
//! [`Edit::Batch`] (a paste, a fill) is one step.
//!
//! Every match over [`Edit`] and [`Key`] is exhaustive: a new kind of edit or figure does not
//! compile until each place says what it means.
//!
//! Cell-level edits (a value, a rate, a standard cost, a link share, an output's unit) are
//! incremental: the old contribution is subtracted and the new one added, exactly. Edits
//! that change the shape of the plan (insert, remove, move) rebuild the index and rollups.

mod figures;
mod notes;
mod results;
mod structure;
mod variants;

use crate::calc::Engine;
use crate::exact::Overflow;
use crate::model::*;
use crate::numfmt::max_amount;
use rust_decimal::Decimal;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// One figure (a cell, a rate, a standard cost, the escalation, a ceiling, an income
    /// figure or driver) set to a value, or blank with `None`. Every figure is edited through
    /// this variant, so scenarios, history and the shown view handle each kind alike.
    SetFigure {
        key: Key,
        value: Option<Decimal>,
    },
    SetLineDescription {
        line: LineId,
        description: String,
    },
    SetLineKind {
        line: LineId,
        kind: LineKind,
    },
    /// Adds, changes or (with `None`) removes the link of an output to an objective.
    SetLink {
        output: OutputId,
        objective: ObjectiveId,
        share: Option<Share>,
    },
    /// Puts a link back at its position (the inverse of removing it).
    InsertLink {
        output: OutputId,
        index: usize,
        link: Link,
    },
    SetOutputUnit {
        output: OutputId,
        unit: Option<UnitId>,
    },
    SetOutputText {
        output: OutputId,
        code: String,
        title: String,
    },
    SetObjectiveText {
        objective: ObjectiveId,
        code: String,
        title: String,
        description: String,
    },
    SetPlanInfo {
        title: String,
        organisation: String,
        currency: String,
    },
    /// Shows computed figures to the cent (`true`) or in whole units.
    SetCents(bool),
    /// A new objective, or one put back with the links, results and KPIs it had.
    InsertObjective {
        index: usize,
        objective: Objective,
        links: Vec<(OutputId, usize, Link)>,
        results: Vec<(usize, ExpectedResult)>,
        kpis: Vec<(usize, Kpi)>,
    },
    /// Removes an objective with its links, expected results and KPIs.
    RemoveObjective {
        objective: ObjectiveId,
    },
    InsertOutput {
        index: usize,
        output: Output,
        results: Vec<(usize, ExpectedResult)>,
        kpis: Vec<(usize, Kpi)>,
        risk_links: Vec<(RiskId, usize)>,
    },
    RemoveOutput {
        output: OutputId,
    },
    InsertLine {
        output: OutputId,
        index: usize,
        line: Line,
    },
    RemoveLine {
        line: LineId,
    },
    MoveObjective {
        objective: ObjectiveId,
        to: usize,
    },
    MoveOutput {
        output: OutputId,
        to: usize,
    },
    MoveLine {
        line: LineId,
        to: usize,
    },
    /// Sets (`Some`) or removes (`None`) the note at a place.
    SetNote {
        at: NoteAt,
        text: Option<String>,
    },
    /// Keeps the calculation a figure was typed as (`Some`), or drops it (`None`): the
    /// baseline's figure, or a scenario's own.
    SetExpression {
        scenario: Option<ScenarioId>,
        key: Key,
        text: Option<String>,
    },
    /// Replaces the KPI with this one's id (its owner may change).
    SetKpi(Box<Kpi>),
    InsertKpi {
        index: usize,
        kpi: Box<Kpi>,
    },
    RemoveKpi {
        kpi: KpiId,
    },
    /// Replaces the expected result with this one's id.
    SetResult(ExpectedResult),
    InsertResult {
        index: usize,
        result: ExpectedResult,
    },
    RemoveResult {
        result: ResultId,
    },
    /// Replaces the risk with this one's id.
    SetRisk(Box<Risk>),
    InsertRisk {
        index: usize,
        risk: Box<Risk>,
    },
    RemoveRisk {
        risk: RiskId,
    },
    /// A scenario's own value for a figure (`Some`), or back to the baseline's (`None`).
    SetOverride {
        scenario: ScenarioId,
        key: Key,
        value: Option<Option<Decimal>>,
    },
    InsertScenario {
        index: usize,
        scenario: Box<Scenario>,
    },
    RemoveScenario {
        scenario: ScenarioId,
    },
    RenameScenario {
        scenario: ScenarioId,
        name: String,
    },
    /// Replaces the proposal with this one's id.
    SetProposal(Box<Proposal>),
    InsertProposal {
        index: usize,
        proposal: Box<Proposal>,
    },
    RemoveProposal {
        proposal: ProposalId,
    },
    /// Several edits as one step; all apply or none.
    Batch(Vec<Edit>),
}

/// Why an edit was refused. The plan is unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    Unknown {
        what: &'static str,
        id: u32,
    },
    YearOutOfRange {
        year: usize,
        years: usize,
    },
    IndexOutOfRange {
        index: usize,
        len: usize,
    },
    TooLarge {
        value: Decimal,
    },
    DuplicateId {
        id: u32,
    },
    DuplicateLink,
    Overflow,
    /// A risk's likelihood or impact outside 1 to 5.
    OffScale {
        what: &'static str,
        value: u8,
    },
    /// A change to rows or links made while a scenario is shown.
    BaselineOnly,
    /// A ceiling left without an amount.
    NeedsAmount,
    /// The plan has handed out every id it can: nothing more can be added to it.
    NoFreshId,
    /// A text past its limit (a note, a calculation).
    TooLong {
        what: &'static str,
        chars: usize,
        max: usize,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Unknown { what, id } => {
                write!(f, "there is no {what} with id {id} in this plan")
            }
            EditError::YearOutOfRange { year, years } => {
                write!(
                    f,
                    "year position {year} is outside the plan's {years} years"
                )
            }
            EditError::IndexOutOfRange { index, len } => {
                write!(f, "position {index} is outside the list of {len}")
            }
            EditError::TooLarge { value } => write!(
                f,
                "{value} is larger than 10^15, the largest amount Rollplan accepts"
            ),
            EditError::DuplicateId { id } => write!(f, "id {id} is already used in this plan"),
            EditError::DuplicateLink => {
                f.write_str("the output is already linked to that objective")
            }
            EditError::Overflow => Overflow.fmt(f),
            EditError::OffScale { what, value } => {
                write!(f, "a risk's {what} is 1 to 5, not {value}")
            }
            EditError::BaselineOnly => f.write_str(
                "a scenario changes figures only; rows, links, units and line types are changed in the baseline (choose Baseline to change them)",
            ),
            EditError::NeedsAmount => f.write_str("a ceiling needs an amount"),
            EditError::NoFreshId => f.write_str(
                "this plan has used every id it can hand out, so nothing more can be added to it",
            ),
            EditError::TooLong { what, chars, max } => write!(
                f,
                "{what} can be at most {max} characters long; this one has {chars}"
            ),
        }
    }
}

impl std::error::Error for EditError {}

impl From<Overflow> for EditError {
    fn from(_: Overflow) -> Self {
        EditError::Overflow
    }
}

pub(super) type EditResult = Result<Edit, EditError>;

pub(super) fn check_amount(v: Option<Decimal>) -> Result<(), EditError> {
    match v {
        Some(v) if v.abs() > max_amount() => Err(EditError::TooLarge { value: v }),
        _ => Ok(()),
    }
}

/// The id after `id`, which the plan hands out next; refused when ids are used up, rather
/// than wrapping round to ids already in use.
pub(super) fn after(id: u32) -> Result<u32, EditError> {
    id.checked_add(1).ok_or(EditError::NoFreshId)
}

pub(super) fn unknown(what: &'static str, id: u32) -> EditError {
    EditError::Unknown { what, id }
}

impl Engine {
    /// Applies an edit and returns its inverse. On error nothing has changed.
    pub fn apply(&mut self, edit: Edit) -> EditResult {
        if let Edit::Batch(edits) = edit {
            let mut inverses = Vec::with_capacity(edits.len());
            for e in edits {
                match self.apply(e) {
                    Ok(inv) => inverses.push(inv),
                    Err(err) => {
                        // Roll back what this batch already did, newest first.
                        for inv in inverses.into_iter().rev() {
                            let _ = self.apply(inv);
                        }
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            return Ok(Edit::Batch(inverses));
        }
        self.apply_one(edit)
    }

    pub(super) fn line_at(&self, line: LineId) -> Result<(usize, usize), EditError> {
        self.ix
            .line_pos
            .get(&line)
            .copied()
            .ok_or(unknown("resource line", line.0))
    }

    pub(super) fn output_at(&self, output: OutputId) -> Result<usize, EditError> {
        self.ix
            .output_pos
            .get(&output)
            .copied()
            .ok_or(unknown("output", output.0))
    }

    pub(super) fn check_year(&self, year: usize) -> Result<(), EditError> {
        if year < self.ix.years {
            Ok(())
        } else {
            Err(EditError::YearOutOfRange {
                year,
                years: self.ix.years,
            })
        }
    }

    fn apply_one(&mut self, edit: Edit) -> EditResult {
        match edit {
            Edit::SetFigure { key, value } => self.set_figure(key, value),
            Edit::SetLineKind { line, kind } => {
                let (o, l) = self.line_at(line)?;
                let old = self.plan.outputs[o].lines[l].kind;
                let n = self.ix.years;
                self.restate_line(
                    o,
                    l,
                    0..n,
                    false,
                    |line| line.kind = kind,
                    |line| line.kind = old,
                )?;
                Ok(Edit::SetLineKind { line, kind: old })
            }
            Edit::SetLineDescription { line, description } => {
                let (o, l) = self.line_at(line)?;
                let old =
                    std::mem::replace(&mut self.plan.outputs[o].lines[l].description, description);
                Ok(Edit::SetLineDescription {
                    line,
                    description: old,
                })
            }
            Edit::SetLink {
                output,
                objective,
                share,
            } => {
                let o = self.output_at(output)?;
                if !self.ix.objective_pos.contains_key(&objective) {
                    return Err(unknown("objective", objective.0));
                }
                if let Some(Share::Percent(p)) = share {
                    check_amount(Some(p))?;
                }
                let links = &self.plan.outputs[o].links;
                let at = links.iter().position(|l| l.objective == objective);
                let inverse = match (at, share) {
                    (Some(i), None) => Edit::InsertLink {
                        output,
                        index: i,
                        link: links[i].clone(),
                    },
                    (Some(i), Some(_)) => Edit::SetLink {
                        output,
                        objective,
                        share: Some(links[i].share),
                    },
                    (None, Some(_)) => Edit::SetLink {
                        output,
                        objective,
                        share: None,
                    },
                    (None, None) => return Ok(Edit::Batch(Vec::new())),
                };
                let before = self.plan.outputs[o].links.clone();
                self.relink(o, before, |links| match (at, share) {
                    (Some(i), None) => {
                        links.remove(i);
                    }
                    (Some(i), Some(s)) => links[i].share = s,
                    (None, Some(s)) => links.push(Link {
                        objective,
                        share: s,
                    }),
                    (None, None) => {}
                })?;
                Ok(inverse)
            }
            Edit::InsertLink {
                output,
                index,
                link,
            } => {
                let o = self.output_at(output)?;
                let len = self.plan.outputs[o].links.len();
                if index > len {
                    return Err(EditError::IndexOutOfRange { index, len });
                }
                if self.plan.outputs[o]
                    .links
                    .iter()
                    .any(|l| l.objective == link.objective)
                {
                    return Err(EditError::DuplicateLink);
                }
                let objective = link.objective;
                let before = self.plan.outputs[o].links.clone();
                self.relink(o, before, |links| links.insert(index, link))?;
                Ok(Edit::SetLink {
                    output,
                    objective,
                    share: None,
                })
            }
            Edit::SetOutputUnit { output, unit } => {
                let o = self.output_at(output)?;
                if let Some(u) = unit {
                    if !self.ix.unit_pos.contains_key(&u) {
                        return Err(unknown("org unit", u.0));
                    }
                }
                let old = self.plan.outputs[o].unit;
                self.incremental(
                    |e| {
                        e.move_output_unit(o, true)?;
                        e.plan.outputs[o].unit = unit;
                        e.ix.output_unit[o] = unit
                            .and_then(|u| e.ix.unit_pos.get(&u).copied())
                            .unwrap_or(e.plan.units.len());
                        e.move_output_unit(o, false)
                    },
                    |p| p.outputs[o].unit = old,
                )?;
                Ok(Edit::SetOutputUnit { output, unit: old })
            }
            Edit::SetOutputText {
                output,
                code,
                title,
            } => {
                let o = self.output_at(output)?;
                let out = &mut self.plan.outputs[o];
                let old_code = std::mem::replace(&mut out.code, code);
                let old_title = std::mem::replace(&mut out.title, title);
                Ok(Edit::SetOutputText {
                    output,
                    code: old_code,
                    title: old_title,
                })
            }
            Edit::SetObjectiveText {
                objective,
                code,
                title,
                description,
            } => {
                let k = *self
                    .ix
                    .objective_pos
                    .get(&objective)
                    .ok_or(unknown("objective", objective.0))?;
                let obj = &mut self.plan.objectives[k];
                Ok(Edit::SetObjectiveText {
                    objective,
                    code: std::mem::replace(&mut obj.code, code),
                    title: std::mem::replace(&mut obj.title, title),
                    description: std::mem::replace(&mut obj.description, description),
                })
            }
            Edit::SetKpi(kpi) => self.set_kpi(*kpi),
            Edit::InsertKpi { index, kpi } => self.insert_kpi(index, *kpi),
            Edit::RemoveKpi { kpi } => self.remove_kpi(kpi),
            Edit::SetResult(result) => self.set_result(result),
            Edit::InsertResult { index, result } => self.insert_result(index, result),
            Edit::RemoveResult { result } => self.remove_result(result),
            Edit::SetRisk(risk) => self.set_risk(*risk),
            Edit::InsertRisk { index, risk } => self.insert_risk(index, *risk),
            Edit::RemoveRisk { risk } => self.remove_risk(risk),
            Edit::SetOverride {
                scenario,
                key,
                value,
            } => self.set_override(scenario, key, value),
            Edit::InsertScenario { index, scenario } => self.insert_scenario(index, *scenario),
            Edit::RemoveScenario { scenario } => self.remove_scenario(scenario),
            Edit::RenameScenario { scenario, name } => self.rename_scenario(scenario, name),
            Edit::SetProposal(p) => self.set_proposal(*p),
            Edit::InsertProposal { index, proposal } => self.insert_proposal(index, *proposal),
            Edit::RemoveProposal { proposal } => self.remove_proposal(proposal),
            Edit::SetCents(on) => Ok(Edit::SetCents(std::mem::replace(&mut self.plan.cents, on))),
            Edit::SetNote { at, text } => self.set_note(at, text),
            Edit::SetExpression {
                scenario,
                key,
                text,
            } => self.set_expression(scenario, key, text),
            Edit::SetPlanInfo {
                title,
                organisation,
                currency,
            } => {
                let p = &mut self.plan;
                Ok(Edit::SetPlanInfo {
                    title: std::mem::replace(&mut p.title, title),
                    organisation: std::mem::replace(&mut p.organisation, organisation),
                    currency: std::mem::replace(&mut p.currency, currency),
                })
            }
            Edit::InsertObjective {
                index,
                objective,
                links,
                results,
                kpis,
            } => self.insert_objective(index, objective, links, results, kpis),
            Edit::RemoveObjective { objective } => self.remove_objective(objective),
            Edit::InsertOutput {
                index,
                output,
                results,
                kpis,
                risk_links,
            } => self.insert_output(index, output, results, kpis, risk_links),
            Edit::RemoveOutput { output } => self.remove_output(output),
            Edit::InsertLine {
                output,
                index,
                line,
            } => {
                let o = self.output_at(output)?;
                let len = self.plan.outputs[o].lines.len();
                if index > len {
                    return Err(EditError::IndexOutOfRange { index, len });
                }
                self.check_fresh_id(line.id.0)?;
                for v in &line.values {
                    check_amount(*v)?;
                }
                let id = line.id;
                let next = after(id.0)?;
                let mut line = line;
                line.values.resize(self.ix.years, None);
                // One line's cost added, not the whole plan recomputed.
                self.insert_line_at(o, index, line)?;
                self.plan.next_id = self.plan.next_id.max(next);
                Ok(Edit::RemoveLine { line: id })
            }
            Edit::RemoveLine { line } => {
                let (o, l) = self.line_at(line)?;
                let output = self.plan.outputs[o].id;
                let removed = self.remove_line_at(o, l)?;
                Ok(Edit::InsertLine {
                    output,
                    index: l,
                    line: removed,
                })
            }
            Edit::MoveObjective { objective, to } => {
                let from = *self
                    .ix
                    .objective_pos
                    .get(&objective)
                    .ok_or(unknown("objective", objective.0))?;
                let len = self.plan.objectives.len();
                if to >= len {
                    return Err(EditError::IndexOutOfRange { index: to, len });
                }
                self.reshape(|p| {
                    let o = p.objectives.remove(from);
                    p.objectives.insert(to, o);
                })?;
                Ok(Edit::MoveObjective {
                    objective,
                    to: from,
                })
            }
            Edit::MoveOutput { output, to } => {
                let from = self.output_at(output)?;
                let len = self.plan.outputs.len();
                if to >= len {
                    return Err(EditError::IndexOutOfRange { index: to, len });
                }
                self.reshape(|p| {
                    let o = p.outputs.remove(from);
                    p.outputs.insert(to, o);
                })?;
                Ok(Edit::MoveOutput { output, to: from })
            }
            Edit::MoveLine { line, to } => {
                let (o, from) = self.line_at(line)?;
                let len = self.plan.outputs[o].lines.len();
                if to >= len {
                    return Err(EditError::IndexOutOfRange { index: to, len });
                }
                self.move_line_at(o, from, to);
                Ok(Edit::MoveLine { line, to: from })
            }
            Edit::Batch(edits) => self.apply(Edit::Batch(edits)),
        }
    }
}

impl Edit {
    /// Whether the edit changes what rows a view has or how they are grouped and named:
    /// entities added, removed or moved, links, units, line kinds and rates, objective texts.
    pub fn reshapes(&self) -> bool {
        match self {
            // A rate adds or removes a line's cost row.
            Edit::SetFigure { key, .. } => matches!(key, Key::Rate { .. }),
            Edit::SetLineDescription { .. }
            | Edit::SetOutputText { .. }
            | Edit::SetPlanInfo { .. }
            | Edit::SetCents(_)
            | Edit::SetNote { .. }
            | Edit::SetExpression { .. }
            | Edit::SetKpi(_)
            | Edit::InsertKpi { .. }
            | Edit::RemoveKpi { .. }
            | Edit::SetResult(_)
            | Edit::InsertResult { .. }
            | Edit::RemoveResult { .. }
            | Edit::SetRisk(_)
            | Edit::InsertRisk { .. }
            | Edit::RemoveRisk { .. }
            | Edit::SetOverride { .. }
            | Edit::InsertScenario { .. }
            | Edit::RemoveScenario { .. }
            | Edit::RenameScenario { .. }
            | Edit::SetProposal(_)
            | Edit::InsertProposal { .. }
            | Edit::RemoveProposal { .. } => false,
            Edit::SetLineKind { .. }
            | Edit::SetLink { .. }
            | Edit::InsertLink { .. }
            | Edit::SetOutputUnit { .. }
            | Edit::SetObjectiveText { .. }
            | Edit::InsertObjective { .. }
            | Edit::RemoveObjective { .. }
            | Edit::InsertOutput { .. }
            | Edit::RemoveOutput { .. }
            | Edit::InsertLine { .. }
            | Edit::RemoveLine { .. }
            | Edit::MoveObjective { .. }
            | Edit::MoveOutput { .. }
            | Edit::MoveLine { .. } => true,
            Edit::Batch(edits) => edits.iter().any(Edit::reshapes),
        }
    }
}
