//! What happened when a file was opened: the import report, the plan's findings, and every
//! cell that was not read as a number.

use super::AppContext;
use crate::ui::state::Action;
use crate::ui::state::SayAction;
use yew::prelude::*;

/// The report lists at most this many cells on the page; the counts cover them all.
const MAX_CELLS_SHOWN: usize = 200;

#[function_component(NoticePanel)]
pub fn notice_panel() -> Html {
    let ctx = use_context::<AppContext>().expect("NoticePanel is rendered inside the app context");
    let Some(n) = ctx.say.notice.clone() else {
        return html! {};
    };
    let dismiss = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Say(SayAction::DismissNotice)))
    };
    html! {
        <section class="notice" role="status" aria-label="Import report">
            <div class="notice-head">
                <strong>{ &n.title }</strong>
                <button class="close" onclick={dismiss} aria-label="Dismiss report">{"\u{d7}"}</button>
            </div>
            <ul>{ for n.lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            if !n.findings.is_empty() {
                <details>
                    <summary>{ format!("Findings ({})", n.findings.len()) }</summary>
                    <ul class="findings">{ for n.findings.iter().take(MAX_CELLS_SHOWN).map(|f| html! { <li>{ f }</li> }) }</ul>
                </details>
            }
            if let Some(r) = n.report.as_ref().filter(|r| !r.convention_cells.is_empty()) {
                <details>
                    <summary>{ format!("Cells read by the decimal convention ({})", r.convention_cells.len()) }</summary>
                    <table class="mini cells">
                        <thead><tr><th>{"Row"}</th><th>{"Column"}</th><th>{"Value"}</th><th>{"How it was read"}</th></tr></thead>
                        <tbody>{ for r.convention_cells.iter().take(MAX_CELLS_SHOWN).map(|c| html! {
                            <tr><td class="num">{ c.row }</td><td>{ &c.column }</td><td><code>{ format!("\u{201c}{}\u{201d}", c.value) }</code></td><td>{ c.verdict(r.decimal_comma) }</td></tr>
                        }) }</tbody>
                    </table>
                    if r.convention_cells.len() > MAX_CELLS_SHOWN {
                        <p class="hint">{ format!("and {} more; the command line's import lists them all.", r.convention_cells.len() - MAX_CELLS_SHOWN) }</p>
                    }
                </details>
            }
            if let Some(r) = n.report.as_ref().filter(|r| !r.cells.is_empty()) {
                <details>
                    <summary>{ format!("Cells not read as numbers ({})", r.cells.len()) }</summary>
                    <table class="mini cells">
                        <thead><tr><th>{"Row"}</th><th>{"Column"}</th><th>{"Value"}</th><th>{"What was done"}</th></tr></thead>
                        <tbody>{ for r.cells.iter().take(MAX_CELLS_SHOWN).map(|c| html! {
                            <tr><td class="num">{ c.row }</td><td>{ &c.column }</td><td><code>{ format!("\u{201c}{}\u{201d}", c.value) }</code></td><td>{ c.action.verdict() }</td></tr>
                        }) }</tbody>
                    </table>
                    if r.cells.len() > MAX_CELLS_SHOWN {
                        <p class="hint">{ format!("and {} more; the command line's import lists them all.", r.cells.len() - MAX_CELLS_SHOWN) }</p>
                    }
                </details>
            }
        </section>
    }
}
