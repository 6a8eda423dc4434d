//! Adapter between the app and project files (`crate::project`) and templates.

use crate::project::{self, PreviewSettings, Project, SendTarget, SourceKind};
use serde_json::{Map, Value};
use std::path::Path;

/// What the app keeps of a project besides the edit document.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectData {
    pub name: String,
    /// `{"fields", "layout"}` — the edit document root.
    pub root: Value,
    pub preview: PreviewSettings,
    /// The last send target (no secrets).
    pub target: Option<SendTarget>,
    /// Notes from loading (migrated, `auth` dropped…), shown in the status bar.
    pub notes: Vec<String>,
}

impl ProjectData {
    pub fn new(name: impl Into<String>, root: Value) -> Self {
        Self { name: name.into(), root, preview: PreviewSettings::default(), target: None, notes: Vec::new() }
    }

    fn from_project(p: Project, notes: Vec<String>) -> Self {
        let root = p.to_document_root();
        Self { name: p.name, root, preview: p.preview, target: p.target, notes }
    }

    pub fn to_project(&self) -> Project {
        let get = |k: &str| self.root.get(k).cloned().unwrap_or_else(|| Value::Object(Map::new()));
        Project {
            name: self.name.clone(),
            layout: get("layout"),
            fields: get("fields"),
            target: self.target.clone(),
            preview: self.preview.clone(),
        }
    }
}

/// Reads a project, a bare layout or a REST payload. Errors name the file, line and column.
pub fn load(path: &Path) -> Result<ProjectData, String> {
    let loaded = project::load_file(path).map_err(|e| e.to_string())?;
    let mut data = ProjectData::from_project(loaded.project, loaded.warnings);
    if loaded.kind != SourceKind::Project {
        data.name = path.file_stem().map_or(data.name, |s| s.to_string_lossy().into_owned());
    }
    Ok(data)
}

/// Reads a project from its JSON value (autosave).
pub fn from_value(v: Value, file: &str) -> Result<ProjectData, String> {
    let loaded = project::from_value(v, file).map_err(|e| e.to_string())?;
    Ok(ProjectData::from_project(loaded.project, loaded.warnings))
}

/// The project file's JSON value.
pub fn to_value(p: &ProjectData) -> Value {
    p.to_project().to_value()
}

/// Writes the project atomically (pretty JSON, trailing newline).
pub fn save(path: &Path, p: &ProjectData) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    project::save_project(path, &p.to_project()).map_err(|e| format!("{}: {e}", path.display()))
}

/// Starter templates for the gallery: `(title, description, project)`.
pub fn templates() -> Vec<(String, String, ProjectData)> {
    crate::templates::list()
        .iter()
        .filter_map(|t| {
            let p = crate::templates::get(t.id)?;
            Some((t.title.to_string(), t.description.to_string(), ProjectData::from_project(p, Vec::new())))
        })
        .collect()
}
