//! Keyboard navigation of a grid, key by key, as the browser grid carries it out
//! (`rollplan_core::sheet::nav`). The end-to-end tests drive the same keys in Chromium.

use rollplan_core::sheet::nav::{
    on_editor_key, on_key, select, tab_from, Command, EditorCommand, Press, Size,
};
use rollplan_core::sheet::Range;

const SIZE: Size = Size {
    rows: 10,
    cols: 6,
    page: 4,
};

/// Every cell takes typing.
const ALL: fn((usize, usize)) -> bool = |_| true;

/// A resources sheet in miniature: column 0 names, columns 1-3 figures, 4-5 computed
/// totals; rows 0 and 5 are computed (an output's total, a group's subtotal).
fn form((r, c): (usize, usize)) -> bool {
    r != 0 && r != 5 && c <= 3
}

fn at(r: usize, c: usize) -> Range {
    Range::at(r, c)
}

fn moved(sel: Range, press: Press) -> Range {
    match on_key(&sel, SIZE, &ALL, press) {
        Some(Command::Select(r)) => r,
        other => panic!("{press:?} from {sel:?} should move the selection, got {other:?}"),
    }
}

#[test]
fn arrows_move_one_cell_and_stop_at_the_edges() {
    assert_eq!(moved(at(3, 2), Press::key("ArrowDown")), at(4, 2));
    assert_eq!(moved(at(3, 2), Press::key("ArrowUp")), at(2, 2));
    assert_eq!(moved(at(3, 2), Press::key("ArrowLeft")), at(3, 1));
    assert_eq!(moved(at(3, 2), Press::key("ArrowRight")), at(3, 3));
    assert_eq!(moved(at(0, 0), Press::key("ArrowUp")), at(0, 0));
    assert_eq!(moved(at(0, 0), Press::key("ArrowLeft")), at(0, 0));
    assert_eq!(moved(at(9, 5), Press::key("ArrowDown")), at(9, 5));
    assert_eq!(moved(at(9, 5), Press::key("ArrowRight")), at(9, 5));
}

#[test]
fn ctrl_arrows_home_end_and_pages_jump() {
    assert_eq!(moved(at(3, 2), Press::key("ArrowDown").ctrl()), at(9, 2));
    assert_eq!(moved(at(3, 2), Press::key("ArrowUp").ctrl()), at(0, 2));
    assert_eq!(moved(at(3, 2), Press::key("ArrowRight").ctrl()), at(3, 5));
    assert_eq!(moved(at(3, 2), Press::key("ArrowLeft").ctrl()), at(3, 0));
    assert_eq!(moved(at(3, 2), Press::key("Home")), at(3, 0));
    assert_eq!(moved(at(3, 2), Press::key("End")), at(3, 5));
    assert_eq!(moved(at(3, 2), Press::key("Home").ctrl()), at(0, 0));
    assert_eq!(moved(at(3, 2), Press::key("End").ctrl()), at(9, 5));
    assert_eq!(moved(at(3, 2), Press::key("PageDown")), at(7, 2));
    assert_eq!(moved(at(7, 2), Press::key("PageDown")), at(9, 2));
    assert_eq!(moved(at(3, 2), Press::key("PageUp")), at(0, 2));
}

#[test]
fn shift_extends_the_selection_from_its_anchor() {
    let sel = moved(at(3, 2), Press::key("ArrowDown").shift());
    assert_eq!(
        sel,
        Range {
            anchor: (3, 2),
            cursor: (4, 2)
        }
    );
    let sel = moved(sel, Press::key("ArrowRight").shift());
    assert_eq!(sel.anchor, (3, 2));
    assert_eq!(sel.cursor, (4, 3));
    assert!(sel.contains(3, 3) && sel.contains(4, 2));
    let sel = moved(sel, Press::key("End").shift());
    assert_eq!((sel.anchor, sel.cursor), ((3, 2), (4, 5)));
    // A plain arrow collapses it again, from the cursor.
    assert_eq!(moved(sel, Press::key("ArrowLeft")), at(4, 4));
    // Shift+Enter moves up without extending.
    assert_eq!(moved(at(4, 4), Press::key("Enter").shift()), at(3, 4));
}

#[test]
fn tab_walks_the_editable_cells_row_after_row_and_leaves_after_the_last() {
    let tab = |sel: Range, p: Press| on_key(&sel, SIZE, &form, p);
    let to = |r, c| Some(Command::Select(at(r, c)));
    assert_eq!(tab(at(3, 2), Press::key("Tab")), to(3, 3));
    assert_eq!(tab(at(3, 2), Press::key("Tab").shift()), to(3, 1));
    // Past the row's last figure, over its computed totals, to the next row's name...
    assert_eq!(tab(at(3, 3), Press::key("Tab")), to(4, 0));
    // ... and over a computed row altogether.
    assert_eq!(tab(at(4, 3), Press::key("Tab")), to(6, 0));
    assert_eq!(tab(at(6, 0), Press::key("Tab").shift()), to(4, 3));
    // From a computed cell, to the next one that takes typing.
    assert_eq!(tab(at(0, 4), Press::key("Tab")), to(1, 0));
    // After the last editable cell (and before the first), Tab leaves the grid.
    assert_eq!(tab(at(9, 3), Press::key("Tab")), None);
    assert_eq!(tab(at(1, 0), Press::key("Tab").shift()), None);
    // With every cell editable, it is plain reading order.
    assert_eq!(tab_from((3, 5), SIZE, false, &ALL), Some((4, 0)));
    assert_eq!(tab_from((9, 5), SIZE, false, &ALL), None);
    assert_eq!(tab_from((0, 0), SIZE, true, &ALL), None);
}

