//! PHP-style query strings (`filter[%title]=abc&order[id]=DESC&select[]=id`) into nested JSON,
//! as a portal reads GET parameters and `batch` commands. Values stay strings; methods read
//! numbers leniently through [`as_i64`]. Objects whose keys are exactly `0..n` become arrays,
//! as PHP's `json_encode` would print them.
//!
//! Nesting is capped at [`MAX_DEPTH`] like PHP's `max_input_nesting_level`, so a hostile key
//! (`x[a][a]…` 5,000 deep) is refused with an error instead of recursing the stack away.

use serde_json::{Map, Value};

/// PHP's default `max_input_nesting_level`: brackets deeper than this are not taken.
pub const MAX_DEPTH: usize = 64;

/// A parameter nested deeper than [`MAX_DEPTH`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "parameter `{name}` is nested {depth} levels deep; the portal (PHP max_input_nesting_level) takes at most {max}",
    max = MAX_DEPTH
)]
pub struct TooDeep {
    /// The parameter's name before its first bracket, cut to 64 characters.
    pub name: String,
    pub depth: usize,
}

/// Parses a query string (without the leading `?`).
pub fn parse(qs: &str) -> Result<Value, TooDeep> {
    let mut root = Map::new();
    for (k, v) in url::form_urlencoded::parse(qs.as_bytes()) {
        let (head, path) = split_key(&k);
        if head.is_empty() {
            continue;
        }
        if path.len() > MAX_DEPTH {
            return Err(TooDeep { name: head.chars().take(64).collect(), depth: path.len() });
        }
        insert(&mut root, &head, &path, Value::String(v.into_owned()));
    }
    Ok(listify(Value::Object(root)))
}

/// `filter[%title][x]` → ("filter", ["%title", "x"]). A key with unbalanced brackets is taken whole.
fn split_key(k: &str) -> (String, Vec<String>) {
    let Some(open) = k.find('[') else { return (k.to_string(), Vec::new()) };
    let head = k[..open].to_string();
    let mut path = Vec::new();
    let mut rest = &k[open..];
    while let Some(stripped) = rest.strip_prefix('[') {
        let Some(close) = stripped.find(']') else { return (k.to_string(), Vec::new()) };
        path.push(stripped[..close].to_string());
        rest = &stripped[close + 1..];
    }
    if !rest.is_empty() {
        return (k.to_string(), Vec::new());
    }
    (head, path)
}

fn insert(map: &mut Map<String, Value>, key: &str, path: &[String], v: Value) {
    let Some((next, rest)) = path.split_first() else {
        map.insert(key.to_string(), v);
        return;
    };
    let slot = map.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    if let Value::Object(child) = slot {
        // `a[]=x`: append with the next free index.
        let k = if next.is_empty() { child.len().to_string() } else { next.clone() };
        insert(child, &k, rest, v);
    }
}

fn listify(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let is_list = !m.is_empty() && m.keys().enumerate().all(|(i, k)| k == &i.to_string());
            let m: Map<String, Value> = m.into_iter().map(|(k, v)| (k, listify(v))).collect();
            if is_list { Value::Array(m.into_iter().map(|(_, v)| v).collect()) } else { Value::Object(m) }
        }
        other => other,
    }
}

/// Reads an integer given as a JSON number or a numeric string.
pub fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The items of a JSON array, or the values of an object (PHP arrays arrive as either).
pub fn list_of(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(m) => m.values().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

/// A scalar as the string PHP would print (`true` → "1", `false`/`null` → "").
pub fn php_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(true) => Some("1".into()),
        Value::Bool(false) | Value::Null => Some(String::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_brackets_lists_and_encoding() {
        let v =
            parse_ok("entityTypeId=2&filter[%25title]=a%20b&order[id]=DESC&select[]=id&select[]=title&x[0]=1&x[1]=2");
        assert_eq!(
            v,
            json!({"entityTypeId": "2", "filter": {"%title": "a b"}, "order": {"id": "DESC"},
                   "select": ["id", "title"], "x": ["1", "2"]})
        );
        assert_eq!(parse_ok("filter[logic]=OR&filter[%name]=An")["filter"], json!({"logic": "OR", "%name": "An"}));
        assert_eq!(parse_ok("a[b=1"), json!({"a[b": "1"}));
    }

    fn parse_ok(qs: &str) -> Value {
        parse(qs).expect("within the nesting cap")
    }

    #[test]
    fn nesting_is_capped_like_php() {
        // 64 levels (PHP's default max_input_nesting_level) are taken ...
        let ok = format!("x{}=1", "[a]".repeat(MAX_DEPTH));
        let mut v = &parse_ok(&ok)["x"];
        for _ in 0..MAX_DEPTH {
            v = &v["a"];
        }
        assert_eq!(v, &json!("1"));
        // ... 65 and the 5,000 of a hostile request are refused, naming the parameter.
        let err = parse(&format!("y=2&x{}=1", "[a]".repeat(MAX_DEPTH + 1))).unwrap_err();
        assert_eq!(err, TooDeep { name: "x".into(), depth: MAX_DEPTH + 1 });
        let err = parse(&format!("x{}=1", "[a]".repeat(5000))).unwrap_err();
        assert_eq!(err.depth, 5000);
        assert!(err.to_string().contains("at most 64"), "{err}");
    }

    #[test]
    fn lenient_numbers() {
        assert_eq!(as_i64(&json!("-1")), Some(-1));
        assert_eq!(as_i64(&json!(50)), Some(50));
        assert_eq!(as_i64(&json!("x")), None);
        assert_eq!(php_string(&json!(true)).as_deref(), Some("1"));
    }
}
