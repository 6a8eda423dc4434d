//! The layering of docs/ARCHITECTURE.md, enforced: each top-level module of `src/` may name only
//! the modules and crates its layer allows. A forbidden import fails here with the file and line,
//! before review has to catch it. The checker itself is tested on made-up sources below, so a rule
//! that silently stopped matching would fail too.

use std::path::{Path, PathBuf};

/// One rule: files under `src/<module>/` must not mention any of `forbidden` in code.
struct Rule {
    module: &'static str,
    forbidden: &'static [&'static str],
    why: &'static str,
}

/// I/O and UI crates a pure layer must not touch.
const IO_AND_UI: &[&str] = &[
    "egui::",
    "eframe::",
    "egui_extras::",
    "reqwest::",
    "tokio::",
    "axum::",
    "hyper::",
    "rfd::",
    "keyring_core::",
    "directories::",
    "webbrowser::",
    "std::fs",
    "std::net",
    "std::thread",
    "std::process",
];

/// What the modules that sit beside the layers (files, keyring, exports, templates) must not name.
const BESIDE: &[&str] = &["crate::ui", "crate::app", "crate::portal", "crate::sandbox", "crate::cli", "egui::"];

const RULES: &[Rule] = &[
    Rule {
        module: "layout",
        forbidden: &[
            "crate::edit",
            "crate::ui",
            "crate::app",
            "crate::project",
            "crate::portal",
            "crate::secrets",
            "crate::sandbox",
            "crate::export",
            "crate::templates",
            "crate::cli",
        ],
        why: "layout is the pure model: std, serde and data crates only",
    },
    Rule { module: "layout", forbidden: IO_AND_UI, why: "layout does no I/O and draws nothing" },
    Rule {
        module: "edit",
        forbidden: &["crate::ui", "crate::app", "crate::portal", "crate::sandbox", "crate::secrets", "crate::cli"],
        why: "edit sits below the panels and the app",
    },
    Rule { module: "edit", forbidden: IO_AND_UI, why: "edit is pure: commands, history, selection" },
    Rule {
        module: "ui",
        forbidden: &[
            "crate::secrets",
            "crate::sandbox",
            "crate::app",
            "crate::cli",
            "PortalHandle",
            "PortalClient",
            "std::fs",
            "std::net",
            "std::thread",
            "reqwest::",
            "tokio::",
            "rfd::",
            "webbrowser::",
        ],
        why: "panels read the document and emit intents; services run in the app's background runtime",
    },
    Rule {
        module: "portal",
        forbidden: &["crate::ui", "crate::app", "crate::sandbox", "crate::cli", "egui::", "eframe::"],
        why: "the REST client knows neither the panels nor the sandbox (it is handed a URL)",
    },
    Rule { module: "project", forbidden: BESIDE, why: "project files sit beside the layers, below the app" },
    Rule {
        module: "sandbox",
        forbidden: &["crate::ui", "crate::app", "crate::portal", "crate::secrets", "crate::cli", "egui::"],
        why: "the sandbox emulates a portal; it shares only the validator with the designer",
    },
    Rule { module: "secrets", forbidden: BESIDE, why: "the keyring wrapper knows nothing of its callers" },
    Rule { module: "export", forbidden: BESIDE, why: "exports are pure text from the model" },
    Rule { module: "templates", forbidden: BESIDE, why: "templates are pure data" },
];

/// The code of a source file with comments removed (line comments, doc comments and block
/// comments), so a comment that names a module is not an import. String contents stay: a
/// path inside a string is rare and then worth a look anyway.
fn code_only(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_block = 0usize;
    for (i, line) in src.lines().enumerate() {
        let mut code = String::new();
        let mut rest = line;
        loop {
            if in_block > 0 {
                match rest.find("*/") {
                    Some(e) => {
                        in_block -= 1;
                        rest = &rest[e + 2..];
                    }
                    None => break,
                }
            } else {
                let line_c = rest.find("//");
                // A block comment that opens before any line comment.
                let block_c = rest.find("/*").filter(|&b| line_c.is_none_or(|l| b < l));
                match (line_c, block_c) {
                    (_, Some(b)) => {
                        code.push_str(&rest[..b]);
                        in_block += 1;
                        rest = &rest[b + 2..];
                    }
                    (Some(l), None) => {
                        // `https://` inside a string is not a comment start.
                        if rest[..l].ends_with(':') {
                            code.push_str(&rest[..l + 2]);
                            rest = &rest[l + 2..];
                            continue;
                        }
                        code.push_str(&rest[..l]);
                        break;
                    }
                    (None, None) => {
                        code.push_str(rest);
                        break;
                    }
                }
            }
        }
        out.push((i + 1, code));
    }
    out
}

/// Every violation in one file's source, as "line: `token` (why)".
fn violations(module: &str, src: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lines = code_only(src);
    for rule in RULES.iter().filter(|r| r.module == module) {
        for (n, code) in &lines {
            for tok in rule.forbidden {
                if mentions(code, tok) {
                    found.push(format!("{n}: `{tok}` ({})", rule.why));
                }
            }
        }
    }
    found
}

/// `tok` appears as a path start, not inside a longer identifier (`my_egui::` is not `egui::`).
fn mentions(code: &str, tok: &str) -> bool {
    code.match_indices(tok).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = code[i + tok.len()..].chars().next();
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        // `std::fs` must not match `std::fsx`; a token ending in `::` is already delimited.
        before.is_none_or(|c| !ident(c)) && (tok.ends_with("::") || after.is_none_or(|c| !ident(c)))
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_imports_only_what_its_layer_allows() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "the scan found only {} files under {}", files.len(), src.display());
    let mut report = Vec::new();
    let mut checked = 0;
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let Some(module) = rel.components().next().and_then(|c| c.as_os_str().to_str()) else { continue };
        let module = module.trim_end_matches(".rs");
        if !RULES.iter().any(|r| r.module == module) {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(f).expect("source is UTF-8");
        for v in violations(module, &text) {
            report.push(format!("src/{}:{v}", rel.display()));
        }
    }
    assert!(checked > 40, "only {checked} files were under a rule");
    assert!(report.is_empty(), "forbidden imports:\n{}", report.join("\n"));
}

#[test]
fn the_checker_catches_a_forbidden_import_and_ignores_comments() {
    assert_eq!(violations("layout", "use crate::ui::tokens;\n").len(), 1);
    assert_eq!(violations("layout", "fn f() { let _ = std::fs::read(\"x\"); }\n").len(), 1);
    assert_eq!(violations("portal", "    crate::sandbox::spawn_in_thread(cfg)\n").len(), 1);
    assert_eq!(violations("ui", "use crate::portal::PortalHandle;\n").len(), 1);
    assert_eq!(violations("ui", "use std::net::TcpListener;\n").len(), 1);
    assert_eq!(violations("edit", "use crate::app::Modal;\n").len(), 1);
    assert_eq!(violations("project", "use crate::app::AppEnv;\n").len(), 1);
    assert_eq!(violations("templates", "use egui::Ui;\n").len(), 1);
    // Comments, doc comments, block comments and look-alike names are not imports.
    assert!(
        violations("layout", "//! Unlike crate::ui, this is pure.\n/* crate::app\n still */ use serde;\n").is_empty()
    );
    assert!(violations("layout", "use my_egui::X; let u = \"https://x\"; // crate::ui\n").is_empty());
    assert!(violations("ui", "use crate::portal::ProfileView; // std::fs is not used here\n").is_empty());
    // A violation names its line.
    assert!(violations("layout", "use serde;\n\nuse crate::app::App;\n")[0].starts_with("3: `crate::app`"));
}
