//! Floating-point numbers read and printed with serde_json's code, which the playground
//! carries anyway, instead of std's: `f64::from_str` brings a 10 KB table of powers of five
//! and `f64`'s `Display` a second float printer, together a thirtieth of the download.

/// A number in the decimal syntax the YAML and JSON readers hand over (`[+-]digits[.digits]
/// [e[+-]digits]`, a dot alone on either side of the digits allowed), as Go's
/// `strconv.ParseFloat` reads it. `None` when it is not one, or when it is too large for an
/// `f64`: Go reports a range error there, which go-yaml takes as "not a float".
///
/// Read through serde_json, which rounds correctly for up to 15 significant digits times a
/// power of ten up to 10^±22 (every number a pod carries), and may be one unit in the last
/// place off beyond.
pub fn parse(text: &str) -> Option<f64> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => ("-", &text[1..]),
        b'+' => ("", &text[1..]),
        _ => ("", text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    // As JSON: no leading zeros, at least one digit on each side of a dot.
    let int = int.trim_start_matches('0');
    let mut json = format!("{sign}{}", if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    if let Some(e) = exponent {
        let body = e.strip_prefix(['+', '-']).unwrap_or(e);
        if body.is_empty() || !digits(body) {
            return None;
        }
        json.push('e');
        json.push_str(e);
    }
    // As a Value: reading an f64 through serde would build serde's type-error texts, and
    // with them std's float printer again.
    serde_json::from_str::<serde_json::Value>(&json).ok()?.as_f64()
}

/// `f64` as Rust's `Display` prints it: the shortest digits that read back to the same
/// number, without an exponent (`1.5`, `100`, `0.0000001`, `1000000000000000000000`,
/// `-0`, `inf`, `NaN`). The digits are serde_json's; where a number's shortest form has 16
/// or 17 digits, its last digit may differ from std's by one (both read back the same).
pub fn display(f: f64) -> String {
    let Some(number) = serde_json::Number::from_f64(f) else {
        return (if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "inf"
        } else {
            "-inf"
        })
        .to_owned();
    };
    // serde_json writes the same shortest digits, with an exponent when that is shorter.
    let text = number.to_string();
    let (negative, text) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text.as_str()),
    };
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The digits, and where the decimal point goes among them.
    let all = format!("{int}{frac}");
    let digits = all.trim_start_matches('0');
    let point = i32::try_from(int.len()).unwrap_or(0) + exponent - i32::try_from(all.len() - digits.len()).unwrap_or(0);
    let digits = digits.trim_end_matches('0');
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if digits.is_empty() {
        out.push('0');
    } else if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(digits);
    } else {
        let point = point as usize;
        if point >= digits.len() {
            out.push_str(digits);
            out.extend(std::iter::repeat_n('0', point - digits.len()));
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_readers_numbers() {
        for (text, want) in [
            ("1.5", Some(1.5)),
            ("-25.0", Some(-25.0)),
            ("+.5", Some(0.5)),
            ("1.", Some(1.0)),
            ("007.25", Some(7.25)),
            ("1e3", Some(1000.0)),
            ("1.5E-3", Some(0.0015)),
            ("9223372036854775808", Some(9_223_372_036_854_775_808.0)),
            ("1e-400", Some(0.0)),
            ("1e400", None),
            (".", None),
            ("1e", None),
            ("1.2.3", None),
            ("--1", None),
            ("e5", None),
            ("", None),
        ] {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn prints_as_rust_does() {
        for f in [0.0, -0.0, 1.0, 100.0, 1.5, 0.1, 0.3, 1e21, 1e22, 1e-7, 123_456.789, 5e-324, f64::MAX, f64::MIN_POSITIVE, -2.5e-10] {
            assert_eq!(display(f), format!("{f}"), "{f:e}");
        }
        for f in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert_eq!(display(f), format!("{f}"));
        }
    }
}
