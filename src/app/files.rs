//! File flows: the unsaved-changes guard, New/Open/Save/Save As, recent files, autosave, and
//! the results of background jobs. Every disk access runs as a job.

use super::file_dialog::FileDialog;
use super::jobs::{self, JobOutput, PickPurpose};
use super::project_io::{self, ProjectData};
use super::{DesignerApp, Modal, Pending, autosave};
use std::path::PathBuf;

impl DesignerApp {
    /// Runs `p` now, or first asks Save / Discard / Cancel when there are unsaved changes.
    pub(crate) fn guarded(&mut self, p: Pending) {
        if self.doc.dirty() {
            self.modals.open(Modal::Guard(p));
        } else {
            self.proceed(p);
        }
    }

    /// The guard's answer "Discard": drop the autosave, then go on.
    pub(crate) fn discard_and_proceed(&mut self, p: Pending) {
        let a = self.env.autosave_path();
        self.jobs.spawn(move || {
            autosave::discard(&a);
            JobOutput::Done(Ok(()))
        });
        // The work is given up: nothing left to protect.
        self.doc.mark_saved();
        self.proceed(p);
    }

    /// The guard's answer "Save": save, then go on once the save succeeded.
    pub(crate) fn save_and_proceed(&mut self, p: Pending) {
        self.after_save = Some(p);
        self.save();
    }

