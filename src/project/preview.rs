//! Preview settings saved with the project: the context the card is previewed in.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PreviewScope {
    #[default]
    Web,
    Mobile,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PreviewSettings {
    /// Viewing user's interface language; text falls back to `en`, then the first entry.
    pub language: String,
    pub scope: PreviewScope,
    /// `None` follows the activity fields; `Some` overrides them for the preview only.
    pub incoming: Option<bool>,
    pub completed: Option<bool>,
    pub has_deadline: Option<bool>,
    /// The viewer cannot edit the CRM element (hides `hideIfReadonly` buttons and items).
    pub readonly_user: bool,
    pub dark: bool,
    /// Card width in points (the card, not the whole timeline).
    pub card_width: f32,
    /// Tag and button labels in upper case, as recent portals draw them.
    pub uppercase_tags: bool,
    /// Draw elements hidden by the context ghosted, with a "why hidden" tooltip.
    pub show_hidden: bool,
}

impl Default for PreviewSettings {
    fn default() -> Self {
        Self {
            language: "en".into(),
            scope: PreviewScope::Web,
            incoming: None,
            completed: None,
            has_deadline: None,
            readonly_user: false,
            dark: false,
            card_width: 680.0,
            uppercase_tags: true,
            show_hidden: false,
        }
    }
}
