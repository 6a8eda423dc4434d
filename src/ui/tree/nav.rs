//! Collapsing and keyboard navigation of the tree (pure): which rows show under the collapsed
//! set, and where the arrow keys take the selection.

use crate::layout::pointer;
use crate::ui::tree::model::TreeNode;
use std::collections::HashSet;

/// True when row `i` has children (the next row is deeper).
pub fn has_children(rows: &[TreeNode], i: usize) -> bool {
    rows.get(i + 1).is_some_and(|next| next.depth > rows[i].depth)
}

/// Indices of the rows to show: a collapsed row shows, its descendants do not.
pub fn visible(rows: &[TreeNode], collapsed: &HashSet<String>) -> Vec<usize> {
    let mut out = Vec::with_capacity(rows.len());
    let mut hide_deeper_than: Option<usize> = None;
    for (i, row) in rows.iter().enumerate() {
        if let Some(d) = hide_deeper_than {
            if row.depth > d {
                continue;
            }
            hide_deeper_than = None;
        }
        out.push(i);
        if collapsed.contains(&row.pointer) && has_children(rows, i) {
            hide_deeper_than = Some(row.depth);
        }
    }
    out
}

/// The index of row `i`'s parent row (the nearest shallower row above it).
pub fn parent(rows: &[TreeNode], i: usize) -> Option<usize> {
    let depth = rows.get(i)?.depth;
    (0..i).rev().find(|&j| rows[j].depth < depth)
}

/// Opens every collapsed ancestor of `selection`, so a node selected elsewhere (preview,
/// diagnostics) is shown. Returns true when something opened.
pub fn reveal(collapsed: &mut HashSet<String>, selection: &str) -> bool {
    let before = collapsed.len();
    collapsed.retain(|c| c == selection || !pointer::is_within(selection, c));
    collapsed.len() != before
}

/// A navigation key of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    Up,
    Down,
    Home,
    End,
    /// Collapse an open parent, else go to the parent.
    Left,
    /// Expand a collapsed parent, else go to the first child.
    Right,
}

/// What a navigation key does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NavOutcome {
    Select(String),
    Collapse(String),
    Expand(String),
}

