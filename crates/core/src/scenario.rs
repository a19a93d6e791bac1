//! Scenarios: named variants of a plan that hold only their differences from it.
//!
//! The plan itself is the baseline. A [`Scenario`] stores [`Change`]s (a figure that differs:
//! a cell, a rate, a standard cost, the escalation, a ceiling, an income figure or driver
//! such as the value of the contributory unit) and rows that exist only in the scenario
//! (what applying a proposal adds). Everything it does not change is read from the baseline,
//! so a later baseline edit flows into every scenario that did not override that figure.
//!
//! [`materialise`] builds the plan as the scenario sees it; the engine computes it like any
//! plan, so a scenario's rollups follow the same rules as the baseline's. A change whose row
//! was later deleted from the baseline is kept (undo may bring the row back) but no longer
//! applies: it is counted as stale.

use super::calc::{Dim, Engine, Figures, RollupTable};
use super::edit::{Edit, EditError};
use super::exact::{Exact, ExactSum, Ratio};
use super::model::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: ScenarioId,
    pub name: String,
    #[serde(default)]
    pub note: String,
    /// Figures that differ from the baseline, sorted by key, one per key.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// Outputs that exist only in this scenario (with their links and lines).
    #[serde(default)]
    pub added_outputs: Vec<Output>,
    /// Lines added to baseline outputs in this scenario only.
    #[serde(default)]
    pub added_lines: Vec<AddedLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddedLine {
    pub output: OutputId,
    pub line: Line,
}

/// One figure of a plan a scenario can change. Years are positions in [`Plan::years`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "figure")]
pub enum Key {
    Value { line: LineId, year: usize },
    Rate { line: LineId },
    StandardCost { grade: GradeId, year: usize },
    Escalation,
    Ceiling { ceiling: CeilingId },
    IncomeValue { income: IncomeId, year: usize },
    IncomeRate { income: IncomeId },
}

/// A figure as the scenario has it; `None` is a blank cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub key: Key,
    pub value: Option<Decimal>,
}

impl Scenario {
    pub fn new(id: ScenarioId, name: &str) -> Scenario {
        Scenario {
            id,
            name: name.to_string(),
            note: String::new(),
            changes: Vec::new(),
            added_outputs: Vec::new(),
            added_lines: Vec::new(),
        }
    }

    /// The scenario's own value for a figure: `None` when it follows the baseline.
    pub fn get(&self, key: Key) -> Option<Option<Decimal>> {
        self.changes
            .binary_search_by(|c| c.key.cmp(&key))
            .ok()
            .map(|i| self.changes[i].value)
    }

    pub fn overrides(&self, key: Key) -> bool {
        self.get(key).is_some()
    }

    /// Overrides a figure (`Some`) or lets it follow the baseline again (`None`); returns
    /// what it was, so the change can be undone.
    pub fn set(&mut self, key: Key, value: Option<Option<Decimal>>) -> Option<Option<Decimal>> {
        match (self.changes.binary_search_by(|c| c.key.cmp(&key)), value) {
            (Ok(i), Some(v)) => Some(std::mem::replace(&mut self.changes[i].value, v)),
            (Ok(i), None) => Some(self.changes.remove(i).value),
            (Err(i), Some(value)) => {
                self.changes.insert(i, Change { key, value });
                None
            }
            (Err(_), None) => None,
        }
    }

    /// Ids this scenario uses (its own and those of the rows it adds).
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        std::iter::once(self.id.0)
            .chain(
                self.added_outputs
                    .iter()
                    .flat_map(|o| std::iter::once(o.id.0).chain(o.lines.iter().map(|l| l.id.0))),
            )
            .chain(self.added_lines.iter().map(|a| a.line.id.0))
    }

    /// Whether a line exists only in this scenario.
    pub fn adds_line(&self, line: LineId) -> bool {
        self.added_lines.iter().any(|a| a.line.id == line)
            || self
                .added_outputs
                .iter()
                .any(|o| o.lines.iter().any(|l| l.id == line))
    }
}

