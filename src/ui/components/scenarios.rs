//! Scenarios: the picker that chooses what every view shows (the baseline or a scenario),
//! and the Scenarios view: the list (new, copy, rename, promote, delete), the drivers
//! (income rates such as the value of the contributory unit) per version, and the
//! side-by-side comparison with differences, ceilings and a chart.

use super::value_input::ValueInput;
use super::AppContext;
use crate::ui::state::{Action, View};
use crate::ui::state::{EditAction, SayAction, WorkAction};
use rollplan_core::calc::Dim;
use rollplan_core::edit::Edit;
use rollplan_core::model::ScenarioId;
use rollplan_core::model::{Key, Scenario};
use rollplan_core::numfmt::format_amount;
use rollplan_core::reports::chart;
use rollplan_core::reports::compare::{self, Comparison};
use rollplan_core::sheet::{CellKey, Target};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// Chooses what the views show; sits beside the tabs so it is always in reach.
#[function_component(ScenarioPicker)]
pub fn scenario_picker() -> Html {
    let ctx =
        use_context::<AppContext>().expect("ScenarioPicker is rendered inside the app context");
    let doc = ctx.doc.borrow();
    let plan = doc.plan();
    let shown = doc.scenario().map(|s| s.id);
    // The browser keeps a select's own choice once the user has picked, whatever the
    // options' `selected` attributes say later; set it, so a promotion or a deleted
    // scenario shows as the baseline here too.
    let select = use_node_ref();
    {
        let select = select.clone();
        let value = shown.map_or_else(String::new, |id| id.0.to_string());
        let names: Vec<String> = plan.scenarios.iter().map(|s| s.name.clone()).collect();
        use_effect_with((value, names), move |(value, _)| {
            if let Some(el) = select.cast::<web_sys::HtmlSelectElement>() {
                el.set_value(value);
            }
        });
    }
    let onchange = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let v = super::select_value(&e);
            ctx.dispatch(Action::Edit(EditAction::ShowScenario(
                v.parse().ok().map(ScenarioId),
            )));
        })
    };
    let note = doc.scenario().map(|s| {
        let stale = doc.stale();
        let mut t = differences(s);
        if stale > 0 {
            t.push_str(&format!(" ({stale} no longer apply)"));
        }
        t
    });
    html! {
        <div class={classes!("scenario-picker", shown.is_some().then_some("on"))}>
            <label for="scenario-select">{"Showing"}</label>
            <select id="scenario-select" ref={select} {onchange}>
                <option value="" selected={shown.is_none()}>{"Baseline"}</option>
                { for plan.scenarios.iter().map(|s| html! {
                    <option value={s.id.0.to_string()} selected={shown == Some(s.id)}>{ &s.name }</option>
                }) }
            </select>
            if let Some(n) = note {
                <span class="picker-note" title="Figures you type change this scenario only">{ n }</span>
            }
        </div>
    }
}

