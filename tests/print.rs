//! Posters as a clerk prints them: headless Chromium prints each poster to PDF, poppler
//! checks the paper, the page count, the fonts and the text layer, and zbar scans the QR
//! code off the page rasterised at 50 dpi, like a cheap phone camera would see it.
//!
//! Needs Debian's chromium, fonts-noto-core, poppler-utils and zbar-tools; `bash .ci/run`
//! installs them.

mod common;

use common::serve::Server;
use std::path::{Path, PathBuf};
use std::process::Command;

fn require_tools() {
    // And fonts-noto-core, which Chromium prints the posters in.
    common::pdf::require_tools(&[("chromium", "chromium")]);
}

/// The sample site, built into a temporary folder and served on 127.0.0.1.
struct Sample {
    dir: tempfile::TempDir,
    server: Server,
}

impl Sample {
    fn build() -> Sample {
        require_tools();
        let (dir, out, _) = common::build_sample();
        let server = Server::start(&out);
        Sample { dir, server }
    }

    /// Prints a page to PDF with Chromium as a clerk would (no header or footer).
    #[track_caller]
    fn print(&self, route: &str, name: &str) -> PathBuf {
        let pdf = self.dir.path().join(format!("{name}.pdf"));
        let profile = self.dir.path().join(format!("chromium-{name}"));
        let out = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(self.server.url(route))
            .output()
            .expect("run chromium");
        assert!(
            pdf.is_file(),
            "chromium printed nothing: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        pdf
    }
}

use common::pdf::run;

/// Page count and whether the paper is A4, from `pdfinfo`.
fn pages_and_paper(pdf: &Path) -> (usize, String) {
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

/// The text layer with whitespace folded, so line breaks do not matter.
fn text_of(pdf: &Path) -> String {
    run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Font families embedded in the PDF (`AAAAAA+NotoSans-Bold` → `NotoSans-Bold`).
fn fonts_of(pdf: &Path) -> Vec<String> {
    run("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .map(|n| n.split('+').next_back().unwrap_or(n).to_string())
        .collect()
}

/// Rasterises the first page at `dpi` and returns every QR code zbar reads, sorted.
fn scan(pdf: &Path, dpi: u32) -> Vec<String> {
    common::pdf::scan_page(pdf, 1, dpi)
}

#[track_caller]
fn assert_one_a4_page_in_noto(pdf: &Path) {
    let (pages, paper) = pages_and_paper(pdf);
    assert_eq!(pages, 1, "{} printed on {pages} pages", pdf.display());
    assert!(paper.contains("(A4)"), "paper is {paper}");
    let fonts = fonts_of(pdf);
    assert!(!fonts.is_empty());
    assert!(
        fonts.iter().all(|f| f.starts_with("Noto")),
        "a glyph fell back to another font: {fonts:?}"
    );
}

#[test]
fn the_poster_of_the_longest_procedure_name_prints_on_one_a4_page_and_scans_at_50_dpi() {
    let sample = Sample::build();
    let mut diags = congkhai::diagnostic::Diagnostics::new();
    let site = congkhai::check_site(&common::sample_root(), &mut diags).unwrap();
    let longest = site
        .model
        .procedures
        .iter()
        .filter(|p| p.is_active())
        .max_by_key(|p| p.short_name().chars().count())
        .unwrap();
    let code = longest.code();
    let pdf = sample.print(&format!("ap-phich/tthc/{code}/"), "procedure");
    assert_one_a4_page_in_noto(&pdf);
    let text = text_of(&pdf);
    assert!(
        text.contains(longest.short_name()),
        "name not in the text layer: {text}"
    );
    assert!(text.contains(&format!("Mã thủ tục: {code}")));
    assert!(
        text.contains(&format!("tthc.camau.gov.vn/tthc/{code}/")),
        "address printed under the code"
    );
    assert!(
        text.contains("Cập nhật"),
        "the footer made it onto the page"
    );
    assert_eq!(
        scan(&pdf, 50),
        [format!("https://tthc.camau.gov.vn/tthc/{code}/")]
    );
    assert_eq!(sample.server.failures(), [], "failed requests");
    println!(
        "longest name ({} characters): {}",
        longest.short_name().chars().count(),
        longest.short_name()
    );
}

#[test]
fn field_and_office_posters_print_on_one_page_and_scan_at_50_dpi() {
    let sample = Sample::build();
    for (route, name, expected_text, url) in [
        (
            "ap-phich/linh-vuc/ho-tich/",
            "field",
            "Quét mã để xem các thủ tục lĩnh vực Hộ tịch",
            "https://tthc.camau.gov.vn/linh-vuc/ho-tich/",
        ),
        (
            "ap-phich/noi-tiep-nhan/ttpvhcc-tinh/",
            "office",
            "Trung tâm Phục vụ hành chính công tỉnh Cà Mau",
            "https://tthc.camau.gov.vn/noi-tiep-nhan/ttpvhcc-tinh/",
        ),
    ] {
        let pdf = sample.print(route, name);
        assert_one_a4_page_in_noto(&pdf);
        let text = text_of(&pdf);
        assert!(text.contains(expected_text), "{name}: {text}");
        assert_eq!(scan(&pdf, 50), [url.to_string()], "{name}");
    }
    assert_eq!(sample.server.failures(), [], "failed requests");
}

#[test]
fn every_label_on_a_sheet_scans() {
    let sample = Sample::build();
    let pdf = sample.print("ap-phich/nhan/linh-vuc/ho-tich/", "labels");
    assert_one_a4_page_in_noto(&pdf);
    let html = std::fs::read_to_string(
        sample
            .dir
            .path()
            .join("site/ap-phich/nhan/linh-vuc/ho-tich/index.html"),
    )
    .unwrap();
    let mut expected: Vec<String> = html
        .split("<div class=\"url\">")
        .skip(1)
        .map(|rest| format!("https://{}", rest.split('<').next().unwrap()))
        .collect();
    expected.sort();
    assert!(expected.len() >= 10, "{expected:?}");
    // Labels carry 28 mm codes, meant for scanning up close: read them at about 150 dpi.
    // zbar misses a code now and then at one exact raster scale and reads it a few dpi
    // either side, as a phone moving a little closer would: every label must be read at
    // 140, 150 or 160 dpi.
    let mut read: Vec<String> = [140, 150, 160]
        .iter()
        .flat_map(|&dpi| scan(&pdf, dpi))
        .collect();
    read.sort();
    read.dedup();
    assert_eq!(read, expected);
}
