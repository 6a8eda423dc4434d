//! `send FILE (--profile P | --sandbox) --owner TYPE:ID [--update ID] [--timeout S] [--format text|json]`.
//! Exit codes: see [`EXIT_CODES`] (also in `--help` and README.md).

use super::OutputFormat;
use crate::layout::Diagnostic;
use crate::portal::builtin::approve_headless;
use crate::portal::send::{self, SendJob, SendOutcome};
use crate::portal::{AppDirs, ClientConfig, ErrorKind, PortalClient, PortalError, ProfileStore, runtime};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Every exit code of `send`, as `--help` prints it.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  sent (or updated)
  1  not sent: the layout has errors, or the portal answered with an error (nothing stored)
  2  bad arguments, unreadable file, unknown profile or no keyring (nothing sent)
  3  outcome unknown: the request may have reached the portal (no answer in time, connection
     lost, a 5xx, or an answer that cannot be read); check by originId before sending again
  4  not sent: the portal could not be reached (connection refused, no network) or the time
     ran out before the request went out; safe to send again
  5  sign in again: the portal refused the stored tokens (run `login`)";

pub struct SendArgs {
    pub file: PathBuf,
    pub profile: Option<String>,
    pub sandbox: bool,
    pub owner: String,
    pub update: Option<i64>,
    pub format: OutputFormat,
    /// One deadline for the whole send (sign-in, optional lists, the write).
    pub timeout: Duration,
}

/// `TYPE:ID` where TYPE is a number or a name (`deal`, `CONTACT`, `dynamic_128`).
pub fn parse_owner(s: &str) -> Result<(i64, i64), String> {
    let (t, id) =
        s.split_once(':').ok_or_else(|| format!("--owner \"{s}\": expected TYPE:ID, e.g. deal:15 or 2:15"))?;
    let id: i64 = id
        .trim()
        .parse()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| format!("--owner \"{s}\": ID must be a positive number"))?;
    let t = t.trim().to_ascii_lowercase();
    let type_id = match t.as_str() {
        "lead" => 1,
        "deal" => 2,
        "contact" => 3,
        "company" => 4,
        "quote" => 7,
        "smart_invoice" => 31,
        _ => t
            .strip_prefix("dynamic_")
            .unwrap_or(&t)
            .parse()
            .ok()
            .filter(|n: &i64| *n > 0)
            .ok_or_else(|| format!("--owner \"{s}\": unknown entity type \"{t}\""))?,
    };
    Ok((type_id, id))
}

/// Layout and fields from a project file, a REST payload or a bare layout (the project loader).
pub fn load_payload(path: &Path) -> Result<(Value, Value), String> {
    let loaded = crate::project::load_file(path).map_err(|e| e.to_string())?;
    Ok((loaded.project.layout, loaded.project.fields))
}

