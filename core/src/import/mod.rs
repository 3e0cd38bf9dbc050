//! From a command to the container: a `kubectl debug`, `kubectl patch`, `kubectl apply`,
//! `kubectl replace` or `curl` command line, or a bare request body, read as the shell and
//! kubectl read it, and the ephemeral containers it would add to the pod.

pub(crate) mod kubectl;
