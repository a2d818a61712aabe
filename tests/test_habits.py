"""Habits the project keeps: lint, format and type checks pass, and the README documents every
sidecar key and every command-line option (as sqlite-utils checks its docs against its CLI).

The tools are configured in pyproject.toml; a test whose tool is not installed is skipped with a
message (`pip install -e ".[test]"` installs them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_site.__main__ import parser
from build_site.read.sidecar import SIDECAR
from tests.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def tool(name: str) -> list[str]:
    """The command for a Python tool: beside this interpreter, else on PATH, else skip."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return [found]


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"]],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_passes(command):
    result = subprocess.run(
        tool(command[0]) + command[1:], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr


def section(title: str) -> str:
    """The README's section under `## title`, up to the next `## ` heading."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert m, f"README.md has no '## {title}' section"
    return m[1]


@pytest.mark.parametrize("key", SIDECAR, ids=[k.name for k in SIDECAR])
def test_every_sidecar_key_is_in_the_readme(key):
    """Declared once in build_site/read/sidecar.py; the README's sidecar example shows each key."""
    assert re.search(rf"^\s*{key.name}:", section("Adding a seed"), re.M), (
        f"README.md, 'Adding a seed': the sidecar example lacks '{key.name}:' ({key.doc})"
    )


def test_the_readme_shows_no_unknown_sidecar_key():
    block = re.search(r"```yaml\n(.*?)```", section("Adding a seed"), re.S)
    assert block, "README.md, 'Adding a seed': no ```yaml sidecar example"
    shown = set(re.findall(r"^(\w+):", block[1], re.M))
    assert shown <= {k.name for k in SIDECAR}, shown - {k.name for k in SIDECAR}


OPTIONS = [o for a in parser()._actions for o in a.option_strings if o.startswith("--")]


@pytest.mark.parametrize("option", [o for o in OPTIONS if o != "--help"])
def test_every_cli_option_is_in_the_readme(option):
    assert re.search(rf"`python -m build_site[^`]*{re.escape(option)}\b", README), (
        f"README.md does not show `python -m build_site {option}`"
    )
