//! Volume mounts and devices (R-12 … R-18).
