//! Portal client against the sandbox portal over real HTTP on loopback: OAuth, refresh and
//! rotation, sign-in-again, the send flow, server error codes with paths, backoff, unknown
//! outcomes without duplicates, no secrets on disk, keyring stores, and the CLI.

use b24_activity_designer::portal::builtin::approve_headless;
use b24_activity_designer::portal::oauth::{self, LoopbackListener, Tokens};
use b24_activity_designer::portal::send::{self, SendJob, SendOutcome};
use b24_activity_designer::portal::{
    AppDirs, AuthState, ClientConfig, DiffKind, ErrorKind, PortalClient, Profile, ProfileStore, connect, runtime,
};
use b24_activity_designer::sandbox::{SandboxConfig, SandboxHandle, spawn_in_thread};
use b24_activity_designer::secrets::{KeyringStore, SecretKind, SecretStore, SharedSecretStore};
use serde_json::{Value, json};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

mod common;
#[path = "portal_http/ui_cli.rs"]
mod ui_cli;

const NAME: &str = "test-portal";

/// Points the app's config/data/cache dirs at one temp root for the whole test process.
fn test_dirs() -> &'static Path {
    static ROOT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let t = tempfile::tempdir().unwrap();
        // SAFETY: set once, before any code of this process reads them (AppDirs::resolve).
        #[expect(unsafe_code, reason = "env vars set before any other thread starts")]
        unsafe {
            std::env::set_var("B24AD_CONFIG_DIR", t.path().join("cfg"));
            std::env::set_var("B24AD_DATA_DIR", t.path().join("data"));
            std::env::set_var("B24AD_CACHE_DIR", t.path().join("cache"));
        }
        t
    })
    .path()
}

fn sandbox() -> SandboxHandle {
    spawn_in_thread(SandboxConfig::default()).expect("sandbox starts")
}

fn fast() -> ClientConfig {
    ClientConfig { retry_base: Duration::from_millis(10), timeout: Duration::from_secs(10), ..Default::default() }
}

fn profile(sb: &SandboxHandle) -> Profile {
    let mut p = Profile::new(NAME, &sb.base_url(), sb.client_id());
    p.token_endpoint = sb.token_endpoint();
    p
}

/// A client whose secrets live in a fresh keyring-core mock store.
fn client(sb: &SandboxHandle, cfg: ClientConfig) -> (PortalClient, SharedSecretStore) {
    let store: SharedSecretStore = Arc::new(KeyringStore::mock());
    store.set(NAME, SecretKind::ClientSecret, sb.client_secret()).unwrap();
    (PortalClient::new(profile(sb), store.clone(), cfg).unwrap(), store)
}

fn signed_in(sb: &SandboxHandle, cfg: ClientConfig) -> (PortalClient, SharedSecretStore) {
    let (c, s) = client(sb, cfg);
    runtime().block_on(approve_headless(&c)).expect("headless sign-in");
    (c, s)
}

fn stored_tokens(s: &SharedSecretStore) -> Tokens {
    serde_json::from_str(&s.get(NAME, SecretKind::Tokens).unwrap().expect("tokens stored")).unwrap()
}

fn layout(text: &str) -> Value {
    json!({
        "icon": {"code": "info"},
        "header": {"title": "Designer test"},
        "body": {
            "logo": {"code": "document", "action": {"type": "restEvent", "id": "open", "actionParams": {"n": 5, "flag": true}}},
            "blocks": {"b1": {"type": "text", "properties": {"value": text}}}
        }
    })
}

fn job(text: &str) -> SendJob {
    SendJob { owner_type_id: 2, owner_id: 1, fields: json!({}), layout: layout(text), catalog: None }
}

