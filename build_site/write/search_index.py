"""The site's search index: Pagefind over the built HTML, written to SITE/pagefind/.

    python -m build_site.write.search_index site/        # after `zensical build` (Zensical runs no hooks)
    python -m build_site.write.search_index site/ --quiet

`mkdocs build` and `mkdocs serve` run it from the hook (build_site/mkdocs_hook.py, on_post_build).

Pagefind (PyPI `pagefind[bin]`, which ships its binary) writes a chunked static index: a reader
downloads the few kilobytes of index that the words of a query need, and the text of the results
shown, instead of the whole archive's text on every page load as Material's built-in search did.
Pagefind's memory grows with the words it reads: a site of more than PART_WORDS (about 1,000
events) is indexed in parts joined into the same index ("a large site in parts" below);
BUILD_SITE_SEARCH_PART_WORDS=N in the environment sets another budget.

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
import heapq
import html as html_lib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import urllib.parse
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import cbor2

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
    parts: int = 1  # Pagefind processes, one after the other

    def __str__(self) -> str:
        runs = f" in {self.parts} parts" if self.parts > 1 else ""
        return f"search index: {self.pages} pages indexed{runs}; {self.files} files, {self.bytes / 1024:.0f} KB in {self.folder}"


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


def command(
    site_dir: Path,
    executable: str | None = None,
    glob: str = PAGES_GLOB,
    output: Path | None = None,
) -> list[str]:
    """Pagefind's command line; output: the folder written (default SITE_DIR/OUTPUT_SUBDIR)."""
    args = [
        executable or pagefind_executable(),
        "--site",
        str(site_dir),
        *(["--output-path", str(output)] if output else ["--output-subdir", OUTPUT_SUBDIR]),
        "--glob",
        glob,
        "--force-language",
        "en",
    ]
    for selector in EXCLUDE:
        args += ["--exclude-selectors", selector]
    return args


