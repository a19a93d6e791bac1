//! Spreading (breakback): a figure typed into a total (an output's or a group's year,
//! biennium or period total, a line's biennium or period total, the plan total, a staff
//! line's cost) is shared out over the figures beneath it, so that they add up to it
//! exactly.
//!
//! The rule, stated to users in these words:
//! - Held cells keep their figures, and so do lines whose figures are counts (posts,
//!   work-months, quantities at a rate) unless counts are included; what they cost is taken
//!   off the total first.
//! - The rest is shared in proportion to the figures' current costs; when those are all
//!   blank or zero (or of mixed signs), evenly. A pattern shares it over the years by the
//!   weights given, then within each year in proportion.
//! - Parts are in the plan's precision (whole units, or cents with *Show cents*; finer if
//!   the total typed is): each is rounded down, and the units left over go one each to the
//!   parts that lost most by rounding, the first in grid order on a tie (largest
//!   remainder). What the figures kept bring finer than that (the cents of an escalated
//!   standard cost) goes to the largest part. So the parts add up to the total typed,
//!   exactly.
//! - Counts, when included, get the share's worth at their unit cost, to two decimals
//!   (posts at the standard cost); amounts then take up the difference, so the total is
//!   still exact whenever any amount is among the figures.
//!
//! The result is one [`Change`]: one undo step, and in a scenario that scenario's figures.

use super::*;
use crate::document::{Change, Document};
use crate::exact::{self, ExactSum, Overflow};
use crate::expr::{evaluate, is_expression};
use crate::limits::{max_amount, MAX_DECIMALS};
use std::fmt;

/// The figures a total cell adds up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalCell {
    /// (output position, line position) of each line under the total.
    pub lines: Vec<(usize, usize)>,
    /// Year positions the total covers.
    pub years: Vec<usize>,
    /// "Output 1.1, 2012", for messages.
    pub name: String,
    /// The cell is a line's own cost row: its counts are what typing a cost sets.
    pub cost_row: bool,
}

/// How the parts are weighted.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Pattern {
    /// In proportion to the current costs (evenly when they are all blank or zero).
    #[default]
    Proportional,
    /// Equal parts.
    Even,
    /// Weights per year of the total, in order (`40 30 20 10`); within a year, in proportion.
    Years(Vec<Decimal>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpreadOptions {
    pub pattern: Pattern,
    /// Spread over posts, work-months and quantities too (at their unit costs).
    pub counts: bool,
    /// Figures kept as they are.
    pub held: HashSet<Key>,
}

/// A spread worked out: the change to make and what to tell the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    pub change: Change,
    /// How many figures change.
    pub changed: usize,
    /// What the figures under the total add up to afterwards (the total typed, unless only
    /// counts could take it).
    pub reached: Decimal,
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SpreadError {
    /// The cell is not a total of figures that can be typed.
    NotATotal,
    /// What was typed is not a number.
    NotANumber(String),
    /// Every figure under the total is held or is a count left out.
    NothingFree { held: usize, counts: usize },
    /// A pattern with no weight for some year, or weights that add up to zero.
    BadPattern(String),
    /// The parts cannot all be figures Rollplan keeps (past 10^15, say).
    TooLarge,
}

impl fmt::Display for SpreadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpreadError::NotATotal => f.write_str("this cell is not a total that can be spread"),
            SpreadError::NotANumber(m) => f.write_str(m),
            SpreadError::NothingFree { held, counts } => {
                let mut why = Vec::new();
                if *held > 0 {
                    why.push(format!("{held} held"));
                }
                if *counts > 0 {
                    why.push(format!(
                        "{counts} counts of posts or quantities (include counts to spread over them)"
                    ));
                }
                write!(
                    f,
                    "there is no figure under this total to spread over: {}",
                    why.join(", ")
                )
            }
            SpreadError::BadPattern(m) => f.write_str(m),
            SpreadError::TooLarge => f.write_str(
                "the parts would be larger than Rollplan accepts (10^15); type a smaller total",
            ),
        }
    }
}

impl std::error::Error for SpreadError {}

impl From<Overflow> for SpreadError {
    fn from(_: Overflow) -> Self {
        SpreadError::TooLarge
    }
}

