//! The editable grids as pure data: which rows and columns a sheet has, what each cell shows,
//! which cells a user may edit, and how typed text, a paste, a fill or a clear becomes
//! [`Edit`]s. The Yew grid only renders what this module says and dispatches what it returns,
//! so everything a user can do in a grid is testable natively.
//!
//! Cells are addressed two ways. A position `(row, col)` is where a cell is on screen now; a
//! [`CellKey`] is what the cell edits (a line and a year), which survives reordering,
//! regrouping and collapsing. Text a user typed that is not a valid value is kept as a
//! [`Draft`] under its key, so it stays visible until the user fixes or clears it.

use super::calc::{Engine, Figures};
use super::edit::Edit;
use super::exact::{Exact, ExactSum};
use super::model::*;
use super::numfmt::{format_amount, parse_amount, plain};
use super::scenario::{Key, Scenario};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How the resources sheet groups its outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grouping {
    /// Under the first objective each output is linked to.
    Objective,
    /// Under the output's org unit.
    Unit,
}

/// What a group row stands for; `None` collects outputs without an objective (or unit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupKey {
    Objective(ObjectiveId),
    Unit(UnitId),
    None,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub key: GroupKey,
    pub code: String,
    pub title: String,
    /// Output positions in plan order.
    pub outputs: Vec<usize>,
    pub collapsed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    /// A group heading with the subtotal of its outputs (index into [`Sheet::groups`]).
    Group(usize),
    /// An output with its total cost (output position).
    Output(usize),
    /// A resource line as entered: (output position, line position).
    Line(usize, usize),
    /// What a staff line or a quantity x rate line costs, derived.
    Cost(usize, usize),
    /// The plan total.
    Total,
    /// A grade's standard costs (grade position).
    Grade(usize),
}

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    Resources(Grouping),
    StandardCosts,
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

/// A sheet's rows and columns for one plan state.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub kind: SheetKind,
    pub rows: Vec<Row>,
    pub cols: Vec<Col>,
    pub groups: Vec<Group>,
}

/// One cell as shown. `raw` is what editing starts from and what Copy puts on the clipboard:
/// a plain number without separators, or the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// A code shown before the text (an objective's or output's), not part of what is edited.
    pub code: String,
    pub text: String,
    pub raw: String,
    pub numeric: bool,
    pub editable: bool,
    pub negative: bool,
    /// Shown but not entered (an escalated standard cost): greyed.
    pub derived: bool,
    /// The accessible name: output, line and column.
    pub name: String,
    /// Why the value could not be computed (overflow).
    pub error: Option<String>,
}

/// A rectangle of positions, inclusive, in any corner order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub anchor: (usize, usize),
    pub cursor: (usize, usize),
}

impl Range {
    pub fn at(row: usize, col: usize) -> Range {
        Range {
            anchor: (row, col),
            cursor: (row, col),
        }
    }
    pub fn rows(&self) -> std::ops::RangeInclusive<usize> {
        self.anchor.0.min(self.cursor.0)..=self.anchor.0.max(self.cursor.0)
    }
    pub fn cols(&self) -> std::ops::RangeInclusive<usize> {
        self.anchor.1.min(self.cursor.1)..=self.anchor.1.max(self.cursor.1)
    }
    pub fn contains(&self, row: usize, col: usize) -> bool {
        self.rows().contains(&row) && self.cols().contains(&col)
    }
    pub fn is_single(&self) -> bool {
        self.anchor == self.cursor
    }
    pub fn top_left(&self) -> (usize, usize) {
        (*self.rows().start(), *self.cols().start())
    }
}

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

/// Lines whose year figures are not amounts (posts, quantities) get a derived cost row.
pub fn has_cost_row(line: &Line) -> bool {
    matches!(line.kind, LineKind::Staff { .. }) || line.rate.is_some()
}

fn period_cols(n: usize) -> Vec<Col> {
    let mut cols: Vec<Col> = (0..n).map(Col::Year).collect();
    cols.extend((0..n.div_ceil(2)).map(Col::Biennium));
    cols.push(Col::Period);
    cols
}

