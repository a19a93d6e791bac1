//! A workbook's sheets as text, whatever read them (the workbook crate, natively or in the
//! app's workbook worker): each sheet becomes a [`Table`] with the header row the user
//! chooses, for the same column mapping as a CSV. Pure: rows in, table out.

use super::table::{CsvError, Table};
use crate::model::Plan;
use serde::{Deserialize, Serialize};

/// One sheet: every row as text, with its row number as the spreadsheet shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub fn table(&self, header_row: Option<usize>) -> Result<Table, CsvError> {
        let at = |message: String| {
            CsvError::file(format!("sheet \u{201c}{}\u{201d}: {message}", self.name))
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

impl Workbook {
    /// The sheet to import when the user has not chosen: the first with anything in it.
    pub fn first_with_data(&self) -> Option<usize> {
        self.sheets.iter().position(|s| !s.rows.is_empty())
    }
}

/// Whether a file is a workbook, by its first bytes (a zip, or an old compound file) or,
/// failing that, by its name; a CSV or a plan file is neither.
pub fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || [".xlsx", ".xlsm", ".xls", ".ods"]
            .iter()
            .any(|e| lower.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbooks_are_told_from_csv_and_plans() {
        assert!(is_workbook("budget.xlsx", b""));
        assert!(is_workbook("renamed.csv", b"PK\x03\x04rest"));
        assert!(is_workbook("old.bin", &[0xD0, 0xCF, 0x11, 0xE0, 0]));
        assert!(!is_workbook("budget.csv", b"Outcome,Program\n"));
        assert!(!is_workbook("plan.json", b"{\"format\": \"rollplan\"}"));
    }

    #[test]
    fn columns_have_their_letters() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 701, 702].map(column_letter).to_vec();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
    }
}
