//! The plan: plain data, serialisable, with stable ids.
//!
//! Entities refer to each other by id, never by position or code, so renaming or reordering
//! never breaks a link. Per-year figures are vectors aligned with [`Plan::years`]; a blank
//! cell is `None`, which is different from zero (the grid shows it blank, validation can ask
//! for it). The model holds what the user entered; everything derived (costs, rollups) lives
//! in [`crate::calc`].

pub mod history;
pub mod notes;
pub mod proposal;
pub mod scenario;

pub use history::{FigureChange, History, Origin, Record};
pub use notes::{Expression, Note, NoteAt};
pub use proposal::{CostItem, Proposal, Rate, RateKind, Rates, Template, TemplateKind};
pub use scenario::{AddedLine, Change, Key, Scenario};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);
    )*};
}

id_type!(
    GoalId,
    ObjectiveId,
    OutputId,
    LineId,
    UnitId,
    GradeId,
    CategoryId,
    IncomeId,
    CeilingId,
    ResultId,
    KpiId,
    RiskId,
    ScenarioId,
    ProposalId,
);

/// A value per plan year, aligned with [`Plan::years`]; `None` is a blank cell.
pub type Series = Vec<Option<Decimal>>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub title: String,
    pub organisation: String,
    /// ISO 4217 code, e.g. `CHF`.
    pub currency: String,
    pub amount_unit: AmountUnit,
    /// Shown under the title; the example plan says its figures are illustrative here.
    #[serde(default)]
    pub note: String,
    /// Computed figures are shown to the cent; by default in whole units. Display only:
    /// every figure is exact either way and rounded once, where it is shown.
    #[serde(default)]
    pub cents: bool,
    /// Year labels in order, e.g. `2012` or `2015-16`. Biennia are consecutive pairs.
    pub years: Vec<String>,
    pub grades: Vec<Grade>,
    pub categories: Vec<Category>,
    /// The category that staff lines roll up into.
    pub staff_category: Option<CategoryId>,
    pub standard_costs: StandardCosts,
    #[serde(default)]
    pub goals: Vec<Goal>,
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub units: Vec<OrgUnit>,
    pub outputs: Vec<Output>,
    #[serde(default)]
    pub income: Vec<IncomeLine>,
    #[serde(default)]
    pub ceilings: Vec<Ceiling>,
    #[serde(default)]
    pub results: Vec<ExpectedResult>,
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Named variants of the plan, each holding only its differences from it (the baseline).
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// Proposals whose financial implications are being estimated.
    #[serde(default)]
    pub proposals: Vec<Proposal>,
    /// Notes on figures and rows, one per place, sorted by place.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Figures typed as a calculation (`=12*4500`), the text kept beside the value; sorted
    /// by scenario and figure.
    #[serde(default)]
    pub expressions: Vec<Expression>,
    /// Every change made to the plan (its audit trail). Written by the document, never by
    /// an edit, so undo does not take records away.
    #[serde(default)]
    pub history: History,
    /// The next id to hand out; ids are never reused within a plan.
    pub next_id: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountUnit {
    Units,
    Thousands,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub id: GradeId,
    /// e.g. `P4`, `G6`.
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: CategoryId,
    pub code: String,
    pub name: String,
}

