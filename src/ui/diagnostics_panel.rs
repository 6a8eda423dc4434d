//! The diagnostics panel: every error and warning with severity, code, path and message;
//! filters; a click selects the node (or its nearest existing ancestor for a missing field).

use super::{PanelCtx, UiAction, diagnostic_doc_path};
use crate::layout::{Diagnostic, Severity, pointer};
use egui::{Button, Color32, RichText};
use serde_json::Value;

#[derive(Clone, Debug)]
pub struct DiagnosticsState {
    pub show_errors: bool,
    pub show_warnings: bool,
    /// Case-insensitive text filter over code, path and message.
    pub filter: String,
}

impl Default for DiagnosticsState {
    fn default() -> Self {
        Self { show_errors: true, show_warnings: true, filter: String::new() }
    }
}

/// The pointer to select for a diagnostic: its path when it exists in the document, else the
/// nearest existing ancestor (a missing required field selects its object).
pub fn select_target(root: &Value, d: &Diagnostic) -> String {
    let mut path = diagnostic_doc_path(d);
    while !path.is_empty() && root.pointer(&path).is_none() {
        path = pointer::split_last(&path).map(|(p, _)| p).unwrap_or_default();
    }
    if path.is_empty() { "/layout".to_string() } else { path }
}

/// True when `d` passes the severity toggles and the text filter.
pub fn passes(state: &DiagnosticsState, d: &Diagnostic) -> bool {
    let sev_ok = match d.severity {
        Severity::Error => state.show_errors,
        Severity::Warning => state.show_warnings,
    };
    let needle = state.filter.trim().to_lowercase();
    sev_ok && (needle.is_empty() || [&d.code, &d.path, &d.message].iter().any(|s| s.to_lowercase().contains(&needle)))
}

pub fn diagnostics_ui(ui: &mut egui::Ui, ctx: &PanelCtx, state: &mut DiagnosticsState, out: &mut Vec<UiAction>) {
    let errors = ctx.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = ctx.diagnostics.len() - errors;
    ui.horizontal(|ui| {
        ui.checkbox(&mut state.show_errors, format!("Errors ({errors})"));
        ui.checkbox(&mut state.show_warnings, format!("Warnings ({warnings})"));
        let label = ui.label("Filter:");
        ui.add(egui::TextEdit::singleline(&mut state.filter).hint_text("code, path or text").desired_width(160.0))
            .labelled_by(label.id);
    });
    ui.separator();
    if ctx.diagnostics.is_empty() {
        ui.label(
            RichText::new("No problems: the portal should accept this layout.")
                .color(Color32::from_rgb(0x2e, 0x9e, 0x4f)),
        );
        return;
    }
    let root = ctx.doc.root();
    egui::ScrollArea::vertical().id_salt("diagnostics_scroll").auto_shrink([false, true]).show(ui, |ui| {
        let mut shown = 0;
        for d in ctx.diagnostics.iter().filter(|d| passes(state, d)) {
            shown += 1;
            let (icon, color) = match d.severity {
                Severity::Error => (egui_material_icons::icons::ICON_ERROR, Color32::from_rgb(0xd0, 0x30, 0x30)),
                Severity::Warning => (egui_material_icons::icons::ICON_WARNING, Color32::from_rgb(0xd8, 0x90, 0x10)),
            };
            let family = super::glyphs::glyph_family(ui.ctx());
            let target = select_target(root, d);
            let selected = ctx.selection == Some(target.as_str());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(icon.codepoint).family(family.clone()).color(color))
                    .on_hover_text(if d.is_error() { "Error" } else { "Warning" });
                let text = format!("{}  {}  {}", d.code, display_path(&d.path), d.message);
                let resp = ui.add(Button::selectable(selected, text)).on_hover_text(format!("Select {target}"));
                if resp.clicked() {
                    out.push(UiAction::Select(Some(target.clone())));
                }
            });
        }
        if shown == 0 {
            ui.weak("Nothing matches the filter.");
        }
    });
}

fn display_path(p: &str) -> &str {
    if p.is_empty() { "/" } else { p }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_field_selects_nearest_ancestor() {
        let root = json!({"fields": {}, "layout": {"body": {"blocks": {"a": {"type": "link", "properties": {}}}}}});
        let d = Diagnostic::error("FIELD_IS_REQUIRED", "/body/blocks/a/properties/action", "needs an action");
        assert_eq!(select_target(&root, &d), "/layout/body/blocks/a/properties");
        let d = Diagnostic::error("FIELD_IS_REQUIRED", "/icon", "icon missing");
        assert_eq!(select_target(&root, &d), "/layout");
        let d = Diagnostic::error("WRONG_FIELD_VALUE", "/fields/responsibleId", "bad");
        assert_eq!(select_target(&root, &d), "/fields");
        let d = Diagnostic::warning("X", "/body/blocks/a", "w");
        assert_eq!(select_target(&root, &d), "/layout/body/blocks/a");
    }

    #[test]
    fn filters_by_severity_and_text() {
        let e = Diagnostic::error("ENUM_FIELD", "/icon/code", "Unknown icon");
        let w = Diagnostic::warning("DESIGNER_X", "/body", "Something");
        let mut s = DiagnosticsState::default();
        assert!(passes(&s, &e) && passes(&s, &w));
        s.show_warnings = false;
        assert!(passes(&s, &e) && !passes(&s, &w));
        s.show_warnings = true;
        s.filter = "icon".into();
        assert!(passes(&s, &e) && !passes(&s, &w));
        s.filter = "enum_".into();
        assert!(passes(&s, &e));
    }
}
