//! One row of the grid as rendered: its cells as the core's sheet says them, the editor
//! when a cell of it is being typed into, and the group toggle. Rows are memoised and
//! keyed by what they show, so a line added or removed moves no other row's content, and
//! the DOM holds only the visible window.

use super::*;

pub(super) fn col_class(col: Col) -> &'static str {
    match col {
        Col::Label => "c-label",
        Col::Type => "c-type",
        Col::Rate => "c-rate",
        Col::Year(_) => "c-year",
        Col::Biennium(_) => "c-bien",
        Col::Period => "c-period",
    }
}

/// Column widths in pixels: fixed, so a long title cannot push the figures off screen.
pub(super) fn col_width(kind: SheetKind, col: Col) -> u32 {
    match col {
        Col::Label if kind == SheetKind::StandardCosts => 110,
        Col::Label => 290,
        Col::Type => 84,
        Col::Rate => 64,
        Col::Year(_) => 88,
        Col::Biennium(_) => 100,
        Col::Period => 104,
    }
}

pub(super) fn row_class(row: Row) -> &'static str {
    match row {
        Row::Group(_) => "r-group",
        Row::Output(_) => "r-output",
        Row::Line(..) => "r-line",
        Row::Cost(..) => "r-cost",
        Row::Total => "r-total",
        Row::Grade(_) => "r-grade",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct CellView {
    pub(super) col: Col,
    pub(super) cell: Cell,
    pub(super) draft: Option<String>,
    pub(super) title: Option<String>,
    pub(super) selected: bool,
    pub(super) cursor: bool,
    /// The shown scenario's own figure, not the baseline's.
    pub(super) overridden: bool,
    /// The cell (or its row, on the first cell) has a note: a corner marker.
    pub(super) note: bool,
    /// The figure was typed as a calculation.
    pub(super) expression: bool,
    /// The figure is held: spreading and Adjust keep it.
    pub(super) held: bool,
    /// A total that takes typing: what is typed is spread over its figures.
    pub(super) spreadable: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct GroupView {
    pub(super) key: GroupKey,
    pub(super) collapsed: bool,
    pub(super) outputs: usize,
    pub(super) code: String,
    pub(super) title: String,
}

#[derive(Clone, PartialEq)]
pub(super) struct EditorView {
    pub(super) col: usize,
    pub(super) text: String,
    pub(super) oninput: Callback<InputEvent>,
    pub(super) onblur: Callback<FocusEvent>,
}

/// A row's cells. Its place (`r`) is not among them: the row element, drawn by the grid,
/// carries it, so a row that only moved is not drawn again.
#[derive(Properties, PartialEq)]
pub(super) struct GridRowProps {
    pub(super) cells: Vec<CellView>,
    pub(super) group: Option<GroupView>,
    pub(super) editor: Option<EditorView>,
    pub(super) id: AttrValue,
    pub(super) ontoggle: Callback<GroupKey>,
}

/// One row's cells. A component of its own so that a commit re-renders the few rows whose
/// figures, selection or editor changed, not every visible row.
#[function_component(GridRow)]
pub(super) fn grid_row(p: &GridRowProps) -> Html {
    let tds = p.cells.iter().enumerate().map(|(c, v)| {
        let cell = &v.cell;
        let editing = p.editor.as_ref().filter(|e| e.col == c);
        let class = classes!(
            col_class(v.col),
            cell.numeric.then_some("num"),
            (cell.negative && v.draft.is_none()).then_some("neg"),
            cell.derived.then_some("derived"),
            (!cell.editable).then_some("ro"),
            v.selected.then_some("sel"),
            v.cursor.then_some("cursor"),
            v.draft.is_some().then_some("invalid"),
            editing.is_some().then_some("editing"),
            v.overridden.then_some("overridden"),
            v.note.then_some("has-note"),
            v.expression.then_some("has-expr"),
            v.held.then_some("held"),
            v.spreadable.then_some("spreadable"),
        );
        let content = if let Some(e) = editing {
            html! {
                <input id={format!("{}-editor", p.id)} class="cell-editor"
                    value={e.text.clone()} oninput={e.oninput.clone()} onblur={e.onblur.clone()}
                    aria-label={cell.name.clone()} spellcheck="false" autocomplete="off" />
            }
        } else if let Some(d) = &v.draft {
            html! { <span class="v">{ d.clone() }</span> }
        } else if let (Some(g), Col::Label) = (&p.group, v.col) {
            let key = g.key;
            let ontoggle = p.ontoggle.clone();
            let label = format!(
                "{} {}",
                if g.collapsed { "Expand" } else { "Collapse" },
                if g.code.is_empty() { g.title.clone() } else { g.code.clone() }
            );
            html! {
                <>
                    <button class="toggle" tabindex="-1" aria-expanded={(!g.collapsed).to_string()} aria-label={label}
                        onclick={Callback::from(move |e: MouseEvent| { e.stop_propagation(); ontoggle.emit(key); })}
                        onmousedown={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                        { if g.collapsed { "\u{25b8}" } else { "\u{25be}" } }
                    </button>
                    if !cell.code.is_empty() { <span class="code">{ cell.code.clone() }</span> }
                    <span class="v">{ cell.text.clone() }</span>
                    <span class="count">{ match g.outputs { 1 => "1 output".to_string(), n => format!("{n} outputs") } }</span>
                </>
            }
        } else {
            html! {
                <>
                    if !cell.code.is_empty() { <span class="code">{ cell.code.clone() }</span> }
                    <span class="v">{ cell.text.clone() }</span>
                </>
            }
        };
        let tabindex = if v.cursor { "0" } else { "-1" };
        // A total that spreads takes typing: not read-only to assistive technology.
        let readonly = (!cell.editable && !v.spreadable).then_some("true");
        let invalid = v.draft.is_some().then_some("true");
        // What the cell has besides its figure, said after its name (the texts are shared
        // hidden elements of the grid).
        let described: Vec<&str> = [
            v.overridden.then_some("overridden-note"),
            v.held.then_some("held-note"),
            v.note.then_some("has-note-note"),
            v.expression.then_some("expr-note"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let described = (!described.is_empty()).then(|| described.join(" "));
        if v.col == Col::Label {
            html! {
                <th role="rowheader" scope="row" data-c={c.to_string()} {tabindex}
                    aria-label={cell.name.clone()} {class} title={v.title.clone()} aria-readonly={readonly}
                    aria-invalid={invalid} aria-describedby={described} aria-selected={v.selected.to_string()}>{ content }</th>
            }
        } else {
            // The name says where the cell is and what it shows ("Output 1.1, Travel, 2012:
            // 420,000"): the visible figure is part of it, as speech input needs.
            let shown = v.draft.as_deref().unwrap_or(&cell.text).trim();
            let label = if shown.is_empty() || editing.is_some() {
                cell.name.clone()
            } else {
                format!("{}: {shown}", cell.name)
            };
            html! {
                <td role="gridcell" data-c={c.to_string()} {tabindex}
                    aria-label={label} {class} title={v.title.clone()} aria-readonly={readonly}
                    aria-invalid={invalid} aria-describedby={described} aria-selected={v.selected.to_string()}>{ content }</td>
            }
        }
    });
    tds.collect::<Html>()
}
