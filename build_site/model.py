"""The data model: frozen dataclasses that flow through the pipeline.

    read → Source → clean → RawEvent → structure → Event(speeches=[Speech(paragraphs=[Paragraph])])
    → extract (figures, mentions on each Paragraph) → link → Corpus → render → write

Example:
    >>> p = Paragraph(anchor="putin-1-p1", text="Thank you.")
    >>> Speech(anchor="putin-1", speaker="vladimir-putin", label="Vladimir Putin", paragraphs=(p,)).paragraphs[0].text
    'Thank you.'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

# --- vocabularies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: str
    """Slug, e.g. 'vladimir-putin'; also the page URL 'persons/<id>/'."""
    name: str
    """Display name, e.g. 'Vladimir Putin'."""
    key: str = ""
    """Short anchor stem for speech anchors, e.g. 'putin' (default: last word of the name)."""
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Other spellings matched in labels and text, e.g. 'Vladimir Vladimirovich Putin'."""
    misspellings: tuple[str, ...] = ()
    """Known typos in sources (e.g. 'Vladimir Putting'): matched, linked, and marked [sic]."""
    description: str = ""
    curated: bool = True
    """False for a person made from an unknown speaker label."""


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str = ""
    """city, region, country, river, sea, site."""
    country: str | None = None
    """ISO 3166-1 alpha-2."""
    lat: float | None = None
    lon: float | None = None
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    """Keywords: a paragraph containing one belongs to the topic."""
    description: str = ""
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: str
    description: str = ""
    topic: str | None = None
    patterns: tuple[str, ...] = ()
    """Regular expressions over the sentence that recognise what is measured."""
    units: tuple[str, ...] = ()
    """Figure units this indicator accepts, e.g. ('USD',)."""
    stock: bool = False
    """A level accumulated over time (investment stock): its figures are about 'cumulative',
    compared by the date they were stated, not a year's flow."""
    scope: tuple[str, ...] = ("KZ", "RU")
    """What it is about: sorted ISO 3166-1 alpha-2 codes, or a bloc alone (build_site/extract/scope.py)."""
    measure: str = ""
    """Id of the catalogue entry it comes from: the same measure in another scope is its own
    indicator (``trade-turnover-by-ru``); '' for the entry itself."""
    part: bool = False
    """It measures a part of a whole (border regions, one sector): it may take figures about a part,
    which every other indicator refuses."""


# --- text -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One physical line of a seed (1-based number), after decoding."""

    no: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """Text made from one or more source lines (broken lines joined), before anchors exist."""

    text: str
    lines: tuple[int, ...]
    kind: str = "text"
    """'text', 'heading' or 'note' (see Paragraph.kind)."""


@dataclass(frozen=True)
class Removed:
    """A source line removed as furniture, with the name of the rule that removed it."""

    line: Line
    rule: str


@dataclass(frozen=True)
class Issue:
    """A problem found in the input: becomes a one-line message 'file:line: level: message'."""

    file: str
    line: int | None
    level: str  # "error" | "warning" | "repair"
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.level}: {self.message}"


@dataclass(frozen=True)
class Figure:
    """A numeric statement inside one paragraph."""

    quote: str
    """Exactly as in the paragraph text: text[start:end] == quote."""
    start: int
    end: int
    value: float
    unit: str
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    period: str | None = None
    indicator: str | None = None
    paragraph: str = ""
    """Anchor of the paragraph holding it (set by the pipeline)."""
    speaker: str | None = None
    """Person id of who states it (set by the pipeline)."""
    scope: tuple[str, ...] | None = None
    """What it is about: sorted ISO 3166-1 alpha-2 codes or a bloc alone; None when unsure."""
    part: bool = False
    """About a part of a whole (border regions, rail only, one sector): never compared with the whole."""
    reviewed: bool = False
    """An editor set or confirmed its indicator, period or scope in the sidecar."""
    n: int = 0
    """1-based position among its paragraph's figures as found: the footnote label is
    '<paragraph>-<n>' (set by the pipeline; an editor's removal never renumbers the others)."""

    @property
    def id(self) -> str:
        return f"{self.paragraph}-f{self.start}"


