//! Themes: the Tera templates and static assets that draw a site. A theme is a folder
//! `themes/<name>/` with `templates/` and `static/`; the default theme is also built into
//! the binary, so a site without a `themes/` folder still builds. A site overrides single
//! templates by putting a file of the same name in its own `templates/` folder. A theme's
//! `fonts/` hold the fonts printed into PDFs ([`PRINT_FONTS`]); a theme without them
//! prints with the default theme's.

use crate::diagnostic::{Diagnostics, Location, display_path};
use include_dir::{Dir, include_dir};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use tera::Tera;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Folder of a site's own template overrides, relative to the site root.
pub const SITE_TEMPLATES_DIR: &str = "templates";

/// The fonts a theme's `fonts/` folder gives PDFs: regular and bold text (SIL OFL
/// Noto Sans in the default theme, with its licence beside it).
pub const PRINT_FONTS: [&str; 2] = ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"];

/// Regular and bold faces for Khmer script (Cà Mau has a Khmer community), used for the
/// Khmer letters of a text the fonts above lack (SIL OFL Noto Sans Khmer in the default
/// theme).
pub const KHMER_FONTS: [&str; 2] = ["NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf"];

/// The default theme's print font `name` (one of [`PRINT_FONTS`]): the metrics posters are
/// laid out with.
pub fn default_font(name: &str) -> Option<&'static [u8]> {
    DEFAULT_THEME
        .get_file(format!("fonts/{name}"))
        .map(|f| f.contents())
}

