//! Views of the statistics: every rate with its numerator and denominator, targets met or
//! not with the gap, published-only rates marked as such, series across periods with a
//! chart and its table, and the open-data downloads (CSV and JSON).

use super::charts::{self, Bar};
use crate::model::Model;
use crate::statistics::compute::{self, Rate};
use crate::statistics::counts::COUNTS;
use crate::statistics::{Indicator, Period, Scope, ScopeReport, Statistics};
use crate::vi;
use serde::Serialize;
use serde_json::{Value, json};

/// Every scope that appears in some period: the province first, then levels, agencies,
/// fields and offices in catalogue order.
pub fn scopes(model: &Model) -> Vec<Scope> {
    let c = &model.catalog;
    let order = |s: &Scope| match s {
        Scope::Province => (0, 0),
        Scope::Level(k) => (1, c.position(crate::catalog::Kind::Level, k).unwrap_or(0)),
        Scope::Agency(k) => (2, c.position(crate::catalog::Kind::Agency, k).unwrap_or(0)),
        Scope::Field(k) => (3, c.position(crate::catalog::Kind::Field, k).unwrap_or(0)),
        Scope::Office(k) => (4, c.position(crate::catalog::Kind::Office, k).unwrap_or(0)),
    };
    let mut all: Vec<Scope> = model
        .statistics
        .periods
        .iter()
        .flat_map(|p| p.scopes.iter().map(|s| s.scope.clone()))
        .collect();
    all.sort_by_key(|s| (order(s), s.clone()));
    all.dedup();
    all
}

pub fn scope_url(model: &Model, scope: &Scope) -> String {
    let (kind, key) = scope.kind_and_key();
    model.urls.href(&model.urls.statistics_scope(kind, key))
}

/// One indicator for one scope in one period.
#[derive(Serialize)]
pub struct Cell<'a> {
    pub indicator: &'a str,
    pub key: &'a str,
    /// "96,52 %", "Không phát sinh", or the published rate when no counts were published.
    pub rate: String,
    /// "776/804".
    pub fraction: Option<String>,
    /// True when only the rate was published, without counts.
    pub published_only: bool,
    pub target: Option<String>,
    pub target_source: Option<&'a str>,
    pub verdict: Option<String>,
    /// `met`, `not-met`, `none`.
    pub verdict_key: &'static str,
}

fn cell<'a>(
    stats: &'a Statistics,
    period: &Period,
    report: &ScopeReport,
    level: Option<&str>,
    indicator: &'a Indicator,
) -> Option<Cell<'a>> {
    let rate = compute::rate(indicator, &report.counts);
    let published = report.published.get(&indicator.key).copied();
    let published_only = rate == Rate::NoData && published.is_some();
    if rate == Rate::NoData && !published_only {
        return None;
    }
    // The percentage as shown: computed from counts, or as published when that is all.
    let shown = match published {
        Some((value, _)) if published_only => Some(value),
        _ => rate.shown(),
    };
    let target = stats.target(&indicator.key, period.start.year, level);
    let verdict = target.map(|t| compute::verdict(shown, t.value, indicator.higher_is_better));
    Some(Cell {
        indicator: &indicator.label,
        key: &indicator.key,
        rate: match published {
            Some((value, decimals)) if published_only => {
                format!("{}\u{a0}%", vi::decimal(value, decimals))
            }
            _ => rate.text(),
        },
        fraction: if published_only {
            None
        } else {
            rate.fraction()
        },
        published_only,
        target: target.map(|t| format!("{}\u{a0}%", vi::decimal(t.value, decimals_of(t.value)))),
        target_source: target.and_then(|t| t.source.as_deref()),
        verdict: verdict.map(compute::Verdict::text),
        verdict_key: verdict.map_or("none", compute::Verdict::key),
    })
}

fn decimals_of(value: f64) -> usize {
    if value.fract() == 0.0 {
        0
    } else if (value * 10.0).fract() == 0.0 {
        1
    } else {
        2
    }
}

#[derive(Serialize)]
pub struct CountRow {
    pub label: &'static str,
    pub value: String,
    /// A total computed from its parts, not reported as such.
    pub derived: bool,
}

#[derive(Serialize)]
pub struct ScopeBlock<'a> {
    pub name: String,
    pub url: String,
    pub cells: Vec<Cell<'a>>,
    pub counts: Vec<CountRow>,
}

