//! The command line, run as a user or a CI script would: exit codes, output shapes, flags.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_b24-activity-designer");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("binary runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn valid_layout() -> Value {
    json!({
        "icon": {"code": "info"},
        "header": {"title": "Hello"},
        "body": {"logo": {"code": "document"}, "blocks": {"t": {"type": "text", "properties": {"value": "Hi"}}}}
    })
}

/// A layout the validator must reject: a tag type outside the enum.
fn broken_layout() -> Value {
    let mut l = valid_layout();
    l["header"]["tags"] = json!({"t": {"title": "x", "type": "lavender"}});
    l
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A payload whose layout has a key literally named `fields`: the finding is that layout key
/// (`pointer` under `/layout`), not the payload's activity fields.
#[test]
fn a_layout_key_named_fields_points_into_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut layout = valid_layout();
    layout["fields"] = json!({"completed": "N"});
    let payload =
        write(dir.path(), "pf.json", &json!({"ownerTypeId": 2, "ownerId": 1, "fields": {}, "layout": layout}));
    let o = run(&["validate", s(&payload), "--format", "json"]);
    let arr: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = arr.as_array().unwrap().iter().find(|d| d["path"] == "/fields").unwrap_or_else(|| panic!("{arr}"));
    assert_eq!(d["pointer"], "/layout/fields", "{arr}");
    let bare = write(dir.path(), "lf.json", &layout);
    let o = run(&["validate", s(&bare), "--format", "json"]);
    let arr: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = arr.as_array().unwrap().iter().find(|d| d["path"] == "/fields").unwrap_or_else(|| panic!("{arr}"));
    assert_eq!(d["pointer"], "/fields", "a bare layout file is the layout itself: {arr}");
}

#[test]
fn validate_exit_codes_and_json_shape() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.json", &valid_layout());
    let payload = write(
        dir.path(),
        "payload.json",
        &json!({"ownerTypeId": 2, "ownerId": 1, "fields": {}, "layout": valid_layout(), "auth": "x"}),
    );
    let o = run(&["validate", s(&good), s(&payload), "--format", "json"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    let arr: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(arr.as_array().unwrap().iter().all(|d| d["severity"] != "error"), "{arr}");

    let bad = write(dir.path(), "bad.json", &broken_layout());
    let o = run(&["validate", s(&good), s(&bad), "--format", "json"]);
    let arr: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(code(&o), 1);
    let err = arr.as_array().unwrap().iter().find(|d| d["severity"] == "error").expect("an error");
    let keys: Vec<_> = err.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["file", "severity", "code", "path", "message", "pointer"]);
    assert_eq!(err["file"], s(&bad));
    assert_eq!(err["code"], "ENUM_FIELD");
    assert_eq!(err["path"], "/header/tags/t/type");
    assert_eq!(err["pointer"], "/header/tags/t/type");
    // The same layout inside a payload: same path, pointer under /layout.
    let in_payload =
        write(dir.path(), "bp.json", &json!({"ownerTypeId": 2, "ownerId": 1, "fields": {}, "layout": broken_layout()}));
    let o = run(&["validate", s(&in_payload), "--format", "json"]);
    assert_eq!(code(&o), 1);
    let arr: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let err = arr.as_array().unwrap().iter().find(|d| d["code"] == "ENUM_FIELD").unwrap();
    assert_eq!(err["path"], "/header/tags/t/type");
    assert_eq!(err["pointer"], "/layout/header/tags/t/type");
    // A payload without its layout: the portal's ERROR_EMPTY_LAYOUT, pointing at /layout.
    let no_layout = write(dir.path(), "nl.json", &json!({"ownerTypeId": 2, "ownerId": 1, "fields": {}}));
    let o = run(&["validate", s(&no_layout), "--format", "json"]);
    assert_eq!(code(&o), 1);
    let arr: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(arr[0]["code"], "ERROR_EMPTY_LAYOUT", "{arr}");
    assert_eq!(arr[0]["pointer"], "/layout");

    // Unparseable JSON: exit 2, still one JSON array with the other files' results.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"icon\": \n").unwrap();
    let missing = dir.path().join("missing.json");
    let o = run(&["validate", s(&good), s(&broken), s(&missing), "--format", "json"]);
    assert_eq!(code(&o), 2);
    let arr: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arr = arr.as_array().unwrap();
    let b = arr.iter().find(|d| d["file"] == s(&broken)).unwrap();
    assert_eq!(b["code"], "DESIGNER_INVALID_JSON");
    assert!(b["message"].as_str().unwrap().contains("line 3"), "{b}");
    assert!(arr.iter().any(|d| d["file"] == s(&missing) && d["code"] == "DESIGNER_UNREADABLE_FILE"));
}

