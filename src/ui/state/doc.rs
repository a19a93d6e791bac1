//! The document being edited and the actions that change it. Every change reaches the plan
//! through the core (`Document::change`, `sheet::type_into`, `sheet::structure`): the
//! reducer decides nothing about what an edit means.

use super::{AppState, View};
use rollplan_core::document::commands;
use rollplan_core::document::Stamp;
use rollplan_core::model::proposal::to_scenario;
use rollplan_core::model::scenario::unused_name;
use rollplan_core::model::{ProposalId, ScenarioId};
use rollplan_core::sheet::adjust::{self, Adjustment, Scope};
use rollplan_core::sheet::spread::{self, SpreadOptions};
use rollplan_core::sheet::structure::{self, StructureOp};
use rollplan_core::sheet::{self, BlockChange, CellKey, Range, Row, SheetKind};
use rollplan_core::{Document, Edit};
use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

/// The open document, shared by the state's clones so an edit to a 200,000-cell plan
/// updates it in place instead of cloning it. Two handles are equal when they are the same
/// session (which document, in which home) at the same generation (how many changes), so
/// Yew re-renders exactly when the plan changed, by value, with no pointer compared.
#[derive(Clone, Debug)]
pub struct Doc {
    inner: Rc<RefCell<Document>>,
    /// Which open document this is: a new one is a new session.
    pub session: u64,
    /// Counts changes to the document (and to what it shows).
    pub generation: u64,
}

impl PartialEq for Doc {
    fn eq(&self, other: &Self) -> bool {
        (self.session, self.generation) == (other.session, other.generation)
    }
}

impl Doc {
    pub fn new(doc: Document, session: u64) -> Doc {
        Doc {
            inner: Rc::new(RefCell::new(doc)),
            session,
            generation: 0,
        }
    }

    pub fn borrow(&self) -> Ref<'_, Document> {
        self.inner.borrow()
    }

    /// Only the reducer changes the document.
    pub(super) fn borrow_mut(&self) -> RefMut<'_, Document> {
        self.inner.borrow_mut()
    }

    /// The document itself, for the edge that saves it after a change.
    pub fn shared(&self) -> Rc<RefCell<Document>> {
        self.inner.clone()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum EditAction {
    /// Text typed into a field: becomes an edit, or stays in the field as a draft with the
    /// reason (one undo step either way).
    CommitCell {
        key: CellKey,
        text: String,
    },
    /// Rows of clipboard text put at a selection.
    Paste {
        sheet: SheetKind,
        range: Range,
        block: Rc<Vec<Vec<String>>>,
    },
    Fill {
        sheet: SheetKind,
        range: Range,
        down: bool,
    },
    Clear {
        sheet: SheetKind,
        range: Range,
    },
    Structure {
        op: StructureOp,
        row: Row,
    },
    Apply(Edit),
    /// An edit of the plan itself even while a scenario is shown (a baseline figure in
    /// the comparison, a promotion).
    ApplyToPlan(Edit),
    /// Shows a scenario in every view (or the baseline, with `None`).
    ShowScenario(Option<ScenarioId>),
    /// A new scenario (a copy of `from`'s differences, or none), shown at once.
    NewScenario {
        from: Option<ScenarioId>,
    },
    /// Makes a scenario the baseline.
    Promote(ScenarioId),
    /// Lets the selected cells of the shown scenario follow the baseline again.
    ResetCells {
        sheet: SheetKind,
        range: Range,
    },
    /// Adds a proposal's costs to the plan as a new scenario and shows it.
    ApplyProposal(ProposalId),
    /// Renames the open plan (an undoable edit).
    Rename(String),
    /// A total typed into a total cell, spread over the figures beneath it (held ones kept).
    Spread {
        sheet: SheetKind,
        cell: (usize, usize),
        text: String,
        options: SpreadOptions,
    },
    /// An adjustment of every figure of a scope (held ones kept).
    Adjust {
        sheet: SheetKind,
        scope: Scope,
        adjustment: Adjustment,
    },
    /// Puts back the value a figure had before a recorded change (record, figure).
    Restore {
        record: usize,
        figure: usize,
    },
    /// The user's comment on a record of the history.
    Comment {
        record: usize,
        text: String,
    },
    /// Removes the history's records made before this time, or (`keep`) all but the
    /// newest this many.
    TrimHistory(Trim),
    Undo,
    Redo,
}

/// How the history is trimmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trim {
    Before(u64),
    KeepLast(usize),
}

