//! `rollplan-fuzz [--seconds N] [--target NAME]`: mutates seed inputs for each of Rollplan's
//! input paths and checks an oracle on every input:
//!
//! - `json`, `open`, `share`: no panic; a plan that is accepted computes (the gate computed
//!   it), saves and reloads to the same bytes, and survives edits typed into it
//!   followed by undoing them all, which restores it exactly.
//! - `views`: a plan that is accepted renders every view with Yew's server renderer,
//!   without a panic, each showing its own panel.
//! - `table`, `budget`: no panic; an accepted table keeps every row as wide as its header;
//!   an imported budget computes.
//! - `cell`: no panic; a number read is within the limits and reads back the same when
//!   written plain.
//!
//! Mutations are byte flips, random bytes, deletions, duplications and tokens that break
//! formats (quotes, separators, huge and tiny numbers, nesting). A failing input is written
//! to `target/fuzz/` and the run exits 1. Deterministic for a given seed and input count.

use rollplan_core::document::Document;
use rollplan_core::example::example_plan;
use rollplan_core::io::{budget, json, share, table};
use rollplan_core::model::Plan;
use rollplan_core::numfmt::{max_amount, plain, read_number, Convention, MAX_DECIMALS};
use rollplan_core::sheet::{type_into, CellKey, Col, Target};
use rollplan_core::Engine;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

const TOKENS: &[&str] = &[
    "\"",
    ",",
    ";",
    "\t",
    "\n",
    "\r\n",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "true",
    "-",
    "(",
    ")",
    "1e308",
    "-0",
    "999999999999999999999999999999",
    "0.0000000000000000000001",
    "12345678901234567.89",
    "\"version\": 3",
    "\"version\": 1",
    "sep=;\n",
    "\u{feff}",
    "\u{fffd}",
    "1.234,50",
    "2,5",
    "%",
    "$",
    "=HYPERLINK(\"x\")",
    "NaN",
    "4294967295",
    "18446744073709551616",
    "\"next_id\": 4294967295",
    "\"years\": []",
];

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if at < v.len() => v[at] ^= 1 << rng.below(8),
            1 if at < v.len() => v[at] = rng.next() as u8,
            2 => {
                let end = (at + rng.below(16)).min(v.len());
                v.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(64)).min(v.len());
                let chunk = v[at..end].to_vec();
                let to = rng.below(v.len() + 1);
                v.splice(to..to, chunk);
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
        }
    }
    v
}

/// What went wrong with one input.
type Verdict = Result<(), String>;

