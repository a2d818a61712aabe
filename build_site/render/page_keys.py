"""What each page depends on: its cache key, and the dependency record that spares an edit the
pages it cannot touch.

A page is rendered again only when its inputs changed (`cached`: a key from the inputs the page
names, beside the render fingerprint of code, templates and vocabularies). At archive scale even
the keys cost: the dependency record says what each event gives each family of pages
(`contributions`) and what each unit of pages read (`made`), so a build after an edit keys only
the units reading an atom that changed (`touched`, `kept`). Pure: the record is read from and
written to the page store the write stage hands in.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from build_site.link.index import Index, period_group
from build_site.model import Corpus, Event, Figure, Paragraph
from build_site.render.citations import accessed
from build_site.render.environment import PageStore


class PageKeys:
    """The keys of pages and the record of what they read; the base of `Renderer`."""

    def __init__(
        self,
        corpus: Corpus,
        index: Index,
        versions: dict[str, str] | None = None,
        memo: dict | None = None,
        cache: PageStore | None = None,
    ):
        self.corpus, self.index = corpus, index
        self.cache = cache
        self.versions = versions or {}
        """event id → a hash of everything about the event (see build.event_versions)."""
        self.memo = memo
        """Results remembered between builds by content key (series memberships), or None."""
        self._all: str | None = None
        self._figures: dict[str, tuple[Event, dict[str, str]]] = {}
        self._sigs: dict[int, tuple | str] = {}
        self._sigs_all = False
        self._touched: set[tuple] | None | bool = False  # not worked out yet
        self._accessed: str | None = None
        self._named: dict[tuple[str, str], list[tuple[Event, tuple[str, ...], str]]] | None = None
        self._speakers: str | None = None
        self.events = sorted(
            corpus.events, key=lambda e: (e.sort_date, e.time or "", e.id), reverse=True
        )

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

    def unit_pages(
        self, unit: tuple, reads: Iterable[tuple], make: Callable[[], dict[str, str]]
    ) -> dict[str, str]:
        """The pages of a unit: as UNCHANGED markers when none of what they read changed (see
        `kept`), else `make()`, recorded with what they read (see `made`)."""
        kept = self.kept(unit)
        if kept is not None:
            return kept
        pages = make()
        self.made(unit, reads, pages)
        return pages

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

    def accessed(self) -> str:
        """The archive's newest date, which every page's Cite menu gives as the day read."""
        if self._accessed is None:
            self._accessed = accessed(self.corpus).isoformat()
        return self._accessed
