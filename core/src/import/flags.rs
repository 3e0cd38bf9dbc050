//! kubectl's flags as cobra and spf13/pflag read them (pflag v1.0.x `flag.go`: `parseArgs`,
//! `parseLongArg`, `parseSingleShortArg`; `bool.go`, `string_to_string.go`), with their error
//! texts: flags and arguments in any order, `--flag=value`, `--flag value`, `-c name`,
//! `-cname`, `-c=name`, `-it`, a boolean flag never takes the next word, `--` ends the flags,
//! and the words after it are counted apart (`ArgsLenAtDash`).

use super::line::Word;

/// How a flag reads its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `strconv.ParseBool`, `true` without a value (`NoOptDefVal`).
    Bool,
    /// Any text.
    Str,
    /// Any text, with a value when given alone (`--dry-run` means `unchanged`).
    StrOpt(&'static str),
    /// `stringToString`: `k=v[,k=v…]`, a CSV record when there is more than one `=`.
    StrToStr,
    /// A repeated flag of a list (`-f`, `--as-group`): values collected.
    List,
}

/// One flag a command knows.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Flag {
    pub name: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
    /// The first kubectl minor that has it.
    pub since: u32,
}

pub(crate) const fn flag(name: &'static str, short: Option<char>, kind: Kind) -> Flag {
    Flag { name, short, kind, since: 0 }
}

pub(crate) const fn since(name: &'static str, kind: Kind, minor: u32) -> Flag {
    Flag { name, short: None, kind, since: minor }
}

/// kubectl's persistent flags, which every command takes (`kubectl options` of 1.37:
/// genericclioptions `ConfigFlags`, the profiling flags and klog's `-v`/`--vmodule`).
/// `--disable-compression` came in 1.26, `--as-user-extra` in 1.31, `--kuberc` in 1.33 and
/// `--proxy-url` in 1.34 (kubectl `pkg/cmd/cmd.go` and cli-runtime `config_flags.go` at
/// those tags).
pub(crate) const GLOBAL: &[Flag] = &[
    flag("as", None, Kind::Str),
    flag("as-group", None, Kind::List),
    flag("as-uid", None, Kind::Str),
    since("as-user-extra", Kind::List, 31),
    flag("cache-dir", None, Kind::Str),
    flag("certificate-authority", None, Kind::Str),
    flag("client-certificate", None, Kind::Str),
    flag("client-key", None, Kind::Str),
    flag("cluster", None, Kind::Str),
    flag("context", None, Kind::Str),
    since("disable-compression", Kind::Bool, 26),
    flag("insecure-skip-tls-verify", None, Kind::Bool),
    flag("kubeconfig", None, Kind::Str),
    since("kuberc", Kind::Str, 33),
    flag("log-flush-frequency", None, Kind::Str),
    flag("match-server-version", None, Kind::Bool),
    flag("namespace", Some('n'), Kind::Str),
    flag("password", None, Kind::Str),
    flag("profile", None, Kind::Str),
    flag("profile-output", None, Kind::Str),
    since("proxy-url", Kind::Str, 34),
    flag("request-timeout", None, Kind::Str),
    flag("server", Some('s'), Kind::Str),
    flag("tls-server-name", None, Kind::Str),
    flag("token", None, Kind::Str),
    flag("user", None, Kind::Str),
    flag("username", None, Kind::Str),
    flag("v", Some('v'), Kind::Str),
    flag("vmodule", None, Kind::Str),
    flag("warnings-as-errors", None, Kind::Bool),
];

/// A flag as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Given {
    pub name: &'static str,
    pub value: String,
    /// The word that named the flag.
    pub word: Word,
}

/// The flags and arguments of one command.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parsed {
    pub flags: Vec<Given>,
    pub args: Vec<Word>,
    /// How many of `args` came before `--` (`ArgsLenAtDash`), if there was one.
    pub dash: Option<usize>,
}

