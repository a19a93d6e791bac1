//! The plans kept in this browser: open, start (blank or from the example), duplicate,
//! rename, delete (with confirmation and undo), and the entries that could not be opened,
//! kept as they were for download. Storage is read and written through `ui::storage`.

use super::AppContext;
use crate::ui::state::Action;
use crate::ui::state::{EditAction, StoreAction, WorkAction};
use crate::ui::{files, storage};
use rollplan_core::example::example_plan;
use rollplan_core::io::library::{self, Removed};
use rollplan_core::sheet::structure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// localStorage holds about five million characters per site in current browsers.
const ABOUT_CAPACITY: usize = 5_000_000;

/// What the browser said when asked to keep these plans (asked after the first save).
fn durable_note(durable: Option<bool>) -> Html {
    match durable {
        Some(true) => html! {
            <p class="durable kept">{"This browser has agreed to keep these plans until you delete them."}</p>
        },
        Some(false) => html! {
            <p class="durable at-risk">{"This browser may delete these plans if it runs short of space (it did not agree to keep them). Save a file of any plan you cannot afford to lose; installing Rollplan as an app usually makes the browser keep them."}</p>
        },
        None => html! {},
    }
}

#[function_component(Library)]
pub fn library_panel() -> Html {
    let ctx = use_context::<AppContext>().expect("Library is rendered inside the app context");
    // Bumped after each change to the store, to list it again.
    let refresh = use_state(|| 0u32);
    let renaming = use_state(|| None::<String>);
    let confirming = use_state(|| None::<String>);
    let undo = use_state(|| None::<(Removed, String)>);
    let problem = use_state(|| None::<String>);
    let dialog = use_node_ref();
    super::use_focus_return(ctx.work.library_open);
    {
        // Focus moves into the dialog when it opens.
        let dialog = dialog.clone();
        use_effect_with(ctx.work.library_open, move |open| {
            if *open {
                if let Some(el) = dialog.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    // Reading the store copies every stored plan out of it (to measure usage): done once per
    // change while the dialog is open, not on every render.
    let contents = use_memo(
        (
            *refresh,
            ctx.work.library_open,
            ctx.doc.generation,
            ctx.store.saved.clone(),
        ),
        |(_, open, _, _)| {
            if *open {
                storage::contents()
            } else {
                Default::default()
            }
        },
    );
    if !ctx.work.library_open {
        return html! {};
    }
    let (entries, asides, used) = (*contents).clone();
    let open_id = ctx.store.home.borrow().id.clone();
    let close = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Work(WorkAction::ShowLibrary(false))))
    };
    let onkeydown = {
        let ctx = ctx.clone();
        let renaming = renaming.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && renaming.is_none() {
                e.prevent_default();
                ctx.dispatch(Action::Work(WorkAction::ShowLibrary(false)));
            }
            super::trap_tab(&e);
        })
    };
    let changed = {
        let refresh = refresh.clone();
        let problem = problem.clone();
        move |result: Result<(), String>| {
            problem.set(result.err());
            refresh.set(*refresh + 1);
        }
    };
    let new_blank = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            let year = web_sys::js_sys::Date::new_0().get_full_year();
            let years: Vec<String> = (year..year + 4).map(|y| y.to_string()).collect();
            let years: Vec<&str> = years.iter().map(String::as_str).collect();
            let plan = structure::starter("Untitled plan", &years);
            ctx.dispatch(Action::Store(StoreAction::NewPlan(Box::new(plan))));
        })
    };
    let new_example = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            ctx.dispatch(Action::Store(StoreAction::NewPlan(
                Box::new(example_plan()),
            )))
        })
    };
    let now = storage::now();
    let rows = entries.iter().map(|entry| {
        let id = entry.id.clone();
        let is_open = open_id.as_deref() == Some(id.as_str());
        let title = entry
            .meta
            .as_ref()
            .map(|m| m.title.clone())
            .unwrap_or_else(|| format!("Plan {id}"));
        let when = entry.meta.as_ref().map(|m| {
            let full = web_sys::js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(m.saved_at as f64))
                .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED);
            (library::describe_age(m.saved_at, now), String::from(full))
        });
        let open = {
            let ctx = ctx.clone();
            let id = id.clone();
            let changed = changed.clone();
            Callback::from(move |_| match storage::open(&id) {
                Ok(stored) => ctx.dispatch(Action::Store(StoreAction::OpenStored {
                    note: Some(format!("Opened \u{201c}{}\u{201d}.", stored.meta.title)),
                    stored: Box::new(stored),
                })),
                Err(why) => changed(Err(format!("That plan could not be opened: {why}"))),
            })
        };
        let duplicate = {
            let ctx = ctx.clone();
            let id = id.clone();
            let changed = changed.clone();
            Callback::from(move |_| {
                let result = if is_open {
                    // The open plan as it is now, not as last saved.
                    let mut plan = ctx.doc.borrow().plan().clone();
                    plan.title = storage::copy_title(&plan.title);
                    storage::create(&plan)
                } else {
                    storage::duplicate(&id)
                };
                changed(result.map(|_| ()));
            })
        };
        let start_rename = {
            let renaming = renaming.clone();
            let id = id.clone();
            Callback::from(move |_| renaming.set(Some(id.clone())))
        };
        let ask_delete = {
            let confirming = confirming.clone();
            let id = id.clone();
            Callback::from(move |_| confirming.set(Some(id.clone())))
        };
        let title_cell = if renaming.as_deref() == Some(id.as_str()) {
            let finish = {
                let ctx = ctx.clone();
                let renaming = renaming.clone();
                let changed = changed.clone();
                let id = id.clone();
                Callback::from(move |e: KeyboardEvent| {
                    let key = e.key();
                    if key == "Escape" {
                        e.prevent_default();
                        e.stop_propagation();
                        renaming.set(None);
                        return;
                    }
                    if key != "Enter" {
                        return;
                    }
                    let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
                        return;
                    };
                    let title = input.value().trim().to_string();
                    if title.is_empty() {
                        changed(Err("A plan needs a title.".into()));
                        return;
                    }
                    renaming.set(None);
                    if is_open {
                        ctx.dispatch(Action::Edit(EditAction::Rename(title)));
                        changed(Ok(()));
                    } else {
                        changed(storage::rename(&id, &title).map(|_| ()));
                    }
                })
            };
            html! {
                <input class="rename" value={title.clone()} aria-label={format!("New title for {title}")}
                       onkeydown={finish} autofocus=true />
            }
        } else {
            html! {
                <>
                    <span class="plan-name">{ title.clone() }</span>
                    if is_open { <span class="badge">{"open"}</span> }
                    if let Some(problem) = &entry.problem { <span class="hint">{ format!(" ({problem})") }</span> }
                </>
            }
        };
        let actions = if confirming.as_deref() == Some(id.as_str()) {
            let confirm = {
                let confirming = confirming.clone();
                let undo = undo.clone();
                let changed = changed.clone();
                let id = id.clone();
                let title = title.clone();
                Callback::from(move |_| {
                    confirming.set(None);
                    if let Some(removed) = storage::remove(&id) {
                        undo.set(Some((removed, title.clone())));
                    }
                    changed(Ok(()));
                })
            };
            let cancel = {
                let confirming = confirming.clone();
                Callback::from(move |_| confirming.set(None))
            };
            html! {
                <span class="confirm" role="group" aria-label="Confirm delete">
                    { format!("Delete \u{201c}{title}\u{201d}? ") }
                    <button class="btn danger" onclick={confirm}>{"Delete"}</button>
                    <button class="btn" onclick={cancel}>{"Cancel"}</button>
                </span>
            }
        } else {
            html! {
                <>
                    <button class="btn" onclick={open} disabled={is_open} aria-label={format!("Open {title}")}>{"Open"}</button>
                    <button class="btn" onclick={start_rename} aria-label={format!("Rename {title}")}>{"Rename"}</button>
                    <button class="btn" onclick={duplicate} aria-label={format!("Duplicate {title}")}>{"Duplicate"}</button>
                    <button class="btn" onclick={ask_delete} disabled={is_open} aria-label={format!("Delete {title}")}
                        title={if is_open { "This plan is open: open another plan first" } else { "Delete this plan from the browser" }}>{"Delete"}</button>
                </>
            }
        };
        html! {
            <tr key={id.clone()} aria-current={is_open.then_some("true")}>
                <td class="title-cell">{ title_cell }</td>
                <td class="when">
                    if let Some((age, full)) = when { <span title={full}>{ age }</span> }
                </td>
                <td class="row-actions">{ actions }</td>
            </tr>
        }
    });
    let undo_bar = undo.as_ref().map(|(removed, title)| {
        let put_back = {
            let undo = undo.clone();
            let changed = changed.clone();
            let removed = removed.clone();
            Callback::from(move |_| {
                undo.set(None);
                changed(storage::restore_removed(&removed));
            })
        };
        html! {
            <div class="undo-bar" role="status">
                { format!("Deleted \u{201c}{title}\u{201d}. ") }
                <button class="btn" onclick={put_back}>{"Undo"}</button>
            </div>
        }
    });
    let aside_rows = asides.iter().map(|a| {
        let key = a.key.clone();
        let name = a.title.clone().unwrap_or_else(|| format!("Plan {}", a.id));
        let download = {
            let key = key.clone();
            let name = name.clone();
            Callback::from(move |_| {
                if let Some(content) = storage::aside_content(&key) {
                    files::download(&files::file_name(&format!("{name} recovered"), ".json"), "application/json", &content);
                }
            })
        };
        html! {
            <li key={key.clone()}>
                <span class="plan-name">{ name.clone() }</span>
                if let Some(reason) = &a.reason { <span class="hint">{ format!(": {reason}") }</span> }
                <button class="btn" onclick={download} aria-label={format!("Download {name} as it was stored")}>{"Download"}</button>
            </li>
        }
    });
    let percent = (used * 100 / ABOUT_CAPACITY).min(100);
    html! {
        <div class="modal-backdrop">
            <div class="modal library" role="dialog" aria-modal="true" aria-labelledby="library-title"
                 tabindex="-1" ref={dialog} {onkeydown}>
                <div class="library-head">
                    <h2 id="library-title">{"Plans in this browser"}</h2>
                    <button class="close" onclick={close.clone()} aria-label="Close plans">{"\u{d7}"}</button>
                </div>
                <p class="panel-sub">{"Every change is saved here automatically. Plans stay in this browser on this machine: to move one or keep a backup, save it as a file."}</p>
                { durable_note(ctx.store.durable) }
                <div class="library-actions">
                    <button class="btn primary" onclick={new_blank}>{"New blank plan"}</button>
                    <button class="btn" onclick={new_example}>{"New from the example"}</button>
                </div>
                { for undo_bar }
                if let Some(p) = &*problem {
                    <p class="message" role="alert">{ p }</p>
                }
                if entries.is_empty() {
                    <p class="hint">{"No plans saved yet. Edit a plan, open a file or start one: it appears here."}</p>
                } else {
                    <table class="library-list">
                        <thead><tr><th scope="col">{"Title"}</th><th scope="col">{"Last change"}</th><th scope="col"><span class="sr-only">{"Actions"}</span></th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                }
                if !asides.is_empty() {
                    <section class="asides" aria-labelledby="asides-title">
                        <h3 id="asides-title">{"Could not be opened"}</h3>
                        <p class="hint">{"These were kept exactly as they were stored. Download one to look at it or to send it to someone who can repair it."}</p>
                        <ul>{ for aside_rows }</ul>
                    </section>
                }
                <p class="usage hint">{ match storage::backend() {
                    // IndexedDB: the browser gives a share of the disk, far more than plans need.
                    storage::Backend::IndexedDb => format!("These plans use about {:.1} MB of this browser's storage.", used as f64 / 1e6),
                    storage::Backend::LocalStorage => format!("These plans use about {:.1} MB, {percent} % of what this browser keeps for the page.", used as f64 / 1e6),
                } }</p>
            </div>
        </div>
    }
}
