//! Every way to apply the container: pure builders from the pod and the new containers to
//! typed values (patch bodies, argv lists), and only at the end to text for one shell
//! (`crate::shell`). Facts about kubectl come from `kubectl-and-the-subresource.md` and
//! are proven against a real kubectl in `cli/tests/`.

use std::cell::OnceCell;

use k8s_openapi::api::core::v1::{EphemeralContainer, Pod};
use serde_json::Value;

use crate::shell::{self, Command, QuoteError, Shell};

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
            safe: self.values().iter().map(crate::gojson::to_yaml_safe_string).collect(),
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

/// One exported form: the text to paste, the files it refers to, and notes for the reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    pub format: Format,
    pub text: String,
    pub files: Vec<File>,
    pub notes: Vec<String>,
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
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Quote(e) => write!(f, "{e}"),
            ExportError::NoContainers => f.write_str("there is no ephemeral container to export"),
            ExportError::NoPodName => f.write_str("the pod has no metadata.name"),
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

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A command fed `input` on standard input: a quoted here-document for POSIX shells, a
/// verbatim here-string piped in for PowerShell. `input` is one line of JSON.
fn with_stdin(shell: Shell, command: &Command, input: &str) -> Result<String, QuoteError> {
    let line = shell::render(shell, command)?;
    Ok(match shell {
        Shell::Posix => {
            let mut tag = String::from("ECPLAY_EOF");
            while input.lines().any(|l| l == tag) {
                tag.push('_');
            }
            format!("{line} <<'{tag}'\n{input}\n{tag}")
        }
        Shell::PowerShell => format!("@'\n{input}\n'@ | {line}"),
    })
}

/// The `kubectl patch` command for a body of the given type, its `-p` text already made.
/// kubectl passes a `-p` that starts with `{` through as it is, but reads anything else (a
/// JSON patch) as YAML and sends it re-encoded; so a JSON patch's text is written with every
/// character YAML would not take escaped ([`crate::gojson::to_yaml_safe_string`]), and
/// reaches the server as Go writes it.
fn kubectl_patch_text(req: &Request<'_>, patch_type: &str, p: String) -> Command {
    cmd(
        "kubectl",
        &[
            "patch",
            "pod",
            req.name(),
            "-n",
            req.namespace(),
            "--subresource=ephemeralcontainers",
            &format!("--type={patch_type}"),
            "-p",
            &p,
        ],
    )
}

/// Builds one form.
pub fn export(req: &Request<'_>, format: Format) -> Result<Export, ExportError> {
    if req.containers.is_empty() {
        return Err(ExportError::NoContainers);
    }
    if req.name().is_empty() {
        return Err(ExportError::NoPodName);
    }
    let sh = req.shell;
    let mut out = Export { format, text: String::new(), files: Vec::new(), notes: Vec::new() };
    let old_kubectl = req.kubectl_minor < 32;
    match format {
        Format::StrategicPatch => {
            out.text = req.strategic().to_owned();
            out.notes.push(format!(
                "Send as PATCH {} with Content-Type: application/strategic-merge-patch+json. Existing ephemeral containers are kept (merged by name).",
                req.subresource_path()
            ));
        }
        Format::KubectlPatch => {
            out.text = shell::render(sh, &kubectl_patch_text(req, "strategic", req.strategic().to_owned()))?;
            out.notes.push("Needs kubectl 1.32 or newer (older kubectl refuses --subresource=ephemeralcontainers).".into());
            if old_kubectl {
                out.notes.push(format!(
                    "kubectl 1.{} will answer: error: invalid subresource value: \"ephemeralcontainers\". Must be one of [status scale]. Use the `kubectl replace --raw` form instead.",
                    req.kubectl_minor
                ));
            }
        }
        Format::JsonPatch => {
            let body = patch::text::json_patch(req.pod, &req.texts().safe);
            out.text = shell::render(sh, &kubectl_patch_text(req, "json", body))?;
            out.notes.push(if patch::existing(req.pod).is_empty() {
                "The pod has no ephemeral containers yet, so the list is added whole; the test operation makes the patch fail if one appears meanwhile.".into()
            } else {
                "The container is appended with /spec/ephemeralContainers/-; the test operation checks the list is still as read.".into()
            });
            out.notes.push("Needs kubectl 1.32 or newer.".into());
        }
        Format::KubectlDebug => {
            let mut lines = Vec::new();
            for (i, json) in req.values().iter().cloned().enumerate() {
                let custom_path = if req.containers.len() == 1 { req.custom_file.to_owned() } else { numbered(req.custom_file, i + 1) };
                let plan = debug::plan_of(req.pod, json, &custom_path, req.kubectl_minor);
                lines.push(shell::render(sh, &plan.command)?);
                if let Some(custom) = plan.custom {
                    out.files.push(File {
                        path: custom_path,
                        contents: format!("{}\n", serde_json::to_string_pretty(&custom).unwrap_or_default()),
                    });
                }
                out.notes.extend(plan.notes);
            }
            out.text = lines.join("\n");
        }
        Format::ReplaceRaw => {
            let body = patch::text::replace_body(req.pod, req.old_texts(), &req.texts().compact);
            let put = cmd("kubectl", &["replace", "--raw", &req.subresource_path(), "-f", "-"]);
            out.text = with_stdin(sh, &put, &body)?;
            out.notes.push(
                "Works with every kubectl that knows ephemeral containers: a PUT of the complete list (existing containers unchanged, then the new ones). The server keeps only spec.ephemeralContainers from it."
                    .into(),
            );
        }
        Format::Curl => {
            let text = req.strategic();
            let proxy = cmd("kubectl", &["proxy", &format!("--port={}", req.proxy_port)]);
            let curl_program = match sh {
                Shell::Posix => "curl",
                Shell::PowerShell => "curl.exe",
            };
            let url = format!("http://127.0.0.1:{}{}", req.proxy_port, req.subresource_path());
            let curl = cmd(
                curl_program,
                &[
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
                    "--data-binary",
                    text,
                    &url,
                ],
            );
            let proxy_line = shell::render(sh, &proxy)?;
            out.text = match sh {
                Shell::Posix => format!("{proxy_line} &\n{}", shell::render(sh, &curl)?),
                Shell::PowerShell => format!("# In another terminal: {proxy_line}\n{}", shell::render(sh, &curl)?),
            };
            out.notes.push(format!("kubectl proxy listens on 127.0.0.1:{} and adds your credentials.", req.proxy_port));
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
                "# Can you? (kubectl patch needs both)".to_owned(),
                shell::render(sh, &cmd("kubectl", &["auth", "can-i", "patch", "pods/ephemeralcontainers", "-n", ns]))?,
                shell::render(sh, &cmd("kubectl", &["auth", "can-i", "get", "pods/ephemeralcontainers", "-n", ns]))?,
            ];
            for c in req.containers {
                let status = format!("{{.status.ephemeralContainerStatuses[?(@.name==\"{}\")].state}}", c.name);
                lines.push(format!("# {}", c.name));
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
    Ok(out)
}

/// `debug-custom.json` → `debug-custom-2.json`
fn numbered(path: &str, n: usize) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => format!("{stem}-{n}.{ext}"),
        _ => format!("{path}-{n}"),
    }
}
