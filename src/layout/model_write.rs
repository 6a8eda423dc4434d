//! Serialisation of the typed model back to JSON with an exact round trip.
//!
//! Every object starts from its `raw` map, in its original key order:
//! - a known key whose typed value is `Some` is overwritten in place;
//! - a known key whose typed value is `None` is kept when the raw value has the wrong JSON type
//!   (the parser could not type it) and dropped when it was well-typed (a removal in code);
//! - every other raw key (unknown fields) is kept as is;
//! - typed values whose key is not in `raw` are appended in the documented field order of
//!   layout.md, so an object built in code (empty `raw`) comes out in that order.
//!
//! Parsing then writing therefore gives back the input exactly, key order included.

use super::model::*;
use serde_json::{Map, Value};

/// Whether a raw value has the JSON type that the parser would have typed (must mirror
/// `model_parse.rs`).
type Typed = fn(&Value) -> bool;

fn is_str(v: &Value) -> bool {
    v.is_string()
}
fn is_bool(v: &Value) -> bool {
    v.is_boolean()
}
fn is_int(v: &Value) -> bool {
    v.as_i64().is_some()
}
fn is_obj(v: &Value) -> bool {
    v.is_object()
}
fn is_arr(v: &Value) -> bool {
    v.is_array()
}
fn is_text(v: &Value) -> bool {
    v.is_string() || v.is_object()
}
fn is_any(_: &Value) -> bool {
    true
}

/// One known field of an object: its wire key, its typed value as JSON, its type check.
struct Slot {
    key: &'static str,
    val: Option<Value>,
    typed: Typed,
    seen: bool,
}

fn slot(key: &'static str, val: Option<Value>, typed: Typed) -> Slot {
    Slot { key, val, typed, seen: false }
}

/// Merges the typed fields (given in documented order) into a copy of `raw` (see module docs).
fn merge(raw: &Map<String, Value>, mut slots: Vec<Slot>) -> Map<String, Value> {
    let mut out = Map::with_capacity(raw.len() + slots.len());
    for (k, v) in raw {
        match slots.iter_mut().find(|s| s.key == k) {
            Some(s) => {
                s.seen = true;
                match s.val.take() {
                    Some(nv) => {
                        out.insert(k.clone(), nv);
                    }
                    None if !(s.typed)(v) => {
                        out.insert(k.clone(), v.clone());
                    }
                    None => {}
                }
            }
            None => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    for s in slots {
        if let (false, Some(v)) = (s.seen, s.val) {
            out.insert(s.key.to_owned(), v);
        }
    }
    out
}

fn string(v: &Option<String>) -> Option<Value> {
    v.as_ref().map(|s| Value::String(s.clone()))
}
fn boolean(v: &Option<bool>) -> Option<Value> {
    v.map(Value::Bool)
}
fn int(v: &Option<i64>) -> Option<Value> {
    v.map(Value::from)
}
fn text(v: &Option<Text>) -> Option<Value> {
    v.as_ref().map(Text::to_value)
}
fn action(v: &Option<Action>) -> Option<Value> {
    v.as_ref().map(Action::to_value)
}

/// `to_value` for every struct with a `to_map`.
macro_rules! to_value_via_map {
    ($($t:ty),* $(,)?) => {$(
        impl $t {
            pub fn to_value(&self) -> Value {
                Value::Object(self.to_map())
            }
        }
    )*};
}

to_value_via_map!(
    Icon,
    Header,
    Tag,
    Body,
    Logo,
    Block,
    TextBlock,
    LargeTextBlock,
    LinkBlock,
    WithTitleBlock,
    LineOfBlocksBlock,
    DeadlineBlock,
    Action,
    SliderParams,
    Footer,
    Button,
    Menu,
    MenuItem,
    BadgeText,
    MenuSection,
);

impl Text {
    pub fn to_value(&self) -> Value {
        match self {
            Text::Plain(s) => Value::String(s.clone()),
            Text::Translated(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        }
    }
}

impl<T> Item<T> {
    pub fn to_value_with(&self, write: impl Fn(&T) -> Value) -> Value {
        match self {
            Item::Ok(t) => write(t),
            Item::Raw(v) => v.clone(),
        }
    }
}

impl<T> Keyed<T> {
    /// A JSON object in item order; `Item::Raw` entries are written as they were.
    pub fn to_value_with(&self, write: impl Fn(&T) -> Value) -> Value {
        Value::Object(self.items.iter().map(|(k, it)| (k.clone(), it.to_value_with(&write))).collect())
    }
}

impl Layout {
    /// Exact inverse of `Layout::from_value`. A layout parsed from a non-object (and not edited
    /// since) gives back that value.
    pub fn to_value(&self) -> Value {
        if let Some(v) = &self.raw_value {
            let untouched = self.raw.is_empty()
                && self.icon.is_none()
                && self.header.is_none()
                && self.body.is_none()
                && self.footer.is_none();
            if untouched {
                return v.clone();
            }
        }
        Value::Object(self.to_map())
    }

    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("icon", self.icon.as_ref().map(Icon::to_value), is_obj),
                slot("header", self.header.as_ref().map(Header::to_value), is_obj),
                slot("body", self.body.as_ref().map(Body::to_value), is_obj),
                slot("footer", self.footer.as_ref().map(Footer::to_value), is_obj),
            ],
        )
    }
}

