//! One whole designer frame with every panel open, headless (`run_ui` + tessellation), for
//! the largest layout; and egui_demo_lib's demo windows in the same run, for a ratio.
//!
//! `FRAME_SPLIT=1` adds `run_ui` alone and tessellation alone for both, to see where a
//! difference comes from; `FRAME_STATS=1` prints shape and vertex counts per clip rect.

use b24_activity_designer::app::{AppEnv, DesignerApp, ProjectData};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{RawInput, Rect, pos2, vec2};
use std::hint::black_box;

fn input() -> RawInput {
    RawInput { screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1440.0, 900.0))), ..Default::default() }
}

/// The largest layout fixture. Refuses to go on without it: timing an empty layout would print
/// figures that look real and measure nothing.
fn largest() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/largest.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("frame bench needs {path}: {e}"));
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("frame bench: {path} is not JSON: {e}"));
    // A project, a payload or a bare layout.
    let layout = v.get("layout").cloned().unwrap_or(v.clone());
    let blocks = layout.pointer("/body/blocks").and_then(|b| b.as_object()).map_or(0, |b| b.len());
    assert!(blocks > 0, "frame bench: the layout in {path} has no blocks; refusing to benchmark an empty layout");
    let fields = v.get("fields").cloned().unwrap_or_else(|| serde_json::json!({}));
    serde_json::json!({"fields": fields, "layout": layout})
}

fn frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = DesignerApp::new_headless(AppEnv::in_dir(dir.path()));
    app.load_project(ProjectData::new("Largest", largest()), None);
    let ctx = egui::Context::default();
    // Warm up: fonts, caches, the first layout pass, and a selection so the inspector is full.
    for _ in 0..3 {
        ctx.run_ui(input(), |ui| app.ui_root(ui)).textures_delta.clear();
    }
    app.select(Some("/layout/body/blocks".into()));
    ctx.run_ui(input(), |ui| app.ui_root(ui)).textures_delta.clear();

    if std::env::var_os("FRAME_STATS").is_some() {
        stats("designer", &ctx, ctx.run_ui(input(), |ui| app.ui_root(ui)));
    }
    let mut g = c.benchmark_group("frame");
    whole(&mut g, "designer_largest_all_panels", &ctx, |ui| app.ui_root(ui));

    if std::env::var_os("FRAME_SPLIT").is_some() {
        split(&mut g, "designer", &ctx, |ui| app.ui_root(ui));
    }
    // The same frame with the Diagnostics tab instead of the JSON pane.
    app.command(b24_activity_designer::app::commands::CommandId::ShowDiagnostics);
    ctx.run_ui(input(), |ui| app.ui_root(ui)).textures_delta.clear();
    if std::env::var_os("FRAME_STATS").is_some() {
        stats("designer, diagnostics tab", &ctx, ctx.run_ui(input(), |ui| app.ui_root(ui)));
    }
    whole(&mut g, "designer_largest_diagnostics_tab", &ctx, |ui| app.ui_root(ui));

    let demo_ctx = egui::Context::default();
    let mut demo = egui_demo_lib::DemoWindows::default();
    for _ in 0..3 {
        demo_ctx.run_ui(input(), |ui| demo.ui(ui)).textures_delta.clear();
    }
    if std::env::var_os("FRAME_STATS").is_some() {
        stats("demo", &demo_ctx, demo_ctx.run_ui(input(), |ui| demo.ui(ui)));
    }
    if std::env::var_os("FRAME_SPLIT").is_some() {
        split(&mut g, "demo", &demo_ctx, |ui| demo.ui(ui));
    }
    whole(&mut g, "egui_demo_windows", &demo_ctx, |ui| demo.ui(ui));
    g.finish();
}

type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// One whole frame: `run_ui` plus tessellation.
fn whole(g: &mut Group<'_>, name: &str, ctx: &egui::Context, mut ui_fn: impl FnMut(&mut egui::Ui)) {
    g.bench_function(name, |b| {
        b.iter(|| {
            let mut out = ctx.run_ui(input(), &mut ui_fn);
            out.textures_delta.clear();
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        })
    });
}

/// `run_ui` alone and tessellation alone, to see which half a difference comes from.
fn split(g: &mut Group<'_>, name: &str, ctx: &egui::Context, mut ui_fn: impl FnMut(&mut egui::Ui)) {
    g.bench_function(format!("{name}_run_ui_only"), |b| {
        b.iter(|| {
            let mut out = ctx.run_ui(input(), &mut ui_fn);
            out.textures_delta.clear();
            black_box(out.shapes.len());
        })
    });
    let out = ctx.run_ui(input(), &mut ui_fn);
    g.bench_function(format!("{name}_tessellate_only"), |b| {
        b.iter(|| black_box(ctx.tessellate(out.shapes.clone(), out.pixels_per_point)))
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);

fn stats(name: &str, ctx: &egui::Context, out: egui::FullOutput) {
    fn count(s: &egui::Shape, n: &mut [usize; 4]) {
        match s {
            egui::Shape::Vec(v) => v.iter().for_each(|s| count(s, n)),
            egui::Shape::Text(t) => {
                n[1] += 1;
                n[2] += t.galley.rows.len();
            }
            egui::Shape::Rect(_) => n[3] += 1,
            _ => n[0] += 1,
        }
    }
    let mut by_clip: Vec<(egui::Rect, [usize; 4])> = Vec::new();
    for cs in &out.shapes {
        let i = match by_clip.iter().position(|(r, _)| *r == cs.clip_rect) {
            Some(i) => i,
            None => {
                by_clip.push((cs.clip_rect, [0; 4]));
                by_clip.len() - 1
            }
        };
        count(&cs.shape, &mut by_clip[i].1);
    }
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    let verts: usize = prims
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
            _ => 0,
        })
        .sum();
    eprintln!("== {name}: {} primitives, {verts} vertices", prims.len());
    for (r, n) in by_clip {
        eprintln!("  clip {:?}: other {} text {} rows {} rect {}", r, n[0], n[1], n[2], n[3]);
    }
}
