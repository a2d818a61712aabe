"""Where an event page's bytes go: the mean size of each part of the built event pages of a site.

    python benchmarks/page_parts.py SITE_DIR [--limit N]

Parts are found by the markers Material and build_site/theme write (header, tabs, the two
sidebars, the article and its blocks, footnotes, footer, inline scripts, JSON-LD); the rest of
the page is "other". Also reports the mean TEI file and how much of it is indentation.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

#: (part, regex of the whole part); the first match in the page counts; later parts may lie
#: inside earlier ones (article blocks inside the article) and are listed indented.
PARTS: list[tuple[str, str]] = [
    ("head", r"<head>.*?</head>"),
    (
        "  inline scripts (theme)",
        r"<script>\(function \(\) \{.*?</script>(?:<script>\(function.*?</script>)?",
    ),
    ("  inline script (Material __md_scope)", r"<script>__md_scope.*?</script>"),
    ("  JSON-LD", r'<script type="application/ld\+json">.*?</script>'),
    ("  Open Graph/Twitter meta", r'<meta property="og:site_name".*?(?=</head>)'),
    ("header", r'<header class="md-header".*?</header>'),
    ("  palette switch + script", r'<form class="md-header__option".*?</script>'),
    (
        "  search dialog",
        r'<div class="md-search archive-search".*?(?=<div class="md-header__source">)',
    ),
    ("tabs", r'<nav class="md-tabs".*?</nav>'),
    (
        "navigation sidebar",
        r'<div class="md-sidebar md-sidebar--primary".*?(?=<div class="md-sidebar md-sidebar--secondary")',
    ),
    (
        "table of contents",
        r'<div class="md-sidebar md-sidebar--secondary".*?(?=<div class="md-content")',
    ),
    ("article", r"<article.*?</article>"),
    ("  event meta + tags", r'<div class="event-meta".*?(?=<div class="search-facets")'),
    ("  search facets", r'<div class="search-facets".*?</div>'),
    ("  Cite menu", r'<div class="event-cite".*?</details>\s*</div>'),
    ("  footnotes", r'<div class="footnote">.*?</ol>\s*</div>'),
    ("footer", r'<footer class="md-footer">.*?</footer>'),
    ("config + script tags", r'<script id="__config".*?</body>'),
]
_TAG = re.compile(r"<[^>]+>")
_SPEECH_TEXT = re.compile(r'<p[^>]* id="[^"]*-p\d+">(.*?)<a class="para-link"', re.S)


def parts(page: str) -> dict[str, int]:
    out: dict[str, int] = {"page": len(page.encode())}
    for name, pattern in PARTS:
        m = re.search(pattern, page, re.S)
        out[name] = len(m.group().encode()) if m else 0
    top = sum(v for k, v in out.items() if k != "page" and not k.startswith(" "))
    out["other (body start, main wrappers, back-to-top)"] = out["page"] - top
    text = "".join(html.unescape(_TAG.sub("", t)) for t in _SPEECH_TEXT.findall(page))
    out["  (paragraph text, no markup)"] = len(text.encode())
    out["  (per-paragraph ¶ links)"] = sum(
        len(m.encode()) for m in re.findall(r' ?<a class="para-link".*?</a>', page)
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="at most N event pages (0: all)")
    args = ap.parse_args(argv)
    pages = sorted(
        p for p in (args.site / "events").glob("*/index.html") if not p.parent.name.isdigit()
    )  # year pages (events/2000/) are lists, not events
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        print(f"{args.site}: no event pages", file=sys.stderr)
        return 1
    sums: dict[str, int] = {}
    for p in pages:
        for k, v in parts(p.read_text(encoding="utf-8")).items():
            sums[k] = sums.get(k, 0) + v
    print(f"{len(pages)} event pages, mean bytes per page:")
    for k, v in sums.items():
        print(f"  {k:<52} {v / len(pages):>9,.0f}")
    tei = sorted((args.site / "downloads" / "tei").glob("*.xml"))
    if tei:
        size = sum(p.stat().st_size for p in tei)
        indent = sum(
            len(m.encode())
            for p in tei
            for m in re.findall(r"\n[ \t]*", p.read_text(encoding="utf-8"))
        )
        print(
            f"{len(tei)} TEI files, mean {size / len(tei):,.0f} bytes, "
            f"of which newlines + indentation {indent / len(tei):,.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
