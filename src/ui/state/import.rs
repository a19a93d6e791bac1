//! Files the user opens: a plan (JSON or our CSV) replaces the open one; any other CSV
//! waits here for its column mapping. A file that does not open leaves the plan as it was,
//! with words chosen by the kind of problem.

use super::{title_from, AppState, Home, Notice};
use rollplan_core::io::budget::{self, ImportReport, Mapping};
use rollplan_core::io::library;
use rollplan_core::io::table::Table;
use rollplan_core::io::workbook::Sheet;
use rollplan_core::io::{OpenError, Opened};
use rollplan_core::model::Plan;
use rollplan_core::reports::validate::{validate, Severity};
use rollplan_core::Document;
use std::rc::Rc;

/// A budget CSV waiting for its column mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub name: String,
    pub table: Rc<Table>,
    /// A workbook's sheets, the one shown, and the header row chosen (`None`: its first
    /// row with data); `None` for a CSV.
    pub sheets: Option<(Rc<Vec<Sheet>>, usize, Option<usize>)>,
    pub mapping: Mapping,
    /// Why the last attempt with this mapping failed.
    pub error: Option<String>,
    /// The titles of the plans in the library when the file was opened.
    pub taken: Rc<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportAction {
    /// The bytes of a file the user opened or dropped.
    FileRead {
        name: String,
        bytes: Rc<Vec<u8>>,
        /// The titles already in the library (read at the edge), so the opened plan gets
        /// one of its own.
        taken: Rc<Vec<String>>,
    },
    /// A file could not even be read.
    FileFailed {
        name: String,
        error: String,
    },
    /// What the workbook worker found in a workbook the user opened: its sheets, and the
    /// plan file when Rollplan wrote it.
    WorkbookRead {
        name: String,
        sheets: Rc<Vec<Sheet>>,
        plan_file: Option<Rc<String>>,
        taken: Rc<Vec<String>>,
    },
    /// The mapping step chose a workbook's sheet, or its header row.
    ChooseSheet {
        sheet: usize,
        header_row: Option<usize>,
    },
    /// The mapping step changed a choice.
    SetMapping(Mapping),
    ConfirmImport,
    CancelImport,
}

/// The mapping guessed from a table's header and cells, or a plain first guess.
fn guessed(table: &Table) -> Mapping {
    budget::guess_mapping(table).unwrap_or(Mapping {
        objective: 0,
        output: 1.min(table.header.len().saturating_sub(1)),
        unit: None,
        category: None,
        amounts: budget::Amounts::Wide { years: Vec::new() },
        decimal_comma: false,
        currency: String::new(),
        amounts_in: None,
    })
}

