//! Talking to a Bitrix24 portal (portal-api.md): profiles, OAuth sign-in, the REST client on
//! one background runtime, the start-up batch, element picking, the send flow and the log.
//! The app reaches all of it through [`PortalHandle`]; nothing here depends on egui, the UI or
//! the sandbox (the app or the command line starts that and hands over its address).

pub mod builtin;
pub mod client;
pub mod connect;
pub mod diff;
pub mod dirs;
pub mod envelope;
pub mod error;
pub mod handle;
pub mod items;
pub mod limits;
pub mod log;
pub mod oauth;
pub mod profiles;
pub mod send;

pub use client::{AuthState, CallKind, ClientConfig, PortalClient, RestResponse, SignedIn, check_url_allowed, runtime};
pub use connect::{OwnerType, PortalInfo};
pub use diff::{DiffEntry, DiffKind};
pub use dirs::AppDirs;
pub use error::{ErrorClass, ErrorKind, PortalError};
pub use handle::{PortalHandle, Repaint, Reply, Request, RequestKind, Response};
pub use items::ItemSummary;
pub use log::{LogEntry, RequestLog};
pub use oauth::{AuthCode, LoopbackListener, Tokens};
pub use profiles::{DEFAULT_TOKEN_ENDPOINT, Profile, ProfileStore, SANDBOX_PROFILE};
pub use send::{ReadBack, SendJob, SendOutcome, Sent};
