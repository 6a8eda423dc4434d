//! The generic walker: interprets the DTO tables of `validate_schema.rs` over a raw
//! `serde_json::Value`, so every wrongly typed value is reported at its own path.
//!
//! Recursion is bounded by the schema itself (a nested block can never nest again, translation
//! and `actionParams` values are not descended into), so no input can overflow the stack.

use super::validate_ctx::{Ctx, hex_color_ok, key_ok, kind_of};
use super::validate_parts as parts;
use super::validate_schema::{ACTION, Dto, Field, Hook, Item, Kind};
use crate::layout::Code;
use crate::layout::enums::{ACTION_TYPES, FIELD_FALSE_STRINGS, FIELD_TRUE_STRINGS, ICON_CODES, LOGO_CODES, SCOPES};
use serde_json::Value;

/// At most this many `actionParams` entries (layout.md §5.2).
const MAX_ACTION_PARAMS: usize = 20;

/// Upper bound on the fields of one DTO table (MenuItemDto has 10).
const MAX_FIELDS: usize = 12;

/// Walks one closed DTO. `[]` counts as `{}`: PHP decodes both to the same empty array, so the
/// portal cannot tell them apart.
pub(super) fn dto(c: &mut Ctx, v: &Value, d: &'static Dto) {
    let map = match v {
        Value::Object(m) => Some(m),
        Value::Array(a) if a.is_empty() => None,
        _ => {
            c.error(Code::WrongFieldValue, format!("Expected an object ({}), found {}.", d.name, kind_of(v)));
            return;
        }
    };
    debug_assert!(d.fields.len() <= MAX_FIELDS, "{} has too many fields", d.name);
    // One pass over the object, matching each key against the (short) table, instead of a
    // SipHash lookup per table field: hashing dominated the validator's profile.
    let mut found: [Option<&Value>; MAX_FIELDS] = [None; MAX_FIELDS];
    let mut unknown = false;
    let mut action_type = None;
    let saved_mobile = c.mobile;
    for (key, val) in map.into_iter().flatten() {
        match key.as_str() {
            "scope" if val.as_str() == Some("mobile") => c.mobile = true,
            "type" => action_type = val.as_str().filter(|t| ACTION_TYPES.contains(t)),
            _ => {}
        }
        match d.index(key).and_then(|i| found.get_mut(i)) {
            Some(slot) => *slot = Some(val),
            None => unknown = true,
        }
    }
    let by_name = |name: &str| d.index(name).and_then(|i| found.get(i).copied().flatten());

    // The portal's order: the DTO's own validators (required fields and plain values, in field
    // order), then its unknown fields, then the nested objects and collections in field order.
    let ignored = |key: &str| d.hook == Hook::Action && map.is_some() && parts::action_ignores(action_type, key);
    for (f, val) in d.fields.iter().zip(found) {
        match val {
            None if f.required => {
                c.error_at(f.name, Code::FieldIsRequired, format!("`{}` is required in {}.", f.name, d.name))
            }
            // Fields of another action type are not validated by the portal (the hook warns).
            Some(val) if !nested(f.kind) && !ignored(f.name) => c.at(f.name, |c| field(c, val, f)),
            _ => {}
        }
    }
    match d.hook {
        Hook::Action => parts::action_after(c, map, action_type),
        Hook::Menu => parts::menu_sections_check(c, by_name("sections"), by_name("items")),
        Hook::None | Hook::Slider => {}
    }
    if let Some(m) = map.filter(|_| unknown) {
        for key in m.keys().filter(|k| d.index(k).is_none()) {
            c.at(key, |c| redundant(c, d, key));
        }
    }
    for (f, val) in d.fields.iter().zip(found) {
        if let Some(val) = val
            && nested(f.kind)
            && !ignored(f.name)
        {
            c.at(f.name, |c| field(c, val, f));
        }
    }

    if d.hook == Hook::Slider {
        parts::slider_after(c, by_name("width"), by_name("leftBoundary"));
    }
    c.mobile = saved_mobile;
}

