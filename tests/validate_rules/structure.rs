//! Baseline, V1 empty layout, V2–V4 closed objects and required fields, V5 enumerations.

use super::helpers::*;

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

/// The shape of the incoming-call example of the docs' LayoutDto page: no errors, and only the
/// informational action warnings.
#[test]
fn docs_style_incoming_call_layout_has_no_errors() {
    let l = json!({
        "icon": {"code": "call-completed"},
        "header": {"title": "Incoming call", "tags": {"status2": {"type": "warning", "title": "not transcribed"}}},
        "body": {
            "logo": {"code": "call-incoming", "action": {"type": "redirect", "uri": "/crm/deal/details/123/"}},
            "blocks": {
                "client": {"type": "withTitle", "properties": {"title": "Client", "inline": true,
                           "block": {"type": "text", "properties": {"value": "Horns and Hooves Ltd"}}}},
                "deadline": {"type": "withTitle", "properties": {"title": "Deadline", "inline": true,
                             "block": {"type": "deadline"}}},
                "responsible": {"type": "lineOfBlocks", "properties": {"blocks": {
                    "name": {"type": "link", "properties": {"text": "Sergey", "bold": true,
                             "action": {"type": "redirect", "uri": "/crm/lead/details/789/"}}},
                    "phone": {"type": "text", "properties": {"value": "+7 999 888 7777"}}
                }}}
            }
        },
        "footer": {
            "buttons": {"aboutClient": {"title": "About the client", "type": "primary",
                        "action": {"type": "openRestApp", "actionParams": {"clientId": 456}}}},
            "menu": {"showPostponeItem": false, "items": {
                "confirm": {"title": "Confirm", "action": {"type": "restEvent", "id": "confirm", "animationType": "loader"}},
                "decline": {"title": "Decline", "action": {"type": "restEvent", "id": "decline", "animationType": "disable"}}
            }}
        }
    });
    let d = check(&l);
    no_errors(&d);
    let codes: BTreeSet<&str> = d.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(
        codes,
        BTreeSet::from(["DESIGNER_OPEN_REST_APP", "DESIGNER_REST_EVENT", "DESIGNER_ACTION_LOCK"]),
        "{d:#?}"
    );
    let p = validate_payload(Some(&l), Some(&json!({"deadline": "2025-02-01T12:00:00+03:00"})), &opts());
    assert_eq!(p, d, "with a deadline the payload adds nothing");
}
