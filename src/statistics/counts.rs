//! The counts a period's report may hold, their Vietnamese labels, and how they add up:
//! totals (received, resolved, pending) are the sum of their parts unless the report
//! gives the total itself, and some counts are parts of others (late with apology ≤ late).

use std::collections::BTreeMap;

/// Every count key, with its label, in the order tables show them.
pub const COUNTS: &[(&str, &str)] = &[
    ("carried_over", "Tồn kỳ trước chuyển sang"),
    ("received", "Tổng hồ sơ tiếp nhận mới"),
    (
        "received_online",
        "Tiếp nhận trực tuyến (không tách toàn trình, một phần)",
    ),
    ("received_online_full", "Tiếp nhận trực tuyến toàn trình"),
    ("received_online_partial", "Tiếp nhận trực tuyến một phần"),
    ("received_in_person", "Tiếp nhận trực tiếp"),
    ("received_by_post", "Tiếp nhận qua bưu chính"),
    ("resolved", "Tổng hồ sơ đã giải quyết"),
    (
        "resolved_on_time_or_early",
        "Giải quyết đúng và trước hạn (không tách)",
    ),
    ("resolved_early", "Giải quyết trước hạn"),
    ("resolved_on_time", "Giải quyết đúng hạn"),
    ("resolved_late", "Giải quyết quá hạn"),
    ("pending", "Tổng hồ sơ đang giải quyết"),
    ("pending_within", "Đang giải quyết, trong hạn"),
    ("pending_overdue", "Đang giải quyết, quá hạn"),
    ("withdrawn", "Rút hồ sơ"),
    ("returned", "Trả lại hồ sơ"),
    ("late_apologized", "Quá hạn có văn bản xin lỗi"),
    ("digitised", "Hồ sơ được số hóa"),
    ("electronic_results", "Kết quả điện tử"),
    ("with_fee", "Hồ sơ có phí, lệ phí"),
    ("paid_online", "Thanh toán trực tuyến"),
    ("ratings_total", "Lượt đánh giá"),
    ("ratings_satisfied", "Lượt đánh giá hài lòng"),
    ("procedures_total", "Thủ tục trong phạm vi"),
    (
        "procedures_online_full",
        "Thủ tục cung cấp trực tuyến toàn trình",
    ),
    (
        "procedures_online_partial",
        "Thủ tục cung cấp trực tuyến một phần",
    ),
];

/// Totals and the parts they are made of.
pub const TOTALS: &[(&str, &[&str])] = &[
    (
        "received",
        &[
            "received_online",
            "received_online_full",
            "received_online_partial",
            "received_in_person",
            "received_by_post",
        ],
    ),
    (
        "resolved",
        &[
            "resolved_on_time_or_early",
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
        ],
    ),
    ("pending", &["pending_within", "pending_overdue"]),
];

/// Counts that cannot exceed another count (`part ≤ whole`), besides the totals.
pub const BOUNDS: &[(&[&str], &str)] = &[
    (&["late_apologized"], "resolved_late"),
    (&["paid_online"], "with_fee"),
    (&["ratings_satisfied"], "ratings_total"),
    (&["electronic_results"], "resolved"),
    (&["digitised"], "received"),
    (
        &["procedures_online_full", "procedures_online_partial"],
        "procedures_total",
    ),
];

pub fn is_count(key: &str) -> bool {
    COUNTS.iter().any(|(k, _)| *k == key)
}

pub fn label(key: &str) -> &str {
    COUNTS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, label)| label)
}

/// The counts of one scope in one period, as reported.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    given: BTreeMap<String, u64>,
}

impl Counts {
    pub fn new(given: BTreeMap<String, u64>) -> Self {
        Counts { given }
    }

    /// The count as reported, or a total derived from its reported parts; `None` when
    /// neither is reported (not the same as zero).
    pub fn get(&self, key: &str) -> Option<u64> {
        if let Some(&v) = self.given.get(key) {
            return Some(v);
        }
        let parts = TOTALS.iter().find(|(total, _)| *total == key)?.1;
        self.sum_of(parts)
    }

    /// The sum of the keys that are known; `None` when none is.
    pub fn sum_of(&self, keys: &[&str]) -> Option<u64> {
        keys.iter()
            .filter_map(|k| self.get(k))
            // Counts are at most `number::MAX_COUNT`, so this cannot saturate in practice.
            .fold(None, |acc, v| Some(acc.unwrap_or(0u64).saturating_add(v)))
    }

    pub fn given(&self) -> &BTreeMap<String, u64> {
        &self.given
    }

    pub fn is_empty(&self) -> bool {
        self.given.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, u64)]) -> Counts {
        Counts::new(pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect())
    }

    #[test]
    fn totals_come_from_parts_unless_given() {
        let c = counts(&[("resolved_early", 797), ("resolved_late", 7)]);
        assert_eq!(c.get("resolved"), Some(804));
        assert_eq!(c.get("pending"), None, "unknown is not zero");
        let c = counts(&[("resolved", 900), ("resolved_late", 7)]);
        assert_eq!(c.get("resolved"), Some(900));
    }

    #[test]
    fn every_total_and_bound_names_known_counts() {
        for (total, parts) in TOTALS {
            assert!(is_count(total));
            assert!(parts.iter().all(|p| is_count(p)));
        }
        for (parts, whole) in BOUNDS {
            assert!(is_count(whole) && parts.iter().all(|p| is_count(p)));
        }
    }
}
