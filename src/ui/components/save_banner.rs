//! What the user can do when the open plan is not saved in this browser: another tab saved
//! it (choose whose version to keep), or storage is full (download it, free some space).

use super::AppContext;
use crate::ui::files;
use crate::ui::state::{Action, SaveFailure, SaveStatus};
use crate::ui::state::{SayAction, StoreAction, WorkAction};
use yew::prelude::*;

#[function_component(SaveBanner)]
pub fn save_banner() -> Html {
    let ctx = use_context::<AppContext>().expect("SaveBanner is rendered inside the app context");
    let SaveStatus::Failed(failure) = &ctx.store.saved else {
        return html! {};
    };
    let download = {
        let ctx = ctx.clone();
        Callback::from(move |_| files::download_plan(ctx.doc.borrow().plan()))
    };
    let choices = match failure {
        SaveFailure::Conflict(theirs) => {
            let theirs_id = theirs.id.clone();
            let open_theirs = {
                let ctx = ctx.clone();
                Callback::from(move |_| {
                    ctx.dispatch(match super::super::storage::open(&theirs_id) {
                        Ok(stored) => Action::Store(StoreAction::OpenStored {
                            stored: Box::new(stored),
                            note: Some("Opened the version saved in the other tab.".into()),
                        }),
                        Err(why) => Action::Say(SayAction::Tell(why)),
                    })
                })
            };
            let keep_copy = {
                let ctx = ctx.clone();
                Callback::from(move |_| {
                    let title = super::super::storage::copy_title(&ctx.doc.borrow().plan().title);
                    ctx.dispatch(Action::Store(StoreAction::KeepAsCopy { title }));
                })
            };
            let overwrite = {
                let ctx = ctx.clone();
                Callback::from(move |_| ctx.dispatch(Action::Store(StoreAction::Overwrite)))
            };
            html! {
                <>
                    <button class="btn primary" onclick={keep_copy}>{"Keep mine as a copy"}</button>
                    <button class="btn" onclick={open_theirs}>{"Open the other version"}</button>
                    <button class="btn" onclick={overwrite}>{"Replace it with mine"}</button>
                </>
            }
        }
        SaveFailure::NoRoom(_) | SaveFailure::Unavailable(_) => {
            let plans = {
                let ctx = ctx.clone();
                Callback::from(move |_| ctx.dispatch(Action::Work(WorkAction::ShowLibrary(true))))
            };
            html! {
                <>
                    <button class="btn primary" onclick={download}>{"Download the plan"}</button>
                    if matches!(failure, SaveFailure::NoRoom(_)) {
                        <button class="btn" onclick={plans}>{"Plans\u{2026}"}</button>
                    }
                </>
            }
        }
    };
    html! {
        <div class="save-problem" role="alert">
            <div>
                <strong>{"Not saved in this browser. "}</strong>
                <span>{ failure.message() }</span>
                if !matches!(failure, SaveFailure::Conflict(_)) {
                    <span>{" You can go on editing; everything is kept in this tab until it is closed."}</span>
                }
            </div>
            <div class="choices">{ choices }</div>
        </div>
    }
}
