//! The card frame, the rail with the round icon, the header row and the logo tile
//! (layout.md §2 anatomy, §3, §4.2).

use egui::{Align, Color32, CornerRadius, Frame, Layout as ELayout, Margin, Rect, Role, Sense, Stroke, Ui, vec2};

use crate::layout::enums::logo_in_circle;
use crate::layout::model::{Action, Item, Layout};
use crate::layout::pointer;
use crate::ui::glyphs::{self, chrome};
use crate::ui::tokens::size;

use super::blocks::blocks_ui;
use super::footer::footer_ui;
use super::paint::{Cx, El, PillStyle, galley, pill, place, text};
use crate::{fields_ptr, layout_ptr};

/// Draws the rail and the card; returns the card rect.
pub(super) fn card_ui(ui: &mut Ui, cx: &mut Cx, layout: &Layout) -> Rect {
    let card_w = cx.settings.card_width.clamp(size::CARD_MIN_WIDTH, size::CARD_MAX_WIDTH);
    let fill = if cx.ctx.completed { cx.pal.card_completed } else { cx.pal.card_open };
    let origin = ui.cursor().min;
    let inner = ui
        .horizontal_top(|ui| {
            ui.spacing_mut().item_spacing = vec2(0.0, 0.0);
            ui.add_space(size::RAIL_COLUMN);
            let stroke = if cx.ctx.completed { Stroke::new(1.0, cx.pal.card_border) } else { Stroke::NONE };
            Frame::new()
                .fill(fill)
                .stroke(stroke)
                .corner_radius(CornerRadius::same(size::CARD_RADIUS))
                .inner_margin(Margin {
                    left: size::CARD_PAD_X as i8,
                    right: size::CARD_PAD_X as i8,
                    top: size::CARD_PAD_TOP as i8,
                    bottom: size::CARD_PAD_BOTTOM as i8,
                })
                .show(ui, |ui| {
                    let w = card_w - 2.0 * size::CARD_PAD_X;
                    ui.set_width(w);
                    ui.vertical(|ui| {
                        ui.spacing_mut().item_spacing = vec2(0.0, 0.0);
                        header_ui(ui, cx, layout, w);
                        ui.add_space(9.0);
                        body_ui(ui, cx, layout, w);
                        ui.add_space(12.0);
                        footer_ui(ui, cx, layout.footer.as_ref(), w);
                    });
                })
                .response
                .rect
        })
        .inner;
    rail_ui(ui, cx, layout, origin.x, inner);
    if cx.state.lock.as_ref().is_some_and(|l| l.whole_card) {
        // `animationType: loader`: the card is covered and shows a (static) spinner.
        ui.painter().rect_filled(inner, CornerRadius::same(size::CARD_RADIUS), fill.gamma_multiply(0.7));
        glyphs::paint(ui.painter(), inner.center(), chrome::SPINNER, 36.0, cx.pal.icon_fill);
    }
    inner
}

/// The vertical line and the icon circle level with the header.
fn rail_ui(ui: &mut Ui, cx: &mut Cx, layout: &Layout, left: f32, card: Rect) {
    let x = left + size::RAIL_X;
    let clip = ui.clip_rect();
    ui.painter().vline(x, clip.y_range(), Stroke::new(size::RAIL_LINE, cx.pal.rail_line));
    let center = egui::pos2(x, card.top() + size::CARD_PAD_TOP + size::HEADER_HEIGHT / 2.0);
    let rect = Rect::from_center_size(center, egui::Vec2::splat(size::ICON_DIAMETER));
    let code = layout.icon.as_ref().and_then(|i| i.code.clone());
    let resp = ui.interact(rect, ui.scope_id().with("pv_icon"), Sense::click());
    ui.painter().circle_filled(center, size::ICON_DIAMETER / 2.0, cx.pal.icon_fill);
    match code.as_deref().map(|c| (c, glyphs::icon_glyph(c))) {
        Some((_, Some(g))) => glyphs::paint(ui.painter(), center, g, size::ICON_GLYPH, cx.pal.icon_glyph),
        Some((c, None)) => {
            glyphs::paint(ui.painter(), center, glyphs::PLACEHOLDER, size::ICON_GLYPH, cx.pal.icon_glyph);
            let font = egui::FontId::proportional(9.0);
            ui.painter().text(rect.center_bottom() + vec2(0.0, 2.0), egui::Align2::CENTER_TOP, c, font, cx.pal.base_60);
        }
        None => {}
    }
    let label = format!("Icon {}", code.unwrap_or_default());
    cx.finish(ui, &resp, &El::new(layout_ptr!("/icon"), label).kind(Role::Button));
}

