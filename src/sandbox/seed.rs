//! Deterministic seed data: 120 leads, 130 deals, 80 contacts, 60 companies and 70 items of the
//! smart process 128 "Projects" — enough that paging by 50 matters. A fixed LCG keeps every run
//! (and every test) identical.

use serde_json::{Value, json};
use std::collections::BTreeMap;

pub const SPA_ID: u64 = 128;

const FIRST: &[&str] = &[
    "Anna", "Boris", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Irina", "Jonas", "Katya", "Lukas", "Maria",
    "Nikolai", "Olga", "Pavel", "Quinn", "Rosa", "Sergei", "Tanya", "Ulrich", "Vera", "Walter", "Yana", "Zoe",
];
const LAST: &[&str] = &[
    "Ivanova",
    "Schmidt",
    "Petrov",
    "Müller",
    "Novak",
    "Kowalski",
    "Garcia",
    "Smith",
    "Johnson",
    "Kuznetsov",
    "Weber",
    "Fischer",
    "Rossi",
    "Dubois",
    "Andersen",
    "Nowak",
    "Horvat",
    "Lindqvist",
    "Sokolov",
    "O'Brien",
];
const MIDDLE: &[&str] = &["", "", "Alexandrovna", "Petrovich", "Marie", "James", "", "Ivanovich"];
const CO_A: &[&str] = &[
    "Northwind",
    "Bluebird",
    "Granite",
    "Silverline",
    "Redwood",
    "Sunrise",
    "Polar",
    "Atlas",
    "Cobalt",
    "Evergreen",
    "Harbor",
    "Ironbridge",
    "Juniper",
    "Keystone",
    "Lighthouse",
];
const CO_B: &[&str] = &["Logistics", "Foods", "Systems", "Consulting", "Textiles", "Energy", "Media", "Motors"];
const CO_C: &[&str] = &["LLC", "Ltd", "GmbH", "Inc.", "Group"];
const PRODUCTS: &[&str] = &[
    "CRM licences",
    "Warehouse scanners",
    "Delivery contract",
    "Office furniture",
    "Annual support",
    "Cloud storage",
    "Training course",
    "Website redesign",
    "Fleet tracking",
    "Coffee machines",
];
const LEAD_SRC: &[&str] = &["Website form", "Incoming call", "Trade fair", "E-mail", "Partner referral", "Chat"];
const PROJ_A: &[&str] = &["Apollo", "Borealis", "Cascade", "Delta", "Ember", "Falcon", "Glacier", "Horizon", "Ion"];
const PROJ_B: &[&str] = &["migration", "rollout", "audit", "launch", "pilot", "integration", "upgrade"];

struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        list[((self.0 >> 33) % list.len() as u64) as usize]
    }
    fn num(&mut self, max: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % max
    }
}

fn created(i: u64) -> String {
    // Spread over 2026, newest last, so `id` and `createdTime` orders agree.
    let day = 1 + (i * 2) % 28;
    let month = 1 + (i / 14).min(10);
    format!("2026-{month:02}-{day:02}T{:02}:{:02}:00+00:00", 8 + i % 10, (i * 7) % 60)
}

fn company(r: &mut Lcg) -> String {
    format!("{} {} {}", r.pick(CO_A), r.pick(CO_B), r.pick(CO_C))
}

/// Items per entityTypeId: 1 lead, 2 deal, 3 contact, 4 company, 7 quote (none), 31 smart
/// invoice (none), 128 the smart process.
pub fn items() -> BTreeMap<u64, Vec<Value>> {
    let mut r = Lcg(0x05ee_db24);
    let mut m = BTreeMap::new();
    m.insert(
        1,
        (1..=120)
            .map(|id| {
                let (n, l) = (r.pick(FIRST), r.pick(LAST));
                json!({"id": id, "title": format!("{} — {} ({})", company(&mut r), r.pick(PRODUCTS), r.pick(LEAD_SRC)),
                       "name": n, "lastName": l, "stageId": "NEW", "opportunity": (r.num(50) + 1) * 100,
                       "currencyId": "EUR", "assignedById": 1, "createdTime": created(id)})
            })
            .collect(),
    );
    m.insert(
        2,
        (1..=130)
            .map(|id| {
                json!({"id": id, "title": format!("{} for {}", r.pick(PRODUCTS), company(&mut r)),
                       "stageId": r.pick(&["NEW", "PREPARATION", "EXECUTING", "WON"]), "opportunity": (r.num(200) + 1) * 250,
                       "currencyId": "EUR", "contactId": 1 + r.num(80), "companyId": 1 + r.num(60),
                       "assignedById": 1, "createdTime": created(id)})
            })
            .collect(),
    );
    m.insert(
        3,
        (1..=80)
            .map(|id| {
                json!({"id": id, "name": r.pick(FIRST), "secondName": r.pick(MIDDLE), "lastName": r.pick(LAST),
                       "companyId": 1 + r.num(60), "assignedById": 1, "createdTime": created(id)})
            })
            .collect(),
    );
    m.insert(
        4,
        (1..=60)
            .map(|id| {
                json!({"id": id, "title": company(&mut r), "industry": r.pick(&["IT", "MANUFACTURING", "RETAIL", "OTHER"]),
                       "assignedById": 1, "createdTime": created(id)})
            })
            .collect(),
    );
    m.insert(7, Vec::new());
    m.insert(31, Vec::new());
    m.insert(
        SPA_ID,
        (1..=70)
            .map(|id| {
                json!({"id": id, "entityTypeId": SPA_ID, "title": format!("{} {} {}", r.pick(PROJ_A), r.pick(PROJ_B), 2026 + id % 2),
                       "stageId": "DT128_1:NEW", "categoryId": 1, "assignedById": 1, "createdTime": created(id)})
            })
            .collect(),
    );
    m
}

/// One pre-registered badge, so `fields.badgeCode` can be tried at once.
pub fn badges() -> BTreeMap<String, Value> {
    let mut m = BTreeMap::new();
    m.insert(
        "sandbox_call_status".to_string(),
        json!({"code": "sandbox_call_status", "title": "Call status", "value": "Missed", "type": "failure"}),
    );
    m
}

/// `crm.enum.ownertype` rows.
pub fn owner_types() -> Value {
    let row = |id: u64, name: &str, code: &str, short: &str| json!({"ID": id, "NAME": name, "SYMBOL_CODE": code, "SYMBOL_CODE_SHORT": short});
    json!([
        row(1, "Lead", "LEAD", "L"),
        row(2, "Deal", "DEAL", "D"),
        row(3, "Contact", "CONTACT", "C"),
        row(4, "Company", "COMPANY", "CO"),
        row(5, "Invoice", "INVOICE", "I"),
        row(7, "Estimate", "QUOTE", "Q"),
        row(8, "Requisite", "REQUISITE", "RQ"),
        row(14, "Order", "ORDER", "O"),
        row(31, "Invoice", "SMART_INVOICE", "SI"),
        row(SPA_ID, "Projects", "DYNAMIC_128", "T80"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let a = items();
        assert_eq!(a, items());
        let n: Vec<usize> = [1, 2, 3, 4, SPA_ID].iter().map(|t| a[t].len()).collect();
        assert_eq!(n, vec![120, 130, 80, 60, 70]);
        assert!(a[&3].iter().all(|c| c.get("title").is_none()));
    }
}
