//! What a chart shows, decided exactly and tested natively; the app only turns it into
//! pixels. Axis ticks are round numbers (0, 50M, 100M, not 22.3M, 44.6M), and a chart of
//! many rows keeps its largest few and adds the rest up as one "other" segment, so its
//! legend stays short (an imported budget has 186 outcomes).

use crate::calc::RollupRow;
use crate::exact::{self, Exact};
use rust_decimal::Decimal;

/// Round ticks from 0 to at least `max`, `count` or `count + 1` steps: each step is 1, 2,
/// 2.5 or 5 times a power of ten. The last tick is the axis's top. `max` at or below zero gives
/// `[0]`.
pub fn ticks(max: Decimal, count: u32) -> Vec<Decimal> {
    let Some(raw) = max.checked_div(Decimal::from(count)) else {
        return vec![Decimal::ZERO];
    };
    if raw <= Decimal::ZERO {
        return vec![Decimal::ZERO];
    }
    let ten = |d: Decimal| d.checked_mul(Decimal::TEN);
    // The power of ten at or below the raw step.
    let mut power = Decimal::ONE;
    while let Some(up) = ten(power).filter(|up| *up <= raw) {
        power = up;
    }
    while power > raw {
        match power.checked_div(Decimal::TEN) {
            Some(down) if !down.is_zero() => power = down,
            _ => break,
        }
    }
    // The smallest round step that covers `max` in at most `count + 1` steps: the axis
    // then ends close above the tallest bar.
    let limit = Decimal::from(count.saturating_add(1));
    let fits = |s: &Decimal| max.checked_div(*s).is_some_and(|n| n.ceil() <= limit);
    let step = [power.checked_div(Decimal::TEN), Some(power), ten(power)]
        .into_iter()
        .flatten()
        .flat_map(|p| {
            [
                Decimal::ONE,
                Decimal::TWO,
                Decimal::new(25, 1),
                Decimal::new(5, 0),
            ]
            .into_iter()
            .filter_map(move |m| m.checked_mul(p))
        })
        .find(fits)
        .unwrap_or(raw);
    let mut out = vec![Decimal::ZERO];
    let mut at = Decimal::ZERO;
    while at < max {
        match exact::add(at, step) {
            Ok(next) => at = next,
            Err(_) => break,
        }
        out.push(at);
    }
    out
}

/// A tick's label: 150M, 2.5M, 1.25k, 800k, 1.2bn, 40. Trailing zeros go.
pub fn short(v: Decimal) -> String {
    let abs = v.abs();
    let (div, suffix) = [(1_000_000_000i64, "bn"), (1_000_000, "M"), (1_000, "k")]
        .into_iter()
        .find(|(d, _)| abs >= Decimal::from(*d))
        .unwrap_or((1, ""));
    let scaled = v.checked_div(Decimal::from(div)).unwrap_or(v);
    format!("{}{suffix}", scaled.round_dp(2).normalize())
}

/// One segment of a stacked bar and its legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub code: String,
    pub title: String,
    pub years: Vec<Decimal>,
    /// Stands for this many rows added up (1 for a row of its own).
    pub rows: usize,
}

/// The rows a stacked chart draws: every row when there are at most `keep + 1`, otherwise
/// the `keep` with the largest period cost, in their own order, and one segment adding up
/// the others.
pub fn segments(rows: &[RollupRow], keep: usize) -> Exact<Vec<Segment>> {
    let own = |r: &RollupRow| Segment {
        code: r.code.clone(),
        title: r.title.clone(),
        years: r.figures.years.clone(),
        rows: 1,
    };
    if rows.len() <= keep.saturating_add(1) {
        return Ok(rows.iter().map(own).collect());
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    crate::order::sort_by(&mut order, |a, b| {
        rows[*b].figures.period.cmp(&rows[*a].figures.period)
    });
    let mut kept = order[..keep].to_vec();
    crate::order::sort(&mut kept);
    let years = rows.first().map_or(0, |r| r.figures.years.len());
    let mut rest = vec![Decimal::ZERO; years];
    for r in &order[keep..] {
        for (sum, v) in rest.iter_mut().zip(&rows[*r].figures.years) {
            *sum = exact::add(*sum, *v)?;
        }
    }
    let others = rows.len().saturating_sub(keep);
    let mut out: Vec<Segment> = kept.iter().map(|k| own(&rows[*k])).collect();
    out.push(Segment {
        code: String::new(),
        title: format!("{others} others"),
        years: rest,
        rows: others,
    });
    Ok(out)
}
