//! The inspector: typed widgets for the selected node. The selection is resolved to the
//! nearest node the inspector knows (a diagnostic may select `…/properties`), and the form for
//! that node is drawn from the raw document, so even a broken layout can be repaired here.

pub mod action;
pub mod fields;
pub mod widgets;

use super::glyphs;
use super::insert::default_block;
use super::inspector::action::action_ui;
use super::inspector::fields::fields_ui;
use super::inspector::widgets::Form;
use super::{PanelCtx, UiAction};
use crate::edit::{FIELDS, LAYOUT};
use crate::layout::enums::{
    BUTTON_TYPES, ICON_CODES, LOGO_CODES, MENU_ITEM_DESIGNS, MENU_SECTION_DESIGNS, SCOPES, TAG_TYPES, TEXT_COLORS,
    TEXT_SIZES,
};
use crate::layout::{BlockKind, pointer};
use crate::layout_ptr;
use egui::{ComboBox, RichText, Ui};
use serde_json::{Value, json};
use std::collections::HashMap;

/// Inspector state owned by the app (drafts that are not yet document edits).
#[derive(Clone, Debug, Default)]
pub struct InspectorState {
    /// Draft key of a new actionParams entry, per actionParams pointer.
    pub new_param: HashMap<String, String>,
    /// Draft renames of actionParams keys, per parameter pointer (applied on blur).
    pub param_key_drafts: HashMap<String, String>,
}

/// What the inspector edits for a selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Fields,
    Layout,
    Icon,
    Header,
    Tag(String),
    Body,
    Logo,
    /// A content block; `nested` inside withTitle/lineOfBlocks.
    Block {
        path: String,
        nested: bool,
    },
    /// An action slot; `required` for link, button and menu item actions.
    Action {
        path: String,
        required: bool,
    },
    Footer,
    Button(String),
    Menu,
    MenuItem(String),
    Section(String),
}

/// Resolves a selection to the nearest node with a form (walking up the pointer).
pub fn resolve(selection: &str) -> Option<Target> {
    let mut toks = pointer::tokens(selection);
    loop {
        if let Some(t) = classify(&toks) {
            return Some(t);
        }
        toks.pop()?;
    }
}

fn classify(toks: &[String]) -> Option<Target> {
    let t: Vec<&str> = toks.iter().map(String::as_str).collect();
    let path = || pointer::from_tokens(toks);
    Some(match t.as_slice() {
        ["fields", ..] => Target::Fields,
        ["layout"] => Target::Layout,
        ["layout", "icon"] => Target::Icon,
        ["layout", "header"] => Target::Header,
        ["layout", "header", "titleAction"] => Target::Action { path: path(), required: false },
        ["layout", "header", "tags", _] => Target::Tag(path()),
        ["layout", "header", "tags", _, "action"] | ["layout", "body", "logo", "action"] => {
            Target::Action { path: path(), required: false }
        }
        ["layout", "body"] => Target::Body,
        ["layout", "body", "logo"] => Target::Logo,
        ["layout", "body", "blocks", _] => Target::Block { path: path(), nested: false },
        ["layout", "body", "blocks", _, "properties", "blocks", _]
        | ["layout", "body", "blocks", _, "properties", "block"] => Target::Block { path: path(), nested: true },
        [.., "properties", "action"] if t.len() >= 6 => Target::Action { path: path(), required: true },
        ["layout", "footer"] => Target::Footer,
        ["layout", "footer", "buttons", _] => Target::Button(path()),
        ["layout", "footer", "menu"] => Target::Menu,
        ["layout", "footer", "menu", "items", _] => Target::MenuItem(path()),
        ["layout", "footer", "buttons" | "menu", _, "action"] | ["layout", "footer", "menu", "items", _, "action"] => {
            Target::Action { path: path(), required: true }
        }
        ["layout", "footer", "menu", "sections", _] => Target::Section(path()),
        _ => return None,
    })
}

