"""Series of recurring events (data/series.yml) and which events belong to which edition.

Membership is computed at render time from titles, leads and paragraphs (Event objects are not
changed). An event is an edition's *own* event when its title names the series, or a lead
sentence names it together with an own cue ('took part in the plenary session of ...'); any
other event whose text names the series is *related* (talks that say 'we have just taken part in
the 21st forum'). The edition is the number written before the name — '21st', 'twenty-first',
'XXI' — else the edition held in the event's year.

    >>> s = load_series()[0]
    >>> [(m.number, m.text) for m in find_names(s, "the XX Forum of Kazakhstan-Russia Interregional Cooperation")]
    [(20, 'XX Forum of Kazakhstan-Russia Interregional Cooperation')]
    >>> ordinal_value("twenty-first"), ordinal_value("19th"), ordinal_value("XXI"), ordinal_value("did")
    (21, 19, 21, None)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from build_site.config import DATA_DIR
from build_site.model import Event, Issue
from build_site.read import yamlfile
from build_site.read.vocab_reader import Checker, VocabularyError
from build_site.read.yamlfile import LineMap, LineSeq

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORDS = {w: n for n, w in enumerate(_UNITS + _TEENS, 1)}
for _t, _tens in enumerate(_TENS, 2):
    WORDS[_tens[:-1] + "ieth"] = _t * 10
    for _u, _unit in enumerate(_UNITS, 1):
        WORDS[f"{_tens}-{_unit}"] = _t * 10 + _u
_WORD_RE = "|".join(sorted((w.replace("-", r"[-–\s]") for w in WORDS), key=len, reverse=True))
#: An edition number: '21st', a word ordinal, or upper-case Roman numerals (never 'did', 'mix').
ORDINAL = rf"\b(?P<num>\d{{1,3}}(?:st|nd|rd|th)|(?-i:[IVXLC]{{2,}}|[VXLC])|{_WORD_RE})"
_ROMAN = re.compile(r"^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
KEYS = {"id", "name", "description", "names", "own_cues", "editions"}
EDITION_KEYS = {"number", "year", "place", "theme", "dates"}


def ordinal_value(token: str) -> int | None:
    """The number an ordinal stands for, or None."""
    token = token.strip()
    if m := re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", token, re.I):
        return int(m[1])
    if token.isupper() and _ROMAN.match(token):
        total = 0
        for a, b in zip(token, token[1:] + " "):
            v = _ROMAN_VALUES[a]
            total += -v if b != " " and _ROMAN_VALUES[b] > v else v
        return total or None
    return WORDS.get(re.sub(r"[-–\s]+", "-", token.lower()))


def ordinal(n: int) -> str:
    """21 → '21st'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Edition:
    number: int
    year: int
    place: str | None = None
    """Place id of the host city."""
    theme: str | None = None
    dates: str | None = None


@dataclass(frozen=True)
class Series:
    id: str
    name: str
    description: str
    names: tuple[re.Pattern, ...]
    """Each matches the series' name with an optional edition number before it (group 'num')."""
    own_cues: tuple[re.Pattern, ...]
    editions: tuple[Edition, ...]
    quick: re.Pattern = re.compile(r"(?!)")
    """The names without the edition number: a cheap first test (the ordinal prefix is costly)."""

    def edition(self, number: int | None, year: int | None) -> Edition | None:
        """The edition with this number, else (no number written) the one held in `year`."""
        for e in self.editions:
            if (e.number == number) if number is not None else (e.year == year):
                return e
        return None


@dataclass(frozen=True)
class NameMatch:
    text: str
    number: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Member:
    event: Event
    series: str
    edition: int | None
    """Edition number; None when the event names the series but no edition can be told."""
    own: bool
    anchor: str | None
    """Paragraph where the series is named (None: in the title)."""
    quote: str


def load_series(
    path: Path | str | None = None, issues: list[Issue] | None = None
) -> tuple[Series, ...]:
    """The series of data/series.yml (or `path`). Every problem is an Issue
    ``series.yml:LINE: error: ...`` and its entry is skipped; with an ``issues`` list they are
    appended to it, without one a :class:`VocabularyError` (a ValueError) lists them all."""
    path = Path(path) if path else DATA_DIR / "series.yml"
    collect = issues is not None
    issues = issues if issues is not None else []
    start = len(issues)
    chk = Checker(str(path), issues)
    doc = yamlfile.read(path, issues, missing="series file not found")
    if doc is not None and not isinstance(doc, LineSeq):
        chk.error(1, "expected a list of series")
        doc = None
    out = [
        s
        for entry, line in zip(doc or [], getattr(doc, "item_lines", []))
        if (s := _series(entry, line, chk))
    ]
    if not collect and len(issues) > start:
        raise VocabularyError(issues[start:])
    return tuple(out)


