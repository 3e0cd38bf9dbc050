//! From a command to the container: a `kubectl debug`, `kubectl patch`, `kubectl apply`,
//! `kubectl replace` or `curl` command line, or a bare request body, read as the shell and
//! kubectl read it, and the ephemeral containers it would add to the pod.
//!
//! [`import`] is the one entry point: the text is split as the shell splits it
//! ([`line`]), the kubectl command's flags parsed as pflag parses them ([`flags`]), and the
//! request built as that kubectl builds it ([`debug`]) or applied as the API server applies it
//! ([`merge`]). kubectl's own refusals come back as [`ImportError::Refused`] with its exact
//! `error: …` line.

pub(crate) mod debug;
pub(crate) mod flags;
pub(crate) mod kubectl;
pub mod line;
pub(crate) mod merge;
pub(crate) mod request;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::node::Pos;
use line::{Cmd, Stdin, Word};

/// What a command line adds.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// Which command it was (`kubectl debug`, `kubectl patch --type=json`, …).
    pub form: String,
    /// The new ephemeral containers, as the request carries them (for `kubectl debug`, as Go
    /// marshals what kubectl built: keys sorted, `resources: {}`).
    pub containers: Vec<Value>,
    /// The whole list the request leaves, when it also changes or removes existing ephemeral
    /// containers (which the server refuses): judge it as the complete new list.
    pub list: Option<Vec<Value>>,
    /// The indexes in `containers` whose name kubectl generates at random.
    pub generated_names: Vec<usize>,
    /// What kubectl prints, generates, ignores or does besides, and what differs by version.
    pub notes: Vec<String>,
    /// What the request asks the server to do with a field it does not know or finds twice:
    /// `kubectl apply` and `kubectl replace -f` send `--validate` (strict unless told
    /// otherwise), a URL its `fieldValidation` query, and every other request none (`Warn`).
    pub field_validation: crate::FieldValidation,
}

/// Why a command line adds nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// kubectl refuses the command before sending anything (or, with `server`, the API server
    /// refuses to apply the request): `message` is its first line, exactly.
    Refused {
        message: String,
        /// kubectl's further lines (`See 'kubectl debug --help' for usage.`).
        more: Option<String>,
        pos: Pos,
        why: String,
        server: bool,
    },
    /// A file the command names is needed: the pod of `-f`, a `--custom` file, a body.
    NeedFile { path: String, pos: Pos, what: String },
    /// Not a command ecplay can read, or one that adds no ephemeral container, and why.
    Unreadable { pos: Pos, message: String },
}

impl ImportError {
    fn with_usage(self, command: &str) -> ImportError {
        match self {
            ImportError::Refused { message, pos, why, server, .. } => {
                ImportError::Refused { message, more: Some(format!("See 'kubectl {command} --help' for usage.")), pos, why, server }
            }
            e => e,
        }
    }

    /// Where in the command line.
    pub fn pos(&self) -> Pos {
        match self {
            ImportError::Refused { pos, .. } | ImportError::NeedFile { pos, .. } | ImportError::Unreadable { pos, .. } => *pos,
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Refused { message, why, .. } if why.is_empty() => f.write_str(message),
            ImportError::Refused { message, why, .. } => write!(f, "{message} ({why})"),
            ImportError::NeedFile { path, what, .. } => write!(f, "{path} is needed: {what}"),
            ImportError::Unreadable { message, .. } => f.write_str(message),
        }
    }
}

fn refused(message: impl Into<String>, pos: Pos, why: impl Into<String>) -> ImportError {
    ImportError::Refused { message: message.into(), more: None, pos, why: why.into(), server: false }
}

/// What every form needs to know.
pub(crate) struct Ctx<'a> {
    /// The pod as JSON, as the server stores it.
    pub pod: &'a Value,
    pub minor: u32,
    /// `NAME=value` before the command.
    pub env: &'a [(String, String)],
    /// The files the user gave, and those the command line itself writes.
    pub files: &'a dyn Fn(&str) -> Option<String>,
}

/// The kubectl versions the import models.
pub const IMPORT_MINORS: std::ops::RangeInclusive<u32> = crate::versions::OLDEST_KUBE_MINOR..=crate::versions::LATEST_KUBE_MINOR;

