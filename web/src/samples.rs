//! The sample pods, each as `kubectl get pod -o yaml` prints it.
//!
//! Only the first is built into the app: a first visit shows it without a second request.
//! The others are fetched when picked, from `samples/<id>.yaml` beside the page (`make
//! build` copies them from `tests/fixtures/pods/`), which keeps 10 KB of YAML (gzipped) out
//! of the download. The app knows each one's length and hash, so that it can tell a pod
//! that is an unchanged sample (a share link then names the sample and carries nothing of
//! it) and refuse a fetched text that is not the sample it was built with.

use std::cell::RefCell;
use std::rc::Rc;

pub struct Sample {
    pub id: &'static str,
    pub title: &'static str,
    /// The text's length in bytes and its FNV-1a hash, computed at compile time.
    len: usize,
    hash: u64,
    /// The text, for the sample built in.
    builtin: Option<&'static str>,
}

/// FNV-1a, 64 bits: enough to tell a sample from an edited copy of it.
pub(crate) const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// A sample: its id (the fixture `tests/fixtures/pods/<id>.yaml`, the page's `sample=<id>`)
/// and title. Fetched when picked: only its length and hash are in the app (the text is read
/// at compile time, for them); `built_in` puts the text itself in the app.
macro_rules! sample {
    ($id:literal, $title:literal $(, $built_in:ident)?) => {
        Sample {
            id: $id,
            title: $title,
            len: include_bytes!(concat!("../../tests/fixtures/pods/", $id, ".yaml")).len(),
            hash: fnv1a(include_bytes!(concat!("../../tests/fixtures/pods/", $id, ".yaml"))),
            builtin: sample!(@text $id $(, $built_in)?),
        }
    };
    (@text $id:literal) => { None };
    (@text $id:literal, built_in) => { Some(include_str!(concat!("../../tests/fixtures/pods/", $id, ".yaml"))) };
}

/// The samples, in the order the page lists them: the one list of them. `make build` copies
/// the files these lines name, the browser tests read their ids and titles from here
/// (`tests/e2e/harness.mjs`), and a test below keeps the README's embed options in step.
pub const SAMPLES: &[Sample] = &[
    sample!("distroless-app", "Distroless app", built_in),
    sample!("app-with-sidecar", "App with a sidecar"),
    sample!("shared-process-namespace", "Shared process namespace"),
    sample!("with-ephemeral-container", "Already has an ephemeral container"),
    sample!("static-pod", "Static (mirror) pod"),
    sample!("windows-pod", "Windows pod"),
    sample!("completed-job", "Completed Job pod"),
    sample!("init-and-volumes", "Init containers and volumes (subPath)"),
    sample!("run-as-non-root", "Requires runAsNonRoot"),
];

/// A sample is its id.
impl PartialEq for Sample {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

pub fn find(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}

thread_local! {
    /// The samples fetched so far, by id.
    static FETCHED: RefCell<Vec<(&'static str, Rc<str>)>> = const { RefCell::new(Vec::new()) };
}

impl Sample {
    /// Whether `text` is this sample, unchanged.
    pub fn is(&self, text: &str) -> bool {
        text.len() == self.len && fnv1a(text.as_bytes()) == self.hash
    }

    /// The text, when it is built in or has been fetched.
    pub fn text(&self) -> Option<Rc<str>> {
        if let Some(t) = self.builtin {
            return Some(t.into());
        }
        FETCHED.with_borrow(|f| f.iter().find(|(id, _)| *id == self.id).map(|(_, t)| t.clone()))
    }

    /// Keeps a fetched text when it is this sample's; the error says why not.
    pub fn keep(&'static self, text: &str) -> Result<Rc<str>, String> {
        if !self.is(text) {
            return Err("the server has another version of it (reload the page)".to_owned());
        }
        let text: Rc<str> = text.into();
        FETCHED.with_borrow_mut(|f| f.push((self.id, text.clone())));
        Ok(text)
    }

    /// Where the page fetches the text from, relative to the page.
    pub fn url(&self) -> String {
        format!("samples/{}.yaml", self.id)
    }

    /// The text, fetched when it is not built in or fetched already.
    pub async fn load(&'static self) -> Result<Rc<str>, String> {
        match self.text() {
            Some(t) => Ok(t),
            None => self.keep(&crate::page::fetch_text(&self.url()).await?),
        }
    }
}

/// Images people debug with.
pub const DEBUG_IMAGES: &[&str] = &[
    "busybox:1.36",
    "nicolaka/netshoot:v0.13",
    "ubuntu:24.04",
    "alpine:3.20",
    "registry.k8s.io/e2e-test-images/agnhost:2.53",
    "curlimages/curl:8.10.1",
];

/// A sample's text for the host tests, from the fixture the app is built with.
#[cfg(test)]
pub fn fixture(id: &str) -> Rc<str> {
    std::fs::read_to_string(format!("{}/../tests/fixtures/pods/{id}.yaml", env!("CARGO_MANIFEST_DIR"))).unwrap().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_knows_its_fixture_and_only_an_unchanged_copy_is_it() {
        for s in SAMPLES {
            let text = fixture(s.id);
            assert!(s.is(&text), "{}", s.id);
            assert!(!s.is(&format!("{text} ")), "{}", s.id);
            assert!(!s.is(&text.replacen('a', "b", 1)), "{}", s.id);
            assert_eq!(s.builtin.is_some(), s.id == SAMPLES[0].id);
        }
    }

    #[test]
    fn the_readme_lists_the_samples_an_embed_takes() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
        let row = readme.lines().find(|l| l.starts_with("| `sample=<id>` |")).expect("the README's sample= row");
        let listed: Vec<&str> = row.split('`').skip(3).step_by(2).collect();
        assert_eq!(listed, SAMPLES.iter().map(|s| s.id).collect::<Vec<_>>(), "{row}");
    }

    #[test]
    fn a_fetched_text_is_kept_only_when_it_is_the_sample() {
        let s = find("static-pod").unwrap();
        assert!(s.text().is_none());
        assert_eq!(s.keep("apiVersion: v1\n").unwrap_err(), "the server has another version of it (reload the page)");
        assert!(s.text().is_none());
        let text = fixture("static-pod");
        assert_eq!(&*s.keep(&text).unwrap(), &*text);
        assert_eq!(s.text().as_deref(), Some(&*text));
        assert_eq!(s.url(), "samples/static-pod.yaml");
    }
}
