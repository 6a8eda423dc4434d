//! The activity `fields` rules (layout.md §8, V17, V18). `fields` is not a DTO: unknown keys are
//! ignored by the server, so they get no diagnostic here either.

use super::validate_ctx::{Ctx, kind_of};
use super::validate_walk::shown;
use crate::layout::Code;
use crate::layout::enums::DEFAULT_TYPE_ID;
use serde_json::Value;

pub(super) fn fields(c: &mut Ctx, v: &Value) {
    let m = match v {
        Value::Object(m) => m,
        // PHP decodes `[]` like `{}`: an empty fields object.
        Value::Array(a) if a.is_empty() => return,
        _ => {
            c.error(Code::WrongFieldValue, format!("The activity fields must be an object, found {}.", kind_of(v)));
            return;
        }
    };
    // The portal's order (Controller\Activity\Configurable::validateFields); it tests each key
    // with `isset`, so a null value counts as absent.
    let get = |key: &str| m.get(key).filter(|v| !v.is_null());
    for key in ["completed", "isIncomingChannel"] {
        if let Some(val) = get(key).filter(|v| token(v).is_none()) {
            c.at(key, |c| {
                c.error(
                    Code::WrongFieldValue,
                    format!("{} is not a boolean; use true/false, 1/0 or \"Y\"/\"N\".", shown(val)),
                )
            });
        }
    }
    // V18: the server checks the pair sent in one call.
    if get("isIncomingChannel").and_then(token) == Some(true) && has_deadline(get("deadline")) {
        c.error_at(
            "isIncomingChannel",
            Code::IncomingWithDeadline,
            "An incoming activity cannot have a deadline; remove one of the two.",
        );
    }
    if let Some(val) = get("pingOffsets") {
        c.at("pingOffsets", |c| ping_offsets(c, val));
    }
    if let Some(val) = get("responsibleId") {
        c.at("responsibleId", |c| responsible_id(c, val));
    }
    if let Some(val) = get("badgeCode") {
        c.at("badgeCode", |c| badge_code(c, val));
    }
    if let Some(val) = get("typeId") {
        c.at("typeId", |c| type_id(c, val));
    }
    // Not checked by validateFields; the designer's own reading.
    if let Some(val) = m.get("deadline") {
        c.at("deadline", |c| deadline(c, val));
    }
    for key in ["originatorId", "originId"] {
        if let Some(val) = get(key).filter(|v| v.is_array() || v.is_object()) {
            c.at(key, |c| c.error(Code::WrongFieldValue, format!("Expected a string, found {}.", kind_of(val))));
        }
    }
    // Other keys are ignored by the server, so they get no diagnostic either.
}

/// The 12 boolean tokens of §9 (exact match); `None` for anything else.
pub(super) use crate::layout::model_util::fields_bool as token;

/// A deadline the server counts as set: PHP `!empty()` (so `""` and `"0"` are no deadline).
pub(super) fn has_deadline(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !(s.is_empty() || s == "0"),
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(_)) => true,
    }
}

fn type_id(c: &mut Ctx, v: &Value) {
    let Some(s) = v.as_str().filter(|s| !s.is_empty()) else {
        c.error(Code::WrongFieldValue, "typeId must be a non-empty string, such as CONFIGURABLE.");
        return;
    };
    if s == DEFAULT_TYPE_ID {
        return;
    }
    match c.opts.catalog.as_ref().and_then(|cat| cat.type_ids.as_ref()) {
        Some(ids) => {
            if !ids.contains(s) {
                c.error(Code::WrongFieldValue, format!("\"{s}\" is not an activity type registered on this portal."));
            }
        }
        None => c.warning(
            Code::UnverifiedCode,
            format!("\"{s}\" must be a type your app registered with crm.activity.type.add; it could not be checked."),
        ),
    }
}

fn badge_code(c: &mut Ctx, v: &Value) {
    let Some(s) = v.as_str() else {
        c.error(Code::WrongFieldValue, format!("badgeCode must be a string, found {}.", kind_of(v)));
        return;
    };
    if s.is_empty() {
        return; // "" clears the badge
    }
    match c.opts.catalog.as_ref().and_then(|cat| cat.badges.as_ref()) {
        Some(badges) => {
            if !badges.contains(s) {
                c.error(Code::WrongFieldValue, format!("\"{s}\" is not a badge registered on this portal."));
            }
        }
        None => c.warning(
            Code::UnverifiedCode,
            format!("\"{s}\" must be a badge registered with crm.activity.badge.add; it could not be checked."),
        ),
    }
}

