//! Arbitrary (mostly invalid) JSON for hostile-input tests: any shape, with object keys drawn
//! mostly from the layout vocabulary so that deep typed paths are reached with wrong types.

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Number, Value};

const KEYS: &[&str] = &[
    "icon",
    "header",
    "body",
    "footer",
    "code",
    "title",
    "titleAction",
    "tags",
    "type",
    "action",
    "logo",
    "blocks",
    "properties",
    "value",
    "multiline",
    "bold",
    "size",
    "color",
    "scope",
    "text",
    "block",
    "inline",
    "readonly",
    "uri",
    "id",
    "actionParams",
    "animationType",
    "sliderParams",
    "width",
    "leftBoundary",
    "labelText",
    "labelBgColor",
    "labelColor",
    "buttons",
    "menu",
    "showNote",
    "hideIfReadonly",
    "showPinItem",
    "showPostponeItem",
    "showDeleteItem",
    "items",
    "sections",
    "subtitle",
    "design",
    "isSelected",
    "isLocked",
    "badgeText",
    "sectionCode",
    "en",
    "de",
    "typeId",
    "completed",
    "deadline",
    "pingOffsets",
    "isIncomingChannel",
    "responsibleId",
    "badgeCode",
    "originatorId",
    "originId",
];

const STRINGS: &[&str] = &[
    "text",
    "largeText",
    "link",
    "withTitle",
    "lineOfBlocks",
    "deadline",
    "redirect",
    "restEvent",
    "openRestApp",
    "primary",
    "web",
    "Y",
    "true",
    "",
    "2025-02-01T12:00:00+03:00",
    "#ff00aa",
    "system",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![4 => select(KEYS).prop_map(str::to_owned), 1 => ".{0,6}"]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        select(STRINGS).prop_map(|s| Value::String(s.to_owned())),
        ".{0,12}".prop_map(Value::String),
    ]
}

/// Any JSON value up to depth ~8, biased toward objects with layout keys.
pub fn arb_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(8, 256, 8, |inner| {
        prop_oneof![
            1 => proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            3 => proptest::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Every JSON Pointer inside `v` (the root excluded), in document order.
pub fn pointers(v: &Value) -> Vec<String> {
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        let esc = |k: &str| k.replace('~', "~0").replace('/', "~1");
        match v {
            Value::Object(m) => m.iter().for_each(|(k, c)| {
                let p = format!("{at}/{}", esc(k));
                out.push(p.clone());
                walk(c, p, out);
            }),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                walk(c, p, out);
            }),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, String::new(), &mut out);
    out
}
