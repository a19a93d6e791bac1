//! Recording the plan's history: every step a document takes (a change, an undo, a redo, a
//! restore) becomes a [`Record`] of when, who, what in words, and each figure's value before
//! and after as what was changed (the baseline or a scenario) had it.
//!
//! The core reads no clock: the edge hands in a [`Stamp`] (its clock and the person's name)
//! before it changes the document. Figures are read through the engine's index, so
//! recording a 200,000-cell adjustment costs a lookup per figure, not a search.

use super::{Change, Document};
use crate::calc::Engine;
use crate::edit::{Edit, EditError};
use crate::model::scenario::effective;
use crate::model::*;
use crate::numfmt::plain;
use rust_decimal::Decimal;

/// When a change is made and by whom, as the edge says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    /// Milliseconds since 1970-01-01 UTC.
    pub at: u64,
    pub who: String,
}

/// A figure about to change: whose (the baseline's or a scenario's), which, its line's
/// output, and its value before.
type Before = (Option<ScenarioId>, Key, Option<OutputId>, Option<Decimal>);

/// What an edit is about to change, read before it is applied.
pub(super) struct Pending {
    figures: Vec<Before>,
    other: Vec<String>,
    names: Vec<(LineId, String)>,
    scenario: Option<ScenarioId>,
    /// A calculation the figure was typed as.
    typed: Option<String>,
    /// A calculation typed for (or dropped from) a figure that keeps its value, in words.
    same_figure: Option<String>,
}

impl Document {
    /// The clock reading and name the next changes are recorded with.
    pub fn set_stamp(&mut self, stamp: Stamp) {
        self.stamp = stamp;
    }

    pub fn history(&self) -> &History {
        &self.engine.plan.history
    }

    /// Reads what `edit` (as it will be applied) is about to change.
    pub(super) fn pending(&self, edit: &Edit) -> Pending {
        let mut touched = Vec::new();
        figures_of(edit, &mut touched);
        let figures = touched
            .into_iter()
            .map(|(s, key)| {
                let output = line_of(key).and_then(|l| self.engine.output_of(l));
                (s, key, output, self.value(s, key))
            })
            .collect();
        let mut other = Vec::new();
        let mut names = Vec::new();
        describe(&self.engine, edit, &mut other, &mut names);
        let scenario = scenario_of(edit);
        Pending {
            figures,
            other,
            names,
            scenario,
            typed: typed_as(edit),
            same_figure: match edit {
                Edit::SetExpression { key, text, .. } => Some(match text {
                    Some(t) => format!("{} typed as {t}, the same figure", self.label_of(*key)),
                    None => format!("{} typed as a plain figure, the same", self.label_of(*key)),
                }),
                _ => None,
            },
        }
    }

    /// Records a step that was applied: each figure's value now beside its value before.
    pub(super) fn log(&mut self, pending: Pending, origin: Origin, label: Option<String>) {
        let figures: Vec<FigureChange> = pending
            .figures
            .iter()
            .filter_map(|&(s, key, output, old)| {
                let new = self.value(s, key);
                (old != new).then_some(FigureChange {
                    key,
                    output,
                    old,
                    new,
                })
            })
            .collect();
        let mut other = pending.other;
        if figures.is_empty() && other.is_empty() {
            // A calculation typed for the figure it already was (`=12*4500` over 54,000)
            // changes no value but is kept: said in words, so it is not missed.
            match pending.same_figure {
                Some(said) if origin == Origin::Edit => other.push(said),
                _ => return,
            }
        }
        let what = label.unwrap_or_else(|| match origin {
            Origin::Undo => "Undo".into(),
            Origin::Redo => "Redo".into(),
            Origin::Edit | Origin::Restore => match (figures.as_slice(), other.len()) {
                ([only], 0) => {
                    let label = self.label_of(only.key);
                    match &pending.typed {
                        Some(t) => format!("{label} typed as {t}"),
                        None => label,
                    }
                }
                // One change in words says it all; its details are not repeated.
                ([], 1) => other.pop().unwrap_or_default(),
                ([], n) => format!("{n} changes"),
                (f, 0) => format!("{} figures changed", f.len()),
                (f, n) => format!("{} figures and {n} other changes", f.len()),
            },
        });
        let stamp = self.stamp.clone();
        self.history_figures = self.history_figures.saturating_add(figures.len());
        let history = &mut self.engine.plan.history;
        history.names.extend(pending.names);
        history.records.push(Record {
            at: stamp.at,
            who: stamp.who,
            origin,
            scenario: pending.scenario,
            what,
            other,
            figures,
            comment: String::new(),
        });
        if self.history_figures > crate::limits::MAX_HISTORY_FIGURES {
            history.enforce_limit();
            self.history_figures = history.figure_count();
        }
    }

