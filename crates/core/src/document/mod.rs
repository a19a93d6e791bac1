//! A plan being edited: the engine, the undo and redo history, and the scenario shown.
//!
//! [`Document::apply`] is where every edit a user makes arrives: while a scenario is shown,
//! [`redirect`] turns a figure into that scenario's override and refuses changes of rows;
//! then the edit is applied, its inverse kept for undo, and the shown scenario's engine
//! brought up to date (incrementally for its own figures, rebuilt otherwise).

pub mod commands;
pub mod field;
pub mod history;

pub use field::{CellKey, Col, Draft, Drafts, ItemFigure, Target};
pub use history::{figure_label, place_label, Stamp};

use crate::calc::Engine;
use crate::edit::{Edit, EditError};
use crate::exact::Exact;
use crate::model::scenario::{effective, materialise};
use crate::model::*;

/// A plan being edited: the engine plus undo and redo history.
#[derive(Clone, Debug)]
pub struct Document {
    engine: Engine,
    /// Oldest first; a deque, so dropping the oldest step past the limit is not a shift.
    undo: std::collections::VecDeque<Step>,
    redo: Vec<Step>,
    /// Text typed into fields that could not be used, with the reason.
    drafts: Drafts,
    /// Counts changes to the drafts, so the edge knows when to keep them.
    drafts_version: u64,
    /// Counts edits that changed the plan's shape (see [`Edit::reshapes`]), so views can
    /// keep their row layout across value edits.
    shape: u64,
    /// The scenario shown instead of the baseline, with the plan as it sees it.
    shown: Option<Shown>,
    /// When and by whom the next changes are made, as the edge last said.
    stamp: Stamp,
    /// How many figure changes the plan's history holds, kept as records are added, so
    /// its limit is checked without counting every record on each edit.
    history_figures: usize,
}

#[derive(Clone, Debug)]
struct Shown {
    id: ScenarioId,
    engine: Engine,
    stale: usize,
}

/// How many steps of undo are kept; older ones are dropped.
pub const HISTORY_LIMIT: usize = 500;

impl Document {
    pub fn new(engine: Engine) -> Self {
        let history_figures = engine.plan().history.figure_count();
        Document {
            engine,
            undo: std::collections::VecDeque::new(),
            redo: Vec::new(),
            drafts: Drafts::new(),
            drafts_version: 0,
            shape: 0,
            shown: None,
            stamp: Stamp::default(),
            history_figures,
        }
    }

    pub fn open(plan: Plan) -> Exact<Self> {
        Ok(Document::new(Engine::new(plan)?))
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn plan(&self) -> &Plan {
        self.engine.plan()
    }

    /// What the views show: the baseline, or the plan as the shown scenario sees it.
    pub fn view(&self) -> &Engine {
        self.shown.as_ref().map_or(&self.engine, |v| &v.engine)
    }

    /// The scenario shown, if any.
    pub fn scenario(&self) -> Option<&Scenario> {
        let id = self.shown.as_ref()?.id;
        self.plan().scenarios.iter().find(|s| s.id == id)
    }

    /// How many of the shown scenario's changes no longer apply (their rows were deleted).
    pub fn stale(&self) -> usize {
        self.shown.as_ref().map_or(0, |v| v.stale)
    }

    /// Shows a scenario (or the baseline, with `None`) in the views; edits made through
    /// [`Document::apply`] then change that scenario.
    pub fn show(&mut self, id: Option<ScenarioId>) -> Result<(), EditError> {
        self.shown = match id {
            None => None,
            Some(id) => {
                let s = self.plan().scenarios.iter().find(|s| s.id == id).ok_or(
                    EditError::Unknown {
                        what: "scenario",
                        id: id.0,
                    },
                )?;
                let m = materialise(self.plan(), s);
                Some(Shown {
                    id,
                    engine: Engine::new(m.plan)?,
                    stale: m.stale,
                })
            }
        };
        self.shape = self.shape.wrapping_add(1);
        Ok(())
    }

    /// Applies an edit as one undoable step, to what is shown: while a scenario is shown, a
    /// figure becomes that scenario's override and a change of rows is refused.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.change(Change::edit(edit)).map(drop)
    }

