//! Turning commands into text a user pastes into a shell.
//!
//! Commands are built as typed argv lists ([`Command`]); this module is the one place where an
//! argv, a comment or a file a command reads becomes shell text, with one submodule per shell:
//! [`posix`] (bash, zsh, sh/dash) and [`powershell`] (Windows PowerShell 5.1 and PowerShell 7,
//! whatever their argument passing).
//!
//! The promise: every string in every field (program and arguments) reaches the program byte for
//! byte when the text is pasted, whatever it holds: quotes, `$()`, backticks, `!`, newlines,
//! control characters, unicode, leading dashes, empty strings, glob characters; and nothing but
//! the intended programs runs. A comment holds one line of visible text ([`visible`]). The one
//! string no shell can carry is one with a NUL character, because the operating system ends
//! every argument at its first NUL; that is a [`QuoteError`], never a silently shortened
//! argument. PowerShell adds the arguments that no text passes unchanged to every version of
//! it (see [`powershell`]): those are a [`QuoteError`] too, and bodies go through files there.
//!
//! [`ADVERSARIAL`] is the table of hostile strings every renderer is tested against; other tests
//! may reuse it.

use std::borrow::Cow;
use std::fmt;

#[cfg(test)]
#[path = "shell_models.rs"]
pub(crate) mod models;

/// A program and its arguments, exactly as the program receives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    pub program: String,
    pub args: Vec<String>,
}

impl Command {
    /// A command from anything string-like.
    pub fn new<S: Into<String>>(program: impl Into<String>, args: impl IntoIterator<Item = S>) -> Self {
        Command { program: program.into(), args: args.into_iter().map(Into::into).collect() }
    }
}

/// Which shell the text is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    /// bash, zsh, and POSIX sh (dash).
    Posix,
    /// Windows PowerShell 5.1 and PowerShell 7, in every argument-passing mode.
    PowerShell,
}

impl Shell {
    /// What the playground and the CLI call it, and which versions it covers.
    pub fn title(self) -> &'static str {
        match self {
            Shell::Posix => "bash / zsh / sh",
            Shell::PowerShell => "PowerShell (5.1 or 7)",
        }
    }
}

/// A string that no text can pass to a program unchanged in the chosen shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteError {
    /// `argv[arg_index]` contains a NUL character. Index 0 is the program, `i >= 1` is
    /// `args[i - 1]`; [`quote`] reports 0.
    Nul { arg_index: usize },
    /// `argv[arg_index]` (`arg`) is passed differently by different PowerShells: `why` says
    /// what in it is the trouble ([`powershell`] explains the rules).
    Unportable { arg_index: usize, arg: String, why: &'static str },
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuoteError::Nul { arg_index: 0 } => f.write_str(
                "the program name (argv[0]) contains a NUL character, which no shell can pass: \
                 the operating system ends every argument at its first NUL",
            ),
            QuoteError::Nul { arg_index } => write!(
                f,
                "argument {arg_index} (argv[{arg_index}]) contains a NUL character, which no shell can pass: \
                 the operating system ends every argument at its first NUL"
            ),
            QuoteError::Unportable { arg_index, arg, why } => {
                let shown: String = visible(arg).chars().take(60).collect();
                let more = if shown.chars().count() < visible(arg).chars().count() { "…" } else { "" };
                write!(
                    f,
                    "argument {arg_index} (\"{shown}{more}\") {why}: no PowerShell text gives it to the program unchanged \
                     in every PowerShell (Windows PowerShell 5.1, PowerShell 7.0–7.2, 7.3+ in Legacy mode, a kubectl.cmd wrapper)"
                )
            }
        }
    }
}

impl std::error::Error for QuoteError {}

/// One argument as one word of `shell`'s syntax, for argument position.
pub fn quote(shell: Shell, arg: &str) -> Result<String, QuoteError> {
    match shell {
        Shell::Posix => posix::quote(arg),
        Shell::PowerShell => powershell::quote(arg),
    }
}

/// The program and its arguments as one command. An argument containing a newline stays one
/// quoted word (in POSIX shells it spans lines inside its quotes).
pub fn render(shell: Shell, cmd: &Command) -> Result<String, QuoteError> {
    match shell {
        Shell::Posix => posix::render(cmd),
        Shell::PowerShell => powershell::render(cmd),
    }
}

/// A comment line: `# ` and `text` as one line of [`visible`] characters, so that nothing in
/// it can end the comment (a newline, a carriage return that an interactive paste reads as
/// Enter, a line separator) or act on the terminal. The same in both shells.
pub fn comment(text: &str) -> String {
    format!("# {}", visible(text))
}

/// `text` with every character a shell, a line editor or a terminal could act on written as
/// an escape, so that it shows on one line as it is: control characters (C0, DEL, C1) as
/// `\n`, `\r`, `\t` or `\u{1b}`; line and paragraph separators, bidirectional controls and
/// other invisible format characters as `\u{2028}`. Everything else stays.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Control characters, and the invisible characters of Unicode's `Cf`, `Zl` and `Zp` that
/// change how a line reads or ends: zero-width and joining marks, bidirectional embeddings,
/// overrides and isolates (the "Trojan Source" characters), the line and paragraph
/// separators, the byte order mark, and the interlinear annotation marks. Nothing ecplay
/// prints holds one raw but a line end.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Fails on the first field of `cmd` (program first) that holds a NUL.
fn check_nul(cmd: &Command) -> Result<(), QuoteError> {
    let argv = std::iter::once(&cmd.program).chain(&cmd.args);
    match argv.enumerate().find(|(_, a)| a.as_bytes().contains(&0)) {
        Some((arg_index, _)) => Err(QuoteError::Nul { arg_index }),
        None => Ok(()),
    }
}

fn check_nul_word(arg: &str) -> Result<(), QuoteError> {
    if arg.as_bytes().contains(&0) {
        return Err(QuoteError::Nul { arg_index: 0 });
    }
    Ok(())
}

