//! `ecplay`: the core's judgement on the command line, for scripts and CI.
//!
//! Exit codes: 0 the server would accept, 1 it would reject, 2 unusable input.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ecplay_core::embed::{self, Embed};
use ecplay_core::export::{self, Format};
use ecplay_core::import::ImportError;
use ecplay_core::share;
use ecplay_core::shell::{self, Shell};
use ecplay_core::FieldValidation;
use ecplay_core::{
    check, diag::Severity, parse_kube_version, parse_kubectl_version, render, Cluster, Mode, Options, Report, LATEST_KUBE_VERSION,
};

#[derive(Parser)]
#[command(name = "ecplay", version, about = "Judge a Kubernetes ephemeral container against a pod exactly as the API server would")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check ephemeral container(s) against a pod, as the pods/ephemeralcontainers subresource would.
    Check(CheckArgs),
    /// Print one way to apply the container(s): a patch body, a kubectl or curl command, YAML or follow-ups.
    Export(ExportArgs),
    /// Print the share link (or embed address) the playground makes for a pod and container,
    /// or, with --decode, the state a link holds.
    Share(ShareArgs),
    /// Read a kubectl debug|patch|apply|replace or curl command line (or a request body) and
    /// print the ephemeral container(s) it would add: exit 0 imported, 1 kubectl (or the API
    /// server) would refuse it, 2 not a command ecplay can read.
    Import(ImportArgs),
}

#[derive(Args)]
struct ImportArgs {
    /// The pod, as `kubectl get pod NAME -o yaml|json` prints it (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pod: String,
    /// The kubectl that would run the command.
    #[arg(long, value_name = "VERSION", default_value = LATEST_KUBE_VERSION)]
    kubectl_version: String,
    /// What to print: the container(s) as YAML that `check` and `export` take, or JSON
    /// `{"ephemeralContainers": [...], "notes": [...]}`.
    #[arg(long, value_name = "FORMAT", default_value = "yaml", value_parser = ["yaml", "json"])]
    format: String,
    /// The whole command line as one argument (`-` reads it from standard input). Files it
    /// names (`--custom`, `-f`, `--patch-file`, `@file`) are read relative to the working directory.
    #[arg(value_name = "COMMAND_LINE")]
    command_line: String,
}

#[derive(Args)]
#[command(group = clap::ArgGroup::new("make").args(["pod", "ephemeral"]).multiple(true).conflicts_with("decode"))]
struct ShareArgs {
    /// The pod, as pasted into the playground (`-` for standard input).
    #[arg(long, value_name = "FILE", required_unless_present = "decode")]
    pod: Option<String>,
    /// The container(s), as typed into the playground's container YAML (`-` for standard input).
    #[arg(long, value_name = "FILE", required_unless_present = "decode")]
    ephemeral: Option<String>,
    /// Redact the pod as the playground does by default (env values, Secret and ConfigMap
    /// names, annotations, labels, managedFields, status).
    #[arg(long, overrides_with = "no_redact")]
    redact: bool,
    /// Put the pod in the link exactly as it is.
    #[arg(long, overrides_with = "redact")]
    no_redact: bool,
    /// The playground's address: the link opens it.
    #[arg(long, value_name = "URL", default_value = DEFAULT_BASE)]
    base: String,
    /// Print the address of an embed (an iframe's `src`) instead of a link to the full playground.
    #[arg(long)]
    embed: bool,
    /// The parts the embed shows, a comma list of pod, composer, yaml, verdict, diagnostics,
    /// export, holds (default composer,yaml,verdict,diagnostics,export).
    #[arg(long, value_name = "LIST", requires = "embed")]
    show: Option<String>,
    /// How the embed shows the pod, when --show names it.
    #[arg(long, value_name = "VIEW", requires = "embed", value_parser = embed::PodView::ALL.map(embed::PodView::name))]
    pod_view: Option<String>,
    /// The embed's spacing and text size.
    #[arg(long, value_name = "DENSITY", requires = "embed", value_parser = ["compact", "normal"])]
    density: Option<String>,
    /// The embed's colours (default the visitor's system's).
    #[arg(long, value_name = "THEME", requires = "embed", value_parser = embed::Theme::ALL.map(embed::Theme::name))]
    theme: Option<String>,
    /// The embed shows the pod without letting it be edited.
    #[arg(long, requires = "embed")]
    readonly_pod: bool,
    /// The shell the exports are shown for.
    #[arg(long, value_name = "SHELL", default_value = "posix", value_parser = ["posix", "powershell"])]
    shell: String,
    /// The kubectl version the exports are shown for.
    #[arg(long, value_name = "VERSION", default_value = LATEST_KUBE_VERSION)]
    kubectl_version: String,
    /// The export shown.
    #[arg(long, value_name = "FORMAT", default_value = "kubectl-patch", value_parser = share_tab_names())]
    tab: String,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Print the state the share link URL holds instead.
    #[arg(long, value_name = "URL")]
    decode: Option<String>,
    /// Output format of --decode.
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"], requires = "decode")]
    format: String,
}

