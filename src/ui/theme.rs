//! The designer's own colours — its chrome around the preview: the tree's marks, the
//! diagnostics list, the inspector's messages and the JSON pane's highlighting. The timeline
//! look the preview draws has its own palette in `tokens`.

use egui::Color32;

#[expect(clippy::disallowed_methods, reason = "the designer theme is where colours are made")]
const fn hex(rgb: u32) -> Color32 {
    Color32::from_rgb((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
}

/// An error finding: the tree's dot, the diagnostics glyph, the inspector's message, a JSON
/// syntax error. One red, so an error looks the same wherever it is shown.
pub const ERROR: Color32 = hex(0xd03030);
/// A warning finding, wherever it is shown.
pub const WARNING: Color32 = hex(0xd89010);
/// "No problems" in the diagnostics list.
pub const OK: Color32 = hex(0x2e9e4f);

/// The colour of a finding of `severity`.
pub fn severity(severity: crate::layout::Severity) -> Color32 {
    match severity {
        crate::layout::Severity::Error => ERROR,
        crate::layout::Severity::Warning => WARNING,
    }
}

/// JSON highlighting on a light and on a dark background.
pub mod json {
    use super::hex;
    use egui::Color32;

    pub struct Palette {
        pub key: Color32,
        pub string: Color32,
        pub number: Color32,
        pub literal: Color32,
        pub punct: Color32,
        /// Background of the selected node's span.
        pub mark: Color32,
    }

    pub const LIGHT: Palette = Palette {
        key: hex(0x0b5cad),
        string: hex(0x1a7f37),
        number: hex(0x098658),
        literal: hex(0x8030b0),
        punct: Color32::from_gray(80),
        mark: hex(0xfff1a8),
    };

    pub const DARK: Palette = Palette {
        key: hex(0x9cdcfe),
        string: hex(0xce9178),
        number: hex(0xb5cea8),
        literal: hex(0x569cd6),
        punct: Color32::from_gray(190),
        mark: hex(0x264f78),
    };

    pub fn palette(dark: bool) -> &'static Palette {
        if dark { &DARK } else { &LIGHT }
    }
}
