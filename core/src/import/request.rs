//! The forms that send a body to the subresource: `kubectl patch --subresource=…`,
//! `kubectl apply --server-side --subresource=…`, `kubectl replace --raw …` and
//! `kubectl replace --subresource=…`, `curl -X PATCH|PUT …`, and a bare body. The body is
//! applied to the pod as the API server applies it ([`merge`]), and the entries of
//! `spec.ephemeralContainers` that were not there before are the import.
//!
//! kubectl's checks, read in kubernetes/kubectl at each `kubernetes-1.x.0` tag and HEAD:
//! `pkg/cmd/patch/patch.go` (`Validate`: `--patch`/`--patch-file`, `--type`, and until 1.31
//! `supportedSubresources = {status, scale}`; `RunPatch`: `yaml.ToJSON` of the patch),
//! `pkg/cmd/replace/replace.go` (`Validate`: `--filename`, `--raw`; the same allow-list until
//! 1.31), `pkg/cmd/apply/apply.go` (`--subresource` from 1.32, with `--server-side` only).

use serde_json::{Map, Value};

use super::flags::{self, flag, since, Flag, Kind, Parsed};
use super::line::{Cmd, Stdin, Word};
use super::merge::{self, Schema};
use super::{refused, Ctx, ImportError, Imported};
use crate::diag::go_quote;
use crate::node::Pos;
use crate::FieldValidation;

/// The first kubectl whose patch, replace and apply take `--subresource=ephemeralcontainers`
/// (kubectl commit b22c40d47, "remove subresource restrictions from all commands").
pub(crate) const SUBRESOURCE_SINCE: u32 = 32;

const PATCH_FLAGS: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("dry-run", None, Kind::StrOpt("unchanged")),
    flag("field-manager", None, Kind::Str),
    flag("filename", Some('f'), Kind::List),
    flag("kustomize", Some('k'), Kind::Str),
    flag("local", None, Kind::Bool),
    flag("output", Some('o'), Kind::Str),
    flag("patch", Some('p'), Kind::Str),
    flag("patch-file", None, Kind::Str),
    flag("recursive", Some('R'), Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("subresource", None, Kind::Str),
    flag("template", None, Kind::Str),
    flag("type", None, Kind::Str),
];

const REPLACE_FLAGS: &[Flag] = &[
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("cascade", None, Kind::StrOpt("background")),
    flag("dry-run", None, Kind::StrOpt("unchanged")),
    flag("field-manager", None, Kind::Str),
    flag("filename", Some('f'), Kind::List),
    flag("force", None, Kind::Bool),
    flag("grace-period", None, Kind::Str),
    flag("kustomize", Some('k'), Kind::Str),
    flag("output", Some('o'), Kind::Str),
    flag("raw", None, Kind::Str),
    flag("recursive", Some('R'), Kind::Bool),
    flag("save-config", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    flag("subresource", None, Kind::Str),
    flag("template", None, Kind::Str),
    flag("timeout", None, Kind::Str),
    flag("validate", None, Kind::StrOpt("strict")),
    flag("wait", None, Kind::Bool),
];

const APPLY_FLAGS: &[Flag] = &[
    flag("all", None, Kind::Bool),
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("cascade", None, Kind::StrOpt("background")),
    flag("dry-run", None, Kind::StrOpt("unchanged")),
    flag("field-manager", None, Kind::Str),
    flag("filename", Some('f'), Kind::List),
    flag("force", None, Kind::Bool),
    flag("force-conflicts", None, Kind::Bool),
    flag("grace-period", None, Kind::Str),
    flag("kustomize", Some('k'), Kind::Str),
    flag("openapi-patch", None, Kind::Bool),
    flag("output", Some('o'), Kind::Str),
    flag("overwrite", None, Kind::Bool),
    flag("prune", None, Kind::Bool),
    flag("prune-allowlist", None, Kind::List),
    flag("recursive", Some('R'), Kind::Bool),
    flag("selector", Some('l'), Kind::Str),
    flag("server-side", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    since("subresource", Kind::Str, SUBRESOURCE_SINCE),
    flag("template", None, Kind::Str),
    flag("timeout", None, Kind::Str),
    flag("validate", None, Kind::StrOpt("strict")),
    flag("wait", None, Kind::Bool),
];

/// How a body is applied to the pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Body {
    Strategic,
    Merge,
    Json,
    /// Server-side apply (`application/apply-patch+yaml`).
    Apply,
    /// A PUT of a whole pod.
    Put,
}

impl Body {
    fn form(self) -> &'static str {
        match self {
            Body::Strategic => "strategic merge patch",
            Body::Merge => "JSON merge patch",
            Body::Json => "JSON patch",
            Body::Apply => "server-side apply",
            Body::Put => "PUT of the whole pod",
        }
    }

    fn from_content_type(ct: &str) -> Option<Body> {
        match ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase().as_str() {
            "application/strategic-merge-patch+json" => Some(Body::Strategic),
            "application/merge-patch+json" => Some(Body::Merge),
            "application/json-patch+json" => Some(Body::Json),
            "application/apply-patch+yaml" | "application/apply-patch+cbor" => Some(Body::Apply),
            _ => None,
        }
    }
}

