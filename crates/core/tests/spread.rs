#![cfg(not(target_arch = "wasm32"))]
//! Spreading (breakback): a total typed over the figures beneath it, exactly.

mod common;
use common::*;
use proptest::prelude::*;
use rollplan_core::exact::ExactSum;
use rollplan_core::generate::{generate, Size};
use rollplan_core::model::*;
use rollplan_core::sheet::spread::{apportion, spread, Pattern, SpreadError, SpreadOptions};
use rollplan_core::sheet::{Col, Grouping, Row, Sheet};
use rollplan_core::{Document, Engine};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Output 1.1: travel 1,000 / blank, contracts 3,000 / 500, one P4 post then two
/// (P4 costs 100,000 then 103,000). Output 1.2: three blank travel lines.
fn plan() -> Plan {
    let mut p = small_plan();
    let travel = non_staff(&p, "TRAVEL");
    let contract = non_staff(&p, "CONTRACT");
    let p4 = posts(&p, "P4");
    let links = vec![equal(&p, 0)];
    add_output(
        &mut p,
        "1.1",
        links.clone(),
        vec![
            (travel, vec![Some("1000"), None]),
            (contract, vec![Some("3000"), Some("500")]),
            (p4, vec![Some("1"), Some("2")]),
        ],
    );
    add_output(
        &mut p,
        "1.2",
        links,
        vec![
            (travel, vec![None, None]),
            (travel, vec![None, None]),
            (travel, vec![None, None]),
        ],
    );
    p
}

fn sheet(p: &Plan) -> Sheet {
    Sheet::resources(p, Grouping::Objective, &HashSet::new())
}

fn at(s: &Sheet, p: &Plan, row: Row, col: Col) -> (usize, usize) {
    let _ = p;
    (
        s.rows.iter().position(|r| *r == row).expect("row"),
        s.cols.iter().position(|c| *c == col).expect("col"),
    )
}

fn values(doc: &Document, o: usize) -> Vec<Vec<Option<Decimal>>> {
    doc.view().plan().outputs[o]
        .lines
        .iter()
        .map(|l| l.values.clone())
        .collect()
}

/// What the figures under a total cost now, exactly.
fn under(engine: &Engine, s: &Sheet, (r, c): (usize, usize)) -> Decimal {
    let t = s.total_at(engine.plan(), r, c).unwrap();
    let mut sum = ExactSum::ZERO;
    for &(o, l) in &t.lines {
        for &y in &t.years {
            sum.add_sum(&engine.line_cost(o, l, y).unwrap()).unwrap();
        }
    }
    sum.round(6).unwrap().normalize()
}

fn some(v: &str) -> Option<Decimal> {
    Some(d(v))
}

#[test]
fn a_year_total_spreads_over_amounts_in_proportion_leaving_posts_out() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let cell = at(&s, &p, Row::Output(0), Col::Year(0));
    // 104,000 now: 1,000 + 3,000 + a P4 post at 100,000. To 108,000: the post stays, the
    // 8,000 left goes 1:3 to travel and contracts.
    let sp = spread(&doc, &s, cell, "108,000", &SpreadOptions::default()).unwrap();
    assert!(sp.summary.contains("in proportion"), "{}", sp.summary);
    assert!(
        sp.summary
            .contains("1 figure(s) of posts or quantities left out"),
        "{}",
        sp.summary
    );
    doc.change(sp.change).unwrap();
    let v = values(&doc, 0);
    assert_eq!(v[0][0], some("2000"));
    assert_eq!(v[1][0], some("6000"));
    assert_eq!(v[2][0], some("1"), "posts left as they were");
    assert_eq!(under(doc.view(), &s, cell), d("108000"));
    // One undo step, and one record in the history naming the spread.
    let record = doc.plan().history.records.last().unwrap();
    assert!(
        record
            .what
            .starts_with("Spread 108,000 over Output 1.1, 2026"),
        "{}",
        record.what
    );
    assert_eq!(record.figures.len(), 2);
    doc.undo().unwrap();
    assert_eq!(values(&doc, 0)[0][0], some("1000"));
    assert!(!doc.can_undo());
}

