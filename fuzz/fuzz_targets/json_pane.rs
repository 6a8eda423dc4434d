//! The JSON pane's text handling on arbitrary text: the parse/validate status, the Apply
//! command, the highlighter's tokens and the pointer locator. Never a panic; an error's
//! line:column maps into the text; Apply is offered exactly when the text parsed; the
//! highlighted range and the tokens are valid slices of the text.
//!
//! Input: byte 0 picks the tab (bit 0) and the pointer's length (bits 1..); then the pointer;
//! then the text.
#![no_main]

use b24_activity_designer::layout::ValidateOptions;
use b24_activity_designer::ui::json::highlight;
use b24_activity_designer::ui::json::locate::{line_col, locate, offset_of};
use b24_activity_designer::ui::json::pane::{JsonTab, TextStatus, apply_command, check_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else { return };
    let tab = if head & 1 == 0 { JsonTab::Layout } else { JsonTab::Payload };
    let ptr_len = usize::from(head >> 1).min(rest.len());
    let (Ok(ptr), Ok(text)) = (std::str::from_utf8(&rest[..ptr_len]), std::str::from_utf8(&rest[ptr_len..])) else {
        return;
    };

    let status = check_text(tab, text, &ValidateOptions::default());
    if let TextStatus::Error { line, column, .. } = &status {
        let off = offset_of(text, *line, *column);
        assert!(off <= text.len() && text.is_char_boundary(off), "{line}:{column} -> {off}");
        let _ = line_col(text, off);
    }
    let cmd = apply_command(tab, text);
    assert_eq!(matches!(status, TextStatus::Parsed(_)), cmd.is_some(), "Apply offered iff the text parsed");

    let mut at = 0;
    for (_, r) in highlight::tokens(text) {
        assert_eq!(r.start, at, "tokens tile the text");
        assert!(text.get(r.clone()).is_some());
        at = r.end;
    }
    assert_eq!(at, text.len());

    for p in [ptr, ""] {
        if let Some(r) = locate(text, p) {
            assert!(text.get(r.clone()).is_some(), "{r:?} is not a slice of the text");
        }
    }
});
