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

import re

from build_site.clean import furniture as F
from build_site.clean.closing import (
    closing_furniture,
    is_section_label,
    repeats_title,
)
from build_site.clean.dates import (
    Found,
    date_line,
    find_dates,
    find_time,
    parse_dateline,
    parse_time,
    stamp,
)
from build_site.clean.dating import find_dateline, pick_date, unstamp
from build_site.clean.draft import TITLE_END, Draft, flatten, is_title_like, squash
from build_site.clean.speakers import SpeakerIndex
from build_site.model import Chunk, Issue, Line, RawEvent, Removed, Source

TEXT_VERSION = re.compile(r"^Text version(?P<rest>.*)$", re.I)
_JOIN_ALONE = re.compile(r"^[.:,;!?]$")
_JOIN_START = re.compile(r"^[,:;.]\s")
#: A short line right under the place line is the photo's caption (the lead stands above the date).
CAPTION_WORDS = 12
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


def _tag_lines(lines: list[Line]) -> set[int]:
    """Lines of a tag list: two or more lower-case word lines in a row (blank lines skipped)."""
    out: set[int] = set()
    run: list[int] = []
    for line in lines + [Line(-1, "X")]:
        if F.TAG_WORDS.match(flatten(line.text)):
            run.append(line.no)
        else:
            if len(run) >= 2:
                out.update(run)
            run = []
    return out


#: Which date wins, best first (see `pick_date`): an agency dateline opening the text; the date in
#: the title when it precedes the page's own date line by days (a repost); the page's date line;
#: a byline's date; a date line lower down ('Created at: …'); the page store's stamp.
def split_events(lines: tuple[Line, ...]) -> list[tuple[list[Line], list[Removed]]]:
    """Cut a seed where one page ends ('Text version') and the next begins ('…Events')."""
    segments: list[tuple[list[Line], list[Removed]]] = [([], [])]
    for line in lines:
        m = TEXT_VERSION.match(flatten(line.text))
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
    lines_in, stamped = unstamp(source.lines)
    for index, (lines, removed) in enumerate(split_events(lines_in)):
        draft = Draft(removed=list(removed))
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


def _header_end(lines: list[Line], speakers: SpeakerIndex) -> int:
    """Index of the first line of text proper: after '* * *', else the first speaker label."""
    for i, line in enumerate(lines):
        rule = F.match_furniture(flatten(line.text), in_header=True)
        if rule and rule.name == "separator":
            return i
        if _is_label_start(lines, i, speakers):
            return i
    # no separator, no labels (news, article): the header is the title block at the top
    for i, line in enumerate(lines):
        text, flat = line.text.strip(), flatten(line.text)
        if F.match_furniture(flat, in_header=True) or date_line(flat) or parse_time(flat):
            continue
        if not is_title_like(text):
            return i
    return len(lines)


def _is_label_start(lines: list[Line], i: int, speakers: SpeakerIndex) -> bool:
    text = lines[i].text.strip()
    if speakers.split_label_line(text):
        return True
    nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    return nxt.startswith(":") and speakers.parse_label(text) is not None


def _read_segment(
    file: str, lines: list[Line], d: Draft, speakers: SpeakerIndex, issues: list[Issue]
) -> None:
    d.tag_lines = _tag_lines(lines)
    end = _header_end(lines, speakers)
    caption_next = False
    last_meta = ""
    byline_label = False
    for line in lines[:end]:
        text, flat = line.text.strip(), flatten(line.text)
        if line.no in d.tag_lines:
            d.removed.append(Removed(line, "tag-list"))
            continue
        rule = F.match_furniture(flat, in_header=True)
        if _byline_name(d, line, flat, rule, byline_label):
            byline_label = False
            continue
        byline_label = bool(F.BYLINE_LABEL.match(flat))
        dateline = date_line(flat) if not rule else None
        if caption_next and not rule:
            d.removed.append(Removed(line, "photo-caption"))
        elif rule:
            d.removed.append(Removed(line, rule.name))
            if rule.name in F.DATED_RULES and find_dates(flat):
                d.dates.append(("byline", find_dates(flat)[0], line))
            if rule.name == "photo-credit" and flat.startswith("©"):
                caption_above(d, line)
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
            d.place = d.place or squash(dateline.place)
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
            and not TITLE_END.search(text)
        ):
            d.place = squash(text)
            d.meta.append(Removed(line, "place"))
        elif d.title is None and not d.lead and is_title_like(text):
            d.title = text
            d.meta.append(Removed(line, "title"))
            d.dates += [("title", f, line) for f in find_dates(flat)[:1]]
        elif repeats_title(d, flat):
            d.removed.append(Removed(line, "repeated-title"))
        elif is_section_label(d, text):
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
    closing_furniture(d)
    find_dateline(d)


#: An author box is among the last few chunks, and says what its person has done.
def _read_body(file: str, lines: list[Line], d: Draft, issues: list[Issue]) -> None:
    block: str | None = None  # inside the closing blocks: the current block's name
    skip_widget = 0
    caption_next = False
    byline_label = False
    for line in lines:
        text, flat = line.text.strip(), flatten(line.text)
        key = flat.lower()
        if line.no in d.tag_lines:
            d.removed.append(Removed(line, "tag-list"))
            continue
        rule = F.match_furniture(flat)
        if _byline_name(d, line, flat, rule, byline_label):
            byline_label = False
            continue
        byline_label = bool(F.BYLINE_LABEL.match(flat))
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
                caption_above(d, line)
            if rule.name in F.DATED_RULES and find_dates(flat):
                d.dates.append(("body", find_dates(flat)[0], line))
        elif F.TRANSLATION.match(flat):
            d.translation = text
            d.meta.append(Removed(line, "translation"))
        elif F.NOTE.match(flat):
            d.body.append(Chunk(text, (line.no,), "note"))
        elif repeats_title(d, flat):
            d.removed.append(Removed(line, "repeated-title"))
        elif parse_dateline(flat) and not _JOIN_START.match(text):
            _, place = parse_dateline(flat)  # type: ignore[misc]
            d.dates.append(("body", date_line(flat).found, line))  # type: ignore[union-attr]
            d.place = d.place or squash(place)
            d.meta.append(Removed(line, "date"))
        else:
            skip_widget = 0
            _append(d.body, line, text, file, issues)


def _byline_name(d: Draft, line: Line, flat: str, rule: F.Rule | None, after_label: bool) -> bool:
    """The name under a byline label alone ('Автор:' / 'Adlet Seilkhanov'): removed as furniture."""
    if after_label and rule is None and F.BYLINE_NAME.match(flat):
        d.removed.append(Removed(line, "byline-name"))
        return True
    return False


def caption_above(d: Draft, credit: Line) -> None:
    """A short line without a full stop right above a '©' credit is the photo's caption."""
    chunks = d.body or d.lead
    if chunks and chunks[-1].kind == "text" and chunks[-1].lines == (credit.no - 1,):
        text = chunks[-1].text
        if len(text.split()) <= 30 and not TITLE_END.search(text.strip()):
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
