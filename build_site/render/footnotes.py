"""The footnote under each figure: the value as normalised, its indicator, and what others said
for the same indicator, scope and period, each with how far it is from this one (so disagreement shows at
a glance). A footnote is one paragraph of Markdown (Material shows it as a tooltip); every piece of
seed text in it is escaped.

    >>> format_value(28.7e9, "USD")
    'US$28.7 billion'
    >>> format_value(96, "percent")
    '96%'
    >>> format_value(23000, "firms")
    '23,000 firms'
    >>> period_label("2025-01/2025-08"), period_label("target:2030"), period_label("2020/2022")
    ('January–August 2025', 'target for 2030', '2020–2022')
    >>> difference(17e9, 20e9), difference(22, 24, "percent")
    ('15% lower', '2 points lower')
"""

from __future__ import annotations

import heapq
from html import escape as html_text
from typing import Protocol

from build_site.extract.amounts import MEASURES
from build_site.link.index import Index, Statement, period_group
from build_site.model import Figure
from build_site.months import MONTH_NAMES
from build_site.render.markup import escape, html_link, markdown_link
from build_site.render.paths import event_page, page_of, rel

CURRENCY = {"USD": "US$", "EUR": "€", "RUB": "RUB ", "KZT": "KZT ", "CNY": "CNY "}
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
MEASURE_UNITS = frozenset(u for _, u, _ in MEASURES)
MAX_OTHERS = 3
"""Other statements shown in a footnote; the rest are counted ("and 4 more") and listed on the
indicator page the footnote links to (six made the footnotes 40 % of an event page)."""
#: Relative gap above which two statements of one period count as disagreeing.
TOLERANCE = 0.05


def unit_kind(unit: str) -> str:
    """What a value can be compared with: its currency, 'percent', its measure, or 'count' for a
    counted noun (an indicator counts one thing, whether said as 'firms' or 'companies')."""
    return unit if unit in CURRENCY or unit == "percent" or unit in MEASURE_UNITS else "count"


def comparable(a: str, b: str) -> bool:
    """
    >>> comparable("firms", "companies"), comparable("USD", "RUB")
    (True, False)
    """
    return a == b or unit_kind(a) == unit_kind(b) == "count"


def format_number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: float, unit: str) -> str:
    """A normalised value for people: 'US$28.7 billion', '96%', '60 million tonnes'."""
    if unit == "percent":
        return f"{format_number(round(value, 2))}%"
    scaled = format_number(value)
    for size, word in SCALES:
        if abs(value) >= size:
            scaled = f"{format_number(round(value / size, 3))} {word}"
            break
    if unit in CURRENCY:
        return f"{CURRENCY[unit]}{scaled}"
    return f"{scaled} {unit}"


def describe(f: Figure) -> str:
    """'over US$27 billion' or 'US$17 billion to US$18 billion (midpoint US$17.5 billion)'."""
    text = format_value(f.value, f.unit)
    if f.low is not None and f.high is not None and f.low != f.high:
        text = f"{format_value(f.low, f.unit)} to {format_value(f.high, f.unit)} (midpoint {text})"
    return f"{f.qualifier} {text}" if f.qualifier else text


def _month(ym: str) -> tuple[str, str]:
    year, _, month = ym.partition("-")
    return year, MONTH_NAMES[int(month) - 1] if month.isdigit() and 1 <= int(month) <= 12 else month


def period_label(period: str | None) -> str:
    """People's words for a period string (conventions in build_site/periods.py)."""
    if not period:
        return "period not stated"
    if period == "cumulative":
        return "cumulative"
    if period.startswith("target"):
        year = period.partition(":")[2]
        return f"target for {year}" if year else "target"
    a, sep, b = period.partition("/")
    if "-" not in a:
        return f"{a}–{b}" if sep else a
    (ya, ma), (yb, mb) = _month(a), _month(b or a)
    if not sep:
        return f"{ma} {ya}"
    return f"{ma}–{mb} {yb}" if ya == yb else f"{ma} {ya} – {mb} {yb}"


def group_label(st: Statement) -> str:
    period, year = period_group(st)
    return period_label(period) + (f" (stated in {year})" if year else "")


def differs(a: float, b: float) -> bool:
    scale = max(abs(a), abs(b))
    return scale > 0 and abs(a - b) / scale > TOLERANCE


def difference(other: float, this: float, unit: str = "") -> str:
    """How `other` compares with `this`: 'same', '15% lower', '2 points higher' (for percentages)."""
    if other == this:
        return "same"
    word = "higher" if other > this else "lower"
    if unit == "percent":
        return f"{format_number(round(abs(other - this), 2))} point{'s' if abs(other - this) != 1 else ''} {word}"
    if this == 0:
        return word
    gap = abs(other - this) / abs(this) * 100
    return f"{round(gap)}% {word}" if gap >= 1 else f"<1% {word}"


