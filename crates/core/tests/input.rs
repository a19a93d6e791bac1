//! The one input path: text typed into any field (a grid cell, a matrix share, a KPI
//! figure, a proposal's quantity or rate, a driver) becomes an edit, or stays in its field
//! as a draft with the reason; either way it is one step of the document's history, so
//! Undo takes back typed text exactly as it takes back a value.

mod common;

use common::*;
use rollplan_core::document::commands;
use rollplan_core::model::*;
use rollplan_core::sheet::{type_into, CellKey, Col, Grouping, ItemFigure, Range, Sheet, Target};
use rollplan_core::Document;
use std::collections::HashSet;

/// A plan with one output of two non-staff lines (2026: 100 and 200), a KPI and an
/// income line with a rate; and the keys of its two lines' first year.
fn plan() -> (Plan, CellKey, CellKey) {
    let mut p = small_plan();
    let kind = non_staff(&p, "TRAVEL");
    let links = vec![equal(&p, 0)];
    add_output(
        &mut p,
        "1.1",
        links,
        vec![
            (kind, vec![Some("100"), None]),
            (kind, vec![Some("200"), None]),
        ],
    );
    let id = KpiId(p.fresh_id());
    p.kpis.push(Kpi {
        id,
        owner: Owner::Objective(p.objectives[0].id),
        name: "Documents on time".into(),
        unit: "%".into(),
        direction: Direction::HigherIsBetter,
        baseline: None,
        targets: vec![None, None],
        actuals: vec![None, None],
    });
    let income = IncomeId(p.fresh_id());
    p.income.push(IncomeLine {
        id: income,
        name: "Assessed contributions".into(),
        kind: IncomeKind::AssessedContributions,
        rate: Some(d("318000")),
        values: vec![Some(d("10")), Some(d("10"))],
    });
    let at = |l: usize| CellKey {
        target: Target::Line(p.outputs[0].lines[l].id),
        col: Col::Year(0),
    };
    let (a, b) = (at(0), at(1));
    (p, a, b)
}

fn value(doc: &Document, line: usize) -> Option<rust_decimal::Decimal> {
    doc.plan().outputs[0].lines[line].values[0]
}

#[test]
fn undo_takes_back_bad_text_first_not_an_earlier_cell() {
    let (p, a, b) = plan();
    let mut doc = Document::open(p).unwrap();
    assert_eq!(type_into(&mut doc, a, "150"), Ok(true));
    // Text that is not a number: the plan keeps 200, the text stays with its reason.
    assert_eq!(type_into(&mut doc, b, "about 250"), Ok(true));
    assert_eq!(value(&doc, 1), Some(d("200")));
    let draft = doc.drafts().get(&b).expect("kept").clone();
    assert_eq!(draft.text, "about 250");
    assert!(draft.error.contains("not a number"), "{}", draft.error);

    // The first undo removes the typed text; cell A keeps its new value.
    assert!(doc.undo().unwrap());
    assert!(doc.drafts().is_empty());
    assert_eq!(value(&doc, 0), Some(d("150")));
    assert_eq!(value(&doc, 1), Some(d("200")));
    // The second undo reverts cell A.
    assert!(doc.undo().unwrap());
    assert_eq!(value(&doc, 0), Some(d("100")));
    // Redo brings both back, in order.
    assert!(doc.redo().unwrap());
    assert_eq!(value(&doc, 0), Some(d("150")));
    assert!(doc.drafts().is_empty());
    assert!(doc.redo().unwrap());
    assert_eq!(doc.drafts().get(&b), Some(&draft));
}

#[test]
fn a_valid_value_over_a_draft_is_one_step_that_undo_reverses_whole() {
    let (p, a, _) = plan();
    let mut doc = Document::open(p).unwrap();
    type_into(&mut doc, a, "12x").unwrap();
    assert!(doc.drafts().contains_key(&a));
    type_into(&mut doc, a, "12").unwrap();
    assert!(doc.drafts().is_empty());
    assert_eq!(value(&doc, 0), Some(d("12")));
    // One undo: the old value and the text that was there before.
    doc.undo().unwrap();
    assert_eq!(value(&doc, 0), Some(d("100")));
    assert_eq!(doc.drafts().get(&a).map(|d| d.text.as_str()), Some("12x"));
}

