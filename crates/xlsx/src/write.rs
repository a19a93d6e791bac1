//! The plan as a live workbook.
//!
//! Sheets: Cover; Resources (one row per resource line: inputs, then each year's cost as a
//! formula over the quantity and the rate or the standard cost); Standard costs (grades x
//! years, escalated years as formulas); Links (outputs x objectives shares, as Table 7.1,
//! with each output's cost by year summed from Resources); By objective, By org unit, By
//! category (per year, biennium and period, all formulas, with totals; the objective sheet
//! also has income, net and the ceilings with variance); Income; Scenarios (figures, one
//! column per version); Notes (every note, by place), when the plan has any; and the plan
//! file, hidden. Notes on figures, lines and outputs are also cell notes (comments) on
//! Resources, where the figure is. Every formula carries Rollplan's exact result (rounded
//! to cents) as its cached value.

use crate::{XlsxError, PLAN_SHEET};
use rollplan_core::calc::{Dim, Engine, RollupTable};
use rollplan_core::io::csv::neutralise;
use rollplan_core::io::json;
use rollplan_core::model::*;
use rollplan_core::reports::compare;
use rust_decimal::Decimal;
use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Note, Workbook, Worksheet,
};

type R<T> = Result<T, XlsxError>;

const RESOURCES: &str = "Resources";
const COSTS: &str = "Standard costs";
const LINKS: &str = "Links";
const INCOME: &str = "Income";
/// Longest text a cell holds (Excel's limit), for the plan file's chunks.
const CELL_TEXT: usize = 32_000;

/// A worksheet row from a position (Excel has 1,048,576).
fn row(i: usize) -> R<u32> {
    u32::try_from(i)
        .ok()
        .filter(|r| *r < 1_048_576)
        .ok_or_else(|| XlsxError::new("the plan has more rows than a worksheet holds (1,048,576)"))
}

/// A worksheet column from a position (Excel has 16,384).
fn col(i: usize) -> R<u16> {
    u16::try_from(i)
        .ok()
        .filter(|c| *c < 16_384)
        .ok_or_else(|| XlsxError::new("the plan has more columns than a worksheet holds"))
}

/// `B7` for row 6, column 1.
fn a1(r: usize, c: usize) -> R<String> {
    Ok(row_col_to_cell(row(r)?, col(c)?))
}

/// `'Sheet'!$B$2:$B$9`: column `c` from row `first` to row `last` of another sheet.
fn column_range(sheet: &str, c: usize, first: usize, last: usize) -> R<String> {
    let top = a1(first, c)?;
    let bottom = a1(last.max(first), c)?;
    Ok(format!(
        "'{sheet}'!{}:{}",
        absolute(&top),
        absolute(&bottom)
    ))
}

/// `B7` as `$B$7`.
fn absolute(cell: &str) -> String {
    let split = cell
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(cell.len());
    let (letters, digits) = cell.split_at(split);
    format!("${letters}${digits}")
}

/// A decimal as Excel keeps it: the nearest binary double (exact up to 15 significant
/// digits; docs/FORMATS.md says what that means near the amount limit).
fn number(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(0.0)
}

/// The cached result of a formula: the exact figure, rounded to cents.
fn result(d: Decimal) -> String {
    d.round_dp(2).normalize().to_string()
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    input: Format,
    amount: Format,
    total: Format,
    total_label: Format,
    share: Format,
    note: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Self {
        let input_fill = Color::RGB(0xFFF7D6);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xE8ECF2))
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new(),
            input: Format::new()
                .set_num_format("#,##0.00")
                .set_background_color(input_fill),
            amount: Format::new().set_num_format("#,##0"),
            total: Format::new()
                .set_bold()
                .set_num_format("#,##0")
                .set_border_top(FormatBorder::Thin),
            total_label: Format::new().set_bold().set_border_top(FormatBorder::Thin),
            share: Format::new()
                .set_num_format("0.0%")
                .set_background_color(input_fill),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x555555)),
            wrap: Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
        }
    }
}

/// Text for a cell, neutralised so a spreadsheet never takes it for a formula.
fn text(ws: &mut Worksheet, r: usize, c: usize, s: &str, f: &Format) -> R<()> {
    ws.write_string_with_format(row(r)?, col(c)?, neutralise(s), f)?;
    Ok(())
}

fn formula(ws: &mut Worksheet, r: usize, c: usize, f: &str, cached: String, fmt: &Format) -> R<()> {
    ws.write_formula_with_format(row(r)?, col(c)?, Formula::new(f).set_result(cached), fmt)?;
    Ok(())
}

