"""A large site indexed in parts, joined into the index one Pagefind run would write.

Pagefind holds every page's words and their positions until it writes the index, and copies them
while it builds it: its peak memory grows with the indexed text, not with the pages' furniture
(event pages cut down to their data-pagefind-body element: the same 620 MB at 1,000 events). At
5,000 events that is 3.1 GB. So a site with more words than PART_WORDS is indexed in parts, one
Pagefind process after the other, and the parts are joined here into the index one run would
have written: the same pages in the same order, the same word chunks, filters and sort (the
reader's side does not change; Pagefind's own mergeIndex would make a reader download every
part's metadata and WebAssembly). A part is a run of event folders in the order Pagefind walks
them (the folder's own order, os.scandir's), so the pages' numbers are the one run's.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import html as html_lib
import json
import os
import re
import shutil
import struct
import urllib.parse
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from build_site.write.pagefind_files import SIGNATURE, cbor2, read_file, write_named

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
        read_file(f / f"pagefind.{e['languages'][language]['hash']}.pf_meta")
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
            name, values = read_file(folder / "filter" / f"{chunk}.pf_filter")
            for value, numbers in values:
                filters.setdefault(name, {}).setdefault(value, []).extend(
                    n + first for n in numbers
                )
    (out / "filter").mkdir()
    filter_chunks = [
        [
            name,
            write_named(
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
    meta_name = write_named(out, f"pagefind.{prefix}", 10, ".pf_meta", meta)
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
