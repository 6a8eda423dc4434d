//! The portal panel: profiles, sign-in, send target, send/update/read back/delete/check,
//! errors that select their node, and the request log. Every network call goes through a
//! [`PortalHandle`] and every disk, keyring or sandbox start-up through the panel's [`Jobs`]
//! (`portal_jobs.rs`); the panel only polls their channels, so a frame never waits.

use super::portal_jobs::Done;
use crate::layout::Catalog;
use crate::portal::builtin::SandboxSession;
use crate::portal::connect::PortalInfo;
use crate::portal::{
    AppDirs, AuthState, ClientConfig, ItemSummary, Jobs, PortalError, PortalHandle, Profile, ProfileStore, ReadBack,
    Repaint, Reply, Request, Response, SANDBOX_PROFILE, SendOutcome, Sent,
};
use crate::secrets::{MemoryStore, SharedSecretStore};
use crate::ui::{PanelCtx, UiAction};
use std::sync::Arc;
use std::time::Instant;

/// The last send target, for the app to remember in the project (no secrets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendTarget {
    pub profile: String,
    pub owner_type_id: i64,
    pub owner_id: i64,
    pub activity_id: Option<i64>,
}

/// A profile being added or edited.
#[derive(Clone, Debug, Default)]
pub(super) struct ProfileEditor {
    pub old_name: Option<String>,
    pub name: String,
    pub portal_url: String,
    pub client_id: String,
    pub token_endpoint: String,
    pub client_secret: String,
    pub error: Option<String>,
}

/// The connection to the selected profile.
pub(super) struct Session {
    pub profile: Profile,
    pub handle: PortalHandle,
    pub info: Option<PortalInfo>,
    pub catalog: Option<Catalog>,
    /// Lists come from the cache, not (yet) from the portal.
    pub offline: bool,
    /// Keeps the in-process sandbox running while its profile is selected.
    pub sandbox_session: Option<SandboxSession>,
}

/// An open sign-in: the handler address and authorize URL shown to the user.
pub(super) struct SignIn {
    pub state: String,
    /// Stops the loopback wait (frees the port) when the sign-in ends another way.
    pub cancel: Arc<tokio::sync::Notify>,
    pub url: String,
    pub redirect_uri: String,
    pub paste: String,
}

pub struct PortalPanel {
    pub(super) repaint: Repaint,
    pub(super) dirs: AppDirs,
    pub(super) store: ProfileStore,
    pub(super) profiles: Vec<Profile>,
    pub(super) notice: Option<String>,
    pub(super) editor: Option<ProfileEditor>,
    pub(super) secrets: Option<SharedSecretStore>,
    pub(super) keyring_problem: Option<String>,
    pub(super) session: Option<Session>,
    /// Files, keyring, sandbox start-up: everything local that may wait.
    pub(super) jobs: Jobs<Done>,
    /// Counts profile selections; an open that finishes after another selection is dropped.
    pub(super) generation: u64,
    /// The profile being opened in the background.
    pub(super) opening: Option<String>,
    pub(super) sign_in: Option<SignIn>,
    pub(super) client_cfg: ClientConfig,
    // Target
    pub(super) owner_type_id: i64,
    pub(super) item_query: String,
    pub(super) query_changed: Option<Instant>,
    pub(super) items: Vec<ItemSummary>,
    pub(super) item_id_text: String,
    pub(super) target: Option<ItemSummary>,
    // Results
    pub(super) last_activity: Option<i64>,
    pub(super) last_sent: Option<Sent>,
    pub(super) unknown: Option<(Sent, PortalError)>,
    pub(super) read_back: Option<ReadBack>,
    pub(super) errors: Vec<PortalError>,
    pub(super) refused: Vec<crate::layout::Diagnostic>,
    pub(super) message: Option<String>,
    pub(super) busy: Vec<(u64, &'static str)>,
    pub(super) last_target: Option<SendTarget>,
}

impl PortalPanel {
    /// Starts reading the profiles file and probing the keyring in the background; `repaint`
    /// wakes the UI when any result arrives (the app passes `move || ctx.request_repaint()`).
    pub fn new(repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        let dirs = AppDirs::resolve();
        let store = ProfileStore::new(&dirs);
        let mut panel = PortalPanel {
            jobs: Jobs::new(repaint.clone()),
            repaint,
            dirs,
            store,
            profiles: Vec::new(),
            notice: None,
            editor: None,
            secrets: None,
            keyring_problem: None,
            session: None,
            generation: 0,
            opening: None,
            sign_in: None,
            client_cfg: ClientConfig::default(),
            owner_type_id: 2,
            item_query: String::new(),
            query_changed: None,
            items: Vec::new(),
            item_id_text: String::new(),
            target: None,
            last_activity: None,
            last_sent: None,
            unknown: None,
            read_back: None,
            errors: Vec::new(),
            refused: Vec::new(),
            message: None,
            busy: Vec::new(),
            last_target: None,
        };
        panel.start_jobs();
        panel
    }

    /// Overrides timeouts and retry delays (tests, benches).
    pub fn set_client_config(&mut self, cfg: ClientConfig) {
        self.client_cfg = cfg;
    }

