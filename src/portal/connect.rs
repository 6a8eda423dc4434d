//! On connect: one `batch` of profile, app.info, crm.enum.ownertype, icon, logo and badge lists
//! and activity types → [`PortalInfo`] and a [`Catalog`], cached per portal for offline use.

use super::client::{CallKind, PortalClient};
use super::dirs::AppDirs;
use super::error::PortalError;
use super::profiles::Profile;
use crate::layout::Catalog;
use crate::project::write_atomic_creating_dir;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// A CRM entity type the portal offers (smart processes included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerType {
    pub id: i64,
    pub name: String,
    /// `DEAL`, `DYNAMIC_128`, ...
    pub code: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalInfo {
    pub user_id: Option<i64>,
    pub user_name: String,
    pub is_admin: bool,
    /// Host of the portal (for the status bar).
    pub portal: String,
    pub app_status: Option<String>,
    pub license_family: Option<String>,
    pub owner_types: Vec<OwnerType>,
    /// Commands of the batch that failed (code: description); the rest is still usable.
    pub partial_errors: Vec<String>,
}

impl PortalInfo {
    /// "Jane Doe @ acme.bitrix24.com".
    pub fn status_text(&self) -> String {
        let who = if self.user_name.is_empty() { "signed in".to_string() } else { self.user_name.clone() };
        format!("{who} @ {}", self.portal)
    }
}

/// Built-in entity types when the portal's list is not known yet (portal-api.md §8).
pub fn default_owner_types() -> Vec<OwnerType> {
    [(1, "Lead", "LEAD"), (2, "Deal", "DEAL"), (3, "Contact", "CONTACT"), (4, "Company", "COMPANY")]
        .into_iter()
        .map(|(id, n, c)| OwnerType { id, name: n.into(), code: c.into() })
        .collect()
}

fn int(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())
}

fn codes(v: Option<&Value>, list_key: &str, code_key: &str) -> Option<BTreeSet<String>> {
    let v = v?;
    let arr = v.get(list_key).unwrap_or(v).as_array()?;
    Some(arr.iter().filter_map(|i| i.get(code_key).and_then(Value::as_str).map(str::to_string)).collect())
}

/// Builds info and catalog from the batch's `result` object.
pub fn parse_batch(result: &Value, profile: &Profile) -> (PortalInfo, Catalog) {
    let r = result.get("result").cloned().unwrap_or(Value::Null);
    let mut info = PortalInfo {
        portal: url::Url::parse(&profile.portal_url)
            .ok()
            .and_then(|u| Some(format!("{}{}", u.host_str()?, u.port().map(|p| format!(":{p}")).unwrap_or_default())))
            .unwrap_or_else(|| profile.portal_url.clone()),
        ..Default::default()
    };
    if let Some(p) = r.get("profile") {
        info.user_id = p.get("ID").and_then(int);
        let name = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").trim().to_string();
        info.user_name = format!("{} {}", name("NAME"), name("LAST_NAME")).trim().to_string();
        info.is_admin = matches!(p.get("ADMIN"), Some(Value::Bool(true)))
            || p.get("ADMIN").and_then(Value::as_str).is_some_and(|s| s == "Y" || s == "true");
    }
    if let Some(a) = r.get("app") {
        info.app_status = a.get("STATUS").and_then(Value::as_str).map(str::to_string);
        info.license_family = a.get("LICENSE_FAMILY").and_then(Value::as_str).map(str::to_string);
    }
    info.owner_types = r
        .get("ownertypes")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|t| {
                    Some(OwnerType {
                        id: t.get("ID").and_then(int)?,
                        name: t.get("NAME").and_then(Value::as_str).unwrap_or("").to_string(),
                        code: t.get("SYMBOL_CODE").and_then(Value::as_str).unwrap_or("").to_string(),
                    })
                })
                .collect()
        })
        .filter(|v: &Vec<OwnerType>| !v.is_empty())
        .unwrap_or_else(default_owner_types);
    if let Some(Value::Object(errs)) = result.get("result_error") {
        for (k, e) in errs {
            let code = e.get("error").map(|c| c.as_str().map(str::to_string).unwrap_or(c.to_string()));
            let desc = e.get("error_description").and_then(Value::as_str).unwrap_or("");
            info.partial_errors.push(format!("{k}: {}: {desc}", code.unwrap_or_default()));
        }
    }
    let mut type_ids: Option<BTreeSet<String>> = r.get("types").map(|t| {
        let arr = t.get("types").unwrap_or(t).as_array().cloned().unwrap_or_default();
        arr.iter()
            .filter(|x| x.get("IS_CONFIGURABLE_TYPE").and_then(Value::as_str).is_none_or(|s| s == "Y"))
            .filter_map(|x| x.get("TYPE_ID").and_then(Value::as_str).map(str::to_string))
            .collect()
    });
    if let Some(t) = type_ids.as_mut() {
        t.insert("CONFIGURABLE".into());
    }
    let catalog = Catalog {
        icons: codes(r.get("icons"), "icons", "code"),
        logos: codes(r.get("logos"), "logos", "code"),
        badges: codes(r.get("badges"), "badges", "code"),
        type_ids,
        languages: None,
    };
    (info, catalog)
}

