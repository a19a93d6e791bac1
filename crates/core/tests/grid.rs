//! The resources and standard-cost grids: layout, what cells show, and how typing, pasting,
//! filling and clearing become edits (one undo step each).

mod common;

use common::*;
use rollplan_core::example::example_plan;
use rollplan_core::io::tsv;
use rollplan_core::model::*;
use rollplan_core::sheet::{
    commit, structure, CellKey, Col, Drafts, GroupKey, Grouping, Range, Row, Sheet, Target,
};
use rollplan_core::{Document, Edit};
use std::collections::HashSet;

fn doc(plan: Plan) -> Document {
    Document::open(plan).expect("plan computes")
}

fn sheet(d: &Document) -> Sheet {
    Sheet::resources(d.plan(), Grouping::Objective, &HashSet::new())
}

/// Position of the first row that is `row` and of the column `col`.
fn pos(s: &Sheet, row: Row, col: Col) -> (usize, usize) {
    (
        s.rows.iter().position(|r| *r == row).expect("row in sheet"),
        s.cols.iter().position(|c| *c == col).expect("col in sheet"),
    )
}

/// A plan with one output linked to O1: a P4 line (posts) and two travel lines.
fn plan_with_lines() -> Plan {
    let mut p = small_plan();
    let links = vec![equal(&p, 0)];
    let kinds = vec![
        (posts(&p, "P4"), vec![Some("1"), Some("2")]),
        (non_staff(&p, "TRAVEL"), vec![Some("1000"), None]),
        (non_staff(&p, "TRAVEL"), vec![None, None]),
    ];
    add_output(&mut p, "1.1", links, kinds);
    p
}

#[test]
fn outputs_appear_under_their_first_objective_with_lines_costs_and_a_total() {
    let dc = doc(example_plan());
    let s = sheet(&dc);
    let plan = dc.plan();
    // Every output exactly once, every line once, staff lines followed by their cost row.
    for (o, out) in plan.outputs.iter().enumerate() {
        assert_eq!(s.rows.iter().filter(|r| **r == Row::Output(o)).count(), 1);
        for l in 0..out.lines.len() {
            let at = s.rows.iter().position(|r| *r == Row::Line(o, l)).unwrap();
            let staff = matches!(out.lines[l].kind, LineKind::Staff { .. });
            assert_eq!(s.rows.get(at + 1) == Some(&Row::Cost(o, l)), staff);
        }
        // Under the group of its first linked objective.
        let at = s.rows.iter().position(|r| *r == Row::Output(o)).unwrap();
        let group = s.rows[..at]
            .iter()
            .rev()
            .find_map(|r| match r {
                Row::Group(g) => Some(&s.groups[*g]),
                _ => None,
            })
            .unwrap();
        assert_eq!(group.key, GroupKey::Objective(out.links[0].objective));
    }
    assert_eq!(s.rows.last(), Some(&Row::Total));
    assert_eq!(s.groups.len(), plan.objectives.len());
}

#[test]
fn collapsing_a_group_hides_its_outputs_and_keeps_its_subtotal() {
    let dc = doc(example_plan());
    let o1 = dc.plan().objectives[0].id;
    let open = sheet(&dc);
    let closed = Sheet::resources(
        dc.plan(),
        Grouping::Objective,
        &HashSet::from([GroupKey::Objective(o1)]),
    );
    assert!(closed.rows.len() < open.rows.len());
    assert!(closed.groups[0].collapsed);
    assert_eq!(closed.rows[1], Row::Group(1));
    let period = open.cols.len() - 1;
    assert_eq!(
        open.row_cells(dc.engine(), 0)[period].text,
        closed.row_cells(dc.engine(), 0)[period].text
    );
}

#[test]
fn group_subtotals_and_the_total_row_match_the_engine() {
    let dc = doc(example_plan());
    let s = sheet(&dc);
    let period = s.cols.len() - 1;
    let objective = dc.engine().table(rollplan_core::Dim::Objective).unwrap();
    // Each example output has one X, so a group's subtotal is its objective's cost.
    for (g, _) in s.groups.iter().enumerate() {
        let (r, _) = pos(&s, Row::Group(g), Col::Label);
        let cell = &s.row_cells(dc.engine(), r)[period];
        let expected = rollplan_core::numfmt::format_amount(objective.rows[g].figures.period, 0);
        assert_eq!(cell.text, expected);
        assert!(!cell.editable);
    }
    let total = s.row_cells(dc.engine(), s.rows.len() - 1);
    assert_eq!(
        total[period].text,
        rollplan_core::numfmt::format_amount(objective.total.period, 0)
    );
}

