//! The typed model: exact round trip (value and key order), lenient parsing, edits in code,
//! the fixtures, and the property tests over generated valid layouts.

mod common;

use b24_activity_designer::layout::model::*;
use b24_activity_designer::layout::{Severity, ValidateOptions, validate_fields, validate_layout};
use common::{shuffle_keys, valid_fields, valid_layout};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Byte-for-byte round trip of a layout and of the same value read as `fields`.
fn assert_rt(v: &Value) {
    let want = serde_json::to_string(v).unwrap();
    assert_eq!(serde_json::to_string(&Layout::from_value(v).to_value()).unwrap(), want, "layout round trip");
    assert_eq!(serde_json::to_string(&Fields::from_value(v).to_value()).unwrap(), want, "fields round trip");
}

fn redirect() -> Value {
    json!({"type": "redirect", "uri": "/crm/deal/details/1/"})
}

fn rest_event() -> Value {
    json!({"type": "restEvent", "id": "confirm", "actionParams": {"clientId": 456, "mode": "a"}, "animationType": "loader"})
}

fn open_app() -> Value {
    json!({"type": "openRestApp", "actionParams": {"x": "1"},
        "sliderParams": {"width": 600, "title": "Slider", "labelText": "New", "labelBgColor": "violet", "labelColor": "#ff00AA"}})
}

/// A layout with every block type, every action type, tags, buttons, a menu with sections and
/// translations (the examples of layout.md put together).
fn full_layout() -> Value {
    json!({
        "icon": {"code": "call-completed"},
        "header": {
            "title": {"en": "Incoming call", "de": "Eingehender Anruf", "ru": "Входящий звонок"},
            "titleAction": redirect(),
            "tags": {
                "status": {"title": "Missed", "type": "failure", "action": rest_event()},
                "t2": {"title": {"en": "New"}, "type": "primary"}
            }
        },
        "body": {
            "logo": {"code": "call-incoming", "action": open_app()},
            "blocks": {
                "client": {"type": "text", "properties": {"value": "Client: John", "multiline": true,
                    "title": {"en": "tip"}, "bold": false, "size": "sm", "color": "base_70", "scope": "web"}},
                "note": {"type": "largeText", "properties": {"value": "Long\ntext", "scope": "mobile"}},
                "lnk": {"type": "link", "properties": {"text": "Open deal", "action": redirect(), "bold": true}},
                "wt": {"type": "withTitle", "properties": {"title": "Responsible", "inline": true,
                    "block": {"type": "text", "properties": {"value": "Anna"}}}},
                "line": {"type": "lineOfBlocks", "properties": {"blocks": {
                    "a": {"type": "text", "properties": {"value": "Some text"}},
                    "b": {"type": "link", "properties": {"text": "link", "action": rest_event()}},
                    "c": {"type": "deadline", "properties": {"readonly": true}}}}},
                "deadline": {"type": "deadline", "properties": {}}
            }
        },
        "footer": {
            "buttons": {
                "ok": {"title": {"en": "OK", "de": "Gut"}, "type": "primary", "action": rest_event(), "hideIfReadonly": true},
                "app": {"title": "Open", "type": "secondary", "action": open_app(), "scope": "web"}
            },
            "menu": {
                "showPinItem": true, "showPostponeItem": false, "showDeleteItem": true,
                "items": {
                    "m1": {"title": "Call back", "action": redirect(), "scope": "web", "hideIfReadonly": false,
                        "subtitle": {"en": "soon"}, "design": "accent-1", "isSelected": true, "isLocked": false,
                        "badgeText": {"title": "new", "color": "#2fc6f6"}, "sectionCode": "main"},
                    "m2": {"title": "Later", "action": rest_event(), "sectionCode": "more"}
                },
                "sections": [{"code": "main", "title": "Main", "design": "accent"}, {"code": "more"}]
            },
            "showNote": false
        }
    })
}

