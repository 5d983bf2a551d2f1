//! Messages for people, in Vietnamese or English, from a message catalogue (Fluent:
//! `vi.ftl` and `en.ftl` beside this file, built into the binary).
//!
//! Why Fluent: it is the Rust ecosystem's message format (Mozilla's, with `fluent-bundle`),
//! translators edit plain text files, and a message's grammar (English plurals, Vietnamese
//! classifiers for a key's kind) stays in the catalogue rather than in code.
//!
//! The code's diagnostics are written in English, which stays their canonical form (`check
//! --format json` and the tests read it). [`diagnostic`] shows one in the chosen language:
//! `en.ftl` holds each message as the code writes it, with `{ $name }` where a value goes;
//! a message that matches one is given again from `vi.ftl` with the same values. Command
//! summaries and help are asked for by id ([`text`]).
//!
//! The language: `--lang`, else `CONGKHAI_LANG`, else English when `LC_ALL`, `LC_MESSAGES`
//! or `LANG` starts with `en`, else Vietnamese (what the binary uses). The library alone
//! speaks English until told otherwise ([`set`]).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

const EN: &str = include_str!("en.ftl");
const VI: &str = include_str!("vi.ftl");

/// A language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// `vi`, `en`, or a locale such as `en_US.UTF-8` or `vi-VN`.
    pub fn parse(text: &str) -> Option<Lang> {
        let text = text.trim().to_ascii_lowercase();
        if text.starts_with("vi") {
            Some(Lang::Vi)
        } else if text.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// From the environment: `CONGKHAI_LANG`, else English when the locale is English,
    /// else Vietnamese.
    pub fn from_env() -> Lang {
        if let Some(lang) = std::env::var("CONGKHAI_LANG")
            .ok()
            .and_then(|v| Lang::parse(&v))
        {
            return lang;
        }
        // The first locale variable that is set decides, as for any program.
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|v| !v.is_empty());
        match locale.as_deref().and_then(Lang::parse) {
            Some(Lang::En) => Lang::En,
            _ => Lang::Vi,
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(1);

/// Messages from now on are in `lang`.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn current() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == Lang::Vi as u8 {
        Lang::Vi
    } else {
        Lang::En
    }
}

fn bundle(source: &'static str, locale: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, errors)| panic!("{locale}.ftl: {errors:?}"));
    let lang: unic_langid::LanguageIdentifier = locale.parse().expect("a language id");
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Terminals show the isolation marks Fluent puts around values as odd characters.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("{locale}.ftl: {errors:?}"));
    bundle
}

static BUNDLES: LazyLock<[FluentBundle<FluentResource>; 2]> =
    LazyLock::new(|| [bundle(VI, "vi"), bundle(EN, "en")]);

/// A value for a message.
pub enum Arg<'a> {
    Text(&'a str),
    Number(usize),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Number(n)
    }
}

/// Message `id` in `lang` with `args`; `None` when the catalogue lacks it.
fn format(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let bundle = &BUNDLES[lang as usize];
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(t) => fluent.set(*name, FluentValue::from(*t)),
            Arg::Number(n) => fluent.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent), &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// Message `id` in the current language, with `args`. An id missing from the catalogue
/// (a mistake the tests catch) shows as the id.
pub fn text(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(current(), id, args)
}

/// Message `id` in `lang` (see [`text`]).
pub fn text_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    format(lang, id, args)
        .or_else(|| format(Lang::En, id, args))
        .unwrap_or_else(|| id.to_string())
}

/// Message `id` in the current language, when the catalogue has it.
pub fn maybe(id: &str) -> Option<String> {
    format(current(), id, &[])
}

/// One English message of the catalogue as a pattern: its literal parts and the names of
/// the values between them (`a { $x } b` → ["a ", " b"], ["x"]).
struct Template {
    id: String,
    literals: Vec<String>,
    names: Vec<String>,
}

impl Template {
    /// The values of `message` when it is this template with values filled in. The first
    /// occurrence of each literal ends a value.
    fn values<'m>(&self, message: &'m str) -> Option<Vec<&'m str>> {
        let mut rest = message.strip_prefix(self.literals[0].as_str())?;
        let mut values = Vec::with_capacity(self.names.len());
        for (n, literal) in self.literals[1..].iter().enumerate() {
            let last = n + 2 == self.literals.len();
            let at = if last {
                if !rest.ends_with(literal.as_str()) {
                    return None;
                }
                rest.len() - literal.len()
            } else {
                rest.find(literal.as_str())?
            };
            // A value may be empty ("{ $hint }" at the end, when there is no hint).
            values.push(&rest[..at]);
            rest = &rest[at + literal.len()..];
        }
        rest.is_empty().then_some(values)
    }

    fn literal_len(&self) -> usize {
        self.literals.iter().map(String::len).sum()
    }
}

