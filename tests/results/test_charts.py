"""The SVG charts, tested on their markup (pure module, no app)."""

from xml.etree import ElementTree

from mentoring.results.charts import LABEL_CHARS, PLOT_WIDTH, WIDTH, Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def chart(bars, **kw):
    kw.setdefault("chart_id", "work")
    kw.setdefault("title", "In work six months after")
    kw.setdefault("description", "Share of mentees per cohort")
    return ElementTree.fromstring(bar_chart(bars, **kw))


def test_chart_is_an_accessible_image_with_title_and_description():
    svg = chart([Bar("Spring 2025", 0.48, "48 % (12 of 25)")])
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "work-title work-desc"
    assert svg.find(f"{SVG}title").text == "In work six months after"
    assert svg.find(f"{SVG}title").get("id") == "work-title"
    assert svg.find(f"{SVG}desc").text == "Share of mentees per cohort"


def test_bar_widths_are_proportional_to_the_shares():
    svg = chart(
        [Bar("a", 0.48, "48 %"), Bar("b", 1.0, "100 %"), Bar("c", None, "none")]
    )
    widths = [
        float(r.get("width"))
        for r in svg.iter(f"{SVG}rect")
        if r.get("class") == "chart__bar"
    ]
    assert widths == [0.48 * PLOT_WIDTH, PLOT_WIDTH, 0.0]
    values = [
        t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart__value"
    ]
    assert values == ["48 %", "100 %", "none"]


def test_criterion_marker_sits_at_the_criterion_share():
    svg = chart([Bar("a", 0.5, "50 %")], criterion=0.33, criterion_label="Goal 33 %")
    line = svg.find(f"{SVG}line")
    assert line.get("class") == "chart__criterion"
    assert float(line.get("x1")) == round(0.33 * PLOT_WIDTH, 2)
    assert line.find(f"{SVG}title").text == "Goal 33 %"


def test_no_criterion_no_marker():
    assert chart([Bar("a", 0.5, "50 %")]).find(f"{SVG}line") is None


def test_every_text_is_escaped():
    evil = '<script>alert("x")</script> & "quoted"'
    markup = bar_chart(
        [Bar(evil, 0.5, evil)],
        chart_id='x" onload="alert(1)',
        title=evil,
        description=evil,
        criterion=0.3,
        criterion_label=evil,
    )
    assert "<script>" not in markup
    svg = ElementTree.fromstring(markup)  # still well-formed XML
    assert svg.find(f"{SVG}title").text == evil
    assert svg.get("onload") is None
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert texts == [evil, evil]


def test_colours_come_from_classes_for_the_city_theme():
    svg = chart([Bar("a", 0.5, "50 %")])
    classes = {el.get("class") for el in svg.iter()}
    assert {"chart", "chart__bar", "chart__track", "chart__label"} <= classes


def test_labels_sit_above_their_bars_wrapped_to_the_width_of_a_phone():
    """No label overlaps another or its bar, however long: each wraps onto its
    own lines above its bar, and the chart is drawn for a phone's column."""
    long = "The cohort of spring 2025 with a rather long name for its label"
    svg = chart([Bar(long, 0.5, "50 %"), Bar("All cohorts", 0.4, "40 %")])
    assert float(svg.get("viewBox").split()[2]) == WIDTH <= 400
    labels = [t for t in svg.iter(f"{SVG}text") if t.get("class") == "chart__label"]
    lines = [[s.text for s in label] for label in labels]
    assert len(lines[0]) == 2 and " ".join(lines[0]) == long
    assert all(len(line) <= LABEL_CHARS for line in lines[0])
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "chart__bar"]
    first_label_bottom = float(labels[0].get("y")) + 18 * (len(lines[0]) - 1)
    assert first_label_bottom < float(bars[0].get("y"))
    assert float(bars[0].get("y")) + 20 < float(labels[1].get("y")) - 12
