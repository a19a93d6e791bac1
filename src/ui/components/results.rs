//! The results framework beside the money: per objective, its cost by year, the outputs
//! that serve it, its expected results, its KPIs with a status per year, and its risks; a
//! summary of cost and KPI progress for every objective; the plan's 5 x 5 risk matrix.
//! Every change is an `Edit` dispatched to the reducer; the rules live in `core::results`.

use super::value_input::ValueInput;
use super::AppContext;
use crate::ui::state::Action;
use crate::ui::state::{EditAction, SayAction, WorkAction};
use rollplan_core::edit::Edit;
use rollplan_core::model::*;
use rollplan_core::numfmt::format_amount;
use rollplan_core::reports::results::{self, Severity, Status};
use rollplan_core::sheet::{CellKey, Col, Target};
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn input_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .or_else(|| {
            e.target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
        })
        .or_else(|| {
            e.target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                .map(|s| s.value())
        })
}

/// Enter in a wrapping name box commits it, as in a one-line box; a name has no newlines.
fn enter_commits(e: KeyboardEvent) {
    if e.key() == "Enter" {
        e.prevent_default();
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.blur();
        }
    }
}

/// How a typed value changes a KPI, or why it cannot.
type KpiChange = Box<dyn Fn(&mut Kpi, String) -> Result<(), String>>;

fn status_chip(s: Status) -> Html {
    let class = match s {
        Status::OnTrack => "chip on",
        Status::OffTrack => "chip off",
        Status::NoData => "chip none",
    };
    html! { <span class={class}>{ s.label() }</span> }
}

