//! `login --profile P`: the local-app OAuth sign-in from a terminal — handler address, browser,
//! loopback redirect, or a pasted redirected address.

use crate::portal::oauth::{self, DEFAULT_LOOPBACK_PORT, LoopbackListener};
use crate::portal::{AppDirs, ClientConfig, PortalClient, ProfileStore, connect, runtime};
use crate::secrets::{SecretKind, open_os_store};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(profile: &str) -> ExitCode {
    match login(profile) {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(code)
        }
    }
}

/// Reads the client_secret without echo from a terminal (it is never printed); from a pipe
/// (scripts) it is one line of standard input.
fn read_client_secret(backend: &str) -> std::io::Result<String> {
    let prompt = format!("client_secret of the local application (stored only in {backend}; typing is hidden): ");
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt);
    }
    eprintln!("{prompt}");
    let mut s = String::new();
    std::io::stdin().read_line(&mut s)?;
    Ok(s)
}

fn login(name: &str) -> Result<(), (u8, String)> {
    let dirs = AppDirs::resolve();
    let store = ProfileStore::new(&dirs);
    let profile = store.get(name).map_err(|e| (2, e))?.ok_or_else(|| {
        (2, format!("no profile named \"{name}\"; add it with `b24-activity-designer profiles add --name {name} ...`"))
    })?;
    // A terminal session ends with the command, so memory-only secrets would be useless here.
    let secrets = open_os_store().map_err(|e| (2, format!("{e} Sign in from the designer window instead.")))?;
    let has_secret = secrets.get(name, SecretKind::ClientSecret).map_err(|e| (2, e.to_string()))?.is_some();
    if !has_secret {
        let s = read_client_secret(&secrets.backend_name())
            .map_err(|e| (2, format!("cannot read the client_secret: {e}")))?;
        if s.trim().is_empty() {
            return Err((2, "no client_secret entered".into()));
        }
        secrets.set(name, SecretKind::ClientSecret, s.trim()).map_err(|e| (2, e.to_string()))?;
    }
    let listener = LoopbackListener::bind(DEFAULT_LOOPBACK_PORT).map_err(|e| (2, e.to_string()))?;
    let redirect = listener.redirect_uri();
    let state = oauth::random_state();
    let url = oauth::authorize_url(&profile.portal_url, &profile.client_id, &state).map_err(|e| (2, e.to_string()))?;
    eprintln!("{}", oauth::handler_address_note(&redirect));
    eprintln!("\nOpen this address to sign in:\n  {url}\n");
    if webbrowser::open(&url).is_err() {
        eprintln!("(could not open a browser; open the address yourself)");
    }
    eprintln!("Waiting for the redirect... or paste the redirected address here and press Enter.");
    let (tx, rx) = tokio::sync::oneshot::channel::<String>();
    // Without a reader thread only the loopback redirect can finish the sign-in; say so.
    let reader = std::thread::Builder::new().name("b24ad-login-paste".into()).spawn(move || {
        if let Some(Ok(l)) = std::io::stdin().lines().next() {
            let _ = tx.send(l);
        }
    });
    if let Err(e) = reader {
        eprintln!("(pasting is not available: {e}; waiting for the redirect only)");
    }
    let client =
        PortalClient::new(profile.clone(), secrets, ClientConfig::default()).map_err(|e| (2, e.to_string()))?;
    let result = runtime().block_on(async {
        let code = tokio::select! {
            c = listener.wait_for_code(&state, Duration::from_secs(600)) => c?,
            Ok(line) = rx => oauth::parse_redirected_address(&line, &state)?,
        };
        let signed = client.sign_in_with_code(&code).await?;
        let info = connect::connect(&client).await.ok();
        Ok::<_, crate::portal::PortalError>((signed, info))
    });
    let (signed, info) = result.map_err(|e| (1, e.to_string()))?;
    if let Some(m) = &signed.member_id {
        let _ = store.set_member_id(name, m);
    }
    match info {
        Some((info, _)) => println!("Signed in: {}", info.status_text()),
        None => println!("Signed in to {}.", profile.portal_url),
    }
    Ok(())
}
