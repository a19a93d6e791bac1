//! The app's reducer, natively: what happens to typed text the plan cannot take.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use common::*;
use rollplan_app::ui::state::{Action, AppState};
use rollplan_app::ui::state::{EditAction, StoreAction};
use rollplan_core::sheet::{CellKey, Col, Target};
use std::rc::Rc;
use yew::Reducible;

#[test]
fn a_value_the_plan_refuses_stays_typed_in_its_cell() {
    // P4 at 10^15 per post: 10^15 posts cost more than a decimal holds.
    let mut p = small_plan();
    let p4 = grade(&p, "P4");
    for row in p.standard_costs.rows.iter_mut().filter(|r| r.grade == p4) {
        row.costs = vec![Some(d("1000000000000000")), None];
    }
    let kind = posts(&p, "P4");
    let links = vec![equal(&p, 0)];
    add_output(&mut p, "1.1", links, vec![(kind, vec![Some("1"), None])]);
    let line = p.outputs[0].lines[0].id;
    let state = Rc::new(AppState::open(p.clone()));
    let key = CellKey {
        target: Target::Line(line),
        col: Col::Year(0),
    };
    let text = "1000000000000000".to_string();
    let next = state.reduce(Action::Edit(EditAction::CommitCell {
        key,
        text: text.clone(),
    }));
    assert_eq!(next.doc.borrow().plan(), &p, "the plan is unchanged");
    let draft = next
        .doc
        .borrow()
        .drafts()
        .get(&key)
        .cloned()
        .expect("the typed text is kept");
    assert_eq!(draft.text, text);
    assert!(!draft.error.is_empty());
    assert!(next.say.message.is_some());
    // A value it can take replaces the draft.
    let fixed = next.reduce(Action::Edit(EditAction::CommitCell {
        key,
        text: "2".into(),
    }));
    assert!(fixed.doc.borrow().drafts().get(&key).is_none());
    assert_eq!(
        fixed.doc.borrow().plan().outputs[0].lines[0].values[0],
        Some(d("2"))
    );
}

/// Opening the example as if read from the library under `id` at `revision`.
fn open_stored(id: &str, revision: u64) -> Action {
    Action::Store(StoreAction::OpenStored {
        stored: Box::new(rollplan_core::io::library::Stored {
            plan: rollplan_core::example::example_plan(),
            meta: stored_meta(id, "Mine", revision),
            drafts: Default::default(),
        }),
        note: None,
    })
}

fn stored_meta(id: &str, title: &str, revision: u64) -> rollplan_core::io::library::Meta {
    rollplan_core::io::library::Meta {
        id: id.into(),
        title: title.into(),
        revision,
        saved_at: 0,
        session: "other".into(),
    }
}

#[test]
fn opening_a_stored_plan_is_not_a_change_but_an_edit_is() {
    use rollplan_app::ui::state::SaveStatus;
    let state = Rc::new(AppState::example());
    let opened = state.reduce(open_stored("p1", 4));
    // Nothing to write back: opening must not make the plan look edited.
    assert!(!opened.store.changed);
    assert_eq!(opened.store.saved, SaveStatus::Idle);
    assert_eq!(opened.store.home.borrow().id.as_deref(), Some("p1"));
    assert_eq!(opened.store.home.borrow().revision, Some(4));
    let edited = opened.reduce(Action::Edit(EditAction::Rename("Budget 2027".into())));
    assert!(edited.store.changed);
    assert_eq!(edited.store.saved, SaveStatus::Pending);
    assert_eq!(edited.doc.borrow().plan().title, "Budget 2027");
    // A blank title is refused with a message, not applied.
    let blank = edited.reduce(Action::Edit(EditAction::Rename("  ".into())));
    assert_eq!(blank.doc.borrow().plan().title, "Budget 2027");
    assert!(blank.say.message.is_some());
}

