//! The browser's side of the library: `localStorage` as a [`Store`], the clock, the tab's
//! identity, share links in the address bar, and the calls the app makes on the library.
//! What is stored and how conflicts are found is decided by [`rollplan_core::io::library`]; this
//! file only touches the browser, and turns outcomes into messages a user can act on.

use super::state::{SaveFailure, View};
use rollplan_core::io::library::{
    self, Aside, Entry, Meta, Removed, SaveError, Store, StoreError, Stored,
};
use rollplan_core::io::share;
use rollplan_core::model::Plan;
use rollplan_core::sheet::Drafts;
use wasm_bindgen::JsCast;

/// The largest plan autosaved to localStorage (about 4 MB of plan file).
const MAX_STORED_CELLS: usize = 80_000;

/// Which plan to reopen on the next visit.
const LAST: &str = "rollplan.last";
/// Which view to reopen on (the sheet the cursor was on).
const VIEW: &str = "rollplan.view";
/// The name the person gave for the history of their changes.
const AUTHOR: &str = "rollplan.author";

pub struct LocalStore(web_sys::Storage);

/// The page's localStorage, if the browser allows it.
pub fn local() -> Option<LocalStore> {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .map(LocalStore)
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(|e| {
            let name = e
                .dyn_ref::<web_sys::DomException>()
                .map(|d| d.name())
                .unwrap_or_default();
            if name == "QuotaExceededError" {
                StoreError::Full
            } else {
                StoreError::Unavailable(format!("{e:?}"))
            }
        })
    }
    fn remove(&mut self, key: &str) {
        let _ = self.0.remove_item(key);
    }
    fn keys(&self) -> Vec<String> {
        let n = self.0.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

/// Milliseconds since the epoch.
pub fn now() -> u64 {
    web_sys::js_sys::Date::now() as u64
}

/// The name the person gave for the history, kept in this browser (not in any plan).
pub fn author() -> String {
    local().and_then(|s| s.get(AUTHOR)).unwrap_or_default()
}

/// Keeps (or, blank, forgets) the person's name for the history.
pub fn set_author(name: &str) {
    if let Some(mut s) = local() {
        if name.is_empty() {
            s.remove(AUTHOR);
        } else {
            let _ = s.set(AUTHOR, name);
        }
    }
}

thread_local! {
    /// This tab, so the library can say which tab saved last.
    static SESSION: String = format!("t{:x}", (web_sys::js_sys::Math::random() * 1e12) as u64);
}

fn session() -> String {
    SESSION.with(String::clone)
}

const NO_STORAGE: &str = "this browser does not allow storage for this page";

/// A plan read back from the library, with the view it was last shown on.
pub type Restored = (Stored, Option<View>);

/// The plan saved last in this browser, to reopen, with the view it was on. An entry that
/// cannot be read is set aside (never deleted) and the reason returned.
pub fn restore() -> Option<Result<Restored, String>> {
    let store = local()?;
    let id = store.get(LAST)?;
    let view = store.get(VIEW).and_then(|v| View::from_key(&v));
    Some(
        open(&id)
            .map(|stored| (stored, view))
            .map_err(|why| format!("Your last plan could not be reopened: {why}")),
    )
}

/// Reads a plan of the library and makes it the one to reopen next time. One that cannot
/// be read is set aside with the reason, and the reason returned.
pub fn open(id: &str) -> Result<Stored, String> {
    let mut store = local().ok_or(NO_STORAGE)?;
    match library::open(&store, id) {
        Ok(found) => {
            let _ = store.set(LAST, id);
            Ok(found)
        }
        Err(bad) => {
            let kept = library::set_aside(&mut store, id, &bad.error)
                .map(|_| "it is set aside under \u{201c}Could not be opened\u{201d} in Plans, where you can download it")
                .unwrap_or("it stays where it was");
            Err(format!(
                "{}; {kept}. Your other plans are not affected.",
                bad.error
            ))
        }
    }
}

/// The plan file saved last in this browser, as stored, for the crash notice's download:
/// read raw, not parsed, so it cannot fail on a plan it could not read.
pub fn last_saved_plan() -> Option<String> {
    let store = local()?;
    let id = store.get(LAST)?;
    store.get(&format!("{}{id}", library::PLAN))
}

/// Makes a plan the one to reopen next time.
fn remember_last(id: &str) {
    if let Some(mut store) = local() {
        let _ = store.set(LAST, id);
    }
}

/// Remembers the view the user is on, to reopen on it.
pub fn remember_view(view: View) {
    if let Some(mut store) = local() {
        let _ = store.set(VIEW, view.key());
    }
}

/// Saves the open plan as the next revision after `base` and remembers it as the one to
/// reopen.
pub fn save(id: &str, plan: &Plan, base: Option<u64>) -> Result<Meta, SaveFailure> {
    // localStorage holds about 5 MB per site; a plan file takes about 50 bytes per cell.
    // A plan that cannot fit is not serialised at all, so typing in it never stalls on a
    // save that would fail.
    let cells: usize = plan
        .outputs
        .iter()
        .map(|o| o.lines.len() * plan.years.len())
        .sum();
    if cells > MAX_STORED_CELLS {
        return Err(SaveFailure::NoRoom(format!(
            "this plan ({cells} cells) is too large for this browser's storage; \
             download it as a file to keep your changes"
        )));
    }
    let mut store = local().ok_or_else(|| SaveFailure::Unavailable(NO_STORAGE.into()))?;
    match library::save(&mut store, id, plan, base, now(), &session()) {
        Ok(meta) => {
            let _ = store.set(LAST, id);
            Ok(meta)
        }
        Err(SaveError::Conflict { theirs }) => Err(SaveFailure::Conflict(theirs)),
        Err(SaveError::Store(StoreError::Full)) => Err(SaveFailure::NoRoom(
            "the browser's storage for this page is full; download the plan as a file to keep \
             your changes, or delete plans you no longer need (Plans)"
                .into(),
        )),
        Err(SaveError::Store(e)) => Err(SaveFailure::Unavailable(e.to_string())),
    }
}

/// Keeps the text typed into cells that the plan could not take yet, beside the plan.
pub fn save_drafts(id: &str, drafts: &Drafts) {
    if let Some(mut store) = local() {
        // A full store loses no plan data here: the drafts are still on screen, and the
        // plan's own save reports a full store.
        let _ = library::save_drafts(&mut store, id, drafts);
    }
}

/// A new library id for a plan that is not in the library yet.
pub fn new_id() -> String {
    match local() {
        Some(store) => library::new_id(&store, now()),
        None => format!("p{:x}", now()),
    }
}

/// What the library panel lists: plans newest first, set-aside entries, characters used.
pub fn contents() -> (Vec<Entry>, Vec<Aside>, usize) {
    match local() {
        Some(store) => (
            library::list(&store),
            library::asides(&store),
            library::usage(&store),
        ),
        None => Default::default(),
    }
}

/// Adds a plan to the library as a new entry.
pub fn create(plan: &Plan) -> Result<Meta, String> {
    let mut store = local().ok_or(NO_STORAGE)?;
    library::create(&mut store, plan, now(), &session()).map_err(|e| e.to_string())
}

/// The title for a copy of a plan called `title`, unused among this browser's plans.
pub fn copy_title(title: &str) -> String {
    let titles = titles();
    library::copy_title(title, titles.iter().map(String::as_str))
}

/// The titles of the plans in the library.
pub fn titles() -> Vec<String> {
    let (entries, _, _) = contents();
    entries
        .into_iter()
        .filter_map(|e| e.meta.map(|m| m.title))
        .collect()
}

pub fn duplicate(id: &str) -> Result<Meta, String> {
    let mut store = local().ok_or(NO_STORAGE)?;
    library::duplicate(&mut store, id, now(), &session()).map_err(|e| e.to_string())
}

pub fn rename(id: &str, title: &str) -> Result<Meta, String> {
    let mut store = local().ok_or(NO_STORAGE)?;
    library::rename(&mut store, id, title, now(), &session()).map_err(|e| e.to_string())
}

pub fn remove(id: &str) -> Option<Removed> {
    let mut store = local()?;
    Some(library::remove(&mut store, id))
}

pub fn restore_removed(removed: &Removed) -> Result<(), String> {
    let mut store = local().ok_or(NO_STORAGE)?;
    library::restore(&mut store, removed).map_err(|e| e.to_string())
}

pub fn aside_content(key: &str) -> Option<String> {
    library::aside_content(&local()?, key)
}

/// Asks the browser to keep this page's storage until the user deletes it; its answer, or
/// `None` where the browser has no such request. Browsers answer by their own rules (an
/// installed app, how much the site is used), some by asking the user.
pub async fn keep_durably() -> Option<bool> {
    let manager = gloo::utils::window().navigator().storage();
    let asked = manager.persist().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(asked).await.ok()?;
    answer.as_bool()
}

/// The share link in the address bar, if any, removed from it (so a reload does not import
/// the plan again, and the link does not linger in the tab's history).
pub fn take_link() -> Option<String> {
    let window = gloo::utils::window();
    let hash = window.location().hash().ok()?;
    let fragment = hash.strip_prefix('#')?;
    if !fragment.starts_with("plan=") {
        return None;
    }
    if let Ok(history) = window.history() {
        let bare = window.location().pathname().unwrap_or_default()
            + &window.location().search().unwrap_or_default();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&bare));
    }
    Some(fragment.to_string())
}

