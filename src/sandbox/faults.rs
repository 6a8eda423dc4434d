//! Fault injection for REST calls (`/rest/...`): delays, dropped connections, 5xx answers,
//! forced rate limiting and expiring every access token. Usable from tests through
//! [`FaultHandle`] and by hand through `POST /sandbox/faults` (JSON, see [`faults_endpoint`]).
//!
//! Order inside one REST call: forced 503 / 5xx answer *before* the method runs (nothing is
//! stored); otherwise the method runs, then the delay, then the dropped connection — so a send
//! that "times out" or loses its answer did reach the server, as in real life.

use super::limits;
use super::state::Shared;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct Faults {
    /// Delay for the next N REST calls (any method).
    delay_next: Option<(usize, Duration)>,
    /// Delay every call of one method (lower-case name) until cleared.
    delay_method: HashMap<String, Duration>,
    /// Close the connection without an answer for the next N REST calls.
    drop_next: usize,
    /// Answer the next N REST calls with this HTTP status (`INTERNAL_SERVER_ERROR`).
    fail_next: Option<(usize, u16)>,
    /// Answer the next N REST calls with 503 `QUERY_LIMIT_EXCEEDED`.
    rate_limit_next: usize,
    /// REST calls that arrived, per lower-case method (faulted ones included; batch counts once).
    pub calls: HashMap<String, usize>,
}

/// What one REST call must suffer, decided once when it arrives.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    pub fail_status: Option<u16>,
    pub rate_limited: bool,
    pub delay: Option<Duration>,
    pub drop_connection: bool,
}

impl Faults {
    /// Consumes the one-shot faults for a call of `method` (lower-case).
    pub fn plan(&mut self, method: &str) -> Plan {
        // Method names come from the URL: count only plausible names, and a bounded set of them.
        if method.len() <= limits::MAX_METHOD_LEN
            && (self.calls.contains_key(method) || self.calls.len() < limits::MAX_COUNTED_METHODS)
        {
            *self.calls.entry(method.to_string()).or_default() += 1;
        }
        let mut p = Plan::default();
        if self.rate_limit_next > 0 {
            self.rate_limit_next -= 1;
            p.rate_limited = true;
            return p;
        }
        if let Some((n, status)) = self.fail_next.take() {
            if n > 1 {
                self.fail_next = Some((n - 1, status));
            }
            p.fail_status = Some(status);
            return p;
        }
        if let Some((n, d)) = self.delay_next.take() {
            if n > 1 {
                self.delay_next = Some((n - 1, d));
            }
            p.delay = Some(d);
        }
        if let Some(d) = self.delay_method.get(method) {
            p.delay = Some(p.delay.map_or(*d, |x| x.max(*d)));
        }
        if self.drop_next > 0 {
            self.drop_next -= 1;
            p.drop_connection = true;
        }
        p
    }
}

/// Cloneable control over the sandbox's faults (and token expiry).
#[derive(Clone)]
pub struct FaultHandle {
    pub(crate) shared: Arc<Shared>,
}

impl FaultHandle {
    /// Delays the answer of the next `n` REST calls by `d` (the method still runs at once).
    pub fn delay_next(&self, n: usize, d: Duration) {
        self.shared.faults().delay_next = (n > 0).then_some((n, d));
    }
    /// Delays every call of `method` (e.g. `crm.activity.configurable.add`) by `d` until cleared.
    pub fn delay_method(&self, method: &str, d: Duration) {
        let mut f = self.shared.faults();
        let key = method.to_ascii_lowercase();
        if key.len() <= limits::MAX_METHOD_LEN
            && (f.delay_method.contains_key(&key) || f.delay_method.len() < limits::MAX_COUNTED_METHODS)
        {
            f.delay_method.insert(key, d);
        }
    }
    /// Closes the connection without any answer on the next `n` REST calls (after the method ran).
    pub fn drop_next(&self, n: usize) {
        self.shared.faults().drop_next = n;
    }
    /// Answers the next `n` REST calls with HTTP `status` (5xx) and `INTERNAL_SERVER_ERROR`;
    /// the method does not run.
    pub fn fail_next(&self, n: usize, status: u16) {
        self.shared.faults().fail_next = (n > 0).then_some((n, status));
    }
    /// Answers the next `n` REST calls with 503 `QUERY_LIMIT_EXCEEDED`; the method does not run.
    pub fn rate_limit_next(&self, n: usize) {
        self.shared.faults().rate_limit_next = n;
    }
    /// Makes every access token issued so far expired: the next call gets 401 `expired_token`.
    pub fn expire_all_tokens(&self) {
        let now = Instant::now();
        for t in self.shared.store().access.values_mut() {
            t.expires_at = t.expires_at.min(now);
        }
    }
    /// Forgets every access token: the next call gets 401 `NO_AUTH_FOUND`.
    pub fn revoke_access_tokens(&self) {
        self.shared.store().access.clear();
    }
    /// Forgets every refresh token: the next refresh gets `invalid_grant` (the "sign in again" case).
    pub fn revoke_refresh_tokens(&self) {
        self.shared.store().refresh.clear();
    }
    /// How many REST calls of `method` arrived so far (faulted ones included).
    pub fn calls(&self, method: &str) -> usize {
        self.shared.faults().calls.get(&method.to_ascii_lowercase()).copied().unwrap_or(0)
    }
    /// Removes every pending fault (delays, drops, failures, forced limits); call counts stay.
    pub fn clear(&self) {
        let mut f = self.shared.faults();
        let calls = std::mem::take(&mut f.calls);
        *f = Faults { calls, ..Faults::default() };
    }
}

