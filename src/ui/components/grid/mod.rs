//! A spreadsheet grid over a [`Sheet`]: keyboard and mouse selection, editing in place,
//! clipboard, fill, with only the visible rows in the DOM.
//!
//! What a cell shows and what an edit means come from [`rollplan_core::sheet`]; this component
//! keeps only where the cursor is, what is being typed and how far the grid is scrolled.
//! Rows have a fixed height so the visible window is arithmetic, not measurement.

use super::AppContext;
use crate::ui::state::Action;
use crate::ui::state::{Dialog, EditAction, SayAction, WorkAction};
use rollplan_core::model::{LineKind, Plan, StaffBasis};
use rollplan_core::sheet::nav::{self, Size};
use rollplan_core::sheet::{Cell, Col, GroupKey, Range, Row, Sheet, SheetKind};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// Row height in pixels; `styles/app.css` gives `.grid tr` the same.
pub const ROW_H: f64 = 30.0;
/// Height of the sticky header row.
const HEAD_H: f64 = 40.0;
/// Rows rendered above and below the visible window, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;

#[derive(Properties, PartialEq)]
pub struct GridProps {
    pub sheet: Rc<Sheet>,
    /// The grid's accessible name.
    pub label: AttrValue,
    /// Prefix of the grid's element ids (its cell editor's), unique on the page.
    pub id: AttrValue,
    /// Told the row under the cursor, for the toolbar's structure buttons.
    #[prop_or_default]
    pub on_cursor: Callback<Row>,
    /// Told the selection, for toolbar buttons that act on it (reset to baseline).
    #[prop_or_default]
    pub on_range: Callback<rollplan_core::sheet::Range>,
}

mod clipboard;
mod keys;
mod row;

use row::{col_class, col_width, row_class, CellView, EditorView, GridRow, GroupView};

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Editing {
    row: usize,
    col: usize,
    /// Typing replaced the cell: arrow keys commit and move, as in a spreadsheet.
    replace: bool,
    /// A total being typed: committing spreads it over the figures beneath.
    total: bool,
    /// What the editor started from: committed unchanged, a total is not spread again.
    initial: String,
}