/// Kinds the portal validates as nested DTOs (after the parent's own checks).
fn nested(kind: Kind) -> bool {
    matches!(kind, Kind::Dto(_) | Kind::Action | Kind::Keyed { .. } | Kind::NestedBlock | Kind::Sections)
}

pub(super) fn redundant(c: &mut Ctx, d: &Dto, key: &str) {
    let msg = if d.name == "TagDto" && (key == "scope" || key == "hideIfReadonly") {
        format!("`{key}` is listed in old docs, but the portal rejects it on a tag (FIELD_IS_REDUNDANT).")
    } else {
        format!("`{key}` is not a field of {}; the portal rejects unknown fields.", d.name)
    };
    c.error(Code::FieldIsRedundant, msg);
}

fn field(c: &mut Ctx, v: &Value, f: &Field) {
    if f.n_only {
        let strict = c.opts.strict;
        c.report(
            strict,
            Code::FieldIsRedundant,
            format!("`{}` is a newer portal feature; older portals reject it as a redundant field.", f.name),
        );
    }
    // An optional null is absent for the portal's text, boolean and plain-value checks
    // (`isset`), but its enum, object and collection checks test the key (`array_key_exists`),
    // so `"scope": null` is ENUM_FIELD and `"footer": null` WRONG_FIELD_VALUE there.
    if v.is_null()
        && !f.required
        && matches!(f.kind, Kind::Text | Kind::Bool | Kind::Str | Kind::Int | Kind::HexColor | Kind::BlockScope)
    {
        return;
    }
    value(c, v, f.kind, f.required);
}

pub(super) fn value(c: &mut Ctx, v: &Value, kind: Kind, required: bool) {
    match kind {
        Kind::Text => text(c, v, required),
        Kind::Str => string(c, v, required),
        Kind::Bool => boolean(c, v),
        Kind::Int => {
            if !(v.is_i64() || v.is_u64()) {
                c.error(Code::WrongFieldValue, format!("Expected a whole number of pixels, found {}.", kind_of(v)));
            }
        }
        Kind::HexColor => {
            if !v.as_str().is_some_and(hex_color_ok) {
                c.error(Code::WrongFieldValue, "The colour must be written as #RRGGBB, for example #2FC6F6.");
            }
        }
        Kind::Enum(list) => {
            if !v.as_str().is_some_and(|s| list.contains(&s)) {
                c.error(Code::EnumField, format!("{} is not allowed here; use one of: {}.", shown(v), list.join(", ")));
            }
        }
        Kind::BlockScope => value(c, v, Kind::Enum(SCOPES), required),
        Kind::IconCode => code(c, v, true),
        Kind::LogoCode => code(c, v, false),
        Kind::Dto(d) => dto(c, v, d),
        Kind::Action => dto(c, v, &ACTION),
        Kind::Keyed { item, max, min1 } => keyed(c, v, item, max, min1),
        Kind::NestedBlock => parts::block(c, v, true),
        Kind::ActionParams => action_params(c, v),
        Kind::Sections => parts::sections(c, v),
    }
}

/// A value as quoted in messages.
pub(super) fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => kind_of(other).to_string(),
    }
}

/// `textWithTranslation` (layout.md §1.1). The server converts numbers to strings, but the docs
/// allow only strings, so a number is WRONG_FIELD_VALUE (the strict reading).
fn text(c: &mut Ctx, v: &Value, required: bool) {
    match v {
        Value::String(s) => {
            if s.is_empty() && required {
                c.error(Code::EmptyText, "This text is empty; the card would show nothing here.");
            }
        }
        Value::Null => c.error(Code::EmptyText, "This text is null; give it a value."),
        Value::Array(a) if a.is_empty() => empty_translations(c, required),
        Value::Object(m) if m.is_empty() => empty_translations(c, required),
        Value::Object(m) => {
            for (lang, t) in m {
                c.at(lang, |c| {
                    // The portal checks the language first and reports only WRONG_LANG for a
                    // bad key, whatever its value.
                    if language(c, lang) && !t.is_string() {
                        c.error(
                            Code::WrongFieldValue,
                            format!("The `{lang}` translation must be a string, found {}.", kind_of(t)),
                        );
                    }
                });
            }
        }
        _ => c.error(
            Code::WrongFieldValue,
            format!("Expected a text or a {{language: text}} object, found {}.", kind_of(v)),
        ),
    }
}

