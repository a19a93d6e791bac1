//! Reports: what the plan says, read from the engine and the model, never changing either.
//!
//! - [`chart`]: round axis ticks and the few segments a stacked chart draws.
//! - [`compare`]: the baseline and scenarios side by side.
//! - [`statement`]: a proposal's financial implications.
//! - [`results`]: KPIs' status, risks' severity, each objective's cost beside its results.
//! - [`validate`]: findings with a location and a message a user can act on.

pub mod chart;
pub mod compare;
pub mod results;
pub mod statement;
pub mod validate;
