"""Thin MkDocs hook: regenerate docs_src/ before each build, index the built site for search
after it, and watch seeds and vocabularies.

All the work is `python -m build_site` and `python -m build_site.write.search_index SITE`; this file only
triggers them, so Zensical (which runs no hooks) builds the same site with those two commands.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import zlib
from functools import lru_cache, partial
from pathlib import Path

import watchdog.events
from mkdocs.exceptions import PluginError

from build_site.__main__ import run
from build_site.config import GENERATED_DIRS, GENERATED_FILES, TEMPLATES_DIR, Config
from build_site.write.cache import SeedCache, TemplateBytecode
from build_site.write.search_background import BackgroundIndexer
from build_site.write.search_index import SearchIndexError, build_index

log = logging.getLogger("mkdocs.hooks.build_site")


def _config(mkdocs_config) -> Config:
    root = Path(mkdocs_config["config_file_path"]).parent
    return Config(
        root=root,
        docs=Path(mkdocs_config["docs_dir"]),
        strict=bool(mkdocs_config["strict"]),
        progress=False,
        use_cache=True,
    )


class _LogStream:
    """A file-like stream that sends each printed line to MkDocs' log, so that problems with the
    seeds show under `mkdocs build` and `mkdocs serve`: as warnings, or as errors under --strict
    (where they fail the build, and show even with -q)."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict

    def write(self, text: str) -> int:
        for line in text.splitlines():
            if not line.strip():
                continue
            if ": repair: " in line:
                level = logging.DEBUG
            elif ": warning: " in line or ": error: " in line:
                level = logging.ERROR if self.strict else logging.WARNING
            else:  # the summary line and the report
                level = logging.INFO
            log.log(level, line)
        return len(text)

    def flush(self) -> None:
        pass


def on_pre_build(config, **kwargs) -> None:
    """Regenerate docs_src/. A problem with one seed is a one-line warning and the build goes on;
    only `mkdocs build --strict` fails on them."""
    _held.clear()  # what a failed build left
    if _serving is not None:  # this build's pages replace those being indexed
        _serving.stop()
    settings = _config(config)
    if (
        run(settings, out=_LogStream(settings.strict), err=_LogStream(settings.strict)) != 0
        and settings.strict
    ):
        raise PluginError(
            "build_site: the seeds have problems (see above); fix them or build without --strict"
        )
    if _serving is None:  # one build: no rebuild asks for the seeds' results again
        SeedCache.forget()


_serving: BackgroundIndexer | None = None


def on_startup(command: str, **kwargs) -> None:
    global _serving
    _serving = BackgroundIndexer() if command == "serve" else None


def on_post_build(config, **kwargs) -> None:
    if _serving is not None:
        _serving.request(config["site_dir"])
        return
    try:
        log.info(str(build_index(config["site_dir"])))
    except SearchIndexError as exc:
        raise PluginError(f"build_site: {exc}") from exc


#: A block of finished HTML in a generated page (render/markup.py raw_html): the hook hands
#: Python-Markdown a placeholder instead, and puts the block back into the converted page.
#: Python-Markdown would parse the block's every tag to pass it through unchanged (the excerpt
#: lists of topic, place and person pages: a quarter of `mkdocs build`). Without the hook
#: (Zensical) the markers are HTML comments and the block passes through the usual way.
RAW_HTML = re.compile(r"^<!-- html -->\n(.*?)\n<!-- /html -->$", re.S | re.M)
_RAW_TOKEN = "BUILD-SITE-RAW-HTML-{}"
_raw_blocks: dict[str, list[str]] = {}


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    blocks: list[str] = []

    def stash(m: re.Match) -> str:
        blocks.append(m[1])
        return _RAW_TOKEN.format(len(blocks) - 1)

    out = RAW_HTML.sub(stash, markdown)
    if blocks:
        _raw_blocks[page.file.src_uri] = blocks
    return out


_RAW_PLACE = re.compile(r"<p>BUILD-SITE-RAW-HTML-(\d+)</p>|BUILD-SITE-RAW-HTML-(\d+)")
_ID = re.compile(r'\sid="([^"]+)"')


