//! OAuth for a local application (portal-api.md §2–3): authorize URL with a random `state`,
//! a loopback listener for the redirect, a paste-the-address fallback, and the token endpoint.

use super::error::{ErrorKind, PortalError};
use super::log::{LogEntry, RequestLog, redact_query};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Port the loopback listener prefers, so the handler address the user enters once in the
/// portal's local-app form stays the same between runs.
pub const DEFAULT_LOOPBACK_PORT: u16 = 47631;
pub const CALLBACK_PATH: &str = "/cb";

/// What the user enters as "Handler path", and why it may need a relay (portal-api.md §2).
pub fn handler_address_note(redirect_uri: &str) -> String {
    format!(
        "Enter {redirect_uri} as the handler path in the portal's local application form. \
         Bitrix24 documents only HTTPS handler paths: if the form refuses this address, host a tiny \
         HTTPS page that forwards to it (location.replace('{redirect_uri}' + location.search)) and \
         enter that page's address instead, or paste the redirected address here within 30 seconds."
    )
}

/// Access/refresh tokens as kept in the secret store (JSON).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    /// Unix seconds when the access token expires.
    pub expires_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("expires_at", &self.expires_at)
            .field("client_endpoint", &self.client_endpoint)
            .field("member_id", &self.member_id)
            .finish_non_exhaustive()
    }
}

pub fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

impl Tokens {
    /// True when the access token expires within `margin`.
    pub fn expires_within(&self, margin: Duration) -> bool {
        self.expires_at - (margin.as_secs() as i64) <= now_unix()
    }

    /// Reads a token endpoint answer (`expires` wins over `expires_in`).
    pub fn from_response(v: &Value) -> Option<Tokens> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let n = |k: &str| v.get(k).and_then(|x| x.as_i64().or_else(|| x.as_str()?.parse().ok()));
        let expires_at = n("expires").unwrap_or_else(|| now_unix() + n("expires_in").unwrap_or(3600));
        Some(Tokens {
            access_token: s("access_token").filter(|t| !t.is_empty())?,
            refresh_token: s("refresh_token").filter(|t| !t.is_empty())?,
            expires_at,
            client_endpoint: s("client_endpoint"),
            member_id: s("member_id"),
            user_id: n("user_id"),
            scope: s("scope"),
        })
    }
}

/// A random `state` for CSRF matching.
pub fn random_state() -> String {
    rand::rng().sample_iter(rand::distr::Alphanumeric).take(32).map(char::from).collect()
}

/// `{portal}/oauth/authorize/?client_id=..&state=..` (no redirect_uri: the portal takes it from
/// the app card).
pub fn authorize_url(portal_url: &str, client_id: &str, state: &str) -> Result<String, PortalError> {
    let base = format!("{}/oauth/authorize/", portal_url.trim_end_matches('/'));
    let mut u = url::Url::parse(&base)
        .map_err(|e| PortalError::local("BAD_ADDRESS", format!("the portal address is not a URL: {e}")))?;
    u.query_pairs_mut().append_pair("client_id", client_id).append_pair("state", state);
    Ok(u.to_string())
}

/// The redirect's parameters (`code` lives 30 s).
#[derive(Clone, PartialEq, Eq)]
pub struct AuthCode {
    pub code: String,
    pub state: String,
    pub domain: Option<String>,
    pub member_id: Option<String>,
    pub server_domain: Option<String>,
}

impl std::fmt::Debug for AuthCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthCode").field("domain", &self.domain).field("member_id", &self.member_id).finish()
    }
}

fn oauth_err(code: &str, msg: impl Into<String>) -> PortalError {
    PortalError::new(ErrorKind::Local, code, msg)
}

/// Reads `code`/`state` from a query string and checks `state`.
fn auth_code_from_query(query: &str, expected_state: &str) -> Result<AuthCode, PortalError> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    if let Some(e) = get("error") {
        let d = get("error_description").unwrap_or_default();
        // `error=` with no value still refuses; the error keeps a code the user can quote.
        let code = if e.trim().is_empty() { "SIGN_IN_REFUSED" } else { e.as_str() };
        return Err(oauth_err(code, format!("the portal refused the sign-in: {d}")));
    }
    let state = get("state").unwrap_or_default();
    if state != expected_state {
        return Err(oauth_err(
            "STATE_MISMATCH",
            "the redirect's state does not match this sign-in; start the sign-in again",
        ));
    }
    let code = get("code").filter(|c| !c.is_empty()).ok_or_else(|| {
        oauth_err("NO_CODE", "the address has no code parameter; copy the whole address from the browser")
    })?;
    Ok(AuthCode {
        code,
        state,
        domain: get("domain"),
        member_id: get("member_id"),
        server_domain: get("server_domain"),
    })
}

