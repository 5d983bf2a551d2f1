//! The PDF itself, written with pdf-writer. A sheet is drawn into a content stream that
//! names glyphs by their ids in the theme's fonts (CID = glyph id), so the same drawing is
//! valid in any pack: a pack embeds, for each font, the subset its sheets use, with a
//! CIDToGIDMap from the fonts' ids to the subset's, the glyphs' widths and a ToUnicode map,
//! so the text copies and searches as the Vietnamese it shows. Text that shaping reorders
//! or composes (Khmer) is marked with the text it shows (`/ActualText`). Every coordinate a
//! sheet is given runs from its top left corner, y down, in points. No dates, no ids: the
//! bytes depend only on what is drawn.

use super::text::{Fonts, Glyph};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::BTreeMap;

/// How hard the streams are compressed. Measured on the two-level benchmark province
/// (2,000 procedures, 88 packs, tmpfs): level 1 makes 166 MB of packs in 3.8 s, level 2
/// 124 MB in 4.35 s, level 6 109 MB in 5.0 s. A pack is downloaded once to be printed;
/// the build runs on every edit.
const DEFLATE_LEVEL: u32 = 1;

/// A4 in points (72 a inch).
pub const PAGE_W: f32 = 210.0 * 72.0 / 25.4;
pub const PAGE_H: f32 = 297.0 * 72.0 / 25.4;

/// The fonts a sheet may use, by their resource names in every pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontId {
    Regular,
    Bold,
    KhmerRegular,
    KhmerBold,
}

impl FontId {
    const ALL: [FontId; 4] = [
        FontId::Regular,
        FontId::Bold,
        FontId::KhmerRegular,
        FontId::KhmerBold,
    ];

    fn index(self) -> usize {
        self as usize
    }

    pub fn from_byte(byte: u8) -> Option<FontId> {
        FontId::ALL.get(usize::from(byte)).copied()
    }

    fn name(self) -> Name<'static> {
        Name([b"F0", b"F1", b"F2", b"F3"][self.index()])
    }
}

/// A glyph a document uses: the text it shows (empty when not known alone, as for a glyph
/// of a reordered cluster), and where the sheet being drawn noted it.
struct Entry {
    text: Box<str>,
    sheet: u32,
    at: u32,
}

/// The glyphs a document uses, per font, by glyph id.
#[derive(Default)]
pub struct Used {
    fonts: [Vec<Option<Entry>>; 4],
    /// The sheet being drawn, counted from 1.
    sheet: u32,
}

/// The glyphs one sheet uses, in the order it first uses them, each with the first text it
/// shows on that sheet: what a document needs to embed the sheet without drawing it.
pub type Glyphs = Vec<(FontId, u16, Box<str>)>;

impl Used {
    fn start_sheet(&mut self) {
        self.sheet += 1;
    }

    fn add(&mut self, font: FontId, glyph: u16, text: &str, sheet: &mut Glyphs) {
        let texts = &mut self.fonts[font.index()];
        let at = usize::from(glyph);
        if texts.len() <= at {
            texts.resize_with(at + 1, || None);
        }
        match &mut texts[at] {
            None => {
                texts[at] = Some(Entry {
                    text: Box::from(text),
                    sheet: self.sheet,
                    at: sheet.len() as u32,
                });
                sheet.push((font, glyph, Box::from(text)));
            }
            Some(e) if e.sheet != self.sheet => {
                e.sheet = self.sheet;
                e.at = sheet.len() as u32;
                sheet.push((font, glyph, Box::from(text)));
                if e.text.is_empty() {
                    e.text = Box::from(text);
                }
            }
            Some(e) => {
                let noted = &mut sheet[e.at as usize].2;
                if noted.is_empty() && !text.is_empty() {
                    *noted = Box::from(text);
                    if e.text.is_empty() {
                        e.text = Box::from(text);
                    }
                }
            }
        }
    }

