//! Scenarios: overrides over a baseline, editing through the document, promotion, and the
//! side-by-side comparison, checked against figures worked out by hand.

mod common;
use common::*;
use rollplan_core::calc::{Dim, Engine};
use rollplan_core::document::commands;
use rollplan_core::example::example_plan;
use rollplan_core::io::{csv as csv_io, json, table};
use rollplan_core::model::scenario::{self, Key};
use rollplan_core::model::*;
use rollplan_core::reports::compare;
use rollplan_core::{Document, Edit, EditError};
use rust_decimal::Decimal;

/// Objectives O1..O3; output A (O1) with a travel line 600/500 and output B (O2 and O3
/// equally) with a P4 post line 1/1; contributions 2 units at 318 each year; a period
/// ceiling of 400,000.
fn plan() -> Plan {
    let mut p = small_plan();
    let travel = non_staff(&p, "TRAVEL");
    let l = vec![equal(&p, 0)];
    add_output(
        &mut p,
        "A",
        l,
        vec![(travel, vec![Some("600"), Some("500")])],
    );
    let l = vec![equal(&p, 1), equal(&p, 2)];
    let post = posts(&p, "P4");
    add_output(&mut p, "B", l, vec![(post, vec![Some("1"), Some("1")])]);
    let inc = IncomeId(p.fresh_id());
    p.income.push(IncomeLine {
        id: inc,
        name: "Contributions".into(),
        kind: IncomeKind::AssessedContributions,
        rate: Some(d("318")),
        values: vec![Some(d("2")), Some(d("2"))],
    });
    let id = CeilingId(p.fresh_id());
    p.ceilings.push(Ceiling {
        id,
        name: "Period".into(),
        scope: CeilingScope::Period,
        amount: d("400000"),
    });
    p
}

fn line(p: &Plan, output: usize) -> LineId {
    p.outputs[output].lines[0].id
}

fn with_scenario(p: &Plan, name: &str) -> (Document, ScenarioId) {
    let mut doc = Document::open(p.clone()).unwrap();
    let edit = commands::create_scenario(doc.plan(), name, None).unwrap();
    doc.apply(edit).unwrap();
    let id = doc.plan().scenarios.last().unwrap().id;
    (doc, id)
}

fn objective_years(e: &Engine) -> Vec<Vec<Decimal>> {
    let t = e.table(Dim::Objective).unwrap();
    t.rows.iter().map(|r| r.figures.years.clone()).collect()
}

/// What the shown scenario's engine holds equals a full recomputation of the scenario.
fn assert_view_exact(doc: &Document) {
    let s = doc.scenario().expect("a scenario is shown");
    let m = scenario::materialise(doc.plan(), s);
    let fresh = Engine::new(m.plan).unwrap();
    assert_eq!(doc.view().rollups(), fresh.rollups());
    assert_eq!(doc.view().plan(), fresh.plan());
}

#[test]
fn a_scenario_stores_only_its_changes_and_follows_later_baseline_edits() {
    let p = plan();
    let (a, b) = (line(&p, 0), line(&p, 1));
    let (mut doc, id) = with_scenario(&p, "Lean");
    doc.show(Some(id)).unwrap();
    // Typed while the scenario is shown: the scenario's override, not the baseline's.
    doc.apply(Edit::SetFigure {
        key: Key::Value { line: a, year: 0 },
        value: Some(d("900")),
    })
    .unwrap();
    assert_eq!(doc.plan().outputs[0].lines[0].values[0], Some(d("600")));
    let s = doc.scenario().unwrap();
    assert_eq!(s.changes.len(), 1);
    assert_eq!(s.get(Key::Value { line: a, year: 0 }), Some(Some(d("900"))));
    // O1 in 2026: 900 in the scenario.
    assert_eq!(objective_years(doc.view())[0], vec![d("900"), d("500")]);
    assert_view_exact(&doc);

    // Baseline edits: one on a figure the scenario overrides, one on a figure it does not.
    doc.show(None).unwrap();
    doc.apply(Edit::SetFigure {
        key: Key::Value { line: a, year: 0 },
        value: Some(d("700")),
    })
    .unwrap();
    doc.apply(Edit::SetFigure {
        key: Key::Value { line: a, year: 1 },
        value: Some(d("550")),
    })
    .unwrap();
    doc.apply(Edit::SetFigure {
        key: Key::Value { line: b, year: 1 },
        value: Some(d("2")),
    })
    .unwrap();
    doc.show(Some(id)).unwrap();
    // 2026 keeps the override (900); 2027 follows the baseline (550).
    assert_eq!(objective_years(doc.view())[0], vec![d("900"), d("550")]);
    // B: 2 P4 posts x 103,000 in 2027, shared equally by O2 and O3.
    assert_eq!(
        objective_years(doc.view())[1],
        vec![d("50000"), d("103000")]
    );
    assert_eq!(doc.scenario().unwrap().changes.len(), 1);
}

