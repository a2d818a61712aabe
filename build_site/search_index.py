"""The site's search index: Pagefind over the built HTML, written to SITE/pagefind/.

    python -m build_site.search_index site/        # after `zensical build` (Zensical runs no hooks)
    python -m build_site.search_index site/ --quiet

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
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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
    "details.quote",          # "Cite this transcript": the title again
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
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except (ImportError, FileNotFoundError):
        pass
    found = shutil.which("pagefind")
    if found:
        return found
    raise SearchIndexError("the Pagefind binary is not installed: pip install 'pagefind[bin]' (or pip install -e .)")


def command(site_dir: Path, executable: str | None = None, glob: str = PAGES_GLOB) -> list[str]:
    args = [executable or pagefind_executable(), "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR,
            "--glob", glob, "--force-language", "en"]
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
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}  # only the options given here
    # cwd: the site itself, so that no pagefind.yml of the caller's folder is read
    proc = subprocess.run(command(site, glob=glob), cwd=site, env=env, capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    if proc.returncode != 0 or not (out / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind failed ({proc.returncode}):\n{log[-3000:]}")
    m = re.search(r"Indexed (\d+) pages?", log)
    files = [p for p in out.rglob("*") if p.is_file()]
    stats = IndexStats(pages=int(m[1]) if m else -1, files=len(files), bytes=sum(p.stat().st_size for p in files), folder=out)
    if not quiet:
        print(stats, file=sys.stderr)
    return stats


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m build_site.search_index",
                                description="Write the Pagefind search index of a built site into SITE_DIR/pagefind/.")
    p.add_argument("site_dir", nargs="?", type=Path, default=Path("site"), help="the built site (default: site)")
    p.add_argument("--glob", default=PAGES_GLOB, help=f"HTML files to read, in SITE_DIR (default: {PAGES_GLOB})")
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