#[test]
fn full_layout_round_trips_and_is_typed() {
    let v = full_layout();
    assert_rt(&v);
    let l = Layout::from_value(&v);
    assert_eq!(l.icon.as_ref().unwrap().code.as_deref(), Some("call-completed"));
    let h = l.header.as_ref().unwrap();
    assert!(matches!(&h.title, Some(Text::Translated(m)) if m.len() == 3));
    assert_eq!(h.title_action.as_ref().unwrap().uri.as_deref(), Some("/crm/deal/details/1/"));
    let tags = h.tags.as_ref().unwrap();
    assert_eq!(tags.get_ok("status").unwrap().kind.as_deref(), Some("failure"));
    let status_action = tags.get_ok("status").unwrap().action.as_ref().unwrap();
    assert_eq!(status_action.action_params.as_ref().unwrap()["clientId"], json!(456));
    let body = l.body.as_ref().unwrap();
    let slider = body.logo.as_ref().unwrap().action.as_ref().unwrap().slider_params.as_ref().unwrap();
    assert_eq!((slider.width, slider.label_color.as_deref()), (Some(600), Some("#ff00AA")));
    let blocks = body.blocks.as_ref().unwrap();
    let kinds: Vec<_> = blocks.iter_ok().map(|(_, b)| b.props.as_ref().and_then(BlockProps::kind)).collect();
    assert!(kinds.iter().all(Option::is_some), "{kinds:?}");
    let Some(BlockProps::Text(t)) = &blocks.get_ok("client").unwrap().props else { panic!("text") };
    assert_eq!((t.multiline, t.bold, t.size.as_deref()), (Some(true), Some(false), Some("sm")));
    let Some(BlockProps::LineOfBlocks(line)) = &blocks.get_ok("line").unwrap().props else { panic!("line") };
    let Some(BlockProps::Deadline(d)) = &line.blocks.as_ref().unwrap().get_ok("c").unwrap().props else {
        panic!("deadline")
    };
    assert_eq!(d.readonly, Some(true));
    let footer = l.footer.as_ref().unwrap();
    assert_eq!(footer.show_note, Some(false));
    let menu = footer.menu.as_ref().unwrap();
    assert_eq!(menu.show_postpone_item, Some(false));
    let m1 = menu.items.as_ref().unwrap().get_ok("m1").unwrap();
    assert_eq!((m1.design.as_deref(), m1.section_code.as_deref()), (Some("accent-1"), Some("main")));
    assert_eq!(m1.badge_text.as_ref().unwrap().color.as_deref(), Some("#2fc6f6"));
    let sections = menu.sections.as_ref().unwrap();
    assert!(matches!(&sections[1], Item::Ok(s) if s.code.as_deref() == Some("more") && s.title.is_none()));
}

#[test]
fn shuffled_key_orders_round_trip() {
    let v = full_layout();
    for seed in 1..40u64 {
        let s = shuffle_keys(&v, seed);
        assert_rt(&s);
    }
    // The shuffle really changes the byte order (otherwise the loop above proves nothing).
    assert_ne!(serde_json::to_string(&shuffle_keys(&v, 7)).unwrap(), serde_json::to_string(&v).unwrap());
}

#[test]
fn unknown_fields_and_types_are_kept() {
    let v = json!({
        "zzz": 1,
        "icon": {"code": "info", "color": "red"},
        "header": {"title": "T", "subtitle": "extra"},
        "body": {"logo": {"code": "document", "size": 3}, "blocks": {
            "x": {"type": "chart", "properties": {"series": [1, 2], "value": "v"}},
            "y": {"properties": {"value": "no type"}},
            "z": {"type": "text", "properties": {"value": "a", "fontFamily": "serif"}, "extra": null}
        }},
        "footer": {"buttons": {"b": {"title": "B", "type": "primary", "action":
            {"type": "teleport", "where": "mars", "uri": "/x", "id": "also-kept"}}}}
    });
    assert_rt(&v);
    let l = Layout::from_value(&v);
    let blocks = l.blocks().unwrap();
    assert!(matches!(&blocks.get_ok("x").unwrap().props, Some(BlockProps::Unknown(m)) if m.contains_key("series")));
    assert!(matches!(&blocks.get_ok("y").unwrap().props, Some(BlockProps::Unknown(_))));
    let b = l.footer.as_ref().unwrap().buttons.as_ref().unwrap().get_ok("b").unwrap();
    let a = b.action.as_ref().unwrap();
    assert_eq!(
        (a.kind.as_deref(), a.uri.as_deref(), a.id.as_deref()),
        (Some("teleport"), Some("/x"), Some("also-kept"))
    );
    assert_eq!(a.raw["where"], json!("mars"));
}