def _regexes(chk: Checker, entry: LineMap, key: str, label: str) -> list[tuple[str, int]]:
    """(pattern, line) of the list under `key`; one that does not compile is an error at its line."""
    out = []
    for pattern, line in chk.strings(entry, key, label):
        try:
            re.compile(pattern)
        except re.error as exc:
            chk.error(line, f"{label}: bad regular expression {pattern!r}: {exc}")
        else:
            out.append((pattern, line))
    return out


def _series(entry: Any, line: int, chk: Checker) -> Series | None:
    """One entry of series.yml, or None (with an error at its line) when it is unusable."""
    if not isinstance(entry, LineMap) or not {"id", "name", "names"} <= set(entry):
        chk.error(
            line, f"a series needs id, name and names; allowed keys: {', '.join(sorted(KEYS))}"
        )
        return None
    label = f"series {entry['id']!r}"
    errors = len(chk.issues)
    if unknown := set(entry) - KEYS:
        key = sorted(unknown, key=str)[0]
        chk.error(
            entry.line_of(key),
            f"{label}: unknown key {key!r}; allowed keys: {', '.join(sorted(KEYS))}",
        )
    chk.string(entry, "id", label)
    chk.string(entry, "name", label)
    patterns = [p for p, _ in _regexes(chk, entry, "names", label)]
    cue_patterns = [p for p, _ in _regexes(chk, entry, "own_cues", label)]
    editions = []
    for ed, ed_line in chk.items(entry, "editions", label):
        if (
            not isinstance(ed, LineMap)
            or not {"number", "year"} <= set(ed)
            or set(ed) - EDITION_KEYS
            or not all(
                isinstance(ed[k], int) and not isinstance(ed[k], bool) for k in ("number", "year")
            )
        ):
            chk.error(
                ed_line,
                f"{label}: an edition needs a whole number and year; allowed keys: "
                f"{', '.join(sorted(EDITION_KEYS))}",
            )
            continue
        editions.append(
            Edition(
                ed["number"],
                ed["year"],
                ed.get("place"),
                ed.get("theme"),
                str(ed["dates"]) if ed.get("dates") else None,
            )
        )
    try:  # a name that compiles alone may still clash with the edition group (?P<num>)
        names = tuple(re.compile(rf"(?:{ORDINAL}\s+)?(?:{p})\b", re.I) for p in patterns)
        cues = tuple(re.compile(p, re.I) for p in cue_patterns)
        quick = re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    except re.error as exc:
        chk.error(entry.line_of("names"), f"{label}: bad regular expression: {exc}")
    if not patterns and len(chk.issues) == errors:
        chk.error(entry.line_of("names"), f"{label}: 'names' needs at least one pattern")
    if len(chk.issues) > errors:
        return None
    return Series(
        entry["id"],
        entry["name"],
        " ".join(str(entry.get("description", "")).split()),
        names,
        cues,
        tuple(sorted(editions, key=lambda e: e.number)),
        quick,
    )


def find_names(series: Series, text: str) -> list[NameMatch]:
    """Every place `text` names the series, leftmost first, with the edition number if written."""
    found: list[NameMatch] = []
    if not series.quick.search(text):
        return found
    for pattern in series.names:
        for m in pattern.finditer(text):
            found.append(
                NameMatch(m[0], ordinal_value(m["num"]) if m["num"] else None, m.start(), m.end())
            )
    found.sort(key=lambda x: (x.start, -x.end))
    out: list[NameMatch] = []
    for x in found:  # overlapping matches of two patterns: keep the leftmost-longest
        if not out or x.start >= out[-1].end:
            out.append(x)
    return out


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def _lead(event: Event):
    """The lead paragraphs, or for a text without one (news reports) its first paragraph."""
    return event.lead or tuple(p for p in event.paragraphs if p.kind == "text")[:1]


def _mentions(event: Event, series: Series) -> bool:
    """Whether the series' cheap pattern finds anything in the event at all: one search over its
    title and text instead of one per paragraph (most events never name a series)."""
    text = "\n".join([event.title, *(p.text for p in event.paragraphs)])
    return series.quick.search(text) is not None


