//! The Rollplan JSON file: `{"format": "rollplan", "version": N, "plan": {...}}`.
//!
//! Self-describing: a reader can tell our file from any other JSON, and which version wrote
//! it. Decimals are strings (`"1234.50"`), so no figure passes through binary floating point
//! and the scale a user typed is kept. Loading checks the format, refuses a file newer than
//! this build with a clear message, upgrades older versions one step at a time
//! ([`UPGRADES`]), and only then reads the plan, with errors that give line and column.
//!
//! Each file version has its module: [`v3`] is the current schema, frozen: version 2's plan
//! ([`v2`], its own types, converted field by field to and from the live model) with the
//! notes, kept calculations and history beside it. [`v1`] and [`v3::to_v3`] are the steps
//! up from versions 1 and 2. A change to the model is a new version beside them, never an
//! edit of what an existing version means.

mod conv;
mod dec;
pub mod v1;
pub mod v2;
pub mod v3;

use crate::model::Plan;
use crate::reports::validate::Finding;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

pub const FORMAT: &str = "rollplan";
/// The version this build writes and the newest it reads.
pub const VERSION: u64 = 3;

/// Upgrade steps: `UPGRADES[i]` turns a version `i + 1` document into version `i + 2`.
/// Version 2 added scenarios and proposals, version 3 notes, kept calculations and the
/// history: an older reader would drop them silently, so a file with them says it is newer.
pub const UPGRADES: &[Upgrade] = &[v1::to_v2, v3::to_v3];

/// One upgrade step: a document of version N in, version N + 1 out, or why not.
pub type Upgrade = fn(Value) -> Result<Value, String>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON at all (or truncated).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a Rollplan file.
    NotRollplan { found: String },
    /// Written by a newer Rollplan than this one.
    TooNew { version: u64 },
    /// An older version whose upgrade failed.
    Upgrade { from: u64, message: String },
    /// A plan that reads, but whose shape is broken or whose figures are past Rollplan's
    /// limits: each finding says where. Such a plan is never handed on.
    Refused { findings: Vec<Finding> },
    /// A Rollplan file whose content does not fit the format.
    Invalid {
        line: usize,
        column: usize,
        message: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Syntax { line, column, message } => write!(
                f,
                "line {line}, column {column}: this is not valid JSON ({message}); the file may be truncated or not a plan"
            ),
            LoadError::NotRollplan { found } => write!(
                f,
                "this is not a Rollplan plan file ({found}); open a file saved by Rollplan, or import a CSV"
            ),
            LoadError::TooNew { version } => write!(
                f,
                "this plan was saved by a newer Rollplan (file version {version}; this one reads up to {VERSION}); update Rollplan to open it"
            ),
            LoadError::Upgrade { from, message } => write!(
                f,
                "this plan is from an older Rollplan (file version {from}) and could not be upgraded: {message}"
            ),
            LoadError::Refused { findings } => write!(
                f,
                "the plan in this file is inconsistent: {}",
                crate::reports::validate::summary(findings, 10)
            ),
            LoadError::Invalid { line, column, message } => {
                write!(f, "line {line}, column {column}: {message}")
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Everything but the history, which is written apart in its compact form.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    plan: &'a v2::Plan,
    notes: Vec<v3::Note>,
    expressions: Vec<v3::Expression>,
}

/// A version 3 file, or a version 2 one (which has none of the lists beside the plan).
#[derive(Deserialize)]
struct FileIn {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u64,
    plan: v2::Plan,
    #[serde(default)]
    notes: Vec<v3::Note>,
    #[serde(default)]
    expressions: Vec<v3::Expression>,
    #[serde(default)]
    history: v3::History,
}

impl FileIn {
    fn into_model(self) -> Plan {
        use conv::Thaw;
        let mut plan = v2::into_model(self.plan);
        plan.notes = self.notes.thaw();
        plan.expressions = self.expressions.thaw();
        plan.history = self.history.thaw();
        plan
    }
}

/// The plan as a Rollplan JSON document (pretty, ending in a newline; the history one
/// record per line). Deterministic: the same plan always gives the same bytes. Notes on
/// things since deleted and calculations that no longer give their figure are left out.
pub fn save(plan: &Plan) -> String {
    write_file(plan, v2::from_model(plan), Form::Pretty)
}

/// How a plan file is laid out: pretty (the file a user saves, readable and diffable), or
/// compact (the same document with no spaces or line breaks: what the browser stores, read
/// in about half the time). Both are read by [`load`], through the same checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Pretty,
    Compact,
}

