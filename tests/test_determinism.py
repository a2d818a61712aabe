"""Reproducible builds: the same input gives the same bytes, whatever the process, the clock, the
hash seed, the time zone or the folder it is built in.

No generated page (docs_src/) shows a build date: the generator reads no clock at all. The only
date that depends on the build is MkDocs' own `<lastmod>` in sitemap.xml, and MkDocs takes it from
SOURCE_DATE_EPOCH when that is set; with it set, two `mkdocs build` runs give identical site/ trees.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_site.config import GENERATED_DIRS, GENERATED_FILES
from tests.paths import PACKAGE_DIR as PACKAGE

GENERATED = {*GENERATED_DIRS, *GENERATED_FILES}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder: {relative path: bytes}."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_same_tree(a: Path, b: Path) -> None:
    ta, tb = tree(a), tree(b)
    assert ta.keys() == tb.keys(), f"files differ: {sorted(ta.keys() ^ tb.keys())[:10]}"
    differ = [k for k in ta if ta[k] != tb[k]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:5]}"


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ, CI="1", PYTHONUTF8="1")
    e.pop("SOURCE_DATE_EPOCH", None)
    e.update(extra)
    return e


def generate(root: Path, **extra: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "build_site", "--root", str(root), "--quiet", "--no-progress"],
        env=env(**extra),
        check=True,
        capture_output=True,
        timeout=600,
    )


@pytest.fixture()
def two_projects(tmp_path, copy_seeds, root):
    """Two copies of the project's seeds (with the URL record) in folders of different names."""
    out = []
    for name in ("first", "second copy"):
        project = tmp_path / name
        copy_seeds(project)
        shutil.copy2(root / "seeds" / "urls.yml", project / "seeds" / "urls.yml")
        out.append(project)
    return out


def test_two_builds_are_byte_identical(two_projects):
    """Separate processes with different hash seeds, clocks, time zones and folders: same bytes in
    docs_src/ (every page and downloads/corpus.json, figures.csv) and in the URL record."""
    a, b = two_projects
    generate(a, PYTHONHASHSEED="1", SOURCE_DATE_EPOCH="0", TZ="UTC", LANG="C.UTF-8")
    generate(
        b, PYTHONHASHSEED="2", SOURCE_DATE_EPOCH="2000000000", TZ="Asia/Almaty", LANG="ru_RU.UTF-8"
    )
    assert (a / "docs_src" / "downloads" / "corpus.json").exists() and (
        a / "docs_src" / "downloads" / "figures.csv"
    ).exists()
    assert len(tree(a / "docs_src")) > 20
    assert_same_tree(a / "docs_src", b / "docs_src")
    assert_same_tree(a / "seeds", b / "seeds")


def test_rebuild_into_another_docs_folder(tmp_path, copy_seeds, capsys):
    """In one process: a second build of the same seeds into another docs folder writes the same bytes."""
    from build_site.__main__ import main

    copy_seeds(tmp_path)
    for docs in ("docs-a", "docs-b"):
        assert (
            main(
                [
                    "--root",
                    str(tmp_path),
                    "--docs",
                    str(tmp_path / docs),
                    "--no-progress",
                    "--quiet",
                ]
            )
            == 0
        )
    capsys.readouterr()
    assert_same_tree(tmp_path / "docs-a", tmp_path / "docs-b")
    assert (tmp_path / "docs-a" / "downloads").is_dir()


def test_build_twice_in_process_gives_equal_pages(tmp_path, copy_seeds):
    from build_site.build import build
    from build_site.config import Config

    seeds = copy_seeds(tmp_path)
    config = Config(root=tmp_path, seeds=seeds, docs=tmp_path / "docs", progress=False)
    first, second = build(config).pages, build(config).pages
    assert list(first) == list(second)  # same order too
    assert first == second


#: Ways to read a clock or a random source. The generator must use none of them.
NONDETERMINISTIC = re.compile(
    r"\b(?:datetime\.(?:now|today|utcnow)|date\.today|\.today\(\)|\.now\(\)|time\.(?:time|time_ns|localtime|gmtime|ctime|strftime)\s*\("
    r"|import\s+random|from\s+random\s+import|\brandom\.[a-z_]+\(|\buuid\d?\b|os\.urandom|secrets\.|SystemRandom|getpid)"
)


