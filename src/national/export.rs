//! `congkhai import EXPORT.xlsx`: the National Database on Administrative Procedures' Excel
//! export, the file a commune or province downloads. One list sheet (`TTHC2-CAPXA` for a
//! commune's catalogue: title rows, a header, one row per procedure) and one sheet per
//! table, each row keyed by the procedure code: `Cách thức thực hiện`, `Trình tự thực
//! hiện`, `TPHS` (documents), `KQTH` (results), `CCPL` (legal basis) and `TTHC`
//! (conditions). Rows are structured, so nothing is glued; they become the same [`Parsed`]
//! procedures the records import makes, and the same checked, all-or-nothing import
//! writes them.
//!
//! Columns are found by their headers, folded for case, diacritics and spacing; a column
//! whose header is not found is read where the export places it, with a warning naming
//! it; a sheet that is missing is a warning, never a crash.

use super::channels::{ChannelRow, FeeCell};
use super::documents::{Group, Row, RowKind};
use super::legal::{Decision, Legal, Outcome};
use super::{Counts, NationalError, Options, Parsed, Report, Warning, apply, place, text};
use std::collections::BTreeMap;
use std::path::Path;

/// A sheet of the export: the names it goes by (folded) and its columns, each with the
/// headers it goes by and the column the export places it in (0-based).
struct SheetShape {
    names: &'static [&'static str],
    label: &'static str,
    columns: &'static [(&'static str, &'static [&'static str], usize)],
}

const LIST: SheetShape = SheetShape {
    names: &["tthc2 capxa", "tthc2", "danh muc tthc", "danh sach tthc"],
    label: "TTHC2-CAPXA",
    columns: &[
        ("code", &["ma tthc", "ma thu tuc", "ma so"], 1),
        ("name", &["ten tthc", "ten thu tuc"], 2),
        ("link", &["link truy cap", "duong dan"], 3),
        ("decision", &["so quyet dinh"], 4),
        ("decision_date", &["ngay quyet dinh"], 5),
        ("issuer", &["co quan ban hanh"], 6),
        ("field", &["linh vuc"], 7),
        ("levels", &["cap thuc hien"], 8),
        ("audience", &["doi tuong thuc hien"], 9),
        ("kind", &["loai tthc", "loai thu tuc"], 10),
        ("keywords", &["tu khoa"], 11),
        ("address", &["dia chi tiep nhan"], 12),
        ("executing", &["co quan thuc hien"], 13),
        ("competent", &["co quan co tham quyen"], 14),
        ("cooperating", &["co quan phoi hop"], 15),
        ("delegated", &["co quan duoc uy quyen"], 16),
        ("description", &["mo ta"], 17),
        ("status", &["trang thai"], 18),
    ],
};

const CHANNELS: SheetShape = SheetShape {
    names: &["cach thuc thuc hien"],
    label: "Cách thức thực hiện",
    columns: &[
        ("code", &["ma tthc", "ma thu tuc"], 1),
        ("name", &["ten tthc", "ten thu tuc"], 2),
        ("mode", &["hinh thuc nop"], 3),
        ("time", &["thoi han giai quyet", "thoi gian", "thoi han"], 4),
        ("fee", &["phi le phi", "phi, le phi", "phi/le phi"], 5),
        ("description", &["mo ta"], 6),
    ],
};

const STEPS: SheetShape = SheetShape {
    names: &["trinh tu thuc hien"],
    label: "Trình tự thực hiện",
    columns: &[
        ("code", &["ma tthc", "ma thu tuc"], 1),
        ("name", &["ten tthc", "ten thu tuc"], 2),
        ("case", &["truong hop", "truong hop xu ly"], 3),
        ("detail", &["mo ta chi tiet", "mo ta"], 4),
    ],
};

const DOCUMENTS: SheetShape = SheetShape {
    names: &["tphs", "thanh phan ho so"],
    label: "TPHS",
    columns: &[
        ("code", &["ma tthc", "ma thu tuc"], 1),
        ("name", &["ten tthc", "ten thu tuc"], 2),
        ("doc_code", &["ma thanh phan ho so", "ma giay to"], 3),
        ("doc_name", &["ten giay to", "ten thanh phan ho so"], 4),
        ("doc_kind", &["loai giay to"], 5),
        ("doc_issuer", &["co quan ban hanh"], 6),
        ("originals", &["ban chinh"], 7),
        ("copies", &["ban sao"], 8),
        (
            "form",
            &["bieu mau dien tu", "mau don, to khai", "mau don to khai"],
            9,
        ),
    ],
};

