//! The fuzz targets' bodies, written once: `fuzz_targets/*.rs` hand them libFuzzer's inputs
//! (`make fuzz`), and `core/tests/fuzz_corpus.rs` replays every file of the committed corpus
//! through them as an ordinary test (`make test`). Each takes raw bytes, read as text with
//! `String::from_utf8_lossy` (the core takes `&str`; the lossy reading is what a caller holding
//! bytes does), and panics only when the core panics or breaks one of its documented promises.
//!
//! Inputs with several parts separate them with the byte [`SEP`] (0xFF), which UTF-8 text never
//! holds, so that a corpus file is the texts themselves, readable in an editor.

use std::borrow::Cow;

use ecplay_core::admission::NamespacePolicy;
use ecplay_core::draft::{self, Draft, EnvRow, MountRow, Profile};
use ecplay_core::export::{self, Format};
use ecplay_core::share::{self, Shared};
use ecplay_core::shell::Shell;
use ecplay_core::FieldValidation;
use ecplay_core::{check_read, gojson, input, node, read_pod, redact, render, Mode, Options};
use serde_json::Value;

/// Separates the parts of one input.
pub const SEP: u8 = 0xFF;

/// The server versions and settings every input is judged with.
fn options() -> [Options; 4] {
    let restricted = |minor| {
        let labels = [
            ("pod-security.kubernetes.io/enforce".to_owned(), "restricted".to_owned()),
            ("pod-security.kubernetes.io/warn-version".to_owned(), "v1.30".to_owned()),
        ]
        .into();
        NamespacePolicy::from_labels(&labels, &Default::default(), minor)
    };
    [
        Options { kube_minor: 37, allow_privileged: true, field_validation: FieldValidation::Warn, pod_security: restricted(37) },
        Options {
            kube_minor: 31,
            allow_privileged: true,
            field_validation: FieldValidation::Strict,
            pod_security: NamespacePolicy::default(),
        },
        Options { kube_minor: 25, allow_privileged: true, field_validation: FieldValidation::Ignore, pod_security: restricted(25) },
        Options {
            kube_minor: 37,
            allow_privileged: false,
            field_validation: FieldValidation::Strict,
            pod_security: NamespacePolicy::default(),
        },
    ]
}

/// kubectl versions on both sides of 1.32, where `--subresource` arrived.
const KUBECTL_MINORS: [u32; 3] = [25, 31, 37];

/// A container for the pods that `redact` makes.
const CONTAINER: &str = "name: debugger\nimage: busybox:1.36\ntargetContainerName: app\nstdin: true\ntty: true\n";

fn text(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// The parts of `data` between [`SEP`] bytes (one part when there is none).
fn parts(data: &[u8]) -> Vec<Cow<'_, str>> {
    data.split(|b| *b == SEP).map(text).collect()
}

/// `check`: a pod text and a containers text (`pod SEP containers`; without a separator the
/// whole input is the pod and there is no container). Both modes and every [`options()`], the
/// summary and the CLI's JSON, then every export for both shells and [`KUBECTL_MINORS`].
pub fn check(data: &[u8]) {
    let (pod_bytes, containers_bytes) = match data.iter().position(|b| *b == SEP) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let (pod_text, containers_text) = (text(pod_bytes), text(containers_bytes));
    let pod = read_pod(&pod_text);
    for mode in [Mode::Append, Mode::Replace] {
        for opts in &options() {
            let report = check_read(&pod, &containers_text, mode, opts);
            // Errors first, then warnings, then infos.
            assert!(report.diagnostics.windows(2).all(|w| w[0].severity <= w[1].severity), "diagnostics out of order");
            let summary = report.summary();
            // kubectl prints the error when the server refuses (and at most warnings otherwise).
            assert!(report.valid() || !summary.is_empty(), "a refusal without kubectl's text");
            assert!(!(report.unusable && report.valid()), "an input that cannot be judged is not valid");
            let json = render::json_report(report.valid(), &report.diagnostics, &summary);
            assert!(serde_json::to_string_pretty(&json).is_ok());
            for d in &report.diagnostics {
                let _ = d.cause();
            }
            if mode == Mode::Append && opts.kube_minor == 37 && opts.allow_privileged {
                exports(&report);
            }
        }
    }
}

