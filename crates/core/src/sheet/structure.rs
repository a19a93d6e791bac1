//! Structure edits, built against the current plan (new ids come from `next_id`).

use super::*;

/// A new non-staff line at `index` of an output.
pub fn new_line(plan: &Plan, output: OutputId, index: usize) -> Option<Edit> {
    let category = plan
        .categories
        .iter()
        .find(|c| Some(c.id) != plan.staff_category)
        .or(plan.categories.first())?
        .id;
    Some(Edit::InsertLine {
        output,
        index,
        line: Line {
            id: LineId(plan.next_id),
            description: "New line".into(),
            kind: LineKind::NonStaff { category },
            rate: None,
            values: vec![None; plan.years.len()],
        },
    })
}

/// A new output in a group (linked to its objective, or in its unit), at plan position
/// `index`, with a code not used yet.
pub fn new_output(plan: &Plan, group: GroupKey, index: usize) -> Edit {
    let (links, unit, prefix) = match group {
        GroupKey::Objective(id) => (
            vec![Link {
                objective: id,
                share: Share::Equal,
            }],
            None,
            plan.objective(id)
                .map(|o| o.code.trim_start_matches(['O', 'o']).to_string())
                .unwrap_or_default(),
        ),
        GroupKey::Unit(id) => (Vec::new(), Some(id), String::new()),
        GroupKey::None => (Vec::new(), None, String::new()),
    };
    let prefix = if prefix.is_empty() {
        "N".to_string()
    } else {
        prefix
    };
    let code = (1..)
        .map(|k| format!("{prefix}.{k}"))
        .find(|c| plan.outputs.iter().all(|o| &o.code != c))
        .unwrap_or_default();
    Edit::InsertOutput {
        index: index.min(plan.outputs.len()),
        output: Output {
            id: OutputId(plan.next_id),
            code,
            title: "New output".into(),
            unit,
            links,
            lines: Vec::new(),
        },
        results: Vec::new(),
        kpis: Vec::new(),
        risk_links: Vec::new(),
    }
}

/// A new plan to start typing in: the standard grades and categories, one objective,
/// one output serving it, and one line of it.
pub fn starter(title: &str, years: &[&str]) -> Plan {
    let blank = Plan::blank(title, years);
    let Ok(mut doc) = crate::document::Document::open(blank.clone()) else {
        return blank;
    };
    let objective = new_objective(doc.plan(), 0);
    let Edit::InsertObjective { objective: o, .. } = &objective else {
        return blank;
    };
    let group = GroupKey::Objective(o.id);
    let steps = [Some(objective.clone()), None, None];
    for (k, step) in steps.into_iter().enumerate() {
        let edit = match k {
            0 => step,
            1 => Some(new_output(doc.plan(), group, 0)),
            _ => doc
                .plan()
                .outputs
                .first()
                .and_then(|out| new_line(doc.plan(), out.id, 0)),
        };
        if let Some(edit) = edit {
            if doc.apply(edit).is_err() {
                return blank;
            }
        }
    }
    doc.plan().clone()
}

pub fn new_objective(plan: &Plan, index: usize) -> Edit {
    let code = (plan.objectives.len().saturating_add(1)..)
        .map(|k| format!("O{k}"))
        .find(|c| plan.objectives.iter().all(|o| &o.code != c))
        .unwrap_or_default();
    Edit::InsertObjective {
        index: index.min(plan.objectives.len()),
        objective: Objective {
            id: ObjectiveId(plan.next_id),
            code,
            title: "New objective".into(),
            description: String::new(),
            goal: None,
        },
        links: Vec::new(),
        results: Vec::new(),
        kpis: Vec::new(),
    }
}

/// Deletes what a row stands for: an objective (its links go with it), an output, a line.
pub fn remove(plan: &Plan, sheet: &Sheet, row: Row) -> Option<Edit> {
    Some(match row {
        Row::Group(g) => match sheet.groups.get(g)?.key {
            GroupKey::Objective(objective) => Edit::RemoveObjective { objective },
            _ => return None,
        },
        Row::Output(o) => Edit::RemoveOutput {
            output: plan.outputs.get(o)?.id,
        },
        Row::Line(o, l) | Row::Cost(o, l) => Edit::RemoveLine {
            line: plan.outputs.get(o)?.lines.get(l)?.id,
        },
        Row::Total | Row::Grade(_) => return None,
    })
}