/// The plan file, compact: see [`Form`].
pub fn save_compact(plan: &Plan) -> String {
    write_file(plan, v2::from_model(plan), Form::Compact)
}

/// The file around a frozen plan (what [`save`] writes).
fn write_file(plan: &Plan, frozen: v2::Plan, form: Form) -> String {
    use conv::Freeze;
    let notes: Vec<v3::Note> = plan
        .notes
        .iter()
        .filter(|n| crate::model::notes::note_place_exists(plan, n.at))
        .map(Freeze::freeze)
        .collect();
    let expressions: Vec<v3::Expression> = plan
        .expressions
        .iter()
        .filter(|e| crate::model::notes::expression_holds(plan, e))
        .map(Freeze::freeze)
        .collect();
    let file = FileOut {
        format: FORMAT,
        version: VERSION,
        plan: &frozen,
        notes,
        expressions,
    };
    // Serialising plain structs with string keys cannot fail.
    let mut s = match form {
        Form::Pretty => serde_json::to_string_pretty(&file),
        Form::Compact => serde_json::to_string(&file),
    }
    .unwrap_or_default();
    // The closing brace makes way for the history.
    if s.ends_with('}') {
        s.pop();
        while s.ends_with(char::is_whitespace) {
            s.pop();
        }
    }
    match form {
        Form::Pretty => {
            s.push_str(",\n  \"history\": ");
            plan.history.freeze().write_compact(&mut s);
            s.push_str("\n}\n");
        }
        Form::Compact => {
            s.push_str(",\"history\":");
            s.push_str(&serde_json::to_string(&plan.history.freeze()).unwrap_or_default());
            s.push('}');
        }
    }
    s
}

/// Writing a plan file a few outputs at a time, so a big plan is saved without holding
/// the page for the whole of it: [`Saving::new`] takes a copy of the plan as it is now
/// (the edits made while it writes go in the next save) and writes all but its outputs;
/// each [`Saving::step`] writes the next outputs; [`Saving::finish`] gives exactly the
/// bytes [`save`] gives.
pub struct Saving {
    /// The file so far: all before the outputs, then the outputs written.
    out: String,
    tail: String,
    outputs: std::vec::IntoIter<v2::Output>,
    first: bool,
    form: Form,
}

impl Saving {
    /// The file [`save`] writes.
    pub fn new(plan: &Plan) -> Saving {
        Saving::with_form(plan, Form::Pretty)
    }

    /// The file [`save_compact`] writes.
    pub fn compact(plan: &Plan) -> Saving {
        Saving::with_form(plan, Form::Compact)
    }

    fn with_form(plan: &Plan, form: Form) -> Saving {
        let mut frozen = v2::from_model(plan);
        let outputs = std::mem::take(&mut frozen.outputs);
        let mut whole = write_file(plan, frozen, form);
        // The plan's own `outputs` key: the first (nothing before it in a plan has one; a
        // scenario's `added_outputs` comes after, and is named otherwise).
        let empty = match form {
            Form::Pretty => "\n    \"outputs\": []",
            Form::Compact => "\"outputs\":[]",
        };
        let tail = match whole.find(empty) {
            Some(at) if !outputs.is_empty() => {
                let split = at.saturating_add(empty.len()).saturating_sub(1);
                let rest = whole.split_off(split);
                match form {
                    Form::Pretty => format!("\n    ]{}", rest.get(1..).unwrap_or_default()),
                    Form::Compact => rest,
                }
            }
            _ => String::new(),
        };
        Saving {
            out: whole,
            tail,
            outputs: outputs.into_iter(),
            first: true,
            form,
        }
    }

    /// Writes up to `n` more outputs; `true` once every output is written.
    pub fn step(&mut self, n: usize) -> bool {
        for out in self.outputs.by_ref().take(n) {
            // Serialising plain structs with string keys cannot fail.
            match self.form {
                Form::Pretty => {
                    self.out.push_str(if self.first { "\n" } else { ",\n" });
                    let text = serde_json::to_string_pretty(&out).unwrap_or_default();
                    for (i, line) in text.lines().enumerate() {
                        if i > 0 {
                            self.out.push('\n');
                        }
                        self.out.push_str("      ");
                        self.out.push_str(line);
                    }
                }
                Form::Compact => {
                    if !self.first {
                        self.out.push(',');
                    }
                    self.out
                        .push_str(&serde_json::to_string(&out).unwrap_or_default());
                }
            }
            self.first = false;
        }
        self.outputs.len() == 0
    }

