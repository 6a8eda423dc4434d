//! Each panel driven standalone with egui_kittest on a `Document`. The harness applies the
//! emitted actions the way the app does (edits through `Document::apply`, selection, seal),
//! and also keeps them so tests can assert what was emitted.

use b24_activity_designer::edit::Document;
use b24_activity_designer::edit::FIELDS;
use b24_activity_designer::layout::model::{Fields, Layout};
use b24_activity_designer::layout::{Catalog, Code, Diagnostic, Root};
use b24_activity_designer::layout_ptr;
use b24_activity_designer::ui::diagnostics_panel::{DiagnosticsState, diagnostics_ui};
use b24_activity_designer::ui::inspector::{InspectorState, inspector_ui};
use b24_activity_designer::ui::json::pane::{JsonPaneState, TextStatus, json_pane_ui};
use b24_activity_designer::ui::palette::palette_ui;
use b24_activity_designer::ui::tree::{TreeState, tree_ui};
use b24_activity_designer::ui::{PanelCtx, UiAction};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use serde_json::{Value, json};

#[derive(Clone, Copy)]
enum Panel {
    Palette,
    Tree,
    Inspector,
    Json,
    Diagnostics,
    /// Palette above the tree, for drag and drop between them.
    PaletteAndTree,
}

struct App {
    panel: Panel,
    doc: Document,
    selection: Option<String>,
    diagnostics: Vec<Diagnostic>,
    catalog: Catalog,
    tree: TreeState,
    inspector: InspectorState,
    json: JsonPaneState,
    diag: DiagnosticsState,
    /// Every action emitted, in order.
    log: Vec<UiAction>,
    /// Apply edits to the document (off: only record them).
    apply: bool,
}

impl App {
    fn new(panel: Panel, root: Value) -> Self {
        Self {
            panel,
            doc: Document::new(root),
            selection: None,
            diagnostics: Vec::new(),
            catalog: Catalog::default(),
            tree: standalone_tree(),
            inspector: InspectorState::default(),
            json: JsonPaneState::default(),
            diag: DiagnosticsState::default(),
            log: Vec::new(),
            apply: true,
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui) {
        // The app installs the icon font at start; the pickers draw glyphs with it.
        b24_activity_designer::ui::glyphs::install_fonts(ui.ctx());
        let layout = Layout::default();
        let fields = Fields::default();
        let mut out = Vec::new();
        {
            let ctx = PanelCtx {
                doc: &self.doc,
                layout: &layout,
                fields: &fields,
                diagnostics: &self.diagnostics,
                selection: self.selection.as_deref(),
                catalog: &self.catalog,
            };
            match self.panel {
                Panel::Palette => palette_ui(ui, &ctx, &mut out),
                Panel::Tree => tree_ui(ui, &ctx, &mut self.tree, &mut out),
                Panel::Inspector => inspector_ui(ui, &ctx, &mut self.inspector, &mut out),
                Panel::Json => json_pane_ui(ui, &ctx, &mut self.json, &mut out),
                Panel::Diagnostics => diagnostics_ui(ui, &ctx, &mut self.diag, &mut out),
                Panel::PaletteAndTree => {
                    palette_ui(ui, &ctx, &mut out);
                    tree_ui(ui, &ctx, &mut self.tree, &mut out);
                }
            }
        }
        for a in out {
            if self.apply {
                match &a {
                    UiAction::Edit { label, cmd, merge_key } => {
                        self.doc.apply(label, cmd.clone(), merge_key.clone()).expect("emitted edits apply");
                    }
                    UiAction::Select(s) => self.selection = s.clone(),
                    UiAction::SealHistory => self.doc.seal(),
                }
            }
            self.log.push(a);
        }
    }

    fn edits(&self) -> Vec<&UiAction> {
        self.log.iter().filter(|a| matches!(a, UiAction::Edit { .. })).collect()
    }
}

fn standalone_tree() -> TreeState {
    let mut t = TreeState::default();
    t.own_shortcuts = true;
    t
}

/// Focuses the JSON pane's editor and replaces its whole text (select all, then type).
fn replace_json_text(h: &mut Harness<'static, App>, text: &str) {
    h.get_by_label("JSON text").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("JSON text").type_text(text);
    h.run();
}

fn harness(app: App) -> Harness<'static, App> {
    Harness::new_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

fn sample() -> Value {
    json!({"fields": {}, "layout": {
        "icon": {"code": "info"},
        "header": {"title": "Call"},
        "body": {"logo": {"code": "document"}, "blocks": {
            "b1": {"type": "text", "properties": {"value": "Hello"}},
            "go": {"type": "link", "properties": {"text": "Open", "action": {"type": "redirect", "uri": "/"}}}}}}})
}

#[test]
fn palette_text_adds_a_text_block_after_the_selection() {
    let mut app = App::new(Panel::Palette, sample());
    app.selection = Some(layout_ptr!("/body/blocks/b1").into());
    let mut h = harness(app);
    h.run();
    let pos = h.get_by_label("Text").rect().center();
    mouse_click(&mut h, pos);
    let app = h.state();
    assert_eq!(app.edits().len(), 1, "one edit: {:?}", app.log);
    let blocks = app.doc.layout()["body"]["blocks"].as_object().unwrap();
    assert_eq!(blocks.keys().collect::<Vec<_>>(), ["b1", "text", "go"]);
    assert_eq!(blocks["text"], json!({"type": "text", "properties": {"value": "Text"}}));
    assert_eq!(app.selection.as_deref(), Some(layout_ptr!("/body/blocks/text")));
    assert_eq!(app.doc.undo_label(), Some("add text"));
}

#[test]
fn tree_selects_on_click_and_deletes_from_the_keyboard() {
    let mut h = harness(App::new(Panel::Tree, sample()));
    h.run();
    h.get_by_label("b1").click();
    h.run();
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/body/blocks/b1")));
    h.key_press(egui::Key::Delete);
    h.run();
    let app = h.state();
    assert!(app.doc.layout().pointer("/body/blocks/b1").is_none());
    assert_eq!(app.doc.undo_label(), Some("delete block"));
    assert_eq!(app.selection.as_deref(), Some(layout_ptr!("/body/blocks")));
}

/// A real mouse click (pointer events), not an accessibility action.
fn mouse_click(h: &mut Harness<'static, App>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
}

#[test]
fn tree_moves_with_alt_arrows() {
    let mut h = harness(App::new(Panel::Tree, sample()));
    h.run();
    let pos = h.get_by_label("go").rect().center();
    mouse_click(&mut h, pos);
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/body/blocks/go")));
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowUp);
    h.run();
    let keys: Vec<String> = h.state().doc.layout()["body"]["blocks"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["go", "b1"]);
}

