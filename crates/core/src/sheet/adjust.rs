//! Adjust…: one change applied to every figure of a scope (the selected cells, a row, a
//! year's column, an output, an objective's or unit's group, the whole plan), as one undo
//! step: by a percentage, by an amount, set to a value, or a year copied forward with an
//! escalation rate. A preview says what the scope costs before and after.
//!
//! Rules, as the dialog states them: held figures are kept; an amount added or a value set
//! applies to amounts only (posts and quantities are counts, left out and counted); a
//! percentage applies to counts too. Results are rounded half away from zero to the plan's
//! precision (whole units or cents), never coarser than the figure already was (a figure
//! with decimals keeps at least its cents); counts to two decimals; standard costs to the
//! cent. Copying forward escalates amounts and carries
//! counts over unchanged (their cost escalates with the standard costs), and leaves lines
//! whose source year is blank as they are.

use super::*;
use crate::document::{Change, Document};
use crate::exact::{self, ExactSum, Overflow};
use crate::limits::{max_amount, MAX_DECIMALS};
use rust_decimal::RoundingStrategy;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adjustment {
    /// `-5` for a 5 % cut.
    Percent(Decimal),
    /// Added to each amount.
    Amount(Decimal),
    /// Each amount set to this.
    Set(Decimal),
    /// The year at this position copied to the later years of the scope, escalated each
    /// year by this percentage.
    CopyForward { from: usize, escalation: Decimal },
}

/// Which figures an adjustment applies to, from where the cursor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The editable figures of the selected range.
    Selection(Range),
    /// The figures of the cursor's row (a line; an output's, a group's or the total row's
    /// lines).
    Row(usize),
    /// One year's figures of every line of the plan (every grade on the standard costs).
    Column(usize),
    /// The output the cursor row belongs to.
    Output(usize),
    /// The group (objective or unit) the cursor row sits in.
    Group(usize),
    Plan,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AdjustError {
    /// The scope holds no figure the adjustment applies to.
    Empty(String),
    /// A result past what Rollplan accepts.
    TooLarge(String),
    Overflow,
}

impl fmt::Display for AdjustError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdjustError::Empty(m) | AdjustError::TooLarge(m) => f.write_str(m),
            AdjustError::Overflow => Overflow.fmt(f),
        }
    }
}

impl std::error::Error for AdjustError {}

impl From<Overflow> for AdjustError {
    fn from(_: Overflow) -> Self {
        AdjustError::Overflow
    }
}

/// An adjustment worked out: the change, what the scope costs before and after (exact,
/// for the preview), and what to tell the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Adjusted {
    pub change: Change,
    pub changed: usize,
    pub before: Decimal,
    pub after: Decimal,
    pub summary: String,
}

/// One figure in scope.
#[derive(Clone, Copy)]
struct InScope {
    key: Key,
    /// (output, line) positions, for a line's figure.
    line: Option<(usize, usize)>,
    year: usize,
    amount: bool,
}

