//! Executable models of what becomes of the text `shell` writes, for the tests: a reader for the
//! subset of PowerShell that `shell::powershell` writes (`tokenizer.cs` rules), what each
//! PowerShell hands the program (7.3+ `Standard`, the legacy binders of 5.1 and of 7.0–7.2 in
//! `NativeCommandParameterBinder.cs`), cmd.exe reading the command line again for a `.cmd`
//! wrapper, the Windows command-line parsers of Go (kubectl) and msvcrt; and real POSIX shells,
//! including an interactive bash that reads a paste through a terminal.
//!
//! The reader accepts only the statements the renderer writes and panics on anything else, so
//! a text that would run something more (another statement, an expression in a string) fails.

use std::collections::BTreeMap;

/// A word of a PowerShell command as the parser reads it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Word {
    Str(String),
    /// `$ecplayN`
    Var(String),
    /// `"@$ecplayN"`
    AtVar(String),
}

/// One line of a PowerShell script.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Statement {
    /// `$v = [IO.Path]::GetTempFileName()`
    TempFile(String),
    /// `[IO.File]::WriteAllText($v, '…')`
    Write(String, String),
    Run {
        program: String,
        args: Vec<Word>,
    },
    /// `Remove-Item $a, $b`
    Remove(Vec<String>),
    /// `$env:NAME = '…'`
    SetEnv(String, String),
    /// `Remove-Item Env:NAME`
    UnsetEnv(String),
    Comment(String),
}

const SINGLE: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'];
const DOUBLE: [char; 4] = ['"', '\u{201C}', '\u{201D}', '\u{201E}'];

struct Reader {
    chars: Vec<char>,
    i: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn next(&mut self) -> char {
        let c = *self.chars.get(self.i).unwrap_or_else(|| panic!("unexpected end of line: {:?}", self.text()));
        self.i += 1;
        c
    }

    fn eat(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        if self.chars.len() >= self.i + n && self.chars[self.i..self.i + n].iter().copied().eq(s.chars()) {
            self.i += n;
            return true;
        }
        false
    }

    fn text(&self) -> String {
        self.chars.iter().collect()
    }

    fn done(&self) -> bool {
        self.i == self.chars.len()
    }

    fn string(&mut self) -> String {
        let open = self.next();
        let mut out = String::new();
        if SINGLE.contains(&open) {
            loop {
                let c = self.next();
                if SINGLE.contains(&c) {
                    match self.peek() {
                        Some(d) if SINGLE.contains(&d) => out.push(self.next()),
                        _ => return out,
                    }
                } else {
                    out.push(c);
                }
            }
        }
        assert!(DOUBLE.contains(&open), "expected a string at {} of {:?}", self.i, self.text());
        loop {
            let c = self.next();
            if DOUBLE.contains(&c) {
                match self.peek() {
                    Some(d) if DOUBLE.contains(&d) => out.push(self.next()),
                    _ => return out,
                }
            } else if c == '`' {
                out.push(match self.next() {
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'v' => '\u{b}',
                    'e' | 'u' => panic!("`e and `u{{}} do not exist in Windows PowerShell 5.1"),
                    d => d,
                });
            } else if c == '$' {
                assert!(self.eat("([char]0x"), "only $([char]0xNN) may follow $ in a double-quoted string: {:?}", self.text());
                let mut hex = String::new();
                while self.peek() != Some(')') {
                    hex.push(self.next());
                }
                assert!(self.eat(")") && (2..=4).contains(&hex.len()), "{hex:?}");
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            } else {
                out.push(c);
            }
        }
    }

    fn bare(&mut self) -> String {
        let start = self.i;
        while self.peek().is_some_and(|c| c != ' ') {
            self.i += 1;
        }
        let word: String = self.chars[start..self.i].iter().collect();
        let b = word.as_bytes();
        let ok = match b {
            [c, rest @ ..] if c.is_ascii_alphabetic() || *c == b'_' => {
                rest.iter().all(|b| b.is_ascii_alphanumeric() || b"_.:/=+-".contains(b))
            }
            [b'-', b'-', c, rest @ ..] if c.is_ascii_alphanumeric() => {
                rest.iter().all(|b| b.is_ascii_alphanumeric() || b"_.:/=+-".contains(b))
            }
            [b'-', c, rest @ ..] if c.is_ascii_alphabetic() => rest.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-'),
            _ => false,
        };
        assert!(ok, "{word:?} is not a word PowerShell passes unchanged");
        word
    }