#[test]
fn oauth_exchange_through_the_loopback_listener() {
    let sb = sandbox();
    let (c, store) = client(&sb, fast());
    let listener = LoopbackListener::bind(0).unwrap();
    sb.set_redirect_uri(&listener.redirect_uri());
    let state = oauth::random_state();
    let url = oauth::authorize_url(&c.profile().portal_url, &c.profile().client_id, &state).unwrap();
    let rt = runtime();
    let st = state.clone();
    let waiting = rt.spawn(async move { listener.wait_for_code(&st, Duration::from_secs(10)).await });
    // The "browser": approve, follow the redirect to the listener, read its page.
    let page = rt.block_on(async {
        let r = reqwest::get(format!("{url}&approve=1")).await.unwrap();
        assert_eq!(r.status(), 200);
        r.text().await.unwrap()
    });
    assert!(page.contains("Signed in"), "{page}");
    let code = rt.block_on(waiting).unwrap().expect("code received");
    assert_eq!(code.member_id.as_deref(), Some(sb.member_id()));
    let signed = rt.block_on(c.sign_in_with_code(&code)).unwrap();
    assert_eq!(signed.member_id.as_deref(), Some(sb.member_id()));
    assert_eq!(c.auth_state(), AuthState::SignedIn);
    assert!(!stored_tokens(&store).access_token.is_empty());
    // A code is one-time: reusing it fails with the OAuth server's error, not a panic.
    let again = rt.block_on(c.sign_in_with_code(&code)).unwrap_err();
    assert_eq!(again.code, "invalid_grant");
    // A redirect carrying another state is refused.
    let l2 = LoopbackListener::bind(0).unwrap();
    let uri = l2.redirect_uri();
    let w2 = rt.spawn(async move { l2.wait_for_code("expected", Duration::from_secs(5)).await });
    rt.block_on(async { reqwest::get(format!("{uri}?code=x&state=forged")).await.unwrap() });
    assert_eq!(rt.block_on(w2).unwrap().unwrap_err().code, "STATE_MISMATCH");
    // Through the UI's handle: a cancelled wait answers at once and frees the port.
    let mut h = b24_activity_designer::portal::PortalHandle::new(c, Arc::new(|| {}));
    let l3 = LoopbackListener::bind(0).unwrap();
    let port = l3.port();
    let cancel = Arc::new(tokio::sync::Notify::new());
    let id = h.send(b24_activity_designer::portal::Request::AwaitRedirect {
        listener: l3,
        state: "s".into(),
        timeout: Duration::from_secs(60),
        cancel: cancel.clone(),
    });
    cancel.notify_one();
    let r = h.wait(id, Duration::from_secs(5)).expect("answer");
    assert_eq!(r.result.unwrap_err().code, "SIGN_IN_CANCELLED");
    assert!(LoopbackListener::bind(port).is_ok(), "port freed");
}

#[test]
fn refresh_on_expired_token_rotates_and_writes_back() {
    let sb = sandbox();
    let (c, store) = signed_in(&sb, fast());
    let before = stored_tokens(&store);
    sb.faults().expire_all_tokens();
    let r = runtime().block_on(c.call("profile", json!({}), b24_activity_designer::portal::CallKind::Read)).unwrap();
    assert!(r.result.get("ID").is_some(), "{:?}", r.result);
    let after = stored_tokens(&store);
    assert_ne!(before.refresh_token, after.refresh_token, "rotated refresh token written back");
    assert_ne!(before.access_token, after.access_token);
    let methods: Vec<String> = c.log().entries().iter().map(|e| e.method.clone()).collect();
    assert!(methods.iter().any(|m| m.contains("refresh_token")), "{methods:?}");
    // The old refresh token is dead now (rotation), so it cannot be replayed.
    let (c2, store2) = client(&sb, fast());
    store2.set(NAME, SecretKind::Tokens, &serde_json::to_string(&Tokens { expires_at: 0, ..before }).unwrap()).unwrap();
    let e =
        runtime().block_on(c2.call("profile", json!({}), b24_activity_designer::portal::CallKind::Read)).unwrap_err();
    assert!(e.is_sign_in_again(), "{e}");
}

#[test]
fn refresh_before_expiry() {
    let sb = spawn_in_thread(SandboxConfig { access_ttl: Duration::from_secs(30), ..Default::default() }).unwrap();
    let (c, store) = signed_in(&sb, fast()); // refresh margin 60 s > 30 s lifetime
    let before = stored_tokens(&store);
    runtime().block_on(c.call("profile", json!({}), b24_activity_designer::portal::CallKind::Read)).unwrap();
    assert_ne!(stored_tokens(&store).refresh_token, before.refresh_token);
    assert!(c.log().entries().iter().all(|e| e.error.as_deref() != Some("expired_token")));
}

#[test]
fn invalid_grant_means_sign_in_again() {
    let sb = sandbox();
    let (_, store) = signed_in(&sb, fast());
    let mut t = stored_tokens(&store);
    t.refresh_token = "not-a-real-refresh-token".into();
    t.expires_at = 0;
    store.set(NAME, SecretKind::Tokens, &serde_json::to_string(&t).unwrap()).unwrap();
    let c = PortalClient::new(profile(&sb), store.clone(), fast()).unwrap();
    let e = runtime().block_on(send::add(&c, &job("x"))).unwrap_err();
    assert_eq!((e.kind, e.code.as_str()), (ErrorKind::SignInAgain, "invalid_grant"));
    assert!(matches!(c.auth_state(), AuthState::SignInAgain(_)));
    assert_eq!(store.get(NAME, SecretKind::Tokens).unwrap(), None, "dead tokens dropped");
    assert_eq!(store.get(NAME, SecretKind::ClientSecret).unwrap().as_deref(), Some(sb.client_secret()));
    assert!(sb.activities().is_empty());
}

