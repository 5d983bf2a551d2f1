//! Markdown to HTML for content text, made safe for publication: raw HTML is shown as text,
//! links may only use web, mail and phone schemes, headings are pushed one level down (the
//! page title is the only `<h1>`), and every link is returned with where it was written so
//! internal ones can be checked once all routes are known.

use crate::diagnostic::{Diagnostics, Location};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Rendered HTML and the links it contains.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    pub html: String,
    /// The words without markup, for search (dropped where nothing reads it).
    pub text: String,
    pub links: Vec<Link>,
}

/// A link or image source written in content, already resolved to a site route when
/// internal.
#[derive(Debug, Clone)]
pub struct Link {
    /// The route it points to (`tthc/1.001193/`, `bieu-mau/a.pdf`) and an optional anchor.
    pub route: String,
    pub fragment: Option<String>,
    pub written: String,
    pub location: Location,
}

/// Where the Markdown text came from, to turn offsets into file locations.
pub trait Origin {
    /// The location of the byte `offset` of the Markdown text, where `needle` was written.
    fn locate(&self, offset: usize, needle: &str) -> Location;
}

/// The most Markdown one text may hold: pages are read on phones, and a huge table would
/// take gigabytes to render.
const MAX_TEXT: usize = 256 * 1024;

/// Renders `text`. `page_route` is the route of the page it appears on (for relative links)
/// and `base_path` the site's base path, prepended to root-relative links.
pub fn render(
    text: &str,
    origin: &dyn Origin,
    page_route: &str,
    base_path: &str,
    diags: &mut Diagnostics,
) -> Markdown {
    let mut links = Vec::new();
    if text.len() > MAX_TEXT {
        diags.error(
            origin.locate(0, ""),
            format!(
                "this text is {} KiB of Markdown, above the {} KiB a page may hold; split it or link to a document",
                text.len() / 1024,
                MAX_TEXT / 1024
            ),
        );
        return Markdown::default();
    }
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event> = Parser::new_ext(text, options)
        .into_offset_iter()
        .map(|(event, range)| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let kind = if link_type == pulldown_cmark::LinkType::Email {
                    Destination::Email
                } else {
                    Destination::Link
                };
                let dest_url = check_destination(
                    kind,
                    dest_url,
                    origin.locate(range.start, text_slice(text, &range)),
                    page_route,
                    base_path,
                    &mut links,
                    diags,
                );
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = check_destination(
                    Destination::Image,
                    dest_url,
                    origin.locate(range.start, text_slice(text, &range)),
                    page_route,
                    base_path,
                    &mut links,
                    diags,
                );
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        })
        .collect();
    let mut plain = String::with_capacity(text.len());
    for event in &events {
        match event {
            Event::Text(t) | Event::Code(t) => plain.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => plain.push(' '),
            _ => {}
        }
    }
    let mut html_out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    // Held for every procedure of the catalogue until the pages are written: no slack.
    html_out.shrink_to_fit();
    plain.shrink_to_fit();
    Markdown {
        html: html_out,
        text: plain,
        links,
    }
}

fn text_slice<'a>(text: &'a str, range: &std::ops::Range<usize>) -> &'a str {
    text.get(range.clone()).unwrap_or("")
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Allows external web, mail and phone links; resolves internal ones to routes (recorded in
/// `links`) and rewrites root-relative ones under the base path. Anything else (javascript:,
/// data:, file:…) is an error and the link is neutralised.
/// What a destination is written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Destination {
    Link,
    /// `<tuphap@camau.gov.vn>`: pulldown-cmark adds the `mailto:`.
    Email,
    /// An image is loaded by every reader's browser: only files of the site.
    Image,
}

