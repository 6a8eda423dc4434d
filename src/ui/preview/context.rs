//! The context a card is previewed in (language, scope, activity state) and the pure rules that
//! depend on it: text language fallback, visibility, and the portal-like date format.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, TimeZone, Timelike};
use serde_json::Value;

use crate::layout::model::{Fields, Text};
use crate::project::preview::{PreviewScope, PreviewSettings};

/// Effective activity state after the toolbar overrides.
#[derive(Clone, Debug, PartialEq)]
pub struct Ctx {
    pub lang: String,
    pub scope: PreviewScope,
    pub incoming: bool,
    pub completed: bool,
    pub deadline: Option<DateTime<FixedOffset>>,
    pub readonly_user: bool,
    pub now: DateTime<FixedOffset>,
}

impl Ctx {
    /// `now` is passed in so snapshots do not depend on the clock.
    pub fn new(settings: &PreviewSettings, fields: &Fields, now: DateTime<FixedOffset>) -> Self {
        let incoming =
            settings.incoming.unwrap_or_else(|| fields.is_incoming_channel.as_ref().and_then(truthy) == Some(true));
        let completed = settings.completed.unwrap_or_else(|| fields.completed.as_ref().and_then(truthy) == Some(true));
        let from_fields = fields.deadline.as_deref().and_then(|d| parse_deadline(d, *now.offset()));
        let deadline = match settings.has_deadline {
            None => from_fields,
            Some(false) => None,
            // Forced on without a date in the fields: tomorrow at noon, so the pill has something.
            Some(true) => from_fields.or_else(|| at_noon(now, 1)),
        };
        Ctx {
            lang: settings.language.clone(),
            scope: settings.scope,
            incoming,
            completed,
            deadline,
            readonly_user: settings.readonly_user,
            now,
        }
    }

    /// Why an element with this `scope` is hidden in the current preview scope, if it is.
    pub fn scope_hidden(&self, scope: Option<&str>) -> Option<String> {
        let here = match self.scope {
            PreviewScope::Web => "web",
            PreviewScope::Mobile => "mobile",
        };
        match scope {
            Some(s) if (s == "web" || s == "mobile") && s != here => {
                Some(format!("Hidden: scope is \"{s}\", the preview shows {here}"))
            }
            _ => None,
        }
    }

    /// Why a `hideIfReadonly` element is hidden, if it is.
    pub fn readonly_hidden(&self, hide_if_readonly: Option<bool>) -> Option<String> {
        (hide_if_readonly == Some(true) && self.readonly_user)
            .then(|| "Hidden: hideIfReadonly, and the viewer cannot edit the CRM element".to_string())
    }

    /// Why a `deadline` block is hidden (layout.md §4.3.6), if it is.
    pub fn deadline_hidden(&self) -> Option<String> {
        if self.incoming {
            Some("Hidden: the activity is incoming (isIncomingChannel), so it has no deadline".into())
        } else if self.deadline.is_none() {
            Some("Hidden: the activity has no deadline (fields.deadline)".into())
        } else {
            None
        }
    }

    /// The resolved text in the viewer's language.
    pub fn text(&self, t: Option<&Text>) -> String {
        resolve_text(t, &self.lang)
    }

    /// The header time: the deadline in the portal format, else "today, 12:00".
    pub fn header_time(&self) -> String {
        match self.deadline {
            Some(d) => portal_time(d, self.now, &self.lang),
            None => portal_time(at_noon(self.now, 0).unwrap_or(self.now), self.now, &self.lang),
        }
    }
}

fn at_noon(now: DateTime<FixedOffset>, days: i64) -> Option<DateTime<FixedOffset>> {
    let date = now.date_naive() + chrono::Duration::days(days);
    now.offset().from_local_datetime(&date.and_hms_opt(12, 0, 0)?).single()
}

/// A `fields` boolean token (layout.md §9): `true`/`1`/`"Y"`... → `Some(true)`.
pub use crate::layout::fields_bool as truthy;

/// `fields.deadline`: ISO 8601 with offset (also `Z`/milliseconds); without an offset the
/// viewer's offset is assumed.
pub fn parse_deadline(s: &str, local: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
        .ok()?;
    local.from_local_datetime(&naive).single()
}

/// textWithTranslation in `lang`, then `en`, then the first entry (layout.md §1.1).
pub fn resolve_text(t: Option<&Text>, lang: &str) -> String {
    match t {
        None => String::new(),
        Some(Text::Plain(s)) => s.clone(),
        Some(Text::Translated(map)) => {
            let pick = map.get(lang).or_else(|| map.get("en")).or_else(|| map.values().next());
            match pick {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                // The server turns numbers into strings; show other scalars the same way.
                Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
                Some(_) => String::new(),
            }
        }
    }
}

/// Which language a text resolves to (for the toolbar's fallback note).
pub fn resolved_lang(t: &Text, lang: &str) -> Option<String> {
    match t {
        Text::Plain(_) => None,
        Text::Translated(map) if map.contains_key(lang) => Some(lang.to_string()),
        Text::Translated(map) if map.contains_key("en") => Some("en".into()),
        Text::Translated(map) => map.keys().next().cloned(),
    }
}

