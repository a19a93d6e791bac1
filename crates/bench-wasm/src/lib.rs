//! Plain wasm exports around the engine, for `scripts/engine-wasm.mjs` to time: build the
//! generated 200,000-cell plan's engine once, then run its full recomputation `runs` times,
//! from the engine's integers or (for comparison) the reference from the plan's decimals.
//! Each returns the number of runs that succeeded, so a failure shows as a short count.

use rollplan_core::calc::{build_index, compute_rollups, Engine, Index};
use rollplan_core::generate::{generate, Size};
use std::cell::RefCell;

thread_local! {
    static ENGINE: RefCell<Option<(Engine, Index)>> = const { RefCell::new(None) };
}

/// Builds the engine of the generated plan (`seed` 1, as the native benchmark): 0 if it did
/// not build, else 1 + the width of the integers it sums in (0 for decimals).
#[no_mangle]
pub extern "C" fn prepare() -> u32 {
    let plan = generate(Size::BENCH, 1);
    let Ok(ix) = build_index(&plan) else { return 0 };
    let Ok(engine) = Engine::new(plan) else {
        return 0;
    };
    let width = engine.integer_sums().unwrap_or(0);
    ENGINE.with(|e| *e.borrow_mut() = Some((engine, ix)));
    width.saturating_add(1)
}

/// The engine's full recomputation, `runs` times.
#[no_mangle]
pub extern "C" fn resum(runs: u32) -> u32 {
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        let Some((engine, _)) = e.as_mut() else {
            return 0;
        };
        (0..runs).filter(|_| engine.resum().is_ok()).count() as u32
    })
}

/// The reference computation from the plan's decimals, `runs` times.
#[no_mangle]
pub extern "C" fn from_decimals(runs: u32) -> u32 {
    ENGINE.with(|e| {
        let e = e.borrow();
        let Some((engine, ix)) = e.as_ref() else {
            return 0;
        };
        (0..runs)
            .filter(|_| compute_rollups(engine.plan(), ix).is_ok())
            .count() as u32
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_exports_run_the_recomputation_on_integers() {
        assert_eq!(super::prepare(), 65, "built, and summed in 64-bit integers");
        assert_eq!(super::resum(2), 2);
        assert_eq!(super::from_decimals(2), 2);
    }
}
