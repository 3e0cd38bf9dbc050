//! [`Recorder`]: a fake API server on 127.0.0.1 that answers just enough for kubectl and keeps
//! every request it was sent.

use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::{fmt, io, thread};

use serde_json::{json, Value};

use super::discovery;
use super::http::{self, WireRequest};
use super::pods;

/// One request the recorder received, as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// Path and, if any, `?` and the raw (still percent-encoded) query string.
    pub target: String,
    /// Headers in the order received, names as spelled by the client.
    pub headers: Vec<(String, String)>,
    /// The body after chunked decoding, byte for byte.
    pub body: Vec<u8>,
    /// The status code the recorder answered with.
    pub status: u16,
}

impl Request {
    /// The path without the query string.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(p, _)| p)
    }

    /// The raw query string, without the `?`; `None` when there is none.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// A header's value; the name is matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        http::header(&self.headers, name)
    }

    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    pub fn accept(&self) -> Option<&str> {
        self.header("accept")
    }

    /// The body as text (panics with the bytes if it is not UTF-8).
    pub fn body_str(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap_or_else(|e| panic!("{e}: body of {self} is not UTF-8: {:?}", self.body))
    }

    /// The body parsed as JSON (panics with the text if it is not JSON).
    pub fn body_json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: body of {self} is not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    /// Whether this is a GET of a discovery document the recorder serves (`/api`, `/apis`, `/api/v1`).
    pub fn is_discovery(&self) -> bool {
        self.method == "GET" && discovery::document(self.path()).is_some()
    }

    /// Whether this is a write (PATCH or PUT) to a `…/ephemeralcontainers` subresource.
    pub fn is_subresource_write(&self) -> bool {
        matches!(self.method.as_str(), "PATCH" | "PUT") && self.path().ends_with("/ephemeralcontainers")
    }

    /// The decoded values of a query parameter, in order.
    pub fn query_values(&self, key: &str) -> Vec<String> {
        http::query_values(self.query().unwrap_or(""), key)
    }

    /// Whether this asked for a watch (`watch=true` or `watch=1`).
    pub fn is_watch(&self) -> bool {
        is_watch(self.query())
    }
}

fn is_watch(query: Option<&str>) -> bool {
    http::query_values(query.unwrap_or(""), "watch").last().is_some_and(|v| v == "true" || v == "1")
}

/// `METHOD target [content-type] -> status`, the form used in assertion messages.
impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.target)?;
        if let Some(ct) = self.content_type() {
            write!(f, " [{ct}]")?;
        }
        write!(f, " -> {}", self.status)
    }
}

/// Renders a request log one request a line, for assertion messages.
pub fn show(requests: &[Request]) -> String {
    requests.iter().map(|r| format!("  {r}\n")).collect()
}

