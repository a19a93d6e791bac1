//! App state and its one reducer.
//!
//! The document (plan, rollups, history) sits behind `Rc<RefCell<..>>` so an edit to a
//! 200,000-cell plan updates it in place instead of cloning it; `generation` counts changes
//! so Yew knows when to re-render. Only [`AppState::reduce`] borrows it mutably.

use rollplan_core::document::commands;
use rollplan_core::example::example_plan;
use rollplan_core::io::budget::{self, ImportReport, Mapping};
use rollplan_core::io::library::{Meta, Stored};
use rollplan_core::io::table::Table;
use rollplan_core::io::{OpenError, Opened};
use rollplan_core::model::proposal::to_scenario;
use rollplan_core::model::scenario::unused_name;
use rollplan_core::model::{ObjectiveId, Plan, ProposalId, ScenarioId};
use rollplan_core::reports::validate::{validate, Severity};
use rollplan_core::sheet::{
    self, structure, BlockChange, CellKey, GroupKey, Grouping, Range, Row, Sheet, SheetKind, Target,
};
use rollplan_core::{Document, Edit};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use yew::Reducible;

/// The workspace's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Resources,
    Linkage,
    Rollups,
    Results,
    StandardCosts,
    Scenarios,
    Proposal,
}

impl View {
    /// How the view is remembered between visits.
    pub fn key(self) -> &'static str {
        match self {
            View::Resources => "resources",
            View::Linkage => "linkage",
            View::Rollups => "rollups",
            View::Results => "results",
            View::StandardCosts => "costs",
            View::Scenarios => "scenarios",
            View::Proposal => "proposal",
        }
    }

    /// Every view, in the order of the tabs.
    pub const ALL: [View; 7] = [
        View::Resources,
        View::Linkage,
        View::Rollups,
        View::Results,
        View::StandardCosts,
        View::Scenarios,
        View::Proposal,
    ];

    pub fn from_key(key: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// A change to the plan's structure, at a row of the resources grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StructureOp {
    AddLine,
    AddOutput,
    AddObjective,
    Remove,
    MoveUp,
    MoveDown,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetView(View),
    SetGrouping(Grouping),
    /// Collapses or expands one group of the resources grid.
    ToggleGroup(GroupKey),
    /// Collapses (`true`) or expands every group.
    CollapseAll(bool),
    /// Text typed into a cell: becomes an edit, or stays in the cell as a draft with the reason.
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
    DismissStatus,
    /// What the autosave (at the edge, in the app shell) reported for the plan whose
    /// [`Home`] is at address `home`.
    SaveResult {
        home: usize,
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
    OpenUnsaved {
        plan: Box<Plan>,
        why: String,
    },
    /// A plan new to the library (blank, or the example), in place of the open one.
    NewPlan(Box<Plan>),
    /// Renames the open plan (an undoable edit).
    Rename(String),
    /// After a conflict: keep this tab's plan as a new entry of the library.
    KeepAsCopy {
        title: String,
    },
    /// After a conflict: save this tab's plan over the other tab's revision.
    Overwrite,
    /// Shows or hides the library of plans.
    ShowLibrary(bool),
    /// Tells the user something went wrong (an alert), e.g. a share link that did not open.
    Tell(String),
    /// Show an objective in the side panel (or close it with `None`).
    SelectObjective(Option<ObjectiveId>),
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
    Undo,
    Redo,
    DismissMessage,
    /// The bytes of a file the user opened or dropped.
    FileRead {
        name: String,
        bytes: Rc<Vec<u8>>,
    },
    /// A file could not even be read.
    FileFailed {
        name: String,
        error: String,
    },
    /// The mapping step changed a choice.
    SetMapping(Mapping),
    ConfirmImport,
    CancelImport,
    DismissNotice,
}

/// A budget CSV waiting for its column mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub name: String,
    pub table: Rc<Table>,
    pub mapping: Mapping,
    /// Why the last attempt with this mapping failed.
    pub error: Option<String>,
}

