//! The model stage: validated content turned into what pages are made of — Markdown
//! rendered once, procedures in Vietnamese alphabetical order, and the indexes behind every
//! listing (by field, level, agency, office). Immutable once built; rendering only reads it.

use crate::catalog::{Catalog, Kind};
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostics, Location, SourceFile, TomlDoc};
use crate::history::{Phase, Timeline};
use crate::load::{Content, CopiedFile, LoadedPage, LoadedProcedure, PageFile};
use crate::markdown::{self, Link, Markdown, Origin};
use crate::procedure::{ProcedureFile, Status};
use crate::urls::Urls;
use crate::vi;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use toml::Spanned;

pub struct Model {
    pub config: SiteConfig,
    /// The day the catalogue is published as it stands on (`--date`, default today).
    pub as_of: crate::date::Date,
    pub urls: Urls,
    pub catalog: Catalog,
    /// Sorted by short name in Vietnamese alphabetical order, then by code.
    pub procedures: Vec<Procedure>,
    /// Sorted by menu order, then name.
    pub pages: Vec<Page>,
    pub forms: BTreeMap<String, CopiedFile>,
    pub site_static: Vec<CopiedFile>,
    pub statistics: crate::statistics::Statistics,
    by_code: foldhash::HashMap<String, usize>,
    /// Procedure positions per catalogue entry, in procedure order.
    pub by_field: Vec<Vec<usize>>,
    pub by_level: Vec<Vec<usize>>,
    pub by_agency: Vec<Vec<usize>>,
    pub by_office: Vec<Vec<usize>>,
    /// For each procedure, the procedures it replaced (their `replaced_by` is its code).
    pub replaces: Vec<Vec<usize>>,
}

pub struct Procedure {
    pub record: std::sync::Arc<ProcedureFile>,
    pub text: std::sync::Arc<ProcedureText>,
    /// Its dates, read on the build's date.
    pub timeline: Timeline,
    pub source: PathBuf,
    /// The offices that receive it (catalogue positions): those it names, then those whose
    /// rules match it, in catalogue order.
    pub offices: Vec<usize>,
    /// The name lists, headings and posters show: its `short_name`, else its name without a
    /// leading "Thủ tục" ([`vi::plain_name`]). Never cut.
    pub short: String,
    /// A hash of the source file (path and text): the procedure's identity for rebuilds.
    /// Everything above is made from that file and the site's configuration.
    pub digest: u128,
}

impl Procedure {
    pub fn code(&self) -> &str {
        self.record.code.get_ref()
    }

    pub fn short_name(&self) -> &str {
        &self.short
    }

    /// In force on the build's date.
    pub fn is_active(&self) -> bool {
        self.timeline.phase == Phase::Current
    }

    /// Announced, in effect from a later day than the build's: not listed.
    pub fn is_upcoming(&self) -> bool {
        matches!(self.timeline.phase, Phase::Upcoming(_))
    }

    /// Its status on the build's date: a repeal announced for a later day is not yet one.
    pub fn status(&self) -> Status {
        match self.timeline.phase {
            Phase::Retired => self.record.status,
            _ => Status::Active,
        }
    }
}

/// The Markdown parts of a procedure, rendered. Only the description keeps its plain text
/// (search and the open data read it); the others are held as HTML and links alone, since
/// a national catalogue holds every procedure's at once.
#[derive(Default)]
pub struct ProcedureText {
    pub description: Markdown,
    /// The description as written (Markdown), for the open data.
    pub description_source: String,
    pub steps: Vec<Markdown>,
    pub conditions: Option<Markdown>,
    /// One per channel, in order.
    pub channel_descriptions: Vec<Option<Markdown>>,
    /// One per document group, in order.
    pub document_notes: Vec<Option<Markdown>>,
    /// Whether a channel's description or the conditions mention VNeID, the national
    /// electronic identity an applicant then needs.
    pub mentions_vneid: bool,
}

pub struct Page {
    pub slug: String,
    pub front: PageFile,
    pub body: Markdown,
    pub source: PathBuf,
}

/// Procedures' rendered Markdown from earlier builds (`serve`), by what it is made of: the
/// file's text, the procedure's address and the site's base path. Only what rendered
/// without a problem is kept (a problem is reported by each build that meets it), and only
/// what the latest build used.
#[derive(Default)]
pub struct Texts(std::sync::Mutex<HashMap<u128, KeptText>>);

/// What [`Texts`] keeps of a procedure: its rendered text, and where its short name sorts.
#[derive(Clone)]
struct KeptText {
    text: std::sync::Arc<ProcedureText>,
    order: std::sync::Arc<[u8]>,
}

