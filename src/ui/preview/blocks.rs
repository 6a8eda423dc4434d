//! The six content block types (layout.md §4.3), drawn in key order in the column right of the
//! logo.

use egui::epaint::Vertex;
use egui::{Align, Color32, CornerRadius, Layout as ELayout, Mesh, Rect, Role, Sense, Stroke, StrokeKind, Ui, vec2};

use crate::layout::model::{Block, BlockProps, DeadlineBlock, Item, Keyed, LargeTextBlock};
use crate::layout::pointer;
use crate::ui::glyphs::{self, chrome};
use crate::ui::tokens::{size, text_size};

use super::context::{collapse_whitespace, portal_time};
use super::paint::{Cx, El, PillStyle, galley, paint_galley, paint_pill, place, text};

/// Draws a keyed collection of blocks top to bottom.
pub(super) fn blocks_ui(ui: &mut Ui, cx: &mut Cx, base: &str, blocks: &Keyed<Block>, width: f32) {
    for (key, item) in &blocks.items {
        let ptr = pointer::join(base, key);
        match item {
            Item::Ok(b) => block_ui(ui, cx, &ptr, b, width),
            Item::Raw(_) => raw_ui(ui, cx, &ptr, &format!("Block \"{key}\" is not an object")),
        }
    }
}

fn raw_ui(ui: &mut Ui, cx: &mut Cx, ptr: &str, msg: &str) {
    let col = cx.pal.base_50;
    cx.leaf(ui, El::new(ptr, msg), |ui| text(ui, msg, size::TEXT_SM, col, false, 400.0, 1));
}

/// One block of any type; `width` is the space it may wrap in.
pub(super) fn block_ui(ui: &mut Ui, cx: &mut Cx, ptr: &str, block: &Block, width: f32) {
    let kind = block.kind.as_deref().unwrap_or("");
    match &block.props {
        Some(BlockProps::Text(t)) => {
            let raw = cx.ctx.text(t.value.as_ref());
            let value = if t.multiline == Some(true) { raw } else { collapse_whitespace(&raw) };
            let color = cx.pal.text_color(t.color.as_deref());
            let font = text_size(t.size.as_deref());
            let bold = t.bold == Some(true);
            let tip = t.title.as_ref().map(|x| cx.ctx.text(Some(x))).filter(|s| !s.is_empty());
            let el = El::new(ptr, &value).hidden(cx.ctx.scope_hidden(t.scope.as_deref()));
            if let Some(tip) = &tip {
                cx.element(ui, el, |ui, _| {
                    let r = text(ui, &value, font, color, bold, width, 0);
                    ui.interact(r, ui.scope_id().with("tip"), Sense::hover()).on_hover_text(tip);
                });
            } else {
                cx.leaf(ui, el, |ui| text(ui, &value, font, color, bold, width, 0));
            }
        }
        Some(BlockProps::LargeText(t)) => large_text_ui(ui, cx, ptr, t, width),
        Some(BlockProps::Link(l)) => {
            let label = cx.ctx.text(l.text.as_ref());
            let color = cx.pal.link;
            let bold = l.bold == Some(true);
            let el = El::new(ptr, &label).action(l.action.as_ref()).hidden(cx.ctx.scope_hidden(l.scope.as_deref()));
            cx.leaf(ui, el, |ui| text(ui, &label, size::TEXT_MD, color, bold, width, 0));
        }
        Some(BlockProps::WithTitle(w)) => {
            let title = cx.ctx.text(w.title.as_ref());
            let inline = w.inline == Some(true);
            let label_col = cx.pal.with_title_label;
            let el = El::new(ptr, &title).hidden(cx.ctx.scope_hidden(w.scope.as_deref()));
            let inner_ptr = format!("{ptr}/properties/block");
            cx.element(ui, el, |ui, cx| {
                let layout = if inline { ELayout::left_to_right(Align::Min) } else { ELayout::top_down(Align::Min) };
                ui.with_layout(layout, |ui| {
                    ui.spacing_mut().item_spacing = vec2(0.0, 2.0);
                    if inline {
                        let col = place(ui, vec2(size::WITH_TITLE_LABEL, 0.0));
                        let g = galley(ui, &title, size::TEXT_SM, label_col, size::WITH_TITLE_LABEL - 8.0, 0);
                        // Baseline-ish alignment with a md value on the right.
                        paint_galley(ui, col.min + vec2(0.0, 1.0), &g, false);
                        place(ui, vec2(0.0, g.size().y));
                    } else {
                        text(ui, &title, size::TEXT_SM, label_col, false, width, 0);
                    }
                    let inner_w = if inline { width - size::WITH_TITLE_LABEL } else { width };
                    match &w.block {
                        Some(b) => block_ui(ui, cx, &inner_ptr, b, inner_w),
                        None => raw_ui(ui, cx, &inner_ptr, "(no block)"),
                    }
                });
            });
        }
        Some(BlockProps::LineOfBlocks(l)) => {
            let el = El::new(ptr, "Line of blocks").hidden(cx.ctx.scope_hidden(l.scope.as_deref()));
            let base = format!("{ptr}/properties/blocks");
            cx.element(ui, el, |ui, cx| {
                ui.set_max_width(width);
                ui.horizontal_wrapped(|ui| {
                    // Children are separated by one space, as inline HTML.
                    ui.spacing_mut().item_spacing = vec2(4.0, 2.0);
                    if let Some(children) = &l.blocks {
                        blocks_ui(ui, cx, &base, children, width);
                    }
                });
            });
        }
        Some(BlockProps::Deadline(d)) => deadline_ui(ui, cx, ptr, d),
        None if kind == "deadline" => deadline_ui(ui, cx, ptr, &DeadlineBlock::default()),
        None => raw_ui(ui, cx, ptr, &format!("Block \"{kind}\" has no properties")),
        Some(BlockProps::Unknown(_)) => raw_ui(ui, cx, ptr, &format!("Unknown block type \"{kind}\"")),
    }
}