#[function_component(Grid)]
pub fn grid(props: &GridProps) -> Html {
    let ctx = use_context::<AppContext>().expect("Grid is rendered inside the app context");
    let sheet = props.sheet.clone();
    let nrows = sheet.rows.len();
    let ncols = sheet.cols.len();
    let sel = Selection {
        at: use_mut_ref(|| rollplan_core::sheet::Range::at(0, 0)),
        redraw: use_force_update(),
    };
    // Rendering reads `editing`; handlers read `editing_now`, which is current even when
    // keys arrive faster than renders (a fast typist's second letter).
    let editing = use_state(|| None::<Editing>);
    let editing_now = use_mut_ref(|| None::<Editing>);
    // What is typed lives here, not in the DOM: a row scrolled out of view keeps its text.
    let text = use_mut_ref(String::new);
    // `_eq`: a scroll that lands on the same first row does not re-render. The handlers
    // always set: a handler's copy of the value can be older than the state.
    let first = use_state_eq(|| 0usize);
    let height = use_state_eq(|| 600.0f64);
    let want_focus = use_mut_ref(|| false);
    // Find moved the cursor but keeps the focus: the row is scrolled into the page's view
    // after the render that draws it (focusing would have done that).
    let want_shown = use_mut_ref(|| None::<usize>);
    // The user is working in the grid: keyboard focus belongs on the cursor cell. Kept apart
    // from `want_focus` because a re-render can drop focus after it was placed (Yew moves a
    // kept row's node when the window scrolls, and a moved node loses focus).
    let in_grid = use_mut_ref(|| false);
    let dragging = use_mut_ref(|| false);
    let scroll = use_node_ref();
    // Where the scroller is, as its scroll events last said: reading `scrollTop` right after
    // a render forces the browser to lay the page out in the middle of the task.
    let view = use_mut_ref(|| None::<ScrollView>);
    let seen_reveal =
        use_mut_ref(|| None::<(u64, Option<rollplan_core::document::field::Target>, bool)>);
    let row_cache = use_mut_ref(RowCache::default);
    {
        // The scroller's size, when it is first laid out and whenever it changes (the
        // window, or a grid whose height follows its rows), with no scroll event: how many
        // rows the window draws follows it. Resize observations come after layout, so
        // reading the size here costs nothing.
        let view = view.clone();
        let scroll = scroll.clone();
        let height = height.clone();
        use_effect_with((), move |_| {
            let observed = scroll.clone();
            let measure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                if let Some(el) = observed.cast::<Element>() {
                    let now = ScrollView::read(&el);
                    *view.borrow_mut() = Some(now);
                    height.set(now.height);
                }
            });
            let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(el)) = (&observer, scroll.cast::<Element>()) {
                o.observe(&el);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(measure);
            }
        });
    }

    // After a structure change, the cursor goes on what was added or moved, in this very
    // render (an effect setting it would draw the grid twice); the effect below scrolls to it.
    let revealed = {
        let stamp = (
            ctx.doc.generation,
            ctx.work.reveal,
            ctx.work.reveal_keeps_focus,
        );
        let mut last = seen_reveal.borrow_mut();
        let fresh = last.as_ref() != Some(&stamp);
        *last = Some(stamp);
        let row = ctx
            .work
            .reveal
            .filter(|_| fresh)
            .and_then(|t| sheet.row_of(ctx.doc.borrow().view().plan(), t));
        if let Some(row) = row {
            // Its name, which is what a user types next into a new row.
            *sel.at.borrow_mut() = rollplan_core::sheet::Range::at(row, 0);
        }
        row
    };
    let sel_now = sel.get();
    let sel = &sel;
    // Keep the cursor inside the sheet when rows go away (a delete, a collapse).
    let cursor = (
        sel_now.cursor.0.min(nrows.saturating_sub(1)),
        sel_now.cursor.1.min(ncols.saturating_sub(1)),
    );
    let range = if cursor == sel_now.cursor {
        sel_now
    } else {
        rollplan_core::sheet::Range::at(cursor.0, cursor.1)
    };
    {
        let on_cursor = props.on_cursor.clone();
        let row = sheet.rows.get(cursor.0).copied();
        use_effect_with(row, move |row| {
            if let Some(r) = row {
                on_cursor.emit(*r);
            }
        });
    }
    {
        let on_range = props.on_range.clone();
        let shared = use_context::<super::GridSelection>();
        let kind = sheet.kind;
        use_effect_with(range, move |range| {
            on_range.emit(*range);
            if let Some(s) = shared {
                *s.0.borrow_mut() = Some((kind, *range));
            }
        });
    }

    // After a structure change, show what the cursor was put on.
    {
        let sheet = sheet.clone();
        let want_focus = want_focus.clone();
        let scroll = scroll.clone();
        let view = view.clone();
        // With `keep_focus`: Find's Escape reveals the row it is on again, now to focus it.
        let keep_focus = ctx.work.reveal_keeps_focus;
        let want_shown = want_shown.clone();
        use_effect_with(
            (ctx.doc.generation, ctx.work.reveal, keep_focus, revealed),
            move |(_, _, _, revealed)| {
                if let Some(row) = *revealed {
                    if let Some(el) = scroll.cast::<Element>() {
                        scroll_to_row(&el, &view, sheet.rows.len(), row, true);
                    }
                    *want_focus.borrow_mut() = !keep_focus;
                    *want_shown.borrow_mut() = keep_focus.then_some(row);
                }
            },
        );
    }

    // After each render: focus the cursor cell (or the editor) if the user is in the grid.
    {
        let want_focus = want_focus.clone();
        let want_shown = want_shown.clone();
        let in_grid = in_grid.clone();
        let editing = (*editing).clone();
        let id = props.id.clone();
        let text = text.clone();
        let scroll = scroll.clone();
        use_effect(move || {
            let doc = gloo::utils::document();
            // The row, once a render has drawn it (not the cursor of this render, which may
            // still be the old one).
            let shown = *want_shown.borrow();
            if let Some(row) = shown {
                if let Some(el) = cell_element(&scroll, row, 0) {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    el.scroll_into_view_with_scroll_into_view_options(&options);
                    *want_shown.borrow_mut() = None;
                }
            }
            // Focus the page took back (a node went), or that the scroller holds while the
            // cursor's row was out of the window (`keep_focus_in`).
            let scroller = scroll.cast::<Element>();
            let lost = *in_grid.borrow()
                && doc.active_element().is_none_or(|a| {
                    doc.body().is_some_and(|b| a == *b.as_ref()) || Some(&a) == scroller.as_ref()
                });
            if *want_focus.borrow() || lost {
                let target = match &editing {
                    Some(_) => doc.get_element_by_id(&format!("{id}-editor")),
                    None => cell_element(&scroll, cursor.0, cursor.1),
                };
                if let Some(el) = target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                    let _ = el.focus();
                    if let Ok(input) = el.dyn_into::<HtmlInputElement>() {
                        let n = text.borrow().encode_utf16().count() as u32;
                        let _ = input.set_selection_range(n, n);
                    }
                    *want_focus.borrow_mut() = false;
                    *in_grid.borrow_mut() = true;
                }
            }
        });
    }

    // The Type column's width depends only on the plan's codes and lines: measured once per
    // change, not on every render (a scroll re-renders).
    let type_w = {
        let shown = ctx.doc.borrow().scenario().map(|s| s.id);
        let ctx = ctx.clone();
        use_memo((ctx.doc.generation, shown), move |_| {
            type_width(ctx.doc.borrow().view().plan())
        })
    };
    let doc = ctx.doc.borrow();
    let engine = doc.view();
    let plan = engine.plan();

    // Moves the cursor (extending the selection with Shift) and scrolls it into view.
    // Selects a range, brings its cursor into view and keeps the keyboard on the grid.
    let show = {
        let sel = sel.clone();
        let scroll = scroll.clone();
        let view = view.clone();
        let want_focus = want_focus.clone();
        move |to: Range| {
            sel.set(to);
            if let Some(el) = scroll.cast::<Element>() {
                scroll_to_row(&el, &view, nrows, to.cursor.0, false);
            }
            *want_focus.borrow_mut() = true;
        }
    };
    let grid_size = Size {
        rows: nrows,
        cols: ncols,
        page: 1,
    };
    let go = {
        let show = show.clone();
        move |row: usize, col: usize, extend: bool| {
            show(nav::select(&range, grid_size, (row, col), extend))
        }
    };

    let set_editing = {
        let editing = editing.clone();
        let editing_now = editing_now.clone();
        move |e: Option<Editing>| {
            *editing_now.borrow_mut() = e.clone();
            editing.set(e);
        }
    };

    let commit = {
        let ctx = ctx.clone();
        let sheet = sheet.clone();
        let set_editing = set_editing.clone();
        let editing_now = editing_now.clone();
        let text = text.clone();
        move || {
            let current = editing_now.borrow().clone();
            if let Some(e) = current {
                let typed = text.borrow().clone();
                if e.total {
                    if typed.trim() != e.initial.trim() {
                        ctx.dispatch(Action::Edit(EditAction::Spread {
                            sheet: sheet.kind,
                            cell: (e.row, e.col),
                            text: typed,
                            options: Default::default(),
                        }));
                    }
                } else {
                    let key = sheet.key(ctx.doc.borrow().view().plan(), e.row, e.col);
                    if let Some(key) = key {
                        ctx.dispatch(Action::Edit(EditAction::CommitCell { key, text: typed }));
                    }
                }
                set_editing(None);
            }
        }
    };

    let start_edit = {
        let ctx = ctx.clone();
        let sheet = sheet.clone();
        let set_editing = set_editing.clone();
        let text = text.clone();
        let want_focus = want_focus.clone();
        move |row: usize, col: usize, initial: Option<String>| {
            let doc = ctx.doc.borrow();
            let raw = || {
                sheet
                    .row_cells(doc.view(), row)
                    .get(col)
                    .map(|c| c.raw.clone())
                    .unwrap_or_default()
            };
            let key = sheet.key(doc.view().plan(), row, col);
            // A total takes typing too: what is typed is spread over its figures.
            let total = key.is_none() && sheet.spreads(doc.view().plan(), row, col);
            if key.is_none() && !total {
                return false;
            }
            let start = match key {
                // A figure typed as a calculation is edited as the calculation.
                Some(key) => doc
                    .drafts()
                    .get(&key)
                    .map(|d| d.text.clone())
                    .or_else(|| rollplan_core::sheet::expression_at(&doc, key))
                    .unwrap_or_else(raw),
                None => raw(),
            };
            let current = match initial {
                Some(s) => (s, true),
                None => (start.clone(), false),
            };
            *text.borrow_mut() = current.0;
            set_editing(Some(Editing {
                row,
                col,
                replace: current.1,
                total,
                initial: start,
            }));
            *want_focus.borrow_mut() = true;
            true
        }
    };

    let onkeydown = {
        let page = ((*height - HEAD_H) / ROW_H).floor().max(1.0) as usize;
        let dispatch = {
            let ctx = ctx.clone();
            Rc::new(move |a: Action| ctx.dispatch(a))
        };
        let cancel = {
            let set_editing = set_editing.clone();
            let want_focus = want_focus.clone();
            Rc::new(move || {
                set_editing(None);
                *want_focus.borrow_mut() = true;
            })
        };
        let buffer = {
            let text = text.clone();
            let editing = editing.clone();
            Rc::new(move |ed: Editing, key: Option<&str>| {
                match key {
                    Some(k) => text.borrow_mut().push_str(k),
                    None => {
                        text.borrow_mut().pop();
                    }
                }
                editing.set(Some(ed));
            })
        };
        let editable = {
            let ctx = ctx.clone();
            let sheet = sheet.clone();
            Rc::new(move |(r, c): (usize, usize)| {
                sheet.key(ctx.doc.borrow().view().plan(), r, c).is_some()
            })
        };
        let note = {
            let ctx = ctx.clone();
            let sheet = sheet.clone();
            Rc::new(move |r: usize, c: usize| {
                let at = sheet.note_at(ctx.doc.borrow().view().plan(), r, c);
                match at {
                    Some(at) => ctx.dispatch(Action::Work(WorkAction::Open(Dialog::Note(at)))),
                    None => ctx.dispatch(Action::Say(SayAction::Status(
                        "A note goes on a figure, a line, an output or an objective; this cell is none of them.".into(),
                    ))),
                }
            })
        };
        let hold = {
            let ctx = ctx.clone();
            let sheet = sheet.clone();
            Rc::new(move |range: Range| {
                let keys = sheet.hold_keys(ctx.doc.borrow().view().plan(), &range);
                if keys.is_empty() {
                    ctx.dispatch(Action::Say(SayAction::Status(
                        "Only figures can be held: select figures of lines (or a total, to hold the figures under it).".into(),
                    )));
                } else {
                    ctx.dispatch(Action::Work(WorkAction::ToggleHold(keys)));
                }
            })
        };
        let adjust = {
            let ctx = ctx.clone();
            let kind = sheet.kind;
            Rc::new(move |range: Range| {
                ctx.dispatch(Action::Work(WorkAction::Open(Dialog::Adjust {
                    sheet: kind,
                    cursor: range.cursor,
                    range,
                })))
            })
        };
        keys::handler(
            keys::Keys {
                note,
                hold,
                adjust,
                dispatch,
                editable,
                show: Rc::new(show.clone()),
                go: Rc::new(go.clone()),
                start_edit: Rc::new(start_edit.clone()),
                commit: Rc::new(commit.clone()),
                cancel,
                buffer,
                editing_now: editing_now.clone(),
                size: Size { page, ..grid_size },
                kind: sheet.kind,
            },
            range,
        )
    };

    // Mouse: press to select (Shift extends), drag to extend, double-click to edit.
    let cell_at = |e: &MouseEvent| -> Option<(usize, usize)> {
        let el = e.target()?.dyn_into::<Element>().ok()?;
        let td = el.closest("[data-c]").ok()??;
        let tr = td.closest("tr[data-r]").ok()??;
        let r = tr.get_attribute("data-r")?.parse().ok()?;
        let c = td.get_attribute("data-c")?.parse().ok()?;
        Some((r, c))
    };
    let onmousedown = {
        let go = go.clone();
        let dragging = dragging.clone();
        let commit = commit.clone();
        let editing_now = editing_now.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((r, c)) = cell_at(&e) else { return };
            let current = editing_now.borrow().clone();
            if let Some(ed) = current {
                if (ed.row, ed.col) == (r, c) {
                    return; // a click inside the editor moves its caret
                }
                commit();
            }
            if e.button() == 0 {
                *dragging.borrow_mut() = true;
                go(r, c, e.shift_key());
            }
        })
    };
    let onmouseover = {
        let dragging = dragging.clone();
        let sel = sel.clone();
        Callback::from(move |e: MouseEvent| {
            if !*dragging.borrow() || e.buttons() & 1 == 0 {
                *dragging.borrow_mut() = false;
                return;
            }
            if let Some(cell) = cell_at(&e) {
                if sel.get().cursor != cell {
                    sel.set(rollplan_core::sheet::Range {
                        anchor: range.anchor,
                        cursor: cell,
                    });
                }
            }
        })
    };
    let onmouseup = {
        let dragging = dragging.clone();
        Callback::from(move |_| *dragging.borrow_mut() = false)
    };
    let ondblclick = {
        let start_edit = start_edit.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((r, c)) = cell_at(&e) {
                start_edit(r, c, None);
            }
        })
    };

    let (oncopy, oncut, onpaste) =
        clipboard::handlers(ctx.clone(), sheet.clone(), range, editing_now.clone());

    // Focus moving to something else on the page (a toolbar button, another view) ends the
    // grid's claim on it; focus dropped to the page body (a node went) does not.
    let onfocusout = {
        let in_grid = in_grid.clone();
        let want_focus = want_focus.clone();
        let scroll = scroll.clone();
        Callback::from(move |e: FocusEvent| {
            let to = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside = match (&to, scroll.cast::<web_sys::Node>()) {
                (Some(to), Some(grid)) => grid.contains(Some(to)),
                _ => true,
            };
            if !inside {
                // Including a move still to be drawn: a Tab out of the grid right after
                // Ctrl+End must not be pulled back when the cursor's row arrives.
                *in_grid.borrow_mut() = false;
                *want_focus.borrow_mut() = false;
            }
        })
    };
    let onscroll = {
        let first = first.clone();
        let height = height.clone();
        let view = view.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            // A scroll event comes with the frame, after layout: reading here costs nothing.
            let now = ScrollView::read(&el);
            *view.borrow_mut() = Some(now);
            let top = (now.top / ROW_H).floor() as usize;
            keep_focus_in(&el, window(top, now.height, nrows));
            first.set(top);
            height.set(now.height);
        })
    };

    // The rendered window.
    let std::ops::Range { start, end } = window(*first, *height, nrows);

    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                *text.borrow_mut() = input.value();
            }
        })
    };
    let onblur = {
        let commit = commit.clone();
        Callback::from(move |_: FocusEvent| commit())
    };

    let head = sheet.cols.iter().enumerate().map(|(c, col)| {
        let title = sheet.col_title(plan, c);
        let class = classes!(
            "colhead",
            col_class(*col),
            (c == cursor.1).then_some("current")
        );
        html! { <th role="columnheader" scope="col" {class} aria-colindex={(c + 1).to_string()}>{ capitalise(&title) }</th> }
    });

    let ontoggle = {
        let dispatcher = ctx.dispatcher();
        use_callback((), move |key: GroupKey, _| {
            dispatcher.dispatch(Action::Work(WorkAction::ToggleGroup(key)))
        })
    };
    let editing_shown = (*editing).clone();
    row_cache
        .borrow_mut()
        .keep_for((ctx.doc.session, ctx.doc.generation), &sheet, start..end);
    let rows = (start..end).map(|r| {
        let row = sheet.rows[r];
        // A scenario's own figures are marked, so the user sees what differs from the baseline.
        let overridden = doc
            .scenario()
            .map(|s| sheet.overridden_cols(plan, s, r))
            .unwrap_or_default();
        let shown = row_cache
            .borrow_mut()
            .rows
            .entry(r)
            .or_insert_with(|| sheet.row_cells(engine, r).into())
            .clone();
        let cells: Vec<CellView> = shown
            .iter()
            .cloned()
            .enumerate()
            .map(|(c, cell)| {
                let draft = sheet.key(plan, r, c).and_then(|k| doc.drafts().get(&k)).cloned();
                let title = draft
                    .as_ref()
                    .map(|d| d.error.clone())
                    .or(cell.error.clone())
                    .or_else(|| {
                        // Filled in for the user: say so, and how to set it instead.
                        cell.derived.then(|| match sheet.cols[c] {
                            Col::Label => format!("{}: named after its kind until you type a name", cell.text),
                            _ => "Escalated from the year before; type a figure to set it".into(),
                        })
                    })
                    .or_else(|| {
                        (sheet.cols[c] == Col::Label && !cell.text.is_empty())
                            .then(|| format!("{} {}", cell.code, cell.text).trim().to_string())
                    });
                let overridden = overridden.get(c).copied().unwrap_or(false);
                let title = title.or_else(|| {
                    overridden.then(|| "Changed in this scenario (Reset to baseline undoes it)".into())
                });
                let key = sheet.key(plan, r, c);
                let expression = key.and_then(|k| rollplan_core::sheet::expression_at(&doc, k));
                let held = key
                    .and_then(rollplan_core::sheet::figure_key)
                    .is_some_and(|k| ctx.work.held.contains(&k));
                let note = sheet.note_marked(doc.plan(), r, c).map(str::to_string);
                // What the cell has beside its figure, on hover and in its accessible name.
                let extras: Vec<String> = [
                    expression.as_ref().map(|e| format!("Typed as {e}")),
                    held.then(|| "Held: spreading and Adjust keep this figure (F4 releases it)".to_string()),
                    note.as_ref().map(|n| format!("Note: {n}")),
                ]
                .into_iter()
                .flatten()
                .collect();
                let title = match (title, extras.is_empty()) {
                    (t, true) => t,
                    (Some(t), false) => Some(format!("{t}\n{}", extras.join("\n"))),
                    (None, false) => Some(extras.join("\n")),
                };
                let spreadable = key.is_none() && sheet.spreads(plan, r, c);
                CellView {
                    note: note.is_some(),
                    expression: expression.is_some(),
                    held,
                    spreadable,
                    overridden,
                    col: sheet.cols[c],
                    selected: range.contains(r, c),
                    cursor: (r, c) == cursor,
                    draft: draft.map(|d| d.text),
                    title,
                    cell,
                }
            })
            .collect();
        let group = match row {
            Row::Group(g) => sheet.groups.get(g).map(|g| GroupView {
                key: g.key,
                collapsed: g.collapsed,
                outputs: g.outputs.len(),
                code: g.code.clone(),
                title: g.title.clone(),
            }),
            _ => None,
        };
        // Only the row being edited gets the editor and its (fresh) callbacks, so every
        // other row compares equal to its last render and Yew skips it.
        let editor = editing_shown
            .as_ref()
            .filter(|e| e.row == r)
            .map(|e| EditorView {
                col: e.col,
                text: text.borrow().clone(),
                oninput: oninput.clone(),
                onblur: onblur.clone(),
            });
        // Keyed by what the row shows, not where: a line added or removed shifts the rows
        // below without rewriting them (only the new row's text is laid out again). A row
        // element Yew moves loses keyboard focus; the effect after each render puts it back.
        // The row's place is said once, on the row element: a line added above changes two
        // attributes of each row below, and their cells are not drawn again.
        html! {
            <tr key={row_key(plan, &sheet, row)} role="row" class={row_class(row)} data-r={r.to_string()} aria-rowindex={(r + 2).to_string()}>
                <GridRow {cells} {group} {editor} id={props.id.clone()} ontoggle={ontoggle.clone()} />
            </tr>
        }
    });

    // The cursor cell's problem, spelled out under the grid.
    let problem = sheet
        .key(plan, cursor.0, cursor.1)
        .and_then(|k| doc.drafts().get(&k))
        .map(|d| {
            let cells = sheet.row_cells(engine, cursor.0);
            let cell = cells.get(cursor.1).cloned().unwrap_or_default();
            let kept = if cell.text.is_empty() {
                "the cell stays blank in the plan".to_string()
            } else {
                format!("the plan still uses {}", cell.text)
            };
            format!(
                "{}: {}; {}. Fix it, or press Delete to drop it.",
                cell.name, d.error, kept
            )
        });
    let drafts_here = doc.drafts().keys().filter(|k| sheet.owns(k)).count();

    // Figures columns widen to fit the largest figure, which is in the totals row.
    let totals = match sheet.rows.last() {
        Some(Row::Total) => sheet.row_cells(engine, nrows - 1),
        _ => Vec::new(),
    };
    let widths: Vec<u32> = sheet
        .cols
        .iter()
        .enumerate()
        .map(|(c, col)| {
            // Digits of the bold totals are about 9 px wide at 13 px, separators about 5.
            let fit = totals.get(c).filter(|t| t.numeric).map_or(0, |t| {
                let digits = chars(&t.text.replace(|c: char| !c.is_ascii_digit(), ""));
                let others = chars(&t.text).saturating_sub(digits);
                digits.saturating_mul(9) + others.saturating_mul(5) + 20
            });
            // Headings are never cut (a fiscal biennium reads "2014-15\u{2013}2015-16").
            let heading = chars(&sheet.col_title(plan, c)).saturating_mul(8) + 20;
            let fit = match col {
                Col::Type => *type_w,
                _ => fit,
            };
            col_width(sheet.kind, *col).max(fit).max(heading)
        })
        .collect();
    let table_width: u32 = widths.iter().sum();
    let top_pad = start as f64 * ROW_H;
    let bottom_pad = (nrows - end) as f64 * ROW_H;
    html! {
        <div class="grid-wrap">
            <div class="grid-scroll" tabindex="-1" ref={scroll} {onscroll} {onkeydown} {onmousedown} {onmouseover}
                 {onmouseup} {ondblclick} {oncopy} {oncut} {onpaste} {onfocusout}>
                // The description column takes what the card has to spare (it has no width of
                // its own), so titles are cut only when the card is truly full.
                <table class="grid" role="grid" aria-label={props.label.clone()} style={format!("width:{table_width}px;min-width:100%")} aria-multiselectable="true"
                       aria-rowcount={(nrows + 1).to_string()} aria-colcount={ncols.to_string()}>
                    <colgroup>
                        { for sheet.cols.iter().zip(&widths).map(|(c, w)| html! {
                            <col class={col_class(*c)} style={(*c != Col::Label).then(|| format!("width:{w}px"))} />
                        }) }
                    </colgroup>
                    <thead>
                        <tr role="row" aria-rowindex="1">{ for head }</tr>
                    </thead>
                    <tbody>
                        if top_pad > 0.0 {
                            <tr class="pad" aria-hidden="true" style={format!("height:{top_pad}px")}></tr>
                        }
                        // One list of its own, so Yew sees it is fully keyed (the pads
                        // beside it are not).
                        { rows.collect::<Html>() }
                        if bottom_pad > 0.0 {
                            <tr class="pad" aria-hidden="true" style={format!("height:{bottom_pad}px")}></tr>
                        }
                    </tbody>
                </table>
                // As tall as all the rows: Yew patches the window's pads and rows one at a
                // time, and a layout forced in between (removing the row that had focus)
                // must not find the content short and pull the scroller back up.
                <div class="grid-sizer" aria-hidden="true" style={format!("height:{}px", HEAD_H + nrows as f64 * ROW_H)}></div>
            </div>
            <span id="overridden-note" class="sr-only">{"Changed in this scenario"}</span>
            <span id="held-note" class="sr-only">{"Held: spreading and Adjust keep it"}</span>
            <span id="has-note-note" class="sr-only">{"Has a note (Shift+F2)"}</span>
            <span id="expr-note" class="sr-only">{"Typed as a calculation"}</span>
            <div class="grid-foot" aria-live="polite">
                if let Some(p) = problem {
                    <span class="cell-problem" role="alert">{ p }</span>
                } else if drafts_here > 0 {
                    <span class="cell-problem quiet">{ match drafts_here { 1 => "1 cell holds text that is not a valid value; it is marked in red.".to_string(), n => format!("{n} cells hold text that is not a valid value; they are marked in red.") } }</span>
                } else {
                    <span class="hint">{"Type to replace a cell (=12*4500 calculates), or into a total to spread it; F2 edits, Shift+F2 adds a note, F4 holds figures, Ctrl+Shift+E adjusts, Ctrl+C / Ctrl+V copy and paste with Excel, Ctrl+Z undoes."}</span>
                }
            </div>
        </div>
    }
}

