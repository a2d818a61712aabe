"""Clean a seed: cut it into events, strip furniture (recording the rule), repair broken lines,
and read the header facts (title, date, time, place, lead) and the closing tags.

    >>> from build_site.model import Line, Source
    >>> src = Source("s.txt", "s.txt", tuple(Line(i, t) for i, t in enumerate(
    ...     ["News /", "A forum", "November 9, 2023", "Astana", "* * *", "Vladimir Putin: Hello", "."], 1)))
    >>> [ev], _ = clean(src, SpeakerIndex({}))
    >>> ev.title, str(ev.date), ev.place, ev.body[0].text
    ('A forum', '2023-11-09', 'Astana', 'Vladimir Putin: Hello.')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from build_site.clean import furniture as F
from build_site.clean.dates import find_time, parse_dateline, parse_time
from build_site.clean.speakers import SpeakerIndex
from build_site.model import Chunk, Issue, Line, RawEvent, Removed, Source

TEXT_VERSION = re.compile(r"^Text version(?P<rest>.*)$", re.I)
_JOIN_ALONE = re.compile(r"^[.:,;!?]$")
_JOIN_START = re.compile(r"^[,:;.]\s")
#: A short line right under the place line is the photo's caption (the lead stands above the date).
CAPTION_WORDS = 12
_TITLE_END = re.compile(r"[.!?:;,…]$")
#: Lines that identify the publishing site (first match wins).
PUBLISHERS = (
    (
        re.compile(
            r"^(?:Official website of the President of Russia|View settings|Select font.*|Character spacing.*|Publication status|Published in sections?:.*)$",
            re.I,
        ),
        "Kremlin",
    ),
    (
        re.compile(
            r"^(?:Official site of the President of the Republic of Kazakhstan|Akorda)$", re.I
        ),
        "Akorda",
    ),
)


@dataclass
class _Draft:
    """Mutable scratch state while one segment is read; frozen into a RawEvent at the end."""

    title: str | None = None
    date: dt.date | None = None
    time: str | None = None
    place: str | None = None
    lead: list[Chunk] = field(default_factory=list)
    body: list[Chunk] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: list[Removed] = field(default_factory=list)
    tags: dict[str, list[str]] = field(default_factory=dict)
    published: str | None = None
    translation: str | None = None


def split_events(lines: tuple[Line, ...]) -> list[tuple[list[Line], list[Removed]]]:
    """Cut a seed where one page ends ('Text version') and the next begins ('…Events')."""
    segments: list[tuple[list[Line], list[Removed]]] = [([], [])]
    for line in lines:
        m = TEXT_VERSION.match(_flat(line.text))
        if m:
            segments[-1][1].append(Removed(Line(line.no, "Text version"), "share-widget"))
            segments.append(([], []))
            if m["rest"].strip():
                segments[-1][0].append(Line(line.no, m["rest"].strip()))
        else:
            segments[-1][0].append(line)
    # a trailing 'Text version' leaves an empty segment: its removals belong to the one before
    kept: list[tuple[list[Line], list[Removed]]] = []
    for seg_lines, removed in segments:
        if any(l.text.strip() for l in seg_lines) or not kept:
            kept.append((seg_lines, removed))
        else:
            kept[-1][1].extend(removed)
    return kept


def clean(source: Source, speakers: SpeakerIndex) -> tuple[list[RawEvent], list[Issue]]:
    issues: list[Issue] = []
    publisher = next(
        (
            name
            for line in source.lines
            for pattern, name in PUBLISHERS
            if pattern.match(line.text.strip())
        ),
        None,
    )
    events = []
    for index, (lines, removed) in enumerate(split_events(source.lines)):
        draft = _Draft(removed=list(removed))
        _read_segment(source.name, [l for l in lines if l.text.strip()], draft, speakers, issues)
        events.append(
            RawEvent(
                seed=source.name,
                index=index,
                title=draft.title,
                date=draft.date,
                time=draft.time,
                place=draft.place,
                lead=tuple(draft.lead),
                body=tuple(draft.body),
                removed=tuple(draft.removed),
                meta_lines=tuple(draft.meta),
                tags={k: tuple(v) for k, v in draft.tags.items()},
                published=draft.published,
                translation=draft.translation,
                publisher=publisher,
            )
        )
    return events, issues


def _header_end(lines: list[Line], speakers: SpeakerIndex) -> int:
    """Index of the first line of text proper: after '* * *', else the first speaker label."""
    for i, line in enumerate(lines):
        rule = F.match_furniture(_flat(line.text), in_header=True)
        if rule and rule.name == "separator":
            return i
        if _is_label_start(lines, i, speakers):
            return i
    # no separator, no labels (news, article): the header is the title block at the top
    for i, line in enumerate(lines):
        text, flat = line.text.strip(), _flat(line.text)
        if F.match_furniture(flat, in_header=True) or parse_dateline(flat) or parse_time(flat):
            continue
        if not _is_title_like(text):
            return i
    return len(lines)


def _is_label_start(lines: list[Line], i: int, speakers: SpeakerIndex) -> bool:
    text = lines[i].text.strip()
    if speakers.split_label_line(text):
        return True
    nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    return nxt.startswith(":") and speakers.parse_label(text) is not None


def _is_title_like(text: str) -> bool:
    return (
        bool(text)
        and len(text.split()) <= 25
        and not _TITLE_END.search(text)
        and (text[0].isupper() or text[0].isdigit())
    )


def _read_segment(
    file: str, lines: list[Line], d: _Draft, speakers: SpeakerIndex, issues: list[Issue]
) -> None:
    end = _header_end(lines, speakers)
    caption_next = False
    last_meta = ""
    for line in lines[:end]:
        text, flat = line.text.strip(), _flat(line.text)
        rule = F.match_furniture(flat, in_header=True)
        dateline = parse_dateline(flat)
        if caption_next and not rule:
            d.removed.append(Removed(line, "photo-caption"))
        elif rule:
            d.removed.append(Removed(line, rule.name))
        elif F.TRANSLATION.match(flat):
            d.translation = text
            d.meta.append(Removed(line, "translation"))
        elif last_meta == "place" and len(text.split()) <= CAPTION_WORDS:
            # Kremlin layout: title, lead, date, time, place, then the photo's caption
            d.removed.append(Removed(line, "photo-caption-after-place"))
        elif dateline:
            d.date = d.date or dateline[0]
            d.place = d.place or _squash(dateline[1])
            d.meta.append(Removed(line, "date"))
        elif parse_time(flat):
            d.time = d.time or parse_time(flat)
            d.meta.append(Removed(line, "time"))
        elif (
            last_meta in ("date", "time")
            and d.place is None
            and len(text.split()) <= 5
            and not _TITLE_END.search(text)
        ):
            d.place = _squash(text)
            d.meta.append(Removed(line, "place"))
        elif d.title is None and not d.lead and _is_title_like(text):
            d.title = text
            d.meta.append(Removed(line, "title"))
        else:
            _append(d.lead, line, text, file, issues)
        caption_next = bool(rule and rule.name == "photo-counter")
        last_meta = d.meta[-1].rule if d.meta and d.meta[-1].line is line else ""
    _read_body(file, lines[end:], d, issues)


def _read_body(file: str, lines: list[Line], d: _Draft, issues: list[Issue]) -> None:
    block: str | None = None  # inside the closing blocks: the current block's name
    skip_widget = 0
    caption_next = False
    for line in lines:
        text, flat = line.text.strip(), _flat(line.text)
        key = flat.lower()
        rule = F.match_furniture(flat)
        if block is not None or key in F.TAG_BLOCKS or F.PUBLICATION.match(flat):
            if key in F.TAG_BLOCKS:
                block = F.TAG_BLOCKS[key]
                d.tags.setdefault(block, [])
                d.meta.append(Removed(line, "closing-block"))
            elif F.PUBLICATION.match(flat) or block is None:
                block = "Publication"
                if key.startswith("publication date"):
                    d.published = flat.split(":", 1)[1].strip()
                    d.time = d.time or find_time(flat)
                d.meta.append(Removed(line, "publication"))
            elif rule:
                d.removed.append(Removed(line, rule.name))
            elif block in d.tags:
                d.tags[block].append(text)
                d.meta.append(Removed(line, f"tag:{block}"))
            else:
                d.meta.append(Removed(line, "publication"))
        elif F.RELATED_WIDGET.match(flat):
            d.removed.append(Removed(line, "related-widget"))
            skip_widget = 3
        elif skip_widget and len(text.split()) <= 20:
            d.removed.append(Removed(line, "related-widget"))
            skip_widget = 0 if parse_dateline(flat) else skip_widget - 1
        elif caption_next and not rule:
            d.removed.append(Removed(line, "photo-caption"))
            caption_next = False
        elif rule:
            d.removed.append(Removed(line, rule.name))
            caption_next = rule.name == "photo-counter"
        elif F.TRANSLATION.match(flat):
            d.translation = text
            d.meta.append(Removed(line, "translation"))
        elif F.NOTE.match(flat):
            d.body.append(Chunk(text, (line.no,), "note"))
        elif parse_dateline(flat) and not _JOIN_START.match(text):
            date, place = parse_dateline(flat)  # type: ignore[misc]
            d.date, d.place = d.date or date, d.place or _squash(place)
            d.meta.append(Removed(line, "date"))
        else:
            skip_widget = 0
            _append(d.body, line, text, file, issues)


def _append(chunks: list[Chunk], line: Line, text: str, file: str, issues: list[Issue]) -> None:
    """Add a line as a new chunk, or join it to the previous one when the line was broken."""
    if (
        chunks
        and chunks[-1].kind == "text"
        and (_JOIN_ALONE.match(text) or _JOIN_START.match(text))
    ):
        prev = chunks[-1]
        chunks[-1] = Chunk(prev.text + text, prev.lines + (line.no,))
        issues.append(
            Issue(
                file,
                line.no,
                "repair",
                f"joined a broken line starting {text[:2]!r} to line {prev.lines[-1]}",
            )
        )
    else:
        chunks.append(Chunk(text, (line.no,)))


def _flat(text: str) -> str:
    """A line as the rules see it: sources put no-break spaces anywhere ('To\u00a0be continued.')."""
    return " ".join(text.split())


def _squash(text: str | None) -> str | None:
    """Metadata shows single spaces (sources use no-break spaces inside names)."""
    return " ".join(text.split()) if text else None
