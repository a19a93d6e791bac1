//! The app shell: state, context, layout.

use super::components::file_menu::open_file;
use super::components::{
    costs::Costs,
    dialogs::Dialogs,
    find::Find,
    header::Header,
    history::HistoryView,
    import_dialog::ImportDialog,
    inspector::Inspector,
    library::Library,
    matrix::Matrix,
    notice::NoticePanel,
    plan_tools::PlanTools,
    proposal::ProposalView,
    resources::Resources,
    results::Results,
    rollups::Rollups,
    save_banner::SaveBanner,
    scenarios::{ScenarioPicker, Scenarios},
    AppContext, GridSelection,
};
use super::state::{Action, AppState, Home, SaveStatus, View};
use super::state::{EditAction, SayAction, StoreAction, WorkAction};
#[cfg(target_arch = "wasm32")]
use rollplan_core::io::library::Stored;
use rollplan_core::model::Plan;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;
#[cfg(target_arch = "wasm32")]
use yew::Reducible;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The plan to open; the example plan when `None`.
    #[prop_or_default]
    pub plan: Option<Plan>,
    /// The view to open on; the resources grid when `None`.
    #[prop_or_default]
    pub view: Option<View>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let plan = props.plan.clone();
    let first_view = props.view;
    let state = use_reducer(move || {
        let mut s = match plan {
            Some(p) => AppState::open(p),
            None => booted(),
        };
        if let Some(v) = first_view {
            s.work.view = v;
        }
        // The history records changes with the browser's clock (the core reads none).
        #[cfg(target_arch = "wasm32")]
        {
            s.clock = super::state::Clock(super::storage::now);
        }
        s
    });
    use_autosave(&state);
    {
        // The person's name for the history is kept in this browser when they change it.
        let first = use_mut_ref(|| true);
        use_effect_with(state.store.author.clone(), move |name| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                #[cfg(target_arch = "wasm32")]
                super::storage::set_author(name);
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = name;
        });
    }
    use_keep_drafts(&state);
    use_browser_events(&state);
    {
        // The view is remembered so the plan reopens on it.
        let first = use_mut_ref(|| true);
        use_effect_with(state.work.view, move |v| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                #[cfg(target_arch = "wasm32")]
                super::storage::remember_view(*v);
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = v;
        });
    }
    let note = state.doc.borrow().plan().note.clone();
    let welcome = state.work.welcome;
    let scenario_on = state.doc.borrow().scenario().is_some();
    let message = state.say.message.clone();
    let progress = state.say.progress.clone();
    let cancel_open = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            super::components::file_menu::opening::cancel();
            state.dispatch(Action::Say(SayAction::Progress(None)));
            state.dispatch(Action::Say(SayAction::Status(
                "Opening the file was cancelled; your plan is unchanged.".into(),
            )));
        })
    };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Say(SayAction::DismissMessage)))
    };
    // Drag and drop a file anywhere on the page to open it.
    let dragging = use_state(|| false);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving to a child element is not leaving the page.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let state = state.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                open_file(&state, file);
            }
        })
    };
    // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) anywhere but in a text field, which keeps its own undo.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            // Not passive: the browser's own Ctrl+Z/Y must be prevented.
            let listener = gloo::events::EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
                        return;
                    }
                    // Ctrl+F is the plan's own find, from anywhere (the browser's finds
                    // only the rows the grid has drawn).
                    if e.key().eq_ignore_ascii_case("f") && !e.shift_key() {
                        e.prevent_default();
                        dispatcher.dispatch(Action::Work(WorkAction::ShowFind(true)));
                        return;
                    }
                    let in_field = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        });
                    if in_field {
                        return;
                    }
                    let action = match e.key().to_lowercase().as_str() {
                        "z" if !e.shift_key() => Action::Edit(EditAction::Undo),
                        "z" | "y" => Action::Edit(EditAction::Redo),
                        _ => return,
                    };
                    e.prevent_default();
                    dispatcher.dispatch(action);
                },
            );
            move || drop(listener)
        });
    }
    let open_find = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Work(WorkAction::ShowFind(true))))
    };
    let view = state.work.view;
    let tab_state = state.clone();
    let tab = |v: View, label: &'static str, id: &'static str| {
        let state = tab_state.clone();
        let selected = view == v;
        html! {
            <button role="tab" id={format!("tab-{id}")} class={classes!("tab", selected.then_some("active"))}
                aria-selected={selected.to_string()} aria-controls="workspace" tabindex={if selected { "0" } else { "-1" }}
                onclick={Callback::from(move |_| state.dispatch(Action::Work(WorkAction::SetView(v))))}>{ label }</button>
        }
    };
    let tabs_keys = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let order = View::ALL;
            let k = order.iter().position(|v| *v == view).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => order[(k + 1) % order.len()],
                "ArrowLeft" => order[(k + order.len() - 1) % order.len()],
                _ => return,
            };
            e.prevent_default();
            state.dispatch(Action::Work(WorkAction::SetView(next)));
            if let Some(el) = gloo::utils::document()
                .get_element_by_id(tab_id(next))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        })
    };
    // The grid on show says where its selection is; the planning tools read it.
    let grid_selection = use_state(GridSelection::default);
    let status = state.say.status.clone();
    let dismiss_status = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Say(SayAction::DismissStatus)))
    };
    html! {
        <ContextProvider<AppContext> context={state}>
        <ContextProvider<GridSelection> context={(*grid_selection).clone()}>
            <div class={classes!("app", dragging.then_some("dragging"), scenario_on.then_some("scenario-on"))} {ondragover} {ondragleave} {ondrop}>
                if *dragging {
                    <div class="drop-hint" aria-hidden="true">{"Drop a plan (.json) or a budget (.csv) to open it"}</div>
                }
                <Header />
                <SaveBanner />
                if welcome {
                    <Welcome />
                }
                if !note.is_empty() {
                    <div class="note" role="note"><strong>{"About these figures: "}</strong>{ note }</div>
                }
                <NoticePanel />
                if let Some(p) = progress {
                    <div class="progress" role="status">
                        <span class="spinner" aria-hidden="true"></span>
                        <span>{ p.what }</span>
                        <button class="btn" onclick={cancel_open}>{"Cancel"}</button>
                    </div>
                }
                if let Some(m) = message {
                    <div class="message" role="alert">
                        <span>{ m }</span>
                        <button class="close" onclick={dismiss} aria-label="Dismiss">{"\u{d7}"}</button>
                    </div>
                }
                <div class="tabrow">
                <nav class="tabs" role="tablist" aria-label="Views" onkeydown={tabs_keys}>
                    { tab(View::Resources, "Resources", "resources") }
                    { tab(View::Linkage, "Outputs \u{d7} objectives", "linkage") }
                    { tab(View::Rollups, "Rollups", "rollups") }
                    { tab(View::Results, "Results & KPIs", "results") }
                    { tab(View::StandardCosts, "Standard costs & ceilings", "costs") }
                    { tab(View::Scenarios, "Scenarios", "scenarios") }
                    { tab(View::Proposal, "Proposal costing", "proposal") }
                    { tab(View::History, "History", "history") }
                </nav>
                <div class="tabrow-tools">
                    <button class="tool-light" title="Find outputs, objectives and lines by code or title (Ctrl+F)"
                        onclick={open_find}>
                        {"Find\u{2026}"}</button>
                    <PlanTools />
                    <Precision />
                    <ScenarioPicker />
                </div>
                </div>
                <Find />
                // The landmark holds the tab panel (a main element cannot itself be one).
                <main class="main">
                <div id="workspace" role="tabpanel" class={classes!("workspace", (view != View::Linkage).then_some("wide"))}
                      aria-labelledby={tab_id(view)}>
                    { match view {
                        View::Resources => html! { <Resources /> },
                        View::Linkage => html! { <><Matrix /><Inspector /></> },
                        View::Rollups => html! { <Rollups /> },
                        View::Results => html! { <Results /> },
                        View::StandardCosts => html! { <Costs /> },
                        View::Scenarios => html! { <Scenarios /> },
                        View::Proposal => html! { <ProposalView /> },
                        View::History => html! { <HistoryView /> },
                    } }
                </div>
                </main>
                <ImportDialog />
                <Dialogs />
                <Library />
                <footer class="statusbar">
                    <span>{"Rollplan runs entirely in your browser: no data leaves this machine."}</span>
                    <span class="status" role="status" aria-live="polite">
                        if let Some(s) = status {
                            { s }
                            <button class="close small" onclick={dismiss_status} aria-label="Dismiss status">{"\u{d7}"}</button>
                        }
                    </span>
                </footer>
            </div>
        </ContextProvider<GridSelection>>
        </ContextProvider<AppContext>>
    }
}

