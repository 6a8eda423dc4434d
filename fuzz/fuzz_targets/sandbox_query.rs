//! The sandbox's PHP-style form/query parser (GET queries, form bodies, `batch` commands) on
//! arbitrary input: never a panic or a stack overflow (nesting is capped at 64), and the helpers methods use on its
//! values hold up.
#![no_main]

use b24_activity_designer::sandbox::query::{MAX_DEPTH, as_i64, list_of, parse, php_string};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn walk(v: &Value) {
    let _ = as_i64(v);
    let _ = php_string(v);
    for child in list_of(v) {
        if child.is_object() || child.is_array() {
            walk(child);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let qs = String::from_utf8_lossy(data);
    match parse(&qs) {
        Ok(v) => {
            assert!(v.is_object() || v.is_array(), "{v}");
            walk(&v);
        }
        // Refused only past PHP's nesting cap.
        Err(e) => assert!(e.depth > MAX_DEPTH, "{e}"),
    }
});
