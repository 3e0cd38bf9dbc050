//! Reading the pod and the ephemeral containers the way users have them: YAML or JSON,
//! as `kubectl get pod -o yaml|json` prints a pod (or a `v1 List` holding one), and a
//! container as one object, a list of them, or a patch/pod that carries
//! `spec.ephemeralContainers`.

use k8s_openapi::api::core::v1::{
    ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting, ContainerStatus, EphemeralContainer,
    LinuxContainerUser, Pod, PodStatus,
};

use crate::de::{self, Issue};
use crate::defaults;
use crate::diag::{go_quote, Diagnostic, ErrorType, Severity, Source};
use crate::node::{self, Node, Pos, Value};
use crate::path::Path;
use crate::validate::ephemeral::Stored;
use crate::validate::FieldValidation;

/// Input that cannot be judged at all, with where it goes wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    pub source: Source,
    pub message: String,
    pub pos: Pos,
}

impl InputError {
    fn new(source: Source, pos: Pos, message: impl Into<String>) -> InputError {
        InputError { source, message: message.into(), pos }
    }

    /// The error as a diagnostic, so that one list carries everything.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            error_type: ErrorType::Syntax,
            field: String::new(),
            message: self.message.clone(),
            code: "D-01",
            help: None,
            line: Some(self.pos.line),
            column: Some(self.pos.column),
            source: Some(self.source),
        }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}", self.source.as_str(), self.pos.line, self.pos.column, self.message)
    }
}

/// A decoded pod and the tree it came from.
#[derive(Debug)]
pub struct PodDoc {
    /// The pod as the server stores it: decoded, then defaulted (`defaults::pod`: what a pod
    /// read from a cluster already holds). Its `status` has only what the hints read
    /// ([`status_facts`]).
    pub pod: Pod,
    pub node: Node,
    pub issues: Vec<Diagnostic>,
    /// What every request judged against this reading shares ([`Stored`]).
    stored: Stored,
}

impl PodDoc {
    pub fn stored(&self) -> &Stored {
        &self.stored
    }
}

/// A file's bytes as text, read as kubectl reads a file (`k8s.io/cli-runtime`
/// `pkg/resource/visitor.go`, `FileVisitor.Visit`: `unicode.BOMOverride(unicode.UTF8.NewDecoder())`):
/// a byte order mark says UTF-16 (little or big endian) or UTF-8 and is dropped; without one
/// the text is UTF-8. Windows PowerShell 5.1 writes `kubectl get pod X -o yaml > pod.yaml`
/// as UTF-16 LE with a mark. Where kubectl would put U+FFFD for bytes that are not text,
/// this says where they are.
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16, order: &str| {
        if rest.len() % 2 == 1 {
            return Err(format!("not UTF-16 text: its byte order mark says UTF-16 {order}, but it has an odd number of bytes"));
        }
        let units = rest.chunks_exact(2).map(|c| from([c[0], c[1]]));
        char::decode_utf16(units)
            .enumerate()
            .map(|(i, c)| {
                c.map_err(|_| {
                    format!("not UTF-16 text: a lone surrogate at byte {} (after the byte order mark of UTF-16 {order})", 2 + 2 * i)
                })
            })
            .collect()
    };
    match bytes {
        [0xef, 0xbb, 0xbf, rest @ ..] => utf8(rest, 3),
        [0xff, 0xfe, rest @ ..] => utf16(rest, u16::from_le_bytes, "LE"),
        [0xfe, 0xff, rest @ ..] => utf16(rest, u16::from_be_bytes, "BE"),
        _ => utf8(bytes, 0),
    }
}

fn utf8(bytes: &[u8], offset: usize) -> Result<String, String> {
    // UTF-16 without a byte order mark: ASCII text has every other byte zero, which UTF-8
    // reads as NUL characters that no YAML or JSON holds.
    let head = &bytes[..bytes.len().min(64) & !1];
    let zeros = |parity: usize| head.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let zero_at = |parity: usize| head.len() >= 4 && zeros(parity) * 4 >= head.len() * 3 / 2 && zeros(1 - parity) * 4 < head.len() / 2;
    if zero_at(0) || zero_at(1) {
        return Err("not UTF-8 text: it looks like UTF-16 without a byte order mark (save it as UTF-8)".to_owned());
    }
    std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| format!("not UTF-8 text (byte {})", offset + e.valid_up_to()))
}

