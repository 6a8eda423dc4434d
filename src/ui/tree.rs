//! The document tree: select, rename in place, delete, duplicate, reorder (drag, Alt+Up/Down),
//! copy/cut/paste as JSON through the system clipboard, a context menu, diagnostic markers,
//! and drops from the palette. Emits `UiAction`s only; structural commands come from
//! `edit::structure` so the tree and the app's shortcuts behave the same.

use super::insert::{self, NewItem};
use super::tree_model::{self, TreeNode};
use super::{PanelCtx, UiAction, diagnostic_doc_path};
use crate::edit::{sanitize_key, structure};
use crate::layout::{Diagnostic, Severity, pointer};
use egui::{Button, Color32, Id, Key, Modifiers, Sense, Stroke};

/// Per-window tree state, owned by the app.
#[derive(Clone, Debug, Default)]
pub struct TreeState {
    /// Set by the app (F2) to start renaming the node at this path in place.
    pub rename_request: Option<String>,
    /// The last user-facing problem (refused rename, failed paste...), shown under the tree.
    pub message: Option<String>,
    /// The tree's own copy of the last copied JSON, for the context menu's Paste (egui has
    /// no clipboard read outside a paste event).
    pub clipboard: Option<String>,
    /// When true the tree itself handles Alt+Up/Down, Delete, F2, Ctrl+D and the clipboard
    /// events while it has focus. Off by default: the app's command list handles those keys
    /// on the selection (through the same `edit::structure` functions), and handling them
    /// twice would paste twice. Standalone hosts (tests, tools) turn it on.
    pub own_shortcuts: bool,
    renaming: Option<Rename>,
    focused: bool,
    last_selection: Option<String>,
    /// Rows and their diagnostic marks, rebuilt only when the document or findings change.
    cache: Option<RowCache>,
}

#[derive(Clone, Debug)]
struct RowCache {
    key: (u64, u64),
    diagnostics: Vec<Diagnostic>,
    rows: std::sync::Arc<Vec<TreeNode>>,
    marks: std::sync::Arc<Vec<Option<(Severity, String)>>>,
}

#[derive(Clone, Debug)]
struct Rename {
    path: String,
    text: String,
    focus_requested: bool,
}

/// A tree node being dragged (reorder within its collection).
#[derive(Clone, Debug)]
struct TreeDrag {
    pointer: String,
}

impl TreeState {
    /// True while the tree holds keyboard focus (its shortcuts and paste apply).
    pub fn has_focus(&self) -> bool {
        self.focused
    }
}

