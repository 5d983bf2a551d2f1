//! The sheets of a pack: a procedure's, a field's and an office's posters and a sheet of
//! labels, each holding exactly what its HTML poster holds (the same views), laid out as
//! `poster.css` lays it out.

use super::canvas::{
    BODY, BODY_BOLD, Canvas, HOTLINE, LABEL, LEFT, LH, MM, MORE, Marker, PAD_X, PAGE_H, PAGE_W,
    SMALL, TITLE_LH, WIDTH,
};
use super::text::{Align, Run, Style, run};
use crate::model::Model;
use crate::render::posters::{
    Code, FieldPoster, Hotline, Label, OfficePoster, ProcedurePoster, Sheet,
};
use serde::Serialize;

/// What [`Canvas::procedure`] draws of a poster, and nothing else: the key of its sheet,
/// which a pack made again takes from the pack in place while this is unchanged (the whole
/// view would change with what the poster does not show, such as related procedures'
/// names). Keep in step with the drawing.
#[derive(Serialize)]
pub(super) struct ProcedureDrawn<'p> {
    code: &'p str,
    updated: &'p str,
    online: &'p str,
    qr: &'p Option<Code<'p>>,
    hotline: &'p Option<Hotline>,
    sheet: &'p Sheet<'p>,
}

impl<'p> ProcedureDrawn<'p> {
    pub(super) fn of(poster: &'p ProcedurePoster<'p>) -> ProcedureDrawn<'p> {
        ProcedureDrawn {
            code: poster.procedure.code,
            updated: &poster.procedure.updated,
            online: poster.procedure.online.label,
            qr: &poster.code,
            hotline: &poster.hotline,
            sheet: &poster.sheet,
        }
    }
}

impl Canvas<'_, '_, '_> {
    pub(super) fn procedure(&mut self, poster: &ProcedurePoster, authority: &str) -> bool {
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
        y += self.label(sheet.where_label, y, 2.5 * MM);
        let offices: Vec<&str> = if sheet.offices.is_empty() {
            vec!["Xem trên trang thủ tục"]
        } else {
            sheet.offices.iter().map(|o| o.as_ref()).collect()
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
                let b = [self.block(vec![run(BODY, d.text.as_str())], w, LH, Align::Left)];
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

    pub(super) fn field(&mut self, poster: &FieldPoster, model: &Model, authority: &str) -> bool {
        let y = self.head(&format!("Lĩnh vực {}", poster.name), authority) + 4.0 * MM;
        let hotline = match &poster.hotline {
            Some(h) => Some((h.label.as_str(), h.number.as_str())),
            None => model
                .config
                .hotlines
                .first()
                .map(|h| (h.label.as_str(), h.number.as_str())),
        };
        let foot = self.foot(
            hotline.map_or_else(Vec::new, |(label, number)| {
                vec![vec![run(SMALL, format!("{label}: ")), run(HOTLINE, number)]]
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

    pub(super) fn office(&mut self, poster: &OfficePoster, model: &Model, authority: &str) -> bool {
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
    pub(super) fn labels(&mut self, labels: &[Label]) -> bool {
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
                self.qr(code.qr, x + (cell_w - size) / 2.0, h, size);
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
        let mut lines = Vec::new();
        for r in 0..=rows {
            // A line under row r - 1 and over row r runs as far as either.
            let cols = in_row(r).max(if r > 0 { in_row(r - 1) } else { 0 });
            let y = pad + r as f32 * cell_h;
            lines.push((pad, y, pad + cols as f32 * cell_w, y));
        }
        for c in 0..=3 {
            // Rows with a cell on either side of this line.
            let down = (0..rows)
                .filter(|&r| c < in_row(r) || (c > 0 && c - 1 < in_row(r)))
                .count();
            let x = pad + c as f32 * cell_w;
            lines.push((x, pad, x, pad + down as f32 * cell_h));
        }
        self.s.dashed_lines(&lines, 0.3 * MM, 1.2 * MM, 0.9 * MM);
        fits
    }
}
