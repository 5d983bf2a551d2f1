//! The limits of the hosts a province publishes to (files per site, bytes per file and per
//! site, static redirects), and the warning a build gives when its output breaks them, with
//! the numbers. Chosen in `congkhai.toml`: `[deploy] host = "cloudflare"`.

use crate::diagnostic::{Diagnostics, Location};
use serde::{Deserialize, Serialize};

/// A host with published limits (2026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Host {
    /// Cloudflare Pages, free plan: 20,000 files, 25 MiB a file, 2,000 static redirects.
    Cloudflare,
    /// Cloudflare Pages, paid plans: 100,000 files.
    CloudflarePaid,
    /// GitHub Pages: a site of at most 1 GB (and no file over GitHub's 100 MB).
    Github,
    /// GitLab Pages: 1 GB, 200,000 files.
    Gitlab,
    /// The province's own nginx: no limit but the disk.
    Nginx,
}

/// What a host allows; `None`: no limit of that kind.
pub struct Limits {
    pub name: &'static str,
    pub files: Option<usize>,
    pub file_bytes: Option<u64>,
    pub site_bytes: Option<u64>,
    pub redirects: Option<usize>,
}

const MIB: u64 = 1 << 20;

impl Host {
    pub fn limits(self) -> Limits {
        match self {
            Host::Cloudflare => Limits {
                name: "Cloudflare Pages (free plan)",
                files: Some(20_000),
                file_bytes: Some(25 * MIB),
                site_bytes: None,
                redirects: Some(2_000),
            },
            Host::CloudflarePaid => Limits {
                name: "Cloudflare Pages (paid plan)",
                files: Some(100_000),
                file_bytes: Some(25 * MIB),
                site_bytes: None,
                redirects: Some(2_000),
            },
            Host::Github => Limits {
                name: "GitHub Pages",
                files: None,
                file_bytes: Some(100 * MIB),
                site_bytes: Some(1_000_000_000),
                redirects: None,
            },
            Host::Gitlab => Limits {
                name: "GitLab Pages",
                files: Some(200_000),
                file_bytes: None,
                site_bytes: Some(1_000_000_000),
                redirects: None,
            },
            Host::Nginx => Limits {
                name: "nginx",
                files: None,
                file_bytes: None,
                site_bytes: None,
                redirects: None,
            },
        }
    }
}

/// Warns of every limit of `host` the output breaks: `files` are (name, bytes).
pub fn check<'a>(
    host: Host,
    files: impl Iterator<Item = (&'a str, u64)>,
    redirects: usize,
    diags: &mut Diagnostics,
) {
    let limits = host.limits();
    let at = || Location::file(crate::config::CONFIG_FILE);
    let (mut count, mut total, mut largest): (usize, u64, Option<(&str, u64)>) = (0, 0, None);
    for (name, bytes) in files {
        count += 1;
        total += bytes;
        if largest.is_none_or(|(_, b)| bytes > b) {
            largest = Some((name, bytes));
        }
    }
    let mib = |b: u64| crate::vi::decimal(b as f64 / MIB as f64, 1);
    if let Some(max) = limits.files
        && count > max
    {
        diags.warning(
            at(),
            format!(
                "the site has {} files; {} takes {} at most — leave out the print packs (`[print] pdf = false`) or choose another host",
                crate::vi::number(count as u64),
                limits.name,
                crate::vi::number(max as u64)
            ),
        );
    }
    if let (Some(max), Some((name, bytes))) = (limits.file_bytes, largest)
        && bytes > max
    {
        diags.warning(
            at(),
            format!(
                "{name} is {} MiB; {} takes files of {} MiB at most",
                mib(bytes),
                limits.name,
                mib(max)
            ),
        );
    }
    if let Some(max) = limits.site_bytes
        && total > max
    {
        diags.warning(
            at(),
            format!(
                "the site is {} MiB; {} takes {} MiB at most",
                mib(total),
                limits.name,
                mib(max)
            ),
        );
    }
    if let Some(max) = limits.redirects
        && redirects > max
    {
        diags.warning(
            at(),
            format!(
                "the site has {redirects} redirects (renamed keys); {} applies {max} at most from `_redirects` — the pages left at the old addresses still send visitors on",
                limits.name
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(host: Host, files: &[(String, u64)], redirects: usize) -> Vec<String> {
        let mut diags = Diagnostics::new();
        check(
            host,
            files.iter().map(|(n, b)| (n.as_str(), *b)),
            redirects,
            &mut diags,
        );
        diags.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn each_limit_is_said_with_its_numbers() {
        let many: Vec<(String, u64)> = (0..20_001).map(|i| (format!("p{i}.html"), 10)).collect();
        let s = said(Host::Cloudflare, &many, 0);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(
            s[0].contains("20.001 files") && s[0].contains("20.000 at most"),
            "{s:?}"
        );
        assert!(said(Host::CloudflarePaid, &many, 0).is_empty());
        let big = vec![("ap-phich/pdf/tinh.pdf".to_string(), 30 * MIB)];
        let s = said(Host::Cloudflare, &big, 2_001);
        assert!(
            s.iter()
                .any(|m| m.contains("ap-phich/pdf/tinh.pdf is 30,0 MiB")),
            "{s:?}"
        );
        assert!(s.iter().any(|m| m.contains("2001 redirects")), "{s:?}");
        let heavy: Vec<(String, u64)> = (0..11).map(|i| (format!("f{i}"), 100_000_000)).collect();
        let s = said(Host::Github, &heavy, 0);
        assert!(s.iter().any(|m| m.contains("GitHub Pages takes")), "{s:?}");
        assert!(said(Host::Nginx, &heavy, 5_000).is_empty());
    }
}
