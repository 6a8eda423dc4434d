//! Drawing helpers shared by the card parts: painted text (no accessibility node of its own, so
//! every clickable element has exactly one labelled node), pills, and the element wrapper that
//! handles click-to-select, outlines, ghosting and the action popup.

use std::collections::HashSet;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{
    Color32, CornerRadius, FontId, Galley, Rect, Response, Role, Sense, Stroke, StrokeKind, Ui, UiBuilder, WidgetInfo,
    vec2,
};

use crate::layout::model::Action;
use crate::project::preview::{PreviewScope, PreviewSettings};
use crate::ui::tokens::{Palette, size};

use super::action_info::{ActionInfo, explain};
use super::context::Ctx;
use super::{PreviewOutput, PreviewState};

/// Everything the card parts need while drawing one frame.
pub(super) struct Cx<'a> {
    pub pal: &'static Palette,
    pub ctx: Ctx,
    pub settings: &'a PreviewSettings,
    /// The drawn element the selection resolves to.
    pub selected: Option<String>,
    /// Drawn elements that hold (or contain) an error path.
    pub errors: HashSet<String>,
    pub state: &'a mut PreviewState,
    pub out: &'a mut PreviewOutput,
}

/// One clickable element of the card.
pub(super) struct El<'s> {
    pub ptr: String,
    pub label: String,
    pub kind: Role,
    pub hidden: Option<String>,
    pub action: Option<&'s Action>,
    /// Draw the selection outline (off for rows that only stand for their parent).
    pub outline: bool,
}

impl<'s> El<'s> {
    pub fn new(ptr: impl Into<String>, label: impl Into<String>) -> Self {
        El { ptr: ptr.into(), label: label.into(), kind: Role::Label, hidden: None, action: None, outline: true }
    }
    pub fn hidden(mut self, why: Option<String>) -> Self {
        self.hidden = why;
        self
    }
    pub fn action(mut self, a: Option<&'s Action>) -> Self {
        if a.is_some() {
            self.kind = Role::Link;
        }
        self.action = a;
        self
    }
    pub fn no_outline(mut self) -> Self {
        self.outline = false;
        self
    }
    pub fn kind(mut self, k: Role) -> Self {
        self.kind = k;
        self
    }
}

impl Cx<'_> {
    pub fn mobile(&self) -> bool {
        self.ctx.scope == PreviewScope::Mobile
    }

    /// Draws `add` as one element; `None` when it is hidden and hidden elements are not shown.
    pub fn element<R>(&mut self, ui: &mut Ui, el: El<'_>, add: impl FnOnce(&mut Ui, &mut Self) -> R) -> Option<R> {
        if el.hidden.is_some() && !self.settings.show_hidden {
            return None;
        }
        let ghost = el.hidden.is_some();
        let ir = ui.scope_builder(UiBuilder::new().id_salt(("pv", &el.ptr)).sense(Sense::click()), |ui| {
            if ghost {
                ui.multiply_opacity(size::GHOST_OPACITY);
            }
            add(ui, self)
        });
        self.finish(ui, &ir.response, &el);
        Some(ir.inner)
    }

    /// Draws a one-piece element (`add` places its parts in the current `Ui` and returns
    /// the rect they cover) without the child `Ui` that [`Cx::element`] builds: most of the
    /// card's elements are such leaves, and a child `Ui` each is most of the preview's cost.
    /// `add` must not change the `Ui`'s style or opacity (use `element` for that).
    pub fn leaf(&mut self, ui: &mut Ui, el: El<'_>, add: impl FnOnce(&mut Ui) -> Rect) -> Option<Rect> {
        if el.hidden.is_some() {
            // Ghosting needs its own `Ui` to fade.
            return self.element(ui, el, |ui, _| add(ui));
        }
        let rect = add(ui);
        let resp = ui.interact(rect, ui.scope_id().with(("pv", &el.ptr)), Sense::click());
        self.finish(ui, &resp, &el);
        Some(rect)
    }

    /// Labels, outlines and click handling for a response that covers an element.
    pub fn finish(&mut self, ui: &Ui, resp: &Response, el: &El<'_>) {
        let label = if el.label.trim().is_empty() { el.ptr.clone() } else { el.label.clone() };
        resp.widget_info(|| WidgetInfo::labeled(el.kind, true, &label));
        let rect = resp.rect.expand(2.0);
        if self.errors.contains(&el.ptr) {
            ui.painter().rect_stroke(rect, 4.0, Stroke::new(1.5, self.pal.error), StrokeKind::Outside);
            ui.painter().circle_filled(rect.right_top(), 3.5, self.pal.error);
        }
        if el.outline && self.selected.as_deref() == Some(el.ptr.as_str()) {
            ui.painter().rect_stroke(rect, 4.0, Stroke::new(size::OUTLINE, self.pal.selection), StrokeKind::Outside);
        } else if el.outline && resp.hovered() {
            // A faint outline tells the designer that a click selects this element.
            let c = self.pal.selection.gamma_multiply(0.35);
            ui.painter().rect_stroke(rect, 4.0, Stroke::new(1.0, c), StrokeKind::Outside);
        }
        if let Some(why) = &el.hidden {
            resp.clone().on_hover_text(why.as_str());
        } else if el.action.is_some() {
            resp.clone().on_hover_cursor(egui::CursorIcon::PointingHand);
        }
        if resp.clicked() && self.out.select.is_none() {
            self.out.select = Some(el.ptr.clone());
            if let Some(a) = el.action {
                self.show_info(explain(&el.ptr, a, &self.state.action_context, self.mobile()));
                let lock = match (a.kind.as_deref(), a.animation_type.as_deref()) {
                    (Some("restEvent"), Some("loader")) => Some(true),
                    (Some("restEvent"), Some("disable")) => Some(false),
                    _ => None,
                };
                self.state.lock = lock.map(|whole_card| super::Lock { pointer: el.ptr.clone(), whole_card });
            }
        }
    }

    pub fn show_info(&mut self, info: ActionInfo) {
        self.out.action_info = Some(info.clone());
        self.state.action_info = Some(info);
    }
}