/// The oracle for any plan that was accepted.
fn accepted_plan(plan: Plan) -> Verdict {
    let saved = json::save(&plan);
    let again = json::load(&saved).map_err(|e| format!("a saved plan does not reload: {e}"))?;
    let resaved = json::save(&again);
    if resaved != saved {
        let at = saved
            .bytes()
            .zip(resaved.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let near = |s: &str| {
            s.get(at.saturating_sub(40)..(at + 40).min(s.len()))
                .unwrap_or("")
                .to_string()
        };
        return Err(format!(
            "save, load, save gives different bytes at {at}: {:?} then {:?}",
            near(&saved),
            near(&resaved)
        ));
    }
    // The gate computed it, so it must open.
    let mut doc = Document::open(plan.clone())
        .map_err(|e| format!("an accepted plan does not compute: {e}"))?;
    // Type into the first cells, then undo everything: the plan is as it was.
    let keys: Vec<CellKey> = plan
        .outputs
        .iter()
        .flat_map(|o| &o.lines)
        .take(3)
        .flat_map(|l| {
            (0..plan.years.len().min(2)).map(move |y| CellKey {
                target: Target::Line(l.id),
                col: Col::Year(y),
            })
        })
        .collect();
    let mut steps = 0;
    for (k, key) in keys.iter().enumerate() {
        let text = ["7", "2,5", "-1,000.25", "x", "", "1e3"][k % 6];
        if let Ok(true) | Err(_) = type_into(&mut doc, *key, text) {
            steps += 1;
        }
    }
    for _ in 0..steps + 1 {
        doc.undo().map_err(|e| format!("undo failed: {e}"))?;
    }
    // The history records the steps and their undos; everything else is as it was.
    let mut undone = doc.plan().clone();
    undone.history = plan.history.clone();
    if undone != plan || !doc.drafts().is_empty() {
        return Err("undoing every step did not restore the plan".into());
    }
    Ok(())
}

/// Renders every view of `plan` with Yew's server renderer, in this thread (so a panic in a
/// component unwinds to the caller, as it would abort the app).
fn render_views(plan: &Plan) -> Verdict {
    use rollplan_app::ui::app::{App, AppProps};
    use rollplan_app::ui::state::View;
    thread_local! {
        static RT: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime");
    }
    for view in View::ALL {
        let props = AppProps {
            plan: Some(plan.clone()),
            view: Some(view),
        };
        let html = RT.with(|rt| {
            let local = tokio::task::LocalSet::new();
            local.block_on(
                rt,
                yew::LocalServerRenderer::<App>::with_props(props).render(),
            )
        });
        // The view's own panel, not an error page or the crash notice.
        if !html.contains(&format!("aria-labelledby=\"tab-{}\"", view.key())) {
            return Err(format!("the {} view did not render", view.key()));
        }
    }
    Ok(())
}

fn target_views(input: &[u8]) -> Verdict {
    match std::str::from_utf8(input).map(json::load) {
        Ok(Ok(plan)) => render_views(&plan),
        _ => Ok(()),
    }
}

fn target_json(input: &[u8]) -> Verdict {
    match std::str::from_utf8(input).map(json::load) {
        Ok(Ok(plan)) => accepted_plan(plan),
        _ => Ok(()),
    }
}

fn target_open(input: &[u8]) -> Verdict {
    match rollplan_core::io::open(input, "fuzz") {
        Ok(rollplan_core::io::Opened::Plan(plan)) => accepted_plan(*plan),
        Ok(rollplan_core::io::Opened::Budget(t)) => check_table(&t),
        Err(_) => Ok(()),
    }
}

fn target_share(input: &[u8]) -> Verdict {
    let text = String::from_utf8_lossy(input);
    match share::decode(&text) {
        Ok(plan) => accepted_plan(plan),
        Err(_) => Ok(()),
    }
}

fn check_table(t: &table::Table) -> Verdict {
    match t.rows.iter().position(|r| r.len() != t.header.len()) {
        Some(r) => Err(format!("row {r} is not as wide as the header")),
        None => Ok(()),
    }
}

fn target_table(input: &[u8]) -> Verdict {
    match table::read(input, None) {
        Ok(t) => check_table(&t),
        Err(_) => Ok(()),
    }
}

fn target_budget(input: &[u8]) -> Verdict {
    let Ok(t) = table::read(input, None) else {
        return Ok(());
    };
    let Some(mut m) = budget::guess_mapping(&t) else {
        return Ok(());
    };
    // What the mapping step asks the user, answered, so the import itself is exercised.
    m.currency = "EUR".into();
    m.amounts_in = m
        .amounts_in
        .or(Some(rollplan_core::model::AmountUnit::Units));
    if let Ok((plan, _)) = budget::import(&t, &m, "fuzz") {
        if let Err(e) = Engine::new(plan.clone()) {
            // Imported figures are within the limits, so they always compute.
            return Err(format!("an imported budget does not compute: {e}"));
        }
        accepted_plan(plan)?;
    }
    Ok(())
}

fn target_cell(input: &[u8]) -> Verdict {
    let text = String::from_utf8_lossy(input);
    for conv in [Convention::DecimalPoint, Convention::DecimalComma] {
        if let Ok(Some(v)) = read_number(&text, conv) {
            if v.abs() > max_amount() || v.normalize().scale() > MAX_DECIMALS {
                return Err(format!("{text:?} read as {v}, past the limits"));
            }
            let back = read_number(&plain(v), Convention::DecimalPoint);
            if back != Ok(Some(v))
                && back.map(|b| b.map(|b| b.normalize())) != Ok(Some(v.normalize()))
            {
                return Err(format!("{v} written plain does not read back"));
            }
        }
    }
    // The same text as a calculation: worked out to a figure within the limits, or
    // refused; a figure read back as itself.
    if let Ok(v) = rollplan_core::expr::evaluate(&format!("={text}")) {
        if v.abs() > max_amount() || v.normalize().scale() > MAX_DECIMALS {
            return Err(format!("={text} worked out as {v}, past the limits"));
        }
        if rollplan_core::expr::evaluate(&format!("={}", plain(v))) != Ok(v) {
            return Err(format!("={} does not work out as {v}", plain(v)));
        }
    }
    Ok(())
}

struct Target_ {
    name: &'static str,
    run: fn(&[u8]) -> Verdict,
    seeds: Vec<Vec<u8>>,
}

fn seeds() -> Vec<Target_> {
    // A small plan keeps each input cheap, so many are tried.
    let mut small = example_plan();
    small.outputs.truncate(4);
    small.proposals.clear();
    let small_json = json::save(&small).into_bytes();
    let engine = Engine::new(small.clone()).expect("the small plan computes");
    let long = rollplan_core::io::plan_csv::export_long(&engine).into_bytes();
    let wide = rollplan_core::io::plan_csv::export_wide(&engine).into_bytes();
    let link = share::encode(&small).expect("fits a link").into_bytes();
    let budget_csv = b"Outcome;Program;2026;2027\nA;a1;1.234,50;2,5\nB;b1;(200);nfp\n".to_vec();
    let budget_point =
        b"Outcome,Program,Unit,2015-16,2016-17\n\"O1: x\",P1,U,\"1,234.5\",-\nO2,P2,U,10,20\n"
            .to_vec();
    let cells: Vec<Vec<u8>> = [
        "1,234.50", "(200)", "2,5", "1.234,50", "0.5", "-7", "1 000", "12*4500", "(1+2)/3%",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    vec![
        Target_ {
            name: "json",
            run: target_json,
            seeds: vec![small_json.clone()],
        },
        Target_ {
            name: "open",
            run: target_open,
            seeds: vec![small_json, long.clone(), wide.clone(), budget_point.clone()],
        },
        Target_ {
            name: "table",
            run: target_table,
            seeds: vec![long, wide, budget_csv.clone()],
        },
        Target_ {
            name: "budget",
            run: target_budget,
            seeds: vec![budget_csv, budget_point],
        },
        Target_ {
            name: "share",
            run: target_share,
            seeds: vec![link],
        },
        Target_ {
            name: "views",
            run: target_views,
            seeds: vec![json::save(&example_plan()).into_bytes()],
        },
        Target_ {
            name: "cell",
            run: target_cell,
            seeds: cells,
        },
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if let (Some(name), Some(file)) = (arg("--target"), arg("--replay")) {
        // Replays one saved input, with the panic message shown.
        let input = std::fs::read(&file).expect("the input file reads");
        let t = seeds()
            .into_iter()
            .find(|t| t.name == name)
            .expect("a known target");
        let verdict = (t.run)(&input);
        println!("{name} on {file}: {verdict:?}");
        std::process::exit(i32::from(verdict.is_err()));
    }
    let seconds: f64 = arg("--seconds")
        .and_then(|s| s.parse().ok())
        .unwrap_or(10.0);
    let only = arg("--target");
    // Panics are caught and reported as failures; the default hook's noise is not wanted.
    std::panic::set_hook(Box::new(|_| {}));
    let mut total = 0u64;
    let mut failed = false;
    for t in seeds()
        .into_iter()
        .filter(|t| only.as_deref().is_none_or(|o| o == t.name))
    {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ t.name.len() as u64);
        let start = Instant::now();
        let budget = Duration::from_secs_f64(seconds);
        let mut n = 0u64;
        while start.elapsed() < budget {
            for _ in 0..64 {
                let seed = &t.seeds[rng.below(t.seeds.len())];
                let input = mutate(seed, &mut rng);
                let verdict = catch_unwind(AssertUnwindSafe(|| (t.run)(&input)))
                    .unwrap_or_else(|_| Err("panicked".into()));
                n += 1;
                if let Err(why) = verdict {
                    let dir = std::path::Path::new("target/fuzz");
                    let _ = std::fs::create_dir_all(dir);
                    let path = dir.join(format!("{}-{n}.bin", t.name));
                    let _ = std::fs::write(&path, &input);
                    eprintln!(
                        "fuzz {}: input {n} failed: {why} (saved to {})",
                        t.name,
                        path.display()
                    );
                    failed = true;
                    break;
                }
            }
            if failed {
                break;
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "fuzz {:<6} {n:>9} inputs in {secs:.1} s ({:.0}/s){}",
            t.name,
            n as f64 / secs,
            if failed { ": FAILED" } else { "" }
        );
        total += n;
        if failed {
            break;
        }
    }
    println!(
        "fuzz total: {total} inputs, {}",
        if failed { "a failure" } else { "no failure" }
    );
    std::process::exit(i32::from(failed));
}
