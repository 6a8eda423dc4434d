//! The JSON pane: the layout or the whole REST payload, pretty-printed and highlighted,
//! editable. Edits are parsed and validated on every change; a parse error shows line:column
//! and never touches the document; Apply (or Ctrl+Enter) is one undoable step. While the user
//! is not editing, the text follows the document, and the selected node is highlighted.

use crate::edit::EditCommand;
use crate::edit::{FIELDS, LAYOUT};
use crate::layout::diagnostic::has_errors;
use crate::layout::{Diagnostic, ValidateOptions, validate_layout, validate_payload};
use crate::ui::json::highlight;
use crate::ui::json::locate;
use crate::ui::{PanelCtx, UiAction};
use egui::{Key, RichText};
use serde_json::{Map, Value, json};
use std::ops::Range;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JsonTab {
    #[default]
    Layout,
    Payload,
}

/// The result of parsing the edited text.
#[derive(Clone, Debug, PartialEq)]
pub enum TextStatus {
    /// The text shows the document unchanged.
    InSync,
    /// Parsed; these are the validator's findings for it.
    Parsed(Vec<Diagnostic>),
    /// Not JSON (or the wrong shape): 1-based line and column and a sentence.
    Error { line: usize, column: usize, message: String },
}

#[derive(Clone, Debug)]
pub struct JsonPaneState {
    pub tab: JsonTab,
    /// Owner shown in the payload tab; the app sets it from the project's send target, and an
    /// applied payload edit updates it here (the app reads it back).
    pub owner_type_id: i64,
    pub owner_id: i64,
    /// The project's strict (older-portal) switch, set by the app, so an edit is validated as
    /// Diagnostics validates the document.
    pub strict: bool,
    text: String,
    /// True once the user changed the text; the document no longer overwrites it.
    edited: bool,
    status: TextStatus,
    /// The `strict` that `status` was checked with (a switch re-checks the edit).
    checked_strict: bool,
    /// What `text` was generated from (tab, owner ids, document content key), to follow the document.
    synced: Option<(JsonTab, i64, i64, (u64, u64))>,
    last_selection: Option<String>,
    /// The highlight range for (selection, text), recomputed only when either changes.
    mark_cache: Option<(Option<String>, String, Option<Range<usize>>)>,
    /// The last highlighted galley and what it was laid out from (text, mark, width, dark).
    galley_cache: Option<GalleyCache>,
}

#[derive(Clone, Debug)]
struct GalleyCache {
    text: String,
    mark: Option<Range<usize>>,
    wrap_width: f32,
    dark: bool,
    galley: std::sync::Arc<egui::Galley>,
}

impl Default for JsonPaneState {
    fn default() -> Self {
        Self {
            tab: JsonTab::Layout,
            owner_type_id: 2,
            owner_id: 1,
            strict: false,
            text: String::new(),
            edited: false,
            status: TextStatus::InSync,
            checked_strict: false,
            synced: None,
            last_selection: None,
            mark_cache: None,
            galley_cache: None,
        }
    }
}

impl JsonPaneState {
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn status(&self) -> &TextStatus {
        &self.status
    }
}

/// Pretty JSON with 2-space indent, key order kept (serde_json `preserve_order`).
pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// The value a tab shows.
pub fn tab_source(tab: JsonTab, root: &Value, owner_type_id: i64, owner_id: i64) -> Value {
    match tab {
        JsonTab::Layout => root.get("layout").cloned().unwrap_or(Value::Null),
        JsonTab::Payload => crate::export::rest_params(
            owner_type_id,
            owner_id,
            root.get("fields").cloned().unwrap_or_else(|| json!({})),
            root.get("layout").cloned().unwrap_or(Value::Null),
        ),
    }
}

/// Parses and validates edited text for `tab`.
pub fn check_text(tab: JsonTab, text: &str, opts: &ValidateOptions) -> TextStatus {
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let msg = e.to_string();
            let message = msg.rfind(" at line ").map_or(msg.clone(), |i| msg[..i].to_string());
            return TextStatus::Error { line: e.line(), column: e.column(), message };
        }
    };
    let shape_error = |message: &str| TextStatus::Error { line: 1, column: 1, message: message.to_string() };
    match tab {
        JsonTab::Layout if !v.is_object() => shape_error("the layout must be a JSON object"),
        JsonTab::Layout => TextStatus::Parsed(validate_layout(&v, opts)),
        JsonTab::Payload => match v.as_object() {
            None => shape_error("the payload must be a JSON object"),
            Some(o) if !o.get("layout").is_some_and(Value::is_object) => {
                shape_error("the payload needs a \"layout\" object")
            }
            Some(o) if o.get("fields").is_some_and(|f| !f.is_object()) => {
                shape_error("\"fields\" must be a JSON object")
            }
            Some(o) => TextStatus::Parsed(validate_payload(o.get("layout"), o.get("fields"), opts)),
        },
    }
}