#[test]
fn grouping_by_unit_puts_outputs_under_their_unit() {
    let dc = doc(example_plan());
    let s = Sheet::resources(dc.plan(), Grouping::Unit, &HashSet::new());
    for g in &s.groups {
        for &o in &g.outputs {
            match g.key {
                GroupKey::Unit(u) => assert_eq!(dc.plan().outputs[o].unit, Some(u)),
                _ => assert!(dc.plan().outputs[o].unit.is_none()),
            }
        }
    }
    let listed: usize = s.groups.iter().map(|g| g.outputs.len()).sum();
    assert_eq!(listed, dc.plan().outputs.len());
}

#[test]
fn cells_are_named_by_output_line_and_year_and_computed_cells_are_read_only() {
    let dc = doc(plan_with_lines());
    let s = sheet(&dc);
    let (r, c) = pos(&s, Row::Line(0, 1), Col::Year(1));
    let cells = s.row_cells(dc.engine(), r);
    assert_eq!(cells[c].name, "Output 1.1, Travel on duty, 2027");
    assert!(cells[c].editable);
    let (r, c) = pos(&s, Row::Line(0, 0), Col::Year(0));
    assert_eq!(
        s.row_cells(dc.engine(), r)[c].name,
        "Output 1.1, P4 posts, 2026"
    );
    // The P4 cost row: 1 post x 100,000, read-only.
    let (r, c) = pos(&s, Row::Cost(0, 0), Col::Year(0));
    let cost = &s.row_cells(dc.engine(), r)[c];
    assert_eq!(cost.text, "100,000");
    assert_eq!(cost.name, "Output 1.1, P4 posts cost, 2026");
    assert!(!cost.editable);
    // Output row: 100,000 + 1,000 in 2026.
    let (r, c) = pos(&s, Row::Output(0), Col::Year(0));
    let out = &s.row_cells(dc.engine(), r)[c];
    assert_eq!(out.text, "101,000");
    assert!(!out.editable);
}

#[test]
fn typed_numbers_are_read_as_budget_people_write_them() {
    let p = plan_with_lines();
    let line = p.outputs[0].lines[2].id;
    let key = CellKey {
        target: Target::Line(line),
        col: Col::Year(0),
    };
    for (text, value) in [
        ("1,234.50", "1234.50"),
        ("1234.5", "1234.5"),
        ("-200", "-200"),
    ] {
        assert_eq!(
            commit(&p, key, text),
            Ok(Some(Edit::SetFigure {
                key: Key::Value { line, year: 0 },
                value: Some(d(value))
            }))
        );
    }
    // Same value: no edit, so no empty undo step.
    let key1 = CellKey {
        target: Target::Line(p.outputs[0].lines[1].id),
        col: Col::Year(0),
    };
    assert_eq!(commit(&p, key1, "1,000"), Ok(None));
    let err = commit(&p, key, "twelve").unwrap_err();
    assert!(
        err.contains("twelve") && err.contains("not a number"),
        "{err}"
    );
    // A comma that cannot be a thousands separator is not read as one: `2,5` is not 25,
    // `1,2,3` not 123, `(-200)` not +200; each stays a draft with its reason.
    let err = commit(&p, key, "2,5").unwrap_err();
    assert!(err.contains("did you mean 2.5?"), "{err}");
    assert!(commit(&p, key, "1,2,3").is_err());
    assert!(commit(&p, key, "(-200)").unwrap_err().contains("not both"));
    // More decimals than a figure keeps are refused where they are typed.
    assert!(commit(&p, key, "0.000000000000000000001")
        .unwrap_err()
        .contains("at most 6"));
}

