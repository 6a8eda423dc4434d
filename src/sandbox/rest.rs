//! The REST entry: `/rest/<method>[.json]` (app token in `auth`, JSON body or query string) and
//! `/rest/<user>/<code>/<method>` (incoming webhook). Resolves auth, applies faults and the
//! leaky-bucket limit, dispatches, and wraps results in the §5 envelope with a `time` object.

use super::errors::ApiError;
use super::query;
use super::state::{SANDBOX_USER_ID, Shared, WEBHOOK_CODE, unix_now};
use super::{activity_methods, crm_methods, limits, net::ConnCtx};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use std::sync::Arc;
use std::time::Instant;

/// Who is calling.
#[derive(Clone, Debug)]
pub enum Caller {
    App { client_id: String, user_id: u64 },
    Webhook { user_id: u64 },
}

impl Caller {
    pub fn user_id(&self) -> u64 {
        match self {
            Caller::App { user_id, .. } | Caller::Webhook { user_id } => *user_id,
        }
    }
    /// The app's client_id, or `ERROR_WRONG_CONTEXT` for a webhook.
    pub fn app(&self) -> Result<&str, ApiError> {
        match self {
            Caller::App { client_id, .. } => Ok(client_id),
            Caller::Webhook { .. } => Err(ApiError::wrong_context()),
        }
    }
}

/// A method's success: its `result` plus `total`/`next` for list methods.
#[derive(Debug, Default)]
pub struct Out {
    pub result: Value,
    pub total: Option<u64>,
    pub next: Option<u64>,
}

impl Out {
    pub fn new(result: Value) -> Self {
        Out { result, total: None, next: None }
    }
}

pub type MethodResult = Result<Out, ApiError>;

pub async fn rest_entry(
    State(sh): State<Arc<Shared>>,
    ConnectInfo(conn): ConnectInfo<ConnCtx>,
    Path(path): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let started = Instant::now();
    let start_unix = unix_now();
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (webhook, method) = match segs.as_slice() {
        [m] => (None, *m),
        [user, code, m] => (Some((*user, *code)), *m),
        _ => {
            return error_response(&ApiError::new(StatusCode::NOT_FOUND, "ERROR_METHOD_NOT_FOUND", "Method not found"));
        }
    };
    let method = method.strip_suffix(".json").unwrap_or(method).to_ascii_lowercase();

    let params = match read_params(raw.as_deref(), &headers, &body) {
        Ok(p) => p,
        Err(e) => return error_response(&e),
    };
    let token = params.get("auth").and_then(Value::as_str).map(str::to_string);

    let plan = sh.faults().plan(&method);
    // Only a real webhook or a known token gets a bucket of its own; anything a caller can make
    // up (a bogus token, a wrong webhook path) shares the bucket of its address, so invented
    // keys cannot grow the map.
    let limited = plan.rate_limited || {
        let mut store = sh.store();
        let bucket_key = match (&webhook, &token) {
            (Some((u, c)), _) if is_sandbox_webhook(u, c) => format!("webhook:{u}:{c}"),
            (None, Some(t)) if t.len() <= limits::MAX_AUTH_LEN && store.access.contains_key(t) => {
                format!("token:{t}")
            }
            _ => format!("ip:{}", conn.remote.ip()),
        };
        !store.take_rate(&bucket_key, sh.cfg.rate)
    };
    let outcome = if limited {
        Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "QUERY_LIMIT_EXCEEDED", "Too many requests"))
    } else if let Some(status) = plan.fail_status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Err(ApiError::new(status, "INTERNAL_SERVER_ERROR", "Internal server error (sandbox fault injection)"))
    } else {
        match resolve_caller(&sh, webhook, token.as_deref()) {
            Ok(caller) => call(&sh, &caller, &method, &params, true),
            Err(e) => Err(e),
        }
    };

    if let Some(d) = plan.delay {
        tokio::time::sleep(d).await;
    }
    if plan.drop_connection {
        conn.kill();
    }
    match outcome {
        Ok(out) => {
            let mut env = Map::new();
            env.insert("result".into(), out.result);
            env.insert("time".into(), time_object(start_unix, started));
            if let Some(t) = out.total {
                env.insert("total".into(), json!(t));
            }
            if let Some(n) = out.next {
                env.insert("next".into(), json!(n));
            }
            Json(Value::Object(env)).into_response()
        }
        Err(e) => error_response(&e),
    }
}

