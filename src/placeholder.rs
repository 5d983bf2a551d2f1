//! The starter's sample values: what `new site` and `new procedure` write for the province
//! to replace — the example host in `base_url`, "…" in an address or a number, a time
//! limit or fee left as "…". Each is a warning (so `check --strict` fails) naming where it
//! is, and none is ever shown as a fact: a fee left as "…" reads "Chưa có thông tin", not
//! "0 đồng".

use crate::catalog::{Catalog, Kind};
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostics, Location};

/// What the starter writes where the province has a fact to give.
pub const MARK: &str = "…";

/// A value still as the starter wrote it: "…", "Bước 1: …", "Số …, xã …, tỉnh …",
/// "0290 3 …".
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    t == MARK
        || t.strip_suffix(MARK).is_some_and(|rest| rest.ends_with(' '))
        || t.match_indices(MARK)
            .any(|(i, _)| t[i + MARK.len()..].starts_with(','))
}

/// A host kept for examples (RFC 2606 names, and the starter's `tthc.example.gov.vn`).
pub fn is_example_host(origin: &str) -> bool {
    let host = origin
        .split_once("://")
        .map_or(origin, |(_, h)| h)
        .split([':', '/'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    host.split('.')
        .any(|label| label == "example" || label == "invalid" || label == "localhost")
}

/// Warns of every starter value left in the configuration and the catalogue.
pub fn check_site(config: &SiteConfig, catalog: &Catalog, diags: &mut Diagnostics) {
    let config_file = Location::file(crate::config::CONFIG_FILE);
    if is_example_host(&config.base_url.origin) {
        diags.warning(
            config_file.clone(),
            format!(
                "base_url is still the starter's example address ({}): the codes on printed posters and labels would lead nowhere — set the province's own domain before printing",
                config.base_url.origin
            ),
        );
    }
    for h in &config.hotlines {
        if is_placeholder(&h.number) {
            diags.warning(
                config_file.clone(),
                format!(
                    "hotline `{}` is still the starter's `{}`: give the real number",
                    h.label, h.number
                ),
            );
        }
    }
    for o in &catalog.offices {
        let at = catalog.declared_at(Kind::Office, &o.key);
        for (what, value) in [
            ("address", Some(o.address.as_str())),
            ("phone", o.phone.as_deref()),
            ("hotline", o.hotline.as_deref()),
        ] {
            if let Some(v) = value.filter(|v| is_placeholder(v)) {
                diags.warning(
                    at.clone(),
                    format!(
                        "office `{}`: {what} is still the starter's `{v}`: posters and pages would print it",
                        o.key
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_values_are_told_from_real_ones() {
        for p in [
            "…",
            "Bước 1: …",
            "Số …, xã …, tỉnh …",
            "0290 3 …",
            "Số…, xã",
            " Ghi … ",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for real in [
            "Số 2 Hùng Vương, phường An Xuyên",
            "0290 3 555 010",
            "Trường hợp … thì không phải nộp",
            "Và…",
            "…và … nữa",
        ] {
            assert!(!is_placeholder(real), "{real}");
        }
        assert!(is_example_host("https://tthc.example.gov.vn"));
        assert!(is_example_host("https://example.com"));
        assert!(!is_example_host("https://tthc.camau.gov.vn"));
        assert!(!is_example_host("https://examples.gov.vn"));
    }
}
