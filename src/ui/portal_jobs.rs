//! Portal panel: the local work that must not run on the UI thread — the profiles file, the
//! cached catalog, building the HTTP client, starting and stopping the built-in sandbox, the
//! keyring probe and the browser — as [`Jobs`] whose results the panel applies when polled.

use super::portal_panel::{PortalPanel, Session};
use crate::layout::Catalog;
use crate::portal::builtin::SandboxSession;
use crate::portal::connect::{self, PortalInfo};
use crate::portal::{
    AppDirs, ClientConfig, PortalClient, PortalError, PortalHandle, Profile, ProfileStore, Request, SANDBOX_PROFILE,
};
use crate::secrets::SharedSecretStore;

/// A profile opened off the UI thread, ready to become the panel's session.
pub(super) struct Opened {
    profile: Profile,
    client: PortalClient,
    cached: Option<(PortalInfo, Catalog)>,
    sandbox: Option<SandboxSession>,
}

/// What a finished job hands back to the panel.
pub(super) enum Done {
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
    CacheSaved(Result<(), String>),
    Browser {
        url: String,
        opened: bool,
    },
    Closed,
}

/// Busy label for a job name.
pub(super) fn job_label(name: &str) -> &'static str {
    match name {
        "load profiles" => "Reading profiles…",
        "save profile" | "save member id" => "Saving the profile…",
        "remove profile" => "Removing the profile…",
        "open profile" => "Opening the profile…",
        "close profile" => "Closing the previous portal…",
        "open keyring" => "Opening the keyring…",
        _ => "Working…",
    }
}

fn reload(store: &ProfileStore, r: Result<(), String>) -> Result<Vec<Profile>, String> {
    r.and_then(|()| store.load())
}

fn open_profile(
    profile: Profile,
    secrets: SharedSecretStore,
    cfg: ClientConfig,
    dirs: &AppDirs,
) -> Result<Opened, PortalError> {
    let client = PortalClient::new(profile.clone(), secrets, cfg)?;
    let cached = connect::load_cache(dirs, &profile);
    Ok(Opened { profile, client, cached, sandbox: None })
}

/// Waits until the sandbox listens, which is why it runs here and not on the UI thread.
fn open_sandbox(cfg: ClientConfig, dirs: &AppDirs) -> Result<Opened, PortalError> {
    let sb = SandboxSession::start(Default::default())?;
    let client = sb.client(cfg)?;
    let cached = connect::load_cache(dirs, &sb.profile);
    Ok(Opened { profile: sb.profile.clone(), client, cached, sandbox: Some(sb) })
}

impl PortalPanel {
    /// Probes the keyring and reads the profiles file (from `new`).
    pub(super) fn start_jobs(&mut self) {
        // Probing the keyring may wait on D-Bus.
        self.jobs.spawn("open keyring", || Done::Secrets(crate::secrets::open_os_store()));
        let store = self.store.clone();
        self.jobs.spawn("load profiles", move || Done::Profiles(store.load()));
    }

    /// Opens `name` in the background; `secret` is stored once the session exists.
    pub(super) fn open_in_background(&mut self, name: &str, secret: Option<String>) {
        self.generation += 1;
        let generation = self.generation;
        let (cfg, dirs) = (self.client_cfg.clone(), self.dirs.clone());
        if name == SANDBOX_PROFILE {
            self.opening = Some(name.to_string());
            self.jobs.spawn("open profile", move || Done::Opened {
                generation,
                result: Box::new(open_sandbox(cfg, &dirs)),
                secret: None,
            });
            return;
        }
        let Some(profile) = self.profiles.iter().find(|p| p.name == name).cloned() else { return };
        let Some(secrets) = self.secrets.clone() else {
            self.message = Some("Choose where to keep secrets first (see above).".into());
            return;
        };
        self.opening = Some(name.to_string());
        self.jobs.spawn("open profile", move || Done::Opened {
            generation,
            result: Box::new(open_profile(profile, secrets, cfg, &dirs)),
            secret,
        });
    }

    /// Ends the current session; a running sandbox is stopped (and joined) off the UI thread.
    pub(super) fn close_session(&mut self) {
        if let Some(s) = self.session.take()
            && s.sandbox_session.is_some()
        {
            self.jobs.spawn("close profile", move || {
                drop(s);
                Done::Closed
            });
        }
    }

