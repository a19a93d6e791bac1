//! Validation: everything wrong or doubtful in a plan, each with where and why.
//!
//! Validation never changes the plan and never stops at the first problem: a user fixing a
//! plan wants the whole list. Errors make figures wrong (a share total that is not 100 %, a
//! staff line with no standard cost); warnings are worth a look (an output with no objective).

use crate::calc::{effective_costs, Engine};
use crate::model::*;
use crate::numfmt::{max_amount, plain, MAX_DECIMALS};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where in the plan a finding is. Codes and labels, not ids: that is what a user sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Plan,
    Year(String),
    Objective(String),
    Output(String),
    Link {
        output: String,
        objective: String,
    },
    Line {
        output: String,
        line: usize,
        year: Option<String>,
    },
    StandardCost {
        grade: String,
        year: Option<String>,
    },
    Unit(String),
    Income {
        name: String,
        year: Option<String>,
    },
    Ceiling(String),
    Result(usize),
    Kpi(String),
    Risk(String),
    Scenario(String),
    Proposal(String),
    /// A note, by what it is on.
    Note(String),
    /// The history, by record number (from 1).
    History(usize),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = |y: &Option<String>| y.as_ref().map(|y| format!(", {y}")).unwrap_or_default();
        match self {
            Location::Plan => f.write_str("plan"),
            Location::Year(y) => write!(f, "year {y}"),
            Location::Objective(c) => write!(f, "objective {c}"),
            Location::Output(c) => write!(f, "output {c}"),
            Location::Link { output, objective } => {
                write!(f, "output {output} -> objective {objective}")
            }
            Location::Line {
                output,
                line,
                year: y,
            } => {
                write!(
                    f,
                    "output {output}, line {}{}",
                    line.saturating_add(1),
                    year(y)
                )
            }
            Location::StandardCost { grade, year: y } => {
                write!(f, "standard cost {grade}{}", year(y))
            }
            Location::Unit(c) => write!(f, "org unit {c}"),
            Location::Income { name, year: y } => {
                write!(f, "income \u{201c}{name}\u{201d}{}", year(y))
            }
            Location::Ceiling(n) => write!(f, "ceiling \u{201c}{n}\u{201d}"),
            Location::Result(i) => write!(f, "expected result {}", i.saturating_add(1)),
            Location::Kpi(n) => write!(f, "KPI \u{201c}{n}\u{201d}"),
            Location::Risk(n) => write!(f, "risk \u{201c}{n}\u{201d}"),
            Location::Scenario(n) => write!(f, "scenario \u{201c}{n}\u{201d}"),
            Location::Proposal(n) => write!(f, "proposal \u{201c}{n}\u{201d}"),
            Location::Note(on) => write!(f, "note on {on}"),
            Location::History(r) => write!(f, "history, record {r}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
    /// The plan's shape is broken here (per-year figures not matching the years, an id used
    /// twice): it must not be opened for editing until fixed.
    pub blocks_editing: bool,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.severity.name(),
            self.location,
            self.message
        )
    }
}

/// Findings that make a plan unsafe to open for editing: per-year figures that do not match
/// the plan's years, and ids used twice. A file with these is refused, not repaired, so no
/// figure is silently dropped or invented.
pub fn shape_errors(plan: &Plan) -> Vec<Finding> {
    validate(plan)
        .into_iter()
        .filter(|f| f.blocks_editing)
        .collect()
}

/// The first findings in one line, `place: message; …; and N more`, for an error message.
pub fn summary(findings: &[Finding], most: usize) -> String {
    let list: Vec<String> = findings
        .iter()
        .take(most)
        .map(|f| format!("{}: {}", f.location, f.message))
        .collect();
    let mut text = list.join("; ");
    if findings.len() > most {
        text.push_str(&format!(
            "; and {} more",
            findings.len().saturating_sub(most)
        ));
    }
    text
}

/// What an output's links claim: the explicit percentages' sum and the number of X marks.
pub fn share_claims(links: &[Link]) -> (Decimal, usize) {
    let mut explicit = Decimal::ZERO;
    let mut equal: usize = 0;
    for l in links {
        match l.share {
            Share::Equal => equal = equal.saturating_add(1),
            Share::Percent(p) => explicit = explicit.checked_add(p).unwrap_or(Decimal::MAX),
        }
    }
    (explicit, equal)
}