def build_index(
    site_dir: Path | str,
    *,
    quiet: bool = True,
    glob: str = PAGES_GLOB,
    part_words: int = 0,
) -> IndexStats:
    """Index the built site in site_dir (replacing an earlier index); returns what was written.
    glob: the HTML files to read, relative to site_dir. part_words: the words one Pagefind process
    reads at most (default: BUILD_SITE_SEARCH_PART_WORDS in the environment, else PART_WORDS); a
    larger site is indexed in parts joined into one index."""
    site = Path(site_dir).resolve()
    if not (site / "index.html").is_file():
        raise SearchIndexError(f"{site} holds no built site (no index.html): build it first")
    out = site / OUTPUT_SUBDIR
    if out.exists():
        shutil.rmtree(out)
    folders = survey(site) if glob == PAGES_GLOB else None
    part_words = part_words or part_words_wanted()
    parts = plan_parts(folders, part_words) if folders else []
    pages = -1
    if len(parts) > 1:
        try:
            pages = build_in_parts(site, out, parts)
            runs = len(parts)
        # PartsDoNotJoin; a Pagefind that writes its files otherwise than join_parts knows, or
        # fails on a part's glob; no room for the parts beside the site: one run may still work
        except (SearchIndexError, OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            reason = next(iter(str(exc).strip().splitlines()), "") or type(exc).__name__
            log_problem(f"indexed in one run, which needs more memory ({reason})")
            if out.exists():
                shutil.rmtree(out)
    if pages < 0:
        pages = indexed_pages(run_pagefind(site, out, glob))
        runs = 1
    make_stable(out)
    files = [p for p in out.rglob("*") if p.is_file()]
    stats = IndexStats(
        pages=pages,
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        folder=out,
        parts=runs,
    )
    if not quiet:
        print(stats, file=sys.stderr)
    return stats


def part_words_wanted() -> int:
    """BUILD_SITE_SEARCH_PART_WORDS from the environment, else PART_WORDS."""
    value = os.environ.get("BUILD_SITE_SEARCH_PART_WORDS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    if value:
        log_problem(
            f"BUILD_SITE_SEARCH_PART_WORDS={value!r} is not a number of words; {PART_WORDS} it is"
        )
    return PART_WORDS


def run_pagefind(site: Path, out: Path, glob: str) -> str:
    """Pagefind over the files of site matching glob, written to out; returns its log."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")
    }  # only the options given here
    # cwd: the site itself, so that no pagefind.yml of the caller's folder is read
    proc = subprocess.run(
        command(site, glob=glob, output=out), cwd=site, env=env, capture_output=True, text=True
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0 or not (out / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind failed ({proc.returncode}):\n{log[-3000:]}")
    return log


def indexed_pages(log: str) -> int:
    m = re.search(r"Indexed (\d+) pages?", log)
    return int(m[1]) if m else -1


def build_index_apart(site_dir: Path | str) -> str:
    """build_index in a process of its own, at low priority (under `nice` where there is one);
    returns its summary line. For `mkdocs serve`: Pagefind takes both processors for seconds,
    and make_stable's Python after it would hold the interpreter the next edit's rebuild (the page
    a writer waits for) runs in."""
    here = str(Path(__file__).resolve().parents[2])  # the folder holding build_site/
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    args = [sys.executable, "-m", "build_site.write.search_index", str(site_dir)]
    nice = shutil.which("nice") if os.name == "posix" else None
    if nice:
        args = [nice, "-n", "19", *args]
    proc = subprocess.run(args, env=env, capture_output=True, text=True)
    lines = proc.stderr.strip().splitlines()
    if proc.returncode != 0:
        raise SearchIndexError("\n".join(lines[-20:]) or f"exit status {proc.returncode}")
    return lines[-1] if lines else "search index: written"


# --- a large site in parts ----------------------------------------------------------------------
#
# Pagefind holds every page's words and their positions until it writes the index, and copies them
# while it builds it: its peak memory grows with the indexed text, not with the pages' furniture
# (event pages cut down to their data-pagefind-body element: the same 620 MB at 1,000 events). At
# 5,000 events that is 3.1 GB. So a site with more words than PART_WORDS is indexed in parts, one
# Pagefind process after the other, and the parts are joined here into the index one run would
# have written: the same pages in the same order, the same word chunks, filters and sort (the
# reader's side does not change; Pagefind's own mergeIndex would make a reader download every
# part's metadata and WebAssembly). A part is a run of event folders in the order Pagefind walks
# them (the folder's own order, os.scandir's), so the pages' numbers are the one run's.

#: Words one Pagefind process reads at most, counted roughly: the spaces and line breaks of each
#: page from its data-pagefind-body element on, about twice its indexed words (the metadata,
#: figure notes and attributes count too). Pagefind peaks near 170 bytes per word so counted:
#: 620 MB at 1,000 events (3.6 million), one run; 5,000 events make 5 parts.
PART_WORDS = 4_000_000

#: Length of the folder names one part's glob lists at most (one argument: Linux takes 128 KB).
PART_GLOB_CHARS = 100_000

#: Words of one index chunk: Pagefind's default (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE is not passed).
INDEX_CHUNK_SIZE = 20_000

#: A folder name that can be written in a glob as it is.
GLOB_SAFE_NAME = re.compile(r"[\w.\-]+")

#: The sort keys of a page, as build_site/templates/event.md.j2 writes them (Pagefind reads the
#: element's text); join_parts checks them against each part's own sorted lists.
SORT_ELEMENT = re.compile(r'data-pagefind-sort="([^"\[:]+)"[^>]*>([^<]*)<')
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


class PartsDoNotJoin(ValueError):
    """The parts' indexes are not what join_parts knows: the site is indexed in one run instead."""


@dataclass(frozen=True)
class IndexedPage:
    """A page Pagefind indexes, as the join checks it: its URL and sort keys."""

    url: str  # as Pagefind writes it: /events/<id>/
    sorts: dict[str, str]


@dataclass(frozen=True)
class EventFolder:
    """A folder of site/events as a part of the index sees it."""

    name: str
    words: int  # counted roughly, as PART_WORDS says
    pages: tuple[IndexedPage, ...]  # in Pagefind's order


def survey(site: Path) -> list[EventFolder] | None:
    """The folders in site/events in the order Pagefind walks them; None when a part's glob
    could not name one, or a page beside them would be left out of every part."""
    folders = []
    try:
        entries = list(os.scandir(site / "events"))
    except OSError:
        return None
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            if entry.name.endswith(".html") and "data-pagefind-body" in Path(entry.path).read_text(
                encoding="utf-8", errors="replace"
            ):
                return None
            continue
        if not GLOB_SAFE_NAME.fullmatch(entry.name):
            return None
        words, pages = 0, []
        for path in walk_html(Path(entry.path)):
            html = path.read_text(encoding="utf-8", errors="replace")
            body = html.find("data-pagefind-body")
            if body >= 0:
                words += html.count(" ", body) + html.count("\n", body)
                sorts = {m[1]: html_lib.unescape(m[2]).strip() for m in SORT_ELEMENT.finditer(html)}
                pages.append(IndexedPage(page_url(path.relative_to(site).as_posix()), sorts))
        folders.append(EventFolder(entry.name, words, tuple(pages)))
    return folders


def plan_parts(folders: list[EventFolder], part_words: int) -> list[list[EventFolder]]:
    """folders cut into runs of even size and at most part_words (as far as folders allow); []
    when they fit one run."""
    total = sum(folder.words for folder in folders)
    if total <= part_words:
        return []
    target = total / -(-total // part_words)  # as many parts as needed, of even size
    parts: list[list[EventFolder]] = [[]]
    words = chars = 0
    for folder in folders:
        if parts[-1] and (
            words + folder.words / 2 > target or chars + len(folder.name) > PART_GLOB_CHARS
        ):
            parts.append([])
            words = chars = 0
        parts[-1].append(folder)
        words += folder.words
        chars += len(folder.name) + 1
    return parts


def page_url(path: str) -> str:
    """The URL Pagefind gives the file at path (relative to the site): index.html left out.

    >>> page_url("events/2024-05-03-talks-in-astana/index.html")
    '/events/2024-05-03-talks-in-astana/'
    >>> page_url("events/2024/page-2.html")
    '/events/2024/page-2.html'
    """
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return "/" + urllib.parse.quote(path)


def walk_html(folder: Path):
    """The HTML files under folder in the order Pagefind's walk finds them: each directory's
    entries in the order the file system lists them, a subfolder's files before the next entry."""
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            yield from walk_html(Path(entry.path))
        elif entry.name.endswith(".html"):
            yield Path(entry.path)


def part_glob(part: list[EventFolder]) -> str:
    return "events/{" + ",".join(folder.name for folder in part) + "}/**/*.html"


def build_in_parts(site: Path, out: Path, parts: list[list[EventFolder]]) -> int:
    """Index each part apart, one Pagefind process at a time, and join them into out; returns the
    number of pages indexed."""
    # beside the site, not in it (a build stopped halfway leaves nothing to publish), and not in
    # /tmp, which may be held in memory
    work = Path(tempfile.mkdtemp(prefix=".pagefind-parts-", dir=site.parent))
    try:
        folders = []
        for number, part in enumerate(parts):
            folder = work / str(number)
            log = run_pagefind(site, folder, part_glob(part))
            if "Did not find a data-pagefind-body" in log:
                raise PartsDoNotJoin(f"part {number} holds no event page")
            folders.append(folder)
        pages = [[page for folder in part for page in folder.pages] for part in parts]
        return join_parts(folders, out, pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sort_order(pages: list[IndexedPage], key: str) -> list[int]:
    """Pagefind's order of the pages by key (numbers as numbers when every value is one; a stable
    sort), as their numbers."""
    values = [(page.sorts[key], n) for n, page in enumerate(pages) if key in page.sorts]
    if all(NUMBER.fullmatch(value) for value, _ in values):
        as_f32 = [(struct.unpack("f", struct.pack("f", float(value)))[0], n) for value, n in values]
        return [n for _, n in sorted(as_f32, key=lambda pair: pair[0])]
    return [n for _, n in sorted(values, key=lambda pair: pair[0].encode("utf-8"))]


def join_parts(folders: list[Path], out: Path, pages: list[list[IndexedPage]]) -> int:
    """Join the indexes Pagefind wrote in folders (the parts, in page order) into one in out;
    pages: the pages each part indexes. Returns the number of pages."""
    entries = [json.loads((f / "pagefind-entry.json").read_text(encoding="utf-8")) for f in folders]
    languages = entries[0]["languages"]
    if len(languages) != 1 or any(e["languages"].keys() != languages.keys() for e in entries):
        raise PartsDoNotJoin("the parts are not all in one language")
    (language,) = languages
    prefix = languages[language]["hash"].split("_", 1)[0]
    metas = [
        _read(f / f"pagefind.{e['languages'][language]['hash']}.pf_meta")
        for f, e in zip(folders, entries)
    ]
    if any(len(m) != 6 or m[0] != metas[0][0] or m[5] != metas[0][5] for m in metas):
        raise PartsDoNotJoin("the parts' metadata differ in version or fields")
    firsts = [sum(len(m[1]) for m in metas[:i]) for i in range(len(metas))]
    for folder, meta, part_pages in zip(folders, metas, pages):
        if len(meta[1]) != len(part_pages) or any(
            fragment_url(folder, meta[1][n][0]) != part_pages[n].url for n in (0, -1)
        ):
            raise PartsDoNotJoin("a part indexed other pages than its folders hold")
        keys = sorted({key for page in part_pages for key in page.sorts})
        if [[key, sort_order(part_pages, key)] for key in keys] != meta[4]:
            raise PartsDoNotJoin("a part's sort order is not the one read from its pages")

    out.mkdir(parents=True)
    # pagefind.js, the WebAssembly, the UIs: the same in each part
    for path in folders[0].iterdir():
        if path.is_file() and path.suffix != ".pf_meta" and path.name != "pagefind-entry.json":
            shutil.copy2(path, out / path.name)
    (out / "fragment").mkdir()
    for folder in folders:  # one file per page, named by its content: the same as in one run
        for path in (folder / "fragment").iterdir():
            target = out / "fragment" / path.name
            if target.exists():
                raise PartsDoNotJoin(f"two parts name a page {path.stem}")
            shutil.move(path, target)

    filters: dict[str, dict[str, list[int]]] = {}
    for folder, meta, first in zip(folders, metas, firsts):
        for _, chunk in meta[3]:
            name, values = _read(folder / "filter" / f"{chunk}.pf_filter")
            for value, numbers in values:
                filters.setdefault(name, {}).setdefault(value, []).extend(
                    n + first for n in numbers
                )
    (out / "filter").mkdir()
    filter_chunks = [
        [
            name,
            _write(
                out / "filter",
                prefix,
                7,
                ".pf_filter",
                [name, [list(v) for v in sorted(values.items())]],
            ),
        ]
        for name, values in sorted(filters.items())
    ]
    everyone = [page for part_pages in pages for page in part_pages]
    keys = sorted({key for page in everyone for key in page.sorts})
    meta = [
        metas[0][0],
        [page for m in metas for page in m[1]],
        write_word_chunks(folders, metas, firsts, out / "index", prefix),
        [[name, chunk] for name, chunk in filter_chunks],
        [[key, sort_order(everyone, key)] for key in keys],
        metas[0][5],
    ]
    meta_name = _write(out, f"pagefind.{prefix}", 10, ".pf_meta", meta)
    entry = entries[0]
    entry["languages"][language].update(hash=meta_name[len("pagefind.") :], page_count=len(meta[1]))
    (out / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return len(meta[1])


def fragment_url(folder: Path, name: str) -> str:
    raw = gzip.decompress((folder / "fragment" / f"{name}.pf_fragment").read_bytes())
    return json.loads(raw[len(SIGNATURE) :])["url"]


def part_words(folder: Path, meta: list, first: int):
    """The words of a part's index in order, as [word, pages, last page, variants]; a variant is
    [form, pages, last page]. Pages are [number, positions, meta positions], the number coded as
    the difference from the page before (as Pagefind writes them); the first page's number, and
    the last page, are the joined index's (the part's own plus first)."""
    for number, (_, _, chunk) in enumerate(meta[2]):
        raw = gzip.decompress((folder / "index" / f"{chunk}.pf_index").read_bytes())
        body = raw[len(SIGNATURE) :]
        value = cbor2.loads(body)
        # the first chunk of each part shows that cbor2 writes back what Pagefind wrote
        if not raw.startswith(SIGNATURE) or (number == 0 and cbor2.dumps(value) != body):
            raise PartsDoNotJoin(f"index chunk {chunk} would not be written back identically")
        for word, pages, variants in value[0]:
            yield [
                word,
                *page_run(pages, first),
                [[form, *page_run(variant_pages, first)] for form, variant_pages in variants],
            ]


def page_run(pages: list, first: int) -> tuple[list, int]:
    """pages (delta-coded) with first added to the first one's number; and the last's number."""
    if not pages:
        return pages, 0
    pages[0][0] += first
    return pages, sum(map(itemgetter(0), pages))


def extend_run(run: list, pages: list, last: int) -> None:
    """Append pages (from a later part) to run [.., pages, last, ..] at index 1."""
    if pages:
        if run[1]:
            pages[0][0] -= run[2]
        run[1].extend(pages)
        run[2] = last


def joined_words(folders: list[Path], metas: list, firsts: list[int]):
    """Every part's words in order, a word in several parts made one (its pages in part order)."""
    joined = None
    streams = [part_words(f, m, first) for f, m, first in zip(folders, metas, firsts)]
    for word in heapq.merge(*streams, key=itemgetter(0)):
        if joined is not None and joined[0] == word[0]:
            extend_run(joined, word[1], word[2])
            for form, pages, last in word[3]:
                same = next((v for v in joined[3] if v[0] == form), None)
                if same:
                    extend_run(same, pages, last)
                else:
                    joined[3].append([form, pages, last])
            continue
        if joined is not None:
            yield joined
        joined = word
    if joined is not None:
        yield joined


def positions(pages: list) -> int:
    """What a word's pages count for in an index chunk's size (Pagefind's chunk_index)."""
    locs = sum(map(len, map(itemgetter(1), pages)))
    return locs + sum(map(len, map(itemgetter(2), pages))) + len(pages)


def write_word_chunks(folders, metas, firsts, folder: Path, prefix: str) -> list[list[str]]:
    """The joined words in chunks as Pagefind cuts them (a chunk ends once it holds
    INDEX_CHUNK_SIZE positions), each named by its content; returns the metadata's chunk list
    [first word, last word, name] with the words cut to the prefixes that tell chunks apart."""
    folder.mkdir()
    chunks: list[list[str]] = []
    words: list = []
    size = 0
    # gzip is a third of the join's time: a thread compresses (zlib lets go of the GIL)
    with ThreadPoolExecutor(max_workers=1) as gzipper:
        writes: list[Future] = []
        for word in joined_words(folders, metas, firsts):
            size += positions(word[1])  # (Pagefind 1.5 leaves the variants' pages out)
            words.append([word[0], word[1], [[form, pages] for form, pages, _ in word[3]]])
            if size >= INDEX_CHUNK_SIZE:
                chunks.append(word_chunk(words, prefix, chunks, folder, gzipper, writes))
                words, size = [], 0
        if words:
            chunks.append(word_chunk(words, prefix, chunks, folder, gzipper, writes))
        for write in writes:
            write.result()  # raises what the thread met
    for before, after in zip(chunks, chunks[1:]):
        common = len(os.path.commonprefix([before[1], after[0]]))
        if before[1][: common + 1] >= before[0]:
            before[1] = before[1][: common + 1]
        after[0] = after[0][: common + 1]
    return chunks


def word_chunk(words: list, prefix: str, named: list, folder: Path, gzipper, writes: list) -> list:
    """[first word, last word, name] of an index chunk of words, named as Pagefind names it (its
    hash, longer when another chunk has that name); its file is written by the gzipper thread."""
    body = cbor2.dumps([words])
    digest = "".join(f"{byte:x}" for byte in hashlib.sha1(body).digest())
    taken = {chunk[2] for chunk in named}
    name = f"{prefix}_{digest[:7]}"
    while name in taken and len(name) < len(prefix) + 1 + len(digest):
        name = f"{prefix}_{digest[: len(name) - len(prefix)]}"
    writes.append(gzipper.submit(write_gzip, folder / f"{name}.pf_index", SIGNATURE + body))
    return [words[0][0], words[-1][0], name]


def write_gzip(path: Path, data: bytes) -> None:
    # level 8: smaller than Pagefind's own files in all (level 9 is 40% slower for 0.1% less)
    path.write_bytes(gzip.compress(data, compresslevel=8, mtime=0))


# --- the same index for the same site ---------------------------------------------------------------
#
# Pagefind writes its filter chunks from hash maps, so the order of their values (and with it the
# chunks' names, the metadata file that lists them and pagefind-entry.json) changes from run to
# run, while the words' index and the pages' records are stable. A site built twice from the same
# input must be the same byte for byte (tests/test_determinism.py): the filter chunks are written
# again with their values in order, named by their content, and the metadata file after them.
# Pagefind's files are gzip of b"pagefind_dcd" + CBOR (read and written with cbor2); a file whose
# CBOR would not be written back identically is left alone.

SIGNATURE = b"pagefind_dcd"


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: no Pagefind signature")
    body = raw[len(SIGNATURE) :]
    value = cbor2.loads(body)
    if cbor2.dumps(value) != body:
        raise ValueError(f"{path.name}: would not be written back identically")
    return value


def _write(folder: Path, prefix: str, digits: int, suffix: str, value) -> str:
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
