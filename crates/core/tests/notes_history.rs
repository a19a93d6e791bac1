#![cfg(not(target_arch = "wasm32"))]
//! Notes on figures and rows, and the plan's history: recorded, filtered, restored,
//! trimmed, exported, carried in the file.

mod common;
use common::*;
use rollplan_core::document::Stamp;
use rollplan_core::io::{csv, json};
use rollplan_core::model::*;
use rollplan_core::sheet::find::find;
use rollplan_core::sheet::{type_into, CellKey, Col, Grouping, Row, Sheet, Target};
use rollplan_core::{Document, Edit};
use std::collections::HashSet;

/// Output 1.1 (under O1) with a travel line 1,000 / blank and a P4 post.
fn plan() -> (Plan, LineId, OutputId) {
    let mut p = small_plan();
    let travel = non_staff(&p, "TRAVEL");
    let p4 = posts(&p, "P4");
    let links = vec![equal(&p, 0)];
    let out = add_output(
        &mut p,
        "1.1",
        links,
        vec![
            (travel, vec![Some("1000"), None]),
            (p4, vec![Some("1"), Some("1")]),
        ],
    );
    let line = p.output(out).unwrap().lines[0].id;
    (p, line, out)
}

fn year(line: LineId, y: usize) -> CellKey {
    CellKey {
        target: Target::Line(line),
        col: Col::Year(y),
    }
}

#[test]
fn a_note_sits_on_its_cell_travels_in_the_file_and_is_found() {
    let (p, line, out) = plan();
    let mut doc = Document::open(p.clone()).unwrap();
    let sheet = Sheet::resources(&p, Grouping::Objective, &HashSet::new());
    let r = sheet
        .rows
        .iter()
        .position(|x| *x == Row::Line(0, 0))
        .unwrap();
    let c = sheet.cols.iter().position(|x| *x == Col::Year(0)).unwrap();
    let at = sheet.note_at(&p, r, c).unwrap();
    assert_eq!(at, NoteAt::Figure(Key::Value { line, year: 0 }));
    doc.apply(Edit::SetNote {
        at,
        text: Some("Two missions to Geneva".into()),
    })
    .unwrap();
    let o = sheet
        .rows
        .iter()
        .position(|x| *x == Row::Output(0))
        .unwrap();
    doc.apply(Edit::SetNote {
        at: sheet.note_at(&p, o, 0).unwrap(),
        text: Some("Reviewed with the unit head".into()),
    })
    .unwrap();
    assert_eq!(
        sheet.note_marked(doc.plan(), r, c),
        Some("Two missions to Geneva")
    );
    assert_eq!(
        sheet.note_marked(doc.plan(), o, 0),
        Some("Reviewed with the unit head")
    );
    assert_eq!(
        sheet.note_marked(doc.plan(), o, c),
        None,
        "a row's note marks its first cell"
    );
    // Saved and read back; found by its words, at its row.
    let back = json::load(&json::save(doc.plan())).unwrap();
    assert_eq!(back.note(at), Some("Two missions to Geneva"));
    let hits = find(&back, "geneva");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].target, Target::Line(line));
    assert!(
        hits[0]
            .label
            .starts_with("Note on Output 1.1, Travel on duty, 2026"),
        "{}",
        hits[0].label
    );
    // Exported as CSV, spreadsheet-safe.
    doc.apply(Edit::SetNote {
        at: NoteAt::Output(out),
        text: Some("=HYPERLINK(\"x\")".into()),
    })
    .unwrap();
    let text = csv::notes_csv(doc.plan());
    assert!(text.starts_with("place,output_code,year,note\r\n"));
    assert!(
        text.contains("Output 1.1,1.1,,\"'=HYPERLINK(\"\"x\"\")\""),
        "{text}"
    );
    assert!(text.contains("2026,Two missions to Geneva"), "{text}");
    // Deleted with undo; a blank note is no note.
    doc.apply(Edit::SetNote {
        at,
        text: Some("   ".into()),
    })
    .unwrap();
    assert_eq!(doc.plan().note(at), None);
    doc.undo().unwrap();
    assert_eq!(doc.plan().note(at), Some("Two missions to Geneva"));
    // Too long: refused with the limit.
    let long = "x".repeat(rollplan_core::limits::MAX_NOTE_CHARS + 1);
    let e = doc
        .apply(Edit::SetNote {
            at,
            text: Some(long),
        })
        .unwrap_err();
    assert!(e.to_string().contains("at most 4000 characters"), "{e}");
}

#[test]
fn a_note_on_a_deleted_line_comes_back_with_undo_and_is_not_written() {
    let (p, line, _) = plan();
    let mut doc = Document::open(p).unwrap();
    let at = NoteAt::Line(line);
    doc.apply(Edit::SetNote {
        at,
        text: Some("Why".into()),
    })
    .unwrap();
    doc.apply(Edit::RemoveLine { line }).unwrap();
    let saved = json::load(&json::save(doc.plan())).unwrap();
    assert!(
        saved.notes.is_empty(),
        "not written for a line that is gone"
    );
    doc.undo().unwrap();
    assert_eq!(doc.plan().note(at), Some("Why"));
}

