//! Rule-by-rule tests of the validator (layout.md §11 V1–V19, §8): each rule has a passing and a
//! failing case at its boundary, with exact code, path and severity.

use b24_activity_designer::layout::validate::summary;
use b24_activity_designer::layout::{
    Catalog, Diagnostic, Severity, ValidateOptions, validate_fields, validate_layout, validate_payload,
};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

// ---------- helpers ----------

/// The smallest valid layout: no diagnostics at all.
fn base() -> Value {
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
fn full() -> Value {
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

fn opts() -> ValidateOptions {
    ValidateOptions::default()
}

fn strict() -> ValidateOptions {
    ValidateOptions { strict: true, ..Default::default() }
}

fn with_catalog(f: impl FnOnce(&mut Catalog)) -> ValidateOptions {
    let mut c = Catalog::default();
    f(&mut c);
    ValidateOptions { catalog: Some(c), strict: false }
}

fn set_of(items: &[&str]) -> Option<BTreeSet<String>> {
    Some(items.iter().map(|s| s.to_string()).collect())
}

fn check(l: &Value) -> Vec<Diagnostic> {
    validate_layout(l, &opts())
}

/// Sets the value at a JSON Pointer; the parent must exist (object key inserted or replaced).
fn set(mut l: Value, ptr: &str, val: Value) -> Value {
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

fn del(mut l: Value, ptr: &str) -> Value {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    l.pointer_mut(parent).unwrap().as_object_mut().unwrap().shift_remove(key).expect("nothing to delete");
    l
}

/// A layout with one block `b1` replaced.
fn block(b: Value) -> Value {
    set(base(), "/body/blocks/b1", b)
}

/// A layout with one footer button `k` whose action is `action`.
fn button_action(action: Value) -> Value {
    set(base(), "/footer", json!({"buttons": {"k": {"title": "B", "type": "primary", "action": action}}}))
}

fn text_block(i: usize) -> Value {
    json!({"type": "text", "properties": {"value": format!("t{i}")}})
}

fn keyed(n: usize, item: impl Fn(usize) -> Value) -> Value {
    Value::Object((0..n).map(|i| (format!("k{i}"), item(i))).collect::<Map<_, _>>())
}

#[track_caller]
fn expect(d: &[Diagnostic], severity: Severity, code: &str, path: &str) {
    assert!(
        d.iter().any(|x| x.severity == severity && x.code == code && x.path == path),
        "expected {severity:?} {code} at {path:?}, got:\n{d:#?}"
    );
}

#[track_caller]
fn err(d: &[Diagnostic], code: &str, path: &str) {
    expect(d, Severity::Error, code, path);
}

#[track_caller]
fn warn(d: &[Diagnostic], code: &str, path: &str) {
    expect(d, Severity::Warning, code, path);
}

#[track_caller]
fn no_errors(d: &[Diagnostic]) {
    assert!(!d.iter().any(Diagnostic::is_error), "expected no errors, got:\n{d:#?}");
}

#[track_caller]
fn clean(d: &[Diagnostic]) {
    assert!(d.is_empty(), "expected no diagnostics, got:\n{d:#?}");
}

#[track_caller]
fn absent(d: &[Diagnostic], code: &str) {
    assert!(!d.iter().any(|x| x.code == code), "unexpected {code}:\n{d:#?}");
}

// ---------- baseline ----------

#[test]
fn minimal_layout_is_clean() {
    clean(&check(&base()));
}

#[test]
fn full_layout_has_no_errors_and_only_the_expected_warnings() {
    let d = check(&full());
    no_errors(&d);
    let codes: BTreeSet<&str> = d.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(codes, BTreeSet::from(["DESIGNER_REST_EVENT", "DESIGNER_OPEN_REST_APP"]), "{d:#?}");
    // One informational warning per action.
    assert_eq!(d.len(), 2);
    warn(&d, "DESIGNER_REST_EVENT", "/footer/buttons/ok/action");
    warn(&d, "DESIGNER_OPEN_REST_APP", "/footer/buttons/app/action");
}

// ---------- V1 empty layout ----------

#[test]
fn empty_layout_forms() {
    for v in [Value::Null, json!({}), json!([]), json!("")] {
        let d = check(&v);
        assert_eq!(d.len(), 1, "{v}: {d:#?}");
        err(&d, "ERROR_EMPTY_LAYOUT", "");
    }
    err(&validate_payload(None, Some(&json!({})), &opts()), "ERROR_EMPTY_LAYOUT", "");
    for v in [json!(5), json!("x"), json!([1]), json!(true)] {
        let d = check(&v);
        assert_eq!(d.len(), 1, "{v}: {d:#?}");
        err(&d, "WRONG_FIELD_VALUE", "");
    }
}

// ---------- V2 / V3 / V4 closed objects and required fields ----------

#[test]
fn top_level_required_and_redundant() {
    let d = check(&del(base(), "/icon"));
    err(&d, "FIELD_IS_REQUIRED", "/icon");
    let d = check(&set(base(), "/extra", json!(1)));
    err(&d, "FIELD_IS_REDUNDANT", "/extra");
    clean(&check(&set(base(), "/footer", json!({}))));
}

#[test]
fn redundant_fields_at_depth() {
    let d = check(&set(base(), "/body/blocks/b1/properties/foo", json!(1)));
    err(&d, "FIELD_IS_REDUNDANT", "/body/blocks/b1/properties/foo");
    let d = check(&set(base(), "/body/blocks/b1/extra", json!(1)));
    err(&d, "FIELD_IS_REDUNDANT", "/body/blocks/b1/extra");
    let d = check(&set(full(), "/footer/buttons/app/action/sliderParams/height", json!(3)));
    err(&d, "FIELD_IS_REDUNDANT", "/footer/buttons/app/action/sliderParams/height");
    let d = check(&set(full(), "/header/tags/t1/scope", json!("web")));
    err(&d, "FIELD_IS_REDUNDANT", "/header/tags/t1/scope");
    let d = check(&set(full(), "/header/tags/t1/hideIfReadonly", json!(true)));
    err(&d, "FIELD_IS_REDUNDANT", "/header/tags/t1/hideIfReadonly");
    let d = check(&set(base(), "/icon/fileUri", json!("/x.png")));
    err(&d, "FIELD_IS_REDUNDANT", "/icon/fileUri");
}

#[test]
fn missing_required_at_depth() {
    let d = check(&del(full(), "/body/blocks/link/properties/action"));
    err(&d, "FIELD_IS_REQUIRED", "/body/blocks/link/properties/action");
    let d = check(&del(full(), "/footer/buttons/ok/type"));
    err(&d, "FIELD_IS_REQUIRED", "/footer/buttons/ok/type");
    let d = check(&del(full(), "/footer/menu/items/m1/title"));
    err(&d, "FIELD_IS_REQUIRED", "/footer/menu/items/m1/title");
    let d = check(&del(full(), "/body/blocks/wt/properties/title"));
    err(&d, "FIELD_IS_REQUIRED", "/body/blocks/wt/properties/title");
    let d = check(&del(full(), "/body/blocks/wt/properties/block/properties/value"));
    err(&d, "FIELD_IS_REQUIRED", "/body/blocks/wt/properties/block/properties/value");
    let d = check(&del(full(), "/header/tags/t1/type"));
    err(&d, "FIELD_IS_REQUIRED", "/header/tags/t1/type");
    let d = check(&del(base(), "/body/logo"));
    err(&d, "FIELD_IS_REQUIRED", "/body/logo");
    let d = check(&del(base(), "/body/blocks/b1/type"));
    err(&d, "FIELD_IS_REQUIRED", "/body/blocks/b1/type");
    let d = check(&set(full(), "/footer/buttons/ok/action", json!({"id": "x"})));
    err(&d, "FIELD_IS_REQUIRED", "/footer/buttons/ok/action/type");
}

#[test]
fn block_properties_required_except_deadline() {
    clean(&check(&block(json!({"type": "deadline"}))));
    let d = check(&block(json!({"type": "text"})));
    err(&d, "FIELD_IS_REQUIRED", "/body/blocks/b1/properties");
    assert_eq!(d.len(), 1);
}

#[test]
fn object_typed_fields_given_scalars() {
    err(&check(&set(base(), "/header", json!("Call"))), "WRONG_FIELD_VALUE", "/header");
    err(&check(&set(base(), "/header/titleAction", json!(5))), "WRONG_FIELD_VALUE", "/header/titleAction");
    err(
        &check(&set(base(), "/body/blocks/b1/properties", json!("v"))),
        "WRONG_FIELD_VALUE",
        "/body/blocks/b1/properties",
    );
    err(&check(&set(base(), "/body/blocks", json!("x"))), "WRONG_FIELD_VALUE", "/body/blocks");
    err(&check(&set(base(), "/body/blocks/b1", json!(3))), "WRONG_FIELD_VALUE", "/body/blocks/b1");
}

// ---------- V5 enumerations ----------

#[test]
fn lavender_tag_is_enum_field() {
    let d = check(&set(full(), "/header/tags/t1/type", json!("lavender")));
    err(&d, "ENUM_FIELD", "/header/tags/t1/type");
    for t in ["success", "failure", "warning", "primary", "secondary"] {
        no_errors(&check(&set(full(), "/header/tags/t1/type", json!(t))));
    }
}

#[test]
fn block_enums() {
    let d = check(&set(full(), "/body/blocks/text/properties/size", json!("lg")));
    err(&d, "ENUM_FIELD", "/body/blocks/text/properties/size");
    let d = check(&set(full(), "/body/blocks/text/properties/color", json!("green")));
    err(&d, "ENUM_FIELD", "/body/blocks/text/properties/color");
    let d = check(&set(full(), "/body/blocks/text/properties/scope", json!("desktop")));
    err(&d, "ENUM_FIELD", "/body/blocks/text/properties/scope");
    let d = check(&set(full(), "/footer/buttons/ok/scope", json!("tablet")));
    err(&d, "ENUM_FIELD", "/footer/buttons/ok/scope");
    let d = check(&set(full(), "/footer/buttons/ok/type", json!("danger")));
    err(&d, "ENUM_FIELD", "/footer/buttons/ok/type");
    let d = check(&set(full(), "/footer/buttons/ok/action/type", json!("open")));
    err(&d, "ENUM_FIELD", "/footer/buttons/ok/action/type");
}

#[test]
fn unknown_block_type_is_enum_field_and_not_descended() {
    let d = check(&block(json!({"type": "image", "properties": {"src": 1}})));
    err(&d, "ENUM_FIELD", "/body/blocks/b1/type");
    assert_eq!(d.len(), 1, "{d:#?}");
}

#[test]
fn icon_and_logo_codes_with_and_without_catalog() {
    let l = set(base(), "/icon/code", json!("my-custom"));
    let d = check(&l);
    warn(&d, "ENUM_FIELD", "/icon/code");
    no_errors(&d);
    let cat = with_catalog(|c| c.icons = set_of(&["info", "call"]));
    err(&validate_layout(&l, &cat), "ENUM_FIELD", "/icon/code");
    clean(&validate_layout(&base(), &cat));
    let custom = with_catalog(|c| c.icons = set_of(&["my-custom"]));
    clean(&validate_layout(&l, &custom));
    err(&check(&set(base(), "/icon/code", json!(""))), "ENUM_FIELD", "/icon/code");
    err(&validate_layout(&set(base(), "/icon/code", json!("")), &custom), "ENUM_FIELD", "/icon/code");

    let l = set(base(), "/body/logo/code", json!("call"));
    warn(&check(&l), "ENUM_FIELD", "/body/logo/code");
    let cat = with_catalog(|c| c.logos = set_of(&["call-incoming"]));
    err(&validate_layout(&l, &cat), "ENUM_FIELD", "/body/logo/code");
}

#[test]
fn animation_type() {
    let d = check(&set(full(), "/footer/buttons/ok/action/animationType", json!("loader")));
    warn(&d, "DESIGNER_ACTION_LOCK", "/footer/buttons/ok/action/animationType");
    no_errors(&d);
    let d = check(&set(full(), "/footer/buttons/ok/action/animationType", json!("spin")));
    err(&d, "ENUM_FIELD", "/footer/buttons/ok/action/animationType");
}

// ---------- V6 limits ----------

#[test]
fn twenty_blocks_pass_twenty_one_fail() {
    clean(&check(&set(base(), "/body/blocks", keyed(20, text_block))));
    let d = check(&set(base(), "/body/blocks", keyed(21, text_block)));
    err(&d, "TOO_MANY_ITEMS", "/body/blocks");
    assert_eq!(d.len(), 1);
}

#[test]
fn two_tags_pass_three_fail() {
    let tag = |_| json!({"title": "x", "type": "warning"});
    clean(&check(&set(base(), "/header/tags", keyed(2, tag))));
    err(&check(&set(base(), "/header/tags", keyed(3, tag))), "TOO_MANY_ITEMS", "/header/tags");
}

#[test]
fn two_buttons_pass_three_fail() {
    let b = |_| json!({"title": "x", "type": "secondary", "action": {"type": "redirect", "uri": "/"}});
    clean(&check(&set(base(), "/footer", json!({"buttons": keyed(2, b)}))));
    err(&check(&set(base(), "/footer", json!({"buttons": keyed(3, b)}))), "TOO_MANY_ITEMS", "/footer/buttons");
}

#[test]
fn ten_menu_items_pass_eleven_fail() {
    let m = |_| json!({"title": "x", "action": {"type": "redirect", "uri": "/"}});
    clean(&check(&set(base(), "/footer", json!({"menu": {"items": keyed(10, m)}}))));
    let d = check(&set(base(), "/footer", json!({"menu": {"items": keyed(11, m)}})));
    err(&d, "TOO_MANY_ITEMS", "/footer/menu/items");
}

#[test]
fn twenty_action_params_pass_twenty_one_fail() {
    let a = |n| json!({"type": "redirect", "uri": "/", "actionParams": keyed(n, |i| json!(i))});
    let with = |n| set(base(), "/header/titleAction", a(n));
    // actionParams on redirect is ignored (warning) but still checked.
    no_errors(&check(&with(20)));
    let ev = |n| {
        set(
            base(),
            "/header/titleAction",
            json!({"type": "restEvent", "id": "e", "actionParams": keyed(n, |i| json!(i))}),
        )
    };
    no_errors(&check(&ev(20)));
    err(&check(&ev(21)), "TOO_MANY_ITEMS", "/header/titleAction/actionParams");
    err(&check(&with(21)), "TOO_MANY_ITEMS", "/header/titleAction/actionParams");
}

#[test]
fn twenty_line_children_pass_twenty_one_fail() {
    let line = |n| block(json!({"type": "lineOfBlocks", "properties": {"blocks": keyed(n, text_block)}}));
    clean(&check(&line(20)));
    err(&check(&line(21)), "TOO_MANY_ITEMS", "/body/blocks/b1/properties/blocks");
}

#[test]
fn ten_sections_pass_eleven_fail() {
    let s = |n: usize| {
        let sections: Vec<Value> = (0..n).map(|i| json!({"code": format!("s{i}")})).collect();
        set(
            base(),
            "/footer",
            json!({"menu": {"sections": sections, "items": {"a": {"title": "x", "sectionCode": "s0",
                                                                  "action": {"type": "redirect", "uri": "/"}}}}}),
        )
    };
    no_errors(&check(&s(10)));
    err(&check(&s(11)), "TOO_MANY_ITEMS", "/footer/menu/sections");
}

// ---------- V7 / V9 collections ----------

#[test]
fn zero_blocks_is_a_designer_error() {
    let d = check(&set(base(), "/body/blocks", json!({})));
    err(&d, "DESIGNER_EMPTY_BLOCKS", "/body/blocks");
    err(&check(&set(base(), "/body/blocks", json!([]))), "DESIGNER_EMPTY_BLOCKS", "/body/blocks");
}

#[test]
fn array_collections_warn() {
    let d = check(&set(base(), "/body/blocks", json!([text_block(0)])));
    warn(&d, "DESIGNER_ARRAY_COLLECTION", "/body/blocks");
    no_errors(&d);
    let d = check(&set(base(), "/footer", json!({"buttons": [{"title": "x", "type": "primary"}]})));
    warn(&d, "DESIGNER_ARRAY_COLLECTION", "/footer/buttons");
    // Items of an array are still checked, at their index.
    err(&d, "FIELD_IS_REQUIRED", "/footer/buttons/0/action");
    // An empty array is the same as {} to the portal.
    clean(&check(&set(base(), "/footer", json!({"buttons": []}))));
}

// ---------- V8 keys ----------

#[test]
fn key_symbols() {
    for key in ["a-b", "A_1", "123", "-_-"] {
        clean(&check(&set(base(), &format!("/body/blocks/{key}"), text_block(0))));
    }
    for (key, path) in [
        ("bad key", "/body/blocks/bad key"),
        ("a.b", "/body/blocks/a.b"),
        ("ключ", "/body/blocks/ключ"),
        ("", "/body/blocks/"),
        ("a/b", "/body/blocks/a~1b"),
    ] {
        let l = set(base(), &format!("/body/blocks/{}", key.replace('/', "~1")), text_block(0));
        let d = check(&l);
        err(&d, "KEY_CONTAIN_WRONG_SYMBOLS", path);
        assert_eq!(d.len(), 1, "{d:#?}");
    }
    err(
        &check(&set(full(), "/header/tags/bad key", json!({"title": "x", "type": "primary"}))),
        "KEY_CONTAIN_WRONG_SYMBOLS",
        "/header/tags/bad key",
    );
    let d = check(&set(full(), "/footer/buttons/ok/action/actionParams/a.b", json!(1)));
    err(&d, "KEY_CONTAIN_WRONG_SYMBOLS", "/footer/buttons/ok/action/actionParams/a.b");
    let d = check(&set(
        full(),
        "/footer/menu/items/m 2",
        json!({"title": "x", "action": {"type": "redirect", "uri": "/"}}),
    ));
    err(&d, "KEY_CONTAIN_WRONG_SYMBOLS", "/footer/menu/items/m 2");
}

// ---------- V10 nesting ----------

#[test]
fn nested_types_inside_with_title() {
    for t in ["text", "link", "deadline"] {
        let inner = match t {
            "text" => text_block(0),
            "link" => json!({"type": "link", "properties": {"text": "x", "action": {"type": "redirect", "uri": "/"}}}),
            _ => json!({"type": "deadline"}),
        };
        clean(&check(&block(json!({"type": "withTitle", "properties": {"title": "T", "block": inner}}))));
    }
    for t in ["withTitle", "lineOfBlocks", "largeText"] {
        let l =
            block(json!({"type": "withTitle", "properties": {"title": "T", "block": {"type": t, "properties": {}}}}));
        let d = check(&l);
        err(&d, "WRONG_FIELD_VALUE", "/body/blocks/b1/properties/block/type");
        assert_eq!(d.len(), 1, "{d:#?}");
    }
}

#[test]
fn nested_types_inside_line_of_blocks() {
    for t in ["withTitle", "lineOfBlocks", "largeText"] {
        let l = block(json!({"type": "lineOfBlocks", "properties": {"blocks": {"x": {"type": t, "properties": {}}}}}));
        err(&check(&l), "WRONG_FIELD_VALUE", "/body/blocks/b1/properties/blocks/x/type");
    }
    let l = block(json!({"type": "lineOfBlocks", "properties": {"blocks": {"x": {"type": "bogus"}}}}));
    err(&check(&l), "ENUM_FIELD", "/body/blocks/b1/properties/blocks/x/type");
}

// ---------- V11 actions and actionParams ----------

#[test]
fn redirect_without_uri() {
    let d = check(&button_action(json!({"type": "redirect"})));
    err(&d, "FIELD_IS_REQUIRED", "/footer/buttons/k/action/uri");
    clean(&check(&button_action(json!({"type": "redirect", "uri": "/crm/"}))));
    err(
        &check(&button_action(json!({"type": "redirect", "uri": ""}))),
        "DESIGNER_EMPTY_TEXT",
        "/footer/buttons/k/action/uri",
    );
    let link = block(json!({"type": "link", "properties": {"text": "x", "action": {"type": "redirect"}}}));
    err(&check(&link), "FIELD_IS_REQUIRED", "/body/blocks/b1/properties/action/uri");
}

#[test]
fn rest_event_without_id() {
    let d = check(&button_action(json!({"type": "restEvent"})));
    err(&d, "FIELD_IS_REQUIRED", "/footer/buttons/k/action/id");
    let d = check(&button_action(json!({"type": "restEvent", "id": "go"})));
    no_errors(&d);
    assert_eq!(d.len(), 1);
    warn(&d, "DESIGNER_REST_EVENT", "/footer/buttons/k/action");
}

#[test]
fn fields_of_another_action_type_are_ignored_with_a_warning() {
    let d = check(&button_action(json!({"type": "restEvent", "id": "go", "uri": "/x/"})));
    warn(&d, "DESIGNER_IGNORED_ACTION_FIELD", "/footer/buttons/k/action/uri");
    no_errors(&d);
    let d = check(&button_action(json!({"type": "redirect", "uri": "/", "sliderParams": {"width": 5}})));
    warn(&d, "DESIGNER_IGNORED_ACTION_FIELD", "/footer/buttons/k/action/sliderParams");
}

#[test]
fn action_param_values_must_be_scalars() {
    let p = |v: Value| button_action(json!({"type": "restEvent", "id": "e", "actionParams": {"k": v}}));
    for ok in [json!("s"), json!(1), json!(1.5), json!(false)] {
        no_errors(&check(&p(ok)));
    }
    for bad in [json!({"a": 1}), json!([1]), Value::Null] {
        err(&check(&p(bad)), "WRONG_FIELD_VALUE", "/footer/buttons/k/action/actionParams/k");
    }
    err(
        &check(&button_action(json!({"type": "restEvent", "id": "e", "actionParams": 3}))),
        "WRONG_FIELD_VALUE",
        "/footer/buttons/k/action/actionParams",
    );
}

#[test]
fn open_rest_app_warnings_one_per_action() {
    let d = check(&button_action(json!({"type": "openRestApp"})));
    assert_eq!(d.len(), 1);
    warn(&d, "DESIGNER_OPEN_REST_APP", "/footer/buttons/k/action");
    let l = set(button_action(json!({"type": "openRestApp"})), "/footer/buttons/k/scope", json!("mobile"));
    let d = check(&l);
    assert_eq!(d.len(), 1, "{d:#?}");
    warn(&d, "DESIGNER_OPEN_REST_APP_MOBILE", "/footer/buttons/k/action");
}

// ---------- V12 translations ----------

#[test]
fn translations_values_and_types() {
    let d = check(&set(base(), "/header/title", json!({"en": "Call", "de": 5})));
    err(&d, "WRONG_FIELD_VALUE", "/header/title/de");
    err(&check(&set(base(), "/header/title", json!(5))), "WRONG_FIELD_VALUE", "/header/title");
    err(&check(&set(base(), "/header/title", json!(""))), "DESIGNER_EMPTY_TEXT", "/header/title");
    err(&check(&set(base(), "/header/title", json!({}))), "DESIGNER_EMPTY_TEXT", "/header/title");
    let d = check(&set(full(), "/body/blocks/text/properties/title", json!({})));
    warn(&d, "DESIGNER_EMPTY_TEXT", "/body/blocks/text/properties/title");
    no_errors(&d);
}

#[test]
fn wrong_lang_only_with_a_catalog() {
    let l = set(base(), "/header/title", json!({"en": "Call", "xx": "?"}));
    clean(&check(&l));
    let cat = with_catalog(|c| c.languages = set_of(&["en", "de"]));
    let d = validate_layout(&l, &cat);
    err(&d, "WRONG_LANG", "/header/title/xx");
    assert_eq!(d.len(), 1);
    clean(&validate_layout(&set(base(), "/header/title", json!({"en": "a", "de": "b"})), &cat));
    // Without a catalog, a key that cannot be a language id is only a warning.
    let d = check(&set(base(), "/header/title", json!({"English": "Call"})));
    warn(&d, "WRONG_LANG", "/header/title/English");
    no_errors(&d);
}

// ---------- V13 / V14 slider ----------

#[test]
fn label_color_format() {
    let p = "/footer/buttons/app/action/sliderParams/labelColor";
    for ok in ["#2fc6f6", "#ABCDEF", "#000000"] {
        no_errors(&check(&set(full(), p, json!(ok))));
    }
    for bad in [json!("#2fc6f"), json!("red"), json!("#2fc6f6a"), json!("2fc6f6"), json!("#GGGGGG"), json!(5)] {
        err(&check(&set(full(), p, bad)), "WRONG_FIELD_VALUE", p);
    }
    let bg = "/footer/buttons/app/action/sliderParams/labelBgColor";
    err(&check(&set(full(), bg, json!("red"))), "ENUM_FIELD", bg);
    let w = "/footer/buttons/app/action/sliderParams/width";
    err(&check(&set(full(), w, json!("600px"))), "WRONG_FIELD_VALUE", w);
}

#[test]
fn slider_width_and_left_boundary() {
    let p = "/footer/buttons/app/action/sliderParams";
    let d = check(&set(full(), &format!("{p}/leftBoundary"), json!(100)));
    warn(&d, "DESIGNER_SLIDER_WIDTH_AND_LEFT_BOUNDARY", p);
    no_errors(&d);
    absent(&check(&full()), "DESIGNER_SLIDER_WIDTH_AND_LEFT_BOUNDARY");
}

// ---------- V15 booleans ----------

#[test]
fn string_booleans_in_dtos() {
    let p = "/body/blocks/text/properties/multiline";
    for s in ["false", "true", "Y", "N"] {
        let d = check(&set(full(), p, json!(s)));
        warn(&d, "DESIGNER_STRING_BOOLEAN", p);
        no_errors(&d);
    }
    for bad in [json!(1), json!({}), json!([true])] {
        err(&check(&set(full(), p, bad)), "WRONG_FIELD_VALUE", p);
    }
    warn(
        &check(&set(full(), "/footer/menu/showPostponeItem", json!("false"))),
        "DESIGNER_STRING_BOOLEAN",
        "/footer/menu/showPostponeItem",
    );
}

// ---------- V16 menu sections and [N-only] ----------

fn menu(sections: Value, items: Value) -> Value {
    set(base(), "/footer", json!({"menu": {"sections": sections, "items": items}}))
}

fn item(section: Option<&str>) -> Value {
    let mut i = json!({"title": "x", "action": {"type": "redirect", "uri": "/"}});
    if let Some(s) = section {
        i["sectionCode"] = json!(s);
    }
    i
}

#[test]
fn menu_sections_valid() {
    let l = menu(json!([{"code": "main", "title": "Main", "design": "accent"}]), json!({"a": item(Some("main"))}));
    let d = check(&l);
    no_errors(&d);
    warn(&d, "FIELD_IS_REDUNDANT", "/footer/menu/sections");
    warn(&d, "FIELD_IS_REDUNDANT", "/footer/menu/items/a/sectionCode");
    let d = validate_layout(&l, &strict());
    err(&d, "FIELD_IS_REDUNDANT", "/footer/menu/sections");
    err(&d, "FIELD_IS_REDUNDANT", "/footer/menu/items/a/sectionCode");
}

#[test]
fn menu_section_codes() {
    let d = check(&menu(json!([{"code": "system"}]), json!({})));
    err(&d, "MENU_RESERVED_SECTION_CODE", "/footer/menu/sections/0/code");
    let d = check(&menu(json!([{"code": "a"}, {"code": "a"}]), json!({})));
    err(&d, "MENU_DUPLICATE_SECTION_CODE", "/footer/menu/sections/1/code");
    let d = check(&menu(json!([{"code": "a"}]), json!({"i": item(None)})));
    err(&d, "MENU_MISSING_SECTION_CODE", "/footer/menu/items/i/sectionCode");
    let d = check(&menu(json!([{"code": "a"}]), json!({"i": item(Some("b"))})));
    err(&d, "MENU_UNKNOWN_SECTION_CODE", "/footer/menu/items/i/sectionCode");
    let d = check(&menu(json!([{"code": "a", "design": "loud"}]), json!({})));
    err(&d, "ENUM_FIELD", "/footer/menu/sections/0/design");
    let d = check(&menu(json!([{"title": "t"}]), json!({})));
    err(&d, "FIELD_IS_REQUIRED", "/footer/menu/sections/0/code");
    // Without sections, items need no sectionCode.
    no_errors(&check(&menu(json!([]), json!({"i": item(None)}))));
}

#[test]
fn n_only_fields_strict_and_not() {
    let l = set(full(), "/footer/showNote", json!(false));
    let d = check(&l);
    warn(&d, "FIELD_IS_REDUNDANT", "/footer/showNote");
    no_errors(&d);
    err(&validate_layout(&l, &strict()), "FIELD_IS_REDUNDANT", "/footer/showNote");
    let p = "/footer/menu/items/m1";
    for (k, v) in [
        ("subtitle", json!("s")),
        ("design", json!("alert")),
        ("isSelected", json!(true)),
        ("isLocked", json!(false)),
        ("badgeText", json!({"title": "new", "color": "#2fc6f6"})),
    ] {
        let l = set(full(), &format!("{p}/{k}"), v);
        let d = check(&l);
        warn(&d, "FIELD_IS_REDUNDANT", &format!("{p}/{k}"));
        no_errors(&d);
        err(&validate_layout(&l, &strict()), "FIELD_IS_REDUNDANT", &format!("{p}/{k}"));
    }
    // Their content is still validated.
    err(&check(&set(full(), &format!("{p}/design"), json!("loud"))), "ENUM_FIELD", &format!("{p}/design"));
    err(
        &check(&set(full(), &format!("{p}/badgeText"), json!({}))),
        "FIELD_IS_REQUIRED",
        &format!("{p}/badgeText/title"),
    );
}

// ---------- fields (§8, V17, V18) ----------

fn fields(f: Value) -> Vec<Diagnostic> {
    validate_fields(&f, &opts())
}

#[test]
fn fields_clean_and_not_an_object() {
    clean(&fields(json!({
        "typeId": "CONFIGURABLE", "completed": "N", "deadline": "2025-02-01T12:00:00+03:00",
        "pingOffsets": [0, 15, "30"], "isIncomingChannel": false, "responsibleId": 1,
        "badgeCode": "", "originatorId": "crm", "originId": "42", "somethingElse": {"x": 1}
    })));
    clean(&fields(json!({})));
    err(&fields(json!("x")), "WRONG_FIELD_VALUE", "/fields");
}

#[test]
fn fields_boolean_tokens() {
    for ok in [
        json!(true),
        json!(false),
        json!(1),
        json!(0),
        json!("1"),
        json!("0"),
        json!("Y"),
        json!("N"),
        json!("y"),
        json!("n"),
        json!("true"),
        json!("false"),
    ] {
        clean(&fields(json!({"completed": ok.clone(), "isIncomingChannel": ok})));
    }
    for bad in [json!("yes"), json!(2), json!("TRUE"), json!(null), json!([]), json!(1.5)] {
        err(&fields(json!({"completed": bad})), "WRONG_FIELD_VALUE", "/fields/completed");
    }
}

#[test]
fn negative_ping_offset() {
    let d = fields(json!({"pingOffsets": [15, -5]}));
    err(&d, "WRONG_FIELD_VALUE", "/fields/pingOffsets/1");
    assert_eq!(d.len(), 1);
    err(&fields(json!({"pingOffsets": [0, "abc"]})), "WRONG_FIELD_VALUE", "/fields/pingOffsets/1");
    err(&fields(json!({"pingOffsets": [{}]})), "WRONG_FIELD_VALUE", "/fields/pingOffsets/0");
    err(&fields(json!({"pingOffsets": 15})), "WRONG_FIELD_VALUE", "/fields/pingOffsets");
    clean(&fields(json!({"pingOffsets": []})));
}

#[test]
fn responsible_id() {
    clean(&fields(json!({"responsibleId": 7})));
    clean(&fields(json!({"responsibleId": "7"})));
    for bad in [json!(0), json!(-1), json!("abc"), json!(1.5), json!(null)] {
        err(&fields(json!({"responsibleId": bad})), "WRONG_FIELD_VALUE", "/fields/responsibleId");
    }
}

#[test]
fn type_id_and_badge_code() {
    err(&fields(json!({"typeId": ""})), "WRONG_FIELD_VALUE", "/fields/typeId");
    err(&fields(json!({"typeId": 5})), "WRONG_FIELD_VALUE", "/fields/typeId");
    let d = fields(json!({"typeId": "MY_TYPE", "badgeCode": "missed"}));
    warn(&d, "DESIGNER_UNVERIFIED_CODE", "/fields/typeId");
    warn(&d, "DESIGNER_UNVERIFIED_CODE", "/fields/badgeCode");
    no_errors(&d);
    let cat = with_catalog(|c| {
        c.type_ids = set_of(&["MY_TYPE"]);
        c.badges = set_of(&["missed"]);
    });
    clean(&validate_fields(&json!({"typeId": "MY_TYPE", "badgeCode": "missed"}), &cat));
    let d = validate_fields(&json!({"typeId": "OTHER", "badgeCode": "other"}), &cat);
    err(&d, "WRONG_FIELD_VALUE", "/fields/typeId");
    err(&d, "WRONG_FIELD_VALUE", "/fields/badgeCode");
}

#[test]
fn deadline_format() {
    clean(&fields(json!({"deadline": ""})));
    err(&fields(json!({"deadline": "tomorrow"})), "WRONG_FIELD_VALUE", "/fields/deadline");
    err(&fields(json!({"deadline": "2025-02-30T12:00:00+03:00"})), "WRONG_FIELD_VALUE", "/fields/deadline");
    err(&fields(json!({"deadline": 1700000000})), "WRONG_FIELD_VALUE", "/fields/deadline");
    let d = fields(json!({"deadline": "2025-02-01T09:00:00.000Z"}));
    warn(&d, "DESIGNER_DEADLINE_FORMAT", "/fields/deadline");
    no_errors(&d);
}

#[test]
fn incoming_with_deadline() {
    let d = fields(json!({"isIncomingChannel": "Y", "deadline": "2025-02-01T12:00:00+03:00"}));
    err(&d, "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE", "/fields/isIncomingChannel");
    assert_eq!(d.len(), 1);
    clean(&fields(json!({"isIncomingChannel": true})));
    clean(&fields(json!({"isIncomingChannel": "N", "deadline": "2025-02-01T12:00:00+03:00"})));
    clean(&fields(json!({"isIncomingChannel": 1, "deadline": ""})));
}

#[test]
fn payload_deadline_block_hidden() {
    let l = full(); // has deadline blocks /body/blocks/dl and /body/blocks/line/properties/blocks/c
    let d = validate_payload(Some(&l), Some(&json!({})), &opts());
    warn(&d, "DESIGNER_DEADLINE_HIDDEN", "/body/blocks/dl");
    warn(&d, "DESIGNER_DEADLINE_HIDDEN", "/body/blocks/line/properties/blocks/c");
    let with_deadline = json!({"deadline": "2025-02-01T12:00:00+03:00"});
    absent(&validate_payload(Some(&l), Some(&with_deadline), &opts()), "DESIGNER_DEADLINE_HIDDEN");
    let incoming = json!({"isIncomingChannel": true});
    warn(&validate_payload(Some(&l), Some(&incoming), &opts()), "DESIGNER_DEADLINE_HIDDEN", "/body/blocks/dl");
    // A bare layout (no fields) does not guess.
    absent(&validate_payload(Some(&l), None, &opts()), "DESIGNER_DEADLINE_HIDDEN");
    // Field findings keep their /fields prefix inside a payload.
    err(
        &validate_payload(Some(&base()), Some(&json!({"responsibleId": 0})), &opts()),
        "WRONG_FIELD_VALUE",
        "/fields/responsibleId",
    );
}

// ---------- whole-validator properties ----------

#[test]
fn findings_are_in_document_order_and_summarised() {
    let mut l = set(full(), "/header/tags/t1/type", json!("lavender"));
    l = set(l, "/footer/buttons/ok/type", json!("danger"));
    l = set(l, "/body/blocks/text/properties/size", json!("xl"));
    let d = check(&l);
    let paths: Vec<&str> = d.iter().filter(|x| x.is_error()).map(|x| x.path.as_str()).collect();
    assert_eq!(paths, ["/header/tags/t1/type", "/body/blocks/text/properties/size", "/footer/buttons/ok/type"]);
    assert_eq!(summary(&d), (3, 2));
}

#[test]
fn every_server_code_is_produced() {
    let cat = with_catalog(|c| c.languages = set_of(&["en"]));
    let mut all = Vec::new();
    all.extend(check(&json!({})));
    all.extend(check(&del(base(), "/icon")));
    all.extend(check(&set(base(), "/x", json!(1))));
    all.extend(check(&set(full(), "/header/tags/t1/type", json!("lavender"))));
    all.extend(check(&set(base(), "/body/blocks", keyed(21, text_block))));
    all.extend(check(&set(base(), "/body/blocks/a b", text_block(0))));
    all.extend(check(&set(base(), "/header", json!(1))));
    all.extend(validate_layout(&set(base(), "/header/title", json!({"zz": "x"})), &cat));
    all.extend(fields(json!({"isIncomingChannel": true, "deadline": "2025-02-01T12:00:00+03:00"})));
    all.extend(check(&menu(
        json!([{"code": "about"}, {"code": "a"}, {"code": "a"}]),
        json!({"i": item(None), "j": item(Some("q"))}),
    )));
    let codes: BTreeSet<&str> = all.iter().filter(|d| d.is_error()).map(|d| d.code.as_str()).collect();
    for code in [
        "FIELD_IS_REQUIRED",
        "FIELD_IS_REDUNDANT",
        "ENUM_FIELD",
        "TOO_MANY_ITEMS",
        "KEY_CONTAIN_WRONG_SYMBOLS",
        "WRONG_FIELD_VALUE",
        "WRONG_LANG",
        "ERROR_EMPTY_LAYOUT",
        "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE",
        "MENU_RESERVED_SECTION_CODE",
        "MENU_DUPLICATE_SECTION_CODE",
        "MENU_MISSING_SECTION_CODE",
        "MENU_UNKNOWN_SECTION_CODE",
    ] {
        assert!(codes.contains(code), "{code} never produced as an error");
    }
}

/// Replaces every node of the full layout with hostile values: never a panic, and a changed
/// object node is always reported somewhere.
#[test]
fn hostile_values_everywhere_never_panic() {
    fn pointers(v: &Value, base: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    let p = format!("{base}/{}", k.replace('~', "~0").replace('/', "~1"));
                    out.push(p.clone());
                    pointers(c, p, out);
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    let p = format!("{base}/{i}");
                    out.push(p.clone());
                    pointers(c, p, out);
                }
            }
            _ => {}
        }
    }
    let mut ps = Vec::new();
    pointers(&full(), String::new(), &mut ps);
    let hostile = [
        Value::Null,
        json!(-1),
        json!(1e300),
        json!(""),
        json!("ЖЖ/~"),
        json!([]),
        json!({}),
        json!([[[]]]),
        json!({"~/": {}}),
    ];
    for p in &ps {
        for h in &hostile {
            let l = set(full(), p, h.clone());
            let d = validate_payload(Some(&l), Some(h), &strict());
            if full().pointer(p).is_some_and(Value::is_object) && h.is_number() {
                assert!(d.iter().any(Diagnostic::is_error), "{p} = {h} not reported");
            }
        }
    }
}
