//! Changes to the catalogue as readers follow them: the dated events of every procedure
//! (announced, amended, replaced, repealed) newest first, as Atom feeds (RFC 4287) for the site,
//! each field and each office, and as the "Thay đổi" page with what is announced for later.

use crate::date::Date;
use crate::escape::escape_html;
use crate::history::Event;
use crate::model::Model;
use serde::Serialize;

/// Whose changes a feed follows: the site's, a field's or an office's (by position).
#[derive(Debug, Clone, Copy)]
pub enum FeedOf {
    Site,
    Field(usize),
    Office(usize),
}

/// The most entries a feed or the changes page holds.
pub const FEED_ENTRIES: usize = 100;

/// One event of one procedure.
#[derive(Clone, Copy)]
pub struct Change<'m> {
    pub procedure: usize,
    pub event: &'m Event,
    /// Its place among the procedure's events of the same day and kind (for unique ids).
    pub nth: usize,
}

/// The events of the procedures at `positions` (every procedure: `None`) on or before the
/// build's date, newest first, at most `max`.
pub fn recent<'m>(model: &'m Model, positions: Option<&[usize]>, max: usize) -> Vec<Change<'m>> {
    let all: Vec<usize>;
    let positions = match positions {
        Some(p) => p,
        None => {
            all = (0..model.procedures.len()).collect();
            &all
        }
    };
    let mut changes: Vec<Change> = Vec::new();
    for &i in positions {
        let p = &model.procedures[i];
        if p.is_upcoming() {
            continue;
        }
        for (n, event) in p.timeline.past.iter().enumerate() {
            let nth = p.timeline.past[..n]
                .iter()
                .filter(|e| e.date == event.date && e.kind == event.kind)
                .count();
            changes.push(Change {
                procedure: i,
                event,
                nth,
            });
        }
    }
    changes.sort_by(|a, b| {
        (b.event.date, a.procedure, a.event.kind).cmp(&(a.event.date, b.procedure, b.event.kind))
    });
    changes.truncate(max);
    changes
}

/// The events announced for later days, soonest first: upcoming procedures, announced
/// amendments, repeals and replacements.
pub fn coming(model: &Model) -> Vec<Change<'_>> {
    let mut changes: Vec<Change> = Vec::new();
    for (i, p) in model.procedures.iter().enumerate() {
        for event in &p.timeline.coming {
            changes.push(Change {
                procedure: i,
                event,
                nth: 0,
            });
        }
    }
    changes.sort_by_key(|c| (c.event.date, c.procedure));
    changes
}

/// A change as the changes page shows it.
#[derive(Serialize)]
pub struct ChangeView<'a> {
    pub date: String,
    pub date_iso: String,
    pub label: &'static str,
    pub kind: &'static str,
    pub title: &'a str,
    pub code: &'a str,
    pub url: String,
    pub decision: Option<&'a str>,
    pub note: Option<&'a str>,
}

pub fn view<'a>(model: &'a Model, c: &Change<'a>) -> ChangeView<'a> {
    let p = &model.procedures[c.procedure];
    ChangeView {
        date: c.event.date.to_vietnamese(),
        date_iso: c.event.date.to_iso(),
        label: c.event.kind.label(),
        kind: c.event.kind.key(),
        title: p.short_name(),
        code: p.code(),
        url: model.urls.href(&model.urls.procedure(p.code())),
        decision: c.event.decision.as_deref(),
        note: c.event.note.as_deref(),
    }
}

/// An Atom timestamp for a day in Vietnam.
fn timestamp(d: Date) -> String {
    format!("{}T00:00:00+07:00", d.to_iso())
}

