"""Stable event URLs: a record of every URL the site has published, kept in the repository.

An event is known by its key `<seed file>#<position in seed>`. Its URL is `events/<date>-<slug>/`;
when the title (and so the slug) is corrected, the event moves to the new URL and the old one
redirects to it. Two events with the same date and slug: the one already recorded keeps the URL;
a newcomer gets a suffix made from its own key, never from how many other seeds exist.

    >>> record = UrlRecord(urls={"a.txt#0": "events/2024-01-01-talks/"}, redirects={})
    >>> ev = {"a.txt#0": "2024-01-01-talks-corrected", "b.txt#0": "2024-01-01-talks-corrected"}
    >>> urls, new = assign_urls(ev, record)
    >>> urls["a.txt#0"], urls["b.txt#0"].startswith("2024-01-01-talks-corrected-"), new.redirects
    ('2024-01-01-talks-corrected', True, {'events/2024-01-01-talks/': 'a.txt#0'})
    >>> assign_urls({"renamed.txt#0": "2024-01-01-talks"}, record)[0]  # the old key is gone: URL kept
    {'renamed.txt#0': '2024-01-01-talks'}
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_site.model import Issue
from build_site.read import yamlfile

HEADER = """\
# Every event URL the site has published, kept so that links never break. Written by the build
# (python -m build_site); commit it with the seeds. Never delete an entry: an old URL under
# `redirects` sends readers to the event's current page.
"""


@dataclass(frozen=True)
class UrlRecord:
    urls: dict[str, str] = field(default_factory=dict)
    """event key → current URL ('events/<id>/')."""
    redirects: dict[str, str] = field(default_factory=dict)
    """old URL → event key."""

    def dump(self) -> str:
        body = yaml.safe_dump(
            {
                "urls": dict(sorted(self.urls.items())),
                "redirects": dict(sorted(self.redirects.items())),
            },
            allow_unicode=True,
            sort_keys=False,
            width=200,
        )
        return HEADER + body


def load_record(path: Path, issues: list[Issue] | None = None) -> UrlRecord:
    """The record in `path` (empty when there is none). Every problem is an Issue
    ``urls.yml:LINE: error: ...`` and its entry is skipped; with an ``issues`` list they are
    appended to it, without one a ValueError lists them all."""
    if not path.exists():
        return UrlRecord()
    found: list[Issue] = []
    where = path.name
    data = yamlfile.read(path, found, where=where) or {}
    parts: dict[str, dict[str, str]] = {"urls": {}, "redirects": {}}
    if not isinstance(data, dict):
        found.append(Issue(where, 1, "error", "expected mappings 'urls' and 'redirects'"))
        data = {}
    for key in sorted(set(data) - set(parts), key=str):
        found.append(Issue(where, yamlfile.line_of(data, key), "error", f"unknown key {key!r}"))
    for part, out in parts.items():
        mapping = data.get(part) or {}
        if not isinstance(mapping, dict):
            line = yamlfile.line_of(data, part)
            found.append(Issue(where, line, "error", f"{part!r} must be a mapping"))
            continue
        for k, v in mapping.items():
            if isinstance(k, str) and isinstance(v, str) and k and v:
                out[k] = v
            else:
                line = yamlfile.line_of(mapping, k)
                message = f"{part}: {k!r}: {v!r} is not a pair of non-empty strings; skipped"
                found.append(Issue(where, line, "error", message))
    if issues is None and found:
        raise ValueError("\n".join(str(i) for i in found))
    if issues is not None:
        issues.extend(found)
    return UrlRecord(parts["urls"], parts["redirects"])


def _suffix(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]


def assign_urls(wanted: dict[str, str], record: UrlRecord) -> tuple[dict[str, str], UrlRecord]:
    """wanted: event key → id made from date and slug. Returns key → final id, and the new record."""
    url = lambda id_: f"events/{id_}/"  # noqa: E731
    owner = {u: k for k, u in record.urls.items()}  # URLs stay reserved for their first owner
    owner.update({u: k for u, k in record.redirects.items()})
    final: dict[str, str] = {}
    # recorded events first, so a newcomer never takes a URL that an older event holds
    for key in sorted(wanted, key=lambda k: (k not in record.urls, k)):
        id_ = wanted[key]
        holder = owner.get(url(id_))
        taken = set(final.values())
        # a URL is held only by an event that still exists (a renamed seed takes its URL over)
        if (holder not in (None, key) and holder in wanted) or id_ in taken:
            id_ = f"{id_}-{_suffix(key)}"
        final[key] = id_
        owner.setdefault(url(id_), key)
    now = {url(i) for i in final.values()}
    urls = {k: u for k, u in record.urls.items() if k in wanted or u not in now}
    redirects = {u: k for u, k in record.redirects.items() if k in wanted or u not in now}
    for key, id_ in final.items():
        old = urls.get(key)
        if old and old != url(id_):
            redirects[old] = key
        urls[key] = url(id_)
        redirects.pop(url(id_), None)
    return final, UrlRecord(urls, redirects)


def redirect_page(target: str) -> str:
    """A static page that sends the reader (and the #anchor they asked for) to the new URL."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Moved</title>
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
<script>location.replace("{target}" + location.hash)</script>
</head><body><p>This page has moved to <a href="{target}">{target}</a>.</p></body></html>
"""
