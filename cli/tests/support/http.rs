//! Just enough HTTP/1.1 for a client like kubectl (Go's net/http): request heads, bodies sent
//! with `Content-Length` or `Transfer-Encoding: chunked`, keep-alive, and `Expect: 100-continue`.

use std::io::{self, BufRead, Read, Write};

/// The longest request head (request line plus headers) accepted, in bytes.
const MAX_HEAD: usize = 64 * 1024;

/// One request as it came off the wire.
#[derive(Debug)]
pub(super) struct WireRequest {
    pub method: String,
    /// The request target as sent: path and, if any, `?` and the query string.
    pub target: String,
    pub version: String,
    /// Headers in the order received, names as spelled by the client.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl WireRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// Whether the connection must be closed after the answer.
    pub fn wants_close(&self) -> bool {
        let connection = self.header("connection").unwrap_or("").to_ascii_lowercase();
        connection.split(',').any(|t| t.trim() == "close") || (self.version == "HTTP/1.0" && !connection.contains("keep-alive"))
    }
}

pub(super) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Reads one request. `Ok(None)` when the client closed the connection between requests.
/// `writer` is used only to answer `Expect: 100-continue` before the body is read.
pub(super) fn read_request(reader: &mut impl BufRead, writer: &mut impl Write) -> io::Result<Option<WireRequest>> {
    let mut head_len = 0;
    // Tolerate empty lines before the request line (RFC 9112 §2.2).
    let request_line = loop {
        match read_line(reader, &mut head_len)? {
            None => return Ok(None),
            Some(line) if line.is_empty() => continue,
            Some(line) => break line,
        }
    };
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(invalid(format!("bad request line {request_line:?}")));
    };
    let (method, target, version) = (method.to_owned(), target.to_owned(), version.to_owned());

    let mut headers = Vec::new();
    loop {
        let line = read_line(reader, &mut head_len)?.ok_or_else(|| invalid("connection closed inside the request head"))?;
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').ok_or_else(|| invalid(format!("bad header line {line:?}")))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }

    if header(&headers, "expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        writer.flush()?;
    }

    let chunked = header(&headers, "transfer-encoding")
        .is_some_and(|v| v.split(',').next_back().is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked")));
    let body = if chunked {
        read_chunked(reader)?
    } else if let Some(len) = header(&headers, "content-length") {
        let len: usize = len.parse().map_err(|_| invalid(format!("bad Content-Length {len:?}")))?;
        let mut body = vec![0; len];
        reader.read_exact(&mut body)?;
        body
    } else {
        Vec::new()
    };
    Ok(Some(WireRequest { method, target, version, headers, body }))
}

/// A chunked body (RFC 9112 §7.1): `SIZE[;ext]CRLF DATA CRLF`…, `0CRLF`, trailers, `CRLF`.
fn read_chunked(reader: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut line_budget = 0;
    loop {
        let line = read_line(reader, &mut line_budget)?.ok_or_else(|| invalid("connection closed inside a chunked body"))?;
        let size = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size, 16).map_err(|_| invalid(format!("bad chunk size line {line:?}")))?;
        if size == 0 {
            // Trailers, ignored, up to the empty line.
            while !read_line(reader, &mut line_budget)?.ok_or_else(|| invalid("connection closed inside chunk trailers"))?.is_empty() {}
            return Ok(body);
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        let end = read_line(reader, &mut line_budget)?;
        if end.as_deref() != Some("") {
            return Err(invalid("chunk data not followed by CRLF"));
        }
        line_budget = 0;
    }
}

/// One line without its `\r\n` (or bare `\n`); `None` at end of stream before any byte.
fn read_line(reader: &mut impl BufRead, used: &mut usize) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    let n = reader.by_ref().take((MAX_HEAD - *used + 1) as u64).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    *used += n;
    if line.last() != Some(&b'\n') {
        return Err(if *used > MAX_HEAD { invalid("request head too long") } else { io::ErrorKind::UnexpectedEof.into() });
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    String::from_utf8(line).map(Some).map_err(|_| invalid("request head is not UTF-8"))
}

fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        404 => "Not Found",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        422 => "Unprocessable Entity",
        _ => "Unknown",
    }
}

/// Writes a complete response with a `Content-Length` body.
pub(super) fn write_response(
    w: &mut impl Write,
    status: u16,
    content_type: &str,
    body: &[u8],
    warnings: &[String],
    close: bool,
) -> io::Result<()> {
    let connection = if close { "close" } else { "keep-alive" };
    // The apiserver's warning recorder: `299 - "<text>"`, with `\` and `"` escaped.
    let warnings: String =
        warnings.iter().map(|t| format!("Warning: 299 - \"{}\"\r\n", t.replace('\\', "\\\\").replace('"', "\\\""))).collect();
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache, private\r\n{warnings}Connection: {connection}\r\n\r\n",
        reason(status),
        body.len()
    );
    w.write_all(head.as_bytes())?;
    w.write_all(body)?;
    w.flush()
}