impl Sheet {
    /// Outputs grouped by objective or unit, each with its lines; a total row last.
    pub fn resources(plan: &Plan, grouping: Grouping, collapsed: &HashSet<GroupKey>) -> Sheet {
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of: HashMap<GroupKey, usize> = HashMap::new();
        match grouping {
            Grouping::Objective => {
                for o in &plan.objectives {
                    group_of.insert(GroupKey::Objective(o.id), groups.len());
                    groups.push(Group {
                        key: GroupKey::Objective(o.id),
                        code: o.code.clone(),
                        title: o.title.clone(),
                        outputs: Vec::new(),
                        collapsed: false,
                    });
                }
            }
            Grouping::Unit => {
                for u in &plan.units {
                    group_of.insert(GroupKey::Unit(u.id), groups.len());
                    groups.push(Group {
                        key: GroupKey::Unit(u.id),
                        code: u.code.clone(),
                        title: u.name.clone(),
                        outputs: Vec::new(),
                        collapsed: false,
                    });
                }
            }
        }
        let mut ungrouped = Vec::new();
        for (pos, out) in plan.outputs.iter().enumerate() {
            let key = match grouping {
                Grouping::Objective => out
                    .links
                    .iter()
                    .map(|l| GroupKey::Objective(l.objective))
                    .find(|k| group_of.contains_key(k)),
                Grouping::Unit => out.unit.map(GroupKey::Unit),
            };
            match key.and_then(|k| group_of.get(&k)) {
                Some(&g) => groups[g].outputs.push(pos),
                None => ungrouped.push(pos),
            }
        }
        if !ungrouped.is_empty() {
            groups.push(Group {
                key: GroupKey::None,
                code: String::new(),
                title: match grouping {
                    Grouping::Objective => "Not linked to an objective".into(),
                    Grouping::Unit => "No org unit".into(),
                },
                outputs: ungrouped,
                collapsed: false,
            });
        }
        let mut rows = Vec::new();
        for (g, group) in groups.iter_mut().enumerate() {
            group.collapsed = collapsed.contains(&group.key);
            rows.push(Row::Group(g));
            if group.collapsed {
                continue;
            }
            for &o in &group.outputs {
                rows.push(Row::Output(o));
                for (l, line) in plan.outputs[o].lines.iter().enumerate() {
                    rows.push(Row::Line(o, l));
                    if has_cost_row(line) {
                        rows.push(Row::Cost(o, l));
                    }
                }
            }
        }
        rows.push(Row::Total);
        let mut cols = vec![Col::Label, Col::Type, Col::Rate];
        cols.extend(period_cols(plan.years.len()));
        Sheet {
            kind: SheetKind::Resources(grouping),
            rows,
            cols,
            groups,
        }
    }

    /// Grades x years: the cost of one post-year.
    pub fn standard_costs(plan: &Plan) -> Sheet {
        let mut cols = vec![Col::Label];
        cols.extend((0..plan.years.len()).map(Col::Year));
        Sheet {
            kind: SheetKind::StandardCosts,
            rows: (0..plan.grades.len()).map(Row::Grade).collect(),
            cols,
            groups: Vec::new(),
        }
    }

    /// Whether a cell key belongs to this kind of sheet (for counting its drafts).
    pub fn owns(&self, key: &CellKey) -> bool {
        match self.kind {
            SheetKind::Resources(_) => matches!(
                key.target,
                Target::Line(_) | Target::Output(_) | Target::Objective(_)
            ),
            SheetKind::StandardCosts => matches!(key.target, Target::Grade(_)),
        }
    }

    /// The row that stands for an objective, output or line, if it is shown.
    pub fn row_of(&self, plan: &Plan, target: Target) -> Option<usize> {
        self.rows.iter().position(|r| match (*r, target) {
            (Row::Line(o, l), Target::Line(id)) => {
                plan.outputs
                    .get(o)
                    .and_then(|x| x.lines.get(l))
                    .map(|x| x.id)
                    == Some(id)
            }
            (Row::Output(o), Target::Output(id)) => plan.outputs.get(o).map(|x| x.id) == Some(id),
            (Row::Group(g), Target::Objective(id)) => {
                self.groups.get(g).map(|x| x.key) == Some(GroupKey::Objective(id))
            }
            (Row::Grade(g), Target::Grade(id)) => plan.grades.get(g).map(|x| x.id) == Some(id),
            _ => false,
        })
    }

