//! The browser's side of the library: where plans are kept, the clock, the tab's identity,
//! share links in the address bar, and the calls the app makes on the library. What is
//! stored and how conflicts are found is decided by [`rollplan_core::io::library`]; this
//! file only touches the browser, and turns outcomes into messages a user can act on.
//!
//! Plans are kept in IndexedDB, which holds plans of any size. The library's rules are
//! synchronous, so this tab keeps a mirror of the store in memory (read once at start,
//! [`init`]): the rules run on the mirror, and each change is then written to IndexedDB
//! in one transaction that first checks the plan's meta is still what this tab last saw
//! ([`commit`]). A write that fails is taken back out of the mirror and reported. Other
//! tabs hear of a save on a broadcast channel and read it into their mirror. A library
//! kept in localStorage (before IndexedDB) is copied over on the first start, verified,
//! and only then removed. Where the browser has no IndexedDB, localStorage is used as
//! before, with its 5 MB.

use super::idb::{self, WriteError};
use super::state::{SaveFailure, View};
use rollplan_core::io::library::{
    self, Aside, Entry, Meta, Removed, SaveError, Store, StoreError, Stored,
};
use rollplan_core::io::share;
use rollplan_core::model::Plan;
use rollplan_core::sheet::Drafts;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// The largest plan autosaved where the library is in localStorage (about 4 MB of plan
/// file); IndexedDB has no such limit.
const MAX_STORED_CELLS: usize = 80_000;

/// Set in IndexedDB once a localStorage library has been copied over and verified.
const MIGRATED: &str = "rollplan.migrated";
/// The channel on which a tab tells the others which keys it wrote.
const CHANNEL: &str = "rollplan.library";

/// Which plan to reopen on the next visit.
const LAST: &str = "rollplan.last";
/// Which view to reopen on (the sheet the cursor was on).
const VIEW: &str = "rollplan.view";
/// The name the person gave for the history of their changes.
const AUTHOR: &str = "rollplan.author";

pub struct LocalStore(web_sys::Storage);

/// The library as this tab sees it, mirrored from IndexedDB.
struct Mirror {
    db: web_sys::IdbDatabase,
    /// Shared text, so the journal and a write take no copy of a 10 MB plan file.
    map: BTreeMap<String, Rc<str>>,
    /// Keys changed since the last write, each with its value before the first change.
    journal: Vec<(String, Option<Rc<str>>)>,
}

thread_local! {
    static MIRROR: RefCell<Option<Mirror>> = const { RefCell::new(None) };
    /// What the app is told when another tab saved a plan, or a write failed.
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

/// The app's ears: a plan saved by another tab (its meta), and a write that failed (why,
/// as a sentence).
pub struct Listener {
    pub stored_elsewhere: Box<dyn Fn(Meta)>,
    pub failed: Box<dyn Fn(String)>,
}

/// Where the library is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    IndexedDb,
    LocalStorage,
}

pub fn backend() -> Backend {
    if MIRROR.with(|m| m.try_borrow().map(|m| m.is_some()).unwrap_or(true)) {
        Backend::IndexedDb
    } else {
        Backend::LocalStorage
    }
}

struct MirrorStore<'a>(&'a mut Mirror);

impl MirrorStore<'_> {
    fn note(&mut self, key: &str) {
        if !self.0.journal.iter().any(|(k, _)| k == key) {
            let old = self.0.map.get(key).cloned();
            self.0.journal.push((key.to_string(), old));
        }
    }
}

impl Store for MirrorStore<'_> {
    fn get(&self, key: &str) -> Option<String> {
        self.0.map.get(key).map(|v| v.to_string())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.note(key);
        self.0.map.insert(key.to_string(), Rc::from(value));
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        if self.0.map.contains_key(key) {
            self.note(key);
            self.0.map.remove(key);
        }
    }
    fn keys(&self) -> Vec<String> {
        self.0.map.keys().cloned().collect()
    }
}

/// Runs library rules on where the library is kept: the mirror of IndexedDB (its changes
/// then written by [`commit`]), or localStorage.
fn with_library<R>(f: impl FnOnce(&mut dyn Store) -> R) -> Option<R> {
    let mut f = Some(f);
    let mirrored = MIRROR.with(|m| {
        let mut guard = m.try_borrow_mut().ok()?;
        let mirror = guard.as_mut()?;
        let f = f.take()?;
        Some(f(&mut MirrorStore(mirror)))
    });
    if mirrored.is_some() {
        return mirrored;
    }
    let f = f.take()?;
    let mut store = local()?;
    Some(f(&mut store))
}