/// Where `make serve` serves the playground.
const DEFAULT_BASE: &str = "http://127.0.0.1:8080/";

fn share_tab_names() -> Vec<&'static str> {
    share::TABS.iter().map(|f| f.name()).collect()
}

#[derive(Args)]
struct ExportArgs {
    /// The pod, as `kubectl get pod NAME -o yaml|json` prints it (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pod: String,
    /// The container(s) to add (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    ephemeral: String,
    /// What to print.
    #[arg(long = "as", value_name = "FORMAT", value_parser = [
        "strategic-patch", "kubectl-patch", "json-patch", "kubectl-debug", "replace-raw", "curl", "yaml", "follow-ups"])]
    format: String,
    /// The shell the commands are for.
    #[arg(long, value_name = "SHELL", default_value = "posix", value_parser = ["posix", "powershell"])]
    shell: String,
    /// Your kubectl's version.
    #[arg(long, value_name = "VERSION", default_value = LATEST_KUBE_VERSION)]
    kubectl_version: String,
    /// Where to write the `kubectl debug --custom` file when one is needed.
    #[arg(long, value_name = "PATH")]
    custom_file: Option<String>,
}

#[derive(Args)]
#[command(group = clap::ArgGroup::new("containers").required(true).args(["ephemeral", "list"]))]
struct CheckArgs {
    /// The pod, as `kubectl get pod NAME -o yaml|json` prints it (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pod: String,
    /// Container(s) to append to the pod's existing spec.ephemeralContainers (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    ephemeral: Option<String>,
    /// The complete new spec.ephemeralContainers list, as a PUT or an applied patch would leave it.
    #[arg(long, value_name = "FILE")]
    list: Option<String>,
    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    format: String,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// The request's fieldValidation: what the server does with an unknown or repeated field
    /// (kubectl patch and kubectl debug send none, which means warn).
    #[arg(long, value_name = "MODE", default_value = "warn", value_parser = ["strict", "warn", "ignore"])]
    field_validation: String,
}

/// The cluster judged against (`ecplay_core::Cluster`), for `check` and `share`.
#[derive(Args)]
struct ClusterArgs {
    /// The API server's version.
    #[arg(long, value_name = "VERSION", default_value = LATEST_KUBE_VERSION)]
    kube_version: String,
    /// Whether the API server runs with --allow-privileged.
    #[arg(long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    allow_privileged: bool,
    /// The pod's namespace, as `kubectl get ns NAME -o yaml|json` prints it: its Pod Security
    /// labels decide what admission does (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    namespace: Option<String>,
    /// The namespace's Pod Security policy, e.g. `enforce=restricted:v1.30,warn=baseline`; a
    /// mode named here replaces that mode's labels of --namespace.
    #[arg(long, value_name = "MODE=LEVEL[:VERSION],...")]
    pod_security: Option<String>,
}

