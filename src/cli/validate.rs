//! `validate FILE... [--format text|json] [--catalog FILE] [--strict]`
//!
//! Exit codes: 0 no file has an error; 1 some file has an error; 2 some file (or the catalog)
//! could not be read, parsed as JSON or understood — the other files are still reported.

use super::OutputFormat;
use crate::layout::{Catalog, Code, Diagnostic, Root, Severity, ValidateOptions, validate_layout, validate_payload};
use crate::project::{self, LoadError, SourceKind};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One reported finding, as printed by `--format json`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    pub severity: Severity,
    pub code: Code,
    /// The validator's path: relative to the layout, or starting with `/fields`.
    pub path: String,
    pub message: String,
    /// JSON Pointer into the file itself (`/layout/...` for payloads and projects).
    pub pointer: String,
}

impl Finding {
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("file".into(), Value::from(self.file.clone()));
        m.insert("severity".into(), Value::from(severity_str(self.severity)));
        m.insert("code".into(), Value::from(self.code.as_str()));
        m.insert("path".into(), Value::from(self.path.clone()));
        m.insert("message".into(), Value::from(self.message.clone()));
        m.insert("pointer".into(), Value::from(self.pointer.clone()));
        Value::Object(m)
    }
}

fn severity_str(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The outcome for one file.
pub enum FileOutcome {
    Checked {
        kind: SourceKind,
        findings: Vec<Finding>,
        notes: Vec<String>,
    },
    /// Unreadable, not JSON, or a project this build cannot open.
    Failed(Finding),
}

/// Validates one file's bytes. `file` is the name used in the output.
pub fn check_bytes(bytes: &[u8], file: &str, opts: &ValidateOptions) -> FileOutcome {
    let value = match project::parse_json(bytes, file) {
        Ok(v) => v,
        Err(e) => return FileOutcome::Failed(load_failure(file, &e)),
    };
    let kind = project::detect_kind(&value);
    let diags: Vec<Diagnostic>;
    let mut notes = Vec::new();
    if kind == SourceKind::Layout {
        // Validate the value as written (no loader normalisation in between).
        diags = validate_layout(&value, opts);
    } else {
        let layout_missing = value.get("layout").is_none();
        match project::from_value(value, file) {
            Ok(loaded) => {
                notes = loaded.warnings;
                let layout = (!layout_missing).then_some(&loaded.project.layout);
                diags = validate_payload(layout, Some(&loaded.project.fields), opts);
            }
            Err(e) => return FileOutcome::Failed(load_failure(file, &e)),
        }
    }
    let findings = diags
        .into_iter()
        .map(|d| {
            let pointer = pointer_in_file(kind, &d);
            Finding {
                file: file.to_string(),
                severity: d.severity,
                code: d.code,
                path: d.path,
                message: d.message,
                pointer,
            }
        })
        .collect();
    FileOutcome::Checked { kind, findings, notes }
}

/// Where a finding lies in the file: a bare layout file is the layout itself; payloads and
/// projects hold it under `/layout` beside `/fields`.
fn pointer_in_file(kind: SourceKind, d: &Diagnostic) -> String {
    match (kind, d.root) {
        (SourceKind::Layout, Root::Layout) => d.path.clone(),
        _ => d.doc_path(),
    }
}

fn load_failure(file: &str, e: &LoadError) -> Finding {
    let (code, message) = match e {
        LoadError::Io { source, .. } => (Code::UnreadableFile, format!("cannot read the file: {source}")),
        LoadError::Syntax { line, column, message, .. } => {
            (Code::InvalidJson, format!("not valid JSON at line {line}, column {column}: {message}"))
        }
        LoadError::NewerVersion { .. } | LoadError::Invalid { .. } => {
            let full = e.to_string();
            let msg = full.strip_prefix(&format!("{file}: ")).unwrap_or(&full).to_string();
            (Code::UnsupportedFile, msg)
        }
    };
    Finding {
        file: file.to_string(),
        severity: Severity::Error,
        code,
        path: String::new(),
        message,
        pointer: String::new(),
    }
}

fn load_catalog(path: &Path) -> Result<Catalog, String> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{file}: cannot read the catalog: {e}"))?;
    let v = project::parse_json(&bytes, &file).map_err(|e| e.to_string())?;
    Catalog::from_json(&v).map_err(|e| format!("{file}: not a catalog: {e}"))
}

