//! The catalogues that are data, not code: levels, fields, agencies, offices and the small
//! vocabularies (kinds of procedure, audiences, channels, time units, fee kinds), each read
//! from its own file in `content/catalog/`.
//!
//! Entries are end-dated (`until`), never deleted: the district level ended on 01/07/2025,
//! agencies merge, and old pages and printed QR codes must keep working.

use crate::date::Date;
use crate::diagnostic::{Diagnostics, SourceFile, TomlDoc};
use crate::source;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

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
#[derive(Debug, Clone, Serialize)]
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
    index: HashMap<Kind, HashMap<String, usize>>,
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

// ---- raw file formats ------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelsFile {
    #[serde(default)]
    level: Vec<RawLevel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    key: Spanned<String>,
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    until: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldsFile {
    #[serde(default)]
    field: Vec<RawField>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    key: Spanned<String>,
    #[serde(default)]
    old_keys: Vec<Spanned<String>>,
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    until: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgenciesFile {
    #[serde(default)]
    agency: Vec<RawAgency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgency {
    key: Spanned<String>,
    #[serde(default)]
    old_keys: Vec<Spanned<String>>,
    name: String,
    #[serde(default)]
    level: Option<Spanned<String>>,
    #[serde(default)]
    website: Option<Spanned<String>>,
    #[serde(default)]
    until: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficesFile {
    #[serde(default)]
    office: Vec<RawOffice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffice {
    key: Spanned<String>,
    #[serde(default)]
    old_keys: Vec<Spanned<String>>,
    name: String,
    address: String,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    hotline: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    hours: Vec<RawHours>,
    #[serde(default)]
    map: Option<Spanned<Coordinates>>,
    #[serde(default)]
    agency: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    until: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHours {
    days: Vec<Weekday>,
    opens: Spanned<String>,
    closes: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    #[serde(default)]
    kind: Vec<RawTerm>,
    #[serde(default)]
    audience: Vec<RawTerm>,
    #[serde(default)]
    channel: Vec<RawTerm>,
    #[serde(default)]
    time_unit: Vec<RawTerm>,
    #[serde(default)]
    fee_kind: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    key: Spanned<String>,
    label: String,
}

// ---- loading ---------------------------------------------------------------------------

/// Reads every catalogue file. Returns `None` if one could not be read or parsed; other
/// problems (bad keys, duplicates, unknown references) are reported and loading goes on.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Catalog> {
    let dir = root.join(CATALOG_DIR);
    let levels: Option<(SourceFile, LevelsFile)> = read(root, &dir, "levels.toml", diags);
    let fields: Option<(SourceFile, FieldsFile)> = read(root, &dir, "fields.toml", diags);
    let agencies: Option<(SourceFile, AgenciesFile)> = read(root, &dir, "agencies.toml", diags);
    let offices: Option<(SourceFile, OfficesFile)> = read(root, &dir, "offices.toml", diags);
    let vocab: Option<(SourceFile, VocabularyFile)> = read(root, &dir, "vocabulary.toml", diags);
    let ((lf, levels), (ff, fields), (af, agencies), (of, offices), (vf, vocab)) =
        (levels?, fields?, agencies?, offices?, vocab?);

    let mut catalog = Catalog::default();
    let mut keys = KeyRegistry {
        catalog: &mut catalog.index,
        declared: &mut catalog.declared,
        diags,
    };
    for raw in levels.level {
        keys.register(&lf, Kind::Level, &raw.key, catalog.levels.len());
        catalog.levels.push(Level {
            key: raw.key.into_inner(),
            name: raw.name,
            description: raw.description,
            until: raw.until,
        });
    }
    let mut renamed: Vec<(&SourceFile, Kind, Vec<Spanned<String>>)> = Vec::new();
    for raw in fields.field {
        keys.register(&ff, Kind::Field, &raw.key, catalog.fields.len());
        renamed.push((&ff, Kind::Field, raw.old_keys.clone()));
        catalog.fields.push(Field {
            old_keys: keys_of(&raw.old_keys),
            key: raw.key.into_inner(),
            name: raw.name,
            description: raw.description,
            until: raw.until,
        });
    }
    let mut agency_levels = Vec::new();
    for raw in agencies.agency {
        keys.register(&af, Kind::Agency, &raw.key, catalog.agencies.len());
        agency_levels.extend(raw.level.clone());
        renamed.push((&af, Kind::Agency, raw.old_keys.clone()));
        catalog.agencies.push(Agency {
            old_keys: keys_of(&raw.old_keys),
            key: raw.key.into_inner(),
            name: raw.name,
            level: raw.level.map(Spanned::into_inner),
            website: raw
                .website
                .and_then(|w| match crate::weburl::check(w.get_ref()) {
                    Ok(()) => Some(w.into_inner()),
                    Err(message) => {
                        keys.diags
                            .error(af.location(w.span().start), format!("website: {message}"));
                        None
                    }
                }),
            until: raw.until,
        });
    }
    let mut office_agencies = Vec::new();
    for raw in offices.office {
        keys.register(&of, Kind::Office, &raw.key, catalog.offices.len());
        office_agencies.extend(raw.agency.clone());
        renamed.push((&of, Kind::Office, raw.old_keys.clone()));
        let hours = raw
            .hours
            .into_iter()
            .map(|h| check_hours(&of, h, keys.diags))
            .collect();
        catalog.offices.push(Office {
            old_keys: keys_of(&raw.old_keys),
            key: raw.key.into_inner(),
            name: raw.name,
            address: raw.address,
            phone: raw.phone,
            hotline: raw.hotline,
            email: raw.email,
            hours,
            map: raw.map.and_then(|m| {
                let c = *m.get_ref();
                if (-90.0..=90.0).contains(&c.lat) && (-180.0..=180.0).contains(&c.lon) {
                    Some(c)
                } else {
                    keys.diags.error(
                        of.location(m.span().start),
                        "map: lat must be between -90 and 90 and lon between -180 and 180",
                    );
                    None
                }
            }),
            agency: raw.agency.map(Spanned::into_inner),
            note: raw.note,
            until: raw.until,
        });
    }
    let vocabularies = [
        (
            Kind::ProcedureKind,
            vocab.kind,
            &mut catalog.vocabulary.kinds,
        ),
        (
            Kind::Audience,
            vocab.audience,
            &mut catalog.vocabulary.audiences,
        ),
        (
            Kind::Channel,
            vocab.channel,
            &mut catalog.vocabulary.channels,
        ),
        (
            Kind::TimeUnit,
            vocab.time_unit,
            &mut catalog.vocabulary.time_units,
        ),
        (
            Kind::FeeKind,
            vocab.fee_kind,
            &mut catalog.vocabulary.fee_kinds,
        ),
    ];
    for (kind, raws, terms) in vocabularies {
        for raw in raws {
            keys.register(&vf, kind, &raw.key, terms.len());
            terms.push(Term {
                key: raw.key.into_inner(),
                label: raw.label,
            });
        }
    }
    check_old_keys(&catalog, &renamed, diags);
    for level in &agency_levels {
        check_reference(&catalog, whole(&af), Kind::Level, level, diags);
    }
    for agency in &office_agencies {
        check_reference(&catalog, whole(&of), Kind::Agency, agency, diags);
    }
    check_names(&catalog, diags);
    Some(catalog)
}

fn keys_of(keys: &[Spanned<String>]) -> Vec<String> {
    keys.iter().map(|k| k.get_ref().clone()).collect()
}

/// An old key is a valid key that no entry of its kind uses now and no other entry had.
fn check_old_keys(
    catalog: &Catalog,
    renamed: &[(&SourceFile, Kind, Vec<Spanned<String>>)],
    diags: &mut Diagnostics,
) {
    let mut seen: HashMap<(Kind, &str), ()> = HashMap::new();
    for (file, kind, old_keys) in renamed {
        for old in old_keys {
            let at = file.location(old.span().start);
            let key = old.get_ref().as_str();
            if !is_valid_key(key) {
                diags.error(
                    at,
                    format!(
                        "old key `{key}` must be lower-case ASCII letters and digits joined by single hyphens"
                    ),
                );
            } else if catalog.contains(*kind, key) {
                diags.error(
                    at,
                    format!(
                        "old key `{key}` is the key of a {} now; an address cannot both redirect and be a page",
                        kind.noun()
                    ),
                );
            } else if seen.insert((*kind, key), ()).is_some() {
                diags.error(
                    at,
                    format!(
                        "old key `{key}` is listed twice; it can redirect to one {} only",
                        kind.noun()
                    ),
                );
            }
        }
    }
}

/// Every entry shows its name somewhere: one that is empty or invisible is an error.
fn check_names(c: &Catalog, diags: &mut Diagnostics) {
    let v = &c.vocabulary;
    let entries = c
        .levels
        .iter()
        .map(|e| (Kind::Level, &e.key, &e.name))
        .chain(c.fields.iter().map(|e| (Kind::Field, &e.key, &e.name)))
        .chain(c.agencies.iter().map(|e| (Kind::Agency, &e.key, &e.name)))
        .chain(c.offices.iter().map(|e| (Kind::Office, &e.key, &e.name)))
        .chain(
            v.kinds
                .iter()
                .map(|t| (Kind::ProcedureKind, &t.key, &t.label)),
        )
        .chain(
            v.audiences
                .iter()
                .map(|t| (Kind::Audience, &t.key, &t.label)),
        )
        .chain(v.channels.iter().map(|t| (Kind::Channel, &t.key, &t.label)))
        .chain(
            v.time_units
                .iter()
                .map(|t| (Kind::TimeUnit, &t.key, &t.label)),
        )
        .chain(
            v.fee_kinds
                .iter()
                .map(|t| (Kind::FeeKind, &t.key, &t.label)),
        );
    for (kind, key, name) in entries {
        if crate::vi::is_blank(name) {
            diags.error(
                c.declared_at(kind, key),
                format!("{} `{key}` has an empty name", kind.noun()),
            );
        }
    }
}

/// A catalogue file is one TOML document from its first byte.
fn whole(file: &SourceFile) -> TomlDoc<'_> {
    TomlDoc { file, offset: 0 }
}

fn read<T: serde::de::DeserializeOwned>(
    root: &Path,
    dir: &Path,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<(SourceFile, T)> {
    let path = dir.join(name);
    if !path.is_file() {
        diags.error(
            crate::diagnostic::Location::file(format!("{CATALOG_DIR}/{name}")),
            "catalogue file is missing",
        );
        return None;
    }
    let file = source::read(root, &path, diags)?;
    let value = source::parse_toml(&file, 0, &file.text, diags)?;
    Some((file, value))
}

struct KeyRegistry<'a> {
    catalog: &'a mut HashMap<Kind, HashMap<String, usize>>,
    declared: &'a mut HashMap<Kind, HashMap<String, crate::diagnostic::Location>>,
    diags: &'a mut Diagnostics,
}

impl KeyRegistry<'_> {
    fn register(&mut self, file: &SourceFile, kind: Kind, key: &Spanned<String>, position: usize) {
        let at = file.location(key.span().start);
        self.declared
            .entry(kind)
            .or_default()
            .entry(key.get_ref().clone())
            .or_insert_with(|| at.clone());
        if !is_valid_key(key.get_ref()) {
            self.diags.error(
                at,
                format!(
                    "{} key `{}` must be lower-case ASCII letters and digits joined by single hyphens, at most 64 characters (it becomes part of a URL)",
                    kind.noun(),
                    key.get_ref()
                ),
            );
            return;
        }
        if self
            .catalog
            .entry(kind)
            .or_default()
            .insert(key.get_ref().clone(), position)
            .is_some()
        {
            self.diags.error(
                at,
                format!("{} key `{}` is declared twice", kind.noun(), key.get_ref()),
            );
        }
    }
}

fn check_hours(file: &SourceFile, raw: RawHours, diags: &mut Diagnostics) -> OpeningHours {
    for time in [&raw.opens, &raw.closes] {
        if !is_clock_time(time.get_ref()) {
            diags.error(
                file.location(time.span().start),
                format!("`{}` is not a time of day like 07:30", time.get_ref()),
            );
        }
    }
    if is_clock_time(raw.opens.get_ref())
        && is_clock_time(raw.closes.get_ref())
        && raw.opens.get_ref() >= raw.closes.get_ref()
    {
        diags.error(
            file.location(raw.closes.span().start),
            format!(
                "closes at {} but opens at {}: closing must come after opening",
                raw.closes.get_ref(),
                raw.opens.get_ref()
            ),
        );
    }
    if raw.days.is_empty() {
        diags.error(
            file.location(raw.opens.span().start),
            "opening hours list no days",
        );
    }
    let mut days = raw.days;
    days.sort();
    days.dedup();
    OpeningHours {
        days,
        opens: raw.opens.into_inner(),
        closes: raw.closes.into_inner(),
    }
}

fn is_clock_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 5
        && bytes[2] == b':'
        && text[..2].parse::<u8>().is_ok_and(|h| h < 24)
        && text[3..].parse::<u8>().is_ok_and(|m| m < 60)
        && bytes[..2].iter().chain(&bytes[3..]).all(u8::is_ascii_digit)
}

/// Reports `key` at its position in `file` unless it names a declared entry of `kind`.
pub fn check_reference(
    catalog: &Catalog,
    doc: TomlDoc<'_>,
    kind: Kind,
    key: &Spanned<String>,
    diags: &mut Diagnostics,
) -> bool {
    if catalog.contains(kind, key.get_ref()) {
        return true;
    }
    let mut message = format!(
        "unknown {} `{}`: it is not declared in {}",
        kind.noun(),
        key.get_ref(),
        kind.declared_in()
    );
    if let Some(near) = crate::suggest::closest(key.get_ref(), catalog.keys(kind)) {
        message.push_str(&format!(" (did you mean `{near}`?)"));
    }
    diags.error(doc.at(key.span()), message);
    false
}

#[cfg(test)]
mod tests {
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
