"""Write stage, the only one that touches files: write pages whose bytes changed, delete generated
files no page claims any more. Unchanged files keep their mtime, so `mkdocs serve` does not loop.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_pages(d, {"events/a.md": "A"}).written, write_pages(d, {"events/a.md": "A"}).written
    (1, 0)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from build_site.config import GENERATED_DIRS, GENERATED_FILES
from build_site.write.page_cache import Unchanged


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    deleted: int


def write_if_changed(path: Path, content: str | Iterable[str] | Iterable[bytes]) -> bool:
    """Write one file only when its bytes differ; True when written. `content` may be a string
    or an iterable of chunks, text or UTF-8 (a large download is streamed, never held whole).
    The old file is compared as the new one is written, up to the first difference: no digest
    of either (hashing both sides of the 36 MB corpus.json was a tenth of a one-seed edit at
    1,000 events)."""
    chunks = (content,) if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        old: BinaryIO | None = path.open("rb")
    except OSError:
        old = None
    same = old is not None
    try:
        with tmp.open("wb") as out:
            for chunk in chunks:
                data = chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")
                out.write(data)
                if same and old is not None:
                    same = old.read(len(data)) == data
        if same and old is not None:
            same = old.read(1) == b""  # and nothing more
    finally:
        if old is not None:
            old.close()
    if same:
        tmp.unlink()
        return False  # unchanged: keep the old file and its mtime
    os.replace(tmp, path)  # atomic: a watcher never sees half a file
    return True


def write_pages(
    docs_dir: Path,
    pages: dict[str, str] | Iterable[tuple[str, str | Iterable[str] | Iterable[bytes]]],
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
    # strings and os.walk, not Path objects: thousands of files are looked at on every build
    for folder in GENERATED_DIRS:
        root = os.path.join(docs_dir, folder)
        if not os.path.isdir(root):
            continue
        for here, _, files in os.walk(root, topdown=False):  # a folder after its contents
            rel = folder + here[len(root) :].replace(os.sep, "/")
            for name in files:
                if f"{rel}/{name}" not in names:
                    os.unlink(os.path.join(here, name))
                    deleted += 1
            if here != root and not os.listdir(here):
                os.rmdir(here)
    for name in GENERATED_FILES:
        path = docs_dir / name
        if name not in names and path.exists():
            path.unlink()
            deleted += 1
    return WriteStats(written, unchanged, deleted)


def content_text(content: str | Iterable[str] | Iterable[bytes]) -> str:
    """A file's text from its chunks (text, or UTF-8 for a streamed download).

    >>> content_text(["a", "b"]), content_text([b"c", b"d"]), content_text("e")
    ('ab', 'cd', 'e')
    """
    if isinstance(content, str):
        return content
    return "".join(c if isinstance(c, str) else c.decode("utf-8") for c in content)
