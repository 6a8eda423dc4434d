//! Structural edits on the selected node — duplicate, remove, move, rename, copy and paste —
//! as pure functions that build an `EditCommand` from the current document root. The tree's
//! context menu and the app's keyboard commands share them, so both behave identically.
//!
//! Paths are document pointers (`/layout/body/blocks/b1`). Keyed collections (`tags`,
//! `blocks`, `buttons`, `items`, `actionParams`) are JSON objects whose key order is display
//! order; `sections` is an array.

use super::{EditCommand, sanitize_key, unique_key};
use crate::layout::pointer;
use serde_json::{Map, Value};

/// Names of the keyed collections (objects whose members the user names).
pub const KEYED: &[&str] = &["tags", "blocks", "buttons", "items", "actionParams"];
/// Names of the array collections.
pub const LISTS: &[&str] = &["sections"];

/// Why a structural edit cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StructureError {
    #[error("nothing at {0}")]
    NotFound(String),
    #[error("{0} cannot be renamed: only members of tags, blocks, buttons, items and actionParams have user keys")]
    NotRenamable(String),
    #[error("a key may hold only letters A–Z, a–z, digits, \"_\" and \"-\", and cannot be empty")]
    BadKey,
    #[error("the key \"{0}\" is already used here")]
    KeyExists(String),
    #[error("the clipboard does not hold JSON: {0}")]
    NotJson(String),
    #[error("nothing can be pasted into {0}")]
    NoTarget(String),
}

/// True when `path` is a member of a keyed collection (its key is user-chosen).
pub fn is_keyed_item(path: &str) -> bool {
    pointer::split_last(path)
        .and_then(|(parent, _)| pointer::split_last(&parent).map(|(_, name)| name))
        .is_some_and(|name| KEYED.contains(&name.as_str()))
}

/// True when `path` is an element of an array collection (`sections`).
pub fn is_list_item(path: &str) -> bool {
    pointer::split_last(path)
        .and_then(|(parent, _)| pointer::split_last(&parent).map(|(_, name)| name))
        .is_some_and(|name| LISTS.contains(&name.as_str()))
}

/// True for paths that may be removed: anything below `/layout` or `/fields` (not those two).
pub fn is_removable(root: &Value, path: &str) -> bool {
    let depth = pointer::tokens(path).len();
    depth >= 2 && root.pointer(path).is_some()
}

/// Removes the node at `path`. `None` for the root containers or a missing node.
pub fn remove(root: &Value, path: &str) -> Option<EditCommand> {
    is_removable(root, path).then(|| EditCommand::Remove { path: path.to_string() })
}

/// Position of `key` in an ordered object.
fn index_of(map: &Map<String, Value>, key: &str) -> Option<usize> {
    map.keys().position(|k| k == key)
}

/// A free key for a copy of `key`: `text-2` → `text-3` (not `text-2-2`), `a` → `a-2`.
fn next_key<'a>(key: &str, existing: impl IntoIterator<Item = &'a String> + Clone) -> String {
    let taken = |k: &str| existing.clone().into_iter().any(|e| e == k);
    if !taken(key) {
        return key.to_string();
    }
    if let Some((stem, n)) = key.rsplit_once('-')
        && !stem.is_empty()
        && let Ok(n) = n.parse::<u64>()
    {
        return (n + 1..).map(|m| format!("{stem}-{m}")).find(|k| !taken(k)).expect("unbounded range");
    }
    unique_key(key, existing)
}

/// Duplicates a collection member right after itself; returns the command and the copy's path.
pub fn duplicate(root: &Value, path: &str) -> Option<(EditCommand, String)> {
    let (parent, key) = pointer::split_last(path)?;
    match root.pointer(&parent)? {
        Value::Object(map) if is_keyed_item(path) => {
            let index = index_of(map, &key)?;
            let new_key = next_key(&key, map.keys());
            let value = map.get(&key)?.clone();
            let new_path = pointer::join(&parent, &new_key);
            Some((EditCommand::Insert { parent, index: index + 1, key: Some(new_key), value }, new_path))
        }
        Value::Array(arr) if is_list_item(path) => {
            let index: usize = key.parse().ok().filter(|i| *i < arr.len())?;
            let new_path = pointer::join(&parent, &(index + 1).to_string());
            let value = arr[index].clone();
            Some((EditCommand::Insert { parent, index: index + 1, key: None, value }, new_path))
        }
        _ => None,
    }
}

