//! Where the app keeps its files, and switches for tests.

use crate::portal::AppDirs;
use std::path::PathBuf;

/// The app's directories and environment switches. Tests pass temp dirs; the binary uses
/// `AppEnv::from_system()` (env vars `B24AD_CONFIG_DIR`, `B24AD_DATA_DIR`, `B24AD_CACHE_DIR`
/// override the platform directories).
#[derive(Clone, Debug)]
pub struct AppEnv {
    /// Settings (`settings.json`), window state.
    pub config_dir: PathBuf,
    /// Autosave and the crash lock.
    pub data_dir: PathBuf,
    /// Cached portal lists.
    pub cache_dir: PathBuf,
    /// Never open a native (rfd) dialog: use the in-app file dialog (tests, headless).
    pub no_native_dialogs: bool,
    /// Run disk jobs inline on the calling thread (deterministic tests).
    pub inline_jobs: bool,
    /// Autosave period while dirty.
    pub autosave_every: std::time::Duration,
    /// This window's session: names its autosave and lock (see `autosave`).
    pub session: String,
}

/// A session id never used before: process id, the time in nanoseconds and a counter for
/// several apps in one process (tests). A crashed session's files keep their name, so a new
/// session must never get the same one.
fn new_session_id() -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}-{nanos}-{n}", std::process::id())
}

impl AppEnv {
    /// Platform directories (XDG on Linux), each overridable by its environment variable: the
    /// one resolver the command line uses too ([`AppDirs::resolve`]).
    pub fn from_system() -> Self {
        let dirs = AppDirs::resolve();
        Self {
            config_dir: dirs.config,
            data_dir: dirs.data,
            cache_dir: dirs.cache,
            no_native_dialogs: std::env::var_os("B24AD_NO_NATIVE_DIALOGS").is_some(),
            inline_jobs: false,
            autosave_every: std::time::Duration::from_secs(5),
            session: new_session_id(),
        }
    }

    /// All three directories under `root` (tests); no native dialogs, jobs run inline.
    pub fn in_dir(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Self {
            config_dir: root.join("config"),
            data_dir: root.join("data"),
            cache_dir: root.join("cache"),
            no_native_dialogs: true,
            inline_jobs: true,
            autosave_every: std::time::Duration::from_secs(5),
            session: new_session_id(),
        }
    }

    /// The three directories, for the portal's profiles file and cache.
    pub fn dirs(&self) -> AppDirs {
        AppDirs { config: self.config_dir.clone(), data: self.data_dir.clone(), cache: self.cache_dir.clone() }
    }

    pub fn settings_path(&self) -> PathBuf {
        self.config_dir.join("settings.json")
    }
    /// This session's autosave: `<data>/sessions/<session>.autosave.json`.
    pub fn autosave_path(&self) -> PathBuf {
        self.data_dir.join("sessions").join(format!("{}.autosave.json", self.session))
    }
    /// This session's lock: `<data>/sessions/<session>.lock`.
    pub fn lock_path(&self) -> PathBuf {
        self.data_dir.join("sessions").join(format!("{}.lock", self.session))
    }
}