/// "Paste the redirected address" fallback: a whole URL, or just its query string.
pub fn parse_redirected_address(input: &str, expected_state: &str) -> Result<AuthCode, PortalError> {
    let t = input.trim();
    let query = match url::Url::parse(t) {
        Ok(u) => u.query().unwrap_or("").to_string(),
        Err(_) => t.trim_start_matches('?').to_string(),
    };
    auth_code_from_query(&query, expected_state)
}

/// Listens on 127.0.0.1 for the browser's redirect. The app binds it in a background job.
pub struct LoopbackListener {
    listener: std::net::TcpListener,
    port: u16,
}

impl LoopbackListener {
    /// `port` 0 picks a free port (tests); the app uses [`DEFAULT_LOOPBACK_PORT`].
    pub fn bind(port: u16) -> Result<Self, PortalError> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            oauth_err("LISTENER_FAILED", format!("cannot listen on 127.0.0.1:{port} for the sign-in redirect: {e}"))
        })?;
        listener.set_nonblocking(true).map_err(|e| oauth_err("LISTENER_FAILED", e.to_string()))?;
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
        Ok(LoopbackListener { listener, port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The handler address to enter in the portal's local-app form.
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    /// Waits for `GET /cb?code&state` and answers the browser with a short page. Other paths
    /// (favicon) get 404 and the wait goes on. Must run inside the tokio runtime.
    pub async fn wait_for_code(self, expected_state: &str, timeout: Duration) -> Result<AuthCode, PortalError> {
        let listener = tokio::net::TcpListener::from_std(self.listener)
            .map_err(|e| oauth_err("LISTENER_FAILED", e.to_string()))?;
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let accepted = tokio::time::timeout(left, listener.accept()).await.map_err(|_| {
                oauth_err("SIGN_IN_TIMEOUT", "no redirect arrived from the browser; try again or paste the address")
            })?;
            let Ok((mut sock, _)) = accepted else { continue };
            let Some(target) = read_request_target(&mut sock).await else { continue };
            let (path, query) = target.split_once('?').unwrap_or((&target, ""));
            if path != CALLBACK_PATH {
                let _ = respond(&mut sock, "404 Not Found", "Not found.").await;
                continue;
            }
            let result = auth_code_from_query(query, expected_state);
            let body = match &result {
                Ok(_) => "Signed in. You can close this tab and return to B24 Activity Designer.".to_string(),
                Err(e) => format!("Sign-in failed: {}", e.description),
            };
            let _ = respond(&mut sock, if result.is_ok() { "200 OK" } else { "400 Bad Request" }, &body).await;
            return result;
        }
    }
}

async fn read_request_target(sock: &mut tokio::net::TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    let read = async {
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
            let n = sock.read(&mut chunk).await.ok()?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        Some(())
    };
    tokio::time::timeout(Duration::from_secs(5), read).await.ok()??;
    let text = String::from_utf8_lossy(&buf);
    let mut parts = text.lines().next()?.split_whitespace();
    (parts.next()? == "GET").then_some(())?;
    parts.next().map(str::to_string)
}

async fn respond(sock: &mut tokio::net::TcpStream, status: &str, text: &str) -> std::io::Result<()> {
    let body = format!(
        "<!doctype html><meta charset=utf-8><title>B24 Activity Designer</title><p style=\"font:16px sans-serif\">{}</p>",
        text.replace('&', "&amp;").replace('<', "&lt;")
    );
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    sock.write_all(head.as_bytes()).await?;
    sock.write_all(body.as_bytes()).await?;
    sock.shutdown().await
}

/// Per-request bounds for the token endpoint (the client's deadline and size cap).
#[derive(Clone, Copy, Debug)]
pub struct RequestLimits {
    pub timeout: Duration,
    pub max_body_bytes: usize,
}

