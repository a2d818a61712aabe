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
        try:
            return pickle.loads((self.folder / f"{key}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing or stale: recompute

    def save(self, entries: dict[str, Any]) -> None:
        """Store new entries and drop ones no seed uses any more (write stage only)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for key, value in entries.items():
            tmp = self.folder / f".{key}.tmp"
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.folder / f"{key}.pickle")

    def prune(self, keep: set[str]) -> int:
        if self.folder is None or not self.folder.is_dir():
            return 0
        stale = [p for p in self.folder.glob("*.pickle") if p.stem not in keep]
        for p in stale:
            p.unlink()
        return len(stale)
