//! Small read helpers over the typed model for the preview, the inspector and the exports.

use super::enums::{FIELD_FALSE_STRINGS, FIELD_TRUE_STRINGS};
use super::kinds::{ActionKind, BlockKind};
use super::model::*;
use chrono::{DateTime, FixedOffset};
use indexmap::IndexMap;
use serde_json::Value;

impl Text {
    pub fn plain(s: impl Into<String>) -> Text {
        Text::Plain(s.into())
    }

    /// The text shown to a user whose interface language is `lang` (layout.md §1.1): that
    /// language, then `en`, then the first entry. A non-string value is rendered as its JSON text
    /// (the server turns numbers into strings); an empty map gives `""`.
    pub fn resolve(&self, lang: &str) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Translated(m) => {
                let v = m.get(lang).or_else(|| m.get("en")).or_else(|| m.values().next());
                match v {
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                }
            }
        }
    }

    /// True when nothing would be shown in any language: `""`, `{}`, or only `""` values.
    pub fn is_empty(&self) -> bool {
        match self {
            Text::Plain(s) => s.is_empty(),
            Text::Translated(m) => m.values().all(|v| v.as_str() == Some("")),
        }
    }

    /// The language keys of a translated text (empty for a plain one).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        let keys = match self {
            Text::Plain(_) => None,
            Text::Translated(m) => Some(m.keys().map(String::as_str)),
        };
        keys.into_iter().flatten()
    }
}

impl<T> Item<T> {
    /// The typed item, or `None` for a non-object entry.
    pub fn ok(&self) -> Option<&T> {
        match self {
            Item::Ok(t) => Some(t),
            Item::Raw(_) => None,
        }
    }

    pub fn ok_mut(&mut self) -> Option<&mut T> {
        match self {
            Item::Ok(t) => Some(t),
            Item::Raw(_) => None,
        }
    }
}

impl<T> Keyed<T> {
    /// The typed entries in key (display) order, skipping non-object entries.
    pub fn iter_ok(&self) -> impl Iterator<Item = (&str, &T)> {
        self.items.iter().filter_map(|(k, it)| it.ok().map(|t| (k.as_str(), t)))
    }

    pub fn get_ok(&self, key: &str) -> Option<&T> {
        self.items.get(key).and_then(Item::ok)
    }

    /// Number of entries, typed or not (what the server counts for `TOO_MANY_ITEMS`).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<T> FromIterator<(String, T)> for Keyed<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(iter: I) -> Self {
        Keyed { items: iter.into_iter().map(|(k, t)| (k, Item::Ok(t))).collect::<IndexMap<_, _>>() }
    }
}

impl BlockProps {
    /// The kind these properties were parsed as (`None` for `Unknown`).
    pub fn kind(&self) -> Option<BlockKind> {
        match self {
            BlockProps::Text(_) => Some(BlockKind::Text),
            BlockProps::LargeText(_) => Some(BlockKind::LargeText),
            BlockProps::Link(_) => Some(BlockKind::Link),
            BlockProps::WithTitle(_) => Some(BlockKind::WithTitle),
            BlockProps::LineOfBlocks(_) => Some(BlockKind::LineOfBlocks),
            BlockProps::Deadline(_) => Some(BlockKind::Deadline),
            BlockProps::Unknown(_) => None,
        }
    }
}

impl Block {
    /// The block's `type` when it is one of the six known ones.
    pub fn known_kind(&self) -> Option<BlockKind> {
        self.kind.as_deref().and_then(BlockKind::from_type)
    }

    /// A block built in code: `type` is taken from the properties (`Unknown` leaves it unset).
    pub fn new(props: BlockProps) -> Block {
        Block { kind: props.kind().map(|k| k.as_str().to_owned()), props: Some(props), raw: Default::default() }
    }
}

impl Action {
    pub fn known_kind(&self) -> Option<ActionKind> {
        self.kind.as_deref().and_then(ActionKind::from_type)
    }
}

impl Layout {
    /// `body.blocks`, when it is a JSON object.
    pub fn blocks(&self) -> Option<&Keyed<Block>> {
        self.body.as_ref().and_then(|b| b.blocks.as_ref())
    }

    pub fn title(&self) -> Option<&Text> {
        self.header.as_ref().and_then(|h| h.title.as_ref())
    }
}

impl Footer {
    /// `showNote` [N-only], default shown.
    pub fn show_note(&self) -> bool {
        self.show_note.unwrap_or(true)
    }
}

impl Menu {
    /// `showPinItem`, default true (the item still needs a completed activity).
    pub fn show_pin(&self) -> bool {
        self.show_pin_item.unwrap_or(true)
    }

    /// `showPostponeItem`, default true (the item still needs an open activity with a deadline).
    pub fn show_postpone(&self) -> bool {
        self.show_postpone_item.unwrap_or(true)
    }

    /// `showDeleteItem`, default true.
    pub fn show_delete(&self) -> bool {
        self.show_delete_item.unwrap_or(true)
    }
}

