//! In-browser tests of the storage layer (wasm-bindgen-test in headless Chromium): the
//! library over the real `localStorage`, with a damaged entry beside good ones and a quota
//! that is really used up.
#![cfg(target_arch = "wasm32")]

use rollplan_app::ui::state::SaveFailure;
use rollplan_app::ui::storage::{self, LocalStore};
use rollplan_core::example::example_plan;
use rollplan_core::io::library::{self, SaveError, Store, StoreError};
use rollplan_core::model::Plan;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn plan(title: &str) -> Plan {
    let mut p = example_plan();
    p.title = title.into();
    p
}

/// The page's storage with no library keys and no filler left by an earlier test.
fn fresh() -> LocalStore {
    let mut store = storage::local().expect("localStorage is available in the test page");
    for key in store.keys() {
        if key.starts_with("rollplan.") || key.starts_with("filler.") {
            store.remove(&key);
        }
    }
    store
}

/// Fills the storage with another key's data until the browser refuses even one character.
fn fill(store: &mut LocalStore) -> usize {
    let mut chunk = 1 << 20;
    let mut k = 0;
    while chunk > 0 {
        match store.set(&format!("filler.{k}"), &"x".repeat(chunk)) {
            Ok(()) => k += 1,
            Err(StoreError::Full) => chunk /= 2,
            Err(e) => panic!("unexpected storage error: {e}"),
        }
    }
    k
}

#[wasm_bindgen_test]
fn a_full_quota_refuses_the_save_and_keeps_the_last_good_one() {
    let mut store = fresh();
    let first = library::save(&mut store, "p1", &plan("Budget"), None, 1, "t").unwrap();
    fill(&mut store);
    // A plan with a long description needs more room than is left, in the file's pretty
    // form and in the compact one the app stores: the browser's QuotaExceededError arrives
    // as `Full`, and nothing of the plan is half-written.
    let mut bigger = plan("Budget with a much longer title than before");
    bigger.objectives[0].description = "A much longer description. ".repeat(4_000);
    let refused = library::save(&mut store, "p1", &bigger, Some(first.revision), 2, "t");
    assert_eq!(refused, Err(SaveError::Store(StoreError::Full)));
    let (kept, meta) = library::load(&store, "p1").unwrap();
    assert_eq!(kept.title, "Budget");
    assert_eq!(meta, first);
    // The app's save says what to do about it.
    match storage::save("p1", &bigger, Some(first.revision)) {
        Err(SaveFailure::NoRoom(why)) => assert!(why.contains("full"), "{why}"),
        other => panic!("expected NoRoom, got {other:?}"),
    }
    fresh();
}

#[wasm_bindgen_test]
fn a_damaged_entry_is_set_aside_and_the_others_still_open() {
    let mut store = fresh();
    store.set("other-app.settings", "keep me").unwrap();
    library::save(&mut store, "good1", &plan("Good one"), None, 1, "t").unwrap();
    library::save(&mut store, "good2", &plan("Good two"), None, 2, "t").unwrap();
    library::save(&mut store, "bad", &plan("Damaged"), None, 3, "t").unwrap();
    let damaged = r#"{"format":"rollplan","version":1,"plan":{"title":"Dam"#;
    store.set("rollplan.plan.bad", damaged).unwrap();
    store.set("rollplan.last", "bad").unwrap();

    // Reopening the last plan fails with a reason, and the entry is set aside whole.
    match storage::restore() {
        Some(Err(why)) => assert!(why.contains("set aside"), "{why}"),
        other => panic!("expected the damaged plan to be refused, got {other:?}"),
    }
    let asides = library::asides(&store);
    assert_eq!(asides.len(), 1);
    assert_eq!(asides[0].title.as_deref(), Some("Damaged"));
    assert_eq!(
        storage::aside_content(&asides[0].key).as_deref(),
        Some(damaged)
    );
    // The good plans are listed and open; another application's key is untouched.
    let ids: Vec<String> = library::list(&store).into_iter().map(|e| e.id).collect();
    assert_eq!(ids, ["good2", "good1"]);
    assert_eq!(storage::open("good1").unwrap().plan.title, "Good one");
    assert_eq!(store.get("other-app.settings").as_deref(), Some("keep me"));
    store.remove("other-app.settings");
    fresh();
}