fn find_line(plan: &Plan, id: LineId) -> Option<&Line> {
    plan.outputs
        .iter()
        .flat_map(|o| &o.lines)
        .find(|l| l.id == id)
}

fn find_line_mut(plan: &mut Plan, id: LineId) -> Option<&mut Line> {
    plan.outputs
        .iter_mut()
        .flat_map(|o| &mut o.lines)
        .find(|l| l.id == id)
}

/// The value of a figure in a plan; `None` when the plan has no such figure (a deleted line,
/// a year out of range).
pub fn read(plan: &Plan, key: Key) -> Option<Option<Decimal>> {
    match key {
        Key::Value { line, year } => find_line(plan, line)?.values.get(year).copied(),
        Key::Rate { line } => Some(find_line(plan, line)?.rate),
        Key::StandardCost { grade, year } => plan
            .standard_costs
            .rows
            .iter()
            .find(|r| r.grade == grade)?
            .costs
            .get(year)
            .copied(),
        Key::Escalation => Some(plan.standard_costs.escalation_percent),
        Key::Ceiling { ceiling } => plan
            .ceilings
            .iter()
            .find(|c| c.id == ceiling)
            .map(|c| Some(c.amount)),
        Key::IncomeValue { income, year } => plan
            .income
            .iter()
            .find(|i| i.id == income)?
            .values
            .get(year)
            .copied(),
        Key::IncomeRate { income } => Some(plan.income.iter().find(|i| i.id == income)?.rate),
    }
}