def restore_raw_html(html: str, page) -> str:
    """The converted page with its finished HTML blocks back in place of their placeholders."""
    blocks = _raw_blocks.pop(page.file.src_uri, None)
    if blocks:
        # the blocks' anchors, for MkDocs' check of links to anchors (it reads Markdown's HTML only)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= {a for block in blocks for a in _ID.findall(block)}
        html = _RAW_PLACE.sub(lambda m: blocks[int(m[1] or m[2])], html)
    return final_links(html, page.file.src_uri)


#: A link in raw HTML, written as a .md path relative to its page (Zensical rewrites those, as it
#: does Markdown's; MkDocs leaves raw HTML alone, and has rewritten every Markdown link already).
_MD_HREF = re.compile(r'href="([^"#:]*?\.md)(#[^"]*)?"')


def final_links(html: str, src_uri: str) -> str:
    """The page's raw-HTML links to other pages as MkDocs' final URLs (directory URLs).

    >>> final_links('<a href="../events/a.md#p1">', "topics/energy.md")
    '<a href="../../events/a/#p1">'
    >>> final_links('<a href="b.md">', "events/b.md"), final_links('<a href="x/index.md">', "index.md")
    ('<a href="./">', '<a href="x/">')
    """
    if ".md" not in html:
        return html
    return _MD_HREF.sub(lambda m: f'href="{_final_url(src_uri, m[1])}{m[2] or ""}"', html)


@lru_cache(maxsize=1 << 16)
def _final_url(src_uri: str, path: str) -> str:
    """A list page links the same event once per paragraph: each pair is worked out once."""
    return url_rel(src_uri, posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)))


def url_rel(from_page: str, to_page: str) -> str:
    """Final relative URL between two .md pages under MkDocs' directory URLs (the default), as
    MkDocs writes it for a Markdown link.

    >>> url_rel("places/index.md", "places/omsk.md"), url_rel("places/ufa.md", "places/omsk.md")
    ('omsk/', '../omsk/')
    >>> url_rel("topics/a/page-2.md", "topics/a.md"), url_rel("events/b.md", "events/b.md")
    ('../', './')
    """
    return _relative(_url(to_page), _url(from_page)) + "/"


def _url(page: str) -> list[str]:
    """A page's URL under directory URLs, as folder names: topics/energy.md -> topics/energy/."""
    parts = page[: -len(".md")].split("/")
    return parts[:-1] if parts[-1] == "index" else parts


def _relative(to: list[str], start: list[str]) -> str:
    """posixpath.relpath of two folders of one tree, without asking the OS for the working
    folder as relpath does on every call (the hook resolves every link of every page)."""
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


#: Each converted page's HTML, zlib-compressed, from its conversion to its own template's
#: rendering. MkDocs converts every page before it renders the first, and kept every page's
#: Markdown and HTML meanwhile (1.8 GB at 5,000 events); no template reads another page's
#: content (Material's navigation reads titles and URLs), so each waits here in a fifth of the
#: bytes. Without the hook (Zensical) the pages are the same, only held whole.
_held: dict[str, bytes] = {}


def on_page_content(html: str, page, **kwargs) -> str:
    html = restore_raw_html(html, page)
    # MkDocs reads the Markdown again only for a title, which the conversion has set; "", not None,
    # keeps `page.title` as it is (None would mean "not read yet")
    page.markdown = ""
    _held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
    return ""


def on_page_context(context, page, **kwargs):
    held = _held.pop(page.file.src_uri, None)
    if held is not None:
        page.content = zlib.decompress(held).decode("utf-8")
    return context


_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.S)
_INDENT = re.compile(r"[ \t]*\n\s*")


def on_post_page(output: str, page=None, **kwargs) -> str:
    """Drop the theme's indentation and blank lines (a tenth of a page's bytes); every other
    whitespace run keeps one newline, so no word or inline element is joined. <pre> is kept.
    The page's HTML, written now, is let go (see _held)."""
    if page is not None and page.content is not None:
        page.content = ""
    parts = _PRE.split(output)
    return "".join(p if i % 2 else _INDENT.sub("\n", p) for i, p in enumerate(parts))


