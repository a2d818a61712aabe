"""The mutable scratch state of one segment while it is read (clean.py, dating.py, closing.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from build_site.clean.dates import (
    Found,
)
from build_site.model import Chunk, Line, Removed


@dataclass
class Draft:
    """Mutable scratch state while one segment is read; frozen into a RawEvent at the end."""

    title: str | None = None
    date: dt.date | None = None
    time: str | None = None
    place: str | None = None
    lead: list[Chunk] = field(default_factory=list)
    body: list[Chunk] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: list[Removed] = field(default_factory=list)
    tags: dict[str, list[str]] = field(default_factory=dict)
    published: str | None = None
    translation: str | None = None
    dates: list[tuple[str, Found, Line]] = field(default_factory=list)
    """Every date the header, a dateline, a byline or a stamp offers: (kind, date, line)."""
    date_from: tuple[int, str] | None = None
    tag_lines: set[int] = field(default_factory=set)


TITLE_END = re.compile(r"[.!?:;,…]$")


def is_title_like(text: str) -> bool:
    return (
        bool(text)
        and len(text.split()) <= 25
        and not TITLE_END.search(text)
        and (text[0].isupper() or text[0].isdigit())
    )


def flatten(text: str) -> str:
    """A line as the rules see it: sources put no-break spaces anywhere ('To\u00a0be continued.')."""
    return " ".join(text.split())


def squash(text: str | None) -> str | None:
    """Metadata shows single spaces (sources use no-break spaces inside names)."""
    return " ".join(text.split()) if text else None