def classify(event: Event, series: Series) -> list[Member]:
    """How `event` relates to `series`: at most one own membership, then related editions."""
    if not _mentions(event, series):
        return []
    own: Member | None = None
    title = find_names(series, event.title)
    if title:
        number = next((x.number for x in title if x.number), None)
        lead_numbers = [
            x.number for p in _lead(event) for x in find_names(series, p.text) if x.number
        ]
        number = number or (lead_numbers[0] if lead_numbers else None)
        ed = series.edition(number, event.year)
        own = Member(event, series.id, ed.number if ed else number, True, None, title[0].text)
    else:
        for p in _lead(event):
            for sentence in _sentences(p.text):
                hits = find_names(series, sentence)
                if hits and any(c.search(sentence) for c in series.own_cues):
                    number = next((x.number for x in hits if x.number), None)
                    ed = series.edition(number, event.year)
                    own = Member(
                        event, series.id, ed.number if ed else number, True, p.anchor, hits[0].text
                    )
                    break
            if own:
                break
    related: dict[int | None, Member] = {}
    for p in event.paragraphs:
        for x in find_names(series, p.text):
            ed = series.edition(x.number, event.year)
            number = ed.number if ed else x.number
            if own and (number == own.edition or number is None):
                continue  # the event's own edition, or an unnumbered mention in it
            seen = related.get(number)
            if seen is None or (
                x.number and not find_names(series, seen.quote)[0].number
            ):  # prefer a numbered quote
                related[number] = Member(event, series.id, number, False, p.anchor, x.text)
    # An edition the event merely mentions stays unnumbered only if no numbered mention exists.
    if len(related) > 1:
        related.pop(None, None)
    return ([own] if own else []) + list(related.values())


def classify_memo(
    event: Event, series: Series, memo: dict | None = None, key: str | None = None
) -> list[Member]:
    """classify(), remembered in `memo` under the event's content `key` (a seed's content and
    the vocabularies decide the result, so a key from them is enough)."""
    if memo is None or key is None:
        return [Member(event, series.id, *f) for f in _classified(series, event)]
    found = memo.get((key, series.id))
    if found is None:
        found = memo[(key, series.id)] = _classified(series, event)
    return [Member(event, series.id, *f) for f in found]


#: classify's results by series and digest of the event's words (see _classified)
_CLASSIFIED: dict[tuple[Series, bytes], tuple[tuple, ...]] = {}
_CLASSIFIED_MAX = 1 << 14


def _classified(series: Series, event: Event) -> tuple[tuple, ...]:
    """classify() as (edition, own, anchor, quote), remembered by a digest of what it reads of the
    event (title, year, the kind, anchor and text of each paragraph): a build classifies each
    event twice (to assign series, then to list their members) under memo keys that differ.
    A digest, not the words or the event, so that no old event is kept alive."""
    paragraphs = [(p.kind, p.anchor, p.text) for p in event.paragraphs]
    words = repr((event.title, event.year, len(event.lead), paragraphs)).encode()
    key = (series, hashlib.blake2b(words, digest_size=16).digest())
    found = _CLASSIFIED.get(key)
    if found is None:
        if len(_CLASSIFIED) >= _CLASSIFIED_MAX:
            _CLASSIFIED.clear()
        found = tuple((m.edition, m.own, m.anchor, m.quote) for m in classify(event, series))
        _CLASSIFIED[key] = found
    return found


def assign_series(
    events: list[Event],
    all_series: tuple[Series, ...] | None = None,
    memo: dict | None = None,
    keys: dict[str, str] | None = None,
) -> list[Event]:
    """Events with `series`, `edition` and `theme` set where they are an edition's own event.
    With `memo` and `keys` (event id → content key) classifications are remembered."""
    all_series = load_series() if all_series is None else all_series
    out = []
    for event in events:
        key = keys.get(event.id) if keys else None
        for s in all_series:
            own = next((m for m in classify_memo(event, s, memo, key) if m.own), None)
            if own:
                edition = s.edition(own.edition, event.year)
                event = replace(
                    event,
                    series=s.id,
                    edition=own.edition,
                    theme=edition.theme if edition else None,
                )
                break
        out.append(event)
    return out


def members(
    events: list[Event], series: Series, memo: dict | None = None, keys: dict | None = None
) -> list[Member]:
    """Every membership of every event, in the order of `events`."""
    keys = keys or {}
    return [m for e in events for m in classify_memo(e, series, memo, keys.get(e.id))]
