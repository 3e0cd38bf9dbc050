//! Turning a command's argv into text a user pastes into a shell.
//!
//! Commands are built as typed argv lists ([`Command`]); this module is the one place where an
//! argv becomes shell text, with one submodule per shell: [`posix`] (bash, zsh, sh/dash) and
//! [`powershell`] (PowerShell 7.3+, and Windows PowerShell 5.1 through
//! [`powershell::render_legacy`]).
//!
//! The promise: every string in every field (program and arguments) reaches the program byte for
//! byte when the text is pasted, whatever it holds: quotes, `$()`, backticks, `!`, newlines,
//! control characters, unicode, leading dashes, empty strings, glob characters. The one string no
//! shell can carry is one with a NUL character, because the operating system ends every argument
//! at its first NUL; that is a [`QuoteError`], never a silently shortened argument.
//!
//! [`ADVERSARIAL`] is the table of hostile strings every renderer is tested against; other tests
//! may reuse it.

use std::fmt;

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
    /// PowerShell 7.3 or later. For Windows PowerShell 5.1 use [`powershell::render_legacy`].
    PowerShell,
}

/// A string that no shell can pass to a program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteError {
    /// `argv[arg_index]` contains a NUL character. Index 0 is the program, `i >= 1` is
    /// `args[i - 1]`; [`quote`] reports 0.
    Nul { arg_index: usize },
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