/// The command that applies parsed text of `tab` as one undo step, plus the owner ids found in
/// a payload. `None` when the text does not parse into the right shape.
pub fn apply_command(tab: JsonTab, text: &str) -> Option<(EditCommand, Option<(i64, i64)>)> {
    let v: Value = serde_json::from_str(text).ok()?;
    match tab {
        JsonTab::Layout => v.is_object().then(|| (EditCommand::Set { path: LAYOUT.into(), value: v }, None)),
        JsonTab::Payload => {
            let o = v.as_object()?;
            let layout = o.get("layout").filter(|l| l.is_object())?.clone();
            let fields = o.get("fields").cloned().unwrap_or_else(|| Value::Object(Map::new()));
            if !fields.is_object() {
                return None;
            }
            let owner = o.get("ownerTypeId").and_then(as_int).zip(o.get("ownerId").and_then(as_int));
            let cmd = EditCommand::Batch(vec![
                EditCommand::Set { path: FIELDS.into(), value: fields },
                EditCommand::Set { path: LAYOUT.into(), value: layout },
            ]);
            Some((cmd, owner))
        }
    }
}

fn as_int(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())
}

/// The selected document pointer as a pointer into the tab's value.
pub fn tab_pointer(tab: JsonTab, selection: &str) -> Option<String> {
    match tab {
        JsonTab::Layout => selection.strip_prefix(LAYOUT).map(str::to_string),
        JsonTab::Payload => Some(selection.to_string()),
    }
}

pub fn json_pane_ui(ui: &mut egui::Ui, ctx: &PanelCtx, state: &mut JsonPaneState, out: &mut Vec<UiAction>) {
    let prev_tab = state.tab;
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.tab, JsonTab::Layout, "Layout");
        ui.selectable_value(&mut state.tab, JsonTab::Payload, "REST payload");
    });
    if state.tab != prev_tab {
        state.edited = false;
    }
    // Follow the document while not editing (a frame usually has no change).
    let root = ctx.doc.root();
    let source = (state.tab, state.owner_type_id, state.owner_id, ctx.doc.content_key());
    if !state.edited && state.synced != Some(source) {
        state.text = pretty(&tab_source(state.tab, root, state.owner_type_id, state.owner_id));
        state.status = TextStatus::InSync;
        state.synced = Some(source);
    }

    let sel = ctx.selection.map(str::to_string);
    let cached = state.mark_cache.as_ref().filter(|(s, t, _)| *s == sel && *t == state.text);
    let mark: Option<Range<usize>> = match cached {
        Some((_, _, m)) => m.clone(),
        None => {
            let m = sel
                .as_deref()
                .and_then(|s| tab_pointer(state.tab, s))
                .filter(|p| !p.is_empty())
                .and_then(|p| locate::locate(&state.text, &p));
            state.mark_cache = Some((sel.clone(), state.text.clone(), m.clone()));
            m
        }
    };
    let selection_moved = ctx.selection.map(str::to_string) != state.last_selection;
    state.last_selection = ctx.selection.map(str::to_string);

    status_bar(ui, ctx, state, out);

    let dark = ui.visuals().dark_mode;
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let mark_for_layout = mark.clone();
    let mut cache = state.galley_cache.take();
    let mut layouter = |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| {
        let text = buf.as_str();
        if let Some(c) = &cache
            && c.text == text
            && c.mark == mark_for_layout
            && c.wrap_width == wrap_width
            && c.dark == dark
        {
            return c.galley.clone();
        }
        let job = highlight::layout_job(text, font.clone(), dark, mark_for_layout.clone(), wrap_width);
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        cache = Some(GalleyCache {
            text: text.to_string(),
            mark: mark_for_layout.clone(),
            wrap_width,
            dark,
            galley: galley.clone(),
        });
        galley
    };
    let label = ui.label(RichText::new("JSON text").small().weak());
    let output = egui::ScrollArea::both()
        .id_salt("json_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let output = egui::TextEdit::multiline(&mut state.text)
                .id_salt("json_text")
                .code_editor()
                .desired_width(f32::INFINITY)
                .desired_rows(20)
                .lock_focus(true)
                .layouter(&mut layouter)
                .show(ui);
            if selection_moved && let Some(m) = &mark {
                let char_idx = state.text[..m.start].chars().count();
                let rect = output.galley.pos_from_cursor(egui::text::CCursor::new(char_idx));
                ui.scroll_to_rect(rect.translate(output.galley_pos.to_vec2()), Some(egui::Align::TOP));
            }
            output
        })
        .inner;
    state.galley_cache = cache;
    let resp = output.response.response.labelled_by(label.id);
    if resp.changed() || (state.edited && state.checked_strict != state.strict) {
        state.edited = true;
        state.checked_strict = state.strict;
        state.status = check_text(state.tab, &state.text, &ValidateOptions::designer(ctx.catalog, state.strict));
    }
    if resp.has_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::Enter)) {
        apply(state, out);
    }
}

