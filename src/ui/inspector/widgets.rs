//! Typed field widgets for the inspector. Each reads the document at a pointer and emits
//! `UiAction`s: typing merges into one undo step per field (`merge_key` = the pointer) and
//! losing focus seals it. Every input is labelled (accessibility and kittest find it by name).

use crate::edit::EditCommand;
use crate::layout::enums::COMMON_LANGUAGES;
use crate::layout::{Severity, pointer};
use crate::ui::inspector::InspectorState;
use crate::ui::{PanelCtx, UiAction};
use egui::{Button, ComboBox, DragValue, Response, RichText, TextEdit, Ui};
use serde_json::{Value, json};

/// What the widgets need each frame: the document, the state and the action sink.
pub struct Form<'a, 'c> {
    pub ctx: &'a PanelCtx<'c>,
    pub state: &'a mut InspectorState,
    pub out: &'a mut Vec<UiAction>,
}

impl<'c> Form<'_, 'c> {
    pub fn get(&self, path: &str) -> Option<&'c Value> {
        self.ctx.doc.root().pointer(path)
    }

    /// Sets `path`; `merge` makes consecutive changes of this field one undo step.
    pub fn set(&mut self, what: &str, path: &str, value: Value, merge: bool) {
        let cmd = EditCommand::Set { path: path.to_string(), value };
        self.out.push(UiAction::Edit {
            label: format!("edit {}", what.to_lowercase()),
            cmd,
            merge_key: merge.then(|| path.to_string()),
        });
    }

    pub fn remove(&mut self, what: &str, path: &str) {
        if self.get(path).is_some() {
            self.out.push(UiAction::edit(
                format!("remove {}", what.to_lowercase()),
                EditCommand::Remove { path: path.to_string() },
            ));
        }
    }

    /// Ends the typing group when the widget lets go of focus (or a drag ends).
    pub fn seal_on(&mut self, resp: &Response) {
        if resp.lost_focus() || resp.drag_stopped() {
            self.out.push(UiAction::SealHistory);
        }
    }

    /// Validator messages for `path` and below, shown right under its field.
    pub fn diags(&self, ui: &mut Ui, path: &str) {
        for d in self.ctx.diagnostics {
            if d.is_within(path) {
                let icon = match d.severity {
                    Severity::Error => "Error",
                    Severity::Warning => "Warning",
                };
                let color = crate::ui::theme::severity(d.severity);
                ui.label(RichText::new(format!("{icon}: {}", d.message)).color(color).small())
                    .on_hover_text(format!("{} at {}", d.code, d.path));
            }
        }
    }

    /// A string field. Optional fields get a remove button once present.
    pub fn string(&mut self, ui: &mut Ui, path: &str, label: &str, hint: &str, required: bool) {
        let cur = self.get(path);
        let mut text = cur.and_then(Value::as_str).unwrap_or_default().to_string();
        let wrong_type = cur.is_some_and(|v| !v.is_string());
        ui.horizontal(|ui| {
            let l = ui.label(label);
            let resp = ui
                .add(TextEdit::singleline(&mut text).id_salt(path).hint_text(hint.to_string()).desired_width(180.0))
                .labelled_by(l.id);
            if resp.changed() {
                self.set(label, path, Value::String(text.clone()), true);
            }
            self.seal_on(&resp);
            if !required && cur.is_some() && icon_button(ui, "×", &format!("Remove {label}")).clicked() {
                self.remove(label, path);
            }
        });
        if wrong_type {
            ui.weak(format!("(currently {}, not a string)", short_json(cur)));
        }
        self.diags(ui, path);
    }

    /// An enumeration picker. Optional enums offer "(default)", which removes the field.
    pub fn choice(&mut self, ui: &mut Ui, path: &str, label: &str, options: &[&str], optional: bool) {
        let cur = self.get(path);
        let shown = match cur {
            None => "(default)".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(v) => short_json(Some(v)),
        };
        ui.horizontal(|ui| {
            let l = ui.label(label);
            let inner = ComboBox::from_id_salt(path).selected_text(shown.clone()).show_ui(ui, |ui| {
                if optional && ui.selectable_label(cur.is_none(), "(default)").clicked() {
                    self.remove(label, path);
                }
                for opt in options {
                    if ui.selectable_label(shown == *opt, *opt).clicked() && shown != *opt {
                        self.set(label, path, json!(opt), false);
                    }
                }
            });
            inner.response.labelled_by(l.id);
        });
        self.diags(ui, path);
    }

    /// A boolean whose absence means `default`: the checkbox shows the effective value (dimmed
    /// as "indeterminate" while absent) and a reset button returns to the default.
    pub fn tri_bool(&mut self, ui: &mut Ui, path: &str, label: &str, default: bool) {
        let cur = self.get(path);
        let explicit = cur.and_then(Value::as_bool);
        let mut value = explicit.unwrap_or(default);
        ui.horizontal(|ui| {
            let resp = ui.add(egui::Checkbox::new(&mut value, label).indeterminate(cur.is_none()));
            if resp.clicked() {
                self.set(label, path, Value::Bool(value), false);
            }
            match cur {
                None => {
                    ui.weak(format!("default ({default})"));
                }
                Some(Value::Bool(_)) => {
                    if icon_button(ui, "Reset", &format!("Reset {label} to the default")).clicked() {
                        self.remove(label, path);
                    }
                }
                Some(other) => {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{} is not a JSON boolean", short_json(Some(other))),
                    );
                }
            }
        });
        self.diags(ui, path);
    }

    /// An integer field (optional ones can be removed).
    pub fn int(&mut self, ui: &mut Ui, path: &str, label: &str, range: std::ops::RangeInclusive<i64>, required: bool) {
        let cur = self.get(path);
        ui.horizontal(|ui| {
            let l = ui.label(label);
            match cur.and_then(Value::as_i64) {
                Some(mut n) => {
                    let resp = ui.add(DragValue::new(&mut n).range(range.clone())).labelled_by(l.id);
                    if resp.changed() {
                        self.set(label, path, json!(n), true);
                    }
                    self.seal_on(&resp);
                    if !required && icon_button(ui, "×", &format!("Remove {label}")).clicked() {
                        self.remove(label, path);
                    }
                }
                None => {
                    if cur.is_some() {
                        ui.weak(short_json(cur));
                    }
                    if ui.button(format!("Set {label}")).clicked() {
                        self.set(label, path, json!(*range.start().max(&0)), false);
                    }
                }
            }
        });
        self.diags(ui, path);
    }

    /// textWithTranslation: a plain string or a per-language table (add/remove languages).
    pub fn twt(&mut self, ui: &mut Ui, path: &str, label: &str, required: bool, multiline: bool) {
        let cur = self.get(path);
        let translated = matches!(cur, Some(Value::Object(_)));
        let title = ui.horizontal(|ui| {
            let title = ui.label(RichText::new(label).strong());
            if ui.selectable_label(!translated, "Plain").clicked() && translated {
                self.set(label, path, Value::String(preferred_text(cur)), false);
            }
            if ui.selectable_label(translated, "Per language").clicked() && !translated {
                let lang = self.languages().first().cloned().unwrap_or_else(|| "en".into());
                self.set(label, path, json!({ lang: preferred_text(cur) }), false);
            }
            if !required && cur.is_some() && icon_button(ui, "×", &format!("Remove {label}")).clicked() {
                self.remove(label, path);
            }
            title
        });
        match cur {
            Some(Value::Object(map)) => {
                for (lang, v) in map {
                    let lang_path = pointer::join(path, lang);
                    ui.horizontal(|ui| {
                        let l = ui.label(RichText::new(lang).monospace());
                        let mut text = v.as_str().unwrap_or_default().to_string();
                        let resp = ui.add(text_edit(&mut text, &lang_path, multiline)).labelled_by(l.id);
                        if resp.changed() {
                            self.set(label, &lang_path, Value::String(text), true);
                        }
                        self.seal_on(&resp);
                        if icon_button(ui, "×", &format!("Remove language {lang}")).clicked() {
                            self.remove(&format!("{label} [{lang}]"), &lang_path);
                        }
                    });
                }
                let unused: Vec<String> = self.languages().into_iter().filter(|l| !map.contains_key(l)).collect();
                ui.horizontal(|ui| {
                    let l = ui.label("Add language");
                    let inner =
                        ComboBox::from_id_salt(format!("{path}#addlang")).selected_text("…").show_ui(ui, |ui| {
                            for lang in &unused {
                                if ui.selectable_label(false, lang).clicked() {
                                    self.set(label, &pointer::join(path, lang), json!(""), false);
                                }
                            }
                        });
                    inner.response.labelled_by(l.id);
                });
            }
            None | Some(Value::String(_)) => {
                let mut text = cur.and_then(Value::as_str).unwrap_or_default().to_string();
                let resp = ui.add(text_edit(&mut text, path, multiline)).labelled_by(title.inner.id);
                if resp.changed() {
                    self.set(label, path, Value::String(text), true);
                }
                self.seal_on(&resp);
            }
            Some(other) => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{} is neither text nor translations", short_json(Some(other))),
                );
                if ui.button("Replace with text").clicked() {
                    self.set(label, path, json!(""), false);
                }
            }
        }
        self.diags(ui, path);
    }

    /// Languages offered for translations: the portal's, else the common list.
    /// English first when offered: it is the portal's fallback language.
    pub fn languages(&self) -> Vec<String> {
        let mut langs: Vec<String> = match &self.ctx.catalog.languages {
            Some(langs) if !langs.is_empty() => langs.iter().cloned().collect(),
            _ => COMMON_LANGUAGES.iter().map(|s| s.to_string()).collect(),
        };
        if let Some(i) = langs.iter().position(|l| l == "en") {
            let en = langs.remove(i);
            langs.insert(0, en);
        }
        langs
    }

    /// A button that creates an absent optional object field with `value`.
    pub fn add_button(&mut self, ui: &mut Ui, path: &str, title: &str, value: Value) {
        if self.get(path).is_none() && ui.add(Button::new(title)).clicked() {
            self.set(title, path, value, false);
        }
    }
}