def _lookup(index: Index, f: Figure, page: str) -> tuple[Statement | None, tuple[Statement, ...]]:
    """This figure's statement and its comparable group, from the link stage's indexes (a scan
    per footnote would be quadratic). Figure.id repeats across events (anchors are per event),
    so a statement is found by the figure object, else by equality on the same page."""
    this = None
    for st in index.by_figure.get(id(f), ()):  # a loop: 16,500 figures a build ask
        if st.figure is f:
            this = st
            break
    else:
        this = next(
            (
                st
                for st in index.statements.get(f.indicator or "", ())
                if st.figure == f and page == f"events/{st.ref.event.id}.md"
            ),
            None,
        )
    return this, (index.groups.get((f.indicator, f.scope, period_group(this)), ()) if this else ())


class Linker(Protocol):
    """What a footnote needs of the renderer (the Renderer is one): names and the index."""

    index: Index

    def name_of(self, kind: str, id: str) -> str: ...


def footnote_sources(index: Index, f: Figure, page: str) -> tuple[Statement, ...]:
    """The statements a figure's footnote draws on (its group): what the footnote depends on."""
    return _lookup(index, f, page)[1] if f.indicator else ()


def footnote_text(r: Linker, page: str, f: Figure, html: bool = False) -> str:
    """One Markdown paragraph: quote = **normalised value** · period · speaker · indicator · others.
    With `html`, the HTML Python-Markdown makes of it (links stay .md paths, which the hook or
    Zensical make final URLs): see footnotes_html."""
    link = html_link if html else markdown_link

    def bold(text: str) -> str:
        return f"<strong>{text}</strong>" if html else f"**{text}**"

    parts = [
        f"“{escape(f.quote)}” = {bold(escape(describe(f)))}",
        f"period: {escape(period_label(f.period))}",
    ]
    if f.speaker:
        parts.append(f"stated by {escape(r.name_of('person', f.speaker))}")
    if f.reviewed:
        parts.append("reviewed by an editor")
    if not f.indicator:
        parts.append(
            "about a part of a whole, not compared" if f.part else "not tied to an indicator"
        )
        return " · ".join(parts)
    indicator = link(
        escape(r.name_of("indicator", f.indicator)), rel(page, page_of("indicator", f.indicator))
    )
    parts.append(f"indicator: {indicator}")
    this, group = _lookup(r.index, f, page)
    if this is None:
        return " · ".join(parts)
    others = [st for st in group if st is not this]
    if others:
        # same unit, most divergent first: that is what a reader checks the footnote for
        def rank(st: Statement) -> tuple:
            return (
                st.figure.unit != f.unit and not comparable(st.figure.unit, f.unit),
                -abs(st.figure.value - f.value),
                st.ref.event.date,
                st.ref.event.id,
                st.figure.start,
            )

        first = heapq.nsmallest(MAX_OTHERS, others, key=rank)
        shown = []
        for st in first:
            who = r.name_of("person", st.ref.speaker) if st.ref.speaker else st.ref.event.title
            gap = (
                f" ({difference(st.figure.value, f.value, f.unit)})"
                if comparable(st.figure.unit, f.unit)
                else ""
            )
            said = link(
                escape(f"{who}, {st.ref.event.sort_date.isoformat()}"),
                rel(page, event_page(st.ref.event), st.ref.paragraph.anchor),
            )
            if html:  # as Python-Markdown writes text: "<1% lower" is not a tag
                gap = html_text(gap, quote=False)
            shown.append(f"{said}: {escape(describe(st.figure))}{gap}")
        more = f" and {len(others) - MAX_OTHERS} more" if len(others) > MAX_OTHERS else ""
        label = (
            bold("others differ")
            if any(
                comparable(st.figure.unit, f.unit) and differs(st.figure.value, f.value)
                for st in others
            )
            else "also"
        )
        parts.append(f"{label} for {escape(group_label(this))}: " + "; ".join(shown) + more)
    return " · ".join(parts)


def footnotes_html(footnotes: list[tuple[str, str]]) -> str:
    """The footnotes of a page as the HTML Python-Markdown's footnotes extension makes of their
    definitions (`[^label]: text`, in definition order), from texts made with footnote_text(...,
    html=True): written as finished HTML (markup.raw_html), Python-Markdown does not parse the
    footnotes' every link again (most of an event page's conversion under `mkdocs serve`).

    >>> print(footnotes_html([("p1-1", "“5” = <strong>5</strong>")]))
    <div class="footnote">
    <hr />
    <ol>
    <li id="fn:p1-1">
    <p>“5” = <strong>5</strong>&#160;<a class="footnote-backref" href="#fnref:p1-1" title="Jump back to footnote 1 in the text">&#8617;</a></p>
    </li>
    </ol>
    </div>
    """
    items = "".join(
        f'<li id="fn:{label}">\n<p>{text}&#160;<a class="footnote-backref" href="#fnref:{label}" '
        f'title="Jump back to footnote {n} in the text">&#8617;</a></p>\n</li>\n'
        for n, (label, text) in enumerate(footnotes, 1)
    )
    return f'<div class="footnote">\n<hr />\n<ol>\n{items}</ol>\n</div>'