#[test]
fn send_read_back_diff_update_delete() {
    let sb = sandbox();
    let (c, _) = signed_in(&sb, fast());
    let rt = runtime();
    let (info, catalog) = rt.block_on(connect::connect(&c)).unwrap();
    assert!(info.owner_types.iter().any(|t| t.id == 2));
    assert!(catalog.icons.as_ref().is_some_and(|i| i.contains("info")));
    let mut j = job("Hello");
    j.catalog = Some(catalog);
    let SendOutcome::Done { activity_id, sent } = rt.block_on(send::add(&c, &j)).unwrap() else { panic!("unknown") };
    assert!(sent.origin_id.starts_with("b24ad-"));
    assert_eq!(sb.activities().len(), 1);
    let rb = rt.block_on(send::read_back(&c, activity_id, Some(&sent))).unwrap();
    assert!(rb.diff.iter().all(|d| d.kind != DiffKind::Changed && d.kind != DiffKind::Missing), "{:?}", rb.diff);
    let n = rb.diff.iter().find(|d| d.path == "/layout/body/logo/action/actionParams/n").expect("stringified param");
    assert_eq!((n.kind, n.stored.clone()), (DiffKind::Expected, Some(json!("5"))));
    // Update in place, then the read-back shows the new text.
    let j2 = SendJob { fields: sent.fields.clone(), ..job("Changed") };
    let SendOutcome::Done { activity_id: same, sent: sent2 } = rt.block_on(send::update(&c, activity_id, &j2)).unwrap()
    else {
        panic!("unknown")
    };
    assert_eq!(same, activity_id);
    let rb2 = rt.block_on(send::read_back(&c, activity_id, Some(&sent2))).unwrap();
    assert_eq!(rb2.stored.pointer("/layout/body/blocks/b1/properties/value"), Some(&json!("Changed")));
    // A diff against the first send shows the real change.
    let rb3 = rt.block_on(send::read_back(&c, activity_id, Some(&sent))).unwrap();
    assert!(
        rb3.diff.iter().any(|d| d.path == "/layout/body/blocks/b1/properties/value" && d.kind == DiffKind::Changed)
    );
    rt.block_on(send::delete(&c, activity_id)).unwrap();
    assert!(sb.activities().is_empty());
    let gone = rt.block_on(send::read_back(&c, activity_id, None)).unwrap_err();
    assert_eq!(gone.code, "NOT_FOUND");
}

