//! Problems found in a site's input, with the file, line and column they point at.
//!
//! Every stage collects its problems into a [`Diagnostics`] list instead of stopping at the
//! first one, so a single run reports everything an editor has to fix.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in an input file. Lines and columns count from 1; the column counts characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    /// A whole file, when no better position is known.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            file: path.into(),
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}: {}", self.location, self.message)
    }
}

impl Diagnostic {
    /// The problem as a person reads it in a terminal, in the language of messages
    /// ([`crate::messages`]): the one-line form, then the line it points at with a caret
    /// under the offending text. `root` is where paths start.
    pub fn render(&self, root: &Path, colour: bool) -> String {
        let (bold_red, bold_yellow, blue, reset) = if colour {
            ("\x1b[1;31m", "\x1b[1;33m", "\x1b[34m", "\x1b[0m")
        } else {
            ("", "", "", "")
        };
        let (label, tint) = match self.severity {
            Severity::Error => ("label-error", bold_red),
            Severity::Warning => ("label-warning", bold_yellow),
        };
        let mut out = format!(
            "{tint}{}{reset}: {}: {}",
            crate::messages::text(label, &[]),
            visible(&self.location.to_string()),
            visible(&crate::messages::diagnostic(&self.message))
        );
        if let Some((line_no, text, column)) = self.source_line(root) {
            let (text, column) = window(&text, column);
            let text = visible(&text);
            let width = line_no.to_string().len();
            let caret_at = column - 1;
            let caret_len = token_len(&text.chars().skip(column - 1).collect::<String>());
            out.push_str(&format!(
                "\n{blue}{:width$} |{reset}\n{blue}{line_no} |{reset} {text}\n{blue}{:width$} |{reset} {}{tint}{}{reset}",
                "",
                "",
                " ".repeat(caret_at),
                "^".repeat(caret_len)
            ));
        }
        out
    }

    /// The line (number, text, column) the problem points at, read again from the file.
    fn source_line(&self, root: &Path) -> Option<(usize, String, usize)> {
        let (line, column) = (self.location.line?, self.location.column?);
        let text = std::fs::read_to_string(root.join(&self.location.file)).ok()?;
        let line_text = text.lines().nth(line - 1)?.trim_end().replace('\t', " ");
        Some((line, line_text, column.max(1)))
    }
}

/// Content shown on a terminal: control characters (an escape sequence, a bell written in
/// a file) are shown as `\u{1b}`, never sent to the terminal.
pub fn visible(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// At most [`WINDOW`] characters of a long line, around `column` (1-based), with `…` where
/// it was cut, and the column in the shortened line: a 1 MB line is not echoed whole.
fn window(line: &str, column: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= WINDOW {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(WINDOW / 2).min(count - WINDOW);
    let mut shown: String = line.chars().skip(start).take(WINDOW).collect();
    let mut column = column - start;
    if start > 0 {
        shown.insert(0, '…');
        column += 1;
    }
    if start + WINDOW < count {
        shown.push('…');
    }
    (shown, column.max(1))
}

/// The most of a source line a message shows.
const WINDOW: usize = 120;

/// How much of the text at the problem to underline: a quoted string, or a word.
fn token_len(rest: &str) -> usize {
    let mut chars = rest.chars();
    match chars.next() {
        Some('"') => chars.position(|c| c == '"').map_or(1, |i| i + 2),
        Some(first) if first.is_alphanumeric() || first == '-' || first == '_' => rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .count(),
        _ => 1,
    }
}

/// The problems of one run, in the order they should be shown.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Error, location, message);
    }

    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Warning, location, message);
    }

    fn push(&mut self, severity: Severity, location: Location, message: impl Into<String>) {
        self.items.push(Diagnostic {
            severity,
            location,
            message: message.into(),
        });
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Errors first, then by file and position, so the report reads top to bottom.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (a.severity, &a.location, &a.message).cmp(&(b.severity, &b.location, &b.message))
        });
        self.items.dedup();
        self.items
    }

    /// Problems found earlier (a build skipped because nothing changed repeats them).
    pub fn from_list(items: Vec<Diagnostic>) -> Self {
        Diagnostics { items }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// The text of one input file, kept while it is parsed and checked so that byte offsets
/// can be turned into line and column numbers.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown to the user: relative to the site root, with `/` separators.
    pub path: PathBuf,
    pub text: String,
    /// Where each line starts, found when a location is first asked for (most files never
    /// have one, and a national catalogue's would weigh tens of megabytes).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        SourceFile {
            path: path.into(),
            text,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// The location of a byte offset into [`SourceFile::text`].
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = line_starts.partition_point(|&start| start <= offset);
        let start = line_starts[line - 1];
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count()
            + 1;
        Location {
            file: self.path.clone(),
            line: Some(line),
            column: Some(column),
        }
    }

    /// The location of the first occurrence of `needle` inside the byte range `within`,
    /// or of the range's start when the needle is not found there verbatim (escaped text).
    pub fn find_location(&self, within: std::ops::Range<usize>, needle: &str) -> Location {
        let end = within.end.min(self.text.len());
        let start = within.start.min(end);
        let found = self
            .text
            .get(start..end)
            .and_then(|slice| slice.find(needle))
            .map_or(start, |i| start + i);
        self.location(found)
    }

    pub fn whole(&self) -> Location {
        Location::file(&self.path)
    }
}

