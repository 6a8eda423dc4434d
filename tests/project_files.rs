//! Project files: round trip, atomic save, load errors, versions, payloads and bare layouts;
//! plus the starter templates validating cleanly.

use b24_activity_designer::layout::{ValidateOptions, diagnostic::has_errors, validate_payload};
use b24_activity_designer::project::{
    self, FORMAT_ID, LoadError, PreviewScope, Project, SendTarget, SourceKind, load_bytes, load_file, save_project,
    write_atomic_with,
};
use b24_activity_designer::templates;
use serde_json::{Value, json};
use std::io::Write;

mod common;
use common::require;

fn sample() -> Project {
    let mut p = Project::new(
        "Délivery \"card\" $x",
        json!({
            "icon": {"code": "info"},
            "header": {"title": {"en": "Hi", "de": "Hallo"}},
            "body": {"logo": {"code": "document"}, "blocks": {"z": {"type": "text", "properties": {"value": "a\nb"}},
                                                              "a": {"type": "deadline", "properties": {}}}},
            "unknownKey": [1, 2.5, null]
        }),
        json!({"deadline": "2026-01-01T10:00:00+03:00", "completed": "Y"}),
    );
    p.target =
        Some(SendTarget { profile: Some("Sandbox".into()), owner_type_id: 2, owner_id: 15, activity_id: Some(7) });
    p.preview.scope = PreviewScope::Mobile;
    p.preview.dark = true;
    p
}

fn keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn numbers_survive_save_and_reopen_exactly() {
    // Found by the project_load fuzz target: without serde_json's exact float parsing, a long
    // number read back from the saved file was one step (ulp) off, so every save changed it.
    let long = "5".repeat(52);
    let text = format!(
        "{{\"body\": {{\"blocks\": {{\"t\": {{\"type\": \"text\", \"properties\": {{\"value\": {long}}}}}}}}}}}"
    );
    let opened = load_bytes(text.as_bytes(), "n.json").unwrap();
    // The nearest double to 5…5 (52 digits), as any correct reader gets it.
    assert_eq!(
        opened.project.layout.pointer("/body/blocks/t/properties/value").unwrap().as_f64(),
        Some(5.5555555555555554e51)
    );
    let again = load_bytes(opened.project.to_json_string().as_bytes(), "n.json").unwrap();
    assert_eq!(again.project, opened.project);
}

#[test]
fn save_then_load_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("card.b24.json");
    let p = sample();
    save_project(&path, &p).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, p.to_json_string());
    assert!(text.ends_with("}\n"));
    let loaded = load_file(&path).unwrap();
    assert_eq!(loaded.kind, SourceKind::Project);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.project, p);
    // Key order (display order) survives.
    assert_eq!(keys(&loaded.project.layout["body"]["blocks"]), ["z", "a"]);
    // Saving again gives the same bytes (git-friendly).
    save_project(&path, &loaded.project).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // No temp files are left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn failed_save_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    save_project(&path, &sample()).unwrap();
    let before = std::fs::read(&path).unwrap();
    // A write that fails halfway (disk full, I/O error).
    let err = write_atomic_with(&path, |f| {
        f.write_all(b"{\"format\": \"b24-act")?;
        Err(std::io::Error::other("injected failure"))
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "injected failure");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [std::ffi::OsString::from("p.json")], "temp file left behind");
    // A folder that does not exist: error, nothing created.
    assert!(save_project(&dir.path().join("missing/p.json"), &sample()).is_err());
}

/// Set in the child that [`rerun_without_dac_override`] starts.
const NO_DAC_CHILD: &str = "B24AD_TEST_NO_DAC_OVERRIDE";

