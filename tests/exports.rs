//! Every export is syntactically valid in its language, keeps key order and the exact strings,
//! and carries only placeholders where credentials go.

use b24_activity_designer::export::{self, AUTH_PLACEHOLDER, ExportKind, PORTAL_PLACEHOLDER};
use b24_activity_designer::project::{Project, SendTarget};
use b24_activity_designer::templates;
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

mod common;
use common::require;

/// Strings that break naive quoting in some language.
const NASTY: &str =
    "it's \"quoted\" \\ back\\slash $var ${x} {$y} `tick` </script> ?> */ \n new line \t tab \u{2028} ünï 😀 '\\''";

fn hostile_project() -> Project {
    let mut p = Project::new(
        "Nasty */ ?> name\nline2",
        json!({
            "icon": {"code": "info"},
            "header": {"title": {"en": NASTY, "de": "Grüße"}},
            "body": {"logo": {"code": "document"}, "blocks": {
                "zeta": {"type": "text", "properties": {"value": NASTY, "multiline": true}},
                "alpha": {"type": "link", "properties": {"text": "x", "action": {"type": "restEvent", "id": "e",
                    "actionParams": {"n": 5, "f": 1.5, "b": false, "s": "$HOME", "null": null}}}},
                "empty": {"type": "deadline", "properties": {}}
            }},
            "footer": {"buttons": {}, "menu": {"items": {}}}
        }),
        json!({"pingOffsets": [], "completed": false}),
    );
    p.target = Some(SendTarget { profile: Some("Prod".into()), owner_type_id: 1, owner_id: 999, activity_id: None });
    p
}

fn projects() -> Vec<Project> {
    let mut v = vec![hostile_project()];
    v.extend(templates::list().iter().map(|t| templates::get(t.id).unwrap()));
    v
}

fn run_checker(tool: &str, args: &[&str], file: &Path) {
    let out = Command::new(tool).args(args).arg(file).output().unwrap();
    assert!(
        out.status.success(),
        "{tool} rejected {}:\n{}\n{}\n--- file ---\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(file).unwrap()
    );
}

/// No token-like value: the only long opaque strings are our placeholders.
fn assert_no_secret(text: &str) {
    for bad in ["access_token\":", "refresh_token", "client_secret\""] {
        assert!(!text.contains(bad), "export contains `{bad}`");
    }
    // Any 32+ char run of hex/base64-ish characters looks like a token.
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_alphanumeric() { run + 1 } else { 0 };
        assert!(run < 32, "token-like run in export:\n{text}");
    }
}

#[test]
fn json_exports_parse_back_with_order_and_placeholder() {
    for p in projects() {
        let layout: Value = serde_json::from_str(&export::export(&p, ExportKind::Layout)).unwrap();
        assert_eq!(layout, p.layout);
        let a: Vec<_> = layout["body"]["blocks"].as_object().unwrap().keys().collect();
        let b: Vec<_> = p.layout["body"]["blocks"].as_object().unwrap().keys().collect();
        assert_eq!(a, b, "key order lost");
        let text = export::export(&p, ExportKind::Payload);
        let payload: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(payload["layout"], p.layout);
        assert_eq!(payload["fields"], p.fields);
        assert_eq!(payload["auth"], AUTH_PLACEHOLDER);
        assert_no_secret(&text);
    }
    let hostile = export::payload(&hostile_project());
    assert_eq!((hostile["ownerTypeId"].as_i64(), hostile["ownerId"].as_i64()), (Some(1), Some(999)));
}

#[test]
fn curl_export_is_valid_shell_and_sends_the_exact_body() {
    let dir = tempfile::tempdir().unwrap();
    for (i, p) in projects().iter().enumerate() {
        let text = export::export(p, ExportKind::Curl);
        assert!(text.contains(AUTH_PLACEHOLDER) && text.contains(PORTAL_PLACEHOLDER));
        assert_no_secret(&text);
        let file = dir.path().join(format!("x{i}.sh"));
        std::fs::write(&file, &text).unwrap();
        run_checker("sh", &["-n"], &file);
        // Run the script with a fake `curl` that prints its --data-binary argument.
        let fake =
            "curl() { while [ $# -gt 0 ]; do if [ \"$1\" = --data-binary ]; then printf %s \"$2\"; fi; shift; done; }";
        let out = Command::new("sh").arg("-c").arg(format!("{fake}; . {}", file.display())).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let sent: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(sent, export::payload(p));
    }
}

