//! CSV output that is safe to open in a spreadsheet.
//!
//! Text cells that begin with `=`, `+`, `-`, `@`, tab or carriage return are formulas to
//! Excel and LibreOffice (CSV injection, OWASP); they get a leading apostrophe. Numbers are
//! written plain (`1234.50`, `-200`) and stay numbers.

use crate::core::calc::RollupTable;

/// A text cell made safe for spreadsheets.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    // Writing to a Vec cannot fail; the bytes are UTF-8 because every field is a String.
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A rollup as CSV: `code,title,<one column per year>,total`, one row per entry, and a
/// last row with code `TOTAL`. Figures are rounded once, to cents.
pub fn rollup_csv(table: &RollupTable) -> String {
    let mut w = writer();
    let mut header = vec!["code".to_string(), "title".to_string()];
    header.extend(table.years.iter().map(|y| neutralise(y)));
    header.push("total".into());
    // csv::Writer on a Vec only fails on I/O, which a Vec never does.
    let _ = w.write_record(&header);
    for row in &table.rows {
        let mut rec = vec![neutralise(&row.code), neutralise(&row.title)];
        rec.extend(row.figures.years.iter().map(|v| plain_cents(*v)));
        rec.push(plain_cents(row.figures.period));
        let _ = w.write_record(&rec);
    }
    let mut rec = vec!["TOTAL".to_string(), "Total".to_string()];
    rec.extend(table.total.years.iter().map(|v| plain_cents(*v)));
    rec.push(plain_cents(table.total.period));
    let _ = w.write_record(&rec);
    finish(w)
}

/// A figure with exactly two decimals, no grouping: `1234.50` (and `0.00`, never `-0.00`).
pub fn plain_cents(v: rust_decimal::Decimal) -> String {
    let mut r = v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    if r.is_zero() {
        return "0.00".into();
    }
    r.rescale(2);
    r.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Travel"), "Travel");
        assert_eq!(neutralise(""), "");
    }
}
