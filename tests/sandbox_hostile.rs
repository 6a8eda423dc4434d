//! The sandbox under hostile traffic (issue 13, items 1–3), over real loopback HTTP and raw TCP:
//! it runs inside the designer's own process, so nothing a client sends may crash it, grow it
//! without bound, or hold its sockets for ever.

use b24_activity_designer::sandbox::{Sandbox, SandboxConfig};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn client() -> Client {
    Client::builder().timeout(Duration::from_secs(10)).build().unwrap()
}

/// A config whose rate limit never gets in the way of a flood test.
fn unlimited() -> SandboxConfig {
    SandboxConfig { rate: (1e6, 1e6), ..Default::default() }
}

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    let s = r.status();
    (s, r.json().await.expect("a JSON envelope"))
}

/// The webhook answers, so the server is alive and serving.
async fn assert_alive(sb: &Sandbox, c: &Client) {
    let r = c.get(format!("{}crm.enum.ownertype", sb.webhook_url())).send().await.expect("sandbox still answers");
    assert_eq!(r.status(), StatusCode::OK);
}

fn assert_too_deep(status: StatusCode, v: &Value, depth: usize) {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    assert_eq!(v["error"], "INVALID_REQUEST", "{v}");
    let d = v["error_description"].as_str().unwrap_or_default();
    assert!(d.contains("`x`") && d.contains(&format!("{depth} levels")) && d.contains("at most 64"), "{d}");
}

