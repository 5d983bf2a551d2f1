//! Text on a PDF sheet: runs of text shaped with rustybuzz in the theme's fonts (so a line
//! is measured exactly as it is drawn), broken into lines at spaces (a word longer than
//! the line, such as an address, breaks anywhere), and drawn by glyph id on a sheet
//! ([`super::writer`]), whose text layer maps every glyph back to the text it shows.
//! Italic is the regular face slanted, as a browser does when a font has no italic. Khmer
//! letters are set in the Khmer faces, shaped with Khmer rules, when the theme has them.

use super::writer::{FontId, Sheet};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A font file, to embed and to shape with.
pub struct Face {
    pub(super) data: Cow<'static, [u8]>,
    pub(super) id: FontId,
}

impl Face {
    /// The font in `data`; `None` when it is not a TrueType font (the packs embed its
    /// outlines as they are, by glyph id).
    fn new(data: Cow<'static, [u8]>, id: FontId) -> Option<Face> {
        let face = rustybuzz::ttf_parser::Face::parse(&data, 0).ok()?;
        face.tables().glyf?;
        Some(Face { data, id })
    }
}

/// The faces a sheet is set in: regular and bold, and the same for Khmer when the theme has
/// them.
pub struct Fonts {
    regular: Face,
    bold: Face,
    khmer: Option<(Face, Face)>,
}

impl Fonts {
    /// The fonts from their files; `None` when one is not a font.
    pub fn new(regular: Cow<'static, [u8]>, bold: Cow<'static, [u8]>) -> Option<Fonts> {
        Some(Fonts {
            regular: Face::new(regular, FontId::Regular)?,
            bold: Face::new(bold, FontId::Bold)?,
            khmer: None,
        })
    }

    /// With regular and bold Khmer faces (ignored when either is not a font).
    pub fn with_khmer(mut self, regular: Cow<'static, [u8]>, bold: Cow<'static, [u8]>) -> Fonts {
        self.khmer =
            Face::new(regular, FontId::KhmerRegular).zip(Face::new(bold, FontId::KhmerBold));
        self
    }

    /// The face of `id`, when the theme has it.
    pub(super) fn by_id(&self, id: FontId) -> Option<&Face> {
        match id {
            FontId::Regular => Some(&self.regular),
            FontId::Bold => Some(&self.bold),
            FontId::KhmerRegular => self.khmer.as_ref().map(|k| &k.0),
            FontId::KhmerBold => self.khmer.as_ref().map(|k| &k.1),
        }
    }

    /// The face a run in `style` is set in.
    pub(super) fn face(&self, style: Style) -> &Face {
        match (&self.khmer, style.khmer, style.bold) {
            (Some((_, bold)), true, true) => bold,
            (Some((regular, _)), true, false) => regular,
            (_, _, true) => &self.bold,
            _ => &self.regular,
        }
    }
}

/// A letter of the Khmer script (Khmer and Khmer Symbols blocks).
pub fn is_khmer(c: char) -> bool {
    matches!(c, '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}')
}

/// A face parsed for shaping, with its plan for one script (left to right).
struct Parsed<'f> {
    face: rustybuzz::Face<'f>,
    plan: rustybuzz::ShapePlan,
    script: rustybuzz::Script,
    units_per_em: f32,
    id: FontId,
}

impl<'f> Parsed<'f> {
    fn new(face: &'f Face, script: rustybuzz::Script) -> Parsed<'f> {
        let rb = rustybuzz::Face::from_slice(&face.data, 0).expect("checked by Face::new");
        let plan = rustybuzz::ShapePlan::new(
            &rb,
            rustybuzz::Direction::LeftToRight,
            Some(script),
            None,
            &[],
        );
        Parsed {
            units_per_em: rb.units_per_em() as f32,
            face: rb,
            plan,
            script,
            id: face.id,
        }
    }
}

/// Runs shaped, by face and text.
type ShapedRuns = HashMap<(FontId, Box<str>), Rc<Shaped>>;

/// The fonts ready to shape with: parsed, and planned, once per document (parsing and
/// planning cost more than shaping a line), and the runs shaped so far (a pack sets the
/// same labels, field and office names on many sheets).
pub struct Shaper<'f> {
    pub fonts: &'f Fonts,
    regular: Parsed<'f>,
    bold: Parsed<'f>,
    khmer: Option<(Parsed<'f>, Parsed<'f>)>,
    shaped: RefCell<ShapedRuns>,
}

