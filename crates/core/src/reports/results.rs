//! The results framework read beside the money: KPI status per year, the risk matrix, and
//! each objective's cost next to its results, KPIs and risks.
//!
//! KPI status rule (one definition, used by the view, the CSV export and the tests):
//! a year has **no data** unless it has both a target and an actual; otherwise the KPI is
//! **on track** when the actual meets the target in the KPI's direction (at least the
//! target when higher is better, at most the target when lower is better), and **off
//! track** when it does not. Meeting the target exactly is on track.

use crate::calc::{Dim, Engine, Figures};
use crate::exact::Overflow;
use crate::model::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    OnTrack,
    OffTrack,
    NoData,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::OnTrack => "on track",
            Status::OffTrack => "off track",
            Status::NoData => "no data",
        }
    }
}

/// A KPI's status in plan year `year` (an index into `plan.years`).
pub fn status(kpi: &Kpi, year: usize) -> Status {
    let target = kpi.targets.get(year).copied().flatten();
    let actual = kpi.actuals.get(year).copied().flatten();
    match (target, actual) {
        (Some(t), Some(a)) => {
            let met = match kpi.direction {
                Direction::HigherIsBetter => a >= t,
                Direction::LowerIsBetter => a <= t,
            };
            if met {
                Status::OnTrack
            } else {
                Status::OffTrack
            }
        }
        _ => Status::NoData,
    }
}

/// The status of every plan year.
pub fn statuses(kpi: &Kpi, years: usize) -> Vec<Status> {
    (0..years).map(|y| status(kpi, y)).collect()
}

/// The latest year with data and its status: where the KPI stands now.
pub fn latest(kpi: &Kpi, years: usize) -> Option<(usize, Status)> {
    (0..years)
        .rev()
        .map(|y| (y, status(kpi, y)))
        .find(|(_, s)| *s != Status::NoData)
}

/// How serious a risk is, from likelihood x impact (each 1 to 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn of(likelihood: u8, impact: u8) -> Severity {
        match u16::from(likelihood).saturating_mul(u16::from(impact)) {
            0..=4 => Severity::Low,
            5..=9 => Severity::Medium,
            10..=16 => Severity::High,
            _ => Severity::Critical,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// The plan's risks on a 5 x 5 grid: `cells[impact - 1][likelihood - 1]` lists the risks
/// there. Risks whose scores are out of range are left out (validation reports them).
pub fn risk_matrix(plan: &Plan) -> [[Vec<RiskId>; 5]; 5] {
    let mut cells: [[Vec<RiskId>; 5]; 5] = Default::default();
    for r in &plan.risks {
        if (1..=5).contains(&r.likelihood) && (1..=5).contains(&r.impact) {
            cells[usize::from(r.impact.saturating_sub(1))]
                [usize::from(r.likelihood.saturating_sub(1))]
            .push(r.id);
        }
    }
    cells
}

/// One objective with what it costs and what it is meant to deliver.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveResults<'a> {
    pub objective: &'a Objective,
    /// Its cost by year, biennium and period (its share of each output it serves).
    pub cost: Figures,
    /// The outputs that serve it, with each output's full cost.
    pub outputs: Vec<(&'a Output, Figures)>,
    /// Expected results of the objective and of its outputs.
    pub results: Vec<&'a ExpectedResult>,
    /// KPIs of the objective and of its outputs, with a status per year.
    pub kpis: Vec<(&'a Kpi, Vec<Status>)>,
    /// Risks to any of its outputs, most serious first.
    pub risks: Vec<&'a Risk>,
}

/// Every objective with its cost, results, KPIs and risks, in plan order.
pub fn by_objective(engine: &Engine) -> Result<Vec<ObjectiveResults<'_>>, Overflow> {
    let plan = engine.plan();
    let objectives = engine.table(Dim::Objective)?;
    let outputs = engine.table(Dim::Output)?;
    let years = plan.years.len();
    let mut out = Vec::with_capacity(plan.objectives.len());
    for (k, objective) in plan.objectives.iter().enumerate() {
        let serving: Vec<(&Output, Figures)> = plan
            .outputs
            .iter()
            .enumerate()
            .filter(|(_, o)| o.links.iter().any(|l| l.objective == objective.id))
            .filter_map(|(i, o)| outputs.rows.get(i).map(|r| (o, r.figures.clone())))
            .collect();
        // The objective table has a row per objective, in plan order.
        let Some(cost) = objectives.rows.get(k).map(|r| r.figures.clone()) else {
            continue;
        };
        let owned = |owner: &Owner| match owner {
            Owner::Objective(id) => *id == objective.id,
            Owner::Output(id) => serving.iter().any(|(o, _)| o.id == *id),
        };
        let mut risks: Vec<&Risk> = plan
            .risks
            .iter()
            .filter(|r| {
                r.outputs
                    .iter()
                    .any(|id| serving.iter().any(|(o, _)| o.id == *id))
            })
            .collect();
        crate::order::sort_by_key(&mut risks, |r| {
            std::cmp::Reverse(u16::from(r.likelihood).saturating_mul(u16::from(r.impact)))
        });
        out.push(ObjectiveResults {
            objective,
            cost,
            results: plan.results.iter().filter(|r| owned(&r.owner)).collect(),
            kpis: plan
                .kpis
                .iter()
                .filter(|kpi| owned(&kpi.owner))
                .map(|kpi| (kpi, statuses(kpi, years)))
                .collect(),
            risks,
            outputs: serving,
        });
    }
    Ok(out)
}
