//! The History view: every change made to the plan (its audit trail), newest first, with
//! when, who, what and each figure's value before and after; filters by output, objective,
//! year and scenario; an old value put back as a new change; comments; the person's name;
//! export as CSV; trimming on request.

use super::AppContext;
use crate::ui::files;
use crate::ui::state::{Action, EditAction, StoreAction, Trim};
use rollplan_core::document::figure_label;
use rollplan_core::model::{FigureChange, Key, ObjectiveId, Origin, OutputId, Record, ScenarioId};
use rollplan_core::numfmt::format_amount;
use yew::prelude::*;

/// Records shown at first, and added by "Show older": a long history renders in pages.
const PAGE: usize = 100;
/// Figures listed under one record before "and N more".
const FIGURES_SHOWN: usize = 12;

/// Which records and figures the filters let through.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Filter {
    output: Option<OutputId>,
    objective: Option<ObjectiveId>,
    year: Option<usize>,
    /// `Some(None)`: the baseline only.
    scenario: Option<Option<ScenarioId>>,
}

impl Filter {
    fn on_figures(&self) -> bool {
        self.output.is_some() || self.objective.is_some() || self.year.is_some()
    }
}

/// A moment in the person's own time zone (the server renderer writes UTC).
pub fn when(ms: u64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        let opts = js_sys::Object::new();
        for (k, v) in [
            ("year", "numeric"),
            ("month", "short"),
            ("day", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ] {
            let _ = js_sys::Reflect::set(&opts, &k.into(), &v.into());
        }
        String::from(date.to_locale_string("en-GB", &opts))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{} UTC", rollplan_core::io::library::iso_datetime(ms))
    }
}

fn figure_year(key: Key) -> Option<usize> {
    match key {
        Key::Value { year, .. }
        | Key::StandardCost { year, .. }
        | Key::IncomeValue { year, .. } => Some(year),
        _ => None,
    }
}

