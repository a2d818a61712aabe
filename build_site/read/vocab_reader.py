r"""Vocabulary reader: YAML entries with their line numbers, and field checks that cite them.

Problems are collected as :class:`Issue` lines (``places.yml:42: error: ...``) so that one run
reports them all; :class:`VocabularyError` carries them.

    >>> issues = []
    >>> parse_entries("- id: a\n  id: b\n- 3\n", "x.yml", issues)
    [({'id': 'b'}, 1), (3, 3)]
    >>> print(VocabularyError(issues))
    x.yml:2: error: duplicate key 'id'
    >>> chk = Checker("x.yml", issues)
    >>> chk.number(parse_entries("- lat: 91\n", "x.yml", [])[0][0], "lat", "place 'a'", -90, 90)
    >>> print(issues[-1])
    x.yml:1: error: place 'a': 'lat' must be a number in [-90, 90], not 91
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from build_site.model import Issue
from build_site.read import yamlfile
from build_site.read.yamlfile import LineMap, LineSeq

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class VocabularyError(ValueError):
    """Invalid vocabulary file(s). ``issues`` holds one :class:`Issue` per problem."""

    def __init__(self, issues: list[Issue] | tuple[Issue, ...]):
        self.issues = tuple(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


def read_entries(path: Path, issues: list[Issue]) -> list[tuple[Any, int]]:
    """(entry, line) of each item of the vocabulary file ``path``; problems go to ``issues``."""
    doc = yamlfile.read(path, issues, missing="vocabulary file not found")
    return _entries(doc, str(path), issues)


def parse_entries(text: str, where: str, issues: list[Issue]) -> list[tuple[Any, int]]:
    """(entry, line) of each item of the YAML list ``text``; problems go to ``issues``."""
    return _entries(yamlfile.parse(text, where, issues), where, issues)


def _entries(doc: Any, where: str, issues: list[Issue]) -> list[tuple[Any, int]]:
    if doc is None:
        return []
    if not isinstance(doc, LineSeq):
        issues.append(Issue(where, 1, "error", "a vocabulary file must be a YAML list of entries"))
        return []
    return list(zip(doc, doc.item_lines))


def description(entry: LineMap) -> str:
    """The entry's description on one line ('' when absent or invalid)."""
    value = entry.get("description", "")
    return " ".join(value.split()) if isinstance(value, str) else ""


class Checker:
    """Field checks for the entries of one file: each problem becomes an Issue at its line."""

    def __init__(self, file: str, issues: list[Issue]):
        self.file = file
        self.issues = issues

    def error(self, line: int | None, message: str) -> None:
        self.issues.append(Issue(self.file, line, "error", message))

    @staticmethod
    def key_line(entry: LineMap, key: str) -> int:
        return entry.key_lines.get(key, entry.line)

    def string(self, entry: LineMap, key: str, label: str, required: bool = False) -> str | None:
        if key not in entry:
            if required:
                self.error(entry.line, f"{label}: missing {key!r}")
            return None
        value = entry[key]
        if not isinstance(value, str) or not value.strip():
            self.error(
                self.key_line(entry, key),
                f"{label}: {key!r} must be a non-empty string, not {value!r}",
            )
            return None
        return value.strip()

    def items(self, entry: LineMap, key: str, label: str) -> list[tuple[Any, int]]:
        """(item, line) of the list under ``key``: none when absent or null, an error when not a list."""
        value = entry.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(self.key_line(entry, key), f"{label}: {key!r} must be a list")
            return []
        return list(
            zip(value, getattr(value, "item_lines", [self.key_line(entry, key)] * len(value)))
        )

    def strings(self, entry: LineMap, key: str, label: str) -> list[tuple[str, int]]:
        out = []
        for item, line in self.items(entry, key, label):
            if not isinstance(item, str) or not item.strip():
                self.error(line, f"{label}: {key!r} items must be non-empty strings, not {item!r}")
            else:
                out.append((item.strip(), line))
        return out

    def number(self, entry: LineMap, key: str, label: str, low: float, high: float) -> float | None:
        if key not in entry:
            return None
        value = entry[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not low <= value <= high
        ):
            self.error(
                self.key_line(entry, key),
                f"{label}: {key!r} must be a number in [{low}, {high}], not {value!r}",
            )
            return None
        return float(value)
