//! Importing budget CSVs that are not ours, through a column mapping.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::d;
use proptest::prelude::*;
use rollplan_core::calc::{Dim, Engine};
use rollplan_core::exact::ExactSum;
use rollplan_core::io::budget::{self, Amounts, CellAction, Mapping};
use rollplan_core::io::{json, table};
use rust_decimal::Decimal;
use std::collections::HashMap;

const AU: &[u8] = include_bytes!("../../../tests/fixtures/au-budget-2015-16.csv");

fn au_mapping(t: &table::Table) -> Mapping {
    let c = |n: &str| t.column(n).unwrap_or_else(|| panic!("column {n}"));
    Mapping {
        objective: c("Outcome"),
        output: c("Program"),
        unit: Some(c("Department/Agency")),
        category: Some(c("Expense type")),
        amounts: Amounts::Wide {
            years: ["2014-15", "2015-16", "2016-17", "2017-18", "2018-19"]
                .iter()
                .map(|y| c(y))
                .collect(),
        },
        decimal_comma: false,
        currency: "AUD".into(),
        amounts_in: Some(rollplan_core::model::AmountUnit::Thousands),
    }
}

/// The plain sums, computed without Rollplan's importer: the csv crate and a minimal reading
/// of each cell (blank, "-" and "nfp" count as nothing; "85,817" is 85817), by department
/// and outcome (each department's outcomes are its own).
fn plain_sums() -> HashMap<String, Vec<Decimal>> {
    let mut r = csv::Reader::from_reader(AU);
    let mut sums: HashMap<String, Vec<Decimal>> = HashMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let e = sums
            .entry(format!("{}: {}", rec[1].trim(), rec[2].trim()))
            .or_insert_with(|| vec![Decimal::ZERO; 5]);
        for (y, cell) in (7..12).map(|c| rec[c].trim().replace(',', "")).enumerate() {
            if let Ok(v) = cell.parse::<Decimal>() {
                e[y] += v;
            }
        }
    }
    sums
}

#[test]
fn the_australian_budget_imports_and_its_outcome_rollups_equal_the_plain_sums() {
    let t = table::read(AU, None).unwrap();
    assert_eq!(t.rows.len(), 1608);
    let (plan, report) = budget::import(&t, &au_mapping(&t), "Australia 2015-16").unwrap();
    assert_eq!(plan.currency, "AUD");
    assert_eq!(
        plan.amount_unit,
        rollplan_core::model::AmountUnit::Thousands
    );
    assert_eq!(
        plan.years,
        ["2014-15", "2015-16", "2016-17", "2017-18", "2018-19"]
    );
    assert_eq!(report.rows, 1608);
    // 183 outcome names, four of them a bare "Outcome 1" of different agencies: 186
    // department outcomes, each named with its department.
    assert_eq!(report.objectives, 186);
    assert!(report.objectives_named_by_unit);
    assert!(plan.objectives.iter().any(|o| o.title
        == "Australian Bureau of Statistics: Outcome 1: Informed decisions, research and discussion within governments and the community by leading the collection, analysis and provision of high quality, objective and relevant statistical information"));
    assert!(plan
        .objectives
        .iter()
        .any(|o| o.title == "Infrastructure Australia: Outcome 1"));
    // Codes a reader can decode: an agency's acronym, a category's first word.
    let unit = |name: &str| {
        plan.units
            .iter()
            .find(|u| u.name.trim() == name)
            .unwrap()
            .code
            .clone()
    };
    assert_eq!(unit("Australian Bureau of Statistics"), "ABS");
    assert_eq!(unit("Australian Accounting Standards Board (AASB)"), "AASB");
    assert_eq!(unit("Department of the Treasury"), "DT");
    let codes: Vec<&str> = plan.units.iter().map(|u| u.code.as_str()).collect();
    let mut unique = codes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "unit codes are unique");
    let category = |name: &str| {
        plan.categories
            .iter()
            .find(|c| c.name == name)
            .unwrap()
            .code
            .clone()
    };
    assert_eq!(category("Administered expenses"), "ADMINISTERED");
    assert_eq!(category("Departmental expenses"), "DEPARTMENTAL");
    // Five fiscal years: two biennia; the lone last year is not a third.
    assert_eq!(plan.biennium_count(), 2);
    let engine = Engine::new(plan).unwrap();
    let table = engine.table(Dim::Objective).unwrap();
    let sums = plain_sums();
    assert_eq!(table.rows.len(), sums.len());
    let n = 5;
    for (k, row) in table.rows.iter().enumerate() {
        let want = &sums[&row.title];
        for (y, sum) in want.iter().enumerate() {
            // Exact: the rollup is the plain sum itself, not an approximation of it.
            let exact = &engine.rollups().objective[k * n + y];
            assert_eq!(exact, &ExactSum::from_decimal(*sum), "{} {y}", row.title);
            // Shown: that sum rounded once to cents.
            let shown =
                sum.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            assert_eq!(row.figures.years[y], shown);
        }
    }
    let grand: Decimal = sums.values().map(|v| v[1]).sum();
    assert_eq!(engine.rollups().total[1], ExactSum::from_decimal(grand));
    // The unit rollup covers the same total.
    assert_eq!(engine.table(Dim::Unit).unwrap().total, table.total);
}

