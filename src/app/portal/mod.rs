//! The app's portal state: profiles, the keyring, the open session, the send target and the
//! results. The Send panel (`ui::portal`) draws a read-only [`PortalView`] of it and emits
//! [`PortalIntent`]s, which [`PortalState::apply`] turns into work after the frame: portal
//! requests go to the session's [`PortalHandle`] (the background runtime), local work (files,
//! keyring, sandbox, sign-in listener, browser) to the one job runner. [`PortalState::poll`]
//! applies what came back, never waiting.

mod intents;
mod replies;
mod service;

pub use service::start_sandbox;

use super::runner::Runner;
use crate::edit::Document;
use crate::layout::{Catalog, Diagnostic};
use crate::portal::connect::default_owner_types;
use crate::portal::{
    AppDirs, AuthState, ClientConfig, ItemSummary, PortalError, Profile, ProfileStore, ReadBack, Repaint, Request,
    RequestKind, SANDBOX_PROFILE, Sent,
};
use crate::project::SendTarget;
use crate::secrets::SharedSecretStore;
use crate::ui::UiAction;
use crate::ui::portal::{PortalForm, PortalIntent, PortalView, SecretsView, SessionView, SignInView, portal_ui};
use service::{Done, LocalJob, Session};
use std::sync::Arc;

/// An open browser sign-in: the handler address and authorize URL shown to the user.
struct SignIn {
    state: String,
    /// Stops the loopback wait (frees the port) when the sign-in ends another way.
    cancel: Arc<tokio::sync::Notify>,
    url: String,
    redirect_uri: String,
}

pub struct PortalState {
    repaint: Repaint,
    dirs: AppDirs,
    store: ProfileStore,
    profiles: Vec<Profile>,
    notice: Option<String>,
    secrets: Option<SharedSecretStore>,
    keyring_problem: Option<String>,
    session: Option<Session>,
    /// Files, keyring, sandbox start-up: everything local that may wait.
    jobs: Runner<Done, LocalJob>,
    /// Counts profile selections; an open that finishes after another selection is dropped.
    generation: u64,
    /// The profile being opened in the background.
    opening: Option<String>,
    sign_in: Option<SignIn>,
    client_cfg: ClientConfig,
    /// The panel's text fields.
    form: PortalForm,
    // Target
    owner_type_id: i64,
    items: Vec<ItemSummary>,
    target: Option<ItemSummary>,
    // Results
    last_activity: Option<i64>,
    last_sent: Option<Sent>,
    unknown: Option<(Sent, PortalError)>,
    read_back: Option<ReadBack>,
    errors: Vec<PortalError>,
    refused: Vec<Diagnostic>,
    message: Option<String>,
    /// Requests in flight on the session, by id.
    busy: Vec<(u64, RequestKind)>,
    last_target: Option<SendTarget>,
}

