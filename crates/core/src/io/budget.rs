//! Importing any budget CSV through a column mapping.
//!
//! The user says which columns are the objective and the output (and optionally the org
//! unit and the cost category), and whether amounts sit in one column per year (wide) or in
//! a year column plus an amount column (long). Every data row becomes part of a non-staff
//! resource line; every cell that is not a plain number is listed in the [`ImportReport`]
//! with its row, column and what was done with it. Nothing is dropped silently.
//!
//! Outputs are keyed by (objective, output, unit): budget tables repeat program names
//! across agencies and outcomes, and each pair must keep its own figures so that every
//! rollup equals the plain sum of its rows.

use super::table::{cell, CsvError, Table};
use crate::model::*;
use crate::numfmt::{max_amount, read_number, Convention};
use rust_decimal::Decimal;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Amounts {
    /// One column per year; the header names the year (e.g. `2015-16`).
    Wide { years: Vec<usize> },
    /// A year column and an amount column.
    Long { year: usize, amount: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub objective: usize,
    pub output: usize,
    pub unit: Option<usize>,
    pub category: Option<usize>,
    pub amounts: Amounts,
    /// `1.234,5` rather than `1,234.5`.
    pub decimal_comma: bool,
    /// ISO 4217 code of the amounts (e.g. `AUD`). Required: empty is refused at import,
    /// never read as a default currency.
    pub currency: String,
    /// Whether the amounts are in units or thousands. Required: `None` is refused at
    /// import, never assumed.
    pub amounts_in: Option<AmountUnit>,
}

/// What was done with a cell that was not a plain number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CellAction {
    /// Empty: left blank.
    Blank,
    /// `-`: a nil figure, read as 0.
    Nil,
    /// `nfp` (not for publication): left blank.
    NotForPublication,
    /// Text that is not a number: left blank.
    NotANumber,
}

impl CellAction {
    /// What was done, for one cell whose value is shown beside it.
    pub fn verdict(self) -> &'static str {
        match self {
            CellAction::Blank => "blank, left blank",
            CellAction::Nil => "nil, read as 0",
            CellAction::NotForPublication => "not for publication, left blank",
            CellAction::NotANumber => "not a number, left blank",
        }
    }

    /// What was done, for a count of cells.
    pub fn describe(self) -> &'static str {
        match self {
            CellAction::Blank => "blank: left blank",
            CellAction::Nil => "\u{201c}-\u{201d} (nil): read as 0",
            CellAction::NotForPublication => {
                "\u{201c}nfp\u{201d} (not for publication): left blank"
            }
            CellAction::NotANumber => "not a number: left blank",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellNote {
    /// File row, counting the header as row 1.
    pub row: usize,
    pub column: String,
    pub value: String,
    pub action: CellAction,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub objectives: usize,
    pub outputs: usize,
    pub lines: usize,
    pub cells: Vec<CellNote>,
    /// Rows with fewer or more cells than the header (padded with blanks).
    pub ragged: Vec<usize>,
    /// How the file's text was read, when it was not UTF-8.
    pub encoding_note: Option<String>,
    /// The decimal convention the amounts were read with (the mapping's).
    pub decimal_comma: bool,
    /// Cells that read as a different number under the other decimal convention
    /// (`1,234` is 1234 with a decimal point, 1.234 with a decimal comma): the convention
    /// is a guess the user can change, so each cell it decided is listed.
    pub convention_cells: Vec<ConventionNote>,
    /// The objectives were each org unit's own (a department's outcomes), so each is keyed
    /// by its unit and its title begins with the unit's name.
    pub objectives_named_by_unit: bool,
}

/// A cell whose reading depends on the decimal convention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConventionNote {
    /// File row, counting the header as row 1.
    pub row: usize,
    pub column: String,
    pub value: String,
    /// As read, under the mapping's convention.
    pub read: Decimal,
    /// As it would read under the other convention.
    pub otherwise: Decimal,
}

impl ConventionNote {
    /// `read as 1234 (decimal point); with a decimal comma it would be 1.234`.
    pub fn verdict(&self, decimal_comma: bool) -> String {
        let (used, other) = if decimal_comma {
            ("decimal comma", "decimal point")
        } else {
            ("decimal point", "decimal comma")
        };
        format!(
            "read as {} ({used}); with a {other} it would be {}",
            self.read, self.otherwise
        )
    }
}

