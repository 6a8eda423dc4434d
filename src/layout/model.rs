//! Typed Rust types for every object of layout.md §1–§8.
//!
//! The editable document is a `serde_json::Value` (ordered); these types are a typed *view* of
//! it for the preview, the inspector and the exports. Parsing never fails: a field of the wrong
//! JSON type is left `None` here (the validator reports it at its path) and every object keeps
//! its original map in `raw`, so `to_value` writes back unknown fields, unknown block or action
//! types and wrongly typed values in their original key order — an exact round trip.
//!
//! CONTRACT (implemented in `model_parse.rs` / `model_write.rs`; helpers in `model_util.rs`):
//! - `Layout::from_value(&Value) -> Layout` (any JSON value; non-objects give an empty layout
//!   whose `raw_value` keeps the input) and `Layout::to_value(&self) -> Value`;
//! - `Fields::from_value` / `Fields::to_value` likewise for the activity `fields`;
//! - for every `v`, `Layout::from_value(&v).to_value() == v` with identical key order;
//! - edits in code: a changed typed field is written in place, a new one is appended in the
//!   documented field order, setting a well-typed field to `None` removes its key (a wrongly
//!   typed raw value is never removed that way); an object built in code (empty `raw`) comes
//!   out in the documented order of layout.md;
//! - container blocks nested deeper than `model_parse::MAX_BLOCK_DEPTH` keep their properties
//!   as `BlockProps::Unknown` (hostile input only; valid layouts nest 2 levels).

use indexmap::IndexMap;
use serde_json::{Map, Value};

/// `textWithTranslation`: a plain string or a `{lang: text}` map (layout.md §1.1).
#[derive(Clone, Debug, PartialEq)]
pub enum Text {
    Plain(String),
    /// Values are kept as JSON so a non-string value survives the round trip.
    Translated(IndexMap<String, Value>),
}

/// A keyed collection (`tags`, `blocks`, `buttons`, `items`): key order is display order.
/// An item that is not a JSON object is kept as `Item::Raw`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Keyed<T> {
    pub items: IndexMap<String, Item<T>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item<T> {
    Ok(T),
    Raw(Value),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub icon: Option<Icon>,
    pub header: Option<Header>,
    pub body: Option<Body>,
    pub footer: Option<Footer>,
    /// The original object (all keys, original order); empty for a layout built in code.
    pub raw: Map<String, Value>,
    /// The input when it was not a JSON object at all (kept for the round trip).
    pub raw_value: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Icon {
    pub code: Option<String>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    pub title: Option<Text>,
    pub title_action: Option<Action>,
    pub tags: Option<Keyed<Tag>>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tag {
    pub title: Option<Text>,
    /// `type`: success | failure | warning | primary | secondary.
    pub kind: Option<String>,
    pub action: Option<Action>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Body {
    pub logo: Option<Logo>,
    pub blocks: Option<Keyed<Block>>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Logo {
    pub code: Option<String>,
    pub action: Option<Action>,
    pub raw: Map<String, Value>,
}

/// `ContentBlockDto`: `{type, properties}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    /// The `type` string as written (may be unknown).
    pub kind: Option<String>,
    /// `None` when `properties` is absent or not an object.
    pub props: Option<BlockProps>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, PartialEq)]
#[expect(clippy::large_enum_variant)] // built once per revision; boxing would only complicate matching
pub enum BlockProps {
    Text(TextBlock),
    LargeText(LargeTextBlock),
    Link(LinkBlock),
    WithTitle(WithTitleBlock),
    LineOfBlocks(LineOfBlocksBlock),
    Deadline(DeadlineBlock),
    /// Properties of an unknown (or missing) block type, kept verbatim.
    Unknown(Map<String, Value>),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextBlock {
    pub value: Option<Text>,
    pub multiline: Option<bool>,
    pub title: Option<Text>,
    pub bold: Option<bool>,
    /// xs | sm | md
    pub size: Option<String>,
    /// base_50 | base_60 | base_70 | base_90
    pub color: Option<String>,
    pub scope: Option<String>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LargeTextBlock {
    pub value: Option<Text>,
    pub scope: Option<String>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkBlock {
    pub text: Option<Text>,
    pub action: Option<Action>,
    pub bold: Option<bool>,
    pub scope: Option<String>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct WithTitleBlock {
    pub title: Option<Text>,
    pub block: Option<Box<Block>>,
    pub inline: Option<bool>,
    pub scope: Option<String>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineOfBlocksBlock {
    pub blocks: Option<Keyed<Block>>,
    pub scope: Option<String>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeadlineBlock {
    pub readonly: Option<bool>,
    pub scope: Option<String>,
    pub raw: Map<String, Value>,
}

/// `ActionDto` (layout.md §5). Fields of other action types are kept (the server ignores them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Action {
    /// redirect | restEvent | openRestApp (may be unknown).
    pub kind: Option<String>,
    pub uri: Option<String>,
    pub id: Option<String>,
    /// Scalar values as written (the server turns them into strings).
    pub action_params: Option<IndexMap<String, Value>>,
    /// loader | disable
    pub animation_type: Option<String>,
    pub slider_params: Option<SliderParams>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SliderParams {
    pub width: Option<i64>,
    pub left_boundary: Option<i64>,
    pub title: Option<String>,
    pub label_text: Option<String>,
    pub label_bg_color: Option<String>,
    pub label_color: Option<String>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Footer {
    pub buttons: Option<Keyed<Button>>,
    pub menu: Option<Menu>,
    /// [N-only]
    pub show_note: Option<bool>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Button {
    pub title: Option<Text>,
    /// primary | secondary
    pub kind: Option<String>,
    pub action: Option<Action>,
    pub scope: Option<String>,
    pub hide_if_readonly: Option<bool>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Menu {
    pub show_pin_item: Option<bool>,
    pub show_postpone_item: Option<bool>,
    pub show_delete_item: Option<bool>,
    pub items: Option<Keyed<MenuItem>>,
    /// [N-only] a JSON array, unlike the keyed collections.
    pub sections: Option<Vec<Item<MenuSection>>>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MenuItem {
    pub title: Option<Text>,
    pub action: Option<Action>,
    pub scope: Option<String>,
    pub hide_if_readonly: Option<bool>,
    /// [N-only] fields below.
    pub subtitle: Option<Text>,
    pub design: Option<String>,
    pub is_selected: Option<bool>,
    pub is_locked: Option<bool>,
    pub badge_text: Option<BadgeText>,
    pub section_code: Option<String>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct BadgeText {
    pub title: Option<Text>,
    pub color: Option<String>,
    pub raw: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MenuSection {
    pub code: Option<String>,
    pub title: Option<Text>,
    /// default | accent
    pub design: Option<String>,
    pub raw: Map<String, Value>,
}

/// The activity `fields` parameter (layout.md §8). Boolean-ish fields keep the JSON token as
/// written (`true`, `"Y"`, `1`...) so the round trip is exact; use `fields_bool` (`model_util.rs`) to read them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    pub type_id: Option<String>,
    pub completed: Option<Value>,
    /// ISO 8601 with offset, `YYYY-MM-DDThh:mm:ss±hh:mm`.
    pub deadline: Option<String>,
    pub ping_offsets: Option<Vec<Value>>,
    pub is_incoming_channel: Option<Value>,
    pub responsible_id: Option<i64>,
    pub badge_code: Option<String>,
    pub originator_id: Option<String>,
    pub origin_id: Option<String>,
    pub raw: Map<String, Value>,
    /// The input when it was not a JSON object at all (kept for the round trip, as in `Layout`).
    pub raw_value: Option<Value>,
}