    /// Notes the glyphs of a sheet drawn before, as drawing it would.
    pub fn replay(&mut self, glyphs: &Glyphs) {
        self.start_sheet();
        let mut again = Glyphs::with_capacity(glyphs.len());
        for (font, glyph, text) in glyphs {
            self.add(*font, *glyph, text, &mut again);
        }
    }

    /// The glyphs of `font` in use, by id, with their text.
    fn of(&self, font: FontId) -> BTreeMap<u16, &str> {
        self.fonts[font.index()]
            .iter()
            .enumerate()
            .filter_map(|(g, e)| Some((g as u16, e.as_ref()?.text.as_ref())))
            .collect()
    }
}

/// A sheet being drawn, noting the glyphs it uses in its document's `used`.
pub struct Sheet<'u> {
    content: Content,
    used: &'u mut Used,
    glyphs: Glyphs,
}

/// A sheet drawn: its content stream, compressed, and the glyphs it uses.
#[derive(Debug, PartialEq)]
pub struct Drawing {
    pub content: Vec<u8>,
    pub glyphs: Glyphs,
}

impl Sheet<'_> {
    pub fn new(used: &mut Used) -> Sheet<'_> {
        let mut content = Content::new();
        // y down from the top left corner, as the layout measures.
        content.transform([1.0, 0.0, 0.0, -1.0, 0.0, PAGE_H]);
        used.start_sheet();
        Sheet {
            content,
            used,
            glyphs: Glyphs::new(),
        }
    }

    /// Fills rectangles `(x, y, width, height)` in black.
    pub fn fill_rects(&mut self, rects: impl IntoIterator<Item = (f32, f32, f32, f32)>) {
        let mut any = false;
        for (x, y, w, h) in rects {
            self.content.rect(x, y, w, h);
            any = true;
        }
        if any {
            self.content.fill_nonzero();
        }
    }

    /// Fills rectangles given in units of `scale`, from `(x, y)`: a code's modules, short
    /// in the stream.
    pub fn fill_scaled_rects(
        &mut self,
        (x, y): (f32, f32),
        scale: f32,
        rects: impl IntoIterator<Item = (f32, f32, f32, f32)>,
    ) {
        self.content.save_state();
        self.content.transform([scale, 0.0, 0.0, scale, x, y]);
        self.fill_rects(rects);
        self.content.restore_state();
    }

    /// Fills a disc of radius `r` centred on `(cx, cy)`.
    pub fn disc(&mut self, cx: f32, cy: f32, r: f32) {
        let k = 0.5523 * r;
        let c = &mut self.content;
        c.move_to(cx + r, cy);
        c.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        c.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        c.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        c.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        c.close_path();
        c.fill_nonzero();
    }

    /// Strokes lines `(x1, y1, x2, y2)` dashed `dash` on, `gap` off, `width` thick.
    pub fn dashed_lines(
        &mut self,
        lines: &[(f32, f32, f32, f32)],
        width: f32,
        dash: f32,
        gap: f32,
    ) {
        if lines.is_empty() {
            return;
        }
        let c = &mut self.content;
        c.save_state();
        c.set_line_width(width);
        c.set_dash_pattern([dash, gap], 0.0);
        for &(x1, y1, x2, y2) in lines {
            c.move_to(x1, y1);
            c.line_to(x2, y2);
        }
        c.stroke();
        c.restore_state();
    }

    /// Draws shaped `glyphs` of `text` in `font` at `size`, the pen starting at `(x, y)` on
    /// the baseline; slanted when `italic`.
    pub fn glyphs(
        &mut self,
        font: FontId,
        size: f32,
        italic: bool,
        (x, y): (f32, f32),
        glyphs: &[Glyph],
        text: &str,
    ) {
        if glyphs.is_empty() {
            return;
        }
        // A cluster shown by other than one glyph, or one glyph showing several clusters,
        // cannot be read back glyph by glyph: the run says what it shows.
        let plain = glyphs.iter().enumerate().all(|(n, g)| {
            let alone = |m: usize| glyphs.get(m).is_none_or(|o| o.text != g.text);
            alone(n + 1) && (n == 0 || alone(n - 1))
        });
        let c = &mut self.content;
        if !plain {
            let from = glyphs.iter().map(|g| g.text.start).min().unwrap_or(0);
            let to = glyphs.iter().map(|g| g.text.end).max().unwrap_or(0);
            c.begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(&text[from..to]));
        }
        let slant = if italic { 0.2 } else { 0.0 };
        let matrix = |x: f32, y: f32| [1.0, 0.0, slant, -1.0, x, y];
        c.begin_text();
        c.set_font(font.name(), size);
        c.set_text_matrix(matrix(x, y));
        let mut pen = x;
        let mut n = 0;
        while n < glyphs.len() {
            let g = &glyphs[n];
            if g.x_offset != 0.0 || g.y_offset != 0.0 {
                // A mark placed by the font: set where it sits, then back on the line.
                c.set_text_matrix(matrix(pen + g.x_offset * size, y - g.y_offset * size));
                c.show(Str(&g.id.to_be_bytes()));
                pen += g.advance * size;
                c.set_text_matrix(matrix(pen, y));
                n += 1;
                continue;
            }
            // The glyphs up to the next placed mark, in one string with their kerning.
            let mut shown = c.show_positioned();
            let mut items = shown.items();
            let mut bytes: Vec<u8> = Vec::new();
            while n < glyphs.len() && glyphs[n].x_offset == 0.0 && glyphs[n].y_offset == 0.0 {
                let g = &glyphs[n];
                bytes.extend(g.id.to_be_bytes());
                pen += g.advance * size;
                let adjust = (g.font_advance - g.advance) * 1000.0;
                if adjust.abs() >= 0.05 {
                    items.show(Str(&bytes));
                    bytes.clear();
                    items.adjust((adjust * 100.0).round() / 100.0);
                }
                n += 1;
            }
            if !bytes.is_empty() {
                items.show(Str(&bytes));
            }
        }
        c.end_text();
        if !plain {
            c.end_marked_content();
        }
        for g in glyphs {
            let shows = if plain { &text[g.text.clone()] } else { "" };
            self.used.add(font, g.id, shows, &mut self.glyphs);
        }
    }

    /// The sheet, finished and compressed.
    pub fn finish(self) -> Drawing {
        Drawing {
            content: deflate(&self.content.finish()),
            glyphs: self.glyphs,
        }
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(DEFLATE_LEVEL),
    );
    e.write_all(data).expect("writing to memory");
    e.finish().expect("writing to memory")
}