impl ImportReport {
    /// Said when the objectives were taken as each unit's own.
    pub fn unit_naming_note(&self) -> Option<&'static str> {
        self.objectives_named_by_unit.then_some(
            "Each objective occurs under one org unit, so each unit's objectives are its own: their titles begin with the unit's name.",
        )
    }

    /// How many cells got each treatment.
    pub fn counts(&self) -> Vec<(CellAction, usize)> {
        let mut m: Vec<(CellAction, usize)> = Vec::new();
        for c in &self.cells {
            match m.iter_mut().find(|(a, _)| *a == c.action) {
                Some(e) => e.1 = e.1.saturating_add(1),
                None => m.push((c.action, 1)),
            }
        }
        crate::order::sort(&mut m);
        m
    }
}

/// Reads one amount cell. `Ok(None)` is a blank result (with the reason noted).
pub fn read_cell(raw: &str, decimal_comma: bool) -> Result<Option<Decimal>, CellAction> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(CellAction::Blank);
    }
    if matches!(t, "-" | "\u{2013}" | "\u{2014}" | "--") {
        return Err(CellAction::Nil);
    }
    if t.eq_ignore_ascii_case("nfp") || t.eq_ignore_ascii_case("n.f.p.") {
        return Err(CellAction::NotForPublication);
    }
    let convention = if decimal_comma {
        Convention::DecimalComma
    } else {
        Convention::DecimalPoint
    };
    read_number(t, convention).map_err(|_| CellAction::NotANumber)
}

/// Picks a likely mapping from the header: year-like columns with numbers become wide
/// amounts; `objective`/`outcome`, `output`/`program(me)`, `unit`/`agency`/`department`,
/// `category`/`expense type` columns are matched by name.
pub fn guess_mapping(table: &Table) -> Option<Mapping> {
    let find = |names: &[&str]| {
        table.header.iter().position(|h| {
            let h = h.to_lowercase();
            names.iter().any(|n| h.contains(n))
        })
    };
    let objective = find(&["objective", "outcome", "goal"])?;
    let output = find(&["output", "programme", "program", "activity"])?;
    // A column already taken (an "Objective" column for objectives) is not guessed again
    // for another role because its name also contains "object".
    let free = |c: Option<usize>| c.filter(|c| *c != objective && *c != output);
    let unit = free(find(&[
        "org unit",
        "unit",
        "agency",
        "department",
        "division",
    ]));
    let category = free(find(&["category", "expense type", "cost type", "object"]));
    let years: Vec<usize> = table
        .header
        .iter()
        .enumerate()
        .filter(|(_, h)| looks_like_year(h))
        .map(|(i, _)| i)
        .collect();
    let amounts = if !years.is_empty() {
        Amounts::Wide { years }
    } else {
        Amounts::Long {
            year: find(&["year", "period"])?,
            amount: find(&["amount", "value", "cost", "budget"])?,
        }
    };
    let decimal_comma = guess_decimal_comma(table, &amounts);
    Some(Mapping {
        objective,
        output,
        unit,
        category,
        amounts,
        decimal_comma,
        currency: guess_currency(table).unwrap_or_default(),
        amounts_in: guess_amount_unit(table),
    })
}

/// ISO codes a budget's header often names (`Amount (EUR)`, `2015 USD`), and symbols that
/// stand for one currency only; `$` is left alone (a dozen currencies use it).
const CURRENCIES: [&str; 24] = [
    "AUD", "BRL", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "HKD", "INR", "JPY", "KES", "KRW",
    "MXN", "NOK", "NZD", "RUB", "SEK", "SGD", "THB", "TRY", "USD", "XOF", "ZAR",
];