impl Sheet {
    /// Whether a cell is a total that typing spreads ([`Sheet::total_at`] without listing
    /// its figures: the grid asks this of every cell it draws).
    pub fn spreads(&self, plan: &Plan, row: usize, col: usize) -> bool {
        if self.kind == SheetKind::StandardCosts {
            return false;
        }
        let (Some(&r), Some(&c)) = (self.rows.get(row), self.cols.get(col)) else {
            return false;
        };
        if !matches!(c, Col::Year(_) | Col::Biennium(_) | Col::Period) {
            return false;
        }
        match r {
            Row::Group(_) | Row::Output(_) | Row::Cost(..) | Row::Total => true,
            Row::Line(o, l) => {
                !matches!(c, Col::Year(_))
                    && plan
                        .outputs
                        .get(o)
                        .and_then(|x| x.lines.get(l))
                        .is_some_and(|line| !has_cost_row(line))
            }
            Row::Grade(_) => false,
        }
    }

    /// The figures a cell adds up, if it is a total that typing can spread.
    pub fn total_at(&self, plan: &Plan, row: usize, col: usize) -> Option<TotalCell> {
        if self.kind == SheetKind::StandardCosts {
            return None;
        }
        let (r, c) = (*self.rows.get(row)?, *self.cols.get(col)?);
        let n = plan.years.len();
        let years: Vec<usize> = match c {
            Col::Year(y) => vec![y],
            Col::Biennium(b) => {
                let first = b.checked_mul(2)?;
                vec![first, first.checked_add(1)?]
            }
            Col::Period => (0..n).collect(),
            _ => return None,
        };
        let lines_of = |o: usize| -> Vec<(usize, usize)> {
            plan.outputs
                .get(o)
                .map(|out| (0..out.lines.len()).map(|l| (o, l)).collect())
                .unwrap_or_default()
        };
        let (lines, cost_row) = match r {
            Row::Group(g) => (
                self.groups
                    .get(g)?
                    .outputs
                    .iter()
                    .flat_map(|&o| lines_of(o))
                    .collect(),
                false,
            ),
            Row::Output(o) => (lines_of(o), false),
            // A line's own year cell takes typing itself; its other totals spread.
            Row::Line(o, l) if !matches!(c, Col::Year(_)) => {
                let line = plan.outputs.get(o)?.lines.get(l)?;
                if has_cost_row(line) {
                    return None;
                }
                (vec![(o, l)], false)
            }
            Row::Cost(o, l) => (vec![(o, l)], true),
            Row::Total => ((0..plan.outputs.len()).flat_map(lines_of).collect(), false),
            Row::Line(..) | Row::Grade(_) => return None,
        };
        Some(TotalCell {
            lines,
            years,
            name: format!("{}, {}", self.row_name(plan, r), self.col_title(plan, col)),
            cost_row,
        })
    }
}

impl Sheet {
    /// The figures F4 holds in a range: its figure cells (a line's years, a standard
    /// cost), and where it has none, the figures under its totals (an output's year total
    /// holds that year of the output).
    pub fn hold_keys(&self, plan: &Plan, range: &Range) -> Vec<Key> {
        let own: Vec<Key> = self
            .keys(plan, range)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(figure_key)
            .filter(|k| matches!(k, Key::Value { .. } | Key::StandardCost { .. }))
            .collect();
        if !own.is_empty() {
            return own;
        }
        let mut out = Vec::new();
        for r in range.rows() {
            for c in range.cols() {
                let Some(t) = self.total_at(plan, r, c) else {
                    continue;
                };
                for &(o, l) in &t.lines {
                    if let Some(line) = plan.outputs.get(o).and_then(|x| x.lines.get(l)) {
                        out.extend(t.years.iter().map(|&y| Key::Value {
                            line: line.id,
                            year: y,
                        }));
                    }
                }
            }
        }
        crate::order::sort(&mut out);
        out.dedup();
        out
    }
}

/// One figure under the total.
struct Leaf {
    key: Key,
    /// The figure now.
    value: Option<Decimal>,
    /// What one unit of it costs: (price, denominator).
    price: Option<(Decimal, u64)>,
    /// An amount (not a count).
    amount: bool,
    /// Position in the total's years.
    year_at: usize,
}