#[test]
fn an_override_is_reset_to_the_baseline_and_undo_redo_keep_the_view_exact() {
    let p = plan();
    let a = line(&p, 0);
    let (mut doc, id) = with_scenario(&p, "S");
    doc.show(Some(id)).unwrap();
    let key = Key::Value { line: a, year: 1 };
    doc.apply(Edit::Batch(vec![
        Edit::SetFigure {
            key: Key::Value { line: a, year: 1 },
            value: None,
        },
        Edit::SetFigure {
            key: Key::Escalation,
            value: Some(d("2")),
        },
    ]))
    .unwrap();
    // A blank typed into a scenario is an override too: the cell is blank there.
    assert_eq!(doc.scenario().unwrap().get(key), Some(None));
    assert_eq!(objective_years(doc.view())[0], vec![d("600"), d("0")]);
    assert_view_exact(&doc);
    doc.apply(Edit::SetOverride {
        scenario: id,
        key,
        value: None,
    })
    .unwrap();
    assert!(!doc.scenario().unwrap().overrides(key));
    assert_eq!(objective_years(doc.view())[0], vec![d("600"), d("500")]);
    assert_view_exact(&doc);
    doc.undo().unwrap();
    assert_eq!(doc.scenario().unwrap().get(key), Some(None));
    assert_view_exact(&doc);
    doc.undo().unwrap();
    assert!(doc.scenario().unwrap().changes.is_empty());
    assert_view_exact(&doc);
    doc.redo().unwrap();
    assert_eq!(doc.scenario().unwrap().changes.len(), 2);
    assert_view_exact(&doc);
    // The baseline never changed.
    assert_eq!(doc.plan().outputs[0].lines[0].values[1], Some(d("500")));
    assert_eq!(doc.plan().standard_costs.escalation_percent, None);
}

#[test]
fn rows_and_links_are_changed_in_the_baseline_only() {
    let p = plan();
    let (mut doc, id) = with_scenario(&p, "S");
    doc.show(Some(id)).unwrap();
    let before = doc.plan().clone();
    let remove = Edit::RemoveLine { line: line(&p, 0) };
    assert_eq!(doc.apply(remove.clone()), Err(EditError::BaselineOnly));
    // A batch with one such edit is refused whole.
    let batch = Edit::Batch(vec![
        Edit::SetFigure {
            key: Key::Value {
                line: line(&p, 0),
                year: 0,
            },
            value: Some(d("1")),
        },
        remove.clone(),
    ]);
    assert_eq!(doc.apply(batch), Err(EditError::BaselineOnly));
    assert_eq!(doc.plan(), &before);
    assert!(EditError::BaselineOnly.to_string().contains("Baseline"));
    // Deleting the row from the baseline leaves the scenario's change stale, not lost.
    doc.apply_to_plan(Edit::SetOverride {
        scenario: id,
        key: Key::Value {
            line: line(&p, 0),
            year: 0,
        },
        value: Some(Some(d("5"))),
    })
    .unwrap();
    doc.apply_to_plan(remove).unwrap();
    assert_eq!(doc.stale(), 1);
    assert_view_exact(&doc);
    doc.undo().unwrap();
    assert_eq!(doc.stale(), 0);
    assert_eq!(objective_years(doc.view())[0], vec![d("5"), d("500")]);
}

