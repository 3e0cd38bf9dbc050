//! apimachinery's `resource.Quantity` (`pkg/api/resource`: `ParseQuantity`, `Quantity.String`,
//! `Cmp`, `Value`, `MilliValue`, `RoundUp`), as far as validation, defaulting and the hints use it.

use std::cmp::Ordering;
use std::fmt;

/// apimachinery's `resource.Quantity`, as far as validation uses it: parsed exactly like
/// `ParseQuantity`, compared by value like `Cmp`, printed like `String()` (including the quirk
/// that an input already in canonical form is printed as given, so `+1` prints `+1`), and read
/// with `Value()` / `MilliValue()`, which wrap around like Go's int64 arithmetic.
///
/// Equality and ordering are by value (`Cmp`): `1` == `1000m`.
#[derive(Clone, Debug)]
pub struct Quantity {
    amount: Amount,
    format: Format,
    /// Go's cached `s`: the text `String()` returns without recomputing it.
    cached: Option<String>,
}

/// The three ways a quantity remembers to print itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `12e6`
    DecimalExponent,
    /// `12Mi`
    BinarySI,
    /// `12M`
    DecimalSI,
}

/// How Go holds the number: the fast `int64Amount`, or an `inf.Dec`.
#[derive(Clone, Debug)]
enum Amount {
    /// `value × 10^scale`
    Int { value: i64, scale: i32 },
    /// The value, and the `inf.Dec`'s own scale (its unscaled integer is `value × 10^scale`).
    Dec { value: Decimal, scale: i64 },
}

/// Why a quantity does not parse: apimachinery's three parse errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantityError {
    /// `ErrFormatWrong`
    Format,
    /// `ErrNumeric`
    Numeric,
    /// `ErrSuffix`
    Suffix,
}

impl QuantityError {
    /// The error's exact text.
    pub fn message(self) -> &'static str {
        match self {
            QuantityError::Format => "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            QuantityError::Numeric => "unable to parse numeric part of quantity",
            QuantityError::Suffix => "unable to parse quantity's suffix",
        }
    }
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// `resource.ParseQuantity`: no trimming, every quirk kept (`"+"` and `"."` are zero, `"1."` is one).
pub fn parse_quantity(s: &str) -> Option<Quantity> {
    try_parse_quantity(s).ok()
}

/// `ParseQuantity`, with its error.
pub fn try_parse_quantity(s: &str) -> Result<Quantity, QuantityError> {
    if s.is_empty() {
        return Err(QuantityError::Format);
    }
    if s == "0" {
        return Ok(Quantity { amount: Amount::Int { value: 0, scale: 0 }, format: Format::DecimalSI, cached: Some(s.to_owned()) });
    }
    let parts = split(s)?;
    let (base, exponent, mut format) = interpret_suffix(parts.suffix).ok_or(QuantityError::Suffix)?;

    // The fast path: the number fits an int64 at a scale no finer than nano.
    let (mut scale, precision, mantissa) = match format {
        Format::DecimalExponent | Format::DecimalSI => (exponent, 18 - (parts.num.len() + parts.denom.len()) as i64, 1i64),
        Format::BinarySI if exponent >= 0 && parts.denom.is_empty() => {
            (0, 15 - parts.num.len() as i64 - i64::from(exponent) * 3 / 10 - 1, 1i64 << exponent)
        }
        Format::BinarySI => (0, -1, 1),
    };
    if precision >= 0 {
        scale = scale.wrapping_sub(parts.denom.len() as i32);
        if scale >= -9 {
            let shifted = format!("{}{}", parts.num, parts.denom);
            let value: i64 = shifted.parse().map_err(|_| QuantityError::Numeric)?;
            if let Some(result) = int64_multiply(value, mantissa) {
                let result = if parts.positive { result } else { -result };
                let canonical = match format {
                    Format::BinarySI => exponent % 10 == 0 && value & 0x07 != 0,
                    _ => scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0'),
                };
                return Ok(Quantity { amount: Amount::Int { value: result, scale }, format, cached: canonical.then(|| s.to_owned()) });
            }
        }
    }

    // The slow path: an arbitrary-precision decimal, rounded up (away from zero) to nano.
    let (mut value, mut dec_scale) = dec_from_str(parts.value).ok_or(QuantityError::Numeric)?;
    if base == 10 {
        value.exp += i64::from(exponent);
        dec_scale -= i64::from(exponent);
    } else {
        value = value.mul_pow2(exponent as u32);
    }
    let negative = value.neg;
    value.neg = false;
    if !value.is_zero() {
        value = value.round_away(-9).0;
        dec_scale = 9;
    }
    if format == Format::BinarySI && value.cmp_value(&Decimal::from_i64(i64::MAX)) == Ordering::Greater {
        value = Decimal::from_i64(i64::MAX);
        dec_scale = 0;
    }
    if format == Format::BinarySI && !value.is_zero() && value.cmp_value(&Decimal::from_i64(1)) == Ordering::Less {
        format = Format::DecimalSI;
    }
    value.neg = negative && !value.is_zero();
    Ok(Quantity { amount: Amount::Dec { value, scale: dec_scale }, format, cached: None })
}