fn tab_id(v: View) -> &'static str {
    match v {
        View::Resources => "tab-resources",
        View::Linkage => "tab-linkage",
        View::Rollups => "tab-rollups",
        View::Results => "tab-results",
        View::StandardCosts => "tab-costs",
        View::Scenarios => "tab-scenarios",
        View::Proposal => "tab-proposal",
        View::History => "tab-history",
    }
}

/// The first state: a plan from a share link in the address bar, else the plan saved last
/// in this browser (on the view it was on), else the example. A plan that could not be read
/// is set aside, never deleted, and the user is told.
fn boot() -> AppState {
    #[cfg(target_arch = "wasm32")]
    {
        use super::storage;
        let mut told = None;
        if let Some(fragment) = storage::take_link() {
            match link_action(&fragment) {
                Ok(action) => {
                    let mut s = (*Rc::new(AppState::example()).reduce(action)).clone();
                    s.store.author = storage::author();
                    return s;
                }
                Err(why) => told = Some(why),
            }
        }
        let mut s = match storage::restore() {
            Some(Ok((stored, view))) => {
                let mut s = AppState::open_stored(stored);
                s.work.view = view.unwrap_or(View::Resources);
                s
            }
            Some(Err(why)) => {
                let mut s = AppState::example();
                s.say.message = Some(why);
                s
            }
            None => {
                let mut s = AppState::example();
                s.work.welcome = true;
                s
            }
        };
        if told.is_some() {
            s.say.message = told;
        }
        s.store.author = storage::author();
        s
    }
    // Natively (the server renderer): what a first visit sees.
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut s = AppState::example();
        s.work.welcome = true;
        s
    }
}