/// Runs one test of this binary again, as the same user but without the capabilities that
/// let root ignore file permissions, and fails unless it ran and passed there.
fn rerun_without_dac_override(test: &str) {
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new("setpriv")
        .args(["--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", "--"])
        .arg(exe)
        .args(["--exact", test, "--test-threads=1", "--nocapture"])
        .env(NO_DAC_CHILD, "1")
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success() && stdout.contains("1 passed") && !stderr.contains("skipped:"),
        "the test without CAP_DAC_OVERRIDE:\n{stdout}\n{stderr}"
    );
}

#[test]
fn save_into_a_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    save_project(&path, &sample()).unwrap();
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::File::create(dir.path().join("probe")).is_ok() {
        // Root ignores folder permissions (CAP_DAC_OVERRIDE): run this test again in a child
        // without that capability, so it checks the real thing instead of skipping.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if std::env::var_os(NO_DAC_CHILD).is_none() && require::tool("setpriv") {
            rerun_without_dac_override("save_into_a_read_only_folder_fails_cleanly");
        } else {
            require::missing("folder permissions are ignored here (root with CAP_DAC_OVERRIDE)");
        }
        return;
    }
    let mut changed = sample();
    changed.name = "changed".into();
    assert!(save_project(&path, &changed).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn load_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.json");
    std::fs::write(&path, "{\n  \"icon\": {\"code\": \"info\"}\n  \"header\": {}\n}\n").unwrap();
    let e = load_file(&path).unwrap_err();
    assert!(matches!(e, LoadError::Syntax { line: 3, column: 3, .. }), "{e:?}");
    assert_eq!(e.to_string(), format!("{}:3:3: expected `,` or `}}`", path.display()));
    let e = load_bytes(b"{\"a\": [1, 2", "t.json").unwrap_err();
    assert!(e.to_string().starts_with("t.json:1:11: EOF while parsing"), "{e}");
    let e = load_file(&dir.path().join("nope.json")).unwrap_err();
    assert!(e.to_string().contains("nope.json: cannot read"), "{e}");
}

