//! Hostile and oversized input through the real binary: every refusal is exit 2 with a located
//! message, never a panic, an abort or exhausted memory; nothing from the input reaches the
//! terminal raw; and `check` stays within 20 times its input in memory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(rel: &str) -> String {
    format!("{}/../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// A directory of its own for generated inputs, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("ecplay-limits-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn ecplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ecplay")).args(args).output().expect("ecplay runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit 2 with `file:line:column: …message…` on standard error and nothing on standard output.
#[track_caller]
fn refused(out: &Output, file: &str, message: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}{}", text(&out.stdout));
    assert!(err.starts_with(&format!("ecplay: {file}:")), "{err}");
    assert!(err.contains(message), "{err}");
    assert!(out.stdout.is_empty());
}

fn debugger() -> String {
    fixture("ephemeral/debugger.yaml")
}

fn pod() -> String {
    fixture("pods/distroless-app.yaml")
}

#[test]
fn a_pod_larger_than_a_cluster_holds_is_refused_before_reading() {
    let s = Scratch::new("big-pod");
    let big = s.file(
        "pod.yaml",
        &format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    a: \"{}\"\n", "x".repeat(25 << 20)),
    );
    refused(&ecplay(&["check", "--pod", &big, "--ephemeral", &debugger()]), &big, "the pod is 25 MiB, more than ecplay reads");
    let body = s.file("c.yaml", &format!("name: d\nimage: busybox\nargs: [\"{}\"]\n", "x".repeat(3 << 20)));
    refused(&ecplay(&["check", "--pod", &pod(), "--ephemeral", &body]), &body, "the API server reads at most 3 MiB of a request body");
}

#[test]
fn aliases_are_limited_as_kubernetes_limits_them() {
    let s = Scratch::new("aliases");
    // 101 KB: ten levels of ten aliases each.
    let mut bomb = format!("a0: &a0 [{}]\n", ["x"; 10].join(", "));
    for i in 1..12 {
        bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
    }
    let bomb = s.file("bomb.yaml", &format!("{bomb}#{}\n", " ".repeat(100 * 1024)));
    refused(&ecplay(&["check", "--pod", &pod(), "--ephemeral", &bomb]), &bomb, "document contains excessive aliasing");
    let long = s.file("long.yaml", &format!("name: d\nimage: &s \"{}\"\nargs: [{}*s]\n", "x".repeat(100 << 10), "*s, ".repeat(9999)));
    refused(&ecplay(&["check", "--pod", &pod(), "--ephemeral", &long]), &long, "its aliases expanded");
    refused(&ecplay(&["check", "--pod", &long, "--ephemeral", &debugger()]), &long, "its aliases expanded");
}

