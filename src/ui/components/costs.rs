//! Standard costs (grades x years, with the yearly escalation) and ceilings, editable.

use super::grid::Grid;
use super::rollups::scope_label;
use super::value_input::ValueInput;
use super::AppContext;
use crate::ui::state::Action;
use crate::ui::state::EditAction;
use rollplan_core::model::Key;
use rollplan_core::numfmt::format_amount;
use rollplan_core::sheet::{CellKey, Col, Range, Sheet, SheetKind, Target};
use yew::prelude::*;

#[function_component(Costs)]
pub fn costs() -> Html {
    let ctx = use_context::<AppContext>().expect("Costs is rendered inside the app context");
    let sheet = {
        let ctx = ctx.clone();
        let shape = (ctx.doc.session, ctx.doc.borrow().shape_version());
        use_memo(shape, move |_| {
            Sheet::standard_costs(ctx.doc.borrow().view().plan())
        })
    };
    let selection = use_mut_ref(|| None::<Range>);
    let on_range = {
        let selection = selection.clone();
        Callback::from(move |r: Range| *selection.borrow_mut() = Some(r))
    };
    let reset = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(range) = *selection.borrow() {
                ctx.dispatch(Action::Edit(EditAction::ResetCells {
                    sheet: SheetKind::StandardCosts,
                    range,
                }));
            }
        })
    };
    let scenario = ctx.scenario_name();
    let doc = ctx.doc.borrow();
    let plan = doc.view().plan();
    let dp = plan.dp();
    let ceilings = doc.view().ceilings().unwrap_or_default();
    // A scenario's own escalation and ceilings are marked like its cells in the grid.
    let own = |key: Key| doc.scenario().is_some_and(|s| s.overrides(key));
    let escalation = CellKey {
        target: Target::Escalation,
        col: Col::Rate,
    };
    html! {
        <div class="costs">
            <section class="panel grid-panel" aria-labelledby="std-title">
                <div class="panel-head head-row">
                    <div>
                        <h2 id="std-title">{ format!("Standard costs per post-year ({})", plan.currency) }
                            if let Some(name) = &scenario { <span class="scenario-chip">{ format!("Scenario: {name}") }</span> }
                        </h2>
                        <p class="panel-sub">{"A blank year takes the year before, escalated (shown greyed). Type a figure to fix a year."}</p>
                    </div>
                    <div class="head-tools">
                    if scenario.is_some() {
                        <button class="tool scenario-tool" onclick={reset}
                            title="The selected standard costs follow the baseline again">{"Reset to baseline"}</button>
                    }
                    <ValueInput key_={escalation} value={plan.standard_costs.escalation_percent}
                        label="Yearly escalation (%)" overridden={own(Key::Escalation)} />
                    </div>
                </div>
                <Grid sheet={sheet.clone()} label="Standard costs" id="std" {on_range} />
            </section>
            <section class="panel" aria-labelledby="ceilings-title">
                <div class="panel-head">
                    <h2 id="ceilings-title">{"Ceilings"}</h2>
                    <p class="panel-sub">{"The cost of the plan against each ceiling; a negative variance is over the ceiling."}</p>
                </div>
                if ceilings.is_empty() {
                    <p class="hint pad">{"This plan has no ceilings."}</p>
                } else {
                    <table class="rollup ceilings" aria-label="Ceiling amounts">
                        <thead><tr>
                            <th scope="col" class="corner">{"Ceiling"}</th>
                            <th scope="col">{"Scope"}</th>
                            <th scope="col" class="num">{"Amount"}</th>
                            <th scope="col" class="num">{"Cost"}</th>
                            <th scope="col" class="num">{"Variance"}</th>
                        </tr></thead>
                        <tbody>
                            { for ceilings.iter().map(|c| {
                                let key = CellKey { target: Target::Ceiling(c.id), col: Col::Period };
                                html! {
                                    <tr class={classes!(c.over.then_some("over"))}>
                                        <th scope="row">{ &c.name }</th>
                                        <td>{ scope_label(plan, c.scope) }</td>
                                        <td class="num"><ValueInput key_={key} value={Some(c.ceiling)} label={format!("Amount of {}", c.name)} inline=true
                                            overridden={own(Key::Ceiling { ceiling: c.id })} /></td>
                                        <td class="num">{ format_amount(c.cost, dp) }</td>
                                        <td class="num variance">{ format_amount(c.variance, dp) }
                                            if c.over { <span class="over-flag">{"over"}</span> }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                }
            </section>
        </div>
    }
}
