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

use super::*;
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

pub(crate) fn find_line(plan: &Plan, id: LineId) -> Option<&Line> {
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

/// A plan as a scenario sees it, and how many of its changes no longer apply.
#[derive(Clone, Debug, PartialEq)]
pub struct Materialised {
    pub plan: Plan,
    pub stale: usize,
}

/// The baseline with the scenario's rows added and its changes applied. The result holds no
/// scenarios, proposals or history of its own (it is shown, never saved), so showing a
/// scenario never copies them.
pub fn materialise(base: &Plan, scenario: &Scenario) -> Materialised {
    // Field by field, so a new field of the plan must say whether a scenario's view has it.
    let mut plan = Plan {
        title: base.title.clone(),
        organisation: base.organisation.clone(),
        currency: base.currency.clone(),
        amount_unit: base.amount_unit,
        note: base.note.clone(),
        cents: base.cents,
        years: base.years.clone(),
        grades: base.grades.clone(),
        categories: base.categories.clone(),
        staff_category: base.staff_category,
        standard_costs: base.standard_costs.clone(),
        goals: base.goals.clone(),
        objectives: base.objectives.clone(),
        units: base.units.clone(),
        outputs: base.outputs.clone(),
        income: base.income.clone(),
        ceilings: base.ceilings.clone(),
        results: base.results.clone(),
        kpis: base.kpis.clone(),
        risks: base.risks.clone(),
        scenarios: Vec::new(),
        proposals: Vec::new(),
        notes: base.notes.clone(),
        expressions: base.expressions.clone(),
        history: History::default(),
        next_id: base.next_id,
    };
    let n = plan.years.len();
    let fit = |mut line: Line| {
        line.values.resize(n, None);
        line
    };
    let mut stale: usize = 0;
    for added in &scenario.added_lines {
        match plan.outputs.iter_mut().find(|o| o.id == added.output) {
            Some(o) => o.lines.push(fit(added.line.clone())),
            None => stale = stale.saturating_add(1),
        }
    }
    for output in &scenario.added_outputs {
        let mut output = output.clone();
        output.lines = output.lines.into_iter().map(fit).collect();
        plan.outputs.push(output);
    }
    for c in &scenario.changes {
        if !write(&mut plan, c.key, c.value) {
            stale = stale.saturating_add(1);
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

impl Scenario {
    pub(crate) fn adds_line_key(&self, key: Key) -> bool {
        match key {
            Key::Value { line, .. } | Key::Rate { line } => self.adds_line(line),
            _ => false,
        }
    }
}