#[test]
fn deep_nesting_is_refused_or_read_without_overflowing() {
    let s = Scratch::new("deep");
    // 20 KB of block sequences: 10000 levels, as deep as Kubernetes reads.
    let deep = s.file("deep.yaml", &format!("{}x\n", "- ".repeat(10_000)));
    refused(&ecplay(&["check", "--pod", &pod(), "--ephemeral", &deep]), &deep, "expected a container object, found a list");
    let deeper = s.file("deeper.yaml", &format!("name: d\nimage: busybox\nargs:\n{}x\n", "- ".repeat(20_000)));
    refused(&ecplay(&["check", "--pod", &pod(), "--ephemeral", &deeper]), &deeper, ":4:");
    assert!(text(&ecplay(&["check", "--pod", &pod(), "--ephemeral", &deeper]).stderr).contains("exceeded max depth of 10000"));
    let json = s.file("deep.json", &format!("{{\"name\":\"d\",\"x\":{}1{}}}", "[".repeat(20_000), "]".repeat(20_000)));
    refused(&ecplay(&["check", "--pod", &pod(), "--ephemeral", &json]), &json, "invalid character '[' exceeded max depth");
    // Within the limit: judged, the deep unknown field reported where it starts.
    let ok = s.file("ok.json", &format!("{{\"name\":\"d\",\"image\":\"busybox\",\"x\":{}1{}}}", "[".repeat(9000), "]".repeat(9000)));
    let out = ecplay(&["check", "--pod", &pod(), "--ephemeral", &ok, "--format", "json", "--field-validation", "strict"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("unknown field \\\"spec.ephemeralContainers[0].x\\\""), "{}", text(&out.stdout));
}

/// Whether a terminal would see a raw control or invisible character (line ends aside).
fn raw_controls(bytes: &[u8]) -> Vec<char> {
    text(bytes).chars().filter(|c| ecplay_core::shell::needs_escape(*c) && *c != '\n').collect()
}

#[test]
fn nothing_from_the_input_reaches_the_terminal_raw() {
    let s = Scratch::new("terminal");
    let hostile = "\u{1b}]0;owned\u{7}\u{1b}[2J\r\u{9b}31m\u{202e}";
    let q = |s: String| serde_json::to_string(&s).unwrap();
    let ctr = s.file(
        &format!("ctr{}.yaml", "\u{1b}[31m"),
        &format!(
            "name: {}\nimage: {}\nports: [{{containerPort: 80}}]\n{}: 1\nenv: [{{name: A, value: {}}}]\nstdin: true\n",
            q(format!("dbg{hostile}")),
            q(format!("busybox{hostile}")),
            q(format!("x{hostile}")),
            q(hostile.to_owned())
        ),
    );
    for format in ["text", "json"] {
        let out = ecplay(&["check", "--pod", &pod(), "--ephemeral", &ctr, "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert_eq!(raw_controls(&out.stdout), [], "{format}: {}", text(&out.stdout));
        assert_eq!(raw_controls(&out.stderr), [], "{format}: {}", text(&out.stderr));
    }
    let custom = s.0.join("custom.json").to_string_lossy().into_owned();
    for format in ["strategic-patch", "kubectl-patch", "json-patch", "kubectl-debug", "replace-raw", "curl", "yaml", "follow-ups"] {
        for shell in ["posix", "powershell"] {
            let out = ecplay(&["export", "--pod", &pod(), "--ephemeral", &ctr, "--as", format, "--shell", shell, "--custom-file", &custom]);
            assert_eq!(raw_controls(&out.stdout), [], "{format} {shell}: {}", text(&out.stdout));
            assert_eq!(raw_controls(&out.stderr), [], "{format} {shell}: {}", text(&out.stderr));
            if let Ok(written) = std::fs::read(&custom) {
                assert_eq!(raw_controls(&written), [], "{format} {shell}");
            }
        }
    }
    let broken = s.file("broken.yaml", &format!("name: [{}\n  - {hostile}", q(hostile.to_owned())));
    let out = ecplay(&["check", "--pod", &pod(), "--ephemeral", &broken]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(raw_controls(&out.stderr), [], "{}", text(&out.stderr));
}

/// Peak memory (maximum resident set, from GNU time) of `ecplay check` on `pod`.
fn peak_kib(pod: &Path) -> u64 {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_ecplay"))
        .args(["check", "--pod"])
        .arg(pod)
        .args(["--ephemeral", &debugger()])
        .output()
        .expect("GNU time (/usr/bin/time, Debian's `time`) runs: `make test` installs it");
    let err = text(&out.stderr);
    err.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or_else(|| panic!("no figure from time: {err}"))
}

/// Dense pods — one short value per line, the shape that costs most per byte — and a pod as
/// clusters print them, in YAML and JSON: the peak above what the binary takes for a small pod
/// stays within 20 times the text.
#[test]
fn check_takes_at_most_twenty_times_its_input_in_memory() {
    let s = Scratch::new("memory");
    let base = peak_kib(Path::new(&pod()));
    let env: String = (0..120_000).map(|i| format!("    - name: E{i}\n      value: v\n")).collect();
    let head = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: dense\n  namespace: default\nspec:\n  containers:\n  - name: app\n    image: busybox\n";
    let dense_yaml = format!("{head}    env:\n{env}");
    let entries: Vec<String> = (0..120_000).map(|i| format!("{{\"name\":\"E{i}\",\"value\":\"v\"}}")).collect();
    let dense_json = format!(
        "{{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{{\"name\":\"dense\"}},\"spec\":{{\"containers\":[{{\"name\":\"app\",\"image\":\"busybox\",\"env\":[{}]}}]}}}}",
        entries.join(",")
    );
    let args: String = (0..400_000).map(|_| "    - a\n").collect();
    let args_yaml = format!("{head}    args:\n{args}");
    let real = std::fs::read_to_string(fixture("pods/init-and-volumes.yaml")).unwrap();
    let containers = real.split("\n  containers:\n").nth(1).unwrap().split("\n  dnsPolicy").next().unwrap();
    let block = format!("{containers}\n");
    let many = real.replacen(&format!("\n  containers:\n{block}"), &format!("\n  containers:\n{}", block.repeat(1000)), 1);
    for (name, content) in [("dense.yaml", dense_yaml), ("dense.json", dense_json), ("args.yaml", args_yaml), ("many.yaml", many)] {
        let path = s.file(name, &content);
        let out = Command::new(env!("CARGO_BIN_EXE_ecplay")).args(["check", "--pod", &path, "--ephemeral", &debugger()]).output().unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{name} is judged: {}", text(&out.stderr));
        let peak = peak_kib(Path::new(&path));
        let input_kib = content.len() as u64 / 1024;
        assert!(input_kib > 1024, "{name} is big enough to measure");
        eprintln!(
            "{name}: {} KiB at peak above a small pod's for {input_kib} KiB of text ({:.1}x)",
            peak.saturating_sub(base),
            peak.saturating_sub(base) as f64 / input_kib as f64
        );
        assert!(
            peak.saturating_sub(base) <= 20 * input_kib,
            "{name}: {peak} KiB at peak ({base} KiB for a small pod) for {input_kib} KiB of text"
        );
    }
}