    pub(super) fn save_profile_in_background(&mut self, old_name: Option<String>, p: Profile, secret: Option<String>) {
        let store = self.store.clone();
        let select = p.name.clone();
        self.jobs.spawn("save profile", move || {
            let result = reload(&store, store.upsert(old_name.as_deref(), p));
            Done::Saved { result, select, secret }
        });
    }

    pub(super) fn remove_profile_in_background(&mut self, name: String, secrets: SharedSecretStore) {
        if self.session.as_ref().is_some_and(|s| s.profile.name == name) {
            self.close_session();
        }
        if self.opening.as_deref() == Some(name.as_str()) {
            // Its open is still running: make it stale so it never becomes the session.
            self.generation += 1;
            self.opening = None;
        }
        let store = self.store.clone();
        self.jobs.spawn("remove profile", move || {
            let result = reload(&store, store.remove(&name, secrets.as_ref()));
            Done::Removed { name, result }
        });
    }

    pub(super) fn save_member_id_in_background(&mut self, name: String, member_id: String) {
        let store = self.store.clone();
        self.jobs
            .spawn("save member id", move || Done::MemberId(reload(&store, store.set_member_id(&name, &member_id))));
    }

    pub(super) fn save_cache_in_background(&mut self, profile: Profile, info: PortalInfo, catalog: Catalog) {
        let dirs = self.dirs.clone();
        self.jobs.spawn("save cache", move || Done::CacheSaved(connect::save_cache(&dirs, &profile, &info, &catalog)));
    }

    /// Opening a browser may wait on the desktop's launcher.
    pub(super) fn open_browser(&mut self, url: String) {
        self.jobs.spawn("open browser", move || {
            let opened = webbrowser::open(&url).is_ok();
            Done::Browser { url, opened }
        });
    }

    pub(super) fn on_done(&mut self, d: Done) {
        match d {
            Done::Secrets(Ok(s)) => self.secrets = Some(s),
            Done::Secrets(Err(e)) => self.keyring_problem = Some(e),
            Done::Profiles(Ok(p)) => self.profiles = p,
            Done::Profiles(Err(e)) => self.notice = Some(format!("Profiles could not be read: {e}")),
            Done::Saved { result: Ok(p), select, secret } => {
                self.profiles = p;
                self.editor = None;
                self.select_profile_with(&select, secret);
            }
            Done::Saved { result: Err(e), .. } => self.set_editor_error(&e),
            Done::Removed { name, result: Ok(p) } => {
                self.profiles = p;
                self.message = Some(format!("Removed profile \"{name}\" and its credentials."));
            }
            Done::Removed { result: Err(e), .. } => self.notice = Some(e),
            Done::MemberId(Ok(p)) => self.profiles = p,
            Done::MemberId(Err(e)) => self.notice = Some(format!("member_id could not be saved: {e}")),
            Done::Opened { generation, result, secret } => self.on_opened(generation, *result, secret),
            Done::CacheSaved(Err(e)) => tracing::warn!("portal lists not cached: {e}"),
            Done::CacheSaved(Ok(())) | Done::Closed => {}
            Done::Browser { url, opened: false } => {
                self.message = Some(format!("No browser could be opened: open {url} yourself."));
            }
            Done::Browser { opened: true, .. } => {}
        }
    }

    fn on_opened(&mut self, generation: u64, result: Result<Opened, PortalError>, secret: Option<String>) {
        if generation != self.generation {
            // Another profile was chosen meanwhile: stop this one's sandbox off the UI thread.
            if let Ok(Opened { sandbox: Some(sb), .. }) = result {
                self.jobs.spawn("close profile", move || {
                    drop(sb);
                    Done::Closed
                });
            }
            return;
        }
        self.opening = None;
        let o = match result {
            Ok(o) => o,
            Err(e) => {
                self.errors = vec![e];
                return;
            }
        };
        let is_sandbox = o.sandbox.is_some();
        let handle = PortalHandle::new(o.client, self.repaint.clone());
        let (info, catalog) = o.cached.map(|(i, c)| (Some(i), Some(c))).unwrap_or((None, None));
        self.session =
            Some(Session { profile: o.profile, handle, info, catalog, offline: true, sandbox_session: o.sandbox });
        if is_sandbox {
            self.request(Request::ApproveHeadless);
            return;
        }
        if let Some(s) = secret {
            // Written by the background runtime; the UI never waits on the keyring.
            self.request(Request::SetClientSecret(s));
        }
        self.request(Request::Connect);
    }
}
