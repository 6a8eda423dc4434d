//! OS keyring through `keyring-core` 1.x: one entry per profile holding a JSON object
//! `{"client_secret": "...", "tokens": "..."}`.

use super::{SERVICE, SecretError, SecretKind, SecretStore};
use keyring_core::{CredentialStore, Entry, Error as KError};
use serde_json::{Map, Value};
use std::sync::{Arc, Mutex};

pub struct KeyringStore {
    store: Arc<CredentialStore>,
    name: String,
    persistent: bool,
    /// Serialises read-modify-write of the per-profile blob within this process.
    rmw: Mutex<()>,
}

impl std::fmt::Debug for KeyringStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyringStore").field("backend", &self.name).finish()
    }
}

/// Entry user name used only to check that a backend answers.
const PROBE_USER: &str = "__b24ad_probe__";

impl KeyringStore {
    /// Wraps any keyring-core store (tests pass `keyring_core::mock::Store::new()`).
    pub fn with_store(store: Arc<CredentialStore>, name: &str, persistent: bool) -> Self {
        Self { store, name: name.to_string(), persistent, rmw: Mutex::new(()) }
    }

    /// The shared in-memory mock store of keyring-core, for tests.
    pub fn mock() -> Self {
        let store = keyring_core::mock::Store::new().expect("the mock store cannot fail to build");
        Self::with_store(store, "mock keyring", false)
    }

    /// Freedesktop Secret Service over D-Bus (GNOME Keyring, KWallet). Fails at once when no
    /// session bus or service is there.
    pub fn secret_service() -> Result<Self, SecretError> {
        let store = zbus_secret_service_keyring_store::Store::new().map_err(map_err)?;
        let s = Self::with_store(store, "Secret Service", true);
        s.probe_read()?;
        Ok(s)
    }

    /// Linux kernel keyutils (session keyring; secrets last until logout).
    pub fn keyutils() -> Result<Self, SecretError> {
        let store = linux_keyutils_keyring_store::Store::new().map_err(map_err)?;
        let s = Self::with_store(store, "kernel keyring (until logout)", true);
        // keyutils can build entries even where no session keyring exists; only a write proves it.
        let e = s.entry(PROBE_USER)?;
        e.set_password("probe").map_err(map_err)?;
        let _ = e.delete_credential();
        Ok(s)
    }

    fn probe_read(&self) -> Result<(), SecretError> {
        match self.entry(PROBE_USER)?.get_password() {
            Ok(_) | Err(KError::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }

    fn entry(&self, profile: &str) -> Result<Entry, SecretError> {
        if profile.is_empty() {
            return Err(SecretError::Other("a profile needs a name before secrets can be stored".into()));
        }
        self.store.build(SERVICE, profile, None).map_err(map_err)
    }

    fn read_blob(&self, entry: &Entry) -> Result<Map<String, Value>, SecretError> {
        match entry.get_password() {
            Ok(s) => match serde_json::from_str::<Value>(&s) {
                Ok(Value::Object(m)) => Ok(m),
                _ => Err(SecretError::Corrupt("not a JSON object written by this app".into())),
            },
            Err(KError::NoEntry) => Ok(Map::new()),
            Err(e) => Err(map_err(e)),
        }
    }

    fn write_blob(&self, entry: &Entry, blob: &Map<String, Value>) -> Result<(), SecretError> {
        if blob.is_empty() {
            return match entry.delete_credential() {
                Ok(()) | Err(KError::NoEntry) => Ok(()),
                Err(e) => Err(map_err(e)),
            };
        }
        entry.set_password(&Value::Object(blob.clone()).to_string()).map_err(map_err)
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, profile: &str, kind: SecretKind) -> Result<Option<String>, SecretError> {
        let blob = self.read_blob(&self.entry(profile)?)?;
        Ok(blob.get(kind.key()).and_then(Value::as_str).map(str::to_string))
    }

    fn set(&self, profile: &str, kind: SecretKind, value: &str) -> Result<(), SecretError> {
        let _g = self.rmw.lock().unwrap_or_else(|e| e.into_inner());
        let entry = self.entry(profile)?;
        let mut blob = self.read_blob(&entry).unwrap_or_default();
        blob.insert(kind.key().to_string(), Value::String(value.to_string()));
        self.write_blob(&entry, &blob)
    }

    fn delete(&self, profile: &str, kind: SecretKind) -> Result<(), SecretError> {
        let _g = self.rmw.lock().unwrap_or_else(|e| e.into_inner());
        let entry = self.entry(profile)?;
        let mut blob = self.read_blob(&entry).unwrap_or_default();
        blob.remove(kind.key());
        self.write_blob(&entry, &blob)
    }

    fn delete_all(&self, profile: &str) -> Result<(), SecretError> {
        let _g = self.rmw.lock().unwrap_or_else(|e| e.into_inner());
        match self.entry(profile)?.delete_credential() {
            Ok(()) | Err(KError::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }

    fn backend_name(&self) -> String {
        self.name.clone()
    }

    fn is_persistent(&self) -> bool {
        self.persistent
    }
}

fn map_err(e: KError) -> SecretError {
    match e {
        KError::NoStorageAccess(p) | KError::PlatformFailure(p) => SecretError::Unavailable(p.to_string()),
        KError::NoDefaultStore => SecretError::Unavailable("no keyring store configured".into()),
        KError::BadEncoding(_) => SecretError::Corrupt("not UTF-8".into()),
        KError::BadDataFormat(_, p) => SecretError::Corrupt(p.to_string()),
        // Other variants carry no secret data; Display is safe.
        other => SecretError::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mock_store_keeps_one_blob_per_profile() {
        let s = KeyringStore::mock();
        s.set("p1", SecretKind::ClientSecret, "sec").unwrap();
        s.set("p1", SecretKind::Tokens, r#"{"access_token":"a"}"#).unwrap();
        s.set("p2", SecretKind::ClientSecret, "other").unwrap();
        assert_eq!(s.get("p1", SecretKind::ClientSecret).unwrap().as_deref(), Some("sec"));
        assert_eq!(s.get("p1", SecretKind::Tokens).unwrap().as_deref(), Some(r#"{"access_token":"a"}"#));
        // One entry holds both kinds: read it raw through keyring-core.
        let raw = s.entry("p1").unwrap().get_password().unwrap();
        let v: Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(v["client_secret"], "sec");
        s.delete("p1", SecretKind::Tokens).unwrap();
        assert_eq!(s.get("p1", SecretKind::Tokens).unwrap(), None);
        assert_eq!(s.get("p1", SecretKind::ClientSecret).unwrap().as_deref(), Some("sec"));
        s.delete_all("p1").unwrap();
        assert!(matches!(s.entry("p1").unwrap().get_password(), Err(KError::NoEntry)));
        assert_eq!(s.get("p2", SecretKind::ClientSecret).unwrap().as_deref(), Some("other"));
        assert!(s.get("", SecretKind::Tokens).is_err());
    }

    #[test]
    fn damaged_blob_is_reported_not_panicked() {
        let s = KeyringStore::mock();
        s.entry("p").unwrap().set_password("not json").unwrap();
        assert!(matches!(s.get("p", SecretKind::ClientSecret), Err(SecretError::Corrupt(_))));
        // Writing over a damaged blob replaces it.
        s.set("p", SecretKind::ClientSecret, "x").unwrap();
        assert_eq!(s.get("p", SecretKind::ClientSecret).unwrap().as_deref(), Some("x"));
    }
}
