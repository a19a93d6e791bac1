//! The editable grids as pure data: which rows and columns a sheet has, what each cell shows,
//! which cells a user may edit, and how typed text, a paste, a fill or a clear becomes
//! [`Edit`]s. The Yew grid only renders what this module says and dispatches what it returns,
//! so everything a user can do in a grid is testable natively.
//!
//! Cells are addressed two ways. A position `(row, col)` is where a cell is on screen now; a
//! [`CellKey`] is what the cell edits (a line and a year), which survives reordering,
//! regrouping and collapsing. Text a user typed that is not a valid value is kept as a
//! [`Draft`] under its key, so it stays visible until the user fixes or clears it.

use crate::calc::{Engine, Figures};
use crate::edit::Edit;
use crate::exact::{Exact, ExactSum};
use crate::model::*;
use crate::model::{Key, Scenario};
use crate::numfmt::{format_amount, parse_amount, plain};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

pub use crate::document::field::{CellKey, Col, Draft, Drafts, ItemFigure, Target};

pub mod adjust;
pub mod block;
pub mod find;
pub mod input;
pub mod nav;
pub mod spread;
pub mod structure;

pub use crate::model::{kind_text, line_name};
pub use block::BlockChange;
pub use input::{
    commit, enter, expression_at, figure_key, parse_kind, parse_share, read_figure, type_into,
};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    Resources(Grouping),
    StandardCosts,
}

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

/// Lines whose year figures are not amounts (posts, quantities) get a derived cost row.
pub fn has_cost_row(line: &Line) -> bool {
    matches!(line.kind, LineKind::Staff { .. }) || line.rate.is_some()
}

fn period_cols(n: usize) -> Vec<Col> {
    let mut cols: Vec<Col> = (0..n).map(Col::Year).collect();
    // Pairs only: a lone last year is not a biennium (Plan::biennium_count).
    cols.extend((0..n / 2).map(Col::Biennium));
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
    /// The group a row sits in: the last group heading above it.
    pub fn group_at(&self, row: usize) -> Option<GroupKey> {
        self.rows
            .iter()
            .take(row.saturating_add(1))
            .rev()
            .find_map(|r| match r {
                Row::Group(g) => self.groups.get(*g).map(|x| x.key),
                _ => None,
            })
    }

    /// The groups to expand so that `target`'s row shows: those it sits in when every group
    /// is open, if collapsed now.
    pub fn groups_hiding(
        plan: &Plan,
        grouping: Grouping,
        collapsed: &HashSet<GroupKey>,
        target: Target,
    ) -> Vec<GroupKey> {
        if collapsed.is_empty() {
            return Vec::new();
        }
        let open = Sheet::resources(plan, grouping, &HashSet::new());
        open.row_of(plan, target)
            .and_then(|r| open.group_at(r))
            .filter(|g| collapsed.contains(g))
            .into_iter()
            .collect()
    }

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

    /// What a note written at a cell is on: a line's figure (a year, its rate), the line for
    /// its other cells and its cost row, an output or an objective for their rows, a
    /// standard cost. `None` where a note has no place (the total row, a unit's heading).
    pub fn note_at(&self, plan: &Plan, row: usize, col: usize) -> Option<NoteAt> {
        let (r, c) = (*self.rows.get(row)?, *self.cols.get(col)?);
        let line_id = |o: usize, l: usize| plan.outputs.get(o)?.lines.get(l).map(|x| x.id);
        Some(match (r, c) {
            (Row::Line(o, l), Col::Year(year)) => NoteAt::Figure(Key::Value {
                line: line_id(o, l)?,
                year,
            }),
            (Row::Line(o, l), Col::Rate) => NoteAt::Figure(Key::Rate {
                line: line_id(o, l)?,
            }),
            (Row::Line(o, l) | Row::Cost(o, l), _) => NoteAt::Line(line_id(o, l)?),
            (Row::Output(o), _) => NoteAt::Output(plan.outputs.get(o)?.id),
            (Row::Group(g), _) => match self.groups.get(g)?.key {
                GroupKey::Objective(id) => NoteAt::Objective(id),
                _ => return None,
            },
            (Row::Grade(g), Col::Year(year)) => NoteAt::Figure(Key::StandardCost {
                grade: plan.grades.get(g)?.id,
                year,
            }),
            _ => return None,
        })
    }

    /// Whether a cell shows the marker of a note: a figure's own note, or the note of its
    /// row on the row's first cell.
    pub fn note_marked<'p>(&self, plan: &'p Plan, row: usize, col: usize) -> Option<&'p str> {
        let at = self.note_at(plan, row, col)?;
        let first = matches!(self.cols.get(col), Some(Col::Label));
        match at {
            NoteAt::Figure(_) => plan.note(at),
            _ if first && !matches!(self.rows.get(row), Some(Row::Cost(..))) => plan.note(at),
            _ => None,
        }
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
                &engine.rollups().output[crate::limits::span(o, n)],
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
            Some(amount_cell(v, plan.dp()))
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
                        // Escalated costs carry cents: shown to the plan's precision like
                        // every computed figure, exact underneath (copy takes the cents).
                        Some(v) => Cell {
                            derived: true,
                            raw: plain(v),
                            ..amount_cell(v, plan.dp())
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

fn group_sums(engine: &Engine, outputs: &[usize]) -> Exact<Figures> {
    let n = engine.plan().years.len();
    let mut sums = vec![ExactSum::ZERO; n];
    for &o in outputs {
        for (y, s) in sums.iter_mut().enumerate() {
            s.add_sum(&engine.rollups().output[crate::limits::at(o, n, y)])?;
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
