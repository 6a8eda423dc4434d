//! Command line, the portal panel (egui_kittest) and the real Secret Service, against the sandbox.

use super::*;

#[test]
fn real_secret_service_round_trip() {
    // CI (CI=true, and B24AD_REAL_KEYRING_TEST=1 inside dbus-run-session with gnome-keyring):
    // a missing service is a failure, not a skip.
    let required = std::env::var("B24AD_REAL_KEYRING_TEST").is_ok_and(|v| v == "1");
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        assert!(!required, "B24AD_REAL_KEYRING_TEST=1 but no D-Bus session");
        crate::common::require::missing("DBUS_SESSION_BUS_ADDRESS is not set (no session bus, so no Secret Service)");
        return;
    }
    let store = match KeyringStore::secret_service() {
        Ok(s) => s,
        Err(e) => {
            assert!(!required, "B24AD_REAL_KEYRING_TEST=1 but the Secret Service is not reachable: {e}");
            crate::common::require::missing(&format!("the Secret Service is not reachable: {e}"));
            return;
        }
    };
    let name = format!("b24ad-test-{}", std::process::id());
    store.set(&name, SecretKind::ClientSecret, "cs").unwrap();
    store.set(&name, SecretKind::Tokens, "{\"t\":1}").unwrap();
    assert_eq!(store.get(&name, SecretKind::ClientSecret).unwrap().as_deref(), Some("cs"));
    assert_eq!(store.get(&name, SecretKind::Tokens).unwrap().as_deref(), Some("{\"t\":1}"));
    store.delete_all(&name).unwrap();
    assert_eq!(store.get(&name, SecretKind::ClientSecret).unwrap(), None);
}

