//! Exact arithmetic for rollups.
//!
//! Costs are decimals, but an output marked against three objectives gives each a third, and
//! work-months are twelfths of a post-year. A 28-digit decimal third is not exact and, summed
//! over many outputs, flips half-cent cells. So a rollup is kept as an [`ExactSum`]: a sum of
//! decimals grouped by denominator (`A1/1 + A3/3 + A12/12 ...`). Adding and subtracting keeps
//! it exact, so an incrementally maintained rollup equals a full recomputation bit for bit.
//! Only when a figure is shown is it turned into one fraction ([`Frac`]) and rounded, once,
//! with integer arithmetic.
//!
//! Every operation is checked: an overflow is an [`Overflow`] value, never a panic (the
//! release build aborts on panic, which would kill the page).

use rust_decimal::Decimal;
use std::fmt;

/// An arithmetic result did not fit in a decimal (about 7.9e28) or a denominator in u64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow;

impl fmt::Display for Overflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a figure is too large to calculate exactly (over 7.9e28)")
    }
}

impl std::error::Error for Overflow {}

pub type Exact<T> = Result<T, Overflow>;

pub fn add(a: Decimal, b: Decimal) -> Exact<Decimal> {
    a.checked_add(b).ok_or(Overflow)
}

pub fn sub(a: Decimal, b: Decimal) -> Exact<Decimal> {
    a.checked_sub(b).ok_or(Overflow)
}

pub fn mul(a: Decimal, b: Decimal) -> Exact<Decimal> {
    a.checked_mul(b).ok_or(Overflow)
}

/// A share of a whole: `num / den`, e.g. an X mark among three objectives is `1/3`,
/// an explicit 25 % is `25/100`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    pub num: Decimal,
    pub den: u32,
}

impl Ratio {
    pub const ONE: Ratio = Ratio {
        num: Decimal::ONE,
        den: 1,
    };
}

/// A sum of decimal fractions over small denominators, exact.
///
/// The denominator-1 part is kept apart because almost every figure is whole decimals:
/// those sums never allocate.
#[derive(Clone, Debug, Default)]
pub struct ExactSum {
    whole: Decimal,
    /// (denominator > 1, sum of numerators over that denominator), few entries.
    parts: Vec<(u64, Decimal)>,
}

impl ExactSum {
    pub const ZERO: ExactSum = ExactSum {
        whole: Decimal::ZERO,
        parts: Vec::new(),
    };

    pub fn from_decimal(d: Decimal) -> Self {
        ExactSum {
            whole: d,
            parts: Vec::new(),
        }
    }

    /// Adds `value / den`.
    pub fn add_over(&mut self, value: Decimal, den: u64) -> Exact<()> {
        if den <= 1 {
            self.whole = add(self.whole, value)?;
            return Ok(());
        }
        for (d, a) in self.parts.iter_mut() {
            if *d == den {
                *a = add(*a, value)?;
                return Ok(());
            }
        }
        self.parts.push((den, value));
        Ok(())
    }

    pub fn add_decimal(&mut self, value: Decimal) -> Exact<()> {
        self.whole = add(self.whole, value)?;
        Ok(())
    }

    /// Adds `other * ratio` exactly.
    pub fn add_scaled(&mut self, other: &ExactSum, ratio: Ratio) -> Exact<()> {
        let den = u64::from(ratio.den);
        let scale = |v: Decimal| -> Exact<Decimal> {
            if ratio.num == Decimal::ONE {
                Ok(v)
            } else {
                mul(v, ratio.num)
            }
        };
        self.add_over(scale(other.whole)?, den)?;
        for (d, a) in &other.parts {
            let d2 = d.checked_mul(den).ok_or(Overflow)?;
            self.add_over(scale(*a)?, d2)?;
        }
        Ok(())
    }

    pub fn add_sum(&mut self, other: &ExactSum) -> Exact<()> {
        self.add_scaled(other, Ratio::ONE)
    }

    /// Subtracts `other * ratio` exactly.
    pub fn sub_scaled(&mut self, other: &ExactSum, ratio: Ratio) -> Exact<()> {
        let neg = Ratio {
            num: -ratio.num,
            den: ratio.den,
        };
        self.add_scaled(other, neg)
    }

    /// Is the exact value zero? (`300/1 - 900/3` is, though no part is.)
    pub fn is_zero(&self) -> bool {
        if self.parts.iter().all(|(_, a)| a.is_zero()) {
            return self.whole.is_zero();
        }
        self.to_frac().is_ok_and(|f| f.num.is_zero())
    }

    /// The whole sum as one fraction.
    pub fn to_frac(&self) -> Exact<Frac> {
        let mut den: u64 = 1;
        for (d, a) in &self.parts {
            if !a.is_zero() {
                den = lcm(den, *d).ok_or(Overflow)?;
            }
        }
        let mut num = mul(self.whole, Decimal::from(den))?;
        for (d, a) in &self.parts {
            if !a.is_zero() {
                num = add(num, mul(*a, Decimal::from(den / d))?)?;
            }
        }
        Ok(Frac { num, den })
    }

