//! The sandbox portal over real HTTP on loopback: OAuth, REST envelope and errors, configurable
//! activities, layout error codes, limits, CRM items, batch and fault injection.

use b24_activity_designer::sandbox::{Sandbox, SandboxConfig};
use reqwest::{Client, StatusCode, redirect::Policy};
use serde_json::{Value, json};
use std::time::Duration;

async fn start(cfg: SandboxConfig) -> (Sandbox, Client) {
    let sb = Sandbox::start(cfg).await.expect("sandbox starts");
    let client = Client::builder().redirect(Policy::none()).timeout(Duration::from_secs(10)).build().unwrap();
    (sb, client)
}

async fn start_default() -> (Sandbox, Client) {
    start(SandboxConfig::default()).await
}

/// Approves over HTTP (no browser) and returns the redirect's query parameters.
async fn approve(sb: &Sandbox, c: &Client, client_id: &str, state: &str) -> url::Url {
    let auth = sb.authorize_url_for(client_id, state);
    let r = c.get(format!("{auth}&approve=1")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    url::Url::parse(&loc).unwrap()
}

fn q(u: &url::Url, k: &str) -> String {
    u.query_pairs().find(|(n, _)| n == k).map(|(_, v)| v.into_owned()).unwrap_or_default()
}

async fn token(sb: &Sandbox, c: &Client, pairs: &[(&str, &str)]) -> (StatusCode, Value) {
    let r = c.get(sb.token_endpoint()).query(pairs).send().await.unwrap();
    (r.status(), r.json().await.unwrap())
}

/// Full sign-in of `client_id`; returns (access, refresh).
async fn sign_in_as(sb: &Sandbox, c: &Client, client_id: &str, secret: &str) -> (String, String) {
    let u = approve(sb, c, client_id, "st").await;
    let code = q(&u, "code");
    let (s, v) = token(
        sb,
        c,
        &[("grant_type", "authorization_code"), ("client_id", client_id), ("client_secret", secret), ("code", &code)],
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    (v["access_token"].as_str().unwrap().into(), v["refresh_token"].as_str().unwrap().into())
}

async fn sign_in(sb: &Sandbox, c: &Client) -> String {
    sign_in_as(sb, c, sb.client_id(), sb.client_secret()).await.0
}

async fn rest(sb: &Sandbox, c: &Client, method: &str, token: &str, mut body: Value) -> (StatusCode, Value) {
    body["auth"] = json!(token);
    let r = c.post(format!("{}{method}", sb.client_endpoint())).json(&body).send().await.unwrap();
    (r.status(), r.json().await.unwrap())
}

fn layout() -> Value {
    json!({
        "icon": {"code": "call-completed"},
        "header": {"title": "Incoming call", "tags": {"s": {"title": "Missed", "type": "failure"}}},
        "body": {
            "logo": {"code": "call-incoming"},
            "blocks": {
                "t1": {"type": "text", "properties": {"value": "Client asked for a call back"}},
                "client": {"type": "link", "properties": {"text": "Open deal",
                    "action": {"type": "redirect", "uri": "/crm/deal/details/1/"}}}
            }
        },
        "footer": {"buttons": {"b1": {"title": "Call back", "type": "primary",
            "action": {"type": "restEvent", "id": "callback", "actionParams": {"n": 5, "flag": true}}}}}
    })
}

fn payload(l: Value) -> Value {
    json!({"ownerTypeId": 2, "ownerId": 1, "fields": {"originId": "test-1"}, "layout": l})
}

#[tokio::test]
async fn oauth_code_exchange_refresh_rotation_and_errors() {
    let (sb, c) = start_default().await;
    // The page without approve=1 is an HTML approve page with a link that approves.
    let page = c.get(sb.authorize_url("abc")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Approve") && page.contains("approve=1"));
    // An unknown app gets an error page and no redirect, like the portal.
    let bad = c.get(format!("{}&approve=1", sb.authorize_url_for("local.nope", "abc"))).send().await.unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(bad.headers().get("location").is_none());
    sb.set_redirect_uri("http://127.0.0.1:9/cb");
    let u = approve(&sb, &c, sb.client_id(), "abc").await;
    assert_eq!(u.path(), "/cb");
    assert_eq!(q(&u, "state"), "abc");
    assert_eq!(q(&u, "member_id"), sb.member_id());
    for k in ["domain", "scope", "server_domain"] {
        assert!(!q(&u, k).is_empty(), "{k}");
    }
    let code = q(&u, "code");
    let (id, secret) = (sb.client_id().to_string(), sb.client_secret().to_string());
    let grant = [("grant_type", "authorization_code"), ("client_id", &id), ("client_secret", &secret), ("code", &code)];
    let (s, v) = token(&sb, &c, &grant).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["client_endpoint"], json!(sb.client_endpoint()));
    assert_eq!(v["expires_in"], json!(3600));
    assert_eq!(v["status"], "L");
    assert_eq!(v["user_id"], 1);
    assert!(v["expires"].as_u64().unwrap() > 1_700_000_000);
    // Codes are one-time.
    let (s, v2) = token(&sb, &c, &grant).await;
    assert_eq!((s, v2["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    // Unknown code, wrong secret, missing params.
    let (_, e) = token(
        &sb,
        &c,
        &[("grant_type", "authorization_code"), ("client_id", &id), ("client_secret", &secret), ("code", "nope")],
    )
    .await;
    assert_eq!(e["error"], "invalid_grant");
    let (_, e) = token(
        &sb,
        &c,
        &[("grant_type", "authorization_code"), ("client_id", &id), ("client_secret", "bad"), ("code", "x")],
    )
    .await;
    assert_eq!(e["error"], "invalid_client");
    let (_, e) = token(&sb, &c, &[("grant_type", "authorization_code")]).await;
    assert_eq!(e["error"], "invalid_request");

    // Refresh rotates: the old refresh token is rejected after one use.
    let old = v["refresh_token"].as_str().unwrap().to_string();
    let refresh = |rt: String| {
        let (id, secret, c, sb) = (id.clone(), secret.clone(), c.clone(), sb.clone());
        async move {
            token(
                &sb,
                &c,
                &[
                    ("grant_type", "refresh_token"),
                    ("client_id", &id),
                    ("client_secret", &secret),
                    ("refresh_token", &rt),
                ],
            )
            .await
        }
    };
    let (s, r1) = refresh(old.clone()).await;
    assert_eq!(s, StatusCode::OK);
    assert_ne!(r1["refresh_token"].as_str().unwrap(), old);
    let (s, again) = refresh(old).await;
    assert_eq!((s, again["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    let new_access = r1["access_token"].as_str().unwrap();
    assert_eq!(rest(&sb, &c, "profile", new_access, json!({})).await.0, StatusCode::OK);
    // Revoked refresh tokens (e.g. app reinstalled): invalid_grant → the client must sign in again.
    sb.faults().revoke_refresh_tokens();
    let (_, gone) = refresh(r1["refresh_token"].as_str().unwrap().to_string()).await;
    assert_eq!(gone["error"], "invalid_grant");
    sb.shutdown().await;
}

#[tokio::test]
async fn expired_and_unknown_tokens() {
    let (sb, c) = start(SandboxConfig { access_ttl: Duration::from_millis(300), ..Default::default() }).await;
    let t = sign_in(&sb, &c).await;
    assert_eq!(rest(&sb, &c, "profile", &t, json!({})).await.0, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (s, v) = rest(&sb, &c, "profile", &t, json!({})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("expired_token")));
    let (s, v) = rest(&sb, &c, "profile", "garbage", json!({})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("NO_AUTH_FOUND")));
    // Expiry on demand, and auth through the query string works too.
    let t2 = sign_in(&sb, &c).await;
    let url = format!("{}profile.json?auth={t2}", sb.client_endpoint());
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let env: Value = r.json().await.unwrap();
    assert_eq!(env["result"]["ID"], "1");
    for k in ["start", "finish", "duration", "processing", "date_start", "date_finish", "operating"] {
        assert!(env["time"].get(k).is_some(), "time.{k}");
    }
    sb.faults().expire_all_tokens();
    assert_eq!(c.get(&url).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let (s, v) = rest(&sb, &c, "no.such.method", &sign_in(&sb, &c).await, json!({})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::NOT_FOUND, Some("ERROR_METHOD_NOT_FOUND")));
    sb.shutdown().await;
}

#[tokio::test]
async fn configurable_activity_lifecycle() {
    let (sb, c) = start_default().await;
    let t = sign_in(&sb, &c).await;
    let (s, v) = rest(&sb, &c, "crm.activity.configurable.add", &t, payload(layout())).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let id = v["result"]["activity"]["id"].as_u64().unwrap();

    let (_, got) = rest(&sb, &c, "crm.activity.configurable.get", &t, json!({"id": id})).await;
    let a = &got["result"]["activity"];
    assert_eq!((a["ownerTypeId"].as_u64(), a["ownerId"].as_u64()), (Some(2), Some(1)));
    assert_eq!(a["fields"]["typeId"], "CONFIGURABLE");
    assert_eq!(a["fields"]["completed"], false);
    assert_eq!(a["fields"]["responsibleId"], 1);
    assert_eq!(a["fields"]["originId"], "test-1");
    // actionParams come back as strings, like the portal.
    assert_eq!(a["layout"]["footer"]["buttons"]["b1"]["action"]["actionParams"], json!({"n": "5", "flag": "1"}));
    assert_eq!(a["layout"]["header"], layout()["header"]);

    // Update without layout keeps it; fields are partial.
    let (s, _) =
        rest(&sb, &c, "crm.activity.configurable.update", &t, json!({"id": id, "fields": {"completed": "Y"}})).await;
    assert_eq!(s, StatusCode::OK);
    let stored = &sb.activities()[0];
    assert_eq!(stored.fields["completed"], true);
    assert_eq!(stored.fields["originId"], "test-1");
    assert_eq!(stored.layout, layout());
    let mut l2 = layout();
    l2["header"]["title"] = json!("Call <done>");
    assert_eq!(
        rest(&sb, &c, "crm.activity.configurable.update", &t, json!({"id": id, "layout": l2})).await.0,
        StatusCode::OK
    );

    // List by provider and origin, uppercase fields.
    let (_, list) = rest(
        &sb,
        &c,
        "crm.activity.list",
        &t,
        json!({"filter": {"PROVIDER_ID": "CONFIGURABLE_REST_APP", "ORIGIN_ID": "test-1"}}),
    )
    .await;
    assert_eq!(list["total"], 1);
    let row = &list["result"][0];
    assert_eq!(row["ID"], id.to_string());
    assert_eq!(row["SUBJECT"], "Call <done>");
    assert_eq!((row["OWNER_TYPE_ID"].as_str(), row["OWNER_ID"].as_str()), (Some("2"), Some("1")));
    let (_, none) = rest(&sb, &c, "crm.activity.list", &t, json!({"filter": {"ORIGIN_ID": "other"}})).await;
    assert_eq!(none["total"], 0);

    // Root page draws the card, escaped.
    let html = c.get(sb.base_url()).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Call &lt;done&gt;") && html.contains("Client asked for a call back"));
    assert!(!html.contains("<done>"));

    // Delete, then everything is NOT_FOUND.
    assert_eq!(rest(&sb, &c, "crm.activity.delete", &t, json!({"id": id})).await.1["result"], true);
    for m in ["crm.activity.configurable.get", "crm.activity.delete", "crm.activity.configurable.update"] {
        let (s, v) = rest(&sb, &c, m, &t, json!({"id": id, "layout": layout()})).await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("NOT_FOUND")), "{m}");
    }
    assert!(sb.activities().is_empty());
    sb.shutdown().await;
}

#[tokio::test]
async fn method_errors_context_and_application() {
    let (sb, c) = start_default().await;
    let t = sign_in(&sb, &c).await;
    let add = |body: Value| {
        let (sb, c, t) = (sb.clone(), c.clone(), t.clone());
        async move { rest(&sb, &c, "crm.activity.configurable.add", &t, body).await }
    };
    let (s, v) = add(json!({"ownerTypeId": 2, "ownerId": 1, "fields": {}})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("ERROR_EMPTY_LAYOUT")));
    let (_, v) = add(json!({"ownerTypeId": 2, "ownerId": 1, "fields": {}, "layout": {}})).await;
    assert_eq!(v["error"], "ERROR_EMPTY_LAYOUT");
    let (_, v) = add(json!({"ownerTypeId": 2, "layout": layout(), "fields": {}})).await;
    assert_eq!(v["error"], "100");
    let (_, v) = add(json!({"ownerTypeId": 2, "ownerId": 1, "layout": layout()})).await;
    assert_eq!(v["error"], "100");
    let (_, v) =
        add(json!({"ownerTypeId": 2, "ownerId": 1, "fields": {"completed": "maybe"}, "layout": layout()})).await;
    assert_eq!(v["error"], "WRONG_FIELD_VALUE");
    let (_, v) = add(json!({"ownerTypeId": 2, "ownerId": 1,
        "fields": {"isIncomingChannel": true, "deadline": "2026-12-01T10:00:00+00:00"}, "layout": layout()}))
    .await;
    assert_eq!(v["error"], "INCOMING_ACTIVITY_CAN_NOT_BE_WITH_DEADLINE");
    let (_, v) = add(json!({"ownerTypeId": 2, "ownerId": 99999, "fields": {}, "layout": layout()})).await;
    assert_eq!(v["error"], "ACCESS_DENIED");

    // Only the creating app may update.
    let (_, v) = add(payload(layout())).await;
    let id = v["result"]["activity"]["id"].as_u64().unwrap();
    sb.register_app("local.second000000001.00000002", "second-secret", None);
    let (t2, _) = sign_in_as(&sb, &c, "local.second000000001.00000002", "second-secret").await;
    let (s, v) = rest(&sb, &c, "crm.activity.configurable.update", &t2, json!({"id": id, "layout": layout()})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("ERROR_WRONG_APPLICATION")));

    // A webhook may read CRM items but not use configurable activities.
    let hook = sb.webhook_url();
    let r = c.post(format!("{hook}crm.activity.configurable.add.json")).json(&payload(layout())).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "ERROR_WRONG_CONTEXT");
    let r = c.post(format!("{hook}crm.item.list")).json(&json!({"entityTypeId": 1})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let bad = hook.replace("sandboxwebhook", "wrongcode");
    assert_eq!(
        c.post(format!("{bad}profile")).json(&json!({})).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );

    // Badges.
    let badge =
        json!({"code": "t_badge", "title": {"en": "Status", "de": "Status"}, "value": "Done", "type": "success"});
    assert_eq!(rest(&sb, &c, "crm.activity.badge.add", &t, badge.clone()).await.0, StatusCode::OK);
    assert_eq!(rest(&sb, &c, "crm.activity.badge.add", &t, badge.clone()).await.1["error"], "BX_INVALID_VALUE");
    let mut b2 = badge.clone();
    b2["code"] = json!("t2");
    b2["type"] = json!("lavender");
    assert_eq!(rest(&sb, &c, "crm.activity.badge.add", &t, b2.clone()).await.1["error"], "WRONG_TYPE_VALUE");
    b2["type"] = json!("success");
    b2["title"] = json!({"xx": "?"});
    assert_eq!(rest(&sb, &c, "crm.activity.badge.add", &t, b2).await.1["error"], "0");
    assert_eq!(
        rest(&sb, &c, "crm.activity.badge.get", &t, json!({"code": "t_badge"})).await.1["result"]["badge"]["value"],
        "Done"
    );
    let (_, l) = rest(&sb, &c, "crm.activity.badge.list", &t, json!({})).await;
    assert!(l["result"]["badges"].as_array().unwrap().iter().any(|b| b["code"] == "t_badge"));
    assert_eq!(rest(&sb, &c, "crm.activity.badge.delete", &t, json!({"code": "t_badge"})).await.1["result"], true);
    assert_eq!(rest(&sb, &c, "crm.activity.badge.get", &t, json!({"code": "t_badge"})).await.1["error"], "NOT_FOUND");
    sb.shutdown().await;
}

/// These codes come from the designer's own validator (`crate::layout::validate_payload`).
#[tokio::test]
async fn layout_errors_use_the_server_codes_and_name_the_path() {
    let (sb, c) = start_default().await;
    let t = sign_in(&sb, &c).await;
    type Mutate = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Mutate, &str)> = vec![
        (
            "FIELD_IS_REQUIRED",
            Box::new(|l| {
                l["body"]["blocks"]["client"]["properties"]["action"].as_object_mut().unwrap().remove("uri");
            }),
            "/body/blocks/client/properties/action/uri",
        ),
        ("ENUM_FIELD", Box::new(|l| l["header"]["tags"]["s"]["type"] = json!("lavender")), "/header/tags/s/type"),
        (
            "TOO_MANY_ITEMS",
            Box::new(|l| {
                l["header"]["tags"] = json!({
            "a": {"title": "A", "type": "success"}, "b": {"title": "B", "type": "success"}, "c": {"title": "C", "type": "success"}})
            }),
            "/header/tags",
        ),
        (
            "KEY_CONTAIN_WRONG_SYMBOLS",
            Box::new(|l| l["body"]["blocks"]["bad key!"] = json!({"type": "text", "properties": {"value": "x"}})),
            "/body/blocks",
        ),
        ("FIELD_IS_REDUNDANT", Box::new(|l| l["icon"]["colour"] = json!("red")), "/icon/colour"),
        ("WRONG_LANG", Box::new(|l| l["header"]["title"] = json!({"xx": "Hallo"})), "/header/title"),
        ("ENUM_FIELD", Box::new(|l| l["icon"]["code"] = json!("no-such-icon")), "/icon/code"),
    ];
    for (code, mutate, path) in cases {
        let mut l = layout();
        mutate(&mut l);
        let (s, v) = rest(&sb, &c, "crm.activity.configurable.add", &t, payload(l)).await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some(code)), "{v}");
        assert!(v["error_description"].as_str().unwrap().contains(path), "{code}: {v}");
    }
    let mut l = layout();
    l["body"]["blocks"]["client"]["properties"]["action"].as_object_mut().unwrap().remove("uri");
    let (_, v) = rest(&sb, &c, "crm.activity.configurable.add", &t, payload(l)).await;
    assert_eq!(
        v["error_description"],
        "Field `uri` is required in `ActionDto` (/body/blocks/client/properties/action/uri)"
    );
    assert!(sb.activities().is_empty());
    sb.shutdown().await;
}