class Mention(NamedTuple):
    """A vocabulary term found in a paragraph: text[start:end] == term. A named tuple (immutable
    like the dataclasses here): a corpus holds some 180 per event, read back from the seed cache
    on every build, and tuples unpickle in half the time of objects with a __dict__."""

    kind: str  # "topic" | "place" | "person" | "organisation"
    id: str
    term: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    anchor: str
    text: str
    kind: str = "text"
    """'text', 'heading' (a subheading printed in the source) or 'note' (editorial: '<…>', 'To be continued.')."""
    lines: tuple[int, ...] = ()
    """Source line numbers the paragraph was built from."""
    speaker: str | None = None
    """Person quoted or paraphrased, where it differs from the speech (news reports)."""
    sic: tuple[str, ...] = ()
    """Misspellings printed in the source, kept as printed."""
    figures: tuple[Figure, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Speech:
    anchor: str
    speaker: str | None
    """Person id; None for a news report's narration or an unnamed questioner."""
    label: str | None
    """The label as printed, e.g. 'President of Russia Vladimir Putin'."""
    paragraphs: tuple[Paragraph, ...]
    role: str | None = None
    label_line: int | None = None
    """Source line of the speaker label (metadata, even when the label line holds no text)."""


@dataclass(frozen=True)
class Source:
    """A seed as read: decoded lines plus its optional sidecar."""

    path: str
    """Path as given (for messages)."""
    name: str
    """File name, e.g. '003_6459434bd1d1d077.txt'."""
    lines: tuple[Line, ...]
    sidecar: dict[str, Any] = field(default_factory=dict)
    sidecar_lines: dict[str, int] = field(default_factory=dict)
    """Line of each sidecar key, for messages."""
    sha256: str = ""
    issues: tuple[Issue, ...] = ()

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]


@dataclass(frozen=True)
class RawEvent:
    """One occasion cut from a seed: header facts, body lines, and what cleaning removed."""

    seed: str
    index: int
    """0-based position within the seed."""
    title: str | None
    date: dt.date | None
    time: str | None
    place: str | None
    lead: tuple[Chunk, ...]
    body: tuple[Chunk, ...]
    removed: tuple[Removed, ...]
    meta_lines: tuple[Removed, ...] = ()
    """Lines consumed as metadata (title, date, tags...), with the field they went to."""
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Closing-block tags: {'Geography': (...), 'Topics': (...), 'Persons': (...)}."""
    published: str | None = None
    translation: str | None = None
    publisher: str | None = None
    doc_type: str = "transcript"
    date_from: tuple[int, str] | None = None
    """(line, its text) of the line that gave the date; for a date printed without a year and
    nowhere to take one from, (line, the date as printed)."""


@dataclass(frozen=True)
class Event:
    id: str
    url: str
    seed: str
    index: int
    title: str
    date: dt.date | None
    """None for an undated event (listed under 'Undated' until the sidecar gives a date)."""
    time: str | None
    place: str | None
    doc_type: str
    """'transcript' | 'news' | 'article' | 'interview' (decided from the text's shape; the
    sidecar's doc_type wins)."""
    speeches: tuple[Speech, ...]
    lead: tuple[Paragraph, ...] = ()
    author: str | None = None
    publisher: str | None = None
    source_url: str | None = None
    translation: str | None = None
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    series: str | None = None
    edition: int | None = None
    theme: str | None = None
    date_from: tuple[int | None, str] | None = None
    """Where the date came from, for the report: (line, its text), (None, 'the sidecar'), or None."""

    @property
    def sort_date(self) -> dt.date:
        """The date to sort by: undated events sort before every dated one."""
        return self.date or dt.date.min

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def summary(self) -> str | None:
        return self.lead[0].text if self.lead else None

    @cached_property  # asked for every event on every build (frozen: made once, in __dict__)
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.lead + tuple(p for s in self.speeches for p in s.paragraphs)

    @property
    def speakers(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s in self.speeches:
            if s.speaker:
                seen.setdefault(s.speaker)
        return tuple(seen)

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for p in self.paragraphs for f in p.figures)


@dataclass(frozen=True)
class Corpus:
    """Everything gathered before anything is written."""

    events: tuple[Event, ...]
    persons: dict[str, Person]
    places: dict[str, Place]
    topics: dict[str, Topic]
    organisations: dict[str, Organisation]
    indicators: dict[str, Indicator]
    issues: tuple[Issue, ...] = ()

    @cached_property
    def latest_date(self) -> dt.date | None:
        """The newest event's date (once per corpus: citations and TEI ask for it per event)."""
        return max((e.date for e in self.events if e.date), default=None)
