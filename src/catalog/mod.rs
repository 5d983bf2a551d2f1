//! The catalogues that are data, not code: levels, fields, agencies, offices and the small
//! vocabularies (kinds of procedure, audiences, channels, time units, fee kinds), each read
//! from its own file in `content/catalog/`.
//!
//! Entries are end-dated (`until`), never deleted: the district level ended on 01/07/2025,
//! agencies merge, and old pages and printed QR codes must keep working.

use crate::date::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Folder of the catalogue files, relative to the site root.
pub const CATALOG_DIR: &str = "content/catalog";

/// A key in a catalogue: lower-case ASCII letters and digits, words joined by single hyphens.
/// Keys appear in URLs, so they must be safe path segments.
pub fn is_valid_key(key: &str) -> bool {
    // Keys are folder names in the output: far below any file system's limit.
    !key.is_empty()
        && key.len() <= MAX_KEY_LEN
        && key.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The longest key: it becomes a folder name and part of printed addresses.
pub const MAX_KEY_LEN: usize = 64;

#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub until: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub key: String,
    /// Keys it had before: their addresses redirect to its page.
    pub old_keys: Vec<String>,
    pub name: String,
    pub description: Option<String>,
    pub until: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agency {
    pub key: String,
    /// Keys it had before: their addresses redirect to its page.
    pub old_keys: Vec<String>,
    pub name: String,
    pub level: Option<String>,
    pub website: Option<String>,
    pub until: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Office {
    pub key: String,
    /// Keys it had before: their addresses redirect to its page.
    pub old_keys: Vec<String>,
    pub name: String,
    pub address: String,
    pub phone: Option<String>,
    pub hotline: Option<String>,
    pub email: Option<String>,
    pub hours: Vec<OpeningHours>,
    pub map: Option<Coordinates>,
    pub agency: Option<String>,
    pub note: Option<String>,
    pub until: Option<Date>,
    /// The level of government it serves (a level key): offices of one level are shown
    /// together ("the centre of your commune or ward") when a procedure is received at many.
    pub level: Option<String>,
    /// What it receives by rule, besides the procedures that name it in `offices`.
    pub receives: Vec<Rule>,
    /// Codes it does not receive although a rule matches them.
    pub except: Vec<String>,
}

/// One rule of what an office receives: every procedure that matches all the lists the
/// rule gives (each list by any of its keys), and, with `anywhere`, only those received
/// regardless of administrative boundary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rule {
    pub levels: Vec<String>,
    pub fields: Vec<String>,
    pub agencies: Vec<String>,
    pub procedures: Vec<String>,
    pub anywhere: bool,
}

impl Rule {
    /// Does the procedure `r` match the rule?
    pub fn matches(&self, r: &crate::procedure::ProcedureFile) -> bool {
        fn any<'a>(keys: &[String], mut of: impl Iterator<Item = &'a String>) -> bool {
            keys.is_empty() || of.any(|k| keys.contains(k))
        }
        let a = &r.agencies;
        let agencies = a
            .competent
            .iter()
            .chain(&a.executing)
            .chain(&a.delegated)
            .chain(&a.cooperating);
        any(&self.levels, r.levels.get_ref().iter().map(|l| l.get_ref()))
            && any(
                &self.fields,
                std::iter::once(&r.field)
                    .chain(&r.other_fields)
                    .map(|f| f.get_ref()),
            )
            && any(&self.agencies, agencies.map(|k| k.get_ref()))
            && any(&self.procedures, std::iter::once(r.code.get_ref()))
            && (!self.anywhere || r.anywhere)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub fn label(self) -> &'static str {
        match self {
            Weekday::Mon => "Thứ Hai",
            Weekday::Tue => "Thứ Ba",
            Weekday::Wed => "Thứ Tư",
            Weekday::Thu => "Thứ Năm",
            Weekday::Fri => "Thứ Sáu",
            Weekday::Sat => "Thứ Bảy",
            Weekday::Sun => "Chủ nhật",
        }
    }

    /// The schema.org day name.
    pub fn schema_name(self) -> &'static str {
        match self {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        }
    }
}

/// One opening period, e.g. Monday to Friday 07:00–11:00.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpeningHours {
    pub days: Vec<Weekday>,
    pub opens: String,
    pub closes: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Coordinates {
    #[serde(deserialize_with = "crate::number::finite")]
    pub lat: f64,
    #[serde(deserialize_with = "crate::number::finite")]
    pub lon: f64,
}

/// One labelled term of a vocabulary, e.g. `truc-tuyen` → "Trực tuyến".
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Vocabulary {
    pub kinds: Vec<Term>,
    pub audiences: Vec<Term>,
    pub channels: Vec<Term>,
    pub time_units: Vec<Term>,
    pub fee_kinds: Vec<Term>,
}

/// Each kind's keys and their positions in its list. Looked up for every procedure's field,
/// level, agency and office at every build, so with a fast hash (keys are the site's own).
pub(crate) type KeyIndex = foldhash::HashMap<Kind, foldhash::HashMap<String, usize>>;

/// Every catalogue, with indexes by key.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Catalog {
    pub levels: Vec<Level>,
    pub fields: Vec<Field>,
    pub agencies: Vec<Agency>,
    pub offices: Vec<Office>,
    pub vocabulary: Vocabulary,
    /// Derived from the lists above.
    #[serde(skip)]
    index: KeyIndex,
    /// Where each key is declared (file, line, column), for messages about an entry.
    #[serde(skip)]
    declared: HashMap<Kind, HashMap<String, crate::diagnostic::Location>>,
}