/// The page a first visit sees, as HTML: put into the built index.html so it paints before
/// the wasm has arrived (see `scripts/prerender.sh`), then hydrated by [`start`].
#[cfg(not(target_arch = "wasm32"))]
pub async fn first_visit_html() -> String {
    yew::ServerRenderer::<App>::new().render().await
}

/// Mounts the app on the page's `#app`. On a first visit the page already shows the app as
/// [`first_visit_html`] rendered it, and the app takes those elements over (hydration: the
/// first paint is the real page, and nothing is built twice). Anyone else (a plan kept in
/// this browser, a share link) gets a fresh render of what they open.
///
/// Loading the wasm, reading the plan to open and rendering it are three tasks, not one:
/// the page answers input between them rather than freezing for all three at once.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use gloo::timers::callback::Timeout;
    // The library is read from IndexedDB first (asynchronously), so boot finds the plan
    // kept last.
    wasm_bindgen_futures::spawn_local(async {
        let told = super::storage::init().await;
        let Some(root) = gloo::utils::document().get_element_by_id("app") else {
            yew::Renderer::<App>::new().render();
            return;
        };
        let mut first = boot();
        if first.say.message.is_none() {
            first.say.message = told;
        }
        // The prerendered page is what a first visit boots to: the example with the
        // getting-started strip and nothing to tell (a plan kept here, a share link or a
        // message all boot to something else, rendered afresh).
        let hydrate = root.has_attribute("data-prerendered")
            && first.work.welcome
            && first.say.message.is_none()
            && first.work.view == View::Resources;
        BOOTED.with(|b| *b.borrow_mut() = Some(first));
        Timeout::new(0, move || {
            for attribute in ["data-prerendered", "aria-hidden", "inert"] {
                let _ = root.remove_attribute(attribute);
            }
            let renderer = yew::Renderer::<App>::with_root(root.clone());
            if hydrate {
                renderer.hydrate();
            } else {
                root.set_inner_html("");
                renderer.render();
            }
        })
        .forget();
    });
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The first state, made by [`start`] in a task of its own before the first render.
    static BOOTED: RefCell<Option<AppState>> = const { RefCell::new(None) };
}

/// The first state: made ahead by [`start`], else now.
fn booted() -> AppState {
    #[cfg(target_arch = "wasm32")]
    if let Some(state) = BOOTED.with(|b| b.borrow_mut().take()) {
        return state;
    }
    boot()
}

