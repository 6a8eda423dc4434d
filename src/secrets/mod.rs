//! Secret storage: client_secret and OAuth tokens per portal profile, never in a file.
//!
//! One OS keyring entry per profile (service [`SERVICE`], user = profile name) holds a JSON blob
//! of that profile's secrets. When no keyring service runs, the app asks the user before falling
//! back to [`MemoryStore`], which forgets everything when the process ends.

mod keyring_store;
mod memory;

pub use keyring_store::KeyringStore;
pub use memory::MemoryStore;

use std::sync::Arc;

/// Keyring service name shared by every entry the app writes.
pub const SERVICE: &str = "b24-activity-designer";

/// Which secret of a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SecretKind {
    /// The local application's `client_secret`.
    ClientSecret,
    /// JSON of the access/refresh tokens and expiry (see `portal::oauth::Tokens`).
    Tokens,
}

impl SecretKind {
    pub fn key(self) -> &'static str {
        match self {
            SecretKind::ClientSecret => "client_secret",
            SecretKind::Tokens => "tokens",
        }
    }
}

/// Why a secret operation failed. Messages never contain secret values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No usable keyring service (no D-Bus session, service not running, locked and refused).
    #[error("the system keyring is not available: {0}")]
    Unavailable(String),
    /// The stored blob is not what this app writes.
    #[error("the keyring entry for this profile is damaged: {0}")]
    Corrupt(String),
    #[error("keyring error: {0}")]
    Other(String),
}

/// Storage for per-profile secrets. Implementations are cheap to share across threads; calls
/// may block briefly (D-Bus), so async code runs them in `spawn_blocking`.
pub trait SecretStore: Send + Sync {
    fn get(&self, profile: &str, kind: SecretKind) -> Result<Option<String>, SecretError>;
    fn set(&self, profile: &str, kind: SecretKind, value: &str) -> Result<(), SecretError>;
    fn delete(&self, profile: &str, kind: SecretKind) -> Result<(), SecretError>;
    /// Removes every secret of the profile ("forget credentials").
    fn delete_all(&self, profile: &str) -> Result<(), SecretError>;
    /// Human name of the backend for the UI ("Secret Service", "memory (this session only)").
    fn backend_name(&self) -> String;
    /// False for the session-only memory store.
    fn is_persistent(&self) -> bool;
}

pub type SharedSecretStore = Arc<dyn SecretStore>;

/// Finds a working OS keyring: the Secret Service first, then the kernel keyutils session
/// keyring. `Err` carries a plain explanation for the user, who may then choose
/// [`MemoryStore`] for this session.
pub fn open_os_store() -> Result<SharedSecretStore, String> {
    let mut reasons = Vec::new();
    match KeyringStore::secret_service() {
        Ok(s) => return Ok(Arc::new(s)),
        Err(e) => reasons.push(format!("Secret Service: {e}")),
    }
    match KeyringStore::keyutils() {
        Ok(s) => return Ok(Arc::new(s)),
        Err(e) => reasons.push(format!("kernel keyring: {e}")),
    }
    Err(format!(
        "No keyring service is running, so client secrets and tokens cannot be stored safely ({}).",
        reasons.join("; ")
    ))
}
