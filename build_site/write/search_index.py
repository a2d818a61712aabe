"""The site's search index: Pagefind over the built HTML, written to SITE/pagefind/.

    python -m build_site.write.search_index site/        # after `zensical build` (Zensical runs no hooks)
    python -m build_site.write.search_index site/ --quiet

`mkdocs build` and `mkdocs serve` run it from the hook (build_site/mkdocs_hook.py, on_post_build).

Pagefind (PyPI `pagefind[bin]`, which ships its binary) writes a chunked static index: a reader
downloads the few kilobytes of index that the words of a query need, and the text of the results
shown, instead of the whole archive's text on every page load as Material's built-in search did.
Pagefind's memory grows with the words it reads: a site of more than PART_WORDS (about 1,000
events) is indexed in parts joined into the same index (search_parts.py);
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
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_site.write.pagefind_files import codec_missing, log_problem, make_stable
from build_site.write.search_parts import (
    PART_WORDS,
    EventFolder,
    PartsDoNotJoin,
    join_parts,
    part_glob,
    plan_parts,
    survey,
)

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
    missing = codec_missing()
    if missing:
        raise SearchIndexError(missing)
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
