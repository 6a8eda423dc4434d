//! Rule-by-rule tests of the validator (layout.md §11 V1–V19, §8): each rule has a passing and a
//! failing case at its boundary, with exact code, path and severity. One test binary; the rules
//! are grouped in the modules below.

#[path = "validate_rules/helpers.rs"]
mod helpers;

#[path = "validate_rules/actions_text.rs"]
mod actions_text;
#[path = "validate_rules/collections.rs"]
mod collections;
#[path = "validate_rules/fields.rs"]
mod fields;
#[path = "validate_rules/structure.rs"]
mod structure;
#[path = "validate_rules/whole.rs"]
mod whole;
