//! QR codes for permanent addresses, drawn as small SVG from the module matrix.
//!
//! The `qrcode` crate computes the matrix (mode selection, error correction, placement);
//! the mask is chosen by [`penalty`], which scores like the crate but much faster. The
//! drawing is ours: one path whose horizontal runs of dark modules are merged into single
//! strokes, no XML prolog (so it can sit inside HTML), a 4-module quiet zone, and a
//! `viewBox` so it scales to any print size.

mod cache;
mod penalty;

pub use cache::QrCache;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};
use serde::{Deserialize, Serialize};

/// Quiet zone around the code, in modules (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;

/// Error-correction level, configurable in `congkhai.toml` (`[qr] error_correction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
pub enum ErrorCorrection {
    L,
    #[default]
    M,
    Q,
    H,
}

impl ErrorCorrection {
    fn level(self) -> EcLevel {
        match self {
            ErrorCorrection::L => EcLevel::L,
            ErrorCorrection::M => EcLevel::M,
            ErrorCorrection::Q => EcLevel::Q,
            ErrorCorrection::H => EcLevel::H,
        }
    }
}

/// The masks of a (non-micro) QR code, in the order the `qrcode` crate tries them.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// An encoded QR code. Serialised (for hashing a page's data) as what identifies its
/// drawing: text, width and modules.
#[derive(Debug, Clone)]
pub struct Qr {
    /// What a scanner reads.
    pub text: String,
    /// QR version, 1 to 40: the smaller, the bigger each printed module.
    pub version: u8,
    /// Modules per side, without the quiet zone.
    pub width: usize,
    /// Row-major, one bit per module (bit `i % 8` of byte `i / 8`), set for dark.
    modules: Vec<u8>,
}

impl serde::Serialize for Qr {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = serializer.serialize_tuple(3)?;
        t.serialize_element(&self.text)?;
        t.serialize_element(&self.width)?;
        t.serialize_element(&Bytes(&self.modules))?;
        t.end()
    }
}

/// Bytes serialised as one byte string rather than a sequence of numbers.
struct Bytes<'a>(&'a [u8]);

impl serde::Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

impl Qr {
    /// Encodes `text`, which must be ASCII: common decoders misread raw UTF-8.
    pub fn encode(text: &str, ec: ErrorCorrection) -> Result<Qr, String> {
        if !text.is_ascii() {
            return Err(format!(
                "`{text}` is not ASCII; QR codes here only hold ASCII addresses"
            ));
        }
        let level = ec.level();
        let too_long =
            |e: qrcode::types::QrError| format!("cannot encode `{text}` as a QR code: {e}");
        let bits = qrcode::bits::encode_auto(text.as_bytes(), level).map_err(too_long)?;
        let version = bits.version();
        let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, level)
            .map_err(too_long)?;
        let mut canvas = Canvas::new(version, level);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &ecc);
        let width = version.width() as usize;
        // The first mask with the lowest penalty, as the crate chooses.
        let mut best: Option<(u16, Vec<bool>)> = None;
        for mask in MASKS {
            let mut masked = canvas.clone();
            masked.apply_mask(mask);
            let dark: Vec<bool> = masked
                .into_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect();
            let score = penalty::score(&dark, width);
            if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
                best = Some((score, dark));
            }
        }
        let (_, dark) = best.expect("eight masks were scored");
        let version = match version {
            qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v as u8,
        };
        let mut modules = vec![0u8; (width * width).div_ceil(8)];
        for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
            modules[i / 8] |= 1 << (i % 8);
        }
        Ok(Qr {
            text: text.to_string(),
            version,
            width,
            modules,
        })
    }

    /// Whether the module at column `x`, row `y` is dark (outside the code: light).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        let i = y * self.width + x;
        x < self.width && y < self.width && self.modules[i / 8] & (1 << (i % 8)) != 0
    }

    /// Side of the drawing in modules, quiet zone included.
    pub fn side(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// The dark modules, row by row, as horizontal runs: `(row, first column, length)`,
    /// without the quiet zone. What every drawing of the code (SVG, PDF) draws.
    pub fn dark_runs(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        (0..self.width).flat_map(move |y| {
            let mut x = 0;
            std::iter::from_fn(move || {
                while x < self.width && !self.is_dark(x, y) {
                    x += 1;
                }
                if x == self.width {
                    return None;
                }
                let start = x;
                while x < self.width && self.is_dark(x, y) {
                    x += 1;
                }
                Some((y, start, x - start))
            })
        })
    }

    /// The code as an SVG element. `label` becomes its accessible name.
    pub fn svg(&self, label: &str) -> String {
        let side = self.side();
        // Codes are drawn wherever they are used (label sheets hold many), so this builds
        // the path with plain pushes rather than formatting machinery.
        let mut path = String::with_capacity(self.width * self.width / 2);
        // Pen position along the row, so moves within a row can be relative and short.
        let mut pen: Option<(usize, usize)> = None;
        for (y, start, len) in self.dark_runs() {
            match pen {
                Some((row, end)) if row == y => {
                    path.push('m');
                    push_number(&mut path, start - end);
                    path.push_str(" 0h");
                }
                _ => {
                    path.push('M');
                    push_number(&mut path, start + QUIET_ZONE);
                    path.push(' ');
                    push_number(&mut path, y + QUIET_ZONE);
                    path.push_str(".5h");
                }
            }
            push_number(&mut path, len);
            pen = Some((y, start + len));
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
             shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{}\">\
             <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
             <path stroke=\"#000\" d=\"{path}\"/></svg>",
            crate::escape::escape_html(label)
        )
    }
}

