//! The local library of plans, over any key-value store (the browser's localStorage, or a
//! map in tests). Pure: the store, the clock and the tab's identity are passed in.
//!
//! Each plan is two entries: `rollplan.meta.<id>` (small: title, revision, when, which tab)
//! so the library lists without parsing plans, and `rollplan.plan.<id>` (the plan file of
//! [`super::json`]). Text typed into cells that the plan could not take yet (drafts) is kept
//! beside it in `rollplan.drafts.<id>`, so a reload loses nothing typed. Rules this module
//! keeps:
//!
//! - A save names the revision it started from; if the stored revision moved on (another tab
//!   saved), the save is refused with [`SaveError::Conflict`] and nothing is written.
//! - The plan is written before its meta, so a failed write (storage full) leaves the last
//!   good save readable, and the meta never points at a plan that was not written.
//! - An entry that cannot be read is never deleted or overwritten: [`set_aside`] copies it to
//!   `rollplan.aside.<id>` first and removes the originals only once the copy is stored.
//! - Only keys under `rollplan.` are touched; nothing here clears a whole store.

use super::json::{self, LoadError};
use crate::model::Plan;
use crate::sheet::{CellKey, Draft, Drafts};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const META: &str = "rollplan.meta.";
pub const PLAN: &str = "rollplan.plan.";
pub const ASIDE: &str = "rollplan.aside.";
pub const DRAFTS: &str = "rollplan.drafts.";

/// A key-value store of strings, as localStorage is.
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's quota is used up.
    Full,
    /// Storage is switched off or failed (private mode, policy).
    Unavailable(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => f.write_str("the browser's storage for this site is full"),
            StoreError::Unavailable(why) => write!(f, "browser storage is not available ({why})"),
        }
    }
}

/// What the library knows of a plan without reading it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    pub title: String,
    /// Counts saves; a save must name the revision it started from.
    pub revision: u64,
    /// Milliseconds since the epoch, from the caller's clock.
    pub saved_at: u64,
    /// The tab that saved it last.
    pub session: String,
}

/// One row of the library list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub meta: Option<Meta>,
    /// Why the entry cannot be listed properly (its meta is unreadable).
    pub problem: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab saved this plan since this one loaded or saved it.
    Conflict {
        theirs: Meta,
    },
    Store(StoreError),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Conflict { theirs } => write!(
                f,
                "\u{201c}{}\u{201d} was changed in another tab or window since you opened it here",
                theirs.title
            ),
            SaveError::Store(e) => e.fmt(f),
        }
    }
}

/// Why a stored plan did not open; its raw text is kept for download.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub id: String,
    pub raw: Option<String>,
    pub error: String,
}

/// Every plan in the store, newest first; unreadable entries are listed with their problem.
pub fn list(store: &dyn Store) -> Vec<Entry> {
    let mut entries: Vec<Entry> = store
        .keys()
        .into_iter()
        .filter_map(|k| k.strip_prefix(META).map(str::to_string))
        .map(|id| {
            match store
                .get(&format!("{META}{id}"))
                .map(|raw| serde_json::from_str::<Meta>(&raw))
            {
                Some(Ok(meta)) => Entry {
                    id,
                    meta: Some(meta),
                    problem: None,
                },
                Some(Err(e)) => Entry {
                    id,
                    meta: None,
                    problem: Some(format!("its description is damaged ({e})")),
                },
                None => Entry {
                    id,
                    meta: None,
                    problem: Some("its description disappeared".into()),
                },
            }
        })
        .collect();
    crate::order::sort_by(&mut entries, |a, b| {
        let t = |e: &Entry| e.meta.as_ref().map_or(0, |m| m.saved_at);
        t(b).cmp(&t(a)).then_with(|| a.id.cmp(&b.id))
    });
    entries
}

pub fn meta(store: &dyn Store, id: &str) -> Option<Meta> {
    serde_json::from_str(&store.get(&format!("{META}{id}"))?).ok()
}

/// Saves a plan as the next revision after `base` (`None` for a plan new to the store).
pub fn save(
    store: &mut dyn Store,
    id: &str,
    plan: &Plan,
    base: Option<u64>,
    now: u64,
    session: &str,
) -> Result<Meta, SaveError> {
    save_file(
        store,
        id,
        &plan.title,
        &json::save(plan),
        base,
        now,
        session,
    )
}

