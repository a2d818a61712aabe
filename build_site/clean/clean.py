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
from build_site.clean.dates import (
    Found,
    date_line,
    dateline_prefix,
    find_dates,
    find_time,
    parse_dateline,
    parse_time,
    stamp,
)
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
    dates: list[tuple[str, Found, Line]] = field(default_factory=list)
    """Every date the header, a dateline, a byline or a stamp offers: (kind, date, line)."""
    date_from: tuple[int, str] | None = None
    tag_lines: set[int] = field(default_factory=set)


def _tag_lines(lines: list[Line]) -> set[int]:
    """Lines of a tag list: two or more lower-case word lines in a row (blank lines skipped)."""
    out: set[int] = set()
    run: list[int] = []
    for line in lines + [Line(-1, "X")]:
        if F.TAG_WORDS.match(_flat(line.text)):
            run.append(line.no)
        else:
            if len(run) >= 2:
                out.update(run)
            run = []
    return out


#: Which date wins, best first (see `pick_date`): an agency dateline opening the text; the date in
#: the title when it precedes the page's own date line by days (a repost); the page's date line;
#: a byline's date; a date line lower down ('Created at: …'); the page store's stamp.
DATE_KINDS = ("dateline", "title", "header", "byline", "body", "stamp")
#: A date in the title names the event when at most this many days before the page's date.
TITLE_DATE_DAYS = 14
#: An agency dateline is looked for in this many first lines of text.
DATELINE_LINES = 3


def pick_date(d: _Draft) -> None:
    """Set d.date and d.date_from from the candidates. A date printed without a year takes it
    from the best full date elsewhere on the page (or stays undated: the sidecar gives it)."""
    rank = {k: i for i, k in enumerate(DATE_KINDS)}
    cands = sorted(d.dates, key=lambda c: (rank[c[0]], c[2].no))
    full = [(k, f.date(), line) for k, f, line in cands if f.year and f.date() and k != "title"]
    ref = full[0] if full else None
    for kind, found, line in cands:
        if kind == "title":
            when = found.near(ref[1]) if ref else None
            if not when or (ref[1] - when).days > TITLE_DATE_DAYS:
                continue
        else:
            when = found.date() if found.year else (found.near(ref[1]) if ref else None)
        text = " ".join(line.text.split())
        if when is None:
            d.date, d.date_from = None, (line.no, found.text)  # a date without a year: reported
            return
        year_from = f" (year from line {ref[2].no})" if not found.year and ref else ""
        d.date, d.date_from = when, (line.no, text + year_from)
        return


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
    lines_in, stamped = _unstamp(source.lines)
    for index, (lines, removed) in enumerate(split_events(lines_in)):
        draft = _Draft(removed=list(removed))
        if stamped and index == 0:
            when, line = stamped
            draft.dates.append(("stamp", Found(when.day, when.month, when.year, 0, 0, ""), line))
            if not stamp(line.text)[1].strip():  # type: ignore[index]
                draft.meta.append(Removed(line, "date-stamp"))
        _read_segment(source.name, [l for l in lines if l.text.strip()], draft, speakers, issues)
        pick_date(draft)
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
                date_from=draft.date_from,
            )
        )
    return events, issues