/// The currency the header names, if it names exactly one.
pub fn guess_currency(table: &Table) -> Option<String> {
    let mut found: Vec<&str> = Vec::new();
    for h in &table.header {
        let upper = h.to_uppercase();
        let words = upper.split(|c: char| !c.is_ascii_alphabetic());
        for w in words {
            if let Some(code) = CURRENCIES.iter().find(|c| **c == w) {
                found.push(code);
            }
        }
        for (symbol, code) in [('\u{20ac}', "EUR"), ('\u{a3}', "GBP"), ('\u{a5}', "JPY")] {
            if h.contains(symbol) {
                found.push(code);
            }
        }
    }
    crate::order::sort(&mut found);
    found.dedup();
    match found[..] {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// Thousands when the header says so (`$'000`, `(000s)`, `in thousands`); otherwise
/// unknown: the mapping step asks.
pub fn guess_amount_unit(table: &Table) -> Option<AmountUnit> {
    let says = |h: &String| {
        let h = h.to_lowercase();
        ["'000", "\u{2019}000", "(000", "000s", "thousand"]
            .iter()
            .any(|m| h.contains(m))
    };
    table
        .header
        .iter()
        .any(says)
        .then_some(AmountUnit::Thousands)
}

/// Whether the amounts are written with a decimal comma (`1.234,50`), guessed from the
/// cells: the convention under which more of them read as numbers, a decimal point when
/// both read alike. The mapping step shows the guess and the user can change it.
pub fn guess_decimal_comma(table: &Table, amounts: &Amounts) -> bool {
    let cols: Vec<usize> = match amounts {
        Amounts::Wide { years } => years.clone(),
        Amounts::Long { amount, .. } => vec![*amount],
    };
    let (mut point, mut comma) = (0usize, 0usize);
    for row in &table.rows {
        for &c in &cols {
            let Some(cell) = row.get(c) else { continue };
            if cell.trim().is_empty() {
                continue;
            }
            point = point.saturating_add(usize::from(
                read_number(cell, Convention::DecimalPoint).is_ok(),
            ));
            comma = comma.saturating_add(usize::from(
                read_number(cell, Convention::DecimalComma).is_ok(),
            ));
        }
    }
    comma > point
}

/// `2015`, `2015-16`, `2015/16`, `FY2015`.
pub fn looks_like_year(h: &str) -> bool {
    let h = h.trim().trim_start_matches("FY").trim_start_matches("fy");
    let digits: String = h.chars().take(4).collect();
    digits.len() == 4
        && digits.chars().all(|c| c.is_ascii_digit())
        && (digits.starts_with("19") || digits.starts_with("20"))
        && h[4..]
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '\u{2013}'))
        && h.len() <= 9
}

