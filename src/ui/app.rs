//! The app shell: state, context, layout.

use super::components::file_menu::open_file;
use super::components::{
    header::Header, import_dialog::ImportDialog, inspector::Inspector, matrix::Matrix,
    notice::NoticePanel, AppContext,
};
use super::state::{Action, AppState};
use crate::core::model::Plan;
use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The plan to open; the example plan when `None`.
    #[prop_or_default]
    pub plan: Option<Plan>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let plan = props.plan.clone();
    let state = use_reducer(move || match plan {
        Some(p) => AppState::open(p),
        None => AppState::example(),
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
                <main class="workspace">
                    <Matrix />
                    <Inspector />
                </main>
                <ImportDialog />
                <footer class="statusbar">
                    <span>{"Rollplan runs entirely in your browser: no data leaves this machine."}</span>
                </footer>
            </div>
        </ContextProvider<AppContext>>
    }
}