/// A row's identity for Yew's keyed diff: the ids of what it shows. Each output is shown
/// once (under its first objective or its unit), so the keys of a sheet are unique.
fn row_key(plan: &Plan, sheet: &Sheet, row: Row) -> String {
    let output = |o: usize| plan.outputs.get(o);
    let line = |o: usize, l: usize| output(o).and_then(|x| Some((x.id.0, x.lines.get(l)?.id.0)));
    match row {
        Row::Group(g) => match sheet.groups.get(g).map(|x| x.key) {
            Some(GroupKey::Objective(id)) => format!("go{}", id.0),
            Some(GroupKey::Unit(id)) => format!("gu{}", id.0),
            Some(GroupKey::None) => "gn".into(),
            None => format!("g@{g}"),
        },
        Row::Output(o) => match output(o) {
            Some(x) => format!("o{}", x.id.0),
            None => format!("o@{o}"),
        },
        Row::Line(o, l) => match line(o, l) {
            Some((a, b)) => format!("l{a}.{b}"),
            None => format!("l@{o}.{l}"),
        },
        Row::Cost(o, l) => match line(o, l) {
            Some((a, b)) => format!("c{a}.{b}"),
            None => format!("c@{o}.{l}"),
        },
        Row::Total => "t".into(),
        Row::Grade(g) => match plan.grades.get(g) {
            Some(x) => format!("r{}", x.id.0),
            None => format!("r@{g}"),
        },
    }
}

