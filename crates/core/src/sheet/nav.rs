//! Keyboard and selection as plain functions: what a key press means on a grid of a given
//! size, with a selection and maybe a cell being edited. The Yew grid turns a browser
//! event into a [`Press`], asks [`on_key`] or [`on_editor_key`] what it means, and carries
//! out the [`Command`]; the rules themselves are tested natively key by key.

use super::Range;

/// A key press as the browser reports it: `key` is `KeyboardEvent.key` (`"ArrowDown"`, `"a"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Press<'a> {
    pub key: &'a str,
    pub shift: bool,
    /// Ctrl, or Cmd on a Mac.
    pub ctrl: bool,
    pub alt: bool,
}

impl<'a> Press<'a> {
    pub fn key(key: &'a str) -> Press<'a> {
        Press {
            key,
            shift: false,
            ctrl: false,
            alt: false,
        }
    }
    pub fn shift(self) -> Press<'a> {
        Press {
            shift: true,
            ..self
        }
    }
    pub fn ctrl(self) -> Press<'a> {
        Press { ctrl: true, ..self }
    }
    /// A printable character typed without Ctrl or Alt: it starts editing the cell.
    fn typed(&self) -> Option<&'a str> {
        (self.key.chars().count() == 1 && !self.ctrl && !self.alt).then_some(self.key)
    }
}

/// How big the grid is: rows and columns, and how many rows a page scrolls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub rows: usize,
    pub cols: usize,
    pub page: usize,
}

impl Size {
    fn clamp(&self, (r, c): (usize, usize)) -> (usize, usize) {
        (
            r.min(self.rows.saturating_sub(1)),
            c.min(self.cols.saturating_sub(1)),
        )
    }

    /// The whole grid as a selection.
    pub fn all(&self) -> Range {
        Range {
            anchor: (0, 0),
            cursor: self.clamp((usize::MAX, usize::MAX)),
        }
    }
}

/// What a key press means for the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Select this range (the cursor moved, or the selection grew).
    Select(Range),
    /// Start editing the cursor cell with its current text.
    Edit,
    /// Start editing the cursor cell, replacing its text with what was typed.
    Type(String),
    /// Collapse the selection to the cursor.
    Collapse,
    Clear,
    FillDown,
    FillRight,
    /// Shift+F2 (as in Excel): the note of the cursor's cell or row.
    Note,
    /// F4: hold the selected figures (spreading and Adjust keep them), or release them.
    Hold,
    /// Ctrl+Shift+E: Adjust… the selected figures or the cursor's row, output, objective.
    Adjust,
}

/// Moves (or with `extend`, stretches) a selection to a cell, kept inside the grid.
pub fn select(sel: &Range, size: Size, to: (usize, usize), extend: bool) -> Range {
    let to = size.clamp(to);
    Range {
        anchor: if extend { sel.anchor } else { to },
        cursor: to,
    }
}

/// Which cells take typing (a figure, a name); Tab walks only these.
pub type Editable<'a> = &'a dyn Fn((usize, usize)) -> bool;

/// Where Tab (or with `back`, Shift+Tab) goes from `at`: the next editable cell in reading
/// order, on to the next row after a row's last one, as in a form. `None` past the last (or
/// before the first) editable cell, so Tab leaves the grid and keyboard users are never
/// trapped. Computed totals are skipped: nothing can be typed there.
pub fn tab_from(
    at: (usize, usize),
    size: Size,
    back: bool,
    editable: Editable,
) -> Option<(usize, usize)> {
    let cells = size.rows.saturating_mul(size.cols);
    let (r, c) = size.clamp(at);
    let here = r.saturating_mul(size.cols).saturating_add(c);
    let pos = |i: usize| {
        (
            i.checked_div(size.cols).unwrap_or(0),
            i.checked_rem(size.cols).unwrap_or(0),
        )
    };
    if back {
        (0..here).rev().map(pos).find(|&p| editable(p))
    } else {
        (here.saturating_add(1)..cells)
            .map(pos)
            .find(|&p| editable(p))
    }
}