#[test]
fn blank_figures_share_evenly_and_the_odd_units_go_first_in_grid_order() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let cell = at(&s, &p, Row::Output(1), Col::Year(0));
    let sp = spread(&doc, &s, cell, "100", &SpreadOptions::default()).unwrap();
    assert!(sp.summary.contains("evenly"), "{}", sp.summary);
    doc.change(sp.change).unwrap();
    let firsts: Vec<_> = values(&doc, 1).iter().map(|v| v[0]).collect();
    assert_eq!(firsts, [some("34"), some("33"), some("33")]);
    // With cents shown, parts are cents: 33.34, 33.33, 33.33.
    doc.apply(rollplan_core::Edit::SetCents(true)).unwrap();
    let sp = spread(
        &doc,
        &s,
        cell,
        "100",
        &SpreadOptions {
            pattern: Pattern::Even,
            ..Default::default()
        },
    )
    .unwrap();
    doc.change(sp.change).unwrap();
    let firsts: Vec<_> = values(&doc, 1).iter().map(|v| v[0]).collect();
    assert_eq!(firsts, [some("33.34"), some("33.33"), some("33.33")]);
}

#[test]
fn held_figures_are_kept_and_spreading_goes_around_them() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let travel = p.outputs[0].lines[0].id;
    let cell = at(&s, &p, Row::Output(0), Col::Year(0));
    let held: HashSet<Key> = [Key::Value {
        line: travel,
        year: 0,
    }]
    .into();
    let sp = spread(
        &doc,
        &s,
        cell,
        "110000",
        &SpreadOptions {
            held,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        sp.summary.contains("1 held figure(s) kept"),
        "{}",
        sp.summary
    );
    doc.change(sp.change).unwrap();
    let v = values(&doc, 0);
    assert_eq!(v[0][0], some("1000"));
    assert_eq!(
        v[1][0],
        some("9000"),
        "110,000 - 100,000 (post) - 1,000 (held)"
    );
    // Everything held: nothing to spread over, said so.
    let all: HashSet<Key> = p.outputs[0]
        .lines
        .iter()
        .map(|l| Key::Value {
            line: l.id,
            year: 0,
        })
        .collect();
    let e = spread(
        &doc,
        &s,
        cell,
        "1",
        &SpreadOptions {
            held: all,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        matches!(e, SpreadError::NothingFree { held: 3, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("3 held"), "{e}");
}

#[test]
fn posts_included_get_their_share_at_the_standard_cost_and_amounts_take_the_rest() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let cell = at(&s, &p, Row::Output(0), Col::Year(0));
    let opts = SpreadOptions {
        counts: true,
        ..Default::default()
    };
    // Doubled: 208,000 in the proportions 1,000 : 3,000 : 100,000.
    let sp = spread(&doc, &s, cell, "208000", &opts).unwrap();
    doc.change(sp.change).unwrap();
    let v = values(&doc, 0);
    assert_eq!(
        (v[0][0], v[1][0], v[2][0]),
        (some("2000"), some("6000"), some("2"))
    );
    assert_eq!(under(doc.view(), &s, cell), d("208000"));
    // 150,000: the post becomes 1.44 (144,230.77 of its share, to 0.01 post = 144,000);
    // the amounts take up the rest, so the total is still exact.
    let sp = spread(&doc, &s, cell, "150000", &opts).unwrap();
    doc.change(sp.change).unwrap();
    assert_eq!(values(&doc, 0)[2][0], some("1.44"));
    assert_eq!(under(doc.view(), &s, cell), d("150000"));
}

#[test]
fn a_cost_typed_into_a_staff_lines_cost_row_becomes_posts_and_says_what_it_reached() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let cell = at(&s, &p, Row::Cost(0, 2), Col::Year(1));
    // 250,000 / 103,000 = 2.427… posts: 2.43 posts cost 250,290.
    let sp = spread(&doc, &s, cell, "250000", &SpreadOptions::default()).unwrap();
    assert_eq!(sp.reached, d("250290"));
    assert!(
        sp.summary.contains("add up to 250,290 rather than 250,000"),
        "{}",
        sp.summary
    );
    doc.change(sp.change).unwrap();
    assert_eq!(values(&doc, 0)[2][1], some("2.43"));
}

#[test]
fn a_pattern_shares_a_period_total_over_the_years() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let cell = at(&s, &p, Row::Output(1), Col::Period);
    let opts = SpreadOptions {
        pattern: Pattern::Years(vec![d("3"), d("1")]),
        ..Default::default()
    };
    let sp = spread(&doc, &s, cell, "1200", &opts).unwrap();
    doc.change(sp.change).unwrap();
    let v = values(&doc, 1);
    assert_eq!(
        (v[0][0], v[1][0], v[2][0]),
        (some("300"), some("300"), some("300"))
    );
    assert_eq!(
        (v[0][1], v[1][1], v[2][1]),
        (some("100"), some("100"), some("100"))
    );
    let bad = SpreadOptions {
        pattern: Pattern::Years(vec![d("1")]),
        ..Default::default()
    };
    let e = spread(&doc, &s, cell, "1", &bad).unwrap_err();
    assert!(e.to_string().contains("1 weight(s) for 2 year(s)"), "{e}");
}

