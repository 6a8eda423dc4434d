//! The modal windows asked for, as one `Modal` each. Several can be asked for at once (a crash
//! leftover found while the file dialog is open, a close request over the palette): the most
//! urgent is drawn, the others wait underneath, at most one of each kind.

use super::file_dialog::FileDialog;
use super::windows::PaletteState;
use super::{Pending, Recovery};

/// One modal window with its state. Declared most urgent first: that order decides which is drawn.
pub(crate) enum Modal {
    /// Save / Discard / Cancel before `Pending` goes on.
    Guard(Pending),
    /// A crash leftover being offered (the others wait in `Modals::more_recoveries`).
    Recovery(Recovery),
    /// An error message with an OK button.
    Error(String),
    /// The built-in file dialog (where no native one is available).
    FileDialog(FileDialog),
    /// New from template.
    Gallery,
    /// The command palette.
    Palette(PaletteState),
}

impl Modal {
    fn rank(&self) -> u8 {
        match self {
            Modal::Guard(_) => 0,
            Modal::Recovery(_) => 1,
            Modal::Error(_) => 2,
            Modal::FileDialog(_) => 3,
            Modal::Gallery => 4,
            Modal::Palette(_) => 5,
        }
    }
}

#[derive(Default)]
pub(crate) struct Modals {
    /// Most urgent first; at most one of each kind.
    open: Vec<Modal>,
    /// Crash leftovers after the one being offered (newest first).
    pub more_recoveries: Vec<Recovery>,
}

impl Modals {
    /// Opens `m`, replacing an open modal of the same kind.
    pub fn open(&mut self, m: Modal) {
        self.open.retain(|o| o.rank() != m.rank());
        let at = self.open.iter().position(|o| o.rank() > m.rank()).unwrap_or(self.open.len());
        self.open.insert(at, m);
    }

    /// Takes the modal to draw out of the list; the drawer `open`s it again if it stays.
    pub fn take_top(&mut self) -> Option<Modal> {
        (!self.open.is_empty()).then(|| self.open.remove(0))
    }

    pub fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    /// True when an open modal matches `f` (the test API's view of the modals).
    #[cfg(any(test, feature = "testing"))]
    pub fn any(&self, f: impl FnMut(&Modal) -> bool) -> bool {
        self.open.iter().any(f)
    }

    /// The first `Some` that `f` gives for an open modal.
    #[cfg(any(test, feature = "testing"))]
    pub fn find<'a, T>(&'a self, f: impl FnMut(&'a Modal) -> Option<T>) -> Option<T> {
        self.open.iter().find_map(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_urgent_first_and_one_of_each_kind() {
        let mut m = Modals::default();
        m.open(Modal::Palette(PaletteState::default()));
        m.open(Modal::Error("first".into()));
        m.open(Modal::Gallery);
        m.open(Modal::Error("second".into()));
        assert!(m.is_open());
        assert!(matches!(m.take_top(), Some(Modal::Error(e)) if e == "second"));
        assert!(matches!(m.take_top(), Some(Modal::Gallery)));
        assert!(matches!(m.take_top(), Some(Modal::Palette(_))));
        assert!(m.take_top().is_none() && !m.is_open());
    }
}
