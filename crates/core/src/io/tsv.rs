//! The clipboard between spreadsheets: tab-separated text.
//!
//! Excel and Google Sheets copy a range as one line per row, cells separated by tabs, lines
//! ended by CRLF or LF, and a cell holding a tab, a newline or a quote wrapped in double
//! quotes with inner quotes doubled. [`parse`] reads exactly that; [`write`] writes it so a
//! paste into either lands in the same cells.

/// Rows of cells. A final line break does not make an empty last row; a quoted cell may
/// span lines. Ragged rows stay ragged (a paste only touches the cells it has).
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(ch) = chars.next() {
        match ch {
            '"' if at_cell_start => {
                // A quoted cell: up to the closing quote, "" is one quote.
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            cell.push('"');
                        }
                        Some('"') | None => break,
                        Some(c) => cell.push(c),
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !at_cell_start || !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Rows of cells as clipboard text, quoting what needs it, one CRLF-free line per row.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, cell) in row.iter().enumerate() {
            if j > 0 {
                out.push('\t');
            }
            if cell.contains(['\t', '\n', '\r', '"']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
    }
    out
}
