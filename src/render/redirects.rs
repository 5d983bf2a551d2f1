//! Former addresses of renamed catalogue entries (`old_keys` of fields, agencies and
//! offices): a page at each that sends browsers on, and the same list for hosts that
//! redirect themselves (`_redirects` for Netlify and Cloudflare Pages, an nginx `map`).

use crate::catalog::Kind;
use crate::escape::escape_html;
use crate::model::Model;

/// One former key: the entry's kind, its position, the old key's position in `old_keys`.
pub type OldKey = (Kind, usize, usize);

/// Every former key of a field, agency or office.
pub fn old_keys(model: &Model) -> Vec<OldKey> {
    let c = &model.catalog;
    let entries = (c.fields.iter().map(|e| (Kind::Field, e.old_keys.len())))
        .enumerate()
        .chain(
            c.agencies
                .iter()
                .map(|e| (Kind::Agency, e.old_keys.len()))
                .enumerate(),
        )
        .chain(
            c.offices
                .iter()
                .map(|e| (Kind::Office, e.old_keys.len()))
                .enumerate(),
        );
    entries
        .flat_map(|(i, (kind, count))| (0..count).map(move |n| (kind, i, n)))
        .collect()
}

/// The former address of an old key and the address it leads to now.
pub fn redirect(model: &Model, (kind, i, n): OldKey) -> (String, String) {
    let u = &model.urls;
    let c = &model.catalog;
    match kind {
        Kind::Field => (u.field(&c.fields[i].old_keys[n]), u.field(&c.fields[i].key)),
        Kind::Agency => (
            u.agency(&c.agencies[i].old_keys[n]),
            u.agency(&c.agencies[i].key),
        ),
        _ => (
            u.office(&c.offices[i].old_keys[n]),
            u.office(&c.offices[i].key),
        ),
    }
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
    for key in old_keys(model) {
        let (old, new) = redirect(model, key);
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
    for key in old_keys(model) {
        let (old, new) = redirect(model, key);
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
