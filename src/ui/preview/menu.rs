//! The "•••" menu: the app's items, then the system items by the flags and state rules, then
//! "About application" (layout.md §6.3–§6.5).

use crate::layout::model::{Action, Item, Menu, MenuItem, Text};
use crate::layout::pointer;

use super::context::Ctx;
use crate::layout_ptr;

pub const MENU_PTR: &str = layout_ptr!("/footer/menu");

#[derive(Clone, Debug, PartialEq)]
pub enum SystemItem {
    Pin,
    Postpone,
    Delete,
    About,
}

impl SystemItem {
    /// The flag that controls the item (About has none: it points at the menu).
    pub fn pointer(&self) -> String {
        match self {
            SystemItem::Pin => format!("{MENU_PTR}/showPinItem"),
            SystemItem::Postpone => format!("{MENU_PTR}/showPostponeItem"),
            SystemItem::Delete => format!("{MENU_PTR}/showDeleteItem"),
            SystemItem::About => MENU_PTR.to_string(),
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            SystemItem::Pin => "Pin",
            SystemItem::Postpone => "Postpone",
            SystemItem::Delete => "Delete",
            SystemItem::About => "About application",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MenuRow {
    pub pointer: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub design: Option<String>,
    /// `Some` makes a toggle row (check slot), [N-only] `isSelected`.
    pub selected: Option<bool>,
    pub locked: bool,
    /// Badge text and CSS colour.
    pub badge: Option<(String, Option<String>)>,
    pub action: Option<Action>,
    pub system: Option<SystemItem>,
    /// Why the row is hidden in this context (shown ghosted with "show hidden").
    pub hidden: Option<String>,
}

// A menu has a dozen entries at most: boxing the row would buy nothing.
#[expect(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum MenuEntry {
    Row(MenuRow),
    Separator,
    Section { title: String, accent: bool },
}

fn row_for_item(key: &str, item: &Item<MenuItem>, cx: &Ctx) -> MenuRow {
    let ptr = pointer::join(&format!("{MENU_PTR}/items"), key);
    match item {
        Item::Raw(_) => MenuRow {
            pointer: ptr,
            title: format!("({key}: not an object)"),
            subtitle: None,
            design: Some("disabled".into()),
            selected: None,
            locked: false,
            badge: None,
            action: None,
            system: None,
            hidden: None,
        },
        Item::Ok(it) => MenuRow {
            pointer: ptr,
            title: cx.text(it.title.as_ref()),
            subtitle: it.subtitle.as_ref().map(|t| cx.text(Some(t))).filter(|s| !s.is_empty()),
            design: it.design.clone(),
            selected: it.is_selected,
            locked: it.is_locked == Some(true),
            badge: it.badge_text.as_ref().map(|b| (cx.text(b.title.as_ref()), b.color.clone())),
            action: it.action.clone(),
            system: None,
            hidden: cx.scope_hidden(it.scope.as_deref()).or_else(|| cx.readonly_hidden(it.hide_if_readonly)),
        },
    }
}

fn system_row(sys: SystemItem, hidden: Option<String>) -> MenuRow {
    MenuRow {
        pointer: sys.pointer(),
        title: sys.title().to_string(),
        subtitle: None,
        design: None,
        selected: None,
        locked: false,
        badge: None,
        action: None,
        system: Some(sys),
        hidden,
    }
}

/// The system rows with their visibility by flags and state rules.
pub fn system_rows(menu: Option<&Menu>, cx: &Ctx) -> Vec<MenuRow> {
    // No menu object: every system item keeps its default (shown).
    let pin = if !menu.is_none_or(Menu::show_pin) {
        Some("Hidden: showPinItem is false".to_string())
    } else if !cx.completed {
        Some("Hidden: Pin is offered only for a completed activity".to_string())
    } else {
        None
    };
    let postpone = if !menu.is_none_or(Menu::show_postpone) {
        Some("Hidden: showPostponeItem is false".to_string())
    } else if cx.completed {
        Some("Hidden: Postpone is offered only for an uncompleted activity".to_string())
    } else if cx.incoming {
        Some("Hidden: an incoming activity cannot be postponed".to_string())
    } else if cx.deadline.is_none() {
        Some("Hidden: Postpone needs a deadline".to_string())
    } else {
        None
    };
    let delete = (!menu.is_none_or(Menu::show_delete)).then(|| "Hidden: showDeleteItem is false".to_string());
    vec![
        system_row(SystemItem::Pin, pin),
        system_row(SystemItem::Postpone, postpone),
        system_row(SystemItem::Delete, delete),
    ]
}

fn about_row(cx: &Ctx) -> MenuRow {
    let hidden = cx
        .scope_hidden(Some("web"))
        .map(|_| "Hidden: \"About application\" exists in the web version only".to_string());
    system_row(SystemItem::About, hidden)
}

/// Every entry of the open menu, top to bottom, hidden rows included (with their reason).
pub fn entries(menu: Option<&Menu>, cx: &Ctx) -> Vec<MenuEntry> {
    let items: Vec<MenuRow> = menu
        .and_then(|m| m.items.as_ref())
        .map(|k| k.items.iter().map(|(key, it)| row_for_item(key, it, cx)).collect())
        .unwrap_or_default();
    let sections: Vec<(String, Option<Text>, bool)> = menu
        .and_then(|m| m.sections.as_ref())
        .map(|v| {
            v.iter()
                .filter_map(|s| match s {
                    Item::Ok(s) => s.code.clone().map(|c| (c, s.title.clone(), s.design.as_deref() == Some("accent"))),
                    Item::Raw(_) => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    if sections.is_empty() {
        out.extend(items.into_iter().map(MenuEntry::Row));
        out.push(MenuEntry::Separator);
        out.extend(system_rows(menu, cx).into_iter().map(MenuEntry::Row));
        out.push(MenuEntry::Separator);
        out.push(MenuEntry::Row(about_row(cx)));
        return out;
    }
    let codes: Vec<&str> = sections.iter().map(|(c, _, _)| c.as_str()).collect();
    let item_code = |key: &str| -> Option<String> {
        let m = menu?.items.as_ref()?;
        match m.items.get(key)? {
            Item::Ok(it) => it.section_code.clone(),
            Item::Raw(_) => None,
        }
    };
    for (code, title, accent) in &sections {
        out.push(MenuEntry::Section { title: cx.text(title.as_ref()), accent: *accent });
        for row in &items {
            let key = pointer::split_last(&row.pointer).map(|(_, k)| k).unwrap_or_default();
            if item_code(&key).as_deref() == Some(code.as_str()) {
                out.push(MenuEntry::Row(row.clone()));
            }
        }
    }
    for row in &items {
        let key = pointer::split_last(&row.pointer).map(|(_, k)| k).unwrap_or_default();
        let code = item_code(&key);
        if !code.as_deref().is_some_and(|c| codes.contains(&c)) {
            let mut r = row.clone();
            r.hidden = Some(match code {
                None => {
                    "Hidden: sections are declared but this item has no sectionCode (MENU_MISSING_SECTION_CODE)".into()
                }
                Some(c) => format!("Hidden: sectionCode \"{c}\" matches no section (MENU_UNKNOWN_SECTION_CODE)"),
            });
            out.push(MenuEntry::Row(r));
        }
    }
    out.push(MenuEntry::Section { title: String::new(), accent: false });
    out.extend(system_rows(menu, cx).into_iter().map(MenuEntry::Row));
    out.push(MenuEntry::Section { title: String::new(), accent: false });
    out.push(MenuEntry::Row(about_row(cx)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::model::Keyed;
    use crate::project::preview::{PreviewScope, PreviewSettings};
    use chrono::DateTime;

    fn cx(completed: bool, incoming: bool, deadline: bool) -> Ctx {
        let now = DateTime::parse_from_rfc3339("2023-09-28T10:00:00+03:00").unwrap();
        let s = PreviewSettings {
            completed: Some(completed),
            incoming: Some(incoming),
            has_deadline: Some(deadline),
            ..Default::default()
        };
        Ctx::new(&s, &Default::default(), now)
    }

    fn visible(e: &[MenuEntry]) -> Vec<String> {
        e.iter()
            .filter_map(|e| match e {
                MenuEntry::Row(r) if r.hidden.is_none() => Some(r.title.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn state_rules_for_system_items() {
        assert_eq!(visible(&entries(None, &cx(false, false, true))), ["Postpone", "Delete", "About application"]);
        assert_eq!(visible(&entries(None, &cx(true, false, true))), ["Pin", "Delete", "About application"]);
        assert_eq!(visible(&entries(None, &cx(false, true, false))), ["Delete", "About application"]);
        assert_eq!(visible(&entries(None, &cx(false, false, false))), ["Delete", "About application"]);
        let m = Menu { show_pin_item: Some(false), show_delete_item: Some(false), ..Default::default() };
        assert_eq!(visible(&entries(Some(&m), &cx(true, false, true))), ["About application"]);
        let mut c = cx(true, false, true);
        c.scope = PreviewScope::Mobile;
        assert_eq!(visible(&entries(None, &c)), ["Pin", "Delete"]);
    }

    #[test]
    fn app_items_come_first_in_key_order_with_filters() {
        let mut k = Keyed::default();
        for (key, scope, hide) in [("b", None, None), ("a", Some("mobile"), None), ("c", None, Some(true))] {
            let it = MenuItem {
                title: Some(Text::Plain(key.to_uppercase())),
                scope: scope.map(String::from),
                hide_if_readonly: hide,
                ..Default::default()
            };
            k.items.insert(key.to_string(), Item::Ok(it));
        }
        let m = Menu { items: Some(k), ..Default::default() };
        let mut c = cx(false, false, false);
        c.readonly_user = true;
        let e = entries(Some(&m), &c);
        assert_eq!(visible(&e)[0], "B");
        assert_eq!(visible(&e).len(), 3);
        assert!(matches!(&e[1], MenuEntry::Row(r) if r.hidden.as_deref().unwrap().contains("mobile")));
        assert!(
            matches!(&e[2], MenuEntry::Row(r) if r.pointer == layout_ptr!("/footer/menu/items/c") && r.hidden.is_some())
        );
    }

    #[test]
    fn sections_group_items_and_flag_missing_codes() {
        use crate::layout::model::MenuSection;
        let mut k = Keyed::default();
        for (key, code) in [("a", Some("main")), ("b", None), ("c", Some("nope"))] {
            let it = MenuItem {
                title: Some(Text::Plain(key.into())),
                section_code: code.map(String::from),
                ..Default::default()
            };
            k.items.insert(key.to_string(), Item::Ok(it));
        }
        let sec =
            MenuSection { code: Some("main".into()), title: Some(Text::Plain("Main".into())), ..Default::default() };
        let m = Menu { items: Some(k), sections: Some(vec![Item::Ok(sec)]), ..Default::default() };
        let e = entries(Some(&m), &cx(false, false, true));
        assert!(matches!(&e[0], MenuEntry::Section { title, .. } if title == "Main"));
        assert!(matches!(&e[1], MenuEntry::Row(r) if r.title == "a" && r.hidden.is_none()));
        let hidden: Vec<_> = e
            .iter()
            .filter_map(|x| match x {
                MenuEntry::Row(r) if r.system.is_none() && r.hidden.is_some() => r.hidden.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(hidden.len(), 2);
        assert!(hidden[0].contains("MENU_MISSING_SECTION_CODE") && hidden[1].contains("MENU_UNKNOWN_SECTION_CODE"));
    }
}
