//! Portal panel: profiles (add, edit, remove, forget credentials, built-in Sandbox) and the
//! keyring notice.

use super::{PortalForm, PortalIntent, PortalView, ProfileEditor, SecretsView, text_field};
use crate::portal::SANDBOX_PROFILE;

pub(super) fn profiles_ui(
    ui: &mut egui::Ui,
    view: &PortalView,
    form: &mut PortalForm,
    intents: &mut Vec<PortalIntent>,
) {
    ui.heading("Portal");
    if let Some(n) = view.notice {
        ui.colored_label(ui.visuals().warn_fg_color, n);
    }
    match &view.secrets {
        SecretsView::Missing(problem) => {
            ui.colored_label(ui.visuals().warn_fg_color, *problem);
            ui.label("You can keep client secrets and tokens in memory for this session only; they are never written to a file and are gone when the app closes.");
            if ui.button("Keep secrets in memory for this session").clicked() {
                intents.push(PortalIntent::UseMemoryStore);
            }
        }
        SecretsView::SessionOnly(backend) => {
            ui.label(format!("Secrets are kept in {backend}."));
        }
        SecretsView::Probing | SecretsView::Persistent => {}
    }
    // The profile being opened counts as chosen, so the box does not fall back meanwhile.
    let current = view.current;
    let mut chosen = None;
    egui::ComboBox::from_label("Profile").selected_text(current.unwrap_or("Choose a portal…")).show_ui(ui, |ui| {
        if ui.selectable_label(current == Some(SANDBOX_PROFILE), "Sandbox (built-in test portal)").clicked() {
            chosen = Some(SANDBOX_PROFILE.to_string());
        }
        for p in view.profiles {
            if ui.selectable_label(current == Some(p.name.as_str()), &p.name).clicked() {
                chosen = Some(p.name.clone());
            }
        }
    });
    if let Some(c) = chosen
        && Some(c.as_str()) != current
    {
        intents.push(PortalIntent::SelectProfile(c));
    }
    if let Some(label) = view.working {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(label);
        });
    }
    ui.horizontal(|ui| {
        if ui.button("Add profile").clicked() {
            form.editor = Some(ProfileEditor {
                token_endpoint: crate::portal::DEFAULT_TOKEN_ENDPOINT.into(),
                ..Default::default()
            });
        }
        if let Some(name) = current.filter(|n| *n != SANDBOX_PROFILE) {
            if ui.button("Edit profile").clicked()
                && let Some(p) = view.profiles.iter().find(|p| p.name == name)
            {
                form.editor = Some(ProfileEditor {
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
                intents.push(PortalIntent::ForgetCredentials);
            }
            if ui.button("Remove profile").clicked() {
                intents.push(PortalIntent::RemoveProfile(name.to_string()));
            }
        }
    });
    editor_ui(ui, view, form, intents);
}

fn editor_ui(ui: &mut egui::Ui, view: &PortalView, form: &mut PortalForm, intents: &mut Vec<PortalIntent>) {
    let saving = view.saving_profile;
    let Some(ed) = form.editor.as_mut() else { return };
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
        form.editor = None;
    } else if save {
        // The editor stays open until the file is written; the app closes it then.
        intents.push(PortalIntent::SaveProfile(ed.clone()));
    }
}
