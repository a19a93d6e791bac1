//! Typed input: what a user typed into a cell becomes an edit, or a message that says why
//! it cannot be used (the text is then kept as a draft).

use super::*;
use crate::document::{Change, Document};
use crate::expr::{evaluate, is_expression};

/// Reads a figure typed into a field: a number, blank, or a calculation (`=12*4500`)
/// worked out exactly. Dialogs (Adjust…, Spread…) read their figures with it too.
pub fn read_figure(text: &str) -> Result<Option<Decimal>, String> {
    if is_expression(text) {
        return evaluate(text).map(Some).map_err(|e| e.to_string());
    }
    parse_amount(text).map_err(|e| e.to_string())
}

/// Reads a line type: a grade code (optionally with `work-months`), or a category code or name.
pub fn parse_kind(plan: &Plan, text: &str) -> Result<LineKind, String> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let (head, months) = match lower
        .strip_suffix("work-months")
        .or_else(|| lower.strip_suffix("work months"))
        .or_else(|| lower.strip_suffix("wm"))
    {
        Some(h) => (h.trim().to_string(), true),
        None => (lower.clone(), false),
    };
    if let Some(g) = plan.grades.iter().find(|g| g.code.to_lowercase() == head) {
        return Ok(LineKind::Staff {
            grade: g.id,
            basis: if months {
                StaffBasis::WorkMonths
            } else {
                StaffBasis::Posts
            },
        });
    }
    if let Some(c) = plan
        .categories
        .iter()
        .find(|c| c.code.to_lowercase() == lower || c.name.to_lowercase() == lower)
    {
        return Ok(LineKind::NonStaff { category: c.id });
    }
    let grades: Vec<&str> = plan.grades.iter().map(|g| g.code.as_str()).collect();
    let cats: Vec<&str> = plan.categories.iter().map(|c| c.code.as_str()).collect();
    Err(format!(
        "\u{201c}{t}\u{201d} is not a grade ({}) or a cost category ({})",
        grades.join(", "),
        cats.join(", ")
    ))
}

/// Reads a linkage-matrix cell: `X` for an equal share, a percentage (`25`, `25%`,
/// `12.5 %`) for an explicit one, blank to unlink.
pub fn parse_share(text: &str) -> Result<Option<Share>, String> {
    let worked;
    let text = if is_expression(text) {
        worked = plain(evaluate(text).map_err(|e| e.to_string())?);
        worked.as_str()
    } else {
        text
    };
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.eq_ignore_ascii_case("x") {
        return Ok(Some(Share::Equal));
    }
    let number = t.trim_end_matches('%').trim_end();
    let p = parse_amount(number)
        .map_err(|_| format!("\u{201c}{t}\u{201d} is not X or a percentage such as 25 %"))?
        .ok_or_else(|| format!("\u{201c}{t}\u{201d} is not X or a percentage such as 25 %"))?;
    if p <= Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        return Err(format!(
            "a share is more than 0 % and at most 100 %, not {} %",
            plain(p)
        ));
    }
    Ok(Some(Share::Percent(p)))
}

/// The figure a cell holds, as a scenario names it (`None` for texts and types).
pub fn figure_key(key: CellKey) -> Option<Key> {
    Some(match (key.target, key.col) {
        (Target::Line(line), Col::Year(year)) => Key::Value { line, year },
        (Target::Line(line), Col::Rate) => Key::Rate { line },
        (Target::Grade(grade), Col::Year(year)) => Key::StandardCost { grade, year },
        (Target::Ceiling(ceiling), _) => Key::Ceiling { ceiling },
        (Target::Escalation, _) => Key::Escalation,
        _ => return None,
    })
}

