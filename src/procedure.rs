//! The procedure record as written in `content/procedures/<code>.md`: TOML front matter with
//! every field of the national record, and a Markdown body saying what the procedure is for.
//!
//! These types mirror the file format one to one (`deny_unknown_fields`, so a misspelt key
//! is an error). Keys that refer to catalogues keep their position in the file (`Spanned`)
//! so validation can point at them.

use crate::date::Date;
use serde::Deserialize;
use toml::Spanned;

/// `N.NNNNNN`, the national procedure code.
pub fn is_valid_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 8
        && bytes[0].is_ascii_digit()
        && bytes[1] == b'.'
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureFile {
    pub code: Spanned<String>,
    #[serde(default)]
    pub local_code: Option<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub short_name: Option<String>,
    pub field: Spanned<String>,
    /// Further fields the procedure is listed under (the national list gives some
    /// procedures two); its page and QR code stay one, under `field`.
    #[serde(default)]
    pub other_fields: Vec<Spanned<String>>,
    pub levels: Spanned<Vec<Spanned<String>>>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub audience: Vec<Spanned<String>>,
    #[serde(default)]
    pub agencies: Agencies,
    /// Offices that receive it besides those whose rules match it (see `office_rules`).
    #[serde(default)]
    pub offices: Vec<Spanned<String>>,
    /// `false`: received only at `offices`, whatever the offices' rules say.
    #[serde(default = "yes")]
    pub office_rules: bool,
    /// Received regardless of administrative boundary ("phi địa giới"): at any office that
    /// receives it, wherever the applicant lives.
    #[serde(default)]
    pub anywhere: bool,
    pub online: Online,
    #[serde(default)]
    pub online_url: Option<Spanned<String>>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub steps: Vec<Spanned<String>>,
    #[serde(default)]
    pub documents: Vec<DocumentGroup>,
    #[serde(default)]
    pub results: Vec<Outcome>,
    #[serde(default)]
    pub conditions: Option<Spanned<String>>,
    #[serde(default)]
    pub legal_basis: Vec<LegalDocument>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub replaced_by: Option<Spanned<String>>,
    #[serde(default)]
    pub repealed_on: Option<Date>,
    /// The day the procedure takes effect (Circular 02/2017/TT-VPCP: it is published from the
    /// effective date of the decision announcing it). Before that day it is announced, not
    /// listed. Without it, the earliest `effective` of an announcing decision, if any.
    #[serde(default)]
    pub effective: Option<Spanned<Date>>,
    /// The editor's notes of major changes (minor edits need none), for the page's history
    /// and the feeds.
    #[serde(default)]
    pub changes: Vec<Change>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub life_events: Vec<String>,
    pub updated: Date,
    /// Where the record came from, when it was imported from the national database.
    #[serde(default)]
    pub source: Option<Source>,
}

/// The national record a procedure was imported from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The ministry or agency that announced the procedure ("Bộ Tư pháp").
    #[serde(default)]
    pub issuer: Option<String>,
    /// The record's page on the national portal.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agencies {
    #[serde(default)]
    pub competent: Vec<Spanned<String>>,
    #[serde(default)]
    pub executing: Vec<Spanned<String>>,
    #[serde(default)]
    pub delegated: Vec<Spanned<String>>,
    #[serde(default)]
    pub cooperating: Vec<Spanned<String>>,
}

/// How far the procedure can be done on the national or provincial public service portal
/// (Decree 42/2022/NĐ-CP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Online {
    Full,
    Partial,
    None,
    /// The source does not say (national records do not state the level).
    Unknown,
}

impl Online {
    pub fn key(self) -> &'static str {
        match self {
            Online::Full => "full",
            Online::Partial => "partial",
            Online::None => "none",
            Online::Unknown => "unknown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Online::Full => "Dịch vụ công trực tuyến toàn trình",
            Online::Partial => "Dịch vụ công trực tuyến một phần",
            Online::None => "Chưa có dịch vụ công trực tuyến",
            Online::Unknown => "Chưa công bố mức độ dịch vụ công trực tuyến",
        }
    }

    /// What the level means for the person applying, in plain words.
    pub fn explanation(self) -> &'static str {
        match self {
            Online::Full => {
                "Làm trọn trên mạng: nộp hồ sơ, nộp phí và nhận kết quả mà không phải đến nơi tiếp nhận."
            }
            Online::Partial => {
                "Nộp hồ sơ trên mạng được, nhưng còn phải đến nơi tiếp nhận một lần (nộp bản giấy, nộp phí hoặc nhận kết quả)."
            }
            Online::None => "Chưa nộp được trên mạng: nộp trực tiếp hoặc qua bưu điện.",
            Online::Unknown => "Chưa có thông tin về nộp trên mạng: hỏi nơi tiếp nhận hồ sơ.",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Active,
    Repealed,
    Replaced,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Repealed => "repealed",
            Status::Replaced => "replaced",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Active => "Còn hiệu lực",
            Status::Repealed => "Đã bãi bỏ",
            Status::Replaced => "Đã được thay thế",
        }
    }
}

