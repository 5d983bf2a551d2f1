//! The render stage: lists every output file of the site (the route table), checks the
//! links written in content against it, then renders each page through the theme and hands
//! the bytes to the writer. This is the one place that runs in parallel: pages are rendered
//! with rayon over the immutable model.

mod charts;
mod context;
mod dcat;
mod digest;
mod feeds;
mod fit;
mod indexes;
mod inputs;
mod json_ld;
mod linked;
mod open_data_page;
mod opendata;
mod pages;
pub mod pdf;
mod pieces;
mod posters;
pub use posters::SheetChecks;
mod redirects;
mod routes;
mod search;
mod stats;
pub mod views;

/// How many former addresses the site redirects (`_redirects` lines).
pub fn redirect_count(model: &Model) -> usize {
    redirects::old_keys(model).len()
}

/// What every CSV file starts with: the UTF-8 byte-order mark, so Excel reads it as UTF-8.
pub const CSV_BOM: &str = "\u{feff}";

use crate::diagnostic::{Diagnostics, Location};
use crate::model::Model;
use crate::output::{OutputError, Staging};
use crate::printed::Printed;
use crate::theme::Theme;
use crate::urls::output_file;
use context::PageContext;
use rayon::prelude::*;
pub use routes::Routes;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use views::{Meta, SiteView};

/// The templates of the files made from one procedure (see [`inputs`]).
const PROCEDURE_TEMPLATE: &str = "procedure.html";
const POSTER_TEMPLATE: &str = "poster_procedure.html";

/// A problem met while making one file: where, and what.
type Problem = (Location, String);

/// One output file and how to make it.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Procedures,
    /// A page of one letter of the A–Z index: letter, page (from 0).
    Letter(usize, usize),
    Procedure(usize),
    Fields,
    /// A catalogue entry's listing: entry, page (from 0).
    Field(usize, usize),
    Levels,
    Level(usize, usize),
    Agencies,
    Agency(usize, usize),
    Offices,
    Office(usize, usize),
    Page(usize),
    NotFound,
    Asset(usize),
    Form(usize),
    SiteStatic(usize),
    /// A standalone QR code: index into [`Printed::codes`].
    QrSvg(usize),
    Posters,
    ProcedurePoster(usize),
    FieldPoster(usize),
    /// A part of a field's label sheets: field, part (from 0).
    FieldLabels(usize, usize),
    FieldPosterList(usize),
    OfficePoster(usize),
    OfficeLabels(usize, usize),
    OfficePosterList(usize),
    /// The PDF of an office's or a field's posters and labels.
    PrintPack(pdf::PackOf),
    Search,
    SearchIndex,
    Sitemap,
    Robots,
    StatsHome,
    StatsPeriod(usize),
    StatsTrend,
    StatsIndices,
    /// Index into [`stats::scopes`].
    StatsScope(usize),
    /// One period's data, or all periods' (`None`).
    StatsCsv(Option<usize>),
    StatsJson(Option<usize>),
    /// The "Dữ liệu mở" page.
    OpenData,
    OpenDataFile(OpenFile),
    /// Recent and announced changes to the catalogue.
    Changes,
    Feed(feeds::FeedOf),
    /// A catalogue entry's former address.
    Redirect(redirects::OldKey),
    /// Every redirect, for hosts that read `_redirects` (Netlify, Cloudflare Pages).
    HostRedirects,
    /// Every redirect, as an nginx `map`.
    NginxRedirects,
}

/// A file made from one piece per procedure ([`pieces`]).
#[derive(Debug, Clone, Copy)]
enum Whole {
    Json,
    Jsonl,
    Csv,
    Cpsv,
    Search,
}

/// A file of the open data.
#[derive(Debug, Clone, Copy)]
enum OpenFile {
    /// The records as JSON, JSON Lines, CSV, or the CPSV-AP graph.
    Whole(Whole),
    Catalog,
    Schema,
    Dcat,
}

