//! What a share link carries, and the link itself: the playground as JSON text ([`Shared`]),
//! deflated and written in base64url after `#s=` ([`link`]). One home for the format, so that
//! whatever writes a link (`ecplay share`, a docs build) writes the same bytes for the same
//! state, and whatever reads one agrees on it.
//!
//! The deflate is miniz_oxide's, in this crate, not a browser's `CompressionStream`: browsers
//! (and versions of one) may deflate the same text into different bytes, which would make a
//! link depend on where it was made. Any deflate reads back the same, so the page reads links
//! with the browser's `DecompressionStream` (no inflater in its first download); [`unpack`] is
//! the reader for everything else, with the same limit.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine as _};
use serde_json::{json, Value};

use crate::cluster::Cluster;
use crate::diag::go_quote;
use crate::embed::Embed;
use crate::export::Format;
use crate::limits::MAX_SHARE_BYTES;
use crate::shell::Shell;
use crate::versions::{KUBECTL_MINORS, LATEST_KUBE_MINOR};

/// The format's version, the `v` of every link; a link of another version is refused.
pub const VERSION: u64 = 1;

/// A shared playground.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    /// The sample the pod is, when it is an unchanged sample: the link then carries its id
    /// rather than its text.
    pub sample: Option<String>,
    /// The pod's text, when it is not a sample.
    pub pod: Option<String>,
    pub container: String,
    pub shell: Shell,
    pub kubectl_minor: u32,
    /// The export in view, written by its name (`kubectl-debug`).
    pub tab: Format,
    /// The cluster judged against, its keys written only when they are not the default
    /// ([`Cluster::write`]): a link for the default cluster is the link of a version that
    /// knew no cluster, and such links read as the default.
    pub cluster: Cluster,
}

/// The shell as a link names it.
fn shell_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Posix => "posix",
        Shell::PowerShell => "powershell",
    }
}

impl Shared {
    /// The link's JSON text: keys in order, the pod's text only when there is no sample.
    pub fn write(&self) -> String {
        let mut v = json!({
            "v": VERSION,
            "sample": self.sample,
            "container": self.container,
            "shell": shell_name(self.shell),
            "kubectl": self.kubectl_minor,
            "tab": self.tab.name(),
        });
        if let Some(pod) = &self.pod {
            v["pod"] = pod.as_str().into();
            v["sample"] = Value::Null;
        }
        if let Value::Object(map) = &mut v {
            self.cluster.write(map);
        }
        v.to_string()
    }

    /// A link's JSON text, read back. The message says what is wrong with it, to follow
    /// "This link cannot be opened: ".
    pub fn read(text: &str) -> Result<Shared, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| format!("it holds no playground ({e})"))?;
        if v.get("v").and_then(Value::as_u64) != Some(VERSION) {
            return Err("it was made by another version of ecplay".to_owned());
        }
        let pod = v.get("pod").and_then(Value::as_str).map(str::to_owned);
        let sample = v.get("sample").and_then(Value::as_str).map(str::to_owned).filter(|_| pod.is_none());
        let container = v.get("container").and_then(Value::as_str);
        let (Some(container), true) = (container, pod.is_some() || sample.is_some()) else {
            return Err("it holds no pod and container".to_owned());
        };
        // A kubectl version outside [`KUBECTL_MINORS`] is brought to the nearest.
        let kubectl = v
            .get("kubectl")
            .and_then(Value::as_u64)
            .map_or(LATEST_KUBE_MINOR, |m| u32::try_from(m).unwrap_or(u32::MAX).clamp(*KUBECTL_MINORS.start(), *KUBECTL_MINORS.end()));
        Ok(Shared {
            sample,
            pod,
            container: container.to_owned(),
            shell: if v.get("shell").and_then(Value::as_str) == Some("powershell") { Shell::PowerShell } else { Shell::Posix },
            kubectl_minor: kubectl,
            tab: read_tab(v.get("tab")),
            cluster: Cluster::read(&v),
        })
    }
}

