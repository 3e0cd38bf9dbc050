//! An embed's options: the query of the address a docs page puts in an iframe
//! (`?embed=1&show=composer,verdict,export&density=compact`), read and written in one place,
//! so that the page, `ecplay share --embed` and the npm package agree on every name. An
//! option or value this version does not know is never dropped silently: [`Embed::parse`]
//! says what it ignored, and the page shows it.

use crate::admission::{Level, Version};
use crate::export::Format;
use crate::share::TABS;
use crate::versions::{parse_kube_version, LATEST_KUBE_MINOR};

/// A part of the playground an embed can show (`show=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The pod's text (how: [`PodView`]).
    Pod,
    /// The form: name, image, target, command…
    Composer,
    /// The container's YAML.
    Yaml,
    /// The one-line verdict.
    Verdict,
    Diagnostics,
    Export,
    /// What the pod will hold: the ephemeral containers the server would store.
    Holds,
}

impl Part {
    pub const ALL: [Part; 7] = [Part::Pod, Part::Composer, Part::Yaml, Part::Verdict, Part::Diagnostics, Part::Export, Part::Holds];

    pub fn name(self) -> &'static str {
        match self {
            Part::Pod => "pod",
            Part::Composer => "composer",
            Part::Yaml => "yaml",
            Part::Verdict => "verdict",
            Part::Diagnostics => "diagnostics",
            Part::Export => "export",
            Part::Holds => "holds",
        }
    }

    fn bit(self) -> u8 {
        1 << Part::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// Which parts an embed shows, in the page's own order (a `show=` list's order is not kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts(u8);

impl Parts {
    /// What an embed shows unless told: the container, the verdict, the diagnostics and the
    /// export. The pod is the sample or link's, named above them; `show=pod,…` shows its text.
    pub const DEFAULT: Parts = Parts(0b0011_1110);

    pub fn has(self, p: Part) -> bool {
        self.0 & p.bit() != 0
    }

    pub fn of(parts: &[Part]) -> Parts {
        Parts(parts.iter().fold(0, |bits, p| bits | p.bit()))
    }

    /// The parts, in the page's order.
    pub fn list(self) -> Vec<Part> {
        Part::ALL.into_iter().filter(|p| self.has(*p)).collect()
    }
}

impl Default for Parts {
    fn default() -> Self {
        Parts::DEFAULT
    }
}

/// How the pod is shown (`pod=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PodView {
    /// The whole text, in the editor.
    Full,
    /// The spec, with metadata, managedFields and status folded away (the default).
    #[default]
    Spec,
    /// Not shown, even when `show=` names it.
    Hidden,
}

impl PodView {
    pub const ALL: [PodView; 3] = [PodView::Full, PodView::Spec, PodView::Hidden];

    pub fn name(self) -> &'static str {
        match self {
            PodView::Full => "full",
            PodView::Spec => "spec",
            PodView::Hidden => "hidden",
        }
    }
}

/// The colour scheme (`theme=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// The system's (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// `auto`, `light` or `dark` (`system`, an older name of `auto`, too).
    pub fn from_name(s: &str) -> Option<Theme> {
        if s == "system" {
            return Some(Theme::Auto);
        }
        Theme::ALL.into_iter().find(|t| t.name() == s)
    }
}

/// What an embed's address asks for. [`Default`] is a plain `?embed=1`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Embed {
    pub show: Parts,
    pub pod: PodView,
    /// `density=compact`: tighter spacing and smaller text, for a narrow column.
    pub compact: bool,
    /// `None`: the system's theme, or the visitor's choice in the embed.
    pub theme: Option<Theme>,
    /// The export tab shown first; a share link's state (`#s=`) carries its own.
    pub tab: Option<Format>,
    /// The sample pod, by id (the page knows the ids); a share link's state wins over it.
    pub sample: Option<String>,
    /// `readonly=pod`: the pod is shown, not edited.
    pub readonly_pod: bool,
    /// The cluster's options that read (`kube=1.30`, `allow-privileged=false`,
    /// `psa=restricted`, `psa-version=v1.30`, `psa-warn=baseline`), in the order given; a
    /// share link's state (`#s=`) carries a cluster of its own, which these change.
    pub cluster: Vec<(String, String)>,
}

/// The names [`Embed::parse`] reads.
pub const OPTIONS: [&str; 13] =
    ["embed", "show", "pod", "density", "theme", "tab", "sample", "readonly", "kube", "allow-privileged", "psa", "psa-version", "psa-warn"];

