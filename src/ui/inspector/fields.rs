//! The activity `fields` editor: typeId, completed, deadline (date, time and UTC offset),
//! pingOffsets, isIncomingChannel, responsibleId, badgeCode, originatorId, originId — each
//! with its rule and the validator's `/fields/...` findings inline.

use crate::edit::FIELDS;
use crate::fields_ptr;
use crate::layout::enums::DEFAULT_TYPE_ID;
use crate::ui::inspector::widgets::{Form, icon_button};
use chrono::{Datelike, Timelike};
use egui::{ComboBox, DragValue, RichText, Ui};
use serde_json::{Value, json};

/// A parsed `YYYY-MM-DDThh:mm:ss±hh:mm` deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Offset from UTC in minutes (east positive).
    pub offset_minutes: i32,
}

impl Deadline {
    pub fn parse(s: &str) -> Option<Deadline> {
        let dt = chrono::DateTime::parse_from_rfc3339(s.trim()).ok()?;
        Some(Deadline {
            year: dt.year(),
            month: dt.month(),
            day: dt.day(),
            hour: dt.hour(),
            minute: dt.minute(),
            second: dt.second(),
            offset_minutes: dt.offset().local_minus_utc() / 60,
        })
    }

    /// The wire form, always with a `±hh:mm` offset (never `Z`).
    pub fn format(&self) -> String {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let off = self.offset_minutes.unsigned_abs();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            off / 60,
            off % 60
        )
    }

    /// Tomorrow at the next full hour in the machine's time zone.
    pub fn suggested() -> Deadline {
        let now = chrono::Local::now() + chrono::Duration::days(1);
        Deadline {
            year: now.year(),
            month: now.month(),
            day: now.day(),
            hour: (now.hour() + 1).min(23),
            minute: 0,
            second: 0,
            offset_minutes: now.offset().local_minus_utc() / 60,
        }
    }
}

/// Whether a `fields` boolean token is truthy (server's exact tokens).
pub fn field_truthy(v: Option<&Value>) -> bool {
    v.and_then(crate::layout::fields_bool) == Some(true)
}

pub fn fields_ui(form: &mut Form, ui: &mut Ui) {
    if !form.get(FIELDS).is_some_and(Value::is_object) {
        ui.colored_label(ui.visuals().warn_fg_color, "The activity fields are not an object.");
        if ui.button("Reset fields to {}").clicked() {
            form.set("fields", FIELDS, json!({}), false);
        }
        return;
    }
    type_id_ui(form, ui);
    rule(ui, "CONFIGURABLE, or a type this app registered with crm.activity.type.add.");
    field_bool(form, ui, fields_ptr!("/completed"), "Completed");
    deadline_ui(form, ui);
    pings_ui(form, ui);
    field_bool(form, ui, fields_ptr!("/isIncomingChannel"), "Incoming");
    let incoming = field_truthy(form.get(fields_ptr!("/isIncomingChannel")));
    let has_deadline = form.get(fields_ptr!("/deadline")).and_then(Value::as_str).is_some_and(|s| !s.is_empty());
    let clash = incoming && has_deadline;
    let text = "An incoming activity cannot have a deadline.";
    if clash {
        ui.colored_label(ui.visuals().error_fg_color, format!("Error: {text}"));
    } else {
        rule(ui, text);
    }
    form.int(ui, fields_ptr!("/responsibleId"), "Responsible user id", 1..=i64::MAX, false);
    rule(ui, "A user id greater than 0; absent means the user the token belongs to.");
    badge_ui(form, ui);
    form.string(ui, fields_ptr!("/originatorId"), "Originator id", "external source", false);
    form.string(ui, fields_ptr!("/originId"), "Origin id", "element in that source", false);
    rule(ui, "Identify the source system and its element (used to find the activity again).");
}

fn rule(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).small().weak());
}

fn field_bool(form: &mut Form, ui: &mut Ui, path: &str, label: &str) {
    let cur = form.get(path);
    let mut value = field_truthy(cur);
    ui.horizontal(|ui| {
        let resp = ui.add(egui::Checkbox::new(&mut value, label).indeterminate(cur.is_none()));
        if resp.clicked() {
            form.set(label, path, Value::Bool(value), false);
        }
        match cur {
            None => {
                ui.weak("default (false)");
            }
            Some(v) => {
                if !v.is_boolean() {
                    ui.weak(format!("written as {v}"));
                }
                if icon_button(ui, "Reset", &format!("Reset {label} to the default")).clicked() {
                    form.remove(label, path);
                }
            }
        }
    });
    form.diags(ui, path);
}

