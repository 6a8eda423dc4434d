//! The action editor: type switch (keeping the fields both types share), the type's fields,
//! actionParams as a key/value table and sliderParams with a colour picker.

use crate::edit::{EditCommand, sanitize_key};
use crate::layout::enums::{ANIMATION_TYPES, SLIDER_LABEL_BG_COLORS};
use crate::layout::{ActionKind, pointer};
use crate::ui::UiAction;
use crate::ui::insert::default_action;
use crate::ui::inspector::widgets::{Form, icon_button, short_json};
use egui::{ComboBox, DragValue, RichText, TextEdit, Ui};
use serde_json::{Map, Value, json};

/// Fields each action type uses (besides `type`).
pub fn type_fields(kind: ActionKind) -> &'static [&'static str] {
    match kind {
        ActionKind::Redirect => &["uri"],
        ActionKind::RestEvent => &["id", "actionParams", "animationType"],
        ActionKind::OpenRestApp => &["actionParams", "sliderParams"],
    }
}

/// The action after switching to `new_kind`: fields the new type uses are kept (actionParams
/// survives restEvent ↔ openRestApp), known fields of other types are dropped, unknown fields
/// stay (the validator reports them), and the new type's required field gets a default.
pub fn switch_action_type(old: &Value, new_kind: ActionKind) -> Value {
    let known: Vec<&str> = ActionKind::ALL.iter().flat_map(|t| type_fields(*t).iter().copied()).collect();
    let keep = type_fields(new_kind);
    let mut m = Map::new();
    m.insert("type".into(), json!(new_kind.as_str()));
    if let Some(obj) = old.as_object() {
        for (k, v) in obj {
            if k != "type" && (keep.contains(&k.as_str()) || !known.contains(&k.as_str())) {
                m.insert(k.clone(), v.clone());
            }
        }
    }
    if let Some(Value::Object(defaults)) = Some(default_action(new_kind)) {
        for (k, v) in defaults {
            m.entry(k).or_insert(v);
        }
    }
    Value::Object(m)
}

/// Edits the action at `path`; `required` hosts (link, button, menu item) cannot remove it.
pub fn action_ui(form: &mut Form, ui: &mut Ui, path: &str, required: bool) {
    let Some(action) = form.get(path) else {
        ui.horizontal(|ui| {
            ui.weak("No action.");
            for kind in ActionKind::ALL {
                if ui.button(format!("Add {}", kind.as_str())).clicked() {
                    form.set("action", path, default_action(kind), false);
                }
            }
        });
        form.diags(ui, path);
        return;
    };
    if !action.is_object() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("The action is {}, not an object.", short_json(Some(action))),
        );
        if ui.button("Replace with a redirect").clicked() {
            form.set("action", path, default_action(ActionKind::Redirect), false);
        }
        form.diags(ui, path);
        return;
    }
    let kind = action.get("type").and_then(Value::as_str).unwrap_or("").to_string();
    let type_path = pointer::join(path, "type");
    ui.horizontal(|ui| {
        let l = ui.label("Action type");
        let inner = ComboBox::from_id_salt(&type_path)
            .selected_text(if kind.is_empty() { "(none)" } else { &kind })
            .show_ui(ui, |ui| {
                for t in ActionKind::ALL {
                    if ui.selectable_label(kind == t.as_str(), t.as_str()).clicked() && kind != t.as_str() {
                        form.set("action type", path, switch_action_type(action, t), false);
                    }
                }
            });
        inner.response.labelled_by(l.id);
        if !required && icon_button(ui, "×", "Remove the action").clicked() {
            form.remove("action", path);
        }
    });
    form.diags(ui, &type_path);
    match kind.as_str() {
        "redirect" => form.string(ui, &pointer::join(path, "uri"), "URI", "/crm/deal/details/1/", true),
        "restEvent" => {
            form.string(ui, &pointer::join(path, "id"), "Event id", "event id", true);
            form.choice(ui, &pointer::join(path, "animationType"), "Animation", ANIMATION_TYPES, true);
            params_ui(form, ui, &pointer::join(path, "actionParams"));
        }
        "openRestApp" => {
            params_ui(form, ui, &pointer::join(path, "actionParams"));
            slider_ui(form, ui, &pointer::join(path, "sliderParams"));
        }
        _ => {}
    }
}

