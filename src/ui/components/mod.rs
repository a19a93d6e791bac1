//! One component per file. Each reads the app state from context and dispatches actions.

pub mod file_menu;
pub mod header;
pub mod import_dialog;
pub mod inspector;
pub mod matrix;
pub mod notice;

use super::state::AppState;
use yew::UseReducerHandle;

/// The app state as components receive it (through a Yew context).
pub type AppContext = UseReducerHandle<AppState>;
