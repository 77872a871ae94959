//! Charts drawn as inline SVG at build time: no chart library and no JavaScript on the reader's
//! phone. Each chart carries a `<title>` that states its numbers for screen readers; the
//! template adds a table with the same figures.

use super::engine::escape_html;

/// One bar: label, value, and a CSS class for its colour.
pub struct Bar {
    /// Shown left of the bar.
    pub label: String,
    /// Its length.
    pub value: usize,
    /// Extra CSS class (e.g. `status-selesai`).
    pub class: String,
}

const WIDTH: usize = 320;
const LABEL_WIDTH: usize = 96;
const VALUE_WIDTH: usize = 36;
const ROW: usize = 26;
const BAR: usize = 18;

/// A horizontal bar chart. `id` must be unique on the page; `title` names the chart.
pub fn bar_chart(id: &str, title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = (bars.len() * ROW).max(ROW);
    let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let summary = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.value))
        .collect::<Vec<_>>()
        .join(", ");
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-graphic\" font-size=\"13\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}\">\
<title id=\"{id}\">{}: {}</title>",
        escape_html(title),
        escape_html(&summary)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW;
        let length = if bar.value == 0 {
            0
        } else {
            (bar.value * span / max).max(2)
        };
        svg.push_str(&format!(
            "<g class=\"chart-row\"><text class=\"chart-label\" x=\"0\" y=\"{ty}\" fill=\"currentColor\">{label}</text>\
<rect class=\"chart-bar {class}\" x=\"{LABEL_WIDTH}\" y=\"{ry}\" width=\"{length}\" height=\"{BAR}\" rx=\"2\"/>\
<text class=\"chart-value\" x=\"{vx}\" y=\"{ty}\" fill=\"currentColor\">{value}</text></g>",
            ty = y + BAR - 4,
            ry = y + 1,
            label = escape_html(&truncate(&bar.label, 14)),
            class = escape_html(&bar.class),
            vx = LABEL_WIDTH + length + 6,
            value = bar.value,
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_titles_state_the_numbers() {
        let svg = bar_chart(
            "c",
            "Laporan per tahun",
            &[
                Bar {
                    label: "2023".into(),
                    value: 2,
                    class: String::new(),
                },
                Bar {
                    label: "2024".into(),
                    value: 4,
                    class: String::new(),
                },
                Bar {
                    label: "<b>".into(),
                    value: 0,
                    class: String::new(),
                },
            ],
        );
        assert!(svg
            .contains("<title id=\"c\">Laporan per tahun: 2023: 2, 2024: 4, &lt;b&gt;: 0</title>"));
        assert!(svg.contains("width=\"94\""), "half of the span: {svg}");
        assert!(svg.contains("width=\"188\""), "the full span: {svg}");
        assert!(svg.contains("width=\"0\""));
        assert!(!svg.contains("<b>"));
    }
}
