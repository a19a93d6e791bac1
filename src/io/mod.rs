//! File formats, pure: text in, plan or typed error out, and back.
//!
//! Like the core, nothing here touches the browser: reading a file from disk or a file
//! picker is the caller's business; these functions take and give strings.

pub mod csv;
pub mod json;
