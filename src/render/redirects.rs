//! Former addresses of renamed catalogue entries (`old_keys` of fields, agencies and
//! offices): a page at each that sends browsers on, and the same list for hosts that
//! redirect themselves (`_redirects` for Netlify and Cloudflare Pages, an nginx `map`).

use crate::catalog::Kind;
use crate::model::Model;
use crate::theme::escape_html;

/// A catalogue entry's former address and where it leads now: kind, position, old key's
/// position, old route, new route.
pub type Redirect = (Kind, usize, usize, String, String);

pub fn redirect(model: &Model, kind: Kind, i: usize, n: usize) -> Redirect {
    let u = &model.urls;
    let c = &model.catalog;
    let (old, new) = match kind {
        Kind::Field => (u.field(&c.fields[i].old_keys[n]), u.field(&c.fields[i].key)),
        Kind::Agency => (
            u.agency(&c.agencies[i].old_keys[n]),
            u.agency(&c.agencies[i].key),
        ),
        _ => (
            u.office(&c.offices[i].old_keys[n]),
            u.office(&c.offices[i].key),
        ),
    };
    (kind, i, n, old, new)
}

/// Every former address of a field, agency or office.
pub fn redirects(model: &Model) -> Vec<Redirect> {
    let c = &model.catalog;
    let olds = (c
        .fields
        .iter()
        .map(|e| (Kind::Field, &e.old_keys))
        .enumerate())
    .chain(
        c.agencies
            .iter()
            .map(|e| (Kind::Agency, &e.old_keys))
            .enumerate(),
    )
    .chain(
        c.offices
            .iter()
            .map(|e| (Kind::Office, &e.old_keys))
            .enumerate(),
    );
    let mut all = Vec::new();
    for (i, (kind, keys)) in olds {
        for n in 0..keys.len() {
            all.push(redirect(model, kind, i, n));
        }
    }
    all
}

/// The page left at a former address: sends browsers on at once, and says where to.
pub fn redirect_page(model: &Model, to: &str) -> String {
    let u = &model.urls;
    let href = escape_html(&u.href(to));
    let canonical = escape_html(&u.absolute(to));
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Trang đã chuyển địa chỉ</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p>Trang này đã chuyển đến <a href=\"{href}\">{canonical}</a>.</p>\n</body>\n</html>\n",
        escape_html(&model.config.language)
    )
}

/// `_redirects`: each former folder, and everything under it, moved for good (301).
pub fn host_redirects(model: &Model) -> String {
    let u = &model.urls;
    let mut text =
        String::from("# Former addresses of fields, agencies and offices (made by congkhai).\n");
    for (_, _, _, old, new) in redirects(model) {
        text.push_str(&format!("{} {} 301\n", u.href(&old), u.href(&new)));
        text.push_str(&format!("{}* {}:splat 301\n", u.href(&old), u.href(&new)));
    }
    text
}

/// An nginx `map` from former addresses to current ones, for
/// `map $uri $congkhai_redirect { include _nginx-redirects.map; }` and
/// `if ($congkhai_redirect) { return 301 $congkhai_redirect; }`.
pub fn nginx_redirects(model: &Model) -> String {
    let u = &model.urls;
    let mut text =
        String::from("# Former addresses of fields, agencies and offices (made by congkhai).\n");
    for (_, _, _, old, new) in redirects(model) {
        let (old, new) = (u.href(&old), u.href(&new));
        text.push_str(&format!("{old} {new};\n"));
        text.push_str(&format!("~^{}(.*)$ {new}$1;\n", regex_escape(&old)));
    }
    text
}

/// `text` matched literally in a PCRE pattern.
fn regex_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if ".^$*+?()[]{}|\\".contains(ch) {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped
}
