//! The results framework beside the money: KPI status rules, risk severity and the 5 x 5
//! matrix, and each objective's cost next to its results, KPIs and risks (figures worked
//! by hand).

mod common;

use common::*;
use rollplan_core::model::*;
use rollplan_core::reports::results::{self, Severity, Status};
use rollplan_core::Engine;

fn kpi(direction: Direction, targets: &[Option<&str>], actuals: &[Option<&str>]) -> Kpi {
    Kpi {
        id: KpiId(999),
        owner: Owner::Objective(ObjectiveId(1)),
        name: "Share of documents on time".into(),
        unit: "%".into(),
        direction,
        baseline: None,
        targets: targets.iter().map(|v| v.map(d)).collect(),
        actuals: actuals.iter().map(|v| v.map(d)).collect(),
    }
}

#[test]
fn a_kpi_is_on_track_when_its_actual_meets_the_target_in_its_direction() {
    let higher = kpi(
        Direction::HigherIsBetter,
        &[Some("80"), Some("85"), Some("90"), Some("95")],
        &[Some("82"), Some("85"), Some("89.9"), None],
    );
    assert_eq!(
        results::statuses(&higher, 4),
        [
            Status::OnTrack,
            Status::OnTrack,
            Status::OffTrack,
            Status::NoData
        ],
        "above, equal (on track), below, no actual yet"
    );
    let lower = kpi(
        Direction::LowerIsBetter,
        &[Some("30"), Some("25"), None, Some("20")],
        &[Some("28"), Some("26"), Some("10"), Some("20")],
    );
    assert_eq!(
        results::statuses(&lower, 4),
        [
            Status::OnTrack,
            Status::OffTrack,
            Status::NoData,
            Status::OnTrack
        ],
        "below, above, no target, equal"
    );
    // Where it stands now: the latest year with data.
    assert_eq!(results::latest(&higher, 4), Some((2, Status::OffTrack)));
    assert_eq!(results::latest(&lower, 4), Some((3, Status::OnTrack)));
    let empty = kpi(Direction::HigherIsBetter, &[None; 4], &[None; 4]);
    assert_eq!(results::latest(&empty, 4), None);
}

#[test]
fn risks_are_placed_by_likelihood_and_impact_and_graded_by_their_product() {
    assert_eq!(Severity::of(1, 4), Severity::Low);
    assert_eq!(Severity::of(1, 5), Severity::Medium);
    assert_eq!(Severity::of(3, 3), Severity::Medium);
    assert_eq!(Severity::of(2, 5), Severity::High);
    assert_eq!(Severity::of(4, 4), Severity::High);
    assert_eq!(Severity::of(4, 5), Severity::Critical);
    let mut p = small_plan();
    for (likelihood, impact) in [(2, 5), (2, 5), (5, 1), (0, 3)] {
        let id = RiskId(p.fresh_id());
        p.risks.push(Risk {
            id,
            description: format!("risk {likelihood}x{impact}"),
            likelihood,
            impact,
            mitigation: String::new(),
            outputs: Vec::new(),
        });
    }
    let m = results::risk_matrix(&p);
    assert_eq!(
        m[4][1],
        [p.risks[0].id, p.risks[1].id],
        "impact 5, likelihood 2"
    );
    assert_eq!(m[0][4], [p.risks[2].id], "impact 1, likelihood 5");
    let placed: usize = m.iter().flatten().map(Vec::len).sum();
    assert_eq!(
        placed, 3,
        "a risk scored 0 is left to validation, not placed"
    );
}

