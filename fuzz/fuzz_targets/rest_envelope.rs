//! The REST envelope reader on arbitrary answers: the body text is read as the client reads it
//! (JSON, or the text itself when it is not JSON) and mapped by `envelope`. Never a panic; an
//! HTTP error status is never a success; an error keeps the status.
//!
//! Input: two bytes of status (big-endian), one byte whose bit 0 marks a write, then the body.
#![no_main]

use b24_activity_designer::portal::CallKind;
use b24_activity_designer::portal::envelope::{envelope, parse_body};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [s0, s1, k, body @ ..] = data else { return };
    let status = u16::from_be_bytes([*s0, *s1]);
    let kind = if k & 1 == 1 { CallKind::Write } else { CallKind::Read };
    // As `PortalClient` reads a body.
    match envelope(status, parse_body(body), kind) {
        Ok(_) => assert!(status < 300, "HTTP {status} read as a success"),
        Err(e) => {
            assert_eq!(e.status, Some(status));
            assert!(!e.code.is_empty());
        }
    }
});
