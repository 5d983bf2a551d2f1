//! The sheets of a pack, drawn: the same boxes, sizes and order as `poster.css` gives the
//! HTML posters (A4, 12 × 15 mm padding, the 70 mm code in an 86 mm column beside the
//! title, the foot at the bottom), so a sheet holds what its HTML poster holds. Text is
//! drawn in reading order, so it copies as the poster reads.

use super::text::{Align, Block, Fonts, Run, Shaper, Style, run};
use super::{Drawn, Pack};
use crate::model::Model;
use crate::qr::Qr;
use crate::render::posters::{Code, FieldPoster, Label, OfficePoster, ProcedurePoster};
use krilla::Document;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Stroke, StrokeDash};
use krilla::surface::Surface;

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 210.0 * MM;
const PAGE_H: f32 = 297.0 * MM;
/// The sheet's padding and content box.
const PAD_X: f32 = 15.0 * MM;
const PAD_Y: f32 = 12.0 * MM;
const WIDTH: f32 = PAGE_W - 2.0 * PAD_X;
/// The title column and the code column beside it.
const QR_COLUMN: f32 = 86.0 * MM;
const QR_SIZE: f32 = 70.0 * MM;
const LEFT: f32 = WIDTH - QR_COLUMN - 8.0 * MM;
/// The line heights of `poster.css`.
const LH: f32 = 1.3;
const TITLE_LH: f32 = 1.15;

const BODY: Style = Style::regular(12.0);
const BODY_BOLD: Style = Style::bold(12.0);
const MORE: Style = Style::italic(12.0);
const LABEL: Style = Style::bold(13.0);
const SMALL: Style = Style::regular(11.0);
const HOTLINE: Style = Style::bold(16.0);

