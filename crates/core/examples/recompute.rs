//! Runs the full recomputation of the 200k-cell plan in a loop, for profilers:
//! `cargo build --profile bench --example recompute` then `perf stat` / `perf record`.
use rollplan_core::calc::{build_index, compute_rollups};
use rollplan_core::generate::{generate, Size};
fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let plan = generate(Size::BENCH, 1);
    let ix = build_index(&plan).unwrap();
    for _ in 0..runs {
        std::hint::black_box(compute_rollups(&plan, &ix).unwrap());
    }
}
