//! Calendar dates as written in content (`2025-07-01`, a TOML local date) and as shown to
//! readers (`01/07/2025`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar day. Dates in content are days in Asia/Ho_Chi_Minh; no time, no offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `15/09/2021`, the Vietnamese way.
    pub fn to_vietnamese(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// `2021-09-15`, for `<time datetime>` and machine-readable output.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_vietnamese())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = toml::value::Datetime::deserialize(deserializer)?;
        match (value.date, value.time, value.offset) {
            (Some(d), None, None) => Ok(Date {
                year: d.year,
                month: d.month,
                day: d.day,
            }),
            _ => Err(serde::de::Error::custom(format!(
                "expected a date without time, like 2025-07-01, found {value}"
            ))),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_vietnamese())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        d: Date,
    }

    #[test]
    fn reads_toml_dates_and_shows_them_day_first() {
        let h: Holder = toml::from_str("d = 2021-09-15").unwrap();
        assert_eq!(h.d.to_vietnamese(), "15/09/2021");
        assert_eq!(h.d.to_iso(), "2021-09-15");
    }

    #[test]
    fn rejects_date_times() {
        let err = toml::from_str::<Holder>("d = 2021-09-15T10:00:00")
            .err()
            .unwrap();
        assert!(err.message().contains("without time"), "{}", err.message());
    }
}