/// The Atom feed of `changes`: `title` names it, `page` is the listing it follows (a route).
pub fn atom(model: &Model, title: &str, page: &str, feed: &str, changes: &[Change]) -> String {
    let u = &model.urls;
    let c = &model.catalog;
    // The feed changed when its newest entry did; an empty feed on the build's date.
    let updated = changes.first().map_or(model.as_of, |c| c.event.date);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    let line = |xml: &mut String, text: String| {
        xml.push_str(&text);
        xml.push('\n');
    };
    line(&mut xml, format!("<title>{}</title>", escape_html(title)));
    line(
        &mut xml,
        format!("<id>{}</id>", escape_html(&u.absolute(feed))),
    );
    line(
        &mut xml,
        format!(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            escape_html(&u.absolute(feed))
        ),
    );
    line(
        &mut xml,
        format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape_html(&u.absolute(page))
        ),
    );
    line(
        &mut xml,
        format!("<updated>{}</updated>", timestamp(updated)),
    );
    line(
        &mut xml,
        format!(
            "<author><name>{}</name><uri>{}</uri></author>",
            escape_html(&model.config.authority),
            escape_html(&u.absolute(""))
        ),
    );
    line(
        &mut xml,
        format!(
            "<rights>{}</rights>",
            escape_html(&model.config.open_data.license)
        ),
    );
    line(&mut xml, "<generator>congkhai</generator>".to_string());
    for ch in changes {
        let p = &model.procedures[ch.procedure];
        let e = ch.event;
        let url = u.absolute(&u.procedure(p.code()));
        let mut id = format!("{url}#lich-su-{}-{}", e.date.to_iso(), e.kind.key());
        if ch.nth > 0 {
            id.push_str(&format!("-{}", ch.nth + 1));
        }
        let mut summary = format!(
            "{} từ ngày {}: {} (mã {}).",
            e.kind.label(),
            e.date.to_vietnamese(),
            p.record.name.get_ref(),
            p.code()
        );
        if let Some(decision) = &e.decision {
            summary.push_str(&format!(" Theo Quyết định {decision}"));
            if let Some(issuer) = &e.issuer {
                summary.push_str(&format!(" của {issuer}"));
            }
            summary.push('.');
        }
        if let Some(note) = &e.note {
            summary.push(' ');
            summary.push_str(note);
        }
        let field = p.record.field.get_ref();
        xml.push_str("<entry>\n");
        line(
            &mut xml,
            format!(
                "<title>{}: {}</title>",
                e.kind.label(),
                escape_html(p.short_name())
            ),
        );
        line(
            &mut xml,
            format!(
                "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
                escape_html(&url)
            ),
        );
        line(&mut xml, format!("<id>{}</id>", escape_html(&id)));
        line(
            &mut xml,
            format!("<updated>{}</updated>", timestamp(e.date)),
        );
        line(
            &mut xml,
            format!(
                "<category term=\"{}\" label=\"{}\"/>",
                escape_html(field),
                escape_html(c.name(crate::catalog::Kind::Field, field))
            ),
        );
        line(
            &mut xml,
            format!("<summary>{}</summary>", escape_html(&summary)),
        );
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The Atom feed of the site, a field or an office.
pub fn feed(m: &Model, of: FeedOf) -> String {
    let u = &m.urls;
    let c = &m.catalog;
    let (title, page, positions) = match of {
        FeedOf::Site => (
            format!("Thay đổi thủ tục hành chính – {}", m.config.title),
            u.changes(),
            None,
        ),
        FeedOf::Field(i) => (
            format!(
                "Thay đổi thủ tục lĩnh vực {} – {}",
                c.fields[i].name, m.config.title
            ),
            u.field(&c.fields[i].key),
            Some(m.by_field[i].as_slice()),
        ),
        FeedOf::Office(i) => (
            format!(
                "Thay đổi thủ tục tại {} – {}",
                c.offices[i].name, m.config.title
            ),
            u.office(&c.offices[i].key),
            Some(m.by_office[i].as_slice()),
        ),
    };
    let changes = recent(m, positions, FEED_ENTRIES);
    atom(m, &title, &page, &u.feed(&page), &changes)
}
