//! `profiles list|add|remove|forget`: portal profiles in the config directory.

use super::ProfilesAction;
use crate::portal::{AppDirs, Profile, ProfileStore};
use std::process::ExitCode;

pub fn run(action: ProfilesAction) -> ExitCode {
    let store = ProfileStore::new(&AppDirs::resolve());
    let res = match action {
        ProfilesAction::List => list(&store),
        ProfilesAction::Add { name, portal, client_id, token_endpoint } => {
            let mut p = Profile::new(&name, &portal, &client_id);
            if let Some(t) = token_endpoint {
                p.token_endpoint = t;
            }
            let existed = store.get(&p.name).ok().flatten().is_some();
            store.upsert(existed.then_some(name.as_str()), p).map(|_| {
                println!("Saved profile \"{name}\" in {}.", store.path().display());
                println!("Next: b24-activity-designer login --profile \"{name}\"");
            })
        }
        ProfilesAction::Remove { name } => remove(&store, &name),
        ProfilesAction::Forget { name } => {
            with_secrets(|s| crate::portal::profiles::forget_credentials(&name, s.as_ref()).map_err(|e| e.to_string()))
                .map(|_| println!("Forgot the client_secret and tokens of \"{name}\"."))
        }
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn with_secrets(f: impl FnOnce(&crate::secrets::SharedSecretStore) -> Result<(), String>) -> Result<(), String> {
    let s = crate::secrets::open_os_store()?;
    f(&s)
}

/// Removes the profile; its keyring entry too when a keyring answers (without one, nothing
/// can have been stored there).
fn remove(store: &ProfileStore, name: &str) -> Result<(), String> {
    if store.get(name)?.is_none() {
        return Err(format!("no profile named \"{name}\""));
    }
    match crate::secrets::open_os_store() {
        Ok(s) => store.remove(name, s.as_ref())?,
        Err(_) => {
            let mut all = store.load()?;
            all.retain(|p| p.name != name);
            store.save(&all)?;
        }
    }
    println!("Removed profile \"{name}\" and its stored credentials.");
    Ok(())
}

fn list(store: &ProfileStore) -> Result<(), String> {
    let all = store.load()?;
    if all.is_empty() {
        println!("No portal profiles yet. Add one with:");
        println!("  b24-activity-designer profiles add --name NAME --portal https://PORTAL --client-id local.XXX");
        return Ok(());
    }
    for p in all {
        println!("{}\t{}\tclient_id={}\ttoken endpoint={}", p.name, p.portal_url, p.client_id, p.token_endpoint);
    }
    Ok(())
}
