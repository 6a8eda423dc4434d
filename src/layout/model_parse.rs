//! Lenient parsing of the typed model (`model.rs`) from a `serde_json::Value`.
//!
//! Never fails, never panics: a field whose JSON type is wrong is left `None` (its value stays in
//! the owner's `raw` map and is written back by `model_write.rs`); a non-object where an object is
//! expected is either `None` (plain fields) or `Item::Raw` (collection entries).

use super::model::*;
use indexmap::IndexMap;
use serde_json::{Map, Value};

/// Nesting limit for `withTitle.block` / `lineOfBlocks.blocks`. Valid layouts nest at most 2
/// levels; the limit only guards the recursion against hostile input. A container block found
/// at this depth keeps its properties verbatim as `BlockProps::Unknown` (still round-trips).
pub const MAX_BLOCK_DEPTH: usize = 64;

// ---- small typed readers: `None` when the JSON type is not the expected one ----

pub(crate) fn get_str(m: &Map<String, Value>, k: &str) -> Option<String> {
    m.get(k).and_then(Value::as_str).map(str::to_owned)
}

pub(crate) fn get_bool(m: &Map<String, Value>, k: &str) -> Option<bool> {
    m.get(k).and_then(Value::as_bool)
}

pub(crate) fn get_i64(m: &Map<String, Value>, k: &str) -> Option<i64> {
    m.get(k).and_then(Value::as_i64)
}

pub(crate) fn get_text(m: &Map<String, Value>, k: &str) -> Option<Text> {
    m.get(k).and_then(Text::from_value)
}

pub(crate) fn get_obj<'a>(m: &'a Map<String, Value>, k: &str) -> Option<&'a Map<String, Value>> {
    m.get(k).and_then(Value::as_object)
}

fn get_action(m: &Map<String, Value>, k: &str) -> Option<Action> {
    get_obj(m, k).map(Action::from_map)
}

impl Text {
    /// A string gives `Plain`, an object gives `Translated` (values kept as JSON), anything else
    /// `None`.
    pub fn from_value(v: &Value) -> Option<Text> {
        match v {
            Value::String(s) => Some(Text::Plain(s.clone())),
            Value::Object(m) => Some(Text::Translated(m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())),
            _ => None,
        }
    }
}

impl<T> Keyed<T> {
    /// Parses a keyed collection with `parse_item` for every object entry; non-object entries
    /// become `Item::Raw`. `None` when `v` is not a JSON object (e.g. an array, V9).
    pub fn from_value_with(v: &Value, mut parse_item: impl FnMut(&Map<String, Value>) -> T) -> Option<Keyed<T>> {
        let m = v.as_object()?;
        let items = m
            .iter()
            .map(|(k, v)| {
                let item = match v.as_object() {
                    Some(o) => Item::Ok(parse_item(o)),
                    None => Item::Raw(v.clone()),
                };
                (k.clone(), item)
            })
            .collect();
        Some(Keyed { items })
    }
}

impl Layout {
    /// Parses any JSON value. A non-object gives an empty layout whose `raw_value` keeps it.
    pub fn from_value(v: &Value) -> Layout {
        match v.as_object() {
            Some(m) => Layout::from_map(m),
            None => Layout { raw_value: Some(v.clone()), ..Layout::default() },
        }
    }

    pub fn from_map(m: &Map<String, Value>) -> Layout {
        Layout {
            icon: get_obj(m, "icon").map(Icon::from_map),
            header: get_obj(m, "header").map(Header::from_map),
            body: get_obj(m, "body").map(Body::from_map),
            footer: get_obj(m, "footer").map(Footer::from_map),
            raw: m.clone(),
            raw_value: None,
        }
    }
}

impl Icon {
    pub fn from_map(m: &Map<String, Value>) -> Icon {
        Icon { code: get_str(m, "code"), raw: m.clone() }
    }
}

impl Header {
    pub fn from_map(m: &Map<String, Value>) -> Header {
        Header {
            title: get_text(m, "title"),
            title_action: get_action(m, "titleAction"),
            tags: m.get("tags").and_then(|v| Keyed::from_value_with(v, Tag::from_map)),
            raw: m.clone(),
        }
    }
}

impl Tag {
    pub fn from_map(m: &Map<String, Value>) -> Tag {
        Tag { title: get_text(m, "title"), kind: get_str(m, "type"), action: get_action(m, "action"), raw: m.clone() }
    }
}

impl Body {
    pub fn from_map(m: &Map<String, Value>) -> Body {
        Body {
            logo: get_obj(m, "logo").map(Logo::from_map),
            blocks: m.get("blocks").and_then(|v| Keyed::from_value_with(v, |o| Block::from_map_at(o, 0))),
            raw: m.clone(),
        }
    }
}