#[test]
fn a_line_total_and_a_group_total_spread_too_but_not_a_figure_or_a_heading() {
    let p = plan();
    let doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    assert!(s
        .total_at(
            &p,
            at(&s, &p, Row::Line(0, 0), Col::Period).0,
            at(&s, &p, Row::Line(0, 0), Col::Period).1
        )
        .is_some());
    let (r, c) = at(&s, &p, Row::Line(0, 0), Col::Year(0));
    assert!(
        s.total_at(&p, r, c).is_none(),
        "a figure takes typing itself"
    );
    let (r, c) = at(&s, &p, Row::Output(0), Col::Label);
    assert!(s.total_at(&p, r, c).is_none());
    let group = at(&s, &p, Row::Group(0), Col::Year(1));
    let t = s.total_at(&p, group.0, group.1).unwrap();
    assert_eq!(t.lines.len(), 6);
    let e = spread(&doc, &s, (r, c), "1", &SpreadOptions::default()).unwrap_err();
    assert_eq!(e, SpreadError::NotATotal);
    let e = spread(&doc, &s, group, "lots", &SpreadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("not a number"), "{e}");
}

#[test]
fn in_a_scenario_spreading_changes_that_scenario_only() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let edit =
        rollplan_core::document::commands::create_scenario(doc.plan(), "Lean", None).unwrap();
    doc.apply_to_plan(edit).unwrap();
    let id = doc.plan().scenarios[0].id;
    doc.show(Some(id)).unwrap();
    let s = sheet(doc.view().plan());
    let cell = at(&s, &p, Row::Output(0), Col::Year(0));
    let sp = spread(
        &doc,
        &s,
        cell,
        "104000",
        &SpreadOptions {
            pattern: Pattern::Even,
            ..Default::default()
        },
    )
    .unwrap();
    doc.change(sp.change).unwrap();
    assert_eq!(values(&doc, 0)[0][0], some("2000"));
    assert_eq!(
        doc.plan().outputs[0].lines[0].values[0],
        some("1000"),
        "baseline kept"
    );
    assert_eq!(
        doc.plan().history.records.last().unwrap().scenario,
        Some(id)
    );
}

