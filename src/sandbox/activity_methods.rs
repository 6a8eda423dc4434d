//! `crm.activity.configurable.add/update/get`, `crm.activity.delete`, `crm.activity.list` and
//! `crm.activity.badge.*` (layout.md §10). The layout is checked with the designer's own
//! server-exact validator; the first error is answered the way the portal does.

use super::crm_methods::{CUSTOM_ICON, CUSTOM_LOGO, CUSTOM_TYPE_ID, LANGUAGES};
use super::errors::{ApiError, layout_error};
use super::query::{as_i64, list_of, php_string};
use super::rest::{Caller, MethodResult, Out, unknown_method};
use super::state::{Shared, Store, StoredActivity, iso_now};
use super::{badges, items};
use crate::layout::enums::{DEFAULT_TYPE_ID, ICON_CODES, LOGO_CODES};
use crate::layout::{Catalog, Severity, ValidateOptions, validate_fields, validate_payload};
use serde_json::{Map, Value, json};

pub const PROVIDER_ID: &str = "CONFIGURABLE_REST_APP";

pub fn call(sh: &Shared, caller: &Caller, method: &str, params: &Value) -> MethodResult {
    let mut store = sh.store();
    match method {
        "crm.activity.configurable.add" => add(&mut store, caller, params),
        "crm.activity.configurable.update" => update(&mut store, caller, params),
        "crm.activity.configurable.get" => get(&store, caller, params),
        "crm.activity.delete" => delete(&mut store, caller, params),
        "crm.activity.list" => list(&store, params),
        m if m.starts_with("crm.activity.badge.") => badges::call(&mut store, m, params),
        m => unknown_method(m),
    }
}

/// What the sandbox portal knows: its icons, logos, badges, types and languages.
pub fn catalog(store: &Store) -> Catalog {
    let set =
        |list: &[&str], extra: &str| Some(list.iter().map(|s| s.to_string()).chain([extra.to_string()]).collect());
    Catalog {
        icons: set(ICON_CODES, CUSTOM_ICON),
        logos: set(LOGO_CODES, CUSTOM_LOGO),
        badges: Some(store.badges.keys().cloned().collect()),
        type_ids: set(&[DEFAULT_TYPE_ID], CUSTOM_TYPE_ID),
        languages: Some(LANGUAGES.iter().map(|s| s.to_string()).collect()),
    }
}

fn id_param(params: &Value, name: &str) -> Result<u64, ApiError> {
    let v = params.get(name).filter(|v| !v.is_null()).ok_or_else(|| ApiError::missing(name))?;
    as_i64(v)
        .filter(|n| *n > 0)
        .map(|n| n as u64)
        .ok_or_else(|| ApiError::bad("100", format!("Parameter `{name}` must be a positive integer")))
}

fn is_empty_layout(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::Object(m)) => m.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::String(s)) => s.is_empty(),
        _ => false,
    }
}

/// The first error the portal would report; designer-only codes and warnings never fail a call.
fn first_server_error(store: &Store, layout: Option<&Value>, fields: Option<&Value>) -> Result<(), ApiError> {
    if let Some(l) = layout
        && !l.is_object()
    {
        return Err(ApiError::bad("WRONG_FIELD_VALUE", "Field `layout` must be an object in `LayoutDto` (/)"));
    }
    let opts = ValidateOptions { catalog: Some(catalog(store)), strict: false };
    let diags = match layout {
        Some(l) => validate_payload(Some(l), fields, &opts),
        None => fields.map(|f| validate_fields(f, &opts)).unwrap_or_default(),
    };
    let empty = Value::Null;
    match diags.iter().find(|d| d.severity == Severity::Error && !d.code.is_designer()) {
        Some(d) => Err(layout_error(layout.unwrap_or(&empty), d)),
        None => Ok(()),
    }
}

fn fields_object(v: &Value) -> Result<Map<String, Value>, ApiError> {
    match v {
        Value::Object(m) => Ok(m.clone()),
        Value::Array(a) if a.is_empty() => Ok(Map::new()),
        _ => Err(ApiError::bad("WRONG_FIELD_VALUE", "Parameter `fields` must be an object (/fields)")),
    }
}

