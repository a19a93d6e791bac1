//! The rollup delta arithmetic of an incremental edit: take a line's (or an output's)
//! contribution out of every rollup, change the plan, put the new contribution back.
//! Each contribution is priced by [`cell_cost`], the same rule as the full computation,
//! and `tests/edits.rs` checks incremental equals full after any sequence of edits.
//!
//! Every function leaves the engine as it was when it fails: the plan is changed back and
//! the rollups recomputed, so a failed edit leaves no trace.

use super::cells::Cells;
use super::{build_index, cell_cost, line_category, resolve_shares, Engine};
use crate::exact::{self, Exact, Overflow};
use crate::limits::{at, span};
use crate::model::*;
use rust_decimal::Decimal;

impl Engine {
    /// Runs an incremental update; if it overflows, restores the plan with `undo` and
    /// recomputes everything, so a failed edit leaves no trace.
    pub(crate) fn incremental(
        &mut self,
        update: impl FnOnce(&mut Engine) -> Exact<()>,
        undo: impl FnOnce(&mut Plan),
    ) -> Exact<()> {
        if update(self).is_err() {
            undo(&mut self.plan);
            self.recompute()?;
            return Err(Overflow);
        }
        Ok(())
    }

    /// Changes one line: takes its cost for `years` out of every rollup, changes it, puts the
    /// new cost back. On overflow the line is changed back and everything recomputed.
    /// `figures_only`: the change sets figures of `years` and nothing else of the line, so
    /// only those are compiled again.
    pub(crate) fn restate_line(
        &mut self,
        o: usize,
        l: usize,
        years: std::ops::Range<usize>,
        figures_only: bool,
        change: impl FnOnce(&mut Line),
        undo: impl FnOnce(&mut Line),
    ) -> Exact<()> {
        self.incremental(
            |e| {
                e.line_contribution(o, l, years.clone(), true)?;
                change(&mut e.plan.outputs[o].lines[l]);
                if !(figures_only
                    && e.cells
                        .refigure(o, l, &e.plan.outputs[o].lines[l], years.clone()))
                {
                    e.recompile(o, l);
                }
                e.line_contribution(o, l, years, false)
            },
            |p| undo(&mut p.outputs[o].lines[l]),
        )
    }

    /// The compiled figures of one line again, after it changed.
    fn recompile(&mut self, o: usize, l: usize) {
        let c = self.cells.compile(
            &self.plan.outputs[o].lines[l],
            &self.ix,
            self.plan.categories.len(),
        );
        self.cells.put(o, l, c, false);
    }

    /// Adds (or with `subtract`, removes) one line's cost for some years to every rollup.
    pub(crate) fn line_contribution(
        &mut self,
        o: usize,
        l: usize,
        years: std::ops::Range<usize>,
        subtract: bool,
    ) -> Exact<()> {
        let n = self.ix.years;
        let line = &self.plan.outputs[o].lines[l];
        let c = line_category(line, &self.ix, self.plan.categories.len());
        let u = self.ix.output_unit[o];
        for y in years {
            let Some((v, den)) = cell_cost(&self.plan.outputs[o].lines[l], y, &self.ix)? else {
                continue;
            };
            let v = if subtract { -v } else { v };
            self.roll.output[at(o, n, y)].add_over(v, den)?;
            self.roll.category[at(c, n, y)].add_over(v, den)?;
            self.roll.unit[at(u, n, y)].add_over(v, den)?;
            self.roll.total[y].add_over(v, den)?;
            for &(k, ratio) in &self.ix.shares[o] {
                let scaled = if ratio.num == Decimal::ONE {
                    v
                } else {
                    exact::mul(v, ratio.num)?
                };
                let d = den.checked_mul(u64::from(ratio.den)).ok_or(Overflow)?;
                self.roll.objective[at(k, n, y)].add_over(scaled, d)?;
            }
        }
        Ok(())
    }

