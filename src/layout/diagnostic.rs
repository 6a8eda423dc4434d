//! One validator finding: severity, code, place (which part of the document and a JSON Pointer)
//! and a plain sentence.

use super::{Code, pointer};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The part of the document (`{"fields": {...}, "layout": {...}}`) a pointer lies in. Kept
/// beside the path because a path alone cannot tell: a layout key literally named `fields` has
/// the layout-relative path `/fields`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Root {
    Layout,
    Fields,
}

impl Root {
    /// The root's own pointer in the document.
    pub const fn doc_pointer(self) -> &'static str {
        match self {
            Root::Layout => "/layout",
            Root::Fields => "/fields",
        }
    }

    /// What a validator path below this root starts with: layout paths are relative to the
    /// layout, activity-field paths keep `/fields`.
    pub const fn validator_prefix(self) -> &'static str {
        match self {
            Root::Layout => "",
            Root::Fields => "/fields",
        }
    }

    /// Splits a document pointer into its root and the pointer relative to that root
    /// (`/layout/body` → `(Layout, "/body")`); `None` outside both roots.
    pub fn split_doc_pointer(doc: &str) -> Option<(Root, &str)> {
        [Root::Layout, Root::Fields].into_iter().find_map(|r| {
            let rest = doc.strip_prefix(r.doc_pointer())?;
            (rest.is_empty() || rest.starts_with('/')).then_some((r, rest))
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The portal's error code (`FIELD_IS_REQUIRED`, `ENUM_FIELD`, ...) where the server has one;
    /// otherwise a designer code (`DESIGNER_*`) so scripts can still filter on it.
    pub code: Code,
    /// Which part of the document `path` lies in.
    #[serde(skip)]
    pub root: Root,
    /// The validator's JSON Pointer (RFC 6901), as the CLI prints it: for `Root::Layout`
    /// relative to the layout (`/body/blocks/client/properties/action/uri`); for `Root::Fields`
    /// starting with `/fields`.
    pub path: String,
    /// One plain sentence a user understands.
    pub message: String,
}

impl Diagnostic {
    pub fn error(code: Code, root: Root, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, code, root, path: path.into(), message: message.into() }
    }
    pub fn warning(code: Code, root: Root, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, code, root, path: path.into(), message: message.into() }
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The finding's document pointer in two pieces, `prefix + rest`, so per-frame checks can
    /// compare without building the string.
    pub fn doc_parts(&self) -> (&'static str, &str) {
        match self.root {
            Root::Layout => (Root::Layout.doc_pointer(), &self.path),
            // The validator path already starts with `/fields`.
            Root::Fields => ("", &self.path),
        }
    }

    /// The finding's place as a document pointer (`/body/..` → `/layout/body/..`;
    /// `/fields/..` stays as it is).
    pub fn doc_path(&self) -> String {
        let (prefix, rest) = self.doc_parts();
        format!("{prefix}{rest}")
    }

    /// True when the finding lies at the document pointer `ancestor` or below it.
    pub fn is_within(&self, ancestor: &str) -> bool {
        let (prefix, rest) = self.doc_parts();
        match ancestor.strip_prefix(prefix) {
            Some(a) => pointer::is_within(rest, a),
            // `ancestor` is shorter than the prefix: within when it is the prefix's ancestor.
            None => pointer::is_within(prefix, ancestor),
        }
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(root: Root, path: &str) -> Diagnostic {
        Diagnostic::error(Code::WrongFieldValue, root, path, "x")
    }

    #[test]
    fn a_layout_key_named_fields_stays_in_the_layout() {
        assert_eq!(at(Root::Layout, "/fields").doc_path(), "/layout/fields");
        assert_eq!(at(Root::Layout, "/fields/x").doc_path(), "/layout/fields/x");
        assert_eq!(at(Root::Fields, "/fields/deadline").doc_path(), "/fields/deadline");
        assert_eq!(at(Root::Layout, "").doc_path(), "/layout");
        assert!(at(Root::Layout, "/fields").is_within("/layout/fields"));
        assert!(!at(Root::Layout, "/fields").is_within("/fields"));
        assert!(at(Root::Fields, "/fields/deadline").is_within("/fields"));
        assert!(!at(Root::Fields, "/fields/deadline").is_within("/layout"));
    }

    #[test]
    fn within_matches_the_built_pointer() {
        let diags = [at(Root::Layout, "/body/blocks/a"), at(Root::Layout, ""), at(Root::Fields, "/fields")];
        for d in &diags {
            for anc in [
                "",
                "/",
                "/lay",
                "/layout",
                "/layout/body",
                "/layout/body/blocks/a",
                "/layout/body/blocks/ab",
                "/fields",
                "/fieldsX",
            ] {
                assert_eq!(d.is_within(anc), pointer::is_within(&d.doc_path(), anc), "{d:?} in {anc}");
            }
        }
    }

    #[test]
    fn splits_document_pointers_by_root() {
        assert_eq!(Root::split_doc_pointer("/layout/body"), Some((Root::Layout, "/body")));
        assert_eq!(Root::split_doc_pointer("/layout"), Some((Root::Layout, "")));
        assert_eq!(Root::split_doc_pointer("/fields/deadline"), Some((Root::Fields, "/deadline")));
        assert_eq!(Root::split_doc_pointer("/layoutX"), None);
        assert_eq!(Root::split_doc_pointer(""), None);
    }
}
