//! `Document`: the edited `{"fields", "layout"}` with its undo/redo `History` and a revision
//! counter for derived caches.

use super::{EditCommand, Step, apply::apply, apply::empty_root};
use crate::edit::ApplyError;
use serde_json::Value;

/// The edited document (`{"fields", "layout"}`) plus history.
#[derive(Clone, Debug)]
pub struct Document {
    root: Value,
    /// Bumped on every change (apply, undo, redo); panels cache derived data by it.
    revision: u64,
    /// Revision at the last save; `dirty()` compares against it.
    saved_revision: u64,
    history: History,
    /// Distinguishes documents (a newly loaded one starts again at revision 0), so
    /// `content_key` names one content across document replacements.
    id: u64,
}

static NEXT_DOCUMENT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<(Step, u64)>,
    redo: Vec<(Step, u64)>,
    /// Stops merging into the last step (after undo/redo, focus change, save).
    sealed: bool,
}

const MAX_STEPS: usize = 1000;

impl Default for Document {
    fn default() -> Self {
        Self::new(empty_root())
    }
}

impl Document {
    pub fn new(root: Value) -> Self {
        let id = NEXT_DOCUMENT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self { root, revision: 0, saved_revision: 0, history: History::default(), id }
    }

    /// (document id, revision): equal keys mean equal content, also across a newly loaded
    /// document; panels cache what they derive from the document by it.
    pub fn content_key(&self) -> (u64, u64) {
        (self.id, self.revision)
    }

    pub fn root(&self) -> &Value {
        &self.root
    }
    pub fn layout(&self) -> &Value {
        &self.root["layout"]
    }
    pub fn fields(&self) -> &Value {
        &self.root["fields"]
    }
    pub fn revision(&self) -> u64 {
        self.revision
    }
    pub fn dirty(&self) -> bool {
        self.revision != self.saved_revision
    }
    pub fn mark_saved(&mut self) {
        self.saved_revision = self.revision;
        self.history.sealed = true;
    }
    /// Marks the document as changed without an undo step (e.g. a recovered autosave).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
    }

    /// Applies one labelled command as one undo step. Consecutive steps with the same
    /// `merge_key` merge (keeping the first inverse), so typing is one step.
    pub fn apply(&mut self, label: &str, cmd: EditCommand, merge_key: Option<String>) -> Result<(), ApplyError> {
        let inverse = apply(&mut self.root, &cmd)?;
        let prev_rev = self.revision;
        // Count the redo steps' revisions too: an undo-then-edit must not reuse one.
        self.revision = self.next_revision();
        self.history.redo.clear();
        let mergeable = !self.history.sealed
            && merge_key.is_some()
            && self.history.undo.last().is_some_and(|(s, _)| s.merge_key == merge_key);
        if mergeable {
            let (last, _) = self.history.undo.last_mut().expect("checked");
            last.forward = cmd;
        } else {
            self.history.undo.push((Step { label: label.to_string(), forward: cmd, inverse, merge_key }, prev_rev));
            if self.history.undo.len() > MAX_STEPS {
                self.history.undo.remove(0);
            }
        }
        self.history.sealed = false;
        Ok(())
    }

    /// Ends the current merge group (the next edit starts a new undo step).
    pub fn seal(&mut self) {
        self.history.sealed = true;
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo.last().map(|(s, _)| s.label.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo.last().map(|(s, _)| s.label.as_str())
    }

    pub fn undo(&mut self) -> bool {
        let Some((step, prev_rev)) = self.history.undo.pop() else { return false };
        match apply(&mut self.root, &step.inverse) {
            Ok(_) => {
                let cur = self.revision;
                // Returning to the revision before the step keeps "saved" state accurate.
                self.revision = prev_rev;
                self.history.redo.push((step, cur));
                self.history.sealed = true;
                true
            }
            Err(_) => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        let Some((step, rev)) = self.history.redo.pop() else { return false };
        match apply(&mut self.root, &step.forward) {
            Ok(inverse) => {
                let prev = self.revision;
                self.revision = rev;
                self.history.undo.push((Step { inverse, ..step }, prev));
                self.history.sealed = true;
                true
            }
            Err(_) => false,
        }
    }

    fn next_revision(&self) -> u64 {
        // Revisions only grow along new edits, so an undo-then-edit never collides with a
        // revision already seen (which would make `dirty()` lie).
        let max_seen = self
            .history
            .undo
            .iter()
            .chain(self.history.redo.iter())
            .map(|(_, r)| *r)
            .chain([self.revision, self.saved_revision.min(u64::MAX - 1)])
            .max()
            .unwrap_or(0);
        max_seen + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout_ptr;
    use serde_json::json;

    fn set(path: &str, v: Value) -> EditCommand {
        EditCommand::Set { path: path.into(), value: v }
    }

    #[test]
    fn typing_merges_into_one_step_and_undo_restores() {
        let mut d = Document::new(json!({"fields": {}, "layout": {"t": ""}}));
        for s in ["H", "He", "Hel"] {
            d.apply("edit text", set(layout_ptr!("/t"), json!(s)), Some(layout_ptr!("/t").into())).unwrap();
        }
        assert_eq!(d.layout()["t"], "Hel");
        assert_eq!(d.undo_label(), Some("edit text"));
        assert!(d.undo());
        assert_eq!(d.layout()["t"], "");
        assert!(!d.undo());
        assert!(d.redo());
        assert_eq!(d.layout()["t"], "Hel");
    }

    #[test]
    fn dirty_tracks_save_point_through_undo_redo() {
        let mut d = Document::default();
        assert!(!d.dirty());
        d.apply("a", set(layout_ptr!("/a"), json!(1)), None).unwrap();
        assert!(d.dirty());
        d.mark_saved();
        assert!(!d.dirty());
        d.undo();
        assert!(d.dirty());
        d.redo();
        assert!(!d.dirty());
        d.undo();
        d.apply("b", set(layout_ptr!("/b"), json!(1)), None).unwrap();
        assert!(d.dirty());
    }

    #[test]
    fn seal_splits_steps() {
        let mut d = Document::default();
        d.apply("x", set(layout_ptr!("/a"), json!(1)), Some("k".into())).unwrap();
        d.seal();
        d.apply("x", set(layout_ptr!("/a"), json!(2)), Some("k".into())).unwrap();
        d.undo();
        assert_eq!(d.layout()["a"], 1);
    }

    #[test]
    fn content_keys_never_repeat_for_different_content() {
        let mut d = Document::default();
        d.apply("a", set(layout_ptr!("/a"), json!(1)), None).unwrap();
        let after_a = d.content_key();
        d.undo();
        d.apply("b", set(layout_ptr!("/b"), json!(1)), None).unwrap();
        assert_ne!(d.content_key(), after_a, "an undo-then-edit reused a revision");
        assert_ne!(Document::default().content_key(), Document::default().content_key());
    }
}
