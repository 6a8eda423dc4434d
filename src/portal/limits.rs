//! `OPERATION_TIME_LIMIT` (portal-api.md §7): once a method's time budget is used up, stop
//! calling that method until `operating_reset_at` of its last successful answer, then try once.

use super::error::{ErrorKind, PortalError};
use super::oauth::now_unix;
use std::collections::HashMap;
use std::sync::Mutex;

/// Used when the portal never sent `operating_reset_at` for the method.
const DEFAULT_WAIT_SECS: i64 = 60;

#[derive(Debug, Default)]
pub struct MethodBudget {
    /// method → last `operating_reset_at` seen on success.
    reset_at: Mutex<HashMap<String, i64>>,
    /// method → unix time before which calls are refused locally.
    blocked_until: Mutex<HashMap<String, i64>>,
}

impl MethodBudget {
    /// Refuses a call locally while the method is blocked.
    pub fn check(&self, method: &str) -> Result<(), PortalError> {
        let mut b = self.blocked_until.lock().unwrap_or_else(|e| e.into_inner());
        match b.get(method).copied() {
            Some(until) if until > now_unix() => Err(PortalError::new(
                ErrorKind::Portal,
                "OPERATION_TIME_LIMIT",
                format!("the portal's time budget for {method} is used up; try again in {} s", until - now_unix()),
            )),
            Some(_) => {
                // Time is up: allow one try again.
                b.remove(method);
                Ok(())
            }
            None => Ok(()),
        }
    }

    pub fn succeeded(&self, method: &str, operating_reset_at: Option<i64>) {
        if let Some(t) = operating_reset_at {
            self.reset_at.lock().unwrap_or_else(|e| e.into_inner()).insert(method.to_string(), t);
        }
    }

    /// Blocks the method after a 429 and returns the error to show.
    pub fn exhausted(&self, method: &str, e: PortalError) -> PortalError {
        let now = now_unix();
        let known = self.reset_at.lock().unwrap_or_else(|p| p.into_inner()).get(method).copied();
        let until = known.filter(|t| *t > now).unwrap_or(now + DEFAULT_WAIT_SECS);
        self.blocked_until.lock().unwrap_or_else(|p| p.into_inner()).insert(method.to_string(), until);
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_only_that_method_until_reset() {
        let b = MethodBudget::default();
        b.succeeded("crm.item.list", Some(now_unix() + 120));
        assert!(b.check("crm.item.list").is_ok());
        let e = PortalError::new(ErrorKind::Portal, "OPERATION_TIME_LIMIT", "x");
        b.exhausted("crm.item.list", e);
        let refused = b.check("crm.item.list").unwrap_err();
        assert_eq!(refused.code, "OPERATION_TIME_LIMIT");
        assert!(refused.description.contains("try again in 1"), "{}", refused.description);
        assert!(b.check("profile").is_ok());
        // Past the reset time one try is allowed again.
        b.blocked_until.lock().unwrap().insert("crm.item.list".into(), now_unix() - 1);
        assert!(b.check("crm.item.list").is_ok());
    }
}
