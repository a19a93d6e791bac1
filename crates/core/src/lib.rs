//! Rollplan's pure core: plan model, exact calculation, edits, document and history,
//! reports, sheets as data, file formats.
//!
//! Nothing here touches the browser or the machine: no web crates, no clock, no storage,
//! no files. Callers pass bytes, text and "now" in. That keeps it fast to test natively and
//! shared by the web app and the command line alike.

pub mod calc;
pub mod edit;
pub mod exact;
pub mod example;
pub mod generate;
pub mod grid;
pub mod io;
pub mod model;
pub mod numfmt;
pub mod proposal;
pub mod results;
pub mod scenario;
pub mod validate;

pub use calc::{Dim, Engine};
pub use edit::{Document, Edit, EditError};
pub use model::*;