fn flag_error(e: flags::FlagError, verb: &str) -> ImportError {
    refused(format!("error: {}", e.message), e.word.pos, "").with_usage(verb)
}

fn parse(words: &[Word], local: &[Flag], verb: &str, ctx: &Ctx<'_>) -> Result<Parsed, ImportError> {
    flags::parse(words, local, ctx.minor).map_err(|e| flag_error(e, verb))
}

/// `--subresource` as kubectl 1.`minor` checks it.
fn check_subresource(p: &Parsed, minor: u32, at: Pos) -> Result<bool, ImportError> {
    match p.last("subresource") {
        None => Ok(false),
        Some(g) if g.value == "ephemeralcontainers" && minor >= SUBRESOURCE_SINCE => Ok(true),
        Some(g) if minor < SUBRESOURCE_SINCE && g.value != "status" && g.value != "scale" => Err(refused(
            format!("error: invalid subresource value: {}. Must be one of [status scale]", crate::diag::go_quote(&g.value)),
            g.word.pos,
            format!("kubectl takes --subresource=ephemeralcontainers from 1.{SUBRESOURCE_SINCE}; with kubectl 1.{minor}, use kubectl replace --raw or kubectl debug."),
        )),
        Some(g) => Err(ImportError::Unreadable {
            pos: g.word.pos,
            message: format!("--subresource={} writes another part of the pod (at {}:{}), not its ephemeral containers", g.value, at.line, at.column),
        }),
    }
}

/// The pod named by `TYPE NAME`, `TYPE/NAME` or `-f FILE` (kubectl's resource builder).
fn pod_target(p: &Parsed, at: Pos, ctx: &Ctx<'_>, notes: &mut Vec<String>) -> Result<(), ImportError> {
    let pod_name = ctx.pod["metadata"]["name"].as_str().unwrap_or("");
    let args: Vec<&Word> = p.args.iter().collect();
    let named: Option<(String, Pos)> = match args.as_slice() {
        [] => None,
        [one] => match one.text.split_once('/') {
            Some((kind, name)) => {
                if !matches!(kind, "pod" | "pods" | "po") {
                    return Err(ImportError::Unreadable {
                        pos: one.pos,
                        message: format!("{} is not a pod: ephemeral containers are added to pods", one.text),
                    });
                }
                Some((name.to_owned(), one.pos))
            }
            None => {
                return Err(ImportError::Unreadable {
                    pos: one.pos,
                    message: format!("name the pod as pod {0} or pod/{0} (kubectl reads a lone word as a resource type)", one.text),
                })
            }
        },
        [kind, name, ..] => {
            if !matches!(kind.text.as_str(), "pod" | "pods" | "po") {
                return Err(ImportError::Unreadable {
                    pos: kind.pos,
                    message: format!("{} is not a pod: ephemeral containers are added to pods", kind.text),
                });
            }
            if args.len() > 2 {
                notes.push("kubectl would patch every pod named; ecplay shows what it does to the pod given.".into());
            }
            Some((name.text.clone(), name.pos))
        }
    };
    match named {
        Some((name, _)) if name != pod_name => {
            notes.push(format!(
                "The command names pod {name_q}, not the pod given ({pod_name_q}); ecplay applies it to the pod given.",
                name_q = go_quote(&name),
                pod_name_q = go_quote(pod_name)
            ));
        }
        Some(_) => {}
        None if p.changed("filename") => {
            notes.push("-f names the pod by the file's metadata.name and namespace; ecplay applies the request to the pod given.".into())
        }
        None => return Err(refused("error: you must provide one or more resources by argument or filename.", at, "")),
    }
    Ok(())
}

