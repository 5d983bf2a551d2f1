//! Every number the statistics pages show is computed here from counts: rates with their
//! numerator and denominator, comparison with targets, and the checks that keep published
//! numbers honest (parts never larger than their whole, the stock-flow identity, rates
//! published alongside counts that must agree with them).

use super::counts::{BOUNDS, Counts, TOTALS};
use super::{Indicator, ScopeReport};
use crate::diagnostic::{Diagnostics, Location, SourceFile};
use crate::vi;
use std::collections::BTreeMap;

/// A rate as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rate {
    /// A count it needs was not reported: nothing can be said.
    NoData,
    /// The denominator is zero: nothing occurred ("Không phát sinh"), neither 0 % nor 100 %.
    NotOccurred,
    Value {
        numerator: u64,
        denominator: u64,
        percent: f64,
    },
}

impl Rate {
    pub fn percent(self) -> Option<f64> {
        match self {
            Rate::Value { percent, .. } => Some(percent),
            _ => None,
        }
    }

    /// The percentage as shown, to 2 decimals, rounded half up — except that a rate is
    /// never shown as 100 % while something failed, nor 0 % while something succeeded
    /// (70.515 on time of 70.516 is 99,99 %, not 100,00 %).
    pub fn shown(self) -> Option<f64> {
        let Rate::Value {
            numerator,
            denominator,
            percent,
        } = self
        else {
            return None;
        };
        let rounded = (percent * 100.0).round() / 100.0;
        Some(if rounded >= 100.0 && numerator < denominator {
            99.99
        } else if rounded <= 0.0 && numerator > 0 {
            0.01
        } else {
            rounded
        })
    }

    /// "96,52 %", "Không phát sinh", "Không có số liệu".
    pub fn text(self) -> String {
        match self {
            Rate::Value { .. } => vi::decimal(self.shown().unwrap_or(0.0), 2) + "\u{a0}%",
            Rate::NotOccurred => "Không phát sinh".to_string(),
            Rate::NoData => "Không có số liệu".to_string(),
        }
    }

    /// "776/804", shown next to every percentage.
    pub fn fraction(self) -> Option<String> {
        match self {
            Rate::Value {
                numerator,
                denominator,
                ..
            } => Some(format!(
                "{}/{}",
                vi::number(numerator),
                vi::number(denominator)
            )),
            Rate::NotOccurred => Some("0/0".to_string()),
            Rate::NoData => None,
        }
    }
}

fn keys(list: &[toml::Spanned<String>]) -> Vec<&str> {
    list.iter().map(|k| k.get_ref().as_str()).collect()
}

/// The indicator's rate over these counts.
pub fn rate(indicator: &Indicator, counts: &Counts) -> Rate {
    let denominator = counts.sum_of(&keys(&indicator.denominator));
    let numerator = counts.sum_of(&keys(&indicator.numerator));
    match (numerator, denominator) {
        // Nothing to count, and the count was reported: nothing occurred. With the
        // numerator unreported, the source said nothing about it.
        (Some(_), Some(0)) => Rate::NotOccurred,
        (Some(n), Some(d)) => Rate::Value {
            numerator: n,
            denominator: d,
            percent: n as f64 * 100.0 / d as f64,
        },
        _ => Rate::NoData,
    }
}

/// How a rate compares with its target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    Met {
        gap: f64,
    },
    NotMet {
        gap: f64,
    },
    /// No rate to compare (no data, or nothing occurred).
    NotAssessed,
}

impl Verdict {
    /// "Đạt (vượt 2,81 điểm %)", "Chưa đạt (thiếu 3,20 điểm %)".
    pub fn text(self) -> String {
        match self {
            Verdict::Met { gap } if gap.abs() < 0.005 => "Đạt".to_string(),
            Verdict::Met { gap } => format!("Đạt (vượt {} điểm %)", vi::decimal(gap.abs(), 2)),
            Verdict::NotMet { gap } => {
                format!("Chưa đạt (thiếu {} điểm %)", vi::decimal(gap.abs(), 2))
            }
            Verdict::NotAssessed => "Không đánh giá".to_string(),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Verdict::Met { .. } => "met",
            Verdict::NotMet { .. } => "not-met",
            Verdict::NotAssessed => "none",
        }
    }
}

/// Compares a percentage as shown (see [`Rate::shown`]; `None`: no rate) with a target.
pub fn verdict(shown: Option<f64>, target: f64, higher_is_better: bool) -> Verdict {
    let Some(shown) = shown else {
        return Verdict::NotAssessed;
    };
    let gap = shown - target;
    let met = if higher_is_better {
        gap >= -1e-9
    } else {
        gap <= 1e-9
    };
    if met {
        Verdict::Met { gap }
    } else {
        Verdict::NotMet { gap }
    }
}

