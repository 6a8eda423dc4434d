//! The DTO tables of layout.md §2–§6: for each closed object its fields with kind, required flag
//! and [N-only] flag. The walker (`validate_walk.rs`) interprets them; the few rules a table can
//! not express run as a `Hook` after the generic pass.

use crate::layout::enums::*;

#[derive(Clone, Copy)]
pub(super) enum Kind {
    /// `textWithTranslation`: a string or a non-empty `{lang: string}` object.
    Text,
    /// A plain string.
    Str,
    /// A DTO boolean (JSON `true`/`false`).
    Bool,
    /// A JSON integer.
    Int,
    /// `#RRGGBB`.
    HexColor,
    Enum(&'static [&'static str]),
    /// A content block's `scope`: `web`/`mobile`, and null counts as absent.
    BlockScope,
    IconCode,
    LogoCode,
    Dto(&'static Dto),
    Action,
    /// A keyed collection `{key: item}` (layout.md §1.2).
    Keyed {
        item: Item,
        max: usize,
        min1: bool,
    },
    /// `withTitle.block`: one nested content block.
    NestedBlock,
    /// `actionParams`: `{key: scalar}`, at most 20.
    ActionParams,
    /// `menu.sections`: a JSON array of MenuSectionDto.
    Sections,
}

#[derive(Clone, Copy)]
pub(super) enum Item {
    Dto(&'static Dto),
    Block { nested: bool },
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Hook {
    None,
    Action,
    Slider,
    Menu,
}

pub(super) struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub n_only: bool,
}

pub(super) struct Dto {
    /// The server's class name, used in messages.
    pub name: &'static str,
    pub fields: &'static [Field],
    pub hook: Hook,
}

impl Dto {
    /// The position of `name` in `fields`.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

const fn req(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: true, n_only: false }
}
const fn opt(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: false, n_only: false }
}
const fn newer(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: false, n_only: true }
}

/// `scope` of buttons and menu items: the server's enum check.
const SCOPE: Field = opt("scope", Kind::Enum(SCOPES));
/// `scope` of content blocks: the server does not check it, we enforce web/mobile anyway
/// (layout.md §1.2, the safe reading) — but a null is absent, as on the server.
const BLOCK_SCOPE: Field = opt("scope", Kind::BlockScope);

pub(super) static LAYOUT: Dto = Dto {
    name: "LayoutDto",
    fields: &[
        req("icon", Kind::Dto(&ICON)),
        req("header", Kind::Dto(&HEADER)),
        req("body", Kind::Dto(&BODY)),
        opt("footer", Kind::Dto(&FOOTER)),
    ],
    hook: Hook::None,
};

pub(super) static ICON: Dto = Dto { name: "IconDto", fields: &[req("code", Kind::IconCode)], hook: Hook::None };

pub(super) static HEADER: Dto = Dto {
    name: "HeaderDto",
    fields: &[
        req("title", Kind::Text),
        opt("titleAction", Kind::Action),
        opt("tags", Kind::Keyed { item: Item::Dto(&TAG), max: 2, min1: false }),
    ],
    hook: Hook::None,
};

/// `scope` and `hideIfReadonly` are deliberately absent: [N]/[S] reject them (layout.md §3.3).
pub(super) static TAG: Dto = Dto {
    name: "TagDto",
    fields: &[req("title", Kind::Text), req("type", Kind::Enum(TAG_TYPES)), opt("action", Kind::Action)],
    hook: Hook::None,
};

/// `min1`: the docs require one block though the server does not enforce it [?] (§12.6); a card
/// without blocks is an error here (`DESIGNER_EMPTY_BLOCKS`).
pub(super) static BODY: Dto = Dto {
    name: "BodyDto",
    fields: &[
        req("logo", Kind::Dto(&LOGO)),
        req("blocks", Kind::Keyed { item: Item::Block { nested: false }, max: 20, min1: true }),
    ],
    hook: Hook::None,
};

pub(super) static LOGO: Dto =
    Dto { name: "LogoDto", fields: &[req("code", Kind::LogoCode), opt("action", Kind::Action)], hook: Hook::None };

pub(super) static TEXT_PROPS: Dto = Dto {
    name: "text block properties",
    fields: &[
        req("value", Kind::Text),
        opt("multiline", Kind::Bool),
        opt("title", Kind::Text),
        opt("bold", Kind::Bool),
        opt("size", Kind::Enum(TEXT_SIZES)),
        opt("color", Kind::Enum(TEXT_COLORS)),
        BLOCK_SCOPE,
    ],
    hook: Hook::None,
};

pub(super) static LARGE_TEXT_PROPS: Dto =
    Dto { name: "largeText block properties", fields: &[req("value", Kind::Text), BLOCK_SCOPE], hook: Hook::None };

pub(super) static LINK_PROPS: Dto = Dto {
    name: "link block properties",
    fields: &[req("text", Kind::Text), req("action", Kind::Action), opt("bold", Kind::Bool), BLOCK_SCOPE],
    hook: Hook::None,
};

/// `title` is required by the docs though [S] does not enforce it; we follow the docs (§4.3.4).
/// `block` first: the server validates it before `title`.
pub(super) static WITH_TITLE_PROPS: Dto = Dto {
    name: "withTitle block properties",
    fields: &[req("block", Kind::NestedBlock), req("title", Kind::Text), opt("inline", Kind::Bool), BLOCK_SCOPE],
    hook: Hook::None,
};

