//! Field paths, rendered exactly as apimachinery's `field.Path.String()` renders them.
//!
//! `Path::root("spec").child("ephemeralContainers").index(0).child("name")` prints
//! `spec.ephemeralContainers[0].name`. A path made from an empty name prints `[]`,
//! which is what the server shows for the static-pod error.

use std::fmt;

/// A field path built by the caller, like `field.NewPath("spec").Child(...)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path(String);

impl Path {
    /// A path of one element.
    pub fn root(name: &str) -> Path {
        Path(name.to_owned())
    }

    /// The path the server uses for errors that belong to no field (`field.NewPath("")`).
    pub fn empty() -> Path {
        Path(String::new())
    }

    /// `parent.name`
    #[must_use]
    pub fn child(&self, name: &str) -> Path {
        let mut s = String::with_capacity(self.0.len() + name.len() + 1);
        s.push_str(&self.0);
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(name);
        Path(s)
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
        let digits = std::str::from_utf8(&digits[at..]).unwrap_or("0");
        self.bracketed(digits)
    }

    /// `parent[key]`, as `Path.Key` renders map keys.
    #[must_use]
    pub fn key(&self, key: &str) -> Path {
        self.bracketed(key)
    }

    fn bracketed(&self, inner: &str) -> Path {
        let mut s = String::with_capacity(self.0.len() + inner.len() + 2);
        s.push_str(&self.0);
        s.push('[');
        s.push_str(inner);
        s.push(']');
        Path(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The elements of the path: names and `[i]` indices, in order.
    pub fn segments(&self) -> Vec<Segment<'_>> {
        segments(&self.0)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("[]")
        } else {
            f.write_str(&self.0)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_the_server() {
        let p = Path::root("spec").child("ephemeralContainers").index(0);
        assert_eq!(p.child("volumeMounts").index(1).child("subPath").to_string(), "spec.ephemeralContainers[0].volumeMounts[1].subPath");
        assert_eq!(Path::root("a").index(0).index(10).index(1234).key("k").as_str(), "a[0][10][1234][k]");
        assert_eq!(Path::root("a").index(usize::MAX).as_str(), format!("a[{}]", usize::MAX));
        assert_eq!(Path::empty().to_string(), "[]");
        assert_eq!(Path::root("metadata").child("labels").key("app").to_string(), "metadata.labels[app]");
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
