//! Pure insertion planning shared by the palette and the tree: default content for new items,
//! where an item goes relative to the selection, and the `EditCommand` that puts it there
//! (creating missing parents such as `header.tags` or `footer.menu.items` in the same step).

use crate::edit::{EditCommand, unique_key};
use crate::layout::pointer;
use crate::layout::{ActionKind, BlockKind};
use crate::layout_ptr;
use serde_json::{Map, Value, json};

/// Something the palette can add.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewItem {
    Block(BlockKind),
    Tag,
    Button,
    MenuItem,
    MenuSection,
    Action(ActionKind),
}

impl NewItem {
    /// Everything the palette offers, in palette order.
    pub fn all() -> Vec<NewItem> {
        let mut v: Vec<NewItem> = BlockKind::ALL.into_iter().map(NewItem::Block).collect();
        v.extend([NewItem::Tag, NewItem::Button, NewItem::MenuItem, NewItem::MenuSection]);
        v.extend(ActionKind::ALL.into_iter().map(NewItem::Action));
        v
    }

    /// The palette button text (also its accessible name).
    pub fn title(self) -> &'static str {
        match self {
            NewItem::Block(k) => k.label(),
            NewItem::Tag => "Tag",
            NewItem::Button => "Button",
            NewItem::MenuItem => "Menu item",
            NewItem::MenuSection => "Menu section",
            NewItem::Action(k) => k.label(),
        }
    }

    /// Base for the new item's key (made unique on insertion).
    fn base_key(self) -> &'static str {
        match self {
            NewItem::Block(k) => k.as_str(),
            NewItem::Tag => "tag",
            NewItem::Button => "button",
            NewItem::MenuItem => "item",
            NewItem::MenuSection => "section",
            NewItem::Action(_) => "action",
        }
    }
}

/// Default content of a new item: valid on its own, so adding never creates an error.
pub fn default_content(item: NewItem) -> Value {
    match item {
        NewItem::Block(k) => default_block(k),
        NewItem::Tag => json!({"title": "Tag", "type": "primary"}),
        NewItem::Button => {
            json!({"title": "Button", "type": "primary", "action": default_action(ActionKind::Redirect)})
        }
        NewItem::MenuItem => json!({"title": "Menu item", "action": default_action(ActionKind::Redirect)}),
        NewItem::MenuSection => json!({"code": "section", "title": "Section"}),
        NewItem::Action(k) => default_action(k),
    }
}

pub fn default_block(kind: BlockKind) -> Value {
    match kind {
        BlockKind::Text => json!({"type": "text", "properties": {"value": "Text"}}),
        BlockKind::LargeText => json!({"type": "largeText", "properties": {"value": "Long text"}}),
        BlockKind::Link => {
            json!({"type": "link", "properties": {"text": "Link", "action": default_action(ActionKind::Redirect)}})
        }
        BlockKind::WithTitle => json!({"type": "withTitle", "properties": {
            "title": "Title", "block": {"type": "text", "properties": {"value": "Value"}}}}),
        BlockKind::LineOfBlocks => json!({"type": "lineOfBlocks", "properties": {"blocks": {
            "text": {"type": "text", "properties": {"value": "Text"}}}}}),
        BlockKind::Deadline => json!({"type": "deadline", "properties": {}}),
    }
}

pub fn default_action(kind: ActionKind) -> Value {
    match kind {
        ActionKind::Redirect => json!({"type": "redirect", "uri": "/crm/deal/details/1/"}),
        ActionKind::RestEvent => json!({"type": "restEvent", "id": "action"}),
        ActionKind::OpenRestApp => json!({"type": "openRestApp"}),
    }
}

/// A planned change: label for undo, the command, and the pointer to select afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub label: String,
    pub cmd: EditCommand,
    pub select: String,
}

pub const BODY_BLOCKS: &str = layout_ptr!("/body/blocks");
pub const TAGS: &str = layout_ptr!("/header/tags");
pub const BUTTONS: &str = layout_ptr!("/footer/buttons");
pub const MENU_ITEMS: &str = layout_ptr!("/footer/menu/items");
pub const SECTIONS: &str = layout_ptr!("/footer/menu/sections");

/// Plans adding `item` relative to `selection` (a document pointer), or explains why not.
pub fn plan_insert(root: &Value, selection: Option<&str>, item: NewItem) -> Result<Plan, String> {
    plan_insert_value(root, selection, item, default_content(item), item.base_key())
}