    /// The title of a column, as in the header row.
    pub fn col_title(&self, plan: &Plan, c: usize) -> String {
        col_title(plan, self.kind, self.cols[c])
    }

    /// What an editable cell changes; `None` for read-only cells.
    pub fn key(&self, plan: &Plan, row: usize, col: usize) -> Option<CellKey> {
        let (r, c) = (*self.rows.get(row)?, *self.cols.get(col)?);
        let target = match (r, c) {
            (Row::Line(o, l), Col::Label | Col::Type | Col::Rate | Col::Year(_)) => {
                Target::Line(plan.outputs.get(o)?.lines.get(l)?.id)
            }
            (Row::Output(o), Col::Label | Col::Type) => Target::Output(plan.outputs.get(o)?.id),
            (Row::Group(g), Col::Label) => match self.groups.get(g)?.key {
                GroupKey::Objective(id) => Target::Objective(id),
                _ => return None,
            },
            (Row::Grade(g), Col::Year(_)) => Target::Grade(plan.grades.get(g)?.id),
            _ => return None,
        };
        Some(CellKey { target, col: c })
    }

    /// Every cell of a row, computed once (a row's biennium and period totals share work).
    pub fn row_cells(&self, engine: &Engine, row: usize) -> Vec<Cell> {
        let plan = engine.plan();
        let n = plan.years.len();
        let Some(&r) = self.rows.get(row) else {
            return Vec::new();
        };
        let name = self.row_name(plan, r);
        let figures: Option<Exact<Figures>> = match r {
            Row::Output(o) => Some(Figures::from_years(
                &engine.rollups().output[o * n..(o + 1) * n],
            )),
            Row::Group(g) => Some(group_sums(engine, &self.groups[g].outputs)),
            Row::Total => Some(Figures::from_years(&engine.rollups().total)),
            Row::Cost(o, l) => Some(line_costs(engine, o, l)),
            Row::Line(o, l) if !has_cost_row(&plan.outputs[o].lines[l]) => {
                Some(line_sums(&plan.outputs[o].lines[l]))
            }
            _ => None,
        };
        self.cols
            .iter()
            .enumerate()
            .map(|(c, &col)| {
                let mut cell = self.cell(plan, engine, r, col, figures.as_ref());
                cell.editable = self.key(plan, row, c).is_some();
                cell.name = format!("{name}, {}", col_title(plan, self.kind, col));
                cell
            })
            .collect()
    }

