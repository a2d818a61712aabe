"""Write stage: only changed files are written (mtimes kept), stale generated files are pruned,
hand-written files are never touched."""

from __future__ import annotations

import os

from build_site.config import GENERATED_DIRS, GENERATED_FILES
from build_site.write.write import write_if_changed, write_pages

OLD = 1_000_000_000  # 2001: an mtime no fresh write can have


def age(path):
    os.utime(path, (OLD, OLD))


def test_first_write_then_unchanged(tmp_path):
    pages = {"events/a.md": "A\n", "index.md": "Home\n", "downloads/corpus.json": "{}\n"}
    first = write_pages(tmp_path, pages)
    assert (first.written, first.unchanged, first.deleted) == (3, 0, 0)
    assert (tmp_path / "events/a.md").read_text(encoding="utf-8") == "A\n"
    for rel in pages:
        age(tmp_path / rel)
    second = write_pages(tmp_path, pages)
    assert (second.written, second.unchanged, second.deleted) == (0, 3, 0)
    assert all((tmp_path / rel).stat().st_mtime == OLD for rel in pages)


def test_changed_page_is_rewritten_others_keep_mtime(tmp_path):
    write_pages(tmp_path, {"events/a.md": "A", "events/b.md": "B"})
    age(tmp_path / "events/a.md")
    age(tmp_path / "events/b.md")
    stats = write_pages(tmp_path, {"events/a.md": "A2", "events/b.md": "B"})
    assert (stats.written, stats.unchanged) == (1, 1)
    assert (tmp_path / "events/a.md").read_text() == "A2"
    assert (tmp_path / "events/a.md").stat().st_mtime != OLD
    assert (tmp_path / "events/b.md").stat().st_mtime == OLD


def test_unicode_is_written_as_utf8(tmp_path):
    write_pages(tmp_path, {"events/a.md": "Переведено «Яндекс» – 20%\u00a0"})
    assert (tmp_path / "events/a.md").read_bytes() == "Переведено «Яндекс» – 20%\u00a0".encode(
        "utf-8"
    )


def test_stale_generated_files_are_pruned(tmp_path):
    write_pages(
        tmp_path,
        {
            "events/a.md": "A",
            "events/old.md": "O",
            "persons/x.md": "X",
            "places/deep/y.md": "Y",
            "index.md": "I",
            "timeline.md": "T",
        },
    )
    stats = write_pages(tmp_path, {"events/a.md": "A", "index.md": "I"})
    assert stats.deleted == 4
    assert sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
    ) == ["events/a.md", "index.md"]
    assert not (tmp_path / "places").exists() or not any((tmp_path / "places").iterdir())
    assert not (tmp_path / "places/deep").exists()


def test_hand_written_files_are_kept(tmp_path):
    (tmp_path / "about").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "about/index.md").write_text("About")
    (tmp_path / "assets/archive.css").write_text("css")
    (tmp_path / "notes.md").write_text("mine")
    stats = write_pages(tmp_path, {"events/a.md": "A"})
    assert stats.deleted == 0
    assert (tmp_path / "about/index.md").read_text() == "About"
    assert (tmp_path / "assets/archive.css").read_text() == "css"
    assert (tmp_path / "notes.md").read_text() == "mine"


def test_no_temporary_files_left(tmp_path):
    write_pages(tmp_path, {"events/a.md": "A", "events/b.md": "B"})
    write_pages(tmp_path, {"events/a.md": "A2", "events/b.md": "B"})
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_generated_dirs_cover_every_section():
    for folder in (
        "events",
        "persons",
        "places",
        "topics",
        "organisations",
        "indicators",
        "downloads",
    ):
        assert folder in GENERATED_DIRS
    assert "about" not in GENERATED_DIRS and "assets" not in GENERATED_DIRS
    assert set(GENERATED_FILES) >= {"index.md", "timeline.md"}


def test_write_if_changed(tmp_path):
    path = tmp_path / "seeds" / "urls.yml"
    assert write_if_changed(path, "a: 1\n") is True
    age(path)
    assert write_if_changed(path, "a: 1\n") is False
    assert path.stat().st_mtime == OLD
    assert write_if_changed(path, "a: 2\n") is True
    assert path.read_text() == "a: 2\n"


def test_real_site_written_twice_writes_nothing_the_second_time(site, tmp_path):
    first = write_pages(tmp_path, site.pages)
    assert first.written == len(site.pages) and first.deleted == 0
    second = write_pages(tmp_path, site.pages)
    assert (second.written, second.unchanged, second.deleted) == (0, len(site.pages), 0)
