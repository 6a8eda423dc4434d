//! `crm.item.list` / `crm.item.get` over the seeded items (portal-api.md §9): filter prefixes,
//! nested `logic: OR` groups, `order`, `select`, paging by 50 with `total`/`next`, `start=-1`.

use super::errors::ApiError;
use super::query::{as_i64, list_of, php_string};
use super::rest::{MethodResult, Out};
use super::state::Store;
use serde_json::{Map, Value, json};
use std::cmp::Ordering;

const PAGE: usize = 50;
const COMMON_FIELDS: &[&str] = &["id", "title", "createdTime", "assignedById"];

fn items_of<'a>(store: &'a Store, params: &Value) -> Result<(u64, &'a [Value]), ApiError> {
    let t = params.get("entityTypeId").ok_or_else(|| ApiError::missing("entityTypeId"))?;
    let t = as_i64(t)
        .filter(|t| *t > 0)
        .ok_or_else(|| ApiError::bad("INVALID_ARG_VALUE", "entityTypeId must be a positive integer"))?
        as u64;
    let list = store.items.get(&t).ok_or_else(|| ApiError::not_found("Smart process not found"))?;
    Ok((t, list.as_slice()))
}

fn known_field(list: &[Value], f: &str) -> bool {
    COMMON_FIELDS.contains(&f) || list.first().is_some_and(|i| i.get(f).is_some())
}