/// The jobs that make a file without a template, as a pattern: listed once, used where
/// jobs are told apart, so a new kind of job must be placed on one side or the other.
macro_rules! not_a_page {
    () => {
        Job::Asset(_)
            | Job::Form(_)
            | Job::SiteStatic(_)
            | Job::QrSvg(_)
            | Job::SearchIndex
            | Job::Sitemap
            | Job::Robots
            | Job::StatsCsv(_)
            | Job::StatsJson(_)
            | Job::OpenDataFile(_)
            | Job::Feed(_)
            | Job::Redirect(_)
            | Job::HostRedirects
            | Job::NginxRedirects
            | Job::PrintPack(_)
    };
}

// After the macro, which they use.
mod in_memory;
mod live;
mod page;

pub use in_memory::inspect;
pub use live::{Live, Parts};

impl Job {
    /// The whole-catalogue file the job makes, if it makes one.
    fn whole(self) -> Option<Whole> {
        match self {
            Job::SearchIndex => Some(Whole::Search),
            Job::OpenDataFile(OpenFile::Whole(of)) => Some(of),
            _ => None,
        }
    }

    /// Whether the file is a page rendered through a template.
    fn is_page(self) -> bool {
        !matches!(self, not_a_page!())
    }
}

/// Makes every file of `routes` on every core: the print packs' results, then the other
/// files' in order. A print pack costs as much as a thousand pages: packs are handed out
/// one at a time, beside the pages, so they spread over every core instead of landing on
/// one. (The two are not joined into one vector: a result is held for every file of the
/// site, and a copy of them all would be the build's highest point.)
fn each_file<'r, T: Send>(
    routes: &'r Routes,
    make: impl Fn((&'r String, &'r Job)) -> T + Sync + Send,
) -> [Vec<T>; 2] {
    let (packs, files): (Vec<_>, Vec<_>) = routes
        .files
        .iter()
        .partition(|(_, job)| matches!(job, Job::PrintPack(_)));
    let (packs, files) = rayon::join(
        || {
            packs
                .into_par_iter()
                .with_max_len(1)
                .map(&make)
                .collect::<Vec<_>>()
        },
        || files.into_par_iter().map(&make).collect::<Vec<_>>(),
    );
    [packs, files]
}

/// The values of per-file results, or every problem among them.
fn gather<T>(results: impl IntoIterator<Item = Result<T, Problem>>) -> Result<Vec<T>, Diagnostics> {
    let results = results.into_iter();
    let mut diags = Diagnostics::new();
    let mut values = Vec::with_capacity(results.size_hint().0);
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err((at, message)) => diags.error(at, message),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(values)
    }
}

/// What was rendered: every file of the build, how many are pages, and how many pages were
/// rendered (the others were found unchanged without rendering them).
#[derive(Debug, Default, Clone)]
pub struct Written {
    pub pages: usize,
    pub rendered: usize,
    /// Sheets of the print packs made: drawn, and taken as they were from the packs in
    /// place.
    pub sheets: Sheets,
    pub files: Vec<crate::output::Entry>,
    /// What the files made say of themselves (a print pack's sheet that ran over).
    pub warnings: Vec<Problem>,
}

/// Sheets of print packs: drawn, and taken from the packs in place.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sheets {
    pub drawn: usize,
    pub taken: usize,
}

/// One file of [`write`]: its entry, whether it is a page, whether it was made. One is held
/// for every file of the site until all are written (hundreds of thousands at national
/// scale), so the rare warning is boxed.
struct Done {
    page: bool,
    made: bool,
    entry: crate::output::Entry,
    warning: Option<Box<Problem>>,
    sheets: Sheets,
}

/// Renders and writes every file of `routes` into `staging`. Problems in templates are
/// collected for all pages, not only the first.
/// Told of each file written, so a long build can show progress.
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// No progress shown.
pub struct Silent;

impl Progress for Silent {}

