//! Live timeline preview: the card as the Bitrix24 timeline draws it (layout.md §2–§6 "Render").
//!
//! Host it with [`preview_ui`] (centre panel) and [`toolbar_ui`] (above it). Clicking an element
//! reports its document pointer in [`PreviewOutput::select`]; clicking an action also opens the
//! "what would happen" popup. The preview never navigates and never calls the portal.

mod action_info;
mod blocks;
mod card;
mod context;
mod footer;
mod menu;
mod paint;
mod toolbar;

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use egui::{Rect, Ui};

use crate::layout::model::{Block, BlockProps, Fields, Item, Keyed, Layout};
use crate::layout::pointer;
use crate::project::preview::PreviewSettings;
use crate::ui::glyphs;
use crate::ui::tokens::Palette;

use crate::{fields_ptr, layout_ptr};
pub use action_info::{ActionContext, ActionInfo, explain};
pub use context::{Ctx, portal_time, resolve_text, resolved_lang};
pub use menu::{MenuEntry, MenuRow, SystemItem, entries as menu_entries};
pub use toolbar::toolbar_ui;

/// What the preview draws this frame.
#[derive(Clone, Copy)]
pub struct PreviewInput<'a> {
    pub layout: &'a Layout,
    pub fields: &'a Fields,
    pub settings: &'a PreviewSettings,
    /// Selected node as a document pointer (`/layout/body/blocks/b1`).
    pub selection: Option<&'a str>,
    /// Document pointers that carry errors (`/layout/...` or `/fields/...`).
    pub error_paths: &'a [String],
}

/// Preview state kept by the host between frames.
#[derive(Clone, Debug, Default)]
pub struct PreviewState {
    /// The "•••" menu is open.
    pub menu_open: bool,
    /// largeText blocks (document pointers) the user expanded.
    pub expanded: HashSet<String>,
    /// The open "what would happen" popup.
    pub action_info: Option<ActionInfo>,
    /// Owner and activity ids shown in event payloads (placeholders when `None`).
    pub action_context: ActionContext,
    /// The lock a clicked `restEvent` with `animationType` puts on the card, shown until the
    /// action popup is closed (in the portal: until the app calls `configurable.update`).
    pub lock: Option<Lock>,
    /// Fixed "now" for relative dates (tests, screenshots); `None` uses the clock.
    pub now: Option<DateTime<FixedOffset>>,
    /// The host's `Document::content_key` for `layout`; while set and unchanged, the drawn
    /// elements and error outlines are not recomputed each frame. `None`: always recompute.
    pub content_key: Option<(u64, u64)>,
    menu_anchor: Option<Rect>,
    resolved: Option<Resolved>,
}

/// Element pointers and error outlines for one (content key, error paths).
#[derive(Clone, Debug)]
struct Resolved {
    key: (u64, u64),
    error_paths: Vec<String>,
    ptrs: Vec<String>,
    errors: HashSet<String>,
}

/// The drawable element pointers and the outlined ones, cached while the host's content key holds.
fn resolved<'s>(view: &PreviewInput<'_>, state: &'s mut PreviewState) -> &'s Resolved {
    let fresh = state.content_key.is_some_and(|key| {
        state.resolved.as_ref().is_some_and(|r| r.key == key && r.error_paths.as_slice() == view.error_paths)
    });
    if !fresh {
        let ptrs = element_pointers(view.layout);
        let errors = view.error_paths.iter().filter_map(|p| resolve(&ptrs, p)).collect();
        let key = state.content_key.unwrap_or_default();
        state.resolved = Some(Resolved { key, error_paths: view.error_paths.to_vec(), ptrs, errors });
    }
    state.resolved.as_ref().expect("set above")
}

/// A loader (whole card under a spinner) or disable (only the clicked button) lock.
#[derive(Clone, Debug, PartialEq)]
pub struct Lock {
    /// The clicked element.
    pub pointer: String,
    /// `loader`: the whole card; `disable`: only the clicked button.
    pub whole_card: bool,
}

/// What happened in the preview this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PreviewOutput {
    /// Document pointer of the element the user clicked (select it in the tree).
    pub select: Option<String>,
    /// Set when a click opened the action popup this frame.
    pub action_info: Option<ActionInfo>,
}

/// Draws the timeline preview of one card.
pub fn preview_ui(ui: &mut Ui, view: &PreviewInput<'_>, state: &mut PreviewState) -> PreviewOutput {
    glyphs::install_fonts(ui.ctx());
    let now = state.now.unwrap_or_else(|| chrono::Local::now().fixed_offset());
    let ctx = Ctx::new(view.settings, view.fields, now);
    let r = resolved(view, state);
    let selected = view.selection.and_then(|s| resolve(&r.ptrs, s));
    let errors = r.errors.clone();
    let pal = Palette::get(view.settings.dark);
    let mut out = PreviewOutput::default();
    ui.painter().rect_filled(ui.max_rect(), 0.0, pal.timeline_bg);
    {
        let mut cx = paint::Cx { pal, ctx, settings: view.settings, selected, errors, state, out: &mut out };
        egui::ScrollArea::both().id_salt("preview_scroll").auto_shrink([false; 2]).show(ui, |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.add_space(12.0);
            ui.horizontal_top(|ui| {
                ui.add_space(8.0);
                card::card_ui(ui, &mut cx, view.layout);
                ui.add_space(16.0);
            });
            ui.add_space(24.0);
        });
        if cx.state.menu_open {
            footer::menu_popup(ui.ctx(), &mut cx, view.layout.footer.as_ref());
        }
    }
    if let Some(info) = &state.action_info
        && !action_info::popup_ui(ui.ctx(), info)
    {
        state.action_info = None;
        state.lock = None;
    }
    out
}

