//! Drawing on a sheet: the boxes and sizes of `poster.css` (A4, 12 × 15 mm padding, the
//! 70 mm code in an 86 mm column beside the title, the foot at the bottom) as constants,
//! and the pieces every sheet is made of: text blocks, rules, the head and foot lines, the
//! code and its column, list items and balanced columns. Text is drawn in reading order,
//! so a sheet copies as it reads.

use super::text::{Align, Block, Run, Shaper, Style, run};
use super::writer::Sheet;
use crate::qr::Qr;
use crate::render::posters::Code;

/// Points per millimetre.
pub(super) const MM: f32 = 72.0 / 25.4;
pub(super) use super::writer::{PAGE_H, PAGE_W};
/// The sheet's padding and content box.
pub(super) const PAD_X: f32 = 15.0 * MM;
pub(super) const PAD_Y: f32 = 12.0 * MM;
pub(super) const WIDTH: f32 = PAGE_W - 2.0 * PAD_X;
/// The title column and the code column beside it.
pub(super) const QR_COLUMN: f32 = 86.0 * MM;
pub(super) const QR_SIZE: f32 = 70.0 * MM;
pub(super) const LEFT: f32 = WIDTH - QR_COLUMN - 8.0 * MM;
/// The line heights of `poster.css`.
pub(super) const LH: f32 = 1.3;
pub(super) const TITLE_LH: f32 = 1.15;

pub(super) const BODY: Style = Style::regular(12.0);
pub(super) const BODY_BOLD: Style = Style::bold(12.0);
pub(super) const MORE: Style = Style::italic(12.0);
pub(super) const LABEL: Style = Style::bold(13.0);
pub(super) const SMALL: Style = Style::regular(11.0);
pub(super) const HOTLINE: Style = Style::bold(16.0);

/// A list item's marker: a disc or a number.
#[derive(Clone, Copy)]
pub(super) enum Marker {
    Disc,
    Number(usize),
}

/// A sheet's foot, laid out.
pub(super) struct Foot<'t> {
    pub(super) top: f32,
    left: Vec<Block<'t>>,
    right: Block<'t>,
}

/// A page being drawn, with the fonts ready to shape with.
pub(super) struct Canvas<'s, 'u, 'f> {
    pub(super) s: &'s mut Sheet<'u>,
    pub(super) shaper: &'s Shaper<'f>,
}