/// `kubectl patch …`.
pub(crate) fn patch(words: &[Word], at: Pos, cmd: &Cmd, ctx: &Ctx<'_>) -> Result<Imported, ImportError> {
    let p = parse(words, PATCH_FLAGS, "patch", ctx)?;
    let mut notes = Vec::new();
    // Validate, in its order.
    if p.changed("patch")
        && p.changed("patch-file")
        && !p.value("patch").unwrap_or("").is_empty()
        && !p.value("patch-file").unwrap_or("").is_empty()
    {
        return Err(refused("error: cannot specify --patch and --patch-file together", at, ""));
    }
    let text = p.value("patch").filter(|t| !t.is_empty());
    let file = p.last("patch-file").filter(|g| !g.value.is_empty());
    if text.is_none() && file.is_none() {
        return Err(refused("error: must specify --patch or --patch-file containing the contents of the patch", at, ""));
    }
    let local = p.bool("local");
    if local && !p.args.is_empty() {
        return Err(refused("error: cannot specify --local and server resources", at, ""));
    }
    let patch_type = p.value("type").unwrap_or("strategic");
    let body = match patch_type.to_ascii_lowercase().as_str() {
        "strategic" => Body::Strategic,
        "merge" => Body::Merge,
        "json" => Body::Json,
        _ => {
            return Err(refused(
                format!("error: --type must be one of [json merge strategic], not {}", crate::diag::go_quote(patch_type)),
                p.last("type").map_or(at, |g| g.word.pos),
                "",
            ))
        }
    };
    if !check_subresource(&p, ctx.minor, at)? {
        return Err(ImportError::Unreadable {
            pos: at,
            message: "without --subresource=ephemeralcontainers kubectl patches the pod itself, and the API server allows no pod update to add ephemeral containers: they go only through the pods/ephemeralcontainers subresource (kubectl 1.32 and newer: add --subresource=ephemeralcontainers)".into(),
        });
    }
    pod_target(&p, at, ctx, &mut notes)?;
    let (raw, pos) = match (text, file) {
        (Some(t), _) => (t.to_owned(), p.last("patch").map_or(at, |g| g.word.pos)),
        (None, Some(g)) => (read_file(&g.value, g.word.pos, cmd, ctx, "the patch kubectl patch reads with --patch-file")?, g.word.pos),
        (None, None) => unreachable_none(at)?,
    };
    // RunPatch: yaml.ToJSON (JSON passes through, YAML is converted).
    let value = crate::node::parse(&raw).map(|n| n.to_json()).map_err(|e| {
        refused(
            format!("error: unable to parse {}: {}", crate::diag::go_quote(&raw), e.message),
            pos,
            "kubectl reads the patch as YAML or JSON.",
        )
    })?;
    if local || p.value("dry-run").is_some_and(|d| d == "client") {
        notes.push("--local or --dry-run=client: kubectl applies the patch on its side and sends nothing; ecplay shows what the request would add.".into());
    }
    let mut out = apply(body, &value, pos, ctx, &mut notes)?;
    out.form = format!("kubectl patch --subresource=ephemeralcontainers --type={}", patch_type.to_ascii_lowercase());
    out.notes.splice(0..0, notes);
    Ok(out)
}

fn unreachable_none(at: Pos) -> Result<(String, Pos), ImportError> {
    Err(refused("error: must specify --patch or --patch-file containing the contents of the patch", at, ""))
}

