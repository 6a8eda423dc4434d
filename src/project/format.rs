//! The project file: pretty JSON, fixed key order, trailing newline, never a secret.
//!
//! ```json
//! {
//!   "format": "b24-activity-designer-project",
//!   "version": 1,
//!   "name": "Incoming call",
//!   "fields": { ... },
//!   "layout": { ... },
//!   "target": { "profile": "Sandbox", "ownerTypeId": 2, "ownerId": 1, "activityId": null },
//!   "preview": { ... }
//! }
//! ```
//! `target` is omitted when no send target was chosen yet. The struct has no field that could hold
//! a token or a client secret, so a project file cannot leak one.

use super::PreviewSettings;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The `format` marker of a project file.
pub const FORMAT_ID: &str = "b24-activity-designer-project";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u64 = 1;
/// Default owner used by exports when the project has no send target: a deal (2), element 1.
pub const DEFAULT_OWNER_TYPE_ID: i64 = 2;
pub const DEFAULT_OWNER_ID: i64 = 1;

/// The last send target: which portal profile, which CRM element, and the activity sent there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendTarget {
    /// Portal profile name (never its credentials); `None` when the target came from a pasted payload.
    pub profile: Option<String>,
    pub owner_type_id: i64,
    pub owner_id: i64,
    /// The activity created by the last test-send, for "Update" / "Read back" / "Delete".
    pub activity_id: Option<i64>,
}

/// One designer project. The layout and fields are kept as ordered JSON values (exact round trip).
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    pub name: String,
    pub layout: Value,
    pub fields: Value,
    pub target: Option<SendTarget>,
    pub preview: PreviewSettings,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            name: "Untitled".into(),
            layout: Value::Object(Map::new()),
            fields: Value::Object(Map::new()),
            target: None,
            preview: PreviewSettings::default(),
        }
    }
}

impl Project {
    /// A project with the given name, layout and fields and default settings.
    pub fn new(name: impl Into<String>, layout: Value, fields: Value) -> Self {
        Self { name: name.into(), layout, fields, ..Self::default() }
    }

    /// The file's JSON value, keys in the documented order.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("format".into(), Value::from(FORMAT_ID));
        m.insert("version".into(), Value::from(FORMAT_VERSION));
        m.insert("name".into(), Value::from(self.name.clone()));
        m.insert("fields".into(), self.fields.clone());
        m.insert("layout".into(), self.layout.clone());
        if let Some(t) = &self.target {
            m.insert("target".into(), target_value(t));
        }
        // PreviewSettings is a plain struct of numbers, strings and booleans: serializing cannot fail.
        m.insert("preview".into(), serde_json::to_value(&self.preview).unwrap_or(Value::Null));
        Value::Object(m)
    }

    /// The file's text: pretty JSON (2-space indent) with a trailing newline.
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.to_value()).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The edit layer's document root `{"fields", "layout"}` (see `crate::edit::Document`).
    pub fn to_document_root(&self) -> Value {
        let mut m = Map::new();
        m.insert("fields".into(), self.fields.clone());
        m.insert("layout".into(), self.layout.clone());
        Value::Object(m)
    }

    /// Builds a project from a document root, keeping name, target and preview from `base`.
    /// A missing member becomes an empty object.
    pub fn from_document_root(root: &Value, base: &Project) -> Project {
        let get = |k: &str| root.get(k).cloned().unwrap_or_else(|| Value::Object(Map::new()));
        Project { layout: get("layout"), fields: get("fields"), ..base.clone() }
    }

    /// Owner type and id for exports and sends: the target's, else the defaults (2, 1).
    pub fn owner(&self) -> (i64, i64) {
        self.target.as_ref().map_or((DEFAULT_OWNER_TYPE_ID, DEFAULT_OWNER_ID), |t| (t.owner_type_id, t.owner_id))
    }
}

fn target_value(t: &SendTarget) -> Value {
    let mut m = Map::new();
    m.insert("profile".into(), t.profile.clone().map_or(Value::Null, Value::from));
    m.insert("ownerTypeId".into(), Value::from(t.owner_type_id));
    m.insert("ownerId".into(), Value::from(t.owner_id));
    m.insert("activityId".into(), t.activity_id.map_or(Value::Null, Value::from));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(v: &Value) -> Vec<&str> {
        v.as_object().unwrap().keys().map(String::as_str).collect()
    }

    #[test]
    fn key_order_is_fixed_and_text_ends_with_newline() {
        let mut p = Project::new("Card", json!({"icon": {"code": "info"}}), json!({"completed": false}));
        p.target =
            Some(SendTarget { profile: Some("Sandbox".into()), owner_type_id: 2, owner_id: 7, activity_id: None });
        let v = p.to_value();
        assert_eq!(keys(&v), ["format", "version", "name", "fields", "layout", "target", "preview"]);
        assert_eq!(keys(&v["target"]), ["profile", "ownerTypeId", "ownerId", "activityId"]);
        let text = p.to_json_string();
        assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
        assert!(text.contains("\n  \"format\": \"b24-activity-designer-project\",\n"));
        assert_eq!(p.owner(), (2, 7));
        p.target = None;
        assert!(!keys(&p.to_value()).contains(&"target"));
        assert_eq!(p.owner(), (DEFAULT_OWNER_TYPE_ID, DEFAULT_OWNER_ID));
    }

    /// Every key the file can contain, at every level outside the user's own layout and fields.
    /// A new key here must be reviewed: none may ever hold a token or secret.
    #[test]
    fn the_file_has_no_place_for_a_secret() {
        let p = Project {
            target: Some(SendTarget { profile: Some("p".into()), owner_type_id: 1, owner_id: 1, activity_id: Some(3) }),
            ..Project::default()
        };
        let v = p.to_value();
        let mut all: Vec<String> = keys(&v).iter().map(|k| k.to_string()).collect();
        all.extend(keys(&v["target"]).iter().map(|k| format!("target.{k}")));
        all.extend(keys(&v["preview"]).iter().map(|k| format!("preview.{k}")));
        for k in &all {
            let l = k.to_lowercase();
            for bad in ["auth", "token", "secret", "password", "refresh", "access"] {
                assert!(!l.contains(bad), "secret-like key {k}");
            }
        }
        assert_eq!(
            all,
            [
                "format",
                "version",
                "name",
                "fields",
                "layout",
                "target",
                "preview",
                "target.profile",
                "target.ownerTypeId",
                "target.ownerId",
                "target.activityId",
                "preview.language",
                "preview.scope",
                "preview.incoming",
                "preview.completed",
                "preview.hasDeadline",
                "preview.readonlyUser",
                "preview.dark",
                "preview.cardWidth",
                "preview.uppercaseTags",
                "preview.showHidden",
            ]
        );
    }

    #[test]
    fn document_root_round_trip() {
        let p = Project::new("X", json!({"b": 1, "a": 2}), json!({"z": true}));
        let root = p.to_document_root();
        assert_eq!(keys(&root), ["fields", "layout"]);
        let back = Project::from_document_root(&root, &p);
        assert_eq!(back, p);
        let empty = Project::from_document_root(&json!({}), &p);
        assert_eq!(empty.layout, json!({}));
        assert_eq!(empty.name, "X");
    }
}
