//! The real app driven through egui_kittest, with its directories in temp dirs.

use b24_activity_designer::app::commands::CommandId;
use b24_activity_designer::app::{AppEnv, DesignerApp, Pending, ProjectData};
use b24_activity_designer::edit::EditCommand;
use b24_activity_designer::layout_ptr;
use b24_activity_designer::ui::UiAction;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use serde_json::{Value, json};
use std::path::Path;

fn harness(dir: &Path) -> Harness<'static, DesignerApp> {
    harness_with(AppEnv::in_dir(dir))
}

fn harness_with(env: AppEnv) -> Harness<'static, DesignerApp> {
    let app = DesignerApp::new_headless(env);
    let mut h =
        Harness::builder().with_size([1400.0, 900.0]).build_ui_state(|ui, app: &mut DesignerApp| app.ui_root(ui), app);
    let _ = h.run_ok();
    h
}

fn card() -> Value {
    json!({"fields": {}, "layout": {
        "icon": {"code": "call"},
        "header": {"title": "Call"},
        "body": {"logo": {"code": "call"}, "blocks": {
            "first": {"type": "text", "properties": {"value": "Hello"}},
            "second": {"type": "text", "properties": {"value": "World"}}
        }}
    }})
}

fn with_card(h: &mut Harness<'static, DesignerApp>) {
    h.state_mut().load_project(ProjectData::new("Card", card()), None);
    let _ = h.run_ok();
}

/// The card with one unsaved edit (a deleted block), for the unsaved-changes guard tests.
fn with_dirty_card(h: &mut Harness<'static, DesignerApp>) {
    with_card(h);
    h.state_mut().push_action(UiAction::edit(
        "delete block",
        EditCommand::Remove { path: layout_ptr!("/body/blocks/first").into() },
    ));
    let _ = h.run_ok();
}

fn blocks(h: &Harness<'static, DesignerApp>) -> Vec<String> {
    let b = h.state().document().root().pointer(layout_ptr!("/body/blocks")).cloned().unwrap_or(json!({}));
    b.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

#[test]
fn title_shows_unsaved_marker() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_card(&mut h);
    assert_eq!(h.state().window_title(), "Card — B24 Activity Designer");
    h.state_mut().push_action(UiAction::edit(
        "edit text",
        EditCommand::Set { path: layout_ptr!("/header/title").into(), value: json!("Call back") },
    ));
    let _ = h.run_ok();
    assert_eq!(h.state().window_title(), "Card • — B24 Activity Designer");
}

#[test]
fn undo_redo_by_keyboard_with_labelled_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_card(&mut h);
    h.state_mut().select(Some(layout_ptr!("/body/blocks/first").into()));
    h.key_press(Key::F2);
    let _ = h.run_ok();
    h.get_by_label("New key:").focus();
    let _ = h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("New key:").type_text("greeting block!");
    let _ = h.run_ok();
    // The key rule is enforced as you type: the space and "!" never get in.
    assert_eq!(h.get_by_label("New key:").value().as_deref(), Some("greetingblock"));
    h.key_press(Key::Enter);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["greetingblock", "second"]);
    assert_eq!(h.state().selection(), Some(layout_ptr!("/body/blocks/greetingblock")));

    h.get_by_label("Edit").click();
    let _ = h.run_ok();
    assert!(h.query_all_by_label_contains("Undo rename block").next().is_some(), "undo names the step");
    h.key_press(Key::Escape);
    let _ = h.run_ok();

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "second"]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["greetingblock", "second"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    let _ = h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["greetingblock", "second"]);
}

#[test]
fn structural_shortcuts_duplicate_move_copy_paste_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_card(&mut h);
    h.state_mut().select(Some(layout_ptr!("/body/blocks/first").into()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "first-2", "second"]);
    assert_eq!(h.state().selection(), Some(layout_ptr!("/body/blocks/first-2")));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "second", "first-2"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    let _ = h.run_ok();
    h.state_mut().select(Some(layout_ptr!("/body/blocks").into()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::V);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "second", "first-2", "first-3"]);
    h.key_press(Key::Delete);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "second", "first-2"]);
    // Paste from the system clipboard arrives as an event.
    h.state_mut().select(Some(layout_ptr!("/body/blocks/first").into()));
    h.event(egui::Event::Paste(r#"{"extra": {"type": "link", "properties": {"text": "x"}}}"#.into()));
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "extra", "second", "first-2"]);
}

