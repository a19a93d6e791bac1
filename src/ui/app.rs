//! The app shell: state, context, layout.

use super::components::file_menu::open_file;
use super::components::{
    costs::Costs, header::Header, import_dialog::ImportDialog, inspector::Inspector,
    matrix::Matrix, notice::NoticePanel, resources::Resources, rollups::Rollups, AppContext,
};
use super::state::{Action, AppState, View};
use crate::core::model::Plan;
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
    let state = use_reducer(move || {
        let mut s = match plan {
            Some(p) => AppState::open(p),
            None => AppState::example(),
        };
        s.view = first_view.unwrap_or(View::Resources);
        s
    });
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
