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


def build(root: Path, docs: str, cache: bool, **settings) -> Config:
    config = Config(root=root, docs=root / docs, use_cache=cache, progress=False, **settings)
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


def middle_seed(seeds: Path) -> Path:
    return sorted(seeds.glob("*.txt"))[len(list(seeds.glob("*.txt"))) // 2]


def add_a_mention(seeds: Path) -> None:
    """A sentence naming a topic and a place, appended to a long line of the middle seed."""
    path = middle_seed(seeds)
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if len(line) > 200 and line.rstrip().endswith("."))
    lines[n] += " We also discussed energy supplies to Astana."
    path.write_text("\n".join(lines), encoding="utf-8")


def remove_a_seed(seeds: Path) -> None:
    """Take the middle seed and its sidecar out (an editor removing a page)."""
    path = middle_seed(seeds)
    path.unlink()
    path.with_suffix(".yml").unlink(missing_ok=True)


def retitle_in_sidecar(seeds: Path) -> None:
    """Correct a title in a sidecar: every list, citation and download naming the event changes."""
    sidecar = next(p for p in sorted(seeds.glob("*.yml")) if "\ntitle:" in p.read_text("utf-8"))
    text = re.sub(
        r"\ntitle: .*", '\ntitle: "A corrected title"', sidecar.read_text("utf-8"), count=1
    )
    sidecar.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("edit", [edit_a_figure, remove_a_seed, retitle_in_sidecar])
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


@pytest.mark.parametrize("edit", [edit_a_figure, add_a_mention, remove_a_seed])
def test_cached_list_pages_equal_fresh_ones_after_an_edit(tmp_path, edit):
    """Two events a page, so an edit moves rows between the pages of topics, places,
    organisations and persons: the cached build must follow (a new mention, an event gone)."""
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    build(tmp_path, "docs", cache=True, excerpts_per_page=2)
    edit(tmp_path / "seeds")
    build(tmp_path, "docs", cache=True, excerpts_per_page=2)
    build(tmp_path, "fresh", cache=False, excerpts_per_page=2)
    assert tree(tmp_path / "docs") == tree(tmp_path / "fresh")


LIST_TEMPLATES = ("topic.md.j2", "place.md.j2", "organisation.md.j2")


def test_a_figure_edit_renders_only_the_list_rows_it_changes(tmp_path, monkeypatch):
    """A list page is keyed by what its rows show, so a figure edit renders again only the pages
    whose row of the edited event quotes the edited paragraph (the first naming the entry); the
    other pages of the entries the event names stay as they were."""
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    build(tmp_path, "docs", cache=True, excerpts_per_page=1)
    before = tree(tmp_path / "docs")
    edit_a_figure(tmp_path / "seeds")
    from build_site.render import renderer

    rendered: dict[str, str] = {}
    template = renderer.Renderer.template

    def record(self, name, **context):
        out = template(self, name, **context)
        if name in LIST_TEMPLATES:
            rendered[context["page"]] = out
        return out

    monkeypatch.setattr(renderer.Renderer, "template", record)
    build(tmp_path, "docs", cache=True, excerpts_per_page=1)
    after = tree(tmp_path / "docs")
    # the edited paragraph: the one whose line changed on its event page
    (event_md,) = [
        p
        for p in after
        if p.startswith("events/")
        and before.get(p) != after[p]
        and p.count("/") == 1
        and p != "events/index.md"
    ]
    old, new = before[event_md].decode().split("\n"), after[event_md].decode().split("\n")
    (anchor,) = {  # a paragraph is one line of HTML: <p id="anchor">…</p>
        m[1]
        for a, b in zip(old, new)
        if a != b and (m := re.match(r'<p (?:class="[^"]*" )?id="([\w-]+)"', b))
    }
    row = f'{event_md[len("events/") : -3]}.md#{anchor}">'
    quoting = {
        p
        for p, md in after.items()
        if p.startswith(("topics/", "places/", "organisations/"))
        and re.search(r'<li><a href="[^"]*' + re.escape(row), md.decode())
    }
    assert quoting, "the edited paragraph is the first naming some entry"
    assert set(rendered) == quoting


def test_successive_edits_equal_fresh_builds(tmp_path):
    """Build after build, the caches (pages, memo and its appended entries, parts) carry over:
    each cached build still equals one from scratch."""
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    config = build(tmp_path, "docs", cache=True)
    assert config.cache_dir
    appended = []
    for n, edit in enumerate((edit_a_figure, add_a_mention, edit_a_figure, retitle_in_sidecar)):
        edit(tmp_path / "seeds")
        build(tmp_path, "docs", cache=True)
        appended.append((config.cache_dir / "memo.index.added").exists())
        build(tmp_path, f"fresh{n}", cache=False)
        assert tree(tmp_path / "docs") == tree(tmp_path / f"fresh{n}"), edit.__name__
    assert any(appended), "the memo's appended entries were read back"


def test_compiled_templates_follow_an_edited_template(tmp_path):
    """A template's compiled code is kept between builds (TemplateBytecode) only while its
    source is the same."""
    from jinja2 import Environment, FileSystemLoader

    from build_site.write.cache import TemplateBytecode

    (tmp_path / "t").mkdir()
    (tmp_path / "t/a.j2").write_text("A {{ x }}", encoding="utf-8")

    def render() -> str:
        store = TemplateBytecode(tmp_path / "cache")
        env = Environment(loader=FileSystemLoader(tmp_path / "t"), bytecode_cache=store)
        out = env.get_template("a.j2").render(x=1)
        store.save()
        return out

    assert render() == "A 1" and render() == "A 1"  # the second from the stored code
    (tmp_path / "t/a.j2").write_text("B {{ x }}", encoding="utf-8")
    assert render() == "B 1"


