//! `new --template NAME [-o FILE]` and `templates`.

use crate::{project, templates};
use std::path::Path;
use std::process::ExitCode;

pub fn run_new(template: &str, output: Option<&Path>) -> ExitCode {
    let Some(p) = templates::get(template) else {
        let ids: Vec<_> = templates::list().iter().map(|t| t.id).collect();
        eprintln!("error: unknown template `{template}`; available: {}", ids.join(", "));
        return ExitCode::from(2);
    };
    let text = p.to_json_string();
    let Some(out) = output else {
        print!("{text}");
        return ExitCode::SUCCESS;
    };
    if out.exists() {
        eprintln!(
            "error: {} already exists; not overwriting it (choose another file or remove it first)",
            out.display()
        );
        return ExitCode::from(2);
    }
    match project::write_atomic(out, text.as_bytes()) {
        Ok(()) => {
            eprintln!("created {} from template `{template}`", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: cannot write: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

pub fn run_templates() -> ExitCode {
    let width = templates::list().iter().map(|t| t.id.len()).max().unwrap_or(0);
    for t in templates::list() {
        println!("{:width$}  {}", t.id, t.title);
    }
    ExitCode::SUCCESS
}
