#![cfg(not(target_arch = "wasm32"))]
//! Edits: applied through one function, incremental, undoable, and refused cleanly.

mod common;
use common::*;
use proptest::prelude::*;
use rollplan_core::calc::{build_index, compute_rollups, Dim, Engine};
use rollplan_core::generate::{generate, Size};
use rollplan_core::model::*;
use rollplan_core::{Document, Edit, EditError};
use rust_decimal::Decimal;

fn full(e: &Engine) -> rollplan_core::calc::Rollups {
    let ix = build_index(e.plan()).unwrap();
    compute_rollups(e.plan(), &ix).unwrap()
}

fn first_line(e: &Engine) -> LineId {
    e.plan().outputs[0].lines[0].id
}

#[test]
fn a_cell_edit_updates_every_rollup_and_undo_restores_them() {
    let mut doc = Document::open(rollplan_core::example::example_plan()).unwrap();
    let before = doc.engine().table(Dim::Objective).unwrap();
    let line = doc.plan().outputs[2].lines[0].id; // output 2.2, a P4 staff line
    doc.apply(Edit::SetFigure {
        key: Key::Value { line, year: 1 },
        value: Some(d("5")),
    })
    .unwrap();
    let after = doc.engine().table(Dim::Objective).unwrap();
    assert_ne!(before, after);
    // Objective 2 changed by (5 - 2) posts x the escalated P4 cost 2013 (221,000 x 1.015).
    let delta = after.rows[1].figures.years[1] - before.rows[1].figures.years[1];
    assert_eq!(delta, d("3") * d("224315.00"));
    assert_eq!(doc.engine().rollups(), &full(doc.engine()));
    assert!(doc.undo().unwrap());
    assert_eq!(doc.engine().table(Dim::Objective).unwrap(), before);
    assert!(doc.redo().unwrap());
    assert_eq!(doc.engine().table(Dim::Objective).unwrap(), after);
}

#[test]
fn refused_edits_leave_the_plan_untouched() {
    let mut doc = Document::open(rollplan_core::example::example_plan()).unwrap();
    let plan = doc.plan().clone();
    let line = first_line(doc.engine());
    let cases = [
        (
            Edit::SetFigure {
                key: Key::Value { line, year: 9 },
                value: Some(d("1")),
            },
            "year",
        ),
        (
            Edit::SetFigure {
                key: Key::Value {
                    line: LineId(999_999),
                    year: 0,
                },
                value: None,
            },
            "no resource line",
        ),
        (
            Edit::SetFigure {
                key: Key::Value { line, year: 0 },
                value: Some(d("1e16")),
            },
            "larger than",
        ),
        (
            Edit::MoveOutput {
                output: plan.outputs[0].id,
                to: 500,
            },
            "outside",
        ),
    ];
    for (edit, words) in cases {
        let err = doc.apply(edit).unwrap_err();
        assert!(err.to_string().contains(words), "{err}");
        assert_eq!(doc.plan(), &plan);
        assert!(!doc.can_undo());
    }
    // A batch with a bad edit at the end rolls back the good ones before it.
    let batch = Edit::Batch(vec![
        Edit::SetFigure {
            key: Key::Value { line, year: 0 },
            value: Some(d("7")),
        },
        Edit::SetFigure {
            key: Key::Value { line, year: 0 },
            value: Some(d("1e20")),
        },
    ]);
    assert!(matches!(doc.apply(batch), Err(EditError::TooLarge { .. })));
    assert_eq!(doc.plan(), &plan);
    assert_eq!(doc.engine().rollups(), &full(doc.engine()));
}

