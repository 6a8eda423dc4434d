//! Data derived from the document, recomputed only when its revision changes: the typed
//! model (for the preview and inspector) and the validator's findings.

use crate::edit::Document;
use crate::layout::model::{Fields, Layout};
use crate::layout::{Catalog, Diagnostic, ValidateOptions, validate_payload};

pub struct Derived {
    revision: Option<u64>,
    pub layout: Layout,
    pub fields: Fields,
    pub diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
}

impl Default for Derived {
    fn default() -> Self {
        Self {
            revision: None,
            layout: Layout::default(),
            fields: Fields::default(),
            diagnostics: Vec::new(),
            errors: 0,
            warnings: 0,
        }
    }
}

impl Derived {
    /// Brings the caches up to `doc`'s revision.
    pub fn refresh(&mut self, doc: &Document, catalog: &Catalog, strict: bool) {
        if self.revision == Some(doc.revision()) {
            return;
        }
        self.revision = Some(doc.revision());
        self.layout = Layout::from_value(doc.layout());
        self.fields = Fields::from_value(doc.fields());
        let opts = ValidateOptions { catalog: Some(catalog.clone()).filter(|c| *c != Catalog::default()), strict };
        let layout = doc.root().get("layout");
        self.diagnostics = validate_payload(layout, doc.root().get("fields"), &opts);
        self.errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        self.warnings = self.diagnostics.len() - self.errors;
    }
}

