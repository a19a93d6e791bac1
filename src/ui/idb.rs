//! IndexedDB, the browser's store for big data, as a plain key-value store of strings: one
//! database (`rollplan`) with one object store (`kv`), keyed by the same `rollplan.*` keys
//! the library uses. Reads and writes are asynchronous; a write is one transaction, so a
//! plan and its meta are stored together or not at all, and it can first check that a key
//! still holds what the writer last saw (another tab's save is a conflict, not lost).
//!
//! Text is stored as UTF-8 bytes. A long text (a big plan's file) is stored in pieces of
//! [`PIECE`] bytes under keys of its own (`key` + U+0001 + number), its key holding how many
//! there are; each piece is written from the success of the one before, so storing 10 MB
//! never holds the page for more than a few milliseconds at a time.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

const NAME: &str = "rollplan";
const STORE: &str = "kv";
/// The size of the pieces a long text is stored in.
pub const PIECE: usize = 128 * 1024;
/// Between a key and the number of its piece: no key of the library has it.
const SEP: char = '\u{1}';

fn piece_key(key: &str, i: usize) -> String {
    format!("{key}{SEP}{i:06}")
}

/// Every piece key of `key`.
fn pieces_of(key: &str) -> Result<web_sys::IdbKeyRange, JsValue> {
    web_sys::IdbKeyRange::bound_with_lower_open_and_upper_open(
        &JsValue::from_str(&format!("{key}{SEP}")),
        &JsValue::from_str(&format!("{key}\u{2}")),
        false,
        true,
    )
}

/// How many pieces a value stored in pieces has (its key holds `{pieces: n}`).
fn piece_count(v: &JsValue) -> Option<usize> {
    if v.is_string() || v.is_instance_of::<js_sys::Uint8Array>() {
        return None;
    }
    js_sys::Reflect::get(v, &JsValue::from_str("pieces"))
        .ok()?
        .as_f64()
        .map(|n| n as usize)
}

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

/// A transaction's end: `Ok` once committed, else why it was aborted. Only `complete` and
/// `abort` are listened to: each fires once, where `error` fires for every request an
/// abort fails (and a failed request aborts the transaction anyway).
async fn finished(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let aborted = Closure::once_into_js(move || {
            let why = t
                .error()
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("aborted"));
            let _ = reject.call1(&JsValue::NULL, &why);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
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

/// Every entry, keys and values (a value stored in pieces put together again).
pub async fn read_all(db: &IdbDatabase) -> Result<Vec<(String, String)>, String> {
    let (_tx, s) = store(db, IdbTransactionMode::Readonly)?;
    let keys = done(&s.get_all_keys().map_err(|e| js_error(&e))?).await?;
    let values = done(&s.get_all().map_err(|e| js_error(&e))?).await?;
    let keys = js_sys::Array::from(&keys);
    let values = js_sys::Array::from(&values);
    let all: Vec<(String, JsValue)> = keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v)))
        .collect();
    let pieces: std::collections::HashMap<&str, &JsValue> = all
        .iter()
        .filter(|(k, _)| k.contains(SEP))
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    Ok(all
        .iter()
        .filter(|(k, _)| !k.contains(SEP))
        .filter_map(|(k, v)| {
            let text = match piece_count(v) {
                Some(n) => {
                    let mut bytes = Vec::new();
                    for i in 0..n {
                        let piece = pieces.get(piece_key(k, i).as_str())?;
                        bytes.extend(piece.dyn_ref::<js_sys::Uint8Array>()?.to_vec());
                    }
                    String::from_utf8(bytes).ok()?
                }
                None => text(v)?,
            };
            Some((k.clone(), text))
        })
        .collect())
}

/// A stored value as text: UTF-8 bytes as this module writes them, or a string (written
/// by hand, or by an older build).
fn text(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    let bytes = v.dyn_ref::<js_sys::Uint8Array>()?.to_vec();
    String::from_utf8(bytes).ok()
}

/// The values of some keys, as stored now (`None` for a key not there).
pub async fn read(db: &IdbDatabase, keys: &[String]) -> Result<Vec<Option<String>>, String> {
    let (_tx, s) = store(db, IdbTransactionMode::Readonly)?;
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        let v = done(&s.get(&JsValue::from_str(k)).map_err(|e| js_error(&e))?).await?;
        let value = match piece_count(&v) {
            Some(_) => {
                let range = pieces_of(k).map_err(|e| js_error(&e))?;
                let all = done(&s.get_all_with_key(&range).map_err(|e| js_error(&e))?).await?;
                let mut bytes = Vec::new();
                for piece in js_sys::Array::from(&all).iter() {
                    if let Some(p) = piece.dyn_ref::<js_sys::Uint8Array>() {
                        bytes.extend(p.to_vec());
                    }
                }
                String::from_utf8(bytes).ok()
            }
            None => text(&v),
        };
        out.push(value);
    }
    Ok(out)
}

/// Stores pieces `i..` of a long text, each from the success of the one before.
fn put_pieces(s: IdbObjectStore, key: Rc<String>, value: Rc<str>, i: usize) {
    let bytes = value.as_bytes();
    let start = i.saturating_mul(PIECE);
    if start >= bytes.len() {
        return;
    }
    let end = start.saturating_add(PIECE).min(bytes.len());
    let piece = js_sys::Uint8Array::from(bytes.get(start..end).unwrap_or_default());
    let Ok(req) = s.put_with_key(&piece, &JsValue::from_str(&piece_key(&key, i))) else {
        return;
    };
    let next = Closure::once_into_js(move || put_pieces(s, key, value, i.saturating_add(1)));
    req.set_onsuccess(Some(next.unchecked_ref()));
}

/// One write: `puts` stored and `removes` deleted together, in one transaction. With
/// `check`, the transaction first reads that key and goes on only if it still holds the
/// value given (`None`: absent); otherwise nothing is written.
pub async fn write(
    db: &IdbDatabase,
    puts: Vec<(String, Rc<str>)>,
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
            // Pieces a key had before go with it.
            for k in puts.iter().map(|(k, _)| k).chain(&removes) {
                s.delete(&pieces_of(k)?.into())?;
            }
            // As UTF-8 bytes: a copy, where a JS string would be a conversion (10 MB of
            // plan file is tens of milliseconds as UTF-16); a long one in pieces.
            for (k, v) in &puts {
                if v.len() > PIECE {
                    let marker = js_sys::Object::new();
                    let n = v.len().div_ceil(PIECE);
                    js_sys::Reflect::set(&marker, &"pieces".into(), &JsValue::from_f64(n as f64))?;
                    s.put_with_key(&marker, &JsValue::from_str(k))?;
                    put_pieces(s.clone(), Rc::new(k.clone()), v.clone(), 0);
                } else {
                    let bytes = js_sys::Uint8Array::from(v.as_bytes());
                    s.put_with_key(&bytes, &JsValue::from_str(k))?;
                }
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
                let now = r.result().ok().and_then(|v| text(&v));
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