#[test]
fn promoting_makes_the_scenario_the_baseline_and_keeps_the_old_baseline_as_a_scenario() {
    let p = plan();
    let (a, b) = (line(&p, 0), line(&p, 1));
    let (mut doc, id) = with_scenario(&p, "Growth");
    let other = commands::create_scenario(doc.plan(), "Other", None).unwrap();
    doc.apply(other).unwrap();
    let other = doc.plan().scenarios[1].id;
    for (key, v) in [
        (Key::Value { line: a, year: 0 }, "800"),
        (Key::Value { line: b, year: 1 }, "3"),
        (
            Key::Ceiling {
                ceiling: p.ceilings[0].id,
            },
            "500000",
        ),
    ] {
        doc.apply(Edit::SetOverride {
            scenario: id,
            key,
            value: Some(Some(d(v))),
        })
        .unwrap();
    }
    doc.apply(Edit::SetOverride {
        scenario: other,
        key: Key::Value { line: a, year: 1 },
        value: Some(Some(d("1"))),
    })
    .unwrap();
    let before = content(doc.plan());
    let growth = {
        let s = &before.scenarios[0];
        Engine::new(scenario::materialise(&before, s).plan).unwrap()
    };
    doc.show(Some(id)).unwrap();
    doc.promote(id).unwrap();
    // The promoted scenario is gone, so the views show the (new) baseline.
    assert!(doc.scenario().is_none());
    let plan = doc.plan();
    assert_eq!(
        plan.outputs[0].lines[0].values,
        vec![Some(d("800")), Some(d("500"))]
    );
    assert_eq!(plan.outputs[1].lines[0].values[1], Some(d("3")));
    assert_eq!(plan.ceilings[0].amount, d("500000"));
    assert_eq!(doc.engine().rollups(), growth.rollups());
    // In its place: the former baseline, with the old figures of what changed.
    let former = &plan.scenarios[0];
    assert!(former.name.starts_with("Former baseline"));
    assert_eq!(former.changes.len(), 3);
    let old = Engine::new(scenario::materialise(plan, former).plan).unwrap();
    let base = Engine::new(p.clone()).unwrap();
    assert_eq!(old.rollups(), base.rollups());
    assert_eq!(old.ceilings().unwrap(), base.ceilings().unwrap());
    // The other scenario keeps its own change and follows the new baseline elsewhere.
    let o = scenario::materialise(plan, &plan.scenarios[1]).plan;
    assert_eq!(
        o.outputs[0].lines[0].values,
        vec![Some(d("800")), Some(d("1"))]
    );
    // One step: undo puts everything back.
    doc.undo().unwrap();
    // (ids handed out are never handed out again, so only `next_id` stays ahead.)
    let undone = Plan {
        next_id: before.next_id,
        ..content(doc.plan())
    };
    assert_eq!(undone, before);
}

#[test]
fn promoting_a_scenario_with_added_rows_puts_them_in_the_baseline() {
    let p = plan();
    let mut s = scenario::Scenario::new(ScenarioId(p.next_id), "Extra");
    let travel = non_staff(&p, "TRAVEL");
    s.added_lines.push(scenario::AddedLine {
        output: p.outputs[0].id,
        line: Line {
            id: LineId(p.next_id + 1),
            description: "New trip".into(),
            kind: travel,
            rate: None,
            values: vec![Some(d("50")), None],
        },
    });
    let mut doc = Document::open(p.clone()).unwrap();
    doc.apply(Edit::InsertScenario {
        index: 0,
        scenario: Box::new(s),
    })
    .unwrap();
    let id = doc.plan().scenarios[0].id;
    doc.show(Some(id)).unwrap();
    assert_eq!(objective_years(doc.view())[0], vec![d("650"), d("500")]);
    // The added line is edited like any other while its scenario is shown.
    doc.apply(Edit::SetFigure {
        key: Key::Value {
            line: LineId(p.next_id + 1),
            year: 1,
        },
        value: Some(d("10")),
    })
    .unwrap();
    assert_view_exact(&doc);
    doc.promote(id).unwrap();
    assert_eq!(doc.plan().outputs[0].lines.len(), 2);
    assert_eq!(objective_years(doc.engine())[0], vec![d("650"), d("510")]);
    // The former baseline blanks the added line: its figures are the old baseline's.
    let former = &doc.plan().scenarios[0];
    let old = Engine::new(scenario::materialise(doc.plan(), former).plan).unwrap();
    assert_eq!(objective_years(&old)[0], vec![d("600"), d("500")]);
}

