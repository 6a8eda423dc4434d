//! The document tree as a flat list of rows (pure): what the tree panel draws, and which
//! operations each row allows. Built from the raw document so broken layouts still show.

use crate::edit::FIELDS;
use crate::layout::pointer;
use crate::layout_ptr;
use egui_material_icons::icons as I;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct TreeNode {
    pub pointer: String,
    /// Row text and accessible name: the key for keyed items, else a fixed name.
    pub label: String,
    /// Weak text after the label (block type, action type...).
    pub detail: String,
    /// Material Symbols codepoint (the app installs the icon font).
    pub icon: &'static str,
    pub depth: usize,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A fixed part of the layout (icon, header, body, footer, menu...).
    Part,
    /// A member of a keyed collection (tags, blocks, buttons, items): rename, reorder, copy.
    Keyed { collection: String, key: String },
    /// An element of `menu.sections` (a JSON array): reorder, copy.
    Indexed { collection: String, index: usize },
    /// An action slot.
    Action,
    /// The activity `fields`.
    Fields,
}

impl TreeNode {
    pub fn is_collection_member(&self) -> bool {
        matches!(self.kind, NodeKind::Keyed { .. } | NodeKind::Indexed { .. })
    }
    pub fn can_delete(&self) -> bool {
        !matches!(self.kind, NodeKind::Fields)
    }
    pub fn collection(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Keyed { collection, .. } | NodeKind::Indexed { collection, .. } => Some(collection),
            _ => None,
        }
    }
}

/// Every row of the tree, in display order.
pub fn build(root: &Value) -> Vec<TreeNode> {
    let mut b = Builder { out: Vec::new() };
    let layout = &root["layout"];
    if let Some(icon) = layout.get("icon") {
        let code = icon.get("code").and_then(Value::as_str).unwrap_or("");
        b.part(layout_ptr!("/icon"), "icon", code, I::ICON_CIRCLE.codepoint, 0);
    }
    if let Some(header) = layout.get("header") {
        b.part(layout_ptr!("/header"), "header", "", I::ICON_WEB_ASSET.codepoint, 0);
        if header.get("title").is_some() {
            b.part(
                layout_ptr!("/header/title"),
                "title",
                &text_preview(header.get("title")),
                I::ICON_TITLE.codepoint,
                1,
            );
        }
        if header.get("titleAction").is_some() {
            b.action(layout_ptr!("/header/titleAction"), "titleAction", header, 1);
        }
        b.keyed(header, layout_ptr!("/header/tags"), "tags", 1, |b, p, v, d| b.action_of(p, v, "action", d));
    }
    if let Some(body) = layout.get("body") {
        b.part(layout_ptr!("/body"), "body", "", I::ICON_VIEW_AGENDA.codepoint, 0);
        if let Some(logo) = body.get("logo") {
            let code = logo.get("code").and_then(Value::as_str).unwrap_or("");
            b.part(layout_ptr!("/body/logo"), "logo", code, I::ICON_IMAGE.codepoint, 1);
            b.action_of(layout_ptr!("/body/logo"), logo, "action", 2);
        }
        b.keyed(body, layout_ptr!("/body/blocks"), "blocks", 1, Builder::block_children);
    }
    if let Some(footer) = layout.get("footer") {
        b.part(layout_ptr!("/footer"), "footer", "", I::ICON_CALL_TO_ACTION.codepoint, 0);
        b.keyed(footer, layout_ptr!("/footer/buttons"), "buttons", 1, |b, p, v, d| b.action_of(p, v, "action", d));
        if let Some(menu) = footer.get("menu") {
            b.part(layout_ptr!("/footer/menu"), "menu", "", I::ICON_MENU.codepoint, 1);
            b.keyed(menu, layout_ptr!("/footer/menu/items"), "items", 2, |b, p, v, d| b.action_of(p, v, "action", d));
            if let Some(Value::Array(sections)) = menu.get("sections") {
                b.part(
                    layout_ptr!("/footer/menu/sections"),
                    "sections",
                    &format!("{}", sections.len()),
                    I::ICON_LIST.codepoint,
                    2,
                );
                for (i, s) in sections.iter().enumerate() {
                    let code = s.get("code").and_then(Value::as_str).unwrap_or("");
                    b.out.push(TreeNode {
                        pointer: pointer::join(layout_ptr!("/footer/menu/sections"), &i.to_string()),
                        label: if code.is_empty() { format!("section {i}") } else { code.to_string() },
                        detail: "(section)".into(),
                        icon: I::ICON_SEGMENT.codepoint,
                        depth: 3,
                        kind: NodeKind::Indexed { collection: layout_ptr!("/footer/menu/sections").into(), index: i },
                    });
                }
            }
        }
    }
    b.out.push(TreeNode {
        pointer: FIELDS.into(),
        label: "activity fields".into(),
        detail: String::new(),
        icon: I::ICON_SETTINGS.codepoint,
        depth: 0,
        kind: NodeKind::Fields,
    });
    b.out
}

