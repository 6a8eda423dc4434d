//! REST errors (`{"error","error_description"}` with the documented HTTP status) and the
//! server-style description of a layout validation error: "Field `uri` is required in
//! `ActionDto` (/body/blocks/client/properties/action/uri)".

use crate::layout::Diagnostic;
use crate::layout::pointer;
use axum::http::StatusCode;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub description: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, description: impl Into<String>) -> Self {
        ApiError { status, code: code.to_string(), description: description.into() }
    }
    /// A method-level validation error (HTTP 400).
    pub fn bad(code: &str, description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, description)
    }
    /// Error `100`: a required parameter is missing.
    pub fn missing(param: &str) -> Self {
        Self::bad("100", format!("Required parameter `{param}` is missing"))
    }
    pub fn not_found(description: impl Into<String>) -> Self {
        Self::bad("NOT_FOUND", description)
    }
    pub fn wrong_context() -> Self {
        Self::bad("ERROR_WRONG_CONTEXT", "Application context required: this method does not work with a webhook")
    }
    pub fn json(&self) -> Value {
        serde_json::json!({"error": self.code, "error_description": self.description})
    }
}

/// The DTO that holds the field at `path` and the field's name, found by walking the layout.
pub fn dto_and_field(layout: &Value, path: &str) -> (String, String) {
    let toks = pointer::tokens(path);
    let Some((field, parents)) = toks.split_last() else { return ("LayoutDto".into(), String::new()) };
    if toks.first().map(String::as_str) == Some("fields") {
        return ("fields".into(), field.clone());
    }
    let mut dto = "LayoutDto";
    let mut node = Some(layout);
    let mut i = 0;
    while i < parents.len() {
        let t = parents[i].as_str();
        let child = node.and_then(|n| n.get(t).or_else(|| t.parse::<usize>().ok().and_then(|k| n.get(k))));
        let (next, skip_key) = match (dto, t) {
            ("LayoutDto", "icon") => ("IconDto", false),
            ("LayoutDto", "header") => ("HeaderDto", false),
            ("LayoutDto", "body") => ("BodyDto", false),
            ("LayoutDto", "footer") => ("FooterDto", false),
            ("HeaderDto", "titleAction") | ("LogoDto", "action") => ("ActionDto", false),
            ("HeaderDto", "tags") => ("TagDto", true),
            ("BodyDto", "logo") => ("LogoDto", false),
            ("BodyDto", "blocks") | ("LineOfBlocksDto", "blocks") => ("ContentBlockDto", true),
            ("WithTitleDto", "block") => ("ContentBlockDto", false),
            ("ContentBlockDto", "properties") => (block_dto(node), false),
            (_, "action") => ("ActionDto", false),
            ("ActionDto", "sliderParams") => ("ActionSliderParamsDto", false),
            ("ActionDto", "actionParams") => ("ActionDto", true),
            ("FooterDto", "buttons") => ("FooterButtonDto", true),
            ("FooterDto", "menu") => ("FooterMenuDto", false),
            ("FooterMenuDto", "items") => ("MenuItemDto", true),
            ("FooterMenuDto", "sections") => ("MenuSectionDto", true),
            ("MenuItemDto", "badgeText") => ("BadgeTextDto", false),
            _ => (dto, false),
        };
        dto = next;
        node = child;
        if skip_key {
            // The next token is a collection key; step into that item.
            i += 1;
            if let Some(k) = parents.get(i) {
                node = node.and_then(|n| n.get(k.as_str()).or_else(|| k.parse::<usize>().ok().and_then(|x| n.get(x))));
            } else {
                // The field itself is the collection key (e.g. a bad key in `tags`).
                return (dto.into(), field.clone());
            }
        }
        i += 1;
    }
    (dto.into(), field.clone())
}

fn block_dto(block: Option<&Value>) -> &'static str {
    match block.and_then(|b| b.get("type")).and_then(Value::as_str) {
        Some("text") => "TextDto",
        Some("largeText") => "LargeTextDto",
        Some("link") => "LinkDto",
        Some("withTitle") => "WithTitleDto",
        Some("lineOfBlocks") => "LineOfBlocksDto",
        Some("deadline") => "DeadlineDto",
        _ => "ContentBlockDto",
    }
}

