//! The resources view: outputs and their resource lines by year, grouped by objective or
//! org unit, with the structure toolbar (add, delete, reorder).

use super::grid::Grid;
use super::AppContext;
use crate::ui::state::{Action, StructureOp};
use crate::ui::state::{EditAction, WorkAction};
use rollplan_core::sheet::{GroupKey, Grouping, Range, Row, Sheet, SheetKind};
use std::rc::Rc;
use yew::prelude::*;

#[function_component(Resources)]
pub fn resources() -> Html {
    let ctx = use_context::<AppContext>().expect("Resources is rendered inside the app context");
    let grouping = ctx.work.grouping;
    // Rebuilt when the plan's shape changes, not on every value typed (the state keeps it).
    let sheet = ctx.sheet(SheetKind::Resources(grouping));
    // The grid's cursor starts on its first row: so does this, so the first render (and the
    // prerendered page) already shows the tools for it.
    let current = {
        let first = sheet.rows.first().copied();
        use_state(move || first)
    };
    let on_cursor = {
        let current = current.clone();
        Callback::from(move |r: Row| current.set(Some(r)))
    };
    let row = (*current).filter(|r| sheet.rows.contains(r));
    let selection = use_mut_ref(|| None::<Range>);
    let on_range = {
        let selection = selection.clone();
        Callback::from(move |r: Range| *selection.borrow_mut() = Some(r))
    };
    let scenario = ctx.scenario_name();
    let reset = {
        let ctx = ctx.clone();
        let selection = selection.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(range) = *selection.borrow() {
                ctx.dispatch(Action::Edit(EditAction::ResetCells {
                    sheet: SheetKind::Resources(grouping),
                    range,
                }));
            }
        })
    };
    let in_scenario = scenario.is_some();

    let op = |op: StructureOp| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(row) = row {
                ctx.dispatch(Action::Edit(EditAction::Structure { op, row }));
            }
        })
    };
    let add_objective = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::Edit(EditAction::Structure {
                op: StructureOp::AddObjective,
                row: row.unwrap_or(Row::Total),
            }))
        })
    };
    let on_group = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let v = super::select_value(&e);
            ctx.dispatch(Action::Work(WorkAction::SetGrouping(if v == "unit" {
                Grouping::Unit
            } else {
                Grouping::Objective
            })));
        })
    };
    let collapse = |all: bool| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            ctx.dispatch(Action::Work(WorkAction::CollapseAll(all)))
        })
    };
    let what = match row {
        Some(Row::Line(..) | Row::Cost(..)) => "line",
        Some(Row::Output(_)) => "output",
        Some(Row::Group(g))
            if matches!(
                sheet.groups.get(g).map(|g| g.key),
                Some(GroupKey::Objective(_))
            ) =>
        {
            "objective"
        }
        _ => "row",
    };
    let can_line = matches!(row, Some(Row::Line(..) | Row::Cost(..) | Row::Output(_)));
    let can_output = matches!(
        row,
        Some(Row::Line(..) | Row::Cost(..) | Row::Output(_) | Row::Group(_))
    );
    let sheet_rc: Rc<Sheet> = sheet.clone();
    html! {
        <section class="panel grid-panel" aria-labelledby="resources-title">
            <div class="panel-head">
                <h2 id="resources-title">{"Resource requirements"}
                    if let Some(name) = &scenario { <span class="scenario-chip">{ format!("Scenario: {name}") }</span> }
                </h2>
                <div class="grid-tools" role="toolbar" aria-label="Resources">
                    <label class="tool-label">{"Group by "}
                        <select onchange={on_group} aria-label="Group outputs by">
                            <option value="objective" selected={grouping == Grouping::Objective}>{"Objective"}</option>
                            <option value="unit" selected={grouping == Grouping::Unit}>{"Org unit"}</option>
                        </select>
                    </label>
                    <button class="tool" onclick={collapse(true)}>{"Collapse all"}</button>
                    <button class="tool" onclick={collapse(false)}>{"Expand all"}</button>
                    <span class="sep" aria-hidden="true"></span>
                    if in_scenario {
                        <button class="tool scenario-tool" onclick={reset}
                            title="The selected cells follow the baseline again">{"Reset to baseline"}</button>
                        <span class="tool-note">{"Rows are added, moved and deleted in the baseline."}</span>
                    } else {
                    <button class="tool" onclick={op(StructureOp::AddLine)} disabled={!can_line}>{"Add line"}</button>
                    <button class="tool" onclick={op(StructureOp::AddOutput)} disabled={!can_output}>{"Add output"}</button>
                    <button class="tool" onclick={add_objective} disabled={grouping != Grouping::Objective}>{"Add objective"}</button>
                    <span class="sep" aria-hidden="true"></span>
                    <button class="tool" onclick={op(StructureOp::MoveUp)} disabled={what.is_empty()}
                        aria-label={format!("Move {what} up")}>{"\u{2191} Up"}</button>
                    <button class="tool" onclick={op(StructureOp::MoveDown)} disabled={what.is_empty()}
                        aria-label={format!("Move {what} down")}>{"\u{2193} Down"}</button>
                    <button class="tool danger" onclick={op(StructureOp::Remove)} disabled={what.is_empty()}
                        aria-label={format!("Delete {what}")}>{ format!("Delete {what}") }</button>
                    }
                </div>
            </div>
            <Grid sheet={sheet_rc} label="Resource requirements" id="res" {on_cursor} {on_range} />
        </section>
    }
}
