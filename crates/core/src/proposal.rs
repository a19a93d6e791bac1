//! The financial implications of a proposal: cost items built from templates, priced with a
//! table of unit rates, and stated by year, objective and cost category.
//!
//! A proposal is priced the way the plan is: [`to_scenario`] turns its items into resource
//! lines (quantity x rate, or work-months of a grade at the standard cost) of a scenario,
//! and [`statement`] reads the engine's rollups of that scenario against the baseline. So
//! the statement's totals are exactly what "apply to plan" adds to the plan's rollups, and
//! an item assigned to an output shared by objectives is split by the output's shares.

use super::calc::Engine;
use super::exact::{Exact, ExactSum};
use super::model::*;
use super::numfmt::format_amount;
use super::scenario::{self, AddedLine, Scenario};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    InterpreterDay,
    Page,
    Trip,
}

impl RateKind {
    pub const ALL: [RateKind; 3] = [RateKind::InterpreterDay, RateKind::Page, RateKind::Trip];

    pub fn label(self) -> &'static str {
        match self {
            RateKind::InterpreterDay => "Cost per interpreter-day",
            RateKind::Page => "Cost per page per language (translation, processing)",
            RateKind::Trip => "Cost per trip (ticket and allowance)",
        }
    }
}

impl Rates {
    /// Illustrative defaults, not any organisation's published rates: a user replaces them.
    pub fn illustrative() -> Rates {
        let r = |v: i64| Rate {
            amount: Decimal::from(v),
            illustrative: true,
        };
        Rates {
            interpreter_day: r(1_000),
            page: r(450),
            trip: r(4_000),
        }
    }

    pub fn get(&self, kind: RateKind) -> Rate {
        match kind {
            RateKind::InterpreterDay => self.interpreter_day,
            RateKind::Page => self.page,
            RateKind::Trip => self.trip,
        }
    }

    pub fn set(&mut self, kind: RateKind, amount: Decimal) {
        let rate = Rate {
            amount,
            illustrative: false,
        };
        match kind {
            RateKind::InterpreterDay => self.interpreter_day = rate,
            RateKind::Page => self.page = rate,
            RateKind::Trip => self.trip = rate,
        }
    }
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

/// The kinds of template, in the order a user picks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    Meeting,
    Documents,
    Posts,
    Travel,
    Other,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 5] = [
        TemplateKind::Meeting,
        TemplateKind::Documents,
        TemplateKind::Posts,
        TemplateKind::Travel,
        TemplateKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TemplateKind::Meeting => "meeting",
            TemplateKind::Documents => "documents",
            TemplateKind::Posts => "posts",
            TemplateKind::Travel => "travel",
            TemplateKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TemplateKind::Meeting => "Meeting (interpretation)",
            TemplateKind::Documents => "Documents (translation)",
            TemplateKind::Posts => "Posts",
            TemplateKind::Travel => "Travel",
            TemplateKind::Other => "Other",
        }
    }

    pub fn from_key(key: &str) -> Option<TemplateKind> {
        TemplateKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

impl Template {
    pub fn kind(&self) -> TemplateKind {
        match self {
            Template::Meeting { .. } => TemplateKind::Meeting,
            Template::Documents { .. } => TemplateKind::Documents,
            Template::Posts { .. } => TemplateKind::Posts,
            Template::Travel { .. } => TemplateKind::Travel,
            Template::Other { .. } => TemplateKind::Other,
        }
    }

    /// A template of a kind with sensible starting figures for this plan.
    pub fn starting(kind: TemplateKind, plan: &Plan) -> Template {
        let d = Decimal::from;
        match kind {
            // ITU's six official languages; three interpreters per booth for a full day.
            TemplateKind::Meeting => Template::Meeting {
                days: d(5),
                languages: d(6),
                interpreters: d(3),
            },
            TemplateKind::Documents => Template::Documents {
                pages: d(100),
                languages: d(6),
            },
            TemplateKind::Posts => Template::Posts {
                grade: plan
                    .grades
                    .iter()
                    .find(|g| g.code == "P4")
                    .or(plan.grades.first())
                    .map_or(GradeId(0), |g| g.id),
                months: d(12),
            },
            TemplateKind::Travel => Template::Travel { trips: d(10) },
            TemplateKind::Other => Template::Other {
                category: category_by_code(plan, "MISC")
                    .or(plan.categories.first().map(|c| c.id))
                    .unwrap_or(CategoryId(0)),
                amount: d(10_000),
            },
        }
    }
}

fn category_by_code(plan: &Plan, code: &str) -> Option<CategoryId> {
    plan.categories
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.id)
}