/// `kubectl apply …`.
pub(crate) fn apply_cmd(words: &[Word], at: Pos, cmd: &Cmd, ctx: &Ctx<'_>) -> Result<Imported, ImportError> {
    let p = parse(words, APPLY_FLAGS, "apply", ctx)?;
    let mut notes = Vec::new();
    if p.changed("subresource") && !p.bool("server-side") {
        return Err(refused(
            "error: --subresource can only be specified for --server-side",
            p.last("subresource").map_or(at, |g| g.word.pos),
            "",
        ));
    }
    if !check_subresource(&p, ctx.minor, at)? {
        return Err(ImportError::Unreadable {
            pos: at,
            message: "without --server-side --subresource=ephemeralcontainers kubectl apply updates the pod itself, and the API server allows no pod update to add ephemeral containers (kubectl 1.32 and newer: kubectl apply --server-side --subresource=ephemeralcontainers -f FILE)".into(),
        });
    }
    let validation = validate_flag(&p, at)?;
    let body = file_body(&p, at, cmd, ctx, "the pod manifest kubectl apply sends")?;
    notes.push("Server-side apply merges the list by name: containers this field manager applied before and left out now would be removed (which the server refuses); ecplay cannot see the pod's managedFields, so it merges as if this manager owned none.".into());
    let mut out = apply(Body::Apply, &body.0, body.1, ctx, &mut notes)?;
    out.form = "kubectl apply --server-side --subresource=ephemeralcontainers".into();
    out.notes.splice(0..0, notes);
    Ok(asking(out, validation))
}

/// `kubectl replace …`.
pub(crate) fn replace(words: &[Word], at: Pos, cmd: &Cmd, ctx: &Ctx<'_>) -> Result<Imported, ImportError> {
    let p = parse(words, REPLACE_FLAGS, "replace", ctx)?;
    let files: Vec<&flags::Given> = p.all("filename").collect();
    if files.is_empty() && !p.changed("kustomize") {
        return Err(refused("error: must specify one of -f and -k", at, ""));
    }
    let raw = p.value("raw").filter(|r| !r.is_empty());
    let mut notes = Vec::new();
    let validation = validate_flag(&p, at)?;
    let (form, validation) = if let Some(raw) = raw {
        if files.len() != 1 {
            return Err(refused("error: --raw can only use a single local file or stdin", at, ""));
        }
        if !raw.starts_with('/') {
            return Err(refused(
                format!("error: --raw must be a valid URL path: parse {}: invalid URI for request", crate::diag::go_quote(raw)),
                p.last("raw").map_or(at, |g| g.word.pos),
                "",
            ));
        }
        check_path(raw, p.last("raw").map_or(at, |g| g.word.pos), ctx, &mut notes)?;
        // rawhttp.RawPut sends the URI as given, whatever --validate says.
        ("kubectl replace --raw", query_validation(raw, &mut notes))
    } else {
        if !check_subresource(&p, ctx.minor, at)? {
            return Err(ImportError::Unreadable {
                pos: at,
                message: "without --subresource=ephemeralcontainers (kubectl 1.32 and newer) or --raw …/ephemeralcontainers, kubectl replace updates the pod itself, and the API server allows no pod update to add ephemeral containers".into(),
            });
        }
        ("kubectl replace --subresource=ephemeralcontainers", validation)
    };
    let body = file_body(&p, at, cmd, ctx, "the pod kubectl replace sends")?;
    let mut out = apply(Body::Put, &body.0, body.1, ctx, &mut notes)?;
    out.form = form.into();
    out.notes.splice(0..0, notes);
    Ok(asking(out, validation))
}

/// The one `-f` file's object (or standard input for `-f -`).
fn file_body(p: &Parsed, at: Pos, cmd: &Cmd, ctx: &Ctx<'_>, what: &str) -> Result<(Value, Pos), ImportError> {
    let files: Vec<&flags::Given> = p.all("filename").collect();
    let Some(g) = files.first() else { return Err(refused("error: must specify --filename", at, "")) };
    let text = if g.value == "-" {
        match &cmd.stdin {
            Some(Stdin::Text(t)) => t.clone(),
            Some(Stdin::File(w)) => read_file(&w.text, w.pos, cmd, ctx, what)?,
            Some(Stdin::Pipe) => {
                return Err(ImportError::Unreadable { pos: g.word.pos, message: "-f - reads what the previous command prints; ecplay runs nothing: give the body in a here-document (<<'EOF' … EOF) or as a file".into() })
            }
            None => return Err(ImportError::NeedFile { path: "-".into(), pos: g.word.pos, what: format!("{what} on standard input") }),
        }
    } else {
        read_file(&g.value, g.word.pos, cmd, ctx, what)?
    };
    let value = crate::node::parse(&text).map(|n| n.to_json()).map_err(|e| ImportError::Unreadable {
        pos: g.word.pos,
        message: format!("{}:{}:{}: {}", g.value, e.pos.line, e.pos.column, e.message),
    })?;
    Ok((value, g.word.pos))
}

