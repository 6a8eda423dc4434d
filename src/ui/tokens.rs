//! Every colour and size of the timeline look, in one place (light and dark palettes).
//!
//! The light values were sampled from the portal screenshots in
//! `shared/reference/timeline-look/` (layout.md §2–§6 "Render" notes); the dark palette is our
//! own reading of the portal's dark theme, which the docs do not show [?].

use egui::Color32;

#[expect(clippy::disallowed_methods, reason = "the timeline tokens are where colours are made")]
const fn hex(rgb: u32) -> Color32 {
    Color32::from_rgb((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
}

/// Sizes in points. The screenshots are 1:1, so these are the measured pixel sizes.
pub mod size {
    /// Width of the rail column left of the card (icon centre at `RAIL_X`).
    pub const RAIL_COLUMN: f32 = 54.0;
    pub const RAIL_X: f32 = 26.0;
    pub const RAIL_LINE: f32 = 2.0;
    /// The round icon on the rail, level with the header row.
    pub const ICON_DIAMETER: f32 = 32.0;
    pub const ICON_GLYPH: f32 = 19.0;
    pub const CARD_RADIUS: u8 = 12;
    pub const CARD_PAD_X: f32 = 16.0;
    pub const CARD_PAD_TOP: f32 = 12.0;
    pub const CARD_PAD_BOTTOM: f32 = 12.0;
    pub const CARD_MIN_WIDTH: f32 = 360.0;
    pub const CARD_MAX_WIDTH: f32 = 1200.0;
    pub const HEADER_HEIGHT: f32 = 22.0;
    pub const CHECKBOX: f32 = 13.0;
    pub const TITLE: f32 = 14.0;
    pub const TIME: f32 = 13.0;
    pub const AVATAR: f32 = 20.0;
    pub const TAG_HEIGHT: f32 = 20.0;
    pub const TAG_TEXT: f32 = 11.0;
    pub const TAG_PAD_X: f32 = 10.0;
    /// Logo tile and, for the "in circle" logos, the white circle and the glyph on it.
    pub const LOGO_TILE: f32 = 78.0;
    pub const LOGO_RADIUS: u8 = 10;
    pub const LOGO_CIRCLE: f32 = 60.0;
    pub const LOGO_GLYPH_IN_CIRCLE: f32 = 30.0;
    pub const LOGO_GLYPH: f32 = 44.0;
    pub const BODY_GAP: f32 = 15.0;
    pub const BLOCK_GAP: f32 = 6.0;
    pub const TEXT_XS: f32 = 12.0;
    pub const TEXT_SM: f32 = 13.0;
    pub const TEXT_MD: f32 = 14.0;
    pub const LINE_HEIGHT_FACTOR: f32 = 1.45;
    /// `withTitle` inline label column.
    pub const WITH_TITLE_LABEL: f32 = 105.0;
    pub const LARGE_TEXT_RADIUS: u8 = 8;
    pub const LARGE_TEXT_PAD: f32 = 14.0;
    /// Lines shown before a largeText collapses behind the "Expand" pill.
    pub const LARGE_TEXT_LINES: usize = 4;
    pub const LARGE_TEXT_FADE: f32 = 22.0;
    pub const EXPAND_PILL_WIDTH: f32 = 136.0;
    pub const EXPAND_PILL_HEIGHT: f32 = 24.0;
    pub const DEADLINE_HEIGHT: f32 = 20.0;
    pub const DEADLINE_TEXT: f32 = 11.0;
    pub const BUTTON_HEIGHT: f32 = 28.0;
    pub const BUTTON_MIN_WIDTH: f32 = 180.0;
    pub const BUTTON_TEXT: f32 = 12.0;
    pub const BUTTON_GAP: f32 = 8.0;
    pub const FOOTER_ICON: f32 = 20.0;
    pub const MENU_WIDTH: f32 = 260.0;
    pub const MENU_ITEM_HEIGHT: f32 = 34.0;
    pub const MENU_TEXT: f32 = 13.0;
    pub const OUTLINE: f32 = 2.0;
    /// Opacity of elements hidden by the preview context when "show hidden" is on.
    pub const GHOST_OPACITY: f32 = 0.35;
}

/// One complete palette.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    pub timeline_bg: Color32,
    pub rail_line: Color32,
    pub icon_fill: Color32,
    pub icon_glyph: Color32,
    pub card_open: Color32,
    /// Completed activity: the docs do not describe it [?]; we draw a neutral card.
    pub card_completed: Color32,
    pub card_border: Color32,
    pub title: Color32,
    pub time: Color32,
    pub checkbox_border: Color32,
    pub checkbox_fill: Color32,
    pub checkbox_tick: Color32,
    pub avatar_bg: Color32,
    pub avatar_fg: Color32,
    pub logo_tile: Color32,
    pub logo_circle: Color32,
    pub logo_shadow: Color32,
    pub logo_glyph: Color32,
    /// The text colour ramp `base_50` (light) … `base_90` (near black).
    pub base_50: Color32,
    pub base_60: Color32,
    pub base_70: Color32,
    pub base_90: Color32,
    pub text_default: Color32,
    pub link: Color32,
    pub with_title_label: Color32,
    pub large_text_bg: Color32,
    pub large_text_border: Color32,
    pub expand_pill_bg: Color32,
    pub expand_pill_text: Color32,
    pub deadline_bg: Color32,
    pub deadline_text: Color32,
    pub primary_bg: Color32,
    pub primary_text: Color32,
    pub secondary_bg: Color32,
    pub secondary_border: Color32,
    pub secondary_text: Color32,
    pub footer_icon: Color32,
    pub menu_bg: Color32,
    pub menu_border: Color32,
    pub menu_text: Color32,
    /// Menu items with `design: "copilot"`.
    pub menu_copilot: Color32,
    pub menu_subtitle: Color32,
    pub menu_separator: Color32,
    pub menu_section_title: Color32,
    pub menu_hover: Color32,
    pub selection: Color32,
    pub error: Color32,
    /// Tag pills: (background, text) per type.
    pub tag_success: (Color32, Color32),
    pub tag_failure: (Color32, Color32),
    pub tag_warning: (Color32, Color32),
    pub tag_primary: (Color32, Color32),
    pub tag_secondary: (Color32, Color32),
}

pub const LIGHT: Palette = Palette {
    timeline_bg: hex(0xEEF2F4),
    rail_line: hex(0xDFE0E3),
    icon_fill: hex(0x2FC6F6),
    icon_glyph: Color32::WHITE,
    card_open: hex(0xFFFEEF),
    card_completed: hex(0xFFFFFF),
    card_border: hex(0xE6E9EC),
    title: hex(0x333333),
    time: hex(0xA8B0B5),
    checkbox_border: hex(0x7F8790),
    checkbox_fill: Color32::WHITE,
    checkbox_tick: hex(0x2FC6F6),
    avatar_bg: hex(0x8E969E),
    avatar_fg: Color32::WHITE,
    logo_tile: hex(0xE5F9FF),
    logo_circle: Color32::WHITE,
    logo_shadow: hex(0xCFE8F2),
    logo_glyph: hex(0x2FC6F6),
    base_50: hex(0xA8ADB4),
    base_60: hex(0x828B95),
    base_70: hex(0x525C69),
    base_90: hex(0x333333),
    text_default: hex(0x333333),
    link: hex(0x2066B0),
    with_title_label: hex(0x828B95),
    large_text_bg: hex(0xFEFCEE),
    large_text_border: hex(0xE4E2D6),
    expand_pill_bg: hex(0xFFFEEF),
    expand_pill_text: hex(0x525C69),
    deadline_bg: hex(0xFEF3B8),
    deadline_text: hex(0x7A6A3C),
    primary_bg: hex(0x3BC8F5),
    primary_text: Color32::WHITE,
    secondary_bg: Color32::WHITE,
    secondary_border: hex(0xC6CDD3),
    secondary_text: hex(0x525C69),
    footer_icon: hex(0xBDC1C6),
    menu_bg: Color32::WHITE,
    menu_border: hex(0xE0E3E6),
    menu_text: hex(0x333333),
    menu_copilot: hex(0x8E52EC),
    menu_subtitle: hex(0x828B95),
    menu_separator: hex(0xEEF0F2),
    menu_section_title: hex(0xA8ADB4),
    menu_hover: hex(0xF2F6F8),
    selection: hex(0x1F6FEB),
    error: hex(0xE53935),
    tag_success: (hex(0xDFF5C2), hex(0x639A25)),
    tag_failure: (hex(0xFFE2E2), hex(0xD63A3A)),
    tag_warning: (hex(0xFAF397), hex(0xA0742F)),
    tag_primary: (hex(0xDDF6FD), hex(0x0096C7)),
    tag_secondary: (hex(0xE0E2E4), hex(0x6A737F)),
};

pub const DARK: Palette = Palette {
    timeline_bg: hex(0x1E2226),
    rail_line: hex(0x3A4047),
    icon_fill: hex(0x1FA8D6),
    icon_glyph: Color32::WHITE,
    card_open: hex(0x35331F),
    card_completed: hex(0x2B3036),
    card_border: hex(0x454B52),
    title: hex(0xE8EAED),
    time: hex(0x8A939C),
    checkbox_border: hex(0x8A939C),
    checkbox_fill: hex(0x24282D),
    checkbox_tick: hex(0x2FC6F6),
    avatar_bg: hex(0x5C646D),
    avatar_fg: hex(0xE8EAED),
    logo_tile: hex(0x203A46),
    logo_circle: hex(0x2C3339),
    logo_shadow: hex(0x16303A),
    logo_glyph: hex(0x4FD0F8),
    base_50: hex(0x7D858D),
    base_60: hex(0x9AA2AA),
    base_70: hex(0xBCC3CA),
    base_90: hex(0xE8EAED),
    text_default: hex(0xE0E3E6),
    link: hex(0x6FB1F5),
    with_title_label: hex(0x9AA2AA),
    large_text_bg: hex(0x302E1D),
    large_text_border: hex(0x55523C),
    expand_pill_bg: hex(0x35331F),
    expand_pill_text: hex(0xC8CDD2),
    deadline_bg: hex(0x5A4F1E),
    deadline_text: hex(0xF3E7B0),
    primary_bg: hex(0x1FA8D6),
    primary_text: Color32::WHITE,
    secondary_bg: hex(0x2B3036),
    secondary_border: hex(0x5C646D),
    secondary_text: hex(0xD5DADF),
    footer_icon: hex(0x7D858D),
    menu_bg: hex(0x2B3036),
    menu_border: hex(0x454B52),
    menu_text: hex(0xE8EAED),
    menu_copilot: hex(0x8E52EC),
    menu_subtitle: hex(0x9AA2AA),
    menu_separator: hex(0x3A4047),
    menu_section_title: hex(0x7D858D),
    menu_hover: hex(0x353B42),
    selection: hex(0x58A6FF),
    error: hex(0xFF6B6B),
    tag_success: (hex(0x34481C), hex(0xB7E08A)),
    tag_failure: (hex(0x4D2526), hex(0xFF9B9B)),
    tag_warning: (hex(0x4F4A1C), hex(0xF0E48A)),
    tag_primary: (hex(0x173F4D), hex(0x7FD9F8)),
    tag_secondary: (hex(0x3A4047), hex(0xC0C7CE)),
};

impl Palette {
    pub fn get(dark: bool) -> &'static Palette {
        if dark { &DARK } else { &LIGHT }
    }

    /// Tag pill colours; an unknown type (e.g. `lavender`, which the server rejects) is grey.
    pub fn tag(&self, kind: Option<&str>) -> (Color32, Color32) {
        match kind {
            Some("success") => self.tag_success,
            Some("failure") => self.tag_failure,
            Some("warning") => self.tag_warning,
            Some("primary") => self.tag_primary,
            _ => self.tag_secondary,
        }
    }

    /// `text.color`: `None` or an unknown value gives the default body colour.
    pub fn text_color(&self, code: Option<&str>) -> Color32 {
        match code {
            Some("base_50") => self.base_50,
            Some("base_60") => self.base_60,
            Some("base_70") => self.base_70,
            Some("base_90") => self.base_90,
            _ => self.text_default,
        }
    }
}

