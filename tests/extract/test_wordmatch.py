"""whole_words: the fast form of a whole-word pattern finds exactly what the plain form finds."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import ROOT, SEED_FILES

if str(ROOT) not in sys.path:  # run from anywhere without installing the package
    sys.path.insert(0, str(ROOT))

from build_site.extract.scope import BLOCS, COUNTRIES, GROUPS  # noqa: E402
from build_site.extract.wordmatch import whole_words  # noqa: E402

#: (words, ignorecase): the lexicon of scope.py, and words that must keep the plain form
CASES = (
    [(words, True) for _, words in COUNTRIES.values()]
    + [(words, False) for _, words in BLOCS.values()]
    + [(words, True) for words, _ in GROUPS]
    + [
        ("X(?:a|b(?:c))|D", True),  # a bar inside nested groups: no split there
        ("A?b|C", True),  # a first letter that may be missing
        (r"A\(b|C", True),  # an escaped bracket
        ("Élysée|Paris", True),  # a first letter outside ASCII
    ]
)
#: letters of the words in both cases, and what re.IGNORECASE matches beside them
ALPHABET = "RrUuSsIiAaKkZzCcEeNnTtOo \n-'’_.9\u0130\u0131\u017f\u212a"


def plain(words: str) -> str:
    return rf"(?<!\w)(?:{words})(?:['’]s)?(?![\w])"


def compiled(words: str, ignorecase: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    flags = re.IGNORECASE if ignorecase else 0
    return re.compile(plain(words), flags), re.compile(whole_words(words, ignorecase), flags)


def spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize("words,ignorecase", CASES)
def test_same_matches_in_the_seeds(words: str, ignorecase: bool) -> None:
    slow, fast = compiled(words, ignorecase)
    for path in SEED_FILES[:40]:
        text = path.read_text(encoding="utf-8")
        assert spans(fast, text) == spans(slow, text), path.name


#: words of the lexicon opening with a character that re.IGNORECASE matches with an ASCII letter
ODD_CASES = (
    "\u212aremlin, \u212aAZAKHS’s \u212ayiv-\u0130ndia \u0130ran ıran's ſhanghai ſCO \u212ayrgyz"
)


@pytest.mark.parametrize("words,ignorecase", CASES)
def test_same_matches_with_odd_cases(words: str, ignorecase: bool) -> None:
    slow, fast = compiled(words, ignorecase)
    assert spans(fast, ODD_CASES) == spans(slow, ODD_CASES)


def test_the_lexicon_takes_the_fast_form() -> None:
    for words, ignorecase in CASES[: len(COUNTRIES) + len(BLOCS) + len(GROUPS)]:
        assert whole_words(words, ignorecase).startswith("(?-i:["), words
    assert whole_words("X(?:a|b(?:c))|D") == plain("X(?:a|b(?:c))|D")


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(CASES),
    st.lists(
        st.one_of(
            st.sampled_from(["Russia", "KAZAKHS", "Ruſsia", "\u212aremlin", "\u0130ran", "ıran"]),
            st.sampled_from(["EU", "eu", "Central Asian states", "U.S. dollars", "Nur-Sultan"]),
            st.text(ALPHABET, max_size=6),
        ),
        max_size=8,
    ),
)
def test_same_matches_anywhere(case: tuple[str, bool], pieces: list[str]) -> None:
    slow, fast = compiled(*case)
    text = "".join(pieces)
    assert spans(fast, text) == spans(slow, text)
    for lo in range(min(4, len(text))):  # windows, as scope.named reads them
        assert spans(fast, text[lo:]) == spans(slow, text[lo:])