#[tokio::test]
async fn leaky_bucket_rate_limit() {
    let (sb, c) = start(SandboxConfig { rate: (0.5, 3.0), ..Default::default() }).await;
    let t = sign_in(&sb, &c).await;
    for _ in 0..3 {
        assert_eq!(rest(&sb, &c, "profile", &t, json!({})).await.0, StatusCode::OK);
    }
    let (s, v) = rest(&sb, &c, "profile", &t, json!({})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("QUERY_LIMIT_EXCEEDED")));
    // A different token has its own bucket; the forced limit hits it anyway.
    let t2 = sign_in(&sb, &c).await;
    sb.faults().rate_limit_next(1);
    assert_eq!(rest(&sb, &c, "profile", &t2, json!({})).await.0, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(rest(&sb, &c, "profile", &t2, json!({})).await.0, StatusCode::OK);
    sb.shutdown().await;
}

#[tokio::test]
async fn item_list_paging_filters_and_get() {
    let (sb, c) = start_default().await;
    let t = sign_in(&sb, &c).await;
    let (_, p1) = rest(&sb, &c, "crm.item.list", &t, json!({"entityTypeId": 2})).await;
    assert_eq!(p1["result"]["items"].as_array().unwrap().len(), 50);
    assert_eq!((p1["total"].as_u64(), p1["next"].as_u64()), (Some(130), Some(50)));
    let (_, p3) = rest(&sb, &c, "crm.item.list", &t, json!({"entityTypeId": 2, "start": 100})).await;
    assert_eq!(p3["result"]["items"].as_array().unwrap().len(), 30);
    assert!(p3.get("next").is_none());
    let (_, fast) = rest(&sb, &c, "crm.item.list", &t, json!({"entityTypeId": 2, "start": -1})).await;
    assert!(fast.get("total").is_none() && fast.get("next").is_none());
    assert_eq!(fast["result"]["items"].as_array().unwrap().len(), 50);

    // %title search, newest first, selected fields only; same hits as a scan of every page.
    let (_, all) = rest(&sb, &c, "crm.item.list", &t, json!({"entityTypeId": 4, "select": ["id", "title"]})).await;
    let (_, all2) = rest(&sb, &c, "crm.item.list", &t, json!({"entityTypeId": 4, "start": 50})).await;
    let mut want: Vec<u64> = all["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(all2["result"]["items"].as_array().unwrap())
        .filter(|i| i["title"].as_str().unwrap().to_lowercase().contains("north"))
        .map(|i| i["id"].as_u64().unwrap())
        .collect();
    want.reverse();
    assert!(!want.is_empty());
    let (_, f) = rest(
        &sb,
        &c,
        "crm.item.list",
        &t,
        json!({"entityTypeId": 4, "filter": {"%title": "NORTH"}, "order": {"id": "DESC"}, "select": ["id", "title"]}),
    )
    .await;
    let got: Vec<u64> = f["result"]["items"].as_array().unwrap().iter().map(|i| i["id"].as_u64().unwrap()).collect();
    assert_eq!(got, want);
    assert!(f["result"]["items"][0].get("createdTime").is_none());

    // Contacts: OR over name and last name; @id and =id.
    let (_, cs) = rest(
        &sb,
        &c,
        "crm.item.list",
        &t,
        json!({"entityTypeId": 3, "filter": {"0": {"logic": "OR", "%name": "anna", "%lastName": "anna"}}}),
    )
    .await;
    for i in cs["result"]["items"].as_array().unwrap() {
        let s = format!("{} {}", i["name"], i["lastName"]).to_lowercase();
        assert!(s.contains("anna"), "{s}");
    }
    let (_, ids) =
        rest(&sb, &c, "crm.item.list", &t, json!({"entityTypeId": 128, "filter": {"@id": [3, 5, 999]}})).await;
    assert_eq!(ids["total"], 2);
    let (_, one) = rest(&sb, &c, "crm.item.list", &t, json!({"entityTypeId": 1, "filter": {"=id": 7}})).await;
    assert_eq!(one["result"]["items"][0]["id"], 7);
    let (s, v) = rest(&sb, &c, "crm.item.list", &t, json!({"entityTypeId": 2, "order": {"id": "UP"}})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("INVALID_ARG_VALUE")));

    let (_, g) = rest(&sb, &c, "crm.item.get", &t, json!({"entityTypeId": 128, "id": 70})).await;
    assert_eq!(g["result"]["item"]["id"], 70);
    for body in [json!({"entityTypeId": 128, "id": 71}), json!({"entityTypeId": 999, "id": 1})] {
        let (s, v) = rest(&sb, &c, "crm.item.get", &t, body).await;
        assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("NOT_FOUND")));
    }
    let (_, types) = rest(&sb, &c, "crm.enum.ownertype", &t, json!({})).await;
    assert!(types["result"].as_array().unwrap().iter().any(|r| r["ID"] == 128 && r["SYMBOL_CODE"] == "DYNAMIC_128"));
    sb.shutdown().await;
}

