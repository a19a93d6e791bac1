//! Find (Ctrl+F): outputs, objectives and lines whose code or text holds what was typed, in
//! the order a reader meets them, so "next" walks down the plan.

use super::{line_name, Target};
use crate::model::{Key, NoteAt, Plan};

/// One place that matched: what to reveal in the grid, and how to name it to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub target: Target,
    /// "Objective O1: Overall management", "Output 1.1: Management…", "Output 1.1, line:
    /// Representation missions".
    pub label: String,
}

/// Every objective, output and line whose code, title or (shown) name contains `query`,
/// ignoring case and surrounding spaces: objectives first, then each output followed by its
/// lines, then the notes whose text holds it (at the row they are on). An empty query finds
/// nothing.
pub fn find(plan: &Plan, query: &str) -> Vec<Found> {
    let needle = fold(query.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let hit = |texts: &[&str]| texts.iter().any(|t| fold(t).contains(&needle));
    let mut found = Vec::new();
    for o in &plan.objectives {
        if hit(&[&o.code, &o.title, &format!("{} {}", o.code, o.title)]) {
            found.push(Found {
                target: Target::Objective(o.id),
                label: format!("Objective {}: {}", o.code, o.title),
            });
        }
    }
    for out in &plan.outputs {
        if hit(&[
            &out.code,
            &out.title,
            &format!("{} {}", out.code, out.title),
        ]) {
            found.push(Found {
                target: Target::Output(out.id),
                label: format!("Output {}: {}", out.code, out.title),
            });
        }
        for line in &out.lines {
            let name = line_name(plan, line);
            if hit(&[&name]) {
                found.push(Found {
                    target: Target::Line(line.id),
                    label: format!("Output {}, line: {name}", out.code),
                });
            }
        }
    }
    for note in &plan.notes {
        if !fold(&note.text).contains(&needle) {
            continue;
        }
        let target = match note.at {
            NoteAt::Figure(Key::Value { line, .. } | Key::Rate { line }) | NoteAt::Line(line) => {
                Target::Line(line)
            }
            NoteAt::Output(id) => Target::Output(id),
            NoteAt::Objective(id) => Target::Objective(id),
            // Not on the resources grid.
            NoteAt::Figure(_) => continue,
        };
        if !crate::model::notes::note_place_exists(plan, note.at) {
            continue;
        }
        let place = crate::document::place_label(plan, &plan.history, note.at);
        found.push(Found {
            target,
            label: format!("Note on {place}: {}", note.text),
        });
    }
    found
}

/// Case folded for matching ("Évaluation" finds "évaluation").
fn fold(text: &str) -> String {
    text.to_lowercase()
}
