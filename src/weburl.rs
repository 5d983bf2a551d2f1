//! One policy for every web address a site publishes from its files: an agency's website,
//! a statistics period's source, a procedure's online link and source record, the site's
//! own `base_url`. Only absolute `https://` or `http://` addresses with a plain host, no
//! credentials, and none of the characters that could end an HTML attribute or a line —
//! so a `javascript:` link or an injected attribute can never be published.

/// Longest address accepted; real ones are far shorter.
const MAX_LEN: usize = 2048;

/// Checks an address for a link to another site. The message says what is wrong.
pub fn check(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            format!(
                "`{}` is not an absolute https:// (or http://) address",
                crate::diagnostic::excerpt(url)
            )
        })?;
    if url.len() > MAX_LEN {
        return Err(format!("the address is longer than {MAX_LEN} characters"));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`{}|^".contains(*c))
    {
        return Err(format!(
            "`{}` contains {}; write it percent-encoded or remove it",
            crate::diagnostic::excerpt(url),
            describe(c)
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(format!(
            "`{}` carries a user name or password before the host; publish the address without them",
            crate::diagnostic::excerpt(url)
        ));
    }
    check_host(authority).map_err(|m| format!("`{}`: {m}", crate::diagnostic::excerpt(url)))
}

/// A host name (`tthc.camau.gov.vn`), optionally with a port.
pub fn check_host(authority: &str) -> Result<(), String> {
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if host.is_empty() {
        return Err("there is no host name".into());
    }
    let valid = host.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    if !valid {
        return Err(format!(
            "`{host}` is not a host name like tthc.camau.gov.vn"
        ));
    }
    if let Some(port) = port
        && (port.is_empty() || port.len() > 5 || !port.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(format!("`{port}` is not a port number"));
    }
    Ok(())
}

fn describe(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\n' | '\r' => "a line break".into(),
        c if c.is_control() || c.is_whitespace() => {
            format!("the control character U+{:04X}", c as u32)
        }
        c => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_web_addresses_pass() {
        for good in [
            "https://tuphap.camau.gov.vn/",
            "http://camau.gov.vn/thu-tuc?ma=1.001193#a",
            "https://dichvucong.gov.vn:8443/p/home",
            "https://vi.wikipedia.org/wiki/Cà_Mau",
        ] {
            assert!(check(good).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " https://a.vn/",
            "data:text/html,<script>",
            "https:///path",
            "https://user:pass@a.vn/",
            "https://a.vn/\"onmouseover=\"alert(1)",
            "https://a.vn/<script>",
            "https://a.vn/\nx",
            "//evil.example/",
            "https://-a.vn/",
            "https://a..vn/",
            "https://a.vn:80x/",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