/// Works out spreading `text` over the figures under the total at `(row, col)` of what the
/// document shows.
pub fn spread(
    doc: &Document,
    sheet: &Sheet,
    (row, col): (usize, usize),
    text: &str,
    options: &SpreadOptions,
) -> Result<Spread, SpreadError> {
    let engine = doc.view();
    let plan = engine.plan();
    let total_cell = sheet
        .total_at(plan, row, col)
        .ok_or(SpreadError::NotATotal)?;
    let target = if is_expression(text) {
        evaluate(text).map_err(|e| SpreadError::NotANumber(e.to_string()))?
    } else {
        parse_amount(text)
            .map_err(|e| SpreadError::NotANumber(e.to_string()))?
            .ok_or_else(|| SpreadError::NotANumber("type the total to spread".into()))?
    };
    let counts_in = options.counts || total_cell.cost_row;

    let mut leaves = Vec::new();
    for &(o, l) in &total_cell.lines {
        let Some(line) = plan.outputs.get(o).and_then(|x| x.lines.get(l)) else {
            continue;
        };
        for (year_at, &y) in total_cell.years.iter().enumerate() {
            leaves.push(Leaf {
                key: Key::Value {
                    line: line.id,
                    year: y,
                },
                value: line.values.get(y).copied().flatten(),
                price: engine.unit_cost(o, l, y),
                amount: !has_cost_row(line),
                year_at,
            });
        }
    }

    // Fixed: held figures, counts left out, counts with no price (a grade without a cost).
    // Exact: a work-month costs a twelfth of a post-year, which no decimal holds.
    let mut fixed = ExactSum::ZERO;
    let (mut held, mut counts_out, mut unpriced) = (0usize, 0usize, 0usize);
    let mut free: Vec<&Leaf> = Vec::new();
    for leaf in &leaves {
        let is_held = options.held.contains(&leaf.key);
        let left_out = !leaf.amount && !counts_in;
        if is_held || left_out || leaf.price.is_none() {
            if let (Some(v), Some((price, den))) = (leaf.value, leaf.price) {
                fixed.add_over(exact::mul(v, price)?, den)?;
            }
            if is_held {
                held = held.saturating_add(1);
            } else if left_out {
                counts_out = counts_out.saturating_add(1);
            } else {
                unpriced = unpriced.saturating_add(1);
            }
        } else {
            free.push(leaf);
        }
    }
    if free.is_empty() {
        return Err(SpreadError::NothingFree {
            held,
            counts: counts_out.saturating_add(unpriced),
        });
    }
    let rest = exact::sub(target, to_decimal(&fixed)?)?;
    // Parts in the plan's precision (finer if the total typed is): what figures left out
    // bring finer than that (cents of escalated staff costs) goes to one part, the heaviest,
    // so the others stay round and the sum exact.
    let dp = plan.dp().max(target.normalize().scale()).min(MAX_DECIMALS);
    let unit = Decimal::new(1, dp);

    // Each free figure's share of the rest, in money.
    let weights: Vec<Decimal> = free
        .iter()
        .map(|f| match (f.value, f.price) {
            (Some(v), Some(p)) => cost(v, p),
            _ => Ok(Decimal::ZERO),
        })
        .collect::<Result<_, _>>()?;
    let (shares, how) = match &options.pattern {
        Pattern::Proportional => match proportional(&weights) {
            Some(w) => (apportion(rest, unit, &w)?, "in proportion to their figures"),
            None => (
                apportion(rest, unit, &vec![Decimal::ONE; free.len()])?,
                "evenly (they were all blank or zero)",
            ),
        },
        Pattern::Even => (
            apportion(rest, unit, &vec![Decimal::ONE; free.len()])?,
            "evenly",
        ),
        Pattern::Years(pattern) => (
            by_years(rest, unit, pattern, &free, &weights, total_cell.years.len())?,
            "by the pattern over the years",
        ),
    };

    // Counts get their share's worth at their unit cost; amounts take up the difference.
    let mut values: Vec<Decimal> = Vec::with_capacity(free.len());
    let mut count_cost = ExactSum::ZERO;
    let mut amount_at = Vec::new();
    for (i, (leaf, share)) in free.iter().zip(&shares).enumerate() {
        match (leaf.amount, leaf.price) {
            (false, Some((price, den))) if !price.is_zero() => {
                let count = exact::mul(*share, Decimal::from(den))?
                    .checked_div(price)
                    .ok_or(Overflow)?
                    .round_dp_with_strategy(
                        2,
                        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                    );
                count_cost.add_over(exact::mul(count, price)?, den)?;
                values.push(count);
            }
            (false, _) => values.push(Decimal::ZERO),
            (true, _) => {
                amount_at.push(i);
                values.push(*share);
            }
        }
    }
    let mut reached = fixed;
    reached.add_sum(&count_cost)?;
    if !amount_at.is_empty() {
        let for_amounts = exact::sub(rest, to_decimal(&count_cost)?)?;
        let w: Vec<Decimal> = amount_at
            .iter()
            .filter_map(|&i| shares.get(i).copied())
            .collect();
        let parts = match proportional(&w) {
            Some(w) => apportion(for_amounts, unit, &w)?,
            None => apportion(for_amounts, unit, &vec![Decimal::ONE; w.len()])?,
        };
        for (&i, part) in amount_at.iter().zip(parts) {
            if let Some(v) = values.get_mut(i) {
                *v = part;
            }
            reached.add_decimal(part)?;
        }
    }

    let mut edits = Vec::new();
    for (leaf, v) in free.iter().zip(&values) {
        if v.abs() > max_amount() {
            return Err(SpreadError::TooLarge);
        }
        let value = Some(v.normalize());
        if leaf.value.map(|x| x.normalize()) != value {
            edits.push(Edit::SetFigure {
                key: leaf.key,
                value,
            });
        }
    }
    let changed = edits.len();
    let shown = format_amount(target, plan.dp().max(target.normalize().scale()));
    let mut summary = format!(
        "Spread {shown} over {} figure(s) of {} {how}",
        free.len(),
        total_cell.name
    );
    if held > 0 {
        summary.push_str(&format!("; {held} held figure(s) kept"));
    }
    if counts_out > 0 {
        summary.push_str(&format!(
            "; {counts_out} figure(s) of posts or quantities left out (tick Include posts and quantities to spread them too)"
        ));
    }
    if unpriced > 0 {
        summary.push_str(&format!(
            "; {unpriced} staff figure(s) left out: their grade has no standard cost that year"
        ));
    }
    // Shown to a millionth: only twelfths of a post-year left out can make it inexact.
    let reached = reached.round(MAX_DECIMALS)?.normalize();
    if reached != target.normalize() {
        summary.push_str(&format!(
            "; posts and quantities come in steps of 0.01, so the figures add up to {} rather than {shown}",
            format_amount(reached, MAX_DECIMALS.min(reached.normalize().scale()).max(plan.dp()))
        ));
    }
    summary.push('.');
    let edit = match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    };
    Ok(Spread {
        change: Change {
            edit,
            drafts: Vec::new(),
            to_plan: false,
            label: Some(format!("Spread {shown} over {}", total_cell.name)),
        },
        changed,
        reached,
        summary,
    })
}