#[test]
fn a_save_reported_for_a_plan_no_longer_open_changes_nothing() {
    use rollplan_app::ui::state::{SaveFailure, SaveStatus};
    use rollplan_core::example::example_plan;
    let first = Rc::new(AppState::example());
    let old_home = first.doc.session;
    let second = first.reduce(Action::Store(StoreAction::NewPlan(
        Box::new(example_plan()),
    )));
    assert_ne!(second.doc.session, old_home);
    let after = second
        .clone()
        .reduce(Action::Store(StoreAction::SaveResult {
            session: old_home,
            result: Err(SaveFailure::NoRoom("full".into())),
        }));
    assert_eq!(after.store.saved, second.store.saved);
    let ours = after.clone().reduce(Action::Store(StoreAction::SaveResult {
        session: after.doc.session,
        result: Ok(()),
    }));
    assert_eq!(ours.store.saved, SaveStatus::Saved);
}

#[test]
fn another_tabs_save_is_a_conflict_the_user_resolves() {
    use rollplan_app::ui::state::{SaveFailure, SaveStatus};
    let state = Rc::new(AppState::example()).reduce(open_stored("p1", 2));
    // Another plan saved elsewhere, or this plan at the revision this tab has: no conflict.
    let quiet = state
        .clone()
        .reduce(Action::Store(StoreAction::StoredElsewhere(stored_meta(
            "p9", "Other", 7,
        ))))
        .reduce(Action::Store(StoreAction::StoredElsewhere(stored_meta(
            "p1", "Mine", 2,
        ))));
    assert_eq!(quiet.store.saved, SaveStatus::Idle);
    let conflict = state.reduce(Action::Store(StoreAction::StoredElsewhere(stored_meta(
        "p1", "Mine", 3,
    ))));
    assert!(matches!(
        &conflict.store.saved,
        SaveStatus::Failed(SaveFailure::Conflict(m)) if m.revision == 3
    ));
    // An edit while in conflict keeps the warning on show.
    let edited = conflict.reduce(Action::Edit(EditAction::Rename("Mine, edited".into())));
    assert!(matches!(edited.store.saved, SaveStatus::Failed(_)));

    // Replace theirs: the next save names their revision, so it goes through.
    let overwrite = edited.clone().reduce(Action::Store(StoreAction::Overwrite));
    assert_eq!(overwrite.store.home.borrow().revision, Some(3));
    assert_eq!(overwrite.store.saved, SaveStatus::Pending);
    assert!(
        overwrite.doc.generation > edited.doc.generation,
        "a save is asked for"
    );

    // Keep mine as a copy: a new entry (no id yet), titled as a copy; theirs is left alone.
    let copy = edited.reduce(Action::Store(StoreAction::KeepAsCopy {
        title: "Mine (copy)".into(),
    }));
    assert_eq!(copy.store.home.borrow().id, None);
    assert_eq!(copy.doc.borrow().plan().title, "Mine (copy)");
    assert_eq!(copy.store.saved, SaveStatus::Pending);
    // Undo of the retitle is one step like any edit.
    let undone = copy.reduce(Action::Edit(EditAction::Undo));
    assert_eq!(undone.doc.borrow().plan().title, "Mine, edited");
}

