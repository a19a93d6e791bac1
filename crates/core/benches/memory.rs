//! Memory per cell: heap bytes held by a plan and by its engine (rollups and index), counted
//! by a wrapping allocator. Run with `cargo bench --bench memory`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and then this is a no-op.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    use rollplan_core::calc::Engine;
    use rollplan_core::generate::{generate, Size};
    let mib = |b: usize| b as f64 / 1_048_576.0;
    let size = Size::BENCH;
    let cells = size.outputs * size.years * size.lines;
    let start = LIVE.load(Ordering::Relaxed);
    let plan = generate(size, 1);
    let plan_bytes = LIVE.load(Ordering::Relaxed) - start;
    let engine = Engine::new(plan).expect("generated plan computes");
    let total = LIVE.load(Ordering::Relaxed) - start;
    println!(
        "generated plan: {} outputs x {} years x {} lines = {cells} cells",
        size.outputs, size.years, size.lines
    );
    println!(
        "plan:          {:>6.1} MiB  {:>5.1} bytes/cell",
        mib(plan_bytes),
        plan_bytes as f64 / cells as f64
    );
    println!(
        "plan + engine: {:>6.1} MiB  {:>5.1} bytes/cell",
        mib(total),
        total as f64 / cells as f64
    );
    drop(engine);
}