#[test]
fn the_comparison_gives_differences_in_amount_and_percent_and_against_ceilings() {
    let p = plan();
    let (a, inc) = (line(&p, 0), p.income[0].id);
    let (mut doc, id) = with_scenario(&p, "Higher unit");
    for (key, v) in [
        (Key::IncomeRate { income: inc }, "325"),
        (Key::Value { line: a, year: 0 }, "750"),
        (
            Key::Ceiling {
                ceiling: p.ceilings[0].id,
            },
            "300000",
        ),
    ] {
        doc.apply(Edit::SetOverride {
            scenario: id,
            key,
            value: Some(Some(d(v))),
        })
        .unwrap();
    }
    let c = compare::compare(doc.engine(), Dim::Objective, &[id]).unwrap();
    assert_eq!(c.versions, vec!["Baseline", "Higher unit"]);
    assert_eq!(
        c.columns,
        vec!["2026", "2027", "2026\u{2013}2027", "2026\u{2013}2027"]
    );
    let o1 = c.blocks.iter().find(|b| b.code == "O1").unwrap();
    assert_eq!(o1.figures[0][0], d("600"));
    assert_eq!(o1.figures[1][0], d("750"));
    // +150 on 600 is +25.0 %.
    assert_eq!(
        compare::difference(o1.figures[0][0], o1.figures[1][0]),
        Ok((d("150"), Some(d("25.0"))))
    );
    // Zero baseline: no percent.
    assert_eq!(compare::difference(d("0"), d("5")), Ok((d("5"), None)));
    // Past exact range: an error, not a panic.
    assert!(compare::difference(Decimal::MIN, Decimal::MAX).is_err());
    // Income: 2 units x 318 = 636 -> 2 x 325 = 650 each year; the period 1,300.
    let income = c.blocks.iter().find(|b| b.code == "INCOME").unwrap();
    assert_eq!(income.figures[0][0], d("636"));
    assert_eq!(income.figures[1][0], d("650"));
    assert_eq!(*income.figures[1].last().unwrap(), d("1300"));
    // Cost: 750 + 100,000 (2026) + 500 + 103,000 (2027) = 204,250; balance 1,300 - 204,250.
    let total = c.blocks.iter().find(|b| b.code == "TOTAL").unwrap();
    assert_eq!(*total.figures[1].last().unwrap(), d("204250"));
    let bal = c.blocks.iter().find(|b| b.code == "BALANCE").unwrap();
    assert_eq!(*bal.figures[1].last().unwrap(), d("-202950"));
    // Ceiling: 400,000 with 204,100 in the baseline; 300,000 with 204,250 in the scenario.
    let ceil = &c.ceilings[0];
    assert_eq!(ceil.figures[0], (d("400000"), d("204100"), d("195900")));
    assert_eq!(ceil.figures[1], (d("300000"), d("204250"), d("95750")));
    // An unknown scenario id is left out rather than failing the comparison.
    let c = compare::compare(doc.engine(), Dim::Category, &[ScenarioId(9999)]).unwrap();
    assert_eq!(c.versions, vec!["Baseline"]);
}

#[test]
fn the_example_compares_the_four_contributory_unit_values() {
    let plan = example_plan();
    let names: Vec<&str> = plan.scenarios.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Contributory unit CHF 318,000",
            "Contributory unit CHF 322,000",
            "Contributory unit CHF 325,000",
            "Contributory unit CHF 329,000"
        ]
    );
    let engine = Engine::new(plan.clone()).unwrap();
    let ids: Vec<_> = plan.scenarios.iter().map(|s| s.id).collect();
    let c = compare::compare(&engine, Dim::Objective, &ids).unwrap();
    let income = c.blocks.iter().find(|b| b.code == "INCOME").unwrap();
    let units = plan
        .income
        .iter()
        .find(|i| i.kind == IncomeKind::AssessedContributions)
        .unwrap()
        .values[0]
        .unwrap();
    // Each year: units x (value - 318,000) more than the baseline; costs are the same.
    for (k, value) in [318_000i64, 322_000, 325_000, 329_000].iter().enumerate() {
        let extra = units * Decimal::from(value - 318_000);
        assert_eq!(income.figures[k + 1][0] - income.figures[0][0], extra);
    }
    let total = c.blocks.iter().find(|b| b.code == "TOTAL").unwrap();
    assert!(total.figures.iter().all(|f| f == &total.figures[0]));
}