    /// Applies an edit as one undoable step to the plan itself, whatever is shown (the
    /// baseline column of a comparison, a scenario's driver).
    pub fn apply_to_plan(&mut self, edit: Edit) -> Result<(), EditError> {
        self.change(Change {
            to_plan: true,
            ..Change::edit(edit)
        })
        .map(drop)
    }

    /// Text typed into fields that could not be used, by field.
    pub fn drafts(&self) -> &Drafts {
        &self.drafts
    }

    /// Changes whenever the drafts change (by a change, an undo or a redo).
    pub fn drafts_version(&self) -> u64 {
        self.drafts_version
    }

    /// Puts back the drafts kept beside a stored plan when it is reopened: not a change of
    /// the document, so not in its history.
    pub fn restore_drafts(&mut self, drafts: Drafts) {
        self.drafts = drafts;
        self.drafts_version = self.drafts_version.wrapping_add(1);
    }

    /// Makes a change as one undoable step: its edit (redirected to the shown scenario
    /// unless it is for the plan itself) and its drafts together, so undo takes back typed
    /// text exactly as it takes back a value. `Ok(false)`: the change changed nothing and
    /// is not a step. On error nothing has changed, drafts included.
    pub fn change(&mut self, change: Change) -> Result<bool, EditError> {
        self.change_as(change, Origin::Edit)
    }