    /// The whole file (writing any outputs not written yet).
    pub fn finish(mut self) -> String {
        while !self.step(usize::MAX) {}
        self.out.push_str(&self.tail);
        self.out
    }
}

/// Reads a Rollplan JSON document. Does not validate the plan's content (see
/// [`crate::reports::validate`]); does guarantee it has the right shape.
pub fn load(text: &str) -> Result<Plan, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Only the two header fields are read first (the rest is skipped, not built into a
    // value): a 10 MB file is parsed into the model once, and the plan's types are read
    // only from text, never from a `Value`, which would double their code in the app.
    #[derive(Deserialize)]
    struct Header {
        #[serde(default)]
        format: Option<Value>,
        #[serde(default)]
        version: Option<Value>,
    }
    let header: Header = serde_json::from_str(text).map_err(|e| match e.classify() {
        // A list or a number at the top: JSON, but no file of ours.
        serde_json::error::Category::Data if short_message(&e).starts_with("invalid type") => {
            LoadError::NotRollplan {
                found: "the file is JSON but not an object".into(),
            }
        }
        serde_json::error::Category::Data => LoadError::Invalid {
            line: e.line(),
            column: e.column(),
            message: short_message(&e),
        },
        _ => LoadError::Syntax {
            line: e.line(),
            column: e.column(),
            message: short_message(&e),
        },
    })?;
    match header.format {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            let other = match other {
                Value::String(s) => s,
                v => v.to_string(),
            };
            return Err(LoadError::NotRollplan {
                found: format!("its format is \u{201c}{other}\u{201d}"),
            });
        }
        None => {
            return Err(LoadError::NotRollplan {
                found: "it has no \"format\": \"rollplan\" field".into(),
            })
        }
    }
    let version = header
        .version
        .as_ref()
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
        .ok_or_else(|| LoadError::Invalid {
            line: 1,
            column: 1,
            message: "the file has no valid \"version\" number".into(),
        })?;
    if version > VERSION {
        return Err(LoadError::TooNew { version });
    }
    // Version 2 is version 3 without its lists (`v3::to_v3` adds them empty): both read
    // straight from the text, so shape errors carry line and column.
    if version >= 2 {
        let file: FileIn = serde_json::from_str(text).map_err(|e| LoadError::Invalid {
            line: e.line(),
            column: e.column(),
            message: short_message(&e),
        })?;
        return admit(file.into_model());
    }
    // Older versions are upgraded as values, then read as text like any other.
    let value: Value = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: short_message(&e),
    })?;
    let upgraded = upgrade_to_latest(value, version)?.to_string();
    let file: FileIn = serde_json::from_str(&upgraded).map_err(|e| LoadError::Upgrade {
        from: version,
        message: short_message(&e),
    })?;
    admit(file.into_model())
}

/// Every plan read from JSON (a file, a share link, the browser's library, the command
/// line) passes [`crate::gate`].
fn admit(plan: Plan) -> Result<Plan, LoadError> {
    crate::gate::admit(plan).map_err(|r| LoadError::Refused {
        findings: r.findings,
    })
}

/// Runs every upgrade step from `version` to [`VERSION`].
pub fn upgrade_to_latest(mut value: Value, version: u64) -> Result<Value, LoadError> {
    upgrade_with(UPGRADES, &mut value, version)?;
    Ok(value)
}

/// The upgrade chain, with the steps passed in (so tests can run a synthetic chain).
pub fn upgrade_with(steps: &[Upgrade], value: &mut Value, from: u64) -> Result<(), LoadError> {
    let mut v = from;
    // Version v is upgraded by step v (counting from 1).
    let first = usize::try_from(from)
        .unwrap_or(usize::MAX)
        .saturating_sub(1);
    for step in steps.iter().skip(first) {
        let taken = std::mem::take(value);
        *value = step(taken).map_err(|message| LoadError::Upgrade { from, message })?;
        v = v.saturating_add(1);
        if let Some(obj) = value.as_object_mut() {
            obj.insert("version".into(), Value::from(v));
        }
    }
    Ok(())
}

/// serde_json's message without its own " at line L column C" tail (we report those).
fn short_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A statement of financial implications as JSON (`"format": "rollplan-statement"`),
/// decimals as strings like the plan file.
pub fn statement_json(st: &crate::reports::statement::Statement) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        format: &'static str,
        version: u64,
        statement: &'a crate::reports::statement::Statement,
    }
    let mut s = serde_json::to_string_pretty(&Out {
        format: "rollplan-statement",
        version: 1,
        statement: st,
    })
    .unwrap_or_default();
    s.push('\n');
    s
}