/// Commands joined into a pipeline, `a | b | c`.
pub fn render_pipeline(shell: Shell, cmds: &[Command]) -> Result<String, QuoteError> {
    match shell {
        Shell::Posix => posix::render_pipeline(cmds),
        Shell::PowerShell => powershell::render_pipeline(cmds),
    }
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
///   * `"$(printf '\001\033')"` for other control characters (C0 except newline, DEL, C1), written
///     as octal escapes of their UTF-8 bytes. A pasted tab triggers completion and a pasted ESC or
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

    /// `a | b | c`.
    pub fn render_pipeline(cmds: &[Command]) -> Result<String, QuoteError> {
        Ok(cmds.iter().map(render).collect::<Result<Vec<_>, _>>()?.join(" | "))
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
        c.is_control() && c != '\n'
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

/// PowerShell: 7.3+ ([`render`](powershell::render)) and Windows PowerShell 5.1
/// ([`render_legacy`](powershell::render_legacy)).
///
/// PowerShell is not installed where ecplay is built, so this argument, with the golden tests
/// and the executable models of the parser, the native-argument binder and the Windows
/// command-line parsers in the tests, is the proof. Sources: `about_Parsing`,
/// `about_Quoting_Rules`, `about_Special_Characters`, and PowerShell's `tokenizer.cs`, `Parser.cs`,
/// `NativeCommandParameterBinder.cs` and `NativeCommandProcessor.cs` (current, and as imported
/// from Windows PowerShell in 2016).
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
///   doubled. Used for every argument without control characters.
/// * A double-quoted string, only for arguments with control characters (C0, DEL, C1) — pasted
///   raw, a CR, TAB or ESC may be rewritten or acted on by the terminal or PSReadLine. Inside,
///   backtick, `$` and the four double-quote characters `"` U+201C U+201D U+201E are preceded by
///   a backtick (a backtick before any other character yields that character); control
///   characters are `` `a `b `t `n `v `f `r `` (known to 5.1) or `$([char]0xNN)` (5.1 has no
///   `` `e `` or `` `u{} ``).
/// * `@('--%')` for the argument `--%`. The parser treats any string token whose value is `--%`,
///   quoted or not, as the stop-parsing token, and the binder drops any argument whose value is
///   the string `--%`; an array expression is neither, and its one element is passed as an
///   ordinary argument with no globbing (it has no wildcard) and no tilde expansion.
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
/// **7.3+** (`render`). `$PSNativeCommandArgumentPassing` defaults to `Windows` on Windows and
/// `Standard` elsewhere. Both put each argument value, empty strings included, in
/// `ProcessStartInfo.ArgumentList`; on Windows .NET writes that list as a command line that the
/// `CommandLineToArgvW`/msvcrt/Go rules read back exactly, on Unix it is the argv. Quoted strings
/// are never globbed. Not covered, and served by `render_legacy`: `Windows` mode falls back to
/// Legacy for `.bat .cmd .js .vbs .wsf` files and `cmd cscript wscript find sqlcmd` (a
/// `kubectl.cmd` shim), and a session that sets the variable to `Legacy`.
///
/// **Legacy** (Windows PowerShell 5.1, PowerShell 7.0–7.2, or `Legacy` set; `render_legacy`).
/// PowerShell writes the command line itself: arguments joined by spaces, empty strings dropped,
/// and `"…"` put around an argument only when it has whitespace outside what PowerShell takes for
/// double-quoted parts. Embedded `"` are not escaped, so `{"a":"b"}` arrives as `{a:b}`. In 5.1
/// the "outside" test counts every `"`, escaped or not, so no escaping gets `{"a":"b c"}` through
/// as one string: the space follows three `"`, so 5.1 adds no outer quotes, and any `"` we add to
/// quote the space shifts the same count. `render_legacy` therefore chooses per command:
///
/// 1. No argument contains whitespace: each argument is escaped as an unquoted Windows word —
///    every run of n backslashes followed by `"` becomes 2n backslashes then `\"`; other
///    backslashes stay — and written as in layer 1; the empty string is written `'""'`. With no
///    whitespace PowerShell adds nothing, and the program's parser undoes exactly our escaping.
/// 2. Otherwise the whole argument list is written as one Windows command line (an argument with
///    no whitespace or `"` and not empty stays as is; any other is put in `"…"` with `\"` for `"`
///    and the backslashes before a `"` or the closing quote doubled — the rules of .NET's
///    `PasteArguments`), stored in an environment variable, and handed over after the
///    stop-parsing token: `$env:ECPLAY_ARGS = '…'; kubectl --% %ECPLAY_ARGS%`. After `--%`
///    PowerShell expands `%NAME%` once (`Environment.ExpandEnvironmentVariables`) and appends the
///    result to the command line untouched: no quoting, no re-expansion of `%` or `$` inside the
///    value. `--%` runs to the end of the line or a `|`, so it is last in its pipeline stage. The
///    variable stays set in the session (harmless, and overwritten by the next export).
///
/// Neither form writes `""` inside quotes: Go (kubectl) reads it with the pre-2008 rule and msvcrt
/// with the 2008 rule. `render_legacy` text is for legacy passing only: PowerShell 7.3+ in
/// `Standard` mode would pass the `\"` escapes through and split the `--%` text on spaces.
///
/// In a pipeline, PowerShell before 7.4 passes data between two native commands as lines of
/// text, not bytes; that concerns the data, not the arguments.
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
    /// The variable `render_legacy` passes a command line through.
    const ARGS_VARIABLE: &str = "ECPLAY_ARGS";

    /// One argument, for argument position (PowerShell 7.3+ and 5.1 parse it the same).
    pub fn quote(arg: &str) -> Result<String, QuoteError> {
        check_nul_word(arg)?;
        Ok(argument(arg))
    }

    /// The command on one line, for PowerShell 7.3+.
    pub fn render(cmd: &Command) -> Result<String, QuoteError> {
        check_nul(cmd)?;
        let mut out = program(&cmd.program);
        // Quoting adds little: most of the room is known beforehand.
        out.reserve(cmd.args.iter().map(|a| a.len() + 3).sum());
        for arg in &cmd.args {
            out.push(' ');
            out.push_str(&argument(arg));
        }
        Ok(out)
    }

    /// `a | b | c`, for PowerShell 7.3+.
    pub fn render_pipeline(cmds: &[Command]) -> Result<String, QuoteError> {
        Ok(cmds.iter().map(render).collect::<Result<Vec<_>, _>>()?.join(" | "))
    }

    /// The command on one line for legacy native-argument passing: Windows PowerShell 5.1 (and
    /// PowerShell 7.0–7.2, or 7.3+ with `$PSNativeCommandArgumentPassing = 'Legacy'`, or a `.cmd`
    /// program under `Windows` mode). See the module documentation for the two forms.
    pub fn render_legacy(cmd: &Command) -> Result<String, QuoteError> {
        render_legacy_pipeline(std::slice::from_ref(cmd))
    }

    /// `a | b | c` for legacy native-argument passing; the variables the stages need are set
    /// first, on the same line.
    pub fn render_legacy_pipeline(cmds: &[Command]) -> Result<String, QuoteError> {
        let mut setup = Vec::new();
        let mut stages = Vec::new();
        for (i, cmd) in cmds.iter().enumerate() {
            check_nul(cmd)?;
            let mut stage = program(&cmd.program);
            if cmd.args.iter().any(|a| a.chars().any(is_dotnet_whitespace)) {
                let name = if cmds.len() == 1 { ARGS_VARIABLE.to_owned() } else { format!("{ARGS_VARIABLE}_{}", i + 1) };
                let line = cmd.args.iter().map(|a| windows_quoted(a)).collect::<Vec<_>>().join(" ");
                setup.push(format!("$env:{name} = {}", string_literal(&line)));
                stage.push_str(&format!(" --% %{name}%"));
            } else {
                for arg in &cmd.args {
                    stage.push(' ');
                    stage.push_str(&argument(&if arg.is_empty() { "\"\"".to_owned() } else { windows_escaped(arg) }));
                }
            }
            stages.push(stage);
        }
        setup.push(stages.join(" | "));
        Ok(setup.join("; "))
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
        if s == "--%" {
            "@('--%')".to_owned()
        } else if is_bare(s) && !is_keyword(s) {
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
        } else if s == "--%" {
            "& ('--%')".to_owned()
        } else {
            format!("& {}", string_literal(s))
        }
    }

    /// A string expression: single-quoted, or double-quoted when there are control characters.
    fn string_literal(s: &str) -> String {
        if s.chars().any(char::is_control) {
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
                c if c.is_control() => out.push_str(&format!("$([char]0x{:02X})", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// An argument without whitespace as an unquoted word of a Windows command line.
    fn windows_escaped(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        push_windows_escaped(&mut out, s, false);
        out
    }

    /// Any argument as one word of a Windows command line (.NET's `PasteArguments`).
    fn windows_quoted(s: &str) -> String {
        if !s.is_empty() && !s.chars().any(|c| c == '"' || is_dotnet_whitespace(c)) {
            return s.to_owned();
        }
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        push_windows_escaped(&mut out, s, true);
        out.push('"');
        out
    }

    /// `s` with `"` as `\"` and the backslashes before it doubled; trailing backslashes are
    /// doubled too when a closing quote follows.
    fn push_windows_escaped(out: &mut String, s: &str, closing_quote: bool) {
        let mut backslashes = 0;
        for c in s.chars() {
            match c {
                '\\' => backslashes += 1,
                '"' => {
                    out.extend(std::iter::repeat_n('\\', 2 * backslashes + 1));
                    out.push('"');
                    backslashes = 0;
                }
                c => {
                    out.extend(std::iter::repeat_n('\\', backslashes));
                    out.push(c);
                    backslashes = 0;
                }
            }
        }
        out.extend(std::iter::repeat_n('\\', if closing_quote { 2 * backslashes } else { backslashes }));
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
];

#[cfg(test)]
mod tests {
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

    #[track_caller]
    fn check_legacy(argv: &[&str], expected: &str) {
        let got = powershell::render_legacy(&command(argv)).expect("renders");
        assert_eq!(got, expected, "\nlegacy rendering of {argv:?}\n     got: {got}\nexpected: {expected}\n");
    }

    #[test]
    fn readable_commands_stay_readable() {
        let argv = ["kubectl", "patch", "pod", "web-0", "-n", "default", "--subresource=ephemeralcontainers", "--type=strategic"];
        check(Shell::Posix, &argv, "kubectl patch pod web-0 -n default --subresource=ephemeralcontainers --type=strategic");
        check(Shell::PowerShell, &argv, "kubectl patch pod web-0 -n default --subresource=ephemeralcontainers --type=strategic");
        check_legacy(&argv, "kubectl patch pod web-0 -n default --subresource=ephemeralcontainers --type=strategic");
        let argv = ["kubectl", "get", "pod/web-0", "--image=busybox:1.36", "-o", "jsonpath={.status}"];
        check(Shell::Posix, &argv, "kubectl get pod/web-0 --image=busybox:1.36 -o 'jsonpath={.status}'");
        check(Shell::PowerShell, &argv, "kubectl get pod/web-0 --image=busybox:1.36 -o 'jsonpath={.status}'");
    }

    #[test]
    fn json_patch() {
        let argv = ["kubectl", "patch", "pod", "web-0", "-p", r#"{"spec":{"c":["sh","-c","sleep 1d"]}}"#];
        check(Shell::Posix, &argv, r#"kubectl patch pod web-0 -p '{"spec":{"c":["sh","-c","sleep 1d"]}}'"#);
        check(Shell::PowerShell, &argv, r#"kubectl patch pod web-0 -p '{"spec":{"c":["sh","-c","sleep 1d"]}}'"#);
        check_legacy(
            &argv,
            r#"$env:ECPLAY_ARGS = 'patch pod web-0 -p "{\"spec\":{\"c\":[\"sh\",\"-c\",\"sleep 1d\"]}}"'; kubectl --% %ECPLAY_ARGS%"#,
        );
        check_legacy(&["kubectl", "-p", r#"{"a":"b"}"#], r#"kubectl -p '{\"a\":\"b\"}'"#);
    }

    /// One row: the argument, then its POSIX, PowerShell 7.3+ and legacy PowerShell renderings
    /// (as the only argument of `p`).
    const GOLDEN: &[(&str, &str, &str, &str)] = &[
        ("'", r"\'", "''''", "''''"),
        ("\"", r#"'"'"#, r#"'"'"#, r#"'\"'"#),
        ("''", r"\'\'", "''''''", "''''''"),
        ("\\", r"'\'", r"'\'", r"'\'"),
        ("\\\\'", r"'\\'\'", r"'\\'''", r"'\\'''"),
        ("$(id)", "'$(id)'", "'$(id)'", "'$(id)'"),
        ("`id`", "'`id`'", "'`id`'", "'`id`'"),
        ("$HOME", "'$HOME'", "'$HOME'", "'$HOME'"),
        ("${x}", "'${x}'", "'${x}'", "'${x}'"),
        ("!", "'!'", "'!'", "'!'"),
        ("!!", "'!!'", "'!!'", "'!!'"),
        ("!$", "'!$'", "'!$'", "'!$'"),
        ("a!b", "'a!b'", "'a!b'", "'a!b'"),
        ("\n", "'\n'", "\"`n\"", "$env:ECPLAY_ARGS = \"`\"`n`\"\"; p --% %ECPLAY_ARGS%"),
        ("\r\n", "\"$(printf '\\015')\"'\n'", "\"`r`n\"", "$env:ECPLAY_ARGS = \"`\"`r`n`\"\"; p --% %ECPLAY_ARGS%"),
        ("\t", "\"$(printf '\\011')\"", "\"`t\"", "$env:ECPLAY_ARGS = \"`\"`t`\"\"; p --% %ECPLAY_ARGS%"),
        ("héllo", "'héllo'", "'héllo'", "'héllo'"),
        ("🦀", "'🦀'", "'🦀'", "'🦀'"),
        ("שלום", "'שלום'", "'שלום'", "'שלום'"),
        ("*", "'*'", "'*'", "'*'"),
        ("?", "'?'", "'?'", "'?'"),
        ("[a]", "'[a]'", "'[a]'", "'[a]'"),
        ("~", "'~'", "'~'", "'~'"),
        ("~root", "'~root'", "'~root'", "'~root'"),
        ("#x", "'#x'", "'#x'", "'#x'"),
        ("a#b", "'a#b'", "'a#b'", "'a#b'"),
        ("%PATH%", "%PATH%", "'%PATH%'", "'%PATH%'"),
        ("^", "'^'", "'^'", "'^'"),
        ("{a,b}", "'{a,b}'", "'{a,b}'", "'{a,b}'"),
        ("a;b", "'a;b'", "'a;b'", "'a;b'"),
        ("a&b", "'a&b'", "'a&b'", "'a&b'"),
        ("a|b", "'a|b'", "'a|b'", "'a|b'"),
        ("<x", "'<x'", "'<x'", "'<x'"),
        (">x", "'>x'", "'>x'", "'>x'"),
        ("--%", "--%", "@('--%')", "@('--%')"),
        ("-n", "-n", "-n", "-n"),
        ("--", "--", "'--'", "'--'"),
        ("", "''", "''", r#"'""'"#),
        ("   ", "'   '", "'   '", r#"$env:ECPLAY_ARGS = '"   "'; p --% %ECPLAY_ARGS%"#),
        ("a\\", r"'a\'", r"'a\'", r"'a\'"),
        ("\\\"", r#"'\"'"#, r#"'\"'"#, r#"'\\\"'"#),
        ("'\"'", r#"\''"'\'"#, r#"'''"'''"#, r#"'''\"'''"#),
        ("{\"a\":\"b c\"}", r#"'{"a":"b c"}'"#, r#"'{"a":"b c"}'"#, r#"$env:ECPLAY_ARGS = '"{\"a\":\"b c\"}"'; p --% %ECPLAY_ARGS%"#),
        ("@x", "@x", "'@x'", "'@x'"),
        ("$", "'$'", "'$'", "'$'"),
        ("`", "'`'", "'`'", "'`'"),
        ("\u{2018}x\u{2019}", "'\u{2018}x\u{2019}'", "'\u{2018}\u{2018}x\u{2019}\u{2019}'", "'\u{2018}\u{2018}x\u{2019}\u{2019}'"),
        ("\u{201A}\u{201B}", "'\u{201A}\u{201B}'", "'\u{201A}\u{201A}\u{201B}\u{201B}'", "'\u{201A}\u{201A}\u{201B}\u{201B}'"),
        ("\u{201C}x\u{201D}", "'\u{201C}x\u{201D}'", "'\u{201C}x\u{201D}'", "'\u{201C}x\u{201D}'"),
        ("=", "'='", "'='", "'='"),
        ("a=b", "a=b", "a=b", "a=b"),
        ("a=b c", "'a=b c'", "'a=b c'", r#"$env:ECPLAY_ARGS = '"a=b c"'; p --% %ECPLAY_ARGS%"#),
        ("\u{1}", "\"$(printf '\\001')\"", "\"$([char]0x01)\"", "\"$([char]0x01)\""),
        ("\u{1b}[1m", "\"$(printf '\\033')\"'[1m'", "\"$([char]0x1B)[1m\"", "\"$([char]0x1B)[1m\""),
        ("\u{85}", "\"$(printf '\\302\\205')\"", "\"$([char]0x85)\"", "$env:ECPLAY_ARGS = \"`\"$([char]0x85)`\"\"; p --% %ECPLAY_ARGS%"),
        ("\u{7f}$`\"", "\"$(printf '\\177')\"'$`\"'", "\"$([char]0x7F)`$```\"\"", "\"$([char]0x7F)`$``\\`\"\""),
        ("-foo.bar", "-foo.bar", "'-foo.bar'", "'-foo.bar'"),
        ("-foo:bar", "-foo:bar", "'-foo:bar'", "'-foo:bar'"),
        ("--foo=a.b:c", "--foo=a.b:c", "--foo=a.b:c", "--foo=a.b:c"),
        ("08", "08", "'08'", "'08'"),
        ("0x10", "0x10", "'0x10'", "'0x10'"),
        ("-1", "-1", "'-1'", "'-1'"),
        (".5", ".5", "'.5'", "'.5'"),
        ("a,b", "a,b", "'a,b'", "'a,b'"),
        ("if", "if", "'if'", "'if'"),
        ("a b\\", r"'a b\'", r"'a b\'", r#"$env:ECPLAY_ARGS = '"a b\\"'; p --% %ECPLAY_ARGS%"#),
        ("a\\\"b", r#"'a\"b'"#, r#"'a\"b'"#, r#"'a\\\"b'"#),
        ("a\n^b", "'a\n'\\^'b'", "\"a`n^b\"", "$env:ECPLAY_ARGS = \"`\"a`n^b`\"\"; p --% %ECPLAY_ARGS%"),
    ];

    #[test]
    fn golden_arguments() {
        for &(arg, posix, pwsh, legacy) in GOLDEN {
            check(Shell::Posix, &["p", arg], &format!("p {posix}"));
            check(Shell::PowerShell, &["p", arg], &format!("p {pwsh}"));
            check_legacy(&["p", arg], &if legacy.starts_with("$env:") { legacy.to_owned() } else { format!("p {legacy}") });
            assert_eq!(quote(Shell::Posix, arg).unwrap(), posix);
            assert_eq!(quote(Shell::PowerShell, arg).unwrap(), pwsh);
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
        check(Shell::PowerShell, &["--%", "x"], "& ('--%') x");
        check_legacy(&[r"C:\k 1\k.exe", "a b"], r#"$env:ECPLAY_ARGS = '"a b"'; & 'C:\k 1\k.exe' --% %ECPLAY_ARGS%"#);
    }

    #[test]
    fn pipelines() {
        let cmds = [command(&["kubectl", "get", "pods", "-o", "json"]), command(&["jq", ".items[] | .name"]), command(&["sort"])];
        assert_eq!(render_pipeline(Shell::Posix, &cmds).unwrap(), "kubectl get pods -o json | jq '.items[] | .name' | sort");
        assert_eq!(render_pipeline(Shell::PowerShell, &cmds).unwrap(), "kubectl get pods -o json | jq '.items[] | .name' | sort");
        assert_eq!(
            powershell::render_legacy_pipeline(&cmds).unwrap(),
            r#"$env:ECPLAY_ARGS_2 = '".items[] | .name"'; kubectl get pods -o json | jq --% %ECPLAY_ARGS_2% | sort"#
        );
        assert_eq!(render_pipeline(Shell::Posix, &[]).unwrap(), "");
    }

    #[test]
    fn nul_is_an_error_naming_the_argument() {
        for shell in [Shell::Posix, Shell::PowerShell] {
            assert_eq!(quote(shell, "a\0b"), Err(QuoteError::Nul { arg_index: 0 }));
            assert_eq!(render(shell, &command(&["k", "ok", "\0"])), Err(QuoteError::Nul { arg_index: 2 }));
            assert_eq!(render(shell, &command(&["k\0"])), Err(QuoteError::Nul { arg_index: 0 }));
            let cmds = [command(&["a"]), command(&["b", "\0x"])];
            assert_eq!(render_pipeline(shell, &cmds), Err(QuoteError::Nul { arg_index: 1 }));
        }
        assert_eq!(powershell::render_legacy(&command(&["k", "a b", "\0"])), Err(QuoteError::Nul { arg_index: 2 }));
        let message = QuoteError::Nul { arg_index: 2 }.to_string();
        assert!(message.starts_with("argument 2 (argv[2]) contains a NUL character"), "{message}");
        assert!(QuoteError::Nul { arg_index: 0 }.to_string().starts_with("the program name (argv[0])"));
    }

    #[test]
    fn adversarial_table() {
        assert!(ADVERSARIAL.len() >= 50);
        assert!(ADVERSARIAL.iter().all(|s| !s.contains('\0')));
        assert!(ADVERSARIAL.iter().any(|s| s.len() >= 10 * 1024));
    }

    // ---- POSIX: real shells -------------------------------------------------------------

    /// Runs `script` with `sh` and returns what its `printf '%s\0' …` printed, split at NUL.
    fn run(shell: &[&str], script: &str, via_stdin: bool) -> Vec<String> {
        use std::io::Write as _;
        use std::process::{Command as Process, Stdio};
        let mut p = Process::new(shell[0]);
        p.args(&shell[1..]).stdout(Stdio::piped()).stderr(Stdio::null());
        if via_stdin {
            p.stdin(Stdio::piped());
        } else {
            p.arg("-c").arg(script).stdin(Stdio::null());
        }
        let mut child = p.spawn().unwrap_or_else(|e| panic!("{shell:?} must be installed: {e}"));
        if via_stdin {
            let mut stdin = child.stdin.take().unwrap();
            stdin.write_all(script.as_bytes()).unwrap();
            stdin.write_all(b"\nexit\n").unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{shell:?} failed on {script:?}");
        let mut fields: Vec<String> = String::from_utf8(out.stdout).unwrap().split('\0').map(str::to_owned).collect();
        assert_eq!(fields.pop().as_deref(), Some(""), "{shell:?}: output must end with NUL");
        fields
    }

    /// The shells the POSIX rendering is run through: dash as `/bin/sh` is typical, bash, and
    /// an interactive bash (history expansion of `!` is on there).
    const SHELLS: &[(&[&str], bool)] =
        &[(&["/bin/sh"], false), (&["bash", "--norc", "--noprofile"], false), (&["bash", "--norc", "--noprofile", "-i"], true)];

    #[track_caller]
    fn round_trip_posix(args: &[String]) {
        let mut argv = vec!["%s\\0".to_owned()];
        argv.extend(args.iter().cloned());
        let script = render(Shell::Posix, &Command::new("printf", argv)).unwrap();
        assert!(!args.is_empty(), "printf with no arguments still prints its format once");
        for (shell, via_stdin) in SHELLS {
            assert_eq!(run(shell, &script, *via_stdin), args, "{shell:?} changed arguments of {script:?}");
        }
    }

    #[test]
    fn posix_round_trip_through_real_shells() {
        round_trip_posix(&ADVERSARIAL.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        let every_byte: String = (1u8..0x80).map(char::from).chain(('\u{80}'..='\u{ff}').take(64)).collect();
        round_trip_posix(&[every_byte]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 64,
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
            check_powershell_models(&Command::new("kubectl", args));
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

    // ---- PowerShell: executable models ----------------------------------------------------
    //
    // A reader for the subset of PowerShell the renderer writes (tokenizer.cs rules), the legacy
    // native-argument binder of 5.1 and of 7.0–7.2 (NativeCommandParameterBinder.cs), and the
    // Windows command-line parsers of Go (kubectl) and msvcrt. PowerShell 7.3+ passes values
    // as they are (ArgumentList).

    #[derive(Debug, Clone, PartialEq)]
    enum Value {
        Str(String),
        /// `@('--%')`: an array, whose elements are passed one by one.
        Array(Vec<String>),
        /// The stop-parsing token and the verbatim text after it.
        Verbatim(String),
    }

    #[derive(Debug)]
    struct Stage {
        program: String,
        args: Vec<Value>,
    }

    struct Reader {
        chars: Vec<char>,
        i: usize,
    }

    impl Reader {
        fn peek(&self) -> Option<char> {
            self.chars.get(self.i).copied()
        }
        fn next(&mut self) -> char {
            let c = self.chars[self.i];
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
            assert!(DOUBLE.contains(&open), "expected a string at {}", self.i);
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
                    assert!(self.eat("([char]0x"), "only $([char]0xNN) may follow $ in a double-quoted string");
                    let hex: String = (0..2).map(|_| self.next()).collect();
                    assert!(self.eat(")"));
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

        fn argument(&mut self) -> Value {
            match self.peek().unwrap() {
                c if SINGLE.contains(&c) || DOUBLE.contains(&c) => {
                    let s = self.string();
                    assert_ne!(s, "--%", "a string --% is the stop-parsing token");
                    Value::Str(s)
                }
                '@' => {
                    assert!(self.eat("@("));
                    let s = self.string();
                    assert!(self.eat(")"));
                    Value::Array(vec![s])
                }
                _ if self.eat("--% ") => {
                    let start = self.i;
                    while self.peek().is_some_and(|c| c != '|' && c != '\n' && c != '\r' && !DOUBLE.contains(&c)) {
                        self.i += 1;
                    }
                    Value::Verbatim(self.chars[start..self.i].iter().collect())
                }
                _ => Value::Str(self.bare()),
            }
        }

        fn stage(&mut self) -> Stage {
            let program = if self.eat("& ") {
                if self.eat("(") {
                    let s = self.string();
                    assert!(self.eat(")"));
                    s
                } else {
                    self.string()
                }
            } else {
                let p = self.bare();
                assert!(!p.starts_with('-'));
                p
            };
            let mut args = Vec::new();
            while self.peek().is_some() {
                if self.eat(" | ") {
                    break;
                }
                if let Some(Value::Verbatim(_)) = args.last() {
                    assert!(self.eat("| "), "the verbatim text runs to the end or a pipe");
                    break;
                }
                assert!(self.eat(" "), "arguments are separated by one space at {}", self.i);
                args.push(self.argument());
            }
            Stage { program, args }
        }
    }

    const SINGLE: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'];
    const DOUBLE: [char; 4] = ['"', '\u{201C}', '\u{201D}', '\u{201E}'];

    /// Reads `$env:NAME = '…'; ` assignments, then a pipeline.
    fn read_line(line: &str) -> (Vec<(String, String)>, Vec<Stage>) {
        let mut r = Reader { chars: line.chars().collect(), i: 0 };
        let mut env = Vec::new();
        while r.eat("$env:") {
            let start = r.i;
            while r.peek() != Some(' ') {
                r.i += 1;
            }
            let name: String = r.chars[start..r.i].iter().collect();
            assert!(r.eat(" = "));
            env.push((name, r.string()));
            assert!(r.eat("; "));
        }
        let mut stages = Vec::new();
        while r.peek().is_some() {
            stages.push(r.stage());
        }
        (env, stages)
    }

    /// PowerShell 7.3+ (`Standard`/`Windows` for an .exe): values go to the program unchanged.
    fn standard_argv(stage: &Stage) -> Vec<String> {
        stage
            .args
            .iter()
            .flat_map(|v| match v {
                Value::Str(s) => vec![s.clone()],
                Value::Array(items) => items.clone(),
                Value::Verbatim(_) => panic!("--% is not used for PowerShell 7.3+"),
            })
            .collect()
    }

    #[derive(Clone, Copy, Debug)]
    enum Legacy {
        /// Windows PowerShell 5.1: counts every `"`, never doubles trailing backslashes.
        V51,
        /// PowerShell 7.0–7.2: skips `"` right after a backslash, doubles trailing backslashes.
        V70,
    }

    fn need_quotes(arg: &str, version: Legacy) -> bool {
        let (mut quotes, mut after_backslash) = (0, false);
        for c in arg.chars() {
            if c == '"' && !(matches!(version, Legacy::V70) && after_backslash) {
                quotes += 1;
            } else if c.is_whitespace() && quotes % 2 == 0 {
                return true;
            }
            after_backslash = c == '\\';
        }
        false
    }

    /// `Environment.ExpandEnvironmentVariables`: one pass, `%NAME%` of a set variable only.
    fn expand(text: &str, env: &[(String, String)]) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(p) = rest.find('%') {
            out.push_str(&rest[..p]);
            let after = &rest[p + 1..];
            match after.find('%').and_then(|q| env.iter().find(|(n, _)| n.eq_ignore_ascii_case(&after[..q])).map(|(_, v)| (q, v))) {
                Some((q, v)) => {
                    out.push_str(v);
                    rest = &after[q + 1..];
                }
                None => {
                    out.push('%');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The command line (after the program) legacy passing builds.
    fn legacy_command_line(stage: &Stage, env: &[(String, String)], version: Legacy) -> String {
        let mut out = String::new();
        let mut verbatim = false;
        let append = |out: &mut String, arg: &str, verbatim: bool| {
            if arg.is_empty() {
                // Legacy passing drops empty strings.
            } else if verbatim {
                out.push_str(&expand(arg, env));
            } else if need_quotes(arg, version) {
                out.push('"');
                out.push_str(arg);
                if matches!(version, Legacy::V70) {
                    out.extend(std::iter::repeat_n('\\', arg.len() - arg.trim_end_matches('\\').len()));
                }
                out.push('"');
            } else {
                out.push_str(arg);
            }
        };
        for (i, v) in stage.args.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            match v {
                Value::Str(s) => append(&mut out, s, verbatim),
                Value::Array(items) => {
                    for (j, item) in items.iter().filter(|s| !s.is_empty()).enumerate() {
                        if j > 0 {
                            out.push(' ');
                        }
                        append(&mut out, item, verbatim);
                    }
                }
                Value::Verbatim(text) => {
                    verbatim = true;
                    out.push(' ');
                    append(&mut out, text, verbatim);
                }
            }
        }
        out
    }

    /// Go's `commandLineToArgv` (os/exec_windows.go): the pre-2008 rule for `""` in quotes.
    fn go_argv(line: &str) -> Vec<String> {
        windows_argv(line, true)
    }

    /// msvcrt 2008+: `""` inside quotes is a literal quote and quoting continues.
    fn msvcrt_argv(line: &str) -> Vec<String> {
        windows_argv(line, false)
    }

    fn windows_argv(line: &str, go: bool) -> Vec<String> {
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

    /// Renders `cmd` for 7.3+ and for legacy passing and checks, through the models, that every
    /// argument arrives unchanged.
    #[track_caller]
    fn check_powershell_models(cmd: &Command) {
        let modern = powershell::render(cmd).unwrap();
        let (env, stages) = read_line(&modern);
        assert!(env.is_empty());
        assert_eq!(stages.len(), 1);
        assert_eq!(stages[0].program, cmd.program);
        assert_eq!(standard_argv(&stages[0]), cmd.args, "7.3+ passing of {modern:?}");

        let legacy = powershell::render_legacy(cmd).unwrap();
        let (env, stages) = read_line(&legacy);
        assert_eq!(stages.len(), 1);
        assert_eq!(stages[0].program, cmd.program);
        for version in [Legacy::V51, Legacy::V70] {
            let line = legacy_command_line(&stages[0], &env, version);
            assert_eq!(go_argv(&line), cmd.args, "{version:?} + Go: {legacy:?} gave the command line {line:?}");
            assert_eq!(msvcrt_argv(&line), cmd.args, "{version:?} + msvcrt: {legacy:?} gave the command line {line:?}");
        }
    }

    #[test]
    fn powershell_models_carry_every_adversarial_string() {
        for arg in ADVERSARIAL {
            check_powershell_models(&Command::new("kubectl", [*arg]));
            check_powershell_models(&Command::new("kubectl", ["-p", *arg, "x"]));
        }
        check_powershell_models(&Command::new("kubectl", ADVERSARIAL.iter().copied()));
        let plain: Vec<&str> = ADVERSARIAL.iter().copied().filter(|s| !s.chars().any(char::is_whitespace)).collect();
        check_powershell_models(&Command::new("kubectl", plain));
        check_powershell_models(&Command::new("kubectl", Vec::<String>::new()));
    }

    #[test]
    fn powershell_pipelines_through_the_models() {
        let cmds = [Command::new("kubectl", ["get", "-o", "json"]), Command::new("jq", [".a | .b", "x\"y"]), Command::new("k", ["a\"b"])];
        let (_, stages) = read_line(&render_pipeline(Shell::PowerShell, &cmds).unwrap());
        assert_eq!(stages.iter().map(standard_argv).collect::<Vec<_>>(), cmds.iter().map(|c| c.args.clone()).collect::<Vec<_>>());
        let (env, stages) = read_line(&powershell::render_legacy_pipeline(&cmds).unwrap());
        for (stage, cmd) in stages.iter().zip(&cmds) {
            assert_eq!(go_argv(&legacy_command_line(stage, &env, Legacy::V51)), cmd.args);
        }
    }

    /// The models themselves: the failure this module exists to avoid, and the parsers'
    /// disagreement that it steers around.
    #[test]
    fn models_reproduce_the_known_behaviour() {
        // Naive escaping in 5.1: the space after three `"` is not quoted, so the JSON splits.
        let stage = Stage { program: "k".into(), args: vec![Value::Str(r#"{\"a\":\"b c\"}"#.into())] };
        assert_eq!(go_argv(&legacy_command_line(&stage, &[], Legacy::V51)), [r#"{"a":"b"#, r#"c"}"#]);
        assert_eq!(go_argv(&legacy_command_line(&stage, &[], Legacy::V70)), [r#"{"a":"b c"}"#]);
        // Unescaped quotes vanish under legacy passing: `{"a":"b"}` arrives as `{a:b}`.
        let stage = Stage { program: "k".into(), args: vec![Value::Str(r#"{"a":"b"}"#.into())] };
        assert_eq!(go_argv(&legacy_command_line(&stage, &[], Legacy::V51)), ["{a:b}"]);
        // `""` inside quotes: Go ends the quoting, msvcrt does not.
        assert_eq!(go_argv(r#""a""b c""#), ["a\"b", "c"]);
        assert_eq!(msvcrt_argv(r#""a""b c""#), ["a\"b c"]);
        assert_eq!(expand("%A%%B% %C%", &[("A".into(), "%B%".into()), ("B".into(), "x".into())]), "%B%x %C%");
    }
}