fn empty_translations(c: &mut Ctx, required: bool) {
    c.report(required, Code::EmptyText, "This translation object is empty; the text renders empty.");
}

/// False when the key is a WRONG_LANG error (known to be no portal language).
fn language(c: &mut Ctx, lang: &str) -> bool {
    match c.opts.catalog.as_ref().and_then(|cat| cat.languages.as_ref()) {
        Some(langs) => {
            if !langs.contains(lang) {
                c.error(Code::WrongLang, format!("`{lang}` is not a language installed on this portal."));
                return false;
            }
            true
        }
        // Without the portal's list WRONG_LANG cannot be decided; only flag keys that cannot be
        // a Bitrix language id (two lower-case Latin letters).
        None => {
            if !(lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase())) {
                c.warning(
                    Code::WrongLang,
                    format!("`{lang}` does not look like a portal language code such as en or de."),
                );
            }
            true
        }
    }
}

fn string(c: &mut Ctx, v: &Value, required: bool) {
    match v {
        Value::String(s) if s.is_empty() && required => c.error(Code::EmptyText, "This value is empty."),
        Value::String(_) => {}
        Value::Null => c.error(Code::EmptyText, "This value is null; give it a string."),
        _ => c.error(Code::WrongFieldValue, format!("Expected a string, found {}.", kind_of(v))),
    }
}

/// DTO booleans (V15): strings are a coercion risk (warning), anything else is wrong.
fn boolean(c: &mut Ctx, v: &Value) {
    match v {
        Value::Bool(_) => {}
        Value::String(s) => {
            let hint = if FIELD_FALSE_STRINGS.contains(&s.as_str()) {
                " The portal may read a non-empty string, even \"false\", as true."
            } else if FIELD_TRUE_STRINGS.contains(&s.as_str()) {
                ""
            } else {
                " The portal's reading of it is undefined."
            };
            c.warning(Code::StringBoolean, format!("\"{s}\" is a string, not a boolean; write true or false.{hint}"));
        }
        _ => c.error(Code::WrongFieldValue, format!("Expected true or false, found {}.", kind_of(v))),
    }
}

/// Icon and logo codes: live list → error; built-in list only → warning (custom codes exist).
fn code(c: &mut Ctx, v: &Value, icon: bool) {
    let (what, method) = if icon { ("icon", "crm.timeline.icon.add") } else { ("logo", "crm.timeline.logo.add") };
    let Some(s) = v.as_str() else {
        c.error(Code::EnumField, format!("The {what} code must be a string, found {}.", kind_of(v)));
        return;
    };
    if s.is_empty() {
        c.error(Code::EnumField, format!("The {what} code is empty."));
        return;
    }
    let live = c.opts.catalog.as_ref().and_then(|cat| if icon { cat.icons.as_ref() } else { cat.logos.as_ref() });
    match live {
        Some(list) => {
            if !list.contains(s) {
                c.error(Code::EnumField, format!("\"{s}\" is not in this portal's {what} list."));
            }
        }
        None => {
            let builtin = if icon { ICON_CODES } else { LOGO_CODES };
            if !builtin.contains(&s) {
                c.warning(
                    Code::EnumField,
                    format!("\"{s}\" is not a system {what} code; fine only if your portal registered it ({method})."),
                );
            }
        }
    }
}