impl Icon {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(&self.raw, vec![slot("code", string(&self.code), is_str)])
    }
}

impl Header {
    pub fn to_map(&self) -> Map<String, Value> {
        let tags = self.tags.as_ref().map(|k| k.to_value_with(Tag::to_value));
        merge(
            &self.raw,
            vec![
                slot("title", text(&self.title), is_text),
                slot("titleAction", action(&self.title_action), is_obj),
                slot("tags", tags, is_obj),
            ],
        )
    }
}

impl Tag {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("title", text(&self.title), is_text),
                slot("type", string(&self.kind), is_str),
                slot("action", action(&self.action), is_obj),
            ],
        )
    }
}

impl Body {
    pub fn to_map(&self) -> Map<String, Value> {
        let blocks = self.blocks.as_ref().map(|k| k.to_value_with(Block::to_value));
        merge(
            &self.raw,
            vec![slot("logo", self.logo.as_ref().map(Logo::to_value), is_obj), slot("blocks", blocks, is_obj)],
        )
    }
}

impl Logo {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(&self.raw, vec![slot("code", string(&self.code), is_str), slot("action", action(&self.action), is_obj)])
    }
}

impl Block {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("type", string(&self.kind), is_str),
                slot("properties", self.props.as_ref().map(BlockProps::to_value), is_obj),
            ],
        )
    }
}

impl BlockProps {
    pub fn to_value(&self) -> Value {
        match self {
            BlockProps::Text(b) => b.to_value(),
            BlockProps::LargeText(b) => b.to_value(),
            BlockProps::Link(b) => b.to_value(),
            BlockProps::WithTitle(b) => b.to_value(),
            BlockProps::LineOfBlocks(b) => b.to_value(),
            BlockProps::Deadline(b) => b.to_value(),
            BlockProps::Unknown(m) => Value::Object(m.clone()),
        }
    }
}

impl TextBlock {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("value", text(&self.value), is_text),
                slot("multiline", boolean(&self.multiline), is_bool),
                slot("title", text(&self.title), is_text),
                slot("bold", boolean(&self.bold), is_bool),
                slot("size", string(&self.size), is_str),
                slot("color", string(&self.color), is_str),
                slot("scope", string(&self.scope), is_str),
            ],
        )
    }
}

impl LargeTextBlock {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(&self.raw, vec![slot("value", text(&self.value), is_text), slot("scope", string(&self.scope), is_str)])
    }
}

impl LinkBlock {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("text", text(&self.text), is_text),
                slot("action", action(&self.action), is_obj),
                slot("bold", boolean(&self.bold), is_bool),
                slot("scope", string(&self.scope), is_str),
            ],
        )
    }
}

impl WithTitleBlock {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("title", text(&self.title), is_text),
                slot("block", self.block.as_ref().map(|b| b.to_value()), is_obj),
                slot("inline", boolean(&self.inline), is_bool),
                slot("scope", string(&self.scope), is_str),
            ],
        )
    }
}

impl LineOfBlocksBlock {
    pub fn to_map(&self) -> Map<String, Value> {
        let blocks = self.blocks.as_ref().map(|k| k.to_value_with(Block::to_value));
        merge(&self.raw, vec![slot("blocks", blocks, is_obj), slot("scope", string(&self.scope), is_str)])
    }
}

impl DeadlineBlock {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![slot("readonly", boolean(&self.readonly), is_bool), slot("scope", string(&self.scope), is_str)],
        )
    }
}

impl Action {
    pub fn to_map(&self) -> Map<String, Value> {
        let params =
            self.action_params.as_ref().map(|p| Value::Object(p.iter().map(|(k, v)| (k.clone(), v.clone())).collect()));
        merge(
            &self.raw,
            vec![
                slot("type", string(&self.kind), is_str),
                slot("uri", string(&self.uri), is_str),
                slot("id", string(&self.id), is_str),
                slot("actionParams", params, is_obj),
                slot("animationType", string(&self.animation_type), is_str),
                slot("sliderParams", self.slider_params.as_ref().map(SliderParams::to_value), is_obj),
            ],
        )
    }
}