/// Appends `n` in decimal.
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_addresses_give_small_versions() {
        let qr = Qr::encode(
            "https://tthc.camau.gov.vn/tthc/1.001193/",
            ErrorCorrection::M,
        )
        .unwrap();
        assert!(qr.version <= 3, "version {}", qr.version);
        assert_eq!(qr.width, 17 + 4 * qr.version as usize);
    }

    #[test]
    fn non_ascii_is_refused() {
        assert!(Qr::encode("https://cà-mau.vn/", ErrorCorrection::M).is_err());
    }

    #[test]
    fn svg_has_no_prolog_and_a_quiet_zone() {
        let qr = Qr::encode("https://x.vn/", ErrorCorrection::M).unwrap();
        let svg = qr.svg("Mã QR");
        assert!(svg.starts_with("<svg "), "{svg}");
        let side = qr.width + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
        // The top-left finder pattern starts at the quiet zone's edge with a run of 7.
        assert!(svg.contains("M4 4.5h7"), "{svg}");
    }

    /// The fast mask choice must draw exactly the code the `qrcode` crate draws, for every
    /// error-correction level and versions from 1 to 40.
    #[test]
    fn same_matrix_as_the_qrcode_crate() {
        let mut seed: u32 = 7;
        let mut next = move || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            seed >> 8
        };
        let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789-./:ABCDEFGHIJKLMNOPQRSTUVWXYZ%?=&_";
        let mut versions = std::collections::BTreeSet::new();
        for ec in [
            ErrorCorrection::L,
            ErrorCorrection::M,
            ErrorCorrection::Q,
            ErrorCorrection::H,
        ] {
            for n in (1..1200).step_by(23) {
                let text: String = (0..n)
                    .map(|_| alphabet[next() as usize % alphabet.len()] as char)
                    .collect();
                let Ok(ours) = Qr::encode(&text, ec) else {
                    continue;
                };
                let version = ours.version;
                let theirs = qrcode::QrCode::with_error_correction_level(&text, ec.level())
                    .unwrap()
                    .to_colors();
                let theirs: Vec<bool> = theirs.iter().map(|c| *c == Color::Dark).collect();
                let ours: Vec<bool> = (0..ours.width * ours.width)
                    .map(|i| ours.is_dark(i % ours.width, i / ours.width))
                    .collect();
                assert!(ours == theirs, "{ec:?}, {n} characters: different matrix");
                versions.insert(version);
            }
        }
        assert!(versions.len() >= 35, "versions covered: {versions:?}");
    }
}