/// What the app is told of other tabs' saves and of writes that failed.
pub fn listen(listener: Listener) {
    LISTENER.with(|l| *l.borrow_mut() = Some(listener));
}

/// Writes the mirror's changes to IndexedDB, in one transaction that first checks the
/// changed plan's meta is still what this tab last saw. On failure the changes are taken
/// back out of the mirror (and, when another tab wrote meanwhile, its values read in).
/// Where the library is in localStorage everything is written already: `Ok`.
pub async fn commit() -> Result<(), WriteError> {
    let job = MIRROR.with(|m| {
        let mut guard = m.try_borrow_mut().ok()?;
        let mirror = guard.as_mut()?;
        let journal = std::mem::take(&mut mirror.journal);
        if journal.is_empty() {
            return None;
        }
        let mut puts = Vec::new();
        let mut removes = Vec::new();
        for (k, _) in &journal {
            match mirror.map.get(k) {
                Some(v) => puts.push((k.clone(), v.clone())),
                None => removes.push(k.clone()),
            }
        }
        let check = journal
            .iter()
            .find(|(k, _)| k.starts_with(library::META))
            .map(|(k, v)| (k.clone(), v.as_deref().map(str::to_string)));
        Some((mirror.db.clone(), journal, puts, removes, check))
    });
    let Some((db, journal, puts, removes, check)) = job else {
        return Ok(());
    };
    let written: Vec<String> = journal.iter().map(|(k, _)| k.clone()).collect();
    match idb::write(&db, puts, removes, check).await {
        Ok(()) => {
            tell_other_tabs(&written);
            Ok(())
        }
        Err(e) => {
            let keys: Vec<String> = journal.iter().map(|(k, _)| k.clone()).collect();
            MIRROR.with(|m| {
                if let Ok(mut guard) = m.try_borrow_mut() {
                    if let Some(mirror) = guard.as_mut() {
                        for (k, old) in journal {
                            match old {
                                Some(v) => mirror.map.insert(k, v),
                                None => mirror.map.remove(&k),
                            };
                        }
                    }
                }
            });
            if matches!(e, WriteError::Changed { .. }) {
                refresh(&db, &keys).await;
            }
            Err(e)
        }
    }
}

/// Writes the mirror's changes in the background, telling the app if that fails.
fn commit_later() {
    if backend() == Backend::LocalStorage {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        if let Err(e) = commit().await {
            let why = match e {
                WriteError::Changed { .. } => {
                    "another tab changed the same plan at the same moment; its version is kept"
                        .to_string()
                }
                WriteError::Full => "the browser's storage for this page is full".to_string(),
                WriteError::Unavailable(why) => format!("browser storage failed ({why})"),
            };
            LISTENER.with(|l| {
                if let Some(l) = l.borrow().as_ref() {
                    (l.failed)(format!("A change to your plans was not kept: {why}."));
                }
            });
        }
    });
}

/// Reads these keys from IndexedDB into the mirror (another tab wrote them).
async fn refresh(db: &web_sys::IdbDatabase, keys: &[String]) -> Vec<(String, Option<String>)> {
    let Ok(values) = idb::read(db, keys).await else {
        return Vec::new();
    };
    let pairs: Vec<(String, Option<String>)> = keys.iter().cloned().zip(values).collect();
    MIRROR.with(|m| {
        if let Ok(mut guard) = m.try_borrow_mut() {
            if let Some(mirror) = guard.as_mut() {
                for (k, v) in &pairs {
                    // A change of this tab's not yet written stays (its write checks).
                    if mirror.journal.iter().any(|(j, _)| j == k) {
                        continue;
                    }
                    match v {
                        Some(v) => mirror.map.insert(k.clone(), Rc::from(v.as_str())),
                        None => mirror.map.remove(k),
                    };
                }
            }
        }
    });
    pairs
}

fn tell_other_tabs(keys: &[String]) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let list = js_sys::Array::new();
        for k in keys {
            list.push(&wasm_bindgen::JsValue::from_str(k));
        }
        let _ = channel.post_message(&list);
        channel.close();
    }
}