/// The pieces `parseQuantityString` finds: the sign, the numeric text (`value`), its integer digits
/// without leading zeros (`num`), its fraction digits (`denom`) and the suffix.
struct Parts<'a> {
    positive: bool,
    value: &'a str,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

/// `parseQuantityString`, a byte scanner that is more permissive than its regular expression.
fn split(s: &str) -> Result<Parts<'_>, QuantityError> {
    let b = s.as_bytes();
    let end = b.len();
    let mut positive = true;
    let mut pos = 0;
    match b[0] {
        b'-' => {
            positive = false;
            pos += 1;
        }
        b'+' => pos += 1,
        _ => {}
    }
    // leading zeros; nothing else means zero
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parts { positive, value: "0", num: "0", denom: "", suffix: "" });
    }
    // the integer part
    let start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parts { positive, value: s, num: &s[start..], denom: "", suffix: "" });
    }
    let num = if pos == start { "0" } else { &s[start..pos] };
    // the fraction
    let mut denom = "";
    if b[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        if pos >= end {
            return Ok(Parts { positive, value: s, num, denom: &s[start..], suffix: "" });
        }
        denom = &s[start..pos];
    }
    let value = &s[..pos];
    // the suffix: letters, then an optional sign and digits
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && matches!(b[pos], b'-' | b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parts { positive, value, num, denom, suffix: &s[suffix_start..] });
    }
    Err(QuantityError::Format)
}

/// `quantitySuffixer.interpret`: (base, exponent, format).
fn interpret_suffix(suffix: &str) -> Option<(u32, i32, Format)> {
    let decimal = |e| Some((10, e, Format::DecimalSI));
    let binary = |e| Some((2, e, Format::BinarySI));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => binary(10),
        "Mi" => binary(20),
        "Gi" => binary(30),
        "Ti" => binary(40),
        "Pi" => binary(50),
        "Ei" => binary(60),
        _ if suffix.len() > 1 && suffix.starts_with(['e', 'E']) => {
            // strconv.ParseInt(_, 10, 64), then Go's int32 conversion (which wraps)
            let parsed: i64 = suffix[1..].parse().ok()?;
            Some((10, parsed as i32, Format::DecimalExponent))
        }
        _ => None,
    }
}