#: The theme's templates as compiled, kept for the next build of the same process (in memory:
#: no folder): `mkdocs serve` makes a new Jinja2 environment for every rebuild, and parsing
#: Material's templates again was 0.9 s of each edit at 1,000 events.
_theme_bytecode = TemplateBytecode(None)


def on_config(config, **kwargs):
    """Every build MkDocs lists the theme's files (Material's 14,500, icons included) to copy its
    static ones, and filters each name through a dozen patterns: 0.06 s of each `mkdocs serve`
    rebuild at 1,000 events. The environment it lists them from answers from a listing kept
    while the theme's folders are the same (see _theme_listing)."""
    theme = config.theme
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.list_templates = partial(_theme_listing, env, theme)
        return env

    theme.get_env = get_env
    return config


_listings: dict[tuple, list[str]] = {}


def _theme_listing(env, theme, extensions=None, filter_func=None) -> list[str]:
    """env.list_templates(extensions, filter_func), kept between builds of one process. An
    installed theme's files do not change while it runs; the project's own theme folder is
    listed again each time (a few files), and its listing is part of the key."""
    own = tuple((d, _files_under(d)) for d in theme.dirs if not _installed(d))
    key = (
        tuple(theme.dirs),
        tuple(theme.static_templates),
        extensions,
        getattr(filter_func, "__code__", filter_func),
        own,
    )
    if key not in _listings:
        _listings.clear()
        _listings[key] = type(env).list_templates(env, extensions, filter_func)
    return list(_listings[key])


def _installed(folder: str) -> bool:
    return any(part in ("site-packages", "dist-packages") for part in Path(folder).parts)


def _files_under(folder: str) -> tuple[str, ...]:
    return tuple(
        sorted(os.path.join(here, name) for here, _, names in os.walk(folder) for name in names)
    )


def on_env(env, config, files, **kwargs):
    env.bytecode_cache = _theme_bytecode
    return env


def on_serve(server, config, builder, **kwargs):
    """Watch seeds and vocabularies; ignore what the generator itself writes (generated pages of
    docs_src/ and the URL record seeds/urls.yml): those files change during a rebuild, before
    MkDocs reads them, so a change to them must not ask for one more rebuild (one per edit)."""
    settings = _config(config)
    docs = Path(os.path.abspath(config["docs_dir"]))
    seeds = Path(os.path.abspath(settings.seeds_dir))
    ignored = own_files(docs, Path(os.path.abspath(settings.url_record)))
    for path in (docs, seeds):
        watch_except(server, path, ignored)
    for path in (settings.data, TEMPLATES_DIR):
        server.watch(str(path))
    return server


def own_files(docs: Path, record: Path):
    """A test for the paths the generator writes (and its temporary files)."""
    folders = tuple(str(docs / d) + os.sep for d in GENERATED_DIRS)
    files = {str(docs / f) for f in GENERATED_FILES} | {str(record)}

    def ignored(path: str) -> bool:
        if not path:
            return True
        name = os.path.basename(path)
        if name.startswith(".") and name.endswith(".tmp"):  # write stage's atomic writes
            return True
        return path.startswith(folders) or path in files

    return ignored


def watch_except(server, path: Path, ignored) -> None:
    """server.watch(path), with events for `ignored` paths dropped. MkDocs' LiveReloadServer has
    no filter, so this schedules the same handler as its watch(), with a test in front; the
    reference counts are kept, so a later watch() or unwatch() of the path still works."""
    key = os.path.abspath(path)
    watched, refs = getattr(server, "_watched_paths", None), getattr(server, "_watch_refs", None)
    cond = getattr(server, "_rebuild_cond", None)
    if watched is None or refs is None or cond is None:  # another MkDocs: plain watch
        server.watch(key)
        return
    if key in watched:
        server.observer.unschedule(refs.pop(key))
    count = watched.get(key, 0)

    def callback(event) -> None:
        if event.is_directory:
            return
        paths = (event.src_path, getattr(event, "dest_path", ""))
        if all(ignored(os.fsdecode(p)) for p in paths):
            return
        with cond:
            server._want_rebuild = True
            cond.notify_all()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = callback  # type: ignore[method-assign]
    refs[key] = server.observer.schedule(handler, key, recursive=True)
    watched[key] = count + 1
