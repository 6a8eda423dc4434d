//! B24 Activity Designer: a desktop designer for Bitrix24 configurable CRM activity layouts.
//!
//! Layers (one direction only): `layout` (pure model + validator) → `edit` (commands, undo,
//! selection) → `ui` (panels) → `app` (owns state). `project`, `export`, `portal`, `secrets`
//! and `sandbox` sit beside and are reached from the app only, through background jobs.

pub mod app;
pub mod cli;
pub mod edit;
pub mod export;
pub mod layout;
pub mod portal;
pub mod project;
pub mod sandbox;
pub mod secrets;
pub mod templates;
pub mod ui;
