//! The share-link dialog: the whole plan packed into a link's fragment, which browsers never
//! send to a server. A plan too big for a link gets a message that suggests a file.

use crate::ui::storage;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The link, or why there is none.
    pub link: Result<String, String>,
    pub onclose: Callback<()>,
}

#[function_component(ShareDialog)]
pub fn share_dialog(props: &ShareProps) -> Html {
    let copied = use_state(|| false);
    super::use_focus_return(true);
    let field = use_node_ref();
    {
        // The link is selected on open, ready for Ctrl+C.
        let field = field.clone();
        use_effect_with((), move |_| {
            if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                let _ = input.focus();
                input.select();
            }
        });
    }
    let close = {
        let onclose = props.onclose.clone();
        Callback::from(move |_| onclose.emit(()))
    };
    let onkeydown = {
        let onclose = props.onclose.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                onclose.emit(());
            }
            super::trap_tab(&e);
        })
    };
    let body = match &props.link {
        Ok(link) => {
            let copy = {
                let link = link.clone();
                let copied = copied.clone();
                Callback::from(move |_| {
                    storage::copy_text(&link);
                    copied.set(true);
                })
            };
            html! {
                <>
                    <p class="panel-sub">{ format!("Anyone who opens this link gets a copy of the plan in their own browser ({} characters). The plan travels inside the link: it is not uploaded anywhere.", rollplan_core::numfmt::format_amount(link.len().into(), 0)) }</p>
                    <input class="share-link" readonly=true value={link.clone()} ref={field} aria-label="Share link" />
                    <div class="modal-actions">
                        if *copied { <span class="hint" role="status">{"Copied to the clipboard."}</span> }
                        <button class="btn primary" onclick={copy}>{"Copy link"}</button>
                        <button class="btn" onclick={close.clone()}>{"Close"}</button>
                    </div>
                </>
            }
        }
        Err(why) => html! {
            <>
                <p class="message" role="alert">{ format!("No link: {why}.") }</p>
                <div class="modal-actions">
                    <button class="btn" onclick={close.clone()}>{"Close"}</button>
                </div>
            </>
        },
    };
    html! {
        <div class="modal-backdrop">
            <div class="modal share" role="dialog" aria-modal="true" aria-labelledby="share-title" {onkeydown}>
                <h2 id="share-title">{"Share by link"}</h2>
                { body }
            </div>
        </div>
    }
}
