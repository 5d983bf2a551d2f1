//! What fits on an A4 poster. The browser lays the sheet out; this estimates, from text
//! lengths and the poster stylesheet's sizes (in mm, kept in step with
//! `themes/default/static/poster.css`), how many documents, offices and listed procedures
//! a sheet holds, so text is never clipped and never cut while space remains. Estimates
//! lean to the safe side; the print test measures the real layout of every poster.

/// The sheet's content box (A4 less the padding): what the columns below share.
const CONTENT_WIDTH_MM: f32 = 180.0;
const CONTENT_HEIGHT_MM: f32 = 273.0;
/// The head line, the foot and the gaps between blocks.
const HEAD_MM: f32 = 12.0;
const FOOT_MM: f32 = 17.0;
const GAPS_MM: f32 = 8.0;
/// The QR column: the code, the address under it, and the gap beside it.
const QR_MM: f32 = 70.0;
const QR_COLUMN_MM: f32 = QR_MM + 16.0;
const QR_GAP_MM: f32 = 8.0;

const PT_MM: f32 = 0.3528;

/// A text style: its size in points, its weight and its line height.
#[derive(Clone, Copy)]
pub struct Style {
    pub size_pt: f32,
    pub bold: bool,
    pub line_height: f32,
}

/// Body text of the facts and documents (12 pt).
pub const BODY: Style = Style {
    size_pt: 12.0,
    bold: false,
    line_height: 1.3,
};
/// The section headings (`dt`, `h2`).
pub const LABEL: Style = Style {
    size_pt: 13.0,
    bold: true,
    line_height: 1.3,
};
/// Bold body text (the ways of applying on a poster).
pub const BODY_BOLD: Style = Style {
    size_pt: 12.0,
    bold: true,
    line_height: 1.3,
};
/// The short description beside the code.
pub const SCAN: Style = Style {
    size_pt: 14.0,
    bold: false,
    line_height: 1.3,
};

impl Style {
    fn line_mm(self) -> f32 {
        self.size_pt * self.line_height * PT_MM
    }

    /// How many lines `text` takes set in `width_mm`: words placed one after another and a
    /// line broken at a space, each word as wide as the theme's print font (Noto Sans, which
    /// the poster stylesheet names first) shapes it. A browser also breaks after hyphens and
    /// slashes, so its lines are never more.
    pub fn lines(self, text: &str, width_mm: f32) -> usize {
        let em_mm = self.size_pt * PT_MM;
        let widths = metrics(self.bold);
        let space = widths.word(" ") * em_mm;
        let mut lines = 1;
        let mut used = 0.0;
        for word in text.split_whitespace() {
            let w = widths.word(word) * em_mm;
            if used > 0.0 && used + space + w > width_mm {
                lines += 1;
                used = w;
            } else if used > 0.0 {
                used += space + w;
            } else {
                used = w;
            }
        }
        lines
    }

    /// The height of `text` set in `width_mm`, in mm.
    pub fn height(self, text: &str, width_mm: f32) -> f32 {
        self.lines(text, width_mm) as f32 * self.line_mm()
    }
}

/// Widths of words in a print font, in ems: each word shaped as the browser shapes it
/// (kerning included), once per thread; without the font, a wide default per character.
struct Widths {
    face: Option<rustybuzz::Face<'static>>,
    bold: bool,
}

/// The width assumed for a character when the font is missing.
const WIDE_EM: f32 = 0.75;

thread_local! {
    /// Words already measured, regular then bold: a catalogue repeats the same syllables.
    static WORDS: [std::cell::RefCell<std::collections::HashMap<String, f32>>; 2] =
        Default::default();
}

impl Widths {
    fn of(font: Option<&'static [u8]>, bold: bool) -> Widths {
        Widths {
            face: font.and_then(|f| rustybuzz::Face::from_slice(f, 0)),
            bold,
        }
    }

