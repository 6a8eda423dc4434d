//! The send flow (portal-api.md §12): validate first and refuse on errors, add, update in
//! place, read back with a diff, delete, and "check" after an unknown outcome. [`send_within`]
//! runs a whole test-send (optional lists, then the write) under one deadline.

use super::client::{CallKind, PortalClient};
use super::diff::{DiffEntry, diff_activity};
use super::error::{ErrorKind, PortalError};
use crate::layout::diagnostic::has_errors;
use crate::layout::{Catalog, Diagnostic, Root, ValidateOptions, validate_payload};
use rand::Rng;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The optional start-up batch gets at most this long...
const OPTIONAL_MAX: Duration = Duration::from_secs(10);
/// ...and at most this share of what is left, so the write keeps most of the time.
const OPTIONAL_SHARE: u32 = 4;
/// The client's own timeouts end every request by the deadline; this backstop only catches
/// what has none (a hung secret store), a little later.
const BACKSTOP_GRACE: Duration = Duration::from_secs(2);

/// What the user asks to send.
#[derive(Clone, Debug, PartialEq)]
pub struct SendJob {
    pub owner_type_id: i64,
    pub owner_id: i64,
    pub fields: Value,
    pub layout: Value,
    /// Live lists for the validator (None → built-in lists).
    pub catalog: Option<Catalog>,
}

/// The exact fields and layout that went out (for read-back diffs).
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub fields: Value,
    pub layout: Value,
    pub origin_id: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SendOutcome {
    Done {
        activity_id: i64,
        sent: Sent,
    },
    /// The request may have reached the portal but no answer came. Offer "check" (by originId)
    /// or "send again"; never retried automatically.
    Unknown {
        error: PortalError,
        sent: Sent,
    },
}

/// Validation findings that stopped a send.
pub fn refused(diags: &[Diagnostic]) -> PortalError {
    let first = diags.iter().find(|d| d.is_error());
    let mut e = PortalError::local(
        first.map(|d| d.code.as_str()).unwrap_or("INVALID_LAYOUT"),
        format!(
            "not sent: the layout has {} error(s); first: {}",
            diags.iter().filter(|d| d.is_error()).count(),
            first.map(|d| d.message.as_str()).unwrap_or("")
        ),
    );
    e.path = first.map(crate::layout::Diagnostic::doc_path);
    e
}

/// Runs the local validator. `Err` carries the diagnostics when any is an error.
pub fn validate(job: &SendJob) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let opts = ValidateOptions { catalog: job.catalog.clone(), strict: false };
    let d = validate_payload(Some(&job.layout), Some(&job.fields), &opts);
    if has_errors(&d) { Err(d) } else { Ok(d) }
}

/// A unique originId for a send unless the user set one (then theirs is kept).
fn with_origin_id(fields: &Value) -> (Value, String) {
    let mut f = match fields {
        Value::Object(m) => m.clone(),
        _ => Default::default(),
    };
    if let Some(Value::String(o)) = f.get("originId")
        && !o.is_empty()
    {
        let o = o.clone();
        return (Value::Object(f), o);
    }
    let id: String = rand::rng().sample_iter(rand::distr::Alphanumeric).take(16).map(char::from).collect();
    let origin = format!("b24ad-{id}");
    f.insert("originId".into(), Value::String(origin.clone()));
    (Value::Object(f), origin)
}

fn activity_id(result: &Value) -> Option<i64> {
    let id = result.pointer("/activity/id")?;
    id.as_i64().or_else(|| id.as_str()?.parse().ok())
}

/// `crm.activity.configurable.add`. Refuses an invalid layout before any call.
pub async fn add(client: &PortalClient, job: &SendJob) -> Result<SendOutcome, PortalError> {
    validate(job).map_err(|d| refused(&d))?;
    add_unchecked(client, job).await
}

/// Sends without the local validator (to see the portal's own verdict, e.g. in tests).
pub async fn add_unchecked(client: &PortalClient, job: &SendJob) -> Result<SendOutcome, PortalError> {
    let (fields, origin_id) = with_origin_id(&job.fields);
    let sent = Sent { fields: fields.clone(), layout: job.layout.clone(), origin_id };
    let params = crate::export::rest_params(job.owner_type_id, job.owner_id, fields, job.layout.clone());
    finish(client.call("crm.activity.configurable.add", params, CallKind::Write).await, sent, job)
}