#[test]
fn save_and_reopen_gives_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("projects/card.json");
    let mut h = harness(dir.path());
    with_card(&mut h);
    h.state_mut().push_action(UiAction::edit(
        "edit text",
        EditCommand::Set {
            path: layout_ptr!("/body/blocks/second/properties/value").into(), value: json!("Ünïcode")
        },
    ));
    let _ = h.run_ok();
    h.state_mut().save_to(file.clone());
    let _ = h.run_ok();
    assert!(
        !h.state().document().dirty(),
        "{:?} {:?}",
        h.state().document().undo_label(),
        h.state().document().revision()
    );
    assert_eq!(h.state().project_path(), Some(file.as_path()));
    assert_eq!(h.state().settings().recent.first(), Some(&file));
    let saved = h.state().document().root().clone();

    let mut h2 = harness(tempfile::tempdir().unwrap().path());
    h2.state_mut().open_path(file.clone());
    let _ = h2.run_ok();
    assert_eq!(h2.state().document().root(), &saved);
    let keys: Vec<String> = h2.state().document().layout().as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["icon", "header", "body"], "key order kept");
    assert_eq!(h2.state().project_name(), "Card", "the name is stored in the file");
}

#[test]
fn unsaved_changes_guard_on_new() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_dirty_card(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    let _ = h.run_ok();
    assert_eq!(h.state().pending_guard(), Some(&Pending::New));
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Cancel").click();
    let _ = h.run_ok();
    assert!(h.state().pending_guard().is_none());
    assert!(h.query_by_label("New from template").is_none());
    assert_eq!(blocks(&h), ["second"], "Cancel keeps the work");

    h.state_mut().command(CommandId::New);
    let _ = h.run_ok();
    h.get_by_label("Discard").click();
    let _ = h.run_ok();
    assert!(h.query_by_label("New from template").is_some(), "the template gallery opens after Discard");
}

#[test]
fn recovery_offered_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let env = AppEnv::in_dir(dir.path());
    std::fs::create_dir_all(&env.data_dir).unwrap();
    let project = json!({"format": "b24-activity-designer-project", "version": 1, "name": "Lost work",
        "fields": {}, "layout": card()["layout"].clone()});
    let autosave = json!({"source": null, "savedAt": "2026-11-24T03:00:00Z", "project": project});
    // Files as version 1 left them (one shared pair in the data directory).
    std::fs::write(env.data_dir.join("autosave.json"), autosave.to_string()).unwrap();
    std::fs::write(env.data_dir.join("session.lock"), "4194999\n").unwrap(); // a process that no longer runs
    let mut h = harness(dir.path());
    assert!(h.state().recovery_offered());
    assert!(h.query_by_label("Recover unsaved work?").is_some());
    h.get_by_label("Recover").click();
    let _ = h.run_ok();
    assert_eq!(h.state().document().root(), &card());
    assert!(h.state().document().dirty(), "recovered work is unsaved");
    assert_eq!(h.state().project_name(), "Lost work");
}

#[test]
fn no_recovery_on_a_clean_start() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    assert!(!h.state().recovery_offered());
}

#[test]
fn command_palette_runs_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    let _ = h.run_ok();
    h.get_by_label("Command:").type_text("togg");
    let _ = h.run_ok();
    let before = h.state().settings().theme;
    h.get_by_label_contains("Toggle light/dark theme").click();
    let _ = h.run_ok();
    assert_ne!(h.state().settings().theme, before);
}

#[test]
fn in_app_file_dialog_opens_a_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bare-layout.json");
    std::fs::write(&file, card()["layout"].to_string()).unwrap();
    let mut h = harness(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    let _ = h.run_ok();
    h.get_by_label("File path:").focus();
    let _ = h.run_ok();
    h.get_by_label("File path:").type_text(&file.display().to_string());
    let _ = h.run_ok();
    h.get_by_label("Open file").click();
    let _ = h.run_ok();
    assert_eq!(h.state().document().root(), &card());
    assert_eq!(h.state().project_path(), Some(file.as_path()));
}