impl ClusterArgs {
    /// The cluster: the version, --allow-privileged, and the Pod Security labels of
    /// `--namespace` with those `--pod-security` names set over them, mode by mode. A label the
    /// library cannot read is said on standard error.
    fn cluster(&self) -> Result<Cluster, String> {
        let mut cluster =
            Cluster { kube_minor: parse_kube_version(&self.kube_version)?, allow_privileged: self.allow_privileged, ..Cluster::default() };
        if let Some(path) = &self.namespace {
            let text = read_input(path)?;
            cluster.read_namespace(&text).map_err(|e| format!("{path}:{}:{}: {}", e.pos.line, e.pos.column, e.message))?;
        }
        if let Some(spec) = &self.pod_security {
            cluster.set_short_form(spec).map_err(|e| format!("--pod-security: {e}"))?;
        }
        for e in &cluster.policy().errors {
            eprintln!("ecplay: note: the namespace's label {} is invalid ({e}); Pod Security reads it as the library does (an invalid enforce level as restricted, others as privileged, an invalid version as latest)", shown(e.label));
        }
        Ok(cluster)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Export(args) => run_export(&args),
        Command::Import(args) => run_import(&args),
        Command::Share(args) => match &args.decode {
            Some(url) => run_decode(url, &args.format),
            None => run_share(&args),
        },
    }
}

/// Reads a file, or standard input for `-`, as kubectl reads one: UTF-8, or UTF-16 with a
/// byte order mark (`ecplay_core::input::decode_text`).
fn read_input(path: &str) -> Result<String, String> {
    let bytes = if path == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| format!("-: {e}"))?;
        b
    } else {
        std::fs::read(path).map_err(|e| format!("{path}: {e}"))?
    };
    ecplay_core::input::decode_text(&bytes).map_err(|e| format!("{path}: {e}"))
}

fn fail(message: &str) -> ExitCode {
    eprintln!("ecplay: {}", shown(message));
    ExitCode::from(2)
}

/// Text from the input made safe for a terminal: every line as [`shell::visible`] writes it
/// (escape sequences, carriage returns, bidirectional overrides… as `\u{1b}`-style escapes).
fn shown(text: &str) -> String {
    text.split('\n').map(shell::visible).collect::<Vec<_>>().join("\n")
}

fn run_check(args: &CheckArgs) -> ExitCode {
    let field_validation = FieldValidation::from_name(&args.field_validation).unwrap_or_default();
    let inputs = [Some(args.pod.as_str()), args.ephemeral.as_deref().or(args.list.as_deref()), args.cluster.namespace.as_deref()];
    if inputs.iter().filter(|p| **p == Some("-")).count() > 1 {
        return fail("only one of --pod, the containers and --namespace can be read from standard input");
    }
    let opts = match args.cluster.cluster() {
        Ok(c) => Options { field_validation, ..c.options() },
        Err(e) => return fail(&e),
    };
    let (mode, containers_path) = match (&args.ephemeral, &args.list) {
        (Some(p), None) => (Mode::Append, p.as_str()),
        (None, Some(p)) => (Mode::Replace, p.as_str()),
        _ => return fail("give exactly one of --ephemeral and --list"),
    };
    let pod_text = match read_input(&args.pod) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let containers_text = match read_input(containers_path) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    // The pod's text is not needed once it is parsed: a large pod's peak is lower without it.
    let pod = ecplay_core::read_pod_owned(pod_text);
    let report = ecplay_core::check_read(&pod, &containers_text, mode, &opts);
    drop(pod);
    if report.unusable {
        for d in &report.diagnostics {
            let file = match d.source {
                Some(ecplay_core::diag::Source::Pod) => args.pod.as_str(),
                _ => containers_path,
            };
            let (file, message) = (shown(file), shown(&d.message));
            let _ = writeln!(std::io::stderr(), "ecplay: {file}:{}:{}: {message}", d.line.unwrap_or(0), d.column.unwrap_or(0));
        }
        return ExitCode::from(2);
    }
    let out = match args.format.as_str() {
        "json" => {
            let value = render::json_report(report.valid(), &report.diagnostics, &report.summary());
            format!("{}\n", ecplay_core::gojson::escape_invisible(&serde_json::to_string_pretty(&value).unwrap_or_default()))
        }
        _ => text(&report, &args.pod, containers_path, std::io::stdout().is_terminal()),
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    if report.valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// kubectl's error text, then every diagnostic with its place and help.
fn text(report: &Report, pod_file: &str, containers_file: &str, color: bool) -> String {
    let paint = |code: &str, s: &str| if color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_owned() };
    let mut out = String::new();
    let summary = report.summary();
    if !summary.is_empty() {
        out.push_str(&paint("1", &shown(&summary)));
        out.push('\n');
    }
    if report.valid() {
        out.push_str(&paint("32", "The server would accept this ephemeral container."));
        out.push('\n');
    }
    for d in &report.diagnostics {
        let (label, colour) = match d.severity {
            Severity::Error => ("error", "31"),
            Severity::Warning => ("warning", "33"),
            Severity::Info => ("info", "36"),
        };
        let file = match d.source {
            Some(ecplay_core::diag::Source::Pod) => pod_file,
            _ => containers_file,
        };
        let file = shown(file);
        let place = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            _ => file,
        };
        let field = shown(d.field_shown());
        out.push_str(&format!("\n{}[{}] {place}: {field}\n  {}\n", paint(colour, label), d.code, shown(d.message.trim_end())));
        if let Some(help) = &d.help {
            out.push_str(&format!("  {}\n", paint("2", &shown(help))));
        }
    }
    out
}

