//! Panels: they read the document through `PanelCtx` and emit `UiAction`s; the app applies
//! them after the frame. Panels never touch disk or network.

pub mod diagnostics_panel;
pub mod glyphs;
pub mod insert;
pub mod inspector;
pub mod json;
pub mod light;
pub mod palette;
pub mod portal;
pub mod preview;
pub mod theme;
pub mod tokens;
pub mod tree;

use crate::edit::{Document, EditCommand};
use crate::layout::model::{Fields, Layout};
use crate::layout::{Catalog, Diagnostic};

/// What a panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum UiAction {
    /// One undoable edit. `merge_key`: consecutive edits with the same key are one undo step.
    Edit { label: String, cmd: EditCommand, merge_key: Option<String> },
    /// Select a node by document pointer (`/layout/body/blocks/b1`), or clear the selection.
    Select(Option<String>),
    /// End the current typing group (focus left a field).
    SealHistory,
}

impl UiAction {
    pub fn edit(label: impl Into<String>, cmd: EditCommand) -> Self {
        UiAction::Edit { label: label.into(), cmd, merge_key: None }
    }
}

/// Read-only view handed to every panel each frame.
pub struct PanelCtx<'a> {
    pub doc: &'a Document,
    /// Typed view of `doc.layout()`, cached by revision.
    pub layout: &'a Layout,
    pub fields: &'a Fields,
    /// Current validator findings (`Diagnostic::doc_path` is where each lies in `doc`).
    pub diagnostics: &'a [Diagnostic],
    /// Selected node as a document pointer.
    pub selection: Option<&'a str>,
    /// Effective catalog (live portal lists when connected, else built-in).
    pub catalog: &'a Catalog,
}

/// Takes this frame's Copy/Cut/Paste events out of the input, so exactly one handler (the app's
/// command list, or a standalone tree) acts on them and a paste never happens twice.
pub fn take_clipboard_events(ctx: &egui::Context) -> Vec<egui::Event> {
    ctx.input_mut(|i| {
        let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut i.events)
            .into_iter()
            .partition(|e| matches!(e, egui::Event::Copy | egui::Event::Cut | egui::Event::Paste(_)));
        i.events = rest;
        mine
    })
}
