#![cfg(not(target_arch = "wasm32"))]
//! Adjust…: a percentage, an amount, a value or a year copied forward, over a scope, as
//! one undo step with a preview of what the scope costs before and after.

mod common;
use common::*;
use rollplan_core::example::example_plan;
use rollplan_core::model::*;
use rollplan_core::sheet::adjust::{adjust, AdjustError, Adjustment, Scope};
use rollplan_core::sheet::{Col, Grouping, Range, Row, Sheet};
use rollplan_core::{Dim, Document};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Output 1.1 under O1: travel 1,000 / 1,200.50, one P4 post then two. Output 2.1 under
/// O2: contracts 10,000 / blank.
fn plan() -> Plan {
    let mut p = small_plan();
    let travel = non_staff(&p, "TRAVEL");
    let contract = non_staff(&p, "CONTRACT");
    let p4 = posts(&p, "P4");
    let o1 = vec![equal(&p, 0)];
    add_output(
        &mut p,
        "1.1",
        o1,
        vec![
            (travel, vec![Some("1000"), Some("1200.50")]),
            (p4, vec![Some("1"), Some("2")]),
        ],
    );
    let o2 = vec![equal(&p, 1)];
    add_output(
        &mut p,
        "2.1",
        o2,
        vec![(contract, vec![Some("10000"), None])],
    );
    p
}

fn sheet(p: &Plan) -> Sheet {
    Sheet::resources(p, Grouping::Objective, &HashSet::new())
}

fn row(s: &Sheet, r: Row) -> usize {
    s.rows.iter().position(|x| *x == r).unwrap()
}

fn vals(doc: &Document, o: usize, l: usize) -> Vec<Option<Decimal>> {
    doc.view().plan().outputs[o].lines[l].values.clone()
}

fn some(v: &str) -> Option<Decimal> {
    Some(d(v))
}

#[test]
fn an_objective_cut_by_five_percent_is_one_step_with_a_preview() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let scope = Scope::Group(row(&s, Row::Output(0)));
    let a = adjust(
        &doc,
        &s,
        scope,
        Adjustment::Percent(d("-5")),
        &HashSet::new(),
    )
    .unwrap();
    // Before: 1,000 + 1,200.50 + 100,000 + 2 x 103,000 = 308,200.50; after 5 % less:
    // 950 + 1,140.475 (kept to its cents: 1,140.48) + 0.95 x 100,000 + 1.9 x 103,000.
    assert_eq!(a.before, d("308200.5"));
    assert_eq!(a.after, d("292790.48"));
    assert_eq!(a.changed, 4);
    assert!(a.summary.contains("objective O1 by -5 %"), "{}", a.summary);
    doc.change(a.change).unwrap();
    assert_eq!(vals(&doc, 0, 0), [some("950"), some("1140.48")]);
    assert_eq!(vals(&doc, 0, 1), [some("0.95"), some("1.9")]);
    assert_eq!(
        vals(&doc, 1, 0),
        [some("10000"), None],
        "other objectives untouched"
    );
    let t = doc.engine().table(Dim::Objective).unwrap();
    assert_eq!(t.rows[0].figures.period, d("292790.48"));
    doc.undo().unwrap();
    assert_eq!(content(doc.plan()), p, "one undo step");
}

#[test]
fn an_amount_or_a_value_applies_to_amounts_and_leaves_posts_out() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let a = adjust(
        &doc,
        &s,
        Scope::Plan,
        Adjustment::Amount(d("100")),
        &HashSet::new(),
    )
    .unwrap();
    assert!(
        a.summary
            .contains("2 figure(s) of posts or quantities left out"),
        "{}",
        a.summary
    );
    doc.change(a.change).unwrap();
    assert_eq!(vals(&doc, 0, 0), [some("1100"), some("1300.50")]);
    assert_eq!(
        vals(&doc, 1, 0),
        [some("10100"), some("100")],
        "a blank takes the amount"
    );
    assert_eq!(vals(&doc, 0, 1), [some("1"), some("2")]);
    let a = adjust(
        &doc,
        &s,
        Scope::Column(s.cols.iter().position(|c| *c == Col::Year(1)).unwrap()),
        Adjustment::Set(d("5")),
        &HashSet::new(),
    )
    .unwrap();
    doc.change(a.change).unwrap();
    assert_eq!(vals(&doc, 0, 0)[1], some("5"));
    assert_eq!(vals(&doc, 1, 0)[1], some("5"));
    assert_eq!(vals(&doc, 0, 0)[0], some("1100"), "other years untouched");
}