/// The playground's export tabs in the order it lists them. Links once gave the tab by its
/// place in this list ([`read_tab`] still reads them): keep the order.
pub const TABS: [Format; 7] =
    [Format::KubectlPatch, Format::KubectlDebug, Format::JsonPatch, Format::ReplaceRaw, Format::Curl, Format::Yaml, Format::FollowUps];

/// A link's (or a kept playground's) `tab`: one of [`TABS`] by its name, or by its place in
/// the list (older links); the first tab otherwise.
pub fn read_tab(v: Option<&Value>) -> Format {
    let by_name = v.and_then(Value::as_str).and_then(Format::from_name).filter(|f| TABS.contains(f));
    let by_place = || v.and_then(Value::as_u64).and_then(|i| TABS.get(usize::try_from(i).ok()?).copied());
    by_name.or_else(by_place).unwrap_or(TABS[0])
}

/// What comes after `#` in a share link, before the packed state.
pub const PREFIX: &str = "s=";

/// Links longer than this are cut or refused by some chat tools and mail clients: whatever
/// makes a longer link says so.
pub const LONG_LINK: usize = 2000;

/// base64url read as browsers' `atob` reads it: with or without padding, and whatever the
/// unused bits of the last character.
const READ_BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true).with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// How hard [`pack`] compresses: zlib's default level, which browsers' `CompressionStream` uses.
const LEVEL: u8 = 6;

/// `text` (a [`Shared::write`]) deflated (raw deflate, RFC 1951) and written in base64url (the
/// URL-safe alphabet, no padding): what follows `#s=`.
pub fn pack(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), LEVEL))
}

/// What [`pack`] (or any raw deflate in base64url) made, back, read up to
/// [`MAX_SHARE_BYTES`] as the page reads it. The message says what is wrong, to follow
/// "This share link cannot be opened: ".
pub fn unpack(packed: &str) -> Result<String, String> {
    // Deflate's worst case (stored blocks: 5 bytes more per 65535) of the limit, in base64:
    // no state ecplay reads packs into a longer text.
    let max = MAX_SHARE_BYTES;
    let longest = (max + 5 * max.div_ceil(65535) + 5).div_ceil(3) * 4;
    if packed.len() > longest {
        return Err(format!("it is longer than any ecplay makes ({} characters)", packed.len()));
    }
    let bytes = READ_BASE64URL.decode(packed).map_err(|_| "it is not base64url text (was the link cut or changed?)".to_owned())?;
    let text = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, max).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => format!("it expands to more than {} MiB", max >> 20),
        _ => "it does not decompress (was the link cut short?)".to_owned(),
    })?;
    String::from_utf8(text).map_err(|_| "it does not decompress (was the link cut short?)".to_owned())
}

/// The link to the full playground at `base` (the page's address without query or fragment,
/// `https://ecplay.example/`) that opens the state `text` (a [`Shared::write`]).
pub fn link(base: &str, text: &str) -> String {
    format!("{base}#{PREFIX}{}", pack(text))
}

/// The address of an embed of the state `text` (a [`Shared::write`]) served from `base`,
/// with the options `embed` (the query: `?embed=1&…`).
pub fn embed_link(base: &str, embed: &Embed, text: &str) -> String {
    format!("{base}?{}#{PREFIX}{}", embed.query(), pack(text))
}

/// A share link's parts: the address before its query, the query (without `?`, empty when
/// there is none), and the state its fragment carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub base: String,
    pub query: String,
    pub shared: Shared,
}

impl Link {
    /// What the link holds as one JSON object, for review before it is published
    /// (`ecplay share --decode --format json`, the npm package's `decodeLink`): `base`,
    /// `query`, `sample`, `pod`, `container`, `shell`, `kubectlVersion`, `tab`,
    /// `kubeVersion`, `allowPrivileged` and the namespace's Pod Security `labels`.
    pub fn json(&self) -> Value {
        let s = &self.shared;
        json!({
            "base": self.base,
            "query": self.query,
            "sample": s.sample,
            "pod": s.pod,
            "container": s.container,
            "shell": shell_name(s.shell),
            "kubectlVersion": format!("1.{}", s.kubectl_minor),
            "tab": s.tab.name(),
            "kubeVersion": format!("1.{}", s.cluster.kube_minor),
            "allowPrivileged": s.cluster.allow_privileged,
            "labels": s.cluster.labels,
        })
    }
}

