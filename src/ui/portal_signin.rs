//! Portal panel: profiles (add, edit, remove, forget credentials, built-in Sandbox), the
//! keyring notice, and the sign-in section (handler address, browser, paste fallback).

use super::portal_panel::{PortalPanel, ProfileEditor, SignIn};
use crate::portal::oauth::{self, DEFAULT_LOOPBACK_PORT, LoopbackListener};
use crate::portal::{AuthState, Profile, Request, SANDBOX_PROFILE};
use std::sync::Arc;
use std::time::Duration;

/// A labelled single-line text field (accessible name = label).
pub(super) fn text_field(ui: &mut egui::Ui, label: &str, value: &mut String, password: bool) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(egui::TextEdit::singleline(value).password(password).desired_width(260.0)).labelled_by(l.id)
    })
    .inner
}

impl PortalPanel {
    pub(super) fn profiles_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Portal");
        if let Some(n) = &self.notice {
            ui.colored_label(ui.visuals().warn_fg_color, n);
        }
        if let Some(problem) = self.keyring_problem.clone()
            && self.secrets.is_none()
        {
            ui.colored_label(ui.visuals().warn_fg_color, problem);
            ui.label("You can keep client secrets and tokens in memory for this session only; they are never written to a file and are gone when the app closes.");
            if ui.button("Keep secrets in memory for this session").clicked() {
                self.use_memory_store();
            }
        } else if let Some(s) = &self.secrets
            && !s.is_persistent()
        {
            ui.label(format!("Secrets are kept in {}.", s.backend_name()));
        }
        // The profile being opened counts as chosen, so the box does not fall back meanwhile.
        let current = self.session.as_ref().map(|s| s.profile.name.clone()).or_else(|| self.opening.clone());
        let mut chosen = None;
        egui::ComboBox::from_label("Profile")
            .selected_text(current.clone().unwrap_or_else(|| "Choose a portal…".into()))
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(current.as_deref() == Some(SANDBOX_PROFILE), "Sandbox (built-in test portal)")
                    .clicked()
                {
                    chosen = Some(SANDBOX_PROFILE.to_string());
                }
                for p in &self.profiles {
                    if ui.selectable_label(current.as_deref() == Some(p.name.as_str()), &p.name).clicked() {
                        chosen = Some(p.name.clone());
                    }
                }
            });
        if let Some(c) = chosen
            && Some(&c) != current.as_ref()
        {
            self.select_profile(&c);
        }
        let running = self.jobs.running_names();
        if let Some(name) = running.iter().find(|n| !matches!(**n, "save cache" | "open browser")) {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(super::portal_jobs::job_label(name));
            });
        }
        ui.horizontal(|ui| {
            if ui.button("Add profile").clicked() {
                self.editor = Some(ProfileEditor {
                    token_endpoint: crate::portal::DEFAULT_TOKEN_ENDPOINT.into(),
                    ..Default::default()
                });
            }
            let editable = current.as_deref().filter(|n| *n != SANDBOX_PROFILE).map(str::to_string);
            if let Some(name) = editable {
                if ui.button("Edit profile").clicked()
                    && let Some(p) = self.profiles.iter().find(|p| p.name == name)
                {
                    self.editor = Some(ProfileEditor {
                        old_name: Some(p.name.clone()),
                        name: p.name.clone(),
                        portal_url: p.portal_url.clone(),
                        client_id: p.client_id.clone(),
                        token_endpoint: p.token_endpoint.clone(),
                        ..Default::default()
                    });
                }
                if ui
                    .button("Forget credentials")
                    .on_hover_text("Delete the client_secret and tokens from the keyring")
                    .clicked()
                {
                    self.request(Request::ForgetCredentials);
                }
                if ui.button("Remove profile").clicked() {
                    self.remove_profile(&name);
                }
            }
        });
        self.editor_ui(ui);
    }

    fn remove_profile(&mut self, name: &str) {
        let Some(secrets) = self.secrets.clone() else { return };
        self.remove_profile_in_background(name.to_string(), secrets);
    }

    fn editor_ui(&mut self, ui: &mut egui::Ui) {
        if self.editor.is_none() {
            return;
        }
        let saving = self.jobs.busy_with("save profile");
        let Some(ed) = self.editor.as_mut() else { return };
        let mut save = false;
        let mut cancel = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(if ed.old_name.is_some() { "Edit profile" } else { "New profile" });
            text_field(ui, "Name", &mut ed.name, false);
            text_field(ui, "Portal address", &mut ed.portal_url, false);
            text_field(ui, "client_id", &mut ed.client_id, false);
            text_field(ui, "client_secret", &mut ed.client_secret, true);
            ui.small("Leave client_secret empty to keep the stored one. It is kept only in the keyring.");
            text_field(ui, "Token endpoint", &mut ed.token_endpoint, false);
            if let Some(e) = &ed.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                save = ui.add_enabled(!saving, egui::Button::new("Save profile")).clicked();
                cancel = ui.button("Cancel").clicked();
                if saving {
                    ui.spinner();
                }
            });
        });
        if cancel {
            self.editor = None;
        } else if save {
            self.save_editor();
        }
    }

    fn save_editor(&mut self) {
        let Some(ed) = self.editor.clone() else { return };
        let mut p = Profile::new(&ed.name, &ed.portal_url, &ed.client_id);
        if !ed.token_endpoint.trim().is_empty() {
            p.token_endpoint = ed.token_endpoint.trim().to_string();
        }
        if let Some(old) = self.profiles.iter().find(|x| Some(&x.name) == ed.old_name.as_ref()) {
            p.member_id = old.member_id.clone();
        }
        if !ed.client_secret.trim().is_empty() && self.secrets.is_none() {
            self.set_editor_error("No place to keep the client_secret yet: choose it above first.");
            return;
        }
        // Checked here too so a typo is reported without a trip to the disk.
        if let Err(e) = p.check() {
            self.set_editor_error(&e);
            return;
        }
        self.set_editor_error_none();
        let secret = Some(ed.client_secret.trim().to_string()).filter(|s| !s.is_empty());
        // The editor stays open until the file is written; `on_done` closes it and opens the profile.
        self.save_profile_in_background(ed.old_name.clone(), p, secret);
    }

    fn set_editor_error_none(&mut self) {
        if let Some(ed) = self.editor.as_mut() {
            ed.error = None;
        }
    }

    pub(super) fn set_editor_error(&mut self, e: &str) {
        if let Some(ed) = self.editor.as_mut() {
            ed.error = Some(e.to_string());
        }
    }

    pub(super) fn sign_in_ui(&mut self, ui: &mut egui::Ui) {
        let Some(s) = &self.session else { return };
        let state = s.handle.auth_state();
        let is_sandbox = s.profile.name == SANDBOX_PROFILE;
        ui.horizontal(|ui| {
            ui.label("Status:");
            ui.label(self.status_text());
        });
        if let AuthState::SignInAgain(why) = &state {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Sign in again: {why}"));
        }
        if self.busy_with("sign in") && self.sign_in.is_none() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Signing in…");
            });
        }
        ui.horizontal(|ui| {
            let label = if state == AuthState::SignedIn { "Sign in again" } else { "Sign in" };
            if ui.button(label).clicked() {
                if is_sandbox {
                    self.request(Request::ApproveHeadless);
                } else {
                    self.start_sign_in();
                }
            }
            if state == AuthState::SignedIn && ui.button("Reconnect").clicked() {
                self.request(Request::Connect);
            }
        });
        self.sign_in_details_ui(ui);
    }

    fn start_sign_in(&mut self) {
        // Already waiting: reopen the same page rather than binding another port.
        if let Some(si) = &self.sign_in {
            let url = si.url.clone();
            self.open_browser(url);
            return;
        }
        let Some(s) = &self.session else { return };
        let profile = s.profile.clone();
        let listener = match LoopbackListener::bind(DEFAULT_LOOPBACK_PORT).or_else(|_| LoopbackListener::bind(0)) {
            Ok(l) => l,
            Err(e) => {
                self.errors = vec![e];
                return;
            }
        };
        let state = oauth::random_state();
        let url = match oauth::authorize_url(&profile.portal_url, &profile.client_id, &state) {
            Ok(u) => u,
            Err(e) => {
                self.errors = vec![e];
                return;
            }
        };
        let redirect_uri = listener.redirect_uri();
        self.open_browser(url.clone());
        let cancel = Arc::new(tokio::sync::Notify::new());
        let timeout = Duration::from_secs(600);
        self.request(Request::AwaitRedirect { listener, state: state.clone(), timeout, cancel: cancel.clone() });
        self.sign_in = Some(SignIn { state, cancel, url, redirect_uri, paste: String::new() });
    }

    fn sign_in_details_ui(&mut self, ui: &mut egui::Ui) {
        let Some(si) = self.sign_in.as_mut() else { return };
        let mut paste_submit = None;
        let mut cancel = false;
        let mut open = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Waiting for the browser to come back…");
            });
            ui.label("Handler address (enter it in the portal's local application form):");
            ui.horizontal(|ui| {
                ui.monospace(&si.redirect_uri);
                if ui.button("Copy handler address").clicked() {
                    ui.ctx().copy_text(si.redirect_uri.clone());
                }
            });
            ui.small(oauth::handler_address_note(&si.redirect_uri));
            ui.horizontal(|ui| {
                if ui.button("Open sign-in page in browser").clicked() {
                    open = Some(si.url.clone());
                }
                if ui.button("Copy sign-in address").clicked() {
                    ui.ctx().copy_text(si.url.clone());
                }
            });
            let r = text_field(ui, "Redirected address", &mut si.paste, false);
            ui.horizontal(|ui| {
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("Use pasted address").clicked() || enter) && !si.paste.trim().is_empty() {
                    paste_submit = Some(oauth::parse_redirected_address(&si.paste, &si.state));
                }
                cancel = ui.button("Cancel sign-in").clicked();
            });
        });
        if let Some(url) = open {
            self.open_browser(url);
        }
        match paste_submit {
            Some(Ok(code)) => self.request(Request::ExchangeCode(code)),
            Some(Err(e)) => self.errors = vec![e],
            None => {}
        }
        if cancel {
            self.end_sign_in();
        }
    }
}