/// Turns what a user typed into a cell into an edit: `Ok(None)` when it changes nothing,
/// `Err` with a message the user can act on when it cannot be used.
pub fn commit(plan: &Plan, key: CellKey, text: &str) -> Result<Option<Edit>, String> {
    let amount = read_figure;
    let edit = match (key.target, key.col) {
        (Target::Line(id), col) => {
            let line = plan
                .outputs
                .iter()
                .flat_map(|o| &o.lines)
                .find(|l| l.id == id)
                .ok_or("that line is no longer in the plan")?;
            match col {
                Col::Year(year) => {
                    let value = amount(text)?;
                    (line.values.get(year).copied().flatten() != value).then_some(Edit::SetFigure {
                        key: Key::Value { line: id, year },
                        value,
                    })
                }
                Col::Rate => {
                    let rate = amount(text)?;
                    (line.rate != rate).then_some(Edit::SetFigure {
                        key: Key::Rate { line: id },
                        value: rate,
                    })
                }
                Col::Label => {
                    let description = text.trim().to_string();
                    (line.description != description).then_some(Edit::SetLineDescription {
                        line: id,
                        description,
                    })
                }
                Col::Type => {
                    let kind = parse_kind(plan, text)?;
                    (line.kind != kind).then_some(Edit::SetLineKind { line: id, kind })
                }
                _ => return Err("this cell is computed and cannot be edited".into()),
            }
        }
        (Target::Output(id), Col::Label) => {
            let out = plan
                .output(id)
                .ok_or("that output is no longer in the plan")?;
            let title = required_title(text, "an output")?;
            (out.title != title).then(|| Edit::SetOutputText {
                output: id,
                code: out.code.clone(),
                title,
            })
        }
        (Target::Output(id), Col::Type) => {
            let out = plan
                .output(id)
                .ok_or("that output is no longer in the plan")?;
            let t = text.trim();
            let unit = if t.is_empty() {
                None
            } else {
                Some(
                    plan.units
                        .iter()
                        .find(|u| u.code.eq_ignore_ascii_case(t))
                        .map(|u| u.id)
                        .ok_or_else(|| {
                            let codes: Vec<&str> =
                                plan.units.iter().map(|u| u.code.as_str()).collect();
                            format!(
                                "\u{201c}{t}\u{201d} is not an org unit of this plan ({})",
                                codes.join(", ")
                            )
                        })?,
                )
            };
            (out.unit != unit).then_some(Edit::SetOutputUnit { output: id, unit })
        }
        (Target::Objective(id), Col::Label) => {
            let o = plan
                .objective(id)
                .ok_or("that objective is no longer in the plan")?;
            let title = required_title(text, "an objective")?;
            (o.title != title).then(|| Edit::SetObjectiveText {
                objective: id,
                code: o.code.clone(),
                title,
                description: o.description.clone(),
            })
        }
        (Target::Grade(grade), Col::Year(year)) => {
            let cost = amount(text)?;
            if cost.is_some_and(|c| c.is_sign_negative() && !c.is_zero()) {
                return Err("a standard cost cannot be negative".into());
            }
            let current = plan
                .standard_costs
                .rows
                .iter()
                .find(|r| r.grade == grade)
                .and_then(|r| r.costs.get(year).copied().flatten());
            (current != cost).then_some(Edit::SetFigure {
                key: Key::StandardCost { grade, year },
                value: cost,
            })
        }
        (Target::Ceiling(id), _) => {
            let c = plan
                .ceilings
                .iter()
                .find(|c| c.id == id)
                .ok_or("that ceiling is no longer in the plan")?;
            let amount = amount(text)?.ok_or("a ceiling needs an amount")?;
            (c.amount != amount).then_some(Edit::SetFigure {
                key: Key::Ceiling { ceiling: id },
                value: Some(amount),
            })
        }
        (Target::Escalation, _) => {
            let percent = amount(text)?;
            if percent.is_some_and(|p| p.abs() > Decimal::ONE_HUNDRED) {
                return Err("an escalation rate is a percentage between -100 and 100".into());
            }
            (plan.standard_costs.escalation_percent != percent).then_some(Edit::SetFigure {
                key: Key::Escalation,
                value: percent,
            })
        }
        (Target::Link(output, objective), _) => {
            let out = plan
                .output(output)
                .ok_or("that output is no longer in the plan")?;
            let share = parse_share(text)?;
            let current = out
                .links
                .iter()
                .find(|l| l.objective == objective)
                .map(|l| l.share);
            (current != share).then_some(Edit::SetLink {
                output,
                objective,
                share,
            })
        }
        (Target::KpiTarget(id) | Target::KpiActual(id), Col::Year(year)) => {
            let kpi = kpi(plan, id)?;
            let value = amount(text)?;
            let mut next = kpi.clone();
            let series = match key.target {
                Target::KpiTarget(_) => &mut next.targets,
                _ => &mut next.actuals,
            };
            let slot = series
                .get_mut(year)
                .ok_or("that year is no longer in the plan")?;
            *slot = value;
            (next != *kpi).then(|| Edit::SetKpi(Box::new(next)))
        }
        (Target::KpiBaseline(id), _) => {
            let kpi = kpi(plan, id)?;
            let mut next = kpi.clone();
            next.baseline = match (amount(text)?, next.baseline.take()) {
                (None, _) => None,
                (Some(value), Some(b)) => Some(Baseline { value, ..b }),
                // A baseline is usually the year before the plan starts.
                (Some(value), None) => Some(Baseline {
                    year: year_before(plan),
                    value,
                }),
            };
            (next != *kpi).then(|| Edit::SetKpi(Box::new(next)))
        }
        (Target::ProposalRate(id, kind), _) => {
            let p = proposal(plan, id)?;
            let v = quantity(text)?;
            let mut next = p.clone();
            next.rates.set(kind, v);
            (next != *p).then(|| Edit::SetProposal(Box::new(next)))
        }
        (Target::ProposalItem(id, item, figure), _) => {
            let p = proposal(plan, id)?;
            let v = quantity(text)?;
            let mut next = p.clone();
            let it = next
                .items
                .iter_mut()
                .find(|i| i.id == item)
                .ok_or("that item is no longer in the proposal")?;
            let slot = match (&mut it.template, figure) {
                (Template::Meeting { days, .. }, ItemFigure::Days) => days,
                (Template::Meeting { languages, .. }, ItemFigure::Languages)
                | (Template::Documents { languages, .. }, ItemFigure::Languages) => languages,
                (Template::Meeting { interpreters, .. }, ItemFigure::Interpreters) => interpreters,
                (Template::Documents { pages, .. }, ItemFigure::Pages) => pages,
                (Template::Posts { months, .. }, ItemFigure::Months) => months,
                (Template::Travel { trips }, ItemFigure::Trips) => trips,
                (Template::Other { amount, .. }, ItemFigure::Amount) => amount,
                _ => return Err("this item has no such figure".into()),
            };
            *slot = v;
            (next != *p).then(|| Edit::SetProposal(Box::new(next)))
        }
        (Target::Driver(scenario, income), _) => {
            let line = plan
                .income
                .iter()
                .find(|i| i.id == income)
                .ok_or("that income line is no longer in the plan")?;
            let value = amount(text)?;
            let key = Key::IncomeRate { income };
            match scenario {
                None => (line.rate != value).then_some(Edit::SetFigure { key, value }),
                Some(id) => {
                    let s = plan
                        .scenarios
                        .iter()
                        .find(|s| s.id == id)
                        .ok_or("that scenario is no longer in the plan")?;
                    // Blank: the scenario follows the baseline again.
                    let value = value.map(Some);
                    (s.get(key) != value).then_some(Edit::SetOverride {
                        scenario: id,
                        key,
                        value,
                    })
                }
            }
        }
        _ => return Err("this cell cannot be edited".into()),
    };
    Ok(edit)
}

