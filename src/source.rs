//! Reading input files and parsing TOML from them, turning every parse error into a
//! diagnostic at its line and column.

use crate::diagnostic::{Diagnostics, SourceFile, display_path};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Files already read by an earlier stage (the fingerprint), by path, so that the load
/// stage does not read them again: on some file systems opening and reading a file costs
/// more than parsing it.
#[derive(Debug, Default)]
pub struct Preread(HashMap<PathBuf, Vec<u8>>);

impl Preread {
    pub fn insert(&mut self, path: PathBuf, bytes: Vec<u8>) {
        self.0.insert(path, bytes);
    }

    /// The bytes of `path`, if they were read; each file is handed out once.
    pub fn take(&mut self, path: &Path) -> Option<Vec<u8>> {
        self.0.remove(path)
    }
}

/// Reads a file as UTF-8, normalising line endings so offsets stay meaningful. A file that
/// is (or sits below) a link leading out of the site root is not read: its error names the
/// file and never shows what it points at.
pub fn read(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    if let Err(message) = inside_root(root, path) {
        diags.error(
            crate::diagnostic::Location::file(display_path(root, path)),
            message,
        );
        return None;
    }
    decode(root, path, std::fs::read(path), diags)
}

/// The one rule for what may be read: files a build would read anyway — inside the site
/// root, not hidden (nor below a hidden folder such as `.git`), and not in a build's output.
/// A link is followed only when it leads to such a file, so a committed link can never
/// publish `.env`, `.git/config` or a built page; the error names the link, never what it
/// leads to.
pub fn inside_root(root: &Path, path: &Path) -> Result<(), String> {
    let (Ok(root), Ok(real)) = (root.canonicalize(), path.canonicalize()) else {
        // Missing files are reported by whoever reads them.
        return Ok(());
    };
    let Ok(relative) = real.strip_prefix(&root) else {
        return Err("is a link that leads outside the site folder; it is not read (copy the file into the site instead)".into());
    };
    let mut dir = root.clone();
    for part in relative.components() {
        let name = part.as_os_str().to_string_lossy();
        if name.starts_with('.') {
            return Err("is a link to a hidden file or folder of the site; it is not read (hidden files are never published)".into());
        }
        // An output congkhai made has its marker beside it (`.site.congkhai-output`).
        if crate::output::beside(&dir.join(part), "congkhai-output").exists() {
            return Err("is a link into a built site (an output folder); it is not read".into());
        }
        dir.push(part);
    }
    Ok(())
}

/// Regular files below `dir` (which may be absent), sorted, hidden files and folders
/// skipped. A link to a file inside the root counts as that file; a link leading outside
/// the root, or to a folder, is an error naming it, and is not followed.
pub fn files_below(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if !dir.exists() {
        return files;
    }
    if let Err(message) = inside_root(root, dir) {
        diags.error(
            crate::diagnostic::Location::file(display_path(root, dir)),
            message,
        );
        return files;
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(e) if e.path_is_symlink() => {
                let shown = crate::diagnostic::Location::file(display_path(root, e.path()));
                match inside_root(root, e.path()) {
                    Err(message) => diags.error(shown, message),
                    Ok(()) if e.path().is_file() => files.push(e.into_path()),
                    Ok(()) if e.path().is_dir() => diags.error(
                        shown,
                        "is a link to a folder; links to folders are not followed (move the folder here instead)",
                    ),
                    Ok(()) => diags.error(shown, "is a link to nothing; remove it"),
                }
            }
            Ok(_) => {}
            Err(e) => {
                let at = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                diags.error(
                    crate::diagnostic::Location::file(display_path(root, &at)),
                    format!("cannot read: {e}"),
                );
            }
        }
    }
    files
}

