//! The engine's own copy of every line's figures as scaled integers, so that a full
//! recomputation is one 64 x 64-bit multiply and two 128-bit adds per cell.
//!
//! A [`Decimal`] is 16 bytes whose mantissa is assembled from three words and whose scale
//! varies from cell to cell, so summing decimals rescales at every mixed-scale add. A plan's
//! figures are small numbers with few decimals, so here every figure is kept as an `i64` at
//! one scale for the whole plan (`figure = m / 10^fig_scale`) and
//! every price (a rate, a standard cost, or 1 for an amount) at another (`price_scale`).
//! A cell's cost is then the integer product at the sum of the two scales, the same for every
//! cell, and the sums need no scale at all until they are turned into [`ExactSum`]s. A blank
//! cell is kept as 0, which is what it costs, so the loop over cells has no branch; and as
//! the sum of every cell's largest possible cost is checked to fit 126 bits before the
//! loop, no add inside it can overflow.
//!
//! Each line is compiled once ([`Compiled`]): figures, price and category resolved. The
//! copy follows the plan through every edit (`delta.rs`: a line restated, inserted, removed
//! or moved; standard costs changed; anything else rebuilds it). A figure with more decimals
//! than the plan's scale, or too large for 64 bits at it, makes its line [`Compiled::Unfit`];
//! the next full recomputation then compiles the plan again at finer scales, and if a figure
//! still does not fit, sums from the plan's decimals ([`compute_rollups`], the reference).
//! `tests/edits.rs` checks that summing the copy after any sequence of edits
//! ([`super::Engine::resum`]) equals the reference.

use super::{compute_rollups, line_category, Index, Rollups};
use crate::exact::{widening_mul, Exact, ExactSum, Fixed, FixedSum, Overflow, Twelfths};
use crate::limits::{at, cells, span};
use crate::model::*;
use rust_decimal::Decimal;

/// The finest scale kept as integers: figures are entered with at most 6 decimals.
const MAX_SCALE: u32 = 9;

/// Every line's compiled form, `[output][line]` as in the plan, and the effective standard
/// costs at the price scale.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cells {
    pub(crate) lines: Vec<Vec<Compiled>>,
    fig_scale: u32,
    price_scale: u32,
    /// Per grade (index position): effective costs per year (0 for none); `None` if one
    /// does not fit.
    std: Vec<Option<Series64>>,
    /// Lines compiled [`Compiled::Unfit`].
    unfit: usize,
}

/// A series as integers at one scale, blanks as 0, with the largest magnitude among them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Series64 {
    m: Box<[i64]>,
    max: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Compiled {
    Ints {
        category: usize,
        /// At the plan's figure scale.
        figures: Series64,
        price: Price,
        /// Work-months: the cost is in twelfths of a year.
        twelfths: bool,
    },
    /// A figure or rate finer than the plan's scales or too large for 64 bits at them.
    Unfit,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Price {
    /// An amount as entered (price 1) or a quantity x rate, at the price scale.
    Fixed(i64),
    /// Posts or work-months x the grade's effective cost per year (grade position).
    Staff(usize),
    /// A staff line of an unknown grade and no rate: costs nothing.
    Nothing,
}

/// `d` as an integer at `scale`, if that is at least `d`'s own and the result fits 64 bits.
fn scaled(d: Decimal, scale: u32) -> Option<i64> {
    let up = scale.checked_sub(d.scale())?;
    let m = i64::try_from(d.mantissa()).ok()?;
    m.checked_mul(10i64.checked_pow(up)?)
}

fn series(values: &[Option<Decimal>], scale: u32) -> Option<Series64> {
    let m = values
        .iter()
        .map(|v| match v {
            Some(d) => scaled(*d, scale),
            None => Some(0),
        })
        .collect::<Option<Box<[i64]>>>()?;
    let max = m.iter().map(|v| v.unsigned_abs()).max().unwrap_or(0);
    Some(Series64 { m, max })
}

/// The finest scale among some figures.
fn finest<'a>(figures: impl Iterator<Item = &'a Decimal>) -> u32 {
    figures.map(Decimal::scale).max().unwrap_or(0)
}