#[test]
fn a_line_type_is_a_grade_or_a_category() {
    let p = plan_with_lines();
    let line = p.outputs[0].lines[1].id;
    let key = CellKey {
        target: Target::Line(line),
        col: Col::Type,
    };
    assert_eq!(
        commit(&p, key, "p3"),
        Ok(Some(Edit::SetLineKind {
            line,
            kind: posts(&p, "P3")
        }))
    );
    assert_eq!(
        commit(&p, key, "G6 work-months"),
        Ok(Some(Edit::SetLineKind {
            line,
            kind: months(&p, "G6")
        }))
    );
    assert_eq!(
        commit(&p, key, "Contractual services"),
        Ok(Some(Edit::SetLineKind {
            line,
            kind: non_staff(&p, "CONTRACT")
        }))
    );
    let err = commit(&p, key, "P9").unwrap_err();
    assert!(err.contains("P9") && err.contains("P4") && err.contains("TRAVEL"));
}

#[test]
fn a_pasted_block_is_one_undo_step_and_reports_what_it_could_not_use() {
    let mut dc = doc(plan_with_lines());
    let before = dc.plan().clone();
    let s = sheet(&dc);
    let (r, c) = pos(&s, Row::Line(0, 1), Col::Year(0));
    // Two rows from Excel: the second lands on the last travel line; the third column has
    // no year to go to (the biennium and period totals take no typing, so nothing lands
    // there); "n/a" is not a number.
    let block = tsv::parse("5\t6\t99\r\n7\tn/a\t99\r\n");
    let change = s.paste(dc.plan(), &Range::at(r, c), &block);
    assert_eq!(change.edits.len(), 3);
    assert_eq!((change.read_only, change.outside), (0, 2));
    assert_eq!(change.drafts.len(), 1);
    assert_eq!(change.drafts[0].1.text, "n/a");
    assert!(change.summary("Pasted").contains("not valid"));
    dc.apply(Edit::Batch(change.edits)).unwrap();
    let lines = &dc.plan().outputs[0].lines;
    assert_eq!(lines[1].values, vec![Some(d("5")), Some(d("6"))]);
    assert_eq!(lines[2].values, vec![Some(d("7")), None]);
    dc.undo().unwrap();
    assert_eq!(content(dc.plan()), before);
}

#[test]
fn values_past_the_edge_are_left_out_and_counted() {
    let dc = doc(plan_with_lines());
    let s = sheet(&dc);
    let (r, c) = pos(&s, Row::Line(0, 2), Col::Year(1));
    let change = s.paste(dc.plan(), &Range::at(r, c), &tsv::parse("1\t2\t3\n4\t5\t6"));
    // The last year takes 1; the last line has no line below it for 4.
    assert_eq!(change.edits.len(), 1);
    assert_eq!(change.outside, 5);
    assert!(change.summary("Pasted").contains("no editable cell left"));
}

#[test]
fn a_block_copied_over_totals_and_cost_rows_pastes_onto_figures_only() {
    let mut dc = doc(plan_with_lines());
    let s = sheet(&dc);
    // From the P4 line (which has a cost row under it) through the first travel line, and
    // from its first year through the period total.
    let (r0, c0) = pos(&s, Row::Line(0, 0), Col::Year(0));
    let (r1, _) = pos(&s, Row::Line(0, 1), Col::Year(0));
    let last = s.cols.len() - 1;
    let copied = s.copy(
        dc.engine(),
        &Drafts::new(),
        &Range {
            anchor: (r0, c0),
            cursor: (r1, last),
        },
    );
    // Only the figures: no cost row, no biennium or period total.
    assert_eq!(copied, vec![vec!["1", "2"], vec!["1000", ""]]);
    // Pasted onto the first travel line, the P4 figures go there and the travel figures
    // to the line below it, past nothing computed; nothing falls on a computed cell.
    let change = s.paste(dc.plan(), &Range::at(r1, c0), &copied);
    assert_eq!((change.read_only, change.outside), (0, 0));
    dc.apply(Edit::Batch(change.edits)).unwrap();
    let lines = &dc.plan().outputs[0].lines;
    assert_eq!(lines[1].values, vec![Some(d("1")), Some(d("2"))]);
    assert_eq!(lines[2].values, vec![Some(d("1000")), None]);
    // A range of totals alone copies as shown.
    let (rt, _) = pos(&s, Row::Output(0), Col::Year(0));
    let totals = s.copy(dc.engine(), &Drafts::new(), &Range::at(rt, last));
    assert_eq!(totals.len(), 1);
    assert!(!totals[0][0].is_empty());
}

