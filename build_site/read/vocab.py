"""Vocabularies: persons, places, topics and organisations, loaded and validated from YAML.

The four files live in ``build_site/data/``: ``persons.yml``, ``places.yml``, ``topics.yml`` and
``organisations.yml``. Each is a list of entries; every entry needs an ``id`` (a slug) and a
``name``. The keys each kind accepts are listed in ``ALLOWED_KEYS`` (and at the top of each file);
anything else is an error, as are duplicate ids, duplicate keys and an alias shared by two entries.
Every error is an Issue ``places.yml:42: error: ...`` (file and line of the offending entry or
key): the build collects them and goes on with the usable entries; a library call without an
issues list gets them all at once as one :class:`VocabularyError`.

Persons, places and organisations are matched by their ``name`` and aliases; topics by their
keywords only (see :mod:`build_site.read.terms`). Places get their coordinates from the gazetteer
(see :mod:`build_site.read.gazetteer`). This module re-exports the names other modules use.

Example:
    >>> v = load_vocabulary()
    >>> v.places["uralsk"].country, round(v.places["uralsk"].lat)
    ('KZ', 51)
    >>> "Russian Federation" in v.places["russia"].aliases
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_site.config import DATA_DIR
from build_site.model import Issue, Organisation, Person, Place, Topic
from build_site.read.folding import Folded, fold, term_key
from build_site.read.gazetteer import PLACE_KINDS, build_places
from build_site.read.terms import Entry, Term, check_terms, parse_aliases
from build_site.read.vocab_reader import (
    SLUG,
    Checker,
    LineMap,
    VocabularyError,
    description,
    read_entries,
)

__all__ = [
    "ALLOWED_KEYS",
    "DATA_DIR",
    "ENTITY_KINDS",
    "FILES",
    "KINDS",
    "PLACE_KINDS",
    "SLUG",
    "Folded",
    "Term",
    "Vocabulary",
    "VocabularyError",
    "fold",
    "load_vocabulary",
    "term_key",
]


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

_COMMON = {"id", "name", "aliases", "description"}
ALLOWED_KEYS = {
    "person": _COMMON | {"key", "roles", "misspellings"},
    "place": _COMMON | {"kind", "geonameid", "country", "lat", "lon", "within", "misspellings"},
    "topic": _COMMON | {"related"},
    "organisation": _COMMON | {"misspellings"},
}


@dataclass(frozen=True)
class Vocabulary:
    persons: dict[str, Person]
    places: dict[str, Place]
    topics: dict[str, Topic]
    organisations: dict[str, Organisation]
    terms: tuple[Term, ...] = ()
    """Every matchable term with its options; empty when built by hand (then derived)."""

    def of_kind(self, kind: str) -> dict[str, Any]:
        tables: dict[str, dict[str, Any]] = {
            "person": self.persons,
            "place": self.places,
            "topic": self.topics,
            "organisation": self.organisations,
        }
        return tables[kind]

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
                    out.append(
                        Term(kind, entry.id, alias.rstrip("*") if prefix else alias, prefix=prefix)
                    )
                for typo in getattr(entry, "misspellings", ()):
                    out.append(Term(kind, entry.id, typo, misspelling=True))
        return tuple(out)


def _parse_entry(kind: str, raw: Any, line: int, chk: Checker) -> Entry | None:
    """The common keys (id, name, aliases, misspellings) of one entry; None when unusable."""
    if not isinstance(raw, dict):
        chk.error(line, f"a {kind} entry must be a mapping (id: ..., name: ...), not {raw!r}")
        return None
    entry: LineMap = raw  # type: ignore[assignment]
    id_ = entry.get("id")
    label = f"{kind} {id_!r}" if isinstance(id_, str) else f"{kind} entry"
    for key in entry:
        if key not in ALLOWED_KEYS[kind]:
            chk.error(
                chk.key_line(entry, key),
                f"{label}: unknown key {key!r} (allowed: {', '.join(sorted(ALLOWED_KEYS[kind]))})",
            )
    ok = True
    if "id" not in entry:
        chk.error(entry.line, f"{label}: missing 'id'")
        ok = False
    elif not isinstance(id_, str) or not SLUG.match(id_):
        chk.error(
            chk.key_line(entry, "id"),
            f"{label}: bad id {id_!r}: must be a slug like 'st-petersburg' ([a-z0-9] words joined by '-')",
        )
        ok = False
    name = chk.string(entry, "name", label, required=True)
    if name is None:
        ok = False
    if "description" in entry and not isinstance(entry["description"], str):
        chk.error(chk.key_line(entry, "description"), f"{label}: 'description' must be a string")
    if not ok or name is None or not isinstance(id_, str):
        return None
    terms: list[tuple[Term, int]] = []
    if kind != "topic":
        terms.append((Term(kind, id_, name), entry.line))
    for text, cs, tline in parse_aliases(chk, entry, label, allow_prefix=kind == "topic"):
        prefix = text.endswith("*")
        terms.append(
            (Term(kind, id_, text.rstrip("*").strip() if prefix else text, cs, prefix), tline)
        )
    for text, tline in chk.strings(entry, "misspellings", label):
        terms.append((Term(kind, id_, text, misspelling=True), tline))
    return Entry(kind, chk.file, entry.line, entry, id_, name, terms)


def _persons(entries: list[Entry], chk: Checker) -> dict[str, Person]:
    persons: dict[str, Person] = {}
    keys: dict[str, int] = {}
    for e in entries:
        d, label = e.data, f"person {e.id!r}"
        key = chk.string(d, "key", label) or ""
        if key:
            if not SLUG.match(key):
                chk.error(chk.key_line(d, "key"), f"{label}: bad key {key!r}: must be a slug")
            elif key in keys:
                chk.error(
                    chk.key_line(d, "key"), f"{label}: key {key!r} already used (line {keys[key]})"
                )
            keys.setdefault(key, e.line)
        persons[e.id] = Person(
            id=e.id,
            name=e.name,
            key=key,
            roles=tuple(r for r, _ in chk.strings(d, "roles", label)),
            aliases=e.aliases(),
            misspellings=tuple(t.text for t, _ in e.terms if t.misspelling),
            description=description(d),
        )
    return persons


def _topics(entries: list[Entry], chk: Checker) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    topic_ids = {e.id for e in entries}
    for e in entries:
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
            description=description(e.data),
            related=tuple(related),
        )
    return topics


def load_vocabulary(
    data_dir: Path | str | None = None, issues: list[Issue] | None = None
) -> Vocabulary:
    """Load and validate the four vocabulary files of ``data_dir`` (default: build_site/data).

    Every problem is an Issue ``file:line: error: message``. With an ``issues`` list they are
    appended to it and the vocabulary holds every usable entry (the build goes on); without
    one, :class:`VocabularyError` lists them all.
    """
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    collect = issues is not None
    issues = issues if issues is not None else []
    entries: dict[str, list[Entry]] = {k: [] for k in KINDS}
    checkers: dict[str, Checker] = {}
    for kind in KINDS:
        path = base / FILES[kind]
        chk = checkers[kind] = Checker(str(path), issues)
        seen: dict[str, int] = {}
        for item, line in read_entries(path, issues):
            e = _parse_entry(kind, item, line, chk)
            if e is None:
                continue
            if e.id in seen:
                chk.error(e.line, f"duplicate {kind} id {e.id!r} (first at line {seen[e.id]})")
                continue
            seen[e.id] = e.line
            entries[kind].append(e)

    persons = _persons(entries["person"], checkers["person"])
    places = build_places(entries["place"], checkers["place"])
    topics = _topics(entries["topic"], checkers["topic"])
    organisations = {
        e.id: Organisation(
            id=e.id, name=e.name, aliases=e.aliases(), description=description(e.data)
        )
        for e in entries["organisation"]
    }
    terms = check_terms(entries, checkers)  # after build_places: country names are terms too
    if issues and not collect:
        raise VocabularyError(issues)
    return Vocabulary(persons, places, topics, organisations, terms)
