//! App state, split into parts, each with its own actions:
//!
//! - [`doc`]: the document being edited ([`Doc`]) and [`EditAction`]s: typing, pasting,
//!   structure, scenarios, undo. Every change reaches the plan through the core.
//! - [`workspace`]: what is on screen ([`Workspace`]: view, grouping, selection) and
//!   [`WorkAction`]s.
//! - [`persistence`]: where the plan is kept and whether it is saved ([`Persistence`]) and
//!   [`StoreAction`]s: what the autosave and the library (at the edge) report.
//! - [`import`]: a budget waiting for its column mapping and [`ImportAction`]s.
//! - [`messages`]: what the user is told ([`Messages`]) and [`SayAction`]s.
//!
//! The reducer never touches storage, files or the clock: the hooks of `app.rs` do, and
//! hand it their outcomes as actions.

pub mod doc;
pub mod import;
pub mod messages;
pub mod persistence;
pub mod workspace;

pub use doc::{Doc, EditAction, Trim};
pub use import::{ImportAction, PendingImport};
pub use messages::{Messages, Notice, Progress, SayAction};
pub use persistence::{Home, Persistence, SaveFailure, SaveStatus, StoreAction};
pub use rollplan_core::sheet::structure::StructureOp;
pub use workspace::{Dialog, View, WorkAction, Workspace};

use rollplan_core::example::example_plan;
use rollplan_core::io::library::Stored;
use rollplan_core::model::Plan;
use rollplan_core::sheet::{Sheet, SheetKind, Target};
use rollplan_core::Document;
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub doc: Doc,
    pub work: Workspace,
    pub store: Persistence,
    pub import: Option<PendingImport>,
    pub say: Messages,
    /// The edge's clock, handed in (the reducer reads no clock of its own): what the
    /// history records each change with.
    pub clock: Clock,
    /// The resources sheet last built, shared by the state's clones: the grid draws it and
    /// the reducer reads an action's positions from it, one build per change of shape.
    sheets: SheetCache,
}

/// What a resources sheet is built from: the document and its shape, the grouping, the
/// groups collapsed.
#[derive(Clone, Debug, PartialEq)]
struct SheetStamp {
    session: u64,
    shape: u64,
    kind: SheetKind,
    collapsed: Rc<std::collections::HashSet<rollplan_core::sheet::GroupKey>>,
}

/// A cache, not state: equal whatever it holds, so it never makes Yew redraw.
#[derive(Clone, Default)]
struct SheetCache(Rc<std::cell::RefCell<Option<Built>>>);

/// A sheet and what it was built from.
type Built = (SheetStamp, Rc<Sheet>);

impl PartialEq for SheetCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for SheetCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SheetCache")
    }
}

/// A clock the edge hands the state: milliseconds since 1970-01-01 UTC. The browser's in
/// the app, a fixed one in tests.
#[derive(Clone, Copy)]
pub struct Clock(pub fn() -> u64);

impl Clock {
    /// No clock: every change is recorded at 0 (the server renderer, tests by default).
    pub fn none() -> Clock {
        Clock(|| 0)
    }

    pub fn now(&self) -> u64 {
        (self.0)()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

/// A clock never makes two states differ: renders follow the plan, not the time.
impl PartialEq for Clock {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Everything a user or the edge can ask of the app, by the part it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Edit(EditAction),
    Work(WorkAction),
    Store(StoreAction),
    Import(ImportAction),
    Say(SayAction),
}

impl From<EditAction> for Action {
    fn from(a: EditAction) -> Self {
        Action::Edit(a)
    }
}
impl From<WorkAction> for Action {
    fn from(a: WorkAction) -> Self {
        Action::Work(a)
    }
}
impl From<StoreAction> for Action {
    fn from(a: StoreAction) -> Self {
        Action::Store(a)
    }
}
impl From<ImportAction> for Action {
    fn from(a: ImportAction) -> Self {
        Action::Import(a)
    }
}
impl From<SayAction> for Action {
    fn from(a: SayAction) -> Self {
        Action::Say(a)
    }
}

fn blank_document() -> Document {
    Document::open(Plan::blank(
        "Untitled plan",
        &["2026", "2027", "2028", "2029"],
    ))
    .unwrap_or_else(|_| unreachable!("a blank plan has no figures to overflow"))
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
            doc: Doc::new(doc, 0),
            work: Workspace::default(),
            store: Persistence::default(),
            import: None,
            say: Messages {
                message,
                ..Messages::default()
            },
            clock: Clock::none(),
            sheets: SheetCache::default(),
        }
    }

