//! Share links: a whole plan in a URL fragment.
//!
//! The fragment is `#plan=rp1.<data>`, where `<data>` is the plan file of [`super::json`]
//! compressed with raw DEFLATE and written in URL-safe base64 without padding. The part
//! after `#` is never sent to a server, so the plan stays on the machines of the people who
//! share it. `rp1` versions the encoding (not the plan: the plan file inside carries its own
//! version, so a link from a newer Rollplan is refused the same way a newer file is).
//!
//! Links have a size limit ([`MAX_LINK_CHARS`]): beyond it, mail and chat clients cut them
//! and browsers slow down, so a larger plan gets [`ShareError::TooBig`], which says to share
//! a file instead. Decoding never inflates beyond [`MAX_PLAN_BYTES`], so a hostile link
//! cannot exhaust memory.

use super::json::{self, LoadError};
use crate::model::Plan;
use std::fmt;

/// What comes after `#` in a share link, before the data.
pub const PREFIX: &str = "plan=rp1.";
pub use crate::limits::{MAX_LINK_CHARS, MAX_LINK_PLAN_BYTES as MAX_PLAN_BYTES};

#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// The plan compresses to more than a link should carry.
    TooBig { chars: usize, limit: usize },
    /// The fragment is not a Rollplan share link (another app's, or hand-edited).
    NotALink,
    /// A character that is not URL-safe base64, at this position of the data.
    BadCharacter { position: usize },
    /// The data does not inflate: the link was cut short or altered.
    Damaged,
    /// It inflates beyond [`MAX_PLAN_BYTES`].
    TooLarge,
    /// The plan file inside could not be read (e.g. from a newer Rollplan).
    Plan(LoadError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooBig { chars, limit } => write!(
                f,
                "this plan is too big for a link ({chars} characters; links are kept under \
                 {limit}): save it as a file and share the file instead"
            ),
            ShareError::NotALink => f.write_str("the link does not contain a Rollplan plan"),
            ShareError::BadCharacter { position } => write!(
                f,
                "the link is damaged: an unexpected character at position {position} of its data"
            ),
            ShareError::Damaged => f.write_str(
                "the link is damaged or cut short: ask for it again, or for the plan as a file",
            ),
            ShareError::TooLarge => write!(
                f,
                "the link unpacks to more than {} MiB, more than any plan",
                MAX_PLAN_BYTES / (1024 * 1024)
            ),
            ShareError::Plan(e) => write!(f, "the plan in the link cannot be opened: {e}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The fragment (without `#`) that carries `plan`: the plan with its notes and kept
/// calculations, not its history, which only grows (a file carries that).
pub fn encode(plan: &Plan) -> Result<String, ShareError> {
    let file = if plan.history.is_empty() {
        json::save(plan)
    } else {
        let mut shared = plan.clone();
        shared.history = Default::default();
        json::save(&shared)
    };
    let packed = miniz_oxide::deflate::compress_to_vec(file.as_bytes(), 9);
    let chars = PREFIX
        .len()
        .saturating_add(packed.len().div_ceil(3).saturating_mul(4));
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::TooBig {
            chars,
            limit: MAX_LINK_CHARS,
        });
    }
    let mut out = String::with_capacity(chars);
    out.push_str(PREFIX);
    base64url_encode(&packed, &mut out);
    Ok(out)
}

/// The plan in a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<Plan, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let data = fragment.strip_prefix(PREFIX).ok_or(ShareError::NotALink)?;
    let packed = base64url_decode(data)?;
    let file = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_PLAN_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::Damaged,
        })?;
    let text = String::from_utf8(file).map_err(|_| ShareError::Damaged)?;
    json::load(&text).map_err(ShareError::Plan)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Base64 works on bytes and 6-bit groups: every value below is under 2^24, and `bits`
// stays under 14, so plain arithmetic cannot overflow in either direction.
#[allow(clippy::arithmetic_side_effects)]
fn base64url_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let keep = chunk.len().saturating_add(1);
        for k in 0..keep {
            let six = ((n >> (18 - 6 * k)) & 63) as usize; // under 64: always in ALPHABET
            out.push(char::from(ALPHABET.get(six).copied().unwrap_or(b'A')));
        }
    }
}

#[allow(clippy::arithmetic_side_effects)]
fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for (position, ch) in text.bytes().enumerate() {
        let v = match ch {
            b'A'..=b'Z' => ch - b'A',
            b'a'..=b'z' => ch - b'a' + 26,
            b'0'..=b'9' => ch - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            // Padding some tools add back is harmless.
            b'=' => continue,
            _ => return Err(ShareError::BadCharacter { position }),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}
