"""Content-addressed cache of per-seed work (read → clean → structure → extract).

A seed's entry is keyed by its name, the bytes of the seed and its sidecar plus a fingerprint of the code
and vocabularies, so any change to either invalidates exactly what it should. Reading happens
in the pipeline; new entries are handed to the write stage, which alone touches files.

    >>> import tempfile, pathlib
    >>> c = SeedCache(pathlib.Path(tempfile.mkdtemp()), "fp")
    >>> key = c.key("a.txt", b"seed", b"")
    >>> c.get(key) is None
    True
    >>> c.save({key: [1, 2]}); c.get(key)
    [1, 2]
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from build_site.config import DATA_DIR, PACKAGE_DIR

FORMAT = b"seed-cache-1"


def fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Hash of the package's code and the vocabularies: a change to either empties the cache."""
    h = hashlib.sha256(FORMAT)
    files = sorted(PACKAGE_DIR.rglob("*.py")) + sorted(Path(data_dir).glob("*.yml"))
    for path in files:
        h.update(path.relative_to(path.parent.parent).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


class SeedCache:
    _loaded: dict[str, Any] = {}
    """Results this process has read or made, by key. `mkdocs serve` rebuilds in one process, and
    reading every seed's pickle back cost 0.25 s of each rebuild at 1,000 events. A key names the
    content, so the result in memory is the one on disk; it is used only while that file exists."""

    def __init__(self, folder: Path | None, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint

    def key(self, name: str, seed: bytes, sidecar: bytes) -> str:
        """The file name counts too: it is part of the result (event keys, messages)."""
        h = hashlib.sha256(self.fingerprint.encode())
        for part in (name.encode("utf-8"), seed, sidecar):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
        return h.hexdigest()

    def get(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        path = self.folder / f"{key}.pickle"
        if key in self._loaded and path.exists():
            return self._loaded[key]
        try:
            value = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing or stale: recompute
        self._loaded[key] = value
        return value

    def save(self, entries: dict[str, Any]) -> None:
        """Store new entries and drop ones no seed uses any more (write stage only)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for key, value in entries.items():
            tmp = self.folder / f".{key}.tmp"
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.folder / f"{key}.pickle")
            self._loaded[key] = value

    @classmethod
    def forget(cls) -> None:
        """Let go of the results kept in memory, for a process that builds once (`mkdocs build`
        goes on to convert every page while they would stay)."""
        cls._loaded.clear()

    def prune(self, keep: set[str]) -> int:
        if self.folder is None or not self.folder.is_dir():
            return 0
        stale = [p for p in self.folder.glob("*.pickle") if p.stem not in keep]
        for p in stale:
            p.unlink()
        for key in [k for k in self._loaded if k not in keep]:
            del self._loaded[key]
        return len(stale)


# --- rendered pages ------------------------------------------------------------------------------

PAGES_FORMAT = b"page-cache-1"


class Unchanged(str):
    """A page the cache vouches for: the file in docs_src/ already holds what rendering would give
    (same inputs as when it was written, and the file is as the build left it). The write stage
    claims it without reading or writing it. A `str` (empty), so code that only passes pages on
    keeps working."""

    __slots__ = ()


UNCHANGED = Unchanged()


def render_fingerprint(seed_fingerprint: str, templates: Path, *extra: object) -> str:
    """The seed cache's fingerprint plus templates and settings: a change to any re-renders all."""
    h = hashlib.sha256(PAGES_FORMAT + seed_fingerprint.encode())
    for path in sorted(Path(templates).rglob("*.j2")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(repr(extra).encode())
    return h.hexdigest()


class PageCache:
    """Which inputs each generated file was rendered from, so a build renders only the pages whose
    inputs changed (see Renderer.cached). One pickle beside the seed cache:
    {docs-relative path: (input key, size, mtime_ns)}; a hit also needs the file on disk to be the
    one the build wrote (size and mtime), so a hand-deleted or edited file is rendered again.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> c = PageCache.load(None, d, "fp")
    >>> k = c.key("events/a.md", ("v1",))
    >>> c.get("events/a.md", k) is None
    True
    """

    NAME = "pages.index"  # not *.pickle: SeedCache.prune owns those

    def __init__(self, folder: Path | None, docs: Path, fingerprint: str, entries: dict):
        self.folder, self.docs, self.fingerprint = folder, docs, fingerprint
        self.entries: dict[str, tuple[str, int, int]] = entries
        self.pending: dict[str, str] = {}
        self.hits = self.misses = 0

    @classmethod
    def load(cls, folder: Path | None, docs: Path, fingerprint: str) -> PageCache:
        entries: dict = {}
        if folder is not None:
            try:
                fp, entries = pickle.loads((folder / cls.NAME).read_bytes())
                if fp != fingerprint:
                    entries = {}
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                entries = {}
        return cls(folder, docs, fingerprint, entries)

    def key(self, path: str, inputs: object) -> str:
        return hashlib.blake2b(
            f"{self.fingerprint}\0{path}\0{inputs!r}".encode(), digest_size=20
        ).hexdigest()

    def get(self, path: str, key: str) -> Unchanged | None:
        entry = self.entries.get(path)
        if entry is not None and entry[0] == key:
            try:
                st = os.stat(self.docs / path)
            except OSError:
                st = None
            if st is not None and (st.st_size, st.st_mtime_ns) == entry[1:]:
                self.hits += 1
                self.pending[path] = key
                return UNCHANGED
        self.misses += 1
        return None

    def put(self, path: str, key: str) -> None:
        self.pending[path] = key

    def size(self, path: str) -> int:
        """Bytes of the file as written (for a path get() found unchanged)."""
        return self.entries[path][1]

    def save(self) -> None:
        """After the write stage: remember the inputs and the file as written (write stage only)."""
        if self.folder is None:
            return
        entries = {}
        for path, key in self.pending.items():
            try:
                st = os.stat(self.docs / path)
            except OSError:
                continue
            entries[path] = (key, st.st_size, st.st_mtime_ns)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{self.NAME}.tmp"
        tmp.write_bytes(pickle.dumps((self.fingerprint, entries), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, self.folder / self.NAME)
        self.entries, self.pending = entries, {}


class Memo(dict):
    """A dict of results computed from content keys, kept between builds in one pickle (e.g. the
    series each event belongs to). Only the entries read or made in this build are saved, so it
    never outgrows the corpus. Loaded by the pipeline, saved by the write stage."""

    def __init__(self, path: Path | None, fingerprint: str):
        super().__init__()
        self.path, self.fingerprint = path, fingerprint
        self.used: set = set()
        self.added = False
        if path is not None:
            try:
                fp, entries = pickle.loads(path.read_bytes())
                if fp == fingerprint:
                    self.update(entries)
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                pass

    def get(self, key, default=None):
        self.used.add(key)
        return super().get(key, default)

    def __setitem__(self, key, value) -> None:
        self.used.add(key)
        self.added = True
        super().__setitem__(key, value)

    def save(self) -> None:
        """Keep what this build used; the file is rewritten only when that differs from it."""
        if self.path is None:
            return
        if not self.added and len(self.used) == len(self) and self.path.exists():
            return
        keep = {k: v for k, v in self.items() if k in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        with tmp.open("wb") as out:  # streamed: the pickle is 17 MB at 5,000 events
            pickle.dump((self.fingerprint, keep), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
