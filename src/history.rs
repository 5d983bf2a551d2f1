//! What a procedure's dates mean on the day a build publishes the catalogue (`--date`): whether
//! it is announced but not yet in effect, in force, or retired, and the dated list of what
//! happened to it (decisions, the editor's change notes, its repeal or replacement). Only
//! content is read: no git history is needed.

use crate::date::Date;
use crate::procedure::{ChangeKind, ProcedureFile, Status};

/// Where a procedure stands on the build's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Announced, in effect from the date: its page says so; it is not listed.
    Upcoming(Date),
    /// In force; a repeal or replacement may be announced for a later day.
    Current,
    /// Repealed or replaced on or before the build's date: the page is its tombstone.
    Retired,
}

/// One dated line of a procedure's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub date: Date,
    pub kind: ChangeKind,
    /// The decision that made it, by number.
    pub decision: Option<String>,
    /// Who issued the decision.
    pub issuer: Option<String>,
    /// What changed, in the editor's words.
    pub note: Option<String>,
}

/// A procedure's dates, read on one day.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub phase: Phase,
    /// A repeal or replacement announced for a later day than the build's.
    pub retiring: Option<Date>,
    /// What happened on or before the build's date, oldest first.
    pub past: Vec<Event>,
    /// What is announced for later days, soonest first.
    pub coming: Vec<Event>,
}

impl Timeline {
    /// The day the procedure was announced (first in force), when its content tells.
    pub fn first_published(&self) -> Option<Date> {
        self.past
            .iter()
            .find(|e| e.kind == ChangeKind::Announced)
            .map(|e| e.date)
    }

    /// The last major change on or before the build's date.
    pub fn last_changed(&self) -> Option<Date> {
        self.past.last().map(|e| e.date)
    }
}

/// The day the procedure takes effect: its own `effective`, else the earliest effective date
/// of a decision that says it announced the procedure.
pub fn start(r: &ProcedureFile) -> Option<Date> {
    r.effective.as_ref().map(|d| *d.get_ref()).or_else(|| {
        r.decisions
            .iter()
            .filter(|d| d.kind == Some(ChangeKind::Announced))
            .filter_map(|d| d.effective)
            .min()
    })
}

/// Reads `r`'s dates on `today`.
pub fn timeline(r: &ProcedureFile, today: Date) -> Timeline {
    let start = start(r);
    let end = (r.status != Status::Active)
        .then_some(r.repealed_on)
        .flatten();
    let phase = match (start, end) {
        (Some(from), _) if from > today => Phase::Upcoming(from),
        (_, Some(until)) if until <= today => Phase::Retired,
        _ => Phase::Current,
    };
    let mut events = events(r, start);
    events.sort_by_key(|e| (e.date, e.kind));
    let (mut past, mut coming): (Vec<Event>, Vec<Event>) =
        events.into_iter().partition(|e| e.date <= today);
    // Held for every procedure of the catalogue: a vector grown by pushes holds room for
    // four events where most procedures have one or two.
    past.shrink_to_fit();
    coming.shrink_to_fit();
    Timeline {
        phase,
        retiring: end.filter(|&until| until > today),
        past,
        coming,
    }
}

