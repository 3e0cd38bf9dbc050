//! ecplay's core: judges an ephemeral container against a pod exactly as the
//! kube-apiserver would, and says what the server would not.

pub mod de;
pub mod diag;
pub mod input;
pub mod node;
pub mod path;
pub mod validate;