/// [`read`], with the file's bytes already read (or the error reading them).
pub fn decode(
    root: &Path,
    path: &Path,
    read: std::io::Result<Vec<u8>>,
    diags: &mut Diagnostics,
) -> Option<SourceFile> {
    let shown = display_path(root, path);
    match read {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(without_control_characters(
                SourceFile::new(shown, unix_line_endings(text)),
                diags,
            )),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = SourceFile::new(shown, text);
                diags.error(file.location(offset), "file is not valid UTF-8");
                None
            }
        },
        Err(e) => {
            diags.error(
                crate::diagnostic::Location::file(shown),
                format!("cannot read: {e}"),
            );
            None
        }
    }
}

/// Characters no page, feed or data file may hold: control characters but tab and line
/// ends, and the non-characters U+FFFE and U+FFFF (XML refuses them all).
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// What a file may hold is decided here, once, at load: a forbidden character written in it
/// is removed, with a warning at its line and column, so no output format has to guess.
fn without_control_characters(file: SourceFile, diags: &mut Diagnostics) -> SourceFile {
    let Some(first) = file.text.find(is_forbidden) else {
        return file;
    };
    let count = file.text.chars().filter(|&c| is_forbidden(c)).count();
    let c = file.text[first..].chars().next().unwrap_or_default();
    diags.warning(
        file.location(first),
        format!(
            "control character U+{:04X} removed{}: text may not hold control characters",
            u32::from(c),
            if count > 1 {
                format!(" (and {} more in this file)", count - 1)
            } else {
                String::new()
            }
        ),
    );
    let text: String = file.text.chars().filter(|&c| !is_forbidden(c)).collect();
    SourceFile::new(file.path.clone(), text)
}

/// A forbidden character written as a TOML escape (`\u0000`, `\b`, `\f`, `\e`): where it
/// is and which, or `None`. An escaped backslash (`\\u0000`) is text, not an escape.
fn forbidden_escape(toml_text: &str) -> Option<(usize, char, &str)> {
    let bytes = toml_text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let rest = &toml_text[i + 1..];
        let (len, value) = match rest.as_bytes().first() {
            Some(b'\\') => (1, None),
            Some(b'b') => (1, Some('\u{8}')),
            Some(b'f') => (1, Some('\u{c}')),
            Some(b'e') => (1, Some('\u{1b}')),
            Some(b'u') => (
                5,
                rest.get(1..5)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32),
            ),
            Some(b'U') => (
                9,
                rest.get(1..9)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32),
            ),
            _ => (0, None),
        };
        if let Some(c) = value.filter(|&c| is_forbidden(c)) {
            return Some((i, c, &toml_text[i..(i + 1 + len).min(toml_text.len())]));
        }
        i += 1 + len;
    }
    None
}

/// `text` with `\r\n` turned into `\n`; most files have none, and are not copied.
fn unix_line_endings(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

/// Parses TOML that starts at byte `offset` of `file` (the whole file, or its front matter).
pub fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    offset: usize,
    toml_text: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    if let Some((at, c, written)) = forbidden_escape(toml_text) {
        diags.error(
            file.location(offset + at),
            format!(
                "`{written}` is the control character U+{:04X}: text may not hold control characters; remove it",
                u32::from(c)
            ),
        );
        return None;
    }
    match toml::from_str::<T>(toml_text) {
        Ok(value) => Some(value),
        Err(e) => {
            let location = file.location(offset + e.span().map_or(0, |s| s.start));
            diags.error(location, tidy_message(e.message()));
            None
        }
    }
}

/// toml's messages on one line; for a misspelt key, the near miss first instead of the
/// whole list of expected keys.
fn tidy_message(message: &str) -> String {
    let message = message.trim().replace('\n', "; ");
    // A date written the Vietnamese way or quoted: say the form TOML reads.
    if message.ends_with("expected a TOML datetime") || message.contains("invalid date") {
        return format!(
            "{message}: write a date as year-month-day without quotes, e.g. `updated = 2025-07-15`"
        );
    }
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message;
    };
    let Some((wrong, expected)) = rest.split_once("`, expected") else {
        return message;
    };
    let candidates = expected.split('`').skip(1).step_by(2);
    match crate::suggest::closest(wrong, candidates) {
        Some(near) => format!("unknown field `{wrong}` (did you mean `{near}`?)"),
        None => message,
    }
}

