//! Rollplan's own CSV layouts for resources, and reading them back.
//!
//! - **Long** (tidy): one row per output x line x year. Ready for a pandas group-by or an
//!   Excel pivot table.
//! - **Wide**: one row per line, like the grid: the entered figure per year, then the unit
//!   cost per year (standard cost or rate), the cost per year, and the line's total cost.
//!
//! Both carry each output's objective links (`O1=X;O3=25`), unit, line kind, grade, basis,
//! category, description and rate, the figures as entered and the cost they give. Reading
//! them back rebuilds a plan with every number preserved: staff costs come back as the
//! standard cost table (or line rates), and each row's cost is checked against the
//! recomputed one, so a file edited by hand into inconsistency is refused, with the row.
//!
//! Layouts are recognised by their exact header. What CSV does not carry (objective titles,
//! KPIs, risks, income, ceilings) lives in the JSON file; see docs/FORMATS.md.

use super::csv::{neutralise, plain_cents, restore};
use super::table::{cell, CsvError, Table};
use crate::calc::Engine;
use crate::exact::ExactSum;
use crate::limits::at;
use crate::model::*;
use crate::numfmt::{plain, read_number, Convention};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

/// Columns every resource layout starts with.
pub const LINE_COLUMNS: [&str; 11] = [
    "output_code",
    "output_title",
    "org_unit",
    "objectives",
    "line",
    "kind",
    "grade",
    "basis",
    "category",
    "description",
    "rate",
];
/// The long layout's remaining columns.
pub const LONG_TAIL: [&str; 4] = ["year", "quantity", "unit_cost", "amount"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Long,
    Wide,
}

pub fn long_header() -> Vec<String> {
    LINE_COLUMNS
        .iter()
        .chain(LONG_TAIL.iter())
        .map(|s| s.to_string())
        .collect()
}

pub fn wide_header(years: &[String]) -> Vec<String> {
    let mut h: Vec<String> = LINE_COLUMNS.iter().map(|s| s.to_string()).collect();
    // Year labels are the user's text: neutralised like any cell, headers included.
    h.extend(years.iter().map(|y| neutralise(y)));
    h.extend(years.iter().map(|y| neutralise(&format!("{y} unit cost"))));
    h.extend(years.iter().map(|y| neutralise(&format!("{y} cost"))));
    h.push("total cost".into());
    h
}

/// Which of our layouts a table is, if any.
pub fn detect(table: &Table) -> Option<Layout> {
    if table.header == long_header() {
        return Some(Layout::Long);
    }
    let h = &table.header;
    let k = LINE_COLUMNS.len();
    // After the line columns: three columns per year, then the total.
    let per_year = h.len().saturating_sub(k.saturating_add(1));
    if h.len() > k.saturating_add(1)
        && h.iter().zip(LINE_COLUMNS).all(|(a, b)| a == b)
        && per_year % 3 == 0
    {
        let n = per_year / 3;
        let years: Vec<String> = h.iter().skip(k).take(n).map(|y| restore(y)).collect();
        if *h == wide_header(&years) {
            return Some(Layout::Wide);
        }
    }
    None
}

