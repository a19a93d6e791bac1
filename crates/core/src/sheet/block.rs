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
    /// Values past the last editable row or column, left out.
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
            label: None,
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
                "{} value(s) had no editable cell left to go to and were left out",
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

    /// What Ctrl+C puts on the clipboard: the editable cells of the range, drafts as typed.
    /// Rows and columns with nothing editable in the range (cost rows, biennium and period
    /// totals) are left out and a computed cell among editable ones is blank, so the block
    /// pastes back onto the figures it came from. A range of computed cells alone copies as
    /// shown (a total to take elsewhere).
    pub fn copy(&self, engine: &Engine, drafts: &Drafts, range: &Range) -> Vec<Vec<String>> {
        let plan = engine.plan();
        let rows: Vec<usize> = range
            .rows()
            .filter(|&r| range.cols().any(|c| self.key(plan, r, c).is_some()))
            .collect();
        if rows.is_empty() {
            return self.shown(
                engine,
                drafts,
                range.rows(),
                &range.cols().collect::<Vec<_>>(),
                false,
            );
        }
        let cols: Vec<usize> = range
            .cols()
            .filter(|&c| rows.iter().any(|&r| self.key(plan, r, c).is_some()))
            .collect();
        self.shown(engine, drafts, rows, &cols, true)
    }

    /// The cells at these rows and columns as text, drafts as typed; with `editable_only`,
    /// computed cells are blank.
    fn shown(
        &self,
        engine: &Engine,
        drafts: &Drafts,
        rows: impl IntoIterator<Item = usize>,
        cols: &[usize],
        editable_only: bool,
    ) -> Vec<Vec<String>> {
        let plan = engine.plan();
        rows.into_iter()
            .map(|r| {
                let cells = self.row_cells(engine, r);
                cols.iter()
                    .map(|&c| {
                        let key = self.key(plan, r, c);
                        if let Some(d) = key.and_then(|k| drafts.get(&k)) {
                            return d.text.clone();
                        }
                        if editable_only && key.is_none() {
                            return String::new();
                        }
                        cells.get(c).map(|x| x.raw.clone()).unwrap_or_default()
                    })
                    .collect()
            })
            .collect()
    }

    /// Where a block pasted at `(r0, c0)`, `height` x `width`, goes: the columns from `c0` on
    /// that take typing (never a biennium or period total) and the rows from `r0` on with an
    /// editable cell among them (never a cost row or a subtotal), so the block's figures land
    /// on figures, in order, as the copy that made it left them.
    fn paste_targets(
        &self,
        plan: &Plan,
        (r0, c0): (usize, usize),
        height: usize,
        width: usize,
    ) -> (Vec<usize>, Vec<usize>) {
        let cols: Vec<usize> = (c0..self.cols.len())
            .filter(|&c| !matches!(self.cols.get(c), Some(Col::Biennium(_) | Col::Period)))
            .take(width)
            .collect();
        let rows = (r0..self.rows.len())
            .filter(|&r| cols.iter().any(|&c| self.key(plan, r, c).is_some()))
            .take(height)
            .collect();
        (rows, cols)
    }

    /// Puts a block of text at the selection: onto its editable cells only (see
    /// [`Sheet::copy`]); a single value fills every editable cell of the selection, as in a
    /// spreadsheet. Values with no editable cell left to go to are left out and counted.
    pub fn paste(&self, plan: &Plan, selection: &Range, block: &[Vec<String>]) -> BlockChange {
        let mut change = BlockChange::default();
        if let ([only], false) = (block, selection.is_single()) {
            if let [value] = only.as_slice() {
                for key in self.keys(plan, selection).into_iter().flatten().flatten() {
                    change.take(plan, Some(key), value);
                }
                return change;
            }
        }
        let width = block.iter().map(Vec::len).max().unwrap_or(0);
        let (rows, cols) = self.paste_targets(plan, selection.top_left(), block.len(), width);
        for (i, values) in block.iter().enumerate() {
            let Some(&r) = rows.get(i) else {
                change.outside = change.outside.saturating_add(values.len());
                continue;
            };
            for (j, value) in values.iter().enumerate() {
                let Some(&c) = cols.get(j) else {
                    change.outside = change.outside.saturating_add(1);
                    continue;
                };
                match self.key(plan, r, c) {
                    Some(key) => change.take(plan, Some(key), value),
                    // A blank over a computed cell loses nothing: the copy left it blank.
                    None if value.trim().is_empty() => {}
                    None => change.take(plan, None, value),
                }
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
        let values = self.shown(
            engine,
            drafts,
            source.rows(),
            &source.cols().collect::<Vec<_>>(),
            false,
        );
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
