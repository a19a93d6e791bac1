//! Edits: typed changes to a plan, applied through one function.
//!
//! [`Engine::apply`] checks an edit, applies it, updates only the rollups it touches, and
//! returns the edit that undoes it. An edit that fails leaves the plan and its rollups
//! exactly as they were. [`Document`] keeps the undo and redo stacks; a [`Edit::Batch`]
//! (a paste, a fill) is one step.
//!
//! Cell-level edits (a value, a rate, a standard cost, a link share, an output's unit) are
//! incremental: the old contribution is subtracted and the new one added, exactly. Edits
//! that change the shape of the plan (insert, remove, move) rebuild the index and rollups.

use super::calc::{build_index, cell_cost, compute_rollups, line_category, resolve_shares, Engine};
use super::exact::{self, Exact, Overflow};
use super::model::*;
use super::numfmt::max_amount;
use super::proposal::Proposal;
use super::scenario::{self, Key, Scenario};
use rust_decimal::Decimal;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetValue {
        line: LineId,
        year: usize,
        value: Option<Decimal>,
    },
    SetRate {
        line: LineId,
        rate: Option<Decimal>,
    },
    SetLineDescription {
        line: LineId,
        description: String,
    },
    SetLineKind {
        line: LineId,
        kind: LineKind,
    },
    SetStandardCost {
        grade: GradeId,
        year: usize,
        cost: Option<Decimal>,
    },
    SetEscalation {
        percent: Option<Decimal>,
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
    SetIncomeValue {
        income: IncomeId,
        year: usize,
        value: Option<Decimal>,
    },
    SetCeilingAmount {
        ceiling: CeilingId,
        amount: Decimal,
    },
    SetPlanInfo {
        title: String,
        organisation: String,
        currency: String,
    },
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
    /// Several edits as one step; all apply or none.
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
    /// Sets the value of a contributory unit or any income line's rate (a driver).
    SetIncomeRate {
        income: IncomeId,
        rate: Option<Decimal>,
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
        }
    }
}

impl std::error::Error for EditError {}

impl From<Overflow> for EditError {
    fn from(_: Overflow) -> Self {
        EditError::Overflow
    }
}

type EditResult = Result<Edit, EditError>;

fn check_amount(v: Option<Decimal>) -> Result<(), EditError> {
    match v {
        Some(v) if v.abs() > max_amount() => Err(EditError::TooLarge { value: v }),
        _ => Ok(()),
    }
}

