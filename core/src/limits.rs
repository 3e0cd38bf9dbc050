//! How much ecplay reads, and why: every limit on input lives here, each one tied to a limit
//! of the API server or of the readers it uses, so that nothing a cluster could hold is
//! refused, and nothing larger can exhaust the page or the CLI.

/// The largest container text (or list of containers, or patch) ecplay reads: what the API
/// server reads of a request body. Larger bodies get `413 Request Entity Too Large` before
/// anything is decoded (`k8s.io/apiserver` `pkg/server/config.go`: `MaxRequestBodyBytes:
/// int64(3 * 1024 * 1024)`).
pub const MAX_REQUEST_BYTES: usize = 3 << 20;

/// The largest pod text ecplay reads. A pod that exists was written by a request body of at
/// most [`MAX_REQUEST_BYTES`] (and etcd keeps objects of at most 1.5 MiB by default, its
/// `--max-request-bytes`); what `kubectl get -o yaml|json` prints of it adds its status, its
/// `managedFields` (about one line per field set) and indentation, which together stay under
/// eight times the body. A larger text cannot be a pod a cluster holds.
pub const MAX_POD_BYTES: usize = 8 * MAX_REQUEST_BYTES;

/// The largest state a share link may expand to: a pod, a container and the choices.
pub const MAX_SHARE_BYTES: usize = MAX_POD_BYTES + MAX_REQUEST_BYTES + (64 << 10);

/// The deepest nesting read, in YAML (block and flow) and JSON alike: go-yaml's
/// `max_flow_level` and `max_indents` (`go.yaml.in/yaml/v2` `scannerc.go`, which
/// `sigs.k8s.io/yaml` reads YAML with), and encoding/json's `maxNestingDepth`
/// (`encoding/json/scanner.go`), are both 10000.
pub const MAX_DEPTH: usize = 10_000;

/// How deep the tree keeps values. No field of a Pod is nested more than about a dozen levels
/// (`metadata.managedFields`, deeper, is left out of the tree), so anything deeper lies inside
/// an unknown field or a value of the wrong type, whose diagnostics stop above it; it is
/// read for its syntax and left out, which keeps every walk of the tree shallow.
pub(crate) const KEEP_DEPTH: usize = 64;

/// What a refused size says: which limit, and whose.
pub fn too_large(what: &str, len: usize, limit: usize) -> String {
    let why = if limit == MAX_REQUEST_BYTES {
        "the API server reads at most 3 MiB of a request body (413 Request Entity Too Large)".to_owned()
    } else if limit == MAX_POD_BYTES {
        format!(
            "a pod that a cluster holds was written in at most {} and prints as far less than {}",
            mib(MAX_REQUEST_BYTES),
            mib(MAX_POD_BYTES)
        )
    } else {
        format!("at most {} is read", mib(limit))
    };
    format!("{what} is {}, more than ecplay reads: {why}", mib(len))
}

/// `3 MiB`, `24.5 MiB`.
fn mib(n: usize) -> String {
    let tenths = (n as u64 * 10 + (1 << 19)) >> 20;
    if tenths % 10 == 0 {
        format!("{} MiB", tenths / 10)
    } else {
        format!("{}.{} MiB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(mib(MAX_REQUEST_BYTES), "3 MiB");
        assert_eq!(mib(MAX_POD_BYTES), "24 MiB");
        assert_eq!(mib(MAX_POD_BYTES + (1 << 19)), "24.5 MiB");
        assert!(too_large("the pod", 30 << 20, MAX_POD_BYTES).starts_with("the pod is 30 MiB, more than ecplay reads"));
    }
}
