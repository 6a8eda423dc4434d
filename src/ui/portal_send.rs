//! Portal panel: the send target (entity type + element search or id), the send buttons,
//! outcomes, errors that select their node, the read-back diff and the request log.

use super::portal_panel::PortalPanel;
use super::portal_signin::text_field;
use crate::portal::connect::default_owner_types;
use crate::portal::items::element_url;
use crate::portal::send::{self, SendJob};
use crate::portal::{AuthState, DiffKind, Request};
use crate::ui::{PanelCtx, UiAction};
use std::time::{Duration, Instant};

const SEARCH_DEBOUNCE: Duration = Duration::from_millis(350);

impl PortalPanel {
    pub(super) fn target_ui(&mut self, ui: &mut egui::Ui) {
        let Some(s) = &self.session else { return };
        ui.strong("Target");
        let types = s.info.as_ref().map(|i| i.owner_types.clone()).unwrap_or_else(default_owner_types);
        let current = types
            .iter()
            .find(|t| t.id == self.owner_type_id)
            .map(|t| format!("{} ({})", t.name, t.id))
            .unwrap_or_else(|| self.owner_type_id.to_string());
        let mut picked = None;
        egui::ComboBox::from_label("Entity type").selected_text(current).show_ui(ui, |ui| {
            for t in &types {
                if ui.selectable_label(t.id == self.owner_type_id, format!("{} ({})", t.name, t.id)).clicked() {
                    picked = Some(t.id);
                }
            }
        });
        if let Some(id) = picked
            && id != self.owner_type_id
        {
            self.owner_type_id = id;
            self.items.clear();
            self.target = None;
            self.query_changed = Some(Instant::now() - SEARCH_DEBOUNCE);
        }
        if text_field(ui, "Search element", &mut self.item_query, false).changed() {
            self.query_changed = Some(Instant::now());
        }
        self.debounce_search(ui.ctx());
        let mut chosen = None;
        if !self.items.is_empty() {
            egui::ScrollArea::vertical().id_salt("portal_items").max_height(140.0).show(ui, |ui| {
                for it in &self.items {
                    let on = self.target.as_ref().is_some_and(|t| t.id == it.id);
                    if ui.selectable_label(on, format!("#{} {}", it.id, it.title)).clicked() {
                        chosen = Some(it.clone());
                    }
                }
            });
        }
        if let Some(c) = chosen {
            self.item_id_text = c.id.to_string();
            self.target = Some(c);
        }
        ui.horizontal(|ui| {
            let r = text_field(ui, "Element id", &mut self.item_id_text, false);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Confirm id").clicked() || enter {
                match self.item_id_text.trim().parse::<i64>() {
                    Ok(id) if id > 0 => self.request(Request::GetItem { entity_type_id: self.owner_type_id, id }),
                    _ => self.message = Some("Element id: enter a positive number.".into()),
                }
            }
        });
        match &self.target {
            Some(t) => ui.label(format!("Target: #{} {}", t.id, t.title)),
            None => ui.label("Target: none yet — search or confirm an id."),
        };
    }

    fn debounce_search(&mut self, ctx: &egui::Context) {
        let Some(at) = self.query_changed else { return };
        let left = SEARCH_DEBOUNCE.saturating_sub(at.elapsed());
        if !left.is_zero() {
            ctx.request_repaint_after(left);
            return;
        }
        if self.busy_with("search") {
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        }
        self.query_changed = None;
        if self.session.as_ref().is_some_and(|s| s.handle.auth_state() == AuthState::SignedIn) {
            self.request(Request::SearchItems { entity_type_id: self.owner_type_id, text: self.item_query.clone() });
        }
    }

    fn job(&self, ctx: &PanelCtx) -> Option<SendJob> {
        let t = self.target.as_ref()?;
        Some(SendJob {
            owner_type_id: self.owner_type_id,
            owner_id: t.id,
            fields: ctx.doc.fields().clone(),
            layout: ctx.doc.layout().clone(),
            catalog: self.catalog().cloned(),
        })
    }

    /// Validates first; refuses (and lists the errors) when any is an error.
    pub(super) fn checked_job(&mut self, ctx: &PanelCtx) -> Option<SendJob> {
        let job = self.job(ctx)?;
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

    pub(super) fn send_ui(&mut self, ui: &mut egui::Ui, ctx: &PanelCtx, out: &mut Vec<UiAction>) {
        let signed_in = self.session.as_ref().is_some_and(|s| s.handle.auth_state() == AuthState::SignedIn);
        let writing = ["send", "update", "delete"].iter().any(|n| self.busy_with(n));
        let can_send = signed_in && self.target.is_some() && !writing;
        let last_id = self.last_activity;
        let mut open = None;
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(can_send, egui::Button::new("Send test")).clicked()
                && let Some(job) = self.checked_job(ctx)
            {
                self.unknown = None;
                self.request(Request::Send(job));
            }
            if ui.add_enabled(can_send && last_id.is_some(), egui::Button::new("Update")).clicked()
                && let (Some(job), Some(id)) = (self.checked_job(ctx), last_id)
            {
                self.request(Request::Update { activity_id: id, job });
            }
            if ui.add_enabled(signed_in && last_id.is_some(), egui::Button::new("Read back")).clicked()
                && let Some(id) = last_id
            {
                self.request(Request::ReadBack { activity_id: id, sent: self.last_sent.clone() });
            }
            if ui.add_enabled(signed_in && last_id.is_some() && !writing, egui::Button::new("Delete")).clicked()
                && let Some(id) = last_id
            {
                self.request(Request::Delete { activity_id: id });
            }
            if let (Some(s), Some(t)) = (&self.session, &self.target)
                && ui.button("Open in browser").clicked()
            {
                open = Some(element_url(&s.profile.portal_url, self.owner_type_id, t.id));
            }
        });
        if let Some(url) = open {
            self.open_browser(url);
        }
        if writing {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Waiting for the portal…");
            });
        }
        if let Some(id) = last_id {
            ui.label(format!("Last activity: {id}"));
        }
        self.unknown_ui(ui, signed_in);
        for d in self.refused.clone() {
            ui.horizontal(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, format!("{} {}", d.code, d.path));
                ui.label(&d.message);
                if ui.small_button("Select node").clicked() {
                    out.push(UiAction::Select(Some(d.doc_path())));
                }
            });
        }
        self.read_back_ui(ui);
    }

    fn unknown_ui(&mut self, ui: &mut egui::Ui, signed_in: bool) {
        let Some((sent, err)) = self.unknown.clone() else { return };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "Outcome unknown: the portal may or may not have stored the activity.",
            );
            ui.label(format!("{}: {}", err.code, err.description));
            ui.label(format!("originId: {}", sent.origin_id));
            ui.horizontal(|ui| {
                if ui.add_enabled(signed_in && !self.busy_with("check"), egui::Button::new("Check")).clicked() {
                    self.request(Request::Check { origin_id: sent.origin_id.clone() });
                }
                if ui.add_enabled(signed_in, egui::Button::new("Send again")).clicked()
                    && let Some(t) = &self.target
                {
                    let job = SendJob {
                        owner_type_id: self.owner_type_id,
                        owner_id: t.id,
                        fields: sent.fields.clone(),
                        layout: sent.layout.clone(),
                        catalog: self.catalog().cloned(),
                    };
                    self.unknown = None;
                    self.request(Request::Send(job));
                }
            });
        });
    }

    fn read_back_ui(&mut self, ui: &mut egui::Ui) {
        let Some(rb) = &self.read_back else { return };
        let real = rb.diff.iter().filter(|d| !d.is_expected()).count();
        egui::CollapsingHeader::new(format!("Read back: activity {} — {real} difference(s)", rb.activity_id))
            .id_salt("portal_read_back")
            .default_open(true)
            .show(ui, |ui| {
                if rb.diff.is_empty() {
                    ui.label("The portal stored exactly what was sent.");
                }
                for d in &rb.diff {
                    let (what, color) = match d.kind {
                        DiffKind::Changed => ("changed", ui.visuals().error_fg_color),
                        DiffKind::Missing => ("not stored", ui.visuals().error_fg_color),
                        DiffKind::Added => ("added by the portal (expected)", ui.visuals().weak_text_color()),
                        DiffKind::Expected => ("stored as text (expected)", ui.visuals().weak_text_color()),
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(color, what);
                        ui.monospace(&d.path);
                        let show =
                            |v: &Option<serde_json::Value>| v.as_ref().map(|x| x.to_string()).unwrap_or("—".into());
                        ui.label(format!("sent {} -> stored {}", show(&d.sent), show(&d.stored)));
                    });
                }
                egui::CollapsingHeader::new("Stored activity JSON").id_salt("portal_rb_json").show(ui, |ui| {
                    ui.monospace(serde_json::to_string_pretty(&rb.stored).unwrap_or_default());
                });
            });
    }

    pub(super) fn messages_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<UiAction>) {
        if let Some(m) = &self.message {
            ui.label(m);
        }
        for e in &self.errors {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                let status = e.status.map(|s| format!(" (HTTP {s})")).unwrap_or_default();
                ui.colored_label(ui.visuals().error_fg_color, format!("{}{status}", e.code));
                ui.label(&e.description);
                if let Some(p) = &e.path {
                    ui.horizontal(|ui| {
                        ui.monospace(p);
                        if ui.small_button("Select node").clicked() {
                            out.push(UiAction::Select(Some(p.clone())));
                        }
                    });
                }
            });
        }
    }

    pub(super) fn log_ui(&mut self, ui: &mut egui::Ui) {
        let Some(s) = &self.session else { return };
        let log = s.handle.log();
        egui::CollapsingHeader::new(format!("Request log ({})", log.len())).id_salt("portal_log").show(ui, |ui| {
            // Cloned only while the log is open.
            let entries = log.entries();
            for (i, e) in entries.iter().enumerate().rev() {
                let status = e.status.map(|s| s.to_string()).unwrap_or_else(|| "no answer".into());
                let err = e.error.as_deref().map(|c| format!(" {c}")).unwrap_or_default();
                let title = format!("{} — {} ms — {status}{err}", e.method, e.took.as_millis());
                egui::CollapsingHeader::new(title).id_salt(("portal_log_entry", i)).show(ui, |ui| {
                    ui.label("Request");
                    ui.monospace(serde_json::to_string_pretty(&e.request).unwrap_or_default());
                    ui.label("Response");
                    ui.monospace(serde_json::to_string_pretty(&e.response).unwrap_or_default());
                });
            }
        });
    }
}