/// Writes the head of a `200` response whose body follows in chunks ([`write_chunk`]), as an
/// API server starts a watch.
pub(super) fn write_stream_head(w: &mut impl Write, content_type: &str) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 200 {}\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nCache-Control: no-cache, private\r\n\r\n",
        reason(200)
    );
    w.write_all(head.as_bytes())?;
    w.flush()
}

/// Writes one chunk of a chunked body and flushes it; an empty `data` would end the body, so it
/// is refused.
pub(super) fn write_chunk(w: &mut impl Write, data: &[u8]) -> io::Result<()> {
    assert!(!data.is_empty(), "an empty chunk ends a chunked body");
    write!(w, "{:x}\r\n", data.len())?;
    w.write_all(data)?;
    w.write_all(b"\r\n")?;
    w.flush()
}

/// The decoded values of `key` in a raw query string (`application/x-www-form-urlencoded`, as
/// Go's `url.Values.Encode` writes it: `+` for a space, `%XX` for other bytes).
pub(super) fn query_values(query: &str, key: &str) -> Vec<String> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .filter(|(k, _)| percent_decode(k) == key)
        .map(|(_, v)| percent_decode(v))
        .collect()
}

fn percent_decode(s: &str) -> String {
    let hex = |i: usize| s.as_bytes().get(i).and_then(|b| char::from(*b).to_digit(16));
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while let Some(&b) = s.as_bytes().get(i) {
        match (b, hex(i + 1), hex(i + 2)) {
            (b'+', ..) => out.push(b' '),
            (b'%', Some(hi), Some(lo)) => {
                out.push(u8::try_from(hi * 16 + lo).unwrap_or_default());
                i += 2;
            }
            (b, ..) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(wire: &[u8]) -> (WireRequest, Vec<u8>) {
        let mut reader = io::BufReader::new(wire);
        let mut written = Vec::new();
        let req = read_request(&mut reader, &mut written).unwrap().expect("a request");
        (req, written)
    }

    #[test]
    fn content_length_body() {
        let (req, written) = parse(b"PATCH /a?b=c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloNEXT");
        assert_eq!((req.method.as_str(), req.target.as_str(), req.body.as_slice()), ("PATCH", "/a?b=c", &b"hello"[..]));
        assert_eq!(req.header("HOST"), Some("x"));
        assert!(written.is_empty());
        assert!(!req.wants_close());
    }

    #[test]
    fn chunked_body_with_extension_and_trailer() {
        let wire = b"PUT /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n4;x=y\r\n{\"a\"\r\n9\r\n:1}\r\n\r\n  \r\n0\r\nX-T: 1\r\n\r\n";
        let (req, written) = parse(wire);
        assert_eq!(req.body, b"{\"a\":1}\r\n\r\n  ");
        assert_eq!(written, b"HTTP/1.1 100 Continue\r\n\r\n");
    }

    #[test]
    fn keep_alive_reads_requests_one_after_another_and_eof_is_none() {
        let wire = b"GET /api HTTP/1.1\r\n\r\nGET /apis HTTP/1.1\r\nConnection: close\r\n\r\n";
        let mut reader = io::BufReader::new(&wire[..]);
        let mut sink = Vec::new();
        assert_eq!(read_request(&mut reader, &mut sink).unwrap().unwrap().target, "/api");
        let second = read_request(&mut reader, &mut sink).unwrap().unwrap();
        assert_eq!(second.target, "/apis");
        assert!(second.wants_close());
        assert!(read_request(&mut reader, &mut sink).unwrap().is_none());
    }

    #[test]
    fn query_values_are_decoded() {
        let q = "fieldSelector=metadata.name%3Dweb-0&watch=true&container=a+b%2Fc&container=d&bad=%zz&end=%4";
        assert_eq!(query_values(q, "fieldSelector"), ["metadata.name=web-0"]);
        assert_eq!(query_values(q, "watch"), ["true"]);
        assert_eq!(query_values(q, "container"), ["a b/c", "d"]);
        assert_eq!(query_values(q, "bad"), ["%zz"]);
        assert_eq!(query_values(q, "end"), ["%4"]);
        assert_eq!(query_values(q, "absent"), Vec::<String>::new());
        assert_eq!(query_values("%C3%A9=%C3%A9", "é"), ["é"]);
    }

    #[test]
    fn malformed_requests_are_errors() {
        for wire in
            [&b"GET\r\n\r\n"[..], b"GET / HTTP/1.1\r\nno colon\r\n\r\n", b"PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"]
        {
            let mut sink = Vec::new();
            assert!(read_request(&mut io::BufReader::new(wire), &mut sink).is_err(), "{}", String::from_utf8_lossy(wire));
        }
    }
}
