//! Dialogs over the grids: a note on a figure or a row (Shift+F2), Adjust… (Ctrl+Shift+E)
//! and Spread…. Each works out what it will do with the core (`sheet::adjust`,
//! `sheet::spread`) and shows it before anything changes; applying is one undo step.

use super::AppContext;
use crate::ui::state::{Action, Dialog, EditAction, WorkAction};
use rollplan_core::document::place_label;
use rollplan_core::model::NoteAt;
use rollplan_core::numfmt::format_amount;
use rollplan_core::sheet::adjust::{adjust, Adjustment, Scope};
use rollplan_core::sheet::spread::{Pattern, SpreadOptions};
use rollplan_core::sheet::{read_figure, Col, Range, Row, SheetKind};
use rust_decimal::Decimal;
use yew::prelude::*;

/// The open dialog, if any.
#[function_component(Dialogs)]
pub fn dialogs() -> Html {
    let ctx = use_context::<AppContext>().expect("Dialogs are rendered inside the app context");
    match ctx.work.dialog.clone() {
        Some(Dialog::Note(at)) => html! { <NoteDialog {at} /> },
        Some(Dialog::Adjust {
            sheet,
            cursor,
            range,
        }) => html! { <AdjustDialog {sheet} {cursor} {range} /> },
        Some(Dialog::Spread { sheet, cell }) => html! { <SpreadDialog {sheet} {cell} /> },
        None => html! {},
    }
}

/// Escape closes, Tab stays inside, focus goes to the first field on open and back to
/// where it was on close.
#[hook]
fn use_modal(first: NodeRef) -> Callback<KeyboardEvent> {
    let ctx = use_context::<AppContext>().expect("inside the app context");
    super::use_focus_return(true);
    use_effect_with((), move |_| {
        if let Some(el) = first.cast::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    });
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            ctx.dispatch(Action::Work(WorkAction::CloseDialog));
        }
        super::trap_tab(&e);
    })
}

fn close(ctx: &AppContext) -> Callback<MouseEvent> {
    let ctx = ctx.clone();
    Callback::from(move |_| ctx.dispatch(Action::Work(WorkAction::CloseDialog)))
}

fn text_of(e: &InputEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    let target = e.target()?;
    if let Some(t) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(t.value());
    }
    target
        .dyn_ref::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
}

#[derive(Properties, PartialEq)]
struct NoteProps {
    at: NoteAt,
}

#[function_component(NoteDialog)]
fn note_dialog(p: &NoteProps) -> Html {
    let ctx = use_context::<AppContext>().expect("inside the app context");
    let at = p.at;
    let (place, current) = {
        let doc = ctx.doc.borrow();
        let plan = doc.plan();
        (
            place_label(plan, &plan.history, at),
            plan.note(at).map(str::to_string),
        )
    };
    let text = use_state(|| current.clone().unwrap_or_default());
    let field = use_node_ref();
    let onkeydown = use_modal(field.clone());
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = text_of(&e) {
                text.set(v);
            }
        })
    };
    let save = {
        let ctx = ctx.clone();
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            let t = text.trim().to_string();
            ctx.dispatch(Action::Edit(EditAction::Apply(
                rollplan_core::Edit::SetNote {
                    at,
                    text: (!t.is_empty()).then_some(t),
                },
            )));
            ctx.dispatch(Action::Work(WorkAction::CloseDialog));
        })
    };
    let delete = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::Edit(EditAction::Apply(
                rollplan_core::Edit::SetNote { at, text: None },
            )));
            ctx.dispatch(Action::Work(WorkAction::CloseDialog));
        })
    };
    let chars = text.chars().count();
    let max = rollplan_core::limits::MAX_NOTE_CHARS;
    html! {
        <div class="modal-backdrop">
            <div class="modal small-modal" role="dialog" aria-modal="true" aria-labelledby="note-title" {onkeydown}>
                <h2 id="note-title">{ if current.is_some() { "Note" } else { "Add a note" } }</h2>
                <p class="panel-sub">{ format!("On {place}. Notes travel in the plan file and are exported with it; Find searches them.") }</p>
                <textarea id="note-text" class="note-text" ref={field} rows="5" value={(*text).clone()} {oninput}
                    maxlength={max.to_string()} aria-label={format!("Note on {place}")}
                    placeholder="Why this figure is what it is: its basis, its source, who agreed it" />
                <div class="modal-actions">
                    <span class={classes!("hint", (chars > max).then_some("bad"))}>{ format!("{chars} / {max}") }</span>
                    if current.is_some() {
                        <button class="btn danger" onclick={delete}>{"Delete note"}</button>
                    }
                    <button class="btn" onclick={close(&ctx)}>{"Cancel"}</button>
                    <button class="btn primary" onclick={save}>{"Save note"}</button>
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AdjustProps {
    sheet: SheetKind,
    cursor: (usize, usize),
    range: Range,
}

/// Which adjustment the dialog is set to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum How {
    Percent,
    Amount,
    Set,
    Forward,
}

