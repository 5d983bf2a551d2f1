//! The catalogue files: their formats, reading each one, and the checks that span them
//! (keys, names, old keys, opening hours, references to entries).

use super::*;
use crate::date::Date;
use crate::diagnostic::{Diagnostics, SourceFile, TomlDoc};
use crate::source;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

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
    #[serde(default)]
    level: Option<Spanned<String>>,
    #[serde(default)]
    receives: Vec<RawRule>,
    #[serde(default)]
    except: Vec<Spanned<String>>,
}

/// `receives = [{ levels = ["xa"] }, { fields = ["dat-dai"], levels = ["tinh"] }]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    levels: Vec<Spanned<String>>,
    #[serde(default)]
    fields: Vec<Spanned<String>>,
    #[serde(default)]
    agencies: Vec<Spanned<String>>,
    #[serde(default)]
    procedures: Vec<Spanned<String>>,
    #[serde(default)]
    anywhere: bool,
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
    // Keys that office rules name, checked once every catalogue is read.
    let mut office_refs: Vec<(Kind, Spanned<String>)> = Vec::new();
    for raw in offices.office {
        keys.register(&of, Kind::Office, &raw.key, catalog.offices.len());
        office_agencies.extend(raw.agency.clone());
        office_refs.extend(raw.level.iter().map(|l| (Kind::Level, l.clone())));
        for rule in &raw.receives {
            if rule.levels.is_empty()
                && rule.fields.is_empty()
                && rule.agencies.is_empty()
                && rule.procedures.is_empty()
                && !rule.anywhere
            {
                keys.diags.error(
                    of.location(raw.key.span().start),
                    format!(
                        "office `{}`: a `receives` rule names nothing; give `levels`, `fields`, `agencies`, `procedures` or `anywhere = true`",
                        raw.key.get_ref()
                    ),
                );
            }
            office_refs.extend(rule.levels.iter().map(|k| (Kind::Level, k.clone())));
            office_refs.extend(rule.fields.iter().map(|k| (Kind::Field, k.clone())));
            office_refs.extend(rule.agencies.iter().map(|k| (Kind::Agency, k.clone())));
        }
        for code in rule_codes(&raw) {
            if !crate::procedure::is_valid_code(code.get_ref()) {
                keys.diags.error(
                    of.location(code.span().start),
                    format!(
                        "`{}` is not a national procedure code like 1.001193",
                        code.get_ref()
                    ),
                );
            }
        }
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
            level: raw.level.map(Spanned::into_inner),
            receives: raw
                .receives
                .into_iter()
                .map(|r| Rule {
                    levels: keys_of(&r.levels),
                    fields: keys_of(&r.fields),
                    agencies: keys_of(&r.agencies),
                    procedures: keys_of(&r.procedures),
                    anywhere: r.anywhere,
                })
                .collect(),
            except: keys_of(&raw.except),
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
    for (kind, key) in &office_refs {
        check_reference(&catalog, whole(&of), *kind, key, diags);
    }
    check_names(&catalog, diags);
    Some(catalog)
}

/// The procedure codes an office's rules and exceptions name.
fn rule_codes(raw: &RawOffice) -> impl Iterator<Item = &Spanned<String>> {
    raw.receives
        .iter()
        .flat_map(|r| &r.procedures)
        .chain(&raw.except)
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
        too_long(c, kind, key, "name", name, NAME_MAX, diags);
    }
    for o in &c.offices {
        too_long(
            c,
            Kind::Office,
            &o.key,
            "address",
            &o.address,
            ADDRESS_MAX,
            diags,
        );
        for (what, value) in [("phone", &o.phone), ("hotline", &o.hotline)] {
            if let Some(v) = value {
                too_long(c, Kind::Office, &o.key, what, v, NUMBER_MAX, diags);
            }
        }
        if let Some(note) = &o.note {
            too_long(c, Kind::Office, &o.key, "note", note, NOTE_MAX, diags);
        }
    }
}

/// The longest name a catalogue entry may have: it is printed as a poster's title and in
/// every procedure poster's "where" lines, which must never run into the QR code or the foot.
pub const NAME_MAX: usize = 200;
/// The longest address an office may have (printed on its poster and every procedure's).
pub const ADDRESS_MAX: usize = 300;
/// A telephone number, with spaces and an extension.
pub const NUMBER_MAX: usize = 40;
/// An office's note, one paragraph.
pub const NOTE_MAX: usize = 1000;

/// An error when `value` is longer than `max` characters, saying how long it is.
fn too_long(
    c: &Catalog,
    kind: Kind,
    key: &str,
    what: &str,
    value: &str,
    max: usize,
    diags: &mut Diagnostics,
) {
    let length = value.chars().count();
    if length > max {
        diags.error(
            c.declared_at(kind, key),
            format!(
                "{} `{key}`: {what} is {length} characters; at most {max} fit on pages and posters — shorten it",
                kind.noun()
            ),
        );
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
    catalog: &'a mut super::KeyIndex,
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

pub(super) fn is_clock_time(text: &str) -> bool {
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
