//! The document tree: select, rename in place, delete, duplicate, reorder (drag, Alt+Up/Down),
//! copy/cut/paste as JSON through the system clipboard, a context menu, diagnostic markers,
//! and drops from the palette. Emits `UiAction`s only; structural commands come from
//! `edit::structure` so the tree and the app's shortcuts behave the same.

use super::insert::{self, NewItem};
use model::TreeNode;

pub mod model;
pub mod nav;
mod ops;
use super::{PanelCtx, UiAction};
use crate::edit::{plan, sanitize_key, structure};
use crate::layout::{Diagnostic, Severity, pointer};
use egui::{Color32, Id, Key, Sense, Stroke};
use ops::{context_menu, keyboard, navigation_keys};

/// Per-window tree state, owned by the app.
#[derive(Clone, Debug, Default)]
pub struct TreeState {
    /// Set by the app (F2) to start renaming the node at this path in place.
    pub rename_request: Option<String>,
    /// The last user-facing problem (refused rename, failed paste...), shown under the tree.
    pub message: Option<String>,
    /// The designer's one copy of the last copied JSON, beside the system clipboard: the
    /// tree's menu and the app's Copy/Cut/Paste commands share it (egui has no clipboard read
    /// outside a paste event).
    pub clipboard: Option<String>,
    /// When true the tree itself handles Alt+Up/Down, Delete, F2, Ctrl+D and the clipboard
    /// events while it has focus. Off by default: the app's command list handles those keys
    /// on the selection (through the same `edit::structure` functions), and handling them
    /// twice would paste twice. Standalone hosts (tests, tools) turn it on.
    pub own_shortcuts: bool,
    /// Rows whose children are hidden.
    pub collapsed: std::collections::HashSet<String>,
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
    if selection_moved && let Some(sel) = ctx.selection {
        nav::reveal(&mut state.collapsed, sel);
    }
    let shown = nav::visible(&rows, &state.collapsed);

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
            let (all, _) = ui.allocate_exact_size(egui::vec2(width, shown.len() as f32 * row_h), Sense::hover());
            let rect_of = |n: usize| {
                egui::Rect::from_min_size(all.min + egui::vec2(0.0, n as f32 * row_h), egui::vec2(width, row_h))
            };
            let first = ((viewport.min.y / row_h).floor().max(0.0) as usize).min(shown.len());
            let last = ((viewport.max.y / row_h).ceil().max(0.0) as usize + 1).min(shown.len());
            let dragged = egui::DragAndDrop::payload::<TreeDrag>(ui.ctx());
            for (n, &i) in shown.iter().enumerate() {
                let row = &rows[i];
                let in_view = (first..last).contains(&n);
                let must_draw = state.renaming.as_ref().is_some_and(|r| r.path == row.pointer)
                    || dragged.as_ref().is_some_and(|d| d.pointer == row.pointer);
                if in_view || must_draw {
                    let fold = nav::has_children(&rows, i).then(|| state.collapsed.contains(&row.pointer));
                    // A collapsed row carries the worst mark of what it hides.
                    let folded;
                    let mark = if fold == Some(true) {
                        folded = folded_mark(&rows, &marks, i);
                        folded.as_ref()
                    } else {
                        marks[i].as_ref()
                    };
                    row_ui(ui, rect_of(n), ctx, state, RowView { row, fold, mark }, out);
                }
                if selection_moved && ctx.selection == Some(row.pointer.as_str()) {
                    ui.scroll_to_rect(rect_of(n), None);
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
    if state.focused && state.renaming.is_none() {
        navigation_keys(ui, ctx, state, &rows, &shown, out);
    }
    if state.own_shortcuts && state.focused && state.renaming.is_none() {
        keyboard(ui, ctx, state, &rows, out);
    }
}

/// The worst mark among row `i`'s descendants and its own, for a collapsed row.
fn folded_mark(rows: &[TreeNode], marks: &[Option<(Severity, String)>], i: usize) -> Option<(Severity, String)> {
    let depth = rows[i].depth;
    let inside = (i + 1..rows.len()).take_while(|&j| rows[j].depth > depth);
    let mut worst = marks[i].clone();
    for (sev, text) in inside.filter_map(|j| marks[j].as_ref()) {
        add_mark(&mut worst, *sev, text);
    }
    worst
}

/// Adds a finding to a row's mark: the worse severity, the messages one per line.
fn add_mark(mark: &mut Option<(Severity, String)>, sev: Severity, line: &str) {
    *mark = Some(match mark.take() {
        None => (sev, line.to_string()),
        Some((s, text)) => (s.min(sev), format!("{text}\n{line}")),
    });
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
                std::sync::Arc::new(model::build(ctx.doc.root()))
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
        let best =
            rows.iter().enumerate().filter(|(_, r)| d.is_within(&r.pointer)).max_by_key(|(_, r)| r.pointer.len());
        if let Some((i, _)) = best {
            add_mark(&mut marks[i], d.severity, &format!("{} at {}: {}", d.code, d.path, d.message));
        }
    }
    marks
}

/// One row's height: a selectable label's plus the usual gap between rows.
fn row_height(ui: &egui::Ui) -> f32 {
    let text = ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    text.max(ui.spacing().interact_size.y) + ui.spacing().item_spacing.y
}

/// What one row shows.
struct RowView<'a> {
    row: &'a TreeNode,
    /// `Some(collapsed)` when the row has children.
    fold: Option<bool>,
    mark: Option<&'a (Severity, String)>,
}

