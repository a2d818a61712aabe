"""Render stage: the Corpus in, {docs-relative path: Markdown} out, through Jinja2 templates.

Pure: no files are read or written here (templates are loaded once by the environment).

"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any, Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from build_site.config import TEMPLATES_DIR, Config
from build_site.link.index import Index, Ref
from build_site.link.series import ordinal
from build_site.model import Corpus, Event, Figure, Paragraph, Speech
from build_site.render.citations import event_citations
from build_site.render.footnotes import footnote_sources, footnote_text
from build_site.render.jsonld import event_jsonld, front_matter_json
from build_site.render.markup import attr, escape, inline
from build_site.render.paths import DOC_TYPES, LINKED_KINDS, event_page, long_date, page_of, rel


class PageStore(Protocol):
    """What rendering needs of the page cache (write.cache.PageCache is one): a key for a page's
    inputs, the marker of a page already on disk from the same inputs, and a note of what was made."""

    def key(self, path: str, inputs: object) -> str: ...

    def get(self, path: str, key: str) -> Any: ...

    def put(self, path: str, key: str) -> None: ...

    def size(self, path: str) -> int:
        """Bytes of the file on disk that a hit of get() vouched for."""
        ...


def description(event: Event, limit: int = 300) -> str:
    """For search engines and link previews: the lead, else the first paragraph of text."""
    text = event.summary or next(
        (p.text for p in event.paragraphs if p.kind == "text"), event.title
    )
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def make_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=False,  # output is Markdown; text is escaped explicitly with the md filter
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=escape, attr=attr, json=lambda v: json.dumps(v, ensure_ascii=False))
    env.globals.update(
        rel=rel, page_of=page_of, event_page=event_page, long_date=long_date, doc_types=DOC_TYPES
    )
    return env


class Renderer:
    """Holds what every page needs: the corpus, its indexes, settings and the template environment."""

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
        self.corpus, self.index, self.config = corpus, index, config
        self.cache = cache
        self.versions = versions or {}
        """event id → a hash of everything about the event (see build.event_versions)."""
        self.memo = memo
        """Results remembered between builds by content key (series memberships), or None."""
        self._all: str | None = None
        self._groups: dict[int, tuple[Sequence, str]] = {}
        self._crc: dict[int, tuple[Paragraph, bytes, int]] = {}
        self._st: dict[int, tuple[object, tuple]] = {}
        self.env = env or make_env()
        self._series: dict[str, str] | None = None
        self.events = sorted(
            corpus.events, key=lambda e: (e.sort_date, e.time or "", e.id), reverse=True
        )

    # --- incremental rendering ----------------------------------------------------------------

    def v(self, events) -> tuple[str, ...]:
        """The versions of these events, in order: what a page listing them depends on."""
        vs = self.versions
        return tuple(vs.get(e.id, e.id) for e in events)

    def ref_sig(self, ref: Ref) -> tuple:
        """What a list showing one paragraph (a sentence of it, a link to it, who spoke) depends on:
        its text as a digest, made once per paragraph (hashing the texts themselves into every
        page key cost more than rendering the few pages an edit changes)."""
        e, p = ref.event, ref.paragraph
        crc = self._crc.get(id(p))
        if crc is None or crc[0] is not p:
            crc = self._crc[id(p)] = (
                p,
                hashlib.blake2b(p.text.encode(), digest_size=12).digest(),
                len(p.text),
            )
        return (
            e.id,
            e.title,
            e.sort_date.toordinal(),
            p.anchor,
            crc[1],
            crc[2],
            ref.speaker,
            ref.speech is None,
        )

    def st_sig(self, st) -> tuple:
        """What a footnote or a table row showing one statement of a figure depends on (made once
        per statement: groups and tables quote the same statements)."""
        known = self._st.get(id(st))
        if known is None or known[0] is not st:
            e = st.ref.event
            sig = (
                repr(st.figure),
                e.id,
                e.title,
                e.sort_date.toordinal(),
                st.ref.paragraph.anchor,
                st.ref.speaker,
            )
            known = self._st[id(st)] = (st, sig)
        return known[1]

    @staticmethod
    def line_sig(e: Event) -> tuple:
        """What a line listing an event (title, date, place, type) depends on."""
        return (e.id, e.title, e.date, e.time, e.place, e.doc_type)

    def all_events(self) -> str:
        """One version for the whole corpus: for the few pages that summarise every event."""
        if self._all is None:
            self._all = hashlib.blake2b(
                "\0".join(self.v(self.events)).encode(), digest_size=20
            ).hexdigest()
        return self._all

    def cached(self, path: str, inputs: object, render: Callable[..., str]) -> str:
        """render(), unless the page cache holds `path` rendered from the same inputs (then the
        UNCHANGED marker: the file on disk is already right). `inputs` must name everything the
        page shows that the render fingerprint (code, templates, vocabularies, settings) does not:
        usually `self.v(events)` of the events it draws on, plus counts of lists it summarises."""
        if self.cache is None:
            return render()
        key = self.cache.key(path, inputs)
        hit = self.cache.get(path, key)
        if hit is not None:
            return hit
        text = render()
        self.cache.put(path, key)
        return text

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
        """An event page shows the event and, in its footnotes, the other statements of the same
        indicator and period."""
        page = event_page(event)
        return self.v((event,)), tuple(
            self._group_key(footnote_sources(self.index, f, page)) for f in event.figures
        )

    def _group_key(self, group: Sequence) -> str:
        """A digest of one group of statements, made once per group (groups are shared lists)."""
        if not group:
            return ""
        known = self._groups.get(id(group))
        if known is None or known[0] is not group:
            sigs = repr([self.st_sig(st) for st in group]).encode()
            known = self._groups[id(group)] = (
                group,
                hashlib.blake2b(sigs, digest_size=16).hexdigest(),
            )
        return known[1]

    def event(self, event: Event) -> str:
        page = event_page(event)
        footnotes: list[tuple[str, str]] = []
        speeches = [
            (
                s,
                self.speech_heading(page, s),
                [self.paragraph(page, event, s, p, footnotes) for p in s.paragraphs],
            )
            for s in event.speeches
        ]
        lead = [self.paragraph(page, event, None, p, footnotes, " .lead") for p in event.lead]
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
        )

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

    def speech_heading(self, page: str, speech: Speech) -> str | None:
        if speech.speaker is None and speech.label is None:
            return None
        if speech.speaker:
            person = self.corpus.persons.get(speech.speaker)
            name = person.name if person else speech.speaker
            text = f"[{escape(name)}]({rel(page, page_of('person', speech.speaker))})"
            role = speech.role or (person.roles[0] if person and person.roles else None)
        else:
            name = text = escape(speech.label or "")
            role = None
        if role:
            text += f' <small class="speech-role">{escape(role)}</small>'
        turn = speech.anchor.rsplit("-", 1)[-1]
        toc = name if turn == "1" else f"{name} ({turn})"  # the contents tell repeated turns apart
        return f'{text} {{: #{speech.anchor} data-toc-label="{attr(toc)}" }}'

    def paragraph(
        self,
        page: str,
        event: Event,
        speech: Speech | None,
        p: Paragraph,
        footnotes: list,
        css: str = "",
    ) -> str:
        inserts: list[tuple[int, str]] = []
        for n, figure in enumerate(p.figures, 1):
            label = f"{p.anchor}-{figure.n or n}"  # stable when an editor drops a figure
            inserts.append((figure.end, f"[^{label}]"))
            footnotes.append((label, self.footnote(page, figure)))
        for sic in p.sic:
            at = p.text.find(sic)
            if at >= 0:
                inserts.append(
                    (
                        at + len(sic),
                        ' <span class="sic" title="Spelling as printed in the source">&#91;sic&#93;</span>',
                    )
                )
        wraps: dict[tuple[int, int], str] = {}
        seen = self._seen_in_speech(event, speech, p)
        for m in p.mentions:
            if m.kind in LINKED_KINDS and (m.kind, m.id) not in seen:
                seen.add((m.kind, m.id))
                wraps[(m.start, m.end)] = rel(page, page_of(m.kind, m.id))
        text = inline(p.text, inserts, wraps)
        link = f' [¶](#{p.anchor}){{: .para-link title="Link to this paragraph" }}'
        if p.kind == "heading":  # under a speech heading (h2) an h3; in narration or the lead an h2
            level = "###" if speech is not None and (speech.speaker or speech.label) else "##"
            return f"{level} {text} {{: #{p.anchor} }}"
        if p.kind == "note":
            return f"*Editorial note:* {text}{link}\n{{: #{p.anchor} .editorial-note }}"
        return f"{text}{link}\n{{: #{p.anchor}{css} }}"

    def _seen_in_speech(self, event: Event, speech: Speech | None, p: Paragraph) -> set:
        """Entities already linked earlier in the same speech (or the lead)."""
        paragraphs = speech.paragraphs if speech else event.lead
        seen: set = set()
        for q in paragraphs:
            if q.anchor == p.anchor:
                break
            seen |= {(m.kind, m.id) for m in q.mentions if m.kind in LINKED_KINDS}
        return seen

    def footnote(self, page: str, f: Figure) -> str:
        return footnote_text(self, page, f)

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
