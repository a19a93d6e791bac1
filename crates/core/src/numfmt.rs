//! Showing and reading numbers the way budget people write them.
//!
//! Display: thousands separators, a fixed number of decimals, negatives in parentheses-free
//! minus form (the UI colours them). Input ([`read_number`], the one reader for typing and
//! files): `1,234.50`, `1234.5`, `-200`, `(200)` for a negative, with spaces or apostrophes
//! as group separators (`1 234`, `1'234`, Swiss style), or with a decimal comma.

// Reads what users type: no index or slice of it may panic.
#![deny(clippy::indexing_slicing)]

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
    let mut grouped = String::with_capacity(int.len().saturating_mul(2));
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && int.len().saturating_sub(i) % 3 == 0 {
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
    pub reason: String,
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

/// Which mark separates the decimals: `1,234.50` (a decimal point, groups of thousands
/// by comma) or `1.234,50` (a decimal comma, groups by point), as Excel writes in
/// English or in French, German and Spanish. Spaces and apostrophes group in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Convention {
    #[default]
    DecimalPoint,
    DecimalComma,
}

impl Convention {
    fn marks(self) -> (char, char) {
        match self {
            Convention::DecimalPoint => ('.', ','),
            Convention::DecimalComma => (',', '.'),
        }
    }
}

pub use crate::limits::{max_amount, MAX_DECIMALS};

/// Reads a number a person typed, with a decimal point. Empty (or only spaces) is
/// `Ok(None)`: a blank cell.
pub fn parse_amount(input: &str) -> Result<Option<Decimal>, NotANumber> {
    read_number(input, Convention::DecimalPoint)
}

/// The one number reader, for typed text and for files alike. A group separator counts
/// only between groups of three digits (`1,234,567`), so `2,5` is not 25 and `1,2,3` is not
/// 123: they are refused, with a hint where one fits. A negative is a minus sign or
/// parentheses, not both. Currency signs and percent signs are refused (columns and cells
/// say what unit they are in).
pub fn read_number(input: &str, convention: Convention) -> Result<Option<Decimal>, NotANumber> {
    let err = |reason: String| NotANumber {
        input: input.to_string(),
        reason,
    };
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let (paren, t) = match t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, t),
    };
    let (minus, t) = match t.chars().next() {
        Some('-' | '\u{2212}') => (
            true,
            t[t.char_indices().nth(1).map_or(t.len(), |(i, _)| i)..].trim_start(),
        ),
        Some('+') => (false, t[1..].trim_start()),
        _ => (false, t),
    };
    if paren && minus {
        return Err(err(
            "use parentheses or a minus sign for a negative, not both".into(),
        ));
    }
    let (point, comma) = convention.marks();
    let is_group =
        |c: char| c == comma || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '\u{2019}');
    if let Some(c) = t
        .chars()
        .find(|c| !c.is_ascii_digit() && *c != point && !is_group(*c))
    {
        return Err(err(match c {
            '-' | '+' | '\u{2212}' => "a sign goes before the number".into(),
            '%' => "type the number without the percent sign".into(),
            '$' | '\u{20ac}' | '\u{a3}' | '\u{a5}' => {
                "type the number without a currency sign (the plan says its currency)".into()
            }
            _ => "use digits, an optional minus sign and a decimal point".into(),
        }));
    }
    let mut parts = t.splitn(3, point);
    let int = parts.next().unwrap_or_default();
    let frac = parts.next();
    if parts.next().is_some() {
        return Err(err(match convention {
            Convention::DecimalPoint => "it has more than one decimal point".into(),
            Convention::DecimalComma => "it has more than one decimal comma".into(),
        }));
    }
    if frac.is_some_and(|f| f.chars().any(is_group)) {
        return Err(err(
            "a thousands separator cannot follow the decimal mark".into()
        ));
    }
    let digits = ungroup(int, is_group).ok_or_else(|| {
        // `2,5` with a decimal point: most likely a decimal comma.
        let groups: Vec<&str> = int.split(is_group).collect();
        let seps: Vec<char> = int.chars().filter(|c| is_group(*c)).collect();
        if let ([a, b], true) = (
            groups.as_slice(),
            frac.is_none() && seps == [comma] && groups.iter().all(|g| !g.is_empty()),
        ) {
            err(format!(
                "{comma} separates thousands here; did you mean {a}{point}{b}?"
            ))
        } else {
            err("its separators are not between groups of three digits".into())
        }
    })?;
    let frac = frac.unwrap_or("");
    if digits.is_empty() && frac.is_empty() {
        return Err(err("there are no digits".into()));
    }
    let plain = if frac.is_empty() {
        digits
    } else {
        format!("{}.{frac}", if digits.is_empty() { "0" } else { &digits })
    };
    let v = Decimal::from_str(&plain).map_err(|_| err("it is not a well-formed number".into()))?;
    if v.abs() > max_amount() {
        return Err(err(
            "it is larger than 10^15, the largest amount Rollplan accepts".into(),
        ));
    }
    let v = if v.scale() > MAX_DECIMALS {
        let n = v.normalize();
        if n.scale() > MAX_DECIMALS {
            return Err(err(format!(
                "it has {} decimal places; Rollplan keeps at most {MAX_DECIMALS}",
                n.scale()
            )));
        }
        n
    } else {
        v
    };
    let mut v = if paren || minus { -v } else { v };
    // `-0` is zero: a negative zero would save as "-0" and read back as "0".
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    Ok(Some(v))
}