fn deadline_ui(ui: &mut Ui, cx: &mut Cx, ptr: &str, d: &DeadlineBlock) {
    let hidden = cx.ctx.scope_hidden(d.scope.as_deref()).or_else(|| cx.ctx.deadline_hidden());
    // Without a date (shown ghosted) draw a sample so the pill still has a shape.
    let shown = cx.ctx.deadline.unwrap_or(cx.ctx.now);
    let date = portal_time(shown, cx.ctx.now, &cx.ctx.lang);
    let editable = d.readonly != Some(true) && !cx.ctx.completed;
    let pal = cx.pal;
    let el = El::new(ptr, format!("Deadline {date}")).hidden(hidden).kind(Role::Button);
    cx.leaf(ui, el, |ui| {
        let g = galley(ui, &date, size::DEADLINE_TEXT, pal.deadline_text, 300.0, 1);
        let chevron = if editable { 14.0 } else { 0.0 };
        let w = g.size().x + 20.0 + chevron;
        let rect = place(ui, vec2(w, size::DEADLINE_HEIGHT));
        let st = PillStyle {
            bg: pal.deadline_bg,
            fg: pal.deadline_text,
            border: None,
            height: size::DEADLINE_HEIGHT,
            font: size::DEADLINE_TEXT,
            pad_x: 10.0,
            min_width: 0.0,
            bold: true,
        };
        paint_pill(ui, rect, &st);
        paint_galley(ui, egui::pos2(rect.left() + 10.0, rect.center().y - g.size().y / 2.0), &g, true);
        if editable {
            let c = egui::pos2(rect.right() - 13.0, rect.center().y);
            glyphs::paint(ui.painter(), c, chrome::CHEVRON, 14.0, pal.deadline_text);
        }
        rect
    });
}