fn links_text(plan: &Plan, o: &Output) -> String {
    o.links
        .iter()
        .map(|l| {
            let code = plan.objective(l.objective).map_or("?", |x| x.code.as_str());
            match l.share {
                Share::Equal => format!("{code}=X"),
                Share::Percent(p) => format!("{code}={}", plain(p)),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The first 11 cells of a line's row.
fn line_cells(plan: &Plan, o: &Output, l: Option<(usize, &Line)>) -> Vec<String> {
    let unit = o
        .unit
        .and_then(|u| plan.unit(u))
        .map(|u| u.code.clone())
        .unwrap_or_default();
    let mut cells = vec![
        neutralise(&o.code),
        neutralise(&o.title),
        neutralise(&unit),
        neutralise(&links_text(plan, o)),
    ];
    match l {
        None => cells.extend(std::iter::repeat_n(String::new(), 7)),
        Some((i, line)) => {
            let (kind, grade, basis, category) = match line.kind {
                LineKind::Staff { grade, basis } => (
                    "staff",
                    plan.grade(grade)
                        .map(|g| g.code.clone())
                        .unwrap_or_default(),
                    match basis {
                        StaffBasis::Posts => "posts",
                        StaffBasis::WorkMonths => "work_months",
                    },
                    String::new(),
                ),
                LineKind::NonStaff { category } => (
                    "non_staff",
                    String::new(),
                    "",
                    plan.category(category)
                        .map(|c| c.code.clone())
                        .unwrap_or_default(),
                ),
            };
            cells.extend([
                (i.saturating_add(1)).to_string(),
                kind.to_string(),
                neutralise(&grade),
                basis.to_string(),
                neutralise(&category),
                neutralise(&line.description),
                line.rate.map(plain).unwrap_or_default(),
            ]);
        }
    }
    cells
}

/// The unit cost a cell was priced at: a staff line's rate or standard cost, a non-staff
/// line's rate.
fn unit_cost(engine: &Engine, line: &Line, year: usize) -> Option<Decimal> {
    match line.kind {
        LineKind::Staff { grade, .. } => line.rate.or_else(|| engine.standard_cost(grade, year)),
        LineKind::NonStaff { .. } => line.rate,
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn cost_text(s: &ExactSum) -> String {
    s.round(2).map(plain_cents).unwrap_or_default()
}

/// Long (tidy) resources: one row per output x line x year; an output without lines
/// gets one row with the line columns blank.
pub fn export_long(engine: &Engine) -> String {
    let plan = engine.plan();
    let mut w = writer();
    let _ = w.write_record(long_header());
    for (o, out) in plan.outputs.iter().enumerate() {
        if out.lines.is_empty() {
            let mut row = line_cells(plan, out, None);
            row.extend(std::iter::repeat_n(String::new(), LONG_TAIL.len()));
            let _ = w.write_record(&row);
        }
        for (l, line) in out.lines.iter().enumerate() {
            for (y, year) in plan.years.iter().enumerate() {
                let mut row = line_cells(plan, out, Some((l, line)));
                let q = line.values.get(y).copied().flatten();
                row.push(neutralise(year));
                row.push(q.map(plain).unwrap_or_default());
                row.push(unit_cost(engine, line, y).map(plain).unwrap_or_default());
                row.push(match q {
                    Some(_) => engine
                        .line_cost(o, l, y)
                        .map(|c| cost_text(&c))
                        .unwrap_or_default(),
                    None => String::new(),
                });
                let _ = w.write_record(&row);
            }
        }
    }
    finish(w)
}

/// Wide resources, mirroring the grid.
pub fn export_wide(engine: &Engine) -> String {
    let plan = engine.plan();
    let mut w = writer();
    let _ = w.write_record(wide_header(&plan.years));
    for (o, out) in plan.outputs.iter().enumerate() {
        if out.lines.is_empty() {
            let mut row = line_cells(plan, out, None);
            row.extend(std::iter::repeat_n(
                String::new(),
                plan.years.len().saturating_mul(3).saturating_add(1),
            ));
            let _ = w.write_record(&row);
        }
        for (l, line) in out.lines.iter().enumerate() {
            let mut row = line_cells(plan, out, Some((l, line)));
            row.extend(line.values.iter().map(|v| v.map(plain).unwrap_or_default()));
            row.extend(
                (0..plan.years.len())
                    .map(|y| unit_cost(engine, line, y).map(plain).unwrap_or_default()),
            );
            let mut total = ExactSum::ZERO;
            for y in 0..plan.years.len() {
                let c = engine.line_cost(o, l, y).unwrap_or_default();
                let _ = total.add_sum(&c);
                row.push(if line.values.get(y).copied().flatten().is_some() {
                    cost_text(&c)
                } else {
                    String::new()
                });
            }
            row.push(cost_text(&total));
            let _ = w.write_record(&row);
        }
    }
    finish(w)
}

/// One line as read from a file, before the plan is assembled.
struct RowLine {
    file_row: usize,
    output: usize,
    kind: LineKind,
    description: String,
    rate: Option<Decimal>,
    values: Series,
    costs: Vec<Option<(Decimal, String)>>,
    unit_costs: Series,
}

/// Said if a position the reader itself made is not there: a defect, reported, not a panic.
const MISSING: &str =
    "the reader lost track of a line it made (a defect in Rollplan; please report it)";

/// Sets position `y` of a per-year list the reader made `n` long.
fn put<T>(v: &mut [T], y: usize, x: T) -> Result<(), CsvError> {
    *v.get_mut(y).ok_or_else(|| CsvError::file(MISSING))? = x;
    Ok(())
}

/// Reads one of our layouts back into a plan titled `title`, through the gate
/// ([`crate::gate`]): a plan it refuses is an error naming the first findings.
pub fn import(table: &Table, title: &str) -> Result<Plan, CsvError> {
    crate::gate::admit(parse(table, title)?).map_err(|r| {
        CsvError::file(format!(
            "the plan in this file is inconsistent: {}",
            crate::reports::validate::summary(&r.findings, 5)
        ))
    })
}

/// Reads one of our layouts into a plan, not yet through the gate (for [`super::open`],
/// which keeps the gate's findings whole).
pub(crate) fn parse(table: &Table, title: &str) -> Result<Plan, CsvError> {
    let layout = detect(table).ok_or_else(|| {
        CsvError::at(1, None, "this is not a Rollplan resources CSV (its header differs); import it as a budget CSV instead")
    })?;
    let k = LINE_COLUMNS.len();
    let years: Vec<String> = match layout {
        Layout::Long => {
            let mut v: Vec<String> = Vec::new();
            for row in &table.rows {
                let y = restore(cell(row, k));
                if !y.is_empty() && !v.contains(&y) {
                    v.push(y);
                }
            }
            v
        }
        Layout::Wide => table
            .header
            .iter()
            .skip(k)
            .take(table.header.len().saturating_sub(k.saturating_add(1)) / 3)
            .map(|h| restore(h))
            .collect(),
    };
    if years.is_empty() {
        return Err(CsvError::file("the file has no years"));
    }
    let n = years.len();
    let year_refs: Vec<&str> = years.iter().map(String::as_str).collect();
    let mut plan = Plan::blank(title, &year_refs);
    // Grades and categories of the blank plan; unknown codes are added.
    let mut outputs: Vec<(String, String, String, String)> = Vec::new();
    let mut output_ix: HashMap<String, usize> = HashMap::new();
    let mut lines: Vec<RowLine> = Vec::new();
    let mut line_ix: HashMap<(usize, String), usize> = HashMap::new();

    for (i, row) in table.rows.iter().enumerate() {
        let file_row = table.row_number(i);
        let col = |c: usize| table.heading(c);
        let code = restore(cell(row, 0));
        if code.is_empty() {
            return Err(CsvError::at(
                file_row,
                Some(col(0)),
                "the output code is blank",
            ));
        }
        let o = match output_ix.get(&code) {
            Some(&o) => o,
            None => {
                let o = outputs.len();
                outputs.push((
                    code.clone(),
                    restore(cell(row, 1)),
                    restore(cell(row, 2)),
                    restore(cell(row, 3)),
                ));
                output_ix.insert(code.clone(), o);
                o
            }
        };
        let line_no = cell(row, 4).trim();
        if line_no.is_empty() {
            continue; // an output without lines
        }
        let num = |c: usize| -> Result<Option<Decimal>, CsvError> {
            // The one number reader: our files write a decimal point, no grouping.
            let t = cell(row, c).trim();
            read_number(t, Convention::DecimalPoint).map_err(|e| {
                CsvError::at(
                    file_row,
                    Some(col(c)),
                    format!("\u{201c}{t}\u{201d} is not a number ({e})"),
                )
            })
        };
        let kind = match cell(row, 5).trim() {
            "staff" => {
                let g = restore(cell(row, 6));
                let grade = match plan.grades.iter().find(|x| x.code == g) {
                    Some(x) => x.id,
                    None => {
                        if g.is_empty() {
                            return Err(CsvError::at(
                                file_row,
                                Some(col(6)),
                                "a staff line needs a grade",
                            ));
                        }
                        let id = GradeId(plan.fresh_id());
                        plan.grades.push(Grade { id, code: g });
                        plan.standard_costs.rows.push(StandardCostRow {
                            grade: id,
                            costs: vec![None; n],
                        });
                        id
                    }
                };
                let basis = match cell(row, 7).trim() {
                    "posts" => StaffBasis::Posts,
                    "work_months" => StaffBasis::WorkMonths,
                    other => {
                        return Err(CsvError::at(
                            file_row,
                            Some(col(7)),
                            format!(
                                "basis must be posts or work_months, not \u{201c}{other}\u{201d}"
                            ),
                        ))
                    }
                };
                LineKind::Staff { grade, basis }
            }
            "non_staff" => {
                let c = restore(cell(row, 8));
                let category = match plan.categories.iter().find(|x| x.code == c) {
                    Some(x) => x.id,
                    None => {
                        let id = CategoryId(plan.fresh_id());
                        plan.categories.push(Category {
                            id,
                            code: c.clone(),
                            name: c,
                        });
                        id
                    }
                };
                LineKind::NonStaff { category }
            }
            other => {
                return Err(CsvError::at(
                    file_row,
                    Some(col(5)),
                    format!("kind must be staff or non_staff, not \u{201c}{other}\u{201d}"),
                ))
            }
        };
        let rate = num(10)?;
        let key = (o, line_no.to_string());
        let l = match line_ix.get(&key) {
            Some(&l) => l,
            None => {
                let l = lines.len();
                lines.push(RowLine {
                    file_row,
                    output: o,
                    kind,
                    description: restore(cell(row, 9)),
                    rate,
                    values: vec![None; n],
                    costs: vec![None; n],
                    unit_costs: vec![None; n],
                });
                line_ix.insert(key, l);
                l
            }
        };
        let line = lines.get_mut(l).ok_or_else(|| CsvError::file(MISSING))?;
        match layout {
            Layout::Long => {
                let y = restore(cell(row, k));
                let y = years
                    .iter()
                    .position(|x| *x == y)
                    .ok_or_else(|| CsvError::at(file_row, Some(col(k)), "the year is blank"))?;
                put(&mut line.values, y, num(k.saturating_add(1))?)?;
                put(&mut line.unit_costs, y, num(k.saturating_add(2))?)?;
                if let Some(a) = num(k.saturating_add(3))? {
                    let place = format!("row {file_row}, column \u{201c}amount\u{201d}");
                    put(&mut line.costs, y, Some((a, place)))?;
                }
            }
            Layout::Wide => {
                // Per year: a value column, a unit cost column, an amount column.
                for y in 0..n {
                    let (value, unit_cost, amount) = (
                        k.saturating_add(y),
                        at(1, n, k.saturating_add(y)),
                        at(2, n, k.saturating_add(y)),
                    );
                    put(&mut line.values, y, num(value)?)?;
                    put(&mut line.unit_costs, y, num(unit_cost)?)?;
                    if let Some(a) = num(amount)? {
                        let place =
                            format!("row {file_row}, column \u{201c}{}\u{201d}", col(amount));
                        put(&mut line.costs, y, Some((a, place)))?;
                    }
                }
            }
        }
    }

    // Objectives from link codes, in order of first appearance.
    let mut objective_ix: HashMap<String, ObjectiveId> = HashMap::new();
    let mut unit_ix: HashMap<String, UnitId> = HashMap::new();
    for (o, (code, title, unit, links)) in outputs.iter().enumerate() {
        let id = OutputId(plan.fresh_id());
        let mut parsed = Vec::new();
        for part in links.split(';').filter(|p| !p.trim().is_empty()) {
            let (obj, share) = part.split_once('=').ok_or_else(|| {
                CsvError::file(format!("output {code}: the objectives cell \u{201c}{links}\u{201d} must look like O1=X;O2=25"))
            })?;
            let share = match share.trim() {
                "X" | "x" => Share::Equal,
                p => Share::Percent(Decimal::from_str(p).map_err(|_| {
                    CsvError::file(format!("output {code}: the share \u{201c}{p}\u{201d} is neither X nor a percentage"))
                })?),
            };
            let obj = obj.trim().to_string();
            let objective = match objective_ix.get(&obj) {
                Some(&x) => x,
                None => {
                    let x = ObjectiveId(plan.fresh_id());
                    plan.objectives.push(Objective {
                        id: x,
                        code: obj.clone(),
                        title: obj.clone(),
                        description: String::new(),
                        goal: None,
                    });
                    objective_ix.insert(obj, x);
                    x
                }
            };
            parsed.push(Link { objective, share });
        }
        let unit = if unit.is_empty() {
            None
        } else {
            Some(*unit_ix.entry(unit.clone()).or_insert_with(|| {
                let u = UnitId(plan.next_id);
                plan.next_id = plan.next_id.saturating_add(1);
                plan.units.push(OrgUnit {
                    id: u,
                    code: unit.clone(),
                    name: unit.clone(),
                    parent: None,
                    head_grade: None,
                    posts_total: None,
                    posts: Vec::new(),
                });
                u
            }))
        };
        let mut out_lines = Vec::new();
        for rl in lines.iter().filter(|l| l.output == o) {
            out_lines.push(Line {
                id: LineId(plan.fresh_id()),
                description: rl.description.clone(),
                kind: rl.kind,
                rate: rl.rate,
                values: rl.values.clone(),
            });
        }
        plan.outputs.push(Output {
            id,
            code: code.clone(),
            title: title.clone(),
            unit,
            links: parsed,
            lines: out_lines,
        });
    }

    // Standard costs from staff rows priced without a rate; they must agree.
    for rl in &lines {
        if let (LineKind::Staff { grade, .. }, None) = (rl.kind, rl.rate) {
            for (y, year) in years.iter().enumerate() {
                let Some(c) = rl.unit_costs.get(y).copied().flatten() else {
                    continue;
                };
                let row = plan
                    .standard_costs
                    .rows
                    .iter_mut()
                    .find(|r| r.grade == grade)
                    .ok_or_else(|| CsvError::file("grade without a cost row"))?;
                let slot = row
                    .costs
                    .get_mut(y)
                    .ok_or_else(|| CsvError::file(MISSING))?;
                match *slot {
                    Some(prev) if prev != c => {
                        return Err(CsvError::at(rl.file_row, Some("unit_cost"), format!(
                            "the standard cost of this grade in {} is {} here but {} on an earlier row", year, plain(c), plain(prev)
                        )))
                    }
                    _ => *slot = Some(c),
                }
            }
        }
    }

    // Every cost in the file must be what the plan computes.
    let engine = Engine::new(plan).map_err(|e| CsvError::file(e.to_string()))?;
    for (li, rl) in lines.iter().enumerate() {
        let o = rl.output;
        // The line's position in its output: lines of the same output before it.
        let l = lines.iter().take(li).filter(|x| x.output == o).count();
        for (y, cost) in rl.costs.iter().enumerate() {
            if let Some((expected, place)) = cost {
                let got = engine
                    .line_cost(o, l, y)
                    .and_then(|c| c.round(2))
                    .map_err(|e| CsvError::file(e.to_string()))?;
                if got != *expected {
                    return Err(CsvError::file(format!(
                        "{place}: the cost {} does not match the figure times the unit cost ({}); fix the figure or the cost",
                        plain(*expected),
                        plain_cents(got)
                    )));
                }
            }
        }
    }
    Ok(engine.into_plan())
}
