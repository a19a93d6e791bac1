//! The rollups view: costs by objective, org unit or cost category per year, biennium and
//! period, with income, net, ceilings and a chart of objective costs by year. Read-only:
//! every figure comes from the engine and changes the moment a cell is committed.

use super::AppContext;
use rollplan_core::calc::{CeilingStatus, Dim, Figures, RollupTable};
use rollplan_core::model::{CeilingScope, Plan};
use rollplan_core::numfmt::format_amount;
use rollplan_core::reports::chart;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use yew::prelude::*;

/// Colours for the chart's series, distinguishable and print-safe.
const PALETTE: [&str; 8] = [
    "#1f5fae", "#e07b39", "#2e9d6a", "#8a5cc2", "#c94c6a", "#3aa3b8", "#b59a2a", "#6b7a8f",
];

#[function_component(Rollups)]
pub fn rollups() -> Html {
    let ctx = use_context::<AppContext>().expect("Rollups is rendered inside the app context");
    let dim = use_state(|| Dim::Objective);
    let doc = ctx.doc.borrow();
    let engine = doc.view();
    let plan = engine.plan();
    let on_dim = {
        let dim = dim.clone();
        Callback::from(move |e: Event| {
            let v = super::select_value(&e);
            dim.set(Dim::parse(&v).unwrap_or(Dim::Objective));
        })
    };
    let table = engine.table(*dim);
    let by_objective = engine.table(Dim::Objective);
    let income = engine.income_and_net();
    let ceilings = engine.ceilings();
    let body = match (&table, &income) {
        (Ok(t), Ok((inc, net))) => rollup_table(plan, t, inc, net),
        (Err(e), _) | (_, Err(e)) => {
            html! { <p class="message" role="alert">{ format!("The rollups cannot be shown: {e}.") }</p> }
        }
    };
    let dim_name = match *dim {
        Dim::Objective => "objective",
        Dim::Unit => "org unit",
        Dim::Category => "cost category",
        Dim::Output => "output",
    };
    html! {
        <div class="rollups">
            <section class="panel" aria-labelledby="rollup-title">
                <div class="panel-head head-row">
                    <h2 id="rollup-title">{ format!("Cost by {dim_name}") }</h2>
                    <label class="tool-label">{"Roll up by "}
                        <select onchange={on_dim} aria-label="Roll up by">
                            <option value="objective" selected={*dim == Dim::Objective}>{"Objective"}</option>
                            <option value="unit" selected={*dim == Dim::Unit}>{"Org unit"}</option>
                            <option value="category" selected={*dim == Dim::Category}>{"Cost category"}</option>
                            <option value="output" selected={*dim == Dim::Output}>{"Output"}</option>
                        </select>
                    </label>
                </div>
                <div class="table-scroll" tabindex="0" role="region" aria-label={format!("Cost by {dim_name}, scrollable")}>{ body }</div>
            </section>
            <div class="rollup-side">
                <section class="panel" aria-labelledby="ceil-title">
                    <div class="panel-head"><h2 id="ceil-title">{"Ceilings"}</h2></div>
                    { match &ceilings {
                        Ok(c) => ceiling_table(plan, c),
                        Err(e) => html! { <p class="message" role="alert">{ e.to_string() }</p> },
                    } }
                </section>
                <section class="panel" aria-labelledby="chart-title">
                    <div class="panel-head"><h2 id="chart-title">{"Objective costs by year"}</h2></div>
                    { match &by_objective { Ok(t) => chart(plan, t), Err(_) => html! {} } }
                </section>
            </div>
        </div>
    }
}

fn figures_cells(f: &Figures, class: &'static str, dp: u32) -> Html {
    let cell = |v: &Decimal| {
        let s = format_amount(*v, dp);
        html! { <td class={classes!("num", class, s.starts_with('-').then_some("neg"))}>{ s }</td> }
    };
    html! {
        <>
            { for f.years.iter().map(cell) }
            { for f.biennia.iter().map(cell) }
            { cell(&f.period) }
        </>
    }
}

fn rollup_table(plan: &Plan, t: &RollupTable, income: &Figures, net: &Figures) -> Html {
    let head_years = plan
        .years
        .iter()
        .map(|y| html! { <th scope="col" class="num">{ y }</th> });
    let head_bien = (0..plan.biennium_count())
        .map(|b| html! { <th scope="col" class="num c-bien">{ plan.biennium_label(b) }</th> });
    let rows = t.rows.iter().map(|r| {
        html! {
            <tr>
                <th scope="row"><span class="code">{ &r.code }</span>{" "}{ &r.title }</th>
                { figures_cells(&r.figures, "", plan.dp()) }
            </tr>
        }
    });
    html! {
        <table class="rollup" aria-label={format!("Cost by {} and year", t.dim.name())}>
            <thead>
                <tr>
                    <th scope="col" class="corner">{ format!("{} ({})", super::grid::capitalise(t.dim.name()), plan.currency) }</th>
                    { for head_years }{ for head_bien }
                    <th scope="col" class="num c-period">{ plan.period_label() }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
            <tfoot>
                <tr class="total"><th scope="row">{"Total cost"}</th>{ figures_cells(&t.total, "", plan.dp()) }</tr>
                <tr class="income"><th scope="row">{"Income"}</th>{ figures_cells(income, "", plan.dp()) }</tr>
                <tr class="net"><th scope="row">{"Net (income \u{2212} cost)"}</th>{ figures_cells(net, "", plan.dp()) }</tr>
            </tfoot>
        </table>
    }
}