fn run_export(args: &ExportArgs) -> ExitCode {
    let kubectl_minor = match parse_kubectl_version(&args.kubectl_version) {
        Ok(m) => m,
        Err(e) => return fail(&e),
    };
    if args.pod == "-" && args.ephemeral == "-" {
        return fail("only one of --pod and --ephemeral can be read from standard input");
    }
    let (pod_text, containers_text) = match (read_input(&args.pod), read_input(&args.ephemeral)) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let report = check(&pod_text, &containers_text, Mode::Append, &Options::default());
    if report.unusable {
        for d in &report.diagnostics {
            let file = if d.source == Some(ecplay_core::diag::Source::Pod) { &args.pod } else { &args.ephemeral };
            eprintln!("ecplay: {}:{}:{}: {}", shown(file), d.line.unwrap_or(0), d.column.unwrap_or(0), shown(&d.message));
        }
        return ExitCode::from(2);
    }
    let (Some(pod), Some(containers)) = (&report.pod, &report.containers) else { return fail("nothing to export") };
    if !report.valid() {
        eprintln!("ecplay: warning: the server would reject this container:");
        for line in report.summary().lines() {
            eprintln!("ecplay:   {}", shown(line));
        }
    }
    let format = Format::from_name(&args.format).unwrap_or(Format::KubectlPatch);
    let custom_path = args.custom_file.clone().unwrap_or_else(|| "debug-custom.json".to_owned());
    let unknown: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "D-02" && d.source == Some(ecplay_core::diag::Source::Container))
        .map(|d| d.field.clone())
        .collect();
    let mut request = export::Request::new(&pod.pod, &containers.containers);
    request.unknown_fields = &unknown;
    request.kubectl_minor = kubectl_minor;
    request.shell = if args.shell == "powershell" { Shell::PowerShell } else { Shell::Posix };
    request.custom_file = &custom_path;
    let out = match export::export(&request, format) {
        Ok(out) => out,
        Err(e) => return fail(&e.to_string()),
    };
    if !out.files.is_empty() && args.custom_file.is_none() {
        return fail("this container needs a `kubectl debug --custom` file: pass --custom-file PATH and ecplay writes it there");
    }
    for file in &out.files {
        if let Err(e) = std::fs::write(&file.path, &file.contents) {
            return fail(&format!("{}: {e}", file.path));
        }
        eprintln!("ecplay: wrote {}", shown(&file.path));
    }
    if let Some(blocker) = &out.blocker {
        eprintln!("ecplay: warning: kubectl 1.{kubectl_minor} refuses this command: {}", shown(blocker));
    }
    for note in &out.notes {
        eprintln!("ecplay: note: {}", shown(note));
    }
    eprintln!("ecplay: note: {}", ecplay_core::export::IRREVERSIBLE);
    let _ = writeln!(std::io::stdout(), "{}", out.text);
    ExitCode::SUCCESS
}

