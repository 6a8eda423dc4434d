//! Atomic save: the new bytes go to a temp file in the same folder, are flushed to disk, and then
//! renamed over the target. A crash or error at any point leaves either the old file or the new
//! one, never a mix; the temp file is removed on failure. This is the designer's one file
//! writer: projects, exports, settings, autosaves, profiles and the portal cache all go through
//! it.

use super::Project;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Saves a project file atomically.
pub fn save_project(path: &Path, project: &Project) -> io::Result<()> {
    write_atomic(path, project.to_json_string().as_bytes())
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// `write_atomic` into a folder that may not exist yet (the app's config, data and cache
/// folders); creates it first. A project save does not: a missing folder there is an error.
pub fn write_atomic_creating_dir(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    write_atomic(path, bytes)
}

/// Like `write_atomic`, with the content written by `fill` (tests inject failures through it).
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    // Write through a symlink to its target rather than replacing the link itself.
    let path = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("{}: not a file path", path.display())))?;
    let (tmp_path, mut tmp) = create_temp(&dir, &file_name.to_string_lossy())?;
    let result = (|| {
        fill(&mut tmp)?;
        tmp.flush()?;
        // Keep the old file's permissions (e.g. a group-writable project in a shared repo).
        if let Ok(meta) = fs::metadata(&path) {
            tmp.set_permissions(meta.permissions())?;
        }
        tmp.sync_all()?;
        drop(tmp);
        fs::rename(&tmp_path, &path)?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0..100u32 {
        let nonce: u32 = rand::random();
        let tmp = dir.join(format!(".{name}.{pid}-{nonce:08x}-{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "could not create a unique temp file"))
}

/// Makes the rename durable. Best effort: some platforms cannot open or sync a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