/// Something worth telling after a file was opened: what was imported, what was odd.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub title: String,
    pub lines: Vec<String>,
    /// The plan's validation findings, listed on request.
    pub findings: Vec<String>,
    pub report: Option<Rc<ImportReport>>,
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub doc: Rc<RefCell<Document>>,
    pub generation: u64,
    pub selected_objective: Option<ObjectiveId>,
    /// A message for the user: why an action was refused. Shown as an alert.
    pub message: Option<String>,
    pub import: Option<PendingImport>,
    pub notice: Option<Notice>,
    pub view: View,
    pub grouping: Grouping,
    pub collapsed: Rc<HashSet<GroupKey>>,
    /// What the last paste, fill or structure change did (a polite status, not an alert).
    pub status: Option<String>,
    /// The row the grid's cursor should go to: what a structure change added or moved.
    pub reveal: Option<Target>,
    /// Whether the open plan is saved in this browser.
    pub saved: SaveStatus,
    /// Where the open plan is kept in the library.
    pub home: Rc<RefCell<Home>>,
    /// The plan changed since it was opened or read from the library: autosave writes only
    /// then, so opening a plan does not make it look edited.
    pub changed: bool,
    /// The library panel is open.
    pub library_open: bool,
}

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

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.generation == other.generation
            && self.selected_objective == other.selected_objective
            && self.message == other.message
            && self.import == other.import
            && self.notice == other.notice
            && self.view == other.view
            && self.grouping == other.grouping
            && Rc::ptr_eq(&self.collapsed, &other.collapsed)
            && self.status == other.status
            && self.reveal == other.reveal
            && self.saved == other.saved
            && Rc::ptr_eq(&self.home, &other.home)
            && self.changed == other.changed
            && self.library_open == other.library_open
    }
}

fn blank_document() -> Document {
    Document::open(Plan::blank(
        "Untitled plan",
        &["2026", "2027", "2028", "2029"],
    ))
    .unwrap_or_else(|_| unreachable!("a blank plan has no figures to overflow"))
}

/// The name of a file without its extension, as a plan title.
fn title_from(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name.to_string(),
    }
}

impl AppState {
    /// Opens a plan. A plan so large that its totals overflow cannot be opened; the app then
    /// opens a blank plan and says why, rather than showing wrong figures.
    pub fn open(plan: Plan) -> AppState {
        let (doc, message) = match Document::open(plan) {
            Ok(doc) => (doc, None),
            Err(e) => (
                blank_document(),
                Some(format!("The plan could not be opened: {e}")),
            ),
        };
        AppState {
            doc: Rc::new(RefCell::new(doc)),
            generation: 0,
            selected_objective: None,
            message,
            import: None,
            notice: None,
            view: View::Resources,
            grouping: Grouping::Objective,
            collapsed: Rc::default(),
            status: None,
            reveal: None,
            saved: SaveStatus::Idle,
            home: Rc::default(),
            changed: false,
            library_open: false,
        }
    }

    /// Opens a plan read from the library at `revision`. If it cannot be opened, the blank
    /// plan shown instead is not tied to the entry, so the entry is never overwritten.
    pub fn open_stored(stored: Stored) -> AppState {
        let s = AppState::open(stored.plan);
        if s.message.is_none() {
            *s.home.borrow_mut() = Home {
                id: Some(stored.meta.id),
                revision: Some(stored.meta.revision),
            };
            s.doc.borrow_mut().restore_drafts(stored.drafts);
        }
        s
    }

    /// The address that names the open plan's [`Home`] in [`Action::SaveResult`].
    pub fn home_address(&self) -> usize {
        Rc::as_ptr(&self.home) as usize
    }

    /// Puts a new document in place of the open one, with its own home.
    fn replace_doc(&mut self, doc: Document, home: Home, changed: bool) {
        self.doc = Rc::new(RefCell::new(doc));
        self.home = Rc::new(RefCell::new(home));
        self.saved = SaveStatus::Idle;
        self.generation += 1;
        self.changed = false;
        if changed {
            self.touched();
        }
        self.selected_objective = None;
        self.message = None;
        self.import = None;
        self.notice = None;
        self.collapsed = Rc::default();
        self.status = None;
    }

