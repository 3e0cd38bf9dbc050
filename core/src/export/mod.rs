//! Every way to apply the container: pure builders from the pod and the new containers to
//! typed values (patch bodies, argv lists), and only at the end to text for one shell
//! (`crate::shell`). Facts about kubectl come from `kubectl-and-the-subresource.md` and
//! are proven against a real kubectl in `cli/tests/`.

use std::cell::OnceCell;

use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};
use serde_json::Value;

use crate::shell::{self, powershell, Command, QuoteError, Shell};
use crate::validate::FieldValidation;

pub mod debug;
pub mod patch;
pub mod yaml;

/// The ways to apply a container.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    StrategicPatch,
    KubectlPatch,
    JsonPatch,
    KubectlDebug,
    ReplaceRaw,
    Curl,
    Yaml,
    FollowUps,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::StrategicPatch,
        Format::KubectlPatch,
        Format::JsonPatch,
        Format::KubectlDebug,
        Format::ReplaceRaw,
        Format::Curl,
        Format::Yaml,
        Format::FollowUps,
    ];

    /// The name used on the command line (`--as kubectl-patch`).
    pub fn name(self) -> &'static str {
        match self {
            Format::StrategicPatch => "strategic-patch",
            Format::KubectlPatch => "kubectl-patch",
            Format::JsonPatch => "json-patch",
            Format::KubectlDebug => "kubectl-debug",
            Format::ReplaceRaw => "replace-raw",
            Format::Curl => "curl",
            Format::Yaml => "yaml",
            Format::FollowUps => "follow-ups",
        }
    }

    /// A human title (the playground's tab names).
    pub fn title(self) -> &'static str {
        match self {
            Format::StrategicPatch => "Strategic merge patch",
            Format::KubectlPatch => "kubectl patch",
            Format::JsonPatch => "JSON patch",
            Format::KubectlDebug => "kubectl debug",
            Format::ReplaceRaw => "kubectl replace --raw",
            Format::Curl => "curl",
            Format::Yaml => "YAML",
            Format::FollowUps => "Follow-ups",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// What the form's request asks the server to do with a field it does not know or finds
    /// twice (`fieldValidation`, `k8s.io/apiserver` `pkg/endpoints/handlers/rest.go`): the curl
    /// and `replace --raw` forms write the URL themselves and ask for `Strict`; `kubectl patch`
    /// has no `--validate` flag and `kubectl debug` patches with empty options, so theirs carry
    /// no directive and get the server's default, `Warn`, as a body sent on its own does.
    pub fn field_validation(self) -> FieldValidation {
        match self {
            Format::ReplaceRaw | Format::Curl => FieldValidation::Strict,
            _ => FieldValidation::Warn,
        }
    }

    /// What sending the container text as written in this form would do with a field the
    /// schema does not know (a typo), in a sentence. Every form leaves such a field out (the
    /// export is made from what decodes), and says so with this.
    fn typo_fate(self, many: bool) -> &'static str {
        match self {
            Format::KubectlPatch | Format::JsonPatch if many => "kubectl patch sends no fieldValidation: sent as written, the server would drop them and accept the request with only kubectl's Warning: unknown field lines, and the container could never be changed later",
            Format::StrategicPatch | Format::Yaml | Format::FollowUps if many => "Sent as written without ?fieldValidation=Strict, the server would drop them and accept the request with only warnings, and the container could never be changed later",
            Format::KubectlDebug => "kubectl debug reads its --custom file into Go types, so such a field would vanish there without any warning (and kubectl debug sends no fieldValidation)",
            Format::ReplaceRaw | Format::Curl => "This form asks for fieldValidation=Strict: sent as written, the request would be refused with 400 BadRequest (strict decoding error), and nothing added",
            Format::KubectlPatch | Format::JsonPatch => "kubectl patch sends no fieldValidation: sent as written, the server would drop it and accept the request with only kubectl's Warning: unknown field line, and the container could never be changed later",
            Format::StrategicPatch | Format::Yaml | Format::FollowUps => "Sent as written without ?fieldValidation=Strict, the server would drop it and accept the request with only a warning, and the container could never be changed later",
        }
    }
}

/// What to export.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The stored pod, as the user gave it.
    pub pod: &'a Pod,
    /// The containers to add, as the user wrote them.
    pub containers: &'a [EphemeralContainer],
    /// The user's kubectl minor version (37 for 1.37).
    pub kubectl_minor: u32,
    pub shell: Shell,
    /// Where `kubectl debug --custom` reads its file from.
    pub custom_file: &'a str,
    /// The local port of `kubectl proxy` for the curl form.
    pub proxy_port: u16,
    /// The paths of fields the container text holds that the schema does not know (a typo):
    /// no form sends them, and the notes say so.
    pub unknown_fields: &'a [String],
    /// What several forms share, made once: the containers' JSON, their compact and
    /// YAML-safe texts, the existing containers' texts and the strategic merge patch's text.
    values: OnceCell<Vec<Value>>,
    texts: OnceCell<Texts>,
    old_texts: OnceCell<Vec<String>>,
    strategic: OnceCell<String>,
}

