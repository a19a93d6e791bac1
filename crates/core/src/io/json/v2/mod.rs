//! Version 2 of the plan file, frozen: these types say what a version-2 file holds, and
//! they never change. The live model ([`crate::model`]) may change; then a version 3
//! is added beside this one with its upgrade step, and [`into_model`] is rewritten to
//! read version 2 into the new model, so an old file keeps its meaning.
//!
//! Written once from the model as it was when version 2 was current (scenarios and
//! proposals added to version 1); serde attributes and field names are the file's.

// Decimals are strings in the file, never JSON numbers read through f64.
use super::dec::Dec as Decimal;
use serde::{Deserialize, Serialize};

/// A value per plan year, aligned with [`Plan::years`]; `None` is a blank cell.
pub type Series = Vec<Option<Decimal>>;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GoalId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ObjectiveId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OutputId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LineId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnitId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GradeId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CategoryId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IncomeId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CeilingId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ResultId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KpiId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RiskId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ScenarioId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProposalId(pub u32);

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
    /// Figures shown to the cent. Added to version 2 as an optional field written only
    /// when on: a file without it reads as before, and a reader that ignores it shows
    /// whole units, which changes no figure.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
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
    /// The next id to hand out; ids are never reused within a plan.
    pub next_id: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum LineKind {
    /// Posts (or work-months) of a grade, costed at the standard cost of grade and year.
    Staff { grade: GradeId, basis: StaffBasis },
    /// An amount in a cost category.
    NonStaff { category: CategoryId },
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CeilingScope {
    Year(usize),
    Biennium(usize),
    Period,
}

/// What an expected result, a KPI belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: ScenarioId,
    pub name: String,
    #[serde(default)]
    pub note: String,
    /// Figures that differ from the baseline, sorted by key, one per key.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// Outputs that exist only in this scenario (with their links and lines).
    #[serde(default)]
    pub added_outputs: Vec<Output>,
    /// Lines added to baseline outputs in this scenario only.
    #[serde(default)]
    pub added_lines: Vec<AddedLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddedLine {
    pub output: OutputId,
    pub line: Line,
}

/// One figure of a plan a scenario can change. Years are positions in [`Plan::years`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "figure")]
pub enum Key {
    Value { line: LineId, year: usize },
    Rate { line: LineId },
    StandardCost { grade: GradeId, year: usize },
    Escalation,
    Ceiling { ceiling: CeilingId },
    IncomeValue { income: IncomeId, year: usize },
    IncomeRate { income: IncomeId },
}

/// A figure as the scenario has it; `None` is a blank cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub key: Key,
    pub value: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: ProposalId,
    pub title: String,
    #[serde(default)]
    pub note: String,
    pub rates: Rates,
    pub items: Vec<CostItem>,
    /// The next item number (item numbers are never reused within the proposal).
    pub next_item: u32,
}

/// Unit rates. Each carries whether it is still the illustrative default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    pub interpreter_day: Rate,
    pub page: Rate,
    pub trip: Rate,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub amount: Decimal,
    /// Still the default shipped with Rollplan, not a figure the user entered.
    pub illustrative: bool,
}

/// Which rate of [`Rates`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    InterpreterDay,
    Page,
    Trip,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostItem {
    /// Numbered within the proposal.
    pub id: u32,
    pub description: String,
    pub template: Template,
    pub owner: Owner,
    /// Aligned with the plan's years: the item costs its amount in each year marked.
    pub years: Vec<bool>,
}

/// How an item is costed; its figures are per year the item falls in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "template")]
pub enum Template {
    /// Days x languages x interpreters per booth x cost per interpreter-day.
    Meeting {
        days: Decimal,
        languages: Decimal,
        interpreters: Decimal,
    },
    /// Pages x languages x cost per page.
    Documents { pages: Decimal, languages: Decimal },
    /// Work-months of a grade at the standard cost of each year.
    Posts { grade: GradeId, months: Decimal },
    /// Trips x cost per trip.
    Travel { trips: Decimal },
    /// An amount in a cost category.
    Other {
        category: CategoryId,
        amount: Decimal,
    },
}

mod convert;

pub use convert::{from_model, into_model};
