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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from build_site.model import Issue

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class VocabularyError(ValueError):
    """Invalid vocabulary file(s). ``issues`` holds one :class:`Issue` per problem."""

    def __init__(self, issues: list[Issue] | tuple[Issue, ...]):
        self.issues = tuple(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


class LineMap(dict):
    """A YAML mapping that knows its line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class LineSeq(list):
    """A YAML sequence that knows its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: 10x faster
    problems: list[tuple[int, str]]


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[LineMap]:
    data = LineMap()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        # SafeLoader silently keeps the last of duplicate keys: report it instead.
        try:
            if key in data:
                loader.problems.append((line, f"duplicate key {key!r}"))
        except TypeError:
            loader.problems.append((line, f"unhashable key {key!r}"))
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterator[LineSeq]:
    data = LineSeq()
    data.line = node.start_mark.line + 1
    data.item_lines = [n.start_mark.line + 1 for n in node.value]
    yield data
    data.extend(loader.construct_object(n, deep=True) for n in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def read_entries(path: Path, issues: list[Issue]) -> list[tuple[Any, int]]:
    """(entry, line) of each item of the vocabulary file ``path``; problems go to ``issues``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        issues.append(Issue(str(path), None, "error", "vocabulary file not found"))
        return []
    return parse_entries(text, str(path), issues)


def parse_entries(text: str, where: str, issues: list[Issue]) -> list[tuple[Any, int]]:
    """(entry, line) of each item of the YAML list ``text``; problems go to ``issues``."""
    loader = _Loader(text)
    loader.problems = []
    try:
        doc = loader.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        issues.append(Issue(where, line, "error", f"invalid YAML: {problem}"))
        return []
    finally:
        loader.dispose()
    issues.extend(Issue(where, line, "error", msg) for line, msg in loader.problems)
    if doc is None:
        return []
    if not isinstance(doc, list):
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
