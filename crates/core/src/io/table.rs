//! Reading a CSV file into a table of text cells, safely.
//!
//! Every importer starts here. It takes raw bytes (a file may be anything), strips a UTF-8
//! byte-order mark, refuses text that is not UTF-8 with the row where it breaks, finds the
//! delimiter (comma, semicolon or tab) unless told, and parses with the `csv` crate
//! (quotes, embedded newlines, CRLF). Ragged rows are padded, never rejected: a missing
//! cell reads as blank, and the importer reports it.

use std::borrow::Cow;
use std::fmt;

/// Files above this are refused before parsing (a plan CSV is a few MB at most).
pub use crate::limits::MAX_CSV_BYTES as MAX_BYTES;
/// Rows above this are refused.
pub use crate::limits::MAX_CSV_ROWS as MAX_ROWS;

/// Where a problem is in a CSV file. Rows and columns count from 1, as a spreadsheet does;
/// row 1 is the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
}

impl CsvError {
    pub fn at(row: usize, column: Option<&str>, message: impl Into<String>) -> Self {
        CsvError {
            row: Some(row),
            column: column.map(str::to_string),
            message: message.into(),
        }
    }

    pub fn file(message: impl Into<String>) -> Self {
        CsvError {
            row: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => {
                write!(f, "row {r}, column \u{201c}{c}\u{201d}: {}", self.message)
            }
            (Some(r), None) => write!(f, "row {r}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for CsvError {}

/// A parsed CSV: the header and the data rows, each as long as the header.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub delimiter: u8,
    /// Each data row's number as a spreadsheet shows it (the header is row 1).
    pub row_numbers: Vec<usize>,
    /// Data rows (by file line) that had fewer or more cells than the header.
    pub ragged: Vec<usize>,
    /// How the text was read when it was not UTF-8 (Windows-1252), for the import report.
    pub encoding_note: Option<String>,
}

/// Cell `c` of a row ("" past its end: rows are padded to the header, and a missing cell
/// reads as blank rather than panicking).
pub fn cell(row: &[String], c: usize) -> &str {
    row.get(c).map_or("", String::as_str)
}

impl Table {
    /// The position of a column by its header name (exact, then ignoring case and spaces).
    pub fn column(&self, name: &str) -> Option<usize> {
        let norm = |s: &str| s.trim().to_lowercase();
        self.header
            .iter()
            .position(|h| h == name)
            .or_else(|| self.header.iter().position(|h| norm(h) == norm(name)))
    }

    /// The header of column `c` ("" past the last column).
    pub fn heading(&self, c: usize) -> &str {
        cell(&self.header, c)
    }

    /// The file line of data row `i`, for messages.
    pub fn row_number(&self, i: usize) -> usize {
        self.row_numbers
            .get(i)
            .copied()
            .unwrap_or(i.saturating_add(2))
    }
}

/// Guesses the delimiter from the first line: the most frequent of `,` `;` tab outside quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts: [(u8, usize); 3] = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for ch in first.bytes() {
        if ch == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for c in counts.iter_mut() {
                if c.0 == ch {
                    c.1 = c.1.saturating_add(1);
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|c| c.1)
        .filter(|c| c.1 > 0)
        .map_or(b',', |c| c.0)
}

/// Bytes to text: strips a BOM, decodes UTF-16 (which Excel writes as "Unicode text")
/// when a BOM says so, refuses anything else that is not UTF-8 with the row where it breaks.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, CsvError> {
    if bytes.len() > MAX_BYTES {
        return Err(CsvError::file(format!(
            "the file is {} MB; Rollplan reads CSV files up to {} MB",
            bytes.len() / 1_000_000,
            MAX_BYTES / 1_000_000
        )));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(Cow::Owned);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        let row = bytes
            .iter()
            .take(e.valid_up_to())
            .filter(|b| **b == b'\n')
            .count()
            .saturating_add(1);
        CsvError::at(
            row,
            None,
            "the file is not UTF-8 text here; save it from your spreadsheet as \u{201c}CSV UTF-8\u{201d}",
        )
    })
}

/// Windows-1252 bytes to text: Latin-1, with 0x80-0x9F as Windows has them (bytes it leaves
/// undefined map to the control characters of the same number, as browsers do).
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH
                .get(usize::from(b.wrapping_sub(0x80)))
                .copied()
                .unwrap_or('\u{fffd}'), // b >= 0x80 here
            _ => char::from(b),
        })
        .collect()
}

