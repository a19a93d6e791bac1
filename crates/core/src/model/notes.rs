//! What a user writes beside the figures: notes on figures and rows ("why this is what it
//! is"), and the calculation a figure was typed as (`=12*4500`).
//!
//! Both belong to the plan and travel in its file. They refer to ids, like everything else,
//! so a note follows its line through moves and regrouping. A note on something later
//! deleted stays in the plan (undo may bring the row back, and ids are never reused) but is
//! not written to a file; an expression whose figure has since changed (by a paste, a fill, a
//! spread) no longer describes it and is no longer shown ([`Plan::expression`]).

use super::*;
use crate::numfmt::plain;

/// What a note is on: one figure, or a whole line, output or objective.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteAt {
    Figure(Key),
    Line(LineId),
    Output(OutputId),
    Objective(ObjectiveId),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub at: NoteAt,
    pub text: String,
}

/// A figure typed as a calculation: the text as typed, for the baseline's figure or (with
/// `scenario`) that scenario's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expression {
    pub scenario: Option<ScenarioId>,
    pub key: Key,
    pub text: String,
}

impl Plan {
    /// The note at a place, if there is one.
    pub fn note(&self, at: NoteAt) -> Option<&str> {
        self.notes
            .binary_search_by(|n| n.at.cmp(&at))
            .ok()
            .and_then(|i| self.notes.get(i))
            .map(|n| n.text.as_str())
    }

    /// Sets (`Some`) or removes (`None`) the note at a place; returns what it was.
    pub fn set_note(&mut self, at: NoteAt, text: Option<String>) -> Option<String> {
        match (self.notes.binary_search_by(|n| n.at.cmp(&at)), text) {
            (Ok(i), Some(t)) => Some(std::mem::replace(&mut self.notes[i].text, t)),
            (Ok(i), None) => Some(self.notes.remove(i).text),
            (Err(i), Some(text)) => {
                self.notes.insert(i, Note { at, text });
                None
            }
            (Err(_), None) => None,
        }
    }

    /// The calculation a figure was typed as, if it still gives the figure's value
    /// (`value`, as the plan or scenario has it now).
    pub fn expression(
        &self,
        scenario: Option<ScenarioId>,
        key: Key,
        value: Option<Decimal>,
    ) -> Option<&str> {
        let e = self
            .expressions
            .binary_search_by(|e| (e.scenario, e.key).cmp(&(scenario, key)))
            .ok()
            .and_then(|i| self.expressions.get(i))?;
        let current = value?;
        // Kept only while it still describes the figure: anything else that set the figure
        // since (a paste, a fill, a spread) left the text behind.
        let gives = crate::expr::evaluate(&e.text).ok()?;
        (plain(gives) == plain(current)).then_some(e.text.as_str())
    }

    /// Sets (`Some`) or removes (`None`) the calculation kept for a figure; returns what it was.
    pub fn set_expression(
        &mut self,
        scenario: Option<ScenarioId>,
        key: Key,
        text: Option<String>,
    ) -> Option<String> {
        let found = self
            .expressions
            .binary_search_by(|e| (e.scenario, e.key).cmp(&(scenario, key)));
        match (found, text) {
            (Ok(i), Some(t)) => Some(std::mem::replace(&mut self.expressions[i].text, t)),
            (Ok(i), None) => Some(self.expressions.remove(i).text),
            (Err(i), Some(text)) => {
                self.expressions.insert(
                    i,
                    Expression {
                        scenario,
                        key,
                        text,
                    },
                );
                None
            }
            (Err(_), None) => None,
        }
    }
}

/// Whether a plan (or one of its scenarios, for a row a scenario adds) has the thing a
/// note is on.
pub fn note_place_exists(plan: &Plan, at: NoteAt) -> bool {
    let added_line = |id: LineId| plan.scenarios.iter().any(|s| s.adds_line(id));
    match at {
        NoteAt::Figure(key) => {
            scenario::read(plan, key).is_some()
                || matches!(key, Key::Value { line, .. } | Key::Rate { line } if added_line(line))
        }
        NoteAt::Line(id) => scenario::find_line(plan, id).is_some() || added_line(id),
        NoteAt::Output(id) => {
            plan.output(id).is_some()
                || plan
                    .scenarios
                    .iter()
                    .any(|s| s.added_outputs.iter().any(|o| o.id == id))
        }
        NoteAt::Objective(id) => plan.objective(id).is_some(),
    }
}

/// Whether a kept calculation still gives its figure's value (in its scenario, if any).
pub fn expression_holds(plan: &Plan, e: &Expression) -> bool {
    let value = match e.scenario {
        None => scenario::read(plan, e.key).flatten(),
        Some(id) => match plan.scenarios.iter().find(|s| s.id == id) {
            Some(s) => scenario::effective(plan, s, e.key).flatten(),
            None => return false,
        },
    };
    plan.expression(e.scenario, e.key, value).is_some()
}

/// What a note is on, in words that need nothing but the plan ("output 1.1, line 2, 2013").
pub fn describe_place(plan: &Plan, at: NoteAt) -> String {
    let line = |id: LineId| {
        plan.outputs
            .iter()
            .find_map(|o| {
                let l = o.lines.iter().position(|l| l.id == id)?;
                Some(format!("output {}, line {}", o.code, l.saturating_add(1)))
            })
            .unwrap_or_else(|| format!("line {}", id.0))
    };
    let year = |y: usize| {
        plan.years
            .get(y)
            .cloned()
            .unwrap_or_else(|| format!("year {y}"))
    };
    match at {
        NoteAt::Figure(Key::Value { line: id, year: y }) => format!("{}, {}", line(id), year(y)),
        NoteAt::Figure(Key::Rate { line: id }) => format!("{}, rate", line(id)),
        NoteAt::Figure(Key::StandardCost { grade, year: y }) => format!(
            "standard cost {}, {}",
            plan.grade(grade).map_or("?", |g| g.code.as_str()),
            year(y)
        ),
        NoteAt::Figure(Key::Escalation) => "the escalation".into(),
        NoteAt::Figure(Key::Ceiling { ceiling }) => format!("ceiling {}", ceiling.0),
        NoteAt::Figure(Key::IncomeValue { income, year: y }) => {
            format!("income {}, {}", income.0, year(y))
        }
        NoteAt::Figure(Key::IncomeRate { income }) => format!("income {} rate", income.0),
        NoteAt::Line(id) => line(id),
        NoteAt::Output(id) => plan.output(id).map_or_else(
            || format!("output {}", id.0),
            |o| format!("output {}", o.code),
        ),
        NoteAt::Objective(id) => plan.objective(id).map_or_else(
            || format!("objective {}", id.0),
            |o| format!("objective {}", o.code),
        ),
    }
}