/// Which catalogue or vocabulary a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Level,
    Field,
    Agency,
    Office,
    ProcedureKind,
    Audience,
    Channel,
    TimeUnit,
    FeeKind,
}

impl Kind {
    /// What the key is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Level => "level",
            Kind::Field => "field",
            Kind::Agency => "agency",
            Kind::Office => "office",
            Kind::ProcedureKind => "procedure kind",
            Kind::Audience => "audience",
            Kind::Channel => "channel",
            Kind::TimeUnit => "time unit",
            Kind::FeeKind => "fee kind",
        }
    }

    /// The TOML array of tables its entries are written in: `[[level]]`, `[[time_unit]]`.
    pub fn table(self) -> &'static str {
        match self {
            Kind::Level => "level",
            Kind::Field => "field",
            Kind::Agency => "agency",
            Kind::Office => "office",
            Kind::ProcedureKind => "kind",
            Kind::Audience => "audience",
            Kind::Channel => "channel",
            Kind::TimeUnit => "time_unit",
            Kind::FeeKind => "fee_kind",
        }
    }

    /// Where such keys are declared, for hints in messages.
    pub fn declared_in(self) -> &'static str {
        match self {
            Kind::Level => "content/catalog/levels.toml",
            Kind::Field => "content/catalog/fields.toml",
            Kind::Agency => "content/catalog/agencies.toml",
            Kind::Office => "content/catalog/offices.toml",
            _ => "content/catalog/vocabulary.toml",
        }
    }
}

impl Catalog {
    /// The position of `key` in its catalogue, if declared.
    pub fn position(&self, kind: Kind, key: &str) -> Option<usize> {
        self.index.get(&kind)?.get(key).copied()
    }

    pub fn contains(&self, kind: Kind, key: &str) -> bool {
        self.position(kind, key).is_some()
    }

    pub fn level(&self, key: &str) -> Option<&Level> {
        self.position(Kind::Level, key).map(|i| &self.levels[i])
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.position(Kind::Field, key).map(|i| &self.fields[i])
    }

    pub fn agency(&self, key: &str) -> Option<&Agency> {
        self.position(Kind::Agency, key).map(|i| &self.agencies[i])
    }

    pub fn office(&self, key: &str) -> Option<&Office> {
        self.position(Kind::Office, key).map(|i| &self.offices[i])
    }

    /// The name of an entry or the label of a term; the key itself if unknown.
    pub fn name<'a>(&'a self, kind: Kind, key: &'a str) -> &'a str {
        match kind {
            Kind::Level => self.level(key).map_or(key, |e| e.name.as_str()),
            Kind::Field => self.field(key).map_or(key, |e| e.name.as_str()),
            Kind::Agency => self.agency(key).map_or(key, |e| e.name.as_str()),
            Kind::Office => self.office(key).map_or(key, |e| e.name.as_str()),
            _ => self.label(kind, key),
        }
    }

    /// The label of a vocabulary term; the key itself if unknown (validation reports those).
    pub fn label<'a>(&'a self, kind: Kind, key: &'a str) -> &'a str {
        let terms = match kind {
            Kind::ProcedureKind => &self.vocabulary.kinds,
            Kind::Audience => &self.vocabulary.audiences,
            Kind::Channel => &self.vocabulary.channels,
            Kind::TimeUnit => &self.vocabulary.time_units,
            Kind::FeeKind => &self.vocabulary.fee_kinds,
            _ => return key,
        };
        self.position(kind, key)
            .map_or(key, |i| terms[i].label.as_str())
    }

    /// Where `key` is declared: its line in the catalogue file, or the file.
    pub fn declared_at(&self, kind: Kind, key: &str) -> crate::diagnostic::Location {
        self.declared
            .get(&kind)
            .and_then(|keys| keys.get(key))
            .cloned()
            .unwrap_or_else(|| crate::diagnostic::Location::file(kind.declared_in()))
    }

    /// Every key of one kind, for "did you mean" hints.
    pub fn keys(&self, kind: Kind) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .index
            .get(&kind)
            .into_iter()
            .flat_map(|keys| keys.keys().map(String::as_str))
            .collect();
        keys.sort_unstable();
        keys
    }
}

mod files;

pub use files::{ADDRESS_MAX, NAME_MAX, NOTE_MAX, NUMBER_MAX, check_reference, load};

#[cfg(test)]
mod tests {
    use super::files::is_clock_time;
    use super::*;

    #[test]
    fn keys_are_url_safe_words() {
        assert!(is_valid_key("ho-tich"));
        assert!(is_valid_key("cap-xa-2"));
        assert!(!is_valid_key("Ho-tich"));
        assert!(!is_valid_key("ho--tich"));
        assert!(!is_valid_key("-ho"));
        assert!(!is_valid_key("hộ-tịch"));
        assert!(!is_valid_key("../x"));
        assert!(!is_valid_key(""));
    }

    #[test]
    fn clock_times() {
        assert!(is_clock_time("07:30"));
        assert!(is_clock_time("23:59"));
        assert!(!is_clock_time("7:30"));
        assert!(!is_clock_time("24:00"));
        assert!(!is_clock_time("07h30"));
    }
}
