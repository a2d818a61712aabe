"""Pages of a long list: stable paths and a bounded pager.

Page one keeps the entry's own URL; later pages live below it (`topics/energy/page-2/`), so no
page path can collide with another entry's id.

    >>> page_paths("topics/energy", 3)
    ['topics/energy.md', 'topics/energy/page-2.md', 'topics/energy/page-3.md']
    >>> pager("topics/a/page-5.md", page_paths("topics/a", 9), 4, window=1)
    'Page 5 of 9: [1](../a.md) … [4](page-4.md) **5** [6](page-6.md) … [9](page-9.md)'
"""

from __future__ import annotations

from .render import rel


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
