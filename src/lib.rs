//! Rollplan's web app: a thin Yew layer over [`rollplan_core`].
//!
//! The app renders the core's sheets and reports and turns what the user does into the
//! core's edits; side effects (storage, files, the clock, the address bar) live here, at
//! the edge. See ARCHITECTURE.md for the layers and their invariants.

pub mod ui;