/// `ecplay import`: the containers a command line would add to the pod.
fn run_import(args: &ImportArgs) -> ExitCode {
    let kubectl_minor = match parse_kubectl_version(&args.kubectl_version) {
        Ok(m) => m,
        Err(e) => return fail(&e),
    };
    if args.pod == "-" && args.command_line == "-" {
        return fail("only one of --pod and the command line can be read from standard input");
    }
    let line = if args.command_line == "-" { read_input("-") } else { Ok(args.command_line.clone()) };
    let (pod_text, line) = match (read_input(&args.pod), line) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let pod = match ecplay_core::input::read_pod(&pod_text) {
        Ok(pod) => pod.node.to_json(),
        Err(e) => return fail(&format!("{}:{}:{}: {}", args.pod, e.pos.line, e.pos.column, e.message)),
    };
    let source = if args.command_line == "-" { "-" } else { "command line" };
    // The files the command names, read as it asks for them.
    let mut files = std::collections::BTreeMap::new();
    let imported = loop {
        match ecplay_core::import::import(&pod, &line, kubectl_minor, &files) {
            Err(ImportError::NeedFile { path, pos, what }) => {
                if files.contains_key(&path) || path == "-" {
                    return fail(&format!("{source}:{}:{}: {path} is needed ({what}) and cannot be read", pos.line, pos.column));
                }
                match read_input(&path) {
                    Ok(text) => {
                        files.insert(path, text);
                    }
                    Err(e) => return fail(&format!("{source}:{}:{}: {} is needed: {what} ({e})", pos.line, pos.column, path)),
                }
            }
            Err(ImportError::Refused { message, more, pos, why, server }) => {
                eprintln!("{}", shown(&message));
                if let Some(more) = more {
                    eprintln!("{}", shown(&more));
                }
                let who = if server { "the API server would answer this" } else { "kubectl refuses this before sending anything" };
                let why = if why.is_empty() { String::new() } else { format!(": {why}") };
                eprintln!("ecplay: {source}:{}:{}: {who}{}", pos.line, pos.column, shown(&why));
                return ExitCode::from(1);
            }
            Err(ImportError::Unreadable { pos, message }) => return fail(&format!("{source}:{}:{}: {message}", pos.line, pos.column)),
            Ok(imported) => break imported,
        }
    };
    for note in &imported.notes {
        eprintln!("ecplay: note: {}", shown(note));
    }
    let text = if args.format == "json" {
        let mut out = serde_json::Map::new();
        out.insert("ephemeralContainers".into(), serde_json::Value::Array(imported.containers.clone()));
        if let Some(list) = &imported.list {
            out.insert("list".into(), serde_json::Value::Array(list.clone()));
        }
        out.insert("generatedNames".into(), imported.generated_names.iter().map(|i| serde_json::Value::from(*i)).collect());
        out.insert("notes".into(), imported.notes.iter().map(|n| serde_json::Value::String(n.clone())).collect());
        out.insert("fieldValidation".into(), imported.field_validation.name().into());
        ecplay_core::gojson::escape_invisible(&serde_json::to_string_pretty(&serde_json::Value::Object(out)).unwrap_or_default())
            .into_owned()
    } else {
        match imported.containers.as_slice() {
            [one] => export::yaml::to_yaml(one),
            all => export::yaml::to_yaml(&serde_json::Value::Array(all.to_vec())),
        }
    };
    let _ = writeln!(std::io::stdout(), "{}", text.trim_end());
    ExitCode::SUCCESS
}

/// The embed's options from `--show`, `--pod-view`, `--density`, `--theme` and
/// `--readonly-pod`, read as the page reads its address; `None` without `--embed`.
fn embed_options(args: &ShareArgs) -> Result<Option<Embed>, String> {
    if !args.embed {
        return Ok(None);
    }
    let given = [("show", &args.show), ("pod", &args.pod_view), ("density", &args.density), ("theme", &args.theme)];
    let mut pairs: Vec<(String, String)> = given.iter().filter_map(|(k, v)| Some(((*k).to_owned(), (*v).clone()?))).collect();
    if args.readonly_pod {
        pairs.push(("readonly".to_owned(), "pod".to_owned()));
    }
    let (embed, notices) = Embed::from_pairs(pairs, &[]);
    match notices.first() {
        Some(n) => Err(format!("--embed: {n}")),
        None => Ok(Some(embed)),
    }
}

