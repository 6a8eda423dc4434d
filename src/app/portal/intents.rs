//! Applying the Send panel's intents after the frame: each becomes a portal request or a local
//! job, never work on the UI thread.

use super::PortalState;
use super::service::{self, Done, LocalJob};
use crate::edit::Document;
use crate::portal::items::element_url;
use crate::portal::send::{self, SendJob};
use crate::portal::{ItemSummary, Profile, Request, SANDBOX_PROFILE, oauth};
use crate::secrets::MemoryStore;
use crate::ui::portal::{PortalIntent, ProfileEditor};
use std::sync::Arc;

impl PortalState {
    /// Applies what the panel asked for; `doc` is what a send sends.
    pub fn apply(&mut self, intents: Vec<PortalIntent>, doc: &Document) {
        for i in intents {
            self.apply_one(i, doc);
        }
    }

    fn apply_one(&mut self, intent: PortalIntent, doc: &Document) {
        match intent {
            PortalIntent::UseMemoryStore => self.secrets = Some(Arc::new(MemoryStore::new())),
            PortalIntent::SelectProfile(name) => self.select_profile(&name, None),
            PortalIntent::SaveProfile(ed) => self.save_profile(ed),
            PortalIntent::RemoveProfile(name) => self.remove_profile(name),
            PortalIntent::ForgetCredentials => self.request(Request::ForgetCredentials),
            PortalIntent::SignIn => self.start_sign_in(),
            PortalIntent::Reconnect => self.request(Request::Connect),
            PortalIntent::OpenSignInPage => {
                if let Some(url) = self.sign_in.as_ref().map(|s| s.url.clone()) {
                    self.open_browser(url);
                }
            }
            PortalIntent::PasteRedirect(text) => {
                let Some(si) = &self.sign_in else { return };
                match oauth::parse_redirected_address(&text, &si.state) {
                    Ok(code) => self.request(Request::ExchangeCode(code)),
                    Err(e) => self.errors = vec![e],
                }
            }
            PortalIntent::CancelSignIn => self.end_sign_in(),
            PortalIntent::PickOwnerType(id) => {
                self.owner_type_id = id;
                self.items.clear();
                self.target = None;
            }
            PortalIntent::Search(text) => {
                let entity_type_id = self.owner_type_id;
                self.request(Request::SearchItems { entity_type_id, text });
            }
            PortalIntent::ConfirmId(text) => match text.trim().parse::<i64>() {
                Ok(id) if id > 0 => self.request(Request::GetItem { entity_type_id: self.owner_type_id, id }),
                _ => self.message = Some("Element id: enter a positive number.".into()),
            },
            PortalIntent::PickItem(item) => {
                self.form.item_id_text = item.id.to_string();
                self.target = Some(item);
            }
            PortalIntent::Send => {
                self.send(doc);
            }
            PortalIntent::Update => {
                if let (Some(job), Some(id)) = (self.checked_job(doc), self.last_activity) {
                    self.request(Request::Update { activity_id: id, job });
                }
            }
            PortalIntent::ReadBack => {
                if let Some(id) = self.last_activity {
                    self.request(Request::ReadBack { activity_id: id, sent: self.last_sent.clone() });
                }
            }
            PortalIntent::Delete => {
                if let Some(id) = self.last_activity {
                    self.request(Request::Delete { activity_id: id });
                }
            }
            PortalIntent::Check => {
                if let Some((sent, _)) = &self.unknown {
                    let origin_id = sent.origin_id.clone();
                    self.request(Request::Check { origin_id });
                }
            }
            PortalIntent::SendAgain => self.send_again(),
            PortalIntent::OpenElementInBrowser => {
                if let (Some(s), Some(t)) = (&self.session, &self.target) {
                    let url = element_url(&s.profile.portal_url, self.owner_type_id, t.id);
                    self.open_browser(url);
                }
            }
        }
    }

