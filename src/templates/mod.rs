//! Starter templates: realistic cards an integrator would build, embedded in the binary.
//! Each is a project file under `assets/templates/`. Together they use every block type, every
//! action type, tags, both button types, the menu with items (and sections) and translations.

use crate::project::{self, Project};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TemplateInfo {
    /// Stable id (`new --template ID`), also the asset file name.
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
}

macro_rules! templates {
    ($( $id:literal, $title:literal, $desc:literal; )*) => {
        const INFOS: &[TemplateInfo] = &[ $( TemplateInfo { id: $id, title: $title, description: $desc }, )* ];
        const SOURCES: &[&str] = &[ $( include_str!(concat!("../../assets/templates/", $id, ".json")), )* ];
    };
}

templates! {
    "incoming-call", "Incoming call",
        "A completed incoming call from a telephony app: client link and phone, duration, summary, call-back and recording buttons.";
    "outgoing-message", "Outgoing message",
        "A message sent to a customer through a messenger channel, with the text, recipient and an Open chat slider.";
    "signed-document", "Signed document",
        "An e-signature envelope signed by all parties: document link, signers, Download PDF and Send a copy.";
    "delivery-status", "Delivery status",
        "A shipment in transit: route on one line, carrier tracking link, last scan and the delivery deadline.";
    "payment", "Payment",
        "An invoice awaiting payment: amount, due date, payment link button and a refund slider in the menu.";
    "meeting", "Meeting",
        "A video meeting with its start time, participants, agenda, Join call and Reschedule buttons.";
    "approval-request", "Approval request",
        "A discount approval with Approve/Reject events and a sectioned menu (newer-portal features).";
    "multi-language-card", "Multi-language card",
        "A support ticket card with every text translated into English, Russian and German.";
}

/// All templates, in gallery order.
pub fn list() -> &'static [TemplateInfo] {
    INFOS
}

/// The template's project file text (as embedded).
pub fn source(id: &str) -> Option<&'static str> {
    INFOS.iter().position(|t| t.id == id).map(|i| SOURCES[i])
}

/// A fresh project from the template, or `None` for an unknown id.
pub fn get(id: &str) -> Option<Project> {
    let text = source(id)?;
    // Embedded assets are checked by the tests below; a broken one is simply not offered.
    project::load_bytes(text.as_bytes(), id).ok().map(|l| l.project)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::LAYOUT;
    use crate::layout::enums;
    use serde_json::Value;
    use std::collections::BTreeSet;

    #[test]
    fn every_template_loads_cleanly() {
        assert!(list().len() >= 8);
        let ids: BTreeSet<_> = list().iter().map(|t| t.id).collect();
        assert_eq!(ids.len(), list().len(), "duplicate template ids");
        for t in list() {
            let loaded = project::load_bytes(source(t.id).unwrap().as_bytes(), t.id).unwrap();
            assert_eq!(loaded.kind, project::SourceKind::Project, "{}", t.id);
            assert!(loaded.warnings.is_empty(), "{}: {:?}", t.id, loaded.warnings);
            assert_eq!(loaded.project.name, t.title, "{}", t.id);
            assert!(get(t.id).is_some());
        }
        assert!(get("no-such-template").is_none());
    }

    fn walk(v: &Value, path: &str, seen: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                let is_block = m.contains_key("type") && (m.contains_key("properties") || path.contains("/blocks/"));
                if let Some(t) = m.get("type").and_then(Value::as_str) {
                    if path.ends_with("action") || path.ends_with("titleAction") {
                        seen.insert(format!("action:{t}"));
                    } else if path.contains("/buttons/") && !path.ends_with("action") {
                        seen.insert(format!("button:{t}"));
                    } else if is_block {
                        seen.insert(format!("block:{t}"));
                    }
                }
                if path.ends_with("/tags") && !m.is_empty() {
                    seen.insert("tags".into());
                }
                if path.ends_with("/menu/items") && !m.is_empty() {
                    seen.insert("menu-items".into());
                }
                let translatable = ["title", "value", "text"];
                for (k, child) in m {
                    if translatable.contains(&k.as_str()) && child.is_object() && path.contains("layout") {
                        seen.insert("translation".into());
                    }
                    walk(child, &format!("{path}/{k}"), seen);
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| walk(c, &format!("{path}/{i}"), seen)),
            _ => {}
        }
    }

    #[test]
    fn templates_cover_every_feature_and_use_system_codes() {
        let mut seen = BTreeSet::new();
        for t in list() {
            let p = get(t.id).unwrap();
            walk(&p.layout, LAYOUT, &mut seen);
            let icon = p.layout["icon"]["code"].as_str().unwrap();
            let logo = p.layout["body"]["logo"]["code"].as_str().unwrap();
            assert!(enums::ICON_CODES.contains(&icon), "{}: icon {icon}", t.id);
            assert!(enums::LOGO_CODES.contains(&logo), "{}: logo {logo}", t.id);
        }
        let mut want: Vec<String> = enums::BLOCK_TYPES.iter().map(|b| format!("block:{b}")).collect();
        want.extend(enums::ACTION_TYPES.iter().map(|a| format!("action:{a}")));
        want.extend(enums::BUTTON_TYPES.iter().map(|b| format!("button:{b}")));
        want.extend(["tags", "menu-items", "translation"].map(String::from));
        for w in want {
            assert!(seen.contains(&w), "no template uses {w}; seen {seen:?}");
        }
    }
}