/// A keyed collection `{key: item}`; a JSON array is accepted by the portal but renders nothing.
fn keyed(c: &mut Ctx, v: &Value, item: Item, max: usize, min1: bool) {
    let len = match v {
        Value::Object(m) => m.len(),
        Value::Array(a) => a.len(),
        _ => {
            c.error(Code::WrongFieldValue, format!("Expected an object {{key: item}}, found {}.", kind_of(v)));
            return;
        }
    };
    if len == 0 && min1 {
        c.error(Code::EmptyBlocks, "The card needs at least one content block.");
    }
    if v.is_array() && len > 0 {
        c.warning(
            Code::ArrayCollection,
            "This collection is a JSON array; the portal accepts it but shows nothing. Use an object {key: item}.",
        );
    }
    // The parent's collection check (keys, item shapes, count), then the items themselves.
    let shaped = |it: &Value| match item {
        Item::Dto(_) => it.is_object() || it.as_array().is_some_and(Vec::is_empty),
        Item::Block { .. } => it.is_object(),
    };
    match v {
        Value::Object(m) => {
            for (key, it) in m {
                let bad_key = !key_ok(key);
                if bad_key || !shaped(it) {
                    c.at(key, |c| {
                        if bad_key {
                            c.error(
                                Code::KeyContainWrongSymbols,
                                format!("The key \"{key}\" may hold only Latin letters, digits, - and _."),
                            );
                        }
                        if !shaped(it) {
                            keyed_item(c, it, item);
                        }
                    });
                }
            }
        }
        Value::Array(a) => {
            for (i, it) in a.iter().enumerate().filter(|(_, it)| !shaped(it)) {
                c.at_index(i, |c| keyed_item(c, it, item));
            }
        }
        _ => {}
    }
    if len > max {
        c.error(Code::TooManyItems, format!("{len} items here; at most {max} are allowed."));
    }
    match v {
        Value::Object(m) => {
            for (key, it) in m.iter().filter(|(_, it)| shaped(it)) {
                c.at(key, |c| keyed_item(c, it, item));
            }
        }
        Value::Array(a) => {
            for (i, it) in a.iter().enumerate().filter(|(_, it)| shaped(it)) {
                c.at_index(i, |c| keyed_item(c, it, item));
            }
        }
        _ => {}
    }
}

fn keyed_item(c: &mut Ctx, v: &Value, item: Item) {
    match item {
        Item::Dto(d) => dto(c, v, d),
        Item::Block { nested } => parts::block(c, v, nested),
    }
}

/// `actionParams`: at most 20 scalar entries under valid keys (layout.md §5.2).
fn action_params(c: &mut Ctx, v: &Value) {
    let check = |c: &mut Ctx, val: &Value| match val {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => {}
        // PHP's is_scalar(null) is false, so the safe reading is that the portal rejects null.
        _ => c.error(
            Code::WrongFieldValue,
            format!("An action parameter must be a string, number or boolean, found {}.", kind_of(val)),
        ),
    };
    let too_many = |c: &mut Ctx, n: usize| {
        if n > MAX_ACTION_PARAMS {
            c.error(Code::TooManyItems, format!("{n} action parameters; at most {MAX_ACTION_PARAMS} are allowed."));
        }
    };
    match v {
        // The portal's ScalarCollectionField: each entry's key and value, then the count.
        Value::Object(m) => {
            for (key, val) in m {
                c.at(key, |c| {
                    if !key_ok(key) {
                        c.error(
                            Code::KeyContainWrongSymbols,
                            format!("The key \"{key}\" may hold only Latin letters, digits, - and _."),
                        );
                    }
                    check(c, val);
                });
            }
            too_many(c, m.len());
        }
        Value::Array(a) if a.is_empty() => {}
        Value::Array(a) => {
            c.warning(
                Code::ArrayCollection,
                "actionParams is a JSON array; your app receives numbered keys. Use an object.",
            );
            for (i, val) in a.iter().enumerate() {
                c.at_index(i, |c| check(c, val));
            }
            too_many(c, a.len());
        }
        _ => c.error(Code::WrongFieldValue, format!("Expected an object {{name: value}}, found {}.", kind_of(v))),
    }
}