impl Cells {
    /// Every line compiled at the finest scales the plan's figures and prices need.
    pub(crate) fn build(plan: &Plan, ix: &Index) -> Cells {
        let fig_scale = finest(plan.outputs.iter().flat_map(|o| {
            o.lines
                .iter()
                .flat_map(|l| l.values.iter().take(ix.years).flatten())
        }));
        let price_scale = finest(
            plan.outputs
                .iter()
                .flat_map(|o| o.lines.iter().filter_map(|l| l.rate.as_ref()))
                .chain(ix.std_cost.iter().flatten()),
        );
        let mut cells = Cells {
            lines: Vec::new(),
            fig_scale: fig_scale.min(MAX_SCALE),
            price_scale: price_scale.min(MAX_SCALE),
            std: Vec::new(),
            unfit: 0,
        };
        let categories = plan.categories.len();
        cells.lines = plan
            .outputs
            .iter()
            .map(|o| {
                o.lines
                    .iter()
                    .map(|l| cells.compile(l, ix, categories))
                    .collect()
            })
            .collect();
        cells.unfit = cells
            .lines
            .iter()
            .flatten()
            .filter(|c| **c == Compiled::Unfit)
            .count();
        cells.refresh_std(ix, plan.grades.len());
        cells
    }

    /// One line compiled at the plan's scales (years beyond the plan's left out).
    pub(crate) fn compile(&self, line: &Line, ix: &Index, categories: usize) -> Compiled {
        let n = ix.years.min(line.values.len());
        let Some(figures) = series(&line.values[..n], self.fig_scale) else {
            return Compiled::Unfit;
        };
        let one = 10i64.pow(self.price_scale); // price_scale <= MAX_SCALE
        let rate = match line.rate {
            None => None,
            Some(r) => match scaled(r, self.price_scale) {
                Some(r) => Some(r),
                None => return Compiled::Unfit,
            },
        };
        let (price, twelfths) = match line.kind {
            LineKind::NonStaff { .. } => (Price::Fixed(rate.unwrap_or(one)), false),
            LineKind::Staff { grade, basis } => {
                let twelfths = basis == StaffBasis::WorkMonths;
                match (rate, ix.grade_pos.get(&grade)) {
                    (Some(r), _) => (Price::Fixed(r), twelfths),
                    (None, Some(&g)) => (Price::Staff(g), twelfths),
                    (None, None) => (Price::Nothing, twelfths),
                }
            }
        };
        Compiled::Ints {
            category: line_category(line, ix, categories),
            figures,
            price,
            twelfths,
        }
    }

    /// Compiles again only the figures of `years` of the line at `(o, l)`, in place (typing
    /// allocates nothing here); `false` when the line must be compiled whole instead (it is
    /// not held as integers, or a new figure does not fit the plan's scale). The largest
    /// magnitude only grows: a stale larger one still bounds the sums.
    pub(crate) fn refigure(
        &mut self,
        o: usize,
        l: usize,
        line: &Line,
        years: std::ops::Range<usize>,
    ) -> bool {
        let scale = self.fig_scale;
        let Some(Compiled::Ints { figures, .. }) =
            self.lines.get_mut(o).and_then(|row| row.get_mut(l))
        else {
            return false;
        };
        for y in years {
            let (Some(slot), Some(v)) = (figures.m.get_mut(y), line.values.get(y)) else {
                return false;
            };
            let Some(m) = v.map_or(Some(0), |d| scaled(d, scale)) else {
                return false;
            };
            *slot = m;
            figures.max = figures.max.max(m.unsigned_abs());
        }
        true
    }