/// Refuses, before reading it, a text longer than `limit` ([`crate::limits`]).
fn within(text: &str, limit: usize, source: Source, what: &str) -> Result<(), InputError> {
    if text.len() > limit {
        return Err(InputError::new(source, Pos { line: 1, column: 1 }, crate::limits::too_large(what, text.len(), limit)));
    }
    Ok(())
}

/// Reads a pod.
pub fn read_pod(text: &str) -> Result<PodDoc, InputError> {
    decode_pod(parse_pod(text)?)
}

/// [`read_pod`], giving the text up once it is parsed: what a large pod costs at its peak, the
/// decoding, is then the tree and the pod without the text.
pub fn read_pod_owned(text: String) -> Result<PodDoc, InputError> {
    let root = parse_pod(&text)?;
    drop(text);
    decode_pod(root)
}

fn parse_pod(text: &str) -> Result<Node, InputError> {
    within(text, crate::limits::MAX_POD_BYTES, Source::Pod, "the pod")?;
    node::parse_pod(text).map_err(|e| InputError::new(Source::Pod, e.pos, e.message))
}

fn decode_pod(root: Node) -> Result<PodDoc, InputError> {
    let src = Source::Pod;
    let node = match (&root.value, root.get("kind").and_then(Node::as_str)) {
        (Value::Map(_), Some("List" | "PodList")) => {
            let items = root.get("items").and_then(Node::as_seq).unwrap_or_default();
            match items {
                [one] => one.clone(),
                [] => return Err(InputError::new(src, root.pos, "the List holds no pod; give one pod")),
                [_, second, ..] => return Err(InputError::new(src, second.pos, "the List holds more than one pod; give one pod")),
            }
        }
        (Value::Map(_), _) => root,
        (Value::Null, _) => {
            return Err(InputError::new(src, root.pos, "no pod: paste the output of `kubectl get pod NAME -n NAMESPACE -o yaml`"))
        }
        _ => return Err(InputError::new(src, root.pos, format!("expected a Pod object, found a {}", root.kind()))),
    };
    if let Some((key, kind)) = node.entry("kind") {
        match kind.as_str() {
            Some("Pod") => {}
            Some(other) => {
                return Err(InputError::new(
                    src,
                    key.pos,
                    format!(
                        "expected kind Pod, found {}: ephemeral containers are added to a running pod, not to a {other}",
                        go_quote(other)
                    ),
                ))
            }
            None => return Err(InputError::new(src, kind.pos, "kind must be a string")),
        }
    }
    let mut node = node;
    drop_managed_fields(&mut node);
    let (pod, issues) = de::decode::<Pod>(&node, "");
    let issues = issues.into_iter().map(|i| issue_diagnostic(i, src)).collect();
    match pod {
        Some(mut pod) => {
            defaults::pod(&mut pod);
            pod.status = status_facts(node.get("status"));
            Ok(PodDoc { pod, node, issues, stored: Stored::default() })
        }
        None => Err(InputError::new(src, node.pos, "this is not a pod")),
    }
}

/// The pod's status is the server's report on it: no request to the subresource changes or
/// validates it, so it is not decoded (see [`de`]). What the hints and the Learn panel read
/// from it is taken from the tree: the phase, and each container's state and user.
fn status_facts(status: Option<&Node>) -> Option<PodStatus> {
    let status = status.filter(|n| matches!(n.value, Value::Map(_)))?;
    let containers = |key| status.get(key).and_then(Node::as_seq).map(|items| items.iter().filter_map(container_status).collect());
    Some(PodStatus {
        phase: status.get("phase").and_then(Node::as_str).map(str::to_owned),
        container_statuses: containers("containerStatuses"),
        init_container_statuses: containers("initContainerStatuses"),
        ..PodStatus::default()
    })
}