/// A TOML document inside a source file: the whole file, or the front matter of a Markdown
/// file starting at byte `offset`. Spans from the TOML parser are relative to the document.
#[derive(Debug, Clone, Copy)]
pub struct TomlDoc<'a> {
    pub file: &'a SourceFile,
    pub offset: usize,
}

impl TomlDoc<'_> {
    /// The location of a span's start.
    pub fn at(&self, span: std::ops::Range<usize>) -> Location {
        self.file.location(self.offset + span.start)
    }

    /// The location of `needle` inside a span (for text inside a string value).
    pub fn find(&self, span: std::ops::Range<usize>, needle: &str) -> Location {
        let range = self.offset + span.start..self.offset + span.end;
        self.file.find_location(range, needle)
    }
}

/// A long text shortened for a message: its first 60 characters and "…".
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.trim();
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Shows a path relative to `root` with `/` separators, as editors see it in their repo.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    PathBuf::from(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let file = SourceFile::new("a.toml", "một = 1\nhai = \"đ\"\n".to_string());
        let loc = file.location(0);
        assert_eq!((loc.line, loc.column), (Some(1), Some(1)));
        let second = file.text.find("hai").unwrap();
        let loc = file.location(second + 7);
        assert_eq!((loc.line, loc.column), (Some(2), Some(8)));
        assert_eq!(loc.to_string(), "a.toml:2:8");
        // "ộ" is 3 bytes but one column.
        let eq = file.text.find('=').unwrap();
        assert_eq!(file.location(eq).column, Some(5));
    }

    #[test]
    fn render_shows_the_line_with_a_caret() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "name = 1\nfeild = \"hộ tịch\"\n").unwrap();
        let d = Diagnostic {
            severity: Severity::Error,
            location: Location {
                file: "a.toml".into(),
                line: Some(2),
                column: Some(9),
            },
            message: "oops".into(),
        };
        let text = d.render(dir.path(), false);
        assert_eq!(
            text,
            "error: a.toml:2:9: oops\n  |\n2 | feild = \"hộ tịch\"\n  |         ^^^^^^^^^"
        );
        assert!(d.render(dir.path(), true).contains("\x1b[1;31merror"));
    }

    #[test]
    fn terminal_output_shows_control_characters_and_cuts_long_lines() {
        assert_eq!(visible("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        let long = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let (shown, column) = window(&long, 5001);
        assert!(shown.chars().count() <= WINDOW + 2);
        assert_eq!(shown.chars().nth(column - 1), Some('X'));
    }

    #[test]
    fn errors_sort_before_warnings_and_by_position() {
        let mut d = Diagnostics::new();
        d.warning(Location::file("b"), "w");
        d.error(Location::file("z"), "e2");
        d.error(Location::file("a"), "e1");
        let sorted: Vec<String> = d.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(sorted, ["e1", "e2", "w"]);
    }
}
