//! The OAuth redirect parser (a pasted address, or the loopback listener's query) on arbitrary
//! input: never a panic; a code is only ever returned with the expected state and not empty.
//!
//! Input: the expected state, a NUL byte, then the pasted text.
#![no_main]

use b24_activity_designer::portal::oauth::parse_redirected_address;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (state, input) = text.split_once('\0').unwrap_or(("S1", &text));
    match parse_redirected_address(input, state) {
        Ok(a) => {
            assert_eq!(a.state, state);
            assert!(!a.code.is_empty());
        }
        Err(e) => assert!(!e.code.is_empty()),
    }
});
