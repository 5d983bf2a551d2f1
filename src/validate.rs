//! The validate stage: checks that need more than one file — references into the
//! catalogues, codes against file names, duplicates, related and replacing procedures,
//! form files, page names. Every problem is reported; nothing stops at the first.

use crate::catalog::{Catalog, Kind, check_reference};
use crate::diagnostic::{Diagnostics, SourceFile};
use crate::load::{Content, LoadedProcedure};
use crate::procedure::{Online, Status, is_valid_code};
use crate::urls::Urls;
use rayon::prelude::*;
use std::collections::HashMap;
use toml::Spanned;

pub fn validate(catalog: &Catalog, content: &Content, urls: &Urls, diags: &mut Diagnostics) {
    let mut first_file_of_code: HashMap<&str, &SourceFile> = HashMap::new();
    for p in &content.procedures {
        let code = p.record.code.get_ref().as_str();
        if let Some(first) = first_file_of_code.get(code) {
            diags.error(
                p.doc().at(p.record.code.span()),
                format!(
                    "duplicate procedure code {code}: {} has it already",
                    first.path.display()
                ),
            );
        } else {
            first_file_of_code.insert(code, &p.file);
        }
    }
    let mut statuses: HashMap<&str, Status> = content
        .procedures
        .iter()
        .map(|p| (p.record.code.get_ref().as_str(), p.record.status))
        .collect();
    for code in &content.unparsed_codes {
        statuses.entry(code.as_str()).or_insert(Status::Active);
    }
    // Each procedure on its own, in parallel; problems are merged in file order.
    let problems: Vec<Diagnostics> = content
        .procedures
        .par_iter()
        .map(|p| {
            let mut problems = Diagnostics::new();
            check_procedure(catalog, content, &statuses, p, &mut problems);
            problems
        })
        .collect();
    for problems in problems {
        diags.extend(problems);
    }
    check_replacements(content, &statuses, diags);
    for page in &content.pages {
        if !crate::catalog::is_valid_key(&page.slug) {
            diags.error(
                page.file.whole(),
                "page file names must be lower-case ASCII words joined by hyphens, like `lien-he.md` (the name becomes the URL)",
            );
        } else if urls.is_reserved(&page.slug) {
            diags.error(
                page.file.whole(),
                format!(
                    "the page name `{}` is taken by generated pages; rename the file",
                    page.slug
                ),
            );
        }
    }
}

