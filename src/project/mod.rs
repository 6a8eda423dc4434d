//! Project files: a versioned, human-readable JSON format (never a secret).

pub mod preview;

pub use preview::{PreviewScope, PreviewSettings};