#[test]
fn in_a_scenario_typed_figures_are_its_own_rows_are_refused_and_promotion_is_one_step() {
    use rollplan_app::ui::state::StructureOp;
    use rollplan_core::sheet::{Range, Row, SheetKind};
    let mut p = small_plan();
    let kind = non_staff(&p, "TRAVEL");
    let links = vec![equal(&p, 0)];
    add_output(&mut p, "1.1", links, vec![(kind, vec![Some("100"), None])]);
    let line = p.outputs[0].lines[0].id;
    let key = CellKey {
        target: Target::Line(line),
        col: Col::Year(0),
    };
    let state = Rc::new(AppState::open(p.clone()));
    let s = state.reduce(Action::Edit(EditAction::NewScenario { from: None }));
    let id = s
        .doc
        .borrow()
        .scenario()
        .expect("the new scenario is shown")
        .id;
    let s = s.reduce(Action::Edit(EditAction::CommitCell {
        key,
        text: "250".into(),
    }));
    assert_eq!(s.doc.borrow().plan().outputs[0].lines, p.outputs[0].lines);
    assert_eq!(
        s.doc.borrow().view().plan().outputs[0].lines[0].values[0],
        Some(d("250"))
    );
    // Adding a row while a scenario is shown is refused, with the reason.
    let r = s.clone().reduce(Action::Edit(EditAction::Structure {
        op: StructureOp::AddLine,
        row: Row::Output(0),
    }));
    assert!(r.say.message.as_deref().unwrap_or("").contains("Baseline"));
    assert_eq!(r.doc.borrow().plan().outputs[0].lines.len(), 1);
    // Reset the cell (row 2 of the resources sheet is the line; column 3 is the first year).
    let sheet = s.sheet(SheetKind::Resources(s.work.grouping));
    let row = sheet
        .rows
        .iter()
        .position(|r| *r == Row::Line(0, 0))
        .unwrap();
    let col = sheet.cols.iter().position(|c| *c == Col::Year(0)).unwrap();
    let grouping = s.work.grouping;
    let reset = r.reduce(Action::Edit(EditAction::ResetCells {
        sheet: SheetKind::Resources(grouping),
        range: Range::at(row, col),
    }));
    assert_eq!(
        reset.doc.borrow().view().plan().outputs[0].lines[0].values[0],
        Some(d("100"))
    );
    // Undo brings the 250 back; promote: the baseline takes it, the scenario is gone and
    // the baseline is shown.
    let back = reset.reduce(Action::Edit(EditAction::Undo));
    let promoted = back.reduce(Action::Edit(EditAction::Promote(id)));
    let doc = promoted.doc.borrow();
    assert!(doc.scenario().is_none());
    assert_eq!(doc.plan().outputs[0].lines[0].values[0], Some(d("250")));
    assert!(doc.plan().scenarios[0].name.starts_with("Former baseline"));
    assert!(promoted.store.changed);
}

/// A workbook read by the worker, as the reducer receives it.
fn read_back(bytes: &[u8], name: &str) -> Action {
    use rollplan_app::ui::state::ImportAction;
    let wb = rollplan_xlsx_read(bytes);
    Action::Import(ImportAction::WorkbookRead {
        name: name.into(),
        sheets: Rc::new(wb.0),
        plan_file: wb.1.map(Rc::new),
        taken: Rc::default(),
    })
}

/// What the workbook worker replies: the sheets and the plan file (as its lib does).
fn rollplan_xlsx_read(bytes: &[u8]) -> (Vec<rollplan_core::io::workbook::Sheet>, Option<String>) {
    let (sheets, plan) = rollplan_xlsx_worker::read(bytes).unwrap();
    (serde_json::from_str(&sheets).unwrap(), plan)
}

#[test]
fn a_workbook_rollplan_wrote_opens_as_its_plan_and_a_budget_workbook_waits_for_its_mapping() {
    use rollplan_app::ui::state::ImportAction;
    use rollplan_core::example::example_plan;
    // Our own workbook: the plan it carries, through the gate.
    let mut other = example_plan();
    other.title = "From a workbook".into();
    let file = rollplan_core::io::json::save(&other);
    let bytes = rollplan_xlsx_worker::export(&file, 0).unwrap();
    let state = Rc::new(AppState::open(small_plan()));
    let next = state.reduce(read_back(&bytes, "plan.xlsx"));
    assert_eq!(next.doc.borrow().plan(), &other);
    assert!(next.import.is_none());

    // A budget workbook: its first sheet with data, mapped by guess, the plan unchanged.
    let au = include_bytes!("fixtures/au-budget-2015-16.xlsx");
    let state = Rc::new(AppState::open(small_plan()));
    let next = state.reduce(read_back(au, "au.xlsx"));
    assert_eq!(next.doc.borrow().plan(), &small_plan());
    let p = next.import.clone().expect("the mapping step is open");
    assert_eq!(p.table.rows.len(), 1608);
    let (sheets, k, header) = p.sheets.clone().expect("a workbook's sheets");
    assert_eq!((sheets.len(), k, header), (1, 0, None));
    // A header row further down re-reads the sheet from there; one past the end says why.
    let next = next.reduce(Action::Import(ImportAction::ChooseSheet {
        sheet: 0,
        header_row: Some(3),
    }));
    let p = next.import.clone().unwrap();
    assert_eq!(p.table.rows.len(), 1606);
    assert!(p.error.is_none());
    let next = next.reduce(Action::Import(ImportAction::ChooseSheet {
        sheet: 0,
        header_row: Some(99_999),
    }));
    let p = next.import.clone().unwrap();
    assert_eq!(p.table.rows.len(), 1606, "the table shown stays");
    assert!(
        p.error.as_deref().unwrap().contains("row 99999"),
        "{:?}",
        p.error
    );
}