/// POSIX shells: bash, zsh, sh (dash).
///
/// # Rules
///
/// * A non-empty word made only of `A-Z a-z 0-9 _ . / : = , @ % + -`, not starting with `=`, is
///   left bare. None of these characters is special to sh, bash or zsh in the middle of a word, a
///   leading `-` means nothing to a shell, and `=` is excluded at the start because zsh expands
///   `=cmd` to a path (EQUALS option). For the program, `=` anywhere (it would be an assignment)
///   and reserved words (`if`, `time`, …) are quoted too.
/// * Anything else is a concatenation of segments with no space between them:
///   * `'…'` for runs of ordinary characters, including newline, `!`, `$`, backslash and all
///     unicode. POSIX (XCU 2.2.2): single quotes preserve the literal value of every character
///     inside them. bash and zsh do no history expansion inside single quotes (the tests run an
///     interactive bash, where `!` expansion is on).
///   * `\'` for a single quote (XCU 2.2.1: a backslash outside quotes preserves the next
///     character). We never put `''` inside a quoted run, so zsh's `RC_QUOTES` changes nothing.
///   * `\^` for a `^` right after a newline. An interactive bash history-expands each line of a
///     multi-line string on its own, and a line starting with `^` is a quick substitution
///     (`^old^new`) even inside single quotes; `!` is safe there, bash tracks the quotes.
///   * `"$(printf '\001\033')"` for other control characters (C0 except newline, DEL, C1) and the
///     invisible characters that change how a line reads ([`needs_escape`]: bidirectional
///     overrides, line separators…), written as octal escapes of their UTF-8 bytes. A pasted tab triggers completion and a pasted ESC or
///     CR may be acted on by the terminal or the line editor, so they never appear raw. `printf`
///     octal escapes are POSIX and built into dash, bash and zsh; command substitution only strips
///     trailing newlines, which this output never contains; the double quotes stop field
///     splitting and globbing; nothing in it is subject to history expansion.
/// * The empty string is `''`.
pub mod posix {
    use super::{check_nul, check_nul_word, Command, QuoteError};

    /// Reserved words of sh, bash and zsh that would change meaning in command position.
    const RESERVED: &[&str] = &[
        "!",
        "{",
        "}",
        "[[",
        "]]",
        "case",
        "coproc",
        "do",
        "done",
        "elif",
        "else",
        "esac",
        "fi",
        "for",
        "function",
        "if",
        "in",
        "select",
        "then",
        "time",
        "until",
        "while",
        "foreach",
        "end",
        "repeat",
        "nocorrect",
        "noglob",
        "always",
    ];

    /// One argument as one word.
    pub fn quote(arg: &str) -> Result<String, QuoteError> {
        check_nul_word(arg)?;
        Ok(word(arg))
    }

    /// The command on one line (an argument holding a newline spans lines inside its quotes).
    pub fn render(cmd: &Command) -> Result<String, QuoteError> {
        check_nul(cmd)?;
        let mut out = program(&cmd.program);
        // Quoting adds little: most of the room is known beforehand.
        out.reserve(cmd.args.iter().map(|a| a.len() + 3).sum());
        for arg in &cmd.args {
            out.push(' ');
            if is_bare(arg) {
                out.push_str(arg);
            } else {
                out.push_str(&quoted(arg));
            }
        }
        Ok(out)
    }

    /// `NAME=value … cmd`: the command with environment variables of its own (`names` are
    /// the caller's constants, each a valid shell name).
    pub fn render_with_env(env: &[(&str, &str)], cmd: &Command) -> Result<String, QuoteError> {
        let mut out = String::new();
        for (name, value) in env {
            debug_assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
            check_nul_word(value)?;
            out.push_str(&format!("{name}={} ", word(value)));
        }
        out.push_str(&render(cmd)?);
        Ok(out)
    }

    /// `cmd` fed `input` and a newline on standard input: a here-document with a quoted
    /// delimiter (nothing in it is expanded, XCU 2.7.4), chosen so that no line of `input`
    /// equals it. An interactive shell reads a pasted here-document through its line editor,
    /// which acts on control characters (DEL erases, a tab completes), so an `input` holding
    /// any is printed by `printf` from a quoted word instead.
    pub fn with_stdin(cmd: &Command, input: &str) -> Result<String, QuoteError> {
        let line = render(cmd)?;
        check_nul_word(input)?;
        if input.chars().any(|c| c.is_control()) {
            return Ok(format!("printf '%s\\n' {} | {line}", quoted(input)));
        }
        let mut tag = String::from("ECPLAY_EOF");
        while input.lines().any(|l| l.trim_start_matches('\t') == tag) {
            tag.push('_');
        }
        Ok(format!("{line} <<'{tag}'\n{input}\n{tag}"))
    }

    /// The bytes a bare word may hold, as a table.
    const BARE: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'/' | b':' | b'=' | b',' | b'@' | b'%' | b'+' | b'-');
            b += 1;
        }
        t
    };

    fn is_bare(s: &str) -> bool {
        !s.is_empty() && !s.starts_with('=') && s.bytes().all(|b| BARE[usize::from(b)])
    }

    fn program(s: &str) -> String {
        if is_bare(s) && !s.contains('=') && !RESERVED.contains(&s) {
            s.to_owned()
        } else {
            quoted(s)
        }
    }

    fn word(s: &str) -> String {
        if is_bare(s) {
            s.to_owned()
        } else {
            quoted(s)
        }
    }

    /// Characters written through `printf` rather than raw.
    fn needs_printf(c: char) -> bool {
        super::needs_escape(c) && c != '\n'
    }

    #[derive(PartialEq)]
    enum Open {
        Nothing,
        Single,
        Printf,
    }

    fn quoted(s: &str) -> String {
        if s.is_empty() {
            return "''".to_owned();
        }
        let mut out = String::with_capacity(s.len() + 2);
        let mut open = Open::Nothing;
        let close = |out: &mut String, open: &mut Open| {
            match open {
                Open::Nothing => {}
                Open::Single => out.push('\''),
                Open::Printf => out.push_str("')\""),
            }
            *open = Open::Nothing;
        };
        let mut after_newline = false;
        // Ordinary characters are copied a run at a time, from `run` to the current one.
        let mut run = None;
        for (i, c) in s.char_indices() {
            let ordinary = !(c == '\'' || (c == '^' && after_newline) || needs_printf(c));
            after_newline = c == '\n';
            if ordinary {
                if open != Open::Single {
                    close(&mut out, &mut open);
                    out.push('\'');
                    open = Open::Single;
                }
                run.get_or_insert(i);
                continue;
            }
            if let Some(from) = run.take() {
                out.push_str(&s[from..i]);
            }
            if needs_printf(c) {
                if open != Open::Printf {
                    close(&mut out, &mut open);
                    out.push_str("\"$(printf '");
                    open = Open::Printf;
                }
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\{b:03o}"));
                }
            } else {
                close(&mut out, &mut open);
                out.push('\\');
                out.push(c);
            }
        }
        if let Some(from) = run {
            out.push_str(&s[from..]);
        }
        close(&mut out, &mut open);
        out
    }
}

