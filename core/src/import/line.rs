//! A command line read as the shell would split it, without running anything.
//!
//! POSIX (bash, zsh, sh), as POSIX.1-2024 "Shell Command Language" §2.2–2.3 and bash's
//! manual ("QUOTING", "ANSI-C Quoting") say: words split at blanks; `'…'` literal; `"…"` with
//! `\` before `$`, `` ` ``, `"`, `\` and a newline; `\` outside quotes; `\`-newline joins
//! lines; `$'…'` with its escapes; `#` starts a comment at the start of a word; `;`, `&`,
//! `&&`, `||`, `|` and line ends separate commands; `NAME=value` before a command sets its
//! environment; here-documents (`<<EOF`, `<<'EOF'`, `<<-EOF`), here-strings (`<<<`) and
//! redirections (`<`, `>`, `>>`, `2>&1`) are read so that a body given on standard input, or a
//! file written by `cat > FILE <<'EOF'`, is known. A `$ ` prompt at the start of a command is
//! taken off.
//!
//! PowerShell (5.1 and 7), as `about_Quoting_Rules` and `about_Special_Characters` say:
//! `'…'` literal with `''` for a quote, `"…"` with `` ` `` escapes and `""`, `` ` `` escapes
//! outside quotes and joins lines before a line end, `#` comments, `;` and `|`. A `PS>` or
//! `PS C:\…>` prompt is taken off. It is chosen when the text has a backtick continuation or a
//! PowerShell prompt.
//!
//! What only running the shell would tell — a command substitution (`$(…)`, `` `…` ``), a
//! variable (`$POD`, `${POD}`, `$env:POD`), a subshell or a group — is refused where it stands,
//! never guessed: an unquoted `$setElementOrder` in a patch body is a variable to the shell,
//! which replaces it with nothing, and the refusal says so.

use crate::diag::go_quote;
use crate::node::Pos;

/// The shell whose rules a text was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Posix,
    PowerShell,
}

/// One word after quote removal, and where it starts in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub pos: Pos,
}

/// Where a command's standard input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stdin {
    /// A here-document or here-string, its text as the command reads it.
    Text(String),
    /// `< FILE`.
    File(Word),
    /// The previous command of a pipeline (`printf '%s' '…' | kubectl …`).
    Pipe,
}

/// One simple command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cmd {
    /// `NAME=value` words before the command.
    pub env: Vec<(String, String)>,
    pub words: Vec<Word>,
    pub stdin: Option<Stdin>,
    /// `> FILE` or `>> FILE`: where its standard output goes.
    pub stdout: Option<Word>,
    /// Whether its output is piped into the next command.
    pub piped: bool,
    /// Where the command starts.
    pub pos: Pos,
}

/// Text the reader cannot take, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub pos: Pos,
    pub message: String,
}

/// The dialect a text is written in: PowerShell when it starts with a PowerShell prompt, or
/// when a line ends in a backtick continuation and the text does not read as POSIX (where an
/// unquoted backtick starts a command substitution); else POSIX.
pub fn dialect(text: &str) -> Dialect {
    if powershell_prompt(text.trim_start()).is_some() {
        return Dialect::PowerShell;
    }
    let continued = text.lines().any(|l| {
        let t = l.trim_end();
        t.ends_with(" `") || t == "`"
    });
    if continued && Reader::new(text, Dialect::Posix).commands().is_err() {
        Dialect::PowerShell
    } else {
        Dialect::Posix
    }
}

/// Reads `text` into its commands.
pub fn read(text: &str) -> Result<(Dialect, Vec<Cmd>), ReadError> {
    let dialect = dialect(text);
    let mut r = Reader::new(text, dialect);
    r.commands()?;
    Ok((dialect, r.done))
}

/// The length of a PowerShell prompt at the start of `s` (`PS>`, `PS C:\work>`), with the
/// blank after it.
fn powershell_prompt(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("PS")?;
    let end = if let Some(r) = rest.strip_prefix('>') {
        s.len() - r.len()
    } else if rest.starts_with(' ') {
        let gt = rest.find('>')?;
        if rest[..gt].contains('\n') || rest[..gt].trim().is_empty() {
            return None;
        }
        2 + gt + 1
    } else {
        return None;
    };
    let blank = s[end..].chars().take_while(|c| *c == ' ' || *c == '\t').count();
    Some(end + blank)
}

