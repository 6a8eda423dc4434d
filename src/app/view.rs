//! The window layout: menu bar and toolbar (both from the command list), left panel (palette
//! and tree), right panel (inspector), centre (preview), bottom dock (JSON, Diagnostics, Send
//! with its request log) and the status bar. Side and bottom panels are resizable; sizes persist.

use super::commands::{self, COMMANDS, CommandId, Menu};
use super::{BottomTab, DesignerApp, Pending, panels};
use crate::ui::{PanelCtx, light};
use egui_material_icons::icons as mi;

pub fn window(app: &mut DesignerApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu_bar").show(ui, |ui| menu_bar(app, ui));
    egui::Panel::top("toolbar").show(ui, |ui| toolbar(app, ui));
    egui::Panel::bottom("status_bar").show(ui, |ui| status_bar(app, ui));

    let DesignerApp {
        doc,
        derived,
        selection,
        catalog,
        panels: st,
        actions,
        preview,
        settings,
        bottom_tab,
        portal,
        portal_intents,
        ..
    } = app;
    let pc = PanelCtx {
        doc,
        layout: &derived.layout,
        fields: &derived.fields,
        diagnostics: &derived.diagnostics,
        selection: selection.as_deref(),
        catalog,
    };
    let r = egui::Panel::left("left_panel")
        .resizable(true)
        .default_size(settings.left_width)
        .size_range(180.0..=600.0)
        .show(ui, |ui| panels::left(ui, &pc, st, actions));
    settings.left_width = r.response.rect.width();
    let r = egui::Panel::right("right_panel")
        .resizable(true)
        .default_size(settings.right_width)
        .size_range(220.0..=700.0)
        .show(ui, |ui| panels::right(ui, &pc, st, actions));
    settings.right_width = r.response.rect.width();
    let r = egui::Panel::bottom("bottom_dock")
        .resizable(true)
        .default_size(settings.bottom_height)
        .size_range(80.0..=700.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let errs = derived.errors + derived.warnings;
                let diag = if errs > 0 { format!("Diagnostics ({errs})") } else { "Diagnostics".into() };
                ui.selectable_value(bottom_tab, BottomTab::Json, "JSON");
                ui.selectable_value(bottom_tab, BottomTab::Diagnostics, diag);
                ui.selectable_value(bottom_tab, BottomTab::Send, "Send to portal");
            });
            ui.separator();
            match bottom_tab {
                BottomTab::Json => panels::json(ui, &pc, st, actions),
                BottomTab::Diagnostics => panels::diagnostics(ui, &pc, st, actions),
                BottomTab::Send => panels::send(ui, portal.as_mut(), portal_intents, actions),
            }
        });
    settings.bottom_height = r.response.rect.height();
    egui::CentralPanel::default()
        .show(ui, |ui| panels::centre(ui, &pc, preview, &derived.languages, &derived.error_paths, st, actions));
    drop_hint(ui);
}

/// While files are dragged over the window, say what dropping does.
fn drop_hint(ui: &egui::Ui) {
    let name = ui.input(|i| {
        let f = i.raw.hovered_files.first()?;
        let name = f.path.as_ref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
        Some(name.unwrap_or_else(|| "the file".into()))
    });
    let Some(name) = name else { return };
    let rect = ui.ctx().content_rect();
    let painter = ui.ctx().layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop_hint")));
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(140));
    let text = format!("Drop to open {name}");
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

/// Menu item text: "Undo rename block" for undo/redo, else the command's label.
fn label_of(app: &DesignerApp, id: CommandId) -> String {
    match id {
        CommandId::Undo => app.doc.undo_label().map_or("Undo".into(), |l| format!("Undo {l}")),
        CommandId::Redo => app.doc.redo_label().map_or("Redo".into(), |l| format!("Redo {l}")),
        _ => commands::command(id).label.to_string(),
    }
}

