//! securityContext (R-22 … R-28).
