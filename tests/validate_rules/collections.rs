//! V6 limits, V7/V9 collections, V8 keys, V10 nesting.

use super::helpers::*;

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
    // actionParams on redirect is ignored by the portal (its ActionDto validates actionParams only
    // for restEvent/openRestApp): a warning, never a count error.
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
    no_errors(&check(&with(21)));
    warn(&check(&with(21)), "DESIGNER_IGNORED_ACTION_FIELD", "/header/titleAction/actionParams");
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
