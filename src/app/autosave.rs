//! Autosave of unsaved work and crash recovery.
//!
//! While the document is dirty it is written every few seconds to `<data>/autosave.json`.
//! A running session holds `<data>/session.lock` with its process id. A clean exit or a save
//! removes the autosave; so an autosave found at start next to a lock whose process is gone
//! (or no lock at all) is work left by a crash, and the user is offered to recover it.

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
}

fn pid_alive(pid: u32) -> bool {
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

/// Reads the lock's process id.
fn lock_pid(lock: &Path) -> Option<u32> {
    std::fs::read_to_string(lock).ok()?.trim().parse().ok()
}

/// Start-up check (background job): finds crash leftovers, then claims the lock.
pub fn start_session(autosave: PathBuf, lock: PathBuf) -> JobOutput {
    let other_alive = lock_pid(&lock).is_some_and(|pid| pid != std::process::id() && pid_alive(pid));
    let recovery = if other_alive { None } else { read(&autosave) };
    if !other_alive {
        let _ = atomic_write(&lock, format!("{}\n", std::process::id()).as_bytes());
    }
    JobOutput::RecoveryFound(recovery)
}

/// Reads an autosave file; `None` when absent or unreadable.
pub fn read(path: &Path) -> Option<Recovery> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let source = v.get("source").and_then(Value::as_str).map(PathBuf::from);
    let saved_at = v.get("savedAt").and_then(Value::as_str).unwrap_or_default().to_string();
    let data = project_io::from_value(v.get("project")?.clone(), "Recovered").ok()?;
    Some(Recovery { data, source, saved_at })
}

/// Writes the autosave atomically.
pub fn write(path: &Path, data: &ProjectData, source: Option<&Path>) -> Result<(), String> {
    let mut m = Map::new();
    m.insert("source".into(), source.map_or(Value::Null, |p| p.to_string_lossy().into_owned().into()));
    m.insert("savedAt".into(), chrono::Utc::now().to_rfc3339().into());
    m.insert("project".into(), project_io::to_value(data));
    let text = serde_json::to_string(&Value::Object(m)).map_err(|e| e.to_string())?;
    atomic_write(path, text.as_bytes())
}

/// Removes the autosave (after a save, a discard or a clean exit).
pub fn discard(path: &Path) {
    let _ = std::fs::remove_file(path);
}

/// Clean exit: releases the lock if it is ours.
pub fn end_session(lock: &Path) {
    if lock_pid(lock) == Some(std::process::id()) {
        let _ = std::fs::remove_file(lock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn crash_leftover_is_offered_live_session_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let (a, l) = (dir.path().join("autosave.json"), dir.path().join("session.lock"));
        let data = ProjectData::new("Card", json!({"fields": {}, "layout": {"icon": {"code": "call"}}}));
        write(&a, &data, Some(Path::new("/tmp/card.json"))).unwrap();
        // A stale lock (no such process).
        std::fs::write(&l, "4194999\n").unwrap();
        let JobOutput::RecoveryFound(Some(r)) = start_session(a.clone(), l.clone()) else { panic!("no recovery") };
        assert_eq!(r.data.root, data.root);
        assert_eq!(r.source.as_deref(), Some(Path::new("/tmp/card.json")));
        assert_eq!(lock_pid(&l), Some(std::process::id()));
        // A lock held by a live process (pid 1) hides the autosave: that session owns it.
        std::fs::write(&l, "1\n").unwrap();
        assert!(matches!(start_session(a.clone(), l.clone()), JobOutput::RecoveryFound(None)));
        end_session(&l);
        assert!(l.exists(), "not our lock");
        discard(&a);
        assert!(read(&a).is_none());
    }
}
