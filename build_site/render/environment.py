"""What every page renderer shares: the Jinja2 environment for the templates, what rendering
needs of the page cache, and an event's short description."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Protocol

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined

from build_site.config import TEMPLATES_DIR
from build_site.model import Event
from build_site.render.markup import attr, escape
from build_site.render.paths import DOC_TYPES, event_page, long_date, page_of, rel


class PageStore(Protocol):
    """What rendering needs of the page cache (write.page_cache.PageCache is one): a key for a page's
    inputs, the marker of a page already on disk from the same inputs, and a note of what was made."""

    def key(self, path: str, inputs: object) -> str: ...

    def get(self, path: str, key: str) -> Any: ...

    def put(self, path: str, key: str) -> None: ...

    def size(self, path: str) -> int:
        """Bytes of the file on disk that a hit of get() vouched for."""
        ...


def description(event: Event, limit: int = 300) -> str:
    """For search engines and link previews: the lead, else the first paragraph of text."""
    text = event.summary or next(
        (p.text for p in event.paragraphs if p.kind == "text"), event.title
    )
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@lru_cache(maxsize=1)
def make_env() -> Environment:
    """One environment per process: it keeps the templates it compiled (0.1 s of every build),
    and reloads one whose file changed (FileSystemLoader checks), e.g. under `mkdocs serve`."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=False,  # output is Markdown; text is escaped explicitly with the md filter
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=escape, attr=attr, json=lambda v: json.dumps(v, ensure_ascii=False))
    env.globals.update(
        rel=rel, page_of=page_of, event_page=event_page, long_date=long_date, doc_types=DOC_TYPES
    )
    return env


def environment(bytecode: BytecodeCache | None = None) -> Environment:
    """make_env(), taking the templates it has not compiled in this process from `bytecode`
    (write.cache.TemplateBytecode: compiled by an earlier build's process)."""
    env = make_env()
    if bytecode is not None:
        env.bytecode_cache = bytecode
    return env
