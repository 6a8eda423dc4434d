//! `b24-activity-designer sandbox [--port N]`: runs the local sandbox portal until Ctrl+C and
//! prints what to enter in a portal profile.

use crate::sandbox::{Sandbox, serve_forever};
use std::process::ExitCode;

fn print_banner(sb: &Sandbox) {
    println!("Sandbox portal running (Ctrl+C to stop)");
    println!("  portal address : {}", sb.portal_url());
    println!("  authorize page : {}", sb.authorize_url("STATE"));
    println!("  token endpoint : {}", sb.token_endpoint());
    println!("  REST endpoint  : {}", sb.client_endpoint());
    println!("  webhook (read) : {}", sb.webhook_url());
    println!("  activities     : {}/", sb.base_url());
    println!("  client_id      : {}", sb.client_id());
    // A fixed test value of a local emulator, not a real credential, so printing it is fine.
    println!("  client_secret  : {}  (sandbox test value, not a real secret)", sb.client_secret());
}

pub fn run(port: u16) -> ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match rt.block_on(serve_forever(port, print_banner)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
