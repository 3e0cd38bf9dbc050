//! The image reference grammar `kubectl debug` checks `--image` (and `--set-image`) against
//! before it sends anything (kubernetes/kubectl `pkg/cmd/debug/debug.go` 1.37, `Validate`:
//! `invalid image name %q: %v`), used by the importer, which refuses what kubectl refuses, and
//! by the `kubectl debug` export, which must not write a command kubectl would refuse.

/// `reference.ReferenceRegexp.MatchString` (github.com/distribution/reference v0.6.0
/// `regexp.go`, the version kubectl 1.37 uses):
///
/// ```text
/// ^ (?:domainAndPort /)? pathComponent (?:/ pathComponent)* (?::tag)? (?:@digest)? $
/// domainAndPort = (?:domainName | \[[a-fA-F0-9:]+\]) (?::[0-9]+)?
/// domainName    = component (?:\. component)*,  component = [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
/// pathComponent = [a-z0-9]+ (?:(?:[._]|__|[-]+) [a-z0-9]+)*
/// tag           = [\w][\w.-]{0,127}
/// digest        = [A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[[:xdigit:]]{32,}
/// ```
///
/// Matched as a set of reachable positions, which decides membership exactly like the
/// anchored regular expression.
pub(crate) fn is_image_reference(s: &str) -> bool {
    common_image_reference(s) || matches_image_reference(s)
}

/// The usual shape, `name(/name)*(:tag)?` with lowercase path components, checked without
/// the matcher: every string it accepts, the grammar accepts (a domain is optional, and a
/// path component is a valid domain name too).
fn common_image_reference(s: &str) -> bool {
    let (name, tag) = match s.rfind(':') {
        Some(at) if !s[at..].contains('/') => (&s[..at], Some(&s[at + 1..])),
        _ => (s, None),
    };
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let tag_ok = tag.is_none_or(|t| {
        let b = t.as_bytes();
        !b.is_empty() && b.len() <= 128 && word(b[0]) && b.iter().all(|&c| word(c) || c == b'.' || c == b'-')
    });
    tag_ok && !s.contains('@') && name.split('/').all(path_component)
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn path_component(c: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let b = c.as_bytes();
    let mut i = 0;
    loop {
        // A run of letters and digits…
        let start = i;
        while i < b.len() && alnum(b[i]) {
            i += 1;
        }
        if i == start {
            return false;
        }
        if i == b.len() {
            return true;
        }
        // …then one separator: `.`, `_`, `__` or dashes.
        match b[i] {
            b'.' => i += 1,
            b'_' => i += if b.get(i + 1) == Some(&b'_') { 2 } else { 1 },
            b'-' => {
                while i < b.len() && b[i] == b'-' {
                    i += 1;
                }
            }
            _ => return false,
        }
    }
}

/// The whole grammar, as a set of reachable positions.
fn matches_image_reference(s: &str) -> bool {
    let m = Matcher(s.as_bytes());
    let start = m.at(0);
    let domain = {
        let component = |from: &Reach| m.domain_component(from);
        let name = m.star(&component(&start), |r| component(&m.lit(r, b'.')));
        let ipv6 = m.lit(&m.run(&m.lit(&start, b'['), |c| c.is_ascii_hexdigit() || c == b':', 1, usize::MAX), b']');
        let host = union(&name, &ipv6);
        union(&host, &m.run(&m.lit(&host, b':'), |c| c.is_ascii_digit(), 1, usize::MAX))
    };
    let name_start = union(&start, &m.lit(&domain, b'/'));
    let path_component = |from: &Reach| {
        let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
        let first = m.run(from, alnum, 1, usize::MAX);
        m.star(&first, |r| {
            let separator = union(
                &union(&m.run(r, |c| c == b'.' || c == b'_', 1, 1), &m.lit(&m.lit(r, b'_'), b'_')),
                &m.run(r, |c| c == b'-', 1, usize::MAX),
            );
            m.run(&separator, alnum, 1, usize::MAX)
        })
    };
    let name = m.star(&path_component(&name_start), |r| path_component(&m.lit(r, b'/')));
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let tag = m.run(&m.run(&m.lit(&name, b':'), word, 1, 1), |c| word(c) || c == b'.' || c == b'-', 0, 127);
    let tagged = union(&name, &tag);
    let digest = {
        let component = |from: &Reach| m.run(&m.run(from, |c| c.is_ascii_alphabetic(), 1, 1), |c| c.is_ascii_alphanumeric(), 0, usize::MAX);
        let algorithm =
            m.star(&component(&m.lit(&tagged, b'@')), |r| component(&m.run(r, |c| matches!(c, b'-' | b'_' | b'+' | b'.'), 1, 1)));
        m.run(&m.lit(&algorithm, b':'), |c| c.is_ascii_hexdigit(), 32, usize::MAX)
    };
    union(&tagged, &digest)[s.len()]
}

/// The positions (0..=len) a pattern can have reached.
type Reach = Vec<bool>;

struct Matcher<'a>(&'a [u8]);