/// The REST error for the first error diagnostic, described the way the server does.
pub fn layout_error(layout: &Value, d: &Diagnostic) -> ApiError {
    let (dto, field) = dto_and_field(layout, &d.path);
    // Collection keys and language keys are named together with the field that holds them.
    let (parent_ptr, last) = d.path.rsplit_once('/').unwrap_or(("", ""));
    let last = pointer::unescape(last);
    let holder = || dto_and_field(layout, parent_ptr);
    let is_translation =
        layout.pointer(parent_ptr).and_then(Value::as_object).is_some_and(|m| m.values().all(Value::is_string));
    let what = match d.code.as_str() {
        "KEY_CONTAIN_WRONG_SYMBOLS" if !parent_ptr.is_empty() => {
            let (dto, coll) = holder();
            format!("Key `{last}` of `{coll}` contains wrong symbols in `{dto}`")
        }
        "WRONG_LANG" if is_translation && !parent_ptr.is_empty() => {
            let (dto, f) = holder();
            format!("Field `{f}` uses language `{last}` that is not installed in `{dto}`")
        }
        "FIELD_IS_REQUIRED" => format!("Field `{field}` is required in `{dto}`"),
        "FIELD_IS_REDUNDANT" => format!("Field `{field}` is redundant in `{dto}`"),
        "ENUM_FIELD" => format!("Field `{field}` has a value that is not in the allowed list in `{dto}`"),
        "TOO_MANY_ITEMS" => format!("Field `{field}` has too many items in `{dto}`"),
        "KEY_CONTAIN_WRONG_SYMBOLS" => format!("Key `{field}` contains wrong symbols in `{dto}`"),
        "WRONG_LANG" => format!("Field `{field}` uses a language that is not installed in `{dto}`"),
        "WRONG_FIELD_VALUE" => format!("Field `{field}` has a wrong value in `{dto}`"),
        _ => format!("{} in `{dto}`", d.message.trim_end_matches('.')),
    };
    let path = if d.path.is_empty() { "/" } else { d.path.as_str() };
    ApiError::bad(d.code.as_str(), format!("{what} ({path})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Code, Root};
    use serde_json::json;

    #[test]
    fn names_the_dto_that_holds_the_field() {
        let l = json!({"body": {"blocks": {"client": {"type": "link", "properties": {"action": {"type": "redirect"}}},
                        "row": {"type": "lineOfBlocks", "properties": {"blocks": {"a": {"type": "text", "properties": {}}}}}}},
                       "footer": {"buttons": {"b1": {"action": {"sliderParams": {}}}}, "menu": {"items": {"i": {}}}},
                       "header": {"tags": {"t": {}}}});
        let f = |p: &str| dto_and_field(&l, p);
        assert_eq!(f("/body/blocks/client/properties/action/uri"), ("ActionDto".into(), "uri".into()));
        assert_eq!(f("/body/blocks/client/properties/text"), ("LinkDto".into(), "text".into()));
        assert_eq!(f("/body/blocks/row/properties/blocks/a/properties/value"), ("TextDto".into(), "value".into()));
        assert_eq!(
            f("/footer/buttons/b1/action/sliderParams/labelColor"),
            ("ActionSliderParamsDto".into(), "labelColor".into())
        );
        assert_eq!(f("/footer/menu/items/i/title"), ("MenuItemDto".into(), "title".into()));
        assert_eq!(f("/header/tags/t/type"), ("TagDto".into(), "type".into()));
        assert_eq!(f("/header/tags/bad key"), ("TagDto".into(), "bad key".into()));
        assert_eq!(f("/icon"), ("LayoutDto".into(), "icon".into()));
        assert_eq!(f("/fields/completed"), ("fields".into(), "completed".into()));
    }

    #[test]
    fn description_format() {
        let l = json!({"body": {"blocks": {"client": {"type": "link", "properties": {"action": {}}}}}});
        let d =
            Diagnostic::error(Code::FieldIsRequired, Root::Layout, "/body/blocks/client/properties/action/uri", "x");
        let e = layout_error(&l, &d);
        assert_eq!(e.description, "Field `uri` is required in `ActionDto` (/body/blocks/client/properties/action/uri)");
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        let l = json!({"header": {"title": {"xx": "Hi"}}, "body": {"blocks": {"bad key": {}}}});
        let e = layout_error(&l, &Diagnostic::error(Code::WrongLang, Root::Layout, "/header/title/xx", "x"));
        assert_eq!(
            e.description,
            "Field `title` uses language `xx` that is not installed in `HeaderDto` (/header/title/xx)"
        );
        let e = layout_error(
            &l,
            &Diagnostic::error(Code::KeyContainWrongSymbols, Root::Layout, "/body/blocks/bad key", "x"),
        );
        assert_eq!(
            e.description,
            "Key `bad key` of `blocks` contains wrong symbols in `BodyDto` (/body/blocks/bad key)"
        );
    }
}
