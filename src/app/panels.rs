//! Adapter from the window layout to the panels (`crate::ui::*`). PLACEHOLDERS are drawn
//! until the panel branches are merged; each function keeps the signature the layout calls.

use crate::ui::{PanelCtx, UiAction};
use serde_json::Value;

/// Per-panel UI state the app keeps between frames.
#[derive(Default)]
pub struct PanelStates {}

pub fn install_fonts(ctx: &egui::Context) {
    egui_material_icons::initialize(ctx);
}

/// Left: palette + tree.
pub fn left(ui: &mut egui::Ui, pc: &PanelCtx, _st: &mut PanelStates, out: &mut Vec<UiAction>) {
    ui.heading("Document");
    egui::ScrollArea::vertical().id_salt("tree_scroll").show(ui, |ui| {
        tree_node(ui, pc, "/layout", "layout", pc.doc.layout(), out);
        tree_node(ui, pc, "/fields", "fields", pc.doc.fields(), out);
    });
}

fn tree_node(ui: &mut egui::Ui, pc: &PanelCtx, path: &str, key: &str, v: &Value, out: &mut Vec<UiAction>) {
    let selected = pc.selection == Some(path);
    let children: Vec<(String, &Value)> = match v {
        Value::Object(m) => m.iter().filter(|(_, c)| c.is_object() || c.is_array()).map(|(k, c)| (k.clone(), c)).collect(),
        Value::Array(a) => a.iter().enumerate().map(|(i, c)| (i.to_string(), c)).collect(),
        _ => Vec::new(),
    };
    if children.is_empty() {
        if ui.selectable_label(selected, key).clicked() {
            out.push(UiAction::Select(Some(path.to_string())));
        }
        return;
    }
    let id = ui.make_persistent_id(path);
    egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, true)
        .show_header(ui, |ui| {
            if ui.selectable_label(selected, key).clicked() {
                out.push(UiAction::Select(Some(path.to_string())));
            }
        })
        .body(|ui| {
            for (k, c) in children {
                let p = crate::layout::pointer::join(path, &k);
                tree_node(ui, pc, &p, &k, c, out);
            }
        });
}

/// Right: inspector + activity fields.
pub fn right(ui: &mut egui::Ui, pc: &PanelCtx, _st: &mut PanelStates, _out: &mut Vec<UiAction>) {
    ui.heading("Inspector");
    match pc.selection {
        Some(p) => {
            ui.label(egui::RichText::new(p).monospace());
        }
        None => {
            ui.weak("Select a node in the tree.");
        }
    }
}

/// Centre: preview toolbar + preview.
pub fn centre(
    ui: &mut egui::Ui,
    _pc: &PanelCtx,
    _preview: &mut crate::project::PreviewSettings,
    _st: &mut PanelStates,
    _out: &mut Vec<UiAction>,
) {
    ui.weak("Preview");
}

pub fn json(ui: &mut egui::Ui, pc: &PanelCtx, _st: &mut PanelStates, _out: &mut Vec<UiAction>) {
    let text = serde_json::to_string_pretty(pc.doc.layout()).unwrap_or_default();
    egui::ScrollArea::both().id_salt("json_scroll").show(ui, |ui| {
        ui.label(egui::RichText::new(text).monospace());
    });
}

pub fn diagnostics(ui: &mut egui::Ui, pc: &PanelCtx, _st: &mut PanelStates, out: &mut Vec<UiAction>) {
    if pc.diagnostics.is_empty() {
        ui.weak("No problems found.");
    }
    for d in pc.diagnostics {
        if ui.selectable_label(false, format!("{} {} {}", d.code, d.path, d.message)).clicked() {
            out.push(UiAction::Select(Some(crate::ui::diagnostic_doc_path(d))));
        }
    }
}

pub fn send(ui: &mut egui::Ui, _pc: &PanelCtx, _st: &mut PanelStates) {
    ui.weak("Send to portal — not connected.");
}

pub fn log(ui: &mut egui::Ui, _st: &mut PanelStates) {
    ui.weak("No requests yet.");
}

/// Portal status for the status bar.
pub fn portal_status(_st: &PanelStates) -> String {
    "Portal: not connected".into()
}