    fn cell(
        &self,
        plan: &Plan,
        engine: &Engine,
        r: Row,
        col: Col,
        figures: Option<&Exact<Figures>>,
    ) -> Cell {
        let text = |s: String| Cell {
            raw: s.clone(),
            text: s,
            ..Cell::default()
        };
        let computed = |col: Col| -> Option<Cell> {
            let f = match figures? {
                Ok(f) => f,
                Err(e) => {
                    return Some(Cell {
                        text: "overflow".into(),
                        numeric: true,
                        error: Some(e.to_string()),
                        ..Cell::default()
                    })
                }
            };
            let v = match col {
                Col::Year(y) => *f.years.get(y)?,
                Col::Biennium(b) => *f.biennia.get(b)?,
                Col::Period => f.period,
                _ => return None,
            };
            Some(amount_cell(v, 0))
        };
        match (r, col) {
            (Row::Group(g), Col::Label) => {
                let group = &self.groups[g];
                Cell {
                    code: group.code.clone(),
                    ..text(group.title.clone())
                }
            }
            (Row::Output(o), Col::Label) => Cell {
                code: plan.outputs[o].code.clone(),
                ..text(plan.outputs[o].title.clone())
            },
            (Row::Output(o), Col::Type) => text(
                plan.outputs[o]
                    .unit
                    .and_then(|u| plan.unit(u))
                    .map(|u| u.code.clone())
                    .unwrap_or_default(),
            ),
            (Row::Line(o, l), Col::Label) => {
                let line = &plan.outputs[o].lines[l];
                if line.description.trim().is_empty() {
                    // An unnamed line shows what it is, greyed; editing starts blank.
                    Cell {
                        text: line_name(plan, line),
                        derived: true,
                        ..Cell::default()
                    }
                } else {
                    text(line.description.clone())
                }
            }
            (Row::Line(o, l), Col::Type) => text(kind_text(plan, &plan.outputs[o].lines[l])),
            (Row::Line(o, l), Col::Rate) => input_cell(plan.outputs[o].lines[l].rate),
            (Row::Line(o, l), Col::Year(y)) => {
                input_cell(plan.outputs[o].lines[l].values.get(y).copied().flatten())
            }
            (Row::Cost(o, l), Col::Label) => {
                let line = &plan.outputs[o].lines[l];
                text(match line.kind {
                    LineKind::Staff { .. } if line.rate.is_none() => "cost at standard cost".into(),
                    _ => "cost at rate".into(),
                })
            }
            (Row::Total, Col::Label) => text(format!("Total {}", plan.period_label())),
            (Row::Grade(g), Col::Label) => text(plan.grades[g].code.clone()),
            (Row::Grade(g), Col::Year(y)) => {
                let grade = &plan.grades[g];
                let entered = plan
                    .standard_costs
                    .rows
                    .iter()
                    .find(|r| r.grade == grade.id)
                    .and_then(|r| r.costs.get(y).copied().flatten());
                match entered {
                    Some(v) => input_cell(Some(v)),
                    None => match engine.standard_cost(grade.id, y) {
                        // Escalated costs carry cents; show them all the same way.
                        Some(v) => Cell {
                            derived: true,
                            raw: plain(v),
                            ..amount_cell(v, 2)
                        },
                        None => input_cell(None),
                    },
                }
            }
            (_, Col::Year(_) | Col::Biennium(_) | Col::Period) => {
                computed(col).unwrap_or_else(|| Cell {
                    numeric: true,
                    ..Cell::default()
                })
            }
            _ => Cell::default(),
        }
    }

    /// How a row is named in its cells' accessible names.
    pub fn row_name(&self, plan: &Plan, r: Row) -> String {
        let line_name = |o: usize, l: usize| line_name(plan, &plan.outputs[o].lines[l]);
        match r {
            Row::Group(g) => {
                let group = &self.groups[g];
                match group.key {
                    GroupKey::Objective(_) => format!("Objective {} total", group.code),
                    GroupKey::Unit(_) => format!("Unit {} total", group.code),
                    GroupKey::None => format!("{} total", group.title),
                }
            }
            Row::Output(o) => format!("Output {}", plan.outputs[o].code),
            Row::Line(o, l) => format!("Output {}, {}", plan.outputs[o].code, line_name(o, l)),
            Row::Cost(o, l) => {
                format!("Output {}, {} cost", plan.outputs[o].code, line_name(o, l))
            }
            Row::Total => "Plan total".into(),
            Row::Grade(g) => format!("Standard cost {}", plan.grades[g].code),
        }
    }

    /// The figures in a range that a scenario overrides: what "reset to baseline" resets.
    pub fn overridden(&self, plan: &Plan, scenario: &Scenario, range: &Range) -> Vec<Key> {
        self.keys(plan, range)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(figure_key)
            .filter(|k| scenario.overrides(*k))
            .collect()
    }

    /// Which cells of a row are the scenario's own (overridden, or on a line it adds), by
    /// column, for marking them.
    pub fn overridden_cols(&self, plan: &Plan, scenario: &Scenario, row: usize) -> Vec<bool> {
        (0..self.cols.len())
            .map(|c| {
                self.key(plan, row, c)
                    .and_then(figure_key)
                    .is_some_and(|k| {
                        scenario.overrides(k)
                            || matches!(k, Key::Value { line, .. } | Key::Rate { line }
                                if scenario.adds_line(line))
                    })
            })
            .collect()
    }

