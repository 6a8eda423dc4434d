//! "This test's requirement is missing" in one place. Outside CI the test prints why it does
//! not run and returns; under `CI=true`, where `.ci/run` installs and starts everything the
//! tests need, a missing requirement is a failure, so no test can pass by not running.

/// True under CI (`CI=true`, as CI sets it).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Reports a missing requirement: panics under CI, else prints the reason. The caller then
/// returns without asserting anything.
#[track_caller]
pub fn missing(reason: &str) {
    assert!(!in_ci(), "CI=true, so this test must run, but {reason}");
    eprintln!("skipped: {reason}");
}

/// True when `tool` is on PATH; otherwise reports it as a missing requirement.
#[track_caller]
pub fn tool(tool: &str) -> bool {
    let found = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        missing(&format!("`{tool}` is not installed"));
    }
    found
}