/// Draws the tree. Rows are labelled with their key (or part name), so tests find them by it.
pub fn tree_ui(ui: &mut egui::Ui, ctx: &PanelCtx, state: &mut TreeState, out: &mut Vec<UiAction>) {
    let (rows, marks) = rows_and_marks(ctx, state);
    if let Some(path) = state.rename_request.take() {
        start_rename(state, &path);
    }
    let selection_moved = ctx.selection.map(str::to_string) != state.last_selection;
    state.last_selection = ctx.selection.map(str::to_string);

    // Every row has the same height, so only the rows in view are built (a large layout has
    // hundreds), plus those that must stay alive this frame: the one being renamed (keeps
    // focus) and the one being dragged (keeps the drag).
    let row_h = row_height(ui);
    let tree_rect = egui::ScrollArea::vertical()
        .id_salt("tree_scroll")
        .auto_shrink([false, true])
        .max_height((ui.available_height() - 24.0).max(60.0))
        .show_viewport(ui, |ui, viewport| {
            let width = ui.available_width();
            let (all, _) = ui.allocate_exact_size(egui::vec2(width, rows.len() as f32 * row_h), Sense::hover());
            let rect_of = |i: usize| {
                egui::Rect::from_min_size(all.min + egui::vec2(0.0, i as f32 * row_h), egui::vec2(width, row_h))
            };
            let first = ((viewport.min.y / row_h).floor().max(0.0) as usize).min(rows.len());
            let last = ((viewport.max.y / row_h).ceil().max(0.0) as usize + 1).min(rows.len());
            let dragged = egui::DragAndDrop::payload::<TreeDrag>(ui.ctx());
            for (i, row) in rows.iter().enumerate() {
                let in_view = (first..last).contains(&i);
                let must_draw = state.renaming.as_ref().is_some_and(|r| r.path == row.pointer)
                    || dragged.as_ref().is_some_and(|d| d.pointer == row.pointer);
                if in_view || must_draw {
                    row_ui(ui, rect_of(i), ctx, state, row, marks[i].as_ref(), out);
                }
                if selection_moved && ctx.selection == Some(row.pointer.as_str()) {
                    ui.scroll_to_rect(rect_of(i), None);
                }
            }
        })
        .inner_rect;

    if let Some(msg) = &state.message {
        ui.colored_label(ui.visuals().warn_fg_color, msg);
    }

    // Focus: a click on a row takes it; a press anywhere else or a text field elsewhere drops it.
    let pressed_outside =
        ui.input(|i| i.pointer.any_pressed() && i.pointer.interact_pos().is_some_and(|p| !tree_rect.contains(p)));
    if pressed_outside || (state.renaming.is_none() && ui.ctx().text_edit_focused()) {
        state.focused = false;
    }
    if state.own_shortcuts && state.focused && state.renaming.is_none() {
        keyboard(ui, ctx, state, &rows, out);
    }
}

type Rows = std::sync::Arc<Vec<TreeNode>>;
type Marks = std::sync::Arc<Vec<Option<(Severity, String)>>>;

/// The rows and marks for this frame, from the cache when the document and findings are unchanged.
fn rows_and_marks(ctx: &PanelCtx, state: &mut TreeState) -> (Rows, Marks) {
    let key = ctx.doc.content_key();
    let c = match state.cache.take() {
        Some(c) if c.key == key && c.diagnostics == ctx.diagnostics => c,
        old => {
            let rows = if let Some(c) = old.filter(|c| c.key == key) {
                c.rows
            } else {
                std::sync::Arc::new(tree_model::build(ctx.doc.root()))
            };
            let marks = std::sync::Arc::new(severity_marks(ctx.diagnostics, &rows));
            RowCache { key, diagnostics: ctx.diagnostics.to_vec(), rows, marks }
        }
    };
    let out = (c.rows.clone(), c.marks.clone());
    state.cache = Some(c);
    out
}

/// Worst severity and the messages per row: each diagnostic marks the deepest row containing
/// its path (a missing field marks the node that lacks it).
pub fn severity_marks(diagnostics: &[Diagnostic], rows: &[TreeNode]) -> Vec<Option<(Severity, String)>> {
    let mut marks: Vec<Option<(Severity, String)>> = vec![None; rows.len()];
    for d in diagnostics {
        let path = diagnostic_doc_path(d);
        let best = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| pointer::is_within(&path, &r.pointer))
            .max_by_key(|(_, r)| r.pointer.len());
        if let Some((i, _)) = best {
            let line = format!("{} at {}: {}", d.code, d.path, d.message);
            marks[i] = Some(match marks[i].take() {
                None => (d.severity, line),
                Some((s, text)) => (s.min(d.severity), format!("{text}\n{line}")),
            });
        }
    }
    marks
}

/// One row's height: a selectable label's plus the usual gap between rows.
fn row_height(ui: &egui::Ui) -> f32 {
    let text = ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    text.max(ui.spacing().interact_size.y) + ui.spacing().item_spacing.y
}