    /// [`figure_label`] through the engine's index: typing records a label per change, and a
    /// search of every line of a 200,000-cell plan would cost more than the edit itself.
    fn label_of(&self, key: Key) -> String {
        let plan = self.plan();
        match key {
            Key::Value { line, year } => match self.engine.line_position(line) {
                Some((o, l)) => {
                    let (Some(out), Some(y)) = (plan.outputs.get(o), plan.years.get(year)) else {
                        return figure_label(plan, &plan.history, key);
                    };
                    match out.lines.get(l) {
                        Some(x) => format!("Output {}, {}, {y}", out.code, line_name(plan, x)),
                        None => figure_label(plan, &plan.history, key),
                    }
                }
                None => figure_label(plan, &plan.history, key),
            },
            _ => figure_label(plan, &plan.history, key),
        }
    }

    /// A figure as what was changed has it: the baseline (`None`) or a scenario.
    fn value(&self, scenario: Option<ScenarioId>, key: Key) -> Option<Decimal> {
        match scenario {
            None => self.engine.figure(key).flatten(),
            Some(id) => {
                let plan = self.plan();
                let s = plan.scenarios.iter().find(|s| s.id == id)?;
                match s.get(key) {
                    Some(v) => v,
                    None => match self.engine.figure(key) {
                        Some(v) => v,
                        // A row the scenario adds.
                        None => effective(plan, s, key).flatten(),
                    },
                }
            }
        }
    }

    /// Sets the comment of a record (not a change of the plan, so not undone).
    pub fn comment(&mut self, record: usize, text: &str) -> bool {
        match self.engine.plan.history.records.get_mut(record) {
            Some(r) => {
                r.comment = text.trim().to_string();
                true
            }
            None => false,
        }
    }

    /// Removes the history's records made before `at`; how many went.
    pub fn trim_history_before(&mut self, at: u64) -> usize {
        let removed = self.engine.plan.history.trim_before(at);
        self.history_figures = self.engine.plan.history.figure_count();
        removed
    }

    /// Keeps the newest `n` records of the history; how many went.
    pub fn keep_history(&mut self, n: usize) -> usize {
        let removed = self.engine.plan.history.keep_last(n);
        self.history_figures = self.engine.plan.history.figure_count();
        removed
    }

    /// Puts back the value a figure had before a recorded change, as a new change (itself
    /// recorded, and undoable). In the record's scenario, whatever is shown. `Ok(false)`:
    /// the figure already has that value.
    pub fn restore(&mut self, record: usize, figure: usize) -> Result<bool, EditError> {
        let history = &self.engine.plan.history;
        let r = history
            .records
            .get(record)
            .ok_or(EditError::IndexOutOfRange {
                index: record,
                len: history.records.len(),
            })?;
        let f = *r.figures.get(figure).ok_or(EditError::IndexOutOfRange {
            index: figure,
            len: r.figures.len(),
        })?;
        let scenario = r.scenario;
        if self.value(scenario, f.key) == f.old {
            return Ok(false);
        }
        let edit = match scenario {
            None => Edit::SetFigure {
                key: f.key,
                value: f.old,
            },
            Some(s) => Edit::SetOverride {
                scenario: s,
                key: f.key,
                value: Some(f.old),
            },
        };
        let shown = f.old.map_or_else(
            || "blank".to_string(),
            |v| crate::numfmt::format_amount(v, v.normalize().scale()),
        );
        let label = format!(
            "Restored {} to {shown}",
            figure_label(self.plan(), history, f.key)
        );
        self.change_as(
            Change {
                edit: Some(edit),
                drafts: Vec::new(),
                to_plan: true,
                label: Some(label),
            },
            Origin::Restore,
        )
    }
}

