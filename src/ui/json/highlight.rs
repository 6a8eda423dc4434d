//! A lenient JSON lexer and an egui `LayoutJob` highlighter for the JSON pane.
//!
//! The lexer never fails: broken input (the user is mid-edit) still gets coloured, the bad
//! part as `Error`, so the text stays readable while the parse error is shown below.

use crate::ui::theme;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Key,
    String,
    Number,
    /// `true`, `false`, `null`.
    Literal,
    /// `{ } [ ] : ,`
    Punct,
    Whitespace,
    Error,
}

/// Splits `text` into tokens covering every byte, in order.
pub fn tokens(text: &str) -> Vec<(TokenKind, Range<usize>)> {
    let b = text.as_bytes();
    let mut out: Vec<(TokenKind, Range<usize>)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let kind = match b[i] {
            b' ' | b'\n' | b'\r' | b'\t' => {
                while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\r' | b'\t') {
                    i += 1;
                }
                TokenKind::Whitespace
            }
            b'{' | b'}' | b'[' | b']' | b':' | b',' => {
                i += 1;
                TokenKind::Punct
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let closed = i < b.len() && b[i] == b'"';
                i = (i + usize::from(closed)).min(b.len());
                if !closed {
                    TokenKind::Error
                } else if next_non_ws(b, i) == Some(b':') {
                    TokenKind::Key
                } else {
                    TokenKind::String
                }
            }
            b'-' | b'0'..=b'9' => {
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                    i += 1;
                }
                TokenKind::Number
            }
            _ => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] >= 0x80 || b[i] == b'_') {
                    i += 1;
                }
                if i == start {
                    // Any other single character (stray punctuation): one UTF-8 char as error.
                    i += text[start..].chars().next().map_or(1, char::len_utf8);
                    TokenKind::Error
                } else if matches!(&text[start..i], "true" | "false" | "null") {
                    TokenKind::Literal
                } else {
                    TokenKind::Error
                }
            }
        };
        // Keep ranges on char boundaries even for escapes at the very end.
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        out.push((kind, start..i.min(text.len())));
    }
    out
}

fn next_non_ws(b: &[u8], mut i: usize) -> Option<u8> {
    while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\r' | b'\t') {
        i += 1;
    }
    b.get(i).copied()
}

/// Token colours for a light or dark background.
pub fn color(kind: TokenKind, dark: bool) -> Color32 {
    let p = theme::json::palette(dark);
    match kind {
        TokenKind::Key => p.key,
        TokenKind::String => p.string,
        TokenKind::Number => p.number,
        TokenKind::Literal => p.literal,
        TokenKind::Punct | TokenKind::Whitespace => p.punct,
        TokenKind::Error => theme::ERROR,
    }
}

/// The highlighted layout of `text`; `mark` gets a background (the selected node's span).
pub fn layout_job(text: &str, font: FontId, dark: bool, mark: Option<Range<usize>>, wrap_width: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width;
    let mark_bg = theme::json::palette(dark).mark;
    for (kind, range) in tokens(text) {
        // Split each token at the mark's edges so only the marked bytes get the background.
        let mut cuts = vec![range.start, range.end];
        if let Some(m) = &mark {
            for c in [m.start, m.end] {
                if c > range.start && c < range.end && text.is_char_boundary(c) {
                    cuts.push(c);
                }
            }
        }
        cuts.sort_unstable();
        for w in cuts.windows(2) {
            let (a, z) = (w[0], w[1]);
            let marked = mark.as_ref().is_some_and(|m| a >= m.start && z <= m.end);
            let format = TextFormat {
                font_id: font.clone(),
                color: color(kind, dark),
                background: if marked { mark_bg } else { Color32::TRANSPARENT },
                ..Default::default()
            };
            job.append(&text[a..z], 0.0, format);
        }
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(TokenKind, &str)> {
        tokens(t).into_iter().filter(|(k, _)| *k != TokenKind::Whitespace).map(|(k, r)| (k, &t[r])).collect()
    }

    #[test]
    fn classifies_keys_strings_numbers_literals() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"{"a": "b", "n": -1.5e3, "t": true, "z": null}"#),
            vec![
                (Punct, "{"),
                (Key, "\"a\""),
                (Punct, ":"),
                (String, "\"b\""),
                (Punct, ","),
                (Key, "\"n\""),
                (Punct, ":"),
                (Number, "-1.5e3"),
                (Punct, ","),
                (Key, "\"t\""),
                (Punct, ":"),
                (Literal, "true"),
                (Punct, ","),
                (Key, "\"z\""),
                (Punct, ":"),
                (Literal, "null"),
                (Punct, "}"),
            ]
        );
    }

    #[test]
    fn broken_text_is_covered_and_marked() {
        let t = "{\"a\\\"\": tru, \"ü\nx @ \"";
        let toks = tokens(t);
        // Every byte covered, in order, with no gaps.
        let mut at = 0;
        for (_, r) in &toks {
            assert_eq!(r.start, at);
            at = r.end;
        }
        assert_eq!(at, t.len());
        assert!(kinds(t).contains(&(TokenKind::Error, "tru")));
        assert!(kinds(t).contains(&(TokenKind::Error, "@")));
        assert_eq!(kinds(t)[1], (TokenKind::Key, "\"a\\\"\""));
    }

    #[test]
    fn mark_splits_tokens() {
        let t = r#"{"abc": 1}"#;
        let job = layout_job(t, FontId::monospace(12.0), false, Some(2..4), 100.0);
        let text: String = job.sections.iter().map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0]).collect();
        assert_eq!(text, t);
        let marked: Vec<&str> = job
            .sections
            .iter()
            .filter(|s| s.format.background != Color32::TRANSPARENT)
            .map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(marked, ["ab"]);
    }
}
