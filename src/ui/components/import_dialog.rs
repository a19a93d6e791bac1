//! The column-mapping step for a budget CSV that is not ours: what each column means,
//! with a preview of the first rows. Nothing changes until the user presses Import.

use super::AppContext;
use crate::ui::state::Action;
use crate::ui::state::ImportAction;
use rollplan_core::io::budget::{Amounts, Mapping};
use rollplan_core::model::AmountUnit;
use wasm_bindgen::JsCast;
use yew::prelude::*;

const PREVIEW_ROWS: usize = 6;

/// How one control changes the mapping, given its event.
type Change = Box<dyn Fn(&mut Mapping, &Event)>;

/// The column a select chose (`None` for "none").
fn select_value(e: &Event) -> Option<usize> {
    super::select_value(e).parse().ok()
}

fn checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

#[function_component(ImportDialog)]
pub fn import_dialog() -> Html {
    let ctx = use_context::<AppContext>().expect("ImportDialog is rendered inside the app context");
    super::use_focus_return(ctx.import.is_some());
    let dialog = use_node_ref();
    {
        // Focus moves into the dialog when it opens.
        let dialog = dialog.clone();
        use_effect_with(ctx.import.is_some(), move |open| {
            if *open {
                if let Some(el) = dialog.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let Some(p) = ctx.import.clone() else {
        return html! {};
    };
    let t = p.table.clone();
    let m = p.mapping.clone();
    let set = {
        let ctx = ctx.clone();
        let current = m.clone();
        move |f: Change| {
            let ctx = ctx.clone();
            let m = current.clone();
            Callback::from(move |e: Event| {
                let mut next = m.clone();
                f(&mut next, &e);
                ctx.dispatch(Action::Import(ImportAction::SetMapping(next)));
            })
        }
    };
    let options = |selected: Option<usize>, optional: bool| {
        html! {
            <>
                if optional { <option value="" selected={selected.is_none()}>{"\u{2014} none \u{2014}"}</option> }
                { for t.header.iter().enumerate().map(|(i, h)| html! {
                    <option value={i.to_string()} selected={selected == Some(i)}>{ if h.is_empty() { format!("Column {}", i + 1) } else { h.clone() } }</option>
                }) }
            </>
        }
    };
    let wide = matches!(m.amounts, Amounts::Wide { .. });
    let role = |i: usize| -> Option<&'static str> {
        if i == m.objective {
            Some("objective")
        } else if i == m.output {
            Some("output")
        } else if m.unit == Some(i) {
            Some("unit")
        } else if m.category == Some(i) {
            Some("category")
        } else {
            match &m.amounts {
                Amounts::Wide { years } if years.contains(&i) => Some("year"),
                Amounts::Long { year, .. } if *year == i => Some("year"),
                Amounts::Long { amount, .. } if *amount == i => Some("amount"),
                _ => None,
            }
        }
    };
    // A workbook: which sheet, and which of its rows is the header.
    let workbook = p.sheets.clone().map(|(sheets, k, header_row)| {
        let choose_sheet = {
            let ctx = ctx.clone();
            Callback::from(move |e: Event| {
                if let Some(sheet) = select_value(&e) {
                    ctx.dispatch(Action::Import(ImportAction::ChooseSheet { sheet, header_row: None }));
                }
            })
        };
        let choose_header = {
            let ctx = ctx.clone();
            Callback::from(move |e: Event| {
                let text = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .map(|i| i.value())
                    .unwrap_or_default();
                let header_row = text.trim().parse::<usize>().ok();
                ctx.dispatch(Action::Import(ImportAction::ChooseSheet { sheet: k, header_row }));
            })
        };
        let first = sheets.get(k).and_then(|s| s.rows.first()).map_or(1, |(n, _)| *n);
        html! {
            <div class="mapping">
                <label>{"Sheet"}
                    <select aria-label="Sheet" onchange={choose_sheet}>
                        { for sheets.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={i == k}>{ format!("{} ({} rows)", s.name, s.rows.len()) }</option>
                        }) }
                    </select>
                </label>
                <label>{"Header row"}
                    <input type="number" min="1" aria-label="Header row" class="currency"
                           value={header_row.unwrap_or(first).to_string()} onchange={choose_header} />
                </label>
            </div>
        }
    });
    let cancel = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Import(ImportAction::CancelImport)))
    };
    let confirm = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Import(ImportAction::ConfirmImport)))
    };
    // Escape cancels, as every dialog's; Tab stays inside.
    let onkeydown = {
        let ctx = ctx.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                ctx.dispatch(Action::Import(ImportAction::CancelImport));
            }
            super::trap_tab(&e);
        })
    };
    let year_cols = t.header.iter().enumerate().map(|(i, h)| {
        let on = matches!(&m.amounts, Amounts::Wide { years } if years.contains(&i));
        let onchange = set(Box::new(move |m, e| {
            if let Amounts::Wide { years } = &mut m.amounts {
                if checked(e) {
                    if !years.contains(&i) {
                        years.push(i);
                        rollplan_core::order::sort(years);
                    }
                } else {
                    years.retain(|y| *y != i);
                }
            }
        }));
        html! {
            <label class="check"><input type="checkbox" checked={on} {onchange} />{ h.clone() }</label>
        }
    });
    html! {
        <div class="modal-backdrop">
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="import-title" tabindex="-1" ref={dialog}
                 {onkeydown}>
                <h2 id="import-title">{ format!("Import a budget: {}", p.name) }</h2>
                <p class="panel-sub">{ format!("{} rows, {} columns. Say what each column means; the preview shows the first rows.", t.rows.len(), t.header.len()) }</p>
                { workbook.unwrap_or_default() }
                <div class="mapping">
                    <label>{"Objective"}
                        <select aria-label="Objective column" onchange={set(Box::new(|m, e| if let Some(v) = select_value(e) { m.objective = v }))}>{ options(Some(m.objective), false) }</select>
                    </label>
                    <label>{"Output"}
                        <select aria-label="Output column" onchange={set(Box::new(|m, e| if let Some(v) = select_value(e) { m.output = v }))}>{ options(Some(m.output), false) }</select>
                    </label>
                    <label>{"Org unit (optional)"}
                        <select aria-label="Org unit column" onchange={set(Box::new(|m, e| m.unit = select_value(e)))}>{ options(m.unit, true) }</select>
                    </label>
                    <label>{"Cost category (optional)"}
                        <select aria-label="Category column" onchange={set(Box::new(|m, e| m.category = select_value(e)))}>{ options(m.category, true) }</select>
                    </label>
                </div>
                <fieldset class="amounts">
                    <legend>{"Amounts"}</legend>
                    <label class="check">
                        <input type="radio" name="amounts" checked={wide}
                               onchange={set(Box::new(|m, _| m.amounts = Amounts::Wide { years: Vec::new() }))} />
                        {"One column per year"}
                    </label>
                    <label class="check">
                        <input type="radio" name="amounts" checked={!wide}
                               onchange={set(Box::new(|m, _| m.amounts = Amounts::Long { year: 0, amount: 0 }))} />
                        {"A year column and an amount column"}
                    </label>
                    if wide {
                        <div class="year-cols" aria-label="Year columns">{ for year_cols }</div>
                    } else {
                        <div class="mapping">
                            <label>{"Year"}
                                <select aria-label="Year column" onchange={set(Box::new(|m, e| if let (Some(v), Amounts::Long { year, .. }) = (select_value(e), &mut m.amounts) { *year = v }))}>
                                    { options(if let Amounts::Long { year, .. } = m.amounts { Some(year) } else { None }, false) }
                                </select>
                            </label>
                            <label>{"Amount"}
                                <select aria-label="Amount column" onchange={set(Box::new(|m, e| if let (Some(v), Amounts::Long { amount, .. }) = (select_value(e), &mut m.amounts) { *amount = v }))}>
                                    { options(if let Amounts::Long { amount, .. } = m.amounts { Some(amount) } else { None }, false) }
                                </select>
                            </label>
                        </div>
                    }
                    <div class="amount-facts">
                        <label class="check">
                            <input type="checkbox" checked={m.decimal_comma} onchange={set(Box::new(|m, e| m.decimal_comma = checked(e)))} />
                            {"Decimal comma (1.234,5)"}
                        </label>
                        <span role="radiogroup" aria-label="Scale of the amounts" class="scale">
                            <label class="check">
                                <input type="radio" name="scale" checked={m.amounts_in == Some(AmountUnit::Units)}
                                       onchange={set(Box::new(|m, _| m.amounts_in = Some(AmountUnit::Units)))} />
                                {"Amounts are in units"}
                            </label>
                            <label class="check">
                                <input type="radio" name="scale" checked={m.amounts_in == Some(AmountUnit::Thousands)}
                                       onchange={set(Box::new(|m, _| m.amounts_in = Some(AmountUnit::Thousands)))} />
                                {"Amounts are in thousands"}
                            </label>
                        </span>
                        <label class="check">{"Currency"}
                            <input class="currency" type="text" maxlength="3" placeholder="e.g. AUD" value={m.currency.clone()}
                                   aria-label="Currency code" aria-required="true"
                                   onchange={set(Box::new(|m, e| m.currency = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()))} />
                        </label>
                    </div>
                    if m.currency.trim().is_empty() || m.amounts_in.is_none() {
                        <p class="hint">{"Say the currency and whether the amounts are in units or thousands: the file does not say, and Rollplan does not assume."}</p>
                    }
                </fieldset>
                // Scrolls, so it takes focus: a keyboard user can scroll it too.
                <div class="preview table-scroll" tabindex="0" role="region" aria-label="Preview of the file">
                    <table class="preview-table" aria-label="Preview of the first rows">
                        <thead><tr>{ for t.header.iter().enumerate().map(|(i, h)| html! {
                            <th scope="col" class={classes!(role(i))}>
                                { h.clone() }
                                if let Some(r) = role(i) { <span class="role">{ r }</span> }
                            </th>
                        }) }</tr></thead>
                        <tbody>{ for t.rows.iter().take(PREVIEW_ROWS).map(|row| html! {
                            <tr>{ for row.iter().enumerate().map(|(i, c)| html! { <td class={classes!(role(i))}>{ c.clone() }</td> }) }</tr>
                        }) }</tbody>
                    </table>
                </div>
                if let Some(e) = &p.error {
                    <div class="message" role="alert">{ format!("Not imported: {e}") }</div>
                }
                <div class="modal-actions">
                    <button class="btn" onclick={cancel}>{"Cancel"}</button>
                    <button class="btn primary" onclick={confirm}>{"Import"}</button>
                </div>
            </div>
        </div>
    }
}