/// The new containers' JSON as text: compact, and YAML-safe ([`crate::gojson::to_yaml_safe_string`]).
#[derive(Clone, Debug)]
struct Texts {
    compact: Vec<String>,
    safe: Vec<String>,
}

impl<'a> Request<'a> {
    pub fn new(pod: &'a Pod, containers: &'a [EphemeralContainer]) -> Request<'a> {
        Request {
            pod,
            containers,
            kubectl_minor: 37,
            shell: Shell::Posix,
            custom_file: "debug-custom.json",
            proxy_port: 8001,
            unknown_fields: &[],
            values: OnceCell::new(),
            texts: OnceCell::new(),
            old_texts: OnceCell::new(),
            strategic: OnceCell::new(),
        }
    }

    /// The containers as sent ([`patch::containers_json`]).
    fn values(&self) -> &[Value] {
        self.values.get_or_init(|| patch::containers_json(self.containers))
    }

    fn texts(&self) -> &Texts {
        self.texts.get_or_init(|| Texts {
            compact: self.values().iter().map(compact).collect(),
            safe: self
                .values()
                .iter()
                .map(|v| crate::gojson::escape_invisible(&crate::gojson::to_yaml_safe_string(v)).into_owned())
                .collect(),
        })
    }

    /// The pod's existing ephemeral containers as Go prints them, compact.
    fn old_texts(&self) -> &[String] {
        self.old_texts.get_or_init(|| patch::existing(self.pod).iter().map(|c| compact(&crate::gojson::marshal(c))).collect())
    }

    /// The strategic merge patch's compact text.
    fn strategic(&self) -> &str {
        self.strategic.get_or_init(|| patch::text::strategic(self.pod, self.containers, &self.texts().compact))
    }

    fn name(&self) -> &str {
        self.pod.metadata.name.as_deref().unwrap_or("")
    }

    fn namespace(&self) -> &str {
        self.pod.metadata.namespace.as_deref().filter(|n| !n.is_empty()).unwrap_or("default")
    }

    /// `/api/v1/namespaces/NS/pods/NAME/ephemeralcontainers`
    pub fn subresource_path(&self) -> String {
        format!("/api/v1/namespaces/{}/pods/{}/ephemeralcontainers", self.namespace(), self.name())
    }
}

/// A file an export needs beside its command (`kubectl debug --custom`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// Said beside every command that sends an ephemeral container (the page's Copy buttons,
/// `ecplay export`): once the server accepts it, it cannot be taken back.
pub const IRREVERSIBLE: &str =
    "Once added, an ephemeral container can never be changed or removed: the pod keeps it until the pod is deleted.";

/// One exported form: the text to paste, the files it refers to, and notes for the reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    pub format: Format,
    pub text: String,
    pub files: Vec<File>,
    pub notes: Vec<String>,
    /// Why the chosen kubectl refuses this form outright, as kubectl says it: the form cannot
    /// work with that kubectl (a page says so in the form's header).
    pub blocker: Option<String>,
}

/// Why a form could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// A string no shell can carry (a NUL byte).
    Quote(QuoteError),
    /// Nothing to add.
    NoContainers,
    /// The pod has no name.
    NoPodName,
    /// An argument of the `kubectl debug` command that no PowerShell text passes unchanged to
    /// every PowerShell.
    PowerShell(QuoteError),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Quote(e) => write!(f, "{e}"),
            ExportError::NoContainers => f.write_str("there is no ephemeral container to export"),
            ExportError::NoPodName => f.write_str("the pod has no metadata.name"),
            ExportError::PowerShell(e) => write!(
                f,
                "{e}. The kubectl patch, JSON patch, replace --raw and curl forms pass the container in a file, and work in every PowerShell."
            ),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<QuoteError> for ExportError {
    fn from(e: QuoteError) -> Self {
        ExportError::Quote(e)
    }
}

fn cmd(program: &str, args: &[&str]) -> Command {
    Command { program: program.to_owned(), args: args.iter().map(|s| (*s).to_owned()).collect() }
}

/// Compact JSON with no invisible character raw ([`crate::gojson::escape_invisible`]): every
/// body shows as it is wherever it is pasted.
fn compact(v: &Value) -> String {
    crate::gojson::escape_invisible(&serde_json::to_string(v).unwrap_or_default()).into_owned()
}

/// The `kubectl patch` arguments for a body of the given type, up to the body. kubectl passes a
/// `-p` that starts with `{` through as it is, but reads anything else (a JSON patch) as YAML
/// and sends it re-encoded (a `--patch-file` alike); so a JSON patch's text is written with
/// every character YAML would not take escaped ([`crate::gojson::to_yaml_safe_string`]), and
/// reaches the server as Go writes it.
fn kubectl_patch_args(req: &Request<'_>, patch_type: &str) -> Vec<String> {
    ["patch", "pod", req.name(), "-n", req.namespace(), "--subresource=ephemeralcontainers", &format!("--type={patch_type}")]
        .map(str::to_owned)
        .into()
}

