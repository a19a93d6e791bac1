//! The linkage matrix (like Table 7.1 of the seeds): outputs x objectives.
//!
//! A cell shows X for an equal share or the explicit percentage. Clicking a cell links or
//! unlinks the output, through the same edit (and undo) as every other change. The last
//! column and the footer are rollups from the engine: each output's cost for the period, and
//! each objective's cost and share of the total.

use super::AppContext;
use crate::core::calc::Figures;
use crate::core::edit::Edit;
use crate::core::model::Share;
use crate::core::numfmt::{format_amount, plain};
use crate::core::validate::shares_complete;
use crate::ui::state::Action;
use yew::prelude::*;

#[function_component(Matrix)]
pub fn matrix() -> Html {
    let ctx = use_context::<AppContext>().expect("Matrix is rendered inside the app context");
    let doc = ctx.doc.borrow();
    let engine = doc.engine();
    let plan = engine.plan();
    let n = plan.years.len();
    let objective_table = engine.table(crate::core::calc::Dim::Objective).ok();
    let shares = engine.objective_shares(1).unwrap_or_default();
    let period = plan.period_label();

    let head = plan.objectives.iter().map(|o| {
        let selected = ctx.selected_objective == Some(o.id);
        let onclick = {
            let ctx = ctx.clone();
            let id = o.id;
            Callback::from(move |_| {
                ctx.dispatch(Action::SelectObjective(if selected {
                    None
                } else {
                    Some(id)
                }))
            })
        };
        html! {
            <th scope="col" class={classes!("obj-col", selected.then_some("selected"))}>
                <button class="obj-head" {onclick} aria-pressed={selected.to_string()}
                        title={if o.description.is_empty() { o.title.clone() } else { format!("{}\n\n{}", o.title, o.description) }}>
                    <span class="obj-code">{ &o.code }</span>
                    <span class="obj-title">{ &o.title }</span>
                </button>
            </th>
        }
    });

    let rows = plan.outputs.iter().enumerate().map(|(i, out)| {
        let complete = shares_complete(&out.links);
        let cost = Figures::from_years(&engine.rollups().output[i * n..(i + 1) * n])
            .map(|f| format_amount(f.period, 0))
            .unwrap_or_else(|e| e.to_string());
        let cells = plan.objectives.iter().map(|obj| {
            let link = out.links.iter().find(|l| l.objective == obj.id);
            let mark = match link.map(|l| l.share) {
                Some(Share::Equal) => "X".to_string(),
                Some(Share::Percent(p)) => format!("{} %", plain(p)),
                None => String::new(),
            };
            let linked = link.is_some();
            let onclick = {
                let ctx = ctx.clone();
                let (output, objective) = (out.id, obj.id);
                Callback::from(move |_| {
                    ctx.dispatch(Action::Apply(Edit::SetLink {
                        output,
                        objective,
                        share: if linked { None } else { Some(Share::Equal) },
                    }))
                })
            };
            let selected = ctx.selected_objective == Some(obj.id);
            let label = format!(
                "Output {} and objective {}: {}",
                out.code,
                obj.code,
                if linked { format!("linked ({mark})") } else { "not linked".into() }
            );
            html! {
                <td class={classes!("mark", linked.then_some("on"), selected.then_some("selected"))}>
                    <button class={classes!("mark-btn", linked.then_some("on"))} {onclick}
                            aria-label={label} aria-pressed={linked.to_string()}>{ mark }</button>
                </td>
            }
        });
        html! {
            <tr class={classes!((!complete).then_some("flagged"))}>
                <th scope="row" class="out-head">
                    <div class="out-head-inner">
                        <span class="code">{ &out.code }</span>
                        <span class="out-title">{ &out.title }</span>
                        if !complete {
                            <span class="flag" title="Shares do not sum to 100 %">{"shares \u{2260} 100 %"}</span>
                        }
                    </div>
                </th>
                { for cells }
                <td class="num cost">{ cost }</td>
            </tr>
        }
    });

    let foot_costs = plan.objectives.iter().enumerate().map(|(k, o)| {
        let v = objective_table
            .as_ref()
            .and_then(|t| t.rows.get(k))
            .map(|r| format_amount(r.figures.period, 0))
            .unwrap_or_default();
        let selected = ctx.selected_objective == Some(o.id);
        html! { <td class={classes!("num", selected.then_some("selected"))} data-objective={o.code.clone()}>{ v }</td> }
    });
    let foot_shares = plan.objectives.iter().enumerate().map(|(k, o)| {
        let v = shares.get(k).map(|s| format!("{s} %")).unwrap_or_default();
        let selected = ctx.selected_objective == Some(o.id);
        html! { <td class={classes!("num", "share", selected.then_some("selected"))}>{ v }</td> }
    });
    let total = objective_table
        .as_ref()
        .map(|t| format_amount(t.total.period, 0))
        .unwrap_or_default();

    html! {
        <section class="panel matrix-panel" aria-labelledby="matrix-title">
            <div class="panel-head">
                <h2 id="matrix-title">{"Outputs and objectives"}</h2>
                <p class="panel-sub">{"Each X gives the output's cost to the objective, shared equally among its marks. Click a cell to link or unlink."}</p>
            </div>
            <div class="table-scroll">
                <table class="matrix" aria-label="Outputs by objective">
                    <thead>
                        <tr>
                            <th scope="col" class="corner">{"Output"}</th>
                            { for head }
                            <th scope="col" class="num cost-head">{ format!("Cost {period}") }<span class="unit">{ &plan.currency }</span></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                    <tfoot>
                        <tr class="total">
                            <th scope="row">{ format!("Cost by objective, {period}") }</th>
                            { for foot_costs }
                            <td class="num" data-total="period">{ total }</td>
                        </tr>
                        <tr class="shares">
                            <th scope="row">{"Share of total"}</th>
                            { for foot_shares }
                            <td class="num share">{"100 %"}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}