fn add(store: &mut Store, caller: &Caller, params: &Value) -> MethodResult {
    let client_id = caller.app()?.to_string();
    let owner_type_id = id_param(params, "ownerTypeId")?;
    let owner_id = id_param(params, "ownerId")?;
    let fields = params.get("fields").filter(|v| !v.is_null()).ok_or_else(|| ApiError::missing("fields"))?;
    let fields_map = fields_object(fields)?;
    let layout = params.get("layout");
    if is_empty_layout(layout) {
        return Err(ApiError::bad("ERROR_EMPTY_LAYOUT", "Layout is empty"));
    }
    if !items::exists(store, owner_type_id, owner_id) {
        return Err(ApiError::bad(
            "ACCESS_DENIED",
            format!("Access denied: there is no element {owner_id} of type {owner_type_id} in the sandbox"),
        ));
    }
    first_server_error(store, layout, Some(fields))?;
    let defaults = json!({
        "typeId": DEFAULT_TYPE_ID, "completed": false, "deadline": null, "pingOffsets": [],
        "isIncomingChannel": false, "responsibleId": caller.user_id(), "badgeCode": "",
        "originatorId": null, "originId": null,
    });
    let fields = super::fields::normalize_fields(store, &defaults, &fields_map, false)?;
    let layout = layout.cloned().unwrap_or(Value::Null);
    let bytes = json_len(&fields) + json_len(&layout);
    let (max_count, max_bytes) = store.activity_quota;
    if store.activities.len() >= max_count || store.activity_bytes() + bytes > max_bytes {
        return Err(storage_full(store));
    }
    let id = store.next_activity_id;
    store.next_activity_id += 1;
    store.activities.insert(
        id,
        StoredActivity { id, owner_type_id, owner_id, client_id, fields, layout, created: iso_now(), bytes },
    );
    Ok(Out::new(json!({"activity": {"id": id}})))
}

fn update(store: &mut Store, caller: &Caller, params: &Value) -> MethodResult {
    let client_id = caller.app()?.to_string();
    let id = id_param(params, "id")?;
    let Some(act) = store.activities.get(&id) else {
        return Err(ApiError::not_found("Activity not found"));
    };
    if act.client_id != client_id {
        return Err(ApiError::bad("ERROR_WRONG_APPLICATION", "The activity was created by another application"));
    }
    let layout = params.get("layout").filter(|v| !v.is_null());
    if layout.is_some() && is_empty_layout(layout) {
        return Err(ApiError::bad("ERROR_EMPTY_LAYOUT", "Layout is empty"));
    }
    let fields = params.get("fields").filter(|v| !v.is_null());
    let fields_map = fields.map(fields_object).transpose()?.unwrap_or_default();
    first_server_error(store, layout, fields)?;
    let old_fields = act.fields.clone();
    let old_bytes = act.bytes;
    let layout_bytes = json_len(layout.unwrap_or(&act.layout));
    let new_fields = super::fields::normalize_fields(store, &old_fields, &fields_map, true)?;
    let bytes = json_len(&new_fields) + layout_bytes;
    if store.activity_bytes() - old_bytes + bytes > store.activity_quota.1 {
        return Err(storage_full(store));
    }
    if let Some(a) = store.activities.get_mut(&id) {
        a.fields = new_fields;
        if let Some(l) = layout {
            a.layout = l.clone();
        }
        a.bytes = bytes;
    }
    Ok(Out::new(json!({"activity": {"id": id}})))
}

fn json_len(v: &Value) -> usize {
    serde_json::to_vec(v).map_or(0, |b| b.len())
}

/// Like a portal out of quota: nothing is stored, and the message says how to make room.
fn storage_full(store: &Store) -> ApiError {
    let (count, bytes) = store.activity_quota;
    ApiError::bad(
        "SANDBOX_STORAGE_FULL",
        format!(
            "The sandbox keeps at most {count} activities ({bytes} bytes of layouts and fields); \
             delete some (crm.activity.delete) or restart the sandbox"
        ),
    )
}