/// One row as a single widget, painted directly: one interaction per row instead of a
/// container with four widgets keeps the tree cheap with hundreds of rows.
fn row_ui(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    ctx: &PanelCtx,
    state: &mut TreeState,
    row: &TreeNode,
    mark: Option<&(Severity, String)>,
    out: &mut Vec<UiAction>,
) {
    let indent = row.depth as f32 * 14.0;
    let gap = ui.spacing().item_spacing.x;
    let family = super::glyphs::glyph_family(ui.ctx());
    let body = egui::TextStyle::Button.resolve(ui.style());
    let inner = rect.shrink2(egui::vec2(0.0, ui.spacing().item_spacing.y / 2.0));
    if state.renaming.as_ref().is_some_and(|r| r.path == row.pointer) {
        let layout = egui::Layout::left_to_right(egui::Align::Center);
        ui.scope_builder(egui::UiBuilder::new().max_rect(inner).layout(layout).id_salt(&row.pointer), |ui| {
            ui.add_space(indent);
            ui.label(egui::RichText::new(row.icon).family(family).color(ui.visuals().weak_text_color()));
            rename_ui(ui, ctx, state, row, out);
        });
        return;
    }
    let selected = ctx.selection == Some(row.pointer.as_str());
    let sense = if row.is_collection_member() { Sense::click_and_drag() } else { Sense::click() };
    let resp = ui.interact(inner, ui.scope_id().with(("tree_row", &row.pointer)), sense);
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), selected, &row.label));

    if ui.is_rect_visible(rect) {
        let v = ui.visuals();
        let painter = ui.painter();
        let icon =
            painter.layout_no_wrap(row.icon.to_string(), egui::FontId::new(body.size, family), v.weak_text_color());
        let x0 = inner.left() + indent;
        let label_x = x0 + icon.size().x + gap;
        let label = painter.layout_no_wrap(row.label.clone(), body.clone(), Color32::PLACEHOLDER);
        let pad = ui.spacing().button_padding.x;
        let label_rect = egui::Rect::from_min_max(
            egui::pos2(label_x, inner.top()),
            egui::pos2(label_x + label.size().x + 2.0 * pad, inner.bottom()),
        );
        let text_color = super::light::selectable_fill(ui, label_rect, &resp, selected);
        let mid = inner.center().y;
        painter.galley(egui::pos2(x0, mid - icon.size().y / 2.0), icon, v.weak_text_color());
        painter.galley(egui::pos2(label_x + pad, mid - label.size().y / 2.0), label, text_color);
        let mut x = label_rect.right() + gap;
        if !row.detail.is_empty() {
            let detail = painter.layout_no_wrap(row.detail.clone(), body, v.weak_text_color());
            let w = detail.size().x;
            painter.galley(egui::pos2(x, mid - detail.size().y / 2.0), detail, v.weak_text_color());
            x += w + gap;
        }
        if let Some((sev, _)) = mark {
            let color = if *sev == Severity::Error {
                Color32::from_rgb(0xe0, 0x40, 0x40)
            } else {
                Color32::from_rgb(0xe8, 0xa0, 0x20)
            };
            painter.circle_filled(egui::pos2(x + 5.0, mid), 4.0, color);
        }
    }

    if row.is_collection_member() {
        resp.dnd_set_drag_payload(TreeDrag { pointer: row.pointer.clone() });
    }
    if resp.clicked() || resp.secondary_clicked() {
        state.focused = true;
        state.message = None;
        if !selected {
            out.push(UiAction::Select(Some(row.pointer.clone())));
        }
    }
    if resp.double_clicked() && structure::is_keyed_item(&row.pointer) {
        start_rename(state, &row.pointer);
    }
    let resp = match mark {
        Some((_, msgs)) if resp.hovered() => resp.on_hover_text(msgs),
        _ => resp,
    };
    // Building the popup per row costs; it can only show after a click or while open.
    let menu_open = egui::Popup::is_id_open(ui.ctx(), egui::Popup::default_response_id(&resp));
    if menu_open || resp.clicked() || resp.secondary_clicked() {
        resp.context_menu(|ui| context_menu(ui, ctx, state, row, out));
    }
    drop_target(ui, ctx, state, row, &resp, out);
}

