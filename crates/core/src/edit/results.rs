//! The results framework's edits: expected results, KPIs and risks. None of them changes a
//! figure, so no rollup is touched.

use super::{after, check_amount, unknown, Edit, EditError, EditResult};
use crate::calc::Engine;
use crate::model::*;

impl Engine {
    fn check_owner(&self, owner: Owner) -> Result<(), EditError> {
        match owner {
            Owner::Objective(id) if !self.ix.objective_pos.contains_key(&id) => {
                Err(unknown("objective", id.0))
            }
            Owner::Output(id) if !self.ix.output_pos.contains_key(&id) => {
                Err(unknown("output", id.0))
            }
            _ => Ok(()),
        }
    }

    fn check_kpi(&self, kpi: &Kpi) -> Result<(), EditError> {
        self.check_owner(kpi.owner)?;
        let years = self.ix.years;
        for series in [&kpi.targets, &kpi.actuals] {
            if series.len() != years {
                return Err(EditError::YearOutOfRange {
                    year: series.len().saturating_sub(1),
                    years,
                });
            }
            for v in series {
                check_amount(*v)?;
            }
        }
        check_amount(kpi.baseline.as_ref().map(|b| b.value))
    }

    fn check_risk(&self, risk: &Risk) -> Result<(), EditError> {
        for (what, value) in [("likelihood", risk.likelihood), ("impact", risk.impact)] {
            if !(1..=5).contains(&value) {
                return Err(EditError::OffScale { what, value });
            }
        }
        match risk
            .outputs
            .iter()
            .find(|o| !self.ix.output_pos.contains_key(o))
        {
            Some(o) => Err(unknown("output", o.0)),
            None => Ok(()),
        }
    }

    /// Inserts an item with an id not used in the plan at `index` of one of its lists; the
    /// id is never handed out again.
    pub(super) fn insert_fresh<T>(
        &mut self,
        list: fn(&mut Plan) -> &mut Vec<T>,
        index: usize,
        id: u32,
        item: T,
    ) -> Result<(), EditError> {
        self.check_fresh_id(id)?;
        let next = after(id)?;
        let items = list(&mut self.plan);
        if index > items.len() {
            return Err(EditError::IndexOutOfRange {
                index,
                len: items.len(),
            });
        }
        items.insert(index, item);
        self.plan.next_id = self.plan.next_id.max(next);
        Ok(())
    }

    pub(super) fn set_kpi(&mut self, kpi: Kpi) -> EditResult {
        self.check_kpi(&kpi)?;
        let k = position(&self.plan.kpis, |x| x.id == kpi.id, "KPI", kpi.id.0)?;
        let old = std::mem::replace(&mut self.plan.kpis[k], kpi);
        Ok(Edit::SetKpi(Box::new(old)))
    }

    pub(super) fn insert_kpi(&mut self, index: usize, mut kpi: Kpi) -> EditResult {
        let years = self.ix.years;
        kpi.targets.resize(years, None);
        kpi.actuals.resize(years, None);
        self.check_kpi(&kpi)?;
        let id = kpi.id;
        self.insert_fresh(|p| &mut p.kpis, index, id.0, kpi)?;
        Ok(Edit::RemoveKpi { kpi: id })
    }

    pub(super) fn remove_kpi(&mut self, kpi: KpiId) -> EditResult {
        let index = position(&self.plan.kpis, |x| x.id == kpi, "KPI", kpi.0)?;
        let kpi = Box::new(self.plan.kpis.remove(index));
        Ok(Edit::InsertKpi { index, kpi })
    }

    pub(super) fn set_result(&mut self, result: ExpectedResult) -> EditResult {
        self.check_owner(result.owner)?;
        let k = position(
            &self.plan.results,
            |x| x.id == result.id,
            "expected result",
            result.id.0,
        )?;
        Ok(Edit::SetResult(std::mem::replace(
            &mut self.plan.results[k],
            result,
        )))
    }

    pub(super) fn insert_result(&mut self, index: usize, result: ExpectedResult) -> EditResult {
        self.check_owner(result.owner)?;
        let id = result.id;
        self.insert_fresh(|p| &mut p.results, index, id.0, result)?;
        Ok(Edit::RemoveResult { result: id })
    }

    pub(super) fn remove_result(&mut self, result: ResultId) -> EditResult {
        let index = position(
            &self.plan.results,
            |x| x.id == result,
            "expected result",
            result.0,
        )?;
        let result = self.plan.results.remove(index);
        Ok(Edit::InsertResult { index, result })
    }

    pub(super) fn set_risk(&mut self, risk: Risk) -> EditResult {
        self.check_risk(&risk)?;
        let k = position(&self.plan.risks, |x| x.id == risk.id, "risk", risk.id.0)?;
        let old = std::mem::replace(&mut self.plan.risks[k], risk);
        Ok(Edit::SetRisk(Box::new(old)))
    }

    pub(super) fn insert_risk(&mut self, index: usize, risk: Risk) -> EditResult {
        self.check_risk(&risk)?;
        let id = risk.id;
        self.insert_fresh(|p| &mut p.risks, index, id.0, risk)?;
        Ok(Edit::RemoveRisk { risk: id })
    }

    pub(super) fn remove_risk(&mut self, risk: RiskId) -> EditResult {
        let index = position(&self.plan.risks, |x| x.id == risk, "risk", risk.0)?;
        let risk = Box::new(self.plan.risks.remove(index));
        Ok(Edit::InsertRisk { index, risk })
    }
}

pub(super) fn position<T>(
    items: &[T],
    found: impl Fn(&T) -> bool,
    what: &'static str,
    id: u32,
) -> Result<usize, EditError> {
    items.iter().position(found).ok_or(unknown(what, id))
}