fn check_destination<'a>(
    kind: Destination,
    dest: CowStr<'a>,
    location: Location,
    page_route: &str,
    base_path: &str,
    links: &mut Vec<Link>,
    diags: &mut Diagnostics,
) -> CowStr<'a> {
    let trimmed = dest.trim();
    if kind == Destination::Email {
        return dest;
    }
    if let Some(scheme) = scheme_of(trimmed) {
        if kind == Destination::Image {
            diags.error(
                location,
                format!("image `{trimmed}` is on another site: every reader's browser would contact it; put the image in static/ and link it from there"),
            );
            return CowStr::Borrowed("#");
        }
        if matches!(scheme.as_str(), "http" | "https") {
            if let Err(message) = crate::weburl::check(trimmed) {
                diags.error(location, format!("link: {message}"));
                return CowStr::Borrowed("#");
            }
            return dest;
        }
        if matches!(scheme.as_str(), "mailto" | "tel") {
            return dest;
        }
        diags.error(
            location,
            format!("link `{trimmed}` uses the `{scheme}:` scheme; only https, http, mailto and tel links are published"),
        );
        return CowStr::Borrowed("#");
    }
    if trimmed.starts_with("//") {
        diags.error(
            location,
            format!("link `{trimmed}` has no scheme; write https://… for external sites"),
        );
        return CowStr::Borrowed("#");
    }
    let (path, fragment) = match trimmed.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (trimmed, None),
    };
    if path.is_empty() {
        // An anchor on the same page.
        return dest;
    }
    let route = match path.strip_prefix('/') {
        Some(rooted) => normalise(rooted),
        None => normalise(&format!("{}{path}", directory_of(page_route))),
    };
    let Some(route) = route else {
        diags.error(location, format!("link `{trimmed}` leaves the site"));
        return CowStr::Borrowed("#");
    };
    let href = match &fragment {
        Some(f) => format!("{base_path}{route}#{f}"),
        None => format!("{base_path}{route}"),
    };
    links.push(Link {
        route,
        fragment,
        written: trimmed.to_string(),
        location,
    });
    CowStr::from(href)
}

fn scheme_of(dest: &str) -> Option<String> {
    let colon = dest.find(':')?;
    let candidate = &dest[..colon];
    let is_scheme = !candidate.is_empty()
        && candidate.starts_with(|c: char| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A colon after a `/`, `?` or `#` is part of a path, not a scheme.
    is_scheme.then(|| candidate.to_ascii_lowercase())
}

fn directory_of(route: &str) -> &str {
    match route.rfind('/') {
        Some(i) => &route[..=i],
        None => "",
    }
}

/// Resolves `.` and `..` segments; `None` if the path climbs above the site root. Keeps a
/// trailing slash and drops a query string (static sites ignore it).
fn normalise(path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or("");
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut route = parts.join("/");
    let ends_as_dir = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    if ends_as_dir && !route.is_empty() {
        route.push('/');
    }
    Some(route)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Here;
    impl Origin for Here {
        fn locate(&self, offset: usize, _needle: &str) -> Location {
            Location {
                file: "x.md".into(),
                line: Some(1),
                column: Some(offset + 1),
            }
        }
    }

    fn md(text: &str) -> (Markdown, Diagnostics) {
        let mut d = Diagnostics::new();
        let m = render(text, &Here, "tthc/1.001193/", "/", &mut d);
        (m, d)
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let (m, d) = md("Hi <script>alert(1)</script>\n\n<div onclick=x>y</div>\n");
        assert!(!m.html.contains("<script"), "{}", m.html);
        assert!(m.html.contains("&lt;script&gt;"), "{}", m.html);
        assert!(!m.html.contains("<div"), "{}", m.html);
        assert!(d.is_empty());
    }

    #[test]
    fn dangerous_schemes_are_errors_and_neutralised() {
        let (m, d) = md("[x](javascript:alert(1)) ![i](data:image/png;base64,xx)");
        assert!(!m.html.contains("javascript"), "{}", m.html);
        assert_eq!(d.error_count(), 2);
    }

    #[test]
    fn internal_links_resolve_to_routes() {
        let (m, d) = md("[a](/tthc/1.000656/#ho-so) [b](../1.000689/) [c](https://x.vn)");
        assert!(d.is_empty());
        let routes: Vec<&str> = m.links.iter().map(|l| l.route.as_str()).collect();
        assert_eq!(routes, ["tthc/1.000656/", "tthc/1.000689/"]);
        assert_eq!(m.links[0].fragment.as_deref(), Some("ho-so"));
        assert!(m.html.contains("href=\"/tthc/1.000656/#ho-so\""));
        assert!(m.html.contains("href=\"/tthc/1.000689/\""));
    }

    #[test]
    fn links_cannot_climb_out_of_the_site() {
        let (_, d) = md("[x](../../../../etc/passwd)");
        assert_eq!(d.error_count(), 1);
    }

    #[test]
    fn headings_are_demoted() {
        let (m, _) = md("# Tiêu đề\n");
        assert!(m.html.contains("<h2>Tiêu đề</h2>"), "{}", m.html);
    }
}
