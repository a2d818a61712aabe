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
import sqlite3
from pathlib import Path
from typing import Any

import jinja2

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


class Memo(dict):
    """A dict of results computed from content keys, kept between builds (e.g. the series each
    event belongs to). Loaded by the pipeline, saved by the write stage.

    One pickle of the entries, plus a file the entries made since are appended to: an edit adds a
    few entries, and rewriting the whole memo (3.6 MB at 1,000 events) took a twentieth of a
    one-seed regeneration. Entries no build asked for are dropped when the file is rewritten,
    which happens once they or the appended ones pass a fifth of the memo, so it never outgrows
    the corpus by much.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "memo.index"
    >>> m = Memo(path, "fp"); m.update({(i,): i for i in range(10)}); m.used = set(m); m.save()
    >>> m = Memo(path, "fp"); _ = [m.get((i,)) for i in range(1, 10)]; m[("b",)] = 2; m.save()
    >>> m.appended.exists(), len(Memo(path, "fp")), Memo(path, "fp")[("b",)]
    (True, 11, 2)
    >>> m = Memo(path, "fp"); _ = [m.get((i,)) for i in range(5)]; m.save()  # 6 unused: rewritten
    >>> m.appended.exists(), sorted(Memo(path, "fp")), Memo(path, "other code") == {}
    (False, [(0,), (1,), (2,), (3,), (4,)], True)
    """

    _saved: dict[Path, tuple] = {}
    """What this process last saved to each memo: the files' sizes and times, its fingerprint,
    entries and appended count. `mkdocs serve` rebuilds in one process, and reading the memo back
    (its vocabularies' patterns compiled again) cost a few hundredths of each rebuild."""

    def __init__(self, path: Path | None, fingerprint: str):
        super().__init__()
        self.path, self.fingerprint = path, fingerprint
        self.used: set = set()
        self.new: set = set()
        """Keys made in this build."""
        self.loaded = False
        """The file was read (and is this fingerprint's): appending to it is safe."""
        self.later = 0
        """Entries in the appended file."""
        if path is None:
            return
        saved = self._saved.get(path)
        if saved is not None and saved[:2] == (self._files(), fingerprint):
            self.update(saved[2])
            self.loaded, self.later = True, saved[3]
            return
        try:
            fp, entries = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return
        if fp != fingerprint:
            return
        self.update(entries)
        self.loaded = True
        try:
            with self.appended.open("rb") as f:
                while True:
                    fp, entries = pickle.load(f)
                    if fp == fingerprint:
                        self.update(entries)
                        self.later += len(entries)
        except FileNotFoundError:
            pass
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass  # the end, or a record cut short: what it held is made again

    def _files(self) -> tuple:
        """Sizes and times of the memo's files (None for one that is not there)."""
        assert self.path is not None
        found: list[tuple[int, int] | None] = []
        for path in (self.path, self.appended):
            try:
                st = os.stat(path)
                found.append((st.st_size, st.st_mtime_ns))
            except OSError:
                found.append(None)
        return tuple(found)

    def _remember(self) -> None:
        if self.path is not None:
            self._saved[self.path] = (self._files(), self.fingerprint, dict(self), self.later)

    @property
    def appended(self) -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.name + ".added")  # not *.pickle (SeedCache's)

    def get(self, key, default=None):
        self.used.add(key)
        return super().get(key, default)

    def keep(self, versions: set[str]) -> None:
        """Count as used every entry made for one of these versions (a key naming one): a build
        that the dependency record spares asks for few of them, and they would be dropped at the
        next rewrite only to be made again by the next edit (1 s at 1,000 events)."""
        self.used.update(k for k in self if any(part in versions for part in k[1:3]))

    def __setitem__(self, key, value) -> None:
        self.used.add(key)
        self.new.add(key)
        super().__setitem__(key, value)

    def save(self) -> None:
        """Append what this build made, or rewrite the file with what it used."""
        if self.path is None:
            return
        unused = sum(1 for k in self if k not in self.used)
        if not self.new and not unused and self.path.exists():
            self._remember()
            return
        limit = len(self) // 5
        if self.loaded and unused <= limit and self.later + len(self.new) <= limit:
            with self.appended.open("ab") as f:
                added = {k: self[k] for k in self.new}
                pickle.dump((self.fingerprint, added), f, protocol=pickle.HIGHEST_PROTOCOL)
            self.later += len(self.new)
            self.new = set()
            self._remember()
            return
        keep = {k: v for k, v in self.items() if k in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        with tmp.open("wb") as out:  # streamed: the pickle is 17 MB at 5,000 events
            pickle.dump((self.fingerprint, keep), out, protocol=pickle.HIGHEST_PROTOCOL)
        self.appended.unlink(missing_ok=True)  # before the new file: never older additions on it
        os.replace(tmp, self.path)
        self.loaded, self.later, self.new = True, 0, set()
        self.clear()
        self.update(keep)
        self._remember()


class TemplateBytecode(jinja2.BytecodeCache):
    """The generator's templates as Jinja2 compiled them, kept between builds in one pickle: each
    command-line build starts a new process, and compiling the templates a build renders was
    0.07 s of a one-seed edit at 1,000 events. A bucket holds its source's checksum, so an edited
    template is compiled again (jinja2.BytecodeCache). Read by the render stage's environment,
    saved by the write stage.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> env = jinja2.Environment(bytecode_cache=TemplateBytecode(folder))
    >>> env.bytecode_cache.save(); sorted(p.name for p in folder.iterdir())
    []
    >>> _ = env.from_string("x")  # a string has no bucket: nothing stored
    """

    NAME = "templates.index"  # not *.pickle: SeedCache.prune owns those

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.store: dict[str, bytes] = {}
        self.added = False
        if folder is not None:
            try:
                self.store = pickle.loads((folder / self.NAME).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
                self.store = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # a stale checksum or Python leaves it empty

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        self.added = True

    def save(self) -> None:
        """Write the file when a template was compiled in this build (write stage only)."""
        if self.folder is None or not self.added:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{self.NAME}.tmp"
        tmp.write_bytes(pickle.dumps(self.store, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, self.folder / self.NAME)
        self.added = False