impl Parsed {
    /// The last value of a flag (pflag keeps the last `Set`).
    pub fn last(&self, name: &str) -> Option<&Given> {
        self.flags.iter().rev().find(|g| g.name == name)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.last(name).map(|g| g.value.as_str())
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Given> + 'a {
        self.flags.iter().filter(move |g| g.name == name)
    }

    pub fn bool(&self, name: &str) -> bool {
        self.value(name).is_some_and(|v| parse_bool(v) == Some(true))
    }

    pub fn changed(&self, name: &str) -> bool {
        self.last(name).is_some()
    }
}

/// A flag error: kubectl's text (without `error: `) and the word it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FlagError {
    pub message: String,
    pub word: Word,
}

/// `strconv.ParseBool`.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// How pflag names a flag in `invalid argument` errors: `"-i, --stdin"` or `"--env"`.
fn display_name(f: &Flag) -> String {
    match f.short {
        Some(s) => format!("-{s}, --{}", f.name),
        None => format!("--{}", f.name),
    }
}

/// Parses `words` (after the command's own name) with the command's flags and the global ones,
/// for kubectl 1.`minor`.
pub(crate) fn parse(words: &[Word], local: &[Flag], minor: u32) -> Result<Parsed, FlagError> {
    let known = |f: &&Flag| f.since <= minor;
    // A command's own flag shadows a global one of the same name (debug's --profile).
    let long = |name: &str| -> Option<Flag> {
        local.iter().filter(known).find(|f| f.name == name).or_else(|| GLOBAL.iter().filter(known).find(|f| f.name == name)).copied()
    };
    let short = |c: char| -> Option<Flag> {
        local
            .iter()
            .filter(known)
            .find(|f| f.short == Some(c))
            .or_else(|| GLOBAL.iter().filter(known).find(|f| f.short == Some(c)))
            .copied()
    };
    let mut out = Parsed::default();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let s = w.text.as_str();
        i += 1;
        if s.len() < 2 || !s.starts_with('-') {
            out.args.push(w.clone());
            continue;
        }
        if s == "--" {
            out.dash = Some(out.args.len());
            out.args.extend(words[i..].iter().cloned());
            break;
        }
        let set = |out: &mut Parsed, f: &Flag, value: String| -> Result<(), FlagError> {
            check_value(f, &value).map_err(|why| FlagError {
                message: format!("invalid argument {} for {} flag: {why}", go_quote(&value), go_quote(&display_name(f))),
                word: w.clone(),
            })?;
            out.flags.push(Given { name: f.name, value, word: w.clone() });
            Ok(())
        };
        if let Some(rest) = s.strip_prefix("--") {
            if rest.starts_with('-') || rest.starts_with('=') {
                return Err(FlagError { message: format!("bad flag syntax: {s}"), word: w.clone() });
            }
            let (name, value) = match rest.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (rest, None),
            };
            let Some(f) = long(name) else {
                return Err(FlagError { message: format!("unknown flag: --{name}"), word: w.clone() });
            };
            let value = match (value, f.kind) {
                (Some(v), _) => v,
                (None, Kind::Bool) => "true".to_owned(),
                (None, Kind::StrOpt(d)) => d.to_owned(),
                (None, _) if i < words.len() => {
                    i += 1;
                    words[i - 1].text.clone()
                }
                (None, _) => return Err(FlagError { message: format!("flag needs an argument: {s}"), word: w.clone() }),
            };
            set(&mut out, &f, value)?;
        } else {
            let mut shorts: &str = &s[1..];
            while let Some(c) = shorts.chars().next() {
                let Some(f) = short(c) else {
                    return Err(FlagError {
                        message: format!("unknown shorthand flag: {} in -{shorts}", go_quote_char(c)),
                        word: w.clone(),
                    });
                };
                let after = &shorts[c.len_utf8()..];
                let value = if let Some(v) = after.strip_prefix('=').filter(|_| after.len() > 1) {
                    shorts = "";
                    v.to_owned()
                } else if let Kind::Bool = f.kind {
                    shorts = after;
                    "true".to_owned()
                } else if let Kind::StrOpt(d) = f.kind {
                    shorts = after;
                    d.to_owned()
                } else if !after.is_empty() {
                    shorts = "";
                    after.to_owned()
                } else if i < words.len() {
                    shorts = "";
                    i += 1;
                    words[i - 1].text.clone()
                } else {
                    return Err(FlagError {
                        message: format!("flag needs an argument: {} in -{shorts}", go_quote_char(c)),
                        word: w.clone(),
                    });
                };
                set(&mut out, &f, value)?;
            }
        }
    }
    Ok(out)
}

