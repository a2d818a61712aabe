"""Read seeds and their optional sidecars; every problem is an `InputError` naming file and line.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_bytes(b"\\xef\\xbb\\xbfHello\\r\\nWorld\\r\\n")
>>> [l.text for l in read_source(d / "a.txt").lines]  # the BOM and CRs go; every line is kept
['Hello', 'World', '']
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from build_site.model import Issue, Line, Source
from build_site.read.sidecar import InputError, read_sidecar

__all__ = ["InputError", "decode", "find_seeds", "read_sidecar", "read_source"]

SEED_SUFFIXES = (".txt",)


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