#[test]
fn each_objective_shows_its_cost_beside_its_results_kpis_and_risks() {
    let mut p = small_plan();
    let travel = non_staff(&p, "TRAVEL");
    // Output 1.1 serves O1 and O2 equally; output 2.1 serves O2 only.
    let (l0, l1) = (equal(&p, 0), equal(&p, 1));
    let a = add_output(
        &mut p,
        "1.1",
        vec![l0, l1.clone()],
        vec![(travel, vec![Some("1000"), Some("3000")])],
    );
    let b = add_output(
        &mut p,
        "2.1",
        vec![l1],
        vec![(travel, vec![Some("500"), None])],
    );
    let o1 = p.objectives[0].id;
    let push_kpi = |p: &mut Plan, owner: Owner, name: &str| {
        let id = KpiId(p.fresh_id());
        p.kpis.push(Kpi {
            id,
            owner,
            name: name.into(),
            unit: String::new(),
            direction: Direction::HigherIsBetter,
            baseline: None,
            targets: vec![Some(d("10")), Some(d("10"))],
            actuals: vec![Some(d("12")), None],
        });
    };
    push_kpi(&mut p, Owner::Objective(o1), "objective KPI");
    push_kpi(&mut p, Owner::Output(b), "output 2.1 KPI");
    let rid = ResultId(p.fresh_id());
    p.results.push(ExpectedResult {
        id: rid,
        owner: Owner::Output(a),
        text: "Members informed".into(),
    });
    for (likelihood, impact, outputs) in [(1, 1, vec![a]), (5, 5, vec![b])] {
        let id = RiskId(p.fresh_id());
        p.risks.push(Risk {
            id,
            description: format!("{likelihood}x{impact}"),
            likelihood,
            impact,
            mitigation: String::new(),
            outputs,
        });
    }
    let engine = Engine::new(p).unwrap();
    let view = results::by_objective(&engine).unwrap();
    assert_eq!(view.len(), 3);
    // O1: half of output 1.1 = 500 and 1,500; O2: the other half plus output 2.1.
    assert_eq!(view[0].cost.years, [d("500"), d("1500")]);
    assert_eq!(view[0].cost.period, d("2000"));
    assert_eq!(view[1].cost.years, [d("1000"), d("1500")]);
    // Each output is listed with its whole cost.
    assert_eq!(view[1].outputs.len(), 2);
    assert_eq!(view[1].outputs[0].1.period, d("4000"));
    // Results and KPIs of the objective and of the outputs serving it.
    let names =
        |k: usize| -> Vec<&str> { view[k].kpis.iter().map(|(x, _)| x.name.as_str()).collect() };
    assert_eq!(names(0), ["objective KPI"]);
    assert_eq!(names(1), ["output 2.1 KPI"]);
    assert_eq!(view[1].kpis[0].1, [Status::OnTrack, Status::NoData]);
    assert_eq!(view[0].results.len(), 1, "output 1.1's result serves O1");
    assert_eq!(view[1].results.len(), 1, "and O2");
    // Risks of its outputs, most serious first; O3 serves nothing and has none.
    let risks: Vec<&str> = view[1]
        .risks
        .iter()
        .map(|r| r.description.as_str())
        .collect();
    assert_eq!(risks, ["5x5", "1x1"]);
    assert!(view[2].risks.is_empty() && view[2].kpis.is_empty());
    assert_eq!(view[2].cost.period, d("0"));
}

#[test]
fn kpis_results_and_risks_are_edited_checked_and_undone_like_any_edit() {
    use rollplan_core::{Document, Edit, EditError};
    let mut p = small_plan();
    let link = equal(&p, 0);
    let out = add_output(&mut p, "1.1", vec![link], Vec::new());
    let before = p.clone();
    let o1 = p.objectives[0].id;
    let mut doc = Document::open(p).unwrap();
    let id = KpiId(doc.plan().next_id);
    let mut new = kpi(Direction::LowerIsBetter, &[Some("5")], &[Some("4")]);
    new.id = id;
    new.owner = Owner::Objective(o1);
    // Series shorter than the plan's years are padded with blanks on insert.
    doc.apply(Edit::InsertKpi {
        index: 0,
        kpi: Box::new(new.clone()),
    })
    .unwrap();
    assert_eq!(doc.plan().kpis[0].targets, [Some(d("5")), None]);
    assert!(
        doc.plan().next_id > id.0,
        "the id is never handed out again"
    );
    // Targets and actuals are changed by replacing the KPI; status follows.
    let mut changed = doc.plan().kpis[0].clone();
    changed.actuals[0] = Some(d("6"));
    doc.apply(Edit::SetKpi(Box::new(changed))).unwrap();
    assert_eq!(results::status(&doc.plan().kpis[0], 0), Status::OffTrack);
    // Refused: a KPI for an objective that does not exist, a risk scored 6.
    let mut orphan = doc.plan().kpis[0].clone();
    orphan.owner = Owner::Objective(ObjectiveId(9999));
    assert!(matches!(
        doc.apply(Edit::SetKpi(Box::new(orphan))),
        Err(EditError::Unknown {
            what: "objective",
            ..
        })
    ));
    let risk = Risk {
        id: RiskId(doc.plan().next_id),
        description: "Interpretation costs rise".into(),
        likelihood: 6,
        impact: 2,
        mitigation: String::new(),
        outputs: vec![out],
    };
    assert_eq!(
        doc.apply(Edit::InsertRisk {
            index: 0,
            risk: Box::new(risk.clone()),
        }),
        Err(EditError::OffScale {
            what: "likelihood",
            value: 6
        })
    );
    doc.apply(Edit::InsertRisk {
        index: 0,
        risk: Box::new(Risk {
            likelihood: 3,
            ..risk
        }),
    })
    .unwrap();
    let result = ExpectedResult {
        id: ResultId(doc.plan().next_id),
        owner: Owner::Output(out),
        text: "Meetings held as planned".into(),
    };
    doc.apply(Edit::InsertResult { index: 0, result }).unwrap();
    assert_eq!(doc.plan().results.len(), 1);
    // Every step undoes back to the plan as it was (ids handed out stay used up).
    while doc.can_undo() {
        doc.undo().unwrap();
    }
    let mut after = content(doc.plan());
    assert!(after.next_id > before.next_id);
    after.next_id = before.next_id;
    assert_eq!(after, before);
}

