"""The period a figure is about, read from the words around it.

Period strings (what an indicator page groups and sorts statements by):

- ``'2024'`` a calendar year; ``'2020/2022'`` a span of years; ``'2023-09'`` a month;
  ``'2025-01/2025-08'`` a span of months ("first eight months of this year", "January to August").
- ``'cumulative'`` a stock accumulated over all years ("total/accumulated/cumulative volume").
- ``'target'`` or ``'target:2030'`` a goal, plan or forecast ("increase this figure to US$30 billion",
  "By 2030, Kazakhstan plans to...", "will be employed"); the year is the one named in the clause.
- A figure with no cue at all is a present state "as of" the event: the event's year ``'2025'``
  (so indicator pages compare stocks like "Over 17,000 enterprises operate" year by year).
  Without ``event_date`` relative cues ("last year") and that default resolve to None.

"over the past N years" is the N complete years before the event's year: at 2023-11-09
"over the past three years" → ``'2020/2022'``; "past N months" likewise ends with the month
before the event's. "than last year" / "compared with 2022" name a comparison base, not a period.

    >>> import datetime as dt
    >>> t = "Last year, trade reached US$28.7 billion."
    >>> period_of(t, t.index("US$"), t.index(" billion") + 8, dt.date(2025, 11, 12))
    '2024'
    >>> t = "In the first eight months of this year, trade amounted to $17 billion."
    >>> period_of(t, t.index("$"), len(t) - 1, dt.date(2023, 11, 9))
    '2023-01/2023-08'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from build_site.extract.clauses import clause_at, sentence_at
from build_site.extract.numbers import _ATOM, words_value
from build_site.months import ENGLISH_MONTHS as MONTHS

MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
YEAR = r"(?:19|20)\d\d"
N = rf"(?:\d+|{_ATOM})"
OF_YEAR = rf"(?:\s+of\s+(?:(?:the\s+)?(?P<rel>this|current|last|previous)\s+year|the\s+year|(?P<y>{YEAR})))"
_F = re.IGNORECASE

BASE = re.compile(
    r"(?:than|compared\s+(?:to|with)|versus|vs\.?|against|relative\s+to|from|since|over)\s+(?:the\s+same\s+period\s+(?:of|in)\s+)?$",
    _F,
)
LOCAL_TARGET = re.compile(
    r"(?:\b(?:to|will|shall|must|plans?\s+to|aims?\s+to|goal\s+of|aim\s+of|objective\s+of|intends?\s+to|seeks?\s+to)"
    r"\s+(?:\w+\s+)?(?:increase|increasing|raise|raising|bring|bringing|boost|boosting|double|doubling|triple|expand"
    r"|expanding|grow|growing|reach|reaching|achieve|achieving)\b[^.;]{0,80}?\bto\s+"
    r"|\b(?:target|goal|objective)\s+(?:of\s+)?)$",
    _F,
)
TARGET_WORDS = re.compile(
    r"\b(?:goals?|targets?|aims?|objectives?|plans?\s+to|planned|planning\s+to|intends?\s+to|will|shall"
    r"|are\s+to|is\s+to|expected\s+to|expects?\s+to|forecasts?|projected|envisaged?|envisages|going\s+to)\b",
    _F,
)
CUMULATIVE = re.compile(
    r"\b(?:accumulated|cumulative|total\s+(?:volume|amount|stock)|stock\s+of)\b", _F
)
NOW = re.compile(
    r"\b(?:now|currently|today|at\s+present|presently|to\s+date|as\s+of\s+today)\b(?![’']s)", _F
)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str
    """'date' | 'target' (a 'by 2030' year or a goal word) | 'cumulative'."""
    value: str | None
    """For 'date': the period string (None when relative and no event date)."""


def _year_of(word: str | None, event: dt.date | None) -> int | None:
    word = (word or "this").lower()
    if re.fullmatch(YEAR, word):
        return int(word)
    if event is None:
        return None
    return event.year - 1 if word in {"last", "previous"} else event.year


def _num(s: str) -> int | None:
    v = float(s) if s.isdigit() else words_value(s)
    return int(v) if v else None


def _months(y: int | None, a: int, b: int) -> str | None:
    return None if y is None else f"{y}-{a:02d}/{y}-{b:02d}"


def _shift(d: dt.date, months: int) -> str:
    k = d.year * 12 + d.month - 1 + months
    return f"{k // 12}-{k % 12 + 1:02d}"


#: The period string of a cue's match, given the event date; False: the match is no cue.
MakeCue = Callable[[re.Match[str], dt.date | None], str | None | Literal[False]]
#: Period cues, most specific first (pattern, MakeCue or "target" for a 'by 2030' year), compiled
#: once: built per sentence, they cost more than the matching.
_RULES: list[tuple[re.Pattern[str], MakeCue | str]] = [
    (
        re.compile(
            rf"\b(?:from\s+)?({MONTH})\s*(?:to|through|till|until|–|—|-)\s*({MONTH})(?:,?\s+(?:of\s+)?({YEAR}))?",
            _F,
        ),
        lambda m, event: _months(
            _year_of(m[3], event),
            MONTHS[m[1].lower().rstrip(".")],
            MONTHS[m[2].lower().rstrip(".")],
        ),
    ),
    (
        re.compile(
            rf"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+({N})\s+(years|months)\b",
            _F,
        ),
        lambda m, event: (
            None
            if not (event and (n := _num(m[1])))
            else (
                f"{event.year - n}/{event.year - 1}"
                if m[2].lower() == "years"
                else f"{_shift(event, -n)}/{_shift(event, -1)}"
            )
        ),
    ),
    (
        re.compile(rf"\b(?:the\s+)?(?:(?P<first>first)\s+)?(?P<n>{N})\s+months(?:{OF_YEAR})?", _F),
        lambda m, event: (
            (m["first"] or m["rel"] or m["y"] or "of the year" in m.group().lower())
            and (n := _num(m["n"]))
            and n <= 12
            and _months(_year_of(m["rel"] or m["y"], event), 1, n)
            or False
        ),
    ),
    (
        re.compile(rf"\b(?P<h>first|second|1st|2nd)\s+half(?:-year)?(?:{OF_YEAR})?", _F),
        lambda m, event: _months(
            _year_of(m["rel"] or m["y"], event),
            *((1, 6) if m["h"].lower() in {"first", "1st"} else (7, 12)),
        ),
    ),
    (
        re.compile(rf"\b(?P<q>first|second|third|fourth)\s+quarter(?:{OF_YEAR})?", _F),
        lambda m, event: _months(
            _year_of(m["rel"] or m["y"], event),
            *(lambda q: (3 * q - 2, 3 * q))(
                ["first", "second", "third", "fourth"].index(m["q"].lower()) + 1
            ),
        ),
    ),
    (
        re.compile(rf"\b(?:by|until|till|through|up\s+to)\s+(?:the\s+end\s+of\s+)?({YEAR})\b", _F),
        "target",
    ),
    (re.compile(rf"\b({YEAR})\s*[–—/-]\s*({YEAR})\b", _F), lambda m, event: f"{m[1]}/{m[2]}"),
    (
        re.compile(rf"\b({MONTH})\s+(?:\d{{1,2}},?\s+)?({YEAR})\b", _F),
        lambda m, event: f"{m[2]}-{MONTHS[m[1].lower().rstrip('.')]:02d}",
    ),
    (
        re.compile(rf"(?<![\d,.$])\b({YEAR})\b(?!\s*(?:%|percent|billion|million|thousand))", _F),
        lambda m, event: m[1],
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(last|this|current|previous|next|past)\s+year\b(?![’']s\s+forum)", _F
        ),
        lambda m, event: (
            None
            if event is None
            else str(event.year + {"last": -1, "previous": -1, "next": 1}.get(m[1].lower(), 0))
        ),
    ),
]
_NEXT = re.compile(r"(?:the\s+)?next", _F)


def find_cues(text: str, event: dt.date | None) -> list[Cue]:
    """Every period cue in text, most specific first, not overlapping."""
    y = event.year if event else None
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for pattern, make in _RULES:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if BASE.search(text[max(0, m.start() - 40) : m.start()]):
                taken.append(m.span())
                continue
            taken.append(m.span())
            if make == "target":
                cues.append(Cue(m.start(), m.end(), "target", m[1]))
            else:
                value = make(m, event)  # type: ignore[operator]
                if value is False:
                    taken.pop()
                    continue
                kind = "target" if _NEXT.match(m.group()) else "date"
                cues.append(Cue(m.start(), m.end(), kind, value))
    for rx, kind in ((NOW, "now"), (CUMULATIVE, "cumulative"), (TARGET_WORDS, "target")):
        for m in rx.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                value = str(y) if kind == "now" and y else None
                cues.append(Cue(m.start(), m.end(), "date" if kind == "now" else kind, value))
    return sorted(cues, key=lambda c: c.start)


@lru_cache(maxsize=256)
def _cues(sentence: str, event: dt.date | None) -> tuple[Cue, ...]:
    """find_cues, once per sentence: a sentence with several figures is read once."""
    return tuple(find_cues(sentence, event))


def _nearest(cues: list[Cue], start: int, end: int) -> Cue | None:
    def distance(c: Cue) -> tuple[int, int]:
        return (start - c.end, 0) if c.end <= start else (c.start - end, 1)

    return min(cues, key=distance) if cues else None


def _target(cues: list[Cue], event: dt.date | None) -> str:
    years = [c.value for c in cues if c.kind == "target" and c.value]
    years += [re.findall(r"\d{4}", c.value)[-1] for c in cues if c.kind == "date" and c.value]
    return f"target:{years[0]}" if years else "target"


def period_of(text: str, start: int, end: int, event: dt.date | None = None) -> str | None:
    """Period of the figure text[start:end] (see the module docstring for the conventions)."""
    cs, ce = clause_at(text, start)
    ss, se = sentence_at(text, start)
    cues = [c for c in _cues(text[ss:se], event) if not (start - ss < c.end and c.start < end - ss)]
    cues = [Cue(c.start + ss, c.end + ss, c.kind, c.value) for c in cues]
    in_clause = [c for c in cues if cs <= c.start and c.end <= ce]
    if LOCAL_TARGET.search(text[cs:start]) or any(c.kind == "target" for c in in_clause):
        return _target(in_clause, event)
    if any(c.kind == "cumulative" for c in in_clause):
        return "cumulative"
    dated = [c for c in in_clause if c.kind == "date"]
    if dated:
        return _nearest(dated, start, end).value  # type: ignore[union-attr]
    before = [c for c in cues if c.kind in {"date", "cumulative"} and c.end <= start]
    pick = _nearest(before, start, end)
    if pick:
        return "cumulative" if pick.kind == "cumulative" else pick.value
    return str(event.year) if event else None
