"""Find vocabulary terms (persons, places, organisations, topic keywords) in paragraph text.

One Aho–Corasick automaton holds every term of every kind; :meth:`Matcher.find` makes one pass
over a paragraph and returns :class:`~build_site.model.Mention` objects with
``text[start:end] == term`` (offsets into the text as given).

Rules:

* Case-insensitive, except aliases marked ``case_sensitive: true`` ("UN", "SCO", "CIS", "Oral").
* Whole words only: "Ufa" is not found in "manufacturing", "Oral" not in "moral". A change from
  lower to upper case also counts as a word boundary, for glued words ("theConference on ...",
  "MoscowASTANA"). Possessives match the base word: "Kazakhstan's" and "Kazakhstan’s".
* Dashes, apostrophes and spaces are normalised on both sides: "North–South", "North – South"
  and "North-South" are the same; "Xi’an" = "Xi'an"; runs of spaces, line breaks and non-breaking
  spaces are one space; soft hyphens and zero-width characters are ignored. Hyphenated compounds
  are split: "Russia-Kazakhstan" yields Russia and Kazakhstan.
* Adjectives and demonyms ("Russian", "Kazakh", "Kazakhstani") are not in the vocabularies, so
  they are never place mentions; "Russia", "Russian Federation", "Republic of Kazakhstan" are.
* Overlaps are resolved leftmost-longest within a layer: persons, places and organisations form
  one layer ("Al-Farabi Kazakh National University" beats "Kazakh National University";
  "Dostoevsky Omsk State University" beats "Dostoevsky" and "Omsk"; "St Petersburg Tractor
  Company" beats "St Petersburg"), and each topic is its own layer. So entity mentions never
  overlap each other, keyword mentions of one topic never overlap each other, but a keyword may
  overlap an entity ("Rosatom" is both an organisation and a nuclear-energy keyword) or another
  topic's keyword ("nuclear power plant" gives nuclear-energy, "power plant" gives energy).
* Topic keywords ending in '*' accept any word ending; the mention's term is then the whole word.
* Coordinated region names: in "the Orenburg and Samara regions", "Samara regions" matches the
  Samara Region (a plural form of every "... Region" alias is added) and "Orenburg" is taken as
  the Orenburg Region (not the city), when "Orenburg Region" is a known alias.

Build a Matcher once per build (``load_matcher()`` caches one per data directory) and call
``find`` per paragraph.

Example:
    >>> m = load_matcher()
    >>> [(x.kind, x.id, x.term) for x in m.find("Kazakhstan’s trade with the Russian Federation") if x.kind != "topic"]
    [('place', 'kazakhstan', 'Kazakhstan'), ('place', 'russia', 'Russian Federation')]
    >>> topics_for(m.find("Kazakhstan’s trade with the Russian Federation"))
    {'trade-and-investment': ('trade',)}
"""

from __future__ import annotations

import functools
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from build_site.config import PACKAGE_DIR
from build_site.model import Mention
from build_site.read.vocab import (
    ENTITY_KINDS,
    Folded,
    Term,
    Vocabulary,
    fold,
    load_vocabulary,
    term_key,
)

_REGION_SUFFIXES = (" region", " oblast")


def _isword(c: str) -> bool:
    return c.isalnum() or c == "_"


@dataclass(frozen=True)
class _Candidate:
    kind: str
    id: str
    layer: str
    cased: str
    """Normalised term with its case, compared for case-sensitive terms."""
    case_sensitive: bool
    prefix: bool
    misspelling: bool