/// Opens the library: IndexedDB, read into this tab's mirror, with a localStorage library
/// copied over first (verified before the originals go); listens for other tabs' saves.
/// Where the browser has no IndexedDB, or the copy fails, the library stays in
/// localStorage and this says why.
pub async fn init() -> Option<String> {
    let db = match idb::open().await {
        Ok(db) => db,
        Err(why) => {
            return Some(format!(
                "This browser does not let Rollplan use IndexedDB ({why}), so plans are kept in its smaller localStorage."
            ))
        }
    };
    let mut entries = idb::read_all(&db).await.ok()?;
    if !entries.iter().any(|(k, _)| k == MIGRATED) {
        match migrate(&db).await {
            Ok(()) => {}
            Err(why) => {
                // The localStorage library stays the one in use: nothing is lost.
                return Some(format!(
                    "Your plans could not be moved to this browser's larger storage ({why}); they stay where they were, in localStorage."
                ));
            }
        }
        entries = idb::read_all(&db).await.ok()?;
    }
    let map = entries
        .into_iter()
        .filter(|(k, _)| k != MIGRATED)
        .map(|(k, v)| (k, Rc::from(v)))
        .collect();
    MIRROR.with(|m| {
        *m.borrow_mut() = Some(Mirror {
            db: db.clone(),
            map,
            journal: Vec::new(),
        })
    });
    listen_to_other_tabs(db);
    None
}

/// Copies the localStorage library into IndexedDB, reads every entry back to check it,
/// and only then removes the originals.
async fn migrate(db: &web_sys::IdbDatabase) -> Result<(), String> {
    let old: Vec<(String, String)> = match local() {
        Some(store) => store
            .keys()
            .into_iter()
            .filter(|k| {
                [
                    library::META,
                    library::PLAN,
                    library::DRAFTS,
                    library::ASIDE,
                ]
                .iter()
                .any(|p| k.starts_with(p))
            })
            .filter_map(|k| store.get(&k).map(|v| (k, v)))
            .collect(),
        None => Vec::new(),
    };
    let mut puts: Vec<(String, Rc<str>)> = old
        .iter()
        .map(|(k, v)| (k.clone(), Rc::from(v.as_str())))
        .collect();
    puts.push((MIGRATED.into(), Rc::from("1")));
    idb::write(db, puts, Vec::new(), None)
        .await
        .map_err(|e| match e {
            WriteError::Full => "the browser's storage is full".to_string(),
            WriteError::Unavailable(why) | WriteError::Changed { key: why, .. } => why,
        })?;
    let keys: Vec<String> = old.iter().map(|(k, _)| k.clone()).collect();
    let back = idb::read(db, &keys).await?;
    let same = old
        .iter()
        .zip(&back)
        .all(|((_, v), b)| b.as_deref() == Some(v.as_str()));
    if !same {
        // The marker goes again: the next start copies afresh.
        let _ = idb::write(db, Vec::new(), vec![MIGRATED.into()], None).await;
        return Err("the copy did not read back the same".into());
    }
    if let Some(mut store) = local() {
        for k in keys {
            store.remove(&k);
        }
    }
    Ok(())
}

fn listen_to_other_tabs(db: web_sys::IdbDatabase) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |e: web_sys::MessageEvent| {
            let keys: Vec<String> = js_sys::Array::from(&e.data())
                .iter()
                .filter_map(|k| k.as_string())
                .collect();
            let db = db.clone();
            wasm_bindgen_futures::spawn_local(async move {
                for (k, v) in refresh(&db, &keys).await {
                    if !k.starts_with(library::META) {
                        continue;
                    }
                    if let Some(meta) = v.and_then(|v| serde_json::from_str::<Meta>(&v).ok()) {
                        LISTENER.with(|l| {
                            if let Some(l) = l.borrow().as_ref() {
                                (l.stored_elsewhere)(meta.clone());
                            }
                        });
                    }
                }
            });
        },
    );
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Kept open for the page's life.
    std::mem::forget(channel);
}

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
    let result = with_library(|store| match library::open(store, id) {
        Ok(found) => Ok(found),
        Err(bad) => {
            let kept = library::set_aside(store, id, &bad.error)
                .map(|_| "it is set aside under \u{201c}Could not be opened\u{201d} in Plans, where you can download it")
                .unwrap_or("it stays where it was");
            Err(format!(
                "{}; {kept}. Your other plans are not affected.",
                bad.error
            ))
        }
    })
    .ok_or(NO_STORAGE)?;
    match &result {
        Ok(_) => remember_last(id),
        Err(_) => commit_later(),
    }
    result
}

