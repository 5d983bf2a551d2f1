//! Bar charts drawn at build time as inline SVG: no script, no chart library, no request.
//! Each chart is decoration for sighted readers; the table printed with it carries the same
//! numbers for everyone else.

use std::fmt::Write;

/// One bar: a label and a percentage (absent: no data, drawn as an empty row).
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: Option<f64>,
    pub text: String,
}

/// Drawn for a phone: about as wide as its screen, so text keeps its size; each bar has its
/// label and value above it.
const WIDTH: f64 = 380.0;
const BAR_AREA: f64 = 340.0;
const ROW: f64 = 50.0;

/// Horizontal bars on a 0–100 % scale, with an optional dashed target line.
pub fn bars(title_id: &str, bars: &[Bar], target: Option<f64>) -> String {
    let height = ROW * bars.len() as f64 + 26.0;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{title_id}\">"
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i as f64 * ROW;
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\">{}</text>",
            y + 16.0,
            crate::escape::escape_html(bar.label)
        );
        let width = bar
            .value
            .map_or(0.0, |v| v.clamp(0.0, 100.0) / 100.0 * BAR_AREA);
        let _ = write!(
            svg,
            "<rect x=\"0\" y=\"{}\" width=\"{width:.1}\" height=\"20\" rx=\"2\"/>",
            y + 23.0
        );
        // The value on the label's line, at the right: room for "99,88 % · còn 12 hồ sơ"
        // whatever the bar's length.
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            WIDTH - 4.0,
            y + 16.0,
            crate::escape::escape_html(&bar.text)
        );
    }
    let axis_y = ROW * bars.len() as f64 + 2.0;
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"0\" y1=\"20\" x2=\"0\" y2=\"{axis_y}\"/>\
         <text class=\"tick\" x=\"0\" y=\"{}\">0 %</text>\
         <text class=\"tick\" x=\"{BAR_AREA}\" y=\"{}\" text-anchor=\"middle\">100 %</text>",
        axis_y + 20.0,
        axis_y + 20.0
    );
    if let Some(t) = target {
        let x = t.clamp(0.0, 100.0) / 100.0 * BAR_AREA;
        let _ = write!(
            svg,
            "<line class=\"target\" x1=\"{x:.1}\" y1=\"20\" x2=\"{x:.1}\" y2=\"{axis_y}\"/>"
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_percent_and_escape_labels() {
        let svg = bars(
            "t",
            &[
                Bar {
                    label: "Quý 1 <2025>",
                    value: Some(50.0),
                    text: "50 %".into(),
                },
                Bar {
                    label: "Quý 2",
                    value: None,
                    text: "Không có số liệu".into(),
                },
            ],
            Some(80.0),
        );
        assert!(svg.contains("width=\"170.0\""), "{svg}");
        assert!(svg.contains("Quý 1 &lt;2025&gt;"));
        assert!(svg.contains("class=\"target\" x1=\"272.0\""));
        assert!(svg.contains("aria-labelledby=\"t\""));
    }
}
