//! The gate: every way a plan comes in refuses the same plans, with their places, and
//! computes the whole plan (baseline, scenarios, proposals) before handing it on.

mod common;

use common::*;
use rollplan_core::gate;
use rollplan_core::io::{self, budget, json, library, share, table};
use rollplan_core::model::*;
use rollplan_core::reports::compare::compare;
use rollplan_core::reports::validate::Location;
use rollplan_core::Dim;

/// Every figure within the limits (10^14 posts, a standard cost of 10^15), yet their
/// product, 10^29, is past what exact decimals hold: only computing finds it.
fn overflowing_plan() -> Plan {
    let mut p = small_plan();
    let l = equal(&p, 0);
    let k = posts(&p, "P4");
    add_output(
        &mut p,
        "1.1",
        vec![l],
        vec![(k, vec![Some("1"), Some("1")])],
    );
    let p4 = grade(&p, "P4");
    let row = p
        .standard_costs
        .rows
        .iter_mut()
        .find(|r| r.grade == p4)
        .unwrap();
    row.costs = vec![Some(d("1000000000000000")), Some(d("100"))];
    p.outputs[0].lines[0].values[0] = Some(d("100000000000000"));
    p
}

#[test]
fn a_plan_that_cannot_be_computed_is_refused_by_the_gate_with_its_reason() {
    let r = gate::admit(overflowing_plan()).unwrap_err();
    assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    assert_eq!(r.findings[0].location, Location::Plan);
    assert!(
        r.findings[0]
            .message
            .contains("cannot be calculated exactly"),
        "{}",
        r.findings[0]
    );
    // The same plan within range passes, and comes back unchanged.
    let mut fine = overflowing_plan();
    fine.outputs[0].lines[0].values[0] = Some(d("2"));
    assert_eq!(gate::admit(fine.clone()).unwrap(), fine);
}

#[test]
fn every_way_in_refuses_the_plan_the_gate_refuses() {
    let bad = overflowing_plan();
    let text = json::save(&bad);
    // A file.
    let e = json::load(&text).unwrap_err();
    assert!(
        e.to_string().contains("cannot be calculated exactly"),
        "{e}"
    );
    // A file opened by content.
    let e = io::open(text.as_bytes(), "bad").unwrap_err();
    assert!(matches!(e, io::OpenError::Inconsistent { .. }), "{e:?}");
    // A share link (encoding does not check; decoding does).
    let link = share::encode(&bad).unwrap();
    let e = share::decode(&link).unwrap_err();
    assert!(
        e.to_string().contains("cannot be calculated exactly"),
        "{e}"
    );
    // The browser's library.
    let mut store = library::MemoryStore::default();
    library::Store::set(&mut store, "rollplan.plan.x", &text).unwrap();
    assert!(library::open(&store, "x").is_err());
}

#[test]
fn a_scenario_past_exact_range_still_opens_and_its_comparison_says_why() {
    // An edit of the baseline can push a scenario out of range, so a saved plan with one
    // must reopen; the comparison reports the failure instead of a figure.
    let mut p = overflowing_plan();
    let line = p.outputs[0].lines[0].id;
    p.outputs[0].lines[0].values[0] = Some(d("1"));
    let mut s = Scenario::new(ScenarioId(p.fresh_id()), "Expansion");
    s.set(
        Key::Value { line, year: 0 },
        Some(Some(d("100000000000000"))),
    );
    let id = s.id;
    p.scenarios.push(s);
    let opened = json::load(&json::save(&p)).expect("the plan itself computes");
    let engine = rollplan_core::Engine::new(opened).unwrap();
    let e = compare(&engine, Dim::Objective, &[id]).unwrap_err();
    assert!(e.to_string().contains("too large"), "{e}");
}

#[test]
fn a_budget_import_passes_the_gate_too() {
    // 60 distinct years: each row reads, but the plan is past the 50-year limit.
    let mut csv = String::from("Objective,Output,Year,Amount\n");
    for y in 0..60 {
        csv.push_str(&format!("Health,Clinics,{},10\n", 1990 + y));
    }
    let t = table::read(csv.as_bytes(), None).unwrap();
    let mut m = budget::guess_mapping(&t).unwrap();
    m.currency = "EUR".into();
    m.amounts_in = Some(rollplan_core::model::AmountUnit::Units);
    let e = budget::import(&t, &m, "years").unwrap_err();
    assert!(e.to_string().contains("50"), "{e}");
}