struct Builder {
    out: Vec<TreeNode>,
}

type Children = fn(&mut Builder, &str, &Value, usize);

impl Builder {
    fn part(&mut self, ptr: &str, label: &str, detail: &str, icon: &'static str, depth: usize) {
        self.out.push(TreeNode {
            pointer: ptr.into(),
            label: label.into(),
            detail: if detail.is_empty() { String::new() } else { format!("({detail})") },
            icon,
            depth,
            kind: NodeKind::Part,
        });
    }

    fn action(&mut self, ptr: &str, label: &str, host: &Value, depth: usize) {
        let kind = host.get(label).and_then(|a| a.get("type")).and_then(Value::as_str).unwrap_or("?");
        self.out.push(TreeNode {
            pointer: ptr.into(),
            label: label.into(),
            detail: format!("({kind})"),
            icon: I::ICON_BOLT.codepoint,
            depth,
            kind: NodeKind::Action,
        });
    }

    fn action_of(&mut self, host_ptr: &str, host: &Value, field: &str, depth: usize) {
        if host.get(field).is_some() {
            self.action(&pointer::join(host_ptr, field), field, host, depth);
        }
    }

    /// A keyed collection `name` under `parent` (the collection row, then its members).
    fn keyed<F>(&mut self, parent: &Value, coll: &str, name: &str, depth: usize, children: F)
    where
        F: Fn(&mut Builder, &str, &Value, usize),
    {
        let Some(items) = parent.get(name) else { return };
        let count = items.as_object().map_or(0, |m| m.len());
        self.part(coll, name, &count.to_string(), I::ICON_LIST.codepoint, depth);
        let Some(map) = items.as_object() else { return };
        for (key, v) in map {
            let ptr = pointer::join(coll, key);
            let detail = v.get("type").and_then(Value::as_str).unwrap_or("");
            self.out.push(TreeNode {
                pointer: ptr.clone(),
                label: key.clone(),
                detail: if detail.is_empty() { String::new() } else { format!("({detail})") },
                icon: item_icon(name, detail),
                depth: depth + 1,
                kind: NodeKind::Keyed { collection: coll.into(), key: key.clone() },
            });
            children(self, &ptr, v, depth + 2);
        }
    }

    /// Nested children of a block: link action, withTitle's block, lineOfBlocks' blocks.
    fn block_children(&mut self, ptr: &str, block: &Value, depth: usize) {
        let props_ptr = format!("{ptr}/properties");
        let Some(props) = block.get("properties") else { return };
        match block.get("type").and_then(Value::as_str) {
            Some("link") => self.action_of(&props_ptr, props, "action", depth),
            Some("withTitle") => {
                if let Some(inner) = props.get("block") {
                    let inner_ptr = format!("{props_ptr}/block");
                    let kind = inner.get("type").and_then(Value::as_str).unwrap_or("?");
                    self.out.push(TreeNode {
                        pointer: inner_ptr.clone(),
                        label: "block".into(),
                        detail: format!("({kind})"),
                        icon: item_icon("blocks", kind),
                        depth,
                        kind: NodeKind::Part,
                    });
                    self.block_children(&inner_ptr, inner, depth + 1);
                }
            }
            Some("lineOfBlocks") => {
                let f: Children = Builder::block_children;
                self.keyed(props, &format!("{props_ptr}/blocks"), "blocks", depth, f);
            }
            _ => {}
        }
    }
}

