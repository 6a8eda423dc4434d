//! Modal windows: the unsaved-changes guard, crash recovery, the template gallery, the
//! command palette, the built-in file dialog and error messages.

use super::commands::{self, CommandId};
use super::file_dialog::{DialogResult, FileDialog};
use super::{DesignerApp, Modal, Pending, project_io};

#[derive(Default)]
pub struct PaletteState {
    pub query: String,
    /// Focus the query field once, on open.
    pub focused: bool,
}

fn modal<R>(ctx: &egui::Context, id: &str, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::Modal::new(egui::Id::unique(id))
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            add(ui)
        })
        .inner
}

/// Draws the most urgent modal. Each drawer gets it by value and returns it while it stays open.
pub fn modals(app: &mut DesignerApp, ctx: &egui::Context) {
    let Some(m) = app.modals.take_top() else { return };
    let stays = match m {
        Modal::Guard(p) => guard(app, ctx, p),
        Modal::Recovery(r) => recovery(app, ctx, r),
        Modal::Error(text) => error(ctx, text),
        Modal::FileDialog(d) => file_dialog(app, ctx, d),
        Modal::Gallery => gallery(app, ctx),
        Modal::Palette(p) => palette(app, ctx, p),
    };
    if let Some(m) = stays {
        app.modals.open(m);
    }
}

/// The guard's answers.
enum GuardAnswer {
    Save,
    Discard,
    Cancel,
}

fn guard(app: &mut DesignerApp, ctx: &egui::Context, p: Pending) -> Option<Modal> {
    let what = match p {
        Pending::New => "starting a new project",
        Pending::Open(_) | Pending::OpenInApp => "opening another file",
        Pending::Quit => "quitting",
    };
    let name = app.name.clone();
    let answer = modal(ctx, "unsaved_guard", |ui| {
        ui.heading("Unsaved changes");
        ui.label(format!("\"{name}\" has changes that are not saved. Save them before {what}?"));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                Some(GuardAnswer::Save)
            } else if ui.button("Discard").clicked() {
                Some(GuardAnswer::Discard)
            } else if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                Some(GuardAnswer::Cancel)
            } else {
                None
            }
        })
        .inner
    });
    match answer {
        Some(GuardAnswer::Save) => app.save_and_proceed(p),
        Some(GuardAnswer::Discard) => app.discard_and_proceed(p),
        Some(GuardAnswer::Cancel) => {}
        None => return Some(Modal::Guard(p)),
    }
    None
}

fn recovery(app: &mut DesignerApp, ctx: &egui::Context, r: super::Recovery) -> Option<Modal> {
    let answer = modal(ctx, "recovery", |ui| {
        ui.heading("Recover unsaved work?");
        ui.label("The designer did not exit cleanly last time. Unsaved work was kept:");
        let src = r.source.as_ref().map_or("never saved".into(), |p| p.display().to_string());
        let when = chrono::DateTime::parse_from_rfc3339(&r.saved_at)
            .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|_| r.saved_at.clone());
        ui.label(format!("\"{}\" ({src}), autosaved {when}", r.data.name));
        let more = app.modals.more_recoveries.len();
        if more > 0 {
            ui.weak(format!("{more} more unsaved work(s) from other windows: offered after this one is discarded, or at the next start."));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Recover").clicked() {
                Some(RecoveryAnswer::Recover)
            } else if ui.button("Discard recovered work").clicked() {
                Some(RecoveryAnswer::Discard)
            } else {
                None
            }
        })
        .inner
    });
    match answer {
        Some(RecoveryAnswer::Recover) => app.recover(r),
        Some(RecoveryAnswer::Discard) => app.drop_recovery(r),
        None => return Some(Modal::Recovery(r)),
    }
    None
}

/// The recovery offer's answers.
enum RecoveryAnswer {
    Recover,
    Discard,
}

fn error(ctx: &egui::Context, text: String) -> Option<Modal> {
    let close = modal(ctx, "error", |ui| {
        ui.heading("Something went wrong");
        ui.label(&text);
        ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape))
    });
    (!close).then_some(Modal::Error(text))
}

fn file_dialog(app: &mut DesignerApp, ctx: &egui::Context, mut d: FileDialog) -> Option<Modal> {
    let purpose = d.purpose;
    match d.show(ctx) {
        DialogResult::Open => return Some(Modal::FileDialog(d)),
        DialogResult::Cancelled => app.after_save = None,
        DialogResult::Picked(p) => app.picked(purpose, p),
    }
    None
}

fn gallery(app: &mut DesignerApp, ctx: &egui::Context) -> Option<Modal> {
    let mut chosen = None;
    let mut open = true;
    egui::Window::new("New from template")
        .id(egui::Id::unique("template_gallery"))
        .collapsible(false)
        .open(&mut open)
        .default_size([560.0, 420.0])
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label("Start from a template:");
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (name, desc, data) in project_io::templates() {
                    ui.group(|ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            if ui.button(&name).clicked() {
                                chosen = Some(data.clone());
                            }
                            ui.weak(desc);
                        });
                    });
                }
            });
        });
    if let Some(data) = chosen {
        app.new_from_template(data);
        None
    } else if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        None
    } else {
        Some(Modal::Gallery)
    }
}

fn palette(app: &mut DesignerApp, ctx: &egui::Context, mut p: PaletteState) -> Option<Modal> {
    let state = app.command_state();
    let mut run: Option<CommandId> = None;
    let mut close = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    egui::Window::new("Command palette")
        .id(egui::Id::unique("command_palette"))
        .title_bar(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .fixed_size([420.0, 320.0])
        .show(ctx, |ui| {
            let l = ui.label("Command:");
            let r = ui.add(egui::TextEdit::singleline(&mut p.query).hint_text("Type a command…").desired_width(400.0));
            let r = r.labelled_by(l.id);
            if !p.focused {
                r.request_focus();
                p.focused = true;
            }
            let found = commands::palette_filter(&p.query);
            let found: Vec<_> = found.into_iter().filter(|c| c.is_enabled(&state)).collect();
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                run = found.first().map(|c| c.id);
            }
            ui.separator();
            for c in found.iter().take(12) {
                let sc = commands::shortcut_text(ui.ctx(), c.id).unwrap_or_default();
                let b = egui::Button::new(c.label).shortcut_text(sc).frame(false);
                if ui.add_sized([400.0, 20.0], b).clicked() {
                    run = Some(c.id);
                }
            }
        });
    if let Some(id) = run {
        app.queued.push(id);
        close = true;
    }
    (!close).then_some(Modal::Palette(p))
}