/// An HTTP/1.1 server on `127.0.0.1:<ephemeral port>` that plays a Kubernetes API server holding
/// exactly one pod, and records every request.
///
/// It answers:
/// * discovery (`GET /api`, `/api/v1`, `/apis`; see `discovery.rs`) in the legacy, unaggregated form;
/// * `GET /api/v1/namespaces/NS/pods/NAME` and `GET …/pods/NAME/ephemeralcontainers`: the pod;
/// * `PATCH` / `PUT …/pods/NAME/ephemeralcontainers`: `200` with the pod *unchanged* by this
///   write (patches are recorded, never applied as such). Afterwards the pod has the containers
///   the write named that it did not have yet, each *terminated* with exit code 0 (`pods.rs`):
///   every later read shows them;
/// * `GET /api/v1/namespaces/NS/pods?fieldSelector=…`: a `PodList`; with `watch=true`, a chunked
///   JSON event stream: with `sendInitialEvents=true` an `ADDED` event for the pod if selected,
///   then the `BOOKMARK` that ends the initial events; without, an `ADDED` event if no
///   `resourceVersion` (or `0`) was given, a `MODIFIED` one if an older one was. The stream
///   then stays open, as a real server's does, until the client closes it or the recorder stops;
/// * `GET …/pods/NAME/log?container=C`: [`pods::log_text`] (`text/plain`), or `400` if the pod
///   has no container `C`;
/// * other pod names or namespaces on those paths: `404` with a `NotFound` Status;
/// * anything else: recorded, then `404` with a `NotFound` Status (see [`Recorder::unexpected`]).
///
/// The port is bound before [`Recorder::start`] returns, so a client may connect at once.
/// Dropping the recorder closes the listener and every open connection and joins every thread.
pub struct Recorder {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

struct Shared {
    /// The pod as it is now: writes add containers to it.
    pod: Mutex<Value>,
    namespace: String,
    name: String,
    log: Mutex<Vec<Request>>,
    stopping: AtomicBool,
    connections: Mutex<Vec<(TcpStream, JoinHandle<()>)>>,
    /// How writes to the subresource are answered instead of `200` (see [`Recorder::answer_writes`]).
    writes: Mutex<Option<WriteAnswer>>,
}

/// A response to writes to the subresource, as a real server would give it for a request it
/// refused or accepted with warnings.
#[derive(Clone, Debug)]
pub struct WriteAnswer {
    pub status: u16,
    /// The JSON body (a `Status` for a failure, the pod for a success).
    pub body: String,
    /// The texts of the `Warning` headers (`299 - "<text>"`), in order.
    pub warnings: Vec<String>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while a test held the lock must not hide the log from the next assertion.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Recorder {
    /// Starts a recorder holding `pod` (its `metadata.name` and `metadata.namespace`, which
    /// defaults to `default`, decide which paths find it).
    pub fn start(pod: Value) -> Recorder {
        let name = pod["metadata"]["name"].as_str().expect("the pod has metadata.name").to_owned();
        let namespace = pod["metadata"]["namespace"].as_str().unwrap_or("default").to_owned();
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address of the recorder");
        let shared = Arc::new(Shared {
            pod: Mutex::new(pod),
            namespace,
            name,
            log: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
            connections: Mutex::new(Vec::new()),
            writes: Mutex::new(None),
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            thread::Builder::new().name(format!("recorder-{}", addr.port())).spawn(move || accept_loop(&listener, &shared)).expect("spawn")
        };
        Recorder { addr, shared, acceptor: Some(acceptor) }
    }

    /// `http://127.0.0.1:PORT`, the `server` of a kubeconfig cluster.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The pod this recorder serves, as it is now (with the containers writes added).
    pub fn pod(&self) -> Value {
        lock(&self.shared.pod).clone()
    }

    /// Every request so far, in the order their heads and bodies were fully read.
    /// Requests kubectl sends in parallel (discovery) may come in any order; a request sent
    /// after the answer to another always comes after it.
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.shared.log).clone()
    }

    /// The discovery requests (see [`Request::is_discovery`]).
    pub fn discovery_requests(&self) -> Vec<Request> {
        self.requests().into_iter().filter(Request::is_discovery).collect()
    }

    /// Every request but discovery: what the command itself did, in order.
    pub fn api_requests(&self) -> Vec<Request> {
        self.requests().into_iter().filter(|r| !r.is_discovery()).collect()
    }

    /// The requests that wrote the ephemeral containers: PATCH or PUT on `…/ephemeralcontainers`.
    pub fn subresource_writes(&self) -> Vec<Request> {
        self.requests().into_iter().filter(Request::is_subresource_write).collect()
    }

    /// The one write to the subresource; panics, listing every request, unless there is exactly one.
    pub fn the_subresource_write(&self) -> Request {
        let writes = self.subresource_writes();
        match <[Request; 1]>::try_from(writes) {
            Ok([write]) => write,
            Err(writes) => panic!(
                "expected exactly one PATCH/PUT to …/ephemeralcontainers, got {}; all requests:\n{}",
                writes.len(),
                show(&self.requests())
            ),
        }
    }

    /// Requests the recorder had no answer for (it answered `404` with a generic Status).
    /// Not-found pods are *not* in here: they are a deliberate answer.
    pub fn unexpected(&self) -> Vec<Request> {
        self.requests().into_iter().filter(|r| route(&self.shared, r.method.as_str(), r.path()).is_none()).collect()
    }

