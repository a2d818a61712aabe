"""Dates and times as the sources print them (English and Russian).

Finding a date in a line is a small table of shapes (below); reading it is python-dateutil's job.
Which line gives an event its date is decided in clean.py (`pick_date`): a dateline or heading
date near the top, never a site clock, a crawl stamp (only as a last resort) or a date mentioned
in the text.

>>> parse_dateline("November 12, 2025, The Kremlin, Moscow")
(datetime.date(2025, 11, 12), 'The Kremlin, Moscow')
>>> parse_dateline("9 ноября 2023 года")
(datetime.date(2023, 11, 9), None)
>>> parse_dateline("9 November 2023 16:35 (UTC +04:00)")
(datetime.date(2023, 11, 9), None)
>>> parse_dateline("Thank you.") is None
True
>>> d = dateline_prefix("MOSCOW, October 6. /TASS/. The authorities said")
>>> (d.found.month, d.found.day, d.found.year, d.place)
(10, 6, None, 'MOSCOW')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as _dateutil

from build_site.months import MONTHS

WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs"
    "|fri|sat|sun|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
)


class _Names(_dateutil.parserinfo):
    """dateutil's parser with this module's month names (English and Russian)."""

    MONTHS = [tuple(n for n, i in MONTHS.items() if i == m) for m in range(1, 13)]


_INFO = _Names(dayfirst=True)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
#: The shapes of a date inside a line; each is read by dateutil, which also rejects 30 February.
_DATE = re.compile(
    rf"(?P<iso>(?<![\d-])\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?(?![\d-]))"
    rf"|(?P<ymd>(?<![\d./])\d{{4}}[./]\d{{1,2}}[./]\d{{1,2}}(?![\d./]))"
    rf"|(?P<dots>(?<![\d.])\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(?![\d.]\d))"
    rf"|(?P<dmy>(?<![\d.])\d{{1,2}}{_ORD}\s+(?:of\s+)?(?:{_MONTH})\b\.?(?:,?\s+(?P<y1>\d{{4}})(?!\d))?)"
    rf"|(?P<mdy>\b(?:{_MONTH})\b\.?\s+\d{{1,2}}{_ORD}(?![\d:.]\d)(?:,?\s+(?P<y2>\d{{4}})(?!\d))?)",
    re.I,
)
TIME_RE = re.compile(r"^(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)$")
_TIME = r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?!\d)"
#: What may stand beside a date on a date line: weekday, time, zone, 'year', a second date (a
#: range), a view counter after the time, separators, and labels such as 'Published:'.
_NOISE = re.compile(
    rf"(?:\b(?:{WEEKDAYS})\b\.?|{_TIME}|\(?\s*(?:UTC|GMT|MSK)\s*(?:[+−-]\s*\d{{1,2}}(?::?\d{{2}})?)?\s*(?:MSK)?\s*\)?"
    r"|\b(?:year|года|г\.|г\b)|(?:Created|Published|Posted|Updated|Modified)(?:\s+(?:at|on))?\s*:?"
    r"|Publication date\s*:?|Date\s*:|Дата(?:\s+публикации)?\s*:|\b(?:at|on)\b|[\s,.;|/()\-–—•])+",
    re.I,
)
_LEADING_TIME = re.compile(rf"^\s*{_TIME}\s*")
#: 'Dushanbe, October 10, 2025': a place before the date.
_LEAD_PLACE = re.compile(r"^(?P<place>[A-ZА-ЯЁ][\w'’.-]*(?:\s[A-ZА-ЯЁ][\w'’.-]*){0,3}),\s*$")
#: After a date: its author or section ('… by Admin', '… | Politics').
_BY_OR_SECTION = re.compile(r"(?:\s+by\s+\S.{0,50}|\s*\|\s*[A-Z][\w &-]{1,30})$")
_VIEWS = re.compile(r"\s+\d{1,7}\s*$")
#: A label or word around a date that says the line is a byline or the post's own metadata.
BYLINE_MARK = re.compile(
    r"^By\s|\b(?:Published|Posted|Updated|Created at)\b|\bComments?\b|\bmin(?:ute)?s?\s+read\b",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """A date printed in a line: day and month always, the year when printed."""

    day: int
    month: int
    year: int | None
    start: int
    end: int
    text: str

    def date(self, year: int | None = None) -> dt.date | None:
        try:
            return dt.date(self.year or year, self.month, self.day) if self.year or year else None
        except ValueError:
            return None

    def near(self, ref: dt.date) -> dt.date | None:
        """This day and month in the year that puts it on or before `ref` (a dateline printed
        without a year belongs to the publication date's year, or the year before in January)."""
        if self.year:
            return self.date()
        for year in (ref.year, ref.year - 1):
            d = self.date(year)
            if d and d <= ref + dt.timedelta(days=1):
                return d
        return None


def _read(m: re.Match) -> Found | None:
    text = m.group(0)
    try:
        if m["iso"]:
            d = _dateutil.isoparse(text[:10])
            year = d.year
        elif m["ymd"]:
            d = _dateutil.parse(text, yearfirst=True, dayfirst=False)
            year = d.year
        elif m["dots"]:
            d = _dateutil.parse(text, dayfirst=True)
            year = d.year
        else:
            # parsed with two default years: a date printed without one differs between them
            d = _dateutil.parse(text.replace(" of ", " "), _INFO, default=dt.datetime(2000, 1, 1))
            year = m["y1"] or m["y2"]
            if not year and d.year != 2000:
                return None
            if not year:  # 29 February without a year is a real date: check it in a leap year
                d = d.replace(year=2000)
    except (ValueError, OverflowError):
        return None
    return Found(d.day, d.month, int(year) if year else None, m.start(), m.end(), text)


def find_dates(text: str) -> list[Found]:
    """Every date printed in a line, in order."""
    out = []
    for m in _DATE.finditer(text):
        if m["mdy"] and not (m.group(0)[0].isupper()):
            continue  # 'may 5' lower-case is a verb; month names before the day are capitalised
        found = _read(m)
        if found:
            out.append(found)
    return out


@dataclass(frozen=True)
class DateLine:
    found: Found
    place: str | None = None


def date_line(text: str) -> DateLine | None:
    """A line that is a date and nothing else but a weekday, a time, a zone, a label, a range's
    second date, a view counter after the time, or ', <place>' ('May 8, 2024, The Kremlin, Moscow').
    The year may be missing ('9 Dec. 18:50 (UTC+3 MSK)'): see Found.near."""
    text = " ".join(text.split())
    if not text or len(text) > 120:
        return None
    hits = find_dates(text)
    if not hits:
        return None
    first = hits[0]
    before = text[: first.start]
    lead_place = _LEAD_PLACE.match(before)
    if _NOISE.sub("", before) and not lead_place:
        return None
    rest = text[first.end :]
    for other in reversed(hits[1:]):
        rest = rest[: other.start - first.end] + " " + rest[other.end - first.end :]
    if re.search(_TIME, rest):
        rest = _VIEWS.sub("", rest)
    rest = _BY_OR_SECTION.sub("", rest)
    if not _NOISE.sub("", rest):
        return DateLine(first, lead_place["place"] if lead_place else None)
    m = re.match(r"^\s*(?:года|г\.|year)?\s*,\s*(?P<place>[^\d]+?)\s*$", rest)
    if m and len(m["place"].split()) <= 8 and not m["place"].endswith("."):
        return DateLine(first, m["place"])
    return None


def parse_date(text: str) -> dt.date | None:
    found = parse_dateline(text)
    return found[0] if found else None


def parse_dateline(text: str) -> tuple[dt.date, str | None] | None:
    """A line that is a full date, optionally followed by ', <place>': (date, place or None)."""
    line = date_line(text)
    if not line or not line.found.year:
        return None
    date = line.found.date()
    if date is None:
        return None
    place = line.place
    if place is not None:  # as printed: no-break spaces inside names are squashed later
        m = re.search(r"\s+".join(map(re.escape, place.split())) + r"\s*$", text)
        place = m.group(0).strip() if m else place
    return date, place


#: An agency dateline opening a news report: 'MOSCOW, October 6. /TASS/.', 'MINSK, 7 April
#: (BelTA) -', 'Astana. July 4. KazTAG -', 'DUSHANBE, Tajikistan, October 9.',
#: 'TASHKENT (UrduPoint News / Sputnik - 06th December, 2022)'.
_PLACE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁ][\w'’-]*\.?(?:[ -][A-ZА-ЯЁ][\w'’-]*\.?){0,3})"
    r"(?:,\s*[A-ZА-ЯЁ][\w-]+(?:\s[A-ZА-ЯЁ][\w-]+)?)?"
    r"\s*(?:[,.]|\((?P<agency>[^()]{2,40}?)\s*[-–—])\s*$"
)
_AFTER = re.compile(
    r"^\s*(?:\.?\s*/[^/]{2,30}/\.?|\s*\([^()]{2,30}\)\s*[-–—]+|\.?\s*[A-Za-zА-Яа-я]{2,15}\.?\s*[-–—]+"
    r"|\)?\s*[-–—]+|\)|\.)"
)