#[test]
fn one_value_pasted_over_a_selection_fills_it() {
    let dc = doc(plan_with_lines());
    let s = sheet(&dc);
    let (r1, c0) = pos(&s, Row::Line(0, 1), Col::Year(0));
    let (r2, c1) = pos(&s, Row::Line(0, 2), Col::Year(1));
    let range = Range {
        anchor: (r1, c0),
        cursor: (r2, c1),
    };
    let change = s.paste(dc.plan(), &range, &tsv::parse("42\n"));
    // 1000 -> 42, blank -> 42 (x3).
    assert_eq!(change.edits.len(), 4);
}

#[test]
fn copy_then_paste_reproduces_the_values() {
    let mut dc = doc(plan_with_lines());
    let s = sheet(&dc);
    let (r, c) = pos(&s, Row::Line(0, 1), Col::Year(0));
    let text = tsv::write(&s.copy(
        dc.engine(),
        &Drafts::new(),
        &Range {
            anchor: (r, c),
            cursor: (r, c + 1),
        },
    ));
    assert_eq!(text, "1000\t");
    let (r2, _) = pos(&s, Row::Line(0, 2), Col::Year(0));
    let change = s.paste(dc.plan(), &Range::at(r2, c), &tsv::parse(&text));
    dc.apply(Edit::Batch(change.edits)).unwrap();
    assert_eq!(
        dc.plan().outputs[0].lines[2].values,
        vec![Some(d("1000")), None]
    );
}

#[test]
fn fill_down_and_right_copy_the_first_row_or_column() {
    let mut dc = doc(plan_with_lines());
    let s = sheet(&dc);
    let (r1, c0) = pos(&s, Row::Line(0, 1), Col::Year(0));
    let (r2, c1) = pos(&s, Row::Line(0, 2), Col::Year(1));
    let down = s.fill(
        dc.engine(),
        &Drafts::new(),
        &Range {
            anchor: (r1, c0),
            cursor: (r2, c0),
        },
        true,
    );
    dc.apply(Edit::Batch(down.edits)).unwrap();
    assert_eq!(dc.plan().outputs[0].lines[2].values[0], Some(d("1000")));
    let right = s.fill(
        dc.engine(),
        &Drafts::new(),
        &Range {
            anchor: (r1, c0),
            cursor: (r2, c1),
        },
        false,
    );
    dc.apply(Edit::Batch(right.edits)).unwrap();
    for l in 1..=2 {
        assert_eq!(
            dc.plan().outputs[0].lines[l].values,
            vec![Some(d("1000")), Some(d("1000"))]
        );
    }
    // A single cell takes the value of the cell above it.
    let line1 = dc.plan().outputs[0].lines[1].id;
    dc.apply(Edit::SetFigure {
        key: Key::Value {
            line: line1,
            year: 0,
        },
        value: Some(d("7")),
    })
    .unwrap();
    let one = s.fill(dc.engine(), &Drafts::new(), &Range::at(r2, c0), true);
    dc.apply(Edit::Batch(one.edits)).unwrap();
    assert_eq!(dc.plan().outputs[0].lines[2].values[0], Some(d("7")));
    // Nothing above the first row.
    assert!(s
        .fill(dc.engine(), &Drafts::new(), &Range::at(0, c0), true)
        .edits
        .is_empty());
}

#[test]
fn delete_blanks_numbers_and_drops_drafts_but_keeps_text() {
    let dc = doc(plan_with_lines());
    let s = sheet(&dc);
    let (r, _) = pos(&s, Row::Line(0, 1), Col::Label);
    let key = s.key(dc.plan(), r, 4).unwrap();
    let mut drafts = Drafts::new();
    drafts.insert(
        key,
        rollplan_core::sheet::Draft {
            text: "x".into(),
            error: "no".into(),
        },
    );
    let change = s.clear(
        dc.plan(),
        &drafts,
        &Range {
            anchor: (r, 0),
            cursor: (r, s.cols.len() - 1),
        },
    );
    // Only the 2026 travel value (1000) was not blank; the description stays.
    assert_eq!(change.edits.len(), 1);
    assert_eq!(change.cleared, vec![key]);
}

