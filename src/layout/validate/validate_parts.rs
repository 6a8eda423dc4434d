//! Rules a DTO table cannot express: the content-block envelope (type-dependent properties,
//! nesting), the per-type action rules, slider width/leftBoundary and the menu sections (V16).

use super::validate_ctx::{Ctx, key_ok, kind_of};
use super::validate_schema::{ACTION, SECTION, action_fields, block_props};
use super::validate_walk::{self as walk, shown};
use crate::layout::Code;
use crate::layout::enums::{BLOCK_TYPES, NESTED_BLOCK_TYPES, RESERVED_SECTION_CODES};
use serde_json::{Map, Value};

const MAX_SECTIONS: usize = 10;

/// A content block `{type, properties}`; `nested` inside `withTitle.block`/`lineOfBlocks.blocks`.
pub(super) fn block(c: &mut Ctx, v: &Value, nested: bool) {
    let Value::Object(m) = v else {
        c.error(
            Code::WrongFieldValue,
            format!("A content block must be an object {{type, properties}}, found {}.", kind_of(v)),
        );
        return;
    };
    // One pass over the keys instead of hashed lookups.
    let (mut ty, mut props, mut extra) = (None, None, false);
    for (key, val) in m {
        match key.as_str() {
            "type" => ty = Some(val),
            "properties" => props = Some(val),
            _ => extra = true,
        }
    }
    let ty_str = ty.and_then(Value::as_str);
    // The parent (withTitle/lineOfBlocks) checks the nested type first and reports anything but
    // text/link/deadline, a missing or unknown type included, as WRONG_FIELD_VALUE on `type`.
    let nested_wrong = nested && !ty_str.is_some_and(|t| NESTED_BLOCK_TYPES.contains(&t));
    if nested_wrong {
        let what = ty_str.map_or_else(|| "This block".to_string(), |t| format!("A {t} block"));
        c.error_at(
            "type",
            Code::WrongFieldValue,
            format!("{what} cannot be nested here; only text, link and deadline can."),
        );
    }
    // The block's own checks: its type, then its fields.
    let known = match ty {
        None => {
            c.error_at("type", Code::FieldIsRequired, "A content block needs a `type`.");
            None
        }
        Some(Value::String(s)) if BLOCK_TYPES.contains(&s.as_str()) => Some(s.as_str()),
        Some(other) => {
            let msg = format!("{} is not a block type; use one of: {}.", shown(other), BLOCK_TYPES.join(", "));
            c.error_at("type", Code::EnumField, msg);
            None
        }
    };
    for key in m.keys().filter(|_| extra) {
        if key != "type" && key != "properties" {
            c.at(key, |c| {
                c.error(
                    Code::FieldIsRedundant,
                    format!("`{key}` is not a field of a content block (only type and properties)."),
                )
            });
        }
    }
    // An unknown or misplaced type's properties cannot be judged, so they are left alone.
    let Some(ty) = known.filter(|_| !nested_wrong) else { return };
    if ty == "deadline" {
        c.deadline_blocks.push(c.path().to_string());
    }
    match props {
        // The docs omit `properties` for deadline blocks and the server does not require it.
        None | Some(Value::Null) if ty == "deadline" => {}
        None => c.error_at("properties", Code::FieldIsRequired, format!("A {ty} block needs `properties`.")),
        Some(p) => {
            if let Some(props) = block_props(ty) {
                c.at("properties", |c| walk::dto(c, p, props));
            }
        }
    }
}

/// True when the portal does not validate `key` on this action: its type-dependent validators
/// check only the fields of a known type, and only `type` itself when the type is missing or
/// unknown. `sliderParams` is a nested DTO, which the portal validates whatever the type.
/// `ty` is the action's `type` when it is a known one.
pub(super) fn action_ignores(ty: Option<&str>, key: &str) -> bool {
    if key == "type" || key == "sliderParams" {
        return false;
    }
    match ty {
        Some(ty) => !action_fields(ty).contains(&key),
        None => true,
    }
}

/// Per-type action rules, after the generic pass over ActionDto; `ty` is the known `type`.
pub(super) fn action_after(c: &mut Ctx, map: Option<&Map<String, Value>>, ty: Option<&str>) {
    let Some(m) = map else { return };
    let Some(ty) = ty else { return };
    let own = action_fields(ty);
    // The values the rules below need, taken in the same pass (no hashed lookups).
    let (mut animation, mut uri, mut id) = (None, None, None);
    for (key, val) in m {
        match key.as_str() {
            "animationType" => animation = val.as_str(),
            "uri" => uri = Some(val),
            "id" => id = Some(val),
            _ => {}
        }
        if ACTION.index(key).is_some() && !own.contains(&key.as_str()) {
            c.at(key, |c| {
                c.warning(
                    Code::IgnoredActionField,
                    format!("`{key}` belongs to another action type; the portal ignores it on this {ty} action."),
                )
            });
        }
    }
    match ty {
        "redirect" => required_string(c, uri, "uri", "A redirect action needs a `uri` to open."),
        "restEvent" => {
            required_string(c, id, "id", "A restEvent action needs an event `id`.");
            c.warning(
                Code::RestEvent,
                "A click sends onCrmTimelineItemAction to your app; it needs a handler for that event.",
            );
            if let Some(a @ ("loader" | "disable")) = animation {
                let what = if a == "loader" { "the whole card" } else { "the clicked button" };
                c.at("animationType", |c| {
                    c.warning(
                        Code::ActionLock,
                        format!(
                            "\"{a}\" locks {what} after a click until your app calls crm.activity.configurable.update."
                        ),
                    )
                });
            }
        }
        _ if c.mobile => {
            c.warning(Code::OpenRestAppMobile, "openRestApp does not work in the mobile app (scope is mobile).")
        }
        _ => c.warning(Code::OpenRestApp, "A click opens your app's slider; your app must have a UI for it."),
    }
}