#[test]
fn inspector_typing_is_one_merged_undo_step() {
    let mut app = App::new(Panel::Inspector, sample());
    app.selection = Some(layout_ptr!("/body/blocks/b1").into());
    let mut h = harness(app);
    h.run();
    h.get_by_label("Value").focus();
    h.run();
    h.get_by_label("Value").type_text("!");
    h.run();
    h.get_by_label("Value").type_text("?");
    h.run();
    let app = h.state();
    let value_path = layout_ptr!("/body/blocks/b1/properties/value");
    let edits = app.edits();
    assert!(edits.len() >= 2, "{:?}", app.log);
    for e in &edits {
        let UiAction::Edit { merge_key, .. } = e else { unreachable!() };
        assert_eq!(merge_key.as_deref(), Some(value_path));
    }
    let typed = app.doc.root().pointer(value_path).unwrap().as_str().unwrap().to_string();
    assert!(typed.contains('!') && typed.contains('?') && typed.contains("Hello"), "{typed}");
    let mut doc = app.doc.clone();
    assert!(doc.undo());
    assert_eq!(doc.root().pointer(value_path).unwrap(), "Hello", "one undo restores the text");
}

#[test]
fn json_pane_broken_edit_shows_line_and_column_and_emits_nothing() {
    let mut h = harness(App::new(Panel::Json, sample()));
    h.run();
    let before = h.state().doc.root().clone();
    h.get_by_label("JSON text").focus();
    h.run();
    h.get_by_label("JSON text").type_text("}{,");
    h.run();
    let (line, column, message) = match h.state().json.status() {
        TextStatus::Error { line, column, message } => (*line, *column, message.clone()),
        other => panic!("expected a parse error, got {other:?}"),
    };
    h.get_by_label(&format!("{line}:{column}: {message}"));
    h.get_by_label("Apply").click();
    h.run();
    let app = h.state();
    assert!(app.log.is_empty(), "nothing emitted: {:?}", app.log);
    assert_eq!(app.doc.root(), &before);
}

