"""Read seeds and their optional sidecars; every problem is an `InputError` naming file and line.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_bytes(b"\\xef\\xbb\\xbfHello\\r\\nWorld\\r\\n")
>>> [l.text for l in read_source(d / "a.txt").lines]
['Hello', 'World']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from build_site.config import SIDECAR_KEYS
from build_site.model import Issue, Line, Source

SEED_SUFFIXES = (".txt",)


class InputError(Exception):
    """A seed or sidecar that cannot be used; str() is a one-line 'file:line: error: reason'."""

    def __init__(self, file: str, line: int | None, message: str):
        self.issue = Issue(file, line, "error", message)
        super().__init__(str(self.issue))


def find_seeds(folder: Path) -> list[Path]:
    """Seed files in a stable order (by name, so builds are reproducible)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SEED_SUFFIXES)


def decode(data: bytes, name: str) -> tuple[str, list[Issue]]:
    """UTF-8 (BOM optional); cp1251 with a warning; anything else is an InputError."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(name, line, "binary file (NUL byte); expected UTF-8 text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = exc.start
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise InputError(name, line, "not UTF-8 and not cp1251 text") from None
    # Russian text has Cyrillic words; a Latin-1 'é' decodes to a lone 'й' inside a Latin word
    if not re.search("[А-Яа-яЁё]{2,}", text):
        raise InputError(
            name, line, f"not UTF-8 (invalid byte 0x{data[bad]:02x}); save the file as UTF-8"
        )
    return text, [Issue(name, line, "warning", "not UTF-8; decoded as cp1251")]


def read_source(path: Path) -> Source:
    name = path.name
    data = path.read_bytes()
    text, issues = decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = tuple(Line(i, t) for i, t in enumerate(text.split("\n"), 1))
    if not any(line.text.strip() for line in lines):
        raise InputError(name, None, "empty seed (no text)")
    sidecar, sidecar_lines = read_sidecar(path.with_suffix(".yml"))
    return Source(
        path=str(path),
        name=name,
        lines=lines,
        sidecar=sidecar,
        sidecar_lines=sidecar_lines,
        sha256=hashlib.sha256(data).hexdigest(),
        issues=tuple(issues),
    )


class _SidecarLoader(yaml.SafeLoader):
    """Dates stay text until checked, so '2024-13-01' is a message naming its line, not a crash."""


_SidecarLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def read_sidecar(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Load and validate seeds/<stem>.yml; returns (data, {key: line})."""
    if not path.exists():
        return {}, {}
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
        node = yaml.compose(text, Loader=_SidecarLoader)
        data = yaml.load(text, Loader=_SidecarLoader)
    except UnicodeDecodeError:
        raise InputError(name, None, "sidecar is not UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(name, line, f"invalid YAML: {reason}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise InputError(name, 1, "sidecar must be a mapping of keys to values")
    lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    _check_mapping(data, lines, name)
    lines.update(_figure_lines(node, "figures"))
    events = data.get("events", [])
    if not isinstance(events, list):
        raise InputError(name, lines.get("events"), "'events' must be a list of mappings")
    events_node = next((v for k, v in node.value if k.value == "events"), None)
    for i, item in enumerate(events):
        item_node = events_node.value[i]
        if not isinstance(item, dict):
            raise InputError(
                name, item_node.start_mark.line + 1, "each item of 'events' must be a mapping"
            )
        item_lines = {k.value: k.start_mark.line + 1 for k, _ in item_node.value}
        _check_mapping(item, item_lines, name, nested=True)
        lines.update({f"events.{i}.{k}": v for k, v in item_lines.items()})
        lines.update(_figure_lines(item_node, f"events.{i}.figures"))
    return data, lines


def _figure_lines(node: yaml.MappingNode, prefix: str) -> dict[str, int]:
    """Lines of `figures:` entries and their fields: {'figures.<anchor>[.<field>]': line}."""
    value = next((v for k, v in node.value if k.value == "figures"), None)
    out: dict[str, int] = {}
    if not isinstance(value, yaml.MappingNode):
        return out
    for k, v in value.value:
        out[f"{prefix}.{k.value}"] = k.start_mark.line + 1
        if isinstance(v, yaml.MappingNode):
            for fk, _ in v.value:
                out[f"{prefix}.{k.value}.{fk.value}"] = fk.start_mark.line + 1
    return out


def _check_mapping(
    data: dict[str, Any], lines: dict[str, int], name: str, nested: bool = False
) -> None:
    for key, value in data.items():
        line = lines.get(key)
        if key not in SIDECAR_KEYS or (nested and key == "events"):
            known = ", ".join(k for k in SIDECAR_KEYS if not (nested and k == "events"))
            raise InputError(name, line, f"unknown key {key!r} (known: {known})")
        if key == "date":
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    pass
            if not isinstance(value, dt.date):
                raise InputError(name, line, f"date must be YYYY-MM-DD, got {value!r}")
            data[key] = value
        elif key == "time" and not re.fullmatch(r"\d{2}:\d{2}", str(value)):
            raise InputError(name, line, f"time must be HH:MM, got {value!r}")
        elif key == "doc_type" and value not in ("transcript", "news", "article"):
            raise InputError(
                name, line, f"doc_type must be transcript, news or article, got {value!r}"
            )
        elif key in ("author", "slug") and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(value)):
            raise InputError(
                name, line, f"{key} must be a slug like 'kassym-jomart-tokayev', got {value!r}"
            )
        elif key == "figures":
            if not isinstance(value, dict):
                raise InputError(
                    name, line, "figures must map footnote labels (e.g. putin-2-p3-1) to reviews"
                )
        elif key not in ("events", "date") and not isinstance(value, str):
            raise InputError(name, line, f"{key} must be text, got {type(value).__name__}")