/// Checks one scope of one period: parts larger than their whole are errors; a failed
/// stock-flow identity and a published rate that disagrees with the counts are warnings,
/// also kept in `notes` (in Vietnamese) for the period's page.
pub fn check_scope(
    report: &ScopeReport,
    scope_name: &str,
    indicators: &[Indicator],
    locations: &BTreeMap<String, Location>,
    file: &SourceFile,
    diags: &mut Diagnostics,
    notes: &mut Vec<String>,
) {
    let c = &report.counts;
    let at = |key: &str| locations.get(key).cloned().unwrap_or_else(|| file.whole());
    let first_of = |keys: &[&str]| {
        keys.iter()
            .find(|k| locations.contains_key(**k))
            .map_or_else(|| file.whole(), |k| at(k))
    };
    for (total, parts) in TOTALS {
        if let (Some(whole), Some(sum)) = (c.given().get(*total), c.sum_of(parts))
            && sum > *whole
        {
            diags.error(
                at(total),
                format!(
                    "{scope_name}: the parts of `{total}` add up to {sum}, more than its {whole}"
                ),
            );
        }
    }
    for (parts, whole) in BOUNDS {
        if let (Some(sum), Some(whole_value)) = (c.sum_of(parts), c.get(whole))
            && sum > whole_value
        {
            diags.error(
                first_of(parts),
                format!(
                    "{scope_name}: {} = {sum} is larger than its whole `{whole}` = {whole_value}",
                    parts.join(" + ")
                ),
            );
        }
    }
    for indicator in indicators {
        if let Rate::Value {
            numerator,
            denominator,
            ..
        } = rate(indicator, c)
            && numerator > denominator
        {
            diags.error(
                    first_of(&keys(&indicator.numerator)),
                    format!(
                        "{scope_name}: indicator `{}` has numerator {numerator} larger than denominator {denominator}",
                        indicator.key
                    ),
                );
        }
    }
    if let (Some(received), Some(resolved), Some(pending)) =
        (c.get("received"), c.get("resolved"), c.get("pending"))
    {
        let carried = c.get("carried_over").unwrap_or(0);
        let withdrawn = c.get("withdrawn").unwrap_or(0);
        let returned = c.get("returned").unwrap_or(0);
        let expected = (carried + received) as i128 - (resolved + withdrawn + returned) as i128;
        if expected != i128::from(pending) {
            diags.warning(
                first_of(&["pending", "pending_within", "pending_overdue"]),
                format!(
                    "{scope_name}: carried over {carried} + received {received} - resolved {resolved} - withdrawn {withdrawn} - returned {returned} = {expected}, but pending is {pending}"
                ),
            );
            let shown = |key: &str, value: u64| match c.get(key) {
                Some(_) => vi::number(value),
                None => format!("{} (không công bố)", vi::number(value)),
            };
            notes.push(format!(
                "{scope_name}: số liệu chưa khớp — tồn kỳ trước {} + tiếp nhận mới {} - đã giải quyết {} - rút {} - trả lại {} = {}, nhưng số đang giải quyết báo cáo là {}.",
                shown("carried_over", carried),
                vi::number(received),
                vi::number(resolved),
                shown("withdrawn", withdrawn),
                shown("returned", returned),
                format_signed(expected),
                vi::number(pending)
            ));
        }
    }
    for (key, &(published, decimals)) in &report.published {
        let Some(indicator) = indicators.iter().find(|i| i.key == *key) else {
            continue;
        };
        let Some(computed) = rate(indicator, c).shown() else {
            continue;
        };
        let factor = 10f64.powi(decimals as i32);
        if ((computed * factor).round() - (published * factor).round()).abs() >= 0.5 {
            diags.warning(
                at(&format!("published.{key}")),
                format!(
                    "{scope_name}: published {key} {published} % disagrees with the counts, which give {computed:.2} %"
                ),
            );
            notes.push(format!(
                "{scope_name}: tỷ lệ công bố {} % khác tỷ lệ tính từ số liệu {} % ({}).",
                vi::decimal(published, decimals),
                vi::decimal(computed, 2),
                indicator.label
            ));
        }
    }
}