fn read_file(path: &str, pos: Pos, _cmd: &Cmd, ctx: &Ctx<'_>, what: &str) -> Result<String, ImportError> {
    (ctx.files)(path).ok_or_else(|| ImportError::NeedFile { path: path.to_owned(), pos, what: what.to_owned() })
}

/// kubectl's `--validate` as `cmdutil.GetValidationDirective` reads it (`strict` when not
/// given, or given without a value): what `kubectl apply` and `kubectl replace -f` send as
/// `fieldValidation`.
fn validate_flag(p: &Parsed, at: Pos) -> Result<FieldValidation, ImportError> {
    let value = p.value("validate").unwrap_or("strict");
    // strconv.ParseBool's spellings first, then the names.
    Ok(match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" | "strict" => FieldValidation::Strict,
        "0" | "f" | "F" | "FALSE" | "false" | "False" | "ignore" => FieldValidation::Ignore,
        "warn" => FieldValidation::Warn,
        other => {
            return Err(refused(
                format!(
                    "error: invalid - validate option {}; must be one of: strict (or true), warn, ignore (or false)",
                    crate::diag::go_quote(other)
                ),
                p.last("validate").map_or(at, |g| g.word.pos),
                "",
            ))
        }
    })
}

/// The `fieldValidation` a URL's query asks for (`k8s.io/apiserver` `pkg/endpoints/handlers/rest.go`:
/// none is `Warn`); a value the server does not take is noted.
fn query_validation(url: &str, notes: &mut Vec<String>) -> FieldValidation {
    let query = url.split('#').next().unwrap_or("").split_once('?').map_or("", |(_, q)| q);
    let given = query.split('&').filter_map(|kv| kv.split_once('=')).filter(|(k, _)| *k == "fieldValidation").map(|(_, v)| v).next_back();
    match given {
        None | Some("") => FieldValidation::Warn,
        Some(v) => FieldValidation::ALL.into_iter().find(|f| f.name() == v).unwrap_or_else(|| {
            notes.push(format!(
                "The URL asks for fieldValidation={v}, which the API server does not take (only Strict, Warn or Ignore, spelled so): it refuses the request."
            ));
            FieldValidation::Warn
        }),
    }
}

/// `out` with the `fieldValidation` its request asks for, and a note when that is not the
/// server's default.
fn asking(mut out: Imported, validation: FieldValidation) -> Imported {
    out.field_validation = validation;
    match validation {
        FieldValidation::Strict => out.notes.push("The request asks for fieldValidation=Strict: a field the server does not know, or one given twice, makes it refuse the whole request (400 BadRequest) instead of dropping it with a warning (`ecplay check --field-validation strict` judges it so).".into()),
        FieldValidation::Ignore => out.notes.push("The request asks for fieldValidation=Ignore: a field the server does not know, or one given twice, is dropped without a warning (`ecplay check --field-validation ignore` judges it so).".into()),
        FieldValidation::Warn => {}
    }
    out
}

/// A request path must be the pod's `ephemeralcontainers` subresource; a note when it names
/// another pod than the one given.
fn check_path(target: &str, pos: Pos, ctx: &Ctx<'_>, notes: &mut Vec<String>) -> Result<(), ImportError> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once("://").map_or(path, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    match parts.as_slice() {
        [.., "api", "v1", "namespaces", ns, "pods", name, "ephemeralcontainers"] => {
            let pod_name = ctx.pod["metadata"]["name"].as_str().unwrap_or("");
            let pod_ns = ctx.pod["metadata"]["namespace"].as_str().unwrap_or("default");
            if *name != pod_name || *ns != pod_ns {
                notes.push(format!(
                    "The request goes to pod {ns}/{name}, not to the pod given ({pod_ns}/{pod_name}); ecplay applies it to the pod given."
                ));
            }
            Ok(())
        }
        _ => Err(ImportError::Unreadable {
            pos,
            message: format!("{path} is not a pod's ephemeralcontainers subresource (/api/v1/namespaces/NS/pods/NAME/ephemeralcontainers)"),
        }),
    }
}