#[test]
fn scenarios_are_saved_in_the_file_and_a_version_1_file_still_opens() {
    let p = plan();
    let (mut doc, id) = with_scenario(&p, "Saved");
    doc.apply(Edit::SetOverride {
        scenario: id,
        key: Key::Escalation,
        value: Some(Some(d("1.5"))),
    })
    .unwrap();
    let text = json::save(doc.plan());
    assert!(text.contains("\"version\": 3"));
    let back = json::load(&text).unwrap();
    assert_eq!(&back, doc.plan());
    assert_eq!(json::save(&back), text);
    // A file written before scenarios existed: version 1, no scenarios field.
    let mut v: serde_json::Value = serde_json::from_str(&json::save(&p)).unwrap();
    v["version"] = 1.into();
    let plan = v["plan"].as_object_mut().unwrap();
    plan.remove("scenarios");
    plan.remove("proposals");
    let old = json::load(&v.to_string()).unwrap();
    assert_eq!(old, p);
    // Changes shuffled by hand are put back in order on load.
    let mut v: serde_json::Value = serde_json::from_str(&json::save(&example_plan())).unwrap();
    let mut s = scenario::Scenario::new(ScenarioId(1), "x");
    s.changes = vec![
        scenario::Change {
            key: Key::Escalation,
            value: None,
        },
        scenario::Change {
            key: Key::Rate { line: LineId(1) },
            value: None,
        },
    ];
    v["plan"]["scenarios"][0]["changes"] = serde_json::to_value(&s.changes).unwrap();
    let loaded = json::load(&v.to_string()).unwrap();
    assert!(loaded.scenarios[0].changes[0].key < loaded.scenarios[0].changes[1].key);
}

#[test]
fn the_rollup_csv_has_the_baseline_then_each_scenario() {
    let plan = example_plan();
    let engine = Engine::new(plan.clone()).unwrap();
    let text = csv_io::rollups_csv(&engine).unwrap();
    let t = table::read(text.as_bytes(), None).unwrap();
    assert_eq!(&t.header[..4], &["scenario", "dimension", "code", "title"]);
    let income = |name: &str| -> Decimal {
        let r = t
            .rows
            .iter()
            .find(|r| r[0] == name && r[1] == "income")
            .unwrap_or_else(|| panic!("{name}"));
        common::d(&r[4])
    };
    let units = plan.income[0].values[0].unwrap();
    assert_eq!(
        income("Contributory unit CHF 329,000") - income("Baseline"),
        units * d("11000")
    );
    let versions: std::collections::BTreeSet<&str> = t.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(versions.len(), 5);
}

#[test]
fn a_copy_of_a_scenario_gets_fresh_ids_and_the_same_changes() {
    let p = plan();
    let (mut doc, id) = with_scenario(&p, "A");
    doc.apply(Edit::SetOverride {
        scenario: id,
        key: Key::Escalation,
        value: Some(Some(d("3"))),
    })
    .unwrap();
    let copy = commands::create_scenario(doc.plan(), "A (copy)", Some(id)).unwrap();
    doc.apply(copy).unwrap();
    let plan = doc.plan();
    assert_eq!(plan.scenarios.len(), 2);
    assert_ne!(plan.scenarios[0].id, plan.scenarios[1].id);
    assert_eq!(plan.scenarios[0].changes, plan.scenarios[1].changes);
    assert_eq!(scenario::unused_name(plan, "A"), "A (2)");
    assert!(rollplan_core::reports::validate::shape_errors(plan).is_empty());
}