fn drop_target(
    ui: &egui::Ui,
    ctx: &PanelCtx,
    state: &mut TreeState,
    row: &TreeNode,
    resp: &egui::Response,
    out: &mut Vec<UiAction>,
) {
    let root = ctx.doc.root();
    let hovering_new = resp.dnd_hover_payload::<NewItem>().is_some();
    let hovering_drag = resp.dnd_hover_payload::<TreeDrag>().is_some_and(|d| same_collection(&d.pointer, row));
    if hovering_new || hovering_drag {
        let y = resp.rect.top();
        ui.painter().hline(resp.rect.x_range(), y, Stroke::new(2.0, ui.visuals().selection.stroke.color));
    }
    // `dnd_release_payload` takes the payload even when its type does not match, so each
    // release is read only when the carried payload has that type.
    let carrying_new = egui::DragAndDrop::has_payload_of_type::<NewItem>(ui.ctx());
    if carrying_new && let Some(item) = resp.dnd_release_payload::<NewItem>() {
        match insert::plan_insert(root, Some(&row.pointer), *item) {
            Ok(plan) => emit_plan(out, plan.label, plan.cmd, plan.select),
            Err(msg) => state.message = Some(msg),
        }
    }
    if !carrying_new
        && let Some(drag) = resp.dnd_release_payload::<TreeDrag>()
        && same_collection(&drag.pointer, row)
        && drag.pointer != row.pointer
        && let Some(index) = index_in_collection(root, &row.pointer)
    {
        let cmd = crate::edit::EditCommand::Move { path: drag.pointer.clone(), index };
        let new_path = if structure::is_list_item(&drag.pointer) {
            pointer::split_last(&drag.pointer)
                .map_or(drag.pointer.clone(), |(p, _)| pointer::join(&p, &index.to_string()))
        } else {
            drag.pointer.clone()
        };
        emit_plan(out, format!("move {}", noun(&drag.pointer)), cmd, new_path);
    }
}

fn same_collection(dragged: &str, row: &TreeNode) -> bool {
    row.collection().is_some_and(|c| pointer::split_last(dragged).is_some_and(|(p, _)| p == c))
}

fn index_in_collection(root: &serde_json::Value, path: &str) -> Option<usize> {
    let (parent, key) = pointer::split_last(path)?;
    match root.pointer(&parent)? {
        serde_json::Value::Object(m) => m.keys().position(|k| *k == key),
        serde_json::Value::Array(_) => key.parse().ok(),
        _ => None,
    }
}

fn emit_plan(out: &mut Vec<UiAction>, label: String, cmd: crate::edit::EditCommand, select: String) {
    out.push(UiAction::edit(label, cmd));
    out.push(UiAction::Select(Some(select)));
}

/// "block", "tag", "button"... for undo labels.
pub fn noun(path: &str) -> String {
    let coll = pointer::split_last(path).and_then(|(p, _)| pointer::split_last(&p)).map(|(_, n)| n);
    match coll.as_deref() {
        Some("tags") => "tag".into(),
        Some("blocks") => "block".into(),
        Some("buttons") => "button".into(),
        Some("items") => "menu item".into(),
        Some("sections") => "section".into(),
        Some("actionParams") => "parameter".into(),
        _ => pointer::split_last(path).map_or("node".into(), |(_, k)| k),
    }
}

fn start_rename(state: &mut TreeState, path: &str) {
    if let Some((_, key)) = pointer::split_last(path)
        && structure::is_keyed_item(path)
    {
        state.renaming = Some(Rename { path: path.to_string(), text: key, focus_requested: false });
        state.message = None;
    }
}

