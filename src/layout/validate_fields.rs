//! The activity `fields` rules (layout.md §8, V17, V18). `fields` is not a DTO: unknown keys are
//! ignored by the server, so they get no diagnostic here either.

use super::validate_ctx::{Ctx, code::*, kind_of};
use super::validate_walk::shown;
use crate::layout::enums::{DEFAULT_TYPE_ID, FIELD_FALSE_STRINGS, FIELD_TRUE_STRINGS};
use serde_json::Value;

pub(super) fn fields(c: &mut Ctx, v: &Value) {
    let m = match v {
        Value::Object(m) => m,
        // PHP decodes `[]` like `{}`: an empty fields object.
        Value::Array(a) if a.is_empty() => return,
        _ => {
            c.error(WRONG_VALUE, format!("The activity fields must be an object, found {}.", kind_of(v)));
            return;
        }
    };
    for (key, val) in m {
        c.at(key, |c| match key.as_str() {
            "typeId" => type_id(c, val),
            "completed" | "isIncomingChannel" if token(val).is_none() => {
                c.error(WRONG_VALUE, format!("{} is not a boolean; use true/false, 1/0 or \"Y\"/\"N\".", shown(val)));
            }
            "deadline" => deadline(c, val),
            "pingOffsets" => ping_offsets(c, val),
            "responsibleId" if !positive_int(val) => {
                c.error(WRONG_VALUE, "The responsible user id must be a whole number greater than 0.");
            }
            "badgeCode" => badge_code(c, val),
            "originatorId" | "originId" if val.is_array() || val.is_object() => {
                c.error(WRONG_VALUE, format!("Expected a string, found {}.", kind_of(val)));
            }
            // Valid values of the keys above, and unknown keys (the server ignores those).
            _ => {}
        });
    }
    // V18: the server checks the pair sent in one call.
    let incoming = m.get("isIncomingChannel").and_then(token) == Some(true);
    if incoming && has_deadline(m.get("deadline")) {
        c.error_at(
            "isIncomingChannel",
            INCOMING_DEADLINE,
            "An incoming activity cannot have a deadline; remove one of the two.",
        );
    }
}

/// The 12 boolean tokens of §9 (exact match); `None` for anything else.
pub(super) fn token(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_u64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(s) if FIELD_TRUE_STRINGS.contains(&s.as_str()) => Some(true),
        Value::String(s) if FIELD_FALSE_STRINGS.contains(&s.as_str()) => Some(false),
        _ => None,
    }
}

/// A non-empty deadline string (an empty one is ignored by the server).
pub(super) fn has_deadline(v: Option<&Value>) -> bool {
    v.and_then(Value::as_str).is_some_and(|s| !s.is_empty())
}

fn type_id(c: &mut Ctx, v: &Value) {
    let Some(s) = v.as_str().filter(|s| !s.is_empty()) else {
        c.error(WRONG_VALUE, "typeId must be a non-empty string, such as CONFIGURABLE.");
        return;
    };
    if s == DEFAULT_TYPE_ID {
        return;
    }
    match c.opts.catalog.as_ref().and_then(|cat| cat.type_ids.as_ref()) {
        Some(ids) => {
            if !ids.contains(s) {
                c.error(WRONG_VALUE, format!("\"{s}\" is not an activity type registered on this portal."));
            }
        }
        None => c.warning(
            UNVERIFIED_CODE,
            format!("\"{s}\" must be a type your app registered with crm.activity.type.add; it could not be checked."),
        ),
    }
}

fn badge_code(c: &mut Ctx, v: &Value) {
    let Some(s) = v.as_str() else {
        c.error(WRONG_VALUE, format!("badgeCode must be a string, found {}.", kind_of(v)));
        return;
    };
    if s.is_empty() {
        return; // "" clears the badge
    }
    match c.opts.catalog.as_ref().and_then(|cat| cat.badges.as_ref()) {
        Some(badges) => {
            if !badges.contains(s) {
                c.error(WRONG_VALUE, format!("\"{s}\" is not a badge registered on this portal."));
            }
        }
        None => c.warning(
            UNVERIFIED_CODE,
            format!("\"{s}\" must be a badge registered with crm.activity.badge.add; it could not be checked."),
        ),
    }
}

fn positive_int(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.as_u64().is_some_and(|n| n > 0),
        // A numeric string is a scalar the server accepts.
        Value::String(s) => s.parse::<u64>().is_ok_and(|n| n > 0),
        _ => false,
    }
}

