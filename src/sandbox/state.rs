//! The sandbox's in-memory portal: apps, OAuth codes and tokens, activities, badges, CRM items
//! and rate buckets. Everything sits in one `Store` behind a std `Mutex` that is never held
//! across an `.await`.

use super::SandboxConfig;
use super::faults::Faults;
use super::limits::{self, insert_capped};
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
    /// Bytes of `fields` and `layout` as JSON, counted against [`limits::MAX_ACTIVITY_BYTES`].
    pub bytes: usize,
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
    /// Stored activities at most: (count, bytes).
    pub activity_quota: (usize, usize),
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
            activity_quota: (cfg.max_activities, cfg.max_activity_bytes),
        }
    }

    /// Adds one request to the bucket of `key`; false when the bucket is over its limit.
    pub fn take_rate(&mut self, key: &str, rate: (f64, f64)) -> bool {
        let now = Instant::now();
        let level_now = |b: &Bucket| (b.level - now.duration_since(b.at).as_secs_f64() * rate.0).max(0.0);
        if self.buckets.len() >= limits::MAX_BUCKETS && !self.buckets.contains_key(key) {
            // A drained bucket is the same as a new one: forget those first, then the emptiest.
            self.buckets.retain(|_, b| level_now(b) > 0.0);
            if self.buckets.len() >= limits::MAX_BUCKETS
                && let Some(k) =
                    self.buckets.iter().min_by(|a, b| level_now(a.1).total_cmp(&level_now(b.1))).map(|(k, _)| k.clone())
            {
                self.buckets.remove(&k);
            }
        }
        let b = self.buckets.entry(key.to_string()).or_insert(Bucket { level: 0.0, at: now });
        b.level = level_now(b);
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

    pub fn add_code(&mut self, code: String, c: AuthCode) {
        insert_capped(&mut self.codes, code, c, limits::MAX_TOKENS, |c| c.expires_at);
    }
    pub fn add_access(&mut self, token: String, t: AccessToken) {
        insert_capped(&mut self.access, token, t, limits::MAX_TOKENS, |t| t.expires_at);
    }
    pub fn add_refresh(&mut self, token: String, t: RefreshToken) {
        insert_capped(&mut self.refresh, token, t, limits::MAX_TOKENS, |t| t.expires_at);
    }

    /// Bytes of the stored activities (see `StoredActivity::bytes`).
    pub fn activity_bytes(&self) -> usize {
        self.activities.values().map(|a| a.bytes).sum()
    }

    /// How many entries each bounded collection holds (tests and the memory check).
    pub fn stats(&self) -> StoreStats {
        StoreStats {
            codes: self.codes.len(),
            access: self.access.len(),
            refresh: self.refresh.len(),
            buckets: self.buckets.len(),
            activities: self.activities.len(),
            activity_bytes: self.activity_bytes(),
            badges: self.badges.len(),
            counted_methods: 0,
        }
    }
}

/// Sizes of the sandbox's bounded collections.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoreStats {
    pub codes: usize,
    pub access: usize,
    pub refresh: usize,
    pub buckets: usize,
    pub activities: usize,
    pub activity_bytes: usize,
    pub badges: usize,
    pub counted_methods: usize,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        Store::new(&SandboxConfig::default())
    }

    #[test]
    fn token_maps_stop_at_their_cap() {
        let mut s = store();
        let later = Instant::now() + Duration::from_secs(60);
        for i in 0..limits::MAX_TOKENS + 50 {
            s.add_code(format!("c{i}"), AuthCode { client_id: "x".into(), expires_at: later });
            s.add_access(format!("a{i}"), AccessToken { client_id: "x".into(), user_id: 1, expires_at: later });
            s.add_refresh(format!("r{i}"), RefreshToken { client_id: "x".into(), user_id: 1, expires_at: later });
        }
        let st = s.stats();
        assert_eq!((st.codes, st.access, st.refresh), (limits::MAX_TOKENS, limits::MAX_TOKENS, limits::MAX_TOKENS));
        // The newest sign-in always works.
        assert!(s.access.contains_key(&format!("a{}", limits::MAX_TOKENS + 49)));
    }

    #[test]
    fn rate_buckets_stop_at_their_cap_and_keep_busy_ones() {
        let mut s = store();
        let rate = (0.0, 1_000.0); // never drains: every bucket stays "busy"
        for _ in 0..10 {
            assert!(s.take_rate("hot", rate));
        }
        for i in 0..limits::MAX_BUCKETS + 100 {
            s.take_rate(&format!("k{i}"), rate);
        }
        assert_eq!(s.buckets.len(), limits::MAX_BUCKETS);
        // The fullest bucket is never the one evicted.
        assert!(s.buckets.get("hot").is_some_and(|b| b.level >= 10.0));
    }
}