/// PowerShell: one text for Windows PowerShell 5.1 and PowerShell 7, whatever their argument
/// passing.
///
/// PowerShell is not installed where ecplay is built, so this argument, with the golden tests
/// and the executable models in the tests (PowerShell's parser for the subset written here, the
/// native-argument binders of 5.1, 7.0–7.2 and 7.3+, cmd.exe running a `.cmd` wrapper, and the
/// Windows command-line parsers of Go and msvcrt), is the proof. Sources: `about_Parsing`,
/// `about_Quoting_Rules`, `about_Special_Characters`, and PowerShell's `tokenizer.cs`,
/// `Parser.cs`, `NativeCommandParameterBinder.cs` and `NativeCommandProcessor.cs` (current, and
/// as imported from Windows PowerShell in 2016).
///
/// # Layer 1: the PowerShell parser (the same in 5.1 and 7.x)
///
/// Words are separated by one space, and every argument is exactly one of:
///
/// * A bare word: an ASCII letter or `_` followed by `A-Z a-z 0-9 _ . : / = + -`; or `--`, a
///   letter or digit, then the same set; or `-`, a letter, then letters, digits and `-`. A letter
///   starts an identifier that command mode continues as a generic token until whitespace or one
///   of `{}();,|&`; a generic token treats only backtick, quotes and `$` specially, and none is
///   allowed. `--x` is a generic token (`--` is an operator only when a new token follows it).
///   `-x…` is a parameter token, which a native command receives as its text; `.` and `:` are
///   kept out because they end a parameter token (`-foo.bar` is scanned as `-foo` then `.bar`).
///   The set has no `*?[` and no `~`, so PowerShell on Unix neither globs nor tilde-expands the
///   word. A word that starts with a digit, `.`, `+` or a lone `-`/`--` is quoted: those scan as
///   numbers or operators (`08` becomes `8`, `0x10` becomes `16`, `1kb` becomes `1024`; a bare
///   `--` is the end-of-parameters token, which some versions drop).
/// * A single-quoted string: everything is literal except the five single-quote characters
///   `'` U+2018 U+2019 U+201A U+201B, each of which ends the string unless followed by another
///   one (`ScanStringLiteral`: "a quote followed by any quote appends the second"), so each is
///   doubled. Used for every string without control characters.
/// * A double-quoted string, only for strings with control characters (C0, DEL, C1) or other
///   invisible ones ([`super::needs_escape`]) — pasted raw, a CR, TAB or ESC may be rewritten or
///   acted on by the terminal or PSReadLine, and a bidirectional override hides what the text
///   says. Inside,
///   backtick, `$` and the four double-quote characters `"` U+201C U+201D U+201E are preceded by
///   a backtick (a backtick before any other character yields that character); control
///   characters are `` `a `b `t `n `v `f `r `` (known to 5.1) or `$([char]0xNN)` (5.1 has no
///   `` `e `` or `` `u{} ``), invisible ones `$([char]0x202E)`.
/// * `$ecplayN` or `"@$ecplayN"`: the path of a file the script wrote (see below), alone or
///   after `@` (curl's `--data-binary @file`).
/// * The program is bare when it is a plain name (`[A-Za-z_][A-Za-z0-9_.-]*`, not a keyword such
///   as `if`); otherwise `& <string>`, because a quoted string at the start of a statement is an
///   expression, not a command. PowerShell resolves the name through its own lookup, so an alias
///   (`curl` in 5.1) wins over an executable; write `curl.exe` to avoid that.
///
/// A quoted string is always followed by a space or the end, never by `.`, `[` or another quote
/// (which would make a member access or a second argument).
///
/// # Layer 2: PowerShell to the program
///
/// How a value reaches the program depends on the version and a setting the text cannot see:
///
/// * **7.3+, `Standard`** (the default off Windows), and **`Windows`** (the default on Windows)
///   for an `.exe`: every value goes into `ProcessStartInfo.ArgumentList`, which .NET writes as a
///   command line that Go (kubectl) and msvcrt read back exactly.
/// * **Legacy**: Windows PowerShell 5.1, PowerShell 7.0–7.2, 7.3+ with
///   `$PSNativeCommandArgumentPassing = 'Legacy'`, and `Windows` mode for a `.cmd`/`.bat`
///   program: PowerShell joins the values with spaces itself, drops empty ones, and puts `"…"`
///   around a value only when it has whitespace outside what it takes for double-quoted parts.
///   Embedded `"` are not escaped (`{"a":"b c"}` arrives split, with its quotes gone, and a
///   crafted value can add flags such as `--server=…`), and 5.1 does not double a trailing
///   backslash before the quote it adds.
/// * **A `.cmd` or `.bat` kubectl** (a wrapper script): cmd.exe reads the command line again,
///   expanding `%NAME%` everywhere and acting on `& | < > ^` outside double quotes.
///
/// No quoting is right in all of these at once, so nothing that needs quoting is passed as an
/// argument. Text that goes to kubectl whole — a patch, a `--custom` file, a request body — is
/// written to a temporary file by the script and its path is passed instead
/// (`--patch-file`, `--custom`, `-f`, curl's `@file`):
///
/// ```text
/// $ecplay1 = [IO.Path]::GetTempFileName()
/// [IO.File]::WriteAllText($ecplay1, '{"spec":…}')
/// kubectl patch pod web-0 -n default --subresource=ephemeralcontainers --type=strategic --patch-file $ecplay1
/// Remove-Item $ecplay1
/// ```
///
/// `GetTempFileName` and `WriteAllText` are .NET methods with the same behaviour in 5.1 and 7
/// (`WriteAllText` writes UTF-8 without a byte order mark; Windows PowerShell's own cmdlets
/// write a BOM or the ANSI code page, and its pipes to programs use ASCII). A temporary path has
/// no `"` and does not end in a backslash, so every mode passes it whole (quoted when the user's
/// profile folder holds a space).
///
/// Every other argument must pass unchanged in every mode, which [`quote`] and [`Script::command`]
/// check ([`unportable`]): not empty, no control character, no `"`, not `--%` (the stop-parsing
/// token), no `%` (cmd.exe expands it even inside quotes), no `& | < > ^` unless the value has
/// whitespace (legacy passing then quotes it, and cmd.exe leaves quoted text alone), and no
/// trailing backslash after whitespace. Such a value reaches the program byte for byte in every
/// mode: with no whitespace nothing is added; with whitespace, every mode adds the same
/// `"…"`, which both Windows parsers remove. What fails the check is a [`QuoteError::Unportable`],
/// never a text that works in one PowerShell and not another: names, namespaces and images that
/// a cluster accepts always pass.
pub mod powershell {
    use super::{check_nul, check_nul_word, Command, QuoteError};