    /// Live lists for pickers and the validator, when connected (or cached).
    pub fn catalog(&self) -> Option<&Catalog> {
        self.session.as_ref()?.catalog.as_ref()
    }

    /// "Jane Doe @ acme.bitrix24.com" for the status bar.
    pub fn status_text(&self) -> String {
        if let Some(name) = &self.opening {
            return format!("{name}: opening…");
        }
        match &self.session {
            None => "No portal".into(),
            Some(s) => match (&s.info, s.handle.auth_state()) {
                (_, AuthState::SignInAgain(_)) => format!("{}: sign in again", s.profile.name),
                (Some(i), _) if !s.offline => i.status_text(),
                (Some(i), _) => format!("{} (offline)", i.status_text()),
                (None, AuthState::SignedIn) => format!("{}: connecting…", s.profile.name),
                (None, _) => format!("{}: not signed in", s.profile.name),
            },
        }
    }

    /// The last target and activity id after a successful send; the app stores it in the project.
    pub fn take_last_target(&mut self) -> Option<SendTarget> {
        self.last_target.take()
    }

    /// Selects a profile by name ([`SANDBOX_PROFILE`] starts the built-in sandbox).
    pub fn select(&mut self, name: &str) {
        self.select_profile(name);
    }

    /// Restores a remembered target (from the project): entity type, element and activity id.
    ///
    /// Not called by the panel itself: the app calls it whenever a project is opened (and when it
    /// creates the panel while a project with a target is already open), with the project's
    /// `SendTarget`. Call it after [`Self::select`] (choosing a profile clears the target);
    /// the element's title stays empty until the user confirms the id.
    pub fn set_target(&mut self, owner_type_id: i64, owner_id: i64, activity_id: Option<i64>) {
        self.owner_type_id = owner_type_id;
        self.item_id_text = owner_id.to_string();
        self.target = Some(ItemSummary { id: owner_id, title: String::new() });
        self.last_activity = activity_id;
        self.last_sent = None;
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.handle.auth_state() == AuthState::SignedIn)
    }

    /// "Send test" without a click (validates first). False when refused or not possible.
    pub fn send_test(&mut self, ctx: &PanelCtx) -> bool {
        if !self.is_signed_in() {
            return false;
        }
        match self.checked_job(ctx) {
            Some(job) => {
                self.unknown = None;
                self.request(Request::Send(job));
                true
            }
            None => false,
        }
    }

    /// The in-process sandbox while the Sandbox profile is selected (fault injection in tests).
    pub fn sandbox(&self) -> Option<&crate::sandbox::Sandbox> {
        self.session.as_ref()?.sandbox_session.as_ref().map(|s| &*s.sandbox)
    }

    /// Last activity id sent (or restored).
    pub fn last_activity(&self) -> Option<i64> {
        self.last_activity
    }

    /// The current target (profile, entity type, element, last activity), if an element is chosen.
    pub fn target(&self) -> Option<SendTarget> {
        Some(SendTarget {
            profile: self.session.as_ref()?.profile.name.clone(),
            owner_type_id: self.owner_type_id,
            owner_id: self.target.as_ref()?.id,
            activity_id: self.last_activity,
        })
    }

    /// The last read-back result with its diff.
    pub fn read_back(&self) -> Option<&ReadBack> {
        self.read_back.as_ref()
    }

    /// The last plain message shown ("Sent: activity 5.", "Not sent: ...").
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Last error shown (code, description, path).
    pub fn last_error(&self) -> Option<&PortalError> {
        self.errors.last()
    }

    /// True while any request or local job (profiles file, opening a profile, sandbox) runs.
    pub fn is_busy(&self) -> bool {
        !self.busy.is_empty() || self.jobs.is_busy()
    }

    /// Queues a request on the session; remembers it as busy.
    pub(super) fn request(&mut self, req: Request) {
        if let Some(s) = self.session.as_mut() {
            let name = req.name();
            let id = s.handle.send(req);
            self.busy.push((id, name));
        }
    }

    pub(super) fn busy_with(&self, name: &str) -> bool {
        self.busy.iter().any(|(_, n)| *n == name)
    }

    /// Opens the session for a profile in the background (the built-in sandbox starts in-process).
    pub(super) fn select_profile(&mut self, name: &str) {
        self.select_profile_with(name, None);
    }

    /// Like `select_profile`; `secret` (a client_secret just typed) is stored once it is open.
    pub(super) fn select_profile_with(&mut self, name: &str, secret: Option<String>) {
        self.end_sign_in();
        self.close_session();
        self.opening = None;
        self.errors.clear();
        self.items.clear();
        self.target = None;
        self.last_activity = None;
        self.last_sent = None;
        self.unknown = None;
        self.read_back = None;
        self.open_in_background(name, secret);
    }

    /// Closes the sign-in box and stops its loopback wait.
    pub(super) fn end_sign_in(&mut self) {
        if let Some(si) = self.sign_in.take() {
            si.cancel.notify_one();
        }
    }

