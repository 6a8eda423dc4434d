//! The preview toolbar: the context the card is previewed in. Every widget has an accessible
//! name (egui_kittest and screen readers find them by label).

use egui::{ComboBox, Slider, Ui};

use crate::project::preview::{PreviewScope, PreviewSettings};
use crate::ui::tokens::size;

fn tri_state(ui: &mut Ui, label: &str, value: &mut Option<bool>) -> bool {
    let name = |v: Option<bool>| match v {
        None => "from fields",
        Some(true) => "on",
        Some(false) => "off",
    };
    let l = ui.label(label);
    let before = *value;
    ComboBox::from_id_salt(("pv_tri", label))
        .selected_text(name(*value))
        .width(92.0)
        .show_ui(ui, |ui| {
            for v in [None, Some(true), Some(false)] {
                ui.selectable_value(value, v, name(v));
            }
        })
        .response
        .labelled_by(l.id);
    before != *value
}

fn check(ui: &mut Ui, value: &mut bool, label: &str) -> bool {
    ui.checkbox(value, label).changed()
}

/// Draws the toolbar; returns true when a setting changed.
pub fn toolbar_ui(ui: &mut Ui, settings: &mut PreviewSettings, available_langs: &[String]) -> bool {
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Language");
        let before = settings.language.clone();
        let mut langs: Vec<String> = available_langs.to_vec();
        if !langs.contains(&settings.language) {
            langs.insert(0, settings.language.clone());
        }
        ComboBox::from_id_salt("pv_lang")
            .selected_text(settings.language.as_str())
            .width(56.0)
            .show_ui(ui, |ui| {
                for lang in &langs {
                    ui.selectable_value(&mut settings.language, lang.clone(), lang.as_str());
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text("Texts use this language, then \"en\", then the first translation (as the portal does).");
        changed |= before != settings.language;
        if settings.language != "en" {
            ui.weak("→ en → first");
        }
        ui.separator();

        ui.label("Scope");
        let before = settings.scope;
        ui.selectable_value(&mut settings.scope, PreviewScope::Web, "Web");
        ui.selectable_value(&mut settings.scope, PreviewScope::Mobile, "Mobile");
        changed |= before != settings.scope;
        ui.separator();

        changed |= tri_state(ui, "Incoming", &mut settings.incoming);
        changed |= tri_state(ui, "Completed", &mut settings.completed);
        changed |= tri_state(ui, "Has deadline", &mut settings.has_deadline);
        ui.separator();

        changed |= check(ui, &mut settings.readonly_user, "Read-only user");
        changed |= check(ui, &mut settings.dark, "Dark");
        changed |= check(ui, &mut settings.uppercase_tags, "Uppercase tags");
        changed |= check(ui, &mut settings.show_hidden, "Show hidden");
        ui.separator();

        let l = ui.label("Card width");
        changed |= ui
            .add(Slider::new(&mut settings.card_width, size::CARD_MIN_WIDTH..=size::CARD_MAX_WIDTH).step_by(10.0))
            .labelled_by(l.id)
            .changed();
    });
    changed
}
