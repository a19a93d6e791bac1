//! Scenarios side by side: the baseline and each scenario's rollups by one dimension,
//! with differences, income, balance and ceilings.

use crate::calc::{Dim, Engine, Figures, RollupTable};
use crate::exact::{Exact, ExactSum, Overflow, Ratio};
use crate::model::scenario::materialise;
use crate::model::*;
use rust_decimal::Decimal;

/// One version's figures in a comparison: per year, then per biennium, then the period.
pub type Columns = Vec<Decimal>;

/// The baseline and scenarios side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub dim: Dim,
    /// Column labels: years, biennia, then the period.
    pub columns: Vec<String>,
    /// "Baseline", then each compared scenario's name.
    pub versions: Vec<String>,
    /// Per compared scenario: changes that no longer apply.
    pub stale: Vec<usize>,
    /// One block per row of the dimension (in baseline order; rows only a scenario has
    /// come last), then the total cost, income and balance.
    pub blocks: Vec<Block>,
    pub ceilings: Vec<CeilingBlock>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub code: String,
    pub title: String,
    /// Per version.
    pub figures: Vec<Columns>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CeilingBlock {
    pub name: String,
    pub scope: CeilingScope,
    /// Per version: (ceiling, cost, ceiling minus cost).
    pub figures: Vec<(Decimal, Decimal, Decimal)>,
}

/// A difference from the baseline in amount and percent (`None` when the baseline is zero).
pub fn difference(base: Decimal, value: Decimal) -> Exact<(Decimal, Option<Decimal>)> {
    let d = value.checked_sub(base).ok_or(Overflow)?;
    let pct = match base.is_zero() {
        true => None,
        false => Some(
            d.checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(base.abs()))
                .ok_or(Overflow)?
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
        ),
    };
    Ok((d, pct))
}

fn columns(f: &Figures) -> Columns {
    let mut c = f.years.clone();
    c.extend(f.biennia.iter().copied());
    c.push(f.period);
    c
}

/// The engine of each version: the baseline, then each scenario of `ids` (unknown ids are
/// left out), with its stale count.
pub fn engines(base: &Engine, ids: &[ScenarioId]) -> Exact<Vec<(String, Engine, usize)>> {
    let plan = base.plan();
    let mut out = vec![("Baseline".to_string(), base.clone(), 0)];
    for id in ids {
        if let Some(s) = plan.scenarios.iter().find(|s| s.id == *id) {
            let m = materialise(plan, s);
            out.push((s.name.clone(), Engine::new(m.plan)?, m.stale));
        }
    }
    Ok(out)
}

/// The baseline and the given scenarios side by side by one dimension, with the total,
/// income, balance and every ceiling.
pub fn compare(base: &Engine, dim: Dim, ids: &[ScenarioId]) -> Exact<Comparison> {
    let plan = base.plan();
    let versions = engines(base, ids)?;
    let tables: Vec<RollupTable> = versions
        .iter()
        .map(|(_, e, _)| e.table(dim))
        .collect::<Exact<_>>()?;
    let zero = {
        let n = plan.years.len();
        vec![Decimal::ZERO; n.saturating_add(plan.biennium_count()).saturating_add(1)]
    };
    // Rows are matched by code and title: an added output appears in its scenario only.
    let mut order: Vec<(String, String)> = Vec::new();
    for t in &tables {
        for r in &t.rows {
            let k = (r.code.clone(), r.title.clone());
            if !order.contains(&k) {
                order.push(k);
            }
        }
    }
    let mut blocks: Vec<Block> = order
        .into_iter()
        .map(|(code, title)| Block {
            figures: tables
                .iter()
                .map(|t| {
                    t.rows
                        .iter()
                        .find(|r| r.code == code && r.title == title)
                        .map_or_else(|| zero.clone(), |r| columns(&r.figures))
                })
                .collect(),
            code,
            title,
        })
        .collect();
    // Rows that are zero in every version (the empty "unassigned" row) say nothing.
    blocks.retain(|b| b.figures.iter().flatten().any(|v| !v.is_zero()));
    blocks.push(Block {
        code: "TOTAL".into(),
        title: "Total cost".into(),
        figures: tables.iter().map(|t| columns(&t.total)).collect(),
    });
    let mut income = Vec::new();
    let mut balance = Vec::new();
    for (_, e, _) in &versions {
        let (i, net) = e.income_and_net()?;
        income.push(columns(&i));
        balance.push(columns(&net));
    }
    if !plan.income.is_empty() {
        blocks.push(Block {
            code: "INCOME".into(),
            title: "Income".into(),
            figures: income,
        });
        blocks.push(Block {
            code: "BALANCE".into(),
            title: "Income less cost".into(),
            figures: balance,
        });
    }
    let statuses: Vec<_> = versions
        .iter()
        .map(|(_, e, _)| e.ceilings())
        .collect::<Exact<_>>()?;
    let ceilings = plan
        .ceilings
        .iter()
        .map(|c| CeilingBlock {
            name: c.name.clone(),
            scope: c.scope,
            figures: statuses
                .iter()
                .map(|st| {
                    st.iter()
                        .find(|s| s.id == c.id)
                        .map_or((Decimal::ZERO, Decimal::ZERO, Decimal::ZERO), |s| {
                            (s.ceiling, s.cost, s.variance)
                        })
                })
                .collect(),
        })
        .collect();
    let mut cols: Vec<String> = plan.years.clone();
    cols.extend((0..plan.biennium_count()).map(|b| plan.biennium_label(b)));
    cols.push(plan.period_label());
    Ok(Comparison {
        dim,
        columns: cols,
        versions: versions.iter().map(|(n, _, _)| n.clone()).collect(),
        stale: versions.iter().skip(1).map(|(_, _, s)| *s).collect(),
        blocks,
        ceilings,
    })
}

/// What a version adds to or takes from the baseline, exactly, per year: `other - base`.
pub fn delta(base: &[ExactSum], other: &[ExactSum]) -> Exact<Vec<ExactSum>> {
    base.iter()
        .zip(other)
        .map(|(b, o)| {
            let mut d = o.clone();
            d.sub_scaled(b, Ratio::ONE)?;
            Ok(d)
        })
        .collect()
}