/// Why writing a build failed: problems in templates (every one, for the editor), or the
/// output itself (disk full, permissions: one message, the first).
pub enum WriteFailure {
    Problems(Diagnostics),
    Output(OutputError),
}

/// A file that could not be made.
enum Failure {
    Template(Box<Problem>),
    Output(OutputError),
}

impl From<Problem> for Failure {
    fn from(problem: Problem) -> Failure {
        Failure::Template(Box::new(problem))
    }
}

pub fn write(
    model: &Model,
    theme: &Theme,
    printed: &Printed,
    routes: &Routes,
    staging: &Staging,
    progress: &dyn Progress,
) -> Result<Written, WriteFailure> {
    progress.start(routes.files.len());
    let renderer = Renderer {
        staging: Some(staging),
        ..Renderer::new(model, theme, printed, routes)
    };
    let seed = Some(theme.running);
    let make = |(file, job): (&String, &Job)| -> Result<Done, Failure> {
        let at = Failure::Output;
        // A page whose context is as it was for the page in place is as it was.
        if let Some(previous) = staging.previous_digest(file)
            && renderer.unchanged(file, *job, previous)?
            && let Some(entry) = staging.keep(file).map_err(at)?
        {
            progress.advance();
            return Ok(Done {
                page: job.is_page(),
                made: false,
                entry,
                warning: None,
                sheets: Sheets::default(),
            });
        }
        let Made {
            content,
            digest,
            warning,
            sheets,
        } = renderer.produce(file, *job, seed)?;
        let is_page = matches!(content, Produced::Page(_));
        let result = match content {
            Produced::Page(html) => staging.write(file, html.as_bytes(), digest),
            Produced::Bytes(bytes) => staging.write(file, bytes.as_slice(), digest),
            Produced::Borrowed(bytes) => staging.write(file, bytes, digest),
            Produced::Stream(write) => staging.write_stream(file, write, digest),
            Produced::Copy(from) => staging.copy(file, from),
        };
        progress.advance();
        result
            .map(|entry| Done {
                page: is_page,
                made: true,
                entry,
                warning: warning.map(Box::new),
                sheets,
            })
            .map_err(at)
    };
    let [packs, files] = each_file(routes, make);
    progress.finish();
    pdf::store::prune(
        staging.target(),
        routes
            .files
            .iter()
            .filter(|(_, job)| matches!(job, Job::PrintPack(_)))
            .map(|(file, _)| file.as_str()),
    );
    pieces::prune(
        staging.target(),
        routes
            .files
            .iter()
            .filter(|(_, job)| job.whole().is_some())
            .map(|(file, _)| file.as_str()),
    );
    // One pass over the results, each file's entry taken from its result. The pages' are
    // collected where their results were (no second vector of every file at the end).
    let mut written = Written::default();
    let mut problems = Diagnostics::new();
    let mut failed = None;
    let mut entry = |result: Result<Done, Failure>| match result {
        Ok(done) => {
            written.pages += usize::from(done.page);
            written.rendered += usize::from(done.page && done.made);
            written.sheets.drawn += done.sheets.drawn;
            written.sheets.taken += done.sheets.taken;
            written.warnings.extend(done.warning.map(|w| *w));
            Some(done.entry)
        }
        Err(Failure::Template(problem)) => {
            let (at, message) = *problem;
            problems.error(at, message);
            None
        }
        Err(Failure::Output(e)) => {
            failed.get_or_insert(e);
            None
        }
    };
    let packs: Vec<crate::output::Entry> = packs.into_iter().filter_map(&mut entry).collect();
    let mut files: Vec<crate::output::Entry> = files.into_iter().filter_map(&mut entry).collect();
    files.reserve_exact(packs.len());
    files.splice(0..0, packs);
    written.files = files;
    if let Some(e) = failed {
        return Err(WriteFailure::Output(e));
    }
    if problems.has_errors() {
        return Err(WriteFailure::Problems(problems));
    }
    Ok(written)
}

