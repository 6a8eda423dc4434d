//! The typed layout model and the server-exact validator. Pure: no egui, no I/O.

pub mod catalog;
pub mod diagnostic;
pub mod enums;
pub mod model;
pub mod pointer;
pub mod validate;

pub use catalog::Catalog;
pub use diagnostic::{Diagnostic, Severity};
pub use validate::{ValidateOptions, validate_fields, validate_layout, validate_payload};
