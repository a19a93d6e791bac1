//! Open, Save and Export: the plan as files.

use super::AppContext;
use crate::ui::files;
use crate::ui::state::ImportAction;
use crate::ui::state::{Action, Progress, SaveStatus, SayAction};
use crate::ui::workbook;
use rollplan_core::io::{csv as csv_io, plan_csv};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Hands a picked or dropped file to the reducer. The open plan stays in the library, so
/// this asks first only when the open plan is not saved there.
pub fn open_file(ctx: &AppContext, file: web_sys::File) {
    if let SaveStatus::Failed(why) = &ctx.store.saved {
        let question = format!(
            "The open plan is not saved in this browser ({}). Open the file anyway? Download the plan first to keep your changes.",
            why.message()
        );
        if !gloo::dialogs::confirm(&question) {
            return;
        }
    }
    let ctx = ctx.clone();
    // A file that takes a while says so after 0.2 s, with a Cancel; a cancelled open
    // changes nothing.
    let id = opening::start();
    let what = format!(
        "Opening {} ({:.1} MB)\u{2026}",
        file.name(),
        file.size() / 1e6
    );
    {
        let ctx = ctx.clone();
        gloo::timers::callback::Timeout::new(200, move || {
            if opening::current(id) {
                ctx.dispatch(Action::Say(SayAction::Progress(Some(Progress {
                    id,
                    what,
                }))));
            }
        })
        .forget();
    }
    files::read(file, move |name, result| {
        let ctx = ctx.clone();
        yew::platform::spawn_local(async move {
            // Reading a big plan takes a while (a 10 MB file about 0.2 s): the progress
            // shows before it starts, with a frame to paint it and a Cancel to be heard.
            let big = result.as_ref().is_ok_and(|b| b.len() > BIG_FILE);
            if big && opening::current(id) {
                ctx.dispatch(Action::Say(SayAction::Progress(Some(Progress {
                    id,
                    what: format!("Reading {name}\u{2026}"),
                }))));
                gloo::timers::future::TimeoutFuture::new(16).await;
            }
            gloo::timers::future::TimeoutFuture::new(0).await;
            if !opening::current(id) {
                return;
            }
            opened(&ctx, name, result);
            opening::end(id);
            ctx.dispatch(Action::Say(SayAction::Progress(None)));
        });
    });
}

/// Files larger than this (bytes) take long enough to read that the progress shows first.
const BIG_FILE: usize = 1_000_000;

/// The file being opened, by number: one at a time, and a cancelled one is dropped.
pub mod opening {
    use std::cell::Cell;

    thread_local! {
        static NEXT: Cell<u64> = const { Cell::new(0) };
        static CURRENT: Cell<u64> = const { Cell::new(0) };
    }

    pub fn start() -> u64 {
        let id = NEXT.with(|n| {
            n.set(n.get().wrapping_add(1));
            n.get()
        });
        CURRENT.with(|c| c.set(id));
        id
    }

    pub fn current(id: u64) -> bool {
        CURRENT.with(|c| c.get()) == id
    }

    pub fn end(id: u64) {
        CURRENT.with(|c| {
            if c.get() == id {
                c.set(0)
            }
        });
    }

    /// Drops the open in progress.
    pub fn cancel() {
        CURRENT.with(|c| c.set(0));
    }
}

/// What a file read becomes: a workbook for the worker, else a plan or a budget.
fn opened(ctx: &AppContext, name: String, result: Result<Vec<u8>, String>) {
    let ctx = ctx.clone();
    match result {
        // A workbook is read by the workbook worker, fetched on first use.
        Ok(bytes) if rollplan_core::io::workbook::is_workbook(&name, &bytes) => {
            ctx.dispatch(Action::Say(SayAction::Status(format!(
                "Reading {name}\u{2026}"
            ))));
            yew::platform::spawn_local(async move {
                let action = match workbook::read(&bytes).await {
                    Ok(r) => ImportAction::WorkbookRead {
                        name,
                        sheets: Rc::new(r.sheets),
                        plan_file: r.plan_file.map(Rc::new),
                        taken: Rc::new(super::super::storage::titles()),
                    },
                    Err(error) => ImportAction::FileFailed { name, error },
                };
                ctx.dispatch(Action::Say(SayAction::DismissStatus));
                ctx.dispatch(Action::Import(action));
            });
        }
        Ok(bytes) => ctx.dispatch(Action::Import(ImportAction::FileRead {
            name,
            bytes: Rc::new(bytes),
            taken: Rc::new(super::super::storage::titles()),
        })),
        Err(error) => ctx.dispatch(Action::Import(ImportAction::FileFailed { name, error })),
    }
}

/// Exports the plan as a live workbook: the workbook worker writes it, off the page's thread.
fn export_workbook(ctx: &AppContext) {
    let plan = ctx.doc.borrow().plan().clone();
    let name = files::file_name(&plan.title, ".xlsx");
    let file = rollplan_core::io::json::save(&plan);
    let ctx = ctx.clone();
    ctx.dispatch(Action::Say(SayAction::Status(
        "Preparing the Excel workbook\u{2026}".into(),
    )));
    yew::platform::spawn_local(async move {
        match workbook::export(file, js_sys::Date::now()).await {
            Ok(bytes) => {
                files::download_bytes(
                    &name,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    &bytes,
                );
                ctx.dispatch(Action::Say(SayAction::Status(format!(
                    "Downloaded {name}: every cost and total in it is a formula, so it recalculates in Excel or LibreOffice."
                ))));
            }
            Err(error) => {
                ctx.dispatch(Action::Say(SayAction::DismissStatus));
                ctx.dispatch(Action::Import(ImportAction::FileFailed {
                    name: "The workbook".into(),
                    error,
                }));
            }
        }
    });
}

