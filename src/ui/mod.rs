//! The Yew web app: a thin layer over the core.
//!
//! [`state`] holds the one reducer: every user action becomes an [`state::Action`], and every
//! change to the plan goes through [`rollplan_core::edit`]. Components (one per file in
//! [`components`]) read the state and dispatch actions; they compute nothing themselves.

pub mod app;
pub mod components;
pub mod crash;
pub mod files;
pub mod idb;
pub mod state;
pub mod storage;
pub mod workbook;
