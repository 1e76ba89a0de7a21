//! The server's own accept loop on a small current-thread runtime: it keeps the number of
//! connections under the limit (answering one more with "too busy" at once), gives each
//! connection a deadline for its request headers, and on closing lets every connection
//! finish (phones' event streams say "closed") for a moment before it stops.

use std::convert::Infallible;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::api::App;
use super::guard::guard;
use super::refusal::Refusal;

/// At most this many "too busy" answers are being written at once; more connections
/// beyond the limit are closed without one.
const BUSY_ANSWERS: usize = 32;
/// How long closing waits for connections to finish.
const CLOSE_WAIT: Duration = Duration::from_secs(2);

/// Serves until `closing` turns true.
pub(crate) async fn serve(
    listener: std::net::TcpListener,
    app: App,
    mut closing: watch::Receiver<bool>,
) {
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| TcpListener::from_std(listener))
    {
        Ok(l) => l,
        Err(_) => return,
    };
    let router = super::api::router(app.clone());
    let mut connections = JoinSet::new();
    let mut busy = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else {
                    // Out of file descriptors or the like: do not spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                while connections.try_join_next().is_some() {}
                while busy.try_join_next().is_some() {}
                if connections.len() >= app.limits.connections {
                    if busy.len() < BUSY_ANSWERS {
                        busy.spawn(too_busy(stream));
                    }
                    continue;
                }
                let (app, router, closing) = (app.clone(), router.clone(), closing.clone());
                let read_wait = app.limits.read_wait;
                connections.spawn(async move {
                    let _ = stream.set_nodelay(true);
                    let service = hyper::service::service_fn(move |req| {
                        let (app, router) = (app.clone(), router.clone());
                        async move { Ok::<_, Infallible>(guard(app, router, req, peer.ip()).await) }
                    });
                    connection(stream, service, read_wait, closing).await;
                });
            }
            _ = closing.changed() => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(CLOSE_WAIT, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
}

async fn connection<S>(
    stream: TcpStream,
    service: S,
    read_wait: Duration,
    mut closing: watch::Receiver<bool>,
) where
    S: hyper::service::HttpService<hyper::body::Incoming>,
    S::ResBody: 'static,
    <S::ResBody as hyper::body::Body>::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(read_wait)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = closing.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(CLOSE_WAIT, conn).await;
        }
    }
}

/// Answers a connection over the limit with "too busy" and closes it.
async fn too_busy(mut stream: TcpStream) {
    let r = Refusal::busy();
    let body = r.body();
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json; charset=utf-8\r\n\
         content-length: {}\r\nretry-after: 2\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    // Read what the phone sent first, so closing does not reset the connection before it
    // has our answer.
    let mut buf = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_millis(500), stream.read(&mut buf)).await;
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream.write_all(answer.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
}