#[test]
fn every_cell_that_is_not_a_number_is_reported_with_row_and_column() {
    let t = table::read(AU, None).unwrap();
    let (_, report) = budget::import(&t, &au_mapping(&t), "AU").unwrap();
    let count = |a: CellAction| report.cells.iter().filter(|c| c.action == a).count();
    // Counted independently in the source file: 33 blank, 18 "-", 17 "nfp" amount cells.
    assert_eq!(count(CellAction::Blank), 33);
    assert_eq!(count(CellAction::Nil), 18);
    assert_eq!(count(CellAction::NotForPublication), 17);
    let nfp = report
        .cells
        .iter()
        .find(|c| c.action == CellAction::NotForPublication)
        .unwrap();
    assert!(nfp.row >= 2 && nfp.column.contains("20"), "{nfp:?}");
    let row = &t.rows[nfp.row - 2];
    assert_eq!(row[t.column(&nfp.column).unwrap()].trim(), "nfp");
}

#[test]
fn the_mapping_is_guessed_for_the_australian_budget() {
    let t = table::read(AU, None).unwrap();
    let m = budget::guess_mapping(&t).unwrap();
    assert_eq!(m.objective, t.column("Outcome").unwrap());
    assert_eq!(m.output, t.column("Program").unwrap());
    assert_eq!(m.amounts, au_mapping(&t).amounts);
    // The file names neither its currency nor its scale: both are left for the user to
    // say, not assumed.
    assert!(m.currency.is_empty() && m.amounts_in.is_none());
}

#[test]
fn currency_and_scale_are_guessed_from_the_header_or_asked_never_assumed() {
    let t = table::read(
        b"Objective,Output,2026,2027,Note (amounts in EUR thousands)\nA,a1,1,2,\n",
        None,
    )
    .unwrap();
    let m = budget::guess_mapping(&t).unwrap();
    assert_eq!(m.currency, "EUR");
    assert_eq!(
        m.amounts_in,
        Some(rollplan_core::model::AmountUnit::Thousands)
    );
    let (plan, _) = budget::import(&t, &m, "x").unwrap();
    assert_eq!(plan.currency, "EUR");
    assert_eq!(
        plan.amount_unit,
        rollplan_core::model::AmountUnit::Thousands
    );
    // "$" is a dozen currencies: not a guess. Two codes are not a guess either.
    for header in [
        "Objective,Output,2026,Note ($)",
        "Objective,Output,2026,USD or CAD",
    ] {
        let text = format!("{header}\nA,a1,1\n");
        let t = table::read(text.as_bytes(), None).unwrap();
        assert_eq!(budget::guess_mapping(&t).unwrap().currency, "", "{header}");
    }
    // Unsaid, the import is refused with what to say; nothing defaults to CHF or units.
    let t = table::read(AU, None).unwrap();
    let mut m = au_mapping(&t);
    m.currency = String::new();
    let e = budget::import(&t, &m, "AU").unwrap_err();
    assert!(e.message.contains("say which currency"), "{e}");
    let mut m = au_mapping(&t);
    m.amounts_in = None;
    let e = budget::import(&t, &m, "AU").unwrap_err();
    assert!(e.message.contains("units or in thousands"), "{e}");
}

