"""Extract stage: figures and vocabulary mentions on every paragraph of an event.

The speaker of a figure is the paragraph's own attribution (a news report's quoted person), else
the speech's speaker, else an article's author.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from build_site.extract.figures import find_figures
from build_site.extract.indicators import assign_indicators
from build_site.model import Event, Figure, Indicator, Mention, Paragraph


class MentionFinder(Protocol):
    def find(self, text: str) -> list[Mention]: ...

    def sic(self, mentions: tuple[Mention, ...]) -> tuple[str, ...]: ...


def extract(event: Event, matcher: MentionFinder, indicators: dict[str, Indicator]) -> Event:
    def enrich(p: Paragraph, speaker: str | None) -> Paragraph:
        if p.kind == "note":
            return p
        who = p.speaker or speaker
        figures = [] if p.kind == "heading" else find_figures(p.text, event_date=event.date)
        figures = [
            _as_stock(f, indicators, event) for f in assign_indicators(p.text, figures, indicators)
        ]
        mentions = tuple(matcher.find(p.text))
        sic = tuple(dict.fromkeys(p.sic + matcher.sic(mentions)))
        return replace(
            p,
            figures=tuple(replace(f, paragraph=p.anchor, speaker=who) for f in figures),
            mentions=mentions,
            sic=sic,
        )

    speeches = tuple(
        replace(
            s,
            paragraphs=tuple(
                enrich(p, s.speaker or (event.author if event.doc_type == "article" else None))
                for p in s.paragraphs
            ),
        )
        for s in event.speeches
    )
    lead = tuple(enrich(p, None) for p in event.lead)
    return replace(event, speeches=speeches, lead=lead)


def _as_stock(f: Figure, indicators: dict[str, Indicator], event: Event) -> Figure:
    """A stock stated without its own date ('investment exceeds $20 billion') is the
    accumulated total as of the event: 'cumulative', like 'total accumulated investment'."""
    ind = indicators.get(f.indicator or "")
    if ind and ind.stock and event.date and f.period == str(event.date.year):
        return replace(f, period="cumulative")
    return f