/// Like `plan_insert` with given content (paste uses it with clipboard values).
pub fn plan_insert_value(
    root: &Value,
    selection: Option<&str>,
    item: NewItem,
    value: Value,
    base_key: &str,
) -> Result<Plan, String> {
    let sel = selection.unwrap_or("");
    let label = format!("add {}", item.title().to_lowercase());
    match item {
        NewItem::Block(kind) => {
            let (coll, after) = block_target(root, sel, kind);
            keyed_insert(root, &coll, after.as_deref(), base_key, value, label)
        }
        NewItem::Tag => keyed_insert(root, TAGS, sibling_in(sel, TAGS).as_deref(), base_key, value, label),
        NewItem::Button => keyed_insert(root, BUTTONS, sibling_in(sel, BUTTONS).as_deref(), base_key, value, label),
        NewItem::MenuItem => {
            keyed_insert(root, MENU_ITEMS, sibling_in(sel, MENU_ITEMS).as_deref(), base_key, value, label)
        }
        NewItem::MenuSection => section_insert(root, sel, value, label),
        NewItem::Action(_) => {
            let host = action_host(root, sel).ok_or_else(|| {
                "Select a button, menu item, link, logo, tag or the header title to set its action.".to_string()
            })?;
            Ok(Plan {
                label: format!("set {} action", item.title().to_lowercase()),
                cmd: EditCommand::Set { path: host.clone(), value },
                select: host,
            })
        }
    }
}

/// The key of the collection member of `coll` that `sel` lies in, if any.
pub fn sibling_in(sel: &str, coll: &str) -> Option<String> {
    if !pointer::is_within(sel, coll) || sel == coll {
        return None;
    }
    pointer::tokens(&sel[coll.len()..]).into_iter().next()
}

/// Where a new block goes: (collection pointer, key to insert after).
/// Into the selected lineOfBlocks (or after the selected child in it) when the type may nest;
/// after the selected body block; else at the end of the body.
pub fn block_target(root: &Value, sel: &str, kind: BlockKind) -> (String, Option<String>) {
    if let Some(top) = sibling_in(sel, BODY_BLOCKS) {
        let top_ptr = pointer::join(BODY_BLOCKS, &top);
        let is_line =
            root.pointer(&top_ptr).and_then(|b| b.get("type")).and_then(Value::as_str) == Some("lineOfBlocks");
        if is_line && kind.is_nestable() {
            let inner = format!("{top_ptr}/properties/blocks");
            return (inner.clone(), sibling_in(sel, &inner));
        }
        return (BODY_BLOCKS.to_string(), Some(top));
    }
    (BODY_BLOCKS.to_string(), None)
}

/// Inserts `value` under a unique key into the keyed collection `coll` (after `after`, else at
/// the end), creating the collection and its missing ancestors when absent.
pub fn keyed_insert(
    root: &Value,
    coll: &str,
    after: Option<&str>,
    base_key: &str,
    value: Value,
    label: String,
) -> Result<Plan, String> {
    match root.pointer(coll) {
        Some(Value::Object(map)) => {
            let key = unique_key(base_key, map.keys().collect::<Vec<_>>());
            let index = after.and_then(|a| map.keys().position(|k| k == a)).map_or(map.len(), |i| i + 1);
            let select = pointer::join(coll, &key);
            Ok(Plan {
                label,
                cmd: EditCommand::Insert { parent: coll.to_string(), index, key: Some(key), value },
                select,
            })
        }
        Some(_) => Err(format!("{} is not an object, so nothing can be added to it.", coll)),
        None => {
            let key = if base_key.is_empty() { "item".to_string() } else { base_key.to_string() };
            let mut m = Map::new();
            m.insert(key.clone(), value);
            let select = pointer::join(coll, &key);
            Ok(Plan { label, cmd: create_path(root, coll, Value::Object(m))?, select })
        }
    }
}