fn check_procedure(
    catalog: &Catalog,
    content: &Content,
    statuses: &HashMap<&str, Status>,
    p: &LoadedProcedure,
    diags: &mut Diagnostics,
) {
    let r = &p.record;
    let doc = p.doc();
    let at = |s: &Spanned<String>| doc.at(s.span());
    let code = r.code.get_ref();
    if !is_valid_code(code) {
        diags.error(
            at(&r.code),
            format!("`{code}` is not a national procedure code like 1.001193"),
        );
    } else if p.stem != *code {
        diags.error(
            at(&r.code),
            format!(
                "code {code} does not match the file name {}.md; a procedure file is named after its code",
                p.stem
            ),
        );
    }

    if crate::vi::is_blank(r.name.get_ref()) {
        diags.error(
            at(&r.name),
            "name is empty: write the full name of the procedure",
        );
    }
    if r.short_name.as_deref().is_some_and(crate::vi::is_blank) {
        diags.error(
            at(&r.name),
            "short_name is empty: leave it out to use the name, or write a short name",
        );
    }
    let a = &r.agencies;
    for (what, list) in [
        ("levels", r.levels.get_ref().as_slice()),
        ("other_fields", r.other_fields.as_slice()),
        ("audience", r.audience.as_slice()),
        ("agencies.competent", a.competent.as_slice()),
        ("agencies.executing", a.executing.as_slice()),
        ("agencies.delegated", a.delegated.as_slice()),
        ("agencies.cooperating", a.cooperating.as_slice()),
        ("offices", r.offices.as_slice()),
        ("related", r.related.as_slice()),
    ] {
        for key in repeated(list) {
            diags.error(
                at(key),
                format!("`{}` is listed twice in {what}", key.get_ref()),
            );
        }
    }
    let mut reference = |kind: Kind, key: &Spanned<String>| {
        check_reference(catalog, doc, kind, key, diags);
    };
    reference(Kind::Field, &r.field);
    for key in &r.other_fields {
        reference(Kind::Field, key);
    }
    reference(Kind::ProcedureKind, &r.kind);
    for level in r.levels.get_ref() {
        reference(Kind::Level, level);
    }
    for key in &r.audience {
        reference(Kind::Audience, key);
    }
    let a = &r.agencies;
    for key in a
        .competent
        .iter()
        .chain(&a.executing)
        .chain(&a.delegated)
        .chain(&a.cooperating)
    {
        reference(Kind::Agency, key);
    }
    for key in &r.offices {
        reference(Kind::Office, key);
    }
    for channel in &r.channels {
        reference(Kind::Channel, &channel.mode);
        if let Some(unit) = channel.time_limit.as_ref().and_then(|t| t.unit.as_ref()) {
            reference(Kind::TimeUnit, unit);
        }
        for kind in channel.fees.iter().filter_map(|f| f.kind.as_ref()) {
            reference(Kind::FeeKind, kind);
        }
    }

    for key in &r.other_fields {
        if key.get_ref() == r.field.get_ref() {
            diags.error(at(key), "other_fields repeats `field`");
        }
    }
    if r.levels.get_ref().is_empty() {
        diags.error(
            doc.at(r.levels.span()),
            "levels is empty: name at least one level that handles the procedure",
        );
    }
    for channel in &r.channels {
        // Found only for a problem: a location counts characters from the line's start.
        let channel_at = || at(&channel.mode);
        if let Some(t) = &channel.time_limit {
            if t.unit.is_some() && t.amount.is_none() {
                diags.error(channel_at(), "time_limit has a `unit` but no `amount`");
            }
            if t.amount.is_none() && t.note.as_deref().is_none_or(str::is_empty) {
                diags.error(
                    channel_at(),
                    "time_limit is empty: give `amount` and `unit`, or a `note`",
                );
            }
        }
        let starter = channel
            .time_limit
            .as_ref()
            .and_then(|t| t.note.as_deref())
            .into_iter()
            .chain(channel.fees.iter().filter_map(|f| f.text.as_deref()))
            .any(crate::placeholder::is_placeholder);
        if starter {
            diags.warning(
                channel_at(),
                format!(
                    "channel `{}` still holds the starter's `…` (time limit or fee): the page says \"Chưa có thông tin\" until it is filled in",
                    channel.mode.get_ref()
                ),
            );
        }
        for fee in &channel.fees {
            if let Some(amount) = fee.amount
                && amount > FEE_MAX
            {
                diags.error(
                    fee.kind.as_ref().map_or_else(channel_at, at),
                    format!(
                        "a fee of {amount} đồng is impossible (at most {} đồng); check the number",
                        crate::vi::number(FEE_MAX)
                    ),
                );
            }
            if fee.amount.is_none() && fee.text.as_deref().is_none_or(str::is_empty) {
                diags.error(
                    fee.kind.as_ref().map_or_else(channel_at, at),
                    "a fee needs an `amount` in đồng, a `text`, or both",
                );
            }
        }
        if channel.fees_unknown && !channel.fees.is_empty() {
            diags.error(
                channel_at(),
                "fees_unknown = true says the fees are not published, but fees are listed",
            );
        }
        let twin = r
            .channels
            .iter()
            .filter(|c| c.mode.get_ref() == channel.mode.get_ref())
            .count();
        if twin > 1
            && channel
                .condition
                .as_deref()
                .is_none_or(|c| c.trim().is_empty())
        {
            diags.warning(
                channel_at(),
                format!(
                    "channel `{}` is listed {twin} times; give each a `condition` saying when it applies",
                    channel.mode.get_ref()
                ),
            );
        }
    }
    for group in &r.documents {
        check_document_rows(&group.items, &doc, diags);
    }
    for group in &r.documents {
        for item in &group.items {
            for form in &item.forms {
                if !content.forms.contains_key(form.get_ref()) {
                    diags.error(
                        at(form),
                        format!(
                            "form file `{}` not found in {}/",
                            form.get_ref(),
                            crate::load::FORMS_DIR
                        ),
                    );
                }
            }
        }
    }
    for step in r
        .steps
        .iter()
        .filter(|s| crate::placeholder::is_placeholder(s.get_ref()))
    {
        diags.warning(
            at(step),
            format!(
                "step `{}` is still the starter's: write the step",
                step.get_ref()
            ),
        );
    }
    for related in &r.related {
        check_procedure_reference(statuses, p, related, "related procedure", diags);
    }
    if let Some(url) = &r.online_url
        && let Err(message) = crate::weburl::check(url.get_ref())
    {
        diags.error(at(url), format!("online_url: {message}"));
    }
    for url in r.legal_basis.iter().filter_map(|l| l.url.as_ref()) {
        if let Err(message) = crate::weburl::check(url.get_ref()) {
            diags.error(at(url), format!("legal_basis url: {message}"));
        }
    }
    if let Some(url) = r.source.as_ref().and_then(|s| s.url.as_ref())
        && let Err(message) = crate::weburl::check(url.get_ref())
    {
        diags.error(at(url), format!("source.url: {message}"));
    }
    let offered = matches!(r.online, Online::Full | Online::Partial);
    if offered && r.online_url.is_none() && r.status == Status::Active {
        diags.warning(
            at(&r.code),
            "the procedure is offered online but has no online_url; citizens will not find where to submit",
        );
    }
    check_status(statuses, p, diags);
    if r.status == Status::Active {
        if r.channels.is_empty() {
            diags.warning(
                at(&r.code),
                "no channels: the page cannot say how long the procedure takes or what it costs",
            );
        }
        let by_rule = r.office_rules
            && catalog.offices.iter().any(|o| {
                o.until.is_none()
                    && !o.except.iter().any(|c| c == code)
                    && o.receives.iter().any(|rule| rule.matches(r))
            });
        if r.offices.is_empty() && !by_rule {
            diags.warning(
                at(&r.code),
                "no offices: the page cannot say where to submit the application (the procedure names none in `offices`, and no office's `receives` rule matches it)",
            );
        }
    }
}

