//! The pure core: plan model, calculation, edits, validation.
//!
//! Nothing here touches the browser: no web crates, no clock, no storage. That keeps it fast
//! to test natively and reusable from the command line.

pub mod calc;
pub mod edit;
pub mod exact;
pub mod example;
pub mod generate;
pub mod grid;
pub mod model;
pub mod numfmt;
pub mod proposal;
pub mod results;
pub mod scenario;
pub mod validate;

pub use calc::{Dim, Engine};
pub use edit::{Document, Edit, EditError};
pub use model::*;