impl Logo {
    pub fn from_map(m: &Map<String, Value>) -> Logo {
        Logo { code: get_str(m, "code"), action: get_action(m, "action"), raw: m.clone() }
    }
}

impl Block {
    /// Parses a block object (top level, depth 0).
    pub fn from_map(m: &Map<String, Value>) -> Block {
        Block::from_map_at(m, 0)
    }

    /// `Some` only for a JSON object.
    pub fn from_value(v: &Value) -> Option<Block> {
        v.as_object().map(Block::from_map)
    }

    /// `depth` counts enclosing container blocks (body blocks are depth 0).
    pub(crate) fn from_map_at(m: &Map<String, Value>, depth: usize) -> Block {
        let kind = get_str(m, "type");
        let props = get_obj(m, "properties").map(|p| BlockProps::from_map(kind.as_deref(), p, depth));
        Block { kind, props, raw: m.clone() }
    }
}

impl BlockProps {
    /// Parses `properties` for the given block `type`; unknown or missing types (and containers
    /// beyond `MAX_BLOCK_DEPTH`) keep the map verbatim.
    pub(crate) fn from_map(kind: Option<&str>, m: &Map<String, Value>, depth: usize) -> BlockProps {
        let nested_ok = depth < MAX_BLOCK_DEPTH;
        match kind {
            Some("text") => BlockProps::Text(TextBlock::from_map(m)),
            Some("largeText") => BlockProps::LargeText(LargeTextBlock::from_map(m)),
            Some("link") => BlockProps::Link(LinkBlock::from_map(m)),
            Some("withTitle") if nested_ok => BlockProps::WithTitle(WithTitleBlock::from_map_at(m, depth)),
            Some("lineOfBlocks") if nested_ok => BlockProps::LineOfBlocks(LineOfBlocksBlock::from_map_at(m, depth)),
            Some("deadline") => BlockProps::Deadline(DeadlineBlock::from_map(m)),
            _ => BlockProps::Unknown(m.clone()),
        }
    }
}

impl TextBlock {
    pub fn from_map(m: &Map<String, Value>) -> TextBlock {
        TextBlock {
            value: get_text(m, "value"),
            multiline: get_bool(m, "multiline"),
            title: get_text(m, "title"),
            bold: get_bool(m, "bold"),
            size: get_str(m, "size"),
            color: get_str(m, "color"),
            scope: get_str(m, "scope"),
            raw: m.clone(),
        }
    }
}

impl LargeTextBlock {
    pub fn from_map(m: &Map<String, Value>) -> LargeTextBlock {
        LargeTextBlock { value: get_text(m, "value"), scope: get_str(m, "scope"), raw: m.clone() }
    }
}

impl LinkBlock {
    pub fn from_map(m: &Map<String, Value>) -> LinkBlock {
        LinkBlock {
            text: get_text(m, "text"),
            action: get_action(m, "action"),
            bold: get_bool(m, "bold"),
            scope: get_str(m, "scope"),
            raw: m.clone(),
        }
    }
}

impl WithTitleBlock {
    pub fn from_map(m: &Map<String, Value>) -> WithTitleBlock {
        WithTitleBlock::from_map_at(m, 0)
    }

    fn from_map_at(m: &Map<String, Value>, depth: usize) -> WithTitleBlock {
        WithTitleBlock {
            title: get_text(m, "title"),
            block: get_obj(m, "block").map(|b| Box::new(Block::from_map_at(b, depth + 1))),
            inline: get_bool(m, "inline"),
            scope: get_str(m, "scope"),
            raw: m.clone(),
        }
    }
}

impl LineOfBlocksBlock {
    pub fn from_map(m: &Map<String, Value>) -> LineOfBlocksBlock {
        LineOfBlocksBlock::from_map_at(m, 0)
    }

    fn from_map_at(m: &Map<String, Value>, depth: usize) -> LineOfBlocksBlock {
        LineOfBlocksBlock {
            blocks: m.get("blocks").and_then(|v| Keyed::from_value_with(v, |o| Block::from_map_at(o, depth + 1))),
            scope: get_str(m, "scope"),
            raw: m.clone(),
        }
    }
}

impl DeadlineBlock {
    pub fn from_map(m: &Map<String, Value>) -> DeadlineBlock {
        DeadlineBlock { readonly: get_bool(m, "readonly"), scope: get_str(m, "scope"), raw: m.clone() }
    }
}