/// The selection, kept in a cell so that a render can move it (onto what a change revealed)
/// without asking for another render; a handler's `set` draws the grid again.
#[derive(Clone)]
struct Selection {
    at: Rc<RefCell<Range>>,
    redraw: UseForceUpdateHandle,
}

impl Selection {
    fn get(&self) -> Range {
        *self.at.borrow()
    }

    fn set(&self, to: Range) {
        *self.at.borrow_mut() = to;
        self.redraw.force_update();
    }
}

/// The cells of the rows last drawn, for the document state and sheet they were read from:
/// a render that changes no figure (a scroll, a cursor move, the render after a line is
/// added that puts the cursor on it) reads each row from the engine once.
#[derive(Default)]
struct RowCache {
    doc: (u64, u64),
    sheet: Option<Rc<Sheet>>,
    rows: std::collections::HashMap<usize, Rc<[Cell]>>,
}

impl RowCache {
    /// Forgets everything when the document or the sheet changed, and rows outside `window`.
    fn keep_for(&mut self, doc: (u64, u64), sheet: &Rc<Sheet>, window: std::ops::Range<usize>) {
        // Compared by value (the same allocation is only the quick way to equal).
        let same_sheet = self
            .sheet
            .as_ref()
            .is_some_and(|s| Rc::ptr_eq(s, sheet) || **s == **sheet);
        if self.doc != doc || !same_sheet {
            self.rows.clear();
            self.doc = doc;
            self.sheet = Some(sheet.clone());
        }
        self.rows.retain(|r, _| window.contains(r));
    }
}

