//! Autosave of unsaved work and crash recovery, safe with several windows open at once.
//!
//! Each running designer is a *session* with its own files in `<data>/sessions/`:
//! `<id>.lock`, which the session holds an OS file lock on while it runs, and, while the
//! document is dirty, `<id>.autosave.json`, rewritten every few seconds. A clean exit or a
//! save removes the autosave; a clean exit removes the lock. The OS drops a file lock when its
//! process ends, however it ends; so at start, an autosave whose lock file is missing or not
//! held is work left by a crash, and the user is offered to recover it. Two windows never
//! write the same file, and one window's clean exit never deletes another's work.
//!
//! Files of version 1 (`<data>/autosave.json` with `<data>/session.lock`) are read the same way.

use super::jobs::JobOutput;
use super::project_io::{self, ProjectData};
use serde_json::{Map, Value};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Unsaved work found at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    pub data: ProjectData,
    /// The file the work belonged to, if it had been saved before.
    pub source: Option<PathBuf>,
    /// When it was autosaved (RFC 3339, UTC).
    pub saved_at: String,
    /// The leftover autosave file (taken over on Recover, deleted on Discard).
    pub file: PathBuf,
    /// Its stale lock, if any (deleted with it).
    pub lock: Option<PathBuf>,
}

/// Lock files this process holds, one per open session. The OS releases a file lock when its
/// process ends, however it ends: a lock nobody holds is a session that is gone. (Process ids
/// are no help: they are reused, and a zombie still looks alive.)
static HELD: std::sync::Mutex<Vec<(PathBuf, File)>> = std::sync::Mutex::new(Vec::new());

/// Creates and locks this session's lock file, holding it until `end_session` or exit.
fn claim(lock: &Path) -> std::io::Result<()> {
    for _ in 0..50 {
        let mut f = OpenOptions::new().create(true).truncate(false).write(true).open(lock)?;
        match f.try_lock() {
            // Another start may have removed the file as stale between our open and lock.
            Ok(()) if unlinked(&f) => continue,
            Ok(()) => {
                f.set_len(0)?;
                // For people looking at the directory; liveness is the lock itself.
                let _ = writeln!(f, "{}", std::process::id());
                HELD.lock().unwrap_or_else(|e| e.into_inner()).push((lock.to_path_buf(), f));
                return Ok(());
            }
            // Someone is removing it as stale right now: try again with a fresh file.
            Err(TryLockError::WouldBlock) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!("{} stays locked", lock.display())))
}

#[cfg(unix)]
fn unlinked(f: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    f.metadata().is_ok_and(|m| m.nlink() == 0)
}
#[cfg(not(unix))]
fn unlinked(_: &File) -> bool {
    false
}

/// Runs `f` holding `lock` when no live session holds it; `None` when one does (or when it
/// cannot be told: then the work is never taken).
fn with_stale_lock<R>(lock: &Path, f: impl FnOnce() -> R) -> Option<R> {
    let Ok(file) = File::open(lock) else {
        // No lock file at all: nobody guards the work.
        return Some(f());
    };
    match file.try_lock() {
        Ok(()) => Some(f()),
        Err(_) => None,
    }
}

/// Version 1 locks hold only a process id.
fn legacy_alive(lock: &Path) -> bool {
    let Some(pid) = std::fs::read_to_string(lock).ok().and_then(|t| t.trim().parse::<u32>().ok()) else {
        return false;
    };
    if pid == std::process::id() {
        return true;
    }
    if !cfg!(target_os = "linux") {
        return false;
    }
    // A killed process can linger as a zombie until reaped: that is a crash, not a live session.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            let state = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next());
            !matches!(state, Some("Z" | "X" | "x"))
        }
        Err(_) => false,
    }
}

/// Start-up check (background job): claims this session's lock, then collects the work left
/// by crashed sessions (newest first) and drops stale locks that guard nothing.
pub fn start_session(data_dir: PathBuf, own_lock: PathBuf) -> JobOutput {
    if let Some(dir) = own_lock.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = claim(&own_lock) {
        // Autosave still works; only a crash of this window would go unnoticed by others.
        eprintln!("warning: session lock: {e}");
    }
    JobOutput::RecoveryFound(leftovers(&data_dir, &own_lock))
}

/// Crash leftovers under `data_dir`, newest first.
pub fn leftovers(data_dir: &Path, own_lock: &Path) -> Vec<Recovery> {
    let mut found = Vec::new();
    // Version 1: one shared pair in the data directory.
    let (legacy, legacy_lock) = (data_dir.join("autosave.json"), data_dir.join("session.lock"));
    if legacy.exists() && !legacy_alive(&legacy_lock) {
        found.extend(read(&legacy, legacy_lock.exists().then_some(legacy_lock)));
    }
    let dir = data_dir.join("sessions");
    let Ok(entries) = std::fs::read_dir(&dir) else { return found };
    let mut names: Vec<String> = entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    names.sort();
    for name in &names {
        let path = dir.join(name);
        if path == own_lock {
            continue;
        }
        if let Some(id) = name.strip_suffix(".autosave.json") {
            let lock = dir.join(format!("{id}.lock"));
            if let Some(Some(r)) = with_stale_lock(&lock, || read(&path, lock.exists().then(|| lock.clone()))) {
                found.push(r);
            }
        } else if let Some(id) = name.strip_suffix(".lock")
            && !names.contains(&format!("{id}.autosave.json"))
        {
            // A crash with nothing unsaved: only the lock is left. Removed while we hold it,
            // so a session just creating it retries with a fresh file.
            with_stale_lock(&path, || std::fs::remove_file(&path));
        }
    }
    found.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
    found
}

