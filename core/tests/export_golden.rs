//! Golden tests for every export format, for POSIX shells and PowerShell: the exact text for
//! a sample pod that already has an ephemeral container and one that has none. The expected
//! texts live in `tests/fixtures/golden/`; after a deliberate change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test -p ecplay-core --test export_golden` and review the diff.

use std::path::PathBuf;

use ecplay_core::export::{export, Format, Request};
use ecplay_core::shell::Shell;
use ecplay_core::{check, Mode, Options};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn render(pod_file: &str, ctr_file: &str, format: Format, shell: Shell) -> String {
    let pod = std::fs::read_to_string(root().join(pod_file)).unwrap();
    let ctr = std::fs::read_to_string(root().join(ctr_file)).unwrap();
    let report = check(&pod, &ctr, Mode::Append, &Options::default());
    let (pod, ctrs) = (report.pod.unwrap(), report.containers.unwrap());
    let mut req = Request::new(&pod.pod, &ctrs.containers);
    req.shell = shell;
    let out = export(&req, format).unwrap();
    let mut text = format!("{}\n", out.text);
    for f in &out.files {
        text.push_str(&format!("--- file {}\n{}", f.path, f.contents));
    }
    for n in &out.notes {
        text.push_str(&format!("--- note\n{n}\n"));
    }
    text
}

#[test]
fn every_format_for_every_shell() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let cases = [
        ("with-ec", "tests/fixtures/pods/with-ephemeral-container.yaml", "tests/fixtures/ephemeral/shell-and-mount.yaml"),
        ("no-ec", "tests/fixtures/pods/distroless-app.yaml", "tests/fixtures/ephemeral/tcpdump.json"),
    ];
    let mut mismatches = Vec::new();
    for (name, pod, ctr) in cases {
        for format in Format::ALL {
            for (shell, shell_name) in [(Shell::Posix, "posix"), (Shell::PowerShell, "powershell")] {
                let got = render(pod, ctr, format, shell);
                let path = root().join(format!("tests/fixtures/golden/{name}.{}.{shell_name}.txt", format.name()));
                if update {
                    std::fs::write(&path, &got).unwrap();
                    continue;
                }
                let want =
                    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
                if got != want {
                    mismatches.push(format!("{}:\n--- want\n{want}\n--- got\n{got}", path.display()));
                }
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}