/// Moves what a row stands for one place up (`-1`) or down (`+1`) among its siblings:
/// lines within their output, outputs within their group, objectives in the plan.
pub fn shift(plan: &Plan, sheet: &Sheet, row: Row, up: bool) -> Option<Edit> {
    let step = |pos: usize, len: usize| -> Option<usize> {
        if up {
            pos.checked_sub(1)
        } else {
            (pos.saturating_add(1) < len).then_some(pos.saturating_add(1))
        }
    };
    match row {
        Row::Line(o, l) | Row::Cost(o, l) => {
            let out = plan.outputs.get(o)?;
            Some(Edit::MoveLine {
                line: out.lines.get(l)?.id,
                to: step(l, out.lines.len())?,
            })
        }
        Row::Output(o) => {
            let group = sheet.groups.iter().find(|g| g.outputs.contains(&o))?;
            let k = group.outputs.iter().position(|&x| x == o)?;
            let to = group.outputs[step(k, group.outputs.len())?];
            Some(Edit::MoveOutput {
                output: plan.outputs.get(o)?.id,
                to,
            })
        }
        Row::Group(g) => {
            let GroupKey::Objective(id) = sheet.groups.get(g)?.key else {
                return None;
            };
            let k = plan.objectives.iter().position(|o| o.id == id)?;
            Some(Edit::MoveObjective {
                objective: id,
                to: step(k, plan.objectives.len())?,
            })
        }
        Row::Total | Row::Grade(_) => None,
    }
}

/// A change to the plan's structure, asked for at a row of the resources grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StructureOp {
    AddLine,
    AddOutput,
    AddObjective,
    Remove,
    MoveUp,
    MoveDown,
}

/// A structure edit with what it brings into view and how to say what it did.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub edit: Edit,
    /// The row the cursor goes to afterwards: what was added or moved.
    pub reveal: Option<Target>,
    /// For the status line: "Added a line", "Moved"…
    pub what: &'static str,
}

/// What a row stands for.
fn row_target(plan: &Plan, sheet: &Sheet, row: Row) -> Option<Target> {
    match row {
        Row::Line(o, l) | Row::Cost(o, l) => {
            Some(Target::Line(plan.outputs.get(o)?.lines.get(l)?.id))
        }
        Row::Output(o) => Some(Target::Output(plan.outputs.get(o)?.id)),
        Row::Group(g) => match sheet.groups.get(g)?.key {
            GroupKey::Objective(id) => Some(Target::Objective(id)),
            _ => None,
        },
        Row::Total | Row::Grade(_) => None,
    }
}

/// The edit a structure button means at a row of the resources sheet (`None`: nothing to
/// do there, such as moving the first line up).
pub fn edit_for(plan: &Plan, sheet: &Sheet, op: StructureOp, row: Row) -> Option<Planned> {
    let group_of = |o: usize| {
        sheet
            .groups
            .iter()
            .find(|g| g.outputs.contains(&o))
            .map(|g| g.key)
    };
    // What an insert adds takes the plan's next id.
    let fresh = plan.next_id;
    let added = |edit: Edit, reveal: Target, what| Planned {
        edit,
        reveal: Some(reveal),
        what,
    };
    match (op, row) {
        (StructureOp::AddLine, Row::Line(o, l) | Row::Cost(o, l)) => {
            let edit = new_line(plan, plan.outputs.get(o)?.id, l.saturating_add(1))?;
            Some(added(edit, Target::Line(LineId(fresh)), "Added a line"))
        }
        (StructureOp::AddLine, Row::Output(o)) => {
            let out = plan.outputs.get(o)?;
            let edit = new_line(plan, out.id, out.lines.len())?;
            Some(added(edit, Target::Line(LineId(fresh)), "Added a line"))
        }
        (StructureOp::AddOutput, Row::Group(g)) => sheet.groups.get(g).map(|group| {
            let at = group
                .outputs
                .last()
                .map_or(plan.outputs.len(), |&o| o.saturating_add(1));
            let edit = new_output(plan, group.key, at);
            added(edit, Target::Output(OutputId(fresh)), "Added an output")
        }),
        (StructureOp::AddOutput, Row::Output(o) | Row::Line(o, _) | Row::Cost(o, _)) => group_of(o)
            .map(|key| {
                let edit = new_output(plan, key, o.saturating_add(1));
                added(edit, Target::Output(OutputId(fresh)), "Added an output")
            }),
        (StructureOp::AddOutput, Row::Total | Row::Grade(_)) => None,
        (StructureOp::AddObjective, _) => {
            let after = match row {
                Row::Group(g) => sheet.groups.get(g).and_then(|group| match group.key {
                    GroupKey::Objective(id) => plan
                        .objectives
                        .iter()
                        .position(|o| o.id == id)
                        .map(|k| k.saturating_add(1)),
                    _ => None,
                }),
                _ => None,
            };
            let edit = new_objective(plan, after.unwrap_or(plan.objectives.len()));
            Some(added(
                edit,
                Target::Objective(ObjectiveId(fresh)),
                "Added an objective",
            ))
        }
        (StructureOp::Remove, row) => Some(Planned {
            edit: remove(plan, sheet, row)?,
            reveal: None,
            what: match row {
                Row::Group(_) => "Deleted the objective and its links",
                Row::Output(_) => "Deleted the output with its lines",
                _ => "Deleted the line",
            },
        }),
        (StructureOp::MoveUp | StructureOp::MoveDown, row) => Some(Planned {
            edit: shift(plan, sheet, row, op == StructureOp::MoveUp)?,
            reveal: row_target(plan, sheet, row),
            what: "Moved",
        }),
        (StructureOp::AddLine, Row::Group(_) | Row::Total | Row::Grade(_)) => None,
    }
}
