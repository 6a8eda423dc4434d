//! The application: owns the document and all state, draws the window, and applies the
//! `UiAction`s and commands collected during a frame after the frame.

mod actions;
mod autosave;
pub mod commands;
mod derived;
mod env;
mod file_dialog;
mod files;
mod jobs;
mod modal;
mod panels;
mod portal;
mod project_io;
mod runner;
mod settings;
mod view;
mod windows;

pub use autosave::Recovery;
pub use env::AppEnv;
pub use jobs::PickPurpose;
pub use portal::{PortalState, start_sandbox};
pub use project_io::ProjectData;
pub use settings::{Settings, Theme};

use crate::edit::Document;
use crate::layout::Catalog;
use crate::project::PreviewSettings;
use crate::ui::UiAction;
use commands::CommandId;
pub(crate) use modal::{Modal, Modals};
use std::path::PathBuf;

/// What the unsaved-changes guard protects.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    /// Open a file: `None` asks for one first.
    Open(Option<PathBuf>),
    OpenInApp,
    Quit,
}

/// Tabs of the bottom dock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BottomTab {
    Json,
    Diagnostics,
    /// Send to portal, with its request log.
    Send,
}

/// The designer. Create with `DesignerApp::new`, draw with `ui_root` (kittest) or run as an
/// eframe app (`run_gui`).
pub struct DesignerApp {
    pub(crate) env: AppEnv,
    pub(crate) doc: Document,
    pub(crate) selection: Option<String>,
    pub(crate) derived: derived::Derived,
    pub(crate) catalog: Catalog,
    pub(crate) strict: bool,
    pub(crate) preview: PreviewSettings,
    /// Project file on disk (`None` until first saved).
    pub(crate) path: Option<PathBuf>,
    pub(crate) name: String,
    pub(crate) target: Option<crate::project::SendTarget>,
    pub(crate) settings: Settings,
    pub(crate) jobs: jobs::Jobs,
    pub(crate) modals: Modals,
    pub(crate) bottom_tab: BottomTab,
    pub(crate) panels: panels::PanelStates,
    /// Profiles, session and send results; created when the Send tab is first shown (it reads
    /// profiles and probes the keyring).
    pub(crate) portal: Option<PortalState>,
    /// What the Send panel asked for this frame.
    pub(crate) portal_intents: Vec<crate::ui::portal::PortalIntent>,
    pub(crate) status: Option<String>,
    /// Run after the current save succeeds (the guard's "Save").
    pub(crate) after_save: Option<Pending>,
    /// Native dialogs answered "no service" once: use the in-app dialog from now on.
    pub(crate) native_unavailable: bool,
    pub(crate) autosave_at: std::time::Instant,
    pub(crate) autosaved_revision: Option<u64>,
    /// Quit was confirmed: let the next close request through.
    pub(crate) quitting: bool,
    pub(crate) title: String,
    pub(crate) theme_applied: Option<Theme>,
    pub(crate) queued: Vec<CommandId>,
    pub(crate) actions: Vec<UiAction>,
    pub(crate) ctx: egui::Context,
    fonts_installed: bool,
    /// The portal panel got the project's send target.
    portal_seeded: bool,
}

impl DesignerApp {
    /// A new app with an empty document. Reads settings (before the first frame) and starts
    /// the crash check in the background.
    pub fn new(ctx: &egui::Context, env: AppEnv) -> Self {
        let settings = Settings::read(&env.settings_path());
        // A first card to look at and change: the first starter template, as an unnamed project.
        let starter = project_io::templates().into_iter().next().map(|(_, _, d)| d.root);
        let mut jobs = jobs::Jobs::new(std::sync::Arc::new(|| {}), env.inline_jobs);
        jobs.set_ctx(ctx);
        let (d, l) = (env.data_dir.clone(), env.lock_path());
        jobs.spawn(move || autosave::start_session(d, l));
        Self {
            env,
            doc: starter.map(Document::new).unwrap_or_default(),
            selection: None,
            derived: derived::Derived::default(),
            catalog: Catalog::default(),
            strict: false,
            preview: PreviewSettings::default(),
            path: None,
            name: "Untitled".into(),
            target: None,
            settings,
            jobs,
            modals: Modals::default(),
            bottom_tab: BottomTab::Json,
            panels: panels::PanelStates::default(),
            portal: None,
            portal_intents: Vec::new(),
            status: None,
            after_save: None,
            native_unavailable: false,
            autosave_at: std::time::Instant::now(),
            autosaved_revision: None,
            quitting: false,
            title: String::new(),
            theme_applied: None,
            queued: Vec::new(),
            actions: Vec::new(),
            ctx: ctx.clone(),
            fonts_installed: false,
            portal_seeded: false,
        }
    }

    /// `new` with a fresh context (tests and benchmarks draw with their own).
    #[cfg(any(test, feature = "testing"))]
    pub fn new_headless(env: AppEnv) -> Self {
        Self::new(&egui::Context::default(), env)
    }

