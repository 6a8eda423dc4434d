//! The built-in file dialog: used when the desktop offers no native dialog service (rfd then
//! answers at once with nothing), and reachable explicitly from the File menu, so the user is
//! never stuck. Directory listings are read on a worker thread.

use super::jobs::PickPurpose;
use egui_material_icons::icons as mi;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

#[derive(Clone, Debug)]
struct Entry {
    name: String,
    is_dir: bool,
}

pub enum DialogResult {
    Open,
    Cancelled,
    Picked(PathBuf),
}

pub struct FileDialog {
    pub purpose: PickPurpose,
    dir: PathBuf,
    path_text: String,
    entries: Vec<Entry>,
    listing: Option<Receiver<Result<Vec<Entry>, String>>>,
    error: Option<String>,
}

fn list_dir(dir: &Path) -> Result<Vec<Entry>, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out: Vec<Entry> = rd
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.file_type().ok()?.is_dir() || e.path().is_dir();
            let shown = !name.starts_with('.') && (is_dir || name.to_lowercase().ends_with(".json"));
            shown.then_some(Entry { name, is_dir })
        })
        .collect();
    out.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    Ok(out)
}

impl FileDialog {
    /// `start`: a folder, or a file whose folder to show (its name prefills Save As).
    pub fn new(purpose: PickPurpose, start: Option<&Path>, file_name: &str) -> Self {
        let (dir, name) = match start {
            Some(p) if p.is_dir() => (p.to_path_buf(), file_name.to_string()),
            Some(p) => (
                p.parent().map(Path::to_path_buf).unwrap_or_default(),
                p.file_name().map_or(file_name.to_string(), |n| n.to_string_lossy().into_owned()),
            ),
            None => {
                let home = directories::UserDirs::new().map(|u| u.home_dir().to_path_buf());
                (home.or_else(|| std::env::current_dir().ok()).unwrap_or_default(), file_name.to_string())
            }
        };
        let path_text =
            if purpose == PickPurpose::SaveAs { dir.join(name).display().to_string() } else { String::new() };
        let mut d = Self { purpose, dir: PathBuf::new(), path_text, entries: Vec::new(), listing: None, error: None };
        d.navigate(dir, None);
        d
    }

    fn navigate(&mut self, dir: PathBuf, ctx: Option<&egui::Context>) {
        self.dir = dir.clone();
        self.entries.clear();
        let (tx, rx) = channel();
        let ctx = ctx.cloned();
        let spawned = std::thread::Builder::new().name("b24ad-list-dir".into()).spawn(move || {
            let _ = tx.send(list_dir(&dir));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        match spawned {
            Ok(_) => self.listing = Some(rx),
            Err(e) => self.error = Some(format!("could not list the folder: {e}")),
        }
    }

    fn title(&self) -> &'static str {
        match self.purpose {
            PickPurpose::Open => "Open a project or layout",
            PickPurpose::SaveAs => "Save project as",
        }
    }

    /// Draws the dialog; returns what the user chose this frame.
    pub fn show(&mut self, ctx: &egui::Context) -> DialogResult {
        if let Some(rx) = &self.listing {
            match rx.try_recv() {
                Ok(Ok(entries)) => {
                    self.entries = entries;
                    self.listing = None;
                }
                Ok(Err(e)) => {
                    self.error = Some(e);
                    self.listing = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(30))
                }
                Err(_) => self.listing = None,
            }
        }
        let mut result = DialogResult::Open;
        let mut go_to: Option<PathBuf> = None;
        egui::Window::new(self.title())
            .id(egui::Id::unique("in_app_file_dialog"))
            .collapsible(false)
            .default_size([520.0, 420.0])
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if ui.button((mi::ICON_ARROW_UPWARD.rich_text(), " Up")).clicked()
                        && let Some(p) = self.dir.parent()
                    {
                        go_to = Some(p.to_path_buf());
                    }
                    ui.label(egui::RichText::new(self.dir.display().to_string()).monospace());
                });
                ui.separator();
                egui::ScrollArea::vertical().max_height(260.0).auto_shrink([false, false]).show(ui, |ui| {
                    if self.listing.is_some() {
                        ui.spinner();
                    }
                    for e in &self.entries {
                        let icon = if e.is_dir { mi::ICON_FOLDER } else { mi::ICON_DESCRIPTION };
                        let label = (icon.rich_text(), format!(" {}", e.name));
                        let r = ui.selectable_label(false, label);
                        if r.clicked() {
                            if e.is_dir {
                                go_to = Some(self.dir.join(&e.name));
                            } else {
                                self.path_text = self.dir.join(&e.name).display().to_string();
                            }
                        }
                        if r.double_clicked() && !e.is_dir {
                            result = DialogResult::Picked(self.dir.join(&e.name));
                        }
                    }
                    if self.entries.is_empty() && self.listing.is_none() {
                        ui.weak("No folders or .json files here.");
                    }
                });
                ui.separator();
                ui.horizontal(|ui| {
                    let l = ui.label("File path:");
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut self.path_text)
                            .desired_width(ui.available_width())
                            .hint_text("/path/to/card.json"),
                    );
                    let r = r.labelled_by(l.id);
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        result = self.accept();
                    }
                });
                if let Some(e) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.horizontal(|ui| {
                    let ok = if self.purpose == PickPurpose::Open { "Open file" } else { "Save file" };
                    if ui.button(ok).clicked() {
                        result = self.accept();
                    }
                    if ui.button("Cancel").clicked() {
                        result = DialogResult::Cancelled;
                    }
                });
            });
        if let Some(dir) = go_to {
            self.error = None;
            self.navigate(dir, Some(ctx));
        }
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            result = DialogResult::Cancelled;
        }
        result
    }

    fn accept(&mut self) -> DialogResult {
        let text = self.path_text.trim();
        if text.is_empty() {
            self.error = Some("Type a file path or pick a file.".into());
            return DialogResult::Open;
        }
        let mut p = PathBuf::from(text);
        if p.is_relative() {
            p = self.dir.join(p);
        }
        match self.purpose {
            PickPurpose::Open if !p.is_file() => {
                self.error = Some(format!("{} is not a file.", p.display()));
                DialogResult::Open
            }
            PickPurpose::SaveAs if p.extension().is_none() => DialogResult::Picked(p.with_extension("json")),
            _ => DialogResult::Picked(p),
        }
    }
}