fn header_ui(ui: &mut Ui, cx: &mut Cx, layout: &Layout, width: f32) {
    let header = layout.header.as_ref();
    ui.allocate_ui_with_layout(vec2(width, size::HEADER_HEIGHT), ELayout::left_to_right(Align::Center), |ui| {
        ui.set_min_height(size::HEADER_HEIGHT);
        ui.spacing_mut().item_spacing = vec2(0.0, 0.0);
        checkbox_ui(ui, cx);
        ui.add_space(8.0);
        let pal = cx.pal;
        let upper = cx.settings.uppercase_tags;
        // Measure first so a long title gives way to the tags, time and avatar.
        let time = cx.ctx.header_time();
        let time_w = galley(ui, &time, size::TIME, pal.time, 300.0, 1).size().x + 4.0;
        let tags: Vec<(String, String, Option<&str>, Option<&Action>)> = header
            .and_then(|h| h.tags.as_ref())
            .map(|t| {
                t.items
                    .iter()
                    .map(|(key, tag)| match tag {
                        Item::Ok(t) => {
                            (key.clone(), cx.ctx.text(t.title.as_ref()), t.kind.as_deref(), t.action.as_ref())
                        }
                        Item::Raw(_) => (key.clone(), format!("{key}?"), None, None),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let shown = |s: &str| if upper { s.to_uppercase() } else { s.to_string() };
        let tag_w =
            |s: &str| galley(ui, &shown(s), size::TAG_TEXT, pal.title, 400.0, 1).size().x + 2.0 * size::TAG_PAD_X + 7.0;
        let widths: Vec<f32> = tags.iter().map(|(_, l, _, _)| tag_w(l).min(200.0)).collect();
        let tags_w: f32 = widths.iter().sum();
        let rest = width - size::CHECKBOX - 16.0 - time_w - size::AVATAR - 12.0;
        let max_title = (rest - tags_w).clamp(60.0, width * 0.6);
        let title = cx.ctx.text(header.and_then(|h| h.title.as_ref()));
        let action = header.and_then(|h| h.title_action.as_ref());
        cx.leaf(ui, El::new(layout_ptr!("/header/title"), &title).action(action), |ui| {
            text(ui, &title, size::TITLE, pal.title, true, max_title, 1)
        });
        ui.add_space(8.0);
        let mut budget = ui.available_width() - time_w - size::AVATAR - 8.0;
        for (i, (key, label, kind, action)) in tags.iter().enumerate() {
            let later: f32 = widths[i + 1..].iter().sum();
            let tag_max = (budget - later - 6.0).clamp(40.0, 200.0);
            let ptr = pointer::join(layout_ptr!("/header/tags"), key);
            let shown = shown(label);
            let (bg, fg) = pal.tag(*kind);
            let st = PillStyle {
                bg,
                fg,
                border: None,
                height: size::TAG_HEIGHT,
                font: size::TAG_TEXT,
                pad_x: size::TAG_PAD_X,
                min_width: 0.0,
                bold: true,
            };
            let drawn =
                cx.leaf(ui, El::new(ptr, format!("Tag {label}")).action(*action), |ui| pill(ui, &shown, &st, tag_max));
            budget -= drawn.map_or(0.0, |r| r.width()) + 6.0;
            ui.add_space(6.0);
        }
        ui.add_space(2.0);
        cx.leaf(ui, El::new(fields_ptr!("/deadline"), format!("Time {time}")), |ui| {
            text(ui, &time, size::TIME, pal.time, false, 200.0, 1)
        });
        ui.with_layout(ELayout::right_to_left(Align::Center), |ui| avatar_ui(ui, cx));
    });
}

fn checkbox_ui(ui: &mut Ui, cx: &mut Cx) {
    let done = cx.ctx.completed;
    let pal = cx.pal;
    cx.leaf(ui, El::new(fields_ptr!("/completed"), "Completed").kind(Role::CheckBox), |ui| {
        let rect = place(ui, egui::Vec2::splat(size::CHECKBOX));
        ui.painter().rect_filled(rect, 2.0, if done { pal.checkbox_tick } else { pal.checkbox_fill });
        ui.painter().rect_stroke(rect, 2.0, Stroke::new(1.0, pal.checkbox_border), egui::StrokeKind::Inside);
        if done {
            glyphs::paint(ui.painter(), rect.center(), chrome::CHECK, size::CHECKBOX, Color32::WHITE);
        }
        rect
    });
}

fn avatar_ui(ui: &mut Ui, cx: &mut Cx) {
    let pal = cx.pal;
    cx.leaf(ui, El::new(fields_ptr!("/responsibleId"), "Responsible user"), |ui| {
        let rect = place(ui, egui::Vec2::splat(size::AVATAR));
        ui.painter().circle_filled(rect.center(), size::AVATAR / 2.0, pal.avatar_bg);
        glyphs::paint(ui.painter(), rect.center() + vec2(0.0, 1.0), chrome::AVATAR, size::AVATAR * 0.8, pal.avatar_fg);
        rect
    });
}

fn body_ui(ui: &mut Ui, cx: &mut Cx, layout: &Layout, width: f32) {
    let body = layout.body.as_ref();
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing = vec2(0.0, 0.0);
        logo_ui(ui, cx, layout);
        ui.add_space(size::BODY_GAP);
        let col = (width - size::LOGO_TILE - size::BODY_GAP - 14.0).max(60.0);
        ui.vertical(|ui| {
            ui.set_width(col);
            ui.spacing_mut().item_spacing = vec2(0.0, size::BLOCK_GAP);
            match body.and_then(|b| b.blocks.as_ref()) {
                Some(blocks) => blocks_ui(ui, cx, layout_ptr!("/body/blocks"), blocks, col),
                None => {
                    text(ui, "(no blocks)", size::TEXT_SM, cx.pal.base_50, false, col, 1);
                }
            }
        });
    });
}

fn logo_ui(ui: &mut Ui, cx: &mut Cx, layout: &Layout) {
    let logo = layout.body.as_ref().and_then(|b| b.logo.as_ref());
    let code = logo.and_then(|l| l.code.clone());
    let action = logo.and_then(|l| l.action.as_ref());
    let pal = cx.pal;
    let label = format!("Logo {}", code.clone().unwrap_or_default());
    cx.element(ui, El::new(layout_ptr!("/body/logo"), label).action(action), |ui, _| {
        let rect = place(ui, egui::Vec2::splat(size::LOGO_TILE));
        let p = ui.painter();
        p.rect_filled(rect, CornerRadius::same(size::LOGO_RADIUS), pal.logo_tile);
        let Some(code) = code else { return };
        match glyphs::logo_glyph(&code) {
            Some(g) if logo_in_circle(&code) => {
                // A soft shadow under the white circle, as in the screenshots.
                p.circle_filled(rect.center() + vec2(0.0, 1.5), size::LOGO_CIRCLE / 2.0 + 1.0, pal.logo_shadow);
                p.circle_filled(rect.center(), size::LOGO_CIRCLE / 2.0, pal.logo_circle);
                glyphs::paint(p, rect.center(), g, size::LOGO_GLYPH_IN_CIRCLE, pal.logo_glyph);
            }
            Some(g) => glyphs::paint(p, rect.center(), g, size::LOGO_GLYPH, pal.logo_glyph),
            None => {
                glyphs::paint(p, rect.center() - vec2(0.0, 8.0), glyphs::PLACEHOLDER, 30.0, pal.base_50);
                let font = egui::FontId::proportional(10.0);
                p.text(rect.center_bottom() - vec2(0.0, 8.0), egui::Align2::CENTER_BOTTOM, &code, font, pal.base_60);
            }
        }
    });
}
