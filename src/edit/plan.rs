//! The structural edits a user asks for on one node — duplicate, delete, cut, paste, move,
//! rename — each as a labelled `Plan`. The app's commands and the tree's menu and shortcuts
//! both build their edits here, so one node gets the same undo label, the same paste rules and
//! the same selection afterwards whichever way it was asked.

use super::EditCommand;
use super::structure::{self, StructureError};
use crate::layout::pointer;
use serde_json::Value;

/// Where a paste lands when its target takes none (a fixed part such as the header).
pub const BODY_BLOCKS: &str = "/layout/body/blocks";

/// One undoable structural edit: its undo label, the command, and the node to select after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub label: String,
    pub cmd: EditCommand,
    pub select: Option<String>,
}

impl Plan {
    fn new(verb: &str, path: &str, cmd: EditCommand, select: Option<String>) -> Self {
        Plan { label: format!("{verb} {}", noun(path)), cmd, select }
    }
}

/// What a node is called in undo labels ("block", "tag", "menu item"), by its collection.
pub fn noun(path: &str) -> &'static str {
    let collection = pointer::split_last(path).and_then(|(p, _)| pointer::split_last(&p)).map(|(_, n)| n);
    match collection.as_deref() {
        Some("blocks") => "block",
        Some("tags") => "tag",
        Some("buttons") => "button",
        Some("items") => "menu item",
        Some("sections") => "menu section",
        Some("actionParams") => "parameter",
        _ => "node",
    }
}

/// Duplicates a collection member right after itself and selects the copy.
pub fn duplicate(root: &Value, path: &str) -> Option<Plan> {
    let (cmd, new_path) = structure::duplicate(root, path)?;
    Some(Plan::new("duplicate", path, cmd, Some(new_path)))
}

/// Removes the node and selects its parent.
pub fn delete(root: &Value, path: &str) -> Option<Plan> {
    remove(root, path, "delete")
}

/// The removing half of a cut ("cut block"); the caller copies the node first, so a node that
/// cannot be removed is still copied.
pub fn cut(root: &Value, path: &str) -> Option<Plan> {
    remove(root, path, "cut")
}

fn remove(root: &Value, path: &str, verb: &str) -> Option<Plan> {
    let cmd = structure::remove(root, path)?;
    let parent = pointer::split_last(path).map(|(p, _)| p).filter(|p| root.pointer(p).is_some());
    Some(Plan::new(verb, path, cmd, parent))
}

/// Clipboard text for the node (a keyed member travels with its key).
pub fn copy(root: &Value, path: &str) -> Option<String> {
    structure::copy_json(root, path)
}

/// Pastes clipboard text at `target`; when the target takes no paste (a fixed part), falls
/// back to the body blocks so a copied block can always be pasted somewhere sensible.
pub fn paste(root: &Value, target: &str, text: &str) -> Result<Plan, StructureError> {
    let (cmd, new_path) = structure::paste(root, target, text).or_else(|e| match e {
        StructureError::NoTarget(_) if root.pointer(BODY_BLOCKS).is_some() => structure::paste(root, BODY_BLOCKS, text),
        e => Err(e),
    })?;
    Ok(Plan::new("paste", &new_path, cmd, Some(new_path.clone())))
}

/// Moves a member one place up (`delta < 0`) or down; `None` at either end.
pub fn move_by(root: &Value, path: &str, delta: i32) -> Option<Plan> {
    let (cmd, new_path) = structure::move_by(root, path, delta)?;
    Some(Plan::new("move", path, cmd, Some(new_path)))
}

/// Moves a member to position `index` of its collection (a drag in the tree).
pub fn move_to(path: &str, index: usize) -> Plan {
    let new_path = if structure::is_list_item(path) {
        pointer::split_last(path).map_or(path.to_string(), |(p, _)| pointer::join(&p, &index.to_string()))
    } else {
        path.to_string()
    };
    Plan::new("move", path, EditCommand::Move { path: path.to_string(), index }, Some(new_path))
}

/// Renames a keyed member in place and selects it under its new key.
pub fn rename(root: &Value, path: &str, new_key: &str) -> Result<Plan, StructureError> {
    let (cmd, new_path) = structure::rename(root, path, new_key)?;
    Ok(Plan::new("rename", path, cmd, Some(new_path)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use serde_json::json;

    fn doc() -> Value {
        json!({"fields": {}, "layout": {"header": {"title": "T"}, "body": {"blocks": {
            "a": {"type": "text", "properties": {"value": "A"}}
        }}, "footer": {"menu": {"sections": [{"code": "s1"}, {"code": "s2"}]}}}})
    }

    #[test]
    fn nouns() {
        assert_eq!(noun("/layout/body/blocks/a"), "block");
        assert_eq!(noun("/layout/footer/menu/items/x"), "menu item");
        assert_eq!(noun("/layout/header"), "node");
    }

    #[test]
    fn a_menu_section_is_called_so_wherever_it_is_moved_from() {
        let d = doc();
        assert_eq!(move_by(&d, "/layout/footer/menu/sections/0", 1).unwrap().label, "move menu section");
        assert_eq!(move_to("/layout/footer/menu/sections/1", 0).label, "move menu section");
        assert_eq!(
            move_to("/layout/footer/menu/sections/1", 0).select.as_deref(),
            Some("/layout/footer/menu/sections/0")
        );
    }

    #[test]
    fn paste_on_a_fixed_part_lands_in_the_body_blocks() {
        let mut d = doc();
        let text = copy(&d, "/layout/body/blocks/a").unwrap();
        let plan = paste(&d, "/layout/header", &text).unwrap();
        assert_eq!(plan.label, "paste block");
        assert_eq!(plan.select.as_deref(), Some("/layout/body/blocks/a-2"));
        apply(&mut d, &plan.cmd).unwrap();
        assert_eq!(d["layout"]["body"]["blocks"]["a-2"], d["layout"]["body"]["blocks"]["a"]);
        assert!(matches!(paste(&d, "/layout/header", "{nope"), Err(StructureError::NotJson(_))));
    }

    #[test]
    fn copy_keeps_the_key_and_cut_selects_the_collection() {
        let d = doc();
        let text = copy(&d, "/layout/body/blocks/a").unwrap();
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), json!({"a": d["layout"]["body"]["blocks"]["a"]}));
        let plan = cut(&d, "/layout/body/blocks/a").unwrap();
        assert_eq!(plan.label, "cut block");
        assert_eq!(plan.select.as_deref(), Some("/layout/body/blocks"));
        assert_eq!(delete(&d, "/layout/body/blocks/a").unwrap().label, "delete block");
        assert!(delete(&d, "/layout").is_none());
    }
}
