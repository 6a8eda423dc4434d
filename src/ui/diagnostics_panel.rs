//! The diagnostics panel: every error and warning with severity, code, path and message;
//! filters; a click selects the node (or its nearest existing ancestor for a missing field).

use super::{PanelCtx, UiAction};
use crate::layout::{Diagnostic, Root, Severity, pointer};
use egui::{Color32, RichText};
use serde_json::Value;

#[derive(Clone, Debug)]
pub struct DiagnosticsState {
    pub show_errors: bool,
    pub show_warnings: bool,
    /// Case-insensitive text filter over code, path and message.
    pub filter: String,
    /// The shown rows, rebuilt only when the document, findings or filters change.
    cache: Option<RowCache>,
    /// Each shown row's height when last drawn: rows out of view are replaced by space.
    heights: Vec<Option<f32>>,
}

#[derive(Clone, Debug, PartialEq)]
struct CacheKey {
    doc: (u64, u64),
    diagnostics: Vec<Diagnostic>,
    show_errors: bool,
    show_warnings: bool,
    filter: String,
}

#[derive(Clone, Debug)]
struct RowCache {
    key: CacheKey,
    rows: std::sync::Arc<Vec<Row>>,
}

/// One shown finding: its index in the findings, the node a click selects, the button text.
#[derive(Clone, Debug)]
struct Row {
    index: usize,
    target: String,
    text: String,
}

impl Default for DiagnosticsState {
    fn default() -> Self {
        Self { show_errors: true, show_warnings: true, filter: String::new(), cache: None, heights: Vec::new() }
    }
}

/// The rows passing the filters, from the cache while nothing they depend on changed.
fn shown_rows(ctx: &PanelCtx, state: &mut DiagnosticsState) -> std::sync::Arc<Vec<Row>> {
    let fresh = state.cache.as_ref().is_some_and(|c| {
        c.key.doc == ctx.doc.content_key()
            && c.key.show_errors == state.show_errors
            && c.key.show_warnings == state.show_warnings
            && c.key.filter == state.filter
            && c.key.diagnostics == ctx.diagnostics
    });
    if !fresh {
        let root = ctx.doc.root();
        let rows: Vec<Row> = (ctx.diagnostics.iter().enumerate())
            .filter(|(_, d)| passes(state, d))
            .map(|(index, d)| Row {
                index,
                target: select_target(root, d),
                text: format!("{}  {}  {}", d.code, display_path(&d.path), d.message),
            })
            .collect();
        let key = CacheKey {
            doc: ctx.doc.content_key(),
            diagnostics: ctx.diagnostics.to_vec(),
            show_errors: state.show_errors,
            show_warnings: state.show_warnings,
            filter: state.filter.clone(),
        };
        state.heights = vec![None; rows.len()];
        state.cache = Some(RowCache { key, rows: std::sync::Arc::new(rows) });
    }
    state.cache.as_ref().map(|c| c.rows.clone()).unwrap_or_default()
}

/// The pointer to select for a diagnostic: its path when it exists in the document, else the
/// nearest existing ancestor (a missing required field selects its object).
pub fn select_target(root: &Value, d: &Diagnostic) -> String {
    let mut path = d.doc_path();
    while !path.is_empty() && root.pointer(&path).is_none() {
        path = pointer::split_last(&path).map(|(p, _)| p).unwrap_or_default();
    }
    if path.is_empty() { Root::Layout.doc_pointer().to_string() } else { path }
}

/// True when `d` passes the severity toggles and the text filter.
pub fn passes(state: &DiagnosticsState, d: &Diagnostic) -> bool {
    let sev_ok = match d.severity {
        Severity::Error => state.show_errors,
        Severity::Warning => state.show_warnings,
    };
    let needle = state.filter.trim().to_lowercase();
    sev_ok
        && (needle.is_empty()
            || [d.code.as_str(), d.path.as_str(), d.message.as_str()]
                .iter()
                .any(|s| s.to_lowercase().contains(&needle)))
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
        ui.label(RichText::new("No problems: the portal should accept this layout.").color(super::theme::OK));
        return;
    }
    let rows = shown_rows(ctx, state);
    egui::ScrollArea::vertical().id_salt("diagnostics_scroll").auto_shrink([false, true]).show(ui, |ui| {
        let visible = ui.clip_rect().y_range();
        for (i, row) in rows.iter().enumerate() {
            let top = ui.cursor().top();
            if let Some(h) = state.heights[i]
                && (top + h < visible.min - h || top > visible.max + h)
            {
                ui.allocate_space(egui::vec2(0.0, h));
                continue;
            }
            let d = &ctx.diagnostics[row.index];
            let h = row_ui(ui, row, d, ctx.selection == Some(row.target.as_str()), out);
            state.heights[i] = Some(h);
        }
        if rows.is_empty() {
            ui.weak("Nothing matches the filter.");
        }
    });
}