    /// Draws one whole frame into `ui` and then applies what the frame asked for.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // The context that draws us (kittest's differs from the one given to `new`).
        self.ctx = ctx.clone();
        self.jobs.set_ctx(&ctx);
        if !self.fonts_installed {
            self.fonts_installed = true;
            panels::install_fonts(&ctx);
        }
        for out in self.jobs.poll() {
            self.on_job(out);
            ctx.request_repaint();
        }
        for why in self.jobs.take_failures() {
            self.on_job(jobs::JobOutput::Done(Err(why)));
            ctx.request_repaint();
        }
        self.apply_theme(&ctx);
        self.sync_portal();
        self.derived.refresh(&self.doc, &self.catalog, self.strict);
        self.handle_input(&ctx);
        self.handle_close_request(&ctx);
        self.update_title(&ctx);

        if self.modal_open() {
            // The preview's ••• menu floats above windows: close it under a dialog.
            self.panels.preview.menu_open = false;
        }
        self.owner_to_json_pane();
        self.panels.json.strict = self.strict;
        view::window(self, ui);
        windows::modals(self, &ctx);
        self.owner_from_json_pane();

        // Apply after the frame: panels saw one consistent document.
        let actions = std::mem::take(&mut self.actions);
        let queued = std::mem::take(&mut self.queued);
        if !actions.is_empty() || !queued.is_empty() {
            // What was drawn is now stale: draw once more with the new state.
            ctx.request_repaint();
        }
        // The Send panel's intents first: a send sends the document this frame showed.
        self.apply_portal_intents(&ctx);
        for a in actions {
            self.apply_action(a);
        }
        for id in queued {
            self.run_command(&ctx, id);
        }
        self.autosave_tick(&ctx);
    }

    // ---- read access for tests and benches (the `testing` feature) ----

    #[cfg(any(test, feature = "testing"))]
    pub fn document(&self) -> &Document {
        &self.doc
    }
    #[cfg(any(test, feature = "testing"))]
    pub fn selection(&self) -> Option<&str> {
        self.selection.as_deref()
    }
    #[cfg(any(test, feature = "testing"))]
    pub fn project_path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }
    #[cfg(any(test, feature = "testing"))]
    pub fn project_name(&self) -> &str {
        &self.name
    }
    #[cfg(any(test, feature = "testing"))]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// The window title as shown ("Name • — B24 Activity Designer").
    pub fn window_title(&self) -> String {
        let mark = if self.doc.dirty() { " •" } else { "" };
        format!("{}{mark} — B24 Activity Designer", self.name)
    }
    /// True once a quit was confirmed (the window closes).
    #[cfg(any(test, feature = "testing"))]
    pub fn quitting(&self) -> bool {
        self.quitting
    }
    /// The guard dialog currently asked, if any.
    #[cfg(any(test, feature = "testing"))]
    pub fn pending_guard(&self) -> Option<&Pending> {
        self.modals.find(|m| match m {
            Modal::Guard(p) => Some(p),
            _ => None,
        })
    }
    #[cfg(any(test, feature = "testing"))]
    pub fn recovery_offered(&self) -> bool {
        self.modals.any(|m| matches!(m, Modal::Recovery(_)))
    }
    /// The validator's current findings.
    #[cfg(any(test, feature = "testing"))]
    pub fn diagnostics(&self) -> &[crate::layout::Diagnostic] {
        &self.derived.diagnostics
    }
    /// The JSON pane's state (its text and parse status).
    #[cfg(any(test, feature = "testing"))]
    pub fn json_pane(&self) -> &crate::ui::json::pane::JsonPaneState {
        &self.panels.json
    }
    /// Background jobs still running.
    #[cfg(any(test, feature = "testing"))]
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    // ---- drive from outside (tests and benches; `load_project`/`open_path` also the CLI's "open FILE") ----

    /// Queues a command as if its shortcut was pressed.
    #[cfg(any(test, feature = "testing"))]
    pub fn command(&mut self, id: CommandId) {
        self.queued.push(id);
    }
    /// Replaces the document with `data` (no guard).
    pub fn load_project(&mut self, data: ProjectData, path: Option<PathBuf>) {
        self.doc = Document::new(data.root);
        self.derived.invalidate();
        self.name = data.name;
        self.preview = data.preview;
        self.target = data.target;
        self.portal_seeded = false;
        self.panels.json.owner_type_id = crate::project::DEFAULT_OWNER_TYPE_ID;
        self.panels.json.owner_id = crate::project::DEFAULT_OWNER_ID;
        self.path = path;
        self.selection = None;
        self.autosaved_revision = None;
    }
    /// Opens a file (through the guard when there are unsaved changes).
    pub fn open_path(&mut self, path: PathBuf) {
        self.guarded(Pending::Open(Some(path)));
    }
    /// Saves to `path` (Save As without a dialog).
    #[cfg(any(test, feature = "testing"))]
    pub fn save_to(&mut self, path: PathBuf) {
        self.start_save(path);
    }
    /// Selects a node (document pointer).
    #[cfg(any(test, feature = "testing"))]
    pub fn select(&mut self, path: Option<String>) {
        self.selection = path;
    }
    /// Applies one edit as the panels would.
    #[cfg(any(test, feature = "testing"))]
    pub fn push_action(&mut self, a: UiAction) {
        self.actions.push(a);
    }

    /// Live portal lists feed the validator; a successful send updates the project's target.
    fn sync_portal(&mut self) {
        let Some(portal) = self.portal.as_mut() else { return };
        // Every frame, also while the Send tab is hidden: replies update the status bar and catalog.
        portal.poll();
        if !self.portal_seeded {
            // The project's remembered target (the state may be created after the project opened).
            self.portal_seeded = true;
            if let Some(t) = &self.target {
                portal.set_target(t.owner_type_id, t.owner_id, t.activity_id);
            }
        }
        if let Some(c) = portal.catalog()
            && *c != self.catalog
        {
            self.catalog = c.clone();
        }
        if let Some(t) = portal.take_last_target() {
            self.target = Some(t);
        }
    }

    /// After the frame: the Send panel's intents, and the portal state once its tab is shown.
    fn apply_portal_intents(&mut self, ctx: &egui::Context) {
        let intents = std::mem::take(&mut self.portal_intents);
        if let Some(portal) = self.portal.as_mut() {
            if !intents.is_empty() {
                ctx.request_repaint();
            }
            portal.apply(intents, &self.doc);
        } else if self.bottom_tab == BottomTab::Send {
            let c = ctx.clone();
            self.portal = Some(PortalState::new(self.env.dirs(), std::sync::Arc::new(move || c.request_repaint())));
            ctx.request_repaint();
        }
    }

    /// The JSON pane's payload tab shows the project's owner…
    fn owner_to_json_pane(&mut self) {
        if let Some(t) = &self.target {
            self.panels.json.owner_type_id = t.owner_type_id;
            self.panels.json.owner_id = t.owner_id;
        }
    }

    /// …and an applied payload edit with another owner changes the project's target.
    fn owner_from_json_pane(&mut self) {
        let (ty, id) = (self.panels.json.owner_type_id, self.panels.json.owner_id);
        let current = self
            .target
            .as_ref()
            .map_or((crate::project::DEFAULT_OWNER_TYPE_ID, crate::project::DEFAULT_OWNER_ID), |t| {
                (t.owner_type_id, t.owner_id)
            });
        if (ty, id) != current {
            let t = self.target.get_or_insert(crate::project::SendTarget {
                profile: None,
                owner_type_id: ty,
                owner_id: id,
                activity_id: None,
            });
            t.owner_type_id = ty;
            t.owner_id = id;
            t.activity_id = None;
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.theme_applied != Some(self.settings.theme) {
            self.theme_applied = Some(self.settings.theme);
            ctx.set_theme(match self.settings.theme {
                Theme::Light => egui::Theme::Light,
                Theme::Dark => egui::Theme::Dark,
            });
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let t = self.window_title();
        if t != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(t.clone()));
            self.title = t;
        }
    }

    /// The window's close button: ask the guard first when there is unsaved work.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting {
            if self.doc.dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modals.open(Modal::Guard(Pending::Quit));
            } else {
                self.quitting = true;
            }
        }
    }

    /// Clean exit: the work is saved or discarded, so drop the autosave and the lock.
    fn on_clean_exit(&mut self) {
        if !self.doc.dirty() {
            autosave::discard(&self.env.autosave_path());
        }
        autosave::end_session(&self.env.lock_path());
        let _ = self.settings.write(&self.env.settings_path());
    }
}