/// Where `key` takes the selection among the shown rows (`shown` from [`visible`]).
pub fn navigate(
    rows: &[TreeNode],
    shown: &[usize],
    collapsed: &HashSet<String>,
    selection: Option<&str>,
    key: Nav,
) -> Option<NavOutcome> {
    let select = |i: usize| Some(NavOutcome::Select(rows[i].pointer.clone()));
    let pos = selection.and_then(|s| shown.iter().position(|&i| rows[i].pointer == s));
    let Some(pos) = pos else {
        // Nothing selected (or hidden): the first key press selects an end.
        return match key {
            Nav::Up | Nav::End => shown.last().and_then(|&i| select(i)),
            _ => shown.first().and_then(|&i| select(i)),
        };
    };
    let i = shown[pos];
    let row = &rows[i];
    match key {
        Nav::Up => pos.checked_sub(1).and_then(|p| select(shown[p])),
        Nav::Down => shown.get(pos + 1).and_then(|&j| select(j)),
        Nav::Home => shown.first().filter(|&&j| j != i).and_then(|&j| select(j)),
        Nav::End => shown.last().filter(|&&j| j != i).and_then(|&j| select(j)),
        Nav::Left if has_children(rows, i) && !collapsed.contains(&row.pointer) => {
            Some(NavOutcome::Collapse(row.pointer.clone()))
        }
        Nav::Left => parent(rows, i).and_then(select),
        Nav::Right if has_children(rows, i) && collapsed.contains(&row.pointer) => {
            Some(NavOutcome::Expand(row.pointer.clone()))
        }
        Nav::Right if has_children(rows, i) => select(i + 1),
        Nav::Right => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout_ptr;
    use crate::ui::tree::model::build;
    use serde_json::json;

    fn rows() -> Vec<TreeNode> {
        build(&json!({"fields": {}, "layout": {
            "header": {"title": "T"},
            "body": {"blocks": {
                "line": {"type": "lineOfBlocks", "properties": {"blocks": {
                    "a": {"type": "text", "properties": {"value": "a"}},
                    "b": {"type": "text", "properties": {"value": "b"}}}}},
                "c": {"type": "text", "properties": {"value": "c"}}}}}}))
    }

    fn at(rows: &[TreeNode], p: &str) -> usize {
        rows.iter().position(|r| r.pointer == p).unwrap_or_else(|| panic!("no row {p}"))
    }

    const LINE: &str = layout_ptr!("/body/blocks/line");

    #[test]
    fn collapsing_hides_descendants_only() {
        let rows = rows();
        let all = visible(&rows, &HashSet::new());
        assert_eq!(all.len(), rows.len());
        let collapsed: HashSet<String> = [LINE.to_string()].into();
        let shown = visible(&rows, &collapsed);
        let names: Vec<&str> = shown.iter().map(|&i| rows[i].pointer.as_str()).collect();
        assert!(names.contains(&LINE) && names.contains(&layout_ptr!("/body/blocks/c")), "{names:?}");
        assert!(!names.iter().any(|p| p.starts_with(layout_ptr!("/body/blocks/line/"))), "{names:?}");
        // Collapsing a leaf hides nothing.
        let leaf: HashSet<String> = [layout_ptr!("/body/blocks/c").to_string()].into();
        assert_eq!(visible(&rows, &leaf).len(), rows.len());
    }

    #[test]
    fn arrows_move_collapse_expand_and_climb() {
        let rows = rows();
        let mut collapsed = HashSet::new();
        let shown = visible(&rows, &collapsed);
        let nav = |c: &HashSet<String>, sel: Option<&str>, k| navigate(&rows, &visible(&rows, c), c, sel, k);
        assert_eq!(nav(&collapsed, None, Nav::Down), Some(NavOutcome::Select(rows[shown[0]].pointer.clone())));
        assert_eq!(
            nav(&collapsed, None, Nav::Up),
            Some(NavOutcome::Select(rows[*shown.last().unwrap()].pointer.clone()))
        );
        let c = layout_ptr!("/body/blocks/c");
        assert_eq!(nav(&collapsed, Some(c), Nav::Up), Some(NavOutcome::Select(rows[at(&rows, c) - 1].pointer.clone())));
        assert_eq!(nav(&collapsed, Some(LINE), Nav::Left), Some(NavOutcome::Collapse(LINE.into())));
        assert_eq!(
            nav(&collapsed, Some(LINE), Nav::Right),
            Some(NavOutcome::Select(rows[at(&rows, LINE) + 1].pointer.clone()))
        );
        assert_eq!(nav(&collapsed, Some(c), Nav::Left), Some(NavOutcome::Select(layout_ptr!("/body/blocks").into())));
        assert_eq!(nav(&collapsed, Some(c), Nav::Right), None, "a leaf has nowhere to go");
        collapsed.insert(LINE.to_string());
        assert_eq!(nav(&collapsed, Some(LINE), Nav::Right), Some(NavOutcome::Expand(LINE.into())));
        assert_eq!(nav(&collapsed, Some(LINE), Nav::Down), Some(NavOutcome::Select(c.into())), "skips hidden rows");
        assert_eq!(
            nav(&collapsed, Some(LINE), Nav::Left),
            Some(NavOutcome::Select(layout_ptr!("/body/blocks").into()))
        );
    }

    #[test]
    fn revealing_a_selection_opens_its_ancestors_only() {
        let mut collapsed: HashSet<String> =
            [LINE.to_string(), layout_ptr!("/body").to_string(), layout_ptr!("/header").to_string()].into();
        assert!(reveal(&mut collapsed, layout_ptr!("/body/blocks/line/properties/blocks/a")));
        assert_eq!(collapsed, [layout_ptr!("/header").to_string()].into());
        assert!(!reveal(&mut collapsed, layout_ptr!("/header")), "a collapsed node itself stays collapsed");
    }
}
