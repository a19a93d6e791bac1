//! Workbooks in: a workbook Rollplan wrote opens back into its plan, a real budget saved as
//! a workbook imports as its CSV does, and bad workbooks say where and why.

use rollplan_core::calc::{Dim, Engine};
use rollplan_core::example::example_plan;
use rollplan_core::io::budget::{self, Amounts, CellAction, Mapping};
use rollplan_core::io::table::{self, Table};
use rust_xlsxwriter::{ExcelDateTime, Formula, Workbook};

const AU_CSV: &[u8] = include_bytes!("../../../tests/fixtures/au-budget-2015-16.csv");
const AU_XLSX: &[u8] = include_bytes!("../../../tests/fixtures/au-budget-2015-16.xlsx");

fn au_mapping(t: &Table) -> Mapping {
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

fn first_table(bytes: &[u8]) -> Table {
    let wb = rollplan_xlsx::read(bytes).unwrap();
    let k = wb.first_with_data().expect("a sheet with data");
    wb.sheets[k].table(None).unwrap()
}

#[test]
fn a_workbook_rollplan_wrote_opens_back_into_the_same_plan() {
    let mut plan = example_plan();
    // A scenario too: it must survive the round trip with the rest.
    let s = rollplan_core::model::Scenario::new(
        rollplan_core::model::ScenarioId(plan.fresh_id()),
        "Zero growth",
    );
    plan.scenarios.push(s);
    let engine = Engine::new(plan.clone()).unwrap();
    let bytes = rollplan_xlsx::export(&engine, 0).unwrap();
    let wb = rollplan_xlsx::read(&bytes).unwrap();
    assert_eq!(wb.plan.as_deref(), Some(&plan));
    // The visible sheets are there to map too, the hidden plan sheet is not.
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert!(names.contains(&"Resources") && !names.contains(&rollplan_xlsx::PLAN_SHEET));
}

#[test]
fn the_australian_budget_saved_as_a_workbook_imports_as_its_csv_does_to_the_cent() {
    let csv = table::read(AU_CSV, None).unwrap();
    let (from_csv, csv_report) = budget::import(&csv, &au_mapping(&csv), "AU").unwrap();
    let xlsx = first_table(AU_XLSX);
    assert_eq!(xlsx.header, csv.header);
    assert_eq!(xlsx.rows.len(), csv.rows.len());
    let (from_xlsx, xlsx_report) = budget::import(&xlsx, &au_mapping(&xlsx), "AU").unwrap();
    // The same objectives, outputs and lines with the same figures, so the same rollups.
    assert_eq!(from_xlsx.outputs, from_csv.outputs);
    assert_eq!(from_xlsx.objectives, from_csv.objectives);
    for dim in [Dim::Objective, Dim::Unit, Dim::Category] {
        assert_eq!(
            Engine::new(from_xlsx.clone()).unwrap().table(dim).unwrap(),
            Engine::new(from_csv.clone()).unwrap().table(dim).unwrap(),
        );
    }
    assert_eq!(xlsx_report.counts(), csv_report.counts());
}

/// A workbook built here, one sheet of rows.
fn book(build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    build(wb.add_worksheet().set_name("Budget").unwrap());
    wb.save_to_buffer().unwrap()
}

#[test]
fn error_values_and_dates_are_report_lines_with_their_row_and_column() {
    let bytes = book(|ws| {
        for (c, h) in ["Outcome", "Program", "2026", "2027"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "Health").unwrap();
        ws.write_string(1, 1, "Clinics").unwrap();
        ws.write_number(1, 2, 1250.5).unwrap();
        ws.write_formula(1, 3, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
        ws.write_string(2, 0, "Health").unwrap();
        ws.write_string(2, 1, "Wards").unwrap();
        let date = ExcelDateTime::from_ymd(2026, 7, 1).unwrap();
        let as_date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(2, 2, &date, &as_date)
            .unwrap();
        ws.write_number(2, 3, 0.1 + 0.2).unwrap();
    });
    let t = first_table(&bytes);
    let mut m = budget::guess_mapping(&t).unwrap();
    m.currency = "EUR".into();
    m.amounts_in = Some(rollplan_core::model::AmountUnit::Units);
    let (plan, report) = budget::import(&t, &m, "x").unwrap();
    let notes: Vec<(usize, &str, &str, CellAction)> = report
        .cells
        .iter()
        .map(|c| (c.row, c.column.as_str(), c.value.as_str(), c.action))
        .collect();
    assert_eq!(
        notes,
        vec![
            (2, "2027", "#DIV/0!", CellAction::NotANumber),
            (3, "2026", "2026-07-01", CellAction::NotANumber),
        ]
    );
    // 0.1 + 0.2 in binary is read as the 0.3 Excel shows.
    let wards = &plan.outputs[1].lines[0].values;
    assert_eq!(wards[1], Some(rust_decimal::Decimal::new(3, 1)));
}

#[test]
fn a_merged_header_names_its_blank_cells_and_says_so() {
    let bytes = book(|ws| {
        let f = rust_xlsxwriter::Format::new();
        ws.merge_range(0, 0, 0, 1, "Programme structure", &f)
            .unwrap();
        ws.write_string(0, 2, "2026").unwrap();
        ws.write_string(1, 0, "Health").unwrap();
        ws.write_string(1, 1, "Clinics").unwrap();
        ws.write_number(1, 2, 10.0).unwrap();
    });
    let t = first_table(&bytes);
    assert_eq!(t.header, ["Programme structure", "(column B)", "2026"]);
    let note = t.encoding_note.unwrap();
    assert!(
        note.contains("blank header cells") && note.contains('B'),
        "{note}"
    );
    // And a header row chosen further down is taken as asked.
    let wb = rollplan_xlsx::read(&bytes).unwrap();
    let t2 = wb.sheets[0].table(Some(2)).unwrap();
    assert_eq!(t2.header, ["Health", "Clinics", "10"]);
    let e = wb.sheets[0].table(Some(9)).unwrap_err();
    assert!(e.to_string().contains("row 9"), "{e}");
}

#[test]
fn what_is_not_a_workbook_is_refused_with_the_reason() {
    let e = rollplan_xlsx::read(b"Outcome,Program\nA,B\n").unwrap_err();
    assert!(e.to_string().contains("not a workbook"), "{e}");
    // An encrypted workbook is a compound file holding an EncryptedPackage stream.
    let mut enc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    enc.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    enc.resize(4096, 0);
    let e = rollplan_xlsx::read(&enc).unwrap_err();
    assert!(e.to_string().contains("password"), "{e}");
    // A truncated workbook.
    let good = book(|ws| {
        ws.write_string(0, 0, "x").unwrap();
    });
    let e = rollplan_xlsx::read(&good[..good.len() / 2]).unwrap_err();
    assert!(e.to_string().contains("damaged"), "{e}");
}

#[test]
fn a_sheet_past_a_million_rows_is_refused_with_its_name() {
    let bytes = book(|ws| {
        ws.write_string(0, 0, "Outcome").unwrap();
        ws.write_number(1_000_001, 0, 1.0).unwrap();
    });
    let e = rollplan_xlsx::read(&bytes).unwrap_err();
    assert_eq!(e.sheet.as_deref(), Some("Budget"));
    assert!(e.to_string().contains("1000000 rows"), "{e}");
}

#[test]
fn exported_text_is_neutralised_against_formula_injection() {
    let mut plan = example_plan();
    plan.title = "=HYPERLINK(\"http://x\",\"click\")".into();
    plan.outputs[0].title = "+cmd|' /C calc'!A0".into();
    let bytes = rollplan_xlsx::export(&Engine::new(plan.clone()).unwrap(), 0).unwrap();
    let wb = rollplan_xlsx::read(&bytes).unwrap();
    let cover = &wb.sheets[0];
    assert_eq!(cover.rows[0].1[0], "'=HYPERLINK(\"http://x\",\"click\")");
    let res = wb.sheets.iter().find(|s| s.name == "Resources").unwrap();
    assert!(res.rows[1].1[1].starts_with("'+cmd"));
    // The plan inside is the plan exactly, title included.
    assert_eq!(wb.plan.as_deref(), Some(&plan));
}

#[test]
fn notes_go_into_the_workbook_as_cell_notes_and_a_notes_sheet_and_come_back_with_the_plan() {
    use rollplan_core::model::{Key, NoteAt};
    use std::io::Read;
    let mut plan = example_plan();
    let out = plan.outputs[0].id;
    let line = plan.outputs[0].lines[0].id;
    plan.set_note(
        NoteAt::Figure(Key::Value { line, year: 1 }),
        Some("Twelve missions at 4,500".into()),
    );
    plan.set_note(NoteAt::Output(out), Some("=cut by 5 % in 2013".into()));
    let engine = Engine::new(plan.clone()).unwrap();
    let bytes = rollplan_xlsx::export(&engine, 0).unwrap();
    // The Notes sheet lists them by place; a note that looks like a formula stays text.
    let wb = rollplan_xlsx::read(&bytes).unwrap();
    let notes = wb
        .sheets
        .iter()
        .find(|s| s.name == "Notes")
        .expect("a Notes sheet");
    let cells: Vec<String> = notes.rows.iter().flat_map(|(_, r)| r.clone()).collect();
    assert!(
        cells.iter().any(|c| c == "Twelve missions at 4,500"),
        "{cells:?}"
    );
    assert!(
        cells.iter().any(|c| c == "'=cut by 5 % in 2013"),
        "{cells:?}"
    );
    let place = rollplan_core::document::place_label(
        &plan,
        &plan.history,
        NoteAt::Figure(Key::Value { line, year: 1 }),
    );
    assert_eq!(place, "Output 1.1, D2 posts, 2013");
    assert!(cells.contains(&place), "{cells:?}");
    // On Resources, each is a cell note where its figure is (the comments part).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut comments = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().is_ok_and(|n| n.contains("comments")) {
            f.read_to_string(&mut comments).unwrap();
        }
    }
    assert!(comments.contains("Twelve missions at 4,500"), "{comments}");
    assert!(comments.contains("cut by 5 % in 2013"));
    // And the plan carried in the workbook has them, exactly.
    assert_eq!(wb.plan.as_deref().map(|p| &p.notes), Some(&plan.notes));
}
