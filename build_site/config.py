"""Build settings, each a typed attribute with a docstring, and the sidecar schema.

>>> Config(root=Path(".")).seeds_dir.name
'seeds'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

PACKAGE_DIR = Path(__file__).parent
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

#: Folders of docs_src/ that the build owns: regenerated, git-ignored, pruned of stale files.
GENERATED_DIRS = (
    "events",
    "persons",
    "places",
    "topics",
    "organisations",
    "indicators",
    "series",
    "downloads",
)
#: Single generated files at the top of docs_src/.
GENERATED_FILES = ("index.md", "timeline.md", "feed.xml")


@dataclass(frozen=True)
class Config:
    root: Path
    """Project root: the folder holding mkdocs.yml, seeds/ and docs_src/."""
    seeds: Path | None = None
    """Folder of seed files (default: <root>/seeds)."""
    docs: Path | None = None
    """MkDocs docs_dir to write into (default: <root>/docs_src)."""
    data: Path = DATA_DIR
    """Folder of vocabularies: persons.yml, places.yml, topics.yml, organisations.yml, indicators.yml."""
    strict: bool = False
    """Turn every warning about the input into a failure (exit status 1)."""
    site_url: str | None = None
    """Public address used in citations (default: `site_url` of <root>/mkdocs.yml, whose
    `!ENV [SITE_URL, 'http://127.0.0.1:8000/']` reads the SITE_URL environment variable)."""
    cache: Path | None = None
    """Folder of the per-seed cache (default: <root>/.cache/build-site)."""
    use_cache: bool = False
    """Reuse per-seed results whose seed, sidecar, code and vocabularies are unchanged (the CLI
    and the MkDocs hook turn it on; the library default stays pure)."""
    jobs: int | None = None
    """Worker processes for reading seeds (default: one per core; 1 turns it off)."""
    page_size: int = 25
    """Items per page on paginated lists (topic excerpts, mentions, events per place)."""
    progress: bool = field(default_factory=lambda: os.environ.get("CI") is None)
    """Show a progress bar on a terminal; always off in CI."""

    @property
    def seeds_dir(self) -> Path:
        return self.seeds or self.root / "seeds"

    @property
    def docs_dir(self) -> Path:
        return self.docs or self.root / "docs_src"

    @property
    def cache_dir(self) -> Path | None:
        return (self.cache or self.root / ".cache" / "build-site") if self.use_cache else None

    @property
    def public_url(self) -> str:
        url = (
            self.site_url
            or mkdocs_site_url(self.root.resolve() / "mkdocs.yml")
            or "http://127.0.0.1:8000/"
        )
        return url if url.endswith("/") else url + "/"

    @property
    def url_record(self) -> Path:
        """Redirects from URLs that once worked: kept in the repository, never pruned."""
        return self.seeds_dir / "urls.yml"


#: Keys a sidecar seeds/<stem>.yml may hold; per event (a list under `events:`) or for the whole seed.
SIDECAR_KEYS = {
    "title": "Title when the scrape lost it.",
    "date": "ISO date (YYYY-MM-DD) when the text states none.",
    "time": "HH:MM.",
    "place": "Where it was held or published.",
    "doc_type": "transcript, news or article.",
    "author": "Person id of an article's author (a byline the text lacks).",
    "publisher": "Who published the source, e.g. 'Kremlin'.",
    "source_url": "Address of the original page.",
    "translation": "A note that the text is a translation.",
    "slug": "URL slug to use instead of one made from the title.",
    "note": "Free text for maintainers; not shown.",
    "events": "List of mappings with the keys above, one per event in the seed, in order.",
}


@dataclass(frozen=True)
class EnvTag:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]` of mkdocs.yml, resolved as MkDocs and Zensical
    do: the first variable that is set, else the last item (when the list has more than one)."""

    names: tuple[str, ...]
    default: object = None

    def resolve(self, environ=None) -> object:
        environ = os.environ if environ is None else environ
        return next((environ[n] for n in self.names if n in environ), self.default)


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> EnvTag:
    if isinstance(node, yaml.ScalarNode):
        return EnvTag((loader.construct_scalar(node),))
    items = list(node.value)
    default = loader.construct_object(items.pop()) if len(items) > 1 else None
    return EnvTag(tuple(loader.construct_scalar(n) for n in items), default)


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags (kept as None) and !ENV tags (kept as EnvTag)."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_constructor("!ENV", _env_tag)


@lru_cache(maxsize=8)
def _mkdocs_config(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def mkdocs_site_url(path: Path, environ=None) -> str | None:
    """`site_url` of the mkdocs.yml at path, its !ENV tag resolved in environ (default: os.environ).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "mkdocs.yml"
    >>> _ = path.write_text("site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\\n")
    >>> mkdocs_site_url(path, {}), mkdocs_site_url(path, {"SITE_URL": "https://example.org/a/"})
    ('http://127.0.0.1:8000/', 'https://example.org/a/')
    """
    url = _mkdocs_config(path.resolve()).get("site_url")
    url = url.resolve(environ) if isinstance(url, EnvTag) else url
    return str(url) if url else None
