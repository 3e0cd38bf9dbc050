//! Field paths, rendered exactly as apimachinery's `field.Path.String()` renders them.
//!
//! `Path::root("spec").child("ephemeralContainers").index(0).child("name")` prints
//! `spec.ephemeralContainers[0].name`. A path made from an empty name prints `[]`,
//! which is what the server shows for the static-pod error.

use std::fmt;

/// A field path built by the caller, like `field.NewPath("spec").Child(...)`.
///
/// The rules make a path for every value they visit, and nearly all are short: a path of up
/// to 86 bytes (`INLINE`) is kept in place, so making one allocates nothing.
#[derive(Clone)]
pub struct Path(Repr);

/// Bytes kept without an allocation (`spec.ephemeralContainers[0].volumeMounts[1].subPath` is 51).
const INLINE: usize = 86;

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(String),
}

impl Path {
    /// The concatenation of `parts`, each of them UTF-8.
    fn of(parts: &[&[u8]]) -> Path {
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if total <= INLINE {
            let mut bytes = [0u8; INLINE];
            let mut at = 0;
            for p in parts {
                bytes[at..at + p.len()].copy_from_slice(p);
                at += p.len();
            }
            Path(Repr::Inline { len: total as u8, bytes })
        } else {
            let mut s = Vec::with_capacity(total);
            for p in parts {
                s.extend_from_slice(p);
            }
            // UTF-8 pieces joined are UTF-8.
            Path(Repr::Heap(String::from_utf8(s).unwrap_or_default()))
        }
    }

    fn bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// A path of one element.
    pub fn root(name: &str) -> Path {
        Path::of(&[name.as_bytes()])
    }

    /// The path the server uses for errors that belong to no field (`field.NewPath("")`).
    pub fn empty() -> Path {
        Path::of(&[])
    }

    /// `parent.name`
    #[must_use]
    pub fn child(&self, name: &str) -> Path {
        let parent = self.bytes();
        Path::of(&[parent, if parent.is_empty() { b"" } else { b"." }, name.as_bytes()])
    }

    /// `parent[i]`
    #[must_use]
    pub fn index(&self, i: usize) -> Path {
        // Paths are made for every value the rules visit: written out by hand, not by format!.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = i;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        Path::of(&[self.bytes(), b"[", &digits[at..], b"]"])
    }

    /// `parent[key]`, as `Path.Key` renders map keys.
    #[must_use]
    pub fn key(&self, key: &str) -> Path {
        Path::of(&[self.bytes(), b"[", key.as_bytes(), b"]"])
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default(),
            Repr::Heap(s) => s,
        }
    }

    /// The elements of the path: names and `[i]` indices, in order.
    pub fn segments(&self) -> Vec<Segment<'_>> {
        segments(self.as_str())
    }
}

impl PartialEq for Path {
    fn eq(&self, other: &Path) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for Path {}

impl std::hash::Hash for Path {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Path {
    fn partial_cmp(&self, other: &Path) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Path {
    fn cmp(&self, other: &Path) -> std::cmp::Ordering {
        self.bytes().cmp(other.bytes())
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Path").field(&self.as_str()).finish()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            "" => f.write_str("[]"),
            s => f.write_str(s),
        }
    }
}

/// One element of a rendered path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

/// Splits a rendered path (`a.b[2].c`) into its elements.
pub fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let bytes = path.as_bytes();
    let mut i = 0;
    let mut start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' => {
                if i > start {
                    out.push(Segment::Field(&path[start..i]));
                }
                start = i + 1;
            }
            b'[' => {
                if i > start {
                    out.push(Segment::Field(&path[start..i]));
                }
                let end = path[i..].find(']').map_or(path.len(), |e| i + e);
                let inner = &path[i + 1..end];
                out.push(match inner.parse() {
                    Ok(n) => Segment::Index(n),
                    Err(_) => Segment::Key(inner),
                });
                i = end;
                start = end + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < path.len() {
        out.push(Segment::Field(&path[start..]));
    }
    out
}

/// A rendered path cut at its first list index: `spec.containers[12].securityContext.privileged`
/// is `("spec.containers", 12, "securityContext.privileged")`. `None` without a numeric index
/// followed by more of the path (a map key, as `metadata.annotations[k]`, is not an index).
pub(crate) fn split_at_index(path: &str) -> Option<(&str, usize, &str)> {
    let open = path.find('[')?;
    let close = open + path[open..].find(']')?;
    let index = path[open + 1..close].parse().ok()?;
    let rest = path[close + 1..].strip_prefix('.')?;
    Some((&path[..open], index, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_cut_at_its_first_index() {
        assert_eq!(
            split_at_index("spec.containers[12].securityContext.privileged"),
            Some(("spec.containers", 12, "securityContext.privileged"))
        );
        assert_eq!(split_at_index("spec.containers[0].ports[1].hostPort"), Some(("spec.containers", 0, "ports[1].hostPort")));
        assert_eq!(split_at_index("metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]"), None);
        assert_eq!(split_at_index("spec.containers[3]"), None);
        assert_eq!(split_at_index("spec.securityContext.runAsNonRoot"), None);
    }

    #[test]
    fn renders_like_the_server() {
        let p = Path::root("spec").child("ephemeralContainers").index(0);
        assert_eq!(p.child("volumeMounts").index(1).child("subPath").to_string(), "spec.ephemeralContainers[0].volumeMounts[1].subPath");
        assert_eq!(Path::root("a").index(0).index(10).index(1234).key("k").as_str(), "a[0][10][1234][k]");
        assert_eq!(Path::root("a").index(usize::MAX).as_str(), format!("a[{}]", usize::MAX));
        assert_eq!(Path::empty().to_string(), "[]");
        assert_eq!(Path::root("metadata").child("labels").key("app").to_string(), "metadata.labels[app]");
        // Past the bytes kept in place, and back.
        let long = Path::root("a").child(&"b".repeat(INLINE));
        assert_eq!(long.as_str(), format!("a.{}", "b".repeat(INLINE)));
        assert_eq!(long.index(7).as_str(), format!("a.{}[7]", "b".repeat(INLINE)));
        assert_eq!(Path::root(&"é".repeat(INLINE / 2)).as_str(), "é".repeat(INLINE / 2));
        assert!(Path::root("a") < Path::root("b") && Path::root("a") == Path::root("a"));
    }

    #[test]
    fn splits_into_segments() {
        assert_eq!(
            segments("spec.ephemeralContainers[3].env[0].name"),
            vec![
                Segment::Field("spec"),
                Segment::Field("ephemeralContainers"),
                Segment::Index(3),
                Segment::Field("env"),
                Segment::Index(0),
                Segment::Field("name")
            ]
        );
        assert_eq!(segments(""), vec![]);
        assert_eq!(segments("metadata.labels[app]"), vec![Segment::Field("metadata"), Segment::Field("labels"), Segment::Key("app")]);
    }
}
