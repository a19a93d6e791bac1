//! Rollplan's pure core: plan model, exact calculation, edits, document and history,
//! reports, sheets as data, file formats.
//!
//! Nothing here touches the browser or the machine: no web crates, no clock, no storage,
//! no files. Callers pass bytes, text and "now" in. That keeps it fast to test natively and
//! shared by the web app and the command line alike.
//!
//! Modules depend one way (ARCHITECTURE.md; `tests/layers.rs` checks it):
//! `limits`, `exact`, `numfmt` <- `model` <- `calc` <- `edit` <- `document` <- `sheet`;
//! `reports` read `calc` and `model`; `io` reads and writes plans; `example` and
//! `generate` build plans.

// Arithmetic that can overflow is checked everywhere in the core: a figure too large is an
// error with its place, never a panic or a wrapped number.
#![deny(clippy::arithmetic_side_effects)]

pub mod calc;
pub mod document;
pub mod edit;
pub mod exact;
pub mod example;
pub mod expr;
pub mod gate;
pub mod generate;
pub mod io;
pub mod limits;
pub mod model;
pub mod numfmt;
pub mod order;
pub mod reports;
pub mod sheet;

pub use calc::{Dim, Engine};
pub use document::Document;
pub use edit::{Edit, EditError};
pub use model::*;