/// What opening a share link does: the plan added to the library and opened, or opened
/// unsaved when the library has no room for it, or why the link did not open.
#[cfg(target_arch = "wasm32")]
fn link_action(fragment: &str) -> Result<Action, String> {
    let (plan, stored) = super::storage::import_link(fragment)?;
    Ok(match stored {
        Ok(meta) => Action::Store(StoreAction::OpenStored {
            note: Some(format!(
                "Opened \u{201c}{}\u{201d} from a shared link; it is now in this browser's plans.",
                meta.title
            )),
            stored: Box::new(Stored {
                plan,
                meta,
                drafts: Default::default(),
            }),
        }),
        Err(why) => Action::Store(StoreAction::OpenUnsaved {
            plan: Box::new(plan),
            why,
        }),
    })
}

/// Keeps what was typed into cells but not taken by the plan beside the stored plan, so a
/// reload brings it back. A plan not in the library yet is saved first to have an entry.
#[hook]
fn use_keep_drafts(state: &UseReducerHandle<AppState>) {
    let home = state.store.home.clone();
    let doc = state.doc.shared();
    let session = state.doc.session;
    let dispatcher = state.dispatcher();
    // The document's drafts change by typing, undo and redo; a new document starts anew.
    let version = (state.doc.session, state.doc.borrow().drafts_version());
    use_effect_with(version, move |_| {
        let drafts = doc.borrow().drafts().clone();
        let id = home.borrow().id.clone();
        match id {
            Some(id) => super::storage::save_drafts(&id, &drafts),
            None if !drafts.is_empty() => {
                // At once: the drafts need the plan's entry now.
                save_now(
                    doc.clone(),
                    home.clone(),
                    session,
                    dispatcher,
                    true,
                    Rc::default(),
                );
                if let Some(id) = home.borrow().id.clone() {
                    super::storage::save_drafts(&id, &drafts);
                }
            }
            None => {}
        }
    });
}

/// A save waiting for the debounce: the session of the document it is for, and the save
/// (called with `true` to write at once: the page is going away).
type Pending = Option<(u64, Box<dyn FnOnce(bool)>)>;

/// A save being written a few outputs per task: how to write it at once instead.
type Running = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

thread_local! {
    /// Counts saves started: a save written over several tasks is dropped when a later one
    /// started meanwhile, so an older copy of the plan never lands after a newer one.
    static SAVES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Outputs' cells written per task by a save spread over tasks: a few milliseconds' work.
const CELLS_PER_STEP: usize = 10_000;

/// Saves the open plan to the browser's library shortly after each change, and at once
/// when the page is hidden or closed, or when another plan takes its place. A big plan is
/// written a few outputs per task, so typing is never held up for more than a few
/// milliseconds by a save. Storage is touched here, at the edge; the reducer only hears the
/// outcome.
#[hook]
fn use_autosave(state: &UseReducerHandle<AppState>) {
    let pending = use_mut_ref(|| None as Pending);
    let running: Running = use_mut_ref(|| None);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let pending = pending.clone();
        let running = running.clone();
        let doc = state.doc.shared();
        let session = state.doc.session;
        let home = state.store.home.clone();
        let changed = state.store.changed;
        let dispatcher = state.dispatcher();
        use_effect_with(state.doc.generation, move |_| {
            // The previous plan's due save is written now, before this one replaces it.
            let due = pending.borrow_mut().take();
            if let Some((at, save)) = due {
                if at != session {
                    save(true);
                }
            }
            if changed {
                let save: Box<dyn FnOnce(bool)> = Box::new(move |at_once| {
                    save_now(doc, home, session, dispatcher, at_once, running)
                });
                *pending.borrow_mut() = Some((session, save));
                let due = pending.clone();
                // Debounced: a burst of typing is one write.
                *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(600, move || {
                    let save = due.borrow_mut().take();
                    if let Some((_, save)) = save {
                        save(false);
                    }
                }));
            }
        });
    }
    use_effect_with((), move |_| {
        let flush = move || {
            let save = pending.borrow_mut().take();
            match save {
                Some((_, save)) => save(true),
                // A save still being written over several tasks is written at once: a
                // hidden page's timers may not run again.
                None => {
                    let write = running.borrow_mut().take();
                    if let Some(write) = write {
                        write();
                    }
                }
            }
        };
        let on_hide = flush.clone();
        let document = gloo::utils::document();
        let hidden = document.clone();
        let l1 = gloo::events::EventListener::new(&document, "visibilitychange", move |_| {
            if hidden.hidden() {
                on_hide();
            }
        });
        let l2 =
            gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| flush());
        move || drop((l1, l2))
    });
}

