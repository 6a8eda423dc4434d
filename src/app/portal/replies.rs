//! Applying what came back: finished local jobs and portal replies (status, catalog, send
//! outcomes). Never waits.

use super::service::{self, Done, LocalJob, Opened, Session, SignInReady};
use super::{PortalState, SignIn};
use crate::portal::{PortalError, PortalHandle, Reply, Request, Response, SANDBOX_PROFILE, SendOutcome};
use crate::project::SendTarget;
use std::sync::Arc;
use std::time::Duration;

/// How long the loopback listener waits for the browser.
const SIGN_IN_WAIT: Duration = Duration::from_secs(600);

impl PortalState {
    /// Applies every result that arrived: local jobs and portal replies. Never waits. The app
    /// calls it **every frame**, also while the Send tab is hidden, so the status bar and the
    /// validator's catalog stay current; [`Self::draw`] calls it too, and a second call in the
    /// same frame finds nothing.
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

    fn on_done(&mut self, d: Done) {
        match d {
            Done::Secrets(Ok(s)) => self.secrets = Some(s),
            Done::Secrets(Err(e)) => self.keyring_problem = Some(e),
            Done::Profiles(Ok(p)) => self.profiles = p,
            Done::Profiles(Err(e)) => self.notice = Some(format!("Profiles could not be read: {e}")),
            Done::Saved { result: Ok(p), select, secret } => {
                self.profiles = p;
                self.form.editor = None;
                self.select_profile(&select, secret);
            }
            Done::Saved { result: Err(e), .. } => self.set_editor_error(Some(e)),
            Done::Removed { name, result: Ok(p) } => {
                self.profiles = p;
                self.message = Some(format!("Removed profile \"{name}\" and its credentials."));
            }
            Done::Removed { result: Err(e), .. } => self.notice = Some(e),
            Done::MemberId(Ok(p)) => self.profiles = p,
            Done::MemberId(Err(e)) => self.notice = Some(format!("member_id could not be saved: {e}")),
            Done::Opened { generation, result, secret } => self.on_opened(generation, *result, secret),
            Done::SignInReady { generation, result } => self.on_sign_in_ready(generation, *result),
            Done::CacheSaved(Err(e)) => tracing::warn!("portal lists not cached: {e}"),
            Done::CacheSaved(Ok(())) | Done::Closed => {}
            Done::Browser { url, opened: false } => {
                self.message = Some(format!("No browser could be opened: open {url} yourself."));
            }
            Done::Browser { opened: true, .. } => {}
        }
    }

    pub(super) fn set_editor_error(&mut self, e: Option<String>) {
        if let Some(ed) = self.form.editor.as_mut() {
            ed.error = e;
        }
    }

    fn on_opened(&mut self, generation: u64, result: Result<Opened, PortalError>, secret: Option<String>) {
        if generation != self.generation {
            // Another profile was chosen meanwhile: stop this one's sandbox off the UI thread.
            if let Ok(Opened { sandbox: Some(sb), .. }) = result {
                self.jobs.run(LocalJob::CloseProfile, move || {
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
        self.session = Some(Session {
            profile: o.profile,
            handle,
            info,
            catalog,
            offline: true,
            sandbox: o.sandbox,
            log_seen: 0,
            log_entries: Vec::new(),
        });
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

    /// The listener is bound: open the browser and wait for its redirect.
    fn on_sign_in_ready(&mut self, generation: u64, result: Result<SignInReady, PortalError>) {
        if generation != self.generation || self.session.is_none() || self.sign_in.is_some() {
            // Another profile was chosen, or a sign-in is already open: the listener is dropped.
            return;
        }
        let SignInReady { listener, state, url } = match result {
            Ok(r) => r,
            Err(e) => {
                self.errors = vec![e];
                return;
            }
        };
        let redirect_uri = listener.redirect_uri();
        let u = url.clone();
        self.jobs.run(LocalJob::OpenBrowser, move || service::open_browser(u));
        let cancel = Arc::new(tokio::sync::Notify::new());
        self.request(Request::AwaitRedirect {
            listener,
            state: state.clone(),
            timeout: SIGN_IN_WAIT,
            cancel: cancel.clone(),
        });
        self.form.paste.clear();
        self.sign_in = Some(SignIn { state, cancel, url, redirect_uri });
    }

    fn on_response(&mut self, r: Response) {
        let reply = match r.result {
            Ok(reply) => reply,
            Err(e) => {
                // "Not signed in" is a state shown in the sign-in section, not an error.
                if !e.class().is_quiet() {
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
                    let (dirs, i, c) = (self.dirs.clone(), info.clone(), catalog.clone());
                    self.jobs.run(LocalJob::SaveCache, move || {
                        Done::CacheSaved(crate::portal::connect::save_cache(&dirs, &profile, &i, &c))
                    });
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
                    let (name, m, store) = (s.profile.name.clone(), m.clone(), self.store.clone());
                    self.jobs.run(LocalJob::SaveMemberId, move || {
                        Done::MemberId(service::reload(&store, store.set_member_id(&name, &m)))
                    });
                }
                self.request(Request::Connect);
            }
            Reply::Forgotten => self.message = Some("Credentials forgotten: client_secret and tokens removed.".into()),
            Reply::Items { text, items } => {
                if text == self.form.item_query {
                    self.items = items;
                }
            }
            Reply::Item(item) => {
                self.form.item_id_text = item.id.to_string();
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

    fn remember_target(&mut self, activity_id: Option<i64>) {
        if let (Some(s), Some(t)) = (&self.session, &self.target) {
            self.last_target = Some(SendTarget {
                profile: Some(s.profile.name.clone()),
                owner_type_id: self.owner_type_id,
                owner_id: t.id,
                activity_id,
            });
        }
    }
}