def test_no_clock_or_randomness_in_the_package():
    """grep the package (code and templates) for clocks and random sources."""
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in {".py", ".j2", ".html", ".md", ".js"} or "__pycache__" in path.parts:
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0] if path.suffix == ".py" else line
            if NONDETERMINISTIC.search(code):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{no}: {line.strip()}")
    assert not found, "the build reads a clock or a random source:\n" + "\n".join(found)


def test_no_build_date_on_any_generated_page(tmp_path, copy_seeds, capsys, monkeypatch):
    """No generated page shows when it was built: not today's date, not SOURCE_DATE_EPOCH's."""
    from build_site.__main__ import main

    copy_seeds(tmp_path)
    epoch = dt.date(2001, 9, 9)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    assert main(["--root", str(tmp_path), "--no-progress", "--quiet"]) == 0
    capsys.readouterr()
    pages = tree(tmp_path / "docs_src")
    from build_site.link.urls import load_record

    event_dates = {
        u.split("/")[1][:10] for u in load_record(tmp_path / "seeds" / "urls.yml").urls.values()
    }
    for day in {dt.date.today(), epoch}:
        if day.isoformat() in event_dates:  # an event held that day legitimately shows it
            continue
        shapes = [
            day.isoformat(),
            f"{day.day} {day.strftime('%B')} {day.year}",
            f"{day.strftime('%B')} {day.day}, {day.year}",
        ]
        hits = [(name, s) for name, data in pages.items() for s in shapes if s.encode() in data]
        assert not hits, f"a generated page shows the build date: {hits[:3]}"


# --- the whole site, through MkDocs --------------------------------------------------------------


def site_project(dest: Path, root: Path, copy_seeds) -> Path:
    copy_seeds(dest)
    shutil.copy2(root / "seeds" / "urls.yml", dest / "seeds" / "urls.yml")
    shutil.copy2(root / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "build_site").symlink_to(root / "build_site", target_is_directory=True)
    shutil.copytree(
        root / "docs_src",
        dest / "docs_src",
        ignore=lambda d, names: GENERATED if Path(d) == root / "docs_src" else (),
    )
    return dest


@pytest.mark.slow
def test_site_is_reproducible_with_source_date_epoch(tmp_path, root, copy_seeds):
    """Two `mkdocs build` runs (different hash seeds and folders) with SOURCE_DATE_EPOCH set give the
    same site/ byte for byte; the sitemap's <lastmod> is SOURCE_DATE_EPOCH's date."""
    sites = []
    for i, name in enumerate(("one", "two"), 1):
        project = site_project(tmp_path / name, root, copy_seeds)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"],
            cwd=project,
            env=env(SOURCE_DATE_EPOCH="1700000000", PYTHONHASHSEED=str(i)),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        sites.append(project / "site")
    assert_same_tree(*sites)
    import gzip

    sitemap = (sites[0] / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2023-11-14"}
    assert gzip.decompress((sites[0] / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


# --- the progress bar: on a terminal only ------------------------------------------------------------


def _run_on_terminal(args: list[str], environ: dict[str, str]) -> str:
    """Run a command with stdout and stderr on a pseudo-terminal of 100 columns; what it printed."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen(
        args, stdin=slave, stdout=slave, stderr=slave, env=environ, close_fds=True
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=600)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_only_on_a_terminal(tmp_path, copy_seeds):
    copy_seeds(tmp_path)
    args = [sys.executable, "-m", "build_site", "--root", str(tmp_path)]
    interactive = {k: v for k, v in env().items() if k != "CI"}
    shown = _run_on_terminal(args, interactive)
    assert re.search(r"seeds:\s+\d+%\|", shown), f"no progress bar on a terminal: {shown[:300]!r}"
    assert "build-site: " in shown
    # CI=true on a terminal, and a pipe without CI: no bar, and the same bytes every time
    assert "%|" not in _run_on_terminal(args, dict(interactive, CI="true"))
    piped = [
        subprocess.run(args, env=interactive, capture_output=True, text=True, timeout=600)
        for _ in range(2)
    ]
    assert "%|" not in piped[0].stderr and "\r" not in piped[0].stderr
    assert piped[0].stderr == piped[1].stderr and piped[0].stderr.rstrip().splitlines()[
        -1
    ].startswith("build-site: ")