    /// The key under each position of a range, row by row (`None` where read-only).
    fn keys(&self, plan: &Plan, range: &Range) -> Vec<Vec<Option<CellKey>>> {
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
                let (r, c) = (r0 + i, c0 + j);
                if r >= self.rows.len() || c >= self.cols.len() {
                    change.outside += 1;
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
                        anchor: (first - 1, *cols.start()),
                        cursor: (first - 1, *cols.end()),
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
                        anchor: (first + 1, *cols.start()),
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
                        anchor: (*rows.start(), first - 1),
                        cursor: (*rows.end(), first - 1),
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
                        anchor: (*rows.start(), first + 1),
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
            self.read_only += 1;
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

fn col_title(plan: &Plan, kind: SheetKind, col: Col) -> String {
    match col {
        Col::Label => match kind {
            SheetKind::Resources(_) => "description".into(),
            SheetKind::StandardCosts => "grade".into(),
        },
        Col::Type => "type".into(),
        Col::Rate => "rate".into(),
        Col::Year(y) => plan.years.get(y).cloned().unwrap_or_default(),
        Col::Biennium(b) => plan.biennium_label(b),
        Col::Period => plan.period_label(),
    }
}

fn input_cell(v: Option<Decimal>) -> Cell {
    match v {
        Some(v) => Cell {
            raw: plain(v),
            ..amount_cell(v, v.normalize().scale())
        },
        None => Cell {
            numeric: true,
            ..Cell::default()
        },
    }
}

fn amount_cell(v: Decimal, dp: u32) -> Cell {
    let shown = format_amount(v, dp);
    Cell {
        negative: shown.starts_with('-'),
        raw: plain(v.round_dp(dp.max(2))),
        text: shown,
        numeric: true,
        ..Cell::default()
    }
}

/// A line's description, or what it is when it has none: `P4 posts`, `Travel on duty`.
pub fn line_name(plan: &Plan, line: &Line) -> String {
    if !line.description.trim().is_empty() {
        return line.description.clone();
    }
    match line.kind {
        LineKind::Staff { basis, .. } => {
            let grade = kind_text(plan, line);
            match basis {
                StaffBasis::Posts => format!("{grade} posts"),
                StaffBasis::WorkMonths => grade,
            }
        }
        LineKind::NonStaff { category } => plan
            .category(category)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| "unknown category".into()),
    }
}

/// `P4`, `P4 work-months` or a category code.
pub fn kind_text(plan: &Plan, line: &Line) -> String {
    match line.kind {
        LineKind::Staff { grade, basis } => {
            let code = plan
                .grade(grade)
                .map(|g| g.code.clone())
                .unwrap_or_else(|| "?".into());
            match basis {
                StaffBasis::Posts => code,
                StaffBasis::WorkMonths => format!("{code} work-months"),
            }
        }
        LineKind::NonStaff { category } => plan
            .category(category)
            .map(|c| c.code.clone())
            .unwrap_or_else(|| "?".into()),
    }
}

/// Reads a line type: a grade code (optionally with `work-months`), or a category code or name.
pub fn parse_kind(plan: &Plan, text: &str) -> Result<LineKind, String> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let (head, months) = match lower
        .strip_suffix("work-months")
        .or_else(|| lower.strip_suffix("work months"))
        .or_else(|| lower.strip_suffix("wm"))
    {
        Some(h) => (h.trim().to_string(), true),
        None => (lower.clone(), false),
    };
    if let Some(g) = plan.grades.iter().find(|g| g.code.to_lowercase() == head) {
        return Ok(LineKind::Staff {
            grade: g.id,
            basis: if months {
                StaffBasis::WorkMonths
            } else {
                StaffBasis::Posts
            },
        });
    }
    if let Some(c) = plan
        .categories
        .iter()
        .find(|c| c.code.to_lowercase() == lower || c.name.to_lowercase() == lower)
    {
        return Ok(LineKind::NonStaff { category: c.id });
    }
    let grades: Vec<&str> = plan.grades.iter().map(|g| g.code.as_str()).collect();
    let cats: Vec<&str> = plan.categories.iter().map(|c| c.code.as_str()).collect();
    Err(format!(
        "\u{201c}{t}\u{201d} is not a grade ({}) or a cost category ({})",
        grades.join(", "),
        cats.join(", ")
    ))
}

/// Reads a linkage-matrix cell: `X` for an equal share, a percentage (`25`, `25%`,
/// `12.5 %`) for an explicit one, blank to unlink.
pub fn parse_share(text: &str) -> Result<Option<Share>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.eq_ignore_ascii_case("x") {
        return Ok(Some(Share::Equal));
    }
    let number = t.trim_end_matches('%').trim_end();
    let p = parse_amount(number)
        .map_err(|_| format!("\u{201c}{t}\u{201d} is not X or a percentage such as 25 %"))?
        .ok_or_else(|| format!("\u{201c}{t}\u{201d} is not X or a percentage such as 25 %"))?;
    if p <= Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        return Err(format!(
            "a share is more than 0 % and at most 100 %, not {} %",
            plain(p)
        ));
    }
    Ok(Some(Share::Percent(p)))
}