/// Whether pflag's `Set` takes `value` for the flag; its error text if not.
fn check_value(f: &Flag, value: &str) -> Result<(), String> {
    match f.kind {
        Kind::Bool => {
            parse_bool(value).map(|_| ()).ok_or_else(|| format!("strconv.ParseBool: parsing {}: invalid syntax", go_quote(value)))
        }
        Kind::StrToStr => string_to_string(value).map(|_| ()),
        _ => Ok(()),
    }
}

/// pflag `stringToStringValue.Set`: one `=` is a single pair (surrounding `"` trimmed);
/// several are read as a CSV record (`encoding/csv`), each field `key=value`.
pub(crate) fn string_to_string(val: &str) -> Result<Vec<(String, String)>, String> {
    let fields = match val.matches('=').count() {
        0 => return Err(format!("{val} must be formatted as key=value")),
        1 => vec![val.trim_matches('"').to_owned()],
        _ => csv_record(val)?,
    };
    fields
        .into_iter()
        .map(|f| match f.split_once('=') {
            Some((k, v)) => Ok((k.to_owned(), v.to_owned())),
            None => Err(format!("{f} must be formatted as key=value")),
        })
        .collect()
}

/// Go's `csv.NewReader(strings.NewReader(val)).Read()`: one record, `"` quoting with `""`,
/// fields split at `,`; a line end ends the record. Errors as `csv.ParseError` prints them.
fn csv_record(s: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let col = |i: usize| chars[..i].iter().map(|c| c.len_utf8()).sum::<usize>() + 1;
    loop {
        let mut field = String::new();
        if chars.get(i) == Some(&'"') {
            i += 1;
            loop {
                match chars.get(i) {
                    Some('"') if chars.get(i + 1) == Some(&'"') => {
                        field.push('"');
                        i += 2;
                    }
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(c) => {
                        field.push(*c);
                        i += 1;
                    }
                    None => return Err(format!("parse error on line 1, column {}: extraneous or missing \" in quoted-field", col(i))),
                }
            }
            match chars.get(i) {
                None | Some('\n') => {
                    fields.push(field);
                    return Ok(fields);
                }
                Some('\r') if matches!(chars.get(i + 1), None | Some('\n')) => {
                    fields.push(field);
                    return Ok(fields);
                }
                Some(',') => {
                    fields.push(field);
                    i += 1;
                }
                Some(_) => return Err(format!("parse error on line 1, column {}: extraneous or missing \" in quoted-field", col(i))),
            }
        } else {
            loop {
                match chars.get(i) {
                    None | Some('\n') => {
                        fields.push(field.trim_end_matches('\r').to_owned());
                        return Ok(fields);
                    }
                    Some(',') => {
                        i += 1;
                        break;
                    }
                    Some('"') => return Err(format!("parse error on line 1, column {}: bare \" in non-quoted-field", col(i))),
                    Some(c) => {
                        field.push(*c);
                        i += 1;
                    }
                }
            }
            fields.push(field);
        }
    }
}

/// Go's `%q` of a string.
fn go_quote(s: &str) -> String {
    crate::diag::go_quote(s)
}