/// `inf.Dec.SetString` on the numeric text (an optional sign, digits, at most one point, and at
/// least one digit): the value and the `inf.Dec` scale, its number of fraction digits.
fn dec_from_str(text: &str) -> Option<(Decimal, i64)> {
    let (neg, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let mut digits = Vec::with_capacity(body.len());
    let mut fraction = 0i64;
    let mut seen_point = false;
    for c in body.bytes() {
        match c {
            b'.' if !seen_point => seen_point = true,
            b'0'..=b'9' => {
                digits.push(c - b'0');
                if seen_point {
                    fraction += 1;
                }
            }
            _ => return None,
        }
    }
    if digits.is_empty() {
        return None;
    }
    Some((Decimal::new(neg, digits, -fraction), fraction))
}

impl Quantity {
    /// The exact value.
    fn decimal(&self) -> Decimal {
        match &self.amount {
            Amount::Int { value, scale } => {
                let mut d = Decimal::from_i64(*value);
                if !d.is_zero() {
                    d.exp += i64::from(*scale);
                }
                d
            }
            Amount::Dec { value, .. } => value.clone(),
        }
    }

    /// `Sign()`: -1, 0 or 1.
    pub fn sign(&self) -> i32 {
        match &self.amount {
            Amount::Int { value, .. } => value.signum() as i32,
            Amount::Dec { value, .. } if value.is_zero() => 0,
            Amount::Dec { value, .. } => {
                if value.neg {
                    -1
                } else {
                    1
                }
            }
        }
    }

    /// `IsZero()`.
    pub fn is_zero(&self) -> bool {
        self.sign() == 0
    }

    /// `Cmp(Quantity{}) < 0`, the `ValidateNonnegativeQuantity` test.
    pub fn is_negative(&self) -> bool {
        self.sign() < 0
    }

    /// The server's "is an integer" test (`ValidateResourceQuantityValue`):
    /// `MilliValue() % 1000 == 0`, with `MilliValue` wrapping like Go's, so some huge values pass.
    pub fn is_integer(&self) -> bool {
        self.milli_value().wrapping_rem(1000) == 0
    }

    /// `Value()`: rounded up (away from zero) to an integer; wraps or yields 0 on overflow as Go does.
    pub fn value(&self) -> i64 {
        self.scaled_value(0)
    }

    /// `MilliValue()`: `Value()` in thousandths.
    pub fn milli_value(&self) -> i64 {
        self.scaled_value(-3)
    }

    /// `ScaledValue(scale)` (`scale` in Go's upside-down sense: -3 is milli).
    fn scaled_value(&self, scale: i32) -> i64 {
        match &self.amount {
            Amount::Int { value, scale: own } => {
                let (own, scale) = (i64::from(*own), i64::from(scale));
                if own < scale {
                    negative_scale_int64(*value, scale - own).0
                } else {
                    positive_scale_int64(*value, own - scale)
                }
            }
            Amount::Dec { value, scale: own } => dec_scaled_value(value, *own, -i64::from(scale)),
        }
    }

    /// `RoundUp(scale)`: round up (away from zero) to a multiple of `10^scale`; returns whether
    /// that was exact. `SetDefaults_ResourceList` calls it with -3 on every request and limit.
    pub fn round_up(&mut self, scale: i32) -> bool {
        match &mut self.amount {
            Amount::Int { value, scale: own } => {
                if *own >= scale {
                    return true;
                }
                self.cached = None;
                let (result, exact) = negative_scale_int64(*value, i64::from(scale) - i64::from(*own));
                *value = result;
                *own = scale;
                exact
            }
            Amount::Dec { value, scale: own } => {
                self.cached = None;
                let (rounded, exact) = value.round_away(i64::from(scale));
                *value = rounded;
                *own = -i64::from(scale);
                exact
            }
        }
    }

    /// `CanonicalizeBytes`: the text `String()` computes when nothing is cached.
    fn canonical(&self) -> String {
        let value = self.decimal();
        if value.is_zero() {
            return "0".to_owned();
        }
        let mut format = self.format;
        if format == Format::BinarySI {
            let small = value.cmp_value(&Decimal::from_i64(-1024)) == Ordering::Greater
                && value.cmp_value(&Decimal::from_i64(1024)) == Ordering::Less;
            if small || value.exp < 0 {
                // a fraction would be lost: show it as DecimalSI
                format = Format::DecimalSI;
            }
        }
        if format == Format::BinarySI {
            if let Some(mut n) = value.to_i128() {
                let mut times = 0;
                while n.abs() >= 1024 && n % 1024 == 0 {
                    n /= 1024;
                    times += 1;
                }
                let suffix = match times {
                    1 => "Ki",
                    2 => "Mi",
                    3 => "Gi",
                    4 => "Ti",
                    5 => "Pi",
                    6 => "Ei",
                    _ => "",
                };
                return format!("{n}{suffix}");
            }
            format = Format::DecimalSI;
        }
        // AsCanonicalBytes: all factors of ten into the exponent, then down to a multiple of 3.
        let mut digits = value.digits.clone();
        let mut exp = value.exp;
        while exp % 3 != 0 {
            digits.push(0);
            exp -= 1;
        }
        let mut out = String::with_capacity(digits.len() + 4);
        if value.neg {
            out.push('-');
        }
        out.extend(digits.iter().map(|d| char::from(b'0' + d)));
        match format {
            Format::DecimalExponent if exp != 0 => out.push_str(&format!("e{exp}")),
            Format::DecimalSI => out.push_str(match exp {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                // Go finds no suffix and prints none, whatever the exponent
                _ => "",
            }),
            _ => {}
        }
        out
    }
}

/// `String()`.
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cached {
            Some(s) => f.write_str(s),
            None => f.write_str(&self.canonical()),
        }
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `Cmp`: by value, whatever the format.
impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        self.decimal().cmp_value(&other.decimal())
    }
}

/// A signed decimal: `digits × 10^exp`, with no leading or trailing zero digits (no digits for 0).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Decimal {
    neg: bool,
    digits: Vec<u8>,
    exp: i64,
}

