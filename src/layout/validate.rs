//! The server-exact validator (layout.md §11 rules V1–V19 and the `fields` rules of §8).
//! STUB: implemented by the validator work; signatures are the contract.

use super::{Catalog, Diagnostic};
use serde_json::Value;

#[derive(Clone, Debug, Default)]
pub struct ValidateOptions {
    /// Live portal lists; `None` → built-in lists, unknown icon/logo codes are warnings.
    pub catalog: Option<Catalog>,
    /// Make [N-only] features errors (`FIELD_IS_REDUNDANT`) instead of warnings.
    pub strict: bool,
}

/// Validates a layout object. Paths are relative to the layout.
pub fn validate_layout(_layout: &Value, _opts: &ValidateOptions) -> Vec<Diagnostic> {
    Vec::new()
}

/// Validates the activity `fields` object. Paths start with `/fields`.
pub fn validate_fields(_fields: &Value, _opts: &ValidateOptions) -> Vec<Diagnostic> {
    Vec::new()
}

/// Validates both plus the rules that join them (incoming + deadline, hidden deadline blocks).
/// `layout: None` means the layout is missing (`ERROR_EMPTY_LAYOUT`).
pub fn validate_payload(layout: Option<&Value>, fields: Option<&Value>, opts: &ValidateOptions) -> Vec<Diagnostic> {
    let mut d = layout.map(|l| validate_layout(l, opts)).unwrap_or_default();
    if let Some(f) = fields {
        d.extend(validate_fields(f, opts));
    }
    d
}