    pub(crate) fn proceed(&mut self, p: Pending) {
        match p {
            Pending::New => self.modals.open(Modal::Gallery),
            Pending::Open(Some(path)) => self.start_load(path),
            Pending::Open(None) => self.pick(PickPurpose::Open),
            Pending::OpenInApp => self.open_in_app_dialog(PickPurpose::Open),
            Pending::Quit => {
                self.quitting = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Asks for a file: the native dialog, or the built-in one where none is available.
    pub(crate) fn pick(&mut self, purpose: PickPurpose) {
        if self.env.no_native_dialogs || self.native_unavailable {
            self.open_in_app_dialog(purpose);
            return;
        }
        let start = self.path.as_ref().and_then(|p| p.parent().map(PathBuf::from));
        let name = format!("{}.json", file_stem_of(&self.name));
        self.jobs.spawn(move || jobs::native_pick(purpose, start, name));
    }

    pub(crate) fn open_in_app_dialog(&mut self, purpose: PickPurpose) {
        let start = self.path.clone().or_else(|| self.settings.recent.first().cloned());
        let name = format!("{}.json", file_stem_of(&self.name));
        self.modals.open(Modal::FileDialog(FileDialog::new(purpose, start.as_deref(), &name)));
    }

    /// A file was chosen (native or built-in dialog).
    pub(crate) fn picked(&mut self, purpose: PickPurpose, path: PathBuf) {
        match purpose {
            PickPurpose::Open => self.start_load(path),
            PickPurpose::SaveAs => self.start_save(path),
        }
    }

    pub(crate) fn start_load(&mut self, path: PathBuf) {
        self.status = Some(format!("Opening {}…", path.display()));
        self.jobs.spawn(move || {
            let result = project_io::load(&path);
            JobOutput::Loaded { path, result }
        });
    }

    pub(crate) fn save(&mut self) {
        match self.path.clone() {
            Some(p) => self.start_save(p),
            None => self.save_as(),
        }
    }

    pub(crate) fn save_as(&mut self) {
        self.pick(PickPurpose::SaveAs);
    }

    pub(crate) fn project_data(&self) -> ProjectData {
        ProjectData {
            name: self.name.clone(),
            root: self.doc.root().clone(),
            preview: self.preview.clone(),
            target: self.target.clone(),
            notes: Vec::new(),
        }
    }

    pub(crate) fn start_save(&mut self, path: PathBuf) {
        let data = self.project_data();
        let revision = self.doc.revision();
        self.status = Some(format!("Saving {}…", path.display()));
        self.jobs.spawn(move || {
            let result = project_io::save(&path, &data);
            JobOutput::Saved { path, revision, result }
        });
    }

    pub(crate) fn save_settings(&mut self) {
        let (p, s) = (self.env.settings_path(), self.settings.clone());
        self.jobs.spawn(move || jobs::save_settings(p, s));
    }

    /// Handles one finished job.
    pub(crate) fn on_job(&mut self, out: JobOutput) {
        match out {
            JobOutput::Loaded { path, result } => match result {
                Ok(data) => {
                    let notes = data.notes.join(" ");
                    self.load_project(data, Some(path.clone()));
                    self.status = Some(format!("Opened {}. {notes}", path.display()).trim_end().to_string());
                    self.settings.push_recent(&path);
                    self.save_settings();
                }
                Err(e) => {
                    self.status = None;
                    self.modals.open(Modal::Error(format!("Could not open the file.\n{e}")));
                }
            },
            JobOutput::Saved { path, revision, result } => match result {
                Ok(()) => {
                    if self.doc.revision() == revision {
                        self.doc.mark_saved();
                    }
                    // A never-named project takes the file's name; a named one keeps its name.
                    if self.path.is_none() && self.name == "Untitled" {
                        self.name = path.file_stem().map_or(self.name.clone(), |s| s.to_string_lossy().into_owned());
                    }
                    self.path = Some(path.clone());
                    self.status = Some(format!("Saved {}", path.display()));
                    self.settings.push_recent(&path);
                    self.save_settings();
                    let a = self.env.autosave_path();
                    self.jobs.spawn(move || {
                        autosave::discard(&a);
                        JobOutput::Done(Ok(()))
                    });
                    self.autosaved_revision = None;
                    if let Some(p) = self.after_save.take() {
                        self.proceed(p);
                    }
                }
                Err(e) => {
                    self.after_save = None;
                    self.status = None;
                    self.modals
                        .open(Modal::Error(format!("Could not save the file; the previous file is unchanged.\n{e}")));
                }
            },
            JobOutput::Autosaved(r) => {
                if let Err(e) = r {
                    self.status = Some(format!("Autosave failed: {e}"));
                }
            }
            JobOutput::Picked { purpose, path, unavailable } => match path {
                Some(p) => self.picked(purpose, p),
                None if unavailable => {
                    self.native_unavailable = true;
                    self.open_in_app_dialog(purpose);
                }
                None => self.after_save = None,
            },
            JobOutput::RecoveryFound(mut found) => {
                if !found.is_empty() {
                    self.modals.open(Modal::Recovery(found.remove(0)));
                    self.modals.more_recoveries = found;
                }
            }
            JobOutput::Done(r) => {
                if let Err(e) = r {
                    self.status = Some(e);
                }
            }
        }
    }

    /// Recovers autosaved work: it becomes the document, unsaved, and its file becomes this
    /// session's autosave. Other leftovers stay on disk for the next start: offering them now
    /// would put the work just recovered at risk.
    pub(crate) fn recover(&mut self, r: super::Recovery) {
        let own = self.env.autosave_path();
        let kept = std::mem::take(&mut self.modals.more_recoveries).len();
        let adopted = r.clone();
        self.jobs.spawn(move || {
            autosave::adopt(&adopted, &own);
            JobOutput::Done(Ok(()))
        });
        let source = r.source.clone();
        self.load_project(r.data, source);
        self.doc.mark_unsaved();
        self.status = Some(match kept {
            0 => "Recovered unsaved work.".into(),
            n => format!("Recovered unsaved work. {n} more will be offered at the next start."),
        });
    }

    /// Gives a crash leftover up, then offers the next one.
    pub(crate) fn drop_recovery(&mut self, r: super::Recovery) {
        self.jobs.spawn(move || {
            autosave::drop_leftover(&r);
            JobOutput::Done(Ok(()))
        });
        if !self.modals.more_recoveries.is_empty() {
            let next = self.modals.more_recoveries.remove(0);
            self.modals.open(Modal::Recovery(next));
        }
    }

    /// Starts a new, unsaved-to-disk project from a template.
    pub(crate) fn new_from_template(&mut self, data: ProjectData) {
        self.load_project(data, None);
    }

    /// Writes the autosave every few seconds while there are unsaved changes; schedules the
    /// next wake-up only then, so an idle clean app never repaints.
    pub(crate) fn autosave_tick(&mut self, ctx: &egui::Context) {
        if !self.doc.dirty() || self.autosaved_revision == Some(self.doc.revision()) {
            return;
        }
        let elapsed = self.autosave_at.elapsed();
        if elapsed >= self.env.autosave_every {
            self.autosave_at = std::time::Instant::now();
            self.autosaved_revision = Some(self.doc.revision());
            let (a, data, src) = (self.env.autosave_path(), self.project_data(), self.path.clone());
            self.jobs.spawn(move || JobOutput::Autosaved(autosave::write(&a, &data, src.as_deref())));
        } else {
            ctx.request_repaint_after(self.env.autosave_every - elapsed);
        }
    }
}

/// A file name from a project name (no path separators).
fn file_stem_of(name: &str) -> String {
    let s: String = name.chars().map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    if s.trim().is_empty() { "untitled".into() } else { s }
}
