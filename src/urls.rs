//! The URL scheme: where each kind of page lives in the output, and how links to it are
//! written. Routes are site-relative (`tthc/1.001193/`); links add the base path; permanent
//! (QR) addresses add the origin too.

use crate::config::{BaseUrl, UrlScheme};

/// First path segments the generator uses itself, besides the configurable prefixes.
/// Free-standing pages cannot take these names.
pub const RESERVED: &[&str] = &[
    "static", "tim-kiem", "thong-ke", "ap-phich", "404", "du-lieu", "thay-doi",
];

#[derive(Debug, Clone, serde::Serialize)]
pub struct Urls {
    scheme: UrlScheme,
    base: BaseUrl,
}

impl Urls {
    pub fn new(scheme: UrlScheme, base: BaseUrl) -> Self {
        Urls { scheme, base }
    }

    pub fn procedure(&self, code: &str) -> String {
        format!("{}/{code}/", self.scheme.procedure)
    }

    pub fn procedures(&self) -> String {
        format!("{}/", self.scheme.procedure)
    }

    /// One page of the procedures whose name starts with a letter: `tthc/chu-c/`, then
    /// `tthc/chu-c/trang-2/` (`page` counts from 1).
    pub fn letter(&self, key: &str, page: usize) -> String {
        paged(format!("{}/chu-{key}/", self.scheme.procedure), page)
    }

    pub fn field(&self, key: &str) -> String {
        format!("{}/{key}/", self.scheme.field)
    }

    pub fn fields(&self) -> String {
        format!("{}/", self.scheme.field)
    }

    pub fn level(&self, key: &str) -> String {
        format!("{}/{key}/", self.scheme.level)
    }

    pub fn levels(&self) -> String {
        format!("{}/", self.scheme.level)
    }

    pub fn agency(&self, key: &str) -> String {
        format!("{}/{key}/", self.scheme.agency)
    }

    pub fn agencies(&self) -> String {
        format!("{}/", self.scheme.agency)
    }

    pub fn office(&self, key: &str) -> String {
        format!("{}/{key}/", self.scheme.office)
    }

    pub fn offices(&self) -> String {
        format!("{}/", self.scheme.office)
    }

    pub fn form(&self, name: &str) -> String {
        format!("{}/{name}", self.scheme.forms)
    }

    pub fn page(&self, slug: &str) -> String {
        format!("{slug}/")
    }

    /// The search page (works without JavaScript as an A–Z list).
    pub fn search(&self) -> String {
        "tim-kiem/".to_string()
    }

    /// The search index, fetched when someone starts typing.
    pub fn search_index(&self) -> String {
        "tim-kiem/chi-muc.json".to_string()
    }

    /// Statistics: the overview.
    pub fn statistics(&self) -> String {
        "thong-ke/".to_string()
    }

    /// One reporting period's page.
    pub fn statistics_period(&self, id: &str) -> String {
        format!("thong-ke/{id}/")
    }

    /// Every indicator across periods.
    pub fn statistics_trend(&self) -> String {
        "thong-ke/xu-huong/".to_string()
    }

    /// External indices (PAR INDEX, SIPAS…) by year.
    pub fn statistics_indices(&self) -> String {
        "thong-ke/chi-so/".to_string()
    }

    /// One scope over time: `thong-ke/toan-tinh/`, `thong-ke/cap/tinh/`, …
    pub fn statistics_scope(&self, kind: &str, key: &str) -> String {
        let prefix = match kind {
            "level" => &self.scheme.level,
            "agency" => &self.scheme.agency,
            "field" => &self.scheme.field,
            "office" => &self.scheme.office,
            _ => return "thong-ke/toan-tinh/".to_string(),
        };
        format!("thong-ke/{prefix}/{key}/")
    }

    /// Open data: a period's counts and rates (`period` None: every period).
    pub fn statistics_data(&self, period: Option<&str>, extension: &str) -> String {
        match period {
            Some(id) => format!("thong-ke/{id}/so-lieu.{extension}"),
            None => format!("thong-ke/so-lieu.{extension}"),
        }
    }

    /// Period file names that would clash with the statistics pages' own addresses.
    pub fn is_reserved_period(&self, id: &str) -> bool {
        ["xu-huong", "chi-so", "toan-tinh", "so-lieu"].contains(&id)
            || self.scheme.prefixes().iter().any(|(_, p)| *p == id)
    }

    /// The "Dữ liệu mở" page: every download and its schema.
    pub fn open_data(&self) -> String {
        "du-lieu/".to_string()
    }

    /// One open-data file (`thu-tuc.json`, `dcat-ap.jsonld`, …).
    pub fn open_data_file(&self, name: &str) -> String {
        format!("du-lieu/{name}")
    }

