//! The async REST client: one per portal profile, running on the background runtime.
//! Calls are serialised per portal; reads are retried with backoff; writes only when the portal
//! said it did not run them (rate limit). An optional deadline bounds every request and retry.

use super::envelope::{body_error, envelope, parse_body, read_capped, transport_error};
use super::error::{ErrorKind, PortalError};
use super::limits::MethodBudget;
use super::log::{LogEntry, RequestLog};
use super::oauth::{self, AuthCode, Tokens};
use super::profiles::Profile;
use crate::secrets::{SecretKind, SharedSecretStore};
use rand::Rng;
use serde_json::Value;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

/// The one background runtime every portal call (and the in-process sandbox) runs on.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("b24ad-portal")
            .enable_all()
            .build()
            .expect("cannot start the background network runtime")
    })
}

/// HTTPS only, except plain HTTP to a loopback host (the sandbox, the sign-in listener).
pub fn check_url_allowed(address: &str) -> Result<(), PortalError> {
    let u = url::Url::parse(address.trim()).map_err(|e| {
        PortalError::local("BAD_ADDRESS", format!("\"{address}\" is not a web address ({e}); use https://..."))
    })?;
    match u.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&u) => Ok(()),
        "http" => Err(PortalError::local(
            "HTTPS_REQUIRED",
            format!(
                "{address} uses plain http; portals must be reached over https:// (only 127.0.0.1/localhost may use http)"
            ),
        )),
        s => Err(PortalError::local("BAD_ADDRESS", format!("unsupported scheme \"{s}\" in {address}; use https://"))),
    }
}

fn is_loopback(u: &url::Url) -> bool {
    match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Whole-request timeout (the cloud cuts requests at 60 s).
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// First backoff delay for read retries; doubles per try, plus jitter.
    pub retry_base: Duration,
    /// Tries per read including the first.
    pub max_tries: u32,
    /// Refresh the access token when it expires within this margin.
    pub refresh_margin: Duration,
    /// Longest backoff delay (portal-api.md §7: up to 30 s).
    pub retry_cap: Duration,
    /// Answers bigger than this are refused while streaming instead of being buffered whole.
    pub max_body_bytes: usize,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry_base: Duration::from_secs(1),
            max_tries: 4,
            refresh_margin: Duration::from_secs(60),
            retry_cap: Duration::from_secs(30),
            max_body_bytes: 32 << 20,
        }
    }
}

/// Reads may be retried; writes (add/update/delete) only on an answer saying they did not run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Read,
    Write,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthState {
    /// No tokens stored (or not checked yet).
    SignedOut,
    SignedIn,
    /// Tokens were refused for good (`invalid_grant`, `NO_AUTH_FOUND`): run the sign-in again.
    SignInAgain(String),
}

/// A successful REST envelope.
#[derive(Clone, Debug, PartialEq)]
pub struct RestResponse {
    pub result: Value,
    pub total: Option<i64>,
    pub next: Option<i64>,
    /// `time.operating_reset_at`: when this method's time budget frees up again (cloud).
    pub operating_reset_at: Option<i64>,
}

pub struct PortalClient {
    profile: Mutex<Profile>,
    secrets: SharedSecretStore,
    http: reqwest::Client,
    cfg: ClientConfig,
    tokens: tokio::sync::Mutex<Option<Option<Tokens>>>,
    auth: Mutex<AuthState>,
    serial: tokio::sync::Mutex<()>,
    /// REST base after a domain-change redirect.
    moved_to: Mutex<Option<String>>,
    /// Methods blocked by `OPERATION_TIME_LIMIT` until their budget frees up.
    budget: MethodBudget,
    log: RequestLog,
    /// No request starts, and none waits for its answer, past this instant.
    deadline: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for PortalClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortalClient").field("profile", &self.profile()).finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl PortalClient {
    pub fn new(profile: Profile, secrets: SharedSecretStore, cfg: ClientConfig) -> Result<Self, PortalError> {
        check_url_allowed(&profile.portal_url)?;
        check_url_allowed(&profile.token_endpoint)?;
        let http = reqwest::Client::builder()
            .timeout(cfg.timeout)
            .connect_timeout(cfg.connect_timeout)
            // POST must never silently become GET on a 302: we re-POST ourselves.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("b24-activity-designer/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| PortalError::local("HTTP_CLIENT", e.to_string()))?;
        Ok(PortalClient {
            profile: Mutex::new(profile),
            secrets,
            http,
            cfg,
            tokens: tokio::sync::Mutex::new(None),
            auth: Mutex::new(AuthState::SignedOut),
            serial: tokio::sync::Mutex::new(()),
            moved_to: Mutex::new(None),
            budget: MethodBudget::default(),
            log: RequestLog::new(),
            deadline: Mutex::new(None),
        })
    }