fn check_language(kind: ExportKind, ext: &str, tool: &str, args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let checker = require::tool(tool);
    for (i, p) in projects().iter().enumerate() {
        let text = export::export(p, kind);
        assert_no_secret(&text);
        assert!(text.contains(export::METHOD));
        let file = dir.path().join(format!("x{i}.{ext}"));
        std::fs::write(&file, &text).unwrap();
        if checker {
            run_checker(tool, args, &file);
        }
    }
}

#[test]
fn php_exports_are_valid_php() {
    check_language(ExportKind::PhpCrest, "php", "php", &["-l"]);
    check_language(ExportKind::PhpSdk, "php", "php", &["-l"]);
    let text = export::export(&hostile_project(), ExportKind::PhpSdk);
    assert!(text.contains(&format!("'{AUTH_PLACEHOLDER}'")));
    // `$` is never inside a double-quoted PHP string.
    assert!(!text.contains("\"$"));
    if !require::tool("php") {
        return;
    }
    // Run the CRest export against a stub CRest and compare the parameters it receives.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("crest.php"),
        "<?php\nclass CRest {\n    public static function call($method, $params) {\n        \
         fwrite(STDERR, json_encode([$method, $params]));\n        \
         return ['result' => ['activity' => ['id' => 1]]];\n    }\n}\n",
    )
    .unwrap();
    for p in projects() {
        let file = dir.path().join("run.php");
        std::fs::write(&file, export::export(&p, ExportKind::PhpCrest)).unwrap();
        let out = Command::new("php").arg(&file).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        let got: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(got[0], export::METHOD);
        assert_eq!(got[1], export::params(&p));
    }
}

#[test]
fn js_export_is_valid_javascript_with_the_exact_params() {
    check_language(ExportKind::Js, "js", "node", &["--check"]);
    if !require::tool("node") {
        return;
    }
    // Evaluate with a stub BX24 and compare the parameters it receives.
    let dir = tempfile::tempdir().unwrap();
    for p in projects() {
        let stub =
            "var BX24 = { callMethod: function (m, params) { process.stdout.write(JSON.stringify([m, params])); } };\n";
        let file = dir.path().join("run.js");
        std::fs::write(&file, format!("{stub}{}", export::export(&p, ExportKind::Js))).unwrap();
        let out = Command::new("node").arg(&file).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let got: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(got[0], export::METHOD);
        assert_eq!(got[1], export::params(&p));
        let keys: Vec<_> = got[1]["layout"].as_object().unwrap().keys().cloned().collect();
        let want: Vec<_> = p.layout.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, want);
    }
}

#[test]
fn python_export_is_valid_python_with_the_exact_params() {
    check_language(ExportKind::Python, "py", "python3", &["-m", "py_compile"]);
    if !require::tool("python3") {
        return;
    }
    // Evaluate with a stub b24pysdk module and compare what the SDK would receive.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("b24pysdk.py"),
        "import json, sys\n\
         class BitrixToken:\n    def __init__(self, **kw): pass\n\
         class _R:\n    result = {'activity': {'id': 1}}\n\
         class _Call:\n    response = _R()\n\
         class _Configurable:\n    def add(self, **kw):\n        sys.stdout.write(json.dumps(kw, ensure_ascii=False))\n        return _Call()\n\
         class _NS:\n    pass\n\
         class Client:\n    def __init__(self, token):\n        self.crm = _NS(); self.crm.activity = _NS(); self.crm.activity.configurable = _Configurable()\n",
    )
    .unwrap();
    for p in projects() {
        let file = dir.path().join("run.py");
        std::fs::write(&file, export::export(&p, ExportKind::Python)).unwrap();
        let out = Command::new("python3").arg(&file).current_dir(dir.path()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8(out.stdout).unwrap();
        let json_part = stdout.rsplit_once("Activity id:").map_or(stdout.as_str(), |(a, _)| a);
        let got: Value = serde_json::from_str(json_part).unwrap();
        assert_eq!(got["owner_type_id"], export::params(&p)["ownerTypeId"]);
        assert_eq!(got["owner_id"], export::params(&p)["ownerId"]);
        assert_eq!(got["fields"], p.fields);
        assert_eq!(got["layout"], p.layout);
    }
}