#[test]
fn a_batch_is_one_undo_step() {
    let mut doc = Document::open(rollplan_core::example::example_plan()).unwrap();
    let plan = doc.plan().clone();
    let lines: Vec<LineId> = doc.plan().outputs[0].lines.iter().map(|l| l.id).collect();
    let batch = Edit::Batch(
        lines
            .iter()
            .map(|&line| Edit::SetFigure {
                key: Key::Value { line, year: 0 },
                value: Some(d("1")),
            })
            .collect(),
    );
    doc.apply(batch).unwrap();
    assert!(doc.plan().outputs[0]
        .lines
        .iter()
        .all(|l| l.values[0] == Some(d("1"))));
    doc.undo().unwrap();
    assert_eq!(content(doc.plan()), plan);
    assert!(!doc.can_undo());
    // Both the batch and its undo are in the history, one record each.
    let h = &doc.plan().history;
    assert_eq!(h.records.len(), 2);
    let changed = plan.outputs[0]
        .lines
        .iter()
        .filter(|l| l.values[0] != Some(d("1")))
        .count();
    assert_eq!(
        h.records[0].figures.len(),
        changed,
        "only figures that changed"
    );
    assert_eq!(h.records[1].origin, Origin::Undo);
    assert!(h.records[1]
        .figures
        .iter()
        .all(|f| f.old == Some(d("1")) && f.new != Some(d("1"))));
}

#[test]
fn removing_an_objective_and_undoing_brings_back_links_results_and_kpis() {
    let mut doc = Document::open(rollplan_core::example::example_plan()).unwrap();
    let plan = doc.plan().clone();
    let o2 = plan.objectives[1].id;
    doc.apply(Edit::RemoveObjective { objective: o2 }).unwrap();
    assert_eq!(doc.plan().objectives.len(), 5);
    assert!(doc
        .plan()
        .kpis
        .iter()
        .all(|k| k.owner != Owner::Objective(o2)));
    // Its outputs now belong to no objective: their cost shows as unallocated.
    let t = doc.engine().table(Dim::Objective).unwrap();
    assert_eq!(
        t.rows.last().unwrap().code,
        rollplan_core::calc::UNALLOCATED
    );
    doc.undo().unwrap();
    assert_eq!(content(doc.plan()), plan);
    let h = &doc.plan().history;
    assert_eq!(
        h.records[0].what,
        format!("Objective {} deleted", plan.objectives[1].code)
    );
    assert_eq!(h.records[1].origin, Origin::Undo);
}

#[test]
fn standard_cost_and_escalation_edits_restate_staff_lines() {
    let mut doc = Document::open(rollplan_core::example::example_plan()).unwrap();
    let p4 = grade(doc.plan(), "P4");
    let before = doc.engine().table(Dim::Category).unwrap().total.period;
    doc.apply(Edit::SetFigure {
        key: Key::StandardCost { grade: p4, year: 0 },
        value: Some(d("231000")),
    })
    .unwrap();
    assert_eq!(doc.engine().rollups(), &full(doc.engine()));
    doc.apply(Edit::SetFigure {
        key: Key::Escalation,
        value: Some(d("3")),
    })
    .unwrap();
    assert_eq!(doc.engine().rollups(), &full(doc.engine()));
    assert!(doc.engine().table(Dim::Category).unwrap().total.period > before);
    doc.undo().unwrap();
    doc.undo().unwrap();
    assert_eq!(
        doc.engine().table(Dim::Category).unwrap().total.period,
        before
    );
}

#[test]
fn a_new_line_gets_one_value_per_plan_year() {
    let mut doc = Document::open(small_plan()).unwrap();
    let mut p = doc.plan().clone();
    let links = vec![equal(&p, 0)];
    add_output(&mut p, "A", links, vec![]);
    let mut doc2 = Document::open(p).unwrap();
    let out = doc2.plan().outputs[0].id;
    let id = LineId(doc2.plan().next_id);
    let kind = non_staff(doc2.plan(), "TRAVEL");
    doc2.apply(Edit::InsertLine {
        output: out,
        index: 0,
        line: Line {
            id,
            description: "Trips".into(),
            kind,
            rate: Some(d("2500")),
            values: vec![Some(d("4"))],
        },
    })
    .unwrap();
    assert_eq!(doc2.plan().outputs[0].lines[0].values.len(), 2);
    assert_eq!(
        doc2.engine().table(Dim::Objective).unwrap().rows[0]
            .figures
            .years[0],
        d("10000")
    );
    // Ids are never handed out twice.
    assert!(doc2.plan().next_id > id.0);
    let _ = &mut doc;
}

