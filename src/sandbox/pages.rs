//! HTML pages: the root page (received activities drawn as simple cards), the default OAuth
//! callback page and the custom icon. Everything user-supplied is escaped.

use super::activity_methods::subject;
use super::state::Shared;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#eef2f4;color:#333;margin:24px}\
.card{background:#fffbe6;border-radius:12px;padding:12px 16px;margin:12px 0;max-width:640px;box-shadow:0 1px 2px #0002}\
.head{display:flex;gap:8px;align-items:center}.title{font-weight:600}.meta{color:#889;font-size:12px}\
.tag{border-radius:10px;padding:1px 8px;font-size:11px;text-transform:uppercase;background:#dfe6ea}\
.tag.success{background:#e1f5c4}.tag.failure{background:#ffd7d7}.tag.warning{background:#fff1b8}\
.tag.primary{background:#d5f1fc}.block{margin:4px 0}.btn{display:inline-block;border:1px solid #bbb;\
border-radius:16px;padding:3px 14px;margin:6px 6px 0 0;text-decoration:none;color:#333;background:#fff}\
.btn.primary{background:#bbed21;border-color:#bbed21}code{background:#fff;padding:1px 4px}";

pub fn page(title: &str, body: &str) -> String {
    page_with_head(title, "", body)
}

fn page_with_head(title: &str, head: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\">{head}<title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>",
        escape(title)
    )
}

/// textWithTranslation → plain text (`en`, then the first language).
fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(m)) => {
            m.get("en").or_else(|| m.values().next()).and_then(Value::as_str).unwrap_or("").into()
        }
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn block_text(b: &Value, deadline: Option<&str>) -> String {
    let p = b.get("properties");
    let prop = |k: &str| text(p.and_then(|p| p.get(k)));
    match b.get("type").and_then(Value::as_str) {
        Some("text") | Some("largeText") => escape(&prop("value")),
        Some("link") => format!("<u>{}</u>", escape(&prop("text"))),
        Some("withTitle") => {
            let inner = p.and_then(|p| p.get("block")).map(|x| block_text(x, deadline)).unwrap_or_default();
            format!("<span class=\"meta\">{}</span> {inner}", escape(&prop("title")))
        }
        Some("lineOfBlocks") => p
            .and_then(|p| p.get("blocks"))
            .and_then(Value::as_object)
            .map(|m| m.values().map(|x| block_text(x, deadline)).collect::<Vec<_>>().join(" "))
            .unwrap_or_default(),
        Some("deadline") => format!("Deadline: {}", escape(deadline.unwrap_or("none"))),
        _ => String::new(),
    }
}

pub async fn root_page(State(sh): State<Arc<Shared>>) -> Html<String> {
    let store = sh.store();
    let mut body = format!(
        "<h1>Sandbox portal</h1><p class=\"meta\">REST: <code>{0}/rest/</code> · token endpoint: \
         <code>{0}/oauth/token/</code> · client_id: <code>{1}</code></p><h2>Activities received ({2})</h2>",
        escape(&sh.base),
        escape(&sh.cfg.client_id),
        store.activities.len()
    );
    if store.activities.is_empty() {
        body.push_str("<p>No activity yet. Send one from the designer (profile “Sandbox”).</p>");
    }
    for a in store.activities.values().rev() {
        let l = &a.layout;
        let deadline = a.fields.get("deadline").and_then(Value::as_str);
        let _ = write!(
            body,
            "<div class=\"card\" id=\"activity-{}\"><div class=\"head\"><span class=\"title\">{}</span>",
            a.id,
            escape(&subject(l))
        );
        if let Some(tags) = l.pointer("/header/tags").and_then(Value::as_object) {
            for t in tags.values() {
                let ty = t.get("type").and_then(Value::as_str).unwrap_or("");
                let _ = write!(body, "<span class=\"tag {}\">{}</span>", escape(ty), escape(&text(t.get("title"))));
            }
        }
        let _ = write!(
            body,
            "<span class=\"meta\">#{} · owner {}:{} · {}</span></div>",
            a.id,
            a.owner_type_id,
            a.owner_id,
            escape(&a.created)
        );
        if let Some(blocks) = l.pointer("/body/blocks").and_then(Value::as_object) {
            for b in blocks.values() {
                let _ = write!(body, "<div class=\"block\">{}</div>", block_text(b, deadline));
            }
        }
        if let Some(buttons) = l.pointer("/footer/buttons").and_then(Value::as_object) {
            for b in buttons.values() {
                let ty = b.get("type").and_then(Value::as_str).unwrap_or("");
                let _ = write!(body, "<span class=\"btn {}\">{}</span>", escape(ty), escape(&text(b.get("title"))));
            }
        }
        body.push_str("</div>");
    }
    // Refreshes itself so a card sent from the designer shows up without a reload.
    Html(page_with_head("Sandbox portal", "<meta http-equiv=\"refresh\" content=\"5\">", &body))
}

/// Where approval lands when the app has no redirect URI: shows the code to paste.
pub async fn callback_page(Query(q): Query<HashMap<String, String>>) -> Html<String> {
    let code = q.get("code").map(String::as_str).unwrap_or("");
    Html(page(
        "Sandbox sign-in",
        &format!(
            "<h1>Approved</h1><p>Authorization code (valid 30 s, one use): <code id=\"code\">{}</code></p>",
            escape(code)
        ),
    ))
}

pub async fn custom_icon() -> Response {
    const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"#2fc6f6\" \
                       d=\"M12 2c3 2 5 6 5 10l-2 4H9l-2-4c0-4 2-8 5-10zm0 6a2 2 0 100 4 2 2 0 000-4zM9 18h6l-3 4z\"/></svg>";
    ([(header::CONTENT_TYPE, "image/svg+xml")], SVG).into_response()
}