    /// The width of `word` (no spaces), in ems.
    fn word(&self, word: &str) -> f32 {
        let Some(face) = &self.face else {
            return word.chars().count() as f32 * WIDE_EM;
        };
        WORDS.with(|caches| {
            let cache = &caches[usize::from(self.bold)];
            if let Some(&w) = cache.borrow().get(word) {
                return w;
            }
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(word);
            let shaped = rustybuzz::shape(face, &[], buffer);
            let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
            let w = units as f32 / f32::from(face.units_per_em() as u16);
            cache.borrow_mut().insert(word.to_string(), w);
            w
        })
    }
}

fn metrics(bold: bool) -> &'static Widths {
    use std::sync::LazyLock;
    static REGULAR: LazyLock<Widths> = LazyLock::new(|| {
        Widths::of(
            crate::theme::default_font(crate::theme::PRINT_FONTS[0]),
            false,
        )
    });
    static BOLD: LazyLock<Widths> = LazyLock::new(|| {
        Widths::of(
            crate::theme::default_font(crate::theme::PRINT_FONTS[1]),
            true,
        )
    });
    if bold { &BOLD } else { &REGULAR }
}

/// The poster heading's size for a name of `chars` characters: big for short names.
pub fn title_style(chars: usize) -> (Style, &'static str) {
    let style = |size_pt| Style {
        size_pt,
        bold: true,
        line_height: 1.15,
    };
    match chars {
        0..=30 => (style(30.0), ""),
        31..=70 => (style(24.0), "long"),
        _ => (style(20.0), "very-long"),
    }
}

/// A procedure poster's heading sizes, largest first, with the class `poster.css` gives each.
/// 40 pt capitals are 10 mm high: read from 2 m.
const PROCEDURE_TITLES: [(f32, &str); 5] = [
    (40.0, "huge"),
    (34.0, "large"),
    (30.0, ""),
    (24.0, "long"),
    (20.0, "very-long"),
];

/// The code's column: the 70 mm code, 2 mm, then its address in 11 pt monospace (0.6 em a
/// character, 5.3 mm a line).
fn code_column_mm(address_chars: usize) -> f32 {
    let per_line = (QR_COLUMN_MM / (11.0 * PT_MM * 0.6)) as usize;
    QR_MM + 2.0 + address_chars.max(1).div_ceil(per_line) as f32 * 5.3
}

/// Under the title, beside the code: its margin, the line that says what scanning gives
/// (14 pt), its margin and the code's number (16 pt, normal line height 1.362).
fn under_title_mm(scan: &str) -> f32 {
    4.0 + SCAN.height(scan, LEFT_WIDTH_MM) + 3.0 + 16.0 * 1.362 * PT_MM
}

/// The largest heading size at which `title` and what goes under it are no taller than the
/// code's column beside them; the smallest size when none is.
pub fn title_beside_code(title: &str, scan: &str) -> (Style, &'static str) {
    let room = code_column_mm(0) - under_title_mm(scan);
    let style = |size_pt| Style {
        size_pt,
        bold: true,
        line_height: 1.15,
    };
    PROCEDURE_TITLES
        .iter()
        .map(|&(size, class)| (style(size), class))
        .find(|(s, _)| s.height(title, LEFT_WIDTH_MM) <= room)
        .unwrap_or((style(20.0), "very-long"))
}

/// The height of a procedure poster's top: the title column or the code's, the taller.
pub fn procedure_top(title: Style, text: &str, scan: &str, address_chars: usize) -> f32 {
    (title.height(text, LEFT_WIDTH_MM) + under_title_mm(scan)).max(code_column_mm(address_chars))
}

