//! One validator finding: severity, server error code, JSON Pointer path and a plain sentence.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The portal's error code (`FIELD_IS_REQUIRED`, `ENUM_FIELD`, ...) where the server has one;
    /// otherwise a designer code (`DESIGNER_*`) so scripts can still filter on it.
    pub code: String,
    /// JSON Pointer (RFC 6901). Layout findings are relative to the layout object
    /// (`/body/blocks/client/properties/action/uri`); activity-field findings start with `/fields`.
    pub path: String,
    /// One plain sentence a user understands.
    pub message: String,
}

impl Diagnostic {
    pub fn error(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, code: code.to_string(), path: path.into(), message: message.into() }
    }
    pub fn warning(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, code: code.to_string(), path: path.into(), message: message.into() }
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// The finding's place as a document pointer (`/body/..` → `/layout/body/..`; `/fields/..`
    /// stays as it is).
    pub fn doc_path(&self) -> String {
        if self.path.starts_with("/fields") { self.path.clone() } else { format!("/layout{}", self.path) }
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}