const RESULTS: SheetShape = SheetShape {
    names: &["kqth", "ket qua thuc hien"],
    label: "KQTH",
    columns: &[
        ("code", &["ma tthc", "ma thu tuc"], 1),
        ("name", &["ten tthc", "ten thu tuc"], 2),
        ("result_code", &["ma ket qua"], 3),
        ("result_name", &["ten ket qua"], 4),
        ("result_issuer", &["co quan ban hanh"], 5),
        ("result_description", &["mo ta"], 6),
    ],
};

const LEGAL: SheetShape = SheetShape {
    names: &["ccpl", "can cu phap ly"],
    label: "CCPL",
    columns: &[
        ("code", &["ma tthc", "ma thu tuc"], 1),
        ("name", &["ten tthc", "ten thu tuc"], 2),
        ("number", &["so ky hieu", "so hieu"], 3),
        ("title", &["trich yeu", "ten van ban"], 4),
        ("issuer", &["co quan ban hanh"], 5),
        ("issued", &["ngay ban hanh"], 6),
        ("effective", &["ngay hieu luc"], 7),
        ("url", &["dia chi truy cap", "duong dan"], 8),
    ],
};

const CONDITIONS: SheetShape = SheetShape {
    names: &["tthc"],
    label: "TTHC",
    columns: &[
        ("code", &["ma tthc", "ma thu tuc"], 1),
        (
            "conditions",
            &["yeu cau, dieu kien", "yeu cau dieu kien"],
            16,
        ),
    ],
};

/// The largest a workbook may unpack to: a province's whole catalogue is a few MB; a file
/// that claims more is refused before it is read, not read until memory runs out.
pub const UNPACKED_MAX: u64 = 256 << 20;

/// Refuses a workbook that unpacks to more than [`UNPACKED_MAX`] or whose parts are
/// compressed beyond what text compresses to (a "zip bomb").
pub fn check_size(path: &Path) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| format!("not a readable .xlsx (zip) file: {e}"))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| e.to_string())?;
        let (packed, unpacked) = (entry.compressed_size(), entry.size());
        total = total.saturating_add(unpacked);
        if unpacked > 1 << 20 && unpacked / packed.max(1) > 200 {
            return Err(format!(
                "`{}` unpacks {} times larger than it is stored ({} MB); a spreadsheet's text does not compress like that — refused",
                entry.name(),
                unpacked / packed.max(1),
                unpacked >> 20
            ));
        }
    }
    if total > UNPACKED_MAX {
        return Err(format!(
            "the workbook unpacks to {} MB, more than the {} MB a catalogue needs — refused",
            total >> 20,
            UNPACKED_MAX >> 20
        ));
    }
    Ok(())
}

/// Does the workbook at `path` have the export's table sheets (not just a list)?
pub fn is_export(path: &Path) -> bool {
    use calamine::Reader;
    let is_workbook = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"));
    if !is_workbook || check_size(path).is_err() {
        return false;
    }
    let Ok(workbook) = calamine::open_workbook_auto(path) else {
        return false;
    };
    let names: Vec<String> = workbook.sheet_names().iter().map(|n| fold(n)).collect();
    [&CHANNELS, &DOCUMENTS, &LEGAL, &RESULTS, &STEPS]
        .iter()
        .filter(|shape| names.iter().any(|n| shape.names.contains(&n.as_str())))
        .count()
        >= 2
}