    /// The plan changed: a new generation, and a save is due (unless saving is failing,
    /// which stays on show until it is resolved).
    fn touched(&mut self) {
        self.generation += 1;
        self.changed = true;
        if !matches!(self.saved, SaveStatus::Failed(_)) {
            self.saved = SaveStatus::Pending;
        }
    }

    /// The edit that retitles the open plan.
    fn retitle(&self, title: &str) -> Edit {
        let doc = self.doc.borrow();
        let plan = doc.plan();
        Edit::SetPlanInfo {
            title: title.to_string(),
            organisation: plan.organisation.clone(),
            currency: plan.currency.clone(),
        }
    }

    /// The sheet an action's positions refer to, as the grid showed it.
    pub fn sheet(&self, kind: SheetKind) -> Sheet {
        let doc = self.doc.borrow();
        let plan = doc.view().plan();
        match kind {
            SheetKind::Resources(grouping) => Sheet::resources(plan, grouping, &self.collapsed),
            SheetKind::StandardCosts => Sheet::standard_costs(plan),
        }
    }

    /// The name of the scenario shown, if one is.
    pub fn scenario_name(&self) -> Option<String> {
        self.doc.borrow().scenario().map(|s| s.name.clone())
    }

    /// Shows a scenario (or the baseline) in every view; not a change to the plan.
    fn show(&mut self, id: Option<ScenarioId>) {
        let result = self.doc.borrow_mut().show(id);
        match result {
            Ok(()) => {
                self.generation += 1;
                self.message = None;
            }
            Err(e) => self.message = Some(format!("That scenario could not be shown: {e}.")),
        }
    }

    /// Applies an edit to the plan itself, whatever is shown.
    fn apply_to_plan(&mut self, edit: Edit) -> bool {
        let result = self.doc.borrow_mut().apply_to_plan(edit);
        match result {
            Ok(()) => {
                self.touched();
                self.message = None;
                true
            }
            Err(e) => {
                self.message = Some(format!("That change was not made: {e}."));
                false
            }
        }
    }

    /// Applies an edit (one undo step); says why when it is refused.
    fn apply(&mut self, edit: Edit) -> bool {
        self.try_apply(edit).is_ok()
    }

    /// Applies an edit, or returns (and shows) why it was refused.
    fn try_apply(&mut self, edit: Edit) -> Result<(), String> {
        let result = self.doc.borrow_mut().apply(edit);
        match result {
            Ok(()) => {
                self.touched();
                self.message = None;
                Ok(())
            }
            Err(e) => {
                self.message = Some(format!("That change was not made: {e}."));
                Err(e.to_string())
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
                self.message = None;
                self.status = Some(change.summary(verb));
            }
            Err(e) => self.message = Some(format!("That change was not made: {e}.")),
        }
    }

