//! The server-exact validator (layout.md §11 rules V1–V19 and the `fields` rules of §8).
//!
//! It walks the raw `serde_json::Value` (not the typed model), so every wrongly typed value is
//! reported at its own JSON Pointer, and it reports everything in one pass, in the portal's order:
//! per object its own checks (required fields, plain values) in field order, then unknown fields,
//! then nested objects and collections in field order. The first error is the one the portal
//! would answer with.
//!
//! Codes: the portal's own code wherever the portal has one (`FIELD_IS_REQUIRED`, `ENUM_FIELD`,
//! ...). Where it has none, a `DESIGNER_*` code:
//! - errors: `DESIGNER_EMPTY_BLOCKS` (no body block), `DESIGNER_EMPTY_TEXT` (empty required text);
//! - warnings: `DESIGNER_ARRAY_COLLECTION`, `DESIGNER_SLIDER_WIDTH_AND_LEFT_BOUNDARY`,
//!   `DESIGNER_STRING_BOOLEAN`, `DESIGNER_EMPTY_TEXT` (empty optional translations),
//!   `DESIGNER_IGNORED_ACTION_FIELD`, `DESIGNER_DEADLINE_HIDDEN`, `DESIGNER_REST_EVENT`,
//!   `DESIGNER_OPEN_REST_APP`, `DESIGNER_OPEN_REST_APP_MOBILE`, `DESIGNER_ACTION_LOCK`,
//!   `DESIGNER_UNVERIFIED_CODE`, `DESIGNER_DEADLINE_FORMAT`, `DESIGNER_COERCED_VALUE` (a `fields`
//!   value the portal accepts only through PHP's `(int)` cast, such as `"30min"` or `1.5`).
//!
//! Some server codes also appear as warnings: `ENUM_FIELD` for an icon/logo code outside the
//! built-in lists when no live list is known, `FIELD_IS_REDUNDANT` for [N-only] fields unless
//! `strict`, and `WRONG_LANG` for a translation key that cannot be a language id when no portal
//! language list is known.

mod activity_fields;
mod validate_ctx;
mod validate_parts;
mod validate_schema;
mod validate_walk;

use super::{Catalog, Code, Diagnostic, Root, Severity};
use serde_json::Value;
use validate_ctx::Ctx;

#[derive(Clone, Debug, Default)]
pub struct ValidateOptions {
    /// Live portal lists; `None` → built-in lists, unknown icon/logo codes are warnings.
    pub catalog: Option<Catalog>,
    /// Make [N-only] features errors (`FIELD_IS_REDUNDANT`) instead of warnings.
    pub strict: bool,
}

impl ValidateOptions {
    /// The designer's options for its document: the portal's lists only when they are live
    /// (the built-in ones keep unknown codes warnings), and its strict (older-portal) switch.
    /// Diagnostics and the JSON pane both validate with these, so their findings agree.
    pub fn designer(catalog: &Catalog, strict: bool) -> Self {
        ValidateOptions { catalog: Some(catalog.clone()).filter(|c| *c != Catalog::default()), strict }
    }
}

/// Validates a layout object. Paths are relative to the layout.
pub fn validate_layout(layout: &Value, opts: &ValidateOptions) -> Vec<Diagnostic> {
    let mut c = Ctx::new(opts, Root::Layout);
    layout_root(&mut c, layout);
    c.diags
}

/// Validates the activity `fields` object. Paths start with `/fields`.
pub fn validate_fields(fields: &Value, opts: &ValidateOptions) -> Vec<Diagnostic> {
    let mut c = Ctx::new(opts, Root::Fields);
    activity_fields::fields(&mut c, fields);
    c.diags
}

/// Validates both plus the rules that join them (incoming + deadline, hidden deadline blocks).
/// `layout: None` means the layout is missing (`ERROR_EMPTY_LAYOUT`).
pub fn validate_payload(layout: Option<&Value>, fields: Option<&Value>, opts: &ValidateOptions) -> Vec<Diagnostic> {
    // The portal validates `fields` before it builds the layout DTO, so its errors come first.
    let mut diags = fields.map(|f| validate_fields(f, opts)).unwrap_or_default();
    let mut c = Ctx::new(opts, Root::Layout);
    match layout {
        Some(l) => layout_root(&mut c, l),
        None => c.error(Code::EmptyLayout, "The layout is missing."),
    }
    let deadline_blocks = std::mem::take(&mut c.deadline_blocks);
    diags.extend(c.diags);
    if let Some(f) = fields {
        let obj = f.as_object();
        let has_deadline = activity_fields::has_deadline(obj.and_then(|m| m.get("deadline")));
        let incoming = obj.and_then(|m| m.get("isIncomingChannel")).and_then(activity_fields::token) == Some(true);
        if !has_deadline || incoming {
            let why = if incoming { "the activity is incoming" } else { "the activity has no deadline" };
            for path in deadline_blocks {
                diags.push(Diagnostic::warning(
                    Code::DeadlineHidden,
                    Root::Layout,
                    path,
                    format!("This deadline block is not shown because {why}."),
                ));
            }
        }
    }
    diags
}

/// Counts of (errors, warnings).
pub fn summary(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    (errors, diags.len() - errors)
}

/// V1 (empty layout) and the top-level object.
fn layout_root(c: &mut Ctx, v: &Value) {
    let empty = match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    };
    if empty {
        c.error(Code::EmptyLayout, "The layout is empty.");
    } else if v.is_object() {
        validate_walk::dto(c, v, &validate_schema::LAYOUT);
    } else {
        c.error(
            Code::WrongFieldValue,
            format!("The layout must be a JSON object, found {}.", validate_ctx::kind_of(v)),
        );
    }
}