fn header(ws: &mut Worksheet, r: usize, labels: &[String], f: &Formats) -> R<()> {
    for (c, l) in labels.iter().enumerate() {
        text(ws, r, c, l, &f.header)?;
    }
    ws.set_freeze_panes(row(r.saturating_add(1))?, 0)?;
    ws.set_repeat_rows(row(r)?, row(r)?)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Column positions of the Resources sheet.
struct Res {
    n: usize,
}

impl Res {
    const OUTPUT: usize = 0;
    const TITLE: usize = 1;
    const OBJECTIVES: usize = 2;
    const UNIT: usize = 3;
    const LINE: usize = 4;
    const DESCRIPTION: usize = 5;
    const TYPE: usize = 6;
    const GRADE: usize = 7;
    const BASIS: usize = 8;
    const CATEGORY: usize = 9;
    const RATE: usize = 10;
    const FIRST_YEAR: usize = 11;

    fn qty(&self, y: usize) -> usize {
        Self::FIRST_YEAR.saturating_add(y)
    }
    fn cost(&self, y: usize) -> usize {
        self.qty(self.n).saturating_add(y)
    }
    fn total(&self) -> usize {
        self.cost(self.n)
    }
    fn line_id(&self) -> usize {
        self.total().saturating_add(1)
    }
    fn output_id(&self) -> usize {
        self.total().saturating_add(2)
    }
}

/// The plan as an `.xlsx` workbook. `now_ms` (milliseconds since the epoch, UTC) dates the
/// file: the core reads no clock.
pub fn export(engine: &Engine, now_ms: u64) -> R<Vec<u8>> {
    let plan = engine.plan();
    let f = Formats::new();
    let mut wb = Workbook::new();
    let secs = i64::try_from(now_ms / 1000).unwrap_or(0);
    let when = ExcelDateTime::from_timestamp(secs)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(neutralise(&plan.title))
            .set_company(neutralise(&plan.organisation))
            .set_comment("Exported by Rollplan")
            .set_creation_datetime(&when),
    );

    cover(wb.add_worksheet(), plan, &f, now_ms)?;
    let lines = resources(wb.add_worksheet(), engine, &f)?;
    let grade_rows = standard_costs(wb.add_worksheet(), engine, &f)?;
    // Staff costs refer to the standard costs sheet, so Resources is filled in after it.
    resource_costs(wb.worksheet_from_name(RESOURCES)?, engine, &f, &grade_rows)?;
    let outputs = links(wb.add_worksheet(), engine, &f, lines)?;
    let income_rows = income(wb.add_worksheet(), plan, &f)?;
    by_objective(wb.add_worksheet(), engine, &f, lines, outputs, income_rows)?;
    by_column(wb.add_worksheet(), engine, &f, lines, Dim::Unit)?;
    by_column(wb.add_worksheet(), engine, &f, lines, Dim::Category)?;
    scenarios(wb.add_worksheet(), engine, &f)?;
    if plan
        .notes
        .iter()
        .any(|n| rollplan_core::model::notes::note_place_exists(plan, n.at))
    {
        notes_sheet(wb.add_worksheet(), plan, &f)?;
    }
    plan_sheet(wb.add_worksheet(), plan)?;

    let n = plan.years.len();
    let res = Res { n };
    if lines > 0 {
        let last = lines;
        wb.define_name("Resource_costs", &{
            let a = a1(1, res.cost(0))?;
            let b = a1(last, res.total())?;
            format!("='{RESOURCES}'!{}:{}", absolute(&a), absolute(&b))
        })?;
    }
    if plan.standard_costs.escalation_percent.is_some() {
        wb.define_name("Escalation", &format!("='{COSTS}'!$B$2"))?;
    }
    // Names for the main ranges, so formulas a user adds can say what they mean.
    let range = |sheet: &str, top: (usize, usize), bottom: (usize, usize)| -> R<String> {
        Ok(format!(
            "='{sheet}'!{}:{}",
            absolute(&a1(top.0, top.1)?),
            absolute(&a1(bottom.0, bottom.1)?)
        ))
    };
    let k = plan.objectives.len();
    if !plan.grades.is_empty() && n > 0 {
        let last = plan.grades.len().saturating_add(3);
        wb.define_name("Standard_costs", &range(COSTS, (4, 1), (last, n))?)?;
    }
    if outputs > 0 && k > 0 {
        let last = k.saturating_add(1);
        wb.define_name("Link_shares", &range(LINKS, (1, 2), (outputs, last))?)?;
    }
    if k > 0 && n > 0 {
        let periods = n.saturating_add(plan.biennium_count()).saturating_add(2);
        wb.define_name(
            "Objective_costs",
            &range("By objective", (1, 2), (k, periods))?,
        )?;
    }
    if lines > 0 {
        let last = (row(lines)?, col(res.total())?);
        wb.worksheet_from_name(RESOURCES)?
            .set_print_area(0, 0, last.0, last.1)?;
    }
    wb.save_to_buffer().map_err(XlsxError::from)
}

fn cover(ws: &mut Worksheet, plan: &Plan, f: &Formats, now_ms: u64) -> R<()> {
    ws.set_name("Cover")?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 100)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 1);
    text(ws, 0, 0, &plan.title, &f.title)?;
    let unit = match plan.amount_unit {
        AmountUnit::Units => "units",
        AmountUnit::Thousands => "thousands",
    };
    let rows: [(&str, String); 6] = [
        ("Organisation", plan.organisation.clone()),
        ("Currency", plan.currency.clone()),
        ("Amounts in", unit.to_string()),
        ("Years", plan.years.join(", ")),
        ("Note", plan.note.clone()),
        (
            "Provenance",
            format!(
                "Exported by Rollplan from a plan file of version {} on {} (UTC).",
                json::VERSION,
                rollplan_core::io::library::iso_date(now_ms)
            ),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        let r = i.saturating_add(2);
        text(ws, r, 0, k, &f.header)?;
        text(ws, r, 1, v, &f.wrap)?;
        // Spreadsheets do not grow a row for wrapped text they did not lay out themselves.
        let lines = v.chars().count().div_ceil(95).max(1);
        ws.set_row_height(row(r)?, 15.0 * lines as f64)?;
    }
    let how = [
        "Shaded cells are inputs: quantities and amounts on Resources, standard costs, link shares, income.",
        "Every cost and total is a formula over them: change an input and every rollup follows.",
        "Resources prices each line: posts x the standard cost, work-months x the standard cost / 12, quantity x rate, or an amount.",
        "Links holds each output's share of each objective (Table 7.1); By objective sums output costs by those shares.",
        "A blank standard cost after a known one is the year before x (1 + escalation), rounded to cents.",
        "Opened in Rollplan, this workbook becomes the plan it was exported from; its hidden sheet carries the plan file.",
    ];
    for (i, h) in how.iter().enumerate() {
        text(ws, i.saturating_add(10), 1, h, &f.note)?;
    }
    text(ws, 9, 0, "How this workbook works", &f.header)?;
    ws.set_active(true);
    Ok(())
}

