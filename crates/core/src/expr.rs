//! Calculator input: a cell entry that starts with `=` is arithmetic (`=12*4500`,
//! `=(420000+35000)*1.5%`), worked out exactly and stored as its value, the text kept beside
//! the cell so it can be seen and edited again. Not a formula language: numbers, `+ - * /`,
//! parentheses and a `%` after a number or a bracket (which divides it by 100), nothing that
//! refers to another cell.
//!
//! Values are exact fractions of 128-bit integers, so `=100/3*3` is 100, never
//! 99.99999…; the result must be a figure Rollplan can keep (at most [`MAX_DECIMALS`]
//! decimals, within [`max_amount`]), otherwise the entry is refused with the reason and the
//! nearest figure that could be typed instead. Numbers inside are read by the one number
//! reader ([`parse_amount`]), so `1,234.5` means what it means in a cell and `2,5` is refused.

// Reads what users type: no index or slice of it may panic.
#![deny(clippy::indexing_slicing)]

use crate::limits::{max_amount, MAX_DECIMALS};
use crate::numfmt::{format_amount, parse_amount, plain};
use rust_decimal::Decimal;
use std::fmt;

/// Why an entry is not a usable expression: what is wrong and where (a character position
/// counted from 1, after the `=`), for the message left beside the cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub at: Option<usize>,
    pub reason: String,
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{} (at character {at} after =)", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for ExprError {}

/// Whether typed text is an expression: it starts with `=` (spaces before it allowed).
pub fn is_expression(text: &str) -> bool {
    text.trim_start().starts_with('=')
}

/// Works out an expression (with or without its leading `=`) to the figure it gives.
pub fn evaluate(text: &str) -> Result<Decimal, ExprError> {
    let body = text.trim_start();
    let body = body.strip_prefix('=').unwrap_or(body);
    let tokens = tokenize(body)?;
    if tokens.is_empty() {
        return Err(ExprError {
            at: None,
            reason: "type a calculation after =, such as =12*4500".into(),
        });
    }
    let mut p = Parser {
        tokens: &tokens,
        next: 0,
    };
    let value = p.sum()?;
    if let Some(t) = p.peek() {
        return Err(ExprError {
            at: Some(t.at),
            reason: match t.tok {
                Tok::Close => "a closing bracket has no opening one".into(),
                _ => "an operator (+ - * /) is missing here".into(),
            },
        });
    }
    value.to_figure()
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok {
    Num(Q),
    Plus,
    Minus,
    Times,
    Divide,
    Percent,
    Open,
    Close,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    tok: Tok,
    /// 1-based character position.
    at: usize,
}

fn tokenize(body: &str) -> Result<Vec<Token>, ExprError> {
    let chars: Vec<char> = body.chars().collect();
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(&c) = chars.get(i) {
        let at = i.saturating_add(1);
        let simple = match c {
            '+' => Some(Tok::Plus),
            '-' | '\u{2212}' => Some(Tok::Minus),
            '*' | '\u{d7}' => Some(Tok::Times),
            '/' | '\u{f7}' => Some(Tok::Divide),
            '%' => Some(Tok::Percent),
            '(' => Some(Tok::Open),
            ')' => Some(Tok::Close),
            _ => None,
        };
        if let Some(tok) = simple {
            out.push(Token { tok, at });
            i = i.saturating_add(1);
            continue;
        }
        if c.is_whitespace() {
            i = i.saturating_add(1);
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            // A number: digits with its decimal point and group separators, read by the
            // one number reader so it means what it means typed into a cell.
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '\u{2019}'))
            {
                i = i.saturating_add(1);
            }
            let text: String = chars.get(start..i).unwrap_or_default().iter().collect();
            let value = parse_amount(&text)
                .map_err(|e| ExprError {
                    at: Some(at),
                    reason: e.to_string(),
                })?
                .unwrap_or_default();
            out.push(Token {
                tok: Tok::Num(Q::from_decimal(value).ok_or_else(too_large)?),
                at,
            });
            continue;
        }
        return Err(ExprError {
            at: Some(at),
            reason: format!(
                "\u{201c}{c}\u{201d} cannot be used: a calculation has numbers, + - * /, brackets and %"
            ),
        });
    }
    Ok(out)
}