/// The figure a cell holds, as a scenario names it (`None` for texts and types).
pub fn figure_key(key: CellKey) -> Option<Key> {
    Some(match (key.target, key.col) {
        (Target::Line(line), Col::Year(year)) => Key::Value { line, year },
        (Target::Line(line), Col::Rate) => Key::Rate { line },
        (Target::Grade(grade), Col::Year(year)) => Key::StandardCost { grade, year },
        (Target::Ceiling(ceiling), _) => Key::Ceiling { ceiling },
        (Target::Escalation, _) => Key::Escalation,
        _ => return None,
    })
}

/// Turns what a user typed into a cell into an edit: `Ok(None)` when it changes nothing,
/// `Err` with a message the user can act on when it cannot be used.
pub fn commit(plan: &Plan, key: CellKey, text: &str) -> Result<Option<Edit>, String> {
    let amount = |t: &str| parse_amount(t).map_err(|e| e.to_string());
    let edit = match (key.target, key.col) {
        (Target::Line(id), col) => {
            let line = plan
                .outputs
                .iter()
                .flat_map(|o| &o.lines)
                .find(|l| l.id == id)
                .ok_or("that line is no longer in the plan")?;
            match col {
                Col::Year(year) => {
                    let value = amount(text)?;
                    (line.values.get(year).copied().flatten() != value).then_some(Edit::SetValue {
                        line: id,
                        year,
                        value,
                    })
                }
                Col::Rate => {
                    let rate = amount(text)?;
                    (line.rate != rate).then_some(Edit::SetRate { line: id, rate })
                }
                Col::Label => {
                    let description = text.trim().to_string();
                    (line.description != description).then_some(Edit::SetLineDescription {
                        line: id,
                        description,
                    })
                }
                Col::Type => {
                    let kind = parse_kind(plan, text)?;
                    (line.kind != kind).then_some(Edit::SetLineKind { line: id, kind })
                }
                _ => return Err("this cell is computed and cannot be edited".into()),
            }
        }
        (Target::Output(id), Col::Label) => {
            let out = plan
                .output(id)
                .ok_or("that output is no longer in the plan")?;
            let title = required_title(text, "an output")?;
            (out.title != title).then(|| Edit::SetOutputText {
                output: id,
                code: out.code.clone(),
                title,
            })
        }
        (Target::Output(id), Col::Type) => {
            let out = plan
                .output(id)
                .ok_or("that output is no longer in the plan")?;
            let t = text.trim();
            let unit = if t.is_empty() {
                None
            } else {
                Some(
                    plan.units
                        .iter()
                        .find(|u| u.code.eq_ignore_ascii_case(t))
                        .map(|u| u.id)
                        .ok_or_else(|| {
                            let codes: Vec<&str> =
                                plan.units.iter().map(|u| u.code.as_str()).collect();
                            format!(
                                "\u{201c}{t}\u{201d} is not an org unit of this plan ({})",
                                codes.join(", ")
                            )
                        })?,
                )
            };
            (out.unit != unit).then_some(Edit::SetOutputUnit { output: id, unit })
        }
        (Target::Objective(id), Col::Label) => {
            let o = plan
                .objective(id)
                .ok_or("that objective is no longer in the plan")?;
            let title = required_title(text, "an objective")?;
            (o.title != title).then(|| Edit::SetObjectiveText {
                objective: id,
                code: o.code.clone(),
                title,
                description: o.description.clone(),
            })
        }
        (Target::Grade(grade), Col::Year(year)) => {
            let cost = amount(text)?;
            if cost.is_some_and(|c| c.is_sign_negative() && !c.is_zero()) {
                return Err("a standard cost cannot be negative".into());
            }
            let current = plan
                .standard_costs
                .rows
                .iter()
                .find(|r| r.grade == grade)
                .and_then(|r| r.costs.get(year).copied().flatten());
            (current != cost).then_some(Edit::SetStandardCost { grade, year, cost })
        }
        (Target::Ceiling(id), _) => {
            let c = plan
                .ceilings
                .iter()
                .find(|c| c.id == id)
                .ok_or("that ceiling is no longer in the plan")?;
            let amount = amount(text)?.ok_or("a ceiling needs an amount")?;
            (c.amount != amount).then_some(Edit::SetCeilingAmount {
                ceiling: id,
                amount,
            })
        }
        (Target::Escalation, _) => {
            let percent = amount(text)?;
            if percent.is_some_and(|p| p.abs() > Decimal::ONE_HUNDRED) {
                return Err("an escalation rate is a percentage between -100 and 100".into());
            }
            (plan.standard_costs.escalation_percent != percent)
                .then_some(Edit::SetEscalation { percent })
        }
        _ => return Err("this cell cannot be edited".into()),
    };
    Ok(edit)
}