/// `uri`/`id`: present (FIELD_IS_REQUIRED) and not empty.
fn required_string(c: &mut Ctx, value: Option<&Value>, key: &str, msg: &str) {
    match value {
        None => c.error_at(key, Code::FieldIsRequired, msg),
        Some(Value::String(s)) if s.is_empty() => c.error_at(key, Code::EmptyText, msg),
        _ => {}
    }
}

/// V14: use either `width` or `leftBoundary` (docs); whether the server rejects both is unknown.
pub(super) fn slider_after(c: &mut Ctx, width: Option<&Value>, left_boundary: Option<&Value>) {
    let set = |v: Option<&Value>| v.is_some_and(|v| !v.is_null());
    if set(width) && set(left_boundary) {
        c.warning(Code::SliderWidthAndLeftBoundary, "Use either `width` or `leftBoundary`, not both.");
    }
}

/// The collection entries as (pointer token, value): arrays by index, objects by key.
fn entries(v: &Value) -> Vec<(String, &Value)> {
    match v {
        Value::Array(a) => a.iter().enumerate().map(|(i, x)| (i.to_string(), x)).collect(),
        Value::Object(m) => m.iter().map(|(k, x)| (k.clone(), x)).collect(),
        _ => Vec::new(),
    }
}

/// A section code as the portal reads it: `isset` then `(string)`.
fn section_code(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "1" } else { "" }.to_string()),
        _ => None,
    }
}

/// V16, the FooterMenuDto's own check, so it runs before its items and sections are walked:
/// every reserved section code, every repeated one, then each item's `sectionCode`. Without
/// declared sections nothing is checked: the server cross-checks only sections it was given.
pub(super) fn menu_sections_check(c: &mut Ctx, sections: Option<&Value>, items: Option<&Value>) {
    let sections = sections.map(entries).unwrap_or_default();
    if sections.is_empty() {
        return;
    }
    let declared: Vec<(String, String)> =
        sections.iter().filter_map(|(tok, s)| Some((tok.clone(), section_code(s.get("code"))?))).collect();
    c.at("sections", |c| {
        for (tok, code) in declared.iter().filter(|(_, code)| RESERVED_SECTION_CODES.contains(&code.as_str())) {
            let msg = format!("\"{code}\" is reserved for the portal's own menu sections.");
            c.at(tok, |c| c.error_at("code", Code::MenuReservedSectionCode, msg));
        }
        let mut seen: Vec<&str> = Vec::new();
        for (tok, code) in &declared {
            if seen.contains(&code.as_str()) {
                let msg = format!("Another section already uses the code \"{code}\".");
                c.at(tok, |c| c.error_at("code", Code::MenuDuplicateSectionCode, msg));
            }
            seen.push(code);
        }
    });
    let Some(items) = items else { return };
    c.at("items", |c| {
        for (tok, item) in entries(items) {
            let Some(m) = item.as_object() else { continue };
            let missing =
                (Code::MenuMissingSectionCode, "The menu declares sections, so this item needs a `sectionCode`.");
            let (code, msg) = match m.get("sectionCode") {
                None | Some(Value::Null) => missing,
                Some(Value::String(s)) if s.is_empty() => missing,
                // Strict comparison: only a string can match a declared code.
                Some(Value::String(s)) if declared.iter().any(|(_, code)| code == s) => continue,
                Some(_) => {
                    (Code::MenuUnknownSectionCode, "This `sectionCode` matches no section declared in the menu.")
                }
            };
            c.at(&tok, |c| c.error_at("sectionCode", code, msg));
        }
    });
}

/// `menu.sections` [N-only]: at most 10 sections. The docs show an array; the server's
/// collection check also takes an object, whose keys then follow the key rule.
pub(super) fn sections(c: &mut Ctx, v: &Value) {
    if !(v.is_array() || v.is_object()) {
        c.error(Code::WrongFieldValue, format!("`sections` must be an array of sections, found {}.", kind_of(v)));
        return;
    }
    let all = entries(v);
    if all.len() > MAX_SECTIONS {
        c.error(Code::TooManyItems, format!("{} sections; at most {MAX_SECTIONS} are allowed.", all.len()));
    }
    for (tok, s) in all {
        c.at(&tok, |c| {
            if v.is_object() && !key_ok(&tok) {
                c.error(
                    Code::KeyContainWrongSymbols,
                    format!("The key \"{tok}\" may hold only Latin letters, digits, - and _."),
                );
            }
            walk::dto(c, s, &SECTION);
        });
    }
}
