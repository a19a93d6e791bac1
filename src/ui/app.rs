//! The app shell: state, context, layout.

use super::components::{header::Header, inspector::Inspector, matrix::Matrix, AppContext};
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
    html! {
        <ContextProvider<AppContext> context={state}>
            <div class="app">
                <Header />
                if !note.is_empty() {
                    <div class="note" role="note"><strong>{"About these figures: "}</strong>{ note }</div>
                }
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
                <footer class="statusbar">
                    <span>{"Rollplan runs entirely in your browser: no data leaves this machine."}</span>
                </footer>
            </div>
        </ContextProvider<AppContext>>
    }
}