/// What a user typed into a field, as one undoable change: the edit it means (and the
/// field's draft cleared), or, when it cannot be used, the text kept there as a draft with
/// the reason and the plan unchanged. The one way typed text reaches a plan.
///
/// Fields of what is shown are read from the shown scenario's plan; drivers, which name
/// their scenario, from the plan itself.
pub fn enter(doc: &Document, key: CellKey, text: &str) -> Change {
    let to_plan = matches!(key.target, Target::Driver(..));
    let plan = if to_plan {
        doc.plan()
    } else {
        doc.view().plan()
    };
    match commit(plan, key, text) {
        Ok(edit) => Change {
            edit: keep_expression(doc, key, text, edit),
            drafts: vec![(key, None)],
            to_plan,
            label: None,
        },
        Err(error) => Change {
            edit: None,
            drafts: vec![(
                key,
                Some(Draft {
                    text: text.to_string(),
                    error,
                }),
            )],
            to_plan,
            label: None,
        },
    }
}

/// A figure typed as a calculation keeps its text beside it (in the shown scenario, if
/// one is); a figure typed plainly drops the calculation it was typed as before. Fields
/// that are not a plan's figure (a KPI's, a proposal's, a driver) take the result only.
fn keep_expression(doc: &Document, key: CellKey, text: &str, edit: Option<Edit>) -> Option<Edit> {
    let Some(k) = figure_key(key) else {
        return edit;
    };
    let scenario = doc.scenario().map(|s| s.id);
    let kept = doc
        .plan()
        .expressions
        .binary_search_by(|e| (e.scenario, e.key).cmp(&(scenario, k)))
        .ok()
        .and_then(|i| doc.plan().expressions.get(i))
        .map(|e| e.text.clone());
    let typed = is_expression(text).then(|| text.trim().to_string());
    if kept == typed {
        return edit;
    }
    // `None` for the scenario: the document redirects it to the one shown.
    let keep = Edit::SetExpression {
        scenario: None,
        key: k,
        text: typed,
    };
    Some(match edit {
        Some(e) => Edit::Batch(vec![e, keep]),
        None => keep,
    })
}