/// Lays out plain text; `max_rows` > 0 truncates with an ellipsis.
pub(super) fn galley(ui: &Ui, text: &str, font: f32, color: Color32, wrap: f32, max_rows: usize) -> Arc<Galley> {
    let line_height = (max_rows != 1).then_some(font * size::LINE_HEIGHT_FACTOR);
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat { font_id: FontId::proportional(font), color, line_height, ..Default::default() },
    );
    job.wrap.max_width = wrap.max(1.0);
    if max_rows > 0 {
        job.wrap.max_rows = max_rows;
        job.wrap.overflow_character = Some('…');
    }
    ui.painter().layout_job(job)
}

/// Paints a galley; `bold` draws it twice, a hair apart (egui's default font has no bold face).
pub(super) fn paint_galley(ui: &Ui, pos: egui::Pos2, g: &Arc<Galley>, bold: bool) {
    ui.painter().galley(pos, g.clone(), Color32::PLACEHOLDER);
    if bold {
        ui.painter().galley(pos + vec2(0.6, 0.0), g.clone(), Color32::PLACEHOLDER);
    }
}

/// Reserves `size` at the cursor, placed as `allocate_exact_size` would, without creating a
/// widget: painted parts need no interaction or accessibility node of their own (their element
/// has one), and a widget per part is most of a frame's cost.
pub(super) fn place(ui: &mut Ui, size: egui::Vec2) -> Rect {
    let (_, outer) = ui.allocate_space(size);
    ui.layout().align_size_within_rect(size, outer)
}

/// Allocates and paints text at the cursor.
pub(super) fn text(ui: &mut Ui, s: &str, font: f32, color: Color32, bold: bool, wrap: f32, max_rows: usize) -> Rect {
    let g = galley(ui, s, font, color, wrap, max_rows);
    let sz = g.size() + vec2(if bold { 0.6 } else { 0.0 }, 0.0);
    let rect = place(ui, sz);
    paint_galley(ui, rect.min, &g, bold);
    rect
}

pub(super) struct PillStyle {
    pub bg: Color32,
    pub fg: Color32,
    pub border: Option<Color32>,
    pub height: f32,
    pub font: f32,
    pub pad_x: f32,
    pub min_width: f32,
    pub bold: bool,
}

/// A fully rounded pill with centred one-line text; returns its rect.
pub(super) fn pill(ui: &mut Ui, s: &str, st: &PillStyle, max_width: f32) -> Rect {
    let g = galley(ui, s, st.font, st.fg, (max_width - 2.0 * st.pad_x).max(20.0), 1);
    let w = (g.size().x + 2.0 * st.pad_x).max(st.min_width).min(max_width.max(st.min_width));
    let rect = place(ui, vec2(w, st.height));
    paint_pill(ui, rect, st);
    let pos = rect.center() - g.size() / 2.0;
    paint_galley(ui, pos, &g, st.bold);
    rect
}

pub(super) fn paint_pill(ui: &Ui, rect: Rect, st: &PillStyle) {
    let r = CornerRadius::same((rect.height() / 2.0).round() as u8);
    ui.painter().rect_filled(rect, r, st.bg);
    if let Some(b) = st.border {
        ui.painter().rect_stroke(rect, r, Stroke::new(1.0, b), StrokeKind::Inside);
    }
}

/// Parses `#rgb`/`#rrggbb` (badge colours are free CSS; anything else gives `None`).
#[expect(clippy::disallowed_methods, reason = "a colour the layout itself names, not a designer colour")]
pub(super) fn css_color(s: &str) -> Option<Color32> {
    let h = s.trim().strip_prefix('#')?;
    let v = u32::from_str_radix(h, 16).ok()?;
    match h.len() {
        6 => Some(Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)),
        3 => {
            let d = |x: u32| ((x & 0xF) * 17) as u8;
            Some(Color32::from_rgb(d(v >> 8), d(v >> 4), d(v)))
        }
        _ => None,
    }
}
