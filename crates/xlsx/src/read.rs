//! Any workbook (`.xlsx`, `.xls`, `.ods`) as text tables, one per sheet, for the same column
//! mapping as a CSV; and the plan inside a workbook Rollplan wrote.

use crate::{XlsxError, PLAN_SHEET};
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use rollplan_core::io::csv::restore;
use rollplan_core::io::json;
use rollplan_core::io::workbook::{Sheet, Workbook};
use rollplan_core::limits::{MAX_CSV_BYTES, MAX_CSV_ROWS};
use rust_decimal::Decimal;
use std::io::Cursor;

/// A number as Excel shows it: 15 significant digits, so binary noise (`0.1 + 0.2`) reads
/// as the figure the user sees (0.3).
fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let sci = format!("{x:.14e}");
    match Decimal::from_scientific(&sci) {
        Ok(d) => d.normalize().to_string(),
        Err(_) => format!("{x}"),
    }
}

/// A date cell as `2026-07-01` (a serial day count from 1899-12-30, as Excel keeps dates).
fn date_text(serial: f64) -> String {
    let days = serial - 25_569.0; // the serial of 1970-01-01
    if days.is_finite() && days >= 0.0 {
        rollplan_core::io::library::iso_date((days * 86_400_000.0) as u64)
    } else {
        number_text(serial)
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        // Dates are not amounts: kept as text, so the import report names each one.
        Data::DateTime(t) => date_text(t.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e}"),
    }
}

/// Reads a workbook's bytes. Refuses what is not a workbook, an encrypted one, and sizes
/// past the CSV limits, each with the reason.
pub fn read(bytes: &[u8]) -> Result<Workbook, XlsxError> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(XlsxError::new(format!(
            "the workbook is larger than {} MB; split it",
            MAX_CSV_BYTES / (1024 * 1024)
        )));
    }
    // An encrypted Office file is a compound file holding an "EncryptedPackage" stream.
    let utf16: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        && bytes.windows(utf16.len()).any(|w| w == utf16)
    {
        return Err(XlsxError::new(
            "the workbook is protected by a password; save a copy without one and open that",
        ));
    }
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        XlsxError::new(format!(
            "this is not a workbook Rollplan can read (.xlsx, .xls or .ods), or it is damaged ({e})"
        ))
    })?;
    let mut sheets = Vec::new();
    let mut plan_text: Option<String> = None;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).map_err(|e| XlsxError {
            sheet: Some(name.clone()),
            cell: None,
            message: format!("the sheet could not be read ({e})"),
        })?;
        if range.height() > MAX_CSV_ROWS {
            return Err(XlsxError {
                sheet: Some(name.clone()),
                cell: None,
                message: format!("the sheet has more than {MAX_CSV_ROWS} rows; split it"),
            });
        }
        let (top, left) = range.start().unwrap_or((0, 0));
        let left = usize::try_from(left).unwrap_or(0);
        if name == PLAN_SHEET {
            plan_text = Some(
                range
                    .rows()
                    .filter_map(|r| r.first())
                    .map(|c| restore(&cell_text(c)))
                    .collect(),
            );
            continue;
        }
        let mut rows = Vec::new();
        for (i, r) in range.rows().enumerate() {
            let mut cells: Vec<String> = vec![String::new(); left];
            cells.extend(r.iter().map(cell_text));
            while cells.last().is_some_and(|c| c.trim().is_empty()) {
                cells.pop();
            }
            if cells.is_empty() {
                continue;
            }
            let number = usize::try_from(top)
                .unwrap_or(0)
                .saturating_add(i)
                .saturating_add(1);
            rows.push((number, cells));
        }
        sheets.push(Sheet { name, rows });
    }
    let plan = match plan_text {
        Some(text) => Some(Box::new(json::load(&text).map_err(|e| XlsxError {
            sheet: Some(PLAN_SHEET.into()),
            cell: None,
            message: format!("the plan this workbook carries could not be opened: {e}"),
        })?)),
        None => None,
    };
    Ok(Workbook { sheets, plan })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(1234.5), "1234.5");
        assert_eq!(number_text(85817.0), "85817");
        assert_eq!(number_text(-0.25), "-0.25");
    }
}