/// Reads a share link (or an embed's address) made by [`link`], [`embed_link`] or the page.
/// The message says what is wrong, to follow "This share link cannot be opened: ".
pub fn read_link(url: &str) -> Result<Link, String> {
    let url = url.trim();
    let (address, fragment) = url.split_once('#').unwrap_or((url, ""));
    let Some(packed) = fragment.strip_prefix(PREFIX) else {
        return Err("it holds no playground (its address has no #s= part)".to_owned());
    };
    let (base, query) = address.split_once('?').unwrap_or((address, ""));
    let shared = Shared::read(&unpack(packed)?)?;
    Ok(Link { base: base.to_owned(), query: query.to_owned(), shared })
}

/// `text` as a page's text area holds it: a text area's value has every line break as
/// `\n` (`\r\n` and a lone `\r` become `\n`), so a file written on Windows makes the same link
/// as one written elsewhere.
pub fn as_typed(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The playground's address as a page knows itself (`location.origin + location.pathname`):
/// `base` checked, and with the `/` of an empty path. The message names what is wrong.
pub fn page_address(base: &str) -> Result<String, String> {
    let Some((scheme, rest)) = base.split_once("://").filter(|(s, r)| matches!(*s, "http" | "https") && !r.is_empty()) else {
        return Err(format!("{base_q} is not an http:// or https:// address", base_q = go_quote(base)));
    };
    if let Some(c) = base.chars().find(|c| matches!(c, '?' | '#') || c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{base_q}: the playground's address holds no {c:?} (give it without query or fragment)",
            base_q = go_quote(base)
        ));
    }
    Ok(if rest.contains('/') { base.to_owned() } else { format!("{scheme}://{rest}/") })
}

/// A link to make, as the Share panel makes it for a pasted pod.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The playground's address ([`page_address`] checks it).
    pub base: &'a str,
    /// An embed's address with these options, rather than a link to the full playground.
    pub embed: Option<Embed>,
    /// The pod's text, as pasted.
    pub pod: &'a str,
    /// Redact the pod first ([`crate::redact`]), as the Share panel does by default.
    pub redact: bool,
    /// The container's YAML, as typed.
    pub container: &'a str,
    pub shell: Shell,
    pub kubectl_minor: u32,
    pub tab: Format,
    pub cluster: &'a Cluster,
}

/// A link made by [`make`], and what redaction took out of the pod.
#[derive(Clone, Debug, PartialEq)]
pub struct Made {
    pub url: String,
    pub redacted: Option<crate::redact::Redacted>,
}

impl Made {
    /// Longer than [`LONG_LINK`].
    pub fn long(&self) -> bool {
        self.url.chars().count() > LONG_LINK
    }
}