#[function_component(Scenarios)]
pub fn scenarios() -> Html {
    let ctx = use_context::<AppContext>().expect("Scenarios is rendered inside the app context");
    let dim = use_state(|| Dim::Objective);
    // Scenarios left out of the comparison (all are in by default, new ones too).
    let excluded = use_state(HashSet::<ScenarioId>::new);
    let confirm = use_state(|| None::<ScenarioId>);
    let comparison = {
        let ctx = ctx.clone();
        let key = (
            ctx.doc.session,
            ctx.doc.generation,
            *dim,
            (*excluded).iter().map(|s| s.0).collect::<Vec<_>>(),
        );
        let excluded = excluded.clone();
        use_memo(key, move |(_, _, dim, _)| {
            let doc = ctx.doc.borrow();
            let ids: Vec<ScenarioId> = doc
                .plan()
                .scenarios
                .iter()
                .map(|s| s.id)
                .filter(|id| !excluded.contains(id))
                .collect();
            compare::compare(doc.engine(), *dim, &ids).map_err(|e| e.to_string())
        })
    };
    let doc = ctx.doc.borrow();
    let plan = doc.plan();
    let shown = doc.scenario().map(|s| s.id);

    let new_scenario = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::Edit(EditAction::NewScenario { from: None }))
        })
    };
    let list = plan.scenarios.iter().map(|s| {
        let id = s.id;
        let show = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| {
                ctx.dispatch(Action::Edit(EditAction::ShowScenario(Some(id))));
                ctx.dispatch(Action::Work(WorkAction::SetView(View::Resources)));
            })
        };
        let copy = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::Edit(EditAction::NewScenario { from: Some(id) })))
        };
        let rename = {
            let ctx = ctx.clone();
            let old = s.name.clone();
            Callback::from(move |e: Event| {
                if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                    let name = i.value().trim().to_string();
                    if name.is_empty() {
                        i.set_value(&old);
                        ctx.dispatch(Action::Say(SayAction::Tell("A scenario needs a name; the name is unchanged.".into())));
                    } else if name != old {
                        ctx.dispatch(Action::Edit(EditAction::Apply(Edit::RenameScenario { scenario: id, name })));
                    }
                }
            })
        };
        let delete = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| {
                ctx.dispatch(Action::Edit(EditAction::ApplyToPlan(Edit::RemoveScenario { scenario: id })))
            })
        };
        let ask = {
            let confirm = confirm.clone();
            Callback::from(move |_: MouseEvent| confirm.set(Some(id)))
        };
        let promote = {
            let ctx = ctx.clone();
            let confirm = confirm.clone();
            Callback::from(move |_: MouseEvent| {
                confirm.set(None);
                ctx.dispatch(Action::Edit(EditAction::Promote(id)));
            })
        };
        let cancel = {
            let confirm = confirm.clone();
            Callback::from(move |_: MouseEvent| confirm.set(None))
        };
        let what = differences(s);
        html! {
            <tr class={classes!((shown == Some(id)).then_some("shown"))}>
                <td><input class="name-input" value={s.name.clone()} onchange={rename}
                    aria-label={format!("Name of scenario {}", s.name)} /></td>
                <td class="muted">{ what }
                    if !s.note.is_empty() { <div class="small muted">{ &s.note }</div> }
                </td>
                <td class="actions">
                    if *confirm == Some(id) {
                        <span class="confirm" role="group" aria-label="Confirm promotion">
                            {"Its figures replace the baseline's; the baseline is kept as a scenario. "}
                            <button class="tool primary" onclick={promote}>{"Promote"}</button>
                            <button class="tool" onclick={cancel}>{"Cancel"}</button>
                        </span>
                    } else {
                        <button class="tool" onclick={show} aria-label={format!("Edit in grid: {}", s.name)}>{"Edit in grid"}</button>
                        <button class="tool" onclick={copy} aria-label={format!("Copy {}", s.name)}>{"Copy"}</button>
                        <button class="tool" onclick={ask} aria-label={format!("Promote to baseline: {}", s.name)}>{"Promote to baseline"}</button>
                        <button class="tool danger" onclick={delete} aria-label={format!("Delete {}", s.name)}>{"Delete"}</button>
                    }
                </td>
            </tr>
        }
    });

    let set_dim = {
        let dim = dim.clone();
        Callback::from(move |e: Event| {
            let v = super::select_value(&e);
            dim.set(Dim::parse(&v).unwrap_or(Dim::Objective));
        })
    };
    let include = plan.scenarios.iter().map(|s| {
        let id = s.id;
        let excluded = excluded.clone();
        let on = !excluded.contains(&id);
        let toggle = Callback::from(move |_: Event| {
            let mut next = (*excluded).clone();
            if !next.remove(&id) {
                next.insert(id);
            }
            excluded.set(next);
        });
        html! {
            <label class="check"><input type="checkbox" checked={on} onchange={toggle} />{ &s.name }</label>
        }
    });

    html! {
        <div class="scenarios">
            <section class="panel" aria-labelledby="scen-title">
                <div class="panel-head head-row">
                    <div>
                        <h2 id="scen-title">{"Scenarios"}</h2>
                        <p class="panel-sub">{"A scenario keeps only what differs from the baseline: everything else follows the baseline as it changes. Choose one under \u{201c}Showing\u{201d} (or Edit in grid) and type figures as usual; they change the scenario only, marked in blue."}</p>
                    </div>
                    <button class="tool primary" onclick={new_scenario}>{"New scenario"}</button>
                </div>
                if plan.scenarios.is_empty() {
                    <p class="hint pad">{"No scenarios yet. A new scenario starts as a copy of the baseline with no differences."}</p>
                } else {
                    <table class="list scen-list" aria-label="Scenarios of this plan">
                        <thead><tr><th scope="col">{"Scenario"}</th><th scope="col">{"Differences"}</th><th scope="col"><span class="sr-only">{"Actions"}</span></th></tr></thead>
                        <tbody>{ for list }</tbody>
                    </table>
                }
            </section>
            <Drivers />
            <section class="panel" aria-labelledby="cmp-title">
                <div class="panel-head head-row">
                    <div>
                        <h2 id="cmp-title">{"Compare"}</h2>
                        <p class="panel-sub">{"The baseline and each scenario side by side; under each scenario's figure, its difference from the baseline in amount and percent."}</p>
                    </div>
                    <label class="tool-label">{"By "}
                        <select onchange={set_dim} aria-label="Compare by">
                            { for [Dim::Objective, Dim::Output, Dim::Unit, Dim::Category].into_iter().map(|d| html! {
                                <option value={d.name()} selected={*dim == d}>{ dim_label(d) }</option>
                            }) }
                        </select>
                    </label>
                </div>
                if !plan.scenarios.is_empty() {
                    <div class="include" role="group" aria-label="Scenarios compared">{ for include }</div>
                }
                { match &*comparison {
                    Ok(c) => html! { <>
                        <CompareTable c={Rc::new(c.clone())} dp={plan.dp()} />
                        <CompareChart c={Rc::new(c.clone())} dp={plan.dp()} />
                        <CeilingTable c={Rc::new(c.clone())} dp={plan.dp()} />
                    </> },
                    Err(e) => html! { <p class="message" role="alert">{ format!("The comparison could not be computed: {e}.") }</p> },
                } }
            </section>
        </div>
    }
}

