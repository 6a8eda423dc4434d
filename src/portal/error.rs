//! One error type for every portal call: the portal's code and description, the HTTP status,
//! what kind of failure it is, and for layout errors the JSON Pointer it names.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The portal answered with an error envelope.
    Portal,
    /// Tokens are missing, revoked or expired for good: the profile must sign in again.
    SignInAgain,
    /// No connection was made; the call certainly did not run.
    Network,
    /// A read timed out.
    Timeout,
    /// A write may or may not have run on the server (timeout or dropped connection after
    /// sending, or a 5xx). Never retried automatically.
    OutcomeUnknown,
    /// Refused before any call (bad address, invalid layout, missing secret).
    Local,
}

const NOT_SIGNED_IN: &str = "NOT_SIGNED_IN";
const SIGN_IN_CANCELLED: &str = "SIGN_IN_CANCELLED";

/// Codes a caller reacts to, so nobody compares code strings: [`PortalError::class`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    /// No tokens yet: a state shown in the sign-in section, not an error.
    NotSignedIn,
    /// The user ended a sign-in (or another way of signing in won).
    SignInCancelled,
    /// Any other code.
    Other,
}

impl ErrorClass {
    /// The designer code this class is spelled as.
    pub fn code(self) -> Option<&'static str> {
        match self {
            ErrorClass::NotSignedIn => Some(NOT_SIGNED_IN),
            ErrorClass::SignInCancelled => Some(SIGN_IN_CANCELLED),
            ErrorClass::Other => None,
        }
    }

    /// True for outcomes that are states, not failures to show as errors.
    pub fn is_quiet(self) -> bool {
        matches!(self, ErrorClass::NotSignedIn | ErrorClass::SignInCancelled)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalError {
    pub kind: ErrorKind,
    /// `error` of the portal envelope, or a designer code (`TIMEOUT`, `NETWORK_ERROR`, ...).
    pub code: String,
    /// `error_description` or a plain sentence. Never contains a secret.
    pub description: String,
    pub status: Option<u16>,
    /// Layout errors: document pointer of the node the description names (`/layout/body/...`).
    pub path: Option<String>,
}

impl PortalError {
    pub fn new(kind: ErrorKind, code: &str, description: impl Into<String>) -> Self {
        PortalError { kind, code: code.to_string(), description: description.into(), status: None, path: None }
    }
    pub fn local(code: &str, description: impl Into<String>) -> Self {
        Self::new(ErrorKind::Local, code, description)
    }
    pub fn sign_in_again(code: &str, description: impl Into<String>) -> Self {
        Self::new(ErrorKind::SignInAgain, code, description)
    }
    /// The user ended a sign-in, or another way of signing in won.
    pub fn sign_in_cancelled() -> Self {
        Self::local(SIGN_IN_CANCELLED, "the sign-in was cancelled")
    }
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
    /// What this error means to a caller (the code, typed).
    pub fn class(&self) -> ErrorClass {
        [ErrorClass::NotSignedIn, ErrorClass::SignInCancelled]
            .into_iter()
            .find(|c| c.code() == Some(self.code.as_str()))
            .unwrap_or(ErrorClass::Other)
    }
    pub fn is_sign_in_again(&self) -> bool {
        self.kind == ErrorKind::SignInAgain
    }
    /// Failures a read may be retried on: rate limit, 5xx, timeouts.
    pub fn is_transient(&self) -> bool {
        match self.kind {
            ErrorKind::Timeout => true,
            ErrorKind::Portal => {
                self.code == "QUERY_LIMIT_EXCEEDED" || self.status.is_some_and(|s| (500..600).contains(&s))
            }
            _ => false,
        }
    }
}

impl fmt::Display for PortalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.description)?;
        if let Some(s) = self.status {
            write!(f, " (HTTP {s})")?;
        }
        if let Some(p) = &self.path {
            write!(f, " at {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PortalError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_the_codes() {
        assert_eq!(PortalError::sign_in_again("NOT_SIGNED_IN", "x").class(), ErrorClass::NotSignedIn);
        assert_eq!(PortalError::local("SIGN_IN_CANCELLED", "x").class(), ErrorClass::SignInCancelled);
        assert_eq!(PortalError::local("TIMEOUT", "x").class(), ErrorClass::Other);
        assert!(ErrorClass::NotSignedIn.is_quiet() && !ErrorClass::Other.is_quiet());
    }
}