/// The rows drawn when the first row in view is `first` and the scroller `height` pixels high.
fn window(first: usize, height: f64, rows: usize) -> std::ops::Range<usize> {
    let visible = ((height / ROW_H).ceil() as usize).max(1);
    let start = first.saturating_sub(OVERSCAN).min(rows);
    let end = (first + visible + OVERSCAN).min(rows);
    start..end
}

/// Before the window moves to `rows`: if keyboard focus is on a cell whose row is leaving,
/// it goes to the scroller itself (which takes keys as the cells do) rather than falling to
/// the page when the cell's element is removed, where the next Tab would start the page
/// over. The effect after the render puts it back on the cursor cell once that is drawn.
fn keep_focus_in(scroller: &Element, rows: std::ops::Range<usize>) {
    let Some(active) = gloo::utils::document().active_element() else {
        return;
    };
    if !scroller.contains(Some(&active)) || active == *scroller {
        return;
    }
    let row = active
        .closest("tr[data-r]")
        .ok()
        .flatten()
        .and_then(|tr| tr.get_attribute("data-r"))
        .and_then(|r| r.parse::<usize>().ok());
    if row.is_some_and(|r| rows.contains(&r)) {
        return;
    }
    if let Ok(el) = scroller.clone().dyn_into::<HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

/// The element of the cell at (`row`, `col`), when the window shows it.
fn cell_element(scroll: &NodeRef, row: usize, col: usize) -> Option<Element> {
    let grid = scroll.cast::<Element>()?;
    grid.query_selector(&format!("tr[data-r=\"{row}\"] > [data-c=\"{col}\"]"))
        .ok()
        .flatten()
}

/// The scroller's position and height in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ScrollView {
    top: f64,
    height: f64,
}