/// After a send to a real portal from a project file, remembers the target and activity id
/// in the project (no secrets). Sandbox activities vanish with the process, so they are not kept.
fn remember_target(
    path: &Path,
    profile: &str,
    owner_type_id: i64,
    owner_id: i64,
    activity_id: i64,
) -> Result<(), String> {
    let mut loaded = crate::project::load_file(path).map_err(|e| e.to_string())?;
    if loaded.kind != crate::project::SourceKind::Project {
        return Ok(());
    }
    loaded.project.target = Some(crate::project::SendTarget {
        profile: Some(profile.to_string()),
        owner_type_id,
        owner_id,
        activity_id: Some(activity_id),
    });
    crate::project::save_project(path, &loaded.project).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn run(a: SendArgs) -> ExitCode {
    let json_out = a.format == OutputFormat::Json;
    let fail = |code: u8, report: Value| {
        print_report(json_out, &report);
        ExitCode::from(code)
    };
    let deadline = Instant::now() + a.timeout;
    let (owner_type_id, owner_id) = match parse_owner(&a.owner) {
        Ok(o) => o,
        Err(e) => return fail(2, json!({"ok": false, "error": {"code": "BAD_ARGUMENT", "description": e}})),
    };
    let (layout, fields) = match load_payload(&a.file) {
        Ok(p) => p,
        Err(e) => return fail(2, json!({"ok": false, "error": {"code": "UNREADABLE", "description": e}})),
    };
    let job = SendJob { owner_type_id, owner_id, fields, layout, catalog: None };
    // Refuse before any call (and before starting anything).
    if let Err(d) = send::validate(&job) {
        return fail(1, json!({"ok": false, "file": a.file, "outcome": "refused", "diagnostics": diags(&d)}));
    }
    // The sandbox runs here, beside the client, which only gets its address.
    let mut session = None;
    let client = if a.sandbox {
        match crate::app::start_sandbox().and_then(|(sb, builtin)| {
            let c = builtin.client(ClientConfig::default())?;
            session = Some(sb);
            Ok(c)
        }) {
            Ok(c) => c,
            Err(e) => return fail(2, json!({"ok": false, "error": err_json(&e)})),
        }
    } else {
        match profile_client(a.profile.as_deref().unwrap_or("")) {
            Ok(c) => c,
            Err(e) => return fail(2, json!({"ok": false, "error": {"code": "PROFILE", "description": e}})),
        }
    };
    let (code, report) = runtime().block_on(execute(&client, a.sandbox, &job, a.update, deadline));
    drop(session);
    if code == 0
        && let (false, Some(name), Some(id)) = (a.sandbox, a.profile.as_deref(), report["activityId"].as_i64())
        && let Err(e) = remember_target(&a.file, name, owner_type_id, owner_id, id)
    {
        eprintln!("warning: the target was not saved in the project: {e}");
    }
    print_report(json_out, &report);
    ExitCode::from(code)
}

/// The exit code for a send that ended in `e` (see [`EXIT_CODES`]).
pub fn exit_code(e: &PortalError) -> u8 {
    match e.kind {
        ErrorKind::Local if e.path.is_some() => 1,
        ErrorKind::Portal => 1,
        ErrorKind::Local => 2,
        ErrorKind::OutcomeUnknown => 3,
        ErrorKind::Network | ErrorKind::Timeout => 4,
        ErrorKind::SignInAgain => 5,
    }
}

/// Runs a send on `client` by `deadline` (signing in headless first on the sandbox) and
/// returns the exit code and the report to print.
pub async fn execute(
    client: &PortalClient,
    sandbox: bool,
    job: &SendJob,
    update: Option<i64>,
    deadline: Instant,
) -> (u8, Value) {
    let failed = |e: &PortalError, notes: &[String]| {
        let (outcome, hint) = match exit_code(e) {
            1 if e.kind == ErrorKind::Local => ("refused", None),
            4 => ("not-sent", Some("Nothing reached the portal; it is safe to send again.")),
            5 => ("sign-in-again", Some("Sign in again with `b24-activity-designer login --profile NAME`.")),
            _ => ("error", None),
        };
        let mut r = json!({"ok": false, "outcome": outcome, "error": err_json(e), "notes": notes});
        if let Some(h) = hint {
            r["hint"] = json!(h);
        }
        (exit_code(e), r)
    };
    if sandbox {
        let before = client.set_deadline(Some(deadline));
        let signed = tokio::time::timeout_at(deadline.into(), approve_headless(client)).await;
        client.set_deadline(before);
        let signed = signed.unwrap_or_else(|_| {
            Err(PortalError::new(ErrorKind::Timeout, "TIMEOUT", "the sandbox sign-in did not finish in time"))
        });
        if let Err(e) = signed {
            return failed(&e, &[]);
        }
    }
    let send::Finished { result, notes } = send::send_within(client, job, update, deadline).await;
    let portal = client.profile().portal_url;
    match result {
        Ok(SendOutcome::Done { activity_id, sent }) => (
            0,
            json!({
                "ok": true, "outcome": if update.is_some() { "updated" } else { "sent" },
                "activityId": activity_id, "ownerTypeId": job.owner_type_id, "ownerId": job.owner_id,
                "originId": sent.origin_id, "portal": portal, "notes": notes,
            }),
        ),
        Ok(SendOutcome::Unknown { error, sent }) => (
            3,
            json!({"ok": false, "outcome": "unknown", "originId": sent.origin_id, "error": err_json(&error),
                   "hint": "The portal may have stored the activity. Look it up by originId before sending again.",
                   "notes": notes}),
        ),
        Err(e) => failed(&e, &notes),
    }
}

fn profile_client(name: &str) -> Result<PortalClient, String> {
    let store = ProfileStore::new(&AppDirs::resolve());
    let p = store.get(name)?.ok_or_else(|| format!("no profile named \"{name}\" (see `profiles list`)"))?;
    let secrets = crate::secrets::open_os_store()?;
    PortalClient::new(p, secrets, ClientConfig::default()).map_err(|e| e.to_string())
}

fn err_json(e: &PortalError) -> Value {
    json!({"code": e.code, "description": e.description, "status": e.status, "path": e.path})
}

fn diags(d: &[Diagnostic]) -> Value {
    serde_json::to_value(d).unwrap_or(Value::Null)
}

fn print_report(json_out: bool, r: &Value) {
    if json_out {
        println!("{}", serde_json::to_string_pretty(r).unwrap_or_default());
        return;
    }
    let s = |k: &str| r.get(k).map(|v| v.as_str().map(str::to_string).unwrap_or(v.to_string())).unwrap_or_default();
    match r.get("outcome").and_then(Value::as_str) {
        Some("sent") | Some("updated") => {
            println!(
                "{} activity {} on {}:{} at {} (originId {})",
                s("outcome"),
                s("activityId"),
                s("ownerTypeId"),
                s("ownerId"),
                s("portal"),
                s("originId")
            )
        }
        Some("refused") => {
            eprintln!("Not sent: the layout has errors.");
            for d in r.get("diagnostics").and_then(Value::as_array).into_iter().flatten() {
                let g = |k: &str| d.get(k).and_then(Value::as_str).unwrap_or("");
                eprintln!("  {} {} {}: {}", g("severity"), g("code"), g("path"), g("message"));
            }
        }
        _ => {}
    }
    for n in r.get("notes").and_then(Value::as_array).into_iter().flatten() {
        eprintln!("note: {}", n.as_str().unwrap_or(""));
    }
    if let Some(e) = r.get("error") {
        let g = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
        let at = if g("path").is_empty() { String::new() } else { format!(" at {}", g("path")) };
        eprintln!("error: {}: {}{at}", g("code"), g("description"));
        match (r.get("hint").and_then(Value::as_str), r.get("originId")) {
            (Some(h), Some(_)) => eprintln!("{h} originId: {}", s("originId")),
            (Some(h), None) => eprintln!("{h}"),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_forms() {
        assert_eq!(parse_owner("2:15"), Ok((2, 15)));
        assert_eq!(parse_owner("deal:15"), Ok((2, 15)));
        assert_eq!(parse_owner("DYNAMIC_128:3"), Ok((128, 3)));
        assert!(parse_owner("deal").is_err());
        assert!(parse_owner("deal:0").is_err());
        assert!(parse_owner("spaceship:1").is_err());
    }
}
