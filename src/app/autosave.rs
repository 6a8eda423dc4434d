//! Autosave of unsaved work and crash recovery, safe with several windows open at once.
//!
//! Each running designer is a *session* with its own files in `<data>/sessions/`:
//! `<id>.lock` (process id and start time) and, while the document is dirty,
//! `<id>.autosave.json`, rewritten every few seconds. A clean exit or a save removes the
//! autosave and the lock. So at start, an autosave whose lock is missing or names a process
//! that no longer runs is work left by a crash: the user is offered to recover it. Two windows
//! never write the same file, and one window's clean exit never deletes another's work.
//!
//! Files of version 1 (`<data>/autosave.json` with `<data>/session.lock`) are read the same way.

use super::jobs::{JobOutput, atomic_write};
use super::project_io::{self, ProjectData};
use serde_json::{Map, Value};
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

/// This process's identity: its id and start time (clock ticks since boot on Linux), so a
/// reused process id is not taken for the session that crashed.
pub fn this_process() -> (u32, u64) {
    let pid = std::process::id();
    (pid, start_time(pid).unwrap_or(0))
}

/// A process's start time from `/proc/<pid>/stat` (field 22); `None` when it does not run,
/// is a zombie (killed but not yet reaped: a crash, not a live session), or off Linux.
fn start_time(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: fields after the last ')'.
    let rest: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    if matches!(rest.first(), Some(&("Z" | "X" | "x"))) {
        return None;
    }
    rest.get(19)?.parse().ok()
}

/// True when the lock's process still runs (same id and, when recorded, same start time).
fn lock_alive(lock: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(lock) else { return false };
    let mut parts = text.split_whitespace();
    let Some(pid) = parts.next().and_then(|p| p.parse::<u32>().ok()) else { return false };
    let recorded: Option<u64> = parts.next().and_then(|s| s.parse().ok());
    if pid == std::process::id() {
        // Another window of this very process (tests, or a future multi-window app).
        return true;
    }
    if !cfg!(target_os = "linux") {
        // No cheap liveness check elsewhere: never take a possibly live session's work.
        return true;
    }
    match (start_time(pid), recorded) {
        (None, _) => false,
        (Some(now), Some(then)) if then != 0 => now == then,
        (Some(_), _) => true,
    }
}

/// The lock text for this session.
fn lock_text() -> String {
    let (pid, start) = this_process();
    format!("{pid} {start}\n")
}

/// Start-up check (background job): claims this session's lock, then collects the work left
/// by crashed sessions (newest first) and drops stale locks that guard nothing.
pub fn start_session(data_dir: PathBuf, own_lock: PathBuf) -> JobOutput {
    if let Some(dir) = own_lock.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = atomic_write(&own_lock, lock_text().as_bytes());
    JobOutput::RecoveryFound(leftovers(&data_dir, &own_lock))
}

/// Crash leftovers under `data_dir`, newest first.
pub fn leftovers(data_dir: &Path, own_lock: &Path) -> Vec<Recovery> {
    let mut found = Vec::new();
    // Version 1: one shared pair in the data directory.
    let (legacy, legacy_lock) = (data_dir.join("autosave.json"), data_dir.join("session.lock"));
    if legacy.exists() && !lock_alive(&legacy_lock) {
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
            if !lock_alive(&lock) {
                found.extend(read(&path, lock.exists().then_some(lock)));
            }
        } else if let Some(id) = name.strip_suffix(".lock")
            && !names.contains(&format!("{id}.autosave.json"))
            && !lock_alive(&path)
        {
            // A crash with nothing unsaved: only the lock is left.
            let _ = std::fs::remove_file(&path);
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
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut m = Map::new();
    m.insert("source".into(), source.map_or(Value::Null, |p| p.to_string_lossy().into_owned().into()));
    m.insert("savedAt".into(), chrono::Utc::now().to_rfc3339().into());
    m.insert("project".into(), project_io::to_value(data));
    let text = serde_json::to_string(&Value::Object(m)).map_err(|e| e.to_string())?;
    atomic_write(path, text.as_bytes())
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

/// Clean exit: releases this session's lock.
pub fn end_session(lock: &Path) {
    discard(lock);
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
        // Crashed: its process no longer runs.
        write(&sessions.join("dead.autosave.json"), &data("Lost"), Some(Path::new("/tmp/card.json"))).unwrap();
        std::fs::write(sessions.join("dead.lock"), "4194999 123\n").unwrap();
        // Live: pid 1 runs, with no start time recorded.
        write(&sessions.join("live.autosave.json"), &data("Open elsewhere"), None).unwrap();
        std::fs::write(sessions.join("live.lock"), "1\n").unwrap();
        // A stale lock with nothing to recover is cleaned up.
        std::fs::write(sessions.join("empty.lock"), "4194998 1\n").unwrap();

        let own = sessions.join("me.lock");
        let JobOutput::RecoveryFound(found) = start_session(dir.path().to_path_buf(), own.clone()) else {
            panic!("wrong job output")
        };
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].data.name, "Lost");
        assert_eq!(found[0].source.as_deref(), Some(Path::new("/tmp/card.json")));
        assert!(own.exists(), "the session's own lock is claimed");
        assert!(!sessions.join("empty.lock").exists());
        assert!(sessions.join("live.autosave.json").exists());

        // Recover: the file becomes this session's autosave, the stale lock goes.
        let mine = sessions.join("me.autosave.json");
        adopt(&found[0], &mine);
        assert!(read(&mine, None).is_some());
        assert!(!sessions.join("dead.autosave.json").exists() && !sessions.join("dead.lock").exists());
        end_session(&own);
        assert!(!own.exists());
    }

    #[test]
    fn a_reused_process_id_does_not_hide_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let sessions = dir.path().join("sessions");
        std::fs::create_dir_all(&sessions).unwrap();
        write(&sessions.join("old.autosave.json"), &data("Lost"), None).unwrap();
        // Pid 1 runs, but it started at another time than the session that wrote the lock.
        let pid1_start = start_time(1);
        std::fs::write(sessions.join("old.lock"), format!("1 {}\n", pid1_start.unwrap_or(7) + 1)).unwrap();
        let found = leftovers(dir.path(), &sessions.join("me.lock"));
        if cfg!(target_os = "linux") && pid1_start.is_some() {
            assert_eq!(found.len(), 1);
            drop_leftover(&found[0]);
            assert!(!sessions.join("old.autosave.json").exists() && !sessions.join("old.lock").exists());
        }
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
