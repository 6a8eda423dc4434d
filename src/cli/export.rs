//! `export FILE --as layout|payload|curl|php|php-sdk|js|python [-o OUT]`

use super::ExportAs;
use crate::export::{self, ExportKind};
use crate::layout::{ValidateOptions, diagnostic::has_errors, validate_payload};
use crate::project;
use std::path::Path;
use std::process::ExitCode;

pub fn kind_of(as_: ExportAs) -> ExportKind {
    match as_ {
        ExportAs::Layout => ExportKind::Layout,
        ExportAs::Payload => ExportKind::Payload,
        ExportAs::Curl => ExportKind::Curl,
        ExportAs::Php => ExportKind::PhpCrest,
        ExportAs::PhpSdk => ExportKind::PhpSdk,
        ExportAs::Js => ExportKind::Js,
        ExportAs::Python => ExportKind::Python,
    }
}

pub fn run(file: &Path, as_: ExportAs, output: Option<&Path>) -> ExitCode {
    let loaded = match project::load_file(file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    for w in &loaded.warnings {
        eprintln!("{}: note: {w}", file.display());
    }
    let p = &loaded.project;
    let diags = validate_payload(Some(&p.layout), Some(&p.fields), &ValidateOptions::default());
    if has_errors(&diags) {
        eprintln!(
            "warning: {}: the layout has validation errors; the portal will reject it (run `validate` for details)",
            file.display()
        );
    }
    let text = export::export(p, kind_of(as_));
    match output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(out) => match project::write_atomic(out, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {}: cannot write: {e}", out.display());
                ExitCode::from(2)
            }
        },
    }
}
