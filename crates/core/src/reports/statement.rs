//! The statement of a proposal's financial implications: each item with its formula and
//! cost per year, by objective and by cost category, read from the engine's rollups of the
//! proposal applied as a scenario, so it equals what applying it adds.

use crate::calc::Engine;
use crate::exact::{Exact, ExactSum};
use crate::limits::span;
use crate::model::proposal::{category_of, priced};
use crate::model::*;
use crate::numfmt::format_amount;
use crate::reports::compare::delta;
use rust_decimal::Decimal;
use serde::Serialize;

/// One row of the statement: a label and an amount per year, plus the total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatementRow {
    pub code: String,
    pub title: String,
    pub years: Vec<Decimal>,
    pub total: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemRow {
    pub id: u32,
    pub description: String,
    pub template: TemplateKind,
    /// The item's costing in words and figures, e.g. `5 days x 6 languages x …`.
    pub formula: String,
    /// What the item is assigned to (objective or output code and title).
    pub assigned: String,
    pub category: String,
    pub years: Vec<Decimal>,
    pub total: Decimal,
}

/// The statement of financial implications.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statement {
    pub title: String,
    pub currency: String,
    pub years: Vec<String>,
    pub items: Vec<ItemRow>,
    pub by_objective: Vec<StatementRow>,
    pub by_category: Vec<StatementRow>,
    pub total: StatementRow,
    /// Why a figure could not be costed (a grade without a standard cost…).
    pub problems: Vec<String>,
    /// Whether any rate used is still an illustrative default.
    pub illustrative: bool,
}

fn row(code: String, title: String, cells: &[ExactSum]) -> Exact<StatementRow> {
    let mut total = ExactSum::ZERO;
    let mut years = Vec::with_capacity(cells.len());
    for c in cells {
        years.push(c.round(2)?);
        total.add_sum(c)?;
    }
    Ok(StatementRow {
        code,
        title,
        years,
        total: total.round(2)?,
    })
}

fn fmt(v: Decimal) -> String {
    format_amount(v, if v.fract().is_zero() { 0 } else { 2 })
}

/// The formula of an item in words and figures. Every quantity is per ticked year (each
/// ticked year costs the same), and the formula says so; documents are charged for their
/// target languages, the original not counted.
pub fn formula(plan: &Plan, proposal: &Proposal, item: &CostItem, engine: &Engine) -> String {
    let cur = &plan.currency;
    match &item.template {
        Template::Meeting {
            days,
            languages,
            interpreters,
        } => format!(
            "{} days a year \u{d7} {} languages \u{d7} {} interpreters per booth \u{d7} {cur} {} per interpreter-day",
            fmt(*days),
            fmt(*languages),
            fmt(*interpreters),
            fmt(proposal.rates.interpreter_day.amount)
        ),
        Template::Documents { pages, languages } => format!(
            "{} pages a year \u{d7} {} target languages \u{d7} {cur} {} per page",
            fmt(*pages),
            fmt(*languages),
            fmt(proposal.rates.page.amount)
        ),
        Template::Posts { grade, months } => {
            let code = plan.grade(*grade).map_or("?", |g| g.code.as_str());
            let costs: Vec<String> = (0..plan.years.len())
                .filter(|&y| item.years.get(y).copied().unwrap_or(false))
                .map(|y| {
                    let c = engine
                        .standard_cost(*grade, y)
                        .map_or_else(|| "no standard cost".to_string(), fmt);
                    format!("{} {c}", plan.years[y])
                })
                .collect();
            format!(
                "{} work-months a year of {code} \u{d7} {code} standard cost / 12 ({})",
                fmt(*months),
                costs.join("; ")
            )
        }
        Template::Travel { trips } => format!(
            "{} trips a year \u{d7} {cur} {} per trip",
            fmt(*trips),
            fmt(proposal.rates.trip.amount)
        ),
        Template::Other { amount, .. } => format!("{cur} {} per year", fmt(*amount)),
    }
}