#[tokio::test]
async fn php_keys_nested_5000_deep_are_refused_everywhere_and_the_server_lives() {
    let sb = Sandbox::start(unlimited()).await.unwrap();
    let c = client();
    let deep = format!("x{}=1", "[a]".repeat(5000));

    // A form body to the app endpoint (before any auth: unauthenticated requests parse too).
    let r = c
        .post(format!("{}crm.item.list", sb.client_endpoint()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(deep.clone())
        .send()
        .await
        .unwrap();
    let (s, v) = json_of(r).await;
    assert_too_deep(s, &v, 5000);

    // A GET query string, on the webhook.
    let r = c.get(format!("{}crm.item.list?{deep}", sb.webhook_url())).send().await.unwrap();
    let (s, v) = json_of(r).await;
    assert_too_deep(s, &v, 5000);

    // A form body to the webhook.
    let r = c.post(format!("{}crm.item.list", sb.webhook_url())).body(deep.clone()).send().await.unwrap();
    let (s, v) = json_of(r).await;
    assert_too_deep(s, &v, 5000);

    // Inside a batch command: that command fails, the others run.
    let body = json!({"halt": 0, "cmd": {"deep": format!("crm.item.list?{deep}"), "ok": "crm.enum.ownertype"}});
    let r = c.post(format!("{}batch", sb.webhook_url())).json(&body).send().await.unwrap();
    let (s, v) = json_of(r).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["result"]["result_error"]["deep"]["error"], "INVALID_REQUEST", "{v}");
    assert!(v["result"]["result"]["ok"].is_array(), "{v}");

    // 64 levels, PHP's own cap, are still taken (the method then ignores the unknown key).
    let ok = format!("entityTypeId=2&x{}=1", "[a]".repeat(64));
    let r = c.get(format!("{}crm.item.list?{ok}", sb.webhook_url())).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_alive(&sb, &c).await;
}

#[tokio::test]
async fn bogus_tokens_and_method_names_leave_no_trace() {
    let sb = Sandbox::start(unlimited()).await.unwrap();
    let c = client();
    let before = sb.stats();
    // 40 distinct 1 MB tokens, 300 distinct short ones, 300 distinct invented method names and
    // webhook paths: each is refused, and none gets a record of its own.
    for i in 0..40 {
        let auth = format!("{i:04}{}", "z".repeat(1 << 20));
        let r = c.post(format!("{}crm.item.list", sb.client_endpoint())).json(&json!({"auth": auth})).send().await;
        let (s, v) = json_of(r.unwrap()).await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("NO_AUTH_FOUND")), "{v}");
    }
    for i in 0..300 {
        let r = c.get(format!("{}crm.item.list?auth=bogus{i:0>60}", sb.client_endpoint())).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let r = c.get(format!("{}no.such.method.{i}{}", sb.webhook_url(), "m".repeat(200))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = c.get(format!("{}/rest/1/wrong{i}/profile", sb.base_url())).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let after = sb.stats();
    // One bucket for the caller's address and one for the webhook; nothing per bogus key.
    assert!(after.buckets <= before.buckets + 2, "{after:?}");
    assert_eq!((after.access, after.refresh, after.codes), (before.access, before.refresh, before.codes));
    // Only the real method names are counted (crm.item.list, profile), not 300 invented ones.
    assert!(after.counted_methods <= before.counted_methods + 3, "{after:?}");
    assert_alive(&sb, &c).await;
}

async fn sign_in(sb: &Sandbox, c: &Client) -> String {
    let noredirect = Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = noredirect.get(format!("{}&approve=1", sb.authorize_url("s"))).send().await.unwrap();
    let loc = url::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    let code = loc.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    let r = c
        .get(sb.token_endpoint())
        .query(&[
            ("grant_type", "authorization_code"),
            ("client_id", sb.client_id()),
            ("client_secret", sb.client_secret()),
            ("code", &code),
        ])
        .send()
        .await
        .unwrap();
    r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

fn add_body(token: &str, text: &str) -> Value {
    json!({"auth": token, "ownerTypeId": 2, "ownerId": 1, "fields": {},
           "layout": {"icon": {"code": "call-completed"}, "header": {"title": "t"},
                      "body": {"logo": {"code": "call-incoming"},
                               "blocks": {"t": {"type": "text", "properties": {"value": text}}}}}})
}

#[tokio::test]
async fn stored_activities_have_a_quota_with_a_clear_error() {
    let sb =
        Sandbox::start(SandboxConfig { max_activities: 3, max_activity_bytes: 20_000, ..unlimited() }).await.unwrap();
    let c = client();
    let token = sign_in(&sb, &c).await;
    let add = |body: Value| c.post(format!("{}crm.activity.configurable.add", sb.client_endpoint())).json(&body).send();
    let mut ids = Vec::new();
    for i in 0..3 {
        let (s, v) = json_of(add(add_body(&token, &format!("n{i}"))).await.unwrap()).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        ids.push(v["result"]["activity"]["id"].as_u64().unwrap());
    }
    // The fourth is refused by count, with a message that says how to make room.
    let (s, v) = json_of(add(add_body(&token, "n3")).await.unwrap()).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("SANDBOX_STORAGE_FULL")), "{v}");
    assert!(v["error_description"].as_str().unwrap().contains("at most 3 activities"), "{v}");
    assert_eq!(sb.activities().len(), 3);
    // Deleting one makes room again.
    let r = c
        .post(format!("{}crm.activity.delete", sb.client_endpoint()))
        .json(&json!({"auth": token, "id": ids[0]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (s, v) = json_of(add(add_body(&token, "n4")).await.unwrap()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // By bytes: an update that would pass 20,000 bytes is refused and changes nothing.
    let id = v["result"]["activity"]["id"].as_u64().unwrap();
    let mut big = add_body(&token, &"w".repeat(20_000));
    big["id"] = json!(id);
    let r = c.post(format!("{}crm.activity.configurable.update", sb.client_endpoint())).json(&big).send().await;
    let (s, v) = json_of(r.unwrap()).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("SANDBOX_STORAGE_FULL")), "{v}");
    let stored = sb.activities().into_iter().find(|a| a.id == id).unwrap();
    assert_eq!(stored.layout["body"]["blocks"]["t"]["properties"]["value"], "n4");
    assert!(sb.stats().activity_bytes < 20_000);
}

fn quick() -> SandboxConfig {
    SandboxConfig {
        header_timeout: Duration::from_millis(500),
        body_timeout: Duration::from_millis(800),
        max_connections: 8,
        ..unlimited()
    }
}

/// Reads until the server closes the connection; what it sent. Fails after `limit`.
async fn read_until_closed(s: &mut TcpStream, limit: Duration) -> String {
    let mut out = Vec::new();
    let r = tokio::time::timeout(limit, async {
        let mut buf = [0u8; 4096];
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    assert!(r.is_ok(), "the server still holds the connection after {limit:?}");
    String::from_utf8_lossy(&out).into_owned()
}

async fn connect(sb: &Sandbox) -> TcpStream {
    TcpStream::connect(sb.addr()).await.unwrap()
}

#[tokio::test]
async fn half_sent_heads_and_bodies_time_out() {
    let sb = Sandbox::start(quick()).await.unwrap();
    // A head that never ends: closed after the header deadline.
    let mut s = connect(&sb).await;
    s.write_all(b"POST /rest/profile HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let t = Instant::now();
    read_until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(t.elapsed() >= Duration::from_millis(400), "closed before the deadline: {:?}", t.elapsed());

    // A body that stops half-way: 408 in the JSON envelope.
    let mut s = connect(&sb).await;
    s.write_all(b"POST /rest/1/sandboxwebhook/profile HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":")
        .await
        .unwrap();
    let answer = read_until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains(r#""error":"REQUEST_TIMEOUT""#), "{answer}");

    // A kept-alive connection that goes idle after its request is closed too.
    let mut s = connect(&sb).await;
    s.write_all(b"GET /rest/1/sandboxwebhook/profile HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let answer = read_until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn idle_connections_cannot_lock_the_sandbox_out() {
    let sb = Sandbox::start(quick()).await.unwrap();
    let c = client();
    // 40 connections that send nothing: 8 are held, the rest are answered 503 and closed.
    let mut idle = Vec::new();
    for _ in 0..40 {
        idle.push(connect(&sb).await);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let r = c.get(format!("{}profile", sb.webhook_url())).send().await;
    if let Ok(r) = r {
        // While the cap is full, a new caller gets a clear, retryable answer at once.
        let (s, v) = json_of(r).await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("QUERY_LIMIT_EXCEEDED")), "{v}");
    }
    // Every idle connection is closed by the server within the header deadline (+ margin) ...
    for s in &mut idle {
        read_until_closed(s, Duration::from_secs(3)).await;
    }
    // ... and the sandbox serves again.
    assert_alive(&sb, &c).await;
}

#[tokio::test]
async fn oversized_bodies_get_413_in_the_envelope() {
    let sb = Sandbox::start(SandboxConfig { max_body: 10_000, ..unlimited() }).await.unwrap();
    let c = client();
    let r = c.post(format!("{}profile", sb.webhook_url())).body("a=".to_string() + &"b".repeat(20_000)).send().await;
    let (s, v) = json_of(r.unwrap()).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("REQUEST_ENTITY_TOO_LARGE")), "{v}");
    assert_alive(&sb, &c).await;
}