fn format_signed(value: i128) -> String {
    if value < 0 {
        format!("-{}", vi::number(value.unsigned_abs() as u64))
    } else {
        vi::number(value as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(num: &[&str], den: &[&str]) -> Indicator {
        let spanned = |keys: &[&str]| {
            keys.iter()
                .map(|k| toml::Spanned::new(0..0, k.to_string()))
                .collect()
        };
        Indicator {
            key: "x".into(),
            label: "X".into(),
            numerator: spanned(num),
            denominator: spanned(den),
            higher_is_better: true,
            source: None,
        }
    }

    fn counts(pairs: &[(&str, u64)]) -> Counts {
        Counts::new(pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect())
    }

    #[test]
    fn rates_show_their_counts_and_round_half_up() {
        let online = indicator(&["received_online"], &["received"]);
        let r = rate(
            &online,
            &counts(&[("received_online", 776), ("received", 804)]),
        );
        assert_eq!(r.text(), "96,52\u{a0}%");
        assert_eq!(r.fraction().unwrap(), "776/804");
        let on_time = indicator(&["resolved_early", "resolved_on_time"], &["resolved"]);
        let r = rate(
            &on_time,
            &counts(&[("resolved_on_time", 70515), ("resolved_late", 1)]),
        );
        assert_eq!(r.text(), "99,99\u{a0}%");
        assert_eq!(r.fraction().unwrap(), "70.515/70.516");
    }

    #[test]
    fn zero_denominator_is_not_occurred_and_missing_is_no_data() {
        let apology = indicator(&["late_apologized"], &["resolved_late"]);
        let r = rate(
            &apology,
            &counts(&[("resolved_late", 0), ("late_apologized", 0)]),
        );
        assert_eq!(r, Rate::NotOccurred);
        assert_eq!(r.text(), "Không phát sinh");
        assert_eq!(rate(&apology, &counts(&[])), Rate::NoData);
        // Nothing late, but whether apologies were counted is not reported: no data, not
        // "Không phát sinh (0/0)".
        let unreported = rate(&apology, &counts(&[("resolved_late", 0)]));
        assert_eq!(unreported, Rate::NoData);
        assert_eq!(unreported.fraction(), None);
        assert_eq!(rate(&apology, &counts(&[])).text(), "Không có số liệu");
    }

    fn value(n: u64, d: u64) -> Rate {
        Rate::Value {
            numerator: n,
            denominator: d,
            percent: n as f64 * 100.0 / d as f64,
        }
    }

    #[test]
    fn targets_are_met_or_missed_with_the_gap() {
        let v = |n, d| verdict(value(n, d).shown(), 80.0, true);
        assert_eq!(v(8281, 10000).text(), "Đạt (vượt 2,81 điểm %)");
        assert_eq!(v(768, 1000).text(), "Chưa đạt (thiếu 3,20 điểm %)");
        assert_eq!(v(79999, 100000).text(), "Đạt", "compared as shown");
        assert_eq!(verdict(value(5, 100).shown(), 10.0, false).key(), "met");
        assert_eq!(
            verdict(Rate::NoData.shown(), 80.0, true),
            Verdict::NotAssessed
        );
        assert_eq!(
            verdict(Rate::NotOccurred.shown(), 80.0, true),
            Verdict::NotAssessed
        );
    }

    #[test]
    fn nearly_all_is_not_all() {
        assert_eq!(value(70515, 70516).text(), "99,99\u{a0}%");
        assert_eq!(value(1, 100_000).text(), "0,01\u{a0}%");
        assert_eq!(value(5, 5).text(), "100,00\u{a0}%");
        assert_eq!(value(0, 5).text(), "0,00\u{a0}%");
    }

    fn check(report: &ScopeReport, indicators: &[Indicator]) -> (Diagnostics, Vec<String>) {
        let mut d = Diagnostics::new();
        let mut notes = Vec::new();
        let file = SourceFile::new("s.toml", String::new());
        check_scope(
            report,
            "Toàn tỉnh",
            indicators,
            &BTreeMap::new(),
            &file,
            &mut d,
            &mut notes,
        );
        (d, notes)
    }

    fn report(pairs: &[(&str, u64)], published: &[(&str, f64, usize)]) -> ScopeReport {
        ScopeReport {
            scope: super::super::Scope::Province,
            counts: counts(pairs),
            published: published
                .iter()
                .map(|(k, v, d)| (k.to_string(), (*v, *d)))
                .collect(),
        }
    }

    #[test]
    fn a_part_larger_than_its_whole_is_an_error() {
        let (d, _) = check(
            &report(&[("resolved", 10), ("resolved_on_time", 11)], &[]),
            &[],
        );
        assert_eq!(d.error_count(), 1);
        let (d, _) = check(
            &report(&[("late_apologized", 8), ("resolved_late", 7)], &[]),
            &[],
        );
        assert_eq!(d.error_count(), 1);
    }

    #[test]
    fn the_stock_flow_identity_is_checked() {
        // The seeds' Phú Tân figures: 804 received, 797 early + 7 late resolved, 68 pending.
        let r = report(
            &[
                ("received", 804),
                ("resolved_early", 797),
                ("resolved_late", 7),
                ("pending", 68),
            ],
            &[],
        );
        let (d, notes) = check(&r, &[]);
        assert_eq!((d.error_count(), d.warning_count()), (0, 1));
        assert!(
            notes[0].contains("= 0, nhưng số đang giải quyết báo cáo là 68"),
            "{notes:?}"
        );
        let fine = report(
            &[
                ("carried_over", 68),
                ("received", 804),
                ("resolved", 804),
                ("pending", 68),
            ],
            &[],
        );
        assert_eq!(check(&fine, &[]).0.warning_count(), 0);
    }

    #[test]
    fn a_published_rate_must_agree_at_its_own_precision() {
        let mut online = indicator(&["received_online"], &["received"]);
        online.key = "truc-tuyen".into();
        let counts = [("received_online", 42839), ("received", 82015)];
        // 52,23 % published as "52" agrees; as "52.5" it does not.
        assert_eq!(
            check(
                &report(&counts, &[("truc-tuyen", 52.0, 0)]),
                std::slice::from_ref(&online)
            )
            .0
            .warning_count(),
            0
        );
        assert_eq!(
            check(
                &report(&counts, &[("truc-tuyen", 52.5, 1)]),
                std::slice::from_ref(&online)
            )
            .0
            .warning_count(),
            1
        );
    }
}
