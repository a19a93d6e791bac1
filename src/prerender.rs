//! Prints the app as a first visit sees it (the example plan, the getting-started strip),
//! rendered natively by Yew's server renderer. `scripts/prerender.sh` puts it into the built
//! `index.html`, so the page paints at once and the wasm replaces it when it has loaded.

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main(flavor = "current_thread")]
async fn main() {
    print!("{}", rollplan_app::ui::app::first_visit_html().await);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
