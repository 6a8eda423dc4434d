//! The typed layout model and the server-exact validator. Pure: no egui, no I/O.

pub mod catalog;
pub mod code;
pub mod diagnostic;
pub mod enums;
pub mod kinds;
pub mod model;
pub mod model_parse;
pub mod model_util;
pub mod model_write;
pub mod pointer;
pub mod validate;

pub use catalog::Catalog;
pub use code::Code;
pub use diagnostic::{Diagnostic, Root, Severity};
pub use kinds::{ActionKind, BlockKind};
pub use model::{Fields, Layout};
pub use model_util::fields_bool;
pub use validate::{ValidateOptions, validate_fields, validate_layout, validate_payload};