fn container_status(node: &Node) -> Option<ContainerStatus> {
    fn object(n: Option<&Node>) -> Option<&Node> {
        n.filter(|n| matches!(n.value, Value::Map(_)))
    }
    let int = |n: Option<&Node>| match n.map(|n| &n.value) {
        Some(Value::Int(i)) => Some(*i),
        _ => None,
    };
    let state = object(node.get("state")).map(|s| ContainerState {
        running: object(s.get("running")).map(|_| ContainerStateRunning::default()),
        terminated: object(s.get("terminated")).map(|_| ContainerStateTerminated::default()),
        waiting: object(s.get("waiting")).map(|_| ContainerStateWaiting::default()),
    });
    let linux = object(node.get("user")).and_then(|u| object(u.get("linux")));
    let user = linux.and_then(|l| {
        Some(k8s_openapi::api::core::v1::ContainerUser {
            linux: Some(LinuxContainerUser { uid: int(l.get("uid"))?, gid: int(l.get("gid"))?, supplemental_groups: None }),
        })
    });
    Some(ContainerStatus { name: node.get("name")?.as_str()?.to_owned(), state, user, ..ContainerStatus::default() })
}

/// `metadata.managedFields` is the server's bookkeeping of who set which field: often half of
/// a pod's text, never validated by the subresource (the field manager rewrites it), and not
/// needed by anything ecplay says. It is left out before decoding.
fn drop_managed_fields(pod: &mut Node) {
    if let Value::Map(entries) = &mut pod.value {
        if let Some((_, meta)) = entries.iter_mut().find(|(k, _)| k.name == "metadata") {
            if let Value::Map(meta) = &mut meta.value {
                if meta.iter().any(|(k, _)| k.name == "managedFields") {
                    *meta = std::mem::take(meta).into_vec().into_iter().filter(|(k, _)| k.name != "managedFields").collect();
                }
            }
        }
    }
}

/// Decoded ephemeral containers and the trees they came from.
#[derive(Clone, Debug, Default)]
pub struct ContainersDoc {
    pub containers: Vec<EphemeralContainer>,
    /// One tree per container, in order.
    pub nodes: Vec<Node>,
    /// Where each container ends: just past its last line, where a field it leaves out
    /// would be added (what a diagnostic about a missing field points at).
    pub ends: Vec<Pos>,
    pub issues: Vec<Diagnostic>,
}

/// Reads ephemeral containers. `first_index` is the index the first one gets in the
/// pod's new `spec.ephemeralContainers` (the number of existing ones when appending).
pub fn read_containers(text: &str, first_index: usize) -> Result<ContainersDoc, InputError> {
    let src = Source::Container;
    within(text, crate::limits::MAX_REQUEST_BYTES, src, "the container text")?;
    let root = node::parse(text).map_err(|e| InputError::new(src, e.pos, e.message))?;
    let nodes: Vec<Node> = match &root.value {
        Value::Seq(items) => items.to_vec(),
        Value::Map(_) => match root.get("spec").and_then(|s| s.get("ephemeralContainers")) {
            Some(list) => match &list.value {
                Value::Seq(items) => items.to_vec(),
                _ => return Err(InputError::new(src, list.pos, "spec.ephemeralContainers must be a list")),
            },
            None => vec![root],
        },
        Value::Null => Vec::new(),
        _ => return Err(InputError::new(src, root.pos, format!("expected a container object or a list of them, found a {}", root.kind()))),
    };
    let mut doc = ContainersDoc::default();
    let starts: Vec<u32> = nodes.iter().map(|n| n.pos.line).collect();
    let lines: Vec<&str> = text.lines().collect();
    for (i, node) in nodes.into_iter().enumerate() {
        if !matches!(node.value, Value::Map(_)) {
            return Err(InputError::new(src, node.pos, format!("expected a container object, found a {}", node.kind())));
        }
        let prefix = Path::root("spec").child("ephemeralContainers").index(first_index + i);
        let (container, issues) = de::decode::<EphemeralContainer>(&node, prefix.as_str());
        doc.issues.extend(issues.into_iter().map(|i| issue_diagnostic(i, src)));
        doc.containers.push(container.unwrap_or_default());
        doc.ends.push(end_of(&lines, &node, starts.get(i + 1).copied()));
        doc.nodes.push(node);
    }
    Ok(doc)
}