#[test]
fn palette_text_block_shows_in_tree_preview_and_json_then_inspector_edits_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_card(&mut h);
    h.state_mut().select(Some(layout_ptr!("/body/blocks/second").into()));
    let _ = h.run_ok();
    let texts_before = h.query_all_by_label("Text").count();
    // The palette is drawn first: its "Text" button is the first node with that name.
    h.get_all_by_label("Text").next().unwrap().click();
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "second", "text"]);
    assert_eq!(h.state().selection(), Some(layout_ptr!("/body/blocks/text")));
    assert!(h.query_by_label("text").is_some(), "the tree shows the new key");
    assert_eq!(h.query_all_by_label("Text").count(), texts_before + 1, "the preview draws the new block");
    let json_text = h.get_by_label("JSON text").value().unwrap_or_default();
    assert!(json_text.contains(r#""text": {"#), "the JSON pane shows it: {json_text}");

    h.get_by_label("Value").focus();
    let _ = h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Value").type_text("Fresh value");
    let _ = h.run_ok();
    assert_eq!(
        h.state().document().root().pointer(layout_ptr!("/body/blocks/text/properties/value")),
        Some(&json!("Fresh value"))
    );
    assert!(h.query_all_by_label("Fresh value").next().is_some(), "the preview follows the inspector");
    // Typing was one undo step; the add is the one before.
    h.state_mut().command(CommandId::Undo);
    let _ = h.run_ok();
    assert_eq!(
        h.state().document().root().pointer(layout_ptr!("/body/blocks/text/properties/value")),
        Some(&json!("Text"))
    );
    h.state_mut().command(CommandId::Undo);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "second"]);
}

#[test]
fn broken_json_edit_shows_the_error_and_keeps_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_card(&mut h);
    let before = h.state().document().root().clone();
    h.get_by_label("JSON text").focus();
    let _ = h.run_ok();
    h.get_by_label("JSON text").type_text("}{,");
    let _ = h.run_ok();
    let status = h.state().json_pane().status().clone();
    let b24_activity_designer::ui::json::pane::TextStatus::Error { line, column, message } = status else {
        panic!("expected a parse error, got {status:?}")
    };
    assert!(h.query_by_label(&format!("{line}:{column}: {message}")).is_some(), "the error is shown");
    if let Some(apply) = h.query_by_label("Apply") {
        apply.click();
        let _ = h.run_ok();
    }
    assert_eq!(h.state().document().root(), &before);
    assert!(!h.state().document().dirty());
}

#[test]
fn clicking_a_diagnostic_selects_its_node() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let mut doc = card();
    doc["layout"]["body"]["blocks"]["go"] =
        json!({"type": "link", "properties": {"text": "Open", "action": {"type": "redirect"}}});
    h.state_mut().load_project(ProjectData::new("Broken", doc.clone()), None);
    let _ = h.run_ok();
    let d = h.state().diagnostics().iter().find(|d| d.is_error() && d.path.starts_with("/body/blocks/go")).cloned();
    let d = d.unwrap_or_else(|| panic!("the missing uri is an error: {:?}", h.state().diagnostics()));
    h.get_by_label_contains("Diagnostics (").click();
    let _ = h.run_ok();
    h.get_all_by_label_contains(d.code.as_str()).next().unwrap().click();
    let _ = h.run_ok();
    let want = b24_activity_designer::ui::diagnostics_panel::select_target(&doc, &d);
    assert_eq!(h.state().selection(), Some(want.as_str()));
    assert!(want.starts_with(layout_ptr!("/body/blocks/go")), "{want}");
}

#[test]
fn quit_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_dirty_card(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    let _ = h.run_ok();
    assert_eq!(h.state().pending_guard(), Some(&Pending::Quit));
    assert!(!h.state().quitting());
    h.get_by_label("Discard").click();
    let _ = h.run_ok();
    assert!(h.state().quitting());
}

/// Runs frames with a plain context until the app settles; returns the last repaint delay.
fn settle(ctx: &egui::Context, app: &mut DesignerApp) -> std::time::Duration {
    let input = |i: usize| egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(1400.0, 900.0))),
        time: Some(i as f64 * 0.5),
        ..Default::default()
    };
    let mut delay = std::time::Duration::ZERO;
    for i in 0..10 {
        let mut out = ctx.run_ui(input(i), |ui| app.ui_root(ui));
        out.textures_delta.clear();
        delay = out.viewport_output[&egui::ViewportId::ROOT].repaint_delay;
        if delay > std::time::Duration::from_secs(1) {
            break;
        }
    }
    delay
}

#[test]
fn idle_app_does_not_repaint_and_a_dirty_one_only_wakes_for_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = DesignerApp::new_headless(AppEnv::in_dir(dir.path()));
    let ctx = egui::Context::default();
    app.load_project(ProjectData::new("Card", card()), None);
    assert_eq!(settle(&ctx, &mut app), std::time::Duration::MAX, "idle: no repaint scheduled");
    app.push_action(UiAction::edit(
        "delete block",
        EditCommand::Remove { path: layout_ptr!("/body/blocks/first").into() },
    ));
    let delay = settle(&ctx, &mut app);
    assert!(delay <= std::time::Duration::from_secs(5) && delay > std::time::Duration::from_secs(1), "{delay:?}");
}