impl Action {
    /// Every known field is read whatever the `type` (fields of another type are kept).
    pub fn from_map(m: &Map<String, Value>) -> Action {
        Action {
            kind: get_str(m, "type"),
            uri: get_str(m, "uri"),
            id: get_str(m, "id"),
            action_params: get_obj(m, "actionParams")
                .map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<IndexMap<_, _>>()),
            animation_type: get_str(m, "animationType"),
            slider_params: get_obj(m, "sliderParams").map(SliderParams::from_map),
            raw: m.clone(),
        }
    }

    /// `Some` only for a JSON object.
    pub fn from_value(v: &Value) -> Option<Action> {
        v.as_object().map(Action::from_map)
    }
}

impl SliderParams {
    pub fn from_map(m: &Map<String, Value>) -> SliderParams {
        SliderParams {
            width: get_i64(m, "width"),
            left_boundary: get_i64(m, "leftBoundary"),
            title: get_str(m, "title"),
            label_text: get_str(m, "labelText"),
            label_bg_color: get_str(m, "labelBgColor"),
            label_color: get_str(m, "labelColor"),
            raw: m.clone(),
        }
    }
}

impl Footer {
    pub fn from_map(m: &Map<String, Value>) -> Footer {
        Footer {
            buttons: m.get("buttons").and_then(|v| Keyed::from_value_with(v, Button::from_map)),
            menu: get_obj(m, "menu").map(Menu::from_map),
            show_note: get_bool(m, "showNote"),
            raw: m.clone(),
        }
    }
}

impl Button {
    pub fn from_map(m: &Map<String, Value>) -> Button {
        Button {
            title: get_text(m, "title"),
            kind: get_str(m, "type"),
            action: get_action(m, "action"),
            scope: get_str(m, "scope"),
            hide_if_readonly: get_bool(m, "hideIfReadonly"),
            raw: m.clone(),
        }
    }
}

impl Menu {
    pub fn from_map(m: &Map<String, Value>) -> Menu {
        let sections = m.get("sections").and_then(Value::as_array).map(|a| {
            a.iter()
                .map(|v| match v.as_object() {
                    Some(o) => Item::Ok(MenuSection::from_map(o)),
                    None => Item::Raw(v.clone()),
                })
                .collect()
        });
        Menu {
            show_pin_item: get_bool(m, "showPinItem"),
            show_postpone_item: get_bool(m, "showPostponeItem"),
            show_delete_item: get_bool(m, "showDeleteItem"),
            items: m.get("items").and_then(|v| Keyed::from_value_with(v, MenuItem::from_map)),
            sections,
            raw: m.clone(),
        }
    }
}

impl MenuItem {
    pub fn from_map(m: &Map<String, Value>) -> MenuItem {
        MenuItem {
            title: get_text(m, "title"),
            action: get_action(m, "action"),
            scope: get_str(m, "scope"),
            hide_if_readonly: get_bool(m, "hideIfReadonly"),
            subtitle: get_text(m, "subtitle"),
            design: get_str(m, "design"),
            is_selected: get_bool(m, "isSelected"),
            is_locked: get_bool(m, "isLocked"),
            badge_text: get_obj(m, "badgeText").map(BadgeText::from_map),
            section_code: get_str(m, "sectionCode"),
            raw: m.clone(),
        }
    }
}

impl BadgeText {
    pub fn from_map(m: &Map<String, Value>) -> BadgeText {
        BadgeText { title: get_text(m, "title"), color: get_str(m, "color"), raw: m.clone() }
    }
}

impl MenuSection {
    pub fn from_map(m: &Map<String, Value>) -> MenuSection {
        MenuSection {
            code: get_str(m, "code"),
            title: get_text(m, "title"),
            design: get_str(m, "design"),
            raw: m.clone(),
        }
    }
}

impl Fields {
    /// Parses any JSON value. A non-object gives empty fields whose `raw_value` keeps it.
    /// Boolean-ish fields (`completed`, `isIncomingChannel`) keep any JSON token as written.
    pub fn from_value(v: &Value) -> Fields {
        let Some(m) = v.as_object() else {
            return Fields { raw_value: Some(v.clone()), ..Fields::default() };
        };
        Fields {
            type_id: get_str(m, "typeId"),
            completed: m.get("completed").cloned(),
            deadline: get_str(m, "deadline"),
            ping_offsets: m.get("pingOffsets").and_then(Value::as_array).cloned(),
            is_incoming_channel: m.get("isIncomingChannel").cloned(),
            responsible_id: get_i64(m, "responsibleId"),
            badge_code: get_str(m, "badgeCode"),
            originator_id: get_str(m, "originatorId"),
            origin_id: get_str(m, "originId"),
            raw: m.clone(),
            raw_value: None,
        }
    }
}
