//! CSV output that is safe to open in a spreadsheet.
//!
//! Text cells that begin with `=`, `+`, `-`, `@`, tab or carriage return are formulas to
//! Excel and LibreOffice (CSV injection, OWASP); they get a leading apostrophe. Numbers are
//! written plain (`1234.50`, `-200`) and stay numbers.

use crate::calc::RollupTable;

fn is_trigger(c: Option<char>) -> bool {
    matches!(c, Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// Would a spreadsheet read this as a formula, after any apostrophes in front of it?
fn needs_quote(text: &str) -> bool {
    is_trigger(text.trim_start_matches('\'').chars().next())
}

/// A text cell made safe for spreadsheets: a leading apostrophe when the text (past any
/// apostrophes it already starts with) begins with a formula character. Adding exactly one
/// apostrophe whenever that holds makes [`restore`] an exact inverse.
pub fn neutralise(text: &str) -> String {
    if needs_quote(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Undoes [`neutralise`] when reading our own CSV back.
pub fn restore(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest.to_string(),
        _ => cell.to_string(),
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    // Writing to a Vec cannot fail; the bytes are UTF-8 because every field is a String.
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A rollup as CSV: `code,title,<one column per year>,total`, one row per entry, and a
/// last row with code `TOTAL`. Figures are rounded once, to cents.
pub fn rollup_csv(table: &RollupTable) -> String {
    let mut w = writer();
    let mut header = vec!["code".to_string(), "title".to_string()];
    header.extend(table.years.iter().map(|y| neutralise(y)));
    header.push("total".into());
    // csv::Writer on a Vec only fails on I/O, which a Vec never does.
    let _ = w.write_record(&header);
    for row in &table.rows {
        let mut rec = vec![neutralise(&row.code), neutralise(&row.title)];
        rec.extend(row.figures.years.iter().map(|v| plain_cents(*v)));
        rec.push(plain_cents(row.figures.period));
        let _ = w.write_record(&rec);
    }
    let mut rec = vec!["TOTAL".to_string(), "Total".to_string()];
    rec.extend(table.total.years.iter().map(|v| plain_cents(*v)));
    rec.push(plain_cents(table.total.period));
    let _ = w.write_record(&rec);
    finish(w)
}

/// A figure with exactly two decimals, no grouping: `1234.50` (and `0.00`, never `-0.00`).
pub fn plain_cents(v: rust_decimal::Decimal) -> String {
    let mut r = v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    if r.is_zero() {
        return "0.00".into();
    }
    r.rescale(2);
    r.to_string()
}

/// Every rollup in one CSV: `scenario,dimension,code,title,<years>,<biennia>,period`, for
/// objectives, org units and cost categories, then the total, income and net; the baseline
/// first ("Baseline"), then each scenario of the plan under its name.
pub fn rollups_csv(engine: &crate::calc::Engine) -> Result<String, crate::exact::Overflow> {
    use crate::calc::{Dim, Figures};
    let plan = engine.plan();
    let mut w = writer();
    let mut header = vec![
        "scenario".to_string(),
        "dimension".into(),
        "code".into(),
        "title".into(),
    ];
    header.extend(plan.years.iter().map(|y| neutralise(y)));
    header.extend((0..plan.biennium_count()).map(|b| neutralise(&plan.biennium_label(b))));
    header.push("period".into());
    let _ = w.write_record(&header);
    let ids: Vec<_> = plan.scenarios.iter().map(|s| s.id).collect();
    for (name, engine, _) in crate::reports::compare::engines(engine, &ids)? {
        let name = neutralise(&name);
        let mut write = |dim: &str, code: &str, title: &str, f: &Figures| {
            let mut rec = vec![
                name.clone(),
                dim.to_string(),
                neutralise(code),
                neutralise(title),
            ];
            rec.extend(f.years.iter().map(|v| plain_cents(*v)));
            rec.extend(f.biennia.iter().map(|v| plain_cents(*v)));
            rec.push(plain_cents(f.period));
            let _ = w.write_record(&rec);
        };
        let mut total = None;
        for dim in [Dim::Objective, Dim::Unit, Dim::Category] {
            let t = engine.table(dim)?;
            for r in &t.rows {
                write(dim.name(), &r.code, &r.title, &r.figures);
            }
            total = Some(t.total);
        }
        let (income, net) = engine.income_and_net()?;
        if let Some(t) = total {
            write("total", "TOTAL", "Total cost", &t);
        }
        write("income", "INCOME", "Income", &income);
        write("net", "NET", "Income minus cost", &net);
    }
    Ok(finish(w))
}

/// A statement of financial implications as CSV:
/// `section,ref,description,assigned_to,category,formula,<years>,total`, with a row per
/// item (its formula in words and figures), then by objective, by category and the total.
pub fn statement_csv(st: &crate::reports::statement::Statement) -> String {
    use crate::reports::statement::StatementRow;
    let mut w = writer();
    let mut header: Vec<String> = [
        "section",
        "ref",
        "description",
        "assigned_to",
        "category",
        "formula",
    ]
    .map(String::from)
    .to_vec();
    header.extend(st.years.iter().map(|y| neutralise(y)));
    header.push("total".into());
    let _ = w.write_record(&header);
    for item in &st.items {
        let mut rec = vec![
            "item".to_string(),
            item.id.to_string(),
            neutralise(&item.description),
            neutralise(&item.assigned),
            neutralise(&item.category),
            neutralise(&item.formula),
        ];
        rec.extend(item.years.iter().map(|v| plain_cents(*v)));
        rec.push(plain_cents(item.total));
        let _ = w.write_record(&rec);
    }
    let mut write = |section: &str, r: &StatementRow| {
        let mut rec = vec![
            section.to_string(),
            neutralise(&r.code),
            neutralise(&r.title),
            String::new(),
            String::new(),
            String::new(),
        ];
        rec.extend(r.years.iter().map(|v| plain_cents(*v)));
        rec.push(plain_cents(r.total));
        let _ = w.write_record(&rec);
    };
    for r in &st.by_objective {
        write("objective", r);
    }
    for r in &st.by_category {
        write("category", r);
    }
    write("total", &st.total);
    finish(w)
}

/// Who a KPI, result or risk belongs to, as its code: `O1` or `1.1`.
fn owner_code(plan: &crate::model::Plan, owner: crate::model::Owner) -> String {
    use crate::model::Owner;
    match owner {
        Owner::Objective(id) => plan.objective(id).map(|o| o.code.clone()),
        Owner::Output(id) => plan
            .outputs
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.code.clone()),
    }
    .unwrap_or_default()
}

/// KPIs as CSV, one row per KPI and plan year:
/// `owner,kpi,unit,direction,baseline_year,baseline,year,target,actual,status`, the status
/// by [`crate::reports::results::status`].
pub fn kpis_csv(plan: &crate::model::Plan) -> String {
    use crate::model::Direction;
    use crate::numfmt::plain;
    use crate::reports::results;
    let mut w = writer();
    let _ = w.write_record([
        "owner",
        "kpi",
        "unit",
        "direction",
        "baseline_year",
        "baseline",
        "year",
        "target",
        "actual",
        "status",
    ]);
    for kpi in &plan.kpis {
        for (y, year) in plan.years.iter().enumerate() {
            let value = |v: Option<&Option<rust_decimal::Decimal>>| {
                v.copied().flatten().map(plain).unwrap_or_default()
            };
            let _ = w.write_record([
                neutralise(&owner_code(plan, kpi.owner)),
                neutralise(&kpi.name),
                neutralise(&kpi.unit),
                match kpi.direction {
                    Direction::HigherIsBetter => "higher".into(),
                    Direction::LowerIsBetter => "lower".into(),
                },
                kpi.baseline
                    .as_ref()
                    .map(|b| neutralise(&b.year))
                    .unwrap_or_default(),
                kpi.baseline
                    .as_ref()
                    .map(|b| plain(b.value))
                    .unwrap_or_default(),
                neutralise(year),
                value(kpi.targets.get(y)),
                value(kpi.actuals.get(y)),
                results::status(kpi, y).label().into(),
            ]);
        }
    }
    finish(w)
}

/// Risks as CSV: `risk,likelihood,impact,score,severity,mitigation,outputs` (output codes
/// separated by spaces).
pub fn risks_csv(plan: &crate::model::Plan) -> String {
    use crate::reports::results::Severity;
    let mut w = writer();
    let _ = w.write_record([
        "risk",
        "likelihood",
        "impact",
        "score",
        "severity",
        "mitigation",
        "outputs",
    ]);
    for r in &plan.risks {
        let outputs: Vec<String> = r
            .outputs
            .iter()
            .map(|id| owner_code(plan, crate::model::Owner::Output(*id)))
            .collect();
        let _ = w.write_record([
            neutralise(&r.description),
            r.likelihood.to_string(),
            r.impact.to_string(),
            u16::from(r.likelihood)
                .saturating_mul(u16::from(r.impact))
                .to_string(),
            Severity::of(r.likelihood, r.impact).label().into(),
            neutralise(&r.mitigation),
            neutralise(&outputs.join(" ")),
        ]);
    }
    finish(w)
}

/// The plan's notes that are on something in the plan, each as `[place, output_code,
/// year, note]` (the place in words, "Output 1.1, Travel, 2013"): the rows of the notes CSV
/// and of the workbook's Notes sheet.
pub fn note_rows(plan: &crate::model::Plan) -> Vec<[String; 4]> {
    use crate::model::{Key, NoteAt};
    let mut out = Vec::new();
    for note in &plan.notes {
        if !crate::model::notes::note_place_exists(plan, note.at) {
            continue;
        }
        let line_output = |line| {
            plan.outputs
                .iter()
                .find(|o| o.lines.iter().any(|l| l.id == line))
                .map(|o| o.code.clone())
        };
        let output = match note.at {
            NoteAt::Figure(Key::Value { line, .. } | Key::Rate { line }) | NoteAt::Line(line) => {
                line_output(line)
            }
            NoteAt::Output(id) => plan.output(id).map(|o| o.code.clone()),
            NoteAt::Figure(_) | NoteAt::Objective(_) => None,
        };
        let year = match note.at {
            NoteAt::Figure(
                Key::Value { year, .. }
                | Key::StandardCost { year, .. }
                | Key::IncomeValue { year, .. },
            ) => plan.years.get(year).cloned(),
            _ => None,
        };
        out.push([
            crate::document::place_label(plan, &plan.history, note.at),
            output.unwrap_or_default(),
            year.unwrap_or_default(),
            note.text.clone(),
        ]);
    }
    out
}

/// Notes as CSV: `place,output_code,year,note`, one row per [`note_rows`].
pub fn notes_csv(plan: &crate::model::Plan) -> String {
    let mut w = writer();
    let _ = w.write_record(["place", "output_code", "year", "note"]);
    for row in note_rows(plan) {
        let _ = w.write_record(row.iter().map(|c| neutralise(c)));
    }
    finish(w)
}

/// The history as CSV, one row per figure changed (a record without figures, such as a
/// rename, one row): `when_utc,who,change,scenario,what,details,figure,output_code,year,
/// old,new,comment`.
pub fn history_csv(plan: &crate::model::Plan) -> String {
    use crate::model::{Key, Origin};
    use crate::numfmt::plain;
    let mut w = writer();
    let _ = w.write_record([
        "when_utc",
        "who",
        "change",
        "scenario",
        "what",
        "details",
        "figure",
        "output_code",
        "year",
        "old",
        "new",
        "comment",
    ]);
    let history = &plan.history;
    for r in &history.records {
        let head = [
            super::library::iso_datetime(r.at),
            neutralise(&r.who),
            match r.origin {
                Origin::Edit => "edit",
                Origin::Undo => "undo",
                Origin::Redo => "redo",
                Origin::Restore => "restore",
            }
            .to_string(),
            neutralise(
                &r.scenario
                    .and_then(|id| plan.scenarios.iter().find(|s| s.id == id))
                    .map_or_else(String::new, |s| s.name.clone()),
            ),
            neutralise(&r.what),
            neutralise(&r.other.join("; ")),
        ];
        let value = |v: Option<rust_decimal::Decimal>| v.map(plain).unwrap_or_default();
        if r.figures.is_empty() {
            let mut rec: Vec<String> = head.to_vec();
            rec.extend([
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
            rec.push(neutralise(&r.comment));
            let _ = w.write_record(&rec);
        }
        for f in &r.figures {
            let mut rec: Vec<String> = head.to_vec();
            rec.push(neutralise(&crate::document::figure_label(
                plan, history, f.key,
            )));
            rec.push(neutralise(
                &f.output
                    .and_then(|o| plan.output(o))
                    .map_or_else(String::new, |o| o.code.clone()),
            ));
            let year = match f.key {
                Key::Value { year, .. }
                | Key::StandardCost { year, .. }
                | Key::IncomeValue { year, .. } => plan.years.get(year).cloned(),
                _ => None,
            };
            rec.push(neutralise(&year.unwrap_or_default()));
            rec.push(value(f.old));
            rec.push(value(f.new));
            rec.push(neutralise(&r.comment));
            let _ = w.write_record(&rec);
        }
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_is_the_exact_inverse_of_neutralise() {
        for t in [
            "=1+2", "'=x", "''=x", "'''-x", "'plain", "plain", "-5", "'", "", "@", "\t",
        ] {
            assert_eq!(restore(&neutralise(t)), t, "{t:?}");
        }
    }

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Travel"), "Travel");
        assert_eq!(neutralise(""), "");
    }
}
