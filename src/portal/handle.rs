//! `PortalHandle`: what the UI holds. Requests go over a channel to the background runtime;
//! replies come back over a channel and a repaint callback wakes the UI. Nothing here blocks.

use super::client::{AuthState, CallKind, PortalClient, RestResponse, SignedIn, runtime};
use super::connect::{self, PortalInfo};
use super::error::PortalError;
use super::items::{self, ItemSummary};
use super::log::RequestLog;
use super::oauth::{AuthCode, LoopbackListener};
use super::send::{self, ReadBack, SendJob, SendOutcome, Sent};
use crate::layout::Catalog;
use serde_json::Value;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

/// Wakes the UI (the app passes `move || ctx.request_repaint()`).
pub type Repaint = Arc<dyn Fn() + Send + Sync>;

pub enum Request {
    /// Start-up batch → `Reply::Connected`.
    Connect,
    /// Store the client_secret in the secret store.
    SetClientSecret(String),
    /// Wait for the browser's redirect on the loopback listener, then exchange the code.
    /// `cancel.notify_one()` stops the wait and frees the port (cancel, or a pasted address won).
    AwaitRedirect {
        listener: LoopbackListener,
        state: String,
        timeout: Duration,
        cancel: Arc<tokio::sync::Notify>,
    },
    /// Exchange a code from a pasted address.
    ExchangeCode(AuthCode),
    /// Sandbox only: approve on its authorize page over HTTP, no browser.
    ApproveHeadless,
    ForgetCredentials,
    SearchItems {
        entity_type_id: i64,
        text: String,
    },
    GetItem {
        entity_type_id: i64,
        id: i64,
    },
    Send(SendJob),
    Update {
        activity_id: i64,
        job: SendJob,
    },
    ReadBack {
        activity_id: i64,
        sent: Option<Sent>,
    },
    Delete {
        activity_id: i64,
    },
    /// After an unknown outcome: which activities carry this originId.
    Check {
        origin_id: String,
    },
    Call {
        method: String,
        params: Value,
        kind: CallKind,
    },
}

/// What a request is, for busy marks ("Signing in…", sending) without matching names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    Connect,
    SaveClientSecret,
    SignIn,
    ForgetCredentials,
    Search,
    ConfirmElement,
    Send,
    Update,
    ReadBack,
    Delete,
    Check,
    Call,
}

impl RequestKind {
    /// Requests that change the portal's activities: one at a time.
    pub fn is_write(self) -> bool {
        matches!(self, RequestKind::Send | RequestKind::Update | RequestKind::Delete)
    }
}