/// What a scenario changes, in a few words.
fn differences(s: &Scenario) -> String {
    let rows = s.added_lines.len() + s.added_outputs.iter().map(|o| o.lines.len()).sum::<usize>();
    let figures = |n: usize| match n {
        1 => "1 figure changed".to_string(),
        n => format!("{n} figures changed"),
    };
    let lines = |n: usize| match n {
        1 => "1 line added".to_string(),
        n => format!("{n} lines added"),
    };
    match (s.changes.len(), rows) {
        (0, 0) => "same as the baseline".to_string(),
        (c, 0) => figures(c),
        (0, r) => lines(r),
        (c, r) => format!("{}, {}", figures(c), lines(r)),
    }
}

fn dim_label(d: Dim) -> &'static str {
    match d {
        Dim::Objective => "Objective",
        Dim::Output => "Output",
        Dim::Unit => "Org unit",
        Dim::Category => "Cost category",
    }
}

/// A difference as shown under a figure: `+4,000 (+1.2 %)`.
fn diff_text(base: Decimal, v: Decimal, dp: u32) -> Option<(String, bool)> {
    let Ok((d, pct)) = compare::difference(base, v) else {
        return Some(("difference too large to show exactly".into(), false));
    };
    if d.is_zero() {
        return None;
    }
    let sign = if d.is_sign_positive() { "+" } else { "" };
    let pct = pct.map_or_else(String::new, |p| {
        let ps = if p.is_sign_positive() { "+" } else { "" };
        // Breaks, if it must, between the amount and the percentage, never inside either.
        format!(" ({ps}{}\u{a0}%)", format_amount(p, 1))
    });
    Some((
        format!("{sign}{}{pct}", format_amount(d, dp)),
        d.is_sign_positive(),
    ))
}