/// An exact sum as a decimal: exact unless it holds twelfths that do not end (a work-month
/// at a standard cost not divisible by 12), then to a millionth.
fn to_decimal(sum: &ExactSum) -> Result<Decimal, Overflow> {
    sum.round(MAX_DECIMALS)
}

/// What `value` units cost at `(price, den)`, to the decimal (a twelfth of a post-year may
/// not end; weights and money shares need not be exact, the parts' sum is).
fn cost(value: Decimal, (price, den): (Decimal, u64)) -> Result<Decimal, Overflow> {
    exact::mul(value, price)?
        .checked_div(Decimal::from(den))
        .ok_or(Overflow)
}

/// The weights, if they can share in proportion: none negative (or none positive), and
/// not all zero.
fn proportional(weights: &[Decimal]) -> Option<Vec<Decimal>> {
    let all_nonneg = weights.iter().all(|w| !w.is_sign_negative() || w.is_zero());
    let all_nonpos = weights.iter().all(|w| w.is_sign_negative() || w.is_zero());
    if weights.iter().all(|w| w.is_zero()) || !(all_nonneg || all_nonpos) {
        return None;
    }
    Some(weights.iter().map(|w| w.abs()).collect())
}

/// Shares `total` over the years by `pattern`, then within each year by `weights`
/// (in proportion, or evenly when a year's are all zero).
fn by_years(
    total: Decimal,
    unit: Decimal,
    pattern: &[Decimal],
    free: &[&Leaf],
    weights: &[Decimal],
    years: usize,
) -> Result<Vec<Decimal>, SpreadError> {
    if pattern.len() != years {
        return Err(SpreadError::BadPattern(format!(
            "the pattern has {} weight(s) for {years} year(s); give one per year",
            pattern.len()
        )));
    }
    if pattern.iter().any(|p| p.is_sign_negative() && !p.is_zero())
        || pattern.iter().all(|p| p.is_zero())
    {
        return Err(SpreadError::BadPattern(
            "a pattern's weights are zero or more, and not all zero".into(),
        ));
    }
    // A year with no free figure cannot take its part: its weight goes to the others.
    let used: Vec<Decimal> = pattern
        .iter()
        .enumerate()
        .map(|(y, p)| {
            if free.iter().any(|f| f.year_at == y) {
                *p
            } else {
                Decimal::ZERO
            }
        })
        .collect();
    if used.iter().all(|p| p.is_zero()) {
        return Err(SpreadError::BadPattern(
            "the pattern gives weight only to years with no figure to spread over".into(),
        ));
    }
    let per_year = apportion(total, unit, &used)?;
    let mut out = vec![Decimal::ZERO; free.len()];
    for (y, amount) in per_year.iter().enumerate() {
        let at: Vec<usize> = (0..free.len())
            .filter(|&i| free.get(i).is_some_and(|f| f.year_at == y))
            .collect();
        if at.is_empty() {
            continue;
        }
        let w: Vec<Decimal> = at.iter().filter_map(|&i| weights.get(i).copied()).collect();
        let parts = match proportional(&w) {
            Some(w) => apportion(*amount, unit, &w)?,
            None => apportion(*amount, unit, &vec![Decimal::ONE; at.len()])?,
        };
        for (&i, p) in at.iter().zip(parts) {
            if let Some(slot) = out.get_mut(i) {
                *slot = p;
            }
        }
    }
    Ok(out)
}