pub fn run(files: &[PathBuf], format: OutputFormat, catalog: Option<&Path>, strict: bool) -> ExitCode {
    let catalog = match catalog.map(load_catalog).transpose() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = ValidateOptions { catalog, strict };
    let mut all = Vec::new();
    let (mut unreadable, mut with_errors) = (0usize, 0usize);
    for path in files {
        let file = path.display().to_string();
        let outcome = match std::fs::read(path) {
            Ok(bytes) => check_bytes(&bytes, &file, &opts),
            Err(source) => FileOutcome::Failed(load_failure(&file, &LoadError::Io { file: file.clone(), source })),
        };
        match outcome {
            FileOutcome::Checked { findings, notes, .. } => {
                for n in notes {
                    eprintln!("{file}: note: {n}");
                }
                if findings.iter().any(|f| f.severity == Severity::Error) {
                    with_errors += 1;
                }
                all.extend(findings);
            }
            FileOutcome::Failed(f) => {
                unreadable += 1;
                all.push(f);
            }
        }
    }
    match format {
        OutputFormat::Json => {
            let arr = Value::Array(all.iter().map(Finding::to_json).collect());
            println!("{}", serde_json::to_string_pretty(&arr).unwrap_or_else(|_| "[]".into()));
        }
        OutputFormat::Text => print_text(&all, files.len(), with_errors, unreadable),
    }
    if unreadable > 0 {
        ExitCode::from(2)
    } else if with_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_text(all: &[Finding], n_files: usize, with_errors: usize, unreadable: usize) {
    for f in all {
        let place = if f.pointer.is_empty() { f.file.clone() } else { format!("{}:{}", f.file, f.pointer) };
        println!("{place}: {} {}: {}", severity_str(f.severity), f.code, f.message);
    }
    let errors = all.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = all.len() - errors;
    let plural = |n: usize, w: &str| if n == 1 { format!("{n} {w}") } else { format!("{n} {w}s") };
    let mut summary =
        format!("{}: {}, {}", plural(n_files, "file"), plural(errors, "error"), plural(warnings, "warning"));
    if with_errors > 0 {
        summary.push_str(&format!("; {} with errors", plural(with_errors, "file")));
    }
    if unreadable > 0 {
        summary.push_str(&format!("; {} could not be read", plural(unreadable, "file")));
    }
    println!("{summary}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_point_into_the_file() {
        let at = |root: Root, path: &str| Diagnostic::error(Code::WrongFieldValue, root, path, "x");
        assert_eq!(pointer_in_file(SourceKind::Layout, &at(Root::Layout, "/body/blocks")), "/body/blocks");
        assert_eq!(pointer_in_file(SourceKind::Payload, &at(Root::Layout, "/body/blocks")), "/layout/body/blocks");
        assert_eq!(pointer_in_file(SourceKind::Project, &at(Root::Fields, "/fields/deadline")), "/fields/deadline");
        assert_eq!(pointer_in_file(SourceKind::Project, &at(Root::Layout, "")), "/layout");
        assert_eq!(pointer_in_file(SourceKind::Project, &at(Root::Layout, "/fieldsX")), "/layout/fieldsX");
        // A layout key named `fields` is that key, not the activity fields.
        assert_eq!(pointer_in_file(SourceKind::Payload, &at(Root::Layout, "/fields")), "/layout/fields");
        assert_eq!(pointer_in_file(SourceKind::Layout, &at(Root::Layout, "/fields/x")), "/fields/x");
    }

    #[test]
    fn broken_json_is_a_failure_with_line_and_column() {
        match check_bytes(b"{\"icon\": }", "x.json", &ValidateOptions::default()) {
            FileOutcome::Failed(f) => {
                assert_eq!(f.code, "DESIGNER_INVALID_JSON");
                assert!(f.message.contains("line 1, column 10"), "{}", f.message);
            }
            FileOutcome::Checked { .. } => panic!("broken JSON accepted"),
        }
    }
}