/// `text.size` in points; `md` is the default.
pub fn text_size(code: Option<&str>) -> f32 {
    match code {
        Some("xs") => size::TEXT_XS,
        Some("sm") => size::TEXT_SM,
        _ => size::TEXT_MD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_colours_differ_per_type_and_unknown_is_secondary() {
        let p = Palette::get(false);
        let kinds = ["success", "failure", "warning", "primary", "secondary"];
        let cols: Vec<_> = kinds.iter().map(|k| p.tag(Some(k))).collect();
        for (i, a) in cols.iter().enumerate() {
            for b in &cols[i + 1..] {
                assert_ne!(a.0, b.0);
            }
        }
        assert_eq!(p.tag(Some("lavender")), p.tag_secondary);
    }

    #[test]
    fn ramp_gets_darker_and_sizes_step_up() {
        let p = Palette::get(false);
        let lum = |c: Color32| c.r() as u32 + c.g() as u32 + c.b() as u32;
        assert!(lum(p.base_50) > lum(p.base_60) && lum(p.base_60) > lum(p.base_70));
        assert!(lum(p.base_70) > lum(p.base_90));
        assert!(text_size(Some("xs")) < text_size(Some("sm")) && text_size(Some("sm")) < text_size(None));
        assert_ne!(Palette::get(true).card_open, LIGHT.card_open);
    }
}
