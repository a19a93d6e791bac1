//! IndexedDB, the browser's store for big data, as a plain key-value store of strings: one
//! database (`rollplan`) with one object store (`kv`), keyed by the same `rollplan.*` keys
//! the library uses. Reads and writes are asynchronous; a write is one transaction, so a
//! plan and its meta are stored together or not at all, and it can first check that a key
//! still holds what the writer last saw (another tab's save is a conflict, not lost).

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

const NAME: &str = "rollplan";
const STORE: &str = "kv";

/// A key and the value found under it (`None`: absent).
type Found = (String, Option<String>);

/// Why a write did not happen; nothing of it was stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The checked key held something else: another tab wrote it (its value now).
    Changed { key: String, now: Option<String> },
    /// The browser's quota for this site is used up.
    Full,
    /// IndexedDB failed or is not allowed.
    Unavailable(String),
}

fn js_error(e: &JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| format!("{}: {}", d.name(), d.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// A request's result, once it succeeds.
async fn done(req: &IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let fail = Closure::once_into_js(move || {
            let why = r
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("the request failed"));
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| js_error(&e))
}

/// A transaction's end: `Ok` once committed, else why it was aborted.
async fn finished(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let reject2 = reject.clone();
        let failed = Closure::once_into_js(move || {
            let why = t
                .error()
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("aborted"));
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        let t = tx.clone();
        let aborted = Closure::once_into_js(move || {
            let why = t
                .error()
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("aborted"));
            let _ = reject2.call1(&JsValue::NULL, &why);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(failed.unchecked_ref()));
        tx.set_onabort(Some(aborted.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(drop)
}

/// Opens (creating on first use) the database; `Err` where the browser has no IndexedDB or
/// refuses it (some private modes).
pub async fn open() -> Result<IdbDatabase, String> {
    let factory = gloo::utils::window()
        .indexed_db()
        .map_err(|e| js_error(&e))?
        .ok_or("this browser has no IndexedDB")?;
    let req = factory.open_with_u32(NAME, 1).map_err(|e| js_error(&e))?;
    let upgrade = Closure::once_into_js({
        let req = req.clone();
        move || {
            if let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                if !db.object_store_names().contains(STORE) {
                    let _ = db.create_object_store(STORE);
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = done(&req).await?;
    db.dyn_into::<IdbDatabase>()
        .map_err(|_| "IndexedDB did not open".to_string())
}

fn store(
    db: &IdbDatabase,
    mode: IdbTransactionMode,
) -> Result<(IdbTransaction, IdbObjectStore), String> {
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(|e| js_error(&e))?;
    let store = tx.object_store(STORE).map_err(|e| js_error(&e))?;
    Ok((tx, store))
}

/// Every entry, keys and values.
pub async fn read_all(db: &IdbDatabase) -> Result<Vec<(String, String)>, String> {
    let (_tx, s) = store(db, IdbTransactionMode::Readonly)?;
    let keys = done(&s.get_all_keys().map_err(|e| js_error(&e))?).await?;
    let values = done(&s.get_all().map_err(|e| js_error(&e))?).await?;
    let keys = js_sys::Array::from(&keys);
    let values = js_sys::Array::from(&values);
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect())
}

/// The values of some keys, as stored now (`None` for a key not there).
pub async fn read(db: &IdbDatabase, keys: &[String]) -> Result<Vec<Option<String>>, String> {
    let (_tx, s) = store(db, IdbTransactionMode::Readonly)?;
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        let v = done(&s.get(&JsValue::from_str(k)).map_err(|e| js_error(&e))?).await?;
        out.push(v.as_string());
    }
    Ok(out)
}

/// One write: `puts` stored and `removes` deleted together, in one transaction. With
/// `check`, the transaction first reads that key and goes on only if it still holds the
/// value given (`None`: absent); otherwise nothing is written.
pub async fn write(
    db: &IdbDatabase,
    puts: Vec<(String, String)>,
    removes: Vec<String>,
    check: Option<(String, Option<String>)>,
) -> Result<(), WriteError> {
    let unavailable = |e: String| WriteError::Unavailable(e);
    let (tx, s) = store(db, IdbTransactionMode::Readwrite).map_err(unavailable)?;
    // What the checked key held instead, if it was not what the writer saw.
    let changed: Rc<RefCell<Option<Found>>> = Rc::default();
    let apply = {
        let s = s.clone();
        move || -> Result<(), JsValue> {
            for (k, v) in &puts {
                s.put_with_key(&JsValue::from_str(v), &JsValue::from_str(k))?;
            }
            for k in &removes {
                s.delete(&JsValue::from_str(k))?;
            }
            Ok(())
        }
    };
    // A put the browser refuses at once (a quota) aborts the transaction; why is kept.
    let refused: Rc<RefCell<Option<JsValue>>> = Rc::default();
    match check {
        None => {
            if let Err(e) = apply() {
                *refused.borrow_mut() = Some(e);
                let _ = tx.abort();
            }
        }
        Some((key, expected)) => {
            let req = s
                .get(&JsValue::from_str(&key))
                .map_err(|e| unavailable(js_error(&e)))?;
            let changed = changed.clone();
            let refused = refused.clone();
            let r = req.clone();
            let t = tx.clone();
            // Issued inside the read's success event, so still in the same transaction: no
            // other tab can write between the check and the writes.
            let on_read = Closure::once_into_js(move || {
                let now = r.result().ok().and_then(|v| v.as_string());
                if now == expected {
                    if let Err(e) = apply() {
                        *refused.borrow_mut() = Some(e);
                        let _ = t.abort();
                    }
                } else {
                    *changed.borrow_mut() = Some((key, now));
                    let _ = t.abort();
                }
            });
            req.set_onsuccess(Some(on_read.unchecked_ref()));
        }
    }
    match finished(&tx).await {
        Ok(()) => Ok(()),
        Err(e) => {
            if let Some((key, now)) = changed.borrow_mut().take() {
                return Err(WriteError::Changed { key, now });
            }
            let e = refused.borrow_mut().take().unwrap_or(e);
            let name = e
                .dyn_ref::<web_sys::DomException>()
                .map(|d| d.name())
                .unwrap_or_default();
            if name == "QuotaExceededError" {
                Err(WriteError::Full)
            } else {
                Err(WriteError::Unavailable(js_error(&e)))
            }
        }
    }
}
