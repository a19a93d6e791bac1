//! Validation: every problem, with where it is and what to do, and nothing for a good plan.

mod common;
use common::*;
use rollplan_core::model::*;
use rollplan_core::reports::validate::{has_errors, validate, Finding, Location, Severity};

fn messages(f: &[Finding]) -> Vec<String> {
    f.iter().map(|x| x.to_string()).collect()
}

fn find<'a>(f: &'a [Finding], words: &str) -> &'a Finding {
    f.iter()
        .find(|x| x.to_string().contains(words))
        .unwrap_or_else(|| panic!("no finding with {words:?} in {:#?}", messages(f)))
}

#[test]
fn the_example_plan_and_a_generated_plan_are_clean() {
    assert_eq!(
        messages(&validate(&rollplan_core::example::example_plan())),
        Vec::<String>::new()
    );
    let g = rollplan_core::generate::generate(
        rollplan_core::generate::Size {
            outputs: 40,
            objectives: 5,
            years: 4,
            lines: 6,
        },
        3,
    );
    assert_eq!(messages(&validate(&g)), Vec::<String>::new());
}

#[test]
fn shares_that_do_not_sum_to_100_are_errors_at_the_output() {
    let mut p = small_plan();
    let links = vec![percent(&p, 0, "30"), percent(&p, 1, "30")];
    add_output(&mut p, "A", links, vec![]);
    let links = vec![percent(&p, 0, "100"), equal(&p, 1)];
    add_output(&mut p, "B", links, vec![]);
    let f = validate(&p);
    let a = find(&f, "sum to 60 %");
    assert_eq!(a.severity, Severity::Error);
    assert_eq!(a.location, Location::Output("A".into()));
    find(
        &f,
        "output B: its explicit shares take 100 %, leaving nothing for the objectives marked X",
    );
    assert!(has_errors(&f));
}

#[test]
fn staff_lines_need_a_known_grade_non_negative_posts_and_a_standard_cost() {
    let mut p = small_plan();
    let lines = vec![
        (posts(&p, "P4"), vec![Some("-1"), Some("2")]),
        (posts(&p, "P3"), vec![Some("1"), None]), // P3 has no standard cost in the small plan
        (
            LineKind::Staff {
                grade: GradeId(9999),
                basis: StaffBasis::Posts,
            },
            vec![Some("1"), None],
        ),
        (months(&p, "P4"), vec![Some("14"), None]),
    ];
    let links = vec![equal(&p, 0)];
    add_output(&mut p, "A", links, lines);
    let f = validate(&p);
    let neg = find(&f, "-1 posts cannot be negative");
    assert_eq!(
        neg.location,
        Location::Line {
            output: "A".into(),
            line: 0,
            year: Some("2026".into())
        }
    );
    find(
        &f,
        "output A, line 2, 2026: no standard cost for P3 in 2026",
    );
    find(&f, "output A, line 3: the grade does not exist");
    let wm = find(&f, "14 work-months in one year is more than 12");
    assert_eq!(wm.severity, Severity::Warning);
}

#[test]
fn duplicate_codes_unknown_references_and_years_outside_the_plan() {
    let mut p = small_plan();
    p.objectives[1].code = "O1".into();
    add_output(
        &mut p,
        "A",
        vec![Link {
            objective: ObjectiveId(4242),
            share: Share::Equal,
        }],
        vec![],
    );
    add_output(&mut p, "A", vec![], vec![]);
    let id = CeilingId(p.fresh_id());
    p.ceilings.push(Ceiling {
        id,
        name: "Third biennium".into(),
        scope: CeilingScope::Biennium(2),
        amount: d("1"),
    });
    let f = validate(&p);
    find(&f, "objective O1: two objectives have this code");
    find(&f, "output A: two outputs have this code");
    find(
        &f,
        "output A -> objective #4242: the objective does not exist",
    );
    find(&f, "output A: the output serves no objective");
    find(
        &f,
        "ceiling \u{201c}Third biennium\u{201d}: its year or biennium is outside the plan",
    );
}

#[test]
fn figures_per_year_must_match_the_plan_years() {
    let mut p = small_plan();
    let ns = non_staff(&p, "TRAVEL");
    let links = vec![equal(&p, 0)];
    add_output(
        &mut p,
        "A",
        links,
        vec![(ns, vec![Some("1"), Some("2"), Some("3")])],
    );
    find(
        &validate(&p),
        "output A, line 1: has 3 yearly figures for 2 plan years",
    );
}

#[test]
fn fiscal_year_labels_work_and_label_biennia() {
    let p = Plan::blank("Fiscal", &["2015-16", "2016-17", "2017-18", "2018-19"]);
    assert!(validate(&p).iter().all(|f| f.severity != Severity::Error));
    assert_eq!(p.biennium_label(1), "2017-18\u{2013}2018-19");
    assert_eq!(p.period_label(), "2015-16\u{2013}2018-19");
}

#[test]
fn broken_org_trees_and_risk_scales_are_reported() {
    let mut p = small_plan();
    let (a, b) = (UnitId(p.fresh_id()), UnitId(p.fresh_id()));
    for (id, parent, code) in [(a, b, "A"), (b, a, "B")] {
        p.units.push(OrgUnit {
            id,
            code: code.into(),
            name: code.into(),
            parent: Some(parent),
            head_grade: None,
            posts_total: None,
            posts: vec![],
        });
    }
    let r = RiskId(p.fresh_id());
    p.risks.push(Risk {
        id: r,
        description: "Flood".into(),
        likelihood: 0,
        impact: 6,
        mitigation: String::new(),
        outputs: vec![OutputId(777)],
    });
    let f = validate(&p);
    find(&f, "org unit A: the unit is its own ancestor");
    find(&f, "likelihood must be 1 to 5, not 0");
    find(&f, "impact must be 1 to 5, not 6");
    find(
        &f,
        "risk \u{201c}Flood\u{201d}: it names an output that does not exist",
    );
}

#[test]
fn a_ceiling_of_a_biennium_far_outside_the_plan_is_an_error_not_biennium_0() {
    use rollplan_core::Engine;
    let mut p = rollplan_core::example::example_plan();
    // 2^63: doubled, it would wrap to biennium 0 and borrow that biennium's costs.
    p.ceilings[0].scope = CeilingScope::Biennium(1usize << 63);
    let findings = validate(&p);
    assert!(
        findings
            .iter()
            .any(|f| f.message.contains("outside the plan")),
        "{findings:?}"
    );
    let e = Engine::new(p).unwrap();
    let status = &e.ceilings().unwrap()[0];
    assert!(status.cost.is_zero(), "it covers no year: {status:?}");
}
