//! Reading PDFs back as a clerk's printer and phone would: poppler for the paper, the fonts
//! and the text layer, zbar for the QR codes off a page rasterised at a given resolution.

use std::path::Path;
use std::process::Command;

/// The Debian packages the PDF checks need, by the command they provide.
const TOOLS: &[(&str, &str)] = &[
    ("pdfinfo", "poppler-utils"),
    ("pdftotext", "poppler-utils"),
    ("pdffonts", "poppler-utils"),
    ("pdftoppm", "poppler-utils"),
    ("zbarimg", "zbar-tools"),
];

/// Fails with what to install when a tool is missing (`bash .ci/run` installs them all).
pub fn require_tools(more: &[(&str, &str)]) {
    let missing: Vec<&str> = TOOLS
        .iter()
        .chain(more)
        .filter(|(tool, _)| {
            Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .map_or(true, |o| !o.status.success())
        })
        .map(|(_, package)| *package)
        .collect();
    assert!(
        missing.is_empty(),
        "these tests need the Debian packages {missing:?}: run `bash .ci/run`, which installs them"
    );
}

pub fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().expect(program);
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each page's size line from `pdfinfo` (`595.276 x 841.89 pts (A4)`).
pub fn page_sizes(pdf: &Path) -> Vec<String> {
    let info = run(
        "pdfinfo",
        &["-f", "1", "-l", "100000", pdf.to_str().unwrap()],
    );
    info.lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size:"))
        .map(|l| l.split_once("size:").unwrap().1.trim().to_string())
        .collect()
}

/// `pdffonts` rows: name, embedded, subset, with a Unicode map.
pub fn fonts(pdf: &Path) -> Vec<(String, bool, bool, bool)> {
    run("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            // name type... encoding emb sub uni id gen: the flags are the 5th to 3rd last.
            let n = cols.len();
            let yes = |c: &str| c == "yes";
            (
                cols[0].to_string(),
                yes(cols[n - 5]),
                yes(cols[n - 4]),
                yes(cols[n - 3]),
            )
        })
        .collect()
}

/// The text layer of page `page` (from 1), in the order it was drawn.
pub fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    run(
        "pdftotext",
        &[
            "-raw",
            "-enc",
            "UTF-8",
            "-f",
            &p,
            "-l",
            &p,
            pdf.to_str().unwrap(),
            "-",
        ],
    )
}

/// The QR codes zbar reads off page `page` rasterised at `dpi`, sorted.
pub fn scan_page(pdf: &Path, page: usize, dpi: u32) -> Vec<String> {
    scan_region(pdf, page, dpi, None)
}

/// The QR codes zbar reads off the part of page `page` at `(x, y)`, `w` × `h` (in mm from
/// the top left corner) rasterised at `dpi`, sorted.
pub fn scan_region(
    pdf: &Path,
    page: usize,
    dpi: u32,
    region: Option<(f32, f32, f32, f32)>,
) -> Vec<String> {
    let prefix = pdf.with_extension(format!("p{page}-{dpi}dpi"));
    let p = page.to_string();
    let px = |mm: f32| ((mm / 25.4 * dpi as f32).round() as i64).to_string();
    let mut args = vec!["-r".to_string(), dpi.to_string(), "-png".to_string()];
    if let Some((x, y, w, h)) = region {
        for (flag, mm) in [("-x", x), ("-y", y), ("-W", w), ("-H", h)] {
            args.push(flag.to_string());
            args.push(px(mm));
        }
    }
    for a in ["-f", &p, "-l", &p, "-singlefile"] {
        args.push(a.to_string());
    }
    args.push(pdf.to_str().unwrap().to_string());
    args.push(prefix.to_str().unwrap().to_string());
    run(
        "pdftoppm",
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let image = prefix.with_extension(format!("p{page}-{dpi}dpi.png"));
    let out = Command::new("zbarimg")
        .args(["-q", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(&image)
        .output()
        .expect("zbarimg");
    let _ = std::fs::remove_file(&image);
    let mut codes: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    codes.sort();
    codes
}
