//! A TCP stream that a handler can "cut": after [`ConnCtx::kill`] every write
//! fails, so hyper closes the socket without sending the answer. This emulates a connection
//! lost after the request reached the server (the "outcome unknown" case of a send).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

pub struct KillStream {
    inner: TcpStream,
    killed: Arc<AtomicBool>,
}

impl KillStream {
    pub fn new(inner: TcpStream, ctx: &ConnCtx) -> Self {
        KillStream { inner, killed: ctx.killed.clone() }
    }
}

/// Per-connection info for handlers (`ConnectInfo<ConnCtx>`).
#[derive(Clone, Debug)]
pub struct ConnCtx {
    pub remote: SocketAddr,
    killed: Arc<AtomicBool>,
}

impl ConnCtx {
    pub fn new(remote: SocketAddr) -> Self {
        ConnCtx { remote, killed: Arc::new(AtomicBool::new(false)) }
    }
    /// Makes the connection fail on its next write: the answer never leaves the server.
    pub fn kill(&self) {
        self.killed.store(true, Ordering::SeqCst);
    }
}

fn cut() -> io::Error {
    io::Error::new(io::ErrorKind::ConnectionAborted, "sandbox fault: connection dropped")
}

impl AsyncRead for KillStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        if self.killed.load(Ordering::SeqCst) {
            return Poll::Ready(Err(cut()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for KillStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        if self.killed.load(Ordering::SeqCst) {
            return Poll::Ready(Err(cut()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.killed.load(Ordering::SeqCst) {
            return Poll::Ready(Err(cut()));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.killed.load(Ordering::SeqCst) {
            return Poll::Ready(Err(cut()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