/// One finding as a single widget: severity glyph and wrapped text painted directly, the
/// look of a selectable button. Returns the row's height.
fn row_ui(ui: &mut egui::Ui, row: &Row, d: &Diagnostic, selected: bool, out: &mut Vec<UiAction>) -> f32 {
    let icon = match d.severity {
        Severity::Error => egui_material_icons::icons::ICON_ERROR,
        Severity::Warning => egui_material_icons::icons::ICON_WARNING,
    };
    let color = super::theme::severity(d.severity);
    let font = egui::TextStyle::Button.resolve(ui.style());
    let family = super::glyphs::glyph_family(ui.ctx());
    let pad = ui.spacing().button_padding;
    let gap = ui.spacing().item_spacing.x;
    let width = ui.available_width();
    let painter = ui.painter();
    let glyph = painter.layout_no_wrap(icon.codepoint.to_string(), egui::FontId::new(font.size, family), color);
    let text_x = glyph.size().x + gap;
    let wrap = (width - text_x - 2.0 * pad.x).max(40.0);
    let text = painter.layout(row.text.clone(), font, Color32::PLACEHOLDER, wrap);
    let h = (text.size().y + 2.0 * pad.y).max(ui.spacing().interact_size.y);
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, h), egui::Sense::click());
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), selected, &row.text));
    if ui.is_rect_visible(rect) {
        let box_rect = egui::Rect::from_min_max(egui::pos2(rect.left() + text_x, rect.top()), rect.max);
        let text_color = super::light::selectable_fill(ui, box_rect, &resp, selected);
        let glyph_y = rect.top() + pad.y + (text.rows.first().map_or(0.0, |r| r.height()) - glyph.size().y) / 2.0;
        ui.painter().galley(egui::pos2(rect.left(), glyph_y), glyph, color);
        ui.painter().galley(box_rect.min + pad, text, text_color);
    }
    let sev = if d.is_error() { "Error" } else { "Warning" };
    let resp = super::light::tip(resp, || format!("{sev}: select {}", row.target));
    if resp.clicked() {
        out.push(UiAction::Select(Some(row.target.clone())));
    }
    h
}

fn display_path(p: &str) -> &str {
    if p.is_empty() { "/" } else { p }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{FIELDS, LAYOUT};
    use crate::layout::Code;
    use crate::layout_ptr;
    use serde_json::json;

    #[test]
    fn missing_field_selects_nearest_ancestor() {
        let root = json!({"fields": {}, "layout": {"body": {"blocks": {"a": {"type": "link", "properties": {}}}}}});
        let d = Diagnostic::error(
            Code::FieldIsRequired,
            Root::Layout,
            "/body/blocks/a/properties/action",
            "needs an action",
        );
        assert_eq!(select_target(&root, &d), layout_ptr!("/body/blocks/a/properties"));
        let d = Diagnostic::error(Code::FieldIsRequired, Root::Layout, "/icon", "icon missing");
        assert_eq!(select_target(&root, &d), LAYOUT);
        let d = Diagnostic::error(Code::WrongFieldValue, Root::Fields, "/fields/responsibleId", "bad");
        assert_eq!(select_target(&root, &d), FIELDS);
        let d = Diagnostic::warning(Code::DeadlineHidden, Root::Layout, "/body/blocks/a", "w");
        assert_eq!(select_target(&root, &d), layout_ptr!("/body/blocks/a"));
    }

    #[test]
    fn filters_by_severity_and_text() {
        let e = Diagnostic::error(Code::EnumField, Root::Layout, "/icon/code", "Unknown icon");
        let w = Diagnostic::warning(Code::ArrayCollection, Root::Layout, "/body", "Something");
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