pub fn error_response(e: &ApiError) -> Response {
    (e.status, Json(e.json())).into_response()
}

/// Query string (PHP-style) merged with the body: JSON, or a form. Body keys win.
fn read_params(raw: Option<&str>, headers: &HeaderMap, body: &[u8]) -> Result<Value, ApiError> {
    let mut params = match query::parse(raw.unwrap_or("")).map_err(too_deep)? {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let ctype = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let body_trim = body.iter().skip_while(|b| b.is_ascii_whitespace()).copied().collect::<Vec<u8>>();
    if body_trim.is_empty() {
        return Ok(Value::Object(params));
    }
    let from_body = if ctype.contains("json") || body_trim.first() == Some(&b'{') {
        match serde_json::from_slice::<Value>(&body_trim) {
            Ok(Value::Object(m)) => m,
            Ok(_) => return Err(ApiError::bad("INVALID_REQUEST", "The JSON body must be an object")),
            Err(e) => return Err(ApiError::bad("INVALID_REQUEST", format!("The JSON body is not valid JSON: {e}"))),
        }
    } else {
        match query::parse(&String::from_utf8_lossy(&body_trim)).map_err(too_deep)? {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    };
    params.extend(from_body);
    Ok(Value::Object(params))
}

fn is_sandbox_webhook(user: &str, code: &str) -> bool {
    user == SANDBOX_USER_ID.to_string() && code == WEBHOOK_CODE
}

fn too_deep(e: query::TooDeep) -> ApiError {
    ApiError::bad("INVALID_REQUEST", e.to_string())
}

fn resolve_caller(sh: &Shared, webhook: Option<(&str, &str)>, token: Option<&str>) -> Result<Caller, ApiError> {
    let no_auth = || ApiError::new(StatusCode::UNAUTHORIZED, "NO_AUTH_FOUND", "Wrong authorization data");
    if let Some((user, code)) = webhook {
        return if is_sandbox_webhook(user, code) {
            Ok(Caller::Webhook { user_id: SANDBOX_USER_ID })
        } else {
            Err(no_auth())
        };
    }
    let token = token.filter(|t| t.len() <= limits::MAX_AUTH_LEN).ok_or_else(no_auth)?;
    let store = sh.store();
    let t = store.access.get(token).ok_or_else(no_auth)?;
    if t.expires_at <= Instant::now() {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "expired_token", "The access token provided has expired."));
    }
    if !store.apps.contains_key(&t.client_id) {
        return Err(no_auth());
    }
    Ok(Caller::App { client_id: t.client_id.clone(), user_id: t.user_id })
}

/// The `time` object of §5. `operating` is the time spent here; the sandbox keeps no budget.
pub fn time_object(start_unix: f64, started: Instant) -> Value {
    let dur = started.elapsed().as_secs_f64();
    let finish = start_unix + dur;
    let iso = |t: f64| {
        chrono::DateTime::from_timestamp(t as i64, 0)
            .map(|d| d.format("%Y-%m-%dT%H:%M:%S+00:00").to_string())
            .unwrap_or_default()
    };
    json!({
        "start": start_unix, "finish": finish, "duration": dur, "processing": dur,
        "date_start": iso(start_unix), "date_finish": iso(finish),
        "operating": dur, "operating_reset_at": (start_unix + 600.0) as u64,
    })
}

