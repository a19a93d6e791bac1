//! The side panel: the selected objective, what it is for and what it costs.

use super::AppContext;
use crate::ui::state::Action;
use crate::ui::state::WorkAction;
use rollplan_core::numfmt::format_amount;
use yew::prelude::*;

#[function_component(Inspector)]
pub fn inspector() -> Html {
    let ctx = use_context::<AppContext>().expect("Inspector is rendered inside the app context");
    let doc = ctx.doc.borrow();
    let engine = doc.view();
    let plan = engine.plan();
    let dp = plan.dp();
    let Some(id) = ctx.work.selected_objective else {
        return html! {
            <aside class="inspector empty" aria-label="Details">
                <p class="hint">{"Select an objective's column heading to see its description, outputs and cost by year."}</p>
            </aside>
        };
    };
    let Some(k) = plan.objectives.iter().position(|o| o.id == id) else {
        return html! {};
    };
    let objective = &plan.objectives[k];
    let outputs: Vec<_> = plan
        .outputs
        .iter()
        .filter(|o| o.links.iter().any(|l| l.objective == id))
        .collect();
    let table = engine.table(rollplan_core::calc::Dim::Objective).ok();
    let figures = table
        .as_ref()
        .and_then(|t| t.rows.get(k))
        .map(|r| r.figures.clone());
    let close = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Work(WorkAction::SelectObjective(None))))
    };
    html! {
        <aside class="inspector" aria-label={format!("Objective {}", objective.code)}>
            <div class="inspector-head">
                <span class="code-pill">{ &objective.code }</span>
                <button class="close" onclick={close} aria-label="Close details">{"\u{d7}"}</button>
            </div>
            <h2 class="inspector-title">{ &objective.title }</h2>
            <p class="description">{ &objective.description }</p>
            if let Some(f) = figures {
                <h3>{ format!("Cost ({})", plan.currency) }</h3>
                <table class="mini">
                    <tbody>
                        { for plan.years.iter().zip(f.years.iter()).map(|(y, v)| html! {
                            <tr><th scope="row">{ y }</th><td class="num">{ format_amount(*v, dp) }</td></tr>
                        }) }
                        <tr class="total"><th scope="row">{ plan.period_label() }</th><td class="num">{ format_amount(f.period, dp) }</td></tr>
                    </tbody>
                </table>
            }
            <h3>{ format!("Outputs ({})", outputs.len()) }</h3>
            <ul class="output-list">
                { for outputs.iter().map(|o| html! { <li><span class="code">{ &o.code }</span>{" "}{ &o.title }</li> }) }
            </ul>
        </aside>
    }
}
