"""The site's search index: Pagefind over the built HTML, written to SITE/pagefind/.

    python -m build_site.write.search_index site/        # after `zensical build` (Zensical runs no hooks)
    python -m build_site.write.search_index site/ --quiet

`mkdocs build` and `mkdocs serve` run it from the hook (build_site/mkdocs_hook.py, on_post_build).

Pagefind (PyPI `pagefind[bin]`, which ships its binary) writes a chunked static index: a reader
downloads the few kilobytes of index that the words of a query need, and the text of the results
shown, instead of the whole archive's text on every page load as Material's built-in search did.

What is indexed is decided in the HTML, not here:

- only pages with a `data-pagefind-body` element (event pages: build_site/theme/main.html wraps
  their article in one), so list pages that repeat events (topics, places, people, indexes,
  paginated lists) are left out; and only the events/ folder is read (PAGES_GLOB);
- inside it, elements marked `data-pagefind-ignore` (the event's metadata and tags: they are
  filters) and the furniture named in EXCLUDE below are skipped;
- filters (`data-pagefind-filter`: speaker, year, type, topic, place), metadata
  (`data-pagefind-meta`: title, date, speakers) and the date sort come from the hidden
  `.search-facets` block that build_site/templates/event.md.j2 writes.

The reader's side (the header search box, filters, highlighting) is docs_src/assets/search.js.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

try:  # `pagefind[bin]` ships the binary in a wheel; plain `pagefind` needs it on PATH
    from pagefind_bin import get_executable
except ImportError:
    get_executable = None

#: Folder of the index inside the site (search.js loads SITE_ROOT/pagefind/pagefind.js).
OUTPUT_SUBDIR = "pagefind"

#: The HTML files Pagefind reads: event pages live in events/<id>/. The data-pagefind-body marker
#: decides what is indexed; reading only this folder spares parsing the other pages (at 1,000
#: events: 17 s and 630 MB instead of 57 s and 1.06 GB, on a loaded 2-core machine).
PAGES_GLOB = "events/**/*.html"

#: Furniture inside the indexed article that is not reading text: permalink glyphs (# and ¶),
#: footnote markers, the figure notes (generated annotations that repeat other events' figures;
#: they would be attributed to the last speech of the page) and their back-links (↩), cite buttons.
EXCLUDE = (
    ".headerlink",
    ".para-link",
    ".footnote-ref",
    ".footnote",
    ".footnote-backref",
    ".cite-button",
    "details.quote",  # "Cite this transcript": the title again
    ".md-skip",
    ".md-source-file",
)


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    files: int
    bytes: int
    folder: Path

    def __str__(self) -> str:
        return f"search index: {self.pages} pages indexed; {self.files} files, {self.bytes / 1024:.0f} KB in {self.folder}"


def pagefind_executable() -> str:
    """The binary of the `pagefind-bin` package (installed by `pagefind[bin]`), else `pagefind` on PATH."""
    if get_executable is not None:
        try:
            return str(get_executable())
        except FileNotFoundError:
            pass
    found = shutil.which("pagefind")
    if found:
        return found
    raise SearchIndexError(
        "the Pagefind binary is not installed: pip install 'pagefind[bin]' (or pip install -e .)"
    )


def command(site_dir: Path, executable: str | None = None, glob: str = PAGES_GLOB) -> list[str]:
    args = [
        executable or pagefind_executable(),
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT_SUBDIR,
        "--glob",
        glob,
        "--force-language",
        "en",
    ]
    for selector in EXCLUDE:
        args += ["--exclude-selectors", selector]
    return args


def build_index(site_dir: Path | str, *, quiet: bool = True, glob: str = PAGES_GLOB) -> IndexStats:
    """Index the built site in site_dir (replacing an earlier index); returns what was written.
    glob: the HTML files to read, relative to site_dir."""
    site = Path(site_dir).resolve()
    if not (site / "index.html").is_file():
        raise SearchIndexError(f"{site} holds no built site (no index.html): build it first")
    out = site / OUTPUT_SUBDIR
    if out.exists():
        shutil.rmtree(out)
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")
    }  # only the options given here
    # cwd: the site itself, so that no pagefind.yml of the caller's folder is read
    proc = subprocess.run(
        command(site, glob=glob), cwd=site, env=env, capture_output=True, text=True
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0 or not (out / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind failed ({proc.returncode}):\n{log[-3000:]}")
    make_stable(out)
    m = re.search(r"Indexed (\d+) pages?", log)
    files = [p for p in out.rglob("*") if p.is_file()]
    stats = IndexStats(
        pages=int(m[1]) if m else -1,
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        folder=out,
    )
    if not quiet:
        print(stats, file=sys.stderr)
    return stats


def build_index_apart(
    site_dir: Path | str, started: Callable[[subprocess.Popen], None] | None = None
) -> str:
    """build_index in a process of its own, at low priority (under `nice` where there is one);
    returns its summary line. For `mkdocs serve`: Pagefind takes both processors for seconds,
    and make_stable's Python after it would hold the interpreter the next edit's rebuild (the page
    a writer waits for) runs in. `started` is given the process, which leads a process group of
    its own (Pagefind is its child), so that the caller can stop both."""
    here = str(Path(__file__).resolve().parents[2])  # the folder holding build_site/
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    args = [sys.executable, "-m", "build_site.write.search_index", str(site_dir)]
    nice = shutil.which("nice") if os.name == "posix" else None
    if nice:
        args = [nice, "-n", "19", *args]
    proc = subprocess.Popen(
        args,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=os.name == "posix",
    )
    if started is not None:
        started(proc)
    _, err = proc.communicate()
    lines = err.strip().splitlines()
    if proc.returncode != 0:
        raise SearchIndexError("\n".join(lines[-20:]) or f"exit status {proc.returncode}")
    return lines[-1] if lines else "search index: written"


# --- the same index for the same site ---------------------------------------------------------------
#
# Pagefind writes its filter chunks from hash maps, so the order of their values (and with it the
# chunks' names, the metadata file that lists them and pagefind-entry.json) changes from run to
# run, while the words' index and the pages' records are stable. A site built twice from the same
# input must be the same byte for byte (tests/test_determinism.py): the filter chunks are written
# again with their values in order, named by their content, and the metadata file after them.
# Pagefind's files are gzip of b"pagefind_dcd" + CBOR; only what they use is read and written here,
# and a file whose CBOR would not be written back identically is left alone.

SIGNATURE = b"pagefind_dcd"


def _cbor_decode(data: bytes, i: int = 0):
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[i : i + size], "big")
        i += size
    else:
        raise ValueError(f"CBOR item {head:#x} not supported")
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major == 2:
        return bytes(data[i : i + value]), i + value
    if major == 3:
        return data[i : i + value].decode("utf-8"), i + value
    if major in (4, 5):
        items = []
        for _ in range(value * (2 if major == 5 else 1)):
            item, i = _cbor_decode(data, i)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2]))), i
    raise ValueError(f"CBOR major type {major} not supported")


def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise ValueError(f"{value} too large for CBOR")


def _cbor_encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        raise ValueError("CBOR simple values not supported")
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(
            _cbor_encode(k) + _cbor_encode(v) for k, v in value.items()
        )
    raise ValueError(f"{type(value).__name__} not supported")


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: no Pagefind signature")
    body = raw[len(SIGNATURE) :]
    value, end = _cbor_decode(body)
    if end != len(body) or _cbor_encode(value) != body:
        raise ValueError(f"{path.name}: would not be written back identically")
    return value


def _write(folder: Path, prefix: str, digits: int, suffix: str, value) -> str:
    """Write value as a Pagefind file named by its content; returns the name's hash ('en_1a2b3c4')."""
    body = SIGNATURE + _cbor_encode(value)
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
            meta = _read(meta_path)
            filters = {
                name: _read(out / "filter" / f"{chunk}.pf_filter") for name, chunk in meta[3]
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
            stable = _write(
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
        new = _write(out, f"pagefind.{prefix}", 10, ".pf_meta", meta)[len("pagefind.") :]
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m build_site.write.search_index",
        description="Write the Pagefind search index of a built site into SITE_DIR/pagefind/.",
    )
    p.add_argument(
        "site_dir",
        nargs="?",
        type=Path,
        default=Path("site"),
        help="the built site (default: site)",
    )
    p.add_argument(
        "--glob",
        default=PAGES_GLOB,
        help=f"HTML files to read, in SITE_DIR (default: {PAGES_GLOB})",
    )
    p.add_argument("--quiet", action="store_true", help="print only errors")
    args = p.parse_args(argv)
    try:
        build_index(args.site_dir, quiet=args.quiet, glob=args.glob)
    except SearchIndexError as exc:
        print(f"search index: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
