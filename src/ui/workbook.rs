//! The browser's side of workbooks: the workbook worker (`crates/xlsx-worker`), started on
//! first use so its code is fetched only when a workbook is exported or opened. Requests
//! and replies are plain JS objects (see the worker's `main.rs`); each reply is matched to
//! its request by id and handed back as a future.

use futures::channel::oneshot;
use js_sys::{Object, Reflect, Uint8Array};
use rollplan_core::io::workbook::Sheet;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader (`crates/xlsx-worker/rollplan-xlsx-loader.js`, copied by trunk;
/// a worker's files are unhashed, as it is named at run time).
const LOADER: &str = "./rollplan-xlsx-loader.js";

type Reply = Result<JsValue, String>;

/// A request and what its message transfers.
type Outgoing = (Object, Option<JsValue>);

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// Requests made before the worker said it is ready (its first message).
    static QUEUE: RefCell<Option<Vec<Outgoing>>> = const { RefCell::new(Some(Vec::new())) };
    static WAITING: RefCell<HashMap<u32, oneshot::Sender<Reply>>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

fn field(v: &JsValue, name: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Every request still waiting fails with `why` (the worker could not start or crashed).
fn fail_all(why: &str) {
    let waiting: Vec<_> = WAITING.with(|w| w.borrow_mut().drain().collect());
    for (_, tx) in waiting {
        let _ = tx.send(Err(why.to_string()));
    }
    // A new worker is started for the next request.
    WORKER.with(|w| w.borrow_mut().take());
    QUEUE.with(|q| *q.borrow_mut() = Some(Vec::new()));
}

fn post(w: &web_sys::Worker, (request, transfer): &Outgoing) -> Result<(), JsValue> {
    match transfer {
        Some(t) => w.post_message_with_transfer(request, &js_sys::Array::of1(t)),
        None => w.post_message(request),
    }
}

fn worker() -> Result<web_sys::Worker, String> {
    if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
        return Ok(w);
    }
    let w = web_sys::Worker::new(LOADER)
        .map_err(|_| "the workbook code could not be started in this browser".to_string())?;
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        let data = e.data();
        if field(&data, "ready").as_bool() == Some(true) {
            let queued = QUEUE.with(|q| q.borrow_mut().take()).unwrap_or_default();
            if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
                for out in &queued {
                    let _ = post(&w, out);
                }
            }
            return;
        }
        let id = field(&data, "id").as_f64().unwrap_or(0.0) as u32;
        let reply = if field(&data, "ok").as_bool() == Some(true) {
            Ok(data)
        } else {
            Err(field(&data, "error")
                .as_string()
                .unwrap_or_else(|| "the workbook code failed".into()))
        };
        if let Some(tx) = WAITING.with(|w| w.borrow_mut().remove(&id)) {
            let _ = tx.send(reply);
        }
    });
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(|e: web_sys::ErrorEvent| {
        fail_all(&format!(
            "the workbook code stopped ({}); your plan is unchanged",
            e.message()
        ));
    });
    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    WORKER.with(|slot| *slot.borrow_mut() = Some(w.clone()));
    Ok(w)
}

async fn call(request: Object, transfer: Option<&JsValue>) -> Reply {
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    let _ = Reflect::set(&request, &JsValue::from_str("id"), &JsValue::from(id));
    let (tx, rx) = oneshot::channel();
    WAITING.with(|w| w.borrow_mut().insert(id, tx));
    let w = worker()?;
    let out: Outgoing = (request, transfer.cloned());
    // Queued until the worker is ready; sent at once after.
    let queued = QUEUE.with(|q| match q.borrow_mut().as_mut() {
        Some(list) => {
            list.push(out.clone());
            true
        }
        None => false,
    });
    if !queued && post(&w, &out).is_err() {
        WAITING.with(|w| w.borrow_mut().remove(&id));
        return Err("the workbook code could not be reached".into());
    }
    rx.await
        .unwrap_or_else(|_| Err("the workbook code stopped".into()))
}

/// The plan file as a live workbook's bytes.
pub async fn export(plan_file: String, now_ms: f64) -> Result<Vec<u8>, String> {
    let req = Object::new();
    let _ = Reflect::set(&req, &"kind".into(), &"export".into());
    let _ = Reflect::set(&req, &"plan".into(), &JsValue::from_str(&plan_file));
    let _ = Reflect::set(&req, &"now".into(), &JsValue::from_f64(now_ms));
    let reply = call(req, None).await?;
    Ok(Uint8Array::new(&field(&reply, "bytes")).to_vec())
}

/// What a workbook holds: its sheets, and the plan file when Rollplan wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    pub sheets: Vec<Sheet>,
    pub plan_file: Option<String>,
}

/// Reads a workbook's bytes in the worker.
pub async fn read(bytes: &[u8]) -> Result<Read, String> {
    let req = Object::new();
    let _ = Reflect::set(&req, &"kind".into(), &"read".into());
    let array = Uint8Array::from(bytes);
    let buffer = array.buffer();
    let _ = Reflect::set(&req, &"bytes".into(), &array);
    let reply = call(req, Some(&buffer)).await?;
    let sheets = field(&reply, "sheets").as_string().unwrap_or_default();
    let sheets: Vec<Sheet> = serde_json::from_str(&sheets)
        .map_err(|e| format!("the workbook's sheets came back unreadable ({e})"))?;
    Ok(Read {
        sheets,
        plan_file: field(&reply, "plan").as_string(),
    })
}