struct Reader<'a> {
    chars: Vec<char>,
    at: usize,
    /// Line and column of each char.
    pos: Vec<Pos>,
    dialect: Dialect,
    done: Vec<Cmd>,
    /// Here-documents whose bodies start after the current line: (delimiter, strip tabs,
    /// quoted delimiter, the command's index, where the operator was).
    pending: Vec<(String, bool, bool, usize, Pos)>,
    _text: &'a str,
}

/// A character that ends an unquoted word.
fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\r'
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, dialect: Dialect) -> Reader<'a> {
        let chars: Vec<char> = text.chars().collect();
        let mut pos = Vec::with_capacity(chars.len() + 1);
        let (mut line, mut column) = (1u32, 1u32);
        for &c in &chars {
            pos.push(Pos { line, column });
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        pos.push(Pos { line, column });
        Reader { chars, at: 0, pos, dialect, done: Vec::new(), pending: Vec::new(), _text: text }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.at + n).copied()
    }

    fn here(&self) -> Pos {
        self.pos[self.at.min(self.pos.len() - 1)]
    }

    fn err<T>(&self, pos: Pos, message: impl Into<String>) -> Result<T, ReadError> {
        Err(ReadError { pos, message: message.into() })
    }

    /// The escape character outside quotes: `\` (POSIX) or `` ` `` (PowerShell).
    fn escape(&self) -> char {
        match self.dialect {
            Dialect::Posix => '\\',
            Dialect::PowerShell => '`',
        }
    }

    /// Skips blanks and line continuations.
    fn skip_blanks(&mut self) {
        loop {
            match self.peek() {
                Some(c) if is_blank(c) => self.at += 1,
                Some(c) if c == self.escape() && self.continuation_after(1).is_some() => {
                    self.at += 1 + self.continuation_after(1).unwrap_or(0);
                }
                _ => return,
            }
        }
    }

    /// With the escape character at `self.at + n - 1`: the length of the line end after it
    /// (`\n` or `\r\n`), if one follows.
    fn continuation_after(&self, n: usize) -> Option<usize> {
        match (self.peek_at(n), self.peek_at(n + 1)) {
            (Some('\n'), _) => Some(1),
            (Some('\r'), Some('\n')) => Some(2),
            _ => None,
        }
    }

    /// Takes a prompt off at the start of a command: `$ ` (POSIX) or `PS…> ` (PowerShell).
    fn skip_prompt(&mut self) {
        match self.dialect {
            Dialect::Posix => {
                if self.peek() == Some('$') && matches!(self.peek_at(1), Some(' ' | '\t')) {
                    self.at += 2;
                    self.skip_blanks();
                }
            }
            Dialect::PowerShell => {
                let rest: String = self.chars[self.at..].iter().take(400).collect();
                if let Some(n) = powershell_prompt(&rest) {
                    self.at += rest[..n].chars().count();
                }
            }
        }
    }

    fn commands(&mut self) -> Result<(), ReadError> {
        let mut cmd = Cmd::default();
        let mut start = true;
        loop {
            if start {
                self.skip_blanks();
                self.skip_prompt();
                cmd.pos = self.here();
                start = false;
            }
            self.skip_blanks();
            let Some(c) = self.peek() else { break };
            let pos = self.here();
            match c {
                '\n' => {
                    self.at += 1;
                    self.finish(&mut cmd, false);
                    self.here_documents()?;
                    start = true;
                }
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.at += 1;
                    }
                }
                ';' => {
                    self.at += 1;
                    self.finish(&mut cmd, false);
                    start = true;
                }
                '&' if self.dialect == Dialect::Posix => {
                    self.at += if self.peek_at(1) == Some('&') { 2 } else { 1 };
                    if self.peek() == Some('>') {
                        return self.err(pos, "`&>` redirects both outputs; ecplay reads no such redirection");
                    }
                    self.finish(&mut cmd, false);
                    start = true;
                }
                '&' if self.peek_at(1) == Some('&') => {
                    self.at += 2;
                    self.finish(&mut cmd, false);
                    start = true;
                }
                '|' => {
                    if self.peek_at(1) == Some('|') {
                        self.at += 2;
                        self.finish(&mut cmd, false);
                    } else {
                        self.at += 1;
                        self.finish(&mut cmd, true);
                    }
                    start = true;
                }
                '(' | ')' if self.dialect == Dialect::Posix => {
                    return self.err(pos, format!("`{c}` starts or ends a subshell; give the command itself"));
                }
                '<' | '>' if self.dialect == Dialect::Posix => self.redirect(&mut cmd, None)?,
                '>' => self.redirect(&mut cmd, None)?,
                _ => {
                    let word = self.word()?;
                    // `2>&1`, `2>file`: a file descriptor before a redirection.
                    if self.peek().is_some_and(|c| c == '>' || (c == '<' && self.dialect == Dialect::Posix))
                        && !word.text.is_empty()
                        && word.text.chars().all(|c| c.is_ascii_digit())
                    {
                        self.redirect(&mut cmd, Some(word.text))?;
                        continue;
                    }
                    if cmd.words.is_empty() && self.dialect == Dialect::Posix {
                        if let Some((name, value)) = assignment(&word.text) {
                            cmd.env.push((name, value));
                            continue;
                        }
                    }
                    cmd.words.push(word);
                }
            }
        }
        self.finish(&mut cmd, false);
        if let Some((delim, _, _, _, pos)) = self.pending.first() {
            return self.err(*pos, format!("the here-document has no line {delim_q} to end it", delim_q = go_quote(delim)));
        }
        Ok(())
    }

    fn finish(&mut self, cmd: &mut Cmd, piped: bool) {
        let mut done = std::mem::take(cmd);
        done.piped = piped;
        let prev_piped = self.done.last().is_some_and(|c| c.piped);
        if done.words.is_empty() && done.env.is_empty() {
            return;
        }
        if prev_piped && done.stdin.is_none() {
            // `printf '%s\n' WORD | cmd`, as the exports write a body with control characters.
            let printed = self.done.last().and_then(|p| match p.words.as_slice() {
                [prog, format, word] if prog.text == "printf" && format.text == r"%s\n" => Some(format!("{}\n", word.text)),
                _ => None,
            });
            done.stdin = Some(printed.map_or(Stdin::Pipe, Stdin::Text));
        }
        self.done.push(done);
    }

    /// A redirection at `self.at` (`<`, `<<`, `<<-`, `<<<`, `>`, `>>`, `>&N`).
    fn redirect(&mut self, cmd: &mut Cmd, fd: Option<String>) -> Result<(), ReadError> {
        let pos = self.here();
        let op: String = self.chars[self.at..].iter().take(3).collect();
        let index = self.done.len();
        if op.starts_with("<<<") {
            self.at += 3;
            self.skip_blanks();
            let word = self.word()?;
            cmd.stdin = Some(Stdin::Text(format!("{}\n", word.text)));
        } else if op.starts_with("<<") {
            self.at += 2;
            let strip = self.peek() == Some('-');
            if strip {
                self.at += 1;
            }
            self.skip_blanks();
            let raw_start = self.at;
            let word = self.word()?;
            let quoted = self.chars[raw_start..self.at].iter().any(|c| matches!(c, '\'' | '"' | '\\'));
            if word.text.is_empty() {
                return self.err(pos, "a here-document needs a delimiter word after <<");
            }
            self.pending.push((word.text, strip, quoted, index, pos));
            cmd.stdin = Some(Stdin::Text(String::new()));
        } else if op.starts_with('<') {
            self.at += 1;
            self.skip_blanks();
            let word = self.word()?;
            cmd.stdin = Some(Stdin::File(word));
        } else {
            // `>`, `>>`, `>|`, `>&N`.
            self.at += 1;
            if matches!(self.peek(), Some('>' | '|')) {
                self.at += 1;
            }
            let dup = self.peek() == Some('&');
            if dup {
                self.at += 1;
            }
            self.skip_blanks();
            let word = self.word()?;
            if dup || fd.as_deref().is_some_and(|f| f != "1") {
                // Standard error, or one output joined to another: nothing the request depends on.
                return Ok(());
            }
            cmd.stdout = Some(word);
        }
        Ok(())
    }

    /// Reads the bodies of the here-documents opened on the line just ended.
    fn here_documents(&mut self) -> Result<(), ReadError> {
        for (delim, strip, quoted, index, pos) in std::mem::take(&mut self.pending) {
            let mut body = String::new();
            let mut found = false;
            while self.at < self.chars.len() {
                let start = self.at;
                while self.peek().is_some_and(|c| c != '\n') {
                    self.at += 1;
                }
                let mut line: String = self.chars[start..self.at].iter().collect();
                if self.peek() == Some('\n') {
                    self.at += 1;
                }
                if strip {
                    line = line.trim_start_matches('\t').to_owned();
                }
                if line == delim || line.trim_end_matches('\r') == delim {
                    found = true;
                    break;
                }
                if !quoted {
                    if let Some(col) = line.find(['$', '`']) {
                        let at = Pos { line: self.pos[start].line, column: self.pos[start].column + line[..col].chars().count() as u32 };
                        return self.err(at, expansion_message(&line[col..], "the here-document's delimiter is not quoted, so the shell"));
                    }
                    if line.contains('\\') {
                        line = unescape_heredoc(&line);
                    }
                }
                body.push_str(&line);
                body.push('\n');
            }
            if !found {
                return self.err(pos, format!("the here-document has no line {delim_q} to end it", delim_q = go_quote(&delim)));
            }
            let target = if index < self.done.len() { self.done.get_mut(index) } else { None };
            if let Some(cmd) = target {
                cmd.stdin = Some(Stdin::Text(body));
            }
        }
        Ok(())
    }

    /// One word, with its quotes removed.
    fn word(&mut self) -> Result<Word, ReadError> {
        let pos = self.here();
        let mut text = String::new();
        match self.dialect {
            Dialect::Posix => self.posix_word(&mut text)?,
            Dialect::PowerShell => self.powershell_word(&mut text)?,
        }
        Ok(Word { text, pos })
    }

    fn posix_word(&mut self, text: &mut String) -> Result<(), ReadError> {
        while let Some(c) = self.peek() {
            let pos = self.here();
            match c {
                c if is_blank(c) || matches!(c, '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')') => break,
                '\\' => match self.continuation_after(1) {
                    Some(n) => self.at += 1 + n,
                    None => match self.peek_at(1) {
                        Some(next) => {
                            text.push(next);
                            self.at += 2;
                        }
                        None => self.at += 1,
                    },
                },
                '\'' => {
                    self.at += 1;
                    loop {
                        match self.peek() {
                            None => return self.err(pos, "this single quote is never closed"),
                            Some('\'') => {
                                self.at += 1;
                                break;
                            }
                            Some(c) => {
                                text.push(c);
                                self.at += 1;
                            }
                        }
                    }
                }
                '"' => {
                    self.at += 1;
                    loop {
                        let at = self.here();
                        match self.peek() {
                            None => return self.err(pos, "this double quote is never closed"),
                            Some('"') => {
                                self.at += 1;
                                break;
                            }
                            Some('\\') => match self.peek_at(1) {
                                Some('\n') => self.at += 2,
                                Some(n @ ('$' | '`' | '"' | '\\')) => {
                                    text.push(n);
                                    self.at += 2;
                                }
                                _ => {
                                    text.push('\\');
                                    self.at += 1;
                                }
                            },
                            Some('$') if self.dollar_expands() => {
                                if let Some((printed, len)) = printf_substitution(&self.chars[self.at..]) {
                                    text.push_str(&printed);
                                    self.at += len;
                                    continue;
                                }
                                let rest: String = self.chars[self.at..].iter().take(40).collect();
                                return self.err(at, expansion_message(&rest, "inside double quotes the shell"));
                            }
                            Some('`') => {
                                return self.err(at, "inside double quotes the shell runs what is between backquotes and puts its output here; ecplay runs nothing: write the text itself, or use single quotes");
                            }
                            Some(c) => {
                                text.push(c);
                                self.at += 1;
                            }
                        }
                    }
                }
                '$' if self.peek_at(1) == Some('\'') => {
                    self.at += 2;
                    self.ansi_c(text, pos)?;
                }
                '$' if self.peek_at(1) == Some('"') => {
                    // bash's locale translation: the same as "…" where no catalogue applies.
                    self.at += 1;
                }
                '$' if self.dollar_expands() => {
                    let rest: String = self.chars[self.at..].iter().take(40).collect();
                    return self.err(pos, expansion_message(&rest, "the shell"));
                }
                '`' => {
                    return self.err(
                        pos,
                        "the shell runs what is between backquotes and puts its output here; ecplay runs nothing: write the text itself",
                    );
                }
                c => {
                    text.push(c);
                    self.at += 1;
                }
            }
        }
        Ok(())
    }

    /// Whether the `$` at `self.at` starts an expansion (`$NAME`, `${…}`, `$(…)`, `$1`, `$?`…)
    /// rather than standing for itself.
    fn dollar_expands(&self) -> bool {
        match self.peek_at(1) {
            Some(c) => c.is_ascii_alphanumeric() || matches!(c, '_' | '{' | '(' | '?' | '$' | '!' | '#' | '*' | '@' | '-'),
            None => false,
        }
    }

    /// The inside of `$'…'`, after the opening quote.
    fn ansi_c(&mut self, text: &mut String, pos: Pos) -> Result<(), ReadError> {
        loop {
            let Some(c) = self.peek() else { return self.err(pos, "this $'…' quote is never closed") };
            self.at += 1;
            match c {
                '\'' => return Ok(()),
                '\\' => {
                    let Some(e) = self.peek() else { return self.err(pos, "this $'…' quote is never closed") };
                    self.at += 1;
                    match e {
                        'a' => text.push('\x07'),
                        'b' => text.push('\x08'),
                        'e' | 'E' => text.push('\x1b'),
                        'f' => text.push('\x0c'),
                        'n' => text.push('\n'),
                        'r' => text.push('\r'),
                        't' => text.push('\t'),
                        'v' => text.push('\x0b'),
                        '\\' | '\'' | '"' | '?' => text.push(e),
                        '0'..='7' => {
                            let mut v = e.to_digit(8).unwrap_or(0);
                            for _ in 0..2 {
                                match self.peek().and_then(|d| d.to_digit(8)) {
                                    Some(d) => {
                                        v = v * 8 + d;
                                        self.at += 1;
                                    }
                                    None => break,
                                }
                            }
                            self.push_byte(text, (v & 0xff) as u8);
                        }
                        'x' => {
                            let v = self.hex_digits(2);
                            match v {
                                Some(v) => self.push_byte(text, v as u8),
                                None => text.push_str("\\x"),
                            }
                        }
                        'u' | 'U' => {
                            let n = if e == 'u' { 4 } else { 8 };
                            match self.hex_digits(n) {
                                Some(v) => match char::from_u32(v) {
                                    Some(ch) => text.push(ch),
                                    None => return self.err(pos, format!("\\{e}{v:X} is not a Unicode character")),
                                },
                                None => {
                                    text.push('\\');
                                    text.push(e);
                                }
                            }
                        }
                        'c' => match self.peek() {
                            Some(x) => {
                                self.at += 1;
                                self.push_byte(text, (x as u32 & 0x1f) as u8);
                            }
                            None => return self.err(pos, "this $'…' quote is never closed"),
                        },
                        other => {
                            text.push('\\');
                            text.push(other);
                        }
                    }
                }
                c => text.push(c),
            }
        }
    }

    /// Up to `max` hex digits; `None` when there is none.
    fn hex_digits(&mut self, max: usize) -> Option<u32> {
        let mut v = 0u32;
        let mut n = 0;
        while n < max {
            match self.peek().and_then(|d| d.to_digit(16)) {
                Some(d) => {
                    v = v * 16 + d;
                    self.at += 1;
                    n += 1;
                }
                None => break,
            }
        }
        (n > 0).then_some(v)
    }

    /// A byte from `\nnn` or `\xHH`: ASCII as itself; a byte of a multi-byte UTF-8 sequence
    /// cannot be kept in text, so it becomes U+FFFD, as a lossy reading of the bytes would.
    fn push_byte(&self, text: &mut String, b: u8) {
        if b.is_ascii() {
            text.push(b as char);
        } else {
            text.push('\u{FFFD}');
        }
    }

    fn powershell_word(&mut self, text: &mut String) -> Result<(), ReadError> {
        while let Some(c) = self.peek() {
            let pos = self.here();
            match c {
                c if is_blank(c) || matches!(c, '\n' | ';' | '|' | '>') => break,
                '&' if self.peek_at(1) == Some('&') => break,
                '`' => match self.continuation_after(1) {
                    Some(n) => self.at += 1 + n,
                    None => match self.peek_at(1) {
                        Some(next) => {
                            text.push(powershell_escape(next));
                            self.at += 2;
                        }
                        None => self.at += 1,
                    },
                },
                '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => {
                    self.at += 1;
                    loop {
                        match self.peek() {
                            None => return self.err(pos, "this single quote is never closed"),
                            Some(q) if is_ps_single(q) => {
                                if self.peek_at(1).is_some_and(is_ps_single) {
                                    text.push(q);
                                    self.at += 2;
                                } else {
                                    self.at += 1;
                                    break;
                                }
                            }
                            Some(c) => {
                                text.push(c);
                                self.at += 1;
                            }
                        }
                    }
                }
                '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' => {
                    self.at += 1;
                    loop {
                        let at = self.here();
                        match self.peek() {
                            None => return self.err(pos, "this double quote is never closed"),
                            Some(q) if is_ps_double(q) => {
                                if self.peek_at(1).is_some_and(is_ps_double) {
                                    text.push(q);
                                    self.at += 2;
                                } else {
                                    self.at += 1;
                                    break;
                                }
                            }
                            Some('`') => match self.peek_at(1) {
                                Some(n) => {
                                    text.push(powershell_escape(n));
                                    self.at += 2;
                                }
                                None => self.at += 1,
                            },
                            Some('$')
                                if self
                                    .peek_at(1)
                                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '{' | '(' | '?' | '$' | ':')) =>
                            {
                                let rest: String = self.chars[self.at..].iter().take(40).collect();
                                return self.err(at, expansion_message(&rest, "inside double quotes PowerShell"));
                            }
                            Some(c) => {
                                text.push(c);
                                self.at += 1;
                            }
                        }
                    }
                }
                '$' if self.peek_at(1).is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '{' | '(' | '?' | '$' | ':')) => {
                    let rest: String = self.chars[self.at..].iter().take(40).collect();
                    return self.err(pos, expansion_message(&rest, "PowerShell"));
                }
                '@' if text.is_empty() && matches!(self.peek_at(1), Some('(' | '{' | '\'' | '"')) => {
                    return self.err(pos, "an array, hash table or here-string is PowerShell's own value, not a word kubectl receives; ecplay reads plain arguments");
                }
                '(' | '{' if text.is_empty() => {
                    return self.err(
                        pos,
                        format!(
                            "`{c}` starts a PowerShell expression or script block, which only PowerShell can evaluate; quote the argument"
                        ),
                    );
                }
                c => {
                    text.push(c);
                    self.at += 1;
                }
            }
        }
        Ok(())
    }
}

