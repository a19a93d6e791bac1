//! Rollplan's limits, stated once. Typing, pasting, files, share links, the browser's
//! library and imports all apply these same numbers, and each refuses what is past them
//! where it enters, with the place, so no later step (an undo, a full recomputation, an
//! export) can fail on it.

use rust_decimal::Decimal;

/// The largest magnitude a figure may have. Far above any budget, far below decimal
/// overflow even after multiplying by a standard cost and summing millions of cells.
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

/// The largest CSV file read, before parsing.
pub const MAX_CSV_BYTES: usize = 64 * 1024 * 1024;

/// The most data rows read from a CSV.
pub const MAX_CSV_ROWS: usize = 1_000_000;

/// The longest share-link fragment produced: far below browsers' limits (Chrome takes
/// 2 MB), within what mail and chat clients pass through intact.
pub const MAX_LINK_CHARS: usize = 60_000;

/// The largest plan file a share link may inflate to.
pub const MAX_LINK_PLAN_BYTES: usize = 64 * 1024 * 1024;