/// `program args… FLAG BODY`: in POSIX shells the body follows `inline_flag` as an argument; in
/// PowerShell, where no quoting passes it unchanged to every version, the script writes it to
/// a temporary file whose path follows `file_flag` (`@path` when `at` is set, as curl reads
/// it). `after` comes last.
#[allow(clippy::too_many_arguments)]
fn with_body(
    sh: Shell,
    program: &str,
    args: &[String],
    inline_flag: &str,
    file_flag: &str,
    at: bool,
    body: &str,
    after: &[String],
) -> Result<String, QuoteError> {
    match sh {
        Shell::Posix => {
            let argv = args.iter().map(String::as_str).chain([inline_flag, body]).chain(after.iter().map(String::as_str));
            shell::posix::render(&Command::new(program, argv))
        }
        Shell::PowerShell => {
            let mut script = powershell::Script::default();
            let file = script.file(body)?;
            let path = if at { powershell::Arg::AtPath(file) } else { powershell::Arg::Path(file) };
            let argv: Vec<powershell::Arg<'_>> = args
                .iter()
                .map(|a| powershell::Arg::Text(a))
                .chain([powershell::Arg::Text(file_flag), path])
                .chain(after.iter().map(|a| powershell::Arg::Text(a)))
                .collect();
            script.command(program, &argv)?;
            Ok(script.finish())
        }
    }
}

/// The query that asks the server to refuse a field it does not know rather than drop it
/// (`k8s.io/apiserver` `pkg/endpoints/handlers/rest.go`, `fieldValidation`); the forms that
/// write the URL themselves send it.
const STRICT: &str = "fieldValidation=Strict";
const STRICT_NOTE: &str = "Asks for fieldValidation=Strict: a field the server does not know (a typo, a field of a newer version) is refused with 400 BadRequest instead of being dropped with a warning. kubectl patch and kubectl debug cannot ask for it.";

/// What a PowerShell export that writes a file says about it.
const POWERSHELL_NOTE: &str = "For Windows PowerShell 5.1 and PowerShell 7, in any argument-passing mode: the JSON is written to a temporary file whose path is passed instead, because no quoting passes JSON unchanged on the command line of every PowerShell.";

/// What an older kubectl answers to `kubectl patch … --subresource=ephemeralcontainers`
/// (`pkg/cmd/patch/patch.go` at the `kubernetes-1.x.0` tags): before 1.24 it has no
/// `--subresource` flag; 1.24–1.31 accept only `status` and `scale`.
fn old_kubectl_patch(kubectl_minor: u32) -> Option<String> {
    use crate::versions::{KUBECTL_PATCH_EPHEMERAL_SINCE, KUBECTL_SUBRESOURCE_FLAG_SINCE};
    match kubectl_minor {
        m if m < KUBECTL_SUBRESOURCE_FLAG_SINCE => Some("error: unknown flag: --subresource".to_owned()),
        m if m < KUBECTL_PATCH_EPHEMERAL_SINCE => {
            Some("error: invalid subresource value: \"ephemeralcontainers\". Must be one of [status scale]".to_owned())
        }
        _ => None,
    }
}

impl Format {
    /// What kubectl `1.{kubectl_minor}` answers to this form whatever the container: the forms
    /// that patch the subresource need 1.32 ([`old_kubectl_patch`]). The `kubectl debug` form's
    /// refusals depend on the container (its profile, `--custom`) and come with its export.
    pub fn refused_by_kubectl(self, kubectl_minor: u32) -> Option<String> {
        match self {
            Format::KubectlPatch | Format::JsonPatch => old_kubectl_patch(kubectl_minor),
            _ => None,
        }
    }

    /// The form to show in place of this one when kubectl `1.{kubectl_minor}` refuses it
    /// whatever the container: `kubectl replace --raw`, which every kubectl that has
    /// ephemeral containers can send; else this form.
    pub fn or_one_that_works(self, kubectl_minor: u32) -> Format {
        if self.refused_by_kubectl(kubectl_minor).is_some() {
            Format::ReplaceRaw
        } else {
            self
        }
    }
}

/// The form the playground shows first: the first download of the page makes this one only
/// ([`shown_first`]), and loads the module that makes every other form when its tab is shown
/// (ARCHITECTURE.md, "Two WebAssembly modules").
pub const SHOWN_FIRST: Format = Format::KubectlPatch;

/// Builds one form: [`SHOWN_FIRST`] with [`shown_first`], `kubectl debug` with
/// [`debug::export`], every other with the function that makes the rest.
pub fn export(req: &Request<'_>, format: Format) -> Result<Export, ExportError> {
    match format {
        SHOWN_FIRST => shown_first(req),
        Format::KubectlDebug => debug::export(req),
        other => others(req, other),
    }
}