#[test]
fn tab_in_the_editor_commits_and_goes_to_the_next_editable_cell() {
    assert_eq!(
        on_editor_key((3, 3), false, SIZE, &form, Press::key("Tab")),
        EditorCommand::CommitAndMove((4, 0))
    );
    assert_eq!(
        on_editor_key((1, 0), false, SIZE, &form, Press::key("Tab").shift()),
        EditorCommand::CommitAndMove((1, 0))
    );
    assert_eq!(
        on_editor_key((9, 3), true, SIZE, &form, Press::key("Tab")),
        EditorCommand::CommitAndMove((9, 3))
    );
}

#[test]
fn keys_that_act_on_the_selection() {
    let sel = at(2, 2);
    let cmd = |p| on_key(&sel, SIZE, &ALL, p);
    assert_eq!(cmd(Press::key("Enter")), Some(Command::Edit));
    assert_eq!(cmd(Press::key("F2")), Some(Command::Edit));
    assert_eq!(cmd(Press::key("Delete")), Some(Command::Clear));
    assert_eq!(cmd(Press::key("Backspace")), Some(Command::Clear));
    assert_eq!(cmd(Press::key("Escape")), Some(Command::Collapse));
    assert_eq!(cmd(Press::key("d").ctrl()), Some(Command::FillDown));
    assert_eq!(cmd(Press::key("r").ctrl()), Some(Command::FillRight));
    assert_eq!(
        cmd(Press::key("a").ctrl()),
        Some(Command::Select(SIZE.all()))
    );
    assert_eq!(SIZE.all().cursor, (9, 5));
    // Typing a character starts editing with it; Ctrl+C and Alt keys are not typing.
    assert_eq!(cmd(Press::key("7")), Some(Command::Type("7".into())));
    assert_eq!(cmd(Press::key("-")), Some(Command::Type("-".into())));
    assert_eq!(cmd(Press::key("c").ctrl()), None);
    let alt = Press {
        alt: true,
        ..Press::key("x")
    };
    assert_eq!(cmd(alt), None);
    assert_eq!(cmd(Press::key("Shift")), None);
}

#[test]
fn an_empty_grid_takes_no_key() {
    let empty = Size {
        rows: 0,
        cols: 0,
        page: 4,
    };
    assert_eq!(
        on_key(&at(0, 0), empty, &ALL, Press::key("ArrowDown")),
        None
    );
    assert_eq!(on_key(&at(0, 0), empty, &ALL, Press::key("7")), None);
}

#[test]
fn the_editor_commits_and_moves_like_a_spreadsheet() {
    let key = |replacing, p| on_editor_key((3, 2), replacing, SIZE, &ALL, p);
    assert_eq!(
        key(false, Press::key("Enter")),
        EditorCommand::CommitAndMove((4, 2))
    );
    assert_eq!(
        key(false, Press::key("Enter").shift()),
        EditorCommand::CommitAndMove((2, 2))
    );
    assert_eq!(
        key(false, Press::key("Tab")),
        EditorCommand::CommitAndMove((3, 3))
    );
    assert_eq!(
        key(false, Press::key("Tab").shift()),
        EditorCommand::CommitAndMove((3, 1))
    );
    assert_eq!(key(false, Press::key("Escape")), EditorCommand::Cancel);
    // Typed over the cell: arrows commit and move; opened with F2: arrows move the caret.
    assert_eq!(
        key(true, Press::key("ArrowDown")),
        EditorCommand::CommitAndMove((4, 2))
    );
    assert_eq!(key(false, Press::key("ArrowDown")), EditorCommand::Pass);
    assert_eq!(key(false, Press::key("ArrowLeft")), EditorCommand::Pass);
    assert_eq!(key(true, Press::key("x")), EditorCommand::Pass);
    // Enter on the last row commits and stays on it.
    assert_eq!(
        on_editor_key((9, 5), false, SIZE, &ALL, Press::key("Enter")),
        EditorCommand::CommitAndMove((9, 5))
    );
}

#[test]
fn select_keeps_the_range_inside_the_grid() {
    let r = select(&at(1, 1), SIZE, (50, 50), true);
    assert_eq!((r.anchor, r.cursor), ((1, 1), (9, 5)));
    assert_eq!(select(&r, SIZE, (2, 3), false), at(2, 3));
}

#[test]
fn shift_f2_is_a_note_f4_holds_and_ctrl_shift_e_adjusts() {
    let key = |p: Press| on_key(&at(2, 2), SIZE, &ALL, p);
    assert_eq!(key(Press::key("F2").shift()), Some(Command::Note));
    assert_eq!(
        key(Press::key("F2")),
        Some(Command::Edit),
        "F2 alone still edits"
    );
    assert_eq!(key(Press::key("F4")), Some(Command::Hold));
    assert_eq!(key(Press::key("E").ctrl().shift()), Some(Command::Adjust));
    assert_eq!(
        key(Press::key("e")),
        Some(Command::Type("e".into())),
        "a plain e is typed"
    );
}