#[test]
fn an_output_added_to_a_collapsed_group_opens_it_and_is_where_the_cursor_goes() {
    use rollplan_app::ui::state::{StructureOp, WorkAction};
    use rollplan_core::example::example_plan;
    use rollplan_core::sheet::{GroupKey, Row};
    let plan = example_plan();
    let first = GroupKey::Objective(plan.objectives[0].id);
    let state = Rc::new(AppState::open(plan.clone()));
    let state = state.reduce(Action::Work(WorkAction::ToggleGroup(first)));
    assert!(state.work.collapsed.contains(&first));
    let next = state.reduce(Action::Edit(EditAction::Structure {
        op: StructureOp::AddOutput,
        row: Row::Group(0),
    }));
    let after = next.doc.borrow().plan().clone();
    assert_eq!(after.outputs.len(), plan.outputs.len() + 1);
    let added = after
        .outputs
        .iter()
        .find(|o| plan.outputs.iter().all(|p| p.id != o.id))
        .expect("the new output");
    assert_eq!(next.work.reveal, Some(Target::Output(added.id)));
    assert!(
        !next.work.collapsed.contains(&first),
        "its group opened, so the new output shows"
    );
}

#[test]
fn opening_a_plan_file_says_so_even_when_it_has_nothing_to_report() {
    use rollplan_app::ui::state::ImportAction;
    let file = rollplan_core::io::json::save(&rollplan_core::example::example_plan());
    let state = Rc::new(AppState::open(small_plan()));
    let next = state.reduce(Action::Import(ImportAction::FileRead {
        name: "ops.rollplan.json".into(),
        bytes: Rc::new(file.clone().into_bytes()),
        taken: Rc::new(vec!["Small plan".into()]),
    }));
    let status = next.say.status.clone().unwrap_or_default();
    assert!(
        status.contains("Opened ops.rollplan.json") && status.contains("kept there too"),
        "{status}"
    );
    let title = rollplan_core::example::example_plan().title;
    assert_eq!(next.doc.borrow().plan().title, title);
    // Opened again while Plans has it (and a second copy): numbered, and said so.
    let again = next.reduce(Action::Import(ImportAction::FileRead {
        name: "ops.rollplan.json".into(),
        bytes: Rc::new(file.into_bytes()),
        taken: Rc::new(vec![title.clone(), format!("{title} (2)")]),
    }));
    assert_eq!(again.doc.borrow().plan().title, format!("{title} (3)"));
    let status = again.say.status.clone().unwrap_or_default();
    assert!(
        status.contains(&format!("as \u{201c}{title} (3)\u{201d}"))
            && status.contains(&format!(
                "already has a plan titled \u{201c}{title}\u{201d}"
            )),
        "{status}"
    );
}

#[test]
fn the_browsers_answer_about_keeping_plans_outlasts_opening_another_plan() {
    let state = Rc::new(AppState::example());
    assert_eq!(state.store.durable, None, "not asked until a plan is kept");
    let answered = state.reduce(Action::Store(StoreAction::Durable(false)));
    assert_eq!(answered.store.durable, Some(false));
    // The answer is the page's storage, not the plan's: another plan opened keeps it.
    let other = answered.reduce(open_stored("p2", 1));
    assert_eq!(other.store.home.borrow().id.as_deref(), Some("p2"));
    assert_eq!(other.store.durable, Some(false));
    let granted = other.reduce(Action::Store(StoreAction::Durable(true)));
    assert_eq!(granted.store.durable, Some(true));
}