#[test]
fn paste_with_the_tree_focused_happens_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_card(&mut h);
    h.get_by_label("first").click();
    let _ = h.run_ok();
    assert_eq!(h.state().selection(), Some(layout_ptr!("/body/blocks/first")));
    h.event(egui::Event::Paste(r#"{"pasted": {"type": "text", "properties": {"value": "P"}}}"#.into()));
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "pasted", "second"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "second"], "one paste, one undo step");
}

#[test]
fn strict_switch_turns_newer_portal_features_into_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let mut doc = card();
    doc["layout"]["footer"] = json!({"showNote": true});
    h.state_mut().load_project(ProjectData::new("Newer", doc), None);
    let _ = h.run_ok();
    let errors = |h: &Harness<'static, DesignerApp>| h.state().diagnostics().iter().filter(|d| d.is_error()).count();
    assert_eq!(errors(&h), 0, "{:?}", h.state().diagnostics());
    h.state_mut().command(CommandId::ToggleStrict);
    let _ = h.run_ok();
    assert!(errors(&h) > 0, "strict: showNote is an error");
}

#[test]
fn payload_tab_shows_the_projects_send_target() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let mut data = ProjectData::new("Targeted", card());
    data.target = Some(b24_activity_designer::project::SendTarget {
        profile: Some("Sandbox".into()),
        owner_type_id: 3,
        owner_id: 42,
        activity_id: Some(9),
    });
    h.state_mut().load_project(data, None);
    let _ = h.run_ok();
    h.get_by_label("REST payload").click();
    let _ = h.run_ok();
    let text = h.get_by_label("JSON text").value().unwrap_or_default();
    assert!(text.contains(r#""ownerTypeId": 3"#) && text.contains(r#""ownerId": 42"#), "{text}");
}

/// A file dropped from the desktop, as the windowing integration hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_file_on_the_window_opens_it_behind_the_guard() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dropped.json");
    let mut dropped = card();
    dropped["layout"]["header"]["title"] = json!("Dropped");
    std::fs::write(&file, dropped["layout"].to_string()).unwrap();
    let drop = |h: &mut Harness<'static, DesignerApp>| {
        h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(file.clone())));
        let _ = h.run_ok();
    };
    let mut h = harness(dir.path());
    with_dirty_card(&mut h);
    drop(&mut h);
    assert_eq!(h.state().pending_guard(), Some(&Pending::Open(Some(file.clone()))), "unsaved work is guarded");
    h.get_by_label("Cancel").click();
    let _ = h.run_ok();
    assert_eq!(h.state().document().root()["layout"]["header"]["title"], json!("Call"), "cancel keeps the work");
    drop(&mut h);
    h.get_by_label("Discard").click();
    let _ = h.run_ok();
    assert_eq!(h.state().document().root()["layout"]["header"]["title"], json!("Dropped"));
    assert_eq!(h.state().project_path(), Some(file.as_path()));
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_dirty_card(&mut h);
    h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    let _ = h.run_ok();
    assert_eq!(h.state().pending_guard(), Some(&Pending::Quit), "the close is held for the guard");
    assert!(!h.state().quitting());
    h.get_by_label("Discard").click();
    let _ = h.run_ok();
    assert!(h.state().quitting());
}

fn fast_autosave(mut env: AppEnv) -> AppEnv {
    env.autosave_every = std::time::Duration::ZERO;
    env
}

/// Not a test of its own: the window that crashes, run as a child process by the test below.
/// It makes an unsaved edit, waits for the autosave, then aborts as a crash would.
#[test]
#[ignore = "run as a child process by two_windows_keep_their_own_autosave_and_a_crashed_ones_work_is_offered"]
fn crashing_window_child() {
    let Some(dir) = std::env::var_os("B24AD_CRASH_DIR") else { return };
    let env = fast_autosave(AppEnv::in_dir(std::path::PathBuf::from(dir)));
    let file = env.autosave_path();
    let mut h = harness_with(env);
    with_card(&mut h);
    h.state_mut().push_action(UiAction::edit(
        "delete block",
        EditCommand::Remove { path: layout_ptr!("/body/blocks/second").into() },
    ));
    for _ in 0..20 {
        let _ = h.run_ok();
        if file.exists() {
            std::process::abort();
        }
    }
    panic!("no autosave written");
}

