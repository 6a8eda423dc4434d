//! Portal panel: the read-back diff, messages, errors that select their node, and the request log.

use super::PortalView;
use crate::portal::DiffKind;
use crate::ui::UiAction;

pub(super) fn read_back_ui(ui: &mut egui::Ui, view: &PortalView) {
    let Some(rb) = view.read_back else { return };
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
                    let show = |v: &Option<serde_json::Value>| v.as_ref().map(|x| x.to_string()).unwrap_or("—".into());
                    ui.label(format!("sent {} -> stored {}", show(&d.sent), show(&d.stored)));
                });
            }
            egui::CollapsingHeader::new("Stored activity JSON").id_salt("portal_rb_json").show(ui, |ui| {
                ui.monospace(serde_json::to_string_pretty(&rb.stored).unwrap_or_default());
            });
        });
}

pub(super) fn messages_ui(ui: &mut egui::Ui, view: &PortalView, out: &mut Vec<UiAction>) {
    if let Some(m) = view.message {
        ui.label(m);
    }
    for e in view.errors {
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

pub(super) fn log_ui(ui: &mut egui::Ui, view: &PortalView) {
    let Some(s) = &view.session else { return };
    let log = s.log;
    egui::CollapsingHeader::new(format!("Request log ({})", log.len())).id_salt("portal_log").show(ui, |ui| {
        for (i, e) in log.iter().enumerate().rev() {
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