/// One output file, made.
struct Made<'a> {
    content: Produced<'a>,
    /// What the file was made from, hashed, when asked for and known (see [`context`] and
    /// [`inputs`]).
    digest: Option<u128>,
    warning: Option<Problem>,
    /// A print pack's sheets, drawn and taken.
    sheets: Sheets,
}

/// Up to this many procedures, a record made for the JSON file is kept for the JSON Lines
/// file (or the other way round); above, each file makes its own, so that no more than a
/// batch of them is ever held (hundreds of megabytes at national scale).
const SHARED_RECORDS: usize = 20_000;

/// Writes a file's bytes to the sink it is given.
type Writer<'a> = Box<dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()> + Send + 'a>;

/// The content of one output file.
enum Produced<'a> {
    Page(String),
    Bytes(Vec<u8>),
    Borrowed(&'a [u8]),
    /// A file written as it is made, never whole in memory (the largest downloads).
    Stream(Writer<'a>),
    Copy(&'a std::path::Path),
}

struct Renderer<'a> {
    model: &'a Model,
    theme: &'a Theme,
    printed: &'a Printed,
    /// Output files of the pages listed in the sitemap.
    pages: Vec<&'a str>,
    /// The statistics scopes, as planned.
    scopes: &'a [crate::statistics::Scope],
    letters: &'a [pages::Letter],
    site: SiteView<'a>,
    forms: Vec<&'a crate::load::CopiedFile>,
    /// Keys of the files made from one procedure, and of QR codes.
    inputs: Option<inputs::Inputs>,
    /// Every procedure's summary, by position, for the listings.
    summaries: views::Summaries<'a>,
    /// Procedures' open-data records, each made once for the JSON and JSON Lines files
    /// (none kept above [`SHARED_RECORDS`] procedures).
    records: Vec<std::sync::OnceLock<String>>,
    /// The print fonts and their digest, read when the first pack is made.
    print_fonts: std::sync::OnceLock<Option<(pdf::text::Fonts, u128)>>,
    /// The build being written, when it is written to a folder. The site in place there
    /// gives its unchanged pack sheets ([`pdf::store`]) and whole-catalogue pieces
    /// ([`pieces`]) to the files made again.
    staging: Option<&'a Staging>,
}

impl<'a> Renderer<'a> {
    fn new(
        model: &'a Model,
        theme: &'a Theme,
        printed: &'a Printed,
        routes: &'a Routes,
    ) -> Renderer<'a> {
        // Pages worth indexing by search engines: not the printables, not the 404 page.
        let pages = routes
            .files
            .iter()
            .filter(|(_, job)| !matches!(job, Job::Redirect(_)))
            .map(|(f, _)| f.as_str())
            .filter(|f| f.ends_with(".html") && *f != "404.html")
            .filter(|f| !f.starts_with(&model.urls.posters()))
            .collect();
        let site = views::site(model);
        Renderer {
            inputs: inputs::Inputs::new(model, &site, theme.running),
            model,
            theme,
            printed,
            site,
            forms: model.forms.values().collect(),
            pages,
            scopes: &routes.scopes,
            letters: &routes.letters,
            summaries: views::Summaries::new(model),
            records: if model.procedures.len() <= SHARED_RECORDS {
                (0..model.procedures.len())
                    .map(|_| std::sync::OnceLock::new())
                    .collect()
            } else {
                Vec::new()
            },
            print_fonts: std::sync::OnceLock::new(),
            staging: None,
        }
    }
}

