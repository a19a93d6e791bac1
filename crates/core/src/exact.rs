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

// `rust_decimal`'s checked operations return `None` only when the result's integer part does
// not fit; when its digits pass 28-29 they round it to fewer decimals instead. So each of
// these checks that the result kept every decimal of the exact one (the result's scale is
// the exact result's), and otherwise computes it exactly in 128-bit integers, where a result
// that needs more digits than a decimal has is an `Overflow`, never a rounded number.

pub fn add(a: Decimal, b: Decimal) -> Exact<Decimal> {
    let r = a.checked_add(b).ok_or(Overflow)?;
    if r.scale() == a.scale().max(b.scale()) {
        return Ok(r);
    }
    exact_sum(a, b)
}

pub fn sub(a: Decimal, b: Decimal) -> Exact<Decimal> {
    add(a, -b)
}

pub fn mul(a: Decimal, b: Decimal) -> Exact<Decimal> {
    let r = a.checked_mul(b).ok_or(Overflow)?;
    if r.scale() == a.scale().saturating_add(b.scale()) {
        return Ok(r);
    }
    exact_product(a, b).or_else(|_| exact_product(a.normalize(), b.normalize()))
}

#[cold]
fn exact_sum(a: Decimal, b: Decimal) -> Exact<Decimal> {
    let scale = a.scale().max(b.scale());
    let up = |d: Decimal| scale_up(d.mantissa(), scale.abs_diff(d.scale()));
    let m = up(a)?.checked_add(up(b)?).ok_or(Overflow)?;
    Fixed::raw(m, scale).to_decimal()
}