impl<'f> Shaper<'f> {
    pub fn new(fonts: &'f Fonts) -> Shaper<'f> {
        let latin = rustybuzz::script::LATIN;
        let khmer = rustybuzz::script::KHMER;
        Shaper {
            fonts,
            regular: Parsed::new(&fonts.regular, latin),
            bold: Parsed::new(&fonts.bold, latin),
            khmer: fonts
                .khmer
                .as_ref()
                .map(|(r, b)| (Parsed::new(r, khmer), Parsed::new(b, khmer))),
            shaped: RefCell::new(HashMap::new()),
        }
    }

    /// `text` shaped in the face of `style`, from the runs shaped before when it was.
    fn shape(&self, style: Style, text: &str) -> Rc<Shaped> {
        let parsed = self.parsed(style);
        let mut cache = self.shaped.borrow_mut();
        if let Some(shaped) = cache.get(&(parsed.id, Box::from(text))) {
            return shaped.clone();
        }
        let shaped = Rc::new(shape(parsed, text));
        // A bound on what one pack keeps: its texts repeat, its documents rarely.
        if cache.len() >= 20_000 {
            cache.clear();
        }
        cache.insert((parsed.id, Box::from(text)), shaped.clone());
        shaped
    }

    fn parsed(&self, style: Style) -> &Parsed<'f> {
        match (&self.khmer, style.khmer, style.bold) {
            (Some((_, bold)), true, true) => bold,
            (Some((regular, _)), true, false) => regular,
            (_, _, true) => &self.bold,
            _ => &self.regular,
        }
    }

    /// Whether Khmer letters have a face of their own.
    fn has_khmer(&self) -> bool {
        self.khmer.is_some()
    }
}

/// How a run of text is set. Sizes are in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    /// Set in the Khmer faces (a run is split where its script changes).
    pub khmer: bool,
}

impl Style {
    pub const fn regular(size: f32) -> Style {
        Style {
            size,
            bold: false,
            italic: false,
            khmer: false,
        }
    }

    pub const fn bold(size: f32) -> Style {
        Style {
            size,
            bold: true,
            italic: false,
            khmer: false,
        }
    }

    pub const fn italic(size: f32) -> Style {
        Style {
            size,
            bold: false,
            italic: true,
            khmer: false,
        }
    }
}

/// `run` split where its script changes between Khmer and the rest (spaces and punctuation
/// stay with the letters before them); the run itself when it has no Khmer.
fn by_script(run: Run<'_>) -> Vec<Run<'_>> {
    if !run.text.chars().any(is_khmer) {
        return vec![run];
    }
    let mut out: Vec<Run> = Vec::new();
    let mut start = 0;
    let mut khmer: Option<bool> = None;
    for (at, c) in run.text.char_indices() {
        if !c.is_alphanumeric() && !is_khmer(c) {
            continue;
        }
        let this = is_khmer(c);
        match khmer {
            Some(k) if k != this => {
                out.push(Run {
                    style: Style {
                        khmer: k,
                        ..run.style
                    },
                    text: Cow::Owned(run.text[start..at].to_string()),
                });
                start = at;
                khmer = Some(this);
            }
            None => khmer = Some(this),
            _ => {}
        }
    }
    out.push(Run {
        style: Style {
            khmer: khmer.unwrap_or(false),
            ..run.style
        },
        text: Cow::Owned(run.text[start..].to_string()),
    });
    out
}

/// A run of text in one style.
pub struct Run<'t> {
    pub style: Style,
    pub text: Cow<'t, str>,
}