/// The 20-children limit comes from [N]/[S] only [?] (§12.5); enforced.
pub(super) static LINE_PROPS: Dto = Dto {
    name: "lineOfBlocks block properties",
    fields: &[req("blocks", Kind::Keyed { item: Item::Block { nested: true }, max: 20, min1: false }), BLOCK_SCOPE],
    hook: Hook::None,
};

pub(super) static DEADLINE_PROPS: Dto =
    Dto { name: "deadline block properties", fields: &[opt("readonly", Kind::Bool), BLOCK_SCOPE], hook: Hook::None };

/// The properties table of a content block type.
pub(super) fn block_props(block_type: &str) -> Option<&'static Dto> {
    Some(match block_type {
        "text" => &TEXT_PROPS,
        "largeText" => &LARGE_TEXT_PROPS,
        "link" => &LINK_PROPS,
        "withTitle" => &WITH_TITLE_PROPS,
        "lineOfBlocks" => &LINE_PROPS,
        "deadline" => &DEADLINE_PROPS,
        _ => return None,
    })
}

/// Every field any action type knows; which one belongs to which type is the `Action` hook's job.
/// `uri`/`id` are required per type, so they are optional here.
pub(super) static ACTION: Dto = Dto {
    name: "ActionDto",
    fields: &[
        req("type", Kind::Enum(ACTION_TYPES)),
        opt("uri", Kind::Str),
        opt("id", Kind::Str),
        opt("actionParams", Kind::ActionParams),
        opt("animationType", Kind::Enum(ANIMATION_TYPES)),
        opt("sliderParams", Kind::Dto(&SLIDER)),
    ],
    hook: Hook::Action,
};

/// The fields each action type uses (layout.md §5.1–§5.3); `type` belongs to all.
pub(super) fn action_fields(action_type: &str) -> &'static [&'static str] {
    match action_type {
        "redirect" => &["type", "uri"],
        "restEvent" => &["type", "id", "actionParams", "animationType"],
        "openRestApp" => &["type", "actionParams", "sliderParams"],
        _ => &[],
    }
}

/// `sliderParams` is missing from one [S] version of ActionDto [?] (§12.9); it is documented
/// [D], so it is accepted without a version warning.
pub(super) static SLIDER: Dto = Dto {
    name: "ActionSliderParamsDto",
    fields: &[
        opt("width", Kind::Int),
        opt("leftBoundary", Kind::Int),
        opt("title", Kind::Str),
        opt("labelText", Kind::Str),
        opt("labelBgColor", Kind::Enum(SLIDER_LABEL_BG_COLORS)),
        opt("labelColor", Kind::HexColor),
    ],
    hook: Hook::Slider,
};

pub(super) static FOOTER: Dto = Dto {
    name: "FooterDto",
    fields: &[
        opt("buttons", Kind::Keyed { item: Item::Dto(&BUTTON), max: 2, min1: false }),
        opt("menu", Kind::Dto(&MENU)),
        newer("showNote", Kind::Bool),
    ],
    hook: Hook::None,
};

pub(super) static BUTTON: Dto = Dto {
    name: "FooterButtonDto",
    fields: &[
        req("title", Kind::Text),
        req("type", Kind::Enum(BUTTON_TYPES)),
        req("action", Kind::Action),
        SCOPE,
        opt("hideIfReadonly", Kind::Bool),
    ],
    hook: Hook::None,
};

/// The 10-items limit comes from [N]/[S] only [?] (§12.5); enforced.
pub(super) static MENU: Dto = Dto {
    name: "FooterMenuDto",
    fields: &[
        opt("showPinItem", Kind::Bool),
        opt("showPostponeItem", Kind::Bool),
        opt("showDeleteItem", Kind::Bool),
        opt("items", Kind::Keyed { item: Item::Dto(&MENU_ITEM), max: 10, min1: false }),
        newer("sections", Kind::Sections),
    ],
    hook: Hook::Menu,
};

pub(super) static MENU_ITEM: Dto = Dto {
    name: "MenuItemDto",
    fields: &[
        req("title", Kind::Text),
        req("action", Kind::Action),
        SCOPE,
        opt("hideIfReadonly", Kind::Bool),
        newer("subtitle", Kind::Text),
        newer("design", Kind::Enum(MENU_ITEM_DESIGNS)),
        newer("isSelected", Kind::Bool),
        newer("isLocked", Kind::Bool),
        newer("badgeText", Kind::Dto(&BADGE_TEXT)),
        newer("sectionCode", Kind::Str),
    ],
    hook: Hook::None,
};

/// `color` is a CSS colour that [S] does not validate, so any string passes.
pub(super) static BADGE_TEXT: Dto =
    Dto { name: "BadgeTextDto", fields: &[req("title", Kind::Text), opt("color", Kind::Str)], hook: Hook::None };

pub(super) static SECTION: Dto = Dto {
    name: "MenuSectionDto",
    fields: &[req("code", Kind::Str), opt("title", Kind::Text), opt("design", Kind::Enum(MENU_SECTION_DESIGNS))],
    hook: Hook::None,
};