#[test]
fn find_reveals_a_row_in_a_collapsed_group_on_the_resources_view() {
    use rollplan_app::ui::state::{View, WorkAction};
    use rollplan_core::sheet::find::find;
    let state = Rc::new(AppState::example());
    let state = state.reduce(Action::Work(WorkAction::CollapseAll(true)));
    let state = state.reduce(Action::Work(WorkAction::SetView(View::Rollups)));
    assert!(!state.work.collapsed.is_empty());
    let plan = state.doc.borrow().plan().clone();
    let hit = find(&plan, "world 2013")
        .into_iter()
        .next()
        .expect("a match");
    let found = state.clone().reduce(Action::Work(WorkAction::Reveal {
        target: hit.target,
        keep_focus: true,
    }));
    assert_eq!(found.work.view, View::Resources);
    assert_eq!(found.work.reveal, Some(hit.target));
    assert!(found.work.reveal_keeps_focus);
    // Only the group that hid it opened; the others stay as they were.
    assert_eq!(found.work.collapsed.len(), state.work.collapsed.len() - 1);
    // The next action does not move the cursor again.
    let after = found.reduce(Action::Work(WorkAction::ShowFind(false)));
    assert_eq!(after.work.reveal, None);
    assert!(!after.work.find_open);
}

#[test]
fn find_says_why_an_objective_is_not_a_row_when_grouped_by_org_unit() {
    use rollplan_app::ui::state::WorkAction;
    use rollplan_core::sheet::{Grouping, Target};
    let state = Rc::new(AppState::example());
    let objective = state.doc.borrow().plan().objectives[0].id;
    let reveal = Action::Work(WorkAction::Reveal {
        target: Target::Objective(objective),
        keep_focus: true,
    });
    let said = |s: &AppState| s.say.status.clone().unwrap_or_default();
    // Grouped by objective it is a row, and nothing needs saying.
    let shown = state.clone().reduce(reveal.clone());
    assert!(
        !said(&shown).contains("grouped by objective"),
        "{}",
        said(&shown)
    );
    let by_unit = state.reduce(Action::Work(WorkAction::SetGrouping(Grouping::Unit)));
    let found = by_unit.reduce(reveal);
    assert!(
        said(&found).contains("grouped by objective"),
        "{}",
        said(&found)
    );
}

/// Output 1.1 under O1 with a travel line of 1,000 and 3,000 and a contracts line of
/// 3,000 and 1,000.
fn planning_plan() -> rollplan_core::model::Plan {
    let mut p = small_plan();
    let travel = non_staff(&p, "TRAVEL");
    let contract = non_staff(&p, "CONTRACT");
    let links = vec![equal(&p, 0)];
    add_output(
        &mut p,
        "1.1",
        links,
        vec![
            (travel, vec![Some("1000"), Some("3000")]),
            (contract, vec![Some("3000"), Some("1000")]),
        ],
    );
    p
}

#[test]
fn changes_are_recorded_with_the_edges_clock_and_the_name_given() {
    use rollplan_app::ui::state::Clock;
    let p = planning_plan();
    let line = p.outputs[0].lines[0].id;
    let mut s = AppState::open(p);
    s.clock = Clock(|| 1_700_000_000_000);
    let s = Rc::new(s).reduce(Action::Store(StoreAction::Author("  Ana Analyst ".into())));
    let s = s.reduce(Action::Edit(EditAction::CommitCell {
        key: CellKey {
            target: Target::Line(line),
            col: Col::Year(0),
        },
        text: "=2*600".into(),
    }));
    let doc = s.doc.borrow();
    let r = doc.history().records.last().unwrap();
    assert_eq!((r.at, r.who.as_str()), (1_700_000_000_000, "Ana Analyst"));
    assert_eq!(r.figures[0].new, Some(d("1200")));
    drop(doc);
    // The name stays when another plan opens: it is the person's, not the plan's.
    let s = s.reduce(Action::Store(StoreAction::NewPlan(Box::new(small_plan()))));
    assert_eq!(s.store.author, "Ana Analyst");
}

