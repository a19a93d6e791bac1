//! The financial implications of a proposal: cost items built from templates, priced with a
//! table of unit rates, and stated by year, objective and cost category.
//!
//! A proposal is priced the way the plan is: [`to_scenario`] turns its items into resource
//! lines (quantity x rate, or work-months of a grade at the standard cost) of a scenario,
//! and [`statement`] reads the engine's rollups of that scenario against the baseline. So
//! the statement's totals are exactly what "apply to plan" adds to the plan's rollups, and
//! an item assigned to an output shared by objectives is split by the output's shares.

use super::scenario::{unused_name, AddedLine, Scenario};
use super::*;
use crate::exact::{self, Exact};
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
            // Translated from one of the six into the other five: the original is not
            // charged.
            TemplateKind::Documents => Template::Documents {
                pages: d(100),
                languages: d(5),
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
        self.next_item = self.next_item.saturating_add(1);
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
pub(crate) fn line_of(
    proposal: &Proposal,
    item: &CostItem,
    plan: &Plan,
    id: LineId,
) -> Exact<Line> {
    let n = plan.years.len();
    let (kind, rate, quantity) = match &item.template {
        Template::Meeting {
            days,
            languages,
            interpreters,
        } => (
            None,
            Some(proposal.rates.interpreter_day.amount),
            exact::mul(exact::mul(*days, *languages)?, *interpreters)?,
        ),
        Template::Documents { pages, languages } => {
            let q = exact::mul(*pages, *languages)?;
            (None, Some(proposal.rates.page.amount), q)
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
    Ok(Line {
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
    })
}

/// The proposal as a scenario of the plan: items for an output become lines of that output;
/// items for an objective become lines of one new output linked fully to that objective.
/// Ids are fresh from the plan's `next_id`. Fails if a quantity is past exact range.
pub fn to_scenario(plan: &Plan, proposal: &Proposal) -> Exact<Scenario> {
    Ok(priced(plan, proposal)?.0)
}

/// The scenario of [`to_scenario`] and the line that prices each item, in item order.
pub(crate) fn priced(plan: &Plan, proposal: &Proposal) -> Exact<(Scenario, Vec<LineId>)> {
    let mut next = plan.next_id;
    let mut fresh = || {
        next = next.saturating_add(1);
        next.saturating_sub(1)
    };
    let mut s = Scenario::new(
        ScenarioId(fresh()),
        &unused_name(plan, &format!("Proposal: {}", proposal.title)),
    );
    s.note = format!(
        "The financial implications of \u{201c}{}\u{201d} added to the baseline.",
        proposal.title
    );
    let mut by_objective: Vec<(ObjectiveId, usize)> = Vec::new();
    let mut lines = Vec::with_capacity(proposal.items.len());
    for item in &proposal.items {
        let line = line_of(proposal, item, plan, LineId(fresh()))?;
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
                        let k = s.added_outputs.len();
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
                        by_objective.push((objective, k));
                        k
                    }
                };
                s.added_outputs[k].lines.push(line);
            }
        }
    }
    Ok((s, lines))
}
