//! Edits of what varies the plan without being it: scenarios and proposals. None of them
//! changes a rollup of the baseline.

use super::results::position;
use super::{after, check_amount, unknown, Edit, EditError, EditResult};
use crate::calc::Engine;
use crate::model::scenario::effective;
use crate::model::*;
use rust_decimal::Decimal;

impl Engine {
    /// A scenario's own value for a figure (`Some`), or back to the baseline's (`None`).
    pub(super) fn set_override(
        &mut self,
        id: ScenarioId,
        key: Key,
        value: Option<Option<Decimal>>,
    ) -> EditResult {
        let k = position(&self.plan.scenarios, |s| s.id == id, "scenario", id.0)?;
        if let Some(v) = value {
            check_amount(v)?;
            if v.is_none() && matches!(key, Key::Ceiling { .. }) {
                return Err(EditError::NeedsAmount);
            }
            if effective(&self.plan, &self.plan.scenarios[k], key).is_none() {
                return Err(match key {
                    Key::Value { line, .. } | Key::Rate { line } => {
                        unknown("resource line", line.0)
                    }
                    Key::StandardCost { grade, .. } => unknown("grade", grade.0),
                    Key::Ceiling { ceiling } => unknown("ceiling", ceiling.0),
                    Key::IncomeValue { income, .. } | Key::IncomeRate { income } => {
                        unknown("income line", income.0)
                    }
                    Key::Escalation => unknown("figure", 0),
                });
            }
        }
        let old = self.plan.scenarios[k].set(key, value);
        Ok(Edit::SetOverride {
            scenario: id,
            key,
            value: old,
        })
    }

    pub(super) fn insert_scenario(&mut self, index: usize, scenario: Scenario) -> EditResult {
        let ids: Vec<u32> = scenario.ids().collect();
        for &id in &ids {
            self.check_fresh_id(id)?;
        }
        let len = self.plan.scenarios.len();
        if index > len {
            return Err(EditError::IndexOutOfRange { index, len });
        }
        let next = after(ids.into_iter().max().unwrap_or(0))?;
        let id = scenario.id;
        self.plan.scenarios.insert(index, scenario);
        self.plan.next_id = self.plan.next_id.max(next);
        Ok(Edit::RemoveScenario { scenario: id })
    }

    pub(super) fn remove_scenario(&mut self, scenario: ScenarioId) -> EditResult {
        let k = position(
            &self.plan.scenarios,
            |s| s.id == scenario,
            "scenario",
            scenario.0,
        )?;
        let s = self.plan.scenarios.remove(k);
        Ok(Edit::InsertScenario {
            index: k,
            scenario: Box::new(s),
        })
    }

    pub(super) fn rename_scenario(&mut self, scenario: ScenarioId, name: String) -> EditResult {
        let k = position(
            &self.plan.scenarios,
            |s| s.id == scenario,
            "scenario",
            scenario.0,
        )?;
        let old = std::mem::replace(&mut self.plan.scenarios[k].name, name);
        Ok(Edit::RenameScenario {
            scenario,
            name: old,
        })
    }

    pub(super) fn set_proposal(&mut self, p: Proposal) -> EditResult {
        let k = position(&self.plan.proposals, |x| x.id == p.id, "proposal", p.id.0)?;
        let old = std::mem::replace(&mut self.plan.proposals[k], p);
        Ok(Edit::SetProposal(Box::new(old)))
    }

    pub(super) fn insert_proposal(&mut self, index: usize, proposal: Proposal) -> EditResult {
        let id = proposal.id;
        self.insert_fresh(|p| &mut p.proposals, index, id.0, proposal)?;
        Ok(Edit::RemoveProposal { proposal: id })
    }

    pub(super) fn remove_proposal(&mut self, proposal: ProposalId) -> EditResult {
        let k = position(
            &self.plan.proposals,
            |x| x.id == proposal,
            "proposal",
            proposal.0,
        )?;
        let p = self.plan.proposals.remove(k);
        Ok(Edit::InsertProposal {
            index: k,
            proposal: Box::new(p),
        })
    }
}
