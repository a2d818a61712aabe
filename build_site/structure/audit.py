"""The line audit: every source line is in a paragraph, in metadata, or removed by a named rule.

>>> from build_site.model import Line, Source
>>> a = SeedAudit("s.txt", {"paragraph": 2, "blank": 1}, {}, ())
>>> a.ok, a.total
(True, 3)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from build_site.model import Event, Issue, RawEvent, Source


@dataclass(frozen=True)
class SeedAudit:
    seed: str
    counts: dict[str, int]
    """'paragraph', 'metadata', 'blank', 'reported' and 'removed:<rule>' → number of lines."""
    removed: dict[int, tuple[str, str]]
    """line → (rule, text) for lines removed as furniture."""
    unaccounted: tuple[int, ...]

    @property
    def ok(self) -> bool:
        return not self.unaccounted

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def audit(
    source: Source, raws: list[RawEvent], events: list[Event], issues: list[Issue]
) -> SeedAudit:
    where: dict[int, str] = {}
    removed: dict[int, tuple[str, str]] = {}
    for raw in raws:
        for r in raw.meta_lines:
            where.setdefault(r.line.no, "metadata")
        for r in raw.removed:
            where.setdefault(r.line.no, f"removed:{r.rule}")
            removed.setdefault(r.line.no, (r.rule, r.line.text.strip()))
    for event in events:
        for s in event.speeches:
            if s.label_line:
                where[s.label_line] = (
                    "paragraph"
                    if any(s.label_line in p.lines for p in s.paragraphs)
                    else "metadata"
                )
        for p in event.paragraphs:
            for no in p.lines:
                where[no] = "paragraph"
    for issue in issues:
        if issue.file == source.name and issue.line and issue.level == "warning":
            where.setdefault(issue.line, "reported")
    counts: Counter[str] = Counter()
    missing = []
    for line in source.lines:
        if not line.text.strip():
            counts["blank"] += 1
        elif line.no in where:
            counts[where[line.no]] += 1
        else:
            missing.append(line.no)
    if missing:
        counts["unaccounted"] = len(missing)
    return SeedAudit(source.name, dict(sorted(counts.items())), removed, tuple(missing))