#[test]
fn every_change_is_recorded_with_when_who_what_and_its_figures() {
    let (p, line, out) = plan();
    let mut doc = Document::open(p).unwrap();
    doc.set_stamp(Stamp {
        at: 1_000,
        who: "Ana".into(),
    });
    type_into(&mut doc, year(line, 0), "1,500").unwrap();
    doc.set_stamp(Stamp {
        at: 2_000,
        who: "Ben".into(),
    });
    type_into(&mut doc, year(line, 1), "=2*400").unwrap();
    doc.apply(Edit::SetLineDescription {
        line,
        description: "Missions".into(),
    })
    .unwrap();
    doc.undo().unwrap();
    // Text that is not a number changes no figure: no record.
    type_into(&mut doc, year(line, 0), "lots").unwrap();
    let h = &doc.plan().history;
    assert_eq!(h.records.len(), 4, "{:#?}", h.records);
    let first = &h.records[0];
    assert_eq!(
        (first.at, first.who.as_str(), first.origin),
        (1_000, "Ana", Origin::Edit)
    );
    assert_eq!(first.what, "Output 1.1, Travel on duty, 2026");
    assert_eq!(first.figures.len(), 1);
    let f = first.figures[0];
    assert_eq!(
        (f.old, f.new, f.output),
        (Some(d("1000")), Some(d("1500")), Some(out))
    );
    assert_eq!(
        h.records[1].what,
        "Output 1.1, Travel on duty, 2027 typed as =2*400"
    );
    assert_eq!(
        h.records[2].what,
        "Output 1.1, Travel on duty renamed \u{201c}Missions\u{201d}"
    );
    assert_eq!(
        (h.records[3].origin, h.records[3].who.as_str()),
        (Origin::Undo, "Ben")
    );
    // The CSV has a row per figure, the time in UTC.
    let text = csv::history_csv(doc.plan());
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows[0],
        "when_utc,who,change,scenario,what,details,figure,output_code,year,old,new,comment"
    );
    assert_eq!(
        rows[1],
        "1970-01-01 00:00:01,Ana,edit,,\"Output 1.1, Travel on duty, 2026\",,\"Output 1.1, Travel on duty, 2026\",1.1,2026,1000,1500,"
    );
    assert_eq!(rows.len(), 5);
}

#[test]
fn an_old_value_is_restored_as_a_new_change_in_its_scenario() {
    let (p, line, _) = plan();
    let mut doc = Document::open(p).unwrap();
    let edit =
        rollplan_core::document::commands::create_scenario(doc.plan(), "Lean", None).unwrap();
    doc.apply_to_plan(edit).unwrap();
    let id = doc.plan().scenarios[0].id;
    doc.show(Some(id)).unwrap();
    type_into(&mut doc, year(line, 0), "800").unwrap();
    type_into(&mut doc, year(line, 0), "700").unwrap();
    let n = doc.plan().history.records.len();
    assert_eq!(doc.plan().history.records[n - 2].scenario, Some(id));
    // Back on the baseline, restore the scenario's figure before the first change.
    doc.show(None).unwrap();
    assert!(doc.restore(n - 2, 0).unwrap());
    let s = &doc.plan().scenarios[0];
    assert_eq!(s.get(Key::Value { line, year: 0 }), Some(Some(d("1000"))));
    assert_eq!(
        doc.plan().outputs[0].lines[0].values[0],
        Some(d("1000")),
        "baseline as it was"
    );
    let last = doc.plan().history.records.last().unwrap();
    assert_eq!(last.origin, Origin::Restore);
    assert_eq!(last.scenario, Some(id));
    assert_eq!(
        last.what,
        "Restored Output 1.1, Travel on duty, 2026 to 1,000"
    );
    // Undoable like any change; restoring what is already there changes nothing.
    doc.undo().unwrap();
    assert_eq!(
        doc.plan().scenarios[0].get(Key::Value { line, year: 0 }),
        Some(Some(d("700")))
    );
    assert!(
        doc.restore(n - 1, 0).unwrap(),
        "back to 800, before the second change"
    );
    assert!(
        !doc.restore(n - 1, 0).unwrap(),
        "already 800: nothing to do"
    );
}