/// Just past the last line of `node` in the text's `lines`: its last key or value's line, or a later one
/// (a block scalar's lines) before `next` (the line the next container starts on), leaving
/// out blank lines, comments and document markers after it.
fn end_of(lines: &[&str], node: &Node, next: Option<u32>) -> Pos {
    let last = node.last_line();
    let bound = next.map_or(lines.len() as u32, |n| n.saturating_sub(1)).max(last);
    let mut line = bound;
    while line > last {
        let t = lines.get(line as usize - 1).map_or("", |l| l.trim());
        if !(t.is_empty() || t.starts_with('#') || t == "---" || t == "..." || t == "-" || t == "]") {
            break;
        }
        line -= 1;
    }
    let len = lines.get(line.max(1) as usize - 1).map_or(0, |l| l.trim_end_matches('\r').chars().count());
    Pos { line: line.max(1), column: len as u32 + 1 }
}

/// What the server does with a field of the request it does not know, for each
/// `fieldValidation` directive (`k8s.io/apiserver` `pkg/endpoints/handlers/`: `update.go`
/// decodes a PUT strictly and `patch.go` a patched object, then `Strict` refuses,
/// `Warn` adds a warning per field and goes on, `Ignore` goes on).
fn unknown_why(fv: FieldValidation) -> &'static str {
    match fv {
        FieldValidation::Warn => "The Kubernetes schema has no such field. The server drops it and accepts the request with only a warning (kubectl prints it): what you meant never happens, and an ephemeral container can never be changed, so it cannot be added later.",
        FieldValidation::Strict => "The Kubernetes schema has no such field. With strict field validation the server refuses the request.",
        FieldValidation::Ignore => "The Kubernetes schema has no such field. With fieldValidation=Ignore the server drops it without a word: what you meant never happens, and an ephemeral container can never be changed.",
    }
}

fn duplicate_why(fv: FieldValidation) -> &'static str {
    match fv {
        FieldValidation::Warn => {
            "The key appears twice in the same object: only the last one counts, and the server says so with a warning."
        }
        FieldValidation::Strict => "The key appears twice in the same object: with strict field validation the server refuses the request.",
        FieldValidation::Ignore => "The key appears twice in the same object: only the last one counts, silently.",
    }
}

/// A container's unknown or repeated field as the request's `fieldValidation` makes it: an
/// error under `Strict`, a warning under `Warn` (what kubectl's requests get), an info under
/// `Ignore`. Decoding errors of other kinds, and fields of the pod, are left as they are.
pub(crate) fn apply_field_validation(d: &mut Diagnostic, fv: FieldValidation) {
    if d.source != Some(Source::Container) || !matches!(d.code, "D-02" | "D-03") {
        return;
    }
    d.severity = match fv {
        FieldValidation::Strict => Severity::Error,
        FieldValidation::Warn => Severity::Warning,
        FieldValidation::Ignore => Severity::Info,
    };
    let why = if d.code == "D-02" { unknown_why(fv) } else { duplicate_why(fv) };
    let suggestion = d.help.as_deref().and_then(|h| h.split_once("? ")).map(|(s, _)| format!("{s}? "));
    d.help = Some(format!("{}{why}", suggestion.unwrap_or_default()));
}

/// In the pod, an unknown field comes from the server itself (a newer version) or a hand
/// edit; the stored pod is what counts, so it is only a warning there.
fn pod_unknown_why() -> String {
    format!(
        "Not in the Kubernetes 1.{} schema that ecplay models: it is ignored. A pod from a newer cluster may carry such fields; the server judges the pod it has stored.",
        crate::versions::LATEST_KUBE_MINOR
    )
}