#[tokio::test]
async fn batch_envelope_and_limits() {
    let (sb, c) = start_default().await;
    let t = sign_in(&sb, &c).await;
    let (s, v) = rest(
        &sb,
        &c,
        "batch",
        &t,
        json!({"halt": 0, "cmd": {
            "p": "profile",
            "co": "crm.item.list?entityTypeId=4&filter[%title]=north&order[id]=DESC&select[]=id",
            "icons": "crm.timeline.icon.list",
            "nested": "batch?cmd[x]=profile",
            "missing": "no.such.method",
            "item": "crm.item.get?entityTypeId=3&id=$result[p][ID]",
        }}),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let r = &v["result"];
    assert_eq!(r["result"]["p"]["ID"], "1");
    assert!(r["result_total"]["co"].as_u64().unwrap() > 0);
    assert!(
        r["result"]["icons"]["icons"].as_array().unwrap().iter().any(|i| i["isSystem"] == false && i["fileUri"] != "")
    );
    assert_eq!(r["result_error"]["nested"]["error"], "ERROR_BATCH_METHOD_NOT_ALLOWED");
    assert_eq!(r["result_error"]["missing"]["error"], "ERROR_METHOD_NOT_FOUND");
    assert_eq!(r["result"]["item"]["item"]["id"], 1);
    assert!(r["result_time"]["p"]["duration"].is_number());
    // halt stops at the first error.
    let (_, h) = rest(&sb, &c, "batch", &t, json!({"halt": 1, "cmd": {"a": "nope.x", "b": "profile"}})).await;
    assert!(h["result"]["result"].get("b").is_none());
    let cmd: serde_json::Map<String, Value> = (0..51).map(|i| (format!("c{i}"), json!("profile"))).collect();
    let (s, v) = rest(&sb, &c, "batch", &t, json!({"cmd": cmd})).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_REQUEST, Some("ERROR_BATCH_LENGTH_EXCEEDED")));
    sb.shutdown().await;
}

