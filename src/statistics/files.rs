//! The statistics files: their formats, reading each period, the indicator catalogue,
//! targets and external indices, and the checks across them (scopes, overlaps).

use super::*;
use crate::catalog::{Catalog, Kind};
use crate::date::Date;
use crate::diagnostic::{Diagnostics, Location, SourceFile, TomlDoc};
use crate::source;
use counts::Counts;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodFile {
    period: PeriodHeader,
    #[serde(default)]
    scope: Vec<RawScope>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodHeader {
    kind: PeriodKind,
    start: Spanned<Date>,
    end: Date,
    #[serde(default)]
    cutoff: Option<Date>,
    #[serde(default)]
    label: Option<String>,
    source: String,
    #[serde(default)]
    source_url: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    #[serde(default)]
    level: Option<Spanned<String>>,
    #[serde(default)]
    agency: Option<Spanned<String>>,
    #[serde(default)]
    field: Option<Spanned<String>>,
    #[serde(default)]
    office: Option<Spanned<String>>,
    #[serde(default)]
    counts: BTreeMap<Spanned<String>, Spanned<WholeNumber>>,
    #[serde(default)]
    published: BTreeMap<Spanned<String>, Spanned<crate::number::Finite>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorsFile {
    #[serde(default)]
    indicator: Vec<Spanned<Indicator>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetsFile {
    #[serde(default)]
    target: Vec<Target>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicesFile {
    #[serde(default)]
    index: Vec<ExternalIndex>,
}

/// A count as written: any whole number (negative ones are reported by the check, with
/// their position); anything else is refused by the parser with a clear expectation.
struct WholeNumber(i64);

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = WholeNumber;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number of applications, like 804")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<WholeNumber, E> {
                if v > crate::number::MAX_COUNT {
                    return Err(E::custom(format!(
                        "count too large: {v} is above {} (a typo?)",
                        crate::number::MAX_COUNT
                    )));
                }
                Ok(WholeNumber(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<WholeNumber, E> {
                i64::try_from(v)
                    .map_err(|_| E::custom("count too large"))
                    .and_then(|v| self.visit_i64(v))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

// ---- loading -----------------------------------------------------------------------------

/// Reads and checks `content/statistics/` (absent: no statistics pages).
pub fn load(root: &Path, catalog: &Catalog, diags: &mut Diagnostics) -> Statistics {
    let dir = root.join(STATISTICS_DIR);
    if !dir.is_dir() {
        return Statistics::default();
    }
    let indicators = load_indicators(root, &dir, diags);
    let mut stats = Statistics {
        indicators,
        ..Statistics::default()
    };
    if let Some((file, targets)) = read::<TargetsFile>(root, &dir.join(TARGETS_FILE), diags) {
        let doc = TomlDoc {
            file: &file,
            offset: 0,
        };
        for t in &targets.target {
            check_indicator_ref(&stats.indicators, doc, &t.indicator, diags);
            if let Some(level) = &t.level {
                crate::catalog::check_reference(catalog, doc, Kind::Level, level, diags);
            }
        }
        stats.targets = targets.target;
    }
    if let Some((_, indices)) = read::<IndicesFile>(root, &dir.join(INDICES_FILE), diags) {
        for index in &indices.index {
            let at = || {
                crate::diagnostic::Location::file(crate::diagnostic::display_path(
                    root,
                    &dir.join(INDICES_FILE),
                ))
            };
            let percent = index.unit == "%";
            if let Some(v) = index.value
                && (v < 0.0 || (percent && v > 100.0) || v > 1e9)
            {
                diags.error(
                    at(),
                    format!(
                        "{} {}: value {v} is impossible for an index{}",
                        index.name,
                        index.year,
                        if percent {
                            " in % (0 to 100)"
                        } else {
                            " (0 to 1.000.000.000)"
                        }
                    ),
                );
            }
            if let Some(v) = index.value_change
                && (v.abs() > 1e9 || (percent && v.abs() > 100.0))
            {
                diags.error(
                    at(),
                    format!(
                        "{} {}: a change of {v} is impossible for this index",
                        index.name, index.year
                    ),
                );
            }
            if let (Some(rank), Some(out_of)) = (index.rank, index.out_of)
                && (rank == 0 || rank > out_of)
            {
                diags.error(
                    crate::diagnostic::Location::file(crate::diagnostic::display_path(
                        root,
                        &dir.join(INDICES_FILE),
                    )),
                    format!(
                        "{} {}: rank {rank} out of {out_of} is impossible",
                        index.name, index.year
                    ),
                );
            }
        }
        stats.indices = indices.index;
        stats
            .indices
            .sort_by(|a, b| (&a.name, a.year).cmp(&(&b.name, b.year)));
    }
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !name.ends_with(".toml") {
            if !name.starts_with('.') {
                diags.warning(
                    crate::diagnostic::Location::file(crate::diagnostic::display_path(root, &path)),
                    "not a .toml file; ignored (statistics periods are `<period>.toml`)",
                );
            }
            continue;
        }
        if [INDICATORS_FILE, TARGETS_FILE, INDICES_FILE].contains(&name.as_str()) {
            continue;
        }
        if let Some(period) = load_period(root, &path, catalog, &stats.indicators, diags) {
            stats.periods.push(period);
        }
    }
    stats
        .periods
        .sort_by(|a, b| (a.end, a.start, &a.id).cmp(&(b.end, b.start, &b.id)));
    check_overlaps(&stats.periods, diags);
    stats
}

fn read<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<(SourceFile, T)> {
    if !path.is_file() {
        return None;
    }
    let file = source::read(root, path, diags)?;
    let value = source::parse_toml(&file, 0, &file.text, diags)?;
    Some((file, value))
}

fn load_indicators(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<Indicator> {
    let path = dir.join(INDICATORS_FILE);
    let (file, parsed) = if path.is_file() {
        match read::<IndicatorsFile>(root, &path, diags) {
            Some(loaded) => loaded,
            None => return Vec::new(),
        }
    } else {
        let file = SourceFile::new("(built-in indicators.toml)", DEFAULT_INDICATORS.to_string());
        let parsed =
            toml::from_str(DEFAULT_INDICATORS).expect("the built-in indicator catalogue parses");
        (file, parsed)
    };
    let doc = TomlDoc {
        file: &file,
        offset: 0,
    };
    let mut seen = Vec::new();
    let mut indicators = Vec::new();
    for spanned in parsed.indicator {
        let at = doc.at(spanned.span());
        let indicator = spanned.into_inner();
        if !crate::catalog::is_valid_key(&indicator.key) {
            diags.error(
                at.clone(),
                format!(
                    "indicator key `{}` must be lower-case ASCII words joined by hyphens",
                    indicator.key
                ),
            );
        }
        if seen.contains(&indicator.key) {
            diags.error(
                at.clone(),
                format!("indicator `{}` is declared twice", indicator.key),
            );
        }
        seen.push(indicator.key.clone());
        for key in indicator.numerator.iter().chain(&indicator.denominator) {
            if !counts::is_count(key.get_ref()) {
                let mut message = format!(
                    "indicator `{}` refers to unknown count `{}`",
                    indicator.key,
                    key.get_ref()
                );
                if let Some(near) =
                    crate::suggest::closest(key.get_ref(), counts::COUNTS.iter().map(|(k, _)| *k))
                {
                    message.push_str(&format!(" (did you mean `{near}`?)"));
                }
                diags.error(doc.at(key.span()), message);
            }
        }
        if indicator.numerator.is_empty() || indicator.denominator.is_empty() {
            diags.error(
                at,
                format!(
                    "indicator `{}` needs a numerator and a denominator",
                    indicator.key
                ),
            );
        }
        indicators.push(indicator);
    }
    indicators
}

fn check_indicator_ref(
    indicators: &[Indicator],
    doc: TomlDoc,
    key: &Spanned<String>,
    diags: &mut Diagnostics,
) -> bool {
    if indicators.iter().any(|i| i.key == *key.get_ref()) {
        return true;
    }
    let mut message = format!("unknown indicator `{}`", key.get_ref());
    if let Some(near) =
        crate::suggest::closest(key.get_ref(), indicators.iter().map(|i| i.key.as_str()))
    {
        message.push_str(&format!(" (did you mean `{near}`?)"));
    }
    diags.error(doc.at(key.span()), message);
    false
}

fn load_period(
    root: &Path,
    path: &Path,
    catalog: &Catalog,
    indicators: &[Indicator],
    diags: &mut Diagnostics,
) -> Option<Period> {
    let (file, raw) = read::<PeriodFile>(root, path, diags)?;
    let doc = TomlDoc {
        file: &file,
        offset: 0,
    };
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !crate::catalog::is_valid_key(&id) {
        diags.error(file.whole(), "a period file name must be lower-case ASCII words joined by hyphens, like `2025-q1.toml` (it becomes the address)");
    }
    let header = raw.period;
    let start = *header.start.get_ref();
    if header.end < start {
        diags.error(
            doc.at(header.start.span()),
            "the period ends before it starts",
        );
    }
    let mut scopes: Vec<ScopeReport> = Vec::new();
    let mut notes = Vec::new();
    for raw_scope in raw.scope {
        let Some(report) = scope_report(doc, raw_scope, catalog, indicators, diags, &mut notes)
        else {
            continue;
        };
        if scopes.iter().any(|s| s.scope == report.scope) {
            diags.error(
                file.whole(),
                format!(
                    "scope `{}` appears twice in this period",
                    report.scope.name(catalog)
                ),
            );
            continue;
        }
        scopes.push(report);
    }
    let label = header
        .label
        .unwrap_or_else(|| default_label(header.kind, start, header.end));
    Some(Period {
        start_at: doc.at(header.start.span()),
        id,
        kind: header.kind,
        start,
        end: header.end,
        cutoff: header.cutoff,
        label,
        source: header.source,
        source_url: header
            .source_url
            .and_then(|u| match crate::weburl::check(u.get_ref()) {
                Ok(()) => Some(u.into_inner()),
                Err(message) => {
                    diags.error(doc.at(u.span()), format!("source_url: {message}"));
                    None
                }
            }),
        note: header.note,
        scopes,
        notes,
    })
}

/// "Năm 2023", "Quý 1/2025", "Tháng 7/2025", "6 tháng đầu năm 2025", or the dates.
fn default_label(kind: PeriodKind, start: Date, end: Date) -> String {
    match kind {
        PeriodKind::Year => format!("Năm {}", start.year),
        PeriodKind::Quarter => format!("Quý {}/{}", (start.month - 1) / 3 + 1, start.year),
        PeriodKind::Month => format!("Tháng {}/{}", start.month, start.year),
        PeriodKind::HalfYear if start.month <= 6 => format!("6 tháng đầu năm {}", start.year),
        PeriodKind::HalfYear => format!("6 tháng cuối năm {}", start.year),
        PeriodKind::Other => format!("Từ {start} đến {end}"),
    }
}

fn scope_report(
    doc: TomlDoc,
    raw: RawScope,
    catalog: &Catalog,
    indicators: &[Indicator],
    diags: &mut Diagnostics,
    notes: &mut Vec<String>,
) -> Option<ScopeReport> {
    let refs = [
        (Kind::Level, &raw.level),
        (Kind::Agency, &raw.agency),
        (Kind::Field, &raw.field),
        (Kind::Office, &raw.office),
    ];
    let given: Vec<(Kind, &Spanned<String>)> = refs
        .iter()
        .filter_map(|(kind, key)| key.as_ref().map(|k| (*kind, k)))
        .collect();
    let scope = match given.as_slice() {
        [] => Scope::Province,
        [(kind, key)] => {
            if !crate::catalog::check_reference(catalog, doc, *kind, key, diags) {
                return None;
            }
            let key = key.get_ref().clone();
            match kind {
                Kind::Level => Scope::Level(key),
                Kind::Agency => Scope::Agency(key),
                Kind::Field => Scope::Field(key),
                _ => Scope::Office(key),
            }
        }
        [_, (_, second), ..] => {
            diags.error(doc.at(second.span()), "a scope names one level, agency, field or office (or none, for the whole province)");
            return None;
        }
    };
    let mut values = BTreeMap::new();
    let mut locations: BTreeMap<String, Location> = BTreeMap::new();
    for (key, value) in &raw.counts {
        if !counts::is_count(key.get_ref()) {
            let mut message = format!("unknown count `{}`", key.get_ref());
            if let Some(near) =
                crate::suggest::closest(key.get_ref(), counts::COUNTS.iter().map(|(k, _)| *k))
            {
                message.push_str(&format!(" (did you mean `{near}`?)"));
            }
            diags.error(doc.at(key.span()), message);
            continue;
        }
        let Ok(count) = u64::try_from(value.get_ref().0) else {
            diags.error(
                doc.at(value.span()),
                format!(
                    "count `{}` is negative ({})",
                    key.get_ref(),
                    value.get_ref().0
                ),
            );
            continue;
        };
        values.insert(key.get_ref().clone(), count);
        locations.insert(key.get_ref().clone(), doc.at(key.span()));
    }
    let mut published = BTreeMap::new();
    for (key, value) in &raw.published {
        if !check_indicator_ref(indicators, doc, key, diags) {
            continue;
        }
        let rate = value.get_ref().0;
        if !(0.0..=100.0).contains(&rate) {
            diags.error(
                doc.at(value.span()),
                format!(
                    "published {} is {rate} %: a rate is between 0 and 100",
                    key.get_ref()
                ),
            );
            continue;
        }
        let written = doc.file.text.get(value.span()).unwrap_or("");
        let decimals = written.split_once('.').map_or(0, |(_, d)| d.trim().len());
        published.insert(key.get_ref().clone(), (value.get_ref().0, decimals));
        locations.insert(format!("published.{}", key.get_ref()), doc.at(value.span()));
    }
    let report = ScopeReport {
        scope,
        counts: Counts::new(values),
        published,
    };
    let name = report.scope.name(catalog).to_string();
    compute::check_scope(
        &report, &name, indicators, &locations, doc.file, diags, notes,
    );
    Some(report)
}

fn check_overlaps(periods: &[Period], diags: &mut Diagnostics) {
    for (i, a) in periods.iter().enumerate() {
        for b in &periods[i + 1..] {
            if a.kind == b.kind && a.start <= b.end && b.start <= a.end {
                diags.error(
                    b.start_at.clone(),
                    format!(
                        "period `{}` ({} – {}) overlaps period `{}` ({} – {}) of the same kind",
                        b.id, b.start, b.end, a.id, a.start, a.end
                    ),
                );
            }
        }
    }
}