impl Decimal {
    fn new(neg: bool, digits: Vec<u8>, exp: i64) -> Decimal {
        let mut d = Decimal { neg, digits, exp };
        d.normalize();
        d
    }

    fn from_i64(v: i64) -> Decimal {
        let digits = v.unsigned_abs().to_string().bytes().map(|c| c - b'0').collect();
        Decimal::new(v < 0, digits, 0)
    }

    fn normalize(&mut self) {
        let lead = self.digits.iter().take_while(|d| **d == 0).count();
        self.digits.drain(..lead);
        while self.digits.last() == Some(&0) {
            self.digits.pop();
            self.exp += 1;
        }
        if self.digits.is_empty() {
            self.neg = false;
            self.exp = 0;
        }
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Multiplies by `2^k`.
    fn mul_pow2(mut self, k: u32) -> Decimal {
        for _ in 0..k {
            let mut carry = 0;
            for d in self.digits.iter_mut().rev() {
                let v = *d * 2 + carry;
                *d = v % 10;
                carry = v / 10;
            }
            if carry > 0 {
                self.digits.insert(0, carry);
            }
        }
        self.normalize();
        self
    }

    /// `inf.Dec.Round(_, -e, inf.RoundUp)`: the nearest multiple of `10^e` away from zero, and
    /// whether nothing was lost.
    fn round_away(&self, e: i64) -> (Decimal, bool) {
        if self.is_zero() || self.exp >= e {
            return (self.clone(), true);
        }
        let drop = e - self.exp;
        let len = self.digits.len() as i64;
        // The dropped digits end in a non-zero digit, so rounding always adds one unit.
        let mut kept: Vec<u8> = if drop >= len { Vec::new() } else { self.digits[..(len - drop) as usize].to_vec() };
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
        (Decimal::new(self.neg, kept, e), false)
    }

    /// Compares values.
    fn cmp_value(&self, other: &Decimal) -> Ordering {
        let rank = |d: &Decimal| {
            if d.is_zero() {
                0
            } else if d.neg {
                -1
            } else {
                1
            }
        };
        match rank(self).cmp(&rank(other)) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        if self.is_zero() {
            return Ordering::Equal;
        }
        // magnitudes: first by the position of the leading digit, then digit by digit
        let lead = |d: &Decimal| d.digits.len() as i64 + d.exp;
        let magnitude = lead(self).cmp(&lead(other)).then_with(|| self.digits.cmp(&other.digits));
        if self.neg {
            magnitude.reverse()
        } else {
            magnitude
        }
    }

    /// The value as an integer, if it is one and fits.
    fn to_i128(&self) -> Option<i128> {
        if self.exp < 0 || self.digits.len() as i64 + self.exp > 38 {
            return None;
        }
        let mut n: i128 = 0;
        for d in &self.digits {
            n = n * 10 + i128::from(*d);
        }
        for _ in 0..self.exp {
            n *= 10;
        }
        Some(if self.neg { -n } else { n })
    }
}

/// `digits × 10^zeros mod 2^64`.
fn low64(digits: &[u8], zeros: u64) -> u64 {
    let mut acc: u64 = 0;
    for d in digits {
        acc = acc.wrapping_mul(10).wrapping_add(u64::from(*d));
    }
    let (mut base, mut n, mut pow) = (10u64, zeros, 1u64);
    while n > 0 {
        if n & 1 == 1 {
            pow = pow.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        n >>= 1;
    }
    acc.wrapping_mul(pow)
}

/// `big.Int.Int64()` of `±magnitude`: the low 64 bits, negated if negative.
fn go_int64(neg: bool, magnitude_low64: u64) -> i64 {
    let v = magnitude_low64 as i64;
    if neg {
        v.wrapping_neg()
    } else {
        v
    }
}

/// apimachinery `scaledValue` for an `inf.Dec` of scale `scale`, asked for scale `new_scale` (both
/// in `inf`'s sense: positive means decimal places).
fn dec_scaled_value(value: &Decimal, scale: i64, new_scale: i64) -> i64 {
    if value.is_zero() {
        return 0;
    }
    // the unscaled integer is digits × 10^k
    let k = value.exp + scale;
    let unscaled = go_int64(value.neg, low64(&value.digits, k.max(0) as u64));
    let dif = scale - new_scale;
    if dif == 0 {
        return unscaled;
    }
    if dif < 0 {
        // int64(math.Pow10(-dif)); beyond 10^18 the float does not fit and amd64 yields MinInt64
        let factor = if -dif <= 18 { 10i64.pow((-dif) as u32) } else { i64::MIN };
        return unscaled.wrapping_mul(factor);
    }
    let below_max = value.neg || Decimal::new(false, value.digits.clone(), k).cmp_value(&Decimal::from_i64(i64::MAX)) == Ordering::Less;
    if below_max && dif < 19 {
        // int64 arithmetic: truncating division, plus one for any remainder
        let u = unscaled;
        let divisor = 10i64.pow(dif as u32);
        let (q, r) = (u / divisor, u % divisor);
        return if r != 0 { q.wrapping_add(1) } else { q };
    }
    // big.Int Euclidean division (floor), plus one for any remainder
    if k >= dif {
        return go_int64(value.neg, low64(&value.digits, (k - dif) as u64));
    }
    let cut = dif - k;
    let kept = if cut >= value.digits.len() as i64 { &[][..] } else { &value.digits[..value.digits.len() - cut as usize] };
    let trunc = low64(kept, 0);
    if value.neg {
        go_int64(true, trunc.wrapping_add(1)).wrapping_add(1)
    } else {
        go_int64(false, trunc).wrapping_add(1)
    }
}

/// `int64Multiply` for a non-negative `a` and positive `b`.
fn int64_multiply(a: i64, b: i64) -> Option<i64> {
    a.checked_mul(b)
}

/// `positiveScaleInt64`: `base × 10^scale`. Go returns the wrapped product for the scales it
/// special-cases (1, 2, 3, 6, 9) and 0 for the others when the product overflows.
fn positive_scale_int64(base: i64, scale: i64) -> i64 {
    let times = |a: i64, b: i64| -> (i64, bool) {
        if a == 0 || a == 1 {
            return (a * b, true);
        }
        if a == i64::MIN {
            return (0, false);
        }
        let c = a.wrapping_mul(b);
        (c, c / b == a)
    };
    match scale {
        0 => base,
        1 => times(base, 10).0,
        2 => times(base, 100).0,
        3 => times(base, 1000).0,
        6 => times(base, 1_000_000).0,
        9 => times(base, 1_000_000_000).0,
        _ => {
            let mut value = base;
            for _ in 0..scale {
                if value == 0 {
                    return 0;
                }
                let (next, ok) = times(value, 10);
                if !ok {
                    return 0;
                }
                value = next;
            }
            value
        }
    }
}

/// `negativeScaleInt64`: `base / 10^scale`, rounded away from zero, and whether that was exact.
fn negative_scale_int64(base: i64, scale: i64) -> (i64, bool) {
    if scale == 0 {
        return (base, true);
    }
    let mut value = base;
    let mut fraction = false;
    for _ in 0..scale {
        if !fraction && value % 10 != 0 {
            fraction = true;
        }
        value /= 10;
        if value == 0 {
            if fraction {
                return (if base > 0 { 1 } else { -1 }, false);
            }
            return (0, true);
        }
    }
    if fraction {
        value += if base > 0 { 1 } else { -1 };
    }
    (value, !fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Quantity.UnmarshalJSON` says: white space trimmed, then `ParseQuantity`.
    fn quantity_error(s: &str) -> Option<String> {
        try_parse_quantity(s.trim()).err().map(|e| e.message().to_owned())
    }

    fn q(s: &str) -> Quantity {
        parse_quantity(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn quantities_print_canonically() {
        // (input, String()) from apimachinery's TestQuantityString and TestQuantityParseEmit
        for (input, expect) in [
            ("1024Mi", "1Gi"),
            ("307200Ki", "300Mi"),
            ("1025024Mi", "1001Gi"),
            ("5000m", "5"),
            ("0.5", "500m"),
            ("1000M", "1G"),
            ("0.001T", "1G"),
            ("1000u", "1m"),
            ("1.08", "1080m"),
            ("1080000000n", "1080m"),
            (".001e12", "1e9"),
            ("0.001e0", "1e-3"),
            ("1000e-12", "1e-9"),
            ("00", "0"),
            (".001Ki", "1024m"),
            (".000001Ki", "1024u"),
            (".000000001Ki", "1024n"),
            (".000000000001Ki", "2n"),
            ("-.001Ki", "-1024m"),
            ("8Ki", "8Ki"),
            ("1.5Gi", "1536Mi"),
            ("1.1Ki", "1126400m"),
            ("0.0000000001", "1n"),
            ("0.00000012345", "124n"),
            ("3.001n", "4n"),
            ("1.1E-9", "2e-9"),
            ("9Ei", "9223372036854775807"),
            ("9223372036854775807Ki", "9223372036854775807"),
            ("100Ti", "100Ti"),
            ("12345678901234567890", "12345678901234567890"),
            ("1000E", "1"),
        ] {
            assert_eq!(q(input).to_string(), expect, "{input}");
        }
    }

    #[test]
    fn canonical_input_is_printed_as_given() {
        for s in ["1", "+1", "-1", "1.", "01", "00001k", "1Ki", "100m", "1e3", "12E", "0"] {
            assert_eq!(q(s).to_string(), s);
        }
        // not canonical, so recomputed
        assert_eq!(q("+1000").to_string(), "1k");
        assert_eq!(q("8Ki").to_string(), "8Ki");
    }

    #[test]
    fn quantity_parse_quirks_and_errors() {
        for zero in ["+", "-", ".", "-0", "0m", "0Ki", "000"] {
            assert!(q(zero).is_zero(), "{zero}");
        }
        for (input, err) in [
            ("", QuantityError::Format),
            ("1.1.M", QuantityError::Format),
            ("1+1.0M", QuantityError::Format),
            ("aoeu", QuantityError::Format),
            (" 1", QuantityError::Format),
            ("1 ", QuantityError::Format),
            ("1x", QuantityError::Format),
            ("0.1mi", QuantityError::Suffix),
            ("0.1am", QuantityError::Format),
            (".5i", QuantityError::Suffix),
            ("1i", QuantityError::Suffix),
            ("-3.01i", QuantityError::Suffix),
            ("-3.01e-", QuantityError::Suffix),
            ("1e", QuantityError::Suffix),
            ("1e99999999999999999999", QuantityError::Suffix),
            ("+.e-10", QuantityError::Numeric),
        ] {
            assert_eq!(try_parse_quantity(input).err(), Some(err), "{input:?}");
        }
        assert_eq!(
            quantity_error("1 cpu").as_deref(),
            Some("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        );
        assert_eq!(quantity_error("2ki").as_deref(), Some("unable to parse quantity's suffix"));
        assert_eq!(quantity_error("2KB").as_deref(), Some(QuantityError::Format.message()));
        assert_eq!(quantity_error(" 250m\n"), None);
    }

    #[test]
    fn quantities_compare_by_value() {
        assert!(q("10000T") > q("100Gi"));
        assert_eq!(q("1"), q("1000m"));
        assert_eq!(q("0.5Ki"), q("512"));
        assert_eq!(q("1e3"), q("1k"));
        assert!(q("-1") < q("0"));
        assert!(q("-2") < q("-1500m"));
        assert!(q("1n") > q("0"));
        assert!(q("12345678901234567891") > q("12345678901234567890"));
        assert!(q("1e-20") > q("0"), "rounded up to 1n");
        assert!(!q("1.5").is_integer() && q("2").is_integer() && q("2000m").is_integer());
        assert!(q("-1m").is_negative() && !q("0").is_negative());
    }

    #[test]
    fn values_round_away_from_zero() {
        assert_eq!(q("1.5").value(), 2);
        assert_eq!(q("-1.5").value(), -2);
        assert_eq!(q("1.5").milli_value(), 1500);
        assert_eq!(q("1n").milli_value(), 1);
        assert_eq!(q("2Mi").value(), 2 * 1024 * 1024);
        assert_eq!(q("1e30").value(), 0, "int64 overflow yields 0");
        // an inf.Dec beyond int64: big.Int.Int64() keeps the low 64 bits
        assert_eq!(q("12345678901234567890123").milli_value(), (12_345_678_901_234_567_890_123_u128 * 1000) as u64 as i64);
        // ... and scaledValue's int64 fast path divides that wrapped number (Go gives -6432227780)
        assert_eq!(q("-12345678901234567890123").value(), -6_432_227_780);
        // RoundUp(-3), as defaulting applies it
        let mut v = q("0.1m");
        assert!(!v.round_up(-3));
        assert_eq!(v.to_string(), "1m");
        let mut v = q("1.0001");
        assert!(!v.round_up(-3));
        assert_eq!(v.to_string(), "1001m");
        let mut v = q("+1");
        assert!(v.round_up(-3));
        assert_eq!(v.to_string(), "+1");
        let mut v = q("-9.01");
        assert!(!v.round_up(0));
        assert_eq!(v, q("-10"));
    }
}
