//! When the app itself fails (a panic is a defect, and the release build stops on one), the
//! page says so in plain words and hands over the plan as last saved in this browser, so a
//! crash never costs saved work. Built with the DOM directly: Yew may be mid-render and
//! cannot be trusted at that moment, and nothing here may panic again.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// The element id of the notice, so it is shown once.
pub const NOTICE_ID: &str = "crash";

/// Makes every panic show [`show`] (and still log its message to the console).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        gloo::console::error!(detail.clone());
        show(&detail);
    }));
}

/// Shows the crash notice, with a download of the plan last saved in this browser.
pub fn show(detail: &str) {
    let document = gloo::utils::document();
    if document.get_element_by_id(NOTICE_ID).is_some() {
        return;
    }
    let Some(body) = document.body() else { return };
    let Some(notice) = notice(&document, detail) else {
        return;
    };
    let _ = body.append_child(&notice);
    if let Some(button) = document
        .get_element_by_id("crash-reload")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}

fn element(document: &Document, tag: &str, text: &str) -> Option<Element> {
    let e = document.create_element(tag).ok()?;
    e.set_text_content(Some(text));
    Some(e)
}

fn notice(document: &Document, detail: &str) -> Option<Element> {
    let box_ = document.create_element("div").ok()?;
    box_.set_id(NOTICE_ID);
    box_.set_class_name("crash");
    let _ = box_.set_attribute("role", "alertdialog");
    let _ = box_.set_attribute("aria-modal", "true");
    let _ = box_.set_attribute("aria-labelledby", "crash-title");
    let title = element(
        document,
        "h2",
        "Rollplan stopped because of an internal error",
    )?;
    title.set_id("crash-title");
    box_.append_child(&title).ok()?;
    let saved = super::storage::last_saved_plan();
    let text = if saved.is_some() {
        "Your plan as last saved in this browser is kept: download it now, or reload the page to reopen it. Changes made in the second before the error may be missing."
    } else {
        "No copy of this plan was saved in this browser yet. Reload the page to start again."
    };
    let p = element(document, "p", text)?;
    box_.append_child(&p).ok()?;
    let actions = document.create_element("p").ok()?;
    actions.set_class_name("crash-actions");
    if let Some(plan) = saved {
        let a = element(document, "a", "Download your plan")?;
        let blob = gloo::file::Blob::new_with_options(plan.as_str(), Some("application/json"));
        let url = gloo::file::ObjectUrl::from(blob);
        let _ = a.set_attribute("href", &url);
        // The page is stopping: the object URL must outlive this function.
        std::mem::forget(url);
        let _ = a.set_attribute("download", "rollplan-plan-as-last-saved.json");
        a.set_class_name("btn primary");
        actions.append_child(&a).ok()?;
    }
    let reload = element(document, "button", "Reload the page")?;
    reload.set_id("crash-reload");
    reload.set_class_name("btn");
    let _ = reload.set_attribute("onclick", "location.reload()");
    actions.append_child(&reload).ok()?;
    box_.append_child(&actions).ok()?;
    let details = document.create_element("details").ok()?;
    let summary = element(document, "summary", "Technical details (for a bug report)")?;
    details.append_child(&summary).ok()?;
    let pre = element(document, "pre", detail)?;
    details.append_child(&pre).ok()?;
    box_.append_child(&details).ok()?;
    Some(box_)
}
