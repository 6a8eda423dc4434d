//! The sandbox portal: a local emulator of the part of Bitrix24 the designer uses (OAuth for a
//! local app, REST with the documented envelope, errors and limits, configurable activities,
//! seeded CRM data), served by axum on 127.0.0.1. Tests and the designer talk real HTTP to it.
//!
//! * [`Sandbox::start`] inside a tokio runtime (tests);
//! * [`spawn_in_thread`] on its own runtime thread (the GUI's "Sandbox" profile, `send --sandbox`);
//! * [`serve_forever`] for `b24-activity-designer sandbox [--port N]`.

mod activity_methods;
mod badges;
mod crm_methods;
mod errors;
pub mod faults;
mod fields;
mod items;
pub mod limits;
mod net;
mod oauth;
mod pages;
pub mod query;
mod rest;
mod seed;
mod serve;
mod state;

pub use faults::FaultHandle;
pub use state::{SANDBOX_USER_ID, StoreStats, WEBHOOK_CODE};

use axum::Router;
use axum::routing::{any, get, post};
use state::{App, Shared, Store};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// The default local-app client id (same shape as a real one: `local.<14>.<8>`).
pub const DEFAULT_CLIENT_ID: &str = "local.sandbox0000000001.00000001";
/// The default client secret. A test value for a local emulator, not a credential: printing it is fine.
pub const DEFAULT_CLIENT_SECRET: &str = "sandbox-secret-not-a-real-credential-0001";

#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// Port on 127.0.0.1; 0 picks any free port.
    pub port: u16,
    pub client_id: String,
    pub client_secret: String,
    /// Where approval sends the browser; `None` → the sandbox's own page `{base}/sandbox/callback`.
    /// Change at runtime with [`Sandbox::set_redirect_uri`] (the desktop loopback port is dynamic).
    pub redirect_uri: Option<String>,
    /// Lifetime of access tokens (portal: 1 hour).
    pub access_ttl: Duration,
    /// Lifetime of refresh tokens (portal: 180 days).
    pub refresh_ttl: Duration,
    /// Lifetime of authorization codes (portal: 30 s).
    pub code_ttl: Duration,
    /// Leaky bucket per token (or per IP without one): (drain per second, burst).
    pub rate: (f64, f64),
    pub member_id: String,
    /// Connections served at once; one more is answered 503 and closed.
    pub max_connections: usize,
    /// A request head (or the next one on a kept-alive connection) must arrive within this.
    pub header_timeout: Duration,
    /// A request body must arrive whole within this.
    pub body_timeout: Duration,
    /// The largest request body; bigger ones are answered 413.
    pub max_body: usize,
    /// Stored activities at most, by count and by bytes of fields + layout (a portal's quota).
    pub max_activities: usize,
    pub max_activity_bytes: usize,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            port: 0,
            client_id: DEFAULT_CLIENT_ID.into(),
            client_secret: DEFAULT_CLIENT_SECRET.into(),
            redirect_uri: None,
            access_ttl: Duration::from_secs(3600),
            refresh_ttl: Duration::from_secs(180 * 24 * 3600),
            code_ttl: Duration::from_secs(30),
            rate: (2.0, 50.0),
            member_id: "sandbox0000member0000000000000001".into(),
            max_connections: limits::MAX_CONNECTIONS,
            header_timeout: limits::HEADER_TIMEOUT,
            body_timeout: limits::BODY_TIMEOUT,
            max_body: limits::MAX_BODY,
            max_activities: limits::MAX_ACTIVITIES,
            max_activity_bytes: limits::MAX_ACTIVITY_BYTES,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("cannot start the sandbox runtime: {0}")]
    Runtime(std::io::Error),
    #[error("the sandbox thread stopped before it was ready")]
    ThreadGone,
}