    /// Puts a line's compiled form at `(o, l)`, replacing what was there (`insert`: beside).
    pub(crate) fn put(&mut self, o: usize, l: usize, c: Compiled, insert: bool) {
        let unfit = c == Compiled::Unfit;
        let row = &mut self.lines[o];
        if insert {
            row.insert(l, c);
        } else if std::mem::replace(&mut row[l], c) == Compiled::Unfit {
            self.unfit = self.unfit.saturating_sub(1);
        }
        if unfit {
            self.unfit = self.unfit.saturating_add(1);
        }
    }

    pub(crate) fn remove(&mut self, o: usize, l: usize) {
        if self.lines[o].remove(l) == Compiled::Unfit {
            self.unfit = self.unfit.saturating_sub(1);
        }
    }

    /// The effective standard costs again (after a standard cost or the escalation changed).
    pub(crate) fn refresh_std(&mut self, ix: &Index, grades: usize) {
        self.std = (0..grades)
            .map(|g| series(ix.std_cost.get(span(g, ix.years))?, self.price_scale))
            .collect();
    }

    /// Whether every line and standard cost is held as integers at the plan's scales.
    pub(crate) fn fits(&self) -> bool {
        self.unfit == 0 && self.std.iter().all(Option::is_some)
    }

    /// Every rollup: from the integers when everything fits them (and no sum overflows
    /// 128 bits), otherwise from the plan's decimals. Either way the same exact values.
    pub(crate) fn sum(&self, plan: &Plan, ix: &Index) -> Exact<Rollups> {
        if self.fits() {
            if let Ok(r) = self.sum_ints(plan, ix) {
                return Ok(r);
            }
        }
        compute_rollups(plan, ix)
    }

    /// The largest the sum of every cell's cost could be, if it fits 126 bits: then no
    /// partial sum of costs (a row, a category, the total) can overflow an `i128`.
    fn bound(&self, years: usize) -> Option<u128> {
        let mut sum: u128 = 0;
        for c in self.lines.iter().flatten() {
            let Compiled::Ints { figures, price, .. } = c else {
                return None;
            };
            let p = match *price {
                Price::Fixed(p) => p.unsigned_abs(),
                Price::Staff(g) => self.std.get(g)?.as_ref()?.max,
                Price::Nothing => 0,
            };
            let line = u128::from(figures.max).checked_mul(u128::from(p))?;
            sum = sum.checked_add(line.checked_mul(years as u128)?)?;
        }
        (sum < 1 << 126).then_some(sum)
    }

    /// The width of the integers the full recomputation sums in: 64 bits when every cost of
    /// the plan together fits them (any real budget: one instruction per multiply and add,
    /// in wasm too, which has no 128-bit integers), else 128; `None` when it sums decimals.
    pub(crate) fn width(&self, years: usize) -> Option<u32> {
        if !self.fits() {
            return None;
        }
        match self.bound(years)? {
            b if b <= i64::MAX as u128 => Some(64),
            _ => Some(128),
        }
    }

    fn sum_ints(&self, plan: &Plan, ix: &Index) -> Exact<Rollups> {
        match self.width(plan.years.len()) {
            Some(64) => self.sum_with::<i64>(plan, ix),
            Some(_) => self.sum_with::<i128>(plan, ix),
            None => Err(Overflow),
        }
    }