#[test]
fn the_history_is_trimmed_only_on_request_and_says_from_when_it_is_complete() {
    let (p, line, _) = plan();
    let mut doc = Document::open(p).unwrap();
    for (i, v) in ["1", "2", "3", "4"].iter().enumerate() {
        doc.set_stamp(Stamp {
            at: (i as u64 + 1) * 1000,
            who: String::new(),
        });
        type_into(&mut doc, year(line, 0), v).unwrap();
    }
    doc.comment(3, "Final figure");
    assert_eq!(doc.trim_history_before(3000), 2);
    let h = &doc.plan().history;
    assert_eq!(h.records.len(), 2);
    assert_eq!(h.complete_from, Some(3000));
    assert_eq!(h.records[1].comment, "Final figure");
    assert_eq!(doc.keep_history(1), 1);
    assert_eq!(doc.plan().history.complete_from, Some(4000));
    let back = json::load(&json::save(doc.plan())).unwrap();
    assert_eq!(back.history, doc.plan().history);
}

#[test]
fn a_deleted_line_keeps_its_name_in_the_history() {
    let (p, line, _) = plan();
    let mut doc = Document::open(p).unwrap();
    type_into(&mut doc, year(line, 0), "5").unwrap();
    doc.apply(Edit::RemoveLine { line }).unwrap();
    let h = &doc.plan().history;
    assert_eq!(h.records[1].what, "Output 1.1, Travel on duty deleted");
    let label = rollplan_core::document::figure_label(doc.plan(), h, Key::Value { line, year: 0 });
    assert_eq!(label, "Output 1.1, Travel on duty (deleted), 2026");
}

#[test]
fn a_file_with_a_broken_note_or_an_oversized_history_is_refused_at_its_place() {
    let (mut p, line, _) = plan();
    p.notes.push(Note {
        at: NoteAt::Line(line),
        text: "x".repeat(rollplan_core::limits::MAX_NOTE_CHARS + 1),
    });
    let e = json::load(&json::save(&p)).unwrap_err();
    assert!(e.to_string().contains("note on output 1.1, line 1"), "{e}");
    let (mut p, line, _) = plan();
    p.history.records.push(Record {
        at: 0,
        who: String::new(),
        origin: Origin::Edit,
        scenario: None,
        what: "Pasted".into(),
        other: Vec::new(),
        figures: vec![
            FigureChange {
                key: Key::Value { line, year: 0 },
                output: None,
                old: None,
                new: None,
            };
            rollplan_core::limits::MAX_HISTORY_FIGURES + 1
        ],
        comment: String::new(),
    });
    let e = json::load(&json::save(&p)).unwrap_err();
    assert!(
        e.to_string().contains("history, record 1") && e.to_string().contains("at most 1000000"),
        "{e}"
    );
}

#[test]
fn a_history_past_its_limit_drops_its_oldest_records_and_says_from_when_it_is_complete() {
    let (_, line, _) = plan();
    let change = FigureChange {
        key: Key::Value { line, year: 0 },
        output: None,
        old: None,
        new: Some(d("1")),
    };
    let record = |at: u64, n: usize| Record {
        at,
        who: String::new(),
        origin: Origin::Edit,
        scenario: None,
        what: "Adjusted the whole plan".into(),
        other: Vec::new(),
        figures: vec![change; n],
        comment: String::new(),
    };
    let mut h = History {
        records: vec![record(1, 600_000), record(2, 500_000)],
        ..History::default()
    };
    h.enforce_limit();
    assert_eq!(h.records.len(), 1);
    assert_eq!(h.records[0].at, 2);
    assert_eq!(h.complete_from, Some(2));
    assert!(h.figure_count() <= rollplan_core::limits::MAX_HISTORY_FIGURES);
}

#[test]
fn a_calculation_typed_for_the_figure_it_already_was_is_recorded() {
    let (p, line, _) = plan();
    let mut doc = Document::open(p).unwrap();
    // 1,000 typed again as a calculation: no figure changes, the calculation is kept.
    type_into(&mut doc, year(line, 0), "=4*250").unwrap();
    let h = &doc.plan().history;
    assert_eq!(h.records.len(), 1, "{:#?}", h.records);
    assert!(h.records[0].figures.is_empty());
    assert_eq!(
        h.records[0].what,
        "Output 1.1, Travel on duty, 2026 typed as =4*250, the same figure"
    );
    // Undoing it changes no figure either, and takes the calculation away.
    doc.undo().unwrap();
    assert_eq!(
        rollplan_core::sheet::expression_at(&doc, year(line, 0)),
        None
    );
    // The same number typed plainly is no change at all: nothing recorded.
    type_into(&mut doc, year(line, 0), "1000").unwrap();
    assert_eq!(doc.plan().history.records.len(), 1);
    // Typed plainly over a kept calculation: the calculation goes, and that is said.
    type_into(&mut doc, year(line, 0), "=500+500").unwrap();
    type_into(&mut doc, year(line, 0), "1,000").unwrap();
    let h = &doc.plan().history;
    assert_eq!(h.records.len(), 3);
    assert_eq!(
        h.records[2].what,
        "Output 1.1, Travel on duty, 2026 typed as a plain figure, the same"
    );
    assert_eq!(
        rollplan_core::sheet::expression_at(&doc, year(line, 0)),
        None
    );
}