@dataclass(frozen=True)
class Dateline:
    found: Found
    place: str
    end: int


def dateline_prefix(text: str) -> Dateline | None:
    """The dateline at the start of a paragraph, or None."""
    head = text[:120]
    hits = find_dates(head)
    if not hits or hits[0].start > 70:
        return None
    found = hits[0]
    place = _PLACE.match(head[: found.start])
    after = _AFTER.match(head[found.end :])
    if not place or not after or (place["agency"] and after.group(0).strip() != ")"):
        return None
    return Dateline(found, place["place"].strip(), found.end + after.end())


def parse_time(text: str) -> str | None:
    """'11:45' → '11:45'; '9:05' → '09:05'; anything else → None."""
    m = TIME_RE.match(text.strip())
    return f"{int(m['h']):02d}:{m['m']}" if m else None


def find_time(text: str) -> str | None:
    """The last HH:MM in a line such as 'Publication date: November 9, 2023, 11:45'."""
    times = re.findall(r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b", text)
    return parse_time(times[-1]) if times else None


#: The date a page store glues to a page's first line (' date 2024-05-24 01:10 Title…').
STAMP = re.compile(r"^\s*date (?P<date>\d{4}-\d{2}-\d{2})(?: (?P<time>\d{2}:\d{2}))?(?=\s|$)\s*")


def stamp(text: str) -> tuple[dt.date, str] | None:
    """(date, the rest of the line) for a line that starts with a crawl stamp."""
    m = STAMP.match(text)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m["date"]), text[m.end() :]
    except ValueError:
        return None