#[test]
fn wrong_types_deep_inside_stay_raw() {
    let v = json!({
        "icon": {"code": 42},
        "header": {"title": 7, "tags": ["a", "b"], "titleAction": "go"},
        "body": {"logo": [], "blocks": {
            "a": {"type": "text", "properties": {"value": 3.5, "bold": "true", "multiline": 1, "size": null}},
            "b": {"type": "withTitle", "properties": {"title": {"en": 5}, "block": "text"}},
            "c": {"type": "lineOfBlocks", "properties": {"blocks": [{"type": "text"}]}},
            "d": "not a block",
            "e": {"type": 5, "properties": "none"},
            "f": {"type": "link", "properties": {"text": "t", "action": {"type": "restEvent", "id": 9,
                "actionParams": [1], "sliderParams": {"width": "600", "leftBoundary": 1.5}}}}
        }},
        "footer": {"buttons": {"b": 1}, "menu": {"items": "none", "sections": {"code": "x"}, "showPinItem": "false"}}
    });
    assert_rt(&v);
    let l = Layout::from_value(&v);
    assert_eq!(l.icon.as_ref().unwrap().code, None);
    let h = l.header.as_ref().unwrap();
    assert!(h.title.is_none() && h.tags.is_none() && h.title_action.is_none());
    let body = l.body.as_ref().unwrap();
    assert!(body.logo.is_none());
    let blocks = body.blocks.as_ref().unwrap();
    let Some(BlockProps::Text(t)) = &blocks.get_ok("a").unwrap().props else { panic!("text") };
    assert!(t.value.is_none() && t.bold.is_none() && t.multiline.is_none() && t.size.is_none());
    let Some(BlockProps::WithTitle(w)) = &blocks.get_ok("b").unwrap().props else { panic!("withTitle") };
    assert!(w.block.is_none());
    assert!(matches!(&w.title, Some(Text::Translated(m)) if m["en"] == json!(5)));
    assert!(matches!(blocks.items.get("d"), Some(Item::Raw(Value::String(_)))));
    let e = blocks.get_ok("e").unwrap();
    assert!(e.kind.is_none() && e.props.is_none());
    let Some(BlockProps::Link(link)) = &blocks.get_ok("f").unwrap().props else { panic!("link") };
    let a = link.action.as_ref().unwrap();
    assert!(a.id.is_none() && a.action_params.is_none());
    let s = a.slider_params.as_ref().unwrap();
    assert!(s.width.is_none() && s.left_boundary.is_none());
    let footer = l.footer.as_ref().unwrap();
    assert!(matches!(footer.buttons.as_ref().unwrap().items.get("b"), Some(Item::Raw(_))));
    let menu = footer.menu.as_ref().unwrap();
    assert!(menu.items.is_none() && menu.sections.is_none() && menu.show_pin_item.is_none());
}

#[test]
fn non_objects_and_empties_round_trip() {
    for v in [json!(null), json!(1), json!("layout"), json!([1, {"icon": 2}]), json!({}), json!(true)] {
        assert_rt(&v);
    }
    assert!(Layout::from_value(&json!([1])).icon.is_none());
}

#[test]
fn hostile_nesting_depth_is_cut_but_round_trips() {
    let mut v = json!({"type": "text", "properties": {"value": "leaf"}});
    for i in 0..100 {
        v = if i % 2 == 0 {
            json!({"type": "withTitle", "properties": {"title": "t", "block": v}})
        } else {
            json!({"type": "lineOfBlocks", "properties": {"blocks": {"k": v}}})
        };
    }
    let layout = json!({"body": {"blocks": {"deep": v}}});
    assert_rt(&layout);
}

#[test]
fn fields_round_trip_and_typing() {
    let v = json!({"typeId": "CONFIGURABLE", "completed": "Y", "deadline": "2025-02-01T12:00:00+03:00",
        "pingOffsets": [0, 15, "x"], "isIncomingChannel": 0, "responsibleId": 1, "badgeCode": "",
        "originatorId": "crm", "originId": "42", "custom": {"a": 1}});
    assert_rt(&v);
    assert_rt(&shuffle_keys(&v, 3));
    let f = Fields::from_value(&v);
    assert_eq!(f.completed, Some(json!("Y")));
    assert_eq!(f.ping_offsets.as_ref().unwrap().len(), 3);
    assert_eq!(f.responsible_id, Some(1));
    let bad = json!({"typeId": 5, "responsibleId": "1", "deadline": null, "pingOffsets": 5});
    assert_rt(&bad);
    let f = Fields::from_value(&bad);
    assert!(f.type_id.is_none() && f.responsible_id.is_none() && f.deadline.is_none() && f.ping_offsets.is_none());
}

#[test]
fn edits_in_code_keep_order_and_append_in_documented_order() {
    let v = json!({"body": {"blocks": {"b": {"properties": {"value": "old", "zz": 1}, "type": "text"}}}, "icon": {"code": "info"}});
    let mut l = Layout::from_value(&v);
    // Change in place, remove a valid field, append a new one.
    l.icon.as_mut().unwrap().code = Some("call".into());
    let block = l.body.as_mut().unwrap().blocks.as_mut().unwrap().items.get_mut("b").unwrap().ok_mut().unwrap();
    let Some(BlockProps::Text(t)) = block.props.as_mut() else { panic!("text") };
    t.value = None;
    t.color = Some("base_50".into());
    t.bold = Some(true);
    l.header = Some(Header { title: Some(Text::Plain("New".into())), ..Default::default() });
    let out = serde_json::to_string(&l.to_value()).unwrap();
    assert_eq!(
        out,
        r#"{"body":{"blocks":{"b":{"properties":{"zz":1,"bold":true,"color":"base_50"},"type":"text"}}},"icon":{"code":"call"},"header":{"title":"New"}}"#
    );
    // A wrongly typed value is not removed by leaving the typed field None.
    let w = json!({"icon": {"code": 5}});
    let mut l = Layout::from_value(&w);
    l.icon.as_mut().unwrap().code = None;
    assert_eq!(l.to_value(), w);
}