/// Moves a member one place up (`delta < 0`) or down within its parent, keeping its key.
/// Returns the command and the node's new path; `None` at either end or for a non-member.
pub fn move_by(root: &Value, path: &str, delta: i32) -> Option<(EditCommand, String)> {
    let (parent, key) = pointer::split_last(path)?;
    if pointer::tokens(path).len() < 2 {
        return None;
    }
    let (from, len) = match root.pointer(&parent)? {
        Value::Object(map) => (index_of(map, &key)?, map.len()),
        Value::Array(arr) => (key.parse::<usize>().ok().filter(|i| *i < arr.len())?, arr.len()),
        _ => return None,
    };
    let to = from as i64 + delta as i64;
    if to < 0 || to >= len as i64 || delta == 0 {
        return None;
    }
    let to = to as usize;
    let new_path = match root.pointer(&parent)? {
        Value::Array(_) => pointer::join(&parent, &to.to_string()),
        _ => path.to_string(),
    };
    Some((EditCommand::Move { path: path.to_string(), index: to }, new_path))
}

/// Renames a keyed-collection member in place. Returns the command and the new path.
pub fn rename(root: &Value, path: &str, new_key: &str) -> Result<(EditCommand, String), StructureError> {
    if !is_keyed_item(path) {
        return Err(StructureError::NotRenamable(path.to_string()));
    }
    let (parent, key) = pointer::split_last(path).ok_or_else(|| StructureError::NotFound(path.to_string()))?;
    let map = root.pointer(&parent).and_then(Value::as_object).ok_or_else(|| StructureError::NotFound(path.into()))?;
    if !map.contains_key(&key) {
        return Err(StructureError::NotFound(path.to_string()));
    }
    if new_key.is_empty() || sanitize_key(new_key) != new_key {
        return Err(StructureError::BadKey);
    }
    if new_key != key && map.contains_key(new_key) {
        return Err(StructureError::KeyExists(new_key.to_string()));
    }
    let new_path = pointer::join(&parent, new_key);
    Ok((EditCommand::Rename { path: path.to_string(), new_key: new_key.to_string() }, new_path))
}

/// Clipboard text for the node at `path`: a keyed member as `{"key": value}` (so the key
/// travels with it), anything else as its bare value. Pretty JSON.
pub fn copy_json(root: &Value, path: &str) -> Option<String> {
    let value = root.pointer(path)?;
    let out = if is_keyed_item(path) {
        let (_, key) = pointer::split_last(path)?;
        let mut m = Map::new();
        m.insert(key, value.clone());
        Value::Object(m)
    } else {
        value.clone()
    };
    serde_json::to_string_pretty(&out).ok()
}

/// Field names of collection items: an object holding one of these is one item, not a
/// `{key: item}` map.
const ITEM_FIELDS: &[&str] = &["type", "properties", "title", "action", "value", "code", "sectionCode"];

/// Reads clipboard JSON as a list of `(suggested key, value)`: `{"k": {...}, ...}` keeps its
/// keys; a single item object or any other value gets the key `fallback`.
fn clipboard_members(v: Value, fallback: &str) -> Vec<(String, Value)> {
    match v {
        Value::Object(map)
            if !map.is_empty()
                && map.values().all(Value::is_object)
                && !map.keys().any(|k| ITEM_FIELDS.contains(&k.as_str())) =>
        {
            map.into_iter().collect()
        }
        other => vec![(fallback.to_string(), other)],
    }
}

