//! Rollups: what each output, objective, unit, category, biennium and the period cost,
//! checked against figures worked out by hand.

mod common;
use common::*;
use rollplan_core::calc::{Dim, Engine, UNALLOCATED};
use rollplan_core::model::*;

#[test]
fn staff_lines_cost_posts_times_standard_cost_and_work_months_a_twelfth() {
    let mut p = small_plan();
    let lines = vec![
        (posts(&p, "P4"), vec![Some("2"), Some("1.5")]),
        (months(&p, "P4"), vec![Some("5"), None]),
    ];
    let links = vec![equal(&p, 0)];
    add_output(&mut p, "A", links, lines);
    let e = Engine::new(p).unwrap();
    let t = e.table(Dim::Output).unwrap();
    // 2026: 2 x 100,000 + 5/12 x 100,000 = 241,666.666.. -> 241,666.67
    // 2027: 1.5 x 103,000 = 154,500
    assert_eq!(t.rows[0].figures.years, vec![d("241666.67"), d("154500")]);
    // Period: 396,166.666.. rounded once -> 396,166.67 (not the sum of rounded years)
    assert_eq!(t.rows[0].figures.period, d("396166.67"));
}

#[test]
fn equal_shares_split_exactly_and_totals_are_rounded_once() {
    let mut p = small_plan();
    let ns = non_staff(&p, "TRAVEL");
    // 100.00 split among three objectives, three outputs: each objective gets exactly 100.
    for c in ["A", "B", "C"] {
        let links = vec![equal(&p, 0), equal(&p, 1), equal(&p, 2)];
        add_output(
            &mut p,
            c,
            links,
            vec![(ns, vec![Some("100.00"), Some("0.01")])],
        );
    }
    let e = Engine::new(p).unwrap();
    let t = e.table(Dim::Objective).unwrap();
    for row in &t.rows {
        assert_eq!(row.figures.years[0], d("100.00"), "{}", row.code);
        // 3 x 0.01 / 3 = 0.01 exactly (a 28-digit third would give 0.0099.. -> 0.01 by luck,
        // but the period 100.01 must be exact too)
        assert_eq!(row.figures.years[1], d("0.01"));
        assert_eq!(row.figures.period, d("100.01"));
    }
    assert_eq!(t.total.period, d("300.03"));
    assert!(t.rows.iter().all(|r| r.code != UNALLOCATED));
}

#[test]
fn one_third_of_a_cent_shows_as_rounded_per_objective() {
    let mut p = small_plan();
    let ns = non_staff(&p, "TRAVEL");
    let links = vec![equal(&p, 0), equal(&p, 1), equal(&p, 2)];
    add_output(&mut p, "A", links, vec![(ns, vec![Some("0.05"), None])]);
    let e = Engine::new(p).unwrap();
    let t = e.table(Dim::Objective).unwrap();
    // 0.05 / 3 = 0.01666.. -> 0.02 each; the total is the rounded total 0.05, not 0.06.
    assert!(t.rows.iter().all(|r| r.figures.years[0] == d("0.02")));
    assert_eq!(t.total.years[0], d("0.05"));
}

#[test]
fn explicit_percentages_and_x_marks_share_the_rest() {
    let mut p = small_plan();
    let ns = non_staff(&p, "CONTRACT");
    // 50 % to O1; O2 and O3 marked X share the other 50 % equally.
    let links = vec![percent(&p, 0, "50"), equal(&p, 1), equal(&p, 2)];
    add_output(
        &mut p,
        "A",
        links,
        vec![(ns, vec![Some("1000"), Some("1000")])],
    );
    let e = Engine::new(p).unwrap();
    let t = e.table(Dim::Objective).unwrap();
    let got: Vec<_> = t.rows.iter().map(|r| r.figures.years[0]).collect();
    assert_eq!(got, vec![d("500"), d("250"), d("250")]);
    assert_eq!(
        e.objective_shares(1).unwrap(),
        vec![d("50.0"), d("25.0"), d("25.0")]
    );
}

#[test]
fn cost_that_no_link_allocates_shows_as_unallocated() {
    let mut p = small_plan();
    let ns = non_staff(&p, "CONTRACT");
    add_output(&mut p, "A", vec![], vec![(ns, vec![Some("70"), None])]);
    let links = vec![percent(&p, 0, "60")];
    add_output(&mut p, "B", links, vec![(ns, vec![Some("100"), None])]);
    let e = Engine::new(p).unwrap();
    let t = e.table(Dim::Objective).unwrap();
    let un = t
        .rows
        .iter()
        .find(|r| r.code == UNALLOCATED)
        .expect("unallocated row");
    // 70 from A, and the 40 % of B its shares leave out
    assert_eq!(un.figures.years[0], d("110"));
    assert_eq!(t.total.years[0], d("170"));
}