/// Draws the form for the selected node.
pub fn inspector_ui(ui: &mut Ui, ctx: &PanelCtx, state: &mut InspectorState, out: &mut Vec<UiAction>) {
    let Some(sel) = ctx.selection else {
        ui.weak("Select a node in the tree to edit it.");
        return;
    };
    let Some(target) = resolve(sel) else {
        ui.weak(format!("Nothing to edit at {sel}."));
        return;
    };
    let mut form = Form { ctx, state, out };
    egui::ScrollArea::vertical().id_salt("inspector_scroll").auto_shrink([false, true]).show(ui, |ui| {
        let node_path = target_path(&target);
        if form.get(&node_path).is_none() && target != Target::Fields {
            ui.weak(format!("{node_path} does not exist."));
            return;
        }
        ui.heading(title(&target));
        ui.label(RichText::new(&node_path).small().monospace().weak());
        ui.separator();
        match &target {
            Target::Fields => fields_ui(&mut form, ui),
            Target::Layout => layout_ui(&mut form, ui),
            Target::Icon => code_picker(&mut form, ui, layout_ptr!("/icon/code"), "icon", IconOrLogo::Icon),
            Target::Header => {
                form.twt(ui, layout_ptr!("/header/title"), "Title", true, false);
                ui.separator();
                ui.label(RichText::new("Title action").strong());
                action_ui(&mut form, ui, layout_ptr!("/header/titleAction"), false);
            }
            Target::Tag(p) => {
                form.twt(ui, &pointer::join(p, "title"), "Title", true, false);
                form.choice(ui, &pointer::join(p, "type"), "Type", TAG_TYPES, false);
                ui.separator();
                action_ui(&mut form, ui, &pointer::join(p, "action"), false);
            }
            Target::Body => {
                ui.weak("The body holds the logo and the content blocks (1 to 20).");
                form.add_button(ui, layout_ptr!("/body/logo"), "Add logo", json!({"code": "document"}));
                form.add_button(ui, layout_ptr!("/body/blocks"), "Add blocks", json!({}));
            }
            Target::Logo => {
                code_picker(&mut form, ui, layout_ptr!("/body/logo/code"), "logo", IconOrLogo::Logo);
                ui.separator();
                action_ui(&mut form, ui, layout_ptr!("/body/logo/action"), false);
            }
            Target::Block { path, nested } => block_ui(&mut form, ui, path, *nested),
            Target::Action { path, required } => action_ui(&mut form, ui, path, *required),
            Target::Footer => {
                form.tri_bool(ui, layout_ptr!("/footer/showNote"), "Show note icon (newer portals)", true);
                form.add_button(ui, layout_ptr!("/footer/menu"), "Add menu", json!({}));
            }
            Target::Button(p) => {
                form.twt(ui, &pointer::join(p, "title"), "Title", true, false);
                form.choice(ui, &pointer::join(p, "type"), "Type", BUTTON_TYPES, false);
                form.choice(ui, &pointer::join(p, "scope"), "Scope", SCOPES, true);
                form.tri_bool(ui, &pointer::join(p, "hideIfReadonly"), "Hide if read-only", false);
                ui.separator();
                action_ui(&mut form, ui, &pointer::join(p, "action"), true);
            }
            Target::Menu => {
                form.tri_bool(ui, layout_ptr!("/footer/menu/showPinItem"), "Show Pin item", true);
                form.tri_bool(ui, layout_ptr!("/footer/menu/showPostponeItem"), "Show Postpone item", true);
                form.tri_bool(ui, layout_ptr!("/footer/menu/showDeleteItem"), "Show Delete item", true);
            }
            Target::MenuItem(p) => menu_item_ui(&mut form, ui, p),
            Target::Section(p) => {
                form.string(ui, &pointer::join(p, "code"), "Code", "section code", true);
                form.twt(ui, &pointer::join(p, "title"), "Title", false, false);
                form.choice(ui, &pointer::join(p, "design"), "Design", MENU_SECTION_DESIGNS, true);
            }
        }
        // Findings on the node itself (a missing required field names its parent object).
        ui.separator();
        // Cheap string tests first: this runs every frame over every finding.
        let own: Vec<_> = ctx
            .diagnostics
            .iter()
            .filter(|d| match own_relation(d.doc_parts(), &node_path) {
                Relation::Same => true,
                Relation::Child => form.get(&d.doc_path()).is_none(),
                Relation::Other => false,
            })
            .collect();
        for d in own {
            ui.colored_label(ui.visuals().warn_fg_color, format!("{} — {}", d.code, d.message));
        }
    });
}

enum Relation {
    Same,
    Child,
    Other,
}

/// How a finding's document pointer (as `Diagnostic::doc_parts`) relates to a document path,
/// without allocating: the node itself, a direct child of it, or anything else.
fn own_relation((prefix, finding): (&str, &str), node: &str) -> Relation {
    let Some(node_rel) = node.strip_prefix(prefix) else { return Relation::Other };
    let Some(tail) = finding.strip_prefix(node_rel) else { return Relation::Other };
    if tail.is_empty() {
        Relation::Same
    } else if tail.len() > 1 && tail.starts_with('/') && !tail[1..].contains('/') {
        Relation::Child
    } else {
        Relation::Other
    }
}

