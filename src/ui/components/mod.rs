//! One component per file. Each reads the app state from context and dispatches actions.

pub mod header;
pub mod inspector;
pub mod matrix;

use super::state::AppState;
use yew::UseReducerHandle;

/// The app state as components receive it (through a Yew context).
pub type AppContext = UseReducerHandle<AppState>;
