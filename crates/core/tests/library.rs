//! The local library over a key-value store: saves with revisions, conflicts between tabs,
//! a full store, unreadable entries set aside, delete and undo.

use rollplan_core::example::example_plan;
use rollplan_core::io::library::{self, MemoryStore, SaveError, Store, StoreError, ASIDE};
use rollplan_core::model::Plan;

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
    let key = library::set_aside(&mut store, "bad", &bad.error).unwrap();
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
    let second = library::set_aside(&mut store, "bad", "again").unwrap();
    assert_ne!(second, key);
    assert!(store.get(&key).is_some());
}

#[test]
fn setting_aside_into_a_full_store_deletes_nothing() {
    let mut store = MemoryStore::default();
    library::save(&mut store, "bad", &plan("Bad"), None, 1, "t").unwrap();
    let used: usize = store.map.iter().map(|(k, v)| k.len() + v.len()).sum();
    store.quota = Some(used);
    assert_eq!(
        library::set_aside(&mut store, "bad", "test"),
        Err(StoreError::Full)
    );
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

#[test]
fn a_set_aside_entry_lists_with_its_reason_and_downloads_byte_for_byte() {
    let mut store = MemoryStore::default();
    library::save(&mut store, "good", &plan("Good"), None, 1, "t").unwrap();
    library::save(&mut store, "bad", &plan("Bad"), None, 2, "t").unwrap();
    let damaged = "{\"format\":\"rollplan\",\"version\":1,\"plan\":{\"title\":\"Ba";
    store.set("rollplan.plan.bad", damaged).unwrap();
    let error = library::load(&store, "bad").unwrap_err().error;
    let key = library::set_aside(&mut store, "bad", &error).unwrap();
    let asides = library::asides(&store);
    assert_eq!(asides.len(), 1);
    assert_eq!(asides[0].key, key);
    assert_eq!(asides[0].id, "bad");
    assert_eq!(asides[0].title.as_deref(), Some("Bad"));
    assert_eq!(asides[0].reason.as_deref(), Some(error.as_str()));
    // The download is the stored text exactly, so nothing of it is lost.
    assert_eq!(
        library::aside_content(&store, &key).as_deref(),
        Some(damaged)
    );
    assert_eq!(library::load(&store, "good").unwrap().0.title, "Good");
}

#[test]
fn duplicate_and_rename_write_new_revisions_and_leave_the_original() {
    let mut store = MemoryStore::default();
    let original = library::create(&mut store, &plan("Budget"), 1, "t").unwrap();
    let copy = library::duplicate(&mut store, &original.id, 2, "t").unwrap();
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.title, "Budget (copy)");
    let again = library::duplicate(&mut store, &original.id, 3, "t").unwrap();
    assert_eq!(again.title, "Budget (copy 2)");
    let (copied, _) = library::load(&store, &copy.id).unwrap();
    assert_eq!(copied.outputs, plan("Budget").outputs);
    // A rename is a new revision, so a tab holding revision 1 is told rather than overwriting.
    let renamed = library::rename(&mut store, &original.id, "Budget 2027", 4, "t").unwrap();
    assert_eq!(
        (renamed.title.as_str(), renamed.revision),
        ("Budget 2027", 2)
    );
    assert_eq!(
        library::load(&store, &original.id).unwrap().0.title,
        "Budget 2027"
    );
    let stale = library::save(
        &mut store,
        &original.id,
        &plan("Budget"),
        Some(1),
        5,
        "other",
    );
    assert!(matches!(stale, Err(SaveError::Conflict { .. })));
    // An unreadable plan is neither copied nor renamed, and stays as it was.
    store.set("rollplan.plan.broken", "not json").unwrap();
    store
        .set(
            "rollplan.meta.broken",
            &store.get(&format!("rollplan.meta.{}", copy.id)).unwrap(),
        )
        .unwrap();
    assert!(library::duplicate(&mut store, "broken", 6, "t").is_err());
    assert!(library::rename(&mut store, "broken", "x", 6, "t").is_err());
    assert_eq!(
        store.get("rollplan.plan.broken").as_deref(),
        Some("not json")
    );
}

#[test]
fn usage_counts_only_the_librarys_keys() {
    let mut store = MemoryStore::default();
    store.set("other-app", &"x".repeat(1000)).unwrap();
    assert_eq!(library::usage(&store), 0);
    library::create(&mut store, &plan("Budget"), 1, "t").unwrap();
    let ours: usize = store
        .map
        .iter()
        .filter(|(k, _)| k.starts_with("rollplan."))
        .map(|(k, v)| k.len() + v.len())
        .sum();
    assert_eq!(library::usage(&store), ours);
}

#[test]
fn the_list_says_when_a_plan_was_last_changed() {
    let now = 1_795_000_000_000; // 2026-11-18, 11:06:40 UTC
    let age = |ms: u64| library::describe_age(now - ms, now);
    assert_eq!(age(0), "just now");
    assert_eq!(age(59_000), "just now");
    assert_eq!(age(60_000), "1 minute ago");
    assert_eq!(age(45 * 60_000), "45 minutes ago");
    assert_eq!(age(3_600_000), "1 hour ago");
    assert_eq!(age(5 * 3_600_000), "5 hours ago");
    assert_eq!(age(30 * 3_600_000), "yesterday");
    assert_eq!(age(3 * 86_400_000), "2026-11-15");
    assert_eq!(library::describe_age(951_782_400_000, now), "2000-02-29");
    // A clock that went backwards is not "in the future".
    assert_eq!(library::describe_age(now + 5_000, now), "just now");
}

#[test]
fn drafts_are_kept_beside_their_plan_and_go_and_come_back_with_it() {
    use rollplan_core::sheet::{CellKey, Col, Draft, Drafts, Target};
    let mut store = MemoryStore::default();
    let p = plan("Budget");
    let line = p.outputs[0].lines[0].id;
    library::save(&mut store, "p1", &p, None, 1, "t").unwrap();
    let mut drafts = Drafts::new();
    drafts.insert(
        CellKey {
            target: Target::Line(line),
            col: Col::Year(1),
        },
        Draft {
            text: "about 5k".into(),
            error: "not a number".into(),
        },
    );
    library::save_drafts(&mut store, "p1", &drafts).unwrap();
    let opened = library::open(&store, "p1").unwrap();
    assert_eq!(opened.drafts, drafts);
    assert_eq!(opened.plan, p);
    // Deleting the plan takes its drafts; undo brings both back.
    let removed = library::remove(&mut store, "p1");
    assert!(library::load_drafts(&store, "p1").is_empty());
    library::restore(&mut store, &removed).unwrap();
    assert_eq!(library::open(&store, "p1").unwrap().drafts, drafts);
    // No drafts left: nothing stored for them.
    library::save_drafts(&mut store, "p1", &Drafts::new()).unwrap();
    assert!(store.get("rollplan.drafts.p1").is_none());
}
