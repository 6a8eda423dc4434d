//! Writes a JSON value as a source-code literal of another language, keeping key order.
//!
//! String quoting is the part that must be exact:
//! - PHP uses single-quoted strings, where only `\` and `'` are special (no `$` interpolation);
//! - Python and JavaScript use JSON string syntax, which both accept unchanged (serde_json writes
//!   non-ASCII as UTF-8, so no `\u` surrogate pairs reach Python); for JavaScript, U+2028/U+2029
//!   and `</` are escaped so the snippet is also safe inside an HTML `<script>`.

use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Php,
    Python,
    Js,
}

impl Lang {
    fn quote(self, s: &str) -> String {
        match self {
            Lang::Php => php_string(s),
            Lang::Python => json_string(s),
            Lang::Js => js_string(s),
        }
    }
    fn scalar(self, v: &Value) -> String {
        match (self, v) {
            (Lang::Python, Value::Bool(true)) => "True".into(),
            (Lang::Python, Value::Bool(false)) => "False".into(),
            (Lang::Python, Value::Null) => "None".into(),
            (_, Value::String(s)) => self.quote(s),
            (_, other) => other.to_string(),
        }
    }
    fn map_open(self) -> &'static str {
        if self == Lang::Php { "[" } else { "{" }
    }
    fn map_close(self) -> &'static str {
        if self == Lang::Php { "]" } else { "}" }
    }
    fn key_sep(self) -> &'static str {
        if self == Lang::Php { " => " } else { ": " }
    }
    fn empty_map(self) -> &'static str {
        // An empty PHP array would encode as `[]`; the portal expects an object.
        if self == Lang::Php { "new \\stdClass()" } else { "{}" }
    }
    fn trailing_comma(self) -> bool {
        self != Lang::Js
    }
}

/// PHP single-quoted string literal.
pub fn php_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\\' || c == '\'' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// JSON string literal (valid Python).
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// JSON string literal made safe for JavaScript source and inline `<script>`.
pub fn js_string(s: &str) -> String {
    json_string(s).replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029").replace("</", "<\\/")
}

/// Writes `v` as a literal. `indent` is the current indentation level; the first
/// line is not indented (the caller placed the cursor), nested lines are.
pub fn literal(v: &Value, lang: Lang, indent: usize) -> String {
    let mut out = String::new();
    write(&mut out, v, lang, indent);
    out
}

fn pad(out: &mut String, level: usize, lang: Lang) {
    // JavaScript follows the 2-space style of the BX24 examples; PHP (PSR-12) and Python (PEP 8) use 4.
    let unit = if lang == Lang::Js { "  " } else { "    " };
    for _ in 0..level {
        out.push_str(unit);
    }
}

fn write(out: &mut String, v: &Value, lang: Lang, level: usize) {
    match v {
        Value::Object(m) if m.is_empty() => out.push_str(lang.empty_map()),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(m) => {
            out.push_str(lang.map_open());
            out.push('\n');
            let n = m.len();
            for (i, (k, val)) in m.iter().enumerate() {
                pad(out, level + 1, lang);
                out.push_str(&lang.quote(k));
                out.push_str(lang.key_sep());
                write(out, val, lang, level + 1);
                if i + 1 < n || lang.trailing_comma() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(out, level, lang);
            out.push_str(lang.map_close());
        }
        Value::Array(a) => {
            out.push('[');
            out.push('\n');
            let n = a.len();
            for (i, val) in a.iter().enumerate() {
                pad(out, level + 1, lang);
                write(out, val, lang, level + 1);
                if i + 1 < n || lang.trailing_comma() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(out, level, lang);
            out.push(']');
        }
        scalar => out.push_str(&lang.scalar(scalar)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn php_strings_escape_only_backslash_and_quote() {
        assert_eq!(php_string(r"it's C:\tmp $x"), r"'it\'s C:\\tmp $x'");
        assert_eq!(php_string("a\nb"), "'a\nb'");
    }

    #[test]
    fn js_strings_are_script_safe() {
        assert_eq!(js_string("a</script>\u{2028}"), r#""a<\/script>\u2028""#);
    }

    #[test]
    fn literals_keep_order_and_use_language_tokens() {
        let v = json!({"z": true, "a": [null, 1.5], "e": {}});
        assert_eq!(
            literal(&v, Lang::Python, 0),
            "{\n    \"z\": True,\n    \"a\": [\n        None,\n        1.5,\n    ],\n    \"e\": {},\n}"
        );
        assert_eq!(
            literal(&v, Lang::Php, 0),
            "[\n    'z' => true,\n    'a' => [\n        null,\n        1.5,\n    ],\n    'e' => new \\stdClass(),\n]"
        );
        let js = literal(&v, Lang::Js, 0);
        assert_eq!(serde_json::from_str::<Value>(&js).unwrap(), v);
    }
}