#[tokio::test]
async fn faults_delay_drop_and_5xx() {
    let (sb, c) = start_default().await;
    let t = sign_in(&sb, &c).await;
    let f = sb.faults();
    // 5xx: the method does not run.
    f.fail_next(1, 502);
    let (s, v) = rest(&sb, &c, "crm.activity.configurable.add", &t, payload(layout())).await;
    assert_eq!((s, v["error"].as_str()), (StatusCode::BAD_GATEWAY, Some("INTERNAL_SERVER_ERROR")));
    assert!(sb.activities().is_empty());

    // Dropped connection: no answer at all, but the send did reach the server.
    f.drop_next(1);
    let mut body = payload(layout());
    body["auth"] = json!(t);
    let err = c.post(format!("{}crm.activity.configurable.add", sb.client_endpoint())).json(&body).send().await;
    assert!(err.is_err(), "expected a dropped connection, got {:?}", err.map(|r| r.status()));
    assert_eq!(sb.activities().len(), 1);

    // Delay beyond the client's timeout: the client times out, the activity exists once.
    f.delay_method("crm.activity.configurable.add", Duration::from_millis(600));
    let r = c
        .post(format!("{}crm.activity.configurable.add", sb.client_endpoint()))
        .timeout(Duration::from_millis(150))
        .json(&body)
        .send()
        .await;
    assert!(r.is_err_and(|e| e.is_timeout()));
    assert_eq!(sb.activities().len(), 2);
    assert_eq!(f.calls("crm.activity.configurable.add"), 3);
    f.clear();
    f.delay_next(1, Duration::from_millis(200));
    let started = std::time::Instant::now();
    assert_eq!(rest(&sb, &c, "profile", &t, json!({})).await.0, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(200));
    let started = std::time::Instant::now();
    assert_eq!(rest(&sb, &c, "profile", &t, json!({})).await.0, StatusCode::OK);
    assert!(started.elapsed() < Duration::from_millis(200));

    // The HTTP endpoint for manual use.
    let r = c
        .post(format!("{}/sandbox/faults", sb.base_url()))
        .json(&json!({"failNext": 1, "failStatus": 503}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(rest(&sb, &c, "profile", &t, json!({})).await.0, StatusCode::SERVICE_UNAVAILABLE);
    sb.shutdown().await;
}

#[test]
fn spawn_in_thread_serves_and_stops() {
    let h = b24_activity_designer::sandbox::spawn_in_thread(SandboxConfig::default()).unwrap();
    let url = format!("{}/", h.base_url());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let status = rt.block_on(async { reqwest::get(&url).await.map(|r| r.status()) }).unwrap();
    assert_eq!(status, StatusCode::OK);
    h.shutdown();
    let after = rt.block_on(async { reqwest::get(&url).await });
    assert!(after.is_err());
}
