//! The tree's operations: the context menu, the clipboard and structural shortcuts, and
//! keyboard navigation. Each emits `UiAction`s built from `edit::plan`, as the app's commands do.

use super::model::TreeNode;
use super::nav;
use super::{TreeState, emit_plan, start_rename};
use crate::edit::plan::{self, Plan};
use crate::edit::structure;
use crate::ui::insert::{self, NewItem};
use crate::ui::{PanelCtx, UiAction};
use egui::{Button, Key, Modifiers};

/// Arrows, Home and End while the tree has focus: move the selection, fold and unfold.
pub(super) fn navigation_keys(
    ui: &egui::Ui,
    ctx: &PanelCtx,
    state: &mut TreeState,
    rows: &[TreeNode],
    shown: &[usize],
    out: &mut Vec<UiAction>,
) {
    use nav::{Nav, NavOutcome};
    let keys = [
        (Key::ArrowUp, Nav::Up),
        (Key::ArrowDown, Nav::Down),
        (Key::Home, Nav::Home),
        (Key::End, Nav::End),
        (Key::ArrowLeft, Nav::Left),
        (Key::ArrowRight, Nav::Right),
    ];
    for (key, nav) in keys {
        // Exactly no modifier: Alt+Up/Down move the node instead (`consume_key` is lenient).
        if !ui.input_mut(|i| i.modifiers.is_none() && i.consume_key(Modifiers::NONE, key)) {
            continue;
        }
        match nav::navigate(rows, shown, &state.collapsed, ctx.selection, nav) {
            Some(NavOutcome::Select(p)) => out.push(UiAction::Select(Some(p))),
            Some(NavOutcome::Collapse(p)) => {
                state.collapsed.insert(p);
            }
            Some(NavOutcome::Expand(p)) => {
                state.collapsed.remove(&p);
            }
            None => {}
        }
        // One step per frame: the next key acts on the selection this one made.
        return;
    }
}

pub(super) fn context_menu(
    ui: &mut egui::Ui,
    ctx: &PanelCtx,
    state: &mut TreeState,
    row: &TreeNode,
    out: &mut Vec<UiAction>,
) {
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
        emit(out, plan::duplicate(root, path));
        ui.close();
    }
    if ui.button("Copy").clicked() {
        copy(ui, root, path, state);
        ui.close();
    }
    if ui.add_enabled(row.can_delete(), Button::new("Cut")).clicked() {
        cut(ui, root, path, state, out);
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
        emit(out, plan::delete(root, path));
        ui.close();
    }
    ui.separator();
    for (title, delta) in [("Move up", -1), ("Move down", 1)] {
        let step = member.then(|| plan::move_by(root, path, delta)).flatten();
        if ui.add_enabled(step.is_some(), Button::new(title)).clicked() {
            emit(out, step);
            ui.close();
        }
    }
}

/// Emits a structural plan: its edit, then its selection.
pub(super) fn emit(out: &mut Vec<UiAction>, plan: Option<Plan>) {
    if let Some(p) = plan {
        out.push(UiAction::edit(p.label, p.cmd));
        out.push(UiAction::Select(p.select));
    }
}

/// Copies the node to the system clipboard and the designer's own copy (for Paste).
pub(super) fn copy(ui: &egui::Ui, root: &serde_json::Value, path: &str, state: &mut TreeState) {
    if let Some(text) = plan::copy(root, path) {
        ui.ctx().copy_text(text.clone());
        state.clipboard = Some(text);
    }
}

fn cut(ui: &egui::Ui, root: &serde_json::Value, path: &str, state: &mut TreeState, out: &mut Vec<UiAction>) {
    copy(ui, root, path, state);
    emit(out, plan::cut(root, path));
}

fn paste(root: &serde_json::Value, target: &str, text: &str, state: &mut TreeState, out: &mut Vec<UiAction>) {
    match plan::paste(root, target, text) {
        Ok(p) => {
            state.message = None;
            emit(out, Some(p));
        }
        Err(e) => state.message = Some(format!("Cannot paste: {e}.")),
    }
}

/// Shortcuts while the tree has focus: Alt+Up/Down, Delete, F2, Ctrl+D and clipboard events.
pub(super) fn keyboard(
    ui: &mut egui::Ui,
    ctx: &PanelCtx,
    state: &mut TreeState,
    rows: &[TreeNode],
    out: &mut Vec<UiAction>,
) {
    let root = ctx.doc.root();
    let Some(sel) = ctx.selection.filter(|s| rows.iter().any(|r| r.pointer == *s)) else { return };
    for (key, delta) in [(Key::ArrowUp, -1), (Key::ArrowDown, 1)] {
        if ui.input_mut(|i| i.consume_key(Modifiers::ALT, key)) {
            emit(out, plan::move_by(root, sel, delta));
        }
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Delete)) {
        emit(out, plan::delete(root, sel));
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F2)) {
        start_rename(state, sel);
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::D)) {
        emit(out, plan::duplicate(root, sel));
    }
    // Clipboard events are taken out of the input so no other widget acts on them too.
    let events = crate::ui::take_clipboard_events(ui.ctx());
    for e in events {
        match e {
            egui::Event::Copy => copy(ui, root, sel, state),
            egui::Event::Cut => cut(ui, root, sel, state, out),
            egui::Event::Paste(text) => paste(root, sel, &text, state, out),
            _ => {}
        }
    }
}