/// Do an output's shares sum to 100 %? Percentages alone must make 100; with X marks they
/// must leave something for the marks to share. No links at all is a warning, not this.
pub fn shares_complete(links: &[Link]) -> bool {
    let (explicit, equal) = share_claims(links);
    links.is_empty()
        || if equal == 0 {
            explicit == Decimal::ONE_HUNDRED
        } else {
            explicit < Decimal::ONE_HUNDRED
        }
}

/// Has any finding the severity `Error`?
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

struct Collector {
    out: Vec<Finding>,
}

impl Collector {
    fn push(
        &mut self,
        severity: Severity,
        blocks_editing: bool,
        location: Location,
        message: impl Into<String>,
    ) {
        self.out.push(Finding {
            severity,
            location,
            message: message.into(),
            blocks_editing,
        });
    }
    fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Error, false, location, message);
    }
    fn warn(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Warning, false, location, message);
    }
    /// An error in the plan's shape: see [`Finding::blocks_editing`].
    fn shape(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Error, true, location, message);
    }
}

fn duplicates<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    let mut dup = Vec::new();
    for c in codes {
        if !seen.insert(c) && !dup.contains(&c) {
            dup.push(c);
        }
    }
    dup
}

/// Every finding for a plan, errors and warnings, in plan order.
pub fn validate(plan: &Plan) -> Vec<Finding> {
    let mut c = Collector { out: Vec::new() };
    let n = plan.years.len();
    let year = |y: usize| plan.years.get(y).cloned();

    if n == 0 {
        c.shape(Location::Plan, "the plan has no years");
    }
    for y in duplicates(plan.years.iter().map(String::as_str)) {
        c.error(
            Location::Year(y.into()),
            "this year label appears more than once",
        );
    }
    if plan.title.trim().is_empty() {
        c.warn(Location::Plan, "the plan has no title");
    }

    let mut ids: HashMap<u32, &'static str> = HashMap::new();
    let mut id = |c: &mut Collector, v: u32, what: &'static str| {
        if let Some(prev) = ids.insert(v, what) {
            c.shape(
                Location::Plan,
                format!("id {v} is used by both a {prev} and a {what}; ids must be unique"),
            );
        }
        if v >= plan.next_id {
            c.shape(
                Location::Plan,
                format!("id {v} ({what}) is not below next_id {}", plan.next_id),
            );
        }
    };

    let grades: HashMap<GradeId, &Grade> = plan.grades.iter().map(|g| (g.id, g)).collect();
    let categories: HashSet<CategoryId> = plan.categories.iter().map(|x| x.id).collect();
    let objectives: HashMap<ObjectiveId, &Objective> =
        plan.objectives.iter().map(|o| (o.id, o)).collect();
    let units: HashMap<UnitId, &OrgUnit> = plan.units.iter().map(|u| (u.id, u)).collect();
    let outputs: HashSet<OutputId> = plan.outputs.iter().map(|o| o.id).collect();

    for g in &plan.grades {
        id(&mut c, g.id.0, "grade");
    }
    for x in &plan.categories {
        id(&mut c, x.id.0, "category");
    }
    for x in duplicates(plan.grades.iter().map(|g| g.code.as_str())) {
        c.error(
            Location::StandardCost {
                grade: x.into(),
                year: None,
            },
            "this grade code appears more than once",
        );
    }
    if let Some(s) = plan.staff_category {
        if !categories.contains(&s) {
            c.error(
                Location::Plan,
                "the staff cost category is not one of the plan's categories",
            );
        }
    }

    // Standard costs
    let mut std_eff: HashMap<GradeId, Series> = HashMap::new();
    for row in &plan.standard_costs.rows {
        let Some(g) = grades.get(&row.grade) else {
            c.error(
                Location::StandardCost {
                    grade: format!("#{}", row.grade.0),
                    year: None,
                },
                "a standard cost row names a grade the plan does not have",
            );
            continue;
        };
        if row.costs.len() != n {
            c.shape(
                Location::StandardCost {
                    grade: g.code.clone(),
                    year: None,
                },
                format!(
                    "has {} yearly figures for {} plan years",
                    row.costs.len(),
                    n
                ),
            );
        }
        for (y, v) in row.costs.iter().enumerate() {
            if matches!(v, Some(v) if v.is_sign_negative() && !v.is_zero()) {
                c.error(
                    Location::StandardCost {
                        grade: g.code.clone(),
                        year: year(y),
                    },
                    "a standard cost cannot be negative",
                );
            }
        }
        if let Ok(eff) = effective_costs(&row.costs, plan.standard_costs.escalation_percent, n) {
            std_eff.insert(row.grade, eff);
        }
    }

    // Objectives
    for o in &plan.objectives {
        id(&mut c, o.id.0, "objective");
        if o.code.trim().is_empty() {
            c.warn(
                Location::Objective(o.title.clone()),
                "the objective has no code",
            );
        }
        if let Some(g) = o.goal {
            if !plan.goals.iter().any(|x| x.id == g) {
                c.error(
                    Location::Objective(o.code.clone()),
                    "its strategic goal does not exist",
                );
            }
        }
    }
    for x in duplicates(plan.objectives.iter().map(|o| o.code.as_str())) {
        c.error(
            Location::Objective(x.into()),
            "two objectives have this code",
        );
    }

    // Units
    for u in &plan.units {
        id(&mut c, u.id.0, "org unit");
        if let Some(p) = u.parent {
            if !units.contains_key(&p) {
                c.error(
                    Location::Unit(u.code.clone()),
                    "its parent unit does not exist",
                );
            }
        }
        // A parent chain longer than the number of units is a cycle.
        let mut cur = u.parent;
        let mut steps: usize = 0;
        while let Some(p) = cur {
            steps = steps.saturating_add(1);
            if p == u.id || steps > plan.units.len() {
                c.error(
                    Location::Unit(u.code.clone()),
                    "the unit is its own ancestor (a cycle in the org tree)",
                );
                break;
            }
            cur = units.get(&p).and_then(|x| x.parent);
        }
    }
    for x in duplicates(plan.units.iter().map(|u| u.code.as_str())) {
        c.error(Location::Unit(x.into()), "two org units have this code");
    }

    // Outputs, links, lines
    for o in &plan.outputs {
        id(&mut c, o.id.0, "output");
        let loc = || Location::Output(o.code.clone());
        if let Some(u) = o.unit {
            if !units.contains_key(&u) {
                c.error(loc(), "its responsible org unit does not exist");
            }
        }
        if o.links.is_empty() {
            c.warn(
                loc(),
                "the output serves no objective, so its cost is not allocated to any",
            );
        }
        let mut seen = HashSet::new();
        for l in &o.links {
            let obj_code = objectives
                .get(&l.objective)
                .map(|x| x.code.clone())
                .unwrap_or_else(|| format!("#{}", l.objective.0));
            let link_loc = || Location::Link {
                output: o.code.clone(),
                objective: obj_code.clone(),
            };
            if !objectives.contains_key(&l.objective) {
                c.error(link_loc(), "the objective does not exist");
            }
            if !seen.insert(l.objective) {
                c.error(link_loc(), "the output is linked to this objective twice");
            }
            if let Share::Percent(p) = l.share {
                if p.is_sign_negative() && !p.is_zero() {
                    c.error(link_loc(), "a share cannot be negative");
                }
            }
        }
        if !shares_complete(&o.links) {
            let (explicit, equal) = share_claims(&o.links);
            let msg = if equal == 0 {
                format!("its shares sum to {} %, not 100 %", plain(explicit))
            } else {
                format!(
                    "its explicit shares take {} %, leaving nothing for the objectives marked X",
                    plain(explicit)
                )
            };
            c.error(loc(), msg);
        }
        for (li, line) in o.lines.iter().enumerate() {
            id(&mut c, line.id.0, "resource line");
            let lloc = |y: Option<usize>| Location::Line {
                output: o.code.clone(),
                line: li,
                year: y.and_then(year),
            };
            if line.values.len() != n {
                c.shape(
                    lloc(None),
                    format!(
                        "has {} yearly figures for {} plan years",
                        line.values.len(),
                        n
                    ),
                );
            }
            if matches!(line.rate, Some(r) if r.is_sign_negative() && !r.is_zero()) {
                c.warn(lloc(None), "the rate is negative");
            }
            match line.kind {
                LineKind::Staff { grade, basis } => {
                    let Some(g) = grades.get(&grade) else {
                        c.error(
                            lloc(None),
                            "the grade does not exist in the plan's grade list",
                        );
                        continue;
                    };
                    let unit_name = match basis {
                        StaffBasis::Posts => "posts",
                        StaffBasis::WorkMonths => "work-months",
                    };
                    for (y, v) in line.values.iter().enumerate() {
                        let Some(v) = v else { continue };
                        if v.is_sign_negative() && !v.is_zero() {
                            c.error(
                                lloc(Some(y)),
                                format!("{} {} cannot be negative", plain(*v), unit_name),
                            );
                        }
                        if basis == StaffBasis::WorkMonths && *v > Decimal::from(12) {
                            c.warn(
                                lloc(Some(y)),
                                format!("{} work-months in one year is more than 12", plain(*v)),
                            );
                        }
                        let has_cost = line.rate.is_some()
                            || std_eff
                                .get(&grade)
                                .and_then(|s| s.get(y).copied().flatten())
                                .is_some();
                        if !v.is_zero() && !has_cost && y < n {
                            c.error(
                                lloc(Some(y)),
                                format!(
                                    "no standard cost for {} in {}, so these {} cost nothing",
                                    g.code, plan.years[y], unit_name
                                ),
                            );
                        }
                    }
                }
                LineKind::NonStaff { category } => {
                    if !categories.contains(&category) {
                        c.error(lloc(None), "the cost category does not exist");
                    }
                    for (y, v) in line.values.iter().enumerate() {
                        if matches!(v, Some(v) if v.is_sign_negative() && !v.is_zero()) {
                            c.warn(lloc(Some(y)), "a negative amount (a saving?)");
                        }
                    }
                }
            }
        }
    }
    for x in duplicates(plan.outputs.iter().map(|o| o.code.as_str())) {
        c.error(Location::Output(x.into()), "two outputs have this code");
    }

    for inc in &plan.income {
        id(&mut c, inc.id.0, "income line");
        if inc.values.len() != n {
            c.shape(
                Location::Income {
                    name: inc.name.clone(),
                    year: None,
                },
                format!(
                    "has {} yearly figures for {} plan years",
                    inc.values.len(),
                    n
                ),
            );
        }
    }

    for ce in &plan.ceilings {
        id(&mut c, ce.id.0, "ceiling");
        let ok = match ce.scope {
            CeilingScope::Year(y) => y < n,
            CeilingScope::Biennium(b) => b < plan.biennium_count(),
            CeilingScope::Period => true,
        };
        if !ok {
            c.error(
                Location::Ceiling(ce.name.clone()),
                "its year or biennium is outside the plan",
            );
        }
        if ce.amount.is_sign_negative() && !ce.amount.is_zero() {
            c.error(
                Location::Ceiling(ce.name.clone()),
                "a ceiling cannot be negative",
            );
        }
    }

    let owner_ok = |o: &Owner| match o {
        Owner::Objective(x) => objectives.contains_key(x),
        Owner::Output(x) => outputs.contains(x),
    };
    for (i, r) in plan.results.iter().enumerate() {
        id(&mut c, r.id.0, "expected result");
        if !owner_ok(&r.owner) {
            c.error(
                Location::Result(i),
                "it belongs to an objective or output that does not exist",
            );
        }
    }
    for k in &plan.kpis {
        id(&mut c, k.id.0, "KPI");
        if !owner_ok(&k.owner) {
            c.error(
                Location::Kpi(k.name.clone()),
                "it belongs to an objective or output that does not exist",
            );
        }
        if k.targets.len() != n || k.actuals.len() != n {
            c.shape(
                Location::Kpi(k.name.clone()),
                format!("targets and actuals need one figure per plan year ({n})"),
            );
        }
    }
    for r in &plan.risks {
        id(&mut c, r.id.0, "risk");
        for (what, v) in [("likelihood", r.likelihood), ("impact", r.impact)] {
            if !(1..=5).contains(&v) {
                c.error(
                    Location::Risk(r.description.clone()),
                    format!("{what} must be 1 to 5, not {v}"),
                );
            }
        }
        if r.outputs.iter().any(|o| !outputs.contains(o)) {
            c.error(
                Location::Risk(r.description.clone()),
                "it names an output that does not exist",
            );
        }
    }
    for sc in &plan.scenarios {
        id(&mut c, sc.id.0, "scenario");
        let here = || Location::Scenario(sc.name.clone());
        for o in &sc.added_outputs {
            id(&mut c, o.id.0, "output");
            for l in &o.lines {
                id(&mut c, l.id.0, "resource line");
            }
        }
        for a in &sc.added_lines {
            id(&mut c, a.line.id.0, "resource line");
        }
        // Lookups assume one change per figure, in order (the loader sorts them).
        if sc.changes.windows(2).any(|w| w[0].key >= w[1].key) {
            c.shape(here(), "a figure is changed more than once");
        }
        let stale = crate::model::scenario::materialise(plan, sc).stale;
        if stale > 0 {
            c.warn(
                here(),
                format!("{stale} of its changes no longer apply: their rows are not in the plan"),
            );
        }
    }
    for p in &plan.proposals {
        id(&mut c, p.id.0, "proposal");
    }
    notes(plan, &mut c);
    limits(plan, &mut c);
    c.out
}