#[test]
fn structure_edits_add_move_and_delete_with_undo() {
    let mut dc = doc(plan_with_lines());
    let before = dc.plan().clone();
    let output = dc.plan().outputs[0].id;
    dc.apply(structure::new_line(dc.plan(), output, 3).unwrap())
        .unwrap();
    assert_eq!(dc.plan().outputs[0].lines.len(), 4);
    let s = sheet(&dc);
    let moved = structure::shift(dc.plan(), &s, Row::Line(0, 3), true).unwrap();
    dc.apply(moved).unwrap();
    assert_eq!(dc.plan().outputs[0].lines[2].description, "New line");
    let g = dc.plan().objectives[0].id;
    dc.apply(structure::new_output(dc.plan(), GroupKey::Objective(g), 1))
        .unwrap();
    assert_eq!(dc.plan().outputs[1].code, "1.2");
    assert_eq!(dc.plan().outputs[1].links[0].objective, g);
    dc.apply(structure::new_objective(dc.plan(), 3)).unwrap();
    assert_eq!(dc.plan().objectives[3].code, "O4");
    let s = sheet(&dc);
    let remove = structure::remove(dc.plan(), &s, Row::Group(0)).unwrap();
    dc.apply(remove).unwrap();
    assert!(dc.plan().outputs.iter().all(|o| o.links.is_empty()));
    // Top of its list: cannot move up.
    let s = sheet(&dc);
    assert!(structure::shift(dc.plan(), &s, Row::Line(0, 0), true).is_none());
    while dc.can_undo() {
        dc.undo().unwrap();
    }
    // Ids handed out are never handed out again, even after undo.
    let mut after = content(dc.plan());
    assert!(after.next_id > before.next_id);
    after.next_id = before.next_id;
    assert_eq!(after, before);
}

#[test]
fn standard_costs_show_escalated_years_as_derived_and_accept_entries() {
    let dc = doc(example_plan());
    let s = Sheet::standard_costs(dc.plan());
    let p4 = dc
        .plan()
        .grades
        .iter()
        .position(|g| g.code == "P4")
        .unwrap();
    let cells = s.row_cells(dc.engine(), p4);
    assert_eq!(cells[1].text, "221,000");
    assert!(!cells[1].derived);
    // 221,000 x 1.015 = 224,315, escalated, marked derived, shown to the plan's precision
    // (whole units unless cents are on).
    assert_eq!(cells[2].text, "224,315");
    assert!(cells[2].derived && cells[2].editable);
    let key = s.key(dc.plan(), p4, 2).unwrap();
    assert!(commit(dc.plan(), key, "-5").is_err());
    assert!(matches!(
        commit(dc.plan(), key, "230,000"),
        Ok(Some(Edit::SetFigure {
            key: Key::StandardCost { .. },
            ..
        }))
    ));
}

#[test]
fn clipboard_text_from_spreadsheets_is_read_cell_by_cell() {
    assert_eq!(
        tsv::parse("a\tb\r\nc\td\r\n"),
        vec![vec!["a", "b"], vec!["c", "d"]]
    );
    // Excel quotes a cell with a line break or a quote.
    assert_eq!(
        tsv::parse("\"two\nlines\"\t\"say \"\"hi\"\"\"\n1\t"),
        vec![vec!["two\nlines", "say \"hi\""], vec!["1", ""]]
    );
    assert_eq!(tsv::parse(""), Vec::<Vec<String>>::new());
    let rows = vec![
        vec!["x\ty".to_string(), "1".into()],
        vec!["q\"".into(), "".into()],
    ];
    assert_eq!(tsv::parse(&tsv::write(&rows)), rows);
}

#[test]
fn the_shape_version_moves_with_structure_not_with_values() {
    let mut dc = doc(plan_with_lines());
    let line = dc.plan().outputs[0].lines[1].id;
    let v0 = dc.shape_version();
    dc.apply(Edit::SetFigure {
        key: Key::Value { line, year: 0 },
        value: Some(d("5")),
    })
    .unwrap();
    dc.undo().unwrap();
    assert_eq!(dc.shape_version(), v0);
    let output = dc.plan().outputs[0].id;
    dc.apply(structure::new_line(dc.plan(), output, 0).unwrap())
        .unwrap();
    let v1 = dc.shape_version();
    assert!(v1 > v0);
    dc.undo().unwrap();
    assert!(dc.shape_version() > v1);
    // A kind change adds or removes a cost row: a new shape.
    let v2 = dc.shape_version();
    dc.apply(Edit::SetLineKind {
        line,
        kind: posts(dc.plan(), "P4"),
    })
    .unwrap();
    assert!(dc.shape_version() > v2);
}

