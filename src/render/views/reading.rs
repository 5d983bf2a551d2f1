//! The order a citizen reads a group of documents in: what nearly everyone brings first (the
//! application form, the identity card), then the other documents, then what only some
//! bring ("nếu có"), then the special cases ("Trường hợp …", "Đối với …"). The record's
//! order is kept within each rank, and a group whose rows hang together (headings with the
//! rows under them) is left as it is. A note stays after the document it follows.

use crate::procedure::{DocumentItem, ItemKind};

/// Positions of `items` in reading order.
pub fn order(items: &[DocumentItem]) -> Vec<usize> {
    let structured = items.iter().any(|i| i.kind == ItemKind::Heading || i.sub);
    if structured {
        return (0..items.len()).collect();
    }
    // Blocks: a document with the notes after it; notes before any document lead.
    let mut blocks: Vec<(u8, Vec<usize>)> = Vec::new();
    for (at, item) in items.iter().enumerate() {
        match (item.kind, blocks.last_mut()) {
            (ItemKind::Document, _) | (_, None) => blocks.push((rank(item), vec![at])),
            (_, Some((_, block))) => block.push(at),
        }
    }
    // Leading notes keep their place: they speak of the whole group.
    if let Some((r, block)) = blocks.first_mut()
        && items[block[0]].kind != ItemKind::Document
    {
        *r = 0;
    }
    blocks.sort_by_key(|(r, _)| *r);
    blocks.into_iter().flat_map(|(_, b)| b).collect()
}

/// 0 for a leading note, 1 the form or identity card, 2 another document, 3 one brought only
/// when the applicant has it, 4 a special case.
pub fn rank(item: &DocumentItem) -> u8 {
    if item.kind != ItemKind::Document {
        return 2;
    }
    let name = item.name.get_ref().trim().to_lowercase();
    if special_case(&name) {
        4
    } else if !item.required {
        3
    } else if !item.forms.is_empty() || !item.form_names.is_empty() || everyones(&name) {
        1
    } else {
        2
    }
}

/// "Trường hợp …", "Đối với …", "Nếu …", or a list of alternatives by case ("… đối với trẻ
/// em bị bỏ rơi; … đối với trẻ em mồ côi").
fn special_case(name: &str) -> bool {
    ["trường hợp", "đối với", "nếu ", "riêng "]
        .iter()
        .any(|m| name.starts_with(m))
        || name.contains("trong trường hợp")
        || (name.contains("; ") && name.matches("đối với").count() >= 2)
}

/// The application form and the identity papers: what nearly every applicant brings.
fn everyones(name: &str) -> bool {
    [
        "tờ khai",
        "đơn ",
        "đơn đề nghị",
        "phiếu đề nghị",
        "giấy đề nghị",
        "văn bản đề nghị",
        "bản khai",
        "căn cước",
        "chứng minh nhân dân",
        "hộ chiếu",
    ]
    .iter()
    .any(|m| name.starts_with(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, required: bool) -> DocumentItem {
        let text = format!("name = {name:?}\nrequired = {required}\n");
        toml::from_str(&text).unwrap()
    }

    fn note(name: &str) -> DocumentItem {
        toml::from_str(&format!("name = {name:?}\nkind = \"note\"\n")).unwrap()
    }

    fn names(items: &[DocumentItem]) -> Vec<&str> {
        order(items)
            .into_iter()
            .map(|i| items[i].name.get_ref().as_str())
            .collect()
    }

    #[test]
    fn the_form_and_id_come_first_and_special_cases_last() {
        let items = [
            doc(
                "Biên bản xác nhận đối với trẻ em bị bỏ rơi; Giấy chứng tử đối với trẻ em mồ côi",
                true,
            ),
            doc("Giấy khai sinh", true),
            doc("Trường hợp ủy quyền: văn bản ủy quyền", true),
            doc("Giấy chứng nhận kết hôn", false),
            doc("Đơn xin nhận con nuôi", true),
            doc("Căn cước công dân", true),
        ];
        assert_eq!(
            names(&items),
            [
                "Đơn xin nhận con nuôi",
                "Căn cước công dân",
                "Giấy khai sinh",
                "Giấy chứng nhận kết hôn",
                "Biên bản xác nhận đối với trẻ em bị bỏ rơi; Giấy chứng tử đối với trẻ em mồ côi",
                "Trường hợp ủy quyền: văn bản ủy quyền",
            ]
        );
    }

    #[test]
    fn notes_stay_with_what_they_follow_and_leading_notes_lead() {
        let items = [
            note("Ghi chú chung"),
            doc("Trường hợp đặc biệt", true),
            note("Ghi chú của trường hợp đặc biệt"),
            doc("Tờ khai", true),
        ];
        assert_eq!(
            names(&items),
            [
                "Ghi chú chung",
                "Tờ khai",
                "Trường hợp đặc biệt",
                "Ghi chú của trường hợp đặc biệt"
            ]
        );
    }

    #[test]
    fn a_group_with_headings_keeps_its_order() {
        let mut heading = doc("Giấy tờ chứng minh gồm:", true);
        heading.kind = ItemKind::Heading;
        let items = [doc("Trường hợp A", true), heading, doc("Tờ khai", true)];
        assert_eq!(order(&items), [0, 1, 2]);
    }
}