    /// Recent changes to the catalogue, as a page.
    pub fn changes(&self) -> String {
        "thay-doi/".to_string()
    }

    /// The Atom feed of a listing (`route` ""/a field's/an office's route) or of the site.
    pub fn feed(&self, route: &str) -> String {
        if route.is_empty() {
            "thay-doi/atom.xml".to_string()
        } else {
            format!("{route}atom.xml")
        }
    }

    /// The index of everything a clerk can print.
    pub fn posters(&self) -> String {
        "ap-phich/".to_string()
    }

    /// The A4 poster of a printable page (`route` is the page's own route).
    pub fn poster(&self, route: &str) -> String {
        format!("ap-phich/{route}")
    }

    /// The sheets of QR labels of a field or office page, in parts of a few sheets
    /// (`part` counts from 1).
    pub fn labels(&self, route: &str, part: usize) -> String {
        paged(format!("ap-phich/nhan/{route}"), part)
    }

    /// The print pack (one PDF) of a field or office page: `ap-phich/pdf/linh-vuc/ho-tich.pdf`,
    /// a file that keeps a meaningful name when downloaded.
    pub fn print_pack(&self, route: &str) -> String {
        format!("ap-phich/pdf/{}.pdf", route.trim_end_matches('/'))
    }

    /// The list of a field's or office's procedure posters.
    pub fn poster_list(&self, route: &str) -> String {
        format!("ap-phich/danh-sach/{route}")
    }

    /// The standalone QR code of a page, next to it.
    pub fn qr_file(&self, route: &str) -> String {
        format!("{route}qr.svg")
    }

    pub fn theme_static(&self, name: &str) -> String {
        format!("static/{name}")
    }

    /// A link usable from any page of the site, wherever it is deployed: `/tthc/1.001193/`,
    /// or `/cong-khai/tthc/1.001193/` under a sub-path.
    pub fn href(&self, route: &str) -> String {
        format!("{}{route}", self.base.path)
    }

    /// The full permanent address, as printed and put in QR codes.
    pub fn absolute(&self, route: &str) -> String {
        format!("{}{}{route}", self.base.origin, self.base.path)
    }

    pub fn base_path(&self) -> &str {
        &self.base.path
    }

    /// Whether `segment` is taken by a kind of generated page.
    pub fn is_reserved(&self, segment: &str) -> bool {
        RESERVED.contains(&segment) || self.scheme.prefixes().iter().any(|(_, p)| *p == segment)
    }
}

/// Page `page` (from 1) of a listing at `route`: the first is the route itself.
fn paged(route: String, page: usize) -> String {
    if page <= 1 {
        route
    } else {
        format!("{route}trang-{page}/")
    }
}

impl Urls {
    /// Page `page` (from 1) of the listing at `route`: `linh-vuc/ho-tich/trang-2/`.
    pub fn paged(&self, route: &str, page: usize) -> String {
        paged(route.to_string(), page)
    }
}

/// The output file of a route: directories get an `index.html`.
pub fn output_file(route: &str) -> String {
    if route.is_empty() || route.ends_with('/') {
        format!("{route}index.html")
    } else {
        route.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> Urls {
        Urls::new(UrlScheme::default(), BaseUrl::parse(base).unwrap())
    }

    #[test]
    fn links_and_permanent_addresses() {
        let u = urls("https://tthc.camau.gov.vn/");
        let route = u.procedure("1.001193");
        assert_eq!(u.href(&route), "/tthc/1.001193/");
        assert_eq!(
            u.absolute(&route),
            "https://tthc.camau.gov.vn/tthc/1.001193/"
        );
        let u = urls("https://camau.gov.vn/cong-khai/");
        assert_eq!(u.href(&u.field("ho-tich")), "/cong-khai/linh-vuc/ho-tich/");
    }

    #[test]
    fn printed_material_has_its_own_addresses() {
        let u = urls("https://tthc.camau.gov.vn/");
        let field = u.field("ho-tich");
        assert_eq!(
            u.poster(&u.procedure("1.001193")),
            "ap-phich/tthc/1.001193/"
        );
        assert_eq!(u.labels(&field, 1), "ap-phich/nhan/linh-vuc/ho-tich/");
        assert_eq!(
            u.labels(&field, 2),
            "ap-phich/nhan/linh-vuc/ho-tich/trang-2/"
        );
        assert_eq!(u.letter("dd", 1), "tthc/chu-dd/");
        assert_eq!(u.qr_file(&field), "linh-vuc/ho-tich/qr.svg");
    }

    #[test]
    fn directories_get_index_files() {
        assert_eq!(output_file(""), "index.html");
        assert_eq!(output_file("tthc/1.001193/"), "tthc/1.001193/index.html");
        assert_eq!(output_file("404.html"), "404.html");
    }
}