/// UTF-16 code units (after the BOM) to text, or the row where they stop being text.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, CsvError> {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => Ok(unit([*a, *b])),
        _ => Err(()),
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut row = 1;
    let broken = |row| {
        CsvError::at(
            row,
            None,
            "the file says it is UTF-16 text but is not here; save it from your spreadsheet as \u{201c}CSV UTF-8\u{201d}",
        )
    };
    let units: Result<Vec<u16>, ()> = units.collect();
    let units = units.map_err(|_| broken(row))?;
    for ch in char::decode_utf16(units) {
        let ch = ch.map_err(|_| broken(row))?;
        if ch == '\n' {
            row = row.saturating_add(1);
        }
        text.push(ch);
    }
    Ok(text)
}

/// Parses CSV bytes into a [`Table`]. `delimiter` `None` sniffs it from the header line.
pub fn read(bytes: &[u8], delimiter: Option<u8>) -> Result<Table, CsvError> {
    // A CSV that is not UTF-8 (and says nothing else) is most likely what Excel saves as
    // "CSV" on Windows: read as Windows-1252, and the report says so.
    let (decoded, encoding_note) = match decode(bytes) {
        Ok(text) => (text, None),
        Err(e)
            if bytes.len() <= MAX_BYTES
                && !bytes.starts_with(b"\xFF\xFE")
                && !bytes.starts_with(b"\xFE\xFF") =>
        {
            let row = e.row.unwrap_or(1);
            (
                Cow::Owned(windows_1252(bytes)),
                Some(format!(
                    "The file is not UTF-8 (from row {row}); it was read as Windows-1252, as Excel saves CSV on Windows. Check accented names; save as \u{201c}CSV UTF-8\u{201d} to be sure."
                )),
            )
        }
        Err(e) => return Err(e),
    };
    let text: &str = &decoded;
    if text.trim().is_empty() {
        return Err(CsvError::file("the file is empty"));
    }
    // Excel's `sep=;` first line names the delimiter; the header is the line after it, and
    // rows keep the numbers a spreadsheet shows.
    let (text, skipped, named) = match excel_separator(text) {
        Some((d, rest)) => (rest, 1, Some(d)),
        None => (text, 0, None),
    };
    let delimiter = delimiter.or(named).unwrap_or_else(|| sniff_delimiter(text));
    if let Some(row) = unclosed_quote(text, delimiter) {
        // Read on, it would swallow every later row into one cell.
        return Err(CsvError::at(
            row.saturating_add(skipped),
            None,
            "a quote opened in this row is never closed, so the rest of the file would be read as one cell; close it or remove it",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_string()).collect(),
        Some(Err(e)) => return Err(csv_error(&e, skipped)),
        None => return Err(CsvError::file("the file is empty")),
    };
    if header.iter().all(String::is_empty) {
        return Err(CsvError::at(
            skipped.saturating_add(1),
            None,
            "the header row is empty",
        ));
    }
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    let mut ragged = Vec::new();
    for (i, rec) in records.enumerate() {
        let rec = rec.map_err(|e| csv_error(&e, skipped))?;
        // Rows count records, as a spreadsheet shows them (a quoted line break stays in its
        // row). The csv crate skips empty lines, so after one the count runs a row short.
        let line = i.saturating_add(2).saturating_add(skipped);
        if rows.len() >= MAX_ROWS {
            return Err(CsvError::file(format!(
                "the file has more than {MAX_ROWS} rows; split it"
            )));
        }
        // A blank line (a single empty cell) is not data.
        if rec.len() == 1 && rec.get(0).is_some_and(|c| c.trim().is_empty()) {
            continue;
        }
        let mut row: Vec<String> = rec.iter().map(str::to_string).collect();
        // Cells past the header have no column to go to: refused rather than dropped
        // (empty ones, which spreadsheets often write, are nothing to lose).
        if let Some(extra) = row
            .iter()
            .skip(header.len())
            .position(|c| !c.trim().is_empty())
        {
            return Err(CsvError::at(
                line,
                None,
                format!(
                    "this row has a value in column {} but the header has only {} columns; it would be lost",
                    header.len().saturating_add(extra).saturating_add(1),
                    header.len()
                ),
            ));
        }
        if row.len() != header.len() {
            ragged.push(line);
            row.resize(header.len(), String::new());
        }
        rows.push(row);
        row_numbers.push(line);
    }
    Ok(Table {
        header,
        rows,
        delimiter,
        row_numbers,
        ragged,
        encoding_note,
    })
}

/// The row (counting lines from 1) of a quoted field that is never closed, if any, read
/// as RFC 4180 and Excel write quotes: a quote opens a field only at its start, and `""`
/// inside it is a quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut opened_at) = (1usize, 0usize);
    let (mut in_quotes, mut at_field_start) = (false, true);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if in_quotes {
            if b == b'"' {
                if bytes.get(i.saturating_add(1)) == Some(&b'"') {
                    i = i.saturating_add(1);
                } else {
                    in_quotes = false;
                }
            } else if b == b'\n' {
                line = line.saturating_add(1);
            }
        } else if b == b'"' && at_field_start {
            in_quotes = true;
            opened_at = line;
        } else if b == b'\n' {
            line = line.saturating_add(1);
        }
        at_field_start = !in_quotes && (b == delimiter || b == b'\n' || b == b'\r');
        i = i.saturating_add(1);
    }
    in_quotes.then_some(opened_at)
}

