"""Extract stage: figures and vocabulary mentions on every paragraph of an event.

The speaker of a figure is the paragraph's own attribution (a news report's quoted person), else
the speech's speaker, else an article's author. A figure's scope is read from its sentence, then
its paragraph, then the event's title, lead and speakers (build_site/extract/scope.py); its
indicator is the one of its measure for that scope, or none (uncompared) when the catalogue has no
such scope or the scope is unsure.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from build_site.extract.figures import find_figures
from build_site.extract.indicators import assign_indicators, in_scope
from build_site.extract.scope import (
    event_codes,
    main_countries,
    named,
    role_countries,
    scope_and_level,
)
from build_site.model import Event, Figure, Indicator, Mention, Paragraph, Person


class MentionFinder(Protocol):
    def find(self, text: str) -> list[Mention]: ...

    def sic(self, mentions: tuple[Mention, ...]) -> tuple[str, ...]: ...


def extract(event: Event, matcher: MentionFinder, indicators: dict[str, Indicator]) -> Event:
    persons = getattr(getattr(matcher, "vocabulary", None), "persons", {}) or {}
    around = event_codes(event.title, [p.text for p in event.lead])
    people = participants(event, persons)
    main = main_countries([event.title, *(p.text for p in event.paragraphs)])

    def enrich(p: Paragraph, speaker: str | None) -> Paragraph:
        if p.kind == "note":
            return p
        who = p.speaker or speaker
        figures = [] if p.kind == "heading" else find_figures(p.text, event_date=event.date)
        figures = [
            _scoped(_as_stock(f, indicators, event), p.text, (around, people, main), indicators)
            for f in assign_indicators(p.text, figures, indicators)
        ]
        mentions = tuple(matcher.find(p.text))
        sic = tuple(dict.fromkeys(p.sic + matcher.sic(mentions)))
        return replace(
            p,
            figures=tuple(
                replace(f, paragraph=p.anchor, speaker=who, n=n) for n, f in enumerate(figures, 1)
            ),
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


def participants(event: Event, persons: dict[str, Person]) -> list[str]:
    """Countries of the event's speakers and quoted persons: their roles ('President of Russia'),
    else the countries their printed labels name ('Prime Minister of Armenia')."""
    seen: dict[str, None] = {}
    who: list[tuple[str | None, str | None]] = [(s.speaker, s.label) for s in event.speeches]
    who += [(p.speaker, None) for p in event.paragraphs if p.speaker]
    if event.author:
        who.append((event.author, None))
    for pid, label in who:
        person = persons.get(pid or "")
        codes = role_countries(person.roles) if person else []
        if not codes and label:
            codes = [c for c in named(label)][:1]
        for c in codes:
            seen.setdefault(c)
    return list(seen)


def _scoped(
    f: Figure, text: str, context: tuple[list[str], ...], indicators: dict[str, Indicator]
) -> Figure:
    scope, level = scope_and_level(text, f.start, *context)
    indicator = in_scope(f.indicator, scope, indicators, loose=level > 0)
    if indicator and scope != indicators[indicator].scope:
        scope = indicators[indicator].scope  # loose: the one country the measure is about
    return replace(f, scope=scope, indicator=indicator)
