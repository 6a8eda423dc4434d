//! Shared test helpers: generators of valid layouts (`gen`) and of hostile JSON (`arb`), and
//! the one "requirement missing" rule (`require`: a failure under CI, a printed skip elsewhere).
//! Each test binary uses only part of them.
#![allow(dead_code, unused_imports)]

pub mod arb;
pub mod r#gen; // `gen` is a reserved word in edition 2024
pub mod require;

pub use arb::{arb_json, pointers};
pub use r#gen::{shuffle_keys, valid_fields, valid_layout};