/// The plan in a share link and its new library entry (or why it could not be stored: the
/// plan still opens), or why the link did not open.
pub fn import_link(fragment: &str) -> Result<(Plan, Result<Meta, String>), String> {
    let plan = share::decode(fragment)
        .map_err(|e| format!("The shared link was not opened: {e}. Your plans are unchanged."))?;
    let stored = create(&plan)
        .inspect(|meta| remember_last(&meta.id))
        .map_err(|e| {
            format!(
            "The shared plan is open but not saved in this browser: {e}. Download it to keep it."
        )
        });
    Ok((plan, stored))
}

/// The address of a share link for `plan`, or why there is none.
pub fn share_link(plan: &Plan) -> Result<String, String> {
    let fragment = share::encode(plan).map_err(|e| e.to_string())?;
    let location = gloo::utils::window().location();
    let base = location.origin().unwrap_or_default()
        + &location.pathname().unwrap_or_default()
        + &location.search().unwrap_or_default();
    Ok(format!("{base}#{fragment}"))
}

/// Puts text on the clipboard (the asynchronous Clipboard API; failure leaves the text
/// selected in the field for Ctrl+C).
pub fn copy_text(text: &str) {
    let _ = gloo::utils::window()
        .navigator()
        .clipboard()
        .write_text(text);
}
