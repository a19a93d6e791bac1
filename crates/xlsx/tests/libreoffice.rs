//! The exported workbook in a real spreadsheet: LibreOffice (headless, installed by
//! `scripts/setup.sh`) opens it, recalculates every formula, and writes each sheet as CSV.
//! Every rollup cell must equal Rollplan's to the cent; and after one input is changed in
//! the workbook, every rollup must equal Rollplan's after the same edit (the formulas are
//! live, not only cached results).

use rollplan_core::calc::{Dim, Engine, RollupTable};
use rollplan_core::example::example_plan;
use rollplan_core::model::*;
use rollplan_core::{Document, Edit};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

/// A fresh directory under the target dir, with a LibreOffice profile that recalculates
/// every formula when a workbook is loaded (LibreOffice's default trusts cached results).
fn workdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("profile/user")).unwrap();
    std::fs::write(
        dir.join("profile/user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    dir
}

/// Every sheet of `xlsx` as LibreOffice computes it: sheet name -> rows of cells.
fn recalculated(dir: &Path, xlsx: &[u8]) -> HashMap<String, Vec<Vec<String>>> {
    let book = dir.join("plan.xlsx");
    std::fs::write(&book, xlsx).unwrap();
    let out = dir.join("csv");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to"])
        // UTF-8, raw values (not as shown), every sheet to its own file.
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(&out)
        .arg(&book)
        .output()
        .expect("LibreOffice (soffice) runs: scripts/setup.sh installs it");
    assert!(status.status.success(), "{status:?}");
    let mut sheets = HashMap::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let sheet = name.strip_prefix("plan-").unwrap_or(&name).to_string();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .unwrap();
        let rows = r
            .records()
            .map(|x| x.unwrap().iter().map(str::to_string).collect())
            .collect();
        sheets.insert(sheet, rows);
    }
    sheets
}

fn cents(s: &str) -> Decimal {
    Decimal::from_str(s)
        .or_else(|_| Decimal::from_scientific(s))
        .unwrap_or_else(|_| panic!("{s:?} is a number"))
        .round_dp(2)
}

/// Compares one rollup sheet with the engine's table, cell by cell; returns cells compared.
fn same_table(sheet: &[Vec<String>], t: &RollupTable, name: &str) -> usize {
    let mut compared = 0;
    let total = rollplan_core::calc::RollupRow {
        code: "TOTAL".into(),
        title: String::new(),
        figures: t.total.clone(),
    };
    for want in t.rows.iter().chain(std::iter::once(&total)) {
        let got = sheet
            .iter()
            .find(|r| r.first().is_some_and(|c| *c == want.code))
            .unwrap_or_else(|| panic!("{name}: row {} is in the workbook", want.code));
        let expected: Vec<Decimal> = want
            .figures
            .years
            .iter()
            .chain(&want.figures.biennia)
            .chain(std::iter::once(&want.figures.period))
            .copied()
            .collect();
        for (i, e) in expected.iter().enumerate() {
            let cell = &got[i + 2];
            assert_eq!(
                cents(cell),
                *e,
                "{name}, row {}, column {}",
                want.code,
                i + 3
            );
            compared += 1;
        }
    }
    compared
}

fn check_all(sheets: &HashMap<String, Vec<Vec<String>>>, e: &Engine) -> usize {
    let mut n = 0;
    for (sheet, dim) in [
        ("By objective", Dim::Objective),
        ("By org unit", Dim::Unit),
        ("By category", Dim::Category),
    ] {
        n += same_table(&sheets[sheet], &e.table(dim).unwrap(), sheet);
    }
    // Income, net and the ceilings' cost and variance.
    let obj = &sheets["By objective"];
    let (income, net) = e.income_and_net().unwrap();
    for (code, f) in [("INCOME", income), ("NET", net)] {
        let row = obj.iter().find(|r| r[0] == code).expect(code);
        for (i, v) in f
            .years
            .iter()
            .chain(&f.biennia)
            .chain([&f.period])
            .enumerate()
        {
            assert_eq!(cents(&row[i + 2]), *v, "{code}, column {}", i + 3);
            n += 1;
        }
    }
    for c in e.ceilings().unwrap() {
        let row = obj
            .iter()
            .find(|r| r.get(1) == Some(&c.name))
            .expect("ceiling row");
        assert_eq!(cents(&row[3]), c.cost, "ceiling {} cost", c.name);
        assert_eq!(cents(&row[4]), c.variance, "ceiling {} variance", c.name);
        n += 2;
    }
    n
}

/// `xlsx` with the number in `cell` of the sheet file `sheet_xml` replaced by `value`.
fn with_cell(xlsx: &[u8], sheet_xml: &str, cell: &str, value: &str) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut changed = false;
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == sheet_xml {
            let text = String::from_utf8(bytes).unwrap();
            let at = text
                .find(&format!("<c r=\"{cell}\""))
                .expect("the cell is in the sheet");
            let v = at + text[at..].find("<v>").unwrap() + 3;
            let end = v + text[v..].find("</v>").unwrap();
            bytes = format!("{}{value}{}", &text[..v], &text[end..]).into_bytes();
            changed = true;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    assert!(changed, "{sheet_xml} is in the workbook");
    out.finish().unwrap().into_inner()
}

#[test]
fn libreoffice_recalculates_every_rollup_to_rollplans_cent_and_follows_an_edit() {
    let dir = workdir("libreoffice");
    let plan = example_plan();
    let engine = Engine::new(plan.clone()).unwrap();
    let xlsx = rollplan_xlsx::export(&engine, 1_764_633_600_000).unwrap();
    let sheets = recalculated(&dir, &xlsx);
    let compared = check_all(&sheets, &engine);
    eprintln!("compared {compared} cells");
    assert!(compared > 300, "compared {compared} cells");

    // Change the first line's first-year figure in the workbook, as a user would in Excel,
    // and the same figure in Rollplan: every rollup must agree again.
    let line = &plan.outputs[0].lines[0];
    let old = line.values[0].expect("the example's first line has a 2012 figure");
    let new = old + Decimal::from(123_457);
    let edited = with_cell(&xlsx, "xl/worksheets/sheet2.xml", "L2", &new.to_string());
    let sheets = recalculated(&dir, &edited);
    let mut doc = Document::open(plan.clone()).unwrap();
    doc.apply(Edit::SetFigure {
        key: Key::Value {
            line: line.id,
            year: 0,
        },
        value: Some(new),
    })
    .unwrap();
    assert_ne!(
        doc.engine().table(Dim::Objective).unwrap(),
        engine.table(Dim::Objective).unwrap(),
        "the edit moves the objective totals"
    );
    check_all(&sheets, doc.engine());
}
