"""Each event's part of the corpus-wide downloads (its corpus.json entry, its figures.csv rows, its
citations), kept between builds by content key, so that one edited seed costs one event's
encoding, not the archive's.

One SQLite file (Python's sqlite3: a keyed store that updates a row in place, where a pickle of the
whole dict, 43 MB at 1,000 events, had to be read and written again for each edit). Rows are read
only when a corpus-wide file must be made again. Written by the write stage (save), read by the
render stage through get() like a dict.

    >>> import tempfile, pathlib
    >>> store = PartStore(pathlib.Path(tempfile.mkdtemp()), "fp")
    >>> store.get(("corpus.json", "v1")) is None
    True
    >>> store[("corpus.json", "v1")] = '{"id":"a"}'
    >>> store.save()
    >>> PartStore(store.folder, "fp").get(("corpus.json", "v1"))
    '{"id":"a"}'
    >>> PartStore(store.folder, "other code").get(("corpus.json", "v1")) is None
    True
"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

READ_AHEAD = 250
"""Rows a query reads ahead (SQLite allows 999 parameters in a query in its older versions)."""


class PartStore:
    NAME = "parts.sqlite"

    def __init__(self, folder: Path, fingerprint: str):
        self.folder, self.fingerprint = folder, fingerprint
        self.new: dict[str, bytes] = {}
        """Parts made in this build, zlib-compressed until saved: a cold build makes every event's
        (as text, 75 MB a thousand events, held until the write stage's save)."""
        self.used: set[str] = set()
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._plan: dict[str, int] = {}
        self._order: list[str] = []
        self._ahead: dict[str, str] = {}
        """Rows read ahead in the planned order (see `plan`), each handed out once."""

    def _rows(self) -> sqlite3.Connection | None:
        """The database, opened on first use; None when it cannot be read (then all is made anew)."""
        if not self._opened:
            self._opened = True
            path = self.folder / self.NAME
            if path.exists():
                try:
                    db = sqlite3.connect(path)
                    (fp,) = db.execute(
                        "SELECT value FROM meta WHERE key = 'fingerprint'"
                    ).fetchone()
                    self._db = db if fp == self.fingerprint else None
                except (sqlite3.Error, TypeError):
                    self._db = None
        return self._db

    def plan(self, keys: list[tuple]) -> None:
        """The keys about to be asked for, in order: they are then read a few hundred rows a
        query (one query a row was a twentieth of a one-seed regeneration at 1,000 events),
        never all at once (a corpus-wide file's parts are tens of MB)."""
        self._order = [repr(k) for k in keys]
        self._plan = {k: i for i, k in enumerate(self._order)}
        self._ahead = {}

    def get(self, key: tuple, default: str | None = None) -> str | None:
        k = repr(key)
        self.used.add(k)
        if k in self.new:
            return zlib.decompress(self.new[k]).decode("utf-8")
        db = self._rows()
        if db is None:
            return default
        if k in self._ahead:
            return self._ahead.pop(k)
        at = self._plan.get(k)
        if at is not None:
            batch = self._order[at : at + READ_AHEAD]
            marks = ",".join("?" * len(batch))
            self._ahead = dict(
                db.execute(f"SELECT key, value FROM parts WHERE key IN ({marks})", batch)
            )
            return self._ahead.pop(k, default)
        row = db.execute("SELECT value FROM parts WHERE key = ?", (k,)).fetchone()
        return row[0] if row else default

    def __setitem__(self, key: tuple, value: str) -> None:
        k = repr(key)
        self.used.add(k)
        self.new[k] = zlib.compress(value.encode("utf-8"), 1)

    def save(self) -> None:
        """Store what this build made and, now and then, drop the parts it did not use (write stage
        only); a build that made no corpus-wide download leaves the file as it is."""
        if not self.used:
            return
        db = self._rows()
        if self._db is not None:
            self._db.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / self.NAME
        if db is None:  # none yet, unreadable, or another fingerprint: start again
            path.unlink(missing_ok=True)
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS parts (key TEXT PRIMARY KEY, value TEXT)")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (self.fingerprint,))
            db.executemany(
                "INSERT OR REPLACE INTO parts VALUES (?, ?)",
                ((k, zlib.decompress(v).decode("utf-8")) for k, v in self.new.items()),
            )
            # parts no build asks for are dropped once they pass a fifth of the store: listing
            # every part in use to keep them was a twentieth of a one-seed edit
            (rows,) = db.execute("SELECT COUNT(*) FROM parts").fetchone()
            if rows > len(self.used) + len(self.used) // 5:
                db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self.used))
                db.execute("DELETE FROM parts WHERE key NOT IN (SELECT key FROM used)")
        db.close()
        self.new, self.used, self._db, self._opened = {}, set(), None, False