/// Builds a plan from a budget table. Refuses a mapping that names a missing column or
/// uses one column twice; otherwise always succeeds and reports every unread cell.
pub fn import(
    table: &Table,
    mapping: &Mapping,
    title: &str,
) -> Result<(Plan, ImportReport), CsvError> {
    let cols = table.header.len();
    let check = |c: usize, what: &str| {
        if c < cols {
            Ok(())
        } else {
            Err(CsvError::file(format!(
                "the {what} column is not in the file (it has {cols} columns)"
            )))
        }
    };
    check(mapping.objective, "objective")?;
    check(mapping.output, "output")?;
    if let Some(u) = mapping.unit {
        check(u, "org unit")?;
    }
    if let Some(c) = mapping.category {
        check(c, "category")?;
    }
    let mut used = vec![mapping.objective, mapping.output];
    used.extend(mapping.unit);
    used.extend(mapping.category);
    match &mapping.amounts {
        Amounts::Wide { years } => {
            if years.is_empty() {
                return Err(CsvError::file("choose at least one year column"));
            }
            for &y in years {
                check(y, "year")?;
                used.push(y);
            }
        }
        Amounts::Long { year, amount } => {
            check(*year, "year")?;
            check(*amount, "amount")?;
            used.extend([*year, *amount]);
        }
    }
    // What the amounts are is the user's to say, never a default.
    let currency = mapping.currency.trim().to_uppercase();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(CsvError::file(
            "say which currency the amounts are in, as a three-letter code such as AUD, EUR or USD",
        ));
    }
    let Some(amount_unit) = mapping.amounts_in else {
        return Err(CsvError::file(
            "say whether the amounts are in units or in thousands",
        ));
    };
    let mut sorted = used.clone();
    crate::order::sort(&mut sorted);
    sorted.dedup();
    if sorted.len() != used.len() {
        return Err(CsvError::file(
            "a column is mapped to two roles; each role needs its own column",
        ));
    }

    // Years: wide headers in file order; long: distinct values, sorted.
    let years: Vec<String> = match &mapping.amounts {
        Amounts::Wide { years } => years
            .iter()
            .map(|&c| table.heading(c).trim().to_string())
            .collect(),
        Amounts::Long { year, .. } => {
            let mut v: Vec<String> = Vec::new();
            for (i, row) in table.rows.iter().enumerate() {
                let y = cell(row, *year).trim();
                if y.is_empty() {
                    return Err(CsvError::at(
                        table.row_number(i),
                        Some(table.heading(*year)),
                        "the year is blank",
                    ));
                }
                if !v.iter().any(|x| x == y) {
                    v.push(y.to_string());
                }
            }
            crate::order::sort(&mut v);
            if v.len() > 100 {
                return Err(CsvError::file(format!(
                    "the year column has {} different values; is it the right column?",
                    v.len()
                )));
            }
            v
        }
    };
    let year_refs: Vec<&str> = years.iter().map(String::as_str).collect();
    let mut plan = Plan::blank(title, &year_refs);
    plan.note = format!("Imported from a budget CSV: {} rows.", table.rows.len());
    plan.currency = currency;
    plan.amount_unit = amount_unit;
    let n = years.len();
    let mut report = ImportReport {
        rows: table.rows.len(),
        ragged: table.ragged.clone(),
        encoding_note: table.encoding_note.clone(),
        decimal_comma: mapping.decimal_comma,
        ..ImportReport::default()
    };

    let mut objective_ix: HashMap<String, (usize, ObjectiveId)> = HashMap::new();
    let mut unit_ix: HashMap<String, UnitId> = HashMap::new();
    let mut category_ix: HashMap<String, CategoryId> = HashMap::new();
    // (objective, output, unit) -> output position
    let mut output_ix: HashMap<(usize, String, String), usize> = HashMap::new();
    // (output position, category) -> line position, for long tables
    let mut line_ix: HashMap<(usize, String), usize> = HashMap::new();
    let text = |row: &Vec<String>, c: Option<usize>| {
        c.map(|c| cell(row, c).trim().to_string())
            .unwrap_or_default()
    };

    let per_unit = objectives_belong_to_units(table, mapping);
    report.objectives_named_by_unit = per_unit;

    for (i, row) in table.rows.iter().enumerate() {
        let file_row = table.row_number(i);
        let obj_name = non_blank(text(row, Some(mapping.objective)));
        // A department's own outcome is its own objective, named with the department:
        // "Outcome 1" alone says nothing across departments, and four agencies' bare
        // "Outcome 1" are not one objective.
        let obj_name = match mapping.unit {
            Some(u) if per_unit && !cell(row, u).trim().is_empty() => {
                format!("{}: {obj_name}", cell(row, u).trim())
            }
            _ => obj_name,
        };
        let out_name = non_blank(text(row, Some(mapping.output)));
        let unit_name = text(row, mapping.unit);
        let cat_name = text(row, mapping.category);

        let (k, objective) = match objective_ix.get(&obj_name) {
            Some(&e) => e,
            None => {
                let id = ObjectiveId(plan.fresh_id());
                let k = plan.objectives.len();
                plan.objectives.push(Objective {
                    id,
                    code: format!("O{}", k.saturating_add(1)),
                    title: obj_name.clone(),
                    description: String::new(),
                    goal: None,
                });
                objective_ix.insert(obj_name.clone(), (k, id));
                (k, id)
            }
        };
        let unit = if mapping.unit.is_some() && !unit_name.is_empty() {
            Some(match unit_ix.get(&unit_name) {
                Some(&u) => u,
                None => {
                    let id = UnitId(plan.fresh_id());
                    let taken: Vec<&str> = plan.units.iter().map(|u| u.code.as_str()).collect();
                    let code = code_for(&unit_name, Style::Acronym, &taken);
                    plan.units.push(OrgUnit {
                        id,
                        code,
                        name: unit_name.clone(),
                        parent: None,
                        head_grade: None,
                        posts_total: None,
                        posts: Vec::new(),
                    });
                    unit_ix.insert(unit_name.clone(), id);
                    id
                }
            })
        } else {
            None
        };
        let category = category_for(&mut plan, &mut category_ix, &cat_name);
        let key = (k, out_name.clone(), unit_name.clone());
        let o = match output_ix.get(&key) {
            Some(&o) => o,
            None => {
                let id = OutputId(plan.fresh_id());
                let same_objective = plan
                    .outputs
                    .iter()
                    .filter(|x| x.links.first().map(|l| l.objective) == Some(objective))
                    .count();
                let o = plan.outputs.len();
                plan.outputs.push(Output {
                    id,
                    code: format!(
                        "{}.{}",
                        k.saturating_add(1),
                        same_objective.saturating_add(1)
                    ),
                    title: out_name.clone(),
                    unit,
                    links: vec![Link {
                        objective,
                        share: Share::Equal,
                    }],
                    lines: Vec::new(),
                });
                output_ix.insert(key, o);
                o
            }
        };

        let mut read = |c: usize| -> Option<Decimal> {
            let raw = cell(row, c);
            match read_cell(raw, mapping.decimal_comma) {
                Ok(v) => {
                    if let (Some(read), Ok(Some(otherwise))) =
                        (v, read_cell(raw, !mapping.decimal_comma))
                    {
                        if read != otherwise {
                            report.convention_cells.push(ConventionNote {
                                row: file_row,
                                column: table.heading(c).to_string(),
                                value: raw.to_string(),
                                read,
                                otherwise,
                            });
                        }
                    }
                    v
                }
                Err(action) => {
                    report.cells.push(CellNote {
                        row: file_row,
                        column: table.heading(c).to_string(),
                        value: raw.to_string(),
                        action,
                    });
                    (action == CellAction::Nil).then_some(Decimal::ZERO)
                }
            }
        };
        match &mapping.amounts {
            Amounts::Wide { years } => {
                let values: Series = years.iter().map(|&c| read(c)).collect();
                let id = LineId(plan.fresh_id());
                output_at(&mut plan, o)?.lines.push(Line {
                    id,
                    description: if cat_name.is_empty() {
                        format!("Row {file_row}")
                    } else {
                        cat_name.clone()
                    },
                    kind: LineKind::NonStaff { category },
                    rate: None,
                    values,
                });
            }
            Amounts::Long { year, amount } => {
                let y = years
                    .iter()
                    .position(|x| x == cell(row, *year).trim())
                    .unwrap_or_default();
                let v = read(*amount);
                let l = match line_ix.get(&(o, cat_name.clone())) {
                    Some(&l) => l,
                    None => {
                        let id = LineId(plan.fresh_id());
                        let lines = &mut output_at(&mut plan, o)?.lines;
                        let l = lines.len();
                        lines.push(Line {
                            id,
                            description: cat_name.clone(),
                            kind: LineKind::NonStaff { category },
                            rate: None,
                            values: vec![None; n],
                        });
                        line_ix.insert((o, cat_name.clone()), l);
                        l
                    }
                };
                if let Some(v) = v {
                    let slot = output_at(&mut plan, o)?
                        .lines
                        .get_mut(l)
                        .and_then(|line| line.values.get_mut(y))
                        .ok_or_else(|| CsvError::file(MISSING))?;
                    // Two rows for the same line and year add up, as in a pivot table.
                    let sum = match slot {
                        Some(prev) => prev.checked_add(v).ok_or_else(|| {
                            CsvError::at(
                                file_row,
                                Some(table.heading(*amount)),
                                "the amounts are too large to add",
                            )
                        })?,
                        None => v,
                    };
                    // Each cell is within the limits; their sum must be too.
                    if sum.abs() > max_amount() {
                        return Err(CsvError::at(
                            file_row,
                            Some(table.heading(*amount)),
                            format!(
                                "the rows for this line and year add up to {sum}, more than 10^15, the largest amount Rollplan accepts"
                            ),
                        ));
                    }
                    *slot = Some(sum);
                }
            }
        }
    }
    report.objectives = plan.objectives.len();
    report.outputs = plan.outputs.len();
    report.lines = plan.outputs.iter().map(|o| o.lines.len()).sum();
    // An imported plan enters like any other: through the gate.
    let plan = crate::gate::admit(plan).map_err(|r| {
        CsvError::file(format!(
            "the imported plan cannot be opened: {}",
            crate::reports::validate::summary(&r.findings, 5)
        ))
    })?;
    Ok((plan, report))
}