/// Splits `total` into parts in proportion to `weights` (none negative, not all zero),
/// each a whole number of `unit`s, adding up to `total` exactly when it is one: every part
/// rounded down, then the units left over one each to the largest remainders, the first on
/// a tie. A total that is not a whole number of units keeps its odd remainder in the part
/// with the largest weight.
pub fn apportion(
    total: Decimal,
    unit: Decimal,
    weights: &[Decimal],
) -> Result<Vec<Decimal>, Overflow> {
    if weights.is_empty() {
        return Ok(Vec::new());
    }
    if total.is_sign_negative() && !total.is_zero() {
        // Negating a decimal cannot overflow (clippy.toml).
        let parts = apportion(-total, unit, weights)?;
        return Ok(parts.into_iter().map(|p| -p).collect());
    }
    let sum = weights
        .iter()
        .try_fold(Decimal::ZERO, |acc, w| exact::add(acc, *w))?;
    let units = total.checked_div(unit).ok_or(Overflow)?;
    let whole = units.trunc();
    // Exact quotients are not needed: the parts add up by construction, from the bases.
    let mut base = Vec::with_capacity(weights.len());
    let mut rem = Vec::with_capacity(weights.len());
    for w in weights {
        let q = exact::mul(whole, *w)?.checked_div(sum).ok_or(Overflow)?;
        let b = q.floor();
        base.push(b);
        rem.push(exact::sub(q, b)?);
    }
    let given = base
        .iter()
        .try_fold(Decimal::ZERO, |acc, b| exact::add(acc, *b))?;
    let mut left = exact::sub(whole, given)?;
    let mut order: Vec<usize> = (0..weights.len()).collect();
    crate::order::sort_by(&mut order, |&a, &b| {
        let (ra, rb) = (rem.get(a), rem.get(b));
        rb.cmp(&ra).then(a.cmp(&b))
    });
    // Left over is below the number of parts; a decimal quotient a hair off may make it
    // one more or less, taken from the smallest remainders then.
    let mut k = 0usize;
    while left > Decimal::ZERO {
        if let Some(&i) = order.get(k.checked_rem(order.len()).unwrap_or(0)) {
            if let Some(b) = base.get_mut(i) {
                *b = exact::add(*b, Decimal::ONE)?;
            }
        }
        left = exact::sub(left, Decimal::ONE)?;
        k = k.saturating_add(1);
    }
    let mut k = 0usize;
    while left < Decimal::ZERO {
        let from_end = order
            .len()
            .saturating_sub(1)
            .saturating_sub(k.checked_rem(order.len()).unwrap_or(0));
        if let Some(&i) = order.get(from_end) {
            if let Some(b) = base.get_mut(i) {
                *b = exact::sub(*b, Decimal::ONE)?;
            }
        }
        left = exact::add(left, Decimal::ONE)?;
        k = k.saturating_add(1);
    }
    let mut parts: Vec<Decimal> = base
        .into_iter()
        .map(|b| exact::mul(b, unit))
        .collect::<Result<_, _>>()?;
    // A total finer than the unit: its last fraction goes to the heaviest part, so the sum
    // stays exact.
    let odd = exact::sub(total, exact::mul(whole, unit)?)?;
    if !odd.is_zero() {
        let heaviest = weights
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
            .map_or(0, |(i, _)| i);
        if let Some(p) = parts.get_mut(heaviest) {
            *p = exact::add(*p, odd)?;
        }
    }
    Ok(parts)
}