struct Parser<'a> {
    tokens: &'a [Token],
    next: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.next).copied()
    }

    fn bump(&mut self) -> Option<Token> {
        let t = self.peek();
        if t.is_some() {
            self.next = self.next.saturating_add(1);
        }
        t
    }

    /// Where the text ends, for "missing a number at the end".
    fn end(&self) -> usize {
        self.tokens.last().map_or(1, |t| t.at.saturating_add(1))
    }

    fn sum(&mut self) -> Result<Q, ExprError> {
        let mut acc = self.product()?;
        while let Some(t) = self.peek() {
            let op = match t.tok {
                Tok::Plus => Q::add,
                Tok::Minus => Q::sub,
                _ => break,
            };
            self.bump();
            let rhs = self.product()?;
            acc = op(acc, rhs).ok_or_else(too_large)?;
        }
        Ok(acc)
    }

    fn product(&mut self) -> Result<Q, ExprError> {
        let mut acc = self.unary()?;
        while let Some(t) = self.peek() {
            match t.tok {
                Tok::Times => {
                    self.bump();
                    let rhs = self.unary()?;
                    acc = acc.mul(rhs).ok_or_else(too_large)?;
                }
                Tok::Divide => {
                    self.bump();
                    let rhs = self.unary()?;
                    if rhs.num == 0 {
                        return Err(ExprError {
                            at: Some(t.at),
                            reason: "division by zero".into(),
                        });
                    }
                    acc = acc.div(rhs).ok_or_else(too_large)?;
                }
                _ => break,
            }
        }
        Ok(acc)
    }

    fn unary(&mut self) -> Result<Q, ExprError> {
        match self.peek().map(|t| t.tok) {
            Some(Tok::Minus) => {
                self.bump();
                self.unary()?.neg().ok_or_else(too_large)
            }
            Some(Tok::Plus) => {
                self.bump();
                self.unary()
            }
            _ => self.postfix(),
        }
    }

    fn postfix(&mut self) -> Result<Q, ExprError> {
        let mut v = self.primary()?;
        while self.peek().is_some_and(|t| t.tok == Tok::Percent) {
            self.bump();
            v = v.div(Q::int(100)).ok_or_else(too_large)?;
        }
        Ok(v)
    }

    fn primary(&mut self) -> Result<Q, ExprError> {
        let Some(t) = self.bump() else {
            return Err(ExprError {
                at: Some(self.end()),
                reason: "a number is missing at the end".into(),
            });
        };
        match t.tok {
            Tok::Num(q) => Ok(q),
            Tok::Open => {
                let v = self.sum()?;
                match self.bump() {
                    Some(Token {
                        tok: Tok::Close, ..
                    }) => Ok(v),
                    Some(other) => Err(ExprError {
                        at: Some(other.at),
                        reason: "an operator (+ - * /) or a closing bracket is missing here".into(),
                    }),
                    None => Err(ExprError {
                        at: Some(t.at),
                        reason: "this bracket is never closed".into(),
                    }),
                }
            }
            Tok::Close => Err(ExprError {
                at: Some(t.at),
                reason: "a number is missing before this bracket".into(),
            }),
            Tok::Percent => Err(ExprError {
                at: Some(t.at),
                reason: "% goes after a number, as in 15%".into(),
            }),
            Tok::Plus | Tok::Minus | Tok::Times | Tok::Divide => Err(ExprError {
                at: Some(t.at),
                reason: "a number is missing before this operator".into(),
            }),
        }
    }
}

fn too_large() -> ExprError {
    ExprError {
        at: None,
        reason: "the calculation is too large to work out exactly".into(),
    }
}

/// An exact fraction `num / den`, `den > 0`, in lowest terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Q {
    num: i128,
    den: i128,
}

impl Q {
    fn int(n: i128) -> Q {
        Q { num: n, den: 1 }
    }