fn fold(text: &str) -> String {
    crate::vi::fold(&text::one_line(text))
        .replace(['/', '-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A workbook's sheets by name, each as rows of text cells.
type Sheets = Vec<(String, Vec<Vec<String>>)>;

/// What one table sheet's row adds to its procedure (and the warnings it raises).
type AddRow<'a> = dyn FnMut(&Table, &[String], &mut Parsed, &mut Vec<Warning>) + 'a;

/// A sheet's rows below its header, with where each column was found.
struct Table {
    sheet: String,
    /// Row number (1-based) of each row, and its cells.
    rows: Vec<(usize, Vec<String>)>,
    columns: BTreeMap<&'static str, usize>,
}

impl Table {
    fn get<'a>(&self, row: &'a [String], column: &str) -> &'a str {
        self.columns
            .get(column)
            .and_then(|&i| row.get(i))
            .map_or("", String::as_str)
    }

    /// The cell as one clean line, or `None` when empty or "Không có thông tin".
    fn text(&self, row: &[String], column: &str) -> Option<String> {
        text::present(self.get(row, column)).map(|t| text::one_line(&t))
    }

    fn origin(&self, file: &Path, line: usize) -> String {
        format!("{}:{}:{line}", file.display(), self.sheet)
    }
}

/// Reads one sheet by its shape: finds it by name, its header row by the code column, and
/// each column by its header (or where the export places it, with a warning).
fn table(
    sheets: &Sheets,
    shape: &SheetShape,
    file: &Path,
    warnings: &mut Vec<Warning>,
) -> Option<Table> {
    let found = sheets
        .iter()
        .find(|(name, _)| shape.names.contains(&fold(name).as_str()));
    let Some((name, cells)) = found else {
        warnings.push(Warning {
            origin: file.display().to_string(),
            section: "bang_tinh",
            message: format!(
                "no sheet `{}`: its part of every procedure is left empty",
                shape.label
            ),
        });
        return None;
    };
    let code_headers = shape.columns[0].1;
    let header_at = cells
        .iter()
        .take(20)
        .position(|row| row.iter().any(|c| code_headers.contains(&fold(c).as_str())));
    let header: Vec<String> = header_at
        .map(|at| cells[at].iter().map(|c| fold(c)).collect())
        .unwrap_or_default();
    let mut columns = BTreeMap::new();
    for (key, headers, position) in shape.columns {
        let by_header = header.iter().position(|h| headers.contains(&h.as_str()));
        let at = by_header.unwrap_or(*position);
        if by_header.is_none() {
            warnings.push(Warning {
                origin: format!("{}:{name}", file.display()),
                section: "bang_tinh",
                message: format!(
                    "no column headed `{}`; read from column {} where the export places it",
                    headers[0],
                    column_letter(at)
                ),
            });
        }
        columns.insert(*key, at);
    }
    let start = header_at.map_or(0, |at| at + 1);
    let rows = cells
        .iter()
        .enumerate()
        .skip(start)
        .filter(|(_, row)| row.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, row)| (i + 1, row.clone()))
        .collect();
    Some(Table {
        sheet: name.clone(),
        rows,
        columns,
    })
}

fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Every sheet of the workbook as text cells.
fn read_sheets(path: &Path) -> Result<Sheets, String> {
    use calamine::Reader;
    check_size(path)?;
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| format!("sheet `{name}`: {e}"))?;
        let rows = range
            .rows()
            .map(|row| row.iter().map(|cell| cell.to_string()).collect())
            .collect();
        out.push((name, rows));
    }
    Ok(out)
}

/// Imports the workbook at `options.source`.
pub fn import(options: &Options) -> Result<Report, NationalError> {
    apply::run(options, |report| {
        let file = &options.source;
        let sheets = read_sheets(file)
            .map_err(|m| NationalError::Records(vec![format!("{}: {m}", file.display())]))?;
        parse_workbook(&sheets, file, &mut report.warnings, &mut report.counts)
    })
}

