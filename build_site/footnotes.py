"""The footnote under each figure: the value as normalised, its indicator, and what others said
for the same indicator and period (so disagreement shows at a glance).

    >>> format_value(28.7e9, "USD")
    'US$28.7 billion'
    >>> format_value(96, "percent")
    '96%'
    >>> format_value(23000, "firms")
    '23,000 firms'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .markup import escape
from .model import Figure

if TYPE_CHECKING:
    from .render import Renderer

CURRENCY = {"USD": "US$", "EUR": "€", "RUB": "RUB ", "KZT": "KZT "}
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
MAX_OTHERS = 6


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
    """'over US$27 billion' or 'US$17–18 billion (midpoint US$17.5 billion)'."""
    text = format_value(f.value, f.unit)
    if f.low is not None and f.high is not None and f.low != f.high:
        text = f"{format_value(f.low, f.unit)} to {format_value(f.high, f.unit)} (midpoint {text})"
    return f"{f.qualifier} {text}" if f.qualifier else text


def period_label(period: str | None) -> str:
    if not period:
        return "period not stated"
    if "/" in period:
        a, b = period.split("/", 1)
        return f"{a} to {b}"
    return period


def footnote_text(r: "Renderer", page: str, f: Figure) -> str:
    parts = [f"“{escape(f.quote)}” = **{escape(describe(f))}**", f"period: {escape(period_label(f.period))}"]
    if f.speaker:
        parts.append(f"stated by {escape(r.name_of('person', f.speaker))}")
    if not f.indicator:
        parts.append("not tied to an indicator")
        return " · ".join(parts)
    parts.append(f"indicator: {r.link(page, 'indicator', f.indicator)}")
    others = [st for st in r.index.statements.get(f.indicator, ()) if st.figure.period == f.period and st.figure.id != f.id]
    if others:
        shown = []
        for st in others[:MAX_OTHERS]:
            who = r.name_of("person", st.ref.speaker) if st.ref.speaker else st.ref.event.title
            shown.append(r.ref_link(page, st.ref, f"{who}, {st.ref.event.date.isoformat()}") + f": {escape(describe(st.figure))}")
        more = f" and {len(others) - MAX_OTHERS} more" if len(others) > MAX_OTHERS else ""
        parts.append(f"also for {escape(period_label(f.period))}: " + "; ".join(shown) + more)
    return " · ".join(parts)
