//! OAuth 2.0 for a local application (portal-api.md §2–3): the authorize page, one-time codes
//! valid `code_ttl`, and the token endpoint with the `authorization_code` and `refresh_token`
//! grants. Refresh tokens rotate: the one used is gone at once.

use super::pages::{escape, page};
use super::state::{AccessToken, AuthCode, RefreshToken, SANDBOX_USER_ID, Shared, random_token, unix_now};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

pub const SCOPE: &str = "crm,user_brief,basic";

pub fn authorize_url(base: &str, client_id: &str, state: &str) -> String {
    let q: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", client_id)
        .append_pair("state", state)
        .finish();
    format!("{base}/oauth/authorize/?{q}")
}

/// `GET /oauth/authorize/?client_id&state[&approve=1]`: an approve page, or with `approve=1`
/// a 302 to the app's redirect URI with `code, state, domain, member_id, scope, server_domain`.
/// Failures show an error page and never redirect, like the portal.
pub async fn authorize(State(sh): State<Arc<Shared>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let client_id = q.get("client_id").map(String::as_str).unwrap_or("");
    let state = q.get("state").map(String::as_str).unwrap_or("");
    let redirect = {
        let store = sh.store();
        match store.apps.get(client_id) {
            Some(app) => app.redirect_uri.clone().unwrap_or_else(|| format!("{}/sandbox/callback", sh.base)),
            None => {
                let body = format!(
                    "<h1>Application not found</h1><p>No local application with client_id <code>{}</code> is \
                     installed on this sandbox portal.</p>",
                    escape(client_id)
                );
                return (StatusCode::BAD_REQUEST, Html(page("Authorization error", &body))).into_response();
            }
        }
    };
    if q.get("approve").map(String::as_str) != Some("1") {
        let approve = format!("{}&approve=1", authorize_url(&sh.base, client_id, state));
        let body = format!(
            "<h1>Allow access?</h1><p>The application <code>{}</code> asks for access to this sandbox portal \
             (scopes: {SCOPE}) as <b>Sandbox User</b>.</p><p><a class=\"btn\" id=\"approve\" href=\"{}\">Approve</a></p>",
            escape(client_id),
            escape(&approve)
        );
        return Html(page("Sandbox portal — authorize", &body)).into_response();
    }
    let code = random_token(32);
    let mut store = sh.store();
    store.sweep();
    store.add_code(
        code.clone(),
        AuthCode { client_id: client_id.to_string(), expires_at: Instant::now() + sh.cfg.code_ttl },
    );
    drop(store);
    let params: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("code", &code)
        .append_pair("state", state)
        .append_pair("domain", &sh.domain)
        .append_pair("member_id", &sh.cfg.member_id)
        .append_pair("scope", SCOPE)
        .append_pair("server_domain", &sh.domain)
        .finish();
    let sep = if redirect.contains('?') { '&' } else { '?' };
    let location = format!("{redirect}{sep}{params}");
    (StatusCode::FOUND, [(header::LOCATION, location), (header::CACHE_CONTROL, "no-store".to_string())]).into_response()
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (status, Json(json!({"error": error, "error_description": description}))).into_response()
}

/// `GET /oauth/token/?grant_type=…&client_id=…&client_secret=…&(code|refresh_token)=…`
/// (a form POST with the same fields is accepted too).
pub async fn token(
    State(sh): State<Arc<Shared>>,
    Query(mut q): Query<HashMap<String, String>>,
    body: String,
) -> Response {
    // Form-encoded POST bodies complement the query string.
    for (k, v) in url::form_urlencoded::parse(body.as_bytes()) {
        q.entry(k.into_owned()).or_insert_with(|| v.into_owned());
    }
    let get = |k: &str| q.get(k).map(String::as_str).filter(|s| !s.is_empty());
    let (Some(grant), Some(client_id), Some(secret)) = (get("grant_type"), get("client_id"), get("client_secret"))
    else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "grant_type, client_id and client_secret are required",
        );
    };
    let mut store = sh.store();
    store.sweep();
    match store.apps.get(client_id) {
        Some(app) if app.client_secret == secret => {}
        _ => return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "Invalid client_id or client_secret"),
    }
    let user_id = match grant {
        "authorization_code" => {
            let Some(code) = get("code") else {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "code is required");
            };
            // One-time: the code is gone whatever the outcome.
            match store.codes.remove(code) {
                Some(c) if c.client_id == client_id && c.expires_at > Instant::now() => SANDBOX_USER_ID,
                _ => {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Invalid or expired authorization code",
                    );
                }
            }
        }
        "refresh_token" => {
            let Some(rt) = get("refresh_token") else {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "refresh_token is required");
            };
            match store.refresh.get(rt) {
                Some(r) if r.client_id == client_id && r.expires_at > Instant::now() => {
                    let user = r.user_id;
                    store.refresh.remove(rt);
                    user
                }
                _ => return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "Invalid or expired refresh token"),
            }
        }
        _ => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "Unsupported grant_type"),
    };
    let now = Instant::now();
    let access = random_token(40);
    let refresh = random_token(40);
    store.add_access(
        access.clone(),
        AccessToken { client_id: client_id.to_string(), user_id, expires_at: now + sh.cfg.access_ttl },
    );
    store.add_refresh(
        refresh.clone(),
        RefreshToken { client_id: client_id.to_string(), user_id, expires_at: now + sh.cfg.refresh_ttl },
    );
    drop(store);
    let ttl = sh.cfg.access_ttl.as_secs();
    Json(json!({
        "access_token": access,
        "expires": (unix_now() + sh.cfg.access_ttl.as_secs_f64()).floor() as u64,
        "expires_in": ttl,
        "scope": SCOPE,
        "domain": sh.domain,
        "server_endpoint": format!("{}/rest/", sh.base),
        "status": "L",
        "client_endpoint": format!("{}/rest/", sh.base),
        "member_id": sh.cfg.member_id,
        "user_id": user_id,
        "refresh_token": refresh,
    }))
    .into_response()
}