    /// Opens a plan read from the library at `revision`. If it cannot be opened, the blank
    /// plan shown instead is not tied to the entry, so the entry is never overwritten.
    pub fn open_stored(stored: Stored) -> AppState {
        let s = AppState::open(stored.plan);
        if s.say.message.is_none() {
            *s.store.home.borrow_mut() = Home {
                id: Some(stored.meta.id),
                revision: Some(stored.meta.revision),
            };
            s.doc.borrow_mut().restore_drafts(stored.drafts);
        }
        s
    }

    pub fn example() -> AppState {
        AppState::open(example_plan())
    }

    /// Opens the resources grid's groups that hide `target`, so the cursor can go to it.
    pub(super) fn open_groups_hiding(&mut self, target: Target) {
        let hiding = rollplan_core::sheet::Sheet::groups_hiding(
            self.doc.borrow().plan(),
            self.work.grouping,
            &self.work.collapsed,
            target,
        );
        if !hiding.is_empty() {
            let set = Rc::make_mut(&mut self.work.collapsed);
            for g in hiding {
                set.remove(&g);
            }
        }
    }

    /// Puts a new document in place of the open one, with its own home: a new session, so
    /// what the edge reports about the old one (a save) is told apart by value.
    fn replace_doc(&mut self, doc: Document, home: Home, changed: bool) {
        let generation = self.doc.generation.wrapping_add(1);
        self.doc = Doc::new(doc, self.doc.session.wrapping_add(1));
        // Generations count on across documents, so "a new generation" always means "redraw".
        self.doc.generation = generation;
        // The browser's answer about keeping storage, and the person's name, are the
        // page's, not the plan's.
        let durable = self.store.durable;
        let author = std::mem::take(&mut self.store.author);
        self.store = Persistence::at(home);
        self.store.durable = durable;
        self.store.author = author;
        if changed {
            self.touched();
        }
        self.work.opened();
        self.say = Messages::default();
        self.import = None;
    }

    /// The plan changed: a new generation, and a save is due (unless saving is failing,
    /// which stays on show until it is resolved).
    fn touched(&mut self) {
        self.doc.generation += 1;
        self.store.touched();
    }

    /// The sheet an action's positions refer to, as the grid showed it.
    pub fn sheet(&self, kind: SheetKind) -> Rc<Sheet> {
        let doc = self.doc.borrow();
        let plan = doc.view().plan();
        match kind {
            SheetKind::Resources(grouping) => {
                let stamp = SheetStamp {
                    session: self.doc.session,
                    shape: doc.shape_version(),
                    kind,
                    collapsed: self.work.collapsed.clone(),
                };
                let mut cache = self.sheets.0.borrow_mut();
                match &*cache {
                    Some((seen, sheet)) if *seen == stamp => sheet.clone(),
                    _ => {
                        let sheet = Rc::new(Sheet::resources(plan, grouping, &self.work.collapsed));
                        *cache = Some((stamp, sheet.clone()));
                        sheet
                    }
                }
            }
            SheetKind::StandardCosts => Rc::new(Sheet::standard_costs(plan)),
        }
    }

    /// The name of the scenario shown, if one is.
    pub fn scenario_name(&self) -> Option<String> {
        self.doc.borrow().scenario().map(|s| s.name.clone())
    }
}

/// The name of a file without its extension, as a plan title.
fn title_from(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name.to_string(),
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.work.reveal = None;
        next.work.reveal_keeps_focus = false;
        match action {
            Action::Work(WorkAction::Reveal { target, keep_focus }) => {
                next.work.view = View::Resources;
                next.work.reveal = Some(target);
                next.work.reveal_keeps_focus = keep_focus;
                next.open_groups_hiding(target);
                // Grouped by org unit, objectives are not rows of the grid: say so rather
                // than leave the cursor where it was without a word.
                if matches!(target, Target::Objective(_))
                    && next.work.grouping != rollplan_core::sheet::Grouping::Objective
                {
                    next.say.status = Some(
                        "Objectives are rows of the grid when it is grouped by objective (Group by, above the grid).".into(),
                    );
                }
            }
            Action::Edit(a) => next.edit(a),
            Action::Work(a) => {
                let groups = match a {
                    // Collapsing every group needs the groups the sheet has now.
                    WorkAction::CollapseAll(true) => next
                        .sheet(SheetKind::Resources(next.work.grouping))
                        .groups
                        .iter()
                        .map(|g| g.key)
                        .collect(),
                    _ => Vec::new(),
                };
                next.work.reduce(a, groups);
            }
            Action::Store(a) => next.store_action(a),
            Action::Import(a) => next.import_action(a),
            Action::Say(a) => next.say.reduce(a),
        }
        Rc::new(next)
    }
}
