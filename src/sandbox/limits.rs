//! Bounds on everything the sandbox keeps for a caller, so hostile or buggy traffic cannot grow
//! the process (it runs inside the designer and `send --sandbox`): every map has a size cap,
//! long-lived entries an age, and the listener a connection cap and read deadlines.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// An `auth` value longer than this is refused before any lookup or record. Portal tokens are
/// 70-odd characters; 512 leaves room for any real format.
pub const MAX_AUTH_LEN: usize = 512;
/// Codes, access tokens and refresh tokens kept at once (each map). At the cap the entry that
/// expires first makes room: a sandbox is for a handful of sign-ins, not for 10,000.
pub const MAX_TOKENS: usize = 10_000;
/// Rate buckets kept at once; drained (idle) buckets are dropped first.
pub const MAX_BUCKETS: usize = 4_096;
/// Stored configurable activities, by count and by the bytes of their layouts and fields.
pub const MAX_ACTIVITIES: usize = 5_000;
pub const MAX_ACTIVITY_BYTES: usize = 64 * 1024 * 1024;
/// Badges (`crm.activity.badge.add`).
pub const MAX_BADGES: usize = 1_000;
/// Distinct method names whose calls are counted, and the longest name counted.
pub const MAX_COUNTED_METHODS: usize = 1_024;
pub const MAX_METHOD_LEN: usize = 128;

/// Listener bounds (also in [`super::SandboxConfig`], so tests can shorten them).
pub const MAX_CONNECTIONS: usize = 128;
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest request body (as axum's default): bigger ones get 413 in the JSON envelope.
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// Inserts into a map capped at `cap`: when full, the entry that expires first is evicted.
pub fn insert_capped<K: Eq + Hash + Clone, V>(
    map: &mut HashMap<K, V>,
    key: K,
    value: V,
    cap: usize,
    expires: impl Fn(&V) -> Instant,
) {
    if map.len() >= cap
        && !map.contains_key(&key)
        && let Some(oldest) = map.iter().min_by_key(|(_, v)| expires(v)).map(|(k, _)| k.clone())
    {
        map.remove(&oldest);
    }
    map.insert(key, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_map_evicts_the_first_to_expire() {
        let now = Instant::now();
        let mut m = HashMap::new();
        for (k, secs) in [("a", 30), ("b", 10), ("c", 20)] {
            insert_capped(&mut m, k, now + Duration::from_secs(secs), 3, |v| *v);
        }
        insert_capped(&mut m, "d", now + Duration::from_secs(40), 3, |v| *v);
        let mut keys: Vec<_> = m.keys().copied().collect();
        keys.sort();
        assert_eq!(keys, ["a", "c", "d"]);
        // Replacing a present key never evicts another.
        insert_capped(&mut m, "a", now, 3, |v| *v);
        assert_eq!(m.len(), 3);
        assert!(m.contains_key("c") && m.contains_key("d"));
    }
}