    pub fn profile(&self) -> Profile {
        lock(&self.profile).clone()
    }
    pub fn auth_state(&self) -> AuthState {
        lock(&self.auth).clone()
    }
    pub fn log(&self) -> &RequestLog {
        &self.log
    }
    pub fn secrets(&self) -> &SharedSecretStore {
        &self.secrets
    }
    pub fn config(&self) -> &ClientConfig {
        &self.cfg
    }

    /// Sets the instant after which no call is sent and none is waited for (None: only the
    /// per-request timeout). Returns the previous one, so a caller can narrow it for a while.
    pub fn set_deadline(&self, at: Option<Instant>) -> Option<Instant> {
        std::mem::replace(&mut *lock(&self.deadline), at)
    }

    pub fn deadline(&self) -> Option<Instant> {
        *lock(&self.deadline)
    }

    /// This request's timeout: the configured one, shortened to what is left of the deadline.
    /// Past the deadline nothing is sent (so the call certainly did not run).
    fn request_timeout(&self) -> Result<Duration, PortalError> {
        match self.deadline().map(|d| d.saturating_duration_since(Instant::now())) {
            None => Ok(self.cfg.timeout),
            Some(left) if left.is_zero() => Err(PortalError::new(
                ErrorKind::Network,
                "DEADLINE",
                "the time allowed for this operation ran out before the call was sent; nothing was sent",
            )),
            Some(left) => Ok(left.min(self.cfg.timeout)),
        }
    }

    /// Whether sleeping `d` still leaves time before the deadline.
    fn fits_deadline(&self, d: Duration) -> bool {
        self.deadline().is_none_or(|at| Instant::now() + d < at)
    }

    fn set_auth(&self, s: AuthState) {
        *lock(&self.auth) = s;
    }

