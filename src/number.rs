//! Numbers written in content files. TOML accepts `nan` and `inf`; a published rate, a
//! target, an index value or a map coordinate must be a real, finite number, so these
//! deserializers refuse the others with a message at the value's line and column.

use serde::{Deserialize, Deserializer};

/// The largest count accepted: far above any real figure (a province handles millions of
/// applications a year), and small enough that sums of every count of a scope cannot
/// overflow.
pub const MAX_COUNT: i64 = 1_000_000_000_000_000;

/// A finite `f64`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Finite(pub f64);

impl<'de> Deserialize<'de> for Finite {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if value.is_finite() {
            Ok(Finite(value))
        } else {
            Err(serde::de::Error::custom(format!(
                "`{value}` is not a number that can be published; write a finite number like 96.52"
            )))
        }
    }
}

/// For `#[serde(deserialize_with = "…")]` on an `f64` field.
pub fn finite<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    Finite::deserialize(deserializer).map(|f| f.0)
}

/// For `#[serde(default, deserialize_with = "…")]` on an `Option<f64>` field.
pub fn finite_option<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Finite::deserialize(deserializer).map(|f| Some(f.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(deserialize_with = "finite")]
        v: f64,
    }

    #[test]
    fn nan_and_infinity_are_refused() {
        assert_eq!(toml::from_str::<T>("v = 1.5").unwrap().v, 1.5);
        for bad in ["nan", "inf", "-inf", "+nan"] {
            let e = toml::from_str::<T>(&format!("v = {bad}")).err().unwrap();
            assert!(e.message().contains("finite"), "{bad}: {e}");
        }
    }
}
