//! The plan's history (its audit trail): every change made to it, when, by whom, what it
//! changed, each figure's value before and after, in which scenario, and a comment if the
//! user adds one. It travels in the plan file.
//!
//! The history only grows: an undo is a change like any other, recorded as one. Only the
//! user trims it ([`History::trim_before`], [`History::keep_last`]), and a trimmed history
//! says from when it is complete. It is written by [`crate::document`] and never by an
//! edit, so undoing an edit never takes its record away.

use super::*;

/// How a change came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Typed, pasted, filled, spread, adjusted, added, deleted: a user's change.
    Edit,
    Undo,
    Redo,
    /// An old value put back from the history.
    Restore,
}

/// One figure changed: its value before and after, as the plan (or the scenario) had it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureChange {
    pub key: Key,
    /// The output the figure's line belonged to, for filtering once the line is gone.
    pub output: Option<OutputId>,
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
}

/// One change of the plan: one step of its undo history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// When, in milliseconds since 1970-01-01 UTC, as the edge's clock said.
    pub at: u64,
    /// Who, as the person named themselves in this browser (blank if they did not).
    pub who: String,
    pub origin: Origin,
    /// The scenario whose figures changed; `None` for the baseline.
    pub scenario: Option<ScenarioId>,
    /// What was done, in words ("Spread 1,000,000 over output 1.1, 2013").
    pub what: String,
    /// Changes that are not figures (a rename, a line added), in words.
    pub other: Vec<String>,
    pub figures: Vec<FigureChange>,
    /// The user's comment on the change.
    pub comment: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// Oldest first.
    pub records: Vec<Record>,
    /// Set when older records were removed: the history is complete from this time on.
    pub complete_from: Option<u64>,
    /// Names of lines since deleted, so a record of their figures still says what they were.
    pub names: Vec<(LineId, String)>,
}

impl History {
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// How many figure changes the history holds (what its size is counted in).
    pub fn figure_count(&self) -> usize {
        self.records
            .iter()
            .fold(0usize, |n, r| n.saturating_add(r.figures.len()))
    }

    /// The name a deleted line had.
    pub fn line_name(&self, line: LineId) -> Option<&str> {
        self.names
            .iter()
            .rev()
            .find(|(id, _)| *id == line)
            .map(|(_, n)| n.as_str())
    }

    /// Removes the records made before `at`; returns how many went.
    pub fn trim_before(&mut self, at: u64) -> usize {
        let before = self.records.len();
        self.records.retain(|r| r.at >= at);
        let removed = before.saturating_sub(self.records.len());
        if removed > 0 {
            self.complete_from = Some(self.complete_from.map_or(at, |c| c.max(at)));
            self.forget_unused_names();
        }
        removed
    }

    /// Keeps the newest `n` records; returns how many went.
    pub fn keep_last(&mut self, n: usize) -> usize {
        let removed = self.records.len().saturating_sub(n);
        if removed > 0 {
            let from = self.records.get(removed).map(|r| r.at);
            self.records.drain(..removed);
            self.complete_from = from.or(self.complete_from);
            self.forget_unused_names();
        }
        removed
    }

    fn forget_unused_names(&mut self) {
        let used: std::collections::HashSet<LineId> = self
            .records
            .iter()
            .flat_map(|r| &r.figures)
            .filter_map(|f| match f.key {
                Key::Value { line, .. } | Key::Rate { line } => Some(line),
                _ => None,
            })
            .collect();
        self.names.retain(|(id, _)| used.contains(id));
    }

    /// Keeps the history within [`crate::limits::MAX_HISTORY_FIGURES`] figure changes by
    /// dropping its oldest records, saying from when it is complete. A limit so high that
    /// only years of whole-plan adjustments reach it; without it a plan's file would grow
    /// past what a browser can store.
    pub fn enforce_limit(&mut self) {
        let mut total = self.figure_count();
        let mut drop = 0usize;
        for r in &self.records {
            if total <= crate::limits::MAX_HISTORY_FIGURES {
                break;
            }
            total = total.saturating_sub(r.figures.len());
            drop = drop.saturating_add(1);
        }
        if drop > 0 {
            let keep = self.records.len().saturating_sub(drop);
            self.keep_last(keep);
        }
    }
}