fn rename_ui(ui: &mut egui::Ui, ctx: &PanelCtx, state: &mut TreeState, row: &TreeNode, out: &mut Vec<UiAction>) {
    let Some(r) = state.renaming.as_mut() else { return };
    let label = ui.label("New key:");
    let edit_id = Id::unique(("tree_rename", &row.pointer));
    let resp = ui.add(egui::TextEdit::singleline(&mut r.text).id(edit_id).desired_width(120.0)).labelled_by(label.id);
    if !r.focus_requested {
        resp.request_focus();
        r.focus_requested = true;
    }
    if resp.changed() {
        let clean = sanitize_key(&r.text);
        if clean != r.text {
            r.text = clean;
            state.message = Some("A key may hold only A–Z, a–z, 0–9, \"_\" and \"-\".".into());
        } else {
            state.message = None;
        }
    }
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    if !resp.lost_focus() && !escape {
        return;
    }
    let r = state.renaming.take().expect("checked above");
    if escape {
        return;
    }
    let old_key = pointer::split_last(&r.path).map(|(_, k)| k).unwrap_or_default();
    if r.text == old_key {
        return;
    }
    match structure::rename(ctx.doc.root(), &r.path, &r.text) {
        Ok((cmd, new_path)) => {
            state.message = None;
            emit_plan(out, format!("rename {}", noun(&r.path)), cmd, new_path);
        }
        Err(e) => {
            // Keep editing when Enter was refused (clash); a click away simply cancels.
            state.message = Some(format!("Cannot rename: {e}."));
            if ui.input(|i| i.key_pressed(Key::Enter)) {
                state.renaming = Some(Rename { focus_requested: false, ..r });
            }
        }
    }
}

fn context_menu(ui: &mut egui::Ui, ctx: &PanelCtx, state: &mut TreeState, row: &TreeNode, out: &mut Vec<UiAction>) {
    let root = ctx.doc.root();
    let path = row.pointer.as_str();
    ui.menu_button("Add child", |ui| {
        for item in NewItem::all() {
            if let Ok(plan) = insert::plan_insert(root, Some(path), item)
                && ui.button(item.title()).clicked()
            {
                emit_plan(out, plan.label, plan.cmd, plan.select);
                ui.close();
            }
        }
    });
    let member = row.is_collection_member();
    if ui.add_enabled(member, Button::new("Duplicate")).clicked() {
        duplicate(root, path, out);
        ui.close();
    }
    if ui.button("Copy").clicked() {
        copy(ui, root, path, state);
        ui.close();
    }
    if ui.add_enabled(row.can_delete(), Button::new("Cut")).clicked() {
        copy(ui, root, path, state);
        delete(root, path, out, "cut");
        ui.close();
    }
    if ui.add_enabled(state.clipboard.is_some(), Button::new("Paste")).clicked() {
        if let Some(text) = state.clipboard.clone() {
            paste(root, path, &text, state, out);
        }
        ui.close();
    }
    if ui.add_enabled(structure::is_keyed_item(path), Button::new("Rename")).clicked() {
        start_rename(state, path);
        ui.close();
    }
    if ui.add_enabled(structure::is_removable(root, path), Button::new("Delete")).clicked() {
        delete(root, path, out, "delete");
        ui.close();
    }
    ui.separator();
    for (title, delta) in [("Move up", -1), ("Move down", 1)] {
        let plan = member.then(|| structure::move_by(root, path, delta)).flatten();
        if ui.add_enabled(plan.is_some(), Button::new(title)).clicked()
            && let Some((cmd, new_path)) = plan
        {
            emit_plan(out, format!("move {}", noun(path)), cmd, new_path);
            ui.close();
        }
    }
}

fn duplicate(root: &serde_json::Value, path: &str, out: &mut Vec<UiAction>) {
    if let Some((cmd, new_path)) = structure::duplicate(root, path) {
        emit_plan(out, format!("duplicate {}", noun(path)), cmd, new_path);
    }
}

fn copy(ui: &egui::Ui, root: &serde_json::Value, path: &str, state: &mut TreeState) {
    if let Some(text) = structure::copy_json(root, path) {
        ui.ctx().copy_text(text.clone());
        state.clipboard = Some(text);
    }
}