/// The cost category an item's lines roll up into. Interpreters are short-term conference
/// staff ("other staff costs"); pages are documentation; posts are staff costs.
pub fn category_of(plan: &Plan, template: &Template) -> Option<CategoryId> {
    match template {
        Template::Meeting { .. } => category_by_code(plan, "OSTAFF"),
        Template::Documents { .. } => category_by_code(plan, "DOCS"),
        Template::Posts { .. } => plan.staff_category,
        Template::Travel { .. } => category_by_code(plan, "TRAVEL"),
        Template::Other { category, .. } => Some(*category),
    }
    .or(plan.categories.first().map(|c| c.id))
}

impl Proposal {
    pub fn new(id: ProposalId, title: &str) -> Proposal {
        Proposal {
            id,
            title: title.to_string(),
            note: String::new(),
            rates: Rates::illustrative(),
            items: Vec::new(),
            next_item: 1,
        }
    }

    /// Adds an item of a template kind, assigned to `owner`, in the plan's first year.
    pub fn add_item(&mut self, plan: &Plan, kind: TemplateKind, owner: Owner) {
        let id = self.next_item;
        self.next_item += 1;
        let mut years = vec![false; plan.years.len()];
        if let Some(first) = years.first_mut() {
            *first = true;
        }
        self.items.push(CostItem {
            id,
            description: kind.label().to_string(),
            template: Template::starting(kind, plan),
            owner,
            years,
        });
    }
}

/// The line that prices an item: quantity per year and the rate (`None`: standard cost).
fn line_of(proposal: &Proposal, item: &CostItem, plan: &Plan, id: LineId) -> Line {
    let n = plan.years.len();
    let (kind, rate, quantity) = match &item.template {
        Template::Meeting {
            days,
            languages,
            interpreters,
        } => (
            None,
            Some(proposal.rates.interpreter_day.amount),
            *days * *languages * *interpreters,
        ),
        Template::Documents { pages, languages } => {
            (None, Some(proposal.rates.page.amount), *pages * *languages)
        }
        Template::Posts { grade, months } => (
            Some(LineKind::Staff {
                grade: *grade,
                basis: StaffBasis::WorkMonths,
            }),
            None,
            *months,
        ),
        Template::Travel { trips } => (None, Some(proposal.rates.trip.amount), *trips),
        Template::Other { amount, .. } => (None, None, *amount),
    };
    let kind = kind.unwrap_or(LineKind::NonStaff {
        category: category_of(plan, &item.template).unwrap_or(CategoryId(0)),
    });
    Line {
        id,
        description: format!("{}: {}", proposal.title, item.description),
        kind,
        rate,
        values: (0..n)
            .map(|y| {
                item.years
                    .get(y)
                    .copied()
                    .unwrap_or(false)
                    .then_some(quantity)
            })
            .collect(),
    }
}

/// The proposal as a scenario of the plan: items for an output become lines of that output;
/// items for an objective become lines of one new output linked fully to that objective.
/// Ids are fresh from the plan's `next_id`.
pub fn to_scenario(plan: &Plan, proposal: &Proposal) -> Scenario {
    priced(plan, proposal).0
}

