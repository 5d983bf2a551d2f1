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

/// A text style: its size in points and how wide an average character of Vietnamese text
/// is in it (in ems; bold text is wider), with its line height.
#[derive(Clone, Copy)]
pub struct Style {
    pub size_pt: f32,
    pub em_per_char: f32,
    pub line_height: f32,
}

/// Body text of the facts and documents (12 pt).
pub const BODY: Style = Style {
    size_pt: 12.0,
    em_per_char: 0.52,
    line_height: 1.3,
};
/// The section headings (`dt`, `h2`).
pub const LABEL: Style = Style {
    size_pt: 13.0,
    em_per_char: 0.58,
    line_height: 1.3,
};
/// The short description beside the code.
pub const SCAN: Style = Style {
    size_pt: 14.0,
    em_per_char: 0.52,
    line_height: 1.3,
};

impl Style {
    fn line_mm(self) -> f32 {
        self.size_pt * self.line_height * PT_MM
    }

    fn chars_per_line(self, width_mm: f32) -> usize {
        ((width_mm / (self.size_pt * self.em_per_char * PT_MM)) as usize).max(1)
    }

    /// The height of `text` set in `width_mm`, in mm (words do not break, so a line holds
    /// a little less than its width: the text is counted a tenth longer).
    pub fn height(self, text: &str, width_mm: f32) -> f32 {
        let chars = text.chars().count().max(1) * 11 / 10;
        let lines = chars.max(1).div_ceil(self.chars_per_line(width_mm));
        lines as f32 * self.line_mm()
    }
}

/// The poster heading's size for a name of `chars` characters: big for short names.
pub fn title_style(chars: usize) -> (Style, &'static str) {
    let style = |size_pt| Style {
        size_pt,
        em_per_char: 0.6,
        line_height: 1.15,
    };
    match chars {
        0..=30 => (style(30.0), ""),
        31..=70 => (style(24.0), "long"),
        _ => (style(20.0), "very-long"),
    }
}

/// The longest name a poster prints; longer ones are cut at a word with "…" (the page,
/// which the code opens, has the full name).
pub const TITLE_CHARS: usize = 150;

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