/// Pointers of every element the preview can draw (and select, and outline).
pub fn element_pointers(layout: &Layout) -> Vec<String> {
    let mut v: Vec<String> = [
        layout_ptr!("/icon"),
        layout_ptr!("/header/title"),
        layout_ptr!("/body/logo"),
        layout_ptr!("/footer/menu"),
        layout_ptr!("/footer/showNote"),
    ]
    .into_iter()
    .chain([fields_ptr!("/deadline"), fields_ptr!("/completed"), fields_ptr!("/responsibleId")])
    .chain([layout_ptr!("/footer/menu/showPinItem"), layout_ptr!("/footer/menu/showPostponeItem")])
    .chain([layout_ptr!("/footer/menu/showDeleteItem")])
    .map(String::from)
    .collect();
    if let Some(tags) = layout.header.as_ref().and_then(|h| h.tags.as_ref()) {
        v.extend(tags.items.keys().map(|k| pointer::join(layout_ptr!("/header/tags"), k)));
    }
    if let Some(blocks) = layout.body.as_ref().and_then(|b| b.blocks.as_ref()) {
        collect_blocks(&mut v, layout_ptr!("/body/blocks"), blocks);
    }
    if let Some(f) = &layout.footer {
        if let Some(b) = &f.buttons {
            v.extend(b.items.keys().map(|k| pointer::join(layout_ptr!("/footer/buttons"), k)));
        }
        if let Some(items) = f.menu.as_ref().and_then(|m| m.items.as_ref()) {
            v.extend(items.items.keys().map(|k| pointer::join(layout_ptr!("/footer/menu/items"), k)));
        }
    }
    v
}

fn collect_blocks(v: &mut Vec<String>, base: &str, blocks: &Keyed<Block>) {
    for (k, item) in &blocks.items {
        let ptr = pointer::join(base, k);
        if let Item::Ok(b) = item {
            collect_block(v, &ptr, b);
        }
        v.push(ptr);
    }
}

fn collect_block(v: &mut Vec<String>, ptr: &str, b: &Block) {
    match &b.props {
        Some(BlockProps::WithTitle(w)) => {
            if let Some(inner) = &w.block {
                let p = format!("{ptr}/properties/block");
                collect_block(v, &p, inner);
                v.push(p);
            }
        }
        Some(BlockProps::LineOfBlocks(l)) => {
            if let Some(children) = &l.blocks {
                collect_blocks(v, &format!("{ptr}/properties/blocks"), children);
            }
        }
        _ => {}
    }
}

/// The deepest drawn element that contains `path` (a selection or an error path).
pub fn resolve(elements: &[String], path: &str) -> Option<String> {
    let path =
        if pointer::is_within(path, layout_ptr!("/header/titleAction")) { layout_ptr!("/header/title") } else { path };
    let path =
        if pointer::is_within(path, layout_ptr!("/footer/menu/sections")) { layout_ptr!("/footer/menu") } else { path };
    elements.iter().filter(|e| pointer::is_within(path, e)).max_by_key(|e| e.len()).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::model::{Body, LineOfBlocksBlock, TextBlock};

    #[test]
    fn selection_and_errors_resolve_to_the_deepest_drawn_element() {
        let mut inner = Keyed::default();
        let text = Block {
            kind: Some("text".into()),
            props: Some(BlockProps::Text(TextBlock::default())),
            raw: Default::default(),
        };
        inner.items.insert("t".to_string(), Item::Ok(text));
        let line = Block {
            kind: Some("lineOfBlocks".into()),
            props: Some(BlockProps::LineOfBlocks(LineOfBlocksBlock { blocks: Some(inner), ..Default::default() })),
            raw: Default::default(),
        };
        let mut blocks = Keyed::default();
        blocks.items.insert("l".to_string(), Item::Ok(line));
        let layout = Layout { body: Some(Body { blocks: Some(blocks), ..Default::default() }), ..Default::default() };
        let ptrs = element_pointers(&layout);
        let r = |p: &str| resolve(&ptrs, p);
        assert_eq!(
            r(layout_ptr!("/body/blocks/l/properties/blocks/t/properties/size")).as_deref(),
            Some(layout_ptr!("/body/blocks/l/properties/blocks/t"))
        );
        assert_eq!(r(layout_ptr!("/body/blocks/l/properties/scope")).as_deref(), Some(layout_ptr!("/body/blocks/l")));
        assert_eq!(r(layout_ptr!("/header/titleAction/uri")).as_deref(), Some(layout_ptr!("/header/title")));
        assert_eq!(r(layout_ptr!("/body")), None);
    }
}
