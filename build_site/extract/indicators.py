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
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

import yaml

from build_site.config import DATA_DIR
from build_site.extract.clauses import clause_at, sentence_at, sentences
from build_site.extract.figures import find_figures
from build_site.extract.scope import parse_scope, part_at, scope_label, scope_short, scope_slug
from build_site.model import Figure, Indicator

DEFAULT_PATH = DATA_DIR / "indicators.yml"
TOPICS = frozenset(
    """trade-and-investment energy nuclear-energy agriculture-and-food transport-and-logistics space
    education-and-science culture-and-humanitarian-ties russian-language security-and-defence
    eurasian-integration interregional-cooperation labour-and-skilled-trades digital-and-ai
    history-and-memory""".split()
)
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


def load_indicators(path: Path | None = None) -> dict[str, Indicator]:
    """Read the catalogue; raise ValueError naming the file and the entry on bad data."""
    path = Path(path) if path else DEFAULT_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ValueError(f"{path}: not valid YAML: {e}") from e
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of indicators, got {type(data).__name__}")
    out: dict[str, Indicator] = {}
    for n, entry in enumerate(data, 1):
        where = f"{path}: entry {n}" + (
            f" ({entry.get('id')})" if isinstance(entry, dict) and entry.get("id") else ""
        )

        def bad(msg: str, where: str = where) -> ValueError:
            return ValueError(f"{where}: {msg}")

        if not isinstance(entry, dict):
            raise bad("expected a mapping")
        if unknown := set(entry) - _KEYS:
            raise bad(f"unknown keys {sorted(unknown)}")
        for key in ("id", "name", "unit"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise bad(f"'{key}' must be a non-empty string")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry["id"]):
            raise bad("'id' must be a lower-case slug")
        if entry["id"] in out:
            raise bad("duplicate id")
        if entry.get("topic") is not None and entry["topic"] not in TOPICS:
            raise bad(f"unknown topic {entry['topic']!r}")
        lists = {}
        for key in ("units", "patterns"):
            value = entry.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise bad(f"'{key}' must be a list of non-empty strings")
            lists[key] = tuple(value)
        if not lists["patterns"] or all(p.startswith("!") for p in lists["patterns"]):
            raise bad("needs at least one positive pattern")
        for p in lists["patterns"]:
            try:
                _compile(p.removeprefix("!"))
            except re.error as e:
                raise bad(f"bad pattern {p!r}: {e}") from e
        home, others = _scopes(entry, bad)
        ind = Indicator(
            id=entry["id"],
            name=entry["name"],
            unit=entry["unit"],
            description=(entry.get("description") or "").replace("{scope}", scope_label(home)),
            topic=entry.get("topic"),
            patterns=lists["patterns"],
            units=lists["units"] or (entry["unit"],),
            stock=bool(entry.get("stock", False)),
            scope=home,
            part=bool(entry.get("part", False)),
        )
        out[ind.id] = ind
        for scope in others:
            variant = scoped_variant(ind, scope)
            if variant.id in out:
                raise bad(f"scope {'-'.join(scope)} makes the id {variant.id!r}, already taken")
            out[variant.id] = variant
    return out


def _scopes(entry: dict, bad) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The entry's own scope (default Russia–Kazakhstan) and the other scopes it allows."""
    raw = entry.get("scopes") or []
    if not isinstance(raw, list):
        raise bad("'scopes' must be a list of scopes like RU-BY or EAEU")
    home = parse_scope(entry.get("scope", "RU-KZ"))
    if home is None:
        raise bad(f"unknown scope {entry.get('scope')!r} (ISO codes joined by '-', or a bloc)")
    others = []
    for item in raw:
        scope = parse_scope(item)
        if scope is None:
            raise bad(f"unknown scope {item!r} (ISO codes joined by '-', or a bloc)")
        if scope != home and scope not in others:
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


def _score(
    ind: Indicator, figure: Figure, text: str, lo: int, hi: int, own: tuple[int, int]
) -> tuple[int, int] | None:
    """(number of patterns, -distance of their matches) if ind matches text[lo:hi], else None.

    Negative patterns are read only inside own (the figure's sentence, at most): an earlier
    sentence lends the subject ('investment') but not its other words ('total volume').
    """
    if ind.measure or figure.unit.lower() not in {u.lower() for u in ind.units}:
        return None  # a scoped variant is chosen after the measure (extract.py), never here
    if figure.part and not ind.part:
        return None  # a part is never compared with the whole
    window = text[lo:hi]
    distance = 0
    for p in ind.patterns:
        rx = _compile(p.removeprefix("!"))
        if p.startswith("!"):
            if rx.search(text[max(lo, own[0]) : min(hi, own[1])]):
                return None
            continue
        spans = [(m.start() + lo, m.end() + lo) for m in rx.finditer(window)]
        if not spans:
            return None
        distance += min(max(0, figure.start - e, s - figure.end) for s, e in spans)
    return sum(not p.startswith("!") for p in ind.patterns), -distance


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
    for lo, hi in _contexts(text, figure, neighbours):
        best: tuple[tuple[int, int], str] | None = None
        for ind in indicators.values():
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
