//! Published statistics: one file per reporting period in `content/statistics/`, holding
//! counts per scope (the whole province, a level, an agency, a field, an office); the
//! indicator catalogue and yearly targets as data; external indices (PAR INDEX, SIPAS…)
//! copied as published. Rates are never stored, always computed (see `compute`).

pub mod compute;
pub mod counts;
mod files;

pub use files::load;

use crate::catalog::Catalog;
use crate::date::Date;
use crate::diagnostic::Location;
use counts::Counts;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub const STATISTICS_DIR: &str = "content/statistics";
const INDICATORS_FILE: &str = "indicators.toml";
const TARGETS_FILE: &str = "targets.toml";
const INDICES_FILE: &str = "indices.toml";
const DEFAULT_INDICATORS: &str = include_str!("indicators.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodKind {
    Month,
    Quarter,
    HalfYear,
    Year,
    Other,
}

impl PeriodKind {
    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Month => "Tháng",
            PeriodKind::Quarter => "Quý",
            PeriodKind::HalfYear => "6 tháng",
            PeriodKind::Year => "Năm",
            PeriodKind::Other => "Kỳ khác",
        }
    }
}

/// What a row of counts is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Province,
    Level(String),
    Agency(String),
    Field(String),
    Office(String),
}

impl Scope {
    /// `("level", "tinh")`; the province is `("province", "")`.
    pub fn kind_and_key(&self) -> (&'static str, &str) {
        match self {
            Scope::Province => ("province", ""),
            Scope::Level(k) => ("level", k),
            Scope::Agency(k) => ("agency", k),
            Scope::Field(k) => ("field", k),
            Scope::Office(k) => ("office", k),
        }
    }

    pub fn name<'a>(&'a self, catalog: &'a Catalog) -> &'a str {
        match self {
            Scope::Province => "Toàn tỉnh",
            Scope::Level(k) => catalog.level(k).map_or(k, |l| &l.name),
            Scope::Agency(k) => catalog.agency(k).map_or(k, |a| &a.name),
            Scope::Field(k) => catalog.field(k).map_or(k, |f| &f.name),
            Scope::Office(k) => catalog.office(k).map_or(k, |o| &o.name),
        }
    }

    /// The level whose targets apply, if any.
    pub fn level<'a>(&'a self, catalog: &'a Catalog) -> Option<&'a str> {
        match self {
            Scope::Level(k) => Some(k),
            Scope::Agency(k) => catalog.agency(k).and_then(|a| a.level.as_deref()),
            _ => None,
        }
    }
}

/// The counts of one scope in one period, and rates as the source published them.
#[derive(Debug, Clone)]
pub struct ScopeReport {
    pub scope: Scope,
    pub counts: Counts,
    /// Indicator key → published percentage and the number of decimals it was given with.
    pub published: BTreeMap<String, (f64, usize)>,
}

#[derive(Debug, Clone)]
pub struct Period {
    /// The file name without `.toml`: the period's address, e.g. `2025-q1`.
    pub id: String,
    pub kind: PeriodKind,
    pub start: Date,
    pub end: Date,
    pub cutoff: Option<Date>,
    pub label: String,
    pub source: String,
    pub source_url: Option<String>,
    pub note: Option<String>,
    pub scopes: Vec<ScopeReport>,
    /// Problems with the data that do not stop publication, shown on the period's page.
    pub notes: Vec<String>,
    /// Where the period's `start` is written, for messages about its dates.
    pub start_at: Location,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub key: String,
    pub label: String,
    pub numerator: Vec<Spanned<String>>,
    pub denominator: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub higher_is_better: bool,
    #[serde(default)]
    pub source: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub indicator: Spanned<String>,
    pub year: u16,
    /// Absent: the whole province.
    #[serde(default)]
    pub level: Option<Spanned<String>>,
    /// In percent.
    #[serde(deserialize_with = "crate::number::finite")]
    pub value: f64,
    #[serde(default)]
    pub source: Option<String>,
}

/// An index published by someone else (PAR INDEX, SIPAS, the 766 scores), copied as is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalIndex {
    pub name: String,
    pub year: u16,
    /// Some indices are published as a rank only.
    #[serde(default, deserialize_with = "crate::number::finite_option")]
    pub value: Option<f64>,
    #[serde(default = "percent")]
    pub unit: String,
    #[serde(default)]
    pub rank: Option<u32>,
    #[serde(default)]
    pub out_of: Option<u32>,
    #[serde(default)]
    pub rank_change: Option<i32>,
    #[serde(default, deserialize_with = "crate::number::finite_option")]
    pub value_change: Option<f64>,
    pub source: String,
    #[serde(default)]
    pub published: Option<Date>,
    #[serde(default)]
    pub note: Option<String>,
}

fn percent() -> String {
    "%".to_string()
}

/// Everything in `content/statistics/`.
#[derive(Debug, Clone, Default)]
pub struct Statistics {
    /// Sorted by end date, then start date.
    pub periods: Vec<Period>,
    pub indicators: Vec<Indicator>,
    pub targets: Vec<Target>,
    /// Sorted by name, then year.
    pub indices: Vec<ExternalIndex>,
}

impl Statistics {
    pub fn is_empty(&self) -> bool {
        self.periods.is_empty() && self.indices.is_empty()
    }

    /// The target for `indicator` in `year` at `level` (`None`: province-wide).
    pub fn target(&self, indicator: &str, year: u16, level: Option<&str>) -> Option<&Target> {
        self.targets.iter().find(|t| {
            t.indicator.get_ref() == indicator
                && t.year == year
                && t.level.as_ref().map(|l| l.get_ref().as_str()) == level
        })
    }
}