impl Sheet {
    /// The figures of a scope, in grid order, with whether each is an amount.
    fn scope_targets(&self, engine: &Engine, scope: Scope) -> Vec<InScope> {
        let plan = engine.plan();
        let n = plan.years.len();
        let line_targets = |o: usize, l: usize, years: &mut dyn Iterator<Item = usize>| {
            let Some(line) = plan.outputs.get(o).and_then(|x| x.lines.get(l)) else {
                return Vec::new();
            };
            years
                .map(|y| InScope {
                    key: Key::Value {
                        line: line.id,
                        year: y,
                    },
                    line: Some((o, l)),
                    year: y,
                    amount: !has_cost_row(line),
                })
                .collect::<Vec<_>>()
        };
        let output_targets = |o: usize| -> Vec<InScope> {
            plan.outputs.get(o).map_or_else(Vec::new, |out| {
                (0..out.lines.len())
                    .flat_map(|l| line_targets(o, l, &mut (0..n)))
                    .collect()
            })
        };
        let all = || -> Vec<InScope> { (0..plan.outputs.len()).flat_map(output_targets).collect() };
        let grade_targets = |g: usize, years: &mut dyn Iterator<Item = usize>| -> Vec<InScope> {
            plan.grades.get(g).map_or_else(Vec::new, |grade| {
                years
                    .map(|y| InScope {
                        key: Key::StandardCost {
                            grade: grade.id,
                            year: y,
                        },
                        line: None,
                        year: y,
                        amount: true,
                    })
                    .collect()
            })
        };
        let group_of = |row: usize| -> Option<usize> {
            self.rows
                .iter()
                .take(row.saturating_add(1))
                .rev()
                .find_map(|r| match r {
                    Row::Group(g) => Some(*g),
                    _ => None,
                })
        };
        let output_of = |row: usize| match self.rows.get(row) {
            Some(Row::Output(o) | Row::Line(o, _) | Row::Cost(o, _)) => Some(*o),
            _ => None,
        };
        let group_targets = |g: usize| -> Vec<InScope> {
            self.groups
                .get(g)
                .map(|x| x.outputs.iter().flat_map(|&o| output_targets(o)).collect())
                .unwrap_or_default()
        };
        match (self.kind, scope) {
            (_, Scope::Selection(range)) => {
                let mut out = Vec::new();
                for r in range.rows() {
                    for c in range.cols() {
                        let Some(Col::Year(y)) = self.cols.get(c).copied() else {
                            continue;
                        };
                        match self.rows.get(r) {
                            Some(Row::Line(o, l)) => {
                                out.extend(line_targets(*o, *l, &mut std::iter::once(y)))
                            }
                            Some(Row::Grade(g)) => {
                                out.extend(grade_targets(*g, &mut std::iter::once(y)))
                            }
                            _ => {}
                        }
                    }
                }
                out
            }
            (SheetKind::StandardCosts, Scope::Column(c)) => match self.cols.get(c) {
                Some(Col::Year(y)) => (0..plan.grades.len())
                    .flat_map(|g| grade_targets(g, &mut std::iter::once(*y)))
                    .collect(),
                _ => Vec::new(),
            },
            (SheetKind::StandardCosts, Scope::Row(r)) => match self.rows.get(r) {
                Some(Row::Grade(g)) => grade_targets(*g, &mut (0..n)),
                _ => Vec::new(),
            },
            (SheetKind::StandardCosts, _) => (0..plan.grades.len())
                .flat_map(|g| grade_targets(g, &mut (0..n)))
                .collect(),
            (SheetKind::Resources(_), Scope::Row(r)) => match self.rows.get(r) {
                Some(Row::Line(o, l) | Row::Cost(o, l)) => line_targets(*o, *l, &mut (0..n)),
                Some(Row::Output(o)) => output_targets(*o),
                Some(Row::Group(g)) => group_targets(*g),
                Some(Row::Total) => all(),
                _ => Vec::new(),
            },
            (SheetKind::Resources(_), Scope::Column(c)) => match self.cols.get(c) {
                Some(Col::Year(y)) => all().into_iter().filter(|t| t.year == *y).collect(),
                _ => Vec::new(),
            },
            (SheetKind::Resources(_), Scope::Output(r)) => {
                output_of(r).map(output_targets).unwrap_or_default()
            }
            (SheetKind::Resources(_), Scope::Group(r)) => {
                group_of(r).map(group_targets).unwrap_or_default()
            }
            (SheetKind::Resources(_), Scope::Plan) => all(),
        }
    }

