"""Term table: the matchable strings of vocabulary entries (names, aliases, misspellings).

An alias is a string or ``{term: Oral, case_sensitive: true}``; a topic keyword may end with
``*`` (any word ending). A term may belong to one entry only: within topics, and across persons,
places and organisations, unless both are case-sensitive and differ in case.

    >>> issues = []
    >>> chk = Checker("places.yml", issues)
    >>> town = Entry("place", "places.yml", 1, LineMap(), "uralsk", "Uralsk", [(Term("place", "uralsk", "Oral"), 2)])
    >>> river = Entry("place", "places.yml", 5, LineMap(), "ural", "Ural", [(Term("place", "ural", "ORAL"), 6)])
    >>> [t.text for t in check_terms({"place": [town, river]}, {"place": chk})]
    ['Oral']
    >>> print(issues[0])
    places.yml:6: error: place 'ural': term 'ORAL' is already used by place 'uralsk' (places.yml:2)
"""

from __future__ import annotations

from dataclasses import dataclass

from build_site.read.folding import fold, term_key
from build_site.read.vocab_reader import Checker, LineMap


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


@dataclass
class Entry:
    """A vocabulary entry whose common keys are valid, with its terms."""

    kind: str
    file: str
    line: int
    data: LineMap
    id: str
    name: str
    terms: list[tuple[Term, int]]
    """(term, line) in the order written."""

    def aliases(self) -> tuple[str, ...]:
        """Alias texts (not the name, not misspellings), deduplicated by matching key."""
        seen = {term_key(self.name)}
        out = []
        for t, _ in self.terms:
            k = term_key(t.text)
            if not t.misspelling and k not in seen:
                seen.add(k)
                out.append(t.text)
        return tuple(out)

    def add_terms(self, terms: list[tuple[Term, int]]) -> None:
        """Append the terms whose matching key the entry does not have yet."""
        have = {term_key(t.text) for t, _ in self.terms}
        for t, line in terms:
            if term_key(t.text) not in have:
                have.add(term_key(t.text))
                self.terms.append((t, line))


def parse_aliases(
    chk: Checker, entry: LineMap, label: str, allow_prefix: bool
) -> list[tuple[str, bool, int]]:
    """(text, case_sensitive, line) of each valid alias of ``entry``."""
    out = []
    for item, line in chk.items(entry, "aliases", label):
        case_sensitive = False
        if isinstance(item, dict):
            unknown = set(item) - {"term", "case_sensitive"}
            if unknown:
                chk.error(
                    line,
                    f"{label}: unknown alias option(s) {sorted(map(str, unknown))} (allowed: term, case_sensitive)",
                )
                continue
            case_sensitive = item.get("case_sensitive", False)
            if not isinstance(case_sensitive, bool):
                chk.error(line, f"{label}: 'case_sensitive' must be true or false")
                continue
            item = item.get("term")
        if not isinstance(item, str) or not item.strip():
            chk.error(
                line,
                f"{label}: an alias must be a non-empty string or {{term: ..., case_sensitive: true}}, not {item!r}",
            )
            continue
        text = item.strip()
        if "*" in text and not (
            allow_prefix and text.endswith("*") and "*" not in text[:-1] and len(text) > 1
        ):
            chk.error(line, f"{label}: '*' is only allowed at the end of a topic keyword: {text!r}")
            continue
        out.append((text, case_sensitive, line))
    return out


def check_terms(entries: dict[str, list[Entry]], checkers: dict[str, Checker]) -> tuple[Term, ...]:
    """Refuse a term shared by two entries: within topics, and across persons/places/organisations.

    Two case-sensitive terms that differ in case do not clash. Returns all terms, deduplicated
    per entry.
    """
    owners: dict[tuple[str, str], list[tuple[Term, str, int]]] = {}
    out: list[Term] = []
    for kind, group_entries in entries.items():
        group = "topic" if kind == "topic" else "entity"
        for e in group_entries:
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
                    if (
                        t.case_sensitive
                        and other.case_sensitive
                        and fold(t.text).cased != fold(other.text).cased
                    ):
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
