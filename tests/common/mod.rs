//! One fixture builder for the integration tests: a tiny, valid site in a temporary folder
//! that each test changes just where it needs to.

#![allow(dead_code)] // Each test binary uses a different part of the builder.

pub mod pdf;
pub mod portal;
pub mod serve;

use congkhai::diagnostic::Diagnostic;
use congkhai::{BuildError, BuildOptions, BuildReport};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const CONFIG: &str = r#"title = "Thủ tục hành chính tỉnh Thử"
authority = "Ủy ban nhân dân tỉnh Thử"
base_url = "https://tthc.example.gov.vn/"

[[hotlines]]
label = "Đường dây nóng"
number = "0290 3 555 010"
"#;

pub const LEVELS: &str = r#"[[level]]
key = "tinh"
name = "Cấp tỉnh"

[[level]]
key = "huyen"
name = "Cấp huyện"
until = 2025-07-01

[[level]]
key = "xa"
name = "Cấp xã"
"#;

pub const FIELDS: &str = r#"[[field]]
key = "ho-tich"
name = "Hộ tịch"

[[field]]
key = "dat-dai"
name = "Đất đai"
"#;

pub const AGENCIES: &str = r#"[[agency]]
key = "ubnd-xa"
name = "Ủy ban nhân dân xã"
level = "xa"
"#;

pub const OFFICES: &str = r#"[[office]]
key = "mot-cua-xa"
name = "Trung tâm Phục vụ hành chính công xã Thử"
address = "Số 1 Đường Một, xã Thử"
hotline = "0290 3 555 111"
hours = [{ days = ["mon", "tue", "wed", "thu", "fri"], opens = "07:00", closes = "11:30" }]
"#;

pub const VOCABULARY: &str = r#"[[kind]]
key = "chung"
label = "Thủ tục chung"

[[audience]]
key = "cong-dan"
label = "Công dân Việt Nam"

[[channel]]
key = "truc-tiep"
label = "Trực tiếp"

[[time_unit]]
key = "ngay-lam-viec"
label = "Ngày làm việc"

[[fee_kind]]
key = "le-phi"
label = "Lệ phí"
"#;

/// A minimal statistics period: one quarter, the whole province, one count.
pub const PERIOD: &str = r#"[period]
kind = "quarter"
start = 2025-01-01
end = 2025-03-31
source = "Báo cáo thử"

[[scope]]
[scope.counts]
received = 10
"#;

/// A folder of real data beside the project (`../shared/data/<name>`), or `None` with the
/// reason printed: tests that read it skip when it is absent.
pub fn shared_data(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "skipped: {} is absent (the real data lives beside the project)",
            dir.display()
        );
        None
    }
}

/// Front matter TOML of a valid procedure, without the `+++` fences.
/// A fixture site holding the shared national records, imported as a province would;
/// `None` (saying so) when `../shared` is absent.
pub fn national_site() -> Option<Fixture> {
    let records = shared_data("dvcqg-records")?;
    let site = Fixture::new();
    congkhai::national::import(&congkhai::national::Options {
        root: site.root().to_path_buf(),
        source: records,
        update: false,
        today: congkhai::date::Date::today(),
        levels: Vec::new(),
    })
    .expect("import");
    Some(site)
}

pub fn procedure_front(code: &str, name: &str) -> String {
    format!(
        r#"code = "{code}"
name = "Thủ tục {name}"
short_name = "{name}"
field = "ho-tich"
levels = ["xa"]
kind = "chung"
audience = ["cong-dan"]
offices = ["mot-cua-xa"]
online = "none"
updated = 2025-07-15
steps = ["Nộp hồ sơ.", "Nhận kết quả."]

[agencies]
competent = ["ubnd-xa"]

[[channels]]
mode = "truc-tiep"
time_limit = {{ amount = 3, unit = "ngay-lam-viec" }}
fees = [{{ kind = "le-phi", amount = 50000 }}]
"#
    )
}