#[function_component(Results)]
pub fn results_view() -> Html {
    let ctx = use_context::<AppContext>().expect("Results is rendered inside the app context");
    let doc = ctx.doc.borrow();
    let engine = doc.view();
    let plan = engine.plan();
    let dp = plan.dp();
    let view = match results::by_objective(engine) {
        Ok(v) => v,
        Err(e) => return html! { <p class="message" role="alert">{ e.to_string() }</p> },
    };
    if view.is_empty() {
        return html! { <section class="panel"><p class="hint pad">{"Add an objective in the Resources view first."}</p></section> };
    }
    let years = plan.years.len();
    let selected = ctx
        .work
        .selected_objective
        .and_then(|id| view.iter().position(|o| o.objective.id == id))
        .unwrap_or(0);
    let apply = |edit: Edit| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::Edit(EditAction::Apply(edit.clone())))
        })
    };

    // Cost per result: every objective's cost beside where its KPIs stand.
    let summary = view.iter().map(|o| {
        let mut counts = [0usize; 3];
        for (kpi, _) in &o.kpis {
            match results::latest(kpi, years).map(|(_, s)| s) {
                Some(Status::OnTrack) => counts[0] += 1,
                Some(Status::OffTrack) => counts[1] += 1,
                _ => counts[2] += 1,
            }
        }
        let id = o.objective.id;
        let select = {
            let ctx = ctx.clone();
            Callback::from(move |_| ctx.dispatch(Action::Work(WorkAction::SelectObjective(Some(id)))))
        };
        let current = o.objective.id == view[selected].objective.id;
        html! {
            <tr class={classes!(current.then_some("current"))}>
                <th scope="row"><button class="link" onclick={select} aria-current={current.then_some("true")}>
                    <span class="code">{ &o.objective.code }</span>{" "}{ &o.objective.title }</button></th>
                <td class="num">{ format_amount(o.cost.period, dp) }</td>
                <td class="num">{ o.kpis.len() }</td>
                <td class="num on">{ counts[0] }</td>
                <td class="num off">{ counts[1] }</td>
                <td class="num none">{ counts[2] }</td>
            </tr>
        }
    });

    let o = &view[selected];
    let objective_id = o.objective.id;
    let cost_row = html! {
        <table class="mini figures" aria-label={format!("Cost of {} by year", o.objective.code)}>
            <thead><tr>{ for plan.years.iter().map(|y| html! { <th scope="col" class="num">{ y }</th> }) }<th scope="col" class="num">{ plan.period_label() }</th></tr></thead>
            <tbody><tr>{ for o.cost.years.iter().map(|v| html! { <td class="num">{ format_amount(*v, dp) }</td> }) }<td class="num total">{ format_amount(o.cost.period, dp) }</td></tr></tbody>
        </table>
    };
    let new_kpi = |owner: Owner| Edit::InsertKpi {
        index: plan.kpis.len(),
        kpi: Box::new(Kpi {
            id: KpiId(plan.next_id),
            owner,
            name: "New KPI".into(),
            unit: String::new(),
            direction: Direction::HigherIsBetter,
            baseline: None,
            targets: vec![None; years],
            actuals: vec![None; years],
        }),
    };
    let new_result = |owner: Owner| Edit::InsertResult {
        index: plan.results.len(),
        result: ExpectedResult {
            id: ResultId(plan.next_id),
            owner,
            text: "New expected result".into(),
        },
    };
    let new_risk = |outputs: Vec<OutputId>| Edit::InsertRisk {
        index: plan.risks.len(),
        risk: Box::new(Risk {
            id: RiskId(plan.next_id),
            description: "New risk".into(),
            likelihood: 3,
            impact: 3,
            mitigation: String::new(),
            outputs,
        }),
    };
    let owner_code = |owner: Owner| {
        match owner {
            Owner::Objective(id) => plan.objective(id).map(|x| x.code.clone()),
            Owner::Output(id) => plan
                .outputs
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.code.clone()),
        }
        .unwrap_or_default()
    };
    let outputs = o.outputs.iter().map(|(out, f)| html! {
        <tr><th scope="row"><span class="code">{ &out.code }</span>{" "}{ &out.title }</th>
            { for f.years.iter().map(|v| html! { <td class="num">{ format_amount(*v, dp) }</td> }) }
            <td class="num total">{ format_amount(f.period, dp) }</td>
            <td class="adds">
                <button class="btn small" onclick={apply(new_result(Owner::Output(out.id)))} aria-label={format!("Add an expected result for output {}", out.code)}>{"+ result"}</button>
                <button class="btn small" onclick={apply(new_kpi(Owner::Output(out.id)))} aria-label={format!("Add a KPI for output {}", out.code)}>{"+ KPI"}</button>
                <button class="btn small" onclick={apply(new_risk(vec![out.id]))} aria-label={format!("Add a risk to output {}", out.code)}>{"+ risk"}</button>
            </td></tr>
    });
    let result_items = o.results.iter().map(|r| {
        let r = (*r).clone();
        let onchange = {
            let r = r.clone();
            let ctx = ctx.clone();
            Callback::from(move |e: Event| {
                if let Some(text) = input_value(&e) {
                    if text != r.text {
                        ctx.dispatch(Action::Edit(EditAction::Apply(Edit::SetResult(ExpectedResult { text, ..r.clone() }))));
                    }
                }
            })
        };
        let remove = apply(Edit::RemoveResult { result: r.id });
        html! {
            <li key={r.id.0}>
                <span class="code owner">{ owner_code(r.owner) }</span>
                <input class="text" value={r.text.clone()} {onchange} aria-label="Expected result" />
                <button class="btn small" onclick={remove} aria-label={format!("Delete expected result: {}", r.text)}>{"Delete"}</button>
            </li>
        }
    });
    let add_result = apply(new_result(Owner::Objective(objective_id)));

    let kpi_rows = o.kpis.iter().map(|(kpi, statuses)| {
        let kpi = (*kpi).clone();
        let set = {
            let ctx = ctx.clone();
            let kpi = kpi.clone();
            move |change: KpiChange| {
                let ctx = ctx.clone();
                let kpi = kpi.clone();
                Callback::from(move |e: Event| {
                    let Some(text) = input_value(&e) else { return };
                    let mut next = kpi.clone();
                    match change(&mut next, text) {
                        Ok(()) if next != kpi => ctx.dispatch(Action::Edit(EditAction::Apply(Edit::SetKpi(Box::new(next))))),
                        Ok(()) => {}
                        Err(why) => ctx.dispatch(Action::Say(SayAction::Tell(why))),
                    }
                })
            }
        };
        let cells = (0..years).map(|y| {
            let year = plan.years[y].clone();
            let name = kpi.name.clone();
            let at = |target| CellKey { target, col: Col::Year(y) };
            html! {
                <td class="kpi-year">
                    <ValueInput key_={at(Target::KpiTarget(kpi.id))} value={kpi.targets[y]}
                        label={format!("{name}, target {year}")} inline=true />
                    <ValueInput key_={at(Target::KpiActual(kpi.id))} value={kpi.actuals[y]}
                        label={format!("{name}, actual {year}")} inline=true />
                    <span aria-label={format!("{name}, status {year}")} role="status">{ status_chip(statuses[y]) }</span>
                </td>
            }
        });
        let remove = apply(Edit::RemoveKpi { kpi: kpi.id });
        let higher = kpi.direction == Direction::HigherIsBetter;
        html! {
            <tr key={kpi.id.0}>
                <th scope="row">
                    <span class="code owner">{ owner_code(kpi.owner) }</span>
                    // Wraps, so a long KPI reads whole.
                    <textarea class="text name" rows="2" value={kpi.name.clone()} aria-label="KPI name"
                        onkeydown={Callback::from(enter_commits)}
                        onchange={set(Box::new(|k, t| { k.name = t.replace(['\n', '\r'], " "); Ok(()) }))} />
                    <div class="kpi-facts">
                        <input class="unit" value={kpi.unit.clone()} aria-label={format!("{}, unit", kpi.name)} placeholder="unit"
                            onchange={set(Box::new(|k, t| { k.unit = t; Ok(()) }))} />
                        <select aria-label={format!("{}, direction", kpi.name)}
                            onchange={set(Box::new(|k, t| { k.direction = if t == "lower" { Direction::LowerIsBetter } else { Direction::HigherIsBetter }; Ok(()) }))}>
                            <option value="higher" selected={higher}>{"higher is better"}</option>
                            <option value="lower" selected={!higher}>{"lower is better"}</option>
                        </select>
                        <input class="unit" value={kpi.baseline.as_ref().map(|b| b.year.clone()).unwrap_or_default()} placeholder="base year"
                            aria-label={format!("{}, baseline year", kpi.name)}
                            onchange={set(Box::new(|k, t| match k.baseline.as_mut() {
                                Some(b) => { b.year = t; Ok(()) }
                                None if t.trim().is_empty() => Ok(()),
                                None => Err("Type the baseline value first; its year goes with it.".into()),
                            }))} />
                        <ValueInput key_={CellKey::of(Target::KpiBaseline(kpi.id))} value={kpi.baseline.as_ref().map(|b| b.value)}
                            label={format!("{}, baseline value", kpi.name)} inline=true placeholder="baseline" />
                        <button class="btn small" onclick={remove} aria-label={format!("Delete KPI {}", kpi.name)}>{"Delete"}</button>
                    </div>
                </th>
                { for cells }
            </tr>
        }
    });
    let add_kpi = apply(new_kpi(Owner::Objective(objective_id)));

    let risk_rows = o.risks.iter().map(|r| {
        let r = (*r).clone();
        let score = |what: &'static str, value: u8| {
            let ctx = ctx.clone();
            let r = r.clone();
            let label = format!("{}, {what}", r.description);
            let options = (1..=5u8).map(|v| html! { <option value={v.to_string()} selected={v == value}>{ v }</option> });
            let onchange = Callback::from(move |e: Event| {
                let Some(v) = input_value(&e).and_then(|t| t.parse::<u8>().ok()) else { return };
                let mut next = r.clone();
                if what == "likelihood" { next.likelihood = v } else { next.impact = v }
                ctx.dispatch(Action::Edit(EditAction::Apply(Edit::SetRisk(Box::new(next)))));
            });
            html! { <select aria-label={label} {onchange}>{ for options }</select> }
        };
        let severity = Severity::of(r.likelihood, r.impact);
        let text = |change: fn(&mut Risk, String)| {
            let ctx = ctx.clone();
            let r = r.clone();
            Callback::from(move |e: Event| {
                let Some(t) = input_value(&e) else { return };
                let mut next = r.clone();
                change(&mut next, t);
                if next != r {
                    ctx.dispatch(Action::Edit(EditAction::Apply(Edit::SetRisk(Box::new(next)))));
                }
            })
        };
        let links = o.outputs.iter().map(|(out, _)| {
            let linked = r.outputs.contains(&out.id);
            let toggle = {
                let ctx = ctx.clone();
                let r = r.clone();
                let id = out.id;
                Callback::from(move |_: Event| {
                    let mut next = r.clone();
                    if linked {
                        next.outputs.retain(|x| *x != id);
                    } else {
                        next.outputs.push(id);
                    }
                    ctx.dispatch(Action::Edit(EditAction::Apply(Edit::SetRisk(Box::new(next)))));
                })
            };
            html! { <label class="check"><input type="checkbox" checked={linked} onchange={toggle}
                aria-label={format!("{} affects output {}", r.description, out.code)} />{ &out.code }</label> }
        });
        html! {
            <tr key={r.id.0}>
                <th scope="row">
                    <input class="text" value={r.description.clone()} aria-label="Risk" onchange={text(|r, t| r.description = t)} />
                    <input class="text mitigation" value={r.mitigation.clone()} placeholder="Mitigation" aria-label={format!("{}, mitigation", r.description)}
                        onchange={text(|r, t| r.mitigation = t)} />
                    <div class="risk-links">{"Outputs: "}{ for links }
                        <button class="btn small" onclick={apply(Edit::RemoveRisk { risk: r.id })} aria-label={format!("Delete risk {}", r.description)}>{"Delete"}</button></div>
                </th>
                <td>{ score("likelihood", r.likelihood) }</td>
                <td>{ score("impact", r.impact) }</td>
                <td><span class={classes!("sev", severity.label())}>{ severity.label() }</span></td>
            </tr>
        }
    });

    // The plan's risks on a 5 x 5 grid, impact up, likelihood across.
    let matrix = results::risk_matrix(plan);
    let describe = |ids: &[RiskId]| -> String {
        ids.iter()
            .filter_map(|id| plan.risks.iter().find(|r| r.id == *id))
            .map(|r| r.description.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let matrix_rows = (1..=5u8).rev().map(|impact| html! {
        <tr>
            <th scope="row">{ impact }</th>
            { for (1..=5u8).map(|likelihood| {
                let ids = &matrix[usize::from(impact - 1)][usize::from(likelihood - 1)];
                let sev = Severity::of(likelihood, impact);
                html! {
                    <td class={classes!("cell", sev.label())} title={describe(ids)}
                        aria-label={format!("Likelihood {likelihood}, impact {impact}: {} risk(s)", ids.len())}>
                        if !ids.is_empty() { { ids.len() } }
                    </td>
                }
            }) }
        </tr>
    });

    html! {
        <div class="results">
            <section class="panel" aria-labelledby="cost-per-result">
                <div class="panel-head">
                    <h2 id="cost-per-result">{"Cost per result"}</h2>
                    <p class="panel-sub">{ format!("Each objective's cost over {} ({}) beside where its KPIs stand in their latest year with data.", plan.period_label(), plan.currency) }</p>
                </div>
                <table class="mini summary">
                    <thead><tr><th scope="col">{"Objective"}</th><th scope="col" class="num">{"Cost"}</th><th scope="col" class="num">{"KPIs"}</th>
                        <th scope="col" class="num">{"On track"}</th><th scope="col" class="num">{"Off track"}</th><th scope="col" class="num">{"No data"}</th></tr></thead>
                    <tbody>{ for summary }</tbody>
                </table>
            </section>
            <section class="panel objective-page" aria-label={format!("Objective {}", o.objective.code)}>
                <div class="panel-head">
                    <h2><span class="code-pill">{ &o.objective.code }</span>{" "}{ &o.objective.title }</h2>
                    if !o.objective.description.is_empty() { <p class="panel-sub">{ &o.objective.description }</p> }
                </div>
                <div class="pad">
                    <h3>{ format!("Cost ({})", plan.currency) }</h3>
                    { cost_row }
                    <h3>{ format!("Outputs serving it ({})", o.outputs.len()) }</h3>
                    <table class="mini figures">
                        <thead><tr><th scope="col">{"Output (whole cost)"}</th>{ for plan.years.iter().map(|y| html! { <th scope="col" class="num">{ y }</th> }) }<th scope="col" class="num">{ plan.period_label() }</th><th scope="col"><span class="sr-only">{"Add"}</span></th></tr></thead>
                        <tbody>{ for outputs }</tbody>
                    </table>
                    <h3>{"Expected results"}</h3>
                    <ul class="result-list">{ for result_items }</ul>
                    <button class="btn" onclick={add_result}>{"Add expected result"}</button>
                    <h3>{"Key performance indicators"}</h3>
                    <p class="hint">{"Each year: target, actual, and the status (on track when the actual meets the target in the KPI's direction; no data without both)."}</p>
                    <div class="table-scroll">
                        <table class="mini kpis">
                            <thead><tr><th scope="col">{"KPI"}</th>{ for plan.years.iter().map(|y| html! { <th scope="col">{ y }<span class="sub">{"target \u{b7} actual"}</span></th> }) }</tr></thead>
                            <tbody>{ for kpi_rows }</tbody>
                        </table>
                    </div>
                    <button class="btn" onclick={add_kpi}>{"Add KPI"}</button>
                    <h3>{"Risks to its outputs"}</h3>
                    if o.risks.is_empty() {
                        <p class="hint">{"No risks are recorded for the outputs of this objective."}</p>
                    } else {
                        <table class="mini risks">
                            <thead><tr><th scope="col">{"Risk"}</th><th scope="col">{"Likelihood"}</th><th scope="col">{"Impact"}</th><th scope="col">{"Severity"}</th></tr></thead>
                            <tbody>{ for risk_rows }</tbody>
                        </table>
                    }
                </div>
            </section>
            <section class="panel" aria-labelledby="risk-matrix">
                <div class="panel-head"><h2 id="risk-matrix">{"Risk matrix"}</h2>
                    <p class="panel-sub">{ format!("All {} risks of the plan by likelihood (across) and impact (up); hover a cell for its risks.", plan.risks.len()) }</p></div>
                <table class="risk-matrix" aria-label="Risks by likelihood and impact">
                    <caption>{"Rows: impact 5 (severe) to 1 (minor). Columns: likelihood 1 (rare) to 5 (almost certain)."}</caption>
                    <tbody>{ for matrix_rows }</tbody>
                    <tfoot><tr><td></td>{ for (1..=5).map(|l| html! { <th scope="col">{ l }</th> }) }</tr></tfoot>
                </table>
            </section>
        </div>
    }
}
