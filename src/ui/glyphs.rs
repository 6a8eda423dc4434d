//! Glyphs for the built-in icon and logo codes (layout.md §9.1, §9.2), drawn with the Material
//! Symbols font of `egui_material_icons`. The code → glyph tables are our own choice: the portal's
//! artwork is not public, so each code gets the closest recognisable symbol.

use egui::epaint::text::FontInsert;
use egui::{Color32, FontFamily, FontId, Painter, Pos2, RichText};
use egui_material_icons::MaterialIcon;
use egui_material_icons::icons::*;

/// Icon codes (the rail circle) → glyph.
pub const ICON_GLYPHS: &[(&str, MaterialIcon)] = &[
    ("call", ICON_CALL),
    ("call-incoming-missed", ICON_CALL_MISSED),
    ("call-incoming", ICON_CALL_RECEIVED),
    ("call-completed", ICON_PHONE_IN_TALK),
    ("call-outcoming", ICON_CALL_MADE),
    ("document", ICON_DESCRIPTION),
    ("IM", ICON_CHAT),
    ("circle-check", ICON_CHECK_CIRCLE),
    ("info", ICON_INFO_I),
    ("relation", ICON_HUB),
    ("link", ICON_LINK),
    ("unlink", ICON_LINK_OFF),
    ("store", ICON_STORE),
    ("view", ICON_VISIBILITY),
    ("stage-change", ICON_SWAP_HORIZ),
    ("sum", ICON_PAYMENTS),
    ("open-line-incoming-message", ICON_FORUM),
    ("clock", ICON_SCHEDULE),
    ("mail-outcome", ICON_OUTGOING_MAIL),
    ("complete", ICON_DONE_ALL),
    ("check", ICON_CHECK),
    ("comment", ICON_COMMENT),
    ("sms", ICON_SMS),
    ("whatsapp", ICON_CHAT_BUBBLE),
    ("task", ICON_TASK_ALT),
    ("pipeline", ICON_FILTER_ALT),
    ("wallet", ICON_ACCOUNT_BALANCE_WALLET),
    ("attention", ICON_WARNING),
    ("bank-card", ICON_CREDIT_CARD),
    ("conversion", ICON_CONVERSION_PATH),
    ("calendar", ICON_CALENDAR_MONTH),
    ("circle-crossed", ICON_CANCEL),
    ("task-ping", ICON_NOTIFICATIONS_ACTIVE),
    ("task-new-comment", ICON_ADD_COMMENT),
    ("task-viewed-comment", ICON_MARK_CHAT_READ),
    ("task-activity", ICON_ASSIGNMENT),
    ("ai-copilot", ICON_AUTO_AWESOME),
    ("ai-process", ICON_NEUROLOGY),
    ("restoration", ICON_RESTORE),
    ("arrow-up", ICON_ARROW_UPWARD),
    ("arrow-down", ICON_ARROW_DOWNWARD),
    ("visit", ICON_DIRECTIONS_WALK),
    ("camera", ICON_PHOTO_CAMERA),
    ("copy", ICON_CONTENT_COPY),
    ("robot", ICON_SMART_TOY),
    ("cycle-equal", ICON_SYNC_ALT),
    ("bizproc", ICON_ACCOUNT_TREE),
    ("message-with-point", ICON_MARK_UNREAD_CHAT_ALT),
    ("booking", ICON_EVENT_AVAILABLE),
    // In the [N] docs only (not in the server list), mapped so it still draws.
    ("telegram", ICON_SEND),
];

/// Logo codes (the tile) → glyph.
pub const LOGO_GLYPHS: &[(&str, MaterialIcon)] = &[
    ("call-play-record", ICON_PLAY_CIRCLE),
    ("call-default", ICON_CALL),
    ("call-incoming", ICON_CALL_RECEIVED),
    ("call-outgoing", ICON_CALL_MADE),
    ("document", ICON_DESCRIPTION),
    ("document-print", ICON_PRINT),
    ("document-signed", ICON_VERIFIED),
    ("document-draft", ICON_DRAFT),
    ("channel-chat", ICON_CHAT),
    ("channel-avito", ICON_SELL),
    ("channel-apple", ICON_PHONE_IPHONE),
    ("channel-fb", ICON_THUMB_UP),
    ("channel-fb-chat", ICON_QUESTION_ANSWER),
    ("channel-instagram-direct", ICON_PHOTO_CAMERA),
    ("channel-bitrix", ICON_FORUM),
    ("channel-ok", ICON_GROUPS),
    ("channel-telegram", ICON_SEND),
    ("channel-viber", ICON_PHONE_IN_TALK),
    ("channel-vk", ICON_GROUP),
    ("channel-vk-order", ICON_SHOPPING_BAG),
    ("channel-whatsapp-bitrix", ICON_CHAT_BUBBLE),
    ("channel-edna", ICON_SUPPORT_AGENT),
    ("channel-whatsapp", ICON_CONTACT_PHONE),
    ("mail-outcome", ICON_OUTGOING_MAIL),
    ("list-check", ICON_CHECKLIST),
    ("shop", ICON_SHOPPING_CART),
    ("notification", ICON_NOTIFICATIONS),
    ("comment", ICON_COMMENT),
    ("sms", ICON_SMS),
    ("shop-eye", ICON_STOREFRONT),
    ("bank-card", ICON_CREDIT_CARD),
    ("calendar-share", ICON_CALENDAR_ADD_ON),
    ("unread-comment", ICON_MARK_CHAT_UNREAD),
    ("task-activity", ICON_ASSIGNMENT),
    ("ai-copilot", ICON_AUTO_AWESOME),
    ("zoom", ICON_VIDEOCAM),
    ("bizproc", ICON_ACCOUNT_TREE),
    ("bizproc-task", ICON_FACT_CHECK),
];