#[derive(Properties, PartialEq)]
struct CompareProps {
    c: Rc<Comparison>,
    /// The plan's display precision.
    dp: u32,
}

#[function_component(CompareTable)]
fn compare_table(p: &CompareProps) -> Html {
    let c = &p.c;
    let dp = p.dp;
    let blocks = c.blocks.iter().map(|b| {
        let n = c.versions.len();
        let rows = c.versions.iter().enumerate().map(|(k, version)| {
            let cells = b.figures[k].iter().enumerate().map(|(col, v)| {
                let diff = (k > 0).then(|| diff_text(b.figures[0][col], *v, dp)).flatten();
                html! {
                    <td class="num">
                        { format_amount(*v, dp) }
                        if let Some((t, up)) = diff {
                            <span class={classes!("diff", if up { "up" } else { "down" })}>{ t }</span>
                        }
                    </td>
                }
            });
            html! {
                <tr class={classes!(if k == 0 { "base" } else { "alt" }, (k + 1 == n).then_some("last"))}>
                    if k == 0 {
                        <th scope="rowgroup" rowspan={n.to_string()} class="item">
                            if !b.code.is_empty() && !matches!(b.code.as_str(), "TOTAL" | "INCOME" | "BALANCE") {
                                <span class="code">{ &b.code }</span>
                            }
                            { &b.title }
                        </th>
                    }
                    <th scope="row" class="version">{ version }</th>
                    { for cells }
                </tr>
            }
        });
        let total = matches!(b.code.as_str(), "TOTAL" | "INCOME" | "BALANCE");
        html! { <tbody class={classes!(total.then_some("totals"))}>{ for rows }</tbody> }
    });
    html! {
        <div class="x-scroll">
            <table class="rollup compare" aria-label={format!("Comparison by {}", dim_label(c.dim).to_lowercase())}>
                <thead><tr>
                    <th scope="col" class="corner">{ dim_label(c.dim) }</th>
                    <th scope="col">{"Version"}</th>
                    { for c.columns.iter().map(|h| html! { <th scope="col" class="num">{ h }</th> }) }
                </tr></thead>
                { for blocks }
            </table>
            { for c.stale.iter().zip(c.versions.iter().skip(1)).filter(|(s, _)| **s > 0).map(|(s, v)| html! {
                <p class="hint">{ format!("{v}: {s} change(s) no longer apply; their rows were deleted from the baseline.") }</p>
            }) }
        </div>
    }
}

