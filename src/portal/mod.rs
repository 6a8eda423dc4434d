//! Talking to a Bitrix24 portal (portal-api.md): profiles, OAuth sign-in, the REST client on
//! one background runtime, the start-up batch, element picking, the send flow and the log.
//! The UI reaches all of it through [`PortalHandle`]; nothing here depends on egui.

pub mod builtin;
pub mod client;
pub mod connect;
pub mod diff;
pub mod dirs;
pub mod envelope;
pub mod error;
pub mod handle;
pub mod items;
pub mod jobs;
pub mod limits;
pub mod log;
pub mod oauth;
pub mod profiles;
pub mod send;

pub use client::{AuthState, CallKind, ClientConfig, PortalClient, RestResponse, SignedIn, check_url_allowed, runtime};
pub use connect::{OwnerType, PortalInfo};
pub use diff::{DiffEntry, DiffKind};
pub use dirs::AppDirs;
pub use error::{ErrorKind, PortalError};
pub use handle::{PortalHandle, Repaint, Reply, Request, Response};
pub use items::ItemSummary;
pub use jobs::Jobs;
pub use log::{LogEntry, RequestLog};
pub use oauth::{AuthCode, LoopbackListener, Tokens};
pub use profiles::{DEFAULT_TOKEN_ENDPOINT, Profile, ProfileStore, SANDBOX_PROFILE};
pub use send::{ReadBack, SendJob, SendOutcome, Sent};