impl AppState {
    pub(super) fn edit(&mut self, action: EditAction) {
        let undo = action == EditAction::Undo;
        // Each change is recorded in the history with the edge's clock and the name given.
        let stamp = Stamp {
            at: self.clock.now(),
            who: self.store.author.clone(),
        };
        self.doc.borrow_mut().set_stamp(stamp);
        match action {
            EditAction::Apply(edit) => {
                self.apply(edit);
            }
            EditAction::ApplyToPlan(edit) => {
                self.apply_to_plan(edit);
            }
            EditAction::ShowScenario(id) => self.show(id),
            EditAction::Structure { op, row } => self.structure(op, row),
            EditAction::NewScenario { from } => {
                let edit = {
                    let doc = self.doc.borrow();
                    let plan = doc.plan();
                    let base = match from.and_then(|id| plan.scenarios.iter().find(|s| s.id == id))
                    {
                        Some(s) => format!("{} (copy)", s.name),
                        None => "New scenario".to_string(),
                    };
                    commands::create_scenario(plan, &unused_name(plan, &base), from)
                };
                if let Some(edit) = edit {
                    if self.apply_to_plan(edit) {
                        let id = self.doc.borrow().plan().scenarios.last().map(|s| s.id);
                        self.show(id);
                        self.say.status = Some(
                            "Added a scenario. Figures you type now change this scenario only; \
                             choose Baseline above the tabs to go back."
                                .into(),
                        );
                    }
                }
            }
            EditAction::Promote(id) => {
                let name = self
                    .doc
                    .borrow()
                    .plan()
                    .scenarios
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.name.clone());
                let result = self.doc.borrow_mut().promote(id);
                match result {
                    Ok(()) => {
                        self.touched();
                        self.say.message = None;
                        self.say.status = Some(format!(
                            "\u{201c}{}\u{201d} is now the baseline; the former baseline is kept as a scenario. Undo (Ctrl+Z) reverses it.",
                            name.unwrap_or_default()
                        ));
                    }
                    Err(e) => {
                        self.say.message = Some(format!("The scenario was not promoted: {e}."))
                    }
                }
            }
            EditAction::ResetCells { sheet, range } => {
                let edit = {
                    let doc = self.doc.borrow();
                    doc.scenario().map(|s| {
                        let keys = self.sheet(sheet).overridden(doc.view().plan(), s, &range);
                        let id = s.id;
                        keys.into_iter()
                            .map(|key| Edit::SetOverride {
                                scenario: id,
                                key,
                                value: None,
                            })
                            .collect::<Vec<_>>()
                    })
                };
                match edit {
                    None => {
                        self.say.status =
                            Some("Only a scenario's cells can be reset to the baseline.".into())
                    }
                    Some(edits) if edits.is_empty() => {
                        self.say.status = Some("No cell selected differs from the baseline.".into())
                    }
                    Some(edits) => {
                        let n = edits.len();
                        if self.apply_to_plan(Edit::Batch(edits)) {
                            self.say.status = Some(format!(
                                "Reset {n} cell(s) to the baseline. Undo (Ctrl+Z) brings the scenario's figures back."
                            ));
                        }
                    }
                }
            }
            EditAction::ApplyProposal(id) => {
                let edit = {
                    let doc = self.doc.borrow();
                    let plan = doc.plan();
                    match plan
                        .proposals
                        .iter()
                        .find(|p| p.id == id)
                        .map(|p| to_scenario(plan, p))
                    {
                        Some(Ok(s)) => Some(Edit::InsertScenario {
                            index: plan.scenarios.len(),
                            scenario: Box::new(s),
                        }),
                        Some(Err(e)) => {
                            drop(doc);
                            self.say.message = Some(format!(
                                "The proposal was not made a scenario: {e}. Lower its quantities and try again."
                            ));
                            None
                        }
                        None => None,
                    }
                };
                if let Some(edit) = edit {
                    if self.apply_to_plan(edit) {
                        let id = self.doc.borrow().plan().scenarios.last().map(|s| s.id);
                        self.show(id);
                        self.work.view = View::Scenarios;
                        self.say.status = Some(
                            "The proposal is now a scenario of the plan: compare it below, or see its rows under Resources.".into(),
                        );
                    }
                }
            }
            EditAction::CommitCell { key, text } => {
                let result = sheet::type_into(&mut self.doc.borrow_mut(), key, &text);
                match result {
                    Ok(true) => {
                        self.touched();
                        self.say.message = None;
                    }
                    Ok(false) => {}
                    // The text stays in its field with the reason (a step of its own).
                    Err(e) => {
                        self.doc.generation += 1;
                        self.say.message = Some(format!("That change was not made: {e}."));
                    }
                }
            }
            EditAction::Paste {
                sheet,
                range,
                block,
            } => {
                let change =
                    self.sheet(sheet)
                        .paste(self.doc.borrow().view().plan(), &range, &block);
                self.apply_block(change, "Pasted");
            }
            EditAction::Fill { sheet, range, down } => {
                let change = {
                    let doc = self.doc.borrow();
                    self.sheet(sheet)
                        .fill(doc.view(), doc.drafts(), &range, down)
                };
                self.apply_block(change, "Filled");
            }
            EditAction::Clear { sheet, range } => {
                let change = {
                    let doc = self.doc.borrow();
                    self.sheet(sheet)
                        .clear(doc.view().plan(), doc.drafts(), &range)
                };
                self.apply_block(change, "Cleared");
            }
            EditAction::Rename(title) => {
                let title = title.trim().to_string();
                if title.is_empty() {
                    self.say.message = Some("A plan needs a title; the title is unchanged.".into());
                } else {
                    let edit = self.retitle(&title);
                    self.apply(edit);
                }
            }
            EditAction::Spread {
                sheet,
                cell,
                text,
                options,
            } => {
                let options = SpreadOptions {
                    held: (*self.work.held).clone(),
                    ..options
                };
                let worked = {
                    let doc = self.doc.borrow();
                    spread::spread(&doc, &self.sheet(sheet), cell, &text, &options)
                };
                match worked {
                    Ok(sp) => {
                        let summary = sp.summary.clone();
                        if self.apply_change(sp.change) {
                            self.work.dialog = None;
                            self.say.status =
                                Some(format!("{summary} Undo (Ctrl+Z) takes it back."));
                        }
                    }
                    Err(e) => self.say.message = Some(format!("That total was not spread: {e}.")),
                }
            }
            EditAction::Adjust {
                sheet,
                scope,
                adjustment,
            } => {
                let worked = {
                    let doc = self.doc.borrow();
                    adjust::adjust(&doc, &self.sheet(sheet), scope, adjustment, &self.work.held)
                };
                match worked {
                    Ok(a) if a.changed == 0 => {
                        self.work.dialog = None;
                        self.say.status = Some(format!("{} Nothing changed.", a.summary));
                    }
                    Ok(a) => {
                        let summary = a.summary.clone();
                        if self.apply_change(a.change) {
                            self.work.dialog = None;
                            self.say.status =
                                Some(format!("{summary} Undo (Ctrl+Z) takes it back."));
                        }
                    }
                    Err(e) => self.say.message = Some(format!("Nothing was adjusted: {e}.")),
                }
            }
            EditAction::Restore { record, figure } => {
                let result = self.doc.borrow_mut().restore(record, figure);
                match result {
                    Ok(true) => {
                        self.touched();
                        self.say.message = None;
                        let what = self
                            .doc
                            .borrow()
                            .history()
                            .records
                            .last()
                            .map(|r| r.what.clone())
                            .unwrap_or_default();
                        self.say.status = Some(format!("{what}. Undo (Ctrl+Z) takes it back."));
                    }
                    Ok(false) => {
                        self.say.status = Some("That figure already has that value.".into())
                    }
                    Err(e) => self.say.message = Some(format!("Nothing was restored: {e}.")),
                }
            }
            EditAction::Comment { record, text } => {
                if self.doc.borrow_mut().comment(record, &text) {
                    self.touched();
                }
            }
            EditAction::TrimHistory(trim) => {
                let removed = match trim {
                    Trim::Before(at) => self.doc.borrow_mut().trim_history_before(at),
                    Trim::KeepLast(n) => self.doc.borrow_mut().keep_history(n),
                };
                if removed > 0 {
                    self.touched();
                }
                self.say.status = Some(match removed {
                    0 => "No record of the history was that old; nothing was removed.".into(),
                    n => format!("Removed {n} record(s) from the history. This cannot be undone."),
                });
            }
            EditAction::Undo | EditAction::Redo => {
                let result = if undo {
                    self.doc.borrow_mut().undo()
                } else {
                    self.doc.borrow_mut().redo()
                };
                match result {
                    Ok(true) => self.touched(),
                    Ok(false) => {}
                    Err(e) => self.say.message = Some(format!("Could not undo or redo: {e}.")),
                }
            }
        }
    }

    /// Shows a scenario (or the baseline) in every view; not a change to the plan.
    fn show(&mut self, id: Option<ScenarioId>) {
        let result = self.doc.borrow_mut().show(id);
        match result {
            Ok(()) => {
                self.doc.generation += 1;
                self.say.message = None;
            }
            Err(e) => self.say.message = Some(format!("That scenario could not be shown: {e}.")),
        }
    }

    /// Applies an edit to the plan itself, whatever is shown.
    fn apply_to_plan(&mut self, edit: Edit) -> bool {
        let result = self.doc.borrow_mut().apply_to_plan(edit);
        match result {
            Ok(()) => {
                self.touched();
                self.say.message = None;
                true
            }
            Err(e) => {
                self.say.message = Some(format!("That change was not made: {e}."));
                false
            }
        }
    }

    /// Applies an edit (one undo step); says why when it is refused.
    pub(super) fn apply(&mut self, edit: Edit) -> bool {
        self.try_apply(edit).is_ok()
    }

    /// Applies an edit, or returns (and shows) why it was refused.
    fn try_apply(&mut self, edit: Edit) -> Result<(), String> {
        let result = self.doc.borrow_mut().apply(edit);
        match result {
            Ok(()) => {
                self.touched();
                self.say.message = None;
                Ok(())
            }
            Err(e) => {
                self.say.message = Some(format!("That change was not made: {e}."));
                Err(e.to_string())
            }
        }
    }

    /// A change worked out by the core (a spread, an adjustment) as one step; says why when
    /// it is refused.
    fn apply_change(&mut self, change: rollplan_core::document::Change) -> bool {
        let result = self.doc.borrow_mut().change(change);
        match result {
            Ok(changed) => {
                if changed {
                    self.touched();
                }
                self.say.message = None;
                true
            }
            Err(e) => {
                self.say.message = Some(format!("That change was not made: {e}."));
                false
            }
        }
    }

    /// A paste, fill or clear: its edits and its invalid cells' drafts as one step.
    fn apply_block(&mut self, change: BlockChange, verb: &str) {
        let result = self.doc.borrow_mut().change(change.change());
        match result {
            Ok(changed) => {
                if changed {
                    self.touched();
                }
                self.say.message = None;
                self.say.status = Some(change.summary(verb));
            }
            Err(e) => self.say.message = Some(format!("That change was not made: {e}.")),
        }
    }

    fn structure(&mut self, op: StructureOp, row: Row) {
        if self.doc.borrow().scenario().is_some() {
            self.say.message = Some(format!(
                "That change was not made: {}.",
                rollplan_core::edit::EditError::BaselineOnly
            ));
            return;
        }
        let sheet = self.sheet(SheetKind::Resources(self.work.grouping));
        let planned = structure::edit_for(self.doc.borrow().plan(), &sheet, op, row);
        match planned {
            Some(structure::Planned { edit, reveal, what }) => {
                self.work.reveal = reveal;
                if self.apply(edit) {
                    // What was added or moved must show, so the cursor can go to it and
                    // what the user types next lands there: its group opens if collapsed.
                    if let Some(t) = reveal {
                        self.open_groups_hiding(t);
                    }
                    self.say.status = Some(format!("{what}. Undo (Ctrl+Z) puts it back."));
                }
            }
            None => {
                self.say.status = Some(match op {
                    StructureOp::MoveUp | StructureOp::MoveDown => {
                        "It cannot move further that way.".into()
                    }
                    _ => "Select an objective, output or line row first.".into(),
                })
            }
        }
    }

    /// The edit that retitles the open plan.
    pub(super) fn retitle(&self, title: &str) -> Edit {
        let doc = self.doc.borrow();
        let plan = doc.plan();
        Edit::SetPlanInfo {
            title: title.to_string(),
            organisation: plan.organisation.clone(),
            currency: plan.currency.clone(),
        }
    }
}