/// Cost of one post-year by grade and year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardCosts {
    /// Yearly escalation in percent. A blank year takes the previous year's cost escalated
    /// by this rate, rounded to cents (as a published standard cost table would be).
    pub escalation_percent: Option<Decimal>,
    pub rows: Vec<StandardCostRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardCostRow {
    pub grade: GradeId,
    pub costs: Series,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: GoalId,
    pub code: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub id: ObjectiveId,
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub goal: Option<GoalId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgUnit {
    pub id: UnitId,
    pub code: String,
    pub name: String,
    pub parent: Option<UnitId>,
    pub head_grade: Option<GradeId>,
    /// Total posts as published (seed 002 gives "approx. 26 posts"), when no breakdown is known.
    pub posts_total: Option<Decimal>,
    #[serde(default)]
    pub posts: Vec<GradePosts>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradePosts {
    pub grade: GradeId,
    pub posts: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Output {
    pub id: OutputId,
    pub code: String,
    pub title: String,
    pub unit: Option<UnitId>,
    pub links: Vec<Link>,
    pub lines: Vec<Line>,
}

/// Output -> objective. Shares of one output sum to 100 %.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub objective: ObjectiveId,
    pub share: Share,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Share {
    /// An X in the matrix: an equal part of what the explicit percentages leave.
    Equal,
    /// An explicit percentage, e.g. `25` for 25 %.
    Percent(Decimal),
}

/// A resource line of an output: one row of the grid, a figure per year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub id: LineId,
    pub description: String,
    pub kind: LineKind,
    /// Quantity x rate: with a rate, the year figures are quantities (trips, pages);
    /// on a staff line a rate replaces the standard cost.
    pub rate: Option<Decimal>,
    pub values: Series,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum LineKind {
    /// Posts (or work-months) of a grade, costed at the standard cost of grade and year.
    Staff { grade: GradeId, basis: StaffBasis },
    /// An amount in a cost category.
    NonStaff { category: CategoryId },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffBasis {
    Posts,
    WorkMonths,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncomeLine {
    pub id: IncomeId,
    pub name: String,
    pub kind: IncomeKind,
    /// Quantity x rate, e.g. contributory units x value of the unit.
    pub rate: Option<Decimal>,
    pub values: Series,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncomeKind {
    AssessedContributions,
    CostRecovery,
    PublicationSales,
    EventRevenue,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ceiling {
    pub id: CeilingId,
    pub name: String,
    pub scope: CeilingScope,
    pub amount: Decimal,
}

/// Positions are indices into [`Plan::years`]; biennium `b` covers years `2b` and `2b+1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CeilingScope {
    Year(usize),
    Biennium(usize),
    Period,
}

/// What an expected result, a KPI belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Objective(ObjectiveId),
    Output(OutputId),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpectedResult {
    pub id: ResultId,
    pub owner: Owner,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    pub id: KpiId,
    pub owner: Owner,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub direction: Direction,
    pub baseline: Option<Baseline>,
    pub targets: Series,
    pub actuals: Series,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub year: String,
    pub value: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub id: RiskId,
    pub description: String,
    /// 1 (rare) to 5 (almost certain).
    pub likelihood: u8,
    /// 1 (minor) to 5 (severe).
    pub impact: u8,
    pub mitigation: String,
    pub outputs: Vec<OutputId>,
}

impl Plan {
    /// An empty plan over the given years, with the UN grade ladder and ITU's cost categories.
    pub fn blank(title: &str, years: &[&str]) -> Plan {
        let mut plan = Plan {
            title: title.to_string(),
            organisation: String::new(),
            currency: "CHF".into(),
            amount_unit: AmountUnit::Units,
            note: String::new(),
            cents: false,
            years: years.iter().map(|y| y.to_string()).collect(),
            grades: Vec::new(),
            categories: Vec::new(),
            staff_category: None,
            standard_costs: StandardCosts {
                escalation_percent: None,
                rows: Vec::new(),
            },
            goals: Vec::new(),
            objectives: Vec::new(),
            units: Vec::new(),
            outputs: Vec::new(),
            income: Vec::new(),
            ceilings: Vec::new(),
            results: Vec::new(),
            kpis: Vec::new(),
            risks: Vec::new(),
            scenarios: Vec::new(),
            proposals: Vec::new(),
            notes: Vec::new(),
            expressions: Vec::new(),
            history: History::default(),
            next_id: 1,
        };
        for code in GRADES {
            let id = GradeId(plan.fresh_id());
            plan.grades.push(Grade {
                id,
                code: code.to_string(),
            });
            plan.standard_costs.rows.push(StandardCostRow {
                grade: id,
                costs: vec![None; years.len()],
            });
        }
        for (code, name) in ITU_CATEGORIES {
            let id = CategoryId(plan.fresh_id());
            plan.categories.push(Category {
                id,
                code: code.to_string(),
                name: name.to_string(),
            });
        }
        plan.staff_category = plan.categories.first().map(|c| c.id);
        plan
    }

    /// Hands out a new id, unique within this plan.
    pub fn fresh_id(&mut self) -> u32 {
        let id = self.next_id;
        // Saturating: ids used up give a repeated id, which the gate refuses by name,
        // rather than wrapping round to ids already in use.
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    pub fn objective(&self, id: ObjectiveId) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    pub fn output(&self, id: OutputId) -> Option<&Output> {
        self.outputs.iter().find(|o| o.id == id)
    }

    pub fn unit(&self, id: UnitId) -> Option<&OrgUnit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn grade(&self, id: GradeId) -> Option<&Grade> {
        self.grades.iter().find(|g| g.id == id)
    }

    pub fn category(&self, id: CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Number of biennia: consecutive pairs of years. An odd last year is not a biennium
    /// (it would only repeat that year); it counts in the period.
    pub fn biennium_count(&self) -> usize {
        self.years.len() / 2
    }

    /// Label of biennium `b`, e.g. `2012-2013`.
    pub fn biennium_label(&self, b: usize) -> String {
        let first = self
            .years
            .get(b.saturating_mul(2))
            .cloned()
            .unwrap_or_default();
        match self.years.get(b.saturating_mul(2).saturating_add(1)) {
            Some(second) => format!("{first}\u{2013}{second}"),
            None => first,
        }
    }

    /// Decimal places computed figures are shown with: 0, or 2 with cents on.
    pub fn dp(&self) -> u32 {
        if self.cents {
            2
        } else {
            0
        }
    }

    /// Label of the whole period, e.g. `2012-2015`.
    pub fn period_label(&self) -> String {
        match (self.years.first(), self.years.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}\u{2013}{b}"),
            (Some(a), _) => a.clone(),
            _ => String::new(),
        }
    }
}

/// A line's description, or what it is when it has none: `P4 posts`, `Travel on duty`.
pub fn line_name(plan: &Plan, line: &Line) -> String {
    if !line.description.trim().is_empty() {
        return line.description.clone();
    }
    match line.kind {
        LineKind::Staff { basis, .. } => {
            let grade = kind_text(plan, line);
            match basis {
                StaffBasis::Posts => format!("{grade} posts"),
                StaffBasis::WorkMonths => grade,
            }
        }
        LineKind::NonStaff { category } => plan
            .category(category)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| "unknown category".into()),
    }
}

/// `P4`, `P4 work-months` or a category code.
pub fn kind_text(plan: &Plan, line: &Line) -> String {
    match line.kind {
        LineKind::Staff { grade, basis } => {
            let code = plan
                .grade(grade)
                .map(|g| g.code.clone())
                .unwrap_or_else(|| "?".into());
            match basis {
                StaffBasis::Posts => code,
                StaffBasis::WorkMonths => format!("{code} work-months"),
            }
        }
        LineKind::NonStaff { category } => plan
            .category(category)
            .map(|c| c.code.clone())
            .unwrap_or_else(|| "?".into()),
    }
}

/// The UN common system grade ladder, most senior first.
pub const GRADES: [&str; 14] = [
    "D2", "D1", "P5", "P4", "P3", "P2", "P1", "G7", "G6", "G5", "G4", "G3", "G2", "G1",
];

/// ITU's cost categories (DOMAIN.md), staff costs first.
pub const ITU_CATEGORIES: [(&str, &str); 10] = [
    ("STAFF", "Staff costs"),
    ("OSTAFF", "Other staff costs"),
    ("TRAVEL", "Travel on duty"),
    ("CONTRACT", "Contractual services"),
    ("RENTAL", "Rental and maintenance of premises and equipment"),
    ("MATERIALS", "Materials and supplies"),
    ("ACQUIS", "Acquisition of premises, furniture and equipment"),
    ("UTILITIES", "Public and internal service utilities"),
    ("MISC", "Audit, inter-agency fees and miscellaneous"),
    (
        "DOCS",
        "Documentation (translation, text processing, reprography)",
    ),
];