/// `list` as a person reads it: `a, b or c`.
fn either(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

impl Embed {
    /// Reads an address's query (with or without its `?`). `samples` are the ids a `sample=`
    /// may name. Returns the options and a notice for every option or value ignored, each a
    /// short sentence naming what it was and what is known instead.
    pub fn parse(query: &str, samples: &[&str]) -> (Embed, Vec<String>) {
        let pairs = query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()).map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(k), decode_component(v))
        });
        Embed::from_pairs(pairs, samples)
    }

    /// [`Embed::parse`] of options given as names and values, decoded already (the CLI's
    /// flags, the npm package's object).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>, samples: &[&str]) -> (Embed, Vec<String>) {
        let mut e = Embed::default();
        let mut notices = Vec::new();
        for (k, v) in pairs {
            let mut bad = |known: &[&str]| notices.push(format!("{k}={v} is not {} (ignored)", either(known)));
            match k.as_str() {
                "embed" => {}
                "show" => {
                    let mut parts = Vec::new();
                    let mut unknown = Vec::new();
                    for name in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        match Part::ALL.into_iter().find(|p| p.name() == name) {
                            Some(p) => parts.push(p),
                            None => unknown.push(name),
                        }
                    }
                    if !unknown.is_empty() {
                        let known = Part::ALL.map(Part::name);
                        notices.push(format!("show={v}: no part {} (the parts are {})", either(&unknown), either(&known)));
                    }
                    if !parts.is_empty() {
                        e.show = Parts::of(&parts);
                    }
                }
                "pod" => match PodView::ALL.into_iter().find(|p| p.name() == v) {
                    Some(p) => e.pod = p,
                    None => bad(&PodView::ALL.map(PodView::name)),
                },
                "density" => match v.as_str() {
                    "compact" => e.compact = true,
                    "normal" => e.compact = false,
                    _ => bad(&["compact", "normal"]),
                },
                "theme" => match Theme::from_name(&v) {
                    Some(t) => e.theme = Some(t),
                    None => bad(&Theme::ALL.map(Theme::name)),
                },
                // A name, or (as older addresses give it) a place among the tabs.
                "tab" => match TABS.into_iter().find(|f| f.name() == v).or_else(|| TABS.get(v.parse::<usize>().ok()?).copied()) {
                    Some(f) => e.tab = Some(f),
                    None => bad(&TABS.map(Format::name)),
                },
                "sample" => match samples.iter().find(|s| **s == v) {
                    Some(_) => e.sample = Some(v),
                    None => bad(samples),
                },
                "readonly" => match v.as_str() {
                    "pod" => e.readonly_pod = true,
                    _ => bad(&["pod"]),
                },
                "kube" => match parse_kube_version(&v) {
                    Ok(_) => e.cluster.push((k, v)),
                    Err(why) => notices.push(format!("kube={v}: {why} (ignored)")),
                },
                "allow-privileged" => match v.as_str() {
                    "true" | "false" => e.cluster.push((k, v)),
                    _ => bad(&["true", "false"]),
                },
                "psa" | "psa-warn" => match Level::parse(&v).is_some() || (k == "psa-warn" && v == "none") {
                    true => e.cluster.push((k, v)),
                    false if k == "psa" => bad(&["privileged", "baseline", "restricted"]),
                    false => bad(&["privileged", "baseline", "restricted", "none"]),
                },
                "psa-version" => match Version::parse(&v) {
                    Some(_) => e.cluster.push((k, v)),
                    None => bad(&[&format!("latest or v1.{LATEST_KUBE_MINOR}")]),
                },
                _ => notices.push(format!("unknown option {k} (the options are {})", either(&OPTIONS[1..]))),
            }
        }
        (e, notices)
    }

    /// The query that [`Embed::parse`] reads back to these options: `embed=1`, then each
    /// option that is not the default, in the order of [`OPTIONS`].
    pub fn query(&self) -> String {
        let mut q = vec!["embed=1".to_owned()];
        if self.show != Parts::DEFAULT {
            q.push(format!("show={}", self.show.list().iter().map(|p| p.name()).collect::<Vec<_>>().join(",")));
        }
        if self.pod != PodView::default() {
            q.push(format!("pod={}", self.pod.name()));
        }
        if self.compact {
            q.push("density=compact".to_owned());
        }
        if let Some(t) = self.theme {
            q.push(format!("theme={}", t.name()));
        }
        if let Some(f) = self.tab {
            q.push(format!("tab={}", f.name()));
        }
        if let Some(s) = &self.sample {
            q.push(format!("sample={}", encode_component(s)));
        }
        if self.readonly_pod {
            q.push("readonly=pod".to_owned());
        }
        for (k, v) in &self.cluster {
            q.push(format!("{k}={}", encode_component(v)));
        }
        q.join("&")
    }

    /// Whether the pod's text is shown.
    pub fn shows_pod(&self) -> bool {
        self.show.has(Part::Pod) && self.pod != PodView::Hidden
    }
}

