//! Rollplan: a spreadsheet-style plan modeller for results-based budgeting.
//!
//! - [`core`]: the plan model, exact calculation, edits with undo, validation (pure Rust).
//! - [`io`]: file formats (pure Rust).
//! - [`cli`]: the `rollplan` command line over the core.
//! - [`ui`]: the Yew web app, a thin layer that calls the core.
//!
//! See ARCHITECTURE.md for the invariants that keep these apart.

pub mod cli;
pub mod core;
pub mod io;
pub mod ui;
