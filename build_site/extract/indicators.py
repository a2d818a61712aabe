"""Indicators: the catalogue (data/indicators.yml) and the classifier that tells what a figure measures.

The classifier reads the words around a figure, never the number itself. It widens the context
step by step and stops at the first step where some indicator matches:

1. its clause up to the next figure ("Now 23 thousand Russian companies are working | ,
   4 thousand of which opened only last year");
2. its clause (build_site/clauses.py); 3. its sentence;
4. its sentence with the one before ("Indeed, trade turnover is growing. Last year, it reached $27 billion.").

An indicator matches when the figure's unit is among its ``units`` and every pattern matches
(a pattern starting with '!' must not). Among matches the one with most patterns (the most
specific) wins, then the one whose pattern matches lie nearest the figure.

    >>> inds = load_indicators()
    >>> text = "Russia’s trade with Kazakhstan increased by over 10 percent in 2022 and reached $28.2 billion."
    >>> [f.indicator for f in assign_indicators(text, find_figures(text), inds)]
    ['trade-growth', 'trade-turnover']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from build_site.config import DATA_DIR
from build_site.extract.clauses import clause_at, sentence_at, sentences
from build_site.extract.figures import find_figures
from build_site.extract.scope import parse_scope, part_at, scope_label, scope_short, scope_slug
from build_site.model import Figure, Indicator, Issue
from build_site.read import yamlfile
from build_site.read.vocab_reader import SLUG, Checker, VocabularyError, read_entries
from build_site.read.yamlfile import LineMap, LineSeq

DEFAULT_PATH = DATA_DIR / "indicators.yml"
_KEYS = {
    "id",
    "name",
    "unit",
    "description",
    "topic",
    "units",
    "patterns",
    "stock",
    "scope",
    "scopes",
    "part",
}


def load_indicators(
    path: Path | None = None,
    issues: list[Issue] | None = None,
    topics: Collection[str] | None = None,
) -> dict[str, Indicator]:
    """Read the catalogue. Every problem is an Issue ``indicators.yml:LINE: error: ...`` and
    its entry is skipped; with an ``issues`` list they are appended to it, without one a
    :class:`VocabularyError` (a ValueError) lists them all.

    topics: the topic ids an indicator may name (default: those of topics.yml beside the file,
    else of the package's topics.yml).
    """
    path = Path(path) if path else DEFAULT_PATH
    collect = issues is not None
    issues = issues if issues is not None else []
    if topics is None:
        topics = _topic_ids(path)
    start = len(issues)
    chk = Checker(str(path), issues)
    out: dict[str, Indicator] = {}
    seen: dict[str, int] = {}
    doc = yamlfile.read(path, issues, missing="indicator catalogue not found")
    if doc is not None and not isinstance(doc, LineSeq):
        chk.error(1, f"expected a list of indicators, got {type(doc).__name__}")
    for entry, line in zip(doc or [], getattr(doc, "item_lines", [])):
        found = _indicator(entry, line, chk, topics, seen)
        if not found:
            continue
        ind, others = found
        out[ind.id] = ind
        for scope in others:  # the same measure about other countries: pages of their own
            variant = scoped_variant(ind, scope)
            if variant.id in out or variant.id in seen:
                chk.error(
                    entry.line_of("scopes"),
                    f"indicator {ind.id!r}: scope {'-'.join(scope)} makes the id"
                    f" {variant.id!r}, already taken",
                )
                continue
            out[variant.id] = variant
            seen[variant.id] = entry.line
    if not collect and len(issues) > start:
        raise VocabularyError(issues[start:])
    return out


def _topic_ids(path: Path) -> frozenset[str]:
    beside = path.parent / "topics.yml"
    found: list[Issue] = []
    entries = read_entries(beside if beside.exists() else DATA_DIR / "topics.yml", found)
    return frozenset(e["id"] for e, _ in entries if isinstance(e, dict) and "id" in e)


def _indicator(
    entry: Any, line: int, chk: Checker, topics: Collection[str], seen: dict[str, int]
) -> tuple[Indicator, list[tuple[str, ...]]] | None:
    """One entry of the catalogue and the other scopes it allows, or None (with an error at its
    line) when it is unusable."""
    if not isinstance(entry, LineMap):
        chk.error(line, f"an indicator must be a mapping (id: ..., name: ...), not {entry!r}")
        return None
    label = f"indicator {entry.get('id')!r}" if isinstance(entry.get("id"), str) else "indicator"
    errors = len(chk.issues)
    if unknown := set(entry) - _KEYS:
        chk.error(
            entry.line_of(sorted(unknown, key=str)[0]),
            f"{label}: unknown keys {sorted(unknown, key=str)} (allowed: {', '.join(sorted(_KEYS))})",
        )
    for key in ("id", "name", "unit"):
        chk.string(entry, key, label, required=True)
    id_ = entry.get("id")
    if isinstance(id_, str) and id_.strip():
        if not SLUG.match(id_):
            chk.error(entry.line_of("id"), f"{label}: 'id' must be a lower-case slug")
        elif id_ in seen:
            chk.error(entry.line, f"{label}: duplicate id (first at line {seen[id_]})")
        else:
            seen[id_] = entry.line
    topic = entry.get("topic")
    if topic is not None and topic not in topics:
        chk.error(entry.line_of("topic"), f"{label}: unknown topic {topic!r} (not in topics.yml)")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("units", "patterns"):
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            chk.error(entry.line_of(key), f"{label}: '{key}' must be a list of non-empty strings")
            value = []
        lists[key] = tuple(value)
    if not lists["patterns"] or all(p.startswith("!") for p in lists["patterns"]):
        chk.error(entry.line_of("patterns"), f"{label}: needs at least one positive pattern")
    for k, p in enumerate(lists["patterns"]):
        try:
            _compile(p.removeprefix("!"))
        except re.error as e:
            where = yamlfile.line_of(entry["patterns"], k, entry.line_of("patterns"))
            chk.error(where, f"{label}: bad pattern {p!r}: {e}")
    home, others = _scopes(entry, chk, label)
    if len(chk.issues) > errors or home is None:
        return None
    return Indicator(
        id=entry["id"],
        name=entry["name"],
        unit=entry["unit"],
        description=(entry.get("description") or "").replace("{scope}", scope_label(home)),
        topic=topic,
        patterns=lists["patterns"],
        units=lists["units"] or (entry["unit"],),
        stock=bool(entry.get("stock", False)),
        scope=home,
        part=bool(entry.get("part", False)),
    ), others


def _scopes(
    entry: LineMap, chk: Checker, label: str
) -> tuple[tuple[str, ...] | None, list[tuple[str, ...]]]:
    """The entry's own scope (default Russia–Kazakhstan) and the other scopes it allows."""
    shape = "ISO codes joined by '-' like RU-BY, or a bloc like EAEU"
    home = parse_scope(entry.get("scope", "RU-KZ"))
    if home is None:
        chk.error(
            entry.line_of("scope"), f"{label}: unknown scope {entry.get('scope')!r} ({shape})"
        )
    raw = entry.get("scopes") or []
    if not isinstance(raw, list):
        chk.error(entry.line_of("scopes"), f"{label}: 'scopes' must be a list ({shape})")
        raw = []
    others: list[tuple[str, ...]] = []
    for k, item in enumerate(raw):
        scope = parse_scope(item)
        if scope is None:
            where = yamlfile.line_of(raw, k, entry.line_of("scopes"))
            chk.error(where, f"{label}: unknown scope {item!r} ({shape})")
        elif scope != home and scope not in others:
            others.append(scope)
    return home, others


def scoped_variant(ind: Indicator, scope: tuple[str, ...]) -> Indicator:
    """The same measure about other countries: its own id, name and page."""
    base = ind.description.replace(scope_label(ind.scope), "{scope}")
    return replace(
        ind,
        id=f"{ind.id}-{scope_slug(scope)}",
        name=f"{ind.name} ({scope_short(scope)})",
        description=base.replace("{scope}", scope_label(scope)),
        scope=scope,
        measure=ind.id,
    )


def in_scope(
    indicator_id: str | None,
    scope: tuple[str, ...] | None,
    indicators: dict,
    *,
    loose: bool = False,
) -> str | None:
    """The indicator of the same measure for this scope, or None (the figure stays uncompared).

    loose: the scope was read from beyond the figure's sentence; then a one-country measure
    ('Russian wheat exports') also takes a figure whose context names that country and others.
    """
    ind = indicators.get(indicator_id or "")
    if ind is None or scope is None:
        return None
    measure = ind.measure or ind.id
    for cand in (indicators.get(measure), indicators.get(f"{measure}-{scope_slug(scope)}")):
        if cand is not None and (cand.measure or cand.id) == measure and cand.scope == scope:
            return cand.id
    home = indicators.get(measure)
    if loose and home and len(home.scope) == 1 and home.scope[0] in scope:
        return home.id
    return None


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def _lower(units: tuple[str, ...]) -> frozenset[str]:
    return frozenset(u.lower() for u in units)


def _score(
    ind: Indicator, figure: Figure, text: str, lo: int, hi: int, own: tuple[int, int]
) -> tuple[int, int] | None:
    """(number of patterns, -distance of their matches) if ind, which fits the figure's unit and
    part (see classify), matches text[lo:hi], else None.

    Negative patterns are read only inside own (the figure's sentence, at most): an earlier
    sentence lends the subject ('investment') but not its other words ('total volume').
    """
    distance = 0
    for p in ind.patterns:
        if p.startswith("!"):
            if _compile(p[1:]).search(text[max(lo, own[0]) : min(hi, own[1])]):
                return None
            continue
        starts, ends = _matches(p, text, lo, hi)
        if not starts:
            return None
        # Matches do not overlap, so ends rise with starts: the nearest match is the first one
        # starting at or after the figure's end or the one before it (0 if it overlaps the figure).
        k = bisect_left(starts, figure.end)
        near = [starts[k] - figure.end] if k < len(starts) else []
        if k:
            near.append(max(0, figure.start - ends[k - 1]))
        distance += min(near)
    return sum(not p.startswith("!") for p in ind.patterns), -distance


@lru_cache(maxsize=4096)
def _matches(pattern: str, text: str, lo: int, hi: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the pattern's matches in text[lo:hi]: the figures of one sentence share
    their windows, so a paragraph packed with figures reads each window once per pattern."""
    found = [(m.start() + lo, m.end() + lo) for m in _compile(pattern).finditer(text[lo:hi])]
    return tuple(s for s, _ in found), tuple(e for _, e in found)


def _contexts(text: str, figure: Figure, neighbours: Sequence[Figure]) -> list[tuple[int, int]]:
    cs, ce = clause_at(text, figure.start)
    next_start = min([f.start for f in neighbours if f.start >= figure.end], default=ce)
    ss, se = sentence_at(text, figure.start)
    spans = sentences(text)
    k = bisect_left(
        spans, (ss,)
    )  # sentences before the figure's own (bisect: linear cost per paragraph)
    return [(cs, min(ce, next_start)), (cs, ce), (ss, se), (spans[k - 1][0] if k else ss, se)]


def classify(
    text: str,
    figure: Figure,
    indicators: dict[str, Indicator],
    *,
    neighbours: Sequence[Figure] | None = None,
) -> str | None:
    """Id of the indicator the figure measures, read from the sentence around it; None if none fits.

    neighbours: the paragraph's other figures (found with find_figures when not given).
    """
    if neighbours is None:
        neighbours = find_figures(text)
    neighbours = [f for f in neighbours if (f.start, f.end) != (figure.start, figure.end)]
    own = sentence_at(text, figure.start)
    # what rules an indicator out whatever the context, decided once for all contexts
    unit = figure.unit.lower()
    fitting = [
        ind
        for ind in indicators.values()
        if not ind.measure  # a scoped variant is chosen after the measure (extract.py), never here
        and unit in _lower(ind.units)
        and (ind.part or not figure.part)  # a part is never compared with the whole
    ]
    for lo, hi in _contexts(text, figure, neighbours):
        best: tuple[tuple[int, int], str] | None = None
        for ind in fitting:
            score = _score(ind, figure, text, lo, hi, own)
            if score is not None and (best is None or score > best[0]):
                best = (score, ind.id)
        if best:
            return best[1]
    return None


def assign_indicators(
    text: str, figures: Sequence[Figure], indicators: dict[str, Indicator]
) -> list[Figure]:
    """Copies of the figures with ``indicator`` set (None where no indicator fits), and ``part``
    where the clause speaks of a part of a whole (build_site/extract/scope.py)."""
    figures = [replace(f, part=f.part or part_at(text, f.start, f.end)) for f in figures]
    ordered = sorted(figures, key=lambda f: f.start)
    starts = [f.start for f in ordered]
    # the classifier reads of the neighbours only the first one starting after the figure: pass just
    # that one, so a paragraph with thousands of figures costs linear, not quadratic, time
    return [
        replace(
            f,
            indicator=classify(
                text, f, indicators, neighbours=ordered[(k := bisect_left(starts, f.end)) : k + 1]
            ),
        )
        for f in figures
    ]
