//! The browser's side of files: reading what the user picked or dropped, and downloads.
//! Side effects live here, at the edge; what the bytes mean is decided by [`crate::io`].

use wasm_bindgen::JsCast;

/// Largest file the app reads; a larger one gets a message instead of a frozen tab.
pub const MAX_FILE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// Reads a file the user chose, then calls `done` with its name and bytes, or a message.
pub fn read(file: web_sys::File, done: impl FnOnce(String, Result<Vec<u8>, String>) + 'static) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        done(
            name,
            Err(format!(
                "the file is {:.0} MB; Rollplan opens files up to {:.0} MB",
                file.size() / 1e6,
                MAX_FILE_BYTES / 1e6
            )),
        );
        return;
    }
    let blob = gloo::file::Blob::from(file);
    yew::platform::spawn_local(async move {
        let result = gloo::file::futures::read_as_bytes(&blob)
            .await
            .map_err(|e| format!("the browser could not read the file: {e}"));
        done(name, result);
    });
}

/// Starts a download of `content` as a file called `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    download_blob(
        name,
        gloo::file::Blob::new_with_options(content, Some(mime)),
    );
}

/// Starts a download of `bytes` (a workbook) as a file called `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    download_blob(name, gloo::file::Blob::new_with_options(bytes, Some(mime)));
}

fn download_blob(name: &str, blob: gloo::file::Blob) {
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let Ok(a) = document.create_element("a") else {
        return;
    };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    a.set_href(&url);
    a.set_download(name);
    if let Some(body) = document.body() {
        body.append_child(&a).ok();
        a.click();
        body.remove_child(&a).ok();
    }
    // Keep the object URL alive until the browser has started the download.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
}

/// A file name from a plan title: letters, digits, dashes.
pub fn file_name(title: &str, suffix: &str) -> String {
    let mut s: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    // Truncate by characters, never inside a multi-byte one.
    let s: String = s.trim_matches('-').chars().take(60).collect();
    let s = s.trim_end_matches('-');
    format!("{}{suffix}", if s.is_empty() { "plan" } else { s })
}

/// Downloads the whole plan as a Rollplan JSON file.
pub fn download_plan(plan: &rollplan_core::model::Plan) {
    download(
        &file_name(&plan.title, ".rollplan.json"),
        "application/json",
        &rollplan_core::io::json::save(plan),
    );
}