#[test]
fn apportion_is_exact_and_fair() {
    let parts = apportion(d("10"), d("1"), &[d("1"), d("1"), d("1")]).unwrap();
    assert_eq!(parts, [d("4"), d("3"), d("3")]);
    let parts = apportion(d("-10"), d("1"), &[d("1"), d("1"), d("1")]).unwrap();
    assert_eq!(parts, [d("-4"), d("-3"), d("-3")]);
    // Largest remainder: 7 in 1:2:4 is 1, 2, 4 exactly; 8 gives the extra to the largest
    // remainder (8/7 = 1.14, 2.29, 4.57: the third).
    let parts = apportion(d("8"), d("1"), &[d("1"), d("2"), d("4")]).unwrap();
    assert_eq!(parts, [d("1"), d("2"), d("5")]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// A spread always adds up exactly to the total typed.
    #[test]
    fn a_spread_sums_exactly_to_the_typed_total(
        seed in 0u64..500,
        pick in 0usize..10_000,
        col in 0usize..6,
        cents in -5_000_000_000i64..5_000_000_000,
        even in any::<bool>(),
        hold in prop::collection::vec(0usize..10_000, 0..6),
    ) {
        let p = generate(Size { outputs: 6, objectives: 3, years: 4, lines: 4 }, seed);
        let mut doc = Document::open(p.clone()).unwrap();
        let s = sheet(&p);
        let totals: Vec<usize> = (0..s.rows.len())
            .filter(|&r| matches!(s.rows[r], Row::Output(_) | Row::Group(_) | Row::Total))
            .collect();
        let r = totals[pick % totals.len()];
        let c = s.cols.iter().position(|c| matches!(c, Col::Year(_))).unwrap() + col;
        let c = c.min(s.cols.len() - 1);
        let Some(total) = s.total_at(&p, r, c) else { return Ok(()) };
        let keys: Vec<Key> = total.lines.iter().flat_map(|&(o, l)| {
            let id = p.outputs[o].lines[l].id;
            total.years.iter().map(move |&y| Key::Value { line: id, year: y })
        }).collect();
        let held: HashSet<Key> = hold.iter().filter_map(|i| keys.get(i % keys.len().max(1)).copied()).collect();
        let typed = Decimal::new(cents, 2);
        let opts = SpreadOptions { pattern: if even { Pattern::Even } else { Pattern::Proportional }, held: held.clone(), counts: false };
        match spread(&doc, &s, (r, c), &typed.to_string(), &opts) {
            Ok(sp) => {
                prop_assert_eq!(sp.reached, typed);
                doc.change(sp.change).unwrap();
                prop_assert_eq!(under(doc.view(), &s, (r, c)), typed.normalize());
                for k in &held {
                    prop_assert_eq!(doc.engine().figure(*k), rollplan_core::model::scenario::read(&p, *k));
                }
            }
            Err(SpreadError::NothingFree { .. }) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
    }
}

#[test]
fn cents_that_figures_left_out_bring_go_to_one_part_so_the_others_stay_whole() {
    // The example's escalated standard costs have cents: the posts left out cost
    // 5,903,xxx.yy over the period, so the amounts must carry those cents for the total to
    // be exact; one of them does, the rest are whole units.
    let p = rollplan_core::example::example_plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let cell = at(&s, &p, Row::Output(0), Col::Period);
    let sp = spread(&doc, &s, cell, "12000000", &SpreadOptions::default()).unwrap();
    doc.change(sp.change).unwrap();
    assert_eq!(under(doc.view(), &s, cell), d("12000000"));
    let amounts: Vec<Decimal> = doc.plan().outputs[0]
        .lines
        .iter()
        .filter(|l| !rollplan_core::sheet::has_cost_row(l))
        .flat_map(|l| l.values.iter().flatten().copied())
        .collect();
    assert_eq!(amounts.len(), 8);
    let with_cents = amounts.iter().filter(|v| !v.fract().is_zero()).count();
    assert_eq!(with_cents, 1, "{amounts:?}");
}

#[test]
fn spreads_says_of_every_cell_what_total_at_says() {
    for p in [plan(), rollplan_core::example::example_plan()] {
        let s = sheet(&p);
        for r in 0..s.rows.len() {
            for c in 0..s.cols.len() {
                assert_eq!(
                    s.spreads(&p, r, c),
                    s.total_at(&p, r, c).is_some(),
                    "{r} {c}"
                );
            }
        }
    }
}