// ---- property test: random edit sequences ----

#[derive(Clone, Debug)]
enum Op {
    Value {
        out: usize,
        line: usize,
        year: usize,
        cents: Option<i64>,
    },
    Rate {
        out: usize,
        line: usize,
        cents: Option<i64>,
    },
    Std {
        grade: usize,
        year: usize,
        cents: Option<i64>,
    },
    Escalation(Option<i64>),
    Link {
        out: usize,
        obj: usize,
        share: Option<Option<u8>>,
    },
    Unit {
        out: usize,
        unit: Option<usize>,
    },
    RemoveLine {
        out: usize,
        line: usize,
    },
    /// A copy of a line (a new id, its figures) added to an output at a position.
    AddLine {
        out: usize,
        from: usize,
        at: usize,
    },
    MoveLine {
        out: usize,
        line: usize,
        to: usize,
    },
    RemoveOutput {
        out: usize,
    },
    RemoveObjective {
        obj: usize,
    },
    MoveOutput {
        out: usize,
        to: usize,
    },
    /// A figure at six decimals: an amount whose mantissa may pass 64 bits (up to 2e13,
    /// below the limit of 1e15), whose line is then priced from decimals; any other figure
    /// under a million, which gives its line the scale of six decimals.
    Exotic {
        out: usize,
        line: usize,
        year: usize,
        /// 0: a figure, 1: the line's rate, 2: a standard cost.
        what: u8,
        m: i128,
    },
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    let amount = prop::option::of(-50_000_000i64..500_000_000);
    prop_oneof![
        6 => (0..50usize, 0..6usize, 0..4usize, amount.clone()).prop_map(|(out, line, year, cents)| Op::Value { out, line, year, cents }),
        1 => (0..50usize, 0..6usize, prop::option::of(1i64..1_000_000)).prop_map(|(out, line, cents)| Op::Rate { out, line, cents }),
        1 => (0..14usize, 0..4usize, prop::option::of(5_000_000i64..40_000_000)).prop_map(|(grade, year, cents)| Op::Std { grade, year, cents }),
        1 => prop::option::of(0i64..500).prop_map(Op::Escalation),
        3 => (0..50usize, 0..5usize, prop::option::of(prop::option::of(1u8..100))).prop_map(|(out, obj, share)| Op::Link { out, obj, share }),
        1 => (0..50usize, prop::option::of(0..3usize)).prop_map(|(out, unit)| Op::Unit { out, unit }),
        1 => (0..50usize, 0..6usize).prop_map(|(out, line)| Op::RemoveLine { out, line }),
        1 => (0..50usize, 0..6usize, 0..7usize).prop_map(|(out, from, at)| Op::AddLine { out, from, at }),
        1 => (0..50usize, 0..6usize, 0..6usize).prop_map(|(out, line, to)| Op::MoveLine { out, line, to }),
        1 => (0..50usize).prop_map(|out| Op::RemoveOutput { out }),
        1 => (0..5usize).prop_map(|obj| Op::RemoveObjective { obj }),
        1 => (0..50usize, 0..50usize).prop_map(|(out, to)| Op::MoveOutput { out, to }),
        1 => (0..50usize, 0..6usize, 0..4usize, 0..3u8, -2 * 10i128.pow(19)..2 * 10i128.pow(19))
            .prop_map(|(out, line, year, what, m)| Op::Exotic { out, line, year, what, m }),
        2 => Just(Op::Undo),
    ]
}

