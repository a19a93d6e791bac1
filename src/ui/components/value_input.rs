//! One number outside a grid (an escalation, a ceiling, a KPI figure, a proposal's rate or
//! quantity, a driver), typed through the core's one input path like a grid cell: a valid
//! value becomes an edit; anything else stays in the box with the reason, and Undo takes it
//! back like any change.

use super::AppContext;
use crate::ui::state::Action;
use crate::ui::state::EditAction;
use rollplan_core::numfmt::format_amount;
use rollplan_core::sheet::CellKey;
use rust_decimal::Decimal;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ValueInputProps {
    pub key_: CellKey,
    pub value: Option<Decimal>,
    pub label: AttrValue,
    /// In a table row the label is for screen readers only.
    #[prop_or_default]
    pub inline: bool,
    /// The shown scenario's own figure, not the baseline's.
    #[prop_or_default]
    pub overridden: bool,
    /// What a blank box means (a scenario's driver follows the baseline).
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
}

/// One number outside a grid, committed on Enter or when focus leaves; text that is not a
/// number stays in the box with the reason, like a grid cell.
#[function_component(ValueInput)]
pub fn value_input(props: &ValueInputProps) -> Html {
    let ctx = use_context::<AppContext>().expect("ValueInput is rendered inside the app context");
    let draft = ctx.doc.borrow().drafts().get(&props.key_).cloned();
    let shown = draft.as_ref().map(|d| d.text.clone()).unwrap_or_else(|| {
        props
            .value
            .map(|v| format_amount(v, v.normalize().scale()))
            .unwrap_or_default()
    });
    let commit = {
        let ctx = ctx.clone();
        let key = props.key_;
        Callback::from(move |text: String| {
            ctx.dispatch(Action::Edit(EditAction::CommitCell { key, text }))
        })
    };
    let onchange = {
        let commit = commit.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                commit.emit(i.value());
            }
        })
    };
    // Unique per field: the key names its target and column.
    let id = format!("vi-{:?}", props.key_).replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    html! {
        <span class="value-input">
            <label class={classes!("tool-label", props.inline.then_some("sr-only"))} for={id.clone()}>{ props.label.clone() }</label>
            <input id={id.clone()} class={classes!("num-input", draft.is_some().then_some("invalid"), props.overridden.then_some("overridden"))}
                title={props.overridden.then_some("Changed in this scenario")}
                value={shown} {onchange} aria-invalid={draft.is_some().then_some("true")}
                aria-describedby={draft.is_some().then(|| format!("{id}-err"))} inputmode="decimal"
                placeholder={props.placeholder.clone()} />
            if let Some(d) = draft {
                <span class="field-error" id={format!("{id}-err")} role="alert">{ d.error }</span>
            }
        </span>
    }
}
