#![cfg(not(target_arch = "wasm32"))]
//! The full recomputation runs on the engine's figures kept as scaled integers, and gives
//! exactly the rollups of the reference computation from the plan's decimals, including
//! when a figure is too fine or too large for them.

mod common;
use common::d;
use rollplan_core::calc::{build_index, compute_rollups, Engine, Rollups};
use rollplan_core::example::example_plan;
use rollplan_core::model::Plan;

/// The example plan with one change: its engine, and the reference rollups.
fn both(change: impl FnOnce(&mut Plan)) -> (Engine, Rollups) {
    let mut plan = example_plan();
    change(&mut plan);
    let ix = build_index(&plan).unwrap();
    let reference = compute_rollups(&plan, &ix).unwrap();
    (Engine::new(plan).unwrap(), reference)
}

#[test]
fn the_example_is_summed_on_integers_to_the_reference_rollups() {
    let (engine, reference) = both(|_| {});
    assert_eq!(engine.integer_sums(), Some(64));
    assert_eq!(engine.rollups(), &reference);
}

#[test]
fn a_figure_with_six_decimals_is_still_summed_on_integers() {
    let (engine, reference) = both(|p| p.outputs[1].lines[0].values[0] = Some(d("1.000001")));
    assert_eq!(engine.integer_sums(), Some(64));
    assert_eq!(engine.rollups(), &reference);
}

#[test]
fn a_plan_whose_costs_together_pass_64_bits_is_summed_in_128() {
    // 9 trillion with six decimals fits 64 bits as a figure, but at the plan's price scale
    // (cents) its cost does not: the sums are 128-bit.
    let (engine, reference) = both(|p| {
        let line = p.outputs[1]
            .lines
            .iter_mut()
            .find(|l| l.rate.is_none())
            .unwrap();
        line.values[2] = Some(d("9000000000000.000001"));
    });
    assert_eq!(engine.integer_sums(), Some(128));
    assert_eq!(engine.rollups(), &reference);
}

#[test]
fn figures_too_large_for_integers_are_summed_from_decimals_to_the_same_rollups() {
    // A mantissa of 9.3e18 at six decimals: over 64 bits, under the amount limit.
    let huge = d("9300000000000.000001");
    type Change = Box<dyn FnOnce(&mut Plan)>;
    let cases: [Change; 3] = [
        Box::new(move |p| p.outputs[0].lines[0].rate = Some(huge)),
        Box::new(move |p| p.standard_costs.rows[0].costs[0] = Some(huge)),
        Box::new(move |p| {
            let line = p.outputs[1]
                .lines
                .iter_mut()
                .find(|l| l.rate.is_none())
                .unwrap();
            line.values[2] = Some(huge);
        }),
    ];
    for change in cases {
        let (engine, reference) = both(change);
        assert_eq!(engine.integer_sums(), None);
        assert_eq!(engine.rollups(), &reference);
    }
}
