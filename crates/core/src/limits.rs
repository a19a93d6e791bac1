//! Rollplan's limits, stated once. Typing, pasting, files, share links, the browser's
//! library and imports all apply these same numbers, and each refuses what is past them
//! where it enters, with the place, so no later step (an undo, a full recomputation, an
//! export) can fail on it.

use rust_decimal::Decimal;

/// The largest magnitude a figure may have. Far above any budget, and sums of millions of
/// such figures stay far below decimal overflow; a product (posts at a standard cost) can
/// still pass it, which the calculation checks at every step and refuses.
pub fn max_amount() -> Decimal {
    Decimal::from(1_000_000_000_000_000i64)
}

/// The most decimal places a figure keeps.
pub const MAX_DECIMALS: u32 = 6;

/// The most years a plan covers (a rolling plan has four; long-range plans a few dozen).
pub const MAX_YEARS: usize = 50;

/// The most per-year figures of resource lines a plan may hold (the generated benchmark
/// plan has 200,000).
pub const MAX_CELLS: usize = 10_000_000;

/// The most figure changes a plan's history keeps; past it the oldest records go, and the
/// history says from when it is complete. About 80 MB of file: years of whole-plan
/// adjustments of the 200,000-cell plan.
pub const MAX_HISTORY_FIGURES: usize = 1_000_000;

/// The longest note, in characters: a paragraph or two of explanation, not a document.
pub const MAX_NOTE_CHARS: usize = 4_000;

/// The longest calculation typed into a cell, in characters.
pub const MAX_EXPRESSION_CHARS: usize = 500;

/// The largest CSV file read, before parsing.
pub const MAX_CSV_BYTES: usize = 64 * 1024 * 1024;

/// The most data rows read from a CSV.
pub const MAX_CSV_ROWS: usize = 1_000_000;

/// The longest share-link fragment produced: far below browsers' limits (Chrome takes
/// 2 MB), within what mail and chat clients pass through intact.
pub const MAX_LINK_CHARS: usize = 60_000;

/// The largest plan file a share link may inflate to.
pub const MAX_LINK_PLAN_BYTES: usize = 64 * 1024 * 1024;

/// The position of `(row, col)` in a row-major table `width` wide (the engine's rollups,
/// the standard costs by grade and year). Tables are bounded by [`MAX_CELLS`], far below
/// `usize::MAX`; saturating rather than wrapping means even an impossible overflow gives a
/// position out of range (refused by `get`), never another cell's.
pub fn at(row: usize, width: usize, col: usize) -> usize {
    row.saturating_mul(width).saturating_add(col)
}

/// The positions of row `row` of a row-major table `width` wide (see [`at`]).
pub fn span(row: usize, width: usize) -> std::ops::Range<usize> {
    at(row, width, 0)..at(row.saturating_add(1), width, 0)
}

/// The number of cells of a row-major table of `rows` rows `width` wide (see [`at`]).
pub fn cells(rows: usize, width: usize) -> usize {
    rows.saturating_mul(width)
}
