//! "What would happen": the effect of clicking an action in the real timeline (layout.md §5),
//! explained instead of performed. The preview never navigates.

use regex::Regex;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

use crate::layout::model::Action;

/// Who and where the card lives, for the event payload. `None` shows a placeholder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActionContext {
    pub owner_type_id: Option<i64>,
    pub owner_id: Option<i64>,
    pub activity_id: Option<i64>,
    pub user_id: Option<i64>,
}

/// The explanation shown in the popup.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionInfo {
    /// Document pointer of the clicked element.
    pub pointer: String,
    /// One-line summary, e.g. "Redirect: opens in a slider".
    pub headline: String,
    /// Further plain sentences.
    pub notes: Vec<String>,
    /// The resolved target (redirect) or the payload (restEvent/openRestApp), pretty JSON.
    pub target: Option<String>,
    pub payload: Option<String>,
}

fn slider_paths() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^/(crm/(deal|lead|contact|company|quote|invoice|type/\d+)/details/\d+/?|company/personal/user/\d+/?|crm/type/\d+/details/\d+/?)([?#].*)?$",
        )
        .expect("static regex")
    })
}

fn placeholder(v: Option<i64>, name: &str) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| format!("<{name}>"))
}

/// `actionParams` as the app receives them: every value a string (layout.md §5.2).
fn params_as_strings(action: &Action) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in action.action_params.iter().flatten() {
        let s = match v {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            Value::Bool(b) => if *b { "1" } else { "" }.to_string(),
            other => other.to_string(),
        };
        out.insert(k.clone(), Value::String(s));
    }
    out
}

/// Explains one action.
pub fn explain(pointer: &str, action: &Action, cx: &ActionContext, mobile: bool) -> ActionInfo {
    let mut info = ActionInfo {
        pointer: pointer.to_string(),
        headline: String::new(),
        notes: vec![],
        target: None,
        payload: None,
    };
    match action.kind.as_deref() {
        Some("redirect") => explain_redirect(&mut info, action.uri.as_deref()),
        Some("restEvent") => {
            let id = action.id.clone().unwrap_or_default();
            info.headline = format!("REST event onCrmTimelineItemAction, id \"{id}\"");
            let payload = json!({
                "event": "ONCRMTIMELINEITEMACTION",
                "data": {
                    "id": id,
                    "entityTypeId": placeholder(cx.owner_type_id, "ownerTypeId"),
                    "entityId": placeholder(cx.owner_id, "ownerId"),
                    "activityId": placeholder(cx.activity_id, "activityId"),
                    "actionParams": Value::Object(params_as_strings(action)),
                },
                "auth": { "user_id": placeholder(cx.user_id, "clicking user id"), "application_token": "<app token>" },
            });
            info.payload = serde_json::to_string_pretty(&payload).ok();
            info.notes.push("Sent only to the app that created the activity; the designer's own app has no handler, so nothing visible happens in the portal.".into());
            info.notes.push("The user comes from auth[user_id] ([D] also names a userId field [?]); every actionParams value arrives as a string.".into());
            if action.id.as_deref().unwrap_or("").is_empty() {
                info.notes.push("No id: the portal rejects the layout (FIELD_IS_REQUIRED).".into());
            }
            match action.animation_type.as_deref() {
                Some("loader") => info.notes.push("animationType loader: the whole card is locked under a spinner until the app calls crm.activity.configurable.update.".into()),
                Some("disable") => info.notes.push("animationType disable: the clicked button is disabled until the app calls crm.activity.configurable.update.".into()),
                _ => {}
            }
        }
        Some("openRestApp") => {
            info.headline = "Opens the app's UI in a slider (placement parameters below)".into();
            let mut placement = params_as_strings(action);
            placement.insert("entityTypeId".into(), placeholder(cx.owner_type_id, "ownerTypeId").into());
            placement.insert("entityId".into(), placeholder(cx.owner_id, "ownerId").into());
            placement.insert("activityId".into(), placeholder(cx.activity_id, "activityId").into());
            let mut payload = json!({ "placementOptions": Value::Object(placement) });
            if let Some(sp) = &action.slider_params {
                payload["sliderParams"] = Value::Object(sp.raw.clone());
                if sp.raw.is_empty() {
                    let mut m = Map::new();
                    for (k, v) in [("width", sp.width), ("leftBoundary", sp.left_boundary)] {
                        if let Some(v) = v {
                            m.insert(k.into(), v.into());
                        }
                    }
                    for (k, v) in [
                        ("title", &sp.title),
                        ("labelText", &sp.label_text),
                        ("labelBgColor", &sp.label_bg_color),
                        ("labelColor", &sp.label_color),
                    ] {
                        if let Some(v) = v {
                            m.insert(k.into(), v.clone().into());
                        }
                    }
                    payload["sliderParams"] = Value::Object(m);
                }
            }
            info.payload = serde_json::to_string_pretty(&payload).ok();
            info.notes.push(
                "The designer's local app has no UI of its own, so in the portal this slider shows nothing useful [?]."
                    .into(),
            );
            if mobile {
                info.notes.push("Not supported in the mobile app: nothing happens there.".into());
            }
        }
        Some(other) => {
            info.headline = format!("Unknown action type \"{other}\": the portal rejects the layout (ENUM_FIELD)");
        }
        None => info.headline = "Action without a type: the portal rejects the layout (FIELD_IS_REQUIRED)".into(),
    }
    info
}