def _unstamp(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], tuple | None]:
    """The page store's ' date 2024-05-24 01:10' glued to the first line: taken off the line
    (the rest of the line is text as usual) and kept as the date of last resort."""
    first = next((l for l in lines if l.text.strip()), None)
    found = stamp(first.text) if first else None
    if not found:
        return lines, None
    when, rest = found
    kept = Line(first.no, rest)
    return tuple(kept if l is first else l for l in lines), (when, Line(first.no, first.text))


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
        if F.match_furniture(flat, in_header=True) or date_line(flat) or parse_time(flat):
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
    d.tag_lines = _tag_lines(lines)
    end = _header_end(lines, speakers)
    caption_next = False
    last_meta = ""
    for line in lines[:end]:
        text, flat = line.text.strip(), _flat(line.text)
        if line.no in d.tag_lines:
            d.removed.append(Removed(line, "tag-list"))
            continue
        rule = F.match_furniture(flat, in_header=True)
        dateline = date_line(flat) if not rule else None
        if caption_next and not rule:
            d.removed.append(Removed(line, "photo-caption"))
        elif rule:
            d.removed.append(Removed(line, rule.name))
            if rule.name in F.DATED_RULES and find_dates(flat):
                d.dates.append(("byline", find_dates(flat)[0], line))
            if rule.name == "photo-credit" and flat.startswith("©"):
                _caption_above(d, line)
        elif last_meta == "site-name-cut":
            d.removed.append(Removed(line, "site-name"))  # 'Official website of the' / '<name>'
        elif F.TRANSLATION.match(flat):
            d.translation = text
            d.meta.append(Removed(line, "translation"))
        elif last_meta == "place" and len(text.split()) <= CAPTION_WORDS:
            # Kremlin layout: title, lead, date, time, place, then the photo's caption
            d.removed.append(Removed(line, "photo-caption-after-place"))
        elif dateline:
            d.dates.append(("header", dateline.found, line))
            d.place = d.place or _squash(dateline.place)
            d.time = d.time or find_time(flat)
            d.meta.append(Removed(line, "date"))
        elif parse_time(flat) and last_meta != "date":
            d.removed.append(Removed(line, "site-clock"))  # a time above any date: the site's clock
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
            d.dates += [("title", f, line) for f in find_dates(flat)[:1]]
        elif _repeats_title(d, flat):
            d.removed.append(Removed(line, "repeated-title"))
        elif _is_section_label(d, text):
            # 'Foreign visits' above the real title: the site's section, not the title
            label = next(m for m in d.meta if m.rule == "title")
            d.meta.remove(label)
            d.removed.append(Removed(label.line, "section-name"))
            d.dates = [c for c in d.dates if c[0] != "title"]
            d.title = text
            d.meta.append(Removed(line, "title"))
            d.dates += [("title", f, line) for f in find_dates(flat)[:1]]
        else:
            _append(d.lead, line, text, file, issues)
        caption_next = bool(rule and rule.name == "photo-counter")
        last_meta = d.meta[-1].rule if d.meta and d.meta[-1].line is line else ""
        if rule and rule.name == "site-name" and re.search(r"\bof the$", flat, re.I):
            last_meta = "site-name-cut"
    _read_body(file, lines[end:], d, issues)
    _closing_furniture(d)
    _find_dateline(d)


#: An author box is among the last few chunks, and says what its person has done.
AUTHOR_BOX_CHUNKS = 8
_BIO_VERBS = (
    "has|is|was|studied|worked|works|joined|graduated|holds|writes|wrote|covers|covered|began|lives"
)
_NAME_LINE = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё'’-]+(?: [A-ZА-ЯЁ][a-zа-яё'’-]+){1,2}$")
#: The closing byline or credits: at most this many words, at most one of them in lower case.
CLOSING_WORDS = 6


def _closing_furniture(d: _Draft) -> None:
    """What news sites print under the text: an author box (a name line, then lines about that
    person: 'Sergey Kwan' … 'Kwan studied at …'), and a closing byline or credit lines ('Kudrenok
    Tatyana', 'GSV "Russia - Islamic world"', 'Sputnik International'): short lines in title case
    (one word in lower case from four words up) after the last sentence."""
    body = d.body
    for i, c in enumerate(body):
        if i < len(body) - AUTHOR_BOX_CHUNKS:
            continue
        nxt = body[i + 1].text.strip() if i + 1 < len(body) else ""
        if c.kind == "text" and _NAME_LINE.match(c.text.strip()) and not nxt.startswith(":"):
            words = c.text.split()
            about = re.compile(
                rf"^(?:{re.escape(words[0])}|{re.escape(words[-1])})\s+(?:{_BIO_VERBS})\b"
            )
            if any(about.match(later.text.strip()) for later in body[i + 1 :]):
                for chunk in body[i:]:
                    d.removed += [Removed(Line(no, chunk.text), "author-box") for no in chunk.lines]
                del body[i:]
                break
    while body and body[-1].kind == "text" and _closing_line(body[-1].text):
        chunk = body.pop()
        d.removed += [Removed(Line(no, chunk.text), "closing-credit") for no in chunk.lines]