pub fn scope_label(plan: &Plan, s: CeilingScope) -> String {
    match s {
        CeilingScope::Year(y) => plan.years.get(y).cloned().unwrap_or_default(),
        CeilingScope::Biennium(b) => plan.biennium_label(b),
        CeilingScope::Period => plan.period_label(),
    }
}

fn ceiling_table(plan: &Plan, c: &[CeilingStatus]) -> Html {
    let dp = plan.dp();
    if c.is_empty() {
        return html! { <p class="hint pad">{"This plan has no ceilings."}</p> };
    }
    html! {
        <table class="rollup ceilings" aria-label="Ceilings">
            <thead><tr>
                <th scope="col" class="corner">{"Scope"}</th>
                <th scope="col" class="num">{"Ceiling"}</th>
                <th scope="col" class="num">{"Cost"}</th>
                <th scope="col" class="num">{"Variance"}</th>
            </tr></thead>
            <tbody>
                { for c.iter().map(|s| html! {
                    <tr class={classes!(s.over.then_some("over"))}>
                        <th scope="row">{ scope_label(plan, s.scope) }</th>
                        <td class="num">{ format_amount(s.ceiling, dp) }</td>
                        <td class="num">{ format_amount(s.cost, dp) }</td>
                        <td class="num variance">
                            { format_amount(s.variance, dp) }
                            if s.over { <span class="over-flag">{"over"}</span> }
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// Stacked bars: one per year, one segment per objective (the largest eight and the rest
/// added up, when there are more). Pixel geometry is the only place a figure becomes a
/// float; the numbers shown are the exact rounded ones, and ticks are round numbers.
fn chart(plan: &Plan, t: &RollupTable) -> Html {
    let dp = plan.dp();
    let (w, h, left, bottom, top) = (640.0, 240.0, 64.0, 28.0, 12.0);
    let n = plan.years.len().max(1);
    let Ok(segments) = chart::segments(&t.rows, 8) else {
        return html! { <p class="hint pad">{"These costs are too large to chart."}</p> };
    };
    let positive = |v: &Decimal| (*v).max(Decimal::ZERO);
    // The rest added up is grey: it is not one objective.
    let fill = |k: usize, s: &chart::Segment| {
        if s.rows > 1 {
            "#8a96a6"
        } else {
            PALETTE[k % PALETTE.len()]
        }
    };
    let tallest = (0..n)
        .map(|y| {
            segments
                .iter()
                .filter_map(|s| s.years.get(y))
                .map(positive)
                .fold(Decimal::ZERO, |a, v| {
                    a.checked_add(v).unwrap_or(Decimal::MAX)
                })
        })
        .max()
        .unwrap_or_default();
    if tallest <= Decimal::ZERO {
        return html! { <p class="hint pad">{"No costs yet."}</p> };
    }
    let ticks = chart::ticks(tallest, 4);
    let axis_top = ticks.last().copied().unwrap_or(tallest);
    let px = |v: Decimal| v.to_f64().unwrap_or(0.0);
    let scale = (h - bottom - top) / px(axis_top);
    let slot = (w - left - 8.0) / n as f64;
    let bar = (slot * 0.56).min(56.0);
    let mut shapes = Vec::new();
    for y in 0..n {
        let x = left + slot * y as f64 + (slot - bar) / 2.0;
        let mut base = h - bottom;
        for (k, s) in segments.iter().enumerate() {
            let v = s.years.get(y).map(positive).unwrap_or_default();
            let hh = px(v) * scale;
            if hh <= 0.0 {
                continue;
            }
            base -= hh;
            let name = if s.code.is_empty() {
                s.title.clone()
            } else {
                s.code.clone()
            };
            shapes.push(html! {
                <rect x={format!("{x:.1}")} y={format!("{base:.1}")} width={format!("{bar:.1}")} height={format!("{hh:.1}")}
                      fill={fill(k, s)}>
                    <title>{ format!("{name} {}: {}", plan.years[y], format_amount(v, dp)) }</title>
                </rect>
            });
        }
        shapes.push(html! {
            <text x={format!("{:.1}", x + bar / 2.0)} y={format!("{:.1}", h - bottom + 16.0)} class="axis" text-anchor="middle">{ &plan.years[y] }</text>
        });
    }
    let ticks = ticks.iter().map(|v| {
        let yy = h - bottom - px(*v) * scale;
        html! {
            <>
                <line x1={format!("{left}")} x2={format!("{}", w - 4.0)} y1={format!("{yy:.1}")} y2={format!("{yy:.1}")} class="grid-line" />
                <text x={format!("{}", left - 6.0)} y={format!("{:.1}", yy + 4.0)} class="axis" text-anchor="end">{ chart::short(*v) }</text>
            </>
        }
    });
    let legend = segments.iter().enumerate().map(|(k, s)| {
        html! {
            <li title={s.title.clone()}><span class="swatch" style={format!("background:{}", fill(k, s))}></span>
                if !s.code.is_empty() { <span class="code">{ &s.code }</span>{" "} }{ &s.title }</li>
        }
    });
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {w} {h}")} role="img"
                 aria-label={format!("Stacked bars of objective costs for each year, {} to {}", plan.years.first().cloned().unwrap_or_default(), plan.years.last().cloned().unwrap_or_default())}>
                { for ticks }
                { for shapes }
            </svg>
            <ul class="legend">{ for legend }</ul>
        </figure>
    }
}
