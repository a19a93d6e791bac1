//! The calculation engine: a plan plus its rollups, kept exact and up to date.
//!
//! [`Engine`] owns the [`Plan`]. It resolves ids to positions once (the [`Index`]), computes
//! every rollup in one pass ([`Engine::recompute`]) and, through [`crate::edit`], updates
//! only the rollups an edit touches. Rollups are [`ExactSum`]s, so the incremental path and a
//! full recomputation agree exactly; rounding happens only in the read-side tables.
//!
//! The engine tolerates an invalid plan (a link to an unknown objective, a staff line with
//! no standard cost): such figures are left out or go to an "unallocated" row, and
//! [`crate::reports::validate`] reports them. Calculation never fails except on overflow.

mod cells;
mod delta;

use crate::exact::{self, Exact, ExactSum, Fixed, FixedSum, Ratio, Twelfths};
use crate::limits::{at, cells, span};
use crate::model::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Positions of entities and resolved derived inputs (effective standard costs, shares).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    pub years: usize,
    pub objective_pos: HashMap<ObjectiveId, usize>,
    pub output_pos: HashMap<OutputId, usize>,
    /// Line id -> (output position, line position within the output).
    pub line_pos: HashMap<LineId, (usize, usize)>,
    pub unit_pos: HashMap<UnitId, usize>,
    pub grade_pos: HashMap<GradeId, usize>,
    pub category_pos: HashMap<CategoryId, usize>,
    pub income_pos: HashMap<IncomeId, usize>,
    /// Effective standard cost, `[at(grade, years, year)]`, escalation applied.
    pub std_cost: Vec<Option<Decimal>>,
    /// Per output: (objective position, share) for links to known objectives.
    pub shares: Vec<Vec<(usize, Ratio)>>,
    /// Per output: org unit position, or `units.len()` for none or unknown.
    pub output_unit: Vec<usize>,
    /// Category position of staff lines, or `categories.len()` when unset.
    pub staff_category: usize,
}

/// Every rollup, per year, exact. Rows are in plan order; each dimension has one extra
/// last row for figures that belong nowhere (no unit, unknown category).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rollups {
    pub years: usize,
    /// `[at(output, years, year)]`
    pub output: Vec<ExactSum>,
    /// `[at(objective, years, year)]`; what links do not allocate is total minus these.
    pub objective: Vec<ExactSum>,
    /// `[(unit or none) * years + year]`
    pub unit: Vec<ExactSum>,
    /// `[(category or unknown) * years + year]`
    pub category: Vec<ExactSum>,
    pub total: Vec<ExactSum>,
    pub income: Vec<ExactSum>,
}

#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) plan: Plan,
    pub(crate) ix: Index,
    /// The plan's line figures as scaled integers, kept in step with `plan` by every edit.
    pub(crate) cells: cells::Cells,
    pub(crate) roll: Rollups,
}