fn menu_items(app: &mut DesignerApp, ui: &mut egui::Ui, menu: Menu) {
    let state = app.command_state();
    for c in COMMANDS.iter().filter(|c| c.menu == menu) {
        if c.id == CommandId::Quit {
            recent_menu(app, ui);
            ui.separator();
        }
        let mut b = egui::Button::new(label_of(app, c.id));
        if let Some(s) = commands::shortcut_text(ui.ctx(), c.id) {
            b = b.shortcut_text(s);
        }
        if ui.add_enabled(c.is_enabled(&state), b).clicked() {
            app.queued.push(c.id);
            ui.close();
        }
    }
}

fn recent_menu(app: &mut DesignerApp, ui: &mut egui::Ui) {
    ui.menu_button("Open recent", |ui| {
        if app.settings.recent.is_empty() {
            ui.weak("No recent files");
        }
        for p in app.settings.recent.clone() {
            if ui.button(p.display().to_string()).clicked() {
                app.guarded(Pending::Open(Some(p)));
                ui.close();
            }
        }
    });
}

fn menu_bar(app: &mut DesignerApp, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| menu_items(app, ui, Menu::File));
        ui.menu_button("Edit", |ui| menu_items(app, ui, Menu::Edit));
        ui.menu_button("View", |ui| menu_items(app, ui, Menu::View));
    });
}

fn toolbar(app: &mut DesignerApp, ui: &mut egui::Ui) {
    let state = app.command_state();
    let is_mac = ui.ctx().os().is_mac();
    ui.horizontal(|ui| {
        for c in COMMANDS.iter() {
            let Some(icon) = c.toolbar_icon else { continue };
            // The tooltip doubles as the accessible name, so tests can find toolbar buttons.
            let tip = || match commands::shortcut_text_plain(is_mac, c.id) {
                Some(s) => format!("{} ({s})", label_of(app, c.id)),
                None => label_of(app, c.id),
            };
            let glyph = Some(icon.rich_text().size(18.0).into());
            let button =
                |ui: &mut egui::Ui| light::chip(ui, glyph, "", tip, egui::Sense::click(), light::Frame::OnHover);
            // Only a disabled button pays for the child `Ui` that disabling takes.
            let r = if c.is_enabled(&state) { button(ui) } else { ui.add_enabled_ui(false, button).inner };
            let r = light::tip(r, tip);
            if r.clicked() {
                app.queued.push(c.id);
            }
            if matches!(c.id, CommandId::Save | CommandId::Redo | CommandId::MoveDown) {
                ui.separator();
            }
        }
    });
}

fn status_bar(app: &mut DesignerApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let (e, w) = (app.derived.errors, app.derived.warnings);
        let err_color = if e > 0 { ui.visuals().error_fg_color } else { ui.visuals().weak_text_color() };
        let icon = |i: egui_material_icons::MaterialIcon| i.rich_text();
        let e_btn = egui::Button::new((
            icon(mi::ICON_ERROR).color(err_color),
            format!(" {e} {}", if e == 1 { "error" } else { "errors" }),
        ));
        let w_btn = egui::Button::new((
            icon(mi::ICON_WARNING),
            format!(" {w} {}", if w == 1 { "warning" } else { "warnings" }),
        ));
        // Both buttons are added before either click is read: `a.clicked() || b.clicked()` would
        // skip drawing the second in the frame the first is clicked.
        let e_clicked = ui.add(e_btn.frame(false)).clicked();
        let w_clicked = ui.add(w_btn.frame(false)).clicked();
        if e_clicked || w_clicked {
            app.bottom_tab = BottomTab::Diagnostics;
        }
        ui.separator();
        ui.label(panels::portal_status(app.portal.as_ref()));
        ui.separator();
        let saved = if app.doc.dirty() { "unsaved changes" } else { "saved" };
        ui.label(format!("rev {} · {saved}", app.doc.revision()));
        if app.jobs.busy() {
            ui.spinner();
        }
        if let Some(s) = &app.status {
            ui.separator();
            ui.label(s);
        }
    });
}
