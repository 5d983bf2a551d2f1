//! A pack as one document: the cover, then every sheet in order, with bookmarks for each
//! part and procedure, the title, language and author in the metadata, and nothing that
//! changes from one run to the next.

use super::canvas::{BODY, Canvas, LABEL, LH, MM, Marker, PAD_X, SMALL, WIDTH};
use super::sheets::ProcedureDrawn;
use super::store::Kept;
use super::text::{Align, Fonts, Shaper, run};
use super::writer::{self, Bookmark, Drawing, Sheet, Used};
use super::{Drawn, Pack};
use crate::model::Model;
use serde::Serialize;
use std::collections::HashMap;

/// The sheets of a document: each drawn, or taken as kept when its key is known.
struct Sheets<'s, 'f> {
    kept: HashMap<u128, Kept>,
    shaper: &'s Shaper<'f>,
    /// What every sheet's key starts from: the configuration (authority, hotlines, codes'
    /// error correction) that sheets show besides their views.
    seed: Option<xxhash_rust::xxh3::Xxh3>,
    used: Used,
    drawn: Vec<(Option<u128>, Kept)>,
    taken: usize,
}

impl Sheets<'_, '_> {
    /// The key of a sheet of `kind` showing `view`; `None` when it cannot be hashed.
    fn key(&self, kind: &[u8], view: &impl Serialize) -> Option<u128> {
        let mut hash = self.seed.clone()?;
        hash.update(kind);
        crate::render::digest::hash_into(&mut hash, view).ok()?;
        Some(hash.digest128())
    }

    /// Adds a sheet, taken as kept under `key` or drawn by `draw` (which says whether it
    /// fitted above its foot); returns its page (0-based).
    fn sheet(&mut self, key: Option<u128>, draw: &mut dyn FnMut(&mut Canvas) -> bool) -> usize {
        // Taken out of what was kept: a sheet shown twice in one pack is drawn the second time.
        if let Some(kept) = key.and_then(|k| self.kept.remove(&k)) {
            self.used.replay(&kept.1.glyphs);
            self.drawn.push((key, kept));
            self.taken += 1;
        } else {
            let mut page = Sheet::new(&mut self.used);
            let mut canvas = Canvas {
                s: &mut page,
                shaper: self.shaper,
            };
            let fits = draw(&mut canvas);
            self.drawn.push((key, (fits, page.finish())));
        }
        self.drawn.len() - 1
    }
}

/// Draws every sheet of `pack` into one document, taking the sheets in `kept` that show
/// what they would show now.
pub fn document(model: &Model, pack: &Pack, fonts: &Fonts, kept: HashMap<u128, Kept>) -> Drawn {
    let mut outline: Vec<Bookmark> = Vec::new();
    let authority = model.config.authority.as_str();
    let shaper = Shaper::new(fonts);
    let mut seed = xxhash_rust::xxh3::Xxh3::new();
    let seed = crate::render::digest::hash_into(&mut seed, &model.config)
        .ok()
        .map(|()| seed);
    let mut s = Sheets {
        kept,
        shaper: &shaper,
        seed,
        used: Used::default(),
        drawn: Vec::new(),
        taken: 0,
    };
    let pages = contents(pack);
    let at = |title: String, page: usize| Bookmark::new(title, page);
    let cover = s.sheet(None, &mut |c| c.cover(pack, authority, &pages));
    outline.push(at("Mục lục".to_string(), cover));
    if let Some(office) = &pack.office {
        let key = s.key(b"office", office);
        let page = s.sheet(key, &mut |c| c.office(office, model, authority));
        outline.push(at(format!("Áp phích: {}", office.office.name), page));
    }
    // A field's pack opens with the field's poster; an office's lists its fields last.
    let procedures_first = pack.office.is_some();
    for procedures_now in [procedures_first, !procedures_first] {
        if procedures_now {
            for section in &pack.sections {
                let mut node: Option<Bookmark> = None;
                for poster in &section.posters {
                    let key = s.key(b"procedure", &ProcedureDrawn::of(poster));
                    let page = s.sheet(key, &mut |c| c.procedure(poster, authority));
                    let node = node.get_or_insert_with(|| {
                        at(
                            format!(
                                "Thủ tục lĩnh vực {} ({})",
                                section.field,
                                section.posters.len()
                            ),
                            page,
                        )
                    });
                    node.children.push(at(
                        format!("{} – {}", poster.procedure.code, poster.sheet.title),
                        page,
                    ));
                }
                outline.extend(node);
            }
        } else {
            for field in &pack.fields {
                let key = s.key(b"field", field);
                let page = s.sheet(key, &mut |c| c.field(field, model, authority));
                outline.push(at(format!("Áp phích lĩnh vực {}", field.name), page));
            }
        }
    }
    for (n, labels) in pack.labels.iter().enumerate() {
        let key = s.key(b"labels", labels);
        let page = s.sheet(key, &mut |c| c.labels(labels));
        if n == 0 {
            outline.push(at("Tờ nhãn mã QR".to_string(), page));
        }
    }
    let info = writer::Info {
        title: &pack.title,
        author: &model.config.authority,
        language: &model.config.language,
    };
    let drawings: Vec<&Drawing> = s.drawn.iter().map(|(_, (_, d))| d).collect();
    let (pdf, streams) = writer::document(&drawings, &s.used, &outline, fonts, &info);
    Drawn {
        pdf,
        pages: s.drawn.len(),
        overflowing: s
            .drawn
            .iter()
            .enumerate()
            .filter(|(_, (_, (fits, _)))| !fits)
            .map(|(n, _)| n + 1)
            .collect(),
        sheets: s
            .drawn
            .into_iter()
            .zip(streams)
            .filter_map(|((key, (fits, drawing)), at)| Some((key?, fits, at, drawing.glyphs)))
            .collect(),
        taken: s.taken,
    }
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
