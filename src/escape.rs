//! Escaping text for HTML and XML, the one way every writer of markup does it: templates
//! (as Tera's escape function), QR drawings, feeds and redirect pages.

/// Escapes what HTML text and quoted attributes need. Tera's default also escapes `/`,
/// which only makes every URL longer.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