/// Snapshot of one stored activity (for tests and the root page).
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityInfo {
    pub id: u64,
    pub owner_type_id: u64,
    pub owner_id: u64,
    pub client_id: String,
    /// Normalised fields as `crm.activity.configurable.get` returns them.
    pub fields: serde_json::Value,
    /// The layout exactly as sent.
    pub layout: serde_json::Value,
}

/// A running sandbox. Cheap to clone; every clone controls the same server.
#[derive(Clone)]
pub struct Sandbox {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: Arc<Mutex<Option<tokio::task::JoinHandle<()>>>>,
}

impl Sandbox {
    /// Binds 127.0.0.1:`cfg.port` and serves on the current tokio runtime.
    pub async fn start(cfg: SandboxConfig) -> Result<Sandbox, SandboxError> {
        let port = cfg.port;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|source| SandboxError::Bind { port, source })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind { port, source })?;
        let shared = Arc::new(Shared {
            base: format!("http://{addr}"),
            domain: addr.to_string(),
            store: Mutex::new(Store::new(&cfg)),
            faults: Mutex::new(Default::default()),
            cfg,
        });
        let app = router(shared.clone());
        let (stop, stop_rx) = watch::channel(false);
        let task = tokio::spawn(serve::serve(listener, app, shared.clone(), stop_rx));
        Ok(Sandbox { shared, addr, stop, task: Arc::new(Mutex::new(Some(task))) })
    }

    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub fn base_url(&self) -> String {
        self.shared.base.clone()
    }
    /// The portal address a profile stores (same as [`Self::base_url`]; no trailing slash, so
    /// `{portal}/oauth/authorize/` and `{portal}/rest/` stay single-slashed).
    pub fn portal_url(&self) -> String {
        self.shared.base.clone()
    }
    /// `{base}/oauth/token/` — the token endpoint (query-string GET like oauth.bitrix.info).
    pub fn token_endpoint(&self) -> String {
        format!("{}/oauth/token/", self.shared.base)
    }
    /// `{base}/rest/` — what the token answer calls `client_endpoint`.
    pub fn client_endpoint(&self) -> String {
        format!("{}/rest/", self.shared.base)
    }
    /// `{base}/rest/1/sandboxwebhook/` — the pre-created incoming webhook.
    pub fn webhook_url(&self) -> String {
        format!("{}/rest/{}/{}/", self.shared.base, SANDBOX_USER_ID, WEBHOOK_CODE)
    }
    /// The authorize page for the default app. Add `&approve=1` to approve without a page.
    pub fn authorize_url(&self, state: &str) -> String {
        oauth::authorize_url(&self.shared.base, &self.shared.cfg.client_id, state)
    }
    /// The authorize page for any registered app (see [`Self::register_app`]).
    pub fn authorize_url_for(&self, client_id: &str, state: &str) -> String {
        oauth::authorize_url(&self.shared.base, client_id, state)
    }
    pub fn client_id(&self) -> &str {
        &self.shared.cfg.client_id
    }
    /// The test secret of the default app.
    pub fn client_secret(&self) -> &str {
        &self.shared.cfg.client_secret
    }
    pub fn member_id(&self) -> &str {
        &self.shared.cfg.member_id
    }
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    /// Sets the default app's redirect URI (its "handler path").
    pub fn set_redirect_uri(&self, uri: &str) {
        let id = self.shared.cfg.client_id.clone();
        if let Some(app) = self.shared.store().apps.get_mut(&id) {
            app.redirect_uri = Some(uri.to_string());
        }
    }
    /// Registers (or replaces) another local app, e.g. to test `ERROR_WRONG_APPLICATION`.
    pub fn register_app(&self, client_id: &str, client_secret: &str, redirect_uri: Option<&str>) {
        self.shared.store().apps.insert(
            client_id.to_string(),
            App { client_secret: client_secret.to_string(), redirect_uri: redirect_uri.map(str::to_string) },
        );
    }
    pub fn faults(&self) -> FaultHandle {
        FaultHandle { shared: self.shared.clone() }
    }
    /// Sizes of the bounded collections (codes, tokens, rate buckets, activities, badges, and
    /// the method names whose calls are counted).
    pub fn stats(&self) -> StoreStats {
        let counted_methods = self.shared.faults().calls.len();
        StoreStats { counted_methods, ..self.shared.store().stats() }
    }
    /// Every stored activity, by id.
    pub fn activities(&self) -> Vec<ActivityInfo> {
        self.shared
            .store()
            .activities
            .values()
            .map(|a| ActivityInfo {
                id: a.id,
                owner_type_id: a.owner_type_id,
                owner_id: a.owner_id,
                client_id: a.client_id.clone(),
                fields: a.fields.clone(),
                layout: a.layout.clone(),
            })
            .collect()
    }
    /// Asks the server to stop (non-blocking); [`Self::shutdown`] also waits for it.
    pub fn request_stop(&self) {
        self.stop.send_replace(true);
    }
    /// Stops accepting, lets running calls finish (at most 2 s, see `serve`), then returns.
    pub async fn shutdown(&self) {
        self.request_stop();
        let task = self.task.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(mut t) = task
            && tokio::time::timeout(Duration::from_secs(3), &mut t).await.is_err()
        {
            t.abort();
        }
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(pages::root_page))
        .route("/oauth/authorize/", get(oauth::authorize))
        .route("/oauth/authorize", get(oauth::authorize))
        .route("/oauth/token/", any(oauth::token))
        .route("/oauth/token", any(oauth::token))
        .route("/sandbox/callback", get(pages::callback_page))
        .route("/sandbox/custom-icon.svg", get(pages::custom_icon))
        .route("/sandbox/faults", post(faults::faults_endpoint))
        .route("/rest/{*path}", any(rest::rest_entry))
        .layer(axum::middleware::from_fn_with_state(shared.clone(), serve::body_guard))
        .layer(axum::extract::DefaultBodyLimit::max(shared.cfg.max_body))
        .with_state(shared)
}