/// The English catalogue's single-line messages as templates.
static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(|| {
    EN.lines()
        .filter(|l| !l.starts_with(['#', ' ']) && !l.trim().is_empty())
        .filter_map(|l| l.split_once(" = "))
        .filter(|(_, text)| !text.contains("->") && !text.contains("{\""))
        .map(|(id, text)| {
            let mut literals = Vec::new();
            let mut names = Vec::new();
            let mut rest = text;
            while let Some(open) = rest.find("{ $") {
                literals.push(rest[..open].to_string());
                let close = rest[open..].find(" }").map_or(rest.len(), |c| open + c);
                names.push(rest[open + 3..close].to_string());
                rest = &rest[(close + 2).min(rest.len())..];
            }
            literals.push(rest.to_string());
            Template {
                id: id.trim().to_string(),
                literals,
                names,
            }
        })
        .collect()
});

/// `message` (as the code writes it, in English) in the current language: the catalogue's
/// message it matches, given again with its values; unchanged when English is asked for or
/// no message matches.
pub fn diagnostic(message: &str) -> String {
    diagnostic_in(current(), message)
}

/// `message` in `lang` (see [`diagnostic`]).
pub fn diagnostic_in(lang: Lang, message: &str) -> String {
    if lang == Lang::En {
        return message.to_string();
    }
    let best = TEMPLATES
        .iter()
        .filter(|t| t.literal_len() > 0)
        .filter_map(|t| t.values(message).map(|values| (t, values)))
        .max_by_key(|(t, _)| t.literal_len());
    let Some((template, values)) = best else {
        return message.to_string();
    };
    let args: Vec<(&str, Arg)> = template
        .names
        .iter()
        .map(String::as_str)
        .zip(values.into_iter().map(Arg::Text))
        .collect();
    format(lang, &template.id, &args).unwrap_or_else(|| message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter(|l| !l.starts_with(['#', ' ']) && !l.trim().is_empty())
            .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim()))
            .collect()
    }

    #[test]
    fn both_catalogues_parse_and_give_the_same_messages() {
        let (vi, en) = (ids(VI), ids(EN));
        let missing: Vec<&&str> = en.iter().filter(|id| !vi.contains(id)).collect();
        let extra: Vec<&&str> = vi.iter().filter(|id| !en.contains(id)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{missing:?} {extra:?}"
        );
        assert_eq!(BUNDLES.len(), 2);
    }

    #[test]
    fn an_english_diagnostic_reads_in_vietnamese_with_its_values() {
        assert_eq!(
            format(
                Lang::En,
                "toml-unknown-near",
                &[("key", "nam".into()), ("near", "name".into())]
            ),
            Some("unknown field `nam` (did you mean `name`?)".into())
        );
        let vi = |m| diagnostic_in(Lang::Vi, m);
        assert_eq!(
            vi("unknown field `nam` (did you mean `name`?)"),
            "không có khóa `nam` (có phải bạn muốn viết `name`?)"
        );
        assert_eq!(
            vi(
                "unknown field `ho-tic`: it is not declared in content/catalog/fields.toml (did you mean `ho-tich`?)"
            ),
            "không có lĩnh vực `ho-tic`: chưa khai báo trong content/catalog/fields.toml (có phải bạn muốn viết `ho-tich`?)"
        );
        assert_eq!(
            vi("broken link `/x/`: no page or file /x/ in the site"),
            "liên kết hỏng `/x/`: không có trang hay tệp /x/ nào trong trang web; hãy sửa liên kết"
        );
        assert_eq!(
            vi(
                "control character U+0007 removed (and 2 more in this file): text may not hold control characters"
            ),
            "đã bỏ ký tự điều khiển U+0007 (và 2 ký tự như vậy nữa trong tệp này): văn bản không được chứa ký tự điều khiển"
        );
        // A message the catalogue lacks is shown as written.
        assert_eq!(vi("something new"), "something new");
        assert_eq!(
            text_in(Lang::Vi, "count-warnings", &[("count", 0.into())]),
            ""
        );
        assert_eq!(
            diagnostic_in(Lang::En, "missing field `name`"),
            "missing field `name`"
        );
        assert_eq!(
            text_in(Lang::En, "count-warnings", &[("count", 2.into())]),
            ", 2 warnings"
        );
    }

    #[test]
    fn every_english_message_is_recognised_and_given_in_vietnamese() {
        let mut failed = Vec::new();
        for t in TEMPLATES.iter().filter(|t| t.literal_len() > 0) {
            let values: Vec<String> = (0..t.names.len()).map(|n| format!("v{n}x")).collect();
            let args: Vec<(&str, Arg)> = t
                .names
                .iter()
                .map(String::as_str)
                .zip(values.iter().map(|v| Arg::Text(v)))
                .collect();
            let english = format(Lang::En, &t.id, &args).unwrap_or_default();
            let expected = format(Lang::Vi, &t.id, &args).unwrap_or_default();
            if diagnostic_in(Lang::Vi, &english) != expected {
                failed.push(t.id.clone());
            }
        }
        assert!(failed.is_empty(), "{failed:?}");
    }

    #[test]
    fn locales_choose_the_language() {
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::parse("C.UTF-8"), None);
    }
}