/// Writes a figure into a plan; `false` when the plan has no such figure (nothing written).
fn write(plan: &mut Plan, key: Key, value: Option<Decimal>) -> bool {
    let slot: Option<&mut Option<Decimal>> = match key {
        Key::Value { line, year } => find_line_mut(plan, line).and_then(|l| l.values.get_mut(year)),
        Key::Rate { line } => find_line_mut(plan, line).map(|l| &mut l.rate),
        Key::StandardCost { grade, year } => plan
            .standard_costs
            .rows
            .iter_mut()
            .find(|r| r.grade == grade)
            .and_then(|r| r.costs.get_mut(year)),
        Key::Escalation => Some(&mut plan.standard_costs.escalation_percent),
        Key::Ceiling { ceiling } => {
            return match (plan.ceilings.iter_mut().find(|c| c.id == ceiling), value) {
                (Some(c), Some(v)) => {
                    c.amount = v;
                    true
                }
                _ => false,
            }
        }
        Key::IncomeValue { income, year } => plan
            .income
            .iter_mut()
            .find(|i| i.id == income)
            .and_then(|i| i.values.get_mut(year)),
        Key::IncomeRate { income } => plan
            .income
            .iter_mut()
            .find(|i| i.id == income)
            .map(|i| &mut i.rate),
    };
    match slot {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

/// The edit that sets a figure in a plan (`None` for a ceiling without an amount).
pub fn plain_edit(key: Key, value: Option<Decimal>) -> Option<Edit> {
    Some(match key {
        Key::Value { line, year } => Edit::SetValue { line, year, value },
        Key::Rate { line } => Edit::SetRate { line, rate: value },
        Key::StandardCost { grade, year } => Edit::SetStandardCost {
            grade,
            year,
            cost: value,
        },
        Key::Escalation => Edit::SetEscalation { percent: value },
        Key::Ceiling { ceiling } => Edit::SetCeilingAmount {
            ceiling,
            amount: value?,
        },
        Key::IncomeValue { income, year } => Edit::SetIncomeValue {
            income,
            year,
            value,
        },
        Key::IncomeRate { income } => Edit::SetIncomeRate {
            income,
            rate: value,
        },
    })
}

/// The figure an edit sets, if it sets exactly one figure.
pub fn figure_of(edit: &Edit) -> Option<(Key, Option<Decimal>)> {
    Some(match *edit {
        Edit::SetValue { line, year, value } => (Key::Value { line, year }, value),
        Edit::SetRate { line, rate } => (Key::Rate { line }, rate),
        Edit::SetStandardCost { grade, year, cost } => (Key::StandardCost { grade, year }, cost),
        Edit::SetEscalation { percent } => (Key::Escalation, percent),
        Edit::SetCeilingAmount { ceiling, amount } => (Key::Ceiling { ceiling }, Some(amount)),
        Edit::SetIncomeValue {
            income,
            year,
            value,
        } => (Key::IncomeValue { income, year }, value),
        Edit::SetIncomeRate { income, rate } => (Key::IncomeRate { income }, rate),
        _ => return None,
    })
}

/// An edit made while a scenario is shown, turned into what it means for that scenario:
/// a figure becomes the scenario's override; texts, results, KPIs and risks belong to the
/// plan and pass through; rows and links are the baseline's, so changing them is refused.
pub fn redirect(edit: Edit, scenario: ScenarioId) -> Result<Edit, EditError> {
    if let Some((key, value)) = figure_of(&edit) {
        return Ok(Edit::SetOverride {
            scenario,
            key,
            value: Some(value),
        });
    }
    match edit {
        Edit::Batch(edits) => Ok(Edit::Batch(
            edits
                .into_iter()
                .map(|e| redirect(e, scenario))
                .collect::<Result<_, _>>()?,
        )),
        Edit::SetLineDescription { .. }
        | Edit::SetOutputText { .. }
        | Edit::SetObjectiveText { .. }
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
        | Edit::SetOverride { .. }
        | Edit::InsertScenario { .. }
        | Edit::RemoveScenario { .. }
        | Edit::RenameScenario { .. }
        | Edit::SetProposal(_)
        | Edit::InsertProposal { .. }
        | Edit::RemoveProposal { .. } => Ok(edit),
        _ => Err(EditError::BaselineOnly),
    }
}

/// A plan as a scenario sees it, and how many of its changes no longer apply.
#[derive(Clone, Debug, PartialEq)]
pub struct Materialised {
    pub plan: Plan,
    pub stale: usize,
}

/// The baseline with the scenario's rows added and its changes applied. The result holds no
/// scenarios or proposals of its own.
pub fn materialise(base: &Plan, scenario: &Scenario) -> Materialised {
    let mut plan = Plan {
        scenarios: Vec::new(),
        proposals: Vec::new(),
        ..base.clone()
    };
    let n = plan.years.len();
    let fit = |mut line: Line| {
        line.values.resize(n, None);
        line
    };
    let mut stale = 0;
    for added in &scenario.added_lines {
        match plan.outputs.iter_mut().find(|o| o.id == added.output) {
            Some(o) => o.lines.push(fit(added.line.clone())),
            None => stale += 1,
        }
    }
    for output in &scenario.added_outputs {
        let mut output = output.clone();
        output.lines = output.lines.into_iter().map(fit).collect();
        plan.outputs.push(output);
    }
    for c in &scenario.changes {
        if !write(&mut plan, c.key, c.value) {
            stale += 1;
        }
    }
    Materialised { plan, stale }
}

/// The value a figure has in the scenario: its override, else the baseline's (or, for a row
/// the scenario adds, the row's own).
pub fn effective(base: &Plan, scenario: &Scenario, key: Key) -> Option<Option<Decimal>> {
    if let Some(v) = scenario.get(key) {
        return Some(v);
    }
    read(base, key).or_else(|| {
        let line = match key {
            Key::Value { line, .. } | Key::Rate { line } => line,
            _ => return None,
        };
        let found = scenario
            .added_lines
            .iter()
            .map(|a| &a.line)
            .chain(scenario.added_outputs.iter().flat_map(|o| &o.lines))
            .find(|l| l.id == line)?;
        match key {
            Key::Value { year, .. } => Some(found.values.get(year).copied().flatten()),
            _ => Some(found.rate),
        }
    })
}

/// A new, empty scenario (or a copy of `from`'s differences) at the end of the list.
pub fn create(plan: &Plan, name: &str, from: Option<ScenarioId>) -> Option<Edit> {
    let mut scenario = match from {
        Some(id) => plan.scenarios.iter().find(|s| s.id == id)?.clone(),
        None => Scenario::new(ScenarioId(0), name),
    };
    scenario.name = name.to_string();
    let mut next = plan.next_id;
    let mut fresh = || {
        next += 1;
        next - 1
    };
    scenario.id = ScenarioId(fresh());
    if from.is_some() {
        // A copy's added rows need ids of their own.
        let mut renumber = std::collections::HashMap::new();
        for o in &mut scenario.added_outputs {
            o.id = OutputId(fresh());
            for l in &mut o.lines {
                let id = LineId(fresh());
                renumber.insert(l.id, id);
                l.id = id;
            }
        }
        for a in &mut scenario.added_lines {
            let id = LineId(fresh());
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
        scenario.changes.sort_by_key(|c| c.key);
    }
    Some(Edit::InsertScenario {
        index: plan.scenarios.len(),
        scenario: Box::new(scenario),
    })
}

/// A name not yet used by a scenario of the plan: `base`, or `base (2)`, `base (3)`…
pub fn unused_name(plan: &Plan, base: &str) -> String {
    let taken = |n: &str| plan.scenarios.iter().any(|s| s.name == n);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|k| format!("{base} ({k})"))
        .find(|n| !taken(n))
        .unwrap_or_default()
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
            index: output.lines.len()
                + edits
                    .iter()
                    .filter(
                        |e| matches!(e, Edit::InsertLine { output, .. } if *output == added.output),
                    )
                    .count(),
            line: added.line.clone(),
        });
        blank_years(&mut former, &added.line);
    }
    for (k, output) in s.added_outputs.iter().enumerate() {
        edits.push(Edit::InsertOutput {
            index: plan.outputs.len() + k,
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
        if let Some(edit) = plain_edit(c.key, c.value) {
            edits.push(edit);
            if !s.adds_line_key(c.key) {
                former.set(c.key, Some(old));
            }
        }
    }
    edits.push(Edit::InsertScenario {
        index,
        scenario: Box::new(former),
    });
    Some(Edit::Batch(edits))
}

impl Scenario {
    fn adds_line_key(&self, key: Key) -> bool {
        match key {
            Key::Value { line, .. } | Key::Rate { line } => self.adds_line(line),
            _ => false,
        }
    }
}

/// One version's figures in a comparison: per year, then per biennium, then the period.
pub type Columns = Vec<Decimal>;

/// The baseline and scenarios side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub dim: Dim,
    /// Column labels: years, biennia, then the period.
    pub columns: Vec<String>,
    /// "Baseline", then each compared scenario's name.
    pub versions: Vec<String>,
    /// Per compared scenario: changes that no longer apply.
    pub stale: Vec<usize>,
    /// One block per row of the dimension (in baseline order; rows only a scenario has
    /// come last), then the total cost, income and balance.
    pub blocks: Vec<Block>,
    pub ceilings: Vec<CeilingBlock>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub code: String,
    pub title: String,
    /// Per version.
    pub figures: Vec<Columns>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CeilingBlock {
    pub name: String,
    pub scope: CeilingScope,
    /// Per version: (ceiling, cost, ceiling minus cost).
    pub figures: Vec<(Decimal, Decimal, Decimal)>,
}

/// A difference from the baseline in amount and percent (`None` when the baseline is zero).
pub fn difference(base: Decimal, value: Decimal) -> (Decimal, Option<Decimal>) {
    let d = value - base;
    let pct = (!base.is_zero()).then(|| {
        (d * Decimal::ONE_HUNDRED / base.abs())
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    });
    (d, pct)
}

fn columns(f: &Figures) -> Columns {
    let mut c = f.years.clone();
    c.extend(f.biennia.iter().copied());
    c.push(f.period);
    c
}

/// The engine of each version: the baseline, then each scenario of `ids` (unknown ids are
/// left out), with its stale count.
pub fn engines(base: &Engine, ids: &[ScenarioId]) -> Exact<Vec<(String, Engine, usize)>> {
    let plan = base.plan();
    let mut out = vec![("Baseline".to_string(), base.clone(), 0)];
    for id in ids {
        if let Some(s) = plan.scenarios.iter().find(|s| s.id == *id) {
            let m = materialise(plan, s);
            out.push((s.name.clone(), Engine::new(m.plan)?, m.stale));
        }
    }
    Ok(out)
}

/// The baseline and the given scenarios side by side by one dimension, with the total,
/// income, balance and every ceiling.
pub fn compare(base: &Engine, dim: Dim, ids: &[ScenarioId]) -> Exact<Comparison> {
    let plan = base.plan();
    let versions = engines(base, ids)?;
    let tables: Vec<RollupTable> = versions
        .iter()
        .map(|(_, e, _)| e.table(dim))
        .collect::<Exact<_>>()?;
    let zero = {
        let n = plan.years.len();
        vec![Decimal::ZERO; n + plan.biennium_count() + 1]
    };
    // Rows are matched by code and title: an added output appears in its scenario only.
    let mut order: Vec<(String, String)> = Vec::new();
    for t in &tables {
        for r in &t.rows {
            let k = (r.code.clone(), r.title.clone());
            if !order.contains(&k) {
                order.push(k);
            }
        }
    }
    let mut blocks: Vec<Block> = order
        .into_iter()
        .map(|(code, title)| Block {
            figures: tables
                .iter()
                .map(|t| {
                    t.rows
                        .iter()
                        .find(|r| r.code == code && r.title == title)
                        .map_or_else(|| zero.clone(), |r| columns(&r.figures))
                })
                .collect(),
            code,
            title,
        })
        .collect();
    // Rows that are zero in every version (the empty "unassigned" row) say nothing.
    blocks.retain(|b| b.figures.iter().flatten().any(|v| !v.is_zero()));
    blocks.push(Block {
        code: "TOTAL".into(),
        title: "Total cost".into(),
        figures: tables.iter().map(|t| columns(&t.total)).collect(),
    });
    let mut income = Vec::new();
    let mut balance = Vec::new();
    for (_, e, _) in &versions {
        let (i, net) = e.income_and_net()?;
        income.push(columns(&i));
        balance.push(columns(&net));
    }
    if !plan.income.is_empty() {
        blocks.push(Block {
            code: "INCOME".into(),
            title: "Income".into(),
            figures: income,
        });
        blocks.push(Block {
            code: "BALANCE".into(),
            title: "Income less cost".into(),
            figures: balance,
        });
    }
    let statuses: Vec<_> = versions
        .iter()
        .map(|(_, e, _)| e.ceilings())
        .collect::<Exact<_>>()?;
    let ceilings = plan
        .ceilings
        .iter()
        .map(|c| CeilingBlock {
            name: c.name.clone(),
            scope: c.scope,
            figures: statuses
                .iter()
                .map(|st| {
                    st.iter()
                        .find(|s| s.id == c.id)
                        .map_or((Decimal::ZERO, Decimal::ZERO, Decimal::ZERO), |s| {
                            (s.ceiling, s.cost, s.variance)
                        })
                })
                .collect(),
        })
        .collect();
    let mut cols: Vec<String> = plan.years.clone();
    cols.extend((0..plan.biennium_count()).map(|b| plan.biennium_label(b)));
    cols.push(plan.period_label());
    Ok(Comparison {
        dim,
        columns: cols,
        versions: versions.iter().map(|(n, _, _)| n.clone()).collect(),
        stale: versions.iter().skip(1).map(|(_, _, s)| *s).collect(),
        blocks,
        ceilings,
    })
}

/// What a version adds to or takes from the baseline, exactly, per year: `other - base`.
pub fn delta(base: &[ExactSum], other: &[ExactSum]) -> Exact<Vec<ExactSum>> {
    base.iter()
        .zip(other)
        .map(|(b, o)| {
            let mut d = o.clone();
            d.sub_scaled(b, Ratio::ONE)?;
            Ok(d)
        })
        .collect()
}