    fn variable(&mut self) -> String {
        assert!(self.eat("$ecplay"), "expected a file variable in {:?}", self.text());
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        assert!(self.i > start, "a file variable is numbered");
        format!("$ecplay{}", self.chars[start..self.i].iter().collect::<String>())
    }

    fn argument(&mut self) -> Word {
        if self.peek() == Some('$') {
            return Word::Var(self.variable());
        }
        if self.eat("\"@") {
            let v = self.variable();
            assert!(self.eat("\""));
            return Word::AtVar(v);
        }
        match self.peek().unwrap() {
            c if SINGLE.contains(&c) || DOUBLE.contains(&c) => {
                let s = self.string();
                assert_ne!(s, "--%", "a string --% is the stop-parsing token");
                Word::Str(s)
            }
            c => {
                assert!(!"@(".contains(c), "no expressions are written: {:?}", self.text());
                Word::Str(self.bare())
            }
        }
    }

    fn command(&mut self) -> Statement {
        let program = if self.eat("& ") {
            self.string()
        } else {
            let p = self.bare();
            assert!(!p.starts_with('-'));
            p
        };
        let mut args = Vec::new();
        while !self.done() {
            assert!(self.eat(" "), "arguments are separated by one space at {} of {:?}", self.i, self.text());
            args.push(self.argument());
        }
        Statement::Run { program, args }
    }
}

/// Reads a script the renderer wrote, line by line; panics on anything else.
pub(crate) fn read_script(text: &str) -> Vec<Statement> {
    assert!(
        !text.chars().any(|c| crate::shell::needs_escape(c) && c != '\n'),
        "only \\n may end a line, and no other control or invisible character is raw: {text:?}"
    );
    let mut out = Vec::new();
    for line in text.split('\n') {
        let mut r = Reader { chars: line.chars().collect(), i: 0 };
        let statement = if r.eat("# ") {
            let rest: String = r.chars[r.i..].iter().collect();
            r.i = r.chars.len();
            assert_eq!(crate::shell::visible(&rest), rest, "a comment holds only visible text");
            Statement::Comment(rest)
        } else if r.eat("$env:") {
            let start = r.i;
            while r.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                r.i += 1;
            }
            let name: String = r.chars[start..r.i].iter().collect();
            assert!(r.eat(" = "), "{line:?}");
            Statement::SetEnv(name, r.string())
        } else if r.eat("Remove-Item Env:") {
            let name: String = r.chars[r.i..].iter().collect();
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{line:?}");
            r.i = r.chars.len();
            Statement::UnsetEnv(name)
        } else if r.peek() == Some('$') {
            let v = r.variable();
            assert!(r.eat(" = [IO.Path]::GetTempFileName()"), "{line:?}");
            Statement::TempFile(v)
        } else if r.eat("[IO.File]::WriteAllText(") {
            let v = r.variable();
            assert!(r.eat(", "));
            let s = r.string();
            assert!(r.eat(")"));
            Statement::Write(v, s)
        } else if r.eat("Remove-Item ") {
            let mut vars = vec![r.variable()];
            while r.eat(", ") {
                vars.push(r.variable());
            }
            Statement::Remove(vars)
        } else {
            r.command()
        };
        assert!(r.done(), "unexpected text after a statement: {line:?}");
        out.push(statement);
    }
    out
}

/// How the values of a command reach the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Legacy {
    /// Windows PowerShell 5.1: counts every `"`, never doubles trailing backslashes.
    V51,
    /// PowerShell 7.0–7.2 (and 7.3+ in `Legacy` mode, or `Windows` mode for a `.cmd`): skips
    /// `"` right after a backslash, doubles trailing backslashes.
    V70,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// 7.3+ `Standard`, or `Windows` for an `.exe`: `ArgumentList`, read back exactly.
    Standard,
    /// Legacy passing to an `.exe`, read by Go's and msvcrt's command-line parsers.
    Legacy(Legacy),
    /// Legacy passing to a `.cmd` wrapper that runs `kubectl.exe %*`.
    CmdWrapper(Legacy),
}