/// The workbook's procedures, each with the rows of every table that name its code.
fn parse_workbook(
    sheets: &Sheets,
    file: &Path,
    warnings: &mut Vec<Warning>,
    counts: &mut Counts,
) -> Result<Vec<Parsed>, NationalError> {
    let Some(list) = table(sheets, &LIST, file, warnings) else {
        return Err(NationalError::Records(vec![format!(
            "{}: no list sheet (`TTHC2-CAPXA`) with a `Mã TTHC` column; is this the national database's export?",
            file.display()
        )]));
    };
    let mut parsed: Vec<Parsed> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (line, row) in &list.rows {
        let origin = list.origin(file, *line);
        let code = list.text(row, "code").unwrap_or_default();
        if code.is_empty() {
            warnings.push(Warning {
                origin,
                section: "ma_tthc",
                message: "a row without a procedure code; skipped".into(),
            });
            continue;
        }
        if !crate::procedure::is_valid_code(&code) {
            warnings.push(Warning {
                origin,
                section: "ma_tthc",
                message: format!(
                    "`{}` is not a national procedure code like 1.001193; skipped",
                    crate::diagnostic::excerpt(&code)
                ),
            });
            continue;
        }
        if index.contains_key(&code) {
            problems.push(format!(
                "{origin}: code {code} is listed twice; each procedure once"
            ));
            continue;
        }
        let Some(name) = list.text(row, "name") else {
            problems.push(format!("{origin}: procedure {code} has no name"));
            continue;
        };
        index.insert(code.clone(), parsed.len());
        parsed.push(list_row(&list, row, origin, code, name, warnings));
    }
    if !problems.is_empty() {
        return Err(NationalError::Records(problems));
    }
    let mut rows_of = |shape: &SheetShape, add: &mut AddRow| {
        let Some(table) = table(sheets, shape, file, warnings) else {
            return;
        };
        for (line, row) in &table.rows {
            let origin = table.origin(file, *line);
            let code = table.text(row, "code").unwrap_or_default();
            let Some(&at) = index.get(&code) else {
                warnings.push(Warning {
                    origin,
                    section: "ma_tthc",
                    message: format!(
                        "a row for procedure `{}`, which the list sheet does not have; not imported",
                        crate::diagnostic::excerpt(&code)
                    ),
                });
                continue;
            };
            let procedure = &mut parsed[at];
            if let Some(name) = table.text(row, "name")
                && !super::same_name(&name, &procedure.name)
            {
                warnings.push(Warning {
                    origin: origin.clone(),
                    section: "ten_tthc",
                    message: format!(
                        "this row names {code} `{}`, the list sheet `{}`; the row is imported under the code — check it",
                        crate::diagnostic::excerpt(&name),
                        crate::diagnostic::excerpt(&procedure.name)
                    ),
                });
            }
            let mut row_warnings = Vec::new();
            add(&table, row, procedure, &mut row_warnings);
            for mut w in row_warnings {
                w.origin = origin.clone();
                warnings.push(w);
            }
        }
    };
    rows_of(&CHANNELS, &mut |t, row, p, _| channel_row(t, row, p));
    rows_of(&STEPS, &mut |t, row, p, _| {
        let detail = t.get(row, "detail");
        let mut steps = super::steps::parse(detail);
        if let Some(case) = t.text(row, "case")
            && let Some(first) = steps.first_mut()
        {
            *first = format!("*{}:* {first}", text::escape_markdown(&case));
        }
        p.steps.extend(steps);
    });
    rows_of(&DOCUMENTS, &mut |t, row, p, _| {
        let Some(name) = t.text(row, "doc_name") else {
            return;
        };
        let originals = count(t.get(row, "originals"));
        let copies = count(t.get(row, "copies"));
        let form = t
            .text(row, "form")
            .filter(|f| !matches!(fold(f).as_str(), "khong" | "co" | "x"));
        let item = Row {
            name,
            code: t.text(row, "doc_code"),
            originals,
            copies,
            form_names: form.into_iter().collect(),
            kind: RowKind::Document,
            ..Row::default()
        };
        if p.documents.is_empty() {
            p.documents.push(Group::default());
        }
        p.documents[0].rows.push(item);
    });
    rows_of(&RESULTS, &mut |t, row, p, _| {
        let Some(name) = t
            .text(row, "result_name")
            .or_else(|| t.text(row, "result_code"))
        else {
            return;
        };
        p.results.push(Outcome {
            name,
            code: t.text(row, "result_code"),
            description: t.text(row, "result_description"),
        });
    });
    rows_of(&LEGAL, &mut |t, row, p, w| {
        let number = t.text(row, "number");
        let Some(title) = t.text(row, "title").or_else(|| number.clone()) else {
            return;
        };
        let url = t.text(row, "url").filter(|u| {
            let ok = super::plain_url(u);
            if !ok {
                w.push(Warning {
                    origin: String::new(),
                    section: "ccpl",
                    message: format!(
                        "not a plain web address, left out: `{}`",
                        crate::diagnostic::excerpt(u)
                    ),
                });
            }
            ok
        });
        p.legal.push(Legal {
            issuer: t
                .text(row, "issuer")
                .or_else(|| number.as_deref().and_then(super::legal::issuer_of)),
            number,
            title,
            date: t
                .text(row, "issued")
                .and_then(|d| super::legal::iso_date(&d)),
            effective: t
                .text(row, "effective")
                .and_then(|d| super::legal::iso_date(&d)),
            url,
        });
    });
    rows_of(&CONDITIONS, &mut |t, row, p, _| {
        if let Some(c) = text::present(t.get(row, "conditions")) {
            p.conditions = text::markdown(&c);
        }
    });
    for p in &mut parsed {
        counts.channel_rows += p.channels.len();
        counts.document_rows += p.documents.iter().map(|g| g.rows.len()).sum::<usize>();
        counts.legal_rows += p.legal.len();
        counts.results += p.results.len();
        counts.steps += p.steps.len();
        let mut warn = |section: &'static str, message: String| {
            warnings.push(Warning {
                origin: p.origin.clone(),
                section,
                message,
            });
        };
        super::plausibility(&p.channels, &mut warn);
        for (section, empty) in [
            ("cach_thuc_thuc_hien", p.channels.is_empty()),
            ("tphs", p.documents.is_empty()),
            ("trinh_tu_thuc_hien", p.steps.is_empty()),
        ] {
            if empty {
                warn(section, "the procedure has no rows in this sheet".into());
            }
        }
    }
    Ok(parsed)
}

