//! The site configuration, `congkhai.toml` at the site root: who publishes the site, where
//! it lives, which theme draws it, and the URL scheme its permanent addresses follow.

use crate::diagnostic::{Diagnostics, SourceFile};
use crate::source;
use serde::{Deserialize, Serialize};
use std::path::Path;
use toml::Spanned;

/// Name of the configuration file at the root of a site.
pub const CONFIG_FILE: &str = "congkhai.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    authority: String,
    base_url: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    hotlines: Vec<Hotline>,
    #[serde(default)]
    urls: Option<Spanned<UrlScheme>>,
    #[serde(default)]
    qr: QrConfig,
    #[serde(default)]
    search: SearchConfig,
    #[serde(default)]
    open_data: OpenDataConfig,
    #[serde(default)]
    print: PrintConfig,
    #[serde(default)]
    deploy: DeployConfig,
}

/// Where the site is published, so the build can say when the output breaks its limits.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    #[serde(default)]
    pub host: Option<crate::deploy::Host>,
}

/// What is made for printing besides the HTML posters.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PrintConfig {
    /// Whether the build writes a print pack (one PDF) per office and per field under
    /// `/ap-phich/pdf/` (default true).
    #[serde(default = "yes")]
    pub pdf: bool,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig { pdf: true }
    }
}

/// How the catalogue is published as open data (`/du-lieu/`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OpenDataConfig {
    /// The licence's name, as shown on the "Dữ liệu mở" page.
    #[serde(default = "default_license")]
    pub license: String,
    /// The licence's text, an https address.
    #[serde(default = "default_license_url")]
    pub license_url: String,
    /// The day the data was last changed, when the province states it; by default the
    /// latest `updated` or change of a procedure up to the build's date.
    #[serde(default)]
    pub modified: Option<crate::date::Date>,
}

impl Default for OpenDataConfig {
    fn default() -> Self {
        OpenDataConfig {
            license: default_license(),
            license_url: default_license_url(),
            modified: None,
        }
    }
}

fn default_license() -> String {
    "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)".to_string()
}

fn default_license_url() -> String {
    "https://creativecommons.org/licenses/by/4.0/".to_string()
}

/// How the search box understands what people type.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Words people use for what the catalogue calls otherwise ("sổ đỏ" for the land-use
    /// certificate), searched as the catalogue's words too. Added to the built-in ones.
    #[serde(default)]
    pub synonyms: Vec<Synonym>,
    /// Whether the built-in synonyms apply (default true).
    #[serde(default = "yes")]
    pub default_synonyms: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            synonyms: Vec::new(),
            default_synonyms: true,
        }
    }
}

fn yes() -> bool {
    true
}

/// "Any of these words means that": `{ words = ["sổ đỏ", "sổ hồng"], means = "giấy chứng
/// nhận quyền sử dụng đất" }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    pub words: Vec<Spanned<String>>,
    pub means: Spanned<String>,
}

/// How QR codes are made.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QrConfig {
    /// L, M (default), Q or H. Higher levels survive more damage but need bigger codes.
    #[serde(default)]
    pub error_correction: crate::qr::ErrorCorrection,
    /// Codes above this version get a warning: too dense to scan well from a poster.
    #[serde(default = "default_max_version")]
    pub max_version: u8,
}

fn default_max_version() -> u8 {
    4
}

impl Default for QrConfig {
    fn default() -> Self {
        QrConfig {
            error_correction: crate::qr::ErrorCorrection::default(),
            max_version: default_max_version(),
        }
    }
}

fn default_language() -> String {
    "vi".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

/// A phone line shown in every page footer.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hotline {
    pub label: String,
    pub number: String,
}

/// The first path segment of each kind of permanent page. They are printed inside QR codes,
/// so they must stay short, ASCII and unchanged once published.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct UrlScheme {
    pub procedure: String,
    pub field: String,
    pub level: String,
    pub agency: String,
    pub office: String,
    pub forms: String,
}

impl Default for UrlScheme {
    fn default() -> Self {
        UrlScheme {
            procedure: "tthc".into(),
            field: "linh-vuc".into(),
            level: "cap".into(),
            agency: "co-quan".into(),
            office: "noi-tiep-nhan".into(),
            forms: "bieu-mau".into(),
        }
    }
}

impl UrlScheme {
    pub fn prefixes(&self) -> [(&'static str, &str); 6] {
        [
            ("procedure", &self.procedure),
            ("field", &self.field),
            ("level", &self.level),
            ("agency", &self.agency),
            ("office", &self.office),
            ("forms", &self.forms),
        ]
    }
}

/// Where the site is published: `https://host[:port]` and a path that starts and ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseUrl {
    pub origin: String,
    pub path: String,
}

