//! The financial implications of a proposal: statements checked against figures worked out
//! by hand, the proposal applied to the plan as a scenario, CSV and JSON output.

mod common;
use common::*;
use rollplan_core::calc::{Dim, Engine};
use rollplan_core::document::commands;
use rollplan_core::io::{csv as csv_io, json, table};
use rollplan_core::model::proposal::to_scenario;
use rollplan_core::model::*;
use rollplan_core::model::{Proposal, RateKind, Template, TemplateKind};
use rollplan_core::reports::{compare, statement};
use rollplan_core::{Document, Edit};
use rust_decimal::Decimal;

/// Objectives O1..O3 (P4 costs 100,000 in 2026 and 103,000 in 2027); output A serves O1,
/// output B serves O2 and O3 equally.
fn plan() -> Plan {
    let mut p = small_plan();
    let travel = non_staff(&p, "TRAVEL");
    let l = vec![equal(&p, 0)];
    add_output(&mut p, "A", l, vec![(travel, vec![Some("600"), None])]);
    let l = vec![equal(&p, 1), equal(&p, 2)];
    add_output(&mut p, "B", l, vec![]);
    p
}

fn item(
    prop: &mut Proposal,
    p: &Plan,
    kind: TemplateKind,
    owner: Owner,
    template: Template,
    years: [bool; 2],
    description: &str,
) {
    prop.add_item(p, kind, owner);
    let it = prop.items.last_mut().unwrap();
    it.template = template;
    it.years = years.to_vec();
    it.description = description.into();
}

/// The proposal worked out by hand in the comments of the test below.
fn forum(p: &Plan) -> Proposal {
    let mut prop = Proposal::new(ProposalId(p.next_id), "Regional forum");
    let (o1, o2, o3) = (p.objectives[0].id, p.objectives[1].id, p.objectives[2].id);
    let (a, b) = (p.outputs[0].id, p.outputs[1].id);
    item(
        &mut prop,
        p,
        TemplateKind::Meeting,
        Owner::Objective(o1),
        Template::Meeting {
            days: d("3"),
            languages: d("6"),
            interpreters: d("3"),
        },
        [true, false],
        "Forum sessions",
    );
    item(
        &mut prop,
        p,
        TemplateKind::Documents,
        Owner::Output(b),
        Template::Documents {
            pages: d("200"),
            languages: d("6"),
        },
        [true, true],
        "=Report",
    );
    item(
        &mut prop,
        p,
        TemplateKind::Posts,
        Owner::Objective(o2),
        Template::Posts {
            grade: grade(p, "P4"),
            months: d("6"),
        },
        [true, true],
        "Coordinator",
    );
    item(
        &mut prop,
        p,
        TemplateKind::Travel,
        Owner::Output(a),
        Template::Travel { trips: d("10") },
        [false, true],
        "Fellowships",
    );
    item(
        &mut prop,
        p,
        TemplateKind::Other,
        Owner::Objective(o3),
        Template::Other {
            category: category(p, "MISC"),
            amount: d("1234.50"),
        },
        [false, true],
        "Venue",
    );
    prop.rates.set(RateKind::Trip, d("3500"));
    prop
}

fn years(v: &[&str]) -> Vec<Decimal> {
    v.iter().map(|s| d(s)).collect()
}

