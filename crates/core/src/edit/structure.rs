//! Edits that change the plan's shape: objectives and outputs inserted and removed with
//! everything that belongs to them (links, results, KPIs, risk links), so that removing
//! and putting back is exact. The index and rollups are rebuilt ([`Engine::reshape`]).

use super::{after, check_amount, unknown, Edit, EditError, EditResult};
use crate::calc::Engine;
use crate::model::*;

impl Engine {
    pub(super) fn check_fresh_id(&self, id: u32) -> Result<(), EditError> {
        let p = &self.plan;
        let used = p.objectives.iter().any(|o| o.id.0 == id)
            || p.outputs.iter().any(|o| o.id.0 == id)
            || self.ix.line_pos.keys().any(|l| l.0 == id)
            || p.results.iter().any(|r| r.id.0 == id)
            || p.kpis.iter().any(|k| k.id.0 == id)
            || p.risks.iter().any(|r| r.id.0 == id)
            || p.scenarios.iter().any(|s| s.ids().any(|x| x == id))
            || p.proposals.iter().any(|x| x.id.0 == id);
        if used {
            Err(EditError::DuplicateId { id })
        } else {
            Ok(())
        }
    }

    pub(super) fn insert_objective(
        &mut self,
        index: usize,
        objective: Objective,
        links: Vec<(OutputId, usize, Link)>,
        results: Vec<(usize, ExpectedResult)>,
        kpis: Vec<(usize, Kpi)>,
    ) -> EditResult {
        let len = self.plan.objectives.len();
        if index > len {
            return Err(EditError::IndexOutOfRange { index, len });
        }
        self.check_fresh_id(objective.id.0)?;
        for (out, _, _) in &links {
            self.output_at(*out)?;
        }
        let id = objective.id;
        let next = after(id.0)?;
        self.reshape(|p| {
            p.next_id = p.next_id.max(next);
            p.objectives.insert(index, objective);
            for (out, i, link) in links {
                if let Some(o) = p.outputs.iter_mut().find(|o| o.id == out) {
                    let i = i.min(o.links.len());
                    o.links.insert(i, link);
                }
            }
            for (i, r) in results {
                let i = i.min(p.results.len());
                p.results.insert(i, r);
            }
            for (i, k) in kpis {
                let i = i.min(p.kpis.len());
                p.kpis.insert(i, k);
            }
        })?;
        Ok(Edit::RemoveObjective { objective: id })
    }

    pub(super) fn remove_objective(&mut self, id: ObjectiveId) -> EditResult {
        let index = *self
            .ix
            .objective_pos
            .get(&id)
            .ok_or(unknown("objective", id.0))?;
        let mut inverse = None;
        self.reshape(|p| {
            let objective = p.objectives.remove(index);
            let mut links = Vec::new();
            for o in p.outputs.iter_mut() {
                if let Some(i) = o.links.iter().position(|l| l.objective == id) {
                    links.push((o.id, i, o.links.remove(i)));
                }
            }
            let owner = Owner::Objective(id);
            let results = take_owned(&mut p.results, |r| r.owner == owner);
            let kpis = take_owned(&mut p.kpis, |k| k.owner == owner);
            inverse = Some(Edit::InsertObjective {
                index,
                objective,
                links,
                results,
                kpis,
            });
        })?;
        inverse.ok_or(EditError::Overflow)
    }

    pub(super) fn insert_output(
        &mut self,
        index: usize,
        output: Output,
        results: Vec<(usize, ExpectedResult)>,
        kpis: Vec<(usize, Kpi)>,
        risk_links: Vec<(RiskId, usize)>,
    ) -> EditResult {
        let len = self.plan.outputs.len();
        if index > len {
            return Err(EditError::IndexOutOfRange { index, len });
        }
        self.check_fresh_id(output.id.0)?;
        for line in &output.lines {
            self.check_fresh_id(line.id.0)?;
            for v in &line.values {
                check_amount(*v)?;
            }
        }
        let id = output.id;
        let years = self.ix.years;
        let mut output = output;
        for line in output.lines.iter_mut() {
            line.values.resize(years, None);
        }
        let max_id = output
            .lines
            .iter()
            .map(|l| l.id.0)
            .max()
            .unwrap_or(0)
            .max(id.0);
        let next = after(max_id)?;
        self.reshape(|p| {
            p.next_id = p.next_id.max(next);
            p.outputs.insert(index, output);
            for (i, r) in results {
                let i = i.min(p.results.len());
                p.results.insert(i, r);
            }
            for (i, k) in kpis {
                let i = i.min(p.kpis.len());
                p.kpis.insert(i, k);
            }
            for (risk, i) in risk_links {
                if let Some(r) = p.risks.iter_mut().find(|r| r.id == risk) {
                    let i = i.min(r.outputs.len());
                    r.outputs.insert(i, id);
                }
            }
        })?;
        Ok(Edit::RemoveOutput { output: id })
    }

    pub(super) fn remove_output(&mut self, id: OutputId) -> EditResult {
        let index = self.output_at(id)?;
        let mut inverse = None;
        self.reshape(|p| {
            let output = p.outputs.remove(index);
            let owner = Owner::Output(id);
            let results = take_owned(&mut p.results, |r| r.owner == owner);
            let kpis = take_owned(&mut p.kpis, |k| k.owner == owner);
            let mut risk_links = Vec::new();
            for r in p.risks.iter_mut() {
                if let Some(i) = r.outputs.iter().position(|o| *o == id) {
                    r.outputs.remove(i);
                    risk_links.push((r.id, i));
                }
            }
            inverse = Some(Edit::InsertOutput {
                index,
                output,
                results,
                kpis,
                risk_links,
            });
        })?;
        inverse.ok_or(EditError::Overflow)
    }
}

/// Removes the items that match, returning them with the positions to put them back at
/// (ascending, so re-inserting in order restores the list).
fn take_owned<T>(items: &mut Vec<T>, owned: impl Fn(&T) -> bool) -> Vec<(usize, T)> {
    // Each item's original position, then the owned ones taken out in order.
    let (taken, kept): (Vec<_>, Vec<_>) = std::mem::take(items)
        .into_iter()
        .enumerate()
        .partition(|(_, x)| owned(x));
    *items = kept.into_iter().map(|(_, x)| x).collect();
    taken
}
