"""Link stage: indexes over the whole corpus, built once after every event is structured.

>>> Index.build(()).speeches_by_person
{}
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from build_site.model import Event, Figure, Paragraph, Speech


@dataclass(frozen=True)
class Ref:
    """Where a paragraph lives: enough to link to it and to say who spoke."""

    event: Event
    speech: Speech | None
    paragraph: Paragraph

    @property
    def speaker(self) -> str | None:
        return self.paragraph.speaker or (self.speech.speaker if self.speech else None)


@dataclass(frozen=True)
class Statement:
    figure: Figure
    ref: Ref


@dataclass(frozen=True)
class Index:
    refs: dict[tuple[str, str], Ref]
    """(event id, paragraph anchor) → Ref."""
    speeches_by_person: dict[str, tuple[tuple[Event, Speech], ...]]
    mentions: dict[tuple[str, str], tuple[tuple[Ref, str], ...]]
    """(kind, id) → (Ref, matched term) in corpus order (events newest first)."""
    statements: dict[str, tuple[Statement, ...]]
    """indicator id → statements, oldest period first."""

    @classmethod
    def build(cls, events: tuple[Event, ...]) -> Index:
        refs: dict[tuple[str, str], Ref] = {}
        speeches: dict[str, list] = defaultdict(list)
        mentions: dict[tuple[str, str], list] = defaultdict(list)
        statements: dict[str, list] = defaultdict(list)
        for event in events:
            for p in event.lead:
                refs[(event.id, p.anchor)] = Ref(event, None, p)
            for s in event.speeches:
                if s.speaker:
                    speeches[s.speaker].append((event, s))
                for p in s.paragraphs:
                    refs[(event.id, p.anchor)] = Ref(event, s, p)
            for p in event.paragraphs:
                ref = refs[(event.id, p.anchor)]
                for m in p.mentions:
                    mentions[(m.kind, m.id)].append((ref, m.term))
                for f in p.figures:
                    if f.indicator and event.date:  # an undated figure has no place in time
                        statements[f.indicator].append(Statement(f, ref))
        return cls(
            refs=refs,
            speeches_by_person={k: tuple(v) for k, v in speeches.items()},
            mentions={k: tuple(v) for k, v in mentions.items()},
            statements={k: tuple(sorted(v, key=_statement_order)) for k, v in statements.items()},
        )


def _statement_order(st: Statement) -> tuple:
    return (
        st.figure.period or "~",
        st.ref.event.date,
        st.ref.event.id,
        st.figure.paragraph,
        st.figure.start,
    )