#[test]
fn the_statement_matches_figures_worked_out_by_hand() {
    let p = plan();
    let engine = Engine::new(p.clone()).unwrap();
    let st = statement::statement(&engine, &forum(&p)).unwrap();
    // Items, per year:
    //   meeting   3 days x 6 languages x 3 interpreters x 1,000      = 54,000 (2026)
    //   documents 200 pages x 6 languages x 450                      = 540,000 (both years)
    //   posts     6 months of P4: 6/12 x 100,000 = 50,000; 6/12 x 103,000 = 51,500
    //   travel    10 trips x 3,500 (rate edited)                     = 35,000 (2027)
    //   other     1,234.50 (2027)
    let got: Vec<Vec<Decimal>> = st.items.iter().map(|i| i.years.clone()).collect();
    assert_eq!(
        got,
        vec![
            years(&["54000", "0"]),
            years(&["540000", "540000"]),
            years(&["50000", "51500"]),
            years(&["0", "35000"]),
            years(&["0", "1234.50"]),
        ]
    );
    assert_eq!(st.items[1].total, d("1080000"));
    assert_eq!(
        st.items[0].formula,
        "3 days a year \u{d7} 6 languages \u{d7} 3 interpreters per booth \u{d7} CHF 1,000 per interpreter-day"
    );
    assert_eq!(
        st.items[3].formula,
        "10 trips a year \u{d7} CHF 3,500 per trip"
    );
    // Per ticked year, and said so: 6 work-months in 2026 and again in 2027.
    assert_eq!(
        st.items[2].formula,
        "6 work-months a year of P4 \u{d7} P4 standard cost / 12 (2026 100,000; 2027 103,000)"
    );
    assert!(st.items[1]
        .formula
        .starts_with("200 pages a year \u{d7} 6 target languages"));
    assert_eq!(
        st.items[1].category,
        "Documentation (translation, text processing, reprography)"
    );
    assert_eq!(st.items[0].category, "Other staff costs");
    // Totals: 2026 54,000 + 540,000 + 50,000 = 644,000;
    //         2027 540,000 + 51,500 + 35,000 + 1,234.50 = 627,734.50.
    assert_eq!(st.total.years, years(&["644000", "627734.50"]));
    assert_eq!(st.total.total, d("1271734.50"));
    // By objective: the documents for output B split equally between O2 and O3.
    let by: Vec<(String, Vec<Decimal>, Decimal)> = st
        .by_objective
        .iter()
        .map(|r| (r.code.clone(), r.years.clone(), r.total))
        .collect();
    assert_eq!(
        by,
        vec![
            ("O1".into(), years(&["54000", "35000"]), d("89000")),
            ("O2".into(), years(&["320000", "321500"]), d("641500")),
            ("O3".into(), years(&["270000", "271234.50"]), d("541234.50")),
        ]
    );
    let cats: Vec<(String, Decimal)> = st
        .by_category
        .iter()
        .map(|r| (r.code.clone(), r.total))
        .collect();
    assert_eq!(
        cats,
        vec![
            ("STAFF".into(), d("101500")),
            ("OSTAFF".into(), d("54000")),
            ("TRAVEL".into(), d("35000")),
            ("MISC".into(), d("1234.50")),
            ("DOCS".into(), d("1080000")),
        ]
    );
    // The interpreter-day and page rates are still the illustrative defaults.
    assert!(st.illustrative);
    assert!(st.problems.is_empty(), "{:?}", st.problems);
}

#[test]
fn applied_to_the_plan_the_proposal_adds_exactly_its_statement() {
    let p = plan();
    let prop = forum(&p);
    let mut doc = Document::open(p.clone()).unwrap();
    doc.apply(Edit::InsertProposal {
        index: 0,
        proposal: Box::new(prop.clone()),
    })
    .unwrap();
    let st = statement::statement(doc.engine(), &prop).unwrap();
    let s = to_scenario(doc.plan(), &prop).unwrap();
    assert_eq!(s.name, "Proposal: Regional forum");
    doc.apply(Edit::InsertScenario {
        index: 0,
        scenario: Box::new(s),
    })
    .unwrap();
    let id = doc.plan().scenarios[0].id;
    let c = compare::compare(doc.engine(), Dim::Objective, &[id]).unwrap();
    let total = c.blocks.iter().find(|b| b.code == "TOTAL").unwrap();
    let diff: Vec<Decimal> = (0..2)
        .map(|y| total.figures[1][y] - total.figures[0][y])
        .collect();
    assert_eq!(diff, st.total.years);
    for row in &st.by_objective {
        let b = c.blocks.iter().find(|b| b.code == row.code).unwrap();
        assert_eq!(
            b.figures[1][0] - b.figures[0][0],
            row.years[0],
            "{}",
            row.code
        );
    }
    // The baseline is untouched; the scenario shows the added rows, which can be edited.
    assert_eq!(doc.plan().outputs.len(), 2);
    doc.show(Some(id)).unwrap();
    assert_eq!(doc.view().plan().outputs.len(), 5);
    assert!(rollplan_core::reports::validate::shape_errors(doc.plan()).is_empty());
    // A standard cost changed later re-prices the posts in the scenario.
    doc.show(None).unwrap();
    doc.apply(Edit::SetFigure {
        key: Key::StandardCost {
            grade: grade(&p, "P4"),
            year: 0,
        },
        value: Some(d("120000")),
    })
    .unwrap();
    let c = compare::compare(doc.engine(), Dim::Objective, &[id]).unwrap();
    let total = c.blocks.iter().find(|b| b.code == "TOTAL").unwrap();
    assert_eq!(total.figures[1][0] - total.figures[0][0], d("654000"));
}

#[test]
fn missing_standard_costs_and_yearless_items_are_reported() {
    let p = plan();
    let mut prop = Proposal::new(ProposalId(p.next_id), "Gaps");
    item(
        &mut prop,
        &p,
        TemplateKind::Posts,
        Owner::Objective(p.objectives[0].id),
        Template::Posts {
            grade: grade(&p, "P3"),
            months: d("12"),
        },
        [true, false],
        "Analyst",
    );
    item(
        &mut prop,
        &p,
        TemplateKind::Travel,
        Owner::Objective(p.objectives[0].id),
        Template::Travel { trips: d("1") },
        [false, false],
        "Mission",
    );
    let st = statement::statement(&Engine::new(p).unwrap(), &prop).unwrap();
    assert_eq!(
        st.problems,
        vec![
            "Item 1: P3 has no standard cost in 2026; enter it under Standard costs.",
            "Item 2 falls in no year; tick a year."
        ]
    );
}