#[test]
fn long_budgets_with_semicolons_decimal_commas_and_a_bom() {
    let text = "\u{feff}Objective;Output;Year;Amount\r\nA;a1;2026;1.234,50\r\nA;a1;2027;10\r\nA;a1;2026;0,50\r\nB;b1;2026;x\r\n";
    let t = table::read(text.as_bytes(), None).unwrap();
    let m = Mapping {
        objective: 0,
        output: 1,
        unit: None,
        category: None,
        amounts: Amounts::Long { year: 2, amount: 3 },
        decimal_comma: true,
        currency: "EUR".into(),
        amounts_in: Some(rollplan_core::model::AmountUnit::Units),
    };
    let (plan, report) = budget::import(&t, &m, "Long").unwrap();
    assert_eq!(plan.years, ["2026", "2027"]);
    let e = Engine::new(plan).unwrap();
    let tab = e.table(Dim::Objective).unwrap();
    // Two rows for A/a1/2026 add up: 1234.50 + 0.50.
    assert_eq!(tab.rows[0].figures.years, vec![d("1235.00"), d("10")]);
    assert_eq!(report.cells.len(), 1);
    assert_eq!(
        (
            report.cells[0].row,
            report.cells[0].column.as_str(),
            report.cells[0].action
        ),
        (5, "Amount", CellAction::NotANumber)
    );
}

