"""Furniture told by its place in the page: closing credits, author boxes, section labels above the
title, a title repeated in the text."""

from __future__ import annotations

import re

from build_site.clean.draft import Draft, flatten, is_title_like
from build_site.clean.furniture import TAG_WORDS
from build_site.model import Line, Removed

AUTHOR_BOX_CHUNKS = 8
_BIO_VERBS = (
    "has|is|was|studied|worked|works|joined|graduated|holds|writes|wrote|covers|covered|began|lives"
)
_NAME_LINE = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё'’-]+(?: [A-ZА-ЯЁ][a-zа-яё'’-]+){1,2}$")
#: The closing byline or credits: at most this many words, at most one of them in lower case.
CLOSING_WORDS = 6


def closing_furniture(d: Draft) -> None:
    """What news sites print under the text: an author box (a name line, then lines about that
    person: 'Sergey Kwan' … 'Kwan studied at …'), and a closing byline or credit lines ('Kudrenok
    Tatyana', 'GSV "Russia - Islamic world"', 'Sputnik International'): short lines in title case
    (one word in lower case from four words up) after the last sentence."""
    body = d.body
    for i, c in enumerate(body):
        if i < len(body) - AUTHOR_BOX_CHUNKS:
            continue
        nxt = body[i + 1].text.strip() if i + 1 < len(body) else ""
        if c.kind == "text" and _NAME_LINE.match(c.text.strip()) and not nxt.startswith(":"):
            words = c.text.split()
            about = re.compile(
                rf"^(?:{re.escape(words[0])}|{re.escape(words[-1])})\s+(?:{_BIO_VERBS})\b"
            )
            if any(about.match(later.text.strip()) for later in body[i + 1 :]):
                for chunk in body[i:]:
                    d.removed += [Removed(Line(no, chunk.text), "author-box") for no in chunk.lines]
                del body[i:]
                break
    while body and body[-1].kind == "text" and closing_line(body[-1].text):
        chunk = body.pop()
        d.removed += [Removed(Line(no, chunk.text), "closing-credit") for no in chunk.lines]


def closing_line(text: str) -> bool:
    """A byline or credit in title case, or a tag in lower case ('страны центральной азии')."""
    words = text.split()
    if TAG_WORDS.match(text.strip()):
        return True
    return (
        0 < len(words) <= CLOSING_WORDS
        and re.search(r"\w", text) is not None
        and sum(w[0].islower() for w in words) <= (1 if len(words) >= 4 else 0)
        and not re.search(r"[.!?:;,…]$", text.strip())
    )


#: A first title line this short, right above a longer title-like line, is the site's section.
SECTION_WORDS = 3


def is_section_label(d: Draft, text: str) -> bool:
    return (
        d.title is not None
        and not d.lead
        and len(d.title.split()) <= SECTION_WORDS
        and len(text.split()) > len(d.title.split()) + 2
        and is_title_like(text)
        and not any(m.rule in ("date", "time", "place") for m in d.meta)
    )


#: what follows a title printed again with the site's name (not a pattern per title: one compiled
#: regex per event cost more than the test)
_SITE_NAME = re.compile(r"\s*[|–—]\s*\S.{0,40}")


def repeats_title(d: Draft, flat: str) -> bool:
    """The title printed again, alone or with the site's name ('<title> | Strategy2050.kz')."""
    if not d.title:
        return False
    title = flatten(d.title)
    return flat == title or (
        flat.startswith(title) and bool(_SITE_NAME.fullmatch(flat, len(title)))
    )