    /// From now on, writes to the subresource get `answer` (and change nothing).
    pub fn answer_writes(&self, answer: WriteAnswer) {
        *lock(&self.shared.writes) = Some(answer);
    }

    /// Forgets every request recorded so far.
    pub fn clear(&self) {
        lock(&self.shared.log).clear();
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wake the acceptor, blocked in accept(); it sees `stopping` and leaves its loop.
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let Ok(handle) = stream.try_clone() else { continue };
        let worker = {
            let shared = Arc::clone(shared);
            thread::spawn(move || {
                let _ = serve(stream, &shared);
            })
        };
        lock(&shared.connections).push((handle, worker));
    }
    // Unblock every connection thread still waiting for its next request, then wait for it.
    let connections = std::mem::take(&mut *lock(&shared.connections));
    for (stream, worker) in connections {
        let _ = stream.shutdown(Shutdown::Both);
        let _ = worker.join();
    }
}

/// Serves one connection: request after request until the client closes it or asks to.
fn serve(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    let _ = stream.set_nodelay(true);
    let mut reader = io::BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let req = match http::read_request(&mut reader, &mut writer) {
            Ok(Some(req)) => req,
            Ok(None) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                let body = status_json(400, "BadRequest", &format!("ecplay test recorder: {e}"), json!({}));
                return http::write_response(&mut writer, 400, "application/json", body.as_bytes(), &[], true);
            }
            Err(e) => return Err(e),
        };
        let close = req.wants_close();
        let answer = answer(shared, &req);
        let status = match &answer {
            Answer::Whole { status, .. } => *status,
            Answer::Watch(_) => 200,
        };
        let WireRequest { method, target, headers, body: req_body, .. } = req;
        lock(&shared.log).push(Request { method, target, headers, body: req_body, status });
        match answer {
            Answer::Whole { status, content_type, body, warnings } => {
                http::write_response(&mut writer, status, content_type, body.as_bytes(), &warnings, close)?;
                if close {
                    return Ok(());
                }
            }
            Answer::Watch(events) => {
                http::write_stream_head(&mut writer, "application/json")?;
                for event in events {
                    http::write_chunk(&mut writer, event.as_bytes())?;
                }
                // Hold the stream open, as a server does until `timeoutSeconds`, and see nothing
                // the client sends (it sends none on a connection busy with a response): a watch
                // that ended would make client-go's reflector watch again at once. The client
                // closing the connection, or the recorder stopping (shutdown), ends it.
                return io::copy(&mut reader, &mut io::sink()).map(drop);
            }
        }
    }
}

/// How the recorder answers one request.
enum Answer {
    /// A complete response with a `Content-Length` body.
    Whole { status: u16, content_type: &'static str, body: String, warnings: Vec<String> },
    /// A watch: these events (one JSON line each), then the stream is held open.
    Watch(Vec<String>),
}

impl Answer {
    fn json(status: u16, body: String) -> Answer {
        Answer::Whole { status, content_type: "application/json", body, warnings: Vec::new() }
    }
}

/// What the recorder knows how to answer.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    Discovery(&'static str),
    /// GET of the pod or of its ephemeralcontainers subresource; `true` if the name matches.
    ReadPod(bool),
    /// PATCH or PUT of the subresource; `true` if the name matches.
    WriteEphemeral(bool),
    /// GET of the namespace's pods: a list or a watch.
    Pods,
    /// GET of a container's log; `true` if the name matches.
    Log(bool),
}

fn route(shared: &Shared, method: &str, path: &str) -> Option<Route> {
    if method == "GET" {
        if let Some(doc) = discovery::document(path) {
            return Some(Route::Discovery(doc));
        }
    }
    let rest = path.strip_prefix("/api/v1/namespaces/")?;
    let segments: Vec<&str> = rest.split('/').collect();
    let is_ours = |ns: &str, name: &str| ns == shared.namespace && name == shared.name;
    match (method, segments.as_slice()) {
        ("GET", [ns, "pods", name]) | ("GET", [ns, "pods", name, "ephemeralcontainers"]) => Some(Route::ReadPod(is_ours(ns, name))),
        ("PATCH" | "PUT", [ns, "pods", name, "ephemeralcontainers"]) => Some(Route::WriteEphemeral(is_ours(ns, name))),
        ("GET", [_, "pods"]) => Some(Route::Pods),
        ("GET", [ns, "pods", name, "log"]) => Some(Route::Log(is_ours(ns, name))),
        _ => None,
    }
}