fn exports(report: &ecplay_core::Report) {
    let (Some(pod), Some(containers)) = (&report.pod, &report.containers) else { return };
    for shell in [Shell::Posix, Shell::PowerShell] {
        for minor in KUBECTL_MINORS {
            let mut req = export::Request::new(&pod.pod, &containers.containers);
            req.shell = shell;
            req.kubectl_minor = minor;
            for format in Format::ALL {
                let Ok(out) = export::export(&req, format) else { continue };
                match format {
                    // The body kubectl sends is JSON.
                    Format::StrategicPatch => {
                        assert!(serde_json::from_str::<Value>(&out.text).is_ok(), "strategic patch is not JSON: {}", out.text)
                    }
                    // export/yaml.rs: the text reads back to exactly the same value.
                    Format::Yaml if shell == Shell::Posix && minor == 37 => yaml_reads_back(&out.text, &containers.containers),
                    _ => {}
                }
                for f in &out.files {
                    assert!(serde_json::from_str::<Value>(&f.contents).is_ok(), "--custom file is not JSON: {}", f.contents);
                }
            }
        }
    }
}

/// A container as the YAML export and the editor show it: Go's JSON, without empty resources.
fn shown(ec: &ecplay_core::k8s::EphemeralContainer) -> Value {
    let mut v = gojson::marshal(ec);
    if let Value::Object(m) = &mut v {
        if m.get("resources").is_some_and(|r| r.as_object().is_some_and(serde_json::Map::is_empty)) {
            m.remove("resources");
        }
    }
    v
}

/// `text` (the YAML export of `containers`) reads back to the same containers.
fn yaml_reads_back(text: &str, containers: &[ecplay_core::k8s::EphemeralContainer]) {
    let again = match input::read_containers(text, 0) {
        Ok(doc) => doc,
        Err(e) => panic!("the YAML export does not read back: {e}\n{text}"),
    };
    assert!(again.issues.is_empty(), "the YAML export reads back with issues: {:?}\n{text}", again.issues);
    let before: Vec<Value> = containers.iter().map(shown).collect();
    let after: Vec<Value> = again.containers.iter().map(shown).collect();
    assert_eq!(before, after, "the YAML export reads back to other containers:\n{text}");
}

/// `redact`: a pod text. The redacted text must read again, as YAML and, when the original
/// was a pod, as a pod; then it is judged.
pub fn redact(data: &[u8]) {
    let original = text(data);
    let Ok(r) = redact::redact(&original) else { return };
    if let Err(e) = node::parse(&r.text) {
        panic!("the redacted text does not read: {}:{}: {}\n{}", e.pos.line, e.pos.column, e.message, r.text);
    }
    let was_pod = read_pod(&original).is_ok();
    let pod = read_pod(&r.text);
    if was_pod {
        if let Err(e) = &pod {
            panic!("the redacted pod is no longer a pod: {}\n{}", e.message, r.text);
        }
    }
    let _ = check_read(&pod, CONTAINER, Mode::Append, &Options::default());
}

/// `words`: parts separated by [`SEP`]. Each part is split as the form's Command field; the
/// words are joined and split again (`join_words` promises `split_words` gives them back). The
/// first part is also read as containers, each taken into the form and written back
/// (`Draft::from_container` / `apply` keep what the form does not show, and the form reads
/// back the same from what it wrote), with the other parts typed into the form.
pub fn words(data: &[u8]) {
    let parts = parts(data);
    for p in &parts {
        if let Ok(words) = draft::split_words(p) {
            round_trip(&words);
        }
    }
    let all: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
    round_trip(&all);

    let Ok(doc) = input::read_containers(&parts[0], 0) else { return };
    for ec in &doc.containers {
        let d = Draft::from_container(ec);
        let written = d.apply(ec);
        assert_eq!(Draft::from_container(&written), d, "the form reads back other fields from what it wrote");
        assert_eq!(unshown(&written), unshown(ec), "the form lost what it does not show");
        // The YAML editor's text reads back to the container (export/yaml.rs's promise).
        yaml_reads_back(&draft::container_yaml(&written), std::slice::from_ref(&written));

        // The other parts typed into the form.
        let field = |i: usize| parts.get(i).map(|p| p.to_string()).unwrap_or_default();
        let typed = Draft {
            name: field(1),
            image: field(2),
            target: field(3),
            command: field(4),
            args: field(5),
            env: vec![EnvRow { name: field(6), value: field(7) }],
            mounts: vec![MountRow { name: field(8), mount_path: field(9), read_only: parts.len() % 2 == 0 }],
            profile: Profile::ALL.get(parts.len() % 7).copied(),
            stdin: parts.len() % 3 == 0,
            tty: parts.len() % 5 == 0,
            pull_policy: field(10),
        };
        let written = typed.apply(ec);
        assert_eq!(unshown(&written), unshown(ec), "the form lost what it does not show");
        for (typed_words, stored) in [(&typed.command, &written.command), (&typed.args, &written.args)] {
            if let Ok(w) = draft::split_words(typed_words) {
                assert_eq!(stored.clone().unwrap_or_default(), w, "the form's words are not what was typed: {typed_words:?}");
            }
        }
        let shown_again = Draft::from_container(&written);
        for (shown_words, stored) in [(&shown_again.command, &written.command), (&shown_again.args, &written.args)] {
            assert_eq!(draft::split_words(shown_words).as_ref(), Ok(&stored.clone().unwrap_or_default()), "{shown_words:?}");
        }
        yaml_reads_back(&draft::container_yaml(&written), std::slice::from_ref(&written));
    }
}

