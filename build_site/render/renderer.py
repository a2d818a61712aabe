"""Render stage: the Corpus in, {docs-relative path: Markdown} out, through Jinja2 templates.

Pure: no files are read or written here (templates are loaded once by the environment).

"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment

from build_site.config import Config
from build_site.link.index import Index, Ref
from build_site.link.series import ordinal
from build_site.model import Corpus, Event, Figure, Speech
from build_site.render.citations import event_citations
from build_site.render.environment import PageStore, description, make_env
from build_site.render.footnotes import footnote_text, footnotes_html
from build_site.render.jsonld import event_jsonld, front_matter_json
from build_site.render.markup import escape, raw_html
from build_site.render.page_keys import PageKeys
from build_site.render.paragraphs import paragraph, speech_heading
from build_site.render.paths import event_page, long_date, page_of, rel


class Renderer(PageKeys):
    """Holds what every page needs: the corpus, its indexes, settings and the template environment
    (and, from PageKeys, the pages' keys and the dependency record)."""

    def __init__(
        self,
        corpus: Corpus,
        index: Index,
        config: Config,
        env: Environment | None = None,
        cache: PageStore | None = None,
        versions: dict[str, str] | None = None,
        memo: dict | None = None,
    ):
        super().__init__(corpus, index, versions, memo, cache)
        self.config = config
        self._notes: dict[tuple[str, int, bool], str] = {}
        """The footnotes of the page last keyed (see event_inputs)."""
        self.env = env or make_env()
        self._series: dict[str, str] | None = None
        self._numbers: dict[str, tuple[Event, dict[str, int]]] = {}

    def paragraph_number(self, event: Event, anchor: str) -> int:
        """A paragraph's place in its event, counting from 1 (lead first), as list pages cite it."""
        known = self._numbers.get(event.id)
        if known is None or known[0] is not event:
            numbers = {p.anchor: n for n, p in enumerate(event.paragraphs, 1)}
            known = self._numbers[event.id] = (event, numbers)
        return known[1][anchor]

    def template(self, name: str, **context) -> str:
        return self.env.get_template(name).render(corpus=self.corpus, config=self.config, **context)

    def name_of(self, kind: str, id: str) -> str:
        tables: dict[str, dict[str, Any]] = {
            "person": self.corpus.persons,
            "place": self.corpus.places,
            "topic": self.corpus.topics,
            "organisation": self.corpus.organisations,
            "indicator": self.corpus.indicators,
        }
        table = tables[kind]
        item = table.get(id)
        return item.name if item else id

    def link(self, from_page: str, kind: str, id: str) -> str:
        return f"[{escape(self.name_of(kind, id))}]({rel(from_page, page_of(kind, id))})"

    def ref_link(self, from_page: str, ref: Ref, text: str | None = None) -> str:
        label = text or f"{ref.event.title}, {long_date(ref.event)}"
        return f"[{escape(label)}]({rel(from_page, event_page(ref.event), ref.paragraph.anchor)})"

    # --- event pages ---------------------------------------------------------------------------

    def event_inputs(self, event: Event) -> tuple:
        """An event page shows the event and, in its footnotes, other statements of the same
        indicator and period: the footnotes as written are its inputs, not the statements they
        draw on, so an edited figure renders again the pages whose footnotes show it (the three
        most divergent of a group, the count of the rest), not every page quoting its group.
        The texts are kept for the render that follows a miss."""
        page = event_page(event)
        html = _footnotes_as_html(event)
        texts = tuple(footnote_text(self, page, f, html=html) for f in event.figures)
        self._notes = {(page, id(f), html): t for f, t in zip(event.figures, texts)}
        return self.v((event,)), texts, self.accessed()

    def event(self, event: Event) -> str:
        page = event_page(event)
        html = _footnotes_as_html(event)
        lead, speeches, footnotes = self._event_body(page, event, html)
        notes = None
        if html and footnotes:
            if len({label for label, _ in footnotes}) == len(footnotes):
                notes = raw_html(footnotes_html(footnotes))
            else:  # a label twice: the extension keeps one definition; let it
                lead, speeches, footnotes = self._event_body(page, event, False)
        tags = self.event_tags(page, event)
        return self.template(
            "event.md.j2",
            event=event,
            page=page,
            lead=lead,
            speeches=speeches,
            footnotes=footnotes,
            tags=tags,
            facets=self.event_facets(event),
            speakers=[self.link(page, "person", p) for p in event.speakers],
            author=self.link(page, "person", event.author) if event.author else None,
            citation=self.citation(event),
            cite=event_citations(self.corpus, self.config, event),
            jsonld=front_matter_json(event_jsonld(self.corpus, self.config, event)),
            description=description(event),
            series=self.series_link(page, event),
            footnotes_html=notes,
        )

    def _event_body(self, page: str, event: Event, html: bool) -> tuple[list, list, list]:
        """The lead's and the speeches' paragraphs, and the footnotes they refer to, in order."""
        footnotes: list[tuple[str, str]] = []
        note = self.footnote_html if html else self.footnote
        speeches = [
            (
                s,
                speech_heading(self.corpus.persons, page, s),
                [paragraph(note, page, event, s, p, footnotes) for p in s.paragraphs],
            )
            for s in event.speeches
        ]
        lead = [paragraph(note, page, event, None, p, footnotes, "lead") for p in event.lead]
        return lead, speeches, footnotes

    def series_link(self, page: str, event: Event) -> str | None:
        """'21st Russia–Kazakhstan Interregional Cooperation Forum', linked, for an edition's own event."""
        if not event.series:
            return None
        name = self.series_names().get(event.series, event.series)
        label = f"{ordinal(event.edition)} {name}" if event.edition else name
        theme = f" — theme: “{escape(event.theme)}”" if event.theme else ""
        return f"[{escape(label)}]({rel(page, f'series/{event.series}.md')}){theme}"

    def series_names(self) -> dict[str, str]:
        if self._series is None:
            self._series = {s.id: s.name for s in self.index.series}
        return self._series

    def citation(self, event: Event, speech: Speech | None = None) -> str:
        """'Vladimir Putin. “Title.” Kremlin, 9 November 2023. <url#anchor>' (Markdown-escaped)."""
        who = (
            [speech.speaker]
            if speech and speech.speaker
            else list(event.speakers) or ([event.author] if event.author else [])
        )
        names = ", ".join(self.name_of("person", p) for p in who if p)
        url = self.config.public_url + event.url + (f"#{speech.anchor}" if speech else "")
        source = ", ".join(x for x in (event.publisher, long_date(event)) if x)
        return escape(f"{names + '. ' if names else ''}“{event.title}.” {source}.") + f" <{url}>"

    def footnote(self, page: str, f: Figure) -> str:
        known = self._notes.get((page, id(f), False))
        return known if known is not None else footnote_text(self, page, f)

    def footnote_html(self, page: str, f: Figure) -> str:
        known = self._notes.get((page, id(f), True))
        return known if known is not None else footnote_text(self, page, f, html=True)

    def event_facets(self, event: Event) -> SimpleNamespace:
        """Names for the search index's filters: the speakers', and those of the topics and places
        mentioned, once per mention (the template makes them unique). Gathered here: in the
        template, a list grown per mention cost a copy each time."""
        persons, topics, places = self.corpus.persons, self.corpus.topics, self.corpus.places
        mentions = [m for p in event.paragraphs for m in p.mentions]
        return SimpleNamespace(
            speakers=[persons[id].name if id in persons else id for id in event.speakers],
            topics=[topics[m.id].name for m in mentions if m.kind == "topic" and m.id in topics],
            places=[places[m.id].name for m in mentions if m.kind == "place" and m.id in places],
        )

    def event_tags(self, page: str, event: Event) -> dict[str, list[str]]:
        found: dict[str, dict[str, None]] = defaultdict(dict)
        for p in event.paragraphs:
            for m in p.mentions:
                found[m.kind][m.id] = None
        return {
            kind: [
                self.link(page, kind, id)
                for id in sorted(found[kind], key=lambda i: self.name_of(kind, i))
            ]
            for kind in ("topic", "place", "person", "organisation")
            if found.get(kind)
        }


def _footnotes_as_html(event: Event) -> bool:
    """The footnotes as finished HTML (footnotes_html), unless a heading refers to one: a heading
    stays Markdown, and its reference needs the footnotes extension's definitions."""
    return not any(p.figures for p in event.paragraphs if p.kind == "heading")
