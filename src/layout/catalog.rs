//! The portal catalog: live icon, logo, badge and typeId codes plus installed languages.
//! `None` in a list means "unknown": the validator then falls back to the built-in lists of
//! layout.md §9 and downgrades unknown codes to warnings (portals may have custom ones).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icons: Option<BTreeSet<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logos: Option<BTreeSet<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badges: Option<BTreeSet<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_ids: Option<BTreeSet<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<BTreeSet<String>>,
}

impl Catalog {
    /// Reads a catalog file leniently: each list may hold plain strings or objects as the
    /// portal returns them (`{"code": ..}`, `{"TYPE_ID": ..}`, `{"ID": ..}`); `icons`/`logos`
    /// may also be the whole `crm.timeline.icon.list` result `{"icons": [..]}`.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        let obj = v.as_object().ok_or("a catalog must be a JSON object")?;
        let mut c = Catalog::default();
        for (key, slot) in [
            ("icons", &mut c.icons),
            ("logos", &mut c.logos),
            ("badges", &mut c.badges),
            ("typeIds", &mut c.type_ids),
            ("languages", &mut c.languages),
        ] {
            if let Some(list) = obj.get(key) {
                *slot = Some(codes_of(list, key).map_err(|e| format!("/{key}: {e}"))?);
            }
        }
        Ok(c)
    }
}

fn codes_of(list: &Value, key: &str) -> Result<BTreeSet<String>, String> {
    let arr = match list {
        Value::Array(a) => a,
        Value::Object(o) => match o.get(key) {
            Some(Value::Array(a)) => a,
            _ => return Err("expected an array".into()),
        },
        _ => return Err("expected an array".into()),
    };
    arr.iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::String(s) => Ok(s.clone()),
            Value::Object(o) => ["code", "CODE", "TYPE_ID", "typeId", "ID", "id", "lid", "LID"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str))
                .map(str::to_string)
                .ok_or(format!("item {i} has no code")),
            _ => Err(format!("item {i} is neither a string nor an object")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_strings_and_portal_shapes() {
        let c = Catalog::from_json(&json!({
            "icons": {"icons": [{"code": "info", "isSystem": true, "fileUri": ""}]},
            "languages": ["en", "de"],
            "typeIds": [{"TYPE_ID": "MY_TYPE"}]
        }))
        .unwrap();
        assert!(c.icons.unwrap().contains("info"));
        assert_eq!(c.languages.unwrap().len(), 2);
        assert!(c.type_ids.unwrap().contains("MY_TYPE"));
        assert!(c.logos.is_none());
        assert!(Catalog::from_json(&json!({"icons": 3})).is_err());
    }
}