class Matcher:
    """All vocabulary terms in one Aho–Corasick automaton."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        table: dict[str, list[_Candidate]] = {}
        self._misspellings: set[tuple[str, str, str]] = set()
        self._regions: dict[str, str] = {}
        """Folded stem ('orenburg') → id of the region place whose alias is 'Orenburg Region'."""

        def add(key: str, cand: _Candidate) -> None:
            bucket = table.setdefault(key, [])
            if cand not in bucket:
                bucket.append(cand)

        for t in vocabulary.all_terms():
            f = fold(t.text.strip())
            if not f.folded:
                continue
            layer = f"topic:{t.id}" if t.kind == "topic" else "entity"
            cand = _Candidate(
                t.kind, t.id, layer, f.cased, t.case_sensitive, t.prefix, t.misspelling
            )
            add(f.folded, cand)
            if t.misspelling:
                self._misspellings.add((t.kind, t.id, f.folded))
            place = vocabulary.places.get(t.id) if t.kind == "place" else None
            if place is not None and place.kind == "region" and not t.case_sensitive:
                for suffix in _REGION_SUFFIXES:
                    if f.folded.endswith(suffix) and len(f.folded) > len(suffix):
                        self._regions.setdefault(f.folded[: -len(suffix)], t.id)
                        add(f.folded + "s", cand)  # "Samara regions", "Samara oblasts"
        #: entries with a misspelling: the only ones whose mentions are worth folding to check
        self._misspelt = {(kind, id) for kind, id, _ in self._misspellings}
        self._automaton = ahocorasick.Automaton()
        for key, cands in table.items():
            self._automaton.add_word(key, (len(key), tuple(cands)))
        self._automaton.make_automaton()
        self.size = len(table)
        """Number of distinct keys in the automaton."""

    # --- matching ------------------------------------------------------------------------------

    def find(self, text: str, kinds: Iterable[str] | None = None) -> list[Mention]:
        """Mentions in ``text``, sorted by position (then kind, id); optionally only some kinds."""
        if not text:
            return []
        f = fold(text)
        cased, folded = f.cased, f.folded
        n = len(folded)

        def camel(i: int) -> bool:  # boundary between i-1 and i: lower followed by upper case
            return cased[i - 1].islower() and cased[i].isupper()

        layers: dict[str, list[tuple[int, int, _Candidate]]] = {}
        for last, (length, cands) in self._automaton.iter(folded):
            end = last + 1
            start = end - length
            if (
                start > 0
                and _isword(folded[start])
                and _isword(folded[start - 1])
                and not camel(start)
            ):
                continue
            closed = (
                end == n or not _isword(folded[end - 1]) or not _isword(folded[end]) or camel(end)
            )
            for c in cands:
                if c.case_sensitive and cased[start:end] != c.cased:
                    continue
                e = end
                if c.prefix:
                    while e < n and _isword(folded[e]) and not camel(e):
                        e += 1
                elif not closed:
                    continue
                layers.setdefault(c.layer, []).append((start, e, c))

        chosen: list[tuple[int, int, _Candidate]] = []
        for layer, hits in layers.items():
            picked = _leftmost_longest(hits)
            if layer == "entity":
                picked = self._coordinated_regions(cased, picked)
            chosen.extend(picked)

        wanted = set(kinds) if kinds is not None else None
        out = []
        for s, e, c in chosen:
            if wanted is not None and c.kind not in wanted:
                continue
            start, end = f.span(s, e)
            # interned: the same few thousand terms recur in every paragraph (one string each,
            # not one per mention, in memory and in the seed cache's pickles)
            term = sys.intern(text[start:end])
            out.append(Mention(kind=c.kind, id=c.id, term=term, start=start, end=end))
        out.sort(key=lambda m: (m.start, m.end, m.kind, m.id))
        return out

    def entities(self, text: str) -> list[Mention]:
        """Person, place and organisation mentions only (never overlapping)."""
        return self.find(text, ENTITY_KINDS)

    _COORDINATION = re.compile(
        r"\b([A-Z][\w'-]*(?:, (?:the )?[A-Z][\w'-]*)*),? (?:and|&) (?:the )?[A-Z][\w'-]* (?:[Rr]egions|[Oo]blasts)\b"
    )

    def _coordinated_regions(
        self, cased: str, picked: list[tuple[int, int, _Candidate]]
    ) -> list[tuple[int, int, _Candidate]]:
        """'the Orenburg and Samara regions': read 'Orenburg' as the Orenburg Region."""
        if not self._regions or ("egions" not in cased and "blasts" not in cased):
            return picked
        for m in self._COORDINATION.finditer(cased):
            for w in re.finditer(r"[A-Z][\w'-]*", m.group(1)):
                s, e = m.start(1) + w.start(), m.start(1) + w.end()
                rid = self._regions.get(term_key(w.group()))
                if rid is None:
                    continue
                inside = [h for h in picked if h[0] < e and s < h[1]]
                if any(h[0] < s or h[1] > e for h in inside):
                    continue  # part of a longer name
                picked = [h for h in picked if h not in inside]
                cand = _Candidate("place", rid, "entity", cased[s:e], False, False, False)
                picked.append((s, e, cand))
        return picked

    # --- misspellings -----------------------------------------------------------------------------

    def is_misspelling(self, mention: Mention) -> bool:
        """True when the mention matched a misspelling ('Vladimir Putting', 'Bakhry')."""
        return (mention.kind, mention.id) in self._misspelt and (
            mention.kind,
            mention.id,
            term_key(mention.term),
        ) in self._misspellings

    def sic(self, mentions: Iterable[Mention]) -> tuple[str, ...]:
        """Misspelt terms among ``mentions``, as printed, once each (for ``Paragraph.sic``)."""
        seen: dict[str, None] = {}
        for m in mentions:
            if self.is_misspelling(m):
                seen.setdefault(m.term)
        return tuple(seen)


def _leftmost_longest(hits: list[tuple[int, int, _Candidate]]) -> list[tuple[int, int, _Candidate]]:
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2].kind, h[2].id))
    out = []
    last_end = -1
    for h in hits:
        if h[0] >= last_end:
            out.append(h)
            last_end = h[1]
    return out


def topics_for(mentions: Iterable[Mention]) -> dict[str, tuple[str, ...]]:
    """Topic id → the keywords that matched (as printed, once each case-insensitively), in order."""
    out: dict[str, dict[str, str]] = {}
    for m in mentions:
        if m.kind == "topic":
            out.setdefault(m.id, {}).setdefault(term_key(m.term), m.term)
    return {tid: tuple(terms.values()) for tid, terms in out.items()}


@functools.lru_cache(maxsize=8)
def _cached_matcher(data_dir: str | None) -> Matcher:
    return Matcher(load_vocabulary(Path(data_dir) if data_dir else None))


def load_matcher(data_dir: Path | str | None = None) -> Matcher:
    """A Matcher over the vocabularies of ``data_dir``, built once per directory and cached."""
    return _cached_matcher(str(Path(data_dir).resolve()) if data_dir is not None else None)


def benchmark_matcher(
    texts: Iterable[str] | None = None, repeat: int = 3, matcher: Matcher | None = None
) -> dict[str, float]:
    """Time building a Matcher and matching ``texts`` (default: the seed transcripts).

    Returns seconds to build, best seconds for one pass over all texts, characters per second and
    mentions found per pass.
    """
    t0 = time.perf_counter()
    m = matcher or Matcher(load_vocabulary())
    build = time.perf_counter() - t0
    if texts is None:
        seeds = PACKAGE_DIR.parent / "seeds"
        texts = [
            p
            for f in sorted(seeds.glob("*.txt"))
            for p in f.read_text(encoding="utf-8").split("\n")
        ]
    texts = list(texts)
    chars = sum(len(t) for t in texts)
    best, found = float("inf"), 0
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        found = sum(len(m.find(t)) for t in texts)
        best = min(best, time.perf_counter() - t0)
    return {
        "build_s": build,
        "find_s": best,
        "chars_per_s": chars / best if best else float("inf"),
        "mentions": float(found),
    }


__all__ = ["Matcher", "Term", "Folded", "topics_for", "load_matcher", "benchmark_matcher"]
