//! Find: codes and text of objectives, outputs and lines, in reading order.

use rollplan_core::example::example_plan;
use rollplan_core::sheet::find::find;
use rollplan_core::sheet::{line_name, Target};

#[test]
fn find_matches_codes_titles_and_line_names_ignoring_case_in_reading_order() {
    let plan = example_plan();
    // By code: the output and nothing else that merely contains the digits elsewhere first.
    let by_code = find(&plan, "1.1");
    let first = plan
        .outputs
        .iter()
        .find(|o| o.code == "1.1")
        .expect("output 1.1");
    assert_eq!(by_code[0].target, Target::Output(first.id));
    assert!(
        by_code[0].label.starts_with("Output 1.1: "),
        "{}",
        by_code[0].label
    );

    // By text, any case: every output whose title has it, none that has not.
    let word = "telecom";
    let outputs: Vec<_> = plan
        .outputs
        .iter()
        .filter(|o| o.title.to_lowercase().contains(word))
        .map(|o| Target::Output(o.id))
        .collect();
    assert!(!outputs.is_empty());
    let found: Vec<_> = find(&plan, "  TeLeCoM ")
        .into_iter()
        .map(|f| f.target)
        .filter(|t| matches!(t, Target::Output(_)))
        .collect();
    assert_eq!(found, outputs);

    // Objectives come before outputs; each output's lines follow it.
    let all = find(&plan, "o");
    let first_output = all
        .iter()
        .position(|f| matches!(f.target, Target::Output(_)))
        .expect("an output");
    assert!(all[..first_output]
        .iter()
        .all(|f| matches!(f.target, Target::Objective(_))));
    assert!(all[first_output..]
        .iter()
        .all(|f| !matches!(f.target, Target::Objective(_))));

    // A line by the name it shows, even when it has no description of its own (derived).
    let derived = plan
        .outputs
        .iter()
        .flat_map(|o| o.lines.iter())
        .find(|l| l.description.trim().is_empty())
        .expect("a line named after its kind");
    let name = line_name(&plan, derived);
    assert!(find(&plan, &name)
        .iter()
        .any(|f| f.target == Target::Line(derived.id)));

    // Nothing typed finds nothing; text that is nowhere finds nothing.
    assert!(find(&plan, "   ").is_empty());
    assert!(find(&plan, "no such words in this plan").is_empty());
}