fn target_path(t: &Target) -> String {
    match t {
        Target::Fields => FIELDS.into(),
        Target::Layout => LAYOUT.into(),
        Target::Icon => layout_ptr!("/icon").into(),
        Target::Header => layout_ptr!("/header").into(),
        Target::Body => layout_ptr!("/body").into(),
        Target::Logo => layout_ptr!("/body/logo").into(),
        Target::Footer => layout_ptr!("/footer").into(),
        Target::Menu => layout_ptr!("/footer/menu").into(),
        Target::Tag(p) | Target::Button(p) | Target::MenuItem(p) | Target::Section(p) => p.clone(),
        Target::Block { path, .. } | Target::Action { path, .. } => path.clone(),
    }
}

fn title(t: &Target) -> String {
    let key = |p: &str| pointer::split_last(p).map(|(_, k)| k).unwrap_or_default();
    match t {
        Target::Fields => "Activity fields".into(),
        Target::Layout => "Layout".into(),
        Target::Icon => "Icon".into(),
        Target::Header => "Header".into(),
        Target::Tag(p) => format!("Tag \"{}\"", key(p)),
        Target::Body => "Body".into(),
        Target::Logo => "Logo".into(),
        Target::Block { path, .. } => format!("Block \"{}\"", key(path)),
        Target::Action { .. } => "Action".into(),
        Target::Footer => "Footer".into(),
        Target::Button(p) => format!("Button \"{}\"", key(p)),
        Target::Menu => "Menu".into(),
        Target::MenuItem(p) => format!("Menu item \"{}\"", key(p)),
        Target::Section(p) => format!("Section {}", key(p)),
    }
}

fn layout_ui(form: &mut Form, ui: &mut Ui) {
    ui.label("A card has an icon, a header, a body and an optional footer.");
    form.add_button(ui, layout_ptr!("/icon"), "Add icon", json!({"code": "info"}));
    form.add_button(ui, layout_ptr!("/header"), "Add header", json!({"title": "Title"}));
    form.add_button(ui, layout_ptr!("/body"), "Add body", json!({"logo": {"code": "document"}, "blocks": {}}));
    form.add_button(ui, layout_ptr!("/footer"), "Add footer", json!({}));
}

fn block_ui(form: &mut Form, ui: &mut Ui, path: &str, nested: bool) {
    let Some(block) = form.get(path) else { return };
    let kind = block.get("type").and_then(Value::as_str).unwrap_or("").to_string();
    let options = BlockKind::ALL.into_iter().filter(|k| !nested || k.is_nestable());
    ui.horizontal(|ui| {
        let l = ui.label("Block type");
        let inner = ComboBox::from_id_salt(format!("{path}#type")).selected_text(&kind).show_ui(ui, |ui| {
            for t in options {
                if ui.selectable_label(kind == t.as_str(), t.as_str()).clicked() && kind != t.as_str() {
                    // A new type takes its default content; the scope carries over.
                    let mut nb = default_block(t);
                    if let Some(scope) = block.pointer("/properties/scope") {
                        nb["properties"]["scope"] = scope.clone();
                    }
                    form.set("block type", path, nb, false);
                }
            }
        });
        inner.response.labelled_by(l.id);
    });
    form.diags(ui, &pointer::join(path, "type"));
    let p = |f: &str| format!("{path}/properties/{f}");
    if block.get("properties").is_none() {
        form.add_button(ui, &format!("{path}/properties"), "Add properties", json!({}));
        return;
    }
    match kind.as_str() {
        "text" => {
            form.twt(ui, &p("value"), "Value", true, true);
            form.tri_bool(ui, &p("multiline"), "Multiline", false);
            form.tri_bool(ui, &p("bold"), "Bold", false);
            form.choice(ui, &p("size"), "Size", TEXT_SIZES, true);
            form.choice(ui, &p("color"), "Colour", TEXT_COLORS, true);
            form.twt(ui, &p("title"), "Tooltip", false, false);
        }
        "largeText" => form.twt(ui, &p("value"), "Value", true, true),
        "link" => {
            form.twt(ui, &p("text"), "Text", true, false);
            form.tri_bool(ui, &p("bold"), "Bold", false);
            ui.separator();
            action_ui(form, ui, &p("action"), true);
        }
        "withTitle" => {
            form.twt(ui, &p("title"), "Title", true, false);
            form.tri_bool(ui, &p("inline"), "Inline", false);
            ui.weak("Select its inner block in the tree to edit it.");
        }
        "lineOfBlocks" => {
            ui.weak("Its blocks (text, link, deadline; at most 20) flow on one line; add them from the palette.");
        }
        "deadline" => {
            form.tri_bool(ui, &p("readonly"), "Read-only", false);
            ui.weak("Shows the activity deadline; hidden for incoming activities or without a deadline.");
        }
        _ => {
            ui.weak("Unknown block type: its properties are kept as they are.");
        }
    }
    form.choice(ui, &p("scope"), "Scope", SCOPES, true);
}

