"""Static SVG charts of an indicator's statements: one mark per statement, a colour and a shape per
speaker, made at build time (no JavaScript, no external references, no scripts).

Where a statement sits on the time axis (fractional years):

- every dated period is plotted at the midpoint of the span it covers: '2024' at 2024.5, '2023-09'
  at mid-September, '2025-01/2025-08' at the end of April 2025, '2020/2022' at 2021.5. A period
  shorter than a year (a month, a quarter, "the first eight months") gets a hollow mark, since its
  value is not comparable with a full year's.
- 'cumulative' is a stock as of the day it was stated: plotted at the event's date.
- 'target' and 'target:2030' are plans, not observations: a separate panel on the right, one slot
  per target year (a target without a year last).
- a statement without a period is not plotted (the table still lists it).

Bounds: more than MAX_MARKS statements are aggregated, one mark per (period, speaker) at the latest
value stated, with a line from the lowest to the highest; if that is still too many, the most
recent periods are kept. Speakers beyond MAX_SERIES share one grey "other" series.

    >>> period_span("2025-01/2025-08", dt.date(2025, 11, 12))
    ('main', 2025.0, 2025.6667)
    >>> svg = chart([Point("2024", dt.date(2025, 1, 1), 5e9, 0, "a")], ["Putin"], "USD", "Trade", "t").svg
    >>> svg.count('class="mark"'), "<script" in svg
    (1, False)
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape

from build_site.render.footnotes import CURRENCY, SCALES, format_number, format_value

#: Okabe–Ito hues (darkened orange): each has ≥3:1 contrast on Material's white and slate backgrounds.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#B8860B", "#8B6FD6")
OTHER_COLOUR = "#7F7F7F"
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down")
MAX_SERIES = 8
MAX_MARKS = 240
WIDTH, PLOT_H = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 34
TARGET_W = 150
LEGEND_ROW, LEGEND_COLS = 20, 3
R = 5.5

_YEAR = re.compile(r"(\d{4})(?:-(\d\d))?")


@dataclass(frozen=True)
class Point:
    period: str | None
    said: dt.date
    """When it was stated (the event's date): places cumulative stocks."""
    value: float
    series: int
    """Index into the chart's series labels (most frequent speaker first)."""
    label: str
    """Plain text for the mark's tooltip."""
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Chart:
    svg: str
    marks: int
    aggregated: bool = False
    unplaced: int = 0
    """Points without a period that can be placed on the axis (left out)."""
    trimmed: int = 0
    """Points left out beyond the most recent MAX_MARKS groups."""


def _frac(d: dt.date) -> float:
    return d.year + (d.timetuple().tm_yday - 0.5) / (366 if d.year % 4 == 0 else 365)


def _edge(s: str, end: bool) -> float | None:
    m = _YEAR.fullmatch(s)
    if not m:
        return None
    year, month = int(m[1]), int(m[2]) if m[2] else None
    if month is None:
        return year + (1 if end else 0)
    return year + (month if end else month - 1) / 12


def period_span(period: str | None, said: dt.date) -> tuple[str, float, float] | None:
    """(panel, start, end) in fractional years; None when the period cannot be placed."""
    if not period:
        return None
    if period == "cumulative":
        x = round(_frac(said), 4)
        return ("main", x, x)
    return _fixed_span(period)


@lru_cache(maxsize=4096)
def _fixed_span(period: str) -> tuple[str, float, float] | None:
    """period_span of a period that does not depend on the day it was stated in: once per period
    (every build sorts every statement by it, 33,000 calls at 1,000 events)."""
    if period.startswith("target"):
        year = period.partition(":")[2]
        return (
            ("target", float(year), float(year) + 1)
            if year.isdigit()
            else ("target", math.inf, math.inf)
        )
    a, _, b = period.partition("/")
    start, end = _edge(a, False), _edge(b or a, True)
    if start is None or end is None or end < start:
        return None
    return ("main", round(start, 4), round(end, 4))


def period_key(period: str | None, said: dt.date) -> tuple:
    """Sort key along the chart: dated periods by midpoint, then targets, then the unplaceable."""
    span = period_span(period, said)
    if span is None:
        return (2, 0.0, said)
    panel, a, b = span
    return (0 if panel == "main" else 1, (a + b) / 2, said)


def partial(period: str | None, said: dt.date) -> bool:
    span = period_span(period, said)
    return bool(span and span[0] == "main" and 0 < span[2] - span[1] < 0.99)


def aggregate(points: list[Point], limit: int = MAX_MARKS) -> tuple[list[Point], bool, int]:
    """At most `limit` placeable points: (points, aggregated?, points trimmed)."""
    placed = [p for p in points if period_span(p.period, p.said)]
    if len(placed) <= limit:
        return placed, False, 0
    groups: dict[tuple, list[Point]] = {}
    for p in placed:
        key = (p.period, p.said.year if p.period == "cumulative" else None, p.series)
        groups.setdefault(key, []).append(p)
    out = []
    for group in groups.values():
        latest = max(group, key=lambda p: p.said)
        lows = [p.low if p.low is not None else p.value for p in group]
        highs = [p.high if p.high is not None else p.value for p in group]
        label = (
            latest.label if len(group) == 1 else f"{len(group)} statements, latest: {latest.label}"
        )
        out.append(replace(latest, low=min(lows), high=max(highs), label=label))
    out.sort(key=lambda p: period_key(p.period, p.said))
    kept = [p for p in out if period_span(p.period, p.said)[0] == "target"][-limit // 4 :]  # type: ignore[index]
    main = [p for p in out if period_span(p.period, p.said)[0] == "main"][-(limit - len(kept)) :]  # type: ignore[index]
    kept_ids = {id(p) for p in kept + main}
    lost = sum(
        len(groups[(p.period, p.said.year if p.period == "cumulative" else None, p.series)])
        for p in out
        if id(p) not in kept_ids
    )
    return main + kept, True, lost


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^k) giving about `ticks` intervals.

    >>> nice_step(28.7e9), nice_step(96)
    (10000000000.0, 20.0)
    """
    raw = span / ticks if span > 0 else 1.0
    mag = 10 ** math.floor(math.log10(raw))
    return float(next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw))


def axis_unit(unit: str, top: float) -> tuple[float, str]:
    """(divisor, axis title) for tick labels, e.g. (1e9, 'US$ billion')."""
    if unit == "percent":
        return 1.0, "%"
    size, word = next(((s, w) for s, w in SCALES if top >= s), (1.0, ""))
    name = CURRENCY.get(unit, unit).strip() if unit in CURRENCY else unit
    return size, f"{name} {word}".strip() if unit in CURRENCY else f"{word} {name}".strip()


def shape_path(shape: str, x: float, y: float, r: float = R) -> str:
    if shape == "square":
        s = r * 0.9
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r * 1.15:.1f}L{x + r * 1.1:.1f},{y + r * 0.8:.1f}L{x - r * 1.1:.1f},{y + r * 0.8:.1f}Z"
    if shape == "triangle-down":
        return f"M{x:.1f},{y + r * 1.15:.1f}L{x + r * 1.1:.1f},{y - r * 0.8:.1f}L{x - r * 1.1:.1f},{y - r * 0.8:.1f}Z"
    if shape == "diamond":
        d = r * 1.25
        return f"M{x:.1f},{y - d:.1f}L{x + d:.1f},{y:.1f}L{x:.1f},{y + d:.1f}L{x - d:.1f},{y:.1f}Z"
    return f"M{x - r:.1f},{y:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0Z"


def style_of(series: int) -> tuple[str, str]:
    """(colour, shape) of a series; colour and shape cycles differ in length, so pairs stay distinct."""
    if series >= MAX_SERIES - 1:
        return OTHER_COLOUR, "circle"
    return COLOURS[series % len(COLOURS)], SHAPES[series % len(SHAPES)]


def chart(
    points: list[Point], series: list[str], unit: str, title: str, desc: str, name: str = "chart"
) -> Chart:
    """An SVG line-free dot chart of `points` over time; `series` are the legend labels."""
    if len(series) > MAX_SERIES:
        series = series[: MAX_SERIES - 1] + ["Other speakers"]
        points = [replace(p, series=min(p.series, MAX_SERIES - 1)) for p in points]
    shown, aggregated, trimmed = aggregate(points)
    unplaced = sum(1 for p in points if not period_span(p.period, p.said))
    spans = {id(p): period_span(p.period, p.said) for p in shown}
    main = [p for p in shown if spans[id(p)][0] == "main"]  # type: ignore[index]
    targets = sorted({spans[id(p)][1] for p in shown if spans[id(p)][0] == "target"})  # type: ignore[index]

    values = [v for p in shown for v in (p.value, p.low, p.high) if v is not None] or [0.0]
    lo, hi = min(0.0, min(values)), max(0.0, max(values))
    step = nice_step(hi - lo or abs(hi) or 1.0)
    y0, y1 = math.floor(lo / step) * step, math.ceil(hi / step) * step
    if y1 == y0:
        y1 = y0 + step
    divisor, axis_title = axis_unit(unit, max(abs(y0), abs(y1)))

    target_w = TARGET_W if targets else 0
    plot_l, plot_r, plot_t, plot_b = LEFT, WIDTH - RIGHT - target_w, TOP, TOP + PLOT_H
    if main:
        x0 = math.floor(min(spans[id(p)][1] for p in main))  # type: ignore[index]
        x1 = max(math.ceil(max(spans[id(p)][2] for p in main)), x0 + 1)  # type: ignore[index]
    else:
        x0, x1 = 0, 1

    def sx(t: float) -> float:
        return plot_l + (t - x0) / (x1 - x0) * (plot_r - plot_l)

    def sy(v: float) -> float:
        return plot_b - (v - y0) / (y1 - y0) * (plot_b - plot_t)

    def tx(year: float) -> float:
        slot = (WIDTH - RIGHT - plot_r - 12) / max(len(targets), 1)
        return plot_r + 12 + slot * (targets.index(year) + 0.5)

    out: list[str] = []
    # grid and y axis
    for k in range(round((y1 - y0) / step) + 1):
        v = y0 + k * step
        y = sy(v)
        out.append(
            f'<line x1="{plot_l}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="currentColor" stroke-opacity="{0.45 if v == 0 else 0.15}"/>'
        )
        out.append(
            f'<text x="{plot_l - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(format_number(round(v / divisor, 6)))}</text>'
        )
    out.append(f'<text x="4" y="{TOP - 12}" font-weight="bold">{escape(axis_title)}</text>')
    # x axis: one label per year (thinned to about ten), boundaries as faint lines
    years = list(range(int(x0), int(x1))) if main else []
    every = max(1, math.ceil(len(years) / 10))
    for year in years:
        out.append(
            f'<line x1="{sx(year):.1f}" x2="{sx(year):.1f}" y1="{plot_t}" y2="{plot_b}" stroke="currentColor" stroke-opacity="0.08"/>'
        )
        if (year - years[0]) % every == 0:
            out.append(
                f'<text x="{sx(year + 0.5):.1f}" y="{plot_b + 18}" text-anchor="middle">{year}</text>'
            )
    if targets:
        out.append(
            f'<line x1="{plot_r + 6}" x2="{plot_r + 6}" y1="{plot_t - 14}" y2="{plot_b + 4}" stroke="currentColor" stroke-dasharray="4 3" stroke-opacity="0.6"/>'
        )
        out.append(
            f'<text x="{plot_r + 6 + target_w / 2:.1f}" y="{TOP - 12}" text-anchor="middle" font-style="italic">Targets</text>'
        )
        for target in targets:
            out.append(
                f'<text x="{tx(target):.1f}" y="{plot_b + 18}" text-anchor="middle">{"by " + str(int(target)) if math.isfinite(target) else "no year"}</text>'
            )

    # marks, dodged sideways within a slot so equal values stay visible
    slots: dict[tuple, list[Point]] = {}
    for p in sorted(shown, key=lambda p: (period_key(p.period, p.said), p.series)):
        panel, a, b = spans[id(p)]  # type: ignore[misc]
        slots.setdefault((panel, round((a + b) / 2, 3)), []).append(p)
    marks: list[str] = []
    for (panel, mid), group in slots.items():
        cx = sx(mid) if panel == "main" else tx(mid - 0.5 if math.isfinite(mid) else mid)
        spread = min(12.0, 60.0 / len(group))
        for k, p in enumerate(group):
            x = cx + (k - (len(group) - 1) / 2) * spread
            colour, shape = style_of(p.series)
            if p.low is not None and p.high is not None and p.low != p.high:
                marks.append(
                    f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{sy(p.low):.1f}" y2="{sy(p.high):.1f}" stroke="{colour}" stroke-width="2"/>'
                )
            hollow = partial(p.period, p.said)
            fill = "none" if hollow else colour
            marks.append(
                f'<path class="mark" data-series="{p.series}" d="{shape_path(shape, x, sy(p.value))}" fill="{fill}" '
                f'stroke="{colour}" stroke-width="{2 if hollow else 1}"><title>{escape(p.label)}</title></path>'
            )
    out += marks

    # legend: speakers, then what hollow marks and range lines mean
    legend_y = plot_b + BOTTOM
    col_w = (WIDTH - LEFT) / LEGEND_COLS
    entries = [
        (style_of(i), who, False)
        for i, who in enumerate(series)
        if any(p.series == i for p in shown)
    ]
    if any(partial(p.period, p.said) for p in shown):
        entries.append(((OTHER_COLOUR, "circle"), "hollow: part of a year", True))
    if any(p.low is not None and p.high is not None and p.low != p.high for p in shown):
        entries.append(((OTHER_COLOUR, "range"), "line: range stated or aggregated", False))
    for n, ((colour, shape), label, hollow) in enumerate(entries):
        x = LEFT + (n % LEGEND_COLS) * col_w
        y = legend_y + (n // LEGEND_COLS) * LEGEND_ROW
        if shape == "range":
            out.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 7}" y2="{y + 7}" stroke="{colour}" stroke-width="2"/>'
            )
        else:
            out.append(
                f'<path d="{shape_path(shape, x, y)}" fill="{"none" if hollow else colour}" stroke="{colour}" stroke-width="{2 if hollow else 1}"/>'
            )
        out.append(f'<text x="{x + 12:.1f}" y="{y + 4}">{escape(label)}</text>')
    height = legend_y + math.ceil(len(entries) / LEGEND_COLS) * LEGEND_ROW

    tid, did = f"{name}-title", f"{name}-desc"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" aria-describedby="{did}" font-size="12" '
        f'font-family="inherit" fill="currentColor" style="max-width:100%;height:auto">'
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>'
    )
    return Chart(
        "\n".join([head, *out, "</svg>"]),
        len([m for m in marks if 'class="mark"' in m]),
        aggregated,
        unplaced,
        trimmed,
    )


def value_range(points: list[Point], unit: str) -> str:
    """'from US$17 billion to US$28.7 billion' (for the chart's description)."""
    if not points:
        return ""
    lo, hi = min(p.value for p in points), max(p.value for p in points)
    return (
        f"{format_value(lo, unit)}"
        if lo == hi
        else f"from {format_value(lo, unit)} to {format_value(hi, unit)}"
    )