impl Renderer<'_> {
    /// One file of the open data; the large ones in pieces.
    fn open_data_file<'f>(&'f self, f: OpenFile, file: &'f str) -> Produced<'f> {
        let m = self.model;
        let text = |t: String| Produced::Bytes(t.into_bytes());
        match f {
            OpenFile::Whole(of) => self.whole(of, file),
            OpenFile::Catalog => text(opendata::catalog_json(m)),
            OpenFile::Schema => Produced::Borrowed(opendata::SCHEMA.as_bytes()),
            OpenFile::Dcat => text(dcat::dcat_ap(m)),
        }
    }

    /// The theme's print fonts, and a digest of them.
    fn print_fonts(&self) -> Result<&(pdf::text::Fonts, u128), Problem> {
        self.print_fonts
            .get_or_init(|| {
                let [regular, bold] = crate::theme::PRINT_FONTS
                    .map(|name| self.theme.fonts.get(name).cloned());
                let (regular, bold) = (regular?, bold?);
                let mut hash = xxhash_rust::xxh3::Xxh3::new();
                hash.update(&regular);
                hash.update(&bold);
                let mut fonts = pdf::text::Fonts::new(regular, bold)?;
                let [khmer, khmer_bold] = crate::theme::KHMER_FONTS
                    .map(|name| self.theme.fonts.get(name).cloned());
                if let (Some(k), Some(b)) = (khmer, khmer_bold) {
                    hash.update(&k);
                    hash.update(&b);
                    fonts = fonts.with_khmer(k, b);
                }
                Some((fonts, hash.digest128()))
            })
            .as_ref()
            .ok_or_else(|| {
                (
                    Location::file(format!("themes/{}/fonts", self.model.config.theme)),
                    format!(
                        "the print packs need the fonts {} as TrueType fonts (.ttf with glyph outlines): put them in the theme's fonts/ folder, or set `[print] pdf = false`",
                        crate::theme::PRINT_FONTS.join(" and ")
                    ),
                )
            })
    }

    /// The key of `of`'s pack, made from what it prints without laying it out.
    fn pack_key(&self, of: pdf::PackOf) -> Result<Option<u128>, Problem> {
        let (_, fonts) = self.print_fonts()?;
        let Some(inputs) = &self.inputs else {
            return Ok(None);
        };
        let sources = pdf::sources(self.model, self.printed, &self.summaries, of);
        Ok(sources.map(|(name, procedures)| {
            inputs.pack(self.model, &name, *fonts, procedures.iter().copied())
        }))
    }

    /// A procedure's open-data record, as one line of JSON.
    fn record(&self, i: usize) -> String {
        let make = || opendata::record_line(self.model, &self.model.procedures[i]);
        match self.records.get(i) {
            Some(kept) => kept.get_or_init(make).clone(),
            None => make(),
        }
    }

    /// A whole-catalogue file, written as it is assembled from pieces.
    fn whole<'f>(&'f self, of: Whole, file: &'f str) -> Produced<'f> {
        Produced::Stream(Box::new(move |out| self.assemble(of, file, out)))
    }

    /// Writes a whole-catalogue file from one piece per procedure: the pieces whose key is
    /// unchanged are copied from the file in place, the others made ([`pieces`]).
    fn assemble(&self, of: Whole, file: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let m = self.model;
        // Without keys (something could not be hashed), every piece is made.
        let store = self
            .inputs
            .as_ref()
            .zip(self.staging)
            .map(|(_, staging)| (pieces::Store::new(staging.target()), staging));
        let kept = store
            .as_ref()
            .and_then(|(store, staging)| store.read(file, staging.listed(file)));
        let salt = xxhash_rust::xxh3::xxh3_128(file.as_bytes());
        let items = |has: fn(&crate::model::Procedure) -> bool| -> Vec<(usize, u128)> {
            let key = |i| {
                self.inputs
                    .as_ref()
                    .map_or(0, |inputs| inputs.procedure(m, i, salt))
            };
            (0..m.procedures.len())
                .filter(|&i| has(&m.procedures[i]))
                .map(|i| (i, key(i)))
                .collect()
        };
        let every = |_: &crate::model::Procedure| true;
        let mut a = pieces::Assembler::new(out, kept);
        match of {
            Whole::Json => {
                a.write(&opendata::json_head(m, m.procedures.len()))?;
                a.pieces(&items(every), b",", true, &|i| {
                    self.record(i).into_bytes().into()
                })?;
                a.write(opendata::JSON_END)?;
            }
            Whole::Jsonl => {
                a.pieces(&items(every), b"", true, &|i| {
                    let mut line = self.record(i);
                    line.push('\n');
                    line.into_bytes().into()
                })?;
            }
            Whole::Csv => {
                a.write(&opendata::csv_head())?;
                a.pieces(&items(every), b"", false, &|i| {
                    opendata::csv_row(m, &m.procedures[i]).into()
                })?;
            }
            Whole::Search => {
                a.write(&search::head(m))?;
                a.pieces(&items(search::has), b",", false, &|i| {
                    search::item(m, &m.procedures[i]).into()
                })?;
                a.write(search::END)?;
            }
            Whole::Cpsv => {
                let cpsv = linked::Cpsv::new(m);
                a.write(&cpsv.head())?;
                for (iri, node) in cpsv.first() {
                    a.share(iri, node);
                }
                a.pieces(&items(linked::Cpsv::has), b"", true, &|i| {
                    cpsv.piece(m, &m.procedures[i])
                })?;
                a.shared_nodes(b",")?;
                a.write(linked::CPSV_END)?;
            }
        }
        a.finish(store.as_ref().map(|(store, _)| (store, file)));
        Ok(())
    }

    /// The key of a file made from what [`inputs`] lists, without making it.
    fn key(&self, job: Job) -> Option<u128> {
        let inputs = self.inputs.as_ref()?;
        match job {
            Job::Procedure(i) => Some(inputs.procedure(
                self.model,
                i,
                self.theme.template_digest(PROCEDURE_TEMPLATE),
            )),
            Job::ProcedurePoster(i) => {
                Some(inputs.procedure(self.model, i, self.theme.template_digest(POSTER_TEMPLATE)))
            }
            Job::QrSvg(i) => inputs.qr(&self.printed.codes()[i].1.qr),
            _ => None,
        }
    }

    /// Makes one file's content. With a `seed` (which congkhai runs), it comes with
    /// its digest: its key, or for other pages the digest of their context.
    fn produce<'b>(
        &'b self,
        file: &'b str,
        job: Job,
        seed: Option<u128>,
    ) -> Result<Made<'b>, Problem> {
        let key = seed.and_then(|_| self.key(job));
        let made = |content| {
            Ok(Made {
                content,
                digest: key,
                warning: None,
                sheets: Sheets::default(),
            })
        };
        let text = |t: String| made(Produced::Bytes(t.into_bytes()));
        match job {
            Job::Asset(i) => made(Produced::Borrowed(&self.theme.assets[i].bytes)),
            Job::Form(i) => made(Produced::Copy(&self.forms[i].source)),
            Job::SiteStatic(i) => made(Produced::Copy(&self.model.site_static[i].source)),
            Job::SearchIndex => made(self.whole(Whole::Search, file)),
            Job::StatsCsv(i) => {
                let period = i.map(|i| &self.model.statistics.periods[i]);
                text(stats::data_csv(self.model, period))
            }
            Job::StatsJson(i) => {
                let period = i.map(|i| &self.model.statistics.periods[i]);
                text(stats::data_json(self.model, period))
            }
            Job::Sitemap => text(sitemap(self.model, &self.pages)),
            Job::OpenDataFile(f) => made(self.open_data_file(f, file)),
            Job::Feed(of) => text(feeds::feed(self.model, of)),
            Job::Redirect(key) => {
                let (_, to) = redirects::redirect(self.model, key);
                text(redirects::redirect_page(self.model, &to))
            }
            Job::HostRedirects => text(redirects::host_redirects(self.model)),
            Job::NginxRedirects => text(redirects::nginx_redirects(self.model)),
            Job::Robots => {
                let u = &self.model.urls;
                text(format!(
                    "User-agent: *\nDisallow: {}\nSitemap: {}\n",
                    u.href(&u.posters()),
                    u.absolute("sitemap.xml")
                ))
            }
            Job::QrSvg(i) => {
                let (_, code) = &self.printed.codes()[i];
                made(Produced::Bytes(code.svg().into_bytes()))
            }
            Job::PrintPack(of) => {
                let digest = self.pack_key(of)?;
                let pack = pdf::pack(self.model, self.printed, &self.summaries, of);
                let (fonts, fonts_digest) = self.print_fonts()?;
                let store = self.staging.map(|staging| {
                    pdf::store::Store::new(staging.target(), self.theme.running, *fonts_digest)
                });
                let kept = store.as_ref().map(|s| s.read(file)).unwrap_or_default();
                let drawn = pdf::draw(self.model, &pack, fonts, kept);
                if let Some(store) = &store {
                    let sheets: Vec<pdf::store::Placed> = drawn
                        .sheets
                        .iter()
                        .map(|(key, fits, at, glyphs)| pdf::store::Placed {
                            key: *key,
                            fits: *fits,
                            at: *at,
                            glyphs,
                        })
                        .collect();
                    store.write(file, &drawn.pdf, &sheets);
                }
                let warning = (!drawn.overflowing.is_empty()).then(|| {
                    (
                        Location::file(file.to_string()),
                        format!(
                            "pages {:?} of this print pack hold more than fits above their foot, so text overlaps it: shorten the longest texts on them (and please report it: the layout should have left the rest out)",
                            drawn.overflowing
                        ),
                    )
                });
                let sheets = Sheets {
                    drawn: drawn.pages - drawn.taken,
                    taken: drawn.taken,
                };
                Ok(Made {
                    content: Produced::Bytes(drawn.pdf),
                    digest: seed.and(digest),
                    warning,
                    sheets,
                })
            }
            page => {
                // A keyed page needs no hash of its context.
                let mut ctx = PageContext::render(if key.is_some() { None } else { seed });
                let (template, html) = self.page(file, page, &mut ctx)?;
                Ok(Made {
                    content: Produced::Page(html.expect("a rendering context renders")),
                    digest: key.or_else(|| ctx.digest(self.theme.template_digest(template))),
                    warning: None,
                    sheets: Sheets::default(),
                })
            }
        }
    }

    /// Whether the file's key, or else what the page's template would see, hashes to
    /// `previous` (so the file is as it was), found without making it. Never true for a file
    /// that is neither keyed nor a page.
    fn unchanged(&self, file: &str, job: Job, previous: u128) -> Result<bool, Problem> {
        if let Some(key) = self.key(job) {
            return Ok(key == previous);
        }
        if let Job::PrintPack(of) = job {
            return Ok(self.pack_key(of)? == Some(previous));
        }
        if !job.is_page() {
            return Ok(false);
        }
        let mut ctx = PageContext::check(self.theme.running);
        let (template, _) = self.page(file, job, &mut ctx)?;
        Ok(ctx.digest(self.theme.template_digest(template)) == Some(previous))
    }
}

/// Warns of posters that cannot fit on their sheet.
pub fn check_posters(
    model: &Model,
    printed: &Printed,
    theme: &crate::theme::Theme,
    root: &std::path::Path,
    kept: Option<&SheetChecks>,
    diags: &mut Diagnostics,
) {
    let mut fonts = xxhash_rust::xxh3::Xxh3::new();
    for name in crate::theme::PRINT_FONTS {
        fonts.update(name.as_bytes());
        fonts.update(theme.fonts.get(name).map_or(&[][..], |f| &f[..]));
    }
    posters::check_sheets(model, printed, fonts.digest128(), kept, diags);
    pdf::check_glyphs(model, theme, root, diags);
}

/// `sitemap.xml`: the permanent address of every page meant to be found.
fn sitemap(model: &Model, pages: &[&str]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in pages {
        let route = file.strip_suffix("index.html").unwrap_or(file);
        xml.push_str("<url><loc>");
        xml.push_str(&crate::escape::escape_html(&model.urls.absolute(route)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