fn large_text_ui(ui: &mut Ui, cx: &mut Cx, ptr: &str, t: &LargeTextBlock, width: f32) {
    let value = cx.ctx.text(t.value.as_ref());
    let expanded = cx.state.expanded.contains(ptr);
    let pal = cx.pal;
    let el = El::new(ptr, &value).hidden(cx.ctx.scope_hidden(t.scope.as_deref()));
    let toggle = cx.element(ui, el, |ui, _| {
        let pad = size::LARGE_TEXT_PAD;
        let g = galley(ui, &value, size::TEXT_MD, pal.text_default, width - 2.0 * pad, 0);
        let rows = g.rows.len();
        let row_h = size::TEXT_MD * size::LINE_HEIGHT_FACTOR;
        let long = rows > size::LARGE_TEXT_LINES;
        let collapsed = long && !expanded;
        let text_h = if collapsed { row_h * (size::LARGE_TEXT_LINES as f32 + 0.7) } else { g.size().y };
        let box_h = text_h + 2.0 * (pad - 2.0);
        let pill_h = if long { size::EXPAND_PILL_HEIGHT / 2.0 + 2.0 } else { 0.0 };
        let outer = place(ui, vec2(width, box_h + pill_h));
        let boxr = Rect::from_min_size(outer.min, vec2(width, box_h));
        let r = CornerRadius::same(size::LARGE_TEXT_RADIUS);
        ui.painter().rect_filled(boxr, r, pal.large_text_bg);
        ui.painter().rect_stroke(boxr, r, Stroke::new(1.0, pal.large_text_border), StrokeKind::Inside);
        let text_rect = Rect::from_min_size(boxr.min + vec2(pad, pad - 2.0), vec2(width - 2.0 * pad, text_h));
        ui.painter().with_clip_rect(text_rect).galley(text_rect.min, g.clone(), Color32::PLACEHOLDER);
        if collapsed {
            fade(ui, text_rect, pal.large_text_bg);
        }
        if !long {
            return false;
        }
        let label = if expanded { "Collapse" } else { "Expand" };
        let st = PillStyle {
            bg: pal.expand_pill_bg,
            fg: pal.expand_pill_text,
            border: Some(pal.large_text_border),
            height: size::EXPAND_PILL_HEIGHT,
            font: size::TEXT_XS,
            pad_x: 12.0,
            min_width: size::EXPAND_PILL_WIDTH,
            bold: false,
        };
        let pr = Rect::from_center_size(
            egui::pos2(boxr.center().x, boxr.bottom()),
            vec2(size::EXPAND_PILL_WIDTH, size::EXPAND_PILL_HEIGHT),
        );
        paint_pill(ui, pr, &st);
        let lg = galley(ui, label, size::TEXT_XS, pal.expand_pill_text, 200.0, 1);
        paint_galley(ui, pr.center() - lg.size() / 2.0, &lg, false);
        let resp = ui.interact(pr, ui.scope_id().with("expand"), Sense::click());
        resp.widget_info(|| egui::WidgetInfo::labeled(Role::Button, true, label));
        resp.clicked()
    });
    if toggle == Some(true) && !cx.state.expanded.remove(ptr) {
        cx.state.expanded.insert(ptr.to_string());
    }
}

/// A vertical gradient from transparent to `bg` over the last lines of a collapsed text.
fn fade(ui: &Ui, text_rect: Rect, bg: Color32) {
    let top = (text_rect.bottom() - size::LARGE_TEXT_FADE).max(text_rect.top());
    let r = Rect::from_min_max(egui::pos2(text_rect.left() - 2.0, top), text_rect.right_bottom());
    let clear = Color32::from_rgba_premultiplied(0, 0, 0, 0);
    let mut mesh = Mesh::default();
    for (pos, c) in [(r.left_top(), clear), (r.right_top(), clear), (r.right_bottom(), bg), (r.left_bottom(), bg)] {
        mesh.vertices.push(Vertex { pos, uv: egui::epaint::WHITE_UV, color: c });
    }
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    ui.painter().add(mesh);
}