impl Texts {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u128, KeptText>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Model {
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        mut config: SiteConfig,
        urls: Urls,
        mut catalog: Catalog,
        content: Content,
        statistics: crate::statistics::Statistics,
        as_of: crate::date::Date,
        texts: Option<&Texts>,
        diags: &mut Diagnostics,
    ) -> Model {
        // A number still as the starter wrote it ("0290 3 …") was a warning at load; no page,
        // poster or download offers it as a number to call.
        let placeholder = crate::placeholder::is_placeholder;
        config.hotlines.retain(|h| !placeholder(&h.number));
        for o in &mut catalog.offices {
            o.hotline = o.hotline.take().filter(|n| !placeholder(n));
            o.phone = o.phone.take().filter(|n| !placeholder(n));
        }
        let base_path = urls.base_path().to_string();
        // Each procedure's Markdown is rendered on its own, in parallel; problems are merged
        // in file order.
        use rayon::prelude::*;
        // A second file with a code already seen (a copied file not yet renamed) is an
        // error of validation; modelled, it would also be reported as every page it would
        // write twice. The first file in order is the procedure.
        let mut seen = std::collections::HashSet::new();
        let procedures: Vec<LoadedProcedure> = content
            .procedures
            .into_iter()
            .filter(|p| seen.insert(p.record.code.get_ref().clone()))
            .collect();
        let rendered: Vec<(Procedure, u128, KeptText, Diagnostics)> = procedures
            .into_par_iter()
            .map(|p| {
                let mut problems = Diagnostics::new();
                let (procedure, key, kept) =
                    procedure(p, &urls, &base_path, as_of, texts, &mut problems);
                (procedure, key, kept, problems)
            })
            .collect();
        let mut unsorted = Vec::with_capacity(rendered.len());
        let mut orders = Vec::with_capacity(rendered.len());
        let mut used = std::collections::HashSet::with_capacity(rendered.len());
        for (procedure, key, kept, problems) in rendered {
            diags.extend(problems);
            used.insert(key);
            unsorted.push(Some(procedure));
            orders.push(kept.order);
        }
        if let Some(texts) = texts {
            texts.lock().retain(|key, _| used.contains(key));
        }
        // By short name in Vietnamese order, then code; the keys were made beside the text
        // (and are kept with it by `serve`), so sorting only compares them: their first
        // bytes side by side, the rest only when those are equal.
        let mut order: Vec<(u128, usize)> = (orders.iter().enumerate())
            .map(|(i, key)| {
                let mut first = [0u8; 16];
                let n = key.len().min(16);
                first[..n].copy_from_slice(&key[..n]);
                (u128::from_be_bytes(first), i)
            })
            .collect();
        order.sort_unstable_by(|&(first_a, a), &(first_b, b)| {
            let code = |i: usize| unsorted[i].as_ref().map(Procedure::code);
            (first_a.cmp(&first_b))
                .then_with(|| orders[a].cmp(&orders[b]))
                .then_with(|| code(a).cmp(&code(b)))
        });
        drop(orders);
        let mut procedures: Vec<Procedure> = order
            .into_iter()
            .filter_map(|(_, i)| unsorted[i].take())
            .collect();
        drop(unsorted);
        receiving_offices(&catalog, &mut procedures, diags);
        let mut pages: Vec<Page> = content
            .pages
            .into_iter()
            .map(|p| page(p, &urls, &base_path, diags))
            .collect();
        pages.sort_by_cached_key(|p| {
            (
                p.front.menu_order.unwrap_or(u32::MAX),
                vi::sort_key(&p.front.title),
                p.slug.clone(),
            )
        });

        let by_code: foldhash::HashMap<String, usize> = procedures
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code().to_string(), i))
            .collect();
        let mut by_field = vec![Vec::new(); catalog.fields.len()];
        let mut by_level = vec![Vec::new(); catalog.levels.len()];
        let mut by_agency = vec![Vec::new(); catalog.agencies.len()];
        let mut by_office = vec![Vec::new(); catalog.offices.len()];
        let mut replaces = vec![Vec::new(); procedures.len()];
        for (i, p) in procedures.iter().enumerate() {
            let r = &p.record;
            // Not listed before the day it takes effect; its own page says when.
            if p.is_upcoming() {
                continue;
            }
            for field in std::iter::once(&r.field).chain(&r.other_fields) {
                push(
                    &mut by_field,
                    catalog.position(Kind::Field, field.get_ref()),
                    i,
                );
            }
            for level in r.levels.get_ref() {
                push(
                    &mut by_level,
                    catalog.position(Kind::Level, level.get_ref()),
                    i,
                );
            }
            let a = &r.agencies;
            for agency in a
                .competent
                .iter()
                .chain(&a.executing)
                .chain(&a.delegated)
                .chain(&a.cooperating)
            {
                push(
                    &mut by_agency,
                    catalog.position(Kind::Agency, agency.get_ref()),
                    i,
                );
            }
            for &office in &p.offices {
                by_office[office].push(i);
            }
            if let Some(&j) = r
                .replaced_by
                .as_ref()
                .and_then(|by| by_code.get(by.get_ref()))
            {
                replaces[j].push(i);
            }
        }
        Model {
            config,
            as_of,
            urls,
            catalog,
            procedures,
            pages,
            forms: content.forms,
            site_static: content.site_static,
            statistics,
            by_code,
            by_field,
            by_level,
            by_agency,
            by_office,
            replaces,
        }
    }

    pub fn procedure(&self, code: &str) -> Option<&Procedure> {
        self.by_code.get(code).map(|&i| &self.procedures[i])
    }

    /// Every link written in content, for the link check.
    pub fn links(&self) -> impl Iterator<Item = &Link> {
        let procedure_links = self.procedures.iter().flat_map(|p| {
            let t = &p.text;
            std::iter::once(&t.description)
                .chain(&t.steps)
                .chain(&t.conditions)
                .chain(t.channel_descriptions.iter().flatten())
                .chain(t.document_notes.iter().flatten())
                .flat_map(|m| &m.links)
        });
        procedure_links.chain(self.pages.iter().flat_map(|p| &p.body.links))
    }
}