/// The form the playground shows first, [`SHOWN_FIRST`] (`kubectl patch`): the only one its
/// first download makes. [`export`] makes every form.
pub fn shown_first(req: &Request<'_>) -> Result<Export, ExportError> {
    let mut out = start(req, SHOWN_FIRST)?;
    out.text = with_body(req.shell, "kubectl", &kubectl_patch_args(req, "strategic"), "-p", "--patch-file", false, req.strategic(), &[])?;
    out.notes.push(format!(
        "Needs kubectl 1.{} or newer (older kubectl refuses --subresource=ephemeralcontainers).",
        crate::versions::KUBECTL_PATCH_EPHEMERAL_SINCE
    ));
    out.blocker = SHOWN_FIRST.refused_by_kubectl(req.kubectl_minor);
    Ok(finish(req, out))
}

/// The form's start, or why there is none: nothing to add, or a pod without a name.
fn start(req: &Request<'_>, format: Format) -> Result<Export, ExportError> {
    if req.containers.is_empty() {
        return Err(ExportError::NoContainers);
    }
    if req.name().is_empty() {
        return Err(ExportError::NoPodName);
    }
    Ok(Export { format, text: String::new(), files: Vec::new(), notes: Vec::new(), blocker: None })
}

/// Builds one form other than [`SHOWN_FIRST`] and `kubectl debug`, which [`export`] hands to
/// [`shown_first`] and [`debug::export`].
fn others(req: &Request<'_>, format: Format) -> Result<Export, ExportError> {
    let mut out = start(req, format)?;
    let sh = req.shell;
    match format {
        Format::StrategicPatch => {
            out.text = crate::gojson::escape_invisible(req.strategic()).into_owned();
            out.notes.push(format!(
                "Send as PATCH {} with Content-Type: application/strategic-merge-patch+json. Existing ephemeral containers are kept (merged by name).",
                req.subresource_path()
            ));
        }
        Format::KubectlPatch => return shown_first(req),
        Format::JsonPatch => {
            let body = patch::text::json_patch(req.pod, &req.texts().safe);
            out.text = with_body(sh, "kubectl", &kubectl_patch_args(req, "json"), "-p", "--patch-file", false, &body, &[])?;
            out.notes.push(if patch::existing(req.pod).is_empty() {
                "The pod has no ephemeral containers yet, so the list is added whole; the test operation makes the patch fail if one appears meanwhile.".into()
            } else {
                "The container is appended with /spec/ephemeralContainers/-; the test operation checks the list is still as read.".into()
            });
            out.notes.push(format!("Needs kubectl 1.{} or newer.", crate::versions::KUBECTL_PATCH_EPHEMERAL_SINCE));
            out.blocker = format.refused_by_kubectl(req.kubectl_minor);
        }
        Format::KubectlDebug => return debug::export(req),
        Format::ReplaceRaw => {
            let body = patch::text::replace_body(req.pod, req.old_texts(), &req.texts().compact);
            let raw = ["replace".to_owned(), "--raw".to_owned(), format!("{}?{STRICT}", req.subresource_path())];
            out.text = match sh {
                Shell::Posix => {
                    shell::posix::with_stdin(&Command::new("kubectl", raw.iter().map(String::as_str).chain(["-f", "-"])), &body)?
                }
                Shell::PowerShell => with_body(sh, "kubectl", &raw, "-f", "-f", false, &body, &[])?,
            };
            out.notes.push(
                "Works with every kubectl that knows ephemeral containers: a PUT of the complete list (existing containers unchanged, then the new ones). The server keeps only spec.ephemeralContainers from it."
                    .into(),
            );
            out.notes.push(STRICT_NOTE.into());
        }
        Format::Curl => {
            let proxy = cmd("kubectl", &["proxy", &format!("--port={}", req.proxy_port)]);
            let curl_program = match sh {
                Shell::Posix => "curl",
                Shell::PowerShell => "curl.exe",
            };
            let url = format!("http://127.0.0.1:{}{}?{STRICT}", req.proxy_port, req.subresource_path());
            let curl_args: Vec<String> = [
                "-sS",
                "--fail-with-body",
                // kubectl proxy was just started in the background: wait for it.
                "--retry",
                "10",
                "--retry-connrefused",
                "--retry-delay",
                "1",
                "-X",
                "PATCH",
                "-H",
                "Content-Type: application/strategic-merge-patch+json",
            ]
            .map(str::to_owned)
            .into();
            let curl = with_body(sh, curl_program, &curl_args, "--data-binary", "--data-binary", true, req.strategic(), &[url])?;
            let proxy_line = shell::render(sh, &proxy)?;
            out.text = match sh {
                Shell::Posix => format!("{proxy_line} &\n{curl}"),
                Shell::PowerShell => format!("{}\n{curl}", shell::comment(&format!("In another terminal: {proxy_line}"))),
            };
            out.notes.push(format!("kubectl proxy listens on 127.0.0.1:{} and adds your credentials.", req.proxy_port));
            out.notes.push(STRICT_NOTE.into());
        }
        Format::Yaml => {
            let values: Vec<Value> = req
                .containers
                .iter()
                .map(|c| {
                    let mut v = crate::gojson::marshal(c);
                    if let Value::Object(m) = &mut v {
                        if m.get("resources").is_some_and(|r| r.as_object().is_some_and(|o| o.is_empty())) {
                            m.remove("resources");
                        }
                    }
                    v
                })
                .collect();
            let value = if values.len() == 1 { values.into_iter().next().unwrap_or_default() } else { Value::Array(values) };
            out.text = yaml::to_yaml(&value).trim_end().to_owned();
        }
        Format::FollowUps => {
            let ns = req.namespace();
            let name = req.name();
            let mut lines = vec![
                shell::comment("Can you? (kubectl patch needs both)"),
                shell::render(sh, &cmd("kubectl", &["auth", "can-i", "patch", "pods/ephemeralcontainers", "-n", ns]))?,
                shell::render(sh, &cmd("kubectl", &["auth", "can-i", "get", "pods/ephemeralcontainers", "-n", ns]))?,
            ];
            for c in req.containers {
                // JSONPath reads both kinds of quotes (client-go's `parseFilter`); PowerShell gets
                // single ones, since a `"` is what legacy argument passing loses.
                let q = if sh == Shell::Posix { '"' } else { '\'' };
                let status = format!("{{.status.ephemeralContainerStatuses[?(@.name=={q}{}{q})].state}}", c.name);
                lines.push(shell::comment(&c.name));
                if c.stdin == Some(true) {
                    let flags = if c.tty == Some(true) { "-it" } else { "-i" };
                    lines.push(shell::render(sh, &cmd("kubectl", &["attach", flags, name, "-c", &c.name, "-n", ns]))?);
                }
                lines.push(shell::render(sh, &cmd("kubectl", &["logs", name, "-c", &c.name, "-n", ns]))?);
                lines.push(shell::render(sh, &cmd("kubectl", &["get", "pod", name, "-n", ns, "-o", &format!("jsonpath={status}")]))?);
            }
            out.text = lines.join("\n");
        }
    }
    Ok(finish(req, out))
}