pub fn run<'t>(style: Style, text: impl Into<Cow<'t, str>>) -> Run<'t> {
    Run {
        style,
        text: text.into(),
    }
}

#[derive(Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A glyph as shaped: its id in the font, where it sits (in ems), what it shows.
#[derive(Clone, Debug)]
pub struct Glyph {
    pub id: u16,
    /// The advance with kerning, and the font's own advance (what the PDF's widths say).
    pub advance: f32,
    pub font_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// The bytes of the run's text this glyph's cluster shows.
    pub text: std::ops::Range<usize>,
}

/// One run's glyphs, shaped.
struct Shaped {
    glyphs: Vec<Glyph>,
    /// Whether each glyph is a space (where lines may break).
    space: Vec<bool>,
}

fn shape(parsed: &Parsed, text: &str) -> Shaped {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.set_script(parsed.script);
    let output = rustybuzz::shape_with_plan(&parsed.face, &parsed.plan, buffer);
    let upem = parsed.units_per_em;
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut space = Vec::with_capacity(infos.len());
    for (n, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        // A cluster runs to the next glyph's cluster that differs (left to right).
        let end = infos[n + 1..]
            .iter()
            .map(|i| i.cluster as usize)
            .find(|&c| c != start)
            .unwrap_or(text.len());
        space.push(text[start..end].chars().all(char::is_whitespace));
        let id = info.glyph_id as u16;
        let font_advance = parsed
            .face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id))
            .map_or(0.0, |a| f32::from(a) / upem);
        glyphs.push(Glyph {
            id,
            advance: pos.x_advance as f32 / upem,
            font_advance,
            x_offset: pos.x_offset as f32 / upem,
            y_offset: pos.y_offset as f32 / upem,
            text: start..end,
        });
    }
    Shaped { glyphs, space }
}

/// Glyphs `from..to` of run `run`, placed at `x` on a line.
struct Piece {
    run: usize,
    from: usize,
    to: usize,
    x: f32,
}

/// A line: its pieces, its width, and its height and baseline from its top.
struct Line {
    pieces: Vec<Piece>,
    width: f32,
    height: f32,
    baseline: f32,
}

/// Runs set in a width: the lines, ready to be measured and drawn.
pub struct Block<'t> {
    runs: Vec<Run<'t>>,
    shaped: Vec<Rc<Shaped>>,
    lines: Vec<Line>,
    width: f32,
    align: Align,
}

/// The ascender of Noto Sans, in ems: where the baseline sits in a line's box.
const ASCENT: f32 = 1.069;
const DESCENT: f32 = 0.293;

