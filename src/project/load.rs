//! Opening a file as a project: a project file (any supported version), a bare layout, or a REST
//! payload `{ownerTypeId, ownerId, fields, layout}` as pasted from the docs.
//!
//! Format versions:
//! - **0**: the early shape `{"name", "layout", "fields"?}` with no `format`/`version` keys
//!   (or `"version": 0`); migrated to the current shape with default preview settings.
//! - **1**: the current shape (see `format.rs`).
//!
//! A file from a newer version is refused rather than half-read, so saving it back can never drop
//! what a newer designer wrote. Secrets found in a payload (`auth`) are dropped and never kept.

use super::PreviewSettings;
use super::format::{FORMAT_ID, FORMAT_VERSION, Project, SendTarget};
use serde_json::{Map, Value};
use std::fmt;
use std::path::Path;

/// What the opened file was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A project file (current or migrated version).
    Project,
    /// A bare layout object (or any JSON that is neither a project nor a payload).
    Layout,
    /// A REST payload `{ownerTypeId, ownerId, fields, layout}`.
    Payload,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadedProject {
    pub project: Project,
    pub kind: SourceKind,
    /// Things the user should know (migrated, auth dropped, unknown key ignored); never fatal.
    pub warnings: Vec<String>,
}

/// Why a file could not be opened. `Display` names the file (and line:column for syntax errors).
#[derive(Debug)]
pub enum LoadError {
    Io {
        file: String,
        source: std::io::Error,
    },
    /// Not JSON: `file:line:column: message`.
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Written by a newer designer.
    NewerVersion {
        file: String,
        found: u64,
    },
    /// JSON, but not a usable project (e.g. `version` is not a number).
    Invalid {
        file: String,
        message: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { file, source } => write!(f, "{file}: cannot read: {source}"),
            LoadError::Syntax { file, line, column, message } => write!(f, "{file}:{line}:{column}: {message}"),
            LoadError::NewerVersion { file, found } => write!(
                f,
                "{file}: project format version {found} is newer than this designer supports \
                 (up to {FORMAT_VERSION}); please update the designer to open it"
            ),
            LoadError::Invalid { file, message } => write!(f, "{file}: {message}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// True when the bytes were not valid JSON (or not readable) — CLI exit code 2.
    pub fn is_unreadable(&self) -> bool {
        matches!(self, LoadError::Io { .. } | LoadError::Syntax { .. })
    }
}

/// Reads and opens a file.
pub fn load_file(path: &Path) -> Result<LoadedProject, LoadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io { file: file.clone(), source })?;
    load_bytes(&bytes, &file)
}

/// Opens file contents; `file` is only used in messages.
pub fn load_bytes(bytes: &[u8], file: &str) -> Result<LoadedProject, LoadError> {
    let value = parse_json(bytes, file)?;
    from_value(value, file)
}

/// Parses JSON, mapping errors to `file:line:column: message`. A UTF-8 BOM is skipped.
pub fn parse_json(bytes: &[u8], file: &str) -> Result<Value, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|e| syntax_error(&e, file))
}

fn syntax_error(e: &serde_json::Error, file: &str) -> LoadError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    LoadError::Syntax { file: file.to_string(), line: e.line(), column: e.column(), message }
}

/// Decides what a parsed JSON value is.
pub fn detect_kind(v: &Value) -> SourceKind {
    let Some(o) = v.as_object() else { return SourceKind::Layout };
    let has = |k: &str| o.contains_key(k);
    if has("format") && o["format"].as_str().is_some_and(|f| f.starts_with(FORMAT_ID)) {
        return SourceKind::Project;
    }
    let owner = has("ownerTypeId") || has("ownerId");
    if has("layout") && (owner || has("auth")) {
        return SourceKind::Payload;
    }
    // A payload whose layout was left out: report the missing layout, not three stray keys.
    if owner && has("fields") {
        return SourceKind::Payload;
    }
    // Version 0 projects: a name next to the layout, no owner.
    if has("layout") && o.get("name").is_some_and(Value::is_string) {
        return SourceKind::Project;
    }
    if has("layout") && (has("fields") || o.len() == 1) {
        return SourceKind::Payload;
    }
    SourceKind::Layout
}

/// Opens an already parsed value.
pub fn from_value(v: Value, file: &str) -> Result<LoadedProject, LoadError> {
    match detect_kind(&v) {
        SourceKind::Layout => {
            let name = file_stem(file);
            Ok(LoadedProject { project: Project::new(name, v, empty()), kind: SourceKind::Layout, warnings: vec![] })
        }
        SourceKind::Payload => Ok(from_payload(v, file)),
        SourceKind::Project => from_project(v, file),
    }
}

fn empty() -> Value {
    Value::Object(Map::new())
}

fn file_stem(file: &str) -> String {
    Path::new(file).file_stem().and_then(|s| s.to_str()).filter(|s| !s.is_empty()).unwrap_or("Untitled").to_string()
}

