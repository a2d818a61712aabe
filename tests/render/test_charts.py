"""Static SVG charts: well-formed, self-contained, accessible, one mark per statement, a colour and
shape per speaker, periods in time order with targets apart."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from build_site.render import charts
from build_site.render.charts import (
    COLOURS,
    MAX_MARKS,
    MAX_SERIES,
    OTHER_COLOUR,
    Point,
    chart,
    period_key,
    period_span,
)

NS = "{http://www.w3.org/2000/svg}"
D = dt.date(2023, 11, 9)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def marks(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter(f"{NS}path") if e.get("class") == "mark"]


def x_of(mark: ET.Element) -> float:
    """Left edge of a circle path 'M{x-r},{y}a...'."""
    return float(re.match(r"M([\d.]+),", mark.get("d")).group(1))


def y_of(mark: ET.Element) -> float:
    return float(re.match(r"M[\d.]+,([\d.]+)", mark.get("d")).group(1))


def test_well_formed_self_contained_and_accessible():
    pts = [Point("2022", D, 27e9, 0, "Putin <b>&</b>"), Point("2023", D, 20e9, 1, "Tokayev")]
    svg = chart(
        pts,
        ["Vladimir <Putin>", "Kassym-Jomart & Tokayev"],
        "USD",
        "Trade & turnover",
        "Two statements.",
        name="c1",
    ).svg
    root = parse(svg)
    assert (
        root.tag == f"{NS}svg"
        and root.get("role") == "img"
        and root.get("aria-label") == "Trade & turnover"
    )
    assert [c.tag for c in root][:2] == [f"{NS}title", f"{NS}desc"]
    assert (
        root.find(f"{NS}title").text == "Trade & turnover"
        and root.find(f"{NS}desc").text == "Two statements."
    )
    assert root.get("aria-describedby") == root.find(f"{NS}desc").get("id") == "c1-desc"
    assert not re.search(r"<script|\bon\w+=|href|url\(|<image|<foreignObject|@import", svg, re.I)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    legend = [t.text for t in root.iter(f"{NS}text")]
    assert (
        "Vladimir <Putin>" in legend
        and "Kassym-Jomart & Tokayev" in legend
        and "US$ billion" in legend
    )


def test_one_mark_per_statement_with_colour_and_shape_per_speaker():
    pts = [Point(str(2020 + i % 5), D, (10 + i) * 1e9, i % 4, f"s{i}") for i in range(12)]
    result = chart(pts, ["A", "B", "C", "D"], "USD", "t", "d")
    ms = marks(parse(result.svg))
    assert len(ms) == result.marks == 12 and not result.aggregated
    style = {}
    for m in ms:
        shape = re.sub(
            r"[\d.-]+", "", m.get("d")
        )  # the path's commands: the shape without coordinates
        style.setdefault(m.get("data-series"), set()).add((m.get("stroke"), shape))
    assert all(len(v) == 1 for v in style.values())  # one style per speaker
    colours = {next(iter(v))[0] for v in style.values()}
    shapes = {next(iter(v))[1] for v in style.values()}
    assert len(colours) == 4 and len(shapes) == 4
    assert all(m.find(f"{NS}title").text.startswith("s") for m in ms)  # a tooltip per mark


def test_periods_in_time_order_targets_apart():
    periods = [
        "target",
        "2024-01/2024-06",
        "cumulative",
        "target:2030",
        "2022",
        "2023",
        "2020/2021",
        "2023-09",
    ]
    pts = [Point(p, D, 10, 0, p) for p in periods]
    ms = marks(parse(chart(pts, ["A"], "percent", "t", "d").svg))
    x = {m.find(f"{NS}title").text: x_of(m) for m in ms}
    order = sorted(x, key=x.get)
    # month ranges at their midpoint; a stock at the date stated (9 Nov 2023)
    assert order == [
        "2020/2021",
        "2022",
        "2023",
        "2023-09",
        "cumulative",
        "2024-01/2024-06",
        "target:2030",
        "target",
    ]
    assert sorted(periods, key=lambda p: period_key(p, D)) == order
    hollow = {m.find(f"{NS}title").text for m in ms if m.get("fill") == "none"}
    assert hollow == {"2023-09", "2024-01/2024-06"}  # part of a year


def test_period_spans():
    assert period_span("2024", D) == ("main", 2024.0, 2025.0)
    assert period_span("2020/2022", D) == ("main", 2020.0, 2023.0)
    assert period_span("2023-09", D) == ("main", 2023.6667, 2023.75)
    assert period_span("target:2030", D)[0] == "target" and period_span(None, D) is None
    assert period_span("someday", D) is None


def test_values_on_the_y_axis_and_ranges():
    pts = [Point("2022", D, 10, 0, "low"), Point("2023", D, 30, 0, "high", low=25, high=35)]
    root = parse(chart(pts, ["A"], "percent", "t", "d").svg)
    y = {m.find(f"{NS}title").text: y_of(m) for m in marks(root)}
    assert y["high"] < y["low"]  # SVG y grows downwards
    assert any(
        e.get("y1") != e.get("y2") and e.get("stroke") == COLOURS[0] for e in root.iter(f"{NS}line")
    )


def test_unplaceable_periods_are_left_out_and_counted():
    result = chart(
        [Point(None, D, 1, 0, "a"), Point("2023", D, 2, 0, "b")], ["A"], "firms", "t", "d"
    )
    assert result.marks == 1 and result.unplaced == 1 and result.trimmed == 0


def test_many_statements_are_aggregated_within_bounds():
    pts = [
        Point(f"{2000 + i % 25}", dt.date(2000 + i % 25, 6, 1 + i % 28), float(i), i % 30, f"s{i}")
        for i in range(5000)
    ]
    result = chart(pts, [f"Speaker {i}" for i in range(30)], "USD", "t", "d")
    root = parse(result.svg)
    assert result.aggregated and len(marks(root)) == result.marks <= MAX_MARKS
    assert result.unplaced == 0 and len(result.svg) < 120_000
    legend = [t.text for t in root.iter(f"{NS}text")]
    assert "Other speakers" in legend and "Speaker 7" not in legend
    assert {
        m.get("stroke") for m in marks(root) if int(m.get("data-series")) == MAX_SERIES - 1
    } == {OTHER_COLOUR}


def _luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_colours_readable_on_light_and_dark_palettes():
    """WCAG 1.4.11: graphics need 3:1 against the page: Material's white and its slate (#1e2029)."""
    for colour in (*COLOURS, OTHER_COLOUR):
        for background in ("#ffffff", "#1e2029"):
            hi, lo = sorted((_luminance(colour), _luminance(background)), reverse=True)
            assert (hi + 0.05) / (lo + 0.05) >= 3, (colour, background)
    assert len(set(COLOURS)) == len(COLOURS) and len(charts.SHAPES) != len(COLOURS)


def test_too_many_periods_keep_the_most_recent():
    pts = [Point(f"{1980 + i // 12}-{i % 12 + 1:02d}", D, float(i), 0, f"s{i}") for i in range(600)]
    result = chart(pts, ["A"], "percent", "t", "d")
    root = parse(result.svg)
    kept = {m.find(f"{NS}title").text for m in marks(root)}
    assert result.marks == MAX_MARKS and result.trimmed == 600 - MAX_MARKS
    assert "s599" in kept and "s0" not in kept
