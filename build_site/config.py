"""Build settings, each a typed attribute with a docstring, and the folders the build owns.
(The sidecar's keys are declared in build_site/read/sidecar.py.)

>>> Config(root=Path(".")).seeds_dir.name
'seeds'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
#: The contract of downloads/corpus.json, shipped with the package and published beside it.
SCHEMA_FILE = PACKAGE_DIR / "schema" / "corpus.schema.json"

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
    """Public address used in citations (the build sets it from `site_url` of <root>/mkdocs.yml
    when None, whose `!ENV [SITE_URL, 'http://127.0.0.1:8000/']` reads the SITE_URL variable)."""
    cache: Path | None = None
    """Folder of the per-seed cache (default: <root>/.cache/build-site)."""
    use_cache: bool = False
    """Reuse per-seed results whose seed, sidecar, code and vocabularies are unchanged (the CLI
    and the MkDocs hook turn it on; the library default stays pure)."""
    jobs: int | None = None
    """Worker processes for reading seeds (default: one per core; 1 turns it off)."""
    page_size: int = 25
    """Items per page on paginated lists (topic excerpts, mentions, events per place)."""
    excerpts_per_page: int = field(
        default_factory=lambda: int(os.environ.get("BUILD_SITE_EXCERPTS_PER_PAGE") or 200)
    )
    """Events per page of a topic, place, organisation or person's mentions (one row each: a
    snippet of the first paragraph naming the entry, numbered links to the others; see
    render.pages.topics.chunk_events): dense pages, so few of them (env
    BUILD_SITE_EXCERPTS_PER_PAGE: a small number shows the pagination of a small corpus, as the
    browser tests do)."""
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
        url = self.site_url or "http://127.0.0.1:8000/"
        return url if url.endswith("/") else url + "/"

    @property
    def url_record(self) -> Path:
        """Redirects from URLs that once worked: kept in the repository, never pruned."""
        return self.seeds_dir / "urls.yml"
