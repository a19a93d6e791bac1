//! Version 1 of the plan file: version 2 without scenarios and proposals. It is read by
//! upgrading it, as JSON, to version 2 ([`to_v2`]), then as version 2.

use serde_json::Value;

/// Version 1 had no scenarios or proposals: the plan gets empty lists of both.
pub fn to_v2(mut doc: Value) -> Result<Value, String> {
    let plan = doc
        .get_mut("plan")
        .and_then(Value::as_object_mut)
        .ok_or("the file has no \"plan\" object")?;
    plan.entry("scenarios")
        .or_insert_with(|| Value::Array(Vec::new()));
    plan.entry("proposals")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(doc)
}
