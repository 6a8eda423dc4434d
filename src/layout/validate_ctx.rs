//! Walker state shared by the validator: the current JSON Pointer (one reused buffer, so a clean
//! layout allocates no path strings), the options and the findings in the order found.

use super::ValidateOptions;
use crate::layout::{Diagnostic, pointer};
use std::fmt::Write as _;

/// Designer codes for findings the portal has no code for (see the module docs of `validate`).
pub(super) mod code {
    pub const REQUIRED: &str = "FIELD_IS_REQUIRED";
    pub const REDUNDANT: &str = "FIELD_IS_REDUNDANT";
    pub const ENUM: &str = "ENUM_FIELD";
    pub const TOO_MANY: &str = "TOO_MANY_ITEMS";
    pub const KEY_SYMBOLS: &str = "KEY_CONTAIN_WRONG_SYMBOLS";
    pub const WRONG_VALUE: &str = "WRONG_FIELD_VALUE";
    pub const WRONG_LANG: &str = "WRONG_LANG";
    pub const EMPTY_LAYOUT: &str = "ERROR_EMPTY_LAYOUT";
    pub const INCOMING_DEADLINE: &str = "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE";
    pub const MENU_RESERVED: &str = "MENU_RESERVED_SECTION_CODE";
    pub const MENU_DUPLICATE: &str = "MENU_DUPLICATE_SECTION_CODE";
    pub const MENU_MISSING: &str = "MENU_MISSING_SECTION_CODE";
    pub const MENU_UNKNOWN: &str = "MENU_UNKNOWN_SECTION_CODE";

    pub const EMPTY_BLOCKS: &str = "DESIGNER_EMPTY_BLOCKS";
    pub const ARRAY_COLLECTION: &str = "DESIGNER_ARRAY_COLLECTION";
    pub const SLIDER_WIDTH_AND_LEFT: &str = "DESIGNER_SLIDER_WIDTH_AND_LEFT_BOUNDARY";
    pub const STRING_BOOLEAN: &str = "DESIGNER_STRING_BOOLEAN";
    pub const EMPTY_TEXT: &str = "DESIGNER_EMPTY_TEXT";
    pub const IGNORED_ACTION_FIELD: &str = "DESIGNER_IGNORED_ACTION_FIELD";
    pub const DEADLINE_HIDDEN: &str = "DESIGNER_DEADLINE_HIDDEN";
    pub const REST_EVENT: &str = "DESIGNER_REST_EVENT";
    pub const OPEN_REST_APP: &str = "DESIGNER_OPEN_REST_APP";
    pub const OPEN_REST_APP_MOBILE: &str = "DESIGNER_OPEN_REST_APP_MOBILE";
    pub const ACTION_LOCK: &str = "DESIGNER_ACTION_LOCK";
    pub const UNVERIFIED_CODE: &str = "DESIGNER_UNVERIFIED_CODE";
    pub const DEADLINE_FORMAT: &str = "DESIGNER_DEADLINE_FORMAT";
    pub const COERCED_VALUE: &str = "DESIGNER_COERCED_VALUE";
}

pub(super) struct Ctx<'o> {
    pub opts: &'o ValidateOptions,
    pub diags: Vec<Diagnostic>,
    path: String,
    /// True below an element whose `scope` is `mobile` (openRestApp does not work there).
    pub mobile: bool,
    /// Paths of every `deadline` block, for the payload-level "hidden" warning.
    pub deadline_blocks: Vec<String>,
}

impl<'o> Ctx<'o> {
    pub fn new(opts: &'o ValidateOptions, root: &str) -> Self {
        // Room for the deepest pointer of a typical layout, so the walk does not regrow it.
        let mut path = String::with_capacity(128);
        path.push_str(root);
        Self { opts, diags: Vec::new(), path, mobile: false, deadline_blocks: Vec::new() }
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

    pub fn error(&mut self, code: &str, message: impl Into<String>) {
        let d = Diagnostic::error(code, self.path.clone(), message);
        self.diags.push(d);
    }

    pub fn warning(&mut self, code: &str, message: impl Into<String>) {
        let d = Diagnostic::warning(code, self.path.clone(), message);
        self.diags.push(d);
    }

    /// An error (`error == true`) or a warning with the same code.
    pub fn report(&mut self, error: bool, code: &str, message: impl Into<String>) {
        if error { self.error(code, message) } else { self.warning(code, message) }
    }

    /// A finding at a child of the current path (a missing field is reported where it belongs).
    pub fn error_at(&mut self, token: &str, code: &str, message: impl Into<String>) {
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
