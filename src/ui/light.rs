//! Light widgets for rows of many small controls (palette, toolbars): one allocation, one
//! interaction and direct painting, drawn like egui's `Button`, at a fraction of its cost
//! (egui's button lays out "atoms" and a child `Ui` per call; the frame benchmark counts it).

use egui::{Response, Role, Sense, StrokeKind, TextStyle, TextWrapMode, Ui, WidgetInfo, WidgetText, vec2};

/// How a [`chip`] draws its background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Always framed, like `Button::new`.
    Always,
    /// Only while hovered or focused, like `Button::frame(false)`.
    OnHover,
}

/// A button of an optional glyph and a label. The accessible name is `name()` (the label, or
/// for icon-only buttons what the tooltip says), so tests and screen readers find it; it is
/// only built when an accessibility consumer asks, while egui holds its context lock, so it
/// must not call into the context.
pub fn chip(
    ui: &mut Ui,
    glyph: Option<WidgetText>,
    label: &str,
    name: impl Fn() -> String,
    sense: Sense,
    frame: Frame,
) -> Response {
    let pad = ui.spacing().button_padding;
    let gap = ui.spacing().icon_spacing;
    let layout = |t: WidgetText| t.into_galley(ui, Some(TextWrapMode::Extend), f32::INFINITY, TextStyle::Button);
    let glyph = glyph.map(layout);
    let text = (!label.is_empty()).then(|| layout(WidgetText::from(label)));
    let mut content = vec2(0.0, 0.0);
    for g in glyph.iter().chain(text.iter()) {
        content.x += g.size().x;
        content.y = content.y.max(g.size().y);
    }
    if glyph.is_some() && text.is_some() {
        content.x += gap;
    }
    let size = vec2(content.x + 2.0 * pad.x, (content.y + 2.0 * pad.y).max(ui.spacing().interact_size.y));
    let (rect, resp) = ui.allocate_exact_size(size, sense);
    let enabled = ui.is_enabled();
    resp.widget_info(|| WidgetInfo::labeled(Role::Button, enabled, name()));

    if ui.is_rect_visible(rect) {
        let v = ui.style().interact(&resp);
        let painter = ui.painter();
        let lit = resp.hovered() || resp.has_focus() || resp.is_pointer_button_down_on();
        if frame == Frame::Always || lit {
            let r = rect.expand(v.expansion);
            painter.rect(r, v.corner_radius, v.weak_bg_fill, v.bg_stroke, StrokeKind::Inside);
        }
        let mut x = rect.left() + pad.x;
        let color = v.text_color();
        for g in glyph.into_iter().chain(text) {
            let w = g.size().x;
            painter.galley(egui::pos2(x, rect.center().y - g.size().y / 2.0), g, color);
            x += w + gap;
        }
    }
    resp
}

/// Paints the background of a selectable row part the way `Button::selectable` does (the
/// selection fill, or the hover fill) and returns the text colour to draw on it.
pub fn selectable_fill(ui: &Ui, rect: egui::Rect, resp: &Response, selected: bool) -> egui::Color32 {
    let v = ui.visuals();
    let radius = v.widgets.hovered.corner_radius;
    if selected {
        ui.painter().rect_filled(rect, radius, v.selection.bg_fill);
        v.selection.stroke.color
    } else {
        if resp.hovered() || resp.has_focus() {
            ui.painter().rect_filled(rect, radius, v.widgets.hovered.weak_bg_fill);
        }
        v.widgets.inactive.text_color()
    }
}

/// Shows `text` as the tooltip only while the pointer is over the widget: building a tooltip
/// per widget per frame costs even when nothing shows. Works for disabled widgets too.
pub fn tip(resp: Response, text: impl FnOnce() -> String) -> Response {
    if !resp.contains_pointer() {
        return resp;
    }
    let text = text();
    if resp.enabled() { resp.on_hover_text(text) } else { resp.on_disabled_hover_text(text) }
}