impl BaseUrl {
    /// Parses an absolute http(s) URL without query or fragment.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let (scheme, rest) = text.split_once("://").ok_or_else(|| {
            format!("`{text}` is not an absolute URL like https://tthc.example.gov.vn/")
        })?;
        if scheme != "https" && scheme != "http" {
            return Err(format!("`{text}` must start with https://"));
        }
        if !text.is_ascii() || text.contains(['?', '#', ' ']) {
            return Err(format!(
                "`{text}` must be plain ASCII without spaces, query or fragment (it is printed in QR codes)"
            ));
        }
        crate::weburl::check(text)?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        crate::weburl::check_host(host).map_err(|m| format!("`{text}`: {m}"))?;
        // The path becomes part of every link: only URL-safe words between single slashes,
        // so `//` (another host) or `..` can never enter a page.
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let plain = |s: &str| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
        };
        if !path.is_empty() && !segments.iter().all(|s| plain(s)) {
            return Err(format!(
                "`{text}`: the path may only hold letters, digits, `-`, `.`, `_` and `~` between single slashes"
            ));
        }
        let path = path.trim_end_matches('/');
        let path = if path.is_empty() {
            "/".to_string()
        } else {
            format!("/{path}/")
        };
        Ok(BaseUrl {
            origin: format!("{scheme}://{}", host.to_ascii_lowercase()),
            path,
        })
    }

    pub fn is_https(&self) -> bool {
        self.origin.starts_with("https://")
    }
}

/// The validated site configuration.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub authority: String,
    pub base_url: BaseUrl,
    pub description: Option<String>,
    pub language: String,
    pub theme: String,
    pub hotlines: Vec<Hotline>,
    pub urls: UrlScheme,
    pub qr: QrConfig,
    pub search: SearchConfig,
    pub open_data: OpenDataConfig,
    pub print: PrintConfig,
    pub deploy: DeployConfig,
}

/// Reads and checks `congkhai.toml`; `None` when it cannot be used (the problems are in
/// `diags`).
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        diags.error(
            crate::diagnostic::Location::file(path.display().to_string()),
            format!(
                "no {CONFIG_FILE} here: is `{}` the root of a congkhai site?",
                root.display()
            ),
        );
        return None;
    }
    let file = source::read(root, &path, diags)?;
    let raw: RawConfig = source::parse_toml(&file, 0, &file.text, diags)?;
    check(raw, &file, diags)
}

fn check(raw: RawConfig, file: &SourceFile, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let errors_before = diags.error_count();
    let base_url = match BaseUrl::parse(raw.base_url.get_ref()) {
        Ok(url) => {
            if !url.is_https() {
                diags.warning(
                    file.location(raw.base_url.span().start),
                    "base_url uses http://; printed QR codes should point to an https:// address",
                );
            }
            Some(url)
        }
        Err(message) => {
            diags.error(file.location(raw.base_url.span().start), message);
            None
        }
    };
    let (urls_at, urls) = match raw.urls {
        Some(spanned) => (file.location(spanned.span().start), spanned.into_inner()),
        None => (file.whole(), UrlScheme::default()),
    };
    let mut seen = Vec::new();
    for (name, prefix) in urls.prefixes() {
        if !crate::catalog::is_valid_key(prefix) {
            diags.error(
                urls_at.clone(),
                format!("urls.{name} = \"{prefix}\" must be lower-case ASCII letters, digits and single hyphens"),
            );
        } else if seen.contains(&prefix) {
            diags.error(
                urls_at.clone(),
                format!("urls.{name} = \"{prefix}\" is used twice; each kind of page needs its own prefix"),
            );
        }
        seen.push(prefix);
    }
    if !crate::catalog::is_valid_key(&raw.theme) {
        diags.error(
            file.whole(),
            format!(
                "theme = \"{}\" must be a folder name under themes/",
                raw.theme
            ),
        );
    }
    if let Err(message) = crate::weburl::check(&raw.open_data.license_url) {
        diags.error(
            file.location(0),
            format!("open_data.license_url: {message}"),
        );
    }
    for synonym in &raw.search.synonyms {
        for text in synonym.words.iter().chain([&synonym.means]) {
            if crate::vi::fold(text.get_ref())
                .split_whitespace()
                .next()
                .is_none()
            {
                diags.error(
                    file.location(text.span().start),
                    "search.synonyms: a word or meaning is empty",
                );
            }
        }
        if synonym.words.is_empty() {
            diags.error(
                file.location(synonym.means.span().start),
                "search.synonyms: `words` lists no word for this meaning",
            );
        }
    }
    if diags.error_count() > errors_before {
        return None;
    }
    Some(SiteConfig {
        title: raw.title,
        authority: raw.authority,
        base_url: base_url?,
        description: raw.description,
        language: raw.language,
        theme: raw.theme,
        hotlines: raw.hotlines,
        urls,
        qr: raw.qr,
        search: raw.search,
        open_data: raw.open_data,
        print: raw.print,
        deploy: raw.deploy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_origin_and_path() {
        let u = BaseUrl::parse("https://TTHC.camau.gov.vn").unwrap();
        assert_eq!(
            (u.origin.as_str(), u.path.as_str()),
            ("https://tthc.camau.gov.vn", "/")
        );
        let u = BaseUrl::parse("https://camau.gov.vn/cong-khai").unwrap();
        assert_eq!(u.path, "/cong-khai/");
    }

    #[test]
    fn base_url_rejects_relative_and_non_ascii() {
        assert!(BaseUrl::parse("tthc.camau.gov.vn").is_err());
        assert!(BaseUrl::parse("ftp://x/").is_err());
        for bad in [
            "https://a.vn//evil.example/",
            "https://a.vn/x\"y/",
            "https://a.vn/<x>/",
            "https://a.vn/x\nDisallow: /",
            "https://user:pw@a.vn/",
            "https://a.vn/../x/",
            "https:///x/",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
        assert!(BaseUrl::parse("https://cà-mau.vn/").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
    }
}
