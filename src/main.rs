//! Starts the web app. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A defect must not cost work: a panic shows a notice with the plan as last saved.
    rollplan_app::ui::crash::install();
    rollplan_app::ui::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("rollplan-app is the web app: build it with trunk (see README.md); the command line is `rollplan`.");
    std::process::exit(2);
}