/// Draws every sheet of `pack` into one document.
pub fn document(
    model: &Model,
    pack: &Pack,
    fonts: &Fonts,
) -> Result<Drawn, krilla::error::KrillaError> {
    let mut doc = Document::new();
    let mut outline = Outline::new();
    let mut overflowing = Vec::new();
    let mut page_no = 0usize;
    let authority = model.config.authority.as_str();
    let shaper = Shaper::new(fonts);
    let mut sheet = |doc: &mut Document, draw: &mut dyn FnMut(&mut Canvas) -> bool| {
        let mut page = doc.start_page_with(PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4"));
        let mut surface = page.surface();
        let mut canvas = Canvas {
            s: &mut surface,
            shaper: &shaper,
        };
        page_no += 1;
        if !draw(&mut canvas) {
            overflowing.push(page_no);
        }
        surface.finish();
        page.finish();
        page_no - 1
    };
    let pages = contents(pack);
    let at = |page: usize| XyzDestination::new(page, Point::from_xy(0.0, 0.0));
    let cover = sheet(&mut doc, &mut |c| c.cover(pack, authority, &pages));
    outline.push_child(OutlineNode::new("Mục lục".to_string(), at(cover)));
    if let Some(office) = &pack.office {
        let page = sheet(&mut doc, &mut |c| c.office(office, model, authority));
        outline.push_child(OutlineNode::new(
            format!("Áp phích: {}", office.office.name),
            at(page),
        ));
    }
    // A field's pack opens with the field's poster; an office's lists its fields last.
    let procedures_first = pack.office.is_some();
    for procedures_now in [procedures_first, !procedures_first] {
        if procedures_now {
            for section in &pack.sections {
                let mut node: Option<OutlineNode> = None;
                let mut children = Vec::new();
                for poster in &section.posters {
                    let page = sheet(&mut doc, &mut |c| c.procedure(poster, authority));
                    if node.is_none() {
                        node = Some(OutlineNode::new(
                            format!(
                                "Thủ tục lĩnh vực {} ({})",
                                section.field,
                                section.posters.len()
                            ),
                            at(page),
                        ));
                    }
                    children.push(OutlineNode::new(
                        format!("{} – {}", poster.procedure.code, poster.sheet.title),
                        at(page),
                    ));
                }
                if let Some(mut node) = node {
                    for child in children {
                        node.push_child(child);
                    }
                    outline.push_child(node);
                }
            }
        } else {
            for field in &pack.fields {
                let page = sheet(&mut doc, &mut |c| c.field(field, model, authority));
                outline.push_child(OutlineNode::new(
                    format!("Áp phích lĩnh vực {}", field.name),
                    at(page),
                ));
            }
        }
    }
    for (n, labels) in pack.labels.iter().enumerate() {
        let page = sheet(&mut doc, &mut |c| c.labels(labels));
        if n == 0 {
            outline.push_child(OutlineNode::new("Tờ nhãn mã QR".to_string(), at(page)));
        }
    }
    doc.set_outline(outline);
    doc.set_metadata(
        Metadata::new()
            .title(pack.title.clone())
            .language(model.config.language.clone())
            .authors(vec![model.config.authority.clone()])
            .creator("congkhai".to_string()),
    );
    Ok(Drawn {
        pdf: doc.finish()?,
        overflowing,
    })
}

/// Where each part of a pack starts, and how many pages it takes.
struct Contents {
    office: Option<usize>,
    sections: Vec<(String, usize, usize)>,
    fields: (usize, usize),
    labels: (usize, usize),
    total: usize,
}

fn contents(pack: &Pack) -> Contents {
    let mut next = 2;
    let office = pack.office.as_ref().map(|_| {
        next += 1;
        next - 1
    });
    let mut fields = (0, pack.fields.len());
    if pack.office.is_none() {
        fields.0 = next;
        next += pack.fields.len();
    }
    let sections = pack
        .sections
        .iter()
        .map(|s| {
            let start = next;
            next += s.posters.len();
            (s.field.clone(), start, s.posters.len())
        })
        .collect();
    if pack.office.is_some() {
        fields.0 = next;
        next += pack.fields.len();
    }
    let labels = (next, pack.labels.len());
    next += pack.labels.len();
    Contents {
        office,
        sections,
        fields,
        labels,
        total: next - 1,
    }
}

/// "trang 3" or "trang 3–14".
fn page_range(start: usize, count: usize) -> String {
    if count <= 1 {
        format!("trang {start}")
    } else {
        format!("trang {start}–{}", start + count - 1)
    }
}

/// A list item's marker: a disc or a number.
#[derive(Clone, Copy)]
enum Marker {
    Disc,
    Number(usize),
}

/// A sheet's foot, laid out.
struct Foot<'t> {
    top: f32,
    left: Vec<Block<'t>>,
    right: Block<'t>,
}

struct Canvas<'s, 'p, 'f> {
    s: &'s mut Surface<'p>,
    shaper: &'s Shaper<'f>,
}