    /// Adds (or removes) an output's cost to its objectives by its current shares.
    pub(crate) fn output_objectives(&mut self, o: usize, subtract: bool) -> Exact<()> {
        let n = self.ix.years;
        for y in 0..n {
            let cell = self.roll.output[at(o, n, y)].clone();
            for &(k, ratio) in &self.ix.shares[o] {
                if subtract {
                    self.roll.objective[at(k, n, y)].sub_scaled(&cell, ratio)?;
                } else {
                    self.roll.objective[at(k, n, y)].add_scaled(&cell, ratio)?;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn relink(
        &mut self,
        o: usize,
        before: Vec<Link>,
        change: impl FnOnce(&mut Vec<Link>),
    ) -> Exact<()> {
        self.incremental(
            |e| {
                e.output_objectives(o, true)?;
                change(&mut e.plan.outputs[o].links);
                e.ix.shares[o] = resolve_shares(&e.plan.outputs[o].links, &e.ix.objective_pos)?;
                e.output_objectives(o, false)
            },
            |p| p.outputs[o].links = before,
        )
    }

    pub(crate) fn move_output_unit(&mut self, o: usize, subtract: bool) -> Exact<()> {
        let n = self.ix.years;
        let u = self.ix.output_unit[o];
        for y in 0..n {
            let cell = self.roll.output[at(o, n, y)].clone();
            if subtract {
                self.roll.unit[at(u, n, y)].sub_scaled(&cell, exact::Ratio::ONE)?;
            } else {
                self.roll.unit[at(u, n, y)].add_sum(&cell)?;
            }
        }
        Ok(())
    }

    /// A standard cost or the escalation changed: take out the staff lines it prices
    /// (of one grade, or all), change it, re-derive the effective costs, put them back.
    pub(crate) fn restate_staff_costs(
        &mut self,
        grade: Option<GradeId>,
        change: impl FnOnce(&mut Plan),
        undo: impl FnOnce(&mut Plan),
    ) -> Exact<()> {
        let affected: Vec<(usize, usize)> = self
            .plan
            .outputs
            .iter()
            .enumerate()
            .flat_map(|(o, out)| {
                out.lines
                    .iter()
                    .enumerate()
                    .filter_map(move |(l, line)| match line.kind {
                        LineKind::Staff { grade: g, .. }
                            if line.rate.is_none() && grade.is_none_or(|x| x == g) =>
                        {
                            Some((o, l))
                        }
                        _ => None,
                    })
            })
            .collect();
        let n = self.ix.years;
        self.incremental(
            |e| {
                for &(o, l) in &affected {
                    e.line_contribution(o, l, 0..n, true)?;
                }
                change(&mut e.plan);
                e.refresh_std_costs()?;
                e.cells.refresh_std(&e.ix, e.plan.grades.len());
                for &(o, l) in &affected {
                    e.line_contribution(o, l, 0..n, false)?;
                }
                Ok(())
            },
            undo,
        )
    }

    pub(crate) fn refresh_std_costs(&mut self) -> Exact<()> {
        let n = self.ix.years;
        for row in &self.plan.standard_costs.rows {
            if let Some(&g) = self.ix.grade_pos.get(&row.grade) {
                let eff = super::effective_costs(
                    &row.costs,
                    self.plan.standard_costs.escalation_percent,
                    n,
                )?;
                self.ix.std_cost[span(g, n)].copy_from_slice(&eff);
            }
        }
        Ok(())
    }

    /// Puts the positions of one output's lines in the index again, after its lines were
    /// inserted, removed or moved (other outputs' lines keep theirs).
    pub(crate) fn reindex_lines(&mut self, o: usize) {
        if let Some(out) = self.plan.outputs.get(o) {
            for (l, line) in out.lines.iter().enumerate() {
                self.ix.line_pos.insert(line.id, (o, l));
            }
        }
    }

    /// A line added to an output, its cost added to every rollup: a structural edit at the
    /// cost of one line, not of the plan. On overflow the line goes again and everything is
    /// recomputed.
    pub(crate) fn insert_line_at(&mut self, o: usize, l: usize, line: Line) -> Exact<()> {
        let n = self.ix.years;
        let id = line.id;
        let compiled = self
            .cells
            .compile(&line, &self.ix, self.plan.categories.len());
        self.plan.outputs[o].lines.insert(l, line);
        self.cells.put(o, l, compiled, true);
        self.reindex_lines(o);
        if self.line_contribution(o, l, 0..n, false).is_err() {
            self.plan.outputs[o].lines.remove(l);
            self.ix.line_pos.remove(&id);
            self.recompute()?;
            return Err(Overflow);
        }
        Ok(())
    }

    /// A line taken out of an output, its cost taken out of every rollup first.
    pub(crate) fn remove_line_at(&mut self, o: usize, l: usize) -> Exact<Line> {
        let n = self.ix.years;
        if self.line_contribution(o, l, 0..n, true).is_err() {
            self.recompute()?;
            return Err(Overflow);
        }
        let line = self.plan.outputs[o].lines.remove(l);
        self.cells.remove(o, l);
        self.ix.line_pos.remove(&line.id);
        self.reindex_lines(o);
        Ok(line)
    }

    /// A line moved within its output: order changes no sum, only positions.
    pub(crate) fn move_line_at(&mut self, o: usize, from: usize, to: usize) {
        let line = self.plan.outputs[o].lines.remove(from);
        self.plan.outputs[o].lines.insert(to, line);
        let compiled = self.cells.lines[o].remove(from);
        self.cells.lines[o].insert(to, compiled);
        self.reindex_lines(o);
    }

    /// A change of shape: applies it, then rebuilds index, compiled figures and rollups. If
    /// that overflows, the plan as it was is restored.
    pub(crate) fn reshape(&mut self, change: impl FnOnce(&mut Plan)) -> Exact<()> {
        let before = self.plan.clone();
        change(&mut self.plan);
        let rebuilt = build_index(&self.plan).and_then(|ix| {
            let cells = Cells::build(&self.plan, &ix);
            let roll = cells.sum(&self.plan, &ix)?;
            Ok((ix, cells, roll))
        });
        match rebuilt {
            Ok((ix, cells, roll)) => {
                self.ix = ix;
                self.cells = cells;
                self.roll = roll;
                Ok(())
            }
            Err(_) => {
                self.plan = before;
                Err(Overflow)
            }
        }
    }
}
