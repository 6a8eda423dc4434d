//! Every enumeration of layout.md §9, as the built-in (offline) lists.

pub const BLOCK_TYPES: &[&str] = &["text", "largeText", "link", "withTitle", "lineOfBlocks", "deadline"];
/// Types allowed inside `withTitle.block` and `lineOfBlocks.blocks`.
pub const NESTED_BLOCK_TYPES: &[&str] = &["text", "link", "deadline"];
pub const ACTION_TYPES: &[&str] = &["redirect", "restEvent", "openRestApp"];
pub const ANIMATION_TYPES: &[&str] = &["loader", "disable"];
pub const TAG_TYPES: &[&str] = &["success", "failure", "warning", "primary", "secondary"];
pub const BUTTON_TYPES: &[&str] = &["primary", "secondary"];
pub const TEXT_SIZES: &[&str] = &["xs", "sm", "md"];
pub const TEXT_COLORS: &[&str] = &["base_50", "base_60", "base_70", "base_90"];
pub const SCOPES: &[&str] = &["web", "mobile"];
pub const SLIDER_LABEL_BG_COLORS: &[&str] = &["aqua", "green", "orange", "brown", "pink", "blue", "grey", "violet"];
pub const MENU_ITEM_DESIGNS: &[&str] = &["default", "accent-1", "accent-2", "alert", "copilot", "disabled"];
pub const MENU_SECTION_DESIGNS: &[&str] = &["default", "accent"];
pub const RESERVED_SECTION_CODES: &[&str] = &["system", "about", "base", "extensions"];
pub const BADGE_TYPES: &[&str] = &["success", "failure", "warning", "primary", "secondary"];

/// Accepted boolean tokens in activity `fields` (exact match, server behaviour).
pub const FIELD_TRUE_STRINGS: &[&str] = &["1", "Y", "y", "true"];
pub const FIELD_FALSE_STRINGS: &[&str] = &["0", "N", "n", "false"];

/// System icon codes of the server code (49). `IM` is upper case on purpose.
pub const ICON_CODES: &[&str] = &[
    "call",
    "call-incoming-missed",
    "call-incoming",
    "call-completed",
    "call-outcoming",
    "document",
    "IM",
    "circle-check",
    "info",
    "relation",
    "link",
    "unlink",
    "store",
    "view",
    "stage-change",
    "sum",
    "open-line-incoming-message",
    "clock",
    "mail-outcome",
    "complete",
    "check",
    "comment",
    "sms",
    "whatsapp",
    "task",
    "pipeline",
    "wallet",
    "attention",
    "bank-card",
    "conversion",
    "calendar",
    "circle-crossed",
    "task-ping",
    "task-new-comment",
    "task-viewed-comment",
    "task-activity",
    "ai-copilot",
    "ai-process",
    "restoration",
    "arrow-up",
    "arrow-down",
    "visit",
    "camera",
    "copy",
    "robot",
    "cycle-equal",
    "bizproc",
    "message-with-point",
    "booking",
];

/// System logo codes of the server code (38).
pub const LOGO_CODES: &[&str] = &[
    "call-play-record",
    "call-default",
    "call-incoming",
    "call-outgoing",
    "document",
    "document-print",
    "document-signed",
    "document-draft",
    "channel-chat",
    "channel-avito",
    "channel-apple",
    "channel-fb",
    "channel-fb-chat",
    "channel-instagram-direct",
    "channel-bitrix",
    "channel-ok",
    "channel-telegram",
    "channel-viber",
    "channel-vk",
    "channel-vk-order",
    "channel-whatsapp-bitrix",
    "channel-edna",
    "channel-whatsapp",
    "mail-outcome",
    "list-check",
    "shop",
    "notification",
    "comment",
    "sms",
    "shop-eye",
    "bank-card",
    "calendar-share",
    "unread-comment",
    "task-activity",
    "ai-copilot",
    "zoom",
    "bizproc",
    "bizproc-task",
];

/// Logos whose glyph the portal draws inside a white circle on the tile (layout.md §4.2).
pub const LOGOS_IN_CIRCLE: &[&str] = &[
    "call-incoming",
    "call-default",
    "call-outgoing",
    "list-check",
    "shop",
    "notification",
    "comment",
    "sms",
    "shop-eye",
    "bank-card",
    "calendar-share",
    "unread-comment",
    "task-activity",
    "ai-copilot",
    "zoom",
    "bizproc",
    "bizproc-task",
];

/// Whether a logo draws its glyph in a white circle (every `channel-*` does too).
pub fn logo_in_circle(code: &str) -> bool {
    code.starts_with("channel-") || LOGOS_IN_CIRCLE.contains(&code)
}

/// Built-in language codes used when no portal catalog is known. Without a catalog `WRONG_LANG`
/// cannot be decided, so these only drive pickers, never errors.
pub const COMMON_LANGUAGES: &[&str] =
    &["en", "ru", "de", "ua", "la", "br", "fr", "pl", "it", "tr", "sc", "tc", "ja", "vn", "id", "ms", "th", "kz"];

/// The `typeId` every portal knows.
pub const DEFAULT_TYPE_ID: &str = "CONFIGURABLE";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_sizes_match_the_spec() {
        assert_eq!(ICON_CODES.len(), 49);
        assert_eq!(LOGO_CODES.len(), 38);
        assert_eq!(BLOCK_TYPES.len(), 6);
        assert!(!TAG_TYPES.contains(&"lavender"));
        assert!(logo_in_circle("channel-vk") && !logo_in_circle("document"));
    }
}
