//! The room's HTTP API. Handlers only read requests, turn them into [`RoomRequest`]s for the
//! session loop and answer from the loop's reply or from the latest snapshot; they keep no
//! state of their own besides the rate counters.
//!
//! | request | needs | answer |
//! |---|---|---|
//! | `GET /`, `GET /j/TOKEN` | - (a link's token must be valid) | the phone page |
//! | `GET /phone.js`, `GET /phone.css` | - | the page's script and style |
//! | `POST /api/code` `{"code"}` | - (rate limited) | `{"token"}` |
//! | `GET /api/hello` | `Authorization: Bearer TOKEN` | title, parties, language |
//! | `POST /api/join` `{"key","secret","name"?,"party"?}` | the token | `{"device"}` once saved |
//! | `POST /api/send` `{"kind",...,"key"}` (card, commitment, dot, endorse, position, answer) | `Authorization: Bearer SECRET` | `{"saved":true}` once saved |
//! | `GET /api/view` | the secret | what this phone may see |
//! | `GET /api/events?s=SECRET` | the secret | the same, as server-sent events |

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Response, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::routing::{get, post};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use tokio::sync::{oneshot, watch};

use super::limits::{Counters, Limits};
use super::refusal::Refusal;
use super::request::{Answer, RoomRequest};
use super::secret::{is_device_secret, normalise_code, same, sha256_hex};
use super::view::Snapshot;
use super::{ToLoop, page};
use crate::core::clean::one_line;
use crate::core::consent::{Position, Stance};
use crate::core::room::{MAX_DEVICES, MAX_NAME_CHARS, MAX_TEXT_CHARS, Submission};
use crate::core::state::VoteTarget;

/// What every handler shares.
pub(crate) struct Shared {
    /// Host header values that name this room (`192.168.1.20:8421`).
    pub hosts: Vec<String>,
    pub token: String,
    pub code: String,
    pub limits: Limits,
    pub snapshot: watch::Receiver<Arc<Snapshot>>,
    pub closing: watch::Receiver<bool>,
    pub to_loop: ToLoop,
    pub counters: Mutex<Counters>,
}

pub(crate) type App = Arc<Shared>;

/// The phone's address, for the rate limits of joins and codes (never stored).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Peer(pub IpAddr);

pub(crate) type Reply = Response<Body>;

pub(crate) fn router(app: App) -> Router {
    Router::new()
        .route("/", get(page_plain))
        .route("/j/{token}", get(page_join))
        .route("/J/{token}", get(page_join))
        .route(
            "/phone.js",
            get(|| async { asset(page::JS, "text/javascript") }),
        )
        .route(
            "/phone-kinds.js",
            get(|| async { asset(page::KINDS_JS, "text/javascript") }),
        )
        .route("/phone.css", get(|| async { asset(page::CSS, "text/css") }))
        .route("/api/code", post(code))
        .route("/api/hello", get(hello))
        .route("/api/join", post(join))
        .route("/api/send", post(send))
        .route("/api/view", get(view))
        .route("/api/events", get(events))
        .fallback(|| async { refuse(&Refusal::not_found()) })
        .with_state(app)
}

pub(crate) fn refuse(r: &Refusal) -> Reply {
    json(
        StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_REQUEST),
        r.body(),
    )
}

fn json(status: StatusCode, body: String) -> Reply {
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

fn asset(body: &'static str, kind: &'static str) -> Reply {
    let mut resp = Response::new(Body::from(body));
    let value = HeaderValue::from_str(&format!("{kind}; charset=utf-8"))
        .unwrap_or(HeaderValue::from_static("text/plain"));
    resp.headers_mut().insert(header::CONTENT_TYPE, value);
    resp
}

async fn page_plain() -> Reply {
    asset(page::HTML, "text/html")
}

async fn page_join(State(app): State<App>, Path(token): Path<String>) -> Reply {
    if same(&token.to_ascii_uppercase(), &app.token) {
        asset(page::HTML, "text/html")
    } else {
        let mut resp = asset(page::BAD_LINK, "text/html");
        *resp.status_mut() = StatusCode::FORBIDDEN;
        resp
    }
}

/// The value of `Authorization: Bearer VALUE`.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let v = value.strip_prefix("Bearer ")?.trim();
    (v.len() <= 128).then_some(v)
}