#[test]
fn validate_text_format_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.json", &valid_layout());
    let o = run(&["validate", s(&good)]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).lines().last().unwrap().starts_with("1 file: 0 errors"), "{}", stdout(&o));

    // A translation into a language the catalog does not list: WRONG_LANG only with the catalog.
    let mut l = valid_layout();
    l["header"]["title"] = json!({"en": "Hello", "xx": "??"});
    let translated = write(dir.path(), "tr.json", &l);
    let catalog = write(dir.path(), "catalog.json", &json!({"languages": ["en", "de"]}));
    let without = run(&["validate", s(&translated)]);
    let with = run(&["validate", s(&translated), "--catalog", s(&catalog)]);
    assert_eq!(code(&without), 0, "{}", stdout(&without));
    assert_eq!(code(&with), 1, "{}", stdout(&with));
    let line = stdout(&with).lines().find(|l| l.contains("WRONG_LANG")).map(str::to_string).unwrap();
    assert!(
        line.starts_with(&format!("{}:/header/title", s(&translated))) && line.contains(": error WRONG_LANG: "),
        "{line}"
    );

    // [N-only] feature: a warning by default, an error with --strict.
    let mut n = valid_layout();
    n["footer"] = json!({"showNote": false});
    let newer = write(dir.path(), "newer.json", &n);
    assert_eq!(code(&run(&["validate", s(&newer)])), 0);
    assert_eq!(code(&run(&["validate", s(&newer), "--strict"])), 1);
    // A catalog that cannot be read is exit 2.
    let o = run(&["validate", s(&good), "--catalog", s(&dir.path().join("none.json"))]);
    assert_eq!(code(&o), 2);
    // A project file newer than supported: exit 2 with a clear message.
    let newer = write(dir.path(), "v9.json", &json!({"format": "b24-activity-designer-project", "version": 9}));
    let o = run(&["validate", s(&newer)]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).contains("newer"), "{}", stdout(&o));
}

#[test]
fn templates_new_and_export() {
    let o = run(&["templates"]);
    assert_eq!(code(&o), 0);
    let list = stdout(&o);
    assert!(list.lines().count() >= 8);
    assert!(list.lines().any(|l| l.starts_with("incoming-call") && l.contains("Incoming call")), "{list}");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("card.json");
    let o = run(&["new", "--template", "payment", "-o", s(&out)]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let created: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(created["format"], "b24-activity-designer-project");
    assert_eq!(created["name"], "Payment");
    // Never overwrites.
    std::fs::write(&out, "keep me").unwrap();
    let o = run(&["new", "--template", "payment", "-o", s(&out)]);
    assert_ne!(code(&o), 0);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    // Stdout without -o; unknown template names the available ones.
    let o = run(&["new", "--template", "meeting"]);
    assert_eq!(code(&o), 0);
    assert_eq!(serde_json::from_str::<Value>(&stdout(&o)).unwrap()["name"], "Meeting");
    let o = run(&["new", "--template", "nope"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("incoming-call"));

    // The new project validates and exports.
    std::fs::remove_file(&out).unwrap();
    assert_eq!(code(&run(&["new", "--template", "payment", "-o", s(&out)])), 0);
    assert_eq!(code(&run(&["validate", s(&out)])), 0);
    let o = run(&["export", s(&out), "--as", "payload"]);
    assert_eq!(code(&o), 0);
    let payload: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(payload["layout"], created["layout"]);
    assert_eq!(payload["auth"], "YOUR_ACCESS_TOKEN");
    for as_ in ["layout", "curl", "php", "php-sdk", "js", "python"] {
        let o = run(&["export", s(&out), "--as", as_]);
        assert_eq!(code(&o), 0, "{as_}");
        assert!(!stdout(&o).is_empty(), "{as_}");
    }
    let js = dir.path().join("send.js");
    assert_eq!(code(&run(&["export", s(&out), "--as", "js", "-o", s(&js)])), 0);
    assert!(std::fs::read_to_string(&js).unwrap().starts_with("// Adds the configurable activity \"Payment\""));
    assert_eq!(code(&run(&["export", s(&dir.path().join("missing.json")), "--as", "js"])), 2);
}

#[test]
fn a_file_argument_opens_the_window_with_it_and_subcommands_still_win() {
    use b24_activity_designer::cli::{Cli, Command};
    use clap::Parser;
    let cli = Cli::try_parse_from(["b24-activity-designer", "card.json"]).expect("a file argument parses");
    assert!(cli.command.is_none());
    assert_eq!(cli.open.as_deref(), Some(Path::new("card.json")));
    let cli = Cli::try_parse_from(["b24-activity-designer", "validate", "card.json"]).expect("subcommand parses");
    assert!(matches!(cli.command, Some(Command::Validate { .. })) && cli.open.is_none());
    assert!(Cli::try_parse_from(["b24-activity-designer", "a.json", "b.json"]).is_err(), "one file at a time");
    let help = stdout(&run(&["--help"]));
    assert!(help.contains("[FILE]"), "{help}");
}
