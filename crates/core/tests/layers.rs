//! The core's modules depend one way (ARCHITECTURE.md): a module names only the modules
//! below it, so there is no import cycle and, for example, calculation never reaches up
//! into edits or the document. Read from the sources: every `crate::module` a file names
//! outside comments. (That no web crate is anywhere in the core's tree is checked by
//! `scripts/check-layers.sh` with `cargo tree`.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each module and what it may name. Anything not listed may not be named.
const ALLOWED: &[(&str, &[&str])] = &[
    ("limits", &[]),
    ("order", &[]),
    ("exact", &[]),
    ("numfmt", &["exact", "limits"]),
    ("expr", &["exact", "numfmt", "limits"]),
    ("model", &["exact", "numfmt", "limits", "expr"]),
    ("calc", &["limits", "exact", "numfmt", "model"]),
    ("edit", &["limits", "exact", "numfmt", "model", "calc"]),
    (
        "document",
        &[
            "limits", "exact", "numfmt", "model", "calc", "edit", "order",
        ],
    ),
    (
        "reports",
        &["limits", "exact", "numfmt", "model", "calc", "order"],
    ),
    (
        "sheet",
        &[
            "limits", "exact", "numfmt", "expr", "model", "calc", "edit", "document", "order",
        ],
    ),
    (
        "gate",
        &[
            "limits", "exact", "numfmt", "model", "calc", "reports", "order",
        ],
    ),
    ("example", &["limits", "exact", "numfmt", "model"]),
    ("generate", &["limits", "exact", "numfmt", "model"]),
    (
        "io",
        &[
            "limits", "exact", "numfmt", "expr", "model", "calc", "reports", "document", "sheet",
            "gate", "order",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules a source text names as `crate::name`, comments left out.
fn named(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn modules_name_only_the_modules_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offences = Vec::new();
    let mut seen = BTreeSet::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" {
            continue;
        }
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == top) else {
            offences.push(format!(
                "{} is in a module the layer table does not know: add it to ALLOWED",
                rel.display()
            ));
            continue;
        };
        seen.insert(top.clone());
        let text = std::fs::read_to_string(f).expect("source is readable");
        // Top-level module files must say `crate::`, so `super::` cannot hide a dependency.
        // Only there is `super` the crate root; deeper, it stays inside the module.
        let depth = rel.components().count();
        let is_root = depth == 1 || (depth == 2 && rel.ends_with("mod.rs"));
        let via_super = |l: &str| {
            let code = l.split("//").next().unwrap_or("");
            code.match_indices("super::").any(|(i, _)| {
                code[i + "super::".len()..].starts_with(|c: char| c.is_ascii_lowercase())
            })
        };
        if is_root && text.lines().any(via_super) {
            offences.push(format!(
                "{} names a sibling through super:: (write crate::)",
                rel.display()
            ));
        }
        for m in named(&text) {
            if m != top && !allowed.contains(&m.as_str()) {
                offences.push(format!("{} ({top}) names crate::{m}", rel.display()));
            }
        }
    }
    assert!(
        seen.len() >= 10,
        "expected every layer's sources, saw {seen:?}"
    );
    assert!(
        offences.is_empty(),
        "layering broken:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_reader_finds_names_and_skips_comments() {
    let text = "use crate::calc::Engine; // crate::sheet in a comment\n/// see [`crate::edit`]\nlet x = crate::model::Plan::blank;";
    let got: Vec<String> = named(text).into_iter().collect();
    assert_eq!(got, ["calc", "model"]);
}

/// Sorting goes through `order`, compiled once, never `slice::sort*` (each call site would
/// compile a sort of its own into the app's download). Test code is left out.
#[test]
fn the_core_sorts_only_through_order() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offences = Vec::new();
    for f in &files {
        if f.ends_with("order.rs") {
            continue;
        }
        let text = std::fs::read_to_string(f).expect("source is readable");
        let shipped = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in shipped.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if [
                ".sort(",
                ".sort_by(",
                ".sort_by_key(",
                ".sort_unstable",
                ".sort_by_cached_key(",
            ]
            .iter()
            .any(|s| code.contains(s))
            {
                offences.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "sort through crate::order:\n{}",
        offences.join("\n")
    );
}