fn has_token(app: &App, headers: &HeaderMap) -> bool {
    bearer(headers).is_some_and(|t| same(&t.to_ascii_uppercase(), &app.token))
}

/// The device whose secret this is: its number, or why not.
fn device_of(app: &App, secret: Option<&str>) -> Result<u32, Refusal> {
    let secret = secret
        .filter(|s| is_device_secret(s))
        .ok_or_else(Refusal::unknown_device)?;
    match app.snapshot.borrow().device(&sha256_hex(secret)) {
        None => Err(Refusal::unknown_device()),
        Some(d) if d.removed => Err(Refusal::removed()),
        Some(d) => Ok(d.id),
    }
}

/// The body, at most the limit, read within the limit's time.
async fn read_body(app: &App, headers: &HeaderMap, body: Body) -> Result<Vec<u8>, Refusal> {
    let limit = app.limits.body_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Refusal::too_large(limit));
    }
    match tokio::time::timeout(app.limits.read_wait, axum::body::to_bytes(body, limit)).await {
        Err(_) => Err(Refusal::malformed()),
        Ok(Err(_)) => Err(Refusal::too_large(limit)),
        Ok(Ok(bytes)) => Ok(bytes.to_vec()),
    }
}

fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Refusal> {
    serde_json::from_slice(bytes).map_err(|_| Refusal::malformed())
}

/// A phone's text made safe and checked: one clean line, not empty, at most `max`.
fn clean_text(text: &str, max: usize, may_be_empty: bool) -> Result<String, Refusal> {
    let t = one_line(text);
    let chars = t.chars().count();
    if t.is_empty() && !may_be_empty {
        return Err(Refusal::empty());
    }
    if chars > max {
        return Err(Refusal::too_long(max, chars));
    }
    Ok(t)
}

/// Hands a submission to the session loop and waits for the reply (sent once the change
/// is on disk).
async fn ask(
    app: &App,
    device: Option<u32>,
    key: String,
    submission: Submission,
) -> Result<u32, Refusal> {
    if *app.closing.borrow() {
        return Err(Refusal::closing());
    }
    let (reply, answer) = oneshot::channel();
    (app.to_loop)(RoomRequest {
        device,
        key,
        submission,
        reply,
    });
    match tokio::time::timeout(app.limits.reply_wait, answer).await {
        Err(_) => Err(Refusal::not_saved_yet()),
        Ok(Err(_)) => Err(Refusal::closing()),
        Ok(Ok(Answer::Saved { device })) => Ok(device),
        Ok(Ok(Answer::Refused(e))) => Err(Refusal::refused(&e)),
    }
}