pub fn list(store: &Store, params: &Value) -> MethodResult {
    let (_, all) = items_of(store, params)?;
    let filter = match params.get("filter") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(Value::Array(a)) if a.is_empty() => Map::new(),
        Some(_) => return Err(ApiError::bad("INVALID_ARG_VALUE", "filter must be an object")),
    };
    let mut hits = Vec::new();
    for item in all {
        if matches(all, item, &filter)? {
            hits.push(item);
        }
    }
    let mut order: Vec<(String, bool)> = Vec::new();
    if let Some(Value::Object(o)) = params.get("order") {
        for (f, dir) in o {
            if !known_field(all, f) {
                return Err(ApiError::bad("INVALID_ARG_VALUE", format!("Unknown order field `{f}`")));
            }
            let desc = match dir.as_str().map(str::to_ascii_uppercase).as_deref() {
                Some("ASC") => false,
                Some("DESC") => true,
                _ => {
                    return Err(ApiError::bad(
                        "INVALID_ARG_VALUE",
                        format!("Order direction for `{f}` must be ASC or DESC"),
                    ));
                }
            };
            order.push((f.clone(), desc));
        }
    }
    order.push(("id".into(), false));
    hits.sort_by(|a, b| {
        order
            .iter()
            .map(|(f, desc)| {
                let o = cmp_values(a.get(f).unwrap_or(&Value::Null), b.get(f).unwrap_or(&Value::Null));
                if *desc { o.reverse() } else { o }
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let start_raw = params.get("start").and_then(as_i64).unwrap_or(0);
    let no_total = start_raw == -1;
    let start = start_raw.max(0) as usize;
    let select: Vec<String> = params
        .get("select")
        .map(|s| list_of(s).iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let page: Vec<Value> = hits.iter().skip(start).take(PAGE).map(|i| project(i, &select)).collect();
    let mut out = Out::new(json!({"items": page}));
    if !no_total {
        out.total = Some(hits.len() as u64);
        if start + PAGE < hits.len() {
            out.next = Some((start + PAGE) as u64);
        }
    }
    Ok(out)
}

pub fn get(store: &Store, params: &Value) -> MethodResult {
    let (_, all) = items_of(store, params)?;
    let id = params.get("id").ok_or_else(|| ApiError::missing("id"))?;
    let id = as_i64(id).ok_or_else(|| ApiError::bad("INVALID_ARG_VALUE", "id must be an integer"))?;
    let item =
        all.iter().find(|i| i["id"].as_i64() == Some(id)).ok_or_else(|| ApiError::not_found("Element not found"))?;
    Ok(Out::new(json!({"item": item})))
}

/// Whether an item with this type and id exists (owner check of configurable.add).
pub fn exists(store: &Store, entity_type: u64, id: u64) -> bool {
    store.items.get(&entity_type).is_some_and(|l| l.iter().any(|i| i["id"].as_u64() == Some(id)))
}

fn project(item: &Value, select: &[String]) -> Value {
    if select.is_empty() || select.iter().any(|s| s == "*") {
        return item.clone();
    }
    let mut m = Map::new();
    m.insert("id".into(), item["id"].clone());
    for f in select {
        if let Some(v) = item.get(f) {
            m.insert(f.clone(), v.clone());
        }
    }
    Value::Object(m)
}

const PREFIXES: &[&str] = &["!=%", "!%=", "=%", "%=", ">=", "<=", "!@", "!%", "!=", "@", "%", ">", "<", "=", "!"];

fn matches(all: &[Value], item: &Value, filter: &Map<String, Value>) -> Result<bool, ApiError> {
    let or = filter.get("logic").and_then(Value::as_str).is_some_and(|l| l.eq_ignore_ascii_case("OR"));
    let mut any_cond = false;
    for (key, want) in filter {
        if key.eq_ignore_ascii_case("logic") {
            continue;
        }
        let prefix = PREFIXES.iter().find(|p| key.starts_with(**p)).copied().unwrap_or("");
        let field = &key[prefix.len()..];
        let hit = if !known_field(all, field) {
            match want {
                // A nested group: `{"0": {"logic": "OR", "%name": "x", "%lastName": "x"}}`.
                Value::Object(sub) => matches(all, item, sub)?,
                _ => return Err(ApiError::bad("INVALID_ARG_VALUE", format!("Unknown filter field `{field}`"))),
            }
        } else {
            test(item.get(field).unwrap_or(&Value::Null), prefix, want)
        };
        any_cond = true;
        if or && hit {
            return Ok(true);
        }
        if !or && !hit {
            return Ok(false);
        }
    }
    Ok(!or || !any_cond)
}

fn test(have: &Value, prefix: &str, want: &Value) -> bool {
    let h = php_string(have).unwrap_or_default();
    let in_list = || list_of(want).iter().any(|w| php_string(w).is_some_and(|w| w == h));
    let w = || php_string(want).unwrap_or_default();
    match prefix {
        "@" => in_list(),
        "!@" => !in_list(),
        "%" => h.to_lowercase().contains(&w().to_lowercase()),
        "!%" => !h.to_lowercase().contains(&w().to_lowercase()),
        "=%" | "%=" => like(&h, &w()),
        "!=%" | "!%=" => !like(&h, &w()),
        ">" => cmp_values(have, want) == Ordering::Greater,
        ">=" => cmp_values(have, want) != Ordering::Less,
        "<" => cmp_values(have, want) == Ordering::Less,
        "<=" => cmp_values(have, want) != Ordering::Greater,
        "!=" | "!" => h != w(),
        _ => h == w(),
    }
}

/// SQL LIKE with `%` wildcards, case-insensitive.
fn like(have: &str, pattern: &str) -> bool {
    let h = have.to_lowercase();
    let p = pattern.to_lowercase();
    let parts: Vec<&str> = p.split('%').collect();
    if parts.len() == 1 {
        return h == p;
    }
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        if i == 0 {
            if !h.starts_with(part) {
                return false;
            }
            pos = part.len();
        } else if i == parts.len() - 1 {
            return h.len() >= pos + part.len() && h[pos..].ends_with(part);
        } else {
            match h[pos..].find(part) {
                Some(at) => pos += at + part.len(),
                None => return false,
            }
        }
    }
    true
}

fn cmp_values(a: &Value, b: &Value) -> Ordering {
    let num = |v: &Value| v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse::<f64>().ok()));
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        _ => php_string(a).unwrap_or_default().to_lowercase().cmp(&php_string(b).unwrap_or_default().to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns() {
        assert!(like("Northwind Foods", "north%"));
        assert!(like("Northwind Foods", "%foods"));
        assert!(like("Northwind Foods", "%wind%"));
        assert!(!like("Northwind Foods", "wind%"));
        assert!(like("abc", "abc"));
    }

    #[test]
    fn filters_and_groups() {
        let all = vec![
            json!({"id": 1, "name": "Anna", "lastName": "Smith"}),
            json!({"id": 2, "name": "Boris", "lastName": "Annaberg"}),
        ];
        let f = |v: Value| -> Vec<i64> {
            let m = v.as_object().unwrap().clone();
            all.iter().filter(|i| matches(&all, i, &m).unwrap()).map(|i| i["id"].as_i64().unwrap()).collect()
        };
        assert_eq!(f(json!({"logic": "OR", "%name": "anna", "%lastName": "anna"})), vec![1, 2]);
        assert_eq!(f(json!({"0": {"logic": "OR", "%name": "bor", "%lastName": "bor"}})), vec![2]);
        assert_eq!(f(json!({"@id": [2, 3]})), vec![2]);
        assert_eq!(f(json!({">id": "1"})), vec![2]);
        assert_eq!(f(json!({"=id": 1})), vec![1]);
        assert!(matches(&all, &all[0], json!({"%nope": "x"}).as_object().unwrap()).is_err());
    }
}