#[test]
fn the_statement_exports_as_spreadsheet_safe_csv_and_as_json() {
    let p = plan();
    let st = statement::statement(&Engine::new(p.clone()).unwrap(), &forum(&p)).unwrap();
    let text = csv_io::statement_csv(&st);
    let t = table::read(text.as_bytes(), None).unwrap();
    assert_eq!(
        t.header,
        [
            "section",
            "ref",
            "description",
            "assigned_to",
            "category",
            "formula",
            "2026",
            "2027",
            "total"
        ]
    );
    // The description "=Report" would be a formula in Excel: neutralised.
    assert_eq!(t.rows[1][2], "'=Report");
    assert_eq!(t.rows[1][3], "B Output B");
    assert_eq!(&t.rows[1][6..], ["540000.00", "540000.00", "1080000.00"]);
    let total = t.rows.iter().find(|r| r[0] == "total").unwrap();
    assert_eq!(total[8], "1271734.50");
    let v: serde_json::Value = serde_json::from_str(&json::statement_json(&st)).unwrap();
    assert_eq!(v["format"], "rollplan-statement");
    assert_eq!(v["statement"]["total"]["total"], "1271734.50");
    assert_eq!(v["statement"]["items"][0]["template"], "meeting");
}

#[test]
fn proposals_are_saved_in_the_plan_file() {
    let p = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    doc.apply(commands::create_proposal(doc.plan(), "Draft"))
        .unwrap();
    let mut prop = doc.plan().proposals[0].clone();
    prop.add_item(
        doc.plan(),
        TemplateKind::Meeting,
        Owner::Objective(p.objectives[0].id),
    );
    doc.apply(Edit::SetProposal(Box::new(prop))).unwrap();
    let back = json::load(&json::save(doc.plan())).unwrap();
    assert_eq!(&back, doc.plan());
    assert_eq!(back.proposals[0].items.len(), 1);
    assert!(back.proposals[0].rates.interpreter_day.illustrative);
    doc.undo().unwrap();
    assert!(doc.plan().proposals[0].items.is_empty());
}

#[test]
fn a_meeting_too_large_to_cost_is_an_error_in_its_view_never_a_panic() {
    // Each figure is within the limits (10^15), but their product is past exact range:
    // this used to abort the app in the Proposal costing view.
    let p = plan();
    let mut prop = forum(&p);
    prop.items[0].template = Template::Meeting {
        days: d("1000000000000000"),
        languages: d("1000000000000000"),
        interpreters: d("3"),
    };
    let mut doc = Document::open(p).unwrap();
    doc.apply(Edit::InsertProposal {
        index: 0,
        proposal: Box::new(prop.clone()),
    })
    .unwrap();
    let e = statement::statement(doc.engine(), &prop).unwrap_err();
    assert!(e.to_string().contains("too large"), "{e}");
    assert!(to_scenario(doc.plan(), &prop).is_err());
    // The plan holding it saves and reopens: the proposal view reports, the plan is intact.
    let again = json::load(&json::save(doc.plan())).unwrap();
    assert_eq!(&again, doc.plan());
}

#[test]
fn the_example_opens_on_an_illustrative_proposal_costed_by_hand() {
    let p = rollplan_core::example::example_plan();
    assert_eq!(p.proposals.len(), 1);
    let prop = &p.proposals[0];
    assert!(prop.title.contains("(illustrative)"), "{}", prop.title);
    let engine = Engine::new(p.clone()).unwrap();
    let st = statement::statement(&engine, prop).unwrap();
    // Per ticked year (2014, 2015):
    //   meeting   6 days x 6 languages x 3 interpreters x 1,000 = 108,000 both years
    //   documents 120 pages x 5 target languages x 450          = 270,000 both years
    //   posts     6/12 of P3: 186,000 escalated 1.5% a year to 191,621.85 (2014) and
    //             194,496.18 (2015), halves 95,810.925 (to the cent, half away from
    //             zero: 95,810.93) and 97,248.09
    //   travel    8 trips x 4,000 = 32,000 (2014 only)
    let got: Vec<Vec<Decimal>> = st.items.iter().map(|i| i.years.clone()).collect();
    assert_eq!(
        got,
        vec![
            years(&["0", "0", "108000", "108000"]),
            years(&["0", "0", "270000", "270000"]),
            years(&["0", "0", "95810.93", "97248.09"]),
            years(&["0", "0", "32000", "0"]),
        ]
    );
    // 2 x 108,000 + 2 x 270,000 + 95,810.93 + 97,248.09 + 32,000
    assert_eq!(st.total.total, d("981059.02"));
    assert!(st.illustrative, "its rates are the illustrative defaults");
    assert!(st.problems.is_empty(), "{:?}", st.problems);
}
