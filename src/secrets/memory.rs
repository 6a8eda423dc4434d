//! Session-only secret store: a map in memory, used only after the user agrees when no OS
//! keyring runs. Nothing is ever written to disk.

use super::{SecretError, SecretKind, SecretStore};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct MemoryStore {
    map: Mutex<HashMap<(String, SecretKind), String>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl std::fmt::Debug for MemoryStore {
    // Never print the values.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemoryStore")
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, profile: &str, kind: SecretKind) -> Result<Option<String>, SecretError> {
        Ok(self.map.lock().unwrap_or_else(|e| e.into_inner()).get(&(profile.to_string(), kind)).cloned())
    }
    fn set(&self, profile: &str, kind: SecretKind, value: &str) -> Result<(), SecretError> {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).insert((profile.to_string(), kind), value.to_string());
        Ok(())
    }
    fn delete(&self, profile: &str, kind: SecretKind) -> Result<(), SecretError> {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).remove(&(profile.to_string(), kind));
        Ok(())
    }
    fn delete_all(&self, profile: &str) -> Result<(), SecretError> {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).retain(|(p, _), _| p != profile);
        Ok(())
    }
    fn backend_name(&self) -> String {
        "memory (this session only)".into()
    }
    fn is_persistent(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_delete_per_profile() {
        let s = MemoryStore::new();
        s.set("a", SecretKind::ClientSecret, "x").unwrap();
        s.set("a", SecretKind::Tokens, "{}").unwrap();
        s.set("b", SecretKind::ClientSecret, "s3cr3t-b").unwrap();
        assert_eq!(s.get("a", SecretKind::ClientSecret).unwrap().as_deref(), Some("x"));
        s.delete("a", SecretKind::Tokens).unwrap();
        assert_eq!(s.get("a", SecretKind::Tokens).unwrap(), None);
        s.delete_all("a").unwrap();
        assert_eq!(s.get("a", SecretKind::ClientSecret).unwrap(), None);
        assert_eq!(s.get("b", SecretKind::ClientSecret).unwrap().as_deref(), Some("s3cr3t-b"));
        assert!(!format!("{s:?}").contains("s3cr3t"));
    }
}
