//! The validator against the portal's own readings (the server code listed in SOURCES.md):
//! which checks run for which values, and in which order the errors come.

use super::broken::{ACTION_DOC, ACTIONS, CARD, LAYOUT, PAYLOAD, TEXT, del, many, rename, set};
use super::{errors, load, validate};
use b24_activity_designer::layout::{Catalog, ValidateOptions};
use serde_json::{Value, json};

/// WRONG_LANG is only decidable with the portal's language list.
#[test]
fn unknown_language_is_wrong_lang_with_a_language_list() {
    let mut doc = load("en_examples_multilang.json");
    rename(&mut doc, "/header/title/de", "fr");
    let catalog = Catalog { languages: Some(["en".to_string(), "de".to_string()].into()), ..Default::default() };
    let d = validate(&doc, &ValidateOptions { catalog: Some(catalog), strict: false });
    let e = errors(&d);
    assert_eq!(e.len(), 1, "{d:#?}");
    assert_eq!((e[0].code.as_str(), e[0].path.as_str()), ("WRONG_LANG", "/header/title/fr"));
    // Without the list a plausible language code is not flagged at all.
    assert!(validate(&doc, &ValidateOptions::default()).iter().all(|x| x.code != "WRONG_LANG"));
}

/// The portal checks the language key before the value: a bad key with a non-string value is
/// one WRONG_LANG, not WRONG_LANG plus WRONG_FIELD_VALUE.
#[test]
fn unknown_language_with_a_non_string_value_is_only_wrong_lang() {
    let mut doc = load("en_examples_multilang.json");
    set(&mut doc, "/header/title/fr", json!(7));
    let catalog = Catalog { languages: Some(["en".to_string(), "de".to_string()].into()), ..Default::default() };
    let d = validate(&doc, &ValidateOptions { catalog: Some(catalog), strict: false });
    let e: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(e, [("WRONG_LANG", "/header/title/fr")]);
    // A known language with a non-string value is still WRONG_FIELD_VALUE.
    set(&mut doc, "/header/title/fr", json!("Information"));
    set(&mut doc, "/header/title/de", json!(7));
    let catalog = Catalog {
        languages: Some(["en".to_string(), "de".to_string(), "fr".to_string()].into()),
        ..Default::default()
    };
    let d = validate(&doc, &ValidateOptions { catalog: Some(catalog), strict: false });
    let e: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(e, [("WRONG_FIELD_VALUE", "/header/title/de")]);
}

/// The portal's ActionDto picks its validators by `type`: fields of another action type are
/// neither value-checked nor counted (a warning says they are ignored), and with a missing or
/// unknown type only `type` itself is reported.
#[test]
fn fields_of_another_action_type_are_only_warned_about() {
    let mut doc = load(LAYOUT);
    set(&mut doc, "/body/logo/action/animationType", json!("spinner"));
    set(&mut doc, "/body/logo/action/actionParams", json!({"a": {"nested": 1}}));
    let d = validate(&doc, &ValidateOptions::default());
    assert!(errors(&d).is_empty(), "{d:#?}");
    for path in ["/body/logo/action/animationType", "/body/logo/action/actionParams"] {
        assert!(d.iter().any(|x| x.code == "DESIGNER_IGNORED_ACTION_FIELD" && x.path == path), "{path}: {d:#?}");
    }
    // Unknown type: one ENUM_FIELD, the rest is not judged.
    set(&mut doc, "/body/logo/action/type", json!("link"));
    let d = validate(&doc, &ValidateOptions::default());
    let e: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(e, [("ENUM_FIELD", "/body/logo/action/type")]);
    // sliderParams is a nested DTO: its values are checked on any action type.
    let mut doc = load(LAYOUT);
    set(&mut doc, "/body/logo/action/sliderParams", json!({"labelColor": "blue"}));
    let d = validate(&doc, &ValidateOptions::default());
    let e: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(e, [("WRONG_FIELD_VALUE", "/body/logo/action/sliderParams/labelColor")]);
}