#[test]
fn a_year_copied_forward_escalates_amounts_and_carries_posts() {
    let mut p = plan();
    p.years = vec!["2026".into(), "2027".into(), "2028".into()];
    for o in &mut p.outputs {
        for l in &mut o.lines {
            l.values.push(None);
        }
    }
    for r in &mut p.standard_costs.rows {
        r.costs.push(None);
    }
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let a = adjust(
        &doc,
        &s,
        Scope::Output(row(&s, Row::Line(0, 0))),
        Adjustment::CopyForward {
            from: 0,
            escalation: d("2"),
        },
        &HashSet::new(),
    )
    .unwrap();
    doc.change(a.change).unwrap();
    // 1,000 then 1,020 then 1,040.40, in the plan's whole units 1,040; the post is carried
    // over as 1.
    assert_eq!(vals(&doc, 0, 0), [some("1000"), some("1020"), some("1040")]);
    assert_eq!(vals(&doc, 0, 1), [some("1"), some("1"), some("1")]);
    // A blank source year leaves the line as it is, and says so.
    let a = adjust(
        &doc,
        &s,
        Scope::Plan,
        Adjustment::CopyForward {
            from: 1,
            escalation: d("0"),
        },
        &HashSet::new(),
    )
    .unwrap();
    assert!(
        a.summary.contains("the year copied is blank there"),
        "{}",
        a.summary
    );
}

#[test]
fn held_figures_and_a_selection_are_respected() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let travel = p.outputs[0].lines[0].id;
    let held: HashSet<Key> = [Key::Value {
        line: travel,
        year: 1,
    }]
    .into();
    let r = row(&s, Row::Line(0, 0));
    let c0 = s.cols.iter().position(|c| *c == Col::Year(0)).unwrap();
    let range = Range {
        anchor: (r, c0),
        cursor: (r, c0 + 1),
    };
    let a = adjust(
        &doc,
        &s,
        Scope::Selection(range),
        Adjustment::Percent(d("10")),
        &held,
    )
    .unwrap();
    assert!(a.summary.contains("1 held figure(s) kept"), "{}", a.summary);
    doc.change(a.change).unwrap();
    assert_eq!(vals(&doc, 0, 0), [some("1100"), some("1200.50")]);
}

#[test]
fn a_scope_without_figures_or_a_result_past_the_limit_is_refused_with_why() {
    let p = plan();
    let doc = Document::open(p.clone()).unwrap();
    let s = sheet(&p);
    let head = Range::at(row(&s, Row::Output(0)), 0);
    let e = adjust(
        &doc,
        &s,
        Scope::Selection(head),
        Adjustment::Percent(d("1")),
        &HashSet::new(),
    )
    .unwrap_err();
    assert!(matches!(e, AdjustError::Empty(_)), "{e:?}");
    assert!(e.to_string().contains("no figure to adjust"), "{e}");
    let e = adjust(
        &doc,
        &s,
        Scope::Plan,
        Adjustment::Percent(d("1000000000000000")),
        &HashSet::new(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("larger than 10^15"), "{e}");
}

#[test]
fn standard_costs_adjust_to_the_cent_and_the_preview_is_the_plans_total() {
    let p = example_plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let s = Sheet::standard_costs(&p);
    let c = s.cols.iter().position(|c| *c == Col::Year(0)).unwrap();
    let a = adjust(
        &doc,
        &s,
        Scope::Column(c),
        Adjustment::Percent(d("2")),
        &HashSet::new(),
    )
    .unwrap();
    assert!(a.after > a.before);
    doc.change(a.change).unwrap();
    let p4 = p.grades.iter().position(|g| g.code == "P4").unwrap();
    let was = p.standard_costs.rows[p4].costs[0].unwrap();
    assert_eq!(
        doc.plan().standard_costs.rows[p4].costs[0].unwrap(),
        (was * d("1.02")).round_dp(2)
    );
    let t = doc.engine().table(Dim::Objective).unwrap();
    // The preview is exact; the table has it rounded once, to the cent.
    assert_eq!(
        t.total.period,
        a.after
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    );
}