/// Token-endpoint grant (authorization_code or refresh_token). `invalid_grant` →
/// [`ErrorKind::SignInAgain`].
pub async fn token_request(
    http: &reqwest::Client,
    token_endpoint: &str,
    params: &[(&str, &str)],
    log: &RequestLog,
    limits: RequestLimits,
) -> Result<Tokens, PortalError> {
    super::client::check_url_allowed(token_endpoint)?;
    let mut u = url::Url::parse(token_endpoint).map_err(|e| oauth_err("BAD_ADDRESS", e.to_string()))?;
    u.query_pairs_mut().extend_pairs(params);
    let started = SystemTime::now();
    let t0 = Instant::now();
    let grant = params.iter().find(|(k, _)| *k == "grant_type").map(|(_, v)| *v).unwrap_or("?");
    let res = http.get(u.as_str()).timeout(limits.timeout).send().await;
    let mut entry = LogEntry {
        method: format!("oauth/token ({grant})"),
        started,
        took: Duration::ZERO,
        status: None,
        error: None,
        request: Value::String(redact_query(u.as_str())),
        response: Value::Null,
        attempt: 1,
    };
    let outcome = async {
        let resp = res.map_err(|e| {
            let kind = if e.is_timeout() { ErrorKind::Timeout } else { ErrorKind::Network };
            PortalError::new(
                kind,
                if e.is_timeout() { "TIMEOUT" } else { "NETWORK_ERROR" },
                "the OAuth server did not answer",
            )
        })?;
        let status = resp.status().as_u16();
        entry.status = Some(status);
        let bytes = super::envelope::read_capped(resp, limits.max_body_bytes).await.map_err(|e| match e {
            super::envelope::BodyError::TooLarge(_) => PortalError::new(
                ErrorKind::Portal,
                "RESPONSE_TOO_LARGE",
                "the OAuth server's answer is too large; reading stopped",
            ),
            super::envelope::BodyError::Transport(_) => PortalError::new(
                ErrorKind::Timeout,
                "CONNECTION_LOST",
                "the OAuth server's answer did not arrive whole",
            ),
        })?;
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        entry.response = body.clone();
        if let Some(code) = body.get("error").and_then(Value::as_str) {
            let desc = body.get("error_description").and_then(Value::as_str).unwrap_or("").to_string();
            let e = if code == "invalid_grant" || code == "NO_AUTH_FOUND" {
                PortalError::sign_in_again(code, format!("sign in again: {desc}"))
            } else {
                PortalError::new(ErrorKind::Portal, code, desc)
            };
            return Err(e.with_status(status));
        }
        Tokens::from_response(&body).ok_or_else(|| {
            PortalError::new(ErrorKind::Portal, "BAD_TOKEN_RESPONSE", "the OAuth server's answer has no tokens")
                .with_status(status)
        })
    }
    .await;
    entry.took = t0.elapsed();
    entry.error = outcome.as_ref().err().map(|e| e.code.clone());
    log.push(entry);
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paste_fallback_accepts_url_or_query_and_checks_state() {
        let a = parse_redirected_address(
            "https://relay.example/cb?code=abc&state=S1&domain=acme.bitrix24.com&member_id=m1&scope=crm%2Cbasic",
            "S1",
        )
        .unwrap();
        assert_eq!((a.code.as_str(), a.member_id.as_deref()), ("abc", Some("m1")));
        assert_eq!(parse_redirected_address("  ?code=x&state=S1 ", "S1").unwrap().code, "x");
        assert_eq!(parse_redirected_address("code=x&state=S2", "S1").unwrap_err().code, "STATE_MISMATCH");
        assert_eq!(parse_redirected_address("https://x/cb?state=S1", "S1").unwrap_err().code, "NO_CODE");
        assert!(!format!("{a:?}").contains("abc"));
    }

    #[test]
    fn a_refusal_without_an_error_code_still_has_a_code() {
        // Found by the oauth_callback fuzz target: `error=` with no value gave an empty code.
        let e = parse_redirected_address("http://127.0.0.1:1/cb?code=c&error=&state=S1", "S1").unwrap_err();
        assert_eq!(e.code, "SIGN_IN_REFUSED");
        let e = parse_redirected_address("?error=access_denied&error_description=no&state=S1", "S1").unwrap_err();
        assert_eq!((e.code.as_str(), e.description.as_str()), ("access_denied", "the portal refused the sign-in: no"));
    }

    #[test]
    fn authorize_url_and_state() {
        let s = random_state();
        assert_eq!(s.len(), 32);
        assert_ne!(s, random_state());
        let u = authorize_url("https://acme.bitrix24.com/", "local.1", "st").unwrap();
        assert_eq!(u, "https://acme.bitrix24.com/oauth/authorize/?client_id=local.1&state=st");
    }

    #[test]
    fn tokens_from_response() {
        let t = Tokens::from_response(&serde_json::json!({
            "access_token": "a", "refresh_token": "r", "expires_in": 3600, "member_id": "m", "client_endpoint": "https://p/rest/"
        }))
        .unwrap();
        assert!(!t.expires_within(Duration::from_secs(60)));
        assert!(t.expires_within(Duration::from_secs(4000)));
        assert!(Tokens::from_response(&serde_json::json!({"error": "invalid_grant"})).is_none());
        assert!(!format!("{t:?}").contains("\"a\""));
    }
}