/// One way of applying (in person, online, by post) with its own time limit and fees.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub mode: Spanned<String>,
    /// When this way applies, for a mode listed more than once ("Đối với công ty luật…").
    #[serde(default)]
    pub condition: Option<String>,
    #[serde(default)]
    pub time_limit: Option<TimeLimit>,
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// The source does not say what it costs: shown as "Không có thông tin", not "Không".
    #[serde(default)]
    pub fees_unknown: bool,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
}

/// A statutory processing time: a number and a unit, a note, or both (real records often
/// say "Ngay trong ngày tiếp nhận hồ sơ").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    #[serde(default)]
    pub amount: Option<u32>,
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A fee or charge: an amount in đồng, a text ("Theo quy định của HĐND tỉnh"), or both.
/// `kind` (phí or lệ phí) is absent when the source does not separate them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub amount: Option<u64>,
    /// What the amount is per: "hồ sơ", "trang", "hộ chiếu".
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentGroup {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub notes: Option<Spanned<String>>,
    /// Absent or empty: a group of notes only.
    #[serde(default)]
    pub items: Vec<DocumentItem>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentItem {
    pub name: Spanned<String>,
    /// The national database's code of the document ("000.00.00.G03-KQ0249").
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub originals: u32,
    #[serde(default)]
    pub copies: u32,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub forms: Vec<Spanned<String>>,
    /// Names of the national form files (`Mẫu TP-LS-28.docx`) the site does not host.
    #[serde(default)]
    pub form_names: Vec<String>,
    #[serde(default)]
    pub kind: ItemKind,
    /// On a heading: the documents under it are alternatives ("một trong các giấy tờ sau").
    #[serde(default)]
    pub one_of: bool,
    /// The row belongs to the heading above it.
    #[serde(default)]
    pub sub: bool,
}

/// What a row of a document group is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A document to bring, with its counts.
    #[default]
    Document,
    /// A sub-heading ("Giấy tờ chứng minh … gồm:"); the rows marked `sub` below belong to it.
    Heading,
    /// A note about the documents ("Trường hợp … thì không phải nộp"), not a document.
    Note,
}

impl ItemKind {
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Document => "document",
            ItemKind::Heading => "heading",
            ItemKind::Note => "note",
        }
    }
}

fn yes() -> bool {
    true
}

/// What the applicant receives.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
    /// What the result is or says, as plain text.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub electronic: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalDocument {
    /// "60/2014/QH13"; absent when the source names the document without a number.
    #[serde(default)]
    pub number: Option<String>,
    pub title: String,
    #[serde(default)]
    pub date: Option<Date>,
    /// "Quốc hội", "Chính phủ", "Bộ Tư pháp".
    #[serde(default)]
    pub issuer: Option<String>,
    /// The day it takes effect.
    #[serde(default)]
    pub effective: Option<Date>,
    /// Where its text can be read (an official database of legal documents).
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// The decision that published (or amended) the procedure. National records give the
/// number only.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub number: String,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub issuer: Option<String>,
    /// The day the decision takes effect, when not the day it was signed.
    #[serde(default)]
    pub effective: Option<Date>,
    /// What the decision did to this procedure. Without it: the earliest dated decision
    /// announced it, later ones amended it.
    #[serde(default)]
    pub kind: Option<ChangeKind>,
}

impl Decision {
    /// The day it takes effect: `effective`, else the day it was signed.
    pub fn in_force_from(&self) -> Option<Date> {
        self.effective.or(self.date)
    }
}

/// A major change to a procedure, noted by the editor (`[[changes]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The day the change takes effect.
    pub date: Spanned<Date>,
    /// What changed, in a sentence a reader understands.
    pub note: Spanned<String>,
    #[serde(default)]
    pub kind: ChangeKind,
    /// The number of the decision that made the change, if any.
    #[serde(default)]
    pub decision: Option<String>,
}

/// What happened to a procedure on a day of its history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Announced,
    #[default]
    Amended,
    Replaced,
    Repealed,
}

impl ChangeKind {
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::Announced => "announced",
            ChangeKind::Amended => "amended",
            ChangeKind::Replaced => "replaced",
            ChangeKind::Repealed => "repealed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Announced => "Công bố",
            ChangeKind::Amended => "Sửa đổi, bổ sung",
            ChangeKind::Replaced => "Được thay thế",
            ChangeKind::Repealed => "Bãi bỏ",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_digit_dot_six_digits() {
        assert!(is_valid_code("1.001193"));
        assert!(!is_valid_code("1.00119"));
        assert!(!is_valid_code("1-001193"));
        assert!(!is_valid_code("../x/123"));
    }
}