impl SliderParams {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("width", int(&self.width), is_int),
                slot("leftBoundary", int(&self.left_boundary), is_int),
                slot("title", string(&self.title), is_str),
                slot("labelText", string(&self.label_text), is_str),
                slot("labelBgColor", string(&self.label_bg_color), is_str),
                slot("labelColor", string(&self.label_color), is_str),
            ],
        )
    }
}

impl Footer {
    pub fn to_map(&self) -> Map<String, Value> {
        let buttons = self.buttons.as_ref().map(|k| k.to_value_with(Button::to_value));
        merge(
            &self.raw,
            vec![
                slot("buttons", buttons, is_obj),
                slot("menu", self.menu.as_ref().map(Menu::to_value), is_obj),
                slot("showNote", boolean(&self.show_note), is_bool),
            ],
        )
    }
}

impl Button {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("title", text(&self.title), is_text),
                slot("type", string(&self.kind), is_str),
                slot("action", action(&self.action), is_obj),
                slot("scope", string(&self.scope), is_str),
                slot("hideIfReadonly", boolean(&self.hide_if_readonly), is_bool),
            ],
        )
    }
}

impl Menu {
    pub fn to_map(&self) -> Map<String, Value> {
        let items = self.items.as_ref().map(|k| k.to_value_with(MenuItem::to_value));
        let sections = self
            .sections
            .as_ref()
            .map(|s| Value::Array(s.iter().map(|i| i.to_value_with(MenuSection::to_value)).collect()));
        merge(
            &self.raw,
            vec![
                slot("showPinItem", boolean(&self.show_pin_item), is_bool),
                slot("showPostponeItem", boolean(&self.show_postpone_item), is_bool),
                slot("showDeleteItem", boolean(&self.show_delete_item), is_bool),
                slot("items", items, is_obj),
                slot("sections", sections, is_arr),
            ],
        )
    }
}

impl MenuItem {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("title", text(&self.title), is_text),
                slot("action", action(&self.action), is_obj),
                slot("scope", string(&self.scope), is_str),
                slot("hideIfReadonly", boolean(&self.hide_if_readonly), is_bool),
                slot("subtitle", text(&self.subtitle), is_text),
                slot("design", string(&self.design), is_str),
                slot("isSelected", boolean(&self.is_selected), is_bool),
                slot("isLocked", boolean(&self.is_locked), is_bool),
                slot("badgeText", self.badge_text.as_ref().map(BadgeText::to_value), is_obj),
                slot("sectionCode", string(&self.section_code), is_str),
            ],
        )
    }
}

impl BadgeText {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(&self.raw, vec![slot("title", text(&self.title), is_text), slot("color", string(&self.color), is_str)])
    }
}

impl MenuSection {
    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("code", string(&self.code), is_str),
                slot("title", text(&self.title), is_text),
                slot("design", string(&self.design), is_str),
            ],
        )
    }
}

impl Fields {
    /// Exact inverse of `Fields::from_value` (a non-object input, not edited since, comes back
    /// as it was).
    pub fn to_value(&self) -> Value {
        if let Some(v) = &self.raw_value {
            let untouched = self.raw.is_empty()
                && self.type_id.is_none()
                && self.completed.is_none()
                && self.deadline.is_none()
                && self.ping_offsets.is_none()
                && self.is_incoming_channel.is_none()
                && self.responsible_id.is_none()
                && self.badge_code.is_none()
                && self.originator_id.is_none()
                && self.origin_id.is_none();
            if untouched {
                return v.clone();
            }
        }
        Value::Object(self.to_map())
    }

    pub fn to_map(&self) -> Map<String, Value> {
        merge(
            &self.raw,
            vec![
                slot("typeId", string(&self.type_id), is_str),
                slot("completed", self.completed.clone(), is_any),
                slot("deadline", string(&self.deadline), is_str),
                slot("pingOffsets", self.ping_offsets.clone().map(Value::Array), is_arr),
                slot("isIncomingChannel", self.is_incoming_channel.clone(), is_any),
                slot("responsibleId", int(&self.responsible_id), is_int),
                slot("badgeCode", string(&self.badge_code), is_str),
                slot("originatorId", string(&self.originator_id), is_str),
                slot("originId", string(&self.origin_id), is_str),
            ],
        )
    }
}