/// The calculation a field's figure was typed as, if it still gives the figure: what
/// editing the field starts from, and what its tooltip shows.
pub fn expression_at(doc: &Document, key: CellKey) -> Option<String> {
    // Figures of what is shown (drivers, which name their scenario, keep no calculation).
    let k = figure_key(key)?;
    let scenario = doc.scenario().map(|s| s.id);
    let value = doc.view().figure(k).flatten();
    doc.plan()
        .expression(scenario, k, value)
        .map(str::to_string)
}

/// Types text into a field of the document: the change [`enter`] makes, as one undoable
/// step. A value the plan refuses once applied (too large to cost, say) stays typed in its
/// field with the reason, like text that is not a number: nothing typed is dropped.
/// `Ok(false)`: nothing changed.
pub fn type_into(doc: &mut Document, key: CellKey, text: &str) -> Result<bool, String> {
    let change = enter(doc, key, text);
    let to_plan = change.to_plan;
    match doc.change(change) {
        Ok(changed) => Ok(changed),
        Err(e) => {
            let error = e.to_string();
            let kept = Change {
                edit: None,
                drafts: vec![(
                    key,
                    Some(Draft {
                        text: text.to_string(),
                        error: error.clone(),
                    }),
                )],
                to_plan,
                label: None,
            };
            doc.change(kept).map_err(|e| e.to_string())?;
            Err(error)
        }
    }
}

fn kpi(plan: &Plan, id: KpiId) -> Result<&Kpi, String> {
    plan.kpis
        .iter()
        .find(|k| k.id == id)
        .ok_or_else(|| "that KPI is no longer in the plan".into())
}

fn proposal(plan: &Plan, id: ProposalId) -> Result<&Proposal, String> {
    plan.proposals
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| "that proposal is no longer in the plan".into())
}

/// A count or a rate of a proposal: a number, zero or more.
fn quantity(text: &str) -> Result<Decimal, String> {
    match read_figure(text)? {
        Some(v) if v.is_sign_negative() && !v.is_zero() => Err("enter zero or more".into()),
        Some(v) => Ok(v),
        None => Err("enter a number".into()),
    }
}

/// The label of the year before the plan's first (a KPI's usual baseline year).
fn year_before(plan: &Plan) -> String {
    plan.years
        .first()
        .and_then(|y| y.parse::<i32>().ok())
        .and_then(|y| y.checked_sub(1))
        .map(|y| y.to_string())
        .unwrap_or_default()
}

fn required_title(text: &str, what: &str) -> Result<String, String> {
    let title = text.trim();
    if title.is_empty() {
        return Err(format!("{what} needs a title"));
    }
    Ok(title.to_string())
}
