#![cfg(not(target_arch = "wasm32"))]
//! Calculator input: `=` entries worked out exactly, kept beside their figure, refused with
//! a reason that stays in the cell.

mod common;
use common::*;
use proptest::prelude::*;
use rollplan_core::expr::evaluate;
use rollplan_core::io::json;
use rollplan_core::model::*;
use rollplan_core::sheet::{expression_at, type_into, CellKey, Col, Target};
use rollplan_core::Document;

#[test]
fn arithmetic_is_exact_in_decimal() {
    for (text, want) in [
        ("=12*4500", "54000"),
        ("= 420,000 + 35,000", "455000"),
        ("=(420000+35000)*1.5%", "6825"),
        ("=100/3*3", "100"),
        ("=1/8", "0.125"),
        ("=-(2+3)*4", "-20"),
        ("=2--3", "5"),
        ("=50%", "0.5"),
        ("=0.1+0.2", "0.3"),
        ("=1,234.5*2", "2469"),
        ("=221000*1.015*1.015", "227679.725"),
        ("=7\u{d7}3\u{f7}2", "10.5"),
    ] {
        assert_eq!(evaluate(text).unwrap(), d(want), "{text}");
    }
}

#[test]
fn what_cannot_be_worked_out_says_why_and_where() {
    let why = |t: &str| evaluate(t).unwrap_err().to_string();
    assert!(why("=1/0").contains("division by zero"), "{}", why("=1/0"));
    assert!(why("=(1+2").contains("never closed"));
    assert!(why("=1+2)").contains("closing bracket has no opening"));
    assert!(why("=2*").contains("missing at the end"));
    assert!(why("=A1*2").contains("\u{201c}A\u{201d} cannot be used"));
    assert!(why("=2,5*2").contains("not a number"), "{}", why("=2,5*2"));
    assert!(why("=").contains("type a calculation"));
    // A third is not a figure of six decimals: refused with the nearest figure to type.
    let third = why("=100/3");
    assert!(
        third.contains("about 33.33") && third.contains("=33.33"),
        "{third}"
    );
    assert!(why("=1000000000000*1000000").contains("larger than 10^15"));
    let huge = why("=999999999999999*999999999999999*999999999999999*999999999999999");
    assert!(huge.contains("too large"), "{huge}");
}

fn one_line_plan() -> (Plan, LineId) {
    let mut p = small_plan();
    let kind = non_staff(&p, "TRAVEL");
    let links = vec![equal(&p, 0)];
    let out = add_output(&mut p, "1.1", links, vec![(kind, vec![Some("1000"), None])]);
    let line = p.output(out).unwrap().lines[0].id;
    (p, line)
}

#[test]
fn a_typed_calculation_sets_the_figure_and_is_kept_to_edit_again() {
    let (p, line) = one_line_plan();
    let mut doc = Document::open(p).unwrap();
    let key = CellKey {
        target: Target::Line(line),
        col: Col::Year(1),
    };
    assert!(type_into(&mut doc, key, "=12*4500").unwrap());
    assert_eq!(doc.plan().outputs[0].lines[0].values[1], Some(d("54000")));
    assert_eq!(expression_at(&doc, key).as_deref(), Some("=12*4500"));
    // It travels in the file.
    let back = Document::open(json::load(&json::save(doc.plan())).unwrap()).unwrap();
    assert_eq!(expression_at(&back, key).as_deref(), Some("=12*4500"));
    // Typing a plain figure drops it; undo brings both back, as one step.
    type_into(&mut doc, key, "54000").unwrap();
    assert_eq!(expression_at(&doc, key), None);
    doc.undo().unwrap();
    assert_eq!(expression_at(&doc, key).as_deref(), Some("=12*4500"));
    // Anything else that sets the figure (here, an edit) leaves the text behind: no
    // longer shown, and not written to a file.
    doc.apply(rollplan_core::Edit::SetFigure {
        key: Key::Value { line, year: 1 },
        value: Some(d("1")),
    })
    .unwrap();
    assert_eq!(expression_at(&doc, key), None);
    let saved = json::load(&json::save(doc.plan())).unwrap();
    assert!(saved.expressions.is_empty(), "{:?}", saved.expressions);
}

#[test]
fn a_calculation_that_cannot_be_used_stays_in_the_cell_with_the_reason() {
    let (p, line) = one_line_plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let key = CellKey {
        target: Target::Line(line),
        col: Col::Year(0),
    };
    assert!(
        type_into(&mut doc, key, "=1000/0").unwrap(),
        "a step: the draft"
    );
    let draft = doc.drafts().get(&key).unwrap();
    assert!(draft.error.contains("division by zero"), "{}", draft.error);
    assert_eq!(draft.text, "=1000/0");
    assert_eq!(content(doc.plan()), p, "the figure is unchanged");
}

#[test]
fn a_calculation_in_a_scenario_is_that_scenarios() {
    let (p, line) = one_line_plan();
    let mut doc = Document::open(p).unwrap();
    let edit = rollplan_core::document::commands::create_scenario(doc.plan(), "Cut", None).unwrap();
    doc.apply_to_plan(edit).unwrap();
    let id = doc.plan().scenarios[0].id;
    doc.show(Some(id)).unwrap();
    let key = CellKey {
        target: Target::Line(line),
        col: Col::Year(0),
    };
    type_into(&mut doc, key, "=1000*90%").unwrap();
    assert_eq!(
        doc.view().plan().outputs[0].lines[0].values[0],
        Some(d("900"))
    );
    assert_eq!(
        doc.plan().outputs[0].lines[0].values[0],
        Some(d("1000")),
        "baseline kept"
    );
    assert_eq!(expression_at(&doc, key).as_deref(), Some("=1000*90%"));
    doc.show(None).unwrap();
    assert_eq!(
        expression_at(&doc, key),
        None,
        "the baseline's figure was typed plainly"
    );
}

proptest! {
    #[test]
    fn any_text_after_equals_is_worked_out_or_refused_never_a_panic(s in "=[0-9+*/%(). ,-]{0,40}") {
        if let Ok(v) = evaluate(&s) {
            // A result is always a figure Rollplan keeps.
            prop_assert!(v.normalize().scale() <= rollplan_core::limits::MAX_DECIMALS);
            prop_assert!(v.abs() <= rollplan_core::limits::max_amount());
        }
    }

    #[test]
    fn sums_and_products_of_figures_are_exact(a in -1_000_000i64..1_000_000, b in -1_000_000i64..1_000_000, c in 1i64..1000) {
        let (x, y) = (rust_decimal::Decimal::new(a, 2), rust_decimal::Decimal::new(b, 2));
        prop_assert_eq!(evaluate(&format!("={x}+{y}")).unwrap(), x + y);
        prop_assert_eq!(evaluate(&format!("=({x})*{c}")).unwrap(), x * rust_decimal::Decimal::from(c));
        prop_assert_eq!(evaluate(&format!("=({x})*{c}/{c}")).unwrap(), x);
    }
}
