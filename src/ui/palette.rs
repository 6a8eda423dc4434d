//! The palette: every block type, tag, button, menu item, menu section and action type.
//! Click adds relative to the selection (see `insert::plan_insert`); drag drops onto a tree
//! node (the tree reads the `NewItem` payload).

use super::insert::{self, NewItem};
use super::light;
use super::{PanelCtx, UiAction};
use crate::layout::{ActionKind, BlockKind};
use egui::{Id, LayerId, Order, Sense};

const ERROR_ID: &str = "palette_error";

/// Draws the palette in groups. Each button is named by its title ("Text", "Tag", "Redirect").
pub fn palette_ui(ui: &mut egui::Ui, ctx: &PanelCtx, out: &mut Vec<UiAction>) {
    let all = NewItem::all();
    let groups: [(&str, Vec<NewItem>); 3] = [
        ("Blocks", all.iter().copied().filter(|i| matches!(i, NewItem::Block(_))).collect()),
        (
            "Header & footer",
            all.iter()
                .copied()
                .filter(|i| matches!(i, NewItem::Tag | NewItem::Button | NewItem::MenuItem | NewItem::MenuSection))
                .collect(),
        ),
        ("Actions", all.iter().copied().filter(|i| matches!(i, NewItem::Action(_))).collect()),
    ];
    for (title, items) in groups {
        ui.label(egui::RichText::new(title).small().weak());
        ui.horizontal_wrapped(|ui| {
            for item in items {
                item_button(ui, ctx, item, out);
            }
        });
    }
    let err_id = Id::unique(ERROR_ID);
    if let Some(msg) = ui.ctx().data(|d| d.get_temp::<String>(err_id)) {
        ui.colored_label(ui.visuals().warn_fg_color, msg);
    }
}

fn item_button(ui: &mut egui::Ui, ctx: &PanelCtx, item: NewItem, out: &mut Vec<UiAction>) {
    let family = super::glyphs::glyph_family(ui.ctx());
    let glyph = egui::RichText::new(icon(item).codepoint).family(family).color(ui.visuals().weak_text_color());
    // The accessible name is the title alone (tests and screen readers find "Text", not the glyph).
    let (title, sense) = (item.title(), Sense::click_and_drag());
    let resp = light::chip(ui, Some(glyph.into()), title, || title.into(), sense, light::Frame::Always);
    let resp = light::tip(resp, || hint(item).into());
    resp.dnd_set_drag_payload(item);
    if resp.dragged() {
        // Show what is being carried next to the pointer.
        if let Some(pos) = ui.ctx().pointer_interact_pos() {
            let painter = ui.ctx().layer_painter(LayerId::new(Order::Tooltip, Id::unique("palette_drag")));
            painter.text(
                pos + egui::vec2(12.0, 4.0),
                egui::Align2::LEFT_TOP,
                format!("+ {}", item.title()),
                egui::FontId::proportional(13.0),
                ui.visuals().strong_text_color(),
            );
        }
    }
    if resp.clicked() {
        let err_id = Id::unique(ERROR_ID);
        match insert::plan_insert(ctx.doc.root(), ctx.selection, item) {
            Ok(plan) => {
                ui.ctx().data_mut(|d| d.remove::<String>(err_id));
                out.push(UiAction::edit(plan.label, plan.cmd));
                out.push(UiAction::Select(Some(plan.select)));
            }
            Err(msg) => {
                ui.ctx().data_mut(|d| d.insert_temp(err_id, msg));
            }
        }
    }
}

fn icon(item: NewItem) -> egui_material_icons::MaterialIcon {
    use egui_material_icons::icons as I;
    match item {
        NewItem::Block(BlockKind::Text) => I::ICON_TEXT_FIELDS,
        NewItem::Block(BlockKind::LargeText) => I::ICON_NOTES,
        NewItem::Block(BlockKind::Link) => I::ICON_LINK,
        NewItem::Block(BlockKind::WithTitle) => I::ICON_TITLE,
        NewItem::Block(BlockKind::LineOfBlocks) => I::ICON_VIEW_WEEK,
        NewItem::Block(BlockKind::Deadline) => I::ICON_SCHEDULE,
        NewItem::Tag => I::ICON_LABEL,
        NewItem::Button => I::ICON_SMART_BUTTON,
        NewItem::MenuItem => I::ICON_TOUCH_APP,
        NewItem::MenuSection => I::ICON_SEGMENT,
        NewItem::Action(ActionKind::Redirect) => I::ICON_OPEN_IN_NEW,
        NewItem::Action(ActionKind::RestEvent) => I::ICON_BOLT,
        NewItem::Action(ActionKind::OpenRestApp) => I::ICON_APPS,
    }
}

fn hint(item: NewItem) -> &'static str {
    match item {
        NewItem::Block(_) => "Add a block after the selected block (into a selected line of blocks), or at the end",
        NewItem::Tag => "Add a header tag (at most 2)",
        NewItem::Button => "Add a footer button (at most 2)",
        NewItem::MenuItem => "Add an item to the ••• menu (at most 10)",
        NewItem::MenuSection => "Add a menu section (newer portals only)",
        NewItem::Action(_) => "Set the action of the selected button, menu item, link, logo, tag or title",
    }
}
