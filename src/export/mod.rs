//! Exports: the layout JSON, the REST payload and ready-to-run code that sends it
//! (curl, PHP with CRest or b24phpsdk, JavaScript with BX24.callMethod, Python with b24pysdk).
//!
//! Exports never contain a credential: wherever a token or portal address is needed they carry
//! the placeholders below. Key order (the portal's display order) is kept in every language.

mod literal;
mod snippets;

pub use literal::{Lang, js_string, json_string, literal, php_string};

use crate::project::Project;
use serde_json::{Map, Value};

/// Stands where the OAuth access token goes.
pub const AUTH_PLACEHOLDER: &str = "YOUR_ACCESS_TOKEN";
/// Stands where the portal address goes.
pub const PORTAL_PLACEHOLDER: &str = "YOUR_PORTAL.bitrix24.com";
/// The REST method every export calls.
pub const METHOD: &str = "crm.activity.configurable.add";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportKind {
    /// The `layout` object alone.
    Layout,
    /// The REST body `{ownerTypeId, ownerId, fields, layout, auth}` (auth is the placeholder).
    Payload,
    /// A POSIX shell script calling the REST endpoint with curl.
    Curl,
    /// PHP with CRest (`CRest::call`).
    PhpCrest,
    /// PHP with the official b24phpsdk (`$b24Service->core->call`).
    PhpSdk,
    /// JavaScript for an app page: `BX24.callMethod`.
    Js,
    /// Python with b24pysdk.
    Python,
}

impl ExportKind {
    pub const ALL: [ExportKind; 7] = [
        ExportKind::Layout,
        ExportKind::Payload,
        ExportKind::Curl,
        ExportKind::PhpCrest,
        ExportKind::PhpSdk,
        ExportKind::Js,
        ExportKind::Python,
    ];

    /// Stable id (CLI `--as` value).
    pub fn id(self) -> &'static str {
        match self {
            ExportKind::Layout => "layout",
            ExportKind::Payload => "payload",
            ExportKind::Curl => "curl",
            ExportKind::PhpCrest => "php",
            ExportKind::PhpSdk => "php-sdk",
            ExportKind::Js => "js",
            ExportKind::Python => "python",
        }
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::Layout => "Layout JSON",
            ExportKind::Payload => "REST payload JSON",
            ExportKind::Curl => "curl (shell)",
            ExportKind::PhpCrest => "PHP (CRest)",
            ExportKind::PhpSdk => "PHP (b24phpsdk)",
            ExportKind::Js => "JavaScript (BX24.callMethod)",
            ExportKind::Python => "Python (b24pysdk)",
        }
    }

    /// Suggested file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Layout | ExportKind::Payload => "json",
            ExportKind::Curl => "sh",
            ExportKind::PhpCrest | ExportKind::PhpSdk => "php",
            ExportKind::Js => "js",
            ExportKind::Python => "py",
        }
    }

    pub fn from_id(id: &str) -> Option<ExportKind> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// The method parameters `{ownerTypeId, ownerId, fields, layout}` (no `auth`).
pub fn params(project: &Project) -> Value {
    let (owner_type, owner_id) = project.owner();
    rest_params(owner_type, owner_id, project.fields.clone(), project.layout.clone())
}

/// The one builder of `crm.activity.configurable.add` parameters, in the documented key order:
/// exports, the JSON pane's Payload tab and the portal send all use it.
pub fn rest_params(owner_type_id: i64, owner_id: i64, fields: Value, layout: Value) -> Value {
    let mut m = Map::new();
    m.insert("ownerTypeId".into(), Value::from(owner_type_id));
    m.insert("ownerId".into(), Value::from(owner_id));
    m.insert("fields".into(), fields);
    m.insert("layout".into(), layout);
    Value::Object(m)
}

/// The whole REST body with the placeholder `auth`.
pub fn payload(project: &Project) -> Value {
    let mut v = params(project);
    if let Value::Object(m) = &mut v {
        m.insert("auth".into(), Value::from(AUTH_PLACEHOLDER));
    }
    v
}

/// Pretty JSON with a trailing newline.
pub fn pretty_json(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Renders one export.
pub fn export(project: &Project, kind: ExportKind) -> String {
    match kind {
        ExportKind::Layout => pretty_json(&project.layout),
        ExportKind::Payload => pretty_json(&payload(project)),
        ExportKind::Curl => snippets::curl(project),
        ExportKind::PhpCrest => snippets::php_crest(project),
        ExportKind::PhpSdk => snippets::php_sdk(project),
        ExportKind::Js => snippets::js(project),
        ExportKind::Python => snippets::python(project),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn payload_uses_target_or_defaults_and_placeholder() {
        let mut p = Project::new("n", json!({"icon": {"code": "info"}}), json!({}));
        let v = payload(&p);
        assert_eq!(v["ownerTypeId"], 2);
        assert_eq!(v["ownerId"], 1);
        assert_eq!(v["auth"], AUTH_PLACEHOLDER);
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["ownerTypeId", "ownerId", "fields", "layout", "auth"]);
        p.target =
            Some(crate::project::SendTarget { profile: None, owner_type_id: 1, owner_id: 42, activity_id: None });
        assert_eq!(params(&p)["ownerId"], 42);
        assert!(params(&p).get("auth").is_none());
    }

    #[test]
    fn ids_round_trip() {
        for k in ExportKind::ALL {
            assert_eq!(ExportKind::from_id(k.id()), Some(k));
        }
    }
}
