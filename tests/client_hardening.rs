//! The REST client and `send` against a dead, slow or lying portal (issue 13, items 8–11):
//! one deadline for a whole send, unreadable 2xx answers, a closed port, rate-limited writes,
//! refused tokens, oversized answers and the hidden client_secret prompt. Real HTTP over
//! loopback: the sandbox with its faults, or a tiny hand-written server for what it cannot say.
#![expect(clippy::disallowed_methods, reason = "the tiny test servers run on throw-away threads")]

use b24_activity_designer::cli::send::{EXIT_CODES, execute};
use b24_activity_designer::portal::builtin::approve_headless;
use b24_activity_designer::portal::send::{self, SendJob, SendOutcome};
use b24_activity_designer::portal::{
    AuthState, CallKind, ClientConfig, ErrorKind, PortalClient, Profile, Tokens, runtime,
};
use b24_activity_designer::sandbox::{SandboxConfig, SandboxHandle, spawn_in_thread};
use b24_activity_designer::secrets::{KeyringStore, SecretKind, SharedSecretStore};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const NAME: &str = "hardening";

fn sandbox() -> SandboxHandle {
    spawn_in_thread(SandboxConfig::default()).expect("sandbox starts")
}

fn fast() -> ClientConfig {
    ClientConfig { retry_base: Duration::from_millis(20), timeout: Duration::from_secs(10), ..Default::default() }
}

fn sandbox_profile(sb: &SandboxHandle) -> Profile {
    let mut p = Profile::new(NAME, &sb.base_url(), sb.client_id());
    p.token_endpoint = sb.token_endpoint();
    p
}

fn signed_in(sb: &SandboxHandle, cfg: ClientConfig) -> (PortalClient, SharedSecretStore) {
    let store: SharedSecretStore = Arc::new(KeyringStore::mock());
    store.set(NAME, SecretKind::ClientSecret, sb.client_secret()).unwrap();
    let c = PortalClient::new(sandbox_profile(sb), store.clone(), cfg).unwrap();
    runtime().block_on(approve_headless(&c)).expect("headless sign-in");
    (c, store)
}

fn stored_tokens(s: &SharedSecretStore) -> Tokens {
    serde_json::from_str(&s.get(NAME, SecretKind::Tokens).unwrap().expect("tokens stored")).unwrap()
}

/// A signed-in client whose REST calls go to `rest_base` and whose refreshes go to
/// `{host}/oauth/token/` of the same server.
fn client_at(rest_base: &str, cfg: ClientConfig) -> PortalClient {
    let store: SharedSecretStore = Arc::new(KeyringStore::mock());
    store.set(NAME, SecretKind::ClientSecret, "cs").unwrap();
    let t = Tokens {
        access_token: "at".into(),
        refresh_token: "rt".into(),
        expires_at: i64::MAX / 2,
        client_endpoint: Some(rest_base.to_string()),
        member_id: None,
        user_id: None,
        scope: None,
    };
    store.set(NAME, SecretKind::Tokens, &serde_json::to_string(&t).unwrap()).unwrap();
    let host = rest_base.trim_end_matches("/rest/");
    let mut p = Profile::new(NAME, host, "local.test");
    p.token_endpoint = format!("{host}/oauth/token/");
    PortalClient::new(p, store, cfg).unwrap()
}

fn layout(text: &str) -> Value {
    json!({
        "icon": {"code": "info"},
        "header": {"title": "Hardening"},
        "body": {"logo": {"code": "document"}, "blocks": {"b1": {"type": "text", "properties": {"value": text}}}}
    })
}

fn job(text: &str) -> SendJob {
    SendJob { owner_type_id: 2, owner_id: 1, fields: json!({}), layout: layout(text), catalog: None }
}

/// What the tiny server does with one request.
#[derive(Clone)]
enum Answer {
    /// Writes these bytes (a whole HTTP answer, possibly broken) and closes.
    Raw(Vec<u8>),
    /// Reads the request and never answers (the socket stays open until the test ends).
    Never,
    /// A 200 whose body is `len` bytes of JSON-ish filler, with or without Content-Length.
    Huge { len: usize, declared: bool },
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Answer {
    let mut a = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    a.extend_from_slice(body);
    Answer::Raw(a)
}

/// A loopback HTTP/1.1 server in plain threads: `answer(n, path)` decides the n-th request's
/// fate. Counts requests per path and the body bytes it managed to write.
struct Tiny {
    base: String,
    paths: Arc<Mutex<Vec<String>>>,
    written: Arc<AtomicUsize>,
}

impl Tiny {
    fn start(answer: impl Fn(usize, &str) -> Answer + Send + Sync + 'static) -> Tiny {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/rest/", listener.local_addr().unwrap());
        let (paths, written) = (Arc::new(Mutex::new(Vec::new())), Arc::new(AtomicUsize::new(0)));
        let (p, w, answer) = (paths.clone(), written.clone(), Arc::new(answer));
        std::thread::spawn(move || {
            for (n, sock) in listener.incoming().enumerate() {
                let Ok(sock) = sock else { continue };
                let (p, w, answer) = (p.clone(), w.clone(), answer.clone());
                std::thread::spawn(move || serve_one(sock, n, &p, &w, answer.as_ref()));
            }
        });
        Tiny { base, paths, written }
    }

    fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }

    fn hits(&self, method: &str) -> usize {
        self.paths().iter().filter(|p| p.ends_with(&format!("/{method}"))).count()
    }
}

fn read_request(sock: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = sock.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let len: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let n = sock.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    head.split_whitespace().nth(1).map(|p| p.split('?').next().unwrap_or("").to_string())
}

fn serve_one(
    mut sock: TcpStream,
    n: usize,
    paths: &Mutex<Vec<String>>,
    written: &AtomicUsize,
    answer: &(dyn Fn(usize, &str) -> Answer + Send + Sync),
) {
    let Some(path) = read_request(&mut sock) else { return };
    paths.lock().unwrap().push(path.clone());
    match answer(n, &path) {
        Answer::Raw(bytes) => {
            let _ = sock.write_all(&bytes);
        }
        Answer::Never => std::thread::sleep(Duration::from_secs(120)),
        Answer::Huge { len, declared } => {
            let head = if declared {
                format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n\r\n")
            } else {
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".to_string()
            };
            if sock.write_all(head.as_bytes()).is_err() {
                return;
            }
            let block = [b' '; 64 * 1024];
            let mut left = len;
            while left > 0 {
                let k = left.min(block.len());
                if sock.write_all(&block[..k]).is_err() {
                    return; // the client hung up
                }
                written.fetch_add(k, Ordering::SeqCst);
                left -= k;
            }
        }
    }
}

/// A port on which nothing listens (bound, then released).
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

// ---- item 8: one deadline; optional calls get a short one and are skipped with a note ----

#[test]
fn slow_start_up_batch_is_skipped_with_a_note_and_the_send_goes_on() {
    let sb = sandbox();
    let (c, _) = signed_in(&sb, fast());
    sb.faults().delay_method("batch", Duration::from_secs(30));
    let t0 = Instant::now();
    let (code, report) = runtime().block_on(execute(&c, false, &job("slow lists"), None, t0 + Duration::from_secs(8)));
    let took = t0.elapsed();
    assert_eq!(code, 0, "{report}");
    assert!(report["activityId"].as_i64().is_some_and(|i| i > 0), "{report}");
    // The batch had min(10 s, 8 s / 4) = 2 s, not 4 tries × the request timeout.
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert!(took >= Duration::from_secs(2), "took {took:?}: the batch was not given its share");
    let notes = report["notes"].as_array().expect("notes");
    assert!(notes.iter().any(|n| n.as_str().unwrap_or("").contains("live lists")), "{report}");
    assert_eq!(sb.faults().calls("batch"), 1, "an optional call is not retried past its deadline");
    assert_eq!(sb.activities().len(), 1);
    sb.faults().clear();
}

#[test]
fn a_portal_that_never_answers_ends_at_the_deadline_as_unknown() {
    let tiny = Tiny::start(|_, _| Answer::Never);
    let c = client_at(&tiny.base, ClientConfig::default());
    let t0 = Instant::now();
    let (code, report) = runtime().block_on(execute(&c, false, &job("void"), None, t0 + Duration::from_secs(3)));
    let took = t0.elapsed();
    // The add went out and nothing came back: the portal may have stored it.
    assert_eq!(code, 3, "{report}");
    assert_eq!(report["outcome"], "unknown", "{report}");
    assert!(report["originId"].as_str().is_some_and(|o| o.starts_with("b24ad-")), "{report}");
    assert!(took >= Duration::from_secs(3) && took < Duration::from_millis(4500), "took {took:?}");
    assert_eq!((tiny.hits("batch"), tiny.hits("crm.activity.configurable.add")), (1, 1), "{:?}", tiny.paths());
}

#[test]
fn deadline_passed_before_the_write_means_not_sent() {
    let tiny = Tiny::start(|_, _| Answer::Never);
    let c = client_at(&tiny.base, fast());
    c.set_deadline(Some(Instant::now()));
    let e = runtime().block_on(send::add(&c, &job("late"))).unwrap_err();
    assert_eq!((e.kind, e.code.as_str()), (ErrorKind::Network, "DEADLINE"));
    assert_eq!(b24_activity_designer::cli::send::exit_code(&e), 4);
    assert!(tiny.paths().is_empty(), "nothing was sent");
}

