//! Read-only helper methods: CRM items and types, timeline icon/logo lists, activity types,
//! `profile`, `user.current`, `app.info` (portal-api.md §8–§10).

use super::items;
use super::rest::{Caller, MethodResult, Out, unknown_method};
use super::seed::{self, SPA_ID};
use super::state::Shared;
use crate::layout::enums::{ICON_CODES, LOGO_CODES};
use serde_json::{Value, json};

/// The custom (non-system) icon and logo every sandbox portal has, to exercise `fileUri`.
pub const CUSTOM_ICON: &str = "sandbox-rocket";
pub const CUSTOM_LOGO: &str = "sandbox-rocket";
/// Portal languages (`WRONG_LANG` for any other translation key).
pub const LANGUAGES: &[&str] = &["en", "de", "ru"];
/// A custom activity type registered by the default app (`fields.typeId`).
pub const CUSTOM_TYPE_ID: &str = "SANDBOX_VISIT";

pub fn call(sh: &Shared, caller: &Caller, method: &str, params: &Value) -> MethodResult {
    match method {
        "crm.item.list" => items::list(&sh.store(), params),
        "crm.item.get" => items::get(&sh.store(), params),
        "crm.enum.ownertype" => Ok(Out::new(seed::owner_types())),
        "crm.type.list" => Ok(Out { total: Some(1), ..Out::new(json!({"types": [spa_type()]})) }),
        "crm.timeline.icon.list" => Ok(code_list("icons", ICON_CODES, CUSTOM_ICON, &sh.base)),
        "crm.timeline.logo.list" => Ok(code_list("logos", LOGO_CODES, CUSTOM_LOGO, &sh.base)),
        "crm.activity.type.list" => Ok(Out::new(json!([{
            "ID": "1", "TYPE_ID": CUSTOM_TYPE_ID, "NAME": "Site visit", "ICON_ID": "", "IS_CONFIGURABLE_TYPE": "Y",
        }]))),
        "profile" => Ok(Out::new(json!({
            "ID": caller.user_id().to_string(), "ADMIN": true, "NAME": "Sandbox", "LAST_NAME": "User",
            "PERSONAL_GENDER": "", "PERSONAL_PHOTO": null, "TIME_ZONE": "", "TIME_ZONE_OFFSET": 0,
        }))),
        "user.current" => Ok(Out::new(json!({
            "ID": caller.user_id().to_string(), "ACTIVE": true, "NAME": "Sandbox", "LAST_NAME": "User",
            "SECOND_NAME": "", "EMAIL": "sandbox.user@example.com", "PERSONAL_PHOTO": null,
            "UF_DEPARTMENT": [1], "IS_ONLINE": "Y", "TIME_ZONE": "", "USER_TYPE": "employee",
        }))),
        "app.info" => {
            let code = match caller {
                Caller::App { client_id, .. } => client_id.clone(),
                Caller::Webhook { .. } => String::new(),
            };
            Ok(Out::new(json!({
                "ID": 1, "CODE": code, "VERSION": 1, "STATUS": "L", "INSTALLED": true, "PAYMENT_EXPIRED": "N",
                "DAYS": null, "LANGUAGE_ID": "en", "LICENSE": "en_project", "LICENSE_TYPE": "project",
                "LICENSE_FAMILY": "project",
            })))
        }
        m => unknown_method(m),
    }
}

fn spa_type() -> Value {
    json!({
        "id": 1, "entityTypeId": SPA_ID, "title": "Projects", "code": "", "createdBy": 1,
        "isCategoriesEnabled": "Y", "isStagesEnabled": "Y", "isClientEnabled": "Y", "isUseInUserfieldEnabled": "Y",
        "createdTime": "2026-01-05T09:00:00+00:00", "updatedTime": "2026-01-05T09:00:00+00:00",
    })
}

fn code_list(key: &str, system: &[&str], custom: &str, base: &str) -> Out {
    let mut list: Vec<Value> = system.iter().map(|c| json!({"code": c, "isSystem": true, "fileUri": ""})).collect();
    list.push(json!({"code": custom, "isSystem": false, "fileUri": format!("{base}/sandbox/custom-icon.svg")}));
    let n = list.len() as u64;
    Out { total: Some(n), ..Out::new(json!({ key: list })) }
}
