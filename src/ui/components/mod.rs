//! One component per file. Each reads the app state from context and dispatches actions.

pub mod costs;
pub mod file_menu;
pub mod grid;
pub mod header;
pub mod import_dialog;
pub mod inspector;
pub mod library;
pub mod matrix;
pub mod notice;
pub mod proposal;
pub mod resources;
pub mod results;
pub mod rollups;
pub mod save_banner;
pub mod scenarios;
pub mod share;
pub mod value_input;

use super::state::AppState;
use yew::UseReducerHandle;

/// The app state as components receive it (through a Yew context).
pub type AppContext = UseReducerHandle<AppState>;

/// The value a `<select>` changed to (empty if the event did not come from one).
pub fn select_value(e: &yew::Event) -> String {
    use yew::TargetCast;
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}