/// The keys of `list` that are also earlier in it. Lists are a few keys long and are
/// scanned; a long one (a file written by a program) is hashed.
fn repeated(list: &[Spanned<String>]) -> Vec<&Spanned<String>> {
    if list.len() <= 16 {
        return (list.iter().enumerate())
            .filter(|(i, key)| list[..*i].iter().any(|k| k.get_ref() == key.get_ref()))
            .map(|(_, key)| key)
            .collect();
    }
    let mut seen = std::collections::HashSet::new();
    list.iter()
        .filter(|key| !seen.insert(key.get_ref().as_str()))
        .collect()
}

/// The largest fee an amount may state: a trillion đồng, far above any real fee, and exact
/// in every reader of the JSON downloads (JavaScript numbers are exact to 2^53).
pub const FEE_MAX: u64 = 1_000_000_000_000;

/// Headings, notes and the rows under a heading: counts belong to documents, `one_of` to
/// headings, and `sub` needs a heading above it.
fn check_document_rows(
    items: &[crate::procedure::DocumentItem],
    doc: &crate::diagnostic::TomlDoc,
    diags: &mut Diagnostics,
) {
    use crate::procedure::ItemKind;
    let mut under_heading = false;
    for item in items {
        let name = item.name.get_ref();
        let at = || doc.at(item.name.span());
        if crate::vi::is_blank(name) {
            diags.error(at(), "a document row has an empty `name`");
        }
        if item.kind != ItemKind::Document && (item.originals > 0 || item.copies > 0) {
            diags.error(
                at(),
                format!(
                    "the {} row `{}` has counts; only documents have originals and copies",
                    item.kind.key(),
                    crate::diagnostic::excerpt(name)
                ),
            );
        }
        if item.one_of && item.kind != ItemKind::Heading {
            diags.error(
                at(),
                format!(
                    "`one_of` belongs on a heading row (kind = \"heading\"), not on `{}`",
                    crate::diagnostic::excerpt(name)
                ),
            );
        }
        if item.kind == ItemKind::Document
            && item.forms.is_empty()
            && item.form_names.is_empty()
            && crate::vi::fold(name).contains("theo mau")
        {
            diags.warning(
                at(),
                format!(
                    "`{}` is to be written on a form (\"theo mẫu\") but names none: add the file to `forms`, or its name to `form_names`",
                    crate::diagnostic::excerpt(name)
                ),
            );
        }
        if item.sub && !under_heading {
            diags.error(
                at(),
                format!(
                    "`{}` is marked `sub` but no heading row comes before it",
                    crate::diagnostic::excerpt(name)
                ),
            );
        }
        if item.kind == ItemKind::Heading {
            under_heading = true;
        }
    }
}