    /// Rounded once, half away from zero, to `dp` decimals: what a table shows.
    pub fn round(&self, dp: u32) -> Exact<Decimal> {
        self.to_frac()?.round(dp)
    }
}

/// Two sums are equal when their exact values are, whatever their grouping.
impl PartialEq for ExactSum {
    fn eq(&self, other: &Self) -> bool {
        match (self.to_frac(), other.to_frac()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// `num / den`, exact.
#[derive(Clone, Copy, Debug)]
pub struct Frac {
    pub num: Decimal,
    pub den: u64,
}

impl Frac {
    pub fn from_decimal(d: Decimal) -> Self {
        Frac { num: d, den: 1 }
    }

    /// Exact rounding to `dp` decimals, half away from zero, with 128-bit integers:
    /// no intermediate decimal division that could itself round.
    pub fn round(&self, dp: u32) -> Exact<Decimal> {
        if self.den == 1 && self.num.scale() <= dp {
            return Ok(self.num);
        }
        let mantissa = self.num.mantissa(); // value = mantissa / 10^scale
        let scale = self.num.scale();
        // result * 10^dp = mantissa * 10^dp / (10^scale * den)
        let (n, d) = if scale >= dp {
            let d = pow10(scale - dp)?
                .checked_mul(i128::from(self.den))
                .ok_or(Overflow)?;
            (mantissa, d)
        } else {
            let n = mantissa.checked_mul(pow10(dp - scale)?).ok_or(Overflow)?;
            (n, i128::from(self.den))
        };
        let mut q = n / d;
        let r = n % d;
        if r.unsigned_abs() * 2 >= d.unsigned_abs() {
            q += n.signum();
        }
        Decimal::try_from_i128_with_scale(q, dp).map_err(|_| Overflow)
    }

    /// The value as a decimal with 28 significant digits, for ratios and charts where
    /// the last digit does not matter (never for a displayed money total).
    pub fn approx(&self) -> Decimal {
        self.num
            .checked_div(Decimal::from(self.den))
            .unwrap_or(Decimal::MAX)
    }
}

impl PartialEq for Frac {
    fn eq(&self, other: &Self) -> bool {
        let a = self.num.checked_mul(Decimal::from(other.den));
        let b = other.num.checked_mul(Decimal::from(self.den));
        matches!((a, b), (Some(a), Some(b)) if a == b)
    }
}

fn pow10(e: u32) -> Exact<i128> {
    10i128.checked_pow(e).ok_or(Overflow)
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

fn lcm(a: u64, b: u64) -> Option<u64> {
    (a / gcd(a, b)).checked_mul(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn thirds_sum_back_to_the_whole() {
        // 100 split three ways, three times over: a 28-digit third would give 99.99...9.
        let mut s = ExactSum::ZERO;
        for _ in 0..3 {
            s.add_scaled(
                &ExactSum::from_decimal(d("100")),
                Ratio {
                    num: Decimal::ONE,
                    den: 3,
                },
            )
            .unwrap();
        }
        assert_eq!(s.round(2).unwrap(), d("100.00"));
        assert_eq!(s, ExactSum::from_decimal(d("100")));
    }

    #[test]
    fn half_cent_rounds_away_from_zero_exactly() {
        // 0.01 / 2 = 0.005 exactly: rounds to 0.01; -0.005 rounds to -0.01.
        let f = Frac {
            num: d("0.01"),
            den: 2,
        };
        assert_eq!(f.round(2).unwrap(), d("0.01"));
        let f = Frac {
            num: d("-0.01"),
            den: 2,
        };
        assert_eq!(f.round(2).unwrap(), d("-0.01"));
        // 1/3 of 0.01 = 0.00333.. rounds to 0.00
        let f = Frac {
            num: d("0.01"),
            den: 3,
        };
        assert_eq!(f.round(2).unwrap(), d("0.00"));
    }

    #[test]
    fn a_third_of_a_half_cent_tie_is_not_a_tie() {
        // 0.015 / 3 * 3 must be 0.015 -> 0.02, and 0.025 -> 0.03 (away from zero).
        let mut s = ExactSum::ZERO;
        for _ in 0..3 {
            s.add_over(d("0.015"), 3).unwrap();
        }
        assert_eq!(s.round(2).unwrap(), d("0.02"));
        assert_eq!(Frac::from_decimal(d("0.025")).round(2).unwrap(), d("0.03"));
    }

    #[test]
    fn mixed_denominators_combine() {
        let mut s = ExactSum::from_decimal(d("1"));
        s.add_over(d("1"), 3).unwrap();
        s.add_over(d("1"), 12).unwrap();
        // 1 + 1/3 + 1/12 = 17/12 = 1.41666..
        let f = s.to_frac().unwrap();
        assert_eq!(
            f,
            Frac {
                num: d("17"),
                den: 12
            }
        );
        assert_eq!(s.round(2).unwrap(), d("1.42"));
    }

    #[test]
    fn overflow_is_a_value_not_a_panic() {
        let mut s = ExactSum::from_decimal(Decimal::MAX);
        assert_eq!(s.add_decimal(Decimal::ONE), Err(Overflow));
        assert_eq!(mul(Decimal::MAX, d("2")), Err(Overflow));
    }
}