#[test]
fn json_pane_apply_is_one_undo_step() {
    let mut h = harness(App::new(Panel::Json, sample()));
    h.run();
    replace_json_text(&mut h, r#"{"icon": {"code": "call"}}"#);
    assert!(matches!(h.state().json.status(), TextStatus::Parsed(_)), "{:?}", h.state().json.status());
    h.get_by_label("Apply").click();
    h.run();
    let app = h.state();
    assert_eq!(app.doc.layout(), &json!({"icon": {"code": "call"}}));
    let mut doc = app.doc.clone();
    assert!(doc.undo());
    assert_eq!(doc.root(), &sample());
}

#[test]
fn clicking_a_diagnostic_selects_its_node() {
    let mut app = App::new(Panel::Diagnostics, sample());
    app.diagnostics = vec![
        Diagnostic::error(
            Code::FieldIsRequired,
            Root::Layout,
            "/body/blocks/go/properties/action/id",
            "An event id is missing.",
        ),
        Diagnostic::warning(Code::EmptyText, Root::Layout, "/header/title", "Just a warning."),
    ];
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("FIELD_IS_REQUIRED").click();
    h.run();
    // The uri is missing, so its nearest existing ancestor (the action) is selected.
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/body/blocks/go/properties/action")));
    assert!(h.state().edits().is_empty());
}

/// A payload pasted into the Layout tab leaves a layout key literally named `fields`: its
/// finding belongs to that layout key, not to the activity-fields form.
#[test]
fn a_layout_key_named_fields_is_selected_as_that_key() {
    let mut doc = sample();
    doc["layout"]["fields"] = json!({"completed": "N"});
    let mut app = App::new(Panel::Diagnostics, doc.clone());
    app.diagnostics = b24_activity_designer::layout::validate_payload(
        doc.get("layout"),
        doc.get("fields"),
        &b24_activity_designer::layout::ValidateOptions::default(),
    );
    let d = app.diagnostics.iter().find(|d| d.path == "/fields").cloned();
    let d = d.unwrap_or_else(|| panic!("the unknown layout key is reported: {:?}", app.diagnostics));
    assert_eq!(d.root, Root::Layout);
    assert_eq!(d.doc_path(), layout_ptr!("/fields"));
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains(&format!("{}  /fields  ", d.code)).click();
    h.run();
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/fields")));
}

/// A layout using every node kind, with actions of each type, translations and fields.
fn rich() -> Value {
    json!({"fields": {"typeId": "CONFIGURABLE", "completed": "N", "deadline": "2025-02-01T12:00:00+03:00",
                      "pingOffsets": [0, 15], "isIncomingChannel": false, "responsibleId": 1, "badgeCode": "b",
                      "originatorId": "crm", "originId": "42"},
     "layout": {
        "icon": {"code": "call"},
        "header": {"title": {"en": "Call", "de": "Anruf"}, "titleAction": {"type": "redirect", "uri": "/"},
                   "tags": {"t1": {"title": "Done", "type": "success",
                                   "action": {"type": "restEvent", "id": "x", "actionParams": {"a": 1}, "animationType": "loader"}}}},
        "body": {"logo": {"code": "call-incoming", "action": {"type": "openRestApp",
                          "sliderParams": {"width": 600, "labelColor": "#ff0000", "labelBgColor": "blue"}}},
                 "blocks": {
                    "t": {"type": "text", "properties": {"value": "V", "bold": true, "size": "sm", "color": "base_70", "scope": "web"}},
                    "lt": {"type": "largeText", "properties": {"value": "Long"}},
                    "l": {"type": "link", "properties": {"text": "L", "action": {"type": "redirect", "uri": "/x"}}},
                    "wt": {"type": "withTitle", "properties": {"title": "T", "inline": true,
                                                               "block": {"type": "deadline", "properties": {}}}},
                    "line": {"type": "lineOfBlocks", "properties": {"blocks": {
                        "a": {"type": "text", "properties": {"value": "a"}},
                        "b": {"type": "link", "properties": {"text": "b", "action": {"type": "openRestApp"}}}}}},
                    "d": {"type": "deadline", "properties": {"readonly": false}},
                    "u": {"type": "mystery", "properties": {"q": 1}}}},
        "footer": {"showNote": false,
                   "buttons": {"ok": {"title": "OK", "type": "primary", "action": {"type": "restEvent", "id": "ok"}}},
                   "menu": {"showPinItem": false, "items": {"m": {"title": "M", "action": {"type": "redirect", "uri": "/"},
                                                                "badgeText": {"title": "new"}, "sectionCode": "s1",
                                                                "design": "alert", "subtitle": {"en": "sub"}}},
                            "sections": [{"code": "s1", "title": "S"}]}}}})
}

#[test]
fn every_node_renders_in_the_tree_inspector_and_json_pane() {
    let rows = b24_activity_designer::ui::tree::model::build(&rich());
    assert!(rows.len() > 30, "{} rows", rows.len());
    for panel in [Panel::Inspector, Panel::Json, Panel::Tree] {
        let mut app = App::new(panel, rich());
        app.apply = false;
        app.diagnostics =
            vec![Diagnostic::error(Code::EnumField, Root::Layout, "/body/blocks/u/type", "Unknown block type.")];
        let mut h = harness(app);
        for row in &rows {
            h.state_mut().selection = Some(row.pointer.clone());
            h.run();
        }
        h.state_mut().json.tab = b24_activity_designer::ui::json::pane::JsonTab::Payload;
        h.run();
        assert!(h.state().edits().is_empty(), "rendering alone edits nothing: {:?}", h.state().log);
    }
}

#[test]
fn tree_renames_in_place_and_refuses_clashes() {
    let mut h = harness(App::new(Panel::Tree, sample()));
    h.run();
    h.get_by_label("b1").click();
    h.run();
    h.key_press(egui::Key::F2);
    h.run();
    h.run();
    // Typing a clash: refused with a message, nothing renamed.
    h.get_by_label("New key:").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("New key:").type_text("go");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().edits().is_empty(), "{:?}", h.state().log);
    assert!(h.state().tree.message.as_deref().unwrap_or("").contains("already used"), "{:?}", h.state().tree.message);
    // Bad characters are dropped as typed; a fresh key renames and keeps the position.
    h.run();
    h.get_by_label("New key:").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("New key:").type_text("in tro!");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let app = h.state();
    let keys: Vec<String> = app.doc.layout()["body"]["blocks"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["intro", "go"]);
    assert_eq!(app.doc.undo_label(), Some("rename block"));
    assert_eq!(app.selection.as_deref(), Some(layout_ptr!("/body/blocks/intro")));
}

