//! Modal windows: the unsaved-changes guard, crash recovery, the template gallery, the
//! command palette, the built-in file dialog and error messages.

use super::commands::{self, CommandId};
use super::file_dialog::DialogResult;
use super::{DesignerApp, Pending, project_io};

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

pub fn modals(app: &mut DesignerApp, ctx: &egui::Context) {
    if let Some(p) = app.modals.guard.clone() {
        guard(app, ctx, p);
    } else if let Some(r) = app.modals.recovery.clone() {
        recovery(app, ctx, r);
    } else if app.modals.error.is_some() {
        error(app, ctx);
    } else if app.modals.file_dialog.is_some() {
        file_dialog(app, ctx);
    } else if app.modals.gallery {
        gallery(app, ctx);
    } else if app.modals.palette.is_some() {
        palette(app, ctx);
    }
}

fn guard(app: &mut DesignerApp, ctx: &egui::Context, p: Pending) {
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
                Some(0)
            } else if ui.button("Discard").clicked() {
                Some(1)
            } else if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                Some(2)
            } else {
                None
            }
        })
        .inner
    });
    match answer {
        Some(0) => {
            app.modals.guard = None;
            app.save_and_proceed(p);
        }
        Some(1) => {
            app.modals.guard = None;
            app.discard_and_proceed(p);
        }
        Some(_) => app.modals.guard = None,
        None => {}
    }
}

fn recovery(app: &mut DesignerApp, ctx: &egui::Context, r: super::Recovery) {
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
                Some(true)
            } else if ui.button("Discard recovered work").clicked() {
                Some(false)
            } else {
                None
            }
        })
        .inner
    });
    match answer {
        Some(true) => {
            app.modals.recovery = None;
            app.recover(r);
        }
        Some(false) => {
            app.modals.recovery = None;
            app.drop_recovery(r);
        }
        None => {}
    }
}

fn error(app: &mut DesignerApp, ctx: &egui::Context) {
    let text = app.modals.error.clone().unwrap_or_default();
    let close = modal(ctx, "error", |ui| {
        ui.heading("Something went wrong");
        ui.label(text);
        ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape))
    });
    if close {
        app.modals.error = None;
    }
}

fn file_dialog(app: &mut DesignerApp, ctx: &egui::Context) {
    let Some(d) = app.modals.file_dialog.as_mut() else { return };
    let purpose = d.purpose;
    match d.show(ctx) {
        DialogResult::Open => {}
        DialogResult::Cancelled => {
            app.modals.file_dialog = None;
            app.after_save = None;
        }
        DialogResult::Picked(p) => {
            app.modals.file_dialog = None;
            app.picked(purpose, p);
        }
    }
}

fn gallery(app: &mut DesignerApp, ctx: &egui::Context) {
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
        app.modals.gallery = false;
        app.new_from_template(data);
    } else if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        app.modals.gallery = false;
    }
}

fn palette(app: &mut DesignerApp, ctx: &egui::Context) {
    let state = app.command_state();
    let Some(p) = app.modals.palette.as_mut() else { return };
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
    if close {
        app.modals.palette = None;
    }
}
