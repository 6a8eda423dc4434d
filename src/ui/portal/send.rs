//! Portal panel: the send target (entity type + element search or id), the send buttons and
//! the unknown-outcome box.

use super::{PortalForm, PortalIntent, PortalView, results, text_field};
use crate::portal::RequestKind;
use crate::ui::UiAction;
use std::time::{Duration, Instant};

const SEARCH_DEBOUNCE: Duration = Duration::from_millis(350);

pub(super) fn target_ui(ui: &mut egui::Ui, view: &PortalView, form: &mut PortalForm, intents: &mut Vec<PortalIntent>) {
    let Some(s) = &view.session else { return };
    ui.strong("Target");
    let label = |name: &str, id: i64| format!("{name} ({id})");
    let current = s
        .owner_types
        .iter()
        .find(|t| t.id == view.owner_type_id)
        .map(|t| label(&t.name, t.id))
        .unwrap_or_else(|| view.owner_type_id.to_string());
    let mut picked = None;
    egui::ComboBox::from_label("Entity type").selected_text(current).show_ui(ui, |ui| {
        for t in s.owner_types {
            if ui.selectable_label(t.id == view.owner_type_id, label(&t.name, t.id)).clicked() {
                picked = Some(t.id);
            }
        }
    });
    if let Some(id) = picked
        && id != view.owner_type_id
    {
        intents.push(PortalIntent::PickOwnerType(id));
        // Search the new type at once.
        form.query_changed = Some(Instant::now() - SEARCH_DEBOUNCE);
    }
    if text_field(ui, "Search element", &mut form.item_query, false).changed() {
        form.query_changed = Some(Instant::now());
    }
    debounce_search(ui.ctx(), view, form, intents);
    if !view.items.is_empty() {
        egui::ScrollArea::vertical().id_salt("portal_items").max_height(140.0).show(ui, |ui| {
            for it in view.items {
                let on = view.target.is_some_and(|t| t.id == it.id);
                if ui.selectable_label(on, format!("#{} {}", it.id, it.title)).clicked() {
                    intents.push(PortalIntent::PickItem(it.clone()));
                }
            }
        });
    }
    ui.horizontal(|ui| {
        let r = text_field(ui, "Element id", &mut form.item_id_text, false);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Confirm id").clicked() || enter {
            intents.push(PortalIntent::ConfirmId(form.item_id_text.clone()));
        }
    });
    match view.target {
        Some(t) => ui.label(format!("Target: #{} {}", t.id, t.title)),
        None => ui.label("Target: none yet — search or confirm an id."),
    };
}

/// Searches once typing pauses, and not while a search is still out.
fn debounce_search(ctx: &egui::Context, view: &PortalView, form: &mut PortalForm, intents: &mut Vec<PortalIntent>) {
    let Some(at) = form.query_changed else { return };
    let left = SEARCH_DEBOUNCE.saturating_sub(at.elapsed());
    if !left.is_zero() {
        ctx.request_repaint_after(left);
        return;
    }
    if view.busy_with(RequestKind::Search) {
        ctx.request_repaint_after(Duration::from_millis(100));
        return;
    }
    form.query_changed = None;
    if view.signed_in() {
        intents.push(PortalIntent::Search(form.item_query.clone()));
    }
}

pub(super) fn send_ui(ui: &mut egui::Ui, view: &PortalView, out: &mut Vec<UiAction>, intents: &mut Vec<PortalIntent>) {
    let signed_in = view.signed_in();
    let writing = view.writing();
    let can_send = signed_in && view.target.is_some() && !writing;
    let has_last = view.last_activity.is_some();
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(can_send, egui::Button::new("Send test")).clicked() {
            intents.push(PortalIntent::Send);
        }
        if ui.add_enabled(can_send && has_last, egui::Button::new("Update")).clicked() {
            intents.push(PortalIntent::Update);
        }
        if ui.add_enabled(signed_in && has_last, egui::Button::new("Read back")).clicked() {
            intents.push(PortalIntent::ReadBack);
        }
        if ui.add_enabled(signed_in && has_last && !writing, egui::Button::new("Delete")).clicked() {
            intents.push(PortalIntent::Delete);
        }
        if view.target.is_some() && ui.button("Open in browser").clicked() {
            intents.push(PortalIntent::OpenElementInBrowser);
        }
    });
    if writing {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Waiting for the portal…");
        });
    }
    if let Some(id) = view.last_activity {
        ui.label(format!("Last activity: {id}"));
    }
    unknown_ui(ui, view, signed_in, intents);
    for d in view.refused {
        ui.horizontal(|ui| {
            ui.colored_label(ui.visuals().error_fg_color, format!("{} {}", d.code, d.path));
            ui.label(&d.message);
            if ui.small_button("Select node").clicked() {
                out.push(UiAction::Select(Some(d.doc_path())));
            }
        });
    }
    results::read_back_ui(ui, view);
}

fn unknown_ui(ui: &mut egui::Ui, view: &PortalView, signed_in: bool, intents: &mut Vec<PortalIntent>) {
    let Some((sent, err)) = view.unknown else { return };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Outcome unknown: the portal may or may not have stored the activity.",
        );
        ui.label(format!("{}: {}", err.code, err.description));
        ui.label(format!("originId: {}", sent.origin_id));
        ui.horizontal(|ui| {
            if ui.add_enabled(signed_in && !view.busy_with(RequestKind::Check), egui::Button::new("Check")).clicked() {
                intents.push(PortalIntent::Check);
            }
            if ui.add_enabled(signed_in, egui::Button::new("Send again")).clicked() {
                intents.push(PortalIntent::SendAgain);
            }
        });
    });
}