#[test]
fn tree_copy_paste_through_clipboard_events_resolves_key_clashes() {
    let mut h = harness(App::new(Panel::Tree, sample()));
    h.run();
    h.get_by_label("b1").click();
    h.run();
    h.event(egui::Event::Copy);
    h.run();
    let copied = h.state().tree.clipboard.clone().expect("copy keeps the JSON");
    let v: Value = serde_json::from_str(&copied).unwrap();
    assert_eq!(v, json!({"b1": {"type": "text", "properties": {"value": "Hello"}}}));
    h.event(egui::Event::Paste(copied));
    h.run();
    let app = h.state();
    let blocks = app.doc.layout()["body"]["blocks"].as_object().unwrap();
    let keys: Vec<&String> = blocks.keys().collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert_eq!(keys[0], "b1");
    assert_ne!(keys[1], "b1", "the clash got a new key");
    assert_eq!(blocks[keys[1].as_str()], blocks["b1"]);
    assert_eq!(app.selection.as_deref(), Some(format!("{}/{}", layout_ptr!("/body/blocks"), keys[1]).as_str()));
    // Garbage on the clipboard is refused with a message, the document untouched.
    let before = app.doc.root().clone();
    h.event(egui::Event::Paste("not json".into()));
    h.run();
    assert_eq!(h.state().doc.root(), &before);
    assert!(h.state().tree.message.as_deref().unwrap_or("").starts_with("Cannot paste"));
}

fn drag(h: &mut Harness<'static, App>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for t in [0.3, 0.6, 1.0] {
        h.hover_at(from + (to - from) * t);
        h.run();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    h.run();
}