impl ScrollView {
    fn read(el: &Element) -> Self {
        ScrollView {
            top: el.scroll_top() as f64,
            height: el.client_height() as f64,
        }
    }
}

/// Scrolls the grid just enough to show `row` under the sticky header, or (`centre`) puts
/// it mid-view when it is far off screen: keyboard moves step, jumps to a new row recentre.
/// Works from the position the last scroll event gave (`known`), so a cursor that stays in
/// view costs no layout; the element is read only before its first scroll event.
fn scroll_to_row(
    el: &Element,
    known: &RefCell<Option<ScrollView>>,
    rows: usize,
    row: usize,
    centre: bool,
) {
    let known_now = *known.borrow();
    let now = match known_now {
        Some(v) => v,
        None => {
            let v = ScrollView::read(el);
            *known.borrow_mut() = Some(v);
            v
        }
    };
    // Rows taken away since the last scroll event: the browser has moved the scroller up to
    // the new end, and says so only with the next event.
    let end = (rows as f64 * ROW_H + HEAD_H - now.height).max(0.0);
    let now = ScrollView {
        top: now.top.min(end),
        ..now
    };
    if let Some(to) = scroll_target(now, row, centre) {
        el.set_scroll_top(to as i32);
        // Until its scroll event arrives, the next move starts from here.
        *known.borrow_mut() = Some(ScrollView { top: to, ..now });
    }
}

