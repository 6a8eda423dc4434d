//! Adapter from the window layout to the panels in `crate::ui`: owns their states and maps
//! their outputs to `UiAction`s.

use super::PortalState;
use crate::project::PreviewSettings;
use crate::ui::diagnostics_panel::{self, DiagnosticsState};
use crate::ui::inspector::{self, InspectorState};
use crate::ui::json::pane::{self, JsonPaneState};
use crate::ui::portal::PortalIntent;
use crate::ui::preview::{self, PreviewInput, PreviewState};
use crate::ui::tree::{self, TreeState};
use crate::ui::{PanelCtx, UiAction, palette};

/// Per-panel UI state the app keeps between frames.
#[derive(Default)]
pub struct PanelStates {
    pub tree: TreeState,
    pub inspector: InspectorState,
    pub json: JsonPaneState,
    pub diagnostics: DiagnosticsState,
    pub preview: PreviewState,
}

pub fn install_fonts(ctx: &egui::Context) {
    crate::ui::glyphs::install_fonts(ctx);
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new(title).strong());
    ui.add_space(2.0);
}

/// Left: palette + tree.
pub fn left(ui: &mut egui::Ui, pc: &PanelCtx, st: &mut PanelStates, out: &mut Vec<UiAction>) {
    section(ui, "Add");
    palette::palette_ui(ui, pc, out);
    ui.separator();
    section(ui, "Document");
    tree::tree_ui(ui, pc, &mut st.tree, out);
}

/// Right: inspector (the activity fields form when `fields` is selected). The inspector
/// scrolls its own form.
pub fn right(ui: &mut egui::Ui, pc: &PanelCtx, st: &mut PanelStates, out: &mut Vec<UiAction>) {
    section(ui, "Inspector");
    inspector::inspector_ui(ui, pc, &mut st.inspector, out);
}

/// Centre: preview toolbar + preview.
pub fn centre(
    ui: &mut egui::Ui,
    pc: &PanelCtx,
    settings: &mut PreviewSettings,
    languages: &[String],
    error_paths: &[String],
    st: &mut PanelStates,
    out: &mut Vec<UiAction>,
) {
    preview::toolbar_ui(ui, settings, languages);
    ui.separator();
    let view = PreviewInput { layout: pc.layout, fields: pc.fields, settings, selection: pc.selection, error_paths };
    // The preview paints its background over its whole `max_rect`: give it only the space
    // below the toolbar.
    let rect = ui.available_rect_before_wrap();
    st.preview.content_key = Some(pc.doc.content_key());
    let r = ui
        .scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| preview::preview_ui(ui, &view, &mut st.preview))
        .inner;
    if let Some(p) = r.select {
        out.push(UiAction::Select(Some(p)));
    }
}

pub fn json(ui: &mut egui::Ui, pc: &PanelCtx, st: &mut PanelStates, out: &mut Vec<UiAction>) {
    pane::json_pane_ui(ui, pc, &mut st.json, out);
}

pub fn diagnostics(ui: &mut egui::Ui, pc: &PanelCtx, st: &mut PanelStates, out: &mut Vec<UiAction>) {
    diagnostics_panel::diagnostics_ui(ui, pc, &mut st.diagnostics, out);
}

/// The Send panel; the app creates the portal state after the frame the tab is first shown.
pub fn send(
    ui: &mut egui::Ui,
    portal: Option<&mut PortalState>,
    intents: &mut Vec<PortalIntent>,
    out: &mut Vec<UiAction>,
) {
    match portal {
        Some(p) => intents.extend(p.draw(ui, out)),
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Opening the portal panel…");
            });
        }
    }
}

/// Portal status for the status bar.
pub fn portal_status(portal: Option<&PortalState>) -> String {
    portal.map_or_else(|| "No portal".into(), |p| p.status_text())
}