#[test]
fn drag_from_palette_onto_a_tree_node_and_reorder_by_drag() {
    let mut h = harness(App::new(Panel::PaletteAndTree, sample()));
    h.run();
    let from = h.get_by_label("Text").rect().center();
    let to = h.get_by_label("go").rect().center();
    drag(&mut h, from, to);
    let keys = |h: &Harness<'static, App>| -> Vec<String> {
        h.state().doc.layout()["body"]["blocks"].as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(keys(&h), ["b1", "go", "text"], "{:?}", h.state().log);
    // Drag "text" onto "b1": it takes b1's place.
    let from = h.get_by_label("text").rect().center();
    let to = h.get_by_label("b1").rect().center();
    drag(&mut h, from, to);
    assert_eq!(keys(&h), ["text", "b1", "go"], "{:?}", h.state().log);
    assert_eq!(h.state().doc.undo_label(), Some("move block"));
}

#[test]
fn icon_picker_shows_codes_with_glyphs_and_sets_the_code() {
    let mut app = App::new(Panel::Inspector, sample());
    app.selection = Some(layout_ptr!("/icon").into());
    let mut h = harness(app);
    h.run();
    h.get_by_label("Pick icon").click();
    h.run();
    h.get_by_label_contains("call-completed").click();
    h.run();
    let app = h.state();
    assert_eq!(app.doc.layout()["icon"]["code"], "call-completed", "{:?}", app.log);
    assert_eq!(app.doc.undo_label(), Some("edit icon"));
}

#[test]
fn inspector_translations_and_tri_state_booleans() {
    let mut app = App::new(Panel::Inspector, sample());
    app.selection = Some(layout_ptr!("/body/blocks/b1").into());
    let mut h = harness(app);
    h.run();
    let value = layout_ptr!("/body/blocks/b1/properties/value");
    // Plain → per language keeps the text under the first suggested language.
    h.get_all_by_label("Per language").next().unwrap().click();
    h.run();
    assert_eq!(h.state().doc.root().pointer(value).unwrap(), &json!({"en": "Hello"}));
    h.get_all_by_label("Add language").next().unwrap().click();
    h.run();
    h.get_by_label("de").click();
    h.run();
    assert_eq!(h.state().doc.root().pointer(value).unwrap(), &json!({"en": "Hello", "de": ""}));
    h.get_by_label("Remove language en").click();
    h.run();
    assert_eq!(h.state().doc.root().pointer(value).unwrap(), &json!({"de": ""}));
    // Bold is absent (default false); a click makes it explicit, Reset makes it absent again.
    let bold = layout_ptr!("/body/blocks/b1/properties/bold");
    h.get_by_label("Bold").click();
    h.run();
    assert_eq!(h.state().doc.root().pointer(bold), Some(&json!(true)));
    h.get_by_label("Reset Bold to the default").click();
    h.run();
    assert_eq!(h.state().doc.root().pointer(bold), None);
}

