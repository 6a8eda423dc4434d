//! Walker state shared by the validator: the current JSON Pointer (one reused buffer, so a clean
//! layout allocates no path strings), the options and the findings in the order found.

use super::ValidateOptions;
use crate::layout::{Code, Diagnostic, Root, pointer};
use std::fmt::Write as _;

pub(super) struct Ctx<'o> {
    pub opts: &'o ValidateOptions,
    pub diags: Vec<Diagnostic>,
    root: Root,
    path: String,
    /// True below an element whose `scope` is `mobile` (openRestApp does not work there).
    pub mobile: bool,
    /// Paths of every `deadline` block, for the payload-level "hidden" warning.
    pub deadline_blocks: Vec<String>,
}

impl<'o> Ctx<'o> {
    pub fn new(opts: &'o ValidateOptions, root: Root) -> Self {
        // Room for the deepest pointer of a typical layout, so the walk does not regrow it.
        let mut path = String::with_capacity(128);
        path.push_str(root.validator_prefix());
        Self { opts, diags: Vec::new(), root, path, mobile: false, deadline_blocks: Vec::new() }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Runs `f` with `token` appended to the current path.
    pub fn at<R>(&mut self, token: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.path.len();
        self.path.push('/');
        if token.bytes().any(|b| b == b'~' || b == b'/') {
            self.path.push_str(&pointer::escape(token));
        } else {
            self.path.push_str(token);
        }
        let r = f(self);
        self.path.truncate(len);
        r
    }

    pub fn at_index<R>(&mut self, index: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.path.len();
        self.path.push('/');
        // Written in place: no temporary string per array element.
        let _ = write!(self.path, "{index}");
        let r = f(self);
        self.path.truncate(len);
        r
    }

    pub fn error(&mut self, code: Code, message: impl Into<String>) {
        let d = Diagnostic::error(code, self.root, self.path.clone(), message);
        self.diags.push(d);
    }

    pub fn warning(&mut self, code: Code, message: impl Into<String>) {
        let d = Diagnostic::warning(code, self.root, self.path.clone(), message);
        self.diags.push(d);
    }

    /// An error (`error == true`) or a warning with the same code.
    pub fn report(&mut self, error: bool, code: Code, message: impl Into<String>) {
        if error { self.error(code, message) } else { self.warning(code, message) }
    }

    /// A finding at a child of the current path (a missing field is reported where it belongs).
    pub fn error_at(&mut self, token: &str, code: Code, message: impl Into<String>) {
        let message = message.into();
        self.at(token, |c| c.error(code, message));
    }
}

/// The collection key rule `^[A-Za-z0-9_-]+$` (layout.md §1.2).
pub(super) fn key_ok(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `#RRGGBB` (`^#[a-fA-F0-9]{6}$`).
pub(super) fn hex_color_ok(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7 && b[0] == b'#' && b[1..].iter().all(u8::is_ascii_hexdigit)
}

/// Short description of a JSON value's kind for messages.
pub(super) fn kind_of(v: &serde_json::Value) -> &'static str {
    use serde_json::Value::*;
    match v {
        Null => "null",
        Bool(_) => "a boolean",
        Number(_) => "a number",
        String(_) => "a string",
        Array(_) => "an array",
        Object(_) => "an object",
    }
}