fn type_id_ui(form: &mut Form, ui: &mut Ui) {
    let path = fields_ptr!("/typeId");
    let mut options = vec![DEFAULT_TYPE_ID.to_string()];
    if let Some(ids) = &form.ctx.catalog.type_ids {
        options.extend(ids.iter().filter(|t| t.as_str() != DEFAULT_TYPE_ID).cloned());
    }
    let cur = form.get(path).and_then(Value::as_str).unwrap_or("").to_string();
    ui.horizontal(|ui| {
        let l = ui.label("Type id");
        let shown = if form.get(path).is_none() { format!("(default {DEFAULT_TYPE_ID})") } else { cur.clone() };
        let inner = ComboBox::from_id_salt("fields_typeId").selected_text(shown).show_ui(ui, |ui| {
            if ui.selectable_label(form.get(path).is_none(), "(default)").clicked() {
                form.remove("type id", path);
            }
            for t in &options {
                if ui.selectable_label(*t == cur, t).clicked() && *t != cur {
                    form.set("type id", path, json!(t), false);
                }
            }
        });
        inner.response.labelled_by(l.id);
    });
    form.string(ui, path, "Custom type id", "MY_TYPE", false);
}

fn deadline_ui(form: &mut Form, ui: &mut Ui) {
    let path = fields_ptr!("/deadline");
    ui.label(RichText::new("Deadline").strong());
    let cur = form.get(path);
    let parsed = cur.and_then(Value::as_str).and_then(Deadline::parse);
    let empty = cur.is_none() || cur.and_then(Value::as_str) == Some("");
    match (cur, parsed) {
        _ if empty => {
            if ui.button("Set deadline").clicked() {
                form.set("deadline", path, json!(Deadline::suggested().format()), false);
            }
        }
        (_, Some(mut d)) => {
            let before = d;
            // Drags merge into one step; a drag's end, a field's blur or a date pick seals it.
            let mut seal = false;
            ui.horizontal(|ui| {
                let mut date = jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).unwrap_or_default();
                let l = ui.label("Date");
                let resp = ui.add(
                    egui_extras::DatePickerButton::new(&mut date).id_salt("fields_deadline_date").show_icon(false),
                );
                resp.labelled_by(l.id);
                seal |=
                    i32::from(date.year()) != d.year || date.month() as u32 != d.month || date.day() as u32 != d.day;
                d.year = i32::from(date.year());
                d.month = date.month() as u32;
                d.day = date.day() as u32;
                let mut hour = d.hour;
                let mut minute = d.minute;
                let hl = ui.label("Time");
                let r = ui.add(DragValue::new(&mut hour).range(0..=23)).labelled_by(hl.id);
                seal |= r.drag_stopped() || r.lost_focus();
                let ml = ui.label(":");
                let r = ui.add(DragValue::new(&mut minute).range(0..=59)).labelled_by(ml.id);
                seal |= r.drag_stopped() || r.lost_focus();
                d.hour = hour;
                d.minute = minute;
            });
            ui.horizontal(|ui| {
                let mut off_h = d.offset_minutes / 60;
                let mut off_m = (d.offset_minutes % 60).abs();
                let ol = ui.label("UTC offset");
                let plus = if off_h >= 0 { "+" } else { "" };
                let r = ui.add(DragValue::new(&mut off_h).range(-14..=14).prefix(plus)).labelled_by(ol.id);
                seal |= r.drag_stopped() || r.lost_focus();
                let oml = ui.label("min");
                let r = ui.add(DragValue::new(&mut off_m).range(0..=59).speed(15)).labelled_by(oml.id);
                seal |= r.drag_stopped() || r.lost_focus();
                let sign = if off_h < 0 || (off_h == 0 && d.offset_minutes < 0) { -1 } else { 1 };
                d.offset_minutes = off_h * 60 + sign * off_m;
                if icon_button(ui, "×", "Clear the deadline").clicked() {
                    form.remove("deadline", path);
                }
            });
            if d != before {
                form.set("deadline", path, json!(d.format()), true);
            }
            if seal {
                form.out.push(crate::ui::UiAction::SealHistory);
            }
            ui.label(RichText::new(d.format()).monospace().small());
        }
        (other, None) => {
            let other = other.cloned().unwrap_or_default();
            ui.colored_label(ui.visuals().warn_fg_color, format!("{other} is not YYYY-MM-DDThh:mm:ss±hh:mm"));
            form.string(ui, path, "Deadline text", "2025-02-01T12:00:00+03:00", false);
        }
    }
    rule(ui, "ISO 8601 with an offset; a portal cannot clear it once set.");
    form.diags(ui, path);
}

