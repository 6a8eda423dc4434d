//! The validator against the official documentation's own examples (tests/fixtures/docs, see
//! SOURCES.md there): every docs example must pass without errors, the known doc mistakes give
//! exactly the finding layout.md predicts, and a corpus of docs layouts with ONE realistic
//! mistake each must report that mistake first, with the portal's code at the exact path.

use b24_activity_designer::layout::{
    Catalog, Diagnostic, Severity, ValidateOptions, validate_layout, validate_payload,
};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs")
}

fn load(rel: &str) -> Value {
    let path = docs_dir().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `*.json` files directly in `dir`, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// A bare layout, or a `{ownerTypeId, ownerId | id, fields, layout}` payload.
fn validate(doc: &Value, opts: &ValidateOptions) -> Vec<Diagnostic> {
    match doc.get("layout") {
        Some(layout) => validate_payload(Some(layout), doc.get("fields"), opts),
        None => validate_layout(doc, opts),
    }
}

fn errors(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter().filter(|x| x.is_error()).collect()
}

fn option_sets() -> [(&'static str, ValidateOptions); 2] {
    [("default", ValidateOptions::default()), ("strict", ValidateOptions { strict: true, ..Default::default() })]
}

// ---------- the valid docs examples ----------

#[test]
fn every_docs_example_validates_without_errors() {
    let files = json_files(&docs_dir());
    assert!(files.len() >= 25, "docs corpus went missing: {} files", files.len());
    for file in &files {
        let doc = load(file.file_name().unwrap().to_str().unwrap());
        for (name, opts) in option_sets() {
            let d = validate(&doc, &opts);
            assert!(errors(&d).is_empty(), "{} ({name}) has errors:\n{:#?}", file.display(), errors(&d));
        }
    }
}

/// With a live catalog that holds every code the docs use, the examples are still clean of
/// errors (ENUM_FIELD/WRONG_LANG become errors with a live list).
#[test]
fn docs_examples_pass_with_a_live_catalog() {
    let set = |items: &[&str]| Some(items.iter().map(|s| s.to_string()).collect());
    let catalog = Catalog {
        icons: set(&["info", "document", "call-completed"]),
        logos: set(&["notification", "document", "call-incoming", "list-check"]),
        badges: set(&["CUSTOM"]),
        type_ids: None,
        languages: set(&["en", "de", "ru"]),
    };
    let opts = ValidateOptions { catalog: Some(catalog), strict: true };
    for file in json_files(&docs_dir()) {
        let doc = load(file.file_name().unwrap().to_str().unwrap());
        let d = validate(&doc, &opts);
        assert!(errors(&d).is_empty(), "{} has errors:\n{:#?}", file.display(), errors(&d));
    }
}

/// Warnings the docs examples are expected to raise (and no others of these codes).
#[test]
fn docs_examples_raise_the_expected_warnings() {
    let opts = ValidateOptions::default();
    let d = validate(&load("add_payload_js_date.json"), &opts);
    assert!(d.iter().any(|x| x.code == "DESIGNER_DEADLINE_FORMAT" && x.path == "/fields/deadline"), "{d:#?}");
    assert!(d.iter().any(|x| x.code == "DESIGNER_UNVERIFIED_CODE" && x.path == "/fields/badgeCode"), "{d:#?}");
    let d = validate(&load("en_examples_action_types.json"), &opts);
    for path in ["/footer/buttons/button1/action/animationType", "/footer/buttons/button2/action/animationType"] {
        assert!(d.iter().any(|x| x.code == "DESIGNER_ACTION_LOCK" && x.path == path), "{d:#?}");
    }
    // The deadline block of the fields card sits in a payload without a deadline: hidden.
    let card = load("en_examples_fields_card.json");
    let d = validate_payload(Some(&card), Some(&json!({})), &opts);
    assert!(
        d.iter().any(|x| x.code == "DESIGNER_DEADLINE_HIDDEN" && x.path == "/body/blocks/deadline/properties/block"),
        "{d:#?}"
    );
}

/// [N-only] docs examples (newer portal features): fine by default (a version warning), an
/// error only in strict mode, which targets older portals.
#[test]
fn newer_docs_examples_need_newer_portals() {
    const NEWER: &[(&str, &str)] = &[("newer/en_footer_object_example.json", "/footer/showNote")];
    assert_eq!(json_files(&docs_dir().join("newer")).len(), NEWER.len(), "every newer file needs a row");
    for &(file, path) in NEWER {
        let doc = load(file);
        let d = validate(&doc, &ValidateOptions::default());
        assert!(errors(&d).is_empty(), "{file}: {d:#?}");
        assert!(d.iter().any(|x| x.code == "FIELD_IS_REDUNDANT" && x.path == path), "{file}: {d:#?}");
        let d = validate(&doc, &ValidateOptions { strict: true, ..Default::default() });
        let e: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
        assert_eq!(e, [("FIELD_IS_REDUNDANT", path)], "{file}");
    }
}

// ---------- the known doc mistakes ----------

type Finding = (Severity, &'static str, &'static str);

const KNOWN_INVALID: &[(&str, &[Finding])] = &[
    (
        "en_layout_old_string_boolean.json",
        &[(Severity::Warning, "DESIGNER_STRING_BOOLEAN", "/footer/menu/showPostponeItem")],
    ),
    (
        "footer_menu_string_booleans.json",
        &[
            (Severity::Warning, "DESIGNER_STRING_BOOLEAN", "/footer/menu/showPostponeItem"),
            (Severity::Warning, "DESIGNER_STRING_BOOLEAN", "/footer/menu/showDeleteItem"),
        ],
    ),
    ("body_logo_call.json", &[(Severity::Warning, "ENUM_FIELD", "/body/logo/code")]),
    ("body_empty_blocks.json", &[(Severity::Error, "DESIGNER_EMPTY_BLOCKS", "/body/blocks")]),
    ("old_tag_scope.json", &[(Severity::Error, "FIELD_IS_REDUNDANT", "/header/tags/status2/scope")]),
    (
        "old_tag_hide_if_readonly.json",
        &[(Severity::Error, "FIELD_IS_REDUNDANT", "/header/tags/status2/hideIfReadonly")],
    ),
    ("old_tag_lavender.json", &[(Severity::Error, "ENUM_FIELD", "/header/tags/status2/type")]),
    ("old_text_color_green.json", &[(Severity::Error, "ENUM_FIELD", "/body/blocks/text/properties/color")]),
    (
        "update_payload_incoming_with_deadline.json",
        &[(Severity::Error, "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE", "/fields/isIncomingChannel")],
    ),
    (
        "real_app_no_icon_no_logo.json",
        // The portal's order: LayoutDto's own required `icon` before anything inside `body`.
        &[(Severity::Error, "FIELD_IS_REQUIRED", "/icon"), (Severity::Error, "FIELD_IS_REQUIRED", "/body/logo")],
    ),
];

#[test]
fn known_doc_mistakes_give_exactly_the_predicted_findings() {
    let dir = docs_dir().join("known_invalid");
    let files = json_files(&dir);
    assert_eq!(files.len(), KNOWN_INVALID.len(), "every known_invalid file needs a table row");
    for (file, expected) in KNOWN_INVALID {
        let doc = load(&format!("known_invalid/{file}"));
        let d = validate(&doc, &ValidateOptions::default());
        for (sev, code, path) in *expected {
            assert!(
                d.iter().any(|x| x.severity == *sev && x.code == *code && x.path == *path),
                "{file}: expected {sev:?} {code} at {path}, got:\n{d:#?}"
            );
        }
        let got: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
        let want: Vec<(&str, &str)> = expected.iter().filter(|f| f.0 == Severity::Error).map(|f| (f.1, f.2)).collect();
        assert_eq!(got, want, "{file}: errors differ from the prediction");
    }
}

/// With the portal's live logo list, the docs' `call` logo is a real ENUM_FIELD error.
#[test]
fn logo_call_is_an_error_against_a_live_logo_list() {
    let catalog = Catalog { logos: Some(["call-incoming".to_string()].into()), ..Default::default() };
    let d = validate(
        &load("known_invalid/body_logo_call.json"),
        &ValidateOptions { catalog: Some(catalog), strict: false },
    );
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{d:#?}");
    assert_eq!((e[0].code.as_str(), e[0].path.as_str()), ("ENUM_FIELD", "/body/logo/code"));
}

#[path = "validate_docs/broken.rs"]
mod broken;
#[path = "validate_docs/server.rs"]
mod server;