    fn sum_with<A: Acc>(&self, plan: &Plan, ix: &Index) -> Exact<Rollups> {
        let n = plan.years.len();
        let scale = self.fig_scale.saturating_add(self.price_scale);
        let cats = plan.categories.len().saturating_add(1);
        // Whole-year costs and work-month costs (twelfths), per row and year.
        let (mut row_w, mut row_t) = (vec![A::default(); n], vec![A::default(); n]);
        let (mut cat_w, mut cat_t) = (
            vec![A::default(); cells(cats, n)],
            vec![A::default(); cells(cats, n)],
        );
        let mut unit = vec![[0i128; 2]; cells(plan.units.len().saturating_add(1), n)];
        let mut total = vec![[0i128; 2]; n];
        let mut output = Vec::with_capacity(cells(plan.outputs.len(), n));
        // Outputs' costs summed per (objective, share) group: [group * years + year].
        let mut groups: Vec<(usize, Decimal, u32)> = Vec::new();
        let mut by_group: Vec<[i128; 2]> = Vec::new();
        let mut slots = Vec::new();
        for (i, compiled) in self.lines.iter().enumerate() {
            row_w.fill(A::default());
            row_t.fill(A::default());
            for c in compiled {
                let Compiled::Ints {
                    category: cat,
                    figures,
                    price,
                    twelfths,
                } = c
                else {
                    return Err(Overflow); // not reached: `bound` was checked
                };
                let (row, cat_row) = if *twelfths {
                    (&mut row_t, &mut cat_t[span(*cat, n)])
                } else {
                    (&mut row_w, &mut cat_w[span(*cat, n)])
                };
                match *price {
                    Price::Fixed(p) => add_costs(&figures.m, Prices::One(p), row, cat_row),
                    Price::Staff(g) => {
                        let costs = self.std.get(g).and_then(Option::as_ref).ok_or(Overflow)?;
                        add_costs(&figures.m, Prices::PerYear(&costs.m), row, cat_row)
                    }
                    Price::Nothing => {}
                }
            }
            // Each of this output's shares as a group: (objective, ratio), numbered once.
            slots.clear();
            for &(k, ratio) in &ix.shares[i] {
                let key = (k, ratio.num, ratio.den);
                let g = match groups.iter().position(|x| *x == key) {
                    Some(g) => g,
                    None => {
                        groups.push(key);
                        by_group.extend(std::iter::repeat_n([0i128; 2], n));
                        groups.len().saturating_sub(1)
                    }
                };
                slots.push(g);
            }
            let u = ix.output_unit[i];
            for (y, cell) in row_w
                .iter()
                .zip(&row_t)
                .map(|(w, t)| [w.wide(), t.wide()])
                .enumerate()
            {
                output.push(exact(cell, scale)?);
                if cell == [0; 2] {
                    continue;
                }
                // Partial sums of costs: within the bound, so no add can overflow.
                add_cell(&mut total[y], cell);
                add_cell(&mut unit[at(u, n, y)], cell);
                for &g in &slots {
                    add_cell(&mut by_group[at(g, n, y)], cell);
                }
            }
        }
        // Each objective's share of the outputs marked against it, one group at a time: the
        // group's cost times its numerator, over its denominator (and twelfths over 12 more).
        let mut objective = vec![FixedSum::default(); cells(plan.objectives.len(), n)];
        for (g, &(k, num, den)) in groups.iter().enumerate() {
            let m = num.mantissa();
            let s = scale.saturating_add(num.scale());
            let den = u64::from(den);
            for y in 0..n {
                let acc = &mut objective[at(k, n, y)];
                let [w, t] = by_group[at(g, n, y)];
                if w != 0 {
                    acc.add_over(Fixed::raw(w.checked_mul(m).ok_or(Overflow)?, s), den)?;
                }
                if t != 0 {
                    let d = den.checked_mul(12).ok_or(Overflow)?;
                    acc.add_over(Fixed::raw(t.checked_mul(m).ok_or(Overflow)?, s), d)?;
                }
            }
        }
        let mut income = vec![Twelfths::default(); n];
        for inc in &plan.income {
            for (y, acc) in income.iter_mut().enumerate() {
                if let Some(v) = inc.values.get(y).copied().flatten() {
                    acc.add(Fixed::product(v, inc.rate)?, false)?;
                }
            }
        }
        let all = |v: &[[i128; 2]]| {
            v.iter()
                .map(|c| exact(*c, scale))
                .collect::<Exact<Vec<_>>>()
        };
        let category: Vec<[i128; 2]> = cat_w
            .iter()
            .zip(&cat_t)
            .map(|(w, t)| [w.wide(), t.wide()])
            .collect();
        Ok(Rollups {
            years: n,
            output,
            objective: objective
                .iter()
                .map(FixedSum::to_exact)
                .collect::<Exact<Vec<_>>>()?,
            unit: all(&unit)?,
            category: all(&category)?,
            total: all(&total)?,
            income: income
                .iter()
                .map(Twelfths::to_exact)
                .collect::<Exact<Vec<_>>>()?,
        })
    }
}