#[function_component(CeilingTable)]
fn ceiling_table(p: &CompareProps) -> Html {
    let c = &p.c;
    let dp = p.dp;
    if c.ceilings.is_empty() {
        return html! { <p class="hint pad">{"This plan has no ceilings."}</p> };
    }
    html! {
        <table class="rollup compare ceilings-cmp" aria-label="Against the ceilings">
            <caption>{"Against the ceilings: a negative headroom is over the ceiling."}</caption>
            <thead><tr>
                <th scope="col" class="corner">{"Ceiling"}</th>
                <th scope="col">{"Version"}</th>
                <th scope="col" class="num">{"Ceiling"}</th>
                <th scope="col" class="num">{"Cost"}</th>
                <th scope="col" class="num">{"Headroom"}</th>
            </tr></thead>
            { for c.ceilings.iter().map(|b| html! {
                <tbody>
                    { for c.versions.iter().enumerate().map(|(k, v)| {
                        let (ceiling, cost, room) = b.figures[k];
                        let over = room.is_sign_negative() && !room.is_zero();
                        html! {
                            <tr class={classes!(over.then_some("over"))}>
                                if k == 0 { <th scope="rowgroup" rowspan={c.versions.len().to_string()} class="item">{ &b.name }</th> }
                                <th scope="row" class="version">{ v }</th>
                                <td class="num">{ format_amount(ceiling, dp) }</td>
                                <td class="num">{ format_amount(cost, dp) }</td>
                                <td class="num variance">{ format_amount(room, dp) }
                                    if over { <span class="over-flag">{"over"}</span> }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            }) }
        </table>
    }
}

const PALETTE: [&str; 6] = [
    "#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2",
];

/// Each scenario's difference from the baseline over the whole period, per row: bars to the
/// right are more than the baseline, to the left less.
#[function_component(CompareChart)]
fn compare_chart(p: &CompareProps) -> Html {
    let c = &p.c;
    let dp = p.dp;
    let scenarios = c.versions.len().saturating_sub(1);
    if scenarios == 0 {
        return html! { <p class="hint pad">{"Add a scenario (or tick one above) to compare it with the baseline."}</p> };
    }
    let period = c.columns.len() - 1;
    let diffs: Vec<Vec<Decimal>> = c
        .blocks
        .iter()
        .map(|b| {
            (1..=scenarios)
                .map(|k| b.figures[k][period] - b.figures[0][period])
                .collect()
        })
        .collect();
    let max = diffs
        .iter()
        .flatten()
        .map(|d| d.abs())
        .max()
        .unwrap_or_default();
    let (label_w, plot_w, bar_h, gap) = (300.0, 700.0, 12.0, 10.0);
    let group_h = bar_h * scenarios as f64 + gap;
    // Below the bars: the tick labels, then which side is which.
    let height = group_h * c.blocks.len() as f64 + 46.0;
    let zero = label_w + plot_w / 2.0;
    // Round ticks either side of zero; the outermost is the axis's end.
    let ticks = chart::ticks(max, 2);
    let end = ticks.last().copied().unwrap_or_default();
    // Room at each end for the outermost tick's label, centred on its line.
    let half = plot_w / 2.0 - 28.0;
    let scale = |d: Decimal| -> f64 {
        match d.checked_div(end) {
            Some(r) => r.round_dp(4).to_f64().unwrap_or(0.0) * half,
            None => 0.0,
        }
    };
    let title = format!(
        "Difference from the baseline over {}, by {}",
        c.columns[period],
        dim_label(c.dim).to_lowercase()
    );
    html! {
        <figure class="chart compare-chart">
            <figcaption>{ &title }</figcaption>
            <div class="legend">
                { for c.versions.iter().skip(1).enumerate().map(|(k, v)| html! {
                    <span class="key"><span class="swatch" style={format!("background:{}", PALETTE[k % PALETTE.len()])}></span>{ v }</span>
                }) }
            </div>
            // Drawn at its own size (1 unit = 1 px) so labels read like the page's text.
            <svg viewBox={format!("0 0 {} {height}", label_w + plot_w)} role="img" aria-label={title.clone()}
                 width={(label_w + plot_w).to_string()} height={height.to_string()}>
                <line x1={zero.to_string()} x2={zero.to_string()} y1="0" y2={(height - 40.0).to_string()} class="axis" />
                { for c.blocks.iter().zip(&diffs).enumerate().map(|(i, (b, ds))| {
                    let y0 = i as f64 * group_h;
                    let label = if b.code.is_empty() || matches!(b.code.as_str(), "TOTAL" | "INCOME" | "BALANCE") {
                        b.title.clone()
                    } else {
                        format!("{} {}", b.code, b.title)
                    };
                    let label: String = if label.chars().count() > 44 {
                        label.chars().take(43).collect::<String>() + "\u{2026}"
                    } else {
                        label
                    };
                    html! {
                        <g>
                            <text x={(label_w - 8.0).to_string()} y={(y0 + group_h / 2.0).to_string()} class="lbl" text-anchor="end">{ label }</text>
                            { for ds.iter().enumerate().map(|(k, d)| {
                                let w = scale(*d);
                                let x = if w < 0.0 { zero + w } else { zero };
                                html! {
                                    <rect x={x.to_string()} y={(y0 + k as f64 * bar_h).to_string()} width={w.abs().max(0.5).to_string()}
                                        height={(bar_h - 2.0).to_string()} fill={PALETTE[k % PALETTE.len()]}>
                                        <title>{ format!("{}: {}", c.versions[k + 1], diff_text(b.figures[0][period], b.figures[k + 1][period], dp).map_or("no difference".into(), |(t, _)| t)) }</title>
                                    </rect>
                                }
                            }) }
                        </g>
                    }
                }) }
                { for ticks.iter().flat_map(|t| {
                    let sides: &[i8] = if t.is_zero() { &[0] } else { &[-1, 1] };
                    sides.iter().map(move |side| (*t, *side))
                }).map(|(t, side)| {
                    let x = zero + f64::from(side) * scale(t);
                    let label = match side {
                        0 => "0".to_string(),
                        -1 => format!("\u{2212}{}", chart::short(t)),
                        _ => format!("+{}", chart::short(t)),
                    };
                    html! {
                        <>
                            if side != 0 {
                                <line x1={x.to_string()} x2={x.to_string()} y1="0" y2={(height - 40.0).to_string()} class="grid-line" />
                            }
                            <text x={x.to_string()} y={(height - 26.0).to_string()} class="tick" text-anchor="middle">{ label }</text>
                        </>
                    }
                }) }
                <text x={(label_w + 4.0).to_string()} y={(height - 6.0).to_string()} class="tick side">{"\u{2190} less than the baseline"}</text>
                <text x={(label_w + plot_w - 4.0).to_string()} y={(height - 6.0).to_string()} class="tick side" text-anchor="end">{"more \u{2192}"}</text>
            </svg>
        </figure>
    }
}

/// Income rates (drivers such as the value of the contributory unit) for the baseline and
/// each scenario: the baseline column edits the plan, a scenario column that scenario
/// (blank follows the baseline).
#[function_component(Drivers)]
fn drivers() -> Html {
    let ctx = use_context::<AppContext>().expect("Drivers is rendered inside the app context");
    let doc = ctx.doc.borrow();
    let plan = doc.plan();
    let lines: Vec<_> = plan.income.iter().filter(|i| i.rate.is_some()).collect();
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel" aria-labelledby="drivers-title">
            <div class="panel-head">
                <h2 id="drivers-title">{"Drivers"}</h2>
                <p class="panel-sub">{"Rates that income is computed from, such as the value of the contributory unit. A blank scenario cell follows the baseline."}</p>
            </div>
            <div class="x-scroll">
            <table class="rollup drivers" aria-label="Drivers by scenario">
                <thead><tr>
                    <th scope="col" class="corner">{"Income line"}</th>
                    <th scope="col" class="num">{"Baseline"}</th>
                    { for plan.scenarios.iter().map(|s| html! { <th scope="col" class="num">{ &s.name }</th> }) }
                </tr></thead>
                <tbody>
                    { for lines.iter().map(|line| html! {
                        <tr>
                            <th scope="row">{ &line.name }</th>
                            <td class="num"><ValueInput key_={CellKey::of(Target::Driver(None, line.id))}
                                value={line.rate} label={format!("{}, baseline", line.name)} inline=true /></td>
                            { for plan.scenarios.iter().map(|s| {
                                let own = s.get(Key::IncomeRate { income: line.id });
                                html! {
                                    <td class="num"><ValueInput key_={CellKey::of(Target::Driver(Some(s.id), line.id))}
                                        value={own.flatten()} placeholder={line.rate.map(|r| AttrValue::from(format_amount(r, 0)))}
                                        overridden={own.is_some()} label={format!("{}, {}", line.name, s.name)} inline=true /></td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