#[test]
fn portal_layout_errors_reach_the_caller_with_code_and_path() {
    let sb = sandbox();
    let (c, _) = signed_in(&sb, fast());
    let cases = [
        (
            json!({"icon": {"code": "no-such-icon"}, "header": {"title": "t"}, "body": layout("x")["body"].clone()}),
            "ENUM_FIELD",
            "/layout/icon/code",
        ),
        (json!({"icon": {"code": "info"}, "body": layout("x")["body"].clone()}), "FIELD_IS_REQUIRED", "/layout/header"),
        (
            json!({"icon": {"code": "info"}, "header": {"title": "t", "tags": {"bad key": {"title": "a", "type": "success"}}}, "body": layout("x")["body"].clone()}),
            "KEY_CONTAIN_WRONG_SYMBOLS",
            "/layout/header/tags",
        ),
        (
            json!({"icon": {"code": "info"}, "header": {"title": "t", "tags": {"a": {"title": "a", "type": "lavender"}}}, "body": layout("x")["body"].clone()}),
            "ENUM_FIELD",
            "/layout/header/tags/a/type",
        ),
    ];
    let body = layout("x")["body"].clone();
    let three_tags = json!({"a": {"title": "a", "type": "success"}, "b": {"title": "b", "type": "success"}, "c": {"title": "c", "type": "success"}});
    let more = [
        (
            json!({"icon": {"code": "info"}, "header": {"title": "t", "tags": three_tags}, "body": body.clone()}),
            "TOO_MANY_ITEMS",
            "/layout/header/tags",
        ),
        (
            json!({"icon": {"code": "info", "color": "red"}, "header": {"title": "t"}, "body": body.clone()}),
            "FIELD_IS_REDUNDANT",
            "/layout/icon/color",
        ),
        (
            json!({"icon": {"code": "info"}, "header": {"title": "t"}, "body": {"logo": {"code": "document"}, "blocks": {"l": {"type": "link", "properties": {"text": "go", "action": {"type": "redirect"}}}}}}),
            "FIELD_IS_REQUIRED",
            "/layout/body/blocks/l/properties/action/uri",
        ),
    ];
    for (l, code, path) in cases.into_iter().chain(more) {
        let j = SendJob { layout: l, ..job("x") };
        let e = runtime().block_on(send::add_unchecked(&c, &j)).unwrap_err();
        assert_eq!(e.code, code, "{e}");
        assert_eq!(e.status, Some(400));
        assert!(e.path.as_deref().is_some_and(|p| p.starts_with(path)), "{code}: {e}");
    }
    let j = SendJob { layout: json!({}), ..job("x") };
    assert_eq!(runtime().block_on(send::add_unchecked(&c, &j)).unwrap_err().code, "ERROR_EMPTY_LAYOUT");
    let j = SendJob { fields: json!({"completed": "maybe"}), ..job("x") };
    let e = runtime().block_on(send::add_unchecked(&c, &j)).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_deref()), ("WRONG_FIELD_VALUE", Some("/fields/completed")));
    let j = SendJob { fields: json!({"isIncomingChannel": "Y", "deadline": "2030-01-01T10:00:00+03:00"}), ..job("x") };
    let e = runtime().block_on(send::add_unchecked(&c, &j)).unwrap_err();
    assert_eq!(e.code, "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE");
    // The local check refuses the same layouts before any call.
    let calls = c.log().len();
    let e =
        runtime().block_on(send::add(&c, &SendJob { fields: json!({"completed": "maybe"}), ..job("x") })).unwrap_err();
    assert_eq!((e.kind, e.path.as_deref()), (ErrorKind::Local, Some("/fields/completed")));
    assert_eq!(c.log().len(), calls, "refused before any call");
    assert!(sb.activities().is_empty());
}

#[test]
fn rate_limit_backs_off_and_succeeds_but_writes_are_not_retried_when_they_may_have_run() {
    let sb = sandbox();
    let (c, _) = signed_in(&sb, fast());
    let rt = runtime();
    sb.faults().rate_limit_next(2);
    let items = rt.block_on(b24_activity_designer::portal::items::search(&c, 2, "")).unwrap();
    assert!(!items.is_empty());
    let tries: Vec<_> = c.log().entries().into_iter().filter(|e| e.method == "crm.item.list").collect();
    assert_eq!(tries.len(), 3);
    assert_eq!(tries[0].status, Some(503));
    assert_eq!(tries[0].error.as_deref(), Some("QUERY_LIMIT_EXCEEDED"));
    assert_eq!(tries[2].status, Some(200));
    // 5xx on a read is retried too.
    sb.faults().fail_next(1, 500);
    rt.block_on(b24_activity_designer::portal::items::search(&c, 2, "")).unwrap();
    // A write that may have run (5xx) gets one try only. (A rate-limited write certainly did
    // not run, so issue 13 item 10 retries it: see tests/client_hardening.rs.)
    sb.faults().fail_next(1, 500);
    let out = rt.block_on(send::add(&c, &job("x"))).unwrap();
    let SendOutcome::Unknown { error: e, .. } = out else { panic!("expected an unknown outcome") };
    assert_eq!((e.kind, e.code.as_str()), (ErrorKind::OutcomeUnknown, "INTERNAL_SERVER_ERROR"));
    assert_eq!(c.log().entries().iter().filter(|e| e.method == "crm.activity.configurable.add").count(), 1);
    assert!(sb.activities().is_empty());
    // Bounded: a read gives up after max_tries.
    sb.faults().rate_limit_next(10);
    let e = rt.block_on(c.call("profile", json!({}), b24_activity_designer::portal::CallKind::Read)).unwrap_err();
    assert_eq!(e.code, "QUERY_LIMIT_EXCEEDED");
    sb.faults().clear();
}