impl Request {
    pub fn kind(&self) -> RequestKind {
        match self {
            Request::Connect => RequestKind::Connect,
            Request::SetClientSecret(_) => RequestKind::SaveClientSecret,
            Request::AwaitRedirect { .. } | Request::ExchangeCode(_) | Request::ApproveHeadless => RequestKind::SignIn,
            Request::ForgetCredentials => RequestKind::ForgetCredentials,
            Request::SearchItems { .. } => RequestKind::Search,
            Request::GetItem { .. } => RequestKind::ConfirmElement,
            Request::Send(_) => RequestKind::Send,
            Request::Update { .. } => RequestKind::Update,
            Request::ReadBack { .. } => RequestKind::ReadBack,
            Request::Delete { .. } => RequestKind::Delete,
            Request::Check { .. } => RequestKind::Check,
            Request::Call { .. } => RequestKind::Call,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Connected { info: PortalInfo, catalog: Catalog },
    SecretSaved,
    SignedIn(SignedIn),
    Forgotten,
    Items { text: String, items: Vec<ItemSummary> },
    Item(ItemSummary),
    Sent(SendOutcome),
    ReadBack(ReadBack),
    Deleted(i64),
    Checked { origin_id: String, ids: Vec<i64> },
    Value(RestResponse),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub id: u64,
    pub request: RequestKind,
    pub result: Result<Reply, PortalError>,
}

pub struct PortalHandle {
    client: Arc<PortalClient>,
    tx: mpsc::Sender<Response>,
    rx: mpsc::Receiver<Response>,
    repaint: Repaint,
    next_id: u64,
    in_flight: usize,
}

impl PortalHandle {
    pub fn new(client: PortalClient, repaint: Repaint) -> Self {
        let (tx, rx) = mpsc::channel();
        PortalHandle { client: Arc::new(client), tx, rx, repaint, next_id: 1, in_flight: 0 }
    }

    pub fn client(&self) -> &Arc<PortalClient> {
        &self.client
    }
    pub fn log(&self) -> &RequestLog {
        self.client.log()
    }
    pub fn auth_state(&self) -> AuthState {
        self.client.auth_state()
    }
    /// Requests sent whose responses were not taken yet.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Queues a request; returns its id. The HTTP calls themselves are serialised per portal.
    pub fn send(&mut self, req: Request) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.in_flight += 1;
        let client = self.client.clone();
        let tx = self.tx.clone();
        let repaint = self.repaint.clone();
        let kind = req.kind();
        runtime().spawn(async move {
            let result = run(&client, req).await;
            let _ = tx.send(Response { id, request: kind, result });
            repaint();
        });
        id
    }

    /// Responses that arrived since the last poll (never waits).
    pub fn poll(&mut self) -> Vec<Response> {
        let v: Vec<Response> = self.rx.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(v.len());
        v
    }

    /// Blocks until the response with `id` arrives (command line and tests only, never the UI).
    pub fn wait(&mut self, id: u64, timeout: Duration) -> Option<Response> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let r = self.rx.recv_timeout(left).ok()?;
            self.in_flight = self.in_flight.saturating_sub(1);
            if r.id == id {
                return Some(r);
            }
        }
    }
}

async fn run(c: &PortalClient, req: Request) -> Result<Reply, PortalError> {
    Ok(match req {
        Request::Connect => {
            let (info, catalog) = connect::connect(c).await?;
            Reply::Connected { info, catalog }
        }
        Request::SetClientSecret(s) => {
            c.set_client_secret(s).await?;
            Reply::SecretSaved
        }
        Request::AwaitRedirect { listener, state, timeout, cancel } => {
            let code = tokio::select! {
                c = listener.wait_for_code(&state, timeout) => c?,
                _ = cancel.notified() => {
                    return Err(PortalError::sign_in_cancelled());
                }
            };
            Reply::SignedIn(c.sign_in_with_code(&code).await?)
        }
        Request::ExchangeCode(code) => Reply::SignedIn(c.sign_in_with_code(&code).await?),
        Request::ApproveHeadless => Reply::SignedIn(super::builtin::approve_headless(c).await?),
        Request::ForgetCredentials => {
            c.forget_credentials().await?;
            Reply::Forgotten
        }
        Request::SearchItems { entity_type_id, text } => {
            let items = items::search(c, entity_type_id, &text).await?;
            Reply::Items { text, items }
        }
        Request::GetItem { entity_type_id, id } => Reply::Item(items::get(c, entity_type_id, id).await?),
        Request::Send(job) => Reply::Sent(send::add(c, &job).await?),
        Request::Update { activity_id, job } => Reply::Sent(send::update(c, activity_id, &job).await?),
        Request::ReadBack { activity_id, sent } => {
            Reply::ReadBack(send::read_back(c, activity_id, sent.as_ref()).await?)
        }
        Request::Delete { activity_id } => {
            send::delete(c, activity_id).await?;
            Reply::Deleted(activity_id)
        }
        Request::Check { origin_id } => {
            let ids = send::check(c, &origin_id).await?;
            Reply::Checked { origin_id, ids }
        }
        Request::Call { method, params, kind } => Reply::Value(c.call(&method, params, kind).await?),
    })
}
