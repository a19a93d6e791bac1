//! Runs the full recomputation of the 200k-cell plan in a loop, for profilers:
//! `cargo build --profile bench --example recompute` then `perf stat` / `perf record` /
//! `valgrind --tool=callgrind`. With `decimals` as a second argument it runs the reference
//! computation from the plan's decimals instead.
use rollplan_core::calc::{build_index, compute_rollups, Engine};
use rollplan_core::generate::{generate, Size};
fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let decimals = std::env::args().nth(2).is_some_and(|a| a == "decimals");
    let plan = generate(Size::BENCH, 1);
    let ix = build_index(&plan).unwrap();
    let mut engine = Engine::new(plan.clone()).unwrap();
    for _ in 0..runs {
        if decimals {
            std::hint::black_box(compute_rollups(&plan, &ix).unwrap());
        } else {
            std::hint::black_box(&mut engine).resum().unwrap();
        }
    }
}
