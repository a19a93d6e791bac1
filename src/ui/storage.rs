//! The browser's side of the library: `localStorage` as a [`Store`], the clock, and the
//! autosave of the open plan. What is stored and how conflicts are found is decided by
//! [`crate::io::library`]; this file only touches the browser.

use crate::core::model::Plan;
use crate::io::library::{self, Meta, SaveError, Store, StoreError};
use wasm_bindgen::JsCast;

/// The largest plan autosaved to localStorage (about 4 MB of plan file).
const MAX_STORED_CELLS: usize = 80_000;

/// Which plan to reopen on the next visit.
const LAST: &str = "rollplan.last";

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

/// The plan saved last in this browser, to reopen. An entry that cannot be read is set
/// aside (never deleted) and the reason returned.
pub fn restore() -> Option<Result<(Plan, Meta), String>> {
    let mut store = local()?;
    let id = store.get(LAST)?;
    match library::load(&store, &id) {
        Ok(found) => Some(Ok(found)),
        Err(bad) => {
            let kept = library::set_aside(&mut store, &id, &bad.error)
                .map(|key| format!("its content is kept in this browser under {key}"))
                .unwrap_or_else(|e| format!("it stays where it was ({e})"));
            Some(Err(format!(
                "Your last plan could not be reopened: {}; {kept}.",
                bad.error
            )))
        }
    }
}

/// Saves the open plan as the next revision after `base` and remembers it as the one to
/// reopen.
pub fn save(id: &str, plan: &Plan, base: Option<u64>, session: &str) -> Result<Meta, String> {
    // localStorage holds about 5 MB per site; a plan file takes about 50 bytes per cell.
    // A plan that cannot fit is not serialised at all, so typing in it never stalls on a
    // save that would fail.
    let cells: usize = plan
        .outputs
        .iter()
        .map(|o| o.lines.len() * plan.years.len())
        .sum();
    if cells > MAX_STORED_CELLS {
        return Err(format!(
            "this plan ({cells} cells) is too large for this browser's storage: save it to a file (Save) to keep your changes"
        ));
    }
    let mut store = local().ok_or("this browser does not allow storage for this page")?;
    match library::save(&mut store, id, plan, base, now(), session) {
        Ok(meta) => {
            let _ = store.set(LAST, id);
            Ok(meta)
        }
        Err(e @ SaveError::Conflict { .. }) => Err(format!(
            "{e}; your changes here are not saved there, save them to a file to keep both"
        )),
        Err(SaveError::Store(StoreError::Full)) => Err(
            "the browser's storage is full: save the plan to a file (Save) to keep your changes"
                .into(),
        ),
        Err(e) => Err(e.to_string()),
    }
}

/// A new library id for a plan that is not in the library yet.
pub fn new_id() -> String {
    match local() {
        Some(store) => library::new_id(&store, now()),
        None => format!("p{:x}", now()),
    }
}
