//! App state and its one reducer.
//!
//! The document (plan, rollups, history) sits behind `Rc<RefCell<..>>` so an edit to a
//! 200,000-cell plan updates it in place instead of cloning it; `generation` counts changes
//! so Yew knows when to re-render. Only [`AppState::reduce`] borrows it mutably.

use crate::core::edit::{Document, Edit};
use crate::core::example::example_plan;
use crate::core::model::{ObjectiveId, Plan};
use crate::core::validate::{validate, Severity};
use crate::io::budget::{self, ImportReport, Mapping};
use crate::io::table::Table;
use crate::io::Opened;
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
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.generation == other.generation
            && self.selected_objective == other.selected_objective
            && self.message == other.message
            && self.import == other.import
            && self.notice == other.notice
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
        }
    }

    pub fn example() -> AppState {
        AppState::open(example_plan())
    }

    /// Replaces the open plan, only if the new one computes; otherwise says why and keeps
    /// the open plan exactly as it was.
    fn replace_plan(&mut self, plan: Plan, source: &str, report: Option<ImportReport>) {
        let findings = validate(&plan);
        match Document::open(plan) {
            Ok(doc) => {
                self.doc = Rc::new(RefCell::new(doc));
                self.generation += 1;
                self.selected_objective = None;
                self.message = None;
                self.import = None;
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
        match action {
            Action::SelectObjective(o) => next.selected_objective = o,
            Action::DismissMessage => next.message = None,
            Action::DismissNotice => next.notice = None,
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
            Action::FileFailed { name, error } => {
                next.message = Some(format!(
                    "{name} was not opened: {error}. Your plan is unchanged."
                ));
            }
            Action::FileRead { name, bytes } => match crate::io::open(&bytes, &title_from(&name)) {
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
                Err(e) => {
                    next.message = Some(format!(
                        "{name} was not opened: {e}. Your plan is unchanged."
                    ))
                }
            },
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