/// The figures an edit sets, with the scenario each belongs to (`None`: the baseline).
fn figures_of(edit: &Edit, out: &mut Vec<(Option<ScenarioId>, Key)>) {
    match edit {
        Edit::SetFigure { key, .. } => out.push((None, *key)),
        Edit::SetOverride { scenario, key, .. } => out.push((Some(*scenario), *key)),
        Edit::Batch(edits) => edits.iter().for_each(|e| figures_of(e, out)),
        // Not a figure: said in words by `describe`.
        Edit::SetLineDescription { .. }
        | Edit::SetLineKind { .. }
        | Edit::SetLink { .. }
        | Edit::InsertLink { .. }
        | Edit::SetOutputUnit { .. }
        | Edit::SetOutputText { .. }
        | Edit::SetObjectiveText { .. }
        | Edit::SetPlanInfo { .. }
        | Edit::SetCents(_)
        | Edit::SetNote { .. }
        | Edit::SetExpression { .. }
        | Edit::InsertObjective { .. }
        | Edit::RemoveObjective { .. }
        | Edit::InsertOutput { .. }
        | Edit::RemoveOutput { .. }
        | Edit::InsertLine { .. }
        | Edit::RemoveLine { .. }
        | Edit::MoveObjective { .. }
        | Edit::MoveOutput { .. }
        | Edit::MoveLine { .. }
        | Edit::SetKpi(_)
        | Edit::InsertKpi { .. }
        | Edit::RemoveKpi { .. }
        | Edit::SetResult(_)
        | Edit::InsertResult { .. }
        | Edit::RemoveResult { .. }
        | Edit::SetRisk(_)
        | Edit::InsertRisk { .. }
        | Edit::RemoveRisk { .. }
        | Edit::InsertScenario { .. }
        | Edit::RemoveScenario { .. }
        | Edit::RenameScenario { .. }
        | Edit::SetProposal(_)
        | Edit::InsertProposal { .. }
        | Edit::RemoveProposal { .. } => {}
    }
}

/// The scenario an edit changes, if it changes one's figures.
fn scenario_of(edit: &Edit) -> Option<ScenarioId> {
    match edit {
        Edit::SetOverride { scenario, .. } => Some(*scenario),
        Edit::SetExpression { scenario, .. } => *scenario,
        Edit::Batch(edits) => edits.iter().find_map(scenario_of),
        _ => None,
    }
}

/// The calculation an edit keeps for its figure, if any.
fn typed_as(edit: &Edit) -> Option<String> {
    match edit {
        Edit::SetExpression { text, .. } => text.clone(),
        Edit::Batch(edits) => edits.iter().find_map(typed_as),
        _ => None,
    }
}

fn line_of(key: Key) -> Option<LineId> {
    match key {
        Key::Value { line, .. } | Key::Rate { line } => Some(line),
        _ => None,
    }
}

fn quoted(s: &str) -> String {
    format!("\u{201c}{s}\u{201d}")
}

/// How a figure is named to a user: "Output 1.1, P4 posts, 2013"; a deleted line by the
/// name it had (from the history), "Standard cost P4, 2013", "Ceiling …".
pub fn figure_label(plan: &Plan, history: &History, key: Key) -> String {
    let year = |y: usize| {
        plan.years
            .get(y)
            .cloned()
            .unwrap_or_else(|| format!("year {}", y.saturating_add(1)))
    };
    let line = |id: LineId| -> String {
        plan.outputs
            .iter()
            .find_map(|o| {
                o.lines
                    .iter()
                    .find(|l| l.id == id)
                    .map(|l| format!("Output {}, {}", o.code, crate::model::line_name(plan, l)))
            })
            .or_else(|| {
                plan.scenarios.iter().find_map(|s| {
                    s.added_lines
                        .iter()
                        .map(|a| &a.line)
                        .chain(s.added_outputs.iter().flat_map(|o| &o.lines))
                        .find(|l| l.id == id)
                        .map(|l| {
                            format!("{} (scenario {})", crate::model::line_name(plan, l), s.name)
                        })
                })
            })
            .or_else(|| history.line_name(id).map(|n| format!("{n} (deleted)")))
            .unwrap_or_else(|| format!("a deleted line ({})", id.0))
    };
    match key {
        Key::Value { line: id, year: y } => format!("{}, {}", line(id), year(y)),
        Key::Rate { line: id } => format!("{}, rate", line(id)),
        Key::StandardCost { grade, year: y } => format!(
            "Standard cost {}, {}",
            plan.grade(grade).map_or("?", |g| g.code.as_str()),
            year(y)
        ),
        Key::Escalation => "Escalation of standard costs".into(),
        Key::Ceiling { ceiling } => format!(
            "Ceiling {}",
            plan.ceilings
                .iter()
                .find(|c| c.id == ceiling)
                .map_or_else(|| "(deleted)".to_string(), |c| quoted(&c.name))
        ),
        Key::IncomeValue { income, year: y } => format!(
            "Income {}, {}",
            plan.income
                .iter()
                .find(|i| i.id == income)
                .map_or_else(|| "(deleted)".to_string(), |i| quoted(&i.name)),
            year(y)
        ),
        Key::IncomeRate { income } => format!(
            "Rate of income {}",
            plan.income
                .iter()
                .find(|i| i.id == income)
                .map_or_else(|| "(deleted)".to_string(), |i| quoted(&i.name))
        ),
    }
}

