//! The `rollplan` command line, called as a function (same code as the binary).

#[path = "../../core/tests/common/mod.rs"]
mod common;
use rollplan_cli::run;
use rollplan_core::io::json;

fn call(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("rollplan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn example_validates_clean_and_rolls_up_as_csv() {
    let (code, example, _) = call(&["example"]);
    assert_eq!(code, 0);
    let path = temp_file("example.json", &example);
    let (code, out, _) = call(&["validate", &path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 error(s)"));
    let (code, csv, _) = call(&["rollup", &path, "--by", "objective", "--format", "csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "code,title,2012,2013,2014,2015,total");
    assert_eq!(lines.len(), 1 + 6 + 1);
    assert!(lines.last().unwrap().starts_with("TOTAL,"));
    // The TOTAL row's period equals the sum of the objective rows here (no shared outputs).
    let total: rust_decimal::Decimal = lines[1..7]
        .iter()
        .map(|l| {
            l.rsplit(',')
                .next()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(lines[7].rsplit(',').next().unwrap(), total.to_string());
}

#[test]
fn validate_exits_1_on_errors_and_says_where() {
    let mut plan = rollplan_core::example::example_plan();
    plan.outputs[3].links[0].share = rollplan_core::model::Share::Percent(common::d("80"));
    let path = temp_file("bad.json", &json::save(&plan));
    let (code, out, _) = call(&["validate", &path]);
    assert_eq!(code, 1);
    assert!(
        out.contains("error: output 2.3: its shares sum to 80 %, not 100 %"),
        "{out}"
    );
}

#[test]
fn bad_arguments_and_bad_files_are_clear_errors() {
    let (code, _, err) = call(&["rollup", "x.json", "--by", "colour"]);
    assert_eq!(code, 2);
    assert!(err.contains("--by must be objective, output, unit or category"));
    let (code, _, err) = call(&["validate", "/nonexistent/plan.json"]);
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/plan.json"));
    let path = temp_file(
        "broken.json",
        "{\"format\": \"rollplan\", \"version\": 1, \"plan\": {",
    );
    let (code, _, err) = call(&["validate", &path]);
    assert_eq!(code, 1);
    assert!(err.contains("line 1"), "{err}");
    let (code, _, err) = call(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"));
}

#[test]
fn generate_writes_a_plan_of_the_asked_size() {
    let (code, out, _) = call(&[
        "generate",
        "--outputs",
        "30",
        "--objectives",
        "4",
        "--years",
        "3",
        "--lines",
        "5",
        "--seed",
        "7",
    ]);
    assert_eq!(code, 0);
    let plan = json::load(&out).unwrap();
    assert_eq!(plan.outputs.len(), 30);
    assert_eq!(plan.objectives.len(), 4);
    assert_eq!(plan.years.len(), 3);
    assert!(plan
        .outputs
        .iter()
        .all(|o| o.lines.len() == 5 && (1..=3).contains(&o.links.len())));
    assert!(rollplan_core::reports::validate::validate(&plan).is_empty());
    // Same seed, same plan.
    let (_, again, _) = call(&[
        "generate",
        "--outputs",
        "30",
        "--objectives",
        "4",
        "--years",
        "3",
        "--lines",
        "5",
        "--seed",
        "7",
    ]);
    assert_eq!(out, again);
}

#[test]
fn convert_goes_from_json_to_both_csv_layouts_and_back_with_the_same_totals() {
    let (_, example, _) = call(&["example"]);
    let json_path = temp_file("conv.json", &example);
    let (_, before, _) = call(&["rollup", &json_path, "--by", "category", "--format", "csv"]);
    for layout in ["long", "wide"] {
        let csv_path = json_path.replace("conv.json", &format!("conv-{layout}.csv"));
        let back_path = json_path.replace("conv.json", &format!("back-{layout}.json"));
        let (code, _, err) = call(&["convert", &json_path, &csv_path, "--layout", layout]);
        assert_eq!(code, 0, "{err}");
        let (code, _, err) = call(&["convert", &csv_path, &back_path]);
        assert_eq!(code, 0, "{err}");
        let (_, after, _) = call(&["rollup", &back_path, "--by", "category", "--format", "csv"]);
        let total = |s: &str| s.lines().last().unwrap().to_string();
        assert_eq!(total(&after), total(&before), "{layout}");
    }
    let (code, _, err) = call(&["convert", &json_path, "plan.ods"]);
    assert_eq!(code, 2);
    assert!(err.contains("must end in .json, .csv or .xlsx"), "{err}");
}

#[test]
fn import_maps_columns_by_name_and_reports_unread_cells() {
    let csv = "Outcome,Program,2026,2027\nHealth,Clinics,100,nfp\nHealth,Vaccines,-,50\nSchools,Books,abc,7\n";
    let path = temp_file("budget.csv", csv);
    let out = path.replace("budget.csv", "budget.json");
    // What the amounts are is said, never assumed: without it the import stops and says so.
    let mut args = vec![
        "import",
        &path,
        "--objective",
        "Outcome",
        "--output",
        "Program",
        "--year-columns",
        "2026,2027",
        "-o",
        &out,
    ];
    let (code, _, err) = call(&args);
    assert_eq!(code, 2);
    assert!(err.contains("--currency ISO is required"), "{err}");
    args.extend(["--currency", "EUR"]);
    let (code, _, err) = call(&args);
    assert_eq!(code, 2);
    assert!(err.contains("say --thousands or --units"), "{err}");
    args.push("--units");
    let (code, text, err) = call(&args);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("3 rows -> 2 objectives, 3 outputs"), "{text}");
    assert!(text.contains("row 2, column \u{201c}2027\u{201d}: \u{201c}nfp\u{201d}: not for publication, left blank"), "{text}");
    assert!(
        text.contains(
            "row 4, column \u{201c}2026\u{201d}: \u{201c}abc\u{201d}: not a number, left blank"
        ),
        "{text}"
    );
    let (_, rollup, _) = call(&["rollup", &out, "--by", "objective", "--format", "csv"]);
    assert!(rollup.contains("O1,Health,100.00,50.00,150.00"), "{rollup}");
    let (code, _, err) = call(&[
        "import",
        &path,
        "--objective",
        "Outcome",
        "--output",
        "Programme",
        "--year-columns",
        "2026",
        "-o",
        &out,
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no column \u{201c}Programme\u{201d}")
            && err.contains("Outcome, Program, 2026, 2027"),
        "{err}"
    );
}

#[test]
fn a_plan_the_app_would_refuse_is_refused_with_its_places_not_rolled_up() {
    // A line with three figures for four years: rolled up, one year would go missing.
    let mut plan = rollplan_core::example::example_plan();
    plan.outputs[4].lines[0].values.pop();
    let path = temp_file("short-line.json", &json::save(&plan));
    for args in [
        vec!["rollup", path.as_str(), "--by", "objective"],
        vec![
            "convert",
            path.as_str(),
            "/tmp/never-written.csv",
            "--layout",
            "wide",
        ],
        vec!["validate", path.as_str()],
    ] {
        let (code, out, err) = call(&args);
        assert_eq!(code, 1, "{args:?}: {out}");
        assert!(out.is_empty(), "nothing computed: {out}");
        assert!(
            err.contains("output 2.4, line 1: has 3 yearly figures for 4 plan years"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_plan_with_errors_is_rolled_up_with_a_warning_on_stderr() {
    // Shares of 80 %: the plan opens (an error to fix, not a broken shape) but 20 % of an
    // output's cost reaches no objective.
    let mut plan = rollplan_core::example::example_plan();
    plan.outputs[3].links[0].share = rollplan_core::model::Share::Percent(common::d("80"));
    let path = temp_file("eighty.json", &json::save(&plan));
    let (code, out, err) = call(&["rollup", &path, "--by", "objective"]);
    assert_eq!(code, 0);
    assert!(!out.is_empty());
    assert!(err.contains("warning") && err.contains("error(s)"), "{err}");
    // A clean plan rolls up without a word on stderr.
    let (_, example, _) = call(&["example"]);
    let clean = temp_file("clean.json", &example);
    let (_, _, err) = call(&["rollup", &clean, "--by", "objective"]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn generate_refuses_sizes_that_would_exhaust_memory() {
    let (code, _, err) = call(&[
        "generate",
        "--outputs",
        "1",
        "--objectives",
        "1000000000000",
        "--years",
        "1",
        "--lines",
        "1",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--objectives must be 1 to 10,000"), "{err}");
}

#[test]
fn import_names_short_rows_and_says_how_a_windows_file_was_read() {
    // Windows-1252 ("Zürich"), and a row with fewer cells than the header.
    let mut bytes = b"Outcome,Program,2026,2027\nZ\xfcrich,Clinics,100,20\n".to_vec();
    bytes.extend_from_slice(b"Health,Books,7\n");
    let dir = std::env::temp_dir().join(format!("rollplan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("windows.csv");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_string_lossy().into_owned();
    let out = path.replace("windows.csv", "windows.json");
    let (code, text, err) = call(&[
        "import",
        &path,
        "--objective",
        "Outcome",
        "--output",
        "Program",
        "--year-columns",
        "2026,2027",
        "--currency",
        "EUR",
        "--units",
        "-o",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("Windows-1252"), "{text}");
    assert!(
        text.contains("row 3: fewer cells than the header"),
        "{text}"
    );
    let plan = json::load(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(plan
        .objectives
        .iter()
        .any(|o| o.title.contains("Z\u{fc}rich")));
}

#[test]
fn convert_writes_a_workbook_that_converts_back_into_the_same_plan() {
    let (_, example, _) = call(&["example"]);
    let json_path = temp_file("wb-example.json", &example);
    let xlsx_path = json_path.replace(".json", ".xlsx");
    let (code, out, err) = call(&["convert", &json_path, &xlsx_path]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("wrote"), "{out}");
    let bytes = std::fs::read(&xlsx_path).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let back = json_path.replace(".json", "-back.json");
    let (code, _, err) = call(&["convert", &xlsx_path, &back]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&back).unwrap(), example);
}

#[test]
fn import_reads_a_budget_workbook_by_sheet_with_the_csv_options() {
    let xlsx = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/au-budget-2015-16.xlsx")
        .to_string_lossy()
        .into_owned();
    let out_path = temp_file("au-from-xlsx.json", "");
    let args = [
        "import",
        &xlsx,
        "--objective",
        "Outcome",
        "--output",
        "Program",
        "--unit",
        "Department/Agency",
        "--category",
        "Expense type",
        "--year-columns",
        "2014-15,2015-16,2016-17,2017-18,2018-19",
        "--currency",
        "AUD",
        "--thousands",
        "-o",
        &out_path,
    ];
    let (code, out, err) = call(&args);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1608 rows"), "{out}");
    // The same through the CSV: the same plan but for its title.
    let csv = xlsx.replace(".xlsx", ".csv");
    let csv_out = temp_file("au-from-csv.json", "");
    let mut csv_args = args;
    csv_args[1] = &csv;
    csv_args[16] = &csv_out;
    let (code, _, err) = call(&csv_args);
    assert_eq!(code, 0, "{err}");
    let a = json::load(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    let b = json::load(&std::fs::read_to_string(&csv_out).unwrap()).unwrap();
    assert_eq!(a.outputs, b.outputs);
    // A sheet that is not there is named, with the sheets there are.
    let mut bad = args.to_vec();
    bad.extend(["--sheet", "Nope"]);
    let (code, _, err) = call(&bad);
    assert_eq!(code, 1);
    assert!(
        err.contains("no sheet \u{201c}Nope\u{201d}") && err.contains("au-budget-2015-16"),
        "{err}"
    );
}
