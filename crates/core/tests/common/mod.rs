//! Helpers shared by the native test files: small plans built by hand.
#![allow(dead_code)]

use rollplan_core::model::*;
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test decimal")
}

/// A two-year plan with three objectives and no outputs yet; P4 costs 100,000 then 103,000.
pub fn small_plan() -> Plan {
    let mut p = Plan::blank("Small", &["2026", "2027"]);
    for i in 1..=3 {
        let id = ObjectiveId(p.fresh_id());
        p.objectives.push(Objective {
            id,
            code: format!("O{i}"),
            title: format!("Objective {i}"),
            description: String::new(),
            goal: None,
        });
    }
    let p4 = grade(&p, "P4");
    let row = p
        .standard_costs
        .rows
        .iter_mut()
        .find(|r| r.grade == p4)
        .expect("P4 row");
    row.costs = vec![Some(d("100000")), Some(d("103000"))];
    p
}

pub fn grade(p: &Plan, code: &str) -> GradeId {
    p.grades.iter().find(|g| g.code == code).expect("grade").id
}

pub fn category(p: &Plan, code: &str) -> CategoryId {
    p.categories
        .iter()
        .find(|c| c.code == code)
        .expect("category")
        .id
}

/// Adds an output with the given links and lines; returns its id.
pub fn add_output(
    p: &mut Plan,
    code: &str,
    links: Vec<Link>,
    lines: Vec<(LineKind, Vec<Option<&str>>)>,
) -> OutputId {
    let id = OutputId(p.fresh_id());
    let lines = lines
        .into_iter()
        .map(|(kind, values)| Line {
            id: LineId(p.fresh_id()),
            description: String::new(),
            kind,
            rate: None,
            values: values.into_iter().map(|v| v.map(d)).collect(),
        })
        .collect();
    p.outputs.push(Output {
        id,
        code: code.into(),
        title: format!("Output {code}"),
        unit: None,
        links,
        lines,
    });
    id
}

pub fn equal(p: &Plan, k: usize) -> Link {
    Link {
        objective: p.objectives[k].id,
        share: Share::Equal,
    }
}

pub fn percent(p: &Plan, k: usize, v: &str) -> Link {
    Link {
        objective: p.objectives[k].id,
        share: Share::Percent(d(v)),
    }
}

pub fn non_staff(p: &Plan, cat: &str) -> LineKind {
    LineKind::NonStaff {
        category: category(p, cat),
    }
}

pub fn posts(p: &Plan, g: &str) -> LineKind {
    LineKind::Staff {
        grade: grade(p, g),
        basis: StaffBasis::Posts,
    }
}

pub fn months(p: &Plan, g: &str) -> LineKind {
    LineKind::Staff {
        grade: grade(p, g),
        basis: StaffBasis::WorkMonths,
    }
}

/// A plan's content: everything but its history, which records changes (undos included)
/// rather than being undone by them.
pub fn content(p: &Plan) -> Plan {
    let mut p = p.clone();
    p.history = History::default();
    p
}
