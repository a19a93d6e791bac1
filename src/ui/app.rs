//! The app shell: state, context, layout.

use super::components::file_menu::open_file;
use super::components::{
    costs::Costs, header::Header, import_dialog::ImportDialog, inspector::Inspector,
    matrix::Matrix, notice::NoticePanel, resources::Resources, rollups::Rollups, AppContext,
};
use super::state::{Action, AppState, View};
use crate::core::model::Plan;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The plan to open; the example plan when `None`.
    #[prop_or_default]
    pub plan: Option<Plan>,
    /// The view to open on; the resources grid when `None`.
    #[prop_or_default]
    pub view: Option<View>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let plan = props.plan.clone();
    let first_view = props.view;
    // Where autosave writes: the library id and revision of the open plan, per document.
    let slot = use_mut_ref(SaveSlot::default);
    let state = {
        let slot = slot.clone();
        use_reducer(move || {
            let (mut s, restored) = match plan {
                Some(p) => (AppState::open(p), None),
                None => boot(),
            };
            if let Some((id, revision)) = restored {
                *slot.borrow_mut() = SaveSlot {
                    doc: Rc::as_ptr(&s.doc) as usize,
                    id,
                    revision: Some(revision),
                    session: session_id(),
                };
            }
            s.view = first_view.unwrap_or(View::Resources);
            s
        })
    };
    use_autosave(&state, slot);
    let note = state.doc.borrow().plan().note.clone();
    let message = state.message.clone();
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DismissMessage))
    };
    // Drag and drop a file anywhere on the page to open it.
    let dragging = use_state(|| false);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving to a child element is not leaving the page.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let state = state.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                open_file(&state, file);
            }
        })
    };
    // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) anywhere but in a text field, which keeps its own undo.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            // Not passive: the browser's own Ctrl+Z/Y must be prevented.
            let listener = gloo::events::EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                        return;
                    }
                    let in_field = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        });
                    if in_field {
                        return;
                    }
                    let action = match e.key().to_lowercase().as_str() {
                        "z" if !e.shift_key() => Action::Undo,
                        "z" | "y" => Action::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatcher.dispatch(action);
                },
            );
            move || drop(listener)
        });
    }
    let view = state.view;
    let tab_state = state.clone();
    let tab = |v: View, label: &'static str, id: &'static str| {
        let state = tab_state.clone();
        let selected = view == v;
        html! {
            <button role="tab" id={format!("tab-{id}")} class={classes!("tab", selected.then_some("active"))}
                aria-selected={selected.to_string()} aria-controls="workspace" tabindex={if selected { "0" } else { "-1" }}
                onclick={Callback::from(move |_| state.dispatch(Action::SetView(v)))}>{ label }</button>
        }
    };
    let tabs_keys = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let order = [
                View::Resources,
                View::Linkage,
                View::Rollups,
                View::StandardCosts,
            ];
            let k = order.iter().position(|v| *v == view).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => order[(k + 1) % order.len()],
                "ArrowLeft" => order[(k + order.len() - 1) % order.len()],
                _ => return,
            };
            e.prevent_default();
            state.dispatch(Action::SetView(next));
            if let Some(el) = gloo::utils::document()
                .get_element_by_id(tab_id(next))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        })
    };
    let status = state.status.clone();
    let dismiss_status = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DismissStatus))
    };
    html! {
        <ContextProvider<AppContext> context={state}>
            <div class={classes!("app", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
                if *dragging {
                    <div class="drop-hint" aria-hidden="true">{"Drop a plan (.json) or a budget (.csv) to open it"}</div>
                }
                <Header />
                if !note.is_empty() {
                    <div class="note" role="note"><strong>{"About these figures: "}</strong>{ note }</div>
                }
                <NoticePanel />
                if let Some(m) = message {
                    <div class="message" role="alert">
                        <span>{ m }</span>
                        <button class="close" onclick={dismiss} aria-label="Dismiss">{"\u{d7}"}</button>
                    </div>
                }
                <nav class="tabs" role="tablist" aria-label="Views" onkeydown={tabs_keys}>
                    { tab(View::Resources, "Resources", "resources") }
                    { tab(View::Linkage, "Outputs \u{d7} objectives", "linkage") }
                    { tab(View::Rollups, "Rollups", "rollups") }
                    { tab(View::StandardCosts, "Standard costs & ceilings", "costs") }
                </nav>
                <main id="workspace" role="tabpanel" class={classes!("workspace", (view != View::Linkage).then_some("wide"))}
                      aria-labelledby={tab_id(view)}>
                    { match view {
                        View::Resources => html! { <Resources /> },
                        View::Linkage => html! { <><Matrix /><Inspector /></> },
                        View::Rollups => html! { <Rollups /> },
                        View::StandardCosts => html! { <Costs /> },
                    } }
                </main>
                <ImportDialog />
                <footer class="statusbar">
                    <span>{"Rollplan runs entirely in your browser: no data leaves this machine."}</span>
                    <span class="status" role="status" aria-live="polite">
                        if let Some(s) = status {
                            { s }
                            <button class="close small" onclick={dismiss_status} aria-label="Dismiss status">{"\u{d7}"}</button>
                        }
                    </span>
                </footer>
            </div>
        </ContextProvider<AppContext>>
    }
}

fn tab_id(v: View) -> &'static str {
    match v {
        View::Resources => "tab-resources",
        View::Linkage => "tab-linkage",
        View::Rollups => "tab-rollups",
        View::StandardCosts => "tab-costs",
    }
}

