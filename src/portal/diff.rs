//! Structural diff between what was sent and what the portal stored (`configurable.get`).
//! Differences the portal is known to introduce (actionParams values come back as strings,
//! boolean-ish field tokens normalised) are kept but marked as expected.

use crate::layout::{Root, pointer};
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffKind {
    /// Sent, but the stored value differs.
    Changed,
    /// Sent, but not stored.
    Missing,
    /// Stored, but not sent (a server default).
    Added,
    /// Same value in another JSON type, as the portal is documented to do. Not a problem.
    Expected,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DiffEntry {
    /// Document pointer (`/layout/...` or `/fields/...`).
    pub path: String,
    pub kind: DiffKind,
    pub sent: Option<Value>,
    pub stored: Option<Value>,
}

impl DiffEntry {
    pub fn is_expected(&self) -> bool {
        matches!(self.kind, DiffKind::Expected | DiffKind::Added)
    }
}

/// Diff of `fields` (only keys that were sent; the portal fills the rest with defaults) and
/// the whole `layout`.
pub fn diff_activity(sent_fields: &Value, sent_layout: &Value, stored: &Value) -> Vec<DiffEntry> {
    let mut out = Vec::new();
    if let Value::Object(sf) = sent_fields {
        let stored_fields = stored.get("fields");
        for (k, v) in sf {
            let path = pointer::join(Root::Fields.doc_pointer(), k);
            let got = stored_fields.and_then(|f| f.get(k));
            match got {
                None => out.push(DiffEntry { path, kind: DiffKind::Missing, sent: Some(v.clone()), stored: None }),
                Some(g) if g == v => {}
                Some(g) => {
                    let kind = if loosely_equal(v, g) { DiffKind::Expected } else { DiffKind::Changed };
                    out.push(DiffEntry { path, kind, sent: Some(v.clone()), stored: Some(g.clone()) });
                }
            }
        }
    }
    diff_values(sent_layout, stored.get("layout").unwrap_or(&Value::Null), Root::Layout.doc_pointer(), &mut out);
    out
}

/// Full structural diff of two values under `base`.
pub fn diff_values(sent: &Value, stored: &Value, base: &str, out: &mut Vec<DiffEntry>) {
    match (sent, stored) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = format!("{base}/{}", pointer::escape(k));
                match b.get(k) {
                    Some(w) => diff_values(v, w, &p, out),
                    None => {
                        out.push(DiffEntry { path: p, kind: DiffKind::Missing, sent: Some(v.clone()), stored: None })
                    }
                }
            }
            for (k, w) in b {
                if !a.contains_key(k) {
                    let p = format!("{base}/{}", pointer::escape(k));
                    out.push(DiffEntry { path: p, kind: DiffKind::Added, sent: None, stored: Some(w.clone()) });
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                diff_values(v, w, &format!("{base}/{i}"), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => {
            let kind = if loosely_equal(a, b) { DiffKind::Expected } else { DiffKind::Changed };
            out.push(DiffEntry { path: base.to_string(), kind, sent: Some(a.clone()), stored: Some(b.clone()) });
        }
    }
}

/// Same scalar in another type: `5` vs `"5"`, `true` vs `"Y"`/`"1"`/`"true"`.
fn loosely_equal(a: &Value, b: &Value) -> bool {
    fn text(v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    fn truth(v: &Value) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => n.as_i64().and_then(|i| (i == 0 || i == 1).then_some(i == 1)),
            Value::String(s) => match s.as_str() {
                "Y" | "y" | "1" | "true" => Some(true),
                "N" | "n" | "0" | "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
    matches!((text(a), text(b)), (Some(x), Some(y)) if x == y)
        || matches!((truth(a), truth(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn stringified_action_params_are_expected_real_changes_are_not() {
        let layout = json!({"body": {"blocks": {"b": {"type": "text", "properties": {"value": "Hi"}}},
            "logo": {"code": "call", "action": {"type": "restEvent", "id": "x", "actionParams": {"n": 5, "f": true}}}}});
        let mut stored_layout = layout.clone();
        stored_layout["body"]["logo"]["action"]["actionParams"] = json!({"n": "5", "f": "true"});
        stored_layout["body"]["blocks"]["b"]["properties"]["value"] = json!("Hello");
        let stored = json!({"fields": {"completed": false, "typeId": "CONFIGURABLE", "originId": "o1"}, "layout": stored_layout});
        let d = diff_activity(&json!({"completed": "N", "originId": "o1"}), &layout, &stored);
        let find = |p: &str| d.iter().find(|e| e.path == p).unwrap_or_else(|| panic!("{p} not in {d:?}"));
        assert_eq!(find("/fields/completed").kind, DiffKind::Expected);
        assert_eq!(find("/layout/body/logo/action/actionParams/n").kind, DiffKind::Expected);
        assert_eq!(find("/layout/body/logo/action/actionParams/f").kind, DiffKind::Expected);
        assert_eq!(find("/layout/body/blocks/b/properties/value").kind, DiffKind::Changed);
        assert!(!d.iter().any(|e| e.path == "/fields/typeId"), "unsent fields are not compared");
        assert_eq!(d.len(), 4);
        assert!(diff_activity(&json!({}), &layout, &json!({"layout": layout.clone()})).is_empty());
    }
}
