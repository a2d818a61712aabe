"""Render stage: the Corpus in, {docs-relative path: Markdown} out, through Jinja2 templates.

Pure: no files are read or written here (templates are loaded once by the environment).

"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment

from build_site.config import Config
from build_site.link.index import Index, Ref, period_group
from build_site.link.series import ordinal
from build_site.model import Corpus, Event, Figure, Paragraph, Speech
from build_site.render.citations import accessed, event_citations
from build_site.render.environment import PageStore, description, make_env
from build_site.render.footnotes import footnote_text, footnotes_html
from build_site.render.jsonld import event_jsonld, front_matter_json
from build_site.render.markup import escape, raw_html
from build_site.render.paragraphs import paragraph, speech_heading
from build_site.render.paths import event_page, long_date, page_of, rel


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
        self._notes: dict[tuple[str, int, bool], str] = {}
        """The footnotes of the page last keyed (see event_inputs)."""
        self.env = env or make_env()
        self._series: dict[str, str] | None = None
        self._figures: dict[str, tuple[Event, dict[str, str]]] = {}
        self._sigs: dict[int, tuple | str] = {}
        self._sigs_all = False
        self._touched: set[tuple] | None | bool = False  # not worked out yet
        self._accessed: str | None = None
        self._named: dict[tuple[str, str], list[tuple[Event, tuple[str, ...], str]]] | None = None
        self._speakers: str | None = None
        self._numbers: dict[str, tuple[Event, dict[str, int]]] = {}
        self.events = sorted(
            corpus.events, key=lambda e: (e.sort_date, e.time or "", e.id), reverse=True
        )

    # --- incremental rendering ----------------------------------------------------------------

    def v(self, events) -> tuple[str, ...]:
        """The versions of these events, in order: what a page listing them depends on."""
        vs = self.versions
        return tuple(vs.get(e.id, e.id) for e in events)

    def st_sig(self, st) -> tuple | str:
        """What a footnote or a table row showing one statement of a figure depends on: the figure
        as extracted, its event's title and date, its paragraph and speaker. With versions, as a
        digest remembered between builds by the event's version (see `figure_sigs`)."""
        known = self._sigs.get(id(st))  # the index holds every statement for the whole build
        if known is None:
            e = st.ref.event
            if e.id in self.versions:
                known = self.figure_sigs(e)[st.figure.id]
            else:
                known = self._shown(st.figure, e, st.ref.paragraph.anchor, st.ref.speaker)
            self._sigs[id(st)] = known
        return known

    def st_sigs(self, statements: Iterable) -> list:
        """[st_sig(st) for st in statements], looked up in one pass: list and indicator pages,
        footnote groups and indicator downloads ask for some 90,000 at 1,000 events, nearly all
        made already (a call each was a twentieth of a one-seed regeneration)."""
        known = self._sigs
        if not self._sigs_all:  # every statement of the index, once per build
            self._sigs_all = True
            versions, figure_sigs = self.versions, self.figure_sigs
            for sts in self.index.statements.values():
                for st in sts:
                    if id(st) not in known:
                        e = st.ref.event
                        known[id(st)] = (
                            figure_sigs(e)[st.figure.id]
                            if e.id in versions
                            else self.st_sig(st)  # as st_sig makes it
                        )
        listed = statements if isinstance(statements, (list, tuple)) else list(statements)
        try:
            return list(map(known.__getitem__, map(id, listed)))
        except KeyError:  # a statement the index does not hold
            return [self.st_sig(st) for st in listed]

    @staticmethod
    def _shown(f: Figure, e: Event, anchor: str, speaker: str | None) -> tuple:
        return (repr(f), e.id, e.title, e.sort_date.toordinal(), anchor, speaker)

    def figure_sigs(self, e: Event) -> dict[str, str]:
        """Figure id → digest of what a row quoting it shows, for one event; remembered between
        builds by the event's version, so a build describes the figures of changed events only
        (one digest per figure, not one per event: an edited figure re-renders its own
        indicator's pages and footnote groups, not those of the event's other figures)."""
        known = self._figures.get(e.id)
        if known is not None and known[0] is e:
            return known[1]
        key = ("figure-sigs", self.versions.get(e.id))
        sigs = self.memo.get(key) if self.memo is not None else None
        if sigs is None:
            sigs = {}
            for f in e.figures:
                ref = self.index.refs.get((e.id, f.paragraph))
                shown = self._shown(f, e, f.paragraph, ref.speaker if ref else f.speaker)
                sigs[f.id] = hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()
            if self.memo is not None:
                self.memo[key] = sigs
        self._figures[e.id] = (e, sigs)
        return sigs

    def named(self, kind: str, id: str) -> list[tuple[Event, tuple[str, ...], str]]:
        """The events naming an entry, newest first, each with the anchors of its paragraphs
        naming it (text order) and what a list row of it shows, as a digest (see `entries`):
        shared by the topic, place, organisation and person pages, so a page's cache key costs
        no excerpt."""
        if self._named is None:
            out: dict[tuple[str, str], list] = defaultdict(list)
            for e in self.events:
                for kind_id, anchors, sig in self.entries(e):
                    out[kind_id].append((e, anchors, sig))
            self._named = dict(out)
        return self._named.get((kind, id), [])

    def entries(self, e: Event) -> tuple[tuple[tuple[str, str], tuple[str, ...], str], ...]:
        """Every entry the event names: ((kind, id), anchors of the paragraphs naming it, digest
        of what a list row of the event shows for it: title, date, the first paragraph's text and
        the entry's spans in it, each paragraph's anchor, number, speaker and mentions (terms and
        the other entries: topic pages count them)). Remembered between builds by the event's
        version, so a build walks the mentions of changed events only."""
        version = self.versions.get(e.id)
        key = ("list-entries", version, self.cache is not None)  # digests only with a cache
        if self.memo is not None and version is not None:
            known = self.memo.get(key)
            if known is not None:
                return known
        found: dict[tuple[str, str], list[Paragraph]] = defaultdict(list)
        paragraphs = e.paragraphs
        for p in paragraphs:
            for m in p.mentions:
                named = found[(m.kind, m.id)]
                if not named or named[-1] is not p:
                    named.append(p)
        out = []
        number = {p.anchor: n for n, p in enumerate(paragraphs, 1)}
        for (kind, id), ps in found.items():
            refs = [self.index.refs[(e.id, p.anchor)] for p in ps]
            first = ps[0]
            if self.cache is None:
                out.append(((kind, id), tuple(p.anchor for p in ps), ""))
                continue
            shown = (
                e.id,
                e.title,
                e.date,
                hashlib.blake2b(first.text.encode(), digest_size=12).digest(),
                [(m.start, m.end) for m in first.mentions if m.kind == kind and m.id == id],
                [
                    (
                        ref.paragraph.anchor,
                        number[ref.paragraph.anchor],
                        ref.speaker,
                        ref.speech.label if ref.speech else None,
                        ref.speech is None,
                        [(m.kind, m.id, m.term) for m in ref.paragraph.mentions],
                    )
                    for ref in refs
                ],
            )
            sig = hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()
            out.append(((kind, id), tuple(p.anchor for p in ps), sig))
        result = tuple(out)
        if self.memo is not None and version is not None:
            self.memo[key] = result
        return result

    def mention_counts(self, kind: str) -> dict[str, int]:
        """How many times the corpus names each entry of a kind (as Index.mentions counts them),
        counted per event and remembered between builds by the event's version: a build walks
        the mentions of changed events only."""
        totals: Counter[str] = Counter()
        for e in self.corpus.events:
            version = self.versions.get(e.id)
            key = ("mention-counts", kind, version)
            counts = self.memo.get(key) if self.memo is not None and version else None
            if counts is None:
                counts = tuple(
                    Counter(
                        m.id for p in e.paragraphs for m in p.mentions if m.kind == kind
                    ).items()
                )
                if self.memo is not None and version:
                    self.memo[key] = counts
            totals.update(dict(counts))
        return dict(totals)

    def speakers_sig(self) -> str:
        """The names of persons known only from speaker labels (the first seed naming one wins, so
        another event can rename them); curated names are in the render fingerprint."""
        if self._speakers is None:
            names = sorted((p.id, p.name) for p in self.corpus.persons.values() if not p.curated)
            self._speakers = hashlib.blake2b(repr(names).encode(), digest_size=16).hexdigest()
        return self._speakers

    def paragraph_number(self, event: Event, anchor: str) -> int:
        """A paragraph's place in its event, counting from 1 (lead first), as list pages cite it."""
        known = self._numbers.get(event.id)
        if known is None or known[0] is not event:
            numbers = {p.anchor: n for n, p in enumerate(event.paragraphs, 1)}
            known = self._numbers[event.id] = (event, numbers)
        return known[1][anchor]

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

    # --- the dependency record: pages an edit cannot touch are not even keyed ----------------

    def contributions(self, e: Event) -> dict[tuple, str]:
        """What the event gives each family of pages that lists or quotes it, one digest per
        atom: ('event', id) its own page; (kind, id) the pages of an entry it names or a person
        who speaks or states a figure in it; ('group', key) the footnotes of a group of
        comparable statements; ('indicator', id) an indicator's pages; ('speakers',) who states
        how many figures (the charts' colours); (kind, '*') in how many paragraphs it names each
        entry of a kind (the indexes' counts, the maps' dots); ('persons',) its speeches and
        mentions per person; ('counts',) its speeches, paragraphs and figures; ('line',) its
        title, date and place as a list line shows them. A function of the event's version (see
        `versions`): made for changed events only, the rest come from the record."""
        line = self.line_sig(e)
        out: dict[tuple, list] = defaultdict(lambda: [line])
        out[("event", e.id)].append(self.versions.get(e.id, e.id))
        out[("line",)]
        paragraphs: dict[str, list] = defaultdict(list)
        for kind_id, anchors, sig in self.entries(e):
            out[kind_id].append((anchors, sig))
            paragraphs[kind_id[0]].append((kind_id[1], len(anchors)))
        for kind, counts in paragraphs.items():  # the indexes' counts; the places maps' dots
            out[(kind, "*")].append(sorted(counts))
        spoken: Counter[str] = Counter()
        for s in e.speeches:
            if s.speaker:
                out[("person", s.speaker)].append(s.anchor)
                spoken[s.speaker] += 1
        named = Counter(m.id for p in e.paragraphs for m in p.mentions if m.kind == "person")
        if spoken or named:  # the persons index: speeches and mentions of each
            out[("persons",)].append((sorted(spoken.items()), sorted(named.items())))
        # the home page's counts: speeches, paragraphs, figures (its speakers: ('persons',))
        out[("counts",)].append((sum(spoken.values()), len(e.paragraphs), len(e.figures)))
        speakers: Counter[str | None] = Counter()
        for st in self._statements_of(e):
            shown = self.st_sig(st)
            f = st.figure
            out[("group", (f.indicator, f.scope, period_group(st)))].append(shown)
            out[("indicator", f.indicator)].append(shown)
            out[("person", st.ref.speaker)].append(shown)
            speakers[st.ref.speaker] += 1
        if speakers:
            out[("speakers",)].append(sorted(speakers.items(), key=repr))
        return {
            atom: hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
            for atom, parts in out.items()
        }

    def _statements_of(self, e: Event) -> list:
        """The index's statements of the event's figures, in text order."""
        by_figure = self.index.by_figure
        return [st for f in e.figures for st in by_figure.get(id(f), ()) if st.figure is f]

    def event_reads(self, e: Event) -> set[tuple]:
        """What an event page reads: the event, and the groups its footnotes quote."""
        reads: set[tuple] = {("event", e.id)}
        for st in self._statements_of(e):
            f = st.figure
            reads.add(("group", (f.indicator, f.scope, period_group(st))))
        return reads

    def touched(self) -> set[tuple] | None:
        """The atoms (see `contributions`) whose digest changed since the build that made the
        record: the events whose version changed, came or went, compared with what they gave
        then. None when there is no record to go by (every page is keyed)."""
        if self._touched is not False:
            return self._touched  # type: ignore[return-value]
        record = getattr(self.cache, "reads", None)
        new = getattr(self.cache, "new_reads", None)
        self._touched = None
        if new is None or not self.versions:
            return None
        token = (self.speakers_sig(), self.accessed())  # what every event page reads
        known = record is not None and record.get("token") == token
        old_events: dict[str, str] = record.get("events", {}) if record is not None else {}
        events: dict[str, str] = {}
        made: dict[str, dict] = {}
        touched: set[tuple] = set()
        for e in self.corpus.events:
            version = self.versions.get(e.id, e.id)
            events[e.id] = version
            old = old_events.get(e.id)
            if old == version:
                continue
            gives = made[version] = self.contributions(e)
            before = self.cache.gives(old) if old is not None and known else {}  # type: ignore[union-attr]
            if before is None:
                known = False  # what it gave then is lost: every page is keyed
                continue
            touched.update(a for a in gives.keys() | before.keys() if gives.get(a) != before.get(a))
        for gone in old_events.keys() - events.keys():
            before = self.cache.gives(old_events[gone]) if known else None  # type: ignore[union-attr]
            if before is None:
                known = False
            else:
                touched.update(before)
        new.update(token=token, events=events, units={}, gives=made, complete=True)
        keep = getattr(self.memo, "keep", None)
        if keep is not None:  # what units spared this time would ask for next time
            keep(set(events.values()))
        if known:
            self._touched = touched
        return self._touched

    def kept(self, unit: tuple) -> dict[str, str] | None:
        """The pages of a unit (an event's page; an entry's, person's or indicator's pages) as the
        UNCHANGED marker, when the record shows none of what they read has changed and their
        files are as written; else None, and the caller makes them (then `made`)."""
        if self.cache is None:
            return None
        touched = self.touched()
        record = getattr(self.cache, "reads", None)
        if touched is None or not record:
            return None
        known = record["units"].get(unit)
        if known is None or not known[0].isdisjoint(touched):
            return None
        vouch = self.cache.vouch  # type: ignore[attr-defined]
        out = {}
        for path in known[1]:
            hit = vouch(path)
            if hit is None:
                return None
            out[path] = hit
        self.cache.new_reads["units"][unit] = known  # type: ignore[attr-defined]
        return out

    def made(self, unit: tuple, reads: Iterable[tuple], paths: Iterable[str]) -> None:
        """Record what a unit's pages read (see `kept`)."""
        if self.cache is None:
            return
        self.touched()  # the record of this build is begun there
        new = getattr(self.cache, "new_reads", None)
        if new and new.get("complete"):
            new["units"][unit] = (frozenset(reads), tuple(paths))

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

    def accessed(self) -> str:
        """The archive's newest date, which every page's Cite menu gives as the day read."""
        if self._accessed is None:
            self._accessed = accessed(self.corpus).isoformat()
        return self._accessed

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
