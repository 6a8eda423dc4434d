//! The built-in "Sandbox" profile: starts the sandbox portal in-process and signs in through
//! its OAuth pages over HTTP with no browser (`approve=1`).

use super::client::{ClientConfig, PortalClient, SignedIn};
use super::error::{ErrorKind, PortalError};
use super::oauth::{authorize_url, parse_redirected_address, random_state};
use super::profiles::{Profile, SANDBOX_PROFILE};
use crate::sandbox::{SandboxConfig, SandboxHandle, spawn_in_thread};
use crate::secrets::{MemoryStore, SecretKind, SecretStore, SharedSecretStore};
use std::sync::Arc;

/// A running in-process sandbox with a profile and session-only secrets for it.
pub struct SandboxSession {
    pub sandbox: SandboxHandle,
    pub profile: Profile,
    /// The sandbox's test secret lives in memory only, like every sandbox token.
    pub secrets: SharedSecretStore,
}

impl SandboxSession {
    pub fn start(cfg: SandboxConfig) -> Result<Self, PortalError> {
        let sandbox = spawn_in_thread(cfg)
            .map_err(|e| PortalError::local("SANDBOX_FAILED", format!("the sandbox portal did not start: {e}")))?;
        let profile = Profile {
            name: SANDBOX_PROFILE.to_string(),
            portal_url: sandbox.base_url(),
            client_id: sandbox.client_id().to_string(),
            token_endpoint: sandbox.token_endpoint(),
            member_id: Some(sandbox.member_id().to_string()),
        };
        let mem = MemoryStore::new();
        mem.set(SANDBOX_PROFILE, SecretKind::ClientSecret, sandbox.client_secret())
            .map_err(|e| PortalError::local("SECRET_STORE", e.to_string()))?;
        Ok(SandboxSession { sandbox, profile, secrets: Arc::new(mem) })
    }

    pub fn client(&self, cfg: ClientConfig) -> Result<PortalClient, PortalError> {
        PortalClient::new(self.profile.clone(), self.secrets.clone(), cfg)
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