impl AppState {
    pub(super) fn import_action(&mut self, action: ImportAction) {
        match action {
            ImportAction::FileFailed { name, error } => {
                self.say.message = Some(format!(
                    "{name} was not opened: {error}. Your plan is unchanged."
                ));
            }
            ImportAction::FileRead { name, bytes, taken } => {
                match rollplan_core::io::open(&bytes, &title_from(&name)) {
                    Ok(Opened::Plan(plan)) => self.replace_plan(*plan, &name, None, &taken),
                    Ok(Opened::Budget(table)) => {
                        self.say.message = None;
                        self.import = Some(PendingImport {
                            name,
                            mapping: guessed(&table),
                            table: Rc::new(table),
                            sheets: None,
                            error: None,
                            taken,
                        });
                    }
                    Err(e) => self.not_opened(&name, e),
                }
            }
            ImportAction::WorkbookRead {
                name,
                sheets,
                plan_file,
                taken,
            } => {
                // A workbook Rollplan wrote is its plan, through the same gate as a file.
                if let Some(file) = plan_file {
                    match rollplan_core::io::json::load(&file) {
                        Ok(plan) => self.replace_plan(plan, &name, None, &taken),
                        Err(e) => self.not_opened(&name, e.into()),
                    }
                    return;
                }
                let Some(k) = sheets.iter().position(|s| !s.rows.is_empty()) else {
                    self.say.message = Some(format!(
                        "{name} was not opened: every sheet in it is empty. Your plan is unchanged."
                    ));
                    return;
                };
                match sheets[k].table(None) {
                    Ok(table) => {
                        self.say.message = None;
                        self.import = Some(PendingImport {
                            name,
                            mapping: guessed(&table),
                            table: Rc::new(table),
                            sheets: Some((sheets, k, None)),
                            error: None,
                            taken,
                        });
                    }
                    Err(e) => {
                        self.say.message = Some(format!(
                            "{name} was not opened: {e}. Your plan is unchanged."
                        ))
                    }
                }
            }
            ImportAction::ChooseSheet { sheet, header_row } => {
                if let Some(p) = self.import.as_mut() {
                    let Some((sheets, _, _)) = p.sheets.clone() else {
                        return;
                    };
                    let Some(s) = sheets.get(sheet) else { return };
                    match s.table(header_row) {
                        Ok(table) => {
                            p.mapping = guessed(&table);
                            p.table = Rc::new(table);
                            p.sheets = Some((sheets, sheet, header_row));
                            p.error = None;
                        }
                        // The table shown stays; the choice that failed is said why.
                        Err(e) => p.error = Some(e.to_string()),
                    }
                }
            }
            ImportAction::SetMapping(mapping) => {
                if let Some(p) = self.import.as_mut() {
                    p.mapping = mapping;
                    p.error = None;
                }
            }
            ImportAction::CancelImport => self.import = None,
            ImportAction::ConfirmImport => {
                if let Some(p) = self.import.clone() {
                    match budget::import(&p.table, &p.mapping, &title_from(&p.name)) {
                        Ok((plan, report)) => {
                            self.replace_plan(plan, &p.name, Some(report), &p.taken)
                        }
                        Err(e) => {
                            if let Some(q) = self.import.as_mut() {
                                q.error = Some(e.to_string());
                            }
                        }
                    }
                }
            }
        }
    }

    /// Says why a file was not opened, in words and with help that fit the kind of problem.
    /// The open plan is unchanged.
    fn not_opened(&mut self, name: &str, e: OpenError) {
        let unchanged = "Your plan is unchanged.";
        self.say.notice = None;
        self.say.message = Some(match e {
            OpenError::Inconsistent { findings } => {
                let n = findings.len();
                // Every place is listed, where it can be read at leisure.
                self.say.notice = Some(Notice {
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

    fn replace_plan(
        &mut self,
        mut plan: Plan,
        source: &str,
        report: Option<ImportReport>,
        taken: &[String],
    ) {
        // Two plans of one title cannot be told apart in Plans: the new one is numbered.
        let first = plan.title.clone();
        plan.title = library::distinct_title(&first, taken.iter().map(String::as_str));
        let renamed = (plan.title != first).then(|| plan.title.clone());
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
                    lines.extend(r.unit_naming_note().map(String::from));
                    for (action, n) in r.counts() {
                        lines.push(format!("{n} cell(s) {}.", action.describe()));
                    }
                    if let Some(note) = &r.encoding_note {
                        lines.push(note.clone());
                    }
                    if !r.convention_cells.is_empty() {
                        let (used, other) = if r.decimal_comma {
                            ("a decimal comma", "a decimal point")
                        } else {
                            ("a decimal point", "a decimal comma")
                        };
                        lines.push(format!(
                            "{} cell(s) were read with {used} and would read differently with {other}; they are listed below. If they look wrong, import again with the other convention.",
                            r.convention_cells.len()
                        ));
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
                // Always said: what was opened, and that nothing was replaced.
                self.say.status = Some(match &renamed {
                    None => format!(
                        "Opened {source} as a plan of its own in Plans; the plan you had open is kept there too."
                    ),
                    Some(title) => format!(
                        "Opened {source} as \u{201c}{title}\u{201d}: Plans already has a plan titled \u{201c}{first}\u{201d}, kept as it was. Delete either in Plans if you need only one."
                    ),
                });
                self.say.notice = (report.is_some() || errors + warnings > 0).then(|| Notice {
                    title: format!("Opened {source}"),
                    lines,
                    findings: findings.iter().map(|f| f.to_string()).collect(),
                    report: report.map(Rc::new),
                });
            }
            Err(e) => {
                self.say.message = Some(format!(
                    "{source} was not opened: {e}. Your plan is unchanged."
                ))
            }
        }
    }
}