#[wasm_bindgen_test]
fn a_plan_from_a_newer_rollplan_is_set_aside_not_overwritten() {
    let mut store = fresh();
    let newer = r#"{"format":"rollplan","version":99,"plan":{}}"#;
    library::save(&mut store, "newer", &plan("From the future"), None, 1, "t").unwrap();
    store.set("rollplan.plan.newer", newer).unwrap();
    let why = storage::open("newer").unwrap_err();
    assert!(why.contains("newer Rollplan"), "{why}");
    assert!(library::meta(&store, "newer").is_none());
    let key = &library::asides(&store)[0].key;
    assert_eq!(storage::aside_content(key).as_deref(), Some(newer));
    fresh();
}

/// IndexedDB: a write names what it last saw under a key; a write from a tab that saw an
/// older value is refused whole (nothing of it stored), with what is there now.
#[wasm_bindgen_test]
async fn an_indexeddb_write_from_a_tab_that_saw_an_older_revision_is_refused_whole() {
    use rollplan_app::ui::idb::{self, WriteError};
    let db = idb::open().await.expect("IndexedDB opens in the test page");
    let meta = "rollplan.meta.test".to_string();
    let plan = "rollplan.plan.test".to_string();
    idb::write(
        &db,
        vec![(meta.clone(), "r1".into()), (plan.clone(), "p1".into())],
        vec![],
        None,
    )
    .await
    .unwrap();
    // Another tab saves revision 2.
    idb::write(
        &db,
        vec![(meta.clone(), "r2".into()), (plan.clone(), "p2".into())],
        vec![],
        Some((meta.clone(), Some("r1".into()))),
    )
    .await
    .unwrap();
    // This tab still thinks revision 1 is stored: refused, and neither key is written.
    let stale = idb::write(
        &db,
        vec![
            (plan.clone(), "mine".into()),
            (meta.clone(), "r2-mine".into()),
        ],
        vec![],
        Some((meta.clone(), Some("r1".into()))),
    )
    .await;
    assert_eq!(
        stale,
        Err(WriteError::Changed {
            key: meta.clone(),
            now: Some("r2".into())
        })
    );
    let now = idb::read(&db, &[meta.clone(), plan.clone()]).await.unwrap();
    assert_eq!(now, vec![Some("r2".to_string()), Some("p2".to_string())]);
    // Removing is checked the same way.
    idb::write(
        &db,
        vec![],
        vec![plan.clone(), meta.clone()],
        Some((meta.clone(), Some("r2".into()))),
    )
    .await
    .unwrap();
    assert_eq!(idb::read(&db, &[plan]).await.unwrap(), vec![None]);
}

/// A long text (a big plan's file) is stored in pieces and read back whole; written again
/// shorter, its old pieces go.
#[wasm_bindgen_test]
async fn a_long_text_is_stored_in_pieces_and_read_back_whole() {
    use rollplan_app::ui::idb;
    let db = idb::open().await.expect("IndexedDB opens in the test page");
    let key = "rollplan.plan.long".to_string();
    let long: String = (0..(idb::PIECE * 5 / 2))
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect::<String>()
        + "é€";
    idb::write(&db, vec![(key.clone(), long.as_str().into())], vec![], None)
        .await
        .unwrap();
    assert_eq!(
        idb::read(&db, std::slice::from_ref(&key)).await.unwrap(),
        vec![Some(long.clone())]
    );
    let all = idb::read_all(&db).await.unwrap();
    let found: Vec<_> = all
        .iter()
        .filter(|(k, _)| k.starts_with("rollplan.plan.long"))
        .collect();
    assert_eq!(found.len(), 1, "its pieces are not entries of their own");
    assert_eq!(found[0].1, long);
    idb::write(&db, vec![(key.clone(), "short".into())], vec![], None)
        .await
        .unwrap();
    let all = idb::read_all(&db).await.unwrap();
    let found: Vec<_> = all
        .iter()
        .filter(|(k, _)| k.starts_with("rollplan.plan.long"))
        .collect();
    assert_eq!(found, vec![&(key.clone(), "short".to_string())]);
    idb::write(&db, vec![], vec![key], None).await.unwrap();
}