/// A sandbox on its own tokio runtime thread; derefs to [`Sandbox`]. Dropping it stops the server.
pub struct SandboxHandle {
    sandbox: Sandbox,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::ops::Deref for SandboxHandle {
    type Target = Sandbox;
    fn deref(&self) -> &Sandbox {
        &self.sandbox
    }
}

impl SandboxHandle {
    /// Stops the server and joins its thread.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }
    fn stop_and_join(&mut self) {
        self.sandbox.request_stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// Starts a sandbox on a new thread with its own current-thread tokio runtime. Returns once it
/// listens, so its URLs are usable at once.
pub fn spawn_in_thread(cfg: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(SandboxError::Runtime)?;
    let (tx, rx) = std::sync::mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("sandbox-portal".into())
        .spawn(move || {
            rt.block_on(async move {
                match Sandbox::start(cfg).await {
                    Ok(sb) => {
                        let _ = tx.send(Ok(sb.clone()));
                        let mut rx = sb.stop.subscribe();
                        let _ = rx.wait_for(|s| *s).await;
                        sb.shutdown().await;
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e));
                    }
                }
            })
        })
        .map_err(SandboxError::Runtime)?;
    match rx.recv() {
        Ok(Ok(sandbox)) => Ok(SandboxHandle { sandbox, thread: Some(thread) }),
        Ok(Err(e)) => {
            let _ = thread.join();
            Err(e)
        }
        Err(_) => Err(SandboxError::ThreadGone),
    }
}

/// Runs a sandbox on 127.0.0.1:`port` until Ctrl+C; `on_ready` gets it once it listens.
pub async fn serve_forever(port: u16, on_ready: impl FnOnce(&Sandbox)) -> Result<(), SandboxError> {
    let sb = Sandbox::start(SandboxConfig { port, ..Default::default() }).await?;
    on_ready(&sb);
    let _ = tokio::signal::ctrl_c().await;
    sb.shutdown().await;
    Ok(())
}