/// The plan file saved last in this browser, as stored, for the crash notice's download:
/// read raw, not parsed, so it cannot fail on a plan it could not read.
pub fn last_saved_plan() -> Option<String> {
    let id = local()?.get(LAST)?;
    with_library(|store| store.get(&format!("{}{id}", library::PLAN))).flatten()
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
/// Saves a plan as its next revision after `base` (the file written at once).
pub fn save(id: &str, plan: &Plan, base: Option<u64>) -> Result<Meta, SaveFailure> {
    let cells = plan
        .outputs
        .iter()
        .map(|o| o.lines.len().saturating_mul(plan.years.len()))
        .sum();
    save_file(
        id,
        &plan.title,
        cells,
        &rollplan_core::io::json::save_compact(plan),
        base,
    )
}

/// Saves a plan file already written (of a plan of `cells` figures) as the plan's next
/// revision after `base`, and remembers it as the one to reopen. In IndexedDB the save is
/// in this tab's mirror when this returns: [`commit`] writes it, and only then is it kept.
pub fn save_file(
    id: &str,
    title: &str,
    cells: usize,
    file: &str,
    base: Option<u64>,
) -> Result<Meta, SaveFailure> {
    // localStorage holds about 5 MB per site; a plan file takes about 50 bytes per cell.
    // IndexedDB takes plans of any size.
    if backend() == Backend::LocalStorage && cells > MAX_STORED_CELLS {
        return Err(SaveFailure::NoRoom(format!(
            "this plan ({cells} cells) is too large for this browser's storage; \
             download it as a file to keep your changes"
        )));
    }
    let saved =
        with_library(|store| library::save_file(store, id, title, file, base, now(), &session()))
            .ok_or_else(|| SaveFailure::Unavailable(NO_STORAGE.into()))?;
    match saved {
        Ok(meta) => {
            remember_last(id);
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
    // A full store loses no plan data here: the drafts are still on screen, and the plan's
    // own save reports a full store.
    let _ = with_library(|store| library::save_drafts(store, id, drafts));
    commit_later();
}

/// What a failed write of the open plan means for the user.
pub fn failure(e: WriteError) -> SaveFailure {
    match e {
        WriteError::Changed { now, .. } => match now.and_then(|m| serde_json::from_str(&m).ok()) {
            Some(theirs) => SaveFailure::Conflict(theirs),
            None => SaveFailure::Unavailable(
                "another tab removed this plan from the browser's storage".into(),
            ),
        },
        WriteError::Full => SaveFailure::NoRoom(
            "the browser's storage for this page is full; download the plan as a file to keep \
             your changes, or delete plans you no longer need (Plans)"
                .into(),
        ),
        WriteError::Unavailable(why) => {
            SaveFailure::Unavailable(format!("browser storage failed ({why})"))
        }
    }
}

/// A new library id for a plan that is not in the library yet.
pub fn new_id() -> String {
    with_library(|store| library::new_id(store, now())).unwrap_or_else(|| format!("p{:x}", now()))
}

/// What the library panel lists: plans newest first, set-aside entries, characters used.
pub fn contents() -> (Vec<Entry>, Vec<Aside>, usize) {
    with_library(|store| {
        (
            library::list(store),
            library::asides(store),
            library::usage(store),
        )
    })
    .unwrap_or_default()
}

/// Adds a plan to the library as a new entry.
pub fn create(plan: &Plan) -> Result<Meta, String> {
    let made = with_library(|store| library::create(store, plan, now(), &session()))
        .ok_or(NO_STORAGE)?
        .map_err(|e| e.to_string());
    commit_later();
    made
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
    let made = with_library(|store| library::duplicate(store, id, now(), &session()))
        .ok_or(NO_STORAGE)?
        .map_err(|e| e.to_string());
    commit_later();
    made
}

pub fn rename(id: &str, title: &str) -> Result<Meta, String> {
    let made = with_library(|store| library::rename(store, id, title, now(), &session()))
        .ok_or(NO_STORAGE)?
        .map_err(|e| e.to_string());
    commit_later();
    made
}

pub fn remove(id: &str) -> Option<Removed> {
    let removed = with_library(|store| library::remove(store, id));
    commit_later();
    removed
}

pub fn restore_removed(removed: &Removed) -> Result<(), String> {
    let put = with_library(|store| library::restore(store, removed))
        .ok_or(NO_STORAGE)?
        .map_err(|e| e.to_string());
    commit_later();
    put
}

pub fn aside_content(key: &str) -> Option<String> {
    with_library(|store| library::aside_content(store, key)).flatten()
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