#[test]
fn typing_what_is_already_there_is_not_a_step() {
    let (p, a, _) = plan();
    let mut doc = Document::open(p).unwrap();
    assert_eq!(type_into(&mut doc, a, "100"), Ok(false));
    assert!(!doc.can_undo());
    type_into(&mut doc, a, "x").unwrap();
    let version = doc.drafts_version();
    // The same bad text again changes nothing.
    assert_eq!(type_into(&mut doc, a, "x"), Ok(false));
    assert_eq!(doc.drafts_version(), version);
}

#[test]
fn a_value_the_plan_refuses_once_applied_stays_typed_with_the_reason() {
    // P4 at 10^15 a post: 10^15 posts cost more than a decimal holds.
    let (mut p, _, _) = plan();
    let p4 = grade(&p, "P4");
    for row in p.standard_costs.rows.iter_mut().filter(|r| r.grade == p4) {
        row.costs = vec![Some(d("1000000000000000")), None];
    }
    let kind = posts(&p, "P4");
    let links = vec![equal(&p, 0)];
    add_output(&mut p, "1.2", links, vec![(kind, vec![Some("1"), None])]);
    let a = CellKey {
        target: Target::Line(p.outputs[1].lines[0].id),
        col: Col::Year(0),
    };
    let mut doc = Document::open(p.clone()).unwrap();
    let refused = type_into(&mut doc, a, "1000000000000000").unwrap_err();
    assert!(refused.contains("too large"), "{refused}");
    assert_eq!(doc.plan(), &p, "the plan is unchanged");
    let kept = doc.drafts().get(&a).expect("kept");
    assert_eq!(
        (kept.text.as_str(), kept.error.as_str()),
        ("1000000000000000", refused.as_str())
    );
    doc.undo().unwrap();
    assert!(doc.drafts().is_empty());
}

#[test]
fn kpi_figures_go_through_the_same_path() {
    let (p, _, _) = plan();
    let kpi = p.kpis[0].id;
    let mut doc = Document::open(p).unwrap();
    let target = CellKey {
        target: Target::KpiTarget(kpi),
        col: Col::Year(1),
    };
    type_into(&mut doc, target, "90").unwrap();
    assert_eq!(doc.plan().kpis[0].targets, vec![None, Some(d("90"))]);
    // Text is kept in the box, not refused and lost.
    let actual = CellKey {
        target: Target::KpiActual(kpi),
        col: Col::Year(1),
    };
    type_into(&mut doc, actual, "about 90").unwrap();
    assert_eq!(doc.plan().kpis[0].actuals, vec![None, None]);
    assert!(doc.drafts().contains_key(&actual));
    // A baseline value takes the year before the plan.
    type_into(&mut doc, CellKey::of(Target::KpiBaseline(kpi)), "85").unwrap();
    let b = doc.plan().kpis[0].baseline.clone().expect("baseline");
    assert_eq!((b.year.as_str(), b.value), ("2025", d("85")));
    // Undo, newest first: the baseline, the draft, the target.
    doc.undo().unwrap();
    assert!(doc.plan().kpis[0].baseline.is_none());
    assert!(doc.drafts().contains_key(&actual));
    doc.undo().unwrap();
    assert!(doc.drafts().is_empty());
    doc.undo().unwrap();
    assert_eq!(doc.plan().kpis[0].targets, vec![None, None]);
}

#[test]
fn matrix_shares_go_through_the_same_path() {
    let (p, _, _) = plan();
    let (out, o2) = (p.outputs[0].id, p.objectives[1].id);
    let mut doc = Document::open(p).unwrap();
    let key = CellKey::of(Target::Link(out, o2));
    type_into(&mut doc, key, "lots").unwrap();
    assert!(doc.drafts().contains_key(&key));
    assert_eq!(doc.plan().outputs[0].links.len(), 1);
    type_into(&mut doc, key, "X").unwrap();
    assert!(doc.drafts().is_empty());
    assert_eq!(doc.plan().outputs[0].links.len(), 2);
    // Blank unlinks.
    type_into(&mut doc, key, "").unwrap();
    assert_eq!(doc.plan().outputs[0].links.len(), 1);
}

