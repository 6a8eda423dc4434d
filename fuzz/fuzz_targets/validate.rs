//! The validator on arbitrary JSON, as a layout, as fields and as a whole payload, in both
//! modes: never a panic, and every finding has a code and a JSON Pointer path.
#![no_main]

use b24_activity_designer::layout::{Diagnostic, ValidateOptions, validate_fields, validate_layout, validate_payload};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn check(diags: &[Diagnostic]) {
    for d in diags {
        assert!(!d.code.as_str().is_empty(), "{d:?}");
        assert!(d.path.is_empty() || d.path.starts_with('/'), "{d:?}");
        let _ = d.doc_path();
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<Value>(data) else { return };
    for strict in [false, true] {
        let opts = ValidateOptions { catalog: None, strict };
        check(&validate_layout(&v, &opts));
        check(&validate_fields(&v, &opts));
        check(&validate_payload(v.get("layout"), v.get("fields"), &opts));
        check(&validate_payload(Some(&v), None, &opts));
    }
});
