//! Project files: a versioned, human-readable JSON format (never a secret).
//!
//! - `format`: the `Project` struct and its file text (fixed key order, trailing newline);
//! - `load`: open a project file, a bare layout or a REST payload, with migrations;
//! - `save`: atomic save (temp file, fsync, rename).

pub mod format;
pub mod load;
pub mod preview;
pub mod save;

pub use format::{DEFAULT_OWNER_ID, DEFAULT_OWNER_TYPE_ID, FORMAT_ID, FORMAT_VERSION, Project, SendTarget};
pub use load::{LoadError, LoadedProject, SourceKind, detect_kind, from_value, load_bytes, load_file, parse_json};
pub use preview::{PreviewScope, PreviewSettings};
pub use save::{save_project, write_atomic, write_atomic_creating_dir, write_atomic_with};