fn scope_block<'a>(model: &'a Model, period: &Period, report: &ScopeReport) -> ScopeBlock<'a> {
    let stats = &model.statistics;
    let level = report.scope.level(&model.catalog);
    ScopeBlock {
        name: report.scope.name(&model.catalog).to_string(),
        url: scope_url(model, &report.scope),
        cells: stats
            .indicators
            .iter()
            .filter_map(|i| cell(stats, period, report, level, i))
            .collect(),
        counts: COUNTS
            .iter()
            .filter_map(|(key, label)| {
                let value = report.counts.get(key)?;
                Some(CountRow {
                    label,
                    value: vi::number(value),
                    derived: !report.counts.given().contains_key(*key),
                })
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct PeriodSummary<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub kind: &'static str,
    pub dates: String,
    pub url: String,
    pub csv: String,
    pub json: String,
}

pub fn summary<'a>(model: &Model, p: &'a Period) -> PeriodSummary<'a> {
    let u = &model.urls;
    PeriodSummary {
        id: &p.id,
        label: &p.label,
        kind: p.kind.label(),
        dates: format!("{} – {}", p.start, p.end),
        url: u.href(&u.statistics_period(&p.id)),
        csv: u.href(&u.statistics_data(Some(&p.id), "csv")),
        json: u.href(&u.statistics_data(Some(&p.id), "json")),
    }
}

#[derive(Serialize)]
pub struct PeriodPage<'a> {
    pub summary: PeriodSummary<'a>,
    pub cutoff: Option<String>,
    pub source: &'a str,
    pub source_url: Option<&'a str>,
    pub note: Option<&'a str>,
    pub notes: &'a [String],
    pub scopes: Vec<ScopeBlock<'a>>,
}

pub fn period_page<'a>(model: &'a Model, p: &'a Period) -> PeriodPage<'a> {
    PeriodPage {
        summary: summary(model, p),
        cutoff: p.cutoff.map(|d| d.to_vietnamese()),
        source: &p.source,
        source_url: p.source_url.as_deref(),
        note: p.note.as_deref(),
        notes: &p.notes,
        scopes: p.scopes.iter().map(|s| scope_block(model, p, s)).collect(),
    }
}

/// The latest period with data for the province and for each level, for the overview.
#[derive(Serialize)]
pub struct Latest<'a> {
    pub period: PeriodSummary<'a>,
    pub block: ScopeBlock<'a>,
}

pub fn latest<'a>(model: &'a Model, scopes: &[Scope]) -> Vec<Latest<'a>> {
    scopes
        .iter()
        .filter(|s| matches!(s, Scope::Province | Scope::Level(_)))
        .filter_map(|scope| {
            model.statistics.periods.iter().rev().find_map(|p| {
                let report = p.scopes.iter().find(|r| r.scope == *scope)?;
                let block = scope_block(model, p, report);
                (!block.cells.is_empty()).then(|| Latest {
                    period: summary(model, p),
                    block,
                })
            })
        })
        .collect()
}

/// One indicator of one scope across periods: a chart and the same numbers as a table.
#[derive(Serialize)]
pub struct Series<'a> {
    pub id: String,
    pub title: String,
    pub indicator: &'a str,
    pub scope: String,
    pub source: Option<&'a str>,
    pub chart: String,
    pub rows: Vec<SeriesRow<'a>>,
}

#[derive(Serialize)]
pub struct SeriesRow<'a> {
    pub period: &'a str,
    pub url: String,
    pub cell: Cell<'a>,
}

