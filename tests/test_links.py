"""The built site, page by page: every internal link and anchor resolves, nothing is fetched from
another host, and each page meets the basics of accessibility and link previews.

The site is built once (MkDocs + the build_site hook, from a temporary copy of the project) and
read with the standard library's HTML parser; no network is used. A short walker rather than
`linkchecker`: it checks fragments on every page (footnote refs and backrefs, speech and paragraph
anchors, cross-page anchors) and needs no server.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_site.read.yamlfile import mkdocs_site_url
from tests.browser.sitebuild import ROOT, built_site

pytestmark = pytest.mark.slow

#: Attributes that make the browser fetch something when the page loads.
RESOURCE_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("image", "href"),
    ("use", "href"),
    ("object", "data"),
}
FETCHED_LINK_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "icon",
    "manifest",
    "apple-touch-icon",
}
SITE_URL = (mkdocs_site_url(ROOT / "mkdocs.yml") or "").rstrip("/") + "/"
EVENT_PAGE = re.compile(r"^events/\d{4}-\d\d-\d\d-[^/]+/index\.html$")


@dataclass
class Page:
    path: str  # site-relative file, e.g. events/x/index.html
    lang: str | None = None
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, href) of a / area / link
    resources: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) fetched on load
    headings: list[tuple[int, bool]] = field(default_factory=list)  # (level, inside the article)
    svgs: list[dict] = field(default_factory=list)
    idrefs: list[tuple[str, str]] = field(default_factory=list)  # (attribute, id) that must exist
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    inline_styles: list[str] = field(default_factory=list)


class PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.article = 0
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        page = self.page
        if tag == "html":
            page.lang = a.get("lang")
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                page.ids.add(a[key])
        if tag == "article":
            self.article += 1
        if re.fullmatch(r"h[1-6]", tag):
            page.headings.append((int(tag[1]), self.article > 0))
        href = a.get("href") or a.get("xlink:href")
        if tag in ("a", "area") and href is not None:
            page.links.append((tag, href))
        if tag == "link" and "href" in a:
            rels = set(a.get("rel", "").lower().split())
            if rels & FETCHED_LINK_RELS:
                page.resources.append((f"link rel={a.get('rel')}", a["href"]))
            elif "canonical" in rels:
                page.canonical = a["href"]
            else:
                page.links.append(("link", a["href"]))
        for t, attr in RESOURCE_ATTRS:
            if tag == t and (a.get(attr) or a.get("xlink:" + attr)):
                page.resources.append((tag, a.get(attr) or a.get("xlink:" + attr)))
        if self.article:  # the page's own content; Material's chrome is Material's business
            if tag == "svg":
                page.svgs.append(a)
            for attr in ("aria-describedby", "aria-labelledby", "aria-controls", "for"):
                if a.get(attr):
                    page.idrefs += [(attr, ref) for ref in a[attr].split()]
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                page.meta[key] = a.get("content", "")
        if tag == "style":
            self.in_style = True
        if a.get("style"):
            page.inline_styles.append(a["style"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.article -= 1
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.page.inline_styles.append(data)


def parse(site: Path, file: Path) -> Page:
    page = Page(path=file.relative_to(site).as_posix())
    PageParser(page).feed(file.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> dict[str, Page]:
    found = read_pages(site_dir)
    assert "index.html" in found and len(found) > 10
    return found


def resolve(site: Path, page: str, href: str) -> tuple[str | None, str]:
    """(site-relative file or None when outside the site, fragment) of a link on a page."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        absolute = href.split("#", 1)[0]
        if not absolute.startswith(SITE_URL):
            return None, ""
        target = absolute[len(SITE_URL) :]
    elif not parts.path:
        return page, unquote(parts.fragment)
    elif parts.path.startswith("/"):  # root-absolute: only right under site_url's path
        root = urlsplit(SITE_URL).path or "/"
        if not parts.path.startswith(root):
            return f"../outside site_url {root}", ""
        target = parts.path[len(root) :]
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        if parts.path.endswith("/") and target != ".":
            target += "/"
    target = unquote(target)
    if target in (".", "./", ""):
        target = "index.html"
    if target.endswith("/"):
        target += "index.html"
    elif (site / target).is_dir():
        target += "/index.html"
    return posixpath.normpath(target), unquote(parts.fragment)


def is_internal(href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme in ("mailto", "tel", "javascript", "data"):
        return False
    return not (parts.scheme or parts.netloc) or href.startswith(SITE_URL)


def read_pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): parse(site, p) for p in sorted(site.rglob("*.html"))}


def broken_links(site: Path, pages: dict[str, Page]) -> tuple[int, list[str]]:
    """(internal links checked, the broken ones) of a built site: a missing page or anchor."""
    broken: list[str] = []
    checked = 0
    for path, page in pages.items():
        for tag, href in page.links:
            if not is_internal(href):
                continue
            target, fragment = resolve(site, path, href)
            if target is None:
                continue
            checked += 1
            if target.startswith("../") or not (site / target).is_file():
                broken.append(f"{path}: <{tag} href={href!r}> → missing {target}")
                continue
            if fragment and target.endswith(".html") and fragment not in pages[target].ids:
                broken.append(f"{path}: <{tag} href={href!r}> → no id {fragment!r} in {target}")
    return checked, broken


