//! Checks the links of rendered pages: every internal `href` and `src` must lead to a file
//! of the site, and every `#anchor` to an element with that id — for links written in
//! content (reported where they were written) and for links the theme's templates make.

use crate::diagnostic::{Diagnostics, Location};
use crate::markdown::Link;
use crate::urls::output_file;
use std::collections::{BTreeMap, BTreeSet};

/// What a rendered page links to and which anchors it offers.
#[derive(Debug, Clone)]
pub struct PageLinks {
    pub file: String,
    pub ids: BTreeSet<String>,
    /// `href` and `src` values, as written in the HTML.
    pub links: Vec<String>,
}

impl PageLinks {
    pub fn of(file: &str, html: &str) -> PageLinks {
        PageLinks {
            file: file.to_string(),
            ids: attribute_values(html, "id")
                .into_iter()
                .map(unescape)
                .collect(),
            links: attribute_values(html, "href")
                .into_iter()
                .chain(attribute_values(html, "src"))
                .map(unescape)
                .collect(),
        }
    }
}

/// Values of `name="…"` attributes (the generator always quotes with `"`).
pub fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        // Only inside a tag: text that quotes markup (`&lt;a href="/x/"&gt;`, which body
        // text escapes without its quotes) holds no link.
        .filter(|&(i, _)| {
            let before = &html[..i];
            before
                .rfind('<')
                .is_some_and(|lt| before.rfind('>').is_none_or(|gt| gt < lt))
        })
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

fn unescape(value: &str) -> String {
    value
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Whether a link leaves the site or is not a page address at all.
pub fn is_external(link: &str) -> bool {
    ["https://", "http://", "mailto:", "tel:", "geo:", "data:"]
        .iter()
        .any(|scheme| link.starts_with(scheme))
}

/// The output file and anchor a link written on page `from` leads to; `None` when it
/// points outside the site's base path.
pub fn resolve(from: &str, link: &str, base_path: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string()).filter(|f| !f.is_empty())),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let route = if path.is_empty() {
        return Some((from.to_string(), fragment));
    } else if path.starts_with('/') {
        path.strip_prefix(base_path)?.to_string()
    } else {
        normalize(&format!(
            "{}{path}",
            &from[..from.rfind('/').map_or(0, |i| i + 1)]
        ))?
    };
    Some((output_file(&route), fragment))
}

/// `a/b/../c/./d/` → `a/c/d/`; None when `..` climbs above the site's root.
fn normalize(route: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = route.split('/').collect();
    let last = segments.len() - 1;
    for segment in &segments {
        match *segment {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            "" => {}
            s => parts.push(s),
        }
    }
    // A route ending in a folder keeps its slash: `""` after the last `/`.
    let mut out = parts.join("/");
    let folder = segments[last].is_empty() || matches!(segments[last], "." | "..");
    if folder && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Checks every page's links and anchors, and the anchors of links written in content.
/// `files` is every output file of the site.
pub fn check<'a>(
    pages: &[PageLinks],
    files: impl Fn(&str) -> bool,
    content_links: impl Iterator<Item = &'a Link>,
    base_path: &str,
    diags: &mut Diagnostics,
) {
    let ids: BTreeMap<&str, &BTreeSet<String>> =
        pages.iter().map(|p| (p.file.as_str(), &p.ids)).collect();
    let anchor_missing = |file: &str, fragment: &Option<String>| match (fragment, ids.get(file)) {
        (Some(id), Some(page_ids)) => !page_ids.contains(id),
        _ => false,
    };
    let content_links: Vec<&Link> = content_links.collect();
    // Links written in content are reported where they were written, not again below.
    let from_content: BTreeSet<String> = content_links
        .iter()
        .map(|l| match &l.fragment {
            Some(f) => format!("{base_path}{}#{f}", l.route),
            None => format!("{base_path}{}", l.route),
        })
        .collect();
    for link in &content_links {
        let Some(fragment) = &link.fragment else {
            continue;
        };
        let file = output_file(&link.route);
        if anchor_missing(&file, &Some(fragment.clone())) {
            diags.error(
                link.location.clone(),
                format!(
                    "link `{}`: the page /{} has no anchor `#{fragment}`",
                    link.written, link.route
                ),
            );
        }
    }
    // Template links: one message per broken target, naming one page that has it.
    let mut broken: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for page in pages {
        for link in &page.links {
            if is_external(link) || from_content.contains(link) {
                continue;
            }
            let problem = match resolve(&page.file, link, base_path) {
                None => Some(format!(
                    "`{link}` is outside the site's base path {base_path}"
                )),
                Some((file, _)) if !files(&file) => {
                    Some(format!("`{link}` leads to no page or file"))
                }
                Some((file, fragment)) if anchor_missing(&file, &fragment) => {
                    Some(format!("`{link}`: no such anchor on that page"))
                }
                _ => None,
            };
            if let Some(problem) = problem {
                let entry = broken.entry(problem).or_insert((page.file.clone(), 0));
                entry.1 += 1;
            }
        }
    }
    for (problem, (example, count)) in broken {
        let pages = if count > 1 {
            format!(" (and {} more links)", count - 1)
        } else {
            String::new()
        };
        diags.error(
            Location::file(format!("(built page) {example}")),
            format!("{problem}{pages}; the link comes from a template"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_to_files_and_anchors() {
        assert_eq!(
            resolve("tthc/1.000001/index.html", "/tthc/#lv-1", "/"),
            Some(("tthc/index.html".into(), Some("lv-1".into())))
        );
        assert_eq!(
            resolve("tthc/1.000001/index.html", "qr.svg", "/"),
            Some(("tthc/1.000001/qr.svg".into(), None))
        );
        assert_eq!(resolve("index.html", "/khac/", "/cong-khai/"), None);
        assert_eq!(
            resolve("index.html", "/cong-khai/tthc/", "/cong-khai/"),
            Some(("tthc/index.html".into(), None))
        );
    }

    #[test]
    fn ids_and_links_are_read_from_html() {
        let p = PageLinks::of(
            "a.html",
            r#"<h2 id="ho-so">x</h2><a href="/b/?q=1&amp;x=2">b</a><img src="c.svg">"#,
        );
        assert!(p.ids.contains("ho-so"));
        assert_eq!(p.links, ["/b/?q=1&x=2", "c.svg"]);
    }

    #[test]
    fn a_missing_anchor_in_a_template_link_is_reported() {
        let pages = vec![
            PageLinks::of(
                "index.html",
                r#"<a href="/b/#nowhere">x</a><a href="/c/">y</a>"#,
            ),
            PageLinks::of("b/index.html", r#"<p id="here">"#),
        ];
        let mut d = Diagnostics::new();
        check(
            &pages,
            |f| f != "c/index.html",
            std::iter::empty(),
            "/",
            &mut d,
        );
        assert_eq!(d.error_count(), 2, "{:?}", d.sorted());
    }

    #[test]
    fn relative_links_climb_folders_but_not_above_the_root() {
        let file = |link| resolve("ap-phich/tthc/1.001193/index.html", link, "/").map(|r| r.0);
        assert_eq!(
            file("../../../static/poster.css").as_deref(),
            Some("static/poster.css")
        );
        assert_eq!(
            file("../../../ap-phich/").as_deref(),
            Some("ap-phich/index.html")
        );
        assert_eq!(
            file("./qr.svg").as_deref(),
            Some("ap-phich/tthc/1.001193/qr.svg")
        );
        assert_eq!(file("../../../../x"), None);
    }
}