/// Pastes clipboard JSON at `target`: into it when it is a collection (`…/blocks`), else after
/// it as a sibling. Key clashes get `-2`, `-3`… Returns one undoable command and the path of
/// the (first) pasted node.
pub fn paste(root: &Value, target: &str, text: &str) -> Result<(EditCommand, String), StructureError> {
    let value: Value = serde_json::from_str(text.trim()).map_err(|e| StructureError::NotJson(e.to_string()))?;
    let node = root.pointer(target).ok_or_else(|| StructureError::NotFound(target.to_string()))?;
    let name = pointer::split_last(target).map(|(_, k)| k).unwrap_or_default();
    let is_collection = KEYED.contains(&name.as_str()) || LISTS.contains(&name.as_str());
    // (container path, insertion index)
    let (parent, mut index) = if is_collection && (node.is_object() || node.is_array()) {
        let len = node.as_object().map(Map::len).or(node.as_array().map(Vec::len)).unwrap_or(0);
        (target.to_string(), len)
    } else if is_keyed_item(target) || is_list_item(target) {
        let (parent, key) = pointer::split_last(target).ok_or_else(|| StructureError::NoTarget(target.into()))?;
        let idx = match root.pointer(&parent) {
            Some(Value::Object(m)) => index_of(m, &key).map_or(m.len(), |i| i + 1),
            Some(Value::Array(a)) => key.parse::<usize>().map_or(a.len(), |i| (i + 1).min(a.len())),
            _ => return Err(StructureError::NoTarget(target.to_string())),
        };
        (parent, idx)
    } else {
        return Err(StructureError::NoTarget(target.to_string()));
    };
    let container = root.pointer(&parent).ok_or_else(|| StructureError::NotFound(parent.clone()))?;
    let mut cmds = Vec::new();
    let mut first = None;
    match container {
        Value::Object(map) => {
            let fallback = pointer::split_last(&parent).map(|(_, n)| singular(&n)).unwrap_or("item");
            let mut taken: Vec<String> = map.keys().cloned().collect();
            for (key, v) in clipboard_members(value, fallback) {
                let base = sanitize_key(&key);
                let key = next_key(&base, &taken);
                taken.push(key.clone());
                first.get_or_insert_with(|| pointer::join(&parent, &key));
                cmds.push(EditCommand::Insert { parent: parent.clone(), index, key: Some(key), value: v });
                index += 1;
            }
        }
        Value::Array(_) => {
            let items = match value {
                Value::Array(items) => items,
                other => vec![other],
            };
            for v in items {
                first.get_or_insert_with(|| pointer::join(&parent, &index.to_string()));
                cmds.push(EditCommand::Insert { parent: parent.clone(), index, key: None, value: v });
                index += 1;
            }
        }
        _ => return Err(StructureError::NoTarget(target.to_string())),
    }
    let first = first.ok_or_else(|| StructureError::NoTarget(target.to_string()))?;
    let cmd = if cmds.len() == 1 { cmds.remove(0) } else { EditCommand::Batch(cmds) };
    Ok((cmd, first))
}

