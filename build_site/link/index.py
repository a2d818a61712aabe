"""Link stage: indexes over the whole corpus, built once after every event is structured.

>>> Index.build(()).speeches_by_person
{}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from build_site.link.series import Series, load_series
from build_site.model import Event, Figure, Paragraph, Speech


@dataclass(frozen=True, slots=True)
class Ref:
    """Where a paragraph lives: enough to link to it and to say who spoke. One per paragraph of
    the archive: slots, and the speaker worked out once (asked hundreds of thousands of times a
    build), 70 bytes where a cached property's own dict made 170."""

    event: Event
    speech: Speech | None
    paragraph: Paragraph
    speaker: str | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        speaker = self.paragraph.speaker or (self.speech.speaker if self.speech else None)
        object.__setattr__(self, "speaker", speaker)


class Refs(Mapping[tuple[str, str], Ref]):
    """(event id, paragraph anchor) → Ref, each event's made on first ask: an edit's build asks
    for the paragraphs of the pages it renders, and making a Ref for each of the archive's
    40,000 paragraphs was a third of the index (those stating a figure are made at once, for
    the statements: `add`). Iterating or counting makes every one."""

    def __init__(self, events: dict[str, Event]):
        self._refs: dict[tuple[str, str], Ref] = {}
        self._pending = events
        """Events whose other paragraphs have no Ref yet, by id."""

    def add(self, ref: Ref) -> None:
        """A Ref made already, kept as it is (statements hold it)."""
        self._refs[(ref.event.id, ref.paragraph.anchor)] = ref

    def _make(self, event_id: str) -> bool:
        event = self._pending.pop(event_id, None)
        if event is None:
            return False
        for p in event.lead:
            self._refs.setdefault((event.id, p.anchor), Ref(event, None, p))
        for s in event.speeches:
            for p in s.paragraphs:
                self._refs.setdefault((event.id, p.anchor), Ref(event, s, p))
        return True

    def __getitem__(self, key: tuple[str, str]) -> Ref:
        found = self._refs.get(key)
        if found is None and isinstance(key, tuple) and key and self._make(key[0]):
            found = self._refs.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def _make_all(self) -> None:
        for event_id in list(self._pending):
            self._make(event_id)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        self._make_all()
        return iter(self._refs)

    def __len__(self) -> int:
        self._make_all()
        return len(self._refs)


@dataclass(frozen=True)
class Statement:
    figure: Figure
    ref: Ref


@dataclass(frozen=True)
class Index:
    refs: Mapping[tuple[str, str], Ref]
    """(event id, paragraph anchor) → Ref (a Refs: made per event on first ask)."""
    speeches_by_person: dict[str, tuple[tuple[Event, Speech], ...]]
    statements: dict[str, tuple[Statement, ...]]
    """indicator id → statements, oldest period first."""
    by_figure: dict[int, tuple[Statement, ...]] = field(default_factory=dict)
    """id(figure) → its statements, so a footnote finds its own (the figures live as long as
    `statements` holds them)."""
    groups: dict[tuple, tuple[Statement, ...]] = field(default_factory=dict)
    """(indicator id, period_group) → the statements comparable with each other."""
    series: tuple[Series, ...] = ()
    """The series of data/series.yml, loaded once by the build."""
    events: tuple[Event, ...] = field(default=(), repr=False, compare=False)
    """The events indexed, in the order given."""

    @cached_property  # 180,000 mentions at 1,000 events: made only for a build that asks
    def mentions(self) -> dict[tuple[str, str], tuple[tuple[Ref, str], ...]]:
        """(kind, id) → (Ref, matched term) in corpus order (events newest first)."""
        mentions: dict[tuple[str, str], list] = defaultdict(list)
        refs = self.refs
        for event in self.events:
            for p in event.paragraphs:
                ref = refs[(event.id, p.anchor)]
                for m in p.mentions:
                    mentions[(m.kind, m.id)].append((ref, m.term))
        return {k: tuple(v) for k, v in mentions.items()}

    @classmethod
    def build(cls, events: tuple[Event, ...], series: tuple[Series, ...] | None = None) -> Index:
        """series: as loaded by the build (default: the package's data/series.yml)."""
        refs = Refs({e.id: e for e in events})
        speeches: dict[str, list] = defaultdict(list)
        statements: dict[str, list] = defaultdict(list)
        for event in events:
            for s in event.speeches:
                if s.speaker:
                    speeches[s.speaker].append((event, s))
            if event.date is None:
                continue  # an undated figure has no place in time
            parts: list[tuple[Speech | None, tuple[Paragraph, ...]]] = [(None, event.lead)]
            parts += [(sp, sp.paragraphs) for sp in event.speeches]
            for speech, paragraphs in parts:  # the lead, then each speech
                for p in paragraphs:
                    if p.figures and any(f.indicator for f in p.figures):
                        ref = Ref(event, speech, p)
                        refs.add(ref)
                        for f in p.figures:
                            if f.indicator:
                                statements[f.indicator].append(Statement(f, ref))
        ordered = {k: tuple(sorted(v, key=_statement_order)) for k, v in statements.items()}
        by_figure: dict[int, list[Statement]] = defaultdict(list)
        groups: dict[tuple, list[Statement]] = defaultdict(list)
        for iid, sts in ordered.items():
            for st in sts:
                by_figure[id(st.figure)].append(st)
                groups[(iid, st.figure.scope, period_group(st))].append(st)
        return cls(
            refs=refs,
            speeches_by_person={k: tuple(v) for k, v in speeches.items()},
            statements=ordered,
            by_figure={k: tuple(v) for k, v in by_figure.items()},
            groups={k: tuple(v) for k, v in groups.items()},
            series=load_series() if series is None else series,
            events=tuple(events),
        )


def period_group(st: Statement) -> tuple[str | None, int | None]:
    """Statements comparable with each other: the same period; a stock ('cumulative') or a target
    without a year only when stated in the same year (a stock grows, plans are restated)."""
    period = st.figure.period
    return (period, st.ref.event.sort_date.year if period in ("cumulative", "target") else None)


def _statement_order(st: Statement) -> tuple:
    return (
        st.figure.period or "~",
        st.ref.event.date,
        st.ref.event.id,
        st.figure.paragraph,
        st.figure.start,
    )