/// A small glyph button whose accessible name (and hover text) is `name`, e.g. "Remove bold".
pub fn icon_button(ui: &mut Ui, glyph: &str, name: &str) -> Response {
    let resp = ui.small_button(glyph).on_hover_text(name);
    let enabled = resp.enabled();
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
    resp
}

fn text_edit<'t>(text: &'t mut String, id: &str, multiline: bool) -> TextEdit<'t> {
    let edit = if multiline { TextEdit::multiline(text).desired_rows(2) } else { TextEdit::singleline(text) };
    edit.id_salt(id.to_string()).desired_width(220.0)
}

/// The text a translation map would show in English, else its first entry.
pub fn preferred_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(m)) => m
            .get("en")
            .and_then(Value::as_str)
            .or_else(|| m.values().find_map(Value::as_str))
            .unwrap_or_default()
            .to_string(),
        _ => String::new(),
    }
}

pub fn short_json(v: Option<&Value>) -> String {
    let s = v.map(Value::to_string).unwrap_or_default();
    if s.chars().count() > 40 { format!("{}…", s.chars().take(40).collect::<String>()) } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferred_text_prefers_english() {
        assert_eq!(preferred_text(Some(&json!({"de": "Hallo", "en": "Hello"}))), "Hello");
        assert_eq!(preferred_text(Some(&json!({"de": "Hallo"}))), "Hallo");
        assert_eq!(preferred_text(Some(&json!("x"))), "x");
        assert_eq!(preferred_text(Some(&json!(3))), "");
    }
}