fn ping_offsets(c: &mut Ctx, v: &Value) {
    let Value::Array(a) = v else {
        c.error(WRONG_VALUE, format!("pingOffsets must be an array of minutes, found {}.", kind_of(v)));
        return;
    };
    for (i, item) in a.iter().enumerate() {
        let ok = match item {
            Value::Number(n) => n.as_u64().is_some() || n.as_f64().is_some_and(|f| f >= 0.0 && f.fract() == 0.0),
            Value::String(s) => s.parse::<u64>().is_ok(),
            _ => false,
        };
        if !ok {
            c.at_index(i, |c| {
                c.error(WRONG_VALUE, format!("{} is not a number of minutes of 0 or more.", shown(item)))
            });
        }
    }
}

fn deadline(c: &mut Ctx, v: &Value) {
    match v {
        // `null` is what crm.activity.configurable.get returns for "no deadline"; "" is ignored.
        Value::Null => {}
        Value::String(s) if s.is_empty() => {}
        Value::String(s) => match deadline_form(s) {
            DeadlineForm::Documented => {}
            DeadlineForm::Undocumented => c.warning(
                DEADLINE_FORMAT,
                "Only the form 2025-02-01T12:00:00+03:00 is documented; Z, milliseconds or a missing offset may be refused.",
            ),
            DeadlineForm::Invalid => {
                c.error(WRONG_VALUE, "The deadline must be a date and time like 2025-02-01T12:00:00+03:00.")
            }
        },
        _ => c.error(WRONG_VALUE, format!("The deadline must be a date-time string, found {}.", kind_of(v))),
    }
}

#[derive(Debug, PartialEq)]
enum DeadlineForm {
    Documented,
    Undocumented,
    Invalid,
}

/// `YYYY-MM-DDThh:mm:ss±hh:mm` is documented; a fraction, `Z` or no offset is undocumented.
fn deadline_form(s: &str) -> DeadlineForm {
    let b = s.as_bytes();
    if b.len() < 19 || !s.is_char_boundary(19) || !date_time_ok(&b[..19]) {
        return DeadlineForm::Invalid;
    }
    let mut rest = &b[19..];
    let mut documented = true;
    if rest.first() == Some(&b'.') {
        let digits = rest[1..].iter().take_while(|d| d.is_ascii_digit()).count();
        if digits == 0 {
            return DeadlineForm::Invalid;
        }
        rest = &rest[1 + digits..];
        documented = false;
    }
    match rest {
        [] | [b'Z' | b'z'] => DeadlineForm::Undocumented,
        [b'+' | b'-', h1, h2, b':', m1, m2] => match (num(&[*h1, *h2]), num(&[*m1, *m2])) {
            (Some(h), Some(m)) if h <= 14 && m < 60 => {
                if documented {
                    DeadlineForm::Documented
                } else {
                    DeadlineForm::Undocumented
                }
            }
            _ => DeadlineForm::Invalid,
        },
        _ => DeadlineForm::Invalid,
    }
}

/// `YYYY-MM-DDThh:mm:ss` with a real calendar date.
fn date_time_ok(b: &[u8]) -> bool {
    if b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b't') || b[13] != b':' || b[16] != b':' {
        return false;
    }
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(se)) =
        (num(&b[0..4]), num(&b[5..7]), num(&b[8..10]), num(&b[11..13]), num(&b[14..16]), num(&b[17..19]))
    else {
        return false;
    };
    h < 24 && mi < 60 && se < 60 && chrono::NaiveDate::from_ymd_opt(y as i32, mo, d).is_some()
}

fn num(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_forms() {
        assert_eq!(deadline_form("2025-02-01T12:00:00+03:00"), DeadlineForm::Documented);
        assert_eq!(deadline_form("2025-02-01T12:00:00-05:30"), DeadlineForm::Documented);
        assert_eq!(deadline_form("2025-02-01T12:00:00Z"), DeadlineForm::Undocumented);
        assert_eq!(deadline_form("2025-02-01T12:00:00.123Z"), DeadlineForm::Undocumented);
        assert_eq!(deadline_form("2025-02-01T12:00:00.5+03:00"), DeadlineForm::Undocumented);
        assert_eq!(deadline_form("2025-02-01T12:00:00"), DeadlineForm::Undocumented);
        assert_eq!(deadline_form("2025-02-30T12:00:00+03:00"), DeadlineForm::Invalid);
        assert_eq!(deadline_form("2025-02-01T24:00:00+03:00"), DeadlineForm::Invalid);
        assert_eq!(deadline_form("tomorrow"), DeadlineForm::Invalid);
        assert_eq!(deadline_form("2025-02-01 12:00"), DeadlineForm::Invalid);
        assert_eq!(deadline_form("2025-02-01T12:00:00+0300"), DeadlineForm::Invalid);
        assert_eq!(deadline_form("2025-02-01T12:00:00.+03:00"), DeadlineForm::Invalid);
        assert_eq!(deadline_form("ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ"), DeadlineForm::Invalid);
    }
}