/// Reads `text` — a command line, several, or a bare request body — and returns the ephemeral
/// containers the request it makes would add to `pod` (its JSON), for kubectl
/// 1.`kubectl_minor`. `files` holds the texts of the files the command names, by the name
/// written in it.
pub fn import(pod: &Value, text: &str, kubectl_minor: u32, files: &BTreeMap<String, String>) -> Result<Imported, ImportError> {
    let result = import_text(pod, text, kubectl_minor, files);
    let Some(note) = invisible_space(text) else { return result };
    match result {
        Ok(mut imported) => {
            imported.notes.push(note);
            Ok(imported)
        }
        Err(ImportError::Refused { message, more, pos, why, server }) => {
            let why = if why.is_empty() { note } else { format!("{}. {note}", why.trim_end_matches('.')) };
            Err(ImportError::Refused { message, more, pos, why, server })
        }
        Err(ImportError::Unreadable { pos, message }) => {
            Err(ImportError::Unreadable { pos, message: format!("{}. {note}", message.trim_end_matches('.')) })
        }
        Err(e) => Err(e),
    }
}

/// What to say of the first character of `text` that looks like a space, or like nothing,
/// and that a shell takes as part of a word: a copy from a web page, a document or a chat
/// often puts a no-break space between words, or a zero-width one in a name.
fn invisible_space(text: &str) -> Option<String> {
    let (line, (column, c)) = text.lines().enumerate().find_map(|(i, l)| {
        l.chars()
            .enumerate()
            .find(|(_, c)| {
                matches!(
                    c,
                    '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200d}' | '\u{202f}' | '\u{205f}' | '\u{2060}' | '\u{3000}' | '\u{feff}'
                )
            })
            .map(|f| (i, f))
    })?;
    let what = match c {
        '\u{a0}' => "a no-break space",
        '\u{200b}' => "a zero-width space",
        '\u{feff}' => "a zero-width no-break space",
        '\u{200c}' | '\u{200d}' | '\u{2060}' => "an invisible joiner",
        _ => "a space other than the plain one",
    };
    Some(format!(
        "The command line holds U+{:04X} ({what}) at {}:{}, which a shell reads as part of a word, not as a space between words (copies from a web page, a document or a chat often hold one): type a plain space there, or delete it.",
        c as u32,
        line + 1,
        column + 1
    ))
}

fn import_text(pod: &Value, text: &str, kubectl_minor: u32, files: &BTreeMap<String, String>) -> Result<Imported, ImportError> {
    let start = Pos { line: 1, column: 1 };
    if !IMPORT_MINORS.contains(&kubectl_minor) {
        return Err(ImportError::Unreadable {
            pos: start,
            message: format!(
                "kubectl 1.{kubectl_minor} is not modelled: ecplay reads commands of kubectl 1.{} to 1.{}",
                IMPORT_MINORS.start(),
                IMPORT_MINORS.end()
            ),
        });
    }
    if text.len() > crate::limits::MAX_REQUEST_BYTES * 2 {
        return Err(ImportError::Unreadable {
            pos: start,
            message: crate::limits::too_large("the command line", text.len(), crate::limits::MAX_REQUEST_BYTES * 2),
        });
    }
    let none: &[(String, String)] = &[];
    let given = |name: &str| files.get(name).cloned();
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') || looks_like_yaml(trimmed) {
        return request::bare(text, &Ctx { pod, minor: kubectl_minor, env: none, files: &given });
    }
    let (dialect, cmds) = line::read(text).map_err(|e| ImportError::Unreadable { pos: e.pos, message: e.message })?;
    // Files the command line writes itself (`cat > dbg.json <<'EOF'`).
    let mut written: BTreeMap<String, String> = BTreeMap::new();
    let mut chosen: Option<&Cmd> = None;
    let mut others = Vec::new();
    for cmd in &cmds {
        let program = program_of(cmd);
        match program.as_deref() {
            Some("cat" | "tee") => {
                if let (Some(Stdin::Text(body)), Some(out)) = (&cmd.stdin, &cmd.stdout) {
                    written.insert(out.text.clone(), body.clone());
                } else if let (Some(Stdin::Text(body)), Some(out)) = (&cmd.stdin, cmd.words.get(1)) {
                    written.insert(out.text.clone(), body.clone());
                }
            }
            Some("kubectl" | "curl") if chosen.is_none() && writes(cmd) => chosen = Some(cmd),
            Some(p) => others.push(p.to_owned()),
            None => {}
        }
    }
    let Some(cmd) = chosen else {
        let pos = cmds.first().map_or(start, |c| c.pos);
        return Err(ImportError::Unreadable {
            pos,
            message: if cmds.is_empty() {
                "no command: paste a kubectl or curl command line, or a request body".into()
            } else {
                "no command here adds an ephemeral container: ecplay reads kubectl debug, kubectl patch|apply|replace with the ephemeralcontainers subresource, and curl -X PATCH|PUT to it".into()
            },
        });
    };
    let lookup = |name: &str| written.get(name).or_else(|| files.get(name)).cloned();
    let ctx = Ctx { pod, minor: kubectl_minor, env: &cmd.env, files: &lookup };
    let words = &cmd.words[kubectl_at(cmd)..];
    let mut imported = if program_of(cmd).as_deref() == Some("curl") {
        request::curl(&words[1..], words[0].pos, cmd, &ctx)?
    } else {
        let (verb_at, rest) = subcommand(words);
        let i = verb_at.unwrap_or(0);
        let mut args: Vec<Word> = words[1..i].to_vec();
        args.extend(rest.iter().cloned());
        let at = words[i].pos;
        match words[i].text.as_str() {
            "debug" => debug::import(&args, at, &ctx)?,
            "patch" => request::patch(&args, at, cmd, &ctx)?,
            "apply" => request::apply_cmd(&args, at, cmd, &ctx)?,
            _ => request::replace(&args, at, cmd, &ctx)?,
        }
    };
    if dialect == line::Dialect::PowerShell && cmd.words.iter().any(|w| w.text.contains('"')) {
        imported.notes.push("Windows PowerShell 5.1 and PowerShell 7.0–7.2 pass an argument's double quotes to kubectl only when they are escaped with a backslash; PowerShell 7.3 and newer pass them as read here.".into());
    }
    if let Some(v) = cmd.env.iter().find(|(k, _)| k.starts_with("KUBECTL_") && k != "KUBECTL_DEBUG_CUSTOM_PROFILE") {
        imported.notes.push(format!("{}={} is set for the command; ecplay does not model it.", v.0, v.1));
    }
    Ok(imported)
}