/// Every dated event of `r`, unordered.
fn events(r: &ProcedureFile, start: Option<Date>) -> Vec<Event> {
    let mut events = Vec::new();
    // The earliest dated decision announced the procedure unless decisions say otherwise.
    let first = r.decisions.iter().filter_map(|d| d.in_force_from()).min();
    let any_announces = r
        .decisions
        .iter()
        .any(|d| d.kind == Some(ChangeKind::Announced));
    for d in &r.decisions {
        let Some(date) = d.in_force_from() else {
            continue;
        };
        let kind = d.kind.unwrap_or(if !any_announces && Some(date) == first {
            ChangeKind::Announced
        } else {
            ChangeKind::Amended
        });
        events.push(Event {
            date,
            kind,
            decision: Some(d.number.clone()),
            issuer: d.issuer.clone(),
            note: None,
        });
    }
    // A procedure that says when it took effect, with no decision of that day: announced then.
    if let Some(date) = start
        && !events.iter().any(|e| e.kind == ChangeKind::Announced)
    {
        events.push(Event {
            date,
            kind: ChangeKind::Announced,
            decision: None,
            issuer: None,
            note: None,
        });
    }
    for c in &r.changes {
        let date = *c.date.get_ref();
        let note = c.note.get_ref().trim().to_string();
        // A note on a decision's day completes that decision's line.
        if let Some(e) = events.iter_mut().find(|e| {
            e.date == date
                && e.kind == c.kind
                && e.decision.is_some()
                && (c.decision.is_none() || c.decision == e.decision)
        }) {
            e.note = Some(note);
            continue;
        }
        events.push(Event {
            date,
            kind: c.kind,
            decision: c.decision.clone(),
            issuer: None,
            note: Some(note),
        });
    }
    let retired = match r.status {
        Status::Active => None,
        Status::Repealed => Some(ChangeKind::Repealed),
        Status::Replaced => Some(ChangeKind::Replaced),
    };
    if let (Some(kind), Some(date)) = (retired, r.repealed_on)
        && !events.iter().any(|e| e.kind == kind)
    {
        events.push(Event {
            date,
            kind,
            decision: None,
            issuer: None,
            note: None,
        });
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(extra: &str) -> ProcedureFile {
        let text = format!(
            "code = \"1.000001\"\nname = \"Thủ tục A\"\nfield = \"f\"\nlevels = [\"xa\"]\n\
             kind = \"k\"\nonline = \"none\"\nupdated = 2025-01-01\n{extra}"
        );
        toml::from_str(&text).expect("a valid record")
    }

    fn day(text: &str) -> Date {
        Date::parse_iso(text).expect("a date")
    }

    #[test]
    fn a_procedure_in_effect_later_is_upcoming_until_that_day() {
        let r = record("effective = 2026-01-01\n");
        assert_eq!(
            timeline(&r, day("2025-12-31")).phase,
            Phase::Upcoming(day("2026-01-01"))
        );
        let on_the_day = timeline(&r, day("2026-01-01"));
        assert_eq!(on_the_day.phase, Phase::Current);
        assert_eq!(on_the_day.first_published(), Some(day("2026-01-01")));
    }

    #[test]
    fn a_repeal_takes_effect_on_its_day() {
        let r = record("status = \"repealed\"\nrepealed_on = 2026-03-01\n");
        let before = timeline(&r, day("2026-02-28"));
        assert_eq!(before.phase, Phase::Current);
        assert_eq!(before.retiring, Some(day("2026-03-01")));
        assert_eq!(before.coming.len(), 1);
        let after = timeline(&r, day("2026-03-01"));
        assert_eq!(after.phase, Phase::Retired);
        assert_eq!(
            after.past.last().map(|e| e.kind),
            Some(ChangeKind::Repealed)
        );
    }

    #[test]
    fn decisions_and_notes_make_one_dated_history() {
        let r = record(
            "[[decisions]]\nnumber = \"1/QĐ-UBND\"\ndate = 2024-01-10\n\
             [[decisions]]\nnumber = \"2/QĐ-UBND\"\ndate = 2025-05-01\n\
             [[changes]]\ndate = 2025-05-01\nnote = \"Giảm lệ phí\"\n\
             [[changes]]\ndate = 2025-09-01\nnote = \"Thêm nộp trực tuyến\"\n",
        );
        let t = timeline(&r, day("2025-06-01"));
        let kinds: Vec<_> = t.past.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [ChangeKind::Announced, ChangeKind::Amended]);
        assert_eq!(t.past[1].note.as_deref(), Some("Giảm lệ phí"));
        assert_eq!(t.past[1].decision.as_deref(), Some("2/QĐ-UBND"));
        assert_eq!(t.coming.len(), 1);
        assert_eq!(t.first_published(), Some(day("2024-01-10")));
        assert_eq!(t.last_changed(), Some(day("2025-05-01")));
    }
}