    /// What a scope is called in the dialog and the history ("Output 1.1", "2013").
    pub fn scope_name(&self, plan: &Plan, scope: Scope) -> String {
        let group_name = |r: usize| {
            self.group_at(r)
                .and_then(|k| self.groups.iter().find(|g| g.key == k))
                .map(|g| match g.key {
                    GroupKey::Objective(_) => format!("objective {}", g.code),
                    GroupKey::Unit(_) => format!("unit {}", g.code),
                    GroupKey::None => g.title.to_lowercase(),
                })
        };
        match scope {
            Scope::Selection(r) if r.is_single() => {
                format!(
                    "the cell {}",
                    self.row_name(
                        plan,
                        self.rows.get(r.cursor.0).copied().unwrap_or(Row::Total)
                    )
                )
            }
            Scope::Selection(_) => "the selected cells".into(),
            Scope::Row(r) => self
                .rows
                .get(r)
                .map(|row| self.row_name(plan, *row))
                .unwrap_or_default(),
            Scope::Column(c) => format!("every figure of {}", self.col_title(plan, c)),
            Scope::Output(r) => match self.rows.get(r) {
                Some(Row::Output(o) | Row::Line(o, _) | Row::Cost(o, _)) => plan
                    .outputs
                    .get(*o)
                    .map(|x| format!("output {}", x.code))
                    .unwrap_or_default(),
                _ => String::new(),
            },
            Scope::Group(r) => group_name(r).unwrap_or_default(),
            Scope::Plan => "the whole plan".into(),
        }
    }
}

/// Works out an adjustment of a scope of what the document shows, with held figures kept.
pub fn adjust(
    doc: &Document,
    sheet: &Sheet,
    scope: Scope,
    adjustment: Adjustment,
    held: &HashSet<Key>,
) -> Result<Adjusted, AdjustError> {
    let engine = doc.view();
    let plan = engine.plan();
    let targets = sheet.scope_targets(engine, scope);
    let name = sheet.scope_name(plan, scope);
    if targets.is_empty() {
        return Err(AdjustError::Empty(format!(
            "{name} has no figure to adjust; select figures of lines or standard costs"
        )));
    }
    let hundred = Decimal::ONE_HUNDRED;
    let (mut kept, mut counts_out, mut blank_source) = (0usize, 0usize, 0usize);
    let mut edits = Vec::new();
    let figure = |t: &InScope| engine.figure(t.key).flatten();
    // The precision a result keeps: the plan's (or cents for standard costs), never coarser
    // than the figure had; counts two decimals.
    let precision = |t: &InScope, old: Option<Decimal>| -> u32 {
        let base = match (t.line, t.amount) {
            (None, _) => 2,
            (Some(_), true) => plan.dp(),
            (Some(_), false) => 2,
        };
        // A figure with decimals keeps at least its cents (1,200.50 reads as 1,200.5).
        let own = old.map_or(0, |v| match v.normalize().scale() {
            0 => 0,
            s => s.max(2),
        });
        base.max(own).min(MAX_DECIMALS)
    };
    let round =
        |v: Decimal, dp: u32| v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    for t in &targets {
        if held.contains(&t.key) {
            kept = kept.saturating_add(1);
            continue;
        }
        let old = figure(t);
        let new = match adjustment {
            Adjustment::Percent(p) => match old {
                Some(v) => {
                    let factor = exact::add(Decimal::ONE, p.checked_div(hundred).ok_or(Overflow)?)?;
                    Some(round(exact::mul(v, factor)?, precision(t, old)))
                }
                None => None,
            },
            Adjustment::Amount(_) | Adjustment::Set(_) if !t.amount => {
                counts_out = counts_out.saturating_add(1);
                old
            }
            Adjustment::Amount(a) => match old {
                Some(v) => Some(exact::add(v, a)?),
                // A blank amount is nothing yet: adding to it gives the amount.
                None => Some(a),
            },
            Adjustment::Set(a) => Some(a),
            Adjustment::CopyForward { from, escalation } => {
                if t.year <= from {
                    old
                } else {
                    let source = engine
                        .figure(match t.key {
                            Key::Value { line, .. } => Key::Value { line, year: from },
                            Key::StandardCost { grade, .. } => {
                                Key::StandardCost { grade, year: from }
                            }
                            other => other,
                        })
                        .flatten();
                    match source {
                        None => {
                            blank_source = blank_source.saturating_add(1);
                            old
                        }
                        Some(s) if !t.amount => Some(s),
                        Some(s) => {
                            let factor = exact::add(
                                Decimal::ONE,
                                escalation.checked_div(hundred).ok_or(Overflow)?,
                            )?;
                            let mut v = s;
                            let steps = t.year.saturating_sub(from);
                            for _ in 0..steps {
                                v = exact::mul(v, factor)?;
                            }
                            Some(round(v, precision(t, Some(s))))
                        }
                    }
                }
            }
        };
        if let Some(v) = new {
            if v.abs() > max_amount() {
                return Err(AdjustError::TooLarge(format!(
                    "a figure of {name} would become {}, larger than 10^15",
                    format_amount(v, 0)
                )));
            }
            if matches!(t.key, Key::StandardCost { .. }) && v.is_sign_negative() && !v.is_zero() {
                return Err(AdjustError::TooLarge(
                    "a standard cost cannot become negative".into(),
                ));
            }
        }
        let new = new.map(|v| v.normalize());
        if new != old.map(|v| v.normalize()) {
            edits.push(Edit::SetFigure {
                key: t.key,
                value: new,
            });
        }
    }
    let changed = edits.len();
    let (before, after) = preview(engine, &targets, sheet.kind, &edits)?;
    let what = match adjustment {
        Adjustment::Percent(p) => format!(
            "by {}{} %",
            if p.is_sign_negative() { "" } else { "+" },
            plain(p)
        ),
        Adjustment::Amount(a) => format!(
            "by {}{}",
            if a.is_sign_negative() { "" } else { "+" },
            format_amount(a, a.normalize().scale())
        ),
        Adjustment::Set(a) => format!("set to {}", format_amount(a, a.normalize().scale())),
        Adjustment::CopyForward { from, escalation } => format!(
            "{} copied forward at {} % a year",
            plan.years.get(from).cloned().unwrap_or_default(),
            plain(escalation)
        ),
    };
    let mut summary = format!("Adjusted {changed} figure(s) of {name} {what}");
    if kept > 0 {
        summary.push_str(&format!("; {kept} held figure(s) kept"));
    }
    if counts_out > 0 {
        summary.push_str(&format!(
            "; {counts_out} figure(s) of posts or quantities left out (an amount applies to amounts only)"
        ));
    }
    if blank_source > 0 {
        summary.push_str(&format!(
            "; {blank_source} figure(s) left as they were: the year copied is blank there"
        ));
    }
    summary.push('.');
    let edit = match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    };
    Ok(Adjusted {
        change: Change {
            edit,
            drafts: Vec::new(),
            to_plan: false,
            label: Some(format!("Adjusted {name} {what}")),
        },
        changed,
        before,
        after,
        summary,
    })
}