fn menu_item_ui(form: &mut Form, ui: &mut Ui, p: &str) {
    let f = |name: &str| pointer::join(p, name);
    form.twt(ui, &f("title"), "Title", true, false);
    form.choice(ui, &f("scope"), "Scope", SCOPES, true);
    form.tri_bool(ui, &f("hideIfReadonly"), "Hide if read-only", false);
    ui.separator();
    action_ui(form, ui, &f("action"), true);
    ui.separator();
    ui.label(RichText::new("Newer portals only").small().weak());
    form.twt(ui, &f("subtitle"), "Subtitle", false, false);
    form.choice(ui, &f("design"), "Design", MENU_ITEM_DESIGNS, true);
    form.tri_bool(ui, &f("isLocked"), "Locked", false);
    // isSelected: absent = a plain item, so "absent" is offered explicitly.
    form.tri_bool(ui, &f("isSelected"), "Selected (toggle item)", false);
    let sections: Vec<String> = match form.get(layout_ptr!("/footer/menu/sections")) {
        Some(Value::Array(a)) => a.iter().filter_map(|s| s.get("code")?.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    if !sections.is_empty() || form.get(&f("sectionCode")).is_some() {
        let refs: Vec<&str> = sections.iter().map(String::as_str).collect();
        form.choice(ui, &f("sectionCode"), "Section", &refs, true);
    }
    let badge = f("badgeText");
    if form.get(&badge).is_some() {
        ui.label(RichText::new("Badge").strong());
        form.twt(ui, &pointer::join(&badge, "title"), "Badge title", true, false);
        form.string(ui, &pointer::join(&badge, "color"), "Badge colour", "#2fc6f6", false);
        if ui.button("Remove badge").clicked() {
            form.remove("badge", &badge);
        }
    } else {
        form.add_button(ui, &badge, "Add badge", json!({"title": "New"}));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum IconOrLogo {
    Icon,
    Logo,
}

/// Icon or logo code picker with glyphs: the portal's codes when known, else the built-in ones;
/// a custom code can be typed.
fn code_picker(form: &mut Form, ui: &mut Ui, path: &str, label: &str, which: IconOrLogo) {
    let (live, builtin) = match which {
        IconOrLogo::Icon => (&form.ctx.catalog.icons, ICON_CODES),
        IconOrLogo::Logo => (&form.ctx.catalog.logos, LOGO_CODES),
    };
    let codes: Vec<String> = match live {
        Some(set) if !set.is_empty() => set.iter().cloned().collect(),
        _ => builtin.iter().map(|s| s.to_string()).collect(),
    };
    let cur = form.get(path).and_then(Value::as_str).unwrap_or("").to_string();
    let family = glyphs::glyph_family(ui.ctx());
    let text_color = ui.visuals().text_color();
    let body_font = egui::TextStyle::Body.resolve(ui.style());
    let entry = |code: &str| -> egui::text::LayoutJob {
        let mut job = egui::text::LayoutJob::default();
        let (glyph, family) = match glyph_of(which, code) {
            Some(g) => (g.codepoint.to_string(), family.clone()),
            // Unknown (custom) codes get a neutral placeholder, as the preview draws them.
            None => ("?".to_string(), egui::FontFamily::Proportional),
        };
        let fmt = |f: egui::FontId| egui::TextFormat { font_id: f, color: text_color, ..Default::default() };
        job.append(&glyph, 0.0, fmt(egui::FontId::new(16.0, family)));
        job.append(code, 6.0, fmt(body_font.clone()));
        job
    };
    ui.horizontal(|ui| {
        let l = ui.label(format!("Pick {label}"));
        let inner = ComboBox::from_id_salt(format!("{path}#picker")).selected_text(entry(&cur)).height(320.0).show_ui(
            ui,
            |ui| {
                for code in &codes {
                    if ui.selectable_label(*code == cur, entry(code)).clicked() && *code != cur {
                        form.set(label, path, json!(code), false);
                    }
                }
            },
        );
        inner.response.labelled_by(l.id);
    });
    form.string(ui, path, "Code", "custom code", true);
}

/// The glyph of a code from the preview's table (`None` for custom or unknown codes).
fn glyph_of(which: IconOrLogo, code: &str) -> Option<egui_material_icons::MaterialIcon> {
    match which {
        IconOrLogo::Icon => glyphs::icon_glyph(code),
        IconOrLogo::Logo => glyphs::logo_glyph(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields_ptr;

    #[test]
    fn resolves_selection_to_nearest_form() {
        let b = |p: &str, nested| Target::Block { path: p.into(), nested };
        assert_eq!(resolve(layout_ptr!("/body/blocks/a")), Some(b(layout_ptr!("/body/blocks/a"), false)));
        assert_eq!(
            resolve(layout_ptr!("/body/blocks/a/properties/value")),
            Some(b(layout_ptr!("/body/blocks/a"), false))
        );
        assert_eq!(
            resolve(layout_ptr!("/body/blocks/a/properties/blocks/x/properties")),
            Some(b(layout_ptr!("/body/blocks/a/properties/blocks/x"), true))
        );
        assert_eq!(
            resolve(layout_ptr!("/body/blocks/a/properties/action/uri")),
            Some(Target::Action { path: layout_ptr!("/body/blocks/a/properties/action").into(), required: true })
        );
        assert_eq!(
            resolve(layout_ptr!("/footer/menu/items/i/action")),
            Some(Target::Action { path: layout_ptr!("/footer/menu/items/i/action").into(), required: true })
        );
        assert_eq!(
            resolve(layout_ptr!("/header/tags/t/action/type")),
            Some(Target::Action { path: layout_ptr!("/header/tags/t/action").into(), required: false })
        );
        assert_eq!(resolve(fields_ptr!("/deadline")), Some(Target::Fields));
        // A layout key named `fields` (a payload pasted into the Layout tab) is part of the layout.
        assert_eq!(resolve(layout_ptr!("/fields")), Some(Target::Layout));
        assert_eq!(resolve(layout_ptr!("/fields/completed")), Some(Target::Layout));
        assert_eq!(resolve(layout_ptr!("/header/title/en")), Some(Target::Header));
        assert_eq!(
            resolve(layout_ptr!("/footer/menu/sections/0/code")),
            Some(Target::Section(layout_ptr!("/footer/menu/sections/0").into()))
        );
        assert_eq!(resolve("/nonsense"), None);
    }

    #[test]
    fn findings_relate_to_the_node_by_path() {
        use crate::layout::{Code, Diagnostic, Root};
        let rel = |root: Root, f: &str, n: &str| {
            let d = Diagnostic::warning(Code::WrongFieldValue, root, f, "x");
            match own_relation(d.doc_parts(), n) {
                Relation::Same => "same",
                Relation::Child => "child",
                Relation::Other => "other",
            }
        };
        let (l, f) = (Root::Layout, Root::Fields);
        assert_eq!(rel(l, "/body/blocks/a", layout_ptr!("/body/blocks/a")), "same");
        assert_eq!(rel(l, "/body/blocks/a/type", layout_ptr!("/body/blocks/a")), "child");
        assert_eq!(rel(l, "/body/blocks/a/properties/x", layout_ptr!("/body/blocks/a")), "other");
        assert_eq!(rel(l, "/body/blocks/ab", layout_ptr!("/body/blocks/a")), "other");
        assert_eq!(rel(l, "", LAYOUT), "same");
        assert_eq!(rel(l, "/body", LAYOUT), "child");
        assert_eq!(rel(f, "/fields/deadline", FIELDS), "child");
        assert_eq!(rel(f, "/fields", LAYOUT), "other");
        assert_eq!(rel(l, "/body", FIELDS), "other");
        // A layout key named `fields` belongs to the layout node, not to the activity fields.
        assert_eq!(rel(l, "/fields", layout_ptr!("/fields")), "same");
        assert_eq!(rel(l, "/fields", LAYOUT), "child");
        assert_eq!(rel(l, "/fields", FIELDS), "other");
    }
}
