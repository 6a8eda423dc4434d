//! Shared test helpers: generators of valid layouts (`gen`) and of hostile JSON (`arb`).
//! Each test binary uses only part of them.
#![allow(dead_code, unused_imports)]

pub mod arb;
pub mod r#gen; // `gen` is a reserved word in edition 2024

pub use arb::{arb_json, pointers};
pub use r#gen::{shuffle_keys, valid_fields, valid_layout};
