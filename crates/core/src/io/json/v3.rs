//! Version 3 of the plan file, frozen: version 2's plan, unchanged, with three lists beside
//! it at the top of the file: `notes` (on figures and rows), `expressions` (figures typed as
//! a calculation) and `history` (the plan's audit trail).
//!
//! A version-2 file is a version-3 file without those lists ([`to_v3`] adds them empty), so
//! it is read directly, without a detour through a JSON tree. A version-2 reader refuses a
//! version-3 file as newer, rather than open it and drop its notes and history unseen.
//!
//! The history is written compactly, one record per line, each figure change as an array
//! `[figure, id, year, output, old, new]`: a whole-plan adjustment of 200,000 figures
//! would otherwise triple the file.

use super::conv::{Freeze, Thaw};
use super::dec::Dec as Decimal;
use super::v2::{CeilingId, GradeId, IncomeId, Key, LineId, ObjectiveId, OutputId, ScenarioId};
use crate::model as live;
use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeTuple;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;

/// Version 2 had no notes, calculations or history: the file gets empty ones.
pub fn to_v3(mut doc: Value) -> Result<Value, String> {
    let file = doc.as_object_mut().ok_or("the file is not a JSON object")?;
    file.entry("notes")
        .or_insert_with(|| Value::Array(Vec::new()));
    file.entry("expressions")
        .or_insert_with(|| Value::Array(Vec::new()));
    file.entry("history")
        .or_insert_with(|| serde_json::json!({ "records": [] }));
    Ok(doc)
}

/// What a note is on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "on")]
pub enum NoteAt {
    Figure(Key),
    Line { line: LineId },
    Output { output: OutputId },
    Objective { objective: ObjectiveId },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub at: NoteAt,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expression {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioId>,
    pub key: Key,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Edit,
    Undo,
    Redo,
    Restore,
}

/// `[figure, id, year, output, old, new]`: `figure` as in a scenario's change
/// (`"value"`, `"rate"`, `"standard_cost"`, `"escalation"`, `"ceiling"`,
/// `"income_value"`, `"income_rate"`), `id` and `year` null where the figure has none.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureChange {
    pub key: Key,
    pub output: Option<OutputId>,
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
}

impl Serialize for FigureChange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (name, id, year) = match self.key {
            Key::Value { line, year } => ("value", Some(line.0), Some(year)),
            Key::Rate { line } => ("rate", Some(line.0), None),
            Key::StandardCost { grade, year } => ("standard_cost", Some(grade.0), Some(year)),
            Key::Escalation => ("escalation", None, None),
            Key::Ceiling { ceiling } => ("ceiling", Some(ceiling.0), None),
            Key::IncomeValue { income, year } => ("income_value", Some(income.0), Some(year)),
            Key::IncomeRate { income } => ("income_rate", Some(income.0), None),
        };
        let mut t = s.serialize_tuple(6)?;
        t.serialize_element(name)?;
        t.serialize_element(&id)?;
        t.serialize_element(&year)?;
        t.serialize_element(&self.output.map(|o| o.0))?;
        t.serialize_element(&self.old)?;
        t.serialize_element(&self.new)?;
        t.end()
    }
}

impl<'de> Deserialize<'de> for FigureChange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FigureChange;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a figure change [figure, id, year, output, old, new]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FigureChange, A::Error> {
                let missing = |i| de::Error::invalid_length(i, &self);
                let name: String = seq.next_element()?.ok_or_else(|| missing(0))?;
                let id: Option<u32> = seq.next_element()?.ok_or_else(|| missing(1))?;
                let year: Option<usize> = seq.next_element()?.ok_or_else(|| missing(2))?;
                let output: Option<u32> = seq.next_element()?.ok_or_else(|| missing(3))?;
                let old: Option<Decimal> = seq.next_element()?.ok_or_else(|| missing(4))?;
                let new: Option<Decimal> = seq.next_element()?.ok_or_else(|| missing(5))?;
                let need = |v: Option<u32>, what: &str| {
                    v.ok_or_else(|| de::Error::custom(format!("a {name} change needs its {what}")))
                };
                let need_year = || {
                    year.ok_or_else(|| de::Error::custom(format!("a {name} change needs its year")))
                };
                let key = match name.as_str() {
                    "value" => Key::Value {
                        line: LineId(need(id, "line")?),
                        year: need_year()?,
                    },
                    "rate" => Key::Rate {
                        line: LineId(need(id, "line")?),
                    },
                    "standard_cost" => Key::StandardCost {
                        grade: GradeId(need(id, "grade")?),
                        year: need_year()?,
                    },
                    "escalation" => Key::Escalation,
                    "ceiling" => Key::Ceiling {
                        ceiling: CeilingId(need(id, "ceiling")?),
                    },
                    "income_value" => Key::IncomeValue {
                        income: IncomeId(need(id, "income line")?),
                        year: need_year()?,
                    },
                    "income_rate" => Key::IncomeRate {
                        income: IncomeId(need(id, "income line")?),
                    },
                    other => {
                        return Err(de::Error::custom(format!(
                            "\u{201c}{other}\u{201d} is not a kind of figure"
                        )))
                    }
                };
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(7, &self));
                }
                Ok(FigureChange {
                    key,
                    output: output.map(OutputId),
                    old,
                    new,
                })
            }
        }
        d.deserialize_seq(V)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub at: u64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub who: String,
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioId>,
    pub what: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureChange>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Name {
    pub line: LineId,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete_from: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<Name>,
    #[serde(default)]
    pub records: Vec<Record>,
}