/// `POST /sandbox/faults` with a JSON object, any of:
/// `{"delayNextMs": 2000, "delayCount": 1, "delayMethod": "crm.activity.configurable.add",
///   "delayMethodMs": 2000, "dropNext": 1, "failNext": 1, "failStatus": 500, "rateLimitNext": 1,
///   "expireTokens": true, "revokeAccess": true, "revokeRefresh": true, "clear": true}`.
pub async fn faults_endpoint(State(shared): State<Arc<Shared>>, body: Result<Json<Value>, JsonRejection>) -> Response {
    let Ok(Json(v)) = body else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "INVALID_REQUEST", "error_description": "Send a JSON object"})),
        )
            .into_response();
    };
    let h = FaultHandle { shared };
    let num = |k: &str| v.get(k).and_then(Value::as_u64);
    if v.get("clear").and_then(Value::as_bool) == Some(true) {
        h.clear();
    }
    if let Some(ms) = num("delayNextMs") {
        h.delay_next(num("delayCount").unwrap_or(1) as usize, Duration::from_millis(ms));
    }
    if let (Some(m), Some(ms)) = (v.get("delayMethod").and_then(Value::as_str), num("delayMethodMs")) {
        h.delay_method(m, Duration::from_millis(ms));
    }
    if let Some(n) = num("dropNext") {
        h.drop_next(n as usize);
    }
    if let Some(n) = num("failNext") {
        let status = num("failStatus").filter(|s| (500..600).contains(s)).unwrap_or(500) as u16;
        h.fail_next(n as usize, status);
    }
    if let Some(n) = num("rateLimitNext") {
        h.rate_limit_next(n as usize);
    }
    let flag = |k: &str| v.get(k).and_then(Value::as_bool) == Some(true);
    if flag("expireTokens") {
        h.expire_all_tokens();
    }
    if flag("revokeAccess") {
        h.revoke_access_tokens();
    }
    if flag("revokeRefresh") {
        h.revoke_refresh_tokens();
    }
    Json(json!({"result": true})).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_shot_faults_are_consumed_in_order() {
        let mut f = Faults { rate_limit_next: 1, fail_next: Some((1, 502)), drop_next: 1, ..Default::default() };
        assert!(f.plan("x").rate_limited);
        assert_eq!(f.plan("x").fail_status, Some(502));
        let p = f.plan("x");
        assert!(p.drop_connection && p.fail_status.is_none());
        assert_eq!(f.plan("x"), Plan::default());
    }

    #[test]
    fn method_delay_persists_and_count_delay_runs_out() {
        let mut f = Faults {
            delay_next: Some((2, Duration::from_millis(5))),
            delay_method: [("a".to_string(), Duration::from_millis(9))].into(),
            ..Default::default()
        };
        assert_eq!(f.plan("b").delay, Some(Duration::from_millis(5)));
        assert_eq!(f.plan("a").delay, Some(Duration::from_millis(9)));
        assert_eq!(f.plan("b").delay, None);
        assert_eq!(f.plan("a").delay, Some(Duration::from_millis(9)));
    }
}