/// [`save`] with the plan file already written (a big plan's is written a few outputs at a
/// time, [`json::Saving`], so saving does not hold the page).
pub fn save_file(
    store: &mut dyn Store,
    id: &str,
    title: &str,
    file: &str,
    base: Option<u64>,
    now: u64,
    session: &str,
) -> Result<Meta, SaveError> {
    let current = meta(store, id);
    if let Some(theirs) = &current {
        if Some(theirs.revision) != base {
            return Err(SaveError::Conflict {
                theirs: theirs.clone(),
            });
        }
    }
    let next = Meta {
        id: id.to_string(),
        title: title.to_string(),
        revision: current.map_or(1, |m| m.revision.saturating_add(1)),
        saved_at: now,
        session: session.to_string(),
    };
    store
        .set(&format!("{PLAN}{id}"), file)
        .map_err(SaveError::Store)?;
    let meta_text = serde_json::to_string(&next).unwrap_or_default();
    store
        .set(&format!("{META}{id}"), &meta_text)
        .map_err(SaveError::Store)?;
    Ok(next)
}

/// Reads a stored plan with its meta.
pub fn load(store: &dyn Store, id: &str) -> Result<(Plan, Meta), Unreadable> {
    let raw = store.get(&format!("{PLAN}{id}"));
    let fail = |error: String| Unreadable {
        id: id.to_string(),
        raw: raw.clone(),
        error,
    };
    let text = raw
        .clone()
        .ok_or_else(|| fail("the plan itself is missing".into()))?;
    let meta =
        meta(store, id).ok_or_else(|| fail("its description is missing or damaged".into()))?;
    let plan = json::load(&text).map_err(|e: LoadError| fail(e.to_string()))?;
    Ok((plan, meta))
}

/// Moves an unreadable entry out of the library without losing a byte: the raw plan and
/// meta are copied under `rollplan.aside.<id>`, and the originals are removed only if the
/// copy was stored. Returns the key of the copy.
pub fn set_aside(store: &mut dyn Store, id: &str, reason: &str) -> Result<String, StoreError> {
    let plan = store.get(&format!("{PLAN}{id}"));
    let meta = store.get(&format!("{META}{id}"));
    let kept =
        serde_json::json!({ "id": id, "meta": meta, "plan": plan, "reason": reason }).to_string();
    let mut key = format!("{ASIDE}{id}");
    let mut n: u32 = 1;
    while store.get(&key).is_some() {
        n = n.saturating_add(1);
        key = format!("{ASIDE}{id}.{n}");
    }
    store.set(&key, &kept)?;
    store.remove(&format!("{PLAN}{id}"));
    store.remove(&format!("{META}{id}"));
    Ok(key)
}

/// What a delete took away, to put back on undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    pub id: String,
    pub meta: Option<String>,
    pub plan: Option<String>,
    pub drafts: Option<String>,
}

pub fn remove(store: &mut dyn Store, id: &str) -> Removed {
    let removed = Removed {
        id: id.to_string(),
        meta: store.get(&format!("{META}{id}")),
        plan: store.get(&format!("{PLAN}{id}")),
        drafts: store.get(&format!("{DRAFTS}{id}")),
    };
    store.remove(&format!("{META}{id}"));
    store.remove(&format!("{PLAN}{id}"));
    store.remove(&format!("{DRAFTS}{id}"));
    removed
}

/// Puts a removed plan back exactly as it was.
pub fn restore(store: &mut dyn Store, removed: &Removed) -> Result<(), StoreError> {
    if let Some(plan) = &removed.plan {
        store.set(&format!("{PLAN}{}", removed.id), plan)?;
    }
    if let Some(drafts) = &removed.drafts {
        store.set(&format!("{DRAFTS}{}", removed.id), drafts)?;
    }
    if let Some(meta) = &removed.meta {
        store.set(&format!("{META}{}", removed.id), meta)?;
    }
    Ok(())
}

/// A fresh id from the caller's clock and a counter, unused in the store.
pub fn new_id(store: &dyn Store, now: u64) -> String {
    (0u32..)
        .map(|n| format!("p{now:x}{n}"))
        .find(|id| {
            store.get(&format!("{META}{id}")).is_none()
                && store.get(&format!("{PLAN}{id}")).is_none()
        })
        .unwrap_or_default()
}

