//! Data derived from the document, recomputed only when its revision changes: the typed
//! model (for the preview and inspector) and the validator's findings.

use crate::edit::Document;
use crate::layout::model::{Fields, Layout};
use crate::layout::{Catalog, Diagnostic, ValidateOptions, validate_payload};

#[derive(Default)]
pub struct Derived {
    revision: Option<u64>,
    /// The catalog the findings were computed with (a live portal list changes them).
    catalog: Catalog,
    strict: bool,
    pub layout: Layout,
    pub fields: Fields,
    pub diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
    /// Document pointers that carry an error (the preview outlines them).
    pub error_paths: Vec<String>,
    /// Languages the layout's translations use (the preview's language picker).
    pub languages: Vec<String>,
}

impl Derived {
    /// Forgets the cache (a new document starts again at revision 0).
    pub fn invalidate(&mut self) {
        self.revision = None;
    }

    /// Brings the caches up to `doc`'s revision.
    pub fn refresh(&mut self, doc: &Document, catalog: &Catalog, strict: bool) {
        if self.revision == Some(doc.revision()) && self.catalog == *catalog && self.strict == strict {
            return;
        }
        self.revision = Some(doc.revision());
        self.catalog = catalog.clone();
        self.strict = strict;
        self.layout = Layout::from_value(doc.layout());
        self.fields = Fields::from_value(doc.fields());
        let opts = ValidateOptions::designer(catalog, strict);
        let layout = doc.root().get("layout");
        self.diagnostics = validate_payload(layout, doc.root().get("fields"), &opts);
        self.errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        self.warnings = self.diagnostics.len() - self.errors;
        self.error_paths = self.diagnostics.iter().filter(|d| d.is_error()).map(Diagnostic::doc_path).collect();
        let mut langs = std::collections::BTreeSet::new();
        collect_languages(doc.layout(), &mut langs);
        langs.insert("en".to_string());
        self.languages = langs.into_iter().collect();
    }
}

/// Language codes used as keys of translation maps (`{"en": "..", "de": ".."}`): objects whose
/// keys are all two-letter lowercase codes and whose values are strings.
fn collect_languages(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            let is_translation = !m.is_empty()
                && m.iter().all(|(k, v)| k.len() == 2 && k.chars().all(|c| c.is_ascii_lowercase()) && v.is_string());
            if is_translation {
                out.extend(m.keys().cloned());
            } else {
                m.values().for_each(|c| collect_languages(c, out));
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|c| collect_languages(c, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_translation_languages() {
        let v = serde_json::json!({"header": {"title": {"en": "A", "de": "B"}}, "body": {"blocks": {"x": {"type": "text"}}}});
        let mut out = Default::default();
        super::collect_languages(&v, &mut out);
        assert_eq!(out.into_iter().collect::<Vec<_>>(), ["de", "en"]);
    }
}