fn section_insert(root: &Value, sel: &str, mut value: Value, label: String) -> Result<Plan, String> {
    let existing: Vec<String> = match root.pointer(SECTIONS) {
        Some(Value::Array(a)) => a.iter().filter_map(|s| s.get("code")?.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    let base = value.get("code").and_then(Value::as_str).unwrap_or("section").to_string();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("code".into(), Value::String(unique_key(&base, &existing)));
    }
    match root.pointer(SECTIONS) {
        Some(Value::Array(a)) => {
            let index = sibling_in(sel, SECTIONS).and_then(|i| i.parse::<usize>().ok()).map_or(a.len(), |i| i + 1);
            let select = pointer::join(SECTIONS, &index.to_string());
            Ok(Plan { label, cmd: EditCommand::Insert { parent: SECTIONS.into(), index, key: None, value }, select })
        }
        Some(_) => Err(format!("{SECTIONS} is not an array, so no section can be added.")),
        None => Ok(Plan {
            label,
            cmd: create_path(root, SECTIONS, Value::Array(vec![value]))?,
            select: format!("{SECTIONS}/0"),
        }),
    }
}

/// A `Set` that creates `path` with `value`, building missing object ancestors into the value
/// so the whole change is one command on the deepest existing ancestor.
pub fn create_path(root: &Value, path: &str, value: Value) -> Result<EditCommand, String> {
    let toks = pointer::tokens(path);
    let mut value = value;
    for n in (0..toks.len()).rev() {
        let parent = pointer::from_tokens(&toks[..n]);
        match root.pointer(&parent) {
            Some(Value::Object(_)) => {
                return Ok(EditCommand::Set { path: pointer::from_tokens(&toks[..=n]), value });
            }
            Some(_) => return Err(format!("{parent} is not an object.")),
            None => {
                let mut m = Map::new();
                m.insert(toks[n].clone(), value);
                value = Value::Object(m);
            }
        }
    }
    Err("the document root is not an object.".into())
}

/// The action slot for the host around `sel`: header title, tag, logo, link block (also nested),
/// button or menu item. Returns the pointer of the action field.
pub fn action_host(root: &Value, sel: &str) -> Option<String> {
    let toks = pointer::tokens(sel);
    let t: Vec<&str> = toks.iter().map(String::as_str).collect();
    let host = match t.as_slice() {
        ["layout", "header"] | ["layout", "header", "title" | "titleAction", ..] => {
            return Some(layout_ptr!("/header/titleAction").into());
        }
        ["layout", "header", "tags", k, ..] => pointer::from_tokens(&["layout", "header", "tags", k]),
        ["layout", "body", "logo", ..] => layout_ptr!("/body/logo").to_string(),
        ["layout", "footer", "buttons", k, ..] => pointer::from_tokens(&["layout", "footer", "buttons", k]),
        ["layout", "footer", "menu", "items", k, ..] => pointer::from_tokens(&["layout", "footer", "menu", "items", k]),
        ["layout", "body", "blocks", k, "properties", "blocks", c, ..] => {
            link_action(root, &pointer::from_tokens(&["layout", "body", "blocks", k, "properties", "blocks", c]))?
        }
        ["layout", "body", "blocks", k, "properties", "block", ..] => {
            link_action(root, &pointer::from_tokens(&["layout", "body", "blocks", k, "properties", "block"]))?
        }
        ["layout", "body", "blocks", k, ..] => {
            link_action(root, &pointer::from_tokens(&["layout", "body", "blocks", k]))?
        }
        _ => return None,
    };
    if host.ends_with("/properties/action") {
        return Some(host);
    }
    Some(format!("{host}/action"))
}

fn link_action(root: &Value, block: &str) -> Option<String> {
    let kind = root.pointer(block)?.get("type")?.as_str()?;
    (kind == "link").then(|| format!("{block}/properties/action"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;

    fn doc() -> Value {
        json!({"fields": {}, "layout": {
            "icon": {"code": "info"},
            "header": {"title": "T"},
            "body": {"logo": {"code": "document"}, "blocks": {
                "a": {"type": "text", "properties": {"value": "A"}},
                "line": {"type": "lineOfBlocks", "properties": {"blocks": {
                    "x": {"type": "text", "properties": {"value": "x"}}}}},
                "lnk": {"type": "link", "properties": {"text": "L", "action": {"type": "redirect", "uri": "/"}}},
                "z": {"type": "text", "properties": {"value": "Z"}}}}}})
    }

    fn run(root: &Value, sel: Option<&str>, item: NewItem) -> (Value, String) {
        let plan = plan_insert(root, sel, item).unwrap();
        let mut r = root.clone();
        apply(&mut r, &plan.cmd).unwrap();
        assert!(r.pointer(&plan.select).is_some(), "selects the new node {}", plan.select);
        (r, plan.select)
    }

    fn keys(v: &Value, p: &str) -> Vec<String> {
        v.pointer(p).unwrap().as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn blocks_go_after_selection_into_lines_or_at_the_end() {
        let d = doc();
        let (r, sel) = run(&d, None, NewItem::Block(BlockKind::Text));
        assert_eq!(keys(&r, BODY_BLOCKS), ["a", "line", "lnk", "z", "text"]);
        assert_eq!(r.pointer(&sel).unwrap(), &default_block(BlockKind::Text));
        let (r, _) = run(&d, Some(layout_ptr!("/body/blocks/a/properties/value")), NewItem::Block(BlockKind::Link));
        assert_eq!(keys(&r, BODY_BLOCKS), ["a", "link", "line", "lnk", "z"]);
        let (r, sel) = run(&d, Some(layout_ptr!("/body/blocks/line")), NewItem::Block(BlockKind::Text));
        assert_eq!(sel, layout_ptr!("/body/blocks/line/properties/blocks/text"));
        assert_eq!(keys(&r, layout_ptr!("/body/blocks/line/properties/blocks")), ["x", "text"]);
        // largeText may not nest: it goes after the line instead.
        let (r, _) =
            run(&d, Some(layout_ptr!("/body/blocks/line/properties/blocks/x")), NewItem::Block(BlockKind::LargeText));
        assert_eq!(keys(&r, BODY_BLOCKS), ["a", "line", "largeText", "lnk", "z"]);
    }

    #[test]
    fn keys_are_unique_and_parents_created() {
        let d = doc();
        let (r, _) = run(&d, None, NewItem::Block(BlockKind::Text));
        let (r, sel) = run(&r, None, NewItem::Block(BlockKind::Text));
        assert_eq!(sel, layout_ptr!("/body/blocks/text-2"));
        let (r, sel) = run(&r, None, NewItem::MenuItem);
        assert_eq!(sel, layout_ptr!("/footer/menu/items/item"));
        assert_eq!(r["layout"]["footer"]["menu"]["items"]["item"]["action"]["type"], "redirect");
        let (r, _) = run(&r, None, NewItem::Tag);
        assert_eq!(r["layout"]["header"]["tags"]["tag"]["type"], "primary");
        let (r, s1) = run(&r, None, NewItem::MenuSection);
        let (r, s2) = run(&r, Some(&s1), NewItem::MenuSection);
        assert_eq!(
            (s1.as_str(), s2.as_str()),
            (layout_ptr!("/footer/menu/sections/0"), layout_ptr!("/footer/menu/sections/1"))
        );
        assert_eq!(r.pointer(layout_ptr!("/footer/menu/sections/1/code")).unwrap(), "section-2");
        // A whole missing body is created too.
        let empty = json!({"fields": {}, "layout": {}});
        let (r, _) = run(&empty, None, NewItem::Block(BlockKind::Deadline));
        assert_eq!(r["layout"]["body"]["blocks"]["deadline"]["type"], "deadline");
    }

    #[test]
    fn actions_land_on_the_selected_host() {
        let d = doc();
        let (_, sel) = run(&d, Some(layout_ptr!("/body/blocks/lnk")), NewItem::Action(ActionKind::RestEvent));
        assert_eq!(sel, layout_ptr!("/body/blocks/lnk/properties/action"));
        let (_, sel) = run(&d, Some(layout_ptr!("/header/title")), NewItem::Action(ActionKind::Redirect));
        assert_eq!(sel, layout_ptr!("/header/titleAction"));
        let (_, sel) = run(&d, Some(layout_ptr!("/body/logo")), NewItem::Action(ActionKind::OpenRestApp));
        assert_eq!(sel, layout_ptr!("/body/logo/action"));
        assert!(plan_insert(&d, Some(layout_ptr!("/body/blocks/a")), NewItem::Action(ActionKind::Redirect)).is_err());
        assert!(plan_insert(&d, None, NewItem::Action(ActionKind::Redirect)).is_err());
    }

    #[test]
    fn non_object_collection_is_refused() {
        let d = json!({"fields": {}, "layout": {"header": {"tags": [1]}}});
        assert!(plan_insert(&d, None, NewItem::Tag).is_err());
    }
}