/// Said if a position the import itself made is not there: a defect, reported, not a panic.
const MISSING: &str =
    "the import lost track of a line it made (a defect in Rollplan; please report it)";

fn output_at(plan: &mut Plan, o: usize) -> Result<&mut Output, CsvError> {
    plan.outputs
        .get_mut(o)
        .ok_or_else(|| CsvError::file(MISSING))
}

/// Whether the objectives are each org unit's own (a department's outcomes) rather than
/// shared across units: at least nine in ten objective names occur under one unit only.
fn objectives_belong_to_units(table: &Table, mapping: &Mapping) -> bool {
    let Some(u) = mapping.unit else {
        return false;
    };
    let mut units: HashMap<&str, Vec<&str>> = HashMap::new();
    for row in &table.rows {
        let unit = cell(row, u).trim();
        let seen = units
            .entry(cell(row, mapping.objective).trim())
            .or_default();
        if !unit.is_empty() && !seen.contains(&unit) {
            seen.push(unit);
        }
    }
    let own = units.values().filter(|v| v.len() <= 1).count();
    !units.is_empty() && own.saturating_mul(10) >= units.len().saturating_mul(9)
}

#[derive(Clone, Copy)]
enum Style {
    /// `Australian Bureau of Statistics` → `ABS`; a parenthesised acronym is taken as is.
    Acronym,
    /// `Administered expenses` → `ADMINISTERED`: a category's first word reads better.
    Word,
}

