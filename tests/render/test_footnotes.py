"""Figure footnotes: normalised value, indicator link, and the other statements of the same
indicator and period with how far each is from this one. Also holds `synthetic()`, a small corpus
builder shared with tests/test_pages_indicators.py."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import NamedTuple

import markdown

from build_site.config import Config
from build_site.link.index import Index
from build_site.model import Corpus, Event, Figure, Indicator, Paragraph, Person, Speech
from build_site.render.footnotes import (
    comparable,
    difference,
    footnote_text,
    period_group,
    period_label,
)
from build_site.render.renderer import Renderer

PERSONS = {
    "vladimir-putin": Person("vladimir-putin", "Vladimir Putin", key="putin"),
    "kassym-jomart-tokayev": Person(
        "kassym-jomart-tokayev", "Kassym-Jomart Tokayev", key="tokayev"
    ),
}
INDICATORS = {
    "stock": Indicator(
        "stock",
        "Russian investment stock",
        "USD",
        "Accumulated Russian investment.",
        None,
        (),
        ("USD", "RUB"),
    ),
    "firms": Indicator(
        "firms", "Companies with Russian capital", "companies", units=("companies", "firms")
    ),
    "empty": Indicator("empty", "Nothing said yet", "percent"),
}


class Spec(NamedTuple):
    date: dt.date
    speaker: str | None
    value: float
    period: str | None
    quote: str = "$1 billion"
    unit: str = "USD"
    indicator: str = "stock"
    qualifier: str | None = None
    event: str | None = None
    """Events sharing this key are one event (one speech per statement)."""


def synthetic(specs: list[Spec], page_size: int = 25, persons: dict | None = None) -> Renderer:
    """A Renderer over events built from specs: each statement is one paragraph of its own speech."""
    grouped: dict[str, list[tuple[int, Spec]]] = {}
    for i, s in enumerate(specs):
        grouped.setdefault(s.event or f"e{i}", []).append((i, s))
    events = []
    for key, items in grouped.items():
        speeches = []
        for n, (_i, s) in enumerate(items, 1):
            stem = (PERSONS.get(s.speaker or "") or Person("x", "x", key="narration")).key
            anchor = f"{stem}-{n}-p1"
            text = f"We said {s.quote} at the time."
            start = text.index(s.quote)
            fig = Figure(
                s.quote,
                start,
                start + len(s.quote),
                s.value,
                s.unit,
                qualifier=s.qualifier,
                period=s.period,
                indicator=s.indicator,
                paragraph=anchor,
                speaker=s.speaker,
            )
            speeches.append(
                Speech(f"{stem}-{n}", s.speaker, None, (Paragraph(anchor, text, figures=(fig,)),))
            )
        date = items[0][1].date
        eid = f"{date.isoformat()}-{key}"
        events.append(
            Event(
                eid,
                f"events/{eid}/",
                "seed.txt",
                0,
                f"Talks {key}",
                date,
                None,
                None,
                "transcript",
                tuple(speeches),
            )
        )
    corpus = Corpus(
        events=tuple(events),
        persons=persons or PERSONS,
        places={},
        topics={},
        organisations={},
        indicators=INDICATORS,
    )
    config = Config(
        root=Path("."), site_url="https://example.org/", page_size=page_size, progress=False
    )
    return Renderer(corpus, Index.build(corpus.events), config)


def figure_by_quote(r: Renderer, quote: str) -> tuple[str, Figure]:
    for e in r.corpus.events:
        for f in e.figures:
            if f.quote == quote:
                return f"events/{e.id}.md", f
    raise KeyError(quote)


D23, D24 = dt.date(2023, 11, 9), dt.date(2024, 11, 27)
DISAGREE = [
    Spec(
        D23, "vladimir-putin", 17e9, "cumulative", "about $17 billion", qualifier="about", event="a"
    ),
    Spec(
        D23,
        "kassym-jomart-tokayev",
        20e9,
        "cumulative",
        "over $20 billion",
        qualifier="over",
        event="a",
    ),
    Spec(
        D24, "kassym-jomart-tokayev", 25e9, "cumulative", "nearly $25 billion", qualifier="nearly"
    ),
]


def test_disagreement_names_who_said_what_with_links():
    r = synthetic(DISAGREE)
    page, f = figure_by_quote(r, "over $20 billion")
    text = footnote_text(r, page, f)
    assert "\n" not in text
    assert text.startswith("“over $20 billion” = **over US$20 billion**")
    assert "[Russian investment stock](../indicators/stock.md)" in text
    assert "**others differ** for cumulative (stated in 2023)" in text
    assert re.search(
        r"\[Vladimir Putin, 2023-11-09\]\(\S*#putin-1-p1\): about US\$17 billion \(15% lower\)",
        text,
    )
    # a stock stated a year later is another period: not compared
    assert "25 billion" not in text


def test_agreement_is_not_flagged_and_unrelated_figures_stay_short():
    r = synthetic(
        [
            Spec(D23, "vladimir-putin", 27e9, "2022", "$27 billion"),
            Spec(D23, "kassym-jomart-tokayev", 27.5e9, "2022", "$27.5 billion"),
        ]
    )
    page, f = figure_by_quote(r, "$27 billion")
    text = footnote_text(r, page, f)
    assert "others differ" not in text and "also for 2022" in text and "(2% higher)" in text
    plain = Figure("5 times", 0, 7, 5, "times", period="2024", paragraph="x", speaker=None)
    assert (
        footnote_text(r, page, plain)
        == "“5 times” = **5 times** · period: 2024 · not tied to an indicator"
    )


def test_units_compare_only_when_comparable():
    r = synthetic(
        [
            Spec(D23, "vladimir-putin", 17e9, "2023", "$17 billion"),
            Spec(D23, "kassym-jomart-tokayev", 1.5e12, "2023", "1.5 trillion roubles", unit="RUB"),
        ]
    )
    page, f = figure_by_quote(r, "$17 billion")
    text = footnote_text(r, page, f)
    assert "RUB 1.5 trillion" in text and "higher" not in text and "others differ" not in text
    assert (
        comparable("firms", "companies")
        and not comparable("USD", "RUB")
        and not comparable("percent", "firms")
    )


def test_seed_text_is_escaped_and_renders_as_one_paragraph():
    quote = "*$5* <b>billion</b> [x](http://evil)"
    r = synthetic(
        [
            Spec(D23, "vladimir-putin", 5e9, "2023", quote, qualifier="<i>over</i>"),
            Spec(D23, "kassym-jomart-tokayev", 6e9, "2023", "$6 billion"),
        ]
    )
    page, f = figure_by_quote(r, quote)
    text = footnote_text(r, page, f)
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html", "footnotes", "abbr"])
    assert (
        html.count("<p>") == 1
        and "<b>" not in html
        and "<i>" not in html
        and "evil" not in html.split('href="')[1]
    )
    assert 'href="http://evil"' not in html
    # the footnotes of an event page are one line each: a Markdown definition, or a paragraph of
    # the footnotes' HTML (render.footnotes.footnotes_html)
    event = next(e for e in r.corpus.events if e.figures[0].quote == quote)
    md = r.event(event).splitlines()
    lines = [ln for ln in md if ln.startswith("[^")] + [
        b for a, b in zip(md, md[1:]) if a.startswith('<li id="fn:') and b.endswith("</p>")
    ]
    assert len(lines) == 1 and "<b>" not in lines[0]


def test_many_others_are_capped():
    specs = [
        Spec(D23, "vladimir-putin", (10 + i) * 1e9, "2023", f"${10 + i} billion") for i in range(20)
    ]
    r = synthetic(specs)
    page, f = figure_by_quote(r, "$10 billion")
    text = footnote_text(r, page, f)
    assert "and 16 more" in text and "US$11 billion" not in text  # three shown, the rest counted
    assert text.index("US$29 billion") < text.index("US$28 billion")  # the most divergent first


def test_period_words():
    assert period_label("2023-09") == "September 2023"
    assert period_label("2024-11/2025-02") == "November 2024 – February 2025"
    assert period_label("target") == "target" and period_label(None) == "period not stated"
    assert difference(96, 94, "percent") == "2 points higher" and difference(5, 5) == "same"
    r = synthetic(DISAGREE)
    a, b, c = (st for st in r.index.statements["stock"])
    assert period_group(a) == period_group(b) != period_group(c)