fn is_ps_single(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

fn is_ps_double(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// PowerShell's backtick escapes (`about_Special_Characters`); any other character stands for itself.
fn powershell_escape(c: char) -> char {
    match c {
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        'e' => '\x1b',
        'f' => '\x0c',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\x0b',
        c => c,
    }
}

/// A here-document line without quoted delimiter: `\` keeps its meaning only before `$`,
/// `` ` ``, `\` and a line end.
fn unescape_heredoc(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if matches!(n, '$' | '`' | '\\') {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// What the shell would do with the expansion that `rest` starts with.
fn expansion_message(rest: &str, who: &str) -> String {
    let shown: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '"' && *c != '\'').take(30).collect();
    if rest.starts_with("$(") {
        format!("{who} runs the command in $(…) and puts its output here; ecplay runs nothing: write the text itself (or quote it with single quotes if it is meant literally)")
    } else {
        let name: String = rest[1..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{' || *c == ':').collect();
        let name = name.trim_start_matches('{');
        format!(
            "{who} replaces {shown} with the value of the variable {name_q} (empty when it is not set); ecplay cannot know it: write the value itself, or use single quotes if the $ is meant literally (as in $setElementOrder or $patch)", name_q = go_quote(name)
        )
    }
}

/// `$(printf 'FORMAT')` with a format of plain characters and escapes, which the exports write
/// for control characters (`shell::posix`): what it prints (bytes read as UTF-8, trailing line
/// ends removed as command substitution removes them) and how many characters it spans.
fn printf_substitution(chars: &[char]) -> Option<(String, usize)> {
    const OPEN: &str = "$(printf '";
    if chars.len() < OPEN.len() || chars[..OPEN.len()].iter().copied().ne(OPEN.chars()) {
        return None;
    }
    let body_start = OPEN.len();
    let close = chars[body_start..].iter().position(|c| *c == '\'')? + body_start;
    if chars.get(close + 1) != Some(&')') {
        return None;
    }
    let mut bytes = Vec::new();
    let mut i = body_start;
    while i < close {
        let c = chars[i];
        i += 1;
        match c {
            '%' => return None,
            '\\' => {
                let e = *chars.get(i).filter(|_| i < close)?;
                i += 1;
                match e {
                    '0'..='7' => {
                        let mut v = e.to_digit(8).unwrap_or(0);
                        let mut n = 1;
                        while n < 3 && i < close {
                            match chars[i].to_digit(8) {
                                Some(d) => {
                                    v = v * 8 + d;
                                    i += 1;
                                    n += 1;
                                }
                                None => break,
                            }
                        }
                        bytes.push((v & 0xff) as u8);
                    }
                    'a' => bytes.push(7),
                    'b' => bytes.push(8),
                    'f' => bytes.push(12),
                    'n' => bytes.push(b'\n'),
                    'r' => bytes.push(b'\r'),
                    't' => bytes.push(b'\t'),
                    'v' => bytes.push(11),
                    '\\' => bytes.push(b'\\'),
                    _ => return None,
                }
            }
            c => {
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    while bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    Some((String::from_utf8_lossy(&bytes).into_owned(), close + 2))
}

/// `NAME=value` (a shell variable assignment).
fn assignment(word: &str) -> Option<(String, String)> {
    let (name, value) = word.split_once('=')?;
    let mut chars = name.chars();
    let first = chars.next()?;
    if !(first.is_ascii_alphabetic() || first == '_') || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    Some((name.to_owned(), value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        let (_, cmds) = read(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
        cmds.into_iter().map(|c| c.words.into_iter().map(|w| w.text).collect()).collect()
    }

    fn one(text: &str) -> Vec<String> {
        let mut all = words(text);
        assert_eq!(all.len(), 1, "{text:?}: {all:?}");
        all.pop().unwrap_or_default()
    }

    fn refused(text: &str) -> ReadError {
        read(text).expect_err(text)
    }

    #[test]
    fn posix_quotes_and_escapes() {
        assert_eq!(one("kubectl debug -it web-0 --image=busybox"), ["kubectl", "debug", "-it", "web-0", "--image=busybox"]);
        assert_eq!(one(r#"a 'b c' "d \"e\" \$f \x" g\ h"#), ["a", "b c", r#"d "e" $f \x"#, "g h"]);
        assert_eq!(one("a '' \"\" b"), ["a", "", "", "b"]);
        assert_eq!(one("a 'it'\\''s'"), ["a", "it's"]);
        assert_eq!(one(r"a $'x\ty\n\'z\x41\101\u00e9\cA'"), ["a", "x\ty\n'zAA\u{e9}\u{1}"]);
        assert_eq!(
            one("a '{\"spec\":{\"$setElementOrder/ephemeralContainers\":[]}}'"),
            ["a", r#"{"spec":{"$setElementOrder/ephemeralContainers":[]}}"#]
        );
        assert_eq!(one("echo $ 5$ a$"), ["echo", "$", "5$", "a$"]);
        assert_eq!(one("échø 'ünï' \"код\" 🙂"), ["échø", "ünï", "код", "🙂"]);
    }

    #[test]
    fn continuations_prompts_and_comments() {
        assert_eq!(
            one("$ kubectl debug web-0 \\\n    --image=busybox \\\r\n  -it   # a comment\n"),
            ["kubectl", "debug", "web-0", "--image=busybox", "-it"]
        );
        assert_eq!(one("kubectl de\\\nbug"), ["kubectl", "debug"]);
        assert_eq!(one("a#b"), ["a#b"]);
        assert_eq!(words("# only a comment\n\n$ a b\n$ c"), [vec!["a", "b"], vec!["c"]]);
    }

    #[test]
    fn separators_redirections_and_here_documents() {
        assert_eq!(words("a && b || c; d | e & f"), [vec!["a"], vec!["b"], vec!["c"], vec!["d"], vec!["e"], vec!["f"]]);
        let (_, cmds) =
            read("cat > dbg.json <<'EOF'\n{\"a\": \"$x\"}\nEOF\nKUBECTL_DEBUG_CUSTOM_PROFILE=true kubectl debug x --custom=dbg.json 2>&1")
                .unwrap();
        assert_eq!(cmds.len(), 2);
        assert_eq!(cmds[0].stdout.as_ref().map(|w| w.text.as_str()), Some("dbg.json"));
        assert_eq!(cmds[0].stdin, Some(Stdin::Text("{\"a\": \"$x\"}\n".into())));
        assert_eq!(cmds[1].env, [("KUBECTL_DEBUG_CUSTOM_PROFILE".to_owned(), "true".to_owned())]);
        assert_eq!(cmds[1].stdout, None);
        let (_, cmds) = read("kubectl replace --raw /x -f - <<-EOF\n\t{}\n\tEOF\n").unwrap();
        assert_eq!(cmds[0].stdin, Some(Stdin::Text("{}\n".into())));
        let (_, cmds) = read("kubectl replace --raw /x -f - < pod.json").unwrap();
        assert!(matches!(&cmds[0].stdin, Some(Stdin::File(w)) if w.text == "pod.json"));
        let (_, cmds) = read("printf '%s' '{}' | kubectl replace --raw /x -f -").unwrap();
        assert_eq!(cmds[1].stdin, Some(Stdin::Pipe));
        let (_, cmds) = read("printf '%s\\n' '{\"a\":\"'\"$(printf '\\302\\205')\"'\"}' | kubectl replace --raw /x -f -").unwrap();
        assert_eq!(cmds[1].stdin, Some(Stdin::Text("{\"a\":\"\u{85}\"}\n".into())));
        let (_, cmds) = read("kubectl x <<< '{}'").unwrap();
        assert_eq!(cmds[0].stdin, Some(Stdin::Text("{}\n".into())));
    }

    #[test]
    fn what_only_the_shell_knows_is_refused_where_it_stands() {
        let e = refused("kubectl debug $POD --image=busybox");
        assert_eq!(e.pos, Pos { line: 1, column: 15 });
        assert!(e.message.contains("\"POD\""), "{}", e.message);
        let e = refused("kubectl patch pod x -p \"{\\\"$setElementOrder/x\\\": []}\"");
        assert!(e.message.contains("setElementOrder"), "{}", e.message);
        assert!(refused("kubectl debug $(kubectl get pod -o name) --image=b").message.contains("runs the command"));
        assert!(refused("kubectl debug `x`").message.contains("backquotes"));
        assert!(refused("kubectl debug 'x").message.contains("never closed"));
        assert!(refused("kubectl debug \"x").message.contains("never closed"));
        assert!(refused("(kubectl debug x)").message.contains("subshell"));
        let e = refused("kubectl replace --raw /x -f - <<EOF\n{\"$patch\": 1}\nEOF");
        assert_eq!(e.pos, Pos { line: 2, column: 3 });
        assert!(refused("kubectl x <<EOF\n{}\n").message.contains("no line \"EOF\""));
    }

    #[test]
    fn powershell() {
        let text = "PS C:\\> kubectl debug web-0 `\n  --image=busybox `\n  --env 'A=it''s' \"--env=B=`\"x`\"\" '--'  sh";
        assert_eq!(dialect(text), Dialect::PowerShell);
        assert_eq!(one(text), ["kubectl", "debug", "web-0", "--image=busybox", "--env", "A=it's", "--env=B=\"x\"", "--", "sh"]);
        assert!(refused("kubectl debug $pod `\n --image=b").message.contains("PowerShell"));
        assert!(refused("kubectl debug x `\n -p @'\n{}\n'@").message.contains("here-string"));
    }

    #[test]
    fn positions_are_lines_and_columns() {
        let (_, cmds) = read("  kubectl \\\n  debug  'a b'").unwrap();
        let pos: Vec<Pos> = cmds[0].words.iter().map(|w| w.pos).collect();
        assert_eq!(pos, [Pos { line: 1, column: 3 }, Pos { line: 2, column: 3 }, Pos { line: 2, column: 10 }]);
    }
}