impl<'t> Block<'t> {
    /// Sets `runs` in lines of at most `width` points, each `line_height` times its
    /// largest size high (as CSS `line-height`).
    pub fn new(
        shaper: &Shaper,
        runs: Vec<Run<'t>>,
        width: f32,
        line_height: f32,
        align: Align,
    ) -> Block<'t> {
        let runs: Vec<Run<'t>> = if shaper.has_khmer() {
            runs.into_iter().flat_map(by_script).collect()
        } else {
            runs
        };
        let shaped: Vec<Rc<Shaped>> = runs
            .iter()
            .map(|r| shaper.shape(r.style, &r.text))
            .collect();
        // Boxes between spaces: (run, glyph) ranges with their widths.
        let advance = |r: usize, g: usize| shaped[r].glyphs[g].advance * runs[r].style.size;
        let mut lines: Vec<Line> = Vec::new();
        let mut line: Vec<Piece> = Vec::new();
        let mut x = 0.0f32;
        // Pending space before the next word: (run, glyph, width).
        let mut pending: Option<(usize, usize, f32)> = None;
        let mut word: Vec<(usize, usize)> = Vec::new();
        let finish_line = |line: &mut Vec<Piece>, lines: &mut Vec<Line>, x: f32| {
            let pieces = std::mem::take(line);
            lines.push(Line {
                pieces,
                width: x,
                height: 0.0,
                baseline: 0.0,
            });
        };
        let place_word = |word: &mut Vec<(usize, usize)>,
                          pending: &mut Option<(usize, usize, f32)>,
                          line: &mut Vec<Piece>,
                          lines: &mut Vec<Line>,
                          x: &mut f32| {
            if word.is_empty() {
                return;
            }
            let word_width: f32 = word.iter().map(|&(r, g)| advance(r, g)).sum();
            let space = pending.map_or(0.0, |p| p.2);
            if !line.is_empty() && *x + space + word_width > width {
                finish_line(line, lines, *x);
                *x = 0.0;
            } else if let (Some((r, g, w)), false) = (*pending, line.is_empty()) {
                push_glyph(line, r, g, *x);
                *x += w;
            }
            *pending = None;
            for &(r, g) in word.iter() {
                let w = advance(r, g);
                // A word longer than the line breaks where it runs out.
                if *x + w > width && !line.is_empty() && *x > 0.0 {
                    finish_line(line, lines, *x);
                    *x = 0.0;
                }
                push_glyph(line, r, g, *x);
                *x += w;
            }
            word.clear();
        };
        for (r, s) in shaped.iter().enumerate() {
            for g in 0..s.glyphs.len() {
                if s.space[g] {
                    place_word(&mut word, &mut pending, &mut line, &mut lines, &mut x);
                    // Runs of spaces count as one, as in HTML.
                    if pending.is_none() && !line.is_empty() {
                        pending = Some((r, g, advance(r, g)));
                    }
                } else {
                    word.push((r, g));
                }
            }
        }
        place_word(&mut word, &mut pending, &mut line, &mut lines, &mut x);
        if !line.is_empty() || lines.is_empty() {
            finish_line(&mut line, &mut lines, x);
        }
        // Heights: the largest size on the line (the first run's for an empty block).
        for l in &mut lines {
            let size = l
                .pieces
                .iter()
                .map(|p| runs[p.run].style.size)
                .fold(runs.first().map_or(0.0, |r| r.style.size), f32::max);
            l.height = size * line_height;
            l.baseline = (l.height - (ASCENT + DESCENT) * size) / 2.0 + ASCENT * size;
        }
        Block {
            runs,
            shaped,
            lines,
            width,
            align,
        }
    }

    /// The widest line's width, in points.
    pub fn natural_width(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }

    /// The first line's baseline, from the block's top.
    pub fn first_baseline(&self) -> f32 {
        self.lines.first().map_or(0.0, |l| l.baseline)
    }

    /// The first run's style.
    pub fn first_style(&self) -> Style {
        self.runs.first().map_or(Style::regular(12.0), |r| r.style)
    }

    /// The block's height, in points.
    pub fn height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }

    /// Draws the block with its top left corner at `(x, y)` (y down).
    pub fn draw(&self, sheet: &mut Sheet, fonts: &Fonts, x: f32, y: f32) {
        let mut top = y;
        for line in &self.lines {
            let shift = match self.align {
                Align::Left => 0.0,
                Align::Center => (self.width - line.width) / 2.0,
                Align::Right => self.width - line.width,
            };
            let baseline = top + line.baseline;
            for p in &line.pieces {
                let run = &self.runs[p.run];
                sheet.glyphs(
                    fonts.face(run.style).id,
                    run.style.size,
                    run.style.italic,
                    (x + shift + p.x, baseline),
                    &self.shaped[p.run].glyphs[p.from..p.to],
                    &run.text,
                );
            }
            top += line.height;
        }
    }
}

/// Adds glyph `g` of run `r` at `x` to the line, extending the last piece when it follows.
fn push_glyph(line: &mut Vec<Piece>, r: usize, g: usize, x: f32) {
    if let Some(last) = line.last_mut()
        && last.run == r
        && last.to == g
    {
        last.to = g + 1;
        return;
    }
    line.push(Piece {
        run: r,
        from: g,
        to: g + 1,
        x,
    });
}
