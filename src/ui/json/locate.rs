//! Pointer → byte range locator over JSON text.
//!
//! The JSON pane highlights the selected node in its text. Re-serialising with span tracking
//! would only work for our own pretty print; scanning the text works for whatever the user has
//! typed, as long as the part on the way to the node is well formed.

use crate::layout::pointer;
use std::ops::Range;

/// Byte range of the node at `ptr` (a JSON Pointer relative to the text's root value) in `text`.
/// For an object member the range starts at its key, so the highlight reads `"key": value`.
/// `None` when the text is malformed on the way or the node is absent.
pub fn locate(text: &str, ptr: &str) -> Option<Range<usize>> {
    let toks = pointer::tokens(ptr);
    let mut s = Scanner { b: text.as_bytes(), i: 0, depth: 0 };
    s.ws();
    let mut start = s.i;
    for tok in &toks {
        s.ws();
        match s.peek()? {
            b'{' => {
                s.i += 1;
                loop {
                    s.ws();
                    if s.peek()? == b'}' {
                        return None;
                    }
                    let key_start = s.i;
                    let key = s.string()?;
                    s.ws();
                    s.expect(b':')?;
                    s.ws();
                    if key == *tok {
                        start = key_start;
                        break;
                    }
                    s.value()?;
                    s.ws();
                    if s.peek()? == b',' {
                        s.i += 1;
                    }
                }
            }
            b'[' => {
                let want: usize = tok.parse().ok()?;
                s.i += 1;
                let mut idx = 0;
                loop {
                    s.ws();
                    if s.peek()? == b']' {
                        return None;
                    }
                    if idx == want {
                        start = s.i;
                        break;
                    }
                    s.value()?;
                    s.ws();
                    if s.peek()? == b',' {
                        s.i += 1;
                    }
                    idx += 1;
                }
            }
            _ => return None,
        }
    }
    s.ws();
    s.value()?;
    Some(start..s.i)
}

/// 1-based line and column (in characters) of a byte offset, as editors show them.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Byte offset of a 1-based line and column (serde_json's error positions).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut off = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            let col_bytes: usize = l.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
            return off + col_bytes;
        }
        off += l.len();
    }
    text.len()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Deepest nesting the scanner follows; serde_json refuses deeper text (its recursion limit),
/// so such text never is a document, and a pasted `[[[[…` cannot overflow the UI thread's stack.
const MAX_DEPTH: usize = 127;

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }
    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }
    /// Scans a string literal and returns its unescaped content.
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.expect(b'"')?;
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    break;
                }
                _ => self.i += 1,
            }
        }
        let raw = std::str::from_utf8(self.b.get(start..self.i)?).ok()?;
        serde_json::from_str(raw).ok()
    }
    /// Skips one value of any kind.
    fn value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            open @ (b'{' | b'[') => {
                if self.depth >= MAX_DEPTH {
                    return None;
                }
                self.depth += 1;
                let r = self.container(open);
                self.depth -= 1;
                r
            }
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.')) {
                    self.i += 1;
                }
                (self.i > start).then_some(())
            }
        }
    }
    /// Skips an object or array from its opening bracket.
    fn container(&mut self, open: u8) -> Option<()> {
        let close = if open == b'{' { b'}' } else { b']' };
        self.i += 1;
        loop {
            self.ws();
            if self.peek()? == close {
                self.i += 1;
                return Some(());
            }
            if open == b'{' {
                self.string()?;
                self.ws();
                self.expect(b':')?;
                self.ws();
            }
            self.value()?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                c if c == close => {}
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn locates_members_elements_and_escaped_keys() {
        let v = json!({"body": {"blocks": {"a": {"type": "text"}, "b/c": {"type": "link"}}},
                       "s": [1, {"code": "x"}]});
        let text = serde_json::to_string_pretty(&v).unwrap();
        let r = locate(&text, "/body/blocks/b~1c").unwrap();
        assert!(text[r.clone()].starts_with("\"b/c\": {"));
        assert!(text[r].ends_with('}'));
        let r = locate(&text, "/body/blocks/a/type").unwrap();
        assert_eq!(&text[r], "\"type\": \"text\"");
        let r = locate(&text, "/s/1/code").unwrap();
        assert_eq!(&text[r], "\"code\": \"x\"");
        let r = locate(&text, "/s/0").unwrap();
        assert_eq!(&text[r], "1");
        assert_eq!(locate(&text, "").unwrap(), 0..text.len());
        assert_eq!(locate(&text, "/body/nope"), None);
        assert_eq!(locate(&text, "/s/5"), None);
    }

    #[test]
    fn malformed_text_gives_none_not_panic() {
        for t in ["", "{", "{\"a\": ", "{\"a\" 1}", "[1,", "\"abc", "{\"a\": {\"b\": [}}"] {
            let _ = locate(t, "/a/b");
            let _ = locate(t, "/0");
        }
        assert_eq!(locate("{\"a\": [1, 2}", "/a"), None);
    }

    #[test]
    fn deep_nesting_gives_none_not_a_stack_overflow() {
        // Seen while writing the json::pane fuzz target: each nesting level was one recursion,
        // so pasting a long `[[[[…` overflowed the UI thread's stack.
        let nest = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let deep = nest(200_000);
        assert_eq!(locate(&deep, ""), None);
        assert_eq!(locate(&format!("{{\"a\": {deep}}}"), "/a"), None);
        // As deep as serde_json accepts (127 levels) is still located; one more is refused by both.
        let ok = nest(127);
        assert!(serde_json::from_str::<serde_json::Value>(&ok).is_ok());
        assert_eq!(locate(&ok, ""), Some(0..ok.len()));
        assert!(serde_json::from_str::<serde_json::Value>(&nest(128)).is_err());
        assert_eq!(locate(&nest(128), ""), None);
    }

    #[test]
    fn line_col_round_trips() {
        let t = "{\n  \"ä\": 1\n}";
        let off = t.find('1').unwrap();
        assert_eq!(line_col(t, off), (2, 8));
        assert_eq!(offset_of(t, 2, 8), off);
        assert_eq!(offset_of(t, 99, 1), t.len());
    }

    proptest::proptest! {
        /// Any text (mid-edit, hostile, multi-byte) neither panics the locator nor the lexer,
        /// and the lexer's tokens always tile the text.
        #[test]
        fn arbitrary_text_never_panics(text in "[\\{}\\[\\]:,\"\\\\a-z0-9 \n\u{e4}\u{1F600}-]{0,80}", ptr in "(/[a-z0-9~]{0,3}){0,3}") {
            let _ = locate(&text, &ptr);
            let _ = line_col(&text, text.len() / 2);
            let toks = crate::ui::json::highlight::tokens(&text);
            let mut at = 0;
            for (_, r) in &toks {
                proptest::prop_assert_eq!(r.start, at);
                at = r.end;
            }
            proptest::prop_assert_eq!(at, text.len());
        }
    }
}
