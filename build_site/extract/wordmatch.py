"""Regular expressions that find whole words fast.

re tries a pattern at every position of a text unless the pattern opens with a set of
characters (or a literal): then it skips in C to the next position holding one of them. A
pattern opening with a word-boundary test has no such set, and scanning a text costs a test at
every character; `whole_words` writes the same pattern so that it opens with one.
"""

from __future__ import annotations

import re


def whole_words(words: str, ignorecase: bool = True) -> str:
    r"""The words as a whole word or its possessive: ``(?<!\w)(?:words)(?:['’]s)?(?!\w)``, but
    written to begin with the set of characters a match begins with, so that re skips in C to
    the next of them (opening with the word-boundary test, every text was scanned twice as slowly).
    The first letter is consumed, then checked again with the words' own flags; as it was.

    >>> print(whole_words("Russia|Moscow", ignorecase=False))
    (?-i:[MR])(?<!\w.)(?:(?<=R)ussia|(?<=M)oscow)(?:['’]s)?(?![\w])
    """
    alts = _TOP_BAR.split(words)
    firsts = "".join(sorted({w[:1] for w in alts}))
    if (
        re.search(r"\\[][()]", words)  # an escaped bracket: the split may be wrong
        or not all(_opens_with_letter(w) for w in alts)
    ):
        return rf"(?<!\w)(?:{words})(?:['’]s)?(?![\w])"
    if ignorecase:
        firsts = "".join(sorted(set(firsts.lower() + firsts.upper() + _ALSO_IGNORECASE)))
    rechecked = "|".join(f"(?<={w[0]}){w[1:]}" for w in alts)
    return rf"(?-i:[{firsts}])(?<!\w.)(?:{rechecked})(?:['’]s)?(?![\w])"


#: a "|" not inside brackets: where one of the words ends and the next begins
_TOP_BAR = re.compile(r"\|(?![^(\[]*[)\]])")


def _opens_with_letter(word: str) -> bool:
    """Whether the pattern `word` is whole (a split inside a group leaves a bracket open) and opens
    with a plain ASCII letter that no quantifier follows."""
    try:
        re.compile(word)
    except re.error:
        return False
    return word[:1].isascii() and word[:1].isalpha() and word[1:2] not in "?*+{"


#: what an ASCII letter matches with re.IGNORECASE besides its two cases (the re module's
#: documentation: 'İ', 'ı', 'ſ' and the Kelvin sign)
_ALSO_IGNORECASE = "\u0130\u0131\u017f\u212a"
