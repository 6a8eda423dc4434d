//! Command line (clap). With no subcommand the binary opens the designer window.
//! Each subcommand lives in its own file and returns the process exit code.

pub mod export;
pub mod login;
pub mod new;
pub mod profiles;
pub mod sandbox;
pub mod send;
pub mod validate;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "b24-activity-designer",
    version,
    about = "Design, validate and test-send Bitrix24 configurable CRM activity layouts",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A project, bare layout or REST payload to open in the designer window.
    #[arg(value_name = "FILE")]
    pub open: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportAs {
    Layout,
    Payload,
    Curl,
    /// PHP with CRest.
    Php,
    /// PHP with the official b24phpsdk.
    PhpSdk,
    Js,
    Python,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate project files, bare layouts or REST payloads. Exit 0: no errors; 1: errors; 2: unreadable.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Portal catalog JSON (icons, logos, badges, typeIds, languages).
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Treat newer-portal ([N-only]) features as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Export a layout as JSON, a REST payload or code that sends it.
    Export {
        file: PathBuf,
        #[arg(long = "as", value_enum)]
        as_: ExportAs,
        /// Write to a file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Create a project from a starter template.
    New {
        #[arg(long)]
        template: String,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List the starter templates.
    Templates,
    /// Run the local sandbox portal (OAuth + REST emulator) on 127.0.0.1.
    Sandbox {
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
    /// Sign in to a portal profile through the browser.
    Login {
        #[arg(long)]
        profile: String,
    },
    /// Manage portal profiles.
    Profiles {
        #[command(subcommand)]
        action: ProfilesAction,
    },
    /// Test-send a layout to a CRM element.
    #[command(after_help = send::EXIT_CODES)]
    Send {
        file: PathBuf,
        #[arg(long, conflicts_with = "sandbox", required_unless_present = "sandbox")]
        profile: Option<String>,
        /// Start the built-in sandbox portal in-process and send there.
        #[arg(long)]
        sandbox: bool,
        /// Target element as TYPE:ID, e.g. 2:15 or deal:15.
        #[arg(long)]
        owner: String,
        /// Update this activity in place instead of adding a new one.
        #[arg(long)]
        update: Option<i64>,
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Seconds the whole send may take (optional calls get a short share and are skipped
        /// when slow).
        #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
    },
}

#[derive(Subcommand, Debug)]
pub enum ProfilesAction {
    /// List the configured portal profiles.
    List,
    /// Add or replace a profile (client_secret and tokens go to the keyring at login).
    Add {
        #[arg(long)]
        name: String,
        /// Portal address, e.g. https://acme.bitrix24.com
        #[arg(long)]
        portal: String,
        #[arg(long)]
        client_id: String,
        /// OAuth token endpoint (default https://oauth.bitrix.info/oauth/token/).
        #[arg(long)]
        token_endpoint: Option<String>,
    },
    /// Remove a profile and its stored credentials.
    Remove {
        #[arg(long)]
        name: String,
    },
    /// Forget a profile's client_secret and tokens (keeps the profile).
    Forget {
        #[arg(long)]
        name: String,
    },
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => match crate::app::run_gui(cli.open.map(|p| std::path::absolute(&p).unwrap_or(p))) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Some(cmd) => run(cmd),
    }
}

/// Runs one subcommand and returns the process exit code.
pub fn run(cmd: Command) -> ExitCode {
    match cmd {
        Command::Validate { files, format, catalog, strict } => {
            validate::run(&files, format, catalog.as_deref(), strict)
        }
        Command::Export { file, as_, output } => export::run(&file, as_, output.as_deref()),
        Command::New { template, output } => new::run_new(&template, output.as_deref()),
        Command::Templates => new::run_templates(),
        Command::Sandbox { port } => sandbox::run(port),
        Command::Login { profile } => login::run(&profile),
        Command::Profiles { action } => profiles::run(action),
        Command::Send { file, profile, sandbox, owner, update, format, timeout } => {
            let timeout = std::time::Duration::from_secs(timeout);
            send::run(send::SendArgs { file, profile, sandbox, owner, update, format, timeout })
        }
    }
}
