//! Themes: the Tera templates and static assets that draw a site. A theme is a folder
//! `themes/<name>/` with `templates/` and `static/`; the default theme is also built into
//! the binary, so a site without a `themes/` folder still builds. A site overrides single
//! templates by putting a file of the same name in its own `templates/` folder.

use crate::diagnostic::{Diagnostics, Location, display_path};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;
use walkdir::WalkDir;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Folder of a site's own template overrides, relative to the site root.
pub const SITE_TEMPLATES_DIR: &str = "templates";

/// A static asset of the theme, published under `static/`.
pub struct Asset {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub struct Theme {
    pub tera: Tera,
    pub assets: Vec<Asset>,
    /// A hash of every template and of the running congkhai: two pages with the same
    /// context and the same digest are the same page.
    pub digest: u128,
}

/// One template's text and the file it came from (for messages).
struct TemplateSource {
    origin: PathBuf,
    text: String,
}

pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Theme> {
    let dir = root.join("themes").join(name);
    let mut templates = BTreeMap::new();
    let mut assets = BTreeMap::new();
    if dir.is_dir() {
        for (rel, path) in files_below(&dir.join("templates")) {
            let text = read_text(root, &path, diags)?;
            let origin = display_path(root, &path);
            templates.insert(rel, TemplateSource { origin, text });
        }
        for (rel, path) in files_below(&dir.join("static")) {
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
    } else if name == "default" {
        embedded(&DEFAULT_THEME, &mut templates, &mut assets);
    } else {
        diags.error(
            Location::file(crate::config::CONFIG_FILE),
            format!("theme `{name}` not found: expected a folder themes/{name}/"),
        );
        return None;
    }
    for (rel, path) in files_below(&root.join(SITE_TEMPLATES_DIR)) {
        let text = read_text(root, &path, diags)?;
        let origin = display_path(root, &path);
        templates.insert(rel, TemplateSource { origin, text });
    }
    let tera = compile(&templates, diags)?;
    let assets = assets
        .into_iter()
        .map(|(name, bytes)| Asset { name, bytes })
        .collect();
    Some(Theme {
        tera,
        assets,
        digest: digest(&templates),
    })
}

fn digest(templates: &BTreeMap<String, TemplateSource>) -> u128 {
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    // Without knowing which congkhai runs, no page can be trusted to be as it was.
    let running = crate::fingerprint::executable()
        .unwrap_or_else(|| format!("unknown {:?}", std::time::SystemTime::now()));
    hash.update(running.as_bytes());
    for (name, t) in templates {
        for part in [name.as_bytes(), t.text.as_bytes()] {
            hash.update(&(part.len() as u64).to_le_bytes());
            hash.update(part);
        }
    }
    hash.digest128()
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

fn compile(templates: &BTreeMap<String, TemplateSource>, diags: &mut Diagnostics) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.register_filter("tel", tel_filter);
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

/// Regular files below `dir` (absent is fine), as (`/`-separated relative name, path).
fn files_below(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let rel = display_path(dir, e.path()).to_string_lossy().into_owned();
            (rel, e.into_path())
        })
        .collect()
}