/// Why a library change (duplicate, rename) was not made; nothing was written.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeError {
    Unreadable(Unreadable),
    Save(SaveError),
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeError::Unreadable(u) => write!(f, "the stored plan cannot be read: {}", u.error),
            ChangeError::Save(e) => e.fmt(f),
        }
    }
}

/// Stores a plan as a new entry of the library.
pub fn create(
    store: &mut dyn Store,
    plan: &Plan,
    now: u64,
    session: &str,
) -> Result<Meta, SaveError> {
    let id = new_id(store, now);
    save(store, &id, plan, None, now, session)
}

/// A title unused among `titles`: the title itself, or "Plan (2)", "Plan (3)"…, so that two
/// plans in the library are never told apart only by when they were saved.
pub fn distinct_title<'a>(title: &str, titles: impl Iterator<Item = &'a str> + Clone) -> String {
    (1u32..)
        .map(|n| match n {
            1 => title.to_string(),
            n => format!("{title} ({n})"),
        })
        .find(|t| !titles.clone().any(|u| u == t))
        .unwrap_or_default()
}

/// The title of a copy: "Plan (copy)", "Plan (copy 2)"… unused among `titles`.
pub fn copy_title<'a>(title: &str, titles: impl Iterator<Item = &'a str> + Clone) -> String {
    (1u32..)
        .map(|n| match n {
            1 => format!("{title} (copy)"),
            n => format!("{title} (copy {n})"),
        })
        .find(|t| !titles.clone().any(|u| u == t))
        .unwrap_or_default()
}

/// Stores a copy of a plan under a new id, titled as a copy.
pub fn duplicate(
    store: &mut dyn Store,
    id: &str,
    now: u64,
    session: &str,
) -> Result<Meta, ChangeError> {
    let (mut plan, _) = load(store, id).map_err(ChangeError::Unreadable)?;
    let titles: Vec<String> = list(store)
        .into_iter()
        .filter_map(|e| e.meta.map(|m| m.title))
        .collect();
    plan.title = copy_title(&plan.title, titles.iter().map(String::as_str));
    create(store, &plan, now, session).map_err(ChangeError::Save)
}

/// Renames a stored plan: a new revision with the new title, so a tab that has it open
/// learns of the change instead of overwriting it.
pub fn rename(
    store: &mut dyn Store,
    id: &str,
    title: &str,
    now: u64,
    session: &str,
) -> Result<Meta, ChangeError> {
    let (mut plan, meta) = load(store, id).map_err(ChangeError::Unreadable)?;
    plan.title = title.to_string();
    save(store, id, &plan, Some(meta.revision), now, session).map_err(ChangeError::Save)
}

/// A plan read back from the library, with what was typed into it that it could not take.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub plan: Plan,
    pub meta: Meta,
    pub drafts: Drafts,
}

/// Reads a stored plan with its meta and drafts.
pub fn open(store: &dyn Store, id: &str) -> Result<Stored, Unreadable> {
    let (plan, meta) = load(store, id)?;
    Ok(Stored {
        plan,
        meta,
        drafts: load_drafts(store, id),
    })
}

/// Keeps the drafts of a plan (none: the entry is removed).
pub fn save_drafts(store: &mut dyn Store, id: &str, drafts: &Drafts) -> Result<(), StoreError> {
    let key = format!("{DRAFTS}{id}");
    if drafts.is_empty() {
        store.remove(&key);
        return Ok(());
    }
    let mut list: Vec<(&CellKey, &Draft)> = drafts.iter().collect();
    // A stable order, so the same drafts are the same text.
    crate::order::sort_by_key(&mut list, |(k, _)| format!("{k:?}"));
    store.set(&key, &serde_json::to_string(&list).unwrap_or_default())
}

/// The drafts kept for a plan; none if there are none or they cannot be read.
pub fn load_drafts(store: &dyn Store, id: &str) -> Drafts {
    store
        .get(&format!("{DRAFTS}{id}"))
        .and_then(|raw| serde_json::from_str::<Vec<(CellKey, Draft)>>(&raw).ok())
        .map(|list| list.into_iter().collect())
        .unwrap_or_default()
}