pub fn series<'a>(model: &'a Model, scope: &Scope, indicator: &'a Indicator) -> Option<Series<'a>> {
    let stats = &model.statistics;
    let level = scope.level(&model.catalog);
    let rows: Vec<(SeriesRow<'a>, Option<f64>, Option<u64>)> = stats
        .periods
        .iter()
        .filter_map(|p| {
            let report = p.scopes.iter().find(|r| r.scope == *scope)?;
            let cell = cell(stats, p, report, level, indicator)?;
            let rate = compute::rate(indicator, &report.counts);
            let value = if cell.published_only {
                report.published.get(&indicator.key).map(|&(v, _)| v)
            } else {
                rate.shown()
            };
            // What the rate leaves out, in applications: what tells 99.8 % from 99.9 %.
            let rest = match rate {
                compute::Rate::Value {
                    numerator,
                    denominator,
                    ..
                } if !cell.published_only => Some(denominator - numerator.min(denominator)),
                _ => None,
            };
            Some((
                SeriesRow {
                    period: &p.label,
                    url: model.urls.href(&model.urls.statistics_period(&p.id)),
                    cell,
                },
                value,
                rest,
            ))
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let (kind, key) = scope.kind_and_key();
    let id = format!("bd-{}-{kind}-{key}", indicator.key)
        .trim_end_matches('-')
        .to_string();
    // Bars all near the end of a 0–100 % scale look alike; the axis stays whole, and each
    // bar says how many applications its rate leaves out.
    let close = rows.iter().all(|(_, v, _)| v.is_some_and(|v| v >= 95.0));
    let bars: Vec<Bar> = rows
        .iter()
        .map(|(row, value, rest)| Bar {
            label: row.period,
            value: *value,
            text: match rest {
                Some(rest) if close => {
                    format!("{} · còn {} hồ sơ", row.cell.rate, crate::vi::number(*rest))
                }
                _ => row.cell.rate.clone(),
            },
        })
        .collect();
    let targets: Vec<&Option<String>> = rows.iter().map(|(r, _, _)| &r.cell.target).collect();
    let common_target = rows
        .iter()
        .map(|(r, _, _)| r.cell.target.as_ref())
        .all(|t| t.is_some() && Some(t) == targets.first().map(|t| t.as_ref()))
        .then(|| {
            stats
                .periods
                .iter()
                .find_map(|p| stats.target(&indicator.key, p.start.year, level))
                .map(|t| t.value)
        })
        .flatten();
    let name = scope.name(&model.catalog).to_string();
    Some(Series {
        chart: charts::bars(&id, &bars, common_target),
        title: format!("{} — {}", indicator.label, name),
        id,
        indicator: &indicator.label,
        scope: name,
        source: indicator.source.as_deref(),
        rows: rows.into_iter().map(|(r, _, _)| r).collect(),
    })
}

#[derive(Serialize)]
pub struct IndexRow<'a> {
    pub name: &'a str,
    pub year: u16,
    pub value: Option<String>,
    pub rank: Option<String>,
    pub rank_change: Option<String>,
    pub value_change: Option<String>,
    pub source: &'a str,
    pub published: Option<String>,
    pub note: Option<&'a str>,
}

pub fn indices(stats: &Statistics) -> Vec<IndexRow<'_>> {
    let signed = |v: f64, decimals| {
        let text = vi::decimal(v.abs(), decimals);
        if v < 0.0 {
            format!("giảm {text}")
        } else {
            format!("tăng {text}")
        }
    };
    stats
        .indices
        .iter()
        .map(|i| IndexRow {
            name: &i.name,
            year: i.year,
            value: i.value.map(|v| {
                format!(
                    "{}{}{}",
                    vi::decimal(v, 2),
                    if i.unit == "%" { "\u{a0}" } else { " " },
                    i.unit
                )
            }),
            rank: i.rank.map(|r| match i.out_of {
                Some(n) => format!("{r}/{n}"),
                None => r.to_string(),
            }),
            rank_change: i.rank_change.map(|c| {
                if c < 0 {
                    format!("giảm {} bậc", -c)
                } else {
                    format!("tăng {c} bậc")
                }
            }),
            value_change: i.value_change.map(|c| format!("{} điểm", signed(c, 2))),
            source: &i.source,
            published: i.published.map(|d| d.to_vietnamese()),
            note: i.note.as_deref(),
        })
        .collect()
}

// ---- open data ---------------------------------------------------------------------------

fn scope_json(model: &Model, report: &ScopeReport) -> Value {
    let (kind, key) = report.scope.kind_and_key();
    let counts: serde_json::Map<String, Value> = COUNTS
        .iter()
        .filter_map(|(k, _)| report.counts.get(k).map(|v| (k.to_string(), json!(v))))
        .collect();
    let rates: serde_json::Map<String, Value> = model
        .statistics
        .indicators
        .iter()
        .map(|i| {
            let r = compute::rate(i, &report.counts);
            let value = match r {
                Rate::Value { numerator, denominator, .. } => json!({
                    "numerator": numerator, "denominator": denominator, "percent": r.shown(), "status": "value"
                }),
                Rate::NotOccurred => json!({"status": "not-occurred"}),
                Rate::NoData => json!({"status": "no-data"}),
            };
            (i.key.clone(), value)
        })
        .collect();
    let published: serde_json::Map<String, Value> = report
        .published
        .iter()
        .map(|(k, (v, _))| (k.clone(), json!(v)))
        .collect();
    json!({
        "scope": kind, "key": key, "name": report.scope.name(&model.catalog),
        "counts": counts, "rates": rates, "published": published,
    })
}

fn period_json(model: &Model, p: &Period) -> Value {
    json!({
        "id": p.id, "label": p.label, "kind": format!("{:?}", p.kind).to_lowercase(),
        "start": p.start.to_iso(), "end": p.end.to_iso(), "cutoff": p.cutoff.map(|d| d.to_iso()),
        "source": p.source, "source_url": p.source_url, "note": p.note, "data_notes": p.notes,
        "scopes": p.scopes.iter().map(|s| scope_json(model, s)).collect::<Vec<_>>(),
    })
}

/// JSON of one period, or of all of them with the indicator definitions and targets.
pub fn data_json(model: &Model, period: Option<&Period>) -> String {
    let stats = &model.statistics;
    let periods: Vec<Value> = match period {
        Some(p) => vec![period_json(model, p)],
        None => stats
            .periods
            .iter()
            .map(|p| period_json(model, p))
            .collect(),
    };
    let indicators: Vec<Value> = stats
        .indicators
        .iter()
        .map(|i| {
            json!({
                "key": i.key, "label": i.label,
                "numerator": i.numerator.iter().map(|k| k.get_ref()).collect::<Vec<_>>(),
                "denominator": i.denominator.iter().map(|k| k.get_ref()).collect::<Vec<_>>(),
                "higher_is_better": i.higher_is_better, "source": i.source,
            })
        })
        .collect();
    let targets: Vec<Value> = stats
        .targets
        .iter()
        .map(|t| json!({
            "indicator": t.indicator.get_ref(), "year": t.year,
            "level": t.level.as_ref().map(|l| l.get_ref()), "value": t.value, "source": t.source,
        }))
        .collect();
    let value = json!({
        "publisher": model.config.authority,
        "counts": COUNTS.iter().map(|(k, l)| json!({"key": k, "label": l})).collect::<Vec<_>>(),
        "indicators": indicators, "targets": targets, "periods": periods,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// A cell's text with a leading `=`, `+`, `-`, `@`, tab or carriage return neutralised by an
/// apostrophe: a spreadsheet opening a download never runs a formula written in content.
pub(super) fn formula_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A text cell: quoted where CSV needs it, and a leading `=`, `+`, `-`, `@` or tab
/// neutralised with an apostrophe, so a spreadsheet opening the download never runs a
/// formula written in content (`=HYPERLINK(…)`).
fn csv_field(text: &str) -> String {
    let text = formula_safe(text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// CSV of one period or all: one row per scope, counts then computed rates (percent with a
/// dot for decimals, empty when there is no data, `0/0` when nothing occurred).
pub fn data_csv(model: &Model, period: Option<&Period>) -> String {
    let stats = &model.statistics;
    let mut header: Vec<String> = [
        "period",
        "period_label",
        "start",
        "end",
        "scope",
        "scope_key",
        "scope_name",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(COUNTS.iter().map(|(k, _)| k.to_string()));
    header.extend(stats.indicators.iter().map(|i| format!("rate_{}", i.key)));
    header.extend(
        stats
            .indicators
            .iter()
            .map(|i| format!("published_{}", i.key)),
    );
    let mut out = header.join(",") + "\n";
    let periods: Vec<&Period> = match period {
        Some(p) => vec![p],
        None => stats.periods.iter().collect(),
    };
    for p in periods {
        for report in &p.scopes {
            let (kind, key) = report.scope.kind_and_key();
            let mut row = vec![
                p.id.clone(),
                csv_field(&p.label),
                p.start.to_iso(),
                p.end.to_iso(),
                kind.to_string(),
                key.to_string(),
                csv_field(report.scope.name(&model.catalog)),
            ];
            row.extend(COUNTS.iter().map(|(k, _)| {
                report
                    .counts
                    .get(k)
                    .map_or(String::new(), |v| v.to_string())
            }));
            row.extend(
                stats
                    .indicators
                    .iter()
                    .map(|i| match compute::rate(i, &report.counts) {
                        r @ Rate::Value { .. } => format!("{:.2}", r.shown().unwrap_or(0.0)),
                        Rate::NotOccurred => "0/0".to_string(),
                        Rate::NoData => String::new(),
                    }),
            );
            row.extend(stats.indicators.iter().map(|i| {
                report
                    .published
                    .get(&i.key)
                    .map_or(String::new(), |(v, _)| v.to_string())
            }));
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    format!("{}{out}", super::CSV_BOM)
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(csv_field("Cấp xã"), "Cấp xã");
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
    }
}
