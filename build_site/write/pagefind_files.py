"""Pagefind's index files, read and written: gzip of b"pagefind_dcd" + CBOR (read and written with
cbor2), and the same index for the same site.

Pagefind writes its filter chunks from hash maps, so the order of their values (and with it the
chunks' names, the metadata file that lists them and pagefind-entry.json) changes from run to
run, while the words' index and the pages' records are stable. A site built twice from the same
input must be the same byte for byte (tests/test_determinism.py): make_stable writes the filter
chunks again with their values in order, named by their content, and the metadata file after
them. A file whose CBOR would not be written back identically is left alone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

try:
    import cbor2
except ImportError:  # a copy installed before cbor2 joined the dependencies: see codec_missing
    cbor2 = None  # type: ignore[assignment]

SIGNATURE = b"pagefind_dcd"


def codec_missing() -> str | None:
    """What to tell the user when cbor2 is not installed (a `git pull` without `pip install -e .`
    since it joined the dependencies), else None: one line instead of a traceback."""
    if cbor2 is None:
        return "cbor2 is not installed (a dependency of the search index): pip install -e ."
    return None


def read_file(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: no Pagefind signature")
    body = raw[len(SIGNATURE) :]
    value = cbor2.loads(body)
    if cbor2.dumps(value) != body:
        raise ValueError(f"{path.name}: would not be written back identically")
    return value


def write_named(folder: Path, prefix: str, digits: int, suffix: str, value) -> str:
    """Write value as a Pagefind file named by its content; returns the name's hash ('en_1a2b3c4')."""
    body = SIGNATURE + cbor2.dumps(value)
    name = f"{prefix}_{hashlib.sha256(body).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    return name


def make_stable(out: Path) -> bool:
    """Rewrite the filter chunks and metadata of the index in `out` in a fixed order; False (and
    nothing changed) when the files are not what this version of the code knows."""
    entry_path = out / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        plans = []
        for language in entry["languages"].values():
            meta_path = out / f"pagefind.{language['hash']}.pf_meta"
            meta = read_file(meta_path)
            filters = {
                name: read_file(out / "filter" / f"{chunk}.pf_filter") for name, chunk in meta[3]
            }
            plans.append((language, meta_path, meta, filters))
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        log_problem(f"the index is left as Pagefind wrote it ({exc})")
        return False
    for language, meta_path, meta, filters in plans:
        prefix = language["hash"].split("_", 1)[0]
        chunks = []
        for name in sorted(filters):
            old = meta_dict(meta[3])[name]
            filter_name, values = filters[name]
            stable = write_named(
                out / "filter",
                prefix,
                7,
                ".pf_filter",
                [filter_name, sorted(values, key=lambda v: v[0])],
            )
            if stable != old:
                (out / "filter" / f"{old}.pf_filter").unlink()
            chunks.append([name, stable])
        meta[3] = chunks
        new = write_named(out, f"pagefind.{prefix}", 10, ".pf_meta", meta)[len("pagefind.") :]
        if new != language["hash"]:
            meta_path.unlink()
        language["hash"] = new
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return True


def meta_dict(pairs: list) -> dict:
    return {name: chunk for name, chunk in pairs}


def log_problem(message: str) -> None:
    print(f"search index: warning: {message}", file=sys.stderr)
