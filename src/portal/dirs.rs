//! The app's config, data and cache directories (`directories::ProjectDirs`), each overridable
//! by an environment variable so tests and portable setups can point them elsewhere.

use std::path::{Path, PathBuf};

pub const ENV_CONFIG: &str = "B24AD_CONFIG_DIR";
pub const ENV_DATA: &str = "B24AD_DATA_DIR";
pub const ENV_CACHE: &str = "B24AD_CACHE_DIR";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppDirs {
    pub config: PathBuf,
    pub data: PathBuf,
    pub cache: PathBuf,
}

impl AppDirs {
    /// Env overrides first, then the platform dirs, then `./.b24-activity-designer/*`.
    pub fn resolve() -> Self {
        let pd = directories::ProjectDirs::from("", "", "b24-activity-designer");
        let fallback = |sub: &str| PathBuf::from(".b24-activity-designer").join(sub);
        let pick = |var: &str, platform: Option<&Path>, sub: &str| {
            std::env::var_os(var)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or_else(|| platform.map(Path::to_path_buf))
                .unwrap_or_else(|| fallback(sub))
        };
        AppDirs {
            config: pick(ENV_CONFIG, pd.as_ref().map(|p| p.config_dir()), "config"),
            data: pick(ENV_DATA, pd.as_ref().map(|p| p.data_dir()), "data"),
            cache: pick(ENV_CACHE, pd.as_ref().map(|p| p.cache_dir()), "cache"),
        }
    }

    /// All three under one root (tests).
    pub fn under(root: &Path) -> Self {
        AppDirs { config: root.join("config"), data: root.join("data"), cache: root.join("cache") }
    }
}
