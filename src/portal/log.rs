//! Request log: each call with method, time taken, status, and redacted request/response JSON.

use serde_json::Value;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Keys whose values are secrets wherever they appear (any depth, any case).
const SECRET_KEYS: &[&str] =
    &["auth", "access_token", "refresh_token", "client_secret", "code", "password", "application_token"];
pub const REDACTED: &str = "[redacted]";
const MAX_ENTRIES: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    pub method: String,
    pub started: SystemTime,
    pub took: Duration,
    /// HTTP status, `None` when no response arrived (timeout, connection error).
    pub status: Option<u16>,
    /// Error code of a failed call (`QUERY_LIMIT_EXCEEDED`, `timeout`, ...).
    pub error: Option<String>,
    pub request: Value,
    pub response: Value,
    /// 1 for the first try; retries of the same call count up.
    pub attempt: u32,
}

/// Shared, bounded log (newest last).
#[derive(Clone, Debug, Default)]
pub struct RequestLog {
    inner: Arc<Mutex<VecDeque<LogEntry>>>,
    /// Counts pushes and clears, so a reader copies the entries only when they changed.
    changes: Arc<AtomicU64>,
}

impl RequestLog {
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores the entry with request and response redacted.
    pub fn push(&self, mut e: LogEntry) {
        e.request = redact(&e.request);
        e.response = redact(&e.response);
        let mut q = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if q.len() == MAX_ENTRIES {
            q.pop_front();
        }
        q.push_back(e);
        self.changes.fetch_add(1, Ordering::Relaxed);
    }

    /// Grows with every push and clear (a fresh log is at 0).
    pub fn changes(&self) -> u64 {
        self.changes.load(Ordering::Relaxed)
    }

    pub fn entries(&self) -> Vec<LogEntry> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).iter().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn clear(&self) {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.changes.fetch_add(1, Ordering::Relaxed);
    }
}

fn is_secret_key(k: &str) -> bool {
    SECRET_KEYS.iter().any(|s| s.eq_ignore_ascii_case(k))
}

/// Copy of `v` with every secret value replaced by [`REDACTED`], including secrets inside
/// URL query strings held in string values (`...?auth=...&code=...`).
pub fn redact(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, val)| {
                    let nv =
                        if is_secret_key(k) && !val.is_null() { Value::String(REDACTED.into()) } else { redact(val) };
                    (k.clone(), nv)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(redact).collect()),
        Value::String(s) => Value::String(redact_query(s)),
        other => other.clone(),
    }
}

/// Replaces secret parameters in a URL or query string (`a=1&auth=x` → `a=1&auth=[redacted]`).
pub fn redact_query(s: &str) -> String {
    if !s.contains('=') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Split on query separators, keeping them; redact the value of any secret key.
    while !rest.is_empty() {
        let cut = rest.find(['?', '&']).map(|i| i + 1).unwrap_or(rest.len());
        let (part, tail) = rest.split_at(cut);
        let (body, sep) = match part.chars().last() {
            Some(c @ ('?' | '&')) => (&part[..part.len() - 1], Some(c)),
            _ => (part, None),
        };
        match body.split_once('=') {
            Some((k, _)) if is_secret_key(k) => {
                out.push_str(k);
                out.push('=');
                out.push_str(REDACTED);
            }
            _ => out.push_str(body),
        }
        if let Some(c) = sep {
            out.push(c);
        }
        rest = tail;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn redacts_every_secret_at_any_depth() {
        let v = json!({
            "auth": "tok123", "ownerId": 5,
            "cmd": {"p": "profile?auth=tok123", "i": "crm.item.list?entityTypeId=2&AUTH=tok123&start=0"},
            "result": {"access_token": "a1", "refresh_token": "r1", "nested": [{"client_secret": "s1", "code": "c1"}]},
            "url": "http://127.0.0.1:1/oauth/token/?grant_type=authorization_code&client_secret=s1&code=c1"
        });
        let r = redact(&v);
        let text = r.to_string();
        for secret in ["tok123", "a1", "r1", "s1", "c1"] {
            assert!(
                !text.contains(&format!("\"{secret}\"")) && !text.contains(&format!("={secret}")),
                "{secret} in {text}"
            );
        }
        assert_eq!(r["ownerId"], 5);
        assert_eq!(r["cmd"]["i"], "crm.item.list?entityTypeId=2&AUTH=[redacted]&start=0");
        assert_eq!(
            r["url"],
            "http://127.0.0.1:1/oauth/token/?grant_type=authorization_code&client_secret=[redacted]&code=[redacted]"
        );
        // Non-secret text with '=' is untouched.
        assert_eq!(redact_query("a=b&c=d"), "a=b&c=d");
    }

    #[test]
    fn log_stores_redacted_and_is_bounded() {
        let log = RequestLog::new();
        for i in 0..(MAX_ENTRIES + 5) {
            log.push(LogEntry {
                method: format!("m{i}"),
                started: SystemTime::now(),
                took: Duration::from_millis(1),
                status: Some(200),
                error: None,
                request: json!({"auth": "secret-token"}),
                response: json!({"result": {"access_token": "x"}}),
                attempt: 1,
            });
        }
        let e = log.entries();
        assert_eq!(e.len(), MAX_ENTRIES);
        assert_eq!(e[0].method, "m5");
        assert_eq!(e[0].request["auth"], REDACTED);
        assert_eq!(e[0].response["result"]["access_token"], REDACTED);
    }

    #[test]
    fn changes_grow_with_pushes_past_the_bound_and_with_clears() {
        let log = RequestLog::new();
        assert_eq!(log.changes(), 0);
        let entry = LogEntry {
            method: "m".into(),
            started: SystemTime::now(),
            took: Duration::from_millis(1),
            status: Some(200),
            error: None,
            request: json!({}),
            response: json!({}),
            attempt: 1,
        };
        for _ in 0..(MAX_ENTRIES + 1) {
            log.push(entry.clone());
        }
        // Full: the length stays, the count still moves on.
        assert_eq!(log.changes(), (MAX_ENTRIES + 1) as u64);
        log.clear();
        assert_eq!(log.changes(), (MAX_ENTRIES + 2) as u64);
    }
}
