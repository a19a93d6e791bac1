//! The `rollplan` command line: validate, roll up, generate and print plans.
//!
//! [`run`] takes the arguments and two writers and returns the exit status, so tests call it
//! directly. Reading files is the only side effect, and it happens here, at the edge.

use rollplan_core::calc::{Dim, Engine, RollupTable};
use rollplan_core::generate::{generate, Size};
use rollplan_core::io::{budget, csv as csv_io, json, plan_csv, table};
use rollplan_core::limits::{MAX_CELLS, MAX_YEARS};
use rollplan_core::model::AmountUnit;
use rollplan_core::numfmt::format_amount;
use rollplan_core::reports::validate::{has_errors, validate_with_rollups};
use rollplan_core::{example, model::Plan};
use std::io::Write;

pub const USAGE: &str = "\
rollplan: plans for results-based budgeting, on the command line

USAGE:
  rollplan validate PLAN.json
      List every finding (errors and warnings); exit status 1 if there is any error.
  rollplan rollup PLAN.json --by objective|output|unit|category [--format table|csv|json]
      Costs by the chosen dimension and year, with the total.
  rollplan generate --outputs N --objectives M --years Y --lines L [--seed S]
      Write a synthetic plan of that size as JSON to standard output.
  rollplan example
      Write the example plan (ITU General Secretariat 2012-2015) as JSON.
  rollplan convert IN OUT [--layout long|wide]
      Convert between a plan file (.json), Rollplan's resources CSV (.csv, long by
      default) and a live Excel workbook (.xlsx), by extension. A CSV is read back in
      whichever of our layouts it is; a workbook Rollplan wrote, into its plan.
  rollplan import BUDGET.csv|BUDGET.xlsx --objective COL --output COL
                  (--year-columns C1,C2,... | --year-column C --amount-column C)
                  [--unit COL] [--category COL] [--decimal-comma]
                  --currency ISO --thousands|--units [--sheet NAME] [--header-row N]
                  -o PLAN.json
      Import any budget CSV or workbook (.xlsx, .xls, .ods; the first sheet with data
      unless --sheet, its first row with data as the header unless --header-row): COL
      is a column name from its header. Lists every cell that was not a plain number
      and what was done with it.
";

/// Exit status for a usage error (as BSD sysexits' EX_USAGE).
pub const EXIT_USAGE: i32 = 2;

pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run_inner(args, out, err) {
        Ok(code) => code,
        Err(CliError::Usage(msg)) => {
            let _ = writeln!(err, "rollplan: {msg}\n\n{USAGE}");
            EXIT_USAGE
        }
        Err(CliError::Failed(msg)) => {
            let _ = writeln!(err, "rollplan: {msg}");
            1
        }
    }
}

enum CliError {
    Usage(String),
    Failed(String),
}

fn usage(msg: impl Into<String>) -> CliError {
    CliError::Usage(msg.into())
}

fn failed(msg: impl Into<String>) -> CliError {
    CliError::Failed(msg.into())
}

/// `--name value` options after the positional arguments.
struct Opts<'a> {
    positional: Vec<&'a str>,
    named: Vec<(&'a str, &'a str)>,
}

impl<'a> Opts<'a> {
    /// Options in `allowed` take a value; `flags` take none (they read as "yes").
    fn parse(args: &'a [String], allowed: &[&str]) -> Result<Self, CliError> {
        Self::parse_with_flags(args, allowed, &[])
    }

