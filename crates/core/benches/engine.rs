//! Engine benchmarks (criterion). Figures go in the README; run with
//! `cargo bench --bench engine`. Not timed assertions: measurements.

// Criterion is a native-only dev-dependency; on wasm32 this bench is an empty program.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion};
    use rollplan_core::calc::{build_index, compute_rollups, Engine};
    use rollplan_core::edit::Edit;
    use rollplan_core::example::example_plan;
    use rollplan_core::generate::{generate, Size};
    use rollplan_core::io::json;
    use rollplan_core::model::Key;
    use rust_decimal::Decimal;
    use std::hint::black_box;

    fn recompute(c: &mut Criterion) {
        let example = example_plan();
        let big = generate(Size::BENCH, 1);
        let mut g = c.benchmark_group("full recomputation");
        for (name, plan) in [("example", &example), ("generated 200k cells", &big)] {
            // The engine's full recomputation: every rollup from its figures kept as scaled
            // integers (what runs on load and after a change of shape).
            let mut engine = Engine::new(plan.clone()).unwrap();
            g.bench_function(format!("{name}: rollups"), |b| {
                b.iter(|| black_box(&mut engine).resum().unwrap())
            });
            // The same rollups from the plan's decimals: the reference the tests compare with.
            let ix = build_index(plan).unwrap();
            g.bench_function(format!("{name}: rollups from decimals"), |b| {
                b.iter(|| compute_rollups(black_box(plan), black_box(&ix)).unwrap())
            });
            // Everything from the plan: index, compiled figures, rollups.
            g.bench_function(format!("{name}: index + compile + rollups"), |b| {
                b.iter(|| black_box(&mut engine).recompute().unwrap())
            });
        }
        g.finish();
    }

    fn cell_edit(c: &mut Criterion) {
        let mut g = c.benchmark_group("one cell edit with rollup update");
        for (name, plan) in [
            ("example", example_plan()),
            ("generated 200k cells", generate(Size::BENCH, 1)),
        ] {
            let mut engine = Engine::new(plan).unwrap();
            // A staff line of an output with several objective links: the most work per edit.
            let (o, line) = engine
                .plan()
                .outputs
                .iter()
                .enumerate()
                .max_by_key(|(_, out)| out.links.len())
                .map(|(o, out)| (o, out.lines[0].id))
                .unwrap();
            let _ = o;
            let mut v = 0i64;
            g.bench_function(name, |b| {
                b.iter(|| {
                    v = (v + 1) % 7;
                    engine
                        .apply(black_box(Edit::SetFigure {
                            key: Key::Value { line, year: 3 },
                            value: Some(Decimal::new(v + 1, 0)),
                        }))
                        .unwrap()
                })
            });
        }
        g.finish();
    }

    fn json_io(c: &mut Criterion) {
        let big = generate(Size::BENCH, 1);
        let text = json::save(&big);
        let mut g = c.benchmark_group("JSON, generated 200k cells");
        g.sample_size(10);
        g.bench_function(format!("save ({} MB)", text.len() / 1_000_000), |b| {
            b.iter(|| json::save(black_box(&big)))
        });
        g.bench_function("load", |b| b.iter(|| json::load(black_box(&text)).unwrap()));
        g.finish();
    }

    /// Typing with the history recorded (#18: it must never slow editing): one figure typed
    /// through the document, as the app does, on a plan whose history already holds 10,000
    /// changes; and a whole-plan adjustment of 200,000 figures, recorded as one change.
    fn history(c: &mut Criterion) {
        use rollplan_core::document::Document;
        use rollplan_core::sheet::adjust::{adjust, Adjustment, Scope};
        use rollplan_core::sheet::{type_into, CellKey, Col, Grouping, Sheet, Target};
        use std::collections::HashSet;
        let big = generate(Size::BENCH, 1);
        let line = big.outputs[0].lines[0].id;
        let key = CellKey {
            target: Target::Line(line),
            col: Col::Year(3),
        };
        let mut doc = Document::open(big).unwrap();
        for i in 0..10_000 {
            type_into(&mut doc, key, &(i % 7 + 1).to_string()).unwrap();
        }
        let mut g = c.benchmark_group("typing with its history, generated 200k cells");
        let mut v = 0u64;
        g.bench_function("one figure typed and recorded", |b| {
            b.iter(|| {
                v += 1;
                // Kept near 10,000 records, as a long session's plan would be.
                if v % 10_000 == 0 {
                    doc.keep_history(10_000);
                }
                type_into(&mut doc, black_box(key), &(v % 7 + 1).to_string()).unwrap()
            })
        });
        let sheet = Sheet::resources(doc.plan(), Grouping::Objective, &HashSet::new());
        g.sample_size(10);
        g.bench_function(
            "whole plan adjusted by -5 % and recorded (200,000 figures)",
            |b| {
                b.iter(|| {
                    let a = adjust(
                        &doc,
                        &sheet,
                        Scope::Plan,
                        Adjustment::Percent(Decimal::new(-5, 0)),
                        &HashSet::new(),
                    )
                    .unwrap();
                    doc.change(a.change).unwrap();
                    doc.undo().unwrap();
                    doc.keep_history(10_000);
                })
            },
        );
        g.finish();
    }

    criterion_group!(benches, recompute, cell_edit, json_io, history);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