fn answer(shared: &Shared, req: &WireRequest) -> Answer {
    let (path, query) = req.target.split_once('?').map_or((req.target.as_str(), None), |(p, q)| (p, Some(q)));
    let param = |key: &str| http::query_values(query.unwrap_or(""), key).pop();
    let mut pod = lock(&shared.pod);
    match route(shared, &req.method, path) {
        Some(Route::Discovery(doc)) => Answer::json(200, doc.to_owned()),
        Some(Route::ReadPod(true)) => Answer::json(200, pod.to_string()),
        Some(Route::WriteEphemeral(true)) => {
            if let Some(a) = lock(&shared.writes).clone() {
                return Answer::Whole { status: a.status, content_type: "application/json", body: a.body, warnings: a.warnings };
            }
            let before = pod.to_string();
            pods::apply_write(&mut pod, &req.body);
            Answer::json(200, before)
        }
        Some(Route::Pods) => {
            let ns = path.split('/').nth(4).unwrap_or_default();
            let selected = match param("fieldSelector").map_or(Ok(true), |s| pods::field_selector_matches(&s, &pod)) {
                Ok(selected) => selected && ns == shared.namespace,
                Err(message) => return Answer::json(400, status_json(400, "BadRequest", &message, json!({}))),
            };
            let rv = pods::resource_version(&pod);
            if !is_watch(query) {
                let items: Vec<&Value> = if selected { vec![&*pod] } else { vec![] };
                return Answer::json(200, pods::pod_list(&items, rv).to_string());
            }
            let mut events = Vec::new();
            if param("sendInitialEvents").as_deref() == Some("true") {
                if selected {
                    events.push(pods::event("ADDED", &pod));
                }
                events.push(pods::initial_events_end(rv));
            } else if selected {
                match param("resourceVersion").filter(|v| !v.is_empty() && v != "0") {
                    None => events.push(pods::event("ADDED", &pod)),
                    Some(since) if since.parse::<u64>().map_or(true, |since| since < rv) => events.push(pods::event("MODIFIED", &pod)),
                    Some(_) => {}
                }
            }
            Answer::Watch(events)
        }
        Some(Route::Log(true)) => {
            let regular: Vec<&str> =
                pod["spec"]["containers"].as_array().into_iter().flatten().filter_map(|c| c["name"].as_str()).collect();
            let container = param("container").or_else(|| (regular.len() == 1).then(|| regular[0].to_owned()));
            match container {
                Some(c) if pods::has_container(&pod, &c) => {
                    Answer::Whole { status: 200, content_type: "text/plain", body: pods::log_text(&c), warnings: Vec::new() }
                }
                Some(c) => Answer::json(
                    400,
                    status_json(400, "BadRequest", &format!("container {c} is not valid for pod {}", shared.name), json!({})),
                ),
                None => Answer::json(
                    400,
                    status_json(400, "BadRequest", &format!("a container name must be specified for pod {}", shared.name), json!({})),
                ),
            }
        }
        Some(Route::ReadPod(false) | Route::WriteEphemeral(false) | Route::Log(false)) => {
            let name = path.split('/').nth(6).unwrap_or_default();
            Answer::json(404, status_json(404, "NotFound", &format!("pods \"{name}\" not found"), json!({"name": name, "kind": "pods"})))
        }
        None => Answer::json(404, status_json(404, "NotFound", "the server could not find the requested resource", json!({}))),
    }
}

/// A `v1` `Status` failure, as the API server writes it.
pub fn status_json(code: u16, reason: &str, message: &str, details: Value) -> String {
    json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "details": details,
        "code": code,
    })
    .to_string()
}