#[test]
fn a_mapping_that_names_a_missing_or_repeated_column_is_refused() {
    let t = table::read(b"a,b,2026\n1,2,3\n", None).unwrap();
    let m = Mapping {
        objective: 0,
        output: 7,
        unit: None,
        category: None,
        amounts: Amounts::Wide { years: vec![2] },
        decimal_comma: false,
        currency: "EUR".into(),
        amounts_in: Some(rollplan_core::model::AmountUnit::Units),
    };
    assert!(budget::import(&t, &m, "x")
        .unwrap_err()
        .to_string()
        .contains("output column"));
    let m = Mapping {
        objective: 0,
        output: 0,
        unit: None,
        category: None,
        amounts: Amounts::Wide { years: vec![2] },
        decimal_comma: false,
        currency: "EUR".into(),
        amounts_in: Some(rollplan_core::model::AmountUnit::Units),
    };
    assert!(budget::import(&t, &m, "x")
        .unwrap_err()
        .to_string()
        .contains("two roles"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary bytes never panic any importer: they give a plan or an error.
    #[test]
    fn arbitrary_bytes_never_panic_an_importer(bytes in prop::collection::vec(any::<u8>(), 0..400),
                                               cols in prop::collection::vec(0usize..6, 4)) {
        let _ = json::load(&String::from_utf8_lossy(&bytes));
        let _ = rollplan_core::io::open(&bytes, "fuzz");
        if let Ok(t) = table::read(&bytes, None) {
            let _ = rollplan_core::io::plan_csv::import(&t, "fuzz");
            let _ = budget::guess_mapping(&t);
            let m = Mapping { objective: cols[0], output: cols[1], unit: Some(cols[2]), category: None,
                              amounts: Amounts::Long { year: cols[3], amount: (cols[3] + 1) % 6 }, decimal_comma: cols[0] % 2 == 0,
                              currency: "aud".into(), amounts_in: Some(if cols[1] % 2 == 0 { rollplan_core::model::AmountUnit::Thousands } else { rollplan_core::model::AmountUnit::Units }) };
            let _ = budget::import(&t, &m, "fuzz");
        }
    }

    /// CSV-shaped random text (quotes, delimiters, newlines) also never panics.
    #[test]
    fn csv_shaped_text_never_panics(text in "[a-c0-9,;\t\"\r\n .-]{0,300}") {
        if let Ok(t) = table::read(text.as_bytes(), None) {
            let _ = rollplan_core::io::plan_csv::import(&t, "fuzz");
            if let Some(m) = budget::guess_mapping(&t) {
                let _ = budget::import(&t, &m, "fuzz");
            }
        }
    }

    /// Save, load, save gives identical bytes for random plans.
    #[test]
    fn json_round_trips_random_plans(outputs in 0usize..30, objectives in 1usize..8, years in 1usize..7, lines in 0usize..5, seed in any::<u64>()) {
        let size = rollplan_core::generate::Size { outputs, objectives, years, lines };
        let plan = rollplan_core::generate::generate(size, seed);
        let text = json::save(&plan);
        let back = json::load(&text).unwrap();
        prop_assert_eq!(&back, &plan);
        prop_assert_eq!(json::save(&back), text);
    }
}

#[test]
fn a_decimal_comma_file_is_guessed_and_never_read_wrong_without_it() {
    let text = "Objective;Output;Year;Amount\nA;a1;2026;1.234,50\nA;a1;2027;2,5\nA;a2;2026;10\n";
    let t = table::read(text.as_bytes(), None).unwrap();
    let mut m = budget::guess_mapping(&t).unwrap();
    assert!(m.decimal_comma, "guessed from the cells");
    m.currency = "EUR".into();
    m.amounts_in = Some(rollplan_core::model::AmountUnit::Units);
    let (plan, report) = budget::import(&t, &m, "Guessed").unwrap();
    let a1 = &plan.outputs[0].lines[0].values;
    assert_eq!(a1, &vec![Some(d("1234.50")), Some(d("2.5"))]);
    assert!(report.cells.is_empty());
    // With a decimal point chosen instead, 1.234,50 and 2,5 are reported, not read as
    // 1.2345 and 25.
    let point = Mapping {
        decimal_comma: false,
        ..m
    };
    let (_, report) = budget::import(&t, &point, "Point").unwrap();
    assert_eq!(report.cells.len(), 2);
    assert!(report
        .cells
        .iter()
        .all(|c| c.action == CellAction::NotANumber));
    // The Australian budget keeps its decimal point.
    let au = table::read(AU, None).unwrap();
    assert!(!budget::guess_mapping(&au).unwrap().decimal_comma);
}

#[test]
fn rows_that_add_up_past_the_largest_amount_are_refused_at_the_row() {
    // Each amount is within 10^15; the rows of one line and year pass it at the second
    // (file row 3: 1.2e15).
    let text = "Objective,Output,Year,Amount\nA,a1,2026,600000000000000\nA,a1,2026,600000000000000\nA,a1,2026,600000000000000\n";
    let t = table::read(text.as_bytes(), None).unwrap();
    let m = Mapping {
        objective: 0,
        output: 1,
        unit: None,
        category: None,
        amounts: Amounts::Long { year: 2, amount: 3 },
        decimal_comma: false,
        currency: "EUR".into(),
        amounts_in: Some(rollplan_core::model::AmountUnit::Units),
    };
    let e = budget::import(&t, &m, "Sum").unwrap_err();
    assert_eq!(e.row, Some(3));
    assert!(e.message.contains("more than 10^15"), "{e}");
}

#[test]
fn each_cell_the_decimal_convention_decided_is_listed_with_its_other_reading() {
    // "1,234" is 1234 with a decimal point and 1.234 with a decimal comma: listed. "12.5"
    // is no number with a decimal comma (a group of one digit) and "7" reads alike under
    // both: neither depends on the guess, so neither is listed.
    let csv = "Objective,Output,2026,2027\nHealth,Clinics,\"1,234\",7\nHealth,Wards,12.5,\n";
    let t = table::read(csv.as_bytes(), None).unwrap();
    let mut m = budget::guess_mapping(&t).unwrap();
    assert!(!m.decimal_comma, "guessed a decimal point");
    m.currency = "AUD".into();
    m.amounts_in = Some(rollplan_core::model::AmountUnit::Units);
    let (_, report) = budget::import(&t, &m, "x").unwrap();
    let listed: Vec<(usize, &str, String, String)> = report
        .convention_cells
        .iter()
        .map(|c| {
            (
                c.row,
                c.column.as_str(),
                c.read.to_string(),
                c.otherwise.to_string(),
            )
        })
        .collect();
    assert_eq!(listed, vec![(2, "2026", "1234".into(), "1.234".into())]);
    assert_eq!(
        report.convention_cells[0].verdict(false),
        "read as 1234 (decimal point); with a decimal comma it would be 1.234"
    );
    // Imported with the other convention, the same cells are listed the other way round.
    m.decimal_comma = true;
    let (_, report) = budget::import(&t, &m, "x").unwrap();
    assert_eq!(report.convention_cells.len(), 1);
    assert_eq!(report.convention_cells[0].read, d("1.234"));
    assert_eq!(report.convention_cells[0].otherwise, d("1234"));
}
