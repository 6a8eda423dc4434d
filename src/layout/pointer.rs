//! JSON Pointer (RFC 6901) building and walking over `serde_json::Value`, and the document
//! pointer literals `layout_ptr!` / `fields_ptr!`.

use serde_json::Value;

/// A document pointer below the layout as a `&'static str` (usable in `const`s and patterns):
/// `layout_ptr!("/body/blocks")` is `"/layout/body/blocks"`, `layout_ptr!("")` the layout itself
/// (`Root::Layout.doc_pointer()`).
#[macro_export]
macro_rules! layout_ptr {
    ($rel:literal) => {
        concat!("/layout", $rel)
    };
}

/// A document pointer below the activity fields: `fields_ptr!("/deadline")` is
/// `"/fields/deadline"` (`Root::Fields.doc_pointer()` plus the path).
#[macro_export]
macro_rules! fields_ptr {
    ($rel:literal) => {
        concat!("/fields", $rel)
    };
}

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends one token to a pointer.
pub fn join(base: &str, token: &str) -> String {
    let mut s = String::with_capacity(base.len() + token.len() + 1);
    s.push_str(base);
    s.push('/');
    s.push_str(&escape(token));
    s
}

/// Splits a pointer into unescaped tokens. `""` is the root (no tokens).
pub fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer.trim_start_matches('/').split('/').map(unescape).collect()
}

/// Builds a pointer from tokens.
pub fn from_tokens<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut s = String::new();
    for t in tokens {
        s.push('/');
        s.push_str(&escape(t.as_ref()));
    }
    s
}

/// The parent pointer and the last token, or `None` for the root.
pub fn split_last(pointer: &str) -> Option<(String, String)> {
    let toks = tokens(pointer);
    let (last, rest) = toks.split_last()?;
    Some((from_tokens(rest), last.clone()))
}

/// True when `pointer` is `ancestor` or lies below it.
pub fn is_within(pointer: &str, ancestor: &str) -> bool {
    pointer == ancestor || (pointer.starts_with(ancestor) && pointer.as_bytes().get(ancestor.len()) == Some(&b'/'))
}

/// Looks a pointer up (serde_json's own `pointer` does the same; re-exported for symmetry).
pub fn get<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    root.pointer(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_round_trips() {
        let p = from_tokens(&["a/b", "c~d", "e"]);
        assert_eq!(p, "/a~1b/c~0d/e");
        assert_eq!(tokens(&p), vec!["a/b", "c~d", "e"]);
        assert_eq!(split_last(&p), Some(("/a~1b/c~0d".into(), "e".into())));
        assert!(tokens("").is_empty());
        assert_eq!(split_last(""), None);
    }

    #[test]
    fn document_pointer_literals_start_at_their_root() {
        use crate::layout::Root;
        assert_eq!(layout_ptr!(""), Root::Layout.doc_pointer());
        assert_eq!(fields_ptr!(""), Root::Fields.doc_pointer());
        assert_eq!(layout_ptr!("/body/blocks"), join(Root::Layout.doc_pointer(), "body").to_string() + "/blocks");
        assert!(matches!("/fields/deadline", fields_ptr!("/deadline")), "usable as a pattern");
    }

    #[test]
    fn within() {
        assert!(is_within("/body/blocks/a", "/body/blocks"));
        assert!(is_within("/body", "/body"));
        assert!(!is_within("/bodyx", "/body"));
        assert!(is_within("/x", ""));
    }
}