/// HTML-like whitespace collapsing for text without `multiline`.
pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Words {
    today: &'static str,
    tomorrow: &'static str,
    yesterday: &'static str,
    weekdays: [&'static str; 7],
    months: [&'static str; 12],
}

const EN: Words = Words {
    today: "today",
    tomorrow: "tomorrow",
    yesterday: "yesterday",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    months: ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sep", "Oct", "Nov", "Dec"],
};
const RU: Words = Words {
    today: "сегодня",
    tomorrow: "завтра",
    yesterday: "вчера",
    weekdays: ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
    months: ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."],
};
const DE: Words = Words {
    today: "heute",
    tomorrow: "morgen",
    yesterday: "gestern",
    weekdays: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
    months: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."],
};

/// The portal's relative date format, e.g. "today, 08:45" or "Sun, Oct 1, 12:00" (the exact
/// format is locale-dependent and undocumented [?]; this follows the screenshots).
pub fn portal_time(t: DateTime<FixedOffset>, now: DateTime<FixedOffset>, lang: &str) -> String {
    let w = match lang {
        "ru" | "ua" | "kz" => &RU,
        "de" => &DE,
        _ => &EN,
    };
    let now = now.with_timezone(t.offset());
    let days = (t.date_naive() - now.date_naive()).num_days();
    let hm = format!("{:02}:{:02}", t.hour(), t.minute());
    let day_word = match days {
        0 => Some(w.today),
        1 => Some(w.tomorrow),
        -1 => Some(w.yesterday),
        _ => None,
    };
    if let Some(word) = day_word {
        return format!("{word}, {hm}");
    }
    let wd = w.weekdays[t.weekday().num_days_from_monday() as usize];
    let mon = w.months[t.month0() as usize];
    let date = if lang == "de" {
        format!("{wd}, {}. {mon}", t.day())
    } else if lang == "ru" || lang == "ua" || lang == "kz" {
        format!("{wd}, {} {mon}", t.day())
    } else {
        format!("{wd}, {mon} {}", t.day())
    };
    if t.year() == now.year() { format!("{date}, {hm}") } else { format!("{date}, {}, {hm}", t.year()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;
    use serde_json::json;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2023-09-28T10:00:00+03:00").unwrap()
    }

    #[test]
    fn language_falls_back_to_en_then_first() {
        let mut m = IndexMap::new();
        m.insert("de".to_string(), json!("Hallo"));
        m.insert("en".to_string(), json!("Hello"));
        let t = Text::Translated(m.clone());
        assert_eq!(resolve_text(Some(&t), "de"), "Hallo");
        assert_eq!(resolve_text(Some(&t), "ru"), "Hello");
        m.shift_remove("en");
        assert_eq!(resolve_text(Some(&Text::Translated(m)), "ru"), "Hallo");
        assert_eq!(resolve_text(Some(&Text::Translated(IndexMap::new())), "en"), "");
        assert_eq!(resolved_lang(&t, "fr").as_deref(), Some("en"));
    }

    #[test]
    fn dates_read_like_the_portal() {
        let n = now();
        let p = |s: &str| parse_deadline(s, *n.offset()).unwrap();
        assert_eq!(portal_time(p("2023-09-28T08:45:00+03:00"), n, "en"), "today, 08:45");
        assert_eq!(portal_time(p("2023-09-29T01:31:00+03:00"), n, "en"), "tomorrow, 01:31");
        assert_eq!(portal_time(p("2023-10-01T12:00:00+03:00"), n, "en"), "Sun, Oct 1, 12:00");
        assert_eq!(portal_time(p("2024-06-04T22:00:00+03:00"), n, "en"), "Tue, June 4, 2024, 22:00");
        assert_eq!(portal_time(p("2023-09-28T08:45:00+03:00"), n, "ru"), "сегодня, 08:45");
        assert_eq!(portal_time(p("2023-10-01T12:00:00+03:00"), n, "de"), "So., 1. Okt., 12:00");
        // `Z` and naive forms parse too.
        assert_eq!(portal_time(p("2023-09-28T05:45:00Z"), n, "en"), "today, 05:45");
        assert_eq!(portal_time(p("2023-09-28T08:45:00"), n, "en"), "today, 08:45");
    }

    #[test]
    fn overrides_and_tokens() {
        let fields = Fields {
            deadline: Some("2023-10-01T12:00:00+03:00".into()),
            is_incoming_channel: Some(json!("Y")),
            completed: Some(json!(0)),
            ..Default::default()
        };
        let mut s = PreviewSettings::default();
        let c = Ctx::new(&s, &fields, now());
        assert!(c.incoming && !c.completed && c.deadline.is_some());
        assert!(c.deadline_hidden().unwrap().contains("incoming"));
        s.incoming = Some(false);
        s.has_deadline = Some(false);
        let c = Ctx::new(&s, &fields, now());
        assert!(c.deadline_hidden().unwrap().contains("no deadline"));
        s.has_deadline = Some(true);
        assert!(Ctx::new(&s, &Fields::default(), now()).deadline_hidden().is_none());
        assert!(c.scope_hidden(Some("mobile")).is_some());
        assert!(c.scope_hidden(Some("web")).is_none() && c.scope_hidden(None).is_none());
        assert_eq!(truthy(&json!("maybe")), None);
        assert_eq!(collapse_whitespace("a\n b\t\tc "), "a b c");
    }
}