/// A pod's YAML cut around its spec, for `pod=spec`: what comes before `spec:` (apiVersion,
/// kind, metadata with its managedFields), the spec, and what comes after (status).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folded<'a> {
    pub before: &'a str,
    pub spec: &'a str,
    pub after: &'a str,
}

impl Folded<'_> {
    /// The top-level keys of a folded part, for its summary: `apiVersion, kind, metadata`.
    pub fn keys(part: &str) -> Vec<&str> {
        part.lines().filter(|l| top_level(l)).filter_map(|l| l.split_once(':').map(|(k, _)| k.trim_matches(['"', '\'']))).collect()
    }
}

/// A line that opens a top-level key of a block YAML mapping.
fn top_level(line: &str) -> bool {
    line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '"' || c == '\'') && line.contains(':')
}

/// The pod's text cut around its top-level `spec:`, as `kubectl get -o yaml` prints a pod;
/// `None` for any other shape (JSON, flow style, no spec), which is then shown whole.
pub fn fold_pod(text: &str) -> Option<Folded<'_>> {
    let mut at = 0;
    let mut start = None;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        match start {
            None if bare == "spec:" || bare.starts_with("spec: #") => start = Some(at),
            Some(s) if top_level(line) || bare == "---" || bare == "..." => {
                return Some(Folded { before: &text[..s], spec: &text[s..at], after: &text[at..] });
            }
            _ => {}
        }
        at += line.len();
    }
    start.map(|s| Folded { before: &text[..s], spec: &text[s..], after: "" })
}