def test_every_internal_link_and_anchor_resolves(site_dir, pages):
    checked, broken = broken_links(site_dir, pages)
    assert checked > 100
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:60])


def test_footnote_refs_and_backrefs_pair_up(pages):
    problems = []
    for path, page in pages.items():
        refs = {i[len("fnref:") :] for i in page.ids if i.startswith("fnref:")}
        notes = {i[len("fn:") :] for i in page.ids if i.startswith("fn:")}
        if refs != notes:
            problems.append(
                f"{path}: refs without notes {sorted(refs - notes)[:5]}, notes without refs {sorted(notes - refs)[:5]}"
            )
    assert not problems, "\n".join(problems)


def test_event_pages_have_speech_and_paragraph_anchors(pages):
    events = [p for path, p in pages.items() if EVENT_PAGE.match(path)]
    assert events, "no event pages"
    for page in events:
        speech = [i for i in page.ids if re.fullmatch(r"[a-z][a-z0-9-]*-\d+", i)]
        paragraph = [i for i in page.ids if re.fullmatch(r"(?:[a-z][a-z0-9-]*-\d+|lead)-p\d+", i)]
        assert paragraph, f"{page.path}: no paragraph anchors"
        assert speech or all(i.startswith("lead-") for i in paragraph), (
            f"{page.path}: no speech anchors"
        )
        own_links = {href.lstrip("#") for tag, href in page.links if href.startswith("#")}
        assert set(paragraph) <= own_links, (
            f"{page.path}: paragraphs without a ¶ link: {sorted(set(paragraph) - own_links)[:5]}"
        )


def test_nothing_is_fetched_from_another_host(site_dir, pages):
    foreign = []
    for path, page in pages.items():
        for tag, url in page.resources:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                foreign.append(f"{path}: <{tag}> {url}")
        for style in page.inline_styles:
            foreign += [
                f"{path}: style url({u})"
                for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", style)
            ]
    for css in site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        foreign += [
            f"{css.relative_to(site_dir)}: {m}"
            for m in re.findall(
                r"@import\s+url\(\s*['\"]?(?:https?:)?//[^)]+\)|url\(\s*['\"]?(?:https?:)?//[^)'\"]+",
                text,
            )
        ]
    assert not foreign, "\n".join(sorted(set(foreign))[:40])


def test_language_headings_and_text_alternatives(pages):
    problems = []
    for path, page in pages.items():
        if path == "404.html" or "http-equiv" in "".join(page.meta):
            continue
        if len(page.ids) < 3 and not page.headings:  # a redirect stub
            continue
        if page.lang != "en":
            problems.append(f"{path}: <html lang={page.lang!r}>")
        h1 = [lvl for lvl, _ in page.headings if lvl == 1]
        if len(h1) != 1:
            problems.append(f"{path}: {len(h1)} h1 elements")
        levels = [lvl for lvl, _ in page.headings]
        skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        if skips or (levels and levels[0] != 1):
            problems.append(f"{path}: heading levels {levels[:12]} skip {skips[:3]}")
        for svg in page.svgs:
            if svg.get("role") == "img" and not (
                svg.get("aria-label") or svg.get("aria-labelledby")
            ):
                problems.append(f"{path}: <svg role=img> without aria-label")
            if svg.get("role") == "group" and not svg.get(
                "aria-labelledby"
            ):  # a map whose dots are links
                problems.append(f"{path}: <svg role=group> without aria-labelledby")
            if svg.get("role") not in ("img", "group") and svg.get("aria-hidden") != "true":
                problems.append(
                    f"{path}: <svg class={svg.get('class')!r}> in the content is neither role=img, "
                    "a named role=group nor aria-hidden"
                )
        missing = sorted({f"{attr}={ref}" for attr, ref in page.idrefs if ref not in page.ids})
        if missing:
            problems.append(f"{path}: references to missing ids {missing[:5]}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])


def test_event_pages_have_description_and_social_metadata(pages):
    events = {path: p for path, p in pages.items() if EVENT_PAGE.match(path)}
    for path, page in events.items():
        url = SITE_URL + path[: -len("index.html")]
        assert page.meta.get("description"), f"{path}: no meta description"
        assert page.meta.get("og:type") == "article", path
        assert (
            page.meta.get("og:title")
            and page.meta.get("og:description") == page.meta["description"]
        ), path
        assert page.meta.get("og:url") == url and page.canonical == url, (
            path,
            page.meta.get("og:url"),
            page.canonical,
        )
        assert (
            page.meta.get("twitter:card")
            and page.meta.get("twitter:title") == page.meta["og:title"]
        ), path
    home = pages["index.html"]
    assert home.meta.get("og:type") == "website" and home.meta.get("og:url") == SITE_URL
