//! Where the open plan is kept in this browser's library and whether it is saved. The
//! reducer never touches storage: the autosave and the library calls (at the edge, in
//! `app.rs` and `storage.rs`) report their outcomes as [`StoreAction`]s.

use super::AppState;
use rollplan_core::io::library::{Meta, Stored};
use rollplan_core::model::Plan;
use rollplan_core::Document;
use std::cell::RefCell;
use std::rc::Rc;

/// Where the open plan is kept in this browser's library: its id and the revision this tab
/// last read or wrote. Shared by the clones of one state and replaced with the document,
/// so a save started for one plan never lands on another. Only the autosave (at the edge)
/// and the reducer's conflict choices write it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Home {
    /// `None` until the plan's first save creates its entry.
    pub id: Option<String>,
    pub revision: Option<u64>,
}

/// The autosave indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing to save yet (the plan as opened).
    Idle,
    /// Changed; the autosave is due.
    Pending,
    Saved,
    /// Why the last autosave failed; the plan in memory is intact.
    Failed(SaveFailure),
}

/// Why the open plan is not saved in this browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// Another tab saved this plan after this tab opened or saved it.
    Conflict(Meta),
    /// The browser's storage is full, or the plan is larger than it can hold.
    NoRoom(String),
    /// Storage is switched off or failed.
    Unavailable(String),
}

impl SaveFailure {
    pub fn message(&self) -> String {
        match self {
            SaveFailure::Conflict(theirs) => format!(
                "\u{201c}{}\u{201d} was changed in another tab or window after you opened it here. \
                 Your changes in this tab are not saved in the browser until you choose.",
                theirs.title
            ),
            SaveFailure::NoRoom(why) | SaveFailure::Unavailable(why) => {
                // Reasons come from lower layers as clauses; shown here as a sentence.
                let mut chars = why.trim_end_matches('.').chars();
                match chars.next() {
                    Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
                    None => String::new(),
                }
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Persistence {
    /// Whether the open plan is saved in this browser.
    pub saved: SaveStatus,
    /// Where the open plan is kept in the library.
    pub home: Rc<RefCell<Home>>,
    /// The plan changed since it was opened or read from the library: autosave writes only
    /// then, so opening a plan does not make it look edited.
    pub changed: bool,
    /// Whether the browser agreed to keep this page's storage until the user deletes it
    /// (asked once, after the first save); `None` until it has answered.
    pub durable: Option<bool>,
    /// The name the person gave for the history (kept in this browser, not in plans).
    pub author: String,
}

impl Default for Persistence {
    fn default() -> Self {
        Persistence::at(Home::default())
    }
}

impl Persistence {
    pub fn at(home: Home) -> Persistence {
        Persistence {
            saved: SaveStatus::Idle,
            home: Rc::new(RefCell::new(home)),
            changed: false,
            durable: None,
            author: String::new(),
        }
    }

    /// The plan changed: a save is due, unless saving is failing (that stays on show until
    /// it is resolved).
    pub fn touched(&mut self) {
        self.changed = true;
        if !matches!(self.saved, SaveStatus::Failed(_)) {
            self.saved = SaveStatus::Pending;
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StoreAction {
    /// What the autosave reported for the document of `session` (see [`super::Doc::session`]).
    SaveResult {
        session: u64,
        result: Result<(), SaveFailure>,
    },
    /// Another tab saved a plan of the library (the browser's `storage` event).
    StoredElsewhere(Meta),
    /// A plan read from the library (or just added to it), in place of the open one.
    OpenStored {
        stored: Box<Stored>,
        /// What to tell the user about it.
        note: Option<String>,
    },
    /// A plan that could not be added to the library, opened anyway; `why` is shown.
    OpenUnsaved { plan: Box<Plan>, why: String },
    /// A plan new to the library (blank, or the example), in place of the open one.
    NewPlan(Box<Plan>),
    /// After a conflict: keep this tab's plan as a new entry of the library.
    KeepAsCopy { title: String },
    /// After a conflict: save this tab's plan over the other tab's revision.
    Overwrite,
    /// The browser's answer to the request for persistent storage.
    Durable(bool),
    /// The person's name for the history (read from this browser, or typed).
    Author(String),
}

impl AppState {
    pub(super) fn store_action(&mut self, action: StoreAction) {
        match action {
            StoreAction::SaveResult { session, result } => {
                // A save of a plan no longer open reports nothing about the open one.
                if session == self.doc.session {
                    self.store.saved = match result {
                        Ok(()) => SaveStatus::Saved,
                        Err(why) => SaveStatus::Failed(why),
                    }
                }
            }
            StoreAction::StoredElsewhere(theirs) => {
                let home = self.store.home.borrow().clone();
                if home.id.as_deref() == Some(theirs.id.as_str())
                    && home.revision != Some(theirs.revision)
                {
                    self.store.saved = SaveStatus::Failed(SaveFailure::Conflict(theirs));
                }
            }
            StoreAction::OpenStored { stored, note } => match Document::open(stored.plan) {
                Ok(doc) => {
                    let home = Home {
                        id: Some(stored.meta.id),
                        revision: Some(stored.meta.revision),
                    };
                    self.replace_doc(doc, home, false);
                    self.doc.borrow_mut().restore_drafts(stored.drafts);
                    self.say.status = note;
                }
                Err(e) => {
                    self.say.message = Some(format!(
                        "That plan could not be opened: {e}. Your plan is unchanged."
                    ))
                }
            },
            StoreAction::NewPlan(plan) => {
                let title = plan.title.clone();
                match Document::open(*plan) {
                    Ok(doc) => {
                        self.replace_doc(doc, Home::default(), true);
                        self.say.status = Some(format!(
                            "Started \u{201c}{title}\u{201d}; it is kept in this browser's plans."
                        ));
                    }
                    Err(e) => self.say.message = Some(format!("The plan was not created: {e}.")),
                }
            }
            StoreAction::KeepAsCopy { title } => {
                let edit = self.retitle(&title);
                if self.apply(edit) {
                    // A new entry: the next save creates it, leaving the other tab's alone.
                    // A new home is a new session: a save due for the old one is not this.
                    self.store.home = Rc::default();
                    self.doc.session = self.doc.session.wrapping_add(1);
                    self.store.saved = SaveStatus::Pending;
                    self.say.status = Some(format!(
                        "Your version is kept as \u{201c}{title}\u{201d}; the other tab's version is unchanged."
                    ));
                }
            }
            StoreAction::Durable(granted) => self.store.durable = Some(granted),
            StoreAction::Author(name) => {
                self.store.author = name.trim().chars().take(80).collect();
            }
            StoreAction::Overwrite => {
                if let SaveStatus::Failed(SaveFailure::Conflict(theirs)) = &self.store.saved {
                    self.store.home.borrow_mut().revision = Some(theirs.revision);
                    self.store.saved = SaveStatus::Idle;
                    // A new generation asks the autosave to write.
                    self.touched();
                }
            }
            StoreAction::OpenUnsaved { plan, why } => match Document::open(*plan) {
                Ok(doc) => {
                    self.replace_doc(doc, Home::default(), true);
                    self.say.message = Some(why);
                }
                Err(e) => {
                    self.say.message = Some(format!(
                        "That plan could not be opened: {e}. Your plan is unchanged."
                    ))
                }
            },
        }
    }
}