fn explain_redirect(info: &mut ActionInfo, uri: Option<&str>) {
    let uri = uri.unwrap_or("").trim();
    if uri.is_empty() {
        info.headline = "Redirect without a uri: the portal rejects it (FIELD_IS_REQUIRED)".into();
        return;
    }
    let lower = uri.to_ascii_lowercase();
    let external = lower.starts_with("//") || lower.split_once("://").is_some_and(|(s, _)| !s.contains('/'));
    info.target = Some(if uri.starts_with('/') && !uri.starts_with("//") {
        format!("https://<portal>{uri}")
    } else {
        uri.to_string()
    });
    info.headline = if external {
        "Redirect to an external address: opens in a new browser tab".into()
    } else if slider_paths().is_match(uri) {
        "Redirect to a portal object: opens in a slider over the timeline".into()
    } else if uri.starts_with('/') {
        "Redirect to a portal page: navigates in the same tab".into()
    } else {
        "Redirect relative to the current page: navigates in the same tab".into()
    };
    if lower.starts_with("javascript:") {
        info.notes.push("A javascript: address is not a navigation target.".into());
    }
}

/// Draws the popup; returns false when the user closed it.
pub fn popup_ui(ctx: &egui::Context, info: &ActionInfo) -> bool {
    let mut open = true;
    egui::Window::new("What this click would do")
        .id(egui::Id::unique("preview_action_info"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(420.0)
        .default_pos(ctx.input(|i| i.pointer.interact_pos()).unwrap_or_default() + egui::vec2(12.0, 12.0))
        .show(ctx, |ui| {
            ui.label(egui::RichText::new(&info.headline).strong());
            ui.small(format!("Element: {}", info.pointer));
            if let Some(t) = &info.target {
                ui.horizontal(|ui| {
                    ui.label("Target:");
                    ui.monospace(t);
                });
            }
            for n in &info.notes {
                ui.label(n);
            }
            if let Some(p) = &info.payload {
                egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                    ui.monospace(p);
                });
            }
            ui.small("The preview never navigates or calls the portal.");
        });
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;

    fn redirect(uri: &str) -> Action {
        Action { kind: Some("redirect".into()), uri: Some(uri.into()), ..Default::default() }
    }

    #[test]
    fn redirect_targets() {
        let cx = ActionContext::default();
        let i = explain("/p", &redirect("/crm/deal/details/1/"), &cx, false);
        assert!(i.headline.contains("slider"), "{}", i.headline);
        assert_eq!(i.target.as_deref(), Some("https://<portal>/crm/deal/details/1/"));
        assert!(explain("/p", &redirect("https://example.com/x"), &cx, false).headline.contains("new browser tab"));
        assert!(explain("/p", &redirect("/stream/"), &cx, false).headline.contains("same tab"));
        assert!(explain("/p", &redirect(""), &cx, false).headline.contains("FIELD_IS_REQUIRED"));
    }

    #[test]
    fn rest_event_payload_has_string_params_and_lock_note() {
        let mut params = IndexMap::new();
        params.insert("clientId".to_string(), json!(456));
        params.insert("flag".to_string(), json!(true));
        let a = Action {
            kind: Some("restEvent".into()),
            id: Some("confirm".into()),
            action_params: Some(params),
            animation_type: Some("loader".into()),
            ..Default::default()
        };
        let cx = ActionContext { owner_type_id: Some(2), owner_id: Some(7), ..Default::default() };
        let i = explain("/p", &a, &cx, false);
        let v: Value = serde_json::from_str(i.payload.as_deref().unwrap()).unwrap();
        assert_eq!(v["data"]["actionParams"]["clientId"], "456");
        assert_eq!(v["data"]["entityTypeId"], "2");
        assert_eq!(v["data"]["id"], "confirm");
        assert!(v["auth"]["user_id"].is_string());
        assert!(i.notes.iter().any(|n| n.contains("spinner")));
    }

    #[test]
    fn open_rest_app_lists_placement_and_slider() {
        let a = Action { kind: Some("openRestApp".into()), ..Default::default() };
        let i = explain("/p", &a, &ActionContext::default(), true);
        let v: Value = serde_json::from_str(i.payload.as_deref().unwrap()).unwrap();
        assert_eq!(v["placementOptions"]["activityId"], "<activityId>");
        assert!(i.notes.iter().any(|n| n.contains("mobile")));
    }
}