/// `curl …`: the method, the content type, the body and the URL.
pub(crate) fn curl(words: &[Word], at: Pos, cmd: &Cmd, ctx: &Ctx<'_>) -> Result<Imported, ImportError> {
    // curl's options that take a value (curl 8 `--help all`); every other option is a switch.
    const TAKES: &[&str] = &[
        "-X",
        "--request",
        "-H",
        "--header",
        "-d",
        "--data",
        "--data-binary",
        "--data-raw",
        "--data-ascii",
        "--data-urlencode",
        "--json",
        "--url",
        "-o",
        "--output",
        "-u",
        "--user",
        "--cacert",
        "--capath",
        "--cert",
        "-E",
        "--key",
        "--cert-type",
        "--key-type",
        "--retry",
        "--retry-delay",
        "--retry-max-time",
        "-m",
        "--max-time",
        "--connect-timeout",
        "-w",
        "--write-out",
        "-A",
        "--user-agent",
        "-e",
        "--referer",
        "-x",
        "--proxy",
        "--resolve",
        "--connect-to",
        "-b",
        "--cookie",
        "-c",
        "--cookie-jar",
        "--oauth2-bearer",
        "-T",
        "--upload-file",
        "-F",
        "--form",
        "--unix-socket",
        "--abstract-unix-socket",
        "--interface",
        "-K",
        "--config",
        "--limit-rate",
        "-r",
        "--range",
        "--stderr",
        "--trace",
        "--trace-ascii",
        "--pinnedpubkey",
        "--proxy-user",
        "-U",
        "--noproxy",
        "--max-filesize",
        "--expect100-timeout",
        "-z",
        "--time-cond",
        "-Y",
        "--speed-limit",
        "-y",
        "--speed-time",
    ];
    let mut method: Option<String> = None;
    let mut content_type: Option<String> = None;
    let mut data: Vec<(String, Pos, bool)> = Vec::new();
    let mut url: Option<(String, Pos)> = None;
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        i += 1;
        let s = w.text.as_str();
        // curl takes no `--opt=value`: the whole word is the option's name.
        let (opt, attached): (String, Option<String>) = if s.starts_with("--") {
            (s.to_owned(), None)
        } else if s.len() > 1 && s.starts_with('-') {
            // Short options: switches may be grouped (`-sS`); one that takes a value takes the rest of the word.
            let mut opt = None;
            for (k, c) in s[1..].char_indices() {
                let o = format!("-{c}");
                if TAKES.contains(&o.as_str()) {
                    let rest = &s[1 + k + c.len_utf8()..];
                    opt = Some((o, (!rest.is_empty()).then(|| rest.to_owned())));
                    break;
                }
            }
            match opt {
                Some(o) => o,
                None => continue,
            }
        } else {
            if url.is_none() {
                url = Some((s.to_owned(), w.pos));
            }
            continue;
        };
        if !TAKES.contains(&opt.as_str()) {
            continue;
        }
        let value = match attached {
            Some(v) => v,
            None if i < words.len() => {
                i += 1;
                words[i - 1].text.clone()
            }
            None => return Err(ImportError::Unreadable { pos: w.pos, message: format!("curl: option {opt}: requires parameter") }),
        };
        match opt.as_str() {
            "-X" | "--request" => method = Some(value),
            "-H" | "--header" => {
                if let Some((k, v)) = value.split_once(':') {
                    if k.trim().eq_ignore_ascii_case("content-type") {
                        content_type = Some(v.trim().to_owned());
                    }
                }
            }
            "-d" | "--data" | "--data-ascii" => data.push((value, w.pos, true)),
            "--data-binary" => data.push((value, w.pos, false)),
            "--data-raw" => data.push((value, w.pos, false)),
            "--json" => {
                data.push((value, w.pos, false));
                content_type.get_or_insert_with(|| "application/json".to_owned());
            }
            "--url" => url = Some((value, w.pos)),
            "-T" | "--upload-file" => data.push((format!("@{value}"), w.pos, false)),
            _ => {}
        }
    }
    let Some((url, url_pos)) = url else { return Err(ImportError::Unreadable { pos: at, message: "curl: no URL specified".into() }) };
    let mut notes = Vec::new();
    check_path(&url, url_pos, ctx, &mut notes)?;
    let method = method.unwrap_or_else(|| if data.is_empty() { "GET".into() } else { "POST".into() });
    let body_kind = match method.as_str() {
        "PATCH" => match content_type.as_deref().and_then(Body::from_content_type) {
            Some(b) => b,
            None => {
                return Err(refused(
                    "Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json",
                    at,
                    format!("a PATCH needs one of these Content-Type headers; this one sends {}", go_quote(content_type.as_deref().unwrap_or("application/x-www-form-urlencoded"))),
                )
                .server())
            }
        },
        "PUT" => Body::Put,
        other => {
            return Err(ImportError::Unreadable {
                pos: at,
                message: format!("{other} adds nothing: the subresource adds ephemeral containers by PATCH (-X PATCH with a patch Content-Type) or PUT (-X PUT with the whole pod)"),
            })
        }
    };
    let Some((_, pos, _)) = data.first().cloned() else {
        return Err(ImportError::Unreadable { pos: at, message: "no body: give it with --data-binary".into() });
    };
    let mut text = String::new();
    for (k, (d, dpos, strip)) in data.iter().enumerate() {
        if k > 0 {
            text.push('&');
        }
        let part = match d.strip_prefix('@') {
            Some("-") => match &cmd.stdin {
                Some(Stdin::Text(t)) => t.clone(),
                _ => {
                    return Err(ImportError::NeedFile {
                        path: "-".into(),
                        pos: *dpos,
                        what: "the request body curl reads from standard input".into(),
                    })
                }
            },
            Some(path) => read_file(path, *dpos, cmd, ctx, "the request body curl sends")?,
            None => d.clone(),
        };
        // -d and --data-ascii drop line ends from a file (curl's man page).
        text.push_str(&if *strip && d.starts_with('@') { part.replace(['\r', '\n'], "") } else { part });
    }
    let value = crate::node::parse(&text).map(|n| n.to_json()).map_err(|e| {
        refused(format!("Error from server (BadRequest): {}", e.message), pos, "the API server cannot read the body").server()
    })?;
    let mut out = apply(body_kind, &value, pos, ctx, &mut notes)?;
    out.form = format!("curl -X {method} ({})", body_kind.form());
    let validation = query_validation(&url, &mut notes);
    out.notes.splice(0..0, notes);
    Ok(asking(out, validation))
}