pub(crate) const MODES: [Mode; 5] =
    [Mode::Standard, Mode::Legacy(Legacy::V51), Mode::Legacy(Legacy::V70), Mode::CmdWrapper(Legacy::V51), Mode::CmdWrapper(Legacy::V70)];

/// A temporary path as `GetTempFileName` gives it, in a profile folder with a space.
fn temp_path(var: &str) -> String {
    format!(r"C:\Users\Ann Lee\AppData\Local\Temp\tmp{}.tmp", var.trim_start_matches("$ecplay"))
}

/// What a script does when run in `mode`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Ran {
    /// The contents of each file written, in order.
    pub files: Vec<String>,
    /// Each program run, with the argv it received (file paths as `@FILE1`, `@FILE2`…).
    pub commands: Vec<(String, Vec<String>)>,
    /// The environment variables set for the programs, in order.
    pub env: Vec<(String, String)>,
}

/// Runs a script through the models. File paths in the argv are written `FILE1`, `FILE2`, …
/// (what the test expects) after checking that the program received the real path.
pub(crate) fn run(text: &str, mode: Mode) -> Ran {
    let mut files: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut ran = Ran::default();
    let mut removed = false;
    let mut unset: Vec<String> = Vec::new();
    for statement in read_script(text) {
        assert!(!removed || matches!(statement, Statement::UnsetEnv(_)), "only variables are unset after the files are removed");
        match statement {
            Statement::Comment(_) => {}
            Statement::SetEnv(name, value) => ran.env.push((name, value)),
            Statement::UnsetEnv(name) => unset.push(name),
            Statement::TempFile(v) => assert!(files.insert(v, None).is_none(), "one file per variable"),
            Statement::Write(v, contents) => {
                let slot = files.get_mut(&v).expect("written after it is made");
                assert!(slot.replace(contents.clone()).is_none(), "written once");
                ran.files.push(contents);
            }
            Statement::Remove(vars) => {
                assert_eq!(vars, files.keys().cloned().collect::<Vec<_>>(), "every file is removed");
                removed = true;
            }
            Statement::Run { program, args } => {
                let values: Vec<String> = args
                    .iter()
                    .map(|w| match w {
                        Word::Str(s) => s.clone(),
                        Word::Var(v) => {
                            assert!(files.get(v).is_some_and(Option::is_some), "{v} is written before it is read");
                            temp_path(v)
                        }
                        Word::AtVar(v) => format!("@{}", temp_path(v)),
                    })
                    .collect();
                let argv = match mode {
                    Mode::Standard => values,
                    Mode::Legacy(version) => windows_argv(&legacy_command_line(&values, version)),
                    Mode::CmdWrapper(version) => windows_argv(&cmd_wrapper(&legacy_command_line(&values, version))),
                };
                let named = argv
                    .into_iter()
                    .map(|a| {
                        let mut a = a;
                        for v in files.keys() {
                            a = a.replace(&temp_path(v), &format!("FILE{}", v.trim_start_matches("$ecplay")));
                        }
                        a
                    })
                    .collect();
                ran.commands.push((program, named));
            }
        }
    }
    assert!(files.is_empty() || removed, "the temporary files are removed");
    assert_eq!(unset, ran.env.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(), "every variable set is removed");
    ran
}

/// Whether legacy passing puts quotes around `arg`.
fn need_quotes(arg: &str, version: Legacy) -> bool {
    let (mut quotes, mut after_backslash) = (0, false);
    for c in arg.chars() {
        if c == '"' && !(version == Legacy::V70 && after_backslash) {
            quotes += 1;
        } else if c.is_whitespace() && quotes % 2 == 0 {
            return true;
        }
        after_backslash = c == '\\';
    }
    false
}

/// The command line (after the program) legacy passing builds from the values.
pub(crate) fn legacy_command_line(values: &[String], version: Legacy) -> String {
    let mut parts = Vec::new();
    for arg in values.iter().filter(|a| !a.is_empty()) {
        if need_quotes(arg, version) {
            let trailing = arg.len() - arg.trim_end_matches('\\').len();
            let doubled = if version == Legacy::V70 { "\\".repeat(trailing) } else { String::new() };
            parts.push(format!("\"{arg}{doubled}\""));
        } else {
            parts.push(arg.clone());
        }
    }
    parts.join(" ")
}

