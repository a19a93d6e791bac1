//! The planning tools beside the tabs, for the grid on show: Adjust… (Ctrl+Shift+E),
//! Spread…, Hold / release (F4), Note… (Shift+F2). Each acts on the grid's cursor and
//! selection, which the grid keeps in [`GridSelection`].

use super::{AppContext, GridSelection};
use crate::ui::state::{Action, Dialog, SayAction, View, WorkAction};
use rollplan_core::sheet::{Range, SheetKind};
use yew::prelude::*;

#[function_component(PlanTools)]
pub fn plan_tools() -> Html {
    let ctx = use_context::<AppContext>().expect("inside the app context");
    let selection = use_context::<GridSelection>().unwrap_or_default();
    let sheet = match ctx.work.view {
        View::Resources => SheetKind::Resources(ctx.work.grouping),
        View::StandardCosts => SheetKind::StandardCosts,
        _ => return html! {},
    };
    // The grid's selection, if it is this view's grid (else its first cell).
    let range = move || match *selection.0.borrow() {
        Some((kind, range)) if kind == sheet => range,
        _ => Range::at(0, 0),
    };
    let act = |f: fn(&AppContext, SheetKind, Range)| {
        let ctx = ctx.clone();
        let range = range.clone();
        Callback::from(move |_: MouseEvent| f(&ctx, sheet, range()))
    };
    let adjust = act(|ctx, sheet, range| {
        ctx.dispatch(Action::Work(WorkAction::Open(Dialog::Adjust {
            sheet,
            cursor: range.cursor,
            range,
        })))
    });
    let spread = act(|ctx, sheet, range| {
        ctx.dispatch(Action::Work(WorkAction::Open(Dialog::Spread {
            sheet,
            cell: range.cursor,
        })))
    });
    let hold = act(|ctx, sheet, range| {
        let keys = ctx
            .sheet(sheet)
            .hold_keys(ctx.doc.borrow().view().plan(), &range);
        if keys.is_empty() {
            ctx.dispatch(Action::Say(SayAction::Status(
                "Only figures can be held: select figures of lines (or a total, to hold the figures under it).".into(),
            )));
        } else {
            ctx.dispatch(Action::Work(WorkAction::ToggleHold(keys)));
        }
    });
    let note = act(|ctx, sheet, range| {
        let at = ctx.sheet(sheet).note_at(
            ctx.doc.borrow().view().plan(),
            range.cursor.0,
            range.cursor.1,
        );
        match at {
            Some(at) => ctx.dispatch(Action::Work(WorkAction::Open(Dialog::Note(at)))),
            None => ctx.dispatch(Action::Say(SayAction::Status(
                "A note goes on a figure, a line, an output or an objective: put the cursor on one."
                    .into(),
            ))),
        }
    });
    let release = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.dispatch(Action::Work(WorkAction::ReleaseAll)))
    };
    let held = ctx.work.held.len();
    let resources = matches!(sheet, SheetKind::Resources(_));
    html! {
        <div class="plan-tools" role="toolbar" aria-label="Planning tools">
            <button class="tool-light" onclick={adjust} title="Change the selected figures, a row, an output, an objective or the whole plan by a percentage or an amount (Ctrl+Shift+E)">{"Adjust\u{2026}"}</button>
            if resources {
                <button class="tool-light" onclick={spread} title="Share out a total over the figures beneath it, in proportion, evenly or by a pattern (or type into a total)">{"Spread\u{2026}"}</button>
                <button class="tool-light" onclick={hold} title="Hold the selected figures so spreading and Adjust go around them, or release them (F4)">{"Hold"}</button>
                if held > 0 {
                    <button class="tool-light" onclick={release} title="Release every held figure">{ format!("Release all ({held})") }</button>
                }
            }
            <button class="tool-light" onclick={note} title="Add, edit or delete the note of the cell or row under the cursor (Shift+F2)">{"Note\u{2026}"}</button>
        </div>
    }
}