fn unknown(what: &'static str, id: u32) -> EditError {
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

    fn line_at(&self, line: LineId) -> Result<(usize, usize), EditError> {
        self.ix
            .line_pos
            .get(&line)
            .copied()
            .ok_or(unknown("resource line", line.0))
    }

    fn output_at(&self, output: OutputId) -> Result<usize, EditError> {
        self.ix
            .output_pos
            .get(&output)
            .copied()
            .ok_or(unknown("output", output.0))
    }

    fn check_year(&self, year: usize) -> Result<(), EditError> {
        if year < self.ix.years {
            Ok(())
        } else {
            Err(EditError::YearOutOfRange {
                year,
                years: self.ix.years,
            })
        }
    }

    /// Runs an incremental update; if it overflows, restores the plan with `undo` and
    /// recomputes everything, so a failed edit leaves no trace.
    fn incremental(
        &mut self,
        update: impl FnOnce(&mut Engine) -> Exact<()>,
        undo: impl FnOnce(&mut Plan),
    ) -> Result<(), EditError> {
        if update(self).is_err() {
            undo(&mut self.plan);
            self.recompute()?;
            return Err(EditError::Overflow);
        }
        Ok(())
    }

    fn apply_one(&mut self, edit: Edit) -> EditResult {
        match edit {
            Edit::SetValue { line, year, value } => {
                let (o, l) = self.line_at(line)?;
                self.check_year(year)?;
                if year >= self.plan.outputs[o].lines[l].values.len() {
                    return Err(EditError::YearOutOfRange {
                        year,
                        years: self.plan.outputs[o].lines[l].values.len(),
                    });
                }
                check_amount(value)?;
                let old = self.plan.outputs[o].lines[l].values[year];
                self.restate_line(
                    o,
                    l,
                    year..year + 1,
                    |line| line.values[year] = value,
                    |line| line.values[year] = old,
                )?;
                Ok(Edit::SetValue {
                    line,
                    year,
                    value: old,
                })
            }
            Edit::SetRate { line, rate } => {
                let (o, l) = self.line_at(line)?;
                check_amount(rate)?;
                let old = self.plan.outputs[o].lines[l].rate;
                let n = self.ix.years;
                self.restate_line(o, l, 0..n, |line| line.rate = rate, |line| line.rate = old)?;
                Ok(Edit::SetRate { line, rate: old })
            }
            Edit::SetLineKind { line, kind } => {
                let (o, l) = self.line_at(line)?;
                let old = self.plan.outputs[o].lines[l].kind;
                let n = self.ix.years;
                self.restate_line(o, l, 0..n, |line| line.kind = kind, |line| line.kind = old)?;
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
            Edit::SetStandardCost { grade, year, cost } => {
                self.check_year(year)?;
                check_amount(cost)?;
                let row = self
                    .plan
                    .standard_costs
                    .rows
                    .iter()
                    .position(|r| r.grade == grade)
                    .ok_or(unknown("standard cost row for grade", grade.0))?;
                let len = self.plan.standard_costs.rows[row].costs.len();
                if year >= len {
                    return Err(EditError::YearOutOfRange { year, years: len });
                }
                let old = self.plan.standard_costs.rows[row].costs[year];
                self.restate_staff_costs(
                    Some(grade),
                    |p| p.standard_costs.rows[row].costs[year] = cost,
                    |p| p.standard_costs.rows[row].costs[year] = old,
                )?;
                Ok(Edit::SetStandardCost {
                    grade,
                    year,
                    cost: old,
                })
            }
            Edit::SetEscalation { percent } => {
                check_amount(percent)?;
                let old = self.plan.standard_costs.escalation_percent;
                self.restate_staff_costs(
                    None,
                    |p| p.standard_costs.escalation_percent = percent,
                    |p| p.standard_costs.escalation_percent = old,
                )?;
                Ok(Edit::SetEscalation { percent: old })
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
            Edit::SetIncomeValue {
                income,
                year,
                value,
            } => {
                let i = *self
                    .ix
                    .income_pos
                    .get(&income)
                    .ok_or(unknown("income line", income.0))?;
                self.check_year(year)?;
                check_amount(value)?;
                let len = self.plan.income[i].values.len();
                if year >= len {
                    return Err(EditError::YearOutOfRange { year, years: len });
                }
                let old = self.plan.income[i].values[year];
                self.incremental(
                    |e| {
                        let inc = &e.plan.income[i];
                        let before = super::calc::series_amount(&inc.values, inc.rate, year)?;
                        e.plan.income[i].values[year] = value;
                        let inc = &e.plan.income[i];
                        let after = super::calc::series_amount(&inc.values, inc.rate, year)?;
                        let delta =
                            exact::sub(after.unwrap_or_default(), before.unwrap_or_default())?;
                        e.roll.income[year].add_decimal(delta)
                    },
                    |p| p.income[i].values[year] = old,
                )?;
                Ok(Edit::SetIncomeValue {
                    income,
                    year,
                    value: old,
                })
            }
            Edit::SetCeilingAmount { ceiling, amount } => {
                check_amount(Some(amount))?;
                let c = self
                    .plan
                    .ceilings
                    .iter_mut()
                    .find(|c| c.id == ceiling)
                    .ok_or(unknown("ceiling", ceiling.0))?;
                let old = std::mem::replace(&mut c.amount, amount);
                Ok(Edit::SetCeilingAmount {
                    ceiling,
                    amount: old,
                })
            }
            Edit::SetKpi(_)
            | Edit::InsertKpi { .. }
            | Edit::RemoveKpi { .. }
            | Edit::SetResult(_)
            | Edit::InsertResult { .. }
            | Edit::RemoveResult { .. }
            | Edit::SetRisk(_)
            | Edit::InsertRisk { .. }
            | Edit::RemoveRisk { .. } => self.apply_results(edit),
            Edit::SetIncomeRate { .. }
            | Edit::SetOverride { .. }
            | Edit::InsertScenario { .. }
            | Edit::RemoveScenario { .. }
            | Edit::RenameScenario { .. }
            | Edit::SetProposal(_)
            | Edit::InsertProposal { .. }
            | Edit::RemoveProposal { .. } => self.apply_variants(edit),
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
                let mut line = line;
                line.values.resize(self.ix.years, None);
                self.reshape(|p| {
                    p.outputs[o].lines.insert(index, line);
                    p.next_id = p.next_id.max(id.0 + 1);
                })?;
                Ok(Edit::RemoveLine { line: id })
            }
            Edit::RemoveLine { line } => {
                let (o, l) = self.line_at(line)?;
                let output = self.plan.outputs[o].id;
                let mut removed = None;
                self.reshape(|p| removed = Some(p.outputs[o].lines.remove(l)))?;
                Ok(Edit::InsertLine {
                    output,
                    index: l,
                    line: removed.ok_or(EditError::Overflow)?,
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
                self.reshape(|p| {
                    let l = p.outputs[o].lines.remove(from);
                    p.outputs[o].lines.insert(to, l);
                })?;
                Ok(Edit::MoveLine { line, to: from })
            }
            Edit::Batch(edits) => self.apply(Edit::Batch(edits)),
        }
    }

    /// Changes one line: takes its cost for `years` out of every rollup, changes it, puts the
    /// new cost back. On overflow the line is changed back and everything recomputed.
    fn restate_line(
        &mut self,
        o: usize,
        l: usize,
        years: std::ops::Range<usize>,
        change: impl FnOnce(&mut Line),
        undo: impl FnOnce(&mut Line),
    ) -> Result<(), EditError> {
        self.incremental(
            |e| {
                e.line_contribution(o, l, years.clone(), true)?;
                change(&mut e.plan.outputs[o].lines[l]);
                e.line_contribution(o, l, years, false)
            },
            |p| undo(&mut p.outputs[o].lines[l]),
        )
    }

    /// Adds (or with `subtract`, removes) one line's cost for some years to every rollup.
    fn line_contribution(
        &mut self,
        o: usize,
        l: usize,
        years: std::ops::Range<usize>,
        subtract: bool,
    ) -> Exact<()> {
        let n = self.ix.years;
        let line = &self.plan.outputs[o].lines[l];
        let c = line_category(line, &self.ix, self.plan.categories.len());
        let u = self.ix.output_unit[o];
        for y in years {
            let Some((v, den)) = cell_cost(&self.plan.outputs[o].lines[l], y, &self.ix)? else {
                continue;
            };
            let v = if subtract { -v } else { v };
            self.roll.output[o * n + y].add_over(v, den)?;
            self.roll.category[c * n + y].add_over(v, den)?;
            self.roll.unit[u * n + y].add_over(v, den)?;
            self.roll.total[y].add_over(v, den)?;
            for &(k, ratio) in &self.ix.shares[o] {
                let scaled = if ratio.num == Decimal::ONE {
                    v
                } else {
                    exact::mul(v, ratio.num)?
                };
                let d = den.checked_mul(u64::from(ratio.den)).ok_or(Overflow)?;
                self.roll.objective[k * n + y].add_over(scaled, d)?;
            }
        }
        Ok(())
    }

    /// Adds (or removes) an output's cost to its objectives by its current shares.
    fn output_objectives(&mut self, o: usize, subtract: bool) -> Exact<()> {
        let n = self.ix.years;
        for y in 0..n {
            let cell = self.roll.output[o * n + y].clone();
            for &(k, ratio) in &self.ix.shares[o] {
                if subtract {
                    self.roll.objective[k * n + y].sub_scaled(&cell, ratio)?;
                } else {
                    self.roll.objective[k * n + y].add_scaled(&cell, ratio)?;
                }
            }
        }
        Ok(())
    }

    fn relink(
        &mut self,
        o: usize,
        before: Vec<Link>,
        change: impl FnOnce(&mut Vec<Link>),
    ) -> Result<(), EditError> {
        self.incremental(
            |e| {
                e.output_objectives(o, true)?;
                change(&mut e.plan.outputs[o].links);
                e.ix.shares[o] = resolve_shares(&e.plan.outputs[o].links, &e.ix.objective_pos)?;
                e.output_objectives(o, false)
            },
            |p| p.outputs[o].links = before,
        )
    }

    fn move_output_unit(&mut self, o: usize, subtract: bool) -> Exact<()> {
        let n = self.ix.years;
        let u = self.ix.output_unit[o];
        for y in 0..n {
            let cell = self.roll.output[o * n + y].clone();
            if subtract {
                self.roll.unit[u * n + y].sub_scaled(&cell, exact::Ratio::ONE)?;
            } else {
                self.roll.unit[u * n + y].add_sum(&cell)?;
            }
        }
        Ok(())
    }

    /// A standard cost or the escalation changed: take out the staff lines it prices
    /// (of one grade, or all), change it, re-derive the effective costs, put them back.
    fn restate_staff_costs(
        &mut self,
        grade: Option<GradeId>,
        change: impl FnOnce(&mut Plan),
        undo: impl FnOnce(&mut Plan),
    ) -> Result<(), EditError> {
        let affected: Vec<(usize, usize)> = self
            .plan
            .outputs
            .iter()
            .enumerate()
            .flat_map(|(o, out)| {
                out.lines
                    .iter()
                    .enumerate()
                    .filter_map(move |(l, line)| match line.kind {
                        LineKind::Staff { grade: g, .. }
                            if line.rate.is_none() && grade.is_none_or(|x| x == g) =>
                        {
                            Some((o, l))
                        }
                        _ => None,
                    })
            })
            .collect();
        let n = self.ix.years;
        self.incremental(
            |e| {
                for &(o, l) in &affected {
                    e.line_contribution(o, l, 0..n, true)?;
                }
                change(&mut e.plan);
                e.refresh_std_costs()?;
                for &(o, l) in &affected {
                    e.line_contribution(o, l, 0..n, false)?;
                }
                Ok(())
            },
            undo,
        )
    }

    fn refresh_std_costs(&mut self) -> Exact<()> {
        let n = self.ix.years;
        for row in &self.plan.standard_costs.rows {
            if let Some(&g) = self.ix.grade_pos.get(&row.grade) {
                let eff = super::calc::effective_costs(
                    &row.costs,
                    self.plan.standard_costs.escalation_percent,
                    n,
                )?;
                self.ix.std_cost[g * n..(g + 1) * n].copy_from_slice(&eff);
            }
        }
        Ok(())
    }

    /// A change of shape: applies it, then rebuilds index and rollups. If that overflows,
    /// the plan as it was is restored.
    fn reshape(&mut self, change: impl FnOnce(&mut Plan)) -> Result<(), EditError> {
        let before = self.plan.clone();
        change(&mut self.plan);
        let rebuilt = build_index(&self.plan)
            .and_then(|ix| compute_rollups(&self.plan, &ix).map(|r| (ix, r)));
        match rebuilt {
            Ok((ix, roll)) => {
                self.ix = ix;
                self.roll = roll;
                Ok(())
            }
            Err(_) => {
                self.plan = before;
                Err(EditError::Overflow)
            }
        }
    }

    fn check_fresh_id(&self, id: u32) -> Result<(), EditError> {
        let p = &self.plan;
        let used = p.objectives.iter().any(|o| o.id.0 == id)
            || p.outputs.iter().any(|o| o.id.0 == id)
            || self.ix.line_pos.keys().any(|l| l.0 == id)
            || p.results.iter().any(|r| r.id.0 == id)
            || p.kpis.iter().any(|k| k.id.0 == id)
            || p.risks.iter().any(|r| r.id.0 == id)
            || p.scenarios.iter().any(|s| s.ids().any(|x| x == id))
            || p.proposals.iter().any(|x| x.id.0 == id);
        if used {
            Err(EditError::DuplicateId { id })
        } else {
            Ok(())
        }
    }

    fn insert_objective(
        &mut self,
        index: usize,
        objective: Objective,
        links: Vec<(OutputId, usize, Link)>,
        results: Vec<(usize, ExpectedResult)>,
        kpis: Vec<(usize, Kpi)>,
    ) -> EditResult {
        let len = self.plan.objectives.len();
        if index > len {
            return Err(EditError::IndexOutOfRange { index, len });
        }
        self.check_fresh_id(objective.id.0)?;
        for (out, _, _) in &links {
            self.output_at(*out)?;
        }
        let id = objective.id;
        self.reshape(|p| {
            p.next_id = p.next_id.max(id.0 + 1);
            p.objectives.insert(index, objective);
            for (out, i, link) in links {
                if let Some(o) = p.outputs.iter_mut().find(|o| o.id == out) {
                    let i = i.min(o.links.len());
                    o.links.insert(i, link);
                }
            }
            for (i, r) in results {
                let i = i.min(p.results.len());
                p.results.insert(i, r);
            }
            for (i, k) in kpis {
                let i = i.min(p.kpis.len());
                p.kpis.insert(i, k);
            }
        })?;
        Ok(Edit::RemoveObjective { objective: id })
    }

    fn remove_objective(&mut self, id: ObjectiveId) -> EditResult {
        let index = *self
            .ix
            .objective_pos
            .get(&id)
            .ok_or(unknown("objective", id.0))?;
        let mut inverse = None;
        self.reshape(|p| {
            let objective = p.objectives.remove(index);
            let mut links = Vec::new();
            for o in p.outputs.iter_mut() {
                if let Some(i) = o.links.iter().position(|l| l.objective == id) {
                    links.push((o.id, i, o.links.remove(i)));
                }
            }
            let owner = Owner::Objective(id);
            let results = take_owned(&mut p.results, |r| r.owner == owner);
            let kpis = take_owned(&mut p.kpis, |k| k.owner == owner);
            inverse = Some(Edit::InsertObjective {
                index,
                objective,
                links,
                results,
                kpis,
            });
        })?;
        inverse.ok_or(EditError::Overflow)
    }

    fn insert_output(
        &mut self,
        index: usize,
        output: Output,
        results: Vec<(usize, ExpectedResult)>,
        kpis: Vec<(usize, Kpi)>,
        risk_links: Vec<(RiskId, usize)>,
    ) -> EditResult {
        let len = self.plan.outputs.len();
        if index > len {
            return Err(EditError::IndexOutOfRange { index, len });
        }
        self.check_fresh_id(output.id.0)?;
        for line in &output.lines {
            self.check_fresh_id(line.id.0)?;
            for v in &line.values {
                check_amount(*v)?;
            }
        }
        let id = output.id;
        let years = self.ix.years;
        let mut output = output;
        for line in output.lines.iter_mut() {
            line.values.resize(years, None);
        }
        self.reshape(|p| {
            let max_id = output
                .lines
                .iter()
                .map(|l| l.id.0)
                .max()
                .unwrap_or(0)
                .max(id.0);
            p.next_id = p.next_id.max(max_id + 1);
            p.outputs.insert(index, output);
            for (i, r) in results {
                let i = i.min(p.results.len());
                p.results.insert(i, r);
            }
            for (i, k) in kpis {
                let i = i.min(p.kpis.len());
                p.kpis.insert(i, k);
            }
            for (risk, i) in risk_links {
                if let Some(r) = p.risks.iter_mut().find(|r| r.id == risk) {
                    let i = i.min(r.outputs.len());
                    r.outputs.insert(i, id);
                }
            }
        })?;
        Ok(Edit::RemoveOutput { output: id })
    }

    fn remove_output(&mut self, id: OutputId) -> EditResult {
        let index = self.output_at(id)?;
        let mut inverse = None;
        self.reshape(|p| {
            let output = p.outputs.remove(index);
            let owner = Owner::Output(id);
            let results = take_owned(&mut p.results, |r| r.owner == owner);
            let kpis = take_owned(&mut p.kpis, |k| k.owner == owner);
            let mut risk_links = Vec::new();
            for r in p.risks.iter_mut() {
                if let Some(i) = r.outputs.iter().position(|o| *o == id) {
                    r.outputs.remove(i);
                    risk_links.push((r.id, i));
                }
            }
            inverse = Some(Edit::InsertOutput {
                index,
                output,
                results,
                kpis,
                risk_links,
            });
        })?;
        inverse.ok_or(EditError::Overflow)
    }
}

/// Removes the items that match, returning them with the positions to put them back at
/// (ascending, so re-inserting in order restores the list).
fn take_owned<T>(items: &mut Vec<T>, owned: impl Fn(&T) -> bool) -> Vec<(usize, T)> {
    let mut taken = Vec::new();
    let mut i = 0;
    let mut original = 0;
    while i < items.len() {
        if owned(&items[i]) {
            taken.push((original, items.remove(i)));
        } else {
            i += 1;
        }
        original += 1;
    }
    taken
}

/// A plan being edited: the engine plus undo and redo history.
#[derive(Clone, Debug)]
pub struct Document {
    engine: Engine,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Counts edits that changed the plan's shape (see [`Edit::reshapes`]), so views can
    /// keep their row layout across value edits.
    shape: u64,
    /// The scenario shown instead of the baseline, with the plan as it sees it.
    shown: Option<Shown>,
}

#[derive(Clone, Debug)]
struct Shown {
    id: ScenarioId,
    engine: Engine,
    stale: usize,
}

impl Edit {
    /// Whether the edit changes what rows a view has or how they are grouped and named:
    /// entities added, removed or moved, links, units, line kinds and rates, objective texts.
    pub fn reshapes(&self) -> bool {
        match self {
            Edit::SetValue { .. }
            | Edit::SetLineDescription { .. }
            | Edit::SetStandardCost { .. }
            | Edit::SetEscalation { .. }
            | Edit::SetOutputText { .. }
            | Edit::SetIncomeValue { .. }
            | Edit::SetCeilingAmount { .. }
            | Edit::SetPlanInfo { .. }
            | Edit::SetKpi(_)
            | Edit::InsertKpi { .. }
            | Edit::RemoveKpi { .. }
            | Edit::SetResult(_)
            | Edit::InsertResult { .. }
            | Edit::RemoveResult { .. }
            | Edit::SetRisk(_)
            | Edit::InsertRisk { .. }
            | Edit::RemoveRisk { .. }
            | Edit::SetIncomeRate { .. }
            | Edit::SetOverride { .. }
            | Edit::InsertScenario { .. }
            | Edit::RemoveScenario { .. }
            | Edit::RenameScenario { .. }
            | Edit::SetProposal(_)
            | Edit::InsertProposal { .. }
            | Edit::RemoveProposal { .. } => false,
            Edit::Batch(edits) => edits.iter().any(Edit::reshapes),
            _ => true,
        }
    }
}

/// How many steps of undo are kept; older ones are dropped.
pub const HISTORY_LIMIT: usize = 500;

impl Document {
    pub fn new(engine: Engine) -> Self {
        Document {
            engine,
            undo: Vec::new(),
            redo: Vec::new(),
            shape: 0,
            shown: None,
        }
    }

    pub fn open(plan: Plan) -> Exact<Self> {
        Ok(Document::new(Engine::new(plan)?))
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn plan(&self) -> &Plan {
        self.engine.plan()
    }

    /// What the views show: the baseline, or the plan as the shown scenario sees it.
    pub fn view(&self) -> &Engine {
        self.shown.as_ref().map_or(&self.engine, |v| &v.engine)
    }

    /// The scenario shown, if any.
    pub fn scenario(&self) -> Option<&Scenario> {
        let id = self.shown.as_ref()?.id;
        self.plan().scenarios.iter().find(|s| s.id == id)
    }

    /// How many of the shown scenario's changes no longer apply (their rows were deleted).
    pub fn stale(&self) -> usize {
        self.shown.as_ref().map_or(0, |v| v.stale)
    }

    /// Shows a scenario (or the baseline, with `None`) in the views; edits made through
    /// [`Document::apply`] then change that scenario.
    pub fn show(&mut self, id: Option<ScenarioId>) -> Result<(), EditError> {
        self.shown = match id {
            None => None,
            Some(id) => {
                let s = self.plan().scenarios.iter().find(|s| s.id == id).ok_or(
                    EditError::Unknown {
                        what: "scenario",
                        id: id.0,
                    },
                )?;
                let m = scenario::materialise(self.plan(), s);
                Some(Shown {
                    id,
                    engine: Engine::new(m.plan)?,
                    stale: m.stale,
                })
            }
        };
        self.shape += 1;
        Ok(())
    }

    /// Applies an edit as one undoable step, to what is shown: while a scenario is shown, a
    /// figure becomes that scenario's override and a change of rows is refused.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let edit = match &self.shown {
            Some(v) => scenario::redirect(edit, v.id)?,
            None => edit,
        };
        self.apply_to_plan(edit)
    }

    /// Applies an edit as one undoable step to the plan itself, whatever is shown (the
    /// baseline column of a comparison, a scenario's driver).
    pub fn apply_to_plan(&mut self, edit: Edit) -> Result<(), EditError> {
        let reshapes = edit.reshapes();
        let forward = self.shown.is_some().then(|| edit.clone());
        let inverse = self.engine.apply(edit)?;
        self.shape += u64::from(reshapes);
        self.undo.push(inverse);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        if let Some(f) = forward {
            self.sync(&f);
        }
        Ok(())
    }

    /// Makes a scenario the baseline (see [`scenario::promote`]), as one undoable step.
    /// Its figures go to the plan itself even while it is shown.
    pub fn promote(&mut self, id: ScenarioId) -> Result<(), EditError> {
        let edit = scenario::promote(self.plan(), id).ok_or(EditError::Unknown {
            what: "scenario",
            id: id.0,
        })?;
        self.apply_to_plan(edit)
    }

    /// Brings the shown scenario up to date after `applied` changed the plan: a change of
    /// the shown scenario's figure updates its engine incrementally; anything else rebuilds it.
    fn sync(&mut self, applied: &Edit) {
        if self.shown.is_some() && !self.sync_figures(applied) {
            let id = self.shown.as_ref().map(|v| v.id);
            // The scenario may be gone (promoted, deleted): the baseline is shown then.
            let exists = id.is_some_and(|id| self.plan().scenarios.iter().any(|s| s.id == id));
            if self.show(id.filter(|_| exists)).is_err() {
                self.shown = None;
            }
        }
    }

    fn sync_figures(&mut self, applied: &Edit) -> bool {
        let Some(shown) = self.shown.as_mut() else {
            return true;
        };
        match applied {
            Edit::Batch(edits) => {
                // Checked one by one; a failure part-way rebuilds the whole view.
                edits.iter().all(|e| self.sync_figures(e))
            }
            Edit::SetOverride {
                scenario: id, key, ..
            } if *id == shown.id => {
                let plan = self.engine.plan();
                let value = plan
                    .scenarios
                    .iter()
                    .find(|s| s.id == *id)
                    .and_then(|s| scenario::effective(plan, s, *key));
                match value.and_then(|v| scenario::plain_edit(*key, v)) {
                    Some(edit) => shown.engine.apply(edit).is_ok(),
                    None => false,
                }
            }
            // Another scenario's figure, a name, a proposal: nothing shown changes.
            Edit::SetOverride { .. }
            | Edit::RenameScenario { .. }
            | Edit::SetProposal(_)
            | Edit::InsertProposal { .. }
            | Edit::RemoveProposal { .. } => true,
            _ => false,
        }
    }

    /// Changes whenever an edit, undo or redo changed the plan's shape.
    pub fn shape_version(&self) -> u64 {
        self.shape
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step; `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        self.shape += u64::from(self.undo.last().is_some_and(Edit::reshapes));
        let done = replay(&mut self.engine, &mut self.undo, &mut self.redo)?;
        Ok(self.synced(done))
    }

    fn synced(&mut self, done: Option<Edit>) -> bool {
        match done {
            Some(edit) => {
                self.sync(&edit);
                true
            }
            None => false,
        }
    }

    /// Redoes the last undone step; `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        self.shape += u64::from(self.redo.last().is_some_and(Edit::reshapes));
        let done = replay(&mut self.engine, &mut self.redo, &mut self.undo)?;
        Ok(self.synced(done))
    }
}

/// Applies the newest edit of `from` and files its inverse in `to`; returns the edit
/// applied. If it fails, the edit stays where it was (and the plan is unchanged, as every
/// failed edit leaves it).
fn replay(
    engine: &mut Engine,
    from: &mut Vec<Edit>,
    to: &mut Vec<Edit>,
) -> Result<Option<Edit>, EditError> {
    let Some(edit) = from.pop() else {
        return Ok(None);
    };
    match engine.apply(edit.clone()) {
        Ok(inverse) => {
            to.push(inverse);
            Ok(Some(edit))
        }
        Err(e) => {
            from.push(edit);
            Err(e)
        }
    }
}

/// The results framework's edits: expected results, KPIs and risks. None of them changes a
/// figure, so no rollup is touched.
impl Engine {
    fn check_owner(&self, owner: Owner) -> Result<(), EditError> {
        match owner {
            Owner::Objective(id) if !self.ix.objective_pos.contains_key(&id) => {
                Err(unknown("objective", id.0))
            }
            Owner::Output(id) if !self.ix.output_pos.contains_key(&id) => {
                Err(unknown("output", id.0))
            }
            _ => Ok(()),
        }
    }

    fn check_kpi(&self, kpi: &Kpi) -> Result<(), EditError> {
        self.check_owner(kpi.owner)?;
        let years = self.ix.years;
        for series in [&kpi.targets, &kpi.actuals] {
            if series.len() != years {
                return Err(EditError::YearOutOfRange {
                    year: series.len().saturating_sub(1),
                    years,
                });
            }
            for v in series {
                check_amount(*v)?;
            }
        }
        check_amount(kpi.baseline.as_ref().map(|b| b.value))
    }

    fn check_risk(&self, risk: &Risk) -> Result<(), EditError> {
        for (what, value) in [("likelihood", risk.likelihood), ("impact", risk.impact)] {
            if !(1..=5).contains(&value) {
                return Err(EditError::OffScale { what, value });
            }
        }
        match risk
            .outputs
            .iter()
            .find(|o| !self.ix.output_pos.contains_key(o))
        {
            Some(o) => Err(unknown("output", o.0)),
            None => Ok(()),
        }
    }

    /// Inserts an item with an id not used in the plan at `index` of one of its lists; the
    /// id is never handed out again.
    fn insert_fresh<T>(
        &mut self,
        list: fn(&mut Plan) -> &mut Vec<T>,
        index: usize,
        id: u32,
        item: T,
    ) -> Result<(), EditError> {
        self.check_fresh_id(id)?;
        let items = list(&mut self.plan);
        if index > items.len() {
            return Err(EditError::IndexOutOfRange {
                index,
                len: items.len(),
            });
        }
        items.insert(index, item);
        self.plan.next_id = self.plan.next_id.max(id + 1);
        Ok(())
    }

    fn apply_results(&mut self, edit: Edit) -> EditResult {
        match edit {
            Edit::SetKpi(kpi) => {
                self.check_kpi(&kpi)?;
                let k = position(&self.plan.kpis, |x| x.id == kpi.id, "KPI", kpi.id.0)?;
                let old = std::mem::replace(&mut self.plan.kpis[k], *kpi);
                Ok(Edit::SetKpi(Box::new(old)))
            }
            Edit::InsertKpi { index, mut kpi } => {
                let years = self.ix.years;
                kpi.targets.resize(years, None);
                kpi.actuals.resize(years, None);
                self.check_kpi(&kpi)?;
                let id = kpi.id;
                self.insert_fresh(|p| &mut p.kpis, index, id.0, *kpi)?;
                Ok(Edit::RemoveKpi { kpi: id })
            }
            Edit::RemoveKpi { kpi } => {
                let index = position(&self.plan.kpis, |x| x.id == kpi, "KPI", kpi.0)?;
                let kpi = Box::new(self.plan.kpis.remove(index));
                Ok(Edit::InsertKpi { index, kpi })
            }
            Edit::SetResult(result) => {
                self.check_owner(result.owner)?;
                let k = position(
                    &self.plan.results,
                    |x| x.id == result.id,
                    "expected result",
                    result.id.0,
                )?;
                Ok(Edit::SetResult(std::mem::replace(
                    &mut self.plan.results[k],
                    result,
                )))
            }
            Edit::InsertResult { index, result } => {
                self.check_owner(result.owner)?;
                let id = result.id;
                self.insert_fresh(|p| &mut p.results, index, id.0, result)?;
                Ok(Edit::RemoveResult { result: id })
            }
            Edit::RemoveResult { result } => {
                let index = position(
                    &self.plan.results,
                    |x| x.id == result,
                    "expected result",
                    result.0,
                )?;
                let result = self.plan.results.remove(index);
                Ok(Edit::InsertResult { index, result })
            }
            Edit::SetRisk(risk) => {
                self.check_risk(&risk)?;
                let k = position(&self.plan.risks, |x| x.id == risk.id, "risk", risk.id.0)?;
                let old = std::mem::replace(&mut self.plan.risks[k], *risk);
                Ok(Edit::SetRisk(Box::new(old)))
            }
            Edit::InsertRisk { index, risk } => {
                self.check_risk(&risk)?;
                let id = risk.id;
                self.insert_fresh(|p| &mut p.risks, index, id.0, *risk)?;
                Ok(Edit::RemoveRisk { risk: id })
            }
            Edit::RemoveRisk { risk } => {
                let index = position(&self.plan.risks, |x| x.id == risk, "risk", risk.0)?;
                let risk = Box::new(self.plan.risks.remove(index));
                Ok(Edit::InsertRisk { index, risk })
            }
            // Only the edits above are routed here (see `apply`).
            _ => Err(unknown("edit", 0)),
        }
    }
}

fn position<T>(
    items: &[T],
    found: impl Fn(&T) -> bool,
    what: &'static str,
    id: u32,
) -> Result<usize, EditError> {
    items.iter().position(found).ok_or(unknown(what, id))
}

/// Edits of what varies the plan without being it: drivers, scenarios and proposals. Only
/// an income rate changes a rollup of the baseline.
impl Engine {
    fn apply_variants(&mut self, edit: Edit) -> EditResult {
        match edit {
            Edit::SetIncomeRate { income, rate } => {
                check_amount(rate)?;
                let i = *self
                    .ix
                    .income_pos
                    .get(&income)
                    .ok_or(unknown("income line", income.0))?;
                let old = std::mem::replace(&mut self.plan.income[i].rate, rate);
                if self.recompute().is_err() {
                    self.plan.income[i].rate = old;
                    self.recompute()?;
                    return Err(EditError::Overflow);
                }
                Ok(Edit::SetIncomeRate { income, rate: old })
            }
            Edit::SetOverride {
                scenario: id,
                key,
                value,
            } => {
                let k = position(&self.plan.scenarios, |s| s.id == id, "scenario", id.0)?;
                if let Some(v) = value {
                    check_amount(v)?;
                    if v.is_none() && matches!(key, Key::Ceiling { .. }) {
                        return Err(EditError::NeedsAmount);
                    }
                    if scenario::effective(&self.plan, &self.plan.scenarios[k], key).is_none() {
                        return Err(match key {
                            Key::Value { line, .. } | Key::Rate { line } => {
                                unknown("resource line", line.0)
                            }
                            Key::StandardCost { grade, .. } => unknown("grade", grade.0),
                            Key::Ceiling { ceiling } => unknown("ceiling", ceiling.0),
                            Key::IncomeValue { income, .. } | Key::IncomeRate { income } => {
                                unknown("income line", income.0)
                            }
                            Key::Escalation => unknown("figure", 0),
                        });
                    }
                }
                let old = self.plan.scenarios[k].set(key, value);
                Ok(Edit::SetOverride {
                    scenario: id,
                    key,
                    value: old,
                })
            }
            Edit::InsertScenario { index, scenario } => {
                let ids: Vec<u32> = scenario.ids().collect();
                for &id in &ids {
                    self.check_fresh_id(id)?;
                }
                let len = self.plan.scenarios.len();
                if index > len {
                    return Err(EditError::IndexOutOfRange { index, len });
                }
                let id = scenario.id;
                self.plan.scenarios.insert(index, *scenario);
                let top = ids.into_iter().max().unwrap_or(0);
                self.plan.next_id = self.plan.next_id.max(top + 1);
                Ok(Edit::RemoveScenario { scenario: id })
            }
            Edit::RemoveScenario { scenario } => {
                let k = position(
                    &self.plan.scenarios,
                    |s| s.id == scenario,
                    "scenario",
                    scenario.0,
                )?;
                let s = self.plan.scenarios.remove(k);
                Ok(Edit::InsertScenario {
                    index: k,
                    scenario: Box::new(s),
                })
            }
            Edit::RenameScenario { scenario, name } => {
                let k = position(
                    &self.plan.scenarios,
                    |s| s.id == scenario,
                    "scenario",
                    scenario.0,
                )?;
                let old = std::mem::replace(&mut self.plan.scenarios[k].name, name);
                Ok(Edit::RenameScenario {
                    scenario,
                    name: old,
                })
            }
            Edit::SetProposal(p) => {
                let k = position(&self.plan.proposals, |x| x.id == p.id, "proposal", p.id.0)?;
                let old = std::mem::replace(&mut self.plan.proposals[k], *p);
                Ok(Edit::SetProposal(Box::new(old)))
            }
            Edit::InsertProposal { index, proposal } => {
                let id = proposal.id;
                self.insert_fresh(|p| &mut p.proposals, index, id.0, *proposal)?;
                Ok(Edit::RemoveProposal { proposal: id })
            }
            Edit::RemoveProposal { proposal } => {
                let k = position(
                    &self.plan.proposals,
                    |x| x.id == proposal,
                    "proposal",
                    proposal.0,
                )?;
                let p = self.plan.proposals.remove(k);
                Ok(Edit::InsertProposal {
                    index: k,
                    proposal: Box::new(p),
                })
            }
            // Only the edits above are routed here (see `apply`).
            _ => Err(unknown("edit", 0)),
        }
    }
}