/// Go's `%q` of a rune.
fn go_quote_char(c: char) -> String {
    match c {
        '\'' => r"'\''".to_owned(),
        '\\' => r"'\\'".to_owned(),
        c if c.is_control() => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::Pos;

    const LOCAL: &[Flag] = &[
        flag("stdin", Some('i'), Kind::Bool),
        flag("tty", Some('t'), Kind::Bool),
        flag("container", Some('c'), Kind::Str),
        flag("image", None, Kind::Str),
        flag("env", None, Kind::StrToStr),
        flag("profile", None, Kind::Str),
    ];

    fn w(words: &[&str]) -> Vec<Word> {
        words.iter().map(|t| Word { text: (*t).to_owned(), pos: Pos::default() }).collect()
    }

    fn ok(words: &[&str]) -> Parsed {
        parse(&w(words), LOCAL, 37).unwrap_or_else(|e| panic!("{words:?}: {e:?}"))
    }

    fn err(words: &[&str]) -> String {
        parse(&w(words), LOCAL, 37).expect_err("an error").message
    }

    #[test]
    fn pflag_shapes() {
        let p = ok(&["web-0", "-it", "--image", "busybox", "-cdbg", "-n=shop", "--", "sh", "-c", "x"]);
        assert!(p.bool("stdin") && p.bool("tty"));
        assert_eq!((p.value("image"), p.value("container"), p.value("namespace")), (Some("busybox"), Some("dbg"), Some("shop")));
        let args: Vec<&str> = p.args.iter().map(|a| a.text.as_str()).collect();
        assert_eq!((args, p.dash), (vec!["web-0", "sh", "-c", "x"], Some(1)));
        // A boolean flag never takes the next word.
        let p = ok(&["--stdin", "false", "x"]);
        assert!(p.bool("stdin"));
        assert_eq!(p.args.len(), 2);
        assert!(!ok(&["--stdin=false"]).bool("stdin"));
        assert!(!ok(&["-i=0"]).bool("stdin"));
        assert_eq!(ok(&["-c", "-i"]).value("container"), Some("-i"));
        assert_eq!(ok(&["-", "x"]).args.len(), 2);
        // debug's --profile shadows the global profiling flag.
        assert_eq!(ok(&["--profile", "sysadmin"]).value("profile"), Some("sysadmin"));
    }

    #[test]
    fn pflag_errors_in_kubectls_words() {
        assert_eq!(err(&["--foo"]), "unknown flag: --foo");
        assert_eq!(err(&["--foo=bar"]), "unknown flag: --foo");
        assert_eq!(err(&["-x"]), "unknown shorthand flag: 'x' in -x");
        assert_eq!(err(&["-ix"]), "unknown shorthand flag: 'x' in -x");
        assert_eq!(err(&["--image"]), "flag needs an argument: --image");
        assert_eq!(err(&["-c"]), "flag needs an argument: 'c' in -c");
        assert_eq!(err(&["-ic"]), "flag needs an argument: 'c' in -c");
        assert_eq!(err(&["---x"]), "bad flag syntax: ---x");
        assert_eq!(err(&["--=x"]), "bad flag syntax: --=x");
        assert_eq!(
            err(&["--stdin=maybe"]),
            r#"invalid argument "maybe" for "-i, --stdin" flag: strconv.ParseBool: parsing "maybe": invalid syntax"#
        );
        assert_eq!(err(&["--env=A"]), r#"invalid argument "A" for "--env" flag: A must be formatted as key=value"#);
        assert_eq!(parse(&w(&["--kuberc=x"]), LOCAL, 32).expect_err("1.32 has no --kuberc").message, "unknown flag: --kuberc");
    }

    #[test]
    fn string_to_string_reads_csv() {
        assert_eq!(string_to_string("A=1").unwrap(), [("A".into(), "1".into())]);
        assert_eq!(string_to_string("\"A=1\"").unwrap(), [("A".into(), "1".into())]);
        assert_eq!(string_to_string("A=1,B=2").unwrap(), [("A".into(), "1".into()), ("B".into(), "2".into())]);
        assert_eq!(string_to_string("\"A=1,2\",B=x=y").unwrap(), [("A".into(), "1,2".into()), ("B".into(), "x=y".into())]);
        assert_eq!(string_to_string("A=b,c").unwrap(), [("A".into(), "b,c".into())]);
        assert_eq!(string_to_string("A=b,c,D=1").unwrap_err(), "c must be formatted as key=value");
        assert!(string_to_string("A=\"x\",B=2").unwrap_err().contains("bare \" in non-quoted-field"));
    }
}
