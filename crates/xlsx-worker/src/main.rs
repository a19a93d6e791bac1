//! The worker's message loop. A request is `{id, kind: "export", plan, now}` or
//! `{id, kind: "read", bytes}`; the reply is `{id, ok: true, bytes}` /
//! `{id, ok: true, sheets, plan}` or `{id, ok: false, error}`. Once its handler is set,
//! the worker says `{ready: true}`: the page sends nothing before that.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::{Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    fn field(data: &JsValue, name: &str) -> JsValue {
        Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }
    fn set(o: &Object, name: &str, v: &JsValue) {
        let _ = Reflect::set(o, &JsValue::from_str(name), v);
    }

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let reply = Object::new();
            set(&reply, "id", &field(&data, "id"));
            let kind = field(&data, "kind").as_string().unwrap_or_default();
            let outcome: Result<(), String> = match kind.as_str() {
                "export" => {
                    let plan = field(&data, "plan").as_string().unwrap_or_default();
                    let now = field(&data, "now").as_f64().unwrap_or(0.0).max(0.0) as u64;
                    rollplan_xlsx_worker::export(&plan, now).map(|bytes| {
                        set(&reply, "bytes", &Uint8Array::from(bytes.as_slice()).into());
                    })
                }
                "read" => {
                    let bytes = Uint8Array::new(&field(&data, "bytes")).to_vec();
                    rollplan_xlsx_worker::read(&bytes).map(|(sheets, plan)| {
                        set(&reply, "sheets", &JsValue::from_str(&sheets));
                        let plan = plan.map_or(JsValue::NULL, |p| JsValue::from_str(&p));
                        set(&reply, "plan", &plan);
                    })
                }
                other => Err(format!(
                    "the workbook worker does not know \u{201c}{other}\u{201d}"
                )),
            };
            set(&reply, "ok", &JsValue::from_bool(outcome.is_ok()));
            if let Err(error) = outcome {
                set(&reply, "error", &JsValue::from_str(&error));
            }
            let _ = replies.post_message(&reply);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before this handler was set are lost: the page waits for this one.
    let ready = Object::new();
    set(&ready, "ready", &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("rollplan-xlsx-worker runs in the browser, built by trunk with the app.");
    std::process::exit(2);
}