/// PHP's `(int)` of a scalar (`None` for null, arrays and objects): a string's leading number,
/// or 0 when it has none.
fn php_int(v: &Value) -> Option<i64> {
    match v {
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Number(n) => Some(
            n.as_i64()
                .unwrap_or_else(|| if n.is_u64() { i64::MAX } else { n.as_f64().map_or(0, |f| f.trunc() as i64) }),
        ),
        Value::String(s) => {
            let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
            let b = t.as_bytes();
            let mut end = usize::from(matches!(b.first(), Some(b'+' | b'-')));
            let digits = |from: usize| b[from..].iter().take_while(|d| d.is_ascii_digit()).count();
            end += digits(end);
            if b.get(end) == Some(&b'.') {
                end += 1 + digits(end + 1);
            }
            if matches!(b.get(end), Some(b'e' | b'E')) {
                let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
                let exp = digits(end + 1 + sign);
                if exp > 0 {
                    end += 1 + sign + exp;
                }
            }
            Some(t[..end].parse::<f64>().map_or(0, |f| f.trunc() as i64))
        }
        _ => None,
    }
}

/// A whole number written plainly: a JSON integer or a string of digits.
fn plain_int(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_i64() || n.is_u64(),
        Value::String(s) => !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

fn responsible_id(c: &mut Ctx, v: &Value) {
    match php_int(v) {
        Some(n) if n > 0 => {
            if !plain_int(v) {
                c.warning(
                    Code::CoercedValue,
                    format!("The portal reads {} as user {n}; write the id as a number.", shown(v)),
                );
            }
        }
        _ => c.error(Code::WrongFieldValue, "The responsible user id must be a whole number greater than 0."),
    }
}

fn ping_offsets(c: &mut Ctx, v: &Value) {
    let Value::Array(a) = v else {
        c.error(Code::WrongFieldValue, format!("pingOffsets must be an array of minutes, found {}.", kind_of(v)));
        return;
    };
    for (i, item) in a.iter().enumerate() {
        c.at_index(i, |c| match php_int(item) {
            Some(n) if n >= 0 => {
                if !plain_int(item) {
                    c.warning(Code::CoercedValue, format!("The portal reads {} as {n} minutes.", shown(item)));
                }
            }
            _ => c.error(Code::WrongFieldValue, format!("{} is not a number of minutes of 0 or more.", shown(item))),
        });
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
                Code::DeadlineFormat,
                "Only the form 2025-02-01T12:00:00+03:00 is documented; Z, milliseconds or a missing offset may be refused.",
            ),
            DeadlineForm::Invalid => {
                c.error(Code::WrongFieldValue, "The deadline must be a date and time like 2025-02-01T12:00:00+03:00.")
            }
        },
        _ => c.error(Code::WrongFieldValue, format!("The deadline must be a date-time string, found {}.", kind_of(v))),
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
    fn php_int_casts() {
        use serde_json::json;
        let cases = [
            (json!(5), Some(5)),
            (json!(-3), Some(-3)),
            (json!(1.9), Some(1)),
            (json!(-0.5), Some(0)),
            (json!(true), Some(1)),
            (json!(false), Some(0)),
            (json!("42"), Some(42)),
            (json!("  12abc"), Some(12)),
            (json!("abc"), Some(0)),
            (json!("-7"), Some(-7)),
            (json!("1e3"), Some(1000)),
            (json!("-0.5"), Some(0)),
            (json!("1e"), Some(1)),
            (json!(""), Some(0)),
            (json!(null), None),
            (json!([1]), None),
        ];
        for (v, want) in cases {
            assert_eq!(php_int(&v), want, "{v}");
        }
        assert!(has_deadline(Some(&json!("2025-01-01T00:00:00+03:00"))));
        assert!(!has_deadline(Some(&json!("0"))));
        assert!(!has_deadline(Some(&json!(""))));
        assert!(!has_deadline(Some(&json!(null))));
    }

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