/// A whole procedure file: fences, front matter, body.
pub fn procedure_file(front: &str, body: &str) -> String {
    format!("+++\n{front}+++\n{body}")
}

pub struct Fixture {
    dir: tempfile::TempDir,
}

/// Writes `text` to `path` as an editor saving atomically does: into a hidden file beside
/// it, then renamed over it, so that `serve`, watching, never reads it half-written (a
/// loaded machine can pause a writer between emptying a file and filling it).
fn save(path: &Path, text: &str) {
    let name = path.file_name().unwrap().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.saving"));
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

impl Fixture {
    /// A valid site with one procedure, `1.000001` "Đăng ký khai sinh".
    pub fn new() -> Fixture {
        let fixture = Fixture::empty();
        fixture
            .write("congkhai.toml", CONFIG)
            .write("content/catalog/levels.toml", LEVELS)
            .write("content/catalog/fields.toml", FIELDS)
            .write("content/catalog/agencies.toml", AGENCIES)
            .write("content/catalog/offices.toml", OFFICES)
            .write("content/catalog/vocabulary.toml", VOCABULARY)
            .procedure(
                "1.000001",
                &procedure_front("1.000001", "Đăng ký khai sinh"),
                "Khai sinh cho trẻ em.\n",
            )
    }

    /// An empty folder.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A copy of the repository's sample site (configuration, content and theme), to change.
    pub fn sample() -> Fixture {
        let fixture = Fixture::empty();
        let from = sample_root();
        std::fs::copy(
            from.join("congkhai.toml"),
            fixture.root().join("congkhai.toml"),
        )
        .unwrap();
        for dir in ["content", "themes"] {
            for entry in walkdir::WalkDir::new(from.join(dir)) {
                let entry = entry.unwrap();
                let relative = entry.path().strip_prefix(&from).unwrap();
                let to = fixture.root().join(relative);
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&to).unwrap();
                } else {
                    std::fs::copy(entry.path(), &to).unwrap();
                }
            }
        }
        fixture
    }

    /// Replaces the first `from` in a file with `to`; panics if `from` is not there, so an
    /// edit never silently does nothing.
    #[track_caller]
    pub fn edit(self, relative: &str, from: &str, to: &str) -> Fixture {
        let path = self.root().join(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "`{from}` is not in {relative}");
        save(&path, &text.replacen(from, to, 1));
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// Writes a file below the site root.
    pub fn write(self, relative: &str, text: &str) -> Fixture {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        save(&path, text);
        self
    }

    /// Writes `content/procedures/<file_code>.md`.
    pub fn procedure(self, file_code: &str, front: &str, body: &str) -> Fixture {
        let relative = format!("content/procedures/{file_code}.md");
        self.write(&relative, &procedure_file(front, body))
    }

    pub fn remove(self, relative: &str) -> Fixture {
        std::fs::remove_file(self.root().join(relative)).unwrap();
        self
    }

    pub fn build(&self) -> Result<BuildReport, BuildError> {
        self.build_into(&self.output())
    }

    pub fn build_into(&self, output: &Path) -> Result<BuildReport, BuildError> {
        congkhai::build(&BuildOptions {
            root: self.root().to_path_buf(),
            output: output.to_path_buf(),
            force: false,
            date: None,
        })
    }

    /// Builds and panics with the problems if it fails.
    #[track_caller]
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(BuildError::Invalid(d)) => {
                let lines: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
                panic!("build failed:\n{}", lines.join("\n"))
            }
            Err(e) => panic!("build failed: {e}"),
        }
    }

    /// Builds, expects failure, and returns the errors (not the warnings) as printed.
    #[track_caller]
    pub fn build_errors(&self) -> Vec<Diagnostic> {
        match self.build() {
            Ok(_) => panic!("build succeeded but should have failed"),
            Err(BuildError::Invalid(d)) => d
                .sorted()
                .into_iter()
                .filter(|d| d.severity == congkhai::diagnostic::Severity::Error)
                .collect(),
            Err(e) => panic!("unexpected failure: {e}"),
        }
    }

    /// A built file as text.
    #[track_caller]
    pub fn page(&self, relative: &str) -> String {
        let path = self.output().join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{} not in the output: {e}", path.display()))
    }

    /// Runs the `congkhai` binary in the site root.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_congkhai"))
            .env("CONGKHAI_LANG", "en")
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run congkhai")
    }
}