def _closing_line(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= CLOSING_WORDS
        and re.search(r"\w", text) is not None
        and sum(w[0].islower() for w in words) <= (1 if len(words) >= 4 else 0)
        and not re.search(r"[.!?:;,…]$", text.strip())
    )


#: A first title line this short, right above a longer title-like line, is the site's section.
SECTION_WORDS = 3


def _is_section_label(d: _Draft, text: str) -> bool:
    return (
        d.title is not None
        and not d.lead
        and len(d.title.split()) <= SECTION_WORDS
        and len(text.split()) > len(d.title.split()) + 2
        and _is_title_like(text)
        and not any(m.rule in ("date", "time", "place") for m in d.meta)
    )


def _repeats_title(d: _Draft, flat: str) -> bool:
    """The title printed again, alone or with the site's name ('<title> | Strategy2050.kz')."""
    if not d.title:
        return False
    title = _flat(d.title)
    return flat == title or bool(re.fullmatch(re.escape(title) + r"\s*[|–—]\s*\S.{0,40}", flat))


def _find_dateline(d: _Draft) -> None:
    """An agency dateline ('MOSCOW, October 6. /TASS/.') opening one of the first lines of text."""
    for chunk in [c for c in d.lead + d.body if c.kind == "text"][:DATELINE_LINES]:
        found = dateline_prefix(_flat(chunk.text))
        if found:
            line = Line(chunk.lines[0], chunk.text)
            d.dates.append(("dateline", found.found, line))
            place = found.place.title() if found.place.isupper() else found.place
            d.place = d.place or place
            return


def _read_body(file: str, lines: list[Line], d: _Draft, issues: list[Issue]) -> None:
    block: str | None = None  # inside the closing blocks: the current block's name
    skip_widget = 0
    caption_next = False
    for line in lines:
        text, flat = line.text.strip(), _flat(line.text)
        key = flat.lower()
        if line.no in d.tag_lines:
            d.removed.append(Removed(line, "tag-list"))
            continue
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
                    d.dates += [("body", f, line) for f in find_dates(flat)[:1]]
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
            if rule.name == "photo-credit" and flat.startswith("©"):
                _caption_above(d, line)
            if rule.name in F.DATED_RULES and find_dates(flat):
                d.dates.append(("body", find_dates(flat)[0], line))
        elif F.TRANSLATION.match(flat):
            d.translation = text
            d.meta.append(Removed(line, "translation"))
        elif F.NOTE.match(flat):
            d.body.append(Chunk(text, (line.no,), "note"))
        elif _repeats_title(d, flat):
            d.removed.append(Removed(line, "repeated-title"))
        elif parse_dateline(flat) and not _JOIN_START.match(text):
            _, place = parse_dateline(flat)  # type: ignore[misc]
            d.dates.append(("body", date_line(flat).found, line))  # type: ignore[union-attr]
            d.place = d.place or _squash(place)
            d.meta.append(Removed(line, "date"))
        else:
            skip_widget = 0
            _append(d.body, line, text, file, issues)


def _caption_above(d: _Draft, credit: Line) -> None:
    """A short line without a full stop right above a '©' credit is the photo's caption."""
    chunks = d.body or d.lead
    if chunks and chunks[-1].kind == "text" and chunks[-1].lines == (credit.no - 1,):
        text = chunks[-1].text
        if len(text.split()) <= 30 and not _TITLE_END.search(text.strip()):
            chunks.pop()
            d.removed.append(Removed(Line(credit.no - 1, text), "photo-caption-before-credit"))


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