    fn parse_with_flags(
        args: &'a [String],
        allowed: &[&str],
        flags: &[&'a str],
    ) -> Result<Self, CliError> {
        let mut positional = Vec::new();
        let mut named = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let a_name = if a == "-o" {
                Some("out")
            } else {
                a.strip_prefix("--")
            };
            if let Some(name) = a_name {
                if let Some(flag) = flags.iter().find(|f| **f == name) {
                    named.push((*flag, "yes"));
                    continue;
                }
                if !allowed.contains(&name) {
                    return Err(usage(format!("unknown option --{name}")));
                }
                let v = it
                    .next()
                    .ok_or_else(|| usage(format!("--{name} needs a value")))?;
                named.push((name, v.as_str()));
            } else {
                positional.push(a.as_str());
            }
        }
        Ok(Opts { positional, named })
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.named
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    fn number(&self, name: &str, default: Option<u64>) -> Result<u64, CliError> {
        match self.get(name) {
            Some(v) => v.parse().map_err(|_| {
                usage(format!(
                    "--{name} must be a whole number, not \u{201c}{v}\u{201d}"
                ))
            }),
            None => default.ok_or_else(|| usage(format!("--{name} is required"))),
        }
    }
}

fn extension(path: &str) -> String {
    std::path::Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn file_stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported plan".into())
}

/// The table of a workbook's sheet (`--sheet`, else the first with data), with its header
/// at `--header-row` (else its first row with data).
fn workbook_table(input: &str, bytes: &[u8], o: &Opts) -> Result<table::Table, CliError> {
    let wb = rollplan_xlsx::read(bytes).map_err(|e| failed(format!("{input}: {e}")))?;
    let names = || {
        wb.sheets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sheet = match o.get("sheet") {
        Some(name) => wb.sheets.iter().find(|s| s.name == name).ok_or_else(|| {
            failed(format!(
                "{input}: there is no sheet \u{201c}{name}\u{201d}; the sheets are: {}",
                names()
            ))
        })?,
        None => wb
            .sheets
            .iter()
            .find(|s| !s.rows.is_empty())
            .ok_or_else(|| failed(format!("{input}: every sheet is empty")))?,
    };
    let header_row = match o.get("header-row") {
        Some(_) => Some(o.number("header-row", None)? as usize),
        None => None,
    };
    sheet
        .table(header_row)
        .map_err(|e| failed(format!("{input}: {e}")))
}

/// A plan from a .json file, one of our CSV layouts, or a workbook Rollplan wrote.
fn read_any_plan(path: &str) -> Result<Plan, CliError> {
    match extension(path).as_str() {
        "json" => read_plan(path),
        "xlsx" => {
            let bytes = std::fs::read(path).map_err(|e| failed(format!("{path}: {e}")))?;
            let wb = rollplan_xlsx::read(&bytes).map_err(|e| failed(format!("{path}: {e}")))?;
            wb.plan.map(|p| *p).ok_or_else(|| {
                failed(format!(
                    "{path}: this workbook was not written by Rollplan; import it as a budget with `rollplan import`"
                ))
            })
        }
        "csv" => {
            let bytes = std::fs::read(path).map_err(|e| failed(format!("{path}: {e}")))?;
            let t = table::read(&bytes, None).map_err(|e| failed(format!("{path}: {e}")))?;
            plan_csv::import(&t, &file_stem(path)).map_err(|e| failed(format!("{path}: {e}")))
        }
        _ => Err(usage(format!(
            "{path}: the input must end in .json, .csv or .xlsx"
        ))),
    }
}

fn read_plan(path: &str) -> Result<Plan, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| failed(format!("{path}: {e}")))?;
    json::load(&text).map_err(|e| failed(format!("{path}: {e}")))
}

fn engine(plan: Plan, path: &str) -> Result<Engine, CliError> {
    Engine::new(plan).map_err(|e| failed(format!("{path}: {e}")))
}

fn io(e: std::io::Error) -> CliError {
    failed(format!("cannot write the output: {e}"))
}

/// Says on stderr that a plan being computed has errors (shares not summing to 100 %, a
/// missing standard cost): its figures are printed, but they are not to be trusted blindly.
fn warn_errors(e: &Engine, path: &str, err: &mut dyn Write) {
    let findings = validate_with_rollups(e);
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f.severity == rollplan_core::reports::validate::Severity::Error)
        .collect();
    if errors.is_empty() {
        return;
    }
    let _ = writeln!(
        err,
        "rollplan: warning: {path} has {} error(s); its figures may be incomplete (see `rollplan validate {path}`):",
        errors.len()
    );
    for f in errors.iter().take(5) {
        let _ = writeln!(err, "  {f}");
    }
}