    async fn secret_op<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn crate::secrets::SecretStore, &str) -> Result<T, crate::secrets::SecretError> + Send + 'static,
    ) -> Result<T, PortalError> {
        let store = self.secrets.clone();
        let name = self.profile().name;
        tokio::task::spawn_blocking(move || f(store.as_ref(), &name))
            .await
            .map_err(|e| PortalError::local("SECRET_STORE", e.to_string()))?
            .map_err(|e| PortalError::local("SECRET_STORE", e.to_string()))
    }

    /// Stores the client_secret in the secret store (never a file).
    pub async fn set_client_secret(&self, secret: String) -> Result<(), PortalError> {
        self.secret_op(move |s, p| s.set(p, SecretKind::ClientSecret, &secret)).await
    }

    async fn client_secret(&self) -> Result<String, PortalError> {
        self.secret_op(|s, p| s.get(p, SecretKind::ClientSecret)).await?.ok_or_else(|| {
            PortalError::local("NO_CLIENT_SECRET", "enter the client_secret from the portal's local application form")
        })
    }

    async fn store_tokens(&self, t: &Tokens) -> Result<(), PortalError> {
        let json = serde_json::to_string(t).map_err(|e| PortalError::local("SECRET_STORE", e.to_string()))?;
        self.secret_op(move |s, p| s.set(p, SecretKind::Tokens, &json)).await
    }

    /// "Forget credentials": drop tokens and client_secret from memory and the store.
    pub async fn forget_credentials(&self) -> Result<(), PortalError> {
        *self.tokens.lock().await = Some(None);
        self.set_auth(AuthState::SignedOut);
        self.secret_op(|s, p| s.delete_all(p)).await
    }

    /// Code → tokens; the tokens go straight to the secret store.
    pub async fn sign_in_with_code(&self, code: &AuthCode) -> Result<SignedIn, PortalError> {
        let secret = self.client_secret().await?;
        let p = self.profile();
        let params = [
            ("grant_type", "authorization_code"),
            ("client_id", p.client_id.as_str()),
            ("client_secret", secret.as_str()),
            ("code", code.code.as_str()),
        ];
        let t = self.token_request(&p.token_endpoint, &params).await?;
        self.store_tokens(&t).await?;
        let member_id = t.member_id.clone().or_else(|| code.member_id.clone());
        if let Some(m) = &member_id {
            lock(&self.profile).member_id = Some(m.clone());
        }
        *self.tokens.lock().await = Some(Some(t));
        self.set_auth(AuthState::SignedIn);
        Ok(SignedIn { member_id, domain: code.domain.clone() })
    }

    /// Loads stored tokens once; returns whether any exist (updates the auth state).
    pub async fn load_tokens(&self) -> Result<bool, PortalError> {
        let mut g = self.tokens.lock().await;
        if g.is_none() {
            let raw = self.secret_op(|s, p| s.get(p, SecretKind::Tokens)).await?;
            *g = Some(raw.and_then(|r| serde_json::from_str::<Tokens>(&r).ok()));
        }
        let have = matches!(*g, Some(Some(_)));
        let mut a = lock(&self.auth);
        if have && *a == AuthState::SignedOut {
            *a = AuthState::SignedIn;
        }
        Ok(have)
    }

    async fn current_tokens(&self) -> Result<Tokens, PortalError> {
        self.load_tokens().await?;
        let t = self.tokens.lock().await.clone().flatten();
        let t = t.ok_or_else(|| match self.auth_state() {
            AuthState::SignInAgain(why) => PortalError::sign_in_again("SIGN_IN_AGAIN", why),
            _ => PortalError::sign_in_again("NOT_SIGNED_IN", "sign in to this portal first"),
        })?;
        if t.expires_within(self.cfg.refresh_margin) { self.refresh(&t).await } else { Ok(t) }
    }

    /// refresh_token grant; the rotated refresh token is written back at once.
    pub async fn refresh(&self, old: &Tokens) -> Result<Tokens, PortalError> {
        let secret = self.client_secret().await?;
        let p = self.profile();
        let params = [
            ("grant_type", "refresh_token"),
            ("client_id", p.client_id.as_str()),
            ("client_secret", secret.as_str()),
            ("refresh_token", old.refresh_token.as_str()),
        ];
        match self.token_request(&p.token_endpoint, &params).await {
            Ok(mut t) => {
                if t.client_endpoint.is_none() {
                    t.client_endpoint = old.client_endpoint.clone();
                }
                self.store_tokens(&t).await?;
                *self.tokens.lock().await = Some(Some(t.clone()));
                self.set_auth(AuthState::SignedIn);
                Ok(t)
            }
            Err(e) if e.is_sign_in_again() => Err(self.fail_auth(e).await),
            Err(e) => Err(e),
        }
    }

    async fn token_request(&self, endpoint: &str, params: &[(&str, &str)]) -> Result<Tokens, PortalError> {
        let limits = oauth::RequestLimits { timeout: self.request_timeout()?, max_body_bytes: self.cfg.max_body_bytes };
        oauth::token_request(&self.http, endpoint, params, &self.log, limits).await
    }

    async fn fail_auth(&self, e: PortalError) -> PortalError {
        *self.tokens.lock().await = Some(None);
        let _ = self.secret_op(|s, p| s.delete(p, SecretKind::Tokens)).await;
        self.set_auth(AuthState::SignInAgain(format!("{}: {}", e.code, e.description)));
        e
    }

    fn rest_base(&self, t: &Tokens) -> String {
        if let Some(m) = lock(&self.moved_to).clone() {
            return m;
        }
        match &t.client_endpoint {
            Some(e) if check_url_allowed(e).is_ok() => format!("{}/", e.trim_end_matches('/')),
            _ => format!("{}/rest/", self.profile().portal_url.trim_end_matches('/')),
        }
    }

    /// One REST call with the envelope of portal-api.md §5. Serialised per portal; refreshes
    /// once on `expired_token`, `invalid_token` or `NO_AUTH_FOUND` (then: sign in again); backs
    /// off and retries reads on transient failures and writes on `QUERY_LIMIT_EXCEEDED` (the
    /// portal did not run them), never past the deadline.
    pub async fn call(&self, method: &str, params: Value, kind: CallKind) -> Result<RestResponse, PortalError> {
        let _serial = self.serial.lock().await;
        self.budget.check(method)?;
        let mut refreshed = false;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let tokens = self.current_tokens().await?;
            let mut body = match &params {
                Value::Object(m) => m.clone(),
                Value::Null => Default::default(),
                other => {
                    return Err(PortalError::local("BAD_PARAMS", format!("params must be an object, got {other}")));
                }
            };
            body.insert("auth".into(), Value::String(tokens.access_token.clone()));
            let url = format!("{}{method}", self.rest_base(&tokens));
            let res = self.post(&url, method, &Value::Object(body), kind, attempt).await;
            match res {
                Ok(r) => {
                    self.budget.succeeded(method, r.operating_reset_at);
                    return Ok(r);
                }
                Err(e) if e.code == "OPERATION_TIME_LIMIT" => return Err(self.budget.exhausted(method, e)),
                Err(e) if is_token_refused(&e.code) && !refreshed => {
                    refreshed = true;
                    self.refresh(&tokens).await?;
                    attempt -= 1;
                }
                Err(e) if e.code == "expired_token" => return Err(e),
                Err(e) if is_token_refused(&e.code) || e.code == "invalid_grant" => {
                    return Err(self.fail_auth(PortalError { kind: ErrorKind::SignInAgain, ..e }).await);
                }
                Err(e) if retryable(&e, kind) && attempt < self.cfg.max_tries => {
                    let d = self.backoff(attempt);
                    if !self.fits_deadline(d) {
                        return Err(e);
                    }
                    tokio::time::sleep(d).await;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The delay after failed try `attempt` (see [`backoff_delay`]), with fresh jitter.
    pub fn backoff(&self, attempt: u32) -> Duration {
        backoff_delay(self.cfg.retry_base, self.cfg.retry_cap, attempt, rand::rng().random_range(0.0..=1.0))
    }

    async fn post(
        &self,
        url: &str,
        method: &str,
        body: &Value,
        kind: CallKind,
        attempt: u32,
    ) -> Result<RestResponse, PortalError> {
        let started = SystemTime::now();
        let t0 = Instant::now();
        let mut entry = LogEntry {
            method: method.to_string(),
            started,
            took: Duration::ZERO,
            status: None,
            error: None,
            request: body.clone(),
            response: Value::Null,
            attempt,
        };
        let out = self.post_following(url, method, body, kind, &mut entry).await;
        entry.took = t0.elapsed();
        entry.error = out.as_ref().err().map(|e| e.code.clone());
        self.log.push(entry);
        out
    }

    async fn post_following(
        &self,
        url: &str,
        method: &str,
        body: &Value,
        kind: CallKind,
        entry: &mut LogEntry,
    ) -> Result<RestResponse, PortalError> {
        let mut url = url.to_string();
        for _hop in 0..4 {
            check_url_allowed(&url)?;
            let timeout = self.request_timeout()?;
            let resp =
                self.http.post(&url).timeout(timeout).header("Accept", "application/json").json(body).send().await;
            let resp = resp.map_err(|e| transport_error(&e, kind))?;
            let status = resp.status().as_u16();
            entry.status = Some(status);
            if resp.status().is_redirection() {
                let loc = resp.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string);
                let Some(loc) = loc else {
                    return Err(PortalError::new(ErrorKind::Portal, "BAD_REDIRECT", "redirect without Location")
                        .with_status(status));
                };
                let next = url::Url::parse(&url)
                    .and_then(|b| b.join(&loc))
                    .map_err(|e| PortalError::new(ErrorKind::Portal, "BAD_REDIRECT", format!("bad Location: {e}")))?;
                // The portal moved: remember the new REST base for later calls of this session.
                if let Some(base) = next.as_str().strip_suffix(method) {
                    *lock(&self.moved_to) = Some(base.to_string());
                }
                url = next.to_string();
                continue;
            }
            let cap = self.cfg.max_body_bytes;
            let bytes = read_capped(resp, cap).await.map_err(|e| body_error(e, status, cap, kind))?;
            let v = parse_body(&bytes);
            entry.response = v.clone();
            return envelope(status, v, kind);
        }
        Err(PortalError::new(ErrorKind::Portal, "TOO_MANY_REDIRECTS", "the portal redirected too many times"))
    }
}

/// Codes saying the access token was refused: a refresh may cure them (portal-api.md §3.3, §6).
fn is_token_refused(code: &str) -> bool {
    matches!(code, "expired_token" | "invalid_token" | "NO_AUTH_FOUND")
}

/// Reads retry on any transient failure; writes only on the rate limit, which the portal
/// answers before running the method.
fn retryable(e: &PortalError, kind: CallKind) -> bool {
    match kind {
        CallKind::Read => e.is_transient(),
        CallKind::Write => e.kind == ErrorKind::Portal && e.code == "QUERY_LIMIT_EXCEEDED",
    }
}

/// Backoff after failed try `attempt` (1-based): `base`·2^(attempt-1), capped at `cap`, then
/// "equal jitter": half of it fixed, half scaled by `r` in 0..=1. The jitter stays at the cap
/// too, so clients that failed together do not retry in step.
pub fn backoff_delay(base: Duration, cap: Duration, attempt: u32, r: f64) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(20)).min(cap);
    exp.mul_f64(0.5 + 0.5 * r.clamp(0.0, 1.0))
}

