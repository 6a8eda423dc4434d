//! The sandbox's in-memory portal: apps, OAuth codes and tokens, activities, badges, CRM items
//! and rate buckets. Everything sits in one `Store` behind a std `Mutex` that is never held
//! across an `.await`.

use super::SandboxConfig;
use super::faults::Faults;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The one user every token and the webhook belong to (an administrator).
pub const SANDBOX_USER_ID: u64 = 1;
/// The pre-created incoming webhook: `/rest/1/sandboxwebhook/<method>`.
pub const WEBHOOK_CODE: &str = "sandboxwebhook";

/// Everything the HTTP handlers share.
pub struct Shared {
    pub cfg: SandboxConfig,
    /// `http://127.0.0.1:<port>` without a trailing slash.
    pub base: String,
    /// `127.0.0.1:<port>`: what the portal calls its domain.
    pub domain: String,
    pub store: Mutex<Store>,
    pub faults: Mutex<Faults>,
}

impl Shared {
    pub fn store(&self) -> MutexGuard<'_, Store> {
        // A poisoned lock only means a handler panicked mid-way; the data is still usable.
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[derive(Clone, Debug)]
pub struct App {
    pub client_secret: String,
    /// Where the authorize page sends the browser; `None` → the sandbox's own callback page.
    pub redirect_uri: Option<String>,
}

#[derive(Clone, Debug)]
pub struct AuthCode {
    pub client_id: String,
    pub expires_at: Instant,
}

#[derive(Clone, Debug)]
pub struct AccessToken {
    pub client_id: String,
    pub user_id: u64,
    pub expires_at: Instant,
}

#[derive(Clone, Debug)]
pub struct RefreshToken {
    pub client_id: String,
    pub user_id: u64,
    pub expires_at: Instant,
}

/// One configurable activity as the sandbox stores it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredActivity {
    pub id: u64,
    pub owner_type_id: u64,
    pub owner_id: u64,
    /// The app that created it; only it may update.
    pub client_id: String,
    /// Normalised fields (server defaults filled in), in the shape `get` returns.
    pub fields: Value,
    /// The layout exactly as sent.
    pub layout: Value,
    pub created: String,
}

/// Leaky bucket (portal-api.md §7): +1 per request, drains `rate.0` per second, limit `rate.1`.
#[derive(Clone, Copy, Debug)]
pub struct Bucket {
    pub level: f64,
    pub at: Instant,
}

pub struct Store {
    pub apps: HashMap<String, App>,
    pub codes: HashMap<String, AuthCode>,
    pub access: HashMap<String, AccessToken>,
    pub refresh: HashMap<String, RefreshToken>,
    pub activities: BTreeMap<u64, StoredActivity>,
    pub next_activity_id: u64,
    /// Badges by code, in insertion order of codes (BTreeMap keeps listing stable).
    pub badges: BTreeMap<String, Value>,
    /// CRM items per entityTypeId, each sorted by id.
    pub items: BTreeMap<u64, Vec<Value>>,
    pub buckets: HashMap<String, Bucket>,
}

impl Store {
    pub fn new(cfg: &SandboxConfig) -> Self {
        let mut apps = HashMap::new();
        apps.insert(
            cfg.client_id.clone(),
            App { client_secret: cfg.client_secret.clone(), redirect_uri: cfg.redirect_uri.clone() },
        );
        Store {
            apps,
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            activities: BTreeMap::new(),
            next_activity_id: 1001,
            badges: super::seed::badges(),
            items: super::seed::items(),
            buckets: HashMap::new(),
        }
    }

    /// Adds one request to the bucket of `key`; false when the bucket is over its limit.
    pub fn take_rate(&mut self, key: &str, rate: (f64, f64)) -> bool {
        let now = Instant::now();
        let b = self.buckets.entry(key.to_string()).or_insert(Bucket { level: 0.0, at: now });
        let drained = now.duration_since(b.at).as_secs_f64() * rate.0;
        b.level = (b.level - drained).max(0.0);
        b.at = now;
        if b.level + 1.0 > rate.1 {
            return false;
        }
        b.level += 1.0;
        true
    }

    /// Drops codes and tokens whose time is up, so the maps cannot grow without bound.
    pub fn sweep(&mut self) {
        let now = Instant::now();
        self.codes.retain(|_, c| c.expires_at > now);
        self.refresh.retain(|_, r| r.expires_at > now);
        // Expired access tokens are kept a while so a call gets `expired_token`, not NO_AUTH_FOUND.
        let grace = Duration::from_secs(24 * 3600);
        self.access.retain(|_, a| a.expires_at + grace > now);
    }
}

/// A random URL-safe token of `n` lowercase hex characters.
pub fn random_token(n: usize) -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..n).map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0')).collect()
}

pub fn unix_now() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

/// ISO 8601 with offset, as the portal prints dates (`2026-11-24T03:45:00+00:00`).
pub fn iso_now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}
