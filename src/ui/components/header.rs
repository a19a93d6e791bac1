//! The top bar: product, plan title and the facts that frame every figure.

use super::AppContext;
use crate::ui::state::{Action, SaveStatus};
use crate::ui::state::{EditAction, WorkAction};
use rollplan_core::model::AmountUnit;
use yew::prelude::*;

#[function_component(Header)]
pub fn header() -> Html {
    let ctx = use_context::<AppContext>().expect("Header is rendered inside the app context");
    let doc = ctx.doc.borrow();
    let plan = doc.plan();
    let unit = match plan.amount_unit {
        AmountUnit::Units => plan.currency.clone(),
        AmountUnit::Thousands => format!("{} thousands", plan.currency),
    };
    let undo = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Edit(EditAction::Undo)))
    };
    let redo = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Edit(EditAction::Redo)))
    };
    let plans = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Work(WorkAction::ShowLibrary(true))))
    };
    html! {
        <header class="topbar">
            <div class="brand" aria-label="Rollplan">
                <span class="brand-mark" aria-hidden="true">{"R"}</span>
                <span class="brand-name">{"Rollplan"}</span>
            </div>
            <div class="plan-id">
                <h1 class="plan-title" title={plan.title.clone()}>{ &plan.title }</h1>
                <div class="plan-facts">
                    if !plan.organisation.is_empty() {
                        <span class="fact">{ &plan.organisation }</span>
                    }
                    <span class="fact">{ plan.period_label() }</span>
                    <span class="fact">{ format!("Amounts in {unit}") }</span>
                    <span class="fact">{ format!("{} objectives \u{b7} {} outputs", plan.objectives.len(), plan.outputs.len()) }</span>
                </div>
            </div>
            // A slot of fixed width, so "Saving…" and "Saved" never move the header.
            <span class="save-slot">{ match &ctx.store.saved {
                SaveStatus::Idle => html! {},
                SaveStatus::Pending => html! {
                    <span class="save-state pending" role="status">{"Saving\u{2026}"}</span>
                },
                SaveStatus::Saved => html! {
                    <span class="save-state ok" role="status" title="Every change is kept in this browser; it reopens here next time.">{"Saved in this browser"}</span>
                },
                SaveStatus::Failed(why) => html! {
                    <span class="save-state bad" role="status" title={why.message()}>{"Not saved"}</span>
                },
            } }</span>
            <button class="tool" onclick={plans} title="The plans kept in this browser: open, start, copy, rename, delete">{"Plans"}</button>
            <super::file_menu::FileMenu />
            <div class="toolbar" role="toolbar" aria-label="Edit">
                <button class="tool" onclick={undo} disabled={!doc.can_undo()} title="Undo (Ctrl+Z)">{"Undo"}</button>
                <button class="tool" onclick={redo} disabled={!doc.can_redo()} title="Redo (Ctrl+Y)">{"Redo"}</button>
            </div>
        </header>
    }
}