#[test]
fn cli_send_sandbox_and_refusal() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good.json");
    std::fs::write(&good, layout("cli").to_string()).unwrap();
    let bin = env!("CARGO_BIN_EXE_b24-activity-designer");
    let out = std::process::Command::new(bin)
        .args(["send", good.to_str().unwrap(), "--sandbox", "--owner", "deal:1", "--format", "json"])
        .env("B24AD_CONFIG_DIR", tmp.path().join("c"))
        .env("B24AD_DATA_DIR", tmp.path().join("d"))
        .env("B24AD_CACHE_DIR", tmp.path().join("k"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    assert!(out.status.success(), "{v} {}", String::from_utf8_lossy(&out.stderr));
    assert!(v["activityId"].as_i64().is_some_and(|i| i > 0), "{v}");
    // A project made from a starter template, and a pasted REST payload, send as well.
    let proj = tmp.path().join("call.b24ad.json");
    let made = std::process::Command::new(bin)
        .args(["new", "--template", "incoming-call", "-o", proj.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let payload = tmp.path().join("payload.json");
    std::fs::write(&payload, json!({"ownerTypeId": 2, "ownerId": 1, "fields": {}, "layout": layout("p")}).to_string())
        .unwrap();
    for f in [&proj, &payload] {
        let out = std::process::Command::new(bin)
            .args(["send", f.to_str().unwrap(), "--sandbox", "--owner", "2:1", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}: {}", f.display(), String::from_utf8_lossy(&out.stderr));
    }
    // Profiles: add, list, remove (config dir from the environment).
    let prof = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .env("B24AD_CONFIG_DIR", tmp.path().join("c"))
            .env("B24AD_DATA_DIR", tmp.path().join("d"))
            .env("B24AD_CACHE_DIR", tmp.path().join("k"))
            .output()
            .unwrap()
    };
    let add = prof(&[
        "profiles",
        "add",
        "--name",
        "acme",
        "--portal",
        "https://acme.bitrix24.com",
        "--client-id",
        "local.1.2",
    ]);
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let plain = prof(&["profiles", "add", "--name", "bad", "--portal", "http://acme.com", "--client-id", "x"]);
    assert_eq!(plain.status.code(), Some(2), "plain http to a remote portal is refused");
    let list = String::from_utf8_lossy(&prof(&["profiles", "list"]).stdout).to_string();
    assert!(list.contains("acme\thttps://acme.bitrix24.com\tclient_id=local.1.2"), "{list}");
    assert!(prof(&["profiles", "remove", "--name", "acme"]).status.success());
    assert!(String::from_utf8_lossy(&prof(&["profiles", "list"]).stdout).contains("No portal profiles"));
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, json!({"fields": {"completed": "maybe"}, "layout": {}}).to_string()).unwrap();
    let out = std::process::Command::new(bin)
        .args(["send", bad.to_str().unwrap(), "--sandbox", "--owner", "2:1", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["outcome"], "refused", "{v}");
    assert!(v["diagnostics"].as_array().is_some_and(|d| !d.is_empty()), "{v}");
}

#[test]
fn panel_sends_to_the_sandbox_through_the_ui() {
    use b24_activity_designer::app::PortalState as PortalPanel;
    use b24_activity_designer::edit::Document;
    use b24_activity_designer::ui::UiAction;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    test_dirs();
    let doc = Document::new(json!({"fields": {}, "layout": layout("from the panel")}));
    let actions = Arc::new(std::sync::Mutex::new(Vec::<UiAction>::new()));
    let acts = actions.clone();
    let mut h = Harness::builder().with_size(egui::vec2(520.0, 1400.0)).build_ui_state(
        move |ui, panel: &mut PortalPanel| {
            // As the app does: draw, then apply the panel's intents after the frame.
            let mut out = Vec::new();
            let intents = panel.draw(ui, &mut out);
            panel.apply(intents, &doc);
            acts.lock().unwrap().extend(out);
        },
        PortalPanel::new(AppDirs::resolve(), Arc::new(|| {})),
    );
    let wait = |h: &mut Harness<PortalPanel>, what: &str, ok: &dyn Fn(&PortalPanel) -> bool| {
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        while !ok(h.state()) {
            let p = h.state();
            let now = std::time::Instant::now();
            assert!(
                now < deadline,
                "timed out waiting for {what}: {} {:?} {:?}",
                p.status_text(),
                p.message(),
                p.last_error()
            );
            h.step();
            std::thread::sleep(Duration::from_millis(10));
        }
        h.step();
    };
    h.state_mut().select("Sandbox");
    wait(&mut h, "sign-in and connect", &|p| p.is_signed_in() && p.catalog().is_some());
    assert!(h.state().status_text().contains("@ 127.0.0.1:"), "{}", h.state().status_text());
    h.get_by_label("Element id").click();
    h.step();
    h.get_by_label("Element id").type_text("1");
    h.step();
    h.get_by_label("Confirm id").click();
    wait(&mut h, "element confirmed", &|p| p.target().is_some_and(|t| t.owner_id == 1));
    h.get_by_label("Send test").click();
    wait(&mut h, "send", &|p| p.last_activity().is_some());
    let id = h.state().last_activity().unwrap();
    let target = h.state_mut().take_last_target().expect("target to remember");
    assert_eq!((target.owner_type_id, target.owner_id, target.activity_id), (2, 1, Some(id)));
    assert_eq!(h.state().sandbox().unwrap().activities().len(), 1);
    h.get_by_label("Read back").click();
    wait(&mut h, "read back", &|p| p.read_back().is_some());
    let rb = h.state().read_back().unwrap();
    assert!(rb.diff.iter().all(|d| d.is_expected()), "{:?}", rb.diff);
    h.get_by_label_contains("Read back: activity");
    h.get_by_label("Delete").click();
    wait(&mut h, "delete", &|p| p.last_activity().is_none());
    assert!(h.state().sandbox().unwrap().activities().is_empty());
    assert!(h.state().last_error().is_none(), "{:?}", h.state().last_error());
    // The answer is lost after the portal stored it: outcome unknown, then "Check" finds it.
    h.state().sandbox().unwrap().faults().drop_next(1);
    h.get_by_label("Send test").click();
    wait(&mut h, "unknown outcome", &|p| p.message().is_none() && !p.is_busy());
    h.get_by_label_contains("Outcome unknown");
    h.get_by_label("Check").click();
    wait(&mut h, "check", &|p| p.last_activity().is_some());
    assert!(h.state().message().unwrap_or("").contains("It was stored"), "{:?}", h.state().message());
    assert_eq!(h.state().sandbox().unwrap().activities().len(), 1, "no duplicate");
    assert!(actions.lock().unwrap().is_empty());
}

#[test]
fn panel_opens_profiles_off_the_ui_thread_and_polls_while_hidden() {
    use b24_activity_designer::app::PortalState as PortalPanel;

    let root = test_dirs();
    let mut panel = PortalPanel::new(AppDirs::resolve(), Arc::new(|| {}));
    let until = |panel: &mut PortalPanel, what: &str, ok: &dyn Fn(&PortalPanel) -> bool| {
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        // Only `poll`, never `ui`: the Send tab is hidden.
        while !ok(panel) {
            assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}: {}", panel.status_text());
            panel.poll();
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    panel.select("Sandbox");
    // `select` returned before the sandbox listens: it starts in the background.
    assert!(panel.sandbox().is_none());
    assert!(panel.is_busy());
    assert_eq!(panel.status_text(), "Sandbox: opening…");
    until(&mut panel, "sign-in and connect", &|p| p.is_signed_in() && p.catalog().is_some());
    assert!(panel.status_text().contains("@ 127.0.0.1:"), "{}", panel.status_text());
    let first_port = panel.sandbox().unwrap().base_url();
    // Choosing again while the first open is still running: only the latest becomes the session.
    panel.select("Sandbox");
    panel.select("Sandbox");
    until(&mut panel, "the latest open", &|p| p.is_signed_in() && !p.is_busy());
    assert_ne!(panel.sandbox().unwrap().base_url(), first_port);
    assert!(panel.last_error().is_none(), "{:?}", panel.last_error());
    // The catalog was cached for offline use by a background job, without a secret in it.
    let cache = root.join("cache").join("portals");
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while std::fs::read_dir(&cache).map(|d| d.count()).unwrap_or(0) == 0 {
        assert!(std::time::Instant::now() < deadline, "no cache file in {}", cache.display());
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn app_send_tab_reads_profiles_from_the_app_directories() {
    use b24_activity_designer::app::{AppEnv, DesignerApp};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    // The environment variables point at another root: the app must hand its own directories on.
    test_dirs();
    let tmp = tempfile::tempdir().unwrap();
    let env = AppEnv::in_dir(tmp.path());
    ProfileStore::new(&env.dirs())
        .upsert(None, Profile::new("acme-in-app-dirs", "https://acme.bitrix24.com", "local.1.2"))
        .unwrap();
    assert!(ProfileStore::new(&AppDirs::resolve()).get("acme-in-app-dirs").unwrap().is_none());
    let app = DesignerApp::new_headless(env);
    let mut h =
        Harness::builder().with_size([1400.0, 900.0]).build_ui_state(|ui, app: &mut DesignerApp| app.ui_root(ui), app);
    h.step();
    h.get_by_label("Send to portal").click();
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while h.query_by_label("Profile").is_none() {
        assert!(std::time::Instant::now() < deadline, "the Send panel never showed");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    // The profiles file is read in the background: open the list once that had time to finish.
    for _ in 0..50 {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    // The dock is short: the list is opened the way a screen reader does, not by a pointer.
    h.get_by_label("Profile").click_accesskit();
    for _ in 0..3 {
        h.step();
    }
    h.get_by_label("acme-in-app-dirs");
}