    /// Opens the session for a profile in the background (the built-in sandbox starts there);
    /// `secret` (a client_secret just typed) is stored once it is open.
    pub(super) fn select_profile(&mut self, name: &str, secret: Option<String>) {
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

    fn open_in_background(&mut self, name: &str, secret: Option<String>) {
        self.generation += 1;
        let generation = self.generation;
        let (cfg, dirs) = (self.client_cfg.clone(), self.dirs.clone());
        if name == SANDBOX_PROFILE {
            self.opening = Some(name.to_string());
            self.jobs.run(LocalJob::OpenProfile, move || Done::Opened {
                generation,
                result: Box::new(service::open_sandbox(cfg, &dirs)),
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
        self.jobs.run(LocalJob::OpenProfile, move || Done::Opened {
            generation,
            result: Box::new(service::open_profile(profile, secrets, cfg, &dirs)),
            secret,
        });
    }

    /// Ends the current session; a running sandbox is stopped (and joined) off the UI thread.
    fn close_session(&mut self) {
        if let Some(s) = self.session.take()
            && s.sandbox.is_some()
        {
            self.jobs.run(LocalJob::CloseProfile, move || {
                drop(s);
                Done::Closed
            });
        }
    }

    /// Closes the sign-in box and stops its loopback wait.
    pub(super) fn end_sign_in(&mut self) {
        if let Some(si) = self.sign_in.take() {
            si.cancel.notify_one();
        }
    }

    fn save_profile(&mut self, ed: ProfileEditor) {
        let mut p = Profile::new(&ed.name, &ed.portal_url, &ed.client_id);
        if !ed.token_endpoint.trim().is_empty() {
            p.token_endpoint = ed.token_endpoint.trim().to_string();
        }
        if let Some(old) = self.profiles.iter().find(|x| Some(&x.name) == ed.old_name.as_ref()) {
            p.member_id = old.member_id.clone();
        }
        if !ed.client_secret.trim().is_empty() && self.secrets.is_none() {
            self.set_editor_error(Some("No place to keep the client_secret yet: choose it above first.".into()));
            return;
        }
        // Checked here too so a typo is reported without a trip to the disk.
        if let Err(e) = p.check() {
            self.set_editor_error(Some(e));
            return;
        }
        self.set_editor_error(None);
        let secret = Some(ed.client_secret.trim().to_string()).filter(|s| !s.is_empty());
        let (store, select, old_name) = (self.store.clone(), p.name.clone(), ed.old_name);
        // The editor stays open until the file is written; `on_done` closes it and opens the profile.
        self.jobs.run(LocalJob::SaveProfile, move || {
            let result = service::reload(&store, store.upsert(old_name.as_deref(), p));
            Done::Saved { result, select, secret }
        });
    }

    fn remove_profile(&mut self, name: String) {
        let Some(secrets) = self.secrets.clone() else { return };
        if self.session.as_ref().is_some_and(|s| s.profile.name == name) {
            self.close_session();
        }
        if self.opening.as_deref() == Some(name.as_str()) {
            // Its open is still running: make it stale so it never becomes the session.
            self.generation += 1;
            self.opening = None;
        }
        let store = self.store.clone();
        self.jobs.run(LocalJob::RemoveProfile, move || {
            let result = service::reload(&store, store.remove(&name, secrets.as_ref()));
            Done::Removed { name, result }
        });
    }

    /// The sandbox approves headless; a portal gets a loopback listener (bound in the
    /// background) and the browser. Already waiting: reopen the same page.
    fn start_sign_in(&mut self) {
        let Some(s) = &self.session else { return };
        if s.profile.name == SANDBOX_PROFILE {
            self.request(Request::ApproveHeadless);
            return;
        }
        if let Some(url) = self.sign_in.as_ref().map(|si| si.url.clone()) {
            self.open_browser(url);
            return;
        }
        if self.jobs.busy_with(LocalJob::PrepareSignIn) {
            return;
        }
        let (profile, generation) = (s.profile.clone(), self.generation);
        self.jobs.run(LocalJob::PrepareSignIn, move || Done::SignInReady {
            generation,
            result: Box::new(service::prepare_sign_in(&profile)),
        });
    }

    fn open_browser(&mut self, url: String) {
        self.jobs.run(LocalJob::OpenBrowser, move || service::open_browser(url));
    }

    fn job(&self, doc: &Document) -> Option<SendJob> {
        let t = self.target.as_ref()?;
        Some(SendJob {
            owner_type_id: self.owner_type_id,
            owner_id: t.id,
            fields: doc.fields().clone(),
            layout: doc.layout().clone(),
            catalog: self.catalog().cloned(),
        })
    }

    /// Validates first; refuses (and lists the errors) when any is an error.
    fn checked_job(&mut self, doc: &Document) -> Option<SendJob> {
        let job = self.job(doc)?;
        match send::validate(&job) {
            Ok(_) => {
                self.refused.clear();
                Some(job)
            }
            Err(d) => {
                self.refused = d.into_iter().filter(|x| x.is_error()).collect();
                self.message = Some("Not sent: fix the errors below first.".into());
                None
            }
        }
    }

    /// "Send test": false when refused or there is no target.
    pub(super) fn send(&mut self, doc: &Document) -> bool {
        match self.checked_job(doc) {
            Some(job) => {
                self.unknown = None;
                self.request(Request::Send(job));
                true
            }
            None => false,
        }
    }

    /// Sends exactly what was sent before the unknown outcome once more.
    fn send_again(&mut self) {
        let (Some((sent, _)), Some(ItemSummary { id, .. })) = (&self.unknown, &self.target) else { return };
        let job = SendJob {
            owner_type_id: self.owner_type_id,
            owner_id: *id,
            fields: sent.fields.clone(),
            layout: sent.layout.clone(),
            catalog: self.catalog().cloned(),
        };
        self.unknown = None;
        self.request(Request::Send(job));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(root: &std::path::Path) -> PortalState {
        PortalState::new(crate::portal::AppDirs::under(root), Arc::new(|| {}))
    }

    #[test]
    fn a_bad_element_id_is_refused_without_a_request() {
        let tmp = tempfile::tempdir().unwrap();
        let mut st = state(tmp.path());
        st.apply(vec![PortalIntent::ConfirmId("0".into())], &Document::default());
        assert_eq!(st.message(), Some("Element id: enter a positive number."));
        assert!(st.busy.is_empty());
    }

    #[test]
    fn a_profile_with_plain_http_to_a_remote_portal_stays_in_the_editor_with_its_error() {
        let tmp = tempfile::tempdir().unwrap();
        let mut st = state(tmp.path());
        let ed = ProfileEditor {
            name: "bad".into(),
            portal_url: "http://acme.com".into(),
            client_id: "x".into(),
            ..Default::default()
        };
        st.form.editor = Some(ed.clone());
        st.apply(vec![PortalIntent::SaveProfile(ed)], &Document::default());
        let error = st.form.editor.as_ref().and_then(|e| e.error.clone());
        assert!(error.is_some(), "the editor shows why");
        assert!(!st.jobs.busy_with(LocalJob::SaveProfile), "nothing is written");
    }

    #[test]
    fn choosing_another_entity_type_clears_the_element() {
        let tmp = tempfile::tempdir().unwrap();
        let mut st = state(tmp.path());
        st.set_target(2, 7, Some(3));
        st.apply(vec![PortalIntent::PickOwnerType(3)], &Document::default());
        assert_eq!(st.owner_type_id, 3);
        assert!(st.target.is_none());
    }
}
