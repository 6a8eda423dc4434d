//! Picking the owner element (portal-api.md §9): search as you type with crm.item.list, or
//! confirm a typed id with crm.item.get.

use super::client::{CallKind, PortalClient};
use super::error::PortalError;
use serde_json::{Value, json};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemSummary {
    pub id: i64,
    /// Title, or the person's name for contacts.
    pub title: String,
}

pub const CONTACT: i64 = 3;

fn summary(v: &Value) -> Option<ItemSummary> {
    let id = v.get("id").and_then(|x| x.as_i64().or_else(|| x.as_str()?.parse().ok()))?;
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").trim().to_string();
    let mut title = s("title");
    if title.is_empty() {
        title = [s("name"), s("secondName"), s("lastName")]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    if title.is_empty() {
        title = format!("#{id}");
    }
    Some(ItemSummary { id, title })
}

/// The first page (newest first) of elements whose title (contacts: name) contains `text`.
pub async fn search(client: &PortalClient, entity_type_id: i64, text: &str) -> Result<Vec<ItemSummary>, PortalError> {
    let text = text.trim();
    let filter = if text.is_empty() {
        json!({})
    } else if let Ok(id) = text.parse::<i64>() {
        json!({"=id": id})
    } else if entity_type_id == CONTACT {
        json!({"0": {"logic": "OR", "%name": text, "%lastName": text}})
    } else {
        json!({"%title": text})
    };
    let select = if entity_type_id == CONTACT {
        json!(["id", "name", "secondName", "lastName"])
    } else {
        json!(["id", "title"])
    };
    let params = json!({"entityTypeId": entity_type_id, "select": select, "filter": filter, "order": {"id": "DESC"}, "start": -1});
    let r = client.call("crm.item.list", params, CallKind::Read).await?;
    let items = r.result.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
    Ok(items.iter().filter_map(summary).collect())
}

/// Confirms a typed-in id.
pub async fn get(client: &PortalClient, entity_type_id: i64, id: i64) -> Result<ItemSummary, PortalError> {
    let r = client.call("crm.item.get", json!({"entityTypeId": entity_type_id, "id": id}), CallKind::Read).await?;
    r.result.get("item").and_then(summary).ok_or_else(|| {
        PortalError::new(super::error::ErrorKind::Portal, "NOT_FOUND", format!("element {id} was not found"))
    })
}

/// Browser address of an element (portal-api.md §8).
pub fn element_url(portal_url: &str, entity_type_id: i64, id: i64) -> String {
    let base = portal_url.trim_end_matches('/');
    match entity_type_id {
        1 => format!("{base}/crm/lead/details/{id}/"),
        2 => format!("{base}/crm/deal/details/{id}/"),
        3 => format!("{base}/crm/contact/details/{id}/"),
        4 => format!("{base}/crm/company/details/{id}/"),
        t => format!("{base}/crm/type/{t}/details/{id}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_and_urls() {
        assert_eq!(summary(&json!({"id": 5, "title": "Big deal"})).unwrap().title, "Big deal");
        assert_eq!(
            summary(&json!({"id": "6", "name": "Ann", "lastName": "Lee"})).unwrap(),
            ItemSummary { id: 6, title: "Ann Lee".into() }
        );
        assert_eq!(summary(&json!({"id": 7})).unwrap().title, "#7");
        assert!(summary(&json!({"title": "x"})).is_none());
        assert_eq!(element_url("https://a.b/", 2, 9), "https://a.b/crm/deal/details/9/");
        assert_eq!(element_url("https://a.b", 128, 9), "https://a.b/crm/type/128/details/9/");
    }
}
