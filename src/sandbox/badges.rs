//! `crm.activity.badge.add/get/list/delete` with the error codes of layout.md §10.5.

use super::crm_methods::LANGUAGES;
use super::errors::ApiError;
use super::rest::{MethodResult, Out, unknown_method};
use super::state::Store;
use crate::layout::enums::BADGE_TYPES;
use serde_json::{Value, json};

pub fn call(store: &mut Store, method: &str, params: &Value) -> MethodResult {
    match method {
        "crm.activity.badge.add" => add(store, params),
        "crm.activity.badge.get" => {
            let code = code_param(params)?;
            let b = store.badges.get(&code).ok_or_else(|| ApiError::not_found("Badge not found"))?;
            Ok(Out::new(json!({"badge": b})))
        }
        "crm.activity.badge.list" => Ok(Out::new(json!({"badges": store.badges.values().collect::<Vec<_>>()}))),
        "crm.activity.badge.delete" => {
            let code = code_param(params)?;
            store.badges.remove(&code).ok_or_else(|| ApiError::not_found("Badge not found"))?;
            Ok(Out::new(json!(true)))
        }
        m => unknown_method(m),
    }
}

fn code_param(params: &Value) -> Result<String, ApiError> {
    match params.get("code") {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        _ => Err(ApiError::missing("code")),
    }
}

/// A badge text: a non-empty string, or a non-empty object of strings keyed by portal languages.
fn check_text(field: &str, v: &Value) -> Result<(), ApiError> {
    let missing = || {
        ApiError::bad("REQUIRED_ARG_MISSING", format!("Parameter `{field}` must be a non-empty string or translations"))
    };
    match v {
        Value::String(s) if !s.is_empty() => Ok(()),
        Value::Object(m) if !m.is_empty() => {
            for (lang, text) in m {
                if !LANGUAGES.contains(&lang.as_str()) {
                    return Err(ApiError::bad("0", format!("Language `{lang}` was not found")));
                }
                if !text.is_string() {
                    return Err(missing());
                }
            }
            Ok(())
        }
        _ => Err(missing()),
    }
}

fn add(store: &mut Store, params: &Value) -> MethodResult {
    for p in ["code", "title", "value", "type"] {
        if params.get(p).is_none_or(Value::is_null) {
            return Err(ApiError::missing(p));
        }
    }
    let code = params["code"].as_str().filter(|s| !s.is_empty()).ok_or_else(|| ApiError::missing("code"))?;
    if code.chars().count() > 30 {
        return Err(ApiError::bad("0", "Badge code must be at most 30 characters long"));
    }
    let ty = params["type"].as_str().unwrap_or("");
    if !BADGE_TYPES.contains(&ty) {
        return Err(ApiError::bad("WRONG_TYPE_VALUE", format!("Unknown badge type `{ty}`")));
    }
    check_text("title", &params["title"])?;
    check_text("value", &params["value"])?;
    if store.badges.contains_key(code) {
        return Err(ApiError::bad("BX_INVALID_VALUE", "Code must be unique"));
    }
    if store.badges.len() >= super::limits::MAX_BADGES {
        return Err(ApiError::bad(
            "SANDBOX_STORAGE_FULL",
            format!("The sandbox keeps at most {} badges; delete some first", super::limits::MAX_BADGES),
        ));
    }
    let badge = json!({"code": code, "title": params["title"], "value": params["value"], "type": ty});
    store.badges.insert(code.to_string(), badge.clone());
    Ok(Out::new(json!({"badge": badge})))
}