/// The list sheet's row: who, where, what kind, and the announcing decision.
fn list_row(
    t: &Table,
    row: &[String],
    origin: String,
    code: String,
    name: String,
    warnings: &mut Vec<Warning>,
) -> Parsed {
    let names = |column: &str| -> Vec<String> {
        t.text(row, column)
            .map(|c| {
                c.split(';')
                    .flat_map(text::split_names)
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let place = place::read(t.get(row, "address"));
    if let Some(note) = &place.note {
        warnings.push(Warning {
            origin: origin.clone(),
            section: "dia_chi_tiep_nhan",
            message: place::note_message(note),
        });
    }
    let url = t.text(row, "link").filter(|u| {
        let ok = super::plain_url(u);
        if !ok {
            warnings.push(Warning {
                origin: origin.clone(),
                section: "link_truy_cap",
                message: format!(
                    "not a plain web address, left out: `{}`",
                    crate::diagnostic::excerpt(u)
                ),
            });
        }
        ok
    });
    let decisions: Vec<Decision> = t
        .text(row, "decision")
        .map(|number| {
            vec![Decision {
                number,
                date: t
                    .text(row, "decision_date")
                    .and_then(|d| super::legal::iso_date(&d)),
            }]
        })
        .unwrap_or_default();
    if let Some(status) = t.text(row, "status")
        && fold(&status) != "da cong khai"
    {
        warnings.push(Warning {
            origin: origin.clone(),
            section: "trang_thai",
            message: format!(
                "status `{status}`: imported as in force — set `status` in the file if it is not"
            ),
        });
    }
    Parsed {
        origin,
        issuer: t.text(row, "issuer"),
        code,
        name,
        url,
        decisions,
        levels: t
            .text(row, "levels")
            .map(|l| text::split_names(&l))
            .unwrap_or_default(),
        kind: t.text(row, "kind"),
        field: t.text(row, "field"),
        audience: names("audience"),
        agencies: ["competent", "executing", "delegated", "cooperating"].map(names),
        addresses: place.addresses,
        place_note: place.note,
        description: t.text(row, "description"),
        keywords: names("keywords"),
        ..Parsed::default()
    }
}

/// "x", "X", "1", "01" → a count; "", "Không" → 0.
fn count(cell: &str) -> u32 {
    let cell = cell.trim();
    if cell.eq_ignore_ascii_case("x") || fold(cell) == "co" {
        return 1;
    }
    cell.parse().unwrap_or(0)
}

/// One row of `Cách thức thực hiện`: the mode, the time limit, the fee, the description.
fn channel_row(t: &Table, row: &[String], p: &mut Parsed) {
    let Some(mode) = t.text(row, "mode") else {
        return;
    };
    // The export says "Bưu chính" where the portal says "Dịch vụ bưu chính".
    let mode = match fold(&mode).as_str() {
        "buu chinh" => "Dịch vụ bưu chính".to_string(),
        "truc tuyen" => "Trực tuyến".to_string(),
        "truc tiep" => "Trực tiếp".to_string(),
        _ => mode,
    };
    let description = text::present(t.get(row, "description"));
    let mut out = ChannelRow {
        mode,
        description: description.as_deref().and_then(text::markdown),
        ..ChannelRow::default()
    };
    if let Some(time) = t.text(row, "time") {
        let digits: String = time.chars().take_while(char::is_ascii_digit).collect();
        let rest = time[digits.len()..].trim();
        match (digits.parse::<u32>().ok(), super::channels::unit_at(rest)) {
            (Some(amount), Some(unit)) if rest.len() == unit.len() => {
                out.amount = Some(amount);
                out.unit = Some(unit.to_string());
            }
            (Some(amount), None) if rest.is_empty() => out.amount = Some(amount),
            _ if fold(&time) == "khac" => {
                // "Khác": the limit is written in the description.
                out.time_note = Some(match description.as_deref().map(first_clause) {
                    Some(clause) => clause,
                    None => "Khác (không ghi cụ thể)".into(),
                });
            }
            _ => out.time_note = Some(time),
        }
    }
    out.fee = fee_cell(&t.text(row, "fee").unwrap_or_default());
    p.channels.push(out);
}

/// The first clause of a description ("02 tháng và 15 ngày làm việc, trong đó: a) …" →
/// "02 tháng và 15 ngày làm việc"), when it is short enough to be a time limit.
fn first_clause(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let clause = line.split([',', ':', ';']).next().unwrap_or(line).trim();
    if !clause.is_empty() && clause.chars().count() <= 80 {
        clause.to_string()
    } else {
        "Khác (xem mô tả)".into()
    }
}

/// "Phí: 0 VNĐ", "Lệ phí: 50.000 VNĐ (note)", "Phí: 700 VNĐ (Phí thẩm định…)", free text.
fn fee_cell(cell: &str) -> FeeCell {
    let cell = cell.trim();
    if cell.is_empty() {
        return FeeCell::Unknown;
    }
    let folded = fold(cell);
    if folded.starts_with("mien phi") || folded == "khong" {
        return FeeCell::Free { note: None };
    }
    let after_kind = cell.split_once(':').map_or(cell, |(_, rest)| rest).trim();
    let digits: String = after_kind
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let rest = after_kind[digits.len()..].trim();
    let currency = ["VNĐ", "VND", "đồng", "Đồng"]
        .iter()
        .find(|c| rest.starts_with(*c));
    let amount: Option<u64> = digits.replace(['.', ','], "").parse().ok();
    match (amount, currency) {
        (Some(amount), Some(c)) => {
            let note = rest[c.len()..].trim();
            let note = text::unwrap_parens(note).trim();
            let note = (!note.is_empty()).then(|| note.to_string());
            if amount == 0 {
                FeeCell::Free { note }
            } else {
                FeeCell::Amount {
                    amount,
                    unit: None,
                    note,
                }
            }
        }
        _ => FeeCell::Text(text::one_line(cell)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fees_time_limits_and_counts_read_as_the_export_writes_them() {
        assert_eq!(fee_cell("Phí: 0 VNĐ"), FeeCell::Free { note: None });
        assert_eq!(
            fee_cell("Lệ phí: 50.000 VNĐ (Mỗi hồ sơ)"),
            FeeCell::Amount {
                amount: 50_000,
                unit: None,
                note: Some("Mỗi hồ sơ".into())
            }
        );
        assert!(matches!(
            fee_cell("Phí: 700 VNĐ (Phí thẩm định)"),
            FeeCell::Amount { amount: 700, .. }
        ));
        assert_eq!(
            fee_cell("Theo quy định của HĐND tỉnh"),
            FeeCell::Text("Theo quy định của HĐND tỉnh".into())
        );
        assert_eq!(
            first_clause("02 tháng và 15 ngày làm việc, trong đó:\na) …"),
            "02 tháng và 15 ngày làm việc"
        );
        assert_eq!(
            (
                count("x"),
                count("X"),
                count("02"),
                count("Không"),
                count("")
            ),
            (1, 1, 2, 0, 0)
        );
        assert_eq!(
            (column_letter(0), column_letter(16), column_letter(26)),
            ("A".into(), "Q".into(), "AA".into())
        );
        assert_eq!(fold("  Phí, lệ  phí "), "phi, le phi");
        assert_eq!(fold("Phí/lệ phí"), "phi le phi");
    }
}
