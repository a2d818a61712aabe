"""Every input the build reads says what is wrong the same way: one line `file:line: error: …`.

Each case copies the data folder and the seeds to a temporary project, breaks one entry of one
file (every vocabulary, indicators.yml, series.yml, the URL record seeds/urls.yml, a sidecar) and
runs `python -m build_site --root TMP --data TMP/data` in-process: the build goes on, prints its
summary, names the file and line of the one problem, fails with --strict, and never shows a
traceback.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_site import __main__ as cli
from build_site.config import DATA_DIR
from tests.paths import SEEDS_DIR

SUMMARY = re.compile(r"^build-site: \d+ events from \d+ seeds; (\d+) errors, ")
#: A seed without a sidecar of its own.
PLAIN_SEED = "000_706b5c0bd46f7f98"


def insert_after(path: Path, pattern: str, new_line: str) -> int:
    """Insert new_line after the first line matching pattern; returns its (1-based) line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    k = next(i for i, line in enumerate(lines) if re.match(pattern, line))
    lines.insert(k + 1, new_line + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return k + 2


def replace_line(path: Path, pattern: str, new_line: str) -> int:
    """Replace the first line matching pattern; returns its (1-based) line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    k = next(i for i, line in enumerate(lines) if re.match(pattern, line))
    lines[k] = new_line + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return k + 1


def unknown_key(name: str):
    """An entry with a key the file does not allow."""
    return lambda root: (name, insert_after(root / "data" / name, r"- id: ", "  colour: red"))


def bad_regex(name: str, key: str):
    """An entry whose first pattern is not a regular expression."""

    def brk(root: Path) -> tuple[str, int]:
        path = root / "data" / name
        return name, insert_after(path, rf"\s*{key}:\s*$", "    - '(unclosed'")

    return brk


def bad_yaml(name: str):
    """An entry that is not valid YAML (an unclosed bracket): the parser notices on the next line."""
    return lambda root: (
        name,
        replace_line(root / "data" / name, r"- id: ", "- id: [unclosed") + 1,
    )


def bad_url(root: Path) -> tuple[str, int]:
    return "urls.yml", insert_after(root / "seeds" / "urls.yml", r"urls:", "  bad.txt#0: [1, 2]")


def bad_author(root: Path) -> tuple[str, int]:
    sidecar = root / "seeds" / f"{PLAIN_SEED}.yml"
    sidecar.write_text("publisher: Kremlin\nauthor: no-such-person\n", encoding="utf-8")
    return sidecar.name, 2


CASES = {
    "persons-unknown-key": unknown_key("persons.yml"),
    "places-unknown-key": unknown_key("places.yml"),
    "topics-unknown-key": unknown_key("topics.yml"),
    "organisations-unknown-key": unknown_key("organisations.yml"),
    "indicators-unknown-key": unknown_key("indicators.yml"),
    "indicators-bad-pattern": bad_regex("indicators.yml", "patterns"),
    "indicators-bad-yaml": bad_yaml("indicators.yml"),
    "series-unknown-key": unknown_key("series.yml"),
    "series-bad-name": bad_regex("series.yml", "names"),
    "organisations-bad-yaml": bad_yaml("organisations.yml"),
    "urls-bad-entry": bad_url,
    "sidecar-bad-author": bad_author,
}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path


def run(project: Path, capsys, *args: str) -> tuple[int, list[str]]:
    code = cli.main(
        ["--root", str(project), "--data", str(project / "data"), "--no-progress", *args]
    )
    out, err = capsys.readouterr()
    return code, (out + err).splitlines()


@pytest.mark.parametrize("case", CASES)
def test_a_broken_entry_is_one_line_with_file_and_line(project, capsys, case):
    name, line = CASES[case](project)
    before = (project / "seeds" / "urls.yml").read_bytes()
    code, output = run(project, capsys)
    assert not any("Traceback" in l for l in output), "\n".join(output)
    errors = [l for l in output if re.search(r": error: ", l)]
    assert len(errors) == 1, "\n".join(errors)
    assert re.match(rf"(?:.*/)?{re.escape(name)}:{line}: error: \S", errors[0]), errors[0]
    summary = SUMMARY.match(output[-1])
    assert summary and summary[1] == "1", output[-1]  # the build went on to its summary
    assert code == 1
    if name == "urls.yml":  # a broken record is left for a person to fix, never rewritten
        assert (project / "seeds" / "urls.yml").read_bytes() == before
    code, output = run(project, capsys, "--strict")
    assert code == 1 and "FAILED" in output[-1]
    assert not any("Traceback" in l for l in output)


def test_the_untouched_project_has_no_error(project, capsys):
    code, output = run(project, capsys, "--strict")
    assert code == 0, "\n".join(output)