/// `crm.activity.configurable.update` in place (also releases loader/disable locks).
pub async fn update(client: &PortalClient, activity_id: i64, job: &SendJob) -> Result<SendOutcome, PortalError> {
    validate(job).map_err(|d| refused(&d))?;
    let origin_id = job.fields.get("originId").and_then(Value::as_str).unwrap_or("").to_string();
    let sent = Sent { fields: job.fields.clone(), layout: job.layout.clone(), origin_id };
    let params = json!({"id": activity_id, "fields": job.fields, "layout": job.layout});
    match client.call("crm.activity.configurable.update", params, CallKind::Write).await {
        Ok(r) => Ok(SendOutcome::Done { activity_id: activity_id_or(&r.result, activity_id), sent }),
        Err(e) => finish(Err(e), sent, job),
    }
}

fn activity_id_or(result: &Value, fallback: i64) -> i64 {
    activity_id(result).unwrap_or(fallback)
}

fn finish(
    res: Result<super::client::RestResponse, PortalError>,
    sent: Sent,
    job: &SendJob,
) -> Result<SendOutcome, PortalError> {
    match res {
        Ok(r) => match activity_id(&r.result) {
            Some(id) => Ok(SendOutcome::Done { activity_id: id, sent }),
            // The portal said yes but not to what: it may have stored the activity.
            None => Ok(SendOutcome::Unknown {
                error: PortalError::new(
                    ErrorKind::OutcomeUnknown,
                    "BAD_RESPONSE",
                    "the portal answered without result.activity.id; it may have stored the activity",
                ),
                sent,
            }),
        },
        Err(e) if e.kind == ErrorKind::OutcomeUnknown => Ok(SendOutcome::Unknown { error: e, sent }),
        Err(mut e) => {
            locate(&mut e, job);
            Err(e)
        }
    }
}

/// A whole test-send and the notes about what was skipped on the way.
#[derive(Debug)]
pub struct Finished {
    pub result: Result<SendOutcome, PortalError>,
    /// Optional steps that were skipped (e.g. the live lists did not come in time).
    pub notes: Vec<String>,
}

/// A whole test-send by `deadline`: the optional start-up batch (live lists for the validator)
/// with a short deadline of its own, skipped with a note when it fails or is slow, then the
/// add (or update). Every request ends by the deadline; once the write may have gone out, a
/// missed deadline is an unknown outcome, before that the send certainly did not happen.
pub async fn send_within(client: &PortalClient, job: &SendJob, update_id: Option<i64>, deadline: Instant) -> Finished {
    let mut job = job.clone();
    if update_id.is_none() {
        // Fixed up front, so even a send cut off by the backstop can be checked by originId.
        job.fields = with_origin_id(&job.fields).0;
    }
    let sent = Sent {
        fields: job.fields.clone(),
        layout: job.layout.clone(),
        origin_id: job.fields.get("originId").and_then(Value::as_str).unwrap_or("").to_string(),
    };
    let write_started = AtomicBool::new(false);
    let mut notes = Vec::new();
    let before = client.deadline();
    let flow = async {
        let left = deadline.saturating_duration_since(Instant::now());
        client.set_deadline(Some(Instant::now() + OPTIONAL_MAX.min(left / OPTIONAL_SHARE)));
        let lists = super::connect::connect(client).await;
        client.set_deadline(Some(deadline));
        match lists {
            Ok((_, cat)) => job.catalog = Some(cat),
            Err(e) => notes.push(format!(
                "skipped the portal's live lists ({}: {}); validated with the built-in lists",
                e.code, e.description
            )),
        }
        validate(&job).map_err(|d| refused(&d))?;
        write_started.store(true, Ordering::SeqCst);
        match update_id {
            Some(id) => update(client, id, &job).await,
            None => add_unchecked(client, &job).await,
        }
    };
    let out = tokio::time::timeout_at((deadline + BACKSTOP_GRACE).into(), flow).await;
    client.set_deadline(before);
    let result = match out {
        Ok(r) => r,
        Err(_) => {
            let e = |kind| PortalError::new(kind, "TIMEOUT", "the whole send did not finish in the time allowed");
            if write_started.load(Ordering::SeqCst) {
                Ok(SendOutcome::Unknown { error: e(ErrorKind::OutcomeUnknown), sent })
            } else {
                Err(e(ErrorKind::Network))
            }
        }
    };
    Finished { result, notes }
}

/// Fills `e.path` for layout/field errors: the local validator's finding with the same code
/// (preferring one whose key the description names), else a path spelled in the description.
pub fn locate(e: &mut PortalError, job: &SendJob) {
    if e.path.is_some() {
        return;
    }
    if let Some(p) = path_in_description(&e.description) {
        e.path = Some(p);
        return;
    }
    let opts = ValidateOptions { catalog: job.catalog.clone(), strict: true };
    let diags = validate_payload(Some(&job.layout), Some(&job.fields), &opts);
    let same: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == e.code).collect();
    let named = same.iter().find(|d| {
        let last = d.path.rsplit('/').next().unwrap_or("");
        !last.is_empty() && e.description.contains(last)
    });
    e.path = named.or(same.first()).map(|d| d.doc_path());
}

