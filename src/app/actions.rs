//! Input → commands, commands → document changes, panel actions → document changes.

use super::commands::{self, CommandId, CommandState};
use super::{BottomTab, DesignerApp, Modal, Pending, Theme, windows};
use crate::edit::plan::{self, Plan};
use crate::edit::structure;
use crate::ui::UiAction;

impl DesignerApp {
    /// What the enabled-when rules of the command list are evaluated against.
    pub(crate) fn command_state(&self) -> CommandState {
        let sel = self.selection.as_deref().filter(|p| self.doc.root().pointer(p).is_some());
        let structural = sel.is_some_and(|p| {
            let name = crate::layout::pointer::split_last(p).map(|(_, k)| k).unwrap_or_default();
            structure::is_keyed_item(p)
                || structure::is_list_item(p)
                || structure::KEYED.contains(&name.as_str())
                || structure::LISTS.contains(&name.as_str())
        });
        CommandState {
            can_undo: self.doc.undo_label().is_some(),
            can_redo: self.doc.redo_label().is_some(),
            selection: sel.is_some_and(|p| structure::is_removable(self.doc.root(), p)),
            structural,
            renamable: sel.is_some_and(structure::is_keyed_item),
        }
    }

    /// Shortcuts, clipboard events and dropped files of this frame.
    pub(crate) fn handle_input(&mut self, ctx: &egui::Context) {
        if self.modal_open() {
            return;
        }
        let text_focused = ctx.text_edit_focused();
        for id in commands::pressed(ctx, text_focused) {
            self.queued.push(id);
        }
        // egui-winit turns Ctrl+C/X/V into clipboard events; they belong to a focused text field.
        if !text_focused {
            // Taken out of the input so no panel acts on them a second time.
            let events = crate::ui::take_clipboard_events(ctx);
            for e in events {
                match e {
                    egui::Event::Copy => self.queued.push(CommandId::Copy),
                    egui::Event::Cut => self.queued.push(CommandId::Cut),
                    egui::Event::Paste(text) => {
                        self.panels.tree.clipboard = Some(text);
                        self.queued.push(CommandId::Paste);
                    }
                    _ => {}
                }
            }
        }
        let dropped: Vec<_> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.guarded(Pending::Open(Some(path)));
        }
    }

    pub(crate) fn modal_open(&self) -> bool {
        self.modals.is_open()
    }

    /// Runs one command if it is enabled.
    pub(crate) fn run_command(&mut self, ctx: &egui::Context, id: CommandId) {
        if !commands::command(id).is_enabled(&self.command_state()) {
            return;
        }
        let sel = self.selection.clone().unwrap_or_default();
        match id {
            CommandId::New => self.guarded(Pending::New),
            CommandId::Open => self.guarded(Pending::Open(None)),
            CommandId::OpenInApp => self.guarded(Pending::OpenInApp),
            CommandId::Save => self.save(),
            CommandId::SaveAs => self.save_as(),
            CommandId::Quit => self.guarded(Pending::Quit),
            CommandId::Undo => {
                self.doc.undo();
                self.fix_selection();
            }
            CommandId::Redo => {
                self.doc.redo();
                self.fix_selection();
            }
            CommandId::Duplicate => match plan::duplicate(self.doc.root(), &sel) {
                Some(p) => self.apply_plan(p),
                None => {
                    self.status = Some("Only members of a collection can be duplicated.".into());
                }
            },
            CommandId::Copy => {
                self.copy(ctx, &sel);
            }
            CommandId::Cut => {
                if self.copy(ctx, &sel)
                    && let Some(p) = plan::cut(self.doc.root(), &sel)
                {
                    self.apply_plan(p);
                }
            }
            CommandId::Paste => self.paste(&sel),
            CommandId::Delete => {
                if let Some(p) = plan::delete(self.doc.root(), &sel) {
                    self.apply_plan(p);
                }
            }
            // The tree renames in place (its field enforces the key rule as you type).
            CommandId::Rename => self.panels.tree.rename_request = Some(sel),
            CommandId::MoveUp | CommandId::MoveDown => {
                let delta = if id == CommandId::MoveUp { -1 } else { 1 };
                if let Some(p) = plan::move_by(self.doc.root(), &sel, delta) {
                    self.apply_plan(p);
                }
            }
            CommandId::Palette => self.modals.open(Modal::Palette(windows::PaletteState::default())),
            CommandId::ToggleTheme => {
                self.settings.theme = if self.settings.theme == Theme::Dark { Theme::Light } else { Theme::Dark };
                self.save_settings();
            }
            CommandId::ToggleStrict => {
                self.strict = !self.strict;
                self.status = Some(if self.strict {
                    "Strict: newer-portal features are errors.".into()
                } else {
                    "Newer-portal features are allowed (with warnings).".into()
                });
            }
            CommandId::ShowJson => self.bottom_tab = BottomTab::Json,
            CommandId::ShowDiagnostics => self.bottom_tab = BottomTab::Diagnostics,
            CommandId::ShowSend => self.bottom_tab = BottomTab::Send,
        }
    }

    /// Copies to the system clipboard and the designer's one copy (the tree's, for Paste).
    fn copy(&mut self, ctx: &egui::Context, sel: &str) -> bool {
        match plan::copy(self.doc.root(), sel) {
            Some(text) => {
                ctx.copy_text(text.clone());
                self.panels.tree.clipboard = Some(text);
                true
            }
            None => false,
        }
    }

    fn paste(&mut self, sel: &str) {
        let Some(text) = self.panels.tree.clipboard.clone() else {
            self.status = Some("The clipboard is empty.".into());
            return;
        };
        match plan::paste(self.doc.root(), sel, &text) {
            Ok(p) => self.apply_plan(p),
            Err(e) => self.status = Some(format!("Cannot paste: {e}.")),
        }
    }

    fn edit(&mut self, label: &str, cmd: crate::edit::EditCommand) -> bool {
        self.doc.seal();
        match self.doc.apply(label, cmd, None) {
            Ok(()) => {
                self.doc.seal();
                true
            }
            Err(e) => {
                self.status = Some(format!("Could not {label}: {e}"));
                false
            }
        }
    }

    /// Applies a structural plan as its own undo step and selects what it names.
    fn apply_plan(&mut self, p: Plan) {
        if self.edit(&p.label, p.cmd) {
            self.selection = p.select;
        }
    }

    /// Applies one panel action.
    pub(crate) fn apply_action(&mut self, a: UiAction) {
        match a {
            UiAction::Edit { label, cmd, merge_key } => {
                if let Err(e) = self.doc.apply(&label, cmd, merge_key) {
                    self.status = Some(format!("Could not {label}: {e}"));
                }
                self.fix_selection();
            }
            UiAction::Select(p) => self.selection = p,
            UiAction::SealHistory => self.doc.seal(),
        }
    }

    /// Drops a selection that no longer exists (after undo or delete), keeping its nearest
    /// existing ancestor.
    pub(crate) fn fix_selection(&mut self) {
        while let Some(p) = self.selection.clone() {
            if p.is_empty() || self.doc.root().pointer(&p).is_some() {
                break;
            }
            self.selection = parent_of(&p).filter(|q| !q.is_empty());
        }
    }
}

fn parent_of(path: &str) -> Option<String> {
    crate::layout::pointer::split_last(path).map(|(p, _)| p)
}
