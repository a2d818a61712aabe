r"""The sidecar seeds/<stem>.yml: its keys, declared once (name, type, default, docstring, as
MkDocs declares its config options), and the reader that validates a sidecar against them.

Every problem is an :class:`InputError` ``<stem>.yml:LINE: error: reason``.

    >>> [k.name for k in SIDECAR][:3]
    ['title', 'date', 'time']
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.yml"
    >>> _ = p.write_text("title: Talks\ndate: 2024-13-01\n", encoding="utf-8")
    >>> read_sidecar(p)
    Traceback (most recent call last):
    ...
    build_site.read.sidecar.InputError: a.yml:2: error: date must be YYYY-MM-DD, got '2024-13-01'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_site.model import Issue
from build_site.read import yamlfile
from build_site.read.yamlfile import LineMap, LineSeq


class InputError(Exception):
    """A seed or sidecar that cannot be used; str() is a one-line 'file:line: error: reason'."""

    def __init__(self, file: str, line: int | None, message: str):
        self.issue = Issue(file, line, "error", message)
        super().__init__(str(self.issue))


@dataclass(frozen=True)
class SidecarKey:
    """One key a sidecar may hold, for the whole seed or per event (under `events:`)."""

    name: str
    type: type
    """The Python type of the value once read: str, datetime.date or list."""
    default: Any
    """What the build uses when the key is absent (None: the text decides)."""
    doc: str
    """What the key is for: shown in README.md, which a test keeps in step."""
    pattern: str | None = None
    """A regular expression a text value must match in full."""
    choices: tuple[str, ...] = ()
    """The only values allowed, when not empty."""
    shape: str = "text"
    """How a good value looks, for messages: 'a slug like ...', 'HH:MM'."""


_SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
_SLUG_SHAPE = "a slug like 'kassym-jomart-tokayev'"
_DOC_TYPES = ("transcript", "news", "article", "interview")

#: Every key a sidecar may hold, in the order the README lists them.
SIDECAR: tuple[SidecarKey, ...] = (
    SidecarKey("title", str, None, "Title when the scrape lost it."),
    SidecarKey(
        "date",
        dt.date,
        None,
        "ISO date (YYYY-MM-DD) when the text states none.",
        shape="YYYY-MM-DD",
    ),
    SidecarKey("time", str, None, "HH:MM.", pattern=r"\d{2}:\d{2}", shape="HH:MM"),
    SidecarKey("place", str, None, "Where it was held or published."),
    SidecarKey(
        "doc_type",
        str,
        None,
        "transcript, news, article or interview (default: told from the text's shape).",
        choices=_DOC_TYPES,
        shape="transcript, news, article or interview",
    ),
    SidecarKey(
        "author",
        str,
        None,
        "Person id of an article's author (a byline the text lacks).",
        pattern=_SLUG,
        shape=_SLUG_SHAPE,
    ),
    SidecarKey("publisher", str, None, "Who published the source, e.g. 'Kremlin'."),
    SidecarKey("source_url", str, None, "Address of the original page."),
    SidecarKey("translation", str, None, "A note that the text is a translation."),
    SidecarKey(
        "slug",
        str,
        None,
        "URL slug to use instead of one made from the title.",
        pattern=_SLUG,
        shape=_SLUG_SHAPE,
    ),
    SidecarKey("note", str, None, "Free text for maintainers; not shown."),
    SidecarKey(
        "figures",
        dict,
        {},
        "An editor's review of figures, by footnote label: {indicator, period, scope},"
        " not-a-statistic or ok (README, 'An editor's hand').",
        shape="map footnote labels (e.g. putin-2-p3-1) to reviews",
    ),
    SidecarKey(
        "events",
        list,
        [],
        "List of mappings with the keys above, one per event in the seed, in order.",
        shape="a list of mappings",
    ),
)
#: The keys by name.
SIDECAR_KEYS: dict[str, SidecarKey] = {k.name: k for k in SIDECAR}


def read_sidecar(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Load and validate seeds/<stem>.yml; returns (data, {key: line}), where a key of the n-th
    item of `events` is 'events.<n>.<key>'."""
    name = path.name
    issues: list[Issue] = []
    data = yamlfile.read(path, issues, where=name, missing=None, dates_as_text=True)
    if issues:
        raise InputError(name, issues[0].line, issues[0].message)
    if data is None:
        return {}, {}
    if not isinstance(data, LineMap):
        raise InputError(name, 1, "sidecar must be a mapping of keys to values")
    lines = dict(data.key_lines)
    _check_mapping(data, name)
    lines.update(_figure_lines(data, "figures"))
    events = data.get("events", LineSeq())
    if not isinstance(events, LineSeq):
        raise InputError(name, lines.get("events"), "'events' must be a list of mappings")
    for i, item in enumerate(events):
        if not isinstance(item, LineMap):
            raise InputError(name, events.item_lines[i], "each item of 'events' must be a mapping")
        _check_mapping(item, name, nested=True)
        lines.update({f"events.{i}.{k}": v for k, v in item.key_lines.items()})
        lines.update(_figure_lines(item, f"events.{i}.figures"))
    return data, lines


def _figure_lines(data: LineMap, prefix: str) -> dict[str, int]:
    """Lines of `figures:` entries and their fields: {'<prefix>.<label>[.<field>]': line}."""
    reviews = data.get("figures")
    out: dict[str, int] = {}
    if not isinstance(reviews, LineMap):
        return out
    for label, review in reviews.items():
        out[f"{prefix}.{label}"] = reviews.line_of(label)
        if isinstance(review, LineMap):
            out.update({f"{prefix}.{label}.{k}": review.line_of(k) for k in review})
    return out


def _check_mapping(data: LineMap, name: str, nested: bool = False) -> None:
    for key, value in data.items():
        line = data.line_of(key)
        spec = SIDECAR_KEYS.get(key)
        if spec is None or (nested and key == "events"):
            known = ", ".join(k for k in SIDECAR_KEYS if not (nested and k == "events"))
            raise InputError(name, line, f"unknown key {key!r} (known: {known})")
        if spec.type is dt.date:
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    pass
            if not isinstance(value, dt.date):
                raise InputError(name, line, f"{key} must be {spec.shape}, got {value!r}")
            data[key] = value
        elif spec.type is list:
            continue  # checked item by item by the caller
        elif spec.type is dict:
            if not isinstance(value, dict):
                raise InputError(name, line, f"{key} must {spec.shape}")
        elif (spec.pattern and not re.fullmatch(spec.pattern, str(value))) or (
            spec.choices and value not in spec.choices
        ):
            raise InputError(name, line, f"{key} must be {spec.shape}, got {value!r}")
        elif not isinstance(value, spec.type):
            raise InputError(name, line, f"{key} must be text, got {type(value).__name__}")
