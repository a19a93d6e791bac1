//! Blocks of cells: copy, paste, fill and clear over a range. Each returns one batch (one
//! undo step) plus the drafts typed text became and what was skipped.

use super::*;
use crate::document::Change;

/// The outcome of a paste, fill or clear: one batch (one undo step) plus what was not taken.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlockChange {
    pub edits: Vec<Edit>,
    /// Cells whose text was not a valid value: kept as drafts.
    pub drafts: Vec<(CellKey, Draft)>,
    /// Cells whose draft a valid value replaced.
    pub cleared: Vec<CellKey>,
    /// Values that landed on read-only cells (totals, costs) and were not used.
    pub read_only: usize,
    /// Values beyond the last row or column, left out.
    pub outside: usize,
}

impl BlockChange {
    /// The block as one undoable change of the document: its edits and its drafts.
    pub fn change(&self) -> Change {
        let mut edits = self.edits.clone();
        let edit = match edits.len() {
            0 => None,
            // One edit needs no batch around it.
            1 => edits.pop(),
            _ => Some(Edit::Batch(edits)),
        };
        let drafts = self
            .cleared
            .iter()
            .map(|k| (*k, None))
            .chain(self.drafts.iter().map(|(k, d)| (*k, Some(d.clone()))))
            .collect();
        Change {
            edit,
            drafts,
            to_plan: false,
        }
    }

    /// One line for the status bar: what happened, and what did not.
    pub fn summary(&self, verb: &str) -> String {
        let mut parts = vec![format!("{verb} {} cell(s)", self.edits.len())];
        if !self.drafts.is_empty() {
            parts.push(format!(
                "{} cell(s) are not valid and are marked for you to fix",
                self.drafts.len()
            ));
        }
        if self.read_only > 0 {
            parts.push(format!(
                "{} value(s) fell on computed cells and were not used",
                self.read_only
            ));
        }
        if self.outside > 0 {
            parts.push(format!(
                "{} value(s) fell outside the grid and were left out",
                self.outside
            ));
        }
        parts.join("; ") + "."
    }
}

impl Sheet {
    /// The key under each position of a range, row by row (`None` where read-only).
    pub(super) fn keys(&self, plan: &Plan, range: &Range) -> Vec<Vec<Option<CellKey>>> {
        range
            .rows()
            .map(|r| range.cols().map(|c| self.key(plan, r, c)).collect())
            .collect()
    }

    /// The range as tab-separated text, drafts as typed: what Ctrl+C puts on the clipboard.
    pub fn copy(&self, engine: &Engine, drafts: &Drafts, range: &Range) -> Vec<Vec<String>> {
        let plan = engine.plan();
        range
            .rows()
            .map(|r| {
                let cells = self.row_cells(engine, r);
                range
                    .cols()
                    .map(|c| {
                        let draft = self
                            .key(plan, r, c)
                            .and_then(|k| drafts.get(&k))
                            .map(|d| d.text.clone());
                        draft.unwrap_or_else(|| {
                            cells.get(c).map(|x| x.raw.clone()).unwrap_or_default()
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// Puts a block of text at `at` (a single value fills the whole selection, as in a
    /// spreadsheet). Read-only cells keep their value; values past the edge are left out.
    pub fn paste(&self, plan: &Plan, selection: &Range, block: &[Vec<String>]) -> BlockChange {
        let mut change = BlockChange::default();
        let single = block.len() == 1 && block[0].len() == 1;
        if single && !selection.is_single() {
            for row in self.keys(plan, selection) {
                for key in row {
                    change.take(plan, key, &block[0][0]);
                }
            }
            return change;
        }
        let (r0, c0) = selection.top_left();
        for (i, values) in block.iter().enumerate() {
            for (j, value) in values.iter().enumerate() {
                let (r, c) = (r0.saturating_add(i), c0.saturating_add(j));
                if r >= self.rows.len() || c >= self.cols.len() {
                    change.outside = change.outside.saturating_add(1);
                    continue;
                }
                change.take(plan, self.key(plan, r, c), value);
            }
        }
        change
    }

    /// Ctrl+D (down) or Ctrl+R (right): the first row (column) of the range is copied over the
    /// rest; a single cell takes the value above (left of) it.
    pub fn fill(&self, engine: &Engine, drafts: &Drafts, range: &Range, down: bool) -> BlockChange {
        let plan = engine.plan();
        let (rows, cols) = (range.rows(), range.cols());
        let mut change = BlockChange::default();
        let (source, targets): (Range, Range) = if down {
            let first = *rows.start();
            if rows.start() == rows.end() {
                if first == 0 {
                    return change;
                }
                (
                    Range {
                        anchor: (first.saturating_sub(1), *cols.start()),
                        cursor: (first.saturating_sub(1), *cols.end()),
                    },
                    *range,
                )
            } else {
                (
                    Range {
                        anchor: (first, *cols.start()),
                        cursor: (first, *cols.end()),
                    },
                    Range {
                        anchor: (first.saturating_add(1), *cols.start()),
                        cursor: (*rows.end(), *cols.end()),
                    },
                )
            }
        } else {
            let first = *cols.start();
            if cols.start() == cols.end() {
                if first == 0 {
                    return change;
                }
                (
                    Range {
                        anchor: (*rows.start(), first.saturating_sub(1)),
                        cursor: (*rows.end(), first.saturating_sub(1)),
                    },
                    *range,
                )
            } else {
                (
                    Range {
                        anchor: (*rows.start(), first),
                        cursor: (*rows.end(), first),
                    },
                    Range {
                        anchor: (*rows.start(), first.saturating_add(1)),
                        cursor: (*rows.end(), *cols.end()),
                    },
                )
            }
        };
        let values = self.copy(engine, drafts, &source);
        for (i, r) in targets.rows().enumerate() {
            for (j, c) in targets.cols().enumerate() {
                let v = if down { &values[0][j] } else { &values[i][0] };
                // A fill passes over totals and headings in its way without complaint.
                if let Some(key) = self.key(plan, r, c) {
                    change.take(plan, Some(key), v);
                }
            }
        }
        change
    }

    /// Delete: blanks every number in the range and drops drafts; text cells are kept (a
    /// heading or a line description is renamed, not deleted, and a type cannot be blank).
    pub fn clear(&self, plan: &Plan, drafts: &Drafts, range: &Range) -> BlockChange {
        let mut change = BlockChange::default();
        for row in self.keys(plan, range) {
            for key in row.into_iter().flatten() {
                if drafts.contains_key(&key) {
                    change.cleared.push(key);
                }
                if matches!(key.col, Col::Year(_) | Col::Rate) {
                    if let Ok(Some(edit)) = commit(plan, key, "") {
                        change.edits.push(edit);
                    }
                }
            }
        }
        change
    }
}

impl BlockChange {
    fn take(&mut self, plan: &Plan, key: Option<CellKey>, text: &str) {
        let Some(key) = key else {
            self.read_only = self.read_only.saturating_add(1);
            return;
        };
        match commit(plan, key, text) {
            Ok(edit) => {
                self.cleared.push(key);
                self.edits.extend(edit);
            }
            Err(error) => self.drafts.push((
                key,
                Draft {
                    text: text.to_string(),
                    error,
                },
            )),
        }
    }
}