    /// The characters PowerShell reads as a single quote.
    const SINGLE_QUOTES: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'];
    /// The characters PowerShell reads as a double quote.
    const DOUBLE_QUOTES: [char; 4] = ['"', '\u{201C}', '\u{201D}', '\u{201E}'];
    /// Keywords, quoted wherever they appear so that no parser state can read them as keywords.
    const KEYWORDS: &str = "begin break catch class clean configuration continue data define do dynamicparam else elseif end enum exit \
        filter finally for foreach from function hidden if in inlinescript parallel param process return sequence static switch throw \
        trap try until using var while workflow";
    /// The variables holding the script's temporary files: `$ecplay1`, `$ecplay2`, ….
    const FILE_VARIABLE: &str = "$ecplay";

    /// One argument, for argument position.
    pub fn quote(arg: &str) -> Result<String, QuoteError> {
        check_nul_word(arg)?;
        portable(0, arg)?;
        Ok(argument(arg))
    }

    /// The command on one line.
    pub fn render(cmd: &Command) -> Result<String, QuoteError> {
        let mut script = Script::default();
        let args: Vec<Arg<'_>> = cmd.args.iter().map(|a| Arg::Text(a)).collect();
        script.command(&cmd.program, &args)?;
        Ok(script.finish())
    }

    /// A file the script writes, by its place in the script.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct File(usize);

    /// A word of a command in a [`Script`].
    #[derive(Clone, Copy, Debug)]
    pub enum Arg<'a> {
        Text(&'a str),
        /// The path of a file the script wrote.
        Path(File),
        /// `@` and the path (curl's `--data-binary @file`).
        AtPath(File),
    }

    /// Lines of PowerShell: temporary files written, commands, comments, and the files removed
    /// at the end.
    #[derive(Clone, Debug, Default)]
    pub struct Script {
        lines: Vec<String>,
        files: usize,
        env: Vec<&'static str>,
    }

    impl Script {
        /// A temporary file holding `contents`, written as UTF-8 without a byte order mark.
        pub fn file(&mut self, contents: &str) -> Result<File, QuoteError> {
            check_nul_word(contents)?;
            self.files += 1;
            let var = format!("{FILE_VARIABLE}{}", self.files);
            self.lines.push(format!("{var} = [IO.Path]::GetTempFileName()"));
            self.lines.push(format!("[IO.File]::WriteAllText({var}, {})", string_literal(contents)));
            Ok(File(self.files))
        }

        pub fn comment(&mut self, text: &str) {
            self.lines.push(super::comment(text));
        }

        /// `$env:NAME = 'value'` for the commands that follow; `finish` removes it again.
        /// `name` is the caller's constant, a valid variable name.
        pub fn env(&mut self, name: &'static str, value: &str) -> Result<(), QuoteError> {
            debug_assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
            check_nul_word(value)?;
            self.lines.push(format!("$env:{name} = {}", string_literal(value)));
            self.env.push(name);
            Ok(())
        }

        /// `program args…` on one line; every [`Arg::Text`] must pass unchanged in every
        /// PowerShell ([`unportable`]).
        pub fn command(&mut self, program: &str, args: &[Arg<'_>]) -> Result<(), QuoteError> {
            let texts = args.iter().map(|a| match a {
                Arg::Text(t) => *t,
                Arg::Path(_) | Arg::AtPath(_) => "",
            });
            check_nul(&Command::new(program, texts))?;
            let mut line = self::program(program);
            for (i, arg) in args.iter().enumerate() {
                line.push(' ');
                match arg {
                    Arg::Text(t) => {
                        portable(i + 1, t)?;
                        line.push_str(&argument(t));
                    }
                    Arg::Path(File(n)) => line.push_str(&format!("{FILE_VARIABLE}{n}")),
                    Arg::AtPath(File(n)) => line.push_str(&format!("\"@{FILE_VARIABLE}{n}\"")),
                }
            }
            self.lines.push(line);
            Ok(())
        }

        /// The lines, then one that removes the temporary files and one per variable set.
        pub fn finish(mut self) -> String {
            if self.files > 0 {
                let vars: Vec<String> = (1..=self.files).map(|n| format!("{FILE_VARIABLE}{n}")).collect();
                self.lines.push(format!("Remove-Item {}", vars.join(", ")));
            }
            for name in &self.env {
                self.lines.push(format!("Remove-Item Env:{name}"));
            }
            self.lines.join("\n")
        }
    }

    fn portable(arg_index: usize, arg: &str) -> Result<(), QuoteError> {
        match unportable(arg) {
            Some(why) => Err(QuoteError::Unportable { arg_index, arg: arg.to_owned(), why }),
            None => Ok(()),
        }
    }

    /// Why `arg` does not reach a program unchanged in every PowerShell (see the module
    /// documentation), or `None` when it does.
    pub fn unportable(arg: &str) -> Option<&'static str> {
        let spaced = arg.chars().any(is_dotnet_whitespace);
        if arg.is_empty() {
            Some("is empty, which legacy argument passing drops")
        } else if arg.chars().any(char::is_control) {
            Some("holds a control character")
        } else if arg.contains('"') {
            Some("holds a double quote, which legacy argument passing leaves unescaped")
        } else if arg == "--%" {
            Some("is --%, PowerShell's stop-parsing token")
        } else if arg.contains('%') {
            Some("holds %, which cmd.exe expands when kubectl is a .cmd wrapper")
        } else if spaced && arg.ends_with('\\') {
            Some("ends with a backslash after a space, which Windows PowerShell 5.1 passes as an escaped quote")
        } else if !spaced && arg.contains(['&', '|', '<', '>', '^']) {
            Some("holds & | < > or ^ with no space, which cmd.exe reads as an operator when kubectl is a .cmd wrapper")
        } else {
            None
        }
    }

    /// `char.IsWhiteSpace` of .NET, which decides where legacy passing adds quotes. Rust's
    /// `White_Space` is the same set; U+180E was whitespace in old Unicode versions.
    fn is_dotnet_whitespace(c: char) -> bool {
        c.is_whitespace() || c == '\u{180E}'
    }

    fn is_bare(s: &str) -> bool {
        let tail = |t: &[u8]| t.iter().all(|b| b.is_ascii_alphanumeric() || b"_.:/=+-".contains(b));
        match s.as_bytes() {
            [c, rest @ ..] if c.is_ascii_alphabetic() || *c == b'_' => tail(rest),
            [b'-', b'-', c, rest @ ..] if c.is_ascii_alphanumeric() => tail(rest),
            [b'-', c, rest @ ..] if c.is_ascii_alphabetic() => rest.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-'),
            _ => false,
        }
    }

    fn argument(s: &str) -> String {
        if is_bare(s) && !is_keyword(s) {
            s.to_owned()
        } else {
            string_literal(s)
        }
    }