impl eframe::App for DesignerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(r) = ui.ctx().input(|i| i.viewport().inner_rect) {
            self.settings.window_size = Some([r.width(), r.height()]);
        }
        self.ui_root(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.on_clean_exit();
    }
}

/// Opens the designer window, with `open` loaded when given (a missing or broken file gets
/// the usual error message in the window).
pub fn run_gui(open: Option<PathBuf>) -> Result<(), String> {
    let env = AppEnv::from_system();
    let settings = Settings::read(&env.settings_path());
    let size = settings.window_size.unwrap_or([1440.0, 900.0]);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Untitled — B24 Activity Designer")
        .with_app_id("b24-activity-designer")
        .with_inner_size(size)
        .with_min_inner_size([900.0, 560.0])
        .with_drag_and_drop(true);
    if let Some(icon) = app_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        // Explicit: with wgpu also compiled in (tests), eframe would otherwise pick wgpu.
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        persistence_path: Some(env.config_dir.join("window.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "B24 Activity Designer",
        options,
        Box::new(move |cc| {
            let mut app = DesignerApp::new(&cc.egui_ctx, env);
            if let Some(path) = open {
                app.open_path(path);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}

/// The window icon, decoded from `icons/app-icon.png` (embedded in the binary).
pub fn app_icon() -> Option<egui::IconData> {
    let bytes = include_bytes!("../../icons/app-icon.png");
    let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Png).ok()?.into_rgba8();
    let (width, height) = img.dimensions();
    Some(egui::IconData { rgba: img.into_raw(), width, height })
}

#[cfg(test)]
mod tests {
    #[test]
    fn app_icon_decodes() {
        let icon = super::app_icon().expect("icons/app-icon.png decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
