//! The footer row (buttons, note icon, "•••") and the open menu popup (layout.md §6).

use egui::{Align, Color32, Frame, Layout as ELayout, Rect, Role, Sense, Stroke, Ui, vec2};

use crate::layout::model::{Footer, Item};
use crate::layout::pointer;
use crate::ui::glyphs::{self, chrome};
use crate::ui::tokens::size;

use super::action_info::ActionInfo;
use super::menu::{MENU_PTR, MenuEntry, MenuRow, SystemItem, entries};
use super::paint::{Cx, El, PillStyle, css_color, galley, paint_galley, pill, place, text};
use crate::layout_ptr;

pub(super) fn footer_ui(ui: &mut Ui, cx: &mut Cx, footer: Option<&Footer>, width: f32) {
    ui.allocate_ui_with_layout(vec2(width, size::BUTTON_HEIGHT), ELayout::left_to_right(Align::Center), |ui| {
        ui.set_min_height(size::BUTTON_HEIGHT);
        ui.spacing_mut().item_spacing = vec2(0.0, 0.0);
        if let Some(buttons) = footer.and_then(|f| f.buttons.as_ref()) {
            // Buttons shrink (down to a minimum) so the note and menu icons stay on the card.
            let n = buttons.items.len().max(1) as f32;
            let room = ((width - 64.0) / n - size::BUTTON_GAP).max(60.0);
            for (key, b) in &buttons.items {
                let ptr = pointer::join(layout_ptr!("/footer/buttons"), key);
                let Item::Ok(b) = b else { continue };
                let label = cx.ctx.text(b.title.as_ref());
                let shown = if cx.settings.uppercase_tags { label.to_uppercase() } else { label.clone() };
                let primary = b.kind.as_deref() != Some("secondary");
                let pal = cx.pal;
                let st = PillStyle {
                    bg: if primary { pal.primary_bg } else { pal.secondary_bg },
                    fg: if primary { pal.primary_text } else { pal.secondary_text },
                    border: (!primary).then_some(pal.secondary_border),
                    height: size::BUTTON_HEIGHT,
                    font: size::BUTTON_TEXT,
                    pad_x: 20.0,
                    min_width: size::BUTTON_MIN_WIDTH.min(room),
                    bold: true,
                };
                let hidden =
                    cx.ctx.scope_hidden(b.scope.as_deref()).or_else(|| cx.ctx.readonly_hidden(b.hide_if_readonly));
                let ptr_copy = ptr.clone();
                let el = El::new(ptr, format!("Button {label}")).action(b.action.as_ref()).hidden(hidden);
                let el = el.kind(Role::Button);
                let disabled = cx.state.lock.as_ref().is_some_and(|l| !l.whole_card && l.pointer == ptr_copy);
                if disabled {
                    cx.element(ui, el, |ui, _| {
                        ui.multiply_opacity(0.45);
                        pill(ui, &shown, &st, room.min(320.0))
                    });
                } else {
                    cx.leaf(ui, el, |ui| pill(ui, &shown, &st, room.min(320.0)));
                }
                ui.add_space(size::BUTTON_GAP);
            }
        }
        ui.with_layout(ELayout::right_to_left(Align::Center), |ui| {
            ui.spacing_mut().item_spacing = vec2(0.0, 0.0);
            let pal = cx.pal;
            let menu_rect =
                cx.leaf(ui, El::new(MENU_PTR, "Menu").kind(Role::Button), |ui| icon(ui, chrome::MENU, pal.footer_icon));
            if let Some(r) = menu_rect {
                cx.state.menu_anchor = Some(r);
                if cx.out.select.as_deref() == Some(MENU_PTR) {
                    cx.state.menu_open = !cx.state.menu_open;
                }
            }
            ui.add_space(12.0);
            let note_hidden = (footer.and_then(|f| f.show_note) == Some(false))
                .then(|| "Hidden: footer.showNote is false".to_string());
            let el = El::new(layout_ptr!("/footer/showNote"), "Note").kind(Role::Button).hidden(note_hidden);
            cx.leaf(ui, el, |ui| icon(ui, chrome::NOTE, pal.footer_icon));
        });
    });
}

fn icon(ui: &mut Ui, g: egui_material_icons::MaterialIcon, color: Color32) -> Rect {
    let rect = place(ui, egui::Vec2::splat(size::FOOTER_ICON + 4.0));
    glyphs::paint(ui.painter(), rect.center(), g, size::FOOTER_ICON, color);
    rect
}

