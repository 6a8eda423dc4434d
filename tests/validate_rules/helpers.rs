//! Builders and assertions shared by the rule tests.

pub use b24_activity_designer::layout::validate::summary;
pub use b24_activity_designer::layout::{
    Catalog, Diagnostic, Severity, ValidateOptions, validate_fields, validate_layout, validate_payload,
};
pub use serde_json::{Map, Value, json};
pub use std::collections::BTreeSet;

// ---------- helpers ----------

/// The smallest valid layout: no diagnostics at all.
pub fn base() -> Value {
    json!({
        "icon": {"code": "info"},
        "header": {"title": "Call"},
        "body": {
            "logo": {"code": "call-incoming"},
            "blocks": {"b1": {"type": "text", "properties": {"value": "Hello"}}}
        }
    })
}

/// A layout using every block type, every action type, tags, both buttons and the menu.
pub fn full() -> Value {
    json!({
        "icon": {"code": "call-completed"},
        "header": {
            "title": {"en": "Call", "de": "Anruf"},
            "titleAction": {"type": "redirect", "uri": "/crm/deal/details/1/"},
            "tags": {
                "t1": {"title": "Done", "type": "success"},
                "t2": {"title": "VIP", "type": "primary", "action": {"type": "redirect", "uri": "https://example.com"}}
            }
        },
        "body": {
            "logo": {"code": "call-incoming", "action": {"type": "redirect", "uri": "/crm/lead/details/2/"}},
            "blocks": {
                "text": {"type": "text", "properties": {"value": "A\nB", "multiline": true, "bold": false,
                         "size": "sm", "color": "base_70", "title": "tip", "scope": "web"}},
                "large": {"type": "largeText", "properties": {"value": "Long"}},
                "link": {"type": "link", "properties": {"text": "Open", "bold": true,
                         "action": {"type": "redirect", "uri": "/crm/contact/details/3/"}}},
                "wt": {"type": "withTitle", "properties": {"title": "Client", "inline": true,
                       "block": {"type": "text", "properties": {"value": "Ann"}}}},
                "line": {"type": "lineOfBlocks", "properties": {"blocks": {
                    "a": {"type": "text", "properties": {"value": "Some"}},
                    "b": {"type": "link", "properties": {"text": "link", "action": {"type": "redirect", "uri": "/x/"}}},
                    "c": {"type": "deadline"}
                }}},
                "dl": {"type": "deadline", "properties": {"readonly": true}}
            }
        },
        "footer": {
            "buttons": {
                "ok": {"title": "OK", "type": "primary", "action": {"type": "restEvent", "id": "ok",
                       "actionParams": {"clientId": 456, "flag": true, "name": "x"}}},
                "app": {"title": "App", "type": "secondary", "scope": "web", "hideIfReadonly": true,
                        "action": {"type": "openRestApp", "actionParams": {"a": "1"},
                                   "sliderParams": {"width": 600, "title": "T", "labelText": "L",
                                                    "labelBgColor": "aqua", "labelColor": "#2fc6f6"}}}
            },
            "menu": {
                "showPinItem": true, "showPostponeItem": false, "showDeleteItem": true,
                "items": {"m1": {"title": "Open", "action": {"type": "redirect", "uri": "/crm/"}, "scope": "web"}}
            }
        }
    })
}

pub fn opts() -> ValidateOptions {
    ValidateOptions::default()
}

pub fn strict() -> ValidateOptions {
    ValidateOptions { strict: true, ..Default::default() }
}

pub fn with_catalog(f: impl FnOnce(&mut Catalog)) -> ValidateOptions {
    let mut c = Catalog::default();
    f(&mut c);
    ValidateOptions { catalog: Some(c), strict: false }
}

pub fn set_of(items: &[&str]) -> Option<BTreeSet<String>> {
    Some(items.iter().map(|s| s.to_string()).collect())
}

pub fn check(l: &Value) -> Vec<Diagnostic> {
    validate_layout(l, &opts())
}

/// Sets the value at a JSON Pointer; the parent must exist (object key inserted or replaced).
pub fn set(mut l: Value, ptr: &str, val: Value) -> Value {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    let key = key.replace("~1", "/").replace("~0", "~");
    match l.pointer_mut(parent).unwrap_or_else(|| panic!("no parent {parent}")) {
        Value::Object(m) => {
            m.insert(key, val);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = val,
        _ => panic!("parent {parent} is not a container"),
    }
    l
}

pub fn del(mut l: Value, ptr: &str) -> Value {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    l.pointer_mut(parent).unwrap().as_object_mut().unwrap().shift_remove(key).expect("nothing to delete");
    l
}

/// A layout with one block `b1` replaced.
pub fn block(b: Value) -> Value {
    set(base(), "/body/blocks/b1", b)
}

/// A layout with one footer button `k` whose action is `action`.
pub fn button_action(action: Value) -> Value {
    set(base(), "/footer", json!({"buttons": {"k": {"title": "B", "type": "primary", "action": action}}}))
}

pub fn text_block(i: usize) -> Value {
    json!({"type": "text", "properties": {"value": format!("t{i}")}})
}

pub fn keyed(n: usize, item: impl Fn(usize) -> Value) -> Value {
    Value::Object((0..n).map(|i| (format!("k{i}"), item(i))).collect::<Map<_, _>>())
}

#[track_caller]
pub fn expect(d: &[Diagnostic], severity: Severity, code: &str, path: &str) {
    assert!(
        d.iter().any(|x| x.severity == severity && x.code == code && x.path == path),
        "expected {severity:?} {code} at {path:?}, got:\n{d:#?}"
    );
}

#[track_caller]
pub fn err(d: &[Diagnostic], code: &str, path: &str) {
    expect(d, Severity::Error, code, path);
}

#[track_caller]
pub fn warn(d: &[Diagnostic], code: &str, path: &str) {
    expect(d, Severity::Warning, code, path);
}

#[track_caller]
pub fn no_errors(d: &[Diagnostic]) {
    assert!(!d.iter().any(Diagnostic::is_error), "expected no errors, got:\n{d:#?}");
}

#[track_caller]
pub fn clean(d: &[Diagnostic]) {
    assert!(d.is_empty(), "expected no diagnostics, got:\n{d:#?}");
}

#[track_caller]
pub fn absent(d: &[Diagnostic], code: &str) {
    assert!(!d.iter().any(|x| x.code == code), "unexpected {code}:\n{d:#?}");
}

pub fn menu(sections: Value, items: Value) -> Value {
    set(base(), "/footer", json!({"menu": {"sections": sections, "items": items}}))
}

pub fn item(section: Option<&str>) -> Value {
    let mut i = json!({"title": "x", "action": {"type": "redirect", "uri": "/"}});
    if let Some(s) = section {
        i["sectionCode"] = json!(s);
    }
    i
}

pub fn fields(f: Value) -> Vec<Diagnostic> {
    validate_fields(&f, &opts())
}
