//! Any workbook (`.xlsx`, `.xls`, `.ods`) as text tables, one per sheet, for the same column
//! mapping as a CSV; and the plan inside a workbook Rollplan wrote.

use crate::{XlsxError, PLAN_SHEET};
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use rollplan_core::io::csv::restore;
use rollplan_core::io::json;
use rollplan_core::io::table::Table;
use rollplan_core::limits::{MAX_CSV_BYTES, MAX_CSV_ROWS};
use rollplan_core::model::Plan;
use rust_decimal::Decimal;
use std::io::Cursor;

/// One sheet: every row as text, with its row number as the spreadsheet shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// (row number from 1, cells), rows that are entirely blank left out.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// A workbook's sheets, and the plan in it when Rollplan wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    /// The plan a Rollplan workbook carries, through the gate.
    pub plan: Option<Box<Plan>>,
}

impl Sheet {
    /// The sheet as a table whose header is row `header_row` (as the spreadsheet numbers
    /// it; `None`: the first row with anything in it). Blank header cells (a merged header)
    /// are named by their column letter, and the table's note says so.
    pub fn table(&self, header_row: Option<usize>) -> Result<Table, XlsxError> {
        let at = |message: String| XlsxError {
            sheet: Some(self.name.clone()),
            cell: None,
            message,
        };
        let start = match header_row {
            Some(h) => self
                .rows
                .iter()
                .position(|(r, _)| *r == h)
                .ok_or_else(|| at(format!("row {h} is blank or past the end of the sheet")))?,
            None => 0,
        };
        let Some((header_number, first)) = self.rows.get(start) else {
            return Err(at("the sheet is empty".into()));
        };
        let width = self
            .rows
            .iter()
            .skip(start)
            .map(|(_, r)| r.len())
            .max()
            .unwrap_or(0);
        let mut blank = Vec::new();
        let header: Vec<String> = (0..width)
            .map(|c| {
                let h = first.get(c).map_or("", |s| s.trim());
                if h.is_empty() {
                    let name = format!("(column {})", column_letter(c));
                    blank.push(column_letter(c));
                    name
                } else {
                    h.to_string()
                }
            })
            .collect();
        let mut rows = Vec::new();
        let mut row_numbers = Vec::new();
        for (n, cells) in self.rows.iter().skip(start.saturating_add(1)) {
            let mut row = cells.clone();
            row.resize(width, String::new());
            rows.push(row);
            row_numbers.push(*n);
        }
        let note = (!blank.is_empty()).then(|| {
            format!(
                "Row {header_number} of sheet \u{201c}{}\u{201d} has blank header cells (merged?) in column(s) {}; they are named by their letter.",
                self.name,
                blank.join(", ")
            )
        });
        Ok(Table {
            header,
            rows,
            delimiter: b',',
            row_numbers,
            ragged: Vec::new(),
            encoding_note: note,
        })
    }
}

/// `A`, `B`, … `Z`, `AA`: a column's letters.
fn column_letter(c: usize) -> String {
    let mut n = c.saturating_add(1);
    let mut out = Vec::new();
    while n > 0 {
        let rem = n.saturating_sub(1) % 26;
        out.push(char::from(
            b'A'.saturating_add(u8::try_from(rem).unwrap_or(0)),
        ));
        n = n.saturating_sub(1) / 26;
    }
    out.iter().rev().collect()
}

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

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        // Dates are not amounts: kept as text, so the import report names each one.
        Data::DateTime(t) => format!("date {}", number_text(t.as_f64())),
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

    #[test]
    fn columns_have_their_letters() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 701, 702].map(column_letter).to_vec();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
    }
}
