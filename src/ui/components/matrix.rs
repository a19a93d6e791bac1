//! The linkage matrix (like Table 7.1 of the seeds): outputs x objectives.
//!
//! A cell shows X for an equal share or the explicit percentage. Clicking a cell links or
//! unlinks the output, through the same edit (and undo) as every other change. The last
//! column and the footer are rollups from the engine: each output's cost for the period, and
//! each objective's cost and share of the total.
//!
//! Only the rows and columns in view are in the DOM (plus a few either side): an imported
//! budget's 434 outputs by 186 objectives would otherwise be 80,000 buttons. Rows and
//! columns have fixed sizes, so the window is arithmetic. A filter box narrows both to the
//! outputs and objectives whose code or title holds what is typed. Objectives are headed by
//! their codes, the title shown on hover and focus (in full when there are few of them).

use super::AppContext;
use crate::ui::state::Action;
use crate::ui::state::{EditAction, WorkAction};
use rollplan_core::calc::Figures;
use rollplan_core::edit::Edit;
use rollplan_core::model::{ObjectiveId, OutputId, Share};
use rollplan_core::numfmt::{format_amount, plain};
use rollplan_core::reports::validate::shares_complete;
use rollplan_core::sheet::nav::{self, Command, Press, Size};
use rollplan_core::sheet::{CellKey, Range, Target};
use yew::prelude::*;

/// The cells are one tab stop (a roving tab index, as a grid should be): the cell last
/// focused takes Tab, every other cell is reached with the arrow keys.
fn cell_id(row: usize, col: usize) -> String {
    format!("mx-{row}-{col}")
}

/// Makes the focused cell the matrix's one tab stop: remembered for the next render (a
/// cell rebuilt after editing keeps it) and set in the page now, without re-rendering
/// every cell of a big matrix on each focus.
fn take_tab_stop(
    stop: std::rc::Rc<std::cell::RefCell<(usize, usize)>>,
    at: (usize, usize),
    e: FocusEvent,
) {
    *stop.borrow_mut() = at;
    let Some(me) = e.target_dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    if let Some(table) = me.closest("table").ok().flatten() {
        if let Ok(stops) = table.query_selector_all(".mark-btn[tabindex=\"0\"]") {
            for i in 0..stops.length() {
                if let Some(el) = stops
                    .item(i)
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                {
                    let _ = el.set_attribute("tabindex", "-1");
                }
            }
        }
    }
    let _ = me.set_attribute("tabindex", "0");
}

/// Row height and objective column width in pixels (`styles/app.css` gives the same), and
/// the width of the output column.
const ROW_H: f64 = 36.0;
const COL_W: f64 = 84.0;
const OUT_W: f64 = 290.0;
/// Rows and columns drawn beyond the window on each side.
const OVERSCAN: usize = 6;

/// Arrow keys, Home/End (with Ctrl: the corners) and Page Up/Down move between the cells, by
/// the grid's own navigation rules; the cell moved to is scrolled into view and focused once
/// drawn. `true` if the key was one of them.
fn move_focus(
    e: &KeyboardEvent,
    at: (usize, usize),
    rows: usize,
    cols: usize,
    go: &Callback<(usize, usize)>,
) -> bool {
    let key = e.key();
    if !(key.starts_with("Arrow") || matches!(key.as_str(), "Home" | "End" | "PageUp" | "PageDown"))
    {
        return false;
    }
    let press = Press {
        key: &key,
        shift: false,
        ctrl: e.ctrl_key() || e.meta_key(),
        alt: e.alt_key(),
    };
    let size = Size {
        rows,
        cols,
        page: 10,
    };
    if let Some(Command::Select(to)) = nav::on_key(&Range::at(at.0, at.1), size, &|_| true, press) {
        go.emit(to.cursor);
    }
    true
}

