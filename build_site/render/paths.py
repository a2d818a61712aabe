"""Paths and links between generated pages, and pages of long lists: the helpers every page
module shares. Imports only the model (and the month names), so any render module may use it.

    >>> rel("events/a.md", "persons/b.md", "x")
    '../persons/b.md#x'

Pages of a long list: stable paths and a bounded pager.

Page one keeps the entry's own URL; later pages live below it (`topics/energy/page-2/`), so no
page path can collide with another entry's id.

    >>> page_paths("topics/energy", 3)
    ['topics/energy.md', 'topics/energy/page-2.md', 'topics/energy/page-3.md']
    >>> pager("topics/a/page-5.md", page_paths("topics/a", 9), 4, window=1)
    'Page 5 of 9: [1](../a.md) … [4](page-4.md) **5** [6](page-6.md) … [9](page-9.md)'
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from build_site.model import Event
from build_site.months import MONTH_NAMES as MONTHS

DOC_TYPES = {
    "transcript": "Transcript",
    "news": "News report",
    "article": "Article",
    "interview": "Interview",
}
#: Mention kinds linked on first mention in a speech (topics are tags, not links in the text).
LINKED_KINDS = ("place", "person", "organisation")
SECTIONS = {
    "person": "persons",
    "place": "places",
    "topic": "topics",
    "organisation": "organisations",
    "indicator": "indicators",
}


def rel(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative Markdown link between two docs-relative .md paths."""
    path = _relpath(to_page, posixpath.dirname(from_page) or ".")
    return path + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1 << 16)
def _relpath(to_page: str, from_dir: str) -> str:
    """posixpath.relpath, which asks the OS for the working folder on every call, once per pair:
    pages link to the same few folders over and over (a tenth of the render time at 1,000 events)."""
    return posixpath.relpath(to_page, from_dir)


def rel_dir(from_page: str, folder: str) -> str:
    """Relative path from a page to a docs folder, ending in '/': a prefix for the folder's pages.

    >>> rel_dir("topics/energy/page-2.md", "events") + "a.md"
    '../../events/a.md'
    """
    return _relpath(folder, posixpath.dirname(from_page) or ".") + "/"


def page_of(kind: str, id: str) -> str:
    return f"{SECTIONS[kind]}/{id}.md"


def event_page(event: Event) -> str:
    return f"events/{event.id}.md"


def long_date(event: Event) -> str:
    d = event.date
    if d is None:
        return "undated"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def paginate(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def page_paths(base: str, n: int) -> list[str]:
    """Docs-relative .md paths of n pages of the list at `base` (without '.md')."""
    return [f"{base}.md" if i == 0 else f"{base}/page-{i + 1}.md" for i in range(max(1, n))]


def pager(page: str, paths: list[str], i: int, window: int = 2) -> str:
    """Links to the first, last and `window` neighbouring pages: bounded however many pages."""
    if len(paths) < 2:
        return ""
    items: list[str] = []
    shown = sorted({0, len(paths) - 1, *range(max(0, i - window), min(len(paths), i + window + 1))})
    for n, k in enumerate(shown):
        if n and k != shown[n - 1] + 1:
            items.append("…")
        items.append(f"**{k + 1}**" if k == i else f"[{k + 1}]({rel(page, paths[k])})")
    return f"Page {i + 1} of {len(paths)}: " + " ".join(items)