/// Where the scroller must go to show `row`, or `None` when it is in view already.
fn scroll_target(now: ScrollView, row: usize, centre: bool) -> Option<f64> {
    let top = row as f64 * ROW_H;
    let st = now.top;
    let view = now.height - HEAD_H;
    let off_top = top < st;
    let off_bottom = top + ROW_H > st + view;
    // A row just out of view (a line added under the last one shown) is scrolled to, not
    // centred: fewer rows are drawn anew, and the rows the user was looking at stay.
    let near = top + ROW_H > st - view / 2.0 && top < st + view * 1.5;
    if centre && !near && (off_top || off_bottom) {
        Some((top - view / 2.0).max(0.0))
    } else if off_top {
        Some(top)
    } else if off_bottom {
        Some((top + ROW_H - view).ceil())
    } else {
        None
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn chars(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

/// Wide enough for the longest code the Type column can show: a category's, a unit's, or a
/// grade's with "work-months". A few dozen codes at most, whatever the plan's size.
fn type_width(plan: &Plan) -> u32 {
    let longest = plan
        .categories
        .iter()
        .map(|c| chars(&c.code))
        .chain(plan.units.iter().map(|u| chars(&u.code)))
        .chain(plan.grades.iter().map(|g| chars(&g.code)))
        .max()
        .unwrap_or(0);
    // "P4 work-months" only where a line is costed in work-months (a proposal applied).
    let months = plan.outputs.iter().flat_map(|o| &o.lines).any(|l| {
        matches!(
            l.kind,
            LineKind::Staff {
                basis: StaffBasis::WorkMonths,
                ..
            }
        )
    });
    let longest = if months { longest.max(2 + 12) } else { longest };
    (longest.saturating_mul(8) + 20).min(200)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 600 px high: 560 px of rows (18.7 rows) under the 40 px header.
    const AT_TOP: ScrollView = ScrollView {
        top: 0.0,
        height: 600.0,
    };

    #[test]
    fn a_row_in_view_is_not_scrolled_to() {
        assert_eq!(scroll_target(AT_TOP, 0, true), None);
        assert_eq!(scroll_target(AT_TOP, 17, false), None);
    }

    #[test]
    fn a_row_just_below_the_view_is_scrolled_to_the_bottom_edge_not_centred() {
        // Row 20 ends at 630 px: 70 px below the 560 px shown.
        assert_eq!(scroll_target(AT_TOP, 20, true), Some(70.0));
        assert_eq!(scroll_target(AT_TOP, 20, false), Some(70.0));
    }

    #[test]
    fn a_row_far_away_is_centred_when_asked() {
        let far = 1000;
        let centred = scroll_target(AT_TOP, far, true).expect("scrolls");
        assert_eq!(centred, far as f64 * ROW_H - 280.0);
        // A keyboard step to it only brings it to the edge.
        assert_eq!(
            scroll_target(AT_TOP, far, false),
            Some((far + 1) as f64 * ROW_H - 560.0)
        );
    }

    #[test]
    fn a_row_above_the_view_comes_to_its_top() {
        let down = ScrollView {
            top: 3000.0,
            height: 600.0,
        };
        assert_eq!(scroll_target(down, 95, true), Some(2850.0));
        // Far above and asked to centre: mid-view, never above the first row.
        assert_eq!(scroll_target(down, 3, true), Some(0.0));
    }

    #[test]
    fn every_row_has_its_own_key_and_keeps_it_when_a_line_is_added_above() {
        use rollplan_core::sheet::Grouping;
        use std::collections::HashSet;
        let mut plan = rollplan_core::example::example_plan();
        for grouping in [Grouping::Objective, Grouping::Unit] {
            let sheet = Sheet::resources(&plan, grouping, &HashSet::new());
            let keys: HashSet<String> = sheet
                .rows
                .iter()
                .map(|r| row_key(&plan, &sheet, *r))
                .collect();
            assert_eq!(keys.len(), sheet.rows.len(), "{grouping:?}");
        }
        // The key of the row showing the first output's first line, before and after a
        // line is inserted ahead of it (which moves that row down one).
        let sheet = Sheet::resources(&plan, Grouping::Objective, &HashSet::new());
        let before = row_key(&plan, &sheet, Row::Line(0, 0));
        let mut line = plan.outputs[0].lines[0].clone();
        line.id = rollplan_core::model::LineId(plan.next_id);
        plan.outputs[0].lines.insert(0, line);
        let sheet = Sheet::resources(&plan, Grouping::Objective, &HashSet::new());
        assert_eq!(row_key(&plan, &sheet, Row::Line(0, 1)), before);
        assert_ne!(row_key(&plan, &sheet, Row::Line(0, 0)), before);
    }
}
