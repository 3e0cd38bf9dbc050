//! `ecplay share`: the share links and embed addresses the playground makes, and `--decode`.
//! tests/e2e/links.test.mjs proves in Chromium that the page makes the same links and opens
//! these.

mod common;

use common::{ecplay, fixture};

use ecplay_core::redact::redact;
use serde_json::Value;

/// The one line `ecplay share` prints, after checking that it succeeded.
fn link(args: &[&str], stdin: Option<&str>) -> String {
    let out = ecplay(&[&["share"], args].concat(), stdin);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    text.trim_end().to_owned()
}

fn decode(url: &str) -> Value {
    let out = ecplay(&["share", "--decode", url, "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

#[test]
fn a_link_holds_the_redacted_pod_and_the_container_as_typed() {
    let (pod, ctr) = (fixture("pods/distroless-app.yaml"), fixture("ephemeral/debugger.yaml"));
    let made = link(&["--pod", &pod, "--ephemeral", &ctr], None);
    assert!(made.starts_with("http://127.0.0.1:8080/#s="), "{made}");
    assert_eq!(link(&["--pod", &pod, "--ephemeral", &ctr, "--redact"], None), made, "redacted by default");
    let v = decode(&made);
    assert_eq!(v["pod"], redact(&read("pods/distroless-app.yaml")).unwrap().text.as_str());
    assert_eq!(v["container"], read("ephemeral/debugger.yaml").as_str());
    assert_eq!((v["base"].as_str(), v["query"].as_str(), v["sample"].clone()), (Some("http://127.0.0.1:8080/"), Some(""), Value::Null));
    assert_eq!(
        (v["shell"].as_str(), v["kubectlVersion"].as_str(), v["tab"].as_str()),
        (Some("posix"), Some("1.37"), Some("kubectl-patch"))
    );

    // What was removed is said, on standard error.
    let out = ecplay(&["share", "--pod", &pod, "--ephemeral", &ctr], None);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(
            "ecplay: note: redacted the pod: removed 1 env value, 1 ConfigMap name, 2 annotations, 5 labels, managedFields, status (but for the phase and each container's state and user, which the hints read)\n"
        ),
        "{said}"
    );

    // Redacting what was redacted changes nothing: a link opened and shared again is the same link.
    let again = link(&["--pod", "-", "--ephemeral", &ctr], Some(v["pod"].as_str().unwrap()));
    assert_eq!(again, made);
}

#[test]
fn the_choices_and_the_address_are_carried() {
    let (pod, ctr) = (fixture("pods/windows-pod.yaml"), fixture("ephemeral/debugger.yaml"));
    let args =
        ["--pod", &pod, "--ephemeral", &ctr, "--no-redact", "--shell", "powershell", "--kubectl-version", "v1.30.2", "--tab", "curl"];
    let full = link(&[&args[..], &["--base", "https://docs.example.com/tools/ecplay/"]].concat(), None);
    let v = decode(&full);
    assert_eq!(v["pod"], read("pods/windows-pod.yaml").as_str(), "as it is");
    assert_eq!((v["shell"].as_str(), v["kubectlVersion"].as_str(), v["tab"].as_str()), (Some("powershell"), Some("1.30"), Some("curl")));
    assert_eq!(v["base"], "https://docs.example.com/tools/ecplay/");

    // An embed's address: the same state, the page's query.
    let embed = link(&[&args[..], &["--base", "https://docs.example.com/tools/ecplay/", "--embed"]].concat(), None);
    assert_eq!(embed, full.replacen("/#s=", "/?embed=1#s=", 1));
    assert_eq!(decode(&embed)["query"], "embed=1");

    // The embed's options, in the order the page writes them, whatever the flags' order.
    let options =
        ["--embed", "--theme", "dark", "--readonly-pod", "--density", "compact", "--show", "export,composer,pod", "--pod-view", "full"];
    let styled = link(&[&args[..], &["--base", "https://docs.example.com/tools/ecplay/"], &options[..]].concat(), None);
    assert_eq!(styled, full.replacen("/#s=", "/?embed=1&show=pod,composer,export&pod=full&density=compact&theme=dark&readonly=pod#s=", 1));
    let out = ecplay(&["share", "--pod", &pod, "--ephemeral", &ctr, "--embed", "--show", "composer,verdicts"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ecplay: --embed: show=composer,verdicts: no part verdicts (the parts are pod, composer, yaml, verdict, diagnostics, export or holds)\n"
    );
    assert_eq!(ecplay(&["share", "--pod", &pod, "--ephemeral", &ctr, "--theme", "dark"], None).status.code(), Some(2), "only with --embed");

    // The address as the page knows it: an empty path is `/`.
    let bare = link(&[&args[..], &["--base", "https://ecplay.example"]].concat(), None);
    assert!(bare.starts_with("https://ecplay.example/#s="), "{bare}");
}

#[test]
fn the_cluster_is_carried_as_check_reads_it() {
    let (pod, ctr) = (fixture("pods/static-pod.yaml"), fixture("ephemeral/debugger.yaml"));
    let plain = link(&["--pod", &pod, "--ephemeral", &ctr], None);
    let same = link(&["--pod", &pod, "--ephemeral", &ctr, "--kube-version", "1.37", "--allow-privileged=true"], None);
    assert_eq!(plain, same, "the default cluster adds nothing to a link");
    assert!(decode(&plain)["labels"].as_object().unwrap().is_empty());

    // A namespace gives its Pod Security labels (and only those); --pod-security wins, mode by mode.
    let dir = std::env::temp_dir().join(format!("ecplay-share-ns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ns = dir.join("ns.yaml");
    std::fs::write(&ns, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: payments\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/audit: restricted\n").unwrap();
    let ns = ns.to_str().unwrap();
    let args = ["--pod", &pod, "--ephemeral", &ctr, "--kube-version", "v1.30.4", "--allow-privileged=false", "--namespace", ns];
    let made = link(&[&args[..], &["--pod-security", "enforce=restricted:v1.29,warn=restricted"]].concat(), None);
    let v = decode(&made);
    assert_eq!((v["kubeVersion"].as_str(), v["allowPrivileged"].as_bool()), (Some("1.30"), Some(false)));
    assert_eq!(
        v["labels"],
        serde_json::json!({
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": "v1.29",
            "pod-security.kubernetes.io/warn": "restricted",
        })
    );
    let text = String::from_utf8(ecplay(&["share", "--decode", &made], None).stdout).unwrap();
    assert!(
        text.contains("\nCluster: Kubernetes 1.30 · Pod Security: enforce restricted:v1.29, warn restricted:latest, audit restricted:latest · privileged containers refused\n  label pod-security.kubernetes.io/audit: restricted\n"),
        "{text}"
    );
    // The link is the one core makes for that cluster (the page makes it with the same function).
    let mut cluster = ecplay_core::Cluster { kube_minor: 30, allow_privileged: false, ..Default::default() };
    cluster.read_namespace(&std::fs::read_to_string(ns).unwrap()).unwrap();
    cluster.set_short_form("enforce=restricted:v1.29,warn=restricted").unwrap();
    let req = ecplay_core::share::Request {
        base: "http://127.0.0.1:8080/",
        embed: None,
        pod: &read("pods/static-pod.yaml"),
        redact: true,
        container: &read("ephemeral/debugger.yaml"),
        shell: ecplay_core::shell::Shell::Posix,
        kubectl_minor: 37,
        tab: ecplay_core::export::Format::KubectlPatch,
        cluster: &cluster,
    };
    assert_eq!(ecplay_core::share::make(&req).unwrap().url, made);
    let bad = ecplay(&[&["share"], &args[..], &["--pod-security", "enforce=strict"]].concat(), None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--pod-security: \"strict\" is not a Pod Security level"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn line_breaks_are_those_of_a_text_area() {
    let ctr = "name: debugger\r\nimage: busybox:1.36\r\n";
    let pod = read("pods/static-pod.yaml");
    let made = link(&["--pod", &fixture("pods/static-pod.yaml"), "--ephemeral", "-", "--no-redact"], Some(ctr));
    let unix = link(&["--pod", "-", "--ephemeral", &fixture("ephemeral/debugger.yaml"), "--no-redact"], Some(&pod));
    assert_ne!(made, unix);
    assert_eq!(decode(&made)["container"], "name: debugger\nimage: busybox:1.36\n");
}

#[test]
fn decode_prints_what_a_person_reviews() {
    let made =
        link(&["--pod", &fixture("pods/static-pod.yaml"), "--ephemeral", "-", "--no-redact"], Some("name: d\nimage: \"\u{1b}[31mred\"\n"));
    let out = ecplay(&["share", "--decode", &made], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Opens the playground at http://127.0.0.1:8080/\nPod: below\nShell: posix\nkubectl: 1.37\nExport shown: kubectl-patch\nCluster: Kubernetes 1.37 · Pod Security: privileged · privileged containers allowed\n\n--- pod ---\napiVersion: v1\n"), "{text}");
    assert!(text.ends_with("\n--- container ---\nname: d\nimage: \"\\u{1b}[31mred\"\n"), "{text}");
    assert!(!text.contains('\u{1b}'), "nothing raw reaches the terminal");
}

#[test]
fn bad_input_is_refused_with_the_reason() {
    let (pod, ctr) = (fixture("pods/static-pod.yaml"), fixture("ephemeral/debugger.yaml"));
    let refused = |args: &[&str], stdin: Option<&str>| {
        let out = ecplay(&[&["share"], args].concat(), stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        String::from_utf8(out.stderr).unwrap()
    };
    assert_eq!(
        refused(&["--pod", &pod, "--ephemeral", &ctr, "--base", "ftp://x/"], None),
        "ecplay: --base \"ftp://x/\" is not an http:// or https:// address\n"
    );
    assert_eq!(
        refused(&["--pod", &pod, "--ephemeral", &ctr, "--base", "https://x/?embed=1"], None),
        "ecplay: --base \"https://x/?embed=1\": the playground's address holds no '?' (give it without query or fragment)\n"
    );
    let said = refused(&["--pod", "-", "--ephemeral", &ctr], Some("a: [unclosed"));
    assert!(
        said.starts_with("ecplay: -: the pod cannot be redacted (") && said.ends_with("); --no-redact puts it in the link as it is\n"),
        "{said}"
    );
    assert!(refused(&["--pod", &pod, "--ephemeral", &ctr, "--kubectl-version", "2.0"], None).contains("not a kubectl version"));
    assert_eq!(
        refused(&["--decode", "https://ecplay.example/#learn"], None),
        "ecplay: this share link cannot be opened: it holds no playground (its address has no #s= part)\n"
    );
    assert_eq!(
        refused(&["--decode", "https://ecplay.example/#s=%%%"], None),
        "ecplay: this share link cannot be opened: it is not base64url text (was the link cut or changed?)\n"
    );
    // Either making or reading.
    let out = ecplay(&["share", "--decode", "x#s=AA", "--pod", &pod], None);
    assert_eq!(out.status.code(), Some(2), "clap refuses both");
}