/// Reads a boolean-ish `fields` token (layout.md §9, exact match as on the server):
/// true for `true`, `1`, `"1"`, `"Y"`, `"y"`, `"true"`; false for their counterparts; `None` for
/// anything else (`WRONG_FIELD_VALUE` on the server).
pub fn fields_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_u64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(s) if FIELD_TRUE_STRINGS.contains(&s.as_str()) => Some(true),
        Value::String(s) if FIELD_FALSE_STRINGS.contains(&s.as_str()) => Some(false),
        _ => None,
    }
}

impl Fields {
    /// `isIncomingChannel` holds a true token.
    pub fn is_incoming(&self) -> bool {
        self.is_incoming_channel.as_ref().and_then(fields_bool) == Some(true)
    }

    /// `completed` holds a true token.
    pub fn is_completed(&self) -> bool {
        self.completed.as_ref().and_then(fields_bool) == Some(true)
    }

    /// A non-empty `deadline` string (the server ignores `""`).
    pub fn has_deadline(&self) -> bool {
        self.deadline.as_deref().is_some_and(|d| !d.trim().is_empty())
    }

    /// `deadline` as a date-time with its offset (RFC 3339: `2025-02-01T12:00:00+03:00`; the
    /// `Z` and fractional-second forms are read too). `None` when absent or unparsable.
    pub fn deadline_parsed(&self) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(self.deadline.as_deref()?.trim()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tr(v: Value) -> Text {
        Text::from_value(&v).unwrap()
    }

    #[test]
    fn resolve_follows_user_language_then_en_then_first() {
        let t = tr(json!({"de": "Hallo", "en": "Hello", "ru": "Привет"}));
        assert_eq!(t.resolve("ru"), "Привет");
        assert_eq!(t.resolve("fr"), "Hello");
        assert_eq!(tr(json!({"de": "Hallo", "ru": "Привет"})).resolve("fr"), "Hallo");
        assert_eq!(tr(json!({"de": 12})).resolve("de"), "12");
        assert_eq!(tr(json!({})).resolve("en"), "");
        assert_eq!(Text::plain("x").resolve("de"), "x");
    }

    #[test]
    fn text_emptiness() {
        assert!(Text::plain("").is_empty());
        assert!(tr(json!({})).is_empty());
        assert!(tr(json!({"en": ""})).is_empty());
        assert!(!tr(json!({"en": "", "de": "a"})).is_empty());
        assert!(!tr(json!({"en": 0})).is_empty());
    }

    #[test]
    fn boolean_tokens_are_exact() {
        for t in [json!(true), json!(1), json!("1"), json!("Y"), json!("y"), json!("true")] {
            assert_eq!(fields_bool(&t), Some(true), "{t}");
        }
        for t in [json!(false), json!(0), json!("0"), json!("N"), json!("n"), json!("false")] {
            assert_eq!(fields_bool(&t), Some(false), "{t}");
        }
        for t in [json!("TRUE"), json!("yes"), json!(2), json!(1.0), json!(null), json!([])] {
            assert_eq!(fields_bool(&t), None, "{t}");
        }
    }

    #[test]
    fn fields_helpers() {
        let f = Fields::from_value(
            &json!({"isIncomingChannel": "Y", "completed": "N", "deadline": "2025-02-01T12:00:00+03:00"}),
        );
        assert!(f.is_incoming() && !f.is_completed() && f.has_deadline());
        let d = f.deadline_parsed().unwrap();
        assert_eq!(d.offset().local_minus_utc(), 3 * 3600);
        assert_eq!(d.to_rfc3339(), "2025-02-01T12:00:00+03:00");
        let g = Fields::from_value(&json!({"deadline": "tomorrow", "isIncomingChannel": "yes"}));
        assert!(g.deadline_parsed().is_none() && !g.is_incoming());
        assert!(!Fields::from_value(&json!({"deadline": ""})).has_deadline());
    }

    #[test]
    fn kinds_and_keyed_helpers() {
        let l = Layout::from_value(&json!({"body": {"blocks": {
            "a": {"type": "withTitle", "properties": {"title": "T", "block": {"type": "link", "properties": {}}}},
            "b": 5,
            "c": {"type": "fancy"}
        }}}));
        let blocks = l.blocks().unwrap();
        assert_eq!(blocks.len(), 3);
        let ok: Vec<_> = blocks.iter_ok().map(|(k, b)| (k, b.known_kind())).collect();
        assert_eq!(ok, vec![("a", Some(BlockKind::WithTitle)), ("c", None)]);
        let Some(BlockProps::WithTitle(w)) = &blocks.get_ok("a").unwrap().props else { panic!("withTitle") };
        assert_eq!(w.block.as_ref().unwrap().known_kind(), Some(BlockKind::Link));
        assert!(BlockKind::Link.is_nestable() && !BlockKind::LargeText.is_nestable());
        assert_eq!(BlockKind::from_type("lineOfBlocks"), Some(BlockKind::LineOfBlocks));
        assert_eq!(BlockKind::from_type("Text"), None);
        assert_eq!(ActionKind::from_type("openRestApp"), Some(ActionKind::OpenRestApp));
    }
}