#[function_component(FileMenu)]
pub fn file_menu() -> Html {
    let ctx = use_context::<AppContext>().expect("FileMenu is rendered inside the app context");
    let input = use_node_ref();
    let export_open = use_state(|| false);
    let share = use_state(|| None::<Result<String, String>>);

    let pick = {
        let input = input.clone();
        Callback::from(move |_| {
            if let Some(i) = input.cast::<web_sys::HtmlInputElement>() {
                i.click();
            }
        })
    };
    let picked = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(&ctx, file);
            }
            // Let the same file be picked again later.
            input.set_value("");
        })
    };
    let save = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            files::download_plan(ctx.doc.borrow().plan());
        })
    };
    let export = |kind: &'static str| {
        let ctx = ctx.clone();
        let export_open = export_open.clone();
        Callback::from(move |_| {
            export_open.set(false);
            if kind == "xlsx" {
                export_workbook(&ctx);
                return;
            }
            let doc = ctx.doc.borrow();
            let engine = doc.engine();
            let title = &engine.plan().title;
            let (suffix, text) = match kind {
                "long" => ("-resources-long.csv", Ok(plan_csv::export_long(engine))),
                "wide" => ("-resources-wide.csv", Ok(plan_csv::export_wide(engine))),
                "kpis" => ("-kpis.csv", Ok(csv_io::kpis_csv(engine.plan()))),
                "risks" => ("-risks.csv", Ok(csv_io::risks_csv(engine.plan()))),
                "notes" => ("-notes.csv", Ok(csv_io::notes_csv(engine.plan()))),
                "history" => ("-history.csv", Ok(csv_io::history_csv(engine.plan()))),
                _ => (
                    "-rollups.csv",
                    csv_io::rollups_csv(engine).map_err(|e| e.to_string()),
                ),
            };
            match text {
                // A BOM so Excel reads the file as UTF-8.
                Ok(t) => files::download(
                    &files::file_name(title, suffix),
                    "text/csv",
                    &format!("\u{feff}{t}"),
                ),
                Err(e) => ctx.dispatch(Action::Import(ImportAction::FileFailed {
                    name: "The export".into(),
                    error: e,
                })),
            }
        })
    };
    let open_share = {
        let ctx = ctx.clone();
        let share = share.clone();
        Callback::from(move |_| {
            share.set(Some(crate::ui::storage::share_link(
                ctx.doc.borrow().plan(),
            )))
        })
    };
    let close_share = {
        let share = share.clone();
        Callback::from(move |_| share.set(None))
    };
    let toggle = {
        let export_open = export_open.clone();
        Callback::from(move |_| export_open.set(!*export_open))
    };
    let menu = use_node_ref();
    let menu_button = use_node_ref();
    // An open menu closes on a click outside it and when the view changes, so it never
    // covers other controls.
    {
        let export_open = export_open.clone();
        let menu = menu.clone();
        use_effect_with(*export_open, move |open| {
            let listener = open.then(|| {
                let export_open = export_open.clone();
                gloo::events::EventListener::new(&gloo::utils::document(), "mousedown", move |e| {
                    let inside = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                        .zip(menu.cast::<web_sys::Node>())
                        .is_some_and(|(t, m)| m.contains(Some(&t)));
                    if !inside {
                        export_open.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        let export_open = export_open.clone();
        use_effect_with(ctx.work.view, move |_| export_open.set(false));
    }
    // Escape closes it and gives the focus back to its button.
    let on_menu_key = {
        let export_open = export_open.clone();
        let menu_button = menu_button.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *export_open {
                e.prevent_default();
                export_open.set(false);
                if let Some(b) = menu_button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    html! {
        <div class="file-menu">
            <input ref={input} type="file" accept=".json,.csv,.xlsx,.xlsm,.xls,.ods,application/json,text/csv" class="hidden-input"
                   onchange={picked} aria-label="Open a plan or budget file" data-testid="file-input" />
            <button class="tool" onclick={pick} title="Open a plan (.json, or a workbook Rollplan wrote) or a budget (.csv, .xlsx, .ods); you can also drop a file on the page">{"Open\u{2026}"}</button>
            <button class="tool" onclick={save} title="Save the whole plan as a Rollplan JSON file">{"Save"}</button>
            <button class="tool" onclick={open_share} title="A link that carries the whole plan; nothing is uploaded">{"Share link\u{2026}"}</button>
            if let Some(link) = (*share).clone() {
                <super::share::ShareDialog {link} onclose={close_share} />
            }
            <div class="menu" ref={menu} onkeydown={on_menu_key}>
                <button class="tool" ref={menu_button} onclick={toggle} aria-haspopup="menu" aria-expanded={export_open.to_string()}>{"Export \u{25be}"}</button>
                if *export_open {
                    <div class="menu-list" role="menu">
                        <button role="menuitem" onclick={export("xlsx")}>{"Excel workbook (.xlsx), with live formulas"}</button>
                        <button role="menuitem" onclick={export("long")}>{"Resources, long (one row per output, line and year)"}</button>
                        <button role="menuitem" onclick={export("wide")}>{"Resources, wide (years as columns)"}</button>
                        <button role="menuitem" onclick={export("rollups")}>{"Rollups (objectives, units, categories)"}</button>
                        <button role="menuitem" onclick={export("kpis")}>{"KPIs (targets, actuals, status by year)"}</button>
                        <button role="menuitem" onclick={export("risks")}>{"Risks (likelihood, impact, severity)"}</button>
                        <button role="menuitem" onclick={export("notes")}>{"Notes on figures and rows"}</button>
                        <button role="menuitem" onclick={export("history")}>{"History of changes"}</button>
                    </div>
                }
            </div>
        </div>
    }
}