/// What a successful sign-in tells the UI (no secrets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub member_id: Option<String>,
    pub domain: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_only_except_loopback() {
        assert!(check_url_allowed("https://acme.bitrix24.com").is_ok());
        assert!(check_url_allowed("http://127.0.0.1:8080/rest/").is_ok());
        assert!(check_url_allowed("http://localhost:1").is_ok());
        assert!(check_url_allowed("http://[::1]:1").is_ok());
        assert_eq!(check_url_allowed("http://acme.bitrix24.com").unwrap_err().code, "HTTPS_REQUIRED");
        assert_eq!(check_url_allowed("http://127.0.0.1.evil.com").unwrap_err().code, "HTTPS_REQUIRED");
        assert_eq!(check_url_allowed("acme").unwrap_err().code, "BAD_ADDRESS");
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_cap() {
        // portal-api.md §7: 1 s, 2 s, 4 s... up to 30 s, with jitter.
        let (base, cap) = (Duration::from_secs(1), Duration::from_secs(30));
        let d = |attempt, r| backoff_delay(base, cap, attempt, r);
        // Full draw: the doubling series itself.
        let full: Vec<u64> = (1..=7).map(|a| d(a, 1.0).as_millis() as u64).collect();
        assert_eq!(full, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
        // Smallest draw: half of it, so the jitter spans [d/2, d].
        let least: Vec<u64> = (1..=7).map(|a| d(a, 0.0).as_millis() as u64).collect();
        assert_eq!(least, [500, 1000, 2000, 4000, 8000, 15000, 15000]);
        assert_eq!(d(3, 0.5), Duration::from_secs(3));
        // Never above the cap, even for absurd attempt numbers or out-of-range draws.
        assert_eq!(d(u32::MAX, 7.0), cap);
        assert_eq!(d(0, 1.0), base);
        // Random draws stay inside the band and differ (jitter is applied, at the cap too).
        let c = PortalClient::new(
            crate::portal::Profile::new("t", "https://acme.bitrix24.com", "id"),
            std::sync::Arc::new(crate::secrets::MemoryStore::new()),
            ClientConfig::default(),
        )
        .unwrap();
        for attempt in [1, 4, 12] {
            let top = d(attempt, 1.0);
            let draws: Vec<Duration> = (0..64).map(|_| c.backoff(attempt)).collect();
            assert!(draws.iter().all(|x| *x >= top / 2 && *x <= top), "{attempt}: {draws:?}");
            assert!(draws.iter().any(|x| *x != draws[0]), "{attempt}: no jitter");
        }
    }

    #[test]
    fn only_rate_limits_retry_writes() {
        let limited = PortalError::new(ErrorKind::Portal, "QUERY_LIMIT_EXCEEDED", "").with_status(503);
        let five_xx = PortalError::new(ErrorKind::OutcomeUnknown, "HTTP_500", "").with_status(500);
        let timeout = PortalError::new(ErrorKind::Timeout, "TIMEOUT", "");
        assert!(retryable(&limited, CallKind::Write) && retryable(&limited, CallKind::Read));
        assert!(!retryable(&five_xx, CallKind::Write));
        assert!(retryable(&timeout, CallKind::Read) && !retryable(&timeout, CallKind::Write));
        let overload = PortalError::new(ErrorKind::Portal, "OVERLOAD_LIMIT", "").with_status(503);
        assert!(!retryable(&overload, CallKind::Write));
    }
}