#[test]
fn a_matrix_cell_takes_an_x_or_a_percentage() {
    use rollplan_core::sheet::parse_share;
    assert_eq!(parse_share("x"), Ok(Some(Share::Equal)));
    assert_eq!(parse_share(" X "), Ok(Some(Share::Equal)));
    assert_eq!(parse_share("25"), Ok(Some(Share::Percent(d("25")))));
    assert_eq!(parse_share("12.5 %"), Ok(Some(Share::Percent(d("12.5")))));
    assert_eq!(parse_share("100%"), Ok(Some(Share::Percent(d("100")))));
    assert_eq!(parse_share(""), Ok(None));
    assert!(parse_share("0").unwrap_err().contains("more than 0"));
    assert!(parse_share("120 %").unwrap_err().contains("at most 100"));
    assert!(parse_share("half").unwrap_err().contains("half"));
}

#[test]
fn a_new_blank_plan_has_one_row_of_each_level_to_type_in() {
    use rollplan_core::sheet::structure;
    let plan = structure::starter("Untitled plan", &["2027", "2028", "2029", "2030"]);
    assert_eq!(plan.title, "Untitled plan");
    assert_eq!(plan.years, ["2027", "2028", "2029", "2030"]);
    assert_eq!(plan.objectives.len(), 1);
    assert_eq!(plan.outputs.len(), 1);
    assert_eq!(plan.outputs[0].links[0].objective, plan.objectives[0].id);
    assert_eq!(plan.outputs[0].lines.len(), 1);
    let errors: Vec<_> = rollplan_core::reports::validate::validate(&plan)
        .into_iter()
        .filter(|f| f.severity == rollplan_core::reports::validate::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Its line is a cell a user can type a figure into.
    let sheet = Sheet::resources(&plan, Grouping::Objective, &Default::default());
    let line_row = sheet
        .rows
        .iter()
        .position(|r| matches!(r, Row::Line(0, 0)))
        .expect("the line has a row");
    let year = sheet
        .cols
        .iter()
        .position(|c| matches!(c, Col::Year(0)))
        .unwrap();
    let key = sheet
        .key(&plan, line_row, year)
        .expect("the cell edits the plan");
    let edit = commit(&plan, key, "5000").unwrap();
    assert!(edit.is_some());
}

#[test]
fn structure_buttons_say_what_they_add_and_where_the_cursor_goes() {
    use rollplan_core::sheet::structure::{edit_for, Planned, StructureOp};
    let mut d = doc(plan_with_lines());
    let s = sheet(&d);
    let at = s
        .rows
        .iter()
        .position(|r| matches!(r, Row::Output(_)))
        .expect("an output row");
    let Some(Planned { edit, reveal, what }) =
        edit_for(d.plan(), &s, StructureOp::AddLine, s.rows[at])
    else {
        panic!("a line can be added at an output");
    };
    assert_eq!(what, "Added a line");
    let lines_before: usize = d.plan().outputs.iter().map(|o| o.lines.len()).sum();
    d.apply(edit).unwrap();
    let Some(Target::Line(id)) = reveal else {
        panic!("the new line is revealed, not {reveal:?}");
    };
    let lines: Vec<LineId> = d
        .plan()
        .outputs
        .iter()
        .flat_map(|o| &o.lines)
        .map(|l| l.id)
        .collect();
    assert_eq!(lines.len(), lines_before + 1);
    assert!(lines.contains(&id), "the revealed line is the one added");
    // Moving the first line up goes nowhere; the total row takes no structure change.
    let s = sheet(&d);
    let first_line = s
        .rows
        .iter()
        .position(|r| matches!(r, Row::Line(_, 0)))
        .expect("a first line");
    assert!(edit_for(d.plan(), &s, StructureOp::MoveUp, s.rows[first_line]).is_none());
    let total = s.rows.len() - 1;
    assert!(edit_for(d.plan(), &s, StructureOp::Remove, s.rows[total]).is_none());
}
