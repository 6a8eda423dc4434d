//! One whole designer frame with every panel open, headless (`run_ui` + tessellation), for
//! the largest layout; and egui_demo_lib's demo windows in the same run, for a ratio.

use b24_activity_designer::app::{AppEnv, DesignerApp, ProjectData};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{RawInput, Rect, pos2, vec2};
use std::hint::black_box;

fn input() -> RawInput {
    RawInput { screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1440.0, 900.0))), ..Default::default() }
}

fn largest() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/largest.json");
    let v: serde_json::Value = std::fs::read_to_string(path)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_else(|| serde_json::json!({}));
    // A project, a payload or a bare layout.
    let layout = v.get("layout").cloned().unwrap_or(v.clone());
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

    let mut g = c.benchmark_group("frame");
    g.bench_function("designer_largest_all_panels", |b| {
        b.iter(|| {
            let mut out = ctx.run_ui(input(), |ui| app.ui_root(ui));
            out.textures_delta.clear();
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        })
    });

    // The same frame with the Diagnostics tab instead of the JSON pane (where the time goes).
    app.command(b24_activity_designer::app::commands::CommandId::ShowDiagnostics);
    ctx.run_ui(input(), |ui| app.ui_root(ui)).textures_delta.clear();
    g.bench_function("designer_largest_diagnostics_tab", |b| {
        b.iter(|| {
            let mut out = ctx.run_ui(input(), |ui| app.ui_root(ui));
            out.textures_delta.clear();
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        })
    });

    let demo_ctx = egui::Context::default();
    let mut demo = egui_demo_lib::DemoWindows::default();
    for _ in 0..3 {
        demo_ctx.run_ui(input(), |ui| demo.ui(ui)).textures_delta.clear();
    }
    g.bench_function("egui_demo_windows", |b| {
        b.iter(|| {
            let mut out = demo_ctx.run_ui(input(), |ui| demo.ui(ui));
            out.textures_delta.clear();
            black_box(demo_ctx.tessellate(out.shapes, out.pixels_per_point));
        })
    });
    g.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
