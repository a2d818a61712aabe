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