/// Notes, kept calculations and the history: within their limits, one per place, and
/// where they can be shown.
fn notes(plan: &Plan, c: &mut Collector) {
    use crate::limits::{MAX_EXPRESSION_CHARS, MAX_HISTORY_FIGURES, MAX_NOTE_CHARS};
    use crate::model::notes::note_place_exists;
    let place = |at: NoteAt| crate::model::notes::describe_place(plan, at);
    for pair in plan.notes.windows(2) {
        if let [a, b] = pair {
            if a.at == b.at {
                c.shape(
                    Location::Note(place(a.at)),
                    "there are two notes on this; a place has one note",
                );
            }
        }
    }
    for n in &plan.notes {
        let chars = n.text.chars().count();
        if chars > MAX_NOTE_CHARS {
            c.shape(
                Location::Note(place(n.at)),
                format!("it has {chars} characters; a note has at most {MAX_NOTE_CHARS}"),
            );
        }
        if !note_place_exists(plan, n.at) {
            c.warn(
                Location::Note(place(n.at)),
                "what it is on is not in the plan, so it is not shown",
            );
        }
    }
    for pair in plan.expressions.windows(2) {
        if let [a, b] = pair {
            if (a.scenario, a.key) == (b.scenario, b.key) {
                c.shape(
                    Location::Plan,
                    format!("two calculations are kept for one figure ({})", b.text),
                );
            }
        }
    }
    for e in &plan.expressions {
        let chars = e.text.chars().count();
        if chars > MAX_EXPRESSION_CHARS {
            c.shape(
                Location::Plan,
                format!(
                    "a calculation kept for a figure has {chars} characters; at most {MAX_EXPRESSION_CHARS}"
                ),
            );
        }
    }
    let figures = plan.history.figure_count();
    if figures > MAX_HISTORY_FIGURES {
        c.shape(
            Location::History(plan.history.records.len()),
            format!(
                "the history holds {figures} figure changes; Rollplan keeps at most {MAX_HISTORY_FIGURES}"
            ),
        );
    }
    for (i, r) in plan.history.records.iter().enumerate() {
        if r.comment.chars().count() > MAX_NOTE_CHARS {
            c.shape(
                Location::History(i.saturating_add(1)),
                format!("its comment is longer than {MAX_NOTE_CHARS} characters"),
            );
        }
    }
}