/// An entry set aside because it could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aside {
    /// Its key in the store.
    pub key: String,
    /// The library id it had.
    pub id: String,
    /// Its title, if its description could still be read.
    pub title: Option<String>,
    /// Why it was set aside.
    pub reason: Option<String>,
}

/// Every set-aside entry, by key.
pub fn asides(store: &dyn Store) -> Vec<Aside> {
    let mut found: Vec<Aside> = store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(ASIDE))
        .map(|key| {
            let record = store
                .get(&key)
                .and_then(|raw| serde_json::from_str::<serde_json::Value>(&raw).ok());
            let field = |name: &str| {
                record
                    .as_ref()
                    .and_then(|r| r.get(name))
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let title = field("meta")
                .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
                .and_then(|m| m.get("title").and_then(|t| t.as_str()).map(str::to_string));
            Aside {
                id: field("id").unwrap_or_else(|| key[ASIDE.len()..].to_string()),
                title,
                reason: field("reason"),
                key,
            }
        })
        .collect();
    crate::order::sort_by(&mut found, |a, b| a.key.cmp(&b.key));
    found
}

/// What to download for a set-aside entry: the stored plan text exactly as it was (a plan
/// file, possibly damaged), or the whole record when the plan itself was missing.
pub fn aside_content(store: &dyn Store, key: &str) -> Option<String> {
    let raw = store.get(key)?;
    let plan = serde_json::from_str::<serde_json::Value>(&raw)
        .ok()
        .and_then(|r| r.get("plan").and_then(|p| p.as_str()).map(str::to_string));
    Some(plan.unwrap_or(raw))
}

/// Characters the library takes in the store (keys and values), to say how full it is.
pub fn usage(store: &dyn Store) -> usize {
    store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("rollplan."))
        .map(|k| k.len().saturating_add(store.get(&k).map_or(0, |v| v.len())))
        .sum()
}

/// A moment (milliseconds since the epoch) as its UTC date, `YYYY-MM-DD`.
pub fn iso_date(ms: u64) -> String {
    let (year, month, day) = civil_date(ms / 86_400_000);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A moment as its UTC date and time, `YYYY-MM-DD HH:MM:SS`.
pub fn iso_datetime(ms: u64) -> String {
    let secs = ms / 1000;
    let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
    format!("{} {h:02}:{m:02}:{s:02}", iso_date(ms))
}

/// Days since the epoch to a civil date (Howard Hinnant's algorithm). `days` is at most
/// u64::MAX / 86,400,000 (about 2.1e11), so no step exceeds about 1e14: far inside i64,
/// which is why this one function may use plain arithmetic.
#[allow(clippy::arithmetic_side_effects)]
fn civil_date(days: u64) -> (i64, i64, i64) {
    let z = i64::try_from(days).unwrap_or(i64::MAX / 1_000_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// An in-memory store with an optional quota in bytes, for tests and the command line.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    pub map: std::collections::BTreeMap<String, String>,
    pub quota: Option<usize>,
}

impl MemoryStore {
    fn used(&self) -> usize {
        self.map.iter().fold(0usize, |n, (k, v)| {
            n.saturating_add(k.len()).saturating_add(v.len())
        })
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(q) = self.quota {
            let old = self
                .map
                .get(key)
                .map_or(0, |v| key.len().saturating_add(v.len()));
            let after = self
                .used()
                .saturating_sub(old)
                .saturating_add(key.len())
                .saturating_add(value.len());
            if after > q {
                return Err(StoreError::Full);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.map.remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

/// When a plan was last changed, as a list shows it: "just now", "5 minutes ago",
/// "3 hours ago", "yesterday", then the date (UTC, as `YYYY-MM-DD`).
pub fn describe_age(saved_at: u64, now: u64) -> String {
    let seconds = now.saturating_sub(saved_at) / 1000;
    let minutes = seconds / 60;
    let hours = minutes / 60;
    match (seconds, minutes, hours) {
        (0..=59, _, _) => "just now".into(),
        (_, 1, _) => "1 minute ago".into(),
        (_, 2..=59, _) => format!("{minutes} minutes ago"),
        (_, _, 1) => "1 hour ago".into(),
        (_, _, 2..=23) => format!("{hours} hours ago"),
        (_, _, 24..=47) => "yesterday".into(),
        _ => iso_date(saved_at),
    }
}