/// The scenario of [`to_scenario`] and the line that prices each item, in item order.
fn priced(plan: &Plan, proposal: &Proposal) -> (Scenario, Vec<LineId>) {
    let mut next = plan.next_id;
    let mut fresh = || {
        next += 1;
        next - 1
    };
    let mut s = Scenario::new(
        ScenarioId(fresh()),
        &scenario::unused_name(plan, &format!("Proposal: {}", proposal.title)),
    );
    s.note = format!(
        "The financial implications of \u{201c}{}\u{201d} added to the baseline.",
        proposal.title
    );
    let mut by_objective: Vec<(ObjectiveId, usize)> = Vec::new();
    let mut lines = Vec::with_capacity(proposal.items.len());
    for item in &proposal.items {
        let line = line_of(proposal, item, plan, LineId(fresh()));
        lines.push(line.id);
        match item.owner {
            Owner::Output(output) => s.added_lines.push(AddedLine { output, line }),
            Owner::Objective(objective) => {
                let k = match by_objective.iter().find(|(o, _)| *o == objective) {
                    Some(&(_, k)) => k,
                    None => {
                        let code = plan
                            .objective(objective)
                            .map_or_else(String::new, |o| o.code.clone());
                        s.added_outputs.push(Output {
                            id: OutputId(fresh()),
                            code: format!("{code}-P{}", proposal.id.0),
                            title: format!("Proposal: {}", proposal.title),
                            unit: None,
                            links: vec![Link {
                                objective,
                                share: Share::Percent(Decimal::ONE_HUNDRED),
                            }],
                            lines: Vec::new(),
                        });
                        by_objective.push((objective, s.added_outputs.len() - 1));
                        s.added_outputs.len() - 1
                    }
                };
                s.added_outputs[k].lines.push(line);
            }
        }
    }
    (s, lines)
}

/// One row of the statement: a label and an amount per year, plus the total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatementRow {
    pub code: String,
    pub title: String,
    pub years: Vec<Decimal>,
    pub total: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemRow {
    pub id: u32,
    pub description: String,
    pub template: TemplateKind,
    /// The item's costing in words and figures, e.g. `5 days x 6 languages x …`.
    pub formula: String,
    /// What the item is assigned to (objective or output code and title).
    pub assigned: String,
    pub category: String,
    pub years: Vec<Decimal>,
    pub total: Decimal,
}

/// The statement of financial implications.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statement {
    pub title: String,
    pub currency: String,
    pub years: Vec<String>,
    pub items: Vec<ItemRow>,
    pub by_objective: Vec<StatementRow>,
    pub by_category: Vec<StatementRow>,
    pub total: StatementRow,
    /// Why a figure could not be costed (a grade without a standard cost…).
    pub problems: Vec<String>,
    /// Whether any rate used is still an illustrative default.
    pub illustrative: bool,
}

fn row(code: String, title: String, cells: &[ExactSum]) -> Exact<StatementRow> {
    let mut total = ExactSum::ZERO;
    let mut years = Vec::with_capacity(cells.len());
    for c in cells {
        years.push(c.round(2)?);
        total.add_sum(c)?;
    }
    Ok(StatementRow {
        code,
        title,
        years,
        total: total.round(2)?,
    })
}

fn fmt(v: Decimal) -> String {
    format_amount(v, if v.fract().is_zero() { 0 } else { 2 })
}

/// The formula of an item in words and figures.
pub fn formula(plan: &Plan, proposal: &Proposal, item: &CostItem, engine: &Engine) -> String {
    let cur = &plan.currency;
    match &item.template {
        Template::Meeting {
            days,
            languages,
            interpreters,
        } => format!(
            "{} days \u{d7} {} languages \u{d7} {} interpreters per booth \u{d7} {cur} {} per interpreter-day",
            fmt(*days),
            fmt(*languages),
            fmt(*interpreters),
            fmt(proposal.rates.interpreter_day.amount)
        ),
        Template::Documents { pages, languages } => format!(
            "{} pages \u{d7} {} languages \u{d7} {cur} {} per page",
            fmt(*pages),
            fmt(*languages),
            fmt(proposal.rates.page.amount)
        ),
        Template::Posts { grade, months } => {
            let code = plan.grade(*grade).map_or("?", |g| g.code.as_str());
            let costs: Vec<String> = (0..plan.years.len())
                .filter(|&y| item.years.get(y).copied().unwrap_or(false))
                .map(|y| {
                    let c = engine
                        .standard_cost(*grade, y)
                        .map_or_else(|| "no standard cost".to_string(), fmt);
                    format!("{} {c}", plan.years[y])
                })
                .collect();
            format!(
                "{} work-months of {code} \u{d7} {code} standard cost per year / 12 ({})",
                fmt(*months),
                costs.join("; ")
            )
        }
        Template::Travel { trips } => format!(
            "{} trips \u{d7} {cur} {} per trip",
            fmt(*trips),
            fmt(proposal.rates.trip.amount)
        ),
        Template::Other { amount, .. } => format!("{cur} {} per year", fmt(*amount)),
    }
}

