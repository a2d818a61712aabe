"""Speaker labels ("President of Russia Vladimir Putin:") → persons, and news attributions.

>>> idx = SpeakerIndex({"vladimir-putin": Person("vladimir-putin", "Vladimir Putin", aliases=("Putin",))})
>>> idx.split_label_line("President of Russia Vladimir Putin: Colleagues, friends,")[0].person
'vladimir-putin'
>>> idx.split_label_line("Governor of Kostanay Region Kumar Aksakalov: Good afternoon.")[0].name
'Kumar Aksakalov'
>>> idx.split_label_line("This forum is dedicated to a theme: Skilled Trades.") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from slugify import slugify

from build_site.model import Person

#: Unnamed turns: a questioner is not a person page.
GENERIC = {
    "question": "Question",
    "answer": "Answer",
    "remark": "Remark",
    "reply": "Reply",
    "response": "Response",
    "moderator": "Moderator",
    "voice": "Voice",
    "вопрос": "Question",
    "ответ": "Answer",
    "реплика": "Remark",
}
CONNECTORS = {
    "of",
    "the",
    "and",
    "for",
    "on",
    "de",
    "von",
    "van",
    "der",
    "al",
    "bin",
    "ibn",
    "du",
    "la",
    "le",
    "da",
    "&",
    "–",
    "-",
}
#: Title grammar (build_site/data/titles.yml): countries, offices, role words, questioner words.
TITLES_FILE = Path(__file__).resolve().parents[1] / "data" / "titles.yml"


@lru_cache(maxsize=1)
def title_grammar() -> dict:
    """The title grammar as data: {'countries': {name: forms}, 'offices': {id: forms},
    'role_words': set, 'questioners': set}."""
    data = yaml.safe_load(TITLES_FILE.read_text(encoding="utf-8")) or {}
    countries = {str(k): tuple(map(str, v)) for k, v in (data.get("countries") or {}).items()}
    words = {str(w).lower() for w in data.get("role_words") or ()}
    for forms in countries.values():
        words |= {w.lower() for f in forms for w in f.split()}
    return {
        "countries": countries,
        "offices": {str(k): tuple(map(str, v)) for k, v in (data.get("offices") or {}).items()},
        "role_words": frozenset(words),
        "questioners": frozenset(str(w).lower() for w in data.get("questioners") or ()),
        "not_names": frozenset(str(w) for w in data.get("not_names") or ()),
        "office_nouns": frozenset(str(w).lower() for w in data.get("office_nouns") or ()),
    }


#: Words of titles, offices and places: never part of a person's name in a label.
ROLE_WORDS = title_grammar()["role_words"]
LABEL_LINE = re.compile(r"^(?P<label>[^:\n]{2,140}?)\s*:(?:\s+(?P<rest>\S.*))?\s*$")
_TOKEN_OK = re.compile(r"^(?:[A-ZА-ЯЁ][\w’'.\-]*|\(?[A-Z][\w.]*\)?)$")


_INITIALS = re.compile(r"^(?:[A-ZА-ЯЁ]\.\s?){2,3}$")
#: A connector glued to the next word where a repost lost its (no-break) space: "President ofRussia".
_GLUED = re.compile(r"(?<![\w’'-])(of|the|and|for|in|at|to)(?=[A-ZА-ЯЁ][a-zа-яё])")
#: A headline set as "Name: what happened" (no sentence punctuation): not a speaker's turn.
_HEADLINE_REST = re.compile(r"^[^.!?…]*[^\s.!?…,:;\"”»)\]]$")


@dataclass(frozen=True)
class Label:
    text: str
    """The label as printed, without the colon."""
    person: str | None
    """Person id (known or made from the name); None for a generic label such as 'Question'."""
    name: str | None
    role: str | None
    generic: str | None = None
    sic: str | None = None
    """The misspelled name as printed, when the label misspells a known person."""
    initials: bool = False
    """A label of initials ('A.L.'): the structure stage matches them to a person the text names."""


def split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(role tokens, name tokens) of an unknown person's label, by the title grammar: the name is
    the trailing capitalised words that are not words of an office or place; after "of" (a
    country or body) a run of three or more words keeps only its last two as the name.

    >>> split_title("Prime Minister of Ruritania John Smith".split())
    (['Prime', 'Minister', 'of', 'Ruritania'], ['John', 'Smith'])
    """
    name: list[str] = []
    for tok in reversed(tokens):
        if tok.lower() in ROLE_WORDS or tok.lower() in CONNECTORS or len(name) == 4:
            break
        name.insert(0, tok)
    role = tokens[: len(tokens) - len(name)]
    if len(name) >= 3 and role and role[-1].lower() in CONNECTORS:
        role, name = role + name[:-2], name[-2:]
    return role, name


