//! App state and its one reducer.
//!
//! The document (plan, rollups, history) sits behind `Rc<RefCell<..>>` so an edit to a
//! 200,000-cell plan updates it in place instead of cloning it; `generation` counts changes
//! so Yew knows when to re-render. Only [`AppState::reduce`] borrows it mutably.

use crate::core::edit::{Document, Edit};
use crate::core::example::example_plan;
use crate::core::model::{ObjectiveId, Plan};
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Show an objective in the side panel (or close it with `None`).
    SelectObjective(Option<ObjectiveId>),
    Apply(Edit),
    Undo,
    Redo,
    DismissMessage,
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub doc: Rc<RefCell<Document>>,
    pub generation: u64,
    pub selected_objective: Option<ObjectiveId>,
    /// A message for the user: why an action was refused.
    pub message: Option<String>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.generation == other.generation
            && self.selected_objective == other.selected_objective
            && self.message == other.message
    }
}

impl AppState {
    /// Opens a plan. A plan so large that its totals overflow cannot be opened; the app then
    /// opens a blank plan and says why, rather than showing wrong figures.
    pub fn open(plan: Plan) -> AppState {
        let (doc, message) = match Document::open(plan) {
            Ok(doc) => (doc, None),
            Err(e) => (
                Document::open(Plan::blank(
                    "Untitled plan",
                    &["2026", "2027", "2028", "2029"],
                ))
                .unwrap_or_else(|_| unreachable!("a blank plan has no figures to overflow")),
                Some(format!("The plan could not be opened: {e}")),
            ),
        };
        AppState {
            doc: Rc::new(RefCell::new(doc)),
            generation: 0,
            selected_objective: None,
            message,
        }
    }

    pub fn example() -> AppState {
        AppState::open(example_plan())
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SelectObjective(o) => next.selected_objective = o,
            Action::DismissMessage => next.message = None,
            Action::Apply(edit) => {
                let result = next.doc.borrow_mut().apply(edit);
                match result {
                    Ok(()) => {
                        next.generation += 1;
                        next.message = None;
                    }
                    Err(e) => next.message = Some(format!("That change was not made: {e}.")),
                }
            }
            Action::Undo | Action::Redo => {
                let result = if action == Action::Undo {
                    next.doc.borrow_mut().undo()
                } else {
                    next.doc.borrow_mut().redo()
                };
                match result {
                    Ok(true) => next.generation += 1,
                    Ok(false) => {}
                    Err(e) => next.message = Some(format!("Could not undo or redo: {e}.")),
                }
            }
        }
        Rc::new(next)
    }
}