/// The library id and revision of the open document (`doc` is its address, so a newly
/// opened file gets a new id).
#[derive(Default)]
struct SaveSlot {
    doc: usize,
    id: String,
    revision: Option<u64>,
    session: String,
}

/// An id for this tab, so the library can say which tab saved last.
fn session_id() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        format!("t{:x}", (web_sys::js_sys::Math::random() * 1e12) as u64)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        "native".into()
    }
}

/// The first state: the plan saved last in this browser, else the example (with a message
/// if the saved one could not be read; it is set aside, not deleted).
fn boot() -> (AppState, Option<(String, u64)>) {
    #[cfg(target_arch = "wasm32")]
    match super::storage::restore() {
        Some(Ok((plan, meta))) => return (AppState::open(plan), Some((meta.id, meta.revision))),
        Some(Err(why)) => {
            let mut s = AppState::example();
            s.message = Some(why);
            return (s, None);
        }
        None => {}
    }
    (AppState::example(), None)
}

/// Saves the open plan to the browser's library shortly after each change, and at once
/// when the page is hidden or closed. Storage is touched here, at the edge; the reducer
/// only hears the outcome.
#[hook]
fn use_autosave(state: &UseReducerHandle<AppState>, slot: Rc<RefCell<SaveSlot>>) {
    let pending = use_mut_ref(|| None::<Box<dyn FnOnce()>>);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let pending = pending.clone();
        let doc = state.doc.clone();
        let dispatcher = state.dispatcher();
        use_effect_with(state.generation, move |generation| {
            if *generation > 0 {
                let save: Box<dyn FnOnce()> = Box::new(move || save_now(&doc, &slot, &dispatcher));
                *pending.borrow_mut() = Some(save);
                let due = pending.clone();
                // Debounced: a burst of typing is one write.
                *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(600, move || {
                    let save = due.borrow_mut().take();
                    if let Some(save) = save {
                        save();
                    }
                }));
            }
        });
    }
    use_effect_with((), move |_| {
        let flush = move || {
            let save = pending.borrow_mut().take();
            if let Some(save) = save {
                save();
            }
        };
        let on_hide = flush.clone();
        let document = gloo::utils::document();
        let hidden = document.clone();
        let l1 = gloo::events::EventListener::new(&document, "visibilitychange", move |_| {
            if hidden.hidden() {
                on_hide();
            }
        });
        let l2 =
            gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| flush());
        move || drop((l1, l2))
    });
}

fn save_now(
    doc: &Rc<RefCell<crate::core::edit::Document>>,
    slot: &Rc<RefCell<SaveSlot>>,
    dispatcher: &UseReducerDispatcher<AppState>,
) {
    let mut s = slot.borrow_mut();
    let here = Rc::as_ptr(doc) as usize;
    if s.doc != here || s.id.is_empty() {
        // A plan new to the library (the example edited, a file opened): a new entry.
        let session = if s.session.is_empty() {
            session_id()
        } else {
            s.session.clone()
        };
        *s = SaveSlot {
            doc: here,
            id: super::storage::new_id(),
            revision: None,
            session,
        };
    }
    let result = super::storage::save(&s.id, doc.borrow().plan(), s.revision, &s.session);
    match result {
        Ok(meta) => {
            s.revision = Some(meta.revision);
            dispatcher.dispatch(Action::SaveResult(Ok(())));
        }
        Err(why) => dispatcher.dispatch(Action::SaveResult(Err(why))),
    }
}