/// The inputs of Resources; returns how many line rows there are.
fn resources(ws: &mut Worksheet, engine: &Engine, f: &Formats) -> R<usize> {
    let plan = engine.plan();
    let n = plan.years.len();
    let res = Res { n };
    ws.set_name(RESOURCES)?;
    let mut labels: Vec<String> = [
        "Output",
        "Output title",
        "Objectives",
        "Org unit",
        "Line",
        "Description",
        "Type",
        "Grade",
        "Basis",
        "Category",
        "Rate",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    labels.extend(plan.years.iter().cloned());
    labels.extend(plan.years.iter().map(|y| format!("Cost {y}")));
    labels.push("Total cost".into());
    labels.push("line id".into());
    labels.push("output id".into());
    header(ws, 0, &labels, f)?;
    ws.set_freeze_panes(1, col(Res::FIRST_YEAR)?)?;
    for (c, w) in [
        (0, 9),
        (1, 30),
        (2, 16),
        (3, 9),
        (4, 5),
        (5, 28),
        (6, 10),
        (7, 7),
        (8, 12),
        (9, 11),
        (10, 11),
    ] {
        ws.set_column_width(col(c)?, w)?;
    }
    for y in 0..n {
        ws.set_column_width(col(res.qty(y))?, 11)?;
        ws.set_column_width(col(res.cost(y))?, 13)?;
    }
    ws.set_column_width(col(res.total())?, 14)?;
    ws.set_column_hidden(col(res.line_id())?)?;
    ws.set_column_hidden(col(res.output_id())?)?;

    let unit_code = |u: Option<UnitId>| {
        u.and_then(|u| plan.units.iter().find(|x| x.id == u))
            .map(|u| u.code.clone())
            .unwrap_or_default()
    };
    let category_code = |c: Option<CategoryId>| {
        c.and_then(|c| plan.categories.iter().find(|x| x.id == c))
            .map(|c| c.code.clone())
            .unwrap_or_default()
    };
    let mut r = 0usize;
    for out in &plan.outputs {
        let links: Vec<String> = out
            .links
            .iter()
            .map(|l| {
                let code = plan
                    .objective(l.objective)
                    .map_or_else(String::new, |o| o.code.clone());
                match l.share {
                    Share::Equal => code,
                    Share::Percent(p) => format!("{code} {}%", p.normalize()),
                }
            })
            .collect();
        for (i, line) in out.lines.iter().enumerate() {
            r = r.saturating_add(1);
            text(ws, r, Res::OUTPUT, &out.code, &f.text)?;
            text(ws, r, Res::TITLE, &out.title, &f.text)?;
            text(ws, r, Res::OBJECTIVES, &links.join(", "), &f.text)?;
            text(ws, r, Res::UNIT, &unit_code(out.unit), &f.text)?;
            ws.write_number(row(r)?, col(Res::LINE)?, i.saturating_add(1) as f64)?;
            text(ws, r, Res::DESCRIPTION, &line.description, &f.text)?;
            let (kind, grade, basis, category) = match line.kind {
                LineKind::Staff { grade, basis } => (
                    "Staff",
                    plan.grades
                        .iter()
                        .find(|g| g.id == grade)
                        .map(|g| g.code.clone())
                        .unwrap_or_default(),
                    match basis {
                        StaffBasis::Posts => "posts",
                        StaffBasis::WorkMonths => "work-months",
                    },
                    category_code(plan.staff_category),
                ),
                LineKind::NonStaff { category } => (
                    "Non-staff",
                    String::new(),
                    "",
                    category_code(Some(category)),
                ),
            };
            text(ws, r, Res::TYPE, kind, &f.text)?;
            text(ws, r, Res::GRADE, &grade, &f.text)?;
            text(ws, r, Res::BASIS, basis, &f.text)?;
            text(ws, r, Res::CATEGORY, &category, &f.text)?;
            match line.rate {
                Some(rate) => {
                    ws.write_number_with_format(row(r)?, col(Res::RATE)?, number(rate), &f.input)?;
                }
                None => {
                    ws.write_blank(row(r)?, col(Res::RATE)?, &f.input)?;
                }
            }
            for y in 0..n {
                match line.values.get(y).copied().flatten() {
                    Some(v) => {
                        ws.write_number_with_format(row(r)?, col(res.qty(y))?, number(v), &f.input)?
                    }
                    None => ws.write_blank(row(r)?, col(res.qty(y))?, &f.input)?,
                };
            }
            ws.write_number(row(r)?, col(res.line_id())?, f64::from(line.id.0))?;
            ws.write_number(row(r)?, col(res.output_id())?, f64::from(out.id.0))?;
            // Notes as cell notes where their figure is: the output's on its first line.
            let mut notes: Vec<(usize, &str)> = Vec::new();
            if i == 0 {
                notes.extend(plan.note(NoteAt::Output(out.id)).map(|t| (Res::TITLE, t)));
            }
            notes.extend(
                plan.note(NoteAt::Line(line.id))
                    .map(|t| (Res::DESCRIPTION, t)),
            );
            notes.extend(
                plan.note(NoteAt::Figure(Key::Rate { line: line.id }))
                    .map(|t| (Res::RATE, t)),
            );
            for y in 0..n {
                let at = NoteAt::Figure(Key::Value {
                    line: line.id,
                    year: y,
                });
                notes.extend(plan.note(at).map(|t| (res.qty(y), t)));
            }
            for (c, t) in notes {
                ws.insert_note(row(r)?, col(c)?, &Note::new(t).set_author("Rollplan"))?;
            }
        }
    }
    ws.autofilter(0, 0, row(r.max(1))?, col(res.total())?)?;
    Ok(r)
}

/// Every note of the plan, by place, as the notes CSV has them.
fn notes_sheet(ws: &mut Worksheet, plan: &Plan, f: &Formats) -> R<()> {
    ws.set_name("Notes")?;
    header(
        ws,
        0,
        &[
            "Place".into(),
            "Output".into(),
            "Year".into(),
            "Note".into(),
        ],
        f,
    )?;
    ws.set_column_width(0, 48)?;
    ws.set_column_width(1, 10)?;
    ws.set_column_width(2, 10)?;
    ws.set_column_width(3, 90)?;
    // The same rows as the notes CSV.
    for (i, rec) in rollplan_core::io::csv::note_rows(plan).iter().enumerate() {
        for (c, cell) in rec.iter().enumerate() {
            text(ws, i.saturating_add(1), c, cell, &f.wrap)?;
        }
    }
    Ok(())
}

/// Each line's cost per year and in total, as formulas.
fn resource_costs(
    ws: &mut Worksheet,
    engine: &Engine,
    f: &Formats,
    grade_rows: &[(GradeId, usize)],
) -> R<()> {
    let plan = engine.plan();
    let n = plan.years.len();
    let res = Res { n };
    let mut r = 0usize;
    for (o, out) in plan.outputs.iter().enumerate() {
        for (l, line) in out.lines.iter().enumerate() {
            r = r.saturating_add(1);
            let rate = absolute(&a1(r, Res::RATE)?);
            for y in 0..n {
                let q = a1(r, res.qty(y))?;
                let price = match (line.kind, line.rate) {
                    (LineKind::NonStaff { .. }, None) => q.clone(),
                    (LineKind::NonStaff { .. }, Some(_)) => format!("{q}*{rate}"),
                    (LineKind::Staff { basis, grade }, rate_given) => {
                        let cost = match rate_given {
                            Some(_) => Some(rate.clone()),
                            None => grade_rows
                                .iter()
                                .find(|(g, _)| *g == grade)
                                .map(|(_, gr)| a1(*gr, y.saturating_add(1)))
                                .transpose()?
                                .map(|c| format!("'{COSTS}'!{c}")),
                        };
                        match (cost, basis) {
                            (None, _) => "0".to_string(),
                            (Some(c), StaffBasis::Posts) => format!("{q}*{c}"),
                            (Some(c), StaffBasis::WorkMonths) => format!("{q}*{c}/12"),
                        }
                    }
                };
                let cached = match line.values.get(y).copied().flatten() {
                    Some(_) => result(
                        engine
                            .line_cost(o, l, y)
                            .and_then(|c| c.round(2))
                            .map_err(|e| XlsxError::new(e.to_string()))?,
                    ),
                    None => String::new(),
                };
                formula(
                    ws,
                    r,
                    res.cost(y),
                    &format!("=IF({q}=\"\",\"\",{price})"),
                    cached,
                    &f.amount,
                )?;
            }
            let first = a1(r, res.cost(0))?;
            let last = a1(r, res.cost(n.saturating_sub(1)))?;
            let total = (0..n)
                .map(|y| engine.line_cost(o, l, y))
                .try_fold(rollplan_core::exact::ExactSum::ZERO, |mut s, c| {
                    s.add_sum(&c?)?;
                    Ok::<_, rollplan_core::exact::Overflow>(s)
                })
                .and_then(|s| s.round(2))
                .map_err(|e| XlsxError::new(e.to_string()))?;
            formula(
                ws,
                r,
                res.total(),
                &format!("=SUM({first}:{last})"),
                result(total),
                &f.amount,
            )?;
        }
    }
    Ok(())
}

/// Grades x years; returns each grade's row.
fn standard_costs(ws: &mut Worksheet, engine: &Engine, f: &Formats) -> R<Vec<(GradeId, usize)>> {
    let plan = engine.plan();
    let n = plan.years.len();
    ws.set_name(COSTS)?;
    ws.set_column_width(0, 26)?;
    text(
        ws,
        0,
        0,
        &format!("Standard costs per post and year ({})", plan.currency),
        &f.title,
    )?;
    text(ws, 1, 0, "Escalation per year (%)", &f.header)?;
    if let Some(e) = plan.standard_costs.escalation_percent {
        ws.write_number_with_format(1, 1, number(e), &f.input)?;
    }
    let mut labels = vec!["Grade".to_string()];
    labels.extend(plan.years.iter().cloned());
    header(ws, 3, &labels, f)?;
    ws.set_freeze_panes(4, 1)?;
    for y in 0..n {
        ws.set_column_width(col(y.saturating_add(1))?, 13)?;
    }
    let mut rows = Vec::new();
    for (i, g) in plan.grades.iter().enumerate() {
        let r = i.saturating_add(4);
        rows.push((g.id, r));
        text(ws, r, 0, &g.code, &f.text)?;
        let entered = plan
            .standard_costs
            .rows
            .iter()
            .find(|x| x.grade == g.id)
            .map(|x| x.costs.clone())
            .unwrap_or_default();
        let mut known = false;
        for y in 0..n {
            let c = y.saturating_add(1);
            match entered.get(y).copied().flatten() {
                Some(v) => {
                    ws.write_number_with_format(row(r)?, col(c)?, number(v), &f.input)?;
                    known = true;
                }
                None if known && plan.standard_costs.escalation_percent.is_some() => {
                    let prev = a1(r, y)?;
                    let cached = engine
                        .standard_cost(g.id, y)
                        .map(result)
                        .unwrap_or_default();
                    formula(
                        ws,
                        r,
                        c,
                        &format!("=ROUND({prev}*(1+$B$2/100),2)"),
                        cached,
                        &f.amount,
                    )?;
                }
                None => {
                    ws.write_blank(row(r)?, col(c)?, &f.input)?;
                }
            }
        }
    }
    Ok(rows)
}

/// Column positions of the Links sheet.
struct Lk {
    k: usize,
}

impl Lk {
    fn share(&self, k: usize) -> usize {
        k.saturating_add(2)
    }
    fn cost(&self, y: usize) -> usize {
        self.share(self.k).saturating_add(y)
    }
}

/// Outputs x objectives shares and each output's cost by year; returns the output rows.
fn links(ws: &mut Worksheet, engine: &Engine, f: &Formats, lines: usize) -> R<usize> {
    let plan = engine.plan();
    let n = plan.years.len();
    let k = plan.objectives.len();
    let lk = Lk { k };
    let res = Res { n };
    ws.set_name(LINKS)?;
    let mut labels = vec!["Output".to_string(), "Output title".to_string()];
    labels.extend(plan.objectives.iter().map(|o| o.code.clone()));
    labels.extend(plan.years.iter().map(|y| format!("Cost {y}")));
    labels.push("Allocated".into());
    labels.push("output id".into());
    header(ws, 0, &labels, f)?;
    ws.set_freeze_panes(1, 2)?;
    ws.set_column_width(1, 34)?;
    let allocated = lk.cost(n);
    ws.set_column_hidden(col(allocated.saturating_add(1))?)?;
    let ids = column_range(RESOURCES, res.output_id(), 1, lines.max(1))?;
    let rollups = engine.rollups();
    for (i, out) in plan.outputs.iter().enumerate() {
        let r = i.saturating_add(1);
        text(ws, r, 0, &out.code, &f.text)?;
        text(ws, r, 1, &out.title, &f.text)?;
        let explicit: Decimal = out
            .links
            .iter()
            .filter_map(|l| match l.share {
                Share::Percent(p) => Some(p),
                Share::Equal => None,
            })
            .fold(Decimal::ZERO, |a, p| a.checked_add(p).unwrap_or(a));
        let equal = out.links.iter().filter(|l| l.share == Share::Equal).count();
        for (j, o) in plan.objectives.iter().enumerate() {
            let c = lk.share(j);
            match out
                .links
                .iter()
                .find(|l| l.objective == o.id)
                .map(|l| l.share)
            {
                Some(Share::Percent(p)) => {
                    let v = p.checked_div(Decimal::ONE_HUNDRED).unwrap_or_default();
                    ws.write_number_with_format(row(r)?, col(c)?, number(v), &f.share)?;
                }
                Some(Share::Equal) => {
                    // What the percentages leave, shared equally (as Rollplan computes it).
                    let left = Decimal::ONE_HUNDRED
                        .checked_sub(explicit)
                        .unwrap_or_default();
                    let formula_text = format!("=({left}/100)/{equal}");
                    let cached = left
                        .checked_div(Decimal::ONE_HUNDRED)
                        .and_then(|x| x.checked_div(Decimal::from(equal.max(1))))
                        .unwrap_or_default()
                        .round_dp(10)
                        .normalize()
                        .to_string();
                    formula(ws, r, c, &formula_text, cached, &f.share)?;
                }
                None => {
                    ws.write_blank(row(r)?, col(c)?, &f.share)?;
                }
            }
        }
        for y in 0..n {
            let costs = column_range(RESOURCES, res.cost(y), 1, lines.max(1))?;
            let id = absolute(&a1(r, allocated.saturating_add(1))?);
            let cached = rollups
                .output
                .get(rollplan_core::limits::at(i, n, y))
                .map(|s| s.round(2))
                .transpose()
                .map_err(|e| XlsxError::new(e.to_string()))?
                .map(result)
                .unwrap_or_default();
            formula(
                ws,
                r,
                lk.cost(y),
                &format!("=SUMIF({ids},{id},{costs})"),
                cached,
                &f.amount,
            )?;
        }
        let first = a1(r, lk.share(0))?;
        let last = a1(r, lk.share(k.saturating_sub(1)))?;
        if k > 0 {
            let cached = plan_share_total(out);
            let fmt = Format::new().set_num_format("0.0%");
            formula(
                ws,
                r,
                allocated,
                &format!("=SUM({first}:{last})"),
                cached,
                &fmt,
            )?;
        }
        ws.write_number(
            row(r)?,
            col(allocated.saturating_add(1))?,
            f64::from(out.id.0),
        )?;
    }
    Ok(plan.outputs.len())
}

/// How much of an output the links allocate (1 when any link is "X"), for the cache.
fn plan_share_total(out: &Output) -> String {
    if out.links.iter().any(|l| l.share == Share::Equal) {
        return "1".into();
    }
    out.links
        .iter()
        .filter_map(|l| match l.share {
            Share::Percent(p) => p.checked_div(Decimal::ONE_HUNDRED),
            Share::Equal => None,
        })
        .fold(Decimal::ZERO, |a, p| a.checked_add(p).unwrap_or(a))
        .normalize()
        .to_string()
}

/// Income lines: inputs and each year's amount; returns the rows of the amounts.
fn income(ws: &mut Worksheet, plan: &Plan, f: &Formats) -> R<usize> {
    let n = plan.years.len();
    ws.set_name(INCOME)?;
    let mut labels = vec!["Income".to_string(), "Rate".to_string()];
    labels.extend(plan.years.iter().cloned());
    labels.extend(plan.years.iter().map(|y| format!("Amount {y}")));
    header(ws, 0, &labels, f)?;
    ws.set_column_width(0, 34)?;
    for (i, inc) in plan.income.iter().enumerate() {
        let r = i.saturating_add(1);
        text(ws, r, 0, &inc.name, &f.text)?;
        match inc.rate {
            Some(v) => ws.write_number_with_format(row(r)?, 1, number(v), &f.input)?,
            None => ws.write_blank(row(r)?, 1, &f.input)?,
        };
        for y in 0..n {
            let qc = y.saturating_add(2);
            let v = inc.values.get(y).copied().flatten();
            match v {
                Some(v) => ws.write_number_with_format(row(r)?, col(qc)?, number(v), &f.input)?,
                None => ws.write_blank(row(r)?, col(qc)?, &f.input)?,
            };
            let q = a1(r, qc)?;
            let expr = match inc.rate {
                Some(_) => format!("=IF({q}=\"\",0,{q}*$B{})", r.saturating_add(1)),
                None => format!("=IF({q}=\"\",0,{q})"),
            };
            let cached = match (v, inc.rate) {
                (Some(v), Some(rate)) => v.checked_mul(rate).unwrap_or_default(),
                (Some(v), None) => v,
                (None, _) => Decimal::ZERO,
            };
            formula(
                ws,
                r,
                qc.saturating_add(n),
                &expr,
                result(cached),
                &f.amount,
            )?;
        }
    }
    Ok(plan.income.len())
}

/// Year, biennium and period headers of a rollup sheet, after `lead` label columns.
fn period_labels(plan: &Plan, lead: &[&str]) -> Vec<String> {
    let mut labels: Vec<String> = lead.iter().map(|s| s.to_string()).collect();
    labels.extend(plan.years.iter().cloned());
    labels.extend((0..plan.biennium_count()).map(|b| plan.biennium_label(b)));
    labels.push("Period".into());
    labels
}

/// Writes a row of year formulas (from `year_formula`) with biennium and period sums.
#[allow(clippy::too_many_arguments)]
fn period_row(
    ws: &mut Worksheet,
    r: usize,
    n: usize,
    figures: &rollplan_core::calc::Figures,
    year_formula: &dyn Fn(usize) -> R<String>,
    fmt: &Format,
) -> R<()> {
    for y in 0..n {
        let cached = figures.years.get(y).copied().unwrap_or_default();
        formula(
            ws,
            r,
            y.saturating_add(2),
            &year_formula(y)?,
            result(cached),
            fmt,
        )?;
    }
    for (b, cached) in figures.biennia.iter().enumerate() {
        let first = b.saturating_mul(2);
        let last = first.saturating_add(1).min(n.saturating_sub(1));
        let expr = format!(
            "=SUM({}:{})",
            a1(r, first.saturating_add(2))?,
            a1(r, last.saturating_add(2))?
        );
        formula(
            ws,
            r,
            n.saturating_add(2).saturating_add(b),
            &expr,
            result(*cached),
            fmt,
        )?;
    }
    let p = n.saturating_add(2).saturating_add(figures.biennia.len());
    let expr = format!("=SUM({}:{})", a1(r, 2)?, a1(r, n.saturating_add(1))?);
    formula(ws, r, p, &expr, result(figures.period), fmt)?;
    Ok(())
}

fn rollup_widths(ws: &mut Worksheet, cols: usize) -> R<()> {
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 40)?;
    for c in 2..cols {
        ws.set_column_width(col(c)?, 14)?;
    }
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

fn table(engine: &Engine, dim: Dim) -> R<RollupTable> {
    engine.table(dim).map_err(|e| XlsxError::new(e.to_string()))
}

fn by_objective(
    ws: &mut Worksheet,
    engine: &Engine,
    f: &Formats,
    lines: usize,
    outputs: usize,
    income_rows: usize,
) -> R<()> {
    let plan = engine.plan();
    let n = plan.years.len();
    let res = Res { n };
    let lk = Lk {
        k: plan.objectives.len(),
    };
    ws.set_name("By objective")?;
    let labels = period_labels(plan, &["Objective", "Title"]);
    header(ws, 0, &labels, f)?;
    rollup_widths(ws, labels.len())?;
    let t = table(engine, Dim::Objective)?;
    let total_year = |y: usize| column_range(RESOURCES, res.cost(y), 1, lines.max(1));
    let mut r = 0usize;
    for (k, o) in plan.objectives.iter().enumerate() {
        r = r.saturating_add(1);
        text(ws, r, 0, &o.code, &f.text)?;
        text(ws, r, 1, &o.title, &f.text)?;
        let figures = t
            .rows
            .iter()
            .find(|x| x.code == o.code)
            .map(|x| x.figures.clone())
            .ok_or_else(|| XlsxError::new("an objective is missing from the rollup"))?;
        let shares = column_range(LINKS, lk.share(k), 1, outputs.max(1))?;
        period_row(
            ws,
            r,
            n,
            &figures,
            &|y| {
                Ok(format!(
                    "=SUMPRODUCT({shares},{})",
                    column_range(LINKS, lk.cost(y), 1, outputs.max(1))?
                ))
            },
            &f.amount,
        )?;
    }
    let objectives_end = r;
    let total_row = objectives_end
        .saturating_add(1)
        .saturating_add(usize::from(t.rows.len() > plan.objectives.len()));
    if let Some(u) = t
        .rows
        .iter()
        .find(|x| x.code == rollplan_core::calc::UNALLOCATED)
    {
        r = r.saturating_add(1);
        text(ws, r, 0, &u.code, &f.text)?;
        text(ws, r, 1, &u.title, &f.text)?;
        period_row(
            ws,
            r,
            n,
            &u.figures,
            &|y| {
                let c = y.saturating_add(2);
                Ok(format!(
                    "={}-SUM({}:{})",
                    a1(total_row, c)?,
                    a1(1, c)?,
                    a1(objectives_end.max(1), c)?
                ))
            },
            &f.amount,
        )?;
    }
    r = total_row;
    text(ws, r, 0, "TOTAL", &f.total_label)?;
    text(ws, r, 1, "Total resource requirements", &f.total_label)?;
    period_row(
        ws,
        r,
        n,
        &t.total,
        &|y| Ok(format!("=SUM({})", total_year(y)?)),
        &f.total,
    )?;

    // Income and net (income minus cost).
    let (inc, net) = engine
        .income_and_net()
        .map_err(|e| XlsxError::new(e.to_string()))?;
    let income_row = r.saturating_add(2);
    text(ws, income_row, 0, "INCOME", &f.text)?;
    text(ws, income_row, 1, "Income", &f.text)?;
    period_row(
        ws,
        income_row,
        n,
        &inc,
        &|y| {
            let c = y.saturating_add(2).saturating_add(n);
            Ok(format!(
                "=SUM({})",
                column_range(INCOME, c, 1, income_rows.max(1))?
            ))
        },
        &f.amount,
    )?;
    let net_row = income_row.saturating_add(1);
    text(ws, net_row, 0, "NET", &f.total_label)?;
    text(ws, net_row, 1, "Net (income minus cost)", &f.total_label)?;
    period_row(
        ws,
        net_row,
        n,
        &net,
        &|y| {
            let c = y.saturating_add(2);
            Ok(format!("={}-{}", a1(income_row, c)?, a1(total_row, c)?))
        },
        &f.total,
    )?;

    // Ceilings: the cost of each one's scope against its amount.
    let ceilings = engine
        .ceilings()
        .map_err(|e| XlsxError::new(e.to_string()))?;
    if !ceilings.is_empty() {
        let head = net_row.saturating_add(2);
        let labels = ["Scope", "Ceiling", "Amount", "Cost", "Variance"].map(String::from);
        for (c, l) in labels.iter().enumerate() {
            text(ws, head, c, l, &f.header)?;
        }
        for (i, c) in ceilings.iter().enumerate() {
            let r = head.saturating_add(1).saturating_add(i);
            let (scope, cols): (String, Vec<usize>) = match c.scope {
                CeilingScope::Year(y) => (
                    plan.years.get(y).cloned().unwrap_or_default(),
                    (y..y.saturating_add(1).min(n)).collect(),
                ),
                CeilingScope::Biennium(b) => {
                    let first = b.saturating_mul(2);
                    (
                        plan.biennium_label(b),
                        (first..first.saturating_add(2).min(n)).collect(),
                    )
                }
                CeilingScope::Period => ("Period".into(), (0..n).collect()),
            };
            text(ws, r, 0, &scope, &f.text)?;
            text(ws, r, 1, &c.name, &f.text)?;
            ws.write_number_with_format(row(r)?, 2, number(c.ceiling), &f.input)?;
            let cells: Vec<String> = cols
                .iter()
                .map(|y| a1(total_row, y.saturating_add(2)))
                .collect::<R<_>>()?;
            let cost = if cells.is_empty() {
                "=0".to_string()
            } else {
                format!("=ROUND(SUM({}),2)", cells.join(","))
            };
            formula(ws, r, 3, &cost, result(c.cost), &f.amount)?;
            let variance = format!("={}-{}", a1(r, 2)?, a1(r, 3)?);
            formula(ws, r, 4, &variance, result(c.variance), &f.amount)?;
        }
    }
    Ok(())
}

/// By org unit or by category: a SUMIF over the Resources column that names them.
fn by_column(ws: &mut Worksheet, engine: &Engine, f: &Formats, lines: usize, dim: Dim) -> R<()> {
    let plan = engine.plan();
    let n = plan.years.len();
    let res = Res { n };
    let (name, key_col, lead) = match dim {
        Dim::Unit => ("By org unit", Res::UNIT, ["Org unit", "Name"]),
        _ => ("By category", Res::CATEGORY, ["Category", "Name"]),
    };
    ws.set_name(name)?;
    let labels = period_labels(plan, &lead);
    header(ws, 0, &labels, f)?;
    rollup_widths(ws, labels.len())?;
    let t = table(engine, dim)?;
    let keys = column_range(RESOURCES, key_col, 1, lines.max(1))?;
    let named: Vec<_> = t
        .rows
        .iter()
        .filter(|x| x.code != rollplan_core::calc::UNASSIGNED)
        .collect();
    let total_row = named
        .len()
        .saturating_add(1)
        .saturating_add(usize::from(named.len() < t.rows.len()));
    for (i, x) in named.iter().enumerate() {
        let r = i.saturating_add(1);
        text(ws, r, 0, &x.code, &f.text)?;
        text(ws, r, 1, &x.title, &f.text)?;
        let key = absolute(&a1(r, 0)?);
        period_row(
            ws,
            r,
            n,
            &x.figures,
            &|y| {
                Ok(format!(
                    "=SUMIF({keys},{key},{})",
                    column_range(RESOURCES, res.cost(y), 1, lines.max(1))?
                ))
            },
            &f.amount,
        )?;
    }
    if let Some(u) = t
        .rows
        .iter()
        .find(|x| x.code == rollplan_core::calc::UNASSIGNED)
    {
        let r = named.len().saturating_add(1);
        text(ws, r, 0, &u.code, &f.text)?;
        text(ws, r, 1, &u.title, &f.text)?;
        let last = named.len().max(1);
        period_row(
            ws,
            r,
            n,
            &u.figures,
            &|y| {
                let c = y.saturating_add(2);
                Ok(format!(
                    "={}-SUM({}:{})",
                    a1(total_row, c)?,
                    a1(1, c)?,
                    a1(last, c)?
                ))
            },
            &f.amount,
        )?;
    }
    text(ws, total_row, 0, "TOTAL", &f.total_label)?;
    text(
        ws,
        total_row,
        1,
        "Total resource requirements",
        &f.total_label,
    )?;
    period_row(
        ws,
        total_row,
        n,
        &t.total,
        &|y| {
            Ok(format!(
                "=SUM({})",
                column_range(RESOURCES, res.cost(y), 1, lines.max(1))?
            ))
        },
        &f.total,
    )?;
    Ok(())
}

/// Each scenario beside the baseline, by objective and in total: figures, not formulas (a
/// scenario is a set of changes Rollplan applies).
fn scenarios(ws: &mut Worksheet, engine: &Engine, f: &Formats) -> R<()> {
    let plan = engine.plan();
    ws.set_name("Scenarios")?;
    let ids: Vec<ScenarioId> = plan.scenarios.iter().map(|s| s.id).collect();
    let versions = compare::engines(engine, &ids).map_err(|e| XlsxError::new(e.to_string()))?;
    let mut labels = vec!["Objective".to_string(), "Title".to_string()];
    labels.extend(
        versions
            .iter()
            .map(|(name, _, _)| format!("{name} (period)")),
    );
    header(ws, 0, &labels, f)?;
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 40)?;
    for c in 2..labels.len() {
        ws.set_column_width(col(c)?, 18)?;
    }
    let tables: Vec<RollupTable> = versions
        .iter()
        .map(|(_, e, _)| table(e, Dim::Objective))
        .collect::<R<_>>()?;
    let Some(base) = tables.first() else {
        return Ok(());
    };
    let mut r = 0usize;
    for x in &base.rows {
        r = r.saturating_add(1);
        text(ws, r, 0, &x.code, &f.text)?;
        text(ws, r, 1, &x.title, &f.text)?;
        for (v, t) in tables.iter().enumerate() {
            let period = t
                .rows
                .iter()
                .find(|y| y.code == x.code)
                .map(|y| y.figures.period)
                .unwrap_or_default();
            ws.write_number_with_format(
                row(r)?,
                col(v.saturating_add(2))?,
                number(period),
                &f.amount,
            )?;
        }
    }
    r = r.saturating_add(1);
    text(ws, r, 0, "TOTAL", &f.total_label)?;
    text(ws, r, 1, "Total resource requirements", &f.total_label)?;
    for (v, t) in tables.iter().enumerate() {
        ws.write_number_with_format(
            row(r)?,
            col(v.saturating_add(2))?,
            number(t.total.period),
            &f.total,
        )?;
    }
    if plan.scenarios.is_empty() {
        text(
            ws,
            r.saturating_add(2),
            0,
            "The plan has no scenarios.",
            &f.note,
        )?;
    }
    Ok(())
}

/// The plan file, in chunks a cell can hold, on a sheet users do not see.
fn plan_sheet(ws: &mut Worksheet, plan: &Plan) -> R<()> {
    ws.set_name(PLAN_SHEET)?;
    let file = json::save(plan);
    let mut rest = file.as_str();
    let mut r = 0usize;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CELL_TEXT);
        while !rest.is_char_boundary(cut) {
            cut = cut.saturating_sub(1);
        }
        let (chunk, tail) = rest.split_at(cut);
        // Neutralised like every text cell (read back with `restore`).
        ws.write_string(row(r)?, 0, neutralise(chunk))?;
        rest = tail;
        r = r.saturating_add(1);
    }
    ws.set_very_hidden(true);
    Ok(())
}