fn run_inner(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, CliError> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(usage("no command given"));
    };
    match cmd.as_str() {
        "validate" => {
            let o = Opts::parse(rest, &[])?;
            let [path] = o.positional[..] else {
                return Err(usage("validate takes one plan file"));
            };
            let e = engine(read_plan(path)?, path)?;
            let findings = validate_with_rollups(&e);
            for f in &findings {
                writeln!(out, "{path}: {f}").map_err(io)?;
            }
            let errors = findings
                .iter()
                .filter(|f| f.severity == rollplan_core::reports::validate::Severity::Error)
                .count();
            writeln!(
                out,
                "{path}: {errors} error(s), {} warning(s)",
                findings.len() - errors
            )
            .map_err(io)?;
            Ok(if has_errors(&findings) { 1 } else { 0 })
        }
        "rollup" => {
            let o = Opts::parse(rest, &["by", "format"])?;
            let [path] = o.positional[..] else {
                return Err(usage("rollup takes one plan file"));
            };
            let by = o.get("by").ok_or_else(|| usage("--by is required"))?;
            let dim = Dim::parse(by).ok_or_else(|| {
                usage(format!(
                    "--by must be objective, output, unit or category, not \u{201c}{by}\u{201d}"
                ))
            })?;
            let e = engine(read_plan(path)?, path)?;
            warn_errors(&e, path, err);
            let table = e.table(dim).map_err(|x| failed(format!("{path}: {x}")))?;
            let text = match o.get("format").unwrap_or("table") {
                "table" => text_table(&table, &e.plan().currency),
                "csv" => csv_io::rollup_csv(&table),
                "json" => json_table(&table),
                f => {
                    return Err(usage(format!(
                        "--format must be table, csv or json, not \u{201c}{f}\u{201d}"
                    )))
                }
            };
            out.write_all(text.as_bytes()).map_err(io)?;
            Ok(0)
        }
        "generate" => {
            let o = Opts::parse(rest, &["outputs", "objectives", "years", "lines", "seed"])?;
            if !o.positional.is_empty() {
                return Err(usage("generate takes only options"));
            }
            let size = Size {
                outputs: o.number("outputs", None)? as usize,
                objectives: o.number("objectives", None)? as usize,
                years: o.number("years", None)? as usize,
                lines: o.number("lines", None)? as usize,
            };
            if size.years == 0 || size.years > MAX_YEARS {
                return Err(usage(format!("--years must be 1 to {MAX_YEARS}")));
            }
            if size.objectives == 0 || size.objectives > 10_000 {
                return Err(usage("--objectives must be 1 to 10,000"));
            }
            if size
                .outputs
                .saturating_mul(size.lines)
                .saturating_mul(size.years)
                > MAX_CELLS
            {
                return Err(usage(format!(
                    "that plan would have over {MAX_CELLS} cells, the most a plan holds; choose a smaller size"
                )));
            }
            let seed = o.number("seed", Some(1))?;
            out.write_all(json::save(&generate(size, seed)).as_bytes())
                .map_err(io)?;
            Ok(0)
        }
        "example" => {
            out.write_all(json::save(&example::example_plan()).as_bytes())
                .map_err(io)?;
            Ok(0)
        }
        "convert" => {
            let o = Opts::parse(rest, &["layout"])?;
            let [input, output] = o.positional[..] else {
                return Err(usage("convert takes an input and an output file"));
            };
            let plan = read_any_plan(input)?;
            let bytes: Vec<u8> = match extension(output).as_str() {
                "json" => json::save(&plan).into_bytes(),
                "xlsx" => {
                    let e = engine(plan, input)?;
                    warn_errors(&e, input, err);
                    // The edge reads the clock; the core is handed "now".
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(0));
                    rollplan_xlsx::export(&e, now).map_err(|e| failed(format!("{output}: {e}")))?
                }
                "csv" => {
                    let e = engine(plan, input)?;
                    warn_errors(&e, input, err);
                    match o.get("layout").unwrap_or("long") {
                        "long" => plan_csv::export_long(&e).into_bytes(),
                        "wide" => plan_csv::export_wide(&e).into_bytes(),
                        l => {
                            return Err(usage(format!(
                                "--layout must be long or wide, not \u{201c}{l}\u{201d}"
                            )))
                        }
                    }
                }
                _ => {
                    return Err(usage(format!(
                        "{output}: the output must end in .json, .csv or .xlsx"
                    )))
                }
            };
            std::fs::write(output, bytes).map_err(|e| failed(format!("{output}: {e}")))?;
            writeln!(out, "wrote {output}").map_err(io)?;
            Ok(0)
        }
        "import" => import_budget(rest, out),
        "help" | "--help" | "-h" => {
            out.write_all(USAGE.as_bytes()).map_err(io)?;
            Ok(0)
        }
        other => Err(usage(format!("unknown command \u{201c}{other}\u{201d}"))),
    }
}

