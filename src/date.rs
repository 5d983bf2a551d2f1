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
    /// Today in Asia/Ho_Chi_Minh (UTC+7 all year: Vietnam has no daylight saving time).
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch(((seconds + 7 * 3600) / 86_400) as i64)
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// A real calendar day, or `None` (30 February, month 13).
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// `2021-09-15` (as `--date` takes it), or `None`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

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
    fn iso_dates_parse_strictly() {
        assert_eq!(
            Date::parse_iso("2026-02-28").map(Date::to_iso).as_deref(),
            Some("2026-02-28")
        );
        assert_eq!(Date::parse_iso("2026-02-30"), None);
        assert_eq!(Date::parse_iso("2026-2-3"), None);
        assert_eq!(Date::parse_iso("2026-02-03-1"), None);
    }

    #[test]
    fn days_since_epoch_become_civil_dates() {
        assert_eq!(Date::from_days_since_epoch(0).to_iso(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(19_723).to_iso(), "2024-01-01");
        assert_eq!(Date::from_days_since_epoch(20_088).to_iso(), "2024-12-31");
        assert!(Date::today().year >= 2025);
    }

    #[test]
    fn rejects_date_times() {
        let err = toml::from_str::<Holder>("d = 2021-09-15T10:00:00")
            .err()
            .unwrap();
        assert!(err.message().contains("without time"), "{}", err.message());
    }
}