/// A sum of costs: `i64` when [`Cells::bound`] allows, else `i128`. Either way no product
/// or partial sum can overflow, as the bound is on the sum of every cost's magnitude.
trait Acc: Copy + Default {
    fn product(a: i64, b: i64) -> Self;
    fn plus(self, other: Self) -> Self;
    fn wide(self) -> i128;
}

impl Acc for i64 {
    #[inline(always)]
    fn product(a: i64, b: i64) -> Self {
        a.wrapping_mul(b)
    }
    #[inline(always)]
    fn plus(self, other: Self) -> Self {
        self.wrapping_add(other)
    }
    #[inline(always)]
    fn wide(self) -> i128 {
        i128::from(self)
    }
}

impl Acc for i128 {
    #[inline(always)]
    fn product(a: i64, b: i64) -> Self {
        widening_mul(a, b)
    }
    #[inline(always)]
    fn plus(self, other: Self) -> Self {
        self.wrapping_add(other)
    }
    #[inline(always)]
    fn wide(self) -> i128 {
        self
    }
}

/// Adds each figure times its year's price to a row and a category row.
#[inline(always)]
fn add_costs<A: Acc>(figures: &[i64], prices: Prices, row: &mut [A], cat: &mut [A]) {
    // Slices of one length: the loop is counted, with no bounds checks inside.
    let n = figures.len().min(row.len()).min(cat.len());
    let (f, r, c) = (&figures[..n], &mut row[..n], &mut cat[..n]);
    match prices {
        Prices::One(p) => {
            for y in 0..n {
                let cost = A::product(f[y], p);
                r[y] = r[y].plus(cost);
                c[y] = c[y].plus(cost);
            }
        }
        Prices::PerYear(p) => {
            let p = &p[..n.min(p.len())];
            for y in 0..p.len() {
                let cost = A::product(f[y], p[y]);
                r[y] = r[y].plus(cost);
                c[y] = c[y].plus(cost);
            }
        }
    }
}

/// A line's price: one for every year, or a standard cost per year.
enum Prices<'a> {
    One(i64),
    PerYear(&'a [i64]),
}

/// A partial sum of costs, within [`Cells::bound`], so the adds cannot overflow.
#[inline(always)]
fn add_cell(acc: &mut [i128; 2], cell: [i128; 2]) {
    acc[0] = acc[0].wrapping_add(cell[0]);
    acc[1] = acc[1].wrapping_add(cell[1]);
}

/// `[whole, twelfths]` at `scale` as an exact sum: `whole + twelfths / 12`.
fn exact(cell: [i128; 2], scale: u32) -> Exact<ExactSum> {
    Ok(ExactSum::from_twelfths(
        Fixed::raw(cell[0], scale).to_decimal()?,
        Fixed::raw(cell[1], scale).to_decimal()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn figures_are_kept_at_one_scale() {
        let s = series(&[Some(d("1.5")), None, Some(d("-2")), Some(d("0.25"))], 2).unwrap();
        assert_eq!(&*s.m, &[150, 0, -200, 25]);
        assert_eq!(s.max, 200);
        assert_eq!(series(&[Some(d("0.125"))], 2), None, "finer than the scale");
    }

    #[test]
    fn a_figure_too_large_for_64_bits_is_not_scaled() {
        // 10^17 at scale 2 is 10^19, over i64::MAX (about 9.2e18).
        assert_eq!(scaled(d("100000000000000000"), 2), None);
        assert_eq!(scaled(d("79228162514264337593543950335"), 0), None);
    }
}
