//! The grid's keys: a browser key press becomes the core's [`Press`], the core's
//! navigation rules (`sheet::nav`, tested natively key by key) say what it means, and this
//! handler carries out the [`Command`] with the grid's own operations.

use super::Editing;
use crate::ui::state::{Action, EditAction, SayAction};
use rollplan_core::sheet::nav::{self, Command, EditorCommand, Press, Size};
use rollplan_core::sheet::{Range, SheetKind};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Keeps a key typed before the editor had focus: a character to add, or `None` to delete.
pub(super) type Buffer = Rc<dyn Fn(Editing, Option<&str>)>;

/// What the grid can do, for its key handler.
pub(super) struct Keys {
    pub dispatch: Rc<dyn Fn(Action)>,
    /// Opens the note of a cell (Shift+F2).
    pub note: Rc<dyn Fn(usize, usize)>,
    /// Holds or releases the figures of a range (F4).
    pub hold: Rc<dyn Fn(Range)>,
    /// Opens Adjust… for a range (Ctrl+Shift+E).
    pub adjust: Rc<dyn Fn(Range)>,
    /// Whether a cell takes typing: Tab walks only those.
    pub editable: Rc<dyn Fn((usize, usize)) -> bool>,
    /// Select a range and bring it into view.
    pub show: Rc<dyn Fn(Range)>,
    /// Move the cursor (extending the selection).
    pub go: Rc<dyn Fn(usize, usize, bool)>,
    /// Start editing a cell (with typed text replacing it); `false` for a read-only cell.
    pub start_edit: Rc<dyn Fn(usize, usize, Option<String>) -> bool>,
    pub commit: Rc<dyn Fn()>,
    /// Stop editing without committing.
    pub cancel: Rc<dyn Fn()>,
    pub buffer: Buffer,
    pub editing_now: Rc<RefCell<Option<Editing>>>,
    pub size: Size,
    pub kind: SheetKind,
}

pub(super) fn handler(k: Keys, range: Range) -> Callback<KeyboardEvent> {
    let kind = k.kind;
    Callback::from(move |e: KeyboardEvent| {
        let key = e.key();
        let press = Press {
            key: &key,
            shift: e.shift_key(),
            ctrl: e.ctrl_key() || e.meta_key(),
            alt: e.alt_key(),
        };
        let ctrl = press.ctrl;
        let (r, c) = range.cursor;
        let current = k.editing_now.borrow().clone();
        if let Some(ed) = current {
            let in_editor = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .is_some();
            if !in_editor && !ctrl && !e.alt_key() {
                // The editor is not focused yet: keep what is typed meanwhile.
                if key.chars().count() == 1 {
                    e.prevent_default();
                    (k.buffer)(ed, Some(&key));
                    return;
                }
                if key == "Backspace" {
                    e.prevent_default();
                    (k.buffer)(ed, None);
                    return;
                }
            }
            match nav::on_editor_key((ed.row, ed.col), ed.replace, k.size, &*k.editable, press) {
                EditorCommand::CommitAndMove((row, col)) => {
                    e.prevent_default();
                    (k.commit)();
                    (k.go)(row, col, false);
                }
                EditorCommand::Cancel => {
                    e.prevent_default();
                    (k.cancel)();
                }
                EditorCommand::Pass => {}
            }
            return;
        }
        let Some(command) = nav::on_key(&range, k.size, &*k.editable, press) else {
            return;
        };
        match command {
            Command::Select(to) => (k.show)(to),
            Command::Edit => {
                (k.start_edit)(r, c, None);
            }
            Command::Type(typed) => {
                // A read-only cell does not start an editor: the key is left alone, and the
                // user is told why rather than seeing nothing happen.
                if !(k.start_edit)(r, c, Some(typed)) {
                    (k.dispatch)(Action::Say(SayAction::Status(
                        "That cell is computed and cannot be typed into: type into the figures of its lines, or into a year, biennium or period total to spread it. What you typed was not used.".into(),
                    )));
                    return;
                }
            }
            Command::Collapse => (k.go)(r, c, false),
            Command::Clear => (k.dispatch)(Action::Edit(EditAction::Clear { sheet: kind, range })),
            Command::FillDown => (k.dispatch)(Action::Edit(EditAction::Fill {
                sheet: kind,
                range,
                down: true,
            })),
            Command::FillRight => (k.dispatch)(Action::Edit(EditAction::Fill {
                sheet: kind,
                range,
                down: false,
            })),
            Command::Note => (k.note)(r, c),
            Command::Hold => (k.hold)(range),
            Command::Adjust => (k.adjust)(range),
        }
        e.prevent_default();
    })
}