/// `rollplan import`: any budget CSV through a column mapping, with the cell report.
fn import_budget(rest: &[String], out: &mut dyn Write) -> Result<i32, CliError> {
    let o = Opts::parse_with_flags(
        rest,
        &[
            "objective",
            "output",
            "unit",
            "category",
            "year-columns",
            "year-column",
            "amount-column",
            "out",
            "currency",
            "sheet",
            "header-row",
        ],
        &["decimal-comma", "thousands", "units"],
    )?;
    let [input] = o.positional[..] else {
        return Err(usage("import takes one budget CSV or workbook"));
    };
    let target = o
        .get("out")
        .ok_or_else(|| usage("-o PLAN.json is required"))?;
    let bytes = std::fs::read(input).map_err(|e| failed(format!("{input}: {e}")))?;
    let t = match extension(input).as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => workbook_table(input, &bytes, &o)?,
        _ => table::read(&bytes, None).map_err(|e| failed(format!("{input}: {e}")))?,
    };
    let find = |v: &str| {
        t.column(v.trim()).ok_or_else(|| {
            failed(format!(
                "{input}: there is no column \u{201c}{}\u{201d}; the columns are: {}",
                v.trim(),
                t.header.join(", ")
            ))
        })
    };
    let col = |name: &str| -> Result<usize, CliError> {
        find(
            o.get(name)
                .ok_or_else(|| usage(format!("--{name} is required")))?,
        )
    };
    let opt_col =
        |name: &str| -> Result<Option<usize>, CliError> { o.get(name).map(find).transpose() };
    let amounts = match (
        o.get("year-columns"),
        o.get("year-column"),
        o.get("amount-column"),
    ) {
        (Some(list), None, None) => budget::Amounts::Wide {
            years: list.split(',').map(find).collect::<Result<_, _>>()?,
        },
        (None, Some(_), Some(_)) => budget::Amounts::Long {
            year: col("year-column")?,
            amount: col("amount-column")?,
        },
        _ => {
            return Err(usage(
                "give either --year-columns, or --year-column with --amount-column",
            ))
        }
    };
    let mapping = budget::Mapping {
        objective: col("objective")?,
        output: col("output")?,
        unit: opt_col("unit")?,
        category: opt_col("category")?,
        amounts,
        decimal_comma: o.get("decimal-comma").is_some(),
        // Said on the command line, else named by the file's header; never assumed.
        currency: o
            .get("currency")
            .map(str::to_string)
            .or_else(|| budget::guess_currency(&t))
            .ok_or_else(|| {
                usage("--currency ISO is required: the file does not name its currency")
            })?,
        amounts_in: match (o.get("thousands"), o.get("units")) {
            (Some(_), None) => AmountUnit::Thousands,
            (None, Some(_)) => AmountUnit::Units,
            (None, None) => budget::guess_amount_unit(&t).ok_or_else(|| {
                usage("say --thousands or --units: the file does not say what its amounts are in")
            })?,
            (Some(_), Some(_)) => return Err(usage("give --thousands or --units, not both")),
        }
        .into(),
    };
    let (plan, report) = budget::import(&t, &mapping, &file_stem(input))
        .map_err(|e| failed(format!("{input}: {e}")))?;
    std::fs::write(target, json::save(&plan)).map_err(|e| failed(format!("{target}: {e}")))?;
    writeln!(
        out,
        "{input}: {} rows -> {} objectives, {} outputs, {} lines; wrote {target}",
        report.rows, report.objectives, report.outputs, report.lines
    )
    .map_err(io)?;
    if let Some(note) = report.unit_naming_note() {
        writeln!(out, "  {note}").map_err(io)?;
    }
    for (action, n) in report.counts() {
        writeln!(out, "  {n} cell(s) {}", action.describe()).map_err(io)?;
    }
    for c in &report.cells {
        writeln!(
            out,
            "  row {}, column \u{201c}{}\u{201d}: \u{201c}{}\u{201d}: {}",
            c.row,
            c.column,
            c.value.trim(),
            c.action.verdict()
        )
        .map_err(io)?;
    }
    if let Some(note) = &report.encoding_note {
        writeln!(out, "  {note}").map_err(io)?;
    }
    // Each cell the decimal convention decided is named, so a wrong guess is seen.
    for c in &report.convention_cells {
        writeln!(
            out,
            "  row {}, column \u{201c}{}\u{201d}: \u{201c}{}\u{201d}: {}",
            c.row,
            c.column,
            c.value.trim(),
            c.verdict(report.decimal_comma)
        )
        .map_err(io)?;
    }
    // Rows with fewer cells than the header were read with blanks: each is named.
    for row in &report.ragged {
        writeln!(
            out,
            "  row {row}: fewer cells than the header; the missing ones were read as blank"
        )
        .map_err(io)?;
    }
    Ok(0)
}

