"""Quotation marks: where quoted text starts and ends in a paragraph, in every convention
publishers print («…» with nesting, “…”, "…" with titles inside, „…“), and which conventions
reopen a quote at every paragraph it runs on."""

from __future__ import annotations

import re

#: Opening marks of the English convention, which repeats the opening mark at the start of every
#: paragraph a quote runs on (Russian «…» does not): a paragraph without one ends the quote.
REOPENED = ("“", '"')

#: Every character quote_spans reads as a quotation mark.
_QUOTE_MARKS = re.compile('[“«„"»”]')


def quote_spans(
    text: str, open_with: str | None = None
) -> tuple[list[tuple[int, int]], str | None]:
    """Spans of quoted text (without the marks), and the opening mark of a quote still open at
    the end (None when all are closed). ``open_with``: a quote opened in an earlier paragraph.

    >>> quote_spans('He said: «A «b» c», and "d".')
    ([(10, 17), (25, 26)], None)
    >>> quote_spans('"We adopted the Law "On Trade", which helps," he said.')
    ([(1, 44)], None)
    """
    spans: list[tuple[int, int]] = []
    opener, start, nest = open_with, 0, 0
    for mark in _QUOTE_MARKS.finditer(text):  # no other character changes anything below
        i, ch = mark.start(), mark.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if opener is None:
            if ch in "“«„" or (ch == '"' and not before.isalnum()):
                opener, start, nest = ch, i + 1, 0
        elif opener == "«":
            if ch == "«":
                nest += 1
            elif ch == "»":
                if nest:
                    nest -= 1
                else:
                    spans.append((start, i))
                    opener = None
        elif opener == '"' and (ch == '"' or (ch == "”" and not nest and not after.isalnum())):
            if ch == '"' and before.isspace() and after.isalnum():
                nest += 1  # a title in quotes inside the quote
            elif nest:
                nest -= 1
            else:
                spans.append((start, i))
                opener = None
        elif opener in "“„" and ch in '”“"':
            if opener == "“" and ch == "“" and not (text[i - 2 : i] == ", " and after.islower()):
                continue  # (a “ misprinted for ” before the attribution: '…year, “the president added')
            spans.append((start, i))
            opener = None
    if opener is not None:
        spans.append((start, len(text)))
    return spans, opener