/// Reads an autosave file; `None` when absent or unreadable.
pub fn read(path: &Path, lock: Option<PathBuf>) -> Option<Recovery> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let source = v.get("source").and_then(Value::as_str).map(PathBuf::from);
    let saved_at = v.get("savedAt").and_then(Value::as_str).unwrap_or_default().to_string();
    let data = project_io::from_value(v.get("project")?.clone(), "Recovered").ok()?;
    Some(Recovery { data, source, saved_at, file: path.to_path_buf(), lock })
}

/// Writes the autosave atomically.
pub fn write(path: &Path, data: &ProjectData, source: Option<&Path>) -> Result<(), String> {
    let mut m = Map::new();
    m.insert("source".into(), source.map_or(Value::Null, |p| p.to_string_lossy().into_owned().into()));
    m.insert("savedAt".into(), chrono::Utc::now().to_rfc3339().into());
    m.insert("project".into(), project_io::to_value(data));
    let text = serde_json::to_string(&Value::Object(m)).map_err(|e| e.to_string())?;
    crate::project::write_atomic_creating_dir(path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
}

/// Removes an autosave (after a save, a discard or a clean exit).
pub fn discard(path: &Path) {
    let _ = std::fs::remove_file(path);
}

/// Recovered work becomes this session's: its file moves to `own` (so it stays protected
/// until this session autosaves or saves it) and its stale lock goes.
pub fn adopt(r: &Recovery, own: &Path) {
    if let Some(dir) = own.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if std::fs::rename(&r.file, own).is_err() {
        discard(&r.file);
    }
    if let Some(l) = &r.lock {
        discard(l);
    }
}

/// The user gave the recovered work up: its files go.
pub fn drop_leftover(r: &Recovery) {
    discard(&r.file);
    if let Some(l) = &r.lock {
        discard(l);
    }
}

/// Clean exit: removes this session's lock file, then releases the lock.
pub fn end_session(lock: &Path) {
    discard(lock);
    HELD.lock().unwrap_or_else(|e| e.into_inner()).retain(|(p, _)| p != lock);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(name: &str) -> ProjectData {
        ProjectData::new(name, json!({"fields": {}, "layout": {"icon": {"code": "call"}}}))
    }

    #[test]
    fn a_crashed_sessions_work_is_offered_a_live_ones_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let sessions = dir.path().join("sessions");
        std::fs::create_dir_all(&sessions).unwrap();
        // Crashed: its lock file is left, but nobody holds the lock.
        write(&sessions.join("dead.autosave.json"), &data("Lost"), Some(Path::new("/tmp/card.json"))).unwrap();
        std::fs::write(sessions.join("dead.lock"), "4194999\n").unwrap();
        // Live: a session that holds its lock.
        write(&sessions.join("live.autosave.json"), &data("Open elsewhere"), None).unwrap();
        claim(&sessions.join("live.lock")).unwrap();
        // A stale lock with nothing to recover is cleaned up.
        std::fs::write(sessions.join("empty.lock"), "4194998\n").unwrap();

        let own = sessions.join("me.lock");
        let JobOutput::RecoveryFound(found) = start_session(dir.path().to_path_buf(), own.clone()) else {
            panic!("wrong job output")
        };
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].data.name, "Lost");
        assert_eq!(found[0].source.as_deref(), Some(Path::new("/tmp/card.json")));
        assert!(own.exists(), "the session's own lock is claimed");
        assert!(!sessions.join("empty.lock").exists());
        assert!(sessions.join("live.autosave.json").exists() && sessions.join("live.lock").exists());

        // Recover: the file becomes this session's autosave, the stale lock goes.
        let mine = sessions.join("me.autosave.json");
        adopt(&found[0], &mine);
        assert!(read(&mine, None).is_some());
        assert!(!sessions.join("dead.autosave.json").exists() && !sessions.join("dead.lock").exists());
        // A clean exit after saving: no autosave, no lock.
        discard(&mine);
        end_session(&own);
        assert!(!own.exists());

        // Once the live session ends without its work saved (its lock is released), the work
        // is a leftover like any crash's.
        HELD.lock().unwrap().retain(|(p, _)| !p.ends_with("live.lock"));
        let found = leftovers(dir.path(), &sessions.join("next.lock"));
        assert_eq!(found.iter().map(|r| r.data.name.as_str()).collect::<Vec<_>>(), ["Open elsewhere"]);
        drop_leftover(&found[0]);
        assert!(!sessions.join("live.autosave.json").exists() && !sessions.join("live.lock").exists());
    }

    #[test]
    fn version_1_files_are_recovered_too() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("autosave.json"), &data("Old format"), None).unwrap();
        std::fs::write(dir.path().join("session.lock"), "4194999\n").unwrap();
        let found = leftovers(dir.path(), &dir.path().join("sessions/me.lock"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].data.name, "Old format");
        // A live version-1 session keeps its file.
        std::fs::write(dir.path().join("session.lock"), "1\n").unwrap();
        assert!(leftovers(dir.path(), &dir.path().join("sessions/me.lock")).is_empty());
    }
}
