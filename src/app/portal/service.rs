//! The portal's local work that must not run on the UI thread — the profiles file, the cached
//! catalog, building the HTTP client, starting and stopping the built-in sandbox, the keyring
//! probe, the sign-in listener and the browser — as jobs on the one runner. Their results come
//! back as [`Done`] and [`super::PortalState`] applies them when polled.

use crate::layout::Catalog;
use crate::portal::builtin::BuiltinPortal;
use crate::portal::connect::{self, PortalInfo};
use crate::portal::oauth::{self, DEFAULT_LOOPBACK_PORT, LoopbackListener};
use crate::portal::{AppDirs, ClientConfig, LogEntry, PortalClient, PortalError, PortalHandle, Profile, ProfileStore};
use crate::sandbox::{SandboxConfig, SandboxHandle, spawn_in_thread};
use crate::secrets::SharedSecretStore;

/// What a local job is (its busy label; some run silently).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalJob {
    OpenKeyring,
    LoadProfiles,
    SaveProfile,
    SaveMemberId,
    RemoveProfile,
    OpenProfile,
    CloseProfile,
    PrepareSignIn,
    SaveCache,
    OpenBrowser,
}

impl LocalJob {
    /// The spinner's text, `None` for work nobody waits for.
    pub fn label(self) -> Option<&'static str> {
        Some(match self {
            LocalJob::LoadProfiles => "Reading profiles…",
            LocalJob::SaveProfile | LocalJob::SaveMemberId => "Saving the profile…",
            LocalJob::RemoveProfile => "Removing the profile…",
            LocalJob::OpenProfile => "Opening the profile…",
            LocalJob::CloseProfile => "Closing the previous portal…",
            LocalJob::OpenKeyring => "Opening the keyring…",
            LocalJob::PrepareSignIn => "Preparing the sign-in…",
            LocalJob::SaveCache | LocalJob::OpenBrowser => return None,
        })
    }
}

/// Starts the built-in sandbox portal and says where it listens (the app and `send --sandbox`).
/// Waits until it listens, so never on the UI thread.
pub fn start_sandbox() -> Result<(SandboxHandle, BuiltinPortal), PortalError> {
    let sb = spawn_in_thread(SandboxConfig::default())
        .map_err(|e| PortalError::local("SANDBOX_FAILED", format!("the sandbox portal did not start: {e}")))?;
    let builtin = BuiltinPortal {
        base_url: sb.base_url(),
        client_id: sb.client_id().to_string(),
        client_secret: sb.client_secret().to_string(),
        token_endpoint: sb.token_endpoint(),
        member_id: sb.member_id().to_string(),
    };
    Ok((sb, builtin))
}

/// The connection to the selected profile.
pub struct Session {
    pub profile: Profile,
    pub handle: PortalHandle,
    pub info: Option<PortalInfo>,
    pub catalog: Option<Catalog>,
    /// Lists come from the cache, not (yet) from the portal.
    pub offline: bool,
    /// Keeps the in-process sandbox running while its profile is selected.
    pub sandbox: Option<SandboxHandle>,
    /// The request log as last copied for the panel, and the log's change count then.
    pub log_seen: u64,
    pub log_entries: Vec<LogEntry>,
}

/// A profile opened off the UI thread, ready to become the session.
pub struct Opened {
    pub profile: Profile,
    pub client: PortalClient,
    pub cached: Option<(PortalInfo, Catalog)>,
    pub sandbox: Option<SandboxHandle>,
}

/// A sign-in listener bound and its authorize URL built.
pub struct SignInReady {
    pub listener: LoopbackListener,
    pub state: String,
    pub url: String,
}

/// What a finished job hands back.
pub enum Done {
    Secrets(Result<SharedSecretStore, String>),
    Profiles(Result<Vec<Profile>, String>),
    /// `select` = the saved profile's name; `secret` = a new client_secret to store once it is open.
    Saved {
        result: Result<Vec<Profile>, String>,
        select: String,
        secret: Option<String>,
    },
    Removed {
        name: String,
        result: Result<Vec<Profile>, String>,
    },
    MemberId(Result<Vec<Profile>, String>),
    /// `generation` tells a stale open (another profile was chosen meanwhile) from the current one.
    Opened {
        generation: u64,
        result: Box<Result<Opened, PortalError>>,
        secret: Option<String>,
    },
    SignInReady {
        generation: u64,
        result: Box<Result<SignInReady, PortalError>>,
    },
    CacheSaved(Result<(), String>),
    Browser {
        url: String,
        opened: bool,
    },
    Closed,
}

pub fn reload(store: &ProfileStore, r: Result<(), String>) -> Result<Vec<Profile>, String> {
    r.and_then(|()| store.load())
}

pub fn open_profile(
    profile: Profile,
    secrets: SharedSecretStore,
    cfg: ClientConfig,
    dirs: &AppDirs,
) -> Result<Opened, PortalError> {
    let client = PortalClient::new(profile.clone(), secrets, cfg)?;
    let cached = connect::load_cache(dirs, &profile);
    Ok(Opened { profile, client, cached, sandbox: None })
}

pub fn open_sandbox(cfg: ClientConfig, dirs: &AppDirs) -> Result<Opened, PortalError> {
    let (sb, builtin) = start_sandbox()?;
    let client = builtin.client(cfg)?;
    let profile = builtin.profile();
    let cached = connect::load_cache(dirs, &profile);
    Ok(Opened { profile, client, cached, sandbox: Some(sb) })
}

/// Binds the loopback listener (the usual port, else any free one) and builds the authorize URL.
pub fn prepare_sign_in(profile: &Profile) -> Result<SignInReady, PortalError> {
    let listener = LoopbackListener::bind(DEFAULT_LOOPBACK_PORT).or_else(|_| LoopbackListener::bind(0))?;
    let state = oauth::random_state();
    let url = oauth::authorize_url(&profile.portal_url, &profile.client_id, &state)?;
    Ok(SignInReady { listener, state, url })
}

/// Opening a browser may wait on the desktop's launcher.
pub fn open_browser(url: String) -> Done {
    let opened = webbrowser::open(&url).is_ok();
    Done::Browser { url, opened }
}
