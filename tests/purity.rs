//! The core and the file formats stay pure: they never name a web crate. This keeps them
//! testable natively and reusable from the command line (ARCHITECTURE.md, invariants).

use std::path::Path;

const WEB_CRATES: [&str; 5] = ["web_sys", "yew", "gloo", "js_sys", "wasm_bindgen"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whole-word match, so `yewish` or `my_gloo_thing` would not count but `yew::` does.
fn names(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

#[test]
fn core_and_io_never_name_a_web_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src/core", "src/io"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(
        files.len() >= 5,
        "expected the core and io sources, found {files:?}"
    );
    let mut offenders = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("source is readable");
        for w in WEB_CRATES {
            if names(&text, w) {
                offenders.push(format!("{} names {w}", f.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "pure modules name web crates:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_word_check_catches_a_real_use_and_ignores_lookalikes() {
    assert!(names("use yew::prelude::*;", "yew"));
    assert!(names("web_sys::window()", "web_sys"));
    assert!(!names("let yewish = 1;", "yew"));
    assert!(!names("my_gloo_thing", "gloo"));
}