    fn is_keyword(s: &str) -> bool {
        KEYWORDS.split(' ').any(|k| k.eq_ignore_ascii_case(s))
    }

    fn program(s: &str) -> String {
        let plain = s
            .bytes()
            .enumerate()
            .all(|(i, b)| b.is_ascii_alphabetic() || b == b'_' || (i > 0 && (b.is_ascii_digit() || b".-".contains(&b))));
        if !s.is_empty() && plain && !is_keyword(s) {
            s.to_owned()
        } else {
            format!("& {}", string_literal(s))
        }
    }

    /// A string expression: single-quoted, or double-quoted when there are control or other
    /// invisible characters ([`super::needs_escape`]), which are written as escapes there.
    fn string_literal(s: &str) -> String {
        if s.chars().any(super::needs_escape) {
            double_quoted(s)
        } else {
            single_quoted(s)
        }
    }

    fn single_quoted(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('\'');
        for c in s.chars() {
            if SINGLE_QUOTES.contains(&c) {
                out.push(c);
            }
            out.push(c);
        }
        out.push('\'');
        out
    }

    fn double_quoted(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            match c {
                '`' | '$' => {
                    out.push('`');
                    out.push(c);
                }
                c if DOUBLE_QUOTES.contains(&c) => {
                    out.push('`');
                    out.push(c);
                }
                '\u{7}' => out.push_str("`a"),
                '\u{8}' => out.push_str("`b"),
                '\t' => out.push_str("`t"),
                '\n' => out.push_str("`n"),
                '\u{b}' => out.push_str("`v"),
                '\u{c}' => out.push_str("`f"),
                '\r' => out.push_str("`r"),
                c if super::needs_escape(c) => out.push_str(&format!("$([char]0x{:02X})", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }
}

const BIG_LEN: usize = 10 * 1024;
const BIG_BYTES: [u8; BIG_LEN] = {
    let pattern = b"{\"k\":\"v w\"} 'q' $x `y` \\ !h %P% *\n";
    let mut out = [0u8; BIG_LEN];
    let mut i = 0;
    while i < BIG_LEN {
        out[i] = pattern[i % pattern.len()];
        i += 1;
    }
    out
};
const BIG: &str = match std::str::from_utf8(&BIG_BYTES) {
    Ok(s) => s,
    Err(_) => panic!("the pattern is ASCII"),
};

/// Hostile strings every renderer must carry byte for byte (none contains NUL).
pub const ADVERSARIAL: &[&str] = &[
    "'",
    "\"",
    "''",
    "\\",
    "\\\\'",
    "$(id)",
    "`id`",
    "$HOME",
    "${x}",
    "!",
    "!!",
    "!$",
    "a!b",
    "\n",
    "\r\n",
    "\t",
    "héllo",
    "🦀 crab",
    "שלום עולם",
    "\u{202E}abc\u{202C}",
    "*",
    "?",
    "[a]",
    "~",
    "~root",
    "~/x",
    "#x",
    "a#b",
    "%PATH%",
    "^",
    "{a,b}",
    "a;b",
    "a&b",
    "a|b",
    "<x",
    ">x",
    "--%",
    "-n",
    "--",
    "-",
    "",
    "   ",
    "a\\",
    "\\\"",
    "'\"'",
    "{\"a\":\"b c\"}",
    "{\"a\":\"x  y\"}",
    "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"debugger\",\"command\":[\"sh\",\"-c\",\"sleep 1d\"]}]}}",
    "@x",
    "$",
    "`",
    "\u{2018}x\u{2019}",
    "\u{201A}x\u{201B}",
    "\u{201C}x\u{201D}",
    "\u{201E}x\"",
    BIG,
    "=",
    "=x",
    "a=b c",
    "\u{1}",
    "\u{1b}[31mred",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "a\u{2028}b",
    "\u{3000}",
    "\u{feff}",
    "\r",
    "a\n^b^c",
    "a\n!!\n!$",
    "\"\t",
    "a b\\",
    "\\\\server\\share x\\",
    "a\\\"b c",
    "-foo.bar",
    "--foo=a b",
    "-foo:bar",
    "0x10",
    "08",
    "1e3",
    "-1",
    "+1",
    ".5",
    "a,b",
    ",",
    "(x)",
    "$null",
    "@()",
    "&&",
    "||",
    "if",
    "%s\\0",
    "kubectl",
    "--subresource=ephemeralcontainers",
    // Each runs a command if any text lets it out of its quotes; the tests check that the
    // file `ecplay-canary` never appears.
    "$(touch ecplay-canary)",
    "`touch ecplay-canary`",
    "\ntouch ecplay-canary\n",
    "\rtouch ecplay-canary\r",
    "x'; touch ecplay-canary; echo '",
    "x\"; touch ecplay-canary; echo \"",
    "\u{85}touch ecplay-canary\u{85}",
    "\u{2028}touch ecplay-canary\u{2029}",
    "\u{1b}[201~\ntouch ecplay-canary\n\u{1b}[200~",
    "\u{3}\u{15}touch ecplay-canary\r",
    "a&touch ecplay-canary",
    "\" --server=https://example.invalid \"",
    "$(New-Item ecplay-canary)",
    "`nNew-Item ecplay-canary",
    "%COMSPEC% /c echo>ecplay-canary",
];

/// The file the hostile strings of [`ADVERSARIAL`] create if any text lets them run.
pub const CANARY: &str = "ecplay-canary";

#[cfg(test)]
mod tests {
    use super::models::{self, Mode, Statement, Word, MODES, POSIX};
    use super::*;

    fn command(argv: &[&str]) -> Command {
        Command::new(argv[0], argv[1..].iter().copied())
    }

    /// The golden helper for both shells: `argv[0]` is the program.
    #[track_caller]
    fn check(shell: Shell, argv: &[&str], expected: &str) {
        let got = render(shell, &command(argv)).expect("renders");
        assert_eq!(got, expected, "\n{shell:?} rendering of {argv:?}\n     got: {got}\nexpected: {expected}\n");
    }

    #[test]
    fn readable_commands_stay_readable() {
        let argv = ["kubectl", "patch", "pod", "web-0", "-n", "default", "--subresource=ephemeralcontainers", "--type=strategic"];
        check(Shell::Posix, &argv, "kubectl patch pod web-0 -n default --subresource=ephemeralcontainers --type=strategic");
        check(Shell::PowerShell, &argv, "kubectl patch pod web-0 -n default --subresource=ephemeralcontainers --type=strategic");
        let argv = ["kubectl", "get", "pod/web-0", "--image=busybox:1.36", "-o", "jsonpath={.status}"];
        check(Shell::Posix, &argv, "kubectl get pod/web-0 --image=busybox:1.36 -o 'jsonpath={.status}'");
        check(Shell::PowerShell, &argv, "kubectl get pod/web-0 --image=busybox:1.36 -o 'jsonpath={.status}'");
    }

    /// A body goes inline in POSIX shells and through a temporary file in PowerShell.
    #[test]
    fn bodies() {
        let body = r#"{"spec":{"c":["sh","-c","sleep 1d"]}}"#;
        check(Shell::Posix, &["kubectl", "patch", "pod", "web-0", "-p", body], &format!("kubectl patch pod web-0 -p '{body}'"));
        let mut s = powershell::Script::default();
        let f = s.file(body).unwrap();
        s.command("kubectl", &[powershell::Arg::Text("patch"), powershell::Arg::Text("--patch-file"), powershell::Arg::Path(f)]).unwrap();
        assert_eq!(
            s.finish(),
            format!(
                "$ecplay1 = [IO.Path]::GetTempFileName()\n[IO.File]::WriteAllText($ecplay1, '{body}')\nkubectl patch --patch-file $ecplay1\nRemove-Item $ecplay1"
            )
        );
        let put = command(&["kubectl", "replace", "--raw", "/api", "-f", "-"]);
        assert_eq!(posix::with_stdin(&put, body).unwrap(), format!("kubectl replace --raw /api -f - <<'ECPLAY_EOF'\n{body}\nECPLAY_EOF"));
        assert_eq!(
            posix::with_stdin(&put, "ECPLAY_EOF").unwrap(),
            "kubectl replace --raw /api -f - <<'ECPLAY_EOF_'\nECPLAY_EOF\nECPLAY_EOF_"
        );
        assert_eq!(
            posix::with_stdin(&put, "a\u{7f}b").unwrap(),
            "printf '%s\\n' 'a'\"$(printf '\\177')\"'b' | kubectl replace --raw /api -f -"
        );
    }

    /// One row: the argument, then its POSIX and PowerShell renderings (as the only argument
    /// of `p`); `None` where no PowerShell text passes it unchanged everywhere.
    const GOLDEN: &[(&str, &str, Option<&str>)] = &[
        ("'", r"\'", Some("''''")),
        ("\"", r#"'"'"#, None),
        ("''", r"\'\'", Some("''''''")),
        ("\\", r"'\'", Some(r"'\'")),
        ("\\\\'", r"'\\'\'", Some(r"'\\'''")),
        ("$(id)", "'$(id)'", Some("'$(id)'")),
        ("`id`", "'`id`'", Some("'`id`'")),
        ("$HOME", "'$HOME'", Some("'$HOME'")),
        ("${x}", "'${x}'", Some("'${x}'")),
        ("!", "'!'", Some("'!'")),
        ("!!", "'!!'", Some("'!!'")),
        ("!$", "'!$'", Some("'!$'")),
        ("a!b", "'a!b'", Some("'a!b'")),
        ("\n", "'\n'", None),
        ("\r\n", "\"$(printf '\\015')\"'\n'", None),
        ("\t", "\"$(printf '\\011')\"", None),
        ("héllo", "'héllo'", Some("'héllo'")),
        ("🦀", "'🦀'", Some("'🦀'")),
        ("שלום", "'שלום'", Some("'שלום'")),
        ("*", "'*'", Some("'*'")),
        ("?", "'?'", Some("'?'")),
        ("[a]", "'[a]'", Some("'[a]'")),
        ("~", "'~'", Some("'~'")),
        ("~root", "'~root'", Some("'~root'")),
        ("#x", "'#x'", Some("'#x'")),
        ("a#b", "'a#b'", Some("'a#b'")),
        ("%PATH%", "%PATH%", None),
        ("^", "'^'", None),
        ("{a,b}", "'{a,b}'", Some("'{a,b}'")),
        ("a;b", "'a;b'", Some("'a;b'")),
        ("a&b", "'a&b'", None),
        ("a & b", "'a & b'", Some("'a & b'")),
        ("a|b", "'a|b'", None),
        ("<x", "'<x'", None),
        (">x", "'>x'", None),
        ("--%", "--%", None),
        ("-n", "-n", Some("-n")),
        ("--", "--", Some("'--'")),
        ("", "''", None),
        ("   ", "'   '", Some("'   '")),
        ("a\\", r"'a\'", Some(r"'a\'")),
        ("\\\"", r#"'\"'"#, None),
        ("{\"a\":\"b c\"}", r#"'{"a":"b c"}'"#, None),
        ("@x", "@x", Some("'@x'")),
        ("$", "'$'", Some("'$'")),
        ("`", "'`'", Some("'`'")),
        ("\u{2018}x\u{2019}", "'\u{2018}x\u{2019}'", Some("'\u{2018}\u{2018}x\u{2019}\u{2019}'")),
        ("\u{201A}\u{201B}", "'\u{201A}\u{201B}'", Some("'\u{201A}\u{201A}\u{201B}\u{201B}'")),
        ("\u{201C}x\u{201D}", "'\u{201C}x\u{201D}'", Some("'\u{201C}x\u{201D}'")),
        ("=", "'='", Some("'='")),
        ("a=b", "a=b", Some("a=b")),
        ("a=b c", "'a=b c'", Some("'a=b c'")),
        ("\u{1}", "\"$(printf '\\001')\"", None),
        ("\u{1b}[1m", "\"$(printf '\\033')\"'[1m'", None),
        ("\u{85}", "\"$(printf '\\302\\205')\"", None),
        ("-foo.bar", "-foo.bar", Some("'-foo.bar'")),
        ("-foo:bar", "-foo:bar", Some("'-foo:bar'")),
        ("--foo=a.b:c", "--foo=a.b:c", Some("--foo=a.b:c")),
        ("08", "08", Some("'08'")),
        ("0x10", "0x10", Some("'0x10'")),
        ("-1", "-1", Some("'-1'")),
        (".5", ".5", Some("'.5'")),
        ("a,b", "a,b", Some("'a,b'")),
        ("if", "if", Some("'if'")),
        ("a b\\", r"'a b\'", None),
        ("a\n^b", "'a\n'\\^'b'", None),
        ("sh -c 'ps aux; echo $HOSTNAME'", r"'sh -c '\''ps aux; echo $HOSTNAME'\'", Some("'sh -c ''ps aux; echo $HOSTNAME'''")),
    ];

    #[test]
    fn golden_arguments() {
        for &(arg, posix, pwsh) in GOLDEN {
            check(Shell::Posix, &["p", arg], &format!("p {posix}"));
            assert_eq!(quote(Shell::Posix, arg).unwrap(), posix);
            match pwsh {
                Some(pwsh) => {
                    check(Shell::PowerShell, &["p", arg], &format!("p {pwsh}"));
                    assert_eq!(quote(Shell::PowerShell, arg).unwrap(), pwsh);
                }
                None => {
                    let err = render(Shell::PowerShell, &command(&["p", "ok", arg])).unwrap_err();
                    assert!(matches!(err, QuoteError::Unportable { arg_index: 2, .. }), "{arg:?}: {err:?}");
                }
            }
        }
    }

    #[test]
    fn programs() {
        check(Shell::Posix, &["/usr/local/bin/kubectl", "x"], "/usr/local/bin/kubectl x");
        check(Shell::Posix, &["my prog", "x"], "'my prog' x");
        check(Shell::Posix, &["a=b", "x"], "'a=b' x");
        check(Shell::Posix, &["if", "x"], "'if' x");
        check(Shell::Posix, &["", "x"], "'' x");
        check(Shell::PowerShell, &["kubectl.exe", "x"], "kubectl.exe x");
        check(Shell::PowerShell, &[r"C:\Program Files\k.exe", "x"], r"& 'C:\Program Files\k.exe' x");
        check(Shell::PowerShell, &["./kubectl", "x"], "& './kubectl' x");
        check(Shell::PowerShell, &["If", "x"], "& 'If' x");
    }

    #[test]
    fn nul_is_an_error_naming_the_argument() {
        for shell in [Shell::Posix, Shell::PowerShell] {
            assert_eq!(quote(shell, "a\0b"), Err(QuoteError::Nul { arg_index: 0 }));
            assert_eq!(render(shell, &command(&["k", "ok", "\0"])), Err(QuoteError::Nul { arg_index: 2 }));
            assert_eq!(render(shell, &command(&["k\0"])), Err(QuoteError::Nul { arg_index: 0 }));
        }
        assert!(powershell::Script::default().file("a\0").is_err());
        let message = QuoteError::Nul { arg_index: 2 }.to_string();
        assert!(message.starts_with("argument 2 (argv[2]) contains a NUL character"), "{message}");
        assert!(QuoteError::Nul { arg_index: 0 }.to_string().starts_with("the program name (argv[0])"));
        let message = render(Shell::PowerShell, &command(&["k", "a\"b\n"])).unwrap_err().to_string();
        assert!(message.starts_with(r#"argument 1 ("a"b\n") holds a control character: no PowerShell text"#), "{message}");
    }

    #[test]
    fn adversarial_table() {
        assert!(ADVERSARIAL.len() >= 50);
        assert!(ADVERSARIAL.iter().all(|s| !s.contains('\0')));
        assert!(ADVERSARIAL.iter().any(|s| s.len() >= 10 * 1024));
        assert!(ADVERSARIAL.iter().filter(|s| s.contains(CANARY)).count() >= 10);
    }

    #[test]
    fn comments_are_one_visible_line() {
        assert_eq!(comment("debugger-abcde"), "# debugger-abcde");
        assert_eq!(comment("a\nb\rc\td\u{1b}[31m"), r"# a\nb\rc\td\u{1b}[31m");
        assert_eq!(comment("\u{202e}evil\u{2028}x\u{85}"), r"# \u{202e}evil\u{2028}x\u{85}");
        assert_eq!(visible("héllo 🦀 \\n"), "héllo 🦀 \\n");
        for s in ADVERSARIAL {
            let c = comment(s);
            assert!(!c.chars().any(needs_escape), "{c:?}");
        }
    }

    // ---- POSIX: real shells -------------------------------------------------------------

    /// Runs `printf '%s\0' args… > out` through every POSIX shell (the paste too), after a
    /// comment holding each argument, and checks what reached printf and that no canary ran.
    #[track_caller]
    fn round_trip_posix(args: &[String]) {
        let mut argv = vec!["%s\\0".to_owned()];
        argv.extend(args.iter().cloned());
        let printf = render(Shell::Posix, &Command::new("printf", argv)).unwrap();
        let comments: Vec<String> = args.iter().map(|a| comment(a)).collect();
        let script = format!("{}\n{printf} > out", comments.join("\n"));
        for shell in POSIX {
            let dir = models::TempDir::new();
            models::run_posix(shell, &script, &dir.0);
            let out = std::fs::read(dir.0.join("out")).unwrap();
            let mut fields: Vec<String> = String::from_utf8(out).unwrap().split('\0').map(str::to_owned).collect();
            assert_eq!(fields.pop().as_deref(), Some(""), "{shell:?}: output must end with NUL");
            assert_eq!(fields, args, "{shell:?} changed arguments of {script:?}");
            assert!(!dir.0.join(CANARY).exists(), "{shell:?} ran a canary from {script:?}");
        }
    }

    #[test]
    fn posix_round_trip_through_real_shells() {
        round_trip_posix(&ADVERSARIAL.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        let every_byte: String = (1u8..0x80).map(char::from).chain(('\u{80}'..='\u{ff}').take(64)).collect();
        round_trip_posix(&[every_byte]);
    }

    #[test]
    fn here_documents_through_real_shells() {
        for input in ["{\"a\":\"b\"}", "ECPLAY_EOF", "a\u{7f}b\tc", "$(touch ecplay-canary)", "'\\'"] {
            let script = posix::with_stdin(&Command::new("sh", ["-c", "cat > out"]), input).unwrap();
            for shell in POSIX {
                let dir = models::TempDir::new();
                models::run_posix(shell, &script, &dir.0);
                assert_eq!(std::fs::read_to_string(dir.0.join("out")).unwrap(), format!("{input}\n"), "{shell:?}: {script:?}");
                assert!(!dir.0.join(CANARY).exists());
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 48,
            // Cases worth keeping go into ADVERSARIAL instead of a regressions file.
            failure_persistence: None,
            ..Default::default()
        })]
        #[test]
        fn posix_round_trip_random(args in proptest::collection::vec(arbitrary_arg(), 1..6)) {
            round_trip_posix(&args);
        }

        #[test]
        fn powershell_models_round_trip_random(args in proptest::collection::vec(arbitrary_arg(), 0..6)) {
            check_powershell_models(&Command::new("kubectl", args.clone()));
            check_powershell_file(&args.concat());
        }
    }

    /// Strings over an alphabet of the characters that matter to some shell or parser.
    fn arbitrary_arg() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const ALPHABET: &[char] = &[
            'a', 'Z', '0', '-', '=', '.', ':', '/', ' ', ' ', '\t', '\n', '\n', '\r', '"', '"', '\\', '\\', '\'', '`', '$', '(', ')', '{',
            '}', '[', ']', '*', '?', '~', '#', '%', '^', '!', '&', '|', ';', '<', '>', ',', '@', '+', '\u{1}', '\u{1b}', '\u{7f}',
            '\u{85}', '\u{a0}', '\u{2028}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{201C}', '\u{201D}', '\u{201E}', 'é', '🦀',
            'ש',
        ];
        proptest::collection::vec(proptest::sample::select(ALPHABET), 0..14).prop_map(|v| v.into_iter().collect())
    }

    // ---- PowerShell: through the models ---------------------------------------------------

    /// Renders `cmd` and checks, through every PowerShell's passing, that every argument
    /// arrives unchanged; or that the renderer refused an argument the rules call unportable.
    #[track_caller]
    fn check_powershell_models(cmd: &Command) {
        match powershell::render(cmd) {
            Ok(text) => {
                for mode in MODES {
                    let ran = models::run(&text, mode);
                    assert_eq!(ran.commands, [(cmd.program.clone(), cmd.args.clone())], "{mode:?}: {text:?}");
                }
            }
            Err(QuoteError::Unportable { arg_index, arg, .. }) => {
                assert_eq!(cmd.args[arg_index - 1], arg);
                assert!(powershell::unportable(&arg).is_some());
                assert!(cmd.args[..arg_index - 1].iter().all(|a| powershell::unportable(a).is_none()), "the first one is named");
            }
            Err(e) => panic!("{e}"),
        }
    }

    /// `contents` written to a file by the script and read by a command: the same bytes
    /// arrive, and the command gets the path, in every PowerShell.
    #[track_caller]
    fn check_powershell_file(contents: &str) {
        use powershell::Arg;
        let mut s = powershell::Script::default();
        s.comment(contents);
        let f = s.file(contents).unwrap();
        let g = s.file("second").unwrap();
        s.command("curl.exe", &[Arg::Text("--data-binary"), Arg::AtPath(f), Arg::Text("-f"), Arg::Path(g)]).unwrap();
        let text = s.finish();
        for mode in MODES {
            let ran = models::run(&text, mode);
            assert_eq!(ran.files, [contents, "second"], "{mode:?}");
            let argv: Vec<String> = ["--data-binary", "@FILE1", "-f", "FILE2"].map(str::to_owned).into();
            assert_eq!(ran.commands, [("curl.exe".to_owned(), argv)], "{mode:?}: {text:?}");
        }
    }

    #[test]
    fn powershell_models_carry_every_adversarial_string() {
        let mut passed = 0;
        for arg in ADVERSARIAL {
            check_powershell_models(&Command::new("kubectl", [*arg]));
            check_powershell_models(&Command::new("kubectl", ["-p", *arg, "x"]));
            check_powershell_file(arg);
            passed += usize::from(powershell::unportable(arg).is_none());
        }
        assert!(passed >= 40, "most strings are passed, not refused: {passed}");
        let portable: Vec<&str> = ADVERSARIAL.iter().copied().filter(|s| powershell::unportable(s).is_none()).collect();
        check_powershell_models(&Command::new("kubectl", portable));
        check_powershell_models(&Command::new("kubectl", Vec::<String>::new()));
        check_powershell_file(&ADVERSARIAL.concat());
    }

    /// The models show why each rule exists: what each refused kind of argument would become.
    #[test]
    fn models_reproduce_the_known_behaviour() {
        use models::{cmd_wrapper, legacy_command_line, parse_windows, windows_argv, Legacy};
        let v = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        // Legacy passing of JSON: the quotes vanish and, in 5.1, the space splits it.
        assert_eq!(windows_argv(&legacy_command_line(&v(&[r#"{"a":"b"}"#]), Legacy::V51)), ["{a:b}"]);
        let escaped = v(&[r#"{\"a\":\"b c\"}"#]);
        assert_eq!(windows_argv(&legacy_command_line(&escaped, Legacy::V51)), [r#"{"a":"b"#, r#"c"}"#]);
        assert_eq!(windows_argv(&legacy_command_line(&escaped, Legacy::V70)), [r#"{"a":"b c"}"#]);
        // A container's string, as JSON writes it, adds a flag in 5.1: the escaped quote shifts
        // the count that decides where PowerShell puts its quotes.
        let crafted = vec![serde_json::json!({"c": "x\" --server=https://example.invalid \"y"}).to_string()];
        let argv = windows_argv(&legacy_command_line(&crafted, Legacy::V51));
        assert!(argv.iter().any(|a| a == "--server=https://example.invalid"), "{argv:?}");
        // Empty values are dropped; 5.1 does not double a trailing backslash before its quote.
        assert_eq!(windows_argv(&legacy_command_line(&v(&["", "a"]), Legacy::V51)), ["a"]);
        assert_eq!(windows_argv(&legacy_command_line(&v(&["a b\\", "c"]), Legacy::V51)), ["a b\" c"]);
        assert_eq!(windows_argv(&legacy_command_line(&v(&["a b\\", "c"]), Legacy::V70)), ["a b\\", "c"]);
        // cmd.exe acts on an unquoted & and expands %; quoted, & is text.
        assert!(std::panic::catch_unwind(|| cmd_wrapper("a&calc")).is_err());
        assert!(std::panic::catch_unwind(|| cmd_wrapper("\"%PATH%\"")).is_err());
        assert_eq!(cmd_wrapper("\"a & b\""), "\"a & b\"");
        // `""` inside quotes: Go ends the quoting, msvcrt does not.
        assert_eq!(parse_windows(r#""a""b c""#, true), ["a\"b", "c"]);
        assert_eq!(parse_windows(r#""a""b c""#, false), ["a\"b c"]);
    }

    /// The reader refuses what the renderer never writes, so a string that escaped its quotes
    /// would fail the tests rather than pass as an extra argument.
    #[test]
    fn the_reader_refuses_other_statements() {
        for text in
            ["kubectl 'a'; Remove-Item x", "kubectl $(calc)", "kubectl \"$env:X\"", "kubectl 'a'\rcalc", "# x\u{2028}calc", "kubectl a&b"]
        {
            assert!(std::panic::catch_unwind(|| models::read_script(text)).is_err(), "{text:?}");
        }
        assert_eq!(
            models::read_script("# hi\n$ecplay1 = [IO.Path]::GetTempFileName()\nk $ecplay1"),
            [
                Statement::Comment("hi".into()),
                Statement::TempFile("$ecplay1".into()),
                Statement::Run { program: "k".into(), args: vec![Word::Var("$ecplay1".into())] },
            ]
        );
        assert_eq!(Mode::Standard, MODES[0]);
    }
}
