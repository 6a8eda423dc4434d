//! The kinds of content blocks and actions: the closed sets of wire `type` strings, typed so a
//! rename is a compile error instead of a silently failing string comparison.

/// The six content block types (layout.md §4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Text,
    LargeText,
    Link,
    WithTitle,
    LineOfBlocks,
    Deadline,
}

impl BlockKind {
    pub const ALL: [BlockKind; 6] = [
        BlockKind::Text,
        BlockKind::LargeText,
        BlockKind::Link,
        BlockKind::WithTitle,
        BlockKind::LineOfBlocks,
        BlockKind::Deadline,
    ];

    /// The kind for a wire `type` string (exact, case-sensitive, as the server compares).
    pub fn from_type(s: &str) -> Option<BlockKind> {
        BlockKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The wire `type` string.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Text => "text",
            BlockKind::LargeText => "largeText",
            BlockKind::Link => "link",
            BlockKind::WithTitle => "withTitle",
            BlockKind::LineOfBlocks => "lineOfBlocks",
            BlockKind::Deadline => "deadline",
        }
    }

    /// Allowed inside `withTitle.block` and `lineOfBlocks.blocks` (text, link, deadline).
    pub fn is_nestable(self) -> bool {
        matches!(self, BlockKind::Text | BlockKind::Link | BlockKind::Deadline)
    }

    /// A human label for palettes and trees.
    pub fn label(self) -> &'static str {
        match self {
            BlockKind::Text => "Text",
            BlockKind::LargeText => "Large text",
            BlockKind::Link => "Link",
            BlockKind::WithTitle => "With title",
            BlockKind::LineOfBlocks => "Line of blocks",
            BlockKind::Deadline => "Deadline",
        }
    }
}

/// The three action types (layout.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionKind {
    Redirect,
    RestEvent,
    OpenRestApp,
}

impl ActionKind {
    pub const ALL: [ActionKind; 3] = [ActionKind::Redirect, ActionKind::RestEvent, ActionKind::OpenRestApp];

    pub fn from_type(s: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Redirect => "redirect",
            ActionKind::RestEvent => "restEvent",
            ActionKind::OpenRestApp => "openRestApp",
        }
    }

    /// A human label for palettes.
    pub fn label(self) -> &'static str {
        match self {
            ActionKind::Redirect => "Redirect",
            ActionKind::RestEvent => "REST event",
            ActionKind::OpenRestApp => "Open app",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::enums::{ACTION_TYPES, BLOCK_TYPES, NESTED_BLOCK_TYPES};

    #[test]
    fn kinds_cover_the_wire_lists() {
        let blocks: Vec<&str> = BlockKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(blocks, BLOCK_TYPES);
        let nested: Vec<&str> = BlockKind::ALL.iter().filter(|k| k.is_nestable()).map(|k| k.as_str()).collect();
        assert_eq!(nested, NESTED_BLOCK_TYPES);
        let actions: Vec<&str> = ActionKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(actions, ACTION_TYPES);
    }
}