/// What a note is on, in words.
pub fn place_label(plan: &Plan, history: &History, at: NoteAt) -> String {
    match at {
        NoteAt::Figure(key) => figure_label(plan, history, key),
        NoteAt::Line(id) => figure_label(plan, history, Key::Rate { line: id })
            .trim_end_matches(", rate")
            .to_string(),
        NoteAt::Output(id) => plan.output(id).map_or_else(
            || "a deleted output".into(),
            |o| format!("Output {}", o.code),
        ),
        NoteAt::Objective(id) => plan.objective(id).map_or_else(
            || "a deleted objective".into(),
            |o| format!("Objective {}", o.code),
        ),
    }
}

/// Says in words what an edit changes that is not a figure, from the plan before it is
/// applied; names of lines it deletes go to `names`.
fn describe(
    engine: &Engine,
    edit: &Edit,
    out: &mut Vec<String>,
    names: &mut Vec<(LineId, String)>,
) {
    let plan = engine.plan();
    let history = &plan.history;
    let output_code = |id: OutputId| {
        plan.output(id)
            .map_or_else(|| format!("#{}", id.0), |o| o.code.clone())
    };
    let objective_code = |id: ObjectiveId| {
        plan.objective(id)
            .map_or_else(|| format!("#{}", id.0), |o| o.code.clone())
    };
    let line_label = |id: LineId| {
        figure_label(plan, history, Key::Rate { line: id })
            .trim_end_matches(", rate")
            .to_string()
    };
    let deleted_line = |o: &Output, l: &Line, names: &mut Vec<(LineId, String)>| {
        let name = format!("Output {}, {}", o.code, crate::model::line_name(plan, l));
        names.push((l.id, name.clone()));
        name
    };
    match edit {
        Edit::SetFigure { .. } | Edit::SetOverride { .. } => {}
        Edit::Batch(edits) => edits.iter().for_each(|e| describe(engine, e, out, names)),
        Edit::SetLineDescription { line, description } => out.push(format!(
            "{} renamed {}",
            line_label(*line),
            quoted(description)
        )),
        Edit::SetLineKind { line, kind } => {
            let probe = Line {
                id: *line,
                description: String::new(),
                kind: *kind,
                rate: None,
                values: Vec::new(),
            };
            out.push(format!(
                "{} made {}",
                line_label(*line),
                crate::model::kind_text(plan, &probe)
            ))
        }
        Edit::SetLink {
            output,
            objective,
            share,
        } => out.push(match share {
            None => format!(
                "Output {} unlinked from objective {}",
                output_code(*output),
                objective_code(*objective)
            ),
            Some(Share::Equal) => format!(
                "Output {} linked to objective {} (X)",
                output_code(*output),
                objective_code(*objective)
            ),
            Some(Share::Percent(p)) => format!(
                "Output {} linked to objective {} at {} %",
                output_code(*output),
                objective_code(*objective),
                plain(*p)
            ),
        }),
        Edit::InsertLink { output, link, .. } => out.push(format!(
            "Output {} linked to objective {} again",
            output_code(*output),
            objective_code(link.objective)
        )),
        Edit::SetOutputUnit { output, unit } => out.push(format!(
            "Output {} given to org unit {}",
            output_code(*output),
            unit.and_then(|u| plan.unit(u))
                .map_or_else(|| "none".to_string(), |u| u.code.clone())
        )),
        Edit::SetOutputText {
            output,
            code,
            title,
        } => out.push(format!(
            "Output {} retitled {} {}",
            output_code(*output),
            code,
            quoted(title)
        )),
        Edit::SetObjectiveText {
            objective,
            code,
            title,
            ..
        } => out.push(format!(
            "Objective {} retitled {} {}",
            objective_code(*objective),
            code,
            quoted(title)
        )),
        Edit::SetPlanInfo { title, .. } => {
            if *title != plan.title {
                out.push(format!("Plan retitled {}", quoted(title)))
            } else {
                out.push("Plan details changed".into())
            }
        }
        Edit::SetCents(on) => out.push(
            if *on {
                "Figures shown to the cent"
            } else {
                "Figures shown in whole units"
            }
            .into(),
        ),
        Edit::SetNote { at, text } => {
            let place = place_label(plan, history, *at);
            out.push(match text {
                Some(t) => format!("Note on {place}: {}", quoted(t)),
                None => format!("Note on {place} deleted"),
            })
        }
        // A kept calculation goes with the figure change it accompanies (`typed_as`).
        Edit::SetExpression { .. } => {}
        Edit::InsertObjective { objective, .. } => {
            out.push(format!("Objective {} added", objective.code))
        }
        Edit::RemoveObjective { objective } => {
            out.push(format!("Objective {} deleted", objective_code(*objective)))
        }
        Edit::InsertOutput { output, .. } => out.push(format!("Output {} added", output.code)),
        Edit::RemoveOutput { output } => {
            if let Some(o) = plan.output(*output) {
                for l in &o.lines {
                    deleted_line(o, l, names);
                }
            }
            out.push(format!("Output {} deleted", output_code(*output)))
        }
        Edit::InsertLine { output, line, .. } => out.push(format!(
            "Output {}: line {} added",
            output_code(*output),
            quoted(&crate::model::line_name(plan, line))
        )),
        Edit::RemoveLine { line } => {
            let found = engine
                .line_position(*line)
                .and_then(|(o, l)| plan.outputs.get(o).map(|o| (o, o.lines.get(l))));
            match found {
                Some((o, Some(l))) => {
                    let name = deleted_line(o, l, names);
                    out.push(format!("{name} deleted"))
                }
                _ => out.push("A line deleted".into()),
            }
        }
        Edit::MoveObjective { objective, to } => out.push(format!(
            "Objective {} moved to position {}",
            objective_code(*objective),
            to.saturating_add(1)
        )),
        Edit::MoveOutput { output, to } => out.push(format!(
            "Output {} moved to position {}",
            output_code(*output),
            to.saturating_add(1)
        )),
        Edit::MoveLine { line, to } => out.push(format!(
            "{} moved to position {}",
            line_label(*line),
            to.saturating_add(1)
        )),
        Edit::SetKpi(k) => out.push(format!("KPI {} changed", quoted(&k.name))),
        Edit::InsertKpi { kpi, .. } => out.push(format!("KPI {} added", quoted(&kpi.name))),
        Edit::RemoveKpi { kpi } => out.push(format!(
            "KPI {} deleted",
            quoted(
                plan.kpis
                    .iter()
                    .find(|k| k.id == *kpi)
                    .map_or("", |k| k.name.as_str())
            )
        )),
        Edit::SetResult(r) => out.push(format!("Expected result {} changed", quoted(&r.text))),
        Edit::InsertResult { result, .. } => {
            out.push(format!("Expected result {} added", quoted(&result.text)))
        }
        Edit::RemoveResult { .. } => out.push("An expected result deleted".into()),
        Edit::SetRisk(r) => out.push(format!("Risk {} changed", quoted(&r.description))),
        Edit::InsertRisk { risk, .. } => {
            out.push(format!("Risk {} added", quoted(&risk.description)))
        }
        Edit::RemoveRisk { .. } => out.push("A risk deleted".into()),
        Edit::InsertScenario { scenario, .. } => {
            out.push(format!("Scenario {} added", quoted(&scenario.name)))
        }
        Edit::RemoveScenario { scenario } => out.push(format!(
            "Scenario {} deleted",
            quoted(
                plan.scenarios
                    .iter()
                    .find(|s| s.id == *scenario)
                    .map_or("", |s| s.name.as_str())
            )
        )),
        Edit::RenameScenario { name, .. } => {
            out.push(format!("A scenario renamed {}", quoted(name)))
        }
        Edit::SetProposal(p) => out.push(format!("Proposal {} changed", quoted(&p.title))),
        Edit::InsertProposal { proposal, .. } => {
            out.push(format!("Proposal {} added", quoted(&proposal.title)))
        }
        Edit::RemoveProposal { .. } => out.push("A proposal deleted".into()),
    }
}
