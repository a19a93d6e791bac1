//! A plan being edited: the engine, the undo and redo history, and the scenario shown.
//!
//! [`Document::apply`] is where every edit a user makes arrives: while a scenario is shown,
//! [`redirect`] turns a figure into that scenario's override and refuses changes of rows;
//! then the edit is applied, its inverse kept for undo, and the shown scenario's engine
//! brought up to date (incrementally for its own figures, rebuilt otherwise).

pub mod commands;

use crate::calc::Engine;
use crate::edit::{Edit, EditError};
use crate::exact::Exact;
use crate::model::scenario::{effective, materialise};
use crate::model::*;

/// A plan being edited: the engine plus undo and redo history.
#[derive(Clone, Debug)]
pub struct Document {
    engine: Engine,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Counts edits that changed the plan's shape (see [`Edit::reshapes`]), so views can
    /// keep their row layout across value edits.
    shape: u64,
    /// The scenario shown instead of the baseline, with the plan as it sees it.
    shown: Option<Shown>,
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
        Document {
            engine,
            undo: Vec::new(),
            redo: Vec::new(),
            shape: 0,
            shown: None,
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
        self.shape += 1;
        Ok(())
    }

    /// Applies an edit as one undoable step, to what is shown: while a scenario is shown, a
    /// figure becomes that scenario's override and a change of rows is refused.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let edit = match &self.shown {
            Some(v) => redirect(edit, v.id)?,
            None => edit,
        };
        self.apply_to_plan(edit)
    }

    /// Applies an edit as one undoable step to the plan itself, whatever is shown (the
    /// baseline column of a comparison, a scenario's driver).
    pub fn apply_to_plan(&mut self, edit: Edit) -> Result<(), EditError> {
        let reshapes = edit.reshapes();
        let forward = self.shown.is_some().then(|| edit.clone());
        let inverse = self.engine.apply(edit)?;
        self.shape += u64::from(reshapes);
        self.undo.push(inverse);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        if let Some(f) = forward {
            self.sync(&f);
        }
        Ok(())
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

    /// Undoes the last step; `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        self.shape += u64::from(self.undo.last().is_some_and(Edit::reshapes));
        let done = replay(&mut self.engine, &mut self.undo, &mut self.redo)?;
        Ok(self.synced(done))
    }

    fn synced(&mut self, done: Option<Edit>) -> bool {
        match done {
            Some(edit) => {
                self.sync(&edit);
                true
            }
            None => false,
        }
    }

    /// Redoes the last undone step; `Ok(false)` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        self.shape += u64::from(self.redo.last().is_some_and(Edit::reshapes));
        let done = replay(&mut self.engine, &mut self.redo, &mut self.undo)?;
        Ok(self.synced(done))
    }
}

/// Applies the newest edit of `from` and files its inverse in `to`; returns the edit
/// applied. If it fails, the edit stays where it was (and the plan is unchanged, as every
/// failed edit leaves it).
fn replay(
    engine: &mut Engine,
    from: &mut Vec<Edit>,
    to: &mut Vec<Edit>,
) -> Result<Option<Edit>, EditError> {
    let Some(edit) = from.pop() else {
        return Ok(None);
    };
    match engine.apply(edit.clone()) {
        Ok(inverse) => {
            to.push(inverse);
            Ok(Some(edit))
        }
        Err(e) => {
            from.push(edit);
            Err(e)
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
        Edit::SetLineDescription { .. }
        | Edit::SetOutputText { .. }
        | Edit::SetObjectiveText { .. }
        | Edit::SetPlanInfo { .. }
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
