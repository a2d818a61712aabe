"""Shared fixtures: the real corpus built once per session (into a temporary docs folder, never
the repository's docs_src/), helpers to build a copy of the seeds, the Markdown renderer of the
site, and the --update-golden option.

    pytest                    # compare with tests/golden/
    pytest --update-golden    # rewrite tests/golden/ from the current build (then read the diff!)

Test modules take these as fixtures and never `from conftest import ...`: tests/browser/ has a
conftest.py of its own, and a module named `conftest` can only be one of them.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from tests.paths import GOLDEN_DIR, ROOT, SEED_FILES

if str(ROOT) not in sys.path:  # run from anywhere without installing the package
    sys.path.insert(0, str(ROOT))

from build_site.config import Config  # noqa: E402

if TYPE_CHECKING:
    from build_site.build import Build
    from build_site.model import Event

#: Every seed file of the repository, in build order.

#: An anchor defined by attr_list on a block or heading: `{: #putin-1-p2 .lead }`.
ATTR_ID = re.compile(r"\{:?\s*#([A-Za-z0-9_-]+)")
#: An anchor defined by raw HTML: `<span id="narration-1" ...>`.
HTML_ID = re.compile(r"<[a-z][^>]*\sid=\"([^\"]+)\"")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the snapshots in tests/golden/ from the current build instead of comparing",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_config(
    root: Path = ROOT, seeds: Path | None = None, docs: Path | None = None, **kw
) -> Config:
    return Config(root=root, seeds=seeds, docs=docs, progress=False, **kw)


def copy_seeds(dest: Path, names: list[str] | None = None) -> Path:
    """Copy seeds (and their sidecars) into dest/seeds; all of them when names is None."""
    folder = dest / "seeds"
    folder.mkdir(parents=True, exist_ok=True)
    for path in SEED_FILES:
        if names is None or path.name in names:
            shutil.copy2(path, folder / path.name)
            sidecar = path.with_suffix(".yml")
            if sidecar.exists():
                shutil.copy2(sidecar, folder / sidecar.name)
    return folder


def build_seeds(dest: Path, names: list[str] | None = None) -> Build:
    """Build a copy of some seeds (all when names is None) with the repository's vocabularies."""
    from build_site.build import build

    seeds = copy_seeds(dest, names)
    return build(make_config(seeds=seeds, docs=dest / "docs"))


def page_anchors(markdown: str) -> list[str]:
    """Every id a generated page defines, in order (attr_list ids and raw HTML ids)."""
    found = []
    for line in markdown.splitlines():
        found += ATTR_ID.findall(line)
        found += HTML_ID.findall(line)
    return found


def event_page_path(event: Event) -> str:
    return f"events/{event.id}.md"


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name, !ENV


def mkdocs_extensions() -> tuple[list[str], dict]:
    """markdown_extensions of mkdocs.yml: (names, configs)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            [(name, options)] = item.items()
            configs[name] = options or {}
        else:
            name = item
        names.append(name)
    return names, configs


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return SEED_FILES


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN_DIR


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real corpus, built once: every seed of the repository, vocabularies of build_site/data."""
    from build_site.build import (
        build,
    )  # imported here: a broken pipeline fails these tests, not collection

    return build(make_config(docs=tmp_path_factory.mktemp("docs_src")))


@pytest.fixture(scope="session")
def events(site: Build) -> tuple[Event, ...]:
    return site.corpus.events


@pytest.fixture(scope="session")
def sources():
    """Each seed as read: {file name: Source}."""
    from build_site.read.seeds import read_source

    return {p.name: read_source(p) for p in SEED_FILES}


@pytest.fixture(scope="session", name="copy_seeds")
def copy_seeds_fixture() -> Callable[..., Path]:
    return copy_seeds


@pytest.fixture(scope="session", name="build_seeds")
def build_seeds_fixture() -> Callable[..., Build]:
    return build_seeds


@pytest.fixture(scope="session", name="page_anchors")
def page_anchors_fixture() -> Callable[[str], list[str]]:
    return page_anchors


@pytest.fixture(scope="session")
def event_page() -> Callable[[Event], str]:
    """Event → docs-relative path of its page."""
    return event_page_path


@pytest.fixture(scope="session")
def site_extensions() -> tuple[list[str], dict]:
    return mkdocs_extensions()


@pytest.fixture(scope="session")
def render_markdown(site_extensions) -> Callable[[str], str]:
    """Markdown → HTML with Python-Markdown and exactly the extensions of mkdocs.yml."""
    import markdown

    names, configs = site_extensions

    def render(source: str) -> str:
        return markdown.Markdown(extensions=names, extension_configs=configs).convert(source)

    return render