/// An entry of the document's bookmarks: its title, the page (0-based) it opens, and the
/// entries under it.
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    pub children: Vec<Bookmark>,
}

impl Bookmark {
    pub fn new(title: String, page: usize) -> Bookmark {
        Bookmark {
            title,
            page,
            children: Vec::new(),
        }
    }
}

/// What the document says about itself.
pub struct Info<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub language: &'a str,
}

/// Writes `sheets` as one A4 document with `bookmarks`, embedding the subsets of `fonts`
/// they `used`. Returns the PDF and where each sheet's content stream is in it (offset,
/// length), for the next build to take it from there ([`super::store`]).
pub fn document(
    sheets: &[&Drawing],
    used: &Used,
    bookmarks: &[Bookmark],
    fonts: &Fonts,
    info: &Info,
) -> (Vec<u8>, Vec<(usize, usize)>) {
    let mut pdf = Pdf::new();
    let mut next = Ref::new(1);
    let mut alloc = || next.bump();
    let catalog = alloc();
    let pages = alloc();
    let info_ref = alloc();
    let page_refs: Vec<(Ref, Ref)> = sheets.iter().map(|_| (alloc(), alloc())).collect();
    // The fonts, each as a Type 0 font over a CID font of its subset.
    let mut font_refs = Vec::new();
    for id in FontId::ALL {
        let glyphs = used.of(id);
        if glyphs.is_empty() {
            continue;
        }
        let Some(face) = fonts.by_id(id) else {
            continue;
        };
        let type0 = alloc();
        embed(&mut pdf, &mut alloc, type0, &face.data, &glyphs);
        font_refs.push((id, type0));
    }
    let mut tree = pdf.pages(pages);
    tree.kids(page_refs.iter().map(|(page, _)| *page))
        .count(sheets.len() as i32);
    {
        let mut resources = tree.resources();
        let mut dict = resources.fonts();
        for (id, font) in &font_refs {
            dict.pair(id.name(), *font);
        }
    }
    tree.finish();
    let mut streams = Vec::with_capacity(sheets.len());
    for ((page, content), sheet) in page_refs.iter().zip(sheets) {
        pdf.page(*page)
            .parent(pages)
            .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .contents(*content);
        let start = pdf.len();
        pdf.stream(*content, &sheet.content)
            .filter(Filter::FlateDecode);
        let keyword = b"stream\n";
        let at = pdf.as_bytes()[start..]
            .windows(keyword.len())
            .position(|w| w == keyword)
            .map_or(start, |n| start + n + keyword.len());
        debug_assert_eq!(
            &pdf.as_bytes()[at..at + sheet.content.len()],
            &sheet.content[..]
        );
        streams.push((at, sheet.content.len()));
    }
    let outline = (!bookmarks.is_empty()).then(&mut alloc);
    if let Some(outline) = outline {
        let items = write_bookmarks(&mut pdf, &mut alloc, outline, bookmarks, &page_refs);
        let mut o = pdf.outline(outline);
        o.first(items.0).last(items.1).count(items.2);
    }
    let mut cat = pdf.catalog(catalog);
    cat.pages(pages).lang(TextStr(info.language));
    if let Some(outline) = outline {
        cat.outlines(outline)
            .page_mode(pdf_writer::types::PageMode::UseOutlines);
    }
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    pdf.document_info(info_ref)
        .title(TextStr(info.title))
        .author(TextStr(info.author))
        .creator(TextStr("congkhai"));
    (pdf.finish(), streams)
}