impl Canvas<'_, '_, '_> {
    pub(super) fn block<'t>(
        &self,
        runs: Vec<Run<'t>>,
        width: f32,
        lh: f32,
        align: Align,
    ) -> Block<'t> {
        Block::new(self.shaper, runs, width, lh, align)
    }

    /// Sets and draws `runs` at `(x, y)`; returns the height.
    pub(super) fn text(
        &mut self,
        runs: Vec<Run>,
        x: f32,
        y: f32,
        width: f32,
        lh: f32,
        align: Align,
    ) -> f32 {
        let block = self.block(runs, width, lh, align);
        block.draw(self.s, self.shaper.fonts, x, y);
        block.height()
    }

    pub(super) fn rule(&mut self, y: f32, thickness: f32) {
        self.s.fill_rects([(PAD_X, y, WIDTH, thickness)]);
    }

    /// The head line: what the sheet is, and who publishes it; returns where it ends.
    pub(super) fn head(&mut self, kind: &str, authority: &str) -> f32 {
        let left = self.block(
            vec![run(Style::bold(11.0), kind.to_uppercase())],
            WIDTH * 0.6,
            LH,
            Align::Left,
        );
        let left_w = left.natural_width();
        let right = self.block(
            vec![run(SMALL, authority)],
            WIDTH - left_w - 6.0 * MM,
            LH,
            Align::Right,
        );
        left.draw(self.s, self.shaper.fonts, PAD_X, PAD_Y);
        right.draw(self.s, self.shaper.fonts, PAD_X + left_w + 6.0 * MM, PAD_Y);
        let y = PAD_Y + left.height().max(right.height()) + 2.0 * MM;
        self.rule(y, 1.5);
        y + 1.5
    }

    /// The foot at the bottom of the sheet, laid out: lines on the left, a block on the
    /// right. It is drawn last ([`Canvas::draw_foot`]), so the text reads in order.
    pub(super) fn foot<'t>(&self, left: Vec<Vec<Run<'t>>>, right: Vec<Run<'t>>) -> Foot<'t> {
        let right = self.block(right, WIDTH * 0.4, LH, Align::Right);
        let right_w = right.natural_width();
        let left: Vec<Block> = left
            .into_iter()
            .map(|runs| self.block(runs, WIDTH - right_w - 6.0 * MM, LH, Align::Left))
            .collect();
        let left_h: f32 = left.iter().map(Block::height).sum();
        let height = left_h.max(right.height());
        Foot {
            top: PAGE_H - PAD_Y - height - 2.5 * MM - 1.0,
            left,
            right,
        }
    }

    /// Draws the foot; says whether the content, ending at `y`, stayed above it.
    pub(super) fn draw_foot(&mut self, foot: Foot, y: f32) -> bool {
        self.rule(foot.top, 1.0);
        let mut at = foot.top + 1.0 + 2.5 * MM;
        for b in &foot.left {
            b.draw(self.s, self.shaper.fonts, PAD_X, at);
            at += b.height();
        }
        foot.right.draw(
            self.s,
            self.shaper.fonts,
            PAGE_W - PAD_X - WIDTH * 0.4,
            foot.top + 1.0 + 2.5 * MM,
        );
        y <= foot.top + 0.5
    }

    /// The code, `size` wide with its quiet zone, at `(x, y)`: one vector path of the
    /// same matrix the HTML posters draw.
    pub(super) fn qr(&mut self, qr: &Qr, x: f32, y: f32, size: f32) {
        // Drawn in modules (whole numbers, short in the content stream), scaled into place.
        let module = size / qr.side() as f32;
        let quiet = crate::qr::QUIET_ZONE as f32;
        self.s.fill_scaled_rects(
            (x, y),
            module,
            qr.dark_runs().map(|(row, start, len)| {
                (start as f32 + quiet, row as f32 + quiet, len as f32, 1.0)
            }),
        );
    }

    /// The code column beside the title: the code and its address; returns its height.
    pub(super) fn code_column(&mut self, code: &Option<Code>, y: f32) -> f32 {
        let Some(code) = code else {
            return 0.0;
        };
        let x = PAD_X + WIDTH - QR_COLUMN;
        self.qr(code.qr, x + (QR_COLUMN - QR_SIZE) / 2.0, y, QR_SIZE);
        let text = self.text(
            vec![run(SMALL, code.text.as_str())],
            x,
            y + QR_SIZE + 2.0 * MM,
            QR_COLUMN,
            LH,
            Align::Center,
        );
        QR_SIZE + 2.0 * MM + text
    }

    /// The heading's size, as `poster.css` sets `h1` and its classes.
    pub(super) fn title_size(class: &str) -> f32 {
        match class {
            "huge" => 40.0,
            "large" => 34.0,
            "long" => 24.0,
            "very-long" => 20.0,
            _ => 30.0,
        }
    }

    /// A list item: its marker and its lines; returns its height with the space after it.
    pub(super) fn item(
        &mut self,
        marker: Marker,
        blocks: &[Block],
        x: f32,
        y: f32,
        indent: f32,
    ) -> f32 {
        let first_line = blocks.first().map_or(0.0, |b| b.first_baseline());
        match marker {
            Marker::Disc => {
                // A disc of 0.4 em, on the first line's x-height middle.
                let r = 0.17 * BODY.size * 0.5 * 1.2;
                let cx = x - 2.6 * MM;
                let cy = y + first_line - 0.27 * BODY.size;
                self.s.disc(cx, cy, r);
            }
            Marker::Number(n) => {
                let style = blocks.first().map_or(BODY, |b| b.first_style());
                // Right-aligned against the item, reaching into the margin when long ("10.").
                let width = indent.max(20.0 * MM);
                let number = self.block(vec![run(style, format!("{n}."))], width, LH, Align::Right);
                number.draw(self.s, self.shaper.fonts, x - width - 1.5 * MM, y);
            }
        }
        let mut h = 0.0;
        for b in blocks {
            b.draw(self.s, self.shaper.fonts, x, y + h);
            h += b.height();
        }
        h + 1.2 * MM
    }

    /// A heading of a list of facts (`dt`), `gap` below what precedes it.
    pub(super) fn label(&mut self, text: &str, y: f32, gap: f32) -> f32 {
        gap + self.text(
            vec![run(LABEL, text)],
            PAD_X,
            y + gap,
            WIDTH,
            LH,
            Align::Left,
        )
    }

    /// A "more" line (`.more`).
    pub(super) fn more(&mut self, text: String, y: f32) -> f32 {
        self.text(vec![run(MORE, text)], PAD_X, y, WIDTH, LH, Align::Left) + 1.2 * MM
    }

    pub(super) fn list_style(class: &str) -> Style {
        if class == "short" {
            Style::regular(14.0)
        } else {
            BODY
        }
    }

    /// The title beside the code and the line under it; returns where the taller ends.
    pub(super) fn top(
        &mut self,
        title: &str,
        class: &str,
        scan: &str,
        code: &Option<Code>,
        y: f32,
    ) -> f32 {
        let size = Self::title_size(class);
        let mut left = y;
        left += self.text(
            vec![run(Style::bold(size), title)],
            PAD_X,
            left,
            LEFT,
            TITLE_LH,
            Align::Left,
        ) + 4.0 * MM;
        left += self.text(
            vec![run(Style::regular(14.0), scan)],
            PAD_X,
            left,
            LEFT,
            LH,
            Align::Left,
        ) + 3.0 * MM;
        let right = self.code_column(code, y);
        left.max(y + right)
    }

    /// A list in one column (`short`) or two balanced ones; `Number(0)` numbers it from
    /// one. Returns its height.
    pub(super) fn columns(
        &mut self,
        items: Vec<Vec<Run>>,
        class: &str,
        marker: Marker,
        y: f32,
    ) -> f32 {
        let columns = if class == "short" { 1 } else { 2 };
        let indent = 6.0 * MM;
        let gap = 8.0 * MM;
        let width = (WIDTH - indent - gap * (columns - 1) as f32) / columns as f32;
        let column_w = (WIDTH - gap * (columns - 1) as f32) / columns as f32;
        let blocks: Vec<Block> = items
            .into_iter()
            .map(|runs| self.block(runs, width, LH, Align::Left))
            .collect();
        let heights: Vec<f32> = blocks.iter().map(|b| b.height() + 1.2 * MM).collect();
        let total: f32 = heights.iter().sum();
        // Balanced as CSS columns: the first column takes items until it holds half.
        let mut split = blocks.len();
        if columns == 2 {
            let mut acc = 0.0;
            split = 0;
            while split < heights.len() && acc + heights[split] / 2.0 <= total / 2.0 {
                acc += heights[split];
                split += 1;
            }
        }
        let mut tallest: f32 = 0.0;
        for (c, range) in [(0, 0..split), (1, split..blocks.len())] {
            let x = PAD_X + indent + c as f32 * (column_w + gap);
            let mut h = 0.0;
            for n in range {
                let m = match marker {
                    Marker::Number(_) => Marker::Number(n + 1),
                    Marker::Disc => Marker::Disc,
                };
                h += self.item(m, std::slice::from_ref(&blocks[n]), x, y + h, indent);
            }
            tallest = tallest.max(h);
        }
        tallest
    }
}