fn union(a: &Reach, b: &Reach) -> Reach {
    a.iter().zip(b).map(|(x, y)| *x || *y).collect()
}

impl Matcher<'_> {
    fn at(&self, pos: usize) -> Reach {
        let mut r = vec![false; self.0.len() + 1];
        r[pos] = true;
        r
    }

    fn none(&self) -> Reach {
        vec![false; self.0.len() + 1]
    }

    /// One given byte.
    fn lit(&self, from: &Reach, c: u8) -> Reach {
        let mut out = self.none();
        for (p, _) in from.iter().enumerate().filter(|(_, r)| **r) {
            if self.0.get(p) == Some(&c) {
                out[p + 1] = true;
            }
        }
        out
    }

    /// Between `min` and `max` bytes of a class.
    fn run(&self, from: &Reach, class: impl Fn(u8) -> bool, min: usize, max: usize) -> Reach {
        let mut out = self.none();
        for (p, _) in from.iter().enumerate().filter(|(_, r)| **r) {
            let len = self.0[p..].iter().take_while(|c| class(**c)).count().min(max);
            for n in min..=len {
                out[p + n] = true;
            }
        }
        out
    }

    /// `from`, then `step` any number of times.
    fn star(&self, from: &Reach, step: impl Fn(&Reach) -> Reach) -> Reach {
        let mut all = from.clone();
        let mut frontier = from.clone();
        while frontier.iter().any(|r| *r) {
            let next = step(&frontier);
            frontier = next.iter().zip(&all).map(|(n, a)| *n && !*a).collect();
            all = union(&all, &next);
        }
        all
    }

    /// `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`
    fn domain_component(&self, from: &Reach) -> Reach {
        let mut out = self.none();
        for (p, _) in from.iter().enumerate().filter(|(_, r)| **r) {
            if !self.0.get(p).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            out[p + 1] = true;
            for q in p + 1..self.0.len() {
                match self.0[q] {
                    c if c.is_ascii_alphanumeric() => out[q + 1] = true,
                    b'-' => {}
                    _ => break,
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        for good in [
            "busybox",
            "busybox:1.36",
            "library/busybox:latest",
            "registry.k8s.io/e2e-test-images/agnhost:2.45",
            "localhost:5000/x/y_z__w.v-u--t",
            "Example.COM/a",
            "[::1]:5000/a:b",
            "a@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "a:v1@sha256:0123456789abcdef0123456789abcdef",
            "a:Tag_1.x-y",
        ] {
            assert!(is_image_reference(good), "{good}");
        }
        for bad in [
            "",
            "BusyBox",
            "busybox:",
            ":tag",
            "a/",
            "/a",
            "a//b",
            "a_-b",
            "a:-tag",
            "a@sha256:0123",
            " busybox",
            "busybox ",
            "a:b:c",
            "-a.com/b",
            "a___b",
        ] {
            assert!(!is_image_reference(bad), "{bad}");
        }
        assert!(is_image_reference(&format!("a:{}", "t".repeat(128))));
        assert!(!is_image_reference(&format!("a:{}", "t".repeat(129))));
        // The usual shapes take the short way.
        for common in ["busybox:1.36", "nicolaka/netshoot:v0.13", "registry.k8s.io/e2e-test-images/agnhost:2.53", "a__b-c.d/e"] {
            assert!(common_image_reference(common), "{common}");
        }
    }

    proptest::proptest! {
        /// The short way never accepts what the whole grammar refuses.
        #[test]
        fn the_common_shape_is_part_of_the_grammar(s in "[a-z0-9._:/-]{1,16}|[a-zA-Z0-9._:/@-]{0,24}") {
            proptest::prop_assert!(!common_image_reference(&s) || matches_image_reference(&s), "{}", s);
        }
    }
}
