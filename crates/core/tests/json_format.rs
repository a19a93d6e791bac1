//! The Rollplan JSON file: self-describing, lossless, and loud about what it is not.

mod common;
use rollplan_core::example::example_plan;
use rollplan_core::io::json::{self, LoadError};
use rollplan_core::io::OpenError;
use serde_json::Value;

#[test]
fn save_load_save_gives_identical_bytes() {
    let plan = example_plan();
    let first = json::save(&plan);
    let loaded = json::load(&first).unwrap();
    assert_eq!(loaded, plan);
    assert_eq!(json::save(&loaded), first);
}

#[test]
fn the_file_says_what_it_is_and_keeps_decimals_as_strings() {
    let text = json::save(&example_plan());
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "rollplan");
    assert_eq!(v["version"], json::VERSION);
    let value = &v["plan"]["outputs"][0]["lines"][0]["values"][0];
    assert!(value.is_string(), "decimals are strings, got {value}");
    assert_eq!(v["plan"]["standard_costs"]["escalation_percent"], "1.5");
}

#[test]
fn other_json_a_newer_version_and_broken_text_are_refused_with_reasons() {
    assert!(matches!(
        json::load("{\"hello\": 1}"),
        Err(LoadError::NotRollplan { .. })
    ));
    assert!(matches!(
        json::load("[1,2]"),
        Err(LoadError::NotRollplan { .. })
    ));
    let e = json::load("{\"format\": \"rollplan\", \"version\": 99, \"plan\": {}}").unwrap_err();
    assert_eq!(e, LoadError::TooNew { version: 99 });
    assert!(e.to_string().contains("newer Rollplan"));
    let e =
        json::load("{\n  \"format\": \"rollplan\",\n  \"version\": 1,\n  \"plan\": {\"title\": 5")
            .unwrap_err();
    assert!(matches!(e, LoadError::Syntax { line: 4, .. }), "{e:?}");
}