/// Finds `body.blocks.b1.properties`, `body[blocks][b1]` or `/body/blocks/b1` in a description
/// and turns it into a document pointer.
pub fn path_in_description(desc: &str) -> Option<String> {
    let re = regex::Regex::new(r"(?:/|\b)(header|body|footer|icon|fields)((?:(?:\.|/|\[)[A-Za-z0-9_\-]+\]?)*)").ok()?;
    // The longest spelled path wins (a DTO name like `fields` alone is less precise).
    let c = re.captures_iter(desc).max_by_key(|c| c.get(0).map_or(0, |m| m.len()))?;
    let rest = c.get(2).map(|m| m.as_str()).unwrap_or("");
    let tokens: Vec<&str> = rest.split(['.', '/', '[', ']']).filter(|t| !t.is_empty()).collect();
    // The portal's `fields` DTO is the activity fields; header, body, ... lie in the layout.
    let mut p = match &c[1] {
        "fields" => Root::Fields.doc_pointer().to_string(),
        top => crate::layout::pointer::join(Root::Layout.doc_pointer(), top),
    };
    for t in tokens {
        p.push('/');
        p.push_str(&crate::layout::pointer::escape(t));
    }
    Some(p)
}

/// What `configurable.get` returned and how it differs from what was sent.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadBack {
    pub activity_id: i64,
    pub stored: Value,
    pub diff: Vec<DiffEntry>,
}

pub async fn read_back(client: &PortalClient, activity_id: i64, sent: Option<&Sent>) -> Result<ReadBack, PortalError> {
    let r = client.call("crm.activity.configurable.get", json!({"id": activity_id}), CallKind::Read).await?;
    let stored = r.result.get("activity").cloned().unwrap_or(r.result);
    let diff = sent.map(|s| diff_activity(&s.fields, &s.layout, &stored)).unwrap_or_default();
    Ok(ReadBack { activity_id, stored, diff })
}

/// `crm.activity.delete` with the same app token.
pub async fn delete(client: &PortalClient, activity_id: i64) -> Result<(), PortalError> {
    client.call("crm.activity.delete", json!({"id": activity_id}), CallKind::Write).await.map(|_| ())
}

/// Activity ids with this originId ("check" after an unknown outcome).
pub async fn check(client: &PortalClient, origin_id: &str) -> Result<Vec<i64>, PortalError> {
    let params = json!({
        "filter": {"ORIGIN_ID": origin_id, "PROVIDER_ID": "CONFIGURABLE_REST_APP"},
        "select": ["ID", "ORIGIN_ID"],
    });
    let r = client.call("crm.activity.list", params, CallKind::Read).await?;
    let list = r.result.as_array().cloned().unwrap_or_default();
    Ok(list
        .iter()
        .filter_map(|a| {
            let id = a.get("ID").or_else(|| a.get("id"))?;
            id.as_i64().or_else(|| id.as_str()?.parse().ok())
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_id_respects_the_users_value() {
        let (f, o) = with_origin_id(&json!({"originId": "mine", "completed": true}));
        assert_eq!((o.as_str(), f["completed"].as_bool()), ("mine", Some(true)));
        let (f, o) = with_origin_id(&json!({"originId": ""}));
        assert!(o.starts_with("b24ad-") && f["originId"] == o.as_str());
        let (_, o2) = with_origin_id(&json!({}));
        assert_ne!(o, o2);
    }

    #[test]
    fn path_from_description() {
        assert_eq!(
            path_in_description("Field \"uri\" is required in body.blocks.client.properties.action").as_deref(),
            Some("/layout/body/blocks/client/properties/action")
        );
        assert_eq!(
            path_in_description("bad /footer/buttons/b1/type").as_deref(),
            Some("/layout/footer/buttons/b1/type")
        );
        assert_eq!(path_in_description("in body[blocks][b1]").as_deref(), Some("/layout/body/blocks/b1"));
        assert_eq!(
            path_in_description("Field `uri` is required in `ActionDto` (/body/blocks/c/properties/action/uri)")
                .as_deref(),
            Some("/layout/body/blocks/c/properties/action/uri")
        );
        assert_eq!(path_in_description("x (/fields/pingOffsets/0)").as_deref(), Some("/fields/pingOffsets/0"));
        assert_eq!(
            path_in_description("Field `completed` has a wrong value in `fields` (/fields/completed)").as_deref(),
            Some("/fields/completed")
        );
        assert_eq!(path_in_description("nothing here"), None);
    }
}