/// A replaced procedure must lead, through its replacements, to one in force: not around in
/// a circle, and not to a repealed one (a printed code would end at a dead end).
fn check_replacements(
    content: &Content,
    statuses: &HashMap<&str, Status>,
    diags: &mut Diagnostics,
) {
    let next: HashMap<&str, &str> = content
        .procedures
        .iter()
        .filter(|p| p.record.status == Status::Replaced)
        .filter_map(|p| {
            let by = p.record.replaced_by.as_ref()?;
            Some((p.record.code.get_ref().as_str(), by.get_ref().as_str()))
        })
        .collect();
    for p in &content.procedures {
        let Some(by) = p.record.replaced_by.as_ref() else {
            continue;
        };
        let start = p.record.code.get_ref().as_str();
        let mut seen = std::collections::HashSet::from([start]);
        let mut at = by.get_ref().as_str();
        loop {
            if !seen.insert(at) {
                diags.error(
                    p.doc().at(by.span()),
                    format!("replaced_by leads in a circle back through {at}; the chain must end at a procedure in force"),
                );
                break;
            }
            match (statuses.get(at), next.get(at)) {
                (Some(Status::Replaced), Some(following)) => at = following,
                (Some(Status::Repealed), _) => {
                    diags.error(
                        p.doc().at(by.span()),
                        format!("replaced_by leads to {at}, which is repealed; point it at the procedure in force"),
                    );
                    break;
                }
                _ => break,
            }
        }
    }
}

fn check_status(statuses: &HashMap<&str, Status>, p: &LoadedProcedure, diags: &mut Diagnostics) {
    let r = &p.record;
    let at = |s: &Spanned<String>| p.doc().at(s.span());
    match (r.status, &r.replaced_by) {
        (Status::Replaced, Some(by)) => {
            check_procedure_reference(statuses, p, by, "replacing procedure", diags);
        }
        (Status::Replaced, None) => diags.error(
            at(&r.code),
            "status = \"replaced\" needs replaced_by = \"<code of the new procedure>\"",
        ),
        (_, Some(by)) => diags.error(
            at(by),
            "replaced_by is only meaningful with status = \"replaced\"",
        ),
        (_, None) => {}
    }
    if r.status != Status::Active && r.repealed_on.is_none() {
        diags.error(
            at(&r.code),
            format!(
                "status = \"{}\" needs repealed_on = <date>, so the page can say since when",
                r.status.key()
            ),
        );
    }
    if r.status == Status::Active && r.repealed_on.is_some() {
        diags.error(
            at(&r.code),
            "repealed_on is set but status is active; set status = \"repealed\" or \"replaced\"",
        );
    }
    check_dates(p, diags);
}

/// The dates of a procedure's history must make a history: in effect before it ends, and
/// every change note says something.
fn check_dates(p: &LoadedProcedure, diags: &mut Diagnostics) {
    let r = &p.record;
    if let (Some(from), Some(until)) = (&r.effective, r.repealed_on)
        && *from.get_ref() >= until
    {
        diags.error(
                p.doc().at(from.span()),
                format!(
                    "effective = {} is not before repealed_on = {}: the procedure would never be in effect",
                    from.get_ref().to_iso(),
                    until.to_iso()
                ),
            );
    }
    for c in &r.changes {
        if c.note.get_ref().trim().is_empty() {
            diags.error(
                p.doc().at(c.note.span()),
                "a change needs a note saying what changed (minor edits need no [[changes]] entry)",
            );
        }
    }
}

fn check_procedure_reference(
    statuses: &HashMap<&str, Status>,
    p: &LoadedProcedure,
    target: &Spanned<String>,
    what: &str,
    diags: &mut Diagnostics,
) {
    let at = p.doc().at(target.span());
    let code = target.get_ref();
    if code == p.record.code.get_ref() {
        diags.error(at, format!("a procedure cannot be its own {what}"));
    } else if !statuses.contains_key(code.as_str()) {
        let mut message = format!("{what} {code} does not exist in content/procedures/");
        if let Some(near) = crate::suggest::closest(code, statuses.keys().copied()) {
            message.push_str(&format!(" (did you mean {near}?)"));
        }
        diags.error(at, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<Spanned<String>> {
        list.iter()
            .enumerate()
            .map(|(i, k)| Spanned::new(i..i + 1, k.to_string()))
            .collect()
    }

    fn repeats(list: &[Spanned<String>]) -> Vec<std::ops::Range<usize>> {
        repeated(list).into_iter().map(|k| k.span()).collect()
    }

    #[test]
    fn a_key_is_repeated_at_each_later_listing_short_or_long() {
        let short = keys(&["a", "b", "a", "c", "a"]);
        assert_eq!(repeats(&short), [2..3, 4..5]);
        assert!(repeats(&keys(&["a", "b", "c"])).is_empty());
        let mut long: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        long[30] = "k3".into();
        long[39] = "k3".into();
        let long = keys(&long.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(repeats(&long), [30..31, 39..40]);
    }
}
