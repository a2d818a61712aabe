"""The README's set-up commands, and CI running exactly the README's test command."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.paths import ROOT

README = ROOT / "README.md"
CI = ROOT / ".ci" / "run"


def first_block() -> tuple[str, list[str], str]:
    """(text before the first fenced block, its lines, its info string)."""
    text = README.read_text(encoding="utf-8")
    m = re.search(r"^```([^\n]*)\n(.*?)^```\s*$", text, re.M | re.S)
    assert m, "README.md has no fenced code block"
    return text[: m.start()], m.group(2).splitlines(), m.group(1).strip()


def setup_commands() -> list[str]:
    _, lines, _ = first_block()
    return [l for l in lines if l.strip()]


def test_readme_starts_with_the_setup_block():
    before, _, info = first_block()
    assert info == "sh"
    # nothing but the title comes before the commands
    assert [l for l in before.splitlines() if l.strip() and not l.startswith("# ")] == []


def test_exactly_two_setup_commands():
    _, lines, _ = first_block()
    assert len(lines) == 2 and all(l.strip() for l in lines), lines
    build, test = lines
    assert "pip install -e ." in build and "mkdocs build" in build
    assert 'pip install -e ".[test]"' in test and "pytest" in test
    for command in lines:
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
        assert not command.rstrip().endswith("\\")


def ci_extract_python() -> str:
    """What .ci/run's sed pipeline selects, computed in Python: the 2nd line inside ```sh blocks."""
    inside, picked = False, []
    for line in README.read_text(encoding="utf-8").splitlines():
        if not inside and line == "```sh":
            inside = True
            continue
        if inside and line == "```":
            inside = False
            continue
        if inside:
            picked.append(line)
    return picked[1]


def test_ci_script_extracts_the_readme_test_command():
    script = CI.read_text(encoding="utf-8")
    m = re.search(r"^test_command=\$\((.*)\)\s*$", script, re.M)
    assert m, ".ci/run no longer sets test_command"
    assert "README.md" in m.group(1)
    assert ci_extract_python() == setup_commands()[1]


@pytest.mark.skipif(
    not (shutil.which("bash") and shutil.which("sed") and shutil.which("grep")),
    reason="needs bash, sed and grep",
)
def test_ci_extraction_run_for_real():
    script = CI.read_text(encoding="utf-8")
    pipeline = re.search(r"^test_command=\$\((.*)\)\s*$", script, re.M).group(1)
    out = subprocess.run(
        ["bash", "-c", pipeline], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip("\n") == setup_commands()[1]


def test_ci_runs_the_command_and_treats_no_tests_as_failure():
    script = CI.read_text(encoding="utf-8")
    assert re.search(r'bash -c "\$test_command"', script)
    assert re.search(r'"\$status" -eq 5', script)


def test_readme_documents_the_anchor_scheme(site):
    text = README.read_text(encoding="utf-8")
    for anchor in (
        "#putin-2",
        "#putin-2-p3",
        "#tokayev-1",
        "#question-1",
        "#narration-1-p2",
        "#lead-p1",
    ):
        assert f"`{anchor}`" in text
    anchors = {s.anchor for e in site.corpus.events for s in e.speeches} | {
        p.anchor for e in site.corpus.events for p in e.paragraphs
    }
    assert {"tokayev-1", "narration-1", "narration-1-p2", "lead-p1"} <= anchors
