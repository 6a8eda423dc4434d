//! The built-in "Sandbox" profile: a local test portal that the app or the command line
//! started and hands over as an address plus its seeded app credentials. Signing in goes through
//! its OAuth pages over HTTP with no browser (`approve=1`). The REST client never starts it.

use super::client::{ClientConfig, PortalClient, SignedIn};
use super::error::{ErrorKind, PortalError};
use super::oauth::{authorize_url, parse_redirected_address, random_state};
use super::profiles::{Profile, SANDBOX_PROFILE};
use crate::secrets::{MemoryStore, SecretKind, SecretStore, SharedSecretStore};
use std::sync::Arc;

/// Where a running local test portal listens and the app it was seeded with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuiltinPortal {
    pub base_url: String,
    pub client_id: String,
    /// A fixed test value of the local emulator, kept in memory only like every sandbox token.
    pub client_secret: String,
    pub token_endpoint: String,
    pub member_id: String,
}

impl BuiltinPortal {
    /// The [`SANDBOX_PROFILE`] profile for it.
    pub fn profile(&self) -> Profile {
        Profile {
            name: SANDBOX_PROFILE.to_string(),
            portal_url: self.base_url.clone(),
            client_id: self.client_id.clone(),
            token_endpoint: self.token_endpoint.clone(),
            member_id: Some(self.member_id.clone()),
        }
    }

    /// Session-only secrets holding its client_secret.
    pub fn secrets(&self) -> Result<SharedSecretStore, PortalError> {
        let mem = MemoryStore::new();
        mem.set(SANDBOX_PROFILE, SecretKind::ClientSecret, &self.client_secret)
            .map_err(|e| PortalError::local("SECRET_STORE", e.to_string()))?;
        Ok(Arc::new(mem))
    }

    pub fn client(&self, cfg: ClientConfig) -> Result<PortalClient, PortalError> {
        PortalClient::new(self.profile(), self.secrets()?, cfg)
    }
}

/// Approves the sign-in on the sandbox's authorize page (`approve=1`), reads the code from the
/// redirect's `Location` without following it, and exchanges it.
pub async fn approve_headless(client: &PortalClient) -> Result<SignedIn, PortalError> {
    let p = client.profile();
    let state = random_state();
    let url = format!("{}&approve=1", authorize_url(&p.portal_url, &p.client_id, &state)?);
    super::client::check_url_allowed(&url)?;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| PortalError::local("HTTP_CLIENT", e.to_string()))?;
    let resp = http
        .get(&url)
        .send()
        .await
        .map_err(|e| PortalError::new(ErrorKind::Network, "NETWORK_ERROR", format!("authorize page: {e}")))?;
    let loc = resp.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string).ok_or_else(|| {
        PortalError::new(
            ErrorKind::Portal,
            "NO_REDIRECT",
            "the authorize page did not redirect (is the app installed?)",
        )
        .with_status(resp.status().as_u16())
    })?;
    let code = parse_redirected_address(&loc, &state)?;
    client.sign_in_with_code(&code).await
}
