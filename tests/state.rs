//! The app's reducer, natively: what happens to typed text the plan cannot take.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use rollplan::core::grid::{CellKey, Col, Target};
use rollplan::ui::state::{Action, AppState};
use std::rc::Rc;
use yew::Reducible;

#[test]
fn a_value_the_plan_refuses_stays_typed_in_its_cell() {
    // P4 at 10^15 per post: 10^15 posts cost more than a decimal holds.
    let mut p = small_plan();
    let p4 = grade(&p, "P4");
    for row in p.standard_costs.rows.iter_mut().filter(|r| r.grade == p4) {
        row.costs = vec![Some(d("1000000000000000")), None];
    }
    let kind = posts(&p, "P4");
    let links = vec![equal(&p, 0)];
    add_output(&mut p, "1.1", links, vec![(kind, vec![Some("1"), None])]);
    let line = p.outputs[0].lines[0].id;
    let state = Rc::new(AppState::open(p.clone()));
    let key = CellKey {
        target: Target::Line(line),
        col: Col::Year(0),
    };
    let text = "1000000000000000".to_string();
    let next = state.reduce(Action::CommitCell {
        key,
        text: text.clone(),
    });
    assert_eq!(next.doc.borrow().plan(), &p, "the plan is unchanged");
    let draft = next.drafts.get(&key).expect("the typed text is kept");
    assert_eq!(draft.text, text);
    assert!(!draft.error.is_empty());
    assert!(next.message.is_some());
    // A value it can take replaces the draft.
    let fixed = next.reduce(Action::CommitCell {
        key,
        text: "2".into(),
    });
    assert!(fixed.drafts.get(&key).is_none());
    assert_eq!(
        fixed.doc.borrow().plan().outputs[0].lines[0].values[0],
        Some(d("2"))
    );
}