/// The notes every form gets: the fields of the text that no form sends, and the PowerShell
/// script's temporary file.
fn finish(req: &Request<'_>, mut out: Export) -> Export {
    let format = out.format;
    if !req.unknown_fields.is_empty() && !matches!(format, Format::FollowUps) {
        let fields = req.unknown_fields.join(", ");
        let what = match format {
            Format::StrategicPatch | Format::JsonPatch => "patch",
            Format::Yaml => "YAML",
            _ => "command",
        };
        out.notes.push(format!(
            "Not in this {what}: {fields}, which the Kubernetes schema does not know. {}: fix the name if you meant a field.",
            format.typo_fate(req.unknown_fields.len() > 1)
        ));
    }
    if req.shell == Shell::PowerShell && out.text.contains("[IO.File]::WriteAllText(") {
        out.notes.push(POWERSHELL_NOTE.to_owned());
    }
    out
}

/// `debug-custom.json` → `debug-custom-2.json`
fn numbered(path: &str, n: usize) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => format!("{stem}-{n}.{ext}"),
        _ => format!("{path}-{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::models::{self, Ran, MODES};
    use crate::shell::ADVERSARIAL;

    fn pod(with_existing: bool) -> Pod {
        let existing = if with_existing { r#","ephemeralContainers":[{"name":"debugger-7xk2p","image":"busybox:1.36"}]"# } else { "" };
        serde_json::from_str(&format!(
            r#"{{"metadata":{{"name":"web-0","namespace":"shop"}},"spec":{{"containers":[{{"name":"app","image":"nginx"}}]{existing}}}}}"#
        ))
        .unwrap()
    }

    fn adversarial(command: bool) -> EphemeralContainer {
        let words: Vec<String> = ADVERSARIAL.iter().map(|s| (*s).to_owned()).collect();
        let env: Vec<Value> =
            ADVERSARIAL.iter().enumerate().map(|(i, s)| serde_json::json!({"name": format!("V{i}"), "value": s})).collect();
        let mut v = serde_json::json!({"name": "debugger-abcde", "image": "busybox:1.36", "args": words, "env": env,
                                       "workingDir": ADVERSARIAL.join(""), "stdin": true});
        if command {
            v["command"] = serde_json::json!(["sh", "-c", "ps aux; echo $HOSTNAME"]);
        }
        serde_json::from_value(v).unwrap()
    }

    fn simple() -> EphemeralContainer {
        serde_json::from_value(serde_json::json!({"name": "debugger-abcde", "image": "busybox:1.36", "targetContainerName": "app",
            "stdin": true, "tty": true, "command": ["sh", "-c", "ps aux; echo $HOSTNAME"], "env": [{"name": "A", "value": "a b"}]}))
        .unwrap()
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    /// What the PowerShell form of `format` must do in every PowerShell: the files it writes and
    /// the programs it runs, with their argv (`FILE1` for the first file's path).
    fn expected(req: &Request<'_>, format: Format) -> Ran {
        let path = req.subresource_path();
        let kubectl_patch = |t: &str, body: String| Ran {
            files: vec![body],
            commands: vec![("kubectl".into(), [kubectl_patch_args(req, t), s(&["--patch-file", "FILE1"])].concat())],
            env: Vec::new(),
        };
        match format {
            Format::KubectlPatch => kubectl_patch("strategic", req.strategic().to_owned()),
            Format::JsonPatch => kubectl_patch("json", patch::text::json_patch(req.pod, &req.texts().safe)),
            Format::ReplaceRaw => Ran {
                files: vec![patch::text::replace_body(req.pod, req.old_texts(), &req.texts().compact)],
                commands: vec![("kubectl".into(), s(&["replace", "--raw", &format!("{path}?fieldValidation=Strict"), "-f", "FILE1"]))],
                env: Vec::new(),
            },
            Format::Curl => {
                let url = format!("http://127.0.0.1:8001{path}?fieldValidation=Strict");
                let argv = s(&[
                    "-sS",
                    "--fail-with-body",
                    "--retry",
                    "10",
                    "--retry-connrefused",
                    "--retry-delay",
                    "1",
                    "-X",
                    "PATCH",
                    "-H",
                    "Content-Type: application/strategic-merge-patch+json",
                    "--data-binary",
                    "@FILE1",
                    &url,
                ]);
                Ran { files: vec![req.strategic().to_owned()], commands: vec![("curl.exe".into(), argv)], env: Vec::new() }
            }
            Format::KubectlDebug => {
                let plan = debug::plan_of(req.pod, req.values()[0].clone(), "x", 37, Shell::PowerShell);
                let mut argv = plan.command.args.clone();
                if let Some(at) = plan.custom_arg {
                    argv[at] = "FILE1".into();
                }
                let env = plan.env.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
                Ran { files: plan.custom.iter().map(compact).collect(), commands: vec![("kubectl".into(), argv)], env }
            }
            Format::FollowUps => {
                let c = &req.containers[0];
                let mut commands = vec![
                    ("kubectl".into(), s(&["auth", "can-i", "patch", "pods/ephemeralcontainers", "-n", "shop"])),
                    ("kubectl".into(), s(&["auth", "can-i", "get", "pods/ephemeralcontainers", "-n", "shop"])),
                ];
                if c.stdin == Some(true) {
                    commands.push((
                        "kubectl".into(),
                        s(&["attach", if c.tty == Some(true) { "-it" } else { "-i" }, "web-0", "-c", &c.name, "-n", "shop"]),
                    ));
                }
                commands.push(("kubectl".into(), s(&["logs", "web-0", "-c", &c.name, "-n", "shop"])));
                let jsonpath = format!("jsonpath={{.status.ephemeralContainerStatuses[?(@.name=='{}')].state}}", c.name);
                commands.push(("kubectl".into(), s(&["get", "pod", "web-0", "-n", "shop", "-o", &jsonpath])));
                Ran { files: Vec::new(), commands, env: Vec::new() }
            }
            Format::StrategicPatch | Format::Yaml => unreachable!("not commands"),
        }
    }

    /// Every PowerShell form, for plain and hostile containers, through the models of every
    /// PowerShell: each writes the intended files and runs the intended argv, the same in all of
    /// them, or refuses with a reason; nothing else runs (the reader accepts nothing else).
    #[test]
    fn powershell_forms_do_the_same_in_every_powershell() {
        let mut containers = vec![simple(), adversarial(true), adversarial(false)];
        for name in ADVERSARIAL.iter().filter(|n| n.len() < 200) {
            let mut c = simple();
            c.name = (*name).to_owned();
            containers.push(c);
        }
        let mut refused = 0;
        for with_existing in [false, true] {
            let p = pod(with_existing);
            for c in &containers {
                let list = [c.clone()];
                let mut req = Request::new(&p, &list);
                req.shell = Shell::PowerShell;
                for format in Format::ALL.into_iter().filter(|f| !matches!(f, Format::StrategicPatch | Format::Yaml)) {
                    match export(&req, format) {
                        Ok(out) => {
                            let want = expected(&req, format);
                            for mode in MODES {
                                assert_eq!(models::run(&out.text, mode), want, "{format:?} in {mode:?}:\n{}", out.text);
                            }
                        }
                        Err(
                            ExportError::PowerShell(QuoteError::Unportable { arg, .. })
                            | ExportError::Quote(QuoteError::Unportable { arg, .. }),
                        ) => {
                            // Only what must be a word on the command line is refused: the name
                            // (a name the API server accepts always passes) or the command.
                            assert!(arg.contains(&c.name) || c.command.iter().flatten().any(|w| *w == arg), "{format:?} refused {arg:?}");
                            assert!(
                                powershell::unportable(&c.name).is_some()
                                    || c.command.iter().flatten().any(|w| powershell::unportable(w).is_some())
                            );
                            refused += 1;
                        }
                        Err(e) => panic!("{format:?}: {e}"),
                    }
                }
            }
        }
        assert!(refused > 0 && refused < containers.len() * 2 * 6, "{refused}");
    }

    /// No form of any container writes a control or invisible character raw, but line ends:
    /// what is pasted or printed shows as it is.
    #[test]
    fn no_export_holds_an_invisible_character() {
        let mut containers = vec![simple(), adversarial(true), adversarial(false)];
        for name in ADVERSARIAL.iter().filter(|n| n.len() < 200) {
            let mut c = adversarial(true);
            c.name = (*name).to_owned();
            containers.push(c);
        }
        for p in [pod(false), pod(true)] {
            for c in &containers {
                let list = [c.clone()];
                for shell in [Shell::Posix, Shell::PowerShell] {
                    let mut req = Request::new(&p, &list);
                    req.shell = shell;
                    for format in Format::ALL {
                        let Ok(out) = export(&req, format) else { continue };
                        let texts = std::iter::once(&out.text).chain(out.files.iter().map(|f| &f.contents));
                        for text in texts {
                            assert!(!text.chars().any(|c| crate::shell::needs_escape(c) && c != '\n'), "{format:?} {shell:?}: {text:?}");
                        }
                    }
                }
            }
        }
    }

    /// The form shown first and `kubectl debug` have functions of their own, which `export`
    /// hands them to (the playground's first download calls `shown_first` only), and the
    /// function that makes the rest makes the same two when asked.
    #[test]
    fn the_form_shown_first_and_kubectl_debug_have_functions_of_their_own() {
        let p = pod(false);
        let list = [simple()];
        let req = Request::new(&p, &list);
        let out = debug::export(&req).unwrap();
        assert!(out.text.starts_with("kubectl debug web-0 "), "{}", out.text);
        assert_eq!(export(&req, Format::KubectlDebug).unwrap(), out);
        assert_eq!(others(&req, Format::KubectlDebug).unwrap(), out);
        let first = shown_first(&req).unwrap();
        assert_eq!(first.format, SHOWN_FIRST);
        assert!(first.text.starts_with("kubectl patch pod web-0 "), "{}", first.text);
        assert_eq!(export(&req, SHOWN_FIRST).unwrap(), first);
        assert_eq!(others(&req, SHOWN_FIRST).unwrap(), first);
        assert_eq!(debug::export(&Request::new(&p, &[])), Err(ExportError::NoContainers));
        assert_eq!(shown_first(&Request::new(&p, &[])), Err(ExportError::NoContainers));
    }

    /// Each form says what sending a typo in it would do: the forms that write the URL ask for
    /// `fieldValidation=Strict` (and say the request would be refused), the kubectl forms get
    /// the server's `Warn` (the field dropped with kubectl's warning line), and `kubectl debug`'s
    /// `--custom` file would lose it without a word. No form carries the unknown field.
    #[test]
    fn every_form_says_what_it_does_with_a_typo() {
        let p = pod(false);
        let list = [simple()];
        let unknown = ["spec.ephemeralContainers[0].imagePullPolcy".to_owned()];
        let mut req = Request::new(&p, &list);
        req.unknown_fields = &unknown;
        for format in Format::ALL {
            let out = export(&req, format).unwrap();
            let strict_url = out.text.contains("?fieldValidation=Strict");
            assert_eq!(strict_url, format.field_validation() == FieldValidation::Strict, "{format:?}: {}", out.text);
            assert!(!out.text.contains("imagePullPolcy") && !out.files.iter().any(|f| f.contents.contains("imagePullPolcy")), "{format:?}");
            if format == Format::FollowUps {
                continue;
            }
            let note = out.notes.iter().find(|n| n.contains("imagePullPolcy")).unwrap_or_else(|| panic!("{format:?}: {:?}", out.notes));
            let expected = match format.field_validation() {
                FieldValidation::Strict => "refused with 400 BadRequest",
                _ if format == Format::KubectlDebug => "vanish there without any warning",
                _ => "drop it and accept the request with only",
            };
            assert!(note.contains(expected), "{format:?}: {note}");
        }
        let two = ["spec.ephemeralContainers[0].imagePullPolcy".to_owned(), "spec.ephemeralContainers[0].targetContainer".to_owned()];
        req.unknown_fields = &two;
        let notes = export(&req, Format::KubectlPatch).unwrap().notes;
        assert!(notes.iter().any(|n| n.contains("would drop them") && n.contains("targetContainer")), "{notes:?}");
    }

    /// kubectl before 1.24 has no `--subresource` flag; 1.24–1.31 refuse the value: the form
    /// carries kubectl's own error as its blocker, and kubectl 1.32 on has none.
    #[test]
    fn older_kubectl_refusals_are_blockers() {
        let p = pod(false);
        let list = [simple()];
        let mut req = Request::new(&p, &list);
        for (minor, answer) in [
            (23, Some("error: unknown flag: --subresource")),
            (24, Some("error: invalid subresource value: \"ephemeralcontainers\". Must be one of [status scale]")),
            (31, Some("error: invalid subresource value: \"ephemeralcontainers\". Must be one of [status scale]")),
            (32, None),
            (37, None),
        ] {
            req.kubectl_minor = minor;
            for format in [Format::KubectlPatch, Format::JsonPatch] {
                assert_eq!(export(&req, format).unwrap().blocker.as_deref(), answer, "{minor} {format:?}");
                assert_eq!(format.refused_by_kubectl(minor).as_deref(), answer, "{minor} {format:?}");
                let instead = if answer.is_some() { Format::ReplaceRaw } else { format };
                assert_eq!(format.or_one_that_works(minor), instead, "{minor} {format:?}");
            }
            for format in [Format::ReplaceRaw, Format::Curl, Format::KubectlDebug] {
                assert_eq!(export(&req, format).unwrap().blocker, None, "{minor} {format:?}");
                assert_eq!((format.refused_by_kubectl(minor), format.or_one_that_works(minor)), (None, format), "{minor} {format:?}");
            }
        }
    }

    /// `--custom` came in kubectl 1.31; 1.30 has it behind `KUBECTL_DEBUG_CUSTOM_PROFILE=true`,
    /// which the command sets in both shells, and older kubectl refuses the flag.
    #[test]
    fn custom_needs_kubectl_1_30_and_its_variable() {
        let p = pod(false);
        let list = [adversarial(true)];
        let mut req = Request::new(&p, &list);
        req.kubectl_minor = 30;
        let out = export(&req, Format::KubectlDebug).unwrap();
        assert_eq!(out.blocker, None);
        assert!(out.text.starts_with("KUBECTL_DEBUG_CUSTOM_PROFILE=true kubectl debug "), "{}", out.text);
        req.shell = Shell::PowerShell;
        let out = export(&req, Format::KubectlDebug).unwrap();
        for mode in MODES {
            let ran = models::run(&out.text, mode);
            assert!(ran.env.contains(&("KUBECTL_DEBUG_CUSTOM_PROFILE".to_owned(), "true".to_owned())), "{mode:?}: {ran:?}");
        }
        assert!(out.text.ends_with("Remove-Item Env:KUBECTL_DEBUG_CUSTOM_PROFILE"), "{}", out.text);
        for minor in [31, 37] {
            req.kubectl_minor = minor;
            req.shell = Shell::Posix;
            let out = export(&req, Format::KubectlDebug).unwrap();
            assert!(out.text.starts_with("kubectl debug "), "{minor}: {}", out.text);
            assert_eq!(out.blocker, None);
        }
        req.kubectl_minor = 29;
        assert_eq!(export(&req, Format::KubectlDebug).unwrap().blocker.as_deref(), Some("error: unknown flag: --custom"));
    }

    /// kubectl's own refusals of the image, and of a profile it does not know yet.
    #[test]
    fn debug_blockers_are_kubectls_errors() {
        let p = pod(false);
        let mut c = simple();
        c.image = Some("Busybox".into());
        let list = [c];
        let req = Request::new(&p, &list);
        assert_eq!(
            export(&req, Format::KubectlDebug).unwrap().blocker.as_deref(),
            Some("error: invalid image name \"Busybox\": invalid reference format")
        );
        let mut c = simple();
        c.image = None;
        let list = [c];
        let req = Request::new(&p, &list);
        assert_eq!(
            export(&req, Format::KubectlDebug).unwrap().blocker.as_deref(),
            Some("error: you must specify --image when not using --copy-to.")
        );
    }

    /// The adversarial env values and args, which no PowerShell text can put on the command
    /// line, go into the `--custom` file the script writes.
    #[test]
    fn powershell_debug_moves_what_cannot_be_a_word_into_the_file() {
        let p = pod(false);
        let list = [adversarial(false)];
        let mut req = Request::new(&p, &list);
        req.shell = Shell::PowerShell;
        let out = export(&req, Format::KubectlDebug).unwrap();
        let ran = models::run(&out.text, MODES[1]);
        let custom: Value = serde_json::from_str(&ran.files[0]).unwrap();
        assert_eq!(custom["env"].as_array().map(Vec::len), Some(ADVERSARIAL.len()));
        assert_eq!(custom["args"].as_array().map(Vec::len), Some(ADVERSARIAL.len()));
        assert!(!ran.commands[0].1.iter().any(|a| a.starts_with("--env") || a == "--arguments-only"), "{:?}", ran.commands);
        // In POSIX shells the same values stay flags.
        req.shell = Shell::Posix;
        assert!(export(&req, Format::KubectlDebug).unwrap().text.contains("--arguments-only"));
    }
}