/// Adds procedure `i` to list `at`, once (a procedure may name an agency in several roles).
fn push(lists: &mut [Vec<usize>], at: Option<usize>, i: usize) {
    if let Some(list) = at.and_then(|at| lists.get_mut(at))
        && list.last() != Some(&i)
    {
        list.push(i);
    }
}

/// Offsets in a Markdown body map to the file after the front matter.
struct Body<'a> {
    file: &'a SourceFile,
    offset: usize,
}

impl Origin for Body<'_> {
    fn locate(&self, offset: usize, _needle: &str) -> Location {
        self.file.location(self.offset + offset)
    }
}

/// Markdown inside a TOML string: escapes and the opening quotes shift offsets, so look
/// for the written text inside the string's span instead.
struct TomlString<'a> {
    doc: TomlDoc<'a>,
    span: Range<usize>,
}

impl Origin for TomlString<'_> {
    fn locate(&self, _offset: usize, needle: &str) -> Location {
        self.doc.find(self.span.clone(), needle)
    }
}

/// A procedure of the model, the key of its rendered text and that text with its short
/// name's sort key (see [`Texts`]).
fn procedure(
    p: LoadedProcedure,
    urls: &Urls,
    base: &str,
    as_of: crate::date::Date,
    texts: Option<&Texts>,
    diags: &mut Diagnostics,
) -> (Procedure, u128, KeptText) {
    let route = urls.procedure(p.record.code.get_ref());
    let key = {
        let mut key = xxhash_rust::xxh3::Xxh3::new();
        for part in [p.file.text.as_str(), &route, base] {
            key.update(&(part.len() as u64).to_le_bytes());
            key.update(part.as_bytes());
        }
        key.digest128()
    };
    let short = match &p.record.short_name {
        Some(short) => short.clone(),
        None => vi::plain_name(p.record.name.get_ref()),
    };
    let kept = texts.and_then(|t| t.lock().get(&key).cloned());
    let kept = kept.unwrap_or_else(|| {
        let mut problems = Diagnostics::new();
        let kept = KeptText {
            text: std::sync::Arc::new(procedure_text(&p, &route, base, &mut problems)),
            order: vi::sort_key(&short).into(),
        };
        if let Some(texts) = texts
            && problems.is_empty()
        {
            texts.lock().insert(key, kept.clone());
        }
        diags.extend(problems);
        kept
    });
    let mut digest = xxhash_rust::xxh3::Xxh3::new();
    let path = p.file.path.to_string_lossy();
    digest.update(&(path.len() as u64).to_le_bytes());
    digest.update(path.as_bytes());
    digest.update(p.file.text.as_bytes());
    // What the build's date changes: a new date rebuilds only the procedures it moves.
    let timeline = crate::history::timeline(&p.record, as_of);
    digest.update(
        format!(
            "{:?} {:?} {}",
            timeline.phase,
            timeline.retiring,
            timeline.past.len()
        )
        .as_bytes(),
    );
    let procedure = Procedure {
        timeline,
        source: p.file.path.clone(),
        offices: Vec::new(),
        short,
        digest: digest.digest128(),
        record: p.record,
        text: kept.text.clone(),
    };
    (procedure, key, kept)
}

