"""Write stage, the only one that touches files: write pages whose bytes changed, delete generated
files no page claims any more. Unchanged files keep their mtime, so `mkdocs serve` does not loop.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_pages(d, {"events/a.md": "A"}).written, write_pages(d, {"events/a.md": "A"}).written
    (1, 0)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from build_site.config import GENERATED_DIRS, GENERATED_FILES
from build_site.write.cache import Unchanged


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    deleted: int


def write_if_changed(path: Path, content: str | Iterable[str]) -> bool:
    """Write one file only when its bytes differ; True when written. `content` may be a string
    or an iterable of chunks (a large download is streamed, never held whole)."""
    chunks = (content,) if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    new = hashlib.sha256()
    with tmp.open("wb") as out:
        for chunk in chunks:
            data = chunk.encode("utf-8")
            new.update(data)
            out.write(data)
    try:
        same_size = path.stat().st_size == tmp.stat().st_size
    except OSError:
        same_size = False
    if same_size and _sha256(path) == new.digest():  # other sizes differ without reading
        tmp.unlink()
        return False  # unchanged: keep the old file and its mtime
    os.replace(tmp, path)  # atomic: a watcher never sees half a file
    return True


def _sha256(path: Path) -> bytes:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.digest()


def write_pages(
    docs_dir: Path, pages: dict[str, str] | Iterable[tuple[str, str | Iterable[str]]]
) -> WriteStats:
    """Write every (path, content) and prune generated files that no page claims any more."""
    written = unchanged = deleted = 0
    names: set[str] = set()
    for rel_path, content in pages.items() if isinstance(pages, dict) else pages:
        names.add(rel_path)
        if isinstance(content, Unchanged):  # the page cache vouches for the file on disk
            unchanged += 1
        elif write_if_changed(docs_dir / rel_path, content):
            written += 1
        else:
            unchanged += 1
    claimed = {docs_dir / p for p in names}
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
