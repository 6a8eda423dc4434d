//! Portal profiles: name, portal address, client_id, token endpoint and member_id, stored as
//! pretty JSON in the config directory. Secrets live only in the [`SecretStore`].

use super::dirs::AppDirs;
use crate::project::write_atomic_creating_dir;
use crate::secrets::{SecretError, SecretStore};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The Bitrix24 OAuth server's token endpoint.
pub const DEFAULT_TOKEN_ENDPOINT: &str = "https://oauth.bitrix.info/oauth/token/";
/// Name of the built-in profile that starts the in-process sandbox.
pub const SANDBOX_PROFILE: &str = "Sandbox";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub name: String,
    /// `https://portal.bitrix24.com` (no path needed).
    pub portal_url: String,
    pub client_id: String,
    #[serde(default = "default_token_endpoint")]
    pub token_endpoint: String,
    /// Stable portal id from the OAuth redirect; keys the cached catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<String>,
}

fn default_token_endpoint() -> String {
    DEFAULT_TOKEN_ENDPOINT.to_string()
}

impl Profile {
    pub fn new(name: &str, portal_url: &str, client_id: &str) -> Self {
        Profile {
            name: name.trim().to_string(),
            portal_url: portal_url.trim().trim_end_matches('/').to_string(),
            client_id: client_id.trim().to_string(),
            token_endpoint: default_token_endpoint(),
            member_id: None,
        }
    }

    /// Checks what a user typed; the message names the field.
    pub fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("Profile name: enter a name.".into());
        }
        super::client::check_url_allowed(&self.portal_url).map_err(|e| format!("Portal address: {e}"))?;
        super::client::check_url_allowed(&self.token_endpoint).map_err(|e| format!("Token endpoint: {e}"))?;
        if self.client_id.trim().is_empty() {
            return Err("client_id: copy it from the portal's local application form.".into());
        }
        Ok(())
    }

    /// Key for per-portal caches: member_id when known, else the profile name.
    pub fn cache_key(&self) -> String {
        let raw = self.member_id.clone().unwrap_or_else(|| format!("profile-{}", self.name));
        raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ProfilesFile {
    version: u32,
    profiles: Vec<Profile>,
}

/// The profiles file (`<config>/profiles.json`).
#[derive(Clone, Debug)]
pub struct ProfileStore {
    path: PathBuf,
}

impl ProfileStore {
    pub fn new(dirs: &AppDirs) -> Self {
        ProfileStore { path: dirs.config.join("profiles.json") }
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Missing file → no profiles. A damaged file is an error naming line and column.
    pub fn load(&self) -> Result<Vec<Profile>, String> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(format!("{}: {e}", self.path.display())),
        };
        let f: ProfilesFile = serde_json::from_str(&text)
            .map_err(|e| format!("{}:{}:{}: {e}", self.path.display(), e.line(), e.column()))?;
        Ok(f.profiles)
    }

    pub fn save(&self, profiles: &[Profile]) -> Result<(), String> {
        let f = ProfilesFile { version: 1, profiles: profiles.to_vec() };
        let mut text = serde_json::to_string_pretty(&f).map_err(|e| e.to_string())?;
        text.push('\n');
        write_atomic_creating_dir(&self.path, text.as_bytes()).map_err(|e| format!("{}: {e}", self.path.display()))
    }

    pub fn get(&self, name: &str) -> Result<Option<Profile>, String> {
        Ok(self.load()?.into_iter().find(|p| p.name == name))
    }

    /// Adds a new profile or replaces the one with `old_name` (edit, possibly renaming).
    pub fn upsert(&self, old_name: Option<&str>, profile: Profile) -> Result<(), String> {
        profile.check()?;
        let mut all = self.load()?;
        let target = old_name.unwrap_or(&profile.name);
        if profile.name == SANDBOX_PROFILE {
            return Err(format!("Profile name: \"{SANDBOX_PROFILE}\" is the built-in sandbox."));
        }
        if all.iter().any(|p| p.name == profile.name && p.name != target) {
            return Err(format!("Profile name: a profile named \"{}\" already exists.", profile.name));
        }
        match all.iter_mut().find(|p| p.name == target) {
            Some(slot) => *slot = profile,
            None => all.push(profile),
        }
        self.save(&all)
    }

    /// Removes the profile and its secrets.
    pub fn remove(&self, name: &str, secrets: &dyn SecretStore) -> Result<(), String> {
        let mut all = self.load()?;
        all.retain(|p| p.name != name);
        self.save(&all)?;
        forget_credentials(name, secrets).map_err(|e| e.to_string())
    }

    pub fn set_member_id(&self, name: &str, member_id: &str) -> Result<(), String> {
        let mut all = self.load()?;
        if let Some(p) = all.iter_mut().find(|p| p.name == name)
            && p.member_id.as_deref() != Some(member_id)
        {
            p.member_id = Some(member_id.to_string());
            return self.save(&all);
        }
        Ok(())
    }
}

/// "Forget credentials": deletes the profile's keyring entry (client_secret and tokens).
pub fn forget_credentials(name: &str, secrets: &dyn SecretStore) -> Result<(), SecretError> {
    secrets.delete_all(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::{MemoryStore, SecretKind};

    #[test]
    fn add_edit_remove_round_trip() {
        let tmp = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(&AppDirs::under(tmp.path()));
        assert!(store.load().unwrap().is_empty());
        let p = Profile::new("work", "https://acme.bitrix24.com/", "local.1.2");
        assert_eq!(p.portal_url, "https://acme.bitrix24.com");
        store.upsert(None, p.clone()).unwrap();
        assert!(store.upsert(None, Profile::new("x", "http://acme.com", "id")).unwrap_err().contains("Portal"));
        let mut renamed = p.clone();
        renamed.name = "job".into();
        store.upsert(Some("work"), renamed).unwrap();
        let all = store.load().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name, "job");
        assert_eq!(all[0].token_endpoint, DEFAULT_TOKEN_ENDPOINT);
        let secrets = MemoryStore::new();
        secrets.set("job", SecretKind::ClientSecret, "s").unwrap();
        store.remove("job", &secrets).unwrap();
        assert!(store.load().unwrap().is_empty());
        assert_eq!(secrets.get("job", SecretKind::ClientSecret).unwrap(), None);
        std::fs::write(store.path(), "{\n  oops").unwrap();
        assert!(store.load().unwrap_err().contains(":2:"));
    }
}