/// The digits of an integer part whose group separators (if any) are all one kind and all
/// between groups of three: `1,234,567` -> `1234567`. `None` when they are misplaced.
fn ungroup(int: &str, is_group: impl Fn(char) -> bool) -> Option<String> {
    let seps: Vec<char> = int.chars().filter(|c| is_group(*c)).collect();
    let Some(&sep) = seps.first() else {
        return Some(int.to_string());
    };
    if seps.iter().any(|c| *c != sep) {
        return None;
    }
    let groups: Vec<&str> = int.split(sep).collect();
    let (first, rest) = groups.split_first()?;
    let first_ok = (1..=3).contains(&first.len());
    let rest_ok = rest.iter().all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| groups.concat())
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
    fn a_group_separator_counts_only_between_groups_of_three() {
        assert_eq!(parse_amount("1,234,567").unwrap(), Some(d("1234567")));
        assert_eq!(parse_amount("1 234.5").unwrap(), Some(d("1234.5")));
        // Not 25 nor 123: refused, with a hint where one fits.
        let e = parse_amount("2,5").unwrap_err();
        assert!(e.to_string().contains("did you mean 2.5?"), "{e}");
        assert!(parse_amount("1,2,3").is_err());
        assert!(parse_amount("12,34").is_err());
        assert!(parse_amount("1,234.5,6").is_err());
        assert!(parse_amount("1 234,567").is_err(), "one kind of separator");
    }

    #[test]
    fn a_decimal_comma_is_read_only_when_it_is_the_convention() {
        let comma = Convention::DecimalComma;
        assert_eq!(read_number("1.234,50", comma).unwrap(), Some(d("1234.50")));
        assert_eq!(read_number("2,5", comma).unwrap(), Some(d("2.5")));
        assert_eq!(read_number("-1 234,5", comma).unwrap(), Some(d("-1234.5")));
        // A decimal point under the comma convention is not a group of three: refused.
        assert!(read_number("1234.5", comma).is_err());
        // And the comma convention's text under the point convention is refused, not 1.2345.
        assert!(parse_amount("1.234,50").is_err());
    }

    #[test]
    fn minus_zero_is_zero() {
        let z = parse_amount("-0").unwrap().unwrap();
        assert!(z.is_zero() && z.is_sign_positive());
        assert_eq!(plain(parse_amount("(0.00)").unwrap().unwrap()), "0");
    }

    #[test]
    fn a_negative_is_a_minus_or_parentheses_not_both() {
        assert_eq!(parse_amount("(1,200)").unwrap(), Some(d("-1200")));
        assert_eq!(parse_amount("\u{2212}5").unwrap(), Some(d("-5")));
        let e = parse_amount("(-200)").unwrap_err();
        assert!(e.to_string().contains("not both"), "{e}");
        assert!(parse_amount("200-").is_err());
    }

    #[test]
    fn decimals_beyond_the_limit_are_refused_where_they_are_typed() {
        let e = parse_amount("0.000000000000000000001").unwrap_err();
        assert!(e.to_string().contains("at most 6"), "{e}");
        // Trailing zeros are not decimal places that matter.
        assert_eq!(parse_amount("1.50000000").unwrap(), Some(d("1.5")));
        assert_eq!(parse_amount("2.50").unwrap().unwrap().scale(), 2);
    }

    #[test]
    fn currency_and_percent_signs_are_refused_with_what_to_do() {
        assert!(parse_amount("$100")
            .unwrap_err()
            .to_string()
            .contains("currency"));
        assert!(parse_amount("15%")
            .unwrap_err()
            .to_string()
            .contains("percent"));
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
