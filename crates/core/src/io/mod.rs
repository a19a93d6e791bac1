//! File formats, pure: bytes or text in, plan or typed error out, and back.
//!
//! Like the core, nothing here touches the browser: reading a file from disk or a file
//! picker is the caller's business; these functions take and give bytes and strings.
//!
//! - [`json`]: the whole plan, lossless and versioned.
//! - [`table`]: any CSV into text cells (BOM, delimiter, UTF-8, limits), errors with places.
//! - [`plan_csv`]: Rollplan's own long and wide resource layouts, both ways.
//! - [`budget`]: any budget CSV through a column mapping, with a report of every cell.
//! - [`csv`]: spreadsheet-safe writing, rollup exports.
//! - [`tsv`]: the clipboard's tab-separated text, as Excel and Google Sheets write it.
//! - [`share`]: a plan packed into a URL fragment for share links.
//! - [`library`]: the local library of plans over any key-value store (localStorage).
//! - [`workbook`]: a workbook's sheets as text, each a [`table::Table`] with the header row
//!   chosen (read by the `rollplan-xlsx` crate).

// Everything here reads bytes and text from outside: no index or slice of them may panic.
#![deny(clippy::indexing_slicing)]

pub mod budget;
pub mod csv;
pub mod json;
pub mod library;
pub mod plan_csv;
pub mod share;
pub mod table;
pub mod tsv;
pub mod workbook;

use crate::model::Plan;
use crate::reports::validate::Finding;
use std::fmt;

/// What a file turned out to be, by content rather than by its name.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// A Rollplan JSON plan, or one of our CSV layouts read back.
    Plan(Box<Plan>),
    /// A CSV that is not ours: it needs a column mapping ([`budget::import`]).
    Budget(table::Table),
}

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A line and column of a text file (JSON), counting from 1.
    Text { line: usize, column: usize },
    /// A row (1 is the header) and maybe a column of a table (CSV).
    Cell {
        row: Option<usize>,
        column: Option<String>,
    },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Text { line, column } => write!(f, "line {line}, column {column}"),
            Place::Cell {
                row: Some(r),
                column: Some(c),
            } => write!(f, "row {r}, column \u{201c}{c}\u{201d}"),
            Place::Cell {
                row: Some(r),
                column: None,
            } => write!(f, "row {r}"),
            Place::Cell {
                row: None,
                column: Some(c),
            } => write!(f, "column \u{201c}{c}\u{201d}"),
            Place::Cell {
                row: None,
                column: None,
            } => f.write_str("the file"),
        }
    }
}

/// Why a file was not opened; the open plan is unchanged whatever the kind. Callers pick
/// their words and offers by the kind (a newer file asks for an update, an inconsistent
/// plan lists its findings), not by parsing a message.
#[derive(Clone, Debug, PartialEq)]
pub enum OpenError {
    /// Not a Rollplan file (JSON of something else).
    NotOurs { what: String },
    /// Saved by a newer Rollplan than this one.
    TooNew { version: u64 },
    /// From an older Rollplan, and its upgrade failed.
    Upgrade { from: u64, message: String },
    /// Damaged or unreadable at a place: broken JSON, a CSV cell that is not a number.
    Damaged { at: Place, message: String },
    /// Read, but its plan's shape is broken (figures not matching the years, an id used
    /// twice): each finding says where.
    Inconsistent { findings: Vec<Finding> },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NotOurs { what } => write!(
                f,
                "this is not a Rollplan plan file ({what}); open a file saved by Rollplan, or import a CSV"
            ),
            OpenError::TooNew { version } => write!(
                f,
                "this plan was saved by a newer Rollplan (file version {version}; this one reads up to {}); update Rollplan to open it",
                json::VERSION
            ),
            OpenError::Upgrade { from, message } => write!(
                f,
                "this plan is from an older Rollplan (file version {from}) and could not be upgraded: {message}"
            ),
            OpenError::Damaged { at, message } => write!(f, "{at}: {message}"),
            OpenError::Inconsistent { findings } => write!(
                f,
                "the plan in this file is inconsistent: {}",
                crate::reports::validate::summary(findings, 10)
            ),
        }
    }
}

impl std::error::Error for OpenError {}

impl From<json::LoadError> for OpenError {
    fn from(e: json::LoadError) -> Self {
        use json::LoadError as L;
        match e {
            L::Syntax {
                line,
                column,
                message,
            } => OpenError::Damaged {
                at: Place::Text { line, column },
                message: format!(
                    "this is not valid JSON ({message}); the file may be truncated or not a plan"
                ),
            },
            L::Invalid {
                line,
                column,
                message,
            } => OpenError::Damaged {
                at: Place::Text { line, column },
                message,
            },
            L::NotRollplan { found } => OpenError::NotOurs { what: found },
            L::Refused { findings } => OpenError::Inconsistent { findings },
            L::TooNew { version } => OpenError::TooNew { version },
            L::Upgrade { from, message } => OpenError::Upgrade { from, message },
        }
    }
}

impl From<table::CsvError> for OpenError {
    fn from(e: table::CsvError) -> Self {
        OpenError::Damaged {
            at: Place::Cell {
                row: e.row,
                column: e.column,
            },
            message: e.message,
        }
    }
}

impl From<crate::gate::Refused> for OpenError {
    fn from(r: crate::gate::Refused) -> Self {
        OpenError::Inconsistent {
            findings: r.findings,
        }
    }
}

/// Reads a file the user opened: JSON if it starts with `{`, else CSV.
/// A CSV in one of our layouts becomes a plan; any other CSV comes back as a table for
/// the mapping step. Nothing here changes an open plan.
pub fn open(bytes: &[u8], title: &str) -> Result<Opened, OpenError> {
    let text_start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if text_start == Some(&b'{') {
        let text = table::decode(bytes)?;
        // The JSON reader passes its plan through the gate itself.
        return Ok(Opened::Plan(Box::new(json::load(&text)?)));
    }
    let t = table::read(bytes, None)?;
    if plan_csv::detect(&t).is_some() {
        let plan = crate::gate::admit(plan_csv::parse(&t, title)?)?;
        return Ok(Opened::Plan(Box::new(plan)));
    }
    Ok(Opened::Budget(t))
}