#[test]
fn proposal_quantities_and_rates_go_through_the_same_path() {
    let (p, _, _) = plan();
    let mut doc = Document::open(p).unwrap();
    doc.apply(commands::create_proposal(doc.plan(), "Forum"))
        .unwrap();
    let mut prop = doc.plan().proposals[0].clone();
    let owner = Owner::Objective(doc.plan().objectives[0].id);
    prop.add_item(doc.plan(), TemplateKind::Meeting, owner);
    doc.apply(rollplan_core::Edit::SetProposal(Box::new(prop.clone())))
        .unwrap();
    let item = prop.items[0].id;
    let days = CellKey::of(Target::ProposalItem(prop.id, item, ItemFigure::Days));
    type_into(&mut doc, days, "-2").unwrap();
    assert_eq!(
        doc.drafts().get(&days).map(|d| d.error.as_str()),
        Some("enter zero or more")
    );
    type_into(&mut doc, days, "4").unwrap();
    let Template::Meeting { days: n, .. } = doc.plan().proposals[0].items[0].template else {
        panic!("a meeting");
    };
    assert_eq!(n, d("4"));
    // A figure the item's template does not have is refused, not guessed.
    let pages = CellKey::of(Target::ProposalItem(prop.id, item, ItemFigure::Pages));
    type_into(&mut doc, pages, "10").unwrap();
    assert!(doc.drafts().contains_key(&pages));
    // A rate typed is no longer the illustrative default.
    let rate = CellKey::of(Target::ProposalRate(prop.id, RateKind::Page));
    type_into(&mut doc, rate, "500").unwrap();
    let r = doc.plan().proposals[0].rates.page;
    assert_eq!((r.amount, r.illustrative), (d("500"), false));
}

#[test]
fn drivers_name_their_scenario_whatever_is_shown() {
    let (p, _, _) = plan();
    let income = p.income[0].id;
    let mut doc = Document::open(p).unwrap();
    doc.apply(commands::create_scenario(doc.plan(), "High", None).unwrap())
        .unwrap();
    let id = doc.plan().scenarios[0].id;
    doc.show(Some(id)).unwrap();
    // The baseline's driver, typed while the scenario is shown, changes the baseline.
    type_into(
        &mut doc,
        CellKey::of(Target::Driver(None, income)),
        "320000",
    )
    .unwrap();
    assert_eq!(doc.plan().income[0].rate, Some(d("320000")));
    assert!(doc.plan().scenarios[0].changes.is_empty());
    // The scenario's own driver is its override; blank follows the baseline again.
    let own = CellKey::of(Target::Driver(Some(id), income));
    type_into(&mut doc, own, "329000").unwrap();
    let key = Key::IncomeRate { income };
    assert_eq!(doc.plan().scenarios[0].get(key), Some(Some(d("329000"))));
    assert_eq!(doc.view().plan().income[0].rate, Some(d("329000")));
    type_into(&mut doc, own, "").unwrap();
    assert_eq!(doc.plan().scenarios[0].get(key), None);
    assert_eq!(doc.view().plan().income[0].rate, Some(d("320000")));
}

#[test]
fn a_paste_is_one_step_with_its_drafts() {
    let (p, a, b) = plan();
    let mut doc = Document::open(p).unwrap();
    let sheet = Sheet::resources(doc.plan(), Grouping::Objective, &HashSet::new());
    let row = |key: CellKey| {
        let Target::Line(line) = key.target else {
            unreachable!()
        };
        sheet
            .row_of(doc.plan(), Target::Line(line))
            .expect("the line's row")
    };
    let col = sheet
        .cols
        .iter()
        .position(|c| *c == Col::Year(0))
        .expect("the first year's column");
    let at = Range::at(row(a), col);
    let block = vec![vec!["7".to_string()], vec!["seven".to_string()]];
    let change = sheet.paste(doc.plan(), &at, &block);
    assert!(doc.change(change.change()).unwrap());
    assert_eq!(value(&doc, 0), Some(d("7")));
    assert!(doc.drafts().contains_key(&b));
    // One undo takes back the value and the draft together.
    doc.undo().unwrap();
    assert_eq!(value(&doc, 0), Some(d("100")));
    assert!(doc.drafts().is_empty());
}