/// What a procedure poster holds below its top: the sheet less the head (with the 4 mm
/// above the top), the foot (its rule and padding, the 16 pt number and the label's lines in
/// 11 pt beside the date) and the 3 mm above the facts.
pub fn procedure_room(top_mm: f32, hotline_label: Option<&str>) -> f32 {
    let small = Style {
        size_pt: 11.0,
        bold: false,
        line_height: 1.3,
    };
    // Without a number, only the date's line.
    let foot = 2.85
        + hotline_label.map_or(small.line_mm(), |l| {
            16.0 * 1.3 * PT_MM + small.lines(l, CONTENT_WIDTH_MM - 45.0) as f32 * small.line_mm()
        });
    CONTENT_HEIGHT_MM - 11.6 - foot - top_mm - 3.0
}

/// The three headings of a procedure poster's facts (the second and third 2.5 mm below what
/// is above them) and the one line of the online service.
pub fn procedure_headings_mm() -> f32 {
    3.0 * LABEL.line_mm() + 2.0 * 2.5 + BODY.line_mm()
}

/// The documents' heading: 3 mm above, 1.5 mm under.
pub fn bring_heading_mm() -> f32 {
    3.0 + LABEL.line_mm() + 1.5
}

/// A list item of `lines` lines of body text, with the 1.2 mm after it.
pub fn lines_item_mm(lines: usize) -> f32 {
    lines as f32 * BODY.line_mm() + 1.2
}

/// How many lines of body text a list item can have in `mm`.
pub fn lines_fitting(mm: f32) -> usize {
    ((mm - 1.2) / BODY.line_mm()).max(0.0) as usize
}

/// A "Và 3 giấy tờ khác: quét mã để xem đủ." line (one line of body text, 1.2 mm after).
pub fn more_mm() -> f32 {
    lines_item_mm(1)
}

/// The column beside the code.
pub const LEFT_WIDTH_MM: f32 = CONTENT_WIDTH_MM - QR_COLUMN_MM - QR_GAP_MM;
/// A block below the code, across the sheet.
pub const FULL_WIDTH_MM: f32 = CONTENT_WIDTH_MM;

/// Space on a sheet, spent block by block.
pub struct Budget {
    left_mm: f32,
}

impl Budget {
    /// A sheet whose top (title beside the code) is `top_left_mm` high on the left.
    pub fn below_code(top_left_mm: f32) -> Budget {
        let top = top_left_mm.max(QR_COLUMN_MM);
        Budget {
            left_mm: CONTENT_HEIGHT_MM - HEAD_MM - FOOT_MM - GAPS_MM - top,
        }
    }

    /// A column of `mm`.
    pub fn of(mm: f32) -> Budget {
        Budget { left_mm: mm }
    }

    /// What is left (negative when over full).
    pub fn remaining(&self) -> f32 {
        self.left_mm
    }

    /// Spends `mm` if there is that much left; says whether it did.
    pub fn take(&mut self, mm: f32) -> bool {
        if mm <= self.left_mm {
            self.left_mm -= mm;
            true
        } else {
            false
        }
    }

    /// Spends `mm` even when it is not there (what must be printed); false when the
    /// sheet is now over full.
    pub fn force(&mut self, mm: f32) -> bool {
        self.left_mm -= mm;
        self.left_mm >= 0.0
    }
}

/// The height of a heading plus the space under it.
pub fn label_mm() -> f32 {
    LABEL.line_mm() + 1.5
}

/// One list item of body text across the sheet, with the space after it.
pub fn item_mm(text: &str, width_mm: f32) -> f32 {
    BODY.height(text, width_mm) + 1.2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_text_takes_more_lines() {
        let one = BODY.height("Giấy khai sinh", FULL_WIDTH_MM);
        let many = BODY.height(&"Giấy khai sinh ".repeat(20), FULL_WIDTH_MM);
        assert!(one > 0.0 && many >= 3.0 * one, "{one} {many}");
    }

    #[test]
    fn a_budget_refuses_what_does_not_fit() {
        let mut b = Budget::below_code(0.0);
        let room = b.remaining();
        assert!(room > 100.0, "{room}");
        assert!(!b.take(room + 1.0));
        assert!(b.take(room));
        assert!(!b.force(1.0));
    }
}
