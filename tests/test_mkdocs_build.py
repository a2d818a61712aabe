"""Integration: the whole site builds with `mkdocs build --strict` (the hook runs the generator),
and with Zensical after `python -m build_site`, on a temporary copy of the project."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_site.config import GENERATED_DIRS, GENERATED_FILES
from tests.paths import ROOT

#: The corpus as it stands: five seeds, eight events (seed 003 holds four).
EXPECTED_EVENTS = 8

pytestmark = pytest.mark.slow

#: Not part of the project: environments, caches, build output, generated pages.
IGNORE = shutil.ignore_patterns(
    ".venv",
    ".git",
    "site",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "*.egg-info",
    "screenshots",
    ".build-cache.json",
)
GENERATED = (*GENERATED_DIRS, *GENERATED_FILES)
EVENT_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$")


def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    for name in GENERATED:  # start from hand-written docs only: the build must make the rest
        path = dest / "docs_src" / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    return dest


def env(**extra: str | None) -> dict[str, str]:
    """The environment of a build; an extra variable given None is removed."""
    # NO_MKDOCS_2_WARNING: Material prints its end-of-life banner on every run otherwise.
    e = dict(os.environ, CI="1", PYTHONUTF8="1", NO_MKDOCS_2_WARNING="1")
    e.update({k: v for k, v in extra.items() if v is not None})
    for k in [k for k, v in extra.items() if v is None]:
        e.pop(k, None)
    e["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{e.get('PATH', '')}"
    return e


def run(args: list[str], cwd: Path, **extra_env: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=cwd, env=env(**extra_env), capture_output=True, text=True, timeout=900
    )


def event_pages(site: Path) -> list[str]:
    """Event pages in the built site (redirect stubs for old URLs are not pages)."""
    folder = site / "events"
    return sorted(
        d.name
        for d in folder.iterdir()
        if d.is_dir()
        and EVENT_DIR.match(d.name)
        and (d / "index.html").exists()
        and 'http-equiv="refresh"' not in (d / "index.html").read_text(encoding="utf-8")
    )


def test_hand_written_docs_exist():
    assert (ROOT / "docs_src/about/index.md").exists()
    assert (ROOT / "docs_src/assets/archive.css").exists()


def test_mkdocs_build_strict(tmp_path):
    project = copy_project(tmp_path / "project")
    proc = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"],
        project,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stderr[-6000:]}"
    site = project / "site"
    pages = event_pages(site)
    assert len(pages) == EXPECTED_EVENTS, pages
    for name in pages:
        html = (site / "events" / name / "index.html").read_text(encoding="utf-8")
        assert 'id="lead-p1"' in html or re.search(r'id="(putin|tokayev|narration)-1-p1"', html), (
            name
        )
    assert (site / "downloads/corpus.json").exists()
    # search: Pagefind's chunked index (the hook's on_post_build), not Material's whole-text one
    assert (site / "pagefind/pagefind.js").exists()
    assert not (site / "search/search_index.json").exists()
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == EXPECTED_EVENTS, (
        "only event pages"
    )


def test_zensical_build(tmp_path):
    pytest.importorskip("zensical")
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which(
        "zensical"
    )
    if not zensical:
        pytest.skip("the zensical command is not installed")
    project = copy_project(tmp_path / "project")
    gen = run([sys.executable, "-m", "build_site", "--no-progress"], project)
    assert gen.returncode == 0, gen.stderr
    proc = run([zensical, "build", "-f", "mkdocs.yml"], project)
    assert proc.returncode == 0, (
        f"zensical build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    pages = event_pages(project / "site")
    assert len(pages) == EXPECTED_EVENTS, pages
    # Links in raw HTML are .md paths, which Zensical rewrites as it rewrites Markdown links (a
    # final URL there was taken for a path relative to the .md file: one folder too deep).
    from tests.test_links import broken_links, read_pages

    checked, broken = broken_links(project / "site", read_pages(project / "site"))
    assert checked > 1000
    assert not broken, f"{len(broken)} broken links under Zensical:\n" + "\n".join(broken[:30])
    # Zensical runs no hooks: the README's command writes the search index afterwards
    index = run([sys.executable, "-m", "build_site.write.search_index", "site"], project)
    assert index.returncode == 0, index.stderr
    assert f"search index: {EXPECTED_EVENTS} pages indexed" in index.stderr
    assert (project / "site/pagefind/pagefind.js").exists()


CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def test_site_url_from_the_environment(tmp_path):
    """SITE_URL moves every canonical link, the sitemap and the citations; without it the site is
    addressed where `mkdocs serve` serves it (the README's http://127.0.0.1:8000/)."""
    project = copy_project(tmp_path / "project")
    public = "https://example.org/archive/"
    proc = run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"],
        project,
        SITE_URL=public,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "end of life" not in proc.stderr
    site = project / "site"
    pages = sorted(site.rglob("index.html"))
    canonical = [m for page in pages for m in CANONICAL.findall(page.read_text(encoding="utf-8"))]
    assert len(canonical) > 50 and all(url.startswith(public) for url in canonical), canonical[:5]
    assert public + "events/" in canonical
    name = event_pages(site)[0]
    html = (site / "events" / name / "index.html").read_text(encoding="utf-8")
    assert f'data-url="{public}events/{name}/"' in html
    cite = re.search(r"Cite this .*?</details>", html, re.S).group(0)
    assert f'href="{public}events/{name}/">{public}events/{name}/</a>' in cite, cite
    assert "127.0.0.1" not in html and "speech-archive.github.io" not in html
    assert f"<loc>{public}events/{name}/</loc>" in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    corpus = (site / "downloads/corpus.json").read_text(encoding="utf-8")
    assert "127.0.0.1" not in corpus

    local = run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site-local"],
        project,
        SITE_URL=None,
    )
    assert local.returncode == 0, local.stderr[-3000:]
    html = (project / "site-local" / "events" / name / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/events/{name}/"' in html
    assert f'data-url="http://127.0.0.1:8000/events/{name}/"' in html
