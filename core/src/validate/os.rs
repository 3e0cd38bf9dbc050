//! Pod-level checks that walk every container, ephemeral ones included: hostProcess
//! and the pod's OS.