/// A fixed-width table for a terminal: figures rounded once, right-aligned.
pub fn text_table(t: &RollupTable, currency: &str) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec![t.dim.name().to_string(), "title".into()];
    header.extend(t.years.iter().cloned());
    header.push(format!("total ({currency})"));
    rows.push(header);
    let fig = |f: &rollplan_core::calc::Figures| -> Vec<String> {
        let mut v: Vec<String> = f.years.iter().map(|x| format_amount(*x, 2)).collect();
        v.push(format_amount(f.period, 2));
        v
    };
    for r in &t.rows {
        let mut row = vec![r.code.clone(), truncate(&r.title, 40)];
        row.extend(fig(&r.figures));
        rows.push(row);
    }
    let mut total = vec!["TOTAL".to_string(), String::new()];
    total.extend(fig(&t.total));
    rows.push(total);
    let cols = rows[0].len();
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut s = String::new();
    for r in &rows {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, v)| {
                if c < 2 {
                    format!("{v:<w$}", w = widths[c])
                } else {
                    format!("{v:>w$}", w = widths[c])
                }
            })
            .collect();
        s.push_str(cells.join("  ").trim_end());
        s.push('\n');
    }
    s
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('\u{2026}');
        t
    }
}

/// The rollup as JSON: decimals as strings, like the plan file.
pub fn json_table(t: &RollupTable) -> String {
    let figures = |f: &rollplan_core::calc::Figures| {
        serde_json::json!({
            "years": f.years.iter().map(|v| csv_io::plain_cents(*v)).collect::<Vec<_>>(),
            "biennia": f.biennia.iter().map(|v| csv_io::plain_cents(*v)).collect::<Vec<_>>(),
            "total": csv_io::plain_cents(f.period),
        })
    };
    let rows: Vec<_> = t
        .rows
        .iter()
        .map(|r| serde_json::json!({"code": r.code, "title": r.title, "figures": figures(&r.figures)}))
        .collect();
    let v = serde_json::json!({
        "by": t.dim.name(),
        "years": t.years,
        "rows": rows,
        "total": figures(&t.total),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