/// The statement of a proposal against a plan: each item's cost by year with its formula,
/// and what the proposal adds by objective and by cost category, per year and in total.
pub fn statement(base: &Engine, proposal: &Proposal) -> Exact<Statement> {
    let plan = base.plan();
    let n = plan.years.len();
    let (s, line_ids) = priced(plan, proposal);
    let m = scenario::materialise(plan, &s);
    let with = Engine::new(m.plan)?;
    let (rb, rw) = (base.rollups(), with.rollups());
    let mut problems = Vec::new();

    let mut items = Vec::new();
    for (item, line) in proposal.items.iter().zip(line_ids) {
        let mut cells = Vec::with_capacity(n);
        let (o, l) = with.ix.line_pos.get(&line).copied().unwrap_or((0, 0));
        for y in 0..n {
            cells.push(with.line_cost(o, l, y)?);
        }
        let r = row(String::new(), String::new(), &cells)?;
        if let Template::Posts { grade, .. } = item.template {
            for y in (0..n).filter(|&y| item.years.get(y).copied().unwrap_or(false)) {
                if with.standard_cost(grade, y).is_none() {
                    let code = plan.grade(grade).map_or("?", |g| g.code.as_str());
                    problems.push(format!(
                        "Item {}: {code} has no standard cost in {}; enter it under Standard costs.",
                        item.id, plan.years[y]
                    ));
                }
            }
        }
        let assigned = match item.owner {
            Owner::Objective(id) => plan
                .objective(id)
                .map_or("(objective deleted)".into(), |o| {
                    format!("{} {}", o.code, o.title)
                }),
            Owner::Output(id) => plan.output(id).map_or("(output deleted)".into(), |o| {
                format!("{} {}", o.code, o.title)
            }),
        };
        if matches!(item.owner, Owner::Objective(id) if plan.objective(id).is_none())
            || matches!(item.owner, Owner::Output(id) if plan.output(id).is_none())
        {
            problems.push(format!(
                "Item {} is assigned to something no longer in the plan; assign it again.",
                item.id
            ));
        }
        if !item.years.iter().any(|y| *y) {
            problems.push(format!("Item {} falls in no year; tick a year.", item.id));
        }
        items.push(ItemRow {
            id: item.id,
            description: item.description.clone(),
            template: item.template.kind(),
            formula: formula(plan, proposal, item, &with),
            assigned,
            category: category_of(plan, &item.template)
                .and_then(|c| plan.category(c))
                .map_or_else(String::new, |c| c.name.clone()),
            years: r.years,
            total: r.total,
        });
    }

    let slice = |v: &[ExactSum], k: usize| v[k * n..(k + 1) * n].to_vec();
    let mut by_objective = Vec::new();
    for (k, o) in plan.objectives.iter().enumerate() {
        let d = scenario::delta(&slice(&rb.objective, k), &slice(&rw.objective, k))?;
        if d.iter().any(|x| !x.is_zero()) {
            by_objective.push(row(o.code.clone(), o.title.clone(), &d)?);
        }
    }
    let mut by_category = Vec::new();
    for (k, c) in plan.categories.iter().enumerate() {
        let d = scenario::delta(&slice(&rb.category, k), &slice(&rw.category, k))?;
        if d.iter().any(|x| !x.is_zero()) {
            by_category.push(row(c.code.clone(), c.name.clone(), &d)?);
        }
    }
    let total = row(
        "TOTAL".into(),
        "Total".into(),
        &scenario::delta(&rb.total, &rw.total)?,
    )?;
    let illustrative = proposal.items.iter().any(|i| {
        let kind = match i.template {
            Template::Meeting { .. } => RateKind::InterpreterDay,
            Template::Documents { .. } => RateKind::Page,
            Template::Travel { .. } => RateKind::Trip,
            _ => return false,
        };
        proposal.rates.get(kind).illustrative
    });
    Ok(Statement {
        title: proposal.title.clone(),
        currency: plan.currency.clone(),
        years: plan.years.clone(),
        items,
        by_objective,
        by_category,
        total,
        problems,
        illustrative,
    })
}

/// A new proposal for the plan, with a fresh id, at the end of its list.
pub fn create(plan: &Plan, title: &str) -> super::edit::Edit {
    super::edit::Edit::InsertProposal {
        index: plan.proposals.len(),
        proposal: Box::new(Proposal::new(ProposalId(plan.next_id), title)),
    }
}
