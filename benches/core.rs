//! Core benchmarks: parse + validate the largest valid layout, and open + validate a project,
//! each next to a raw `serde_json::Value` parse of the same bytes for a ratio.
//! Targets: validate ≤ 20 µs; open + validate ≤ 2× the raw parse.

use b24_activity_designer::layout::{ValidateOptions, diagnostic::has_errors, validate_layout, validate_payload};
use b24_activity_designer::project::{self, Project};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;
use std::hint::black_box;

const LARGEST: &str = include_str!("../tests/fixtures/largest.json");

fn bench(c: &mut Criterion) {
    // The fixture may be a bare layout, a payload or a project: take its layout and fields.
    let loaded = project::load_bytes(LARGEST.as_bytes(), "largest.json").expect("fixture loads");
    let layout_text = serde_json::to_string_pretty(&loaded.project.layout).unwrap();
    let fields = loaded.project.fields.clone();
    let opts = ValidateOptions::default();
    let diags = validate_payload(Some(&loaded.project.layout), Some(&fields), &opts);
    assert!(!has_errors(&diags), "the benchmark fixture must be valid: {diags:#?}");
    let project_text = Project::new("Largest", loaded.project.layout.clone(), fields).to_json_string();

    let mut g = c.benchmark_group("layout");
    g.bench_function("raw_value_parse", |b| b.iter(|| serde_json::from_str::<Value>(black_box(&layout_text)).unwrap()));
    let layout: Value = serde_json::from_str(&layout_text).unwrap();
    g.bench_function("validate", |b| b.iter(|| validate_layout(black_box(&layout), &opts)));
    g.bench_function("parse_and_validate", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_str(black_box(&layout_text)).unwrap();
            validate_layout(&v, &opts)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("project");
    g.bench_function("raw_value_parse", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&project_text)).unwrap())
    });
    g.bench_function("open_and_validate", |b| {
        b.iter(|| {
            let l = project::load_bytes(black_box(project_text.as_bytes()), "largest.b24.json").unwrap();
            validate_payload(Some(&l.project.layout), Some(&l.project.fields), &opts)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
