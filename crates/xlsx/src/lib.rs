//! Excel workbooks, both ways, over the core.
//!
//! - [`export`]: the plan as a workbook that recalculates: inputs as numbers, every cost
//!   and rollup as a formula over them, each with its result cached so viewers that do not
//!   recalculate show the right figures. The plan file rides along in a hidden sheet, so a
//!   workbook Rollplan wrote opens back into the very same plan.
//! - [`read`]: any workbook's sheets as text tables, for the same mapping step as a CSV.
//!
//! Excel keeps numbers as binary floating point with about 15 significant digits: figures
//! with more (near the amount limit, with cents) show rounded in Excel, while the plan file
//! inside keeps them exact for Rollplan.

// As in the core: arithmetic that can overflow is checked.
#![deny(clippy::arithmetic_side_effects)]

mod read;
mod write;

pub use read::read;
pub use rollplan_core::io::workbook::{Sheet, Workbook};
pub use write::export;

use std::fmt;

/// Why a workbook could not be written or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XlsxError {
    /// The sheet, when the problem is in one.
    pub sheet: Option<String>,
    /// The cell (`B7`), when the problem is in one.
    pub cell: Option<String>,
    pub message: String,
}

impl XlsxError {
    fn new(message: impl Into<String>) -> Self {
        XlsxError {
            sheet: None,
            cell: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for XlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => {
                write!(f, "sheet \u{201c}{s}\u{201d}, cell {c}: {}", self.message)
            }
            (Some(s), None) => write!(f, "sheet \u{201c}{s}\u{201d}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for XlsxError {}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        XlsxError::new(format!("the workbook could not be written: {e}"))
    }
}

/// The name of the hidden sheet that carries the plan file.
pub const PLAN_SHEET: &str = "rollplan_plan";