/// Neutral placeholder for a code we have no glyph for (custom portal icons, typos).
pub const PLACEHOLDER: MaterialIcon = ICON_HELP;

/// Glyphs of the card chrome (footer, menu, header).
pub mod chrome {
    use egui_material_icons::MaterialIcon;
    use egui_material_icons::icons::*;
    pub const NOTE: MaterialIcon = ICON_STICKY_NOTE_2;
    pub const MENU: MaterialIcon = ICON_MORE_HORIZ;
    pub const CHEVRON: MaterialIcon = ICON_EXPAND_MORE;
    pub const CHECK: MaterialIcon = ICON_CHECK;
    pub const LOCK: MaterialIcon = ICON_LOCK;
    pub const AVATAR: MaterialIcon = ICON_PERSON;
    pub const SPINNER: MaterialIcon = ICON_PROGRESS_ACTIVITY;
}

fn lookup(table: &[(&str, MaterialIcon)], code: &str) -> Option<MaterialIcon> {
    table.iter().find(|(c, _)| *c == code).map(|(_, g)| *g)
}

/// The glyph of an icon code, `None` when unknown.
pub fn icon_glyph(code: &str) -> Option<MaterialIcon> {
    lookup(ICON_GLYPHS, code)
}

/// The glyph of a logo code, `None` when unknown.
pub fn logo_glyph(code: &str) -> Option<MaterialIcon> {
    lookup(LOGO_GLYPHS, code)
}

/// Installs the icon font into the context. Idempotent (egui keys fonts by name), and when
/// called before any text is laid out in a pass it takes effect in that same pass.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(icon_font());
}

fn icon_font() -> FontInsert {
    egui_material_icons::font_insert()
}

/// The font family glyphs are drawn with. Falls back to the proportional family (where the icon
/// font is also registered, at lowest priority) while the named family is not yet active.
pub fn glyph_family(ctx: &egui::Context) -> FontFamily {
    let named = FontFamily::Name(egui_material_icons::FONT_FAMILY.into());
    if ctx.fonts(|f| f.definitions().families.contains_key(&named)) { named } else { FontFamily::Proportional }
}

/// A glyph as rich text of the given size (for buttons and pickers in other panels).
pub fn rich(icon: MaterialIcon, size: f32) -> RichText {
    RichText::new(icon.codepoint).family(FontFamily::Name(egui_material_icons::FONT_FAMILY.into())).size(size)
}

/// Paints a glyph centred on `center`.
pub fn paint(painter: &Painter, center: Pos2, icon: MaterialIcon, size: f32, color: Color32) {
    let family = glyph_family(painter.ctx());
    painter.text(center, egui::Align2::CENTER_CENTER, icon.codepoint, FontId::new(size, family), color);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::enums::{ICON_CODES, LOGO_CODES};

    #[test]
    fn every_builtin_code_has_a_glyph() {
        for code in ICON_CODES {
            assert!(icon_glyph(code).is_some(), "icon {code} has no glyph");
        }
        for code in LOGO_CODES {
            assert!(logo_glyph(code).is_some(), "logo {code} has no glyph");
        }
        assert!(icon_glyph("no-such-icon").is_none() && logo_glyph("call").is_none());
    }

    #[test]
    fn tables_have_no_duplicate_codes_and_no_placeholder() {
        for table in [ICON_GLYPHS, LOGO_GLYPHS] {
            for (i, (a, g)) in table.iter().enumerate() {
                assert!(table[i + 1..].iter().all(|(b, _)| a != b), "duplicate {a}");
                assert_ne!(g.codepoint, PLACEHOLDER.codepoint, "{a} maps to the placeholder");
            }
        }
    }
}