/// `sep=;` (any one character) alone on the first line, as Excel writes and reads it: the
/// delimiter and the text after that line.
fn excel_separator(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = text.split_once('\n')?;
    let d = first.trim_end_matches('\r').strip_prefix("sep=")?;
    match d.as_bytes() {
        [b] if d.is_ascii() => Some((*b, rest)),
        _ => None,
    }
}

fn csv_error(e: &csv::Error, skipped: usize) -> CsvError {
    let row = e
        .position()
        .map(|p| (p.line() as usize).saturating_add(skipped));
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text here".to_string(),
        _ => format!("the CSV cannot be read: {e}"),
    };
    CsvError {
        row,
        column: None,
        message,
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // a panic in a test is its failure
mod tests {
    use super::*;

    #[test]
    fn quotes_newlines_crlf_bom_and_ragged_rows() {
        let text = "\u{feff}a,b,c\r\n\"x, y\",\"two\nlines\",3\r\nonly-one\r\n\r\n1,2,3,,\r\n";
        let t = read(text.as_bytes(), None).unwrap();
        assert_eq!(t.header, vec!["a", "b", "c"]);
        assert_eq!(t.rows[0], vec!["x, y", "two\nlines", "3"]);
        assert_eq!(t.rows[1], vec!["only-one", "", ""]);
        // Empty cells past the header are nothing to lose.
        assert_eq!(t.rows[2], vec!["1", "2", "3"]);
        assert_eq!(t.ragged, vec![3, 4]);
        assert_eq!(t.row_numbers, vec![2, 3, 4]);
    }

    #[test]
    fn a_value_past_the_header_is_refused_with_its_row_not_dropped() {
        let e = read(b"a,b\n1,2\n3,4,5\n", None).unwrap_err();
        assert_eq!(e.row, Some(3));
        assert!(e.message.contains("column 3"), "{e}");
    }

    #[test]
    fn an_unterminated_quote_is_refused_at_the_row_it_opens() {
        // Read on, rows 3 and 4 would become part of row 2's title.
        let e = read(
            b"code,title,2026\n1.1,\"Travel,10\n1.2,Audit,20\n1.3,Rent,30\n",
            None,
        )
        .unwrap_err();
        assert_eq!(e.row, Some(2));
        assert!(e.message.contains("never closed"), "{e}");
        // Quotes inside a field, and doubled quotes, are fine.
        let t = read(b"a,b\n\"say \"\"hi\"\"\",x\"y\n", None).unwrap();
        assert_eq!(t.rows[0], vec!["say \"hi\"", "x\"y"]);
    }

    #[test]
    fn huge_files_are_refused_before_parsing() {
        // Only the error is looked at: a table of a million rows must never be printed.
        let big = vec![b'a'; MAX_BYTES + 1];
        let e = read(&big, None).err().map(|e| e.to_string());
        assert!(
            e.as_deref().is_some_and(|e| e.contains("up to 67 MB")),
            "{e:?}"
        );
        let mut many = String::from("a\n");
        many.push_str(&"1\n".repeat(MAX_ROWS + 1));
        let e = read(many.as_bytes(), None).err().map(|e| e.to_string());
        assert!(
            e.as_deref()
                .is_some_and(|e| e.contains("more than 1000000 rows")),
            "{e:?}"
        );
        many.truncate(2 + 2 * MAX_ROWS);
        assert_eq!(
            read(many.as_bytes(), None).map(|t| t.rows.len()).ok(),
            Some(MAX_ROWS)
        );
    }

    #[test]
    fn utf16_text_as_excel_saves_it_is_decoded() {
        let text = "a;b\r\nZ\u{fc}rich;1,5\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let t = read(&le, None).unwrap();
        assert_eq!(t.rows[0], vec!["Z\u{fc}rich", "1,5"]);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(read(&be, None).unwrap().rows, t.rows);
        // An odd byte at the end is not UTF-16: refused, not guessed.
        le.push(0x41);
        assert!(read(&le, None).unwrap_err().message.contains("UTF-16"));
    }

    #[test]
    fn an_excel_sep_line_names_the_delimiter() {
        let t = read(b"sep=;\r\na;b\r\n1,5;2\r\n", None).unwrap();
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.header, vec!["a", "b"]);
        assert_eq!(t.rows, vec![vec!["1,5".to_string(), "2".to_string()]]);
        // Rows are numbered as the spreadsheet shows them: the data row is row 3.
        assert_eq!(t.row_numbers, vec![3]);
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(read(b"a;b\n1;2\n", None).unwrap().delimiter, b';');
        assert_eq!(read(b"a\tb\n1\t2\n", None).unwrap().delimiter, b'\t');
        assert_eq!(read(b"\"a;b\",c\n", None).unwrap().delimiter, b',');
    }

    #[test]
    fn windows_1252_is_read_with_a_note_and_json_text_must_be_utf8() {
        // "Zürich" and "€" as Excel on Windows writes them.
        let t = read(b"unit,amount\nZ\xfcrich,\x80 5\n", None).unwrap();
        assert_eq!(t.rows[0], vec!["Z\u{fc}rich", "\u{20ac} 5"]);
        let note = t.encoding_note.expect("the report says how it was read");
        assert!(
            note.contains("Windows-1252") && note.contains("row 2"),
            "{note}"
        );
        assert!(read(b"a,b\n1,2\n", None).unwrap().encoding_note.is_none());
        // The strict reader (plan files) still refuses, with the row.
        let e = decode(b"a,b\n1,2\n\xff\xfe,3\n").unwrap_err();
        assert_eq!(e.row, Some(3));
        assert!(e.to_string().contains("UTF-8"));
    }

    #[test]
    fn empty_files_are_refused() {
        assert!(read(b"", None).is_err());
        assert!(read(b"  \n", None).is_err());
    }
}