    /// Uses the session-only memory store after the user agreed.
    pub(super) fn use_memory_store(&mut self) {
        self.secrets = Some(Arc::new(MemoryStore::new()));
    }

    /// Applies every result that arrived: local jobs and portal replies (status text, catalog,
    /// send outcomes). Never waits. The app must call it **every frame**, also while the Send tab
    /// is hidden, so the status bar and the validator's catalog stay current; [`Self::ui`] calls
    /// it too, and a second call in the same frame finds nothing.
    pub fn poll(&mut self) {
        for d in self.jobs.poll() {
            self.on_done(d);
        }
        let responses = match self.session.as_mut() {
            Some(s) => s.handle.poll(),
            None => return,
        };
        for r in responses {
            self.busy.retain(|(id, _)| *id != r.id);
            self.on_response(r);
        }
    }

    fn on_response(&mut self, r: Response) {
        let reply = match r.result {
            Ok(reply) => reply,
            Err(e) => {
                // "Not signed in" is a state shown in the sign-in section, not an error.
                if e.code != "NOT_SIGNED_IN" && e.code != "SIGN_IN_CANCELLED" {
                    self.errors = vec![e];
                }
                return;
            }
        };
        self.errors.clear();
        match reply {
            Reply::Connected { info, catalog } => {
                if let Some(profile) = self.session.as_ref().map(|s| s.profile.clone()) {
                    // Cache for offline use, off the UI thread.
                    self.save_cache_in_background(profile, info.clone(), catalog.clone());
                }
                if let Some(s) = self.session.as_mut() {
                    if !info.owner_types.iter().any(|t| t.id == self.owner_type_id)
                        && let Some(t) = info.owner_types.first()
                    {
                        self.owner_type_id = t.id;
                    }
                    s.info = Some(info);
                    s.catalog = Some(catalog);
                    s.offline = false;
                }
            }
            Reply::SecretSaved => self.message = Some("client_secret saved.".into()),
            Reply::SignedIn(si) => {
                self.end_sign_in();
                self.message = Some("Signed in.".into());
                if let (Some(s), Some(m)) = (self.session.as_ref(), si.member_id.as_ref())
                    && s.profile.name != SANDBOX_PROFILE
                {
                    let (name, m) = (s.profile.name.clone(), m.clone());
                    self.save_member_id_in_background(name, m);
                }
                self.request(Request::Connect);
            }
            Reply::Forgotten => self.message = Some("Credentials forgotten: client_secret and tokens removed.".into()),
            Reply::Items { text, items } => {
                if text == self.item_query {
                    self.items = items;
                }
            }
            Reply::Item(item) => {
                self.item_id_text = item.id.to_string();
                self.target = Some(item);
            }
            Reply::Sent(SendOutcome::Done { activity_id, sent }) => {
                self.message = Some(format!("Sent: activity {activity_id}."));
                self.unknown = None;
                self.read_back = None;
                self.last_activity = Some(activity_id);
                self.last_sent = Some(sent);
                self.remember_target(Some(activity_id));
            }
            Reply::Sent(SendOutcome::Unknown { error, sent }) => {
                self.message = None;
                self.unknown = Some((sent, error));
            }
            Reply::ReadBack(rb) => self.read_back = Some(rb),
            Reply::Deleted(id) => {
                self.message = Some(format!("Deleted activity {id}."));
                if self.last_activity == Some(id) {
                    self.last_activity = None;
                    self.last_sent = None;
                    self.read_back = None;
                    self.remember_target(None);
                }
            }
            Reply::Checked { origin_id, ids } => self.on_checked(&origin_id, &ids),
            Reply::Value(_) => {}
        }
    }

    fn on_checked(&mut self, origin_id: &str, ids: &[i64]) {
        match ids {
            [] => self.message = Some(format!("No activity with originId {origin_id}: it was not stored. Send again.")),
            [id] => {
                if let Some((sent, _)) = self.unknown.take() {
                    self.last_sent = Some(sent);
                }
                self.last_activity = Some(*id);
                self.message = Some(format!("It was stored: activity {id}."));
                self.remember_target(Some(*id));
            }
            many => self.message = Some(format!("Several activities carry originId {origin_id}: {many:?}.")),
        }
    }

    pub(super) fn remember_target(&mut self, activity_id: Option<i64>) {
        if let (Some(s), Some(t)) = (&self.session, &self.target) {
            self.last_target = Some(SendTarget {
                profile: s.profile.name.clone(),
                owner_type_id: self.owner_type_id,
                owner_id: t.id,
                activity_id,
            });
        }
    }

    /// Draws the panel. Never blocks: it only polls channels.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &PanelCtx, out: &mut Vec<UiAction>) {
        self.poll();
        egui::ScrollArea::vertical().id_salt("portal_panel_scroll").show(ui, |ui| {
            self.profiles_ui(ui);
            ui.separator();
            self.sign_in_ui(ui);
            if self.session.is_some() {
                ui.separator();
                self.target_ui(ui);
                ui.separator();
                self.send_ui(ui, ctx, out);
            }
            self.messages_ui(ui, out);
            ui.separator();
            self.log_ui(ui);
        });
        if self.is_busy() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(250));
        }
    }
}