/// actionParams: key/value rows (keys sanitised as typed), add and remove.
fn params_ui(form: &mut Form, ui: &mut Ui, path: &str) {
    ui.label(RichText::new("Action parameters").strong());
    match form.get(path) {
        None => {}
        Some(Value::Object(map)) => {
            for (key, v) in map {
                let vpath = pointer::join(path, key);
                ui.horizontal(|ui| {
                    // Key edits are drafts until Enter/blur, then one rename (clashes refused).
                    let mut k = form.state.param_key_drafts.get(&vpath).cloned().unwrap_or_else(|| key.clone());
                    let kl = ui.label("key");
                    let kresp = ui
                        .add(TextEdit::singleline(&mut k).id_salt(format!("{vpath}#key")).desired_width(90.0))
                        .labelled_by(kl.id);
                    if kresp.changed() {
                        form.state.param_key_drafts.insert(vpath.clone(), sanitize_key(&k));
                    }
                    if kresp.lost_focus() {
                        let clean = form.state.param_key_drafts.remove(&vpath).unwrap_or_default();
                        if !clean.is_empty() && clean != *key && !map.contains_key(&clean) {
                            let cmd = EditCommand::Rename { path: vpath.clone(), new_key: clean };
                            form.out.push(UiAction::edit("rename parameter", cmd));
                        }
                    }
                    let vl = ui.label("value");
                    let mut text = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    let vresp =
                        ui.add(TextEdit::singleline(&mut text).id_salt(&vpath).desired_width(120.0)).labelled_by(vl.id);
                    if vresp.changed() {
                        form.set("parameter", &vpath, Value::String(text), true);
                    }
                    form.seal_on(&vresp);
                    if icon_button(ui, "×", &format!("Remove parameter {key}")).clicked() {
                        form.remove("parameter", &vpath);
                    }
                });
                form.diags(ui, &vpath);
            }
        }
        Some(other) => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("actionParams is {}, not an object", short_json(Some(other))),
            );
        }
    }
    ui.horizontal(|ui| {
        let draft = form.state.new_param.entry(path.to_string()).or_default();
        let l = ui.label("New parameter");
        let resp = ui
            .add(TextEdit::singleline(draft).id_salt(format!("{path}#new")).hint_text("key").desired_width(90.0))
            .labelled_by(l.id);
        if resp.changed() {
            *draft = sanitize_key(draft);
        }
        let key = draft.clone();
        let exists = form.get(path).and_then(Value::as_object).is_some_and(|m| m.contains_key(&key));
        if ui.add_enabled(!key.is_empty() && !exists, egui::Button::new("Add parameter")).clicked() {
            if form.get(path).is_some() {
                form.set("parameter", &pointer::join(path, &key), json!(""), false);
            } else {
                form.set("parameter", path, json!({ key.clone(): "" }), false);
            }
            form.state.new_param.remove(path);
        }
        if exists {
            ui.weak("already used");
        }
    });
    form.diags(ui, path);
}