/// cmd.exe reading `kubectl.cmd <line>` and running `kubectl.exe %*`: it expands `%NAME%`
/// anywhere and acts on `& | < > ^` outside double quotes. The model refuses both (a real cmd
/// would change the line or run something else) and otherwise passes the line on as it is.
pub(crate) fn cmd_wrapper(line: &str) -> String {
    let mut quoted = false;
    for c in line.chars() {
        assert_ne!(c, '%', "cmd.exe would expand % in {line:?}");
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            assert!(!"&|<>^".contains(c), "cmd.exe would act on {c:?} in {line:?}");
        }
    }
    line.to_owned()
}

/// The argv Go (kubectl, `os/exec_windows.go` `commandLineToArgv`) reads from a command line,
/// checked to be what msvcrt reads too.
pub(crate) fn windows_argv(line: &str) -> Vec<String> {
    let go = parse_windows(line, true);
    assert_eq!(go, parse_windows(line, false), "Go and msvcrt read {line:?} differently");
    go
}

/// Go's rule (pre-2008: `""` inside quotes is a quote and ends the quoting) or msvcrt's (2008+:
/// a quote, and quoting goes on).
pub(crate) fn parse_windows(line: &str, go: bool) -> Vec<String> {
    let c: Vec<char> = line.chars().collect();
    let mut args = Vec::new();
    let mut i = 0;
    loop {
        while i < c.len() && (c[i] == ' ' || c[i] == '\t') {
            i += 1;
        }
        if i == c.len() {
            return args;
        }
        let mut arg = String::new();
        let mut in_quotes = false;
        while i < c.len() {
            let mut backslashes = 0;
            while i < c.len() && c[i] == '\\' {
                backslashes += 1;
                i += 1;
            }
            if i < c.len() && c[i] == '"' {
                arg.extend(std::iter::repeat_n('\\', backslashes / 2));
                if backslashes % 2 == 1 {
                    arg.push('"');
                    i += 1;
                } else if in_quotes && c.get(i + 1) == Some(&'"') {
                    arg.push('"');
                    i += 2;
                    if go {
                        in_quotes = false;
                    }
                } else {
                    in_quotes = !in_quotes;
                    i += 1;
                }
                continue;
            }
            arg.extend(std::iter::repeat_n('\\', backslashes));
            if i == c.len() || (!in_quotes && (c[i] == ' ' || c[i] == '\t')) {
                break;
            }
            arg.push(c[i]);
            i += 1;
        }
        args.push(arg);
    }
}

// ---- POSIX: real shells ---------------------------------------------------------------------

/// The POSIX shells text is run through: dash as `/bin/sh`, bash, and an interactive bash that
/// reads the text as a paste through a terminal (`tests/support/paste.py`): its line editor
/// acts on control characters, and a carriage return is Enter; or as a bracketed paste, which
/// bash 5.1+ asks terminals for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Posix {
    Sh,
    Bash,
    BashPaste,
    BashBracketedPaste,
}

pub(crate) const POSIX: [Posix; 4] = [Posix::Sh, Posix::Bash, Posix::BashPaste, Posix::BashBracketedPaste];

/// A directory of its own under the system's temp dir, removed on drop.
pub(crate) struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub(crate) fn new() -> TempDir {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!("ecplay-shell-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
        std::fs::create_dir(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `script` with `shell` in `dir`; panics unless it exits 0.
pub(crate) fn run_posix(shell: Posix, script: &str, dir: &std::path::Path) {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut p = match shell {
        Posix::Sh => Command::new("/bin/sh"),
        Posix::Bash => Command::new("bash"),
        Posix::BashPaste | Posix::BashBracketedPaste => {
            let mut c = Command::new("python3");
            c.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/support/paste.py"));
            if shell == Posix::BashBracketedPaste {
                c.arg("--bracketed");
            }
            c
        }
    };
    p.current_dir(dir).env("HOME", dir).stdout(Stdio::piped()).stderr(Stdio::piped());
    match shell {
        Posix::Sh | Posix::Bash => {
            p.arg("-c").arg(script).stdin(Stdio::null());
        }
        Posix::BashPaste | Posix::BashBracketedPaste => {
            p.stdin(Stdio::piped());
        }
    }
    let mut child = p.spawn().unwrap_or_else(|e| panic!("{shell:?} must be installed: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(script.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{shell:?} failed on {script:?}:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