/// Saves the plan: at once, or (`at_once` false) a few outputs per task. Either way the
/// plan file is the same bytes, and only the newest save started is stored.
fn save_now(
    doc: Rc<RefCell<rollplan_core::document::Document>>,
    home: Rc<RefCell<Home>>,
    session: u64,
    dispatcher: UseReducerDispatcher<AppState>,
    at_once: bool,
    running: Running,
) {
    let mine = SAVES.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    if at_once {
        let (title, cells, file) = {
            let doc = doc.borrow();
            let plan = doc.plan();
            (
                plan.title.clone(),
                cells_of(plan),
                rollplan_core::io::json::save_compact(plan),
            )
        };
        store_saved(&home, session, &dispatcher, &title, cells, &file);
        return;
    }
    let (title, cells, mut saving, per_step) = {
        let doc = doc.borrow();
        let plan = doc.plan();
        let cells = cells_of(plan);
        let per_output = cells.checked_div(plan.outputs.len()).unwrap_or(1).max(1);
        (
            plan.title.clone(),
            cells,
            // Compact: the same file without its spaces, read back in half the time.
            rollplan_core::io::json::Saving::compact(plan),
            (CELLS_PER_STEP / per_output).max(1),
        )
    };
    // Should the page go away meanwhile, the plan is written at once.
    *running.borrow_mut() = Some(Box::new({
        let (doc, home, dispatcher, running) = (
            doc.clone(),
            home.clone(),
            dispatcher.clone(),
            running.clone(),
        );
        move || save_now(doc, home, session, dispatcher, true, running)
    }));
    let current = move || SAVES.with(|n| n.get()) == mine;
    wasm_bindgen_futures::spawn_local(async move {
        while !saving.step(per_step) {
            gloo::timers::future::TimeoutFuture::new(0).await;
            if !current() {
                return;
            }
        }
        if !current() {
            return;
        }
        running.borrow_mut().take();
        let file = saving.finish();
        // Storing copies the file once more: a task of its own.
        gloo::timers::future::TimeoutFuture::new(0).await;
        if current() {
            store_saved(&home, session, &dispatcher, &title, cells, &file);
        }
    });
}

fn cells_of(plan: &Plan) -> usize {
    plan.outputs
        .iter()
        .map(|o| o.lines.len().saturating_mul(plan.years.len()))
        .sum()
}

/// Stores a written plan file as the plan's next revision, and reports when it is kept.
fn store_saved(
    home: &Rc<RefCell<Home>>,
    session: u64,
    dispatcher: &UseReducerDispatcher<AppState>,
    title: &str,
    cells: usize,
    file: &str,
) {
    let result = {
        let mut h = home.borrow_mut();
        // A plan new to the library (the example edited, a file opened) gets its entry now.
        let id = h.id.get_or_insert_with(super::storage::new_id).clone();
        match super::storage::save_file(&id, title, cells, file, h.revision) {
            Ok(meta) => {
                let before = h.revision.replace(meta.revision);
                Ok(before)
            }
            Err(why) => Err(why),
        }
    };
    match result {
        Err(why) => dispatcher.dispatch(Action::Store(StoreAction::SaveResult {
            session,
            result: Err(why),
        })),
        // Kept once written to the browser's store; a write that fails puts the revision
        // back, so the next save starts from what is stored.
        Ok(before) => {
            let home = home.clone();
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // The write to IndexedDB (the file copied out to it) in a task of its own.
                gloo::timers::future::TimeoutFuture::new(0).await;
                let result = super::storage::commit()
                    .await
                    .map_err(super::storage::failure);
                if result.is_ok() {
                    ask_to_keep(&dispatcher);
                } else {
                    home.borrow_mut().revision = before;
                }
                dispatcher.dispatch(Action::Store(StoreAction::SaveResult { session, result }));
            });
        }
    }
}

/// Once a plan is kept here, asks the browser to keep this page's storage until the user
/// deletes it (not to clear it when space runs low), once per page, and reports the answer.
fn ask_to_keep(dispatcher: &UseReducerDispatcher<AppState>) {
    thread_local! {
        static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if ASKED.with(|a| a.replace(true)) {
        return;
    }
    let dispatcher = dispatcher.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(granted) = super::storage::keep_durably().await {
            dispatcher.dispatch(Action::Store(StoreAction::Durable(granted)));
        }
    });
}