    fn structure(&mut self, op: StructureOp, row: Row) {
        if self.doc.borrow().scenario().is_some() {
            self.message = Some(format!(
                "That change was not made: {}.",
                rollplan_core::edit::EditError::BaselineOnly
            ));
            return;
        }
        let sheet = self.sheet(SheetKind::Resources(self.grouping));
        let edit = {
            let doc = self.doc.borrow();
            let plan = doc.plan();
            let group_of = |o: usize| {
                sheet
                    .groups
                    .iter()
                    .find(|g| g.outputs.contains(&o))
                    .map(|g| g.key)
            };
            match (op, row) {
                (StructureOp::AddLine, Row::Line(o, l) | Row::Cost(o, l)) => {
                    structure::new_line(plan, plan.outputs[o].id, l + 1)
                }
                (StructureOp::AddLine, Row::Output(o)) => {
                    structure::new_line(plan, plan.outputs[o].id, plan.outputs[o].lines.len())
                }
                (StructureOp::AddOutput, Row::Group(g)) => sheet.groups.get(g).map(|group| {
                    let at = group.outputs.last().map_or(plan.outputs.len(), |&o| o + 1);
                    structure::new_output(plan, group.key, at)
                }),
                (StructureOp::AddOutput, Row::Output(o) | Row::Line(o, _) | Row::Cost(o, _)) => {
                    group_of(o).map(|key| structure::new_output(plan, key, o + 1))
                }
                (StructureOp::AddObjective, _) => {
                    let at = match row {
                        Row::Group(g) => sheet.groups.get(g).and_then(|group| match group.key {
                            GroupKey::Objective(id) => plan
                                .objectives
                                .iter()
                                .position(|o| o.id == id)
                                .map(|k| k + 1),
                            _ => None,
                        }),
                        _ => None,
                    };
                    Some(structure::new_objective(
                        plan,
                        at.unwrap_or(plan.objectives.len()),
                    ))
                }
                (StructureOp::Remove, row) => structure::remove(plan, &sheet, row),
                (StructureOp::MoveUp, row) => structure::shift(plan, &sheet, row, true),
                (StructureOp::MoveDown, row) => structure::shift(plan, &sheet, row, false),
                _ => None,
            }
        };
        match edit {
            Some(edit) => {
                self.reveal = match &edit {
                    Edit::InsertLine { line, .. } => Some(Target::Line(line.id)),
                    Edit::InsertOutput { output, .. } => Some(Target::Output(output.id)),
                    Edit::InsertObjective { objective, .. } => {
                        Some(Target::Objective(objective.id))
                    }
                    Edit::MoveLine { line, .. } => Some(Target::Line(*line)),
                    Edit::MoveOutput { output, .. } => Some(Target::Output(*output)),
                    Edit::MoveObjective { objective, .. } => Some(Target::Objective(*objective)),
                    _ => None,
                };
                let what = match &edit {
                    Edit::InsertLine { .. } => "Added a line",
                    Edit::InsertOutput { .. } => "Added an output",
                    Edit::InsertObjective { .. } => "Added an objective",
                    Edit::RemoveLine { .. } => "Deleted the line",
                    Edit::RemoveOutput { .. } => "Deleted the output with its lines",
                    Edit::RemoveObjective { .. } => "Deleted the objective and its links",
                    _ => "Moved",
                };
                if self.apply(edit) {
                    self.status = Some(format!("{what}. Undo (Ctrl+Z) puts it back."));
                }
            }
            None => {
                self.status = Some(match op {
                    StructureOp::MoveUp | StructureOp::MoveDown => {
                        "It cannot move further that way.".into()
                    }
                    _ => "Select an objective, output or line row first.".into(),
                })
            }
        }
    }

    pub fn example() -> AppState {
        AppState::open(example_plan())
    }

    /// Replaces the open plan, only if the new one computes; otherwise says why and keeps
    /// the open plan exactly as it was.
    /// Says why a file was not opened, in words and with help that fit the kind of problem.
    /// The open plan is unchanged.
    fn not_opened(&mut self, name: &str, e: OpenError) {
        let unchanged = "Your plan is unchanged.";
        self.notice = None;
        self.message = Some(match e {
            OpenError::Inconsistent { findings } => {
                let n = findings.len();
                // Every place is listed, where it can be read at leisure.
                self.notice = Some(Notice {
                    title: format!("Why {name} was not opened"),
                    lines: vec![format!(
                        "The plan in it is inconsistent in {n} place(s). Fix them in the file, or in the program that wrote it, and open it again."
                    )],
                    findings: findings.iter().map(|f| f.to_string()).collect(),
                    report: None,
                });
                format!("{name} was not opened: the plan in it is inconsistent in {n} place(s), listed under Findings. {unchanged}")
            }
            OpenError::TooNew { .. } => format!(
                "{name} was not opened: {e}. Reload this page to get the newest version of Rollplan, then open the file again. {unchanged}"
            ),
            OpenError::NotOurs { .. } => format!(
                "{name} was not opened: {e}. {unchanged}"
            ),
            OpenError::Damaged { .. } => format!(
                "{name} is damaged and was not opened: {e}. If it was saved by Rollplan, open an earlier copy; the plan in this browser's library is intact. {unchanged}"
            ),
            OpenError::Upgrade { .. } => format!("{name} was not opened: {e}. {unchanged}"),
        });
    }

