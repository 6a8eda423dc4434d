//! The application: owns the document and all state, applies commands after each frame.

/// Opens the designer window.
pub fn run_gui() -> Result<(), String> {
    Err("the designer window is not built yet".into())
}
