//! What the workbook worker does with a request, apart from the messages that carry it:
//! plain functions, tested natively.

use rollplan_core::calc::Engine;
use rollplan_core::io::json;

/// A plan file in, its live workbook out. The plan passes the gate again: the worker
/// trusts nothing it is sent.
pub fn export(plan_file: &str, now_ms: u64) -> Result<Vec<u8>, String> {
    let plan = json::load(plan_file).map_err(|e| e.to_string())?;
    let engine = Engine::new(plan).map_err(|e| e.to_string())?;
    rollplan_xlsx::export(&engine, now_ms).map_err(|e| e.to_string())
}

/// A workbook's bytes in; its sheets as JSON (`[{"name", "rows": [[n, [cells]]]}]`) and,
/// when Rollplan wrote it, the plan file it carries, out.
pub fn read(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    let wb = rollplan_xlsx::read(bytes).map_err(|e| e.to_string())?;
    let sheets = serde_json::to_string(&wb.sheets).map_err(|e| e.to_string())?;
    Ok((sheets, wb.plan.map(|p| json::save(&p))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rollplan_core::example::example_plan;
    use rollplan_core::io::workbook::Sheet;

    #[test]
    fn a_plan_goes_out_as_a_workbook_and_comes_back_as_sheets_and_the_plan() {
        let file = json::save(&example_plan());
        let bytes = export(&file, 0).unwrap();
        let (sheets, plan) = read(&bytes).unwrap();
        assert_eq!(plan.as_deref(), Some(file.as_str()));
        let sheets: Vec<Sheet> = serde_json::from_str(&sheets).unwrap();
        assert_eq!(sheets[0].name, "Cover");
    }

    #[test]
    fn a_broken_request_is_an_error_not_a_panic() {
        assert!(export("{", 0).unwrap_err().contains("line 1"));
        assert!(read(b"not a workbook")
            .unwrap_err()
            .contains("not a workbook"));
    }
}