/// Scrolls the matrix just enough for cell `(r, c)` to show beside the sticky output
/// column and below the sticky header.
fn scroll_to_cell(el: &web_sys::Element, (r, c): (usize, usize), head: f64, foot: f64) {
    let top = r as f64 * ROW_H;
    let left = c as f64 * COL_W;
    let (st, sl) = (el.scroll_top() as f64, el.scroll_left() as f64);
    let view_h = el.client_height() as f64 - head - foot;
    let view_w = el.client_width() as f64 - OUT_W - 120.0;
    if top < st {
        el.set_scroll_top(top as i32);
    } else if top + ROW_H > st + view_h {
        el.set_scroll_top((top + ROW_H - view_h).ceil() as i32);
    }
    if left < sl {
        el.set_scroll_left(left as i32);
    } else if left + COL_W > sl + view_w {
        el.set_scroll_left((left + COL_W - view_w).ceil() as i32);
    }
}

/// A click on a cell holding a draft opens it for editing again.
fn start_click(start: impl Fn(String) + 'static, text: String) -> Callback<MouseEvent> {
    Callback::from(move |_| start(text.clone()))
}

#[function_component(Matrix)]
pub fn matrix() -> Html {
    let ctx = use_context::<AppContext>().expect("Matrix is rendered inside the app context");
    // The cell being typed into, and whether what was typed has been entered. What a cell
    // could not take stays in the document as a draft, and its editor stays open on it.
    let editing = use_state(|| None::<(OutputId, ObjectiveId, bool)>);
    let typed = use_mut_ref(String::new);
    use_effect_with(*editing, |editing| {
        if editing.is_some() {
            let input = gloo::utils::document()
                .query_selector(".mark-input")
                .ok()
                .flatten()
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok());
            if let Some(input) = input {
                let _ = input.focus();
                let n = input.value().encode_utf16().count() as u32;
                let _ = input.set_selection_range(n, n);
            }
        }
    });
    let out_filter = use_state(String::new);
    let obj_filter = use_state(String::new);
    // The window: the first row and column in view, and the view's size.
    let first = use_state_eq(|| (0usize, 0usize));
    let size = use_state_eq(|| (640.0f64, 1100.0f64));
    let scroller = use_node_ref();
    // A cell moved to with the keyboard, focused once it is drawn.
    let want_focus = use_mut_ref(|| None::<(usize, usize)>);
    {
        let want_focus = want_focus.clone();
        use_effect(move || {
            let at = *want_focus.borrow();
            if let Some((r, c)) = at {
                let cell = gloo::utils::document()
                    .get_element_by_id(&cell_id(r, c))
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
                if let Some(cell) = cell {
                    let _ = cell.focus();
                    *want_focus.borrow_mut() = None;
                }
            }
        });
    }
    let doc = ctx.doc.borrow();
    // Once the cell has taken what was entered, the editor is done with; so a draft that
    // undo brings back later shows on the cell, without reopening its editor.
    let taken = matches!(*editing, Some((o, b, true))
        if !doc.drafts().contains_key(&CellKey::of(Target::Link(o, b))));
    {
        let editing = editing.clone();
        use_effect_with(taken, move |taken| {
            if *taken {
                editing.set(None);
            }
        });
    }
    let engine = doc.view();
    let plan = engine.plan();
    let dp = plan.dp();
    let n = plan.years.len();
    let objective_table = engine.table(rollplan_core::calc::Dim::Objective).ok();
    let shares = engine.objective_shares(1).unwrap_or_default();
    let period = plan.period_label();

    // The outputs and objectives the filters let through, by position in the plan.
    let matches = |needle: &str, code: &str, title: &str| {
        let n = needle.trim().to_lowercase();
        n.is_empty() || code.to_lowercase().contains(&n) || title.to_lowercase().contains(&n)
    };
    let outs: Vec<usize> = (0..plan.outputs.len())
        .filter(|&i| matches(&out_filter, &plan.outputs[i].code, &plan.outputs[i].title))
        .collect();
    let objs: Vec<usize> = (0..plan.objectives.len())
        .filter(|&k| {
            matches(
                &obj_filter,
                &plan.objectives[k].code,
                &plan.objectives[k].title,
            )
        })
        .collect();
    let (nrows, ncols) = (outs.len(), objs.len());
    // The window drawn.
    let (height, width) = *size;
    let rows_in_view = (height / ROW_H).ceil() as usize + 1;
    let cols_in_view = ((width - OUT_W) / COL_W).ceil().max(1.0) as usize + 1;
    let r0 = first.0.saturating_sub(OVERSCAN).min(nrows);
    let r1 = (first.0 + rows_in_view + OVERSCAN).min(nrows);
    let c0 = first.1.saturating_sub(OVERSCAN).min(ncols);
    let c1 = (first.1 + cols_in_view + OVERSCAN).min(ncols);
    // Few objectives: their titles under their codes; many: codes, titles on hover and focus.
    let titled = plan.objectives.len() <= 12;
    let go = {
        let want_focus = want_focus.clone();
        let scroller = scroller.clone();
        let first = first.clone();
        Callback::from(move |at: (usize, usize)| {
            // Drawn already: focused now; else once the scroll has drawn it.
            let drawn = gloo::utils::document()
                .get_element_by_id(&cell_id(at.0, at.1))
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
            match drawn {
                Some(cell) => {
                    let _ = cell.focus();
                }
                None => *want_focus.borrow_mut() = Some(at),
            }
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                scroll_to_cell(&el, at, 0.0, 70.0);
                first.set((
                    (el.scroll_top() as f64 / ROW_H).floor() as usize,
                    (el.scroll_left() as f64 / COL_W).floor() as usize,
                ));
            }
        })
    };
    let onscroll = {
        let first = first.clone();
        let size = size.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            first.set((
                (el.scroll_top() as f64 / ROW_H).floor() as usize,
                (el.scroll_left() as f64 / COL_W).floor() as usize,
            ));
            size.set((el.client_height() as f64, el.client_width() as f64));
        })
    };
    {
        // The view's size once drawn (and after the window is resized).
        let size = size.clone();
        let scroller = scroller.clone();
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    size.set((el.client_height() as f64, el.client_width() as f64));
                }
            };
            measure();
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                    measure()
                });
            move || drop(listener)
        });
    }
    let head = objs[c0..c1].iter().map(|&k| {
        let o = &plan.objectives[k];
        let selected = ctx.work.selected_objective == Some(o.id);
        let onclick = {
            let ctx = ctx.clone();
            let id = o.id;
            Callback::from(move |_| {
                ctx.dispatch(Action::Work(WorkAction::SelectObjective(if selected {
                    None
                } else {
                    Some(id)
                })))
            })
        };
        html! {
            <th scope="col" class={classes!("obj-col", selected.then_some("selected"))}>
                <button class="obj-head" {onclick} aria-pressed={selected.to_string()}
                        // Codes only on show: the name still says the title (after the code, as
                        // speech input needs the visible text first).
                        aria-label={(!titled).then(|| format!("{} {}", o.code, o.title))}
                        title={if o.description.is_empty() { o.title.clone() } else { format!("{}\n\n{}", o.title, o.description) }}>
                    <span class="obj-code">{ &o.code }</span>
                    if titled {
                        <span class="obj-title">{ &o.title }</span>
                    } else {
                        <span class="obj-tip" aria-hidden="true">{ &o.title }</span>
                    }
                </button>
            </th>
        }
    });

    let stop = use_mut_ref(|| (0usize, 0usize));
    // The matrix's one tab stop: the cell last focused, or the first drawn when that one is
    // out of the window (so Tab always reaches the matrix).
    let stop_at = match *stop.borrow() {
        (r, c) if (r0..r1).contains(&r) && (c0..c1).contains(&c) => (r, c),
        _ => (r0, c0),
    };
    let pad_left = (c0 as f64 * COL_W) as u32;
    let pad_right = ((ncols - c1) as f64 * COL_W) as u32;
    let rows = (r0..r1).map(|i| {
        let out = &plan.outputs[outs[i]];
        let out_pos = outs[i];
        let complete = shares_complete(&out.links);
        let cost = Figures::from_years(&engine.rollups().output[out_pos * n..(out_pos + 1) * n])
            .map(|f| format_amount(f.period, dp))
            .unwrap_or_else(|e| e.to_string());
        let cells = (c0..c1).map(|k| {
            let obj = &plan.objectives[objs[k]];
            let link = out.links.iter().find(|l| l.objective == obj.id);
            let mark = match link.map(|l| l.share) {
                Some(Share::Equal) => "X".to_string(),
                Some(Share::Percent(p)) => format!("{} %", plain(p)),
                None => String::new(),
            };
            let linked = link.is_some();
            let onclick = {
                let ctx = ctx.clone();
                let (output, objective) = (out.id, obj.id);
                Callback::from(move |_| {
                    ctx.dispatch(Action::Edit(EditAction::Apply(Edit::SetLink {
                        output,
                        objective,
                        share: if linked { None } else { Some(Share::Equal) },
                    })))
                })
            };
            let (output, objective) = (out.id, obj.id);
            let key = CellKey::of(Target::Link(output, objective));
            let draft = doc.drafts().get(&key).cloned();
            let has_draft = draft.is_some();
            // What editing the cell starts from: the text it could not take, or its share.
            let current = match (&draft, link.map(|l| l.share)) {
                (Some(d), _) => d.text.clone(),
                (None, Some(Share::Equal)) => "X".to_string(),
                (None, Some(Share::Percent(p))) => plain(p),
                (None, None) => String::new(),
            };
            let start = {
                let editing = editing.clone();
                let typed = typed.clone();
                move |text: String| {
                    *typed.borrow_mut() = text;
                    editing.set(Some((output, objective, false)));
                }
            };
            let onkeydown = {
                let ctx = ctx.clone();
                let start = start.clone();
                let current = current.clone();
                let go = go.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if move_focus(&e, (i, k), nrows, ncols, &go) {
                        e.prevent_default();
                        return;
                    }
                    let pressed = e.key();
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    match pressed.as_str() {
                        "F2" => start(current.clone()),
                        // Unlinks, and drops text the cell could not take.
                        "Delete" | "Backspace" if linked || has_draft => ctx.dispatch(Action::Edit(EditAction::CommitCell {
                            key,
                            text: String::new(),
                        })),
                        k if k.chars().count() == 1
                            && k.chars().all(|c| c.is_ascii_digit() || c == 'x' || c == 'X' || c == '.') =>
                        {
                            start(k.to_string())
                        }
                        _ => return,
                    }
                    e.prevent_default();
                })
            };
            let ondblclick = {
                let start = start.clone();
                let current = current.clone();
                Callback::from(move |_: MouseEvent| start(current.clone()))
            };
            let selected = ctx.work.selected_objective == Some(obj.id);
            let label = format!(
                "Output {} and objective {}: {}",
                out.code,
                obj.code,
                if linked { format!("linked ({mark})") } else { "not linked".into() }
            );
            let here = match *editing {
                Some((o, b, entered)) if (o, b) == (output, objective) => !entered || has_draft,
                _ => false,
            };
            let error = draft.as_ref().map(|d| d.error.clone());
            let tabindex = if (i, k) == stop_at { "0" } else { "-1" };
            let onfocus = {
                let stop = stop.clone();
                Callback::from(move |e: FocusEvent| take_tab_stop(stop.clone(), (i, k), e))
            };
            if here {
                let commit = {
                    let ctx = ctx.clone();
                    let editing = editing.clone();
                    let typed = typed.clone();
                    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                        "Enter" => {
                            e.prevent_default();
                            let text = typed.borrow().clone();
                            ctx.dispatch(Action::Edit(EditAction::CommitCell { key, text }));
                            // Closed once the cell has taken it; open on the reason if not.
                            editing.set(Some((output, objective, true)));
                        }
                        "Escape" => editing.set(None),
                        _ => {}
                    })
                };
                let oninput = {
                    let typed = typed.clone();
                    let editing = editing.clone();
                    Callback::from(move |e: InputEvent| {
                        if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                            *typed.borrow_mut() = i.value();
                        }
                        if *editing != Some((output, objective, false)) {
                            editing.set(Some((output, objective, false)));
                        }
                    })
                };
                let input_label = format!("Share of output {} in objective {} (X or a percentage)", out.code, obj.code);
                return html! {
                    <td class={classes!("mark", "editing", error.is_some().then_some("invalid"))}>
                        <input class="mark-input" value={typed.borrow().clone()} onkeydown={commit} {oninput}
                            aria-label={input_label} aria-invalid={error.is_some().then_some("true")}
                            title={error.clone()} />
                        if let Some(msg) = &error {
                            <span class="mark-error" role="alert">{ msg.clone() }</span>
                        }
                    </td>
                };
            }
            if let Some(d) = draft {
                // Text the cell could not take stays on show, with the reason, until fixed.
                let label = format!("Output {} and objective {}: \u{201c}{}\u{201d} is not used: {}", out.code, obj.code, d.text, d.error);
                return html! {
                    <td class={classes!("mark", "invalid", selected.then_some("selected"))}>
                        <button class="mark-btn" id={cell_id(i, k)} {tabindex} {onfocus} {onkeydown} {ondblclick} onclick={start_click(start.clone(), current.clone())}
                                aria-label={label} aria-invalid="true" title={d.error.clone()}>{ d.text.clone() }</button>
                        <span class="mark-error" role="alert">{ d.error }</span>
                    </td>
                };
            }
            html! {
                <td class={classes!("mark", linked.then_some("on"), selected.then_some("selected"))}>
                    <button class={classes!("mark-btn", linked.then_some("on"))} id={cell_id(i, k)} {tabindex} {onfocus} {onclick} {onkeydown} {ondblclick}
                            aria-label={label} aria-pressed={linked.to_string()}
                            title="Click to link or unlink; type X or a percentage; Delete unlinks">{ mark }</button>
                </td>
            }
        });
        html! {
            <tr class={classes!((!complete).then_some("flagged"))}>
                <th scope="row" class="out-head" title={format!("{} {}", out.code, out.title)}>
                    <div class="out-head-inner">
                        <span class="code">{ &out.code }</span>
                        <span class="out-title">{ &out.title }</span>
                        if !complete {
                            <span class="flag" title="Shares do not sum to 100 %">{"shares \u{2260} 100 %"}</span>
                        }
                    </div>
                </th>
                if pad_left > 0 { <td class="pad" aria-hidden="true"></td> }
                { for cells }
                if pad_right > 0 { <td class="pad" aria-hidden="true"></td> }
                <td class="num cost">{ cost }</td>
            </tr>
        }
    });

    let foot_costs = objs[c0..c1].iter().map(|&k| {
        let o = &plan.objectives[k];
        let v = objective_table
            .as_ref()
            .and_then(|t| t.rows.get(k))
            .map(|r| format_amount(r.figures.period, dp))
            .unwrap_or_default();
        let selected = ctx.work.selected_objective == Some(o.id);
        html! { <td class={classes!("num", selected.then_some("selected"))} data-objective={o.code.clone()}>{ v }</td> }
    });
    let foot_shares = objs[c0..c1].iter().map(|&k| {
        let o = &plan.objectives[k];
        let v = shares.get(k).map(|s| format!("{s} %")).unwrap_or_default();
        let selected = ctx.work.selected_objective == Some(o.id);
        html! { <td class={classes!("num", "share", selected.then_some("selected"))}>{ v }</td> }
    });
    let total = objective_table
        .as_ref()
        .map(|t| format_amount(t.total.period, dp))
        .unwrap_or_default();

    let on_filter = |state: UseStateHandle<String>| {
        let first = first.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.set(input.value());
                first.set((0, 0));
            }
        })
    };
    let pad = |w: u32| (w > 0).then(|| html! { <col style={format!("width:{w}px")} /> });
    let table_width = OUT_W as u32 + pad_left + pad_right + ((c1 - c0) as f64 * COL_W) as u32 + 130;
    let top = (r0 as f64 * ROW_H) as u32;
    let bottom = ((nrows - r1) as f64 * ROW_H) as u32;
    let span = (c1 - c0) + 2 + usize::from(pad_left > 0) + usize::from(pad_right > 0);
    html! {
        <section class="panel matrix-panel" aria-labelledby="matrix-title">
            <div class="panel-head">
                <div class="head-row">
                    <h2 id="matrix-title">{"Outputs and objectives"}</h2>
                    <div class="grid-tools" role="search" aria-label="Filter the matrix">
                        <label class="tool-label">{"Outputs "}
                            <input type="search" class="filter-input" value={(*out_filter).clone()} oninput={on_filter(out_filter.clone())}
                                placeholder="code or title" aria-label="Show the outputs whose code or title has" />
                        </label>
                        <label class="tool-label">{"Objectives "}
                            <input type="search" class="filter-input" value={(*obj_filter).clone()} oninput={on_filter(obj_filter.clone())}
                                placeholder="code or title" aria-label="Show the objectives whose code or title has" />
                        </label>
                        <span class="count">{ format!("{nrows} of {} outputs, {ncols} of {} objectives", plan.outputs.len(), plan.objectives.len()) }</span>
                    </div>
                </div>
                <p class="panel-sub">{"Each X gives the output's cost to the objective, shared equally among its marks; a percentage gives that share. Click a cell to link or unlink, or type X or a percentage in it."}</p>
            </div>
            <div class="table-scroll matrix-scroll" ref={scroller} {onscroll}>
                <table class="matrix" aria-label="Outputs by objective" aria-rowcount={(nrows + 3).to_string()}
                       aria-colcount={(ncols + 2).to_string()} style={format!("width:{table_width}px")}>
                    <colgroup>
                        <col style={format!("width:{}px", OUT_W)} />
                        { for pad(pad_left) }
                        { for (c0..c1).map(|_| html! { <col style={format!("width:{}px", COL_W)} /> }) }
                        { for pad(pad_right) }
                        <col style="width:130px" />
                    </colgroup>
                    <thead>
                        <tr>
                            <th scope="col" class="corner">{"Output"}</th>
                            if pad_left > 0 { <th class="pad" aria-hidden="true"></th> }
                            { for head }
                            if pad_right > 0 { <th class="pad" aria-hidden="true"></th> }
                            <th scope="col" class="num cost-head">{ format!("Cost {period}") }<span class="unit">{ &plan.currency }</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        if top > 0 {
                            <tr class="pad" aria-hidden="true"><td colspan={span.to_string()} style={format!("height:{top}px")}></td></tr>
                        }
                        { for rows }
                        if bottom > 0 {
                            <tr class="pad" aria-hidden="true"><td colspan={span.to_string()} style={format!("height:{bottom}px")}></td></tr>
                        }
                    </tbody>
                    <tfoot>
                        <tr class="total">
                            <th scope="row">{ format!("Cost by objective, {period}") }</th>
                            if pad_left > 0 { <td class="pad" aria-hidden="true"></td> }
                            { for foot_costs }
                            if pad_right > 0 { <td class="pad" aria-hidden="true"></td> }
                            <td class="num" data-total="period">{ total }</td>
                        </tr>
                        <tr class="shares">
                            <th scope="row">{"Share of total"}</th>
                            if pad_left > 0 { <td class="pad" aria-hidden="true"></td> }
                            { for foot_shares }
                            if pad_right > 0 { <td class="pad" aria-hidden="true"></td> }
                            <td class="num share">{"100 %"}</td>
                        </tr>
                    </tfoot>
                </table>
                // The rows' height at least, whatever is drawn (see the grid's sizer): a
                // layout forced while Yew patches the window keeps the scroller where it is.
                <div class="grid-sizer" aria-hidden="true" style={format!("height:{}px", nrows as f64 * ROW_H)}></div>
            </div>
        </section>
    }
}