fn item_icon(collection: &str, kind: &str) -> &'static str {
    let icon = match (collection, kind) {
        ("tags", _) => I::ICON_LABEL,
        ("buttons", _) => I::ICON_SMART_BUTTON,
        ("items", _) => I::ICON_TOUCH_APP,
        (_, "text") => I::ICON_TEXT_FIELDS,
        (_, "largeText") => I::ICON_NOTES,
        (_, "link") => I::ICON_LINK,
        (_, "withTitle") => I::ICON_TITLE,
        (_, "lineOfBlocks") => I::ICON_VIEW_WEEK,
        (_, "deadline") => I::ICON_SCHEDULE,
        _ => I::ICON_CIRCLE,
    };
    icon.codepoint
}

/// A short preview of a textWithTranslation value (first translation for maps).
pub fn text_preview(v: Option<&Value>) -> String {
    let s = match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(m)) => m.values().find_map(Value::as_str).unwrap_or("").to_string(),
        _ => String::new(),
    };
    let mut short: String = s.chars().take(24).collect();
    if short.len() < s.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn builds_rows_with_nesting_and_kinds() {
        let root = json!({"fields": {}, "layout": {
            "icon": {"code": "info"},
            "header": {"title": "Hello", "tags": {"t1": {"title": "x", "type": "success", "action": {"type": "redirect"}}}},
            "body": {"logo": {"code": "document"}, "blocks": {
                "line": {"type": "lineOfBlocks", "properties": {"blocks": {
                    "l": {"type": "link", "properties": {"text": "L", "action": {"type": "restEvent"}}}}}},
                "wt": {"type": "withTitle", "properties": {"title": "T", "block": {"type": "text"}}}}},
            "footer": {"menu": {"items": {"i": {"title": "I"}}, "sections": [{"code": "s"}]}}}});
        let rows = build(&root);
        let find = |p: &str| rows.iter().find(|r| r.pointer == p).unwrap_or_else(|| panic!("no row {p}"));
        assert_eq!(find(layout_ptr!("/header/title")).detail, "(Hello)");
        assert_eq!(find(layout_ptr!("/header/tags/t1/action")).kind, NodeKind::Action);
        let inner = find(layout_ptr!("/body/blocks/line/properties/blocks/l"));
        assert_eq!(inner.depth, 4);
        assert_eq!(
            inner.kind,
            NodeKind::Keyed { collection: layout_ptr!("/body/blocks/line/properties/blocks").into(), key: "l".into() }
        );
        assert_eq!(find(layout_ptr!("/body/blocks/line/properties/blocks/l/properties/action")).detail, "(restEvent)");
        assert_eq!(find(layout_ptr!("/body/blocks/wt/properties/block")).detail, "(text)");
        assert_eq!(find(layout_ptr!("/footer/menu/sections/0")).label, "s");
        assert_eq!(rows.last().unwrap().kind, NodeKind::Fields);
        // Rows appear in document order.
        let pos = |p: &str| rows.iter().position(|r| r.pointer == p).unwrap();
        assert!(pos(layout_ptr!("/body/blocks/line")) < pos(layout_ptr!("/body/blocks/wt")));
    }

    #[test]
    fn odd_documents_do_not_panic() {
        for v in [json!(null), json!({"layout": 3}), json!({"layout": {"body": {"blocks": [1, 2]}, "header": "x"}})] {
            let rows = build(&v);
            assert_eq!(rows.last().unwrap().pointer, FIELDS);
        }
    }
}