fn singular(collection: &str) -> &'static str {
    match collection {
        "tags" => "tag",
        "blocks" => "block",
        "buttons" => "button",
        "items" => "item",
        "actionParams" => "param",
        _ => "item",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::LAYOUT;
    use crate::edit::apply;
    use crate::layout_ptr;
    use serde_json::json;

    fn doc() -> Value {
        json!({"fields": {}, "layout": {"body": {"blocks": {
            "a": {"type": "text", "properties": {"value": "A"}},
            "text-2": {"type": "text", "properties": {"value": "B"}}
        }}, "footer": {"menu": {"sections": [{"code": "s1"}, {"code": "s2"}]}}}})
    }

    fn keys(v: &Value, p: &str) -> Vec<String> {
        v.pointer(p).unwrap().as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn duplicate_inserts_after_with_fresh_key() {
        let mut d = doc();
        let (cmd, p) = duplicate(&d, layout_ptr!("/body/blocks/text-2")).unwrap();
        apply(&mut d, &cmd).unwrap();
        assert_eq!(p, layout_ptr!("/body/blocks/text-3"));
        assert_eq!(keys(&d, layout_ptr!("/body/blocks")), ["a", "text-2", "text-3"]);
        let (cmd, p) = duplicate(&d, layout_ptr!("/footer/menu/sections/0")).unwrap();
        apply(&mut d, &cmd).unwrap();
        assert_eq!(p, layout_ptr!("/footer/menu/sections/1"));
        assert_eq!(d.pointer(&p).unwrap()["code"], "s1");
        assert!(duplicate(&d, layout_ptr!("/body")).is_none());
    }

    #[test]
    fn move_stops_at_ends() {
        let mut d = doc();
        assert!(move_by(&d, layout_ptr!("/body/blocks/a"), -1).is_none());
        let (cmd, p) = move_by(&d, layout_ptr!("/body/blocks/a"), 1).unwrap();
        apply(&mut d, &cmd).unwrap();
        assert_eq!(p, layout_ptr!("/body/blocks/a"));
        assert_eq!(keys(&d, layout_ptr!("/body/blocks")), ["text-2", "a"]);
        assert!(move_by(&d, layout_ptr!("/body/blocks/a"), 1).is_none());
        let (_, p) = move_by(&d, layout_ptr!("/footer/menu/sections/1"), -1).unwrap();
        assert_eq!(p, layout_ptr!("/footer/menu/sections/0"));
    }

    #[test]
    fn rename_enforces_key_rule_and_clashes() {
        let d = doc();
        assert_eq!(rename(&d, layout_ptr!("/body/blocks/a"), "b c"), Err(StructureError::BadKey));
        assert_eq!(rename(&d, layout_ptr!("/body/blocks/a"), ""), Err(StructureError::BadKey));
        assert_eq!(
            rename(&d, layout_ptr!("/body/blocks/a"), "text-2"),
            Err(StructureError::KeyExists("text-2".into()))
        );
        assert!(matches!(rename(&d, layout_ptr!("/body"), "x"), Err(StructureError::NotRenamable(_))));
        let (_, p) = rename(&d, layout_ptr!("/body/blocks/a"), "hello_1").unwrap();
        assert_eq!(p, layout_ptr!("/body/blocks/hello_1"));
    }

    #[test]
    fn copy_then_paste_resolves_clash_and_keeps_order() {
        let mut d = doc();
        let text = copy_json(&d, layout_ptr!("/body/blocks/a")).unwrap();
        // Paste on the item: after it.
        let (cmd, p) = paste(&d, layout_ptr!("/body/blocks/a"), &text).unwrap();
        apply(&mut d, &cmd).unwrap();
        assert_eq!(p, layout_ptr!("/body/blocks/a-2"));
        assert_eq!(keys(&d, layout_ptr!("/body/blocks")), ["a", "a-2", "text-2"]);
        // Paste on the collection: at the end. A bare block gets the fallback key.
        let (cmd, p) = paste(&d, layout_ptr!("/body/blocks"), r#"{"type":"link","properties":{}}"#).unwrap();
        apply(&mut d, &cmd).unwrap();
        assert_eq!(p, layout_ptr!("/body/blocks/block"));
        assert_eq!(d.pointer(&p).unwrap()["type"], "link");
    }

    #[test]
    fn paste_rejects_garbage_and_wrong_targets() {
        let d = doc();
        assert!(matches!(paste(&d, layout_ptr!("/body/blocks"), "{nope"), Err(StructureError::NotJson(_))));
        assert!(matches!(paste(&d, layout_ptr!("/body"), "{}"), Err(StructureError::NoTarget(_))));
        assert!(matches!(paste(&d, layout_ptr!("/zzz"), "{}"), Err(StructureError::NotFound(_))));
    }

    #[test]
    fn remove_refuses_roots() {
        let d = doc();
        assert!(remove(&d, LAYOUT).is_none());
        assert!(remove(&d, layout_ptr!("/missing")).is_none());
        assert_eq!(
            remove(&d, layout_ptr!("/body/blocks/a")),
            Some(EditCommand::Remove { path: layout_ptr!("/body/blocks/a").into() })
        );
    }
}