fn status_bar(ui: &mut egui::Ui, _ctx: &PanelCtx, state: &mut JsonPaneState, out: &mut Vec<UiAction>) {
    ui.horizontal_wrapped(|ui| {
        let can_apply = state.edited && matches!(state.status, TextStatus::Parsed(_));
        if ui.add_enabled(can_apply, egui::Button::new("Apply")).on_hover_text("Apply the edit (Ctrl+Enter)").clicked()
        {
            apply(state, out);
        }
        if ui.add_enabled(state.edited, egui::Button::new("Revert")).clicked() {
            state.edited = false;
            state.synced = None;
        }
        match &state.status {
            TextStatus::InSync => {
                ui.weak("Edit the JSON, then Apply.");
            }
            TextStatus::Parsed(diags) => {
                let errors = diags.iter().filter(|d| d.is_error()).count();
                let warnings = diags.len() - errors;
                let color = if has_errors(diags) { ui.visuals().warn_fg_color } else { ui.visuals().text_color() };
                ui.colored_label(color, format!("Valid JSON · {errors} errors, {warnings} warnings"));
            }
            TextStatus::Error { line, column, message } => {
                ui.colored_label(ui.visuals().error_fg_color, format!("{line}:{column}: {message}"));
            }
        }
    });
    if let TextStatus::Parsed(diags) = &state.status {
        for d in diags.iter().filter(|d| d.is_error()).take(3) {
            ui.colored_label(ui.visuals().warn_fg_color, format!("{} {} — {}", d.code, d.path, d.message));
        }
    }
}

fn apply(state: &mut JsonPaneState, out: &mut Vec<UiAction>) {
    if !matches!(state.status, TextStatus::Parsed(_)) {
        return;
    }
    let Some((cmd, owner)) = apply_command(state.tab, &state.text) else { return };
    let label = match state.tab {
        JsonTab::Layout => "edit layout JSON",
        JsonTab::Payload => "edit payload JSON",
    };
    out.push(UiAction::edit(label, cmd));
    if let Some((t, id)) = owner {
        state.owner_type_id = t;
        state.owner_id = id;
    }
    state.edited = false;
    state.synced = None;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout_ptr;

    #[test]
    fn parse_errors_report_line_and_column() {
        let st = check_text(JsonTab::Layout, "{\n  \"icon\": {\n    \"code\": \"info\",\n  }\n}", &Default::default());
        match st {
            TextStatus::Error { line, column, message } => {
                assert_eq!((line, column), (4, 3));
                assert!(!message.contains("at line"), "{message}");
            }
            other => panic!("expected an error, got {other:?}"),
        }
        assert!(matches!(check_text(JsonTab::Layout, "[1]", &Default::default()), TextStatus::Error { .. }));
        assert!(matches!(
            check_text(JsonTab::Payload, "{\"fields\": {}}", &Default::default()),
            TextStatus::Error { .. }
        ));
        assert!(matches!(check_text(JsonTab::Layout, "{}", &Default::default()), TextStatus::Parsed(_)));
    }

    #[test]
    fn payload_apply_sets_fields_and_layout_in_one_batch() {
        let text = r#"{"ownerTypeId": 1, "ownerId": "7", "fields": {"completed": true}, "layout": {"icon": {}}}"#;
        let (cmd, owner) = apply_command(JsonTab::Payload, text).unwrap();
        assert_eq!(owner, Some((1, 7)));
        let mut root = crate::edit::empty_root();
        crate::edit::apply(&mut root, &cmd).unwrap();
        assert_eq!(root, json!({"fields": {"completed": true}, "layout": {"icon": {}}}));
        assert!(apply_command(JsonTab::Layout, "{oops").is_none());
        assert_eq!(tab_pointer(JsonTab::Layout, layout_ptr!("/body")), Some("/body".into()));
        assert_eq!(tab_pointer(JsonTab::Layout, FIELDS), None);
    }

    #[test]
    fn pretty_keeps_key_order_with_two_spaces() {
        let v: Value = serde_json::from_str(r#"{"z": 1, "a": {"y": [1]}}"#).unwrap();
        assert_eq!(pretty(&v), "{\n  \"z\": 1,\n  \"a\": {\n    \"y\": [\n      1\n    ]\n  }\n}");
    }
}
