//! The broken corpus: docs layouts with ONE realistic mistake each. The validator must report
//! that mistake as its FIRST error, with the portal's code at the exact JSON Pointer.

use super::{errors, load, validate};
use b24_activity_designer::layout::ValidateOptions;
use serde_json::{Map, Value, json};

struct Case {
    name: &'static str,
    file: &'static str,
    mutate: fn(&mut Value),
    code: &'static str,
    path: &'static str,
}

pub(super) fn at<'a>(v: &'a mut Value, ptr: &str) -> &'a mut Value {
    v.pointer_mut(ptr).unwrap_or_else(|| panic!("no {ptr}"))
}

pub(super) fn set(v: &mut Value, ptr: &str, val: Value) {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    match at(v, parent) {
        Value::Object(m) => {
            m.insert(key.to_string(), val);
        }
        other => panic!("{parent} is not an object: {other}"),
    }
}

pub(super) fn del(v: &mut Value, ptr: &str) {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    at(v, parent).as_object_mut().unwrap().shift_remove(key).unwrap_or_else(|| panic!("nothing at {ptr}"));
}

/// Renames an object key in place (keeps its position).
pub(super) fn rename(v: &mut Value, ptr: &str, new_key: &str) {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    let m = at(v, parent).as_object_mut().unwrap();
    let old = std::mem::take(m);
    *m = old.into_iter().map(|(k, x)| if k == key { (new_key.to_string(), x) } else { (k, x) }).collect();
}

fn text(i: usize) -> Value {
    json!({"type": "text", "properties": {"value": format!("line {i}")}})
}

pub(super) fn many(n: usize, item: impl Fn(usize) -> Value) -> Value {
    Value::Object((0..n).map(|i| (format!("k{i}"), item(i))).collect::<Map<_, _>>())
}

pub(super) const LAYOUT: &str = "en_layout_object_example.json";
pub(super) const CARD: &str = "en_examples_fields_card.json";
pub(super) const ACTIONS: &str = "en_examples_action_types.json";
pub(super) const ACTION_DOC: &str = "en_action_examples.json";
pub(super) const BUTTON: &str = "en_footer_button_example.json";
pub(super) const TEXT: &str = "en_content_block_text.json";
pub(super) const PAYLOAD: &str = "add_payload_curl.json";
pub(super) const HEADER: &str = "en_header_example.json";

