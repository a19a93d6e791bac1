//! One component per file. Each reads the app state from context and dispatches actions.

pub mod costs;
pub mod dialogs;
pub mod file_menu;
pub mod find;
pub mod grid;
pub mod header;
pub mod history;
pub mod import_dialog;
pub mod inspector;
pub mod library;
pub mod matrix;
pub mod notice;
pub mod plan_tools;
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

/// Where the cursor and selection of the grid on show are, for the planning tools beside
/// the tabs. Written by the grid as the selection moves, read when a tool is used: not
/// state, so moving the cursor re-renders nothing but the grid.
#[derive(Clone, Default)]
pub struct GridSelection(
    pub  std::rc::Rc<
        std::cell::RefCell<Option<(rollplan_core::sheet::SheetKind, rollplan_core::sheet::Range)>>,
    >,
);

/// One shared cell: equal to itself, so the context never re-renders anything.
impl PartialEq for GridSelection {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The value a `<select>` changed to (empty if the event did not come from one).
pub fn select_value(e: &yew::Event) -> String {
    use yew::TargetCast;
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// Keeps Tab inside a modal dialog: past its last control Tab goes to its first, and
/// Shift+Tab before its first goes to its last. Called from the dialog's keydown.
pub fn trap_tab(e: &yew::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if e.key() != "Tab" {
        return;
    }
    // Yew delegates events from its root, so the dialog is found from the target.
    let Some(dialog) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[role=dialog]").ok().flatten())
    else {
        return;
    };
    const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        // Hidden controls (in a closed <details>) take no focus.
        .filter(|el| el.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = gloo::utils::document().active_element();
    let is = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    let outside = active.as_ref().is_none_or(|a| {
        !items
            .iter()
            .any(|el| a == el.unchecked_ref::<web_sys::Element>())
    });
    if e.shift_key() && (is(first) || outside) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && (is(last) || outside) {
        e.prevent_default();
        let _ = first.focus();
    }
}

/// Focus goes back to where it was when a dialog opened, once it closes (`open` turns false
/// or the dialog's component goes).
#[yew::hook]
pub fn use_focus_return(open: bool) {
    use wasm_bindgen::JsCast;
    yew::use_effect_with(open, |open| {
        let before = open
            .then(|| gloo::utils::document().active_element())
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        move || {
            if let Some(el) = before.filter(|el| el.is_connected()) {
                let _ = el.focus();
            }
        }
    });
}
