//! User settings in the config directory (`settings.json`): theme, panel sizes, recent files.
//! Never a secret — there is no field that could hold one.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const MAX_RECENT: usize = 10;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub theme: Theme,
    pub left_width: f32,
    pub right_width: f32,
    pub bottom_height: f32,
    /// Last window inner size (eframe also restores it; this is the fallback).
    pub window_size: Option<[f32; 2]>,
    /// Most recent first, at most `MAX_RECENT`.
    pub recent: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: Theme::Light,
            left_width: 280.0,
            right_width: 340.0,
            bottom_height: 220.0,
            window_size: None,
            recent: Vec::new(),
        }
    }
}

impl Settings {
    /// Reads settings; a missing or broken file gives the defaults (a broken settings file
    /// must never keep the app from starting).
    pub fn read(path: &Path) -> Self {
        std::fs::read_to_string(path).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        text.push('\n');
        crate::project::write_atomic_creating_dir(path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Puts `path` first in the recent list (deduplicated, capped).
    pub fn push_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_is_capped_and_deduplicated() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.push_recent(Path::new(&format!("/p/{i}.json")));
        }
        s.push_recent(Path::new("/p/7.json"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], Path::new("/p/7.json"));
        assert_eq!(s.recent.iter().filter(|p| p.ends_with("7.json")).count(), 1);
    }

    #[test]
    fn round_trips_and_tolerates_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c/settings.json");
        let mut s = Settings { theme: Theme::Dark, ..Default::default() };
        s.push_recent(Path::new("/x.json"));
        s.write(&p).unwrap();
        assert_eq!(Settings::read(&p), s);
        std::fs::write(&p, "{broken").unwrap();
        assert_eq!(Settings::read(&p), Settings::default());
    }

    /// Settings go through the project's writer: a settings file that is a link into a
    /// dotfiles folder stays a link, and its target gets the new text.
    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink_into_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dotfiles/settings.json");
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, "{}").unwrap();
        let link = dir.path().join("config/settings.json");
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let s = Settings { theme: Theme::Dark, ..Default::default() };
        s.write(&link).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
        assert_eq!(Settings::read(&target), s);
    }
}