#[test]
fn two_windows_keep_their_own_autosave_and_a_crashed_ones_work_is_offered() {
    use eframe::App as _;
    let dir = tempfile::tempdir().unwrap();
    // Window A has unsaved work, autosaved to its own file.
    let env_a = fast_autosave(AppEnv::in_dir(dir.path()));
    let (a_file, a_lock) = (env_a.autosave_path(), env_a.lock_path());
    let mut a = harness_with(env_a);
    with_dirty_card(&mut a);
    let _ = a.run_ok();
    assert!(a_file.exists(), "A autosaved");
    // Window B starts beside it: A is alive, so nothing is offered; B's clean exit leaves A's work.
    let mut b = harness_with(fast_autosave(AppEnv::in_dir(dir.path())));
    assert!(!b.state().recovery_offered(), "a live window's work is not a crash leftover");
    b.state_mut().on_exit(None);
    assert!(a_file.exists() && a_lock.exists(), "B's exit does not touch A's files");
    // A third window, in another process, crashes with unsaved work.
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "crashing_window_child", "--nocapture", "--test-threads=1"])
        .env("B24AD_CRASH_DIR", dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the child crashed");
    // The next start offers the crashed window's work, and only that: A still runs.
    let mut c = harness_with(AppEnv::in_dir(dir.path()));
    assert!(c.state().recovery_offered());
    c.get_by_label("Recover").click();
    let _ = c.run_ok();
    assert_eq!(blocks(&c), ["first"], "the crashed window's unsaved edit (second block deleted) is back");
    assert!(a_file.exists() && a_lock.exists(), "A's work is untouched");
    assert!(!c.state().recovery_offered(), "nothing else was left");
}

/// The status bar's two counts, as their buttons are labelled (" 1 error", " 2 warnings").
fn count_labels(h: &Harness<'static, DesignerApp>) -> (String, String) {
    let e = h.state().diagnostics().iter().filter(|d| d.is_error()).count();
    let w = h.state().diagnostics().len() - e;
    let plural = |n: usize, one: &str| if n == 1 { format!(" {n} {one}") } else { format!(" {n} {one}s") };
    (plural(e, "error"), plural(w, "warning"))
}

#[test]
fn clicking_the_error_count_keeps_the_warning_count_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_card(&mut h);
    let (errors, warnings) = count_labels(&h);
    assert!(h.query_by_label_contains(&warnings).is_some(), "{warnings:?} shown before the click");
    h.get_by_label_contains(&errors).click();
    // Only the frames of the click: the one that handles it must still draw both counts.
    h.step();
    assert!(h.query_by_label_contains(&warnings).is_some(), "{warnings:?} drawn in the frame of the click");
    let _ = h.run_ok();
    assert!(h.query_by_label_contains(&warnings).is_some());
}

#[test]
fn json_pane_findings_follow_the_strict_switch_like_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let mut doc = card();
    doc["layout"]["footer"] = json!({"showNote": true});
    h.state_mut().load_project(ProjectData::new("Newer", doc.clone()), None);
    let _ = h.run_ok();
    h.state_mut().command(CommandId::ToggleStrict);
    let _ = h.run_ok();
    assert!(h.state().diagnostics().iter().any(|d| d.is_error()), "strict: showNote is an error");
    // The same layout, typed into the pane: the pane's findings are the Diagnostics' findings.
    h.get_by_label("JSON text").focus();
    let _ = h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("JSON text").type_text(&serde_json::to_string_pretty(&doc["layout"]).unwrap());
    let _ = h.run_ok();
    let status = h.state().json_pane().status().clone();
    let b24_activity_designer::ui::json::pane::TextStatus::Parsed(found) = status else {
        panic!("expected the edit to parse, got {status:?}")
    };
    let layout_findings: Vec<_> =
        h.state().diagnostics().iter().filter(|d| !d.doc_path().starts_with("/fields")).cloned().collect();
    assert_eq!(found, layout_findings, "the pane validates the layout as Diagnostics does");
    // Switching back re-checks the edit.
    h.state_mut().command(CommandId::ToggleStrict);
    let _ = h.run_ok();
    let b24_activity_designer::ui::json::pane::TextStatus::Parsed(found) = h.state().json_pane().status().clone()
    else {
        panic!("still parsed")
    };
    assert!(!found.iter().any(|d| d.is_error()), "{found:?}");
}

#[test]
fn app_paste_is_labelled_like_the_trees() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    with_card(&mut h);
    h.state_mut().select(Some("/layout/body/blocks/first".into()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    let _ = h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::V);
    let _ = h.run_ok();
    assert_eq!(blocks(&h), ["first", "first-2", "second"]);
    assert_eq!(h.state().document().undo_label(), Some("paste block"));
    assert_eq!(h.state().selection(), Some("/layout/body/blocks/first-2"));
}
