//! Adapter between the app and project files. PLACEHOLDER until `crate::project::{load, save}`
//! lands: reads a project file, a bare layout or a REST payload; writes the project format.

use crate::project::PreviewSettings;
use serde_json::{Map, Value};
use std::path::Path;

/// What the app needs from a project file.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectData {
    pub name: String,
    /// `{"fields", "layout"}` — the edit document root.
    pub root: Value,
    pub preview: PreviewSettings,
    /// The last send target as stored (no secrets).
    pub target: Option<Value>,
}

impl ProjectData {
    pub fn new(name: impl Into<String>, root: Value) -> Self {
        Self { name: name.into(), root, preview: PreviewSettings::default(), target: None }
    }
}

fn name_from(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Untitled".into())
}

/// Reads a project, a bare layout or a REST payload. Errors name the file, line and column.
pub fn load(path: &Path) -> Result<ProjectData, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))?;
    from_value(v, &name_from(path)).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn from_value(v: Value, fallback_name: &str) -> Result<ProjectData, String> {
    let Value::Object(mut m) = v else { return Err("the file is not a JSON object".into()) };
    let obj = |v: Option<Value>| v.unwrap_or_else(|| Value::Object(Map::new()));
    if m.contains_key("layout") {
        let name = m.get("name").and_then(Value::as_str).unwrap_or(fallback_name).to_string();
        let preview = m.get("preview").and_then(|p| serde_json::from_value(p.clone()).ok()).unwrap_or_default();
        let target = m.remove("target").filter(|t| !t.is_null());
        let mut root = Map::new();
        root.insert("fields".into(), obj(m.remove("fields")));
        root.insert("layout".into(), obj(m.remove("layout")));
        return Ok(ProjectData { name, root: Value::Object(root), preview, target });
    }
    // A bare layout.
    let mut root = Map::new();
    root.insert("fields".into(), Value::Object(Map::new()));
    root.insert("layout".into(), Value::Object(m));
    Ok(ProjectData::new(fallback_name, Value::Object(root)))
}

/// The project file's JSON value.
pub fn to_value(p: &ProjectData) -> Value {
    let mut m = Map::new();
    m.insert("format".into(), "b24-activity-designer-project".into());
    m.insert("version".into(), 1.into());
    m.insert("name".into(), p.name.clone().into());
    m.insert("fields".into(), p.root.get("fields").cloned().unwrap_or_else(|| Value::Object(Map::new())));
    m.insert("layout".into(), p.root.get("layout").cloned().unwrap_or_else(|| Value::Object(Map::new())));
    if let Some(t) = &p.target {
        m.insert("target".into(), t.clone());
    }
    m.insert("preview".into(), serde_json::to_value(&p.preview).unwrap_or(Value::Null));
    Value::Object(m)
}

/// Writes the project atomically (pretty JSON, trailing newline).
pub fn save(path: &Path, p: &ProjectData) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(&to_value(p)).map_err(|e| e.to_string())?;
    text.push('\n');
    super::jobs::atomic_write(path, text.as_bytes())
}

/// Starter templates: `(name, description, document root)`. PLACEHOLDER until
/// `crate::templates` lands.
pub fn templates() -> Vec<(String, String, Value)> {
    let blank = serde_json::json!({"fields": {}, "layout": {
        "icon": {"code": "call"},
        "header": {"title": "New activity"},
        "body": {"logo": {"code": "call"}, "blocks": {}}
    }});
    vec![("Blank card".into(), "An icon, a title and an empty body.".into(), blank)]
}