/// Checks one figure, pushing a finding at its place when it is past the limits.
type Check<'a> = dyn FnMut(&mut Collector, &dyn Fn() -> Location, Option<Decimal>) + 'a;

/// Every figure within the limits that typing applies ([`max_amount`], [`MAX_DECIMALS`]):
/// a file, a link or a stored plan cannot bring in what typing would refuse, so no later
/// step (an undo over it, a full recomputation, an export) can fail on it. Past them, the
/// plan is refused at its place.
fn limits(plan: &Plan, c: &mut Collector) {
    use crate::limits::{MAX_CELLS, MAX_YEARS};
    if plan.years.len() > MAX_YEARS {
        c.shape(
            Location::Plan,
            format!(
                "the plan has {} years; Rollplan plans up to {MAX_YEARS}",
                plan.years.len()
            ),
        );
    }
    let cells = plan
        .outputs
        .iter()
        .map(|o| o.lines.len())
        .fold(0usize, usize::saturating_add)
        .saturating_mul(plan.years.len());
    if cells > MAX_CELLS {
        c.shape(
            Location::Plan,
            format!("the plan has {cells} figures; Rollplan holds up to {MAX_CELLS}"),
        );
    }
    let year = |y: usize| plan.years.get(y).cloned();
    let mut check = |c: &mut Collector, at: &dyn Fn() -> Location, v: Option<Decimal>| {
        let Some(v) = v else { return };
        if v.abs() > max_amount() {
            c.shape(
                at(),
                format!("{v} is larger than 10^15, the largest amount Rollplan accepts"),
            );
        } else if v.normalize().scale() > MAX_DECIMALS {
            c.shape(
                at(),
                format!("{v} has more than {MAX_DECIMALS} decimal places, the most Rollplan keeps"),
            );
        }
    };
    let series = |c: &mut Collector,
                  check: &mut Check,
                  at: &dyn Fn(Option<String>) -> Location,
                  values: &Series| {
        for (y, v) in values.iter().enumerate() {
            check(c, &|| at(year(y)), *v);
        }
    };
    let plan_at = || Location::Plan;
    check(c, &plan_at, plan.standard_costs.escalation_percent);
    for row in &plan.standard_costs.rows {
        let grade = plan
            .grade(row.grade)
            .map_or_else(|| format!("#{}", row.grade.0), |g| g.code.clone());
        let at = |y| Location::StandardCost {
            grade: grade.clone(),
            year: y,
        };
        series(c, &mut check, &at, &row.costs);
    }
    let lines = |c: &mut Collector, check: &mut Check, o: &Output| {
        for (li, line) in o.lines.iter().enumerate() {
            let at = |y| Location::Line {
                output: o.code.clone(),
                line: li,
                year: y,
            };
            check(c, &|| at(None), line.rate);
            series(c, check, &at, &line.values);
        }
        for l in &o.links {
            if let Share::Percent(p) = l.share {
                let at = || Location::Link {
                    output: o.code.clone(),
                    objective: plan
                        .objective(l.objective)
                        .map_or_else(String::new, |x| x.code.clone()),
                };
                check(c, &at, Some(p));
            }
        }
    };
    for o in &plan.outputs {
        lines(c, &mut check, o);
    }
    for u in &plan.units {
        let at = || Location::Unit(u.code.clone());
        check(c, &at, u.posts_total);
        for gp in &u.posts {
            check(c, &at, Some(gp.posts));
        }
    }
    for i in &plan.income {
        let at = |y| Location::Income {
            name: i.name.clone(),
            year: y,
        };
        check(c, &|| at(None), i.rate);
        series(c, &mut check, &at, &i.values);
    }
    for ce in &plan.ceilings {
        check(c, &|| Location::Ceiling(ce.name.clone()), Some(ce.amount));
    }
    for k in &plan.kpis {
        let at = |_| Location::Kpi(k.name.clone());
        check(c, &|| at(None), k.baseline.as_ref().map(|b| b.value));
        series(c, &mut check, &at, &k.targets);
        series(c, &mut check, &at, &k.actuals);
    }
    for sc in &plan.scenarios {
        let at = || Location::Scenario(sc.name.clone());
        for ch in &sc.changes {
            check(c, &at, ch.value);
        }
        for o in &sc.added_outputs {
            lines(c, &mut check, o);
        }
        for a in &sc.added_lines {
            check(c, &at, a.line.rate);
            for v in &a.line.values {
                check(c, &at, *v);
            }
        }
    }
    for p in &plan.proposals {
        let at = || Location::Proposal(p.title.clone());
        for kind in RateKind::ALL {
            check(c, &at, Some(p.rates.get(kind).amount));
        }
        for item in &p.items {
            let figures: Vec<Decimal> = match &item.template {
                Template::Meeting {
                    days,
                    languages,
                    interpreters,
                } => vec![*days, *languages, *interpreters],
                Template::Documents { pages, languages } => vec![*pages, *languages],
                Template::Posts { months, .. } => vec![*months],
                Template::Travel { trips } => vec![*trips],
                Template::Other { amount, .. } => vec![*amount],
            };
            for v in figures {
                check(c, &at, Some(v));
            }
        }
    }
}

/// Validation plus what only calculation can tell: over-ceiling scopes.
pub fn validate_with_rollups(engine: &Engine) -> Vec<Finding> {
    let mut out = validate(engine.plan());
    if let Ok(ceilings) = engine.ceilings() {
        for s in ceilings.into_iter().filter(|s| s.over) {
            out.push(Finding {
                severity: Severity::Warning,
                blocks_editing: false,
                location: Location::Ceiling(s.name.clone()),
                message: format!(
                    "cost {} is over the ceiling {} by {}",
                    crate::numfmt::format_amount(s.cost, 0),
                    crate::numfmt::format_amount(s.ceiling, 0),
                    crate::numfmt::format_amount(-s.variance, 0)
                ),
            });
        }
    }
    out
}