impl PortalState {
    /// Starts reading the profiles file (under `dirs`) and probing the keyring in the
    /// background; `repaint` wakes the UI when any result arrives.
    pub fn new(dirs: AppDirs, repaint: Repaint) -> Self {
        let store = ProfileStore::new(&dirs);
        let mut st = PortalState {
            jobs: Runner::new(repaint.clone(), false),
            repaint,
            dirs,
            store,
            profiles: Vec::new(),
            notice: None,
            secrets: None,
            keyring_problem: None,
            session: None,
            generation: 0,
            opening: None,
            sign_in: None,
            client_cfg: ClientConfig::default(),
            form: PortalForm::default(),
            owner_type_id: 2,
            items: Vec::new(),
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
        // Probing the keyring may wait on D-Bus.
        st.jobs.run(LocalJob::OpenKeyring, || Done::Secrets(crate::secrets::open_os_store()));
        let store = st.store.clone();
        st.jobs.run(LocalJob::LoadProfiles, move || Done::Profiles(store.load()));
        st
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

    /// Selects a profile by name ([`crate::portal::SANDBOX_PROFILE`] starts the built-in sandbox).
    pub fn select(&mut self, name: &str) {
        self.select_profile(name, None);
    }

    /// Restores a remembered target (from the project): entity type, element and activity id.
    /// Call it after [`Self::select`] (choosing a profile clears the target); the element's
    /// title stays empty until the user confirms the id.
    pub fn set_target(&mut self, owner_type_id: i64, owner_id: i64, activity_id: Option<i64>) {
        self.owner_type_id = owner_type_id;
        self.form.item_id_text = owner_id.to_string();
        self.target = Some(ItemSummary { id: owner_id, title: String::new() });
        self.last_activity = activity_id;
        self.last_sent = None;
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.handle.auth_state() == AuthState::SignedIn)
    }

    /// "Send test" without a click (validates first). False when refused or not possible.
    pub fn send_test(&mut self, doc: &Document) -> bool {
        self.is_signed_in() && self.send(doc)
    }

    /// The in-process sandbox while the Sandbox profile is selected (fault injection in tests).
    pub fn sandbox(&self) -> Option<&crate::sandbox::Sandbox> {
        self.session.as_ref()?.sandbox.as_deref()
    }

    /// Last activity id sent (or restored).
    pub fn last_activity(&self) -> Option<i64> {
        self.last_activity
    }

    /// The current target (profile, entity type, element, last activity), if an element is chosen.
    pub fn target(&self) -> Option<SendTarget> {
        Some(SendTarget {
            profile: Some(self.session.as_ref()?.profile.name.clone()),
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
        !self.busy.is_empty() || self.jobs.busy()
    }

    /// Draws the Send panel: applies what arrived, then draws the view. Returns what the user
    /// asked for, to [`Self::apply`] after the frame.
    pub fn draw(&mut self, ui: &mut egui::Ui, out: &mut Vec<UiAction>) -> Vec<PortalIntent> {
        self.poll();
        let mut intents = Vec::new();
        let (view, form) = self.view();
        portal_ui(ui, &view, form, out, &mut intents);
        intents
    }

    /// The read-only view for the panel, and its text fields.
    fn view(&mut self) -> (PortalView<'_>, &mut PortalForm) {
        if let Some(s) = self.session.as_mut() {
            // Copied only when a call was logged since, not every frame.
            let changes = s.handle.log().changes();
            if changes != s.log_seen {
                s.log_seen = changes;
                s.log_entries = s.handle.log().entries();
            }
        }
        let status = self.status_text();
        let secrets = match (&self.secrets, &self.keyring_problem) {
            (None, Some(p)) => SecretsView::Missing(p),
            (None, None) => SecretsView::Probing,
            (Some(s), _) if !s.is_persistent() => SecretsView::SessionOnly(s.backend_name()),
            (Some(_), _) => SecretsView::Persistent,
        };
        let working = self.jobs.running().into_iter().find_map(LocalJob::label);
        let session = self.session.as_ref().map(|s| SessionView {
            name: &s.profile.name,
            is_sandbox: s.profile.name == SANDBOX_PROFILE,
            auth: s.handle.auth_state(),
            owner_types: s.info.as_ref().map(|i| i.owner_types.as_slice()).unwrap_or(default_types()),
            log: &s.log_entries,
        });
        let view = PortalView {
            profiles: &self.profiles,
            notice: self.notice.as_deref(),
            secrets,
            current: self.session.as_ref().map(|s| s.profile.name.as_str()).or(self.opening.as_deref()),
            working,
            saving_profile: self.jobs.busy_with(LocalJob::SaveProfile),
            status,
            session,
            sign_in: self.sign_in.as_ref().map(|s| SignInView { url: &s.url, redirect_uri: &s.redirect_uri }),
            owner_type_id: self.owner_type_id,
            items: &self.items,
            target: self.target.as_ref(),
            last_activity: self.last_activity,
            unknown: self.unknown.as_ref(),
            read_back: self.read_back.as_ref(),
            errors: &self.errors,
            refused: &self.refused,
            message: self.message.as_deref(),
            requests: self.busy.iter().map(|(_, k)| *k).collect(),
            busy: !self.busy.is_empty() || self.jobs.busy(),
        };
        (view, &mut self.form)
    }

    /// Queues a request on the session; remembers it as busy.
    fn request(&mut self, req: Request) {
        if let Some(s) = self.session.as_mut() {
            let kind = req.kind();
            let id = s.handle.send(req);
            self.busy.push((id, kind));
        }
    }
}

/// The built-in entity types, for a portal whose list is not known yet.
fn default_types() -> &'static [crate::portal::OwnerType] {
    static TYPES: std::sync::OnceLock<Vec<crate::portal::OwnerType>> = std::sync::OnceLock::new();
    TYPES.get_or_init(default_owner_types)
}