fn cents(c: Option<i64>) -> Option<Decimal> {
    c.map(|c| Decimal::new(c, 2))
}

/// Turns a random op into an edit on the current plan (positions taken modulo sizes).
fn to_edit(p: &Plan, op: &Op) -> Option<Edit> {
    let out = |i: usize| p.outputs.get(i % p.outputs.len().max(1));
    Some(match *op {
        Op::Value {
            out: o,
            line,
            year,
            cents: c,
        } => {
            let o = out(o)?;
            let l = o.lines.get(line % o.lines.len().max(1))?;
            Edit::SetFigure {
                key: Key::Value { line: l.id, year },
                value: cents(c),
            }
        }
        Op::Rate {
            out: o,
            line,
            cents: c,
        } => {
            let o = out(o)?;
            let l = o.lines.get(line % o.lines.len().max(1))?;
            Edit::SetFigure {
                key: Key::Rate { line: l.id },
                value: cents(c),
            }
        }
        Op::Std {
            grade,
            year,
            cents: c,
        } => Edit::SetFigure {
            key: Key::StandardCost {
                grade: p.grades[grade].id,
                year,
            },
            value: cents(c),
        },
        Op::Escalation(e) => Edit::SetFigure {
            key: Key::Escalation,
            value: e.map(|e| Decimal::new(e, 1)),
        },
        Op::Link { out: o, obj, share } => {
            let o = out(o)?;
            let obj = p.objectives.get(obj % p.objectives.len().max(1))?;
            Edit::SetLink {
                output: o.id,
                objective: obj.id,
                share: share.map(|s| s.map_or(Share::Equal, |v| Share::Percent(Decimal::from(v)))),
            }
        }
        Op::Unit { out: o, unit } => Edit::SetOutputUnit {
            output: out(o)?.id,
            unit: unit.and_then(|u| p.units.get(u)).map(|u| u.id),
        },
        Op::RemoveLine { out: o, line } => {
            let o = out(o)?;
            Edit::RemoveLine {
                line: o.lines.get(line % o.lines.len().max(1))?.id,
            }
        }
        Op::AddLine { out: o, from, at } => {
            let o = out(o)?;
            let mut line = o.lines.get(from % o.lines.len().max(1))?.clone();
            line.id = LineId(p.next_id);
            Edit::InsertLine {
                output: o.id,
                index: at % (o.lines.len() + 1),
                line,
            }
        }
        Op::MoveLine { out: o, line, to } => {
            let o = out(o)?;
            Edit::MoveLine {
                line: o.lines.get(line % o.lines.len().max(1))?.id,
                to: to % o.lines.len().max(1),
            }
        }
        Op::RemoveOutput { out: o } => Edit::RemoveOutput { output: out(o)?.id },
        Op::RemoveObjective { obj } => Edit::RemoveObjective {
            objective: p.objectives.get(obj % p.objectives.len().max(1))?.id,
        },
        Op::MoveOutput { out: o, to } => Edit::MoveOutput {
            output: out(o)?.id,
            to: to % p.outputs.len().max(1),
        },
        Op::Exotic {
            out: o,
            line,
            year,
            what,
            m,
        } => {
            let o = out(o)?;
            let l = o.lines.get(line % o.lines.len().max(1))?;
            // Only an amount is summed as it is: a quantity, post count, rate or standard
            // cost that large would be multiplied past a decimal's range, so those get a
            // figure under a million at six decimals.
            let amount =
                what == 0 && l.rate.is_none() && matches!(l.kind, LineKind::NonStaff { .. });
            let m = if amount { m } else { m % 10i128.pow(12) };
            let value = Some(Decimal::from_i128_with_scale(m, 6));
            let key = match what {
                0 => Key::Value { line: l.id, year },
                1 => Key::Rate { line: l.id },
                _ => Key::StandardCost {
                    grade: p.grades[line % p.grades.len()].id,
                    year,
                },
            };
            Edit::SetFigure { key, value }
        }
        Op::Undo => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn incremental_rollups_equal_a_full_recomputation_and_undo_restores_the_plan(
        seed in 0u64..1000,
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let size = Size { outputs: 12, objectives: 5, years: 4, lines: 4 };
        let original = generate(size, seed);
        let mut doc = Document::open(original.clone()).unwrap();
        for op in &ops {
            match to_edit(doc.plan(), op) {
                Some(edit) => { let _ = doc.apply(edit); }
                None => { doc.undo().unwrap(); }
            }
            prop_assert_eq!(doc.engine().rollups(), &full(doc.engine()), "after {:?}", op);
            // The engine's compiled figures followed the edit: summed again from them, the
            // rollups are still the reference's.
            let mut again = doc.engine().clone();
            again.resum().unwrap();
            prop_assert_eq!(again.rollups(), &full(doc.engine()), "resummed after {:?}", op);
        }
        // The history accounts for every figure: replaying its figure changes over the
        // original gives each figure the value it has now.
        let mut replayed: std::collections::HashMap<Key, Option<Decimal>> = Default::default();
        for r in &doc.plan().history.records {
            for f in &r.figures {
                prop_assert_ne!(f.old, f.new, "a record holds only changes");
                let before = replayed.get(&f.key).copied().or_else(|| scenario::read(&original, f.key));
                if let Some(before) = before {
                    prop_assert_eq!(before, f.old, "each change starts where the last left off");
                }
                replayed.insert(f.key, f.new);
            }
        }
        for (key, value) in &replayed {
            if let Some(now) = scenario::read(doc.plan(), *key) {
                prop_assert_eq!(now, *value, "{:?}", key);
            }
        }
        while doc.undo().unwrap() {}
        // Ids handed out stay used up: only `next_id` may be ahead.
        let mut undone = content(doc.plan());
        prop_assert!(undone.next_id >= original.next_id);
        undone.next_id = original.next_id;
        prop_assert_eq!(undone, original);
        prop_assert_eq!(doc.engine().rollups(), &full(doc.engine()));
    }
}

#[test]
fn a_figure_with_more_decimals_moves_the_full_recomputation_to_a_finer_scale_still_on_integers() {
    let mut doc = Document::open(generate(
        Size {
            outputs: 20,
            objectives: 4,
            years: 4,
            lines: 3,
        },
        7,
    ))
    .unwrap();
    assert_eq!(doc.engine().integer_sums(), Some(64));
    let line = first_line(doc.engine());
    doc.apply(Edit::SetFigure {
        key: Key::Value { line, year: 0 },
        value: Some(d("12.345678")),
    })
    .unwrap();
    assert_eq!(
        doc.engine().integer_sums(),
        None,
        "compiled at two decimals"
    );
    let mut e = doc.engine().clone();
    e.resum().unwrap();
    assert_eq!(e.integer_sums(), Some(64), "compiled again at six decimals");
    assert_eq!(e.rollups(), &full(doc.engine()));
    assert_eq!(e.rollups(), doc.engine().rollups());
}

#[test]
fn a_plan_whose_ids_are_used_up_refuses_new_rows_instead_of_reusing_ids() {
    use rollplan_core::sheet::structure::new_line;
    let mut p = small_plan();
    let kind = non_staff(&p, "TRAVEL");
    let links = vec![equal(&p, 0)];
    let out = add_output(&mut p, "1.1", links, vec![(kind, vec![Some("1"), None])]);
    p.next_id = u32::MAX;
    let mut doc = Document::open(p.clone()).unwrap();
    let edit = new_line(doc.plan(), out, 0).expect("an insert");
    assert_eq!(doc.apply(edit), Err(EditError::NoFreshId));
    assert_eq!(doc.plan(), &p, "the plan is unchanged");
    assert!(!doc.can_undo());
}