#[test]
fn kpis_and_risks_export_as_spreadsheet_safe_csv_with_status_and_severity() {
    use rollplan_core::io::csv::{kpis_csv, risks_csv};
    let mut p = small_plan();
    let link = equal(&p, 0);
    let out = add_output(&mut p, "1.1", vec![link], Vec::new());
    let mut k = kpi(
        Direction::LowerIsBetter,
        &[Some("30"), Some("25")],
        &[Some("28.5"), Some("26")],
    );
    k.name = "=Days to publish".into();
    k.owner = Owner::Output(out);
    k.baseline = Some(Baseline {
        year: "2025".into(),
        value: d("31"),
    });
    p.kpis.push(k);
    let id = RiskId(p.fresh_id());
    p.risks.push(Risk {
        id,
        description: "-Budget cut".into(),
        likelihood: 4,
        impact: 5,
        mitigation: "Prioritise outputs".into(),
        outputs: vec![out],
    });
    assert_eq!(
        kpis_csv(&p),
        "owner,kpi,unit,direction,baseline_year,baseline,year,target,actual,status\r\n\
         1.1,'=Days to publish,%,lower,2025,31,2026,30,28.5,on track\r\n\
         1.1,'=Days to publish,%,lower,2025,31,2027,25,26,off track\r\n"
    );
    assert_eq!(
        risks_csv(&p),
        "risk,likelihood,impact,score,severity,mitigation,outputs\r\n\
         '-Budget cut,4,5,20,critical,Prioritise outputs,1.1\r\n"
    );
}

#[test]
fn kpis_with_figures_and_risks_round_trip_through_the_plan_file() {
    use rollplan_core::io::json;
    let mut p = rollplan_core::example::example_plan();
    let k = &mut p.kpis[0];
    k.unit = "%".into();
    k.direction = Direction::LowerIsBetter;
    k.baseline = Some(Baseline {
        year: "2011".into(),
        value: d("85.5"),
    });
    k.targets = vec![Some(d("80")), Some(d("78.25")), None, Some(d("70"))];
    k.actuals = vec![Some(d("79")), None, None, None];
    p.risks[0].mitigation = "=not a formula".into();
    let text = json::save(&p);
    let back = json::load(&text).unwrap();
    assert_eq!(back.kpis, p.kpis);
    assert_eq!(back.risks, p.risks);
    assert_eq!(back.results, p.results);
    assert_eq!(results::status(&back.kpis[0], 0), Status::OnTrack);
}

#[test]
fn the_example_kpis_have_illustrative_figures_that_show_both_statuses() {
    let p = rollplan_core::example::example_plan();
    assert!(p.kpis.len() > 30);
    for k in &p.kpis {
        assert!(
            k.name.ends_with("(illustrative figures)"),
            "{} is labelled",
            k.name
        );
        assert!(!k.unit.is_empty() && k.baseline.is_some(), "{}", k.name);
        assert_eq!(k.targets.len(), p.years.len());
        assert_eq!(k.actuals.len(), p.years.len());
    }
    // Read in the plan's third year: 2012-2014 have data, 2015 has targets only.
    let latest: Vec<_> = p
        .kpis
        .iter()
        .map(|k| results::latest(k, p.years.len()))
        .collect();
    assert!(latest.iter().all(|l| matches!(l, Some((2, _)))));
    let off = latest
        .iter()
        .filter(|l| matches!(l, Some((_, Status::OffTrack))))
        .count();
    assert!(off > 0 && off < p.kpis.len() / 2, "{off} off track");
    for k in &p.kpis {
        assert_eq!(results::status(k, 3), Status::NoData);
    }
    // Lower is better where less is the aim: no security incident was the target in 2014
    // and one happened.
    let incidents = p
        .kpis
        .iter()
        .find(|k| k.name.starts_with("No major security incidents"))
        .unwrap();
    assert_eq!(incidents.direction, Direction::LowerIsBetter);
    assert_eq!(results::status(incidents, 1), Status::OnTrack);
    assert_eq!(results::status(incidents, 2), Status::OffTrack);
}
