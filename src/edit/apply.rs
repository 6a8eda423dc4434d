//! Applying one `EditCommand` to a JSON value and computing its inverse.

use super::EditCommand;
use crate::layout::pointer;
use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("nothing at {0}")]
    NotFound(String),
    #[error("{0} is neither an object nor an array")]
    NotAContainer(String),
    #[error("the key \"{key}\" already exists in {parent}")]
    KeyExists { parent: String, key: String },
    #[error("inserting into an object needs a key")]
    MissingKey,
    #[error("the document root cannot be removed or renamed")]
    Root,
}

/// Applies `cmd` to `root` and returns the command that undoes it. On error `root` is unchanged.
pub fn apply(root: &mut Value, cmd: &EditCommand) -> Result<EditCommand, ApplyError> {
    match cmd {
        EditCommand::Set { path, value } => set(root, path, value.clone()),
        EditCommand::Insert { parent, index, key, value } => {
            insert(root, parent, *index, key.as_deref(), value.clone())
        }
        EditCommand::Remove { path } => remove(root, path),
        EditCommand::Rename { path, new_key } => rename(root, path, new_key),
        EditCommand::Move { path, index } => move_to(root, path, *index),
        EditCommand::Batch(cmds) => {
            let mut inverses = Vec::with_capacity(cmds.len());
            for c in cmds {
                match apply(root, c) {
                    Ok(inv) => inverses.push(inv),
                    Err(e) => {
                        // Roll back what this batch already did so the document stays intact.
                        for inv in inverses.iter().rev() {
                            let _ = apply(root, inv);
                        }
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Ok(EditCommand::Batch(inverses))
        }
    }
}

fn parent_and_key(path: &str) -> Result<(String, String), ApplyError> {
    pointer::split_last(path).ok_or(ApplyError::Root)
}

fn container<'a>(root: &'a mut Value, path: &str) -> Result<&'a mut Value, ApplyError> {
    root.pointer_mut(path).ok_or_else(|| ApplyError::NotFound(path.to_string()))
}

fn set(root: &mut Value, path: &str, value: Value) -> Result<EditCommand, ApplyError> {
    if path.is_empty() {
        let old = std::mem::replace(root, value);
        return Ok(EditCommand::Set { path: String::new(), value: old });
    }
    if let Some(slot) = root.pointer_mut(path) {
        let old = std::mem::replace(slot, value);
        return Ok(EditCommand::Set { path: path.to_string(), value: old });
    }
    // Absent: create it as the last member of an existing object parent.
    let (parent, key) = parent_and_key(path)?;
    match container(root, &parent)? {
        Value::Object(map) => {
            map.insert(key, value);
            Ok(EditCommand::Remove { path: path.to_string() })
        }
        Value::Array(arr) if key == "-" || key.parse::<usize>().ok() == Some(arr.len()) => {
            let idx = arr.len();
            arr.push(value);
            Ok(EditCommand::Remove { path: pointer::join(&parent, &idx.to_string()) })
        }
        _ => Err(ApplyError::NotFound(path.to_string())),
    }
}

fn insert(
    root: &mut Value,
    parent: &str,
    index: usize,
    key: Option<&str>,
    value: Value,
) -> Result<EditCommand, ApplyError> {
    match container(root, parent)? {
        Value::Object(map) => {
            let key = key.ok_or(ApplyError::MissingKey)?;
            if map.contains_key(key) {
                return Err(ApplyError::KeyExists { parent: parent.to_string(), key: key.to_string() });
            }
            let index = index.min(map.len());
            map.shift_insert(index, key.to_string(), value);
            Ok(EditCommand::Remove { path: pointer::join(parent, key) })
        }
        Value::Array(arr) => {
            let index = index.min(arr.len());
            arr.insert(index, value);
            Ok(EditCommand::Remove { path: pointer::join(parent, &index.to_string()) })
        }
        _ => Err(ApplyError::NotAContainer(parent.to_string())),
    }
}

fn remove(root: &mut Value, path: &str) -> Result<EditCommand, ApplyError> {
    let (parent, key) = parent_and_key(path)?;
    match container(root, &parent)? {
        Value::Object(map) => {
            let index = index_of(map, &key).ok_or_else(|| ApplyError::NotFound(path.to_string()))?;
            let v = map.shift_remove(&key).expect("index just found");
            Ok(EditCommand::Insert { parent, index, key: Some(key), value: v })
        }
        Value::Array(arr) => {
            let index = key
                .parse::<usize>()
                .ok()
                .filter(|i| *i < arr.len())
                .ok_or_else(|| ApplyError::NotFound(path.to_string()))?;
            let v = arr.remove(index);
            Ok(EditCommand::Insert { parent, index, key: None, value: v })
        }
        _ => Err(ApplyError::NotAContainer(parent)),
    }
}

fn rename(root: &mut Value, path: &str, new_key: &str) -> Result<EditCommand, ApplyError> {
    let (parent, key) = parent_and_key(path)?;
    let Value::Object(map) = container(root, &parent)? else {
        return Err(ApplyError::NotAContainer(parent));
    };
    if key == new_key {
        return Ok(EditCommand::Rename { path: path.to_string(), new_key: key });
    }
    if map.contains_key(new_key) {
        return Err(ApplyError::KeyExists { parent, key: new_key.to_string() });
    }
    let index = index_of(map, &key).ok_or_else(|| ApplyError::NotFound(path.to_string()))?;
    let v = map.shift_remove(&key).expect("index just found");
    map.shift_insert(index, new_key.to_string(), v);
    Ok(EditCommand::Rename { path: pointer::join(&parent, new_key), new_key: key })
}

fn move_to(root: &mut Value, path: &str, index: usize) -> Result<EditCommand, ApplyError> {
    let (parent, key) = parent_and_key(path)?;
    match container(root, &parent)? {
        Value::Object(map) => {
            let from = index_of(map, &key).ok_or_else(|| ApplyError::NotFound(path.to_string()))?;
            let to = index.min(map.len() - 1);
            let v = map.shift_remove(&key).expect("index just found");
            map.shift_insert(to, key, v);
            Ok(EditCommand::Move { path: path.to_string(), index: from })
        }
        Value::Array(arr) => {
            let from = key
                .parse::<usize>()
                .ok()
                .filter(|i| *i < arr.len())
                .ok_or_else(|| ApplyError::NotFound(path.to_string()))?;
            let to = index.min(arr.len() - 1);
            let v = arr.remove(from);
            arr.insert(to, v);
            Ok(EditCommand::Move { path: pointer::join(&parent, &to.to_string()), index: from })
        }
        _ => Err(ApplyError::NotAContainer(parent)),
    }
}

/// Position of `key` in an ordered map (serde_json's `Map` exposes no index lookup).
fn index_of(map: &Map<String, Value>, key: &str) -> Option<usize> {
    map.keys().position(|k| k == key)
}

/// An empty document: `{"fields": {}, "layout": {}}`.
pub fn empty_root() -> Value {
    let mut m = Map::new();
    m.insert("fields".into(), Value::Object(Map::new()));
    m.insert("layout".into(), Value::Object(Map::new()));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(v: &Value) -> Vec<String> {
        v.as_object().unwrap().keys().cloned().collect()
    }

    fn round_trip(mut doc: Value, cmd: EditCommand) -> Value {
        let before = doc.clone();
        let inv = apply(&mut doc, &cmd).unwrap();
        let after = doc.clone();
        apply(&mut doc, &inv).unwrap();
        assert_eq!(doc, before);
        assert_eq!(
            keys(&doc.pointer("/b").cloned().unwrap_or(json!({}))),
            keys(&before.pointer("/b").cloned().unwrap_or(json!({})))
        );
        after
    }

    #[test]
    fn insert_rename_move_remove_keep_order_and_invert() {
        let doc = json!({"b": {"x": 1, "y": 2, "z": 3}});
        let after = round_trip(
            doc.clone(),
            EditCommand::Insert { parent: "/b".into(), index: 1, key: Some("n".into()), value: json!(0) },
        );
        assert_eq!(keys(&after["b"]), ["x", "n", "y", "z"]);
        let after = round_trip(doc.clone(), EditCommand::Rename { path: "/b/y".into(), new_key: "w".into() });
        assert_eq!(keys(&after["b"]), ["x", "w", "z"]);
        let after = round_trip(doc.clone(), EditCommand::Move { path: "/b/z".into(), index: 0 });
        assert_eq!(keys(&after["b"]), ["z", "x", "y"]);
        let after = round_trip(doc.clone(), EditCommand::Remove { path: "/b/x".into() });
        assert_eq!(keys(&after["b"]), ["y", "z"]);
        let after = round_trip(doc.clone(), EditCommand::Set { path: "/b/q".into(), value: json!(9) });
        assert_eq!(keys(&after["b"]), ["x", "y", "z", "q"]);
        let after = round_trip(doc, EditCommand::Set { path: "/b/y".into(), value: json!("s") });
        assert_eq!(after["b"]["y"], "s");
    }

    #[test]
    fn arrays() {
        let mut doc = json!({"a": [1, 2, 3]});
        let inv = apply(&mut doc, &EditCommand::Move { path: "/a/0".into(), index: 2 }).unwrap();
        assert_eq!(doc["a"], json!([2, 3, 1]));
        apply(&mut doc, &inv).unwrap();
        assert_eq!(doc["a"], json!([1, 2, 3]));
        let inv = apply(&mut doc, &EditCommand::Remove { path: "/a/1".into() }).unwrap();
        assert_eq!(doc["a"], json!([1, 3]));
        apply(&mut doc, &inv).unwrap();
        assert_eq!(doc["a"], json!([1, 2, 3]));
    }

    #[test]
    fn errors_leave_document_intact() {
        let mut doc = json!({"b": {"x": 1, "y": 2}});
        let before = doc.clone();
        assert!(matches!(
            apply(&mut doc, &EditCommand::Rename { path: "/b/x".into(), new_key: "y".into() }),
            Err(ApplyError::KeyExists { .. })
        ));
        let batch = EditCommand::Batch(vec![
            EditCommand::Remove { path: "/b/x".into() },
            EditCommand::Remove { path: "/nope/z".into() },
        ]);
        assert!(apply(&mut doc, &batch).is_err());
        assert_eq!(doc, before);
        assert_eq!(apply(&mut doc, &EditCommand::Remove { path: "".into() }), Err(ApplyError::Root));
    }

    #[test]
    fn batch_inverse_undoes_in_reverse() {
        let mut doc = json!({"b": {"x": 1}});
        let before = doc.clone();
        let inv = apply(
            &mut doc,
            &EditCommand::Batch(vec![
                EditCommand::Insert { parent: "/b".into(), index: 9, key: Some("y".into()), value: json!(2) },
                EditCommand::Rename { path: "/b/y".into(), new_key: "z".into() },
            ]),
        )
        .unwrap();
        assert_eq!(doc, json!({"b": {"x": 1, "z": 2}}));
        apply(&mut doc, &inv).unwrap();
        assert_eq!(doc, before);
    }
}