/// A body written as YAML rather than a command: its first line is `key:` or `- `.
fn looks_like_yaml(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    first.starts_with("---")
        || first.starts_with("- ")
        || first.split_once(':').is_some_and(|(k, rest)| {
            !k.is_empty()
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '$' || c == '/' || c == '_')
                && (rest.is_empty() || rest.starts_with(' '))
        })
}

/// The index of `kubectl` among the command's words (after a PowerShell `&`).
fn kubectl_at(cmd: &Cmd) -> usize {
    usize::from(cmd.words.first().is_some_and(|w| w.text == "&"))
}

/// The program a command runs: `kubectl` for `kubectl`, `kubectl.exe`, `/usr/bin/kubectl`,
/// `.\kubectl.exe`.
fn program_of(cmd: &Cmd) -> Option<String> {
    let w = cmd.words.get(kubectl_at(cmd))?;
    let base = w.text.rsplit(['/', '\\']).next().unwrap_or(&w.text);
    let base = base.strip_suffix(".exe").unwrap_or(base);
    Some(base.to_owned())
}

/// Whether a command is one that writes to the pod (not `kubectl proxy`, `kubectl get`).
fn writes(cmd: &Cmd) -> bool {
    let words = &cmd.words[kubectl_at(cmd)..];
    if program_of(cmd).as_deref() == Some("curl") {
        return true;
    }
    matches!(subcommand(words).0.map(|i| words[i].text.as_str()), Some("debug" | "patch" | "apply" | "replace"))
}

/// The subcommand's index among `words` (`words[0]` is kubectl), skipping global flags and
/// their values as cobra's `stripFlags` does, and the words after it.
fn subcommand(words: &[Word]) -> (Option<usize>, &[Word]) {
    let mut i = 1;
    while i < words.len() {
        let s = words[i].text.as_str();
        if s == "--" {
            return (None, &[]);
        }
        if let Some(long) = s.strip_prefix("--") {
            let takes = !long.contains('=') && flags::GLOBAL.iter().any(|f| f.name == long && !matches!(f.kind, flags::Kind::Bool));
            i += if takes { 2 } else { 1 };
        } else if let Some(short) = s.strip_prefix('-').filter(|s| !s.is_empty()) {
            let takes = short.chars().count() == 1
                && flags::GLOBAL.iter().any(|f| f.short == short.chars().next() && !matches!(f.kind, flags::Kind::Bool));
            i += if takes { 2 } else { 1 };
        } else {
            return (Some(i), &words[i + 1..]);
        }
    }
    (None, &[])
}

/// A container's JSON as Go marshals the `EphemeralContainer` it decodes into: unknown fields
/// dropped, `omitempty` applied, keys sorted, `resources: {}` always.
pub(crate) fn go_container(v: &Value) -> Value {
    let text = serde_json::to_string(v).unwrap_or_default();
    match crate::node::parse(&text) {
        Ok(node) => {
            let (ec, _) = crate::de::decode::<crate::k8s::EphemeralContainer>(&node, "");
            crate::gojson::marshal(&ec.unwrap_or_default())
        }
        Err(_) => v.clone(),
    }
}

#[cfg(test)]
mod tests;