/// A bare body: a JSON patch (a list of operations), a whole pod (a PUT), or a strategic merge
/// patch (what `kubectl patch` sends by default).
pub(crate) fn bare(text: &str, ctx: &Ctx<'_>) -> Result<Imported, ImportError> {
    let node = crate::node::parse(text).map_err(|e| ImportError::Unreadable { pos: e.pos, message: e.message })?;
    let value = node.to_json();
    let start = Pos { line: 1, column: 1 };
    let kind = match &value {
        Value::Array(ops) if ops.iter().all(|o| o.get("op").is_some()) => Body::Json,
        Value::Object(m) if m.get("kind").and_then(Value::as_str) == Some("Pod") => Body::Put,
        Value::Object(m) if m.get("spec").is_some() => Body::Strategic,
        _ => {
            return Err(ImportError::Unreadable {
                pos: node.pos,
                message: "neither a kubectl command nor a request body: a body is a patch ({\"spec\": {\"ephemeralContainers\": […]}}), a list of JSON patch operations or a whole Pod; a lone container is checked with ecplay check".into(),
            })
        }
    };
    let mut notes = Vec::new();
    if kind == Body::Strategic {
        notes.push(
            "Read as a strategic merge patch, what kubectl patch sends by default (--type=merge would replace the whole list).".into(),
        );
    }
    let mut out = apply(kind, &value, start, ctx, &mut notes)?;
    out.form = format!("a {} body", kind.form());
    out.notes.splice(0..0, notes);
    Ok(out)
}

impl ImportError {
    fn server(self) -> ImportError {
        match self {
            ImportError::Refused { message, more, pos, why, .. } => ImportError::Refused { message, more, pos, why, server: true },
            e => e,
        }
    }
}