/// A key press while no cell is being edited. `None`: not the grid's key (Tab past the
/// last editable cell leaves the grid, so keyboard users are never trapped).
pub fn on_key(sel: &Range, size: Size, editable: Editable, press: Press) -> Option<Command> {
    if size.rows == 0 || size.cols == 0 {
        return None;
    }
    let (r, c) = sel.cursor;
    let last_row = size.rows.saturating_sub(1);
    let last_col = size.cols.saturating_sub(1);
    let Press {
        key, shift, ctrl, ..
    } = press;
    let target = match key {
        "ArrowUp" if ctrl => Some((0, c)),
        "ArrowDown" if ctrl => Some((last_row, c)),
        "ArrowLeft" if ctrl => Some((r, 0)),
        "ArrowRight" if ctrl => Some((r, last_col)),
        "ArrowUp" => Some((r.saturating_sub(1), c)),
        "ArrowDown" => Some((r.saturating_add(1), c)),
        "ArrowLeft" => Some((r, c.saturating_sub(1))),
        "ArrowRight" => Some((r, c.saturating_add(1))),
        "Home" if ctrl => Some((0, 0)),
        "End" if ctrl => Some((last_row, last_col)),
        "Home" => Some((r, 0)),
        "End" => Some((r, last_col)),
        "PageUp" => Some((r.saturating_sub(size.page), c)),
        "PageDown" => Some((r.saturating_add(size.page), c)),
        "Enter" if shift => Some((r.saturating_sub(1), c)),
        "Tab" => Some(tab_from((r, c), size, shift, editable)?),
        _ => None,
    };
    if let Some(to) = target {
        let extend = shift && (key.starts_with("Arrow") || key == "Home" || key == "End");
        return Some(Command::Select(select(sel, size, to, extend)));
    }
    match key {
        "F2" if shift => Some(Command::Note),
        "F4" => Some(Command::Hold),
        "e" | "E" if ctrl && shift => Some(Command::Adjust),
        "Enter" | "F2" => Some(Command::Edit),
        "Escape" => Some(Command::Collapse),
        "Delete" | "Backspace" => Some(Command::Clear),
        "a" | "A" if ctrl => Some(Command::Select(size.all())),
        "d" | "D" if ctrl => Some(Command::FillDown),
        "r" | "R" if ctrl => Some(Command::FillRight),
        _ => press.typed().map(|k| Command::Type(k.to_string())),
    }
}

/// What a key press means while a cell is being edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorCommand {
    /// Commit the text, then move the cursor here (kept inside the grid).
    CommitAndMove((usize, usize)),
    /// Drop the text typed and stop editing.
    Cancel,
    /// The editor's own key (a character, the caret moving in the text).
    Pass,
}

/// A key press in the editor of cell `at`. `replacing`: editing began by typing over the
/// cell, so arrows leave it as in a spreadsheet (when editing began with F2 or Enter they
/// move the caret instead). Tab commits and goes to the next editable cell (staying put
/// after the last one).
pub fn on_editor_key(
    at: (usize, usize),
    replacing: bool,
    size: Size,
    editable: Editable,
    press: Press,
) -> EditorCommand {
    let (r, c) = at;
    let to = match press.key {
        "Enter" if press.shift => (r.saturating_sub(1), c),
        "Enter" => (r.saturating_add(1), c),
        "Tab" => tab_from(at, size, press.shift, editable).unwrap_or(at),
        "ArrowUp" if replacing => (r.saturating_sub(1), c),
        "ArrowDown" if replacing => (r.saturating_add(1), c),
        "ArrowLeft" if replacing => (r, c.saturating_sub(1)),
        "ArrowRight" if replacing => (r, c.saturating_add(1)),
        "Escape" => return EditorCommand::Cancel,
        _ => return EditorCommand::Pass,
    };
    EditorCommand::CommitAndMove(size.clamp(to))
}