fn run_share(args: &ShareArgs) -> ExitCode {
    let (Some(pod_path), Some(ctr_path)) = (&args.pod, &args.ephemeral) else { return fail("give --pod and --ephemeral (or --decode)") };
    if [Some(pod_path), Some(ctr_path), args.cluster.namespace.as_ref()].iter().filter(|p| p.is_some_and(|p| p == "-")).count() > 1 {
        return fail("only one of --pod, --ephemeral and --namespace can be read from standard input");
    }
    if let Err(e) = share::page_address(&args.base) {
        return fail(&format!("--base {e}"));
    }
    let kubectl_minor = match parse_kubectl_version(&args.kubectl_version) {
        Ok(m) => m,
        Err(e) => return fail(&e),
    };
    let cluster = match args.cluster.cluster() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let (pod, container) = match (read_input(pod_path), read_input(ctr_path)) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let embed = match embed_options(args) {
        Ok(e) => e,
        Err(e) => return fail(&e),
    };
    let req = share::Request {
        base: &args.base,
        embed,
        pod: &pod,
        // As the playground does for a pasted pod: redacted unless asked not to.
        redact: !args.no_redact,
        container: &container,
        shell: if args.shell == "powershell" { Shell::PowerShell } else { Shell::Posix },
        kubectl_minor,
        tab: Format::from_name(&args.tab).unwrap_or(Format::KubectlPatch),
        cluster: &cluster,
    };
    let made = match share::make(&req) {
        Ok(m) => m,
        Err(e) => return fail(&format!("{pod_path}: {e}; --no-redact puts it in the link as it is")),
    };
    if let Some(r) = &made.redacted {
        let removed = if r.removed.is_empty() { "nothing".to_owned() } else { r.removed.join(", ") };
        eprintln!("ecplay: note: redacted the pod: removed {}", shown(&removed));
        for k in &r.kept {
            eprintln!("ecplay: note: kept {}", shown(k));
        }
    }
    if made.long() {
        eprintln!(
            "ecplay: warning: this link is {} characters: many chat tools and mail clients cut links longer than {}",
            made.url.chars().count(),
            share::LONG_LINK
        );
    }
    let _ = writeln!(std::io::stdout(), "{}", made.url);
    ExitCode::SUCCESS
}

fn run_decode(url: &str, format: &str) -> ExitCode {
    let link = match share::read_link(url) {
        Ok(l) => l,
        Err(e) => return fail(&format!("this share link cannot be opened: {e}")),
    };
    let s = &link.shared;
    let shell = if s.shell == Shell::PowerShell { "powershell" } else { "posix" };
    let tab = s.tab.name();
    let out = if format == "json" {
        let v = link.json();
        format!("{}\n", ecplay_core::gojson::escape_invisible(&serde_json::to_string_pretty(&v).unwrap_or_default()))
    } else {
        let mut out = String::new();
        let opens = if link.query.is_empty() { "the playground".to_owned() } else { format!("the playground with ?{}", link.query) };
        out.push_str(&format!("Opens {} at {}\n", shown(&opens), shown(&link.base)));
        match &s.sample {
            Some(id) => out.push_str(&format!("Pod: the sample {}\n", shown(id))),
            None => out.push_str("Pod: below\n"),
        }
        out.push_str(&format!("Shell: {shell}\nkubectl: 1.{}\nExport shown: {tab}\n", s.kubectl_minor));
        out.push_str(&format!("Cluster: {}\n", shown(&s.cluster.summary())));
        for (k, v) in &s.cluster.labels {
            out.push_str(&format!("  label {}: {}\n", shown(k), shown(v)));
        }
        if let Some(pod) = &s.pod {
            out.push_str(&format!("\n--- pod ---\n{}", shown(pod)));
            if !pod.ends_with('\n') {
                out.push('\n');
            }
        }
        out.push_str(&format!("\n--- container ---\n{}", shown(&s.container)));
        if !s.container.ends_with('\n') {
            out.push('\n');
        }
        out
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