/// A nested block with a missing or unknown type: the parent's WRONG_FIELD_VALUE on `type` comes
/// first (as the portal reports it), then the block's own finding.
#[test]
fn nested_block_with_missing_or_unknown_type() {
    let codes = |doc: &Value| -> Vec<(String, String)> {
        errors(&validate(doc, &ValidateOptions::default()))
            .iter()
            .map(|x| (x.code.to_string(), x.path.clone()))
            .collect()
    };
    let p = "/body/blocks/client/properties/block/type";
    let mut doc = load(CARD);
    set(&mut doc, p, json!("textarea"));
    assert_eq!(codes(&doc), [("WRONG_FIELD_VALUE".into(), p.into()), ("ENUM_FIELD".into(), p.into())]);
    del(&mut doc, p);
    assert_eq!(codes(&doc), [("WRONG_FIELD_VALUE".into(), p.into()), ("FIELD_IS_REQUIRED".into(), p.into())]);
    // In a line, too.
    let mut doc = load(LAYOUT);
    let p = "/body/blocks/responsible/properties/blocks/phone/type";
    set(&mut doc, p, json!("largeText"));
    assert_eq!(codes(&doc), [("WRONG_FIELD_VALUE".into(), p.into())]);
    // A top-level block: its type is checked before its redundant fields.
    let mut doc = load(TEXT);
    set(&mut doc, "/body/blocks/text/style", json!("bold"));
    set(&mut doc, "/body/blocks/text/type", json!("txt"));
    assert_eq!(
        codes(&doc),
        [
            ("ENUM_FIELD".into(), "/body/blocks/text/type".into()),
            ("FIELD_IS_REDUNDANT".into(), "/body/blocks/text/style".into())
        ]
    );
}

/// Optional nulls: ignored where the portal checks with `isset` (texts, booleans, plain values),
/// rejected where it checks the key (enums → ENUM_FIELD, objects/collections → WRONG_FIELD_VALUE).
#[test]
fn optional_nulls_follow_the_portal_checks() {
    let mut doc = load(ACTION_DOC);
    set(&mut doc, "/footer/buttons/reset/hideIfReadonly", Value::Null);
    set(&mut doc, "/footer/buttons/app/action/sliderParams/title", Value::Null);
    set(&mut doc, "/body/blocks/text/properties/multiline", Value::Null);
    set(&mut doc, "/body/blocks/text/properties/title", Value::Null);
    // A content block's scope is not checked by the portal at all; a null there is absent.
    set(&mut doc, "/body/blocks/text/properties/scope", Value::Null);
    assert!(errors(&validate(&doc, &ValidateOptions::default())).is_empty());
    for (ptr, code) in [
        ("/footer/buttons/reset/scope", "ENUM_FIELD"),
        ("/body/blocks/text/properties/color", "ENUM_FIELD"),
        ("/footer/menu", "WRONG_FIELD_VALUE"),
        ("/header/titleAction", "WRONG_FIELD_VALUE"),
        ("/header/tags", "WRONG_FIELD_VALUE"),
        ("/footer/buttons/reset/action/actionParams", "WRONG_FIELD_VALUE"),
    ] {
        let mut doc = load(ACTION_DOC);
        set(&mut doc, ptr, Value::Null);
        let d = validate(&doc, &ValidateOptions::default());
        let e: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
        assert_eq!(e, [(code, ptr)], "{ptr}");
    }
}

/// Several mistakes come in the portal's order (its Dto runs its own validators, then the
/// unknown-field check, then builds the nested DTOs in property order), not in JSON key order.
#[test]
fn errors_come_in_the_portal_order() {
    let doc = json!({
        "footer": {"buttons": {"b": {"title": "x", "type": "danger", "action": {"type": "redirect", "uri": "/"}}}},
        "header": {"tags": {"t": {"action": {"type": "redirect"}, "title": "x", "type": "lavender"}}, "title": "T"},
        "extra": 1,
        "body": {"blocks": {"a": {"type": "text", "properties": {"value": "v", "size": "xl"}}}, "logo": {"code": "document"}},
    });
    let d = validate(&doc, &ValidateOptions::default());
    let got: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("FIELD_IS_REQUIRED", "/icon"),
            ("FIELD_IS_REDUNDANT", "/extra"),
            ("ENUM_FIELD", "/header/tags/t/type"),
            ("FIELD_IS_REQUIRED", "/header/tags/t/action/uri"),
            ("ENUM_FIELD", "/body/blocks/a/properties/size"),
            ("ENUM_FIELD", "/footer/buttons/b/type"),
        ]
    );
}