/// Writes `items` under `parent`; returns the first and last item and how many there are
/// in all (every entry open).
fn write_bookmarks(
    pdf: &mut Pdf,
    alloc: &mut impl FnMut() -> Ref,
    parent: Ref,
    items: &[Bookmark],
    pages: &[(Ref, Ref)],
) -> (Ref, Ref, i32) {
    let refs: Vec<Ref> = items.iter().map(|_| alloc()).collect();
    let mut total = 0;
    for (n, item) in items.iter().enumerate() {
        let children = (!item.children.is_empty())
            .then(|| write_bookmarks(pdf, alloc, refs[n], &item.children, pages));
        let mut o = pdf.outline_item(refs[n]);
        o.title(TextStr(&item.title)).parent(parent);
        if n > 0 {
            o.prev(refs[n - 1]);
        }
        if n + 1 < refs.len() {
            o.next(refs[n + 1]);
        }
        if let Some((first, last, count)) = children {
            o.first(first).last(last).count(count);
            total += count;
        }
        if let Some((page, _)) = pages.get(item.page) {
            o.dest().page(*page).xyz(0.0, PAGE_H, None);
        }
        total += 1;
    }
    (refs[0], *refs.last().expect("items"), total)
}

/// Embeds the subset of the TrueType font `data` holding `glyphs` as the Type 0 font
/// `type0`, its glyphs named by their ids in the whole font.
fn embed(
    pdf: &mut Pdf,
    alloc: &mut impl FnMut() -> Ref,
    type0: Ref,
    data: &[u8],
    glyphs: &BTreeMap<u16, &str>,
) {
    let face = rustybuzz::ttf_parser::Face::parse(data, 0).expect("checked by Face::new");
    let (cid, descriptor, file, to_unicode, cid_map) =
        (alloc(), alloc(), alloc(), alloc(), alloc());
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs.keys().copied()).collect();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&ids);
    // A font the subsetter cannot cut is embedded whole, its glyphs at their own ids.
    let subset = subsetter::subset(data, 0, &remapper).ok();
    let (file_data, remapped) = match &subset {
        Some(bytes) => (bytes.as_slice(), true),
        None => (data, false),
    };
    let upem = f32::from(face.units_per_em());
    let em = |v: f32| v * 1000.0 / upem;
    let base = postscript_name(&face);
    // The subset's tag: six capitals from the glyphs it holds, the same for the same set.
    let hash = xxhash_rust::xxh3::xxh3_64(
        &ids.iter()
            .flat_map(|g| g.to_be_bytes())
            .collect::<Vec<u8>>(),
    );
    let tag: String = (0..6)
        .map(|n| char::from(b'A' + ((hash >> (n * 5)) % 26) as u8))
        .collect();
    let name = format!("{tag}+{base}");
    pdf.type0_font(type0)
        .base_font(Name(name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(to_unicode);
    let mut font = pdf.cid_font(cid);
    font.subtype(CidFontType::Type2)
        .base_font(Name(name.as_bytes()))
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(descriptor)
        .default_width(0.0);
    if remapped {
        font.cid_to_gid_map_stream(cid_map);
    } else {
        font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    {
        let mut widths = font.widths();
        for &g in glyphs.keys() {
            let advance = face
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g))
                .map_or(0.0, f32::from);
            widths.consecutive(g, [em(advance)]);
        }
    }
    font.finish();
    let bbox = face.global_bounding_box();
    let mut flags = FontFlags::SYMBOLIC;
    if face.is_monospaced() {
        flags |= FontFlags::FIXED_PITCH;
    }
    pdf.font_descriptor(descriptor)
        .name(Name(name.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            em(f32::from(bbox.x_min)),
            em(f32::from(bbox.y_min)),
            em(f32::from(bbox.x_max)),
            em(f32::from(bbox.y_max)),
        ))
        .italic_angle(0.0)
        .ascent(em(f32::from(face.ascender())))
        .descent(em(f32::from(face.descender())))
        .cap_height(em(f32::from(
            face.capital_height().unwrap_or(face.ascender()),
        )))
        .stem_v(80.0)
        .font_file2(file);
    pdf.stream(file, &deflate(file_data))
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), file_data.len() as i32);
    // CID (the whole font's glyph id) → the subset's glyph id.
    if remapped {
        let last = ids.last().copied().unwrap_or(0);
        let mut map = vec![0u8; (usize::from(last) + 1) * 2];
        for &g in &ids {
            let new = remapper.get(g).unwrap_or(0);
            map[usize::from(g) * 2..usize::from(g) * 2 + 2].copy_from_slice(&new.to_be_bytes());
        }
        pdf.stream(cid_map, &deflate(&map))
            .filter(Filter::FlateDecode);
    }
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"UCS"),
        supplement: 0,
    };
    let mut cmap = UnicodeCmap::new(Name(b"Adobe-Identity-UCS"), info);
    for (&g, text) in glyphs {
        if !text.is_empty() {
            cmap.pair_with_multiple(g, text.chars());
        }
    }
    pdf.stream(to_unicode, &cmap.finish());
}

/// The font's PostScript name, else a name made of its family's letters.
fn postscript_name(face: &rustybuzz::ttf_parser::Face) -> String {
    let names = face.names();
    let find = |id: u16| {
        (0..names.len())
            .filter_map(|n| names.get(n))
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    find(rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME)
        .or_else(|| find(rustybuzz::ttf_parser::name_id::FAMILY))
        .unwrap_or_else(|| "Font".to_string())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
