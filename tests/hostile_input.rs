//! Hostile input: arbitrary bytes and arbitrary JSON never panic the loader (typed model) or the
//! validator, and any JSON value round-trips through the typed model exactly.

mod common;

use b24_activity_designer::layout::model::{Fields, Layout};
use b24_activity_designer::layout::{ValidateOptions, validate_fields, validate_layout, validate_payload};
use common::{arb_json, pointers, valid_layout};
use proptest::prelude::*;
use serde_json::Value;

/// Everything a loaded document goes through; panics propagate to the test.
fn exercise(v: &Value) -> Result<(), TestCaseError> {
    let opts = ValidateOptions::default();
    let strict = ValidateOptions { strict: true, ..ValidateOptions::default() };
    let _ = validate_layout(v, &opts);
    let _ = validate_layout(v, &strict);
    let _ = validate_fields(v, &opts);
    let _ = validate_payload(Some(v), Some(v), &opts);
    let want = serde_json::to_string(v).unwrap();
    prop_assert_eq!(serde_json::to_string(&Layout::from_value(v).to_value()).unwrap(), want.clone());
    prop_assert_eq!(serde_json::to_string(&Fields::from_value(v).to_value()).unwrap(), want);
    Ok(())
}

/// JSON-ish byte soup: mostly tokens, so that a fair share of inputs parses.
fn jsonish_bytes() -> impl Strategy<Value = Vec<u8>> {
    r#"[\[\]{}":, 0-9a-zA-Z.eE+\-\\]{0,200}"#.prop_map(String::into_bytes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics_and_round_trips(v in arb_json()) {
        exercise(&v)?;
        // The same value as each top-level part of a layout, and as the `properties` of each
        // block type (where the typed paths go deepest).
        for key in ["icon", "header", "body", "footer"] {
            exercise(&Value::Object([(key.to_owned(), v.clone())].into_iter().collect()))?;
        }
        for t in ["text", "largeText", "link", "withTitle", "lineOfBlocks", "deadline"] {
            exercise(&serde_json::json!({"body": {"blocks": {"k": {"type": t, "properties": v.clone()}}}}))?;
        }
    }

    #[test]
    fn arbitrary_subtree_in_a_valid_layout_never_panics(
        layout in valid_layout(),
        junk in arb_json(),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut v = layout;
        let ptrs = pointers(&v);
        let at = &ptrs[pick.index(ptrs.len())];
        if let Some(slot) = v.pointer_mut(at) {
            *slot = junk;
        }
        exercise(&v)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop_oneof![proptest::collection::vec(any::<u8>(), 0..300), jsonish_bytes()]) {
        if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
            exercise(&v)?;
        }
    }

    #[test]
    fn mutated_valid_layout_bytes_never_panic(
        layout in valid_layout(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let mut bytes = serde_json::to_vec(&layout).unwrap();
        for (i, b, op) in edits {
            let at = i.index(bytes.len().max(1)).min(bytes.len());
            match op {
                0 if at < bytes.len() => bytes[at] = b,
                1 => bytes.insert(at, b),
                _ if at < bytes.len() => { bytes.remove(at); }
                _ => {}
            }
        }
        if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
            exercise(&v)?;
        }
    }
}

#[test]
fn deeply_nested_json_at_the_parser_limit_is_handled() {
    // serde_json refuses nesting beyond 128; just below it must load, validate and round-trip.
    let text = "{\"block\":".repeat(120) + "1" + &"}".repeat(120);
    let v: Value = serde_json::from_str(&text).unwrap();
    exercise(&serde_json::json!({"body": {"blocks": {"k": {"type": "withTitle", "properties": v}}}})).unwrap();
    let arrays = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let v: Value = serde_json::from_str(&arrays).unwrap();
    exercise(&v).unwrap();
}