/// The link (or embed address) the page makes for `req`: texts as a text area holds them
/// ([`as_typed`]), the pod redacted when asked. Fails on an address that is not one, and on a
/// pod to redact that is not YAML (a link without its pod opens nothing useful).
pub fn make(req: &Request<'_>) -> Result<Made, String> {
    let base = page_address(req.base)?;
    let pod = as_typed(req.pod);
    let (pod, redacted) = if req.redact {
        let r = crate::redact::redact(&pod).map_err(|e| format!("the pod cannot be redacted ({e})"))?;
        (r.text.clone(), Some(r))
    } else {
        (pod, None)
    };
    let tab = if TABS.contains(&req.tab) { req.tab } else { TABS[0] };
    let text = Shared {
        sample: None,
        pod: Some(pod),
        container: as_typed(req.container),
        shell: req.shell,
        kubectl_minor: req.kubectl_minor,
        tab,
        cluster: req.cluster.clone(),
    }
    .write();
    let url = match &req.embed {
        Some(e) => embed_link(&base, e, &text),
        None => link(&base, &text),
    };
    Ok(Made { url, redacted })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_back_to_what_it_was_made_of() {
        let with_pod = Shared {
            sample: None,
            pod: Some("apiVersion: v1\nkind: Pod\n".into()),
            container: "name: d\n".into(),
            shell: Shell::PowerShell,
            kubectl_minor: 30,
            tab: Format::ReplaceRaw,
            cluster: Cluster::default(),
        };
        let text = with_pod.write();
        assert_eq!(
            text,
            r#"{"container":"name: d\n","kubectl":30,"pod":"apiVersion: v1\nkind: Pod\n","sample":null,"shell":"powershell","tab":"replace-raw","v":1}"#
        );
        assert_eq!(Shared::read(&text).unwrap(), with_pod);
        let sample = Shared { sample: Some("static-pod".into()), pod: None, shell: Shell::Posix, ..with_pod };
        assert_eq!(Shared::read(&sample.write()).unwrap(), sample);
    }

    #[test]
    fn a_link_carries_the_cluster_when_it_is_not_the_default() {
        let mut cluster = Cluster { kube_minor: 30, allow_privileged: false, ..Cluster::default() };
        cluster.set_short_form("enforce=restricted,warn=restricted").unwrap();
        let shared = Shared {
            sample: Some("static-pod".into()),
            pod: None,
            container: "name: d\n".into(),
            shell: Shell::Posix,
            kubectl_minor: 37,
            tab: Format::KubectlPatch,
            cluster,
        };
        let text = shared.write();
        assert_eq!(
            text,
            r#"{"allowPrivileged":false,"container":"name: d\n","kube":30,"kubectl":37,"labels":{"pod-security.kubernetes.io/enforce":"restricted","pod-security.kubernetes.io/warn":"restricted"},"sample":"static-pod","shell":"posix","tab":"kubectl-patch","v":1}"#
        );
        assert_eq!(Shared::read(&text).unwrap(), shared);
        // A link of a version that knew no cluster is the default cluster's.
        let old = Shared::read(r#"{"v": 1, "sample": "static-pod", "container": "c"}"#).unwrap();
        assert_eq!(old.cluster, Cluster::default());
    }

    #[test]
    fn a_link_is_the_state_deflated_in_base64url() {
        let text = Shared {
            sample: Some("static-pod".into()),
            pod: None,
            container: "name: d\n".into(),
            shell: Shell::Posix,
            kubectl_minor: 37,
            tab: Format::KubectlPatch,
            cluster: Cluster::default(),
        }
        .write();
        // The bytes every maker of links writes (a change of the deflate changes every link).
        let made = link("https://ecplay.example/", &text);
        assert_eq!(made, "https://ecplay.example/#s=Lcs7CoAwEIThq8jUWoiFkLPYbJKFBPPCrCKId3cLy3_45oGrRSgWPmBQKLMZ_FYwYj8tO0kwyzqiU26JVXQhiW5q1SvpgZMCtNrjrS1ktf7j1Ehc0PWCmd8P");
        assert_eq!(embed_link("https://ecplay.example/", &Embed::default(), &text), made.replacen("/#", "/?embed=1#", 1));
        let compact = Embed { compact: true, ..Embed::default() };
        assert_eq!(embed_link("https://ecplay.example/", &compact, &text), made.replacen("/#", "/?embed=1&density=compact#", 1));
        let read = read_link(&made).unwrap();
        assert_eq!((read.base.as_str(), read.query.as_str(), read.shared.write()), ("https://ecplay.example/", "", text.clone()));
        assert_eq!(read_link(&embed_link("http://127.0.0.1:8080/", &compact, &text)).unwrap().query, "embed=1&density=compact");
        // Any raw deflate reads: this one is zlib's (level 6), as a browser's CompressionStream makes it.
        let zlib =
            "LcsxCoAwEETRq8jUsRALYc9is8aFBGMSzCqCeHe3sPzDmwe-ZOWY5QAh8y7UrXOGw3Yu4jWBxsmh8V6TmGjKGn1fy2qkBUkGUEuLt7XyYvUf-8rqg60XaHg_";
        assert_eq!(unpack(zlib).unwrap(), text);
        for text in ["", "a", &"apiVersion: v1\n".repeat(10_000), "ünïcödé \u{1b}[31m\0"] {
            assert_eq!(unpack(&pack(text)).unwrap(), text);
        }
    }

    #[test]
    fn an_unreadable_link_says_why() {
        let err = |url: &str| read_link(url).unwrap_err();
        assert_eq!(err("https://ecplay.example/"), "it holds no playground (its address has no #s= part)");
        assert_eq!(err("https://ecplay.example/#learn-no-ports"), "it holds no playground (its address has no #s= part)");
        assert_eq!(err("https://ecplay.example/#s=a+b"), "it is not base64url text (was the link cut or changed?)");
        assert_eq!(err("https://ecplay.example/#s=AAAA"), "it does not decompress (was the link cut short?)");
        let cut = pack(&"x".repeat(1000));
        assert_eq!(err(&format!("x#s={}", &cut[..cut.len() / 8 * 4])), "it does not decompress (was the link cut short?)");
        assert!(err(&format!("x#s={}", pack("{not json"))).starts_with("it holds no playground"));
        // A bomb: a little text that expands beyond the limit is refused when it gets there.
        let bomb = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_SHARE_BYTES + 1], 9));
        assert!(bomb.len() < 100_000, "{}", bomb.len());
        assert_eq!(unpack(&bomb).unwrap_err(), format!("it expands to more than {} MiB", MAX_SHARE_BYTES >> 20));
        assert!(unpack(&"A".repeat(40 << 20)).unwrap_err().starts_with("it is longer than any ecplay makes ("));
        assert_eq!(as_typed("a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn a_broken_link_says_why() {
        assert!(Shared::read("{not json").unwrap_err().starts_with("it holds no playground"));
        assert_eq!(Shared::read(r#"{"v": 2}"#).unwrap_err(), "it was made by another version of ecplay");
        assert_eq!(Shared::read(r#"{"v": 1, "container": ""}"#).unwrap_err(), "it holds no pod and container");
        assert_eq!(Shared::read(r#"{"v": 1, "pod": "x"}"#).unwrap_err(), "it holds no pod and container");
        let odd = Shared::read(r#"{"v": 1, "pod": "x", "container": "c", "kubectl": 99, "tab": -1, "shell": 7}"#).unwrap();
        assert_eq!((odd.kubectl_minor, odd.tab, odd.shell), (LATEST_KUBE_MINOR, Format::KubectlPatch, Shell::Posix));
        let old = Shared::read(r#"{"v": 1, "pod": "x", "container": "c", "kubectl": 16}"#).unwrap();
        assert_eq!(old.kubectl_minor, *KUBECTL_MINORS.start());
    }

    #[test]
    fn the_tab_is_read_by_name_or_by_its_old_place() {
        let tab = |t: &str| Shared::read(&format!(r#"{{"v": 1, "pod": "x", "container": "c", "tab": {t}}}"#)).unwrap().tab;
        assert_eq!(tab(r#""kubectl-debug""#), Format::KubectlDebug);
        assert_eq!(tab(r#""follow-ups""#), Format::FollowUps);
        assert_eq!(tab("1"), Format::KubectlDebug);
        assert_eq!(tab("3"), Format::ReplaceRaw);
        assert_eq!(tab("6"), Format::FollowUps);
        assert_eq!(tab("7"), Format::KubectlPatch);
        assert_eq!(tab(r#""strategic-patch""#), Format::KubectlPatch, "not a tab");
        assert_eq!(tab(r#""nonsense""#), Format::KubectlPatch);
    }
}