/// A static asset of the theme, published under `static/`.
pub struct Asset {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub struct Theme {
    /// Shared with the next build of `serve` while the templates are as they were (see
    /// [`Compiled`]).
    pub tera: std::sync::Arc<Tera>,
    pub assets: Vec<Asset>,
    /// The print fonts by name ([`PRINT_FONTS`], [`KHMER_FONTS`]); the first two are also
    /// published, for the HTML posters.
    pub fonts: BTreeMap<String, Cow<'static, [u8]>>,
    /// Which congkhai runs (it holds the code that makes every page's data): the digest of
    /// every page starts from it.
    pub running: u128,
    /// For each template, a hash of it and of every template it extends, includes or
    /// imports macros from, with `running`: two pages with the same context and the same
    /// template digest are the same page.
    templates: HashMap<String, u128>,
}

impl Theme {
    /// The digest of `template` and what it draws on (see [`Theme::templates`]).
    pub fn template_digest(&self, template: &str) -> u128 {
        // An unknown template fails to render anyway.
        self.templates
            .get(template)
            .copied()
            .unwrap_or(self.running)
    }
}

/// One template's text and the file it came from (for messages).
struct TemplateSource {
    origin: PathBuf,
    text: String,
}

/// Templates compiled by an earlier build of `serve`, by a hash of their names and texts:
/// compiling them is most of loading a theme (about 9 ms of every rebuild).
#[derive(Default)]
pub struct Compiled(std::sync::Mutex<Option<(u128, std::sync::Arc<Tera>)>>);

/// Loads the theme `name` of the site at `root`, with the templates of `compiled` when
/// they were compiled from the same texts.
pub fn load(
    root: &Path,
    name: &str,
    compiled: Option<&Compiled>,
    diags: &mut Diagnostics,
) -> Option<Theme> {
    let dir = root.join("themes").join(name);
    let mut templates = BTreeMap::new();
    let mut assets = BTreeMap::new();
    let mut fonts = BTreeMap::new();
    if dir.is_dir() {
        for (rel, path) in files_below(root, &dir.join("templates"), diags) {
            let text = read_text(root, &path, diags)?;
            let origin = display_path(root, &path);
            templates.insert(rel, TemplateSource { origin, text });
        }
        for (rel, path) in files_below(root, &dir.join("static"), diags) {
            match std::fs::read(&path) {
                Ok(bytes) => {
                    assets.insert(rel, bytes);
                }
                Err(e) => diags.error(
                    Location::file(display_path(root, &path)),
                    format!("cannot read: {e}"),
                ),
            }
        }
        for (rel, path) in files_below(root, &dir.join("fonts"), diags) {
            if !PRINT_FONTS.contains(&rel.as_str()) && !KHMER_FONTS.contains(&rel.as_str()) {
                continue;
            }
            match std::fs::read(&path) {
                Ok(bytes) => {
                    fonts.insert(rel, Cow::Owned(bytes));
                }
                Err(e) => diags.error(
                    Location::file(display_path(root, &path)),
                    format!("cannot read: {e}"),
                ),
            }
        }
    } else if name == "default" {
        embedded(&DEFAULT_THEME, &mut templates, &mut assets);
    } else {
        diags.error(
            Location::file(crate::config::CONFIG_FILE),
            format!("theme `{name}` not found: expected a folder themes/{name}/"),
        );
        return None;
    }
    for (rel, path) in files_below(root, &root.join(SITE_TEMPLATES_DIR), diags) {
        let text = read_text(root, &path, diags)?;
        let origin = display_path(root, &path);
        templates.insert(rel, TemplateSource { origin, text });
    }
    for name in PRINT_FONTS.iter().chain(&KHMER_FONTS) {
        if !fonts.contains_key(*name)
            && let Some(file) = DEFAULT_THEME.get_file(format!("fonts/{name}"))
        {
            fonts.insert(name.to_string(), Cow::Borrowed(file.contents()));
        }
    }
    // The print fonts are also published for the HTML posters (`poster.css` names them by
    // `@font-face`), so a clerk's machine without Noto Sans lays a poster out as the build
    // measured it.
    for name in PRINT_FONTS {
        if let Some(bytes) = fonts.get(name) {
            assets
                .entry(format!("fonts/{name}"))
                .or_insert_with(|| bytes.to_vec());
        }
    }
    let tera = compile_or_keep(&templates, compiled, diags)?;
    let assets = assets
        .into_iter()
        .map(|(name, bytes)| Asset { name, bytes })
        .collect();
    let running = running();
    let sources: BTreeMap<&str, &str> = templates
        .iter()
        .map(|(name, t)| (name.as_str(), t.text.as_str()))
        .collect();
    Some(Theme {
        templates: template_digests(&tera, &sources, running),
        tera,
        assets,
        fonts,
        running,
    })
}

fn running() -> u128 {
    // Without knowing which congkhai runs, no page can be trusted to be as it was.
    let running = crate::running::executable()
        .unwrap_or_else(|| format!("unknown {:?}", std::time::SystemTime::now()));
    xxhash_rust::xxh3::xxh3_128(running.as_bytes())
}

/// Each template's digest: `running`, then the name and text of every template it draws on.
fn template_digests(
    tera: &Tera,
    sources: &BTreeMap<&str, &str>,
    running: u128,
) -> HashMap<String, u128> {
    sources
        .keys()
        .map(|&name| {
            let mut used = BTreeSet::new();
            draws_on(tera, name, &mut used);
            let mut hash = xxhash_rust::xxh3::Xxh3::new();
            hash.update(&running.to_le_bytes());
            for used in used {
                let text = sources.get(used.as_str()).copied().unwrap_or_default();
                field(&mut hash, used.as_bytes());
                field(&mut hash, text.as_bytes());
            }
            (name.to_string(), hash.digest128())
        })
        .collect()
}

/// Adds `bytes` to `hash` as one field: its length first, so that no two lists of fields
/// hash alike.
fn field(hash: &mut xxhash_rust::xxh3::Xxh3, bytes: &[u8]) {
    hash.update(&(bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

/// Adds `name` and every template it extends, includes or imports macros from, at any
/// depth, to `used`.
fn draws_on(tera: &Tera, name: &str, used: &mut BTreeSet<String>) {
    if !used.insert(name.to_string()) {
        return;
    }
    let Ok(template) = tera.get_template(name) else {
        return;
    };
    let mut named: Vec<&str> = template.parents.iter().map(String::as_str).collect();
    named.extend(
        template
            .imported_macro_files
            .iter()
            .map(|(file, _)| file.as_str()),
    );
    included(&template.ast, &mut named);
    for other in named {
        draws_on(tera, other, used);
    }
}

/// The templates named by `{% include %}` anywhere in `nodes`. Every kind of node is
/// listed, so a new one in Tera must be looked at here before congkhai compiles again.
fn included<'a>(nodes: &'a [tera::ast::Node], names: &mut Vec<&'a str>) {
    use tera::ast::Node;
    for node in nodes {
        match node {
            Node::Include(_, files, _) => names.extend(files.iter().map(String::as_str)),
            Node::MacroDefinition(_, definition, _) => included(&definition.body, names),
            Node::FilterSection(_, section, _) => included(&section.body, names),
            Node::Block(_, block, _) => included(&block.body, names),
            Node::Forloop(_, forloop, _) => {
                included(&forloop.body, names);
                if let Some(empty) = &forloop.empty_body {
                    included(empty, names);
                }
            }
            Node::If(branches, _) => {
                for (_, _, body) in &branches.conditions {
                    included(body, names);
                }
                if let Some((_, body)) = &branches.otherwise {
                    included(body, names);
                }
            }
            Node::Super
            | Node::Text(_)
            | Node::VariableBlock(..)
            | Node::Extends(..)
            | Node::ImportMacro(..)
            | Node::Set(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }
}

fn embedded(
    dir: &'static Dir<'static>,
    templates: &mut BTreeMap<String, TemplateSource>,
    assets: &mut BTreeMap<String, Vec<u8>>,
) {
    for file in embedded_files(dir) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let Some(rel) = path.strip_prefix("templates/") {
            templates.insert(
                rel.to_string(),
                TemplateSource {
                    origin: PathBuf::from(format!("(built-in default theme)/{path}")),
                    text: String::from_utf8_lossy(file.contents()).into_owned(),
                },
            );
        } else if let Some(rel) = path.strip_prefix("static/") {
            assets.insert(rel.to_string(), file.contents().to_vec());
        }
    }
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

/// The templates of `compiled` when they were compiled from `templates`' texts, else
/// `templates` compiled (and kept in `compiled` for the next build).
fn compile_or_keep(
    templates: &BTreeMap<String, TemplateSource>,
    compiled: Option<&Compiled>,
    diags: &mut Diagnostics,
) -> Option<std::sync::Arc<Tera>> {
    let mut key = xxhash_rust::xxh3::Xxh3::new();
    for (name, t) in templates {
        field(&mut key, name.as_bytes());
        field(&mut key, t.text.as_bytes());
    }
    let key = key.digest128();
    let lock = || compiled.map(|c| c.0.lock().unwrap_or_else(|e| e.into_inner()));
    if let Some(Some((kept, tera))) = lock().as_deref()
        && *kept == key
    {
        return Some(tera.clone());
    }
    let tera = std::sync::Arc::new(compile(templates, diags)?);
    if let Some(mut kept) = lock() {
        *kept = Some((key, tera.clone()));
    }
    Some(tera)
}

fn compile(templates: &BTreeMap<String, TemplateSource>, diags: &mut Diagnostics) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::escape::escape_html);
    tera.register_filter("tel", tel_filter);
    // Themes are content: they may not read the build machine's environment (a deploy
    // token would be published). Tera registers `get_env` whatever its features.
    tera.register_function(
        "get_env",
        |_: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
            Err(
                "get_env is not available: a theme cannot read the build machine's environment"
                    .into(),
            )
        },
    );
    let raw: Vec<(&str, &str)> = templates
        .iter()
        .map(|(name, t)| (name.as_str(), t.text.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(raw) {
        let message = error_chain(&e);
        let origin = templates
            .iter()
            .find(|(name, _)| message.contains(&format!("'{name}'")))
            .map_or_else(|| PathBuf::from("templates"), |(_, t)| t.origin.clone());
        diags.error(Location::file(origin), format!("template error: {message}"));
        return None;
    }
    Some(tera)
}

/// `{{ "0290 3.838.838" | tel }}` → `02903838838`, for `tel:` links: digits and a leading
/// `+` only.
fn tel_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = tera::try_get_value!("tel", "value", String, value);
    let number: String = text
        .chars()
        .enumerate()
        .filter(|&(i, c)| c.is_ascii_digit() || (i == 0 && c == '+'))
        .map(|(_, c)| c)
        .collect();
    Ok(tera::Value::String(number))
}

/// A Tera error and its causes on one line: the outer error only says which template.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(cause.to_string().trim());
        source = cause.source();
    }
    message.replace('\n', " ")
}

fn read_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<String> {
    crate::source::read(root, path, diags).map(|f| f.text)
}

/// Regular files below `dir` (absent is fine), as (`/`-separated relative name, path), by
/// the one rule for links.
fn files_below(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    crate::source::files_below(root, dir, diags)
        .into_iter()
        .map(|path| {
            let rel = display_path(dir, &path).to_string_lossy().into_owned();
            (rel, path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_compiled_again_only_when_a_text_changes() {
        let templates = |base: &str| -> BTreeMap<String, TemplateSource> {
            [
                ("base.html", base),
                ("page.html", "{% extends \"base.html\" %}"),
            ]
            .into_iter()
            .map(|(name, text)| {
                let origin = PathBuf::from(name);
                (
                    name.to_string(),
                    TemplateSource {
                        origin,
                        text: text.to_string(),
                    },
                )
            })
            .collect()
        };
        let compiled = Compiled::default();
        let mut diags = Diagnostics::new();
        let mut load = |base: &str| {
            compile_or_keep(&templates(base), Some(&compiled), &mut diags).expect("compiles")
        };
        let first = load("<p>{{ a }}</p>");
        assert!(std::sync::Arc::ptr_eq(&first, &load("<p>{{ a }}</p>")));
        let changed = load("<p>{{ b }}</p>");
        assert!(!std::sync::Arc::ptr_eq(&first, &changed));
        let mut context = tera::Context::new();
        context.insert("b", "mới");
        assert_eq!(changed.render("page.html", &context).unwrap(), "<p>mới</p>");
        // A template that does not compile is reported and not kept.
        assert!(compile_or_keep(&templates("{% if %}"), Some(&compiled), &mut diags).is_none());
        assert!(diags.has_errors());
        let again = compile_or_keep(&templates("<p>{{ b }}</p>"), Some(&compiled), &mut diags);
        assert!(std::sync::Arc::ptr_eq(&changed, &again.unwrap()));
    }

    fn digests(sources: &[(&str, &str)]) -> HashMap<String, u128> {
        let mut tera = Tera::default();
        tera.add_raw_templates(sources.to_vec()).unwrap();
        template_digests(&tera, &sources.iter().copied().collect(), 7)
    }

    #[test]
    fn a_template_digest_follows_what_the_template_draws_on_and_nothing_else() {
        let site = |base: &str, part: &str, macros: &str, other: &str| {
            digests(&[
                ("base.html", base),
                (
                    "page.html",
                    "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{% block main %}{% for x in xs %}{% if x %}{% include \"part.html\" %}{% endif %}{% endfor %}{{ m::hi() }}{% endblock main %}",
                ),
                ("part.html", part),
                ("macros.html", macros),
                ("other.html", other),
            ])
        };
        let original = site(
            "<main>{% block main %}{% endblock main %}</main>",
            "<p>part</p>",
            "{% macro hi() %}hi{% endmacro hi %}",
            "other",
        );
        let page = original["page.html"];
        // A change in what the page extends, includes (inside a loop and a condition) or
        // imports changes its digest.
        for changed in [
            site(
                "<div>{% block main %}{% endblock main %}</div>",
                "<p>part</p>",
                "{% macro hi() %}hi{% endmacro hi %}",
                "other",
            ),
            site(
                "<main>{% block main %}{% endblock main %}</main>",
                "<p>part 2</p>",
                "{% macro hi() %}hi{% endmacro hi %}",
                "other",
            ),
            site(
                "<main>{% block main %}{% endblock main %}</main>",
                "<p>part</p>",
                "{% macro hi() %}chào{% endmacro hi %}",
                "other",
            ),
        ] {
            assert_ne!(changed["page.html"], page);
        }
        // A template it does not use does not.
        let unrelated = site(
            "<main>{% block main %}{% endblock main %}</main>",
            "<p>part</p>",
            "{% macro hi() %}hi{% endmacro hi %}",
            "another",
        );
        assert_eq!(unrelated["page.html"], page);
        assert_ne!(unrelated["other.html"], original["other.html"]);
    }
}
