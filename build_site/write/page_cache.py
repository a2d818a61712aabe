"""The page cache: which inputs each generated file was rendered from, so a build renders (and,
with the dependency record, even keys) only the pages whose inputs changed. Read by the pipeline,
saved by the write stage, which alone touches files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from pathlib import Path

PAGES_FORMAT = b"page-cache-2"


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
    GIVES = "gives.sqlite"
    """Each event version's contributions (Renderer.contributions), one row each: a thousand
    events give 3 MB, of which an edit reads one or two rows (in pages.index, reading and
    writing them all took a tenth of a one-seed regeneration)."""

    def __init__(
        self,
        folder: Path | None,
        docs: Path,
        fingerprint: str,
        entries: dict,
        reads: dict | None = None,
    ):
        self.folder, self.docs, self.fingerprint = folder, docs, fingerprint
        self.entries: dict[str, tuple[str, int, int]] = entries
        self.reads: dict = reads or {}
        """The dependency record of the last build, as the renderer left it (Renderer.kept):
        each event's version, and what each group of pages read ("units"). What each version
        gave the pages (Renderer.contributions) is asked for changed events only: `gives`."""
        self.new_reads: dict = {}
        """The record of this build, filled by the renderer; saved when it is complete."""
        self._gives: sqlite3.Connection | None | bool = False  # not opened yet
        self.pending: dict[str, str] = {}
        """Pages rendered in this build: path → input key (their files are looked at on save)."""
        self.kept: dict[str, tuple[str, int, int]] = {}
        """Pages found unchanged: their entries stand as they are."""
        self.hits = self.misses = 0

    @classmethod
    def load(cls, folder: Path | None, docs: Path, fingerprint: str) -> PageCache:
        entries: dict = {}
        reads: dict = {}
        if folder is not None:
            try:
                fp, entries, packed = pickle.loads((folder / cls.NAME).read_bytes())
                reads = _unpack(packed) if fp == fingerprint else {}
                if fp != fingerprint:
                    entries = {}
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                entries, reads = {}, {}
        return cls(folder, docs, fingerprint, entries, reads)

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
                self.kept[path] = entry
                self.pending.pop(path, None)
                return UNCHANGED
        self.misses += 1
        return None

    def gives(self, version: str) -> dict | None:
        """What an event of this version gave the pages in the build that recorded it (None:
        not recorded)."""
        if self._gives is False:
            self._gives = None
            path = self.folder / self.GIVES if self.folder is not None else None
            if path is not None and path.exists():
                try:
                    self._gives = sqlite3.connect(path)
                except sqlite3.Error:
                    self._gives = None
        if not isinstance(self._gives, sqlite3.Connection):
            return None
        try:
            row = self._gives.execute(
                "SELECT gives FROM gives WHERE version = ? AND fingerprint = ?",
                (version, self.fingerprint),
            ).fetchone()
            return pickle.loads(row[0]) if row else None
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return None

    def vouch(self, path: str) -> Unchanged | None:
        """UNCHANGED when the file is as the build that recorded it wrote it (its size and time):
        for a page the dependency record shows nothing it reads has changed, so its key is the
        one recorded and is not made again."""
        entry = self.entries.get(path)
        if entry is None:
            return None
        try:
            st = os.stat(self.docs / path)
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns) != entry[1:]:
            return None
        self.hits += 1
        self.kept[path] = entry
        self.pending.pop(path, None)
        return UNCHANGED

    def put(self, path: str, key: str) -> None:
        self.pending[path] = key
        self.kept.pop(path, None)

    def size(self, path: str) -> int:
        """Bytes of the file as written (for a path get() found unchanged)."""
        return self.entries[path][1]

    def save(self) -> None:
        """After the write stage: remember the inputs and the file as written (write stage only)."""
        if self.folder is None:
            return
        entries = dict(self.kept)  # looked at by get() in this build
        for path, key in self.pending.items():
            try:
                st = os.stat(self.docs / path)
            except OSError:
                continue
            entries[path] = (key, st.st_size, st.st_mtime_ns)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{self.NAME}.tmp"
        reads = self.new_reads if self.new_reads.get("complete") else {}
        if reads:
            self._save_gives(reads.pop("gives", {}), set(reads["events"].values()))
        tmp.write_bytes(
            pickle.dumps(
                (self.fingerprint, entries, _pack(reads)), protocol=pickle.HIGHEST_PROTOCOL
            )
        )
        os.replace(tmp, self.folder / self.NAME)
        self.entries, self.pending, self.kept = entries, {}, {}
        self.reads, self.new_reads = reads, {}

    def _save_gives(self, gives: dict[str, dict], versions: set[str]) -> None:
        """Store the contributions made in this build; drop those of versions no event has now
        (an edited event's old version) and of other code."""
        if isinstance(self._gives, sqlite3.Connection):
            self._gives.close()
        self._gives = False
        assert self.folder is not None
        old = set(self.reads.get("events", {}).values()) - versions
        with sqlite3.connect(self.folder / self.GIVES) as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS gives "
                "(version TEXT PRIMARY KEY, fingerprint TEXT, gives BLOB)"
            )
            if not self.reads:  # no record read: whatever is there is of no use
                db.execute("DELETE FROM gives")
            db.executemany("DELETE FROM gives WHERE version = ?", ((v,) for v in old))
            db.executemany(
                "INSERT OR REPLACE INTO gives VALUES (?, ?, ?)",
                (
                    (v, self.fingerprint, pickle.dumps(g, protocol=pickle.HIGHEST_PROTOCOL))
                    for v, g in gives.items()
                ),
            )
        db.close()


def _pack(reads: dict) -> dict:
    """The record with each atom stored once (units share them: 0.7 MB → 0.2 MB a thousand
    events)."""
    if not reads:
        return {}
    table: dict = {}
    units = {
        unit: (tuple(table.setdefault(a, len(table)) for a in atoms), paths)
        for unit, (atoms, paths) in reads["units"].items()
    }
    return dict(reads, units=units, atoms=tuple(table))


def _unpack(packed: dict) -> dict:
    if not packed:
        return {}
    atoms = packed["atoms"]
    units = {
        unit: (frozenset(atoms[i] for i in found), paths)
        for unit, (found, paths) in packed["units"].items()
    }
    return {k: v for k, v in packed.items() if k != "atoms"} | {"units": units}