fn required_title(text: &str, what: &str) -> Result<String, String> {
    let title = text.trim();
    if title.is_empty() {
        return Err(format!("{what} needs a title"));
    }
    Ok(title.to_string())
}

fn group_sums(engine: &Engine, outputs: &[usize]) -> Exact<Figures> {
    let n = engine.plan().years.len();
    let mut sums = vec![ExactSum::ZERO; n];
    for &o in outputs {
        for (y, s) in sums.iter_mut().enumerate() {
            s.add_sum(&engine.rollups().output[o * n + y])?;
        }
    }
    Figures::from_years(&sums)
}

fn line_costs(engine: &Engine, o: usize, l: usize) -> Exact<Figures> {
    let n = engine.plan().years.len();
    let cells = (0..n)
        .map(|y| engine.line_cost(o, l, y))
        .collect::<Exact<Vec<_>>>()?;
    Figures::from_years(&cells)
}

fn line_sums(line: &Line) -> Exact<Figures> {
    let cells = line
        .values
        .iter()
        .map(|v| ExactSum::from_decimal(v.unwrap_or_default()))
        .collect::<Vec<_>>();
    Figures::from_years(&cells)
}

/// Structure edits, built against the current plan (new ids come from `next_id`).
pub mod structure {
    use super::*;

    /// A new non-staff line at `index` of an output.
    pub fn new_line(plan: &Plan, output: OutputId, index: usize) -> Option<Edit> {
        let category = plan
            .categories
            .iter()
            .find(|c| Some(c.id) != plan.staff_category)
            .or(plan.categories.first())?
            .id;
        Some(Edit::InsertLine {
            output,
            index,
            line: Line {
                id: LineId(plan.next_id),
                description: "New line".into(),
                kind: LineKind::NonStaff { category },
                rate: None,
                values: vec![None; plan.years.len()],
            },
        })
    }

    /// A new output in a group (linked to its objective, or in its unit), at plan position
    /// `index`, with a code not used yet.
    pub fn new_output(plan: &Plan, group: GroupKey, index: usize) -> Edit {
        let (links, unit, prefix) = match group {
            GroupKey::Objective(id) => (
                vec![Link {
                    objective: id,
                    share: Share::Equal,
                }],
                None,
                plan.objective(id)
                    .map(|o| o.code.trim_start_matches(['O', 'o']).to_string())
                    .unwrap_or_default(),
            ),
            GroupKey::Unit(id) => (Vec::new(), Some(id), String::new()),
            GroupKey::None => (Vec::new(), None, String::new()),
        };
        let prefix = if prefix.is_empty() {
            "N".to_string()
        } else {
            prefix
        };
        let code = (1..)
            .map(|k| format!("{prefix}.{k}"))
            .find(|c| plan.outputs.iter().all(|o| &o.code != c))
            .unwrap_or_default();
        Edit::InsertOutput {
            index: index.min(plan.outputs.len()),
            output: Output {
                id: OutputId(plan.next_id),
                code,
                title: "New output".into(),
                unit,
                links,
                lines: Vec::new(),
            },
            results: Vec::new(),
            kpis: Vec::new(),
            risk_links: Vec::new(),
        }
    }