fn pings_ui(form: &mut Form, ui: &mut Ui) {
    let path = fields_ptr!("/pingOffsets");
    ui.label(RichText::new("Reminders (minutes before the deadline)").strong());
    match form.get(path) {
        Some(Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                let ipath = format!("{path}/{i}");
                ui.horizontal(|ui| {
                    let l = ui.label(format!("#{}", i + 1));
                    match v.as_i64() {
                        Some(mut n) => {
                            let resp =
                                ui.add(DragValue::new(&mut n).range(0..=525_600).suffix(" min")).labelled_by(l.id);
                            if resp.changed() {
                                form.set("reminder", &ipath, json!(n), true);
                            }
                            form.seal_on(&resp);
                        }
                        None => {
                            ui.weak(v.to_string());
                        }
                    }
                    if icon_button(ui, "×", &format!("Remove reminder {}", i + 1)).clicked() {
                        form.remove("reminder", &ipath);
                    }
                });
                form.diags(ui, &ipath);
            }
            ui.horizontal(|ui| {
                if ui.button("Add reminder").clicked() {
                    form.set("reminder", &format!("{path}/{}", items.len()), json!(15), false);
                }
                if ui.button("Clear reminders").clicked() {
                    form.remove("reminders", path);
                }
            });
        }
        None => {
            if ui.button("Add reminder").clicked() {
                form.set("reminders", path, json!([15]), false);
            }
        }
        Some(other) => {
            ui.colored_label(ui.visuals().warn_fg_color, format!("{other} is not a list of minutes"));
            if ui.button("Replace with []").clicked() {
                form.set("reminders", path, json!([]), false);
            }
        }
    }
    rule(ui, "Whole minutes, 0 or more; 0 means at the deadline.");
    form.diags(ui, path);
}

fn badge_ui(form: &mut Form, ui: &mut Ui) {
    let path = fields_ptr!("/badgeCode");
    if let Some(badges) = form.ctx.catalog.badges.clone().filter(|b| !b.is_empty()) {
        let cur = form.get(path).and_then(Value::as_str).unwrap_or("").to_string();
        ui.horizontal(|ui| {
            let l = ui.label("Badge");
            let inner = ComboBox::from_id_salt("fields_badge")
                .selected_text(if cur.is_empty() { "(none)" } else { &cur })
                .show_ui(ui, |ui| {
                    if ui.selectable_label(cur.is_empty(), "(none)").clicked() {
                        form.remove("badge", path);
                    }
                    for b in &badges {
                        if ui.selectable_label(*b == cur, b).clicked() && *b != cur {
                            form.set("badge", path, json!(b), false);
                        }
                    }
                });
            inner.response.labelled_by(l.id);
        });
    }
    form.string(ui, path, "Badge code", "registered badge code", false);
    rule(ui, "A badge registered with crm.activity.badge.add; \"\" clears it.");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_round_trips_with_offsets() {
        for s in ["2025-02-01T12:00:00+03:00", "2024-12-31T23:59:05-09:30", "2025-06-01T00:00:00+00:00"] {
            assert_eq!(Deadline::parse(s).unwrap().format(), s);
        }
        let z = Deadline::parse("2025-02-01T12:00:00Z").unwrap();
        assert_eq!(z.format(), "2025-02-01T12:00:00+00:00");
        assert!(Deadline::parse("2025-02-01 12:00").is_none());
        let d = Deadline { offset_minutes: -30, ..z };
        assert_eq!(d.format(), "2025-02-01T12:00:00-00:30");
    }

    #[test]
    fn truthy_tokens_match_the_server() {
        for v in [json!(true), json!(1), json!("Y"), json!("y"), json!("1"), json!("true")] {
            assert!(field_truthy(Some(&v)), "{v}");
        }
        for v in [json!(false), json!(0), json!("N"), json!("TRUE"), json!(2)] {
            assert!(!field_truthy(Some(&v)), "{v}");
        }
        assert!(!field_truthy(None));
    }
}