/// Runs the start-up batch.
pub async fn connect(client: &PortalClient) -> Result<(PortalInfo, Catalog), PortalError> {
    let cmd = json!({
        "profile": "profile",
        "app": "app.info",
        "ownertypes": "crm.enum.ownertype",
        "icons": "crm.timeline.icon.list",
        "logos": "crm.timeline.logo.list",
        "badges": "crm.activity.badge.list",
        "types": "crm.activity.type.list",
    });
    let r = client.call("batch", json!({"halt": 0, "cmd": cmd}), CallKind::Read).await?;
    Ok(parse_batch(&r.result, &client.profile()))
}

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    info: PortalInfo,
    catalog: Catalog,
}

fn cache_path(dirs: &AppDirs, profile: &Profile) -> std::path::PathBuf {
    dirs.cache.join("portals").join(format!("{}.json", profile.cache_key()))
}

/// Saves the lists for offline use (no secrets in them).
pub fn save_cache(dirs: &AppDirs, profile: &Profile, info: &PortalInfo, catalog: &Catalog) -> Result<(), String> {
    let text = serde_json::to_string_pretty(&CacheFile { info: info.clone(), catalog: catalog.clone() })
        .map_err(|e| e.to_string())?;
    write_atomic_creating_dir(&cache_path(dirs, profile), text.as_bytes()).map_err(|e| e.to_string())
}

pub fn load_cache(dirs: &AppDirs, profile: &Profile) -> Option<(PortalInfo, Catalog)> {
    let text = std::fs::read_to_string(cache_path(dirs, profile)).ok()?;
    let f: CacheFile = serde_json::from_str(&text).ok()?;
    Some((f.info, f.catalog))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_to_info_and_catalog_and_cache() {
        let batch = json!({"result": {
            "profile": {"ID": "7", "NAME": "Jane", "LAST_NAME": "Doe", "ADMIN": true},
            "ownertypes": [{"ID": 2, "NAME": "Deal", "SYMBOL_CODE": "DEAL"}, {"ID": "128", "NAME": "Orders", "SYMBOL_CODE": "DYNAMIC_128"}],
            "icons": {"icons": [{"code": "call"}, {"code": "custom1"}]},
            "logos": {"logos": [{"code": "bank"}]},
            "badges": {"badges": [{"code": "missed"}]},
            "types": [{"TYPE_ID": "MINE", "IS_CONFIGURABLE_TYPE": "Y"}, {"TYPE_ID": "OTHER", "IS_CONFIGURABLE_TYPE": "N"}]
        }, "result_error": {"app": {"error": "insufficient_scope", "error_description": "no"}}});
        let p = Profile::new("w", "https://acme.bitrix24.com", "id");
        let (info, cat) = parse_batch(&batch, &p);
        assert_eq!(info.status_text(), "Jane Doe @ acme.bitrix24.com");
        assert_eq!(info.user_id, Some(7));
        assert_eq!(info.owner_types[1].id, 128);
        assert!(cat.icons.as_ref().unwrap().contains("custom1"));
        let t = cat.type_ids.clone().unwrap();
        assert!(t.contains("MINE") && t.contains("CONFIGURABLE") && !t.contains("OTHER"));
        assert_eq!(info.partial_errors.len(), 1);
        let tmp = tempfile::tempdir().unwrap();
        let dirs = AppDirs::under(tmp.path());
        save_cache(&dirs, &p, &info, &cat).unwrap();
        assert_eq!(load_cache(&dirs, &p), Some((info, cat)));
    }
}