#[test]
fn a_total_typed_spreads_and_holds_are_kept_one_undo_step() {
    use rollplan_app::ui::state::WorkAction;
    use rollplan_core::model::Key;
    use rollplan_core::sheet::{Grouping, Row, SheetKind};
    let p = planning_plan();
    let travel = p.outputs[0].lines[0].id;
    let s = Rc::new(AppState::open(p.clone()));
    let kind = SheetKind::Resources(Grouping::Objective);
    let sheet = s.sheet(kind);
    let r = sheet
        .rows
        .iter()
        .position(|x| *x == Row::Output(0))
        .unwrap();
    let c = sheet.cols.iter().position(|x| *x == Col::Period).unwrap();
    // Hold travel 2027, then spread 10,000 over the output's period (8,000 now).
    let s = s.reduce(Action::Work(WorkAction::ToggleHold(vec![Key::Value {
        line: travel,
        year: 1,
    }])));
    let s = s.reduce(Action::Edit(EditAction::Spread {
        sheet: kind,
        cell: (r, c),
        text: "10,000".into(),
        options: Default::default(),
    }));
    let values = |s: &AppState| -> Vec<Vec<Option<rust_decimal::Decimal>>> {
        s.doc.borrow().plan().outputs[0]
            .lines
            .iter()
            .map(|l| l.values.clone())
            .collect()
    };
    // 3,000 held; 7,000 over 1,000 : 3,000 : 1,000 = 1,400, 4,200, 1,400.
    assert_eq!(
        values(&s),
        vec![
            vec![Some(d("1400")), Some(d("3000"))],
            vec![Some(d("4200")), Some(d("1400"))]
        ]
    );
    assert!(s
        .say
        .status
        .as_deref()
        .unwrap_or("")
        .contains("1 held figure(s) kept"));
    let s = s.reduce(Action::Edit(EditAction::Undo));
    assert_eq!(content(s.doc.borrow().plan()), p);
    // Text that is not a number: refused with why, nothing changed.
    let s = s.reduce(Action::Edit(EditAction::Spread {
        sheet: kind,
        cell: (r, c),
        text: "ten".into(),
        options: Default::default(),
    }));
    assert!(s
        .say
        .message
        .as_deref()
        .unwrap_or("")
        .contains("not a number"));
}

#[test]
fn an_objective_adjusted_by_minus_five_percent_and_an_old_value_restored() {
    use rollplan_core::sheet::adjust::{Adjustment, Scope};
    use rollplan_core::sheet::{Grouping, Row, SheetKind};
    let p = planning_plan();
    let s = Rc::new(AppState::open(p.clone()));
    let kind = SheetKind::Resources(Grouping::Objective);
    let sheet = s.sheet(kind);
    let r = sheet
        .rows
        .iter()
        .position(|x| *x == Row::Output(0))
        .unwrap();
    let s = s.reduce(Action::Edit(EditAction::Adjust {
        sheet: kind,
        scope: Scope::Group(r),
        adjustment: Adjustment::Percent(d("-5")),
    }));
    assert_eq!(
        s.doc.borrow().plan().outputs[0].lines[0].values[0],
        Some(d("950"))
    );
    // The history's record of that figure restores it, as a change of its own.
    let s = s.reduce(Action::Edit(EditAction::Restore {
        record: 0,
        figure: 0,
    }));
    assert_eq!(
        s.doc.borrow().plan().outputs[0].lines[0].values[0],
        Some(d("1000"))
    );
    assert_eq!(s.doc.borrow().history().records.len(), 2);
    assert!(s
        .say
        .status
        .as_deref()
        .unwrap_or("")
        .starts_with("Restored Output 1.1"));
    // Trimming keeps the newest.
    let s = s.reduce(Action::Edit(EditAction::TrimHistory(
        rollplan_app::ui::state::Trim::KeepLast(1),
    )));
    assert_eq!(s.doc.borrow().history().records.len(), 1);
}