/// `join_words` gives back text that `split_words` reads as the same words.
fn round_trip(words: &[String]) {
    let joined = draft::join_words(words);
    assert_eq!(draft::split_words(&joined).as_ref(), Ok(&words.to_vec()), "join_words gave {joined:?}");
}

/// The container without the fields the form shows.
fn unshown(ec: &ecplay_core::k8s::EphemeralContainer) -> Value {
    let mut v = gojson::marshal(ec);
    if let Value::Object(m) = &mut v {
        for k in [
            "name",
            "image",
            "targetContainerName",
            "command",
            "args",
            "env",
            "volumeMounts",
            "securityContext",
            "stdin",
            "tty",
            "imagePullPolicy",
        ] {
            m.remove(k);
        }
    }
    v
}

/// `share`: the text a share link decompresses to (the page decompresses it, capped at
/// `limits::MAX_SHARE_BYTES`). What reads as a playground is written again and reads back the
/// same, and its pod and container are judged like any others.
pub fn share(data: &[u8]) {
    let text = text(data);
    assert_eq!(share::unpack(&share::pack(&text)).as_deref(), Ok(&*text), "a packed text unpacks to itself");
    let Ok(shared) = Shared::read(&text) else { return };
    let again = Shared::read(&shared.write()).unwrap_or_else(|e| panic!("a written link does not read back: {e}"));
    assert_eq!(again, shared, "a written link reads back to what it was made of");
    if let Some(pod) = &shared.pod {
        let _ = check_read(&read_pod(pod), &shared.container, Mode::Append, &Options::default());
    }
}

/// The pod every command line is imported against.
const IMPORT_POD: &str = r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"default"},"spec":{"initContainers":[{"name":"init","image":"busybox"}],"containers":[{"name":"app","image":"nginx"}],"ephemeralContainers":[{"name":"old","image":"busybox"}],"securityContext":{"runAsUser":1000}}}"#;

/// `import`: a command line (`line SEP file`: the second part, when there is one, is the text of
/// every file the line names). The shell reader and the import must not panic for kubectl
/// [`KUBECTL_MINORS`]; positions stay inside the text; what is imported is judged; and words
/// quoted by the exports' POSIX quoting (`shell::posix::render`) read back as the same words.
pub fn import(data: &[u8]) {
    let parts = parts(data);
    let line = &parts[0];
    let lines = line.split('\n').count() as u32;
    if let Ok((_, cmds)) = ecplay_core::import::line::read(line) {
        for w in cmds.iter().flat_map(|c| &c.words) {
            assert!(w.pos.line >= 1 && w.pos.line <= lines && w.pos.column >= 1, "a word outside the text: {w:?}");
        }
    }
    let pod: Value = serde_json::from_str(IMPORT_POD).expect("the pod");
    let pod_read = read_pod(IMPORT_POD);
    for minor in KUBECTL_MINORS {
        let mut files = std::collections::BTreeMap::new();
        for _ in 0..4 {
            match ecplay_core::import::import(&pod, line, minor, &files) {
                Err(ecplay_core::import::ImportError::NeedFile { path, .. }) if parts.len() > 1 && !files.contains_key(&path) => {
                    files.insert(path, parts[1].to_string());
                }
                Ok(imported) => {
                    let text = serde_json::to_string(&imported.containers).expect("JSON");
                    let _ = check_read(&pod_read, &text, Mode::Append, &Options::default());
                    break;
                }
                Err(_) => break,
            }
        }
    }
    // Words quoted by the exports read back as themselves.
    let words: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
    let cmd = ecplay_core::shell::Command::new("kubectl", words.clone());
    if let Ok(rendered) = ecplay_core::shell::posix::render(&cmd) {
        let (_, cmds) = ecplay_core::import::line::read(&rendered).unwrap_or_else(|e| panic!("{rendered:?} does not read back: {e:?}"));
        let read: Vec<String> = cmds.into_iter().flat_map(|c| c.words).map(|w| w.text).collect();
        let mut want = vec!["kubectl".to_owned()];
        want.extend(words);
        assert_eq!(read, want, "{rendered:?}");
    }
}

/// A target's body.
pub type Body = fn(&[u8]);

/// The targets by name, for the replay test.
pub const TARGETS: [(&str, Body); 5] = [("check", check), ("redact", redact), ("words", words), ("share", share), ("import", import)];
