//! Share links: a plan in a URL fragment, back exactly, and every way a link can be wrong.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rollplan_core::example::example_plan;
use rollplan_core::generate::{generate, Size};
use rollplan_core::io::json::LoadError;
use rollplan_core::io::share::{decode, encode, ShareError, MAX_LINK_CHARS, PREFIX};

/// Packs arbitrary bytes the way a link does, to build links the encoder would not make.
fn link_of(bytes: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(bytes, 6);
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut s = String::from(PREFIX);
    for c in packed.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..=c.len() {
            s.push(char::from(A[((n >> (18 - 6 * k)) & 63) as usize]));
        }
    }
    s
}

#[test]
fn the_example_plan_travels_in_a_link_and_comes_back_exactly() {
    let plan = example_plan();
    let link = encode(&plan).unwrap();
    assert!(link.starts_with(PREFIX));
    assert!(link.len() < MAX_LINK_CHARS);
    // Only characters that survive a URL untouched.
    assert!(link[PREFIX.len()..]
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    assert_eq!(decode(&link).unwrap(), plan);
    assert_eq!(decode(&format!("#{link}")).unwrap(), plan);
}

#[test]
fn a_plan_too_big_for_a_link_says_to_share_a_file() {
    let big = generate(Size::BENCH, 1);
    match encode(&big) {
        Err(e @ ShareError::TooBig { .. }) => assert!(e.to_string().contains("file")),
        other => panic!("expected TooBig, got {:?}", other.map(|s| s.len())),
    }
}

#[test]
fn damaged_links_are_refused_with_the_reason() {
    let link = encode(&example_plan()).unwrap();
    assert_eq!(decode("#section-2"), Err(ShareError::NotALink));
    assert_eq!(decode(""), Err(ShareError::NotALink));
    // Cut short, as a chat client might.
    let cut = &link[..link.len() / 2];
    assert_eq!(decode(cut), Err(ShareError::Damaged));
    // A character base64 does not have, with its place.
    let mut bad = link.clone();
    bad.insert(PREFIX.len() + 10, '!');
    assert_eq!(decode(&bad), Err(ShareError::BadCharacter { position: 10 }));
}

#[test]
fn a_link_from_a_newer_rollplan_is_refused_like_a_newer_file() {
    let text = r#"{"format":"rollplan","version":99,"plan":{}}"#;
    match decode(&link_of(text.as_bytes())) {
        Err(ShareError::Plan(LoadError::TooNew { version: 99 })) => {}
        other => panic!("expected TooNew, got {other:?}"),
    }
}

#[test]
fn a_link_that_unpacks_to_gigantic_data_is_stopped() {
    let zeros = vec![b' '; 70 * 1024 * 1024];
    assert_eq!(decode(&link_of(&zeros)), Err(ShareError::TooLarge));
}

proptest! {
    #[test]
    fn no_fragment_makes_decoding_panic(s in "\\PC{0,200}") {
        let _ = decode(&s);
        let _ = decode(&format!("{PREFIX}{s}"));
    }
}

#[test]
fn a_link_whose_plan_is_inconsistent_is_refused_before_any_view_reads_it() {
    // A KPI with fewer targets than years: the Results view would index past the end.
    let mut plan = example_plan();
    plan.kpis[0].targets.pop();
    let link = encode(&plan).expect("fits a link");
    match decode(&link) {
        Err(ShareError::Plan(LoadError::Refused { findings })) => {
            assert!(findings
                .iter()
                .any(|f| f.to_string().contains("targets and actuals")));
        }
        other => panic!("refused, not {other:?}"),
    }
}

#[test]
fn a_link_carries_notes_and_calculations_but_not_the_history() {
    use rollplan_core::model::{Key, NoteAt};
    use rollplan_core::sheet::{type_into, CellKey, Col, Target};
    use rollplan_core::{Document, Edit};
    let mut doc = Document::open(example_plan()).unwrap();
    let line = doc.plan().outputs[0].lines.last().unwrap().id;
    let key = CellKey {
        target: Target::Line(line),
        col: Col::Year(0),
    };
    type_into(&mut doc, key, "=2*90000").unwrap();
    doc.apply(Edit::SetNote {
        at: NoteAt::Figure(Key::Value { line, year: 0 }),
        text: Some("Two audits".into()),
    })
    .unwrap();
    assert_eq!(doc.plan().history.records.len(), 2);
    let back = decode(&encode(doc.plan()).unwrap()).unwrap();
    assert!(back.history.is_empty(), "the history stays with the file");
    assert_eq!(back.notes, doc.plan().notes);
    assert_eq!(back.expressions, doc.plan().expressions);
}