fn delete(root: &serde_json::Value, path: &str, out: &mut Vec<UiAction>, verb: &str) {
    if let Some(cmd) = structure::remove(root, path) {
        out.push(UiAction::edit(format!("{verb} {}", noun(path)), cmd));
        let parent = pointer::split_last(path).map(|(p, _)| p).filter(|p| root.pointer(p).is_some());
        out.push(UiAction::Select(parent));
    }
}

/// Pastes at `target`; when the target takes no paste (a fixed part), falls back to the body
/// blocks so a copied block can always be pasted somewhere sensible.
fn paste(root: &serde_json::Value, target: &str, text: &str, state: &mut TreeState, out: &mut Vec<UiAction>) {
    let result = structure::paste(root, target, text).or_else(|e| match e {
        structure::StructureError::NoTarget(_) if root.pointer(insert::BODY_BLOCKS).is_some() => {
            structure::paste(root, insert::BODY_BLOCKS, text)
        }
        e => Err(e),
    });
    match result {
        Ok((cmd, new_path)) => {
            state.message = None;
            emit_plan(out, format!("paste {}", noun(&new_path)), cmd, new_path);
        }
        Err(e) => state.message = Some(format!("Cannot paste: {e}.")),
    }
}

/// Shortcuts while the tree has focus: Alt+Up/Down, Delete, F2, Ctrl+D and clipboard events.
fn keyboard(ui: &mut egui::Ui, ctx: &PanelCtx, state: &mut TreeState, rows: &[TreeNode], out: &mut Vec<UiAction>) {
    let root = ctx.doc.root();
    let Some(sel) = ctx.selection.filter(|s| rows.iter().any(|r| r.pointer == *s)) else { return };
    for (key, delta) in [(Key::ArrowUp, -1), (Key::ArrowDown, 1)] {
        if ui.input_mut(|i| i.consume_key(Modifiers::ALT, key))
            && let Some((cmd, new_path)) = structure::move_by(root, sel, delta)
        {
            emit_plan(out, format!("move {}", noun(sel)), cmd, new_path);
        }
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Delete)) {
        delete(root, sel, out, "delete");
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F2)) {
        start_rename(state, sel);
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::D)) {
        duplicate(root, sel, out);
    }
    // Clipboard events are taken out of the input so no other widget acts on them too.
    let events = super::take_clipboard_events(ui.ctx());
    for e in events {
        match e {
            egui::Event::Copy => copy(ui, root, sel, state),
            egui::Event::Cut => {
                copy(ui, root, sel, state);
                delete(root, sel, out, "cut");
            }
            egui::Event::Paste(text) => paste(root, sel, &text, state, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diagnostics_mark_the_deepest_row_with_the_worst_severity() {
        let root = json!({"fields": {}, "layout": {"body": {"blocks": {
            "a": {"type": "link", "properties": {"text": "x"}},
            "b": {"type": "text", "properties": {"value": "y"}}}}}});
        let rows = tree_model::build(&root);
        let diags = vec![
            Diagnostic::warning("W", "/body/blocks/a/properties/text", "w"),
            Diagnostic::error("FIELD_IS_REQUIRED", "/body/blocks/a/properties/action", "needs an action"),
            Diagnostic::error("WRONG_FIELD_VALUE", "/fields/responsibleId", "bad"),
        ];
        let marks = severity_marks(&diags, &rows);
        let at = |p: &str| marks[rows.iter().position(|r| r.pointer == p).unwrap()].clone();
        let (sev, text) = at("/layout/body/blocks/a").unwrap();
        assert_eq!(sev, Severity::Error);
        assert!(text.contains("FIELD_IS_REQUIRED") && text.contains("W at"), "{text}");
        assert_eq!(at("/layout/body/blocks/b"), None);
        assert_eq!(at("/fields").unwrap().0, Severity::Error);
    }
}
