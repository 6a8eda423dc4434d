//! Edit layer: every change to the document is one `EditCommand` applied through
//! `History::apply`, which records its inverse, so undo/redo covers everything.
//!
//! The document root is `{"fields": {...}, "layout": {...}}`; commands address it with JSON
//! Pointers (`/layout/body/blocks/b1/properties/value`). Object insertions take an index so
//! key order — the portal's display order — is always under the user's control.

mod apply;
mod document;
pub mod plan;
pub mod structure;

pub use apply::{ApplyError, apply, empty_root};
pub use document::{Document, History};

use crate::layout::Root;
use serde_json::Value;

/// Prefix of the layout inside the document root (`layout_ptr!` builds pointers below it).
pub const LAYOUT: &str = Root::Layout.doc_pointer();
/// Prefix of the activity fields inside the document root (`fields_ptr!` builds pointers below it).
pub const FIELDS: &str = Root::Fields.doc_pointer();

/// One document change. `apply` returns the exact inverse.
#[derive(Clone, Debug, PartialEq)]
pub enum EditCommand {
    /// Replace the value at `path`; an absent object key is appended at the end.
    /// `path == ""` replaces the whole document (the JSON pane's "apply").
    Set { path: String, value: Value },
    /// Insert a new member into the object or array at `parent`, at position `index`
    /// (clamped to the length). `key` is required for objects and ignored for arrays.
    Insert { parent: String, index: usize, key: Option<String>, value: Value },
    /// Remove the object member or array element at `path`.
    Remove { path: String },
    /// Rename an object member in place (its position is kept).
    Rename { path: String, new_key: String },
    /// Move a member to position `index` within the same parent.
    Move { path: String, index: usize },
    /// Several commands as one undo step (applied in order, undone in reverse).
    Batch(Vec<EditCommand>),
}

/// One undoable step with its user-facing label ("rename block").
#[derive(Clone, Debug)]
pub struct Step {
    pub label: String,
    pub forward: EditCommand,
    pub inverse: EditCommand,
    /// Steps with the same non-empty merge key that follow each other become one step
    /// (typing into one field is one undo step, not one per letter).
    pub merge_key: Option<String>,
}

/// Returns `base` or `base-2`, `base-3`... — the first key not present in `existing`.
/// Used by add, duplicate and paste to resolve key clashes.
pub fn unique_key<'a>(base: &str, existing: impl IntoIterator<Item = &'a String> + Clone) -> String {
    let taken = |k: &str| existing.clone().into_iter().any(|e| e == k);
    let stem = if base.is_empty() { "item" } else { base };
    if !taken(stem) {
        return stem.to_string();
    }
    (2..).map(|n| format!("{stem}-{n}")).find(|k| !taken(k)).expect("unbounded range")
}

/// Turns any text into a valid collection key (`^[A-Za-z0-9_-]+$`), as the user types.
pub fn sanitize_key(input: &str) -> String {
    input.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_keys() {
        let keys = vec!["text".to_string(), "text-2".to_string()];
        assert_eq!(unique_key("text", &keys), "text-3");
        assert_eq!(unique_key("link", &keys), "link");
        assert_eq!(unique_key("", &keys), "item");
    }

    #[test]
    fn sanitizes() {
        assert_eq!(sanitize_key("my key/ü-1_x"), "mykey-1_x");
    }
}