impl History {
    /// Written one record per line: readable, diffable, and a fraction of the size of the
    /// pretty form.
    pub fn write_compact(&self, out: &mut String) {
        // Serialising plain values with string keys cannot fail.
        let json = |v: &dyn erased::Json| v.to_json();
        out.push('{');
        if let Some(c) = self.complete_from {
            out.push_str(&format!("\"complete_from\": {c}, "));
        }
        if !self.names.is_empty() {
            out.push_str("\"names\": ");
            out.push_str(&json(&self.names));
            out.push_str(", ");
        }
        out.push_str("\"records\": [");
        for (i, r) in self.records.iter().enumerate() {
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            out.push_str(&json(r));
        }
        if !self.records.is_empty() {
            out.push_str("\n  ");
        }
        out.push_str("]}");
    }
}

mod erased {
    /// A value written as compact JSON.
    pub trait Json {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

// Conversions to and from the live model, variant by variant.

impl Thaw<live::NoteAt> for NoteAt {
    fn thaw(self) -> live::NoteAt {
        match self {
            NoteAt::Figure(k) => live::NoteAt::Figure(k.thaw()),
            NoteAt::Line { line } => live::NoteAt::Line(line.thaw()),
            NoteAt::Output { output } => live::NoteAt::Output(output.thaw()),
            NoteAt::Objective { objective } => live::NoteAt::Objective(objective.thaw()),
        }
    }
}
impl Freeze<NoteAt> for live::NoteAt {
    fn freeze(&self) -> NoteAt {
        match self {
            live::NoteAt::Figure(k) => NoteAt::Figure(k.freeze()),
            live::NoteAt::Line(line) => NoteAt::Line {
                line: line.freeze(),
            },
            live::NoteAt::Output(output) => NoteAt::Output {
                output: output.freeze(),
            },
            live::NoteAt::Objective(objective) => NoteAt::Objective {
                objective: objective.freeze(),
            },
        }
    }
}

impl Thaw<live::Note> for Note {
    fn thaw(self) -> live::Note {
        live::Note {
            at: self.at.thaw(),
            text: self.text,
        }
    }
}
impl Freeze<Note> for live::Note {
    fn freeze(&self) -> Note {
        Note {
            at: self.at.freeze(),
            text: self.text.clone(),
        }
    }
}

impl Thaw<live::Expression> for Expression {
    fn thaw(self) -> live::Expression {
        live::Expression {
            scenario: self.scenario.thaw(),
            key: self.key.thaw(),
            text: self.text,
        }
    }
}
impl Freeze<Expression> for live::Expression {
    fn freeze(&self) -> Expression {
        Expression {
            scenario: self.scenario.freeze(),
            key: self.key.freeze(),
            text: self.text.clone(),
        }
    }
}

impl Thaw<live::Origin> for Origin {
    fn thaw(self) -> live::Origin {
        match self {
            Origin::Edit => live::Origin::Edit,
            Origin::Undo => live::Origin::Undo,
            Origin::Redo => live::Origin::Redo,
            Origin::Restore => live::Origin::Restore,
        }
    }
}
impl Freeze<Origin> for live::Origin {
    fn freeze(&self) -> Origin {
        match self {
            live::Origin::Edit => Origin::Edit,
            live::Origin::Undo => Origin::Undo,
            live::Origin::Redo => Origin::Redo,
            live::Origin::Restore => Origin::Restore,
        }
    }
}

impl Thaw<live::FigureChange> for FigureChange {
    fn thaw(self) -> live::FigureChange {
        live::FigureChange {
            key: self.key.thaw(),
            output: self.output.thaw(),
            old: self.old.thaw(),
            new: self.new.thaw(),
        }
    }
}
impl Freeze<FigureChange> for live::FigureChange {
    fn freeze(&self) -> FigureChange {
        FigureChange {
            key: self.key.freeze(),
            output: self.output.freeze(),
            old: self.old.freeze(),
            new: self.new.freeze(),
        }
    }
}

impl Thaw<live::Record> for Record {
    fn thaw(self) -> live::Record {
        live::Record {
            at: self.at,
            who: self.who,
            origin: self.origin.thaw(),
            scenario: self.scenario.thaw(),
            what: self.what,
            other: self.other,
            figures: self.figures.thaw(),
            comment: self.comment,
        }
    }
}
impl Freeze<Record> for live::Record {
    fn freeze(&self) -> Record {
        Record {
            at: self.at,
            who: self.who.clone(),
            origin: self.origin.freeze(),
            scenario: self.scenario.freeze(),
            what: self.what.clone(),
            other: self.other.clone(),
            figures: self.figures.freeze(),
            comment: self.comment.clone(),
        }
    }
}

impl Thaw<live::History> for History {
    fn thaw(self) -> live::History {
        live::History {
            records: self.records.thaw(),
            complete_from: self.complete_from,
            names: self
                .names
                .into_iter()
                .map(|n| (n.line.thaw(), n.name))
                .collect(),
        }
    }
}
impl Freeze<History> for live::History {
    fn freeze(&self) -> History {
        History {
            complete_from: self.complete_from,
            names: self
                .names
                .iter()
                .map(|(line, name)| Name {
                    line: line.freeze(),
                    name: name.clone(),
                })
                .collect(),
            records: self.records.freeze(),
        }
    }
}
