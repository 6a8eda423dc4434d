//! Background jobs of the app: disk I/O and native dialogs, run by [`super::runner::Runner`];
//! the UI polls the results once per frame and is woken with `request_repaint` when one arrives.

use std::path::PathBuf;

use super::project_io::ProjectData;
use super::settings::Settings;

/// Why a file was picked (what to do with the answer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickPurpose {
    Open,
    SaveAs,
}

/// A finished job.
#[derive(Debug)]
pub enum JobOutput {
    Loaded {
        path: PathBuf,
        result: Result<ProjectData, String>,
    },
    Saved {
        path: PathBuf,
        revision: u64,
        result: Result<(), String>,
    },
    Autosaved(Result<(), String>),
    /// A native dialog answered. `unavailable`: it returned at once with nothing, which is what
    /// rfd does when no dialog service runs — the app then shows its own dialog.
    Picked {
        purpose: PickPurpose,
        path: Option<PathBuf>,
        unavailable: bool,
    },
    /// The crash check at start: an autosave left by a session that did not exit cleanly.
    RecoveryFound(Vec<super::autosave::Recovery>),
    Done(Result<(), String>),
}

/// The app's jobs run on the one runner (see `runner.rs`).
pub type Jobs = super::runner::Runner<JobOutput>;

/// Asks the native dialog (rfd, xdg portal) on a worker thread.
pub fn native_pick(purpose: PickPurpose, start: Option<PathBuf>, name: String) -> JobOutput {
    let started = std::time::Instant::now();
    let mut dialog = rfd::AsyncFileDialog::new().add_filter("JSON", &["json"]);
    if let Some(dir) = start {
        dialog = dialog.set_directory(dir);
    }
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build();
    let path = match rt {
        Ok(rt) => rt.block_on(async move {
            match purpose {
                PickPurpose::Open => dialog.pick_file().await.map(|h| h.path().to_path_buf()),
                PickPurpose::SaveAs => dialog.set_file_name(name).save_file().await.map(|h| h.path().to_path_buf()),
            }
        }),
        Err(_) => None,
    };
    // No human cancels a dialog within a quarter second: that is "no dialog service".
    let unavailable = path.is_none() && started.elapsed() < std::time::Duration::from_millis(250);
    JobOutput::Picked { purpose, path, unavailable }
}

/// Saves settings (config dir), in the background.
pub fn save_settings(path: PathBuf, settings: Settings) -> JobOutput {
    JobOutput::Done(settings.write(&path))
}