/// A Markdown file with TOML front matter between `+++` lines.
pub struct FrontMatter<'a> {
    /// Byte offset of the TOML text in the file.
    pub toml_offset: usize,
    pub toml: &'a str,
    /// Byte offset of the Markdown body in the file.
    pub body_offset: usize,
    pub body: &'a str,
}

/// Splits `+++\n<toml>\n+++\n<markdown>`; reports a missing fence at the file's first line.
pub fn split_front_matter<'a>(
    file: &'a SourceFile,
    diags: &mut Diagnostics,
) -> Option<FrontMatter<'a>> {
    let text = file.text.as_str();
    let text_start = text.len() - text.trim_start_matches('\u{feff}').len();
    let after_bom = &text[text_start..];
    let Some(rest) = after_bom
        .strip_prefix("+++\n")
        .or_else(|| (after_bom.trim_end() == "+++").then_some(""))
    else {
        diags.error(
            file.location(text_start),
            "expected front matter: the file must start with a line `+++`, then TOML, then `+++`",
        );
        return None;
    };
    let toml_offset = text_start + 4;
    let close = rest
        .match_indices("+++")
        .find(|(i, _)| {
            (*i == 0 || rest.as_bytes()[i - 1] == b'\n')
                && rest[i + 3..].chars().next().is_none_or(|c| c == '\n')
        })
        .map(|(i, _)| i);
    let Some(close) = close else {
        diags.error(
            file.location(text_start),
            "front matter is not closed: add a line `+++` after the TOML",
        );
        return None;
    };
    let body_start = (toml_offset + close + 3 + 1).min(text.len());
    Some(FrontMatter {
        toml_offset,
        toml: &rest[..close],
        body_offset: body_start,
        body: &text[body_start..],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_line_endings_become_unix_ones() {
        assert_eq!(
            unix_line_endings("a = 1\r\nb = 2\r\n".into()),
            "a = 1\nb = 2\n"
        );
        assert_eq!(unix_line_endings("a = 1\nb = 2\n".into()), "a = 1\nb = 2\n");
    }

    #[test]
    fn splits_front_matter_and_keeps_offsets() {
        let file = SourceFile::new("p.md", "+++\na = 1\n+++\nBody *x*\n".to_string());
        let mut d = Diagnostics::new();
        let fm = split_front_matter(&file, &mut d).unwrap();
        assert_eq!(fm.toml, "a = 1\n");
        assert_eq!(fm.body, "Body *x*\n");
        assert_eq!(&file.text[fm.toml_offset..fm.toml_offset + 5], "a = 1");
        assert_eq!(&file.text[fm.body_offset..], "Body *x*\n");
    }

    #[test]
    fn toml_errors_point_into_the_file() {
        let file = SourceFile::new("p.md", "+++\na = 1\nb = \n+++\n".to_string());
        let mut d = Diagnostics::new();
        let fm = split_front_matter(&file, &mut d).unwrap();
        let parsed: Option<toml::Table> = parse_toml(&file, fm.toml_offset, fm.toml, &mut d);
        assert!(parsed.is_none());
        let diag = d.sorted().remove(0);
        assert_eq!(diag.location.line, Some(3), "{diag}");
    }

    #[test]
    fn misspelt_keys_get_a_hint() {
        let long = "unknown field `feild`, expected one of `code`, `field`, `levels`";
        assert_eq!(
            tidy_message(long),
            "unknown field `feild` (did you mean `field`?)"
        );
        let far = "unknown field `xyz`, expected `code` or `field`";
        assert_eq!(tidy_message(far), far);
    }

    #[test]
    fn missing_fence_is_an_error() {
        let file = SourceFile::new("p.md", "a = 1\n".to_string());
        let mut d = Diagnostics::new();
        assert!(split_front_matter(&file, &mut d).is_none());
        assert!(d.has_errors());
    }
}
