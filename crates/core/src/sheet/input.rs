//! Typed input: what a user typed into a cell becomes an edit, or a message that says why
//! it cannot be used (the text is then kept as a draft).

use super::*;

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
    let amount = |t: &str| parse_amount(t).map_err(|e| e.to_string());
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
        _ => return Err("this cell cannot be edited".into()),
    };
    Ok(edit)
}

fn required_title(text: &str, what: &str) -> Result<String, String> {
    let title = text.trim();
    if title.is_empty() {
        return Err(format!("{what} needs a title"));
    }
    Ok(title.to_string())
}
