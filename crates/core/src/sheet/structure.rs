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
    let code = (plan.objectives.len() + 1..)
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
            (pos + 1 < len).then_some(pos + 1)
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

/// The edit a structure button means at a row of the resources sheet (`None`: nothing to
/// do there, such as moving the first line up).
pub fn edit_for(plan: &Plan, sheet: &Sheet, op: StructureOp, row: Row) -> Option<Edit> {
    let group_of = |o: usize| {
        sheet
            .groups
            .iter()
            .find(|g| g.outputs.contains(&o))
            .map(|g| g.key)
    };
    match (op, row) {
        (StructureOp::AddLine, Row::Line(o, l) | Row::Cost(o, l)) => {
            new_line(plan, plan.outputs.get(o)?.id, l.saturating_add(1))
        }
        (StructureOp::AddLine, Row::Output(o)) => {
            let out = plan.outputs.get(o)?;
            new_line(plan, out.id, out.lines.len())
        }
        (StructureOp::AddOutput, Row::Group(g)) => sheet.groups.get(g).map(|group| {
            let at = group
                .outputs
                .last()
                .map_or(plan.outputs.len(), |&o| o.saturating_add(1));
            new_output(plan, group.key, at)
        }),
        (StructureOp::AddOutput, Row::Output(o) | Row::Line(o, _) | Row::Cost(o, _)) => {
            group_of(o).map(|key| new_output(plan, key, o.saturating_add(1)))
        }
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
            Some(new_objective(plan, after.unwrap_or(plan.objectives.len())))
        }
        (StructureOp::Remove, row) => remove(plan, sheet, row),
        (StructureOp::MoveUp, row) => shift(plan, sheet, row, true),
        (StructureOp::MoveDown, row) => shift(plan, sheet, row, false),
        _ => None,
    }
}

/// The row a structure edit brings into view: what it added or moved.
pub fn revealed(edit: &Edit) -> Option<Target> {
    match edit {
        Edit::InsertLine { line, .. } => Some(Target::Line(line.id)),
        Edit::InsertOutput { output, .. } => Some(Target::Output(output.id)),
        Edit::InsertObjective { objective, .. } => Some(Target::Objective(objective.id)),
        Edit::MoveLine { line, .. } => Some(Target::Line(*line)),
        Edit::MoveOutput { output, .. } => Some(Target::Output(*output)),
        Edit::MoveObjective { objective, .. } => Some(Target::Objective(*objective)),
        _ => None,
    }
}

/// What a structure edit did, for the status line.
pub fn describe(edit: &Edit) -> &'static str {
    match edit {
        Edit::InsertLine { .. } => "Added a line",
        Edit::InsertOutput { .. } => "Added an output",
        Edit::InsertObjective { .. } => "Added an objective",
        Edit::RemoveLine { .. } => "Deleted the line",
        Edit::RemoveOutput { .. } => "Deleted the output with its lines",
        Edit::RemoveObjective { .. } => "Deleted the objective and its links",
        _ => "Moved",
    }
}