#[function_component(HistoryView)]
pub fn history_view() -> Html {
    let ctx = use_context::<AppContext>().expect("History is rendered inside the app context");
    let filter = use_state(Filter::default);
    let shown = use_state(|| PAGE);
    // How many figures each record lists beyond the first few, by record.
    let expanded = use_state(std::collections::HashMap::<usize, usize>::new);
    let keep = use_state(|| "100".to_string());
    let doc = ctx.doc.borrow();
    let plan = doc.plan();
    let history = &plan.history;
    let dp = plan.dp();

    let figure_matches = |f: &FigureChange| -> bool {
        let output_ok = match (filter.output, f.output) {
            (None, _) => true,
            (Some(want), Some(o)) => want == o,
            (Some(_), None) => false,
        };
        let objective_ok = match filter.objective {
            None => true,
            Some(obj) => f
                .output
                .and_then(|o| plan.output(o))
                .is_some_and(|o| o.links.iter().any(|l| l.objective == obj)),
        };
        let year_ok = filter.year.is_none_or(|y| figure_year(f.key) == Some(y));
        output_ok && objective_ok && year_ok
    };
    let record_matches = |r: &Record| -> bool {
        let scenario_ok = filter.scenario.is_none_or(|s| r.scenario == s);
        scenario_ok && (!filter.on_figures() || r.figures.iter().any(&figure_matches))
    };
    let matching: Vec<usize> = (0..history.records.len())
        .rev()
        .filter(|&i| record_matches(&history.records[i]))
        .collect();
    let total = matching.len();

    let select = |apply: fn(&mut Filter, &str, &rollplan_core::model::Plan)| {
        let filter = filter.clone();
        let shown = shown.clone();
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let v = super::select_value(&e);
            let mut next = *filter;
            apply(&mut next, &v, ctx.doc.borrow().plan());
            filter.set(next);
            shown.set(PAGE);
        })
    };
    let on_output = select(|f, v, p| {
        f.output = p
            .outputs
            .iter()
            .find(|o| o.id.0.to_string() == v)
            .map(|o| o.id)
    });
    let on_objective = select(|f, v, p| {
        f.objective = p
            .objectives
            .iter()
            .find(|o| o.id.0.to_string() == v)
            .map(|o| o.id)
    });
    let on_year = select(|f, v, _| f.year = v.parse().ok());
    let on_scenario = select(|f, v, p| {
        f.scenario = match v {
            "" => None,
            "baseline" => Some(None),
            id => p
                .scenarios
                .iter()
                .find(|s| s.id.0.to_string() == id)
                .map(|s| Some(s.id)),
        }
    });
    let on_author = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                ctx.dispatch(Action::Store(StoreAction::Author(input.value())));
            }
        })
    };
    let export = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            let doc = ctx.doc.borrow();
            let text = rollplan_core::io::csv::history_csv(doc.plan());
            // A BOM so Excel reads the file as UTF-8, as every CSV export does.
            files::download(
                &files::file_name(&doc.plan().title, "-history.csv"),
                "text/csv",
                &format!("\u{feff}{text}"),
            );
        })
    };
    let on_keep = {
        let keep = keep.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                keep.set(input.value());
            }
        })
    };
    let trim = {
        let ctx = ctx.clone();
        let keep = keep.clone();
        Callback::from(move |_: MouseEvent| {
            let Ok(n) = keep.trim().parse::<usize>() else {
                ctx.dispatch(Action::Say(crate::ui::state::SayAction::Tell(
                    "Type how many of the newest changes to keep, as a whole number.".into(),
                )));
                return;
            };
            let records = ctx.doc.borrow().history().records.len();
            if n >= records {
                ctx.dispatch(Action::Say(crate::ui::state::SayAction::Status(format!(
                    "The history has {records} change(s); none is removed by keeping {n}."
                ))));
                return;
            }
            let ask = format!(
                "Remove the {} oldest change(s) from the history, keeping the newest {n}? This cannot be undone (export the history as CSV first to keep a copy).",
                records - n
            );
            if gloo::dialogs::confirm(&ask) {
                ctx.dispatch(Action::Edit(EditAction::TrimHistory(Trim::KeepLast(n))));
            }
        })
    };

    let rows = matching.iter().take(*shown).map(|&i| {
        let r = &history.records[i];
        let figures: Vec<(usize, &FigureChange)> = r
            .figures
            .iter()
            .enumerate()
            .filter(|(_, f)| figure_matches(f))
            .collect();
        let extra = expanded.get(&i).copied().unwrap_or(0);
        let listed = figures.len().min(FIGURES_SHOWN.saturating_add(extra));
        let origin = match r.origin {
            Origin::Edit => None,
            Origin::Undo => Some("Undo"),
            Origin::Redo => Some("Redo"),
            Origin::Restore => Some("Restored"),
        };
        let scenario = r.scenario.map(|id| {
            plan.scenarios
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| "a deleted scenario".to_string(), |s| s.name.clone())
        });
        let amount = |v: Option<rust_decimal::Decimal>| {
            v.map_or_else(|| "blank".to_string(), |v| format_amount(v, dp.max(v.normalize().scale())))
        };
        let figure_rows = figures.iter().take(listed).map(|&(fi, f)| {
            let label = figure_label(plan, history, f.key);
            let restore = {
                let ctx = ctx.clone();
                Callback::from(move |_: MouseEvent| {
                    ctx.dispatch(Action::Edit(EditAction::Restore { record: i, figure: fi }))
                })
            };
            html! {
                <tr>
                    <th scope="row">{ label.clone() }</th>
                    <td class="num">{ amount(f.old) }</td>
                    <td class="arrow" aria-hidden="true">{"\u{2192}"}</td>
                    <td class="num">{ amount(f.new) }</td>
                    <td><button class="link-btn" onclick={restore}
                        aria-label={format!("Restore {label} to {}", amount(f.old))}
                        title="Put the value before this change back, as a new change">{"Restore"}</button></td>
                </tr>
            }
        });
        let more = figures.len().saturating_sub(listed);
        // A record of a whole-plan change has 200,000 figures: listed a page at a time.
        let show_more = {
            let expanded = expanded.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*expanded).clone();
                *next.entry(i).or_insert(0) += PAGE;
                expanded.set(next);
            })
        };
        let on_comment = {
            let ctx = ctx.clone();
            Callback::from(move |e: Event| {
                if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                    ctx.dispatch(Action::Edit(EditAction::Comment { record: i, text: input.value() }));
                }
            })
        };
        html! {
            <li class="record" key={i}>
                <div class="record-head">
                    <time>{ when(r.at) }</time>
                    if !r.who.is_empty() { <span class="who">{ r.who.clone() }</span> }
                    if let Some(o) = origin { <span class="badge">{ o }</span> }
                    if let Some(s) = scenario { <span class="scenario-chip">{ format!("Scenario: {s}") }</span> }
                </div>
                <div class="record-what">{ r.what.clone() }</div>
                if !r.other.is_empty() {
                    <ul class="record-other">{ for r.other.iter().map(|o| html! { <li>{ o.clone() }</li> }) }</ul>
                }
                if !figures.is_empty() {
                    <table class="record-figures" aria-label="Figures changed">
                        <thead><tr><th scope="col">{"Figure"}</th><th scope="col" class="num">{"Before"}</th><th aria-hidden="true"></th><th scope="col" class="num">{"After"}</th><th><span class="sr-only">{"Restore"}</span></th></tr></thead>
                        <tbody>{ for figure_rows }</tbody>
                    </table>
                    if more > 0 {
                        <button class="link-btn" onclick={show_more}>{
                            format!("Show {} more of {} figure(s) not listed (Export CSV has them all)",
                                format_amount(more.min(PAGE).into(), 0), format_amount(more.into(), 0))
                        }</button>
                    }
                }
                <label class="comment">{"Comment "}
                    <input type="text" value={r.comment.clone()} onchange={on_comment} maxlength="4000"
                        placeholder="Why this change was made" aria-label={format!("Comment on the change of {}", when(r.at))} />
                </label>
            </li>
        }
    });
    let more_records = total.saturating_sub(*shown);
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    html! {
        <section class="panel history" aria-labelledby="history-title">
            <div class="panel-head">
                <div class="head-row">
                    <h2 id="history-title">{"History of changes"}</h2>
                    <div class="grid-tools" role="toolbar" aria-label="History">
                        <label class="tool-label">{"Your name "}
                            <input class="name-input" type="text" value={ctx.store.author.clone()} onchange={on_author}
                                maxlength="80" placeholder="Recorded with your changes" aria-label="Your name, recorded with your changes" />
                        </label>
                        <button class="tool" onclick={export} disabled={history.is_empty()}>{"Export CSV"}</button>
                        <label class="tool-label">{"Keep the newest "}
                            <input class="num-input keep-input" type="text" inputmode="numeric" value={(*keep).clone()} oninput={on_keep} aria-label="How many of the newest changes to keep" />
                        </label>
                        <button class="tool danger" onclick={trim} disabled={history.is_empty()}>{"Trim history\u{2026}"}</button>
                    </div>
                </div>
                <p class="panel-sub">{"Every change to this plan, newest first: when, by whom (the name above, kept in this browser), and each figure before and after. It travels in the plan file. Restore puts an old value back as a new change, which Undo takes back."}
                    if let Some(from) = history.complete_from { { format!(" Older changes were trimmed: the history is complete from {}.", when(from)) } }
                </p>
                <div class="filters" role="group" aria-label="Filter the history">
                    <label class="tool-label">{"Output "}
                        <select onchange={on_output} aria-label="Only changes of this output">
                            <option value="" selected={filter.output.is_none()}>{"All"}</option>
                            { for plan.outputs.iter().map(|o| html! {
                                <option value={o.id.0.to_string()} selected={filter.output == Some(o.id)}>{ format!("{} {}", o.code, o.title) }</option>
                            }) }
                        </select>
                    </label>
                    <label class="tool-label">{"Objective "}
                        <select onchange={on_objective} aria-label="Only changes of outputs serving this objective">
                            <option value="" selected={filter.objective.is_none()}>{"All"}</option>
                            { for plan.objectives.iter().map(|o| html! {
                                <option value={o.id.0.to_string()} selected={filter.objective == Some(o.id)}>{ format!("{} {}", o.code, o.title) }</option>
                            }) }
                        </select>
                    </label>
                    <label class="tool-label">{"Year "}
                        <select onchange={on_year} aria-label="Only changes of this year">
                            <option value="" selected={filter.year.is_none()}>{"All"}</option>
                            { for plan.years.iter().enumerate().map(|(y, label)| html! {
                                <option value={y.to_string()} selected={filter.year == Some(y)}>{ label.clone() }</option>
                            }) }
                        </select>
                    </label>
                    <label class="tool-label">{"Scenario "}
                        <select onchange={on_scenario} aria-label="Only changes of the baseline or of a scenario">
                            <option value="" selected={filter.scenario.is_none()}>{"All"}</option>
                            <option value="baseline" selected={filter.scenario == Some(None)}>{"Baseline"}</option>
                            { for plan.scenarios.iter().map(|s| html! {
                                <option value={s.id.0.to_string()} selected={filter.scenario == Some(Some(s.id))}>{ s.name.clone() }</option>
                            }) }
                        </select>
                    </label>
                    <span class="count" aria-live="polite">{ match total { 0 => "No change".to_string(), 1 => "1 change".to_string(), n => format!("{n} changes") } }</span>
                </div>
            </div>
            if history.is_empty() {
                <p class="empty-note">{"No change has been made to this plan yet. Each change you make is listed here."}</p>
            } else if total == 0 {
                <p class="empty-note">{"No change matches these filters."}</p>
            }
            <ol class="records">{ for rows }</ol>
            if more_records > 0 {
                <p class="more"><button class="btn" onclick={show_more}>{ format!("Show older changes ({more_records} more)") }</button></p>
            }
        </section>
    }
}