    /// A new plan to start typing in: the standard grades and categories, one objective,
    /// one output serving it, and one line of it.
    pub fn starter(title: &str, years: &[&str]) -> Plan {
        let blank = Plan::blank(title, years);
        let Ok(mut doc) = crate::edit::Document::open(blank.clone()) else {
            return blank;
        };
        let objective = new_objective(doc.plan(), 0);
        let Edit::InsertObjective { objective: o, .. } = &objective else {
            return blank;
        };
        let group = GroupKey::Objective(o.id);
        let steps = [Some(objective.clone()), None, None];
        for (k, step) in steps.into_iter().enumerate() {
            let edit = match k {
                0 => step,
                1 => Some(new_output(doc.plan(), group, 0)),
                _ => doc
                    .plan()
                    .outputs
                    .first()
                    .and_then(|out| new_line(doc.plan(), out.id, 0)),
            };
            if let Some(edit) = edit {
                if doc.apply(edit).is_err() {
                    return blank;
                }
            }
        }
        doc.plan().clone()
    }

    pub fn new_objective(plan: &Plan, index: usize) -> Edit {
        let code = (plan.objectives.len() + 1..)
            .map(|k| format!("O{k}"))
            .find(|c| plan.objectives.iter().all(|o| &o.code != c))
            .unwrap_or_default();
        Edit::InsertObjective {
            index: index.min(plan.objectives.len()),
            objective: Objective {
                id: ObjectiveId(plan.next_id),
                code,
                title: "New objective".into(),
                description: String::new(),
                goal: None,
            },
            links: Vec::new(),
            results: Vec::new(),
            kpis: Vec::new(),
        }
    }

    /// Deletes what a row stands for: an objective (its links go with it), an output, a line.
    pub fn remove(plan: &Plan, sheet: &Sheet, row: Row) -> Option<Edit> {
        Some(match row {
            Row::Group(g) => match sheet.groups.get(g)?.key {
                GroupKey::Objective(objective) => Edit::RemoveObjective { objective },
                _ => return None,
            },
            Row::Output(o) => Edit::RemoveOutput {
                output: plan.outputs.get(o)?.id,
            },
            Row::Line(o, l) | Row::Cost(o, l) => Edit::RemoveLine {
                line: plan.outputs.get(o)?.lines.get(l)?.id,
            },
            Row::Total | Row::Grade(_) => return None,
        })
    }

    /// Moves what a row stands for one place up (`-1`) or down (`+1`) among its siblings:
    /// lines within their output, outputs within their group, objectives in the plan.
    pub fn shift(plan: &Plan, sheet: &Sheet, row: Row, up: bool) -> Option<Edit> {
        let step = |pos: usize, len: usize| -> Option<usize> {
            if up {
                pos.checked_sub(1)
            } else {
                (pos + 1 < len).then_some(pos + 1)
            }
        };
        match row {
            Row::Line(o, l) | Row::Cost(o, l) => {
                let out = plan.outputs.get(o)?;
                Some(Edit::MoveLine {
                    line: out.lines.get(l)?.id,
                    to: step(l, out.lines.len())?,
                })
            }
            Row::Output(o) => {
                let group = sheet.groups.iter().find(|g| g.outputs.contains(&o))?;
                let k = group.outputs.iter().position(|&x| x == o)?;
                let to = group.outputs[step(k, group.outputs.len())?];
                Some(Edit::MoveOutput {
                    output: plan.outputs.get(o)?.id,
                    to,
                })
            }
            Row::Group(g) => {
                let GroupKey::Objective(id) = sheet.groups.get(g)?.key else {
                    return None;
                };
                let k = plan.objectives.iter().position(|o| o.id == id)?;
                Some(Edit::MoveObjective {
                    objective: id,
                    to: step(k, plan.objectives.len())?,
                })
            }
            Row::Total | Row::Grade(_) => None,
        }
    }
}
