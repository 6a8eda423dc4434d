//! V11 actions, V12 translations, V13/V14 slider, V15 booleans, V16 menu sections and [N-only].

use super::helpers::*;

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