/// The repository's own sample site, built into a temporary folder: the folder (kept alive
/// by the guard) and the build report.
pub fn build_sample() -> (tempfile::TempDir, PathBuf, BuildReport) {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("site");
    let report = congkhai::build(&BuildOptions {
        root: sample_root(),
        output: output.clone(),
        force: false,
        date: None,
    })
    .unwrap_or_else(|e| panic!("the sample site does not build: {e:?}"));
    (dir, output, report)
}

/// The root of the repository's sample site.
pub fn sample_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `line:column` (1-based, columns in characters) of the first `needle` in `text`.
#[track_caller]
pub fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// A page's visible text: tags dropped, entities decoded, spaces folded.
pub fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace('\u{a0}', " ");
    nfc(&out)
}

/// Text in NFC with spaces folded, to compare with a page's text.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The errors `congkhai check --format json` reports for the site, one line each.
pub fn check_errors(site: &Fixture) -> Vec<String> {
    let out = site.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("check gave no JSON report: {out:?}"));
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| format!("{}:{}: {}", p["file"], p["line"], p["message"]))
        .collect()
}

/// Every file below `dir` with its bytes, for comparing whole trees.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Finds the one problem whose message contains `needle`, or panics listing all of them.
#[track_caller]
pub fn find<'a>(problems: &'a [Diagnostic], needle: &str) -> &'a Diagnostic {
    problems
        .iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| {
            let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!("no problem mentions `{needle}`; got:\n{}", all.join("\n"))
        })
}

/// Asserts a problem points at `file` and at the line and column of `needle` in `text`.
#[track_caller]
pub fn assert_at(problem: &Diagnostic, file: &str, text: &str, needle: &str) {
    let (line, column) = position(text, needle);
    assert_eq!(
        (
            problem.location.file.to_string_lossy().as_ref(),
            problem.location.line,
            problem.location.column
        ),
        (file, Some(line), Some(column)),
        "{problem}"
    );
}

/// Reads a QR code back from the SVG congkhai drew, like a scanner would: the SVG's runs
/// are painted into a raster (4 pixels a module) and a real decoder (rqrr) reads it.
/// Returns the text and the side of the drawing in modules.
#[track_caller]
pub fn decode_svg(svg: &str) -> (String, usize) {
    let side: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("viewBox");
    let path = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("path data");
    let mut dark = vec![false; side * side];
    // The path is made of `M x y.5`, `m dx 0` and `h n` commands.
    let (mut x, mut y) = (0i64, 0i64);
    let mut tokens = path
        .replace('M', " M ")
        .replace('m', " m ")
        .replace('h', " h ");
    tokens.push(' ');
    let mut it = tokens.split_whitespace();
    while let Some(cmd) = it.next() {
        match cmd {
            "M" => {
                x = it.next().unwrap().parse().unwrap();
                y = it.next().unwrap().parse::<f64>().unwrap().floor() as i64;
            }
            "m" => {
                x += it.next().unwrap().parse::<i64>().unwrap();
                assert_eq!(it.next(), Some("0"), "moves stay on the row");
            }
            "h" => {
                let n: i64 = it.next().unwrap().parse().unwrap();
                for i in 0..n {
                    dark[(y as usize) * side + (x + i) as usize] = true;
                }
                x += n;
            }
            other => panic!("unexpected path command {other}"),
        }
    }
    const SCALE: usize = 4;
    let size = side * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(size, size, |px, py| {
        if dark[(py / SCALE) * side + px / SCALE] {
            0
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "expected one QR code");
    let (_, text) = grids[0].decode().expect("decodes");
    (text, side)
}