#[test]
fn tree_context_menu_duplicates() {
    let mut h = harness(App::new(Panel::Tree, sample()));
    h.run();
    let pos = h.get_by_label("b1").rect().center();
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    h.get_by_label("Duplicate").click();
    h.run();
    let app = h.state();
    let keys: Vec<String> = app.doc.layout()["body"]["blocks"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert_eq!((keys[0].as_str(), keys[2].as_str()), ("b1", "go"));
    assert_eq!(app.doc.undo_label(), Some("duplicate block"));
}

#[test]
fn json_pane_applies_with_ctrl_enter() {
    let mut h = harness(App::new(Panel::Json, sample()));
    h.run();
    replace_json_text(&mut h, r#"{"icon": {"code": "sms"}}"#);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().doc.layout(), &json!({"icon": {"code": "sms"}}));
    assert_eq!(h.state().doc.undo_label(), Some("edit layout JSON"));
}

#[test]
fn fields_editor_sets_a_deadline_and_shows_the_incoming_rule() {
    let mut app = App::new(Panel::Inspector, sample());
    app.selection = Some(FIELDS.into());
    let mut h = harness(app);
    h.run();
    h.get_by_label("Set deadline").click();
    h.run();
    let deadline = h.state().doc.fields()["deadline"].as_str().unwrap().to_string();
    let parsed = b24_activity_designer::ui::inspector::fields::Deadline::parse(&deadline).expect("valid deadline");
    assert_eq!(parsed.format(), deadline, "always ±hh:mm");
    assert!(h.query_by_label("Error: An incoming activity cannot have a deadline.").is_none());
    h.get_by_label("Incoming").click();
    h.run();
    h.run();
    assert_eq!(h.state().doc.fields()["isIncomingChannel"], json!(true));
    h.get_by_label("Error: An incoming activity cannot have a deadline.");
    // Clearing the deadline removes the field in one undoable step.
    h.get_by_label("Clear the deadline").click();
    h.run();
    assert!(h.state().doc.fields().get("deadline").is_none());
}

#[test]
fn action_editor_switches_type_and_edits_params() {
    let mut app = App::new(Panel::Inspector, sample());
    app.selection = Some(layout_ptr!("/body/blocks/go/properties/action").into());
    let mut h = harness(app);
    h.run();
    h.get_by_label("Action type").click();
    h.run();
    h.get_by_label("restEvent").click();
    h.run();
    let action = layout_ptr!("/body/blocks/go/properties/action");
    assert_eq!(h.state().doc.root().pointer(action).unwrap(), &json!({"type": "restEvent", "id": "action"}));
    h.get_by_label("New parameter").focus();
    h.get_by_label("New parameter").type_text("client id");
    h.run();
    h.get_by_label("Add parameter").click();
    h.run();
    let params = h.state().doc.root().pointer(&format!("{action}/actionParams")).cloned();
    assert_eq!(params, Some(json!({"clientid": ""})), "the key rule is applied as typed");
}

#[test]
fn tree_arrows_move_the_selection_and_fold_branches() {
    let mut h = harness(App::new(Panel::Tree, sample()));
    h.run();
    let pos = h.get_by_label("b1").rect().center();
    mouse_click(&mut h, pos);
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/body/blocks/b1")));
    let key = |h: &mut Harness<'static, App>, k| {
        h.key_press(k);
        h.run();
    };
    key(&mut h, egui::Key::ArrowDown);
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/body/blocks/go")));
    // "go" holds its action: Left folds it, Left again climbs to the parent.
    assert!(h.query_by_label("action").is_some());
    key(&mut h, egui::Key::ArrowLeft);
    assert!(h.query_by_label("action").is_none(), "go folded");
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/body/blocks/go")));
    key(&mut h, egui::Key::ArrowLeft);
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/body/blocks")), "Left on a folded row climbs");
    // Left on an open parent folds it: its children leave the tree; Right unfolds.
    key(&mut h, egui::Key::ArrowLeft);
    assert!(h.query_by_label("b1").is_none() && h.query_by_label("go").is_none(), "folded");
    assert_eq!(h.state().doc.layout()["body"]["blocks"].as_object().unwrap().len(), 2, "folding edits nothing");
    key(&mut h, egui::Key::ArrowRight);
    assert!(h.query_by_label("b1").is_some());
    key(&mut h, egui::Key::Home);
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/icon")));
    // The triangle left of a parent's icon folds it with a click, without selecting it.
    let body = h.get_by_label("body").rect();
    mouse_click(&mut h, egui::pos2(body.left() + 6.0, body.center().y));
    assert!(h.query_by_label("blocks").is_none(), "body folded by its triangle");
    assert_eq!(h.state().selection.as_deref(), Some(layout_ptr!("/icon")), "the triangle does not select");
    // Selecting a hidden node elsewhere (preview, diagnostics) unfolds its ancestors.
    h.state_mut().selection = Some(layout_ptr!("/body/blocks/go").into());
    h.run();
    h.run();
    assert!(h.query_by_label("go").is_some());
}

#[test]
fn tree_calls_a_menu_section_what_the_app_calls_it() {
    let root = json!({"fields": {}, "layout": {"footer": {"menu": {"sections": [{"code": "s1"}, {"code": "s2"}]}}}});
    let mut h = harness(App::new(Panel::Tree, root));
    h.run();
    h.get_by_label("s1").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
    h.run();
    let app = h.state();
    assert_eq!(app.doc.layout()["footer"]["menu"]["sections"], json!([{"code": "s2"}, {"code": "s1"}]));
    assert_eq!(app.doc.undo_label(), Some("move menu section"));
    assert_eq!(app.selection.as_deref(), Some("/layout/footer/menu/sections/1"));
}