/// What the scope costs before and after the edits: its lines' costs in its years; on the
/// standard costs, the plan's total (every staff line follows them).
fn preview(
    engine: &Engine,
    targets: &[InScope],
    kind: SheetKind,
    edits: &[Edit],
) -> Result<(Decimal, Decimal), AdjustError> {
    let cost_of = |e: &Engine| -> Result<Decimal, AdjustError> {
        let mut sum = ExactSum::ZERO;
        match kind {
            SheetKind::StandardCosts => {
                for s in &e.rollups().total {
                    sum.add_sum(s)?;
                }
            }
            SheetKind::Resources(_) => {
                for t in targets {
                    if let Some((o, l)) = t.line {
                        sum.add_sum(&e.line_cost(o, l, t.year)?)?;
                    }
                }
            }
        }
        Ok(sum.round(MAX_DECIMALS)?.normalize())
    };
    let before = cost_of(engine)?;
    if edits.is_empty() {
        return Ok((before, before));
    }
    // The change applied to a copy: exactly what applying it will give, staff costs and
    // escalation included.
    let mut copy = engine.clone();
    copy.apply(Edit::Batch(edits.to_vec()))
        .map_err(|e| AdjustError::TooLarge(e.to_string()))?;
    Ok((before, cost_of(&copy)?))
}