/// Runs one method. `top_level` is false inside `batch` (nested batch is refused).
pub fn call(sh: &Shared, caller: &Caller, method: &str, params: &Value, top_level: bool) -> MethodResult {
    match method {
        "batch" if top_level => batch(sh, caller, params),
        "batch" => Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "ERROR_BATCH_METHOD_NOT_ALLOWED",
            "Method is not allowed for batch usage",
        )),
        m if m.starts_with("crm.activity.") && !m.starts_with("crm.activity.type.") => {
            activity_methods::call(sh, caller, m, params)
        }
        m => crm_methods::call(sh, caller, m, params),
    }
}

fn not_found_method(method: &str) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "ERROR_METHOD_NOT_FOUND", format!("Method '{method}' not found"))
}

/// For method modules: the standard "no such method" error.
pub fn unknown_method(method: &str) -> MethodResult {
    Err(not_found_method(method))
}

fn batch(sh: &Shared, caller: &Caller, params: &Value) -> MethodResult {
    let halt = params.get("halt").and_then(query::as_i64).unwrap_or(0) != 0;
    let cmds: Vec<(String, String)> = match params.get("cmd") {
        Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect(),
        Some(Value::Array(a)) => {
            a.iter().enumerate().map(|(i, v)| (i.to_string(), v.as_str().unwrap_or("").to_string())).collect()
        }
        _ => return Err(ApiError::missing("cmd")),
    };
    if cmds.len() > 50 {
        return Err(ApiError::bad("ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded (50 commands)"));
    }
    let (mut result, mut errors, mut totals, mut nexts, mut times) =
        (Map::new(), Map::new(), Map::new(), Map::new(), Map::new());
    for (key, cmd) in cmds {
        let started = Instant::now();
        let start_unix = unix_now();
        let cmd = substitute_results(&cmd, &result);
        let (m, qs) = cmd.split_once('?').unwrap_or((cmd.as_str(), ""));
        let m = m.trim_matches('/').trim_end_matches(".json").to_ascii_lowercase();
        let outcome = query::parse(qs).map_err(too_deep).and_then(|p| call(sh, caller, &m, &p, false));
        match outcome {
            Ok(out) => {
                result.insert(key.clone(), out.result);
                if let Some(t) = out.total {
                    totals.insert(key.clone(), json!(t));
                }
                if let Some(n) = out.next {
                    nexts.insert(key.clone(), json!(n));
                }
                times.insert(key, time_object(start_unix, started));
            }
            Err(e) => {
                errors.insert(key, e.json());
                if halt {
                    break;
                }
            }
        }
    }
    // PHP prints an empty associative array as `[]`; real portals answer so, and clients must cope.
    let php = |m: Map<String, Value>| if m.is_empty() { json!([]) } else { Value::Object(m) };
    Ok(Out::new(json!({
        "result": php(result), "result_error": php(errors), "result_total": php(totals),
        "result_next": php(nexts), "result_time": php(times),
    })))
}

/// Replaces `$result[key][field]...` in a command with the value of an earlier command.
fn substitute_results(cmd: &str, results: &Map<String, Value>) -> String {
    let Ok(re) = regex::Regex::new(r"\$result\[([^\]]+)\]((?:\[[^\]]*\])*)") else { return cmd.to_string() };
    re.replace_all(cmd, |c: &regex::Captures| {
        let mut v = results.get(&c[1]);
        for seg in c[2].split(']').filter(|s| !s.is_empty()) {
            let seg = seg.trim_start_matches('[');
            v = v.and_then(|x| x.get(seg).or_else(|| seg.parse::<usize>().ok().and_then(|i| x.get(i))));
        }
        let s = v.and_then(query::php_string).unwrap_or_default();
        url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_references_earlier_results() {
        let mut r = Map::new();
        r.insert("p".into(), json!({"ID": "1", "list": [{"id": 7}]}));
        assert_eq!(substitute_results("user.get?ID=$result[p][ID]", &r), "user.get?ID=1");
        assert_eq!(substitute_results("x?id=$result[p][list][0][id]", &r), "x?id=7");
        assert_eq!(substitute_results("x?id=$result[zz][ID]", &r), "x?id=");
    }
}
