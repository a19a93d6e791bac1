//! The find bar (Ctrl+F): outputs, objectives and lines by code or text. Enter goes to the
//! next match (Shift+Enter the one before), opening collapsed groups on the way; the focus
//! stays in the box so Enter goes on. Escape closes it and puts the focus on the found row.

use super::AppContext;
use crate::ui::state::{Action, WorkAction};
use rollplan_core::sheet::find::{find, Found};
use yew::prelude::*;

#[function_component(Find)]
pub fn find_bar() -> Html {
    let ctx = use_context::<AppContext>().expect("Find is rendered inside the app context");
    let query = use_state(String::new);
    // Which match the cursor is on (None: not moved yet for this query).
    let at = use_state(|| None::<usize>);
    let input = use_node_ref();
    {
        // Focus (and select what was typed before) each time the bar opens.
        let input = input.clone();
        use_effect_with(ctx.work.find_open, move |open| {
            if *open {
                if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                    let _ = el.focus();
                    el.select();
                }
            }
        });
    }
    // Searched again only when the plan (or what it shows) or the query changed, not on
    // every render while the bar is open.
    let hits = use_memo(
        (ctx.work.find_open, ctx.doc.clone(), (*query).clone()),
        |(open, doc, query)| -> Vec<Found> {
            if *open {
                find(doc.borrow().view().plan(), query)
            } else {
                Vec::new()
            }
        },
    );
    if !ctx.work.find_open {
        return html! {};
    }
    let go = {
        let ctx = ctx.clone();
        let at = at.clone();
        let hits = hits.clone();
        move |back: bool, keep_focus: bool| {
            if hits.is_empty() {
                return;
            }
            let n = hits.len();
            let next = match (*at, back) {
                (None, false) => 0,
                (None, true) => n - 1,
                (Some(i), false) => (i + 1) % n,
                (Some(i), true) => (i + n - 1) % n,
            };
            at.set(Some(next));
            ctx.dispatch(Action::Work(WorkAction::Reveal {
                target: hits[next].target,
                keep_focus,
            }));
        }
    };
    let oninput = {
        let query = query.clone();
        let at = at.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                query.set(el.value());
                at.set(None);
            }
        })
    };
    let close = {
        let ctx = ctx.clone();
        let at = at.clone();
        let hits = hits.clone();
        move || {
            ctx.dispatch(Action::Work(WorkAction::ShowFind(false)));
            // The focus goes to what was found, where the user goes on working.
            if let Some(found) = (*at).and_then(|i| hits.get(i)) {
                ctx.dispatch(Action::Work(WorkAction::Reveal {
                    target: found.target,
                    keep_focus: false,
                }));
            }
        }
    };
    let onkeydown = {
        let go = go.clone();
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                go(e.shift_key(), true);
            }
            "Escape" => {
                e.prevent_default();
                close();
            }
            _ => {}
        })
    };
    let summary = if query.trim().is_empty() {
        "Type a code, words of a title or of a note".to_string()
    } else if hits.is_empty() {
        "No output, objective, line or note has this".to_string()
    } else {
        match *at {
            Some(i) => format!("{} of {}: {}", i + 1, hits.len(), hits[i].label),
            None => format!(
                "{} found; Enter goes to the first",
                if hits.len() == 1 {
                    "1 match".to_string()
                } else {
                    format!("{} matches", hits.len())
                }
            ),
        }
    };
    let (prev, next) = (go.clone(), go);
    html! {
        <div class="find-bar" role="search" aria-label="Find in the plan">
            <input ref={input} type="search" class="find-input" value={(*query).clone()}
                aria-label="Find outputs, objectives and lines" placeholder="Find: code, title or note…"
                {oninput} {onkeydown} />
            <span class="find-summary" role="status" aria-live="polite">{ summary }</span>
            <button class="btn" disabled={hits.is_empty()} onclick={Callback::from(move |_| prev(true, true))}>{"Previous"}</button>
            <button class="btn" disabled={hits.is_empty()} onclick={Callback::from(move |_| next(false, true))}>{"Next"}</button>
            <button class="btn" onclick={Callback::from(move |_| close())} aria-label="Close find">{"Close"}</button>
        </div>
    }
}
