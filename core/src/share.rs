//! What a share link carries: the playground as JSON text, before the page compresses it into
//! the part of the address after `#s=` (with the browser's own deflate) and after it is
//! decompressed again. One home for the format, so that whatever writes a link (the page, a
//! docs build) and whatever reads one agree on it.

use serde_json::{json, Value};

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
    /// The export tab in view, by its place.
    pub tab: usize,
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
            "tab": self.tab,
        });
        if let Some(pod) = &self.pod {
            v["pod"] = pod.as_str().into();
            v["sample"] = Value::Null;
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
            tab: v.get("tab").and_then(Value::as_u64).and_then(|t| usize::try_from(t).ok()).unwrap_or(0),
        })
    }
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
            tab: 3,
        };
        let text = with_pod.write();
        assert_eq!(
            text,
            r#"{"container":"name: d\n","kubectl":30,"pod":"apiVersion: v1\nkind: Pod\n","sample":null,"shell":"powershell","tab":3,"v":1}"#
        );
        assert_eq!(Shared::read(&text).unwrap(), with_pod);
        let sample = Shared { sample: Some("static-pod".into()), pod: None, shell: Shell::Posix, ..with_pod };
        assert_eq!(Shared::read(&sample.write()).unwrap(), sample);
    }

    #[test]
    fn a_broken_link_says_why() {
        assert!(Shared::read("{not json").unwrap_err().starts_with("it holds no playground"));
        assert_eq!(Shared::read(r#"{"v": 2}"#).unwrap_err(), "it was made by another version of ecplay");
        assert_eq!(Shared::read(r#"{"v": 1, "container": ""}"#).unwrap_err(), "it holds no pod and container");
        assert_eq!(Shared::read(r#"{"v": 1, "pod": "x"}"#).unwrap_err(), "it holds no pod and container");
        let odd = Shared::read(r#"{"v": 1, "pod": "x", "container": "c", "kubectl": 99, "tab": -1, "shell": 7}"#).unwrap();
        assert_eq!((odd.kubectl_minor, odd.tab, odd.shell), (LATEST_KUBE_MINOR, 0, Shell::Posix));
        let old = Shared::read(r#"{"v": 1, "pod": "x", "container": "c", "kubectl": 16}"#).unwrap();
        assert_eq!(old.kubectl_minor, *KUBECTL_MINORS.start());
    }
}
