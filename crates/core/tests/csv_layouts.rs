//! Rollplan's own CSV layouts: export, read back, every number preserved.

mod common;
use common::*;
use rollplan_core::calc::{Dim, Engine};
use rollplan_core::example::example_plan;
use rollplan_core::generate::{generate, Size};
use rollplan_core::io::plan_csv::{self, Layout};
use rollplan_core::io::table;
use rollplan_core::model::*;

fn round_trip(plan: Plan, layout: Layout) -> (Engine, Engine) {
    let original = Engine::new(plan).unwrap();
    let text = match layout {
        Layout::Long => plan_csv::export_long(&original),
        Layout::Wide => plan_csv::export_wide(&original),
    };
    let t = table::read(text.as_bytes(), None).unwrap();
    assert_eq!(plan_csv::detect(&t), Some(layout));
    let back = plan_csv::import(&t, "Back").unwrap_or_else(|e| panic!("{e}"));
    (original, Engine::new(back).unwrap())
}

/// The same resources: outputs, links by objective code, lines with every figure.
fn assert_same_resources(a: &Engine, b: &Engine) {
    let (pa, pb) = (a.plan(), b.plan());
    assert_eq!(pa.years, pb.years);
    assert_eq!(pa.outputs.len(), pb.outputs.len());
    for (oa, ob) in pa.outputs.iter().zip(&pb.outputs) {
        assert_eq!((&oa.code, &oa.title), (&ob.code, &ob.title));
        let links = |p: &Plan, o: &Output| -> Vec<(String, Share)> {
            o.links
                .iter()
                .map(|l| (p.objective(l.objective).unwrap().code.clone(), l.share))
                .collect()
        };
        assert_eq!(links(pa, oa), links(pb, ob), "links of {}", oa.code);
        assert_eq!(oa.lines.len(), ob.lines.len(), "lines of {}", oa.code);
        for (la, lb) in oa.lines.iter().zip(&ob.lines) {
            assert_eq!(la.values, lb.values, "{} {}", oa.code, la.description);
            assert_eq!(la.rate, lb.rate);
            assert_eq!(la.description, lb.description);
        }
    }
    for dim in [Dim::Objective, Dim::Output, Dim::Category] {
        let (ta, tb) = (a.table(dim).unwrap(), b.table(dim).unwrap());
        let figures = |t: &rollplan_core::calc::RollupTable| {
            t.rows
                .iter()
                .map(|r| (r.code.clone(), r.figures.clone()))
                .collect::<Vec<_>>()
        };
        if dim == Dim::Category {
            // Categories come back by code; compare the non-empty ones.
            let nonzero = |t: &rollplan_core::calc::RollupTable| {
                figures(t)
                    .into_iter()
                    .filter(|(_, f)| !f.period.is_zero())
                    .collect::<Vec<_>>()
            };
            assert_eq!(nonzero(&ta), nonzero(&tb));
        } else if dim == Dim::Output {
            assert_eq!(figures(&ta), figures(&tb));
        } else {
            // Objectives come back in order of first appearance; compare by code.
            let mut fa = figures(&ta);
            let mut fb = figures(&tb);
            fa.sort_by(|x, y| x.0.cmp(&y.0));
            fb.sort_by(|x, y| x.0.cmp(&y.0));
            assert_eq!(fa, fb);
        }
        assert_eq!(ta.total, tb.total, "{dim:?} total");
    }
}

#[test]
fn the_example_plan_round_trips_through_both_layouts() {
    for layout in [Layout::Long, Layout::Wide] {
        let (a, b) = round_trip(example_plan(), layout);
        assert_same_resources(&a, &b);
    }
}

#[test]
fn a_generated_plan_with_work_months_shares_and_rates_round_trips() {
    let mut plan = generate(
        Size {
            outputs: 60,
            objectives: 7,
            years: 5,
            lines: 6,
        },
        11,
    );
    // Rates on some lines, blanks in some cells, an output without lines.
    plan.outputs[0].lines[1].rate = Some(d("2500.5"));
    plan.outputs[1].lines[0].rate = Some(d("99000"));
    plan.outputs[2].lines[3].values[2] = None;
    plan.outputs[3].lines.clear();
    for layout in [Layout::Long, Layout::Wide] {
        let (a, b) = round_trip(plan.clone(), layout);
        assert_same_resources(&a, &b);
    }
}

