//! env and envFrom (R-19 … R-21).
