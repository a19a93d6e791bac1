//! The grid's clipboard: Ctrl+C puts the selection on the clipboard as tab-separated text
//! (drafts as typed), Ctrl+X also clears it, Ctrl+V pastes a block from Excel or Google
//! Sheets at the selection, one undo step. Nothing happens while a cell is being edited:
//! the editor's own text is then what is cut, copied and pasted.

use super::Editing;
use crate::ui::components::AppContext;
use crate::ui::state::{Action, EditAction};
use rollplan_core::io::tsv;
use rollplan_core::sheet::{Range, Sheet};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::ClipboardEvent;
use yew::prelude::*;

type Handlers = (Callback<Event>, Callback<Event>, Callback<Event>);

/// Copy, cut and paste for a grid showing `sheet` with `range` selected.
pub(super) fn handlers(
    ctx: AppContext,
    sheet: Rc<Sheet>,
    range: Range,
    editing_now: Rc<RefCell<Option<Editing>>>,
) -> Handlers {
    let oncopy = {
        let ctx = ctx.clone();
        let sheet = sheet.clone();
        let editing_now = editing_now.clone();
        Callback::from(move |e: Event| {
            if editing_now.borrow().is_some() {
                return;
            }
            let Ok(ce) = e.dyn_into::<ClipboardEvent>() else {
                return;
            };
            let doc = ctx.doc.borrow();
            let rows = sheet.copy(doc.view(), doc.drafts(), &range);
            if let Some(data) = ce.clipboard_data() {
                if data.set_data("text/plain", &tsv::write(&rows)).is_ok() {
                    ce.prevent_default();
                }
            }
        })
    };
    let oncut = {
        let oncopy = oncopy.clone();
        let ctx = ctx.clone();
        let editing_now = editing_now.clone();
        let kind = sheet.kind;
        Callback::from(move |e: Event| {
            if editing_now.borrow().is_some() {
                return;
            }
            oncopy.emit(e);
            ctx.dispatch(Action::Edit(EditAction::Clear { sheet: kind, range }));
        })
    };
    let onpaste = {
        let ctx = ctx.clone();
        let editing_now = editing_now.clone();
        let kind = sheet.kind;
        Callback::from(move |e: Event| {
            if editing_now.borrow().is_some() {
                return;
            }
            let Ok(ce) = e.dyn_into::<ClipboardEvent>() else {
                return;
            };
            let Some(text) = ce
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            ce.prevent_default();
            let block = tsv::parse(&text);
            if !block.is_empty() {
                ctx.dispatch(Action::Edit(EditAction::Paste {
                    sheet: kind,
                    range,
                    block: Rc::new(block),
                }));
            }
        })
    };
    (oncopy, oncut, onpaste)
}