#[test]
fn built_in_code_uses_documented_order_and_json_booleans() {
    let action = Action { kind: Some("redirect".into()), uri: Some("/crm/".into()), ..Default::default() };
    let text =
        TextBlock { scope: Some("web".into()), bold: Some(false), value: Some(Text::plain("v")), ..Default::default() };
    let blocks = [("t".to_string(), Block::new(BlockProps::Text(text)))].into_iter().collect();
    let l = Layout {
        footer: Some(Footer { show_note: Some(true), ..Default::default() }),
        body: Some(Body {
            blocks: Some(blocks),
            logo: Some(Logo { action: Some(action), code: Some("document".into()), raw: Default::default() }),
            raw: Default::default(),
        }),
        icon: Some(Icon { code: Some("info".into()), raw: Default::default() }),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&l.to_value()).unwrap(),
        r#"{"icon":{"code":"info"},"body":{"logo":{"code":"document","action":{"type":"redirect","uri":"/crm/"}},"blocks":{"t":{"type":"text","properties":{"value":"v","bold":false,"scope":"web"}}}},"footer":{"showNote":true}}"#
    );
    let f = Fields {
        responsible_id: Some(3),
        type_id: Some("CONFIGURABLE".into()),
        completed: Some(json!(false)),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&f.to_value()).unwrap(),
        r#"{"typeId":"CONFIGURABLE","completed":false,"responsibleId":3}"#
    );
}

fn fixture(name: &str) -> (String, Value) {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let v = serde_json::from_str(&text).unwrap();
    (text, v)
}

#[test]
fn largest_fixture_is_at_every_limit_and_round_trips() {
    let (_, v) = fixture("largest.json");
    assert_rt(&v);
    let l = Layout::from_value(&v);
    let blocks = l.blocks().unwrap();
    assert_eq!(blocks.len(), 20);
    let kinds: std::collections::HashSet<_> = blocks.iter_ok().filter_map(|(_, b)| b.known_kind()).collect();
    assert_eq!(kinds.len(), 6, "every block type");
    assert_eq!(l.header.as_ref().unwrap().tags.as_ref().unwrap().len(), 2);
    let footer = l.footer.as_ref().unwrap();
    assert_eq!(footer.buttons.as_ref().unwrap().len(), 2);
    let menu = footer.menu.as_ref().unwrap();
    assert_eq!(menu.items.as_ref().unwrap().len(), 10);
    assert!(!menu.sections.as_ref().unwrap().is_empty());
    let text = serde_json::to_string(&v).unwrap();
    for needle in ["\"redirect\"", "\"restEvent\"", "\"openRestApp\"", "sliderParams", "\"de\"", "\"ru\""] {
        assert!(text.contains(needle), "{needle}");
    }
    let errors: Vec<_> = validate_layout(&v, &ValidateOptions::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");

    let (_, p) = fixture("largest_payload.json");
    assert_eq!(p["layout"], v, "the payload carries the same layout");
    assert!(p["ownerTypeId"].is_i64() && p["ownerId"].is_i64());
    assert_rt(&p["fields"]);
    let errors: Vec<_> = validate_fields(&p["fields"], &ValidateOptions::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_valid_layouts_round_trip_byte_for_byte(v in valid_layout(), seed in any::<u64>()) {
        let want = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(serde_json::to_string(&Layout::from_value(&v).to_value()).unwrap(), want);
        let s = shuffle_keys(&v, seed);
        prop_assert_eq!(
            serde_json::to_string(&Layout::from_value(&s).to_value()).unwrap(),
            serde_json::to_string(&s).unwrap()
        );
    }

    #[test]
    fn generated_valid_layouts_validate_without_errors(v in valid_layout(), f in valid_fields()) {
        let opts = ValidateOptions::default();
        let errors: Vec<_> = validate_layout(&v, &opts).into_iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{:?}\n{}", errors, v);
        let errors: Vec<_> = validate_fields(&f, &opts).into_iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{:?}\n{}", errors, f);
    }

    #[test]
    fn generated_valid_fields_round_trip(f in valid_fields(), seed in any::<u64>()) {
        let s = shuffle_keys(&f, seed);
        prop_assert_eq!(
            serde_json::to_string(&Fields::from_value(&s).to_value()).unwrap(),
            serde_json::to_string(&s).unwrap()
        );
    }
}