/// Applies the body to the pod and takes the new entries of `spec.ephemeralContainers`.
pub(crate) fn apply(kind: Body, body: &Value, pos: Pos, ctx: &Ctx<'_>, notes: &mut Vec<String>) -> Result<Imported, ImportError> {
    let pod = ctx.pod;
    let result = match kind {
        Body::Strategic => merge::strategic(pod, body, Schema::Pod).map_err(|e| {
            refused(format!("Error from server: {}", e.0), pos, "the API server cannot apply this strategic merge patch to the pod")
                .server()
        })?,
        Body::Merge => merge::merge(pod, body),
        Body::Json => merge::json_patch(pod, body).map_err(|e| {
            refused(
                "The request is invalid: the server rejected our request due to an error in our request",
                pos,
                format!("the JSON patch does not apply to the pod ({}); the API server does not say why", e.0),
            )
            .server()
        })?,
        Body::Apply => {
            // listType=map keyed by name: entries merged by name, as a strategic merge does.
            let list = body.pointer("/spec/ephemeralContainers").cloned().unwrap_or(Value::Null);
            let patch = serde_json::json!({"spec": {"ephemeralContainers": list}});
            merge::strategic(pod, &patch, Schema::Pod).map_err(|e| refused(format!("Error from server: {}", e.0), pos, "").server())?
        }
        Body::Put => {
            let mut out = pod.clone();
            let list = body.pointer("/spec/ephemeralContainers").cloned().unwrap_or(Value::Null);
            if let Some(spec) = out.get_mut("spec").and_then(Value::as_object_mut) {
                spec.insert("ephemeralContainers".into(), list);
            }
            out
        }
    };
    // dropNonEphemeralContainerUpdates: the server keeps nothing but spec.ephemeralContainers.
    if touches_more_than_the_list(pod, &result, body, kind) {
        notes.push(
            "The request changes more of the pod than spec.ephemeralContainers; the API server ignores the rest without a word.".into(),
        );
    }
    let old: Vec<Value> = pod.pointer("/spec/ephemeralContainers").and_then(Value::as_array).cloned().unwrap_or_default();
    let new_list: Vec<Value> = match result.pointer("/spec/ephemeralContainers") {
        Some(Value::Array(a)) => a.clone(),
        None | Some(Value::Null) => Vec::new(),
        Some(other) => {
            return Err(refused(
                format!("Error from server (BadRequest): json: cannot unmarshal {} into Go struct field PodSpec.spec.ephemeralContainers of type []v1.EphemeralContainer", go_type(other)),
                pos,
                "spec.ephemeralContainers must be a list",
            )
            .server())
        }
    };
    let name = |v: &Value| v.get("name").and_then(Value::as_str).map(str::to_owned);
    let old_names: Vec<Option<String>> = old.iter().map(name).collect();
    let mut containers = Vec::new();
    let mut changed = false;
    for entry in &new_list {
        match old.iter().position(|o| name(o) == name(entry) && name(entry).is_some()) {
            None => containers.push(entry.clone()),
            Some(i) if old[i] != *entry => {
                changed = true;
                notes.push(format!(
                    "The request changes the existing ephemeral container {}: the API server refuses that (existing ephemeral containers may not be changed).",
                    go_quote(&name(entry).unwrap_or_default())
                ));
            }
            Some(_) => {}
        }
    }
    for (i, o) in old.iter().enumerate() {
        if !new_list.iter().any(|n| name(n) == old_names[i] && old_names[i].is_some()) {
            changed = true;
            notes.push(format!(
                "The request removes the existing ephemeral container {}: the API server refuses that (existing ephemeral containers may not be removed).",
                go_quote(&name(o).unwrap_or_default())
            ));
        }
    }
    if containers.is_empty() && !changed {
        notes.push("The request adds no ephemeral container: the list is the same afterwards.".into());
    }
    Ok(Imported {
        form: String::new(),
        containers,
        list: changed.then_some(new_list),
        generated_names: Vec::new(),
        notes: std::mem::take(notes),
        field_validation: FieldValidation::Warn,
    })
}

fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "object",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        _ => "array",
    }
}

/// Whether the result differs from the pod outside `spec.ephemeralContainers` (a PUT's body is
/// a whole pod by nature: only its other spec fields that differ count).
fn touches_more_than_the_list(pod: &Value, result: &Value, body: &Value, kind: Body) -> bool {
    let strip = |v: &Value| -> Value {
        let mut v = v.clone();
        if let Some(spec) = v.get_mut("spec").and_then(Value::as_object_mut) {
            spec.remove("ephemeralContainers");
        }
        v
    };
    match kind {
        Body::Put | Body::Apply => {
            let spec: Map<String, Value> = body.get("spec").and_then(Value::as_object).cloned().unwrap_or_default();
            spec.keys().any(|k| k != "ephemeralContainers" && body["spec"][k] != pod["spec"][k])
        }
        _ => strip(pod) != strip(result),
    }
}