#[test]
fn newer_version_is_refused() {
    let text = format!(r#"{{"format": "{FORMAT_ID}", "version": 2, "name": "n", "layout": {{}}}}"#);
    let e = load_bytes(text.as_bytes(), "new.json").unwrap_err();
    assert!(matches!(e, LoadError::NewerVersion { found: 2, .. }));
    let msg = e.to_string();
    assert!(msg.starts_with("new.json: ") && msg.contains("version 2 is newer") && msg.contains("update"), "{msg}");
}

#[test]
fn version_0_is_migrated() {
    let v0 = br#"{"name": "Old card", "layout": {"icon": {"code": "call"}}, "fields": {"completed": true}}"#;
    let l = load_bytes(v0, "old.json").unwrap();
    assert_eq!(l.kind, SourceKind::Project);
    assert_eq!(l.project.name, "Old card");
    assert_eq!(l.project.layout, json!({"icon": {"code": "call"}}));
    assert_eq!(l.project.fields, json!({"completed": true}));
    assert!(l.warnings.iter().any(|w| w.contains("migrated from project format version 0")), "{:?}", l.warnings);
    // Saving writes the current version.
    let v = l.project.to_value();
    assert_eq!(v["version"], 1);
    assert_eq!(v["format"], FORMAT_ID);
    // An explicit version 0 with the format marker migrates too.
    let explicit = format!(r#"{{"format": "{FORMAT_ID}", "version": 0, "name": "n", "layout": {{}}}}"#);
    assert!(load_bytes(explicit.as_bytes(), "e.json").unwrap().warnings[0].contains("version 0"));
}

#[test]
fn payload_auth_is_dropped() {
    let payload = br#"{"ownerTypeId": 1, "ownerId": 999, "fields": {"typeId": "CONFIGURABLE"},
        "layout": {"icon": {"code": "info"}}, "auth": "d1e5f9a7c3b2secret-token"}"#;
    let l = load_bytes(payload, "/tmp/pasted.json").unwrap();
    assert_eq!(l.kind, SourceKind::Payload);
    assert_eq!(l.project.name, "pasted");
    assert_eq!(l.project.layout, json!({"icon": {"code": "info"}}));
    assert_eq!(l.project.fields, json!({"typeId": "CONFIGURABLE"}));
    let t = l.project.target.clone().unwrap();
    assert_eq!((t.owner_type_id, t.owner_id, t.profile), (1, 999, None));
    assert!(l.warnings.iter().any(|w| w.contains("auth")));
    let saved = l.project.to_json_string();
    assert!(!saved.contains("secret-token") && !saved.contains("\"auth\""), "{saved}");
}

#[test]
fn bare_layout_opens() {
    let layout = br#"{"icon": {"code": "info"}, "header": {"title": "T"}, "body": {"logo": {"code": "document"}, "blocks": {}}}"#;
    let l = load_bytes(layout, "dir/my-layout.json").unwrap();
    assert_eq!(l.kind, SourceKind::Layout);
    assert_eq!(l.project.name, "my-layout");
    assert_eq!(keys(&l.project.layout), ["icon", "header", "body"]);
    assert_eq!(l.project.fields, json!({}));
    assert!(l.project.target.is_none());
    // Anything else that is JSON also opens as a (broken) layout for the validator to report.
    assert_eq!(load_bytes(b"[1]", "a.json").unwrap().kind, SourceKind::Layout);
    assert_eq!(load_bytes(b"\xEF\xBB\xBF{}", "bom.json").unwrap().kind, SourceKind::Layout);
}

#[test]
fn arbitrary_bytes_never_panic_the_loader() {
    let samples: [&[u8]; 8] = [
        b"",
        b"\xff\xfe",
        b"null",
        b"{\"format\": \"b24-activity-designer-project\"}",
        b"{\"format\": \"b24-activity-designer-project\", \"version\": 18446744073709551615}",
        b"{\"layout\": 1, \"ownerTypeId\": {}, \"ownerId\": []}",
        b"{\"name\": 5, \"layout\": null, \"target\": 3, \"preview\": {\"cardWidth\": \"x\"}, \"version\": 0, \"format\": \"b24-activity-designer-project\"}",
        b"{\"name\": \"n\", \"layout\": {}, \"target\": {\"ownerTypeId\": 1}}",
    ];
    for s in samples {
        let _ = project::load_bytes(s, "f");
    }
}

#[test]
fn every_template_validates_without_errors() {
    let opts = ValidateOptions::default();
    for t in templates::list() {
        let p = templates::get(t.id).expect(t.id);
        let diags = validate_payload(Some(&p.layout), Some(&p.fields), &opts);
        assert!(!has_errors(&diags), "template {} has errors: {diags:#?}", t.id);
    }
}

mod hostile {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            prop_oneof![
                Just("format"),
                Just("version"),
                Just("layout"),
                Just("b24-activity-designer-project"),
                Just("")
            ]
            .prop_map(Value::from),
            ".{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(
                    (
                        prop_oneof![
                            Just("format".to_string()),
                            Just("version".to_string()),
                            Just("name".to_string()),
                            Just("layout".to_string()),
                            Just("fields".to_string()),
                            Just("target".to_string()),
                            Just("preview".to_string()),
                            Just("ownerTypeId".to_string()),
                            Just("ownerId".to_string()),
                            Just("auth".to_string()),
                            "[a-z]{1,4}",
                        ],
                        inner
                    ),
                    0..6
                )
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = project::load_bytes(&bytes, "f");
        }

        #[test]
        fn any_json_never_panics_and_never_keeps_auth(v in json_value()) {
            let text = serde_json::to_string(&v).unwrap();
            if let Ok(l) = project::load_bytes(text.as_bytes(), "f") {
                let saved = l.project.to_value();
                prop_assert!(saved.get("auth").is_none());
                // What was saved loads back to the same project.
                let again = project::load_bytes(l.project.to_json_string().as_bytes(), "f").unwrap();
                prop_assert_eq!(again.project, l.project);
            }
        }
    }
}
