//! Notes and kept calculations: neither changes a figure, so neither touches a rollup.

use super::{Edit, EditError, EditResult};
use crate::calc::Engine;
use crate::limits::{MAX_EXPRESSION_CHARS, MAX_NOTE_CHARS};
use crate::model::*;

impl Engine {
    /// Sets or (with `None`, or only spaces) removes the note at a place.
    pub(super) fn set_note(&mut self, at: NoteAt, text: Option<String>) -> EditResult {
        let text = text.filter(|t| !t.trim().is_empty());
        if let Some(t) = &text {
            let chars = t.chars().count();
            if chars > MAX_NOTE_CHARS {
                return Err(EditError::TooLong {
                    what: "a note",
                    chars,
                    max: MAX_NOTE_CHARS,
                });
            }
        }
        let old = self.plan.set_note(at, text);
        Ok(Edit::SetNote { at, text: old })
    }

    /// Keeps (or with `None` drops) the calculation a figure was typed as.
    pub(super) fn set_expression(
        &mut self,
        scenario: Option<ScenarioId>,
        key: Key,
        text: Option<String>,
    ) -> EditResult {
        if let Some(t) = &text {
            let chars = t.chars().count();
            if chars > MAX_EXPRESSION_CHARS {
                return Err(EditError::TooLong {
                    what: "a calculation",
                    chars,
                    max: MAX_EXPRESSION_CHARS,
                });
            }
        }
        let old = self.plan.set_expression(scenario, key, text);
        Ok(Edit::SetExpression {
            scenario,
            key,
            text: old,
        })
    }
}