/// Listens to the browser for what happens outside this tab: another tab saving a plan of
/// the library (`storage`), a share link pasted into the address bar (`hashchange`), and
/// closing the tab while the plan is not saved (`beforeunload`).
#[hook]
fn use_browser_events(state: &UseReducerHandle<AppState>) {
    let unsaved = use_mut_ref(|| false);
    // A due save is flushed on `pagehide`; only a failing one needs the prompt.
    *unsaved.borrow_mut() = matches!(state.store.saved, SaveStatus::Failed(_));
    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        // Other tabs' saves and failed writes, from the library in IndexedDB.
        #[cfg(target_arch = "wasm32")]
        {
            let elsewhere = dispatcher.clone();
            let failed = dispatcher.clone();
            super::storage::listen(super::storage::Listener {
                stored_elsewhere: Box::new(move |meta| {
                    elsewhere.dispatch(Action::Store(StoreAction::StoredElsewhere(meta)))
                }),
                failed: Box::new(move |why| failed.dispatch(Action::Say(SayAction::Tell(why)))),
            });
        }
        let d = dispatcher.clone();
        // The same where the library is in localStorage.
        let storage = gloo::events::EventListener::new(&window, "storage", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                return;
            };
            let is_meta = e
                .key()
                .is_some_and(|k| k.starts_with(rollplan_core::io::library::META));
            if let Some(meta) = e
                .new_value()
                .filter(|_| is_meta)
                .and_then(|v| serde_json::from_str::<rollplan_core::io::library::Meta>(&v).ok())
            {
                d.dispatch(Action::Store(StoreAction::StoredElsewhere(meta)));
            }
        });
        let d = dispatcher.clone();
        let hash = gloo::events::EventListener::new(&window, "hashchange", move |_| {
            #[cfg(target_arch = "wasm32")]
            if let Some(fragment) = super::storage::take_link() {
                d.dispatch(
                    link_action(&fragment).unwrap_or_else(|m| Action::Say(SayAction::Tell(m))),
                );
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = &d;
        });
        let closing = gloo::events::EventListener::new_with_options(
            &window,
            "beforeunload",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |e| {
                if *unsaved.borrow() {
                    if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        e.prevent_default();
                        e.set_return_value("Your latest changes are not saved in this browser.");
                    }
                }
            },
        );
        move || drop((storage, hash, closing))
    });
}

/// The first visit's getting-started strip: what the page is and what to do first.
#[function_component(Welcome)]
fn welcome() -> Html {
    let ctx = use_context::<AppContext>().expect("inside the app");
    let dismiss = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Work(WorkAction::DismissWelcome)))
    };
    let plans = Callback::from(move |_| ctx.dispatch(Action::Work(WorkAction::ShowLibrary(true))));
    html! {
        <section class="welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{"Getting started"}</h2>
            <ol>
                <li>{"This is an example plan. Click a figure under Resources and type: every total, rollup and ceiling follows at once, and Ctrl+Z takes it back."}</li>
                <li>{"Open\u{2026} reads your own plan or budget (JSON, CSV or Excel); Plans starts a blank one. Each is kept in this browser as you work."}</li>
                <li>{"Proposal costing prices a proposal's financial implications; Scenarios compares versions side by side."}</li>
            </ol>
            <div class="welcome-actions">
                <button class="btn" onclick={plans}>{"Start or open a plan\u{2026}"}</button>
                <button class="btn primary" onclick={dismiss}>{"Got it"}</button>
            </div>
        </section>
    }
}

/// The plan's display precision: whole units by default, cents on request. Part of the
/// plan (saved with it, undoable); figures are exact either way and rounded once.
#[function_component(Precision)]
fn precision() -> Html {
    let ctx = use_context::<AppContext>().expect("inside the app");
    let cents = ctx.doc.borrow().plan().cents;
    let onchange = Callback::from(move |e: Event| {
        let on = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| i.checked());
        ctx.dispatch(Action::Edit(EditAction::Apply(
            rollplan_core::edit::Edit::SetCents(on),
        )));
    });
    html! {
        <label class="check precision" title="Show computed figures to the cent; they are exact either way">
            <input type="checkbox" checked={cents} {onchange} />{"Show cents"}
        </label>
    }
}