/// Reads an integer that may also be written as a numeric string (REST accepts both).
fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn from_payload(v: Value, file: &str) -> LoadedProject {
    let Value::Object(mut o) = v else { unreachable!("detect_kind returns Payload only for objects") };
    let mut warnings = Vec::new();
    if o.shift_remove("auth").is_some() {
        warnings.push("the payload's `auth` value was dropped: tokens are never kept in a project".to_string());
    }
    let layout = o.shift_remove("layout").unwrap_or_else(empty);
    let fields = o.shift_remove("fields").unwrap_or_else(empty);
    let owner_type = o.shift_remove("ownerTypeId");
    let owner_id = o.shift_remove("ownerId");
    let activity_id = o.shift_remove("id");
    let target = match (owner_type.as_ref().and_then(int_of), owner_id.as_ref().and_then(int_of)) {
        (Some(t), Some(i)) => Some(SendTarget {
            profile: None,
            owner_type_id: t,
            owner_id: i,
            activity_id: activity_id.as_ref().and_then(int_of),
        }),
        _ => {
            if owner_type.is_some() || owner_id.is_some() {
                warnings.push("ownerTypeId/ownerId are not both integers; no send target was kept".to_string());
            }
            None
        }
    };
    for k in o.keys() {
        warnings.push(format!("payload key `{k}` ignored"));
    }
    let mut project = Project::new(file_stem(file), layout, fields);
    project.target = target;
    LoadedProject { project, kind: SourceKind::Payload, warnings }
}

fn from_project(v: Value, file: &str) -> Result<LoadedProject, LoadError> {
    let Value::Object(mut o) = v else { unreachable!("detect_kind returns Project only for objects") };
    let invalid = |message: String| LoadError::Invalid { file: file.to_string(), message };
    let mut warnings = Vec::new();
    let has_format = o.shift_remove("format").is_some();
    let version = match o.shift_remove("version") {
        None if has_format => return Err(invalid("project file has no `version`".into())),
        None => 0,
        Some(Value::Number(n)) => {
            n.as_u64().ok_or_else(|| invalid(format!("`version` {n} is not a version number")))?
        }
        Some(other) => return Err(invalid(format!("`version` must be a number, found {other}"))),
    };
    if version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion { file: file.to_string(), found: version });
    }
    if version < FORMAT_VERSION {
        warnings.push(format!("migrated from project format version {version} to {FORMAT_VERSION}"));
    }
    let name = match o.shift_remove("name") {
        Some(Value::String(s)) => s,
        other => {
            if other.is_some() {
                warnings.push("`name` is not a string; the file name is used".into());
            }
            file_stem(file)
        }
    };
    let layout = o.shift_remove("layout").unwrap_or_else(empty);
    let fields = o.shift_remove("fields").unwrap_or_else(empty);
    let target = match o.shift_remove("target") {
        None | Some(Value::Null) => None,
        Some(t) => read_target(&t).or_else(|| {
            warnings.push("`target` is not readable and was ignored".into());
            None
        }),
    };
    let preview = match o.shift_remove("preview") {
        None => PreviewSettings::default(),
        Some(p) => serde_json::from_value(p).unwrap_or_else(|e| {
            warnings.push(format!("`preview` settings ignored ({e})"));
            PreviewSettings::default()
        }),
    };
    for k in o.keys() {
        warnings.push(format!("unknown project key `{k}` ignored"));
    }
    let project = Project { name, layout, fields, target, preview };
    Ok(LoadedProject { project, kind: SourceKind::Project, warnings })
}

fn read_target(t: &Value) -> Option<SendTarget> {
    let o = t.as_object()?;
    Some(SendTarget {
        profile: o.get("profile").and_then(Value::as_str).map(str::to_string),
        owner_type_id: o.get("ownerTypeId").and_then(int_of)?,
        owner_id: o.get("ownerId").and_then(int_of)?,
        activity_id: o.get("activityId").and_then(int_of),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_kinds() {
        assert_eq!(detect_kind(&json!({"icon": {}, "header": {}, "body": {}})), SourceKind::Layout);
        assert_eq!(detect_kind(&json!([1, 2])), SourceKind::Layout);
        assert_eq!(
            detect_kind(&json!({"ownerTypeId": 2, "ownerId": 1, "fields": {}, "layout": {}})),
            SourceKind::Payload
        );
        assert_eq!(detect_kind(&json!({"fields": {}, "layout": {}})), SourceKind::Payload);
        assert_eq!(detect_kind(&json!({"ownerTypeId": 2, "ownerId": 1, "fields": {}})), SourceKind::Payload);
        assert_eq!(detect_kind(&json!({"name": "a", "layout": {}})), SourceKind::Project);
        assert_eq!(detect_kind(&json!({"format": FORMAT_ID, "version": 1})), SourceKind::Project);
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let e = load_bytes(b"{\n  \"a\": 1\n  \"b\": 2\n}", "/tmp/x.json").unwrap_err();
        assert_eq!(e.to_string(), "/tmp/x.json:3:3: expected `,` or `}`");
        assert!(e.is_unreadable());
    }

    #[test]
    fn payload_ids_may_be_strings() {
        let l = from_value(json!({"ownerTypeId": "1", "ownerId": "15", "id": 9, "layout": {}}), "p.json").unwrap();
        let t = l.project.target.unwrap();
        assert_eq!((t.owner_type_id, t.owner_id, t.activity_id), (1, 15, Some(9)));
    }

    #[test]
    fn bad_version_is_invalid_not_a_panic() {
        for v in [json!(-1), json!("1"), json!(1.5)] {
            let e = from_value(json!({"format": FORMAT_ID, "version": v}), "f").unwrap_err();
            assert!(matches!(e, LoadError::Invalid { .. }), "{e}");
        }
    }
}