#[test]
fn categories_units_biennia_and_period() {
    let mut p = Plan::blank("Four years", &["2026", "2027", "2028", "2029"]);
    let o = ObjectiveId(p.fresh_id());
    p.objectives.push(Objective {
        id: o,
        code: "O1".into(),
        title: "One".into(),
        description: String::new(),
        goal: None,
    });
    let u = UnitId(p.fresh_id());
    p.units.push(OrgUnit {
        id: u,
        code: "U".into(),
        name: "Unit".into(),
        parent: None,
        head_grade: None,
        posts_total: None,
        posts: vec![],
    });
    let travel = non_staff(&p, "TRAVEL");
    let docs = non_staff(&p, "DOCS");
    let links = vec![equal(&p, 0)];
    let id = add_output(
        &mut p,
        "A",
        links,
        vec![
            (travel, vec![Some("1"), Some("2"), Some("3"), Some("4")]),
            (docs, vec![Some("10"), None, Some("30"), None]),
        ],
    );
    p.outputs.iter_mut().find(|x| x.id == id).unwrap().unit = Some(u);
    let e = Engine::new(p).unwrap();
    let cat = e.table(Dim::Category).unwrap();
    let travel_row = cat.rows.iter().find(|r| r.code == "TRAVEL").unwrap();
    assert_eq!(travel_row.figures.biennia, vec![d("3"), d("7")]);
    assert_eq!(travel_row.figures.period, d("10"));
    let docs_row = cat.rows.iter().find(|r| r.code == "DOCS").unwrap();
    assert_eq!(docs_row.figures.period, d("40"));
    let units = e.table(Dim::Unit).unwrap();
    assert_eq!(
        units.rows[0].figures.years,
        vec![d("11"), d("2"), d("33"), d("4")]
    );
    assert_eq!(units.total.period, d("50"));
}

#[test]
fn escalation_fills_blank_years_from_the_last_known_cost() {
    let mut p = Plan::blank("Esc", &["2026", "2027", "2028"]);
    p.standard_costs.escalation_percent = Some(d("2.5"));
    let g = grade(&p, "G5");
    p.standard_costs
        .rows
        .iter_mut()
        .find(|r| r.grade == g)
        .unwrap()
        .costs = vec![Some(d("100000")), None, Some(d("110000"))];
    let e = Engine::new(p).unwrap();
    assert_eq!(e.standard_cost(g, 0), Some(d("100000")));
    assert_eq!(e.standard_cost(g, 1), Some(d("102500.00")));
    assert_eq!(e.standard_cost(g, 2), Some(d("110000")));
}

#[test]
fn income_net_and_ceilings() {
    let mut p = small_plan();
    let ns = non_staff(&p, "CONTRACT");
    let links = vec![equal(&p, 0)];
    add_output(
        &mut p,
        "A",
        links,
        vec![(ns, vec![Some("600"), Some("500")])],
    );
    let inc = IncomeId(p.fresh_id());
    p.income.push(IncomeLine {
        id: inc,
        name: "Contributions".into(),
        kind: IncomeKind::AssessedContributions,
        rate: Some(d("318")),
        values: vec![Some(d("2")), Some(d("1"))],
    });
    for (scope, amount) in [
        (CeilingScope::Year(0), "500"),
        (CeilingScope::Period, "1200"),
    ] {
        let id = CeilingId(p.fresh_id());
        p.ceilings.push(Ceiling {
            id,
            name: format!("{scope:?}"),
            scope,
            amount: d(amount),
        });
    }
    let e = Engine::new(p).unwrap();
    let (income, net) = e.income_and_net().unwrap();
    assert_eq!(income.years, vec![d("636"), d("318")]);
    assert_eq!(net.years, vec![d("36"), d("-182")]);
    let c = e.ceilings().unwrap();
    assert!(c[0].over);
    assert_eq!(c[0].variance, d("-100"));
    assert!(!c[1].over);
    assert_eq!(c[1].variance, d("100"));
}

#[test]
fn the_example_plan_rolls_up_to_consistent_totals() {
    let e = Engine::new(rollplan_core::example::example_plan()).unwrap();
    for dim in [Dim::Objective, Dim::Output, Dim::Unit, Dim::Category] {
        let t = e.table(dim).unwrap();
        // Every output is linked with X marks, so each dimension covers the whole total.
        let sum: rust_decimal::Decimal = t.rows.iter().map(|r| r.figures.period).sum();
        assert_eq!(sum, t.total.period, "{dim:?} rows add up to the total");
        assert!(
            t.total.period > d("100000000"),
            "the example plan has real figures"
        );
    }
}
