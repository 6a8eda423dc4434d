//! Whole-validator properties: order, summary, code coverage, hostile input.

use super::helpers::*;

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

fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        // Keys and strings from the layout vocabulary make deep, plausible shapes likely.
        prop::sample::select(vec![
            "",
            "text",
            "link",
            "withTitle",
            "lineOfBlocks",
            "deadline",
            "redirect",
            "restEvent",
            "openRestApp",
            "mobile",
            "Y",
            "false",
            "#2fc6f6",
            "system",
            "ключ",
            "a/b~",
        ])
        .prop_map(|s| json!(s)),
    ];
    let key = prop::sample::select(vec![
        "icon",
        "header",
        "body",
        "footer",
        "code",
        "title",
        "tags",
        "type",
        "logo",
        "blocks",
        "properties",
        "value",
        "block",
        "action",
        "uri",
        "id",
        "actionParams",
        "sliderParams",
        "labelColor",
        "buttons",
        "menu",
        "items",
        "sections",
        "sectionCode",
        "scope",
        "en",
        "x y",
        "",
    ]);
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 2000, ..Default::default() })]

    /// Arbitrary JSON as a layout, as fields, and spliced into a valid layout: never a panic,
    /// and every path is a JSON Pointer.
    #[test]
    fn arbitrary_json_never_panics(v in any_json(), at in 0usize..64) {
        let all = validate_payload(Some(&v), Some(&v), &strict());
        for d in &all {
            proptest::prop_assert!(d.path.is_empty() || d.path.starts_with('/'));
        }
        let _ = validate_layout(&v, &ValidateOptions::default());
        let mut l = full();
        let mut ptrs = Vec::new();
        let mut stack = vec![(String::new(), &l)];
        while let Some((p, node)) = stack.pop() {
            if let Value::Object(m) = node {
                for (k, c) in m {
                    let cp = format!("{p}/{k}");
                    ptrs.push(cp.clone());
                    stack.push((cp, c));
                }
            }
        }
        let target = ptrs[at % ptrs.len()].clone();
        *l.pointer_mut(&target).unwrap() = v;
        let _ = validate_payload(Some(&l), None, &ValidateOptions::default());
    }
}