#[test]
fn timeout_on_send_is_unknown_and_check_finds_exactly_one() {
    let sb = sandbox();
    let (c, _) = signed_in(&sb, ClientConfig { timeout: Duration::from_millis(700), ..fast() });
    let rt = runtime();
    sb.faults().delay_method("crm.activity.configurable.add", Duration::from_secs(2));
    let out = rt.block_on(send::add(&c, &job("slow"))).unwrap();
    let SendOutcome::Unknown { error, sent } = out else { panic!("expected an unknown outcome") };
    assert_eq!(error.kind, ErrorKind::OutcomeUnknown);
    assert_eq!(
        c.log().entries().iter().filter(|e| e.method == "crm.activity.configurable.add").count(),
        1,
        "not retried"
    );
    sb.faults().clear();
    std::thread::sleep(Duration::from_millis(1500)); // let the server finish the slow call
    let ids = rt.block_on(send::check(&c, &sent.origin_id)).unwrap();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(sb.activities().len(), 1, "no duplicate");
    // A dropped connection after the method ran is unknown as well.
    sb.faults().drop_next(1);
    let SendOutcome::Unknown { sent: s2, .. } = rt.block_on(send::add(&c, &job("dropped"))).unwrap() else {
        panic!("expected unknown")
    };
    assert_eq!(rt.block_on(send::check(&c, &s2.origin_id)).unwrap().len(), 1);
    assert_eq!(sb.activities().len(), 2);
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { files_under(&p, out) } else { out.push(p) }
    }
}

#[test]
fn no_secret_on_disk_after_a_full_session() {
    let root = test_dirs();
    let dirs = AppDirs::resolve();
    assert_eq!(dirs.config, root.join("cfg"));
    let sb = sandbox();
    ProfileStore::new(&dirs).upsert(None, profile(&sb)).unwrap();
    let (c, store) = signed_in(&sb, fast());
    let rt = runtime();
    let (info, cat) = rt.block_on(connect::connect(&c)).unwrap();
    connect::save_cache(&dirs, &c.profile(), &info, &cat).unwrap();
    sb.faults().expire_all_tokens();
    let SendOutcome::Done { activity_id, .. } = rt.block_on(send::add(&c, &job("s"))).unwrap() else { panic!() };
    let project = root.join("card.b24ad.json");
    std::fs::write(&project, serde_json::to_string_pretty(&json!({"layout": layout("s"), "lastTarget": {"profile": NAME, "ownerTypeId": 2, "ownerId": 1, "activityId": activity_id}})).unwrap()).unwrap();
    let t = stored_tokens(&store);
    let secrets = [t.access_token.as_str(), t.refresh_token.as_str(), sb.client_secret()];
    let mut files = Vec::new();
    files_under(root, &mut files);
    assert!(files.len() >= 3, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for s in secrets {
            assert!(!text.contains(s), "a secret is in {}", f.display());
        }
    }
    // The request log is redacted too.
    let log = format!("{:?}", c.log().entries());
    for s in secrets {
        assert!(!log.contains(s), "a secret is in the request log");
    }
}

#[test]
fn moved_portal_302_is_re_posted_not_turned_into_get() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let sb = sandbox();
    let (_, store) = signed_in(&sb, fast());
    let rt = runtime();
    // The "old address": answers every REST call with 302 to the sandbox.
    let hits = Arc::new(AtomicUsize::new(0));
    let (h2, target) = (hits.clone(), sb.client_endpoint());
    let app = axum::Router::new().route(
        "/rest/{method}",
        axum::routing::any(move |axum::extract::Path(m): axum::extract::Path<String>| {
            let (h, t) = (h2.clone(), target.clone());
            async move {
                h.fetch_add(1, Ordering::SeqCst);
                (axum::http::StatusCode::FOUND, [(axum::http::header::LOCATION, format!("{t}{m}"))])
            }
        }),
    );
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let old = format!("http://{}/rest/", listener.local_addr().unwrap());
    rt.spawn(async move { axum::serve(listener, app).await });
    let mut t = stored_tokens(&store);
    t.client_endpoint = Some(old);
    store.set(NAME, SecretKind::Tokens, &serde_json::to_string(&t).unwrap()).unwrap();
    let c = PortalClient::new(profile(&sb), store.clone(), fast()).unwrap();
    // A POST with a JSON body: after the 302 it must still be a POST with the same body.
    let SendOutcome::Done { activity_id, .. } = rt.block_on(send::add(&c, &job("moved"))).unwrap() else { panic!() };
    assert!(activity_id > 0);
    assert_eq!(sb.activities().len(), 1);
    // Later calls go to the new address directly.
    rt.block_on(c.call("profile", json!({}), b24_activity_designer::portal::CallKind::Read)).unwrap();
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}