#[test]
fn formula_text_is_neutralised_in_the_file_and_restored_on_import() {
    let mut plan = example_plan();
    plan.outputs[0].title = "=HYPERLINK(\"http://evil\",\"click\")".into();
    plan.outputs[0].lines[0].description = "+cmd|' /C calc'!A0".into();
    plan.outputs[1].lines[0].description = "-2 posts".into();
    let engine = Engine::new(plan).unwrap();
    let text = plan_csv::export_long(&engine);
    let t = table::read(text.as_bytes(), None).unwrap();
    for row in &t.rows {
        for cell in row {
            assert!(
                !matches!(cell.chars().next(), Some('=' | '+' | '@' | '\t' | '\r')),
                "unsafe cell {cell:?}"
            );
            if cell.starts_with('-') {
                assert!(
                    cell.parse::<rust_decimal::Decimal>().is_ok(),
                    "only numbers may start with -: {cell:?}"
                );
            }
        }
    }
    let back = plan_csv::import(&t, "Back").unwrap();
    assert_eq!(
        back.outputs[0].title,
        "=HYPERLINK(\"http://evil\",\"click\")"
    );
    assert_eq!(back.outputs[0].lines[0].description, "+cmd|' /C calc'!A0");
    assert_eq!(back.outputs[1].lines[0].description, "-2 posts");
}

#[test]
fn a_cost_edited_by_hand_into_inconsistency_is_refused_with_its_place() {
    let engine = Engine::new(example_plan()).unwrap();
    let text = plan_csv::export_wide(&engine);
    let mut t = table::read(text.as_bytes(), None).unwrap();
    let col = t.column("2013 cost").unwrap();
    t.rows[4][col] = "1.00".into();
    let e = plan_csv::import(&t, "x").unwrap_err().to_string();
    assert!(e.contains("row 6") && e.contains("2013 cost"), "{e}");
    // And a word where a number belongs.
    let mut t = table::read(text.as_bytes(), None).unwrap();
    let col = t.column("2014").unwrap();
    t.rows[2][col] = "three".into();
    let e = plan_csv::import(&t, "x").unwrap_err();
    assert_eq!(e.row, Some(4));
    assert_eq!(e.column.as_deref(), Some("2014"));
}

#[test]
fn the_rollups_csv_has_every_dimension_and_totals() {
    let engine = Engine::new(example_plan()).unwrap();
    let text = rollplan_core::io::csv::rollups_csv(&engine).unwrap();
    let t = table::read(text.as_bytes(), None).unwrap();
    assert_eq!(
        &t.header[..5],
        &["scenario", "dimension", "code", "title", "2012"]
    );
    assert_eq!(t.header.last().unwrap(), "period");
    let base: Vec<&Vec<String>> = t.rows.iter().filter(|r| r[0] == "Baseline").collect();
    let dims: std::collections::BTreeSet<&str> = base.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        dims,
        ["category", "income", "net", "objective", "total", "unit"]
            .into_iter()
            .collect()
    );
    let total = base.iter().find(|r| r[1] == "total").unwrap();
    assert_eq!(total.last().unwrap(), "345118243.65");
}

#[test]
fn year_labels_are_neutralised_in_the_wide_header_too() {
    let mut plan = example_plan();
    plan.years[0] = "=HYPERLINK(\"http://evil\",\"2012\")".into();
    let engine = Engine::new(plan).unwrap();
    let text = plan_csv::export_wide(&engine);
    let t = table::read(text.as_bytes(), None).unwrap();
    for cell in &t.header {
        assert!(
            !matches!(
                cell.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ),
            "unsafe header cell {cell:?}"
        );
    }
    // And read back, the label is what the user wrote.
    assert_eq!(plan_csv::detect(&t), Some(Layout::Wide));
    let back = plan_csv::import(&t, "Back").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.years[0], "=HYPERLINK(\"http://evil\",\"2012\")");
}
