//! Setting one figure of the plan, by its [`Key`]. Every kind of figure is one arm of one
//! exhaustive match, so a new kind cannot compile without saying how it is set; scenarios,
//! history and the shown view all go through this one edit.

use super::{check_amount, unknown, Edit, EditError, EditResult};
use crate::calc::{series_amount, Engine};
use crate::exact;
use crate::model::*;
use rust_decimal::Decimal;

impl Engine {
    /// Sets a figure and returns the edit that sets it back. A ceiling cannot be blank.
    pub(super) fn set_figure(&mut self, key: Key, value: Option<Decimal>) -> EditResult {
        check_amount(value)?;
        let old = match key {
            Key::Value { line, year } => {
                let (o, l) = self.line_at(line)?;
                self.check_year(year)?;
                let len = self.plan.outputs[o].lines[l].values.len();
                if year >= len {
                    return Err(EditError::YearOutOfRange { year, years: len });
                }
                let old = self.plan.outputs[o].lines[l].values[year];
                self.restate_line(
                    o,
                    l,
                    year..year.saturating_add(1),
                    true,
                    |line| line.values[year] = value,
                    |line| line.values[year] = old,
                )?;
                old
            }
            Key::Rate { line } => {
                let (o, l) = self.line_at(line)?;
                let old = self.plan.outputs[o].lines[l].rate;
                let n = self.ix.years;
                self.restate_line(
                    o,
                    l,
                    0..n,
                    false,
                    |line| line.rate = value,
                    |line| line.rate = old,
                )?;
                old
            }
            Key::StandardCost { grade, year } => {
                self.check_year(year)?;
                let row = self
                    .plan
                    .standard_costs
                    .rows
                    .iter()
                    .position(|r| r.grade == grade)
                    .ok_or(unknown("standard cost row for grade", grade.0))?;
                let len = self.plan.standard_costs.rows[row].costs.len();
                if year >= len {
                    return Err(EditError::YearOutOfRange { year, years: len });
                }
                let old = self.plan.standard_costs.rows[row].costs[year];
                self.restate_staff_costs(
                    Some(grade),
                    |p| p.standard_costs.rows[row].costs[year] = value,
                    |p| p.standard_costs.rows[row].costs[year] = old,
                )?;
                old
            }
            Key::Escalation => {
                let old = self.plan.standard_costs.escalation_percent;
                self.restate_staff_costs(
                    None,
                    |p| p.standard_costs.escalation_percent = value,
                    |p| p.standard_costs.escalation_percent = old,
                )?;
                old
            }
            Key::Ceiling { ceiling } => {
                let amount = value.ok_or(EditError::NeedsAmount)?;
                let c = self
                    .plan
                    .ceilings
                    .iter_mut()
                    .find(|c| c.id == ceiling)
                    .ok_or(unknown("ceiling", ceiling.0))?;
                Some(std::mem::replace(&mut c.amount, amount))
            }
            Key::IncomeValue { income, year } => {
                let i = self.income_at(income)?;
                self.check_year(year)?;
                let len = self.plan.income[i].values.len();
                if year >= len {
                    return Err(EditError::YearOutOfRange { year, years: len });
                }
                let old = self.plan.income[i].values[year];
                self.incremental(
                    |e| {
                        let inc = &e.plan.income[i];
                        let before = series_amount(&inc.values, inc.rate, year)?;
                        e.plan.income[i].values[year] = value;
                        let inc = &e.plan.income[i];
                        let after = series_amount(&inc.values, inc.rate, year)?;
                        let delta =
                            exact::sub(after.unwrap_or_default(), before.unwrap_or_default())?;
                        e.roll.income[year].add_decimal(delta)
                    },
                    |p| p.income[i].values[year] = old,
                )?;
                old
            }
            Key::IncomeRate { income } => {
                let i = self.income_at(income)?;
                let old = std::mem::replace(&mut self.plan.income[i].rate, value);
                if self.recompute().is_err() {
                    self.plan.income[i].rate = old;
                    self.recompute()?;
                    return Err(EditError::Overflow);
                }
                old
            }
        };
        Ok(Edit::SetFigure { key, value: old })
    }

    fn income_at(&self, income: IncomeId) -> Result<usize, EditError> {
        self.ix
            .income_pos
            .get(&income)
            .copied()
            .ok_or(unknown("income line", income.0))
    }
}