class SpeakerIndex:
    """Known persons' names, aliases and misspellings, longest first."""

    def __init__(self, persons: dict[str, Person]):
        self.persons = persons
        names: list[tuple[str, str, bool]] = []
        for p in persons.values():
            names += [(n, p.id, False) for n in (p.name, *p.aliases)]
            names += [(n, p.id, True) for n in p.misspellings]
        self._names = sorted(names, key=lambda t: -len(t[0]))
        # A lookahead of the names' first characters fails fast at most positions: with the
        # word-boundary test first, the scan was 4x slower.
        firsts = {n[:1] for n, _, _ in self._names}
        ahead = "" if "" in firsts else f"(?=[{''.join(sorted(map(re.escape, firsts)))}])"
        self._name_re = re.compile(
            ahead
            + r"(?<![\w-])("
            + "|".join(re.escape(n) for n, _, _ in self._names)
            + r")(?![\w-])"
            if names
            else r"(?!)"
        )
        self._by_name = {n: (pid, sic) for n, pid, sic in self._names}

    def find_names(self, text: str) -> list[tuple[int, int, str, bool]]:
        """(start, end, person id, is_misspelling) for every known name in text."""
        return [
            (m.start(), m.end(), *self._by_name[m.group(1)]) for m in self._name_re.finditer(text)
        ]

    def parse_label(self, label: str) -> Label | None:
        label = _GLUED.sub(r"\1 ", " ".join(label.split()))
        key = label.lower().strip()
        base = re.sub(r"\s*\(.*\)$", "", key)
        if base in GENERIC:
            return Label(label, None, None, None, generic=GENERIC[base])
        tokens = label.split()
        if not tokens or not 1 <= len(tokens) <= 16 or label[0].islower():
            return None
        first = tokens[0].lower().rstrip(",")
        if first in title_grammar()["questioners"] and len(tokens) <= 10:
            # "Correspondent of the “Washington Post” newspaper": a questioner, no person
            return Label(label, None, None, label, generic=tokens[0].capitalize())
        if _INITIALS.match(label):
            return Label(label, None, None, None, generic=label, initials=True)
        if re.search(r"[,;!?\"“”«»]|\d", label):
            return None
        if not all(t.lower() in CONNECTORS or _TOKEN_OK.match(t) for t in tokens):
            return None
        for name, pid, sic in self._names:
            if label == name or label.endswith(" " + name):
                role = label[: -len(name)].strip() or None
                return Label(label, pid, self.persons[pid].name, role, sic=name if sic else None)
        # an unknown person: split the title from the name by the title grammar
        role_tokens, name_tokens = split_title(tokens)
        if len(name_tokens) < 2:
            return None
        name = " ".join(name_tokens)
        return Label(label, slugify(name), name, " ".join(role_tokens) or None)

    def split_label_line(self, text: str) -> tuple[Label, str] | None:
        """(label, rest of the line) when a line opens a turn; rest may be ''.

        A headline "Lukashenko: Supreme State Council will focus on …" (four or more words, no
        sentence punctuation) is not a turn."""
        m = LABEL_LINE.match(text.strip())
        if not m:
            return None
        rest = m["rest"] or ""
        if len(rest.split()) >= 4 and _HEADLINE_REST.match(rest):
            return None
        label = self.parse_label(m["label"])
        return (label, rest) if label else None


# --- news attribution -------------------------------------------------------------------------

_SAY = r"(?:said|says|stated|states|noted|notes|added|adds|stressed|emphasi[sz]ed|underlined|highlighted|remarked|told|explained|pointed out|continued|concluded)"
_QUOTE_CLOSE = '”"»'
_SAID_BEFORE = re.compile(rf"[{_QUOTE_CLOSE}]\s*,?\s*{_SAY}\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)*$")
_QUOTE_BEFORE = re.compile(rf"[{_QUOTE_CLOSE}]\s*,?\s*(?:[A-Z][\w-]*\s+)*$")
_SAY_AFTER = re.compile(rf"\s+{_SAY}\b")
_SAY_THAT_AFTER = re.compile(rf"\s+(?:also\s+)?{_SAY}\s+that\b")
#: How far before a name the attribution patterns look: a bounded window, so that a paragraph naming
#: people thousands of times is read in linear, not quadratic, time.
_LOOKBACK = 300


def attribute(text: str, index: SpeakerIndex) -> tuple[str | None, bool]:
    """Who a news paragraph quotes or paraphrases: (person id, is_direct_quote).

    '“…,” said Tokayev.' → quote; 'Tokayev noted that …' / 'According to Tokayev, …' → paraphrase.
    """
    names = index.find_names(text)
    if not names:
        return None, False
    # “…,” said Tokayev. / “…,” Tokayev said.
    for start, end, pid, _ in names:
        lo = max(0, start - _LOOKBACK)
        if _SAID_BEFORE.search(text, lo, start) or (
            _QUOTE_BEFORE.search(text, lo, start) and _SAY_AFTER.match(text, end)
        ):
            if text.lstrip()[:1] in '“"«':
                return pid, True
            return pid, False
    # Tokayev (also) noted that … / According to Tokayev, …
    start, end, pid, _ = min(names)
    head, tail = text[:start], text[end:]
    # a title before the name: "Kazakh President …", "Uzbekistan’s Prime Minister …"
    if re.fullmatch(
        r"\s*(?:[A-Z][\w’'-]*\s+)?(?:(?:President|Prime\s+Minister|Minister|Governor)\s+)?", head
    ) and re.match(
        rf"\s+(?:also\s+)?(?:{_SAY}|welcomed|called|urged|recalled|expressed|announced|believes|thinks)\b",
        tail,
    ):
        return pid, False
    if re.fullmatch(r"\s*According to\s+(?:President\s+)?", head):
        return pid, False
    # …, Tokayev stated that …
    for _, end, pid, _ in names:
        if _SAY_THAT_AFTER.match(text, end):
            return pid, False
    return None, False