/// `%XX` escapes and `+` of a query value, as a browser's URLSearchParams reads them;
/// anything malformed is kept as it is.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// A query value with everything but unreserved characters percent-encoded.
fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [&str; 2] = ["distroless-app", "static-pod"];

    #[test]
    fn every_option_reads_and_writes_back() {
        let q =
            "?embed=1&show=export,composer,verdict&pod=full&density=compact&theme=dark&tab=kubectl-debug&sample=static-pod&readonly=pod";
        let (e, notices) = Embed::parse(q, &SAMPLES);
        assert_eq!(notices, Vec::<String>::new());
        assert_eq!(
            e,
            Embed {
                show: Parts::of(&[Part::Composer, Part::Verdict, Part::Export]),
                pod: PodView::Full,
                compact: true,
                theme: Some(Theme::Dark),
                tab: Some(Format::KubectlDebug),
                sample: Some("static-pod".into()),
                readonly_pod: true,
                cluster: vec![],
            }
        );
        assert_eq!(
            e.query(),
            "embed=1&show=composer,verdict,export&pod=full&density=compact&theme=dark&tab=kubectl-debug&sample=static-pod&readonly=pod"
        );
        assert_eq!(Embed::parse(&e.query(), &SAMPLES), (e, vec![]));
        assert_eq!(Embed::default().query(), "embed=1");
        assert_eq!(Embed::parse("embed=1", &SAMPLES), (Embed::default(), vec![]));
        assert_eq!(Embed::parse("theme=system", &SAMPLES).0.theme, Some(Theme::Auto));
        assert_eq!(Embed::parse("tab=2", &SAMPLES).0.tab, Some(Format::JsonPatch));
        assert_eq!(Embed::parse("tab=strategic-patch", &SAMPLES).1.len(), 1, "not a tab");
        assert_eq!(Embed::parse("tab=9", &SAMPLES).1.len(), 1);
        assert!(!Embed::parse("show=pod&pod=hidden", &SAMPLES).0.shows_pod());
        assert!(Embed::parse("show=pod", &SAMPLES).0.shows_pod());
        assert!(!Embed::default().shows_pod());
    }

    #[test]
    fn what_is_not_known_is_said_never_dropped_silently() {
        let (e, notices) = Embed::parse("embed=1&sample=distroles-app&tab=kubectl-debgu&theme=purple&colour=red&show=composer,diagnostic&pod=folded&density=tiny&readonly=all", &SAMPLES);
        assert_eq!(
            notices,
            [
                "sample=distroles-app is not distroless-app or static-pod (ignored)",
                "tab=kubectl-debgu is not kubectl-patch, kubectl-debug, json-patch, replace-raw, curl, yaml or follow-ups (ignored)",
                "theme=purple is not auto, light or dark (ignored)",
                "unknown option colour (the options are show, pod, density, theme, tab, sample, readonly, kube, allow-privileged, psa, psa-version or psa-warn)",
                "show=composer,diagnostic: no part diagnostic (the parts are pod, composer, yaml, verdict, diagnostics, export or holds)",
                "pod=folded is not full, spec or hidden (ignored)",
                "density=tiny is not compact or normal (ignored)",
                "readonly=all is not pod (ignored)",
            ]
        );
        let (c, notices) = Embed::parse("kube=1.30&allow-privileged=false&psa=restricted&psa-version=v1.29&psa-warn=none&kube=1.12&psa=strict&psa-version=v2&allow-privileged=no", &SAMPLES);
        let kept = [("kube", "1.30"), ("allow-privileged", "false"), ("psa", "restricted"), ("psa-version", "v1.29"), ("psa-warn", "none")];
        assert_eq!(c.cluster, kept.map(|(k, v)| (k.to_owned(), v.to_owned())));
        assert_eq!(c.query(), "embed=1&kube=1.30&allow-privileged=false&psa=restricted&psa-version=v1.29&psa-warn=none");
        assert_eq!(notices.len(), 4, "{notices:?}");
        assert!(notices[0].starts_with("kube=1.12: Kubernetes 1.12 is not modelled"), "{notices:?}");
        assert_eq!(notices[1], "psa=strict is not privileged, baseline or restricted (ignored)");
        assert_eq!(notices[2], format!("psa-version=v2 is not latest or v1.{LATEST_KUBE_MINOR} (ignored)"));
        // What was understood still applies.
        assert_eq!(e, Embed { show: Parts::of(&[Part::Composer]), ..Embed::default() });
        let (e, notices) = Embed::parse("show=nothing", &SAMPLES);
        assert_eq!((e.show, notices.len()), (Parts::DEFAULT, 1));
    }

    #[test]
    fn a_pod_folds_around_its_spec() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  managedFields:\n  - manager: kubectl\nspec:\n  containers:\n  - name: app\nstatus:\n  phase: Running\n";
        let f = fold_pod(pod).unwrap();
        assert_eq!(f.before, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  managedFields:\n  - manager: kubectl\n");
        assert_eq!(f.spec, "spec:\n  containers:\n  - name: app\n");
        assert_eq!(f.after, "status:\n  phase: Running\n");
        assert_eq!((Folded::keys(f.before), Folded::keys(f.after)), (vec!["apiVersion", "kind", "metadata"], vec!["status"]));
        assert_eq!(fold_pod("kind: Pod\nspec:\n  x: 1").unwrap().after, "");
        assert_eq!(fold_pod("{\"kind\": \"Pod\", \"spec\": {}}"), None);
        assert_eq!(fold_pod("kind: Pod\nmetadata:\n  spec:\n"), None, "only a top-level spec");
        let sample = include_str!("../../tests/fixtures/pods/distroless-app.yaml");
        let f = fold_pod(sample).unwrap();
        assert_eq!([f.before, f.spec, f.after].concat(), sample);
        assert!(f.spec.starts_with("spec:\n") && f.after.starts_with("status:\n"));
    }

    #[test]
    fn query_values_are_read_as_a_browser_reads_them() {
        assert_eq!(decode_component("a%20b+c%zz%4"), "a b c%zz%4");
        assert_eq!(decode_component("%E2%9C%93"), "✓");
        assert_eq!(Embed::parse("show=composer%2Cexport", &SAMPLES).0.show, Parts::of(&[Part::Composer, Part::Export]));
        assert_eq!(encode_component("a b/ü"), "a%20b%2F%C3%BC");
        let odd = Embed { sample: Some("a b".into()), ..Embed::default() };
        assert_eq!(Embed::parse(&odd.query(), &["a b"]).0, odd);
    }
}
