//! A decimal in a plan file: written as a string (`"1234.50"`), so no figure passes through
//! binary floating point and the scale typed is kept. Read from a string, or from a JSON
//! integer (exact); a JSON number with a fraction or an exponent would have passed through
//! `f64` on its way here (`12345678901234567.89` reads as `12345678901234568`), so it is
//! refused, and the error carries the line and column.

use super::conv::{Freeze, Thaw};
use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dec(pub Decimal);

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

struct DecVisitor;

impl Visitor<'_> for DecVisitor {
    type Value = Dec;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal written as a string, such as \"1234.50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
        Decimal::from_str(v)
            .or_else(|_| Decimal::from_scientific(v))
            .map(Dec)
            .map_err(|_| E::custom(format!("\u{201c}{v}\u{201d} is not a decimal number")))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
        Ok(Dec(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
        Ok(Dec(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
        Err(E::custom(format!(
            "the number {v} is written without quotes, so it may not be exact; write decimals as strings, such as \"1234.50\""
        )))
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        d.deserialize_any(DecVisitor)
    }
}

impl Thaw<Decimal> for Dec {
    fn thaw(self) -> Decimal {
        self.0
    }
}

impl Freeze<Dec> for Decimal {
    fn freeze(&self) -> Dec {
        Dec(*self)
    }
}
