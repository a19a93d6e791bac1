//! A crash must not cost work (wasm-bindgen-test in headless Chromium): a real panic, in
//! an event callback as a defect would be, shows the crash notice with a download of the
//! plan as last saved, and leaves that saved plan exactly as it was.
#![cfg(target_arch = "wasm32")]

use rollplan_app::ui::{crash, storage};
use rollplan_core::example::example_plan;
use rollplan_core::io::library::{self, Store};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_panic_shows_the_crash_notice_and_the_last_save_is_intact() {
    let mut store = storage::local().expect("localStorage in the test page");
    for key in store.keys() {
        if key.starts_with("rollplan.") {
            store.remove(&key);
        }
    }
    let mut plan = example_plan();
    plan.title = "Saved before the crash".into();
    let id = storage::new_id();
    storage::save(&id, &plan, None).expect("saved");
    let key = format!("{}{id}", library::PLAN);
    let saved = store.get(&key).expect("the plan file is stored");

    crash::install();
    // A real panic in a browser callback: the hook runs, then the callback traps.
    gloo::timers::callback::Timeout::new(0, || panic!("forced by the crash test")).forget();
    yew::platform::time::sleep(Duration::from_millis(100)).await;

    let document = gloo::utils::document();
    let notice = document
        .get_element_by_id(crash::NOTICE_ID)
        .expect("the crash notice is shown");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alertdialog"));
    let text = notice.text_content().unwrap_or_default();
    assert!(text.contains("internal error"), "{text}");
    assert!(text.contains("forced by the crash test"), "{text}");
    // The download is the plan exactly as it was last saved.
    let link = notice
        .query_selector("a[download]")
        .ok()
        .flatten()
        .expect("a download of the plan");
    let href = link.get_attribute("href").unwrap_or_default();
    assert!(href.starts_with("blob:"), "{href}");
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(&href))
        .await
        .expect("the download can be read");
    let response: web_sys::Response = response.dyn_into().expect("a response");
    let body = JsFuture::from(response.text().expect("text"))
        .await
        .expect("its text");
    assert_eq!(body.as_string().as_deref(), Some(saved.as_str()));
    // And the saved plan is untouched.
    assert_eq!(store.get(&key).as_deref(), Some(saved.as_str()));
}