fn issue_diagnostic(issue: Issue, source: Source) -> Diagnostic {
    let (error_type, code, field, pos, message, help) = match issue {
        Issue::UnknownField { path, pos, suggestion } => {
            let message = format!("unknown field {}", go_quote(&path));
            let why = unknown_why(FieldValidation::Strict);
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`? {why}"),
                None => why.to_owned(),
            };
            (ErrorType::UnknownField, "D-02", path, pos, message, help)
        }
        Issue::DuplicateField { path, pos } => (
            ErrorType::UnknownField,
            "D-03",
            path.clone(),
            pos,
            format!("duplicate field {}", go_quote(&path)),
            duplicate_why(FieldValidation::Strict).to_owned(),
        ),
        Issue::TypeMismatch { path, pos, message } => (
            ErrorType::TypeMismatch,
            "D-04",
            path,
            pos,
            message,
            "The server cannot decode this value (400 Bad Request): check the type the field expects.".to_owned(),
        ),
    };
    let (severity, help) = match (source, error_type) {
        (Source::Pod, ErrorType::UnknownField) => (Severity::Warning, pod_unknown_why()),
        _ => (Severity::Error, help),
    };
    Diagnostic {
        severity,
        error_type,
        field,
        message,
        code,
        help: Some(help),
        line: Some(pos.line),
        column: Some(pos.column),
        source: Some(source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_in_the_encodings_kubectl_reads() {
        let text = "apiVersion: v1\nkind: Pod # ü 🐳\n";
        let bom16 = |le: bool| {
            let mut b = if le { vec![0xff, 0xfe] } else { vec![0xfe, 0xff] };
            for u in text.encode_utf16() {
                b.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            b
        };
        assert_eq!(decode_text(text.as_bytes()).unwrap(), text);
        assert_eq!(decode_text(&[b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat()).unwrap(), text);
        assert_eq!(decode_text(&bom16(true)).unwrap(), text);
        assert_eq!(decode_text(&bom16(false)).unwrap(), text);
        assert_eq!(decode_text(b"").unwrap(), "");
        assert_eq!(decode_text(b"a: \xff\n").unwrap_err(), "not UTF-8 text (byte 3)");
        for le in [true, false] {
            assert_eq!(
                decode_text(&bom16(le)[2..]).unwrap_err(),
                "not UTF-8 text: it looks like UTF-16 without a byte order mark (save it as UTF-8)"
            );
        }
        assert!(decode_text(&[0xff, 0xfe, b'a']).unwrap_err().contains("odd number of bytes"));
        assert_eq!(
            decode_text(&[0xff, 0xfe, b'a', 0, 0x00, 0xd8, b'b', 0]).unwrap_err(),
            "not UTF-16 text: a lone surrogate at byte 4 (after the byte order mark of UTF-16 LE)"
        );
    }

    /// A pod read from a cluster is defaulted already: reading it changes nothing but leaves
    /// out its status (but for what the hints read).
    #[test]
    fn a_pod_from_a_cluster_is_read_as_it_is() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/pods");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let doc = read_pod(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let decoded = de::decode::<Pod>(&doc.node, "").0.unwrap();
            assert_eq!(decoded, Pod { status: None, ..doc.pod.clone() }, "{}", path.display());
        }
    }

    #[test]
    fn reads_a_list_holding_one_pod() {
        let doc = read_pod("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: web}\n").unwrap();
        assert_eq!(doc.pod.metadata.name.as_deref(), Some("web"));
    }

    #[test]
    fn refuses_what_is_not_a_pod() {
        let err = read_pod("apiVersion: apps/v1\nkind: Deployment\n").unwrap_err();
        assert_eq!((err.pos.line, err.pos.column), (2, 1));
        assert!(err.message.contains("Deployment"));
        assert!(read_pod("").is_err());
        assert!(read_pod("- 1\n").is_err());
        let err = read_pod("kind: Pod\nspec: [\n").unwrap_err();
        assert_eq!(err.source, Source::Pod);
    }

    #[test]
    fn reads_containers_in_every_shape() {
        assert_eq!(read_containers("name: a\nimage: b\n", 0).unwrap().containers.len(), 1);
        assert_eq!(read_containers("- name: a\n- name: b\n", 0).unwrap().containers.len(), 2);
        let doc = read_containers(r#"{"spec":{"ephemeralContainers":[{"name":"a","imagePullPolcy":"x"}]}}"#, 2).unwrap();
        assert_eq!(doc.containers[0].name, "a");
        assert_eq!(doc.issues[0].field, "spec.ephemeralContainers[2].imagePullPolcy");
        assert!(read_containers("- 1\n", 0).is_err());
        assert!(read_containers("just text\n", 0).is_err());
    }
}