/// In a payload the portal validates `fields` first, in its own order, then the layout.
#[test]
fn payload_errors_come_fields_first_in_the_portal_order() {
    let mut doc = load(PAYLOAD);
    set(&mut doc, "/layout/header/title", json!(1));
    set(&mut doc, "/fields/typeId", json!(""));
    set(&mut doc, "/fields/pingOffsets", json!([-1]));
    set(&mut doc, "/fields/completed", json!("yes"));
    let d = validate(&doc, &ValidateOptions::default());
    let got: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("WRONG_FIELD_VALUE", "/fields/completed"),
            ("WRONG_FIELD_VALUE", "/fields/pingOffsets/0"),
            ("WRONG_FIELD_VALUE", "/fields/typeId"),
            ("WRONG_FIELD_VALUE", "/header/title"),
        ]
    );
}

/// V16 as the portal's FooterMenuDto runs it: all reserved codes, then repeats, then each item's
/// sectionCode — before anything inside the items; sections may also come as an object.
#[test]
fn menu_section_findings_in_the_portal_order() {
    let mut doc = load("en_menu_item_example.json");
    set(
        &mut doc,
        "/footer/menu/sections",
        json!([{"code": "a"}, {"code": "about"}, {"code": "a"}, {"code": "system"}]),
    );
    set(&mut doc, "/footer/menu/items/confirmProcess/sectionCode", json!("zz"));
    set(
        &mut doc,
        "/footer/menu/items/second",
        json!({"title": "x", "type": "bad", "action": {"type": "redirect", "uri": "/"}}),
    );
    let d = validate(&doc, &ValidateOptions::default());
    let got: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("MENU_RESERVED_SECTION_CODE", "/footer/menu/sections/1/code"),
            ("MENU_RESERVED_SECTION_CODE", "/footer/menu/sections/3/code"),
            ("MENU_DUPLICATE_SECTION_CODE", "/footer/menu/sections/2/code"),
            ("MENU_UNKNOWN_SECTION_CODE", "/footer/menu/items/confirmProcess/sectionCode"),
            ("MENU_MISSING_SECTION_CODE", "/footer/menu/items/second/sectionCode"),
            ("FIELD_IS_REDUNDANT", "/footer/menu/items/second/type"),
        ]
    );
    // Sections keyed like the other collections: accepted, keys follow the key rule.
    let mut doc = load("en_menu_item_example.json");
    set(&mut doc, "/footer/menu/sections", json!({"main": {"code": "main"}, "bad key": {"code": "x"}}));
    set(&mut doc, "/footer/menu/items/confirmProcess/sectionCode", json!("main"));
    let d = validate(&doc, &ValidateOptions::default());
    let got: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(got, [("KEY_CONTAIN_WRONG_SYMBOLS", "/footer/menu/sections/bad key")]);
}

/// Collections: the portal checks each entry's key and shape, then the count, and only then
/// builds the items.
#[test]
fn collection_findings_in_the_portal_order() {
    let mut doc = load(ACTIONS);
    set(&mut doc, "/header/tags/tag1/type", json!("lavender"));
    set(&mut doc, "/header/tags/bad key", json!({"type": "success", "title": "x"}));
    set(&mut doc, "/header/tags/t4", json!("not a tag"));
    let d = validate(&doc, &ValidateOptions::default());
    let got: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("KEY_CONTAIN_WRONG_SYMBOLS", "/header/tags/bad key"),
            ("WRONG_FIELD_VALUE", "/header/tags/t4"),
            ("TOO_MANY_ITEMS", "/header/tags"),
            ("ENUM_FIELD", "/header/tags/tag1/type"),
        ]
    );
    let mut doc = load(ACTION_DOC);
    let mut params = many(21, |i| json!(i));
    params["k3"] = json!([1]);
    set(&mut doc, "/footer/buttons/reset/action/actionParams", params);
    let d = validate(&doc, &ValidateOptions::default());
    let got: Vec<(&str, &str)> = errors(&d).iter().map(|x| (x.code.as_str(), x.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("WRONG_FIELD_VALUE", "/footer/buttons/reset/action/actionParams/k3"),
            ("TOO_MANY_ITEMS", "/footer/buttons/reset/action/actionParams"),
        ]
    );
}