def count_keyed(monkeypatch) -> list[str]:
    """The paths whose cache key the next build makes (the rest the dependency record vouches
    for without a key)."""
    from build_site.write.page_cache import PageCache

    keyed: list[str] = []
    key = PageCache.key

    def counted(self, path, inputs):
        keyed.append(path)
        return key(self, path, inputs)

    monkeypatch.setattr(PageCache, "key", counted)
    return keyed


def test_the_dependency_record_keys_only_what_an_edit_can_touch(tmp_path, monkeypatch):
    """After a figure edit, the pages whose inputs cannot have changed (other events' pages
    outside the figure's footnote group, the entries and persons the event does not name, other
    indicators) are not even keyed; what is made still equals a fresh build."""
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    build(tmp_path, "docs", cache=True)
    all_pages = tree(tmp_path / "docs")
    edit_a_figure(tmp_path / "seeds")
    keyed = count_keyed(monkeypatch)
    build(tmp_path, "docs", cache=True)
    monkeypatch.undo()
    build(tmp_path, "fresh", cache=False)
    assert tree(tmp_path / "docs") == tree(tmp_path / "fresh")
    changed = {p for p, data in tree(tmp_path / "docs").items() if all_pages.get(p) != data}
    event_pages = [p for p in changed if p.startswith("events/") and p.count("/") == 1]
    assert event_pages and set(event_pages) <= set(keyed), "the edited event's page is keyed"
    skipped = {p for p in all_pages if p.endswith(".md") and p not in keyed}
    assert any(p.startswith("events/") for p in skipped), "other events' pages are not keyed"
    assert any(p.startswith(("topics/", "places/", "persons/")) for p in skipped)


def test_an_edit_renders_again_the_pages_it_must(tmp_path, monkeypatch):
    """A new mention of a topic and a place: the dependency record sends the build to their
    pages (the event now gives them a row), which are rendered again, and to nothing it need
    not: the result equals a fresh build."""
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    build(tmp_path, "docs", cache=True)
    add_a_mention(tmp_path / "seeds")
    from build_site.render import renderer

    rendered: list[str] = []
    template = renderer.Renderer.template

    def record(self, name, **context):
        rendered.append(context.get("page", name))
        return template(self, name, **context)

    monkeypatch.setattr(renderer.Renderer, "template", record)
    build(tmp_path, "docs", cache=True)
    monkeypatch.undo()
    build(tmp_path, "fresh", cache=False)
    assert tree(tmp_path / "docs") == tree(tmp_path / "fresh")
    assert "topics/energy.md" in rendered and "places/astana.md" in rendered
    assert len(rendered) < len(tree(tmp_path / "docs")) // 4, "not every page"


def test_the_record_follows_a_lost_part(tmp_path):
    """Without the record's per-version contributions (gives.sqlite deleted) every page is keyed
    again, and the build still equals a fresh one."""
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    config = build(tmp_path, "docs", cache=True)
    assert config.cache_dir
    (config.cache_dir / "gives.sqlite").unlink()
    edit_a_figure(tmp_path / "seeds")
    build(tmp_path, "docs", cache=True)
    build(tmp_path, "fresh", cache=False)
    assert tree(tmp_path / "docs") == tree(tmp_path / "fresh")


def date_the_first_event_last(seeds: Path) -> None:
    """A sidecar dates its event after every other: the archive's newest date, which every event
    page's Cite menu gives as the day read (urldate, accessed), changes."""
    sidecar = next(p for p in sorted(seeds.glob("*.yml")) if "\ndate:" in p.read_text("utf-8"))
    text = re.sub(r"\ndate: .*", "\ndate: 2031-05-04", sidecar.read_text("utf-8"), count=1)
    sidecar.write_text(text, encoding="utf-8")


def test_a_new_newest_date_renders_every_cite_menu_again(tmp_path):
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    build(tmp_path, "docs", cache=True)
    date_the_first_event_last(tmp_path / "seeds")
    build(tmp_path, "docs", cache=True)
    build(tmp_path, "fresh", cache=False)
    assert tree(tmp_path / "docs") == tree(tmp_path / "fresh")


def test_what_a_spared_build_did_not_ask_for_is_kept(tmp_path, monkeypatch):
    """A build the dependency record spares asks the memo for little (no list page is keyed):
    the entries of the events' current versions are kept all the same, so the edit after it
    describes the edited event only, not every event again."""
    from build_site.write.cache import Memo

    shutil.copytree(SEEDS_DIR, tmp_path / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    build(tmp_path, "docs", cache=True)
    build(tmp_path, "docs", cache=True)  # nothing changed: nothing keyed
    Memo._saved.clear()  # as a new process reads it
    made: list = []
    setitem = Memo.__setitem__

    def record(self, key, value):
        made.append(key)
        setitem(self, key, value)

    monkeypatch.setattr(Memo, "__setitem__", record)
    add_a_mention(tmp_path / "seeds")
    build(tmp_path, "docs", cache=True)
    described = {key[1] for key in made if key[0] == "list-entries"}
    assert len(described) == 1, "the edited event only"
