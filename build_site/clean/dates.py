"""Dates and times as the sources print them (English and Russian).

>>> parse_dateline("November 12, 2025, The Kremlin, Moscow")
(datetime.date(2025, 11, 12), 'The Kremlin, Moscow')
>>> parse_dateline("9 ноября 2023 года")
(datetime.date(2023, 11, 9), None)
>>> parse_dateline("Thank you.") is None
True
"""

from __future__ import annotations

import datetime as dt
import re

from build_site.months import MONTHS

_MONTH = r"(?P<month>[A-Za-zА-Яа-яЁё]+)\.?"
_DATE_RES = [
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})(?:,\s*(?P<rest>.+))?$"),
    re.compile(
        rf"^(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})(?:\s*(?:года|г\.))?(?:,\s*(?P<rest>.+))?$"
    ),
    re.compile(r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?:,\s*(?P<rest>.+))?$"),
]
TIME_RE = re.compile(r"^(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)$")


def parse_date(text: str) -> dt.date | None:
    found = parse_dateline(text)
    return found[0] if found else None


def parse_dateline(text: str) -> tuple[dt.date, str | None] | None:
    """A line that is a date, optionally followed by ', <place>': (date, place or None)."""
    text = text.strip()
    if len(text) > 120:
        return None
    for pattern in _DATE_RES:
        m = pattern.match(text)
        if not m:
            continue
        if "mon" in m.groupdict():
            month = int(m["mon"])
        else:
            month = MONTHS.get(m["month"].lower(), 0)
            if not month:
                continue
        try:
            date = dt.date(int(m["year"]), month, int(m["day"]))
        except ValueError:
            return None
        rest = m["rest"]
        if rest is not None:
            rest = rest.strip()
            # a time after the date ("November 9, 2023, 11:45") is not a place
            if TIME_RE.match(rest) or len(rest.split()) > 8 or rest.endswith("."):
                return (date, None) if TIME_RE.match(rest) else None
        return date, rest or None
    return None


def parse_time(text: str) -> str | None:
    """'11:45' → '11:45'; '9:05' → '09:05'; anything else → None."""
    m = TIME_RE.match(text.strip())
    return f"{int(m['h']):02d}:{m['m']}" if m else None


def find_time(text: str) -> str | None:
    """The last HH:MM in a line such as 'Publication date: November 9, 2023, 11:45'."""
    times = re.findall(r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b", text)
    return parse_time(times[-1]) if times else None
