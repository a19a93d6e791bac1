//! What is on screen: the view, how the grid groups and collapses, the objective in the
//! side panel, whether the library is open. Never part of the plan or its history.

use rollplan_core::model::{Key, NoteAt, ObjectiveId};
use rollplan_core::sheet::{GroupKey, Grouping, Range, SheetKind, Target};
use std::collections::HashSet;
use std::rc::Rc;

/// The workspace's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Resources,
    Linkage,
    Rollups,
    Results,
    StandardCosts,
    Scenarios,
    Proposal,
    History,
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
            View::History => "history",
        }
    }

    /// Every view, in the order of the tabs.
    pub const ALL: [View; 8] = [
        View::Resources,
        View::Linkage,
        View::Rollups,
        View::Results,
        View::StandardCosts,
        View::Scenarios,
        View::Proposal,
        View::History,
    ];

    pub fn from_key(key: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    pub view: View,
    pub grouping: Grouping,
    pub collapsed: Rc<HashSet<GroupKey>>,
    /// The objective shown in the side panel.
    pub selected_objective: Option<ObjectiveId>,
    /// The row the grid's cursor should go to: what a structure change added or moved, or
    /// what Find found.
    pub reveal: Option<Target>,
    /// Find moved the cursor: the grid shows it but leaves the focus in the find box, so
    /// Enter goes on to the next match.
    pub reveal_keeps_focus: bool,
    /// The find bar (Ctrl+F) is open.
    pub find_open: bool,
    /// The library panel is open.
    pub library_open: bool,
    /// First visit (nothing kept in this browser yet): the getting-started strip shows.
    pub welcome: bool,
    /// Figures held: spreading and Adjust go around them. Kept for the session, by figure,
    /// so they follow their cells through regrouping and collapsing.
    pub held: Rc<HashSet<Key>>,
    /// The dialog open over the views, if any.
    pub dialog: Option<Dialog>,
}

/// A dialog over the views, with what it acts on.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// A note on a figure or a row (Shift+F2).
    Note(NoteAt),
    /// Adjust… the figures of a grid around its cursor and selection.
    Adjust {
        sheet: SheetKind,
        cursor: (usize, usize),
        range: Range,
    },
    /// Spread… a total with a chosen pattern.
    Spread {
        sheet: SheetKind,
        cell: (usize, usize),
    },
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            view: View::Resources,
            grouping: Grouping::Objective,
            collapsed: Rc::default(),
            selected_objective: None,
            reveal: None,
            reveal_keeps_focus: false,
            find_open: false,
            library_open: false,
            welcome: false,
            held: Rc::default(),
            dialog: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum WorkAction {
    SetView(View),
    SetGrouping(Grouping),
    /// Collapses or expands one group of the resources grid.
    ToggleGroup(GroupKey),
    /// Collapses (`true`) or expands every group.
    CollapseAll(bool),
    /// Show an objective in the side panel (or close it with `None`).
    SelectObjective(Option<ObjectiveId>),
    /// Shows or hides the library of plans.
    ShowLibrary(bool),
    /// Closes the getting-started strip.
    DismissWelcome,
    /// Opens (`true`) or closes the find bar.
    ShowFind(bool),
    /// Puts the grid's cursor on a found row: the resources view, its groups opened.
    /// `keep_focus`: the focus stays where it is (the find box).
    Reveal {
        target: Target,
        keep_focus: bool,
    },
    /// Holds these figures, or releases them if every one is held already.
    ToggleHold(Vec<Key>),
    /// Releases every held figure.
    ReleaseAll,
    Open(Dialog),
    CloseDialog,
}

impl Workspace {
    /// `groups`: the resources sheet's groups, which collapsing every group needs.
    pub fn reduce(&mut self, action: WorkAction, groups: Vec<GroupKey>) {
        match action {
            WorkAction::SetView(v) => self.view = v,
            WorkAction::SetGrouping(g) => {
                self.grouping = g;
                self.collapsed = Rc::default();
            }
            WorkAction::ToggleGroup(key) => {
                let set = Rc::make_mut(&mut self.collapsed);
                if !set.remove(&key) {
                    set.insert(key);
                }
            }
            WorkAction::CollapseAll(collapse) => {
                self.collapsed = Rc::new(if collapse {
                    groups.into_iter().collect()
                } else {
                    HashSet::new()
                });
            }
            WorkAction::SelectObjective(o) => self.selected_objective = o,
            WorkAction::ShowLibrary(open) => self.library_open = open,
            WorkAction::DismissWelcome => self.welcome = false,
            WorkAction::ShowFind(open) => self.find_open = open,
            // Needs the plan (which groups hide the row): `AppState::reveal`.
            WorkAction::Reveal { .. } => {}
            WorkAction::ToggleHold(keys) => {
                let set = Rc::make_mut(&mut self.held);
                if keys.iter().all(|k| set.contains(k)) {
                    for k in &keys {
                        set.remove(k);
                    }
                } else {
                    set.extend(keys);
                }
            }
            WorkAction::ReleaseAll => self.held = Rc::default(),
            WorkAction::Open(d) => self.dialog = Some(d),
            WorkAction::CloseDialog => self.dialog = None,
        }
    }

    /// Another plan is open: what pointed into the old one goes; the view stays.
    pub fn opened(&mut self) {
        self.selected_objective = None;
        self.collapsed = Rc::default();
        self.library_open = false;
        // The strip is about the example; it has done its work once another plan opens.
        self.welcome = false;
        self.held = Rc::default();
        self.dialog = None;
    }
}
