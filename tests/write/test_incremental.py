"""Incremental rendering: a build that reuses the page cache writes exactly what a build from
scratch writes, and renders only the pages whose inputs changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_site.__main__ import run
from build_site.config import Config
from tests.paths import SEEDS_DIR


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def build(root: Path, docs: str, cache: bool) -> Config:
    config = Config(root=root, docs=root / docs, use_cache=cache, progress=False)
    assert run(config, quiet=True) == 0
    return config


def edit_a_figure(seeds: Path) -> None:
    """Change the first figure of the middle seed (as a maintainer fixing a typo would)."""
    path = sorted(seeds.glob("*.txt"))[len(list(seeds.glob("*.txt"))) // 2]
    text = path.read_text(encoding="utf-8")
    m = re.search(r"\b(\d{2,3}) (?:billion|percent|million)", text)
    assert m, path
    path.write_text(text[: m.start(1)] + str(int(m[1]) + 7) + text[m.end(1) :], encoding="utf-8")


def test_cached_build_equals_a_fresh_one(tmp_path):
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    config = build(tmp_path, "docs", cache=True)
    edit_a_figure(tmp_path / "seeds")
    build(tmp_path, "docs", cache=True)  # renders only what the edit touched
    build(tmp_path, "fresh", cache=False)  # everything from scratch
    assert tree(tmp_path / "docs") == tree(tmp_path / "fresh")
    assert config.cache_dir and (config.cache_dir / "pages.index").exists()


def test_unchanged_inputs_render_nothing(tmp_path, monkeypatch):
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    build(tmp_path, "docs", cache=True)
    from build_site.render import renderer

    calls = []
    monkeypatch.setattr(renderer.Renderer, "template", lambda self, *a, **k: calls.append(a))
    build(tmp_path, "docs", cache=True)
    assert calls == []


def drop_a_seed(seeds: Path) -> None:
    """Remove the last seed and its sidecar (an editor taking a page out)."""
    path = sorted(seeds.glob("*.txt"))[-1]
    path.unlink()
    path.with_suffix(".yml").unlink(missing_ok=True)


def retitle_in_sidecar(seeds: Path) -> None:
    """Correct a title in a sidecar: every list, citation and download naming the event changes."""
    sidecar = next(p for p in sorted(seeds.glob("*.yml")) if "\ntitle:" in p.read_text("utf-8"))
    text = re.sub(
        r"\ntitle: .*", '\ntitle: "A corrected title"', sidecar.read_text("utf-8"), count=1
    )
    sidecar.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("edit", [edit_a_figure, drop_a_seed, retitle_in_sidecar])
def test_corpus_wide_downloads_follow_every_edit(tmp_path, edit):
    """corpus.json, figures.csv and the citations are made from each event's cached part: after
    an edit they must still equal the files a fresh build makes, byte for byte."""
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    build(tmp_path, "docs", cache=True)
    edit(tmp_path / "seeds")
    build(tmp_path, "docs", cache=True)
    build(tmp_path, "fresh", cache=False)
    assert tree(tmp_path / "docs" / "downloads") == tree(tmp_path / "fresh" / "downloads")
    assert tree(tmp_path / "docs") == tree(tmp_path / "fresh")
    if edit is retitle_in_sidecar:
        assert "A corrected title" in (tmp_path / "docs/downloads/citations.bib").read_text("utf-8")