    /// [`Document::change`], recorded in the history as coming about this way.
    pub(crate) fn change_as(&mut self, change: Change, origin: Origin) -> Result<bool, EditError> {
        let Change {
            edit,
            drafts,
            to_plan,
            label,
        } = change;
        let edit = match (&self.shown, edit) {
            (Some(v), Some(e)) if !to_plan => Some(redirect(e, v.id)?),
            (_, e) => e,
        };
        let drafts: Vec<_> = drafts
            .into_iter()
            .filter(|(k, d)| self.drafts.get(k) != d.as_ref())
            .collect();
        if edit.is_none() && drafts.is_empty() {
            return Ok(false);
        }
        let reshapes = edit.as_ref().is_some_and(Edit::reshapes);
        let forward = edit.clone().filter(|_| self.shown.is_some());
        let pending = edit.as_ref().map(|e| self.pending(e));
        let inverse = match edit {
            Some(e) => Some(self.engine.apply(e)?),
            None => None,
        };
        if let Some(p) = pending {
            self.log(p, origin, label);
        }
        self.shape = self.shape.wrapping_add(u64::from(reshapes));
        let drafts = self.swap_drafts(drafts);
        self.undo.push_back(Step {
            edit: inverse,
            drafts,
        });
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.pop_front();
        }
        self.redo.clear();
        if let Some(f) = forward {
            self.sync(&f);
        }
        Ok(true)
    }

    /// Sets drafts and returns what they replaced, to set back.
    fn swap_drafts(
        &mut self,
        drafts: Vec<(CellKey, Option<Draft>)>,
    ) -> Vec<(CellKey, Option<Draft>)> {
        if drafts.is_empty() {
            return drafts;
        }
        self.drafts_version = self.drafts_version.wrapping_add(1);
        drafts
            .into_iter()
            .map(|(k, d)| {
                let old = match d {
                    Some(d) => self.drafts.insert(k, d),
                    None => self.drafts.remove(&k),
                };
                (k, old)
            })
            .collect()
    }

    /// Makes a scenario the baseline (see [`scenario::promote`]), as one undoable step.
    /// Its figures go to the plan itself even while it is shown.
    pub fn promote(&mut self, id: ScenarioId) -> Result<(), EditError> {
        let edit = commands::promote(self.plan(), id).ok_or(EditError::Unknown {
            what: "scenario",
            id: id.0,
        })?;
        self.apply_to_plan(edit)
    }

    /// Brings the shown scenario up to date after `applied` changed the plan: a change of
    /// the shown scenario's figure updates its engine incrementally; anything else rebuilds it.
    fn sync(&mut self, applied: &Edit) {
        if self.shown.is_some() && !self.sync_figures(applied) {
            let id = self.shown.as_ref().map(|v| v.id);
            // The scenario may be gone (promoted, deleted): the baseline is shown then.
            let exists = id.is_some_and(|id| self.plan().scenarios.iter().any(|s| s.id == id));
            if self.show(id.filter(|_| exists)).is_err() {
                self.shown = None;
            }
        }
    }

    fn sync_figures(&mut self, applied: &Edit) -> bool {
        let Some(shown) = self.shown.as_mut() else {
            return true;
        };
        match applied {
            Edit::Batch(edits) => {
                // Checked one by one; a failure part-way rebuilds the whole view.
                edits.iter().all(|e| self.sync_figures(e))
            }
            Edit::SetOverride {
                scenario: id, key, ..
            } if *id == shown.id => {
                let plan = self.engine.plan();
                let value = plan
                    .scenarios
                    .iter()
                    .find(|s| s.id == *id)
                    .and_then(|s| effective(plan, s, *key));
                match value {
                    Some(value) => shown
                        .engine
                        .apply(Edit::SetFigure { key: *key, value })
                        .is_ok(),
                    None => false,
                }
            }
            // Notes and kept calculations: the view's copy takes the same change.
            Edit::SetNote { .. } | Edit::SetExpression { .. } => {
                shown.engine.apply(applied.clone()).is_ok()
            }
            // Another scenario's figure, a name, a proposal: nothing shown changes.
            Edit::SetOverride { .. }
            | Edit::RenameScenario { .. }
            | Edit::SetProposal(_)
            | Edit::InsertProposal { .. }
            | Edit::RemoveProposal { .. } => true,
            // Anything else reaches the plan the scenario is built from: rebuild the view.
            Edit::SetFigure { .. }
            | Edit::SetLineDescription { .. }
            | Edit::SetLineKind { .. }
            | Edit::SetLink { .. }
            | Edit::InsertLink { .. }
            | Edit::SetOutputUnit { .. }
            | Edit::SetOutputText { .. }
            | Edit::SetObjectiveText { .. }
            | Edit::SetPlanInfo { .. }
            | Edit::SetCents(_)
            | Edit::InsertObjective { .. }
            | Edit::RemoveObjective { .. }
            | Edit::InsertOutput { .. }
            | Edit::RemoveOutput { .. }
            | Edit::InsertLine { .. }
            | Edit::RemoveLine { .. }
            | Edit::MoveObjective { .. }
            | Edit::MoveOutput { .. }
            | Edit::MoveLine { .. }
            | Edit::SetKpi(_)
            | Edit::InsertKpi { .. }
            | Edit::RemoveKpi { .. }
            | Edit::SetResult(_)
            | Edit::InsertResult { .. }
            | Edit::RemoveResult { .. }
            | Edit::SetRisk(_)
            | Edit::InsertRisk { .. }
            | Edit::RemoveRisk { .. }
            | Edit::InsertScenario { .. }
            | Edit::RemoveScenario { .. } => false,
        }
    }

    /// Changes whenever an edit, undo or redo changed the plan's shape.
    pub fn shape_version(&self) -> u64 {
        self.shape
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step (its edit and its drafts); `Ok(false)` when there is nothing
    /// to undo.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let Some(step) = self.undo.pop_back() else {
            return Ok(false);
        };
        match self.replay(&step, Origin::Undo) {
            Ok(back) => {
                self.redo.push(back);
                Ok(true)
            }
            Err(e) => {
                self.undo.push_back(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step; `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        match self.replay(&step, Origin::Redo) {
            Ok(back) => {
                self.undo.push_back(back);
                Ok(true)
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    /// Carries out a step of the history and returns the step that takes it back. If its
    /// edit fails, nothing has changed (as every failed edit leaves it).
    fn replay(&mut self, step: &Step, origin: Origin) -> Result<Step, EditError> {
        let inverse = match &step.edit {
            Some(e) => {
                let pending = self.pending(e);
                let inverse = self.engine.apply(e.clone())?;
                self.log(pending, origin, None);
                self.shape = self.shape.wrapping_add(u64::from(e.reshapes()));
                self.sync(e);
                Some(inverse)
            }
            None => None,
        };
        Ok(Step {
            edit: inverse,
            drafts: self.swap_drafts(step.drafts.clone()),
        })
    }
}

/// One step of the history: the edit that carries it out (none when only drafts changed)
/// and the drafts it sets (`Some`) or removes (`None`).
#[derive(Clone, Debug)]
struct Step {
    edit: Option<Edit>,
    drafts: Vec<(CellKey, Option<Draft>)>,
}

/// What one user action changes, as one undoable step: an edit of the plan and the drafts
/// at the fields typed into (kept with their reason, or cleared).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Change {
    pub edit: Option<Edit>,
    pub drafts: Vec<(CellKey, Option<Draft>)>,
    /// The edit names its own scenario (a driver in the comparison): it is applied to the
    /// plan whatever is shown.
    pub to_plan: bool,
    /// What the change is, in words, for the history ("Spread 1,000,000 over …"); said
    /// from the edit itself when `None`.
    pub label: Option<String>,
}

impl Change {
    pub fn edit(edit: Edit) -> Change {
        Change {
            edit: Some(edit),
            ..Change::default()
        }
    }
}

/// An edit made while a scenario is shown, turned into what it means for that scenario:
/// a figure becomes the scenario's override; texts, results, KPIs and risks belong to the
/// plan and pass through; rows and links are the baseline's, so changing them is refused.
pub fn redirect(edit: Edit, scenario: ScenarioId) -> Result<Edit, EditError> {
    match edit {
        Edit::SetFigure { key, value } => Ok(Edit::SetOverride {
            scenario,
            key,
            value: Some(value),
        }),
        Edit::Batch(edits) => Ok(Edit::Batch(
            edits
                .into_iter()
                .map(|e| redirect(e, scenario))
                .collect::<Result<_, _>>()?,
        )),
        // A calculation typed into the shown scenario's figure is kept as that scenario's.
        Edit::SetExpression {
            scenario: None,
            key,
            text,
        } => Ok(Edit::SetExpression {
            scenario: Some(scenario),
            key,
            text,
        }),
        Edit::SetExpression { .. } | Edit::SetNote { .. } => Ok(edit),
        Edit::SetLineDescription { .. }
        | Edit::SetOutputText { .. }
        | Edit::SetObjectiveText { .. }
        | Edit::SetPlanInfo { .. }
        | Edit::SetCents(_)
        | Edit::SetKpi(_)
        | Edit::InsertKpi { .. }
        | Edit::RemoveKpi { .. }
        | Edit::SetResult(_)
        | Edit::InsertResult { .. }
        | Edit::RemoveResult { .. }
        | Edit::SetRisk(_)
        | Edit::InsertRisk { .. }
        | Edit::RemoveRisk { .. }
        | Edit::SetOverride { .. }
        | Edit::InsertScenario { .. }
        | Edit::RemoveScenario { .. }
        | Edit::RenameScenario { .. }
        | Edit::SetProposal(_)
        | Edit::InsertProposal { .. }
        | Edit::RemoveProposal { .. } => Ok(edit),
        Edit::SetLineKind { .. }
        | Edit::SetLink { .. }
        | Edit::InsertLink { .. }
        | Edit::SetOutputUnit { .. }
        | Edit::InsertObjective { .. }
        | Edit::RemoveObjective { .. }
        | Edit::InsertOutput { .. }
        | Edit::RemoveOutput { .. }
        | Edit::InsertLine { .. }
        | Edit::RemoveLine { .. }
        | Edit::MoveObjective { .. }
        | Edit::MoveOutput { .. }
        | Edit::MoveLine { .. } => Err(EditError::BaselineOnly),
    }
}