#[test]
fn cli_timeout_flag_and_exit_codes_in_help() {
    let bin = env!("CARGO_BIN_EXE_b24-activity-designer");
    let help = std::process::Command::new(bin).args(["send", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(help.status.success());
    assert!(text.contains("--timeout <SECONDS>") && text.contains("[default: 60]"), "{text}");
    for line in ["0  sent", "1  not sent", "2  bad arguments", "3  outcome unknown", "4  not sent", "5  sign in again"]
    {
        assert!(text.contains(line), "--help lacks \"{line}\": {text}");
    }
    assert!(text.contains(EXIT_CODES.lines().last().unwrap()));
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for code in ["0", "1", "2", "3", "4", "5"] {
        assert!(readme.contains(&format!("| {code} |")), "README.md does not document send's exit code {code}");
    }
    let zero = std::process::Command::new(bin)
        .args(["send", "x.json", "--sandbox", "--owner", "2:1", "--timeout", "0"])
        .output()
        .unwrap();
    assert_eq!(zero.status.code(), Some(2), "{}", String::from_utf8_lossy(&zero.stderr));
}

// ---- item 9: unreadable 2xx → 3; closed port → its own code ----

#[test]
fn unreadable_2xx_answers_to_a_send_are_unknown_outcomes() {
    let bodies: [(&str, &[u8]); 5] = [
        ("application/json", b"{\"result\": {\"activity\": {\"id\": 4"),
        ("application/json", b""),
        ("text/html", b"<!doctype html><html><body>Please sign in</body></html>"),
        ("application/json", b"{\"result\": {}}"),
        ("application/json", b"{\"result\": {\"activity\": {\"id\": null}}}"),
    ];
    for (ct, body) in bodies {
        let answer = http("200 OK", ct, body);
        let tiny = Tiny::start(move |_, _| answer.clone());
        let c = client_at(&tiny.base, fast());
        let what = String::from_utf8_lossy(body).to_string();
        let (code, report) =
            runtime().block_on(execute(&c, false, &job("x"), None, Instant::now() + Duration::from_secs(10)));
        assert_eq!(code, 3, "{what}: {report}");
        assert_eq!(report["outcome"], "unknown", "{what}: {report}");
        assert!(report["hint"].as_str().unwrap_or("").contains("originId"), "{report}");
        assert_eq!(tiny.hits("crm.activity.configurable.add"), 1, "{what}: not retried");
    }
}

#[test]
fn a_closed_port_is_not_sent_not_refused() {
    let base = format!("http://127.0.0.1:{}/rest/", closed_port());
    let c = client_at(&base, fast());
    let t0 = Instant::now();
    let (code, report) = runtime().block_on(execute(&c, false, &job("x"), None, t0 + Duration::from_secs(10)));
    assert_eq!(code, 4, "{report}");
    assert_eq!(report["outcome"], "not-sent", "{report}");
    assert_eq!(report["error"]["code"], "NETWORK_ERROR", "{report}");
    assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
}

// ---- item 10: rate-limited writes retried; refused tokens refreshed once ----

#[test]
fn rate_limited_write_is_retried_with_backoff_and_stored_once() {
    let sb = sandbox();
    let cfg = ClientConfig { retry_base: Duration::from_millis(200), ..fast() };
    let (c, _) = signed_in(&sb, cfg);
    sb.faults().rate_limit_next(2);
    let SendOutcome::Done { activity_id, .. } = runtime().block_on(send::add(&c, &job("limited"))).unwrap() else {
        panic!("expected a stored activity")
    };
    assert!(activity_id > 0);
    let tries: Vec<_> = c.log().entries().into_iter().filter(|e| e.method == "crm.activity.configurable.add").collect();
    let statuses: Vec<_> = tries.iter().map(|t| t.status).collect();
    assert_eq!(statuses, [Some(503), Some(503), Some(200)]);
    // Equal jitter: the n-th wait is within [base·2^(n-1)/2, base·2^(n-1)] (plus the call itself).
    let gap = |a: usize| tries[a + 1].started.duration_since(tries[a].started).unwrap();
    assert!(gap(0) >= Duration::from_millis(100), "{:?}", gap(0));
    assert!(gap(1) >= Duration::from_millis(200), "{:?}", gap(1));
    assert_eq!(sb.activities().len(), 1);
    // Bounded: a write still rate-limited after max_tries gives up, and nothing is stored.
    sb.faults().rate_limit_next(10);
    let e = runtime().block_on(send::add(&c, &job("limited"))).unwrap_err();
    assert_eq!((e.kind, e.code.as_str()), (ErrorKind::Portal, "QUERY_LIMIT_EXCEEDED"));
    assert_eq!(sb.activities().len(), 1);
    sb.faults().clear();
}

#[test]
fn no_auth_found_refreshes_once_before_asking_to_sign_in() {
    let sb = sandbox();
    let (c, store) = signed_in(&sb, fast());
    let before = stored_tokens(&store);
    sb.faults().revoke_access_tokens();
    let SendOutcome::Done { .. } = runtime().block_on(send::add(&c, &job("after revoke"))).unwrap() else {
        panic!("expected a stored activity")
    };
    assert_eq!(c.auth_state(), AuthState::SignedIn);
    assert_ne!(stored_tokens(&store).refresh_token, before.refresh_token, "rotated token kept");
    let refreshes = c.log().entries().iter().filter(|e| e.method.contains("refresh_token")).count();
    assert_eq!(refreshes, 1);
    assert_eq!(sb.activities().len(), 1);
    // When the refresh token is dead too: sign in again, with no second refresh.
    sb.faults().revoke_access_tokens();
    sb.faults().revoke_refresh_tokens();
    let e = runtime().block_on(c.call("profile", json!({}), CallKind::Read)).unwrap_err();
    assert!(e.is_sign_in_again(), "{e}");
    assert!(matches!(c.auth_state(), AuthState::SignInAgain(_)));
}

#[test]
fn invalid_token_refreshes_once_then_retries_or_asks_to_sign_in() {
    let refused = http("401 Unauthorized", "application/json", br#"{"error":"invalid_token","error_description":"x"}"#);
    let ok = http("200 OK", "application/json", br#"{"result":{"ID":"1","NAME":"Tiny"}}"#);
    let tokens = http("200 OK", "application/json", br#"{"access_token":"a2","refresh_token":"r2","expires_in":3600}"#);
    // `refused_first` REST answers are refused, later ones fine; the token endpoint always works.
    let serve = |refused_first: usize| {
        let (refused, ok, tokens) = (refused.clone(), ok.clone(), tokens.clone());
        let rest_calls = AtomicUsize::new(0);
        Tiny::start(move |_, path| {
            if path.starts_with("/oauth/token") {
                return tokens.clone();
            }
            if rest_calls.fetch_add(1, Ordering::SeqCst) < refused_first { refused.clone() } else { ok.clone() }
        })
    };
    let refreshes = |c: &PortalClient| c.log().entries().iter().filter(|e| e.method.contains("refresh_token")).count();
    // Refused once: one refresh, then the same call again with the new token.
    let tiny = serve(1);
    let c = client_at(&tiny.base, fast());
    let r = runtime().block_on(c.call("profile", json!({}), CallKind::Read)).unwrap();
    assert_eq!(r.result["NAME"], "Tiny");
    assert_eq!((tiny.hits("profile"), refreshes(&c)), (2, 1), "{:?}", tiny.paths());
    assert_eq!(c.auth_state(), AuthState::SignedIn);
    // Always refused: exactly one refresh, then "sign in again" (no loop).
    let tiny = serve(usize::MAX);
    let c = client_at(&tiny.base, fast());
    let e = runtime().block_on(send::add(&c, &job("x"))).unwrap_err();
    assert_eq!((e.kind, e.code.as_str()), (ErrorKind::SignInAgain, "invalid_token"));
    assert_eq!((tiny.hits("crm.activity.configurable.add"), refreshes(&c)), (2, 1), "{:?}", tiny.paths());
    assert!(matches!(c.auth_state(), AuthState::SignInAgain(_)));
    assert_eq!(b24_activity_designer::cli::send::exit_code(&e), 5);
}

// ---- item 11: size cap while streaming; hidden client_secret ----

const HUGE: usize = 200 << 20;

#[test]
fn a_200_mb_answer_is_refused_at_the_cap_while_streaming() {
    for declared in [false, true] {
        let tiny = Tiny::start(move |_, _| Answer::Huge { len: HUGE, declared });
        let cfg = ClientConfig { max_body_bytes: 8 << 20, ..fast() };
        let c = client_at(&tiny.base, cfg);
        let e = runtime().block_on(c.call("profile", json!({}), CallKind::Read)).unwrap_err();
        assert_eq!((e.kind, e.code.as_str()), (ErrorKind::Portal, "RESPONSE_TOO_LARGE"), "declared {declared}");
        assert_eq!(tiny.hits("profile"), 1, "not retried");
        // The client stopped reading near the cap: the server could not push the rest.
        std::thread::sleep(Duration::from_millis(300));
        let sent = tiny.written.load(Ordering::SeqCst);
        assert!(sent < HUGE / 4, "declared {declared}: the server wrote {sent} bytes");
    }
    // The same answer to a write: it may have run, so the outcome is unknown (exit 3).
    let tiny = Tiny::start(|_, _| Answer::Huge { len: HUGE, declared: false });
    let c = client_at(&tiny.base, fast());
    let (code, report) =
        runtime().block_on(execute(&c, false, &job("big"), None, Instant::now() + Duration::from_secs(20)));
    assert_eq!((code, report["error"]["code"].as_str()), (3, Some("RESPONSE_TOO_LARGE")), "{report}");
}

#[cfg(target_os = "linux")]
#[test]
fn login_reads_the_client_secret_without_echo() {
    use std::process::{Command, Stdio};
    // A real terminal: `script` runs login on a pseudo-terminal; whatever the terminal shows
    // (prompt, echo, messages) comes out on its stdout.
    if Command::new("script").arg("--version").output().is_err() {
        panic!("`script` (util-linux) is needed to run login on a terminal");
    }
    // login keeps the secret only in the OS keyring. CI (or B24AD_REAL_KEYRING_TEST=1) runs
    // inside a D-Bus session with one, so there a missing keyring fails; elsewhere it skips
    // with the reason printed.
    if let Err(e) = b24_activity_designer::secrets::open_os_store() {
        let required = std::env::var("B24AD_REAL_KEYRING_TEST").is_ok_and(|v| v == "1")
            || std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!required, "no keyring for login: {e}");
        println!("skipped: login needs an OS keyring: {e}");
        return;
    }
    let sb = sandbox();
    sb.set_redirect_uri("http://127.0.0.1:47631/cb");
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_b24-activity-designer");
    let name = format!("noecho-{}", std::process::id());
    let env = |c: &mut Command| {
        c.env("B24AD_CONFIG_DIR", tmp.path().join("c"))
            .env("B24AD_DATA_DIR", tmp.path().join("d"))
            .env("B24AD_CACHE_DIR", tmp.path().join("k"))
            .env("BROWSER", "true");
    };
    let mut add = Command::new(bin);
    add.args(["profiles", "add", "--name", &name, "--portal", &sb.base_url(), "--client-id", sb.client_id()])
        .args(["--token-endpoint", &sb.token_endpoint()]);
    env(&mut add);
    let added = add.output().unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));

    let mut cmd = Command::new("script");
    cmd.args(["-q", "-e", "-c", &format!("'{bin}' login --profile '{name}'"), "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    env(&mut cmd);
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let screen = Arc::new(Mutex::new(Vec::<u8>::new()));
    let sc = screen.clone();
    std::thread::spawn(move || {
        let mut b = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut b) {
            if n == 0 {
                break;
            }
            sc.lock().unwrap().extend_from_slice(&b[..n]);
        }
    });
    let text = || String::from_utf8_lossy(&screen.lock().unwrap()).to_string();
    let wait_for = |what: &str| {
        let until = Instant::now() + Duration::from_secs(20);
        while !text().contains(what) {
            assert!(Instant::now() < until, "no \"{what}\" on the terminal: {}", text());
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for("client_secret of the local application");
    std::thread::sleep(Duration::from_millis(500)); // the prompt is out; echo is off by now
    stdin.write_all(format!("{}\n", sb.client_secret()).as_bytes()).unwrap();
    stdin.flush().unwrap();
    wait_for("Open this address to sign in:");
    let screen_now = text();
    let url = screen_now
        .lines()
        .skip_while(|l| !l.contains("Open this address"))
        .nth(1)
        .map(|l| l.trim().to_string())
        .expect("the authorize address");
    // The "browser": approve; the redirect reaches login's loopback listener.
    let page = runtime().block_on(async { reqwest::get(format!("{url}&approve=1")).await.unwrap().text().await });
    assert!(page.unwrap_or_default().contains("Signed in"));
    let until = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > until {
            let _ = child.kill();
            panic!("login did not finish: {}", text());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    std::thread::sleep(Duration::from_millis(100));
    let shown = text();
    let mut rm = Command::new(bin);
    rm.args(["profiles", "remove", "--name", &name]);
    env(&mut rm);
    let _ = rm.output();
    assert!(status.success(), "{shown}");
    assert!(shown.contains("Signed in"), "{shown}");
    assert!(!shown.contains(sb.client_secret()), "the client_secret was shown on the terminal: {shown}");
}
