//! Maps an HTTP answer (or its absence) to a result, per portal-api.md §5: which failures
//! certainly did not run, and which may have (unknown outcome for writes). Answers are read in
//! chunks up to a size cap, so a runaway body cannot grow the process.

use super::client::{CallKind, RestResponse};
use super::error::{ErrorKind, PortalError};
use serde_json::Value;

pub(super) fn transport_error(e: &reqwest::Error, kind: CallKind) -> PortalError {
    if e.is_connect() {
        return PortalError::new(
            ErrorKind::Network,
            "NETWORK_ERROR",
            format!("cannot connect to the portal, so nothing was sent: {e}"),
        );
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

/// Why an answer's body could not be read whole.
#[derive(Debug)]
pub(super) enum BodyError {
    /// Bigger than the cap (declared or while streaming); reading stopped there.
    TooLarge(u64),
    Transport(reqwest::Error),
}

/// Reads the body chunk by chunk and stops at `cap` bytes instead of buffering it whole.
pub(super) async fn read_capped(mut resp: reqwest::Response, cap: usize) -> Result<Vec<u8>, BodyError> {
    if let Some(n) = resp.content_length()
        && n > cap as u64
    {
        return Err(BodyError::TooLarge(n));
    }
    let mut buf = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Transport)? {
        if buf.len() + chunk.len() > cap {
            return Err(BodyError::TooLarge((buf.len() + chunk.len()) as u64));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

pub(super) fn body_error(e: BodyError, status: u16, cap: usize, kind: CallKind) -> PortalError {
    match e {
        BodyError::Transport(e) => transport_error(&e, kind),
        BodyError::TooLarge(n) => {
            let what =
                format!("the portal's answer is larger than {} MB (at least {n} bytes); reading stopped", cap >> 20);
            // A write's 2xx answer was not read: it may well have been done.
            let k = if kind == CallKind::Write && status < 300 { ErrorKind::OutcomeUnknown } else { ErrorKind::Portal };
            PortalError::new(k, "RESPONSE_TOO_LARGE", what).with_status(status)
        }
    }
}

/// Parses a body (at most 2000 characters of a non-JSON one are kept, for the log).
pub fn parse_body(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).chars().take(2000).collect()))
}

/// Maps status + body to a result per portal-api.md §5. A 2xx answer that is not an envelope
/// (empty, truncated, an HTML page) is unreadable: for a write the outcome is unknown.
pub fn envelope(status: u16, v: Value, kind: CallKind) -> Result<RestResponse, PortalError> {
    let code = v.get("error").map(|c| match c {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    if status < 300 && code.is_none() {
        let Some(result) = v.get("result").cloned() else {
            return Err(unreadable(status, &v, kind));
        };
        let n = |k: &str| v.get(k).and_then(Value::as_i64);
        return Ok(RestResponse {
            result,
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

fn unreadable(status: u16, v: &Value, kind: CallKind) -> PortalError {
    let seen = match v {
        Value::String(s) if s.trim().is_empty() => "an empty body".to_string(),
        Value::String(s) if s.trim_start().starts_with('<') => "a web page, not JSON".to_string(),
        Value::String(_) => "text that is not complete JSON".to_string(),
        _ => "JSON without \"result\"".to_string(),
    };
    let k = if kind == CallKind::Write { ErrorKind::OutcomeUnknown } else { ErrorKind::Portal };
    PortalError::new(
        k,
        "BAD_RESPONSE",
        format!("the portal answered HTTP {status} but the answer cannot be read ({seen})"),
    )
    .with_status(status)
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

    #[test]
    fn unreadable_2xx_is_unknown_for_writes() {
        for body in [&b""[..], b"{\"result\": {\"activity\": {\"id\": 4", b"<html><body>Sign in</body></html>", b"{}"] {
            let e = envelope(200, parse_body(body), CallKind::Write).unwrap_err();
            assert_eq!((e.kind, e.code.as_str(), e.status), (ErrorKind::OutcomeUnknown, "BAD_RESPONSE", Some(200)));
            let e = envelope(200, parse_body(body), CallKind::Read).unwrap_err();
            assert_eq!((e.kind, e.code.as_str()), (ErrorKind::Portal, "BAD_RESPONSE"));
            assert!(!e.is_transient());
        }
        // `result` may legitimately be false/null-free scalars.
        assert_eq!(envelope(200, json!({"result": true}), CallKind::Write).unwrap().result, json!(true));
    }
}
