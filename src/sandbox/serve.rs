//! The sandbox's accept loop. axum's `serve` has no read deadlines and no connection cap, so a
//! client that sends half a request, or a few hundred that send nothing, would hold sockets for
//! ever — inside the designer's own process, whose file limit they would exhaust. Here:
//!
//! * hyper's `header_read_timeout` closes a connection whose request head (or, when idle
//!   between keep-alive requests, whose next head) is not complete in time;
//! * [`body_guard`] reads every body under one deadline and size cap, answering 408/413 in the
//!   portal's JSON envelope;
//! * at most `max_connections` connections are served; one more is answered 503 at once and
//!   closed, so the process never runs out of descriptors. HTTP/1.1 only (what the portal's
//!   clients speak to the REST entry).

use super::net::{ConnCtx, KillStream};
use super::state::Shared;
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// How long a stopping server lets running calls finish before it drops them.
const DRAIN: Duration = Duration::from_secs(2);
/// Connections being refused at once; past this a connection is closed without an answer.
const MAX_REFUSING: usize = 32;

pub async fn serve(listener: TcpListener, app: Router, sh: Arc<Shared>, stop: watch::Receiver<bool>) {
    let cap = Arc::new(Semaphore::new(sh.cfg.max_connections.max(1)));
    let refusing = Arc::new(Semaphore::new(MAX_REFUSING));
    let mut conns = JoinSet::new();
    loop {
        let (tcp, remote) = tokio::select! {
            r = listener.accept() => match r {
                Ok(c) => c,
                // Out of descriptors and the like: wait a little instead of spinning.
                Err(_) => { tokio::time::sleep(Duration::from_millis(50)).await; continue; }
            },
            _ = stopped(stop.clone()) => break,
        };
        while conns.try_join_next().is_some() {}
        let _ = tcp.set_nodelay(true);
        let Ok(permit) = cap.clone().try_acquire_owned() else {
            if let Ok(p) = refusing.clone().try_acquire_owned() {
                conns.spawn(async move {
                    refuse_busy(tcp).await;
                    drop(p);
                });
            }
            continue;
        };
        let ctx = ConnCtx::new(remote);
        let io = TokioIo::new(KillStream::new(tcp, &ctx));
        let svc = TowerToHyperService::new(app.clone().map_request(move |mut req: Request<_>| {
            req.extensions_mut().insert(ConnectInfo(ctx.clone()));
            req
        }));
        let header_timeout = sh.cfg.header_timeout;
        let stop = stop.clone();
        conns.spawn(async move {
            let _permit = permit;
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(io, svc);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopped(stop) => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN, async { while conns.join_next().await.is_some() {} }).await;
    conns.abort_all();
}

/// Resolves once the stop flag is set. (A `wait_for` guard held across an await is not `Send`.)
async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// The answer to a connection over the cap: 503 in the JSON envelope, then close.
async fn refuse_busy(mut tcp: TcpStream) {
    let body = r#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many open connections to the sandbox; try again shortly"}"#;
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        // Read what the client sent first, so closing does not reset the connection under it.
        let mut buf = [0u8; 8192];
        let _ = tokio::time::timeout(Duration::from_millis(200), tcp.read(&mut buf)).await;
        let _ = tcp.write_all(answer.as_bytes()).await;
        let _ = tcp.shutdown().await;
    })
    .await;
}

/// Reads the whole body under the body deadline and the size cap before any handler runs.
pub async fn body_guard(State(sh): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    match tokio::time::timeout(sh.cfg.body_timeout, axum::body::to_bytes(body, sh.cfg.max_body)).await {
        Ok(Ok(bytes)) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Ok(Err(_)) => envelope(
            StatusCode::PAYLOAD_TOO_LARGE,
            "REQUEST_ENTITY_TOO_LARGE",
            &format!("The request body is larger than {} bytes", sh.cfg.max_body),
        ),
        Err(_) => envelope(
            StatusCode::REQUEST_TIMEOUT,
            "REQUEST_TIMEOUT",
            &format!("The request body did not arrive within {} s", sh.cfg.body_timeout.as_secs_f64()),
        ),
    }
}

fn envelope(status: StatusCode, code: &str, description: &str) -> Response {
    (status, axum::Json(serde_json::json!({"error": code, "error_description": description}))).into_response()
}