#[cold]
fn exact_product(a: Decimal, b: Decimal) -> Exact<Decimal> {
    let m = a.mantissa().checked_mul(b.mantissa()).ok_or(Overflow)?;
    Fixed::raw(m, a.scale().saturating_add(b.scale())).to_decimal()
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

/// Sums by denominator (> 1): the first `N` inline, more in a vector. Shared by
/// [`ExactSum`] and [`FixedSum`] so that neither allocates in the usual case.
#[derive(Clone, Debug)]
struct Parts<T, const N: usize> {
    inline: [(u64, T); N],
    len: u8,
    spill: Vec<(u64, T)>,
}

impl<T: Copy, const N: usize> Parts<T, N> {
    const fn new(zero: T) -> Self {
        Parts {
            inline: [(0, zero); N],
            len: 0,
            spill: Vec::new(),
        }
    }

    fn iter(&self) -> impl Iterator<Item = &(u64, T)> {
        self.inline[..usize::from(self.len)]
            .iter()
            .chain(self.spill.iter())
    }

    /// The sum over `den`, made (from `zero`) if there is none yet.
    #[inline]
    fn entry(&mut self, den: u64, zero: T) -> &mut T {
        let used = usize::from(self.len);
        let pos = self.inline[..used].iter().position(|(d, _)| *d == den);
        if let Some(i) = pos {
            return &mut self.inline[i].1;
        }
        if let Some(i) = self.spill.iter().position(|(d, _)| *d == den) {
            return &mut self.spill[i].1;
        }
        if used < N {
            self.inline[used] = (den, zero);
            // used < N <= u8::MAX
            self.len = self.len.saturating_add(1);
            &mut self.inline[used].1
        } else {
            let last = self.spill.len();
            self.spill.push((den, zero));
            &mut self.spill[last].1
        }
    }
}

/// A sum of decimal fractions over small denominators, exact.
///
/// The denominator-1 part is kept apart because almost every figure is whole decimals, and
/// the first two other denominators (twelfths, thirds..) sit inline: such sums never allocate.
#[derive(Clone, Debug)]
pub struct ExactSum {
    whole: Decimal,
    /// (denominator > 1, sum of numerators over that denominator).
    parts: Parts<Decimal, 2>,
}

impl Default for ExactSum {
    fn default() -> Self {
        ExactSum::ZERO
    }
}

impl ExactSum {
    pub const ZERO: ExactSum = ExactSum {
        whole: Decimal::ZERO,
        parts: Parts::new(Decimal::ZERO),
    };

    pub fn from_decimal(d: Decimal) -> Self {
        ExactSum {
            whole: d,
            ..ExactSum::ZERO
        }
    }

    /// `whole + twelfths / 12`.
    pub fn from_twelfths(whole: Decimal, twelfths: Decimal) -> Self {
        let mut s = ExactSum::from_decimal(whole);
        if !twelfths.is_zero() {
            s.parts.inline[0] = (12, twelfths);
            s.parts.len = 1;
        }
        s
    }

    fn parts(&self) -> impl Iterator<Item = &(u64, Decimal)> {
        self.parts.iter()
    }

    /// Adds `value / den`.
    pub fn add_over(&mut self, value: Decimal, den: u64) -> Exact<()> {
        let slot = if den <= 1 {
            &mut self.whole
        } else {
            self.parts.entry(den, Decimal::ZERO)
        };
        *slot = add(*slot, value)?;
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
        for (d, a) in other.parts() {
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
        if self.parts().all(|(_, a)| a.is_zero()) {
            return self.whole.is_zero();
        }
        self.to_frac().is_ok_and(|f| f.num.is_zero())
    }

    /// The whole sum as one fraction.
    pub fn to_frac(&self) -> Exact<Frac> {
        let mut den: u64 = 1;
        for (d, a) in self.parts() {
            if !a.is_zero() {
                den = lcm(den, *d).ok_or(Overflow)?;
            }
        }
        let mut num = mul(self.whole, Decimal::from(den))?;
        for (d, a) in self.parts() {
            if !a.is_zero() {
                num = add(
                    num,
                    mul(*a, Decimal::from(den.checked_div(*d).ok_or(Overflow)?))?,
                )?;
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
            let d = pow10(scale.abs_diff(dp))?
                .checked_mul(i128::from(self.den))
                .ok_or(Overflow)?;
            (mantissa, d)
        } else {
            let n = mantissa
                .checked_mul(pow10(dp.abs_diff(scale))?)
                .ok_or(Overflow)?;
            (n, i128::from(self.den))
        };
        // d >= 1, so neither division can fail; |r| < d, so 2|r| fits a u128.
        let mut q = n.checked_div(d).ok_or(Overflow)?;
        let r = n.checked_rem(d).ok_or(Overflow)?;
        if r.unsigned_abs().saturating_mul(2) >= d.unsigned_abs() {
            q = q.checked_add(n.signum()).ok_or(Overflow)?;
        }
        Decimal::try_from_i128_with_scale(q, dp).map_err(|_| Overflow)
    }
}

impl PartialEq for Frac {
    fn eq(&self, other: &Self) -> bool {
        let a = self.num.checked_mul(Decimal::from(other.den));
        let b = other.num.checked_mul(Decimal::from(self.den));
        matches!((a, b), (Some(a), Some(b)) if a == b)
    }
}

/// An exact running sum in 128-bit fixed point (`m / 10^scale`), for the full
/// recomputation's hot loop: integer adds and multiplies instead of decimal ones, which
/// rescale on every mixed-scale add. Converted to a decimal once, at the end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fixed {
    m: i128,
    scale: u32,
}

impl Fixed {
    /// `m / 10^scale`.
    #[inline(always)]
    pub const fn raw(m: i128, scale: u32) -> Fixed {
        Fixed { m, scale }
    }

    /// `a * b` exactly (`b = None` for 1).
    #[inline(always)]
    pub fn product(a: Decimal, b: Option<Decimal>) -> Exact<Fixed> {
        let Some(b) = b else {
            return Ok(Fixed {
                m: a.mantissa(),
                scale: a.scale(),
            });
        };
        let (x, y) = (a.mantissa(), b.mantissa());
        // Budget figures have small mantissas: an i64 x i64 product cannot overflow i128.
        let m = match (i64::try_from(x), i64::try_from(y)) {
            (Ok(x), Ok(y)) => widening_mul(x, y),
            _ => x.checked_mul(y).ok_or(Overflow)?,
        };
        Ok(Fixed {
            m,
            scale: a.scale().checked_add(b.scale()).ok_or(Overflow)?,
        })
    }

    #[inline(always)]
    pub fn add(&mut self, x: Fixed) -> Exact<()> {
        // A sum's scale only grows, so the usual cases are: same scale, or a smaller one
        // (an amount in cents into a sum of staff costs in tenths of cents).
        let up = if x.scale == self.scale {
            x.m
        } else if x.scale < self.scale {
            scale_up(x.m, self.scale.abs_diff(x.scale))?
        } else {
            return self.add_rescaled(x);
        };
        self.m = self.m.checked_add(up).ok_or(Overflow)?;
        Ok(())
    }

    /// The rare path of [`Fixed::add`]: the sum itself must move to a finer scale.
    #[inline(never)]
    fn add_rescaled(&mut self, x: Fixed) -> Exact<()> {
        self.m = scale_up(self.m, x.scale.abs_diff(self.scale))?;
        self.scale = x.scale;
        self.m = self.m.checked_add(x.m).ok_or(Overflow)?;
        Ok(())
    }

    /// This sum times a decimal, exactly.
    pub fn times(self, d: Decimal) -> Exact<Fixed> {
        Ok(Fixed {
            m: self.m.checked_mul(d.mantissa()).ok_or(Overflow)?,
            scale: self.scale.checked_add(d.scale()).ok_or(Overflow)?,
        })
    }

    pub fn is_zero(&self) -> bool {
        self.m == 0
    }

    /// The sum as a decimal, dropping only trailing zeros (never a significant digit).
    pub fn to_decimal(self) -> Exact<Decimal> {
        // Fast path: the mantissa fits a decimal's 96 bits as it is.
        let u = self.m.unsigned_abs();
        if u < 1u128 << 96 && self.scale <= 28 {
            return Ok(Decimal::from_parts(
                u as u32,
                (u >> 32) as u32,
                (u >> 64) as u32,
                self.m < 0,
                self.scale,
            ));
        }
        let (mut m, mut scale) = (self.m, self.scale);
        while (scale > 28 || m.unsigned_abs() >= 1u128 << 96) && scale > 0 && m % 10 == 0 {
            m /= 10;
            scale = scale.saturating_sub(1); // scale > 0 here
        }
        Decimal::try_from_i128_with_scale(m, scale).map_err(|_| Overflow)
    }
}

/// [`ExactSum`] in fixed point: the full recomputation accumulates in these and converts
/// each to an [`ExactSum`] once. Up to four denominators sit inline.
#[derive(Clone, Debug)]
pub struct FixedSum {
    whole: Fixed,
    parts: Parts<Fixed, 4>,
}

impl Default for FixedSum {
    fn default() -> Self {
        FixedSum {
            whole: Fixed::default(),
            parts: Parts::new(Fixed::default()),
        }
    }
}

impl FixedSum {
    #[inline(always)]
    pub fn add_over(&mut self, x: Fixed, den: u64) -> Exact<()> {
        if den <= 1 {
            return self.whole.add(x);
        }
        self.add_part(x, den)
    }

    #[inline]
    fn add_part(&mut self, x: Fixed, den: u64) -> Exact<()> {
        self.parts.entry(den, Fixed::default()).add(x)
    }

    fn parts(&self) -> impl Iterator<Item = &(u64, Fixed)> {
        self.parts.iter()
    }

    pub fn is_zero(&self) -> bool {
        self.whole.is_zero() && self.parts().all(|(_, a)| a.is_zero())
    }

    /// Adds `other * ratio`, exactly.
    pub fn add_scaled(&mut self, other: &FixedSum, ratio: Ratio) -> Exact<()> {
        let den = u64::from(ratio.den);
        let scale = |x: Fixed| {
            if ratio.num == Decimal::ONE {
                Ok(x)
            } else {
                x.times(ratio.num)
            }
        };
        self.add_over(scale(other.whole)?, den)?;
        for (d, a) in other.parts() {
            self.add_over(scale(*a)?, d.checked_mul(den).ok_or(Overflow)?)?;
        }
        Ok(())
    }

    pub fn to_exact(&self) -> Exact<ExactSum> {
        let mut s = ExactSum::from_decimal(self.whole.to_decimal()?);
        for (d, a) in self.parts() {
            if !a.is_zero() {
                s.add_over(a.to_decimal()?, *d)?;
            }
        }
        Ok(s)
    }
}

/// `a * b` in 128 bits: the product of two 64-bit numbers always fits, so this is the
/// one multiplication in the core that needs no check (and is one instruction).
#[inline(always)]
#[allow(clippy::arithmetic_side_effects)]
pub fn widening_mul(a: i64, b: i64) -> i128 {
    i128::from(a) * i128::from(b)
}

/// `m * 10^e`, with a widening 64 x 64 -> 128-bit multiply when both fit (almost always),
/// which is one instruction instead of a checked 128-bit multiply.
#[inline(always)]
fn scale_up(m: i128, e: u32) -> Exact<i128> {
    let p = pow10(e)?;
    match (i64::try_from(m), i64::try_from(p)) {
        (Ok(a), Ok(b)) => Ok(widening_mul(a, b)),
        _ => m.checked_mul(p).ok_or(Overflow),
    }
}

/// Whole-year costs and work-month twelfths, the only two denominators a cell cost has:
/// the full recomputation's per-output and per-category accumulator (no allocation).
#[derive(Clone, Copy, Debug, Default)]
pub struct Twelfths {
    pub whole: Fixed,
    pub twelfths: Fixed,
}

impl Twelfths {
    #[inline(always)]
    pub fn add(&mut self, x: Fixed, twelfths: bool) -> Exact<()> {
        if twelfths {
            self.twelfths.add(x)
        } else {
            self.whole.add(x)
        }
    }

    pub fn is_zero(&self) -> bool {
        self.whole.is_zero() && self.twelfths.is_zero()
    }

    pub fn to_exact(&self) -> Exact<ExactSum> {
        let mut s = ExactSum::from_decimal(self.whole.to_decimal()?);
        if !self.twelfths.is_zero() {
            s.add_over(self.twelfths.to_decimal()?, 12)?;
        }
        Ok(s)
    }
}

impl FixedSum {
    /// Adds a [`Twelfths`] times `ratio`, exactly.
    #[inline]
    pub fn add_twelfths(&mut self, t: &Twelfths, ratio: Ratio) -> Exact<()> {
        let den = u64::from(ratio.den);
        let scale = |x: Fixed| {
            if ratio.num == Decimal::ONE {
                Ok(x)
            } else {
                x.times(ratio.num)
            }
        };
        if !t.whole.is_zero() {
            self.add_over(scale(t.whole)?, den)?;
        }
        if !t.twelfths.is_zero() {
            self.add_over(scale(t.twelfths)?, 12 * den)?;
        }
        Ok(())
    }
}

/// 10^e for e up to 38, from a table (this sits in the hot loop).
#[inline(always)]
fn pow10(e: u32) -> Exact<i128> {
    const TABLE: [i128; 39] = {
        let mut t = [1i128; 39];
        let mut i = 1;
        while i < 39 {
            t[i] = t[i - 1] * 10;
            i += 1;
        }
        t
    };
    TABLE.get(e as usize).copied().ok_or(Overflow)
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let t = a.checked_rem(b).unwrap_or(0); // b != 0 here
        a = b;
        b = t;
    }
    a
}

fn lcm(a: u64, b: u64) -> Option<u64> {
    a.checked_div(gcd(a, b))?.checked_mul(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn products_and_sums_are_exact_or_refused_never_rounded() {
        // 2,642,125,685,856.704641 x 42,649.029987 needs 30 digits: rust_decimal alone
        // gives -112684097605525538.01901106967, the last decimal rounded away.
        let (a, b) = (d("-2642125685856.704641"), d("42649.029987"));
        assert_eq!(mul(a, b), Err(Overflow));
        // The same digits with trailing zeros to drop: exact.
        assert_eq!(
            mul(d("1000000000000.000000"), d("3.0000000000000000000000")),
            Ok(d("3000000000000"))
        );
        assert_eq!(mul(d("1.5"), d("2.25")), Ok(d("3.375")));
        // 7.9e27 + 0.05 needs 30 digits: refused, not rounded to 7.9e27 + 0.1.
        let big = d("7922816251426433759354395033");
        assert_eq!(add(big, d("0.05")), Err(Overflow));
        assert_eq!(sub(big, d("0.05")), Err(Overflow));
        assert_eq!(add(big, d("2.0")), Ok(d("7922816251426433759354395035")));
        assert_eq!(add(d("1.50"), d("2.5")), Ok(d("4.00")));
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
    fn fixed_point_sums_equal_decimal_sums() {
        let mut f = Fixed::default();
        f.add(Fixed::product(d("1.5"), Some(d("221000.25"))).unwrap())
            .unwrap(); // scale 3
        f.add(Fixed::product(d("0.01"), None).unwrap()).unwrap(); // scale 2 into scale 3
        f.add(Fixed::product(d("7"), None).unwrap()).unwrap();
        assert_eq!(
            f.to_decimal().unwrap(),
            d("331500.375") + d("0.01") + d("7")
        );
        assert!(Fixed::product(Decimal::MAX, Some(Decimal::MAX)).is_err());
        let mut big = Fixed::default();
        big.add(Fixed::product(Decimal::MAX, None).unwrap())
            .unwrap();
        big.add(Fixed::product(Decimal::MAX, None).unwrap())
            .unwrap();
        assert_eq!(big.to_decimal(), Err(Overflow));
        // A third of a fixed sum, converted, equals the decimal third.
        let mut t = FixedSum::default();
        let mut one = FixedSum::default();
        one.add_over(Fixed::product(d("100"), None).unwrap(), 1)
            .unwrap();
        t.add_scaled(
            &one,
            Ratio {
                num: Decimal::ONE,
                den: 3,
            },
        )
        .unwrap();
        let mut e = ExactSum::ZERO;
        e.add_over(d("100"), 3).unwrap();
        assert_eq!(t.to_exact().unwrap(), e);
    }

    #[test]
    fn overflow_is_a_value_not_a_panic() {
        let mut s = ExactSum::from_decimal(Decimal::MAX);
        assert_eq!(s.add_decimal(Decimal::ONE), Err(Overflow));
        assert_eq!(mul(Decimal::MAX, d("2")), Err(Overflow));
    }
}