impl Canvas<'_, '_, '_> {
    fn block<'t>(&self, runs: Vec<Run<'t>>, width: f32, lh: f32, align: Align) -> Block<'t> {
        Block::new(self.shaper, runs, width, lh, align)
    }

    /// Sets and draws `runs` at `(x, y)`; returns the height.
    fn text(&mut self, runs: Vec<Run>, x: f32, y: f32, width: f32, lh: f32, align: Align) -> f32 {
        let block = self.block(runs, width, lh, align);
        block.draw(self.s, self.shaper.fonts, x, y);
        block.height()
    }

    fn rule(&mut self, y: f32, thickness: f32) {
        let mut pb = PathBuilder::new();
        pb.push_rect(Rect::from_xywh(PAD_X, y, WIDTH, thickness).expect("a rule"));
        if let Some(path) = pb.finish() {
            self.s.set_fill(Some(krilla::paint::Fill::default()));
            self.s.draw_path(&path);
        }
    }

    /// The head line: what the sheet is, and who publishes it; returns where it ends.
    fn head(&mut self, kind: &str, authority: &str) -> f32 {
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
    fn foot<'t>(&self, left: Vec<Vec<Run<'t>>>, right: Vec<Run<'t>>) -> Foot<'t> {
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
    fn draw_foot(&mut self, foot: Foot, y: f32) -> bool {
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
    fn qr(&mut self, qr: &Qr, x: f32, y: f32, size: f32) {
        // Drawn in modules (whole numbers, short in the content stream), scaled into place.
        let module = size / qr.side() as f32;
        let quiet = crate::qr::QUIET_ZONE as f32;
        let mut pb = PathBuilder::new();
        for (row, start, len) in qr.dark_runs() {
            let rect = Rect::from_xywh(start as f32 + quiet, row as f32 + quiet, len as f32, 1.0);
            if let Some(rect) = rect {
                pb.push_rect(rect);
            }
        }
        if let Some(path) = pb.finish() {
            self.s
                .push_transform(&Transform::from_row(module, 0.0, 0.0, module, x, y));
            self.s.set_fill(Some(krilla::paint::Fill::default()));
            self.s.draw_path(&path);
            self.s.pop();
        }
    }

    /// The code column beside the title: the code and its address; returns its height.
    fn code_column(&mut self, code: &Option<Code>, y: f32) -> f32 {
        let Some(code) = code else {
            return 0.0;
        };
        let x = PAD_X + WIDTH - QR_COLUMN;
        self.qr(code.svg.source, x + (QR_COLUMN - QR_SIZE) / 2.0, y, QR_SIZE);
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

    /// The heading's size, as `poster.css` sets `h1`, `h1.long` and `h1.very-long`.
    fn title_size(class: &str) -> f32 {
        match class {
            "long" => 24.0,
            "very-long" => 20.0,
            _ => 30.0,
        }
    }

    /// A list item: its marker and its lines; returns its height with the space after it.
    fn item(&mut self, marker: Marker, blocks: &[Block], x: f32, y: f32, indent: f32) -> f32 {
        let first_line = blocks.first().map_or(0.0, |b| b.first_baseline());
        match marker {
            Marker::Disc => {
                // A disc of 0.4 em, on the first line's x-height middle.
                let r = 0.17 * BODY.size * 0.5 * 1.2;
                let cx = x - 2.6 * MM;
                let cy = y + first_line - 0.27 * BODY.size;
                let mut pb = PathBuilder::new();
                let k = 0.5523 * r;
                pb.move_to(cx + r, cy);
                pb.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
                pb.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
                pb.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
                pb.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
                pb.close();
                if let Some(path) = pb.finish() {
                    self.s.set_fill(Some(krilla::paint::Fill::default()));
                    self.s.draw_path(&path);
                }
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
    fn label(&mut self, text: &str, y: f32, gap: f32) -> f32 {
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
    fn more(&mut self, text: String, y: f32) -> f32 {
        self.text(vec![run(MORE, text)], PAD_X, y, WIDTH, LH, Align::Left) + 1.2 * MM
    }

    fn procedure(&mut self, poster: &ProcedurePoster, authority: &str) -> bool {
        let sheet = &poster.sheet;
        let p = &poster.procedure;
        let mut y = self.head("Thủ tục hành chính", authority) + 4.0 * MM;
        // The foot first: what the sheet holds must end above it.
        let foot = self.foot(
            match &poster.hotline {
                Some(h) => vec![
                    vec![
                        run(SMALL, "Hỏi đáp, phản ánh: "),
                        run(HOTLINE, h.number.as_str()),
                    ],
                    vec![run(SMALL, h.label.as_str())],
                ],
                None => vec![],
            },
            vec![run(SMALL, format!("Cập nhật {}", p.updated))],
        );
        let top = y;
        let size = Self::title_size(sheet.title_class);
        y += self.text(
            vec![run(Style::bold(size), sheet.title.as_str())],
            PAD_X,
            y,
            LEFT,
            TITLE_LH,
            Align::Left,
        ) + 4.0 * MM;
        y += self.text(
            vec![run(Style::regular(14.0), sheet.scan)],
            PAD_X,
            y,
            LEFT,
            LH,
            Align::Left,
        ) + 3.0 * MM;
        y += self.text(
            vec![run(Style::bold(16.0), format!("Mã thủ tục: {}", p.code))],
            PAD_X,
            y,
            LEFT,
            LH,
            Align::Left,
        );
        let right = self.code_column(&poster.code, top);
        y = y.max(top + right) + 3.0 * MM;
        // The facts.
        let x = PAD_X + 5.0 * MM;
        let w = WIDTH - 5.0 * MM;
        y += self.label("Thời hạn giải quyết, phí và lệ phí", y, 0.0);
        if sheet.ways.is_empty() {
            let b = [self.block(
                vec![run(BODY, "Xem trên trang thủ tục")],
                w,
                LH,
                Align::Left,
            )];
            y += self.item(Marker::Disc, &b, x, y, 5.0 * MM);
        }
        for way in &sheet.ways {
            let mut blocks = Vec::new();
            if let Some(c) = &way.condition {
                blocks.push(self.block(vec![run(MORE, c.as_str())], w, LH, Align::Left));
            }
            blocks.push(self.block(
                vec![
                    run(BODY_BOLD, format!("{}:", way.modes)),
                    run(
                        BODY,
                        format!(
                            " {}",
                            way.time_limit.as_deref().unwrap_or("xem trên trang thủ tục")
                        ),
                    ),
                ],
                w,
                LH,
                Align::Left,
            ));
            blocks.push(self.block(vec![run(BODY, way.fee.as_str())], w, LH, Align::Left));
            y += self.item(Marker::Disc, &blocks, x, y, 5.0 * MM);
        }
        if sheet.ways_more > 0 {
            y += self.more(
                format!("Và {} trường hợp khác: quét mã để xem đủ.", sheet.ways_more),
                y,
            );
        }
        y += self.label("Nộp hồ sơ tại", y, 2.5 * MM);
        let offices: Vec<&str> = if sheet.offices.is_empty() {
            vec!["Xem trên trang thủ tục"]
        } else {
            sheet.offices.clone()
        };
        for o in offices {
            let b = [self.block(vec![run(BODY, o)], w, LH, Align::Left)];
            y += self.item(Marker::Disc, &b, x, y, 5.0 * MM);
        }
        if sheet.offices_more > 0 {
            y += self.more(
                format!("Và {} nơi khác: quét mã để xem đủ.", sheet.offices_more),
                y,
            );
        }
        y += self.label("Nộp trực tuyến", y, 2.5 * MM);
        y += self.text(
            vec![run(BODY, p.online.label)],
            PAD_X,
            y,
            WIDTH,
            LH,
            Align::Left,
        );
        if !sheet.bring.is_empty() {
            y += 3.0 * MM;
            y += self.text(
                vec![run(LABEL, "Giấy tờ cần chuẩn bị")],
                PAD_X,
                y,
                WIDTH,
                LH,
                Align::Left,
            ) + 1.5 * MM;
            let x = PAD_X + 6.0 * MM;
            let w = WIDTH - 6.0 * MM;
            for (n, d) in sheet.bring.iter().enumerate() {
                let text = if d.required {
                    d.name.to_string()
                } else {
                    format!("{} (nếu có)", d.name)
                };
                let b = [self.block(vec![run(BODY, text)], w, LH, Align::Left)];
                y += self.item(Marker::Number(n + 1), &b, x, y, 6.0 * MM);
            }
            if sheet.bring_more > 0 {
                y += self.more(
                    format!("Và {} giấy tờ khác: quét mã để xem đủ.", sheet.bring_more),
                    y,
                );
            }
        } else if sheet.bring_more > 0 {
            y += self.more(
                format!(
                    "Giấy tờ cần chuẩn bị ({}): quét mã để xem.",
                    sheet.bring_more
                ),
                y,
            );
        }
        self.draw_foot(foot, y)
    }

    fn field(&mut self, poster: &FieldPoster, model: &Model, authority: &str) -> bool {
        let y = self.head(&format!("Lĩnh vực {}", poster.name), authority) + 4.0 * MM;
        let hotline = model.config.hotlines.first();
        let foot = self.foot(
            hotline.map_or_else(Vec::new, |h| {
                vec![vec![
                    run(SMALL, format!("{}: ", h.label)),
                    run(HOTLINE, h.number.as_str()),
                ]]
            }),
            vec![],
        );
        let title = format!("Quét mã để xem các thủ tục lĩnh vực {}", poster.name);
        let mut y = self.top(&title, poster.title_class, &poster.scan, &poster.code, y);
        let items: Vec<Vec<Run>> = poster
            .procedures
            .iter()
            .map(|s| {
                vec![
                    run(
                        Self::list_style(poster.list_class),
                        format!("{} ", s.short_name),
                    ),
                    run(
                        Style {
                            bold: true,
                            ..Self::list_style(poster.list_class)
                        },
                        s.code,
                    ),
                ]
            })
            .collect();
        y += 4.0 * MM;
        y += self.columns(items, poster.list_class, Marker::Number(0), y);
        if poster.more > 0 {
            y += self.more(
                format!("Và {} thủ tục khác: quét mã để xem đủ.", poster.more),
                y,
            );
        }
        self.draw_foot(foot, y)
    }

    fn list_style(class: &str) -> Style {
        if class == "short" {
            Style::regular(14.0)
        } else {
            BODY
        }
    }

    /// The title beside the code and the line under it; returns where the taller ends.
    fn top(&mut self, title: &str, class: &str, scan: &str, code: &Option<Code>, y: f32) -> f32 {
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
    fn columns(&mut self, items: Vec<Vec<Run>>, class: &str, marker: Marker, y: f32) -> f32 {
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

    fn office(&mut self, poster: &OfficePoster, model: &Model, authority: &str) -> bool {
        let o = &poster.office;
        let y = self.head("Nơi tiếp nhận hồ sơ", authority) + 4.0 * MM;
        let foot = self.foot(
            vec![vec![run(
                SMALL,
                "Nộp trực tuyến trên Cổng Dịch vụ công quốc gia; được hướng dẫn tại quầy.",
            )]],
            vec![],
        );
        let scan =
            "Quét mã để xem các thủ tục tiếp nhận tại đây, giấy tờ cần chuẩn bị và giờ làm việc.";
        let mut y = self.top(o.name, poster.title_class, scan, &poster.code, y);
        y += 3.0 * MM;
        y += self.label("Địa chỉ", y, 0.0);
        y += self.text(vec![run(BODY, o.address)], PAD_X, y, WIDTH, LH, Align::Left);
        if !o.week.is_empty() {
            y += self.label("Giờ làm việc", y, 2.5 * MM);
            for line in &o.week {
                let b = [self.block(
                    vec![run(BODY, line.text.as_str())],
                    WIDTH - 5.0 * MM,
                    LH,
                    Align::Left,
                )];
                y += self.item(Marker::Disc, &b, PAD_X + 5.0 * MM, y, 5.0 * MM);
            }
        }
        let phone = if let Some(h) = o.hotline {
            Some(("Đường dây nóng", h))
        } else if let Some(p) = o.phone {
            Some(("Điện thoại", p))
        } else {
            model
                .config
                .hotlines
                .first()
                .map(|h| (h.label.as_str(), h.number.as_str()))
        };
        if let Some((label, number)) = phone {
            y += self.label(label, y, 2.5 * MM);
            y += self.text(vec![run(HOTLINE, number)], PAD_X, y, WIDTH, LH, Align::Left);
        }
        if !poster.fields.is_empty() {
            let items = poster
                .fields
                .iter()
                .map(|f| {
                    vec![run(
                        Self::list_style(poster.list_class),
                        format!("{}: {} thủ tục", f.name, f.count),
                    )]
                })
                .collect();
            y += 4.0 * MM;
            y += self.columns(items, poster.list_class, Marker::Disc, y);
        }
        if poster.more > 0 {
            y += self.more(
                format!("Và {} lĩnh vực khác: quét mã để xem đủ.", poster.more),
                y,
            );
        }
        self.draw_foot(foot, y)
    }

    /// A sheet of 3 × 5 labels with dashed cut lines.
    fn labels(&mut self, labels: &[Label]) -> bool {
        let pad = 10.0 * MM;
        let cell_w = (PAGE_W - 2.0 * pad) / 3.0;
        let cell_h = (PAGE_H - 2.0 * pad) / 5.0;
        let mut fits = true;
        for (n, label) in labels.iter().enumerate() {
            let x = pad + (n % 3) as f32 * cell_w;
            let y = pad + (n / 3) as f32 * cell_h;
            let inner_x = x + 2.5 * MM;
            let inner_w = cell_w - 5.0 * MM;
            let mut h = y + 2.0 * MM;
            if let Some(code) = &label.code {
                let size = 28.0 * MM;
                self.qr(code.svg.source, x + (cell_w - size) / 2.0, h, size);
                h += size;
            }
            h += 1.0 * MM;
            h += self.text(
                vec![run(Style::bold(9.0), label.short_name.as_str())],
                inner_x,
                h,
                inner_w,
                1.2,
                Align::Center,
            );
            h += 1.0 * MM;
            h += self.text(
                vec![run(Style::regular(10.0), label.code_text)],
                inner_x,
                h,
                inner_w,
                1.2,
                Align::Center,
            );
            if let Some(code) = &label.code {
                h += 0.5 * MM;
                h += self.text(
                    vec![run(Style::regular(6.5), code.text.as_str())],
                    inner_x,
                    h,
                    inner_w,
                    1.2,
                    Align::Center,
                );
            }
            fits &= h <= y + cell_h - 1.0 * MM;
        }
        // The cut lines around the cells in use (filled row by row, left to right).
        let rows = labels.len().div_ceil(3);
        let in_row = |r: usize| labels.len().saturating_sub(r * 3).min(3);
        let mut pb = PathBuilder::new();
        for r in 0..=rows {
            // A line under row r - 1 and over row r runs as far as either.
            let cols = in_row(r).max(if r > 0 { in_row(r - 1) } else { 0 });
            let y = pad + r as f32 * cell_h;
            pb.move_to(pad, y);
            pb.line_to(pad + cols as f32 * cell_w, y);
        }
        for c in 0..=3 {
            // Rows with a cell on either side of this line.
            let down = (0..rows)
                .filter(|&r| c < in_row(r) || (c > 0 && c - 1 < in_row(r)))
                .count();
            let x = pad + c as f32 * cell_w;
            pb.move_to(x, pad);
            pb.line_to(x, pad + down as f32 * cell_h);
        }
        if let Some(path) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(Stroke {
                width: 0.3 * MM,
                dash: Some(StrokeDash {
                    array: vec![1.2 * MM, 0.9 * MM],
                    offset: 0.0,
                }),
                ..Stroke::default()
            }));
            self.s.draw_path(&path);
            self.s.set_stroke(None);
        }
        fits
    }

    /// The cover: what the pack is for, what it holds on which pages, how to print it.
    fn cover(&mut self, pack: &Pack, authority: &str, pages: &Contents) -> bool {
        let y = self.head("Bộ áp phích để in", authority) + 4.0 * MM;
        let foot = self.foot(
            pack.updated
                .iter()
                .map(|d| vec![run(SMALL, format!("Cập nhật {d}"))])
                .collect(),
            vec![run(SMALL, format!("{} trang A4", pages.total))],
        );
        let class = crate::render::fit::title_style(pack.name.chars().count()).1;
        let scan = format!(
            "{}. Quét mã để xem trên trang công khai thủ tục hành chính.",
            pack.kind
        );
        let mut y = self.top(&pack.name, class, &scan, &pack.code, y);
        y += 3.0 * MM;
        y += self.label("Trong tệp này", y, 0.0);
        let x = PAD_X + 5.0 * MM;
        let w = WIDTH - 5.0 * MM;
        // What is inside, in page order.
        let mut lines: Vec<(usize, String)> = Vec::new();
        if let Some(page) = pages.office {
            lines.push((page, format!("Áp phích nơi tiếp nhận hồ sơ: trang {page}.")));
        }
        let procedures: usize = pages.sections.iter().map(|s| s.2).sum();
        if procedures > 0 {
            let start = pages.sections.first().map_or(0, |s| s.1);
            let order = if pages.sections.len() > 1 {
                "theo lĩnh vực rồi theo tên"
            } else {
                "theo tên"
            };
            lines.push((
                start,
                format!(
                    "Áp phích từng thủ tục ({procedures}), {order}: {}.",
                    page_range(start, procedures)
                ),
            ));
        }
        if pages.fields.1 > 0 {
            lines.push((
                pages.fields.0,
                format!(
                    "Áp phích lĩnh vực ({}): {}.",
                    pages.fields.1,
                    page_range(pages.fields.0, pages.fields.1)
                ),
            ));
        }
        if pages.labels.1 > 0 {
            let count: usize = pack.labels.iter().map(Vec::len).sum();
            lines.push((
                pages.labels.0,
                format!(
                    "Tờ nhãn mã QR ({count} nhãn, 15 nhãn một tờ): {}.",
                    page_range(pages.labels.0, pages.labels.1)
                ),
            ));
        }
        lines.sort_by_key(|(page, _)| *page);
        for (_, line) in lines {
            let b = [self.block(vec![run(BODY, line)], w, LH, Align::Left)];
            y += self.item(Marker::Disc, &b, x, y, 5.0 * MM);
        }
        // The fields' pages, while they fit above the printing advice.
        let advice = "In trên giấy A4, tỉ lệ 100 % (không chọn “vừa trang”), để mã QR in đúng cỡ. Tờ nhãn: cắt theo đường nét đứt, dán lên kệ hồ sơ.";
        let advice_h = self
            .block(vec![run(BODY, advice)], WIDTH, LH, Align::Left)
            .height()
            + LABEL.size * LH
            + 2.5 * MM;
        if pages.sections.len() > 1 {
            y += self.label("Thủ tục theo lĩnh vực", y, 2.5 * MM);
            let line_h = BODY.size * LH + 1.2 * MM;
            let room = ((foot.top - advice_h - y) / line_h).floor().max(0.0) as usize;
            let shown = if room >= pages.sections.len() {
                pages.sections.len()
            } else {
                room.saturating_sub(1)
            };
            for (name, start, count) in &pages.sections[..shown] {
                let b = [self.block(
                    vec![run(
                        BODY,
                        format!("{name} ({count}): {}.", page_range(*start, *count)),
                    )],
                    w,
                    LH,
                    Align::Left,
                )];
                y += self.item(Marker::Disc, &b, x, y, 5.0 * MM);
            }
            if shown < pages.sections.len() {
                y += self.more(
                    format!(
                        "Và {} lĩnh vực khác: xem mục lục của tệp.",
                        pages.sections.len() - shown
                    ),
                    y,
                );
            }
        }
        y += self.label("Cách in", y, 2.5 * MM);
        y += self.text(vec![run(BODY, advice)], PAD_X, y, WIDTH, LH, Align::Left);
        self.draw_foot(foot, y)
    }
}
