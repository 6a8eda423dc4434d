//! Maps an HTTP answer (or its absence) to a result, per portal-api.md §5: which failures
//! certainly did not run, and which may have (unknown outcome for writes).

use super::client::{CallKind, RestResponse};
use super::error::{ErrorKind, PortalError};
use serde_json::Value;

pub(super) fn transport_error(e: &reqwest::Error, kind: CallKind) -> PortalError {
    if e.is_connect() {
        return PortalError::new(ErrorKind::Network, "NETWORK_ERROR", format!("cannot connect to the portal: {e}"));
    }
    match kind {
        CallKind::Write => PortalError::new(
            ErrorKind::OutcomeUnknown,
            if e.is_timeout() { "TIMEOUT" } else { "CONNECTION_LOST" },
            "the request was sent but no answer arrived; the portal may or may not have done it",
        ),
        CallKind::Read if e.is_timeout() => {
            PortalError::new(ErrorKind::Timeout, "TIMEOUT", "the portal did not answer in time")
        }
        CallKind::Read => {
            PortalError::new(ErrorKind::Timeout, "CONNECTION_LOST", format!("the connection dropped: {e}"))
        }
    }
}

/// Maps status + body to a result per portal-api.md §5.
pub fn envelope(status: u16, v: Value, kind: CallKind) -> Result<RestResponse, PortalError> {
    let code = v.get("error").map(|c| match c {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    if status < 300 && code.is_none() {
        let n = |k: &str| v.get(k).and_then(Value::as_i64);
        return Ok(RestResponse {
            result: v.get("result").cloned().unwrap_or(Value::Null),
            total: n("total"),
            next: n("next"),
            operating_reset_at: v
                .pointer("/time/operating_reset_at")
                .and_then(|x| x.as_i64().or_else(|| x.as_f64().map(|f| f as i64)).or_else(|| x.as_str()?.parse().ok())),
        });
    }
    // An empty `error` still marks an error, but gives no code to show: name the status instead.
    let code = code.filter(|c| !c.trim().is_empty()).unwrap_or_else(|| format!("HTTP_{status}"));
    let desc = v.get("error_description").and_then(Value::as_str).unwrap_or("").to_string();
    let rejected_unrun = matches!(code.as_str(), "QUERY_LIMIT_EXCEEDED" | "OVERLOAD_LIMIT" | "OPERATION_TIME_LIMIT");
    let err_kind = if kind == CallKind::Write && status >= 500 && !rejected_unrun {
        ErrorKind::OutcomeUnknown
    } else {
        ErrorKind::Portal
    };
    Err(PortalError::new(err_kind, &code, desc).with_status(status))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn envelope_kinds() {
        let ok = envelope(200, json!({"result": {"a": 1}, "total": 3}), CallKind::Read).unwrap();
        assert_eq!((ok.result["a"].as_i64(), ok.total), (Some(1), Some(3)));
        let e = envelope(400, json!({"error": "ENUM_FIELD", "error_description": "x"}), CallKind::Write).unwrap_err();
        assert_eq!((e.kind, e.code.as_str(), e.status), (ErrorKind::Portal, "ENUM_FIELD", Some(400)));
        let e = envelope(503, json!({"error": "QUERY_LIMIT_EXCEEDED"}), CallKind::Write).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Portal);
        assert!(e.is_transient());
        let e = envelope(502, json!("bad gateway"), CallKind::Write).unwrap_err();
        assert_eq!((e.kind, e.code.as_str()), (ErrorKind::OutcomeUnknown, "HTTP_502"));
        let e = envelope(500, json!({"error": 0}), CallKind::Read).unwrap_err();
        assert_eq!(e.code, "0");
        assert!(e.is_transient());
    }

    #[test]
    fn an_empty_error_code_names_the_status() {
        // Found by the rest_envelope fuzz target: `{"error": ""}` gave an error with no code.
        let e = envelope(503, json!({"error": ""}), CallKind::Write).unwrap_err();
        assert_eq!((e.kind, e.code.as_str(), e.status), (ErrorKind::OutcomeUnknown, "HTTP_503", Some(503)));
        let e = envelope(200, json!({"error": " ", "result": 1}), CallKind::Read).unwrap_err();
        assert_eq!((e.kind, e.code.as_str()), (ErrorKind::Portal, "HTTP_200"));
    }
}