/// Width of the fold triangle's column, left of every row's icon.
const FOLD_W: f32 = 12.0;

/// One row as a single widget, painted directly: one interaction per row instead of a
/// container with four widgets keeps the tree cheap with hundreds of rows.
fn row_ui(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    ctx: &PanelCtx,
    state: &mut TreeState,
    view: RowView<'_>,
    out: &mut Vec<UiAction>,
) {
    let RowView { row, fold, mark } = view;
    let fold_x = rect.left() + row.depth as f32 * 14.0;
    let indent = row.depth as f32 * 14.0 + FOLD_W;
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
        if let Some(collapsed) = fold {
            paint_fold(painter, egui::pos2(fold_x + FOLD_W / 2.0, mid), collapsed, v.weak_text_color());
        }
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
            painter.circle_filled(egui::pos2(x + 5.0, mid), 4.0, super::theme::severity(*sev));
        }
    }

    if row.is_collection_member() {
        resp.dnd_set_drag_payload(TreeDrag { pointer: row.pointer.clone() });
    }
    let on_fold = fold.is_some() && resp.interact_pointer_pos().is_some_and(|p| p.x >= fold_x && p.x < fold_x + FOLD_W);
    if resp.clicked() && on_fold {
        // The triangle folds and unfolds; it does not select.
        state.focused = true;
        if !state.collapsed.remove(&row.pointer) {
            state.collapsed.insert(row.pointer.clone());
        }
    } else if resp.clicked() || resp.secondary_clicked() {
        state.focused = true;
        state.message = None;
        if !selected {
            out.push(UiAction::Select(Some(row.pointer.clone())));
        }
    }
    if resp.double_clicked() && !on_fold && structure::is_keyed_item(&row.pointer) {
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

/// The fold triangle: pointing right when collapsed, down when open.
fn paint_fold(painter: &egui::Painter, c: egui::Pos2, collapsed: bool, color: Color32) {
    let s = 3.5;
    let points = if collapsed {
        vec![c + egui::vec2(-s * 0.6, -s), c + egui::vec2(s * 0.9, 0.0), c + egui::vec2(-s * 0.6, s)]
    } else {
        vec![c + egui::vec2(-s, -s * 0.6), c + egui::vec2(s, -s * 0.6), c + egui::vec2(0.0, s * 0.9)]
    };
    painter.add(egui::Shape::convex_polygon(points, color, Stroke::NONE));
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
        ops::emit(out, Some(plan::move_to(&drag.pointer, index)));
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
    match plan::rename(ctx.doc.root(), &r.path, &r.text) {
        Ok(p) => {
            state.message = None;
            ops::emit(out, Some(p));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::FIELDS;
    use crate::layout::{Code, Root};
    use crate::layout_ptr;
    use serde_json::json;

    #[test]
    fn diagnostics_mark_the_deepest_row_with_the_worst_severity() {
        let root = json!({"fields": {}, "layout": {"body": {"blocks": {
            "a": {"type": "link", "properties": {"text": "x"}},
            "b": {"type": "text", "properties": {"value": "y"}}}}}});
        let rows = model::build(&root);
        let diags = vec![
            Diagnostic::warning(Code::EmptyText, Root::Layout, "/body/blocks/a/properties/text", "w"),
            Diagnostic::error(
                Code::FieldIsRequired,
                Root::Layout,
                "/body/blocks/a/properties/action",
                "needs an action",
            ),
            Diagnostic::error(Code::WrongFieldValue, Root::Fields, "/fields/responsibleId", "bad"),
        ];
        let marks = severity_marks(&diags, &rows);
        let at = |p: &str| marks[rows.iter().position(|r| r.pointer == p).unwrap()].clone();
        let (sev, text) = at(layout_ptr!("/body/blocks/a")).unwrap();
        assert_eq!(sev, Severity::Error);
        assert!(text.contains("FIELD_IS_REQUIRED") && text.contains(&format!("{} at", Code::EmptyText)), "{text}");
        assert_eq!(at(layout_ptr!("/body/blocks/b")), None);
        assert_eq!(at(FIELDS).unwrap().0, Severity::Error);
    }

    #[test]
    fn a_folded_row_carries_the_worst_mark_it_hides() {
        let root = json!({"fields": {}, "layout": {"body": {"blocks": {
            "line": {"type": "lineOfBlocks", "properties": {"blocks": {
                "a": {"type": "link", "properties": {"text": "x"}}}}},
            "b": {"type": "text", "properties": {"value": "y"}}}}}});
        let rows = model::build(&root);
        let diags = vec![
            Diagnostic::warning(Code::EmptyText, Root::Layout, "/body/blocks/line", "on the line itself"),
            Diagnostic::error(
                Code::FieldIsRequired,
                Root::Layout,
                "/body/blocks/line/properties/blocks/a/properties/action",
                "x",
            ),
        ];
        let marks = severity_marks(&diags, &rows);
        let at = |p: &str| rows.iter().position(|r| r.pointer == p).unwrap();
        let (sev, text) = folded_mark(&rows, &marks, at(layout_ptr!("/body/blocks/line"))).unwrap();
        assert_eq!(sev, Severity::Error);
        assert!(text.contains("on the line itself") && text.contains("FIELD_IS_REQUIRED"), "{text}");
        assert_eq!(
            folded_mark(&rows, &marks, at(layout_ptr!("/body/blocks/b"))),
            None,
            "a sibling's findings stay out"
        );
    }
}
