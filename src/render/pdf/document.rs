//! A pack as one document: the cover, then every sheet in order, with bookmarks for each
//! part and procedure, the title, language and author in the metadata, and nothing that
//! changes from one run to the next.

use super::canvas::{BODY, Canvas, LABEL, LH, MM, Marker, PAD_X, PAGE_H, PAGE_W, SMALL, WIDTH};
use super::text::{Align, Fonts, Shaper, run};
use super::{Drawn, Pack};
use crate::model::Model;
use krilla::Document;
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;

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

impl Canvas<'_, '_, '_> {
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