/// sliderParams: width vs leftBoundary, title, label text, label colours.
fn slider_ui(form: &mut Form, ui: &mut Ui, path: &str) {
    ui.label(RichText::new("Slider").strong());
    let Some(slider) = form.get(path) else {
        form.add_button(ui, path, "Add slider parameters", json!({"width": 800}));
        return;
    };
    let width = slider.get("width").and_then(Value::as_i64);
    let left = slider.get("leftBoundary").and_then(Value::as_i64);
    ui.horizontal(|ui| {
        let mode_width = left.is_none();
        if ui.radio(mode_width, "Width").clicked() && !mode_width {
            let cmd = EditCommand::Batch(vec![
                EditCommand::Remove { path: pointer::join(path, "leftBoundary") },
                EditCommand::Set { path: pointer::join(path, "width"), value: json!(left.unwrap_or(800)) },
            ]);
            form.out.push(UiAction::edit("slider width", cmd));
        }
        if ui.radio(!mode_width, "Left boundary").clicked() && mode_width {
            let mut cmds = Vec::new();
            if slider.get("width").is_some() {
                cmds.push(EditCommand::Remove { path: pointer::join(path, "width") });
            }
            cmds.push(EditCommand::Set {
                path: pointer::join(path, "leftBoundary"),
                value: json!(width.unwrap_or(200)),
            });
            form.out.push(UiAction::edit("slider left boundary", EditCommand::Batch(cmds)));
        }
        if icon_button(ui, "×", "Remove slider parameters").clicked() {
            form.remove("slider parameters", path);
        }
    });
    let (field, n) = if left.is_some() { ("leftBoundary", left) } else { ("width", width) };
    if n.is_none() && ui.button("Set width").clicked() {
        form.set("slider width", &pointer::join(path, "width"), json!(800), false);
    }
    if let Some(mut n) = n {
        let fpath = pointer::join(path, field);
        ui.horizontal(|ui| {
            let l = ui.label(if field == "width" { "Width, px" } else { "Left boundary, px" });
            let resp = ui.add(DragValue::new(&mut n).range(0..=10000)).labelled_by(l.id);
            if resp.changed() {
                form.set(field, &fpath, json!(n), true);
            }
            form.seal_on(&resp);
        });
    }
    form.string(ui, &pointer::join(path, "title"), "Window title", "", false);
    form.string(ui, &pointer::join(path, "labelText"), "Label text", "", false);
    form.choice(ui, &pointer::join(path, "labelBgColor"), "Label background", SLIDER_LABEL_BG_COLORS, true);
    label_color_ui(form, ui, &pointer::join(path, "labelColor"));
    form.diags(ui, path);
}

/// Parses `#RRGGBB`.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

pub fn to_hex(c: [u8; 3]) -> String {
    format!("#{:02X}{:02X}{:02X}", c[0], c[1], c[2])
}

fn label_color_ui(form: &mut Form, ui: &mut Ui, path: &str) {
    let cur = form.get(path).and_then(Value::as_str).map(str::to_string);
    ui.horizontal(|ui| {
        ui.label("Label colour");
        let mut rgb = cur.as_deref().and_then(parse_hex).unwrap_or([0x33, 0x33, 0x33]);
        let resp = ui.color_edit_button_srgb(&mut rgb);
        if resp.changed() {
            form.set("label colour", path, json!(to_hex(rgb)), true);
        }
        let mut text = cur.clone().unwrap_or_default();
        let l = ui.label("hex");
        let tresp = ui
            .add(TextEdit::singleline(&mut text).id_salt(path).desired_width(80.0).hint_text("#RRGGBB"))
            .labelled_by(l.id);
        if tresp.changed() {
            form.set("label colour", path, json!(text), true);
        }
        form.seal_on(&tresp);
        if cur.is_some() && icon_button(ui, "×", "Remove label colour").clicked() {
            form.remove("label colour", path);
        }
    });
    form.diags(ui, path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_keeps_shared_fields_and_drops_others() {
        let rest =
            json!({"type": "restEvent", "id": "e", "actionParams": {"a": "1"}, "animationType": "loader", "x": 1});
        let open = switch_action_type(&rest, ActionKind::OpenRestApp);
        assert_eq!(open, json!({"type": "openRestApp", "actionParams": {"a": "1"}, "x": 1}));
        let back = switch_action_type(&open, ActionKind::RestEvent);
        assert_eq!(back, json!({"type": "restEvent", "actionParams": {"a": "1"}, "x": 1, "id": "action"}));
        let redirect = switch_action_type(&rest, ActionKind::Redirect);
        assert_eq!(redirect, json!({"type": "redirect", "x": 1, "uri": "/crm/deal/details/1/"}));
        assert_eq!(switch_action_type(&json!("junk"), ActionKind::OpenRestApp), json!({"type": "openRestApp"}));
    }

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex("#0aFF10"), Some([0x0a, 0xff, 0x10]));
        assert_eq!(parse_hex("0aFF10"), None);
        assert_eq!(parse_hex("#0aFF1"), None);
        assert_eq!(parse_hex("#ééé"), None);
        assert_eq!(to_hex([1, 2, 255]), "#0102FF");
    }
}
