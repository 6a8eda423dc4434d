//! Finding codes. The portal's own error codes where the portal has one; `DESIGNER_*` codes for
//! what the designer reports beyond the portal (see the module docs of `validate`). A typed code
//! means a renamed code is a compile error instead of a silently failing string comparison;
//! the wire strings (CLI output, serde, sandbox errors) stay the portal's.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

macro_rules! codes {
    (server { $($sv:ident = $ss:literal,)* } designer { $($dv:ident = $ds:literal,)* }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($sv,)*
            $($dv,)*
        }

        impl Code {
            /// Every code, server codes first.
            pub const ALL: &[Code] = &[$(Code::$sv,)* $(Code::$dv,)*];

            /// The wire string (`FIELD_IS_REQUIRED`, `DESIGNER_EMPTY_BLOCKS`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$sv => $ss,)*
                    $(Code::$dv => $ds,)*
                }
            }

            /// True for the designer's own codes: the portal never answers with them, so they
            /// never fail a call.
            pub fn is_designer(self) -> bool {
                match self {
                    $(Code::$sv => false,)*
                    $(Code::$dv => true,)*
                }
            }
        }
    };
}

codes! {
    server {
        FieldIsRequired = "FIELD_IS_REQUIRED",
        FieldIsRedundant = "FIELD_IS_REDUNDANT",
        EnumField = "ENUM_FIELD",
        TooManyItems = "TOO_MANY_ITEMS",
        KeyContainWrongSymbols = "KEY_CONTAIN_WRONG_SYMBOLS",
        WrongFieldValue = "WRONG_FIELD_VALUE",
        WrongLang = "WRONG_LANG",
        EmptyLayout = "ERROR_EMPTY_LAYOUT",
        IncomingWithDeadline = "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE",
        MenuReservedSectionCode = "MENU_RESERVED_SECTION_CODE",
        MenuDuplicateSectionCode = "MENU_DUPLICATE_SECTION_CODE",
        MenuMissingSectionCode = "MENU_MISSING_SECTION_CODE",
        MenuUnknownSectionCode = "MENU_UNKNOWN_SECTION_CODE",
    }
    designer {
        EmptyBlocks = "DESIGNER_EMPTY_BLOCKS",
        ArrayCollection = "DESIGNER_ARRAY_COLLECTION",
        SliderWidthAndLeftBoundary = "DESIGNER_SLIDER_WIDTH_AND_LEFT_BOUNDARY",
        StringBoolean = "DESIGNER_STRING_BOOLEAN",
        EmptyText = "DESIGNER_EMPTY_TEXT",
        IgnoredActionField = "DESIGNER_IGNORED_ACTION_FIELD",
        DeadlineHidden = "DESIGNER_DEADLINE_HIDDEN",
        RestEvent = "DESIGNER_REST_EVENT",
        OpenRestApp = "DESIGNER_OPEN_REST_APP",
        OpenRestAppMobile = "DESIGNER_OPEN_REST_APP_MOBILE",
        ActionLock = "DESIGNER_ACTION_LOCK",
        UnverifiedCode = "DESIGNER_UNVERIFIED_CODE",
        DeadlineFormat = "DESIGNER_DEADLINE_FORMAT",
        CoercedValue = "DESIGNER_COERCED_VALUE",
        // The CLI's findings for a file it could not check at all.
        UnreadableFile = "DESIGNER_UNREADABLE_FILE",
        InvalidJson = "DESIGNER_INVALID_JSON",
        UnsupportedFile = "DESIGNER_UNSUPPORTED_FILE",
    }
}

impl Code {
    /// The code for a wire string, if it is one of ours.
    pub fn from_wire(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

// Compare with wire strings (a portal error's code, a test's expected value).
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
impl PartialEq<String> for Code {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::from_wire(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown finding code `{s}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn designer_codes_are_exactly_the_designer_prefixed_ones() {
        for c in Code::ALL {
            assert_eq!(c.is_designer(), c.as_str().starts_with("DESIGNER_"), "{c}");
        }
        assert!(!Code::FieldIsRequired.is_designer() && Code::EmptyBlocks.is_designer());
    }

    #[test]
    fn wire_strings_round_trip_through_serde() {
        for c in Code::ALL {
            assert_eq!(Code::from_wire(c.as_str()), Some(*c));
        }
        assert_eq!(serde_json::to_string(&Code::EnumField).unwrap(), "\"ENUM_FIELD\"");
        let back: Code = serde_json::from_str("\"WRONG_LANG\"").unwrap();
        assert_eq!(back, Code::WrongLang);
        assert!(serde_json::from_str::<Code>("\"NOPE\"").is_err());
        assert_eq!(Code::from_wire("field_is_required"), None);
    }
}
