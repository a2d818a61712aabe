"""The reader's side of a built site: what opening an event page and searching costs, in Chromium.

    python benchmarks/reader.py site/                  # prints one JSON line
    python benchmarks/reader.py site/ --query energy

`reader_cost(site_dir)` serves the site on 127.0.0.1 under site_url's path (as GitHub Pages does),
opens an event page in a fresh headless Chromium context (empty cache), waits for it to load,
types a query into the header's search box and waits for the first result, counting the bytes of
every response body on the way (no compression: what a server without gzip sends). bench.py calls
it for each size. It works with Material's own search (search/search_index.json) as with the
Pagefind index (pagefind/), so the two can be compared on the same corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the checkout's tests/ helpers
    sys.path.insert(0, str(ROOT))

from tests.browser.sitebuild import LAUNCH_ARGS, serve  # noqa: E402
from tests.browser.sitebuild import chromium_path as chromium  # noqa: E402

EVENT_DIR = re.compile(r"^\d{4}-\d\d-\d\d-")
#: Where a search result is shown: Material's list and ours use the same item class.
RESULT = ".md-search-result__item a"


def public_of(site_dir: Path) -> str:
    """site_url as the build wrote it: the home page's canonical link ('' when there is none)."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return m[1] if m else ""


def pick_event(site_dir: Path) -> str:
    """The middle event page (by name): site-relative URL 'events/<id>/'."""
    names = sorted(
        p.parent.name
        for p in (site_dir / "events").glob("*/index.html")
        if EVENT_DIR.match(p.parent.name)
        and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:400]
    )
    if not names:
        raise SystemExit(f"{site_dir}: no event pages")
    return f"events/{names[len(names) // 2]}/"


def kind(url: str) -> str:
    path = urlsplit(url).path
    if "/pagefind/" in path or path.endswith("search_index.json") or "/workers/search" in path:
        return "search"
    if path.endswith("sitemap.xml"):
        return "sitemap"
    return "page"


def reader_cost(
    site_dir: Path | str, query: str = "trade", *, results: int = 5, timeout_ms: int = 120_000
) -> dict:
    """Bytes and seconds from opening an event page (empty cache) to the first search result.

    Returns {"event", "query", "bytes", "requests", "by_kind": {"page", "search", "sitemap"}, "load_s",
    "first_result_s" (from typing the query), "total_s" (from opening the page), "results_s" (to
    `results` results, or None), "sitemap_bytes", "search_bytes"}.
    """
    from playwright.sync_api import sync_playwright

    site = Path(site_dir)
    path = chromium()
    if path is None:
        raise RuntimeError("no Chromium (/usr/bin/chromium or CHROMIUM_PATH)")
    event = pick_event(site)
    with serve(site, public_of(site)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=LAUNCH_ARGS)
        try:
            ctx = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
            page = ctx.new_page()
            finished = []
            page.on("requestfinished", lambda r: finished.append((time.perf_counter(), r)))
            t0 = time.perf_counter()
            page.goto(event, wait_until="load")
            page.wait_for_load_state("networkidle")
            t1 = time.perf_counter()
            page.click("input.md-search__input")
            t2 = time.perf_counter()
            page.keyboard.type(query)
            page.locator(RESULT).first.wait_for(state="visible", timeout=timeout_ms)
            t3 = time.perf_counter()
            try:
                page.locator(RESULT).nth(results - 1).wait_for(state="attached", timeout=5_000)
                t4 = time.perf_counter()
            except Exception:
                t4 = None
            first_href = page.locator(RESULT).first.get_attribute("href")
            by_kind = {"page": 0, "search": 0, "sitemap": 0}
            count = 0
            for at, request in list(finished):
                # what arrived by the first result (the filters' values load after it)
                if at > t3 or not request.url.startswith(("http://", "https://")):
                    continue
                size = request.sizes()["responseBodySize"]
                by_kind[kind(request.url)] += size
                count += 1
            ctx.close()
        finally:
            browser.close()
    return {
        "event": event,
        "query": query,
        "bytes": sum(by_kind.values()),
        "requests": count,
        "by_kind": by_kind,
        "search_bytes": by_kind["search"],
        "sitemap_bytes": by_kind["sitemap"],
        "load_s": round(t1 - t0, 3),
        "first_result_s": round(t3 - t2, 3),
        "total_s": round(t3 - t0, 3),
        "results_s": round(t4 - t2, 3) if t4 else None,
        "first_result": first_href,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("site_dir", type=Path)
    p.add_argument("--query", default="trade")
    args = p.parse_args(argv)
    print(json.dumps(reader_cost(args.site_dir, args.query)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
