//! The portal panel: profiles, sign-in, send target, send/update/read back/delete/check,
//! errors that select their node, and the request log. It draws a read-only [`PortalView`] the
//! app builds each frame, edits only its own text fields ([`PortalForm`]) and emits
//! [`PortalIntent`]s; the app's portal state applies them after the frame and does every
//! file, keyring, socket, browser and network step in the background.

mod profiles;
mod results;
mod send;
mod signin;

use crate::layout::Diagnostic;
use crate::portal::{AuthState, ItemSummary, LogEntry, OwnerType, PortalError, Profile, ReadBack, RequestKind, Sent};
use crate::ui::UiAction;
use std::time::Instant;

/// What the user asked for; the app applies it after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum PortalIntent {
    /// Keep secrets in memory for this session (no keyring service).
    UseMemoryStore,
    /// Open a profile ([`crate::portal::SANDBOX_PROFILE`] starts the built-in sandbox).
    SelectProfile(String),
    /// Save the profile editor's contents (checked by the app first).
    SaveProfile(ProfileEditor),
    RemoveProfile(String),
    ForgetCredentials,
    /// Sign in (again): the browser flow, or the sandbox's headless approval.
    SignIn,
    Reconnect,
    /// Open the sign-in page in the browser again.
    OpenSignInPage,
    /// A redirected address pasted by the user.
    PasteRedirect(String),
    CancelSignIn,
    PickOwnerType(i64),
    /// Search elements (the form's query, after the debounce).
    Search(String),
    /// Confirm a typed element id (the text as typed).
    ConfirmId(String),
    PickItem(ItemSummary),
    /// "Send test": validates the document first.
    Send,
    Update,
    ReadBack,
    Delete,
    /// After an unknown outcome: look the activity up by its originId.
    Check,
    /// After an unknown outcome: send what was sent then once more.
    SendAgain,
    OpenElementInBrowser,
}

/// A profile being added or edited.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProfileEditor {
    pub old_name: Option<String>,
    pub name: String,
    pub portal_url: String,
    pub client_id: String,
    pub token_endpoint: String,
    pub client_secret: String,
    pub error: Option<String>,
}

/// The panel's own text fields; the app writes into them when a reply fills one (an element
/// id confirmed, a saved editor closed).
#[derive(Clone, Debug, Default)]
pub struct PortalForm {
    pub editor: Option<ProfileEditor>,
    pub item_query: String,
    /// When the query last changed (the search waits for typing to pause).
    pub query_changed: Option<Instant>,
    pub item_id_text: String,
    /// The redirected address pasted during a sign-in.
    pub paste: String,
}

/// Where secrets are kept, as far as the panel shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretsView<'a> {
    /// The keyring probe still runs.
    Probing,
    /// No keyring: the panel offers the memory store.
    Missing(&'a str),
    /// A store that forgets at exit (its name).
    SessionOnly(String),
    Persistent,
}

/// The open profile.
#[derive(Clone, Debug)]
pub struct SessionView<'a> {
    pub name: &'a str,
    pub is_sandbox: bool,
    pub auth: AuthState,
    pub owner_types: &'a [OwnerType],
    /// The request log of this portal (oldest first).
    pub log: &'a [LogEntry],
}

/// An open browser sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignInView<'a> {
    pub url: &'a str,
    pub redirect_uri: &'a str,
}

/// Everything the panel draws, read-only.
pub struct PortalView<'a> {
    pub profiles: &'a [Profile],
    pub notice: Option<&'a str>,
    pub secrets: SecretsView<'a>,
    /// The open profile, or the one being opened.
    pub current: Option<&'a str>,
    /// What local work runs ("Opening the profile…"), if any worth a spinner.
    pub working: Option<&'static str>,
    pub saving_profile: bool,
    /// "Jane Doe @ acme.bitrix24.com", "Sandbox: opening…".
    pub status: String,
    pub session: Option<SessionView<'a>>,
    pub sign_in: Option<SignInView<'a>>,
    pub owner_type_id: i64,
    pub items: &'a [ItemSummary],
    pub target: Option<&'a ItemSummary>,
    pub last_activity: Option<i64>,
    pub unknown: Option<&'a (Sent, PortalError)>,
    pub read_back: Option<&'a ReadBack>,
    pub errors: &'a [PortalError],
    pub refused: &'a [Diagnostic],
    pub message: Option<&'a str>,
    /// Portal requests in flight.
    pub requests: Vec<RequestKind>,
    /// Any request or local job runs.
    pub busy: bool,
}

impl PortalView<'_> {
    pub fn busy_with(&self, kind: RequestKind) -> bool {
        self.requests.contains(&kind)
    }
    pub fn writing(&self) -> bool {
        self.requests.iter().any(|k| k.is_write())
    }
    pub fn signed_in(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.auth == AuthState::SignedIn)
    }
}

/// A labelled single-line text field (accessible name = label).
fn text_field(ui: &mut egui::Ui, label: &str, value: &mut String, password: bool) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(egui::TextEdit::singleline(value).password(password).desired_width(260.0)).labelled_by(l.id)
    })
    .inner
}

/// Draws the panel. Never blocks and never touches disk, keyring or network.
pub fn portal_ui(
    ui: &mut egui::Ui,
    view: &PortalView,
    form: &mut PortalForm,
    out: &mut Vec<UiAction>,
    intents: &mut Vec<PortalIntent>,
) {
    egui::ScrollArea::vertical().id_salt("portal_panel_scroll").show(ui, |ui| {
        profiles::profiles_ui(ui, view, form, intents);
        ui.separator();
        signin::sign_in_ui(ui, view, form, intents);
        if view.session.is_some() {
            ui.separator();
            send::target_ui(ui, view, form, intents);
            ui.separator();
            send::send_ui(ui, view, out, intents);
        }
        results::messages_ui(ui, view, out);
        ui.separator();
        results::log_ui(ui, view);
    });
    if view.busy {
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(250));
    }
}