#[rustfmt::skip]
const CASES: &[Case] = &[
    Case { name: "typo in tag type", file: LAYOUT,
        mutate: |v| set(v, "/header/tags/status2/type", json!("warnign")),
        code: "ENUM_FIELD", path: "/header/tags/status2/type" },
    Case { name: "third tag", file: ACTIONS,
        mutate: |v| set(v, "/header/tags/tag3", json!({"type": "success", "title": "done"})),
        code: "TOO_MANY_ITEMS", path: "/header/tags" },
    Case { name: "lavender tag", file: HEADER,
        mutate: |v| set(v, "/header/tags/status2/type", json!("lavender")),
        code: "ENUM_FIELD", path: "/header/tags/status2/type" },
    Case { name: "tag key in Cyrillic", file: HEADER,
        mutate: |v| rename(v, "/header/tags/status2", "статус"),
        code: "KEY_CONTAIN_WRONG_SYMBOLS", path: "/header/tags/статус" },
    Case { name: "number as header title", file: HEADER,
        mutate: |v| set(v, "/header/title", json!(42)),
        code: "WRONG_FIELD_VALUE", path: "/header/title" },
    Case { name: "21 body blocks", file: TEXT,
        mutate: |v| set(v, "/body/blocks", many(21, text)),
        code: "TOO_MANY_ITEMS", path: "/body/blocks" },
    Case { name: "block key with a space", file: CARD,
        mutate: |v| rename(v, "/body/blocks/client", "client info"),
        code: "KEY_CONTAIN_WRONG_SYMBOLS", path: "/body/blocks/client info" },
    Case { name: "redirect without uri, deep in withTitle", file: CARD,
        mutate: |v| del(v, "/body/blocks/manager/properties/block/properties/action/uri"),
        code: "FIELD_IS_REQUIRED", path: "/body/blocks/manager/properties/block/properties/action/uri" },
    Case { name: "nested text without value", file: CARD,
        mutate: |v| del(v, "/body/blocks/description/properties/block/properties/value"),
        code: "FIELD_IS_REQUIRED", path: "/body/blocks/description/properties/block/properties/value" },
    Case { name: "lineOfBlocks nested in withTitle", file: CARD,
        mutate: |v| set(v, "/body/blocks/client/properties/block",
            json!({"type": "lineOfBlocks", "properties": {"blocks": {"a": {"type": "text", "properties": {"value": "x"}}}}})),
        code: "WRONG_FIELD_VALUE", path: "/body/blocks/client/properties/block/type" },
    Case { name: "withTitle nested in lineOfBlocks", file: LAYOUT,
        mutate: |v| set(v, "/body/blocks/responsible/properties/blocks/extra",
            json!({"type": "withTitle", "properties": {"title": "t", "block": {"type": "text", "properties": {"value": "x"}}}})),
        code: "WRONG_FIELD_VALUE", path: "/body/blocks/responsible/properties/blocks/extra/type" },
    Case { name: "string instead of a nested block", file: CARD,
        mutate: |v| set(v, "/body/blocks/client/properties/block", json!("Müller GmbH")),
        code: "WRONG_FIELD_VALUE", path: "/body/blocks/client/properties/block" },
    Case { name: "unknown block type", file: LAYOUT,
        mutate: |v| set(v, "/body/blocks/client/type", json!("textarea")),
        code: "ENUM_FIELD", path: "/body/blocks/client/type" },
    Case { name: "unknown field deep in a line", file: LAYOUT,
        mutate: |v| set(v, "/body/blocks/responsible/properties/blocks/phone/properties/colour", json!("base_70")),
        code: "FIELD_IS_REDUNDANT", path: "/body/blocks/responsible/properties/blocks/phone/properties/colour" },
    Case { name: "logo as an array", file: LAYOUT,
        mutate: |v| set(v, "/body/logo", json!([{"code": "call-incoming"}])),
        code: "WRONG_FIELD_VALUE", path: "/body/logo" },
    Case { name: "logo action without uri", file: LAYOUT,
        mutate: |v| del(v, "/body/logo/action/uri"),
        code: "FIELD_IS_REQUIRED", path: "/body/logo/action/uri" },
    Case { name: "logo without code", file: "en_body_example.json",
        mutate: |v| del(v, "/body/logo/code"),
        code: "FIELD_IS_REQUIRED", path: "/body/logo/code" },
    Case { name: "missing icon", file: LAYOUT,
        mutate: |v| del(v, "/icon"),
        code: "FIELD_IS_REQUIRED", path: "/icon" },
    Case { name: "capitalised top-level key", file: LAYOUT,
        mutate: |v| rename(v, "/footer", "Footer"),
        code: "FIELD_IS_REDUNDANT", path: "/Footer" },
    Case { name: "link without action", file: "en_content_block_link.json",
        mutate: |v| del(v, "/body/blocks/link/properties/action"),
        code: "FIELD_IS_REQUIRED", path: "/body/blocks/link/properties/action" },
    Case { name: "text size lg", file: TEXT,
        mutate: |v| set(v, "/body/blocks/text/properties/size", json!("lg")),
        code: "ENUM_FIELD", path: "/body/blocks/text/properties/size" },
    Case { name: "text colour grey", file: TEXT,
        mutate: |v| set(v, "/body/blocks/text/properties/color", json!("grey")),
        code: "ENUM_FIELD", path: "/body/blocks/text/properties/color" },
    Case { name: "translation value not a string", file: "en_examples_multilang.json",
        mutate: |v| set(v, "/body/blocks/text/properties/value/en", json!(5)),
        code: "WRONG_FIELD_VALUE", path: "/body/blocks/text/properties/value/en" },
    Case { name: "deadline readonly as 1", file: "en_content_block_deadline.json",
        mutate: |v| set(v, "/body/blocks/deadline/properties/readonly", json!(1)),
        code: "WRONG_FIELD_VALUE", path: "/body/blocks/deadline/properties/readonly" },
    Case { name: "restEvent without id", file: ACTIONS,
        mutate: |v| del(v, "/footer/buttons/button1/action/id"),
        code: "FIELD_IS_REQUIRED", path: "/footer/buttons/button1/action/id" },
    Case { name: "menu restEvent without id", file: LAYOUT,
        mutate: |v| del(v, "/footer/menu/items/confirm/action/id"),
        code: "FIELD_IS_REQUIRED", path: "/footer/menu/items/confirm/action/id" },
    Case { name: "third button", file: ACTIONS,
        mutate: |v| set(v, "/footer/buttons/button3",
            json!({"title": "x", "type": "secondary", "action": {"type": "redirect", "uri": "/"}})),
        code: "TOO_MANY_ITEMS", path: "/footer/buttons" },
    Case { name: "button type danger", file: BUTTON,
        mutate: |v| set(v, "/footer/buttons/openDeal/type", json!("danger")),
        code: "ENUM_FIELD", path: "/footer/buttons/openDeal/type" },
    Case { name: "button scope desktop", file: BUTTON,
        mutate: |v| set(v, "/footer/buttons/openDeal/scope", json!("desktop")),
        code: "ENUM_FIELD", path: "/footer/buttons/openDeal/scope" },
    Case { name: "button without action", file: BUTTON,
        mutate: |v| del(v, "/footer/buttons/openDeal/action"),
        code: "FIELD_IS_REQUIRED", path: "/footer/buttons/openDeal/action" },
    Case { name: "11 menu items", file: "en_menu_item_example.json",
        mutate: |v| set(v, "/footer/menu/items",
            many(11, |_| json!({"title": "x", "action": {"type": "redirect", "uri": "/"}}))),
        code: "TOO_MANY_ITEMS", path: "/footer/menu/items" },
    Case { name: "animationType spinner", file: ACTION_DOC,
        mutate: |v| set(v, "/footer/buttons/reset/action/animationType", json!("spinner")),
        code: "ENUM_FIELD", path: "/footer/buttons/reset/action/animationType" },
    Case { name: "object in actionParams", file: ACTION_DOC,
        mutate: |v| set(v, "/footer/buttons/reset/action/actionParams/myId", json!({"id": 123})),
        code: "WRONG_FIELD_VALUE", path: "/footer/buttons/reset/action/actionParams/myId" },
    Case { name: "21 actionParams", file: ACTION_DOC,
        mutate: |v| set(v, "/footer/buttons/reset/action/actionParams", many(21, |i| json!(i))),
        code: "TOO_MANY_ITEMS", path: "/footer/buttons/reset/action/actionParams" },
    Case { name: "action type typo", file: ACTION_DOC,
        mutate: |v| set(v, "/footer/buttons/app/action/type", json!("openApp")),
        code: "ENUM_FIELD", path: "/footer/buttons/app/action/type" },
    Case { name: "bad labelColor", file: ACTION_DOC,
        mutate: |v| set(v, "/footer/buttons/app/action/sliderParams/labelColor", json!("red")),
        code: "WRONG_FIELD_VALUE", path: "/footer/buttons/app/action/sliderParams/labelColor" },
    Case { name: "labelBgColor purple", file: ACTION_DOC,
        mutate: |v| set(v, "/footer/buttons/app/action/sliderParams/labelBgColor", json!("purple")),
        code: "ENUM_FIELD", path: "/footer/buttons/app/action/sliderParams/labelBgColor" },
    Case { name: "slider width as a string", file: ACTION_DOC,
        mutate: |v| set(v, "/footer/buttons/app/action/sliderParams/width", json!("700px")),
        code: "WRONG_FIELD_VALUE", path: "/footer/buttons/app/action/sliderParams/width" },
    Case { name: "incoming + deadline", file: PAYLOAD,
        mutate: |v| set(v, "/fields/isIncomingChannel", json!("Y")),
        code: "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE", path: "/fields/isIncomingChannel" },
    Case { name: "negative ping offset", file: PAYLOAD,
        mutate: |v| set(v, "/fields/pingOffsets", json!([-60, 300])),
        code: "WRONG_FIELD_VALUE", path: "/fields/pingOffsets/0" },
    Case { name: "completed as yes", file: PAYLOAD,
        mutate: |v| set(v, "/fields/completed", json!("yes")),
        code: "WRONG_FIELD_VALUE", path: "/fields/completed" },
    Case { name: "responsibleId 0", file: PAYLOAD,
        mutate: |v| set(v, "/fields/responsibleId", json!(0)),
        code: "WRONG_FIELD_VALUE", path: "/fields/responsibleId" },
    Case { name: "deadline in local format", file: PAYLOAD,
        mutate: |v| set(v, "/fields/deadline", json!("01.02.2025 12:00")),
        code: "WRONG_FIELD_VALUE", path: "/fields/deadline" },
    Case { name: "21st block on a real 20-block card", file: "real_app_survey_20_blocks.json",
        mutate: |v| set(v, "/body/blocks/more", json!({"type": "text", "properties": {"value": "…"}})),
        code: "TOO_MANY_ITEMS", path: "/body/blocks" },
    Case { name: "withTitle without title on a real card", file: "real_app_survey_20_blocks.json",
        mutate: |v| del(v, "/body/blocks/total/properties/title"),
        code: "FIELD_IS_REQUIRED", path: "/body/blocks/total/properties/title" },
    Case { name: "tag with scope (old docs)", file: HEADER,
        mutate: |v| set(v, "/header/tags/status2/scope", json!("web")),
        code: "FIELD_IS_REDUNDANT", path: "/header/tags/status2/scope" },
    Case { name: "layout error in a payload", file: PAYLOAD,
        mutate: |v| set(v, "/layout/footer/buttons/startCall/type", json!("link")),
        code: "ENUM_FIELD", path: "/footer/buttons/startCall/type" },
];

#[test]
fn each_single_mistake_is_reported_first_with_code_and_path() {
    assert!(CASES.len() >= 30);
    for case in CASES {
        let mut doc = load(case.file);
        (case.mutate)(&mut doc);
        for opts in [ValidateOptions::default(), ValidateOptions { strict: true, ..Default::default() }] {
            let d = validate(&doc, &opts);
            let e = errors(&d);
            let first = e.first().unwrap_or_else(|| panic!("{}: no error at all:\n{d:#?}", case.name));
            assert_eq!(
                (first.code.as_str(), first.path.as_str()),
                (case.code, case.path),
                "{}: wrong first error; all errors:\n{e:#?}",
                case.name
            );
            assert_eq!(e.len(), 1, "{}: one mistake should give one error:\n{e:#?}", case.name);
        }
    }
}
