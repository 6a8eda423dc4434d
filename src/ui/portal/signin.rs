//! Portal panel: the sign-in section (status, handler address, browser, paste fallback).

use super::{PortalForm, PortalIntent, PortalView, text_field};
use crate::portal::{AuthState, RequestKind, oauth};

pub(super) fn sign_in_ui(ui: &mut egui::Ui, view: &PortalView, form: &mut PortalForm, intents: &mut Vec<PortalIntent>) {
    let Some(s) = &view.session else { return };
    ui.horizontal(|ui| {
        ui.label("Status:");
        ui.label(&view.status);
    });
    if let AuthState::SignInAgain(why) = &s.auth {
        ui.colored_label(ui.visuals().warn_fg_color, format!("Sign in again: {why}"));
    }
    if view.busy_with(RequestKind::SignIn) && view.sign_in.is_none() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Signing in…");
        });
    }
    ui.horizontal(|ui| {
        let signed_in = s.auth == AuthState::SignedIn;
        if ui.button(if signed_in { "Sign in again" } else { "Sign in" }).clicked() {
            intents.push(PortalIntent::SignIn);
        }
        if signed_in && ui.button("Reconnect").clicked() {
            intents.push(PortalIntent::Reconnect);
        }
    });
    details_ui(ui, view, form, intents);
}

fn details_ui(ui: &mut egui::Ui, view: &PortalView, form: &mut PortalForm, intents: &mut Vec<PortalIntent>) {
    let Some(si) = view.sign_in else { return };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Waiting for the browser to come back…");
        });
        ui.label("Handler address (enter it in the portal's local application form):");
        ui.horizontal(|ui| {
            ui.monospace(si.redirect_uri);
            if ui.button("Copy handler address").clicked() {
                ui.ctx().copy_text(si.redirect_uri.to_string());
            }
        });
        ui.small(oauth::handler_address_note(si.redirect_uri));
        ui.horizontal(|ui| {
            if ui.button("Open sign-in page in browser").clicked() {
                intents.push(PortalIntent::OpenSignInPage);
            }
            if ui.button("Copy sign-in address").clicked() {
                ui.ctx().copy_text(si.url.to_string());
            }
        });
        let r = text_field(ui, "Redirected address", &mut form.paste, false);
        ui.horizontal(|ui| {
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Use pasted address").clicked() || enter) && !form.paste.trim().is_empty() {
                intents.push(PortalIntent::PasteRedirect(form.paste.clone()));
            }
            if ui.button("Cancel sign-in").clicked() {
                intents.push(PortalIntent::CancelSignIn);
            }
        });
    });
}