/// A short code a reader can decode, made from a name and unique among `taken` (a number
/// is added on a clash).
fn code_for(name: &str, style: Style, taken: &[&str]) -> String {
    const MINOR: [&str; 8] = ["of", "and", "the", "for", "on", "in", "to", "&"];
    let in_brackets = name
        .split('(')
        .nth(1)
        .and_then(|r| r.split(')').next())
        .map(str::trim)
        .filter(|a| (2..=10).contains(&a.len()) && a.chars().all(|c| c.is_ascii_uppercase()));
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty() && !MINOR.contains(&w.to_lowercase().as_str()))
        .map(|w| w.replace('\'', ""))
        .collect();
    let base: String = match (in_brackets, style) {
        (Some(a), _) => a.to_string(),
        (None, Style::Acronym) if words.len() >= 2 => words
            .iter()
            .filter_map(|w| w.chars().next())
            .take(8)
            .collect::<String>()
            .to_uppercase(),
        _ => words
            .first()
            .map(|w| w.chars().take(12).collect::<String>().to_uppercase())
            .unwrap_or_default(),
    };
    let base = if base.is_empty() {
        "X".to_string()
    } else {
        base
    };
    let mut code = base.clone();
    let mut k = 1u32;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&code)) {
        k = k.saturating_add(1);
        code = format!("{base}{k}");
    }
    code
}

fn non_blank(s: String) -> String {
    if s.is_empty() {
        "(blank)".into()
    } else {
        s
    }
}

/// The plan's category with this name or code (ignoring case), or a new one.
fn category_for(
    plan: &mut Plan,
    known: &mut HashMap<String, CategoryId>,
    name: &str,
) -> CategoryId {
    let name = if name.is_empty() { "Unspecified" } else { name };
    if let Some(&c) = known.get(name) {
        return c;
    }
    let existing = plan
        .categories
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(name) || c.code.eq_ignore_ascii_case(name))
        .map(|c| c.id);
    let id = existing.unwrap_or_else(|| {
        let id = CategoryId(plan.fresh_id());
        let taken: Vec<&str> = plan.categories.iter().map(|c| c.code.as_str()).collect();
        let code = code_for(name, Style::Word, &taken);
        plan.categories.push(Category {
            id,
            code,
            name: name.to_string(),
        });
        id
    });
    known.insert(name.to_string(), id);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_are_not_numbers_are_named() {
        assert_eq!(
            read_cell("1,234.5", false),
            Ok(Some(Decimal::new(12345, 1)))
        );
        assert_eq!(read_cell("1.234,5", true), Ok(Some(Decimal::new(12345, 1))));
        assert_eq!(read_cell("- ", false), Err(CellAction::Nil));
        assert_eq!(read_cell("nfp", false), Err(CellAction::NotForPublication));
        assert_eq!(read_cell("", false), Err(CellAction::Blank));
        assert_eq!(read_cell("n/a", false), Err(CellAction::NotANumber));
    }

    #[test]
    fn year_headers_are_recognised() {
        for y in ["2015", "2015-16", "2015/16", "FY2015", " 2018-19 "] {
            assert!(looks_like_year(y), "{y}");
        }
        for y in ["Year", "1234", "2015 budget", "Programme 2015"] {
            assert!(!looks_like_year(y), "{y}");
        }
    }
}