#[function_component(AdjustDialog)]
fn adjust_dialog(p: &AdjustProps) -> Html {
    let ctx = use_context::<AppContext>().expect("inside the app context");
    let sheet = ctx.sheet(p.sheet);
    let (r, c) = p.cursor;
    let row = sheet.rows.get(r).copied();
    // The scopes that make sense from where the cursor is, most specific first.
    let mut scopes: Vec<(Scope, String)> = Vec::new();
    {
        let doc = ctx.doc.borrow();
        let plan = doc.view().plan();
        let mut add = |s: Scope| {
            let name = sheet.scope_name(plan, s);
            if !name.is_empty() && !scopes.iter().any(|(x, _)| *x == s) {
                scopes.push((s, name));
            }
        };
        if !p.range.is_single()
            || matches!(sheet.cols.get(c), Some(Col::Year(_)))
                && matches!(row, Some(Row::Line(..) | Row::Grade(_)))
        {
            add(Scope::Selection(p.range));
        }
        if matches!(row, Some(Row::Line(..) | Row::Cost(..) | Row::Grade(_))) {
            add(Scope::Row(r));
        }
        if matches!(row, Some(Row::Output(_) | Row::Line(..) | Row::Cost(..))) {
            add(Scope::Output(r));
        }
        // The group the cursor's row sits in (the total row sits in none).
        if matches!(
            row,
            Some(Row::Group(_) | Row::Output(_) | Row::Line(..) | Row::Cost(..))
        ) {
            add(Scope::Group(r));
        }
        if matches!(sheet.cols.get(c), Some(Col::Year(_))) {
            add(Scope::Column(c));
        }
        add(Scope::Plan);
    }
    let scope = use_state(|| 0usize);
    let how = use_state(|| How::Percent);
    let figure = use_state(String::new);
    let from = use_state(|| 0usize);
    let escalation = use_state(|| "0".to_string());
    let first = use_node_ref();
    let onkeydown = use_modal(first.clone());
    let years = ctx.doc.borrow().plan().years.clone();

    let read = |t: &str| -> Result<Decimal, String> {
        match read_figure(t)? {
            Some(v) => Ok(v),
            None => Err("type a number".into()),
        }
    };
    let adjustment: Result<Adjustment, String> = match *how {
        How::Percent => read(&figure).map(Adjustment::Percent),
        How::Amount => read(&figure).map(Adjustment::Amount),
        How::Set => read(&figure).map(Adjustment::Set),
        How::Forward => read(&escalation).map(|e| Adjustment::CopyForward {
            from: *from,
            escalation: e,
        }),
    };
    let chosen = scopes.get(*scope).map(|(s, _)| *s).unwrap_or(Scope::Plan);
    // Worked out before anything is applied (the preview is what Apply does), once per
    // change of what it depends on: a whole-plan preview of a big plan takes a while.
    let preview = {
        let ctx = ctx.clone();
        let sheet = sheet.clone();
        use_memo(
            (
                chosen,
                adjustment.clone(),
                ctx.doc.generation,
                ctx.work.held.clone(),
            ),
            move |(chosen, adjustment, _, held)| {
                adjustment.clone().map(|a| {
                    let doc = ctx.doc.borrow();
                    adjust(&doc, &sheet, *chosen, a, held)
                })
            },
        )
    };
    let preview = (*preview).clone();
    let dp = ctx.doc.borrow().plan().dp();
    let money = |v: Decimal| format_amount(v, dp);
    let preview_html = match &preview {
        Err(why) if figure.is_empty() && *how != How::Forward => {
            let _ = why;
            html! { <p class="preview-line hint">{"Type the figure to see what the change does."}</p> }
        }
        Err(why) => {
            html! { <p class="preview-line bad" role="alert">{ format!("Not a figure: {why}.") }</p> }
        }
        Ok(Err(e)) => html! { <p class="preview-line bad" role="alert">{ e.to_string() }</p> },
        Ok(Ok(a)) => {
            let diff = a.after - a.before;
            let pct = if a.before.is_zero() {
                String::new()
            } else {
                format!(
                    " ({}{} %)",
                    if diff.is_sign_negative() { "" } else { "+" },
                    format_amount(diff * Decimal::ONE_HUNDRED / a.before, 1)
                )
            };
            html! {
                <div class="preview-line" role="status">
                    <strong>{ format!("{}: {} \u{2192} {}", if p.sheet == SheetKind::StandardCosts { "Plan total" } else { "Cost of the figures adjusted" }, money(a.before), money(a.after)) }</strong>
                    <span class={classes!(if diff.is_sign_negative() { "neg" } else { "pos" })}>{ format!(" {}{}{pct}", if diff.is_sign_negative() { "" } else { "+" }, money(diff)) }</span>
                    <p class="hint">{ a.summary.clone() }</p>
                </div>
            }
        }
    };
    let can_apply = matches!(&preview, Ok(Ok(a)) if a.changed > 0);
    let apply = {
        let ctx = ctx.clone();
        let sheet_kind = p.sheet;
        Callback::from(move |_: MouseEvent| {
            if let Ok(a) = adjustment.clone() {
                ctx.dispatch(Action::Edit(EditAction::Adjust {
                    sheet: sheet_kind,
                    scope: chosen,
                    adjustment: a,
                }));
            }
        })
    };
    let pick_how = |h: How| {
        let how = how.clone();
        Callback::from(move |_: Event| how.set(h))
    };
    let on_figure = {
        let figure = figure.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = text_of(&e) {
                figure.set(v);
            }
        })
    };
    let on_escalation = {
        let escalation = escalation.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = text_of(&e) {
                escalation.set(v);
            }
        })
    };
    let on_from = {
        let from = from.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = super::select_value(&e).parse() {
                from.set(v);
            }
        })
    };
    let on_scope = {
        let scope = scope.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = super::select_value(&e).parse() {
                scope.set(v);
            }
        })
    };
    let held = ctx.work.held.len();
    let radio = |h: How, label: &'static str| {
        html! {
            <label class="check">
                <input type="radio" name="adjust-how" checked={*how == h} onchange={pick_how(h)} />{ label }
            </label>
        }
    };
    html! {
        <div class="modal-backdrop">
            <div class="modal small-modal" role="dialog" aria-modal="true" aria-labelledby="adjust-title" {onkeydown}>
                <h2 id="adjust-title">{"Adjust figures"}</h2>
                <label class="field">{"Which figures"}
                    <select ref={first} onchange={on_scope} aria-label="Which figures to adjust">
                        { for scopes.iter().enumerate().map(|(i, (_, name))| html! {
                            <option value={i.to_string()} selected={i == *scope}>{ capital(name) }</option>
                        }) }
                    </select>
                </label>
                <fieldset class="amounts">
                    <legend>{"How"}</legend>
                    { radio(How::Percent, "By a percentage") }
                    { radio(How::Amount, "By an amount") }
                    { radio(How::Set, "Set to a value") }
                    { radio(How::Forward, "Copy a year forward") }
                    if *how == How::Forward {
                        <div class="row-fields">
                            <label class="field inline">{"Copy "}
                                <select onchange={on_from} aria-label="The year to copy forward">
                                    { for years.iter().enumerate().map(|(i, y)| html! { <option value={i.to_string()} selected={i == *from}>{ y.clone() }</option> }) }
                                </select>
                            </label>
                            <label class="field inline">{"to the later years, escalated by "}
                                <input class="num-input" type="text" inputmode="decimal" value={(*escalation).clone()} oninput={on_escalation} aria-label="Escalation per year, in percent" />{" % a year"}
                            </label>
                        </div>
                    } else {
                        <label class="field inline">{ match *how { How::Percent => "Percentage (−5 for a 5 % cut) ", How::Amount => "Amount to add (negative to take off) ", _ => "Value " } }
                            <input id="adjust-figure" class="num-input" type="text" inputmode="decimal" value={(*figure).clone()} oninput={on_figure}
                                aria-label={match *how { How::Percent => "Percentage", How::Amount => "Amount", _ => "Value" }} />
                        </label>
                    }
                </fieldset>
                { preview_html }
                <p class="hint">{"Held figures are kept"}{ if held > 0 { format!(" ({held} held)") } else { String::new() } }{". An amount or a value applies to amounts only; a percentage to posts and quantities too (to 0.01). Results are rounded to the plan's precision."}</p>
                <div class="modal-actions">
                    <button class="btn" onclick={close(&ctx)}>{"Cancel"}</button>
                    <button class="btn primary" onclick={apply} disabled={!can_apply}>{"Apply"}</button>
                </div>
            </div>
        </div>
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[derive(Properties, PartialEq)]
struct SpreadProps {
    sheet: SheetKind,
    cell: (usize, usize),
}

#[function_component(SpreadDialog)]
fn spread_dialog(p: &SpreadProps) -> Html {
    let ctx = use_context::<AppContext>().expect("inside the app context");
    let sheet = ctx.sheet(p.sheet);
    let (r, c) = p.cell;
    let (total, current) = {
        let doc = ctx.doc.borrow();
        let t = sheet.total_at(doc.view().plan(), r, c);
        let shown = sheet
            .row_cells(doc.view(), r)
            .get(c)
            .map(|x| x.raw.clone())
            .unwrap_or_default();
        (t, shown)
    };
    let text = use_state(|| current.clone());
    let pattern = use_state(|| 0u8);
    let weights = use_state(String::new);
    let counts = use_state(|| false);
    let first = use_node_ref();
    let onkeydown = use_modal(first.clone());
    let Some(total) = total else {
        return html! {
            <div class="modal-backdrop">
                <div class="modal small-modal" role="dialog" aria-modal="true" aria-labelledby="spread-title" {onkeydown}>
                    <h2 id="spread-title">{"Spread a total"}</h2>
                    <p>{"Put the cursor on a total first: an output's, an objective's or the plan's year, biennium or period total, a line's biennium or period total, or a staff line's cost."}</p>
                    <div class="modal-actions"><button class="btn primary" ref={first} onclick={close(&ctx)}>{"Close"}</button></div>
                </div>
            </div>
        };
    };
    let years: Vec<String> = {
        let doc = ctx.doc.borrow();
        total
            .years
            .iter()
            .filter_map(|&y| doc.plan().years.get(y).cloned())
            .collect()
    };
    let parsed_weights: Result<Vec<Decimal>, String> = weights
        .split(|c: char| c.is_whitespace() || c == ';' || c == '/')
        .filter(|w| !w.is_empty())
        .map(|w| read_figure(w).and_then(|v| v.ok_or_else(|| "a weight is missing".to_string())))
        .collect();
    let options = match *pattern {
        1 => Ok(Pattern::Even),
        2 => parsed_weights.clone().map(Pattern::Years),
        _ => Ok(Pattern::Proportional),
    }
    .map(|pattern| SpreadOptions {
        pattern,
        counts: *counts,
        held: (*ctx.work.held).clone(),
    });
    let preview = options.clone().map(|o| {
        let doc = ctx.doc.borrow();
        rollplan_core::sheet::spread::spread(&doc, &sheet, (r, c), &text, &o)
    });
    let preview_html = match &preview {
        Err(why) => {
            html! { <p class="preview-line bad" role="alert">{ format!("The pattern: {why}.") }</p> }
        }
        Ok(Err(e)) => {
            html! { <p class="preview-line bad" role="alert">{ capital(&e.to_string()) }</p> }
        }
        Ok(Ok(sp)) => {
            html! { <p class="preview-line" role="status">{ format!("{} {} figure(s) change.", sp.summary, sp.changed) }</p> }
        }
    };
    let can_apply = matches!(&preview, Ok(Ok(sp)) if sp.changed > 0);
    let apply = {
        let ctx = ctx.clone();
        let text = text.clone();
        let sheet_kind = p.sheet;
        let cell = p.cell;
        Callback::from(move |_: MouseEvent| {
            if let Ok(o) = options.clone() {
                ctx.dispatch(Action::Edit(EditAction::Spread {
                    sheet: sheet_kind,
                    cell,
                    text: (*text).clone(),
                    options: SpreadOptions {
                        held: Default::default(),
                        ..o
                    },
                }));
            }
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = text_of(&e) {
                text.set(v);
            }
        })
    };
    let on_weights = {
        let weights = weights.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = text_of(&e) {
                weights.set(v);
            }
        })
    };
    let pick = |k: u8| {
        let pattern = pattern.clone();
        Callback::from(move |_: Event| pattern.set(k))
    };
    let on_counts = {
        let counts = counts.clone();
        Callback::from(move |_: Event| counts.set(!*counts))
    };
    html! {
        <div class="modal-backdrop">
            <div class="modal small-modal" role="dialog" aria-modal="true" aria-labelledby="spread-title" {onkeydown}>
                <h2 id="spread-title">{"Spread a total"}</h2>
                <p class="panel-sub">{ format!("Over the figures under {} ({} line(s), {}).", total.name, total.lines.len(), years.join(", ")) }</p>
                <label class="field">{"Total"}
                    <input id="spread-total" class="num-input wide" type="text" inputmode="decimal" ref={first} value={(*text).clone()} oninput={on_text} aria-label="The total to spread" />
                </label>
                <fieldset class="amounts">
                    <legend>{"Share it"}</legend>
                    <label class="check"><input type="radio" name="spread-how" checked={*pattern == 0} onchange={pick(0)} />{"In proportion to the figures now"}</label>
                    <label class="check"><input type="radio" name="spread-how" checked={*pattern == 1} onchange={pick(1)} />{"Evenly"}</label>
                    if years.len() > 1 {
                        <label class="check"><input type="radio" name="spread-how" checked={*pattern == 2} onchange={pick(2)} />{"By year, with weights"}</label>
                        if *pattern == 2 {
                            <label class="field inline">{ format!("Weights for {} ", years.join(", ")) }
                                <input class="num-input wide" type="text" value={(*weights).clone()} oninput={on_weights} placeholder="40 30 20 10" aria-label="Weights per year, separated by spaces" />
                            </label>
                        }
                    }
                    <label class="check"><input type="checkbox" checked={*counts} onchange={on_counts} />{"Include posts and quantities (at their standard cost or rate, to 0.01)"}</label>
                </fieldset>
                { preview_html }
                <p class="hint">{"Held figures are kept. Parts are rounded down to the plan's precision and the units left over go to the largest remainders, so they add up to the total exactly."}</p>
                <div class="modal-actions">
                    <button class="btn" onclick={close(&ctx)}>{"Cancel"}</button>
                    <button class="btn primary" onclick={apply} disabled={!can_apply}>{"Spread"}</button>
                </div>
            </div>
        </div>
    }
}