/// Gives every procedure the offices that receive it: those it names, then (unless it says
/// `office_rules = false`) every office one of whose rules matches it and that does not
/// except it. Warns of a rule that matches no procedure, of an office that receives nothing,
/// and of a procedure in force that no office receives.
fn receiving_offices(catalog: &Catalog, procedures: &mut [Procedure], diags: &mut Diagnostics) {
    use rayon::prelude::*;
    let offices = &catalog.offices;
    procedures.par_iter_mut().for_each(|p| {
        let r = &p.record;
        let mut list: Vec<usize> = r
            .offices
            .iter()
            .filter_map(|k| catalog.position(Kind::Office, k.get_ref()))
            .collect();
        if r.office_rules {
            for (i, o) in offices.iter().enumerate() {
                if !list.contains(&i)
                    && !o.except.iter().any(|c| c == r.code.get_ref())
                    && o.receives.iter().any(|rule| rule.matches(r))
                {
                    list.push(i);
                }
            }
        }
        list.shrink_to_fit();
        p.offices = list;
    });
    let mut received = vec![0usize; offices.len()];
    for p in procedures.iter().filter(|p| !p.is_upcoming()) {
        for &i in &p.offices {
            received[i] += 1;
        }
    }
    for (i, o) in offices.iter().enumerate() {
        let at = catalog.declared_at(Kind::Office, &o.key);
        for (n, rule) in o.receives.iter().enumerate() {
            let matched = procedures
                .iter()
                .any(|p| p.record.office_rules && rule.matches(&p.record));
            if !matched {
                diags.warning(
                    at.clone(),
                    format!(
                        "office `{}`: rule {} of `receives` matches no procedure; check its keys",
                        o.key,
                        n + 1
                    ),
                );
            }
        }
        if received[i] == 0 && o.until.is_none() {
            diags.warning(
                at,
                format!(
                    "office `{}` receives no procedure: give it `receives` rules, or name it in procedures' `offices`",
                    o.key
                ),
            );
        }
    }
}

/// The Markdown parts of procedure `p`, rendered for its page at `route`.
fn procedure_text(
    p: &LoadedProcedure,
    route: &str,
    base: &str,
    diags: &mut Diagnostics,
) -> ProcedureText {
    let file = &p.file;
    let doc = p.doc();
    let field = |s: &Spanned<String>, diags: &mut Diagnostics| {
        let origin = TomlString {
            doc,
            span: s.span(),
        };
        markdown::render(s.get_ref(), &origin, route, base, diags)
    };
    let body = Body {
        file,
        offset: p.body_offset,
    };
    let r = &p.record;
    let mut text = ProcedureText {
        description: markdown::render(p.body(), &body, route, base, diags),
        description_source: p.body().trim().to_string(),
        steps: r.steps.iter().map(|s| field(s, diags)).collect(),
        conditions: r
            .conditions
            .as_ref()
            .filter(|c| !c.get_ref().trim().is_empty())
            .map(|c| field(c, diags)),
        channel_descriptions: r
            .channels
            .iter()
            .map(|c| c.description.as_ref().map(|d| field(d, diags)))
            .collect(),
        document_notes: r
            .documents
            .iter()
            .map(|g| g.notes.as_ref().map(|n| field(n, diags)))
            .collect(),
        mentions_vneid: false,
    };
    text.mentions_vneid = text
        .channel_descriptions
        .iter()
        .flatten()
        .chain(&text.conditions)
        .any(|m| mentions_vneid(&m.text));
    let others = text.steps.iter_mut().chain(text.conditions.as_mut());
    let others = others.chain(text.channel_descriptions.iter_mut().flatten());
    for m in others.chain(text.document_notes.iter_mut().flatten()) {
        m.text = String::new();
    }
    text
}

/// Whether a text names the electronic identity account citizens log in with.
fn mentions_vneid(text: &str) -> bool {
    let folded = vi::fold(text);
    folded.contains("vneid") || folded.contains("dinh danh dien tu")
}

fn page(p: LoadedPage, urls: &Urls, base: &str, diags: &mut Diagnostics) -> Page {
    let route = urls.page(&p.slug);
    let body = Body {
        file: &p.file,
        offset: p.body_offset,
    };
    let rendered = markdown::render(p.body(), &body, &route, base, diags);
    Page {
        source: p.file.path.clone(),
        slug: p.slug,
        front: p.front,
        body: rendered,
    }
}