fn done(result: Result<String, Refusal>) -> Reply {
    match result {
        Ok(body) => json(StatusCode::OK, body),
        Err(r) => refuse(&r),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeBody {
    code: String,
}

async fn code(
    State(app): State<App>,
    axum::Extension(Peer(ip)): axum::Extension<Peer>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    done(
        async {
            let now = Instant::now();
            let allowed = super::lock(&app.counters).code_try(ip, &app.limits, now);
            if !allowed {
                return Err(Refusal::too_many_tries());
            }
            let b: CodeBody = parse(&read_body(&app, &headers, body).await?)?;
            if same(&normalise_code(&b.code), &app.code) {
                Ok(serde_json::json!({"token": app.token}).to_string())
            } else {
                super::lock(&app.counters).wrong_code(&app.limits, now);
                Err(Refusal::bad_token())
            }
        }
        .await,
    )
}

async fn hello(State(app): State<App>, headers: HeaderMap) -> Reply {
    if !has_token(&app, &headers) {
        return refuse(&Refusal::bad_token());
    }
    let snapshot = app.snapshot.borrow().clone();
    json(StatusCode::OK, snapshot.hello.clone())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinBody {
    key: String,
    secret: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    party: Option<String>,
}

async fn join(
    State(app): State<App>,
    axum::Extension(Peer(ip)): axum::Extension<Peer>,
    headers: HeaderMap,
    body: Body,
) -> Reply {
    done(
        async {
            if !has_token(&app, &headers) {
                return Err(Refusal::bad_token());
            }
            if !super::lock(&app.counters).join(ip, &app.limits, Instant::now()) {
                return Err(Refusal::too_many_tries());
            }
            let b: JoinBody = parse(&read_body(&app, &headers, body).await?)?;
            if !is_device_secret(&b.secret) {
                return Err(Refusal::malformed());
            }
            let hash = sha256_hex(&b.secret);
            let (known, count) = {
                let snapshot = app.snapshot.borrow();
                (snapshot.device(&hash).is_some(), snapshot.device_count)
            };
            // A retried join of a phone that is in already goes through (it is recognised
            // by its key); a new one when the room is full does not.
            if !known && count >= MAX_DEVICES {
                return Err(Refusal::full(MAX_DEVICES));
            }
            let name = match b.name.as_deref() {
                Some(n) => Some(clean_text(n, MAX_NAME_CHARS, true)?).filter(|n| !n.is_empty()),
                None => None,
            };
            let party = b.party.filter(|p| !p.is_empty());
            let submission = Submission::Join {
                name,
                party,
                secret: hash,
            };
            let device = ask(&app, None, b.key, submission).await?;
            Ok(serde_json::json!({"device": device}).to_string())
        }
        .await,
    )
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum SendBody {
    Card {
        key: String,
        step: String,
        lane: String,
        text: String,
    },
    Commitment {
        key: String,
        step: String,
        what: String,
        #[serde(default)]
        who: String,
        #[serde(default)]
        when: String,
    },
    Dot {
        key: String,
        step: String,
        target: VoteTarget,
        placed: bool,
    },
    Endorse {
        key: String,
        step: String,
        item: String,
        endorsed: bool,
    },
    Position {
        key: String,
        step: String,
        #[serde(default)]
        stance: Option<Stance>,
        #[serde(default)]
        text: String,
    },
    Answer {
        key: String,
        step: String,
        statement: String,
        #[serde(default)]
        answer: Option<i32>,
    },
}

/// The key of a phone's ballot for one statement of a poll: made from the phone's secret
/// (which the session file never holds), so the file cannot tell whose ballot it is, and a
/// second answer from the same phone is the same ballot.
pub(crate) fn ballot(secret: &str, step: &str, statement: &str) -> String {
    sha256_hex(&format!("samenspel/ballot\0{secret}\0{step}\0{statement}"))
}

impl SendBody {
    fn submission(self, secret: &str) -> Result<(String, Submission), Refusal> {
        Ok(match self {
            SendBody::Card {
                key,
                step,
                lane,
                text,
            } => (
                key,
                Submission::Card {
                    step,
                    lane,
                    text: clean_text(&text, MAX_TEXT_CHARS, false)?,
                },
            ),
            SendBody::Commitment {
                key,
                step,
                what,
                who,
                when,
            } => (
                key,
                Submission::Commitment {
                    step,
                    what: clean_text(&what, MAX_TEXT_CHARS, false)?,
                    who: clean_text(&who, MAX_NAME_CHARS, true)?,
                    when: clean_text(&when, MAX_NAME_CHARS, true)?,
                },
            ),
            SendBody::Dot {
                key,
                step,
                target,
                placed,
            } => (
                key,
                Submission::Dot {
                    step,
                    target,
                    placed,
                },
            ),
            SendBody::Endorse {
                key,
                step,
                item,
                endorsed,
            } => (
                key,
                Submission::Endorse {
                    step,
                    item,
                    endorsed,
                },
            ),
            SendBody::Position {
                key,
                step,
                stance,
                text,
            } => {
                let text = clean_text(&text, MAX_TEXT_CHARS, true)?;
                let position = stance.map(|stance| Position {
                    stance,
                    text: if stance.needs_text() {
                        text
                    } else {
                        String::new()
                    },
                    resolved_by: None,
                });
                (key, Submission::Position { step, position })
            }
            SendBody::Answer {
                key,
                step,
                statement,
                answer,
            } => {
                let ballot = ballot(secret, &step, &statement);
                (
                    key,
                    Submission::Answer {
                        step,
                        statement,
                        answer,
                        ballot,
                    },
                )
            }
        })
    }
}

async fn send(State(app): State<App>, headers: HeaderMap, body: Body) -> Reply {
    done(
        async {
            let secret = bearer(&headers).unwrap_or_default();
            let device = device_of(&app, Some(secret))?;
            if !super::lock(&app.counters).submission(device, &app.limits, Instant::now()) {
                return Err(Refusal::too_fast(app.limits.per_minute));
            }
            let b: SendBody = parse(&read_body(&app, &headers, body).await?)?;
            let (key, submission) = b.submission(secret)?;
            ask(&app, Some(device), key, submission).await?;
            Ok(r#"{"saved":true}"#.to_string())
        }
        .await,
    )
}

async fn view(State(app): State<App>, headers: HeaderMap) -> Reply {
    done(device_of(&app, bearer(&headers)).map(|d| app.snapshot.borrow().view(d)))
}

/// The `s` parameter of a query string.
fn secret_in(uri: &Uri) -> Option<&str> {
    uri.query()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("s="))
}

async fn events(State(app): State<App>, uri: Uri) -> Reply {
    let device = match device_of(&app, secret_in(&uri)) {
        Ok(d) => d,
        Err(r) => return refuse(&r),
    };
    use axum::response::IntoResponse;
    Sse::new(updates(app, device))
        .keep_alive(KeepAlive::new().interval(std::time::Duration::from_secs(15)))
        .into_response()
}

/// What one phone is sent: its view now, then each time it changes (changes that come
/// quicker than the limits' gap are combined), `removed` when the facilitator removes it,
/// `closed` when the room closes.
fn updates(app: App, device: u32) -> impl Stream<Item = Result<SseEvent, Infallible>> {
    struct S {
        app: App,
        snapshot: watch::Receiver<Arc<Snapshot>>,
        closing: watch::Receiver<bool>,
        last: String,
        sent_at: Option<tokio::time::Instant>,
        done: bool,
    }
    let start = S {
        snapshot: app.snapshot.clone(),
        closing: app.closing.clone(),
        app,
        last: String::new(),
        sent_at: None,
        done: false,
    };
    stream::unfold(start, move |mut s| async move {
        if s.done {
            return None;
        }
        loop {
            if let Some(at) = s.sent_at {
                tokio::time::sleep_until(at + s.app.limits.update_gap).await;
            }
            if *s.closing.borrow() {
                s.done = true;
                return Some((Ok(SseEvent::default().event("closed").data("{}")), s));
            }
            let snapshot = s.snapshot.borrow_and_update().clone();
            let removed = snapshot
                .devices
                .values()
                .any(|d| d.id == device && d.removed);
            if removed {
                s.done = true;
                return Some((Ok(SseEvent::default().event("removed").data("{}")), s));
            }
            let v = snapshot.view(device);
            if v != s.last {
                s.last = v.clone();
                s.sent_at = Some(tokio::time::Instant::now());
                return Some((Ok(SseEvent::default().event("view").data(v)), s));
            }
            tokio::select! {
                changed = s.snapshot.changed() => {
                    if changed.is_err() {
                        s.done = true;
                        return Some((Ok(SseEvent::default().event("closed").data("{}")), s));
                    }
                }
                _ = s.closing.changed() => {}
            }
        }
    })
}
