"""Write stage, the only one that touches files: write pages whose bytes changed, delete generated
files no page claims any more. Unchanged files keep their mtime, so `mkdocs serve` does not loop.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_pages(d, {"events/a.md": "A"}).written, write_pages(d, {"events/a.md": "A"}).written
    (1, 0)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .config import GENERATED_DIRS, GENERATED_FILES


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    deleted: int


def write_if_changed(path: Path, content: str) -> bool:
    """Write one file only when its bytes differ; True when written."""
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # atomic: a watcher never sees half a file
    return True


def write_pages(docs_dir: Path, pages: dict[str, str]) -> WriteStats:
    written = unchanged = deleted = 0
    for rel_path in sorted(pages):
        if write_if_changed(docs_dir / rel_path, pages[rel_path]):
            written += 1
        else:
            unchanged += 1
    claimed = {docs_dir / p for p in pages}
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in claimed:
                path.unlink()
                deleted += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for name in GENERATED_FILES:
        path = docs_dir / name
        if path.exists() and path not in claimed:
            path.unlink()
            deleted += 1
    return WriteStats(written, unchanged, deleted)
