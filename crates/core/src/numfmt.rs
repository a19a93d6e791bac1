//! Showing and reading numbers the way budget people write them.
//!
//! Display: thousands separators, a fixed number of decimals, negatives in parentheses-free
//! minus form (the UI colours them). Input: `1,234.50`, `1234.5`, `-200`, `(200)` for a
//! negative, with spaces or apostrophes as group separators (`1 234`, `1'234`, Swiss style).

use rust_decimal::Decimal;
use std::str::FromStr;

/// `1234567.891` with `dp = 2` -> `1,234,567.89` (rounded half away from zero).
pub fn format_amount(v: Decimal, dp: u32) -> String {
    let r = v.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let neg = r.is_sign_negative() && !r.is_zero();
    let s = r.abs().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if dp > 0 {
        out.push('.');
        let mut f = frac;
        while f.len() < dp as usize {
            f.push('0');
        }
        out.push_str(&f);
    }
    out
}

/// A number without grouping, as entered or stored: `1234.5`.
pub fn plain(v: Decimal) -> String {
    v.normalize().to_string()
}

/// Why a text is not a number, for the cell's error message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotANumber {
    pub input: String,
    pub reason: &'static str,
}

impl std::fmt::Display for NotANumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "\u{201c}{}\u{201d} is not a number: {}",
            self.input, self.reason
        )
    }
}

/// Reads a number a person typed. Empty (or only spaces) is `Ok(None)`: a blank cell.
pub fn parse_amount(input: &str) -> Result<Option<Decimal>, NotANumber> {
    let err = |reason| NotANumber {
        input: input.to_string(),
        reason,
    };
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let (neg_paren, t) = match t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, t),
    };
    let mut cleaned = String::with_capacity(t.len());
    for ch in t.chars() {
        match ch {
            '0'..='9' | '.' | '-' | '+' => cleaned.push(ch),
            // Group separators people paste from spreadsheets and Swiss documents.
            ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '\u{2019}' => {}
            '\u{2212}' => cleaned.push('-'),
            _ => {
                return Err(err(
                    "use digits, an optional minus sign and a decimal point",
                ))
            }
        }
    }
    if cleaned.matches('.').count() > 1 {
        return Err(err("it has more than one decimal point"));
    }
    if cleaned.is_empty() || cleaned == "-" || cleaned == "+" || cleaned == "." {
        return Err(err("there are no digits"));
    }
    let v = Decimal::from_str(&cleaned).map_err(|_| err("it is not a well-formed number"))?;
    if v.abs() > max_amount() {
        return Err(err(
            "it is larger than 10^15, the largest amount Rollplan accepts",
        ));
    }
    Ok(Some(if neg_paren { -v } else { v }))
}

/// The largest magnitude a cell accepts. Far above any budget, far below decimal overflow
/// even after multiplying by a standard cost and summing millions of cells.
pub fn max_amount() -> Decimal {
    Decimal::from(1_000_000_000_000_000i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn formats_with_thousands_separators() {
        assert_eq!(format_amount(d("1234567.891"), 2), "1,234,567.89");
        assert_eq!(format_amount(d("-1234.5"), 0), "-1,235");
        assert_eq!(format_amount(d("999"), 0), "999");
        assert_eq!(format_amount(d("0.005"), 2), "0.01");
        assert_eq!(format_amount(d("-0.001"), 2), "0.00");
        assert_eq!(format_amount(d("1000"), 2), "1,000.00");
    }

    #[test]
    fn reads_what_people_type() {
        assert_eq!(parse_amount("1,234.50").unwrap(), Some(d("1234.50")));
        assert_eq!(parse_amount("1234.5").unwrap(), Some(d("1234.5")));
        assert_eq!(parse_amount("-200").unwrap(), Some(d("-200")));
        assert_eq!(parse_amount("(200)").unwrap(), Some(d("-200")));
        assert_eq!(parse_amount("1'234").unwrap(), Some(d("1234")));
        assert_eq!(parse_amount("  ").unwrap(), None);
    }

    #[test]
    fn refuses_text_with_a_reason() {
        let e = parse_amount("12abc").unwrap_err();
        assert!(e.to_string().contains("12abc"));
        assert!(parse_amount("1.2.3").is_err());
        assert!(parse_amount("-").is_err());
        assert!(parse_amount("1e30").is_err());
        assert!(parse_amount("99999999999999999999").is_err());
    }
}
