r"""The one YAML loader: every file the build reads (vocabularies, indicators, series, sidecars,
the URL record, mkdocs.yml) goes through here, so every problem is an :class:`Issue` with the
file and line, never a traceback.

Mappings load as :class:`LineMap` and lists as :class:`LineSeq`: plain dict and list that also
know their own line and the line of each key or item. Duplicate keys, which PyYAML silently
collapses, are reported.

    >>> issues = []
    >>> doc = parse("- id: a\n  id: b\n- 3\n", "x.yml", issues)
    >>> doc, doc.item_lines, doc[0].key_lines
    ([{'id': 'b'}, 3], [1, 3], {'id': 2})
    >>> print(issues[0])
    x.yml:2: error: duplicate key 'id'
    >>> parse("a: [1,\n", "y.yml", issues) is None, str(issues[-1]).startswith("y.yml:2: error: invalid YAML")
    (True, True)
    >>> parse("date: 2024-11-27\n", "s.yml", [], dates_as_text=True)
    {'date': '2024-11-27'}
    >>> parse("site_url: !ENV [U, /x/]\nhooks: !!python/name:a.b\n", "mkdocs.yml", [], tolerant=True)
    {'site_url': EnvTag(names=('U',), default='/x/'), 'hooks': None}
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_site.model import Issue

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster


class LineMap(dict):
    """A YAML mapping that knows its line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line of `key`, else of the mapping itself."""
        return self.key_lines.get(key, self.line)


class LineSeq(list):
    """A YAML sequence that knows its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _Loader(_Base):
    problems: list[tuple[int, str]]


class _TextDatesLoader(_Loader):
    """Dates stay text until checked, so '2024-13-01' is a message naming its line, not a crash."""


class _TolerantLoader(_Loader):
    """mkdocs.yml may hold !!python/name tags (loaded as None) and !ENV tags (loaded as EnvTag)."""


@dataclass(frozen=True)
class EnvTag:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]` of mkdocs.yml, resolved as MkDocs and Zensical
    do: the first variable that is set, else the last item (when the list has more than one)."""

    names: tuple[str, ...]
    default: object = None

    def resolve(self, environ: Mapping[str, str] | None = None) -> object:
        environ = os.environ if environ is None else environ
        return next((environ[n] for n in self.names if n in environ), self.default)


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> EnvTag:
    if isinstance(node, yaml.ScalarNode):
        return EnvTag((loader.construct_scalar(node),))
    items = list(node.value)
    default = loader.construct_object(items.pop()) if len(items) > 1 else None
    return EnvTag(tuple(loader.construct_scalar(n) for n in items), default)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[LineMap]:
    data = LineMap()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
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
_TextDatesLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_constructor("!ENV", _env_tag)


def parse(
    text: str,
    where: str,
    issues: list[Issue],
    *,
    dates_as_text: bool = False,
    tolerant: bool = False,
) -> Any:
    """The YAML document `text` (None when empty or invalid); problems go to `issues` as errors
    of the file `where`. dates_as_text: leave dates as strings; tolerant: unknown tags → None."""
    cls = _TolerantLoader if tolerant else _TextDatesLoader if dates_as_text else _Loader
    loader = cls(text)
    loader.problems = []
    try:
        doc = loader.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        issues.append(Issue(where, line, "error", f"invalid YAML: {problem}"))
        return None
    finally:
        loader.dispose()
    issues.extend(Issue(where, line, "error", msg) for line, msg in loader.problems)
    return doc


def read(
    path: Path,
    issues: list[Issue],
    *,
    where: str | None = None,
    missing: str | None = "file not found",
    dates_as_text: bool = False,
    tolerant: bool = False,
) -> Any:
    """`parse` the file at `path` (UTF-8, BOM allowed); `where` names it in messages (default: the
    path as given). A missing file is None, with the error `missing` unless that is None."""
    where = where or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        if missing:
            issues.append(Issue(where, None, "error", missing))
        return None
    except UnicodeDecodeError as e:
        line = e.object[: e.start].count(b"\n") + 1
        issues.append(Issue(where, line, "error", "not UTF-8 text; save the file as UTF-8"))
        return None
    except OSError as e:
        issues.append(Issue(where, None, "error", f"cannot read: {e.strerror}"))
        return None
    return parse(text, where, issues, dates_as_text=dates_as_text, tolerant=tolerant)


def line_of(container: Any, key: Any, default: int | None = None) -> int | None:
    """Line of `key` in a LineMap, of item `key` in a LineSeq, else `default`."""
    if isinstance(container, LineMap):
        return container.key_lines.get(key, container.line)
    if isinstance(container, LineSeq) and isinstance(key, int) and key < len(container.item_lines):
        return container.item_lines[key]
    return default


@functools.lru_cache(maxsize=8)
def _mkdocs_config(path: Path) -> dict:
    data = read(path, [], missing=None, tolerant=True)
    return data if isinstance(data, dict) else {}


def mkdocs_site_url(path: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """`site_url` of the mkdocs.yml at path, its !ENV tag resolved in environ (default:
    os.environ). MkDocs itself reports what is wrong with the file, so a problem here only
    means 'no address'.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "mkdocs.yml"
    >>> _ = path.write_text("site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\\n")
    >>> mkdocs_site_url(path, {}), mkdocs_site_url(path, {"SITE_URL": "https://example.org/a/"})
    ('http://127.0.0.1:8000/', 'https://example.org/a/')
    """
    url = _mkdocs_config(path.resolve()).get("site_url")
    url = url.resolve(environ) if isinstance(url, EnvTag) else url
    return str(url) if url else None