impl Engine {
    pub fn new(plan: Plan) -> Exact<Engine> {
        let mut engine = Engine {
            plan,
            ix: Index::default(),
            cells: cells::Cells::default(),
            roll: Rollups::default(),
        };
        engine.recompute()?;
        Ok(engine)
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn into_plan(self) -> Plan {
        self.plan
    }

    pub fn rollups(&self) -> &Rollups {
        &self.roll
    }

    /// Rebuilds the index, the compiled figures and every rollup from the plan.
    pub fn recompute(&mut self) -> Exact<()> {
        self.ix = build_index(&self.plan)?;
        self.cells = cells::Cells::build(&self.plan, &self.ix);
        self.roll = self.cells.sum(&self.plan, &self.ix)?;
        Ok(())
    }

    /// Every rollup again from the engine's compiled figures, as they stand: the full
    /// recomputation proper (what the benchmark times), and how the tests check that the
    /// compiled figures followed every edit.
    pub fn resum(&mut self) -> Exact<()> {
        if !self.cells.fits() {
            // A figure finer or larger than the compiled scales came in: compile at new ones.
            self.cells = cells::Cells::build(&self.plan, &self.ix);
        }
        self.roll = self.cells.sum(&self.plan, &self.ix)?;
        Ok(())
    }

    /// The width in bits of the integers the full recomputation sums in (64, or 128 for
    /// astronomical plans), or `None` when a figure, rate or standard cost does not fit
    /// 64 bits at the plan's scales and it sums the plan's decimals.
    pub fn integer_sums(&self) -> Option<u32> {
        self.cells.width(self.ix.years)
    }

    /// What one line costs in one year (zero for a blank cell or a missing standard cost).
    pub fn line_cost(&self, output_pos: usize, line_pos: usize, year: usize) -> Exact<ExactSum> {
        let line = &self.plan.outputs[output_pos].lines[line_pos];
        let mut s = ExactSum::ZERO;
        if let Some((v, den)) = cell_cost(line, year, &self.ix)? {
            s.add_over(v, den)?;
        }
        Ok(s)
    }

    /// The value of a figure as entered (`Some(None)` for a blank cell), found through the
    /// index; `None` when the plan has no such figure (a deleted line, a year out of range).
    pub fn figure(&self, key: Key) -> Option<Option<Decimal>> {
        let plan = &self.plan;
        match key {
            Key::Value { line, year } => {
                let &(o, l) = self.ix.line_pos.get(&line)?;
                plan.outputs.get(o)?.lines.get(l)?.values.get(year).copied()
            }
            Key::Rate { line } => {
                let &(o, l) = self.ix.line_pos.get(&line)?;
                Some(plan.outputs.get(o)?.lines.get(l)?.rate)
            }
            Key::IncomeValue { income, year } => {
                let &i = self.ix.income_pos.get(&income)?;
                plan.income.get(i)?.values.get(year).copied()
            }
            Key::IncomeRate { income } => {
                let &i = self.ix.income_pos.get(&income)?;
                Some(plan.income.get(i)?.rate)
            }
            // A few dozen grades and ceilings at most.
            Key::StandardCost { .. } | Key::Escalation | Key::Ceiling { .. } => {
                crate::model::scenario::read(plan, key)
            }
        }
    }

    /// What one unit of a line's figure costs in a year, as `(price, denominator)`: an
    /// amount `(1, 1)`, a quantity its rate, a post the standard cost (or the line's rate),
    /// a work-month a twelfth of it. `None` when a staff line's grade has no cost that year.
    pub fn unit_cost(
        &self,
        output_pos: usize,
        line_pos: usize,
        year: usize,
    ) -> Option<(Decimal, u64)> {
        let line = self.plan.outputs.get(output_pos)?.lines.get(line_pos)?;
        // Priced as `cell_cost` prices a figure of 1.
        match line.kind {
            LineKind::Staff { grade, basis } => {
                let cost = match line.rate {
                    Some(r) => r,
                    None => self
                        .ix
                        .grade_pos
                        .get(&grade)
                        .and_then(|&g| self.ix.std_cost.get(at(g, self.ix.years, year)))
                        .copied()
                        .flatten()?,
                };
                let den = match basis {
                    StaffBasis::Posts => 1,
                    StaffBasis::WorkMonths => 12,
                };
                Some((cost, den))
            }
            LineKind::NonStaff { .. } => Some((line.rate.unwrap_or(Decimal::ONE), 1)),
        }
    }

    /// The output a line belongs to.
    pub fn output_of(&self, line: LineId) -> Option<OutputId> {
        let &(o, _) = self.ix.line_pos.get(&line)?;
        self.plan.outputs.get(o).map(|x| x.id)
    }

    /// The output and line positions of a line.
    pub fn line_position(&self, line: LineId) -> Option<(usize, usize)> {
        self.ix.line_pos.get(&line).copied()
    }

    /// The effective standard cost of a grade in a year (escalation applied).
    pub fn standard_cost(&self, grade: GradeId, year: usize) -> Option<Decimal> {
        let g = *self.ix.grade_pos.get(&grade)?;
        self.ix
            .std_cost
            .get(at(g, self.ix.years, year))
            .copied()
            .flatten()
    }

    /// A rollup by one dimension, with biennium and period totals, rounded for display.
    pub fn table(&self, dim: Dim) -> Exact<RollupTable> {
        let plan = &self.plan;
        let n = self.roll.years;
        let mut rows = Vec::new();
        let mut push = |code: String, title: String, cells: &[ExactSum]| -> Exact<()> {
            rows.push(RollupRow {
                code,
                title,
                figures: Figures::from_years(cells)?,
            });
            Ok(())
        };
        match dim {
            Dim::Objective => {
                for (k, o) in plan.objectives.iter().enumerate() {
                    push(
                        o.code.clone(),
                        o.title.clone(),
                        &self.roll.objective[span(k, n)],
                    )?;
                }
                let unallocated = self.unallocated()?;
                if unallocated.iter().any(|s| !s.is_zero()) {
                    push(
                        UNALLOCATED.into(),
                        "Not allocated to an objective".into(),
                        &unallocated,
                    )?;
                }
            }
            Dim::Output => {
                for (i, o) in plan.outputs.iter().enumerate() {
                    push(
                        o.code.clone(),
                        o.title.clone(),
                        &self.roll.output[span(i, n)],
                    )?;
                }
            }
            Dim::Unit => {
                for (i, u) in plan.units.iter().enumerate() {
                    push(u.code.clone(), u.name.clone(), &self.roll.unit[span(i, n)])?;
                }
                let none = &self.roll.unit[cells(plan.units.len(), n)..];
                if none.iter().any(|s| !s.is_zero()) {
                    push(UNASSIGNED.into(), "No org unit".into(), none)?;
                }
            }
            Dim::Category => {
                for (i, c) in plan.categories.iter().enumerate() {
                    push(
                        c.code.clone(),
                        c.name.clone(),
                        &self.roll.category[span(i, n)],
                    )?;
                }
                let none = &self.roll.category[cells(plan.categories.len(), n)..];
                if none.iter().any(|s| !s.is_zero()) {
                    push(UNASSIGNED.into(), "Unknown category".into(), none)?;
                }
            }
        }
        Ok(RollupTable {
            dim,
            years: plan.years.clone(),
            rows,
            total: Figures::from_years(&self.roll.total)?,
        })
    }

    /// Per year, what the links do not allocate to any objective (outputs without links,
    /// links to unknown objectives, explicit shares under 100 %). Exact.
    pub fn unallocated(&self) -> Exact<Vec<ExactSum>> {
        let n = self.roll.years;
        let mut out = self.roll.total.clone();
        for k in 0..self.plan.objectives.len() {
            for (y, cell) in out.iter_mut().enumerate() {
                cell.sub_scaled(&self.roll.objective[at(k, n, y)], Ratio::ONE)?;
            }
        }
        Ok(out)
    }

    /// Income and net (income minus cost) per year, biennium and period.
    pub fn income_and_net(&self) -> Exact<(Figures, Figures)> {
        let income = Figures::from_years(&self.roll.income)?;
        let mut net = Vec::with_capacity(self.roll.years);
        for y in 0..self.roll.years {
            let mut s = self.roll.income[y].clone();
            s.sub_scaled(&self.roll.total[y], Ratio::ONE)?;
            net.push(s);
        }
        Ok((income, Figures::from_years(&net)?))
    }

    /// Each ceiling against the cost of its scope.
    pub fn ceilings(&self) -> Exact<Vec<CeilingStatus>> {
        let n = self.roll.years;
        let mut out = Vec::new();
        for c in &self.plan.ceilings {
            let years: Vec<usize> = match c.scope {
                // Positions from a file may be anything: out of range covers no year, and
                // never wraps round to another.
                CeilingScope::Year(y) => (y..y.saturating_add(1).min(n)).collect(),
                CeilingScope::Biennium(b) => match b.checked_mul(2) {
                    Some(first) => (first..first.saturating_add(2).min(n)).collect(),
                    None => Vec::new(),
                },
                CeilingScope::Period => (0..n).collect(),
            };
            let mut cost = ExactSum::ZERO;
            for y in years {
                cost.add_sum(&self.roll.total[y])?;
            }
            let cost = cost.round(2)?;
            let variance = exact::sub(c.amount, cost)?;
            out.push(CeilingStatus {
                id: c.id,
                name: c.name.clone(),
                scope: c.scope,
                ceiling: c.amount,
                cost,
                variance,
                over: variance.is_sign_negative() && !variance.is_zero(),
            });
        }
        Ok(out)
    }

    /// Each objective's share of the period total, in percent, rounded to `dp` decimals.
    pub fn objective_shares(&self, dp: u32) -> Exact<Vec<Decimal>> {
        let n = self.roll.years;
        let mut total = ExactSum::ZERO;
        for s in &self.roll.total {
            total.add_sum(s)?;
        }
        let total = total.to_frac()?;
        let mut out = Vec::new();
        for k in 0..self.plan.objectives.len() {
            let mut s = ExactSum::ZERO;
            for y in 0..n {
                s.add_sum(&self.roll.objective[at(k, n, y)])?;
            }
            let f = s.to_frac()?;
            if total.num.is_zero() {
                out.push(Decimal::ZERO);
                continue;
            }
            // (f.num / f.den) / (t.num / t.den) * 100 = f.num * t.den * 100 / (f.den * t.num)
            let num = exact::mul(
                exact::mul(f.num, Decimal::from(total.den))?,
                Decimal::ONE_HUNDRED,
            )?;
            let den = exact::mul(Decimal::from(f.den), total.num)?;
            let pct = num.checked_div(den).ok_or(exact::Overflow)?;
            out.push(
                pct.round_dp_with_strategy(
                    dp,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ),
            );
        }
        Ok(out)
    }
}

pub const UNALLOCATED: &str = "UNALLOCATED";
pub const UNASSIGNED: &str = "UNASSIGNED";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    Objective,
    Output,
    Unit,
    Category,
}