    fn from_decimal(d: Decimal) -> Option<Q> {
        let den = 10i128.checked_pow(d.scale())?;
        Q::new(d.mantissa(), den)
    }

    fn new(num: i128, den: i128) -> Option<Q> {
        if den == 0 {
            return None;
        }
        let g = gcd(num.unsigned_abs(), den.unsigned_abs());
        let g = i128::try_from(g).ok()?.max(1);
        let (mut num, mut den) = (num.checked_div(g)?, den.checked_div(g)?);
        if den < 0 {
            num = num.checked_neg()?;
            den = den.checked_neg()?;
        }
        Some(Q { num, den })
    }

    fn add(self, o: Q) -> Option<Q> {
        let num = self
            .num
            .checked_mul(o.den)?
            .checked_add(o.num.checked_mul(self.den)?)?;
        Q::new(num, self.den.checked_mul(o.den)?)
    }

    fn sub(self, o: Q) -> Option<Q> {
        self.add(o.neg()?)
    }

    fn neg(self) -> Option<Q> {
        Some(Q {
            num: self.num.checked_neg()?,
            den: self.den,
        })
    }

    fn mul(self, o: Q) -> Option<Q> {
        // Cross-reduce first, so products of many figures stay within 128 bits longer.
        let g1 = i128::try_from(gcd(self.num.unsigned_abs(), o.den.unsigned_abs()))
            .ok()?
            .max(1);
        let g2 = i128::try_from(gcd(o.num.unsigned_abs(), self.den.unsigned_abs()))
            .ok()?
            .max(1);
        let num = self
            .num
            .checked_div(g1)?
            .checked_mul(o.num.checked_div(g2)?)?;
        let den = self
            .den
            .checked_div(g2)?
            .checked_mul(o.den.checked_div(g1)?)?;
        Q::new(num, den)
    }

    fn div(self, o: Q) -> Option<Q> {
        self.mul(Q::new(o.den, o.num)?)
    }

    /// The figure this value is, if Rollplan can keep it exactly.
    fn to_figure(self) -> Result<Decimal, ExprError> {
        // Exact as a decimal of at most MAX_DECIMALS places: den divides 10^MAX_DECIMALS.
        let unit = 10i128.pow(MAX_DECIMALS);
        let exact = unit.checked_rem(self.den) == Some(0);
        let scaled = self
            .num
            .checked_mul(unit.checked_div(self.den).unwrap_or(0))
            .filter(|_| exact);
        let value = scaled.and_then(|m| Decimal::try_from_i128_with_scale(m, MAX_DECIMALS).ok());
        match value {
            Some(v) if v.abs() <= max_amount() => Ok(v.normalize()),
            Some(v) => Err(ExprError {
                at: None,
                reason: format!(
                    "the result, {}, is larger than 10^15, the largest amount Rollplan accepts",
                    format_amount(v, 0)
                ),
            }),
            None => {
                // Not a decimal of six places (a third, say): say what it is and what the
                // nearest figure that can be typed is, rather than round without a word.
                let near = self.round(2);
                let reason = match near {
                    Some(n) if n.abs() <= max_amount() => format!(
                        "the result is not a figure of at most {MAX_DECIMALS} decimals (it is about {}); round it, for example ={}",
                        format_amount(n, 2),
                        plain(n)
                    ),
                    _ => "the result is too large to keep".into(),
                };
                Err(ExprError { at: None, reason })
            }
        }
    }

    /// Rounded half away from zero to `dp` decimals.
    fn round(self, dp: u32) -> Option<Decimal> {
        let scale = 10i128.checked_pow(dp)?;
        let n = self.num.checked_mul(scale)?;
        let mut q = n.checked_div(self.den)?;
        let r = n.checked_rem(self.den)?;
        if r.unsigned_abs().checked_mul(2)? >= self.den.unsigned_abs() {
            q = q.checked_add(n.signum())?;
        }
        Decimal::try_from_i128_with_scale(q, dp).ok()
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let t = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = t;
    }
    a
}