#[test]
fn a_wrong_field_is_reported_with_line_and_column() {
    let text = json::save(&example_plan()).replacen("\"currency\": \"CHF\"", "\"currency\": 12", 1);
    let e = json::load(&text).unwrap_err();
    match e {
        LoadError::Invalid { line, message, .. } => {
            assert!(line > 3);
            assert!(message.contains("invalid type"), "{message}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn an_upgrade_chain_runs_each_step_in_order() {
    // A synthetic chain: v1 -> v2 renames a field, v2 -> v3 adds one.
    fn v1_to_v2(mut v: Value) -> Result<Value, String> {
        let t = v["plan"]["name"].take();
        v["plan"]["title"] = t;
        Ok(v)
    }
    fn v2_to_v3(mut v: Value) -> Result<Value, String> {
        v["plan"]["added"] = Value::from(true);
        Ok(v)
    }
    fn broken(_: Value) -> Result<Value, String> {
        Err("the standard cost table is missing".into())
    }
    let mut doc: Value =
        serde_json::json!({"format": "rollplan", "version": 1, "plan": {"name": "Old"}});
    json::upgrade_with(&[v1_to_v2, v2_to_v3], &mut doc, 1).unwrap();
    assert_eq!(doc["plan"]["title"], "Old");
    assert_eq!(doc["plan"]["added"], true);
    assert_eq!(doc["version"], 3);
    let mut doc: Value = serde_json::json!({"format": "rollplan", "version": 2, "plan": {}});
    let e = json::upgrade_with(&[v1_to_v2, broken], &mut doc, 2).unwrap_err();
    assert!(
        e.to_string().contains("file version 2") && e.to_string().contains("standard cost table")
    );
}

#[test]
fn a_plan_with_a_broken_shape_is_refused_on_open_but_one_with_ordinary_errors_opens() {
    // Three figures for four years: editing would index past the end, so it is refused.
    let mut plan = example_plan();
    plan.outputs[4].lines[0].values.pop();
    let e = rollplan_core::io::open(json::save(&plan).as_bytes(), "x").unwrap_err();
    let OpenError::Inconsistent { findings } = &e else {
        panic!("an inconsistent plan, not {e:?}");
    };
    assert_eq!(findings.len(), 1);
    assert!(
        e.to_string()
            .contains("output 2.4, line 1: has 3 yearly figures for 4 plan years"),
        "{e}"
    );
    let f = rollplan_core::reports::validate::shape_errors(&plan);
    assert_eq!(f.len(), 1);
    assert!(f[0].blocks_editing);
    // Shares that do not sum to 100 % are an error to fix, not a reason to refuse the file.
    let mut plan = example_plan();
    plan.outputs[0].links[0].share = rollplan_core::model::Share::Percent(common::d("60"));
    assert!(rollplan_core::reports::validate::shape_errors(&plan).is_empty());
    assert!(matches!(
        rollplan_core::io::open(json::save(&plan).as_bytes(), "x"),
        Ok(rollplan_core::io::Opened::Plan(_))
    ));
}

#[test]
fn a_file_that_does_not_open_says_which_kind_of_problem_it_has_and_where() {
    use rollplan_core::io::{open, Place};
    let open = |text: &str| open(text.as_bytes(), "x").unwrap_err();
    // Broken JSON: damaged at a line and column.
    let e = open("{\n  \"format\": \"rollplan\",\n  \"version\": 2,\n  \"plan\": {\"title\": }\n}");
    assert!(
        matches!(
            &e,
            OpenError::Damaged {
                at: Place::Text { line: 4, .. },
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().starts_with("line 4, column"), "{e}");
    // Somebody else's JSON.
    assert!(matches!(
        open("{\"format\": \"geojson\"}"),
        OpenError::NotOurs { .. }
    ));
    // A newer Rollplan's file asks for an update.
    let e = open("{\"format\": \"rollplan\", \"version\": 99, \"plan\": {}}");
    assert_eq!(e, OpenError::TooNew { version: 99 });
    assert!(e.to_string().contains("update Rollplan"));
    // A plan CSV with text in a figure: damaged at its row and column.
    let plan = example_plan();
    let engine = rollplan_core::Engine::new(plan).unwrap();
    let csv = rollplan_core::io::plan_csv::export_long(&engine);
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let last = lines.len() - 1;
    let cut = lines[last].rfind(',').unwrap();
    lines[last] = format!("{},lots", &lines[last][..cut]);
    let e = rollplan_core::io::open(lines.join("\n").as_bytes(), "x").unwrap_err();
    match &e {
        OpenError::Damaged {
            at: Place::Cell { row: Some(row), .. },
            ..
        } => assert_eq!(*row, lines.len(), "{e}"),
        other => panic!("a damaged cell, not {other:?}"),
    }
}

#[test]
fn a_version_2_file_keeps_its_meaning() {
    // Saved by version 2; the frozen v2 schema must read it to the same plan. Written now,
    // it is a version 3 file whose plan is byte for byte the version 2 file's, with the
    // (empty) notes, calculations and history beside it.
    let text = include_str!("../../../tests/fixtures/example-v2.json");
    let plan = json::load(text).expect("the version 2 fixture opens");
    let saved = json::save(&plan);
    let plan_part = text.trim_end().strip_suffix('}').unwrap().trim_end();
    assert!(
        saved
            .replacen("\"version\": 3", "\"version\": 2", 1)
            .starts_with(plan_part),
        "the plan is written as version 2 wrote it"
    );
    assert!(saved.ends_with(
        ",\n  \"notes\": [],\n  \"expressions\": [],\n  \"history\": {\"records\": []}\n}\n"
    ));
    assert_eq!(plan.years, ["2012", "2013", "2014", "2015"]);
    assert_eq!(plan.objectives.len(), 6);
    assert_eq!(plan.scenarios.len(), 4);
    assert!(!plan.kpis.is_empty() && !plan.risks.is_empty());
    // Read directly or through the upgrade step, the same plan.
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    json::upgrade_with(json::UPGRADES, &mut value, 2).unwrap();
    assert_eq!(value["version"], 3);
    let upgraded = json::load(&serde_json::to_string(&value).unwrap()).unwrap();
    assert_eq!(upgraded, plan);
}

#[test]
fn a_version_3_file_keeps_its_meaning() {
    // Notes, a calculation kept with its figure, and a history of typed, undone and
    // restored changes: read to the same plan and written back byte for byte.
    let text = include_str!("../../../tests/fixtures/example-v3.json");
    let plan = json::load(text).expect("the version 3 fixture opens");
    assert_eq!(json::save(&plan), text);
    assert!(!plan.notes.is_empty());
    assert!(!plan.expressions.is_empty());
    let origins: Vec<_> = plan.history.records.iter().map(|r| r.origin).collect();
    for o in [
        rollplan_core::model::Origin::Edit,
        rollplan_core::model::Origin::Undo,
        rollplan_core::model::Origin::Restore,
    ] {
        assert!(origins.contains(&o), "{o:?} in {origins:?}");
    }
    assert!(plan.history.records.iter().any(|r| !r.comment.is_empty()));
}

#[test]
fn a_decimal_written_as_a_json_number_is_refused_with_its_place_not_rounded() {
    let text = json::save(&example_plan());
    let field = "\"escalation_percent\": \"1.5\"";
    assert!(text.contains(field));
    let line = text[..text.find(field).unwrap()].matches('\n').count() + 1;
    // Through f64 this would read as 12345678901234568: refused, at its line.
    let edited = text.replace(field, "\"escalation_percent\": 12345678901234567.89");
    match json::load(&edited) {
        Err(LoadError::Invalid {
            line: at, message, ..
        }) => {
            assert_eq!(at, line);
            assert!(message.contains("write decimals as strings"), "{message}");
        }
        other => panic!("refused, not {other:?}"),
    }
    // A whole number is exact, and is read as written.
    let whole = text.replace(field, "\"escalation_percent\": 2");
    let plan = json::load(&whole).unwrap();
    assert_eq!(plan.standard_costs.escalation_percent, Some(common::d("2")));
}

#[test]
fn figures_a_file_brings_past_the_limits_are_refused_at_their_place() {
    // 21 decimals: opened, the next full recomputation would fail and the plan be lost.
    let mut plan = example_plan();
    plan.outputs[0].lines[0].values[0] = Some(common::d("0.000000000000000000001"));
    let e = json::load(&json::save(&plan)).unwrap_err();
    assert!(
        e.to_string().contains("output 1.1, line 1, 2012")
            && e.to_string().contains("more than 6 decimal places"),
        "{e}"
    );
    // Above 10^15, which typing refuses: undoing a change over it would fail.
    let mut plan = example_plan();
    plan.standard_costs.rows[0].costs[0] = Some(common::d("2000000000000000"));
    let e = json::load(&json::save(&plan)).unwrap_err();
    assert!(matches!(e, LoadError::Refused { .. }), "{e:?}");
    assert!(e.to_string().contains("larger than 10^15"), "{e}");
}

#[test]
fn a_plan_past_the_year_limit_is_refused_with_the_limit_named() {
    let years: Vec<String> = (0..=rollplan_core::limits::MAX_YEARS)
        .map(|y| (2000 + y).to_string())
        .collect();
    let refs: Vec<&str> = years.iter().map(String::as_str).collect();
    let plan = rollplan_core::model::Plan::blank("Long range", &refs);
    let e = json::load(&json::save(&plan)).unwrap_err();
    assert!(
        e.to_string().contains("51 years; Rollplan plans up to 50"),
        "{e}"
    );
}

#[test]
fn the_display_precision_is_part_of_the_plan_and_written_only_when_on() {
    use rollplan_core::sheet::{Col, Row, Sheet};
    use rollplan_core::{Document, Edit, Engine};
    let plan = example_plan();
    let text = json::save(&plan);
    assert!(!text.contains("\"cents\""), "whole units: files as before");
    let mut doc = Document::open(plan).unwrap();
    doc.apply(Edit::SetCents(true)).unwrap();
    let text = json::save(doc.plan());
    assert!(text.contains("\"cents\": true"), "on: saved with the plan");
    assert!(json::load(&text).unwrap().cents);
    // Shown to the cent: the escalated P4 standard cost of 2014 is 221,000 x 1.015 =
    // 224,315, x 1.015 = 227,679.725, to the cent 227,679.73; whole units show 227,680.
    let cost = |plan: &rollplan_core::model::Plan| {
        let engine = Engine::new(plan.clone()).unwrap();
        let sheet = Sheet::standard_costs(plan);
        let r = (0..sheet.rows.len())
            .find(|r| matches!(sheet.rows[*r], Row::Grade(g) if plan.grades[g].code == "P4"))
            .unwrap();
        let c = sheet.cols.iter().position(|c| *c == Col::Year(2)).unwrap();
        sheet.row_cells(&engine, r)[c].text.clone()
    };
    assert_eq!(cost(doc.plan()), "227,679.73");
    doc.undo().unwrap();
    assert!(!doc.plan().cents, "undoable like any edit");
    assert_eq!(cost(doc.plan()), "227,680");
}

#[test]
fn a_plan_written_a_few_outputs_at_a_time_is_the_same_file_byte_for_byte() {
    use rollplan_core::generate::{generate, Size};
    use rollplan_core::io::json::Saving;
    let v3 = json::load(include_str!("../../../tests/fixtures/example-v3.json")).unwrap();
    let mut no_outputs = example_plan();
    no_outputs.outputs.clear();
    for plan in [
        example_plan(),
        v3,
        no_outputs,
        generate(
            Size {
                outputs: 37,
                objectives: 4,
                years: 5,
                lines: 3,
            },
            7,
        ),
    ] {
        for n in [1, 2, 10, 1000] {
            let mut saving = Saving::new(&plan);
            let mut steps = 0;
            while !saving.step(n) {
                steps += 1;
            }
            assert!(steps <= plan.outputs.len() / n + 1);
            assert_eq!(saving.finish(), json::save(&plan), "{n} at a time");
            let mut compact = Saving::compact(&plan);
            while !compact.step(n) {}
            assert_eq!(
                compact.finish(),
                json::save_compact(&plan),
                "{n} at a time, compact"
            );
        }
        // The compact form is the same document: it reads back to the same plan.
        let compact = json::save_compact(&plan);
        assert!(!compact.contains('\n') && compact.len() < json::save(&plan).len());
        assert_eq!(
            json::load(&compact).unwrap(),
            json::load(&json::save(&plan)).unwrap()
        );
    }
}