/// The statement of a proposal against a plan: each item's cost by year with its formula,
/// and what the proposal adds by objective and by cost category, per year and in total.
pub fn statement(base: &Engine, proposal: &Proposal) -> Exact<Statement> {
    let plan = base.plan();
    let n = plan.years.len();
    let (s, line_ids) = priced(plan, proposal)?;
    let m = scenario::materialise(plan, &s);
    let with = Engine::new(m.plan)?;
    let (rb, rw) = (base.rollups(), with.rollups());
    let mut problems = Vec::new();

    let mut items = Vec::new();
    for (item, line) in proposal.items.iter().zip(line_ids) {
        let mut cells = Vec::with_capacity(n);
        let (o, l) = with.ix.line_pos.get(&line).copied().unwrap_or((0, 0));
        for y in 0..n {
            cells.push(with.line_cost(o, l, y)?);
        }
        let r = row(String::new(), String::new(), &cells)?;
        if let Template::Posts { grade, .. } = item.template {
            for y in (0..n).filter(|&y| item.years.get(y).copied().unwrap_or(false)) {
                if with.standard_cost(grade, y).is_none() {
                    let code = plan.grade(grade).map_or("?", |g| g.code.as_str());
                    problems.push(format!(
                        "Item {}: {code} has no standard cost in {}; enter it under Standard costs.",
                        item.id, plan.years[y]
                    ));
                }
            }
        }
        let assigned = match item.owner {
            Owner::Objective(id) => plan
                .objective(id)
                .map_or("(objective deleted)".into(), |o| {
                    format!("{} {}", o.code, o.title)
                }),
            Owner::Output(id) => plan.output(id).map_or("(output deleted)".into(), |o| {
                format!("{} {}", o.code, o.title)
            }),
        };
        if matches!(item.owner, Owner::Objective(id) if plan.objective(id).is_none())
            || matches!(item.owner, Owner::Output(id) if plan.output(id).is_none())
        {
            problems.push(format!(
                "Item {} is assigned to something no longer in the plan; assign it again.",
                item.id
            ));
        }
        if !item.years.iter().any(|y| *y) {
            problems.push(format!("Item {} falls in no year; tick a year.", item.id));
        }
        items.push(ItemRow {
            id: item.id,
            description: item.description.clone(),
            template: item.template.kind(),
            formula: formula(plan, proposal, item, &with),
            assigned,
            category: category_of(plan, &item.template)
                .and_then(|c| plan.category(c))
                .map_or_else(String::new, |c| c.name.clone()),
            years: r.years,
            total: r.total,
        });
    }

    let slice = |v: &[ExactSum], k: usize| v[span(k, n)].to_vec();
    let mut by_objective = Vec::new();
    for (k, o) in plan.objectives.iter().enumerate() {
        let d = delta(&slice(&rb.objective, k), &slice(&rw.objective, k))?;
        if d.iter().any(|x| !x.is_zero()) {
            by_objective.push(row(o.code.clone(), o.title.clone(), &d)?);
        }
    }
    let mut by_category = Vec::new();
    for (k, c) in plan.categories.iter().enumerate() {
        let d = delta(&slice(&rb.category, k), &slice(&rw.category, k))?;
        if d.iter().any(|x| !x.is_zero()) {
            by_category.push(row(c.code.clone(), c.name.clone(), &d)?);
        }
    }
    let total = row(
        "TOTAL".into(),
        "Total".into(),
        &delta(&rb.total, &rw.total)?,
    )?;
    let illustrative = proposal.items.iter().any(|i| {
        let kind = match i.template {
            Template::Meeting { .. } => RateKind::InterpreterDay,
            Template::Documents { .. } => RateKind::Page,
            Template::Travel { .. } => RateKind::Trip,
            _ => return false,
        };
        proposal.rates.get(kind).illustrative
    });
    Ok(Statement {
        title: proposal.title.clone(),
        currency: plan.currency.clone(),
        years: plan.years.clone(),
        items,
        by_objective,
        by_category,
        total,
        problems,
        illustrative,
    })
}
