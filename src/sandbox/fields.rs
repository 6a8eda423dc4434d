//! Activity `fields` as the server stores them (layout.md §8): defaults on add, partial update,
//! boolean tokens, ping offsets, badge and type checks. This runs after the validator, so it is
//! the sandbox's own safety net and the place where values get their stored form.

use super::crm_methods::CUSTOM_TYPE_ID;
use super::errors::ApiError;
use super::query::php_string;
use super::state::Store;
use crate::layout::enums::DEFAULT_TYPE_ID;
use serde_json::{Map, Value, json};

fn wrong(field: &str) -> ApiError {
    ApiError::bad("WRONG_FIELD_VALUE", format!("Field `{field}` has a wrong value in `fields` (/fields/{field})"))
}

/// Applies `sent` over `base` (defaults on add, the stored fields on update).
pub fn normalize_fields(
    store: &Store,
    base: &Value,
    sent: &Map<String, Value>,
    is_update: bool,
) -> Result<Value, ApiError> {
    let mut out = base.as_object().cloned().unwrap_or_default();
    for (k, v) in sent {
        match k.as_str() {
            "typeId" => {
                let t = v.as_str().filter(|s| !s.is_empty()).ok_or_else(|| wrong(k))?;
                if t != DEFAULT_TYPE_ID && t != CUSTOM_TYPE_ID {
                    return Err(wrong(k));
                }
                if is_update && out.get(k).and_then(Value::as_str) != Some(t) {
                    return Err(ApiError::bad(
                        "CANT_CHANGE_PROVIDER_TYPE_ID",
                        "The activity type cannot be changed (/fields/typeId)",
                    ));
                }
                out.insert(k.clone(), json!(t));
            }
            "completed" | "isIncomingChannel" => {
                out.insert(k.clone(), json!(crate::layout::fields_bool(v).ok_or_else(|| wrong(k))?));
            }
            "deadline" => match v {
                Value::Null => {}
                Value::String(s) if s.is_empty() => {}
                Value::String(s) => {
                    out.insert(k.clone(), json!(s));
                }
                _ => return Err(wrong(k)),
            },
            "pingOffsets" => {
                let Value::Array(a) = v else { return Err(wrong(k)) };
                let mut offs: Vec<i64> = Vec::new();
                for (i, x) in a.iter().enumerate() {
                    let n = super::query::as_i64(x)
                        .filter(|n| *n >= 0)
                        .ok_or_else(|| wrong(&format!("pingOffsets/{i}")))?;
                    if !offs.contains(&n) {
                        offs.push(n);
                    }
                }
                out.insert(k.clone(), json!(offs));
            }
            "responsibleId" => {
                let n = super::query::as_i64(v).filter(|n| *n > 0).ok_or_else(|| wrong(k))?;
                out.insert(k.clone(), json!(n));
            }
            "badgeCode" => {
                let s = php_string(v).filter(|_| !v.is_boolean()).ok_or_else(|| wrong(k))?;
                if !s.is_empty() && !store.badges.contains_key(&s) {
                    return Err(wrong(k));
                }
                out.insert(k.clone(), json!(s));
            }
            "originatorId" | "originId" => {
                let s = php_string(v).filter(|_| !v.is_boolean()).ok_or_else(|| wrong(k))?;
                out.insert(k.clone(), if s.is_empty() { Value::Null } else { json!(s) });
            }
            // Not a DTO: unknown keys are ignored, as the server does.
            _ => {}
        }
    }
    let incoming = sent.get("isIncomingChannel").and_then(crate::layout::fields_bool) == Some(true);
    let deadline = sent.get("deadline").and_then(Value::as_str).is_some_and(|s| !s.is_empty());
    if incoming && deadline {
        return Err(ApiError::bad(
            "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE",
            "An incoming activity cannot have a deadline (/fields/deadline)",
        ));
    }
    Ok(Value::Object(out))
}
