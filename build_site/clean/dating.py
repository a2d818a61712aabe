"""Which line gives an event its date: the dateline, the title, the header, a byline, the body or
the page store's stamp, in that order of trust."""

from __future__ import annotations

from build_site.clean.dates import (
    dateline_prefix,
    stamp,
)
from build_site.clean.draft import Draft, flatten
from build_site.model import Line

DATE_KINDS = ("dateline", "title", "header", "byline", "body", "stamp")
#: A date in the title names the event when at most this many days before the page's date.
TITLE_DATE_DAYS = 14
#: An agency dateline is looked for in this many first lines of text.
DATELINE_LINES = 3


def pick_date(d: Draft) -> None:
    """Set d.date and d.date_from from the candidates. A date printed without a year takes it
    from the best full date elsewhere on the page (or stays undated: the sidecar gives it)."""
    rank = {k: i for i, k in enumerate(DATE_KINDS)}
    cands = sorted(d.dates, key=lambda c: (rank[c[0]], c[2].no))
    full = [(k, f.date(), line) for k, f, line in cands if f.year and f.date() and k != "title"]
    ref = full[0] if full else None
    anchor = ref[1] if ref else None  # the page's own full date, which a year-less date is near
    for kind, found, line in cands:
        if kind == "title":
            when = found.near(anchor) if anchor else None
            if not when or not anchor or (anchor - when).days > TITLE_DATE_DAYS:
                continue
        else:
            when = found.date() if found.year else (found.near(anchor) if anchor else None)
        text = " ".join(line.text.split())
        if when is None:
            d.date, d.date_from = None, (line.no, found.text)  # a date without a year: reported
            return
        year_from = f" (year from line {ref[2].no})" if not found.year and ref else ""
        d.date, d.date_from = when, (line.no, text + year_from)
        return


def unstamp(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], tuple | None]:
    """The page store's ' date 2024-05-24 01:10' glued to the first line: taken off the line
    (the rest of the line is text as usual) and kept as the date of last resort."""
    first = next((l for l in lines if l.text.strip()), None)
    found = stamp(first.text) if first else None
    if not found or first is None:
        return lines, None
    when, rest = found
    kept = Line(first.no, rest)
    return tuple(kept if l is first else l for l in lines), (when, Line(first.no, first.text))


def find_dateline(d: Draft) -> None:
    """An agency dateline ('MOSCOW, October 6. /TASS/.') opening one of the first lines of text."""
    for chunk in [c for c in d.lead + d.body if c.kind == "text"][:DATELINE_LINES]:
        found = dateline_prefix(flatten(chunk.text))
        if found:
            line = Line(chunk.lines[0], chunk.text)
            d.dates.append(("dateline", found.found, line))
            place = found.place.title() if found.place.isupper() else found.place
            d.place = d.place or place
            return
