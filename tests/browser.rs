//! In-browser tests (wasm-bindgen-test in headless Chromium): the real app mounted in a
//! real DOM, clicked like a user would.
#![cfg(target_arch = "wasm32")]

use rollplan_app::ui::app::App;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    // These tests are about the linkage matrix, one tab away from the grid.
    click(&root, "#tab-linkage");
    settle().await;
    root
}

/// Lets Yew run its scheduled renders.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn linking_an_output_in_the_matrix_moves_cost_between_objectives_and_undo_restores_it() {
    let root = mount().await;
    let o3_before = text(&root, "td[data-objective='O3']");
    let o2_before = text(&root, "td[data-objective='O2']");
    let total_before = text(&root, "td[data-total='period']");

    // Output 2.1 is marked X against O2 only; mark it against O3 too: its cost is now
    // shared equally, so O3 gains and O2 loses, and the total does not change.
    click(
        &root,
        "button[aria-label='Output 2.1 and objective O3: not linked']",
    );
    settle().await;
    let cell = root
        .query_selector("button[aria-label='Output 2.1 and objective O3: linked (X)']")
        .unwrap()
        .expect("the cell now shows the link");
    assert_eq!(cell.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_ne!(text(&root, "td[data-objective='O3']"), o3_before);
    assert_ne!(text(&root, "td[data-objective='O2']"), o2_before);
    assert_eq!(text(&root, "td[data-total='period']"), total_before);

    click(&root, "button[title='Undo (Ctrl+Z)']");
    settle().await;
    assert_eq!(text(&root, "td[data-objective='O3']"), o3_before);
    assert_eq!(text(&root, "td[data-objective='O2']"), o2_before);
}

#[wasm_bindgen_test]
async fn selecting_an_objective_shows_its_description_and_cost() {
    let root = mount().await;
    assert!(root
        .query_selector("aside.inspector.empty")
        .unwrap()
        .is_some());
    click(&root, ".obj-col:nth-child(4) .obj-head"); // third objective column
    settle().await;
    let panel = text(&root, "aside.inspector");
    assert!(panel.contains("O3"));
    assert!(
        panel.contains("multilingual"),
        "the objective's description is shown: {panel}"
    );
    assert!(panel.contains("Outputs (3)"));
}
