//! The local library over a key-value store: saves with revisions, conflicts between tabs,
//! a full store, unreadable entries set aside, delete and undo.

use rollplan::core::example::example_plan;
use rollplan::core::model::Plan;
use rollplan::io::library::{self, MemoryStore, SaveError, Store, StoreError, ASIDE};

fn plan(title: &str) -> Plan {
    let mut p = example_plan();
    p.title = title.into();
    p
}

#[test]
fn a_saved_plan_lists_and_loads_back_exactly() {
    let mut store = MemoryStore::default();
    let id = library::new_id(&store, 1_000);
    let saved = library::save(&mut store, &id, &plan("Budget A"), None, 1_000, "tab1").unwrap();
    assert_eq!(saved.revision, 1);
    let b = library::new_id(&store, 2_000);
    library::save(&mut store, &b, &plan("Budget B"), None, 2_000, "tab1").unwrap();
    let list = library::list(&store);
    let titles: Vec<_> = list
        .iter()
        .map(|e| e.meta.as_ref().unwrap().title.clone())
        .collect();
    assert_eq!(titles, ["Budget B", "Budget A"], "newest first");
    let (loaded, meta) = library::load(&store, &id).unwrap();
    assert_eq!(loaded, plan("Budget A"));
    assert_eq!(meta, saved);
}

#[test]
fn a_save_from_a_stale_tab_is_refused_and_writes_nothing() {
    let mut store = MemoryStore::default();
    let first = library::save(&mut store, "p1", &plan("v1"), None, 1, "tab1").unwrap();
    // Tab 2 saves on top of revision 1.
    library::save(
        &mut store,
        "p1",
        &plan("v2 from tab 2"),
        Some(first.revision),
        2,
        "tab2",
    )
    .unwrap();
    // Tab 1 still thinks it is at revision 1.
    let before = store.map.clone();
    match library::save(
        &mut store,
        "p1",
        &plan("v2 from tab 1"),
        Some(first.revision),
        3,
        "tab1",
    ) {
        Err(SaveError::Conflict { theirs }) => {
            assert_eq!(theirs.session, "tab2");
            assert_eq!(theirs.revision, 2);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(store.map, before);
    // A brand-new save over an existing id is a conflict too.
    assert!(matches!(
        library::save(&mut store, "p1", &plan("x"), None, 4, "tab3"),
        Err(SaveError::Conflict { .. })
    ));
}

#[test]
fn a_full_store_keeps_the_last_good_save() {
    let mut store = MemoryStore::default();
    let saved = library::save(&mut store, "p1", &plan("small"), None, 1, "t").unwrap();
    let used: usize = store.map.iter().map(|(k, v)| k.len() + v.len()).sum();
    store.quota = Some(used + 100);
    let mut big = plan("bigger");
    big.note = "x".repeat(10_000);
    assert_eq!(
        library::save(&mut store, "p1", &big, Some(saved.revision), 2, "t"),
        Err(SaveError::Store(StoreError::Full))
    );
    let (loaded, meta) = library::load(&store, "p1").unwrap();
    assert_eq!(loaded.title, "small");
    assert_eq!(meta.revision, 1);
}

#[test]
fn an_unreadable_entry_is_set_aside_whole_and_the_others_stay() {
    let mut store = MemoryStore::default();
    library::save(&mut store, "good", &plan("Good"), None, 1, "t").unwrap();
    library::save(&mut store, "bad", &plan("Bad"), None, 2, "t").unwrap();
    store
        .set("rollplan.plan.bad", "{\"format\":\"rollplan\",\"vers")
        .unwrap();
    library::save(&mut store, "newer", &plan("Newer"), None, 3, "t").unwrap();
    store
        .set(
            "rollplan.plan.newer",
            r#"{"format":"rollplan","version":99,"plan":{}}"#,
        )
        .unwrap();
    let bad = library::load(&store, "bad").unwrap_err();
    assert!(bad.error.contains("line 1"), "{}", bad.error);
    assert_eq!(bad.raw.as_deref(), Some("{\"format\":\"rollplan\",\"vers"));
    let newer = library::load(&store, "newer").unwrap_err();
    assert!(newer.error.contains("newer Rollplan"), "{}", newer.error);
    let key = library::set_aside(&mut store, "bad").unwrap();
    assert!(key.starts_with(ASIDE));
    assert!(store
        .get(&key)
        .unwrap()
        .contains("{\\\"format\\\":\\\"rollplan\\\",\\\"vers"));
    // The good plan is untouched; the set-aside one no longer lists.
    assert_eq!(library::load(&store, "good").unwrap().0.title, "Good");
    let ids: Vec<_> = library::list(&store).into_iter().map(|e| e.id).collect();
    assert_eq!(ids, ["newer", "good"]);
    // Setting aside twice keeps both copies.
    library::save(&mut store, "bad", &plan("Bad again"), None, 4, "t").unwrap();
    let second = library::set_aside(&mut store, "bad").unwrap();
    assert_ne!(second, key);
    assert!(store.get(&key).is_some());
}

#[test]
fn setting_aside_into_a_full_store_deletes_nothing() {
    let mut store = MemoryStore::default();
    library::save(&mut store, "bad", &plan("Bad"), None, 1, "t").unwrap();
    let used: usize = store.map.iter().map(|(k, v)| k.len() + v.len()).sum();
    store.quota = Some(used);
    assert_eq!(library::set_aside(&mut store, "bad"), Err(StoreError::Full));
    assert!(store.get("rollplan.plan.bad").is_some());
}

#[test]
fn delete_can_be_undone_and_other_keys_are_never_touched() {
    let mut store = MemoryStore::default();
    store.set("other-app.settings", "keep me").unwrap();
    library::save(&mut store, "p1", &plan("One"), None, 1, "t").unwrap();
    let before = store.map.clone();
    let removed = library::remove(&mut store, "p1");
    assert!(library::list(&store).is_empty());
    library::restore(&mut store, &removed).unwrap();
    assert_eq!(store.map, before);
    assert_eq!(store.get("other-app.settings").as_deref(), Some("keep me"));
}
