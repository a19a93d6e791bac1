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

pub mod budget;
pub mod csv;
pub mod json;
pub mod library;
pub mod plan_csv;
pub mod share;
pub mod table;
pub mod tsv;

/// What a file turned out to be, by content rather than by its name.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// A Rollplan JSON plan, or one of our CSV layouts read back.
    Plan(Box<crate::model::Plan>),
    /// A CSV that is not ours: it needs a column mapping ([`budget::import`]).
    Budget(table::Table),
}

/// Refuses a plan whose shape is unsafe to edit (see [`crate::reports::validate::shape_errors`]).
fn checked(plan: crate::model::Plan) -> Result<Opened, String> {
    let errors = crate::reports::validate::shape_errors(&plan);
    if errors.is_empty() {
        return Ok(Opened::Plan(Box::new(plan)));
    }
    let list: Vec<String> = errors
        .iter()
        .take(10)
        .map(|f| format!("{}: {}", f.location, f.message))
        .collect();
    Err(format!(
        "the plan in this file is inconsistent and was not opened: {}{}",
        list.join("; "),
        if errors.len() > 10 {
            format!("; and {} more", errors.len() - 10)
        } else {
            String::new()
        }
    ))
}

/// Reads a file the user opened: JSON if it starts with `{`, else CSV.
/// A CSV in one of our layouts becomes a plan; any other CSV comes back as a table for
/// the mapping step. Nothing here changes an open plan.
pub fn open(bytes: &[u8], title: &str) -> Result<Opened, String> {
    let text_start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if text_start == Some(&b'{') {
        let text = table::decode(bytes).map_err(|e| e.to_string())?;
        return json::load(text)
            .map_err(|e| e.to_string())
            .and_then(checked);
    }
    let t = table::read(bytes, None).map_err(|e| e.to_string())?;
    if plan_csv::detect(&t).is_some() {
        return plan_csv::import(&t, title)
            .map_err(|e| e.to_string())
            .and_then(checked);
    }
    Ok(Opened::Budget(t))
}