fn get(store: &Store, caller: &Caller, params: &Value) -> MethodResult {
    caller.app()?;
    let id = id_param(params, "id")?;
    let a = store.activities.get(&id).ok_or_else(|| ApiError::not_found("Activity not found"))?;
    let mut layout = a.layout.clone();
    stringify_action_params(&mut layout);
    Ok(Out::new(json!({"activity": {
        "id": a.id, "ownerTypeId": a.owner_type_id, "ownerId": a.owner_id, "fields": a.fields, "layout": layout,
    }})))
}

/// The portal stores `actionParams` values as strings and answers them so.
fn stringify_action_params(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                if k == "actionParams"
                    && let Value::Object(params) = child
                {
                    for p in params.values_mut() {
                        if let Some(s) = php_string(p) {
                            *p = Value::String(s);
                        }
                    }
                } else {
                    stringify_action_params(child);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(stringify_action_params),
        _ => {}
    }
}

fn delete(store: &mut Store, caller: &Caller, params: &Value) -> MethodResult {
    caller.app()?;
    let id = id_param(params, "id")?;
    store.activities.remove(&id).ok_or_else(|| ApiError::not_found("Activity is not found"))?;
    Ok(Out::new(json!(true)))
}

/// The header title as the `SUBJECT` (plain text, or `en`, or the first translation).
pub fn subject(layout: &Value) -> String {
    match layout.pointer("/header/title") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(m)) => {
            m.get("en").or_else(|| m.values().next()).and_then(Value::as_str).unwrap_or("").into()
        }
        _ => String::new(),
    }
}

fn row(a: &StoredActivity) -> Value {
    let f = &a.fields;
    let s = |k: &str| f.get(k).and_then(php_string).unwrap_or_default();
    let yn = |k: &str| if f.get(k).and_then(Value::as_bool) == Some(true) { "Y" } else { "N" };
    json!({
        "ID": a.id.to_string(), "OWNER_ID": a.owner_id.to_string(), "OWNER_TYPE_ID": a.owner_type_id.to_string(),
        "TYPE_ID": "6", "PROVIDER_ID": PROVIDER_ID, "PROVIDER_TYPE_ID": s("typeId"), "SUBJECT": subject(&a.layout),
        "COMPLETED": yn("completed"), "RESPONSIBLE_ID": s("responsibleId"), "DEADLINE": f.get("deadline"),
        "DIRECTION": if yn("isIncomingChannel") == "Y" { "1" } else { "2" },
        "ORIGINATOR_ID": f.get("originatorId"), "ORIGIN_ID": f.get("originId"), "CREATED": a.created,
    })
}

fn list(store: &Store, params: &Value) -> MethodResult {
    let filter = params.get("filter").and_then(Value::as_object).cloned().unwrap_or_default();
    let mut rows: Vec<Value> = store
        .activities
        .values()
        .map(row)
        .filter(|r| {
            filter.iter().all(|(k, want)| {
                let key = k.trim_start_matches('=').to_ascii_uppercase();
                match r.get(&key) {
                    // `@FIELD` style lists are not needed by the designer; plain equality is.
                    Some(have) => php_string(have) == php_string(want),
                    None => true,
                }
            })
        })
        .collect();
    let desc = params
        .get("order")
        .and_then(|o| o.get("ID").or_else(|| o.get("id")))
        .and_then(Value::as_str)
        .is_some_and(|d| d.eq_ignore_ascii_case("DESC"));
    if desc {
        rows.reverse();
    }
    let select: Vec<String> = params
        .get("select")
        .map(|s| list_of(s).iter().filter_map(|v| v.as_str().map(str::to_ascii_uppercase)).collect())
        .unwrap_or_default();
    if !select.is_empty() && !select.iter().any(|s| s == "*") {
        for r in rows.iter_mut() {
            if let Value::Object(m) = r {
                m.retain(|k, _| k == "ID" || select.contains(k));
            }
        }
    }
    let start = params.get("start").and_then(as_i64).unwrap_or(0).max(0) as usize;
    let total = rows.len();
    let page: Vec<Value> = rows.into_iter().skip(start).take(50).collect();
    let next = (start + 50 < total).then_some((start + 50) as u64);
    Ok(Out { result: Value::Array(page), total: Some(total as u64), next })
}