impl Dim {
    pub fn parse(s: &str) -> Option<Dim> {
        match s {
            "objective" => Some(Dim::Objective),
            "output" => Some(Dim::Output),
            "unit" => Some(Dim::Unit),
            "category" => Some(Dim::Category),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dim::Objective => "objective",
            Dim::Output => "output",
            Dim::Unit => "unit",
            Dim::Category => "category",
        }
    }
}

/// Figures of one row, each rounded once from its exact value: a biennium total is the
/// rounded exact biennium sum, not the sum of rounded years.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub years: Vec<Decimal>,
    pub biennia: Vec<Decimal>,
    pub period: Decimal,
}

impl Figures {
    pub fn from_years(cells: &[ExactSum]) -> Exact<Figures> {
        let mut years = Vec::with_capacity(cells.len());
        let mut biennia = Vec::new();
        let mut period = ExactSum::ZERO;
        for pair in cells.chunks(2) {
            let mut b = ExactSum::ZERO;
            for c in pair {
                years.push(c.round(2)?);
                b.add_sum(c)?;
            }
            // A lone last year is a year, not a biennium: it counts in the period only.
            if pair.len() == 2 {
                biennia.push(b.round(2)?);
            }
            period.add_sum(&b)?;
        }
        Ok(Figures {
            years,
            biennia,
            period: period.round(2)?,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RollupRow {
    pub code: String,
    pub title: String,
    pub figures: Figures,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RollupTable {
    pub dim: Dim,
    pub years: Vec<String>,
    pub rows: Vec<RollupRow>,
    pub total: Figures,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CeilingStatus {
    pub id: CeilingId,
    pub name: String,
    pub scope: CeilingScope,
    pub ceiling: Decimal,
    pub cost: Decimal,
    /// Ceiling minus cost: negative when over.
    pub variance: Decimal,
    pub over: bool,
}

pub fn build_index(plan: &Plan) -> Exact<Index> {
    let n = plan.years.len();
    let mut ix = Index {
        years: n,
        ..Index::default()
    };
    for (i, o) in plan.objectives.iter().enumerate() {
        ix.objective_pos.insert(o.id, i);
    }
    for (i, u) in plan.units.iter().enumerate() {
        ix.unit_pos.insert(u.id, i);
    }
    for (i, g) in plan.grades.iter().enumerate() {
        ix.grade_pos.insert(g.id, i);
    }
    for (i, c) in plan.categories.iter().enumerate() {
        ix.category_pos.insert(c.id, i);
    }
    for (i, inc) in plan.income.iter().enumerate() {
        ix.income_pos.insert(inc.id, i);
    }
    ix.staff_category = plan
        .staff_category
        .and_then(|c| ix.category_pos.get(&c).copied())
        .unwrap_or(plan.categories.len());
    ix.std_cost = vec![None; cells(plan.grades.len(), n)];
    for row in &plan.standard_costs.rows {
        if let Some(&g) = ix.grade_pos.get(&row.grade) {
            let eff = effective_costs(&row.costs, plan.standard_costs.escalation_percent, n)?;
            ix.std_cost[span(g, n)].copy_from_slice(&eff);
        }
    }
    for (i, o) in plan.outputs.iter().enumerate() {
        ix.output_pos.insert(o.id, i);
        for (j, l) in o.lines.iter().enumerate() {
            ix.line_pos.insert(l.id, (i, j));
        }
        ix.shares.push(resolve_shares(&o.links, &ix.objective_pos)?);
        ix.output_unit.push(
            o.unit
                .and_then(|u| ix.unit_pos.get(&u).copied())
                .unwrap_or(plan.units.len()),
        );
    }
    Ok(ix)
}

/// A grade's costs for every year: entered figures as they are; a blank year after a known
/// one takes the previous year's cost times (1 + escalation), rounded to cents.
pub fn effective_costs(costs: &Series, escalation: Option<Decimal>, n: usize) -> Exact<Series> {
    let factor = match escalation {
        Some(p) => Some(exact::add(
            Decimal::ONE,
            p.checked_div(Decimal::ONE_HUNDRED).ok_or(exact::Overflow)?,
        )?),
        None => None,
    };
    let mut out = Vec::with_capacity(n);
    let mut prev: Option<Decimal> = None;
    for y in 0..n {
        let v = match costs.get(y).copied().flatten() {
            Some(v) => Some(v),
            None => match (prev, factor) {
                (Some(p), Some(f)) => Some(exact::mul(p, f)?.round_dp_with_strategy(
                    2,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                )),
                _ => None,
            },
        };
        out.push(v);
        prev = v;
    }
    Ok(out)
}

/// The shares of an output's links: explicit percentages as `p/100`; X marks share equally
/// what the percentages leave (`(100 - P) / (100 k)`, or simply `1/k` when there are no
/// percentages). Links to unknown objectives are left out: their part stays unallocated.
pub fn resolve_shares(
    links: &[Link],
    objective_pos: &HashMap<ObjectiveId, usize>,
) -> Exact<Vec<(usize, Ratio)>> {
    let mut explicit = Decimal::ZERO;
    let mut equal = 0u32;
    for l in links {
        match l.share {
            Share::Equal => equal = equal.saturating_add(1),
            Share::Percent(p) => explicit = exact::add(explicit, p)?,
        }
    }
    let equal_ratio = if explicit.is_zero() {
        Ratio {
            num: Decimal::ONE,
            den: equal.max(1),
        }
    } else {
        Ratio {
            num: exact::sub(Decimal::ONE_HUNDRED, explicit)?,
            den: equal.max(1).checked_mul(100).ok_or(exact::Overflow)?,
        }
    };
    Ok(links
        .iter()
        .filter_map(|l| {
            let pos = *objective_pos.get(&l.objective)?;
            let r = match l.share {
                Share::Equal => equal_ratio,
                Share::Percent(p) => Ratio { num: p, den: 100 },
            };
            Some((pos, r))
        })
        .collect())
}

/// The cost of one cell as (numerator, denominator): work-months are twelfths of a year.
/// `None` for a blank cell or a staff line whose grade has no cost that year.
#[inline]
pub fn cell_cost(line: &Line, year: usize, ix: &Index) -> Exact<Option<(Decimal, u64)>> {
    let Some(v) = line.values.get(year).copied().flatten() else {
        return Ok(None);
    };
    match line.kind {
        LineKind::Staff { grade, basis } => {
            let cost = match line.rate {
                Some(r) => Some(r),
                None => ix
                    .grade_pos
                    .get(&grade)
                    .and_then(|&g| ix.std_cost[at(g, ix.years, year)]),
            };
            let Some(cost) = cost else { return Ok(None) };
            let den = match basis {
                StaffBasis::Posts => 1,
                StaffBasis::WorkMonths => 12,
            };
            Ok(Some((exact::mul(v, cost)?, den)))
        }
        LineKind::NonStaff { .. } => match line.rate {
            Some(r) => Ok(Some((exact::mul(v, r)?, 1))),
            None => Ok(Some((v, 1))),
        },
    }
}

/// Category position a line rolls up into (`categories.len()` when unknown).
pub fn line_category(line: &Line, ix: &Index, categories: usize) -> usize {
    match line.kind {
        LineKind::Staff { .. } => ix.staff_category,
        LineKind::NonStaff { category } => ix
            .category_pos
            .get(&category)
            .copied()
            .unwrap_or(categories),
    }
}

/// How a line's cells are priced, resolved once per line rather than once per cell.
enum Price<'a> {
    /// Amount as entered, or quantity x rate.
    Plain(Option<Decimal>),
    /// Posts (den 1) or work-months (den 12) x the grade's effective cost per year.
    Staff(Option<Decimal>, &'a [Option<Decimal>], u64),
    /// A staff line whose grade is unknown: costs nothing (validation reports it).
    Nothing,
}

fn price<'a>(line: &Line, ix: &'a Index) -> Price<'a> {
    match line.kind {
        LineKind::NonStaff { .. } => Price::Plain(line.rate),
        LineKind::Staff { grade, basis } => {
            let den = match basis {
                StaffBasis::Posts => 1,
                StaffBasis::WorkMonths => 12,
            };
            match ix.grade_pos.get(&grade) {
                Some(&g) => Price::Staff(line.rate, &ix.std_cost[span(g, ix.years)], den),
                None if line.rate.is_some() => Price::Staff(line.rate, &[], den),
                None => Price::Nothing,
            }
        }
    }
}

/// Every rollup in one pass over the cells.
///
/// Sums are kept in fixed point ([`FixedSum`]: integer arithmetic, no decimal rescaling per
/// cell) and converted to [`ExactSum`]s once at the end: the same exact values.
pub fn compute_rollups(plan: &Plan, ix: &Index) -> Exact<Rollups> {
    let n = plan.years.len();
    let mut output = Vec::with_capacity(cells(plan.outputs.len(), n));
    let mut objective = vec![FixedSum::default(); cells(plan.objectives.len(), n)];
    let mut unit = vec![Twelfths::default(); cells(plan.units.len().saturating_add(1), n)];
    let mut category = vec![Twelfths::default(); cells(plan.categories.len().saturating_add(1), n)];
    let mut total = vec![Twelfths::default(); n];
    let mut row = vec![Twelfths::default(); n];
    for (i, o) in plan.outputs.iter().enumerate() {
        row.fill(Twelfths::default());
        for line in &o.lines {
            let c = line_category(line, ix, plan.categories.len());
            let cat_row = &mut category[span(c, n)];
            let price = price(line, ix);
            for (y, v) in line.values.iter().enumerate().take(n) {
                let Some(v) = *v else { continue };
                let (factor, den) = match price {
                    Price::Plain(rate) => (rate, 1),
                    Price::Staff(Some(rate), _, den) => (Some(rate), den),
                    Price::Staff(None, costs, den) => match costs.get(y).copied().flatten() {
                        Some(c) => (Some(c), den),
                        None => continue,
                    },
                    Price::Nothing => continue,
                };
                let cost = Fixed::product(v, factor)?;
                row[y].add(cost, den == 12)?;
                cat_row[y].add(cost, den == 12)?;
            }
        }
        let u = ix.output_unit[i];
        for (y, cell) in row.iter().enumerate() {
            output.push(cell.to_exact()?);
            if cell.is_zero() {
                continue;
            }
            for acc in [&mut total[y], &mut unit[at(u, n, y)]] {
                acc.add(cell.whole, false)?;
                acc.add(cell.twelfths, true)?;
            }
            for &(k, ratio) in &ix.shares[i] {
                objective[at(k, n, y)].add_twelfths(cell, ratio)?;
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
    let exact = |v: &[Twelfths]| v.iter().map(Twelfths::to_exact).collect::<Exact<Vec<_>>>();
    Ok(Rollups {
        years: n,
        output,
        objective: objective
            .iter()
            .map(FixedSum::to_exact)
            .collect::<Exact<Vec<_>>>()?,
        unit: exact(&unit)?,
        category: exact(&category)?,
        total: exact(&total)?,
        income: exact(&income)?,
    })
}

/// A quantity x rate (or plain amount) series' figure for one year.
pub fn series_amount(
    values: &Series,
    rate: Option<Decimal>,
    year: usize,
) -> Exact<Option<Decimal>> {
    match (values.get(year).copied().flatten(), rate) {
        (Some(v), Some(r)) => Ok(Some(exact::mul(v, r)?)),
        (Some(v), None) => Ok(Some(v)),
        (None, _) => Ok(None),
    }
}