    fn replace_plan(&mut self, plan: Plan, source: &str, report: Option<ImportReport>) {
        let findings = validate(&plan);
        match Document::open(plan) {
            Ok(doc) => {
                // A file opened is a new plan of the library, saved at once.
                self.replace_doc(doc, Home::default(), true);
                let errors = findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count();
                let warnings = findings.len() - errors;
                let mut lines = Vec::new();
                if let Some(r) = &report {
                    lines.push(format!(
                        "{} rows became {} objectives, {} outputs and {} resource lines.",
                        r.rows, r.objectives, r.outputs, r.lines
                    ));
                    for (action, n) in r.counts() {
                        lines.push(format!("{n} cell(s) {}.", action.describe()));
                    }
                    if !r.ragged.is_empty() {
                        lines.push(format!(
                            "{} row(s) had a different number of cells than the header; missing cells were read as blank.",
                            r.ragged.len()
                        ));
                    }
                }
                if errors + warnings > 0 {
                    lines.push(format!(
                        "The plan has {errors} error(s) and {warnings} warning(s) to review."
                    ));
                }
                self.notice = (report.is_some() || errors + warnings > 0).then(|| Notice {
                    title: format!("Opened {source}"),
                    lines,
                    findings: findings.iter().map(|f| f.to_string()).collect(),
                    report: report.map(Rc::new),
                });
            }
            Err(e) => {
                self.message = Some(format!(
                    "{source} was not opened: {e}. Your plan is unchanged."
                ))
            }
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.reveal = None;
        match action {
            Action::SelectObjective(o) => next.selected_objective = o,
            Action::DismissMessage => next.message = None,
            Action::DismissNotice => next.notice = None,
            Action::Apply(edit) => {
                next.apply(edit);
            }
            Action::ApplyToPlan(edit) => {
                next.apply_to_plan(edit);
            }
            Action::ShowScenario(id) => next.show(id),
            Action::NewScenario { from } => {
                let edit = {
                    let doc = next.doc.borrow();
                    let plan = doc.plan();
                    let base = match from.and_then(|id| plan.scenarios.iter().find(|s| s.id == id))
                    {
                        Some(s) => format!("{} (copy)", s.name),
                        None => "New scenario".to_string(),
                    };
                    commands::create_scenario(plan, &unused_name(plan, &base), from)
                };
                if let Some(edit) = edit {
                    if next.apply_to_plan(edit) {
                        let id = next.doc.borrow().plan().scenarios.last().map(|s| s.id);
                        next.show(id);
                        next.status = Some(
                            "Added a scenario. Figures you type now change this scenario only; \
                             choose Baseline above the tabs to go back."
                                .into(),
                        );
                    }
                }
            }
            Action::Promote(id) => {
                let name = next
                    .doc
                    .borrow()
                    .plan()
                    .scenarios
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.name.clone());
                let result = next.doc.borrow_mut().promote(id);
                match result {
                    Ok(()) => {
                        next.touched();
                        next.message = None;
                        next.status = Some(format!(
                            "\u{201c}{}\u{201d} is now the baseline; the former baseline is kept as a scenario. Undo (Ctrl+Z) reverses it.",
                            name.unwrap_or_default()
                        ));
                    }
                    Err(e) => next.message = Some(format!("The scenario was not promoted: {e}.")),
                }
            }
            Action::ResetCells { sheet, range } => {
                let edit = {
                    let doc = next.doc.borrow();
                    doc.scenario().map(|s| {
                        let keys = next.sheet(sheet).overridden(doc.view().plan(), s, &range);
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
                        next.status =
                            Some("Only a scenario's cells can be reset to the baseline.".into())
                    }
                    Some(edits) if edits.is_empty() => {
                        next.status = Some("No cell selected differs from the baseline.".into())
                    }
                    Some(edits) => {
                        let n = edits.len();
                        if next.apply_to_plan(Edit::Batch(edits)) {
                            next.status = Some(format!(
                                "Reset {n} cell(s) to the baseline. Undo (Ctrl+Z) brings the scenario's figures back."
                            ));
                        }
                    }
                }
            }
            Action::ApplyProposal(id) => {
                let edit = {
                    let doc = next.doc.borrow();
                    let plan = doc.plan();
                    plan.proposals.iter().find(|p| p.id == id).map(|p| {
                        let s = to_scenario(plan, p);
                        Edit::InsertScenario {
                            index: plan.scenarios.len(),
                            scenario: Box::new(s),
                        }
                    })
                };
                if let Some(edit) = edit {
                    if next.apply_to_plan(edit) {
                        let id = next.doc.borrow().plan().scenarios.last().map(|s| s.id);
                        next.show(id);
                        next.view = View::Scenarios;
                        next.status = Some(
                            "The proposal is now a scenario of the plan: compare it below, or see its rows under Resources.".into(),
                        );
                    }
                }
            }
            Action::SetView(v) => next.view = v,
            Action::SetGrouping(g) => {
                next.grouping = g;
                next.collapsed = Rc::default();
            }
            Action::ToggleGroup(key) => {
                let set = Rc::make_mut(&mut next.collapsed);
                if !set.remove(&key) {
                    set.insert(key);
                }
            }
            Action::CollapseAll(collapse) => {
                let keys: HashSet<GroupKey> = if collapse {
                    let sheet = next.sheet(SheetKind::Resources(next.grouping));
                    sheet.groups.iter().map(|g| g.key).collect()
                } else {
                    HashSet::new()
                };
                next.collapsed = Rc::new(keys);
            }
            Action::CommitCell { key, text } => {
                let result = sheet::type_into(&mut next.doc.borrow_mut(), key, &text);
                match result {
                    Ok(true) => {
                        next.touched();
                        next.message = None;
                    }
                    Ok(false) => {}
                    // The text stays in its field with the reason (a step of its own).
                    Err(e) => {
                        next.generation += 1;
                        next.message = Some(format!("That change was not made: {e}."));
                    }
                }
            }
            Action::Paste {
                sheet,
                range,
                block,
            } => {
                let change =
                    next.sheet(sheet)
                        .paste(next.doc.borrow().view().plan(), &range, &block);
                next.apply_block(change, "Pasted");
            }
            Action::Fill { sheet, range, down } => {
                let change = {
                    let doc = next.doc.borrow();
                    next.sheet(sheet)
                        .fill(doc.view(), doc.drafts(), &range, down)
                };
                next.apply_block(change, "Filled");
            }
            Action::Clear { sheet, range } => {
                let change = {
                    let doc = next.doc.borrow();
                    next.sheet(sheet)
                        .clear(doc.view().plan(), doc.drafts(), &range)
                };
                next.apply_block(change, "Cleared");
            }
            Action::Structure { op, row } => next.structure(op, row),
            Action::DismissStatus => next.status = None,
            Action::SaveResult { home, result } => {
                // A save of a plan no longer open reports nothing about the open one.
                if home == next.home_address() {
                    next.saved = match result {
                        Ok(()) => SaveStatus::Saved,
                        Err(why) => SaveStatus::Failed(why),
                    }
                }
            }
            Action::StoredElsewhere(theirs) => {
                let home = next.home.borrow().clone();
                if home.id.as_deref() == Some(theirs.id.as_str())
                    && home.revision != Some(theirs.revision)
                {
                    next.saved = SaveStatus::Failed(SaveFailure::Conflict(theirs));
                }
            }
            Action::OpenStored { stored, note } => match Document::open(stored.plan) {
                Ok(doc) => {
                    let home = Home {
                        id: Some(stored.meta.id),
                        revision: Some(stored.meta.revision),
                    };
                    next.replace_doc(doc, home, false);
                    next.doc.borrow_mut().restore_drafts(stored.drafts);
                    next.status = note;
                    next.library_open = false;
                }
                Err(e) => {
                    next.message = Some(format!(
                        "That plan could not be opened: {e}. Your plan is unchanged."
                    ))
                }
            },
            Action::NewPlan(plan) => {
                let title = plan.title.clone();
                match Document::open(*plan) {
                    Ok(doc) => {
                        next.replace_doc(doc, Home::default(), true);
                        next.library_open = false;
                        next.status = Some(format!(
                            "Started \u{201c}{title}\u{201d}; it is kept in this browser's plans."
                        ));
                    }
                    Err(e) => next.message = Some(format!("The plan was not created: {e}.")),
                }
            }
            Action::Rename(title) => {
                let title = title.trim().to_string();
                if title.is_empty() {
                    next.message = Some("A plan needs a title; the title is unchanged.".into());
                } else {
                    let edit = next.retitle(&title);
                    next.apply(edit);
                }
            }
            Action::KeepAsCopy { title } => {
                let edit = next.retitle(&title);
                if next.apply(edit) {
                    // A new entry: the next save creates it, leaving the other tab's alone.
                    next.home = Rc::default();
                    next.saved = SaveStatus::Pending;
                    next.status = Some(format!(
                        "Your version is kept as \u{201c}{title}\u{201d}; the other tab's version is unchanged."
                    ));
                }
            }
            Action::Overwrite => {
                if let SaveStatus::Failed(SaveFailure::Conflict(theirs)) = &next.saved {
                    next.home.borrow_mut().revision = Some(theirs.revision);
                    next.saved = SaveStatus::Idle;
                    // A new generation asks the autosave to write.
                    next.touched();
                }
            }
            Action::OpenUnsaved { plan, why } => match Document::open(*plan) {
                Ok(doc) => {
                    next.replace_doc(doc, Home::default(), true);
                    next.message = Some(why);
                }
                Err(e) => {
                    next.message = Some(format!(
                        "That plan could not be opened: {e}. Your plan is unchanged."
                    ))
                }
            },
            Action::ShowLibrary(open) => next.library_open = open,
            Action::Tell(message) => next.message = Some(message),
            Action::Undo | Action::Redo => {
                let result = if action == Action::Undo {
                    next.doc.borrow_mut().undo()
                } else {
                    next.doc.borrow_mut().redo()
                };
                match result {
                    Ok(true) => next.touched(),
                    Ok(false) => {}
                    Err(e) => next.message = Some(format!("Could not undo or redo: {e}.")),
                }
            }
            Action::FileFailed { name, error } => {
                next.message = Some(format!(
                    "{name} was not opened: {error}. Your plan is unchanged."
                ));
            }
            Action::FileRead { name, bytes } => {
                match rollplan_core::io::open(&bytes, &title_from(&name)) {
                    Ok(Opened::Plan(plan)) => next.replace_plan(*plan, &name, None),
                    Ok(Opened::Budget(table)) => {
                        let mapping = budget::guess_mapping(&table).unwrap_or(Mapping {
                            objective: 0,
                            output: 1.min(table.header.len().saturating_sub(1)),
                            unit: None,
                            category: None,
                            amounts: budget::Amounts::Wide { years: Vec::new() },
                            decimal_comma: false,
                            currency: String::new(),
                            thousands: false,
                        });
                        next.message = None;
                        next.import = Some(PendingImport {
                            name,
                            table: Rc::new(table),
                            mapping,
                            error: None,
                        });
                    }
                    Err(e) => next.not_opened(&name, e),
                }
            }
            Action::SetMapping(mapping) => {
                if let Some(p) = next.import.as_mut() {
                    p.mapping = mapping;
                    p.error = None;
                }
            }
            Action::CancelImport => next.import = None,
            Action::ConfirmImport => {
                if let Some(p) = next.import.clone() {
                    match budget::import(&p.table, &p.mapping, &title_from(&p.name)) {
                        Ok((plan, report)) => next.replace_plan(plan, &p.name, Some(report)),
                        Err(e) => {
                            if let Some(q) = next.import.as_mut() {
                                q.error = Some(e.to_string());
                            }
                        }
                    }
                }
            }
        }
        Rc::new(next)
    }
}