/// The open menu, anchored under the "•••" icon. Closes on a click outside it.
pub(super) fn menu_popup(ctx: &egui::Context, cx: &mut Cx, footer: Option<&Footer>) {
    let Some(anchor) = cx.state.menu_anchor else { return };
    let pos = egui::pos2(anchor.right() - size::MENU_WIDTH + 8.0, anchor.bottom() + 4.0);
    let list = entries(footer.and_then(|f| f.menu.as_ref()), &cx.ctx);
    let pal = cx.pal;
    let area = egui::Area::new(egui::Id::unique("preview_menu_popup")).order(egui::Order::Foreground).fixed_pos(pos);
    let shown = area.show(ctx, |ui| {
        Frame::new()
            .fill(pal.menu_bg)
            .stroke(Stroke::new(1.0, pal.menu_border))
            .corner_radius(8)
            .shadow(egui::Shadow { offset: [0, 4], blur: 14, spread: 0, color: Color32::from_black_alpha(40) })
            .inner_margin(egui::Margin::symmetric(0, 6))
            .show(ui, |ui| {
                ui.set_width(size::MENU_WIDTH);
                ui.spacing_mut().item_spacing = vec2(0.0, 0.0);
                for e in &list {
                    match e {
                        MenuEntry::Row(r) => row_ui(ui, cx, r),
                        MenuEntry::Separator => separator(ui, pal.menu_separator),
                        MenuEntry::Section { title, accent } => {
                            separator(ui, pal.menu_separator);
                            if !title.is_empty() {
                                let c = if *accent { pal.link } else { pal.menu_section_title };
                                ui.horizontal(|ui| {
                                    ui.add_space(16.0);
                                    text(ui, title, size::TEXT_XS, c, true, size::MENU_WIDTH - 32.0, 1);
                                });
                                ui.add_space(2.0);
                            }
                        }
                    }
                }
            });
    });
    let menu_rect = shown.response.rect;
    let clicked_outside = ctx.input(|i| {
        i.pointer.any_pressed()
            && i.pointer.interact_pos().is_some_and(|p| !menu_rect.contains(p) && !anchor.expand(2.0).contains(p))
    });
    if clicked_outside || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        cx.state.menu_open = false;
    }
}

fn separator(ui: &mut Ui, c: Color32) {
    let r = place(ui, vec2(size::MENU_WIDTH, 9.0));
    ui.painter().hline(r.x_range().shrink(12.0), r.center().y, Stroke::new(1.0, c));
}

fn row_ui(ui: &mut Ui, cx: &mut Cx, r: &MenuRow) {
    let pal = cx.pal;
    let color = match r.design.as_deref() {
        Some("accent-1") => pal.link,
        Some("accent-2") => pal.tag_success.1,
        Some("alert") => pal.error,
        Some("copilot") => pal.menu_copilot,
        Some("disabled") => pal.base_50,
        _ => pal.menu_text,
    };
    let ptr = r.pointer.clone();
    let el = El::new(ptr.clone(), format!("Menu item {}", r.title)).hidden(r.hidden.clone()).action(r.action.as_ref());
    let el = if r.system == Some(SystemItem::About) { el.no_outline() } else { el }.kind(Role::Button);
    let h = if r.subtitle.is_some() { size::MENU_ITEM_HEIGHT + 14.0 } else { size::MENU_ITEM_HEIGHT };
    let before = cx.out.select.clone();
    cx.element(ui, el, |ui, _| {
        let (rect, resp) = ui.allocate_exact_size(vec2(size::MENU_WIDTH, h), Sense::hover());
        if resp.hovered() {
            ui.painter().rect_filled(rect, 0.0, pal.menu_hover);
        }
        let mut x = rect.left() + 16.0;
        if let Some(sel) = r.selected {
            if sel {
                glyphs::paint(ui.painter(), egui::pos2(x + 7.0, rect.center().y), chrome::CHECK, 16.0, pal.link);
            }
            x += 22.0;
        }
        let right = rect.right() - 16.0 - if r.locked { 20.0 } else { 0.0 };
        let g = galley(ui, &r.title, size::MENU_TEXT, color, right - x, 1);
        let ty = if r.subtitle.is_some() { rect.top() + 7.0 } else { rect.center().y - g.size().y / 2.0 };
        paint_galley(ui, egui::pos2(x, ty), &g, false);
        if let Some(sub) = &r.subtitle {
            let sg = galley(ui, sub, size::TEXT_XS, pal.menu_subtitle, right - x, 1);
            paint_galley(ui, egui::pos2(x, ty + g.size().y + 1.0), &sg, false);
        }
        if let Some((b, col)) = &r.badge {
            let bg = col.as_deref().and_then(css_color).unwrap_or(pal.icon_fill);
            let bgal = galley(ui, b, 10.0, Color32::WHITE, 120.0, 1);
            let br = Rect::from_min_size(
                egui::pos2(x + g.size().x + 8.0, ty + (g.size().y - 16.0) / 2.0),
                vec2(bgal.size().x + 12.0, 16.0),
            );
            ui.painter().rect_filled(br, 8.0, bg);
            paint_galley(ui, br.center() - bgal.size() / 2.0, &bgal, true);
        }
        if r.locked {
            glyphs::paint(
                ui.painter(),
                egui::pos2(rect.right() - 24.0, rect.center().y),
                chrome::LOCK,
                15.0,
                pal.base_50,
            );
        }
    });
    // System rows explain themselves; app rows got their action popup from `element`.
    if before.is_none()
        && cx.out.select.as_deref() == Some(ptr.as_str())
        && let Some(sys) = &r.system
    {
        cx.show_info(system_info(sys, &ptr));
    }
}

fn system_info(sys: &SystemItem, ptr: &str) -> ActionInfo {
    let (headline, note) = match sys {
        SystemItem::Pin => (
            "System item Pin: pins the activity to the top of the timeline",
            "Controlled by footer.menu.showPinItem; offered only for a completed activity.",
        ),
        SystemItem::Postpone => (
            "System item Postpone: moves the deadline",
            "Controlled by footer.menu.showPostponeItem; offered only for an uncompleted activity with a deadline, never for an incoming one.",
        ),
        SystemItem::Delete => ("System item Delete: deletes the activity", "Controlled by footer.menu.showDeleteItem."),
        SystemItem::About => (
            "About application: opens the app's slider with the context aboutMenuItem",
            "Always present in the web version; it cannot be turned off.",
        ),
    };
    ActionInfo {
        pointer: ptr.to_string(),
        headline: headline.into(),
        notes: vec![note.into()],
        target: None,
        payload: None,
    }
}
